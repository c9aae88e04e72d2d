"""The lint rules: stable codes, a default severity, a message that says what to do.

Each rule is a small function over a :class:`LintContext` (the parse of the file,
its source lines, the repair that would apply) that yields diagnostics.  Rules
are kept in a :class:`~awesome_parse.registry.Registry` by code; their
summaries, details, options, bad and good examples generate ``docs/lint-rules.md``
(and the tests lint every bad example, which must fire, and every good one, which
must not).

A finding is something a list maintainer would act on, and every rule costs time
linear in the size of the file: groups (the entries of one paper, the sections
under one heading) are built once, in one pass, and each group is reported once,
listing at most :data:`SHOWN` of its lines.

Rules take options (:class:`RuleOption`), set with :func:`configure_rules` or
``default_rules(options=...)``:

>>> rules = default_rules(options={"AP103": {"cross-section": True}})
>>> rules.get("AP103").option("cross-section")
True
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any

import attrs

from .._text import fingerprint
from ..api import Analysis
from ..errors import Diagnostic, Severity
from ..grammar.text import is_title_like
from ..html import HtmlTable
from ..links import is_generic_label, is_paper_url
from ..markdown import CodeBlock, HtmlBlock, ListBlock, Paragraph, PipeTable, Section, split_pipe_row
from ..model import Paper, SkipReason, Span
from ..registry import Registry
from ..repair import Change, RepairReport
from .config import suppression_comments

__all__ = ["SHOWN", "Edit", "LintContext", "Rule", "RuleOption", "configure_rules", "default_rules"]

#: How many lines (or titles) one finding lists; the rest are counted ("and 12 more").
SHOWN = 8


@attrs.frozen
class Edit:
    """A safe fix: replace columns ``start..end`` (1-based, end exclusive) of ``line`` by ``text``."""

    line: int
    start: int
    end: int
    text: str
    description: str


@attrs.define
class LintContext:
    """What rules read: the analysis of the (repaired) text and the original lines."""

    path: str | None
    analysis: Analysis
    original_lines: list[str]
    repair: RepairReport | None = None
    #: values several rules share, computed once per file (the entries grouped by paper)
    memo: dict[str, Any] = attrs.field(factory=dict, repr=False)

    @property
    def papers(self) -> tuple[Paper, ...]:
        return self.analysis.result.papers

    def find(self, line: int, needle: str) -> int:
        """1-based column of ``needle`` on ``line``, or 1."""
        if 1 <= line <= len(self.original_lines):
            idx = self.original_lines[line - 1].find(needle)
            if idx >= 0:
                return idx + 1
        return 1

    def diag(
        self,
        code: str,
        severity: Severity,
        message: str,
        line: int,
        column: int = 1,
        fix: Edit | tuple[Edit, ...] | None = None,
    ) -> Diagnostic:
        edits = (fix,) if isinstance(fix, Edit) else fix
        return Diagnostic(code, severity, message, Span(self.path, line, line, column), fix=edits)


Check = Callable[[LintContext, "Rule"], Iterator[Diagnostic]]
"""A rule's check: reads the context (and the rule, for its code, severity and options), yields findings."""

OptionValue = bool | int | str


@attrs.frozen
class RuleOption:
    """One option of a rule: a kebab-case name, its default (whose type the value must have), what it does."""

    name: str
    default: OptionValue
    help: str


@attrs.frozen
class Rule:
    """A lint rule: code, short name, default severity, what it checks, examples, the check.

    ``detail`` explains exactly what fires and what does not; ``options`` are the
    settings the rule accepts, ``settings`` the values given (see :meth:`configure`).
    """

    code: str
    name: str
    severity: Severity
    summary: str
    bad: str
    good: str
    check: Check = attrs.field(repr=False)
    fixable: bool = False
    detail: str = attrs.field(default="", kw_only=True, repr=False)
    options: tuple[RuleOption, ...] = attrs.field(default=(), kw_only=True, repr=False)
    settings: tuple[tuple[str, OptionValue], ...] = attrs.field(default=(), kw_only=True)

    def option(self, name: str) -> OptionValue:
        """The value of option ``name``: the one set, else its default.

        >>> default_rules().get("AP103").option("cross-section")
        False
        """
        for key, value in self.settings:
            if key == name:
                return value
        for opt in self.options:
            if opt.name == name:
                return opt.default
        raise KeyError(f"{self.code} has no option {name!r}; {self._known()}")

    def configure(self, values: Mapping[str, object]) -> Rule:
        """A copy of the rule with ``values`` set (``_`` in a name reads as ``-``).

        >>> rule = default_rules().get("AP103")
        >>> rule.configure({"cross_section": True}).option("cross-section")
        True
        >>> rule.configure({"cross-sections": True})
        Traceback (most recent call last):
          ...
        ValueError: AP103 has no option 'cross-sections'; its options: cross-section
        >>> rule.configure({"cross-section": "yes"})
        Traceback (most recent call last):
          ...
        ValueError: AP103 option 'cross-section' takes a boolean (true or false), not 'yes'
        """
        given = dict(self.settings)
        for raw, value in values.items():
            name = str(raw).replace("_", "-")
            opt = next((o for o in self.options if o.name == name), None)
            if opt is None:
                raise ValueError(f"{self.code} has no option {str(raw)!r}; {self._known()}")
            kind = type(opt.default)
            if type(value) is not kind:  # bool is an int: compare exact types
                what = {bool: "a boolean (true or false)", int: "an integer", str: "a string"}[kind]
                raise ValueError(f"{self.code} option {name!r} takes {what}, not {value!r}")
            given[name] = value
        return attrs.evolve(self, settings=tuple(sorted(given.items())))

    def _known(self) -> str:
        names = ", ".join(o.name for o in self.options)
        return f"its options: {names}" if names else "it takes no options"


