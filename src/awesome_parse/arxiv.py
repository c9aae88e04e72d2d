"""arXiv identifiers: a small strict parser and normalizer.

An arXiv identifier comes in two styles (see https://info.arxiv.org/help/arxiv_identifier.html):

* new style, since April 2007: ``YYMM.NNNN`` (to December 2014) or ``YYMM.NNNNN``
  (from January 2015), with an optional version ``vN``;
* old style, up to March 2007: ``archive/YYMMNNN`` or ``archive.SC/YYMMNNN``, e.g.
  ``hep-th/9901001`` or ``math.GT/0309136``.

:meth:`ArxivId.parse` accepts exactly these, validating the month (01-12), the
number of digits for the period, and the period of each style.  It normalizes to
the identifier without version plus the version separately, so the same paper
linked as ``/abs/2305.14314`` and ``/pdf/2305.14314v2.pdf`` has one identity.

:meth:`ArxivId.from_url` recognizes every form real lists use: abs/pdf/html/ftp
paths with or without scheme or ``www.``/``export.``, ``alphaxiv.org``,
``ar5iv``, ``huggingface.co/papers/ID``, ``doi.org/10.48550/arXiv.ID``.
:func:`find_ids` finds ``arXiv:ID`` citations in running text.

>>> ArxivId.parse("arXiv:2305.14314v2")
ArxivId(id='2305.14314', version=2)
>>> ArxivId.from_url("https://arxiv.org/ftp/arxiv/papers/2312/2312.00752.pdf")
ArxivId(id='2312.00752', version=None)
>>> ArxivId.from_url("https://github.com/artidoro/qlora") is None
True
>>> ArxivId.parse("2313.00001")
Traceback (most recent call last):
  ...
awesome_parse.arxiv.InvalidArxivId: invalid arXiv id '2313.00001': month 13 is not 01-12
"""

from __future__ import annotations

import functools
import re

import attrs

__all__ = ["ArxivId", "InvalidArxivId", "find_ids"]

#: arXiv archives that used old-style identifiers.
OLD_ARCHIVES = frozenset(
    [
        "acc-phys",
        "adap-org",
        "alg-geom",
        "ao-sci",
        "astro-ph",
        "atom-ph",
        "bayes-an",
        "chao-dyn",
        "chem-ph",
        "cmp-lg",
        "comp-gas",
        "cond-mat",
        "cs",
        "dg-ga",
        "funct-an",
        "gr-qc",
        "hep-ex",
        "hep-lat",
        "hep-ph",
        "hep-th",
        "math",
        "math-ph",
        "mtrl-th",
        "nlin",
        "nucl-ex",
        "nucl-th",
        "patt-sol",
        "physics",
        "plasm-ph",
        "q-alg",
        "q-bio",
        "q-fin",
        "quant-ph",
        "solv-int",
        "stat",
        "supr-con",
    ]
)


class InvalidArxivId(ValueError):
    """Raised for text that is shaped like an arXiv identifier but is not a valid one."""

    def __init__(self, text: str, why: str) -> None:
        super().__init__(f"invalid arXiv id {text!r}: {why}")
        self.text = text
        self.why = why


_NEW = re.compile(r"(?P<yymm>\d{4})\.(?P<num>\d+)(?:v(?P<v>\d+))?")
_OLD = re.compile(r"(?P<arch>[a-z]+(?:-[a-z]+)?)(?:\.(?P<sc>[A-Za-z]{2}))?/(?P<yymm>\d{4})(?P<num>\d+)(?:v(?P<v>\d+))?")


