"""The command line: ``awesome-parse parse|repair|merge|lint``.

``main(argv) -> int`` never raises for bad input: every unreadable file gets one
line on stderr naming the file and the problem, the other files are still
processed, and the exit status says what happened:

* 0 success (for ``lint``: no finding at error level),
* 1 ``lint`` found problems at error level,
* 2 usage error, or an input could not be read.

>>> main(["parse", "--format", "jsonl", "no/such/file.md"])
2
"""

from __future__ import annotations

import argparse
import contextlib
import glob
import sys
from collections.abc import Sequence
from pathlib import Path
from typing import Any

from . import __version__
from .errors import AwesomeParseError, Diagnostic
from .export import FORMAT_NAMES, SUFFIXES
from .model import ParseResult

PROG = "awesome-parse"


class _Parser(argparse.ArgumentParser):
    """argparse that exits with status 2 and one line (not the whole usage) on errors."""

    def error(self, message: str) -> None:  # type: ignore[override]
        self.exit(2, f"{self.prog}: error: {message} (see --help)\n")


def _err(message: str) -> None:
    print(f"{PROG}: error: {message}", file=sys.stderr)


def _warn(message: str) -> None:
    print(f"{PROG}: {message}", file=sys.stderr)


def expand_inputs(
    items: Sequence[str], *, suffixes: tuple[str, ...] = (".md", ".markdown", ".txt", ".rst")
) -> tuple[list[str], list[str]]:
    """Files from arguments that may be files, directories (searched recursively) or globs.

    Returns ``(files, problems)``; a pattern that matches nothing is a problem.
    """
    files: list[str] = []
    problems: list[str] = []
    for item in items:
        if item == "-":
            files.append(item)
            continue
        path = Path(item)
        if path.is_dir():
            found = sorted(str(p) for p in path.rglob("*") if p.is_file() and p.suffix.lower() in suffixes)
            if not found:
                problems.append(f"{item}: directory holds no README-like files ({', '.join(suffixes)})")
            files.extend(found)
        elif any(ch in item for ch in "*?[") and not path.exists():
            found = sorted(glob.glob(item, recursive=True))
            if not found:
                problems.append(f"{item}: pattern matches no file")
            files.extend(f for f in found if Path(f).is_file())
        else:
            files.append(item)
    seen: set[str] = set()
    unique = []
    for f in files:
        if f not in seen:
            seen.add(f)
            unique.append(f)
    return unique, problems


