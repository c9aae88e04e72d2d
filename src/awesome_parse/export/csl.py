"""CSL-JSON, the citation format of Zotero, Pandoc and citeproc, kept to the CSL-JSON schema.

Each paper is one CSL item with standard variables only (:data:`SCHEMA` is the
CSL-JSON 1.0.2 item schema): ``title``, ``author`` (``family``/``given``, or
``literal`` for one-word and CJK names), ``issued``, ``container-title``,
``URL``, ``DOI``, ``archive`` + ``number`` for the arXiv id, ``abstract``,
``keyword``.  An untitled paper is titled by its first alias (else its arXiv
id, DOI or link without the scheme, else ``Untitled``), so a style never renders
a bare ``(2014). Available at: URL``.

What CSL cannot hold exactly (links, sections, sources, aliases, the names as
written, ``et al.``, conflicts, provenance, a title that is only a stand-in...)
goes into ``note`` as one line ``awesome-parse: {JSON}``, holding exactly the
fields the standard variables would read back differently; :func:`loads` applies
it, so the file reads back without loss.  (CSL-JSON 1.0.2 also has a
``custom`` object, but citeproc-py and other processors warn on it.)

>>> from awesome_parse.model import Paper
>>> item = to_csl(Paper(title="T", authors=["Vaswani, Ashish", "Noam Shazeer"], year=2017, venue="NeurIPS"))
>>> item["author"], item["issued"], item["type"]
([{'family': 'Vaswani', 'given': 'Ashish'}, {'family': 'Shazeer', 'given': 'Noam'}], {'date-parts': [[2017]]}, 'paper-conference')
>>> item["note"]
'awesome-parse: {"authors":["Vaswani, Ashish","Noam Shazeer"]}'
>>> loads(dumps([Paper(title="T", authors=["Vaswani, Ashish"])]))[0].authors
('Vaswani, Ashish',)
"""

from __future__ import annotations

import json
import re
from collections.abc import Sequence
from typing import Any

from ..arxiv import ArxivId, InvalidArxivId
from ..errors import AwesomeParseError
from ..model import Paper
from ._clean import clean_paper, clean_papers
from .bibtex import _CONFERENCE, _JOURNAL, cite_keys, make_key

__all__ = ["NOTE_PREFIX", "SCHEMA", "dumps", "loads", "to_csl"]

#: How the note line holding the fields CSL cannot hold starts.
NOTE_PREFIX = "awesome-parse: "

_TYPES = [
    "article", "article-journal", "article-magazine", "article-newspaper", "bill", "book", "broadcast",
    "chapter", "classic", "collection", "dataset", "document", "entry", "entry-dictionary",
    "entry-encyclopedia", "event", "figure", "graphic", "hearing", "interview", "legal_case", "legislation",
    "manuscript", "map", "motion_picture", "musical_score", "pamphlet", "paper-conference", "patent",
    "performance", "periodical", "personal_communication", "post", "post-weblog", "regulation", "report",
    "review", "review-book", "software", "song", "speech", "standard", "thesis", "treaty", "webpage",
]  # fmt: skip
_NAME_VARIABLES = [
    "author", "chair", "collection-editor", "compiler", "composer", "container-author", "contributor",
    "curator", "director", "editor", "editorial-director", "executive-producer", "guest", "host",
    "interviewer", "illustrator", "narrator", "organizer", "original-author", "performer", "producer",
    "recipient", "reviewed-author", "script-writer", "series-creator", "translator",
]  # fmt: skip
_DATE_VARIABLES = ["accessed", "available-date", "event-date", "issued", "original-date", "submitted"]
_STRING_VARIABLES = [
    "abstract", "annote", "archive", "archive_collection", "archive_location", "archive-place", "authority",
    "call-number", "citation-key", "citation-label", "collection-title", "container-title",
    "container-title-short", "dimensions", "division", "DOI", "event", "event-title", "event-place", "genre",
    "ISBN", "ISSN", "jurisdiction", "keyword", "language", "journalAbbreviation", "medium", "note",
    "original-publisher", "original-publisher-place", "original-title", "part-title", "PMCID", "PMID",
    "publisher", "publisher-place", "references", "reviewed-genre", "reviewed-title", "scale", "section",
    "shortTitle", "source", "status", "title", "title-short", "URL", "version", "volume-title",
    "volume-title-short", "year-suffix",
]  # fmt: skip
_NUMBER_VARIABLES = [
    "chapter-number", "citation-number", "collection-number", "edition", "first-reference-note-number",
    "issue", "locator", "number", "number-of-pages", "number-of-volumes", "page", "page-first", "part",
    "printing", "supplement", "volume",
]  # fmt: skip

