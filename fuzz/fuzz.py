#!/usr/bin/env python3
"""A fuzzing harness for awesome-parse, run by hand: hypothesis with a large example budget.

    python fuzz/fuzz.py                     # 20,000 examples per target
    python fuzz/fuzz.py --examples 200000 --target parse

Targets: parse (never raises, every line inside the file), repair (keeps the line
structure, is idempotent on its own output), lint (never raises, fixes only touch
their own lines), merge (order-independent and idempotent), export (every format
reads back).  A failure prints the smallest input hypothesis found; add it to
tests/test_hostile.py or tests/test_properties.py as a regression test.
"""

from __future__ import annotations

import argparse
import random
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "tests"))

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from awesome_parse import merge, parse_bytes, parse_text
from awesome_parse.export import dumps, loads
from awesome_parse.lint import apply_fixes, lint_text
from awesome_parse.repair import repair_text
from strategies import arbitrary_text, readme_like

texts = st.one_of(readme_like, arbitrary_text, st.binary(max_size=300).map(lambda b: b.decode("latin-1")))


def target_parse(text: str) -> None:
    result = parse_text(text, path="f.md")
    n = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for p in result.papers:
        assert p.source is not None and 1 <= p.source.line <= n
    try:
        parse_bytes(text.encode("utf-8", "surrogatepass"), path="f.md")
    except Exception as exc:  # only the documented one-line error may come out
        assert type(exc).__name__ == "InputError", exc


def target_repair(text: str) -> None:
    once = repair_text(text).text
    assert once.count("\n") == text.count("\n")
    assert repair_text(once).text.count("\n") == text.count("\n")


def target_lint(text: str) -> None:
    report = lint_text(text, "f.md")
    fixed, _applied = apply_fixes(text, report.fixable())
    assert fixed.count("\n") == text.count("\n")


def target_merge(text: str) -> None:
    papers = list(parse_text(text, path="a.md").papers) + list(parse_text(text[::-1], path="b.md").papers)
    once = merge(papers)
    shuffled = list(papers)
    random.Random(len(text)).shuffle(shuffled)
    assert merge(shuffled).papers == once.papers
    assert merge(once.papers).papers == once.papers


def target_export(text: str) -> None:
    papers = merge(parse_text(text, path="a.md").papers).papers
    for fmt in ("json", "jsonl", "csv", "csljson", "parquet"):
        assert tuple(loads(dumps(papers, fmt), fmt)) == papers, fmt


TARGETS = {
    "parse": target_parse,
    "repair": target_repair,
    "lint": target_lint,
    "merge": target_merge,
    "export": target_export,
}


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=20_000)
    ap.add_argument("--target", choices=sorted(TARGETS), action="append")
    args = ap.parse_args()
    for name in args.target or sorted(TARGETS):
        fn = TARGETS[name]
        run = settings(
            max_examples=args.examples,
            deadline=None,
            database=None,
            suppress_health_check=list(HealthCheck),
        )(given(texts)(fn))
        print(f"fuzzing {name} with {args.examples} examples ...", flush=True)
        run()
        print(f"  {name}: no failure")
    return 0


if __name__ == "__main__":
    sys.exit(main())
