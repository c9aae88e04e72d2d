"""A character language model for choosing the character a lost byte belonged to.

When a continuation byte was lost, a damaged character has a handful of
candidates (8 to 64).  The author wrote one of them; the text around it says
which.  Some candidate sets hold two common characters (``不`` and ``中`` are
``E4 B8 8D`` and ``E4 B8 AD``; both bytes are lost by a Windows-1254 decode that
strips soft hyphens), so the choice must read the context, and neighbouring
characters are often damaged too (``正态`` with both lost).

The model is a character bigram model, decoded jointly over a whole line:

* **vocabulary bigrams**: how often character ``b`` follows ``a`` inside the
  words of wordfreq's frequency list for the script's language, weighted by the
  word's frequency (``程中`` from ``过程中``, ``名为``, ``正态分布``);
* **document bigrams**: the same counts over the undamaged text of this very
  document, because a README repeats its own vocabulary;
* **unigrams** of both, as the back-off;
* a **shape prior**: letters and punctuation over format controls, private-use
  and unassigned code points, and a closing quote where an opening one is
  unmatched.

:func:`decode_line` runs the forward-backward algorithm over the line: the best
joint choice and each guess's posterior probability (its confidence).

wordfreq's data is a well-kept, multi-source frequency list for 40 languages;
no frequency table is written by hand here.  A list is loaded, and its bigrams
counted, only when a lossy repair needs them.  What is counted is kept on disk
(:func:`cache_dir`: ``~/.cache/awesome-parse`` unless ``AWESOME_PARSE_CACHE_DIR``
says otherwise, or is empty to keep nothing), so later processes read the counts
instead of counting again.
"""

from __future__ import annotations

import array
import bisect
import contextlib
import functools
import hashlib
import importlib.util
import itertools
import marshal
import math
import operator
import os
import re
import sys
import unicodedata
from collections import Counter, defaultdict
from collections.abc import Callable, Iterable, Sequence
from pathlib import Path
from typing import Any, TypeVar

__all__ = [
    "CharModel",
    "DocumentModel",
    "WordLattice",
    "decode_line",
    "languages_for",
    "refine_with_words",
    "script_of",
]

#: Scale that turns wordfreq frequencies into pseudo-counts (a frequency of 1e-7 counts once).
VOCAB_SCALE = 1e7
#: Weight of one bigram seen in the document, in pseudo-counts.
DOC_WEIGHT = 4.0
#: Smoothing mass given to the unigram back-off.
SMOOTHING = 4.0
#: Share of word boundaries followed by something no word list holds (space, punctuation, Latin).
BOUNDARY_OTHER = 0.3


def script_of(ch: str) -> str:
    """A coarse script name: han, hangul, kana, latin, cyrillic, greek, emoji, punct or other.

    >>> script_of("中"), script_of("é"), script_of("”")
    ('han', 'latin', 'punct')
    """
    cached = _SCRIPTS.get(ch)
    if cached is None:
        cached = _SCRIPTS[ch] = _script_of(ch)
    return cached


#: script_of's answers, per character (the decoders ask about the same few hundred characters)
_SCRIPTS: dict[str, str] = {}


def _script_of(ch: str) -> str:
    cp = ord(ch)
    if 0x4E00 <= cp <= 0x9FFF or 0x3400 <= cp <= 0x4DBF or 0x20000 <= cp <= 0x2FFFF or 0xF900 <= cp <= 0xFAFF:
        return "han"
    if 0xAC00 <= cp <= 0xD7AF or 0x1100 <= cp <= 0x11FF or 0x3130 <= cp <= 0x318F:
        return "hangul"
    if 0x3040 <= cp <= 0x30FF:
        return "kana"
    if 0x1F300 <= cp <= 0x1FAFF or 0x2600 <= cp <= 0x27BF:
        return "emoji"
    cat = unicodedata.category(ch)
    if cat.startswith("L"):
        name = unicodedata.name(ch, "")
        for script in ("LATIN", "CYRILLIC", "GREEK"):
            if name.startswith(script):
                return script.lower()
        return name.split(" ")[0].lower() or "other"
    if cat.startswith("P"):
        return "punct"
    return "other"


_LANGS = {
    "han": ("zh",),
    "kana": ("ja",),
    "hangul": ("ko",),
    "latin": ("en", "fr", "de", "es", "pt", "it"),
    "cyrillic": ("ru", "uk"),
    "greek": ("el",),
    "emoji": ("emoji",),
}


def languages_for(script: str, doc_scripts: frozenset[str] = frozenset()) -> tuple[str, ...]:
    """wordfreq languages that describe characters of ``script``.

    Han characters are looked up in Japanese as well when the document holds kana;
    Latin letters in the main European languages when the document holds
    accented Latin letters, else in English only.

    >>> languages_for("han", frozenset({"kana"})), languages_for("latin")
    (('zh', 'ja'), ('en',))
    """
    langs = _LANGS.get(script, ())
    if script == "han" and "kana" in doc_scripts:
        langs = (*langs, "ja")
    if script == "latin" and "latin" not in doc_scripts:
        langs = langs[:1]  # English only, unless the document itself writes accented Latin letters
    return langs


class CharModel:
    """Character statistics of one wordfreq language list, as pseudo-counts.

    ``uni`` counts characters, ``bi`` adjacent pairs inside words, ``start`` and
    ``end`` the first and last characters of words.  Text is a sequence of words,
    so the chance that ``b`` follows ``a`` is ``bi[ab]`` (inside a word) plus
    ``end[a] * P(word starts with b)`` (across a word boundary), over ``uni[a]``:
    a character that usually ends a word (``与``, ``的``) is followed by anything,
    one that usually begins a word (``不``) by its word's next character.
    """

    def __init__(self, lang: str, *, ascii_pairs: bool = True, tables: _CharTables | None = None) -> None:
        """Count the word list of ``lang``; with ``ascii_pairs`` false, ``bi`` leaves out the
        pairs of two ASCII characters (most of the work for a Latin-script list).  ``tables``
        are the counts made already (:func:`_char_tables`), as :func:`char_model` keeps them."""
        self.lang = lang
        uni, bi, start, end, self.total, self.starts, unseen = tables or _char_tables(lang, ascii_pairs)
        #: pseudo-count of a character the list never has
        self.unseen = unseen
        self.uni: defaultdict[str, float] = defaultdict(float, uni)
        self.bi: defaultdict[str, float] = defaultdict(float, bi)
        self.start: defaultdict[str, float] = defaultdict(float, start)
        self.end: defaultdict[str, float] = defaultdict(float, end)

    def transition(self, a: str, b: str, back: float) -> tuple[float, float]:
        """(pseudo-count of ``b`` after ``a``, pseudo-count of ``a``), boundary included.

        After a word comes the next word, or (``BOUNDARY_OTHER`` of the time)
        something no word list holds: a space, punctuation, Latin text.  ``back``
        is the probability of ``b`` as such a character.  Without this share a
        frequent character would pay for every continuation the list cannot see.
        """
        within = self.bi.get(a + b, 0.0)
        nxt = (1 - BOUNDARY_OTHER) * self.start.get(b, 0.0) / self.starts + BOUNDARY_OTHER * back
        return within + self.end.get(a, 0.0) * nxt, self.uni.get(a, 0.0)


