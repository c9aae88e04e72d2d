"""The types a format parser and the detector share: contexts, verdicts, the parser protocol.

They sit below both :mod:`awesome_parse.detect` (which scores sections) and
:mod:`awesome_parse.formats` (which parse them), so neither imports the other's
module for them.

>>> Detection("pipe-table", 0.9, "3 table rows link papers").score
0.9
"""

from __future__ import annotations

from collections.abc import Iterator
from typing import Protocol, runtime_checkable

import attrs

from .errors import Diagnostic
from .markdown import Document, Section
from .model import RawEntry, Skipped

__all__ = ["Detection", "FormatParser", "ParseContext", "TableContext"]


@attrs.define
class TableContext:
    """What tables in one document share: the last header seen for each column count."""

    headers: dict[int, list[str]] = attrs.Factory(dict)


@attrs.define
class ParseContext:
    """What parsers of one document share: the document, its legend, earlier table headers."""

    document: Document
    tables: TableContext = attrs.Factory(TableContext)

    @property
    def path(self) -> str | None:
        return self.document.path


@attrs.frozen
class Detection:
    """A format's verdict on a section: score in 0..1, the reason, and whether it was chosen."""

    format: str
    score: float
    reason: str
    section: tuple[str, ...] = ()
    line: int = 1
    chosen: bool = False

    def __str__(self) -> str:
        where = " > ".join(self.section) or "(top)"
        mark = "chosen" if self.chosen else "not chosen"
        return f"line {self.line} [{where}] {self.format}: {self.score:.2f} ({mark}) - {self.reason}"


@runtime_checkable
class FormatParser(Protocol):
    """A parser for one family of list formats.

    ``name`` is kebab-case and stable.  ``detect`` must be cheap and must not
    raise; ``parse`` yields raw entries, skipped candidates and diagnostics, and
    handles only the blocks it scored.
    """

    name: str

    def detect(self, section: Section, context: ParseContext) -> Detection: ...

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]: ...
