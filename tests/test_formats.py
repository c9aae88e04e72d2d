"""Each format parser against handwritten cases: ``tests/cases/<format>/<name>.md`` + ``.json``.

A case's JSON lists the papers expected (by source line, in order when one line
holds several) with the fields to check, and the lines that must be reported as
skipped.  Every paper the parser returns must be expected: nothing extra,
nothing missing.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from awesome_parse import parse_text
from awesome_parse.model import Paper

from .conftest import CASES

CASE_FILES = sorted(
    p for p in CASES.glob("*/*.md") if p.parent.name != "known-failures" and p.with_suffix(".json").exists()
)
KNOWN_FAILURES = sorted((CASES / "known-failures").glob("*.md"))


def _value(paper: Paper, key: str) -> Any:
    data = paper.to_dict()
    if key == "links":
        return [link["url"] for link in data["links"] if link["url"] != paper.url]
    if key == "link_kinds":
        return [link["kind"] for link in data["links"]]
    if key == "has_summary":
        return bool(paper.summary)
    return data[key]


def _check(path: Path) -> None:
    expected = json.loads(path.with_suffix(".json").read_text(encoding="utf-8"))
    result = parse_text(path.read_text(encoding="utf-8"), path=path.name)
    # papers by line, in order (one item may hold several citations on one line)
    lines = [p.source.line for p in result.papers if p.source]
    assert sorted(lines) == sorted(e["line"] for e in expected["papers"]), "papers by line"
    seen: dict[int, int] = {}
    for want in expected["papers"]:
        k = seen[want["line"]] = seen.get(want["line"], -1) + 1
        paper = [p for p in result.papers if p.source and p.source.line == want["line"]][k]
        for key, value in want.items():
            if key != "line":
                assert _value(paper, key) == value, f"line {want['line']} {key}"
    assert sorted({s.span.line for s in result.skipped}) == sorted(expected["skipped"]), "skipped lines"


@pytest.mark.parametrize("path", CASE_FILES, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_case(path: Path) -> None:
    _check(path)


@pytest.mark.parametrize("path", KNOWN_FAILURES, ids=lambda p: p.stem)
@pytest.mark.xfail(strict=True, reason="known limitation, documented in the case file")
def test_known_failure(path: Path) -> None:
    _check(path)
