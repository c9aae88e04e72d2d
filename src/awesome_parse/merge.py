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
on input order, and merging a merged dataset again changes nothing; merging a
dataset with a copy of itself gives the same papers.

Stages.  A merge is three stages over records, which an engine may run apart
(:mod:`awesome_parse.stream` on one machine in bounded memory,
:mod:`awesome_parse.dask` on a cluster):

1. *key* each record: :func:`identity_keys` (arXiv id, DOI, ACL and OpenReview
   ids, title fingerprint, main link);
2. *resolve* which records belong together: records sharing any key are one
   component (union-find; every rule above looks only inside a component);
3. *merge* each set of whole components with :func:`merge_groups`, which
   applies the rules above and returns the records and conflicts with the keys
   that order them in the output (:func:`order_key`); :func:`collect` puts parts
   together.  ``merge(papers)`` is these stages in memory.

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
from .model import Link, Paper, Source, _assemble

__all__ = [
    "MESSAGE_SOURCES",
    "TITLE_SIMILARITY",
    "Conflict",
    "MergeResult",
    "MergedGroups",
    "collect",
    "identity_keys",
    "merge",
    "merge_groups",
    "order_key",
    "similar_titles",
    "url_key",
]

#: Titles under one id less similar than this (rapidfuzz ratio of fingerprints, 0-100) conflict.
TITLE_SIMILARITY = 70.0
#: A conflict's message names this many titles, and this many sources of each, then says how many more.
MESSAGE_SOURCES = 5

#: The output position of a merged record (see :func:`order_key`): plain values, so it survives JSON.
OrderKey = tuple[int | str, ...]


@attrs.frozen
class Conflict:
    """A disagreement between lists: one id with different titles, or one title with different ids."""

    kind: str  # "id-titles" or "title-ids"
    key: str
    groups: tuple[tuple[str, tuple[Source, ...]], ...]
    kept: str | None = None

    @property
    def message(self) -> str:
        """One line naming the id (or title), the first titles and their first sources; the rest are in ``groups``.

        >>> c = Conflict("title-ids", "t", tuple((f"T [{i}]", (Source("a.md", i),)) for i in range(7)))
        >>> c.message.endswith("'T [4]' (a.md:4); and 2 more")
        True
        """
        sides = "; ".join(f"{title!r} ({_where(srcs)})" for title, srcs in self.groups[:MESSAGE_SOURCES])
        if len(self.groups) > MESSAGE_SOURCES:
            sides += f"; and {len(self.groups) - MESSAGE_SOURCES} more"
        if self.kind == "id-titles":
            return f"arXiv {self.key} is given to different papers: {sides}; kept for {self.kept!r}"
        return f"the same title has different arXiv ids: {sides}"

    def __str__(self) -> str:
        return self.message


def _where(sources: Sequence[Source]) -> str:
    shown = ", ".join(f"{s.file}:{s.line}" for s in sources[:MESSAGE_SOURCES])
    if len(sources) > MESSAGE_SOURCES:
        shown += f" and {len(sources) - MESSAGE_SOURCES} more"
    return shown


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


@attrs.frozen
class MergedGroups:
    """The merge of one or more whole components (records that share no key with records outside them).

    ``papers`` are sorted by :func:`order_key`; ``conflicts`` come with the key that
    orders them in a whole merge (``(0, ...)`` for an id given to several titles,
    in the order of the first record with that id; ``(1, fingerprint)`` for a
    title given several ids).  :func:`collect` puts parts together.
    """

    papers: tuple[Paper, ...]
    conflicts: tuple[tuple[OrderKey, Conflict], ...] = ()
    inputs: int = 0


def merge(papers: Iterable[Paper]) -> MergeResult:
    """Deduplicate papers from one or many lists (see the module docstring for the rules)."""
    part = merge_groups(papers)
    return MergeResult(part.papers, tuple(c for _, c in part.conflicts), part.inputs)


