"""The recurring patterns: years, dates, page ranges, initials, numbers in front of entries.

Each pattern is written once, here, with what it matches and why; every other
module imports it.  Dates are read by :func:`parse_date` into ISO partial dates
(``2023``, ``2023-02``, ``2023-02-14``), the form :class:`~awesome_parse.model.Paper`
keeps.

>>> [m.group(0) for m in YEAR.finditer("NeurIPS 2020, pp. 1877-1890, 12020")]
['2020']
>>> bool(YEAR_ONLY.match("(2019b)")), bool(YEAR_ONLY.match("2019 ICML"))
(True, False)
>>> [bool(ENTRY_NUMBER.match(t)) for t in ["[3] Hinton", "12. Title", "[x] Done", "2.5D Gaussians", "3DGS"]]
[True, True, True, False, False]
>>> [bool(INITIALS.fullmatch(t)) for t in ["J.-P.", "A. B.", "Li", "ICML"]]
[True, True, False, False]
>>> [bool(GLUED_NAME.fullmatch(t)) for t in ["A.Graves", "J.-P.Vert", "Graves", "U.S."]]
[True, True, False, False]
>>> PAGES.sub("", "Science 313, pp. 504-507"), DATE_BRACKET.search("[2023/02] **T**").group(1)
('Science 313', '2023/02')
>>> [parse_date(t) for t in ["Mar. 2024", "2023.10", "23-05-14", "05/2022", "2024-04-29", "2023"]]
['2024-03', '2023-10', '2023-05-14', '2022-05', '2024-04-29', '2023']
"""

from __future__ import annotations

import re

from .vocab import MONTHS, is_venue_acronym

__all__ = [
    "DATE_BRACKET",
    "ENTRY_NUMBER",
    "GLUED_NAME",
    "INITIALS",
    "PAGES",
    "QUOTED",
    "YEAR",
    "YEAR_ONLY",
    "find_dates",
    "is_date",
    "parse_date",
    "year_of",
]

#: A year of the 20th or 21st century standing alone (not inside a longer number: ``12020``,
#: ``2020.12345`` as an arXiv id is excluded by the caller).
YEAR = re.compile(r"(?<!\d)(?:19|20)\d\d(?!\d)")

#: A chunk that is only a year: ``2020``, ``(2020)``, ``2020a`` (a disambiguated citation year).
YEAR_ONLY = re.compile(r"^\(?((?:19|20)\d\d)[a-z]?\)?$")

#: A bracketed date written before or after a title: ``[2023/02]``, ``[2024-05-01]``, ``[2023.06]``.
DATE_BRACKET = re.compile(r"\[\s*((?:19|20)\d\d(?:\s*[/\-.]\s*\d{1,2}){0,2})\s*\]")

#: A number in front of an entry: a reference number (``[3]``, ``(3)``), an item number glued to
#: the text (``12.``, ``3)``) or a task-list box (``[ ]``, ``[x]``); never ``2.5D`` or ``1.58-bit``
#: (a digit or letter right after the dot).
ENTRY_NUMBER = re.compile(r"^\s*(?:\[[ xX]\]|[\[(]\d{1,4}[\])]|\d{1,4}[.)](?=\s|$)|\d{1,4}[.)](?=[^\W\d_]))\s*")

#: A person's initials as written after a surname: ``V.``, ``J.-P.``, ``A. B.``, ``AB``.
INITIALS = re.compile(r"(?:[^\W\d_a-z]\.?(?:\s?-?\s?[^\W\d_a-z]\.?){0,2})")

#: A name written as one word, initials glued to the surname: ``A.Graves``, ``J.-P.Vert``.
GLUED_NAME = re.compile(r"(?:[^\W\d_a-z]\.-?){1,3}[^\W\d_a-z][^\W\d_A-Z]+(?:-[^\W\d_a-z][^\W\d_A-Z]+)?")

#: A quoted phrase (straight or curly double quotes, six characters at least; 《》 and 「」 two):
#: how many styles write a title.
QUOTED = re.compile(r"[\"“”]([^\"“”]{6,}?)[\"“”]|《([^《》]{2,}?)》|「([^「」]{2,}?)」")

#: Pages or volume details that end a venue: ``pp. 1-10``, ``pages 12--20``, ``vol. 3``, ``313.5786``.
PAGES = re.compile(r",?\s*\b(?:pages|pp\.?|vol\.?|volume)\s*\d+(?:\s*[-–—]+\s*\d+)?.*$", re.IGNORECASE)

_YMD = re.compile(r"(?<!\d)((?:19|20)\d\d)\s*[-/.年]\s*(\d{1,2})(?:\s*[-/.月]\s*(\d{1,2}))?(?!\d)")
_SHORT_YMD = re.compile(r"^\s*(\d\d)-(\d\d)-(\d\d)\s*$")  # 23-05-14: two-digit year, month, day
_MONTH_NAME = re.compile(
    r"(?:(\d{1,2})(?:st|nd|rd|th)?\s+)?\b([A-Za-z]{3,9})\.?\s*(?:(\d{1,2})(?:st|nd|rd|th)?\s*,?\s*)?,?\s*((?:19|20)\d\d)(?!\d)"
)
_MDY = re.compile(r"^\s*(\d{1,2})/(\d{1,2})/(\d{2}|\d{4})\s*$")  # 9/04/24: month/day/year (US)
_MY = re.compile(r"^\s*(\d{1,2})\s*/\s*((?:19|20)\d\d)\s*$")  # 05/2022: month/year
_Y = re.compile(r"^\s*\(?((?:19|20)\d\d)[a-z]?\)?\.?\s*$")


