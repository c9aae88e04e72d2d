"""The lint rules: stable codes, a default severity, a message that says what to do.

Each rule is a small function over a :class:`LintContext` (the parse of the file,
its source lines, the repair that would apply) that yields diagnostics.  Rules
are kept in a :class:`~awesome_parse.registry.Registry` by code; their
docstrings, bad and good examples generate ``docs/lint-rules.md``.
"""

from __future__ import annotations

import re
from collections import defaultdict
from collections.abc import Callable, Iterator

import attrs

from .._text import fingerprint
from ..api import Analysis
from ..errors import Diagnostic, Severity
from ..html import HtmlTable
from ..links import is_generic_label, is_paper_url
from ..markdown import PipeTable, split_pipe_row
from ..model import Paper, SkipReason, Span
from ..registry import Registry
from ..repair import Change, RepairReport

__all__ = ["Edit", "LintContext", "Rule", "default_rules"]


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


@attrs.frozen
class Rule:
    """A lint rule: code, short name, default severity, what it checks, examples, the check."""

    code: str
    name: str
    severity: Severity
    summary: str
    bad: str
    good: str
    check: Check = attrs.field(repr=False)
    fixable: bool = False


def _line(p: Paper) -> int:
    return p.source.line if p.source else 1


def check_invalid_arxiv(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    for d in ctx.analysis.result.diagnostics:
        if d.code == "AP101":
            url = d.message.rsplit("(", 1)[-1].rstrip(")")
            col = ctx.find(d.span.line, url)
            yield ctx.diag(rule.code, rule.severity, d.message + "; fix the identifier", d.span.line, col)


_HOST_PATH = r"(?:www\.)?[a-z0-9-]+(?:\.[a-z0-9-]+)*\.[a-z]{2,}/[^)\s\"']*"
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


def _by_list_identity(ctx: LintContext) -> tuple[dict[str, list[Paper]], dict[str, list[Paper]]]:
    by_id: dict[str, list[Paper]] = defaultdict(list)
    by_title: dict[str, list[Paper]] = defaultdict(list)
    for p in ctx.papers:
        if p.arxiv is not None:
            by_id[p.arxiv.key].append(p)
        elif p.title:
            by_title[fingerprint(p.title)].append(p)
    return by_id, by_title


def check_duplicates(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    from ..merge import similar_titles

    by_id, by_title = _by_list_identity(ctx)
    for key, group in by_id.items():
        if len(group) < 2:
            continue
        for p in group:
            same = [q for q in group if q is not p and (not p.title or not q.title or similar_titles(p.title, q.title))]
            if same:
                lines = ", ".join(str(_line(q)) for q in same)
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"duplicate entry: arXiv {key} is listed again at line {lines}; keep one",
                    _line(p),
                    ctx.find(_line(p), key),
                )
    for group in by_title.values():
        if len(group) < 2:
            continue
        for p in group:
            lines = ", ".join(str(_line(q)) for q in group if q is not p)
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"duplicate entry: {p.title!r} is listed again at line {lines}; keep one",
                _line(p),
            )


