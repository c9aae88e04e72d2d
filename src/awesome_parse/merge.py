"""Merge papers from many lists into one deduplicated dataset, with provenance and conflicts.

Identity, strongest first:

1. the arXiv id without version (old-style ids without their subject class);
2. the DOI (lower-cased), the ACL Anthology id, the OpenReview id, found in any link;
3. the title fingerprint (NFKC, casefolded, punctuation and spaces folded; a
   trailing ``+`` kept, so ``CodeT5`` and ``CodeT5+`` differ), for records with
   no strong id, which then join the record with that title;
4. the main link (:func:`url_key`), for records with neither an id nor a title.

Records sharing a strong id are one group; two *different* ids of the same type
never end up in one group, and never merge on title alone.

Conflicts are data.  When one arXiv id is given to clearly different titles
(:func:`similar_titles` says no; a title and its translation into another
script are not compared and never conflict; a title and a nickname such as
``Transformer`` are one paper, the nickname kept in ``aliases``; two titles
opening with one name, ``Magicoder: ...``, are one paper retitled), the titles
are clustered;
the cluster with the most sources keeps the id, every other cluster becomes its
own record without the id (keeping its link), and a :class:`Conflict` names the
id, the titles and their sources.  The same title under two different arXiv ids
is reported as well.

Field merging, each value traceable in ``Paper.provenance``:

========== ===========================================================
title      the most frequent spelling; ties: not mostly capitals, then the earliest source
authors    the longest list (the most complete)
year       the earliest year given; else the arXiv id's year
date       the most precise date of that year; ties: the earliest
venue      the most frequent published venue; arXiv only if nothing else
url        the most frequent main link
summary    the longest
kind       ``paper`` unless every source says ``non-paper``
links,
aliases,
tags,
affiliations  unions, first-seen order, no duplicates
========== ===========================================================

Everything is decided on inputs sorted by source, so the result does not depend
on input order, and merging a merged dataset again changes nothing.

>>> from awesome_parse.model import Paper, Source
>>> a = Paper(title="QLoRA: Efficient Finetuning of Quantized LLMs", arxiv="2305.14314", source=Source("a.md", 3))
>>> b = Paper(title="QLORA: Efficient Finetuning of Quantized LLMs", arxiv="2305.14314v2", year=2023, source=Source("b.md", 9))
>>> result = merge([a, b])
>>> [(p.title, p.arxiv_id, p.year, len(p.sources)) for p in result.papers]
[('QLoRA: Efficient Finetuning of Quantized LLMs', '2305.14314', 2023, 2)]
"""

from __future__ import annotations

import gc
import json
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import attrs

from ._text import fingerprint
from .grammar.text import is_title_like
from .links import acl_id, openreview_id
from .model import Paper, Source

__all__ = ["TITLE_SIMILARITY", "Conflict", "MergeResult", "merge", "similar_titles"]

#: Titles under one id less similar than this (rapidfuzz ratio of fingerprints, 0-100) conflict.
TITLE_SIMILARITY = 70.0


@attrs.frozen
class Conflict:
    """A disagreement between lists: one id with different titles, or one title with different ids."""

    kind: str  # "id-titles" or "title-ids"
    key: str
    groups: tuple[tuple[str, tuple[Source, ...]], ...]
    kept: str | None = None

    @property
    def message(self) -> str:
        sides = "; ".join(f"{title!r} ({_where(srcs)})" for title, srcs in self.groups)
        if self.kind == "id-titles":
            return f"arXiv {self.key} is given to different papers: {sides}; kept for {self.kept!r}"
        return f"the same title has different arXiv ids: {sides}"

    def __str__(self) -> str:
        return self.message


def _where(sources: Sequence[Source]) -> str:
    return ", ".join(f"{s.file}:{s.line}" for s in sources)


@attrs.frozen
class MergeResult:
    """The merged records, sorted by identity, and the conflicts found."""

    papers: tuple[Paper, ...]
    conflicts: tuple[Conflict, ...] = ()
    inputs: int = 0


def _sources(p: Paper) -> tuple[Source, ...]:
    if p.sources:
        return p.sources
    return (p.source,) if p.source is not None else ()


def _order(p: Paper) -> tuple[Any, ...]:
    src = _sources(p)
    first = src[0] if src else None
    return (
        first.file or "" if first else "",
        first.line if first else 0,
        p.title or "",
        p.url or "",
        p.arxiv.id if p.arxiv else "",
    )


