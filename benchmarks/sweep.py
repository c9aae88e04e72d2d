#!/usr/bin/env python3
"""Doubling sweep: how the cost of each hostile input shape grows with its size.

Usage (from the project root, with the project installed):

    python benchmarks/sweep.py                  # every shape, sizes n, 2n, 4n
    python benchmarks/sweep.py --only openreview,lint-dup-arxiv
    python benchmarks/sweep.py --min-seconds 0.5 --timeout 60 --corpus-times 7,14

For each shape the input is built at size n, 2n and 4n (n grows from the
shape's start size until one run takes ``--min-seconds``, so the timings are
above the noise), and each size is timed in a fresh child process: the child
first warms up on a smaller input (models and tables load once), then takes the
best of ``--repeat`` calls, fewer once they add up to two seconds, and one for a
shape whose result the library caches.  Interpreter start and input building
are not counted.  The fitted exponent is the least-squares slope of log(time)
against log(size): 1.0 is linear, 2.0 quadratic; a linear shape stays below
1.15.  A run past ``--timeout`` seconds stops that shape and its exponent is
printed as a lower bound.

The last shape concatenates the README corpus (``../shared/corpus`` when
present, else the seeds in tests/fixtures) several times and compares the cost
of ``lint`` with that of ``parse`` on the same text.

Every input goes through the public API only: ``parse_text``, ``merge``,
``awesome_parse.repair.repair_text`` and ``awesome_parse.lint.lint_text``.
"""

from __future__ import annotations

import argparse
import json
import math
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
CORPUS = ROOT.parent / "shared" / "corpus"
SEEDS = ROOT / "tests" / "fixtures"

_HAN = "大模型评测中的问题与中文理解能力的研究进展"


def _corpus_text() -> str:
    files = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []
    files = files or sorted(SEEDS.glob("0*_*.txt"))
    return "\n\n".join(p.read_text(encoding="utf-8", errors="replace") for p in files)


