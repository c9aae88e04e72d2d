"""JSON and JSON Lines: the output contract of ``awesome-parse parse`` (``Paper.to_dict``).

>>> from awesome_parse.model import Paper
>>> dumps_jsonl([Paper(title="T")]).count("\\n")
1
"""

from __future__ import annotations

import json
from collections.abc import Sequence

from ..model import Paper


def dumps_json(papers: Sequence[Paper]) -> str:
    return json.dumps([p.to_dict() for p in papers], ensure_ascii=False, indent=1) + "\n"


def dumps_jsonl(papers: Sequence[Paper]) -> str:
    return "".join(json.dumps(p.to_dict(), ensure_ascii=False) + "\n" for p in papers)


def loads_json(text: str) -> list[Paper]:
    data = json.loads(text)
    if isinstance(data, dict):
        data = data.get("papers", [])
    return [Paper.from_dict(d) for d in data]


def loads_jsonl(text: str) -> list[Paper]:
    return [Paper.from_dict(json.loads(line)) for line in text.splitlines() if line.strip()]
