"""Fuzz targets: properties that must hold for any input, with the strategies that draw it.

Each target is a plain function of one drawn value; ``tests/test_fuzz.py`` runs every
target in the test suite with a small example count and a fixed seed, and
``python -m tests.fuzz.run`` runs them with a large budget.  A failure found there
becomes a regression test (``tests/test_hostile.py``).

The inputs mix README-like markup with hostile pieces: arXiv links whose id cannot
exist in every shape an entry takes (a heading, a table, HTML, a citation), control
characters, lone surrogates in file names, byte-order marks and mixed line endings.
"""

from __future__ import annotations

import codecs
import contextlib
import os
from collections.abc import Callable
from typing import Any

from hypothesis import strategies as st

from awesome_parse import merge, parse_bytes, parse_text
from awesome_parse.errors import InputError
from awesome_parse.fileio import WriteError, display_path, read_original_bytes, rewrite
from awesome_parse.lint import apply_fixes, lint_text
from awesome_parse.lint.config import ConfigError, load_config, suppression_comments
from awesome_parse.lint.reporters import artifact_uri, render

from ..strategies import MARKUP, TITLE, WORDS, arbitrary_text, entry_lines

#: arXiv identifiers that cannot exist: month 13 or 00, six digits after 2015, four before.
BAD_ARXIV = st.sampled_from(["2302.139710", "2313.00001", "2300.12345", "1501.1234", "0704.12345", "9912.123456"])
ANY_ARXIV = st.one_of(BAD_ARXIV, st.from_regex(r"\A[0-9]{4}\.[0-9]{4,6}(v[0-9]{1,2})?\Z"))


@st.composite
def bad_entries(draw: st.DrawFn) -> str:
    """An entry in one of the shapes the parsers read, with an arXiv link that may be invalid."""
    title = draw(TITLE).strip()
    ident = draw(ANY_ARXIV)
    host = draw(st.sampled_from(["https://arxiv.org/abs/", "https://arxiv.org/pdf/", "arxiv.org/abs/", "arXiv:"]))
    link = f"{host}{ident}"
    shape = draw(st.integers(0, 6))
    return [
        f"\n## {title}\n\n[{title}]({link})\n",
        f"\n### {title}\n\n**Paper:** [link]({link})\n",
        f"| [{title}]({link}) | 2024 |",
        f'<table><tr><td><a href="{link}">{title}</a></td></tr></table>',
        f"- {title}. A. Author. 2024. [pdf]({link})",
        f"1. **{title}** {link}",
        f'<details><summary>{title}</summary><a href="{link}">paper</a></details>',
    ][shape]


readme = st.lists(st.one_of(MARKUP, WORDS, entry_lines(), bad_entries()), max_size=40).map("".join)
texts = st.one_of(readme, arbitrary_text, st.binary(max_size=300).map(lambda b: b.decode("latin-1")))
ENCODINGS = ("utf-8", "utf-8-sig", "utf-16", "utf-32")
ENDINGS = ("\n", "\r\n", "\r")
encoded = st.tuples(readme, st.sampled_from(ENCODINGS), st.sampled_from(ENDINGS))
names = st.text(alphabet=st.one_of(st.characters(codec="utf-8"), st.sampled_from("\n\r\t\x1b\u202e:,%/ ")), max_size=40)
surrogate_names = st.binary(max_size=30).map(lambda b: os.fsdecode(b.replace(b"\x00", b"")))
toml_texts = st.one_of(
    st.text(max_size=200),
    st.lists(
        st.sampled_from(
            [
                "[tool.awesome-parse.lint]\n",
                "[lint]\n",
                "[tool.awesome-parse.lint.severity]\n",
                "[tool.awesome-parse.lint.options.AP103]\n",
                'select = ["AP1"]\n',
                'select = "AP1"\n',
                "select = [1]\n",
                'ignore = ["AP1111"]\n',
                'AP106 = "error"\n',
                "AP106 = 3\n",
                "cross-section = true\n",
                'cross-section = "yes"\n',
                "severity = 1\n",
                "options = []\n",
                "selct = []\n",
                "[\n",
            ]
        ),
        max_size=8,
    ).map("".join),
)


def target_parse(text: str) -> None:
    """Parsing never raises; every paper's line is inside the file; bytes raise only InputError."""
    result = parse_text(text, path="f.md")
    lines = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for paper in result.papers:
        assert paper.source is not None and 1 <= paper.source.line <= lines
    for diag in result.diagnostics:
        assert 1 <= diag.span.line <= lines + 1, diag
    with contextlib.suppress(InputError):
        parse_bytes(text.encode("utf-8", "surrogatepass"), path="f.md")


