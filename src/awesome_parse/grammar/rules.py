"""The grammar's rules: each a small named function that marks what it is sure of.

Rules run in order over a :class:`~awesome_parse.grammar.unit.State` (markdown-it's
block rules are the model).  A rule reads the atoms' markup and the marks earlier
rules set, marks spans of the unit's text with a label and its own name, and
never marks a character twice.  The *markup rules* come first: what bold,
italic, code, quotes, links, brackets, column roles and ``Key:`` lines make
certain.  The *text rules* then read the free text that markup leaves (names,
venues and years written as running text, see :mod:`awesome_parse.grammar.text`).

Every rule's docstring starts with one line that says what it reads, then an
example; ``docs/heuristics.md`` is generated from them.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Iterator
from typing import TYPE_CHECKING

from .._text import squash, strip_symbols, word_count
from ..links import is_generic_label
from ..patterns import DATE_BRACKET, ENTRY_NUMBER, QUOTED, YEAR, YEAR_ONLY, find_dates, is_date, year_of
from ..registry import Registry
from ..vocab import ROLES, VENUE_WORDS, is_venue_acronym
from .atoms import BARE_URL, is_external
from .text import (
    Tail,
    is_name_list,
    is_placeholder,
    is_title_like,
    is_venue_chunk,
    looks_like_venue,
    looks_like_venue_lead,
    mostly_names,
    read_tail,
    split_leading_authors,
    split_title,
)
from .unit import Shape, State

if TYPE_CHECKING:
    from .labeler import Token

__all__ = ["Rule", "default_rules"]

#: A grammar rule: ``rule(state)`` marks spans of ``state`` (see :meth:`State.mark`); it returns nothing.
Rule = Callable[[State], None]

#: Hints (column roles, ``Key:`` roles) whose text *is* that field; ``title`` hints only
#: say where the title rules look, and link roles (``code``...) hold no citation text.
_FIELD_HINTS = {
    "authors": "author",
    "venue": "venue",
    "date": "date",
    "year": "year",
    "alias": "alias",
    "tags": "tag",
    "summary": "summary",
    "affiliation": "affiliation",
}


#: A footnote mark: ``[3]``.
_FOOTNOTE = re.compile(r"\s*\[\s*\d{1,4}\s*\]")
#: A markdown footnote reference: ``[^transformer]``.
_FOOTNOTE_REF = re.compile(r"\[\^[^\[\]\s]{1,40}\]")

#: Hints whose cells hold one value per line (``GPT-3<br>Codex``).
_LIST_HINTS = frozenset({"alias", "tags", "affiliation"})

#: Roles of links: a link under a ``Code:`` key or in a ``Code`` column is the code link.
_LINK_ROLES = frozenset({"code", "project", "video", "blog", "dataset", "pdf"})

# ---------------------------------------------------------------- helpers


_SLASH = re.compile(r"(?<=[^\W\d_])\s*/\s*(?=[^\W\d_])")


#: Preprint servers: a venue a paper is posted to before it appears elsewhere.
_PREPRINTS = frozenset(
    {"arxiv", "corr", "biorxiv", "medrxiv", "chemrxiv", "ssrn", "techrxiv", "preprint", "arxiv preprint"}
)


def _venue_cell(state: State, start: int, end: int) -> None:
    """A venue cell may name dates and several venues: ``Arxiv Sep 2023, ICLR 2024`` is ICLR 2024, dated 2023-09.

    Dates (``Sep 2023``, ``2023-09``, never a bare year) are the date; of several venues
    the last one that is no preprint server is where the paper appeared.
    """
    dates = find_dates(state.text, start, end)
    for a, b in dates:
        state.mark(a, b, "date", "hints")
    chunks: list[tuple[int, int]] = []
    for a, b in state.free_spans(start, end):
        pos = a
        for m in re.finditer(r"[,;\n]", state.text[a:b]):
            chunks.append((pos, a + m.start()))
            pos = a + m.end()
        chunks.append((pos, b))
    named = [(a, b) for a, b in chunks if state.text[a:b].strip(" .,;()")]
    if not named:
        return
    # "ICLR 2025 / Microsoft": a venue beside the institutions that published it
    split: list[tuple[int, int]] = []
    for a, b in named:
        parts = _slash_parts(state.text, a, b)
        venues = [p for p in parts if _group_label(state.text[p[0] : p[1]]) == "venue"]
        places = [p for p in parts if p not in venues] if venues else []
        if places:
            for p in places:
                state.mark(p[0], p[1], "affiliation", "hints")
            split.extend(p for p in parts if p not in places)
        else:
            split.append((a, b))
    named = split
    if len(named) > 1 and not all(_separate_venue(state.text[a:b]) for a, b in named):
        named = [(named[0][0], named[-1][1])]  # "ACM Transactions on Multimedia Computing, Communications and ..."
    if len(named) > 1:
        kept = [c for c in named if _venue_name(state.text[c[0] : c[1]]) not in _PREPRINTS] or named
        choice = kept[-1]
    else:
        choice = named[0]
    for a, b in named:
        state.mark(a, b, "venue" if (a, b) == choice else "other", "hints")


def _slash_parts(text: str, start: int, end: int) -> list[tuple[int, int]]:
    """The spans of ``text[start:end]`` between spaced slashes (``ICLR 2025 / Microsoft``)."""
    out: list[tuple[int, int]] = []
    pos = start
    for m in re.finditer(r"\s/\s", text[start:end]):
        out.append((pos, start + m.start()))
        pos = start + m.end()
    out.append((pos, end))
    return out


def _separate_venue(text: str) -> bool:
    """A chunk of a venue cell that names a venue of its own: a preprint server, a known venue, a year."""
    words = text.split()
    return bool(words) and (_venue_name(text) in _PREPRINTS or is_venue_acronym(words[0]) or year_of(text) is not None)


def _venue_name(text: str) -> str:
    return re.sub(r"[\W\d_]+", " ", text).strip().casefold()


def _lines(state: State, i: int, j: int, *, slashes: bool = False) -> list[tuple[int, int]]:
    """The spans of atoms ``i..j`` between forced line breaks (and, with ``slashes``, at ``A / B``)."""
    out: list[tuple[int, int]] = []
    start = state.starts[i]
    for k in range(i, j + 1):
        if state.atoms[k].kind == "break" and state.atoms[k].hard:
            out.append((start, state.starts[k]))
            start = state.ends[k]
    out.append((start, state.ends[j]))
    if not slashes:
        return out
    cut: list[tuple[int, int]] = []
    for a, b in out:
        for m in _SLASH.finditer(state.text, a, b):
            cut.append((a, m.start()))
            a = m.end()
        cut.append((a, b))
    return cut


def _link_roles(state: State, i: int, j: int, role: str) -> None:
    """Give the links of atoms ``i..j`` the role of their column or key (kept in ``facts["link_roles"]``)."""
    roles = state.facts.setdefault("link_roles", {})
    assert isinstance(roles, dict)
    for k in range(i, j + 1):
        if state.atoms[k].link >= 0:
            roles.setdefault(state.atoms[k].link, role)


def _runs(state: State, attr: str) -> list[tuple[int, int]]:
    """Maximal runs of atoms with ``attr`` (``strong``, ``em``, ``u``) set (see :meth:`State.runs`)."""
    return state.runs(attr)


def _run_text(state: State, i: int, j: int) -> str:
    start, end = state.span(i, j)
    return squash(state.text[start:end])


def _start(state: State) -> int:
    """Where the entry's own text begins: after the prefixes earlier rules marked."""
    start = state.facts.get("start", 0)
    return start if isinstance(start, int) else 0


def _zone(state: State) -> tuple[int, int]:
    """Where the title may be: the text a unit hints as ``title`` or ``heading``, else everything."""
    zone = state.facts.get("zone")
    if isinstance(zone, tuple):
        return zone
    return 0, len(state.text)


def _title_end(state: State) -> int:
    titles = state.marked("title")
    if titles:
        return titles[0].end
    if state.title_link >= 0:
        return max(state.ends[k] for k, a in enumerate(state.atoms) if a.link == state.title_link)
    return -1


def _title_start(state: State) -> int:
    titles = state.marked("title")
    if titles:
        return titles[0].start
    if state.title_link >= 0:
        return min(state.starts[k] for k, a in enumerate(state.atoms) if a.link == state.title_link)
    return -1


def _has_title(state: State) -> bool:
    return state.has("title") or state.title_link >= 0


def _first_link_after(state: State, offset: int) -> int:
    """The offset of the first link (other than the title's) that starts at or after ``offset``."""
    for k, a in enumerate(state.atoms):
        if a.link >= 0 and a.link != state.title_link and state.starts[k] >= offset:
            return state.starts[k]
    return len(state.text)


def _names_something(state: State, offset: int) -> bool:
    """True if the text after ``offset`` holds words beyond generic link labels and separators."""
    by_link: dict[int, list[str]] = {}
    for k in state.atoms_in(offset, len(state.text)):
        a = state.atoms[k]
        if a.kind != "break":
            by_link.setdefault(a.link, []).append(a.text)
    for link, texts in by_link.items():
        text = strip_symbols(" ".join(texts)).strip(" :：|[]()/-–—,.")
        if link >= 0 and is_generic_label(text):
            continue
        if any(ch.isalnum() for ch in text):
            return True
    return False


def _inside_parens(state: State, start: int) -> bool:
    return state.text[max(0, start - 3) : start].rstrip().endswith("(")


def _bracketed(state: State, start: int, end: int) -> bool:
    """True for text written ``[like this]`` (the brackets right outside it)."""
    return state.text[max(0, start - 2) : start].rstrip().endswith("[") and state.text[
        end : end + 2
    ].lstrip().startswith("]")


def _find(state: State, needle: str, start: int, end: int) -> tuple[int, int] | None:
    """Where ``needle`` (a squashed piece of the text) is in ``[start, end)``, whitespace-insensitively."""
    if not needle:
        return None
    k = state.text.find(needle, start, end)
    if k >= 0:
        return k, k + len(needle)
    words = needle.split()
    pattern = r"\s+".join(re.escape(w) for w in words)
    m = re.compile(pattern).search(state.text, start, end)
    return (m.start(), m.end()) if m else None


