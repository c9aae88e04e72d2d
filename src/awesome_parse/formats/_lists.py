"""Entries from list items, shared by the bullet and numbered formats.

The marker (``-`` or ``1.``) says little about an entry's shape: citation
entries appear in bullet lists and link lists in numbered ones.  So both list
formats read items with the same rules:

``key_value``
    items of the form ``**Key**: value`` (``Paper``, ``year``, ``Code``,
    ``summary/reason to read``...) group into one entry per ``Paper``/``blog``
    key; a heading that holds exactly one such entry names it (its alias).
``sub_bullets``
    an entry's nested items that are key-values (``Code: [Official](url)``,
    ``Keywords: ...``) belong to it; nested items that are entries themselves are
    entries; nested prose is the entry's summary.
``entry_like``
    an item is an entry when it links a paper (arXiv, DOI, publisher, PDF), or
    has a citation shape (a bold or quoted title with authors, venue or year), or
    sits in a list whose items mostly are entries.  Items that only link code,
    tools or other lists are reported as skipped with the reason; items linking
    only to anchors in the same file (tables of contents) are not entries at all.
"""

from __future__ import annotations

import bisect
import itertools
import re
from collections.abc import Iterable, Iterator

import attrs

from .._text import squash, word_count
from ..arxiv import find_ids
from ..grammar import Reading, Shape, read_atoms, reads_as_citation
from ..grammar.atoms import Atom, LinkRef, bare_urls, is_external, to_atoms
from ..grammar.atoms import plain as _plain
from ..grammar.text import is_name_list, read_tail
from ..links import classify, classify_url, is_generic_label, is_paper_url
from ..markdown import Inline, ListBlock, ListItem
from ..model import RawEntry, RawLink, Skipped, SkipReason, Span
from ..patterns import QUOTED, YEAR
from ..vocab import ROLES

__all__ = ["citations_without_links", "list_entries", "paragraph_entry"]

# Each whitespace run has exactly one place to go (no ``\s*[*_]{0,2}\s*``): linear time on any line.
_KV = re.compile(
    r"^\s*(?:[*_]{1,2}\s*)?([^:：*_\n\[\]()]{1,40}?)\s*(?:[*_]{1,2}\s*)?[:：]{1,2}(?!//)\s*(.*)$", re.DOTALL
)
#: The keys that start an entry: its title or link, its PDF, or a blog post (a non-paper entry).
ENTRY_KEYS = ("title", "link", "pdf", "blog")


def _kv_key(text: str) -> tuple[str, str] | None:
    """``(role, value text)`` when ``text`` is ``Key: value`` with a known key."""
    m = _KV.match(text)
    if not m:
        return None
    key = squash(m.group(1)).casefold().strip()
    role = ROLES.get(key)
    if role is None and "/" in key:
        role = next((ROLES[k.strip()] for k in key.split("/") if k.strip() in ROLES), None)
    if role is None:
        return None
    return role, m.group(2)


def _external(links: list[LinkRef]) -> list[LinkRef]:
    """The links that leave the file (no anchors, no image-only badges)."""
    return [lk for lk in links if is_external(lk)]


def _is_url_text(text: str) -> bool:
    return text.strip().lower().startswith(("http://", "https://", "www.", "arxiv.org/"))


def _raw_links(
    links: list[LinkRef], title_link: int, hint: str | None = None, roles: dict[int, str] | None = None
) -> list[RawLink]:
    """The entry's links; ``roles`` are those the grammar gave (an author's page, a code column)."""
    out = []
    for idx, lk in enumerate(links):
        if not lk.url.strip() or lk.url.startswith("#") or lk.image_only:
            continue
        role = "title" if idx == title_link else (roles or {}).get(idx, hint)
        out.append(RawLink(lk.url.strip(), lk.label or None, role, lk.line))
    return out


