"""Run the fuzz targets with a large budget: ``python -m tests.fuzz.run --examples 100000``.

Each target gets ``--examples`` examples (or stops at ``--budget`` seconds), from a
fixed ``--seed`` so that a run can be repeated.  A failure prints the smallest
input hypothesis found and the run exits 1.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
import traceback

from hypothesis import HealthCheck, given, seed, settings

from .targets import TARGETS

#: Examples per hypothesis run; a target runs round after round until its count or budget is reached.
ROUND = 2000


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--examples", type=int, default=10_000, help="examples per target")
    ap.add_argument("--budget", type=float, default=0, help="seconds per target (0: no limit)")
    ap.add_argument("--seed", type=int, default=0)
    ap.add_argument("--target", choices=sorted(TARGETS), action="append")
    args = ap.parse_args(argv)
    failed = 0
    for name in args.target or sorted(TARGETS):
        if _fuzz(name, args.examples, args.budget, args.seed):
            failed += 1
    return 1 if failed else 0


def _fuzz(name: str, examples: int, budget: float, start_seed: int) -> bool:
    """Fuzz one target in rounds of at most :data:`ROUND` examples (each from its own seed) until
    ``examples`` were tested or ``budget`` seconds spent; returns whether it failed."""
    fn, strategy = TARGETS[name]
    started = time.monotonic()
    tested = 0
    base = start_seed + random.Random(name).randrange(1 << 30)
    rounds = 0
    while tested < examples and not (budget and time.monotonic() - started > budget):
        size = min(ROUND, examples - tested)
        count = 0

        def body(value: object) -> None:
            nonlocal count
            count += 1
            fn(value)

        run = settings(
            max_examples=size,
            deadline=None,
            database=None,
            derandomize=False,
            suppress_health_check=list(HealthCheck),
        )(seed(base + rounds)(given(strategy)(body)))
        try:
            run()
        except Exception:
            print(f"{name}: FAILED after {tested + count} examples", flush=True)
            traceback.print_exc()
            return True
        tested += count
        rounds += 1
    print(f"{name}: {tested} examples, no failure ({time.monotonic() - started:.0f}s)", flush=True)
    return False


if __name__ == "__main__":
    sys.exit(main())
