"""Parsing many files: in parallel processes, in input order, one bad file never stops the rest.

Results are identical to a serial run: each file is parsed independently and
the outcomes are returned in the order of the inputs.  Whatever goes wrong with
one file becomes an :class:`Outcome` with a one-line ``error`` naming the file
(and the same as a :class:`~awesome_parse.errors.Diagnostic`, code ``AP001``)
instead of a result: a file that cannot be read, a bug met while parsing it (any
exception, in a worker or in this process), or a worker process killed from
outside while it parsed that file.  The other files are parsed as usual.

The worker processes are this module's own (not a ``concurrent.futures`` pool),
so that the file a dead worker was parsing is known, and so that an interrupt
ends every worker at once: on any exception in the parent (``KeyboardInterrupt``,
a ``SIGTERM`` turned into an exception by the command line) the workers are
terminated, then killed, and waited for before the exception goes on.  A worker
whose parent dies sees its task pipe close and exits.

A progress line is drawn on stderr when it is a terminal and there are many files.

>>> [o.error for o in parse_many(["no/such.md"], jobs=1)]
['no/such.md: no such file']
"""

from __future__ import annotations

import contextlib
import multiprocessing
import multiprocessing.connection
import os
import re
import signal
import sys
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from typing import Any

import attrs

from .errors import AwesomeParseError, Diagnostic, Severity
from .fileio import display_path
from .model import ParseResult, Span

if sys.version_info < (3, 11):  # pragma: no cover - exercised on 3.10 only
    from exceptiongroup import ExceptionGroup

__all__ = [
    "README_SUFFIXES",
    "SKIPPED_DIRS",
    "SMALL_BATCH_BYTES",
    "IgnoreSpec",
    "Outcome",
    "Progress",
    "available_cpus",
    "expand_inputs",
    "parse_many",
    "resolve_jobs",
]


@attrs.frozen
class Outcome:
    """The result of one file, or the one-line reason it has none."""

    path: str
    result: ParseResult | None = None
    error: str | None = None
    #: what kind of failure: ``"input"`` (unreadable), ``"content"`` (strict mode found
    #: problems), ``"internal"`` (a bug met on this file), ``"killed"`` (its worker died)
    kind: str | None = None

    @property
    def diagnostic(self) -> Diagnostic | None:
        """The error as data (code ``AP001``, at line 1 of the file), or ``None``.

        >>> Outcome("a.md", error="a.md: no such file").diagnostic.code
        'AP001'
        """
        if self.error is None:
            return None
        return Diagnostic("AP001", Severity.ERROR, self.error, Span(display_path(self.path), 1, 1))


def _parse_path(path: str, options: dict[str, Any]) -> Outcome:
    """Parse one file; never raises for anything that goes wrong with this file."""
    from .api import parse_bytes, parse_source
    from .reading import read_file

    label = "<stdin>" if path == "-" else display_path(path)
    try:
        if path == "-":
            result = parse_bytes(sys.stdin.buffer.read(), path=label, **options)
        else:
            result = parse_source(read_file(path, label=label), **options)
    except AwesomeParseError as exc:
        return Outcome(path, None, str(exc).splitlines()[0], "input")
    except ExceptionGroup as group:  # strict mode: every problem of the file
        lines = [str(e).splitlines()[0] for e in group.exceptions]
        return Outcome(path, None, f"{label}: {len(lines)} problem(s): " + "; ".join(lines[:5]), "content")
    except RecursionError:
        return Outcome(path, None, f"{label}: nested too deeply to parse (RecursionError)", "internal")
    except MemoryError:
        return Outcome(path, None, f"{label}: out of memory while parsing", "internal")
    except Exception as exc:  # a bug: this file's outcome, never the batch's
        what = str(exc).splitlines()[0][:200] if str(exc) else ""
        return Outcome(
            path,
            None,
            f"{label}: internal error while parsing ({type(exc).__name__}: {what}); please report it",
            "internal",
        )
    return Outcome(path, result, None)


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
            shown = display_path(os.path.basename(name))[:30]
            sys.stderr.write(f"\r{self.label} [{bar}] {self.done}/{self.total} {shown:30s}")
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


