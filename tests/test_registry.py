"""The registries: order, toggles, plugins through the registry and through entry points."""

from __future__ import annotations

import re
from collections.abc import Iterator

import pytest

from awesome_parse import parse_text
from awesome_parse.detect import Detection, ParseContext, default_registry, load_plugins
from awesome_parse.markdown import Paragraph, Section
from awesome_parse.model import RawEntry, RawLink, Span
from awesome_parse.normalize import default_steps

LINK = re.compile(r"\[([^\]]+)\]\((https?://arxiv\.org/[^)\s]+)\)")


class QuotedLinks:
    """A plugin format: a block quote that links an arXiv paper is that paper (built-ins skip quotes)."""

    name = "quoted-links"

    def detect(self, section: Section, context: ParseContext) -> Detection:
        hit = any(isinstance(b, Paragraph) and b.in_quote and "arxiv.org" in b.inline.content for b in section.blocks)
        return Detection(self.name, 1.0 if hit and section.heading else 0.0, "a quote links a paper")

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry]:
        for block in section.blocks:
            found = LINK.search(block.inline.content) if isinstance(block, Paragraph) and block.in_quote else None
            if found:
                label, url = found.groups()
                yield RawEntry(
                    format=self.name,
                    span=Span(context.path, block.line),
                    section=section.heading_path,
                    fields=[("title", label)],
                    links=[RawLink(url, "paper", "title")],
                )


def use_quoted_links(registry, **options):  # type: ignore[no-untyped-def]
    registry.push("quoted-links", QuotedLinks())


TEXT = "## Read first\n\n> [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"


def test_plugin_through_use() -> None:
    assert parse_text(TEXT).papers == ()
    registry = default_registry().use(use_quoted_links)
    papers = parse_text(TEXT, registry=registry).papers
    assert [(p.title, p.arxiv_id, p.source.line, p.format) for p in papers] == [  # type: ignore[union-attr]
        ("Attention Is All You Need", "1706.03762", 3, "quoted-links")
    ]


def test_registry_controls() -> None:
    registry = default_registry()
    assert registry.names() == [
        "html-table",
        "html-list",
        "pipe-table",
        "bullet-list",
        "numbered-citations",
        "heading-entry",
    ]
    registry.disable("bullet-list")
    assert parse_text("- [A Good Title Here](https://arxiv.org/abs/2401.00001)", registry=registry).papers == ()
    with pytest.raises(KeyError, match="known: html-table, html-list, pipe-table"):
        registry.enable("bulleted")
    with pytest.raises(ValueError, match="already exists"):
        registry.push("pipe-table", registry.get("pipe-table"))
    assert default_registry().names(enabled_only=True) == registry.names()  # a fresh copy each time


def test_normalizer_step_can_be_replaced() -> None:
    steps = default_steps()
    steps.replace("kind", lambda raw, ctx, values: {"kind": "non-paper"})
    paper = parse_text("- [A Good Title Here](https://arxiv.org/abs/2401.00001)", steps=steps).papers[0]
    assert paper.kind == "non-paper"


def test_entry_point_plugins(monkeypatch: pytest.MonkeyPatch) -> None:
    class FakeEntryPoint:
        name = "quoted-links"

        def load(self):  # type: ignore[no-untyped-def]
            return use_quoted_links

    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [FakeEntryPoint()])
    registry = default_registry()
    assert load_plugins(registry) == ["quoted-links"]
    assert "quoted-links" in registry
