"""RawEntry to Paper: small named steps, each a pure function of the raw entry.

Every step reads the raw entry, the document context and the values earlier
steps computed, and returns the values it decides; the pipeline builds the
frozen :class:`~awesome_parse.model.Paper` once at the end.  Steps live in a
:class:`~awesome_parse.registry.Registry`, so a plugin can add, replace or
disable one by name.

The heuristics, each explained in its step's docstring:

``links``        classify every link; pick the main paper link
``identifiers``  arXiv id (main link first, then other arXiv links, then ``arXiv:ID`` text), DOI
``title``        strip markup, quotes, one trailing period, URL-like or generic "titles"
``kind``         ``non-paper`` where the list says so (a ``blog`` key, a legend marker like ``\\*: not a paper``)
``venue``        split ``Venue'Affiliation``, ``arXiv:ID`` -> ``arXiv``, authors' trailing venue
``authors``      split name lists (``A, B and C``; BibTeX ``Last, First and ...``); drop ``et al.``
``dates``        any common date to ISO partial (``2023``, ``2023-02``, ``2023-02-14``) and a year
``context``      a year heading (``### 2025``) or a venue in the document title fills what is missing

>>> from awesome_parse.model import RawEntry, RawLink, Span
>>> raw = RawEntry(format="pipe-table", span=Span("R.md", 9), fields=[("title", "*Vicuna: A Chatbot"),
...     ("date", "March. 2023"), ("tags", "Model")], links=[RawLink("https://lmsys.org/blog/x/", None, "title")])
>>> paper, diags = normalize(raw, NormalizeContext(legend={"*": "non-paper"}))
>>> paper.title, paper.kind, paper.date, paper.year, paper.links[0].kind
('Vicuna: A Chatbot', 'non-paper', '2023-03', 2023, 'blog')
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any

import attrs

from ._text import is_initials, squash, strip_symbols
from .arxiv import ArxivId, InvalidArxivId, find_ids
from .errors import Diagnostic, Severity
from .links import classify, find_doi, is_generic_label, is_placeholder_url
from .model import Link, Paper, RawEntry, Shape, Source, _assemble
from .patterns import YEAR, parse_date, year_of
from .registry import Registry
from .vocab import NON_PAPER_SECTIONS, PAPER_SECTIONS, VENUE_WORDS, is_venue_acronym

__all__ = [
    "NormalizeContext",
    "Step",
    "default_steps",
    "find_legend",
    "normalize",
    "parse_date",
    "split_authors",
]

Values = dict[str, Any]
#: A normalizer step: ``step(raw, context, values) -> updates``.  It must not mutate
#: ``raw`` or ``values``; the pipeline merges the returned updates into ``values``.
Step = Callable[[RawEntry, "NormalizeContext", Values], Values]


@attrs.frozen
class NormalizeContext:
    """What the normalizer knows about the document: its title (list name) and legend markers."""

    path: str | None = None
    title: str | None = None
    legend: dict[str, str] = attrs.field(factory=dict)


_LEGEND = re.compile(
    r"^[\s>*_-]*\\?([*†‡§¶✝※]|\S)\s*\\?[:：=]\s*(?:is\s+)?(not\s+a\s+paper|non[- ]paper|not\s+paper|"
    r"blog(?:\s*post)?s?|not\s+peer[- ]reviewed|technical\s+report)\b",
    re.IGNORECASE,
)


def find_legend(lines: list[str]) -> dict[str, str]:
    r"""Markers a list defines for non-paper items, e.g. ``\*: not a paper``.

    >>> find_legend(["text", "\\*: not a paper"])
    {'*': 'non-paper'}
    """
    out: dict[str, str] = {}
    for line in lines:
        if len(line) > 120 or (":" not in line and "：" not in line and "=" not in line):
            continue
        m = _LEGEND.match(line)
        if m and not m.group(1).isalnum():
            what = m.group(2).lower()
            out[m.group(1)] = "non-paper" if ("paper" in what or "blog" in what) else "paper"
    return out


# ---------------------------------------------------------------- steps


def step_links(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """Classify links by label, then column/key hint, then URL; the main link is the title's
    link, else the first paper or PDF link, else the first link that is not code, a project
    page or media (a repository or demo is never taken for the paper)."""
    links: list[Link] = []
    seen: set[str] = set()
    main: str | None = None
    for rl in raw.links:
        url = rl.url.strip()
        if is_placeholder_url(url) or url in seen:
            continue
        seen.add(url)
        kind = classify(url, rl.label, rl.hint if rl.hint != "title" else None)
        label = squash(rl.label) if rl.label else None
        links.append(Link(kind, url, label or None))
        if rl.hint == "title" and main is None:
            main = url
    if main is None:
        main = next((lk.url for lk in links if lk.kind in ("paper", "pdf")), None)
    if main is None:
        main = next((lk.url for lk in links if lk.kind in ("other", "blog")), None)
    return {"links": links, "url": main}


def step_identifiers(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """arXiv id from the main link, then any other arXiv link, then ``arXiv:ID`` in the
    title or venue text; an arXiv link with a malformed id is reported, not guessed."""
    diags: list[Diagnostic] = []
    arxiv: ArxivId | None = None
    urls = [values.get("url")] + [lk.url for lk in values.get("links", ()) if lk.url != values.get("url")]
    for url in urls:
        if not url:
            continue
        try:
            found = ArxivId.from_url(url)
        except InvalidArxivId as exc:
            diags.append(
                Diagnostic("AP101", Severity.ERROR, f"arXiv link with an invalid id: {exc.why} ({url})", raw.span)
            )
            continue
        if found is not None:
            arxiv = found
            break
    if arxiv is None:
        for role in ("arxiv_text", "venue", "title"):
            for text in raw.get_all(role):
                ids = find_ids(text)
                if ids:
                    arxiv = ids[0]
                    break
            if arxiv is not None:
                break
    doi = None
    for url in urls:
        if url and ("doi" in url or "10." in url):
            found_doi = find_doi(url)
            if found_doi and not found_doi.startswith("10.48550/"):
                doi = found_doi
                break
    return {"arxiv": arxiv, "doi": doi, "diagnostics": values.get("diagnostics", []) + diags}


_QUOTES = "\"'“”‘’「」『』《》"
_ABBREV_END = re.compile(r"\b(?:et al|etc|vs|Inc|Ltd)\.$")


def _without_trailing_url(text: str) -> str:
    """``Title, https://arxiv.org/abs/...`` without the bare URL (found with ``rfind``: linear)."""
    start = max(text.rfind("http://"), text.rfind("https://"), text.rfind("www."))
    if start < 0 or any(ch.isspace() for ch in text[start:]):
        return text
    return text[:start].rstrip(" \t,;:|–—-")


