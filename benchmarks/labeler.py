"""Token accuracy of the shipped citation labeler on anystyle's hand-labeled references.

Reads anystyle's XML dataset (``<dataset><sequence><author>...</author><title>...``; BSD-2-Clause,
kept outside this project) from the folder given with ``--data`` (default: ``../shared/citations``
next to the checkout), maps its labels to the labeler's five and prints the accuracy per file,
per label and overall.  The model was never trained on these files.

    python benchmarks/labeler.py [--data DIR] [--file anystyle-gold.xml] [--limit N] [--model PATH]

Label map: ``author`` -> author; ``title`` -> title; ``container-title``, ``journal``,
``collection-title`` -> venue; ``publisher`` -> venue when the reference has no container
(a book), else other; ``date`` -> year; everything else (``editor``, ``translator``, ``volume``,
``pages``, ``location``, ``note``, ``url``, ``doi``, ``citation-number``...) -> other.
"""

from __future__ import annotations

import argparse
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from awesome_parse.grammar.labeler import LABELS, Token, label, load_model, tokenize

__all__ = ["accuracy", "main", "read_dataset"]

_VENUE = frozenset({"container-title", "journal", "collection-title"})
_DIRECT = {"author": "author", "title": "title", "date": "year"}


def read_dataset(path: Path) -> Iterator[tuple[list[Token], list[str]]]:
    """Each reference of an anystyle XML file as tokens and their mapped gold labels."""
    root = ET.parse(path).getroot()
    for seq in root.iter("sequence"):
        parts = [(child.tag, " ".join((child.text or "").split())) for child in seq]
        has_container = any(tag in _VENUE for tag, _ in parts)
        text = ""
        spans: list[tuple[int, int, str]] = []
        for tag, value in parts:
            if not value:
                continue
            if text:
                text += " "
            if tag in _DIRECT:
                mapped = _DIRECT[tag]
            elif tag in _VENUE or (tag == "publisher" and not has_container):
                mapped = "venue"
            else:
                mapped = "other"
            spans.append((len(text), len(text) + len(value), mapped))
            text += value
        tokens = tokenize(text)
        gold = []
        for t in tokens:
            gold.append(next((lab for a, b, lab in spans if a <= t.start < b), "other"))
        if tokens:
            yield tokens, gold


def accuracy(
    path: Path, *, limit: int | None = None, model_path: str | None = None
) -> tuple[float, Counter[str], Counter[str], int]:
    """(token accuracy, correct per gold label, tokens per gold label, references) on one file."""
    model = load_model(model_path)
    right: Counter[str] = Counter()
    total: Counter[str] = Counter()
    n = 0
    for tokens, gold in read_dataset(path):
        if limit is not None and n >= limit:
            break
        n += 1
        for g, p in zip(gold, label(tokens, model=model), strict=True):
            total[g] += 1
            right[g] += g == p
    acc = sum(right.values()) / max(1, sum(total.values()))
    return acc, right, total, n


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--data", type=Path, default=Path(__file__).resolve().parents[2] / "shared" / "citations")
    parser.add_argument("--file", action="append", help="file names inside --data (default: anystyle-gold.xml)")
    parser.add_argument("--limit", type=int, default=None, help="read only the first N references of each file")
    parser.add_argument("--model", default=None, help="a model file other than the shipped one")
    args = parser.parse_args(argv)
    names = args.file or ["anystyle-gold.xml"]
    for name in names:
        path = args.data / name
        if not path.is_file():
            print(f"error: {path}: no such file (give the folder with --data)", file=sys.stderr)
            return 2
        t0 = time.process_time()
        try:
            acc, right, total, n = accuracy(path, limit=args.limit, model_path=args.model)
        except ET.ParseError as exc:
            print(f"error: {path}: not an anystyle XML dataset ({exc})", file=sys.stderr)
            return 2
        cpu = time.process_time() - t0
        per = " ".join(f"{lab}={right[lab] / total[lab]:.3f}" for lab in LABELS if total[lab])
        print(f"{name}: references={n} tokens={sum(total.values())} {per} cpu={cpu:.1f}s")
        print(f"{name}: token accuracy={acc:.3f}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
