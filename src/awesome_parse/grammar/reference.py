"""``docs/heuristics.md``, generated from the rule registry, the normalizer steps and the vocabulary.

Every guess the library makes is a named grammar rule, a normalizer step, a
word list or a pattern; each explains itself in its docstring or its ``#:``
comment.  This module puts them on one page, so the page cannot drift from the
code (a test compares the two).  Regenerate it with::

    python -m awesome_parse.grammar.reference > docs/heuristics.md

>>> page = heuristics_markdown()
>>> "| 7 | bold_title | markup |" in page and "## Vocabulary" in page
True
"""

from __future__ import annotations

import ast
import inspect
import re
from collections.abc import Callable, Iterable
from pathlib import Path
from typing import Any

__all__ = ["heuristics_markdown"]

_INTRO = """\
# Heuristics

Generated from the rule registry (`awesome_parse.grammar.rules`), the normalizer
steps (`awesome_parse.normalize`), the vocabulary (`awesome_parse.vocab`) and the
patterns (`awesome_parse.patterns`); do not edit by hand.  Regenerate with
`python -m awesome_parse.grammar.reference > docs/heuristics.md`.

## How an entry is read

A format parser only finds the *unit* of one entry: a table row with its
column roles, a list item with its sub-items, an `<li>`, a `<details>` block, a
heading with its body, a reference paragraph.  It hands the grammar the unit's
*atoms*: text runs with their markup (bold, italic, code, link text and target,
image, forced line break) and hints (the column's role from the header, the key
of a `Key:` line).

The grammar runs one chain of named rules over every unit, whatever its
format.  Each rule marks spans of the unit's plain text with a label (`title`,
`author`, `venue`, `date`, `alias`, `tag`, `other`...) and records its name on
the mark; a character is never marked twice, so an earlier rule's decision
stands.  Markup rules come first (what bold, quotes, links and columns say is
surest); text rules then read what markup leaves, the plain-text citation
(`awesome_parse.grammar.text`).  The marks become a raw entry whose fields each
name their rule; the normalizer steps below then clean and type the values, and
`Paper.provenance` (and `awesome-parse parse --explain`) says, for each field,
which rule or step gave it.

Each rule below has a runnable example in its docstring and a case in
`tests/cases` that must make it fire.
"""


def _first_paragraph(doc: str | None) -> str:
    """The prose of a docstring up to its first example or blank line, on one line."""
    text = inspect.cleandoc(doc or "")
    head = text.split("\n\n", 1)[0].split(">>>", 1)[0]
    return " ".join(head.split()).replace("|", "\\|")


def _example(doc: str | None) -> str | None:
    """The doctest of a docstring (its ``>>>`` lines and their output), or ``None``."""
    text = inspect.cleandoc(doc or "")
    start = text.find(">>>")
    if start < 0:
        return None
    lines = [line for line in text[start:].splitlines() if "import explain" not in line]
    return "\n".join(lines).strip()


def _rules_section() -> list[str]:
    from .rules import MARKUP_RULES, TEXT_RULES

    out = ["## Grammar rules, in order", "", "| # | rule | phase | what it decides |", "| --- | --- | --- | --- |"]
    chain: list[tuple[str, Callable[..., Any], str]] = [(n, r, "markup") for n, r in MARKUP_RULES]
    chain += [(n, r, "text") for n, r in TEXT_RULES]
    for k, (name, rule, phase) in enumerate(chain, 1):
        out.append(f"| {k} | {name} | {phase} | {_first_paragraph(rule.__doc__)} |")
    for name, rule, _phase in chain:
        example = _example(rule.__doc__)
        if example:
            out += ["", f"### {name}", "", "```pycon", example, "```"]
    return out


def _free_text_section() -> list[str]:
    from .rules import CITATION_MODES

    text = _FREE_TEXT.replace("FIGURES", "\n".join(FREE_TEXT_FIGURES))
    text = text.replace("MODES_DECISION", FREE_TEXT_DECISION)
    out = text.rstrip("\n").split("\n")
    out += ["", "Modes: " + ", ".join(f"`{m}`" for m in CITATION_MODES) + " (the first is the default chain)."]
    return out


def _steps_section() -> list[str]:
    from ..normalize import default_steps

    out = ["## Normalizer steps, in order", "", "| step | what it does |", "| --- | --- |"]
    out += [f"| {name} | {_first_paragraph(step.__doc__)} |" for name, step in default_steps().items()]
    return out


def _commented_names(module: Any) -> Iterable[tuple[str, str]]:
    """``(name, comment)`` for each module-level assignment carrying a ``#:`` comment, in source order."""
    source = Path(inspect.getfile(module)).read_text(encoding="utf-8")
    lines = source.splitlines()
    for node in ast.parse(source).body:
        targets: list[ast.expr] = []
        if isinstance(node, ast.Assign):
            targets = list(node.targets)
        elif isinstance(node, ast.AnnAssign):
            targets = [node.target]
        names = [t.id for t in targets if isinstance(t, ast.Name) and not t.id.startswith("_")]
        if not names:
            continue
        comment: list[str] = []
        k = node.lineno - 2
        while k >= 0 and lines[k].lstrip().startswith("#"):
            line = lines[k].lstrip()
            if line.startswith("#:"):
                comment.insert(0, line[2:].strip())
            elif comment:
                break  # a plain comment above the documentation belongs to something else
            k -= 1
        if comment:
            yield names[0], " ".join(comment)