#: A :class:`CharModel`'s counts: ``uni``, ``bi``, ``start``, ``end``, ``total``, ``starts``, ``unseen``.
_CharTables = tuple[dict[str, float], dict[str, float], dict[str, float], dict[str, float], float, float, float]

#: in a text of words (or lines), one a line: every pair of characters inside a word (a line)
_IN_WORD_PAIRS = re.compile(r"(?=([^\n]{2}))")


def _char_tables(lang: str, ascii_pairs: bool = True) -> _CharTables:
    """Count the characters of the wordfreq list of ``lang`` (see :class:`CharModel`)."""
    unseen = 0.05
    uni: defaultdict[str, float] = defaultdict(float)
    bi: defaultdict[str, float] = defaultdict(float)
    start: defaultdict[str, float] = defaultdict(float)
    end: defaultdict[str, float] = defaultdict(float)
    try:
        import wordfreq

        if lang == "emoji":
            # the emoji of the English list, as a distribution of their own: which
            # pictograph people write (🏆, not the domino tile 🁆 one byte away)
            words = {
                w: f
                for w, f in wordfreq.get_frequency_dict("en").items()
                if not w.isascii() and script_of(w[0]) == "emoji" and not any(c.isascii() for c in w)
            }
            unseen = 0.0
        else:
            words = wordfreq.get_frequency_dict(lang)
    except (ImportError, LookupError, ValueError, OSError):  # pragma: no cover - data is installed
        words = {}
    # Group words by frequency (quarter decades) and count each group's
    # characters in C-speed Counter updates; the error is well under a factor 2.
    # (wordfreq lists words by frequency, so the words of one frequency come together.)
    buckets: dict[int, list[str]] = {}
    for freq, same in itertools.groupby(words.items(), key=_second):
        if freq > 0:
            buckets.setdefault(round(math.log10(freq) * 4), []).extend(map(_first, same))
    for key, group in buckets.items():
        weight = 10 ** (key / 4) * VOCAB_SCALE
        joined = "\n" + "\n".join(group) + "\n"
        chars = Counter(joined)
        del chars["\n"]
        for gram, n in chars.items():
            uni[gram] += n * weight
        words_of = list(filter(None, group))
        for gram, n in Counter(map(_first, words_of)).items():
            start[gram] += n * weight
        for gram, n in Counter(map(_last, words_of)).items():
            end[gram] += n * weight
        if not ascii_pairs:
            # a pair with a non-ASCII character occurs only in a word with one
            joined = "\n".join(itertools.filterfalse(str.isascii, group))
        for gram, n in Counter(_IN_WORD_PAIRS.findall(joined)).items():
            if ascii_pairs or not gram.isascii():
                bi[gram] += n * weight
    total = sum(uni.values()) or 1.0
    starts = sum(start.values()) or 1.0
    return dict(uni), dict(bi), dict(start), dict(end), total, starts, unseen


@functools.cache
def char_model(lang: str) -> CharModel:
    """The (cached) :class:`CharModel` of a language, as the decoders use it: without the pairs
    of two ASCII characters, which they never ask about (the document's own counts decide those).

    Its counts are kept on disk between processes (:func:`_stored`)."""
    tables = _stored(f"chars-{lang}", lambda: _char_tables(lang, ascii_pairs=False), _pack_chars, _unpack_chars)
    return CharModel(lang, tables=tables)


def _pack_chars(tables: _CharTables) -> tuple[object, ...]:
    return (*(_pack(t) for t in tables[:4]), *tables[4:])


def _unpack_chars(stored: object) -> _CharTables:
    if not isinstance(stored, tuple) or len(stored) != 7 or not all(isinstance(x, float) for x in stored[4:]):
        raise ValueError("not the counts of a word list")
    uni, bi, start, end = (_unpack(t) for t in stored[:4])
    return uni, bi, start, end, stored[4], stored[5], stored[6]


# ---------------------------------------------------------------------------------------------
# What is loaded once per process, kept on disk between processes

#: Layout of the tables kept on disk; the key of a table also covers this module's source,
#: wordfreq's data files and the Python version, so a change to any of them counts again.
DISK_FORMAT = 1
#: Environment variable naming the directory of the tables kept on disk; empty: keep none.
CACHE_ENV = "AWESOME_PARSE_CACHE_DIR"


def cache_dir() -> Path | None:
    """Where the word-list tables are kept between processes: ``$AWESOME_PARSE_CACHE_DIR``
    (empty: nowhere), else ``$XDG_CACHE_HOME/awesome-parse`` or ``~/.cache/awesome-parse``."""
    chosen = os.environ.get(CACHE_ENV)
    if chosen is not None:
        return Path(chosen) if chosen.strip() else None
    base = os.environ.get("XDG_CACHE_HOME") or os.path.join(os.path.expanduser("~"), ".cache")
    return Path(base) / "awesome-parse"


@functools.cache
def _disk_key() -> str | None:
    """What the tables on disk were computed from, as a short hash (``None``: no wordfreq data)."""
    try:
        spec = importlib.util.find_spec("wordfreq")
        if spec is None or spec.origin is None:  # pragma: no cover - wordfreq is a dependency
            return None
        digest = hashlib.sha256(f"{DISK_FORMAT} {sys.version_info[:2]} {marshal.version} {sys.byteorder}".encode())
        digest.update(Path(__file__).read_bytes())
        with os.scandir(Path(spec.origin).parent / "data") as entries:
            for entry in sorted(entries, key=lambda e: e.name):
                stat = entry.stat()
                digest.update(f"{entry.name} {stat.st_size} {stat.st_mtime_ns}\n".encode())
        return digest.hexdigest()[:24]
    except (ImportError, OSError, ValueError):  # pragma: no cover - an unreadable installation
        return None


_T = TypeVar("_T")


def _stored(name: str, build: Callable[[], _T], pack: Callable[[_T], Any], unpack: Callable[[object], _T]) -> _T:
    """``build()``, kept on disk in :func:`cache_dir` so that the next process reads it instead.

    ``pack`` turns the value into what marshal writes, ``unpack`` back (raising ``ValueError``
    or ``TypeError`` if it is not such a value).  A table that cannot be read (missing, damaged,
    of another version) is built again; one that cannot be written is only used in this process.
    Older versions of the table are removed when a new one is written.
    """
    directory, key = cache_dir(), _disk_key()
    if directory is None or key is None:
        return build()
    path = directory / f"{name}-{key}.marshal"
    try:
        with open(path, "rb") as fh:
            return unpack(marshal.loads(fh.read()))  # one read: marshal.load reads a file piece by piece
    except (OSError, EOFError, ValueError, TypeError):
        pass
    value = build()
    part = path.with_name(f"{path.name}.{os.getpid()}.part")
    try:
        directory.mkdir(parents=True, exist_ok=True)
        with open(part, "wb") as fh:
            fh.write(marshal.dumps(pack(value)))
        os.replace(part, path)  # atomic: a reader sees the old table or the new one
        for old in directory.glob(f"{name}-*.marshal"):
            if old != path and re.fullmatch(re.escape(name) + r"-[0-9a-f]{24}\.marshal", old.name):
                old.unlink(missing_ok=True)
    except (OSError, ValueError):
        with contextlib.suppress(OSError):
            part.unlink(missing_ok=True)
    return value


