"""A CRF token labeler for the free text of one citation, as GROBID, anystyle and ParsCit do.

A reference string is cut into tokens (:func:`tokenize`: words, numbers, URLs and
punctuation, each with its character offsets), every token gets a bag of
features (:func:`features`: the word, its shape, affixes, punctuation class,
year/number tests, wordfreq frequency bucket, position, quote and bracket state,
venue and name cue words, optional markup marks, the same for the neighbours at
-2..+2, and what the token's segment between field-ending periods and the
segments beside it hold), and a linear-chain CRF trained with python-crfsuite gives
each token one of five labels:

``author``, ``title``, ``venue`` (the container: journal, proceedings, the book
holding a chapter, a preprint server such as arXiv), ``year`` (the date tokens) and
``other`` (pages, volume, editors, publishers, places, notes, URLs...).

Punctuation follows anystyle's convention: a separator belongs to the field it
closes (``2006).`` is all ``year``), an opening bracket or quote to the field it
opens; only punctuation that touches no field is ``other``.

The model (``citation.crfsuite``, shipped beside this module) is trained on
synthetic citations only: records the project owns rendered through CSL styles
and list-style templates (see :mod:`awesome_parse.grammar.training` and
``docs/labeler.md``).  Decoding does not use ``Tagger.tag``: the weights are
read once from ``Tagger.info()`` into per-attribute score vectors, and a small
Viterbi decodes with optional per-token label constraints (a caller that knows
a quoted run is the title can force it).  Without constraints the result is the
one ``Tagger.tag`` gives.

>>> text = 'Hinton, Geoffrey E., and Ruslan R. Salakhutdinov. "Reducing the dimensionality of data with neural networks." Science 313.5786 (2006): 504-507.'
>>> c = read_citation(text)
>>> c.title, c.year
('Reducing the dimensionality of data with neural networks', '2006')
>>> c.authors
'Hinton, Geoffrey E., and Ruslan R. Salakhutdinov'
>>> labels = label(text)
>>> len(labels) == len(tokenize(text)), set(labels) <= set(LABELS)
(True, True)
"""

from __future__ import annotations

import functools
import importlib.resources
import math
import re
import threading
from collections.abc import Mapping, Sequence
from typing import NamedTuple

import pycrfsuite
import wordfreq

__all__ = [
    "LABELS",
    "MARKS",
    "CitationFields",
    "Model",
    "Token",
    "features",
    "label",
    "load_model",
    "read_citation",
    "tokenize",
]

LABELS: tuple[str, ...] = ("author", "title", "venue", "year", "other")
MARKS: frozenset[str] = frozenset({"bold", "italic", "code", "quoted", "link"})
MODEL_NAME = "citation.crfsuite"
WORD_ZIPF = 4  # a word of at least this wordfreq Zipf frequency is a feature by itself


class Token(NamedTuple):
    """One token: its text and its ``[start, end)`` character offsets in the string it came from."""

    text: str
    start: int
    end: int


class CitationFields(NamedTuple):
    """The fields :func:`read_citation` cuts out of a citation; ``None`` where no token had the label."""

    authors: str | None
    title: str | None
    venue: str | None
    year: str | None


# ----------------------------------------------------------------------------- tokens

_TOKEN_RE = re.compile(
    r"""
    (?:https?://|www\.)[^\s<>"]*[^\s<>".,;:)\]}'”’]      # a URL, without its closing punctuation
    | 10\.\d{4,9}/[^\s<>"]*[^\s<>".,;:)\]}'”’]            # a bare DOI
    | [^\W_]+(?:['’\-‐‑–][^\W_]+)*                       # a word: letters/digits, inner ' and hyphens
    | _+                                                 # a blank line for a repeated author
    | ([^\w\s])\1*                                       # punctuation; a run of one sign is one token
    """,
    re.VERBOSE,
)