#: Batches smaller than this (in bytes, all files together) are parsed in this process.
SMALL_BATCH_BYTES = 512 * 1024


def available_cpus() -> int:
    """The number of cores this process may run on (its affinity), at least 1.

    >>> available_cpus() >= 1
    True
    """
    counter = getattr(os, "process_cpu_count", None)  # Python 3.13+
    if counter is not None:
        return int(counter() or 1)
    if hasattr(os, "sched_getaffinity"):
        return len(os.sched_getaffinity(0)) or 1
    return os.cpu_count() or 1


def _preload() -> None:
    """Import the parsing code and load its lazy tables here, before forking, so no worker does it again."""
    from .api import parse_text

    parse_text(
        "# List\n\n- [A Title of a Paper](https://arxiv.org/abs/2401.00001) A. Author. NeurIPS 2024.\n"
        "| Title | Venue |\n|---|---|\n| [B Title of a Paper](https://arxiv.org/abs/2401.00002) | ICLR |\n",
        path="preload.md",
    )


def resolve_jobs(jobs: int | str | None) -> int:
    """The number of processes for ``jobs``: a positive number, or ``None``/``"auto"`` for the cores.

    >>> resolve_jobs(3), resolve_jobs("2"), resolve_jobs("auto") >= 1
    (3, 2, True)
    >>> resolve_jobs(0)
    Traceback (most recent call last):
      ...
    ValueError: jobs must be a positive number or 'auto', not 0
    """
    if jobs is None or jobs == "auto":
        return available_cpus()
    try:
        count = int(jobs)
    except (TypeError, ValueError):
        raise ValueError(f"jobs must be a positive number or 'auto', not {jobs!r}") from None
    if count < 1 or isinstance(jobs, bool):
        raise ValueError(f"jobs must be a positive number or 'auto', not {jobs!r}")
    return count


def parse_many(
    paths: Sequence[str],
    *,
    jobs: int | str | None = None,
    progress: Callable[[str], None] | None = None,
    **options: Any,
) -> list[Outcome]:
    """Parse every path (``'-'`` is stdin) with ``options`` for :func:`~awesome_parse.api.parse_file`.

    ``jobs`` is the number of processes (default, or ``"auto"``: the number of
    cores; 1 parses in this process).  It is capped at the cores this process may
    run on (:func:`available_cpus`), and a batch smaller than
    :data:`SMALL_BATCH_BYTES` is parsed in this process, where starting workers
    would cost more than it saves.  Outcomes come back in the order of ``paths``.

    Raises:
        ValueError: ``jobs`` is not a positive number or ``"auto"``.
    """
    count = min(resolve_jobs(jobs), available_cpus())
    bar = Progress(len(paths)) if progress is None else None
    step = progress or (bar.step if bar else (lambda _name: None))
    try:
        work = list(paths)
        small = sum(_size(p) for p in work if p != "-") < SMALL_BATCH_BYTES
        if count == 1 or len(work) < 2 or "-" in work or small:
            outcomes = []
            for path in work:
                outcomes.append(_parse_path(path, options))
                step(path)
            return outcomes
        return _parallel(work, min(count, len(work)), options, step)
    finally:
        if bar is not None:
            bar.close()


# ---------------------------------------------------------------------------------------------
# The worker processes


def _serve(tasks: Connection, inherited: Sequence[Connection], options: dict[str, Any]) -> None:
    """A worker's loop: receive ``(index, path)``, send back ``(index, Outcome)``; stop on ``None`` or EOF."""
    signal.signal(signal.SIGINT, signal.SIG_IGN)  # the parent decides; it terminates us
    signal.signal(signal.SIGTERM, signal.SIG_DFL)
    for conn in inherited:  # the parent's ends of other workers' pipes (fork): close, so EOF works
        conn.close()
    while True:
        try:
            task = tasks.recv()
        except (EOFError, OSError):
            return  # the parent is gone
        if task is None:
            return
        index, path = task
        outcome = _parse_path(path, options)
        try:
            tasks.send((index, outcome))
        except (EOFError, OSError):
            return
        except Exception as exc:  # the result does not pickle: report it as this file's error
            label = display_path(path)
            tasks.send((index, Outcome(path, None, f"{label}: internal error sending the result ({exc})", "internal")))


