"""The entry grammar's rule chain: every rule named, documented with an example, and exercised by a case.

A case in ``tests/cases`` names the rules it exercises in its JSON (``"rules"``);
parsing that case must make each named rule mark something.  Together the cases
name every rule, so a rule that no case needs any more is noticed.
"""

from __future__ import annotations

import json
from collections.abc import Callable, Iterator
from pathlib import Path

import pytest

import awesome_parse.grammar as grammar
from awesome_parse import parse_text
from awesome_parse.grammar.rules import Rule, default_rules, iter_rules
from awesome_parse.grammar.unit import State

from .conftest import CASES

RULE_NAMES = [name for name, _rule in iter_rules()]
TAGGED = sorted(
    p
    for p in CASES.glob("*/*.json")
    if p.parent.name != "known-failures" and "rules" in json.loads(p.read_text(encoding="utf-8"))
)


def _tags(path: Path) -> list[str]:
    return list(json.loads(path.read_text(encoding="utf-8"))["rules"])


def _footprint(state: State) -> tuple[int, int, int, int]:
    return (len(state.marks), len(state.values), len(state.facts), state.title_link)


@pytest.fixture
def fired(monkeypatch: pytest.MonkeyPatch) -> Iterator[set[str]]:
    """The names of the rules that changed a unit's state while the test parsed."""
    seen: set[str] = set()

    def watch(name: str, rule: Rule) -> Callable[[State], None]:
        def watched(state: State) -> None:
            before = _footprint(state)
            rule(state)
            if _footprint(state) != before:
                seen.add(name)

        return watched

    monkeypatch.setattr(grammar, "_DEFAULT_RULES", tuple(watch(n, r) for n, r in iter_rules()))
    yield seen


def test_rule_names_are_unique_and_registered() -> None:
    assert len(set(RULE_NAMES)) == len(RULE_NAMES)
    assert default_rules().names() == RULE_NAMES


@pytest.mark.parametrize("name", RULE_NAMES)
def test_every_rule_has_a_docstring_with_an_example(name: str) -> None:
    rule = dict(iter_rules())[name]
    assert rule.__doc__ and ">>>" in rule.__doc__, f"{name} needs a docstring with a doctest example"


def test_every_rule_is_exercised_by_a_case() -> None:
    tagged = {tag for path in TAGGED for tag in _tags(path)}
    assert set(RULE_NAMES) <= tagged, f"no case names {sorted(set(RULE_NAMES) - tagged)}"
    assert tagged <= set(RULE_NAMES), f"cases name unknown rules {sorted(tagged - set(RULE_NAMES))}"


@pytest.mark.parametrize("path", TAGGED, ids=lambda p: f"{p.parent.name}/{p.stem}")
def test_tagged_rules_fire_on_their_case(path: Path, fired: set[str]) -> None:
    source = path.with_suffix(".md")
    parse_text(source.read_text(encoding="utf-8"), path=source.name)
    missing = [tag for tag in _tags(path) if tag not in fired]
    assert not missing, f"{source.name}: rules named but never applied: {missing}"


def test_heuristics_page_is_generated_from_the_code() -> None:
    """docs/heuristics.md lists every rule, step, word list and pattern as the code has them."""
    from awesome_parse.grammar.reference import heuristics_markdown

    page = (CASES.parent.parent / "docs" / "heuristics.md").read_text(encoding="utf-8")
    assert page == heuristics_markdown(), "regenerate: python -m awesome_parse.grammar.reference > docs/heuristics.md"
    for name in RULE_NAMES:
        assert f"| {name} |" in page


def test_long_digit_run_in_author_text_is_read_in_one_pass() -> None:
    """``*Smith 111...1x, B. Jones.*``: the name-marker strip scans backwards once, so a digit run of
    a million characters that never reaches the end of the name is read (quadratic retries would not
    finish), and the names around it are still judged."""
    from awesome_parse.grammar.text import is_name_list, strip_markers

    run = "1" * 1_000_000
    assert strip_markers(f"Smith {run}x") == f"Smith {run}x"
    assert strip_markers(f"Jones{run}") == "Jones"
    assert not is_name_list(f"Smith {run}x, B. Jones.")
    line = f"- **A Made-Up Title** *Smith {'1' * 200_000}x, B. Jones.* [[pdf](https://arxiv.org/abs/2401.00001)]\n"
    papers = parse_text(line).papers
    assert [(p.title, p.arxiv_id) for p in papers] == [("A Made-Up Title", "2401.00001")]


def test_key_value_values_are_read_by_the_grammar() -> None:
    """``Key: value`` lines give their value to the grammar with the key's role as the hint: the venue
    key's text is split as a venue column's is (the date apart), and provenance names the rule."""
    text = (
        "## Sparse Probing\n"
        "- **Paper**: [Sparse Probing of Tiny Encoders](https://arxiv.org/abs/2101.00042)\n"
        "- **Authors**: Ines Varga, Tomas Reuter\n"
        "- **Venue**: Sep 2021, ICLR 2022\n"
    )
    (paper,) = parse_text(text).papers
    assert paper.title == "Sparse Probing of Tiny Encoders"
    assert paper.authors == ("Ines Varga", "Tomas Reuter")
    assert (paper.venue, paper.date) == ("ICLR 2022", "2021-09")
    how = dict(paper.provenance)
    assert how["authors"] == how["venue"] == "hints"
