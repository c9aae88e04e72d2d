"""Units and the grammar's state: what a format parser hands over, and what the rules mark on it.

A :class:`Unit` is one entry's material: its atoms and links (see
:mod:`awesome_parse.grammar.atoms`), its lines, and its :class:`Shape`.  The
grammar reads a unit by *marking* spans of its plain text with labels
(``title``, ``author``, ``venue``, ``date``...): each rule marks what it is sure
of, records its name on the mark, and never marks a character twice.  What no
rule marks is the free text, read by the citation reader.

>>> from awesome_parse.grammar.atoms import Atom
>>> state = State(Unit(Shape.LIST_ITEM, [Atom("text", "Title", 3, strong=True), Atom("text", " - A. B", 3)], [], 3, 3))
>>> state.mark(0, 5, "title", "bold_title")
True
>>> state.text, state.free_spans()
('Title - A. B', [(5, 12)])
"""

from __future__ import annotations

import bisect
from collections.abc import Iterator

import attrs

from ..model import Shape
from .atoms import Atom, LinkRef

__all__ = ["Mark", "Shape", "State", "Unit", "Value"]


@attrs.define(slots=True)
class Unit:
    """One entry's atoms and links, the lines it covers, and its shape.

    ``reference``: the unit opens with a reference number (``[3] Authors. Title.``),
    so text before the title is its authors.
    """

    shape: Shape
    atoms: list[Atom]
    links: list[LinkRef]
    line: int
    end_line: int
    reference: bool = False


@attrs.frozen(slots=True)
class Mark:
    """A labeled span ``[start, end)`` of a unit's plain text and the rule that set it."""

    start: int
    end: int
    label: str
    rule: str


@attrs.frozen(slots=True)
class Value:
    """A value a rule read that is not written as one span (``ICML`` out of ``ICML, 2021``), at ``offset``."""

    label: str
    value: str
    rule: str
    offset: int


class State:
    """A unit being read: its plain text (breaks as ``\\n``), the atoms' offsets, and the marks.

    Rules read the atoms (markup) and write marks (labels on text); the
    assembly turns marks into fields.  ``title_link`` is the index of the link
    whose text or target is the title's, ``facts`` what a rule tells later rules.
    """

    __slots__ = (
        "_labels",
        "_mark_starts",
        "_runs",
        "atoms",
        "ends",
        "facts",
        "links",
        "marks",
        "starts",
        "text",
        "title_link",
        "unit",
        "values",
    )

    def __init__(self, unit: Unit) -> None:
        self.unit = unit
        self.atoms = unit.atoms
        self.links = unit.links
        starts: list[int] = []
        parts: list[str] = []
        pos = 0
        for a in self.atoms:
            starts.append(pos)
            piece = "\n" if a.kind == "break" else a.text
            parts.append(piece)
            pos += len(piece)
        self.starts = starts
        self.ends = [s + (1 if a.kind == "break" else len(a.text)) for s, a in zip(starts, self.atoms, strict=True)]
        self.text = "".join(parts)
        self.marks: list[Mark] = []
        self._mark_starts: list[int] = []
        self.values: list[Value] = []
        self._labels: set[str] = set()
        self._runs: dict[str, list[tuple[int, int]]] = {}
        self.title_link = -1
        self.facts: dict[str, object] = {}

    # ------------------------------------------------------------ positions

    def span(self, i: int, j: int) -> tuple[int, int]:
        """The text span of atoms ``i..j`` (inclusive)."""
        return self.starts[i], self.ends[j]

    def atom_at(self, offset: int) -> int:
        """The index of the atom holding character ``offset`` (the last atom at the end)."""
        k = bisect.bisect_right(self.starts, offset) - 1
        return max(0, min(k, len(self.atoms) - 1))

    def line_at(self, offset: int) -> int:
        """The file line of character ``offset``."""
        return self.atoms[self.atom_at(offset)].line if self.atoms else self.unit.line

    # ------------------------------------------------------------ marks

    def is_free(self, start: int, end: int) -> bool:
        """True when no mark overlaps ``[start, end)``."""
        k = bisect.bisect_right(self._mark_starts, start) - 1
        if k >= 0 and self.marks[k].end > start:
            return False
        return not (k + 1 < len(self.marks) and self.marks[k + 1].start < end)

    def mark(self, start: int, end: int, label: str, rule: str) -> bool:
        """Label ``[start, end)`` (trimmed of spaces); False (and nothing marked) if taken or empty."""
        piece = self.text[start:end]
        kept = piece.strip()
        if not kept:
            return False
        if len(kept) != len(piece):
            start += len(piece) - len(piece.lstrip())
            end = start + len(kept)
        if not self.is_free(start, end):
            return False
        k = bisect.bisect_left(self._mark_starts, start)
        self.marks.insert(k, Mark(start, end, label, rule))
        self._mark_starts.insert(k, start)
        self._labels.add(label)
        return True

    def mark_atoms(self, i: int, j: int, label: str, rule: str) -> bool:
        """Label the text of atoms ``i..j`` (inclusive)."""
        start, end = self.span(i, j)
        return self.mark(start, end, label, rule)

    def marked(self, label: str) -> list[Mark]:
        """The marks with ``label``, in text order."""
        return [m for m in self.marks if m.label == label]

    def has(self, label: str) -> bool:
        """True when a mark or a value has ``label``."""
        return label in self._labels

    def put(self, label: str, value: str, rule: str, offset: int) -> None:
        """Record a value a rule read but that is not written as one span of the text."""
        self.values.append(Value(label, value, rule, offset))
        self._labels.add(label)

    def runs(self, attr: str) -> list[tuple[int, int]]:
        """Maximal runs ``(first, last)`` of atoms with ``attr`` (``strong``, ``em``, ``u``) set, a soft
        break inside allowed; computed once per state."""
        found = self._runs.get(attr)
        if found is None:
            found = self._runs[attr] = _runs(self.atoms, attr)
        return found

    def free_spans(self, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
        """The maximal unmarked spans of ``[start, end)`` that hold more than spaces."""
        end = len(self.text) if end is None else end
        out: list[tuple[int, int]] = []
        pos = start
        for m in self.marks:
            if m.end <= pos:
                continue
            if m.start >= end:
                break
            if m.start > pos:
                out.append((pos, min(m.start, end)))
            pos = max(pos, m.end)
        if pos < end:
            out.append((pos, end))
        text = self.text
        return [(s, e) for s, e in out if not text[s:e].isspace()]

    def atoms_in(self, start: int, end: int) -> Iterator[int]:
        """Indices of the atoms overlapping ``[start, end)``."""
        k = self.atom_at(start)
        while k < len(self.atoms) and self.starts[k] < end:
            if self.ends[k] > start:
                yield k
            k += 1


def _runs(atoms: list[Atom], attr: str) -> list[tuple[int, int]]:
    out: list[tuple[int, int]] = []
    i, n = 0, len(atoms)
    while i < n:
        if getattr(atoms[i], attr) and atoms[i].kind != "break":
            j = i
            while j + 1 < n and (
                getattr(atoms[j + 1], attr)
                or (atoms[j + 1].kind == "break" and j + 2 < n and getattr(atoms[j + 2], attr))
            ):
                j += 1
            out.append((i, j))
            i = j + 1
        else:
            i += 1
    return out
