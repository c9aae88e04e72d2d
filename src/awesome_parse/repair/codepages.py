"""Which damage a text has: the code page its UTF-8 was decoded with, and which bytes were lost.

How mojibake happens: a UTF-8 file is decoded with a single-byte code page, so
every multi-byte character becomes two to four characters of that code page
(``中`` = ``E4 B8 AD`` becomes ``ä¸­`` in Windows-1252).  Some pipelines also
lose bytes: those the code page does not define (Windows-1254 has no ``0x81``,
``0x8D``, ``0x8E``, ``0x8F``, ``0x90``, ``0x9D``, ``0x9E``) are dropped by a
lenient decoder, and the invisible soft hyphen (``0xAD``) is often stripped
afterwards.  Lead bytes (``0xC2``-``0xF4``) are never in that set, so a lost byte
always leaves a sequence *shorter* than its lead byte announces, and the place
of the loss is known.

Why this is safe on clean text: the text must first contain a code-page
character that could be a UTF-8 lead byte directly followed by one that could
be a continuation byte (:func:`prescreen`, one regular-expression scan); then a
code page must explain the non-ASCII runs of the whole document as UTF-8
(:func:`detect`): many complete sequences, few truncated ones, almost no bytes
that UTF-8 could not have produced.  Characters the code page cannot encode
(clean Chinese next to damaged lines) do not count against it: mixed documents
exist, and such runs are simply left alone.  A clean README in any language fails one of
these tests, so it is returned unchanged, byte for byte.

>>> detect("å¤§æ¨¡åž‹ and æ–‡æœ¬").codepage
'cp1252'
>>> detect("Plain English with a café and “quotes”.") is None
True
"""

from __future__ import annotations

import functools
import itertools
import re
from collections import Counter
from collections.abc import Iterator

import attrs

__all__ = ["CODEPAGES", "Damage", "Piece", "detect", "prescreen", "segment"]

#: Code pages a UTF-8 text is commonly mis-decoded with, most common first.
CODEPAGES: tuple[str, ...] = (
    "cp1252",
    "cp1254",
    "cp1250",
    "cp1251",
    "cp1253",
    "cp1257",
    "mac_roman",
    "latin-1",
    "iso8859_2",
    "cp437",
)
SOFT_HYPHEN = 0xAD


@functools.cache
def _table(codepage: str) -> tuple[dict[str, int], frozenset[int]]:
    """Character -> byte for the high half of a code page, and its undefined bytes."""
    chars: dict[str, int] = {}
    undefined = []
    for b in range(0x80, 0x100):
        try:
            ch = bytes([b]).decode(codepage)
        except UnicodeDecodeError:
            undefined.append(b)
            continue
        chars.setdefault(ch, b)
    return chars, frozenset(undefined)


@functools.cache
def lost_bytes(codepage: str) -> frozenset[int]:
    """Continuation bytes a lenient decode of ``codepage`` loses: undefined ones and the soft hyphen.

    For Latin-1, which defines every byte, the C1 controls (``0x80``-``0x9F``) are
    what gets stripped.

    >>> sorted(hex(b) for b in lost_bytes("cp1254"))
    ['0x81', '0x8d', '0x8e', '0x8f', '0x90', '0x9d', '0x9e', '0xad']
    """
    _chars, undefined = _table(codepage)
    lost = {b for b in undefined if 0x80 <= b <= 0xBF} | {SOFT_HYPHEN}
    if codepage in ("latin-1", "iso8859_2"):
        lost |= set(range(0x80, 0xA0))
    return frozenset(lost)


@functools.cache
def _pair_re(codepages: tuple[str, ...] = CODEPAGES) -> re.Pattern[str]:
    """A character of one of ``codepages`` that could be a UTF-8 lead byte, then one that could continue it."""
    leads: set[str] = set()
    conts: set[str] = set()
    for cp in codepages:
        chars, _ = _table(cp)
        for ch, b in chars.items():
            if 0xC2 <= b <= 0xF4:
                leads.add(ch)
            elif 0x80 <= b <= 0xBF:
                conts.add(ch)

    def klass(s: set[str]) -> str:
        return "[" + "".join(re.escape(c) for c in sorted(s)) + "]"

    return re.compile(klass(leads) + klass(conts))


