"""CSL-JSON, the citation format of Zotero, Pandoc and citeproc.

Fields CSL has no name for (aliases, links, sections, sources, conflicts, kind)
go into the ``custom`` object that CSL-JSON 1.0 reserves for such data, so the
file reads back without loss.

>>> from awesome_parse.model import Paper
>>> item = to_csl(Paper(title="T", authors=["Vaswani, Ashish", "Noam Shazeer"], year=2017, venue="NeurIPS"))
>>> item["author"], item["issued"], item["type"]
([{'family': 'Vaswani', 'given': 'Ashish'}, {'family': 'Shazeer', 'given': 'Noam'}], {'date-parts': [[2017]]}, 'paper-conference')
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..arxiv import ArxivId
from ..model import Paper
from .bibtex import _CONFERENCE, _JOURNAL, make_key


def _name(author: str) -> dict[str, str]:
    if "," in author:
        family, given = author.split(",", 1)
        return {"family": family.strip(), "given": given.strip()}
    parts = author.split()
    if len(parts) == 1 or re.search(r"[\u3040-\u9fff\uac00-\ud7af]", author) or author.lower().startswith("the "):
        return {"literal": author}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _unname(name: dict[str, str]) -> str:
    if "literal" in name:
        return name["literal"]
    return f"{name.get('given', '')} {name.get('family', '')}".strip()


def to_csl(paper: Paper, key: str | None = None) -> dict[str, Any]:
    venue = paper.venue or ""
    if paper.kind == "non-paper":
        ctype = "post-weblog"
    elif _JOURNAL.search(venue):
        ctype = "article-journal"
    elif _CONFERENCE.search(venue):
        ctype = "paper-conference"
    else:
        ctype = "article"
    item: dict[str, Any] = {"id": key or make_key(paper), "type": ctype}
    if paper.title:
        item["title"] = paper.title
    if paper.authors:
        item["author"] = [_name(a) for a in paper.authors]
    date = paper.date or (str(paper.year) if paper.year else None)
    if date:
        item["issued"] = {"date-parts": [[int(x) for x in date.split("-")]]}
    elif paper.year:
        item["issued"] = {"date-parts": [[paper.year]]}
    if paper.venue:
        item["container-title"] = paper.venue
    if paper.url:
        item["URL"] = paper.url
    if paper.doi:
        item["DOI"] = paper.doi
    if paper.arxiv:
        item["archive"] = "arXiv"
        item["number"] = str(paper.arxiv)
    if paper.summary:
        item["abstract"] = paper.summary
    if paper.tags:
        item["keyword"] = ", ".join(paper.tags)
    custom = {
        k: v
        for k, v in paper.to_dict().items()
        if k
        in (
            "aliases",
            "links",
            "section",
            "source",
            "sources",
            "conflicts",
            "kind",
            "affiliations",
            "format",
            "year",
            "date",
            "provenance",
            "authors",
            "et_al",
        )
    }
    item["custom"] = custom
    return item


def dumps(papers: Sequence[Paper]) -> str:
    used: dict[str, int] = {}
    items = []
    for p in papers:
        key = make_key(p)
        n = used.get(key, 0)
        used[key] = n + 1
        items.append(to_csl(p, key if n == 0 else f"{key}-{n + 1}"))
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def loads(text: str) -> list[Paper]:
    out = []
    for item in json.loads(text):
        custom = item.get("custom") or {}
        parts = (item.get("issued") or {}).get("date-parts") or [[]]
        first = parts[0] if parts else []
        issued = "-".join(f"{x:04d}" if i == 0 else f"{x:02d}" for i, x in enumerate(first)) if first else None
        data: dict[str, Any] = {
            "title": item.get("title"),
            "authors": [_unname(n) for n in item.get("author") or []],
            "venue": item.get("container-title"),
            "url": item.get("URL"),
            "doi": item.get("DOI"),
            "summary": item.get("abstract"),
            "tags": [t.strip() for t in (item.get("keyword") or "").split(",") if t.strip()],
        }
        data.update(custom)  # the exact values this writer kept (CSL names lose "Last, First")
        if "date" not in custom:
            data["date"] = issued
        if "year" not in custom:
            data["year"] = first[0] if first else None
        if item.get("number") and item.get("archive") == "arXiv":
            arxiv = ArxivId.parse(item["number"])
            data["arxiv_id"], data["arxiv_version"] = arxiv.id, arxiv.version
        out.append(Paper.from_dict(data))
    return out
