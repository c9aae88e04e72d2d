"""Hostile and broken input: every case finishes and either parses or fails with one clear line.

These are the small versions; the large ones (50 MB, 100,000 rows, 10,000 levels)
and their growth are measured by ``benchmarks/run.py --only hostile``.
"""

from __future__ import annotations

import codecs
import json
from pathlib import Path

import pytest

from awesome_parse import parse_bytes, parse_text
from awesome_parse.cli import main
from awesome_parse.errors import InputError
from awesome_parse.lint import lint_text

CASES = {
    "pipe table of 5000 rows": lambda: (
        "| Title | V |\n|---|---|\n"
        + "".join(f"| [Paper {k} on things](https://arxiv.org/abs/2401.{k:05d}) | arXiv |\n" for k in range(5000))
    ),
    "HTML nested 10000 levels": lambda: (
        "<table><tr><td>" + "<div>" * 10000 + "x" + "</div>" * 10000 + "</td></tr></table>"
    ),
    "table cell nested 3000 levels": lambda: (
        "<table><tr><td>" + "<b>" * 3000 + "<a href='https://arxiv.org/abs/2401.00001'>T</a></td></tr></table>"
    ),
    "one 1 MB line": lambda: "- " + "word " * 200_000,
    "run of [": lambda: "[" * 100_000,
    "run of *": lambda: "*" * 100_000,
    "run of |": lambda: "|" * 100_000 + "\n|---|\n" + "|" * 100_000,
    "run of <a ": lambda: "<a " * 100_000,
    "run of `": lambda: "`" * 100_000,
    "run of \\": lambda: "\\" * 100_000,
    "run of ](": lambda: "](" * 50_000,
    "nested lists": lambda: "- " * 10_000 + "x",
    "nested quotes": lambda: ">" * 10_000 + " x",
    "many headings": lambda: "".join(f"{'#' * (1 + k % 6)} h{k}\n" for k in range(20_000)),
    "unclosed table": lambda: "<table>\n" + "<tr><td>a\n" * 2000,
    "lone surrogates": lambda: "- [A \ud800 title](https://arxiv.org/abs/2401.00001)\n\udfff",
    "control characters": lambda: "".join(chr(c) for c in range(32)) * 100,
    "long cells for the date, venue and year rules": lambda: (
        "| Title | Date | Venue |\n|---|---|---|\n"
        + "| [A Good Title Here](https://arxiv.org/abs/2401.00001) | Jan"
        + " " * 50_000
        + "x | a"
        + " " * 50_000
        + "'x |\n"
        + "- [A Good Title Here](https://arxiv.org/abs/2401.00002) 2020"
        + " " * 50_000
        + "x\n"
    ),
    "html table line of 50000 <a": lambda: "<table><tr><td>" + "<a " * 50_000 + "</td></tr></table>",
    "whitespace runs in every construct": lambda: "\n".join(
        prefix + " " * 20_000 + suffix
        for prefix, suffix in [
            ("- **Paper**", "x"),
            ("- ", "2020 x"),
            ("1. **T**. *A*", "x"),
            ("| a |", "| b"),
            ("- [x](u) -", "y"),
            ("<table><tr><td>Jan", "</td></tr></table>"),
            ("\\*", ": not a paper x"),
            ("- [2024/01]", "x"),
            ("<!-- awesome-parse: ignore", "x"),
            ("# ", "x"),
            ("[", "](https://arxiv.org/abs/2401.00001)"),
        ]
    ),
    "separator runs in titles": lambda: (
        "- **a"
        + " ," * 20_000
        + " b** [p](https://arxiv.org/abs/2401.00001)\n"
        + "- Title"
        + " ," * 20_000
        + " https://arxiv.org/abs/2401.00002\n"
    ),
    "10,000 quoted citations in one item": lambda: (
        "- " + " ".join(f'"Title number {k} here" [[paper](https://arxiv.org/abs/2401.{k:05d})]' for k in range(10_000))
    ),
    "20,000 links in one HTML list item": lambda: (
        "<ul><li>"
        + " ".join(f'<a href="https://arxiv.org/abs/2401.{k:05d}">p</a>' for k in range(20_000))
        + "</li></ul>"
    ),
    "10,000 key lines in one item": lambda: (
        "- **Paper:** https://arxiv.org/abs/2401.00001"
        + "".join(f"<br>**Code:** https://github.com/a/b{k}" for k in range(10_000))
    ),
    "HTML list nested 2000 levels": lambda: "<ul>" + "<li><a href='https://arxiv.org/abs/2401.00001'>T</a><ul>" * 2000,
    "mixed scripts": lambda: "- [中文 한국어 Ελληνικά עברית العربية 🤗](https://arxiv.org/abs/2401.00001)\n" * 100,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_text_parses(name: str) -> None:
    text = CASES[name]()
    result = parse_text(text, path="h.md")
    n = len(text.split("\n"))
    assert all(1 <= p.source.line <= n for p in result.papers if p.source)
    assert lint_text(text, "h.md") is not None


def test_pipe_table_rows_all_parsed() -> None:
    assert len(parse_text(CASES["pipe table of 5000 rows"]()).papers) == 5000


def test_html_list_too_deep_for_the_html_parser_is_reported() -> None:
    item = "<li><a href='https://arxiv.org/abs/2401.{:05d}'>A Title Of Paper {}</a><ul>"
    text = "<ul>\n" + "".join(item.format(k + 1, k) for k in range(1000)) + "\n</ul>\n"
    result = parse_text(text, path="deep.md")
    warned = [d for d in result.diagnostics if d.code == "AP003"]
    assert len(warned) == 1 and "of 1000 <li> items read" in warned[0].message
    assert 0 < len(result.papers) < 1000


def test_html_paragraphs_too_deep_for_the_html_parser_are_reported() -> None:
    text = "<div>" * 300 + '<b>A Title Of Paper</b> <a href="https://arxiv.org/abs/2401.00001">p</a>' + "</div>" * 300
    result = parse_text(text, path="deep.md")
    assert [d.code for d in result.diagnostics] == ["AP003"]


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (b"\x00" * 10_000, "binary file"),
        (b"# ok\n" + b"\xc3\x28 bad" * 3 + b"\n- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n", 1),
        (codecs.BOM_UTF16_LE + "- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n".encode("utf-16-le"), 1),
        (codecs.BOM_UTF16_BE + "- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n".encode("utf-16-be"), 1),
        (
            b"- [A Good Title Here](https://arxiv.org/abs/2401.00001)\r\n- [B Good Title Here](https://arxiv.org/abs/2401.00002)\r\n",
            2,
        ),
        (
            b"- [A Good Title Here](https://arxiv.org/abs/2401.00001)\r- [B Good Title Here](https://arxiv.org/abs/2401.00002)\r",
            2,
        ),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid utf-16-le"),
    ],
)
def test_hostile_bytes(data: bytes, outcome: int | str) -> None:
    if isinstance(outcome, str):
        with pytest.raises(InputError, match=outcome):
            parse_bytes(data, path="h.md")
    else:
        result = parse_bytes(data, path="h.md")
        assert len(result.papers) == outcome
        if outcome == 2:
            assert [p.source.line for p in result.papers] == [1, 2]  # type: ignore[union-attr]