class _KvEntry:
    """A key-value entry being assembled from consecutive items."""

    def __init__(self, line: int, end_line: int) -> None:
        self.line = line
        self.end_line = end_line
        self.fields: list[tuple[str, str]] = []
        self.links: list[RawLink] = []
        self.rules: dict[str, str] = {}

    def add(self, role: str, value_text: str, atoms: list[Atom], links: list[LinkRef], line: int) -> None:
        self.end_line = max(self.end_line, line)
        ext = _external(links)
        if role in ENTRY_KEYS:
            if role == "blog":
                self.fields.append(("kind", "non-paper"))
            label = next((lk.label for lk in ext if not lk.bare), "")
            if label and not _is_url_text(label) and not is_generic_label(label):
                self.fields.append(("title", label))
            elif not ext and value_text.strip() and not _is_url_text(value_text):
                self.fields.append(("title", squash(value_text)))
            if ext:
                first = ext[0]
                self.links.append(RawLink(first.url.strip(), first.label or None, "title", first.line))
                self.links.extend(RawLink(lk.url.strip(), lk.label or None, None, lk.line) for lk in ext[1:])
            return
        hint = role if role in ("code", "project", "video") else None
        for lk in ext:
            self.links.append(
                RawLink(lk.url.strip(), lk.label or None, hint or ("blog" if role == "summary" else None), lk.line)
            )
        if role in ("code", "project", "video"):
            return
        value = squash(value_text)
        if not value:
            return
        if role == "tags":
            self.fields.extend(("tags", t.strip()) for t in re.split(r"[,，;；、]", value) if t.strip())
            return
        # the value is read by the grammar, its key's role as the hint: a venue key's "ICLR 2024, Sep 2023"
        # is read as a venue column is (venue, date), an authors key's text is the authors
        reading = read_atoms([a.but(hint=role) for a in atoms], links, shape=Shape.KEY_VALUE)
        found = [(r, v) for r, v in reading.fields() if r != "title"]
        if not found:
            return
        self.fields.extend(found)
        for r, _v in found:
            self.rules.setdefault(r, reading.rules.get(r, "hints"))

    def entry(self, fmt: str, path: str | None, section: tuple[str, ...]) -> RawEntry:
        return RawEntry(
            format=fmt,
            span=Span(path, self.line, self.end_line),
            section=section,
            fields=self.fields,
            links=self.links,
            shape=Shape.KEY_VALUE,
            rules={role: self.rules.get(role, "key_value_items") for role, _value in self.fields},
        )


_ENTRY_MARKS = ("http", "www.", "**", "__", "<", "*", "](", "][", "arxiv", "arXiv", "ArXiv")


def _may_be_entry(item: ListItem, top: bool = True) -> bool:
    """Cheap test on the raw markdown: an item with no link, no emphasis and no HTML, and no
    nested list, is prose (and one linking only to anchors in the file is a table of contents).
    An item of a top-level list may also read as a citation without a link; a nested one is the
    citation of its parent item, read with it."""
    if item.sublists:
        return True
    for p in item.paragraphs:
        content = p.content
        if "](#" in content and "http" not in content and "www." not in content and "**" not in content:
            continue
        if any(mark in content for mark in _ENTRY_MARKS) or _PLAIN_CITATION.search(content):
            return True
    return top and _cites_without_link(item)


#: An item longer than this is prose, never asked whether it reads as a citation.
_CITATION_CHARS = 600


def _cites_without_link(item: ListItem) -> bool:
    """The grammar, asked silently: an item without links that reads as a citation (title, authors,
    and a year or venue), so a list of citations without links is read and its entries reported."""
    content = " ".join(p.content for p in item.paragraphs)
    if not content or len(content) > _CITATION_CHARS or not YEAR.search(content):
        return False
    atoms, links = _item_atoms(item)
    return not links and reads_as_citation(read_atoms(atoms, links))


def citations_without_links(blocks: list[ListBlock], limit: int = 20) -> tuple[int, int]:
    """``(citations, items)``: of the first ``limit`` items of ``blocks``, how many the grammar reads
    as citations though they link nowhere (what detection asks of lists without links).

    >>> from awesome_parse.markdown import build_document
    >>> doc = build_document("- Ines Varga. 2020. Multilingual Probing of Tiny Encoders. In Proceedings of ACL.\\n- Some prose.\\n")
    >>> citations_without_links([b for b in doc.sections[0].blocks if isinstance(b, ListBlock)])
    (1, 2)
    """
    items = [it for b in blocks for it in b.items][:limit]
    return sum(1 for it in items if not it.sublists and _cites_without_link(it)), len(items)


#: A year next to a name (``(2016, J. Redmon et al.)``, ``(2015), O. Vinyals``): a citation written without a link.
_PLAIN_CITATION = re.compile(
    r"(?<!\d)(?:19|20)\d\d\)?[,.;]?\s+(?:[A-Z]\.\s?)+[A-Z][a-z]|\bet al\b.{0,40}(?<!\d)(?:19|20)\d\d(?!\d)"
    r"|(?<!\d)(?:19|20)\d\d(?!\d).{0,40}\bet al\b"
)


def _item_atoms(item: ListItem) -> tuple[list[Atom], list[LinkRef]]:
    if not item.paragraphs:
        return [], []
    atoms, links = to_atoms(item.paragraphs)
    for k, atom in enumerate(atoms[:2]):
        if atom.kind == "text" and atom.link < 0 and atom.text.strip():
            box = _TASK_BOX.match(atom.text)
            if box:  # a task list's "[ ]" / "[x]", or a reference number "[1]", is no part of the entry
                atoms[k] = atom.but(text=atom.text[box.end() :])
            break
    return atoms, links


