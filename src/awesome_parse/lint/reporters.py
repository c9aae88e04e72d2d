"""Lint output formats: text (compiler style), json, github (workflow commands), sarif.

File names and messages never reach an output raw: control and bidi characters
and bytes that are not UTF-8 are escaped (:func:`awesome_parse.fileio.display_path`),
so a file named ``x\\n::error::y.md`` cannot inject a workflow command into a CI
log; SARIF locations are URIs (percent-encoded; absolute paths as ``file://``).

>>> from awesome_parse.errors import Diagnostic, Severity
>>> from awesome_parse.model import Span
>>> d = Diagnostic("AP102", Severity.WARNING, "link without scheme", Span("README.md", 76, 76, 20))
>>> print(render([d], "text"))
README.md:76:20: AP102 [warning] link without scheme
>>> print(render([d], "github"))
::warning file=README.md,line=76,col=20,title=AP102::link without scheme
>>> summary([d], files=1, fixable=1)
'Found 1 problem (0 errors, 1 warning) in 1 file; 1 fixable with --fix'
"""

from __future__ import annotations

import json
import os
import urllib.parse
from collections import Counter
from collections.abc import Sequence
from typing import Any

from .. import __version__
from .._meta import DOCS_URL
from ..errors import Diagnostic, Severity
from ..fileio import display_path, escape_controls
from .config import SUPPRESSION_CODE

__all__ = ["REPORTERS", "render", "statistics", "summary", "use_color"]

_COLORS = {Severity.ERROR: "\x1b[31m", Severity.WARNING: "\x1b[33m", Severity.INFO: "\x1b[36m"}
_BOLD, _RESET = "\x1b[1m", "\x1b[0m"


def use_color(stream: Any) -> bool:
    """Colour for a terminal, unless ``NO_COLOR`` is set (https://no-color.org); never for a file or pipe."""
    if os.environ.get("NO_COLOR"):
        return False
    isatty = getattr(stream, "isatty", None)
    return bool(isatty and isatty())


def _name(path: str | None) -> str:
    return display_path(path) if path else "<text>"


def _text(diags: Sequence[Diagnostic], color: bool = False) -> str:
    out = []
    for d in diags:
        where = f"{_name(d.span.path)}:{d.span.line}:{d.span.column}:"
        level = f"[{d.severity}]"
        if color:
            where = f"{_BOLD}{where}{_RESET}"
            level = f"{_COLORS[d.severity]}{level}{_RESET}"
        out.append(f"{where} {d.code} {level} {escape_controls(d.message)}")
    return "\n".join(out)


def _plural(count: int, word: str) -> str:
    return f"{count} {word}{'' if count == 1 else 's'}"


def summary(diags: Sequence[Diagnostic], *, files: int, fixable: int) -> str:
    """The closing line of the text report: counts by severity, files, how many ``--fix`` would fix.

    (The command line prints it only when there are findings: a clean run is silent.)
    """
    if not diags:
        return f"All checks passed ({_plural(files, 'file')})"
    levels = Counter(d.severity for d in diags)
    parts = [_plural(levels[Severity.ERROR], "error"), _plural(levels[Severity.WARNING], "warning")]
    if levels[Severity.INFO]:
        parts.append(f"{levels[Severity.INFO]} info")
    text = f"Found {_plural(len(diags), 'problem')} ({', '.join(parts)}) in {_plural(files, 'file')}"
    return f"{text}; {fixable} fixable with --fix" if fixable else text


def statistics(diags: Sequence[Diagnostic]) -> str:
    """Counts per code, most frequent first (``--statistics``).

    >>> from awesome_parse.errors import Diagnostic, Severity
    >>> from awesome_parse.model import Span
    >>> print(statistics([Diagnostic("AP102", Severity.WARNING, "m", Span("a", 1))] * 2))
        2  AP102  [warning]  link-without-scheme
    """
    from .rules import default_rules

    names = {r.code: r.name for r in default_rules()}
    names.setdefault("AP100", "suppression-comment")
    counts = Counter(d.code for d in diags)
    fixable = Counter(d.code for d in diags if d.fix)
    worst: dict[str, Severity] = {}
    for d in diags:
        worst[d.code] = max(worst.get(d.code, d.severity), d.severity)
    lines = []
    for code, count in sorted(counts.items(), key=lambda item: (-item[1], item[0])):
        fix = f"  ({fixable[code]} fixable)" if fixable[code] else ""
        lines.append(f"{count:5d}  {code}  [{worst[code]}]  {names.get(code, '')}{fix}")
    return "\n".join(lines)


