"""HTML tables in READMEs: find their full extent in the source lines, parse them with lxml.

Why source lines: CommonMark ends an HTML block at a blank line, so a table
whose cells hold blank lines (multi-paragraph descriptions) reaches the token
stream as several ``html_block`` tokens with paragraphs and lists in between.
:func:`table_region_end` scans the source from the block's first line to the
``</table>`` that closes it (or, for stray rows without ``<table>``, the next
``</table>``), stopping at a markdown heading so that an unclosed table never
swallows the rest of the file.

Why lxml and not a whole-document soup: only the table regions are HTML, lxml's
recovering parser closes unclosed ``<tr>``/``<a>`` the way browsers do, and its
elements carry ``sourceline``, so every cell keeps its file line.  The region's
first line is line 1 of the parsed text, so ``file line = region start +
sourceline - 1``.

:func:`check_table` is a separate, lint-oriented tag-balance scan: it reports what
a browser silently repairs (an unclosed ``<tr>`` or ``<a>``, a stray ``</table>``).

>>> lines = ["<table>", "<tr><th>Paper</th></tr>", "<tr><td><a href='https://arxiv.org/abs/2401.00001'>A", "</td></tr>", "</table>"]
>>> table_region_end(lines, 0)
5
>>> t = parse_table(lines, 1, 5, "README.md")
>>> [(r.line, [c.text.strip() for c in r.cells]) for r in t.rows]
[(2, ['Paper']), (3, ['A'])]
>>> t.rows[1].cells[0].links
[('https://arxiv.org/abs/2401.00001', 'A', 3)]
"""

from __future__ import annotations

import re
from typing import Any

import attrs

from .grammar.atoms import html_atoms

__all__ = ["HtmlCell", "HtmlRow", "HtmlTable", "TagProblem", "check_table", "parse_table", "table_region_end"]

_OPEN_TABLE = re.compile(r"<table\b", re.IGNORECASE)
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_FENCE = re.compile(r"^ {0,3}(```|~~~)")


@attrs.define(slots=True, eq=False)
class HtmlCell:
    tag: str
    text: str
    line: int
    links: list[tuple[str, str, int]] = attrs.Factory(list)
    bold: list[str] = attrs.Factory(list)
    underlined: list[str] = attrs.Factory(list)
    colspan: int = 1
    rowspan: int = 1
    spanned: bool = False
    atoms: list[Any] = attrs.Factory(list)
    refs: list[Any] = attrs.Factory(list)


@attrs.define(slots=True, eq=False)
class HtmlRow:
    line: int
    cells: list[HtmlCell]


@attrs.define(slots=True, eq=False)
class TagProblem:
    line: int
    column: int
    message: str


@attrs.define(slots=True, eq=False)
class HtmlTable:
    rows: list[HtmlRow]
    line: int
    end_line: int
    in_quote: bool = False
    kind: str = "html_table"
    problems: list[TagProblem] = attrs.Factory(list)


def table_region_end(lines: list[str], start: int) -> int | None:
    """The last line (1-based) of the HTML table region beginning at 0-based ``start``.

    Returns ``None`` when the block holds no table rows at all.
    """
    depth = 0
    seen_open = False
    seen_row = False
    last_content = start
    for idx in range(start, len(lines)):
        line = lines[idx]
        if idx > start and (_ATX.match(line) or _FENCE.match(line)):
            break
        if idx > start and depth == 0 and seen_row and _OPEN_TABLE.search(line):
            break
        if line.strip():
            last_content = idx
        for m in re.finditer(r"<(/?)table\b|<tr\b", line, re.IGNORECASE):
            token = m.group(0).lower()
            if token.startswith("<tr"):
                seen_row = True
            elif m.group(1):
                if depth > 0:
                    depth -= 1
                    if depth == 0 and seen_open:
                        return idx + 1
                elif seen_row:
                    return idx + 1
            else:
                depth += 1
                seen_open = True
    if not seen_row:
        return None
    return last_content + 1


def _lxml() -> Any:
    from lxml import etree

    return etree


def _text_of(el: Any) -> str:
    """Text content with ``<br>`` as newlines (lxml's ``text_content`` drops them)."""
    parts: list[str] = []

    def walk(node: Any) -> None:
        stack: list[tuple[Any, bool]] = [(node, False)]
        while stack:
            cur, tail_only = stack.pop()
            if tail_only:
                if cur.tail:
                    parts.append(cur.tail)
                continue
            tag = cur.tag if isinstance(cur.tag, str) else ""
            if tag == "br":
                parts.append("\n")
            elif tag in ("script", "style"):
                pass
            elif cur.text and tag:
                parts.append(cur.text)
            if cur is not node:
                stack.append((cur, True))
            if tag and tag not in ("script", "style"):
                for child in reversed(list(cur)):
                    stack.append((child, False))

    walk(el)
    return "".join(parts)