def tokenize(text: str) -> list[Token]:
    """Cut ``text`` into words, numbers, URLs and punctuation, keeping character offsets.

    >>> s = "Doe, J. (2020). “A Title.” arXiv:2001.08361"
    >>> toks = tokenize(s)
    >>> [t.text for t in toks]
    ['Doe', ',', 'J', '.', '(', '2020', ')', '.', '“', 'A', 'Title', '.', '”', 'arXiv', ':', '2001', '.', '08361']
    >>> all(s[t.start:t.end] == t.text for t in toks)
    True
    >>> tokenize("see https://example.org/a.pdf.")[1].text
    'https://example.org/a.pdf'
    """
    return [Token(m.group(), m.start(), m.end()) for m in _TOKEN_RE.finditer(text)]


# ----------------------------------------------------------------------------- features

_OPEN = frozenset("([{<")
_CLOSE = frozenset(")]}>")
_OPEN_QUOTES = frozenset("“„«‘‹「『")
_CLOSE_QUOTES = frozenset("”»’›」』")
_AMBIGUOUS_QUOTES = frozenset("\"'`")
_DASHES = frozenset("-‐‑–—―")
_YEAR = re.compile(r"^(?:1[5-9]\d\d|20\d\d)[a-z]?$")
_DIGITS = re.compile(r"^\d+$")
_RANGE = re.compile(r"^[A-Za-z]?\d+[-‐‑–][A-Za-z]?\d+$")

_VENUE_CUES = frozenset(
    [
        "in",
        "proceedings",
        "proc",
        "conference",
        "conf",
        "journal",
        "j",
        "transactions",
        "trans",
        "arxiv",
        "preprint",
        "workshop",
        "symposium",
        "review",
        "rev",
        "letters",
        "lett",
        "press",
        "university",
        "univ",
        "publishers",
        "publisher",
        "publishing",
        "verlag",
        "ieee",
        "acm",
        "springer",
        "elsevier",
        "wiley",
        "international",
        "int",
        "annual",
        "meeting",
        "society",
        "soc",
        "magazine",
        "bulletin",
        "bull",
        "quarterly",
        "revue",
        "zeitschrift",
        "journals",
        "proceeding",
        "acta",
        "annals",
        "ann",
        "findings",
        "advances",
        "lecture",
        "notes",
        "series",
        "biorxiv",
        "medrxiv",
        "nature",
        "science",
        "neurips",
        "nips",
        "icml",
        "iclr",
        "cvpr",
        "iccv",
        "eccv",
        "acl",
        "emnlp",
        "naacl",
        "coling",
        "aaai",
        "ijcai",
        "kdd",
        "sigir",
        "www",
        "tacl",
        "jmlr",
        "tpami",
        "icassp",
        "interspeech",
        "siggraph",
        "chi",
        "arxiv.org",
        "openreview",
    ]
)
_NAME_CUES = frozenset({"and", "&", "et", "al", "und", "y", "e", "jr", "sr", "van", "von", "de", "der", "den", "la"})
_OTHER_CUES = frozenset(
    [
        "pp",
        "p",
        "pages",
        "page",
        "vol",
        "vols",
        "volume",
        "no",
        "nos",
        "number",
        "issue",
        "ed",
        "eds",
        "editor",
        "editors",
        "edited",
        "by",
        "trans",
        "translated",
        "doi",
        "isbn",
        "issn",
        "url",
        "retrieved",
        "available",
        "accessed",
        "online",
        "thesis",
        "dissertation",
        "phd",
        "ph.d",
        "msc",
        "master",
        "report",
        "tech",
        "technical",
        "pdf",
        "code",
        "paper",
        "project",
        "github",
        "slides",
        "video",
        "demo",
        "website",
        "blog",
        "supplementary",
        "chapter",
        "chap",
        "edn",
        "edition",
        "rev",
        "n.d",
        "nd",
        "forthcoming",
    ]
)
_MONTHS = frozenset(
    [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
        "jan",
        "feb",
        "mar",
        "apr",
        "jun",
        "jul",
        "aug",
        "sep",
        "sept",
        "oct",
        "nov",
        "dec",
        "janvier",
        "février",
        "mars",
        "avril",
        "mai",
        "juin",
        "juillet",
        "août",
        "septembre",
        "octobre",
        "novembre",
        "décembre",
        "januar",
        "februar",
        "märz",
        "juni",
        "juli",
        "oktober",
        "dezember",
        "enero",
        "febrero",
        "marzo",
        "abril",
        "mayo",
        "junio",
        "julio",
        "agosto",
        "septiembre",
        "octubre",
        "noviembre",
        "diciembre",
        "spring",
        "summer",
        "fall",
        "autumn",
        "winter",
    ]
)
# Words that end in a period without ending a field: "et al.", "pp.", "Vol.", "J." (initials are tested apart).
_ABBREVIATIONS = frozenset(
    [
        "al",
        "pp",
        "vol",
        "vols",
        "no",
        "nos",
        "ed",
        "eds",
        "jr",
        "sr",
        "dr",
        "mr",
        "mrs",
        "ms",
        "st",
        "vs",
        "etc",
        "proc",
        "conf",
        "int",
        "j",
        "trans",
        "rev",
        "lett",
        "phys",
        "chem",
        "natl",
        "acad",
        "sci",
        "univ",
        "dept",
        "inc",
        "ltd",
        "co",
        "corp",
        "assoc",
        "soc",
        "am",
        "ann",
        "bull",
        "comput",
        "eng",
        "med",
        "res",
        "technol",
        "appl",
        "mat",
        "math",
        "stat",
        "syst",
        "inf",
        "intell",
        "mach",
        "learn",
        "neural",
        "process",
        "lang",
        "ling",
        "ch",
        "chap",
        "edn",
        "p",
        "ibid",
        "cf",
    ]
)