def _lost_byte_line(n: int) -> str:
    """One line of ``n`` Han characters, UTF-8 read as cp1252 with its undefined bytes lost."""
    line = (_HAN * (n // len(_HAN) + 1))[:n]
    return "# 论文\n\n" + line.encode("utf-8").decode("cp1252", errors="ignore") + "\n"


def _duplicates(n: int) -> str:
    rows = "".join(f"- [A paper on topic number {k}](https://arxiv.org/abs/2310.12036)\n" for k in range(n))
    return "# Papers\n\n## One section\n\n" + rows


def _openreview_papers(n: int) -> list[Any]:
    from awesome_parse import Link, Paper

    url = "https://" + "openreview.net/forum?" * n + "id=abc123"
    return [Paper(title=f"A paper {k}", url=url, links=[Link("paper", url)]) for k in range(2)]


def _op_parse(text: str) -> Callable[[], Any]:
    from awesome_parse import parse_text

    return lambda: parse_text(text, path="sweep.md")


def _op_lint(text: str) -> Callable[[], Any]:
    from awesome_parse.lint import lint_text

    return lambda: lint_text(text, "sweep.md")


def _op_repair(text: str) -> Callable[[], Any]:
    from awesome_parse.repair import repair_text

    return lambda: repair_text(text, "sweep.md")


def _op_merge(papers: list[Any]) -> Callable[[], Any]:
    from awesome_parse import merge

    return lambda: merge(papers)


#: name -> (issue item, what it is, start size, build the call for size n)
SHAPES: dict[str, tuple[str, str, int, Callable[[int], Callable[[], Any]]]] = {
    "author-digit-run": (
        "15.11",
        "parse: an author text holding a run of n digits",
        5000,
        lambda n: _op_parse(
            "# Papers\n\n- [A Study of Long Inputs](https://arxiv.org/abs/2310.12036). *Smith "
            + "1" * n
            + "x, B. Jones.* NeurIPS 2023.\n"
        ),
    ),
    "h2-of-lt": (
        "15.12",
        "parse: an <h2> heading of n '<'",
        25000,
        lambda n: _op_parse(
            "# Papers\n\n<h2>" + "<" * n + "</h2>\n\n- [Some paper title here](https://arxiv.org/abs/2310.12036)\n"
        ),
    ),
    "lost-byte-line": (
        "15.13",
        "repair: one mojibake line of n characters with lost bytes",
        1000,
        lambda n: _op_repair(_lost_byte_line(n)),
    ),
    "openreview": (
        "15.14",
        "merge: two papers whose link repeats 'openreview.net/forum?' n times",
        1000,
        lambda n: _op_merge(_openreview_papers(n)),
    ),
    "lint-schemeless": (
        "15.15",
        "lint: a line of n '](a.co/'",
        2500,
        lambda n: _op_lint("# T\n\n" + "](a.co/" * n + "\n"),
    ),
    "lint-suppress": (
        "15.15",
        "lint: a line of n '<!-- awesome-parse: ignore '",
        1000,
        lambda n: _op_lint("# T\n\n" + "<!-- awesome-parse: ignore " * n + "\n"),
    ),
    "lint-dup-arxiv": (
        "15.16",
        "lint: n entries of one section on one arXiv id",
        250,
        lambda n: _op_lint(_duplicates(n)),
    ),
    "lint-empty-headings": (
        "15.17",
        "lint: n empty headings",
        40000,
        lambda n: _op_lint("# T\n\n" + "".join(f"## Heading {k}\n\n" for k in range(n))),
    ),
}


#: Shapes whose result the library caches per line: a second call would time the cache.
_ONCE = {"lost-byte-line"}


def _child(shape: str, n: int, repeat: int) -> None:
    if shape.startswith("corpus-"):
        kind, times = shape.split("-")[1], n
        text = "\n\n".join([_corpus_text()] * times)
        call = _op_lint(text) if kind == "lint" else _op_parse(text)
    else:
        build = SHAPES[shape][3]
        build(max(1, n // 8))()  # warm up: load models and tables once, on another text
        call = build(n)
        if shape in _ONCE:
            repeat = 1
    best = math.inf
    spent = 0.0
    for _ in range(repeat):
        start = time.perf_counter()
        call()
        took = time.perf_counter() - start
        best, spent = min(best, took), spent + took
        if spent > 2.0:  # slow runs vary little: one or two are enough
            break
    print(json.dumps({"seconds": best}))


def _measure(shape: str, n: int, repeat: int, timeout: float) -> float | None:
    """Seconds for one size in a fresh process; ``None`` past the timeout or on an error."""
    try:
        proc = subprocess.run(
            [sys.executable, __file__, "--child", shape, str(n), "--repeat", str(repeat)],
            capture_output=True,
            text=True,
            timeout=timeout,
        )
    except subprocess.TimeoutExpired:
        return None
    if proc.returncode != 0:
        tail = proc.stderr.strip().splitlines()[-1:] or ["no output"]
        print(f"  {shape} at {n}: failed: {tail[0]}", file=sys.stderr)
        return None
    return float(json.loads(proc.stdout)["seconds"])


def fit_exponent(sizes: list[int], seconds: list[float]) -> float:
    """Least-squares slope of log(seconds) against log(size).

    >>> round(fit_exponent([1, 2, 4], [1.0, 4.0, 16.0]), 2)
    2.0
    """
    xs = [math.log(s) for s in sizes]
    ys = [math.log(max(t, 1e-9)) for t in seconds]
    mx, my = sum(xs) / len(xs), sum(ys) / len(ys)
    return sum((x - mx) * (y - my) for x, y in zip(xs, ys, strict=True)) / sum((x - mx) ** 2 for x in xs)


def sweep(shape: str, start: int, args: argparse.Namespace) -> dict[str, Any]:
    n = start
    first = _measure(shape, n, args.repeat, args.timeout)
    while first is not None and first < args.min_seconds and n < start * 2**12:
        n *= 2
        first = _measure(shape, n, args.repeat, args.timeout)
    sizes, seconds = [n], [first]
    for factor in (2, 4):
        if seconds[-1] is None:
            break
        sizes.append(n * factor)
        seconds.append(_measure(shape, n * factor, args.repeat, args.timeout))
    done = [(s, t) for s, t in zip(sizes, seconds, strict=True) if t is not None]
    lower_bound = len(done) < len(sizes)
    if lower_bound and done:  # the run that timed out took at least the timeout
        done.append((sizes[len(done)], args.timeout))
    exponent = fit_exponent([s for s, _ in done], [t for _, t in done]) if len(done) >= 2 else None
    return {"sizes": sizes, "seconds": seconds, "exponent": exponent, "lower_bound": lower_bound}


def _show(t: float | None) -> str:
    return "timeout" if t is None else f"{t:.3f}s"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="", help="comma-separated shape names (default: all)")
    ap.add_argument("--min-seconds", type=float, default=0.3, help="grow n until one run takes this long")
    ap.add_argument("--timeout", type=float, default=90.0, help="seconds before a run is stopped")
    ap.add_argument("--repeat", type=int, default=3, help="best of this many calls per size")
    ap.add_argument("--corpus-times", default="7,14", help="how many copies of the corpus the lint/parse ratio uses")
    ap.add_argument("--limit", type=float, default=1.15, help="exponent above which a shape is reported as superlinear")
    ap.add_argument("--json", type=Path, help="also write the results here")
    ap.add_argument("--child", nargs=2, metavar=("SHAPE", "N"), help=argparse.SUPPRESS)
    args = ap.parse_args(argv)
    if args.child:
        _child(args.child[0], int(args.child[1]), args.repeat)
        return 0
    wanted = [s for s in args.only.split(",") if s] or [*SHAPES, "corpus"]
    unknown = [s for s in wanted if s not in SHAPES and s != "corpus"]
    if unknown:
        ap.error(f"unknown shape {', '.join(unknown)}; known: {', '.join([*SHAPES, 'corpus'])}")
    results: dict[str, Any] = {}
    worst = 0.0
    for name in wanted:
        if name == "corpus":
            continue
        item, what, start, _build = SHAPES[name]
        row = sweep(name, start, args)
        results[name] = {"item": item, "what": what, **row}
        exp = row["exponent"]
        shown = "n/a" if exp is None else f"{'>=' if row['lower_bound'] else ''}{exp:.2f}"
        worst = max(worst, exp or 0.0)
        timings = ", ".join(f"{s}: {_show(t)}" for s, t in zip(row["sizes"], row["seconds"], strict=True))
        print(f"item {item} {name:20s} exponent {shown:>6s}   ({timings})   {what}", flush=True)
    if "corpus" in wanted:
        times = [int(t) for t in args.corpus_times.split(",")]
        lint = [_measure("corpus-lint", t, 1, args.timeout * 4) for t in times]
        parse = [_measure("corpus-parse", t, 1, args.timeout * 4) for t in times]
        ok = all(t is not None for t in lint + parse)
        lint_exp = fit_exponent(times, [t for t in lint if t is not None]) if ok else None
        ratio = (lint[-1] / parse[-1]) if ok and lint[-1] and parse[-1] else None
        results["corpus"] = {"item": "15.18", "times": times, "lint": lint, "parse": parse, "lint_exponent": lint_exp,
                             "lint_over_parse": ratio}  # fmt: skip
        worst = max(worst, lint_exp or 0.0)
        print(
            f"item 15.18 corpus x{'/'.join(map(str, times)):17s} lint exponent "
            f"{'n/a' if lint_exp is None else f'{lint_exp:.2f}':>6s}   "
            f"(lint {', '.join(map(_show, lint))}; parse {', '.join(map(_show, parse))})   "
            f"lint/parse at x{times[-1]}: {'n/a' if ratio is None else f'{ratio:.2f}'}",
            flush=True,
        )
    if args.json:
        args.json.write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"worst exponent {worst:.2f} (limit {args.limit})")
    return 0


if __name__ == "__main__":
    sys.exit(main())
