"""The fuzz targets (tests/fuzz/targets.py) at a small example count, with the fixed seed of the ci profile.

``python -m tests.fuzz.run --examples 100000`` runs the same targets far longer;
set ``FUZZ_EXAMPLES`` to change the count here.
"""

from __future__ import annotations

import os
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings

from .fuzz.targets import TARGETS

EXAMPLES = int(os.environ.get("FUZZ_EXAMPLES", "100"))


@pytest.mark.parametrize("name", sorted(TARGETS))
def test_fuzz_target(name: str) -> None:
    fn, strategy = TARGETS[name]

    @settings(max_examples=EXAMPLES, deadline=None, suppress_health_check=[HealthCheck.too_slow])
    @given(strategy)
    def run(value: Any) -> None:
        fn(value)

    run()
