"""Bytes to text: decode a README, or say in one line why it cannot be one.

The rules, in order:

* a UTF-8 BOM is dropped; a UTF-16/32 BOM selects that codec;
* NUL bytes in the first 8 KiB (outside a UTF-16/32 file) mean a binary file: refuse;
* strict UTF-8 is tried first; if a few bytes are invalid (a damaged file), they
  are replaced with U+FFFD and a warning with their line is reported, so one bad
  byte never loses the rest of the file; if most of the text is invalid, refuse;
* line endings are normalized to ``\\n`` (CRLF and lone CR), which keeps the
  line count that editors and GitHub show.

>>> decode(b"\\xef\\xbb\\xbf# Title\\r\\nline 2\\r").text
'# Title\\nline 2\\n'
>>> decode(b"\\x00\\x01\\x02", "blob.bin")
Traceback (most recent call last):
  ...
awesome_parse.errors.InputError: blob.bin: binary file (NUL bytes), not a text README
"""

from __future__ import annotations

import codecs
import os
from pathlib import Path

import attrs

from .errors import Diagnostic, InputError, Severity
from .model import Span

__all__ = ["SourceText", "decode", "normalize_newlines", "read_bytes", "read_file"]

#: Files larger than this are refused rather than parsed (a README is never this big).
MAX_BYTES = 256 * 1024 * 1024


@attrs.frozen
class SourceText:
    """Decoded text of one file, with what decoding had to say about it."""

    text: str
    path: str | None = None
    encoding: str = "utf-8"
    diagnostics: tuple[Diagnostic, ...] = ()


_BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


def normalize_newlines(text: str) -> str:
    """CRLF and lone CR to LF (the line count editors show)."""
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    return text


def decode(data: bytes, path: str | None = None) -> SourceText:
    """Decode README bytes to a :class:`SourceText`; raise :class:`InputError` if not text."""
    if not isinstance(data, (bytes, bytearray, memoryview)):
        raise TypeError(f"decode() takes bytes, not {type(data).__name__}; use parse_text() for str")
    data = bytes(data)
    for bom, codec in _BOMS:
        if data.startswith(bom):
            try:
                text = data[len(bom) :].decode(codec)
            except UnicodeDecodeError as exc:
                raise InputError(path, f"invalid {codec} after its byte-order mark at byte {exc.start}") from None
            return SourceText(normalize_newlines(text), path, codec)
    if b"\x00" in data[:8192]:
        raise InputError(path, "binary file (NUL bytes), not a text README")
    try:
        return SourceText(normalize_newlines(data.decode("utf-8")), path, "utf-8")
    except UnicodeDecodeError:
        pass
    text = data.decode("utf-8", errors="replace")
    bad = text.count("\ufffd")
    if bad > max(16, len(text) // 20):
        raise InputError(path, f"not UTF-8 text ({bad} undecodable bytes); convert it to UTF-8 first")
    text = normalize_newlines(text)
    diags = []
    for number, line in enumerate(text.split("\n"), start=1):
        if "\ufffd" in line:
            diags.append(
                Diagnostic(
                    "AP002",
                    Severity.WARNING,
                    "bytes that are not UTF-8 were replaced with U+FFFD",
                    Span(path, number, number, line.index("\ufffd") + 1),
                )
            )
    return SourceText(text, path, "utf-8", tuple(diags))


def read_bytes(path: str | os.PathLike[str], *, label: str | None = None) -> bytes:
    """The bytes of a README file; every failure is one :class:`InputError` naming the file.

    ``label`` is the name used in messages (default: the path as given).
    """
    name = os.fspath(path)
    shown = name if label is None else label
    p = Path(name)
    try:
        if p.is_dir():
            raise InputError(shown, "is a directory, not a README file")
        size = p.stat().st_size
        if size > MAX_BYTES:
            raise InputError(shown, f"file is {size} bytes; the limit is {MAX_BYTES}")
        return p.read_bytes()
    except FileNotFoundError:
        raise InputError(shown, "no such file") from None
    except PermissionError:
        raise InputError(shown, "permission denied") from None
    except IsADirectoryError:
        raise InputError(shown, "is a directory, not a README file") from None
    except OSError as exc:
        raise InputError(shown, f"cannot read: {exc.strerror or type(exc).__name__}") from None


def read_file(path: str | os.PathLike[str], *, label: str | None = None) -> SourceText:
    """Read and decode a file; every failure is one :class:`InputError` naming the file.

    ``label`` is the name recorded in the text's spans and used in messages
    (default: the path as given); the command line passes
    :func:`awesome_parse.fileio.display_path` of the path, so a name with bytes that
    are not UTF-8 or with control characters never reaches an output raw.
    """
    name = os.fspath(path)
    shown = name if label is None else label
    return decode(read_bytes(name, label=shown), shown)
