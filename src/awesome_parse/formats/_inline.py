"""Inline analysis shared by the list parsers: what in an item is the title, the authors, the venue.

An item's inline tokens are flattened into :class:`Atom` s (a piece of text with
its style: bold, italic, code, underlined, inside which link, on which line).  The
entry grammar of real lists is then read off the atoms, in this order, each step
a named heuristic:

``date_prefix``
    ``[2023/02]`` / ``[2024-05]`` before the title (date-prefixed bullets).
``alias_prefix``
    ``<u>T5</u>:`` or a short ``**CodeT5**:`` label before the title.
``bold_title``
    the first bold run that is not a label: ``**Title.**``, ``[**Title**](url)``.
``quoted_title``
    ``"Title in double quotes"`` (straight or curly quotes).
``link_title``
    the text of the first external link when it reads like a title (three words,
    or a colon, or long); when it is a nickname (``AlexNet``, ``T5``) it becomes an
    alias and the title stays unknown; generic words (``Paper``, ``PDF``) never.
``text_title``
    plain text before the first link, when it reads like a title.

Then authors (the first italic run after the title, or for references the text
before it), venue (a code span, a ``[Venue]`` bracket, or text after the authors),
year (``, 2020.``), and a summary (text after `` - `` following the title).
"""

from __future__ import annotations

import re

import attrs

from .._text import squash, strip_symbols, word_count
from ..grammar.atoms import BARE_URL, Atom, LinkRef, bare_urls, label_links, plain, to_atoms
from ..grammar.text import (
    Tail,
    is_name_list,
    is_title_like,
    is_venue_chunk,
    looks_like_venue,
    looks_like_venue_lead,
    read_tail,
    split_leading_authors,
    split_title,
)
from ..links import is_generic_label, is_placeholder_url
from ..patterns import YEAR

__all__ = ["Atom", "ItemParts", "LinkRef", "analyze", "bare_urls", "label_links", "to_atoms"]

_plain = plain


@attrs.define(slots=True)
class ItemParts:
    """What :func:`analyze` found in one entry; raw strings, not yet normalized."""

    title: str | None = None
    title_line: int | None = None
    title_link: int = -1
    title_rule: str | None = None
    aliases: list[str] = attrs.Factory(list)
    authors: str | None = None
    venue: str | None = None
    date: str | None = None
    year: str | None = None
    summary: str | None = None
    tags: list[str] = attrs.Factory(list)
    affiliations: list[str] = attrs.Factory(list)


_DATE_BRACKET = re.compile(r"\[\s*((?:19|20)\d\d(?:\s*[/\-.]\s*\d{1,2}){0,2})\s*\]")
_LEAD_DATE = re.compile(r"^\W{0,6}?\[\s*((?:19|20)\d\d(?:\s*[/\-.]\s*\d{1,2}){0,2})\s*\]")
_QUOTED = re.compile(r"[\"“”]([^\"“”]{6,}?)[\"“”]|《([^《》]{2,}?)》|「([^「」]{2,}?)」")
_AFTER_GROUPS = re.compile(r"\[[^\]]*\]|\((?!(?:19|20)\d\d\))[^)]*\)")
_TRAIL_YEAR = re.compile(r"(?:^|[\s,(])((?:19|20)\d\d)[\s).]*$")
_SUMMARY_SEP = re.compile(r"^\s*(?:[-–—:：|]|\s-\s)\s*")
_BRACKETED = re.compile(r"\[([^\[\]]{2,80})\]")
_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.IGNORECASE)


def _runs(atoms: list[Atom], attr: str) -> list[tuple[int, int, str]]:
    """Maximal runs of atoms with ``attr`` set: (first index, last index, text)."""
    out: list[tuple[int, int, str]] = []
    i, n = 0, len(atoms)
    while i < n:
        if getattr(atoms[i], attr) and atoms[i].kind != "break":
            j = i
            while j + 1 < n and (
                getattr(atoms[j + 1], attr)
                or (atoms[j + 1].kind == "break" and j + 2 < n and getattr(atoms[j + 2], attr))
            ):
                j += 1
            out.append((i, j, squash(_plain(atoms, i, j + 1))))
            i = j + 1
        else:
            i += 1
    return out


