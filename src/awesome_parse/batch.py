"""Parsing many files: in parallel processes, in input order, one bad file never stops the rest.

Results are identical to a serial run: each file is parsed independently and
the outcomes are returned in the order of the inputs.  A file that cannot be
read becomes an :class:`Outcome` with a one-line ``error`` instead of a result.
A progress line is drawn on stderr when it is a terminal and there are many files.
"""

from __future__ import annotations

import os
import sys
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import Any

import attrs

from .errors import AwesomeParseError
from .model import ParseResult

if sys.version_info < (3, 11):  # pragma: no cover - exercised on 3.10 only
    from exceptiongroup import ExceptionGroup

__all__ = ["Outcome", "Progress", "parse_many"]


@attrs.frozen
class Outcome:
    """The result of one file, or the one-line reason it has none."""

    path: str
    result: ParseResult | None = None
    error: str | None = None


def _parse_path(path: str, options: dict[str, Any]) -> Outcome:
    from .api import parse_bytes, parse_file

    try:
        if path == "-":
            result = parse_bytes(sys.stdin.buffer.read(), path="<stdin>", **options)
        else:
            result = parse_file(path, **options)
    except AwesomeParseError as exc:
        return Outcome(path, None, str(exc).splitlines()[0])
    except ExceptionGroup as group:  # strict mode: every problem of the file
        lines = [str(e).splitlines()[0] for e in group.exceptions]
        return Outcome(path, None, f"{path}: {len(lines)} problem(s): " + "; ".join(lines[:5]))
    return Outcome(path, result, None)


def _worker(args: tuple[str, dict[str, Any]]) -> Outcome:
    return _parse_path(*args)


class Progress:
    """A one-line progress counter on stderr, drawn only on a terminal."""

    def __init__(self, total: int, label: str = "parsing", enabled: bool | None = None) -> None:
        self.total = total
        self.done = 0
        self.label = label
        self.enabled = (sys.stderr.isatty() and total >= 8) if enabled is None else enabled

    def step(self, name: str) -> None:
        self.done += 1
        if self.enabled:
            width = 24
            filled = width * self.done // max(self.total, 1)
            bar = "#" * filled + "-" * (width - filled)
            sys.stderr.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {os.path.basename(name)[:30]:30s}")
            sys.stderr.flush()

    def close(self) -> None:
        if self.enabled:
            sys.stderr.write("\r" + " " * 80 + "\r")
            sys.stderr.flush()


def _size(path: str) -> int:
    try:
        return os.path.getsize(path)
    except OSError:
        return 0  # unreadable: its error is reported by the worker


def parse_many(
    paths: Sequence[str],
    *,
    jobs: int | None = None,
    progress: Callable[[str], None] | None = None,
    **options: Any,
) -> list[Outcome]:
    """Parse every path (``'-'`` is stdin) with ``options`` for :func:`~awesome_parse.api.parse_file`.

    ``jobs`` is the number of processes (default: the number of cores; 1 parses in
    this process).  Outcomes come back in the order of ``paths``.
    """
    jobs = jobs if jobs is not None else (os.cpu_count() or 1)
    if jobs < 1:
        raise ValueError(f"jobs must be at least 1, not {jobs}")
    bar = Progress(len(paths)) if progress is None else None
    step = progress or (bar.step if bar else (lambda _name: None))
    try:
        work = [p for p in paths]
        if jobs == 1 or len(work) < 2 or "-" in work:
            outcomes = []
            for path in work:
                outcomes.append(_parse_path(path, options))
                step(path)
            return outcomes
        # largest files first, so that no big file starts last and keeps one worker busy alone
        order = sorted(range(len(work)), key=lambda i: (-_size(work[i]), i))
        slots: list[Outcome | None] = [None] * len(work)
        with ProcessPoolExecutor(max_workers=min(jobs, len(work))) as pool:
            for i, outcome in zip(
                order, pool.map(_worker, [(work[i], options) for i in order], chunksize=1), strict=True
            ):
                slots[i] = outcome
                step(outcome.path)
        return [o for o in slots if o is not None]
    finally:
        if bar is not None:
            bar.close()