def _iso(year: int, month: int, day: int | None = None) -> str | None:
    if not 1 <= month <= 12:
        return None
    if day is not None and 1 <= day <= 31:
        return f"{year:04d}-{month:02d}-{day:02d}"
    return f"{year:04d}-{month:02d}"


def parse_date(text: str) -> str | None:
    """Any common date to an ISO partial date, or ``None``.

    Read forms: ``2024-04-29``, ``2022/02``, ``2023.10``, ``2024年3月``, ``23-05-14``
    (two-digit year), ``05/2022``, ``9/04/24`` (US month/day/year), ``Mar. 2024``,
    ``11 Aug, 2025``, ``February. 2023``, ``2023``.

    >>> [parse_date(t) for t in ["February. 2023", "Oct.2023", "2022/02", "9/04/24", "11 Aug, 2025", "2024年3月"]]
    ['2023-02', '2023-10', '2022-02', '2024-09-04', '2025-08-11', '2024-03']
    >>> parse_date("11.23") is None, parse_date("13/2020") is None
    (True, True)
    """
    text = text.strip()
    if len(text) > 64:  # no date is longer; bounds the regular expressions' work
        return None
    m = _YMD.search(text)
    if m:
        found = _iso(int(m.group(1)), int(m.group(2)), int(m.group(3)) if m.group(3) else None)
        if found:
            return found
    m = _MONTH_NAME.search(text)
    if m:
        word = m.group(2).lower()
        month = MONTHS.get(word) or MONTHS.get(word[:4].rstrip(".")) or MONTHS.get(word[:3])
        if month:
            day = m.group(1) or m.group(3)
            return _iso(int(m.group(4)), month, int(day) if day else None)
    m = _SHORT_YMD.match(text)
    if m:
        return _iso(2000 + int(m.group(1)), int(m.group(2)), int(m.group(3)))
    m = _MY.match(text)
    if m:
        return _iso(int(m.group(2)), int(m.group(1)))
    m = _MDY.match(text)
    if m:
        month, day, yy = int(m.group(1)), int(m.group(2)), m.group(3)
        year = int(yy) + (2000 if len(yy) == 2 and int(yy) < 70 else 1900 if len(yy) == 2 else 0)
        if 1 <= day <= 31:
            return _iso(year, month, day)
    m = _Y.match(text)
    if m:
        return m.group(1)
    return None


_MONTH_WORDS = "|".join(sorted(MONTHS, key=len, reverse=True))
#: A date written inside other text: ``Sep 2023``, ``Mar. 2024``, ``2023-09``, ``2023/09/14`` (never a bare year).
_DATE_IN_TEXT = re.compile(
    rf"(?:\b\d{{1,2}}(?:st|nd|rd|th)?\s+)?\b(?:{_MONTH_WORDS})\.?\s*(?:\d{{1,2}}(?:st|nd|rd|th)?\s*,?\s*)?,?\s*(?:19|20)\d\d(?!\d)|(?<![\d.])(?:19|20)\d\d\s*[-/.]\s*\d{{1,2}}(?:\s*[-/.]\s*\d{{1,2}})?(?![\d.])",
    re.IGNORECASE,
)


def find_dates(text: str, start: int = 0, end: int | None = None) -> list[tuple[int, int]]:
    """The spans of the dates written in ``text[start:end]`` (a bare year is no date).

    >>> t = "Arxiv Sep 2023, ICLR 2024; May 9, 2024; 2023-10"
    >>> [t[a:b] for a, b in find_dates(t)]
    ['Sep 2023', 'May 9, 2024', '2023-10']
    """
    return [(m.start(), m.end()) for m in _DATE_IN_TEXT.finditer(text, start, len(text) if end is None else end)]


def is_date(text: str) -> bool:
    """A chunk that is only a date (not a year alone): ``2023/02``, ``Mar. 2024``, ``23-05-14``.

    >>> is_date("2023.10"), is_date("ICLR 2024"), is_date("2024")
    (True, False, False)
    """
    text = text.strip(" ,.;()[]")
    if not text or len(text) > 24 or _Y.match(text):
        return False
    if not _MONTH_NAME.fullmatch(text) and any(ch.isalpha() for ch in text.replace("年", "").replace("月", "")):
        return False
    return parse_date(text) is not None


def year_of(text: str) -> int | None:
    """The last year written in ``text`` (``ICLR 2024`` -> 2024), else ``None``.

    >>> year_of("Arxiv Sep 2023, ICLR 2024"), year_of("CVPR '24"), year_of("arXiv")
    (2024, 2024, None)
    >>> year_of("ECCV 22"), year_of("ICCV19"), year_of("Volume 22")
    (2022, 2019, None)
    """
    found = YEAR.findall(text)
    if found:
        return int(found[-1])
    m = _SHORT_YEAR.search(text)
    if m:
        return 2000 + int(m.group(1))
    m = _ACRONYM_YEAR.match(text)
    if m and (m.group(1).isupper() or is_venue_acronym(m.group(1))):
        return 2000 + int(m.group(2))  # "ECCV 22", "ICCV19": a venue's short name and two-digit year
    return None


#: ``CVPR '24``, ``ICLR'23``: a venue's two-digit year after an apostrophe.
_SHORT_YEAR = re.compile(r"['’](\d\d)\b")
#: ``ECCV 22``, ``RAL 22``, ``ICCV19``: a venue's acronym, then a two-digit year, and nothing else.
_ACRONYM_YEAR = re.compile(r"^\s*([A-Za-z][A-Za-z-]{1,11})\s?(\d\d)\s*$")