def _is_label(atoms: list[Atom], end: int, text: str) -> bool:
    """A short run directly followed by a colon is a label (``**CodeT5**:``), not a title.

    Only when something after it can be the title: in ``**GAN** : [Paper](url)``
    the bold run is all the entry says of itself.
    """
    if text.endswith((":", "：")):
        short = word_count(text) <= 4
    else:
        nxt = _plain(atoms, end + 1, end + 3).lstrip()
        short = nxt.startswith((":", "：")) and word_count(text) <= 4
    return short and _names_something(atoms[end + 1 :])


def _names_something(atoms: list[Atom]) -> bool:
    """True if ``atoms`` hold words beyond generic link labels (``Paper``, ``Code``) and separators."""
    by_link: dict[int, list[str]] = {}
    for a in atoms:
        if a.kind != "break":
            by_link.setdefault(a.link, []).append(a.text)
    for link, texts in by_link.items():
        text = strip_symbols(" ".join(texts)).strip(" :：|[]()/-–—,.")
        if link >= 0 and is_generic_label(text):
            continue
        if any(ch.isalnum() for ch in text):
            return True
    return False


def analyze(atoms: list[Atom], links: list[LinkRef], *, reference: bool = False) -> Any:
    """Read an entry's parts off its atoms with the grammar."""
    from ..grammar import Shape, Unit, read

    line = atoms[0].line if atoms else 1
    return read(Unit(Shape.LIST_ITEM, list(atoms), list(links), line, line, reference=reference))


def _bracketed(atoms: list[Atom], i: int, j: int) -> bool:
    """True for a run written ``[**like this**]`` outside any link."""
    if atoms[i].link >= 0:
        return False
    before = _plain(atoms, max(0, i - 1), i).rstrip()
    after = _plain(atoms, j + 1, j + 2).lstrip()
    return before.endswith("[") and after.startswith("]")


def _inside_parens(atoms: list[Atom], i: int) -> bool:
    before = _plain(atoms, max(0, i - 2), i).rstrip()
    return before.endswith("(")


def _line_at(atoms: list[Atom], start: int, offset: int) -> int:
    pos = 0
    for a in atoms[start:]:
        width = 1 if a.kind == "break" else len(a.text)
        if pos + width > offset:
            return a.line
        pos += width
    return atoms[-1].line if atoms else 1


def _split_at(atoms: list[Atom], start: int, offset: int) -> int:
    """Split the atom holding plain-text ``offset`` (counted from atom ``start``) so that
    an atom ends exactly there; returns the index of that last atom."""
    pos = 0
    for k in range(start, len(atoms)):
        a = atoms[k]
        width = 1 if a.kind == "break" else len(a.text)
        if pos + width >= offset:
            cut = offset - pos
            if a.kind == "text" and 0 < cut < width:
                rest = Atom(a.kind, a.text[cut:], a.line, a.strong, a.em, a.link, a.u)
                a.text = a.text[:cut]
                atoms.insert(k + 1, rest)
            return k
        pos += width
    return len(atoms) - 1


def _external(link: LinkRef) -> bool:
    url = link.url.strip()
    return not url.startswith("#") and not is_placeholder_url(url) and not link.image_only


def _venue_label(label: str) -> bool:
    """A link text that is a dated venue (``arXiv 2023``, ``CVPR 2024``), not a title."""
    return word_count(label) <= 4 and bool(YEAR.search(label)) and is_venue_chunk(label)


