"""Pure writers (and their readers) for papers: JSON, JSON Lines, CSV, Parquet, BibTeX, CSL-JSON.

Each format is a pair of functions ``dumps(papers) -> str|bytes`` and
``loads(data) -> list[Paper]`` registered in :data:`FORMATS`; writing to disk is
atomic (:func:`write_atomic`): an interrupted run never leaves a half-written
file in place of the old one.

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

from ..model import Paper

__all__ = ["FORMATS", "FORMAT_NAMES", "SUFFIXES", "Format", "dumps", "loads", "write_atomic", "write_papers"]


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
