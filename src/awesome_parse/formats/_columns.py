"""Tables of papers, whatever their columns: column roles from header words and cell content.

Both table parsers (pipe and HTML) reduce a row to :class:`CellView` s and hand
them here, so a column called ``Paper``, ``Title``, ``标题`` or ``논문`` is a title
column in either syntax.  The heuristics, each named:

``header_roles``
    a header word (in English, Chinese, Korean, Japanese) gives a column's role;
    unknown headers are looked at by content.
``content_roles``
    with no title column, the column holding most paper links or bold text is it.
``inherited_header``
    a headerless table reuses the header of an earlier table in the same file
    with the same number of columns (lists paste one schema many times).
``description_row``
    a row whose first cell says ``Descriptions`` (or ``Abstract``...) and spans
    the rest is the summary of the entry above it, even across a placeholder row.
``placeholder``
    cells of only dots, dashes or ellipses, ``N/A``, ``Coming soon``, or the
    column's own header text carry no value; a row of them is reported, not parsed.
``paper_table``
    a table with no title-like column and few paper links (results,
    contributors) is not a list of papers and is reported as such.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

import attrs

from .._text import squash, strip_symbols, word_count
from ..context import TableContext
from ..grammar import Shape, Unit, read
from ..grammar.atoms import Atom, LinkRef, is_external, join
from ..grammar.text import is_placeholder, is_title_like, is_venue_chunk
from ..links import classify_url, is_generic_label, is_paper_url, is_placeholder_url
from ..model import RawEntry, RawLink, Skipped, SkipReason, Span
from ..patterns import YEAR
from ..vocab import ROLES

__all__ = ["CellView", "column_role", "is_placeholder", "table_entries"]


def _addresses(links: list[tuple[str, str, int]]) -> list[tuple[str, str, int]]:
    """A cell's links without placeholder targets (``[PDF](链接)``)."""
    if all("/" in lk[0] for lk in links):
        return links  # every link has a path: the common case, checked cheaply
    return [lk for lk in links if not is_placeholder_url(lk[0])]


@attrs.define(slots=True)
class CellView:
    text: str
    line: int
    links: list[tuple[str, str, int]] = attrs.field(factory=list, converter=_addresses)
    bold: list[str] = attrs.Factory(list)
    underlined: list[str] = attrs.Factory(list)
    header: bool = False
    colspan: int = 1
    spanned: bool = False
    atoms: list[Atom] = attrs.Factory(list)
    refs: list[LinkRef] = attrs.Factory(list)


_ROLE_OF = ROLES
_DESCRIPTION_WORDS = {
    "description",
    "descriptions",
    "desc",
    "abstract",
    "summary",
    "notes",
    "tl;dr",
    "描述",
    "简介",
    "摘要",
}


def _norm_header(text: str) -> str:
    text = strip_symbols(squash(text.replace("\n", " "))).casefold()
    return text.strip(" :：.*_`").strip()


def column_role(header: str) -> str | None:
    """The role a header word names, or ``None``.

    >>> column_role("Published date"), column_role("标题"), column_role("HIGHLY<br>RECOMMENDED".replace("<br>", " "))
    ('date', 'title', 'summary')
    >>> column_role("Speaker") is None, column_role("1저자"), column_role("핵심 아이디어"), column_role("발표 날짜")
    (True, 'authors', 'summary', 'date')
    """
    norm = _norm_header(header)
    if norm in _ROLE_OF:
        return _ROLE_OF[norm]
    if norm.endswith("s") and norm[:-1] in _ROLE_OF:
        return _ROLE_OF[norm[:-1]]
    for word in norm.replace("/", " ").replace("(", " ").split():
        if word in ("paper", "title", "论文", "标题"):
            return "title"
    # the head word of a compound header comes last: "발표 날짜" (publication date) is a date column;
    # of "Publication with Date" the first part names the column
    head = re.split(r"\s+(?:with|and|&|\+)\s+", norm)[0]
    for word in reversed(head.replace("/", " ").split()):
        word = _ORDINAL.sub("", word)  # "1저자", "제1저자": the first author
        if word in _ROLE_OF and _ROLE_OF[word] in ("date", "venue", "code", "summary", "affiliation", "authors"):
            return _ROLE_OF[word]
    return None


#: An ordinal in front of a header word: ``1저자`` (first author), ``제1저자``.
_ORDINAL = re.compile(r"^(?:제)?\d{1,2}(?:st|nd|rd|th)?(?=\D)")