def _put(state: State, label: str, value: str | None, rule: str, start: int, end: int) -> None:
    """Mark ``value`` where it is written in ``[start, end)``, else record it at ``start``."""
    if not value:
        return
    found = _find(state, value, start, end)
    if found is None or not state.mark(found[0], found[1], label, rule):
        state.put(label, value, rule, start)


_LEAD_GROUP = re.compile(r"\W{0,6}?(?:\(([^()]{2,60})\)|\[([^\[\]]{2,60})\])")
_NICKNAME = re.compile(r"[A-Za-z][A-Za-z0-9.+]*(?:[A-Z0-9]|-[A-Za-z0-9])[A-Za-z0-9.+\-]*")


def _group_label(inner: str) -> str:
    """What a bracketed group names: a date, a venue, a nickname (alias), a resource word, or a tag.

    A venue has a year (``CVPR '24``), a known venue name (``NeurIPS``) or a venue word
    (``Workshop``); a lone capitalized word like ``InstructGPT`` is a nickname.
    """
    inner = inner.strip()
    if DATE_BRACKET.fullmatch(f"[{inner}]") or is_date(inner):
        return "date"
    words = inner.split()
    named = bool(words) and (is_venue_acronym(words[0]) or any(w.casefold() in VENUE_WORDS for w in words))
    if (named and len(words) <= 8) or (
        (year_of(inner) is not None or looks_like_venue_lead(inner))
        and (is_venue_chunk(inner) or looks_like_venue(inner))
    ):
        return "venue"
    if is_generic_label(inner):
        return "other"
    if _NICKNAME.fullmatch(inner):
        return "alias"
    return "tag"


# ---------------------------------------------------------------- markup rules


def hints(state: State) -> None:
    """Text under a column role or a ``Key:`` has that role: a ``| Venue |`` cell is the venue.

    A ``title`` (or ``heading``) hint only says where the title rules look; a
    link role (``Code``, ``Project``) or an unknown column holds no citation text.

    >>> from awesome_parse.grammar import explain
    >>> explain('| Title | Venue |\\n|---|---|\\n| [Mixtral of Experts](https://arxiv.org/abs/2401.04088) | arXiv 2024 |')
    title='Mixtral of Experts' (link_title)
    venue='arXiv 2024' (hints)
    year=2024 (hints)
    """
    zone_start = zone_end = -1
    k = 0
    atoms = state.atoms
    while k < len(atoms):
        hint = atoms[k].hint
        j = k
        while j + 1 < len(atoms) and atoms[j + 1].hint == hint:
            j += 1
        if hint is None:
            pass
        elif hint in ("title", "heading"):
            start, end = state.span(k, j)
            zone_start = start if zone_start < 0 else zone_start
            zone_end = end
        elif hint in _LIST_HINTS:
            for a, b in _lines(state, k, j, slashes=hint == "alias"):  # one value per line of the cell
                note = _FOOTNOTE.search(state.text, a, b)  # "mT5 [2]": a footnote mark is no part of it
                state.mark(a, note.start() if note else b, _FIELD_HINTS[hint], "hints")
        elif hint == "venue":
            _venue_cell(state, *state.span(k, j))
        elif hint in _FIELD_HINTS:
            state.mark_atoms(k, j, _FIELD_HINTS[hint], "hints")
        else:
            state.mark_atoms(k, j, "other", "hints")
            if hint in _LINK_ROLES:
                _link_roles(state, k, j, hint)
        k = j + 1
    if zone_start >= 0:
        state.facts["zone"] = (zone_start, zone_end)
        state.facts["start"] = zone_start


def footnote_refs(state: State) -> None:
    """A footnote reference is no part of an entry: ``Transformer [^transformer]``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- [Deep Residual Learning for Image Recognition](https://arxiv.org/abs/1512.03385) [^resnet]')
    title='Deep Residual Learning for Image Recognition' (link_title)
    year=2015 (arxiv_id)
    """
    if "[^" in state.text:
        for m in _FOOTNOTE_REF.finditer(state.text):
            state.mark(m.start(), m.end(), "other", "footnote_refs")


def lead_number(state: State) -> None:
    """A reference or item number in front of the entry is no part of it: ``[3] Hinton...``, ``12. Title``.

    >>> from awesome_parse.grammar import explain
    >>> explain('## Papers\\n\\n### 12. Generative Image Dynamics\\n\\n[[Paper](https://arxiv.org/abs/2309.07906)]')
    title='Generative Image Dynamics' (heading_text)
    year=2023 (arxiv_id)
    """
    start = _start(state)
    text = state.text[start : start + 12]
    lead = len(text) - len(text.lstrip(" *_\t"))
    m = ENTRY_NUMBER.match(text, lead)
    if m and m.group(0).strip():
        state.mark(start + m.start(), start + m.end(), "number", "lead_number")
        state.facts["start"] = start + m.end()


def lead_groups(state: State) -> None:
    """Bracketed groups before the title name a date, a venue, a nickname or a tag: ``[2023/02]``, ``(CVPR 2023)``.

    ``[**Verilog**] "Title"``, ``**[ICLR 2023]** Title``, ``[CVPR '24] Title``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- [CVPR 2023] [Scalable Diffusion Models with Transformers](https://arxiv.org/abs/2212.09748)')
    title='Scalable Diffusion Models with Transformers' (link_title)
    venue='CVPR 2023' (lead_groups)
    year=2023 (lead_groups)
    """
    start = _start(state)
    zone_end = _zone(state)[1]
    while start < zone_end:
        m = _LEAD_GROUP.match(state.text, start, zone_end)
        if not m or not state.is_free(m.start(), m.end()):
            break
        if any(state.atoms[k].link >= 0 for k in state.atoms_in(m.start(), m.end())):
            break  # "[[Paper](url)] Title": a link, not a group
        inner = m.group(1) or m.group(2)
        offset = m.start(1) if m.group(1) is not None else m.start(2)
        label = _group_label(inner)
        if label == "tag" and word_count(inner) > 4:
            break
        state.mark(offset, offset + len(inner), label, "lead_groups")
        state.mark(m.start(), m.end(), "other", "lead_groups")
        start = m.end()
    state.facts["start"] = start


def key_labels(state: State) -> None:
    """A known key before a colon gives its role to the text after it: ``**Authors**: A, B``.

    The text runs to the next forced line break (the next ``Key:`` line).

    >>> from awesome_parse.grammar import explain
    >>> explain('## Papers\\n\\n### Generative Image Dynamics\\n\\n**Authors**: Zhengqi Li, Richard Tucker\\n\\n[[Paper](https://arxiv.org/abs/2309.07906)]')
    title='Generative Image Dynamics' (heading_text)
    authors=['Zhengqi Li', 'Richard Tucker'] (key_labels)
    year=2023 (arxiv_id)
    """
    text = state.text
    for m in _KEY.finditer(text):
        key = m.group(1).strip(" *_").casefold()
        role = ROLES.get(key)
        if role is None or role in ("title", "link") or not state.is_free(m.start(1), m.end()):
            continue
        key_atom = state.atoms[state.atom_at(m.start(1))]
        if key_atom.link >= 0 or (key_atom.strong and state.atom_at(m.end()) == state.atom_at(m.start(1))):
            continue  # "[**CODE: Contrasting ...**](url)": a title that starts like a key
        end = text.find("\n", m.end())
        end = len(text) if end < 0 else end
        state.mark(m.start(1), m.end(), "other", "key_labels")
        if role in _FIELD_HINTS:
            state.mark(m.end(), end, _FIELD_HINTS[role], "key_labels")
        elif role in _LINK_ROLES and m.end() < end:
            _link_roles(state, state.atom_at(m.end()), state.atom_at(end - 1), role)


_KEY = re.compile(r"(?:^|(?<=\n))[ \t>*_]*([^\n:：*_\[\]()]{2,30}?)[ \t*_]*[:：](?!//)[ \t]*")


_DASH_QUOTE = re.compile(r"\s*[—–-]{1,2}\s*[\"“]")


def alias_label(state: State) -> None:
    """A short label and a colon before the title is the paper's nickname: ``<u>T5</u>:``, ``**CodeT5**: Title``.

    ``**Alias** (Base): "Title"`` keeps ``Alias`` too.  Only when something after
    the colon can be the title: in ``**GAN** : [Paper](url)`` the bold run is all
    the entry says of itself.

    >>> from awesome_parse.grammar import explain
    >>> explain('- **CodeT5**: [Identifier-aware Unified Pre-trained Encoder-Decoder Models](https://arxiv.org/abs/2109.00859)')
    title='Identifier-aware Unified Pre-trained Encoder-Decoder Models' (link_title)
    aliases=['CodeT5'] (alias_label)
    year=2021 (arxiv_id)
    >>> explain('- **ReAct** — "Synergizing Reasoning and Acting in Language Models". Yao 等. *ICLR* 2023. [[论文]](https://arxiv.org/abs/2210.03629)')
    title='Synergizing Reasoning and Acting in Language Models' (quoted_title)
    aliases=['ReAct'] (alias_label)
    authors=['Yao'] (tail)
    venue='ICLR 2023' (italic_runs)
    year=2023 (italic_runs)
    """
    start, zone_end = _start(state), _zone(state)[1]
    for attr in ("u", "strong"):
        for i, j in _runs(state, attr):
            s, e = state.span(i, j)
            if s < start or s >= zone_end or not state.is_free(s, e):
                continue
            text = strip_symbols(_run_text(state, i, j))
            after = state.text[e : e + 40]
            group = re.match(r"\s*\(([^()]{1,30})\)", after)
            rest = after[group.end() :] if group else after
            # "**ReAct** — "Synergizing Reasoning and Acting"": a dash before a quoted title reads as a colon
            quoted = _DASH_QUOTE.match(rest)
            colon = text.endswith((":", "：")) or rest.lstrip().startswith((":", "：")) or quoted is not None
            if attr == "strong" and (not colon or word_count(text) > 4 or state.unit.reference):
                if text and any(ch.isalnum() for ch in text):
                    return  # the first bold run is not a label: it may be the title
                continue
            alias = text.rstrip(":：").strip().strip("[]")
            if attr == "u" and not alias:
                continue
            if attr == "strong" and not _names_something(state, e):
                return
            if alias and not is_generic_label(alias) and alias.casefold() not in ROLES:
                state.mark(s, e, "alias", "alias_label")
            else:
                state.mark(s, e, "other", "alias_label")
            end = e
            if group and attr == "strong":
                state.mark(e + group.start(1), e + group.end(1), "tag", "alias_label")
                end = e + group.end()
            colon_at = state.text.find(":", end, end + 4)
            colon_at = colon_at if colon_at >= 0 else state.text.find("：", end, end + 4)
            if colon_at < 0 and quoted is not None:
                colon_at = end + (group.end() if group else 0) + quoted.end() - 2
            state.facts["start"] = max(colon_at + 1, end) if colon_at >= 0 else end
            return


