"""Shared test helpers: where the fixtures and the optional ../shared material are."""

from __future__ import annotations

import os
from pathlib import Path

import pytest
from hypothesis import settings

# The property tests are deterministic by default, so a test run gives the same
# verdict on every machine; HYPOTHESIS_PROFILE=explore draws fresh random
# examples (and fuzz/fuzz.py searches far longer).
settings.register_profile("ci", derandomize=True, database=None, print_blob=True)
settings.register_profile("explore", print_blob=True)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "ci"))

ROOT = Path(__file__).resolve().parent.parent
FIXTURES = ROOT / "tests" / "fixtures"
CASES = ROOT / "tests" / "cases"
SHARED = ROOT.parent / "shared"
CORPUS = SHARED / "corpus"
GOLD = SHARED / "gold" / "seeds.json"

SEEDS = sorted(FIXTURES.glob("0*_*.txt"))
CORPUS_FILES = sorted(CORPUS.glob("*.md")) if CORPUS.is_dir() else []

needs_shared = pytest.mark.skipif(not SHARED.is_dir(), reason="../shared is not present")


def seed(prefix: str) -> Path:
    """The seed README whose name starts with ``prefix`` (``"000"``...)."""
    return next(p for p in SEEDS if p.name.startswith(prefix))
