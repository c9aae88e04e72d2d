"""GFM pipe tables, with or without outer pipes, with any column set.

Cells are inline markdown: the title is the bold text or the text of the paper
link in the title column; ``<br>``, star badges and placeholder cells are dealt
with by the shared column logic of :mod:`awesome_parse.formats._columns`.
Tables markdown-it refuses because the delimiter row has one cell more than the
header are recovered by :mod:`awesome_parse.markdown`.

>>> from awesome_parse.api import parse_text
>>> text = "| Title | Venue | Date |\\n|---|---|---|\\n| [**Mamba: Linear-Time Sequence Modeling**](https://arxiv.org/pdf/2312.00752) | arXiv | 2023-12-01 |\\n"
>>> p = parse_text(text).papers[0]
>>> p.title, p.arxiv_id, p.venue, p.date
('Mamba: Linear-Time Sequence Modeling', '2312.00752', 'arXiv', '2023-12-01')
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from .._text import squash
from ..context import Detection, ParseContext
from ..errors import Diagnostic
from ..grammar.atoms import Atom, LinkRef, to_atoms
from ..links import classify_url, is_paper_url
from ..markdown import Inline, Section
from ..markdown import PipeTable as PipeTableBlock
from ..model import RawEntry, Skipped
from ._columns import CellView, cellviews_from_atoms, table_entries

__all__ = ["PipeTable"]


_MARKUP = re.compile(r"[\[\]<>*_`\\&!]|https?://|www\.")
_TARGETS = re.compile(r"\]\(([^)\s]+)\)")
_BADGES = re.compile(r"^\s*(?:\[?!\[[^\]]*\]\([^)\s]*\)\]?(?:\([^)\s]*\))?\s*)+$")


# ``[text](url)`` or ``[**text**](url)`` with nothing markdown could read differently
_SIMPLE_LINK = re.compile(r"^\[(\*\*)?([^\[\]*_`\\<>!&]+)(?(1)\*\*)\]\(([^()\s<>\\]+)\)$")


def _cell(inline: Inline, header: bool = False) -> CellView:
    content = inline.content
    if not _MARKUP.search(content):
        # plain text: no inline parsing needed (most date, venue and tag cells)
        return CellView(content, inline.line, header=header, atoms=[Atom("text", content, inline.line)])
    simple = _SIMPLE_LINK.match(content)
    # (``**`` next to a space inside is no emphasis in CommonMark: the general path reads it)
    if simple and simple.group(2).strip() and not (simple.group(1) and simple.group(2) != simple.group(2).strip()):
        # a lone link (``[Github](url)``): read directly, as markdown-it would
        label = simple.group(2)
        bold = [label.strip()] if simple.group(1) else []
        url = simple.group(3)
        atom = Atom("text", label, inline.line, strong=bool(simple.group(1)), link=0)
        ref = LinkRef(url, inline.line, squash(label))
        return CellView(
            label, inline.line, [(url, label.strip(), inline.line)], bold, header=header, atoms=[atom], refs=[ref]
        )
    if _BADGES.match(content) and not any(
        is_paper_url(u) or classify_url(u) == "code" for u in _TARGETS.findall(content)
    ):
        # only badge images (stars, citations, views): nothing a paper record keeps
        # (an arXiv badge linking the paper is the paper link: read below)
        return CellView("", inline.line, header=header)
    atoms, links = to_atoms([inline])
    return cellviews_from_atoms(atoms, links, inline.line, header)


class PipeTable:
    """Parser for markdown pipe tables (``pipe-table``)."""

    name = "pipe-table"

    def _tables(self, section: Section) -> list[PipeTableBlock]:
        return [b for b in section.blocks if isinstance(b, PipeTableBlock) and not b.in_quote and b.rows]

    def detect(self, section: Section, context: ParseContext) -> Detection:
        tables = self._tables(section)
        if not tables:
            return Detection(self.name, 0.0, "no pipe table")
        rows = sum(len(t.rows) for t in tables)
        return Detection(self.name, 1.0, f"{len(tables)} pipe table(s), {rows} row(s)")

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]:
        for table in self._tables(section):
            header = [_cell(c, True) for c in table.header]
            rows = [[_cell(c) for c in row] for row in table.rows]
            yield from table_entries(
                self.name, context.path, section.heading_path, header, rows, table.line, context.tables
            )
