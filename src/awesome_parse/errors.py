"""Errors as data: diagnostics with positions, and the exceptions that carry them.

By default nothing in parsing raises on bad input: a problem becomes a
:class:`Diagnostic` and parsing goes on (bibtexparser's failed blocks,
markdown-it's ``env``).  With ``strict=True`` every problem is raised at once, as
an :class:`ExceptionGroup` of :class:`ParseError` (packaging's error collector).

>>> from awesome_parse.model import Span
>>> d = Diagnostic("AP101", Severity.ERROR, "arXiv id 2005.114010 is invalid", Span("README.md", 42))
>>> str(d)
'README.md:42:1: AP101 arXiv id 2005.114010 is invalid'
>>> err = ParseError(d, source_line="| [RAG](https://arxiv.org/abs/2005.114010) |", caret=3)
>>> print(err)
README.md:42:1: AP101 arXiv id 2005.114010 is invalid
    | [RAG](https://arxiv.org/abs/2005.114010) |
      ^
"""

from __future__ import annotations

import enum
import sys
from collections.abc import Iterator, Sequence
from contextlib import contextmanager

import attrs

from .model import Span

if sys.version_info < (3, 11):  # pragma: no cover - exercised on 3.10 only
    from exceptiongroup import ExceptionGroup

__all__ = [
    "AwesomeParseError",
    "Diagnostic",
    "ErrorCollector",
    "InputError",
    "ParseError",
    "Severity",
]


class Severity(enum.IntEnum):
    """How bad a diagnostic is; ordered so ``max()`` gives the worst."""

    INFO = 1
    WARNING = 2
    ERROR = 3

    def __str__(self) -> str:
        return self.name.lower()

    @classmethod
    def parse(cls, text: str) -> Severity:
        """``'error'`` / ``'warning'`` / ``'info'`` (any case) to a Severity."""
        try:
            return cls[text.strip().upper()]
        except KeyError:
            raise ValueError(f"unknown severity {text!r}; use error, warning or info") from None


@attrs.frozen(order=False)
class Diagnostic:
    """One problem found in a file: a stable code, a severity, a message and where.

    Diagnostics sort by position (file, line, column, code).
    """

    code: str
    severity: Severity
    message: str
    span: Span
    hint: str | None = None
    fix: tuple[object, ...] | None = attrs.field(default=None, eq=False, repr=False)

    def _key(self) -> tuple[str, int, int, str]:
        return (self.span.path or "", self.span.line, self.span.column, self.code)

    def __lt__(self, other: Diagnostic) -> bool:
        return self._key() < other._key()

    def __str__(self) -> str:
        return f"{self.span.path or '<text>'}:{self.span.line}:{self.span.column}: {self.code} {self.message}"


class AwesomeParseError(Exception):
    """Base class of every exception this library raises on purpose."""


class InputError(AwesomeParseError, ValueError):
    """A file cannot be read as a README at all (missing, a directory, binary, not text).

    Its message is one line naming the file and what is wrong.
    """

    def __init__(self, path: str | None, problem: str) -> None:
        super().__init__(f"{path or '<input>'}: {problem}")
        self.path = path
        self.problem = problem


class ParseError(AwesomeParseError, ValueError):
    """A diagnostic raised in strict mode; renders the source line with a caret."""

    def __init__(self, diagnostic: Diagnostic, source_line: str | None = None, caret: int | None = None) -> None:
        self.diagnostic = diagnostic
        self.source_line = source_line
        self.caret = caret
        super().__init__(str(diagnostic))

    def __str__(self) -> str:
        text = str(self.diagnostic)
        if self.source_line is not None:
            text += "\n    " + self.source_line.rstrip("\n")
            col = self.caret if self.caret is not None else self.diagnostic.span.column
            text += "\n    " + " " * max(col - 1, 0) + "^"
        return text


class ErrorCollector:
    """Collect problems and raise them together as one ExceptionGroup.

    >>> c = ErrorCollector()
    >>> with c.collect():
    ...     pass
    >>> c.errors
    []
    """

    def __init__(self) -> None:
        self.errors: list[ParseError] = []

    def add(self, error: ParseError) -> None:
        self.errors.append(error)

    @contextmanager
    def collect(self) -> Iterator[None]:
        try:
            yield
        except ParseError as exc:
            self.errors.append(exc)

    def finalize(self, message: str) -> None:
        """Raise an ExceptionGroup of everything collected, if anything was."""
        if self.errors:
            raise ExceptionGroup(message, list(self.errors))


def raise_strict(path: str | None, diagnostics: Sequence[Diagnostic], lines: Sequence[str]) -> None:
    """Raise every diagnostic of warning level or worse as one ExceptionGroup of ParseError."""
    collector = ErrorCollector()
    for diag in sorted(diagnostics):
        if diag.severity < Severity.WARNING:
            continue
        idx = diag.span.line - 1
        line = lines[idx] if 0 <= idx < len(lines) else None
        collector.add(ParseError(diag, line))
    collector.finalize(f"{path or '<text>'}: {len(collector.errors)} problem(s)")
