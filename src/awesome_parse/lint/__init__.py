"""``awesome-parse lint``: check a paper list for what matters to its readers.

Rules have stable codes (``AP101``...), a default severity and a message that
says what to do; see :mod:`awesome_parse.lint.rules` and ``docs/lint-rules.md``.
Findings are :class:`~awesome_parse.errors.Diagnostic` s, sorted by position.

>>> report = lint_text("- [Paper one](arxiv.org/abs/2310.12036)\\n", path="README.md")
>>> [str(d) for d in report.findings]
['README.md:1:15: AP102 link without scheme: arxiv.org/abs/2310.12036 (a browser resolves it relative to the page); write https://arxiv.org/abs/2310.12036']
>>> apply_fixes("- [Paper one](arxiv.org/abs/2310.12036)\\n", report.fixable())[0]
'- [Paper one](https://arxiv.org/abs/2310.12036)\\n'
"""

from __future__ import annotations

import os
from collections.abc import Sequence
from pathlib import Path

import attrs

from ..api import analyze_source
from ..errors import Diagnostic, Severity
from ..model import Span
from ..reading import SourceText, normalize_newlines, read_file
from ..registry import Registry
from .config import (
    SUPPRESSION_CODE,
    LintConfig,
    Suppression,
    did_you_mean,
    find_config,
    known_codes,
    load_config,
    suppression_comments,
)
from .rules import Edit, LintContext, Rule, configure_rules, default_rules

__all__ = [
    "LintConfig",
    "LintReport",
    "Rule",
    "apply_fixes",
    "default_rules",
    "lint_file",
    "lint_source",
    "lint_text",
]


@attrs.frozen
class LintReport:
    """The findings for one file."""

    path: str | None
    findings: tuple[Diagnostic, ...]

    @property
    def worst(self) -> Severity | None:
        return max((d.severity for d in self.findings), default=None)

    def fixable(self) -> list[Diagnostic]:
        return [d for d in self.findings if d.fix]


def lint_text(
    text: str,
    path: str | None = None,
    *,
    config: LintConfig | None = None,
    rules: Registry[Rule] | None = None,
    plugins: bool = False,
) -> LintReport:
    """Lint README text; see :mod:`awesome_parse.lint.rules` for what is checked."""
    return lint_source(SourceText(text, path), config=config, rules=rules, plugins=plugins)


def lint_file(
    path: str | os.PathLike[str],
    *,
    config: LintConfig | None = None,
    rules: Registry[Rule] | None = None,
    plugins: bool = False,
) -> LintReport:
    """Lint one file; the config is found from the file's directory unless given.

    Raises :class:`~awesome_parse.errors.InputError` for a file that is not a readable README,
    :class:`~awesome_parse.lint.config.ConfigError` for a broken configuration file.
    """
    source = read_file(path)
    if config is None:
        config = load_config(find_config(Path(path).resolve()))
    return lint_source(source, config=config, rules=rules, plugins=plugins)


def lint_source(
    source: SourceText,
    *,
    config: LintConfig | None = None,
    rules: Registry[Rule] | None = None,
    plugins: bool = False,
) -> LintReport:
    """Lint an already decoded :class:`~awesome_parse.reading.SourceText`.

    Besides the rules' findings, the suppression comments are checked (code
    ``AP100``): a comment naming an unknown code is an error, a comment that
    suppresses nothing (for rules that ran) a warning, like ruff's RUF100.

    >>> text = "<!-- awesome-parse: ignore AP1O3 -->\\n- [A Paper Title](https://arxiv.org/abs/2401.00001)\\n"
    >>> [d.message for d in lint_source(SourceText(text, "r.md")).findings]
    ["unknown rule code 'AP1O3' in a suppression comment; did you mean AP103?"]
    """
    config = config or LintConfig()
    registry = rules or default_rules()
    if config.options:
        registry = configure_rules(registry, config.rule_options())
    return _lint(source, config, registry, plugins=plugins)