def target_lint(text: str) -> None:
    """Linting never raises; fixes keep the line count, and fixing the fixed text changes nothing."""
    report = lint_text(text, "f.md")
    normalized = text.replace("\r\n", "\n").replace("\r", "\n")
    fixed, applied = apply_fixes(normalized, [d for d in report.findings if d.fix])
    assert fixed.count("\n") == normalized.count("\n")
    if applied:
        again = lint_text(fixed, "f.md")
        assert apply_fixes(fixed, [d for d in again.findings if d.fix])[0] == fixed
    for fmt in ("text", "json", "github", "sarif"):
        render(report.findings, fmt)


def target_fix_bytes(case: tuple[str, str, str]) -> None:
    """``--fix`` on bytes: only the fixed lines change; encoding, BOM and every line ending are kept."""
    text, encoding, ending = case
    data = text.replace("\r\n", "\n").replace("\r", "\n").replace("\n", ending).encode(encoding, "surrogatepass")
    try:
        original = read_original_bytes(data, "f.md")
    except InputError:
        return
    findings = [d for d in lint_text(original.text, "f.md").findings if d.fix]
    fixed, applied = apply_fixes(original.text, findings)
    try:
        out = rewrite(original, fixed)
    except WriteError:
        return  # refused with one line: the file is left alone
    again = read_original_bytes(out, "f.md")
    assert (again.bom, again.encoding, again.endings) == (original.bom, original.encoding, original.endings)
    touched = {d.span.line for d in applied}
    for number, (before, after) in enumerate(zip(original.raw, again.raw, strict=True), start=1):
        assert number in touched or before == after, number
    if not applied:
        assert out == data


def target_merge(text: str) -> None:
    """Merging is idempotent and independent of the order of the inputs."""
    papers = [*parse_text(text, path="a.md").papers, *parse_text(text[::-1], path="b.md").papers]
    once = merge(papers)
    assert merge(list(reversed(papers))).papers == once.papers
    assert merge(once.papers).papers == once.papers


def target_names(name: str) -> None:
    """A file name is shown as one line of valid UTF-8 without control characters, in every format."""
    shown = display_path(name)
    shown.encode("utf-8")
    assert not any(ord(c) < 0x20 or 0x7F <= ord(c) < 0xA0 for c in shown), shown
    uri = artifact_uri(name.replace("\x00", ""))
    assert uri.isascii() and not any(c.isspace() or ord(c) < 0x20 for c in uri), uri
    assert all(uri[i + 1 : i + 3].isalnum() and len(uri[i + 1 : i + 3]) == 2 for i, c in enumerate(uri) if c == "%"), (
        uri
    )


def target_config(text: str) -> None:
    """A configuration file is read or refused with one ConfigError line; nothing else escapes."""
    import tempfile
    from pathlib import Path

    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder) / "pyproject.toml"
        path.write_bytes(text.encode("utf-8", "surrogatepass"))
        try:
            load_config(path)
        except ConfigError as exc:
            assert "\n" not in str(exc).strip() or str(exc).startswith(str(path)), exc


def target_suppressions(text: str) -> None:
    """Suppression comments are found without error, each on a line of the text."""
    lines = text.split("\n")
    for comment in suppression_comments(lines):
        assert 1 <= comment.line <= len(lines)


def target_decode(data: bytes) -> None:
    """Any bytes decode or are refused with one InputError line naming the file."""
    for prefix in (b"", codecs.BOM_UTF8, codecs.BOM_UTF16_LE):
        try:
            result = parse_bytes(prefix + data, path="b.md")
        except InputError as exc:
            assert str(exc).startswith("b.md: ") and "\n" not in str(exc)
        else:
            assert result.path == "b.md"


TARGETS: dict[str, tuple[Callable[[Any], None], st.SearchStrategy[Any]]] = {
    "parse": (target_parse, texts),
    "lint": (target_lint, texts),
    "fix-bytes": (target_fix_bytes, encoded),
    "merge": (target_merge, readme),
    "names": (target_names, st.one_of(names, surrogate_names)),
    "config": (target_config, toml_texts),
    "suppressions": (target_suppressions, st.one_of(texts, st.lists(MARKUP, max_size=30).map("".join))),
    "decode": (target_decode, st.binary(max_size=400)),
}
