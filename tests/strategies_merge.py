"""Hypothesis strategies for merging: records that collide on every key the merge reads."""

from __future__ import annotations

from hypothesis import strategies as st

from awesome_parse.model import Link, Paper, Source

TITLES = st.sampled_from(
    [
        "Alpha Paper",
        "alpha paper",
        "ALPHA PAPER",
        "Alpha Paper: A Study",
        "Beta Network for Things",
        "Gamma: Scaling Laws",
        "Gamma: Another Thing Entirely",
        "Transformer",
        "Attention Is All You Need",
        "大语言模型综述",
        "AlexNet",
        "Al\u00adex\u200bNet",
        "!!!",
    ]
)
ARXIV = st.sampled_from(["2401.00001", "2401.00002", "2401.00002v2", "2305.14314v3", "hep-th/9901001"])
URLS = st.sampled_from(
    [
        "https://papers.nips.cc/paper/4824-imagenet.pdf",
        "https://www.papers.nips.cc/paper/4824-imagenet.pdf/",
        "https://arxiv.org/abs/2401.00001",
        "https://example.org/a",
        "https://aclanthology.org/N19-1423.pdf",
        "https://openreview.net/forum?id=abc123",
    ]
)
WORD = st.sampled_from(["a", "b", "c"])


@st.composite
def merge_papers(draw: st.DrawFn) -> Paper:
    """One record with a random subset of fields, drawn from small pools so that records meet."""
    url = draw(st.one_of(st.none(), URLS))
    links = draw(st.lists(st.builds(Link, st.sampled_from(["paper", "code", "pdf"]), URLS), max_size=2))
    return Paper(
        title=draw(st.one_of(st.none(), TITLES)),
        arxiv=draw(st.one_of(st.none(), ARXIV)),
        doi=draw(st.one_of(st.none(), st.sampled_from(["10.1/x", "10.1/X", "10.2/y"]))),
        url=url,
        links=links,
        authors=draw(st.lists(st.sampled_from(["Ann Lee", "Bo Wu", "Cy Ng"]), max_size=3, unique=True)),
        et_al=draw(st.booleans()),
        year=draw(st.one_of(st.none(), st.integers(2017, 2025))),
        date=draw(st.one_of(st.none(), st.sampled_from(["2024-01", "2024-01-05", "2023"]))),
        venue=draw(st.one_of(st.none(), st.sampled_from(["arXiv", "ICLR 2024", "NeurIPS"]))),
        aliases=draw(st.lists(WORD, max_size=2)),
        tags=draw(st.lists(WORD, max_size=2)),
        affiliations=draw(st.lists(WORD, max_size=1)),
        summary=draw(st.one_of(st.none(), st.sampled_from(["short", "a longer summary"]))),
        kind=draw(st.sampled_from(["paper", "paper", "non-paper"])),
        source=Source(draw(st.sampled_from(["a.md", "b.md", "c/d.md"])), draw(st.integers(1, 30))),
        provenance=draw(st.sampled_from([(), (("title", "bold_title"),), (("authors", "italic_runs"),)])),
    )


paper_lists = st.lists(merge_papers(), max_size=14)