def _pack(table: dict[str, float]) -> tuple[int, str, bytes]:
    """A table of strings (none holding a line break) and floats, compactly: its size, its keys
    one a line, its values as machine doubles (exact).  :func:`_unpack` reads it twice as fast
    as marshal reads the dict.

    >>> _unpack(_pack({"ab": 0.1, "c": 2.0})), _unpack(_pack({}))
    ({'ab': 0.1, 'c': 2.0}, {})
    """
    keys = "\n".join(table)
    if len(table) != keys.count("\n") + 1 and table:
        raise ValueError("a key holds a line break")
    return len(table), keys, array.array("d", table.values()).tobytes()


def _unpack(stored: object) -> dict[str, float]:
    if not isinstance(stored, tuple) or len(stored) != 3:
        raise ValueError("not a packed table")
    size, keys, data = stored
    if not isinstance(size, int) or not isinstance(keys, str) or not isinstance(data, bytes):
        raise ValueError("not a packed table")
    if not size:
        return {}
    values = array.array("d")
    values.frombytes(data)
    names = keys.split("\n")
    if len(names) != size or len(values) != size:
        raise ValueError("a packed table of the wrong size")
    return dict(zip(names, values, strict=True))


def _vocab_parts(models: list[CharModel], a: str, b: str) -> tuple[float, float, float]:
    """The vocabulary's share of ``b`` after ``a``, summed over ``models``, as
    (pseudo-count without the back-off, pseudo-count per unit of back-off, count of ``a``).

    :meth:`CharModel.transition` is ``fixed + per_back * back``; the parts do not depend
    on the document, so :class:`DocumentModel` keeps them once per process and pair.

    >>> _vocab_parts([], "a", "b")
    (0.0, 0.0, 0.0)
    """
    fixed = per_back = count = 0.0
    for m in models:
        end = m.end.get(a, 0.0)
        fixed += m.bi.get(a + b, 0.0) + end * (1 - BOUNDARY_OTHER) * m.start.get(b, 0.0) / m.starts
        per_back += end * BOUNDARY_OTHER
        count += m.uni.get(a, 0.0)
    return fixed, per_back, count


#: Entries a per-process cache of the decoders may hold before it starts again (about 50 MB at most).
PROCESS_CACHE_LIMIT = 200_000

#: :func:`_vocab_parts` answers, per languages and character pair (up to ``PROCESS_CACHE_LIMIT`` each)
_VOCAB_PARTS: dict[tuple[str, ...], dict[str, tuple[float, float, float]]] = {}

#: :meth:`DocumentModel._parts_row` answers per (character, candidates) and :meth:`DocumentModel._parts_column`
#: answers per (candidates, character), per set of document scripts
_ROW_PARTS: dict[
    frozenset[str],
    tuple[
        dict[tuple[str, tuple[str, ...]], list[tuple[float, float, float] | None]],
        dict[tuple[tuple[str, ...], str], list[tuple[float, float, float] | None]],
    ],
] = {}


_COMMON_SCRIPTS = frozenset({"han", "latin", "hangul", "kana", "cyrillic", "greek", "emoji", "punct"})
_RARE_BLOCKS = (
    "EXTENSION",
    "COMPATIBILITY",
    "PRESENTATION FORM",
    "MATHEMATICAL",
    "GOTHIC",
    "OLD ITALIC",
    "RADICAL",
    "KANGXI",
    "IDEOGRAPHIC DESCRIPTION",
    "BRAILLE",
    "TAG ",
)


def _category_prior(ch: str, doc_scripts: frozenset[str] = frozenset()) -> float:
    """log10 prior from what a README plausibly contains.

    Format controls, private-use and unassigned code points are all but impossible;
    letters of a script the document never uses, presentation forms, compatibility
    ideographs and mathematical alphanumerics are unlikely; emoji are ordinary.
    """
    cat = unicodedata.category(ch)
    if cat in ("Cn", "Co", "Cs", "Cc"):
        return -12.0
    if cat == "Cf":
        return -6.0
    if cat.startswith("Z"):
        return -4.0
    script = script_of(ch)
    if script == "emoji":
        return 0.0
    if ord(ch) > 0xFFFF and script != "han":
        return -4.0  # beyond emoji and ideographs, the supplementary planes hold historic scripts and tiles
    name = unicodedata.name(ch, "")
    if any(block in name for block in _RARE_BLOCKS):
        return -4.0
    if cat.startswith("M"):
        return -3.0
    if cat.startswith("L") and script not in _COMMON_SCRIPTS and script not in doc_scripts:
        return -4.0
    if cat in ("So", "Sk", "Sm", "Sc"):
        return -1.0
    return 0.0


def _is_pictographic(ch: str | None) -> bool:
    return ch is not None and (script_of(ch) == "emoji" or unicodedata.category(ch) == "So")


_PAIRS = {
    "”": "“",
    "’": "‘",
    "」": "「",
    "』": "『",
    "】": "【",
    "》": "《",
    "）": "（",
    "〞": "〝",
    "»": "«",
    "›": "‹",
}
_OPENERS = {v: k for k, v in _PAIRS.items()}
_BRACKETS = frozenset(_PAIRS) | frozenset(_OPENERS)