def parse_table(lines: list[str], first: int, last: int, path: str | None) -> HtmlTable:
    """Parse lines ``first..last`` (1-based, inclusive) as HTML and collect table rows."""
    etree = _lxml()
    text = "\n".join(lines[first - 1 : last])
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True)
    root = etree.fromstring("<html><body>" + text + "</body></html>", parser) if text.strip() else None
    rows: list[HtmlRow] = []
    if root is not None:
        for tr in root.iter("tr"):
            cells: list[HtmlCell] = []
            for cell in tr:
                tag = cell.tag if isinstance(cell.tag, str) else ""
                if tag not in ("td", "th"):
                    continue
                line = first + (cell.sourceline or 1) - 1
                links = []
                for a in cell.iter("a"):
                    href = (a.get("href") or "").strip()
                    if href:
                        links.append((href, " ".join(_text_of(a).split()), first + (a.sourceline or 1) - 1))
                bold = [" ".join(_text_of(b).split()) for b in cell.iter("b", "strong")]
                underlined = [" ".join(_text_of(u).split()) for u in cell.iter("u")]
                cells.append(
                    HtmlCell(
                        tag,
                        _text_of(cell),
                        line,
                        links,
                        [b for b in bold if b],
                        [u for u in underlined if u],
                        _span(cell.get("colspan")),
                        _span(cell.get("rowspan")),
                    )
                )
                cells[-1].atoms, cells[-1].refs = html_atoms(cell, first)
            rows.append(HtmlRow(first + (tr.sourceline or 1) - 1, cells))
    # Spans are applied with empty rows in place (a header cell with rowspan=2 may
    # span an empty <tr>), then rows that hold no cell of their own are dropped.
    spanned = _apply_spans(rows)
    kept = [r for r in spanned if any(not c.spanned for c in r.cells)]
    table = HtmlTable(kept, first, last)
    table.problems = check_table(lines, first, last)
    return table


def _span(value: str | None) -> int:
    try:
        return max(1, min(int((value or "1").strip().strip('"')), 1000))
    except ValueError:
        return 1


def _apply_spans(rows: list[HtmlRow]) -> list[HtmlRow]:
    """Expand rowspan/colspan into a regular grid; spanned copies are marked ``spanned``."""
    pending: dict[int, tuple[HtmlCell, int]] = {}
    out: list[HtmlRow] = []
    for row in rows:
        grid: list[HtmlCell] = []
        col = 0
        queue = list(row.cells)
        while queue or any(c >= col for c in pending):
            if col in pending:
                cell, left = pending[col]
                grid.append(attrs.evolve(cell, spanned=True, rowspan=1, colspan=1))
                if left <= 1:
                    del pending[col]
                else:
                    pending[col] = (cell, left - 1)
                col += 1
                continue
            if not queue:
                break
            cell = queue.pop(0)
            for k in range(cell.colspan):
                target = cell if k == 0 else attrs.evolve(cell, spanned=True)
                grid.append(target)
                if cell.rowspan > 1:
                    pending[col] = (cell, cell.rowspan - 1)
                col += 1
        out.append(HtmlRow(row.line, grid))
    return out


_TAG = re.compile(r"<(/?)([A-Za-z][A-Za-z0-9]*)\b[^<>]*>")  # [^<>]: linear even on "<a <a <a ..."


def check_table(lines: list[str], first: int, last: int) -> list[TagProblem]:
    """Tag-balance problems a browser repairs silently: unclosed ``<tr>``/``<td>``/``<a>``, stray closes."""
    problems: list[TagProblem] = []
    stack: list[tuple[str, int, int]] = []
    watched = {"table", "tr", "td", "th", "a"}
    for number in range(first, last + 1):
        line = lines[number - 1]
        for m in _TAG.finditer(line):
            closing, name, selfclose = m.group(1), m.group(2).lower(), m.group(0).endswith("/>")
            if name not in watched or selfclose:
                continue
            col = m.start() + 1
            if not closing:
                if name == "tr":
                    _unwind(stack, ("tr", "td", "th", "a"), problems, number, col, "<tr>")
                elif name in ("td", "th"):
                    _unwind(stack, ("td", "th", "a"), problems, number, col, f"<{name}>")
                elif name == "a":
                    _unwind(stack, ("a",), problems, number, col, "<a>")
                stack.append((name, number, col))
                continue
            if not any(open_name == name for open_name, _, _ in stack):
                problems.append(TagProblem(number, col, f"stray </{name}> closes nothing"))
                continue
            while stack:
                open_name, oline, ocol = stack.pop()
                if open_name == name:
                    break
                problems.append(TagProblem(oline, ocol, f"<{open_name}> is never closed (closed by </{name}>)"))
    for open_name, oline, ocol in stack:
        problems.append(TagProblem(oline, ocol, f"<{open_name}> is never closed"))
    return problems


def _unwind(
    stack: list[tuple[str, int, int]], names: tuple[str, ...], problems: list[TagProblem], line: int, col: int, by: str
) -> None:
    """Pop implicitly closed elements (a new row closes the open cell and row) and report them."""
    while stack and stack[-1][0] in names:
        open_name, oline, ocol = stack.pop()
        problems.append(TagProblem(oline, ocol, f"<{open_name}> is never closed (a new {by} starts at line {line})"))