def _line(p: Paper) -> int:
    return p.source.line if p.source else 1


def check_invalid_arxiv(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for d in ctx.analysis.result.diagnostics:
        if d.code == "AP101":
            url = d.message.rsplit("(", 1)[-1].rstrip(")")
            col = ctx.find(d.span.line, url)
            yield ctx.diag(rule.code, rule.severity, d.message + "; fix the identifier", d.span.line, col)


#: A host and path written without a scheme.  The path stops at ``]`` as well as at
#: ``)``, white space and quotes: every attempt from a ``](`` then ends before the
#: next ``](``, so a line of ``](a.co/`` repeated costs linear time, not quadratic
#: (a ``]`` in a URL is percent-encoded).
_HOST_PATH = r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^)\]\s\"']*"
_SCHEMELESS = re.compile(rf"\]\(\s*({_HOST_PATH})\)|href=[\"']({_HOST_PATH})[\"']", re.IGNORECASE)


def check_schemeless(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    in_code = False
    for number, line in enumerate(ctx.original_lines, start=1):
        if line.lstrip().startswith(("```", "~~~")):
            in_code = not in_code
        if in_code or ("](" not in line and "href=" not in line):
            continue
        for m in _SCHEMELESS.finditer(line):
            url = m.group(1) or m.group(2)
            start = (m.start(1) if m.group(1) else m.start(2)) + 1
            fix = Edit(number, start, start, "https://", f"added https:// to {url}")
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"link without scheme: {url} (a browser resolves it relative to the page); write https://{url}",
                number,
                start,
                fix,
            )


def _listed(lines: Sequence[int]) -> str:
    """Line numbers as a reader scans them, at most :data:`SHOWN`, the rest counted.

    >>> _listed([3]), _listed([3, 7, 9])
    ('line 3', 'lines 3, 7 and 9')
    >>> _listed(range(1, 21))
    'lines 1, 2, 3, 4, 5, 6, 7, 8 and 12 more'
    """
    shown = [str(n) for n in list(lines[:SHOWN])]
    if len(lines) == 1:
        return f"line {shown[0]}"
    if len(lines) > SHOWN:
        return f"lines {', '.join(shown)} and {len(lines) - SHOWN} more"
    return f"lines {', '.join(shown[:-1])} and {shown[-1]}"


def _quoted(text: str | None, limit: int = 70) -> str:
    text = text or ""
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def _where(section: tuple[str, ...]) -> str:
    """A section named in a message: its innermost two headings."""
    if not section:
        return "before the first heading"
    return "under " + _quoted(" > ".join(section[-2:]), 60)


@attrs.frozen
class _Listing:
    """Every entry of one paper in the list (two or more), in line order; ``label`` names the paper."""

    label: str
    needle: str | None
    entries: tuple[Paper, ...]


@attrs.frozen
class _Identities:
    """The list's papers grouped by identity, once per file (shared by AP103 and AP104)."""

    repeated: list[_Listing]
    #: arXiv ids given to different papers: the id and its papers (each a list of entries), in line order
    conflicts: list[tuple[str, list[list[Paper]]]]


#: The titles under one arXiv id are compared with the first this many different papers found under it,
#: no more: a title unlike all of them is another paper unless spelled exactly like one seen before.  This
#: keeps the work linear in the entries even when one id is given to hundreds of titles.
COMPARED = 16


def _identities(ctx: LintContext) -> _Identities:
    found = ctx.memo.get("identities")
    if not isinstance(found, _Identities):
        found = ctx.memo["identities"] = _group(ctx.papers)
    return found


def _group(papers: Sequence[Paper]) -> _Identities:
    """Group entries by arXiv id (clustered into papers by title) or, without an id, by title fingerprint."""
    same = _same_title()
    by_id: dict[str, list[Paper]] = defaultdict(list)
    by_title: dict[str, list[Paper]] = defaultdict(list)
    for p in sorted(papers, key=_line):
        if p.arxiv is not None:
            by_id[p.arxiv.key].append(p)
        elif p.title:
            by_title[fingerprint(p.title)].append(p)
    repeated: list[_Listing] = []
    conflicts: list[tuple[str, list[list[Paper]]]] = []
    for key, group in by_id.items():
        if len(group) < 2:
            continue
        clusters = _same_papers(group, same)
        if len(clusters) > 1:
            conflicts.append((key, clusters))
        repeated.extend(_Listing(f"arXiv {key}", key, tuple(c)) for c in clusters if len(c) > 1)
    for group in by_title.values():
        if len(group) > 1:
            repeated.append(_Listing(_quoted(group[0].title), (group[0].title or "")[:20], tuple(group)))
    repeated.sort(key=lambda listing: _line(listing.entries[0]))
    return _Identities(repeated, conflicts)


def _same_title() -> Callable[[str, str], bool]:
    """Whether two titles name one paper: alike (:func:`~awesome_parse.merge.similar_titles`) or opening
    with one name before a colon (a paper retitled), as merging decides."""
    from ..merge import _same_name, similar_titles  # merge imports much; only lint needs it here

    def same(a: str, b: str) -> bool:
        return similar_titles(a, b) or _same_name(a, b)

    return same