_STRING = {"type": "string"}
_STRING_OR_NUMBER = {"type": ["string", "number"]}
_NAME = {
    "type": "object",
    "properties": {
        **{k: _STRING for k in ("family", "given", "dropping-particle", "non-dropping-particle", "suffix", "literal")},
        "comma-suffix": {"type": ["string", "number", "boolean"]},
        "static-ordering": {"type": ["string", "number", "boolean"]},
        "parse-names": {"type": ["string", "number", "boolean"]},
    },
    "additionalProperties": False,
}
_DATE = {
    "type": "object",
    "properties": {
        "date-parts": {
            "type": "array",
            "items": {"type": "array", "items": _STRING_OR_NUMBER, "minItems": 1, "maxItems": 3},
            "minItems": 1,
            "maxItems": 2,
        },
        "season": _STRING_OR_NUMBER,
        "circa": {"type": ["string", "number", "boolean"]},
        "literal": _STRING,
        "raw": _STRING,
    },
    "additionalProperties": False,
}

#: The CSL-JSON 1.0.2 schema (``csl-data.json``) as a JSON Schema (draft 7) dict: an array of
#: items, each with a ``type`` from the CSL type list and an ``id``, and only the CSL variables,
#: each of its kind (names, dates, strings, numbers).  Its ``custom`` object is left out on purpose.
SCHEMA: dict[str, Any] = {
    "$schema": "http://json-schema.org/draft-07/schema#",
    "description": "CSL-JSON 1.0.2 items (without the custom object)",
    "type": "array",
    "items": {
        "type": "object",
        "properties": {
            "type": {"type": "string", "enum": _TYPES},
            "id": _STRING_OR_NUMBER,
            "categories": {"type": "array", "items": _STRING},
            **{k: {"type": "array", "items": _NAME} for k in _NAME_VARIABLES},
            **{k: _DATE for k in _DATE_VARIABLES},
            **{k: _STRING for k in _STRING_VARIABLES},
            **{k: _STRING_OR_NUMBER for k in _NUMBER_VARIABLES},
        },
        "required": ["type", "id"],
        "additionalProperties": False,
    },
}

_CJK = re.compile(r"[\u3040-\u9fff\uac00-\ud7af]")
_DATE_TEXT = re.compile(r"(\d{4})(?:-(\d\d)(?:-(\d\d))?)?")


class CslJsonError(AwesomeParseError, ValueError):
    """CSL-JSON this reader cannot read (not an array of items, a broken note line)."""


def _name(author: str) -> dict[str, str]:
    if "," in author:
        family, given = author.split(",", 1)
        if family.strip() and given.strip():
            return {"family": family.strip(), "given": given.strip()}
        return {"literal": author}
    parts = author.split()
    if len(parts) <= 1 or _CJK.search(author) or author.lower().startswith("the "):
        return {"literal": author}
    return {"family": parts[-1], "given": " ".join(parts[:-1])}


def _unname(name: dict[str, Any]) -> str:
    if "literal" in name:
        return str(name["literal"])
    return " ".join(
        str(name[k]) for k in ("given", "dropping-particle", "non-dropping-particle", "family", "suffix") if name.get(k)
    )


def _type(paper: Paper) -> str:
    venue = paper.venue or ""
    if paper.kind == "non-paper":
        return "webpage"
    if _JOURNAL.search(venue):
        return "article-journal"
    if _CONFERENCE.search(venue):
        return "paper-conference"
    return "article"


def _issued(paper: Paper) -> list[int] | None:
    m = _DATE_TEXT.fullmatch(paper.date or "")
    if m:
        parts = [int(x) for x in m.groups() if x]
        if len(parts) < 2 or 1 <= parts[1] <= 12:
            return parts
    return [paper.year] if paper.year else None


def _stand_in_title(paper: Paper) -> str:
    """The paper's title, else what names it best: an alias, its arXiv id, DOI or link, else "Untitled".

    >>> _stand_in_title(Paper(url="https://papers.nips.cc/paper/4824-imagenet.pdf"))
    'papers.nips.cc/paper/4824-imagenet.pdf'
    """
    if paper.title:
        return paper.title
    if paper.aliases:
        return paper.aliases[0]
    if paper.arxiv:
        return f"arXiv:{paper.arxiv}"
    if paper.doi:
        return f"doi:{paper.doi}"
    link = paper.url or next((k.url for k in paper.links if k.url.strip()), None)
    if link:
        return re.sub(r"^[a-z][a-z0-9+.\-]*://(www\.)?", "", link.strip(), flags=re.IGNORECASE) or link
    return "Untitled"