def _title_from_links(atoms: list[Atom], links: list[LinkRef], parts: ItemParts, start_idx: int) -> None:
    for idx, link in enumerate(links):
        if link.bare or not _external(link):
            continue
        if not any(a.link == idx for a in atoms[start_idx:]):
            continue
        label = strip_symbols(link.label)
        if not label or is_generic_label(label) or label.lower().startswith(("http://", "https://", "www.")):
            continue
        if _venue_label(label):
            parts.venue = parts.venue or label  # "[[arXiv 2023](url)] Title": the link names the venue
            continue
        if is_title_like(label):
            parts.title, parts.title_line, parts.title_link, parts.title_rule = label, link.line, idx, "link_title"
        else:
            parts.aliases.append(label)
            parts.title_link = idx
            parts.title_rule = "link_alias"
        return


def _text_run(atoms: list[Atom], start_idx: int) -> int:
    """Where the plain text from ``start_idx`` ends: at a link, a break or a code span after text."""
    for k in range(start_idx, len(atoms)):
        if atoms[k].link >= 0 or atoms[k].kind == "break":
            return k
        if atoms[k].kind == "code" and _plain(atoms, start_idx, k).strip():
            return k  # "Title `ICLR 2019`": a code span after the title is the venue
    return len(atoms)


def _title_from_text(atoms: list[Atom], links: list[LinkRef], parts: ItemParts, start_idx: int) -> None:
    while True:
        end = _text_run(atoms, start_idx)
        text = _plain(atoms, start_idx, end)
        text = _LEAD_DATE.sub("", text)
        while lead := _LEAD_GROUP.match(text):  # "(CVPR 2023) Title", "[arXiv 2023] Title"
            _venue_from_group(parts, lead.group(1) or lead.group(2))
            text = text[lead.end() :]
        if strip_symbols(text).strip(" .,:;[]()") or end >= len(atoms) or atoms[end].link < 0:
            break
        label = strip_symbols(links[atoms[end].link].label)
        if not is_generic_label(label) and not _venue_label(label):
            break
        # "[2023.06] [Paper](url) Title": the title may follow the generic links
        own = atoms[end].link
        start_idx = end
        while start_idx < len(atoms) and (
            atoms[start_idx].link == own or not _plain(atoms, start_idx, start_idx + 1).strip(" []()|")
        ):
            if atoms[start_idx].link >= 0:
                own = atoms[start_idx].link
            start_idx += 1
        if start_idx >= len(atoms):
            return
    lead_authors = split_leading_authors(text)  # "Vaswani, A., Shazeer, N. (2017). Title. Venue."
    if lead_authors is not None:
        parts.authors, year, text = lead_authors
        parts.year = parts.year or year
    text = re.split(r"\s[-–—|]\s|\[|\(", text, maxsplit=1)[0]
    text, cited = split_title(text)
    text = strip_symbols(squash(text)).rstrip(" .,:;").lstrip(" :：])|")
    # before a recognized author list even a one-word title is a title ("Mamba, Albert Gu, Tri Dao")
    if text and (is_title_like(text) or (cited and not is_generic_label(text))) and word_count(text) <= 40:
        parts.title, parts.title_line, parts.title_rule = text, atoms[start_idx].line if atoms else None, "text_title"
    elif text and end < len(atoms) and word_count(text) <= 3 and not is_generic_label(text):
        parts.aliases.append(text)  # a nickname before the links: "Mamba [[paper](url)]"


_WORDS = re.compile(r"[^\W\d_]{2,}")
_CODE_DATE = re.compile(r"(?:19|20)\d\d\s*[./-]\s*\d{1,2}(?:\s*[./-]\s*\d{1,2})?")
_ONLINE = re.compile(r"\[\s*online\s*\]\.?|\bavailable(?:\s+(?:at|from|online))?\s*:", re.IGNORECASE)
_REF_NUMBER = re.compile(r"^\s*\[\d{1,4}\]\s*")
_LEAD_GROUP = re.compile(r"^\W{0,6}?(?:\(([^()]{2,60})\)|\[([^\[\]]{2,60})\])\s*")


def _venue_from_group(parts: ItemParts, inner: str) -> None:
    """A bracketed group before the title: a venue (``CVPR 2023``) or a date."""
    inner = inner.strip()
    if _DATE_BRACKET.fullmatch(f"[{inner}]"):
        parts.date = parts.date or inner
    elif parts.venue is None and is_venue_chunk(inner):
        parts.venue = inner