def bold_title(state: State) -> None:
    """The first bold run that is not a label is the title: ``**Title.**``, ``[**Title**](url)``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- **Attention Is All You Need.** Ashish Vaswani, Noam Shazeer. NeurIPS 2017. [[pdf](https://arxiv.org/abs/1706.03762)]')
    title='Attention Is All You Need' (bold_title)
    authors=['Ashish Vaswani', 'Noam Shazeer'] (tail)
    venue='NeurIPS 2017' (tail)
    year=2017 (tail)
    """
    start, (zs, ze) = _start(state), _zone(state)
    for i, j in _runs(state, "strong"):
        s, e = state.span(i, j)
        if s < start or s < zs or s >= ze:
            continue
        free = [(a, b) for a, b in state.free_spans(s, min(e, ze))]
        if not free:
            continue
        s, e = free[0][0], free[-1][1]
        clean = strip_symbols(squash(state.text[s:e]))
        if not clean or not any(ch.isalnum() for ch in clean) or is_generic_label(clean):
            continue
        if _bracketed(state, s, e) and word_count(clean) <= 4:
            state.mark(s, e, "tag", "bold_title")
            continue
        inner = clean.strip("[]() ")
        if clean[:1] in "[(" and word_count(inner) <= 4 and _group_label(inner) in ("venue", "date"):
            # "**[[ECCV 22](url)]** Title": a bold venue tag, the title after it
            found = state.text.find(inner, s, e)
            if found >= 0:
                state.mark(found, found + len(inner), _group_label(inner), "bold_title")
            _consume(state, [(s, e)], "bold_title")  # its brackets
            state.facts["start"] = max(_start(state), e)
            continue
        if len(clean) < 3 or _inside_parens(state, s) or is_placeholder(clean):
            continue
        group = _venue_group_suffix(state.text[s:e])
        if group is not None:  # "**Graph2vec: Learning Embeddings (MLGWorkshop 2017)**"
            state.mark(s + group[1], s + group[2], group[3], "bold_title")
            e = s + group[0]
        if state.mark(s, e, "title", "bold_title"):
            ids = {
                state.atoms[k].link for k in range(i, j + 1) if state.atoms[k].link >= 0 and state.atoms[k].text.strip()
            }
            if len(ids) == 1:
                state.title_link = ids.pop()
        return


_REF_NUMBER = re.compile(r"^\s*\[\d{1,4}\]\s*")


def quoted_title(state: State) -> None:
    """A title in quotes, at the start or after the authors' names: ``A. Radford, J. Wu, "Title," NAACL 2019``.

    Quotes inside a title (``Making a "Completely Blind" Image Quality Analyzer``) are no title.

    >>> from awesome_parse.grammar import explain
    >>> explain('- A. Radford, J. Wu, "Language Models are Unsupervised Multitask Learners," OpenAI Blog 2019. [[pdf](https://example.org/gpt2.pdf)]')
    title='Language Models are Unsupervised Multitask Learners' (quoted_title)
    authors=['A. Radford', 'J. Wu'] (quoted_title)
    venue='OpenAI Blog 2019' (tail)
    year=2019 (tail)
    """
    if _has_title(state):
        return
    start, (zs, ze) = _start(state), _zone(state)
    start = max(start, zs)
    for s, e in state.free_spans(start, ze):
        m = QUOTED.search(state.text, s, e)
        if not m:
            continue
        before = _REF_NUMBER.sub("", state.text[start : m.start()]).strip(" ,.:*_[]()")
        names = bool(before) and (is_name_list(before) or bool(_ET_AL.search(before)))
        if not before or names:
            group = next(g for g in range(1, 4) if m.group(g) is not None)
            state.mark(m.start(group), m.end(group), "title", "quoted_title")
            state.mark(m.start(), m.start(group), "other", "quoted_title")
            state.mark(m.end(group), m.end(), "other", "quoted_title")
            if names:
                _put(state, "author", before, "quoted_title", start, m.start())
        return


def italic_title(state: State) -> None:
    """An italic run after the authors' names is the title: ``Junyoung Chung, Yoshua Bengio, *Gated Feedback RNNs*, ICML 2015``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- Junyoung Chung, Yoshua Bengio, *Gated Feedback Recurrent Neural Networks*, ICML 2015 [[Paper](https://arxiv.org/abs/1502.02367)]')
    title='Gated Feedback Recurrent Neural Networks' (italic_title)
    authors=['Junyoung Chung', 'Yoshua Bengio'] (italic_title)
    venue='ICML 2015' (tail)
    year=2015 (tail)
    """
    if _has_title(state):
        return
    start, (zs, ze) = _start(state), _zone(state)
    for i, j in _runs(state, "em"):
        s, e = state.span(i, j)
        if s < max(start, zs) or s >= ze or not state.is_free(s, e) or state.atoms[i].strong:
            continue
        before = squash(state.text[max(start, zs) : s]).strip(" ,.;:")
        if before and is_name_list(before) and state.mark(s, e, "title", "italic_title"):
            _put(state, "author", before, "italic_title", max(start, zs), s)
        return


def _venue_label(label: str) -> bool:
    """A link text that is a dated venue (``arXiv 2023``, ``CVPR 2024``), not a title."""
    return word_count(label) <= 4 and bool(YEAR.search(label)) and is_venue_chunk(label)


#: The number of an arXiv id, perhaps after its colon (``:2207.12598``); with ``arXiv`` before it, the
#: whole id as a link's text (``[[arXiv:2305.17432]](url)``).
_ARXIV_NUMBER = re.compile(r"[:：]?\s*\d{4}\.\d{4,5}(?:v\d+)?")
_ID_LABEL = re.compile(r"(?:arxiv\s*)?" + _ARXIV_NUMBER.pattern, re.IGNORECASE)
_LEAD_TAG = re.compile(r"\s*[\[(]\s*([^\[\]()]{2,40}?)\s*[\])]\s*")


def link_title(state: State) -> None:
    """The text of the first link that reads like a title is the title: ``[Mixtral of Experts](url)``.

    A nickname (``[AlexNet](url)``) is the alias and its link the paper's; a dated
    venue (``[arXiv 2023](url)``) the venue; generic words (``Paper``, ``PDF``) neither.

    >>> from awesome_parse.grammar import explain
    >>> explain('- [Mixtral of Experts](https://arxiv.org/abs/2401.04088) - Albert Q. Jiang, Alexandre Sablayrolles. arXiv 2024.')
    title='Mixtral of Experts' (link_title)
    authors=['Albert Q. Jiang', 'Alexandre Sablayrolles'] (tail)
    venue='arXiv 2024' (tail)
    year=2024 (tail)
    """
    if _has_title(state):
        return
    start, (zs, ze) = _start(state), _zone(state)
    seen: set[int] = set()
    for k, a in enumerate(state.atoms):
        idx = a.link
        if idx < 0 or idx in seen or state.starts[k] < max(start, zs) or state.starts[k] >= ze:
            continue
        seen.add(idx)
        link = state.links[idx]
        if link.bare or not is_external(link):
            continue
        label = strip_symbols(link.label)
        if (
            not label
            or is_generic_label(label)
            or is_placeholder(label)
            or label.lower().startswith(("http://", "https://", "www."))
            or _ID_LABEL.fullmatch(label.strip("[]() "))  # "[[2305.17432]](url)": the paper's id, no name
        ):
            continue
        ks = [m for m, b in enumerate(state.atoms) if b.link == idx]
        s, e = state.starts[ks[0]], state.ends[ks[-1]]
        if _venue_label(label):
            state.mark(s, e, "venue", "link_title")
            continue
        tag = _LEAD_TAG.match(state.text, s, e)
        if tag and _group_label(tag.group(1)) in ("venue", "date") and word_count(state.text[tag.end() : e]) >= 2:
            # "[[2018 ICLR] Mixup: Beyond Empirical Risk Minimization](url)": the venue tag inside the link
            state.mark(tag.start(1), tag.end(1), _group_label(tag.group(1)), "link_title")
            s = tag.end()
        state.title_link = idx
        # in a title column every link text names the paper; elsewhere a nickname is an alias
        titled = (
            is_title_like(label)
            or (state.unit.shape is Shape.TABLE_ROW and "zone" in state.facts)
            # "[NeurIPS 2018] [Video-to-Video Synthesis](url)": after a venue tag two words are a title
            or (word_count(label) >= 2 and state.has("venue") and not _NICKNAME.fullmatch(label))
        )
        label_kind = "title" if titled else "alias"
        cut = _venue_suffix(state.text[s:e]) if label_kind == "title" else None
        if cut is not None:
            state.mark(s + cut[0], s + cut[1], "venue", "link_title")
            e = s + cut[0]
        group = _venue_group_suffix(state.text[s:e]) if label_kind == "title" else None
        if group is not None:
            state.mark(s + group[1], s + group[2], group[3], "link_title")
            e = s + group[0]
        by = _by_suffix(state.text[s:e]) if label_kind == "title" else None
        if by is not None:
            state.mark(s + by[1], e, "author", "link_title")
            e = s + by[0]
        s2, e2 = _undecorated(state.text, s, e)
        state.mark(s2, e2, label_kind, "link_title")
        _consume(state, [(s, e + (by[1] - by[0] if by else 0))], "link_title")  # the dashes and "by" around it
        return


