"""Plain-text citation pieces: author lists, venues and years written without markup.

Many lists write an entry as running text around its links::

    - [Title](url) - Lvmin Zhang, Anyi Rao, Maneesh Agrawala. ICCV 2023.
    - Title. Jonathan Ho, Tim Salimans. [[pdf]](url)
    - (CVPR 2023) Title [[Paper](url)]
    - [Title](url), Alex Nichol, Prafulla Dhariwal, ICML, 2021.

:func:`read_tail` cuts the text that follows a title into chunks (at sentence
periods, dashes, semicolons and bracketed groups) and names each chunk: an
author list (:func:`is_name_list`), a venue (:func:`is_venue_chunk`), a year, or
else part of a summary.  :func:`split_title` finds where a plain-text title ends
and such a tail begins.

>>> tail = read_tail(" - Lvmin Zhang, Anyi Rao, Maneesh Agrawala. ICCV 2023.")
>>> tail.authors, tail.venue, tail.summary
('Lvmin Zhang, Anyi Rao, Maneesh Agrawala', 'ICCV 2023', None)
>>> split_title("Classifier-Free Diffusion Guidance. Jonathan Ho, Tim Salimans.")
('Classifier-Free Diffusion Guidance', '. Jonathan Ho, Tim Salimans.')
"""

from __future__ import annotations

import re

import attrs
from wordfreq import zipf_frequency

from .._text import is_initials, squash, word_count
from ..links import is_generic_label
from ..patterns import GLUED_NAME, PAGES, YEAR, YEAR_ONLY
from ..vocab import AFFILIATION_WORDS, FUNCTION_WORDS, NAME_PARTICLES, PLACEHOLDERS, VENUE_QUALIFIERS

__all__ = [
    "Tail",
    "is_name_list",
    "is_placeholder",
    "is_title_like",
    "is_venue_chunk",
    "looks_like_venue",
    "looks_like_venue_lead",
    "read_tail",
    "split_leading_authors",
    "split_title",
    "strip_markers",
]

# A name word: capitalized (any script with case), with inner apostrophes or hyphens
# (O'Neil, Jean-Luc), or an initial (J., J.-P.).
_NAME_WORD = re.compile(
    r"^(?:[^\W\d_]\.[^\W\d_][^\W\d_'’\-]+|(?:[^\W\d_]\.){2,4}|[^\W\d_][.]?(?:-[^\W\d_]\.?)*|[^\W\d_][^\W\d_'’\-]*(?:['’][^\W\d_]+|-[^\W\d_][^\W\d_]*)*\.?)$"
)
_HAN_NAME = re.compile(r"^[\u4e00-\u9fff]{2,4}$|^[\uac00-\ud7af]{2,4}$")
_ET_AL = re.compile(r"\s*,?\s*(?:\bet\.?\s*al\b\.?|等人?|\s외)\s*$", re.IGNORECASE)
# A journal with its volume and issue, as Chicago, MLA and Vancouver write it: "Science 313.5786",
# "Nature 521(7553)", "Neural Computation 9 (8)"; the name is capitalized, at most six words.
_JOURNAL_VOLUME = re.compile(
    r"^([A-Z][^\W\d_]*(?:\s+(?:of|on|and|&|in|for|[A-Z][^\W\d_]*\.?)){0,5})\s+\d{1,4}(?:\.\d{1,5}|\(\d{1,5}\))(?:\s*:\s*\d+(?:\s*[-–—]+\s*\d+)?)?(?:\s*,\s*((?:19|20)\d\d))?$"
)
# A page range standing alone ("504-507", "pp. 436-444"), perhaps with the year after it.
_PAGE_RANGE = re.compile(
    r"^(?!(?:19|20)\d\d\s*[-–]\s*\d{1,2}\b)(?:pp?\.?\s*)?\d{1,6}\s*[-–—]+\s*\d{1,6}(?:\s*,\s*((?:19|20)\d\d))?$"
)
# A volume with its issue glued on, "521(7553)", read as "521.7553".
_VOLUME_ISSUE = re.compile(r"(?<=\d)\((\d{1,5})\)")
# What is left of "pp. 12-20" once the pages are cut off at the period.
_PAGES_WORD = re.compile(r",?\s*\b(?:pp|pages|vol)\.?$", re.IGNORECASE)
_BY = re.compile(r"by\s+", re.IGNORECASE)  # "by A. Author, B. Author"
#: Footnote and affiliation markers written after a name: ``Smith*``, ``Jones†``, ``Lee1,2``.
_MARKER_CHARS = frozenset("*†‡§¶#")
_NAME_SEPARATORS = re.compile(r"\s*,\s*(?:and|&)\s+|\s*[,，、;；]\s*|\s+and\s+|\s*&\s*")
_DATE_ONLY = re.compile(r"^(?:19|20)\d\d\s*[-/.]\s*\d{1,2}(?:\s*[-/.]\s*\d{1,2})?$")
_LIST_OF_PLACES = re.compile(r",|&|\sand\s")
_TRAILING_YEAR = re.compile(r",\s*\(?((?:19|20)\d\d)\)?$")
# NeurIPS, ICLR'23, ACL-IJCNLP, arXiv; not model names like GPT-3
_ACRONYM = re.compile(
    r"^(?:[A-Z][A-Za-z]*[A-Z][A-Za-z]*(?:-[A-Za-z]+)*|arXiv|arxiv|bioRxiv|medRxiv)(?:['’]?\d{2}|\d{4})?$"
)
_VENUE_LEAD = re.compile(
    r"^(?:in\s|proceedings\b|proc\.|conference\b|journal\b|workshop\b|transactions\b|findings\b|"
    r"advances in\b|arxiv\b|preprint\b|technical report\b|tech report\b)",
    re.IGNORECASE,
)
_SENTENCE_WORDS = re.compile(r"\b(?:the|is|are|was|were|we|our|this|that|which|propose[sd]?|uses?|for|to|of)\b")