class DocumentModel:
    """The bigram model of one document: vocabulary bigrams of its scripts plus its own text."""

    def __init__(self, known_text: str) -> None:
        # characters and adjacent pairs within lines, counted over the whole text at once
        self.uni: Counter[str] = Counter(known_text)
        del self.uni["\n"]
        self.bi: Counter[str] = Counter(_IN_WORD_PAIRS.findall(known_text))
        self.left: Counter[str] = Counter()
        for gram, n in self.bi.items():
            self.left[gram[0]] += n
        self.total = sum(self.uni.values()) or 1
        self.scripts = frozenset(script_of(ch) for ch in self.uni if not ch.isascii())
        self._uni_cache: dict[str, float] = {}
        self._tr_cache: dict[str, float] = {}
        self._models_cache: dict[str, list[CharModel]] = {}
        self._category_cache: dict[str, float] = {}
        self._back: dict[str, float] = {}
        self._parts_cache: dict[str, dict[str, tuple[float, float, float]]] = {}
        self._rows_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], list[list[float]]] = {}
        self._columns_cache: dict[tuple[tuple[str, ...], tuple[str, ...]], list[tuple[float, ...]]] = {}
        self._backs_cache: dict[tuple[str, ...], tuple[list[float], list[float]]] = {}
        self._followers: dict[str, set[str]] | None = None
        self._priors_cache: dict[tuple[str, ...], list[float] | None] = {}
        self._prior_maps: dict[tuple[str, ...], dict[str, float]] = {}
        self._stretch_cache: dict[
            tuple[tuple[tuple[str, ...], ...], tuple[int, ...], tuple[tuple[float, ...], ...]],
            list[list[tuple[str, float]]],
        ] = {}
        for table in _VOCAB_PARTS.values():
            if len(table) > PROCESS_CACHE_LIMIT:
                table.clear()
        #: the vocabulary parts of whole rows (see :meth:`_parts_row`), shared by the documents of these scripts
        self._row_parts = _ROW_PARTS.setdefault(self.scripts, ({}, {}))
        for parts_table in self._row_parts:
            if len(parts_table) > PROCESS_CACHE_LIMIT:
                parts_table.clear()

    def _models(self, ch: str) -> list[CharModel]:
        models = self._models_cache.get(ch)
        if models is None:
            models = self._models_cache[ch] = [char_model(lang) for lang in languages_for(script_of(ch), self.scripts)]
        return models

    def unigram(self, ch: str) -> float:
        """log10 P(ch)."""
        cached = self._uni_cache.get(ch)
        if cached is not None:
            return cached
        own = self.uni.get(ch, 0) * DOC_WEIGHT / (self.total * DOC_WEIGHT + 1)
        models = self._models(ch)
        best = own if models else own + 0.05 / (self.total * DOC_WEIGHT + 1)
        for m in models:
            best = max(best, 0.5 * own + 0.5 * (m.uni.get(ch, 0.0) + m.unseen) / m.total)
        best = max(best, 1e-12)
        value = self._uni_cache[ch] = math.log10(best)
        return value

    def transition(self, a: str, b: str) -> float:
        """log10 P(b | a), interpolated between vocabulary, document and unigram back-off.

        >>> model = DocumentModel("大模型")
        >>> model.transition("模", "型") > model.transition("模", "垃")
        True
        """
        cached = self._tr_cache.get(a + b)
        if cached is not None:
            return cached
        return self.transitions(a, (b,), [None])[0]

    def transitions(self, a: str, cands: Sequence[str], known: list[float | None]) -> list[float]:
        """:meth:`transition` from ``a`` to each of ``cands``; ``known`` holds the values already cached.

        >>> model = DocumentModel("大模型")
        >>> model.transitions("模", ("型", "垃"), [None, None]) == [model.transition("模", c) for c in ("型", "垃")]
        True
        """
        out: list[float] = []
        a_ascii = a.isascii()
        den_doc = self.left.get(a, 0) * DOC_WEIGHT
        bi, back_of, cache = self.bi, self._back, self._tr_cache
        log10 = math.log10
        for b, value in zip(cands, known, strict=True):
            if value is None:
                gram = a + b
                num = bi.get(gram, 0) * DOC_WEIGHT
                den = den_doc
                back = back_of.get(b)
                if back is None:
                    back = back_of[b] = 10 ** self.unigram(b)
                b_ascii = b.isascii()
                if not a_ascii or not b_ascii:
                    ch = a if b_ascii else b
                    parts_of = self._parts_cache.get(ch)
                    if parts_of is None:
                        models = self._models(ch)
                        parts_of = self._parts_cache[ch] = _VOCAB_PARTS.setdefault(tuple(m.lang for m in models), {})
                    parts = parts_of.get(gram)
                    if parts is None:
                        parts = parts_of[gram] = _vocab_parts(self._models(ch), a, b)
                    if parts[2] or parts[0]:
                        num += parts[0] + parts[1] * back
                        den += parts[2]
                value = cache[gram] = log10((num + SMOOTHING * back) / (den + SMOOTHING))
            out.append(value)
        return out

    def transition_rows(self, before: tuple[str, ...], after: tuple[str, ...]) -> list[list[float]]:
        """:meth:`transition` from each of ``before`` to each of ``after``, one row per ``before``.

        The rows are kept for the document (a README repeats its damaged characters), so the
        same two candidate sets side by side cost one computation.

        >>> model = DocumentModel("大模型")
        >>> model.transition_rows(("模",), ("型", "垃")) == [[model.transition("模", c) for c in ("型", "垃")]]
        True
        """
        key = (before, after)
        found = self._rows_cache.get(key)
        if found is None:
            backs = self._backs_cache.get(after)
            if backs is None:
                back = [self._back_of(b) for b in after]
                backs = self._backs_cache[after] = (back, [SMOOTHING * x for x in back])
            if len(after) == 1 and len(before) > 1:
                # into one character (damaged ones before a known one): the matrix is one column
                found = [[value] for value in self._column(before, after[0], backs[0][0], backs[1][0])]
            else:
                found = [self._row(p, after, *backs) for p in before]
            self._rows_cache[key] = found
        return found

    def _column(self, before: tuple[str, ...], b: str, back: float, smooth: float) -> list[float]:
        """:meth:`transitions` from each of ``before`` to ``b``: :meth:`_row`'s arithmetic, one pass."""
        followers = self._follower_sets()
        bi, left = self.bi, self.left
        ratios: list[float] = []
        append = ratios.append
        for a, parts in zip(before, self._parts_column(before, b), strict=True):
            follows = followers.get(a)
            num = bi[a + b] * DOC_WEIGHT if follows is not None and b in follows else 0.0
            den_doc = left.get(a, 0) * DOC_WEIGHT
            if parts is None:
                append((num + smooth) / (den_doc + SMOOTHING))
            else:
                num += parts[0] + parts[1] * back
                append((num + smooth) / (den_doc + parts[2] + SMOOTHING))
        return list(map(math.log10, ratios))

    def _follower_sets(self) -> dict[str, set[str]]:
        """Per character, the characters that follow it somewhere in the document."""
        if self._followers is None:
            followers: dict[str, set[str]] = {}
            for gram in self.bi:
                followers.setdefault(gram[0], set()).add(gram[1])
            self._followers = followers
        return self._followers

    def _back_of(self, b: str) -> float:
        back = self._back.get(b)
        if back is None:
            back = self._back[b] = 10 ** self.unigram(b)
        return back

    def _row(self, a: str, after: tuple[str, ...], backs: list[float], smoothed: list[float]) -> list[float]:
        """:meth:`transitions` from ``a`` to each of ``after``, the same arithmetic in one pass over the row.

        ``backs`` holds the back-off probability of each of ``after``, ``smoothed`` the same times ``SMOOTHING``.
        """
        follows = self._follower_sets().get(a)
        den_doc = self.left.get(a, 0) * DOC_WEIGHT
        den_smooth = den_doc + SMOOTHING
        ratios: list[float] = []
        append = ratios.append
        parts_row = self._parts_row(a, after)
        if follows is None:
            # nothing follows ``a`` in the document: its count of every pair is 0, and 0.0 + x is x
            for back, smooth, parts in zip(backs, smoothed, parts_row, strict=True):
                if parts is None:
                    append(smooth / den_smooth)
                else:
                    append((parts[0] + parts[1] * back + smooth) / (den_doc + parts[2] + SMOOTHING))
            return list(map(math.log10, ratios))
        bi = self.bi
        for b, back, smooth, parts in zip(after, backs, smoothed, parts_row, strict=True):
            num = bi[a + b] * DOC_WEIGHT if b in follows else 0.0
            if parts is None:
                append((num + smooth) / den_smooth)
            else:
                num += parts[0] + parts[1] * back
                append((num + smooth) / (den_doc + parts[2] + SMOOTHING))
        return list(map(math.log10, ratios))

    def _parts_row(self, a: str, after: tuple[str, ...]) -> list[tuple[float, float, float] | None]:
        """The vocabulary parts (:func:`_vocab_parts`) of ``a`` followed by each of ``after``;
        ``None`` where the vocabulary says nothing (two ASCII characters, or a pair no list has)."""
        key = (a, after)
        found = self._row_parts[0].get(key)
        if found is None:
            found = self._row_parts[0][key] = [self._pair_parts(a, b) for b in after]
        return found

    def _parts_column(self, before: tuple[str, ...], b: str) -> list[tuple[float, float, float] | None]:
        """:meth:`_parts_row` the other way: each of ``before`` followed by ``b``."""
        key = (before, b)
        found = self._row_parts[1].get(key)
        if found is None:
            found = self._row_parts[1][key] = [self._pair_parts(a, b) for a in before]
        return found

    def _pair_parts(self, a: str, b: str) -> tuple[float, float, float] | None:
        """:func:`_vocab_parts` of ``b`` after ``a`` for the languages of the pair's non-ASCII
        character, or ``None`` if the vocabulary says nothing about it."""
        b_ascii = b.isascii()
        if b_ascii and a.isascii():
            return None
        ch = a if b_ascii else b
        parts_of = self._parts_cache.get(ch)
        if parts_of is None:
            models = self._models(ch)
            parts_of = self._parts_cache[ch] = _VOCAB_PARTS.setdefault(tuple(m.lang for m in models), {})
        gram = a + b
        parts = parts_of.get(gram)
        if parts is None:
            parts = parts_of[gram] = _vocab_parts(self._models(ch), a, b)
        return parts if parts[2] or parts[0] else None

    def transition_columns(self, before: tuple[str, ...], after: tuple[str, ...]) -> list[tuple[float, ...]]:
        """:meth:`transition_rows` transposed: one column per ``after``, holding the transitions into it."""
        key = (before, after)
        found = self._columns_cache.get(key)
        if found is None:
            found = self._columns_cache[key] = list(zip(*self.transition_rows(before, after), strict=True))
        return found

    def priors(
        self, slots: Sequence[str | tuple[str, ...]], i: int, cands: tuple[str, ...], shape: LineShape | None = None
    ) -> list[float]:
        """:meth:`prior` of each of ``cands`` at slot ``i`` (a list the caller must not change).

        Most candidate sets hold no quote, bracket or variation selector, whose prior reads the
        line; their priors are the category's alone, kept once per set.

        >>> model = DocumentModel("")
        >>> line = ["“", "a", ("”", "\u2001")]
        >>> model.priors(line, 2, line[2]) == [model.prior(line, 2, c) for c in line[2]]
        True
        """
        found = self._priors_cache.get(cands)
        if found is None:
            contextual = any(c == "\ufe0f" or c in _BRACKETS for c in cands)
            found = self._priors_cache[cands] = None if contextual else [self.prior(slots, i, c) for c in cands]
        if found is None:
            return [self.prior(slots, i, c, shape) for c in cands]
        return found

    def prior_of(
        self, slots: Sequence[str | tuple[str, ...]], i: int, cands: tuple[str, ...], shape: LineShape | None = None
    ) -> dict[str, float]:
        """:meth:`priors` as a table from candidate to prior (a table the caller must not change)."""
        found = self._prior_maps.get(cands)
        if found is None:
            values = self.priors(slots, i, cands, shape)
            if self._priors_cache[cands] is None:  # read from the line: for this slot only
                return dict(zip(cands, values, strict=True))
            found = self._prior_maps[cands] = dict(zip(cands, values, strict=True))
        return found

    def prior(self, slots: Sequence[str | tuple[str, ...]], i: int, cand: str, shape: LineShape | None = None) -> float:
        """The shape prior: Unicode category, plus closing a quote that is open on the line.

        ``slots`` is the line: known characters and the candidate tuples of damaged ones;
        ``shape`` is its :class:`LineShape`, if the caller asks about many slots of one line.

        >>> model = DocumentModel("")
        >>> line = ["“", "a", ("”", "\u2001")]
        >>> model.prior(line, 2, "”") > model.prior(line, 2, "\u2001")
        True
        """
        score = self._category_cache.get(cand)
        if score is None:
            score = self._category_cache[cand] = _category_prior(cand, self.scripts)
        if cand == "\ufe0f":
            prev = slots[i - 1] if i > 0 else None
            if isinstance(prev, str) and _is_pictographic(prev):
                score += 5.0  # the emoji presentation selector after a pictograph
        opener = _PAIRS.get(cand)
        closer = _OPENERS.get(cand)
        if opener is None and closer is None:
            return score
        if shape is None:
            shape = LineShape(slots)
        if opener is not None and shape.known_before(opener, i) > shape.known_before(cand, i):
            score += 3.0
        if closer is not None:
            # a closer follows, and no damaged character nearer to it could open it
            nearest = shape.known_after(closer, i)
            if nearest is not None and nearest < shape.damaged_after(cand, i):
                score += 1.0
        return score