_TASK_BOX = re.compile(r"^\s*(?:\[[ xX]\]|[\[(]\d{1,3}[\])])\s+")


def _is_kv_list(block: ListBlock) -> bool:
    keys = [_kv_key(p.text) for it in block.items for p in it.paragraphs[:1]]
    known = [k for k in keys if k is not None]
    return bool(known) and any(k[0] in ENTRY_KEYS for k in known) and len(known) >= 0.6 * len(block.items)


def list_entries(
    fmt: str, path: str | None, heading: tuple[str, ...], block: ListBlock, *, top: bool = True
) -> Iterator[RawEntry | Skipped]:
    """Entries of one list (and its nested lists; ``top`` is False for those)."""
    may = [_may_be_entry(item, top) for item in block.items]
    if not any(may):
        return  # a table of contents or plain prose: nothing to parse
    if _is_kv_list(block):
        yield from _kv_entries(fmt, path, heading, block.items)
        return
    analyzed = [(item, *_item_atoms(item)) for item, ok in zip(block.items, may, strict=True) if ok]
    paperish = sum(1 for _item, _a, links in analyzed if any(is_paper_url(lk.url) for lk in _external(links)))
    mostly_papers = paperish >= max(2, 0.5 * len(block.items))
    for item, atoms, links in analyzed:
        yield from _item_entries(fmt, path, heading, item, atoms, links, mostly_papers)


def _kv_entries(
    fmt: str, path: str | None, heading: tuple[str, ...], items: list[ListItem]
) -> Iterator[RawEntry | Skipped]:
    current: _KvEntry | None = None
    # keys written before the first paper key ("著者: ...", then "論文: url") belong to its entry
    pending: list[tuple[str, str, list[Atom], list[LinkRef], int]] = []
    started = False
    for item in items:
        atoms, links = _item_atoms(item)
        one_item = _kv_lines(item, atoms, links)
        if one_item is not None:
            if current is not None:
                yield current.entry(fmt, path, heading)
                current = None
            yield one_item.entry(fmt, path, heading)
            continue
        kv = _kv_key(_plain(atoms)) if atoms else None
        if kv is None:
            continue
        role, _value = kv
        value_atoms, value_links = _after_colon(atoms, links)
        value_text = _plain(value_atoms)
        if role in ENTRY_KEYS:
            if current is not None:
                yield current.entry(fmt, path, heading)
            current = _KvEntry(item.line, item.end_line)
            current.add(role, value_text, value_atoms, value_links, item.line)
            if not started:
                for args in pending:
                    current.add(*args)
            started = True
        elif current is None:
            if not started:
                pending.append((role, value_text, value_atoms, value_links, item.line))
            continue
        else:
            current.add(role, value_text, value_atoms, value_links, item.line)
        for sub in item.sublists:
            for sub_item in sub.items:
                sub_atoms, sub_links = _item_atoms(sub_item)
                sub_kv = _kv_key(_plain(sub_atoms)) if sub_atoms else None
                if sub_kv is not None and sub_kv[0] not in ENTRY_KEYS:
                    va, vl = _after_colon(sub_atoms, sub_links)
                    current.add(sub_kv[0], _plain(va), va, vl, sub_item.line)
    if current is not None:
        yield current.entry(fmt, path, heading)


def kv_lines(atoms: list[Atom]) -> list[tuple[str, list[Atom]]] | None:
    """``(role, atoms)`` per line when every line of ``atoms`` is ``Key: value`` with a known key.

    Two lines at least (``**Authors:** ...<br>**Links:** [Paper](url)``); else ``None``.
    """
    if not any(a.kind == "break" for a in atoms):
        return None
    lines: list[list[Atom]] = [[]]
    for a in atoms:
        if a.kind == "break" and a.link < 0:
            lines.append([])
        else:
            lines[-1].append(a)
    lines = [line for line in lines if _plain(line).strip()]
    out: list[tuple[str, list[Atom]]] = []
    for line in lines:
        key = _kv_key(_plain(line).strip())
        if key is None:
            return None
        out.append((key[0], line))
    return out if len(out) >= 2 else None


def _kv_lines(item: ListItem, atoms: list[Atom], links: list[LinkRef]) -> _KvEntry | None:
    """An item written as ``Key: value`` lines, one naming the paper; else ``None``."""
    found = kv_lines(atoms)
    if found is None or not any(role in ENTRY_KEYS for role, _line in found):
        return None
    entry = _KvEntry(item.line, item.end_line)
    bare_at: dict[str, list[int]] = {}
    for idx, lk in enumerate(links):
        if lk.bare:
            bare_at.setdefault(lk.url, []).append(idx)
    for role, line in sorted(found, key=lambda rl: rl[0] not in ENTRY_KEYS):
        # each line's own bare URLs (found in its text), so the cost follows the line
        own = [i for url in bare_urls(_plain(line)) for i in bare_at.get(url, ())]
        va, vl = _after_colon(line, links, own)
        entry.add(role, _plain(va), va, vl, line[0].line)
    return entry