def strip_markers(item: str) -> str:
    """``item`` without the markers that end it (``*``, ``†``, ``‡``, ``§``, ``¶``, ``#``, digits).

    A backward scan, linear in the markers removed: a regular expression ``[...\\d]+$`` retried
    at every position of a long digit run that does not reach the end was quadratic.

    >>> strip_markers("Ashish Vaswani*12"), strip_markers("Smith 123x"), strip_markers("Physics Review 1995")
    ('Ashish Vaswani', 'Smith 123x', 'Physics Review 1995')
    >>> len(strip_markers("Smith " + "1" * 1_000_000 + "x"))
    1000007
    """
    end = len(item)
    while end and (item[end - 1] in _MARKER_CHARS or item[end - 1].isdecimal()):
        end -= 1
    if 0 < end < len(item) and item[end - 1].isspace() and any(ch.isdecimal() for ch in item[end:]):
        return item  # "Physics Review 1995": a number after a space is no marker
    return item[:end]


def _name(item: str) -> bool:
    """One person's name: two to five capitalized words or initials, or a 2-4 character CJK name."""
    item = strip_markers(item.strip().strip(".")).strip()
    if _HAN_NAME.match(item):
        return True
    words = item.split()
    if len(words) == 1 and GLUED_NAME.fullmatch(item):
        return True  # "A.Graves"
    if not 2 <= len(words) <= 5:
        return False
    initialed = any(len(w) == 2 and w[0].isupper() and w[1] == "." for w in words)
    capitals = 0
    for n, word in enumerate(words):
        if word.lower() in NAME_PARTICLES and not (word[:1].isupper() and n in (0, len(words) - 1)):
            continue  # "van der Maaten"; but "Yilun Du", "Le Song": a given name or surname
        if word.casefold() in FUNCTION_WORDS and (n == 0 or len(word) > 1):
            return False  # "A Neural Conversational Model" is a title
        if word.casefold().strip(".,") in AFFILIATION_WORDS:
            return False  # "Peking University", "Xidian Univ." are places
        if re.search(r"['’][a-z]", word):
            return False  # "Quinn's": a possessive, not "O'Brien"
        parts = word.split("-")
        if not _NAME_WORD.match(word) or not (
            parts[0][:1].isupper() and all(p[:1].isupper() or len(p) <= 4 for p in parts[1:])
        ):
            return False  # "Jean-Luc", "Shin-ichi" are name words, "Pre-trained" is not
        letters = [ch for ch in word if ch.isalpha()]
        if len(letters) >= 2 and all(ch.isupper() for ch in letters) and "." not in word and not initialed:
            return False  # an acronym (ICML, GPT) is no part of a name; initials (M.-W.) are
            # (a name written in capitals beside its initials is one: "LALIT R. BAHL", "S. E. LEVINSON")
        capitals += 1
    return capitals >= 2