def _italic_venue(text: str) -> bool:
    """An italic run that is a venue (``*ICCV 2023*``), not authors (``*OpenAI*``, ``*FAIR et al.*``)."""
    if _ET_AL.search(text) or is_name_list(text) or not is_venue_chunk(text):
        return False
    return bool(YEAR.search(text)) or looks_like_venue_lead(text)


def _venue_before_title(atoms: list[Atom], parts: ItemParts, start_idx: int, title_start: int) -> None:
    """Bracketed venues written before a bold or linked title: ``(CVPR 2023) [Title](url)``."""
    prefix = _plain(atoms, start_idx, title_start)
    if "(" in prefix or "[" in prefix:
        for m in _BRACKET_GROUP.finditer(prefix):
            _venue_from_group(parts, m.group(1) or m.group(2))


_BRACKET_GROUP = re.compile(r"\(([^()]{2,60})\)|\[([^\[\]]{2,60})\]")


def _later_aliases(atoms: list[Atom], parts: ItemParts, end_title: int) -> None:
    """Bold nicknames in parentheses after the title: ``(**ULMFiT**)``."""
    if end_title < 0:
        return
    for i, _j, text in _runs(atoms, "strong"):
        if i > end_title and _inside_parens(atoms, i) and text and word_count(text) <= 4:
            parts.aliases.append(text.strip("() "))