def merge_groups(papers: Iterable[Paper]) -> MergedGroups:
    """Stage 3: merge records that form whole components (every record sharing a key with one is there).

    On such a set the result is the corresponding part of a merge of everything:
    merging each component apart and putting the parts together with :func:`collect`
    gives exactly ``merge(all papers)``.

    >>> from awesome_parse.model import Source
    >>> a = Paper(title="Mixtral of Experts", arxiv="2401.04088", source=Source("a.md", 1))
    >>> b = Paper(title="Mixtral of experts", source=Source("b.md", 5))
    >>> [len(p.sources) for p in merge_groups([a, b]).papers]
    [2]
    """
    # Merging allocates millions of small objects and creates no reference cycles:
    # the cyclic collector would only rescan them again and again (superlinear time).
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _merge(papers)
    finally:
        if enabled:
            gc.enable()


def identity_keys(p: Paper) -> tuple[str, ...]:
    """Stage 1: every key by which a record may meet another (ids, title fingerprint, main link).

    Two records that share no key, directly or through other records, never
    influence each other's merge, so an engine may group records by these keys
    (union-find over shared keys) and merge each group apart.  A key starting with
    ``see:`` is weak: the main link of a titled record (or one with an id) matters only to records known
    by that link alone, so it joins a record to the holders of the same key without
    the prefix, never to other records that hold it weakly.

    >>> identity_keys(Paper(title="QLoRA", arxiv="2305.14314v2", url="https://arxiv.org/abs/2305.14314"))
    ('arxiv:2305.14314', 'title:qlora', 'see:url:arxiv.org/abs/2305.14314')
    >>> identity_keys(Paper(url="https://www.openai.com/research/gpt-4/"))
    ('url:openai.com/research/gpt-4',)
    """
    keys = [f"{kind}:{value}" for kind, value in _strong_keys(p)]
    if p.title:
        keys.append("title:" + fingerprint(p.title))
    if keys and p.url:
        keys.append("see:url:" + url_key(p.url))
    elif not keys:
        keys.append("url:" + url_key(p.url) if p.url else "record:" + _content_key(p))
    return tuple(keys)


def _content_key(p: Paper) -> str:
    """What a record says, without where it was read: the identity of a record with no id, title or link."""
    data = p.to_dict()
    for where in ("source", "sources", "provenance", "conflicts"):
        data.pop(where, None)
    return json.dumps(data, sort_keys=True, ensure_ascii=False)


def order_key(p: Paper) -> OrderKey:
    """A merged record's place in the output: ids first (arXiv, then DOI), then by identity and source.

    Plain strings and numbers (the last one the record's canonical JSON, which breaks
    the rare exact ties), so parts merged apart can be put in order after a trip
    through JSON or another process.

    >>> order_key(Paper(title="B", arxiv="2401.00001")) < order_key(Paper(title="A"))
    True
    """
    head = _identity_order(p)
    return (head[0], head[1], *head[2], _canonical(p))


def _canonical(p: Paper) -> str:
    return json.dumps(p.to_dict(), sort_keys=True, ensure_ascii=False, default=str)


def collect(parts: Iterable[MergedGroups]) -> MergeResult:
    """Put merges of disjoint sets of whole components together, in the order ``merge`` gives.

    >>> from awesome_parse.model import Source
    >>> a = Paper(title="Beta", arxiv="2401.00002", source=Source("a.md", 1))
    >>> b = Paper(title="Alpha", arxiv="2401.00001", source=Source("a.md", 2))
    >>> collect([merge_groups([a]), merge_groups([b])]) == merge([a, b])
    True
    """
    papers: list[Paper] = []
    conflicts: list[tuple[OrderKey, Conflict]] = []
    inputs = 0
    for part in parts:
        papers.extend(part.papers)
        conflicts.extend(part.conflicts)
        inputs += part.inputs
    conflicts.sort(key=lambda kc: kc[0])
    return MergeResult(tuple(_total_sort(papers, _identity_order)), tuple(c for _, c in conflicts), inputs)


