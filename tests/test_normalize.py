"""The normalizer: each step on the messy forms real lists use."""

from __future__ import annotations

import pytest

from awesome_parse.model import RawEntry, RawLink, SkipReason, Span
from awesome_parse.normalize import (
    NormalizeContext,
    clean_title,
    default_steps,
    find_legend,
    normalize,
    parse_date,
    split_authors,
)


@pytest.mark.parametrize(
    ("text", "iso"),
    [
        ("February. 2023", "2023-02"),
        ("Oct.2023", "2023-10"),
        ("Sep. 2021", "2021-09"),
        ("May 2023", "2023-05"),
        ("2022/02", "2022-02"),
        ("2023/3", "2023-03"),
        ("2024-04-29", "2024-04-29"),
        ("2023", "2023"),
        ("[2024/05/02]", "2024-05-02"),
        ("9/04/24", "2024-09-04"),
        ("11 Aug, 2025", "2025-08-11"),
        ("2023年5月", "2023-05"),
        ("2024.06", "2024-06"),
    ],
)
def test_parse_date(text: str, iso: str) -> None:
    assert parse_date(text) == iso


@pytest.mark.parametrize("text", ["11.23", "speaker", "", "13/45/99", "2023-13"])
def test_parse_date_rejects(text: str) -> None:
    assert parse_date(text) in (None, "2023")


@pytest.mark.parametrize(
    ("text", "names", "affiliations"),
    [
        ("Jared Kaplan, Sam McCandlish, Dario Amodei.", ["Jared Kaplan", "Sam McCandlish", "Dario Amodei"], []),
        ("Vaswani, Ashish and Shazeer, Noam.", ["Vaswani, Ashish", "Shazeer, Noam"], []),
        ("Yu Sun, Xinhao Li, Sanmi Koyejo, et al.", ["Yu Sun", "Xinhao Li", "Sanmi Koyejo"], []),
        (
            "Matthew E. Peters, Mark Neumann and Luke Zettlemoyer",
            ["Matthew E. Peters", "Mark Neumann", "Luke Zettlemoyer"],
            [],
        ),
        ("Noah Shinn (Northeastern University) et al. arXiv.", ["Noah Shinn"], ["Northeastern University"]),
        ("Google.", ["Google"], []),
    ],
)
def test_split_authors(text: str, names: list[str], affiliations: list[str]) -> None:
    assert split_authors(text)[:2] == (names, affiliations)


@pytest.mark.parametrize(
    ("raw", "clean"),
    [
        ("Scaling laws for neural language models.", "Scaling laws for neural language models"),
        ('"Exploring the Limits of Transfer Learning"', "Exploring the Limits of Transfer Learning"),
        ("“Quoted title.”", "Quoted title"),
        ("TRAIN SHORT,\nTEST LONG", "TRAIN SHORT, TEST LONG"),
        ("Vicuna ... 90%*", "Vicuna ... 90%*"),
        ("Paper", None),
        ("https://arxiv.org/pdf/2307.09288.pdf", None),
        ("……", None),
    ],
)
def test_clean_title(raw: str, clean: str | None) -> None:
    assert clean_title(raw) == clean


def test_legend() -> None:
    assert find_legend(["\\*: not a paper", "† : Non-paper", "x: not a paper"]) == {"*": "non-paper", "†": "non-paper"}


def _entry(fields: list[tuple[str, str]], links: list[RawLink]) -> RawEntry:
    return RawEntry(format="test", span=Span("R.md", 7), section=("Top", "2025"), fields=fields, links=links)


def test_source_cell_splits_venue_and_affiliation() -> None:
    raw = _entry(
        [("title", "A"), ("venue", "Arxiv2023'Tongji University")],
        [RawLink("https://arxiv.org/abs/2312.10997", "A", "title")],
    )
    paper, diags = normalize(raw)
    assert paper is not None and not diags
    assert (paper.venue, paper.affiliations, paper.year) == ("Arxiv2023", ("Tongji University",), 2023)
    assert (paper.arxiv_id, paper.url) == ("2312.10997", "https://arxiv.org/abs/2312.10997")


