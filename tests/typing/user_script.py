"""A user's script over the documented API (README.md, docs/api.md), checked by ``mypy --strict``.

Every name the documentation shows is imported the way the documentation
imports it, and ``assert_type`` pins the types a user relies on: a name that
type checkers saw as ``Any`` (or a module where a function is expected) makes
``tests/test_typing.py`` fail.  ``main`` runs it on a small README, so the
examples are executed as well as checked.
"""

from __future__ import annotations

import sys
from collections.abc import Sequence
from pathlib import Path

if sys.version_info >= (3, 11):
    from typing import assert_type
else:
    from exceptiongroup import ExceptionGroup
    from typing_extensions import assert_type

import attrs

import awesome_parse
from awesome_parse import (
    ArxivId,
    AwesomeParseError,
    Conflict,
    Diagnostic,
    InputError,
    Link,
    MergeResult,
    Paper,
    ParseError,
    ParseResult,
    Source,
    merge,
    parse_bytes,
    parse_file,
    parse_text,
)
from awesome_parse.detect import Detection, FormatParser, ParseContext, default_registry, load_plugins
from awesome_parse.export import dumps, loads, write_atomic
from awesome_parse.lint import apply_fixes, default_rules, lint_file, lint_text
from awesome_parse.normalize import default_steps, normalize
from awesome_parse.registry import Registry
from awesome_parse.repair import RepairReport, repair_text

EXTENSION_NAMES: tuple[object, ...] = (Detection, FormatParser, ParseContext, load_plugins, normalize, Registry)


def read_list(path: Path) -> list[str]:
    """README "Use it from a script": parse a file, read papers, skipped rows and diagnostics."""
    result = awesome_parse.parse_file(path)
    assert_type(result, ParseResult)
    lines: list[str] = []
    for paper in result.papers:
        assert_type(paper, Paper)
        assert_type(paper.title, str | None)
        assert_type(paper.arxiv_id, str | None)
        assert_type(paper.year, int | None)
        assert_type(paper.venue, str | None)
        line = paper.source.line if paper.source is not None else 0
        lines.append(f"{line} {paper.title} {paper.arxiv_id} {paper.year} {paper.venue}")
    lines.extend(str(skipped) for skipped in result.skipped)
    lines.extend(str(diagnostic) for diagnostic in result.diagnostics)
    return lines


def merge_lists(files: Sequence[Path]) -> MergeResult:
    """README "Merge lists into one dataset"."""
    result = merge([p for f in files for p in parse_file(f).papers])
    assert_type(result, MergeResult)
    for conflict in result.conflicts:
        assert_type(conflict, Conflict)
        assert_type(conflict.message, str)
    return result


def model(paper: Paper) -> dict[str, object]:
    """docs/api.md: Paper, Link, Source, ArxivId; README: change a Paper with attrs.evolve."""
    renamed = attrs.evolve(paper, title="Another title")
    assert_type(renamed, Paper)
    assert_type(paper.links, tuple[Link, ...])
    assert_type(paper.link("code"), str | None)
    assert_type(paper.source, Source | None)
    arxiv = ArxivId.from_url("https://arxiv.org/abs/2305.14314v2")
    assert_type(arxiv, ArxivId | None)
    if arxiv is not None:
        assert_type(arxiv.id, str)
        assert_type(arxiv.url("pdf"), str)
    data = renamed.to_dict()
    assert Paper.from_dict(data).title == "Another title"
    return data


def strict_and_errors(text: str, missing: Path) -> list[str]:
    """README: ``strict=True`` raises an ExceptionGroup of ParseError; InputError for unreadable files."""
    messages: list[str] = []
    try:
        parse_text(text, strict=True)
    except ExceptionGroup as group:
        for error in group.exceptions:
            if isinstance(error, ParseError):
                assert_type(error.diagnostic, Diagnostic)
                messages.append(str(error.diagnostic))
    try:
        parse_file(missing)
    except InputError as error:
        assert_type(error, InputError)
        messages.append(str(error))
    except AwesomeParseError as error:
        messages.append(f"unexpected: {error}")
    return messages


def extension_modules(path: Path, text: str) -> list[str]:
    """docs/api.md's modules meant for extension."""
    registry = default_registry()
    steps = default_steps()
    assert_type(parse_bytes(text.encode(), path="bytes.md", registry=registry, steps=steps), ParseResult)
    report = lint_file(path)
    findings: list[Diagnostic] = list(report.findings) + list(
        lint_text(text, "text.md", rules=default_rules()).findings
    )
    fixed, applied = apply_fixes(text, findings)
    assert_type(fixed, str)
    repaired = repair_text(text)
    assert_type(repaired, RepairReport)
    papers = parse_text(text).papers
    exported = dumps(papers, "jsonl")
    back = loads(exported, "jsonl")
    write_atomic(path.with_suffix(".jsonl"), exported)
    return [str(d) for d in applied] + [repaired.text, str(len(back))]


def main(folder: Path) -> int:
    """Run every example on a two-entry README in ``folder``."""
    text = (
        "# Papers\n\n"
        "- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)\n"
        "- [Attention Is All You Need](arxiv.org/abs/1706.03762)\n"
    )
    readme = folder / "README.md"
    readme.write_text(text, encoding="utf-8")
    assert_type(awesome_parse.__version__, str)
    assert read_list(readme)
    merged = merge_lists([readme, readme])
    assert len(merged.papers) == 2
    model(merged.papers[0])
    strict_and_errors(text, folder / "missing.md")
    extension_modules(readme, text)
    return len(merged.papers)


if __name__ == "__main__":
    raise SystemExit(0 if main(Path(sys.argv[1])) else 1)
