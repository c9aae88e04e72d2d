"""BibTeX: valid unique keys, ``eprint``/``archivePrefix`` for arXiv, LaTeX-safe escaping.

Keys are ``<first author's family name><year><first title word>`` folded to
ASCII, with ``a``, ``b``... appended when two papers would share one.  Special
characters (``& % $ # _ { } ~ ^ \\``) are escaped; titles are wrapped in an
extra brace pair so BibTeX styles keep their capitalization.  :func:`loads`
reads this writer's output back (use a full BibTeX library for other files).

>>> from awesome_parse.model import Paper
>>> print(dumps([Paper(title="Q&A: 100% of $x_1$", authors=["Tim Dettmers"], year=2023, arxiv="2305.14314")]))
@misc{dettmers2023qa,
  title = {{Q\\&A: 100\\% of \\$x\\_1\\$}},
  author = {Tim Dettmers},
  year = {2023},
  eprint = {2305.14314},
  archivePrefix = {arXiv},
  url = {https://arxiv.org/abs/2305.14314},
}
<BLANKLINE>
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..arxiv import ArxivId, InvalidArxivId
from ..model import Link, Paper

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\{",
    "}": r"\}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ESC_RE = re.compile(r"[\\&%$#_{}~^]")
_UNESC_RE = re.compile(r"\\textbackslash\{\}|\\textasciitilde\{\}|\\textasciicircum\{\}|\\([&%$#_{}])")
_CONFERENCE = re.compile(
    r"\b(conference|proceedings|workshop|symposium|acl|emnlp|naacl|coling|eacl|neurips|nips|icml|iclr|cvpr|iccv|"
    r"eccv|aaai|ijcai|kdd|sigir|www|colm|interspeech|icassp|findings)\b",
    re.IGNORECASE,
)
_JOURNAL = re.compile(r"\b(journal|transactions|jmlr|tacl|tpami|nature|science|letters|review)\b", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape LaTeX special characters.

    >>> escape("50% & $5_a^b~{c}\\\\")
    '50\\\\% \\\\& \\\\$5\\\\_a\\\\textasciicircum{}b\\\\textasciitilde{}\\\\{c\\\\}\\\\textbackslash{}'
    """
    return _ESC_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


def unescape(text: str) -> str:
    def sub(m: re.Match[str]) -> str:
        whole = m.group(0)
        if whole.startswith(r"\textbackslash"):
            return "\\"
        if whole.startswith(r"\textasciitilde"):
            return "~"
        if whole.startswith(r"\textasciicircum"):
            return "^"
        return m.group(1)

    return _UNESC_RE.sub(sub, text)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]", "", folded).lower()


def _family(name: str) -> str:
    return name.split(",")[0] if "," in name else (name.split()[-1] if name.split() else name)


_STOP = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "is", "are", "towards", "toward"}


def make_key(paper: Paper) -> str:
    """A citation key from first author, year and first significant title word."""
    author = _ascii_word(_family(paper.authors[0])) if paper.authors else ""
    words = [_ascii_word(w) for w in (paper.title or "").split()]
    word = next((w for w in words if w and w not in _STOP), "")
    key = f"{author}{paper.year or ''}{word}"
    if not key or not key[0].isalpha():
        ident = _ascii_word(paper.arxiv.id if paper.arxiv else (paper.doi or "")) or "paper"
        key = f"paper{key or ident}"
    return key[:60]


def _entry_type(paper: Paper) -> tuple[str, str | None]:
    venue = paper.venue
    if not venue or venue.lower().startswith("arxiv") or paper.kind == "non-paper":
        return "misc", None
    if _JOURNAL.search(venue):
        return "article", "journal"
    if _CONFERENCE.search(venue):
        return "inproceedings", "booktitle"
    return "misc", "howpublished"


def dumps(papers: Sequence[Paper]) -> str:
    used: dict[str, int] = {}
    out: list[str] = []
    for paper in papers:
        base = make_key(paper)
        n = used.get(base, 0)
        used[base] = n + 1
        key = base if n == 0 else f"{base}{_suffix(n)}"
        etype, venue_field = _entry_type(paper)
        fields: list[tuple[str, str]] = []
        if paper.title:
            fields.append(("title", "{" + escape(paper.title) + "}"))
        if paper.authors:
            names = [escape(a) for a in paper.authors] + (["others"] if paper.et_al else [])
            fields.append(("author", " and ".join(names)))
        if paper.year:
            fields.append(("year", str(paper.year)))
        if paper.date and len(paper.date) >= 7:
            fields.append(("month", str(int(paper.date[5:7]))))
        if paper.venue:
            fields.append((venue_field or "howpublished", escape(paper.venue)))
        if paper.arxiv:
            fields.append(("eprint", str(paper.arxiv)))
            fields.append(("archivePrefix", "arXiv"))
        if paper.doi:
            fields.append(("doi", escape(paper.doi)))
        url = paper.url or (paper.arxiv.url() if paper.arxiv else None)
        if url:
            fields.append(("url", escape(url)))
        if paper.tags:
            fields.append(("keywords", escape(", ".join(paper.tags))))
        if paper.kind == "non-paper":
            fields.append(("note", "non-paper"))
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
        out.append(f"@{etype}{{{key},\n{body}}}\n")
    return "\n".join(out)


def _suffix(n: int) -> str:
    letters = ""
    while n > 0:
        n, r = divmod(n - 1, 26)
        letters = chr(ord("a") + r) + letters
    return letters


def _read_braced(text: str, i: int) -> tuple[str, int]:
    depth = 0
    start = i
    while i < len(text):
        ch = text[i]
        if ch == "\\":
            i += 2
            continue
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : i], i + 1
        i += 1
    raise ValueError("unbalanced braces in BibTeX")


_FIELD = re.compile(r"\s*([A-Za-z][\w\-]*)\s*=\s*")


def loads(text: str) -> list[Paper]:
    """Read entries written by :func:`dumps`."""
    papers = []
    for m in re.finditer(r"@(\w+)\s*\{\s*([^,\s]+)\s*,", text):
        i = m.end()
        fields: dict[str, str] = {}
        while True:
            fm = _FIELD.match(text, i)
            if not fm:
                break
            value, i = _read_braced(text, fm.end())
            fields[fm.group(1).lower()] = value
            j = i
            while j < len(text) and text[j] in " \t\n,":
                j += 1
            i = j
            if i < len(text) and text[i] == "}":
                break
        title = fields.get("title")
        if title and title.startswith("{") and title.endswith("}"):
            title = title[1:-1]
        arxiv = None
        if "eprint" in fields:
            try:
                arxiv = ArxivId.parse(fields["eprint"])
            except InvalidArxivId:
                arxiv = None
        venue = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
        url = unescape(fields["url"]) if "url" in fields else None
        papers.append(
            Paper(
                title=unescape(title) if title else None,
                authors=[unescape(a) for a in fields["author"].split(" and ") if a != "others"]
                if "author" in fields
                else (),
                et_al="author" in fields and fields["author"].split(" and ")[-1] == "others",
                year=int(fields["year"]) if fields.get("year", "").isdigit() else None,
                venue=unescape(venue) if venue else None,
                arxiv=arxiv,
                doi=unescape(fields["doi"]) if "doi" in fields else None,
                url=url,
                links=[Link("paper", url)] if url else (),
                tags=[t.strip() for t in unescape(fields["keywords"]).split(",")] if "keywords" in fields else (),
                kind="non-paper" if fields.get("note") == "non-paper" else "paper",
            )
        )
    return papers