#: An item number glued to the title: ``01.Title``, ``3) Title`` (not ``2.5D``, ``1.58-bit``).
_ENUMERATION = re.compile(r"^\(?\d{1,3}[.)]\s*(?=[^\W\d_])")


def clean_title(text: str) -> str | None:
    """A title's final form: whitespace squashed, quotes and one trailing period removed.

    >>> clean_title(' "Exploring the Limits of Transfer Learning." ')
    'Exploring the Limits of Transfer Learning'
    >>> clean_title("https://arxiv.org/pdf/2307.09288.pdf") is None
    True
    >>> clean_title("02.Generative Adversarial Networks, https://arxiv.org/abs/1406.2661")
    'Generative Adversarial Networks'
    """
    text = squash(text.replace("\n", " "))
    text = strip_symbols(text)
    text = _without_trailing_url(text)
    text = _ENUMERATION.sub("", text)
    while len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    if len(text) > 2 and text[0] in '"“' and text.count(text[0]) == 1 and text[-1] in '.”"':
        text = text[1:].strip()
    if text.endswith(".") and not text.endswith("..") and not _ABBREV_END.search(text):
        text = text[:-1].rstrip()
    text = text.rstrip(",;").strip()
    while len(text) > 2 and text[0] in _QUOTES and text[-1] in _QUOTES:
        text = text[1:-1].strip()
    if not text or not any(ch.isalnum() for ch in text):
        return None
    if text.lower().startswith(("http://", "https://", "www.")) or is_generic_label(text):
        return None
    return text