@attrs.define
class _Worker:
    process: Any
    conn: Connection
    task: tuple[int, str] | None = None


def _exit_reason(process: Any) -> str:
    code = process.exitcode
    if code is not None and code < 0:
        try:
            return f"killed by signal {signal.Signals(-code).name}"
        except ValueError:
            return f"killed by signal {-code}"
    return f"exited with status {code}"


def _parallel(work: list[str], count: int, options: dict[str, Any], step: Callable[[str], None]) -> list[Outcome]:
    ctx = multiprocessing.get_context()
    method = ctx.get_start_method()
    forked = method == "fork"
    if forked:
        _preload()  # the workers share the imported code instead of each importing it
    elif method == "forkserver":
        ctx.set_forkserver_preload(["awesome_parse.api", "awesome_parse.batch"])
    # largest files first, so that no big file starts last and keeps one worker busy alone
    queue = sorted(range(len(work)), key=lambda i: (-_size(work[i]), i))
    queue.reverse()  # pop() from the end
    slots: list[Outcome | None] = [None] * len(work)
    workers: list[_Worker] = []

    def spawn() -> _Worker:
        parent_end, child_end = ctx.Pipe(duplex=True)
        inherited = [w.conn for w in workers] + [parent_end] if forked else []
        process = ctx.Process(target=_serve, args=(child_end, inherited, options), daemon=True)
        process.start()
        child_end.close()
        worker = _Worker(process, parent_end)
        workers.append(worker)
        return worker

    def feed(worker: _Worker) -> None:
        if queue:
            index = queue.pop()
            worker.task = (index, work[index])
            worker.conn.send(worker.task)
        else:
            worker.task = None

    try:
        for _ in range(count):
            feed(spawn())
        while any(w.task is not None for w in workers):
            busy = [w for w in workers if w.task is not None]
            ready = multiprocessing.connection.wait([w.conn for w in busy] + [w.process.sentinel for w in busy])
            for worker in busy:
                if worker.task is None:
                    continue
                dead = worker.process.sentinel in ready
                if worker.conn in ready or worker.conn.poll():
                    try:
                        index, outcome = worker.conn.recv()
                    except (EOFError, OSError):
                        dead = True  # died before answering
                    else:
                        slots[index] = outcome
                        step(outcome.path)
                        feed(worker)
                        continue
                if dead:
                    worker.process.join(timeout=5)
                    if worker.process.is_alive():
                        worker.process.kill()
                        worker.process.join()
                    index, path = worker.task
                    reason = _exit_reason(worker.process)
                    slots[index] = Outcome(
                        path, None, f"{display_path(path)}: the parsing process was {reason}", "killed"
                    )
                    step(path)
                    worker.task = None
                    worker.conn.close()
                    workers.remove(worker)
                    if queue:
                        feed(spawn())
        for worker in workers:
            with contextlib.suppress(OSError):
                worker.conn.send(None)
        for worker in workers:
            worker.process.join(timeout=5)
    finally:
        _stop(workers)
    return [o for o in slots if o is not None]


def _stop(workers: list[_Worker]) -> None:
    """End every worker now: terminate, wait a moment, kill what is left, reap all."""
    for worker in workers:
        if worker.process.is_alive():
            worker.process.terminate()
    for worker in workers:
        worker.process.join(timeout=2)
        if worker.process.is_alive():
            worker.process.kill()
            worker.process.join()
        worker.conn.close()


# ---------------------------------------------------------------------------------------------
# Finding the files

#: Folders never searched for READMEs: version control, dependencies, environments, caches, builds.
SKIPPED_DIRS = frozenset(
    {".git", ".hg", ".svn", ".bzr", "node_modules", "bower_components", ".venv", "venv", "__pycache__"}
    | {".tox", ".nox", ".mypy_cache", ".pytest_cache", ".ruff_cache", ".hypothesis", ".eggs", "site-packages"}
    | {"build", "dist", "_build", "site", ".cache", ".idea", ".vscode"}
)

