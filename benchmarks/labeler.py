"""Token accuracy of the shipped citation labeler on anystyle's hand-labeled references.

Reads anystyle's XML dataset (``<dataset><sequence><author>...</author><title>...``; BSD-2-Clause,
kept outside this project) from the folder given with ``--data`` (default: ``../shared/citations``
next to the checkout), maps its labels to the labeler's five and prints the accuracy per file,
per label and overall.  The model was never trained on these files.

    python benchmarks/labeler.py [--data DIR] [--file anystyle-gold.xml] [--limit N] [--model PATH]

``parse`` runs the command line's ``parse`` with one way of reading a citation's free text
(``rules``, ``labeler`` or ``hybrid``, see ``awesome_parse.grammar.rules.citation_rules``), so the
scorers can compare them through their ``--cmd`` option:

    python ../shared/check/score_fields.py --cmd "python benchmarks/labeler.py parse hybrid {file} --format json"

Label map: ``author`` -> author; ``title`` -> title; ``container-title``, ``journal``,
``collection-title`` -> venue; ``date`` -> year; everything else (``publisher``, ``location``,
``editor``, ``translator``, ``volume``, ``pages``, ``note``, ``url``, ``doi``, ``citation-number``...)
-> other.
"""

from __future__ import annotations

import argparse
import re
import sys
import time
import xml.etree.ElementTree as ET
from collections import Counter
from collections.abc import Iterator
from pathlib import Path

from awesome_parse.grammar.labeler import LABELS, Token, label, load_model, tokenize

__all__ = ["accuracy", "main", "parse_with", "read_dataset"]

_VENUE = frozenset({"container-title", "journal", "collection-title"})
_DIRECT = {"author": "author", "title": "title", "date": "year"}


def read_dataset(path: Path) -> Iterator[tuple[list[Token], list[str]]]:
    """Each reference of an anystyle XML file as tokens and their mapped gold labels."""
    root = ET.parse(path).getroot()
    for seq in root.iter("sequence"):
        parts = [(child.tag, " ".join((child.text or "").split())) for child in seq]
        text = ""
        spans: list[tuple[int, int, str]] = []
        for tag, value in parts:
            if not value:
                continue
            if text:
                text += " "
            if tag in _DIRECT:
                mapped = _DIRECT[tag]
            elif tag in _VENUE:
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


_AUTHOR_NOISE = frozenset({"and", "et", "al", "eds", "ed", "others", "und"})


def _norm(text: str | None) -> str:
    """A field compared without case, punctuation or spacing."""
    return "".join(ch for ch in (text or "").lower() if ch.isalnum())


def _author_words(text: str | None) -> frozenset[str]:
    """The name words of an author field (two letters or more, without ``and``/``et al.``)."""
    words = re.findall(r"[^\W\d_]{2,}", (text or "").lower())
    return frozenset(w for w in words if w not in _AUTHOR_NOISE)


def read_fields(path: Path) -> Iterator[tuple[str, dict[str, str | None]]]:
    """Each reference of an anystyle XML file as its text and its gold title, authors, venue and year."""
    root = ET.parse(path).getroot()
    for seq in root.iter("sequence"):
        parts = [(child.tag, " ".join((child.text or "").split())) for child in seq]
        text = " ".join(value for _, value in parts if value)
        gold: dict[str, str | None] = {"title": None, "authors": None, "venue": None, "year": None}
        for tag, value in parts:
            key = "authors" if tag == "author" else "venue" if tag in _VENUE else tag if tag == "title" else None
            if tag == "date":
                m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", value)
                if m and gold["year"] is None:
                    gold["year"] = m.group(1)
            elif key and gold[key] is None and value:
                gold[key] = value
        if text:
            yield text, gold


def _field_right(field: str, gold: str | None, got: str | None) -> bool:
    if field == "authors":
        return _author_words(gold) == _author_words(got)
    if field == "year":
        return (gold or None) == (got or None)
    return _norm(gold) == _norm(got)


def field_accuracy(path: Path, mode: str, *, limit: int | None = None) -> tuple[dict[str, float], float, int]:
    """Per-field and all-four accuracy of one way of reading (``rules``, ``labeler``, ``hybrid`` or
    ``crf``: the labeler on the whole string, no grammar) on one anystyle file."""
    from awesome_parse.grammar import read_atoms
    from awesome_parse.grammar.atoms import to_atoms
    from awesome_parse.grammar.labeler import read_citation
    from awesome_parse.grammar.rules import citation_rules
    from awesome_parse.markdown import Inline

    rules = None if mode == "crf" else citation_rules(mode)
    right: Counter[str] = Counter()
    all4 = 0
    n = 0
    for text, gold in read_fields(path):
        if limit is not None and n >= limit:
            break
        n += 1
        if rules is None:
            c = read_citation(text)
            got = {"title": c.title, "authors": c.authors, "venue": c.venue, "year": c.year}
        else:
            from awesome_parse import grammar

            atoms, links = to_atoms([Inline(text, 1)])
            saved = grammar._DEFAULT_RULES
            grammar._DEFAULT_RULES = tuple(rules)
            try:
                r = read_atoms(atoms, links)
            finally:
                grammar._DEFAULT_RULES = saved
            year = r.year or r.date
            m = re.search(r"(?<!\d)(1[5-9]\d\d|20\d\d)(?!\d)", year or "")
            got = {"title": r.title, "authors": r.authors, "venue": r.venue, "year": m.group(1) if m else None}
        ok = [_field_right(f, gold[f], got[f]) for f in gold]
        for f, good in zip(gold, ok, strict=True):
            right[f] += good
        all4 += all(ok)
    return {f: right[f] / max(1, n) for f in ("title", "authors", "venue", "year")}, all4 / max(1, n), n


def parse_with(mode: str, argv: list[str]) -> int:
    """``awesome-parse parse ARGV`` with the grammar's free text read in ``mode``."""
    from awesome_parse import grammar
    from awesome_parse.cli import main as cli_main
    from awesome_parse.grammar.rules import citation_rules

    grammar._DEFAULT_RULES = tuple(citation_rules(mode))
    return int(cli_main(["parse", *argv]) or 0)


def main(argv: list[str] | None = None) -> int:
    argv = sys.argv[1:] if argv is None else argv
    if argv[:1] == ["parse"]:
        if len(argv) < 3:
            print("usage: python benchmarks/labeler.py parse MODE FILE [parse options]", file=sys.stderr)
            return 2
        try:
            return parse_with(argv[1], argv[2:])
        except ValueError as exc:
            print(f"error: {exc}", file=sys.stderr)
            return 2
    if argv[:1] == ["fields"]:
        data = Path(__file__).resolve().parents[2] / "shared" / "citations" / "anystyle-gold.xml"
        path = Path(argv[1]) if len(argv) > 1 else data
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
        from awesome_parse.grammar.rules import CITATION_MODES

        for mode in (*CITATION_MODES, "crf"):
            per, all4, n = field_accuracy(path, mode)
            shown = " ".join(f"{f}={v:.3f}" for f, v in per.items())
            print(f"{path.name} {mode}: references={n} {shown} all4={all4:.3f}")
        return 0
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