_FOOTNOTE = re.compile(r"\s*\[\s*\d{1,4}\s*\]")


def _is_header_row(cells: list[CellView]) -> bool:
    if not cells or not all(c.header for c in cells):
        return False
    if any(is_paper_url(url) for c in cells for url, _l, _n in c.links):
        return False
    known = sum(1 for c in cells if column_role(c.text) is not None)
    return known >= max(1, len(cells) // 2)


def _row_text(cells: list[CellView]) -> str:
    return " | ".join(squash(c.text) for c in cells)


def table_entries(
    fmt: str,
    path: str | None,
    section: tuple[str, ...],
    header: list[CellView] | None,
    rows: list[list[CellView]],
    table_line: int,
    tctx: TableContext,
) -> Iterator[RawEntry | Skipped]:
    """Turn a table's rows into raw entries, skipped rows and skipped tables."""
    if header is None and rows and _is_header_row(rows[0]):
        header, rows = rows[0], rows[1:]
    ncols = max([len(header or [])] + [len(r) for r in rows] + [0])
    if header is not None and any(c.text.strip() for c in header):
        head_texts = [squash(c.text) for c in header]
        tctx.headers[len(head_texts)] = head_texts
    else:
        head_texts = tctx.headers.get(ncols) or [""] * ncols
    head_texts = head_texts + [""] * (ncols - len(head_texts))
    roles: list[str | None] = [column_role(h) for h in head_texts]
    _content_roles(roles, rows)
    data_rows = [r for r in rows if not _is_description_row(r)]
    if not _looks_like_paper_table(roles, data_rows):
        if data_rows:
            yield Skipped(
                Span(path, table_line, table_line),
                SkipReason.NOT_PAPER_TABLE,
                " | ".join(head_texts)[:120],
                fmt,
            )
        return
    pending: RawEntry | None = None
    linked_rows = sum(1 for r in data_rows if any(_real_links(c) for c in r))
    table_has_links = linked_rows >= max(1, len(data_rows) // 3)
    group: str | None = None
    for idx, row in enumerate(rows):
        if _is_description_row(row):
            desc = squash(" ".join(c.text for c in row[1:] if not c.spanned))
            if pending is not None and desc and not is_placeholder(desc):
                pending = attrs.evolve(pending, fields=(*pending.fields, ("summary", desc)))
            continue
        if all(
            is_placeholder(c.text, head_texts[k] if k < len(head_texts) else None) and not _real_links(c)
            for k, c in enumerate(row)
        ):
            if pending is not None and idx + 1 < len(rows) and _is_description_row(rows[idx + 1]):
                # a placeholder row between an entry and its description row is transparent
                continue
            line = row[0].line if row else table_line
            yield Skipped(Span(path, line, line), SkipReason.PLACEHOLDER_ROW, _row_text(row), fmt)
            continue
        label = _group_label(row)
        if label is not None:
            # "| **2023** | | |": a row naming the group of rows below it, like a heading
            group = label
            continue
        for one in _papers_of_row(row, roles):
            entry = _row_entry(fmt, path, section, one, roles, head_texts, table_has_links)
            if pending is not None:
                yield pending
                pending = None
            if isinstance(entry, Skipped):
                yield entry
            else:
                if group is not None:
                    entry = _in_group(entry, group)
                pending = entry
    if pending is not None:
        yield pending


def _group_label(row: list[CellView]) -> str | None:
    """The text of a row that only labels the rows below it: one short cell, the others empty."""
    distinct = [c for k, c in enumerate(row) if not (c.spanned and k > 0 and row[k - 1] is c)]
    filled = [c for c in distinct if c.text.strip()]
    if len(distinct) < 2 or len(filled) != 1 or any(c.links for c in distinct):
        return None
    text = squash(filled[0].text).strip(" *_:")
    if filled[0] is not distinct[0] or not text or word_count(text) > 6:
        return None
    if not (filled[0].bold or YEAR.fullmatch(text) or filled[0].colspan > 1):
        return None
    return text


def _in_group(entry: RawEntry, group: str) -> RawEntry:
    """A row under a group row: the group's year when the row has none, else the group as a tag."""
    if YEAR.fullmatch(group):
        if entry.get("year") is None and entry.get("date") is None:
            return attrs.evolve(entry, fields=(*entry.fields, ("year", group)))
        return entry
    return attrs.evolve(entry, fields=(*entry.fields, ("tags", group)))


def _real_links(cell: CellView) -> list[tuple[str, str, int]]:
    return [(u, label, n) for u, label, n in cell.links if u and not u.startswith("#")]


def _is_description_row(row: list[CellView]) -> bool:
    if not row or len({id(c) for c in row if not c.spanned}) > 2:
        return False
    first = _norm_header(row[0].text)
    distinct = [c for c in row if not c.spanned]
    return first in _DESCRIPTION_WORDS and (len(distinct) <= 2) and (row[0].header or len(row) > 1)


def _content_roles(roles: list[str | None], rows: list[list[CellView]]) -> None:
    """Give the title role to the column with the most paper links or bold text, if none has it.

    Of two title columns (``Paper`` and ``Publication``), one that holds venues
    (``arXiv``, ``JMLR``, ``NeurIPS 2022``) and no links is the venue column.
    """
    titles = [k for k, role in enumerate(roles) if role == "title"]
    if len(titles) > 1:
        for k in titles:
            cells = [row[k] for row in rows if k < len(row) and not row[k].spanned and row[k].text.strip()]
            venues = sum(1 for c in cells if not _real_links(c) and is_venue_chunk(c.text))
            if cells and venues >= 0.6 * len(cells):
                roles[k] = "venue"
    if "title" in roles:
        return
    scores: list[float] = []
    for k in range(len(roles)):
        score = 0.0
        for row in rows:
            if k >= len(row) or row[k].spanned:
                continue
            cell = row[k]
            links = _real_links(cell)
            if any(is_paper_url(u) for u, _l, _n in links):
                score += 1.0
            if cell.bold and any(word_count(b) >= 3 for b in cell.bold):
                score += 1.0
            if any(not is_generic_label(label) and word_count(label) >= 3 for _u, label, _n in links):
                score += 0.5
        scores.append(score / max(len(rows), 1))
    if not scores:
        return
    candidates = [k for k in range(len(scores)) if roles[k] not in ("date", "year", "code", "project", "video")]
    if not candidates:
        return
    best = max(candidates, key=lambda k: scores[k])
    if scores[best] < 0.3:
        return
    # a name column is a title column only when it holds titles (bold, several words)
    if roles[best] == "alias" and not any(c.bold for row in rows for c in row[best : best + 1]):
        return
    roles[best] = "title"


def _looks_like_paper_table(roles: list[str | None], rows: list[list[CellView]]) -> bool:
    if not rows:
        return False
    if "title" in roles:
        return True
    with_paper = sum(1 for row in rows if any(is_paper_url(u) for c in row for u, _l, _n in _real_links(c)))
    return with_paper >= max(1, int(0.3 * len(rows)))


def _cell_hint(role: str | None, text: str, head: str | None, title_seen: bool) -> str:
    """The hint a cell's atoms carry into the grammar: its column's role, or ``other``."""
    if role == "title":
        return "other" if title_seen else "title"
    if role is None or is_placeholder(text, head):
        return "other"
    return role


#: A year in a venue cell, written whole or short: ``ICML 2021``, ``IEEE TVCG '21``.
_DATED = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)|['’]\d\d\b")


def _papers_of_row(row: list[CellView], roles: list[str | None]) -> list[list[CellView]]:
    """The row, or one row per paper when its title cell lists several linked titles on lines of their
    own (``[Title A](a) <br> [Title B](b)``); the other cells are shared."""
    if "title" not in roles:
        return [row]
    k = roles.index("title")
    if k >= len(row) or row[k].spanned or len(row[k].refs) < 2:
        return [row]
    cell = row[k]
    segments: list[list[Atom]] = [[]]
    for atom in cell.atoms:
        if atom.kind == "break" and atom.hard:
            segments.append([])
        else:
            segments[-1].append(atom)
    segments = [seg for seg in segments if any(a.text.strip() for a in seg)]
    if len(segments) < 2:
        return [row]
    cells: list[CellView] = []
    for seg in segments:
        used = sorted({a.link for a in seg if a.link >= 0})
        loose = squash("".join(a.text for a in seg if a.link < 0)).strip(" ,;.|/·-–—")
        labels = [cell.refs[i].label for i in used]
        if len(used) != 1 or loose or not is_title_like(labels[0] or ""):
            return [row]  # not one linked title per line: a title with its links, or prose
        ref = cell.refs[used[0]]
        atoms = [a.but(link=0) if a.link >= 0 else a for a in seg]
        text = squash("".join(a.text for a in seg))
        cells.append(CellView(text, seg[0].line, [(ref.url, ref.label, ref.line)], atoms=atoms, refs=[ref]))
    return [[c if j != k else new for j, c in enumerate(row)] for new in cells]


def _row_entry(
    fmt: str,
    path: str | None,
    section: tuple[str, ...],
    row: list[CellView],
    roles: list[str | None],
    head_texts: list[str],
    table_has_links: bool,
) -> RawEntry | Skipped:
    """One row read by the grammar as one unit: each cell's atoms carry its column's role."""
    parts: list[tuple[list[Atom], list[LinkRef]]] = []
    title_seen = False
    for k, cell in enumerate(row):
        if cell.spanned and k > 0 and row[k - 1] is cell:
            continue
        role = roles[k] if k < len(roles) else None
        head = head_texts[k] if k < len(head_texts) else None
        hint = _cell_hint(role, squash(cell.text), head, title_seen)
        title_seen = title_seen or hint == "title"
        atoms = cell.atoms if cell.atoms or not cell.text else [Atom("text", cell.text, cell.line)]
        parts.append(([a.but(hint=hint) for a in atoms], list(cell.refs)))
    atoms, refs = join(parts)
    refs = [attrs.evolve(lk, url="") if not is_external(lk) else lk for lk in refs]  # anchors, badges: no links
    first = row[0].line if row else 1
    reading = read(Unit(Shape.TABLE_ROW, atoms, refs, first, row[-1].line if row else first))
    links = [
        RawLink(
            lk.url.strip(), lk.label or None, "title" if k == reading.title_link else reading.link_roles.get(k), lk.line
        )
        for k, lk in enumerate(refs)
        if lk.url
    ]
    fields = reading.fields()
    title_line = reading.title_line
    if title_line is None:
        # no title: the line that names the entry (its alias), else its paper link, else the row
        own = [c for c in row if not c.spanned and c.text.strip()]
        paper = next((lk.line for lk in links if lk.line is not None and is_paper_url(lk.url)), None)
        title_line = reading.lines.get("alias") or paper or (own[0].line if own else first)
    has_title = reading.title is not None
    if not has_title and not links:
        return Skipped(Span(path, title_line, title_line), SkipReason.NO_TITLE_OR_LINK, _row_text(row), fmt)
    dated = bool(reading.year or reading.date or (reading.venue and _DATED.search(reading.venue)))
    cited = has_title and (
        (reading.authors is not None and bool(reading.venue or dated)) or (reading.venue is not None and dated)
    )
    if not links and not any(c.bold for c in row) and table_has_links and not cited:
        # a plain-text row in a table whose other rows link their papers: not a paper entry
        # (unless its cells cite one: a title, its authors and a venue or year, only the link missing)
        return Skipped(Span(path, title_line, title_line), SkipReason.ROW_LINKS_NO_PAPER, _row_text(row), fmt)
    return RawEntry(
        format=fmt,
        span=Span(path, title_line, max(title_line, row[-1].line if row else title_line)),
        section=section,
        fields=fields,
        links=links,
        shape=Shape.TABLE_ROW,
        rules=reading.rules,
    )


def cellviews_from_atoms(atoms: Any, links: Any, line: int, header: bool = False) -> CellView:
    """A :class:`CellView` of a pipe-table cell from its inline atoms."""
    text = "".join(a.text for a in atoms)
    bold: list[str] = []
    cur: list[str] = []
    for a in atoms:
        if a.strong and a.kind != "break":
            cur.append(a.text)
        elif cur:
            bold.append(squash("".join(cur)))
            cur = []
    if cur:
        bold.append(squash("".join(cur)))
    underlined = [squash(a.text) for a in atoms if a.u and a.text.strip()]
    # a star badge linking the repository is the code link; other badges (views, downloads) are not kept
    kept = [lk.image_only is False or classify_url(lk.url) == "code" for lk in links]
    view_links = [(lk.url, lk.label, lk.line) for lk, keep in zip(links, kept, strict=True) if keep]
    refs = [
        attrs.evolve(lk, image_only=False) if lk.image_only and keep else lk
        for lk, keep in zip(links, kept, strict=True)
    ]
    return CellView(text, line, view_links, [b for b in bold if b], underlined, header, atoms=list(atoms), refs=refs)
