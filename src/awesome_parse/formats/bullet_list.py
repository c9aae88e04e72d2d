"""Bullet lists of papers: link lists, key-value bullets, date-prefixed citations, sub-bullets.

Shapes handled (see :mod:`awesome_parse.formats._lists` and
the rules of :mod:`awesome_parse.grammar`):

* ``- [Title](url) - description``
* ``- **Paper**:[Title](url)`` / ``- **year**:2022/02`` under a per-paper heading
* ``- [2023/02] **Title.** *Authors et al. Venue.* [[paper](url)] [[code](url)]``
* a linked title with indented ``Code:``/``Keywords:`` sub-bullets
* plain-text citations around the links: ``- [Title](url) - A. Author, B. Author. ICCV 2023.``,
  ``- Title. A. Author, B. Author. [[pdf]](url)``, ``- (CVPR 2023) Title [[Paper](url)]``

>>> from awesome_parse.api import parse_text
>>> text = "## DPO\\n- **Paper**:[Direct Preference Optimization](https://arxiv.org/pdf/2305.18290.pdf)\\n- **year**:2023/05\\n"
>>> p = parse_text(text).papers[0]
>>> p.title, p.aliases, p.date, p.year
('Direct Preference Optimization', ('DPO',), '2023-05', 2023)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

import attrs

from ..context import Detection, ParseContext
from ..errors import Diagnostic
from ..grammar.text import is_title_like
from ..markdown import ListBlock, Section
from ..model import RawEntry, Shape, Skipped
from ._lists import citations_without_links, list_entries

__all__ = ["BulletList"]


def _entryish(block: ListBlock) -> int:
    """Items linking outside the file: a cheap count for detection."""
    count = 0
    for item in block.items:
        content = " ".join(p.content for p in item.paragraphs)
        if "](http" in content or "](www" in content or "](arxiv" in content or "http" in content or "**" in content:
            count += 1
        for sub in item.sublists:
            count += _entryish(sub)
    return count


#: A heading that is a year or a month ("2019", "2023.05"): it dates entries, it names none.
_DATE_HEADING = re.compile(r"^\W*(?:19|20)\d\d(?:\s*[/\-.]\s*\d{1,2}){0,2}\W*$")


class BulletList:
    """Parser for bullet lists (``bullet-list``)."""

    name = "bullet-list"
    ordered = False

    def _lists(self, section: Section) -> list[ListBlock]:
        return [b for b in section.blocks if isinstance(b, ListBlock) and b.ordered == self.ordered and not b.in_quote]

    def detect(self, section: Section, context: ParseContext) -> Detection:
        lists = self._lists(section)
        if not lists:
            return Detection(self.name, 0.0, f"no {'numbered' if self.ordered else 'bullet'} list")
        items = sum(len(b.items) for b in lists)
        linked = sum(_entryish(b) for b in lists)
        if not linked:
            cited, asked = citations_without_links(lists)
            if cited and 2 * cited >= asked:
                return Detection(self.name, 0.2, f"{cited} of {asked} item(s) read as citations without links")
            return Detection(self.name, 0.0, f"{items} item(s), none links outside the file")
        return Detection(
            self.name, min(1.0, linked / max(items, 1)), f"{linked} of {items} item(s) link out or are bold"
        )

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]:
        results: list[RawEntry | Skipped] = []
        for block in self._lists(section):
            results.extend(list_entries(self.name, context.path, section.heading_path, block))
        kv = [r for r in results if isinstance(r, RawEntry) and r.shape is Shape.KEY_VALUE]
        if len(kv) == 1 and section.level >= 2 and section.heading and not _DATE_HEADING.match(section.heading):
            # a heading holding exactly one key-value entry is that entry's name
            only = kv[0]
            # a nickname (``Instruct GPT``) is an alias; a heading that reads as a title is the
            # title when the entry has none (the paper key held a bare URL)
            role = "title" if only.get("title") is None and is_title_like(section.heading) else "alias"
            if only.get(role) != section.heading:
                named = attrs.evolve(only, fields=(*only.fields, (role, section.heading)))
                results = [named if r is only else r for r in results]
        yield from results
