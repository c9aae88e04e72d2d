"""The command line: ``awesome-parse parse|merge|lint|repair|convert``.

``main(argv) -> int`` never raises for bad input: every file that cannot be
read, parsed or written gets one line on stderr naming the file and the
problem, the other files are still processed, and the exit status says what
happened:

* 0 success (for ``lint``: no finding at the ``--fail-on`` level),
* 1 content problems: ``lint`` findings at the ``--fail-on`` level, ``lint --diff``
  with changes to show, ``parse --strict`` with diagnostics, ``repair --check``
  with damage to repair,
* 2 usage error, a broken configuration, or an input that could not be read
  (or an output that could not be written),
* 130 / 143 interrupted by SIGINT / SIGTERM (every worker process ended, no
  temporary file left).

A run that reads nothing leaves an existing output file untouched; an output
path that is also an input is refused.  The output format comes from ``--format``
or else from the output file's suffix, for every command; an unknown suffix is
refused with the list of known ones.  See ``docs/cli.md`` for every option.

>>> main(["parse", "--format", "jsonl", "no/such/file.md"])
2
"""

from __future__ import annotations

import argparse
import contextlib
import difflib
import os
import signal
import sys
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any, NoReturn

from . import __version__
from .batch import README_SUFFIXES, expand_inputs, resolve_jobs
from .errors import AwesomeParseError, Diagnostic, Severity
from .export import FORMAT_NAMES, SUFFIXES
from .fileio import WriteError, display_path, write_atomic
from .model import Paper, ParseResult

__all__ = ["PROG", "expand_inputs", "main"]

PROG = "awesome-parse"

#: Exit statuses.
OK, PROBLEMS, USAGE, SIGINT_STATUS, SIGTERM_STATUS = 0, 1, 2, 130, 143


class _Terminated(BaseException):
    """SIGTERM, raised in the main thread so that cleanup (workers, temporary files) runs."""