def _total_sort(papers: Iterable[Paper], key: Callable[[Paper], tuple[Any, ...]] = _order) -> list[Paper]:
    """Sort by ``key``, breaking the rare exact ties on the whole record.

    The full-record key is computed only inside runs of tied records, so the
    common case costs one cheap key per record while the result never depends
    on input order.
    """
    keyed = sorted(((key(p), p) for p in papers), key=lambda kp: kp[0])
    out: list[Paper] = []
    i = 0
    while i < len(keyed):
        j = i + 1
        while j < len(keyed) and keyed[j][0] == keyed[i][0]:
            j += 1
        run = [p for _, p in keyed[i:j]]
        if len(run) > 1:
            run.sort(key=lambda p: json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False, default=str))
        out.extend(run)
        i = j
    return out


def _strong_keys(p: Paper) -> tuple[tuple[str, str], ...]:
    keys: list[tuple[str, str]] = []
    if p.arxiv is not None:
        keys.append(("arxiv", p.arxiv.key))
    if p.doi:
        keys.append(("doi", p.doi.lower()))
    for link in p.links if p.links else ():
        for kind, found in (("acl", acl_id(link.url)), ("openreview", openreview_id(link.url))):
            if found:
                keys.append((kind, found))
    return tuple(dict.fromkeys(keys))


class _Groups:
    """Union-find over record indexes, refusing to join two different ids of one type."""

    def __init__(self, n: int) -> None:
        self.parent = list(range(n))
        self.ids: dict[int, dict[str, str]] = {}  # only records with a strong id have an entry

    def find(self, i: int) -> int:
        root = i
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[i] != root:
            self.parent[i], i = root, self.parent[i]
        return root

    def union(self, a: int, b: int) -> bool:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return True
        ids_a, ids_b = self.ids.get(ra), self.ids.get(rb)
        if ids_a and ids_b:
            for kind, value in ids_b.items():
                if kind in ids_a and ids_a[kind] != value:
                    return False
        if len(ids_a or ()) < len(ids_b or ()):
            ra, rb, ids_a, ids_b = rb, ra, ids_b, ids_a
        self.parent[rb] = ra
        if ids_b:
            if ids_a is None:
                self.ids[ra] = ids_a = {}
            ids_a.update(ids_b)
        return True


def _latin_share(text: str) -> float | None:
    letters = [ch for ch in text if ch.isalpha()]
    return sum(ch.isascii() for ch in letters) / len(letters) if letters else None


def _translated(a: str, b: str) -> bool:
    """One title mostly in Latin letters, the other mostly in another script."""
    sa, sb = _latin_share(a), _latin_share(b)
    if sa is None or sb is None:
        return False
    low, high = sorted((sa, sb))
    return low <= 0.5 and high >= 0.9


def similar_titles(a: str, b: str) -> bool:
    """Two spellings of one title: edit similarity of the fingerprints (rapidfuzz) at least
    :data:`TITLE_SIMILARITY`, or every word of the shorter in the longer (a dropped subtitle).

    >>> similar_titles("LORA: LOW-RANK ADAPTATION OF LARGE LANGUAGE MODEL", "LoRA: Low-Rank Adaptation of Large Language Models")
    True
    >>> similar_titles("RoFormer", "RoFormer: Enhanced Transformer with Rotary Position Embedding")
    True
    >>> similar_titles("Scaling Instruction-Finetuned Language Models", "Training language models to follow instructions with human feedback")
    False

    A title and its translation cannot be compared letter by letter; they count as
    one title (a list in Chinese names its survey ``大语言模型综述``):

    >>> similar_titles("大语言模型综述", "A Survey of Large Language Models")
    True
    """
    from rapidfuzz import fuzz

    if _translated(a, b):
        return True
    fa, fb = fingerprint(a), fingerprint(b)
    if fuzz.ratio(fa, fb) >= TITLE_SIMILARITY:
        return True
    short, long = sorted((fa.split(), fb.split()), key=len)
    return bool(short) and set(short) <= set(long)


def _same_name(a: str, b: str) -> bool:
    """Two titles that open with one name before a colon: under one arXiv id, one paper retitled.

    >>> _same_name("Magicoder: Source Code Is All You Need", "Magicoder: Empowering Code Generation")
    True
    >>> _same_name("Voyager: An Open-Ended Agent", "FireAct: Toward Language Agent Fine-tuning")
    False
    """
    if ":" not in a or ":" not in b:
        return False
    name = fingerprint(a.split(":", 1)[0])
    return bool(name) and len(name.split()) <= 3 and name == fingerprint(b.split(":", 1)[0])