def _shape(word: str) -> str:
    """The word's shape with runs collapsed: ``Xx``, ``x``, ``d``, ``X``, ``XX`` (two or more capitals), ``d-d``..."""
    out: list[str] = []
    for ch in word:
        if ch.isupper():
            c = "X"
        elif ch.islower():
            c = "x"
        elif ch.isdigit():
            c = "d"
        elif ch.isalpha():
            c = "a"  # a letter without case (CJK, Thai...)
        else:
            c = "-" if ch in _DASHES else ch
        if not out or out[-1] != c:
            out.append(c)
    shape = "".join(out)[:6]
    if shape == "X" and len(word) > 1:
        return "XX"
    return shape


def _punct_class(text: str) -> str:
    ch = text[0]
    if ch in _OPEN:
        return "open"
    if ch in _CLOSE:
        return "close"
    if ch in _OPEN_QUOTES:
        return "oquote"
    if ch in _CLOSE_QUOTES:
        return "cquote"
    if ch in _AMBIGUOUS_QUOTES:
        return "quote"
    if ch in _DASHES:
        return "dash"
    return {
        ",": "comma",
        ".": "period" if len(text) == 1 else "ellipsis",
        "…": "ellipsis",
        ":": "colon",
        ";": "semi",
        "&": "amp",
        "/": "slash",
        "?": "qmark",
        "!": "qmark",
        "_": "blank",
    }.get(ch, "sym")


@functools.lru_cache(maxsize=65536)
def _zipf(word: str) -> int:
    """wordfreq's Zipf frequency of a lowercase word in English, rounded (0 = unknown, 7 = "the")."""
    return round(wordfreq.zipf_frequency(word, "en"))


class _Base(NamedTuple):
    """The context-free attributes of one token text (cached), and the subsets neighbours see."""

    own: tuple[str, ...]
    near: tuple[str, ...]  # what the tokens at -1/+1 see
    far: tuple[str, ...]  # what the tokens at -2/+2 see
    kind: str  # "word", "num", "punct", "url"
    pclass: str  # punctuation class or ""
    is_letter: bool  # a single capital letter (a candidate initial)
    lower: str