def _inverted_name(item: str) -> bool:
    """``Last, First`` (``Neumann, Marion``, ``van der Maaten, Laurens``)."""
    last, comma, first = item.partition(",")
    return bool(comma) and "," not in first and _surname(last) and (_name(f"{first.strip()} {last.strip()}"))


def _surname(item: str) -> bool:
    """One capitalized surname, as written before ``et al.`` (``Wei``, ``van der Maaten``)."""
    words = item.strip().split()
    if not words or len(words) > 3 or any(w.lower() not in NAME_PARTICLES for w in words[:-1]):
        return False
    last = words[-1]
    letters = [ch for ch in last if ch.isalpha()]
    return bool(_NAME_WORD.match(last)) and last[:1].isupper() and not all(ch.isupper() for ch in letters)


def is_name_list(text: str, *, min_names: int = 1) -> bool:
    """True when ``text`` is a list of person names (``A. Smith, Bo Li and C. Wu et al.``).

    >>> is_name_list("Jonathan Ho, Tim Salimans"), is_name_list("Denoising Diffusion Models, Revisited")
    (True, False)
    >>> is_name_list("Yang Song et al."), is_name_list("ICML 2021"), is_name_list("Wei et al.")
    (True, False, True)
    >>> is_name_list("Dumoulin, V., Shlens, J. and Kudlur, M."), is_name_list("A.Graves, G. Wayne")
    (True, True)
    >>> is_name_list("Yilun Du, Le Song"), is_name_list("Laurens van der Maaten")
    (True, True)
    >>> is_name_list("Sumers、Yao、Griffiths"), is_name_list("Zhu、Xu 等"), is_name_list("Vision, Language")
    (True, True, False)
    >>> is_name_list("Neumann, Marion and Garnett, Roman"), is_name_list("Shin-ichi Maeda, S.V.N. Vishwanathan")
    (True, True)
    >>> is_name_list("LALIT R. BAHL et al."), is_name_list("ICML NLP")
    (True, False)
    """
    text = squash(text).strip(" .,;:")
    et_al = bool(_ET_AL.search(text))
    text = _ET_AL.sub("", text).strip(" .,;:")
    if not text:
        return False
    items = [p for p in _NAME_SEPARATORS.split(text) if p and p.strip(" .")]
    if et_al and len(items) == 1 and _surname(items[0]):
        return True  # "Wei et al."
    bibtex = re.split(r"\s+and\s+", text)
    if len(bibtex) >= 2 and all(_inverted_name(p) for p in bibtex):
        return True  # BibTeX: "Neumann, Marion and Garnett, Roman"
    if (et_al or "、" in text) and len(items) >= 2 and all(map(_surname, items)):
        return True  # surnames only, as Chinese lists write them: "Sumers、Yao、Griffiths", "Zhu、Xu 等"
    if len(items) >= 2 and len(items) % 2 == 0 and all(map(is_initials, items[1::2])):
        return all(map(_surname, items[::2]))  # "Dumoulin, V., Shlens, J. and Kudlur, M."
    if not items or not all(_name(p) for p in items):
        return False
    return len(items) >= min_names or et_al


def is_institution(text: str) -> bool:
    """A capitalized phrase naming a university, lab or company: ``Peking University``, ``Google Research``.

    >>> is_institution("Xidian University"), is_institution("Shanghai AI Lab"), is_institution("Ana Ruiz")
    (True, True, False)
    >>> is_institution("A Survey of Research Methods")
    False
    """
    words = squash(text).strip(" .,;").split()
    if not 1 <= len(words) <= 6 or YEAR.search(text):
        return False
    if any(w.casefold() in FUNCTION_WORDS and w.casefold() not in ("of", "for", "and", "&") for w in words):
        return False
    if not all(w[:1].isupper() or w.casefold() in ("of", "for", "and", "&") for w in words):
        return False
    return any(w.casefold().strip(".,") in AFFILIATION_WORDS for w in words)


