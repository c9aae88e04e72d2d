"""Atoms: the one form every entry takes before the grammar reads it.

A format parser finds the unit of one entry (a list item, a table row, a
heading with its body, an HTML element) and flattens its markup into
:class:`Atom` s: runs of text that share one style (bold, italic, underlined,
inside which link, a code span, a line break), each knowing its file line and,
where the unit says so, a *hint* (the role of the table column or of the
``Key:`` the text sits under).  Links are kept apart as :class:`LinkRef` s and
atoms point at them by index.

Two atomizers exist, one per markup language: :func:`to_atoms` walks
markdown-it's inline tokens, :func:`html_atoms` walks an lxml element.  They
give the same atoms for the same content, so the grammar never looks at syntax.

>>> from awesome_parse.markdown import Inline
>>> atoms, links = to_atoms([Inline("**Title.** *A. Author.* [[pdf](https://arxiv.org/abs/2401.00001)]", 4)])
>>> [(a.text, a.strong, a.em, a.link) for a in atoms]
[('Title.', True, False, -1), (' ', False, False, -1), ('A. Author.', False, True, -1), (' [', False, False, -1), ('pdf', False, False, 0), (']', False, False, -1)]
>>> links[0].url, links[0].label
('https://arxiv.org/abs/2401.00001', 'pdf')
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import attrs

from .._text import squash
from ..links import classify_url, is_paper_url, is_placeholder_url

__all__ = [
    "BARE_URL",
    "Atom",
    "LinkRef",
    "bare_urls",
    "html_atoms",
    "is_external",
    "join",
    "label_links",
    "plain",
    "to_atoms",
]


@attrs.define(slots=True)
class Atom:
    """A run of text with one style.

    ``kind`` is ``"text"``, ``"code"`` (a code span) or ``"break"`` (a line break;
    ``hard`` when the author forced it: ``<br>``, a trailing backslash or two
    spaces, a new paragraph or cell).  ``link`` is the index of the enclosing
    :class:`LinkRef` or ``-1``.  ``hint`` is the role the unit gives this text
    (a table column's role, a ``Key:``'s role), or ``None``.
    """

    kind: str
    text: str
    line: int
    strong: bool = False
    em: bool = False
    link: int = -1
    u: bool = False
    hard: bool = False
    hint: str | None = None

    def but(self, **changes: Any) -> Atom:
        """A copy with ``changes`` (what :func:`attrs.evolve` does, several times faster).

        >>> Atom("text", "T", 1).but(hint="title").hint
        'title'
        """
        new = Atom(self.kind, self.text, self.line, self.strong, self.em, self.link, self.u, self.hard, self.hint)
        for name, value in changes.items():
            setattr(new, name, value)
        return new


@attrs.define(slots=True)
class LinkRef:
    """A link of an entry: its target, the line it is on, its text (``label``).

    ``image_only``: the link's text is only an image (a badge); ``bare``: a URL
    written as plain text.
    """

    url: str
    line: int
    label: str = ""
    image_only: bool = False
    bare: bool = False


def is_external(link: LinkRef) -> bool:
    """A link that leaves the file to a real address: no anchor (``#intro``), no placeholder, no badge."""
    url = link.url.strip()
    return bool(url) and not url.startswith("#") and not is_placeholder_url(url) and not link.image_only


_TAG = re.compile(r"^<\s*(/?)\s*([A-Za-z][A-Za-z0-9]*)\b([^>]*)>$", re.DOTALL)
_HREF = re.compile(r"""href\s*=\s*(?:"([^"]*)"|'([^']*)'|([^\s>]+))""", re.IGNORECASE)
#: A URL written as plain text (``https://...`` or ``www....``), up to the first space, bracket or quote.
BARE_URL = re.compile(r"(?<![\w/])(?:https?://|www\.)[^\s<>()\[\]{}\"'`|]+", re.IGNORECASE)


def plain(atoms: Sequence[Atom], start: int = 0, end: int | None = None, hard: str = " ") -> str:
    """The atoms' text, line breaks as spaces (forced breaks as ``hard``)."""
    return "".join((hard if a.hard else " ") if a.kind == "break" else a.text for a in atoms[start:end])


def to_atoms(inlines: Sequence[Any], hint: str | None = None) -> tuple[list[Atom], list[LinkRef]]:
    """Flatten inline markdown runs (an item's paragraphs, or one cell) into atoms and links.

    ``inlines`` are :class:`~awesome_parse.markdown.Inline` s; a new paragraph is a hard break.
    """
    atoms: list[Atom] = []
    links: list[LinkRef] = []
    for n, inline in enumerate(inlines):
        if n:
            atoms.append(Atom("break", "\n", inline.line, hard=True, hint=hint))
        _walk(inline.children, inline.line, atoms, links, hint)
    _find_bare_urls(atoms, links)
    label_links(atoms, links)
    return atoms, links


def _walk(children: list[Any], line: int, atoms: list[Atom], links: list[LinkRef], hint: str | None) -> None:
    strong = em = u = 0
    link_stack: list[int] = []
    for tok in children:
        t = tok.type
        cur_link = link_stack[-1] if link_stack else -1
        if t in ("text", "text_special"):
            if tok.content:
                prev = atoms[-1] if atoms else None
                if (
                    prev is not None
                    and prev.kind == "text"
                    and prev.link == cur_link
                    and prev.strong == bool(strong)
                    and prev.em == bool(em)
                    and prev.u == bool(u)
                ):
                    prev.text += tok.content
                else:
                    atoms.append(Atom("text", tok.content, line, bool(strong), bool(em), cur_link, bool(u), hint=hint))
        elif t == "code_inline":
            atoms.append(Atom("code", tok.content, line, bool(strong), bool(em), cur_link, bool(u), hint=hint))
        elif t in ("softbreak", "hardbreak"):
            line += 1
            atoms.append(Atom("break", "\n", line, link=cur_link, hard=t == "hardbreak", hint=hint))
        elif t == "strong_open":
            strong += 1
        elif t == "strong_close":
            strong = max(0, strong - 1)
        elif t == "em_open":
            em += 1
        elif t == "em_close":
            em = max(0, em - 1)
        elif t == "link_open":
            href = str(tok.attrs.get("href") or "")
            links.append(LinkRef(href, line))
            link_stack.append(len(links) - 1)
        elif t == "link_close":
            if link_stack:
                idx = link_stack.pop()
                if not any(a.link == idx and a.text.strip() for a in atoms[-8:]):
                    # a badge image; one that links the paper or the code is still that link
                    url = links[idx].url
                    links[idx].image_only = not is_paper_url(url) and classify_url(url) != "code"
        elif t == "html_inline":
            m = _TAG.match(tok.content.strip())
            if not m:
                continue
            closing, name = m.group(1), m.group(2).lower()
            if name == "br":
                atoms.append(Atom("break", "\n", line, link=cur_link, hard=True, hint=hint))
            elif name in ("b", "strong"):
                strong = max(0, strong - 1) if closing else strong + 1
            elif name in ("i", "em"):
                em = max(0, em - 1) if closing else em + 1
            elif name in ("u", "ins"):
                u = max(0, u - 1) if closing else u + 1
            elif name == "a":
                if closing:
                    if link_stack:
                        link_stack.pop()
                else:
                    hm = _HREF.search(m.group(3))
                    if hm:
                        href = next(g for g in hm.groups() if g is not None)
                        links.append(LinkRef(href.strip(), line))
                        link_stack.append(len(links) - 1)
                    else:
                        link_stack.append(-1)


def join(
    parts: Sequence[tuple[Sequence[Atom], Sequence[LinkRef]]], hint: str | None = None
) -> tuple[list[Atom], list[LinkRef]]:
    """Concatenate atom sequences (a heading and its paragraphs, a row's cells) into one unit's.

    A hard break separates the parts and link indices are renumbered.  ``hint``,
    when given, is set on atoms that have none.

    >>> a, links = join([([Atom("text", "T", 1, link=0)], [LinkRef("u", 1)]), ([Atom("text", "X", 2, link=0)], [LinkRef("v", 2)])])
    >>> [(x.kind, x.link) for x in a], [lk.url for lk in links]
    ([('text', 0), ('break', -1), ('text', 1)], ['u', 'v'])
    """
    atoms: list[Atom] = []
    links: list[LinkRef] = []
    for part_atoms, part_links in parts:
        if not part_atoms and not part_links:
            continue
        offset = len(links)
        if atoms:
            first = part_atoms[0].line if part_atoms else atoms[-1].line
            atoms.append(Atom("break", "\n", first, hard=True, hint=hint))
        for a in part_atoms:
            b = a.but(link=a.link + offset if a.link >= 0 else -1)
            if hint is not None and b.hint is None:
                b.hint = hint
            atoms.append(b)
        links.extend(part_links)
    return atoms, links


def bare_urls(text: str) -> list[str]:
    """The URLs written as plain text in ``text``, as links read them (``www.`` gets ``https://``).

    >>> bare_urls("see https://arxiv.org/abs/2401.00001. and www.example.org")
    ['https://arxiv.org/abs/2401.00001', 'https://www.example.org']
    """
    if "http" not in text and "www." not in text:
        return []
    out = []
    for m in BARE_URL.finditer(text):
        url = m.group(0).rstrip(".,;:!?")
        out.append("https://" + url if url.lower().startswith("www.") else url)
    return out


def label_links(atoms: Sequence[Atom], links: Sequence[LinkRef]) -> None:
    """Set each link's label (its text), in one pass over the atoms."""
    texts: dict[int, list[str]] = {}
    for a in atoms:
        if a.link >= 0:
            texts.setdefault(a.link, []).append(" " if a.kind == "break" else a.text)
    for idx, link in enumerate(links):
        if not link.bare:
            link.label = squash("".join(texts.get(idx, ())))


def _find_bare_urls(atoms: list[Atom], links: list[LinkRef]) -> None:
    for atom in atoms:
        if atom.kind == "text" and atom.link == -1:
            links.extend(LinkRef(url, atom.line, "", bare=True) for url in bare_urls(atom.text))


# ---------------------------------------------------------------- HTML

_STYLE = {"b": "strong", "strong": "strong", "i": "em", "em": "em", "u": "u", "ins": "u"}
#: Elements whose content is no part of an entry's text (nested lists are entries of their own).
_SKIP = frozenset({"script", "style", "ul", "ol", "img", "svg"})


def html_atoms(
    el: Any, first: int, *, hint: str | None = None, skip: frozenset[str] = _SKIP
) -> tuple[list[Atom], list[LinkRef]]:
    """Flatten one lxml element's content into atoms and links, iteratively (no recursion limit).

    ``first`` is the file line of the element's region: an element's line is
    ``first + sourceline - 1``.  Elements named in ``skip`` are left out (their
    tails are kept).

    >>> from lxml import etree
    >>> el = etree.fromstring('<li><a href="https://arxiv.org/abs/2212.14052">H3</a> <i>Dan Fu</i></li>')
    >>> atoms, links = html_atoms(el, 10)
    >>> [(a.text, a.em, a.link, a.line) for a in atoms], links[0].label
    ([('H3', False, 0, 10), (' ', False, -1, 10), ('Dan Fu', True, -1, 10)], 'H3')
    """
    atoms: list[Atom] = []
    links: list[LinkRef] = []
    style = {"strong": 0, "em": 0, "u": 0}
    # stack entries: (element, entering?, link index, style key to release)
    stack: list[tuple[Any, bool, int, str | None]] = [(el, True, -1, None)]
    while stack:
        node, entering, cur_link, release = stack.pop()
        if not entering:
            if release:
                style[release] -= 1
            if node is not el and node.tail:
                _html_text(atoms, node.tail, first + (node.sourceline or 1) - 1, style, cur_link, hint)
            continue
        tag = node.tag.lower() if isinstance(node.tag, str) else ""
        if node is not el and (tag in skip or not tag):
            if node.tail:
                _html_text(atoms, node.tail, first + (node.sourceline or 1) - 1, style, cur_link, hint)
            continue
        line = first + (node.sourceline or 1) - 1
        own_link = cur_link
        if tag == "a" and node.get("href"):
            links.append(LinkRef(node.get("href").strip(), line))
            own_link = len(links) - 1
        if tag == "br":
            atoms.append(Atom("break", "\n", line, link=own_link, hard=True, hint=hint))
        elif tag == "code" and node is not el:
            atoms.append(Atom("code", "".join(node.itertext()), line, link=own_link, hint=hint))
            if node.tail:
                _html_text(atoms, node.tail, line, style, cur_link, hint)
            continue
        key = _STYLE.get(tag)
        if key:
            style[key] += 1
        stack.append((node, False, cur_link, key))
        for child in reversed(list(node)):
            stack.append((child, True, own_link, None))
        if node.text:
            _html_text(atoms, node.text, line, style, own_link, hint)
    label_links(atoms, links)
    for ref in links:
        ref.image_only = not ref.label and not is_paper_url(ref.url)
    return atoms, links


def _html_text(atoms: list[Atom], text: str, line: int, style: dict[str, int], link: int, hint: str | None) -> None:
    text = " ".join(text.split("\n"))
    if not text:
        return
    flags = (style["strong"] > 0, style["em"] > 0, style["u"] > 0)
    prev = atoms[-1] if atoms else None
    if (
        prev is not None
        and prev.kind == "text"
        and prev.link == link
        and (prev.strong, prev.em, prev.u) == flags
        and prev.hint == hint
    ):
        prev.text += text
    else:
        atoms.append(Atom("text", text, line, flags[0], flags[1], link, flags[2], hint=hint))