class LineShape:
    """Where a line's brackets and quotes are, for the shape prior's questions in O(log n).

    Built once per line: for every bracket or quote character, the positions where
    it is known and the positions of damaged characters that could be it.

    >>> shape = LineShape(["“", "a", ("”", "x"), "”"])
    >>> shape.known_before("“", 2), shape.known_after("”", 0), shape.damaged_after("”", 0)
    (1, 3, 2)
    """

    def __init__(self, slots: Sequence[str | tuple[str, ...]]) -> None:
        self._known: dict[str, list[int]] = {}
        self._damaged: dict[str, list[int]] = {}
        self._end = len(slots)
        for k, slot in enumerate(slots):
            if isinstance(slot, str):
                if slot in _BRACKETS:
                    self._known.setdefault(slot, []).append(k)
            else:
                for c in _BRACKETS.intersection(slot):
                    self._damaged.setdefault(c, []).append(k)

    def known_before(self, ch: str, i: int) -> int:
        """How many known slots before ``i`` are ``ch``."""
        return bisect.bisect_left(self._known.get(ch, ()), i)

    def known_after(self, ch: str, i: int) -> int | None:
        """The first known slot after ``i`` that is ``ch``, if any."""
        where = self._known.get(ch, ())
        k = bisect.bisect_right(where, i)
        return where[k] if k < len(where) else None

    def damaged_after(self, ch: str, i: int) -> int:
        """The first damaged slot after ``i`` that could be ``ch`` (the line's length if none)."""
        where = self._damaged.get(ch, ())
        k = bisect.bisect_right(where, i)
        return where[k] if k < len(where) else self._end


def decode_line(slots: Sequence[str | tuple[str, ...]], model: DocumentModel) -> dict[int, list[tuple[str, float]]]:
    """Choose every unknown slot of a line jointly; returns, per slot, candidates by posterior.

    ``slots`` holds known characters (``str``) and candidate tuples.  Forward-backward
    over the bigram model gives each candidate's posterior probability.
    """
    unknown = [k for k, s in enumerate(slots) if isinstance(s, tuple)]
    if not unknown:
        return {}
    # Only the stretch around unknown slots matters: one known neighbour on each side.
    result: dict[int, list[tuple[str, float]]] = {}
    shape = LineShape(slots)
    for start, end in _stretches(slots):
        states = tuple(_options(slots[k]) for k in range(start, end))
        emit = [model.priors(slots, start + j, cands, shape) for j, cands in enumerate(states)]
        emit[0] = [e + model.unigram(c) for e, c in zip(emit[0], states[0], strict=True)]
        unknown_at = tuple(j for j in range(len(states)) if isinstance(slots[start + j], tuple))
        # a README repeats itself (a table of contents, a link list): the same stretch, with the
        # same priors, has the same posteriors
        key = (states, unknown_at, tuple(map(tuple, emit)))
        found = model._stretch_cache.get(key)
        if found is None:
            found = model._stretch_cache[key] = _forward_backward(states, emit, unknown_at, model)
        for j, probs in zip(unknown_at, found, strict=True):
            result[start + j] = probs
    return result