def check_id_title_conflict(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    from ..merge import similar_titles

    by_id, _ = _by_list_identity(ctx)
    for key, group in by_id.items():
        titled = [p for p in group if p.title]
        for p in titled:
            others = [q for q in titled if q is not p and not similar_titles(p.title or "", q.title or "")]
            if others:
                desc = "; ".join(f"{q.title!r} at line {_line(q)}" for q in others)
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"arXiv {key} is also given to {desc}: one of these links is wrong; check which paper it is",
                    _line(p),
                    ctx.find(_line(p), key),
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


def check_cell_count(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    lines = ctx.analysis.text.split("\n")
    for _section, block in ctx.analysis.document.iter_blocks():
        if not isinstance(block, PipeTable) or block.in_quote:
            continue
        head = len(block.header)
        delim_line = block.line + 1
        if 1 <= delim_line <= len(lines):
            delim = len(split_pipe_row(lines[delim_line - 1]))
            raw_head = len(split_pipe_row(lines[block.line - 1]))
            if block.recovered and raw_head != delim:
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"the header has {raw_head} cell(s) but the delimiter row has {delim}: GitHub will not render "
                    "this table; make them equal",
                    block.line,
                )
        for number in block.row_lines:
            cells = len(split_pipe_row(lines[number - 1]))
            if cells != head:
                yield ctx.diag(
                    rule.code,
                    rule.severity,
                    f"row has {cells} cell(s), the header {head}; add or remove cells (use an empty cell for none)",
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


def check_empty_headings(ctx: LintContext, rule: Rule) -> Iterator[Diagnostic]:
    sections = [s for s in ctx.analysis.document.sections if s.heading_path]
    lines_with_entries = sorted(_line(p) for p in ctx.papers)
    if not lines_with_entries:
        return
    first, last = lines_with_entries[0], lines_with_entries[-1]
    for k, section in enumerate(sections):
        # the heading's whole subtree: until the next heading of the same or a higher level
        end = next((t.line for t in sections[k + 1 :] if t.level <= section.level), 10**9)
        if not first < section.line < last:
            continue
        if not any(section.line <= n < end for n in lines_with_entries):
            yield ctx.diag(
                rule.code,
                rule.severity,
                f"heading {section.heading!r} has no entries; add some or remove the heading",
                section.line,
            )


def default_rules() -> Registry[Rule]:
    """A fresh registry of the built-in rules, by code."""
    reg: Registry[Rule] = Registry()
    for rule in _RULES:
        reg.push(rule.code, rule)
    return reg


_RULES = [
    Rule(
        "AP101",
        "invalid-arxiv-id",
        Severity.ERROR,
        "An arXiv link whose identifier cannot exist (month 13, six digits).",
        "- [RAG](https://arxiv.org/abs/2005.114010)",
        "- [RAG](https://arxiv.org/abs/2005.11401)",
        check_invalid_arxiv,
    ),
    Rule(
        "AP102",
        "link-without-scheme",
        Severity.WARNING,
        "A link target without https://, which GitHub resolves as a relative path.",
        "[paper](arxiv.org/abs/2310.12036)",
        "[paper](https://arxiv.org/abs/2310.12036)",
        check_schemeless,
        True,
    ),
    Rule(
        "AP103",
        "duplicate-entry",
        Severity.WARNING,
        "The same paper (arXiv id or title) listed twice in one list.",
        "- [A](https://arxiv.org/abs/2311.12320)\n- [A](https://arxiv.org/pdf/2311.12320)",
        "- [A](https://arxiv.org/abs/2311.12320)",
        check_duplicates,
    ),
    Rule(
        "AP104",
        "id-title-conflict",
        Severity.ERROR,
        "One arXiv id given to two different titles: one link is wrong.",
        "- [LoRA](https://arxiv.org/abs/2205.05638)\n- [Few-Shot PEFT](https://arxiv.org/abs/2205.05638)",
        "- [LoRA](https://arxiv.org/abs/2106.09685)\n- [Few-Shot PEFT](https://arxiv.org/abs/2205.05638)",
        check_id_title_conflict,
    ),
    Rule(
        "AP105",
        "placeholder",
        Severity.WARNING,
        "A row of placeholders (……, ..., -, the header's own words) instead of an entry.",
        "| …… | …… | …… |",
        "(remove the row, or fill it in)",
        check_placeholders,
    ),
    Rule(
        "AP106",
        "no-paper-link",
        Severity.WARNING,
        "An entry that links no paper (only code, a demo, or nothing).",
        "| **Title** | - | [Github](https://github.com/a/b) |",
        "| [**Title**](https://arxiv.org/abs/2401.00001) | - | [Github](https://github.com/a/b) |",
        check_no_paper_link,
    ),
    Rule(
        "AP107",
        "link-text",
        Severity.WARNING,
        "Link text that is a URL or a word like 'Paper' where the title belongs.",
        "- **Paper**:[https://arxiv.org/pdf/2307.09288.pdf](https://arxiv.org/pdf/2307.09288.pdf)",
        "- **Paper**:[Llama 2: Open Foundation and Fine-Tuned Chat Models](https://arxiv.org/pdf/2307.09288.pdf)",
        check_link_text,
    ),
    Rule(
        "AP108",
        "mojibake",
        Severity.ERROR,
        "Text decoded with the wrong code page (å¤§ for 大); --fix repairs it.",
        "## å¤§æ¨¡åž‹",
        "## 大模型",
        check_mojibake,
        True,
    ),
    Rule(
        "AP109",
        "cell-count",
        Severity.WARNING,
        "A table row whose number of cells differs from its header's.",
        "| Paper | Year |\n|---|---|\n| [A](https://arxiv.org/abs/2401.00001) |",
        "| Paper | Year |\n|---|---|\n| [A](https://arxiv.org/abs/2401.00001) | 2024 |",
        check_cell_count,
    ),
    Rule(
        "AP110",
        "html-table",
        Severity.WARNING,
        "An HTML table with unclosed <tr>/<td>/<a> or a stray </table>.",
        "<table><tr><td><a href='u'>A</td>\n<tr><td>B</td></tr></table></table>",
        "<table><tr><td><a href='u'>A</a></td></tr>\n<tr><td>B</td></tr></table>",
        check_html_table,
    ),
    Rule(
        "AP111",
        "mixed-date-formats",
        Severity.INFO,
        "Dates written in more than one format within one list.",
        "| March. 2023 |\n| Oct.2023 |",
        "| Mar. 2023 |\n| Oct. 2023 |",
        check_mixed_dates,
    ),
    Rule(
        "AP112",
        "empty-heading",
        Severity.INFO,
        "A heading among the entries that holds no entry.",
        "## RAG\n\n## Agents\n- [A](https://arxiv.org/abs/2401.00001)",
        "## Agents\n- [A](https://arxiv.org/abs/2401.00001)",
        check_empty_headings,
    ),
]


def rules_markdown() -> str:
    """``docs/lint-rules.md``, generated from the rule registry."""
    out = [
        "# Lint rules",
        "",
        "Generated from the rule registry (`awesome_parse.lint.rules`); do not edit by hand.",
        "Codes are stable and never reused. Run `awesome-parse lint --list-rules` for the short list.",
        "",
        "| code | name | default severity | fixable |",
        "| --- | --- | --- | --- |",
    ]
    rules = list(default_rules())
    out += [f"| {r.code} | {r.name} | {r.severity} | {'yes' if r.fixable else ''} |" for r in rules]
    for r in rules:
        out += [
            "",
            f"## {r.code} {r.name}",
            "",
            r.summary,
            "",
            "Bad:",
            "",
            "```markdown",
            r.bad,
            "```",
            "",
            "Good:",
            "",
            "```markdown",
            r.good,
            "```",
        ]
    return "\n".join(out) + "\n"