def test_invalid_utf8_in_the_middle_keeps_the_rest() -> None:
    data = b"# T\n- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n\xff\xfe\n- [B Good Title Here](https://arxiv.org/abs/2401.00002)\n"
    result = parse_bytes(data, path="h.md")
    assert len(result.papers) == 2
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code == "AP002"] == [("AP002", 3)]


def test_batches_finish_the_rest_and_exit_nonzero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.md"
    good.write_text("- [Q Good Title Here](https://arxiv.org/abs/2305.14314)\n", encoding="utf-8")
    (tmp_path / "zeros.md").write_bytes(b"\x00" * 100)
    (tmp_path / "utf16.md").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")
    (tmp_path / "dir.md").mkdir()
    out = tmp_path / "out" / "merged.jsonl"
    out.parent.mkdir()
    out.write_text("previous\n", encoding="utf-8")
    assert main(["merge", str(tmp_path / "*.md"), "-o", str(out), "--jobs", "2", "-q"]) == 2
    err = capsys.readouterr().err
    assert "zeros.md: binary file" in err and "utf16.md: invalid utf-16-le" in err
    assert json.loads(out.read_text(encoding="utf-8"))["arxiv_id"] == "2305.14314"
    assert main(["lint", str(good), str(tmp_path / "zeros.md")]) == 2
    assert "zeros.md: binary file" in capsys.readouterr().err


def test_nothing_is_written_outside_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "README.md").write_text(
        "- [Evil](../../../../etc/passwd)\n- [X Good Title](https://arxiv.org/abs/2401.00001) <script>alert(1)</script>\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["merge", str(src), "-o", "out.jsonl", "-q", "--jobs", "1"]) == 0
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert set(after) - set(before) == {Path("out.jsonl")}
