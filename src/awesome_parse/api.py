"""The public entry points: the only place where the stages are wired together.

``bytes -> reading.decode -> repair -> markdown.build_document -> detect.choose ->
parser.parse -> normalize -> ParseResult``

>>> result = parse_text("# My list\\n\\n- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)\\n")
>>> [(p.title, p.arxiv_id, p.source.line, p.source.list) for p in result.papers]
[('QLoRA: Efficient Finetuning of Quantized LLMs', '2305.14314', 3, 'My list')]
"""

from __future__ import annotations

import gc
import os
import re
from typing import Any

import attrs

from ._text import squash
from .detect import Detection, FormatParser, ParseContext, choose, default_registry, load_plugins
from .errors import Diagnostic, Severity, raise_strict
from .markdown import Document, build_document, release_tokens
from .model import Paper, ParseResult, RawEntry, Skipped, SkipReason, Span
from .normalize import NormalizeContext, Step, find_legend, normalize
from .reading import SourceText, decode, normalize_newlines, read_file
from .registry import Registry

__all__ = ["Analysis", "analyze_source", "parse_bytes", "parse_file", "parse_source", "parse_text"]

_DEFAULT_REGISTRY: Registry[FormatParser] | None = None
_SURROGATE = re.compile("[\ud800-\udfff]")


def _replace_surrogates(text: str, path: str | None) -> tuple[str, list[Diagnostic]]:
    """Lone surrogates (possible in a ``str``, never in UTF-8) become U+FFFD, each reported."""
    diags = []
    lines = text.split("\n")
    for number, line in enumerate(lines, start=1):
        m = _SURROGATE.search(line)
        if m:
            diags.append(
                Diagnostic(
                    "AP002",
                    Severity.WARNING,
                    "lone surrogate code points replaced with U+FFFD",
                    Span(path, number, number, m.start() + 1),
                )
            )
            lines[number - 1] = _SURROGATE.sub("\ufffd", line)
    return "\n".join(lines), diags


_PLUGIN_REGISTRY: Registry[FormatParser] | None = None


def _registry(registry: Registry[FormatParser] | None, plugins: bool = False) -> Registry[FormatParser]:
    global _DEFAULT_REGISTRY, _PLUGIN_REGISTRY
    if registry is not None:
        return registry
    if plugins:
        if _PLUGIN_REGISTRY is None:
            _PLUGIN_REGISTRY = default_registry()
            load_plugins(_PLUGIN_REGISTRY)
        return _PLUGIN_REGISTRY
    if _DEFAULT_REGISTRY is None:
        _DEFAULT_REGISTRY = default_registry()
    return _DEFAULT_REGISTRY


def parse_text(
    text: str,
    *,
    path: str | None = None,
    repair: bool = True,
    registry: Registry[FormatParser] | None = None,
    steps: Registry[Step] | None = None,
    strict: bool = False,
    list_name: str | None = None,
    plugins: bool = False,
) -> ParseResult:
    """Parse README text into papers, skipped candidates and diagnostics.

    Args:
        text: the README as a ``str`` (use :func:`parse_bytes` for bytes).
        path: the file name to report in sources and diagnostics.
        repair: repair mojibake first (the default; see :mod:`awesome_parse.repair`).
        registry: the format parsers to use (default: :func:`~awesome_parse.detect.default_registry`).
        steps: the normalizer steps to use (default: :func:`~awesome_parse.normalize.default_steps`).
        strict: raise every problem at once as an ``ExceptionGroup`` of
            :class:`~awesome_parse.errors.ParseError` instead of returning diagnostics.
        list_name: the list's name in every source (default: the document's title).
        plugins: also use the format parsers installed under the ``awesome_parse.formats``
            entry-point group (see :func:`~awesome_parse.detect.load_plugins`).

    Raises:
        TypeError: when ``text`` is not a ``str``.
    """
    if not isinstance(text, str):
        raise TypeError(
            f"parse_text() takes str, not {type(text).__name__}; use parse_bytes() or parse_file() for bytes"
        )
    return parse_source(
        SourceText(text, path),
        repair=repair,
        registry=registry,
        steps=steps,
        strict=strict,
        list_name=list_name,
        plugins=plugins,
    )


def parse_bytes(data: bytes, *, path: str | None = None, **options: Any) -> ParseResult:
    """Decode README bytes (BOM, UTF-8/16) and parse them; see :func:`parse_text` for options."""
    return parse_source(decode(data, path), **options)


