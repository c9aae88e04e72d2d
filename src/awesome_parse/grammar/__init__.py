"""The entry grammar: the one place that decides which part of an entry is its title, authors, venue, year.

Format parsers find units (a list item, a table row, a heading with its body, an
HTML element) and hand over their atoms (:mod:`awesome_parse.grammar.atoms`);
:func:`read` runs the rules (:mod:`awesome_parse.grammar.rules`) over a unit and
assembles the marks they set into a :class:`Reading`: raw field values, each
with the name of the rule that set it.

>>> from awesome_parse.markdown import Inline
>>> from awesome_parse.grammar.atoms import to_atoms
>>> atoms, links = to_atoms([Inline("**Attention Is All You Need.** *Ashish Vaswani, Noam Shazeer.* NeurIPS 2017.", 1)])
>>> r = read(Unit(Shape.LIST_ITEM, atoms, links, 1, 1))
>>> r.title, r.authors, r.venue, r.rules["title"], r.rules["authors"]
('Attention Is All You Need.', 'Ashish Vaswani, Noam Shazeer.', 'NeurIPS 2017', 'bold_title', 'italic_runs')
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import attrs

from .._text import squash, strip_symbols
from ..patterns import YEAR_ONLY
from ..registry import Registry
from .atoms import Atom, LinkRef
from .rules import Rule, default_rules
from .unit import Shape, State, Unit

if TYPE_CHECKING:
    from ..model import Paper

__all__ = [
    "Reading",
    "Shape",
    "Unit",
    "default_rules",
    "describe",
    "explain",
    "read",
    "read_atoms",
    "reads_as_citation",
]

_DEFAULT_RULES: tuple[Rule, ...] = tuple(default_rules())


@attrs.define(slots=True)
class Reading:
    """What the grammar read in one unit: raw strings (not yet normalized) and who set each.

    ``rules`` maps a field (``title``, ``authors``, ``venue``, ``date``, ``year``,
    ``summary``, ``alias``...) to the name of the rule that set its first value.
    ``title_link`` is the index of the link that is the title's (or the alias's), or -1;
    ``link_roles`` maps link indices to the role their column or key gives them (``code``...).
    """

    title: str | None = None
    title_line: int | None = None
    title_link: int = -1
    aliases: list[str] = attrs.Factory(list)
    authors: str | None = None
    venue: str | None = None
    date: str | None = None
    year: str | None = None
    summary: str | None = None
    tags: list[str] = attrs.Factory(list)
    affiliations: list[str] = attrs.Factory(list)
    rules: dict[str, str] = attrs.Factory(dict)
    link_roles: dict[int, str] = attrs.Factory(dict)
    lines: dict[str, int] = attrs.Factory(dict)

    @property
    def title_rule(self) -> str | None:
        """The rule that found the title (or, for a nickname link, the alias), or ``None``."""
        if self.title is not None:
            return self.rules.get("title")
        return "link_alias" if self.title_link >= 0 else None

    def fields(self) -> list[tuple[str, str]]:
        """The reading as ``RawEntry`` fields: ``(role, raw value)`` pairs in a fixed order."""
        out: list[tuple[str, str]] = []
        if self.title:
            out.append(("title", self.title))
        for alias in self.aliases:
            alias = strip_symbols(alias).strip()
            if alias:
                out.append(("alias", alias))
        for role in ("authors", "venue", "date", "year", "summary"):
            value = getattr(self, role)
            if value:
                out.append((role, value))
        out.extend(("tags", tag) for tag in self.tags)
        out.extend(("affiliation", place) for place in self.affiliations)
        return out


def reads_as_citation(reading: Reading) -> bool:
    """True when a reading has what a citation has: a title, authors, and a year, a date or a venue.

    Detection asks this of items that link nowhere (a list of citations without links), so what it
    accepts is what the grammar reads.

    >>> from awesome_parse.grammar.atoms import to_atoms
    >>> from awesome_parse.markdown import Inline
    >>> def reads(text: str) -> bool:
    ...     return reads_as_citation(read_atoms(*to_atoms([Inline(text, 1)])))
    >>> reads("Ines Varga and Tomas Reuter. 2020. Multilingual Probing of Tiny Encoders. In Proceedings of ACL.")
    True
    >>> reads("Install the package with pip and run the tests.")
    False
    """
    return bool(reading.title and reading.authors and (reading.year or reading.date or reading.venue))


def read(unit: Unit, rules: Registry[Rule] | None = None) -> Reading:
    """Run the grammar's rules over ``unit`` and assemble what they marked."""
    state = State(unit)
    for rule in tuple(rules) if rules is not None else _DEFAULT_RULES:
        rule(state)
    return assemble(state)