def _same_papers(group: list[Paper], same: Callable[[str, str], bool]) -> list[list[Paper]]:
    """The entries of one arXiv id cut into papers, as merging decides one paper.

    Titles are one paper when ``same`` says so (:func:`_same_title`).  A cluster with
    no title that reads like one (a nickname such as ``GPT-4``), a cluster of
    entries that are no papers (a data set or a metric, named after itself, from
    the paper), and every entry without a title, belong to the paper listed most
    often.  Each spelling is compared once, and only with the first
    :data:`COMPARED` papers.
    """
    reps: list[str] = []
    clusters: list[list[Paper]] = []
    title_like: list[bool] = []
    paper_kind: list[bool] = []
    where: dict[str, int] = {}
    loose: list[Paper] = []
    for p in group:
        if not p.title:
            loose.append(p)
            continue
        fp = fingerprint(p.title)
        j = where.get(fp)
        if j is None:
            title = p.title
            j = next((k for k, rep in enumerate(reps) if same(rep, title)), -1)
            if j < 0:
                j = len(clusters)
                clusters.append([])
                title_like.append(False)
                paper_kind.append(False)
                if len(reps) < COMPARED:
                    reps.append(title)
            where[fp] = j
            title_like[j] = title_like[j] or is_title_like(title)
        paper_kind[j] = paper_kind[j] or p.kind == "paper"
        clusters[j].append(p)
    if not all(paper_kind):
        loose.extend(p for c, ok in zip(clusters, paper_kind, strict=True) if not ok for p in c)
        clusters = [c for c, ok in zip(clusters, paper_kind, strict=True) if ok]
        title_like = [t for t, ok in zip(title_like, paper_kind, strict=True) if ok]
    titled = [c for c, ok in zip(clusters, title_like, strict=True) if ok]
    if titled and len(titled) < len(clusters):
        loose.extend(p for c, ok in zip(clusters, title_like, strict=True) if not ok for p in c)
        clusters = titled
    if loose:
        if clusters:
            main = max(clusters, key=len)
            main.extend(loose)
            main.sort(key=_line)
        else:
            clusters.append(loose)
    return clusters


def _silenced(ctx: LintContext, code: str) -> frozenset[int]:
    """The lines where an inline comment silences ``code`` (once per file)."""
    key = f"silenced:{code}"
    found = ctx.memo.get(key)
    if not isinstance(found, frozenset):
        found = ctx.memo[key] = frozenset(
            line
            for comment in suppression_comments(ctx.original_lines)
            if not comment.codes or code in comment.codes
            for line in comment.covers
        )
    return found


def _group_finding(
    ctx: LintContext, rule: Rule, message: str, lines: Sequence[int], at: int, needle: str | None
) -> Iterator[Diagnostic]:
    """One finding for a group of lines, at line ``at``.

    A suppression comment on any line of the group silences the whole group:
    the finding is then given at each silenced line, so every such comment is
    used (and none reported as unused) and nothing is left on the other copies.
    """
    silenced = _silenced(ctx, rule.code)
    quiet = sorted({n for n in lines if n in silenced}) if silenced else []
    for line in quiet or [at]:
        yield ctx.diag(rule.code, rule.severity, message, line, ctx.find(line, needle) if needle else 1)


_DAY = re.compile(r"\d{4}-\d{2}-\d{2}")


def _item(p: Paper) -> tuple[str, str]:
    """What one entry lists besides its paper: the thing it names and the day it is dated.

    Entries of one paper that name different things (``Flan-T5`` and ``Flan-PaLM``,
    two data sets of one paper) are different items; so are entries dated to
    different days (a news item, a video, a talk about one paper).  A date of
    a month or a year is the paper's, not an event's, and tells nothing apart.

    >>> _item(Paper(title="T", aliases=("Flan-T5",), date="2022-10"))
    ('flan t5', '')
    """
    name = fingerprint(p.aliases[0]) if p.aliases else ""
    day = p.date if p.date and _DAY.fullmatch(p.date) else ""
    return name, day


def _copies(entries: Sequence[Paper]) -> list[list[Paper]]:
    """The entries of one paper in one section cut into items (see :func:`_item`), two lines or more each.

    Entries on one source line are one written entry (a cell spanning rows is
    read once per row), so an item needs two different lines to be listed twice.
    """
    items: dict[tuple[str, str], list[Paper]] = {}
    for p in entries:
        items.setdefault(_item(p), []).append(p)
    out: list[list[Paper]] = []
    for group in items.values():
        kept = list({_line(p): p for p in reversed(group)}.values())[::-1]  # the first entry of each line
        if len(kept) > 1:
            out.extend(c for c in _by_own_links(kept) if len(c) > 1)
    return out


_SCHEME_WWW = re.compile(r"^[a-z][a-z0-9+.-]*://(?:www\.)?", re.IGNORECASE)


def _own_links(p: Paper) -> tuple[str, ...]:
    """An entry's links other than to the paper itself (code, project, data, video), as host and path.

    The query and fragment are left out (a tracking parameter makes no other page).
    A tuple, not a set: one per entry, and an empty one allocates nothing.

    >>> from awesome_parse.model import Link
    >>> _own_links(Paper(title="T", links=(Link("video", "https://www.b.tv/v/1/?spm=2"),)))
    ('b.tv/v/1',)
    """
    return tuple(
        _SCHEME_WWW.sub("", lk.url).split("#", 1)[0].split("?", 1)[0].rstrip("/").lower()
        for lk in p.links
        if lk.kind not in ("paper", "pdf") and lk.url != p.url
    )