def mostly_names(text: str) -> bool:
    """A list of names in which a few may be unusual (``Kyoung Woon On``, ``Jan "Honza" Cernocky``):
    :func:`is_name_list`, or at least half of its items full names.

    >>> mostly_names('Tomas Mikolov, Jan "Honza" Cernocky, Sanjeev Khudanpur'), mostly_names("Efficient, Private and Robust")
    (True, False)
    """
    if is_name_list(text):
        return True
    items = [p for p in _NAME_SEPARATORS.split(_ET_AL.sub("", squash(text)).strip(" .,;:")) if p.strip(" .")]
    return bool(items) and 2 * sum(1 for p in items if _name(p)) >= len(items)


def looks_like_venue_lead(text: str) -> bool:
    """Text that begins like a venue: ``In Proceedings of``, ``arXiv preprint``, ``Journal of``."""
    return bool(_VENUE_LEAD.match(squash(text)))


def is_venue_chunk(text: str) -> bool:
    """A short chunk naming a venue: a year with few words, or led by an acronym or a venue word.

    >>> is_venue_chunk("ICCV 2023"), is_venue_chunk("NeurIPS"), is_venue_chunk("Proposes DDPM")
    (True, True, False)
    >>> is_venue_chunk("In Proceedings of ACL"), is_venue_chunk("We propose a new model in 2021")
    (True, False)
    >>> is_venue_chunk("Robotics and Autonomous Systems 2013"), is_venue_chunk("Results on Tiny Benchmarks")
    (True, False)
    """
    text = squash(text).strip(" .,;:")
    words = text.split()
    if _VENUE_LEAD.match(text):
        return len(words) <= 30 and len(text) <= 240
    if not words or len(words) > 10 or len(text) > 90 or _SENTENCE_WORDS.search(text):
        return False
    head = words[0].rstrip(",.:")
    if _ACRONYM.match(head):
        return True
    if bool(YEAR.search(text)) and len(words) <= 4:
        return True
    # a journal's or conference's full name and its year: "Robotics and Autonomous Systems 2013"
    return (
        3 <= len(words) <= 9
        and "," not in text  # "Trevithick and Yang, Arxiv 2020" is names and a venue
        and bool(YEAR_ONLY.match(words[-1]))
        and all(w[:1].isupper() or w.casefold() in _NAME_CONNECTORS for w in words[:-1])
    )


#: The small words inside a venue's capitalized name ("Robotics and Autonomous Systems").
_NAME_CONNECTORS = frozenset({"and", "of", "on", "for", "in", "the", "&", "de", "to"})


_VENUE_WORDS = re.compile(
    r"\b(arxiv|preprint|proceedings|conference|journal|workshop|transactions|findings|symposium|"
    r"[A-Z]{2,}[a-zA-Z]*)\b"
)
_SENTENCE = re.compile(r"[。！？，；!?]|\s(?:the|is|are|was|we|our|this|that)\s", re.IGNORECASE)


def looks_like_venue(text: str) -> bool:
    """Short text naming where a paper appeared: ``NAACL 2019.``, ``arXiv 2025,``, ``JMLR``.

    >>> looks_like_venue("NAACL 2019."), looks_like_venue("（示例 1）：完全自然生成的文本，没有经过任何特殊处理。")
    (True, False)
    """
    text = text.strip(" .,;:")
    if not text or len(text) > 80 or len(text.split()) > 10 or _SENTENCE.search(text):
        return False
    return bool(YEAR.search(text) or _VENUE_WORDS.search(text))


def is_title_like(text: str) -> bool:
    """Reads like a paper title rather than a nickname: three words, a colon, or long.

    >>> is_title_like("Mixtral of Experts"), is_title_like("AlexNet"), is_title_like("GPT-4")
    (True, False, False)
    """
    text = text.strip()
    if not text or is_generic_label(text):
        return False
    words = word_count(text)
    return words >= 3 or (":" in text and words >= 2) or len(text) >= 30


@attrs.define
class Tail:
    """What follows a title: each piece, or ``None``."""

    authors: str | None = None
    venue: str | None = None
    year: str | None = None
    date: str | None = None
    summary: str | None = None
    affiliations: list[str] = attrs.Factory(list)
    aliases: list[str] = attrs.Factory(list)

    @property
    def found(self) -> bool:
        return (
            self.authors is not None
            or self.venue is not None
            or self.year is not None
            or self.date is not None
            or bool(self.affiliations)
        )