def read_atoms(
    atoms: list[Atom], links: list[LinkRef], *, shape: Shape = Shape.LIST_ITEM, reference: bool = False
) -> Reading:
    """Read the atoms of one unit (a shortcut for :func:`read` of a :class:`Unit`)."""
    line = atoms[0].line if atoms else (links[0].line if links else 1)
    end = atoms[-1].line if atoms else line
    return read(Unit(shape, atoms, links, line, max(line, end), reference=reference))


def assemble(state: State) -> Reading:
    """Turn a state's marks and values into a :class:`Reading` (the first value of each field wins;
    a column's or key's value comes before what the text rules read elsewhere)."""
    found: list[tuple[int, str, str, str]] = [
        (m.start, m.label, state.text[m.start : m.end], m.rule) for m in state.marks
    ]
    found.extend((v.offset, v.label, v.value, v.rule) for v in state.values)
    found.sort(key=lambda f: (f[3] != "hints", f[0]))
    roles = state.facts.get("link_roles")
    reading = Reading(title_link=state.title_link, link_roles=dict(roles) if isinstance(roles, dict) else {})
    for offset, label, raw, rule in found:
        value = squash(raw)
        if not value:
            continue
        reading.lines.setdefault(label, state.line_at(offset))
        if label == "title":
            if reading.title is None:
                reading.title = value
                reading.title_line = state.line_at(offset)
                reading.rules["title"] = rule
        elif label == "alias":
            if value not in reading.aliases:
                reading.aliases.append(value)
                reading.rules.setdefault("alias", rule)
        elif label == "author":
            _first(reading, "authors", value, rule)
        elif label in ("venue", "summary"):
            _first(reading, label, value.strip(" .,;") if label == "venue" else value, rule)
        elif label == "year":
            _first(reading, "year", value.strip(" .,;()"), rule)
        elif label == "date":
            value = value.strip(" .,;()")
            _first(reading, "year" if YEAR_ONLY.match(value) else "date", value, rule)
        elif label == "tag":
            reading.tags.append(strip_symbols(value))
            reading.rules.setdefault("tags", rule)
        elif label == "affiliation":
            reading.affiliations.append(value)
            reading.rules.setdefault("affiliation", rule)
    if reading.title is None and state.title_link >= 0 and state.links:
        reading.title_line = state.links[state.title_link].line
    return reading


def _first(reading: Reading, attr: str, value: str, rule: str) -> None:
    if value and getattr(reading, attr) is None:
        setattr(reading, attr, value)
        reading.rules[attr] = rule


#: The fields :func:`describe` shows, in this order.
_SHOWN = ("title", "aliases", "authors", "venue", "year", "date", "summary", "tags", "affiliations")


def describe(paper: Paper) -> list[str]:
    """One line per field the paper has: its value and the rule (or normalizer step) that gave it.

    >>> from awesome_parse.model import Paper
    >>> describe(Paper(title="Mixtral of Experts", year=2024, provenance={"title": "link_title", "year": "arxiv_id"}))
    ["title='Mixtral of Experts' (link_title)", 'year=2024 (arxiv_id)']
    """
    how = dict(paper.provenance)
    out = []
    for field in _SHOWN:
        value = getattr(paper, field)
        if value in (None, ()):
            continue
        shown = list(value) if isinstance(value, tuple) else value
        out.append(f"{field}={shown!r} ({how.get(field, '?')})")
    return out


def explain(markdown: str) -> None:
    """Parse ``markdown`` and print, for each paper, each field and the rule that read it.

    This is what ``awesome-parse parse --explain`` prints per entry, and how the
    rules' examples below are written:

    >>> explain("- **Attention Is All You Need.** *Ashish Vaswani, Noam Shazeer.* NeurIPS 2017.")
    title='Attention Is All You Need' (bold_title)
    authors=['Ashish Vaswani', 'Noam Shazeer'] (italic_runs)
    venue='NeurIPS 2017' (tail)
    year=2017 (tail)
    """
    from ..api import parse_text

    for paper in parse_text(markdown).papers:
        for line in describe(paper):
            print(line)