def merge(papers: Iterable[Paper]) -> MergeResult:
    """Deduplicate papers from one or many lists (see the module docstring for the rules)."""
    # Merging allocates millions of small objects and creates no reference cycles:
    # the cyclic collector would only rescan them again and again (superlinear time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _merge(papers)
    finally:
        if enabled:
            gc.enable()


def _merge(papers: Iterable[Paper]) -> MergeResult:
    items = _total_sort(papers)
    n = len(items)
    conflicts: list[Conflict] = []
    fps = [fingerprint(p.title) if p.title else "" for p in items]
    items = _split_id_conflicts(items, fps, conflicts)
    groups = _Groups(len(items))
    keys = [_strong_keys(p) for p in items]
    for i, own in enumerate(keys):
        for kind, value in own:
            groups.ids.setdefault(i, {}).setdefault(kind, value)
    owner: dict[tuple[str, str], int] = {}
    for i, own in enumerate(keys):
        for key in own:
            if key in owner:
                groups.union(owner[key], i)  # refused when it would join two different ids
            else:
                owner[key] = i
    # records with no strong id join the group that has their title, if exactly one does
    by_title: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(items):
        if p.title and keys[i]:
            by_title[fps[i]].add(groups.find(i))
    for i, p in enumerate(items):
        if p.title and not keys[i]:
            fp = fps[i]
            roots = {groups.find(r) for r in by_title.get(fp, ())}
            if len(roots) == 1:
                groups.union(next(iter(roots)), i)
            elif not roots:
                by_title[fp].add(groups.find(i))
    _join_untitled_by_url(items, keys, groups)
    members: dict[int, list[Paper]] = defaultdict(list)
    for i, p in enumerate(items):
        members[groups.find(i)].append(p)
    merged = [_combine(group) for group in members.values()]
    known = dict(zip((p.title for p in items), fps, strict=True))
    conflicts.extend(_title_conflicts(merged, known))
    # records left apart with equal keys (a title shared by two ids) must not
    # come out in an order that depends on what an earlier merge wrote into them
    return MergeResult(tuple(_total_sort(merged, _identity_order)), tuple(conflicts), n)


def url_key(url: str) -> str:
    """A link's identity for records with nothing else: no scheme, ``www.``, fragment or final ``/``.

    >>> url_key("https://www.Example.org/gpt-4/#top") == url_key("http://example.org/gpt-4")
    True
    """
    text = url.strip()
    text = text.split("#", 1)[0]
    if "://" in text:
        text = text.split("://", 1)[1]
    host, _, rest = text.partition("/")
    host = host.lower().removeprefix("www.")
    return f"{host}/{rest}".rstrip("/")


def _join_untitled_by_url(items: list[Paper], keys: list[tuple[tuple[str, str], ...]], groups: _Groups) -> None:
    """Records with no id and no title are known by their link alone: the same link is one record.

    Such a record joins the one group whose records have that main link, or, when
    no group (or several) has it, the other untitled records with that link.
    """
    untitled = [i for i, p in enumerate(items) if not p.title and not keys[i] and p.url]
    if not untitled:
        return
    wanted = {url_key(items[i].url or "") for i in untitled}
    roots: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(items):
        if p.title and p.url:
            key = url_key(p.url)
            if key in wanted:
                roots[key].add(groups.find(i))
    first: dict[str, int] = {}
    for i in untitled:
        key = url_key(items[i].url or "")
        titled = {groups.find(r) for r in roots.get(key, ())}
        if len(titled) == 1:
            groups.union(next(iter(titled)), i)
        elif key in first:
            groups.union(first[key], i)
        else:
            first[key] = i


def _identity_order(p: Paper) -> tuple[Any, ...]:
    return (
        0 if p.arxiv else 1 if p.doi else 2,
        p.arxiv.key if p.arxiv else (p.doi or fingerprint(p.title or p.url or "")),
        _order(p),
    )