@functools.lru_cache(maxsize=65536)
def _base(text: str) -> _Base:
    lower = text.lower()
    first = text[0]
    if first.isalnum() or (len(text) > 1 and text[:2].isalnum()):
        if text.startswith(("http://", "https://", "www.")) or re.match(r"10\.\d{4}", text):
            own: tuple[str, ...] = ("k:url",)
            return _Base(own, own, own, "url", "", False, lower)
        shape = _shape(text)
        w = lower if len(lower) <= 24 else lower[:24]
        attrs = [f"w:{w}", f"sh:{shape}"]
        # affixes of lower-case words only: a capitalized word's (a name's, a title word's) memorize the records
        if len(lower) > 3 and text.islower():
            attrs += [f"p3:{lower[:3]}", f"s3:{lower[-3:]}"]
        if _YEAR.match(text):
            kind, cls = "num", "yr"
        elif _DIGITS.match(text):
            kind, cls = "num", f"d{min(len(text), 4)}"
        elif _RANGE.match(text):
            kind, cls = "num", "range"
        elif any(ch.isdigit() for ch in text):
            kind, cls = "word", "alnum"
        else:
            kind = "word"
            if text.isupper():
                cls = "upper1" if len(text) == 1 else "upper"
            elif first.isupper():
                cls = "cap"
            elif text.islower():
                cls = "lower"
            elif first.isalpha() and not first.isupper() and not first.islower():
                cls = "nocase"
            else:
                cls = "mixed"
        attrs.append(f"c:{cls}")
        cue = ""
        if lower in _VENUE_CUES:
            cue = "venue"
        elif lower in _NAME_CUES:
            cue = "name"
        elif lower in _OTHER_CUES:
            cue = "other"
        elif lower in _MONTHS:
            cue = "month"
        if cue:
            attrs.append(f"cue:{cue}")
        z = _zipf(lower) if kind == "word" and cls != "alnum" else -1
        if z >= 0:
            attrs.append(f"z:{z}")
            if cls == "cap":
                attrs.append(f"cz:{z}")
            zs = f"z:{z}"
        else:
            zs = ""
        # The word itself only for common words and cue words: rare words (names, topics) are seen
        # through their shape, affixes and frequency, so the model does not learn the training records.
        if not cue and z < WORD_ZIPF:
            attrs.remove(f"w:{w}")
            w = ""
        near = tuple(
            x for x in (f"w:{w}" if w else "", f"c:{cls}", f"sh:{shape}", f"cue:{cue}" if cue else "", zs) if x
        )
        far = tuple(x for x in (f"c:{cls}", f"cue:{cue}" if cue else "") if x)
        return _Base(tuple(attrs), near, far, kind, "", cls == "upper1", lower)
    pc = _punct_class(text)
    own = (f"w:{text[:3]}", f"pc:{pc}")
    return _Base(own, own, (f"pc:{pc}",), "punct", pc, False, lower)


def _ends_field(tokens: Sequence[Token], bases: Sequence[_Base], i: int) -> bool:
    """Whether token ``i`` ends a field: a ``?``/``!``, or a period after a real word (not an initial
    nor an abbreviation) that is not glued to a following word or number (``1610.04325``, ``5.2``)."""
    b = bases[i]
    if b.pclass not in ("period", "qmark") or i == 0:
        return False
    if i + 1 < len(tokens) and tokens[i + 1].start == tokens[i].end and bases[i + 1].kind != "punct":
        return False
    if b.pclass == "qmark":
        return True
    prev = bases[i - 1]
    return prev.kind != "punct" and not prev.is_letter and prev.lower not in _ABBREVIATIONS


_CLOSING = frozenset({"close", "cquote", "quote"})