def step_title(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """The first title the parser found, cleaned; a legend marker in front is removed
    (and remembered for :func:`step_kind`)."""
    title = raw.get("title")
    marker = None
    if title is not None:
        stripped = title.lstrip()
        for mk in ctx.legend:
            if stripped.startswith(mk):
                marker = mk
                title = stripped[len(mk) :]
                break
    cleaned = clean_title(title) if title else None
    return {"title": cleaned, "marker": marker}


def step_kind(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """``non-paper`` when the list says so: a ``blog`` key, a legend marker on the title, or a section
    whose heading names what is not a paper (``## Datasets``, ``## Evaluation Metrics``, ``## Courses``)."""
    kind = raw.get("kind") or "paper"
    marker = values.get("marker")
    if marker is not None and ctx.legend.get(marker) == "non-paper":
        kind = "non-paper"
    if _section_says(raw.section, ctx.title) == "non-paper":
        kind = "non-paper"
    links = values.get("links", ())
    if (
        kind == "paper"
        and raw.shape is not Shape.TABLE_ROW  # a "Paper" column says what its rows are
        and links
        and values.get("arxiv") is None
        and values.get("doi") is None
        and all(link.kind in ("code", "blog") for link in links)
        and not _names_venue(raw.get("venue"))
    ):
        kind = "non-paper"  # "**autoresearch** — A. Karpathy. *GitHub* 2026. [[code]](url)": software, a post
    return {"kind": kind if kind in ("paper", "non-paper") else "paper"}


def _names_venue(venue: str | None) -> bool:
    """True when ``venue`` names a conference, journal or preprint server (``NeurIPS 2018``,
    ``Journal of ...``), not a site (``GitHub``, ``Lil'Log``)."""
    if not venue:
        return False
    words = venue.split()
    return is_venue_acronym(words[0]) or any(w.casefold() in VENUE_WORDS for w in words)


_APOS_SPLIT = re.compile(r"^([^'’\s][^'’]*?)\s*['’]\s*(?!\d\d(?:\D|$))(\S.*)$")  # not "ICLR'23"
# "arXiv:2311.12320", "arXiv preprint arXiv:2212.09689", "ArXiv, abs/2305.11206": the venue is arXiv
_ARXIV_VENUE = re.compile(
    r"^\s*arxiv(?:\s+preprint)?\s*(?:[:：]\s*\S+|,?\s*(?:arxiv\s*[:：]|abs/)\s*\S+|\s+arxiv)\s*$", re.IGNORECASE
)


_SECTION_WORD = re.compile(r"(?<![\w-])[^\W\d_]+(?:\s+(?:post|set|issue|log|list))?(?![\w-])")


def section_kind(heading: str) -> str | None:
    """``non-paper`` or ``paper`` when a short heading says what its entries are, else ``None``.

    The words are :data:`~awesome_parse.vocab.NON_PAPER_SECTIONS` and
    :data:`~awesome_parse.vocab.PAPER_SECTIONS`; a word counts in the plural or as the
    whole heading, never inside a hyphenated word (``Repository-Level Coding``).

    >>> [section_kind(h) for h in ["📊 Evaluation Metrics", "Datasets & Benchmarks", "Tool Learning", "8.2 Benchmarks"]]
    ['non-paper', 'non-paper', None, 'paper']
    """
    text = strip_symbols(heading).casefold()
    words = _SECTION_WORD.findall(text)
    if not words or len(words) > 6:
        return None
    alone = len(words) == 1
    for word in words:
        plural = word.endswith("s") and not word.endswith("ss")
        singular = word[:-1] if plural else word
        if word in ("corpora", "libraries", "repositories", "studies"):
            plural = True
        if not (plural or alone or not word.isascii()):
            continue
        if word in NON_PAPER_SECTIONS or singular in NON_PAPER_SECTIONS:
            return "non-paper"
        if word in PAPER_SECTIONS or singular in PAPER_SECTIONS:
            return "paper"
    return None


def _section_says(section: tuple[str, ...], title: str | None) -> str | None:
    """What the innermost heading that says anything says of its entries."""
    for heading in reversed(section):
        if heading != title:
            kind = section_kind(heading)
            if kind is not None:
                return kind
    return None


def step_venue(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """Venue as written, cleaned: ``Arxiv2023'Tongji University`` splits into venue and
    affiliation; ``arXiv:2311.12320`` is the venue ``arXiv``; a venue after ``et al.`` in
    the authors text is used when no venue was found."""
    venue = raw.get("venue")
    affiliations: list[str] = []
    if venue is None:
        authors = raw.get("authors") or ""
        m = re.search(r"\bet\.?\s*al\b\.?\s*([^.].*)$", authors, re.IGNORECASE)
        if m:
            venue = m.group(1)
    if venue is not None:
        venue = strip_symbols(squash(venue.replace("*", "").replace("\n", " "))).strip(" .,;[(→|-–—:")
        if _ARXIV_VENUE.match(venue):
            venue = "arXiv"
        m = _APOS_SPLIT.match(venue) if len(venue) <= 200 else None
        if m and len(m.group(1)) <= 40 and (YEAR.search(m.group(1)) or _names_venue(m.group(1))):
            # "Arxiv2024'Microsoft": the venue, then who published it (never "Lil'Log")
            venue, affil = m.group(1).strip(), m.group(2).strip()
            if affil:
                affiliations.append(affil)
        venue = re.sub(r"^(?:in|In|IN)\s+(?:Proceedings of\s+)?", "", venue).strip()
        if not venue or not any(ch.isalpha() for ch in venue):
            venue = None
    return {"venue": venue, "venue_affiliations": affiliations}


_AUTHOR_PAREN = re.compile(r"\s*\(([^()]{2,80})\)")
#: "and others" written after the first authors: ``et al.``, Chinese ``等``/``等人``, Korean ``외``.
_ET_AL_TAIL = re.compile(
    r"[,;]?\s*(?:\bet\.?\s*al\b\.?|\band\s+others\b|\betc\.?$|等人?\s*[.。]?\s*$|\s외\s*[.]?\s*$).*$", re.IGNORECASE
)
_TRAILING_INITIAL = re.compile(r"(?:^|[\s,])[A-Z]\.$")
#: Superscript-style marks after a name that point at its affiliation or role: ``Yi1``, ``Raue1,2``, ``Li*``.
_AFFILIATION_MARK = re.compile(r"(?<=[^\W\d_])(?:\d{1,2}(?:,\d{1,2})*)?[*†‡§]*$")


def _mla_inverted(names: list[str], text: str) -> bool:
    """``Last, First, First Last, and First Last``: a one-word surname, given names, then full names."""
    if len(names) < 3 or not re.search(r",?\s+and\s+[^,]+$", text):
        return False
    surname, given = names[0].strip(), names[1].strip().rstrip(".")
    if " " in surname or "." in surname or not surname[:1].isupper() or not 1 <= len(given.split()) <= 3:
        return False  # "A.Graves" is a whole name, not a surname
    words = given.split()
    if len(words) >= 2 and is_initials(words[0]) and not is_initials(words[-1]):
        return False  # "G. Wayne" is a whole name: MLA's given names end in initials ("Geoffrey E.")
    if not all(w[:1].isupper() for w in given.split()):
        return False
    return all(len(n.split()) >= 2 for n in names[2:])


def split_authors(text: str) -> tuple[list[str], list[str], bool]:
    """Authors, the affiliations written in parentheses after them, and whether the list ends in ``et al.``.

    Separators: ``;`` when the list uses it (names may then be ``Last, First``),
    else BibTeX's `` and `` between ``Last, First`` names, else commas and ``and``.

    >>> split_authors("Jared Kaplan, Sam McCandlish, and Dario Amodei.")
    (['Jared Kaplan', 'Sam McCandlish', 'Dario Amodei'], [], False)
    >>> split_authors("Vaswani, Ashish and Shazeer, Noam and others")
    (['Vaswani, Ashish', 'Shazeer, Noam'], [], True)
    >>> split_authors("Saiz, Miguel; Calvet, Laura; Juan, Angel A")
    (['Saiz, Miguel', 'Calvet, Laura', 'Juan, Angel A'], [], False)
    >>> split_authors("Noah Shinn (Northeastern University) et al. arXiv.")
    (['Noah Shinn'], ['Northeastern University'], True)
    >>> split_authors("Hinton, Geoffrey E., and Ruslan R. Salakhutdinov.")[0]
    ['Hinton, Geoffrey E.', 'Ruslan R. Salakhutdinov']
    >>> split_authors("A.Graves, G. Wayne, and I. Danihelka.")[0]
    ['A.Graves', 'G. Wayne', 'I. Danihelka']
    >>> split_authors("Taoran Yi1, Jiemin Fang*, Guanjun Wu1,2")[0]
    ['Taoran Yi', 'Jiemin Fang', 'Guanjun Wu']
    >>> split_authors("Shunyu Yao 等"), split_authors("Vaswani, A., Shazeer, N. & Parmar, N.")[0]
    ((['Shunyu Yao'], [], True), ['Vaswani, A.', 'Shazeer, N.', 'Parmar, N.'])
    """
    text = squash(text.replace("\n", " "))
    affiliations = [m.group(1).strip() for m in _AUTHOR_PAREN.finditer(text)]
    text = _AUTHOR_PAREN.sub("", text)
    et_al = False
    m = _ET_AL_TAIL.search(text)
    if m:
        et_al = True
        text = text[: m.start()]
    text = text.strip().rstrip(".,;").strip()
    if not text:
        return [], affiliations, et_al
    if ";" in text or "；" in text:
        names = [p for p in re.split(r"\s*[;；]\s*(?:and\s+)?", text) if p.strip()]
    else:
        parts_and = [p.strip() for p in re.split(r"\s+and\s+|\s*&\s*", text) if p.strip()]
        if len(parts_and) > 1 and all(p.count(",") == 1 for p in parts_and):
            names = parts_and  # BibTeX "Last, First and Last, First"
        else:
            names = []
            for chunk in re.split(r"\s*[,，、]\s*", text):
                names.extend(p for p in re.split(r"\s+and\s+|^and\s+|\s*&\s*", chunk) if p)
            if len(names) >= 2 and len(names) % 2 == 0 and all(is_initials(n) for n in names[1::2]):
                # "Vaswani, A., Shazeer, N.": surname and initials, kept together as written
                firsts = [f.strip() for f in names[1::2]]
                if any("." in f for f in firsts):  # the list's last period was cut as punctuation
                    firsts = [f if f.endswith(".") else f + "." for f in firsts]
                names = [f"{last}, {first}" for last, first in zip(names[::2], firsts, strict=True)]
            elif _mla_inverted(names, text):
                # MLA: "Hinton, Geoffrey E., and Ruslan R. Salakhutdinov": only the first name inverted
                names = [f"{names[0]}, {names[1]}", *names[2:]]
    out = []
    for name in names:
        name = _AFFILIATION_MARK.sub("", name.strip())  # "Taoran Yi1", "Raue1,2*": marks for the affiliations
        # a trailing initial keeps its period ("Vaswani, A."); other trailing periods are punctuation
        name = name.lstrip(".").strip() if _TRAILING_INITIAL.search(name) else name.strip(".").strip()
        if name.lower() in ("", "others", "et al", "etc") or not any(ch.isalpha() for ch in name):
            continue  # ("Wu1,2": the "2" of the marks is no name)
        out.append(name)
    return out, affiliations, et_al


def step_authors(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """Author list from the raw author text (see :func:`split_authors`)."""
    text = raw.get("authors")
    if not text:
        return {"authors": [], "author_affiliations": [], "et_al": False}
    names, affils, et_al = split_authors(text)
    return {"authors": names, "author_affiliations": affils, "et_al": et_al}


def step_dates(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """Date from the date field (a year field written as a date counts: ``year: 2023/05``);
    year from the year field, else the date, else the venue (``ICLR 2024``, ``CVPR '24``).

    >>> from awesome_parse.model import Span
    >>> raw = RawEntry(format="heading-entry", span=Span("R.md", 1), fields=[("title", "T"), ("year", "1906")])
    >>> step_dates(raw, NormalizeContext(), {"venue": "arXiv 1906"})["year"]  # an arXiv month, June 2019
    2019
    """
    date = None
    for text in raw.get_all("date") + raw.get_all("year"):
        date = parse_date(text)
        if date and (len(date) > 4 or text in raw.get_all("date")):
            break
        date = None
    year = None
    source = None
    for text in raw.get_all("year"):
        m = YEAR.search(text)
        if m:
            year, source = int(m.group(0)), "year"
            break
    if year is None and date:
        year, source = int(date[:4]), "date"
    venue = values.get("venue")
    if year is None and venue:
        year, source = year_of(venue), "venue"
    if year is not None and year < 1991 and venue and _ARXIV_MONTH.match(venue):
        # "arXiv 1906": the month of an arXiv id (June 2019), not a year before arXiv existed
        year = 2000 + year // 100
    return {"date": date, "year": year, "year_from": source if year is not None else None}


_ARXIV_MONTH = re.compile(r"^\s*arxiv\s*(?:19|20)?\d\d(?:0[1-9]|1[0-2])\s*$", re.IGNORECASE)


#: Between tags written in one cell or key: a line break, a comma or semicolon (Latin or CJK), ``、``, `` #``.
_TAG_SEP = re.compile(r"\n|[,，;；、]|(?:^|\s)#")


def step_lists(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """Aliases, tags, affiliations and summary: cleaned, deduplicated, placeholders dropped."""
    title = values.get("title")
    aliases = _unique(strip_symbols(squash(a)).strip(" \"'“”") for a in raw.get_all("alias"))
    aliases = [a for a in aliases if a and (a != title or raw.shape is Shape.KEY_VALUE)]
    tags = _unique(squash(t).lstrip("#").strip() for text in raw.get_all("tags") for t in _TAG_SEP.split(text))
    affiliations = _unique(
        [squash(a).strip(" ,;") for a in raw.get_all("affiliation")]
        + list(values.get("venue_affiliations", []))
        + list(values.get("author_affiliations", []))
    )
    summaries = [squash(s) for s in raw.get_all("summary") if squash(s)]
    summary = " ".join(summaries) if summaries else None
    if summary is not None and not any(ch.isalnum() for ch in summary):
        summary = None
    return {"aliases": aliases, "tags": tags, "affiliations": [a for a in affiliations if a], "summary": summary}


def _unique(items: Any) -> list[str]:
    seen: set[str] = set()
    out = []
    for item in items:
        if item and item.casefold() not in seen:
            seen.add(item.casefold())
            out.append(item)
    return out


_YEAR_HEADING = re.compile(r"^\D{0,12}((?:19|20)\d\d)\D{0,12}$")
_VENUE_IN_TITLE = re.compile(
    r"\b(ACL|EMNLP|NAACL|COLING|EACL|NeurIPS|NIPS|ICML|ICLR|CVPR|ICCV|ECCV|AAAI|IJCAI|KDD|WWW|SIGIR|"
    r"WSDM|CIKM|ICRA|IROS|CoRL|RSS|MICCAI|INTERSPEECH|ICASSP|COLM|UAI|AISTATS|TACL|TPAMI|JMLR)\s*'?(\d{2}|\d{4})\b"
)


def step_context(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """A year heading (``### 2025``) fills a missing year; a venue in the document title
    (``Awesome CVPR 2024 Papers``) fills a missing venue."""
    out: Values = {}
    if values.get("year") is None:
        for heading in reversed(raw.section):
            m = _YEAR_HEADING.match(heading.strip())
            if m:
                out["year"], out["year_from"] = int(m.group(1)), "year_heading"
                break
    if values.get("venue") is None and ctx.title:
        m = _VENUE_IN_TITLE.search(ctx.title)
        if m:
            yy = m.group(2)
            year = int(yy) if len(yy) == 4 else 2000 + int(yy)
            out["venue"] = f"{m.group(1)} {year}"
            out["venue_from"] = "list_title"
            if values.get("year") is None and "year" not in out:
                out["year"], out["year_from"] = year, "list_title"
    return out


def step_arxiv_year(raw: RawEntry, ctx: NormalizeContext, values: Values) -> Values:
    """Where the list gives no year, the arXiv id does (``2305.14314`` was submitted in 2023);
    the provenance says so (``year: arxiv_id``)."""
    arxiv = values.get("arxiv")
    if values.get("year") is None and isinstance(arxiv, ArxivId) and arxiv.year is not None:
        return {"year": arxiv.year, "year_from": "arxiv_id"}
    return {}


def default_steps() -> Registry[Step]:
    """A fresh registry of the normalizer steps, in order."""
    reg: Registry[Step] = Registry()
    reg.push("links", step_links)
    reg.push("identifiers", step_identifiers)
    reg.push("title", step_title)
    reg.push("kind", step_kind)
    reg.push("venue", step_venue)
    reg.push("authors", step_authors)
    reg.push("dates", step_dates)
    reg.push("lists", step_lists)
    reg.push("context", step_context)
    reg.push("arxiv_year", step_arxiv_year)
    return reg


_DEFAULT_STEP_FUNCS = tuple(default_steps())


def normalize(
    raw: RawEntry, context: NormalizeContext | None = None, steps: Registry[Step] | None = None
) -> tuple[Paper | None, list[Diagnostic]]:
    """Normalize one raw entry; ``(None, diagnostics)`` when nothing identifies a paper.

    Every step reads what earlier steps decided with a default, so any step may be
    disabled: without ``links`` a paper keeps only the identifiers its text gives.

    >>> from awesome_parse.model import RawLink, Span
    >>> steps = default_steps()
    >>> steps.disable("links")
    >>> raw = RawEntry(format="bullet-list", span=Span("R.md", 3), fields=[("title", "QLoRA: Efficient Finetuning")],
    ...     links=[RawLink("https://arxiv.org/abs/2305.14314", None, "title")])
    >>> paper, _ = normalize(raw, steps=steps)
    >>> paper.title, paper.links
    ('QLoRA: Efficient Finetuning', ())
    """
    ctx = context or NormalizeContext(path=raw.span.path)
    values: Values = {"diagnostics": []}
    for step in tuple(steps) if steps is not None else _DEFAULT_STEP_FUNCS:
        values.update(step(raw, ctx, values))
    diags: list[Diagnostic] = values["diagnostics"]
    title = values.get("title")
    if title is None and values.get("url") is None and values.get("arxiv") is None:
        return None, diags
    year = values.get("year")
    if year is not None and not 1000 <= year <= 2999:
        year = None
    arxiv = values.get("arxiv")
    paper = _assemble(  # the values are already in canonical form: no converter needs to run again
        title,
        arxiv if arxiv is None or isinstance(arxiv, ArxivId) else ArxivId.parse(arxiv),
        values.get("doi"),
        values.get("url"),
        tuple(values.get("links", ())),
        tuple(values.get("authors", ())),
        year,
        values.get("date"),
        values.get("venue"),
        tuple(values.get("affiliations", ())),
        tuple(values.get("aliases", ())),
        tuple(values.get("tags", ())),
        values.get("summary"),
        values.get("kind", "paper"),
        tuple(raw.section),
        Source(ctx.path if ctx.path is not None else raw.span.path, raw.span.line, ctx.title),
        raw.format,
        (),
        (),
        bool(values.get("et_al")),
        tuple(sorted(_provenance(raw, values, year).items())),
    )
    return paper, diags


def _provenance(raw: RawEntry, values: Values, year: int | None) -> dict[str, str]:
    """Which grammar rule (or normalizer step) gave each field of the paper."""
    rules = dict(raw.rules)
    out: dict[str, str] = {}
    for field in ("title", "authors", "venue", "summary", "date"):
        if values.get(field) and field in rules:
            out[field] = rules[field]
    for field, key in (("aliases", "alias"), ("tags", "tags"), ("affiliations", "affiliation")):
        if values.get(field) and key in rules:
            out[field] = rules[key]
    if values.get("venue_from"):
        out["venue"] = str(values["venue_from"])
    if values.get("date") and "date" not in out and "year" in rules:
        out["date"] = rules["year"]
    if year is not None:
        source = values.get("year_from")
        rule = rules.get(str(source)) if source in ("year", "date", "venue") else source
        if source == "venue" and values.get("venue_from"):
            rule = str(values["venue_from"])
        if rule:
            out["year"] = str(rule)
    return out