def _split_id_conflicts(items: list[Paper], fps: list[str], conflicts: list[Conflict]) -> list[Paper]:
    """Detach minority titles from arXiv ids given to different papers."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(items):
        if p.arxiv is not None and p.title:
            by_id[p.arxiv.key].append(i)
    out = list(items)
    for key, idxs in by_id.items():
        if len(idxs) < 2 or len({fps[i] for i in idxs}) < 2:
            continue
        clusters: list[list[int]] = []
        for i in idxs:
            for cluster in clusters:
                first, title = items[cluster[0]].title or "", items[i].title or ""
                if similar_titles(first, title) or _same_name(first, title):
                    cluster.append(i)
                    break
            else:
                clusters.append([i])
        if len(clusters) < 2:
            continue
        # a nickname ("Transformer", "GPT-3") given next to the full title is an alias, not a conflict
        titled = [c for c in clusters if any(is_title_like(items[i].title or "") for i in c)]
        if titled and len(titled) < len(clusters):
            for c in clusters:
                if c in titled:
                    continue
                for i in c:
                    nickname = out[i].title or ""
                    out[i] = attrs.evolve(out[i], title=None, aliases=_union([nickname], out[i].aliases))
            clusters = titled
            if len(clusters) < 2:
                continue

        def weight(cluster: list[int]) -> tuple[int, str]:
            return (-sum(len(_sources(items[i])) for i in cluster), fingerprint(items[cluster[0]].title or ""))

        clusters.sort(key=weight)
        kept_title = _pick_title([items[i] for i in clusters[0]])
        conflict = Conflict(
            "id-titles",
            key,
            tuple(
                (_pick_title([items[i] for i in c]) or "", tuple(s for i in c for s in _sources(items[i])))
                for c in clusters
            ),
            kept_title,
        )
        conflicts.append(conflict)
        note = conflict.message
        for i in clusters[0]:
            out[i] = attrs.evolve(out[i], conflicts=_union(out[i].conflicts, [note]))
        for c in clusters[1:]:
            for i in c:
                out[i] = attrs.evolve(out[i], arxiv=None, conflicts=_union(out[i].conflicts, [note]))
    return out


def _title_conflicts(merged: list[Paper], known: dict[str | None, str]) -> list[Conflict]:
    by_title: dict[str, list[Paper]] = defaultdict(list)
    for p in merged:
        if p.title and p.arxiv is not None:
            by_title[known.get(p.title) or fingerprint(p.title)].append(p)
    out = []
    for fp, group in sorted(by_title.items()):
        ids = {p.arxiv.key for p in group if p.arxiv}
        if len(ids) > 1:
            out.append(
                Conflict(
                    "title-ids",
                    fp,
                    tuple((f"{p.title} [{p.arxiv_id}]", _sources(p)) for p in sorted(group, key=_identity_order)),
                )
            )
    return out


def _union(*lists: Iterable[str]) -> tuple[str, ...]:
    seen: dict[str, None] = {}
    for values in lists:
        for v in values:
            if v and v not in seen:
                seen[v] = None
    return tuple(seen)


def _ref(p: Paper) -> str:
    src = _sources(p)
    return f"{src[0].file}:{src[0].line}" if src else "?"


def _provenance_of(ref: str, how: str | None) -> str:
    """A merged record's provenance: where a value came from (``file:line``), and how it was read."""
    if how is None:
        return ref
    if ":" in how:
        return how  # already a location (a merged record merged again)
    return f"{ref} ({how})"


def _prov(p: Paper, field: str) -> str:
    for name, where in p.provenance:
        if name == field:
            return _provenance_of(_ref(p), where)
    return _ref(p)


def _shouting(title: str) -> bool:
    letters = [ch for ch in title if ch.isalpha()]
    return bool(letters) and sum(ch.isupper() for ch in letters) > 0.7 * len(letters)


def _pick_title(group: Sequence[Paper]) -> str | None:
    """The most frequent spelling; ties: not mostly capitals, then the earliest source."""
    counts: Counter[str] = Counter()
    first: dict[str, int] = {}
    for k, p in enumerate(group):  # callers pass groups in source order
        if p.title:
            counts[p.title] += len(_sources(p))
            first.setdefault(p.title, k)
    if not counts:
        return None
    if len(counts) == 1:
        return next(iter(counts))
    top = max(counts.values())
    tied = [t for t in counts if counts[t] == top]
    return min(tied, key=lambda t: (_shouting(t), first[t]))


def _most(group: Sequence[Paper], attr: str) -> tuple[Any, Paper | None]:
    counts: Counter[Any] = Counter()
    first: dict[Any, Paper] = {}
    for p in group:
        value = getattr(p, attr)
        if value:
            counts[value] += len(_sources(p))
            first.setdefault(value, p)
    if not counts:
        return None, None
    best = min(counts, key=lambda v: (-counts[v], str(v)))
    return best, first[best]