def _segments(tokens: Sequence[Token], bases: Sequence[_Base]) -> list[tuple[str, ...]]:
    """What every token's field-like segment (the run between field-ending periods) holds, per token.

    The CRF sees neighbours at -2..+2 only; these attributes tell a token about its whole segment:
    whether it holds a number that is no year (a volume, pages: the venue's or the pages' segment),
    a year, a venue or name cue, ``In`` at its start, how long it is, how many of its words are
    capitalized, how many segments follow it, what the segments before and after hold, and where the
    token is in it.  A closing quote or bracket right after the period stays in the segment it closes.
    """
    n = len(bases)
    bounds: list[tuple[int, int]] = []
    start = 0
    i = 0
    while i < n:
        if _ends_field(tokens, bases, i):
            while i + 1 < n and bases[i + 1].pclass in _CLOSING and tokens[i + 1].start == tokens[i].end:
                i += 1
            bounds.append((start, i + 1))
            start = i + 1
        i += 1
    if start < n:
        bounds.append((start, n))
    out: list[tuple[str, ...]] = [()] * n
    total = len(bounds)
    summaries: list[list[str]] = []
    for k, (a, b) in enumerate(bounds):
        words = [x for x in bases[a:b] if x.kind == "word"]
        nums = [x for x in bases[a:b] if x.kind == "num"]
        caps = sum(1 for x in words if x.own and "c:cap" in x.own)
        attrs = [f"g:after{min(total - k - 1, 3)}"]
        nw = len(words)
        attrs.append(f"g:len{0 if nw == 0 else 1 if nw == 1 else 2 if nw <= 3 else 3 if nw <= 7 else 4}")
        if any("c:yr" in x.own for x in nums):
            attrs.append("g:year")
        if any("c:yr" not in x.own for x in nums):
            attrs.append("g:num")
        if any("cue:venue" in x.own for x in words):
            attrs.append("g:vcue")
        if any("cue:name" in x.own for x in words) or any(x.is_letter for x in words):
            attrs.append("g:ncue")
        if any("cue:other" in x.own for x in words):
            attrs.append("g:ocue")
        first = next((x for x in bases[a:b] if x.kind != "punct"), None)
        if first is not None and first.lower == "in":
            attrs.append("g:in")
        if nw >= 3:
            attrs.append(f"g:caps{caps * 4 // nw}")
        summaries.append(attrs)
    for k, (a, b) in enumerate(bounds):
        attrs = list(summaries[k])
        if k > 0:
            attrs.extend("gp" + x[1:] for x in summaries[k - 1] if not x.startswith(("g:after", "g:caps")))
        if k + 1 < total:
            attrs.extend("gn" + x[1:] for x in summaries[k + 1] if not x.startswith(("g:after", "g:caps")))
        t = tuple(attrs)
        w = 0
        for i in range(a, b):
            out[i] = (*t, f"gi:{min(w, 3)}")
            w += bases[i].kind != "punct"
        out[b - 1] = (*out[b - 1], "g:last")
    return out


