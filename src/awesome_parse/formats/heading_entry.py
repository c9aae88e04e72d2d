"""One paper per heading: the heading is the title, the paper's links sit in the text below it.

Shapes handled::

    ### Attention Is All You Need
    Ashish Vaswani, Noam Shazeer. NeurIPS 2017.
    [paper](https://arxiv.org/abs/1706.03762) | [code](https://github.com/tensorflow/tensor2tensor)

    #### [Denoising Diffusion Probabilistic Models](https://arxiv.org/abs/2006.11239)
    - Code: [official](https://github.com/hojonathanho/diffusion)

A section is read this way only when it is a leaf (no deeper heading follows it
directly), holds no table and no list of linked entries, and links one paper
(at most two distinct paper links, as ``[paper]`` plus ``[pdf]``) in its heading
or in short paragraphs; a heading that does not read like a title (``GPT-3``)
is kept as the entry's alias.  Text around the links is read as a citation
(authors, venue, year: :mod:`awesome_parse.formats._citation`); key-value bullets
(``- Code: ...``) are the entry's fields; longer prose is its summary.

>>> from awesome_parse.api import parse_text
>>> text = "# List\\n## Papers\\n### Attention Is All You Need\\n[paper](https://arxiv.org/abs/1706.03762)\\n"
>>> p = parse_text(text).papers[0]
>>> p.title, p.arxiv_id, p.source.line
('Attention Is All You Need', '1706.03762', 3)
"""

from __future__ import annotations

import weakref
from collections.abc import Iterator

import attrs

from .. import html as html_mod
from .._text import squash, strip_symbols, word_count
from ..arxiv import ArxivId, InvalidArxivId
from ..context import Detection, ParseContext
from ..errors import Diagnostic
from ..grammar import Shape, Unit, read
from ..grammar.atoms import Atom, LinkRef, is_external, join, to_atoms
from ..links import is_paper_url
from ..markdown import CodeBlock, Document, HtmlBlock, ListBlock, Paragraph, PipeTable, Section
from ..model import RawEntry, RawLink, Skipped, Span
from ._lists import ENTRY_KEYS, _after_colon, _external, _kv_key, _KvEntry, kv_lines, paragraph_entry

__all__ = ["HeadingEntry"]

#: Most words of text around the paper link for the paragraph to be an entry's body, not prose.
MAX_CITATION_WORDS = 60
#: Most distinct paper links one heading entry may have (``[paper]`` plus ``[pdf]``).
MAX_PAPER_LINKS = 2


@attrs.define
class _Plan:
    """What one heading section holds, gathered once for detection and parsing."""

    heading_atoms: list[Atom]
    heading_links: list[LinkRef]
    paragraphs: list[tuple[list[Atom], list[LinkRef]]]
    kv_items: list[tuple[str, list[Atom], list[LinkRef], int]]
    prose: list[str]
    end_line: int


# Headings of a README's own parts, never a paper's name (the list's own survey is linked under them).
_NOT_PAPERS = frozenset(
    {"citation", "citations", "cite", "cite us", "how to cite", "bibtex", "reference", "references", "license"}
    | {"acknowledgement", "acknowledgements", "acknowledgment", "acknowledgments", "contributing", "contact"}
    | {"introduction", "overview", "about", "news", "updates", "star history", "引用", "致谢", "简介", "介绍"}
)


def _paper_key(url: str) -> str:
    """What makes two links the same paper: the arXiv id, else the URL (an invalid arXiv id is
    reported by the normalizer, AP101, and counts here as its URL)."""
    try:
        found = ArxivId.from_url(url)
    except InvalidArxivId:
        found = None
    return f"arxiv:{found.key}" if found is not None else url.strip().lower().rstrip("/")


#: Per document, each section's (by identity) next section level, None for the last:
#: built once, so asking every section whether it is a leaf is linear in the sections.
_NEXT_LEVEL: weakref.WeakKeyDictionary[Document, dict[int, int | None]] = weakref.WeakKeyDictionary()


def _is_leaf(section: Section, context: ParseContext) -> bool:
    """No deeper heading follows ``section`` directly."""
    document = context.document
    following = _NEXT_LEVEL.get(document)
    if following is None:
        sections = document.sections
        following = {id(s): (sections[k + 1].level if k + 1 < len(sections) else None) for k, s in enumerate(sections)}
        _NEXT_LEVEL[document] = following
    if id(section) not in following:
        return False
    level = following[id(section)]
    return level is None or level <= section.level


