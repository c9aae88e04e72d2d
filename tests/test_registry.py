"""The registries: order, toggles, plugins through the registry and through entry points."""

from __future__ import annotations

from collections.abc import Iterator

import pytest

from awesome_parse import parse_text
from awesome_parse.detect import Detection, ParseContext, default_registry, load_plugins
from awesome_parse.markdown import Paragraph, Section
from awesome_parse.model import RawEntry, RawLink, Span
from awesome_parse.normalize import default_steps


class HeadingTitles:
    """A plugin format: a heading is a paper's title when the paragraph below links it."""

    name = "heading-titles"

    def detect(self, section: Section, context: ParseContext) -> Detection:
        hit = any(isinstance(b, Paragraph) and "arxiv.org" in b.inline.content for b in section.blocks)
        return Detection(self.name, 1.0 if hit and section.heading else 0.0, "heading above a paper link")

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry]:
        for block in section.blocks:
            if isinstance(block, Paragraph) and "arxiv.org" in block.inline.content:
                url = block.inline.content.split("(", 1)[1].split(")", 1)[0]
                yield RawEntry(
                    format=self.name,
                    span=Span(context.path, section.line),
                    section=section.heading_path,
                    fields=[("title", section.heading or "")],
                    links=[RawLink(url, "paper", "title")],
                )


def use_heading_titles(registry, **options):  # type: ignore[no-untyped-def]
    registry.push("heading-titles", HeadingTitles())


TEXT = "### Attention Is All You Need\n\n[paper](https://arxiv.org/abs/1706.03762)\n"


def test_plugin_through_use() -> None:
    assert parse_text(TEXT).papers == ()
    registry = default_registry().use(use_heading_titles)
    papers = parse_text(TEXT, registry=registry).papers
    assert [(p.title, p.arxiv_id, p.source.line, p.format) for p in papers] == [  # type: ignore[union-attr]
        ("Attention Is All You Need", "1706.03762", 1, "heading-titles")
    ]


def test_registry_controls() -> None:
    registry = default_registry()
    assert registry.names() == ["html-table", "pipe-table", "bullet-list", "numbered-citations"]
    registry.disable("bullet-list")
    assert parse_text("- [A Good Title Here](https://arxiv.org/abs/2401.00001)", registry=registry).papers == ()
    with pytest.raises(KeyError, match="known: html-table, pipe-table"):
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
        name = "heading-titles"

        def load(self):  # type: ignore[no-untyped-def]
            return use_heading_titles

    import importlib.metadata

    monkeypatch.setattr(importlib.metadata, "entry_points", lambda group: [FakeEntryPoint()])
    registry = default_registry()
    assert load_plugins(registry) == ["heading-titles"]
    assert "heading-titles" in registry