# Chunk boundaries: a bracketed group, a sentence period (not after an initial or "al"),
# a spaced dash or bar, a semicolon.
# A model's nickname: one token with an inner capital, a digit or a hyphen (LLaVA, GPT-3, T5).
_NICKNAME = re.compile(r"[A-Za-z][A-Za-z0-9.+]*(?:[A-Z0-9]|-[A-Za-z0-9])[A-Za-z0-9.+\-]*")
_GROUP = re.compile(r"\(([^()]{1,80})\)|\[([^\[\]]{1,80})\]")
_CUT = re.compile(r"(?<![\s.][A-Z])(?<!^[A-Z])\.\s+|\s[-–—|·•]\s|^\s*[-–—|:：·•]\s|\s[·•]\s*$|;\s*")


def _chunks(text: str) -> list[tuple[str, bool]]:
    """The chunks of ``text``, each with whether it was a bracketed group."""
    out: list[tuple[str, bool]] = []
    pos = 0
    for m in _GROUP.finditer(text):
        out.extend((x, False) for x in _CUT.split(text[pos : m.start()]))
        out.append((m.group(1) or m.group(2) or "", True))
        pos = m.end()
    out.extend((x, False) for x in _CUT.split(text[pos:]))
    # a chunk's edges lose punctuation, the " · " that joins free spans and footnote marks ("2026.†")
    return [(c, group) for c, group in ((squash(x).strip(' .,;:[]()|"“”·†‡§*<>'), g) for x, g in out) if c]


#: Chinese punctuation between a citation's parts reads as its ASCII form ("，赵鑫等，2023").
_FULL_WIDTH = str.maketrans({"，": ", ", "；": "; "})


def read_tail(text: str, *, authors_known: bool = False) -> Tail:
    """Name the chunks of the text after a title (see the module docstring).

    A chunk may hold names then a venue, comma-separated: ``Alex Nichol, ICML, 2021``.
    A parenthesized group after the authors (``authors_known``: they were found
    before ``text``) names their affiliations.

    >>> read_tail("(Stanford) arXiv.", authors_known=True)
    Tail(authors=None, venue='arXiv', year=None, date=None, summary=None, affiliations=['Stanford'], aliases=[])
    """
    tail = Tail()
    rest: list[str] = []
    chunks = _chunks(_VOLUME_ISSUE.sub(r".\1", text.translate(_FULL_WIDTH)))
    # bracketed groups come last: "(NUS, Stanford) arXiv" names the venue outside the group
    for chunk, group in [c for c in chunks if not c[1]] + [c for c in chunks if c[1]]:
        chunk = _leading_dates(chunk, tail)
        pages = _PAGE_RANGE.match(chunk)
        if pages or (group and chunk.isdigit() and not YEAR_ONLY.match(chunk) and tail.venue is not None):
            if pages and pages.group(1):
                tail.year = tail.year or pages.group(1)
            continue  # pages, or the issue number after a journal's volume: no field of ours
        year = YEAR_ONLY.match(chunk)
        if year:
            tail.year = tail.year or year.group(1)
            continue
        if _DATE_ONLY.match(chunk):
            tail.date = tail.date or chunk
            continue
        if group and _places(chunk, authors_known or tail.authors is not None):
            # places in parentheses after the authors: "(Zhejiang University, Baidu)"
            tail.affiliations.extend(p for p in _NAME_SEPARATORS.split(chunk) if p.strip())
            continue
        if group and tail.venue is not None:
            if _NICKNAME.fullmatch(chunk):
                tail.aliases.append(chunk)  # "Title (GraphSAGE), NeurIPS 2017"
            else:
                rest.append(chunk)
            continue
        if not group and is_institution(chunk):
            tail.affiliations.append(chunk)  # "[Title](url), Peking University, [Code](url)"
            continue
        if tail.authors is None and is_name_list(chunk):
            tail.authors = chunk
            continue
        by = _BY.match(chunk)
        if by and tail.authors is None:
            names, _comma, last = chunk[by.end() :].rpartition(",")
            if is_name_list(chunk[by.end() :]):
                tail.authors = chunk[by.end() :]  # "by Mandar Joshi, Danqi Chen"
                continue
            if names and YEAR_ONLY.match(last.strip()) and is_name_list(names):
                tail.authors = names  # "by Stephane Ross, Geoffrey J. Gordon, 2011"
                tail.year = tail.year or YEAR_ONLY.match(last.strip()).group(1)  # type: ignore[union-attr]
                continue
        journal = _JOURNAL_VOLUME.match(chunk)
        if journal and tail.venue is None and not _SENTENCE_WORDS.search(journal.group(1)):
            tail.venue = journal.group(1)  # "Science 313.5786", "Nature 521(7553): 436-444": the journal
            tail.year = tail.year or journal.group(2)
            continue
        items = [p.strip() for p in re.split(r"\s*,\s*", chunk)]
        cut = _names_prefix(items) if tail.authors is None else 0
        venue = ", ".join(items[cut:])
        if tail.venue is None and is_venue_chunk(chunk) and not (_surely_names(items[:cut]) and YEAR_ONLY.match(venue)):
            _set_venue(tail, chunk)  # (but "A. Author, B. Author, 2023" is names and a year)
            continue
        if cut and (not venue or is_venue_chunk(venue) or YEAR_ONLY.match(venue)):
            tail.authors = ", ".join(items[:cut])
            if YEAR_ONLY.match(venue):
                tail.year = tail.year or YEAR_ONLY.match(venue).group(1)  # type: ignore[union-attr]
            elif venue and tail.venue is None:
                _set_venue(tail, venue)
            continue
        rest.append(chunk)
    if tail.venue is not None:
        _venue_qualifier(text, tail, rest)
    if rest and tail.found:
        tail.summary = ". ".join(rest)
    elif rest:
        tail.summary = None  # nothing recognized: the caller keeps its own reading
    return tail