def _json(diags: Sequence[Diagnostic], color: bool = False) -> str:
    return json.dumps(
        [
            {
                "path": display_path(d.span.path) if d.span.path else None,
                "line": d.span.line,
                "column": d.span.column,
                "code": d.code,
                "severity": str(d.severity),
                "message": escape_controls(d.message),
                "fixable": d.fix is not None,
            }
            for d in diags
        ],
        ensure_ascii=False,
        indent=1,
    )


def _escape_data(text: str) -> str:
    return text.replace("%", "%25").replace("\r", "%0D").replace("\n", "%0A")


def _escape_prop(text: str) -> str:
    return _escape_data(text).replace(":", "%3A").replace(",", "%2C")


_GH_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "notice"}


def _github(diags: Sequence[Diagnostic], color: bool = False) -> str:
    return "\n".join(
        f"::{_GH_LEVEL[d.severity]} file={_escape_prop(display_path(d.span.path or ''))},line={d.span.line},"
        f"col={d.span.column},title={_escape_prop(d.code)}::{_escape_data(escape_controls(d.message))}"
        for d in diags
    )


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def artifact_uri(path: str | None) -> str:
    """A SARIF ``artifactLocation.uri``: relative paths percent-encoded, absolute ones ``file://`` URIs.

    The file's own bytes are encoded, so a name that is not UTF-8 still names the file.

    >>> artifact_uri("docs/my list.md"), artifact_uri("/srv/100%.md"), artifact_uri("a\\nb.md")
    ('docs/my%20list.md', 'file:///srv/100%25.md', 'a%0Ab.md')
    """
    if not path:
        return ""
    raw = os.fsencode(path).replace(b"\\", b"/")
    quoted = urllib.parse.quote(raw, safe="/")
    if raw.startswith(b"/"):
        return "file://" + quoted
    if len(raw) > 2 and raw[1:2] == b":" and raw[:1].isalpha():  # C:/...
        return "file:///" + quoted.replace("%3A", ":", 1)
    return quoted


def _sarif(diags: Sequence[Diagnostic], color: bool = False) -> str:
    from .rules import default_rules

    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "help": {"text": f"Bad:\n{rule.bad}\n\nGood:\n{rule.good}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
            "helpUri": f"{DOCS_URL}lint-rules/#{rule.code.lower()}-{rule.name}",
        }
        for rule in default_rules()
    ]
    if not any(r["id"] == SUPPRESSION_CODE for r in rules):
        rules.append(
            {
                "id": SUPPRESSION_CODE,
                "name": "suppression-comment",
                "shortDescription": {"text": "A suppression comment naming an unknown code, or suppressing nothing."},
                "defaultConfiguration": {"level": "warning"},
                "helpUri": f"{DOCS_URL}cli/#suppression-comments",
            }
        )
    index = {r["id"]: k for k, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for d in diags:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": escape_controls(d.message)},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": artifact_uri(d.span.path)},
                        "region": {"startLine": d.span.line, "startColumn": d.span.column},
                    }
                }
            ],
        }
        if d.code in index:
            result["ruleIndex"] = index[d.code]
        results.append(result)
    doc = {
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [
            {
                "tool": {
                    "driver": {
                        "name": "awesome-parse",
                        "version": __version__,
                        "informationUri": DOCS_URL,
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


REPORTERS = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}


def render(diags: Sequence[Diagnostic], fmt: str, *, color: bool = False) -> str:
    """Render findings in one of :data:`REPORTERS`' formats (``color`` only changes ``text``)."""
    return REPORTERS[fmt](diags, color)