def _authors_venue_year(
    atoms: list[Atom], links: list[LinkRef], parts: ItemParts, end_title: int, reference: bool
) -> None:
    first_link = next(
        (k for k, a in enumerate(atoms) if a.link >= 0 and k > end_title and a.link != parts.title_link), len(atoms)
    )
    # a date in a code span (`2023.10`), anywhere outside links
    for a in atoms:
        if a.kind == "code" and a.link < 0 and parts.date is None and _CODE_DATE.fullmatch(a.text.strip()):
            parts.date = a.text.strip()
    # venue in a code span (`arXiv`)
    for k, a in enumerate(atoms):
        if (
            a.kind == "code"
            and a.link < 0
            and k > end_title
            and a.text.strip()
            and not _CODE_DATE.fullmatch(a.text.strip())
        ):
            parts.venue = a.text.strip()
            break
    else:
        # or before it: "`CVPR 2024` **Alias**: Title"
        for a in atoms:
            code = a.text.strip()
            if (
                a.kind == "code"
                and a.link < 0
                and code
                and code not in (parts.title or "")
                and is_venue_chunk(code)
                and not _CODE_DATE.fullmatch(code)
            ):
                parts.venue = parts.venue or code
                break
    # authors: the first italic run after the title (an italic venue, ``*ICCV 2023*``, is the venue)
    author_end = end_title
    italic_venue: tuple[int, int] | None = None
    for i, j, text in _runs(atoms, "em"):
        if i > end_title and i < first_link and text and not atoms[i].strong:
            known = parts.authors is not None  # written before the title: "Brown, T., et al. (2020). Title. *NeurIPS*."
            if (
                parts.venue is None
                and italic_venue is None
                and (_italic_venue(text) or (known and is_venue_chunk(text) and not is_name_list(text)))
            ):
                parts.venue = text.strip(" .,;")
                italic_venue = (i, j)
                continue
            if known:
                break
            parts.authors = text
            author_end = j
            break
    if italic_venue is not None and parts.authors is None:
        # authors written plainly between the title and the italic venue
        found = read_tail(_plain(atoms, end_title + 1, italic_venue[0]))
        if found.authors:
            parts.authors = found.authors
            author_end = italic_venue[1]
    if reference and parts.authors is None and end_title >= 0:
        start = next((k for k, a in enumerate(atoms) if a.strong), end_title)
        before = squash(_plain(atoms, 0, start))
        before = _REF_NUMBER.sub("", before).strip()
        if before:
            parts.authors = before
    tail_start = max(author_end, end_title) + 1
    # a forced line break ends a part of the citation ("Title<br>Authors<br>Venue")
    raw_between = squash(_plain(atoms, tail_start, first_link, " · ")) if tail_start < first_link else ""
    if "http" in raw_between or "www." in raw_between or "vailable" in raw_between or "nline" in raw_between:
        # IEEE: "... in NAACL, 2019. [Online]. Available: https://..." (a bare URL is a link, not text)
        raw_between = squash(BARE_URL.sub(" ", _ONLINE.sub(" ", raw_between)))
    between = raw_between.strip(" .,;[(")
    # bracketed venues and dates ("[2022-12] [ACL 2023]") keep the reading below
    tail = (
        read_tail(raw_between, authors_known=parts.authors is not None)
        if between and not _BRACKETED.search(between)
        else None
    )
    tail_read = tail is not None and tail.found and (tail.authors is None or parts.authors is None)
    if tail is not None and tail_read:
        # a plain-text citation tail: "- Names. Venue 2023." / ", Names, ICML, 2021"
        parts.authors = parts.authors or tail.authors
        parts.venue = parts.venue or tail.venue
        parts.year = parts.year or tail.year
        parts.date = parts.date or tail.date
        parts.affiliations.extend(tail.affiliations)
        parts.aliases.extend(a for a in tail.aliases if a not in parts.aliases)
        if tail.summary and parts.summary is None and parts.title_rule != "bold_title":
            parts.summary = tail.summary
        between = ""
    if between:
        brackets = [b.strip() for b in _BRACKETED.findall(between)]
        others = [b for b in brackets if not _DATE_BRACKET.fullmatch(f"[{b}]") and not is_generic_label(b)]
        dated = [b for b in brackets if _DATE_BRACKET.fullmatch(f"[{b}]")]
        if dated and parts.date is None:
            parts.date = dated[0]
        if parts.venue is None and others and brackets:
            parts.venue = others[0]
        elif parts.venue is None and not brackets:
            if parts.title_rule in ("link_title", "link_alias", "text_title") and _SUMMARY_SEP.match(between):
                parts.summary = _SUMMARY_SEP.sub("", raw_between.rstrip(" [("), count=1).strip() or None
            elif (parts.authors is not None or reference or parts.title_rule == "bold_title") and looks_like_venue(
                between
            ):
                parts.venue = between
            elif _SUMMARY_SEP.match(between) or len(between) > 60:
                parts.summary = _SUMMARY_SEP.sub("", between, count=1).strip() or None
    if parts.authors is None and parts.title is not None and first_link < len(atoms):
        # the citation after the links: "**Title** [(pdf)](url)<br>Dumoulin, V. and Kudlur, M.<br>ICLR, 2017"
        outside = [a for a in atoms[first_link:] if a.link < 0 and a.kind != "code"]
        late_text = _plain(outside, hard=" · ")
        late = read_tail(squash(late_text).strip(" .,;·|[]()")) if _WORDS.search(late_text) else Tail()
        if late.authors is not None:
            parts.authors = late.authors
            parts.venue = parts.venue or late.venue
            parts.year = parts.year or late.year
    after = squash(_plain(atoms, first_link)) if first_link < len(atoms) else ""
    after_links = _AFTER_GROUPS.sub(" ", after)  # bracketed groups, but "(2020)" stays a year
    m = _TRAIL_YEAR.search(after_links.strip())
    if m and parts.year is None:
        parts.year = m.group(1)
    if (
        parts.summary is None
        and not tail_read
        and parts.title_rule in ("link_title", "link_alias")
        and first_link < len(atoms)
    ):
        rest = squash(_plain(atoms, max(k for k, a in enumerate(atoms) if a.link == parts.title_link) + 1))
        if _SUMMARY_SEP.match(rest) and len(rest) > 3:
            parts.summary = _SUMMARY_SEP.sub("", rest, count=1).strip() or None