def _combine_one(p: Paper) -> Paper:
    """The merged form of a record that has no duplicate (the common case, kept fast)."""
    sources = _sources(p)
    ref = f"{sources[0].file}:{sources[0].line}" if sources else "?"
    known = dict(p.provenance)
    prov = {}
    for field, present in (
        ("title", p.title),
        ("arxiv", p.arxiv),
        ("doi", p.doi),
        ("url", p.url),
        ("authors", p.authors),
        ("year", p.year),
        ("date", p.date),
        ("venue", p.venue),
        ("summary", p.summary),
    ):
        if present:
            prov[field] = _provenance_of(ref, known.get(field))
    year = p.year
    if year is None and p.arxiv is not None:
        year = p.arxiv.year
        prov["year"] = _provenance_of(ref, "arxiv_id")
    return attrs.evolve(
        p,
        year=year,
        source=sources[0] if sources else p.source,
        sources=sources,
        links=tuple({link.url: link for link in p.links}.values()),
        affiliations=_union(p.affiliations),
        aliases=_union(p.aliases),
        tags=_union(p.tags),
        conflicts=_union(p.conflicts),
        provenance=prov,
    )


def _combine(group: list[Paper]) -> Paper:
    if len(group) == 1:
        return _combine_one(group[0])
    # group is in source order: members are collected from the sorted input
    position = {id(p): k for k, p in enumerate(group)}
    prov: dict[str, str] = {}

    title = _pick_title(group)
    if title is not None:
        prov["title"] = _prov(next(p for p in group if p.title == title), "title")

    arxiv = None
    ids = [p for p in group if p.arxiv is not None]
    if ids:
        arxiv_key = min(p.arxiv.key for p in ids)  # type: ignore[union-attr]
        same = [p for p in ids if p.arxiv.key == arxiv_key]  # type: ignore[union-attr]
        best = max(same, key=lambda p: (p.arxiv.version or 0, -position[id(p)]))  # type: ignore[union-attr]
        arxiv = best.arxiv
        prov["arxiv"] = _prov(best, "arxiv")

    doi, doi_src = _most(group, "doi")
    if doi_src is not None:
        prov["doi"] = _prov(doi_src, "doi")
    url, url_src = _most(group, "url")
    if url_src is not None:
        prov["url"] = _prov(url_src, "url")

    with_authors = [p for p in group if p.authors]
    authors: tuple[str, ...] = ()
    if with_authors:
        src = max(with_authors, key=lambda p: (len(p.authors), -position[id(p)]))
        authors = src.authors
        prov["authors"] = _prov(src, "authors")

    years = [p for p in group if p.year is not None]
    year = None
    if years:
        src = min(years, key=lambda p: (p.year, position[id(p)]))
        year = src.year
        prov["year"] = _prov(src, "year")
    elif arxiv is not None:
        year = arxiv.year
        prov["year"] = _provenance_of(_ref(group[0]), "arxiv_id")

    dated = [p for p in group if p.date and (year is None or p.date.startswith(str(year)))]
    date = None
    if dated:
        src = min(dated, key=lambda p: (-len(p.date or ""), p.date, position[id(p)]))
        date = src.date
        prov["date"] = _prov(src, "date")

    venues = [p for p in group if p.venue]
    published = [p for p in venues if not (p.venue or "").lower().startswith("arxiv")]
    venue, venue_src = _most(published or venues, "venue")
    if venue_src is not None:
        prov["venue"] = _prov(venue_src, "venue")

    summaries = [p for p in group if p.summary]
    summary = None
    if summaries:
        src = max(summaries, key=lambda p: (len(p.summary or ""), -position[id(p)]))
        summary = src.summary
        prov["summary"] = _prov(src, "summary")

    kind = "non-paper" if all(p.kind == "non-paper" for p in group) else "paper"
    links: dict[str, Any] = {}
    for p in group:
        for link in p.links:
            links.setdefault(link.url, link)
    primary = group[0]
    sources = sorted({s for p in group for s in _sources(p)}, key=lambda s: (s.file or "", s.line, s.list or ""))
    return Paper(
        title=title,
        arxiv=arxiv,
        doi=doi,
        url=url,
        links=tuple(links.values()),
        authors=authors,
        year=year,
        date=date,
        venue=venue,
        affiliations=_union(*(p.affiliations for p in group)),
        aliases=_union(*(p.aliases for p in group)),
        tags=_union(*(p.tags for p in group)),
        summary=summary,
        kind=kind,
        section=primary.section,
        source=sources[0] if sources else primary.source,
        format=primary.format,
        sources=tuple(sources),
        conflicts=_union(*(p.conflicts for p in group)),
        provenance=tuple(sorted(prov.items())),
    )