def _after_colon(
    atoms: list[Atom], links: list[LinkRef], bare: Iterable[int] | None = None
) -> tuple[list[Atom], list[LinkRef]]:
    """The atoms of a key-value item after its key and colon, and the links they hold.

    ``bare``: which of the bare-URL links belong to these atoms (default: all of them).
    """
    out: list[Atom] = []
    found = False
    for a in atoms:
        if found:
            out.append(a)
            continue
        if a.link < 0 and a.kind == "text" and (":" in a.text or "：" in a.text):
            cut = min(i for i in (a.text.find(":"), a.text.find("：")) if i >= 0)
            rest = a.text[cut + 1 :].lstrip(":：")
            found = True
            if rest:
                out.append(Atom(a.kind, rest, a.line, a.strong, a.em, a.link, a.u))
    used = {a.link for a in out if a.link >= 0}
    if bare is None:
        used |= {idx for idx, lk in enumerate(links) if lk.bare}
    else:
        used |= set(bare)
    return out, [links[idx] for idx in sorted(used)]


def _item_entries(
    fmt: str,
    path: str | None,
    heading: tuple[str, ...],
    item: ListItem,
    atoms: list[Atom],
    links: list[LinkRef],
    mostly_papers: bool,
    segment_only: bool = False,
) -> Iterator[RawEntry | Skipped]:
    if not item.sublists and not segment_only:
        segments = _citation_segments(atoms, links)
        if len(segments) > 1:
            # several citations in one item: "A" [[paper](a)] "B" [[paper](b)] are two entries
            for segment in segments:
                yield from _item_entries(fmt, path, heading, item, segment, links, mostly_papers, True)
            return
    if segment_only:
        # this citation's own links only, renumbered (the cost follows the segment, not the item)
        order = sorted({a.link for a in atoms if a.link >= 0})
        renumber = {old: new for new, old in enumerate(order)}
        atoms = [a.but(link=renumber[a.link]) if a.link >= 0 else a for a in atoms]
        links = [links[k] for k in order]
    ext = _external(links)
    sub_kv: list[tuple[str, ListItem]] = []
    sub_blocks: list[ListBlock] = []
    sub_notes: list[str] = []
    note_links: list[RawLink] = []
    for sub in item.sublists:
        firsts = [it.paragraphs[0].text if it.paragraphs else "" for it in sub.items]
        kvs = [(_kv_key(text), it) for text, it in zip(firsts, sub.items, strict=True)]
        keyed = [(k[0], it) for k, it in kvs if k is not None]
        notes = [(text, it) for (k, it), text in zip(kvs, firsts, strict=True) if k is None and _note_line(text, it)]
        if (keyed or notes) and 2 * (len(keyed) + len(notes)) >= len(kvs):
            # "- Publisher: ICLR 2024" / "- Code: [official](url)": keyed lines, perhaps beside an author
            # line; a key the vocabulary does not know ("- ExpEnv: Atari") is a note
            sub_kv.extend(keyed)
            sub_notes.extend(squash(text) for text, _it in notes)
            noted = {id(it) for _text, it in notes}
            note_links.extend(
                RawLink(lk.url.strip(), lk.label or None, None, lk.line)
                for _text, it in notes
                for lk in _external(_item_atoms(it)[1])
            )
            rest = [it for k, it in kvs if k is None and id(it) not in noted]
            if rest:
                sub_blocks.append(attrs.evolve(sub, items=rest))
        else:
            sub_blocks.append(sub)
    kv_paper = [it for role, it in sub_kv if role in ENTRY_KEYS]
    one_item = _kv_lines(item, atoms, links)
    if one_item is not None:
        # "- **Title:** ...<br>**Authors:** ...<br>**Link:** url": one key per line of one item
        for role, sub_item in sub_kv:
            va, vl = _after_colon(*_item_atoms(sub_item))
            one_item.add(role, _plain(va), va, vl, sub_item.line)
        yield one_item.entry(fmt, path, heading)
        return
    if not atoms and not sub_kv:
        for sub in sub_blocks:
            yield from list_entries(fmt, path, heading, sub)
        return
    parts = read_atoms(atoms, links)
    paper_links = [lk for lk in ext if is_paper_url(lk.url)]
    if paper_links and sub_blocks and (parts.title is None or parts.title_rule == "text_title"):
        cited = _citation_children(fmt, path, heading, sub_blocks, parts, links, paper_links)
        if cited is not None:
            yield from cited
            return
    # "Title. arXiv:2312.00752" with no link: the written id makes it a paper entry
    text_ids = "" if paper_links else " ".join(str(i.id) for i in find_ids(_plain(atoms)))
    citation_shape = (
        parts.title_rule in ("bold_title", "quoted_title")
        and (
            (parts.authors is not None and (parts.venue is not None or parts.year is not None))
            or (bool(ext) and (parts.authors is not None or parts.venue is not None or parts.date is not None))
            # "1. **Title** OSDI 2018": a marked title and a dated venue cite a paper, linked or not
            or (parts.venue is not None and bool(parts.year or YEAR.search(parts.venue)))
        )
    ) or (
        # "Title. Last, First et al. VENUE 2020." with no link: a whole citation is a paper, its URL unknown
        parts.title_rule in ("italic_title", "text_title", "plain_citation")
        and reads_as_citation(parts)
        and not is_name_list(parts.title or "")  # "Ian Goodfellow, Yoshua Bengio (2016)": names, no title
    )
    # a linked title cited in the text ("[Title](project page), Liu et al., NeurIPS 2020"; "[CVPR 2023]
    # [Title](github)") is a paper wherever its link points
    linked_citation = parts.title_rule == "link_title" and (
        (parts.authors is not None and bool(parts.venue or parts.year or parts.date))
        or (
            parts.venue is not None
            and bool(parts.year or parts.date or YEAR.search(parts.venue))
            and word_count(parts.title or "") >= 2
        )
    )
    entry_like = (
        bool(paper_links) or citation_shape or linked_citation or bool(kv_paper) or bool(text_ids and parts.title)
    )
    if not entry_like and ext and parts.title_rule in ("bold_title", "quoted_title", "link_title"):
        entry_like = mostly_papers and all(classify_url(lk.url) not in ("code",) for lk in ext)
    if not entry_like and ext and parts.title_rule == "text_title" and all(lk.bare for lk in ext):
        # "Title. https://host/paper" among papers: the URL written out is the title's link
        entry_like = mostly_papers and all(classify_url(lk.url) not in ("code",) for lk in ext)
    if not entry_like:
        badges = [lk for lk in links if lk.image_only and lk.url.strip() and not lk.url.startswith("#")]
        if (ext or badges) and (parts.title or parts.aliases):
            kinds = sorted({classify_url(lk.url) for lk in ext or badges})
            yield Skipped(
                Span(path, item.line, item.end_line),
                SkipReason.NO_PAPER_LINK,
                squash(_plain(atoms))[:160],
                fmt,
                detail=f"links: {', '.join(kinds)}",
            )
        elif (
            not ext
            and not badges
            and (reads_as_citation(parts) or ((parts.year or parts.date) and _PLAIN_CITATION.search(_plain(atoms))))
        ):
            # "Title (2016, J. Redmon et al.)": a citation, but nothing to link it to
            yield Skipped(
                Span(path, item.line, item.end_line), SkipReason.CITATION_WITHOUT_LINK, squash(_plain(atoms))[:160], fmt
            )
        below = _sub_bullets(fmt, path, heading, sub_blocks)
        if not below.nested and not ext and parts.title and any(_is_paper_link(lk) for lk in below.links):
            # "- **Title** (Alias)" with "  - [arXiv](url)" below: the sub-bullets hold the entry's links
            # (and perhaps its authors: "  - Sergey Ivanov and Evgeny Burnaev")
            fields = _fields_from_parts(parts)
            read_below = _sub_citation(below.texts, fields, parts)
            fields.extend(read_below)
            if not read_below and below.notes and not any(k == "summary" for k, _ in fields):
                fields.append(("summary", " ".join(below.notes)))
                read_below = [("summary", "")]
            line = parts.title_line or item.line
            yield RawEntry(
                format=fmt,
                span=Span(path, line, max(line, item.end_line)),
                section=heading,
                fields=fields,
                links=below.links,
                shape=Shape.LIST_ITEM,
                rules={**{role: "tail" for role, _ in read_below}, **parts.rules},
            )
            return
        given = _group_label_fields(_plain(atoms)) if not ext else []
        for sub in sub_blocks:
            for x in list_entries(fmt, path, heading, sub, top=False):
                if given and isinstance(x, RawEntry):
                    # "* 2022年收录情况：", "* Alex Graves (2008)" over a list: what its entries lack
                    have = {k for k, _ in x.fields} | ({"year"} if x.get("date") else set())
                    extra = [(k, v) for k, v in given if k not in have]
                    if extra:
                        rules = (*x.rules, *((k, "group_label") for k, _ in extra))
                        x = attrs.evolve(x, fields=(*x.fields, *extra), rules=rules)
                yield x
        return
    fields = _fields_from_parts(parts)
    if text_ids:
        fields.append(("arxiv_text", f"arXiv:{text_ids.split()[0]}"))
    raw_links = _raw_links(links, parts.title_link, roles=parts.link_roles)
    end_line = item.end_line
    summary_parts: list[str] = []
    sub_rules: dict[str, str] = {}
    for role, sub_item in sub_kv:
        va, vl = _after_colon(*_item_atoms(sub_item))
        entry = _KvEntry(item.line, end_line)
        entry.add(role if role not in ENTRY_KEYS else "sublinks", _plain(va), va, vl, sub_item.line)
        if role in ENTRY_KEYS and not paper_links:
            for rl in entry.links[:1]:
                raw_links.insert(0, RawLink(rl.url, rl.label, "title" if parts.title_link < 0 else None, rl.line))
            raw_links.extend(entry.links[1:])
            label = next((lk.label for lk in _external(vl) if not lk.bare), "")
            if label and not is_generic_label(label) and not _is_url_text(label) and parts.title is None:
                fields.insert(0, ("title", label))
        else:
            fields.extend(entry.fields)
            raw_links.extend(entry.links)
            sub_rules.update((role, "hints") for role, _ in entry.fields if role not in sub_rules)
    below = _sub_bullets(fmt, path, heading, sub_blocks)
    nested_entries = below.nested
    known = {lk.url for lk in raw_links}
    for lk in below.links + note_links:
        if lk.url not in known:
            known.add(lk.url)
            raw_links.append(lk)
    read_below = _sub_citation(below.texts, fields, parts)
    if read_below:
        fields.extend(read_below)
        sub_rules.update((role, "tail") for role, _ in read_below if role not in sub_rules)
    elif below.notes:
        summary_parts.append(" ".join(below.notes))
    summary_parts.extend(sub_notes)
    if summary_parts and not any(k == "summary" for k, _ in fields):
        fields.append(("summary", " ".join(summary_parts)))
        sub_rules.setdefault("summary", "tail")
    line = parts.title_line or item.line
    yield RawEntry(
        format=fmt,
        span=Span(path, line, max(line, end_line)),
        section=heading,
        fields=fields,
        links=raw_links,
        shape=Shape.LIST_ITEM,
        rules={**sub_rules, **parts.rules},
    )
    yield from nested_entries


