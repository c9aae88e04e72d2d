"""JSON and JSON Lines: the output contract of ``awesome-parse parse`` (``Paper.to_dict``).

>>> from awesome_parse.model import Paper
>>> dumps_jsonl([Paper(title="T")]).count("\\n")
1
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Paper
from ._clean import clean_papers


def dumps_json(papers: Sequence[Paper]) -> str:
    """A JSON array of :meth:`Paper.to_dict` objects (control characters removed from every text)."""
    return json.dumps([p.to_dict() for p in clean_papers(papers)], ensure_ascii=False, indent=1) + "\n"


def dumps_jsonl(papers: Sequence[Paper]) -> str:
    """One :meth:`Paper.to_dict` object a line (control characters removed from every text)."""
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in clean_papers(papers))


def loads_json(text: str) -> list[Paper]:
    """Read a JSON array of papers (or an object whose ``papers`` key holds one).

    >>> loads_json('{"papers": [{"title": "T"}]}')[0].title
    'T'
    """
    data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("papers", [])
    if not isinstance(data, list) or not all(isinstance(d, dict) for d in data):
        raise ValueError("a JSON export is an array of paper objects")
    return [Paper.from_dict(d) for d in data]


def loads_jsonl(text: str) -> list[Paper]:
    """Read JSON Lines: records are cut at ``\\n`` only, so U+2028 or U+0085 inside a value is kept.

    >>> [p.title for p in loads_jsonl('{"title": "a\\u2028b"}\\r\\n\\n{"title": "c\\x85"}\\n')]
    ['a\\u2028b', 'c\\x85']
    """
    papers = []
    for number, line in enumerate(text.split("\n"), 1):
        if not line.strip():
            continue
        try:
            data = json.loads(line)
        except ValueError as exc:
            raise ValueError(f"line {number}: not JSON ({exc})") from None
        if not isinstance(data, dict):
            raise ValueError(f"line {number}: not a paper object")
        papers.append(Paper.from_dict(data))
    return papers
