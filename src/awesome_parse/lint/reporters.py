"""Lint output formats: text (compiler style), json, github (workflow commands), sarif.

>>> from awesome_parse.errors import Diagnostic, Severity
>>> from awesome_parse.model import Span
>>> d = Diagnostic("AP102", Severity.WARNING, "link without scheme", Span("README.md", 76, 76, 20))
>>> print(render([d], "text"))
README.md:76:20: AP102 link without scheme
>>> print(render([d], "github"))
::warning file=README.md,line=76,col=20,title=AP102::link without scheme
"""

from __future__ import annotations

import json
from collections.abc import Sequence
from typing import Any

from .. import __version__
from ..errors import Diagnostic, Severity

__all__ = ["REPORTERS", "render"]


def _text(diags: Sequence[Diagnostic]) -> str:
    return "\n".join(str(d) for d in diags)


def _json(diags: Sequence[Diagnostic]) -> str:
    return json.dumps(
        [
            {
                "path": d.span.path,
                "line": d.span.line,
                "column": d.span.column,
                "code": d.code,
                "severity": str(d.severity),
                "message": d.message,
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


def _github(diags: Sequence[Diagnostic]) -> str:
    return "\n".join(
        f"::{_GH_LEVEL[d.severity]} file={_escape_prop(d.span.path or '')},line={d.span.line},"
        f"col={d.span.column},title={_escape_prop(d.code)}::{_escape_data(d.message)}"
        for d in diags
    )


_SARIF_LEVEL = {Severity.ERROR: "error", Severity.WARNING: "warning", Severity.INFO: "note"}


def _sarif(diags: Sequence[Diagnostic]) -> str:
    from .rules import default_rules

    rules = [
        {
            "id": rule.code,
            "name": rule.name,
            "shortDescription": {"text": rule.summary},
            "help": {"text": f"Bad:\n{rule.bad}\n\nGood:\n{rule.good}"},
            "defaultConfiguration": {"level": _SARIF_LEVEL[rule.severity]},
        }
        for rule in default_rules()
    ]
    index = {r["id"]: k for k, r in enumerate(rules)}
    results: list[dict[str, Any]] = []
    for d in diags:
        result: dict[str, Any] = {
            "ruleId": d.code,
            "level": _SARIF_LEVEL[d.severity],
            "message": {"text": d.message},
            "locations": [
                {
                    "physicalLocation": {
                        "artifactLocation": {"uri": (d.span.path or "").replace("\\", "/")},
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
                        "informationUri": "https://pypi.org/project/awesome-parse/",
                        "rules": rules,
                    }
                },
                "results": results,
            }
        ],
    }
    return json.dumps(doc, ensure_ascii=False, indent=1)


REPORTERS = {"text": _text, "json": _json, "github": _github, "sarif": _sarif}


def render(diags: Sequence[Diagnostic], fmt: str) -> str:
    """Render findings in one of :data:`REPORTERS`' formats."""
    return REPORTERS[fmt](diags)
