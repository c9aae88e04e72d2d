"""Hostile link shapes stay linear: work counted, never timed (timings: benchmarks/sweep.py).

A regular expression costs time linear in the text it scans when no repetition
in it is followed by more pattern: then a failed attempt cannot backtrack into
the run.  The tests below wrap every pattern of :mod:`awesome_parse.links`,
count the characters each call is given and what it matches, check that every
pattern used is of that backtrack-free kind, and compare with a reference
implementation on small inputs.
"""

from __future__ import annotations

import re
import re._parser as sre_parse  # type: ignore[import-not-found]
from collections.abc import Iterator
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesome_parse import Link, Paper, merge
from awesome_parse import links as links_mod

_REPEATS = {sre_parse.MAX_REPEAT, sre_parse.MIN_REPEAT, getattr(sre_parse, "POSSESSIVE_REPEAT", None)}
_SINGLE = {sre_parse.LITERAL, sre_parse.NOT_LITERAL, sre_parse.IN, sre_parse.ANY, sre_parse.CATEGORY}


def _has_run(items: Any) -> bool:
    """Whether a parsed (sub)pattern holds a repetition of more than one."""
    for op, av in items:
        if op in _REPEATS and (av[1] > 1 or _has_run(av[2])):
            return True
        if op == sre_parse.SUBPATTERN and _has_run(av[-1]):
            return True
        if op == sre_parse.BRANCH and any(_has_run(alt) for alt in av[1]):
            return True
    return False


def backtrack_free(items: Any) -> bool:
    """Every run of the pattern ends it and repeats one character class.

    >>> backtrack_free(sre_parse.parse(r"&id=([A-Za-z0-9_\\-]+)"))
    True
    >>> backtrack_free(sre_parse.parse(r"\\?(?:[^#\\s]*&)?id=(\\w+)"))
    False
    """
    items = list(items)
    if _has_run(items[:-1]):
        return False
    if not items:
        return True
    op, av = items[-1]
    if op in _REPEATS and av[1] > 1:
        inner = list(av[2])
        return len(inner) == 1 and inner[0][0] in _SINGLE
    if op == sre_parse.SUBPATTERN:
        return backtrack_free(av[-1])
    return not _has_run([items[-1]])


class _Counting:
    """A compiled pattern that records what each call is given and what it matches."""

    def __init__(self, pattern: re.Pattern[str], log: list[tuple[str, str, int, int]]) -> None:
        self.pattern = pattern
        self.log = log

    def _span(self, string: str, pos: int, endpos: int | None) -> int:
        return min(len(string), len(string) if endpos is None else endpos) - pos

    def search(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        m = self.pattern.search(string, pos, len(string) if endpos is None else endpos)
        self.log.append(("scan", self.pattern.pattern, self._span(string, pos, endpos), 0))
        return m

    def finditer(self, string: str, pos: int = 0, endpos: int | None = None) -> Iterator[re.Match[str]]:
        self.log.append(("scan", self.pattern.pattern, self._span(string, pos, endpos), 0))
        return self.pattern.finditer(string, pos, len(string) if endpos is None else endpos)

    def match(self, string: str, pos: int = 0, endpos: int | None = None) -> re.Match[str] | None:
        m = self.pattern.match(string, pos, len(string) if endpos is None else endpos)
        self.log.append(("match", self.pattern.pattern, 0, len(m.group(0)) if m else 0))
        return m

    def __getattr__(self, name: str) -> Any:
        return getattr(self.pattern, name)


@pytest.fixture
def regex_log(monkeypatch: pytest.MonkeyPatch) -> list[tuple[str, str, int, int]]:
    log: list[tuple[str, str, int, int]] = []
    for name, value in list(vars(links_mod).items()):
        if isinstance(value, re.Pattern):
            monkeypatch.setattr(links_mod, name, _Counting(value, log))
    return log


def _hostile(n: int) -> str:
    return "https://" + "openreview.net/forum?" * n + "x=1"


@pytest.mark.parametrize("n", [500, 1000, 2000])
def test_openreview_link_repeating_the_forum_prefix_is_scanned_once(
    regex_log: list[tuple[str, str, int, int]], n: int
) -> None:
    url = _hostile(n)
    assert links_mod.openreview_id(url) is None
    assert links_mod.openreview_id(url + "&id=Zy9") == "Zy9"
    assert links_mod.openreview_id(url.replace("forum?", "forum?id=first&", 1)) == "first"
    scanned = sum(span for kind, _p, span, _m in regex_log if kind == "scan")
    matched = sum(length for kind, _p, _s, length in regex_log if kind == "match")
    matches = sum(1 for kind, *_ in regex_log if kind == "match")
    # three calls, each scanning its URL a bounded number of times, whatever n is
    assert scanned <= 3 * 3 * (len(url) + 8), (n, scanned)
    assert matched <= 3 * len(url) and matches <= 3 * (n + 1)
    used = {p for _k, p, *_ in regex_log}
    assert used and all(backtrack_free(sre_parse.parse(p)) for p in used), sorted(used)


def test_merge_of_a_hostile_openreview_link_scans_it_linearly(regex_log: list[tuple[str, str, int, int]]) -> None:
    work = []
    for n in (1000, 2000, 4000):
        regex_log.clear()
        url = _hostile(n) + "&id=abc123"
        papers = [Paper(title=f"Paper {k}", url=url, links=[Link("paper", url)]) for k in range(2)]
        assert len(merge(papers).papers) == 1  # one OpenReview id: one paper
        work.append(sum(span + length for _k, _p, span, length in regex_log))
    assert work[2] - work[1] <= 2.1 * (work[1] - work[0]), work


#: The expression openreview_id replaces: the id of the first link whose query has one (the last id= in it).
_REFERENCE = re.compile(r"openreview\.net/(?:forum|pdf)\?(?:[^#\s]*&)?id=([A-Za-z0-9_\-]+)")
_PIECES = ["openreview.net/forum?", "openreview.net/pdf?", "openreview.net/group?", "id=", "&", "&id=", "ab9", "_-",
           "#", " ", "noteId=x", "?", "="]  # fmt: skip


@given(st.lists(st.sampled_from(_PIECES), max_size=12).map("".join))
def test_openreview_id_reads_what_the_reference_expression_reads(url: str) -> None:
    m = _REFERENCE.search(url)
    assert links_mod.openreview_id(url) == (m.group(1) if m else None)


@pytest.mark.parametrize("char", ["{", "}", "\\", ";", "&", "\u202e", '"', "="])
def test_exports_of_hostile_text_grow_linearly_and_read_back(char: str) -> None:
    from awesome_parse.export import dumps, loads

    sizes: dict[str, list[int]] = {}
    for n in (1000, 2000, 4000):
        text = ("a" + char) * n
        paper = Paper(title=text, authors=[text], tags=[text, text], venue=text, url="https://x.org/" + text)
        for fmt in ("json", "jsonl", "csv", "bibtex", "csljson"):
            data = dumps([paper], fmt)
            assert isinstance(data, str)
            sizes.setdefault(fmt, []).append(len(data))
            back = loads(data, fmt)
            assert len(back) == 1 and back[0].title == text.replace("\u202e", "")
    for fmt, (a, b, c) in sizes.items():
        # each of the six copies of the text costs at most a fixed number of characters per
        # character (an escape), twice at most (CSL-JSON's note), and nothing compounds
        assert c - b <= 2.05 * (b - a) and c <= 2 * 6 * 20 * len(text), (fmt, sizes[fmt])