#: File suffixes of README-like files searched for in folders.
README_SUFFIXES = (".md", ".markdown", ".txt", ".rst")


def _translate(pattern: str) -> str:
    """A gitignore glob (without its ``!`` and trailing ``/``) as a regular expression over a relative path."""
    anchored = "/" in pattern
    body = pattern.lstrip("/")
    out = []
    i = 0
    while i < len(body):
        if body.startswith("**/", i):
            out.append("(?:.*/)?")
            i += 3
        elif body.startswith("/**", i) and i + 3 == len(body):
            out.append("/.*")
            i += 3
        elif body.startswith("**", i):
            out.append(".*")
            i += 2
        elif body[i] == "*":
            out.append("[^/]*")
            i += 1
        elif body[i] == "?":
            out.append("[^/]")
            i += 1
        elif body[i] == "[":
            close = body.find("]", i + 2 if body[i + 1 : i + 2] in ("!", "^", "]") else i + 1)
            if close < 0:
                out.append(re.escape("["))
                i += 1
                continue
            inner = body[i + 1 : close]
            if inner[:1] in ("!", "^"):
                inner = "^" + inner[1:]
            out.append("[" + inner.replace("\\", "\\\\") + "]")
            i = close + 1
        elif body[i] == "\\" and i + 1 < len(body):
            out.append(re.escape(body[i + 1]))
            i += 2
        else:
            out.append(re.escape(body[i]))
            i += 1
    return ("" if anchored else "(?:.*/)?") + "".join(out)


class IgnoreSpec:
    """Gitignore-style patterns: the last pattern that matches a path decides (``!`` re-includes).

    >>> spec = IgnoreSpec(["build/", "*.log", "!keep.log", "/top.md", "docs/**/draft*"])
    >>> [spec.match(p) for p in ["build/", "a/build/", "x.log", "a/keep.log", "top.md", "a/top.md"]]
    [True, True, True, False, True, False]
    >>> spec.match("docs/a/b/draft1.md"), spec.match("build", is_dir=False)
    (True, False)
    """

    def __init__(self, lines: Sequence[str]) -> None:
        self.rules: list[tuple[re.Pattern[str], bool, bool]] = []  # regex, dir only, negated
        for raw in lines:
            line = raw.rstrip("\n\r")
            if not line.strip() or line.startswith("#"):
                continue
            while line.endswith(" ") and not line.endswith("\\ "):
                line = line[:-1]
            negated = line.startswith("!")
            if negated or line.startswith(("\\!", "\\#")):  # an escaped ! or # is literal
                line = line[1:]
            dir_only = line.endswith("/")
            line = line.rstrip("/")
            if not line:
                continue
            self.rules.append((re.compile(_translate(line) + r"\Z", re.DOTALL), dir_only, negated))

    def verdict(self, rel: str, is_dir: bool) -> bool | None:
        """``True`` ignored, ``False`` re-included, ``None`` no pattern matches ``rel`` (``/``-separated)."""
        rel = rel.rstrip("/")
        found: bool | None = None
        for regex, dir_only, negated in self.rules:
            if dir_only and not is_dir:
                continue
            if regex.match(rel):
                found = not negated
        return found

    def match(self, rel: str, is_dir: bool | None = None) -> bool:
        """Whether ``rel`` is ignored (a trailing ``/`` marks a folder)."""
        return bool(self.verdict(rel, rel.endswith("/") if is_dir is None else is_dir))


def _spec(lines: Sequence[str]) -> IgnoreSpec:
    return IgnoreSpec(lines)


def _gitignore(directory: str) -> IgnoreSpec | None:
    path = os.path.join(directory, ".gitignore")
    try:
        with open(path, encoding="utf-8", errors="replace") as fh:
            lines = fh.read().splitlines()
    except OSError:
        return None
    return _spec(lines) if lines else None


