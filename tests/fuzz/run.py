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

from hypothesis import HealthCheck, Phase, given, seed, settings

from .targets import TARGETS


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
    """Fuzz one target; returns whether it failed."""
    fn, strategy = TARGETS[name]
    stop = time.monotonic() + budget if budget else None
    count = tested = 0

    def body(value: object) -> None:
        nonlocal count, tested
        count += 1
        if stop is not None and time.monotonic() > stop:
            return  # budget spent: the remaining examples pass trivially
        tested += 1
        fn(value)

    run = settings(
        max_examples=examples,
        deadline=None,
        database=None,
        derandomize=False,
        phases=[Phase.generate, Phase.target, Phase.shrink],
        suppress_health_check=list(HealthCheck),
    )(seed(start_seed + random.Random(name).randrange(1 << 30))(given(strategy)(body)))
    started = time.monotonic()
    try:
        run()
    except Exception:
        print(f"{name}: FAILED", flush=True)
        traceback.print_exc()
        return True
    ran = time.monotonic() - started
    print(f"{name}: {tested} of {count} examples tested, no failure ({ran:.0f}s)", flush=True)
    return False


if __name__ == "__main__":
    sys.exit(main())
