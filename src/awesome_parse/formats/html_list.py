"""Lists written in HTML: ``<ul>``/``<ol>`` blocks whose ``<li>`` items link papers.

Some lists are HTML throughout (a README generated from a template, or kept
inside ``<details>`` without blank lines, where GitHub renders no markdown)::

    <ul>
    <li><a href="https://arxiv.org/abs/2212.14052">Hungry Hungry Hippos</a> (ICLR 2023)</li>
    <li><b>Efficiently Modeling Long Sequences with Structured State Spaces</b>
        <i>Albert Gu, Karan Goel, Christopher Ré</i> <a href="https://arxiv.org/abs/2111.00396">[paper]</a></li>
    </ul>

Each item is parsed by lxml's recovering parser (unclosed ``<li>`` and ``<a>``
are closed as a browser would), flattened into the same atoms markdown items
become (text with bold, italic and underline, links), and read by the same
entry grammar (:mod:`awesome_parse.grammar`).  Nested lists are items of
their own.  Items that link no paper are reported as skipped when they link
something else, exactly as in markdown lists.

>>> from awesome_parse.api import parse_text
>>> text = '<ul>\\n<li><a href="https://arxiv.org/abs/2212.14052">Hungry Hungry Hippos: Towards Language Modeling</a> (ICLR 2023)</li>\\n</ul>\\n'
>>> p = parse_text(text).papers[0]
>>> p.title, p.arxiv_id, p.venue, p.source.line
('Hungry Hungry Hippos: Towards Language Modeling', '2212.14052', 'ICLR 2023', 2)
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from typing import Any

from .._text import squash
from ..context import Detection, ParseContext
from ..errors import Diagnostic, Severity
from ..grammar import Shape, read_atoms
from ..grammar.atoms import Atom, LinkRef, html_atoms
from ..html import _lxml
from ..links import classify_url, is_paper_url
from ..markdown import HtmlBlock, Section
from ..model import RawEntry, Skipped, SkipReason, Span
from ._lists import _external, _fields_from_parts, _raw_links

__all__ = ["HtmlList"]


def _blocks(section: Section) -> list[HtmlBlock]:
    out = []
    for b in section.blocks:
        if isinstance(b, HtmlBlock) and not b.in_quote:
            low = b.content.lower()
            if "href" in low and ("<li" in low or "<p" in low or "<div" in low or "<summary" in low):
                out.append(b)
    return out


class HtmlList:
    """Parser for HTML ``<ul>``/``<ol>`` lists (``html-list``)."""

    name = "html-list"

    def detect(self, section: Section, context: ParseContext) -> Detection:
        blocks = _blocks(section)
        if not blocks:
            return Detection(self.name, 0.0, "no HTML list or paragraph with links")
        return Detection(self.name, 0.8, f"{len(blocks)} HTML block(s) with linked <li>, <p> or <div> elements")

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]:
        for block in _blocks(section):
            root = _tree(block)
            items = _items(block, root)
            for line, atoms, links in items:
                yield from _entry(self.name, context.path, section.heading_path, line, atoms, links)
            paragraphs, read = _paragraphs(block, root)
            for line, atoms, links in paragraphs:
                yield from _entry(self.name, context.path, section.heading_path, line, atoms, links, citation=True)
            written = len(_P_OR_DIV.findall(block.content))
            if read < written and read >= _DEEP and "<li" not in block.content.lower():
                yield Diagnostic(
                    "AP003",
                    Severity.WARNING,
                    f"HTML nested too deeply: {read} of {written} <p>/<div> elements read",
                    Span(context.path, block.line),
                )
            written = len(_LI.findall(block.content))
            if len(items) < written:
                # libxml2 stops descending past its depth limit: say so rather than lose items silently
                yield Diagnostic(
                    "AP003",
                    Severity.WARNING,
                    f"HTML list nested too deeply: {len(items)} of {written} <li> items read",
                    Span(context.path, block.line),
                )


_LI = re.compile(r"<li\b", re.IGNORECASE)
_BLOCK_TAGS = frozenset({"p", "div", "li", "ul", "ol", "table"})
#: Elements read as one citation each: a paragraph, a division, a ``<details>`` block's ``<summary>``
#: (``<details><summary><a href=URL>Title</a> by <i>Authors</i></summary> abstract </details>``).
_CITATION_ELEMENTS = frozenset({"p", "div", "summary"})
_P_OR_DIV = re.compile(r"<(?:p|div)\b", re.IGNORECASE)
#: libxml2 reads 255 levels: fewer elements read than written, that many or more, means the rest was cut off
#: (fewer could also be elements written inside comments).
_DEEP = 250


def _tree(block: HtmlBlock) -> Any:
    """The block parsed by lxml's recovering parser (``None`` if nothing is left), once for both readers."""
    etree = _lxml()
    parser = etree.HTMLParser(recover=True, no_network=True, remove_comments=True)
    return etree.fromstring("<html><body>" + _open_self_closed(block.content) + "</body></html>", parser)