def _standard(paper: Paper, key: str) -> dict[str, Any]:
    """The item's standard CSL variables."""
    item: dict[str, Any] = {"id": key, "type": _type(paper)}
    item["title"] = _stand_in_title(paper)
    if paper.authors:
        item["author"] = [_name(a) for a in paper.authors]
    issued = _issued(paper)
    if issued:
        item["issued"] = {"date-parts": [issued]}
    if paper.venue:
        item["container-title"] = paper.venue
    url = paper.url or (paper.arxiv.url() if paper.arxiv else None)
    if url:
        item["URL"] = url
    if paper.doi:
        item["DOI"] = paper.doi
    if paper.arxiv:
        item["archive"] = "arXiv"
        item["number"] = str(paper.arxiv)
    if paper.summary:
        item["abstract"] = paper.summary
    if paper.tags:
        item["keyword"] = ", ".join(paper.tags)
    return item


def _read_standard(item: dict[str, Any]) -> dict[str, Any]:
    """What the standard variables of an item say, in :meth:`Paper.to_dict` form."""
    parts = (item.get("issued") or {}).get("date-parts") or [[]]
    first = [int(x) for x in parts[0]] if parts and parts[0] and all(str(x).isdigit() for x in parts[0]) else []
    date = "-".join(f"{x:04d}" if i == 0 else f"{x:02d}" for i, x in enumerate(first)) if len(first) > 1 else None
    year = first[0] if first and 1000 <= first[0] <= 2999 else None
    data: dict[str, Any] = {
        "title": item.get("title") or None,
        "authors": [_unname(n) for n in item.get("author") or []],
        "year": year,
        "date": date,
        "venue": item.get("container-title") or None,
        "url": item.get("URL") or None,
        "doi": item.get("DOI") or None,
        "summary": item.get("abstract") or None,
        "tags": [t.strip() for t in str(item.get("keyword") or "").split(",") if t.strip()],
        "kind": "non-paper" if item.get("type") == "webpage" else "paper",
    }
    if item.get("number") and item.get("archive") == "arXiv":
        try:
            arxiv = ArxivId.parse(str(item["number"]))
        except InvalidArxivId:
            pass
        else:
            data["arxiv_id"], data["arxiv_version"] = arxiv.id, arxiv.version
    return Paper.from_dict(data).to_dict()


def to_csl(paper: Paper, key: str | None = None) -> dict[str, Any]:
    """One CSL-JSON item for a paper (its control characters removed first).

    >>> to_csl(Paper(aliases=["R-CNN"], url="https://arxiv.org/pdf/1311.2524v5.pdf", year=2014))["title"]
    'R-CNN'
    """
    paper = clean_paper(paper)
    item = _standard(paper, key or make_key(paper))
    wanted = paper.to_dict()
    read = _read_standard(item)
    extra = {k: v for k, v in wanted.items() if read.get(k) != v}
    if extra:
        item["note"] = NOTE_PREFIX + json.dumps(extra, ensure_ascii=False, separators=(",", ":"))
    return item


def dumps(papers: Sequence[Paper]) -> str:
    """Serialize papers as a CSL-JSON array; ids are :func:`~awesome_parse.export.bibtex.cite_keys`."""
    papers = clean_papers(papers)
    items = [to_csl(p, key) for p, key in zip(papers, cite_keys(papers), strict=True)]
    return json.dumps(items, ensure_ascii=False, indent=1) + "\n"


def _note_fields(note: Any) -> dict[str, Any]:
    for line in str(note or "").splitlines():
        if line.startswith(NOTE_PREFIX):
            try:
                extra = json.loads(line[len(NOTE_PREFIX) :])
            except ValueError as exc:
                raise CslJsonError(f"note line is not JSON: {exc}") from None
            if not isinstance(extra, dict):
                raise CslJsonError("note line is not a JSON object")
            return extra
    return {}


def loads(text: str) -> list[Paper]:
    """Read a CSL-JSON array back: the standard variables, then the fields the note line keeps.

    >>> loads('[{"id": "a", "type": "article", "title": "T", "issued": {"date-parts": [[2020, 5]]}}]')[0].date
    '2020-05'

    Raises:
        CslJsonError: the text is not a JSON array of objects, or a note line is broken.
    """
    data = json.loads(text)
    if not isinstance(data, list) or not all(isinstance(item, dict) for item in data):
        raise CslJsonError("CSL-JSON is an array of objects")
    out = []
    for item in data:
        fields = _read_standard(item)
        fields.update(_note_fields(item.get("note")))
        out.append(Paper.from_dict(fields))
    return out
