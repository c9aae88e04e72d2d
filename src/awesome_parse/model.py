"""The data model: small, frozen, hashable attrs classes.

Raw values (what a list literally says, cut out by a format parser) live in
:class:`RawEntry`; typed, normalized values live in :class:`Paper`.  This is the
split that ``packaging`` makes between ``RawMetadata`` and ``Metadata``: parsers
never normalize and the normalizer never looks at markup.

Every record knows where it came from: a :class:`Span` is a 1-based, inclusive
line range in one file, and a :class:`Source` is what a user sees of it (file,
line of the entry's title, list name).

>>> link = Link(kind="code", url="https://github.com/artidoro/qlora", label="Code")
>>> paper = Paper(title="QLoRA: Efficient Finetuning of Quantized LLMs", links=[link])
>>> paper.links[0].kind
'code'
>>> hash(paper) == hash(attrs.evolve(paper))
True
"""

from __future__ import annotations

import enum
import functools
from collections.abc import Iterable, Mapping
from typing import Any, Literal

import attrs

from .arxiv import ArxivId

__all__ = [
    "LINK_KINDS",
    "Link",
    "Paper",
    "ParseResult",
    "RawEntry",
    "RawLink",
    "Shape",
    "SkipReason",
    "Skipped",
    "Source",
    "Span",
]

LinkKind = Literal["paper", "pdf", "code", "project", "video", "blog", "dataset", "other"]
#: Every kind a :class:`Link` may have, in the order exports list them.
LINK_KINDS: tuple[str, ...] = ("paper", "pdf", "code", "project", "video", "blog", "dataset", "other")
PaperKind = Literal["paper", "non-paper"]


