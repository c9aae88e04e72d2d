"""Exports of the merged seeds: every format reads back through its own reader; escaping."""

from __future__ import annotations

import json
from pathlib import Path

import bibtexparser
import pytest

from awesome_parse import parse_file
from awesome_parse.errors import AwesomeParseError
from awesome_parse.export import dumps, loads, write_atomic
from awesome_parse.export import parquet as parquet_mod
from awesome_parse.merge import merge
from awesome_parse.model import Paper, Source

from .conftest import SEEDS


@pytest.fixture(scope="module")
def merged() -> tuple[Paper, ...]:
    papers: list[Paper] = []
    for path in SEEDS:
        papers.extend(parse_file(path).papers)
    return merge(papers).papers


@pytest.mark.parametrize("fmt", ["json", "jsonl", "csv", "parquet", "csljson"])
def test_lossless_round_trip(merged: tuple[Paper, ...], fmt: str) -> None:
    assert tuple(loads(dumps(merged, fmt), fmt)) == merged


def _bib_fields(p: Paper) -> tuple[object, ...]:
    return (p.title, p.authors, p.year, p.arxiv, p.doi, p.tags, p.kind)


def test_bibtex_round_trip_of_what_bibtex_holds(merged: tuple[Paper, ...]) -> None:
    back = loads(dumps(merged, "bibtex"), "bibtex")
    assert [_bib_fields(p) for p in back] == [_bib_fields(p) for p in merged]


def test_bibtex_parses_with_a_bibtex_library(merged: tuple[Paper, ...]) -> None:
    text = dumps(merged, "bibtex")
    assert isinstance(text, str)
    library = bibtexparser.parse_string(text)
    assert not library.failed_blocks
    assert len(library.entries) == len(merged)
    keys = [e.key for e in library.entries]
    assert len(set(keys)) == len(keys)
    arxiv = [e for e in library.entries if "eprint" in e.fields_dict]
    assert all(e.fields_dict["archivePrefix"].value == "arXiv" for e in arxiv)


def test_bibtex_escapes_latex_specials() -> None:
    p = Paper(title="100% of $x_1$ & {y} #1 ~ ^ \\", authors=["Émile Zola"], year=2020, source=Source("a.md", 1))
    text = dumps([p], "bibtex")
    assert isinstance(text, str)
    assert r"100\% of \$x\_1\$ \& \{y\} \#1 \textasciitilde{} \textasciicircum{} \textbackslash{}" in text
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry.key == "zola2020100"
    assert loads(text, "bibtex")[0].title == p.title


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "\tx", "'=x"])
def test_csv_neutralizes_formula_cells(value: str) -> None:
    p = Paper(title=value, venue=value, source=Source("a.md", 1))
    text = dumps([p], "csv")
    assert isinstance(text, str)
    row = text.splitlines()[1]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in row.split(","))
    assert loads(text, "csv")[0].title == value


def test_html_in_titles_is_text_in_every_export() -> None:
    p = Paper(title="<script>alert(1)</script> A", source=Source("a.md", 1))
    for fmt in ("json", "jsonl", "csv", "csljson", "bibtex"):
        back = loads(dumps([p], fmt), fmt)
        assert back[0].title == p.title


def test_json_schema_has_sources_conflicts_provenance(merged: tuple[Paper, ...]) -> None:
    data = json.loads(dumps(merged, "json"))  # type: ignore[arg-type]
    instruct = next(d for d in data if d["arxiv_id"] == "2203.02155")
    assert len(instruct["sources"]) == 3 and instruct["conflicts"] and "title" in instruct["provenance"]


def test_csl_json_shape(merged: tuple[Paper, ...]) -> None:
    items = json.loads(dumps(merged, "csljson"))  # type: ignore[arg-type]
    assert all({"id", "type"} <= set(item) for item in items)
    attention = next(i for i in items if i.get("number") == "1706.03762")
    assert attention["author"][0] == {"family": "Vaswani", "given": "Ashish"}
    assert attention["issued"] == {"date-parts": [[2017]]}


def test_parquet_without_pyarrow_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(AwesomeParseError, match=r"pip install 'awesome-parse\[parquet\]'"):
        parquet_mod.dumps([Paper(title="x")])


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_write_atomic_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new content that never lands\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]
