"""BibTeX that BibTeX, biber, pybtex and bibtexparser all accept, and its reader.

* **Keys** are ``<first author's family name><year><first title word>`` folded to
  ASCII letters and digits; the second paper with the same key gets ``-2``, the
  third ``-3``.  A key without a hyphen never equals one with a hyphen, so keys
  are unique by construction (:func:`cite_keys`).
* **Braces are balanced always.**  BibTeX counts every brace, escaped or not, so
  a literal ``{`` or ``}`` is written ``\\textbraceleft{}`` / ``\\textbraceright{}``;
  the other LaTeX specials (``& % $ # _ ~ ^ \\``) are escaped too.  Titles get an
  extra brace pair so styles keep their capitalization.
* **``url`` and ``doi`` are verbatim**: never LaTeX-escaped; only braces and
  spaces, which no URL may hold raw, are percent-encoded.
* **Entry types**: ``@article`` (a journal) and ``@inproceedings`` (a
  conference) only when the entry has the author, title and year their styles
  require; everything else is ``@misc`` with the venue in ``howpublished``, so
  pybtex's plain style formats every entry.
* et al. is written ``and others`` after the names (with no names there is no
  ``author`` field, so it is not written); a name BibTeX would split (one holding
  `` and ``, three commas, or the word ``others``) is braced.  Tags go to
  ``keywords``, a tag holding a comma braced; the full date to biblatex's
  ``date``; the summary to ``abstract``.

:func:`loads` reads this writer's output back (every field BibTeX holds); use a
full BibTeX library for other files.

>>> from awesome_parse.model import Paper
>>> print(dumps([Paper(title="Q&A: 100% of $x_1$ {", authors=["Tim Dettmers"], year=2023, arxiv="2305.14314")]))
@misc{dettmers2023qa,
  title = {{Q\\&A: 100\\% of \\$x\\_1\\$ \\textbraceleft{}}},
  author = {Tim Dettmers},
  year = {2023},
  eprint = {2305.14314},
  archivePrefix = {arXiv},
}
<BLANKLINE>
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from ..arxiv import ArxivId, InvalidArxivId
from ..errors import AwesomeParseError
from ..model import Link, Paper
from ._clean import clean_papers

__all__ = ["cite_keys", "dumps", "escape", "loads", "make_key", "unescape"]

_ESCAPES = {
    "\\": r"\textbackslash{}",
    "&": r"\&",
    "%": r"\%",
    "$": r"\$",
    "#": r"\#",
    "_": r"\_",
    "{": r"\textbraceleft{}",
    "}": r"\textbraceright{}",
    "~": r"\textasciitilde{}",
    "^": r"\textasciicircum{}",
}
_ESC_RE = re.compile(r"[\\&%$#_{}~^]")
_WORDS = {
    "textbackslash": "\\",
    "textbraceleft": "{",
    "textbraceright": "}",
    "textasciitilde": "~",
    "textasciicircum": "^",
}
_UNESC_RE = re.compile(
    r"\\(textbackslash|textbraceleft|textbraceright|textasciitilde|textasciicircum)\{\}|\\([&%$#_{}])"
)
_CONFERENCE = re.compile(
    r"\b(conference|proceedings|workshop|symposium|acl|emnlp|naacl|coling|eacl|neurips|nips|icml|iclr|cvpr|iccv|"
    r"eccv|aaai|ijcai|kdd|sigir|www|colm|interspeech|icassp|findings)\b",
    re.IGNORECASE,
)
_JOURNAL = re.compile(r"\b(journal|transactions|jmlr|tacl|tpami|nature|science|letters|review)\b", re.IGNORECASE)
#: What a verbatim field (url, doi) may not hold raw: braces unbalance the entry, spaces end a URL.
_VERBATIM_UNSAFE = re.compile(r"[{}\s]")
_AND = re.compile(r"\s+and\s+", re.IGNORECASE)


def escape(text: str) -> str:
    """Escape LaTeX special characters; braces become commands, so the result is always balanced.

    >>> escape("50% & $5_a^b~{c}\\\\")
    '50\\\\% \\\\& \\\\$5\\\\_a\\\\textasciicircum{}b\\\\textasciitilde{}\\\\textbraceleft{}c\\\\textbraceright{}\\\\textbackslash{}'
    """
    return _ESC_RE.sub(lambda m: _ESCAPES[m.group(0)], text)


def unescape(text: str) -> str:
    """The inverse of :func:`escape` (``\\{`` and ``\\}`` are read too).

    >>> unescape(escape("a{b}\\\\c_%"))
    'a{b}\\\\c_%'
    """
    return _UNESC_RE.sub(lambda m: _WORDS[m.group(1)] if m.group(1) else m.group(2), text)


def verbatim(value: str) -> str:
    """A url or doi as BibTeX writes it: unescaped, with braces and spaces percent-encoded.

    >>> verbatim("https://x.org/a_b%20c~d#frag {1}")
    'https://x.org/a_b%20c~d#frag%20%7B1%7D'
    """
    return _VERBATIM_UNSAFE.sub(lambda m: "".join(f"%{b:02X}" for b in m.group(0).encode("utf-8")), value)


def _ascii_word(text: str) -> str:
    folded = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode("ascii")
    return re.sub(r"[^A-Za-z0-9]", "", folded).lower()


def _family(name: str) -> str:
    return name.split(",")[0] if "," in name else (name.split()[-1] if name.split() else name)


_STOP = {"a", "an", "the", "on", "of", "in", "for", "to", "and", "with", "is", "are", "towards", "toward"}


def make_key(paper: Paper) -> str:
    """A citation key from first author, year and first significant title word: ASCII letters and digits only.

    >>> make_key(Paper(title="Attention Is All You Need", authors=["Ashish Vaswani"], year=2017))
    'vaswani2017attention'
    >>> make_key(Paper(arxiv="2305.14314"))
    'paper230514314'
    """
    author = _ascii_word(_family(paper.authors[0])) if paper.authors else ""
    words = [_ascii_word(w) for w in (paper.title or "").split()]
    word = next((w for w in words if w and w not in _STOP), "")
    key = f"{author}{paper.year or ''}{word}"
    if not key or not key[0].isalpha():
        ident = _ascii_word(paper.arxiv.id if paper.arxiv else (paper.doi or "")) or "paper"
        key = f"paper{key or ident}"
    return key[:60]


def cite_keys(papers: Sequence[Paper]) -> list[str]:
    """One key per paper, unique by construction: :func:`make_key`, then ``-2``, ``-3``... on a repeat.

    >>> p = Paper(title="Larger", year=2024)
    >>> cite_keys([p, p, Paper(title="Larger 2", year=2024)])
    ['paper2024larger', 'paper2024larger-2', 'paper2024larger-3']
    """
    seen: dict[str, int] = {}
    keys = []
    for paper in papers:
        base = make_key(paper)
        n = seen.get(base, 0) + 1
        seen[base] = n
        keys.append(base if n == 1 else f"{base}-{n}")
    return keys


def _entry_type(paper: Paper) -> tuple[str, str]:
    venue = paper.venue
    complete = bool(paper.title and paper.authors and paper.year)
    if not venue or venue.lower().startswith("arxiv") or paper.kind == "non-paper" or not complete:
        return "misc", "howpublished"
    if _JOURNAL.search(venue):
        return "article", "journal"
    if _CONFERENCE.search(venue):
        return "inproceedings", "booktitle"
    return "misc", "howpublished"


def _name(author: str) -> str:
    text = escape(author)
    commas = author.count(",")
    odd_commas = commas > 2 or (commas and any(not part.strip() for part in author.split(",")))
    if (
        _AND.search(f" {author} ")
        or odd_commas
        or author.strip().lower() == "others"
        or author != author.strip()
        or not author
    ):
        return "{" + text + "}"
    return text


def _keyword(tag: str) -> str:
    text = escape(tag)
    return "{" + text + "}" if ("," in tag or tag != tag.strip() or not tag) else text


def dumps(papers: Sequence[Paper]) -> str:
    """Serialize papers as BibTeX entries (see the module docstring for the rules)."""
    papers = clean_papers(papers)
    out: list[str] = []
    for paper, key in zip(papers, cite_keys(papers), strict=True):
        etype, venue_field = _entry_type(paper)
        fields: list[tuple[str, str]] = []
        if paper.title:
            fields.append(("title", "{" + escape(paper.title) + "}"))
        if paper.authors:
            names = [_name(a) for a in paper.authors] + (["others"] if paper.et_al else [])
            fields.append(("author", " and ".join(names)))
        if paper.year:
            fields.append(("year", str(paper.year)))
        if paper.date and re.fullmatch(r"\d{4}-(\d\d)(?:-\d\d)?", paper.date):
            month = int(paper.date[5:7])
            if 1 <= month <= 12:
                fields.append(("month", str(month)))
        if paper.date:
            fields.append(("date", escape(paper.date)))
        if paper.venue:
            fields.append((venue_field, escape(paper.venue)))
        if paper.arxiv:
            fields.append(("eprint", str(paper.arxiv)))
            fields.append(("archivePrefix", "arXiv"))
        if paper.doi:
            fields.append(("doi", verbatim(paper.doi)))
        if paper.url:  # an arXiv paper's link is its eprint: no url made up, so the url reads back as written
            fields.append(("url", verbatim(paper.url)))
        if paper.tags:
            fields.append(("keywords", ", ".join(_keyword(t) for t in paper.tags)))
        if paper.summary:
            fields.append(("abstract", escape(paper.summary)))
        if paper.kind == "non-paper":
            fields.append(("note", "non-paper"))
        body = "".join(f"  {name} = {{{value}}},\n" for name, value in fields)
        out.append(f"@{etype}{{{key},\n{body}}}\n")
    return "\n".join(out)


class BibtexSyntaxError(AwesomeParseError, ValueError):
    """BibTeX this reader cannot take apart (unbalanced braces, a field without a value)."""


def _line(text: str, i: int) -> int:
    return text.count("\n", 0, i) + 1


def _read_braced(text: str, i: int) -> tuple[str, int]:
    """The text inside the brace group opening at ``text[i]``, and the index after it.

    Braces are counted as BibTeX counts them: a backslash escapes nothing.
    """
    depth = 0
    start = i
    for j in range(i, len(text)):
        ch = text[j]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
            if depth == 0:
                return text[start + 1 : j], j + 1
    raise BibtexSyntaxError(f"line {_line(text, i)}: unbalanced braces")


def _read_value(text: str, i: int) -> tuple[str, int]:
    if i < len(text) and text[i] == "{":
        return _read_braced(text, i)
    if i < len(text) and text[i] == '"':
        end = text.find('"', i + 1)
        if end < 0:
            raise BibtexSyntaxError(f"line {_line(text, i)}: unterminated quoted value")
        return text[i + 1 : end], end + 1
    m = re.compile(r"[^\s,}#]+").match(text, i)
    if not m:
        raise BibtexSyntaxError(f"line {_line(text, i)}: a field without a value")
    return m.group(0), m.end()


def _split_top(text: str, sep: re.Pattern[str]) -> list[str]:
    """``text`` cut at ``sep`` where it stands outside every brace group."""
    parts: list[str] = []
    depth = 0
    start = 0
    i = 0
    while i < len(text):
        ch = text[i]
        if ch == "{":
            depth += 1
        elif ch == "}":
            depth -= 1
        elif depth == 0:
            m = sep.match(text, i)
            if m and m.end() > i:
                parts.append(text[start:i])
                start = i = m.end()
                continue
        i += 1
    parts.append(text[start:])
    return parts


def _unwrap(part: str) -> str:
    if part.startswith("{") and part.endswith("}"):
        try:
            inner, end = _read_braced(part, 0)
        except BibtexSyntaxError:
            return part
        if end == len(part):
            return inner
    return part


def _verbatim_back(value: str) -> str:
    return unescape(value) if "\\" in value else value  # older exports escaped url and doi


_FIELD = re.compile(r"\s*([A-Za-z][\w\-:]*)\s*=\s*")
_ENTRY = re.compile(r"@(\w+)\s*\{\s*([^,\s]+)\s*,")
_SEP_AND = re.compile(r"\s+and\s+", re.IGNORECASE)
_SEP_COMMA = re.compile(r"\s*,\s*")


def _fields(text: str, i: int) -> tuple[dict[str, str], int]:
    """The fields of the entry whose body starts at ``i``, and the index after the entry."""
    fields: dict[str, str] = {}
    while True:
        fm = _FIELD.match(text, i)
        if not fm:
            return fields, i
        value, i = _read_value(text, fm.end())
        fields[fm.group(1).lower()] = value
        while i < len(text) and text[i] in " \t\r\n,":
            i += 1
        if i >= len(text):  # the value swallowed the entry's closing brace
            raise BibtexSyntaxError(f"line {_line(text, fm.end())}: unbalanced braces")
        if text[i] == "}":
            return fields, i + 1


def loads(text: str) -> list[Paper]:
    """Read entries written by :func:`dumps`: every field BibTeX holds comes back.

    >>> back = loads(dumps([Paper(title="A {b}", authors=["Smith and Sons Ltd", "Jo Li"], et_al=True, tags=["x, y"])]))
    >>> back[0].title, back[0].authors, back[0].et_al, back[0].tags
    ('A {b}', ('Smith and Sons Ltd', 'Jo Li'), True, ('x, y',))

    Raises:
        BibtexSyntaxError: unbalanced braces or a field without a value.
    """
    papers = []
    pos = 0
    while m := _ENTRY.search(text, pos):
        pos = m.end()
        if m.group(1).lower() in ("comment", "string", "preamble"):
            continue
        fields, pos = _fields(text, m.end())
        title = fields.get("title")
        if title is not None:
            title = unescape(_unwrap(title)) or None
        arxiv = None
        if "eprint" in fields:
            try:
                arxiv = ArxivId.parse(fields["eprint"])
            except InvalidArxivId:
                arxiv = None
        venue = fields.get("booktitle") or fields.get("journal") or fields.get("howpublished")
        url = _verbatim_back(fields["url"]) if "url" in fields else None
        names = [p.strip() for p in _split_top(fields["author"], _SEP_AND)] if "author" in fields else []
        et_al = bool(names) and names[-1] == "others"
        if et_al:
            names.pop()
        tags = (
            [unescape(_unwrap(t)) for t in _split_top(fields["keywords"].strip(), _SEP_COMMA)]
            if "keywords" in fields
            else []
        )
        year = fields.get("year", "")
        papers.append(
            Paper(
                title=title,
                authors=[unescape(_unwrap(a)) for a in names],
                et_al=et_al,
                year=int(year) if year.isdigit() and 1000 <= int(year) <= 2999 else None,
                date=unescape(fields["date"]) if fields.get("date") else None,
                venue=unescape(venue) if venue else None,
                arxiv=arxiv,
                doi=_verbatim_back(fields["doi"]) if fields.get("doi") else None,
                url=url or None,
                links=[Link("paper", url)] if url else (),
                tags=tags,
                summary=unescape(fields["abstract"]) if fields.get("abstract") else None,
                kind="non-paper" if fields.get("note") == "non-paper" else "paper",
            )
        )
    return papers
