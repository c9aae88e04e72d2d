"""What every writer does first: control characters out of every text field.

A title holding a raw ESC or BEL byte, or a bidi override (U+202E) that makes a
terminal or a spreadsheet show text reversed, is no use to any reader of an
export and can be an attack on one.  :func:`clean_paper` removes such
characters from every text field; the line and paragraph breaks among them
(tab, newline, U+0085, U+2028, U+2029...) become a space so words stay apart.

>>> clean_text("Evil\\x1b[31m Title\\u202e\\nPart 2")
'Evil[31m Title Part 2'
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Sequence

import attrs

from ..model import Link, Paper, Source

#: Breaks (C0/C1 whitespace controls and the Unicode line and paragraph separators): become a space.
_BREAKS = "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85\u2028\u2029"
#: Every C0 and C1 control, DEL, and the bidi embedding, override, isolate and mark characters.
_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")
_TO_SPACE = {ord(ch): " " for ch in _BREAKS}


def clean_text(text: str) -> str:
    """``text`` without control characters; breaks among them become a space.

    >>> clean_text("a\\tb\\u2028c\\x07")
    'a b c'
    """
    if not _CONTROLS.search(text):
        return text
    return _CONTROLS.sub("", text.translate(_TO_SPACE))


def _opt(text: str | None) -> str | None:
    if text is None:
        return None
    cleaned = clean_text(text)
    return cleaned if cleaned.strip() else None


def _all(values: Iterable[str]) -> tuple[str, ...]:
    return tuple(c for c in (clean_text(v) for v in values) if c.strip())


def _source(source: Source | None) -> Source | None:
    if source is None:
        return None
    return Source(_opt(source.file), source.line, _opt(source.list))


def clean_paper(paper: Paper) -> Paper:
    """The paper with :func:`clean_text` applied to every text field.

    A text left blank becomes none, and a blank list item (author, tag...) is dropped.

    >>> clean_paper(Paper(title="\\u202eLLaMA", authors=["A\\x1bB", "\\x07"])).authors
    ('AB',)
    """
    return attrs.evolve(
        paper,
        title=_opt(paper.title),
        doi=_opt(paper.doi),
        url=_opt(paper.url),
        links=tuple(Link(clean_text(k.kind), clean_text(k.url), _opt(k.label)) for k in paper.links),
        authors=_all(paper.authors),
        date=_opt(paper.date),
        venue=_opt(paper.venue),
        affiliations=_all(paper.affiliations),
        aliases=_all(paper.aliases),
        tags=_all(paper.tags),
        summary=_opt(paper.summary),
        section=_all(paper.section),
        source=_source(paper.source),
        format=_opt(paper.format),
        sources=tuple(s for s in (_source(s) for s in paper.sources) if s is not None),
        conflicts=_all(paper.conflicts),
        provenance=tuple((clean_text(k), clean_text(v)) for k, v in paper.provenance),
    )


def clean_papers(papers: Sequence[Paper]) -> list[Paper]:
    """:func:`clean_paper` of each paper."""
    return [clean_paper(p) for p in papers]