def _by_own_links(entries: list[Paper]) -> list[list[Paper]]:
    """Entries of one item cut where their own links say they are different things, in linear time.

    Two entries that each link something of their own and share none of those
    links (a benchmark's page and a tool's repository, both from one paper) are
    different things.  An entry that links only the paper repeats every other:
    then all are one group.  Entries sharing a link are joined (union-find).

    >>> from awesome_parse.model import Link
    >>> a = Paper(title="T", links=(Link("code", "https://github.com/a/x"),))
    >>> b = Paper(title="T", links=(Link("code", "https://github.com/b/y"),))
    >>> len(_by_own_links([a, b])), len(_by_own_links([a, b, Paper(title="T")]))
    (2, 1)
    """
    own = [_own_links(p) for p in entries]
    if not all(own):
        return [entries]
    parent = list(range(len(entries)))

    def root(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    first: dict[str, int] = {}
    for i, urls in enumerate(own):
        for url in urls:
            j = first.setdefault(url, i)
            parent[root(i)] = root(j)
    groups: dict[int, list[Paper]] = {}
    for i, p in enumerate(entries):
        groups.setdefault(root(i), []).append(p)
    return list(groups.values())


def check_duplicates(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    cross = rule.option("cross-section")
    for listing in _identities(ctx).repeated:
        by_section: dict[tuple[str, ...], list[Paper]] = {}
        for p in listing.entries:
            by_section.setdefault(p.section, []).append(p)
        for section, group in by_section.items():
            for entries in _copies(group) if len(group) > 1 else ():
                lines = [_line(p) for p in entries]
                yield from _group_finding(
                    ctx,
                    rule,
                    f"duplicate entry: {listing.label} is listed {len(entries)} times {_where(section)} "
                    f"({_listed(lines)}); keep one",
                    lines,
                    lines[1],
                    listing.needle,
                )
        if cross and len(by_section) > 1:
            sections = list(by_section.items())
            desc = "; ".join(f"{_where(sec)} ({_listed([_line(p) for p in es])})" for sec, es in sections[:SHOWN])
            more = f"; and {len(sections) - SHOWN} more sections" if len(sections) > SHOWN else ""
            yield from _group_finding(
                ctx,
                rule,
                f"cross-listed entry: {listing.label} is listed in {len(sections)} sections: {desc}{more}; "
                "keep it in one, unless it belongs in each",
                [_line(p) for p in listing.entries],
                _line(sections[1][1][0]),
                listing.needle,
            )


def check_id_title_conflict(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for key, clusters in _identities(ctx).conflicts:
        kept = max(clusters, key=len)  # the paper listed most often is likely the id's own
        at = _line(next(c for c in clusters if c is not kept)[0])
        desc = "; ".join(f"{_quoted(c[0].title)} ({_listed([_line(p) for p in c])})" for c in clusters[:SHOWN])
        more = f"; and {len(clusters) - SHOWN} more titles" if len(clusters) > SHOWN else ""
        yield from _group_finding(
            ctx,
            rule,
            f"arXiv {key} is given to {len(clusters)} different papers: {desc}{more}; "
            "one of these links is wrong, check which paper it is",
            [_line(p) for c in clusters for p in c],
            at,
            key,
        )


def check_placeholders(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for s in ctx.analysis.result.skipped:
        if s.reason in (SkipReason.PLACEHOLDER_ROW, SkipReason.NO_TITLE_OR_LINK):
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"{s.reason.value}: {s.text[:60]!r}; remove it or fill in the entry",
                s.span.line,
            )


def check_no_paper_link(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for s in ctx.analysis.result.skipped:
        if s.reason is SkipReason.CITATION_WITHOUT_LINK:
            yield ctx.diag(
                rule.code, rule.severity, f"entry {s.text[:60]!r} has no link; add a link to the paper", s.span.line
            )
    for p in ctx.papers:
        if p.kind != "paper" or p.arxiv is not None or p.doi:
            continue
        if not any(link.kind in ("paper", "pdf") or is_paper_url(link.url) for link in p.links):
            what = "no link at all" if not p.links else "links only " + ", ".join(sorted({lk.kind for lk in p.links}))
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"entry {p.title or (p.aliases[0] if p.aliases else '')!r} has {what}; add a link to the paper",
                _line(p),
            )


def check_link_text(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for p in ctx.papers:
        if p.title:
            continue
        main = next((lk for lk in p.links if lk.url == p.url), None)
        label = (main.label or "") if main else ""
        if label.lower().startswith(("http://", "https://", "www.", "arxiv.org")):
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"link text is a URL ({label[:50]}); use the paper's title as the link text",
                _line(p),
                ctx.find(_line(p), label[:20]),
            )
        elif is_generic_label(label) and not p.aliases:
            yield ctx.diag(
                rule.code, rule.severity, f"link text {label!r} says nothing; use the paper's title", _line(p)
            )


def check_mojibake(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    report = ctx.repair
    if report is None or not report.changed:
        return
    damage = "; ".join(d.describe().split(";")[0] for d in report.damages)
    by_line: dict[int, list[Change]] = defaultdict(list)
    for change in report.changes:
        by_line[change.line].append(change)
    for line, changes in sorted(by_line.items()):
        first = changes[0]
        unsure = sum(1 for c in changes for g in c.guesses if g.ambiguous)
        note = f", {unsure} uncertain guess(es)" if unsure else ""
        more = f" and {len(changes) - 1} more run(s)" if len(changes) > 1 else ""
        edits = tuple(Edit(line, c.column, c.column + len(c.before), c.after, "repaired mojibake") for c in changes)
        yield ctx.diag(
            rule.code,
            rule.severity,
            f"mojibake ({damage}{note}): {first.before[:30]!r} should read {first.after[:30]!r}{more}; run with --fix",
            line,
            first.column,
            edits,
        )


def gfm_cells(row: str) -> list[str]:
    """A table row cut into cells as GitHub cuts it (GFM, and markdown-it's ``escapedSplit``).

    Only an unescaped ``|`` separates cells, also inside a code span or link text;
    one leading and one trailing ``|`` are dropped.

    >>> gfm_cells("| a | `b|c` | d\\\\|e |")
    ['a', '`b', 'c`', 'd\\\\|e']
    """
    text = row.strip()
    if text.startswith("|"):
        text = text[1:]
    if text.endswith("|") and not text.endswith("\\|"):
        text = text[:-1]
    cells: list[str] = []
    start = 0
    escaped = False
    for i, ch in enumerate(text):
        if ch == "|" and not escaped:
            cells.append(text[start:i])
            start = i + 1
        escaped = ch == "\\" and not escaped  # ``\\|``: the backslash is escaped, the pipe is not
    cells.append(text[start:])
    return [c.strip() for c in cells]


_QUOTE_MARKS = re.compile(r"^ {0,3}(?:> ?)+")


def check_cell_count(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    lines = ctx.analysis.document.lines

    def row(number: int, quoted: bool) -> str:
        text = lines[number - 1] if 1 <= number <= len(lines) else ""
        return _QUOTE_MARKS.sub("", text) if quoted else text

    for _section, block in ctx.analysis.document.iter_blocks():
        if not isinstance(block, PipeTable):
            continue
        if block.recovered:
            raw_head = len(gfm_cells(row(block.line, block.in_quote)))
            delim = len(gfm_cells(row(block.line + 1, block.in_quote)))
            if raw_head != delim:
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"the header has {raw_head} cell(s) but the delimiter row has {delim}: GitHub will not render "
                    "this table; make them equal",
                    block.line,
                )
            continue  # no table on GitHub: its rows are text, their cells lose nothing more
        head = len(block.header)
        for number in block.row_lines:
            text = row(number, block.in_quote)
            cells = gfm_cells(text)
            if "`" in text and len(split_pipe_row(text)) != len(cells):
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    "a | inside a code span splits its cell: GitHub moves the cells after it one column to the "
                    "right (the last ones are dropped); write \\| inside the code span",
                    number,
                    ctx.find(number, "`"),
                )
            elif len(cells) > head and any(cells[head:]):
                lost = " | ".join(c for c in cells[head:] if c)
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"row has {len(cells)} cells, the header {head}: GitHub shows only the first {head}, "
                    f"so {_quoted(lost, 50)} is not shown; remove the extra | or add a column to the header",
                    number,
                )


def check_html_table(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for _section, block in ctx.analysis.document.iter_blocks():
        if isinstance(block, HtmlTable):
            for problem in block.problems:
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"HTML table not well-formed: {problem.message}",
                    problem.line,
                    problem.column,
                )


_MONTHS = r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*"


def date_shape(text: str) -> str:
    """The written format of a date, for comparing formats within a list.

    >>> date_shape("February. 2023"), date_shape("Oct.2023"), date_shape("2022/02"), date_shape("Sep. 2023")
    ('Month. YYYY', 'Mon.YYYY', 'YYYY/MM', 'Mon. YYYY')
    """
    t = text.strip()

    def month(m: re.Match[str]) -> str:
        return "Mon" if len(m.group(0)) <= 4 else "Month"

    t = re.sub(_MONTHS, month, t, flags=re.IGNORECASE)
    t = re.sub(r"\d{4}", "YYYY", t)
    t = re.sub(r"(?<=YYYY[/\-.])\d{1,2}", "MM", t)
    t = re.sub(r"(?<=MM[/\-.])\d{1,2}", "DD", t)
    return re.sub(r"\d+", "D", t)


def check_mixed_dates(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    shapes: dict[str, list[tuple[int, str]]] = defaultdict(list)
    for raw, paper in ctx.analysis.entries:
        if paper is None:
            continue
        for text in raw.get_all("date"):
            if re.search(r"\d", text):
                shapes[date_shape(text)].append((raw.span.line, text.strip()))
    if len(shapes) < 2:
        return
    common = max(shapes, key=lambda s: (len(shapes[s]), s))
    for shape, found in shapes.items():
        if shape == common:
            continue
        for line, text in found:
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"date {text!r} is written as {shape!r} but most of this list writes {common!r}; use one format",
                line,
                ctx.find(line, text),
            )


#: What shows nothing: HTML comments (to their end, or the end of the block) and tags.
_TAG = re.compile(r"<[^<>]*>")
_MEDIA = re.compile(r"<(?:img|picture|video|audio|iframe|embed|object|svg)\b", re.IGNORECASE)


def shows_something(html: str) -> bool:
    """True when markdown or HTML shows a reader anything: text or media once comments and tags are gone.

    >>> shows_something("<!-- todo -->"), shows_something("</details>\\n<br/>"), shows_something("<b>Tools</b>")
    (False, False, True)
    """
    if _MEDIA.search(html):
        return True
    kept: list[str] = []
    pos = 0
    while True:  # str.find, not a lazy regex: an unclosed <!-- costs linear time
        start = html.find("<!--", pos)
        if start < 0:
            kept.append(html[pos:])
            break
        kept.append(html[pos:start])
        end = html.find("-->", start + 4)
        if end < 0:
            break
        pos = end + 3
    return bool(_TAG.sub("", "".join(kept)).replace("&nbsp;", " ").strip())


def _holds_content(section: Section) -> bool:
    for block in section.blocks:
        if isinstance(block, Paragraph):
            if shows_something(block.inline.content):
                return True
        elif isinstance(block, ListBlock):
            if block.items:
                return True
        elif isinstance(block, HtmlBlock):
            if shows_something(block.content):
                return True
        elif isinstance(block, (PipeTable, CodeBlock, HtmlTable)):
            return True
    return False


def is_note(heading: str) -> bool:
    """True for a heading written as a sentence to the reader (``Coming soon!``), not a category to fill.

    >>> is_note("Other tasks are coming soon!"), is_note("More to come..."), is_note("Surveys")
    (True, True, False)
    """
    text = heading.strip().rstrip("*_ ").strip()
    return text.endswith(("!", "…", "...")) and len(text) > 1


def check_empty_headings(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    sections = [s for s in ctx.analysis.document.sections if s.heading_path]
    n = len(sections)
    entries = {raw.span.line for raw, _paper in ctx.analysis.entries}  # a heading may itself be an entry
    depth = [len(s.heading_path) for s in sections]
    full = [_holds_content(s) or s.heading_line in entries or is_note(s.heading or "") for s in sections]
    end = [n] * n  # index after each heading's subtree
    parent = [-1] * n
    stack: list[int] = []  # open headings, outermost first; one pass, each heading pushed and popped once

    def close() -> None:
        j = stack.pop()
        if stack and full[j]:
            full[stack[-1]] = True

    for k in range(n):
        while stack and depth[stack[-1]] >= depth[k]:
            end[stack[-1]] = k
            close()
        parent[k] = stack[-1] if stack else -1
        stack.append(k)
    while stack:
        close()
    for k, section in enumerate(sections):
        if full[k] or (parent[k] >= 0 and not full[parent[k]]):
            continue  # only the outermost heading of an empty subtree is reported
        subs = end[k] - k - 1
        under = f" (nor under its {subs} subheading{'s' if subs > 1 else ''})" if subs else ""
        yield ctx.diag(
            rule.code,
            rule.severity,
            f"heading {_quoted(section.heading)} has nothing under it{under}; add entries or remove the heading",
            section.line,
        )


def default_rules(*, options: Mapping[str, Mapping[str, object]] | None = None) -> Registry[Rule]:
    """A fresh registry of the built-in rules, by code, with ``options`` set (see :func:`configure_rules`)."""
    reg: Registry[Rule] = Registry()
    for rule in _RULES:
        reg.push(rule.code, rule)
    return configure_rules(reg, options) if options else reg


def configure_rules(rules: Registry[Rule], options: Mapping[str, Mapping[str, object]]) -> Registry[Rule]:
    """A copy of ``rules`` with per-rule ``options`` (code -> option name -> value) set.

    An unknown code, option name or a value of the wrong type is a :class:`ValueError`
    naming them.

    >>> rules = configure_rules(default_rules(), {"AP103": {"cross_section": True}})
    >>> rules.get("AP103").option("cross-section"), default_rules().get("AP103").option("cross-section")
    (True, False)
    >>> configure_rules(default_rules(), {"AP1O3": {"cross-section": True}})
    Traceback (most recent call last):
      ...
    ValueError: no rule AP1O3 to set options of; rules with options: AP103
    """
    out = rules.copy()
    for code, values in options.items():
        name = str(code).upper()
        if name not in out:
            with_options = ", ".join(r.code for r in _RULES if r.options)
            raise ValueError(f"no rule {code} to set options of; rules with options: {with_options}")
        out.replace(name, out.get(name).configure(values))
    return out


_RULES = [
    Rule(
        "AP101",
        "invalid-arxiv-id",
        Severity.ERROR,
        "An arXiv link whose identifier cannot exist (month 13, six digits).",
        "- [Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks](https://arxiv.org/abs/2005.114010)",
        "- [Retrieval-Augmented Generation for Knowledge-Intensive NLP Tasks](https://arxiv.org/abs/2005.11401)",
        check_invalid_arxiv,
        detail="Fires on an arXiv link whose identifier no arXiv paper can have (a month above 12, a sequence "
        "number of the wrong length): the link leads nowhere.",
    ),
    Rule(
        "AP102",
        "link-without-scheme",
        Severity.WARNING,
        "A link target without https://, which GitHub resolves as a relative path.",
        "- [Mistral 7B](arxiv.org/abs/2310.06825)",
        "- [Mistral 7B](https://arxiv.org/abs/2310.06825)",
        check_schemeless,
        True,
        detail="Fires on a markdown link target or an HTML `href` that starts with a host name (`arxiv.org/...`, "
        "`www.example.com/...`) instead of `https://`; GitHub resolves it inside the repository and the link "
        "breaks. Not inside code blocks. `--fix` inserts `https://` and changes nothing else.",
    ),
    Rule(
        "AP103",
        "duplicate-entry",
        Severity.WARNING,
        "The same paper (arXiv id or title) listed twice in one section.",
        "## Surveys\n\n"
        "- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)\n"
        "- [Harnessing the Power of LLMs in Practice](https://arxiv.org/abs/2304.13712)\n"
        "- [A Survey of Large Language Models](https://arxiv.org/pdf/2303.18223)",
        "## Surveys\n\n"
        "- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)\n"
        "- [Harnessing the Power of LLMs in Practice](https://arxiv.org/abs/2304.13712)\n\n"
        "## Evaluation\n\n"
        "- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)",
        check_duplicates,
        detail="Entries are one paper when they share an arXiv id (and their titles agree) or, without an id, "
        "their title. Each paper repeated under one heading is one finding, at its second copy, listing every "
        "line (at most eight, the rest counted). Not a duplicate: the same paper under two headings (a paper "
        "filed under each topic it belongs to; see the `cross-section` option), entries that name different "
        "things from one paper (models such as Flan-T5 and Flan-PaLM, two data sets), entries dated to "
        "different days (news items, talks), entries whose own links (code, project, video) are all different, "
        "and several entries read from one line (a table cell spanning rows).",
        options=(
            RuleOption(
                "cross-section",
                False,
                "also report a paper listed under several headings, once per paper, naming each section",
            ),
        ),
    ),
    Rule(
        "AP104",
        "id-title-conflict",
        Severity.ERROR,
        "One arXiv id given to two different titles: one link is wrong.",
        "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2205.05638)\n"
        "- [Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning]"
        "(https://arxiv.org/abs/2205.05638)",
        "- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n"
        "- [Few-Shot Parameter-Efficient Fine-Tuning is Better and Cheaper than In-Context Learning]"
        "(https://arxiv.org/abs/2205.05638)",
        check_id_title_conflict,
        detail="Titles under one id are one paper when they are alike or open with one name before a colon (a "
        "paper retitled); a nickname (`GPT-4`), an entry that is no paper (a data set or a metric under its "
        "own name) or an entry without a title goes with the paper listed most often. One finding per id, wherever the entries are, listing each paper's lines (at most eight papers, "
        "the rest counted); it points at the first entry of a paper other than the one listed most often.",
    ),
    Rule(
        "AP105",
        "placeholder",
        Severity.WARNING,
        "A row of placeholders (……, ..., -, the header's own words) instead of an entry.",
        "| Paper | Venue |\n| --- | --- |\n"
        "| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | NeurIPS |\n| …… | …… |",
        "| Paper | Venue |\n| --- | --- |\n| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | NeurIPS |",
        check_placeholders,
        detail="Fires on a table row or list item whose every cell is a placeholder, or that has neither a title "
        "nor a link. Remove the row or fill it in.",
    ),
    Rule(
        "AP106",
        "no-paper-link",
        Severity.WARNING,
        "An entry that links no paper (only code, a demo, or nothing).",
        "| Paper | Code |\n| --- | --- |\n"
        "| **Toolformer: Language Models Can Teach Themselves to Use Tools** "
        "| [GitHub](https://github.com/lucidrains/toolformer-pytorch) |",
        "| Paper | Code |\n| --- | --- |\n"
        "| [**Toolformer: Language Models Can Teach Themselves to Use Tools**](https://arxiv.org/abs/2302.04761) "
        "| [GitHub](https://github.com/lucidrains/toolformer-pytorch) |",
        check_no_paper_link,
        detail="Fires on a paper entry with no arXiv id, no DOI and no link to a paper or PDF host, and on a "
        "citation with no link at all. Entries that are tools, data sets or other non-paper content are not "
        "paper entries.",
    ),
    Rule(
        "AP107",
        "link-text",
        Severity.WARNING,
        "Link text that is a URL or a word like 'Paper' where the title belongs.",
        "- **Paper**:[https://arxiv.org/pdf/2307.09288.pdf](https://arxiv.org/pdf/2307.09288.pdf)",
        "- **Paper**:[Llama 2: Open Foundation and Fine-Tuned Chat Models](https://arxiv.org/pdf/2307.09288.pdf)",
        check_link_text,
        detail="Fires on an entry without a title whose main link's text is a URL or a generic word (`Paper`, "
        "`link`, `arXiv`): a reader, and a screen reader, sees no title.",
    ),
    Rule(
        "AP108",
        "mojibake",
        Severity.ERROR,
        "Text decoded with the wrong code page (å¤§ for 大); --fix repairs it.",
        "## å¤§æ¨¡åž‹\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)",
        "## 大模型\n\n- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)",
        check_mojibake,
        True,
        detail="Fires once per line holding text that was decoded with the wrong code page and saved again "
        "(UTF-8 read as cp1252, for one); the message shows the repair and how sure it is. `--fix` writes the "
        "repaired runs only.",
    ),
    Rule(
        "AP109",
        "cell-count",
        Severity.WARNING,
        "A table row that GitHub renders with cells dropped or shifted.",
        "| Paper | Year |\n| --- | --- |\n| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | 2017 | NeurIPS |",
        "| Paper | Year | Venue |\n| --- | --- | --- |\n"
        "| [Attention Is All You Need](https://arxiv.org/abs/1706.03762) | 2017 | NeurIPS |\n"
        "| [Language Models are Few-Shot Learners](https://arxiv.org/abs/2005.14165) | 2020 |",
        check_cell_count,
        detail="GitHub fills a short row with empty cells and drops the cells past the header's count, so only "
        "what it loses or moves is reported: a header and delimiter row of different lengths (no table is "
        "rendered at all), a row with more non-empty cells than the header (the extra text is not shown), and "
        "a `|` inside a code span, which splits the cell and moves the ones after it (write `\\|`). A short "
        "row, or extra empty cells, render fine and are not reported.",
    ),
    Rule(
        "AP110",
        "html-table",
        Severity.WARNING,
        "An HTML table with unclosed <tr>/<td>/<a> or a stray </table>.",
        "<table><tr><td><a href='https://arxiv.org/abs/1706.03762'>Attention Is All You Need</td>\n"
        "<tr><td>NeurIPS</td></tr></table></table>",
        "<table><tr><td><a href='https://arxiv.org/abs/1706.03762'>Attention Is All You Need</a></td></tr>\n"
        "<tr><td>NeurIPS</td></tr></table>",
        check_html_table,
        detail="Fires on each problem of an HTML table's structure: an element never closed, a closing tag "
        "that closes nothing. Browsers guess, and the guess differs from the author's intent.",
    ),
    Rule(
        "AP111",
        "mixed-date-formats",
        Severity.INFO,
        "Dates written in more than one format within one list.",
        "| Date | Paper |\n| --- | --- |\n"
        "| Mar. 2023 | [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774) |\n"
        "| Jul. 2023 | [Llama 2: Open Foundation and Fine-Tuned Chat Models](https://arxiv.org/abs/2307.09288) |\n"
        "| Oct.2023 | [Mistral 7B](https://arxiv.org/abs/2310.06825) |",
        "| Date | Paper |\n| --- | --- |\n"
        "| Mar. 2023 | [GPT-4 Technical Report](https://arxiv.org/abs/2303.08774) |\n"
        "| Jul. 2023 | [Llama 2: Open Foundation and Fine-Tuned Chat Models](https://arxiv.org/abs/2307.09288) |\n"
        "| Oct. 2023 | [Mistral 7B](https://arxiv.org/abs/2310.06825) |",
        check_mixed_dates,
        detail="Each entry's date is reduced to its written shape (`Mon. YYYY`, `YYYY/MM`); every date whose "
        "shape differs from the list's most common one is reported.",
    ),
    Rule(
        "AP112",
        "empty-heading",
        Severity.INFO,
        "A heading with nothing under it.",
        "## RAG\n\n## Agents\n\n- [ReAct: Synergizing Reasoning and Acting in Language Models]"
        "(https://arxiv.org/abs/2210.03629)",
        "## Agents\n\n- [ReAct: Synergizing Reasoning and Acting in Language Models]"
        "(https://arxiv.org/abs/2210.03629)\n\n"
        "## Tools\n\n- [LangChain](https://github.com/langchain-ai/langchain): a framework for LLM applications",
        check_empty_headings,
        detail="Fires on a heading whose section, subsections included, shows a reader nothing: no list item, "
        "table, code block, image or text (comments and empty tags count as nothing). A section of tools, "
        "links or prose is not empty. Only the outermost heading of an empty subtree is reported, and a "
        "heading written as a note to the reader (ending with `!` or `...`) is left alone.",
    ),
]


def rules_markdown() -> str:
    """``docs/lint-rules.md``, generated from the rule registry (a test keeps the file current)."""
    out = [
        "# Lint rules",
        "",
        "Generated from the rule registry (`awesome_parse.lint.rules`); do not edit by hand.",
        "Codes are stable and never reused. Run `awesome-parse lint --list-rules` for the short list.",
        "",
        "Each rule's examples are whole READMEs, and the tests lint every one of them: the bad",
        "example must give the rule's finding, the good one must not.",
        "",
        "| code | name | default severity | fixable |",
        "| --- | --- | --- | --- |",
    ]
    rules = list(default_rules())
    out += [f"| {r.code} | {r.name} | {r.severity} | {'yes' if r.fixable else ''} |" for r in rules]
    out += [
        "",
        "## Findings about a group of lines",
        "",
        "A duplicate (AP103) and an id given to different papers (AP104) are one finding",
        "per group, at one of its lines, listing the others. A suppression comment on any",
        "line of the group silences the whole group, so a paper kept twice on purpose",
        "needs one comment, before either copy:",
        "",
        "```markdown",
        SUPPRESSED_PAIR,
        "```",
        "",
        "A comment on each copy is fine too: every one of them is then used, and none is",
        "reported as an unused suppression (AP100).",
        "",
        "## Options",
        "",
        "Rule options are set in the configuration, one table per rule code:",
        "",
        "```toml",
        "# pyproject.toml; in .awesome-parse.toml the table is [lint.options.AP103]",
        "[tool.awesome-parse.lint.options.AP103]",
        "cross-section = true",
        "```",
        "",
        "or from Python, by code and option name:",
        "",
        "```python",
        "from awesome_parse.lint import lint_file",
        "from awesome_parse.lint.rules import default_rules",
        "",
        'rules = default_rules(options={"AP103": {"cross-section": True}})',
        'report = lint_file("README.md", rules=rules)',
        "```",
    ]
    for r in rules:
        out += ["", f"## {r.code} {r.name}", "", r.summary]
        if r.detail:
            out += ["", r.detail]
        if r.options:
            out += ["", "| option | default | what it does |", "| --- | --- | --- |"]
            out += [f"| `{o.name}` | `{_toml(o.default)}` | {o.help} |" for o in r.options]
        out += ["", "Bad:", "", "```markdown", r.bad, "```", "", "Good:", "", "```markdown", r.good, "```"]
    return "\n".join(out) + "\n"


#: The suppression example of ``docs/lint-rules.md``: one comment silences a duplicate pair (a test lints it).
SUPPRESSED_PAIR = (
    "## Surveys\n\n"
    "<!-- awesome-parse: ignore AP103 -->\n"
    "- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223) (first version)\n"
    "- [Harnessing the Power of LLMs in Practice](https://arxiv.org/abs/2304.13712)\n"
    "- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223) (updated yearly)"
)


def _toml(value: OptionValue) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    return repr(value) if isinstance(value, str) else str(value)