def _forward_backward(
    states: tuple[tuple[str, ...], ...], emit: list[list[float]], unknown_at: tuple[int, ...], model: DocumentModel
) -> list[list[tuple[str, float]]]:
    """The posteriors of the stretch's slots ``unknown_at``: candidates by probability.

    Only what a posterior reads is computed: the forward pass up to the last of ``unknown_at``,
    the backward pass down to the first (not into the known neighbours beyond them).
    """
    if not unknown_at:
        return []
    n = len(states)
    # trans[j][pi][ci]: log10 P(states[j][ci] | states[j - 1][pi]), computed once for both passes
    trans: list[list[list[float]]] = [[]]
    trans.extend(model.transition_rows(states[j - 1], states[j]) for j in range(1, n))
    fwd: list[list[float]] = [emit[0]]
    for j in range(1, unknown_at[-1] + 1):
        prev_fwd, rows, emitted = fwd[j - 1], trans[j], emit[j]
        if len(rows) == 1:  # after a known character: one term each, which _logsumexp returns as is
            first = prev_fwd[0]
            fwd.append([first + t + e for t, e in zip(rows[0], emitted, strict=True)])
            continue
        fwd.append(
            [
                _logsumexp(list(map(_add, prev_fwd, column))) + e
                for column, e in zip(model.transition_columns(states[j - 1], states[j]), emitted, strict=True)
            ]
        )
    backward: list[list[float]] = [[0.0] * len(states[-1])]
    for j in range(n - 2, unknown_at[0] - 1, -1):
        nxt, rows, emitted = backward[-1], trans[j + 1], emit[j + 1]
        if len(emitted) == 1:  # before a known character
            after = emitted[0] + nxt[0]
            backward.append([row[0] + after for row in rows])
            continue
        backward.append([_logsumexp(list(map(_add, map(_add, row, emitted), nxt))) for row in rows])
    out = []
    for j in unknown_at:
        post = list(map(_add, fwd[j], backward[n - 1 - j]))
        norm = _logsumexp(post)
        probabilities = map(_pow10, map(_sub, post, itertools.repeat(norm)))
        out.append(_by_probability(zip(states[j], probabilities, strict=True)))
    return out


def _by_probability(pairs: Iterable[tuple[str, float]]) -> list[tuple[str, float]]:
    """(candidate, probability) pairs, most probable first, ties in character order.

    >>> _by_probability([("b", 0.5), ("c", 0.2), ("a", 0.5)])
    [('a', 0.5), ('b', 0.5), ('c', 0.2)]
    """
    out = sorted(pairs, key=_second, reverse=True)
    if len({p for _c, p in out}) < len(out):  # a tie: order the equal ones by character
        out.sort(key=_first)
        out.sort(key=_second, reverse=True)  # stable: equal probabilities stay in character order
    return out


def _options(slot: str | tuple[str, ...]) -> tuple[str, ...]:
    return (slot,) if isinstance(slot, str) else slot


def _stretches(slots: Sequence[str | tuple[str, ...]]) -> list[tuple[int, int]]:
    """Maximal ranges of slots that hold unknowns, with one known neighbour on each side."""
    out: list[tuple[int, int]] = []
    n = len(slots)
    k = 0
    while k < n:
        if isinstance(slots[k], tuple):
            start = k
            while k < n and (isinstance(slots[k], tuple) or (k + 1 < n and isinstance(slots[k + 1], tuple))):
                k += 1
            out.append((max(0, start - 1), min(n, k + 1)))
        k += 1
    merged: list[tuple[int, int]] = []
    for s, e in out:
        if merged and s < merged[-1][1]:
            merged[-1] = (merged[-1][0], max(merged[-1][1], e))
        else:
            merged.append((s, e))
    return merged


def _logsumexp(values: list[float]) -> float:
    top = max(values)
    return top + math.log10(sum(map(_pow10, map(_sub, values, itertools.repeat(top)))))


#: ``10 ** x`` for a float ``x`` (the same computation, without the operator's dispatch)
_pow10 = (10.0).__pow__
_add = operator.add
_sub = operator.sub


#: Longest dictionary word the lattice considers, in characters.
MAX_WORD = 4
#: Hypotheses kept per position by the lattice's beam search.
BEAM = 32
#: Candidates per damaged character the lattice tries (by bigram posterior, plus word formers).
TOP_K = 8
#: Bigram posterior mass the lattice's candidates must cover; the rest (rarely more than a few
#: of the ``TOP_K``) are left out unless they form a word with their known neighbours.
LATTICE_MASS = 1 - 1e-5
#: A lattice hypothesis more than this far (log10) below the best one at a position is dropped:
#: its share of the final posterior is under a millionth.
LATTICE_PRUNE = 6.0
#: Exponent of the bigram posterior when it is multiplied with the lattice's.
BIGRAM_WEIGHT = 0.5
#: log10 probability of a character that is no word of the language at all.
UNKNOWN_WORD = -9.0
#: Share of the document's own character frequency in a one-character word's probability.
DOC_SINGLE_WEIGHT = 0.3


