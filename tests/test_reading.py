"""Bytes to text and back: BOMs, UTF-16, binary files, damaged UTF-8, line endings kept on rewrite."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesome_parse.errors import InputError
from awesome_parse.fileio import WriteError, read_original_bytes, rewrite
from awesome_parse.lint import apply_fixes, lint_text
from awesome_parse.reading import decode, read_file


def test_utf8_bom_and_crlf() -> None:
    src = decode(codecs.BOM_UTF8 + b"# T\r\n- a\r\n")
    assert src.text == "# T\n- a\n"
    assert src.encoding == "utf-8"


def test_lone_cr_keeps_line_count() -> None:
    assert decode(b"a\rb\rc").text.split("\n") == ["a", "b", "c"]


def test_utf16_with_bom() -> None:
    data = codecs.BOM_UTF16_LE + "# 标题\n- x\n".encode("utf-16-le")
    src = decode(data, "r.md")
    assert src.text == "# 标题\n- x\n"
    assert src.encoding == "utf-16-le"


def test_binary_is_refused_with_one_line() -> None:
    with pytest.raises(InputError) as info:
        decode(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "logo.png")
    assert str(info.value) == "logo.png: binary file (NUL bytes), not a text README"


def test_nul_bytes_file_is_refused() -> None:
    with pytest.raises(InputError, match="binary"):
        decode(b"\x00" * 1000, "zeros.md")


def test_invalid_utf8_in_the_middle_is_replaced_and_reported() -> None:
    src = decode(b"# ok\nline with \xff\xfe bytes\nmore\n", "r.md")
    assert src.text.split("\n")[2] == "more"
    assert [d.code for d in src.diagnostics] == ["AP002"]
    assert src.diagnostics[0].span.line == 2


def test_mostly_non_utf8_is_refused() -> None:
    with pytest.raises(InputError, match="not UTF-8"):
        decode("é".encode("latin-1") * 500, "latin1.md")


def test_decode_rejects_str() -> None:
    with pytest.raises(TypeError, match="parse_text"):
        decode("text")  # type: ignore[arg-type]


def test_read_file_errors(tmp_path: Path) -> None:
    with pytest.raises(InputError, match="no such file"):
        read_file(tmp_path / "missing.md")
    with pytest.raises(InputError, match="is a directory"):
        read_file(tmp_path)


# --- writing back: bytes outside the changed spans are kept --------------------------------------


ENTRY = "- [Some paper title here](arxiv.org/abs/2310.12036)"
FIXED = "- [Some paper title here](https://arxiv.org/abs/2310.12036)"


@pytest.mark.parametrize(
    ("data", "codec"),
    [
        (f"# T\r\n\r\n{ENTRY}\r\n".encode(), "utf-8"),  # CRLF
        (f"# T\r\r{ENTRY}\r".encode(), "utf-8"),  # lone CR
        (f"# T\n\r\n{ENTRY}\r\nlast".encode(), "utf-8"),  # mixed, no final newline
        (codecs.BOM_UTF8 + f"# T\n\n{ENTRY}\n".encode(), "utf-8"),
        (codecs.BOM_UTF16_LE + f"# T\r\n\r\n{ENTRY}\r\n".encode("utf-16-le"), "utf-16-le"),
        (codecs.BOM_UTF16_BE + f"# T\n\n{ENTRY}\n".encode("utf-16-be"), "utf-16-be"),
        (codecs.BOM_UTF32_LE + f"# T\n\n{ENTRY}\n".encode("utf-32-le"), "utf-32-le"),
    ],
)
def test_rewrite_keeps_encoding_bom_and_line_endings(data: bytes, codec: str) -> None:
    original = read_original_bytes(data, "r.md")
    assert original.encoding == codec
    out = rewrite(original, original.text.replace(ENTRY, FIXED))
    assert out == data.replace(ENTRY.encode(codec), FIXED.encode(codec))


def test_rewrite_keeps_bytes_that_are_not_utf8_outside_the_change() -> None:
    data = f"# T caf\xe9\n\n{ENTRY} caf\xe9\n".encode("latin-1")
    original = read_original_bytes(data, "l.md")
    assert [d.code for d in original.diagnostics] == ["AP002", "AP002"]
    out = rewrite(original, original.text.replace(ENTRY, FIXED))
    assert out == f"# T caf\xe9\n\n{FIXED} caf\xe9\n".encode("latin-1")


def test_rewrite_refuses_a_change_over_bytes_that_are_not_utf8() -> None:
    original = read_original_bytes(b"- [P](arxiv.org/\xe9)\n", "l.md")
    with pytest.raises(WriteError, match=r"l\.md: line 1: the change touches bytes that are not utf-8"):
        rewrite(original, original.text.replace("\ufffd", "e"))


def test_rewrite_refuses_a_change_in_the_number_of_lines() -> None:
    original = read_original_bytes(b"a\nb\n", "x.md")
    with pytest.raises(WriteError, match="add or remove lines"):
        rewrite(original, "a\n")


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-32"]  # UTF-16/32 with their byte-order mark
ENDINGS = ["\n", "\r\n", "\r"]
LINE = st.sampled_from(
    [ENTRY, "# Title", "", "text caf\u00e9 \u4e2d\u6587", "- [Other title of a paper](arxiv.org/abs/2401.00001)", "  x"]
)


@given(
    lines=st.lists(st.tuples(LINE, st.sampled_from(ENDINGS)), min_size=1, max_size=8),
    encoding=st.sampled_from(ENCODINGS),
)
def test_fix_changes_only_the_reported_spans_and_is_idempotent(lines: list[tuple[str, str]], encoding: str) -> None:
    """For any text in any supported encoding and line endings, a fix rewrites only the fixed lines."""
    data = "".join(text + end for text, end in lines).encode(encoding)
    original = read_original_bytes(data, "p.md")
    findings = [d for d in lint_text(original.text, "p.md").findings if d.fix]
    fixed, applied = apply_fixes(original.text, findings)
    out = rewrite(original, fixed)
    again = read_original_bytes(out, "p.md")
    assert again.encoding == original.encoding and again.bom == original.bom
    assert again.endings == original.endings
    touched = {d.span.line for d in applied}
    for number, (before, after) in enumerate(zip(original.raw, again.raw, strict=True), start=1):
        if number not in touched:
            assert before == after
    second = [d for d in lint_text(again.text, "p.md").findings if d.fix]
    assert apply_fixes(again.text, second)[1] == []