def _note_line(text: str, item: ListItem) -> bool:
    """A ``Key: value`` sub-item whose key the vocabulary does not know and which links to no paper:
    a note about the entry above (``- ExpEnv: [ScanNet](url)``), never an entry (``- **CodeT5**: [Title](url)``)."""
    m = _KV.match(text)
    if m is None or word_count(m.group(1)) > 3:
        return False
    return not any(is_paper_url(lk.url) for lk in _external(_item_atoms(item)[1]))


def _group_label_fields(text: str) -> list[tuple[str, str]]:
    """The year, and the authors, that a short label bullet names for the list below it:
    ``2022年收录情况：``, ``Year 2020``, ``Alex Graves (2008)``; nothing for other text.

    >>> _group_label_fields("2022年收录情况："), _group_label_fields("Alex Graves (2008)")
    ([('year', '2022')], [('year', '2008'), ('authors', 'Alex Graves')])
    >>> _group_label_fields("Attention Is All You Need (2017)"), _group_label_fields("Surveys")
    ([], [])
    """
    text = squash(text).strip(" :：.-–—*")
    years = YEAR.findall(text)
    rest = squash(YEAR.sub(" ", text)).strip(" ()[],:：.-–—")
    if len(years) != 1 or len(text) > 40 or any(ch.isdigit() for ch in rest):
        return []
    if rest and is_name_list(rest):
        return [("year", years[0]), ("authors", rest)]
    if word_count(rest) > 2:
        return []
    return [("year", years[0])]