class WordLattice:
    """A word-unigram model over runs of unsegmented script (Han, kana), decoded by beam search.

    The probability of a run is the sum, over every way to cut it into words, of
    the product of the words' frequencies (the model jieba segments with).  A
    character pair that is no word pays for an extra word boundary, so ``水印``
    (watermark, one word) beats ``水`` + ``小`` although ``小`` is far more common,
    and ``参数量`` is read as ``参`` + ``数量`` rather than ``参数`` + ``重``.
    (The document's own n-grams are deliberately not words here: its damaged
    characters are missing from them, so they would invent words across gaps.)
    """

    def __init__(self, model: DocumentModel) -> None:
        self.model = model
        self._cache: dict[str, float | None] = {}
        self._lists: dict[str, dict[str, float]] = {}
        #: per character: the log10 probability of it as a word of its own (the document's counts in it)
        self._singles: dict[str, float] = {}
        self._decoded: dict[
            tuple[tuple[str | tuple[str, ...], ...], tuple[tuple[int, tuple[tuple[str, float], ...]], ...]],
            dict[int, list[tuple[str, float]]],
        ] = {}
        # what does not depend on the document's own counts, shared by the lattices of one set of scripts
        shared = _SHARED.setdefault(model.scripts, ({}, {}, {}))
        for table in shared:
            if len(table) > PROCESS_CACHE_LIMIT:
                table.clear()
        self._suffixes: dict[str, list[tuple[int, float]]] = shared[0]
        self._formers: dict[tuple[str, str, tuple[str, ...]], frozenset[str]] = shared[1]
        #: per window: the tail a hypothesis keeps, and the words of 2 to ``MAX_WORD`` characters
        #: ending it (``None`` if there are none)
        self._windows: dict[str, tuple[str, list[tuple[int, float]] | None]] = shared[2]
        #: hypothesis extensions made by :meth:`decode` so far (the lattice's work, for tests)
        self.operations = 0

    def word(self, w: str) -> float | None:
        """log10 probability of ``w`` as one word, or ``None`` if it is none.

        >>> lattice = WordLattice(DocumentModel(""))
        >>> lattice.word("模型") > lattice.word("型模")  # "model" is a far more common word
        True
        >>> lattice.word("模型模型型") is None  # longer than any word the lattice considers
        True
        """
        if 1 < len(w) <= MAX_WORD:
            return self._words_for(w[0]).get(w)
        cached = self._cache.get(w, 0.0)
        if cached != 0.0:
            return cached
        freq = 0.0
        for lang in languages_for(script_of(w[0]), self.model.scripts):
            freq = max(freq, (_single_words(lang) if len(w) == 1 else _wordlist(lang)).get(w, 0.0))
        if len(w) == 1 and DOC_SINGLE_WEIGHT > 0 and self.model.total > 1:
            # how often this document itself uses the character, as far as it is known
            own = self.model.uni.get(w, 0) / self.model.total
            freq = (1 - DOC_SINGLE_WEIGHT) * freq + DOC_SINGLE_WEIGHT * own
        value: float | None = math.log10(freq) if freq > 0 else (UNKNOWN_WORD if len(w) == 1 else None)
        self._cache[w] = value
        return value

    def _words_ending(self, window: str) -> list[tuple[int, float]]:
        """The words that end ``window`` (its last 1 to ``MAX_WORD`` characters), as
        (offset of the log-alpha they extend, log10 probability)."""
        found = []
        lp = self.word(window[-1])
        if lp is not None:
            found.append((-1, lp))
        found.extend(self._longer_words(window))
        return found

    def _single(self, ch: str) -> float:
        """:meth:`word` of one character: always a probability, if only ``UNKNOWN_WORD``."""
        lp = self.word(ch)
        return UNKNOWN_WORD if lp is None else lp

    def _longer_words(self, window: str) -> list[tuple[int, float]]:
        """The words of 2 to ``MAX_WORD`` characters that end ``window``, as in :meth:`_words_ending`."""
        longer = self._suffixes.get(window)
        if longer is None:
            longer = self._suffixes[window] = [
                (-length, lp)
                for length in range(2, len(window) + 1)
                if (lp := self._words_for(window[-length]).get(window[-length:])) is not None
            ]
        return longer

    def formers(self, before: str, after: str, candidates: tuple[str, ...]) -> frozenset[str]:
        """The candidates ``c`` for which ``before + c + after`` is a word.

        >>> WordLattice(DocumentModel("")).formers("模", "", ("型", "垃"))
        frozenset({'型'})
        """
        key = (before, after, candidates)
        found = self._formers.get(key)
        if found is None:
            if before:
                words = self._words_for(before[0])
                found = frozenset(c for c in candidates if before + c + after in words)
            else:
                found = frozenset(c for c in candidates if c + after in self._words_for(c))
            self._formers[key] = found
        return found

    def _words_for(self, first: str) -> dict[str, float]:
        """The words (2 to ``MAX_WORD`` characters) of the languages of a word starting with ``first``."""
        found = self._lists.get(first)
        if found is None:
            found = self._lists[first] = _log_words(languages_for(script_of(first), self.model.scripts))
        return found

    def decode_cached(
        self, slots: Sequence[str | tuple[str, ...]], prior: dict[int, dict[str, float]]
    ) -> dict[int, list[tuple[str, float]]]:
        """:meth:`decode`, answered once per distinct run and prior (a README repeats its lines).

        The answer is shared: the caller must not change it.
        """
        key = (tuple(slots), tuple((j, tuple(bonuses.items())) for j, bonuses in prior.items()))
        found = self._decoded.get(key)
        if found is None:
            found = self._decoded[key] = self.decode(slots, prior)
        return found

    def decode(
        self, slots: Sequence[str | tuple[str, ...]], prior: dict[int, dict[str, float]]
    ) -> dict[int, list[tuple[str, float]]]:
        """Beam search over one run; posteriors of the unknown slots from the final beam.

        A hypothesis keeps only what its future depends on: its last ``MAX_WORD - 1``
        characters, its last ``MAX_WORD`` log-alphas, and its choices at the unknown
        slots as a linked list shared with the hypothesis it grew from, so one step
        costs the same at the start of a long run as at its end.  The word
        probabilities of a step are looked up once per distinct tail and candidate.

        >>> lattice = WordLattice(DocumentModel("模型 大模型"))
        >>> best = lattice.decode(["大", "模", ("型", "垃")], {})
        >>> best[2][0][0]
        '型'
        """
        # a hypothesis: (score, last MAX_WORD - 1 characters, last MAX_WORD log-alphas, choices)
        # where choices is None or (character, choices before it)
        hyps: list[tuple[float, str, tuple[float, ...], _Choices]] = [(0.0, "", (0.0,), None)]
        keep = 1 - MAX_WORD
        log10 = math.log10
        windows = self._windows
        singles = self._singles
        operations = 0
        for pos, slot in enumerate(slots):
            known = isinstance(slot, str)
            options: tuple[str, ...] = (slot,) if isinstance(slot, str) else slot
            bonuses = prior.get(pos)
            # each option with the bonus its score gets (None: no prior at this slot), and its
            # log10 probability as a one-character word
            scored = []
            for c in options:
                single = singles.get(c)
                if single is None:
                    single = singles[c] = self._single(c)
                scored.append((c, bonuses.get(c, 0.0) if bonuses else None, single))
            new: list[tuple[float, str, tuple[float, ...], _Choices]] = []
            append = new.append
            # The hypotheses are kept best first (alphas[-1] is a hypothesis's score).  If every
            # one only adds the same character as a word of its own, each score grows by the same
            # amount: the order stays (rounding is monotonic), and sorting again would keep it.
            in_order = known
            for _score, tail, alphas, choices in hyps:
                kept = alphas[1:] if len(alphas) == MAX_WORD else alphas  # the alphas a longer tuple keeps
                for c, bonus, single in scored:
                    window = tail + c
                    entry = windows.get(window)
                    if entry is None:
                        entry = windows[window] = (window[keep:], self._longer_words(window) or None)
                    longer = entry[1]
                    if longer is None:  # the character as a word of its own, only
                        alpha = alphas[-1] + single  # what _logsumexp gives for one term
                    elif len(longer) == 1:  # and one longer word: _logsumexp of two terms, spelled out
                        alone = alphas[-1] + single
                        at, lp = longer[0]
                        joined = alphas[at] + lp
                        top = alone if alone >= joined else joined
                        alpha = top + log10(_pow10(alone - top) + _pow10(joined - top))
                        in_order = False
                    else:  # the terms of _words_ending, in its order
                        alpha = _logsumexp([alphas[-1] + single, *[alphas[at] + lp for at, lp in longer]])
                        in_order = False
                    score = alpha if bonus is None else alpha + bonus
                    append((score, entry[0], (*kept, score), choices if known else (c, choices)))
            operations += len(new)
            if len(new) > 1:
                if not in_order:
                    new.sort(key=_first, reverse=True)  # stable: equal scores keep their order
                hyps = new[:BEAM]
                floor = hyps[0][0] - LATTICE_PRUNE
                if hyps[-1][0] < floor:
                    hyps = [h for h in hyps if h[0] >= floor]
            else:
                hyps = new
        self.operations += operations
        total = _logsumexp([h[0] for h in hyps])
        unknown = [pos for pos, slot in enumerate(slots) if not isinstance(slot, str)]
        picked: list[list[str]] = []
        for _score, _tail, _alphas, choices in hyps:
            chosen: list[str] = []
            while choices is not None:
                chosen.append(choices[0])
                choices = choices[1]
            chosen.reverse()
            picked.append(chosen)
        weights = [10 ** (h[0] - total) for h in hyps]
        out: dict[int, list[tuple[str, float]]] = {}
        for u, pos in enumerate(unknown):
            mass: dict[str, float] = {}
            for chosen, weight in zip(picked, weights, strict=True):
                mass[chosen[u]] = mass.get(chosen[u], 0.0) + weight
            for c in slots[pos]:
                mass.setdefault(c, 0.0)
            out[pos] = sorted(mass.items(), key=lambda t: (-t[1], t[0]))
        return out


