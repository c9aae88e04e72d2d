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
from ..reading import SourceText, normalize_newlines, read_file
from ..registry import Registry
from .config import LintConfig, find_config, load_config, suppressions
from .rules import Edit, LintContext, Rule, default_rules

__all__ = ["LintConfig", "LintReport", "Rule", "apply_fixes", "default_rules", "lint_file", "lint_text"]


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
) -> LintReport:
    """Lint README text; see :mod:`awesome_parse.lint.rules` for what is checked."""
    return _lint(SourceText(text, path), config or LintConfig(), rules or default_rules())


def lint_file(
    path: str | os.PathLike[str], *, config: LintConfig | None = None, rules: Registry[Rule] | None = None
) -> LintReport:
    """Lint one file; the config is found from the file's directory unless given.

    Raises :class:`~awesome_parse.errors.InputError` for a file that is not a readable README.
    """
    source = read_file(path)
    if config is None:
        config = load_config(find_config(Path(path).resolve()))
    return _lint(source, config, rules or default_rules())


def _lint(source: SourceText, config: LintConfig, rules: Registry[Rule]) -> LintReport:
    from ..repair import repair_text

    original = normalize_newlines(source.text)
    report = repair_text(original, path=source.path)
    analysis = analyze_source(SourceText(report.text, source.path, source.encoding, source.diagnostics), repair=False)
    ctx = LintContext(source.path, analysis, original.split("\n"), report)
    quiet = suppressions(ctx.original_lines)
    findings: list[Diagnostic] = []
    for rule in rules:
        if not config.enabled(rule.code):
            continue
        severity = config.severity_of(rule.code, rule.severity)
        for diag in rule.check(ctx, rule):
            codes = quiet.get(diag.span.line, frozenset())
            if diag.span.line in quiet and (codes is None or diag.code in codes):
                continue
            findings.append(attrs.evolve(diag, severity=severity) if severity != diag.severity else diag)
    for diag in source.diagnostics:
        findings.append(diag)
    return LintReport(source.path, tuple(sorted(set(findings))))


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