def _is_paper_link(link: RawLink) -> bool:
    """A paper's link by its host (arXiv, a publisher) or by its label (``[[Paper]](url)``, ``[PDF](url)``)."""
    return is_paper_url(link.url) or classify(link.url, link.label) in ("paper", "pdf")


@attrs.define
class _Below:
    """What the sub-lists under an entry hold: entries of their own, else the entry's links and texts."""

    nested: list[RawEntry | Skipped] = attrs.Factory(list)
    links: list[RawLink] = attrs.Factory(list)
    texts: list[str] = attrs.Factory(list)  # without link texts: what a citation reader reads
    notes: list[str] = attrs.Factory(list)  # with them: what a summary says


def _sub_bullets(fmt: str, path: str | None, heading: tuple[str, ...], sub_blocks: list[ListBlock]) -> _Below:
    """Read the sub-lists under an entry.

    A sub-list with an entry of its own (a titled or nicknamed paper) is a nested list
    of papers.  Otherwise each sub-item belongs to the entry above: its links
    (``- [[Paper]](url)``, ``- [[Code]](url)``) are the entry's, its text (an author
    line, a venue) is read as the entry's citation.
    """
    out = _Below()
    for sub in sub_blocks:
        found = list(list_entries(fmt, path, heading, sub, top=False))
        if any(isinstance(x, RawEntry) and (x.get("title") is not None or x.get("alias") is not None) for x in found):
            out.nested.extend(found)
            continue
        for it in sub.items:
            atoms, own = _item_atoms(it)
            ext = _external(own)
            out.links.extend(RawLink(lk.url.strip(), lk.label or None, None, lk.line) for lk in ext)
            text = squash(_plain([a for a in atoms if a.link < 0])).strip(" []()|·-–—:,;")
            if text:
                out.texts.append(text)
            # as a note the item keeps its link texts too ("resources: [AgentEval](url)"), generic ones aside
            shown = [a for a in atoms if a.link < 0 or not is_generic_label(own[a.link].label)]
            note = squash(_plain(shown)).strip(" []()|·-–—:,;")
            if note:
                out.notes.append(note)
            for deeper in it.sublists:
                out.nested.extend(list_entries(fmt, path, heading, deeper, top=False))
    return out