def _merge(papers: Iterable[Paper]) -> MergedGroups:
    items = _total_sort(papers)
    n = len(items)
    conflicts: list[tuple[OrderKey, Conflict]] = []
    fps = [fingerprint(p.title) if p.title else "" for p in items]  # once per record
    items = _split_id_conflicts(items, fps, conflicts)
    groups = _Groups(len(items))
    keys = [_strong_keys(p) for p in items]
    for i, own in enumerate(keys):
        for kind, value in own:
            groups.ids.setdefault(i, {}).setdefault(kind, value)
    # records with exactly the same ids are one paper whatever else is refused: joined
    # first, so a copy of a record always ends up with it (merging x with x changes nothing)
    same: dict[tuple[tuple[str, str], ...], int] = {}
    for i, own in enumerate(keys):
        if own:
            groups.union(same.setdefault(own, i), i)
    owner: dict[tuple[str, str], int] = {}
    for i, own in enumerate(keys):
        for key in own:
            if key in owner:
                groups.union(owner[key], i)  # refused when it would join two different ids
            else:
                owner[key] = i
    # records with no strong id join the group that has their title, if exactly one does;
    # when several do (one title, two ids) they stay apart together, as one record
    by_title: dict[str, set[int]] = defaultdict(set)
    for i, p in enumerate(items):
        if p.title and keys[i]:
            by_title[fps[i]].add(groups.find(i))
    ambiguous: dict[str, int] = {}
    for i, p in enumerate(items):
        if p.title and not keys[i]:
            fp = fps[i]
            roots = {groups.find(r) for r in by_title.get(fp, ())}
            if len(roots) == 1:
                groups.union(next(iter(roots)), i)
            elif not roots:
                by_title[fp].add(groups.find(i))
            else:
                groups.union(ambiguous.setdefault(fp, i), i)
    _join_untitled_by_url(items, keys, groups)
    _join_bare_records(items, keys, groups)
    members: dict[int, list[Paper]] = defaultdict(list)
    for i, p in enumerate(items):
        members[groups.find(i)].append(p)
    merged = [_combine(group) for group in members.values()]
    known = dict(zip((p.title for p in items), fps, strict=True))
    conflicts.extend(_title_conflicts(merged, known))
    # records left apart with equal keys (a title shared by two ids) must not
    # come out in an order that depends on what an earlier merge wrote into them
    return MergedGroups(tuple(_total_sort(merged, _identity_order)), tuple(conflicts), n)


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

    Such a record joins the one group whose titled records have that main link (or,
    when no titled record has it, the one group whose untitled records with an id
    have it, which is where that link ends up after the merge), or, when no group
    (or several) has it, the other untitled records with that link.
    """
    untitled = [i for i, p in enumerate(items) if not p.title and not keys[i] and p.url]
    if not untitled:
        return
    wanted = {url_key(items[i].url or "") for i in untitled}
    roots: dict[str, set[int]] = defaultdict(set)  # groups with a titled record of that link
    by_id: dict[str, set[int]] = defaultdict(set)  # groups with an untitled record of an id and that link
    for i, p in enumerate(items):
        if (p.title or keys[i]) and p.url:
            key = url_key(p.url)
            if key in wanted:
                (roots if p.title else by_id)[key].add(groups.find(i))
    first: dict[str, int] = {}
    for i in untitled:
        key = url_key(items[i].url or "")
        titled = {groups.find(r) for r in roots.get(key) or by_id.get(key) or ()}
        if len(titled) == 1:
            groups.union(next(iter(titled)), i)
        elif key in first:
            groups.union(first[key], i)
        else:
            first[key] = i


def _join_bare_records(items: list[Paper], keys: list[tuple[tuple[str, str], ...]], groups: _Groups) -> None:
    """Records with no id, no title and no link are known by what they say: the same content is one record."""
    first: dict[str, int] = {}
    for i, p in enumerate(items):
        if not p.title and not p.url and not keys[i]:
            key = _content_key(p)
            if key in first:
                groups.union(first[key], i)
            else:
                first[key] = i


def _identity_order(p: Paper) -> tuple[Any, ...]:
    return (
        0 if p.arxiv else 1 if p.doi else 2,
        p.arxiv.key if p.arxiv else (p.doi or fingerprint(p.title or p.url or "")),
        _order(p),
    )


class _TitleClusters:
    """Clusters of the titles given to one arXiv id, built in one pass.

    A title joins the first cluster whose first title (its representative) is the
    same paper (:func:`similar_titles` or :func:`_same_name`), else it starts a
    cluster.  Everything about a title is computed once, and the representatives
    are searched through indexes (script share, name before the colon, words) and
    one rapidfuzz call over their fingerprints, not one Python comparison each.
    """

    def __init__(self, titles: Sequence[str], fps: Sequence[str]) -> None:
        self.titles = titles
        self.fps = fps
        self.words = [fp.split() for fp in fps]
        # how many titles have each word: a representative is indexed under its rarest word
        self.frequency: Counter[str] = Counter(w for words in self.words for w in set(words))
        self.clusters: list[list[int]] = []
        self.rep_fps: list[str] = []
        self.rep_words: list[tuple[list[str], set[str]]] = []
        self.with_word: dict[str, list[int]] = defaultdict(list)  # word -> clusters whose representative has it
        self.by_rarest: dict[str, list[int]] = defaultdict(list)  # rarest word -> clusters
        self.by_name: dict[str, int] = {}
        self.first_latin: int | None = None  # first representative mostly in Latin letters
        self.first_other: int | None = None  # first one mostly in another script
        self.seen: dict[str, int] = {}

    def add_all(self) -> list[list[int]]:
        for i, title in enumerate(self.titles):
            j = self.seen.get(title)  # the same spelling goes where it went before
            if j is None:
                j = self._first_match(i)
                if j is None:
                    j = self._open(i)
                self.seen[title] = j
            self.clusters[j].append(i)
        return self.clusters

    def _open(self, i: int) -> int:
        j = len(self.clusters)
        self.clusters.append([])
        words = self.words[i]
        unique = set(words)
        self.rep_fps.append(self.fps[i])
        self.rep_words.append((words, unique))
        for w in unique:
            self.with_word[w].append(j)
        if unique:
            self.by_rarest[min(unique, key=lambda w: (self.frequency[w], w))].append(j)
        name = _name_of(self.titles[i])
        if name is not None:
            self.by_name.setdefault(name, j)
        share = _latin_share(self.titles[i])
        if share is not None:
            if share >= 0.9 and self.first_latin is None:
                self.first_latin = j
            if share <= 0.5 and self.first_other is None:
                self.first_other = j
        return j

    def _first_match(self, i: int) -> int | None:
        from rapidfuzz import fuzz, process

        title, fp, words = self.titles[i], self.fps[i], self.words[i]
        found: list[int] = []
        share = _latin_share(title)
        if share is not None:  # a title and its translation (see _translated)
            other = self.first_latin if share <= 0.5 else self.first_other if share >= 0.9 else None
            if other is not None:
                found.append(other)
        name = _name_of(title)
        if name is not None and name in self.by_name:
            found.append(self.by_name[name])
        limit = min(found, default=len(self.rep_fps))
        if limit:
            close = process.extract(
                fp, self.rep_fps[:limit], scorer=fuzz.ratio, score_cutoff=TITLE_SIMILARITY, limit=None
            )
            if close:
                found.append(min(index for _, _, index in close))
        unique = set(words)
        candidates: set[int] = set()
        if unique:  # representatives holding every word of this title
            candidates.update(self.with_word.get(min(unique, key=lambda w: (self.frequency[w], w)), ()))
        for w in unique:  # representatives whose words are all in this title
            candidates.update(self.by_rarest.get(w, ()))
        for j in candidates:
            if j < min(found, default=j + 1) and _subset(self.rep_words[j], (words, unique)):
                found.append(j)
        return min(found, default=None)


def _subset(first: tuple[list[str], set[str]], second: tuple[list[str], set[str]]) -> bool:
    """The word test of :func:`similar_titles` (every word of the shorter in the longer), on split fingerprints."""
    short, long = sorted((first, second), key=lambda ws: len(ws[0]))
    return bool(short[0]) and short[1] <= long[1]


def _name_of(title: str) -> str | None:
    """The name before a title's colon, if it is a name (see :func:`_same_name`)."""
    if ":" not in title:
        return None
    name = fingerprint(title.split(":", 1)[0])
    return name if name and len(name.split()) <= 3 else None