def parse_file(path: str | os.PathLike[str], **options: Any) -> ParseResult:
    """Read, decode and parse one README file; see :func:`parse_text` for options.

    Raises:
        InputError: the file is missing, a directory, binary or not text (one-line message).
    """
    return parse_source(read_file(path), **options)


def parse_source(
    source: SourceText,
    *,
    repair: bool = True,
    registry: Registry[FormatParser] | None = None,
    steps: Registry[Step] | None = None,
    strict: bool = False,
    list_name: str | None = None,
    plugins: bool = False,
) -> ParseResult:
    """Parse an already decoded :class:`~awesome_parse.reading.SourceText`."""
    analysis = analyze_source(
        source, repair=repair, registry=registry, steps=steps, list_name=list_name, plugins=plugins
    )
    if strict:
        raise_strict(source.path, analysis.result.diagnostics, analysis.document.lines)
    return analysis.result


@attrs.frozen
class Analysis:
    """Everything one parse produced, for tools that need more than the papers (the linter).

    ``entries`` pairs every raw entry with the paper it became (or ``None``).
    """

    result: ParseResult
    document: Document
    entries: tuple[tuple[RawEntry, Paper | None], ...]
    text: str


def _gist(entry: RawEntry) -> str:
    """What a reader needs to find an entry that did not become a paper: its values and links."""
    parts = [value for _role, value in entry.fields if value][:4] + [link.url for link in entry.links][:2]
    return " | ".join(squash(p) for p in parts)[:160]


def analyze_source(
    source: SourceText,
    *,
    repair: bool = True,
    registry: Registry[FormatParser] | None = None,
    steps: Registry[Step] | None = None,
    list_name: str | None = None,
    plugins: bool = False,
) -> Analysis:
    """Run every stage on ``source`` and keep the intermediate results.

    The garbage collector is paused for the analysis of one document (its values are
    acyclic and short-lived, and collecting while building them costs a fifth of the
    time); it is switched back on afterwards if it was on, even when the analysis fails.
    """
    enabled = gc.isenabled()
    gc.disable()
    try:
        return _analyze(source, repair=repair, registry=registry, steps=steps, list_name=list_name, plugins=plugins)
    finally:
        if enabled:
            gc.enable()


def _analyze(
    source: SourceText,
    *,
    repair: bool,
    registry: Registry[FormatParser] | None,
    steps: Registry[Step] | None,
    list_name: str | None,
    plugins: bool,
) -> Analysis:
    text = normalize_newlines(source.text)
    path = source.path
    diagnostics: list[Diagnostic] = list(source.diagnostics)
    if _SURROGATE.search(text):
        text, found = _replace_surrogates(text, path)
        diagnostics.extend(found)
    report = None
    if repair:
        from .repair import repair_text

        report = repair_text(text, path=path)
        text = report.text
        diagnostics.extend(report.diagnostics())
    doc = build_document(text, path)
    ctx = ParseContext(doc)
    nctx = NormalizeContext(path, list_name if list_name is not None else doc.title, find_legend(doc.lines))
    reg = _registry(registry, plugins)
    papers: list[Paper] = []
    skipped: list[Skipped] = []
    entries: list[tuple[RawEntry, Paper | None]] = []
    detections: list[Detection] = []
    parsers = dict(reg.items())
    for section in doc.sections:
        if not section.blocks:
            continue
        dets = choose(section, reg, ctx)
        detections.extend(dets)
        for det in dets:
            if not det.chosen:
                continue
            for item in parsers[det.format].parse(section, ctx):
                if isinstance(item, RawEntry):
                    paper, diags = normalize(item, nctx, steps)
                    diagnostics.extend(diags)
                    entries.append((item, paper))
                    if paper is None:
                        skipped.append(Skipped(item.span, SkipReason.NO_TITLE_OR_PAPER_LINK, _gist(item), item.format))
                    else:
                        papers.append(paper)
                elif isinstance(item, Skipped):
                    skipped.append(item)
                else:
                    diagnostics.append(item)
        release_tokens(doc.env)  # the section is read: its inline tokens are not needed again
    papers.sort(key=lambda p: p.source.line if p.source else 0)
    skipped.sort(key=lambda s: s.span.line)
    diagnostics.sort()
    result = ParseResult(
        path=path,
        papers=papers,
        skipped=skipped,
        diagnostics=diagnostics,
        repairs=report,
        detections=detections,
        title=nctx.title,
        line_count=len(doc.lines),
    )
    return Analysis(result, doc, tuple(entries), text)