def _ancestor_ignores(root: str) -> list[tuple[str, IgnoreSpec]]:
    """``.gitignore`` files above ``root`` up to its repository's top (the folder holding ``.git``)."""
    found: list[tuple[str, IgnoreSpec]] = []
    here = os.path.abspath(root)
    chain = []
    while True:
        chain.append(here)
        if os.path.exists(os.path.join(here, ".git")):
            break
        parent = os.path.dirname(here)
        if parent == here:
            return []  # not inside a repository: only the .gitignore files below root count
        here = parent
    for directory in reversed(chain[1:]):
        spec = _gitignore(directory)
        if spec is not None:
            found.append((directory, spec))
    return found


def _ignored(path: str, is_dir: bool, ignores: Sequence[tuple[str, IgnoreSpec]]) -> bool:
    verdict = False
    for base, spec in ignores:
        rel = os.path.relpath(path, base).replace(os.sep, "/")
        if rel.startswith("../"):
            continue
        found = spec.verdict(rel, is_dir)
        if found is not None:
            verdict = found
    return verdict


def _walk(root: str, suffixes: tuple[str, ...], exclude: IgnoreSpec | None) -> list[str]:
    """README-like files below ``root``, honouring ``.gitignore`` files and skipping tool folders."""
    ignores = _ancestor_ignores(root)
    found: list[str] = []
    stack: list[tuple[str, list[tuple[str, IgnoreSpec]]]] = [(root, ignores)]
    while stack:
        directory, inherited = stack.pop()
        spec = _gitignore(directory)
        here = [*inherited, (directory, spec)] if spec is not None else inherited
        try:
            entries = sorted(os.scandir(directory), key=lambda e: e.name)
        except OSError:
            continue
        subdirs = []
        for entry in entries:
            rel = os.path.relpath(entry.path, root).replace(os.sep, "/")
            try:
                is_dir = entry.is_dir(follow_symlinks=False)
                is_file = entry.is_file()
            except OSError:
                continue
            if is_dir:
                if entry.name in SKIPPED_DIRS or entry.name.endswith(".egg-info"):
                    continue
                if _ignored(entry.path, True, here) or (exclude is not None and exclude.match(rel + "/")):
                    continue
                subdirs.append(entry.path)
            elif is_file and entry.name.lower().endswith(suffixes):
                if _ignored(entry.path, False, here) or (exclude is not None and exclude.match(rel, False)):
                    continue
                found.append(entry.path)
        stack.extend((d, here) for d in reversed(subdirs))
    return sorted(found)


def expand_inputs(
    items: Sequence[str],
    *,
    suffixes: tuple[str, ...] = README_SUFFIXES,
    exclude: Sequence[str] = (),
) -> tuple[list[str], list[str]]:
    """Files from arguments that may be files, folders (searched recursively) or globs.

    Folders are searched for ``suffixes``, honouring ``.gitignore`` files and skipping
    :data:`SKIPPED_DIRS`; ``exclude`` adds gitignore-style patterns (matched against
    paths relative to the folder searched, and against globbed names).  A file named
    on its own is always taken.  The same file given twice (``f``, ``./f``, its
    absolute path) counts once.  Returns ``(files, problems)``; a folder or pattern
    that yields nothing is a problem.

    >>> expand_inputs(["a.md", "./a.md"])
    (['a.md'], [])
    """
    files: list[str] = []
    problems: list[str] = []
    spec = _spec(list(exclude)) if exclude else None
    for item in items:
        if item == "-":
            files.append(item)
            continue
        if os.path.isdir(item):
            found = _walk(item, suffixes, spec)
            if not found:
                problems.append(
                    f"{display_path(item)}: directory holds no README-like files ({', '.join(suffixes)}) "
                    "outside ignored folders"
                )
            files.extend(found)
        elif any(ch in item for ch in "*?[") and not os.path.exists(item):
            import glob

            matched = sorted(glob.glob(item, recursive=True))
            kept = [
                f
                for f in matched
                if os.path.isfile(f) and not (spec is not None and spec.match(f.replace(os.sep, "/"), False))
            ]
            if not kept:
                problems.append(f"{display_path(item)}: pattern matches no file")
            files.extend(kept)
        else:
            files.append(item)
    seen: set[str] = set()
    unique = []
    for f in files:
        key = f if f == "-" else os.path.realpath(f)
        if key not in seen:
            seen.add(key)
            unique.append(f)
    return unique, problems
