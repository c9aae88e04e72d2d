"""The five seed READMEs: what each family of format must give.

The hand-checked gold in ``../shared/gold/seeds.json`` is compared field by field
when present; the checks below it need only the fixtures.
"""

from __future__ import annotations

import json
import re
import unicodedata

import pytest

from awesome_parse import parse_file
from awesome_parse.model import SkipReason

from .conftest import GOLD, SEEDS, needs_shared, seed


def _ws(text: str | None) -> str | None:
    return None if text is None else re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip()


@needs_shared
@pytest.mark.parametrize("path", SEEDS, ids=lambda p: p.name[:3])
def test_seed_against_gold(path) -> None:  # type: ignore[no-untyped-def]
    gold = json.loads(GOLD.read_text(encoding="utf-8"))["files"][path.name]
    papers = {p.source.line: p for p in parse_file(path).papers}
    assert sorted(papers) == sorted(g["line"] for g in gold)
    for g in gold:
        p = papers[g["line"]]
        assert (p.arxiv_id, p.kind) == (g["arxiv_id"], g["kind"]), g["line"]
        if g["title"] is not None:
            assert _ws(p.title) == _ws(g["title"]), g["line"]
        for key in ("year", "date"):
            if key in g:
                assert getattr(p, key) == g[key], (g["line"], key)
        if "authors" in g:
            assert list(p.authors) == g["authors"], g["line"]
        if "alias" in g:
            assert g["alias"].casefold() in [a.casefold() for a in p.aliases], g["line"]
        if "tags" in g:
            assert sorted(t.casefold() for t in p.tags) == sorted(t.casefold() for t in g["tags"]), g["line"]


def test_html_table_seed() -> None:
    result = parse_file(seed("000"))
    by_line = {p.source.line: p for p in result.papers}
    assert len(result.papers) == 26
    assert by_line[78].venue == "Arxiv2023" and by_line[78].affiliations == ("Tongji University",)
    assert by_line[88].link("video") == "https://www.bilibili.com/video/BV14i4y1q74H/"
    assert by_line[290].link("code") == "https://github.com/Chinese-Tiny-LLM/Chinese-Tiny-LLM"
    assert by_line[68].summary is None and by_line[397].summary
    assert [p.arxiv_id for p in result.papers].count("2311.12320") == 2
    placeholder_lines = {s.span.line for s in result.skipped if s.reason is SkipReason.PLACEHOLDER_ROW}
    assert {110, 446, 467} <= placeholder_lines
    # the workshops table (Theme | Source | Link | Other) holds no papers and says so once
    assert any(s.span.line == 37 and s.reason is SkipReason.NOT_PAPER_TABLE for s in result.skipped)


def test_key_value_seed() -> None:
    papers = {p.source.line: p for p in parse_file(seed("001")).papers}
    assert papers[25].title is None and papers[25].aliases == ("llama2",)
    assert papers[29].arxiv_id == "2312.00752"  # ftp URL form
    assert papers[116].kind == "non-paper" and papers[116].aliases == ("基础知识",)
    assert papers[49].aliases == ()  # under a level-1 heading: no alias
    assert papers[143].arxiv.version == 1  # type: ignore[union-attr]


def test_pipe_table_seed() -> None:
    result = parse_file(seed("002"))
    papers = {p.source.line: p for p in result.papers}
    assert len(papers) == 98
    assert papers[10].kind == "non-paper" and papers[10].title.startswith("Alpaca")  # type: ignore[union-attr]
    assert papers[11].title == "Vicuna: An Open-Source Chatbot Impressing GPT-4 with 90%* ChatGPT Quality"
    assert papers[62].title == "Extending Context is Hard…but not Impossible"  # repaired mojibake
    assert papers[76].url == "arxiv.org/abs/2310.12036" and papers[76].aliases == ("ΨPO",)
    assert papers[34].affiliations == ("NC univ. @chapel hill",)
    assert papers[18].tags == ("Finetuning", "dDPO", "distilled")


def test_chinese_headers_seed() -> None:
    papers = {p.source.line: p for p in parse_file(seed("003")).papers}
    assert len(papers) == 46
    assert papers[79].venue == "CVPR 2024 Highlight" and papers[79].year == 2023
    assert papers[146].year == 2023 and papers[146].arxiv_id is None
    assert papers[111].venue == "OpenAI技术报告"
    assert papers[74].link("project") == "https://github.com/showlab/Awesome-MLLM-Hallucination"


def test_numbered_citations_seed() -> None:
    papers = {p.source.line: p for p in parse_file(seed("004")).papers}
    assert len(papers) == 41
    assert papers[25].authors[0] == "Vaswani, Ashish"
    assert papers[142].authors[-1] == "Sanmi Koyejo"
    assert papers[108].title == "Vicuna: An Open-Source Chatbot Impressing GPT-4 with 90%* ChatGPT Quality"
    assert papers[81].url.startswith("https://proceedings.neurips.cc/")  # type: ignore[union-attr]