def _sub_citation(texts: list[str], fields: list[tuple[str, str]], own: Reading) -> list[tuple[str, str]]:
    """The authors, venue and date that sub-bullets give an entry whose own text (``own``) names
    neither: ``- Aviral Kumar, Aurick Zhou`` / ``- NeurIPS 2020``; nothing when they read as prose.
    ``fields`` (the entry's, keyed sub-bullets' included) are not given twice."""
    if not texts or own.authors is not None:
        return []  # the entry's own text cites it; what follows is a note
    tail = read_tail(" · ".join(texts))
    have = {k for k, _ in fields}
    if not (tail.authors or tail.venue) or tail.summary is not None:
        return []
    out = [
        (role, str(getattr(tail, role)))
        for role in ("authors", "venue", "year", "date")
        if getattr(tail, role) and role not in have and not (role == "year" and "date" in have)
    ]
    if out and "affiliation" not in have:
        out.extend(("affiliation", a) for a in tail.affiliations)
    return out


#: The rules that find a citation's title without a link: the sub-items of a labeled link.
_CITATION_TITLES = ("italic_title", "quoted_title", "bold_title", "text_title")


def _citation_children(
    fmt: str,
    path: str | None,
    heading: tuple[str, ...],
    sub_blocks: list[ListBlock],
    parts: Reading,
    links: list[LinkRef],
    paper_links: list[LinkRef],
) -> list[RawEntry | Skipped] | None:
    """A label holding the links, its sub-items the citations: ``* GFRNN [[Paper](url)]`` over
    ``* Junyoung Chung, Yoshua Bengio, *Gated Feedback RNNs*, ICML 2015``.

    Each citation without links of its own is an entry with the label as its alias and
    the label's paper link (paired by position when there are as many links as
    citations, else the first); ``None`` when the sub-items are no such citations.
    """
    children: list[tuple[ListItem, list[Atom], list[LinkRef], Reading]] = []
    for sub in sub_blocks:
        for sub_item in sub.items:
            atoms, own = _item_atoms(sub_item)
            if not atoms or any(is_paper_url(lk.url) for lk in _external(own)):
                return None
            reading = read_atoms(atoms, own)
            if reading.title is None or reading.title_rule not in _CITATION_TITLES or reading.authors is None:
                return None
            children.append((sub_item, atoms, own, reading))
    if not children:
        return None
    paired = len(paper_links) == len(children)
    out: list[RawEntry | Skipped] = []
    for k, (sub_item, _atoms, own, reading) in enumerate(children):
        main = paper_links[k] if paired else paper_links[0]
        raw = [RawLink(main.url.strip(), main.label or None, "title", main.line)]
        raw.extend(
            RawLink(lk.url.strip(), lk.label or None, None, lk.line)
            for lk in _external(links)
            if lk is not main and (not paired or not is_paper_url(lk.url))
        )
        raw.extend(_raw_links(own, -1))
        fields = reading.fields() + [("alias", a) for a in parts.aliases]
        if parts.title is not None:  # the label is plain text: the paper's name again, a nickname or its labs
            fields.extend(_label_fields(parts.title, reading.title))
        line = reading.title_line or sub_item.line
        out.append(
            RawEntry(
                format=fmt,
                span=Span(path, line, max(line, sub_item.end_line)),
                section=heading,
                fields=fields,
                links=raw,
                shape=Shape.LIST_ITEM,
                rules=reading.rules,
            )
        )
    return out