_QUALIFIER_AFTER = re.compile(r"\s*\(([^()]{2,60})\)(\s*(?:19|20)\d\d\b)?")


def _venue_qualifier(text: str, tail: Tail, rest: list[str]) -> None:
    """A track written in parentheses right after the venue is part of it: ``ACL 2022 (Findings)``,
    ``EACL (Findings) 2023``; the group is then no lab, nickname or summary.

    >>> read_tail("Ana Ruiz, Bo Li. ACL 2022 (Findings).").venue, read_tail("EACL (Findings) 2023", authors_known=True).venue
    ('ACL 2022 (Findings)', 'EACL (Findings) 2023')
    >>> read_tail("Bo Li. ICML 2021 (Stanford, MIT)").venue
    'ICML 2021'
    """
    assert tail.venue is not None
    at = text.find(tail.venue)
    if at < 0:
        return
    m = _QUALIFIER_AFTER.match(text, at + len(tail.venue))
    if m is None:
        return
    group = squash(m.group(1))
    words = re.findall(r"[^\W\d_]+", group.casefold())
    if not words or not any(w in VENUE_QUALIFIERS for w in words) or len(words) > 6:
        return
    tail.venue = squash(text[at : m.end()]).rstrip(" .,;")
    # the group was read as labs ("Datasets", "Benchmarks Track"), a nickname or a summary: it is none
    tail.affiliations[:] = [a for a in tail.affiliations if squash(a) not in group]
    tail.aliases[:] = [a for a in tail.aliases if squash(a) != group]
    rest[:] = [r for r in rest if squash(r) != group]


def _set_venue(tail: Tail, venue: str) -> None:
    """The venue without pages or volume, and a trailing ``, 2021`` taken as the year."""
    venue = _PAGES_WORD.sub("", PAGES.sub("", venue)).strip(" ,.")
    year = _TRAILING_YEAR.search(venue)  # "ICML, 2021": the venue and the year
    if year and year.start() > 0:
        tail.year = tail.year or year.group(1)
        venue = venue[: year.start()]
    tail.venue = venue or None


_NOT_PLACES = re.compile(r"^(?:vol(?:ume)?|pp|pages?|no|issue|chapter|part|supplementary)\b", re.IGNORECASE)


def _places(chunk: str, after_authors: bool) -> bool:
    """A parenthesized group that names institutions rather than a venue or people."""
    if YEAR.search(chunk) or is_name_list(chunk) or not re.search(r"[^\W\d_]{2}", chunk):
        return False  # a year, people, or a number like "(6)"
    if _NOT_PLACES.match(chunk):
        return False  # "(Volume 1: Long Papers)", "(pp. 1-10)"
    return bool(_LIST_OF_PLACES.search(chunk)) or (after_authors and not is_venue_chunk(chunk))