def prescreen(text: str) -> bool:
    """Cheap test: could this text hold mojibake at all?  False for almost all clean text.

    >>> prescreen("Clean text, 中文, 한국어, café."), prescreen("ä¸­æ–‡")
    (False, True)
    """
    if text.isascii():
        return False
    return _pair_re().search(text) is not None


def _need(b: int) -> int | None:
    if 0xC2 <= b <= 0xDF:
        return 1
    if 0xE0 <= b <= 0xEF:
        return 2
    if 0xF0 <= b <= 0xF4:
        return 3
    return None


@attrs.frozen
class Piece:
    """A piece of a run's bytes: a complete UTF-8 character, or a truncated one with its candidates."""

    raw: bytes
    text: str | None
    candidates: tuple[str, ...] = ()


@functools.lru_cache(maxsize=1 << 16)
def _completions(seq: bytes, need: int, lost: frozenset[int], max_missing: int) -> tuple[str, ...]:
    # cached: a text repeats its truncated sequences (every ``é`` of clean French is one)
    missing = need + 1 - len(seq)
    if missing < 1 or missing > max_missing:
        return ()
    out: list[str] = []
    seen: set[str] = set()
    slots = range(1, need + 1)
    for positions in itertools.combinations(slots, missing):
        for fill in itertools.product(sorted(lost), repeat=missing):
            buf = bytearray()
            it = iter(seq[1:])
            f = iter(fill)
            buf.append(seq[0])
            for slot in slots:
                buf.append(next(f) if slot in positions else next(it))
            try:
                ch = bytes(buf).decode("utf-8")
            except UnicodeDecodeError:
                continue
            if ch not in seen:
                seen.add(ch)
                out.append(ch)
    return tuple(out)


def segment(data: bytes, lost: frozenset[int], max_missing: int = 2) -> list[Piece] | None:
    """Cut the bytes of a non-ASCII run into UTF-8 characters; ``None`` if UTF-8 cannot explain them.

    >>> [p.text for p in segment("ä¸­".encode("cp1252"), lost_bytes("cp1252"))]
    ['中']
    >>> segment("ä¸".encode("cp1254"), lost_bytes("cp1254"))[0].candidates[-1]
    '中'
    """
    if _NEVER_UTF8.search(data):
        return None  # a byte that no UTF-8 text holds, complete or truncated
    pieces: list[Piece] = []
    i, n = 0, len(data)
    while i < n:
        need = _need(data[i])
        if need is None:
            return None
        k = 0
        while k < need and i + 1 + k < n and 0x80 <= data[i + 1 + k] <= 0xBF:
            k += 1
        seq = data[i : i + 1 + k]
        if k == need:
            try:
                pieces.append(Piece(seq, seq.decode("utf-8")))
            except UnicodeDecodeError:
                return None
        else:
            cands = _completions(seq, need, lost, max_missing)
            if not cands:
                return None
            pieces.append(Piece(seq, None, cands))
        i += 1 + k
    return pieces


_RUN = re.compile(r"[^\x00-\x7f]+")
_NEVER_UTF8 = re.compile(rb"[\xc0\xc1\xf5-\xff]")


def runs(line: str) -> Iterator[re.Match[str]]:
    """Maximal runs of non-ASCII characters in a line."""
    return _RUN.finditer(line)


def encode_run(run: str, codepage: str) -> bytes | None:
    """The bytes a run was decoded from under ``codepage``, or ``None`` if it cannot be."""
    chars, _ = _table(codepage)
    out = bytearray()
    for ch in run:
        b = chars.get(ch)
        if b is None:
            return None
        out.append(b)
    return bytes(out)


