"""Format detection: every enabled format scores every section and explains its score.

A format parser (:class:`FormatParser`) handles one family of blocks: HTML
tables, pipe tables, bullet lists, numbered citation lists.  For each section
:func:`choose` asks every enabled parser for a :class:`Detection` (a score in
0..1 and the reason), keeps those above zero in registry order, and records all
of them, so ``awesome-parse parse --explain`` can say why a section was read the
way it was, the way ftfy explains its fixes.

>>> from awesome_parse.markdown import build_document
>>> doc = build_document("## Papers\\n\\n1. **A title.** `arXiv` [[PDF](https://arxiv.org/abs/2401.00001)]\\n")
>>> ctx = ParseContext(doc)
>>> [d.format for d in choose(doc.sections[1], default_registry(), ctx) if d.chosen]
['numbered-citations']
"""

from __future__ import annotations

import attrs

from .context import Detection, FormatParser, ParseContext, TableContext
from .formats import BulletList, HeadingEntry, HtmlList, HtmlTable, NumberedCitations, PipeTable
from .markdown import Section
from .registry import Registry

__all__ = [
    "ENTRY_POINT_GROUP",
    "Detection",
    "FormatParser",
    "ParseContext",
    "TableContext",
    "choose",
    "default_registry",
    "load_plugins",
]


ENTRY_POINT_GROUP = "awesome_parse.formats"


def load_plugins(registry: Registry[FormatParser], group: str = ENTRY_POINT_GROUP) -> list[str]:
    """Apply every installed plugin of the entry-point ``group`` to ``registry``; returns their names.

    A plugin is a function ``plugin(registry, **options)`` (markdown-it's ``use``),
    registered by a package as ``[project.entry-points."awesome_parse.formats"]``.
    Plugins are loaded only on request (``awesome-parse parse --plugins``), never
    implicitly.
    """
    from importlib.metadata import entry_points

    names = []
    for ep in sorted(entry_points(group=group), key=lambda e: e.name):
        registry.use(ep.load())
        names.append(ep.name)
    return names


def default_registry() -> Registry[FormatParser]:
    """A fresh registry of the built-in formats, in priority order."""
    reg: Registry[FormatParser] = Registry()
    reg.push("html-table", HtmlTable())
    reg.push("html-list", HtmlList())
    reg.push("pipe-table", PipeTable())
    reg.push("bullet-list", BulletList())
    reg.push("numbered-citations", NumberedCitations())
    reg.push("heading-entry", HeadingEntry())
    return reg


def choose(section: Section, registry: Registry[FormatParser], context: ParseContext) -> list[Detection]:
    """Score every enabled format on ``section``; those scoring above zero are chosen."""
    out: list[Detection] = []
    for name, parser in registry.items():
        det = parser.detect(section, context)
        det = attrs.evolve(det, format=name, section=section.heading_path, line=section.line, chosen=det.score > 0)
        out.append(det)
    return out