def _strs(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(values)


def _fields(values: Iterable[tuple[str, str]]) -> tuple[tuple[str, str], ...]:
    return tuple(values)


def _raw_links(values: Iterable[RawLink]) -> tuple[RawLink, ...]:
    return tuple(values)


def _source_tuple(values: Iterable[Source]) -> tuple[Source, ...]:
    return tuple(values)


def _any_tuple(values: Iterable[Any]) -> tuple[Any, ...]:
    return tuple(values)


@attrs.frozen(order=True)
class Span:
    """A 1-based, inclusive range of lines in one file.

    Build it from a markdown-it ``Token.map`` (0-based, end exclusive) with
    :meth:`from_map`, never by hand arithmetic.

    >>> Span.from_map("README.md", [4, 7])
    Span(path='README.md', line=5, end_line=7, column=1)
    >>> str(Span("README.md", 5, 7))
    'README.md:5'
    """

    path: str | None
    line: int
    end_line: int = attrs.field()
    column: int = 1

    @end_line.default
    def _end_default(self) -> int:
        return self.line

    @end_line.validator
    def _check(self, _attr: attrs.Attribute[int], value: int) -> None:
        if self.line < 1 or value < self.line:
            raise ValueError(f"invalid span: lines {self.line}..{value}")

    @classmethod
    def from_map(cls, path: str | None, token_map: list[int] | tuple[int, int], offset: int = 0) -> Span:
        """Convert a markdown-it ``[begin, end)`` 0-based map to a 1-based inclusive span."""
        begin, end = token_map
        return cls(path, begin + 1 + offset, max(begin + 1, end) + offset)

    def __str__(self) -> str:
        return f"{self.path or '<text>'}:{self.line}"


@attrs.frozen
class Link:
    """One link of a paper, classified by :mod:`awesome_parse.links`."""

    kind: str
    url: str
    label: str | None = None


@attrs.frozen
class Source:
    """Where a record came from: the file, the line of its title, the list's name."""

    file: str | None
    line: int
    list: str | None = None


@attrs.frozen
class RawLink:
    """A link as written: its URL, its text, and a hint from the column or key it sat in."""

    url: str
    label: str | None = None
    hint: str | None = None
    line: int | None = None


def _pairs(values: Iterable[tuple[str, str]] | Mapping[str, str]) -> tuple[tuple[str, str], ...]:
    items = values.items() if isinstance(values, Mapping) else values
    return tuple(sorted((str(k), str(v)) for k, v in items))


@attrs.frozen(kw_only=True)
class RawEntry:
    """An entry cut out of a list by a format parser, before normalization.

    ``fields`` maps a role (``title``, ``alias``, ``authors``, ``venue``, ``date``,
    ``year``, ``affiliation``, ``tags``, ``summary``, ``kind``, ``arxiv_text``,
    ``title_is_link``) to the raw strings found for it, in document order;
    ``rules`` maps a field to the name of the grammar rule that read it.
    """

    format: str
    span: Span
    section: tuple[str, ...] = attrs.field(converter=_strs, default=())
    fields: tuple[tuple[str, str], ...] = attrs.field(converter=_fields, default=())
    links: tuple[RawLink, ...] = attrs.field(converter=_raw_links, default=())
    shape: Shape | None = None
    rules: tuple[tuple[str, str], ...] = attrs.field(converter=_pairs, default=())

    @functools.cached_property
    def _by_role(self) -> dict[str, list[str]]:
        table: dict[str, list[str]] = {}
        for key, value in self.fields:
            table.setdefault(key, []).append(value)
        return table

    def get(self, role: str) -> str | None:
        """The first raw value for ``role``, or ``None``."""
        values = self._by_role.get(role)
        return values[0] if values else None

    def get_all(self, role: str) -> list[str]:
        """Every raw value for ``role``, in document order."""
        return list(self._by_role.get(role, ()))


class Shape(enum.Enum):
    """The kind of unit an entry was found in: a table row, a list item, a heading and its body...

    Format parsers find units of these shapes; the grammar reads every shape the same
    way, and the shape is kept on the :class:`RawEntry` so callers can tell them apart.
    """

    LIST_ITEM = "list-item"
    TABLE_ROW = "table-row"
    HEADING = "heading"
    PARAGRAPH = "paragraph"
    HTML_ITEM = "html-item"
    KEY_VALUE = "key-value"


class SkipReason(enum.Enum):
    """Why an entry-like row or item did not become a paper; the value is its message."""

    #: a table row of dashes, "TBD", "..." or empty cells
    PLACEHOLDER_ROW = "placeholder row"
    #: a table row with text in its cells but no title and no link
    NO_TITLE_OR_LINK = "row has neither a title nor a link"
    #: a table row whose links are all code, project or other non-paper links
    ROW_LINKS_NO_PAPER = "row links no paper"
    #: a table with no title column and few paper links (a table of tools, results...)
    NOT_PAPER_TABLE = "not a paper table (no title column and few paper links)"
    #: a list item that links only code, projects, datasets or badges
    NO_PAPER_LINK = "no paper link"
    #: a citation (title, year, authors) that links nothing
    CITATION_WITHOUT_LINK = "citation without a link"
    #: an entry the grammar read that has neither a title nor a paper link
    NO_TITLE_OR_PAPER_LINK = "neither a title nor a paper link"


@attrs.frozen
class Skipped:
    """An entry-like row or item that did not become a :class:`Paper`, and why.

    ``reason`` is a :class:`SkipReason` (what lint and callers match on);
    ``detail`` adds what is particular to this row (the kinds of links it has).

    >>> s = Skipped(Span("a.md", 3), SkipReason.NO_PAPER_LINK, "Tool [code](x)", detail="links: code")
    >>> str(s)
    'a.md:3: skipped (no paper link; links: code): Tool [code](x)'
    """

    span: Span
    reason: SkipReason
    text: str = ""
    format: str | None = None
    detail: str = ""

    def __str__(self) -> str:
        why = f"{self.reason.value}; {self.detail}" if self.detail else self.reason.value
        return f"{self.span}: skipped ({why}): {self.text[:80]}"


def _year_ok(_inst: Any, _attr: Any, value: int | None) -> None:
    if value is not None and not 1000 <= value <= 2999:
        raise ValueError(f"implausible year: {value}")


def _kind_ok(_inst: Any, _attr: Any, value: str) -> None:
    if value not in ("paper", "non-paper"):
        raise ValueError(f"kind must be 'paper' or 'non-paper', not {value!r}")


def _optional_arxiv(value: ArxivId | str | None) -> ArxivId | None:
    if value is None or isinstance(value, ArxivId):
        return value
    return ArxivId.parse(value)


def _links(values: Iterable[Link]) -> tuple[Link, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class Paper:
    """One normalized record of a paper (or of a non-paper item a list marks as such).

    Converters only canonicalize (tuples, ``ArxivId.parse``); validators check the
    final form.  Use :func:`attrs.evolve` to change a value.  ``et_al``: the list
    named only the first authors (``et al.``), so exports write ``and others``.
    ``provenance`` maps a field to how it was found: the grammar rule or
    normalizer step when parsed (``title: bold_title``, ``year: arxiv_id``), the
    source file and line after :func:`~awesome_parse.merge.merge`.
    """

    title: str | None = attrs.field(default=None)
    arxiv: ArxivId | None = attrs.field(default=None, converter=_optional_arxiv)
    doi: str | None = None
    url: str | None = None
    links: tuple[Link, ...] = attrs.field(default=(), converter=_links)
    authors: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    year: int | None = attrs.field(default=None, validator=_year_ok)
    date: str | None = None
    venue: str | None = None
    affiliations: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    aliases: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    tags: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    summary: str | None = None
    kind: str = attrs.field(default="paper", validator=_kind_ok)
    section: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    source: Source | None = None
    format: str | None = None
    sources: tuple[Source, ...] = attrs.field(default=(), converter=_source_tuple)
    conflicts: tuple[str, ...] = attrs.field(default=(), converter=_strs)
    et_al: bool = False
    provenance: tuple[tuple[str, str], ...] = attrs.field(default=(), converter=_pairs)

    @title.validator
    def _title_ok(self, _attr: attrs.Attribute[str | None], value: str | None) -> None:
        if value is not None and not value.strip():
            raise ValueError("title must be None or non-empty")

    @property
    def arxiv_id(self) -> str | None:
        """The arXiv identifier without version, e.g. ``'2305.14314'``."""
        return self.arxiv.id if self.arxiv else None

    def link(self, kind: str) -> str | None:
        """The first link URL of ``kind`` (``'code'``, ``'project'``, ...), or ``None``."""
        for link in self.links:
            if link.kind == kind:
                return link.url
        return None

    def to_dict(self) -> dict[str, Any]:
        """The JSON form of the output contract (``awesome-parse parse --format json``)."""
        data: dict[str, Any] = {
            "title": self.title,
            "arxiv_id": self.arxiv.id if self.arxiv else None,
            "arxiv_version": self.arxiv.version if self.arxiv else None,
            "doi": self.doi,
            "url": self.url,
            "links": [{"kind": k.kind, "url": k.url, "label": k.label} for k in self.links],
            "authors": list(self.authors),
            "et_al": self.et_al,
            "year": self.year,
            "date": self.date,
            "venue": self.venue,
            "affiliations": list(self.affiliations),
            "aliases": list(self.aliases),
            "tags": list(self.tags),
            "summary": self.summary,
            "kind": self.kind,
            "section": list(self.section),
            "source": None if self.source is None else _source_dict(self.source),
            "format": self.format,
        }
        if self.sources:
            data["sources"] = [_source_dict(s) for s in self.sources]
        if self.conflicts:
            data["conflicts"] = list(self.conflicts)
        if self.provenance:
            data["provenance"] = dict(self.provenance)
        return data

    @classmethod
    def from_dict(cls, data: Mapping[str, Any]) -> Paper:
        """Rebuild a Paper from :meth:`to_dict` output (the inverse, used by exports' readers).

        The values are converted and checked as the constructor does (tuples, the
        year, the kind, the title), without the constructor's generic machinery.

        >>> p = Paper(title="QLoRA", arxiv="2305.14314v2", authors=["T. Dettmers"], source=Source("a.md", 3))
        >>> Paper.from_dict(p.to_dict()) == p
        True
        """
        get = data.get
        arxiv = None
        if get("arxiv_id"):
            arxiv = ArxivId(data["arxiv_id"], get("arxiv_version"))
        source = get("source")
        # the arguments in the order the constructor's call evaluated them
        title = get("title")
        doi = get("doi")
        url = get("url")
        links = [Link(d["kind"], d["url"], d.get("label")) for d in get("links") or ()]
        authors = get("authors") or ()
        et_al = bool(get("et_al"))
        year = get("year")
        date = get("date")
        venue = get("venue")
        affiliations = get("affiliations") or ()
        aliases = get("aliases") or ()
        tags = get("tags") or ()
        summary = get("summary")
        kind = get("kind") or "paper"
        section = get("section") or ()
        where = None if not source else Source(source.get("file"), source["line"], source.get("list"))
        form = get("format")
        sources = tuple(Source(s.get("file"), s["line"], s.get("list")) for s in get("sources") or ())
        conflicts = get("conflicts") or ()
        provenance = get("provenance") or ()
        if cls is not Paper:
            return cls(
                title=title, arxiv=arxiv, doi=doi, url=url, links=links, authors=authors, et_al=et_al,
                year=year, date=date, venue=venue, affiliations=affiliations, aliases=aliases, tags=tags,
                summary=summary, kind=kind, section=section, source=where, format=form, sources=sources,
                conflicts=conflicts, provenance=provenance,
            )  # fmt: skip
        return _assemble(
            title,
            arxiv,
            doi,
            url,
            tuple(links),
            tuple(authors),
            year,
            date,
            venue,
            tuple(affiliations),
            tuple(aliases),
            tuple(tags),
            summary,
            kind,
            tuple(section),
            where,
            form,
            sources,
            tuple(conflicts),
            et_al,
            _pairs(provenance),
        )


def _source_dict(s: Source) -> dict[str, Any]:
    return {"file": s.file, "line": s.line, "list": s.list}


_FIELDS = tuple(a.name for a in attrs.fields(Paper))
_set = object.__setattr__


def _assemble(*values: Any) -> Paper:
    """A Paper from its field values in declaration order, already in canonical form (tuples, an ArxivId,
    sorted provenance pairs): what the constructor would build from them, without re-converting.

    The validators still run (title, year, kind), as in the constructor.

    >>> _assemble("T", None, None, None, (), (), 2023, *([None] * 2), (), (), (), None, "paper", (), None, None, (), (), False, ())
    Paper(title='T', arxiv=None, doi=None, url=None, links=(), authors=(), year=2023, date=None, venue=None, affiliations=(), aliases=(), tags=(), summary=None, kind='paper', section=(), source=None, format=None, sources=(), conflicts=(), et_al=False, provenance=())
    """
    p = object.__new__(Paper)
    for name, value in zip(_FIELDS, values, strict=True):
        _set(p, name, value)
    if not attrs.validators.get_disabled():
        title, year, kind = values[0], values[6], values[13]
        if title is not None and not title.strip():
            raise ValueError("title must be None or non-empty")
        if year is not None and not 1000 <= year <= 2999:
            raise ValueError(f"implausible year: {year}")
        if kind != "paper" and kind != "non-paper":
            raise ValueError(f"kind must be 'paper' or 'non-paper', not {kind!r}")
    return p


def _paper_tuple(values: Iterable[Paper]) -> tuple[Paper, ...]:
    return tuple(values)


def _skipped_tuple(values: Iterable[Skipped]) -> tuple[Skipped, ...]:
    return tuple(values)


@attrs.frozen(kw_only=True)
class ParseResult:
    """Everything parsing one README produced.

    ``papers`` are the records, ``skipped`` the entry-like rows or items that did
    not become a paper (with line and reason), ``diagnostics`` the problems found
    (see :mod:`awesome_parse.errors`), ``repairs`` the mojibake repairs applied
    before parsing, ``detections`` why each format was chosen for each section.
    """

    path: str | None
    papers: tuple[Paper, ...] = attrs.field(converter=_paper_tuple, default=())
    skipped: tuple[Skipped, ...] = attrs.field(converter=_skipped_tuple, default=())
    diagnostics: tuple[Any, ...] = attrs.field(converter=_any_tuple, default=())
    repairs: Any = None
    detections: tuple[Any, ...] = attrs.field(converter=_any_tuple, default=())
    title: str | None = None
    line_count: int = 0

    def __repr__(self) -> str:
        """A short summary (the records themselves are in ``papers``), whatever the file's size.

        >>> ParseResult(path="README.md", papers=(Paper(title="A title"),), line_count=3)
        ParseResult(path='README.md', title=None, papers=1, skipped=0, diagnostics=0, lines=3)
        """
        return (
            f"ParseResult(path={self.path!r}, title={self.title!r}, papers={len(self.papers)}, "
            f"skipped={len(self.skipped)}, diagnostics={len(self.diagnostics)}, lines={self.line_count})"
        )
