"""Bytes to text: BOMs, UTF-16, binary files, damaged UTF-8, line endings."""

from __future__ import annotations

import codecs
from pathlib import Path

import pytest

from awesome_parse.errors import InputError
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
