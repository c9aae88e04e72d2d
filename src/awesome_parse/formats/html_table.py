"""HTML ``<table>`` lists: malformed markup, all-``<th>`` rows, description rows, rowspan.

The table itself is found and parsed by :mod:`awesome_parse.html` (from source
lines, with lxml); this module turns its rows into entries through the shared
column logic of :mod:`awesome_parse.formats._columns`.

>>> from awesome_parse.api import parse_text
>>> text = '''<table>
... <tr><th>Paper</th><th>Source</th></tr>
... <tr><th><a href="https://arxiv.org/abs/2312.10997">RAG for LLMs: A Survey</a></th><th>Arxiv2023'Tongji University</th></tr>
... <tr><th>Descriptions</th><td colspan="1">An overview.</td></tr>
... </table>'''
>>> paper = parse_text(text).papers[0]
>>> paper.title, paper.venue, paper.affiliations, paper.summary, paper.source.line
('RAG for LLMs: A Survey', 'Arxiv2023', ('Tongji University',), 'An overview.', 3)
"""

from __future__ import annotations

from collections.abc import Iterator

from ..context import Detection, ParseContext
from ..errors import Diagnostic
from ..grammar.atoms import BARE_URL, LinkRef
from ..html import HtmlCell
from ..html import HtmlTable as HtmlTableBlock
from ..markdown import Section
from ..model import RawEntry, Skipped
from ._columns import CellView, table_entries

__all__ = ["HtmlTable"]


def _view(cell: HtmlCell) -> CellView:
    """A cell as the shared column logic sees it; URLs written as plain text are links too."""
    links = list(cell.links)
    refs = list(cell.refs)
    linked = {url for url, _label, _line in links}
    for m in BARE_URL.finditer(cell.text):
        url = m.group(0).rstrip(".,;:!?")
        if url not in linked and not any(url in label for _u, label, _l in links):
            links.append((url, "", cell.line))
            refs.append(LinkRef(url, cell.line, bare=True))
    return CellView(
        cell.text,
        cell.line,
        links,
        list(cell.bold),
        list(cell.underlined),
        cell.tag == "th",
        cell.colspan,
        cell.spanned,
        atoms=list(cell.atoms),
        refs=refs,
    )


class HtmlTable:
    """Parser for HTML tables (``html-table``)."""

    name = "html-table"

    def _tables(self, section: Section) -> list[HtmlTableBlock]:
        return [b for b in section.blocks if isinstance(b, HtmlTableBlock) and not b.in_quote and b.rows]

    def detect(self, section: Section, context: ParseContext) -> Detection:
        tables = self._tables(section)
        if not tables:
            return Detection(self.name, 0.0, "no HTML table")
        rows = sum(len(t.rows) for t in tables)
        return Detection(self.name, 1.0, f"{len(tables)} HTML table(s), {rows} row(s)")

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]:
        for table in self._tables(section):
            rows = [[_view(c) for c in row.cells] for row in table.rows]
            yield from table_entries(
                self.name, context.path, section.heading_path, None, rows, table.line, context.tables
            )