_first = operator.itemgetter(0)
_second = operator.itemgetter(1)
_last = operator.itemgetter(-1)

#: Per set of document scripts: the words of 2 to ``MAX_WORD`` characters ending each window the
#: lattice met, the word formers of each frame, and each window's entry for :meth:`WordLattice.decode`
#: (their languages depend on the scripts alone).
_SHARED: dict[
    frozenset[str],
    tuple[
        dict[str, list[tuple[int, float]]],
        dict[tuple[str, str, tuple[str, ...]], frozenset[str]],
        dict[str, tuple[str, list[tuple[int, float]] | None]],
    ],
] = {}

#: The choices a lattice hypothesis made at unknown slots, newest first, as a linked list.
_Choices = tuple[str, "_Choices"] | None


@functools.cache
def _log_words(langs: tuple[str, ...]) -> dict[str, float]:
    """log10 of the highest frequency among ``langs`` of every word of 2 to ``MAX_WORD`` characters
    (kept on disk between processes, :func:`_stored`)."""
    return _stored("words-" + "+".join(langs), lambda: _count_log_words(langs), _pack, _unpack)


def _count_log_words(langs: tuple[str, ...]) -> dict[str, float]:
    best: dict[str, float] = {}
    for lang in langs:
        for w, freq in _wordlist(lang).items():
            if 1 < len(w) <= MAX_WORD and freq > best.get(w, 0.0):
                best[w] = freq
    log10 = math.log10
    return {w: log10(freq) for w, freq in best.items()}


@functools.cache
def _single_words(lang: str) -> dict[str, float]:
    """The frequencies of the one-character words of ``lang`` (kept on disk between processes)."""
    return _stored(f"singles-{lang}", lambda: {w: f for w, f in _wordlist(lang).items() if len(w) == 1}, _pack, _unpack)


@functools.cache
def _wordlist(lang: str) -> dict[str, float]:
    """wordfreq's frequencies of ``lang`` (read only)."""
    try:
        import wordfreq

        return wordfreq.get_frequency_dict(lang)
    except (ImportError, LookupError, ValueError, OSError):  # pragma: no cover - data is installed
        return {}


_LATTICE_SCRIPTS = ("han", "kana")


def refine_with_words(
    slots: Sequence[str | tuple[str, ...]],
    posteriors: dict[int, list[tuple[str, float]]],
    lattice: WordLattice,
) -> dict[int, list[tuple[str, float]]]:
    """Re-decide damaged characters inside runs of Han/kana with the word lattice."""
    result = dict(posteriors)
    n = len(slots)
    shape: LineShape | None = None

    in_lattice = [
        (_SCRIPTS.get(s) or script_of(s)) in _LATTICE_SCRIPTS if isinstance(s, str) else _lattice_slot(s) for s in slots
    ]
    k = 0
    while k < n:
        if not in_lattice[k]:
            k += 1
            continue
        start = k
        while k < n and in_lattice[k]:
            k += 1
        run = list(slots[start:k])
        if not any(isinstance(s, tuple) for s in run):
            continue
        pruned: list[str | tuple[str, ...]] = []
        prior: dict[int, dict[str, float]] = {}
        unknown = [j for j, s in enumerate(run) if isinstance(s, tuple)]
        if shape is None:
            shape = LineShape(slots)
        for j, s in enumerate(run):
            if isinstance(s, str):
                pruned.append(s)
                continue
            post = posteriors.get(start + j)
            if post:
                keep = []
                mass = 0.0
                for c, probability in post[:TOP_K]:
                    keep.append(c)
                    mass += probability
                    if mass >= LATTICE_MASS:
                        break
            else:
                keep = list(s[:TOP_K])
            frames = _word_frames(run, j, unknown)
            if frames:
                formers = frozenset().union(*(lattice.formers(a, b, s) for a, b in frames))
                if formers:
                    kept = set(keep)
                    keep.extend(c for c in s if c in formers and c not in kept)
            pruned.append(tuple(keep))
            priors = lattice.model.prior_of(slots, start + j, s, shape)
            prior[j] = {c: priors[c] for c in keep}
        decided = lattice.decode_cached(pruned, prior)
        for j, probs in decided.items():
            # product of experts: the lattice (words) and the bigram model (document, boundaries)
            bigram = dict(posteriors.get(start + j, []))
            full = {c: p * (bigram.get(c, 0.0) + 1e-6) ** BIGRAM_WEIGHT for c, p in probs}
            norm = sum(full.values()) or 1.0
            full = {c: p / norm for c, p in full.items()}
            for c in run[j]:
                full.setdefault(c, 0.0)
            result[start + j] = _by_probability(full.items())
    return result


def _lattice_slot(slot: str | tuple[str, ...]) -> bool:
    """Whether a slot belongs to a run the word lattice reads: Han or kana, or mostly so among its candidates."""
    if isinstance(slot, str):
        return script_of(slot) in _LATTICE_SCRIPTS
    found = _LATTICE_SLOTS.get(slot)
    if found is None:
        if len(_LATTICE_SLOTS) > PROCESS_CACHE_LIMIT:
            _LATTICE_SLOTS.clear()
        found = _LATTICE_SLOTS[slot] = sum(script_of(c) in _LATTICE_SCRIPTS for c in slot) * 2 > len(slot)
    return found


#: :func:`_lattice_slot` answers per candidate set
_LATTICE_SLOTS: dict[tuple[str, ...], bool] = {}


def _word_frames(
    run: Sequence[str | tuple[str, ...]], j: int, unknown: Sequence[int] | None = None
) -> list[tuple[str, str]]:
    """The (before, after) texts of every window of 2 to ``MAX_WORD`` slots around slot ``j``
    whose other slots are all known: a candidate ``c`` forms a word if ``before + c + after`` is one.

    ``unknown`` lists the run's unknown slots in order, if the caller has it.

    >>> _word_frames(["大", ("模", "x"), "型", ("y", "z")], 1)
    [('大', ''), ('', '型'), ('大', '型')]
    """
    if unknown is None:
        unknown = [k for k, s in enumerate(run) if isinstance(s, tuple)]
    # the window may reach from just after the unknown slot before j to just before the one after it
    at = bisect.bisect_left(unknown, j)
    lowest = unknown[at - 1] + 1 if at > 0 and unknown[at - 1] < j else 0
    nxt = at + 1 if at < len(unknown) and unknown[at] == j else at
    limit = unknown[nxt] if nxt < len(unknown) else len(run)
    frames = []
    for length in range(2, MAX_WORD + 1):
        for start in range(max(lowest, j - length + 1), j + 1):
            end = start + length
            if end > limit:
                continue
            frames.append(("".join(run[start:j]), "".join(run[j + 1 : end])))  # type: ignore[arg-type]
    return frames


def make_lattice(model: DocumentModel) -> WordLattice:
    """The word lattice for a document."""
    return WordLattice(model)
