"""Pure writers (and their readers) for papers: JSON, JSON Lines, CSV, Parquet, BibTeX, CSL-JSON.

Each format is a pair of functions ``dumps(papers) -> str|bytes`` and
``loads(data) -> list[Paper]`` registered in :data:`FORMATS`; writing to disk is
atomic (:func:`write_atomic`): an interrupted run never leaves a half-written
file in place of the old one.  Every writer first removes control characters
from every text field (:func:`clean_paper`).  :func:`read_records` reads any of
these files back by its suffix and :func:`convert` turns one into another.

>>> from awesome_parse.model import Paper
>>> text = dumps([Paper(title="A", year=2020)], "jsonl")
>>> loads(text, "jsonl")[0].title
'A'
"""

from __future__ import annotations

import contextlib
import os
import tempfile
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import Any

import attrs

from ..errors import AwesomeParseError
from ..model import Paper
from ._clean import clean_paper
from .frames import COLUMN_TYPES, to_pandas, to_polars

__all__ = [
    "COLUMN_TYPES",
    "FORMATS",
    "FORMAT_NAMES",
    "SUFFIXES",
    "ExportReadError",
    "Format",
    "clean_paper",
    "convert",
    "dumps",
    "format_for_path",
    "loads",
    "read_records",
    "to_pandas",
    "to_polars",
    "write_atomic",
    "write_papers",
]


@attrs.frozen
class Format:
    """An export format: its writer, its reader, whether it is binary, its file suffix."""

    name: str
    dumps: Callable[[Sequence[Paper]], str | bytes]
    loads: Callable[[Any], list[Paper]]
    binary: bool = False
    suffix: str = ""


def _formats() -> dict[str, Format]:
    from . import bibtex, csl, csv, jsonl, parquet

    return {
        "json": Format("json", jsonl.dumps_json, jsonl.loads_json, suffix=".json"),
        "jsonl": Format("jsonl", jsonl.dumps_jsonl, jsonl.loads_jsonl, suffix=".jsonl"),
        "csv": Format("csv", csv.dumps, csv.loads, suffix=".csv"),
        "parquet": Format("parquet", parquet.dumps, parquet.loads, binary=True, suffix=".parquet"),
        "bibtex": Format("bibtex", bibtex.dumps, bibtex.loads, suffix=".bib"),
        "csljson": Format("csljson", csl.dumps, csl.loads, suffix=".json"),
    }


class _Lazy(dict[str, Format]):
    def _fill(self) -> None:
        if not dict.__len__(self):
            self.update(_formats())

    def __getitem__(self, key: str) -> Format:
        self._fill()
        try:
            return dict.__getitem__(self, key)
        except KeyError:
            raise KeyError(f"unknown format {key!r}; known: {', '.join(self)}") from None

    def __iter__(self) -> Any:
        self._fill()
        return dict.__iter__(self)

    def __len__(self) -> int:
        self._fill()
        return dict.__len__(self)

    def __contains__(self, key: object) -> bool:
        self._fill()
        return dict.__contains__(self, key)


#: The export formats by name.
FORMATS: dict[str, Format] = _Lazy()

FORMAT_NAMES = ("json", "jsonl", "csv", "parquet", "bibtex", "csljson")
#: File suffixes that name a format, longest first.
SUFFIXES = (
    (".csl.json", "csljson"),
    (".jsonl", "jsonl"),
    (".ndjson", "jsonl"),
    (".json", "json"),
    (".csv", "csv"),
    (".parquet", "parquet"),
    (".bib", "bibtex"),
    (".bibtex", "bibtex"),
)


def dumps(papers: Sequence[Paper], fmt: str) -> str | bytes:
    """Serialize papers in the named format."""
    return FORMATS[fmt].dumps(papers)


def loads(data: Any, fmt: str) -> list[Paper]:
    """Read papers back from the named format (the inverse of :func:`dumps`)."""
    return FORMATS[fmt].loads(data)


def write_atomic(path: str | os.PathLike[str], data: str | bytes) -> None:
    """Write ``data`` to ``path`` via a temporary file in the same directory and a rename.

    Special files (``/dev/null``, ``/dev/stdout``) are written directly.
    """
    target = Path(path)
    if target.exists() and not target.is_file():
        with open(target, "wb") as special:  # /dev/null, /dev/stdout: no rename possible
            special.write(data if isinstance(data, bytes) else data.encode("utf-8"))
        return
    directory = target.parent if str(target.parent) else Path(".")
    if target.exists():
        perms = target.stat().st_mode & 0o777
    else:
        umask = os.umask(0)
        os.umask(umask)
        perms = 0o666 & ~umask
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=directory)
    try:
        os.chmod(tmp, perms)
        with os.fdopen(fd, "wb") as fh:
            fh.write(data if isinstance(data, bytes) else data.encode("utf-8"))
            fh.flush()
            os.fsync(fh.fileno())
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise


def write_papers(papers: Sequence[Paper], path: str | os.PathLike[str], fmt: str) -> None:
    """Serialize and write atomically."""
    write_atomic(path, dumps(papers, fmt))


class ExportReadError(AwesomeParseError, ValueError):
    """An export file that cannot be read back: its path and what is wrong, in one line."""


def format_for_path(path: str | os.PathLike[str]) -> str | None:
    """The format a file name's suffix names (longest suffix first), or ``None``.

    >>> format_for_path("papers.csl.json"), format_for_path("a.JSONL"), format_for_path("x.xlsx")
    ('csljson', 'jsonl', None)
    """
    name = os.fspath(path).lower()
    for suffix, fmt in SUFFIXES:
        if name.endswith(suffix):
            return fmt
    return None


def _sniff_json(text: str) -> str:
    """Tell this project's JSON array from a CSL-JSON array by the keys of its items."""
    import json

    try:
        data = json.loads(text)
    except ValueError:
        return "jsonl"  # several JSON documents, one a line
    if isinstance(data, list) and data and isinstance(data[0], dict):
        first = data[0]
        if "type" in first and "id" in first and "arxiv_id" not in first:
            return "csljson"
    return "json"


def read_records(path: str | os.PathLike[str], fmt: str | None = None) -> list[Paper]:
    """Read papers from a file written by any of the project's exports.

    The format comes from ``fmt`` or the file's suffix (``.jsonl``, ``.json``,
    ``.csl.json``, ``.csv``, ``.parquet``, ``.bib``); a ``.json`` file holding
    CSL-JSON is read as CSL-JSON.  Every field the format holds comes back.

    >>> import tempfile, pathlib
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "papers.bib"
    >>> write_papers([Paper(title="Attention Is All You Need", year=2017)], target, "bibtex")
    >>> paper = read_records(target)[0]
    >>> paper.title, paper.year
    ('Attention Is All You Need', 2017)

    Raises:
        ExportReadError: the suffix names no format, or the content is not that format.
        OSError: the file cannot be read.
    """
    shown = os.fsdecode(path)
    name = fmt or format_for_path(path)
    if name is None:
        known = ", ".join(sorted({s for s, _ in SUFFIXES}))
        raise ExportReadError(f"{shown}: unknown export suffix (known: {known})")
    if name not in FORMATS:
        raise ExportReadError(f"{shown}: unknown format {name!r} (known: {', '.join(FORMAT_NAMES)})")
    spec = FORMATS[name]
    raw = Path(path).read_bytes()
    data: str | bytes
    if spec.binary:
        data = raw
    else:
        try:
            data = raw.decode("utf-8-sig")
        except UnicodeDecodeError as exc:
            raise ExportReadError(f"{shown}: not UTF-8 text ({exc.reason} at byte {exc.start})") from None
        if name == "json" and fmt is None:
            name = _sniff_json(data)
            spec = FORMATS[name]
    try:
        return spec.loads(data)
    except AwesomeParseError as exc:
        if isinstance(exc, ExportReadError):
            raise
        raise ExportReadError(f"{shown}: {exc}") from None
    except (ValueError, KeyError, TypeError) as exc:
        raise ExportReadError(f"{shown}: not a valid {name} export ({type(exc).__name__}: {exc})") from None


def convert(
    src: str | os.PathLike[str],
    dst: str | os.PathLike[str],
    *,
    src_format: str | None = None,
    dst_format: str | None = None,
) -> int:
    """Read the papers of one export and write them in another format; return how many.

    Formats come from the suffixes unless given.  The target is written atomically.

    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> write_papers([Paper(title="QLoRA", arxiv="2305.14314")], folder / "a.jsonl", "jsonl")
    >>> convert(folder / "a.jsonl", folder / "a.csv")
    1
    >>> str(read_records(folder / "a.csv")[0].arxiv)
    '2305.14314'

    Raises:
        ExportReadError: either suffix names no format, or the source is not readable as its format.
    """
    out = dst_format or format_for_path(dst)
    if out is None or out not in FORMATS:
        known = ", ".join(sorted({s for s, _ in SUFFIXES}))
        raise ExportReadError(f"{os.fsdecode(dst)}: unknown export suffix (known: {known})")
    papers = read_records(src, src_format)
    write_papers(papers, dst, out)
    return len(papers)