@attrs.frozen(order=True)
class ArxivId:
    """A validated arXiv identifier: ``id`` without version, ``version`` or ``None``."""

    id: str
    version: int | None = None

    @classmethod
    def parse(cls, text: str) -> ArxivId:
        """Parse ``2305.14314``, ``2305.14314v2``, ``arXiv:2305.14314``, ``hep-th/9901001v1``.

        Raises :class:`InvalidArxivId` when the text is not a valid identifier.

        >>> ArxivId.parse("hep-th/9901001v1")
        ArxivId(id='hep-th/9901001', version=1)
        >>> ArxivId.parse("1501.0001")
        Traceback (most recent call last):
          ...
        awesome_parse.arxiv.InvalidArxivId: invalid arXiv id '1501.0001': ids from 1501 on have 5 digits
        """
        raw = text
        text = text.strip()
        if text[:6].lower() == "arxiv:":
            text = text[6:].strip()
        m = _NEW.fullmatch(text)
        if m:
            return cls._new(raw, m.group("yymm"), m.group("num"), m.group("v"))
        m = _OLD.fullmatch(text)
        if m:
            return cls._old(raw, m.group("arch"), m.group("sc"), m.group("yymm"), m.group("num"), m.group("v"))
        raise InvalidArxivId(raw, "not of the form YYMM.NNNNN or archive/YYMMNNN")

    @classmethod
    def _new(cls, raw: str, yymm: str, num: str, version: str | None) -> ArxivId:
        yy, mm = int(yymm[:2]), int(yymm[2:])
        if not 1 <= mm <= 12:
            raise InvalidArxivId(raw, f"month {yymm[2:]} is not 01-12")
        if int(yymm) < 704:
            raise InvalidArxivId(raw, "new-style ids start in 0704")
        if yy >= 15 and len(num) != 5:
            raise InvalidArxivId(raw, "ids from 1501 on have 5 digits")
        if yy < 15 and len(num) != 4:
            raise InvalidArxivId(raw, "ids before 1501 have 4 digits")
        return cls(f"{yymm}.{num}", _version(raw, version))

    @classmethod
    def _old(cls, raw: str, arch: str, sc: str | None, yymm: str, num: str, version: str | None) -> ArxivId:
        if arch not in OLD_ARCHIVES:
            raise InvalidArxivId(raw, f"unknown archive {arch!r}")
        mm = int(yymm[2:])
        if not 1 <= mm <= 12:
            raise InvalidArxivId(raw, f"month {yymm[2:]} is not 01-12")
        if len(num) != 3:
            raise InvalidArxivId(raw, "old-style ids have 3 digits after YYMM")
        yy = int(yymm[:2])
        if not (yy >= 91 or int(yymm) <= 703):
            raise InvalidArxivId(raw, "old-style ids end in 0703")
        ident = f"{arch}.{sc}/{yymm}{num}" if sc else f"{arch}/{yymm}{num}"
        return cls(ident, _version(raw, version))

    @classmethod
    def from_url(cls, url: str) -> ArxivId | None:
        """The identifier an arXiv-style URL points to; ``None`` if it is not such a URL.

        Raises :class:`InvalidArxivId` for an arXiv URL whose identifier is malformed
        (``arxiv.org/abs/2005.114010``), so callers can report it instead of losing it.

        >>> ArxivId.from_url("arxiv.org/abs/2310.12036")
        ArxivId(id='2310.12036', version=None)
        >>> ArxivId.from_url("https://doi.org/10.48550/arXiv.2304.01746")
        ArxivId(id='2304.01746', version=None)
        >>> ArxivId.from_url("https://huggingface.co/papers/2402.00838")
        ArxivId(id='2402.00838', version=None)
        """
        low = url.lower()
        if not any(mark in low for mark in _URL_MARKS):
            return None  # fast path: most links are not arXiv links
        m = _URL.search(url.strip())
        if not m:
            return None
        ident = next(g for g in (m.group(name) for name in "abcdefg") if g)
        if m.group("ftp_old"):
            ident = f"{m.group('ftp_old')}/{ident}"
        ident = _strip_suffix(ident)
        return cls.parse(ident)

    @property
    def is_old_style(self) -> bool:
        return "/" in self.id

    @property
    def year(self) -> int:
        """The year the identifier was assigned (submission year).

        >>> ArxivId.parse("2302.13971").year, ArxivId.parse("hep-th/9901001").year
        (2023, 1999)
        """
        yy = int(self.yymm[:2])
        return (1900 if yy >= 91 else 2000) + yy

    @property
    def month(self) -> int:
        return int(self.yymm[2:])

    @property
    def yymm(self) -> str:
        return self.id.split("/")[1][:4] if self.is_old_style else self.id[:4]

    @functools.cached_property
    def key(self) -> str:
        """The identity used for deduplication: no version, no old-style subject class."""
        if self.is_old_style:
            head, tail = self.id.split("/")
            return f"{head.split('.')[0]}/{tail}"
        return self.id

    def url(self, kind: str = "abs") -> str:
        """A canonical URL.

        >>> ArxivId.parse("2305.14314v2").url()
        'https://arxiv.org/abs/2305.14314v2'
        """
        return f"https://arxiv.org/{kind}/{self}"

    def __str__(self) -> str:
        return self.id if self.version is None else f"{self.id}v{self.version}"


