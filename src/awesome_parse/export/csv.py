"""CSV, one row per paper; list-valued cells are JSON arrays so the file reads back exactly.

Cells a spreadsheet would execute (starting with ``=``, ``+``, ``-``, ``@``, tab or
carriage return) are neutralized with a leading apostrophe, as OWASP advises for
CSV injection; the reader removes exactly that apostrophe again.

>>> from awesome_parse.model import Paper
>>> text = dumps([Paper(title="=HYPERLINK(\\"http://x\\")", authors=["A B"])])
>>> "'=HYPERLINK" in text
True
>>> loads(text)[0].title
'=HYPERLINK("http://x")'
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Sequence
from typing import Any

from ..model import Paper

COLUMNS = (
    "title",
    "arxiv_id",
    "arxiv_version",
    "doi",
    "url",
    "authors",
    "et_al",
    "year",
    "date",
    "venue",
    "affiliations",
    "aliases",
    "tags",
    "summary",
    "kind",
    "section",
    "source",
    "links",
    "sources",
    "conflicts",
    "format",
    "provenance",
)
_LISTS = {"authors", "affiliations", "aliases", "tags", "section", "links", "sources", "conflicts"}
_JSON = _LISTS | {"source", "provenance"}
_DANGER = tuple("=+-@\t\r")


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
    if key in _JSON:
        return json.dumps(value, ensure_ascii=False)
    return _escape(str(value))


def dumps(papers: Sequence[Paper]) -> str:
    out = io.StringIO()
    writer = csv.writer(out, lineterminator="\n")
    writer.writerow(COLUMNS)
    for paper in papers:
        data = paper.to_dict()
        data.setdefault("sources", [])
        data.setdefault("conflicts", [])
        data.setdefault("provenance", {})
        writer.writerow([_cell(k, data.get(k)) for k in COLUMNS])
    return out.getvalue()


def loads(text: str) -> list[Paper]:
    reader = csv.DictReader(io.StringIO(text))
    papers = []
    for row in reader:
        data: dict[str, Any] = {}
        for key in COLUMNS:
            raw = row.get(key, "")
            if key in _JSON:
                data[key] = json.loads(raw) if raw else ([] if key in _LISTS else None)
            elif key in ("year", "arxiv_version"):
                data[key] = int(raw) if raw else None
            elif key == "et_al":
                data[key] = raw == "True"
            else:
                data[key] = _unescape(raw) if raw else None
        papers.append(Paper.from_dict(data))
    return papers