def test_arxiv_colon_venue() -> None:
    raw = _entry(
        [("title", "A"), ("venue", "arXiv:2311.12320")], [RawLink("https://arxiv.org/abs/2311.12320", "A", "title")]
    )
    paper, _ = normalize(raw)
    assert paper is not None and paper.venue == "arXiv"


def test_year_heading_fills_missing_year_and_title_venue() -> None:
    raw = _entry([("title", "A paper")], [RawLink("https://openreview.net/forum?id=abc", None, "title")])
    paper, _ = normalize(raw, NormalizeContext("R.md", "Awesome CVPR 2024 Papers"))
    assert paper is not None and (paper.year, paper.venue) == (2025, "CVPR 2024")


def test_invalid_arxiv_link_is_a_diagnostic_not_an_id() -> None:
    raw = _entry([("title", "RAG")], [RawLink("https://arxiv.org/abs/2005.114010", "RAG", "title")])
    paper, diags = normalize(raw)
    assert paper is not None and paper.arxiv is None and paper.url == "https://arxiv.org/abs/2005.114010"
    assert [d.code for d in diags] == ["AP101"]
    assert str(diags[0]).startswith("R.md:7:1: AP101 arXiv link with an invalid id")


def test_main_link_prefers_paper_over_code() -> None:
    raw = _entry(
        [("title", "T")],
        [RawLink("https://github.com/a/b", "Code"), RawLink("https://arxiv.org/pdf/2401.00368", "PDF")],
    )
    paper, _ = normalize(raw)
    assert paper is not None and paper.url == "https://arxiv.org/pdf/2401.00368"
    assert [link.kind for link in paper.links] == ["code", "pdf"]


def test_doi_is_lowercased_and_arxiv_doi_becomes_arxiv() -> None:
    raw = _entry([("title", "T")], [RawLink("https://doi.org/10.1145/3394486.3406703", "Paper")])
    paper, _ = normalize(raw)
    assert paper is not None and paper.doi == "10.1145/3394486.3406703"
    raw = _entry([("title", "T")], [RawLink("https://doi.org/10.48550/arXiv.2304.01746", "Paper")])
    paper, _ = normalize(raw)
    assert paper is not None and paper.doi is None and paper.arxiv_id == "2304.01746"


def test_nothing_identifies_a_paper() -> None:
    paper, _ = normalize(_entry([("venue", "ICML")], []))
    assert paper is None


def test_an_entry_that_normalizes_to_nothing_is_reported_with_its_text() -> None:
    # a row with a nickname and a project link, no title and no paper
    text = (
        "# Data\n\n| Title | a.k.a | Paper | Project |\n|---|---|---|---|\n"
        "| Attention Is All You Need | Transformer | [paper](https://arxiv.org/abs/1706.03762) | - |\n"
        "| - | OIG | - | [project](https://github.com/LAION-AI/Open-Instruction-Generalist) |\n"
    )
    from awesome_parse import parse_text

    result = parse_text(text, path="d.md")
    assert [p.title for p in result.papers] == ["Attention Is All You Need"]
    (skip,) = result.skipped
    assert skip.span.line == 6 and skip.reason is SkipReason.NO_TITLE_OR_PAPER_LINK
    assert skip.text == "OIG | https://github.com/LAION-AI/Open-Instruction-Generalist"


@pytest.mark.parametrize("name", default_steps().names())
def test_any_step_can_be_disabled(name: str) -> None:
    """A user who turns one step off still gets papers; later steps read earlier ones with defaults."""
    from awesome_parse import parse_text

    steps = default_steps()
    steps.disable(name)
    text = "## 2023\n\n- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314), Tim Dettmers, Artidoro Pagnoni. NeurIPS 2023.\n"
    result = parse_text(text, steps=steps)
    assert len(result.papers) == 1
    paper = result.papers[0]
    if name != "title":
        assert paper.title == "QLoRA: Efficient Finetuning of Quantized LLMs"
    if name != "links":
        assert paper.url == "https://arxiv.org/abs/2305.14314"