def heading_text(state: State) -> None:
    """A heading's own text, after its number and bracketed venue, is the title (``### 12. [CVPR '24] Title``),
    or, when it does not read as one, the paper's nickname (``### GPT-3``).

    >>> from awesome_parse.grammar import explain
    >>> explain("## Papers\\n\\n### 12. [CVPR '24] Generative Image Dynamics\\n\\n**Authors**: Zhengqi Li, Richard Tucker\\n\\n[[Paper](https://arxiv.org/abs/2309.07906)]")
    title='Generative Image Dynamics' (heading_text)
    authors=['Zhengqi Li', 'Richard Tucker'] (key_labels)
    venue="CVPR '24" (lead_groups)
    year=2024 (lead_groups)
    """
    if _has_title(state) or "zone" not in state.facts or state.unit.shape is not Shape.HEADING:
        return
    start, (zs, ze) = _start(state), _zone(state)
    spans = state.free_spans(max(start, zs), ze)
    if not spans:
        return
    s, e = spans[0][0], spans[-1][1]
    text = strip_symbols(squash(state.text[s:e])).strip(" :：")
    if not text or is_generic_label(text):
        return
    found = _find(state, text, s, e)
    if found is None:
        return
    state.mark(found[0], found[1], "title" if is_title_like(text) else "alias", "heading_text")


def cell_title(state: State) -> None:
    """In a title column the cell's text is the title (``| Train Short, Test Long: ... |``), footnote marks
    (``[3]``), generic links and placeholders (``-``, ``Coming soon``) aside.  A cell that goes on, after a
    forced break, with a citation (``Title<br>Mark Chen et al.``) gives the title its first lines only
    (never cut after a colon or comma: a title wrapped over lines goes on).

    >>> from awesome_parse.grammar import explain
    >>> explain('| Paper | Code |\\n|---|---|\\n| Train Short, Test Long: Attention with Linear Biases [[arXiv](https://arxiv.org/abs/2108.12409)] | [Code](https://github.com/ofirpress/attention_with_linear_biases) |')
    title='Train Short, Test Long: Attention with Linear Biases' (cell_title)
    year=2021 (arxiv_id)
    """
    if _has_title(state) or "zone" not in state.facts or state.unit.shape is not Shape.TABLE_ROW:
        return
    start, (zs, ze) = _start(state), _zone(state)
    lines = _text_lines(state, max(start, zs), ze)
    texts = [strip_symbols(squash(_FOOTNOTE.sub(" ", state.text[a:b]))).strip(" |[]()") for a, b in lines]
    keep = [(span, text) for span, text in zip(lines, texts, strict=True) if text and not is_placeholder(text)]
    if not keep or is_generic_label(keep[0][1]):
        return
    cut = len(keep)
    for k in range(1, len(keep)):
        if keep[k - 1][1].endswith((":", "：", ",", "-")):
            continue
        rest = read_tail(" · ".join(text for _span, text in keep[k:]))
        if rest.authors is not None or (rest.venue is not None and (rest.year or rest.date)):
            cut = k
            break
    first, last = keep[0][0][0], keep[cut - 1][0][1]
    state.mark(first, last, "title", "cell_title")
    for m in _FOOTNOTE.finditer(state.text, first, last):
        state.mark(m.start(), m.end(), "other", "cell_title")


def _text_lines(state: State, start: int, end: int) -> list[tuple[int, int]]:
    """The free text of ``[start, end)`` outside links, cut at forced breaks: one span per line."""
    out: list[tuple[int, int]] = []
    cur: tuple[int, int] | None = None
    for k in state.atoms_in(start, end):
        a = state.atoms[k]
        s, e = max(start, state.starts[k]), min(end, state.ends[k])
        generic_link = a.link >= 0 and is_generic_label(state.links[a.link].label)
        if (a.kind == "break" and a.hard) or generic_link:
            if cur is not None:
                out.append(cur)  # a line ends at a forced break, and the text at a [[pdf](url)] link
            cur = None
        elif a.link < 0 and state.is_free(s, e):
            cur = (cur[0] if cur else s, e)
    if cur is not None:
        out.append(cur)
    return [_trimmed(state.text, s, e) for s, e in out if state.text[s:e].strip(" |[]()")]


def _trimmed(text: str, start: int, end: int) -> tuple[int, int]:
    """``[start, end)`` without spaces and stray brackets at its ends (``Title [`` -> ``Title``);
    a bracket closing one opened inside stays (``Models (LLMs)``)."""
    pairs = {")": "(", "]": "["}
    while start < end:
        ch = text[start]
        if ch in " |)]" or (ch in "([" and text.count({"(": ")", "[": "]"}[ch], start, end) == 0):
            start += 1
        else:
            break
    while end > start:
        ch = text[end - 1]
        if ch in " |([" or (ch in pairs and text.count(pairs[ch], start, end) < text.count(ch, start, end)):
            end -= 1
        else:
            break
    return start, end


def body_title(state: State) -> None:
    """A heading that holds no title (a nickname: ``### GPT-3``) leaves it to the body: ``[Title](url)`` below it.

    >>> from awesome_parse.grammar import explain
    >>> explain('## Models\\n\\n### GPT-3\\n\\n[Language Models are Few-Shot Learners](https://arxiv.org/abs/2005.14165)\\n')
    title='Language Models are Few-Shot Learners' (link_title)
    aliases=['GPT-3'] (heading_text)
    year=2020 (arxiv_id)
    """
    if _has_title(state) or "zone" not in state.facts or state.unit.shape is not Shape.HEADING:
        return
    state.facts["zone"] = (_zone(state)[1], len(state.text))
    state.facts["start"] = _zone(state)[0]
    for rule in (bold_title, quoted_title, link_title):
        rule(state)


_GROUP_AT_END = re.compile(r"\s{0,3}[(\[]\s{0,3}([^()\[\]]{2,48}?)\s{0,3}[)\]]\s{0,3}[.:]?\s{0,3}$")


def _venue_group_suffix(text: str) -> tuple[int, int, int, str] | None:
    """Where a dated venue or a year in brackets ends a title (``Graph Capsule Networks (ICML 2018)``,
    ``Message Passing Graph Kernels (2018)``): the end of the title, the group's span and its label
    (``venue`` or ``date``), else ``None``.  A nickname (``(GraphSAGE)``) is neither.

    >>> _venue_group_suffix("Graph Capsule Networks (ICML 2018)"), _venue_group_suffix("Inductive Learning (GraphSAGE)")
    ((22, 24, 33, 'venue'), None)
    >>> _venue_group_suffix("Graph Kernels (2018)"), _venue_group_suffix("Graph2vec Embeddings (MLGWorkshop 2017)")[3]
    ((13, 15, 19, 'date'), 'venue')
    """
    m = _GROUP_AT_END.search(text)
    if m is None or m.start() == 0 or word_count(text[: m.start()]) < 1 or not text[: m.start()].strip():
        return None
    inner = m.group(1)
    if YEAR_ONLY.match(inner):
        return m.start(), m.start(1), m.end(1), "date"
    if year_of(inner) is None:
        return None
    short = word_count(inner) <= 3 and inner[:1].isupper() and not is_date(inner)
    if _group_label(inner) != "venue" and not short:
        return None
    return m.start(), m.start(1), m.end(1), "venue"


def _venue_suffix(text: str) -> tuple[int, int] | None:
    """Where a dated venue ends a linked title (``Title, TIST 2021``): the venue's span, else ``None``."""
    k = text.rfind(", ")
    if k <= 0:
        return None
    venue = text[k + 2 :].strip()
    if (
        word_count(venue) <= 4
        and year_of(venue) is not None
        and _group_label(venue) == "venue"
        and word_count(text[:k]) >= 3
    ):
        return k + 2, len(text.rstrip())
    return None


#: ``by`` after a dash, comma or bracket (``Title --- by Leo Breiman``): a plain ``by`` is part of many
#: titles (``... Guided by Monte Carlo Tree Search``).
_BY_NAMES = re.compile(r"(?:\s{0,3}[-–—,;:]){1,6}\s{0,3}by\s+|(?<=\))\s{0,3}by\s+", re.IGNORECASE)
_DECORATION = " \t\n-–—=~"


def _by_suffix(text: str) -> tuple[int, int] | None:
    """Where ``Title --- by A. Author, B. Author`` names the authors in a link's text: the end of the
    title and the start of the names, else ``None``.

    >>> _by_suffix("Random Forests --- by Leo Breiman"), _by_suffix("Code Models Guided by Tree Search")
    ((14, 22), None)
    """
    for m in list(_BY_NAMES.finditer(text))[-3:][::-1]:  # the last few: each try reads the names after it
        if m.start() > 0 and is_name_list(text[m.end() :]) and text[: m.start()].strip(" -–—"):
            return m.start(), m.end()
    return None


def _undecorated(text: str, s: int, e: int) -> tuple[int, int]:
    """The span ``[s, e)`` without the dashes or rules that decorate it: ``--- Random Forests ---``."""
    piece = text[s:e]
    start = s + len(piece) - len(piece.lstrip(_DECORATION))
    end = s + len(piece.rstrip(_DECORATION))
    return (start, end) if start < end else (s, e)


def link_texts(state: State) -> None:
    """The texts of the other links are no part of the citation: ``[[pdf](url)]``, ``[Code](url)``, badges.

    A link whose text is a dated venue (``[NeurIPS 2023](url)``) names the venue.

    >>> from awesome_parse.grammar import explain
    >>> explain('- **Denoising Diffusion Implicit Models** [[pdf](https://arxiv.org/abs/2010.02502)] [[NeurIPS 2020](https://example.org/x)]')
    title='Denoising Diffusion Implicit Models' (bold_title)
    venue='NeurIPS 2020' (link_texts)
    year=2020 (link_texts)

    A person's name linked after ``by`` is the author (the link is their page):

    >>> explain('1. "Recommendation in Dialogue Systems". By [Mara Quinn](https://example.org/~mq)(2019). [[PDF]](https://example.org/thesis.pdf)')
    title='Recommendation in Dialogue Systems' (quoted_title)
    authors=['Mara Quinn'] (link_texts)
    year=2019 (tail)
    """
    k = 0
    atoms = state.atoms
    while k < len(atoms):
        idx = atoms[k].link
        if idx < 0 or idx == state.title_link:
            k += 1
            continue
        j = k
        while j + 1 < len(atoms) and atoms[j + 1].link == idx:
            j += 1
        label = strip_symbols(state.links[idx].label)
        s, e = state.span(k, j)
        if label and _venue_label(label) and not state.has("venue") and state.is_free(s, e):
            state.mark(s, e, "venue", "link_texts")
        elif label and _BY_BEFORE.search(state.text, max(0, s - 8), s) and is_name_list(label):
            # "By [Yueming Sun](homepage)": the author, linked to a page of theirs, not to the paper
            if not state.has("author"):
                state.mark(s, e, "author", "link_texts")
            _link_roles(state, k, j, "author")
        else:
            for a, b in state.free_spans(s, e):
                state.mark(a, b, "other", "link_texts")
        k = j + 1