def _leading_dates(chunk: str, tail: Tail) -> str:
    """Take dates and years off the front of a comma list: ``2014-09, ASE 2014`` -> ``ASE 2014``."""
    if "," not in chunk:
        return chunk
    items = [p.strip() for p in chunk.split(",")]
    while len(items) > 1 and (_DATE_ONLY.match(items[0]) or YEAR_ONLY.match(items[0])):
        if _DATE_ONLY.match(items[0]):
            tail.date = tail.date or items[0]
        else:
            tail.year = tail.year or items[0].strip("()")
        items.pop(0)
    return ", ".join(items)


def _surely_names(items: list[str]) -> bool:
    """Names no venue could be: several, or one marked as a group (``et al.``, ``等``), or a CJK name."""
    if not items:
        return False
    one = items[0]
    return len(items) >= 2 or bool(_ET_AL.search(one) or _HAN_NAME.match(strip_markers(one.strip())))


_SURNAME_PAIR = re.compile(r"^(\S+)\s+(?:and|&)\s+(\S+)$")


def _surname_pair(item: str) -> bool:
    """Two authors by surname, as author-year citations write them: ``Trevithick and Yang``,
    ``Niemeyer & Geiger``; not two common words (``Vision and Language``).

    >>> _surname_pair("Trevithick and Yang"), _surname_pair("Niemeyer & Geiger"), _surname_pair("Vision and Language")
    (True, True, False)
    """
    m = _SURNAME_PAIR.match(item.strip())
    if m is None or not (_surname(m.group(1)) and _surname(m.group(2))):
        return False
    return max(zipf_frequency(m.group(1).lower(), "en"), zipf_frequency(m.group(2).lower(), "en")) < _COMMON_WORD


#: The wordfreq Zipf frequency from which a word is common English rather than (mostly) a surname.
_COMMON_WORD = 4.0


def _names_prefix(items: list[str]) -> int:
    """How many leading comma-separated items are person names."""
    n = 0
    for item in items:
        bare = _ET_AL.sub("", item)
        if (
            _name(bare)
            or (n and _ET_AL.fullmatch(" " + item))
            or (n == 0 and bare != item and _surname(bare))
            or (n == 0 and _surname_pair(bare))
        ):
            n += 1
        else:
            break
    return n


#: How far past a candidate cut :func:`split_title` reads (a long author list is a few hundred characters).
_NEAR = 1000


def split_title(text: str) -> tuple[str, str]:
    """Cut plain text into (title, tail) where a citation tail begins, else (text, "").

    The cut is at the first sentence period followed by names or a venue, or at the
    first comma followed by two or more names (or one and ``et al.``) and nothing else.

    >>> split_title("Consistency Models, Yang Song, Prafulla Dhariwal")
    ('Consistency Models', ', Yang Song, Prafulla Dhariwal')
    >>> split_title("Attention, Learn to Solve Routing Problems!")
    ('Attention, Learn to Solve Routing Problems!', '')
    >>> split_title("Human-level control through deep reinforcement learning, Nature 2015")
    ('Human-level control through deep reinforcement learning', ', Nature 2015')
    """
    # Only the text near each candidate cut is read (a name list or venue is short next to
    # the input's worst case), so the cost stays linear in the length of ``text``.
    for m in re.finditer(r"(?<![\s.][A-Z])\.\s+", text):
        after = text[m.end() : m.end() + _NEAR]
        first = [c for c, _group in _chunks(after)]
        if first and (is_name_list(first[0]) or is_venue_chunk(first[0]) or _names_prefix(first[0].split(", "))):
            return text[: m.start()].strip(), text[m.start() :]
    for m in re.finditer(r",\s+", text):
        if m.start() > 0 and len(text) - m.end() <= _NEAR and is_name_list(text[m.end() :].strip(" ."), min_names=2):
            return text[: m.start()].strip(), text[m.start() :]
    last = text.rfind(", ")
    if last > 0:
        after = text[last + 2 :].strip(" .")
        if YEAR.search(after) and len(after.split()) <= 4 and is_venue_chunk(after) and len(text[:last].split()) >= 3:
            return text[:last].strip(), text[last:]  # "Title, Nature 2015"
    return text, ""


_SURNAME = re.compile(r"^[^\W\d_][^\W\d_'’\-]*(?:['’\-][^\W\d_]+)*$")