def _attributes(tokens: Sequence[Token], marks: Sequence[Sequence[str] | str | None] | None = None) -> list[list[str]]:
    """The attribute strings of every token (``name:value``, weight 1), as the CRF sees them."""
    n = len(tokens)
    if n == 0:
        return []
    bases = [_base(t.text) for t in tokens]
    segments = _segments(tokens, bases)
    year_at = next((i for i, b in enumerate(bases) if "c:yr" in b.own), -1)
    in_at = next(
        (i for i, b in enumerate(bases) if b.lower == "in" and i > 0 and _ends_field(tokens, bases, i - 1)), -1
    )
    # context walks: quotes, brackets, field-ending periods
    in_quote = False
    quote_char = ""
    depth = 0
    seg = 0
    out: list[list[str]] = []
    for i, b in enumerate(bases):
        attrs = list(b.own)
        attrs.append(f"pos:{i * 10 // n}")
        if i == 0:
            attrs.append("first")
        if i == n - 1:
            attrs.append("last")
        pc = b.pclass
        # quotes: an opening quote starts a quoted run until its closing partner
        if pc == "oquote" or (pc == "quote" and not in_quote and b.lower in '"`'):
            if not in_quote:
                in_quote, quote_char = True, b.lower
            attrs.append("q:open")
        elif in_quote and (pc == "cquote" or (pc == "quote" and b.lower == quote_char)):
            in_quote = False
            attrs.append("q:close")
        elif in_quote:
            attrs.append("q:in")
        if pc == "open":
            depth += 1
        elif pc == "close":
            depth = max(0, depth - 1)
        elif depth:
            attrs.append("paren")
        attrs.append(f"seg:{min(seg, 5)}")
        attrs.extend(segments[i])
        # glued to a neighbour without a space: an arXiv id's halves (1512.02902), a volume(issue)
        if i > 0 and tokens[i - 1].end == tokens[i].start:
            attrs.append("glue:l")
        if i + 1 < n and tokens[i + 1].start == tokens[i].end:
            attrs.append("glue:r")
        if year_at >= 0:
            attrs.append("yr:before" if i < year_at else "yr:at" if i == year_at else "yr:after")
        if 0 <= in_at < i:
            attrs.append("after_in")
        if b.is_letter and i + 1 < n and tokens[i + 1].text == ".":
            attrs.append("ini")
        if i > 0:
            prev = bases[i - 1]
            attrs.extend("-1" + a for a in prev.near)
            if prev.pclass == "period":
                attrs.append("after_period")
                if i > 1:  # what the period closed: an initial, an abbreviation or a word (a field's end)
                    before = bases[i - 2]
                    closed = "ini" if before.is_letter else "abbr" if before.lower in _ABBREVIATIONS else before.kind
                    attrs.append(f"closed:{closed}")
            if i > 1:
                attrs.extend("-2" + a for a in bases[i - 2].far)
                if prev.pclass and bases[i - 2].pclass:
                    attrs.append(f"pp:{bases[i - 2].pclass}|{prev.pclass}")
        else:
            attrs.append("-1BOS")
        if i + 1 < n:
            nxt = bases[i + 1]
            attrs.extend("+1" + a for a in nxt.near)
            if i + 2 < n:
                attrs.extend("+2" + a for a in bases[i + 2].far)
        else:
            attrs.append("+1EOS")
        if marks is not None and i < len(marks):
            m = marks[i]
            if m:
                attrs.extend(f"m:{x}" for x in ((m,) if isinstance(m, str) else m) if x in MARKS)
        if _ends_field(tokens, bases, i):
            seg += 1
        out.append(attrs)
    return out


def features(
    tokens: Sequence[Token], marks: Sequence[Sequence[str] | str | None] | None = None
) -> list[dict[str, float | str]]:
    """The CRF features of each token, as python-crfsuite takes them (``{name: value}``).

    ``marks`` is an optional per-token list of markup tags (``"bold"``, ``"italic"``,
    ``"code"``, ``"quoted"``, ``"link"``; a string or a collection of them) that become features.

    >>> f = features(tokenize("Smith, J. 2020. A study."), marks=[None, None, None, None, None, None, "bold", "bold", "bold"])
    >>> f[0]["w"], f[0]["c"], f[2]["sh"], "ini" in f[2], f[4]["c"], f[6]["m"]
    ('smith', 'cap', 'X', True, 'yr', 'bold')
    """
    result: list[dict[str, float | str]] = []
    for attrs in _attributes(tokens, marks):
        d: dict[str, float | str] = {}
        for a in attrs:
            name, sep, value = a.partition(":")
            if sep:
                d[name] = value
            else:
                d[name] = 1.0
        result.append(d)
    return result


# ----------------------------------------------------------------------------- model and decoding