_BY_BEFORE = re.compile(r"\b[Bb]y:?\s*$")


def code_spans(state: State) -> None:
    """A code span is a date (`` `2023.10` ``), a venue (`` `ICLR 2019` ``) or a label (`` `score` ``, a tag).

    A code span right after the title stands where the venue is written: ``**Title.** `Online```.

    >>> from awesome_parse.grammar import explain
    >>> explain('- **Grounded Language-Image Pre-training.** `CVPR 2022` [[pdf](https://arxiv.org/abs/2112.03857)]')
    title='Grounded Language-Image Pre-training' (bold_title)
    venue='CVPR 2022' (code_spans)
    year=2022 (code_spans)
    """
    if state.unit.shape is Shape.TABLE_ROW:
        return  # a table says dates and venues in its columns
    for k, a in enumerate(state.atoms):
        if a.kind != "code" or a.link >= 0:
            continue
        s, e = state.starts[k], state.ends[k]
        code = a.text.strip()
        if not code or not state.is_free(s, e):
            continue
        if is_date(code):
            state.mark(s, e, "date", "code_spans")
        elif (
            is_venue_chunk(code) or looks_like_venue(code) or _right_after_title(state, s)
        ) and code not in _title_texts(state):
            state.mark(s, e, "venue" if not state.has("venue") else "other", "code_spans")
        else:
            state.mark(s, e, "tag", "code_spans")


def _right_after_title(state: State, offset: int) -> bool:
    """True when only punctuation stands between the title and ``offset`` (where a venue is written)."""
    end = _title_end(state)
    return 0 <= end <= offset and not state.text[end:offset].strip(" .,:;*_-–—")


def _title_texts(state: State) -> str:
    return " ".join(state.text[m.start : m.end] for m in state.marked("title"))


_ET_AL = re.compile(r"\bet\.?\s*al\b\.?", re.IGNORECASE)


def italic_runs(state: State) -> None:
    """An italic run after the title is the authors (``*Luping Liu et al.*``) or, when it reads as one, the venue (``*ICCV 2023*``).

    >>> from awesome_parse.grammar import explain
    >>> explain('- [Pseudo Numerical Methods for Diffusion Models](https://arxiv.org/abs/2202.09778) *Luping Liu, Yi Ren et al.* *ICLR 2022*')
    title='Pseudo Numerical Methods for Diffusion Models' (link_title)
    authors=['Luping Liu', 'Yi Ren'] (italic_runs)
    venue='ICLR 2022' (tail)
    year=2022 (tail)
    """
    end_title = _title_end(state)
    if end_title < 0:
        return
    first_link = _first_link_after(state, end_title)
    known = state.has("author")
    for i, j in _runs(state, "em"):
        s, e = state.span(i, j)
        free = state.free_spans(s, min(e, first_link))
        if s < end_title or s >= first_link or state.atoms[i].strong or not free or free[0][0] != s:
            continue
        e = free[0][1]  # up to a link inside the italics: "by<i> A, B (<a>Github</a>)"
        while e > s and state.text[e - 1] in " \n,;(":
            e -= 1
        text = squash(state.text[s:e])
        if not text:
            continue
        between = state.text[end_title:s].strip()
        after = squash(state.text[e:first_link]).strip(" .,;")
        if between in (":", "：") and not after and word_count(text) <= 3 and "," not in text:
            # "[**Deep Speech: Scaling up ...**](url) : *Deep Speech*": the nickname after a colon
            state.mark(s, e, "alias", "italic_runs")
            return
        # names written before the italics ("— Lilian Weng. *Lil'Log* 2026."): the italics are the venue
        named_before = (
            not known and not is_name_list(text) and is_name_list(squash(state.text[end_title:s]).strip(" .,;:—–-"))
        )
        if not state.has("venue") and (
            _italic_venue(text) or named_before or (known and is_venue_chunk(text) and not is_name_list(text))
        ):
            year = _YEAR_AFTER.match(state.text, e, first_link)
            if year and not YEAR.search(text) and state.is_free(e, year.end()):
                e = year.end()  # "*ICLR* 2023": the venue and its year, as written
            state.mark(s, e, "venue", "italic_runs")
            continue
        if known:
            return
        cut = _names_then_venue(state.text, s, e)
        if cut is not None and not state.has("venue"):
            # "*Deyao Zhu, Jun Chen. arXiv.*": the authors, then the venue, in one italic run
            state.mark(s, cut[0], "author", "italic_runs")
            state.mark(cut[1], e, "venue", "italic_runs")
            return
        state.mark(s, e, "author", "italic_runs")
        return


def _names_then_venue(text: str, s: int, e: int) -> tuple[int, int] | None:
    """Where ``Names. Venue`` in ``text[s:e]`` turns from the names to the venue: the end of the names
    and the start of the venue, else ``None``.

    >>> _names_then_venue("Deyao Zhu, Jun Chen. arXiv", 0, 26), _names_then_venue("Deyao Zhu, Jun Chen", 0, 19)
    ((19, 21), None)
    """
    k = text.rfind(". ", s, e)
    if k <= s:
        return None
    names, venue = text[s:k], text[k + 2 : e].strip(" .")
    names = re.sub(r"\s*\([^()]*\)", "", names)  # "Sil Hamilton (McGill University)": the lab is no name
    if not venue or not is_name_list(names) or is_name_list(venue):
        return None
    if not (_italic_venue(venue) or (is_venue_chunk(venue) and word_count(venue) <= 6)):
        return None
    return k, k + 2


_YEAR_AFTER = re.compile(r"[\s,]{0,3}(?:19|20)\d\d(?!\d)")


def _italic_venue(text: str) -> bool:
    """An italic run that is a venue: dated (``*ICCV 2023*``), led like one (``*In Proceedings of*``),
    or a known venue's short name (``*ICLR*``, ``*ACL Findings*``).

    >>> _italic_venue("ICLR"), _italic_venue("ACL Findings"), _italic_venue("Yao Li"), _italic_venue("Luping Liu et al.")
    (True, True, False, False)
    """
    if _ET_AL.search(text) or is_name_list(text) or not is_venue_chunk(text):
        return False
    words = text.split()
    known = bool(words) and len(words) <= 3 and is_venue_acronym(words[0])
    return known or bool(YEAR.search(text)) or looks_like_venue_lead(text)


# "--- SpanBERT ---", "— MT-DNN—": a short name between long dashes (a single hyphen may be inside it)
_DASHED = re.compile(r"\s*(?:-{2,}|[—–])\s*([^\s\-—–](?:[^\-—–\n]|-(?!-)){0,30}?)\s*(?:-{2,}|[—–])")


def dashed_alias(state: State) -> None:
    """A nickname set off by long dashes right after the title is an alias: ``Title --- SpanBERT --- by ...``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- Improving Pre-training by Representing and Predicting Spans --- SpanBERT --- by Mandar Joshi, Danqi Chen [[arXiv](https://arxiv.org/abs/1907.10529)]')
    title='Improving Pre-training by Representing and Predicting Spans' (text_title)
    aliases=['SpanBERT'] (dashed_alias)
    authors=['Mandar Joshi', 'Danqi Chen'] (tail)
    year=2019 (arxiv_id)
    """
    end = _title_end(state)
    if end < 0:
        return
    m = _DASHED.match(state.text, end)
    if m and state.is_free(m.start(), m.end()) and word_count(m.group(1)) <= 3:
        state.mark(m.start(1), m.end(1), "alias", "dashed_alias")
        state.mark(m.start(), m.start(1), "other", "dashed_alias")
        state.mark(m.end(1), m.end(), "other", "dashed_alias")


def later_aliases(state: State) -> None:
    """A bold nickname in parentheses after the title is an alias: ``Title (**ULMFiT**)``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- [Universal Language Model Fine-tuning for Text Classification](https://arxiv.org/abs/1801.06146) (**ULMFiT**)')
    title='Universal Language Model Fine-tuning for Text Classification' (link_title)
    aliases=['ULMFiT'] (later_aliases)
    year=2018 (arxiv_id)
    """
    end_title = _title_end(state)
    if end_title < 0:
        return
    for i, j in _runs(state, "strong"):
        s, e = state.span(i, j)
        if s > end_title and _inside_parens(state, s) and word_count(_run_text(state, i, j)) <= 4:
            state.mark(s, e, "alias", "later_aliases")


# ---------------------------------------------------------------- text rules


def _text_run_end(state: State, start: int, end: int) -> int:
    """Where plain text from ``start`` ends: at a link, a forced break, or a code span after text."""
    for k in state.atoms_in(start, end):
        a = state.atoms[k]
        if state.starts[k] < start:
            continue
        if a.link >= 0 or a.kind == "break":
            return state.starts[k]
        if a.kind == "code" and state.text[start : state.starts[k]].strip():
            return state.starts[k]
    return end


