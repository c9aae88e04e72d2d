"""Numbered citation lists and reference paragraphs.

Shapes handled:

* ``1.  **Title.** `Venue``` then ``*Authors.* [[PDF](url)][[Code](url)], 2020.``
* ``1. <u>T5</u>: **"Title"**. *Authors et al.* JMLR 2019. [[Paper](url)]``
* ``1. **Alias**: "Title" [2024-09] [ACL 2024] [[paper](url)]``
* reference paragraphs ``<a id="ref1">[1]</a> Authors. **Title**. Venue, 2022. [Paper](url)``
  and citation paragraphs outside any list (``**Title**. *Authors*. Venue. [[pdf](url)]``)

>>> from awesome_parse.api import parse_text
>>> text = "1.  **Attention is all you need.** `NeurIPS`\\n    *Vaswani, Ashish and Shazeer, Noam.* [[PDF](https://arxiv.org/pdf/1706.03762)], 2017.\\n"
>>> p = parse_text(text).papers[0]
>>> p.title, p.authors, p.venue, p.year
('Attention is all you need', ('Vaswani, Ashish', 'Shazeer, Noam'), 'NeurIPS', 2017)
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from ..context import Detection, ParseContext
from ..errors import Diagnostic
from ..markdown import Paragraph, Section
from ..model import RawEntry, Skipped
from ..patterns import YEAR
from ._lists import paragraph_entry
from .bullet_list import BulletList

__all__ = ["NumberedCitations"]


#: A numbered reference: ``[1] Authors, "Title," Venue, 2019.``
_REFERENCE = re.compile(r"^\[\d{1,4}\]\s+\S")
#: An anchor around the reference number, as lists write them to link to: ``<a id="ref1">[1]</a>``.
_ANCHOR = re.compile(r"^<a\b[^>]{0,200}>(.{0,12}?)</a>")


def _citation_paragraphs(section: Section) -> list[Paragraph]:
    out = []
    for b in section.blocks:
        if isinstance(b, Paragraph) and not b.in_quote:
            text = b.inline.content.lstrip()
            if text.startswith(("[", "<a", "**", "__", "<b>", "<strong>")) and ("](" in text or "*" in text[2:]):
                out.append(b)
            elif _REFERENCE.match(_ANCHOR.sub(r"\1", text, count=1)) and (
                "http" in text or "arxiv" in text.lower() or YEAR.search(text)
            ):
                # "[1] J. Devlin, ..., "BERT: ...," in NAACL, 2019. Available: https://...", also after an
                # anchor: "<a id="1">[1]</a> LeCun, Y. (1998). The MNIST database. http://..."
                out.append(b)
    return out


class NumberedCitations(BulletList):
    """Parser for numbered lists and citation paragraphs (``numbered-citations``)."""

    name = "numbered-citations"
    ordered = True

    def detect(self, section: Section, context: ParseContext) -> Detection:
        det = super().detect(section, context)
        paragraphs = _citation_paragraphs(section)
        if det.score == 0 and not paragraphs:
            return det
        if paragraphs:
            reason = f"{det.reason}; {len(paragraphs)} citation-like paragraph(s)"
            return Detection(self.name, max(det.score, 0.5), reason)
        return det

    def parse(self, section: Section, context: ParseContext) -> Iterator[RawEntry | Skipped | Diagnostic]:
        yield from super().parse(section, context)
        for para in _citation_paragraphs(section):
            entry = paragraph_entry(self.name, context.path, section.heading_path, para.inline, para.end_line)
            if entry is not None:
                yield entry