@attrs.frozen
class Damage:
    """What :func:`detect` found: the code page, the bytes it loses, and the evidence."""

    codepage: str
    lost: frozenset[int]
    complete: int
    truncated: int
    invalid: int
    alternatives: tuple[str, ...] = ()

    @property
    def lossy(self) -> bool:
        return self.truncated > 0

    def describe(self) -> str:
        lost = ", ".join(f"0x{b:02X}" for b in sorted(self.lost))
        kind = f"lossy: {self.truncated} character(s) lost a byte (one of {lost})" if self.lossy else "lossless"
        also = f" (or {', '.join(self.alternatives)}: they agree on this text)" if self.alternatives else ""
        return f"UTF-8 decoded as {self.codepage}{also}; {self.complete} character(s) intact; {kind}"


def _evidence(text: str, codepage: str) -> tuple[int, int, int, int]:
    """(complete sequences, truncated sequences, invalid runs, foreign characters) for a code page."""
    complete = truncated = invalid = foreign = 0
    for run, n in Counter(_RUN.findall(text)).items():
        c, t, i, f = _run_evidence(run, codepage)
        complete += c * n
        truncated += t * n
        invalid += i * n
        foreign += f * n
    return complete, truncated, invalid, foreign


@functools.lru_cache(maxsize=1 << 14)
def _run_evidence(run: str, codepage: str) -> tuple[int, int, int, int]:
    data = encode_run(run, codepage)
    if data is None:
        return 0, 0, 0, len(run)
    pieces = segment(data, lost_bytes(codepage))
    if pieces is None:
        return 0, 0, 1, 0
    complete = sum(p.text is not None for p in pieces)
    return complete, len(pieces) - complete, 0, 0


def _pair_count(text: str, codepage: str, at_least: int = 2) -> int:
    """How many lead-continuation pairs of ``codepage`` ``text`` holds, counting up to ``at_least``."""
    found = 0
    for _m in _pair_re((codepage,)).finditer(text):
        found += 1
        if found >= at_least:
            break
    return found


def _plausible(complete: int, truncated: int, invalid: int) -> bool:
    """Whether the evidence can be mis-decoded UTF-8 rather than clean text.

    Clean text makes few complete sequences by chance (``Ã©`` typed on purpose)
    and many runs UTF-8 cannot explain.  Damage makes complete sequences, and
    truncated ones where bytes were lost: more truncated than complete ones only
    when the code page loses many bytes (Windows-1253 and -1257 leave out 12 to
    16 continuation bytes), and then nearly every run is explained.
    """
    if complete < 2:
        return False
    if complete >= truncated:
        return True
    return complete >= 20 and truncated <= 3 * complete and invalid * 10 <= complete


def detect(text: str) -> Damage | None:
    """The most plausible damage of ``text``, or ``None`` if it reads as clean UTF-8."""
    if not prescreen(text):
        return None
    scored: list[tuple[float, str, tuple[int, int, int, int]]] = []
    for cp in CODEPAGES:
        if _pair_count(text, cp) < 2:
            continue  # fewer than two complete sequences are possible: not this code page (cheap)
        evidence = _evidence(text, cp)
        complete, truncated, invalid, foreign = evidence
        if not _plausible(complete, truncated, invalid):
            continue
        # Runs UTF-8 cannot explain are left alone (clean quotes and dashes next to
        # damaged lines); only when they outnumber the evidence is the code page doubted.
        if invalid > 3 * complete:
            continue
        scored.append((complete + 0.5 * truncated - 4 * invalid - foreign, cp, evidence))
    if not scored:
        return None
    _best_score, best_cp, best_evidence = max(scored, key=lambda t: t[0])
    complete, truncated, invalid, _foreign = best_evidence
    lost: frozenset[int] = frozenset()
    ties = tuple(cp for _score, cp, evidence in scored if evidence == best_evidence and cp != best_cp)
    if truncated:
        # Code pages that explain the text exactly as well (cp1252 and cp1254 agree on
        # most characters) may each have lost their own undefined bytes: allow them all.
        for cp in (best_cp, *ties):
            lost |= lost_bytes(cp)
    return Damage(best_cp, lost, complete, truncated, invalid, ties)
