"""Properties that must hold for any input, checked with hypothesis."""

from __future__ import annotations

from hypothesis import HealthCheck, given, settings

from awesome_parse import parse_text
from awesome_parse.repair import repair_text

from .strategies import arbitrary_text, readme_like

SETTINGS = settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])


def _spans_inside(text: str) -> None:
    result = parse_text(text, path="x.md")
    n = len(text.replace("\r\n", "\n").replace("\r", "\n").split("\n"))
    for paper in result.papers:
        assert paper.source is not None and 1 <= paper.source.line <= n
    for skipped in result.skipped:
        assert 1 <= skipped.span.line <= skipped.span.end_line <= n
    for diag in result.diagnostics:
        assert 1 <= diag.span.line <= n


@SETTINGS
@given(arbitrary_text)
def test_parse_never_raises_on_arbitrary_text(text: str) -> None:
    _spans_inside(text)


@SETTINGS
@given(readme_like)
def test_parse_never_raises_on_readme_like_text(text: str) -> None:
    _spans_inside(text)


@SETTINGS
@given(readme_like)
def test_repair_keeps_line_structure(text: str) -> None:
    out = repair_text(text).text
    assert out.count("\n") == text.count("\n")