def _build() -> _Parser:
    parser = _Parser(prog=PROG, description="Parse, repair, merge and lint research-paper awesome lists.")
    parser.add_argument("--version", action="version", version=f"{PROG} {__version__}")
    sub = parser.add_subparsers(dest="command", metavar="COMMAND", parser_class=_Parser)

    p = sub.add_parser(
        "parse", help="parse READMEs into Paper records", description="Parse READMEs into Paper records."
    )
    p.add_argument("files", nargs="+", metavar="FILE", help="README files, directories or globs ('-' for stdin)")
    p.add_argument(
        "--format", "-f", choices=("json", "jsonl", "csv"), default="json", help="output format (default json)"
    )
    p.add_argument("-o", "--output", metavar="OUT", help="write here instead of stdout (atomically)")
    p.add_argument("--no-repair", action="store_true", help="do not repair mojibake before parsing")
    p.add_argument(
        "--explain", action="store_true", help="print format detection, skipped rows and diagnostics to stderr"
    )
    p.add_argument("--strict", action="store_true", help="treat any diagnostic of warning level as an error")
    p.add_argument("--list-name", metavar="NAME", help="list name for every source (default: the document title)")
    p.add_argument(
        "--jobs", "-j", type=int, default=None, metavar="N", help="parse files in N processes (default: cores)"
    )
    p.add_argument("--plugins", action="store_true", help="also use installed format plugins (entry points)")

    m = sub.add_parser(
        "merge",
        help="merge lists into one deduplicated dataset",
        description="Merge lists into one deduplicated dataset with provenance and conflicts.",
    )
    m.add_argument("files", nargs="+", metavar="FILE", help="README files, directories or globs")
    m.add_argument("-o", "--output", metavar="OUT", help="output file (atomic); stdout when omitted")
    m.add_argument(
        "--format",
        "-f",
        choices=FORMAT_NAMES,
        default=None,
        help="output format (default: from OUT's suffix, else jsonl)",
    )
    m.add_argument("--jobs", "-j", type=int, default=None, metavar="N", help="parse in N processes (default: cores)")
    m.add_argument("--no-repair", action="store_true", help="do not repair mojibake before parsing")
    m.add_argument("--quiet", "-q", action="store_true", help="no summary and conflicts on stderr")

    lt = sub.add_parser(
        "lint",
        help="check paper lists for what matters to readers (for CI)",
        description="Check paper lists. Exit status: 0 clean, 1 findings at error level, 2 usage or unreadable input.",
    )
    lt.add_argument("files", nargs="+", metavar="FILE", help="README files, directories or globs")
    lt.add_argument("--format", "-f", choices=("text", "json", "github", "sarif"), default="text")
    lt.add_argument("--select", metavar="CODES", help="comma-separated code prefixes to run (AP1,AP203)")
    lt.add_argument("--ignore", metavar="CODES", help="comma-separated code prefixes to skip")
    lt.add_argument("--fix", action="store_true", help="apply safe fixes in place, then report what remains")
    lt.add_argument(
        "--config", metavar="PATH", help="config file (default: nearest .awesome-parse.toml or pyproject.toml)"
    )
    lt.add_argument("--list-rules", action="store_true", help="print the rules and exit")

    r = sub.add_parser("repair", help="repair mojibake, keeping every line in place", description="Repair mojibake.")
    r.add_argument("file", metavar="FILE")
    group = r.add_mutually_exclusive_group()
    group.add_argument("-o", "--output", metavar="OUT", help="write the repaired text here")
    group.add_argument("--in-place", action="store_true", help="rewrite FILE (atomically)")
    r.add_argument("--explain", action="store_true", help="print every change, with line and confidence, to stderr")
    r.add_argument("--check", action="store_true", help="only report; exit 1 if the file needs repair")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Run the command line; returns the exit status."""
    parser = _build()
    args = parser.parse_args(argv)
    if args.command is None:
        parser.print_help(sys.stderr)
        return 2
    try:
        if args.command == "parse":
            return _cmd_parse(args)
        if args.command == "repair":
            return _cmd_repair(args)
        if args.command == "merge":
            return _cmd_merge(args)
        if args.command == "lint":
            return _cmd_lint(args)
    except KeyboardInterrupt:
        _err("interrupted")
        return 130
    except BrokenPipeError:
        with contextlib.suppress(OSError):
            sys.stdout.close()
        return 0
    except AwesomeParseError as exc:
        _err(str(exc))
        return 2
    except OSError as exc:
        _err(f"{exc.filename or ''}: {exc.strerror or exc}")
        return 2
    parser.error(f"unknown command {args.command!r}")
    return 2


def _parse_inputs(args: argparse.Namespace, **options: Any) -> tuple[list[ParseResult], bool]:
    """Parse every input (files, directories, globs) in parallel; report each failure on one line."""
    from .batch import parse_many

    files, problems = expand_inputs(args.files)
    for problem in problems:
        _err(problem)
    results: list[ParseResult] = []
    failed = bool(problems)
    for outcome in parse_many(files, jobs=args.jobs, repair=not args.no_repair, **options):
        if outcome.error is not None:
            _err(outcome.error)
            failed = True
        elif outcome.result is not None:
            results.append(outcome.result)
    return results, failed


def _emit(data: str | bytes, output: str | None) -> None:
    """Write to ``output`` atomically, or to stdout."""
    from .export import write_atomic

    if output and output != "-":
        write_atomic(output, data)
    elif isinstance(data, bytes):
        sys.stdout.buffer.write(data)
        sys.stdout.flush()
    else:
        sys.stdout.write(data)
        sys.stdout.flush()


def _cmd_parse(args: argparse.Namespace) -> int:
    from .export import dumps

    results, failed = _parse_inputs(args, strict=args.strict, list_name=args.list_name, plugins=args.plugins)
    if args.explain:
        for result in results:
            _explain(result)
    _emit(dumps([p for r in results for p in r.papers], args.format), args.output)
    return 2 if failed else 0


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


def _cmd_merge(args: argparse.Namespace) -> int:
    from .export import dumps
    from .merge import merge

    fmt = args.format or _format_from_suffix(args.output) or "jsonl"
    if fmt == "parquet" and not args.output:
        _err("parquet is binary: give an output file with -o")
        return 2
    results, failed = _parse_inputs(args)
    result = merge([p for r in results for p in r.papers])
    _emit(dumps(result.papers, fmt), args.output)
    if not args.quiet:
        with_id = sum(1 for p in result.papers if p.arxiv is not None)
        good = len(results)
        _warn(
            f"merged {result.inputs} record(s) from {good} file(s) into {len(result.papers)} paper(s) "
            f"({with_id} with an arXiv id); {len(result.conflicts)} conflict(s)"
        )
        for conflict in result.conflicts:
            _warn(f"conflict: {conflict}")
    return 2 if failed else 0


def _codes(value: str | None) -> list[str]:
    return [c.strip().upper() for c in (value or "").split(",") if c.strip()]


def _cmd_lint(args: argparse.Namespace) -> int:
    from pathlib import Path

    from .errors import InputError, Severity
    from .export import write_atomic
    from .lint import apply_fixes, lint_file
    from .lint.config import find_config, load_config
    from .lint.reporters import render
    from .lint.rules import default_rules

    rules = default_rules()
    if args.list_rules:
        for rule in rules:
            print(f"{rule.code} {rule.name} [{rule.severity}]{' (fixable)' if rule.fixable else ''}: {rule.summary}")
        return 0
    known = {r.code for r in rules} | {"AP002", "AP003"}
    for code in _codes(args.select) + _codes(args.ignore):
        if not any(k.startswith(code) for k in known):
            _err(f"unknown rule code {code!r}; see --list-rules")
            return 2
    files, problems = expand_inputs(args.files)
    for problem in problems:
        _err(problem)
    failed = bool(problems)
    fixed_config = load_config(Path(args.config)) if args.config else None
    findings: list[Diagnostic] = []
    for name in files:
        try:
            config = fixed_config or load_config(find_config(Path(name).resolve()))
            config = config.merged(_codes(args.select), _codes(args.ignore))
            report = lint_file(name, config=config, rules=rules)
            if args.fix and report.fixable():
                text = Path(name).read_text(encoding="utf-8")
                newline = "\r\n" if "\r\n" in text else "\n"
                fixed, applied = apply_fixes(text.replace("\r\n", "\n"), report.fixable())
                if applied:
                    write_atomic(name, fixed.replace("\n", newline) if newline != "\n" else fixed)
                    for d in applied:
                        what = getattr(d.fix[0], "description", "fix") if d.fix else "fix"
                        print(f"{d.span.path}:{d.span.line}:{d.span.column}: fixed {d.code} ({what})", file=sys.stderr)
                    report = lint_file(name, config=config, rules=rules)
        except InputError as exc:
            _err(str(exc))
            failed = True
            continue
        findings.extend(report.findings)
    output = render(findings, args.format)
    if output:
        print(output)
    if failed:
        return 2
    return 1 if any(d.severity >= Severity.ERROR for d in findings) else 0


def _format_from_suffix(path: str | None) -> str | None:
    if not path:
        return None
    lower = path.lower()
    for suffix, fmt in SUFFIXES:
        if lower.endswith(suffix):
            return fmt
    return None


def _cmd_repair(args: argparse.Namespace) -> int:
    from .export import write_atomic
    from .reading import read_file
    from .repair import repair_text

    source = read_file(args.file)
    report = repair_text(source.text, path=args.file)
    if args.explain or args.check:
        print(report.explain(), file=sys.stderr)
    if args.check:
        return 1 if report.changed else 0
    if args.in_place:
        if report.changed:
            write_atomic(args.file, report.text)
        return 0
    if args.output:
        write_atomic(args.output, report.text)
        return 0
    sys.stdout.write(report.text)
    sys.stdout.flush()
    return 0


if __name__ == "__main__":  # pragma: no cover
    sys.exit(main())