#: ``<details/>``: a slash that closes a non-void element, which browsers ignore (the element stays open).
_SELF_CLOSED = re.compile(
    r"<((?!(?:br|img|hr|input|meta|link|source|wbr|col|area|base|embed|param|track)\b)[A-Za-z][A-Za-z0-9]*)(\s[^<>]*?)?\s*/>"
)


def _open_self_closed(html: str) -> str:
    """Read ``<details/><summary/>`` as a browser does: as opening tags.

    >>> _open_self_closed('<details/><summary/><br/>T')
    '<details><summary><br/>T'
    """
    if "/>" not in html:
        return html
    return _SELF_CLOSED.sub(lambda m: f"<{m.group(1)}{m.group(2) or ''}>", html)


def _items(block: HtmlBlock, root: Any) -> list[tuple[int, list[Atom], list[LinkRef]]]:
    """Every ``<li>`` of the block (empty ones included, so the count can be checked)."""
    if root is None:
        return []
    out = []
    for li in root.iter("li"):
        line = block.line + (li.sourceline or 1) - 1
        atoms, links = html_atoms(li, block.line)
        out.append((line, atoms, links))
    return out


def _paragraphs(block: HtmlBlock, root: Any) -> tuple[list[tuple[int, list[Atom], list[LinkRef]]], int]:
    """``<p>``, ``<div>`` and ``<summary>`` elements outside lists that hold no other block: citations written in HTML.

    ``<p><a href="..."><b>Title</b></a><br>Authors<br>CVPR 2022</p>``
    """
    low = block.content.lower()
    if root is None or ("<p" not in low and "<div" not in low and "<summary" not in low):
        return [], 0
    # one pass down (inside a list item or a table?) and one pass up (holding another block?)
    elements = [el for el in root.iter() if isinstance(el.tag, str)]
    inside: set[Any] = set()
    for el in elements:
        parent = el.getparent()
        if parent is not None and (parent in inside or parent.tag in ("li", "table")):
            inside.add(el)
    holds_block: set[Any] = set()
    for el in reversed(elements):
        parent = el.getparent()
        if parent is not None and (el in holds_block or el.tag in _BLOCK_TAGS):
            holds_block.add(parent)
    out = []
    for el in elements:
        if el.tag not in _CITATION_ELEMENTS or el in inside or (el in holds_block and el.tag != "summary"):
            continue
        atoms, links = html_atoms(el, block.line)
        out.append((block.line + (el.sourceline or 1) - 1, atoms, links))
    return out, sum(1 for el in elements if el.tag in ("p", "div"))


def _entry(
    fmt: str,
    path: str | None,
    heading: tuple[str, ...],
    line: int,
    atoms: list[Atom],
    links: list[LinkRef],
    *,
    citation: bool = False,
) -> Iterator[RawEntry | Skipped]:
    """An entry from an ``<li>``; with ``citation``, from a ``<p>``/``<div>``, which must read as a
    citation of a linked paper (a bold, quoted or linked title), else is prose or layout."""
    external = _external(links)
    if not external or not atoms:
        return
    parts = read_atoms(atoms, links, shape=Shape.HTML_ITEM)
    if citation and (
        parts.title_rule not in ("bold_title", "quoted_title", "link_title")
        or not any(is_paper_url(lk.url) for lk in external)
    ):
        return
    if not any(is_paper_url(lk.url) for lk in external):
        kinds = sorted({classify_url(lk.url) for lk in external})
        text = squash("".join(a.text for a in atoms))
        yield Skipped(Span(path, line), SkipReason.NO_PAPER_LINK, text[:160], fmt, detail=f"links: {', '.join(kinds)}")
        return
    title_line = parts.title_line or line
    yield RawEntry(
        format=fmt,
        span=Span(path, title_line, max(title_line, line)),
        section=heading,
        fields=_fields_from_parts(parts),
        links=_raw_links(links, parts.title_link, roles=parts.link_roles),
        shape=Shape.HTML_ITEM,
        rules=parts.rules,
    )