def _lint(source: SourceText, config: LintConfig, rules: Registry[Rule], *, plugins: bool = False) -> LintReport:
    from ..repair import repair_text

    original = normalize_newlines(source.text)
    report = repair_text(original, path=source.path)
    analysis = analyze_source(
        SourceText(report.text, source.path, source.encoding, source.diagnostics), repair=False, plugins=plugins
    )
    ctx = LintContext(source.path, analysis, original.split("\n"), report)
    comments = suppression_comments(ctx.original_lines)
    quiet: dict[int, list[Suppression]] = {}
    for comment in comments:
        for line in comment.covers:
            quiet.setdefault(line, []).append(comment)
    used: set[tuple[Suppression, str]] = set()
    ran: set[str] = set()
    findings: list[Diagnostic] = []
    for rule in rules:
        if not config.enabled(rule.code):
            continue
        ran.add(rule.code)
        severity = config.severity_of(rule.code, rule.severity)
        for diag in rule.check(ctx, rule):
            covering = [c for c in quiet.get(diag.span.line, ()) if not c.codes or diag.code in c.codes]
            if covering:
                used.update((c, diag.code) for c in covering)
                continue
            findings.append(attrs.evolve(diag, severity=severity) if severity != diag.severity else diag)
    if config.enabled(SUPPRESSION_CODE):
        severity = config.severity_of(SUPPRESSION_CODE, Severity.WARNING)
        findings.extend(_check_suppressions(source.path, comments, used, ran, severity))
    for diag in source.diagnostics:
        findings.append(diag)
    return LintReport(source.path, tuple(sorted(dict.fromkeys(findings), key=Diagnostic._key)))


def _check_suppressions(
    path: str | None,
    comments: list[Suppression],
    used: set[tuple[Suppression, str]],
    ran: set[str],
    severity: Severity,
) -> list[Diagnostic]:
    """AP100: suppression comments naming unknown codes (error), or suppressing nothing (``severity``)."""
    known = known_codes()
    out: list[Diagnostic] = []
    used_comments = {c for c, _code in used}
    for comment in comments:
        span = Span(path, comment.line, comment.line, comment.column)
        bad = [code for code in comment.codes if code not in known]
        for code in bad:
            message = f"unknown rule code {code!r} in a suppression comment{did_you_mean(code, known)}"
            out.append(Diagnostic(SUPPRESSION_CODE, Severity.ERROR, message, span))
        if bad:
            continue
        if not comment.codes:
            if comment not in used_comments:
                out.append(
                    Diagnostic(SUPPRESSION_CODE, severity, "unused suppression: no finding to ignore here", span)
                )
            continue
        idle = [code for code in comment.codes if code in ran and (comment, code) not in used]
        if idle:
            out.append(
                Diagnostic(
                    SUPPRESSION_CODE,
                    severity,
                    f"unused suppression: no {', '.join(idle)} finding to ignore here; remove "
                    f"{'it' if len(idle) == 1 else 'them'} from the comment",
                    span,
                )
            )
    return out


def apply_fixes(text: str, findings: Sequence[Diagnostic]) -> tuple[str, list[Diagnostic]]:
    """Apply the safe fixes of ``findings`` to ``text``; returns the text and the findings fixed.

    Every edit touches only its own columns of its own line.  A finding whose
    edits overlap an edit already taken is skipped whole, so nothing else in the
    file changes and no fix is applied halfway.
    """
    lines = text.split("\n")
    taken: dict[int, list[tuple[int, int]]] = {}
    chosen: list[tuple[Edit, Diagnostic]] = []
    applied: list[Diagnostic] = []
    for diag in sorted(findings):
        edits = [e for e in (diag.fix or ()) if isinstance(e, Edit) and 1 <= e.line <= len(lines)]
        if not edits:
            continue
        if any(_overlaps(e, taken.get(e.line, [])) for e in edits):
            continue
        for e in edits:
            taken.setdefault(e.line, []).append((e.start, e.end))
            chosen.append((e, diag))
        applied.append(diag)
    for edit, _diag in sorted(chosen, key=lambda item: (item[0].line, item[0].start, item[0].end), reverse=True):
        line = lines[edit.line - 1]
        lines[edit.line - 1] = line[: edit.start - 1] + edit.text + line[edit.end - 1 :]
    return "\n".join(lines), applied


def _overlaps(edit: Edit, spans: list[tuple[int, int]]) -> bool:
    for start, end in spans:
        if edit.start < end and start < edit.end:
            return True
        if edit.start == edit.end and start < edit.start < end:
            return True
        if start == end and edit.start < start < edit.end:
            return True
    return False
