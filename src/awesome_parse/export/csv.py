"""CSV, one row per paper, for spreadsheets and data frames; it reads back exactly.

The columns (:data:`COLUMNS`, documented in :data:`COLUMN_DOCS`), in order:

* scalar text: ``title``, ``arxiv_id`` (``1412.6980``: read it as a string, see
  :data:`~awesome_parse.export.COLUMN_TYPES`), ``doi``, ``url``, ``date``
  (``2023``, ``2023-05`` or ``2023-05-17``), ``venue``, ``summary``, ``kind``
  (``paper`` or ``non-paper``), ``format``;
* whole numbers: ``arxiv_version``, ``year`` (empty when unknown);
* ``et_al``: ``True`` or ``False``;
* lists of text, one cell each, items joined by ``"; "`` (what a spreadsheet
  shows well, and what Zotero's CSV uses): ``authors``, ``affiliations``,
  ``aliases``, ``tags``, ``section`` (the heading path), ``conflicts``.  An item
  holding ``;`` or ``\\`` has it escaped as ``\\;`` / ``\\\\``, so a tag like
  ``Kotlin; Swift`` survives; :func:`split_list` splits a cell back;
* nested records, as JSON: ``source`` (``{"file", "line", "list"}``), ``links``
  (``[{"kind", "url", "label"}]``), ``sources``, ``provenance`` (field to the
  source that gave it).

Cells a spreadsheet would execute (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are neutralized with a leading apostrophe, as OWASP advises for
CSV injection; the reader removes exactly that apostrophe again.

>>> from awesome_parse.model import Paper
>>> text = dumps([Paper(title="=HYPERLINK(\\"http://x\\")", authors=["A B", "C; D"], year=2020)])
>>> print(text.splitlines()[1][:42])
"'=HYPERLINK(""http://x"")",,,,,A B; C\\; D
>>> back = loads(text)[0]
>>> back.title, back.authors
('=HYPERLINK("http://x")', ('A B', 'C; D'))
"""

from __future__ import annotations

import csv
import io
import json
import re
from collections.abc import Sequence
from typing import Any

from ..model import Paper
from ._clean import clean_papers

__all__ = ["COLUMNS", "COLUMN_DOCS", "LIST_SEPARATOR", "dumps", "join_list", "loads", "split_list"]

#: What each column holds, in column order.
COLUMN_DOCS: dict[str, str] = {
    "title": "the paper's title",
    "arxiv_id": "arXiv id without version (text: 1412.6980, hep-th/9901001)",
    "arxiv_version": "arXiv version number, or empty",
    "doi": "DOI, lower case",
    "url": "the paper's main link",
    "authors": "author names as the list wrote them, '; '-separated",
    "et_al": "True when the list wrote 'et al.' after the names",
    "year": "publication year, or empty",
    "date": "the most precise date known: YYYY, YYYY-MM or YYYY-MM-DD",
    "venue": "conference, journal or other venue",
    "affiliations": "affiliations, '; '-separated",
    "aliases": "nicknames (BERT, LLaMA...), '; '-separated",
    "tags": "the list's tags or badges, '; '-separated",
    "summary": "the list's description of the paper",
    "kind": "paper or non-paper (a tool, a dataset, a blog post)",
    "section": "the heading path the entry stood under, '; '-separated, outermost first",
    "source": 'JSON {"file", "line", "list"}: where the entry was read',
    "links": 'JSON [{"kind", "url", "label"}]: every link of the entry',
    "sources": "JSON list of sources: every place a merged paper was listed",
    "conflicts": "fields on which merged listings disagreed, '; '-separated",
    "format": "the list format the entry was read from (bullet-list, table...)",
    "provenance": "JSON object: which source gave each merged field",
}
#: The columns, in order.
COLUMNS = tuple(COLUMN_DOCS)
#: How list cells join their items.
LIST_SEPARATOR = "; "
_LISTS = {"authors", "affiliations", "aliases", "tags", "section", "conflicts"}
_JSON_LISTS = {"links", "sources"}
_JSON = _JSON_LISTS | {"source", "provenance"}
_DANGER = tuple("=+-@\t\r")
_ITEM_ESCAPE = re.compile(r"[\\;]")
_SPLIT = re.compile(r"\\(.)|;", re.DOTALL)


def join_list(items: Sequence[str]) -> str:
    """One cell for a list of texts: ``"; "``-joined, ``;`` and ``\\`` inside an item escaped.

    >>> join_list(["Kotlin; Swift", "C\\\\", "Go"])
    'Kotlin\\\\; Swift; C\\\\\\\\; Go'
    """
    return LIST_SEPARATOR.join(_ITEM_ESCAPE.sub(lambda m: "\\" + m.group(0), item) for item in items)


def split_list(cell: str) -> list[str]:
    """The items of a list cell (the inverse of :func:`join_list`); an empty cell is no item.

    >>> split_list(join_list(["Kotlin; Swift", "C\\\\", " Go"]))
    ['Kotlin; Swift', 'C\\\\', ' Go']
    >>> split_list("")
    []
    """
    if not cell:
        return []
    items: list[str] = []
    current: list[str] = []
    pos = 0
    for m in _SPLIT.finditer(cell):
        current.append(cell[pos : m.start()])
        pos = m.end()
        if m.group(1) is not None:  # an escaped character
            current.append(m.group(1))
            continue
        items.append("".join(current))
        current.clear()
        if cell.startswith(" ", pos):
            pos += 1  # the separator's space
    current.append(cell[pos:])
    items.append("".join(current))
    return items


def _escape(value: str) -> str:
    if value and (value[0] in _DANGER or (value[0] == "'" and len(value) > 1 and value[1] in "=+-@\t\r'")):
        return "'" + value
    return value


def _unescape(value: str) -> str:
    if len(value) > 1 and value[0] == "'" and value[1] in "=+-@\t\r'":
        return value[1:]
    return value


def _cell(key: str, value: Any) -> str:
    if value is None:
        return ""
    if key in _LISTS:
        return _escape(join_list(value))
    if key in _JSON:
        return json.dumps(value, ensure_ascii=False) if value else ""
    return _escape(str(value))


def dumps(papers: Sequence[Paper]) -> str:
    """One header row of :data:`COLUMNS`, then one row per paper (control characters removed)."""
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for paper in clean_papers(papers):
        data = paper.to_dict()
        writer.writerow([_cell(k, data.get(k)) for k in COLUMNS])
    return out.getvalue()


def loads(text: str) -> list[Paper]:
    """Read rows written by :func:`dumps` back (the apostrophe that neutralized a formula is removed).

    Raises:
        ValueError: a header without the ``title`` column, or a cell that is not what its column holds.
    """
    reader = csv.DictReader(io.StringIO(text, newline=""))
    if reader.fieldnames is None or "title" not in reader.fieldnames:
        raise ValueError("the header row has no 'title' column")
    papers = []
    for number, row in enumerate(reader, 2):
        data: dict[str, Any] = {}
        try:
            for key in COLUMNS:
                raw = row.get(key) or ""
                if key in _LISTS:
                    data[key] = split_list(_unescape(raw))
                elif key in _JSON:
                    data[key] = json.loads(raw) if raw else ([] if key in _JSON_LISTS else None)
                elif key in ("year", "arxiv_version"):
                    data[key] = int(raw) if raw else None
                elif key == "et_al":
                    data[key] = raw == "True"
                else:
                    data[key] = _unescape(raw) if raw else None
            papers.append(Paper.from_dict(data))
        except (ValueError, KeyError, TypeError, AttributeError) as exc:
            raise ValueError(f"row {number}: {key}: {exc}") from None
    return papers