class Model:
    """The CRF's weights as tables for decoding: a score vector per attribute, a transition matrix."""

    def __init__(self, path: str) -> None:
        tagger = pycrfsuite.Tagger()
        tagger.open(path)
        info = tagger.info()
        labels = sorted(info.labels, key=lambda name: int(info.labels[name]))
        self.labels: tuple[str, ...] = tuple(labels)
        index = {name: i for i, name in enumerate(labels)}
        size = len(labels)
        states: dict[str, list[float]] = {}
        for (attr, lab), weight in info.state_features.items():
            vec = states.get(attr)
            if vec is None:
                vec = states[attr] = [0.0] * size
            vec[index[lab]] = float(weight)
        self.states: dict[str, tuple[float, ...]] = {a: tuple(v) for a, v in states.items()}
        trans = [[0.0] * size for _ in range(size)]
        for (a, b), weight in info.transitions.items():
            trans[index[a]][index[b]] = float(weight)
        self.transitions: tuple[tuple[float, ...], ...] = tuple(tuple(r) for r in trans)
        self.tagger = tagger
        self.path = path

    def scores(self, attributes: Sequence[Sequence[str]]) -> list[list[float]]:
        """The state score of every label at every token."""
        size = len(self.labels)
        states = self.states
        out: list[list[float]] = []
        for attrs in attributes:
            row = [0.0] * size
            for a in attrs:
                vec = states.get(a)
                if vec is not None:
                    for k in range(size):
                        row[k] += vec[k]
            out.append(row)
        return out

    def decode(
        self, attributes: Sequence[Sequence[str]], constraints: Mapping[int, set[str] | frozenset[str]] | None = None
    ) -> list[str]:
        """Viterbi over the state scores and transitions; ``constraints`` maps a token index to its allowed labels."""
        n = len(attributes)
        if n == 0:
            return []
        size = len(self.labels)
        emit = self.scores(attributes)
        if constraints:
            for i, allowed in constraints.items():
                if 0 <= i < n:
                    ok = [lab in allowed for lab in self.labels]
                    if not any(ok):
                        raise ValueError(f"constraint at token {i} allows none of {self.labels}: {sorted(allowed)}")
                    row = emit[i]
                    for k in range(size):
                        if not ok[k]:
                            row[k] = -math.inf
        trans = self.transitions
        rng = range(size)
        score = list(emit[0])
        back: list[list[int]] = []
        for i in range(1, n):
            row = emit[i]
            new = [0.0] * size
            ptr = [0] * size
            for k in rng:
                best_j = 0
                best = score[0] + trans[0][k]
                for j in range(1, size):
                    s = score[j] + trans[j][k]
                    if s > best:
                        best, best_j = s, j
                new[k] = best + row[k]
                ptr[k] = best_j
            score = new
            back.append(ptr)
        k = max(rng, key=score.__getitem__)
        path = [k]
        for ptr in reversed(back):
            k = ptr[k]
            path.append(k)
        path.reverse()
        return [self.labels[k] for k in path]


_LOCK = threading.Lock()


@functools.lru_cache(maxsize=1)
def _default_model() -> Model:
    resource = importlib.resources.files(__package__ or "awesome_parse.grammar").joinpath(MODEL_NAME)
    if not resource.is_file():
        raise FileNotFoundError(
            f"{MODEL_NAME}: the citation labeler's model is missing from the installed package "
            "(a source checkout makes it with: python -m awesome_parse.grammar.training)"
        )
    with _LOCK, importlib.resources.as_file(resource) as path:
        return Model(str(path))


def load_model(path: str | None = None) -> Model:
    """The shipped model (loaded once per process), or the one at ``path``.

    >>> m = load_model()
    >>> sorted(m.labels) == sorted(LABELS), m is load_model()
    (True, True)
    """
    if path is None:
        return _default_model()
    return Model(path)