def _split_id_conflicts(items: list[Paper], fps: list[str], conflicts: list[tuple[OrderKey, Conflict]]) -> list[Paper]:
    """Detach minority titles from arXiv ids given to different papers."""
    by_id: dict[str, list[int]] = defaultdict(list)
    for i, p in enumerate(items):
        if p.arxiv is not None and p.title:
            by_id[p.arxiv.key].append(i)
    out = list(items)
    for key, idxs in by_id.items():
        if len(idxs) < 2 or len({fps[i] for i in idxs}) < 2:
            continue
        found = _TitleClusters([items[i].title or "" for i in idxs], [fps[i] for i in idxs]).add_all()
        clusters = [[idxs[k] for k in c] for c in found]
        if len(clusters) < 2:
            continue
        # a nickname ("Transformer", "GPT-3") given next to the full title is an alias, not a conflict
        title_like = [any(is_title_like(items[i].title or "") for i in c) for c in clusters]
        titled = [c for c, ok in zip(clusters, title_like, strict=True) if ok]
        if titled and len(titled) < len(clusters):
            for c, ok in zip(clusters, title_like, strict=True):
                if ok:
                    continue
                for i in c:
                    nickname = out[i].title or ""
                    out[i] = attrs.evolve(out[i], title=None, aliases=_union([nickname], out[i].aliases))
            clusters = titled
            if len(clusters) < 2:
                continue

        def weight(cluster: list[int]) -> tuple[int, str]:
            return (-sum(len(_sources(items[i])) for i in cluster), fps[cluster[0]])

        clusters.sort(key=weight)
        kept_title = _pick_title([items[i] for i in clusters[0]])
        conflict = Conflict(
            "id-titles",
            key,
            tuple(
                (
                    _pick_title([items[i] for i in c]) or "",
                    tuple(dict.fromkeys(s for i in c for s in _sources(items[i]))),
                )
                for c in clusters
            ),
            kept_title,
        )
        conflicts.append(((0, *_order(items[idxs[0]])), conflict))
        note = conflict.message
        for i in clusters[0]:
            out[i] = attrs.evolve(out[i], conflicts=_union(out[i].conflicts, [note]))
        for c in clusters[1:]:
            for i in c:
                out[i] = attrs.evolve(out[i], arxiv=None, conflicts=_union(out[i].conflicts, [note]))
    return out