def _label_fields(label: str, title: str | None) -> list[tuple[str, str]]:
    """What a plain label over a citation says: nothing when it repeats the title, the labs when it
    joins names with ``+`` (``Google + NYU``), else the paper's nickname.

    >>> _label_fields("Google + NYU", "Addressing the Rare Word Problem"), _label_fields("NTM", "Neural Turing Machines")
    ([('affiliation', 'Google'), ('affiliation', 'NYU')], [('alias', 'NTM')])
    >>> _label_fields("Pointer networks", "Pointer Networks")
    []
    """
    label = squash(label)
    if title is not None and label.casefold() == squash(title).casefold():
        return []
    if " + " in label:
        return [("affiliation", part.strip()) for part in label.split(" + ") if part.strip()]
    return [("alias", label)]


def _citation_segments(atoms: list[Atom], links: list[LinkRef]) -> list[list[Atom]]:
    """An item's atoms cut before every quoted title that follows another title's paper link.

    One pass over the atoms for the whole item, however many citations it holds.
    """
    plain = _plain(atoms)
    if plain.count('"') + plain.count("“") < 4:
        return [atoms]
    quotes = list(QUOTED.finditer(plain))
    if len(quotes) < 2:
        return [atoms]
    # the plain-text offset where each atom starts
    starts, pos = [], 0
    for a in atoms:
        starts.append(pos)
        pos += 1 if a.kind == "break" else len(a.text)
    cuts: list[int] = []
    for prev, cur in itertools.pairwise(quotes):
        first, last = bisect.bisect_left(starts, prev.end()), bisect.bisect_left(starts, cur.start())
        if any(atoms[k].link >= 0 and is_paper_url(links[atoms[k].link].url) for k in range(first, last)):
            cuts.append(cur.start())
    if not cuts:
        return [atoms]
    segments: list[list[Atom]] = [[]]
    cut_iter = iter(cuts)
    cut = next(cut_iter, None)
    for a, at in zip(atoms, starts, strict=True):
        width = 1 if a.kind == "break" else len(a.text)
        while cut is not None and at < cut < at + width and a.kind == "text":
            # the cut falls inside this atom: its head ends the segment, its tail begins the next
            head = cut - at
            segments[-1].append(a.but(text=a.text[:head]))
            segments.append([])
            a, at, width = a.but(text=a.text[head:]), cut, width - head
            cut = next(cut_iter, None)
        while cut is not None and cut <= at:
            if segments[-1]:
                segments.append([])
            cut = next(cut_iter, None)
        segments[-1].append(a)
    return [seg for seg in segments if seg]


def _fields_from_parts(parts: Reading) -> list[tuple[str, str]]:
    return parts.fields()


def paragraph_entry(
    fmt: str, path: str | None, heading: tuple[str, ...], inline: Inline, end_line: int
) -> RawEntry | Skipped | None:
    """A citation written as a paragraph (a reference list, a survey outside any list), or ``None``."""
    text = inline.content.lstrip()
    # "[3] Authors...", "<a id=r3>[3]</a> ...", "**[3]** ..." (a bold reference number)
    reference = bool(re.match(r"^(?:<a\b[^>]*>\s*)?(?:\*\*|__|<b>|<strong>)?\[\d{1,4}\]", text))
    if not reference and not text.startswith(("**", "__", "<b>", "<strong>")):
        return None
    atoms, links = to_atoms([inline])
    if kv_lines(atoms) is not None:
        return None  # "**Authors:** ...<br>**Links:** ...": the body of an entry named elsewhere
    parts = read_atoms(atoms, links, shape=Shape.PARAGRAPH, reference=reference)
    ext = _external(links)
    marked = parts.title_rule in ("bold_title", "quoted_title")
    plain_reference = reference and not marked and parts.title is not None and parts.authors is not None
    if parts.title is None or (not marked and not plain_reference):
        return None
    if not (reference or parts.authors or any(is_paper_url(lk.url) for lk in ext)):
        return None
    text_ids = find_ids(_plain(atoms))
    if plain_reference and not ext and not text_ids:
        # "[2] Krizhevsky, A., & Hinton, G. (2009). Learning multiple layers of features.": nothing links it
        return Skipped(
            Span(path, inline.line, end_line), SkipReason.CITATION_WITHOUT_LINK, squash(_plain(atoms))[:160], fmt
        )
    fields = _fields_from_parts(parts)
    if text_ids and not any(is_paper_url(lk.url) for lk in ext):
        fields.append(("arxiv_text", f"arXiv:{text_ids[0].id}"))  # "arXiv preprint arXiv:1708.02862"
    line = parts.title_line or inline.line
    return RawEntry(
        format=fmt,
        span=Span(path, line, max(line, end_line)),
        section=heading,
        fields=fields,
        links=_raw_links(links, parts.title_link, roles=parts.link_roles),
        shape=Shape.PARAGRAPH,
        rules=parts.rules,
    )