def text_title(state: State) -> None:
    """Without markup the title is the text before the links, cut where a citation begins: ``Title. A. Author. ICCV 2023.``

    Authors written first are read off it (``Vaswani, A., Shazeer, N. (2017). Title.``).
    A short nickname before the links is an alias (``Mamba [[paper](url)]``).

    >>> from awesome_parse.grammar import explain
    >>> explain('- Classifier-Free Diffusion Guidance [[pdf](https://arxiv.org/abs/2207.12598)]')
    title='Classifier-Free Diffusion Guidance' (text_title)
    year=2022 (arxiv_id)
    """
    if state.unit.shape is Shape.TABLE_ROW:
        return  # a table says these in its columns
    if _has_title(state):
        return
    start, (zs, ze) = _start(state), _zone(state)
    pos = max(start, zs)
    for s, e in state.free_spans(pos, ze):
        end = _text_run_end(state, s, e)
        raw = state.text[s:end]
        url = BARE_URL.search(raw)
        if url:  # "Title. https://www.example.org/paper": a URL written out ends the title as a link would
            raw = raw[: url.start()]
        if not strip_symbols(raw).strip(" .,:;[]()|·"):
            continue
        text = raw
        lead = split_leading_authors(text)
        if lead is not None:
            names, year, text = lead
            _put(state, "author", names, "text_title", s, end)
            if year:
                _put(state, "date", year, "text_title", s, end)
        cut = re.split(r"\s[-–—|]\s|\[|\(", text, maxsplit=1)[0]
        dashed = _DASHED.search(cut)
        if dashed and dashed.start() > 0:
            cut = cut[: dashed.start()]  # "Title --- MT-DNN --- by ...": the nickname is read by dashed_alias
        title, cited = split_title(cut)
        title = strip_symbols(squash(title)).rstrip(" .,:;").lstrip(" :：])|")
        if title and (is_title_like(title) or (cited and not is_generic_label(title))) and word_count(title) <= 40:
            _put(state, "title", title, "text_title", s, end)
        elif title and end < ze and word_count(title) <= 3 and not is_generic_label(title):
            _put(state, "alias", title, "text_title", s, end)
        return


def before_title(state: State) -> None:
    """Text between the prefixes and a bold or linked title: bracketed venues, or the authors (``Vaswani A, et al. **Title**``).

    >>> from awesome_parse.grammar import explain
    >>> explain('- Vaswani A, Shazeer N, et al. **Attention is all you need** NeurIPS 2017 [[pdf](https://arxiv.org/abs/1706.03762)]')
    title='Attention is all you need' (bold_title)
    authors=['Vaswani A', 'Shazeer N'] (before_title)
    venue='NeurIPS 2017' (tail)
    year=2017 (tail)
    """
    if state.unit.shape is Shape.TABLE_ROW:
        return  # a table says these in its columns
    title_start = _title_start(state)
    start = _start(state)
    if title_start <= start:
        return
    for s, e in state.free_spans(start, title_start):
        for m in _BRACKET_GROUP.finditer(state.text, s, e):
            inner = m.group(1) or m.group(2)
            label = _group_label(inner)
            if label in ("date", "venue"):
                offset = m.start(1) if m.group(1) is not None else m.start(2)
                state.mark(offset, offset + len(inner), label, "before_title")
    names = squash(" ".join(state.text[s:e] for s, e in state.free_spans(start, title_start))).strip(" .,;:")
    names, year = _year_after_names(names)
    if names and not state.has("author") and is_name_list(names):
        _put(state, "author", names, "before_title", start, title_start)
        if year and not state.has("date"):
            _put(state, "date", year, "before_title", start, title_start)


#: A year written after the authors, before the title, as ACL and APA do: ``Bo Li. 2020.``,
#: ``Luke Zettlemoyer. 2022a.``, ``Smith, J. (2019).``
_YEAR_AFTER_NAMES = re.compile(r"[.,]?\s{0,3}\(?((?:19|20)\d\d)[a-z]?\)?[.,:]?\s{0,3}$")


def _year_after_names(text: str) -> tuple[str, str | None]:
    """``text`` without the year that ends it, and that year.

    >>> _year_after_names("Anoop Kunchukuttan and Bo Li. 2020"), _year_after_names("Smith, J. (2019)")
    (('Anoop Kunchukuttan and Bo Li.', '2020'), ('Smith, J.', '2019'))
    """
    m = _YEAR_AFTER_NAMES.search(text)
    if m is None or m.start() == 0:
        return text, None
    return text[: m.start(1)].rstrip(" (,;:"), m.group(1)


_BRACKET_GROUP = re.compile(r"\(([^()]{2,60})\)|\[([^\[\]]{2,60})\]")


def reference_authors(state: State) -> None:
    """In a numbered reference the text before the title is the authors: ``[3] Hinton, G. E. **Title**``.

    >>> from awesome_parse.grammar import explain
    >>> explain('**[3]** Hinton, Geoffrey E., and Ruslan R. Salakhutdinov. "**Reducing the dimensionality of data with neural networks.**" Science 313.5786 (2006): 504-507. [[pdf](https://example.org/b.pdf)]')
    title='Reducing the dimensionality of data with neural networks' (bold_title)
    authors=['Hinton, Geoffrey E.', 'Ruslan R. Salakhutdinov'] (reference_authors)
    venue='Science' (tail)
    year=2006 (tail)
    """
    if not state.unit.reference or state.has("author"):
        return
    title_start = _title_start(state)
    if title_start <= 0:
        return
    before = squash(" ".join(state.text[s:e] for s, e in state.free_spans(0, title_start)))
    before = _REF_NUMBER.sub("", before).strip(" ,.:\"'“”‘’")
    before, year = _year_after_names(before)
    if before:
        _put(state, "author", before, "reference_authors", 0, title_start)
        if year and not state.has("date"):
            _put(state, "date", year, "reference_authors", 0, title_start)


_ONLINE = re.compile(r"\[\s*online\s*\]\.?|\bavailable(?:\s+(?:at|from|online))?\s*:", re.IGNORECASE)
_BARE = re.compile(r"(?<![\w/])(?:https?://|www\.)\S+", re.IGNORECASE)
_SUMMARY_SEP = re.compile(r"^\s*(?:[-–—:：|]|\s-\s)\s*")
_BRACKETED = re.compile(r"\[([^\[\]]{2,80})\]")


def tail(state: State) -> None:
    """The text after the title, up to its links, is its citation: ``- Lvmin Zhang, Anyi Rao. ICCV 2023.``

    Cut into chunks and named by :func:`~awesome_parse.grammar.text.read_tail`:
    authors, venue, year, affiliations in parentheses, else a summary.

    >>> from awesome_parse.grammar import explain
    >>> explain('- [Adding Conditional Control to Text-to-Image Diffusion Models](https://arxiv.org/abs/2302.05543) - Lvmin Zhang, Anyi Rao, Maneesh Agrawala. ICCV 2023.')
    title='Adding Conditional Control to Text-to-Image Diffusion Models' (link_title)
    authors=['Lvmin Zhang', 'Anyi Rao', 'Maneesh Agrawala'] (tail)
    venue='ICCV 2023' (tail)
    year=2023 (tail)
    """
    end_title = _title_end(state)
    if end_title < 0:
        return
    authors = state.marked("author")
    begin = max([end_title] + [m.end for m in authors if m.start >= end_title])
    first_link = _first_link_after(state, begin)
    if state.unit.shape is Shape.TABLE_ROW:
        # in a table only the title cell's later lines hold a citation: "Title<br>Authors<br>Venue"
        zone_end = _zone(state)[1]
        brk = state.text.find("\n", begin, zone_end)
        if brk < 0:
            return
        begin, first_link = brk, zone_end
    spans = state.free_spans(begin, first_link)
    if not spans:
        return
    seg_start, seg_end = spans[0][0], spans[-1][1]
    raw = squash(" · ".join(_segment_text(state, s, e) for s, e in spans))
    if "http" in raw or "www." in raw or "vailable" in raw or "nline" in raw:
        raw = squash(_BARE.sub(" ", _ONLINE.sub(" ", raw)))  # IEEE: "... 2019. [Online]. Available: https://..."
    between = raw.strip(" .,;[(·")
    if not between or _ARXIV_NUMBER.fullmatch(between):
        return  # nothing, or only the number of an arXiv id whose "arXiv:" a rule before read
    title_rule = _title_rule(state)
    if not _BRACKETED.search(between):
        found = read_tail(raw, authors_known=state.has("author"))
        if found.found and (found.authors is None or not state.has("author")):
            _apply_tail(state, found, "tail", seg_start, seg_end, summary=title_rule != "bold_title")
            _consume(state, spans, "tail")
            return
    brackets = [b.strip() for b in _BRACKETED.findall(raw)]
    if brackets:
        for b in brackets:
            label = _group_label(b)
            if label == "date" and not state.has("date"):
                _put(state, "date", b, "tail", seg_start, seg_end)
            elif label != "date" and not is_generic_label(b) and not state.has("venue"):
                _put(state, "venue", b, "tail", seg_start, seg_end)
    elif title_rule in ("link_title", "text_title") and _SUMMARY_SEP.match(between):
        _put(state, "summary", _SUMMARY_SEP.sub("", raw.rstrip(" [("), count=1).strip(), "tail", seg_start, seg_end)
    elif (state.has("author") or state.unit.reference or title_rule == "bold_title") and looks_like_venue(between):
        if not state.has("venue"):
            _put(state, "venue", between, "tail", seg_start, seg_end)
    elif _own_line(state, seg_start):
        _put(state, "summary", raw.strip(" ·"), "tail", seg_start, seg_end)  # a paragraph of its own
    elif _SUMMARY_SEP.match(between) or len(between) > 60:
        _put(state, "summary", _SUMMARY_SEP.sub("", between, count=1).strip(), "tail", seg_start, seg_end)
    _consume(state, spans, "tail")


def _own_line(state: State, offset: int) -> bool:
    """True when the text at ``offset`` starts a line or paragraph of its own (after a forced break)."""
    while offset < len(state.text) and state.text[offset].isspace():
        offset += 1
    k = state.atom_at(offset)
    while k > 0 and state.atoms[k - 1].kind == "break":
        if state.atoms[k - 1].hard:
            return True
        k -= 1
    return False


def _segment_text(state: State, s: int, e: int) -> str:
    """A free span's text, a forced break read as a chunk boundary (`` · ``)."""
    out: list[str] = []
    for k in state.atoms_in(s, e):
        a = state.atoms[k]
        if a.kind == "break":
            out.append(" · " if a.hard else " ")
        else:
            out.append(state.text[max(s, state.starts[k]) : min(e, state.ends[k])])
    return "".join(out)