def _on_sigterm(signum: int, frame: object) -> NoReturn:
    raise _Terminated


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line (with a "did you mean" hint) on errors."""

    def error(self, message: str) -> NoReturn:
        self.exit(USAGE, f"{self.prog}: error: {message}{self._hint(message)} (see --help)\n")

    def _options(self) -> list[str]:
        names: list[str] = []
        for action in self._actions:
            names.extend(action.option_strings)
            if isinstance(action, argparse._SubParsersAction):
                for sub in action.choices.values():
                    names.extend(o for a in sub._actions for o in a.option_strings)
        return names

    def _hint(self, message: str) -> str:
        if "unrecognized arguments:" in message:
            words = message.split("unrecognized arguments:", 1)[1].split()
            hints = []
            for word in words:
                if word.startswith("-"):
                    close = difflib.get_close_matches(word.split("=")[0], self._options(), n=1, cutoff=0.6)
                    if close:
                        hints.append(f"{word}: did you mean {close[0]}?")
            return "; " + "; ".join(hints) if hints else ""
        if "invalid choice:" in message and "(choose from" in message:
            wrong = message.split("invalid choice:", 1)[1].split("(choose from", 1)[0].strip().strip("'\"")
            choices = [c.strip().strip("'\"") for c in message.split("(choose from", 1)[1].rstrip(")").split(",")]
            close = difflib.get_close_matches(wrong, choices, n=1, cutoff=0.5)
            return f"; did you mean {close[0]}?" if close else ""
        return ""


def _one_line(message: str) -> str:
    return display_path(message)  # valid UTF-8, control characters escaped: always one line


def _err(message: str) -> None:
    print(f"{PROG}: error: {_one_line(message)}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"{PROG}: {_one_line(message)}", file=sys.stderr)


def _jobs(value: str) -> int:
    """argparse type for ``--jobs``: a positive number or ``auto``."""
    try:
        return resolve_jobs(value.strip().lower())
    except ValueError as exc:
        raise argparse.ArgumentTypeError(str(exc)) from None


#: The file suffixes (and the formats they name) an output may have.
KNOWN_SUFFIXES = ", ".join(suffix for suffix, _fmt in SUFFIXES)


def _add_inputs(p: argparse.ArgumentParser, nargs: str = "+") -> None:
    p.add_argument("files", nargs=nargs, metavar="FILE", help="files, folders (searched) or globs; '-' is stdin")
    p.add_argument(
        "--exclude",
        action="append",
        default=[],
        metavar="PATTERN",
        help="gitignore-style pattern of files or folders to skip when searching folders (repeatable)",
    )


def _add_parsing(p: argparse.ArgumentParser) -> None:
    p.add_argument(
        "--jobs", "-j", type=_jobs, default=None, metavar="N", help="parse in N processes, or 'auto' (default: cores)"
    )
    p.add_argument("--no-repair", action="store_true", help="do not repair mojibake before parsing")
    p.add_argument("--plugins", action="store_true", help="also use installed format plugins (entry points)")


def _build() -> _Parser:
    parser = _Parser(prog=PROG, description="Parse, repair, merge and lint research-paper awesome lists.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "parse", help="parse READMEs into Paper records", description="Parse READMEs into Paper records."
    )
    _add_inputs(p)
    p.add_argument(
        "--format",
        "-f",
        choices=FORMAT_NAMES,
        default=None,
        help="output format (default: from OUT's suffix, else json)",
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout (atomically)")
    p.add_argument(
        "--explain", action="store_true", help="print format detection, skipped rows and diagnostics to stderr"
    )
    p.add_argument("--strict", action="store_true", help="exit 1 when a file has diagnostics (its papers are left out)")
    p.add_argument("--list-name", metavar="NAME", help="list name for every source (default: the document title)")
    p.add_argument("--quiet", "-q", action="store_true", help="no summary line on stderr")
    _add_parsing(p)

    m = sub.add_parser(
        "merge",
        help="merge lists into one deduplicated dataset",
        description="Merge lists (READMEs, or this tool's own exports) into one deduplicated dataset.",
    )
    _add_inputs(m)
    m.add_argument("-o", "--output", metavar="OUT", help="output file (atomic); stdout when omitted")
    m.add_argument(
        "--format",
        "-f",
        choices=FORMAT_NAMES,
        default=None,
        help="output format (default: from OUT's suffix, else jsonl)",
    )
    m.add_argument("--quiet", "-q", action="store_true", help="no summary and conflicts on stderr")
    m.add_argument(
        "--engine",
        choices=("memory", "stream", "dask"),
        default="memory",
        help="memory: in this process (default); stream: spill to disk, bounded memory; "
        "dask: the stream's stages on a Dask cluster (stream and dask write JSON Lines to -o)",
    )
    m.add_argument(
        "--scheduler",
        metavar="ADDRESS",
        help="with --engine dask: a scheduler address (tcp://host:8786), or 'threads'/'synchronous' (default)",
    )
    m.add_argument(
        "--workdir", metavar="DIR", help="with --engine stream/dask: folder for spilled runs (default: temp)"
    )
    _add_parsing(m)

    c = sub.add_parser(
        "convert",
        help="convert between this tool's export formats",
        description="Convert an export (JSON Lines, JSON, CSV, Parquet, BibTeX, CSL-JSON) to another format.",
    )
    c.add_argument("input", metavar="IN", help="an export file; its format comes from its suffix")
    c.add_argument(
        "-o", "--output", metavar="OUT", required=True, help="the file to write; its suffix names the format"
    )
    c.add_argument("--from", dest="src_format", choices=FORMAT_NAMES, default=None, help="IN's format")
    c.add_argument("--to", "--format", "-f", dest="format", choices=FORMAT_NAMES, default=None, help="OUT's format")

    lt = sub.add_parser(
        "lint",
        help="check paper lists for what matters to readers (for CI)",
        description="Check paper lists. Exit status: 0 clean, 1 findings at the --fail-on level (or changes "
        "with --diff), 2 usage error, broken configuration, or unreadable input.",
    )
    _add_inputs(lt, nargs="*")
    lt.add_argument("--format", "-f", choices=("text", "json", "github", "sarif"), default="text")
    lt.add_argument("--select", metavar="CODES", help="comma-separated code prefixes to run (AP1,AP203)")
    lt.add_argument("--ignore", metavar="CODES", help="comma-separated code prefixes to skip")
    lt.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what remains")
    lt.add_argument("--diff", action="store_true", help="print what --fix would change; exit 1 if anything")
    lt.add_argument("--exit-zero", action="store_true", help="exit 0 even when there are findings")
    lt.add_argument(
        "--fail-on", choices=("error", "warning", "info"), default="error", help="lowest severity that fails"
    )
    lt.add_argument("--statistics", action="store_true", help="print the number of findings per code")
    lt.add_argument("--quiet", "-q", action="store_true", help="print the findings only (no summary, no fix lines)")
    lt.add_argument("--output-file", "-o", metavar="PATH", help="write the report here instead of stdout")
    lt.add_argument("--stdin-filename", metavar="NAME", help="the name of the file read from stdin ('-')")
    lt.add_argument(
        "--config", metavar="PATH", help="config file (default: nearest .awesome-parse.toml or pyproject.toml)"
    )
    lt.add_argument("--plugins", action="store_true", help="also use installed format plugins (entry points)")
    lt.add_argument("--list-rules", action="store_true", help="print the rules and exit")

    r = sub.add_parser("repair", help="repair mojibake, keeping every line in place", description="Repair mojibake.")
    r.add_argument("file", metavar="FILE")
    group = r.add_mutually_exclusive_group()
    group.add_argument("-o", "--output", metavar="OUT", help="write the repaired text here (UTF-8)")
    group.add_argument(
        "--in-place", action="store_true", help="rewrite FILE, keeping its encoding and line endings (atomically)"
    )
    r.add_argument("--explain", action="store_true", help="print every change, with line and confidence, to stderr")
    r.add_argument("--check", action="store_true", help="only report; exit 1 if the file needs repair")
    return parser


@contextlib.contextmanager
def _signals() -> Iterator[None]:
    """SIGTERM becomes an exception in the main thread while a command runs (restored afterwards)."""
    try:
        previous = signal.signal(signal.SIGTERM, _on_sigterm)
    except ValueError:  # not the main thread: leave signals alone
        yield
        return
    try:
        yield
    finally:
        signal.signal(signal.SIGTERM, previous)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _build()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return USAGE
    commands = {
        "parse": _cmd_parse,
        "repair": _cmd_repair,
        "merge": _cmd_merge,
        "lint": _cmd_lint,
        "convert": _cmd_convert,
    }
    try:
        with _signals():
            return commands[args.command](args)
    except KeyboardInterrupt:
        _err("interrupted")
        return SIGINT_STATUS
    except _Terminated:
        _err("terminated")
        return SIGTERM_STATUS
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout.close()
        return OK
    except AwesomeParseError as exc:
        _err(str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return USAGE
    except OSError as exc:
        name = exc.filename if exc.filename else None
        _err(f"{display_path(name) + ': ' if name else ''}{exc.strerror or exc}")
        return USAGE
    except Exception as exc:  # a bug: one line naming the input, never a traceback
        where = getattr(args, "file", None) or getattr(args, "input", None) or args.command
        doing = {"parse": "parsing", "merge": "merging", "lint": "linting", "repair": "repairing"}
        _err(_internal(where, exc, doing.get(args.command, "converting")))
        return USAGE


def _internal(name: str, exc: BaseException, doing: str) -> str:
    """The one-line report of a bug met while ``doing`` something with the file ``name``."""
    what = str(exc).splitlines()[0][:200] if str(exc) else ""
    return f"{display_path(name)}: internal error while {doing} ({type(exc).__name__}: {what}); please report it"


# ---------------------------------------------------------------------------------------------
# Shared pieces


def _same_file(a: str, b: str) -> bool:
    if os.path.realpath(a) == os.path.realpath(b):
        return True
    try:
        return os.path.samefile(a, b)
    except OSError:
        return False


def _check_output(output: str | None, inputs: Sequence[str]) -> str | None:
    """Why ``output`` may not be written (it is one of the inputs), or ``None``."""
    if not output or output == "-":
        return None
    if os.path.exists(output) and not os.path.isfile(output) and not os.path.isdir(output):
        return None  # /dev/null, /dev/stdout
    for item in inputs:
        if item != "-" and _same_file(output, item):
            return f"{display_path(output)}: the output is also an input; write the output elsewhere"
    return None


def _output_format(fmt: str | None, output: str | None, default: str) -> str:
    """The writer: ``--format``, else the output's suffix, else ``default`` (stdout and special files).

    Raises :class:`AwesomeParseError` for an output file whose suffix names no format.
    """
    from .export import format_for_path

    if fmt:
        return fmt
    if not output or output == "-" or (os.path.exists(output) and not os.path.isfile(output)):
        return default
    found = format_for_path(output)
    if found is None:
        raise AwesomeParseError(
            f"{display_path(output)}: unknown output suffix; use one of {KNOWN_SUFFIXES}, or give --format"
        )
    return found


def _emit(data: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout."""
    if output and output != "-":
        write_atomic(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()


def _is_export(path: str) -> bool:
    from .export import format_for_path

    return path != "-" and not path.lower().endswith(README_SUFFIXES) and format_for_path(path) is not None


def _parse_inputs(
    args: argparse.Namespace, files: Sequence[str], **options: Any
) -> tuple[list[ParseResult], int, bool]:
    """Parse every file in parallel; report each failure on one line.

    Returns the results, the worst exit status the failures call for, and whether
    anything was read at all.
    """
    from .batch import parse_many

    results: list[ParseResult] = []
    status = OK
    for outcome in parse_many(files, jobs=args.jobs, repair=not args.no_repair, plugins=args.plugins, **options):
        if outcome.error is not None:
            _err(outcome.error)
            status = max(status, PROBLEMS if outcome.kind == "content" else USAGE)
        elif outcome.result is not None:
            results.append(outcome.result)
    return results, status, bool(results)


def _expand(args: argparse.Namespace) -> tuple[list[str], int]:
    files, problems = expand_inputs(args.files, exclude=args.exclude)
    for problem in problems:
        _err(problem)
    return files, USAGE if problems else OK


# ---------------------------------------------------------------------------------------------
# parse


def _inputs_and_format(args: argparse.Namespace, default: str) -> tuple[list[str], int, str] | None:
    """The input files, the status of finding them and the output format; None (reported) if refused."""
    files, status = _expand(args)
    refused = _check_output(args.output, files)
    if refused:
        _err(refused)
        return None
    fmt = _output_format(args.format, args.output, default)
    if fmt == "parquet" and not args.output:
        _err("parquet is binary: give an output file with -o")
        return None
    return files, status, fmt


def _cmd_parse(args: argparse.Namespace) -> int:
    from .export import dumps

    checked = _inputs_and_format(args, "json")
    if checked is None:
        return USAGE
    files, status, fmt = checked
    results, failed, read = _parse_inputs(args, files, strict=args.strict, list_name=args.list_name)
    status = max(status, failed)
    if args.explain:
        for result in results:
            _explain(result)
    if not read:
        if args.output:
            _warn(f"nothing was read; {display_path(args.output)} left unchanged")
        return status or USAGE  # 1 when --strict refused every file for its content
    _emit(dumps([p for r in results for p in r.papers], fmt), args.output)
    if not args.quiet:
        _summary(results)
    return status


def _summary(results: Sequence[ParseResult]) -> None:
    papers = sum(len(r.papers) for r in results)
    skipped = sum(len(r.skipped) for r in results)
    diagnostics = sum(len(r.diagnostics) for r in results)
    if skipped or diagnostics:
        _warn(
            f"{papers} paper(s) from {len(results)} file(s); {skipped} entr{'y' if skipped == 1 else 'ies'} skipped, "
            f"{diagnostics} diagnostic(s) (--explain lists them)"
        )


def _explain(result: ParseResult) -> None:
    err = sys.stderr
    print(f"== {result.path}: {len(result.papers)} paper(s), {len(result.skipped)} skipped", file=err)
    for det in result.detections:
        if det.chosen:
            print(f"  detect {det}", file=err)
    from .grammar import describe

    for paper in result.papers:
        line = paper.source.line if paper.source else "?"
        print(f"  line {line}: {'; '.join(describe(paper))}", file=err)
    for skipped in result.skipped:
        print(f"  {skipped}", file=err)
    for diag in result.diagnostics:
        print(f"  {diag}", file=err)


# ---------------------------------------------------------------------------------------------
# merge and convert


def _read_exports(files: Sequence[str]) -> tuple[list[Paper], int, int]:
    """Papers from export files given as merge inputs; returns papers, files read, status."""
    from .export import read_records

    papers: list[Paper] = []
    read = 0
    status = OK
    for name in files:
        try:
            papers.extend(read_records(name))
            read += 1
        except AwesomeParseError as exc:
            _err(str(exc).splitlines()[0])
            status = USAGE
        except OSError as exc:
            _err(f"{display_path(name)}: cannot read: {exc.strerror or exc}")
            status = USAGE
    return papers, read, status


def _cmd_merge(args: argparse.Namespace) -> int:
    from .export import dumps
    from .merge import merge

    if args.scheduler and args.engine != "dask":
        _err("--scheduler needs --engine dask")
        return USAGE
    checked = _inputs_and_format(args, "jsonl")
    if checked is None:
        return USAGE
    files, status, fmt = checked
    if args.engine != "memory":
        return _merge_streaming(args, files, fmt, status)
    exports = [f for f in files if _is_export(f)]
    readmes = [f for f in files if not _is_export(f)]
    records, exports_read, export_status = _read_exports(exports)
    results, failed, _read = _parse_inputs(args, readmes) if readmes else ([], OK, False)
    status = max(status, failed, export_status)
    if not results and not exports_read:
        if args.output:
            _warn(f"nothing was read; {display_path(args.output)} left unchanged")
        return max(status, USAGE)
    result = merge([*records, *(p for r in results for p in r.papers)])
    _emit(dumps(result.papers, fmt), args.output)
    if not args.quiet:
        with_id = sum(1 for p in result.papers if p.arxiv is not None)
        good = len(results) + exports_read
        _warn(
            f"merged {result.inputs} record(s) from {good} file(s) into {len(result.papers)} paper(s) "
            f"({with_id} with an arXiv id); {len(result.conflicts)} conflict(s)"
        )
        for conflict in result.conflicts:
            _warn(f"conflict: {conflict}")
    return status


def _merge_streaming(args: argparse.Namespace, files: Sequence[str], fmt: str, status: int) -> int:
    """``merge --engine stream|dask``: bounded memory, JSON Lines written to ``-o`` as it goes."""
    if not args.output or fmt != "jsonl":
        _err(
            f"--engine {args.engine} writes JSON Lines to a file: give -o OUT.jsonl "
            "(then 'awesome-parse convert' for another format)"
        )
        return USAGE
    if not files:
        _warn(f"nothing was read; {display_path(args.output)} left unchanged")
        return max(status, USAGE)
    if args.engine == "dask":
        from .dask import merge_paths as dask_merge

        result = dask_merge(files, args.output, scheduler=args.scheduler or "synchronous", workdir=args.workdir)
    else:
        from .stream import merge_paths as stream_merge

        result = stream_merge(files, args.output, workdir=args.workdir)
    if not args.quiet:
        _warn(
            f"merged {result.inputs} record(s) from {len(files)} file(s) into {result.papers} paper(s); "
            f"{len(result.conflicts)} conflict(s)"
        )
        for conflict in result.conflicts:
            _warn(f"conflict: {conflict}")
    return status


def _cmd_convert(args: argparse.Namespace) -> int:
    from .export import dumps, read_records

    fmt = _output_format(args.format, args.output, "jsonl")
    refused = _check_output(args.output, [args.input])
    if refused:
        _err(refused)
        return USAGE
    papers = read_records(args.input, args.src_format)
    _emit(dumps(papers, fmt), args.output)
    return OK


# ---------------------------------------------------------------------------------------------
# lint


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


_FAIL_ON = {"error": Severity.ERROR, "warning": Severity.WARNING, "info": Severity.INFO}


class _Configs:
    """The configuration of each linted file: ``--config``, or found from its folder (cached)."""

    def __init__(self, fixed: str | None, select: list[str], ignore: list[str]) -> None:
        self.fixed = fixed
        self.select = select
        self.ignore = ignore
        self.by_path: dict[Path | None, Any] = {}
        self.reported: set[str] = set()

    def for_file(self, name: str) -> Any:
        """The :class:`LintConfig` for ``name``; raises ConfigError (reported once per file)."""
        from .lint.config import find_config, load_config

        where = Path(self.fixed) if self.fixed else find_config(Path(name).resolve())
        if where not in self.by_path:
            try:
                self.by_path[where] = load_config(where).merged(self.select, self.ignore)
            except AwesomeParseError as exc:
                self.by_path[where] = exc
        found = self.by_path[where]
        if isinstance(found, AwesomeParseError):
            raise found
        return found


def _list_rules() -> int:
    from .lint.config import SUPPRESSION_CODE
    from .lint.rules import default_rules

    rules = list(default_rules())
    for rule in rules:
        print(f"{rule.code} {rule.name} [{rule.severity}]{' (fixable)' if rule.fixable else ''}: {rule.summary}")
    if SUPPRESSION_CODE not in {r.code for r in rules}:
        print(
            f"{SUPPRESSION_CODE} suppression-comment [warning]: A suppression comment that names an unknown "
            "code (error) or suppresses nothing."
        )
    return OK


def _cmd_lint(args: argparse.Namespace) -> int:
    from .lint.config import known_codes, unknown_code
    from .lint.reporters import render, statistics, summary, use_color

    if args.list_rules:
        return _list_rules()
    if not args.files:
        _err("lint: give the FILE(s) to check ('-' for stdin), or --list-rules")
        return USAGE
    if args.fix and args.diff:
        _err("lint: --fix and --diff exclude each other (--diff shows what --fix would do)")
        return USAGE
    known = known_codes()
    for code in _codes(args.select) + _codes(args.ignore):
        problem = unknown_code(code, known)
        if problem:
            _err(f"{problem}; see --list-rules")
            return USAGE
    files, status = _expand(args)
    if args.output_file:
        refused = _check_output(args.output_file, files)
        if refused:
            _err(refused)
            return USAGE
    configs = _Configs(args.config, _codes(args.select), _codes(args.ignore))
    findings: list[Diagnostic] = []
    diffs: list[str] = []
    linted = 0
    for name in files:
        try:
            outcome = _lint_one(name, args, configs, diffs)
        except Exception as exc:  # a bug met on this file: its error line, then the next file
            _err(_internal(name, exc, "linting"))
            outcome = None
        if outcome is None:
            status = USAGE
            continue
        report, ok = outcome
        linted += 1
        findings.extend(report)
        if not ok:
            status = USAGE
    if args.diff:
        if diffs:
            _emit_report("".join(diffs), args.output_file)
        return status if status else (PROBLEMS if diffs else OK)
    color = args.format == "text" and not args.output_file and use_color(sys.stdout)
    if args.statistics and args.format == "text":
        body = statistics(findings)
    else:
        body = render(findings, args.format, color=color)
    if args.format == "text" and not args.quiet and findings:
        fixable = sum(1 for d in findings if d.fix)
        body = (body + "\n" if body else "") + summary(findings, files=linted, fixable=fixable)
    if body:
        # with `lint - --fix` stdout carries the fixed text, so the report goes to stderr
        _emit_report(body + "\n", args.output_file, stderr=args.fix and "-" in files)
    if status:
        return status
    if args.exit_zero:
        return OK
    return PROBLEMS if any(d.severity >= _FAIL_ON[args.fail_on] for d in findings) else OK


def _emit_report(text: str, output: str | None, *, stderr: bool = False) -> None:
    if output:
        write_atomic(output, text)
    else:
        stream = sys.stderr if stderr else sys.stdout
        stream.write(text)
        stream.flush()


def _lint_one(
    name: str, args: argparse.Namespace, configs: _Configs, diffs: list[str]
) -> tuple[Sequence[Diagnostic], bool] | None:
    """Lint (and fix) one file: its findings and whether all went well, or ``None`` if it could not be read."""
    from .errors import InputError
    from .fileio import read_original, read_original_bytes, rewrite
    from .lint import apply_fixes, lint_source
    from .reading import SourceText

    stdin = name == "-"
    label = (args.stdin_filename or "<stdin>") if stdin else name
    try:
        config = configs.for_file((args.stdin_filename or ".") if stdin else name)
    except AwesomeParseError as exc:
        message = str(exc).splitlines()[0]
        if message not in configs.reported:
            configs.reported.add(message)
            _err(message)
        return None
    try:
        original = (
            read_original_bytes(sys.stdin.buffer.read(), label=label) if stdin else read_original(name, label=label)
        )
    except InputError as exc:
        _err(str(exc))
        return None

    def lint(text: str, diagnostics: tuple[Diagnostic, ...]) -> Sequence[Diagnostic]:
        source = SourceText(text, label, original.encoding, diagnostics)
        return lint_source(source, config=config, plugins=args.plugins).findings

    findings = lint(original.text, original.diagnostics)
    ok = True
    if not (args.fix or args.diff):
        return findings, ok
    fixed, applied = apply_fixes(original.text, [d for d in findings if d.fix])
    data = original.data
    if applied:
        try:
            data = rewrite(original, fixed)
        except WriteError as exc:
            _err(str(exc))
            applied, ok = [], False
    if args.diff:
        if applied:
            shown = display_path(label)
            diffs.extend(
                difflib.unified_diff(
                    original.text.splitlines(keepends=True),
                    fixed.splitlines(keepends=True),
                    fromfile=f"a/{shown}",
                    tofile=f"b/{shown}",
                )
            )
        return findings, ok
    if stdin:
        sys.stdout.buffer.write(data)  # the fixed text goes to stdout, like ruff
        sys.stdout.flush()
    elif applied:
        try:
            write_atomic(name, data)
        except WriteError as exc:
            _err(str(exc))
            return findings, False
    if applied and not args.quiet:
        for d in applied:
            what = getattr(d.fix[0], "description", "fix") if d.fix else "fix"
            _warn_plain(f"{display_path(label)}:{d.span.line}:{d.span.column}: fixed {d.code} ({what})")
    if applied:
        again = read_original_bytes(data, label=label)
        findings = lint(again.text, again.diagnostics)
    return findings, ok


def _warn_plain(message: str) -> None:
    print(message, file=sys.stderr)


# ---------------------------------------------------------------------------------------------
# repair


def _cmd_repair(args: argparse.Namespace) -> int:
    from .fileio import read_original, rewrite
    from .repair import repair_text

    original = read_original(args.file)
    if args.output and _check_output(args.output, [args.file]):
        _err(f"{display_path(args.output)}: the output is the input; use --in-place to rewrite it")
        return USAGE
    report = repair_text(original.text, path=display_path(args.file))
    if args.explain or args.check:
        print(report.explain(), file=sys.stderr)
    if args.check:
        return PROBLEMS if report.changed else OK
    if args.in_place:
        if report.changed:
            write_atomic(args.file, rewrite(original, report.text))
        return OK
    if args.output:
        write_atomic(args.output, report.text)
        return OK
    sys.stdout.write(report.text)
    sys.stdout.flush()
    return OK


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