def _sample(value: Any) -> str:
    """A short, stable view of a word list's contents."""
    if isinstance(value, re.Pattern):
        return f"`{value.pattern[:90]}{'...' if len(value.pattern) > 90 else ''}`".replace("|", "\\|")
    if isinstance(value, dict):
        items = sorted(value.items(), key=lambda kv: str(kv[0]))
        shown = ", ".join(f"{k}→{v}" for k, v in items[:8])
        return f"{len(value)} entries: {shown}{', ...' if len(value) > 8 else ''}".replace("|", "\\|")
    if isinstance(value, (frozenset, set, tuple, list)):
        words = sorted(str(v) for v in value)
        shown = ", ".join(words[:10])
        return f"{len(words)} words: {shown}{', ...' if len(words) > 10 else ''}".replace("|", "\\|")
    return repr(value)


def _module_section(title: str, module: Any) -> list[str]:
    out = [f"## {title}", "", "| name | what and why | contents |", "| --- | --- | --- |"]
    for name, comment in _commented_names(module):
        value = getattr(module, name)
        what = comment.replace("|", "\\|")
        out.append(f"| `{name}` | {what} | {_sample(value)} |")
    return out


#: The figures of the ways of reading free text, measured with ``benchmarks/labeler.py`` (docs/labeler.md).
FREE_TEXT_FIGURES: tuple[str, ...] = (
    "| mode | fields all6 | fields title | fields authors | fields venue | fields year | seeds fields | gold.xml all4 | gold.xml title | gold.xml authors | gold.xml venue | gold.xml year |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    "| hybrid (default) | 0.961 | 0.978 | 0.978 | 0.972 | 1.000 | 1.000 | 0.255 | 0.501 | 0.739 | 0.422 | 0.871 |",
    "| rules | 0.961 | 0.978 | 0.978 | 0.972 | 1.000 | 1.000 | 0.038 | 0.279 | 0.445 | 0.254 | 0.717 |",
    "| labeler | 0.772 | 0.983 | 0.978 | 0.783 | 1.000 | 1.000 | 0.305 | 0.509 | 0.783 | 0.480 | 0.962 |",
    "| fill | 0.961 | 0.978 | 0.978 | 0.972 | 1.000 | 1.000 | 0.081 | 0.289 | 0.461 | 0.289 | 0.746 |",
)
#: What the figures decided.
FREE_TEXT_DECISION = (
    "the hybrid is the default chain.  It ties the hand rules on the field lists and the seeds "
    "(no field lost; on lists outside the hand-read sample it reads author-first plain citation"
    "s the rules took whole as titles), and reads plain references much better (all four fields"
    " right on 0.255 of anystyle's references against 0.038).  The labeler alone reads plain re"
    "ferences best (0.305) but loses venues on lists (0.783): list venues follow conventions th"
    "e rules know (`NeurIPS 2020`, `arXiv:id / ICML 2016`); the labeler's token accuracy on any"
    "style-gold.xml was 0.872 when this was measured (0.894 with the model shipped now), short of the 0.93 aimed at (docs/labeler.md)."
)

#: The ways of reading a citation's free text, as measured (``benchmarks/labeler.py``; see docs/labeler.md).
_FREE_TEXT = """\
## Free text: hand rules or the citation labeler

A citation written without markup (`Authors. Year. Title. Venue.`) is read by the
CRF citation labeler (`awesome_parse.grammar.labeler`, rule `plain_citation`);
everything markup decides stays a hard constraint, and the hand rules read every
unit the labeler does not read whole (a title and authors).  The ways of reading
free text (`awesome_parse.grammar.rules.citation_rules`) were measured on the
field lists (`score_fields.py`, all six fields right), the seeds (`score_seeds.py`,
seed fields) and anystyle's plain references (`anystyle-gold.xml`: title, authors,
venue and year all right):

FIGURES

Decision: MODES_DECISION
"""


def heuristics_markdown() -> str:
    """The page, as ``docs/heuristics.md`` holds it."""
    from .. import patterns, vocab

    parts = [
        _INTRO.rstrip("\n").split("\n"),
        _rules_section(),
        _free_text_section(),
        _steps_section(),
        _module_section("Vocabulary (`awesome_parse.vocab`)", vocab),
        _module_section("Patterns (`awesome_parse.patterns`)", patterns),
        [
            "## Merging and mojibake",
            "",
            "Identity, conflicts and the field rules of a merge are in the module docstring of",
            "`awesome_parse.merge`; the repair of damaged text in [repair.md](repair.md).",
        ],
    ]
    return "\n\n".join("\n".join(p) for p in parts) + "\n"


if __name__ == "__main__":  # pragma: no cover - the documented regeneration command
    print(heuristics_markdown(), end="")