def _title_rule(state: State) -> str | None:
    titles = state.marked("title")
    if titles:
        return titles[0].rule
    values = [v for v in state.values if v.label == "title"]
    if values:
        return values[0].rule
    return "link_title" if state.title_link >= 0 else None


def _apply_tail(state: State, found: Tail, rule: str, start: int, end: int, *, summary: bool) -> None:
    for label, attr in (("author", "authors"), ("venue", "venue"), ("date", "year"), ("date", "date")):
        value = getattr(found, attr)
        if value and not state.has(label):
            _put(state, label, value, rule, start, end)
    for place in found.affiliations:
        _put(state, "affiliation", place, rule, start, end)
    for alias in found.aliases:
        _put(state, "alias", alias, rule, start, end)
    text = found.summary
    if summary and text and not state.has("summary"):
        _put(state, "summary", text, rule, start, end)


def _consume(state: State, spans: list[tuple[int, int]], rule: str) -> None:
    for s, e in spans:
        for a, b in state.free_spans(s, e):
            state.mark(a, b, "other", rule)


_WORDS = re.compile(r"[^\W\d_]{2,}")


def late_citation(state: State) -> None:
    """A citation written after the links: ``**Title** [(pdf)](url)<br>Dumoulin, V. and Kudlur, M.<br>ICLR, 2017``.

    >>> from awesome_parse.grammar import explain
    >>> explain('- **Learned Representations for Artistic Style** [(pdf)](https://arxiv.org/abs/1610.07629)<br>Dumoulin, V. and Kudlur, M.<br>ICLR, 2017')
    title='Learned Representations for Artistic Style' (bold_title)
    authors=['Dumoulin, V.', 'Kudlur, M'] (late_citation)
    venue='ICLR' (late_citation)
    year=2017 (late_citation)
    """
    if state.unit.shape is Shape.TABLE_ROW:
        return  # a table says these in its columns
    if state.has("author") or not _has_title(state):
        return
    end_title = _title_end(state)
    first_link = _first_link_after(state, end_title)
    if first_link >= len(state.text):
        return
    spans = [
        (s, e)
        for s, e in state.free_spans(first_link)
        if all(state.atoms[k].kind != "code" for k in state.atoms_in(s, e))
    ]
    late = squash(" · ".join(_segment_text(state, s, e) for s, e in spans)).strip(" .,;·|[]()")
    if not spans or not _WORDS.search(late):
        return
    found = read_tail(late)
    if found.authors is not None:
        start, end = spans[0][0], spans[-1][1]
        _put(state, "author", found.authors, "late_citation", start, end)
        if not state.has("venue"):
            _put(state, "venue", found.venue, "late_citation", start, end)
        if not state.has("date"):
            _put(state, "date", found.year, "late_citation", start, end)


_AFTER_GROUPS = re.compile(r"\[[^\]]*\]|\((?!(?:19|20)\d\d\))[^)]*\)")
_TRAIL_YEAR = re.compile(r"(?:^|[\s,(])((?:19|20)\d\d)[\s).]*$")


def trailing_year(state: State) -> None:
    """A year at the very end, after the links, is the paper's: ``[[PDF](url)], 2020.``

    >>> from awesome_parse.grammar import explain
    >>> explain('- Language Models are Few-Shot Learners [[PDF](https://arxiv.org/abs/2005.14165)], 2020.')
    title='Language Models are Few-Shot Learners' (text_title)
    year=2020 (trailing_year)

    A dated venue written there is the venue:

    >>> explain('- [Optimal Reciprocal Avoidance](https://example.org/orca.pdf), [website](https://example.org/orca/), ICRA 2010.')
    title='Optimal Reciprocal Avoidance' (link_title)
    venue='ICRA 2010' (trailing_year)
    year=2010 (trailing_year)
    """
    if state.unit.shape is Shape.TABLE_ROW:
        return  # a table says these in its columns
    if state.has("date"):
        return
    first_link = _first_link_after(state, max(_title_end(state), 0))
    if first_link >= len(state.text):
        return
    after = _AFTER_GROUPS.sub(" ", squash(state.text[first_link:]))
    m = _TRAIL_YEAR.search(after.strip())
    if m:
        # "[Title](pdf), [website](url), ICRA 2010.": the free text ending in the year names the venue
        spans = state.free_spans(first_link)
        last = squash(state.text[spans[-1][0] : spans[-1][1]]).strip(" ,;.·|") if spans else ""
        if last and not state.has("venue") and YEAR.search(last) and is_venue_chunk(last) and not is_name_list(last):
            _put(state, "venue", last, "trailing_year", spans[-1][0], spans[-1][1])
        _put(state, "date", m.group(1), "trailing_year", first_link, len(state.text))


def link_summary(state: State) -> None:
    """After a linked title, text after a dash is the summary: ``[Title](url) - Improves sampling with ...``

    >>> from awesome_parse.grammar import explain
    >>> explain('- [Denoising Diffusion Implicit Models](https://arxiv.org/abs/2010.02502) | [Code](https://github.com/ermongroup/ddim) - faster sampling with fewer steps')
    title='Denoising Diffusion Implicit Models' (link_title)
    year=2020 (arxiv_id)
    summary='faster sampling with fewer steps' (link_summary)
    """
    if state.unit.shape is Shape.TABLE_ROW:
        return  # a table says these in its columns
    if state.has("summary") or state.title_link < 0 or _title_rule(state) not in ("link_title",):
        return
    end = _title_end(state)
    rest = squash(" ".join(state.text[s:e] for s, e in state.free_spans(end)))
    if _SUMMARY_SEP.match(rest) and len(rest) > 3:
        _put(state, "summary", _SUMMARY_SEP.sub("", rest, count=1).strip(), "link_summary", end, len(state.text))


# ---------------------------------------------------------------- the citation labeler

#: The labeler's labels as the grammar's (``year`` tokens hold the date), and the marks that constrain it.
_LABELER_FIELDS = {"author": "author", "title": "title", "venue": "venue", "year": "date"}
_CONSTRAINING = {"title": "title", "author": "author", "venue": "venue", "date": "year", "year": "year"}
_YEAR_WORD = re.compile(r"^(?:19|20)\d\d$")
#: Free text longer than this is prose (a summary, an abstract), never a citation: the labeler skips it.
LABELER_MAX_CHARS = 400


def citation_view(state: State) -> tuple[str, list[int], list[tuple[str, ...]]]:
    """The unit's citation as the labeler reads it: its text without resource links, code spans and
    prefixes, the offset in ``state.text`` of each character, and each character's markup.

    >>> from awesome_parse.grammar.atoms import Atom
    >>> from awesome_parse.grammar.unit import Unit
    >>> s = State(Unit(Shape.LIST_ITEM, [Atom("text", "Title", 1, strong=True), Atom("text", " A. B. ", 1),
    ...                                   Atom("text", "pdf", 1, link=0)], [], 1, 1))
    >>> text, offsets, marks = citation_view(s)
    >>> text, offsets[6], marks[0]
    ('Title A. B.  ', 6, ('bold',))
    """
    start = _start(state)
    chars: list[str] = []
    offsets: list[int] = []
    marks: list[tuple[str, ...]] = []
    for k, a in enumerate(state.atoms):
        if state.ends[k] <= start:
            continue
        style: tuple[str, ...]
        if a.kind == "code" or (a.link >= 0 and a.link != state.title_link) or a.kind == "break":
            piece, base, style = " ", state.starts[k], ()
        else:
            lo = max(0, start - state.starts[k])
            piece, base = a.text[lo:], state.starts[k] + lo
            style = tuple(name for name, on in (("bold", a.strong), ("italic", a.em), ("link", a.link >= 0)) if on)
        for i, ch in enumerate(piece):
            chars.append(ch)
            offsets.append(base + min(i, len(a.text) - 1 if a.kind == "text" else 0))
            marks.append(style)
    return "".join(chars), offsets, marks


def _mark_label(state: State, offset: int) -> str | None:
    k = bisect.bisect_right(state._mark_starts, offset) - 1
    if k >= 0 and state.marks[k].end > offset:
        return state.marks[k].label
    return None


def labeled_citation(state: State) -> None:
    """The free text of a citation, labeled token by token by the CRF citation labeler (a measured option).

    What earlier rules marked as title, authors, venue or date is a hard constraint on the labels; the
    labeler names the rest, and fills only the fields no rule set.  It runs on entries only (never on
    prose: free text over ``LABELER_MAX_CHARS`` is skipped) and not on table rows, whose columns say.

    >>> from awesome_parse.markdown import Inline
    >>> from awesome_parse.grammar.atoms import to_atoms
    >>> from awesome_parse.grammar.unit import Unit
    >>> atoms, links = to_atoms([Inline("**The IndicNLP Library.** Anoop Kunchukuttan. In Proceedings of ACL, 2020.", 1)])
    >>> s = State(Unit(Shape.LIST_ITEM, atoms, links, 1, 1))
    >>> bold_title(s); labeled_citation(s)
    >>> [(m.label, s.text[m.start:m.end]) for m in s.marks if m.rule == "labeled_citation"]
    [('author', 'Anoop Kunchukuttan'), ('venue', 'Proceedings of ACL'), ('date', '2020')]
    """
    _label_free_text(state, "labeled_citation")


def plain_citation(state: State) -> None:
    """A citation whose title no markup gave (plain text), read by the CRF labeler; the text rules read the rest.

    Markup marks (a column, a ``Key:``, bold or quoted runs) are hard constraints, as in
    :func:`labeled_citation`; entries with a bold, quoted, italic or linked title are left to the rules.

    It reads a unit whole or not at all: unless it finds both a title and authors (a nickname, a
    list of places, a dashed nickname ``Title --- SpanBERT --- by ...``), the text rules read it.

    >>> from awesome_parse.grammar import explain
    >>> explain('- A. Radford, J. Wu, R. Child. Language Models are Unsupervised Multitask Learners. OpenAI Blog, 2019. [[pdf](https://example.org/gpt2.pdf)]')
    title='Language Models are Unsupervised Multitask Learners' (plain_citation)
    authors=['A. Radford', 'J. Wu', 'R. Child'] (plain_citation)
    venue='OpenAI Blog' (plain_citation)
    year=2019 (plain_citation)
    """
    if _has_title(state) or _DASHED.search(state.text):
        return
    _label_free_text(state, "plain_citation")