def _title_conflicts(merged: list[Paper], known: dict[str | None, str]) -> list[tuple[OrderKey, Conflict]]:
    by_title: dict[str, list[Paper]] = defaultdict(list)
    for p in merged:
        if p.title and p.arxiv is not None:
            by_title[known.get(p.title) or fingerprint(p.title)].append(p)
    out: list[tuple[OrderKey, Conflict]] = []
    for fp, group in sorted(by_title.items()):
        ids = {p.arxiv.key for p in group if p.arxiv}
        if len(ids) > 1:
            conflict = Conflict(
                "title-ids",
                fp,
                tuple((f"{p.title} [{p.arxiv_id}]", _sources(p)) for p in sorted(group, key=_identity_order)),
            )
            out.append(((1, fp), conflict))
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
    date = p.date
    if date and year is not None and not date.startswith(str(year)):
        date = None  # the rule of merged groups: a date of the merged year
        del prov["date"]
    return _assemble(  # the fields of Paper in order, as attrs.evolve(p, ...) would set them
        p.title,
        p.arxiv,
        p.doi,
        p.url,
        _unique_links(p.links),
        p.authors,
        year,
        date,
        p.venue,
        _union(p.affiliations),
        _union(p.aliases),
        _union(p.tags),
        p.summary,
        p.kind,
        p.section,
        sources[0] if sources else p.source,
        p.format,
        tuple(sources),
        _union(p.conflicts),
        p.et_al,
        tuple(sorted(prov.items())),
    )


def _unique_links(links: Iterable[Link]) -> tuple[Link, ...]:
    """The first link given for each URL, in first-seen order."""
    seen: dict[str, Link] = {}
    for link in links:
        seen.setdefault(link.url, link)
    return tuple(seen.values())


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
    et_al = any(p.et_al for p in group)  # the list that gives the authors says whether it gave them all
    if with_authors:
        src = max(with_authors, key=lambda p: (len(p.authors), -position[id(p)]))
        authors = src.authors
        et_al = src.et_al
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
    links = _unique_links(link for p in group for link in p.links)
    primary = group[0]
    sources = sorted({s for p in group for s in _sources(p)}, key=lambda s: (s.file or "", s.line, s.list or ""))
    return _assemble(  # the fields of Paper in order (all in canonical form already)
        title,
        arxiv,
        doi,
        url,
        links,
        tuple(authors),
        year,
        date,
        venue,
        _union(*(p.affiliations for p in group)),
        _union(*(p.aliases for p in group)),
        _union(*(p.tags for p in group)),
        summary,
        kind,
        primary.section,
        sources[0] if sources else primary.source,
        primary.format,
        tuple(sources),
        _union(*(p.conflicts for p in group)),
        et_al,
        tuple(sorted(prov.items())),
    )