def _inverted_names(text: str) -> bool:
    """``Vaswani, A., Shazeer, N. & Parmar, N.``: surnames each followed by initials."""
    text = _ET_AL.sub("", squash(text)).strip(" ,;")
    items = [p.strip() for p in re.split(r"\s*,\s*|\s*&\s*|\s+and\s+", text) if p.strip()]
    if len(items) < 2 or len(items) % 2:
        return False
    pairs = zip(items[::2], items[1::2], strict=True)
    return all(_SURNAME.match(last) and last[0].isupper() and _initials(first) for last, first in pairs)


def _initials(text: str) -> bool:
    """``A.``, ``J.-P.``, ``A. B.``, ``AB``: one to three capital letters with dots, spaces or hyphens."""
    letters = [ch for ch in text if ch.isalpha()]
    rest = [ch for ch in text if not ch.isalpha() and ch not in ". -"]
    return 1 <= len(letters) <= 3 and all(ch.isupper() for ch in letters) and not rest


#: ``(2017).`` after the names (found with a search, then cut by hand: no backtracking over the names).
_YEAR_PAREN = re.compile(r"\((?P<y>(?:19|20)\d\d)[a-z]?\)[.,:]?\s+(?=\S)")
_YEAR_SENTENCE = re.compile(r"^(?P<names>.+?)[.,]\s+(?P<y>(?:19|20)\d\d)[a-z]?[.,:]\s+(?P<rest>\S.*)$")
_ET_AL_CUT = re.compile(r"^(?P<names>.+?\bet\.?\s*al\b\.?)[,:]?\s+(?P<rest>\S.*)$", re.IGNORECASE)


def split_leading_authors(text: str) -> tuple[str, str | None, str] | None:
    """Author-first citations: ``(authors, year, rest)`` when ``text`` opens with a name list.

    Covers ``Names (2017). Title.`` (APA), ``Names. 2019. Title.`` (ACL) and
    ``Name et al. Title.``; the rest starts with the title.

    >>> split_leading_authors("Vaswani, A., Shazeer, N. (2017). Attention is all you need. NeurIPS.")
    ('Vaswani, A., Shazeer, N.', '2017', 'Attention is all you need. NeurIPS.')
    >>> split_leading_authors("Tom B. Brown et al. Language Models are Few-Shot Learners. NeurIPS 2020.")
    ('Tom B. Brown et al.', None, 'Language Models are Few-Shot Learners. NeurIPS 2020.')
    >>> split_leading_authors("Attention Is All You Need. Ashish Vaswani. 2017.") is None
    True
    >>> split_leading_authors("Soft Actor-Critic Algorithms and Applications. Tuomas Haarnoja, Aurick Zhou.") is None
    True
    """
    text = squash(text)
    paren = next((m for m in _YEAR_PAREN.finditer(text) if text[: m.start()].rstrip(" ,")), None)
    if paren is not None:
        names = text[: paren.start()].rstrip(" ,")
        if is_name_list(names) or _inverted_names(names):
            return names.strip(" ,"), paren.group("y"), text[paren.end() :]
    m = _YEAR_SENTENCE.match(text)
    if m and (is_name_list(m.group("names")) or _inverted_names(m.group("names"))):
        return m.group("names").strip(" ,"), m.group("y"), m.group("rest")
    m = _ET_AL_CUT.match(text)
    if m and is_name_list(m.group("names")):
        return m.group("names").strip(" ,"), None, m.group("rest")
    cut = re.search(r"(?<![\s.][A-Z])\.\s+", text)  # the names are the first sentence, or none is
    if cut:
        names = text[: cut.start()]
        if is_name_list(names, min_names=2) or _inverted_names(names + "."):
            return names.strip(" ,"), None, text[cut.end() :]
    return None


_ONLY_PUNCT = re.compile(r"^[\W_]*$")


def is_placeholder(text: str, header: str | None = None) -> bool:
    """A cell that says nothing: dashes, dots, ellipses, N/A, or its own column header.

    >>> is_placeholder("……"), is_placeholder("Source", "Source"), is_placeholder("NAACL 2024")
    (True, True, False)
    """
    norm = squash(text).casefold()
    if norm in PLACEHOLDERS or _ONLY_PUNCT.match(norm):
        return True
    return header is not None and bool(norm) and norm == squash(header).casefold()