def label(
    text_or_tokens: str | Sequence[Token],
    constraints: Mapping[int, set[str] | frozenset[str]] | None = None,
    marks: Sequence[Sequence[str] | str | None] | None = None,
    model: Model | None = None,
) -> list[str]:
    """One label per token of a citation (a string, tokenized with :func:`tokenize`, or tokens).

    ``constraints`` maps token indices to the labels allowed there; the best path through
    the others is found (a quoted run can be forced to ``title``):

    >>> toks = tokenize("Deep Learning. LeCun, Y., Bengio, Y., Hinton, G. Nature 2015.")
    >>> labs = label(toks, constraints={i: {"title"} for i in range(2)})
    >>> labs[:2], labs[-2]
    (['title', 'title'], 'year')
    """
    tokens = tokenize(text_or_tokens) if isinstance(text_or_tokens, str) else text_or_tokens
    m = model or load_model()
    return m.decode(_attributes(tokens, marks), constraints)


# ----------------------------------------------------------------------------- fields

_EDGE = " \t\n\"'“”‘’«»„`.,;:()[]{}*_-–—/|"
_LEAD_IN = re.compile(r"^(?:in|en|dans|im)\s*[:.]?\s+(?=\S)", re.IGNORECASE)
_FOUR_DIGITS = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")
_KEEP_PERIOD = re.compile(r"(?:\b[^\W\d_]|\bal|\bJr|\bSr|\bInc|\bLtd|\bCo)\.$")


def _trim(text: str, keep_period: bool = False) -> str | None:
    """Strip quotes, brackets and separators around a field; keep a ``?``, a balanced ``)`` or an initial's period."""
    left = len(text) - len(text.lstrip(_EDGE))
    right = len(text.rstrip(_EDGE))
    if right <= left:
        return None
    while right < len(text):
        ch = text[right]
        inner = text[left:right]
        if (
            ch in "?!"
            or (ch == ")" and inner.count("(") > inner.count(")"))
            or (ch == "]" and inner.count("[") > inner.count("]"))
            or (ch == "." and keep_period and _KEEP_PERIOD.search(text[left : right + 1]))
        ):
            right += 1
        else:
            break
    return text[left:right]


def _runs(labels: Sequence[str], name: str) -> list[tuple[int, int]]:
    runs: list[tuple[int, int]] = []
    start = -1
    for i, lab in enumerate([*labels, ""]):
        if lab == name and start < 0:
            start = i
        elif lab != name and start >= 0:
            runs.append((start, i))
            start = -1
    return runs


def read_citation(
    text: str,
    constraints: Mapping[int, set[str] | frozenset[str]] | None = None,
    marks: Sequence[Sequence[str] | str | None] | None = None,
    model: Model | None = None,
) -> CitationFields:
    """Label ``text`` and cut its fields from the original string.

    Title and venue are the first run of their label; the authors run from the first
    author token through the first run; the year is the four-digit year among the
    ``year`` tokens.  Surrounding quotes, brackets and separators are trimmed.

    >>> read_citation("Anoop Kunchukuttan. 2020. The IndicNLP Library. In Proceedings of ACL.")
    CitationFields(authors='Anoop Kunchukuttan', title='The IndicNLP Library', venue='Proceedings of ACL', year='2020')
    """
    tokens = tokenize(text)
    labels = label(tokens, constraints, marks, model)

    def cut(name: str) -> str | None:
        runs = _runs(labels, name)
        if not runs:
            return None
        a, b = runs[0]
        return text[tokens[a].start : tokens[b - 1].end]

    authors = cut("author")
    title = cut("title")
    venue = cut("venue")
    year = None
    for i, lab in enumerate(labels):
        if lab == "year":
            m = _FOUR_DIGITS.search(tokens[i].text)
            if m:
                year = m.group(1)
                break
    venue_text = _trim(venue) if venue else None
    if venue_text:
        venue_text = _trim(_LEAD_IN.sub("", venue_text)) or venue_text
    return CitationFields(
        authors=_trim(authors, keep_period=True) if authors else None,
        title=_trim(title) if title else None,
        venue=venue_text,
        year=year,
    )