def _version(raw: str, version: str | None) -> int | None:
    if version is None:
        return None
    if int(version) < 1:
        raise InvalidArxivId(raw, "version numbers start at 1")
    return int(version)


def _strip_suffix(ident: str) -> str:
    for suffix in (".pdf", ".PDF", ".html", ".ps", ".gz"):
        if ident.endswith(suffix):
            return ident[: -len(suffix)]
    return ident


# One linear pattern for all URL forms.  The id group takes the longest run of
# id characters, so a 6-digit number stays 6 digits and fails validation instead
# of being silently truncated.
_URL = re.compile(
    r"(?:^|[/@.\s(\[<\"'])(?:"
    r"(?:(?:www|export|ar5iv|ar5iv\.labs)\.)?arxiv\.org/+(?:abs|pdf|html|ps|format|ftp/arxiv/papers/\d{4})/+"
    r"(?P<a>(?:[a-z\-]+(?:\.[A-Za-z]{2})?/)?[0-9]{4,}(?:\.[0-9]+)?(?:v[0-9]+)?(?:\.pdf|\.html)?)"
    r"|(?:www\.)?arxiv\.org/+ftp/(?P<ftp_old>[a-z\-]+)/papers/\d{4}/(?P<b>[0-9]{7}(?:v[0-9]+)?(?:\.pdf)?)"
    r"|ar5iv(?:\.labs\.arxiv)?\.org/+(?:abs|html)/+(?P<c>(?:[a-z\-]+/)?[0-9]{4,}(?:\.[0-9]+)?(?:v[0-9]+)?)"
    r"|alphaxiv\.org/+(?:abs/+|overview/+|pdf/+)?(?P<d>[0-9]{4}\.[0-9]+(?:v[0-9]+)?)"
    r"|huggingface\.co/+papers/+(?P<e>[0-9]{4}\.[0-9]+(?:v[0-9]+)?)"
    r"|(?:dx\.)?doi\.org/+10\.48550/+arxiv\.(?P<f>[0-9]{4}\.[0-9]+(?:v[0-9]+)?)"
    r"|(?:papers\.cool|semanticscholar\.org)/+arxiv/+(?P<g>[0-9]{4}\.[0-9]+(?:v[0-9]+)?)"
    r")(?=$|[?#/\s)\]>\"'])",
    re.IGNORECASE,
)


_URL_MARKS = ("arxiv", "alphaxiv", "ar5iv", "huggingface.co", "10.48550")
_TEXT_ID = re.compile(
    r"\barxiv\s?:\s?(?P<id>(?:[a-z\-]+(?:\.[A-Z]{2})?/)?\d{4,}(?:\.\d+)?(?:v\d+)?)(?![\d.]\d)",
    re.IGNORECASE,
)


def find_ids(text: str) -> list[ArxivId]:
    """Every valid ``arXiv:ID`` citation in running text, in order, without duplicates.

    >>> find_ids("see arXiv:2212.09689, arXiv: 2110.08207v2 and arXiv:2005.114010")
    [ArxivId(id='2212.09689', version=None), ArxivId(id='2110.08207', version=2)]
    """
    found: list[ArxivId] = []
    seen: set[str] = set()
    for m in _TEXT_ID.finditer(text):
        try:
            ident = ArxivId.parse(m.group("id"))
        except InvalidArxivId:
            continue
        if ident.id not in seen:
            seen.add(ident.id)
            found.append(ident)
    return found