def _label_free_text(state: State, rule: str) -> None:
    if state.unit.shape is Shape.TABLE_ROW:
        return
    missing = [lab for lab, field in _LABELER_FIELDS.items() if not state.has(field)]
    if not missing:
        return
    free = sum(e - s for s, e in state.free_spans(_start(state)))
    if free == 0 or free > LABELER_MAX_CHARS or not _WORDS.search(state.text):
        return
    from .labeler import label, tokenize

    text, offsets, marks = citation_view(state)
    tokens = tokenize(text)
    if not tokens or len(text) > 4 * LABELER_MAX_CHARS:
        return
    constraints: dict[int, set[str]] = {}
    token_marks: list[tuple[str, ...]] = []
    for i, t in enumerate(tokens):
        at = offsets[t.start]
        held = _mark_label(state, at)
        if held in _CONSTRAINING:
            constraints[i] = {_CONSTRAINING[held]}
        elif held is not None and held != "other":
            constraints[i] = {"other"}
        token_marks.append(marks[t.start])
    labels = label(tokens, constraints=constraints, marks=token_marks)
    _title_word_after_names(tokens, labels, constraints)
    _et_al_group(tokens, labels, constraints)
    _names_inside_title(tokens, labels, constraints)
    found: list[tuple[str, str, int, int]] = []
    for lab in missing:
        run = _free_run(labels, lab, constraints)
        if run is None:
            continue
        a, b = run
        if (
            lab == "venue"
            and b < len(tokens)
            and labels[b] == "year"
            and _YEAR_WORD.match(tokens[b].text)
            and tokens[b - 1].text[0].isalnum()
            and not text[tokens[b - 1].end : tokens[b].start].strip()
        ):
            b += 1  # "NeurIPS 2020": a venue written with its year keeps it, as the rules read it
        s, e = offsets[tokens[a].start], offsets[tokens[b - 1].end - 1] + 1
        value = _labeled_value(state.text[s:e], lab)
        if value:
            found.append((_LABELER_FIELDS[lab], value, s, e))
    labeled = {field for field, *_ in found} | {f for f in _LABELER_FIELDS.values() if state.has(f)}
    if rule == "plain_citation" and not {"title", "author"} <= labeled:
        return  # not a citation the labeler can read whole (a nickname, a list of places): the rules read it
    if rule == "plain_citation" and any(f == "author" and not mostly_names(v) for f, v, _s, _e in found):
        return  # "Efficient, Private and Robust Federated Learning": no names, so no citation to read
    for field, value, s, e in found:
        _put(state, field, value, rule, s, e)


def _title_word_after_names(tokens: list[Token], labels: list[str], constraints: dict[int, set[str]]) -> None:
    """A name rule after the labels: the title's first word, glued to the names by a comma, is the title's.

    In ``Linchao Zhu, Yi Yang, Uncovering Temporal Context`` a labeler may take ``Uncovering`` for a
    last, one-word author; a single capitalized word after the last comma of a run of full names,
    running into the title with no separator, goes back to the title.
    """
    n = len(tokens)
    i = 0
    while i < n:
        if labels[i] != "author":
            i += 1
            continue
        a = i
        while i < n and labels[i] == "author":
            i += 1
        b = i  # the author run is [a, b)
        if b >= n or labels[b] != "title" or b - 1 in constraints:
            continue
        commas = [k for k in range(a, b) if tokens[k].text == ","]
        if not commas:
            continue
        last = commas[-1]
        after = list(range(last + 1, b))
        before = [k for k in range(commas[-2] + 1 if len(commas) > 1 else a, last) if tokens[k].text[0].isalnum()]
        if len(after) == 1 and len(before) >= 2:
            word = tokens[after[0]].text
            if len(word) > 2 and word[0].isupper() and not word.isupper():
                labels[after[0]] = "title"


def _names_inside_title(tokens: list[Token], labels: list[str], constraints: dict[int, set[str]]) -> None:
    """A rule after the labels: fields change at a separator, so words labeled as names that go on from
    a title's word without one (``Sparse Probing of Tiny Encoders,``) are the title's."""
    n = len(tokens)
    for i in range(1, n):
        if labels[i] != "author" or labels[i - 1] != "title" or i in constraints:
            continue
        if not (tokens[i].text[0].isalnum() and tokens[i - 1].text[0].isalnum()):
            continue
        j = i
        while j < n and labels[j] == "author" and tokens[j].text[0].isalnum() and j not in constraints:
            labels[j] = "title"
            j += 1
        if (
            j < n
            and labels[j] == "author"
            and not tokens[j].text[0].isalnum()
            and j not in constraints
            and (j + 1 >= n or labels[j + 1] != "author")
        ):
            labels[j] = "title"  # the separator closing the title is the title's


_NAME_STOPS = frozenset(",;:.—–-|()[]")


def _et_al_group(tokens: list[Token], labels: list[str], constraints: dict[int, set[str]]) -> None:
    """A name rule after the labels: ``Hu et al.`` is one author group, the names before ``et al.`` back
    to the previous separator included (``Title — Hu et al., ICLR 2022``)."""
    n = len(tokens)
    for i in range(1, n - 1):
        if tokens[i].text.lower() != "et" or tokens[i + 1].text.lower() != "al":
            continue
        k = i - 1
        while k >= 0 and tokens[k].text[0].isalnum() and tokens[k].text[0].isupper() and k not in constraints:
            k -= 1
        if k == i - 1 or (k >= 0 and tokens[k].text not in _NAME_STOPS):
            continue
        end = i + 2 if i + 2 < n and tokens[i + 2].text == "." else i + 1
        if any(j in constraints for j in range(k + 1, end + 1)):
            continue
        for j in range(k + 1, end + 1):
            labels[j] = "author"


def _free_run(labels: list[str], name: str, constraints: dict[int, set[str]]) -> tuple[int, int] | None:
    """The first run of ``name`` among the tokens no constraint fixed, as ``[a, b)`` token indices."""
    a = -1
    for i, lab in enumerate([*labels, ""]):
        free = i not in constraints
        if lab == name and free and a < 0:
            a = i
        elif a >= 0 and (lab != name or not free):
            return a, i
    return None


def _labeled_value(raw: str, label: str) -> str | None:
    from .labeler import _FOUR_DIGITS, _LEAD_IN, _trim

    if label == "year":
        dates = find_dates(raw)
        if dates:  # "2024-03", "March 2024": the whole date, the year read from it later
            return raw[dates[0][0] : dates[0][1]]
        m = _FOUR_DIGITS.search(raw)
        return m.group(1) if m else None
    value = _trim(raw, keep_period=label == "author")
    if value and label == "title":  # a title opening with a quoted phrase keeps its quote
        lead = raw.lstrip()[:1]
        if (lead == '"' and value.count('"') % 2) or (lead == "“" and value.count("”") > value.count("“")):
            value = lead + value
    if value and label == "venue":
        value = _trim(_LEAD_IN.sub("", value)) or value
    if value and ((label == "title" and word_count(value) < 2) or is_generic_label(value)):
        return None
    return value


# ---------------------------------------------------------------- the chain

#: The markup rules, in order.
MARKUP_RULES: tuple[tuple[str, Rule], ...] = (
    ("hints", hints),
    ("footnote_refs", footnote_refs),
    ("lead_number", lead_number),
    ("lead_groups", lead_groups),
    ("key_labels", key_labels),
    ("alias_label", alias_label),
    ("bold_title", bold_title),
    ("quoted_title", quoted_title),
    ("italic_title", italic_title),
    ("link_title", link_title),
    ("heading_text", heading_text),
    ("cell_title", cell_title),
    ("body_title", body_title),
    ("code_spans", code_spans),
    ("link_texts", link_texts),
    ("italic_runs", italic_runs),
    ("later_aliases", later_aliases),
)

#: The text rules, in order: they read what markup leaves.
TEXT_RULES: tuple[tuple[str, Rule], ...] = (
    ("plain_citation", plain_citation),
    ("text_title", text_title),
    ("dashed_alias", dashed_alias),
    ("before_title", before_title),
    ("reference_authors", reference_authors),
    ("tail", tail),
    ("late_citation", late_citation),
    ("trailing_year", trailing_year),
    ("link_summary", link_summary),
)


def default_rules() -> Registry[Rule]:
    """A fresh registry of the grammar's rules, in order (markup rules, then text rules)."""
    reg: Registry[Rule] = Registry()
    for name, rule in MARKUP_RULES + TEXT_RULES:
        reg.push(name, rule)
    return reg


#: The rules of the text phase that read a citation's free text by hand (what the labeler replaces).
_CITATION_TEXT_RULES = ("text_title", "before_title", "reference_authors", "tail", "late_citation", "trailing_year")
#: How the free text of a citation is read: ``hybrid`` (the default chain: the CRF for citations whose title
#: no markup gave, the rules for the others), ``rules`` (the hand rules alone), ``labeler`` (the CRF instead
#: of the citation text rules) or ``fill`` (the rules, then the CRF for the fields they left).
CITATION_MODES = ("hybrid", "rules", "labeler", "fill")


def citation_rules(mode: str = "hybrid") -> Registry[Rule]:
    """The rule chain for one way of reading free text (see ``CITATION_MODES``).

    >>> citation_rules("fill").names()[-1], "tail" in citation_rules("labeler").names(enabled_only=True)
    ('labeled_citation', False)
    >>> citation_rules("hybrid").names() == default_rules().names()
    True
    >>> "plain_citation" in citation_rules("rules").names(enabled_only=True)
    False
    """
    if mode not in CITATION_MODES:
        raise ValueError(f"unknown citation mode {mode!r}; known: {', '.join(CITATION_MODES)}")
    reg = default_rules()
    if mode == "hybrid":
        return reg
    reg.disable("plain_citation")
    if mode == "labeler":
        reg.disable(*_CITATION_TEXT_RULES)
    if mode in ("labeler", "fill"):
        reg.push("labeled_citation", labeled_citation)
    return reg


def iter_rules() -> Iterator[tuple[str, Rule]]:
    """Every built-in rule with its name, in order (for documentation)."""
    yield from MARKUP_RULES + TEXT_RULES