def _plan(section: Section, context: ParseContext) -> _Plan | str:
    """The section's parts, or why it is no heading entry."""
    if section.heading_inline is None or section.level < 2:
        return "no markdown heading below the document title"
    if strip_symbols(section.heading or "").strip(" :").casefold() in _NOT_PAPERS:
        return "a heading of the README's own parts"
    plan = _Plan(*to_atoms([section.heading_inline]), [], [], [], section.end_line)
    keyed = False  # the body names its paper with a key ("**Links:** [Paper](url)")
    for block in section.blocks:
        if isinstance(block, (PipeTable, html_mod.HtmlTable)):
            return "the section holds a table"
        if isinstance(block, (CodeBlock, HtmlBlock)) or getattr(block, "in_quote", False):
            continue
        if isinstance(block, Paragraph):
            atoms, links = to_atoms([block.inline])
            lines = kv_lines(atoms)
            if lines is not None and any(role in ENTRY_KEYS for role, _l in lines):
                keyed = True
                # "**Authors:** ...<br>**Venue:** ...<br>**Links:** [Paper](url)"
                for role, line_atoms in lines:
                    used = {a.link for a in line_atoms if a.link >= 0}
                    line_links = [lk if k in used else attrs.evolve(lk, url="") for k, lk in enumerate(links)]
                    if role in ENTRY_KEYS:
                        plan.paragraphs.append((_after_colon(line_atoms, line_links)[0], line_links))
                    else:
                        plan.kv_items.append((role, line_atoms, line_links, line_atoms[0].line))
                continue
            if any(is_paper_url(lk.url) for lk in _external(links)):
                if paragraph_entry("heading-entry", None, (), block.inline, block.end_line) is not None:
                    return "a paragraph below is a citation of its own"
                words = word_count(squash("".join(a.text for a in atoms if a.link < 0 and a.kind == "text")))
                if words > MAX_CITATION_WORDS:
                    return "the paper link sits in prose"
                plan.paragraphs.append((atoms, links))
            elif atoms:
                text = squash(block.inline.text)
                if text:
                    plan.prose.append(text)
        elif isinstance(block, ListBlock):
            for item in block.items:
                atoms, links = to_atoms(item.paragraphs) if item.paragraphs else ([], [])
                kv = _kv_key(item.paragraphs[0].text) if item.paragraphs else None
                if kv is not None and kv[0] not in ENTRY_KEYS:
                    plan.kv_items.append((kv[0], atoms, links, item.line))
                elif any(is_paper_url(lk.url) for lk in _external(links)) or item.sublists:
                    return "the section holds a list of linked entries"
                elif atoms:
                    plan.prose.append(squash(" ".join(p.text for p in item.paragraphs)))
    papers = {
        _paper_key(lk.url)
        for links in [plan.heading_links, *(links for _a, links in plan.paragraphs)]
        for lk in _external(links)
        if is_paper_url(lk.url)
    }
    papers |= {
        _paper_key(lk.url) for _r, _a, links, _l in plan.kv_items for lk in _external(links) if is_paper_url(lk.url)
    }
    if not papers:
        return "no paper link under the heading"
    if len(papers) > MAX_PAPER_LINKS:
        return f"{len(papers)} different papers linked: a topic, not one paper"
    if not keyed and not _is_leaf(section, context):
        return "deeper headings follow: a topic heading"
    return plan


class HeadingEntry:
    """Parser for papers written as a heading plus their links (``heading-entry``)."""

    name = "heading-entry"

    def detect(self, section: Section, context: ParseContext) -> Detection:
        plan = _plan(section, context)
        if isinstance(plan, str):
            return Detection(self.name, 0.0, plan)
        return Detection(self.name, 0.6, "a leaf heading with one paper linked below it")

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]:
        plan = _plan(section, context)
        if isinstance(plan, str) or section.heading_line is None:
            return
        yield _entry(self.name, context.path, section, plan)


def _entry(fmt: str, path: str | None, section: Section, plan: _Plan) -> RawEntry:
    """The heading and its body read as one unit by the grammar: the heading holds the title
    (after an item number and a bracketed venue: ``### 12. [CVPR '24] Title``), the body the
    authors (``**Authors**: A, B`` or a bare name line), the links and the summary."""
    line = section.heading_line or section.line
    parts: list[tuple[list[Atom], list[LinkRef]]] = [(_hinted(plan.heading_atoms, "heading"), plan.heading_links)]
    parts.extend(plan.paragraphs)
    parts.extend((atoms, links) for _role, atoms, links, _line in plan.kv_items)
    parts.extend(([Atom("text", text, line)], []) for text in plan.prose)
    atoms, links = join(parts)
    reading = read(Unit(Shape.HEADING, atoms, links, line, max(line, plan.end_line)))
    fields = reading.fields()
    if reading.title is None and not reading.aliases:
        alias = strip_symbols(section.heading or "").strip()
        if alias:
            fields.insert(0, ("alias", alias))  # a nickname heading ("GPT-3")
    raw_links = [
        RawLink(
            lk.url.strip(), lk.label or None, "title" if k == reading.title_link else reading.link_roles.get(k), lk.line
        )
        for k, lk in enumerate(links)
        if is_external(lk)
    ]
    kv = _KvEntry(line, plan.end_line)
    for role, kv_atoms, kv_links, item_line in plan.kv_items:
        if role in ("code", "project", "video"):
            value_atoms, value_links = _after_colon(kv_atoms, kv_links)
            kv.add(role, "", value_atoms, value_links, item_line)
    hinted = {lk.url for lk in kv.links}
    raw_links = [
        attrs.evolve(rl, hint=rl.hint or next((h.hint for h in kv.links if h.url == rl.url), None))
        if rl.url in hinted
        else rl
        for rl in raw_links
    ]
    return RawEntry(
        format=fmt,
        span=Span(path, line, max(line, plan.end_line)),
        section=section.heading_path[:-1],
        fields=fields,
        links=raw_links,
        shape=Shape.HEADING,
        rules=reading.rules,
    )


def _hinted(atoms: list[Atom], hint: str) -> list[Atom]:
    return [a.but(hint=hint) for a in atoms]
