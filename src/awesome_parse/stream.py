"""Merge any number of records on one machine in bounded memory, writing as it goes.

The stages of :mod:`awesome_parse.merge`, with everything large on disk:

1. *read and key*: records are read lazily (JSON Lines line by line, Parquet batch
   by batch, other exports and READMEs one file at a time), spilled to disk with
   their :func:`~awesome_parse.merge.identity_keys` (marshalled: read back without
   parsing JSON again), and the keys are kept as 8-byte string hashes in memory;
2. *resolve*: records sharing a key are one component, found by label propagation
   over the hashes (numpy); a hash collision can only join two components, which
   changes nothing in the result (a merge of a set of whole components is exact);
3. *group*: the spilled records are routed to bucket files by component, so a
   bucket holds whole components of about ``bucket_records`` records;
4. *merge*: in each bucket, a component that merges into one record is combined
   directly, the others go through :func:`~awesome_parse.merge.merge_groups`
   (:func:`component_rows`); the rows are sorted and written as a sorted run;
5. *write*: the runs are merged in output order into the output file (JSON Lines,
   written to a temporary file beside it and moved into place at the end).

The output is the same, byte for byte, as ``merge(all records)`` written with the
JSON Lines export.  Memory is bounded by the key hashes, one bucket, and the
largest component (one id given to a million records is merged in memory).

>>> import pathlib, tempfile
>>> from awesome_parse.export import write_papers, read_records
>>> from awesome_parse.model import Paper, Source
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> a = Paper(title="QLoRA: Efficient Finetuning of Quantized LLMs", arxiv="2305.14314", source=Source("a.md", 3))
>>> b = Paper(title="QLORA: Efficient Finetuning of Quantized LLMs", arxiv="2305.14314v2", source=Source("b.md", 9))
>>> write_papers([a], folder / "a.jsonl", "jsonl"); write_papers([b], folder / "b.jsonl", "jsonl")
>>> result = merge_paths([folder / "a.jsonl", folder / "b.jsonl"], folder / "out.jsonl")
>>> (result.inputs, result.papers), [len(p.sources) for p in read_records(folder / "out.jsonl")]
((2, 1), [2])
"""

from __future__ import annotations

import contextlib
import gc
import hashlib
import heapq
import itertools
import json
import marshal
import os
import pickle
import re
import shutil
import tempfile
from array import array
from collections.abc import Iterable, Iterator, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

import attrs

from ._text import fingerprint
from .arxiv import ArxivId
from .errors import AwesomeParseError
from .links import acl_id, openreview_id
from .merge import (
    Conflict,
    OrderKey,
    _combine,
    _combine_one,
    _identity_order,
    _order,
    identity_keys,
    merge_groups,
    url_key,
)
from .model import Paper

if TYPE_CHECKING:
    import numpy as np
    import numpy.typing as npt

__all__ = ["StreamError", "StreamResult", "iter_records", "key_hashes", "merge_paths", "resolve"]

#: A bucket holds whole components of about this many records (the memory of the merge stage).
BUCKET_RECORDS = 50_000
#: Records per pickled chunk of a sorted run.
_CHUNK = 2_000
_EXPORT_SUFFIXES = (".jsonl", ".ndjson", ".json", ".csv", ".parquet", ".bib", ".bibtex")
_README_SUFFIXES = (".md", ".markdown", ".mdown", ".txt", ".rst")
# a JSON line that the JSON Lines export might write differently (escaped controls, bidi marks)
_ESCAPES = re.compile(r"\\[ntrbfu]")
_INVISIBLE = re.compile("[\x7f-\x9f\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069\u2028\u2029]")


class StreamError(AwesomeParseError):
    """An input that cannot be read (the message names the file, and the line when there is one)."""


@attrs.frozen
class StreamResult:
    """What a streaming merge did: records read, papers written, the conflicts found (in merge order)."""

    inputs: int
    papers: int
    conflicts: tuple[Conflict, ...] = ()
    output: str = ""


def _is_export(path: Path) -> bool:
    return path.name.lower().endswith(_EXPORT_SUFFIXES)


def _files(paths: Iterable[str | os.PathLike[str]]) -> list[Path]:
    out: list[Path] = []
    for item in paths:
        path = Path(item)
        if path.is_dir():
            found = sorted(
                p
                for p in path.rglob("*")
                if p.is_file() and p.name.lower().endswith(_EXPORT_SUFFIXES + _README_SUFFIXES)
            )
            if not found:
                raise StreamError(f"{os.fsdecode(path)}: no README or export file in this folder")
            out.extend(found)
        else:
            out.append(path)
    return out


def iter_records(path: str | os.PathLike[str]) -> Iterator[Paper | str]:
    """The records of one file, lazily: a JSON Lines record as its line, anything else as a Paper.

    JSON Lines (``.jsonl``, ``.ndjson``) is read a line at a time and Parquet a batch
    at a time; other exports (``.json``, ``.csv``, ``.bib``) through
    :func:`awesome_parse.export.read_records`; any other file is parsed as a README.

    >>> import pathlib, tempfile
    >>> target = pathlib.Path(tempfile.mkdtemp()) / "list.md"
    >>> _ = target.write_text("# L\\n\\n- [QLoRA](https://arxiv.org/abs/2305.14314)\\n", encoding="utf-8")
    >>> [p.arxiv_id for p in iter_records(target)]  # doctest: +SKIP
    ['2305.14314']

    Raises:
        StreamError: the file cannot be read or is not what its suffix says.
    """
    shown = os.fsdecode(path)
    name = shown.lower()
    try:
        if name.endswith((".jsonl", ".ndjson")):
            yield from _jsonl_lines(Path(path), shown)
        elif name.endswith(".parquet"):
            yield from _parquet_records(Path(path), shown)
        elif name.endswith(_EXPORT_SUFFIXES):
            from .export import read_records

            yield from read_records(path)
        else:
            from . import parse_file

            yield from parse_file(path).papers
    except OSError as exc:
        raise StreamError(f"{shown}: cannot read: {exc.strerror or exc}") from None
    except StreamError:
        raise
    except AwesomeParseError as exc:
        raise StreamError(str(exc).splitlines()[0]) from None


def _jsonl_lines(path: Path, shown: str) -> Iterator[str]:
    with path.open("rb") as fh:
        for number, raw in enumerate(fh, 1):
            try:
                line = raw.decode("utf-8-sig" if number == 1 else "utf-8").strip()
            except UnicodeDecodeError as exc:
                raise StreamError(f"{shown}:{number}: not UTF-8 text ({exc.reason})") from None
            if not line:
                continue
            if not line.startswith("{"):
                raise StreamError(f"{shown}:{number}: not a paper object")
            yield line


def _parquet_records(path: Path, shown: str) -> Iterator[Paper]:
    try:
        import pyarrow.parquet as pq
    except ImportError:
        raise StreamError(f"{shown}: reading Parquet needs pyarrow (pip install 'awesome-parse[parquet]')") from None
    try:
        reader = pq.ParquetFile(path)
        for batch in reader.iter_batches(batch_size=10_000):
            for row in batch.to_pylist():
                yield Paper.from_dict(row)
    except (ValueError, OSError, KeyError, TypeError) as exc:
        raise StreamError(f"{shown}: not a Parquet export ({exc})") from None


def _paper_of(line: str) -> Paper:
    try:
        return Paper.from_dict(json.loads(line))
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        raise StreamError(f"a record is not a paper ({exc}): {line[:80]}") from None


def _dict_keys(data: dict[str, Any]) -> tuple[str, ...]:
    """:func:`~awesome_parse.merge.identity_keys` of ``Paper.from_dict(data)``, read from the dict."""
    title, url = data.get("title"), data.get("url")
    keys: list[str] = []
    ident = data.get("arxiv_id")
    if ident:
        keys.append("arxiv:" + ArxivId(ident, data.get("arxiv_version")).key)
    doi = data.get("doi")
    if doi:
        keys.append("doi:" + doi.lower())
    for link in data.get("links") or ():
        target = link["url"]
        low = target.lower()
        if "aclanthology" in low or "aclweb" in low or "openreview" in low:
            for kind, found in (("acl", acl_id(target)), ("openreview", openreview_id(target))):
                if found:
                    keys.append(f"{kind}:{found}")
    if not title and not keys and not url:
        return identity_keys(Paper.from_dict(data))  # known by its content: the rare case
    keys = list(dict.fromkeys(keys))
    if title:
        keys.append("title:" + fingerprint(title))
    if keys and url:
        keys.append("see:url:" + url_key(url))
    elif not keys:
        keys.append("url:" + url_key(url or ""))
    return tuple(keys)


def _hash(key: str) -> int:
    return int.from_bytes(hashlib.blake2b(key.encode("utf-8", "surrogatepass"), digest_size=8).digest(), "little")


def key_hashes(p: Paper) -> list[tuple[int, bool]]:
    """The record's identity keys as 64-bit hashes, each with whether it is weak (``see:``).

    A weak key joins a record only to the records that hold the same key as a
    strong one (see :func:`~awesome_parse.merge.identity_keys`).

    >>> [weak for _, weak in key_hashes(Paper(title="T", url="https://a.org/x"))]
    [False, True]
    """
    return _hashes(identity_keys(p))


def _hashes(keys: Iterable[str]) -> list[tuple[int, bool]]:
    out = []
    for key in keys:
        weak = key.startswith("see:")
        out.append((_hash(key[4:] if weak else key), weak))
    return out


def resolve(
    n: int, records: npt.NDArray[np.int64], hashes: npt.NDArray[np.uint64], weak: npt.NDArray[np.bool_]
) -> npt.NDArray[np.int64]:
    """Stage 2: the component of each record (the smallest record index in it), by label propagation.

    ``records[k]`` holds key ``hashes[k]``; a weak key counts only where some record
    holds it as a strong key.

    >>> import numpy as np
    >>> resolve(4, np.array([0, 1, 2, 3]), np.array([7, 9, 7, 9], dtype=np.uint64), np.zeros(4, dtype=bool)).tolist()
    [0, 1, 0, 1]
    """
    import numpy as np

    labels = np.arange(n, dtype=np.int64)
    if weak.any():
        keep = ~weak | np.isin(hashes, hashes[~weak])
        records, hashes = records[keep], hashes[keep]
    if not len(records):
        return labels
    _, kid = np.unique(hashes, return_inverse=True)
    kid = kid.reshape(-1)
    nkeys = int(kid.max()) + 1
    while True:
        best = np.full(nkeys, n, dtype=np.int64)
        np.minimum.at(best, kid, labels[records])
        new = labels.copy()
        np.minimum.at(new, records, best[kid])
        while True:  # follow labels to their own label (pointer jumping)
            jumped = new[new]
            if np.array_equal(jumped, new):
                break
            new = jumped
        if np.array_equal(new, labels):
            return labels
        labels = new


def _numpy() -> Any:
    try:
        import numpy
    except ImportError:
        raise StreamError("the streaming merge needs numpy (pip install numpy)") from None
    return numpy


class _Runs:
    """Sorted runs of (order key, JSON line) pairs, pickled in chunks."""

    def __init__(self, folder: Path) -> None:
        self.folder = folder
        self.paths: list[Path] = []

    def write(self, rows: list[tuple[OrderKey, str]]) -> None:
        path = self.folder / f"run{len(self.paths):05d}.pkl"
        with path.open("wb") as fh:
            for start in range(0, len(rows), _CHUNK):
                pickle.dump(rows[start : start + _CHUNK], fh, protocol=pickle.HIGHEST_PROTOCOL)
        self.paths.append(path)

    @staticmethod
    def _read(path: Path) -> Iterator[tuple[OrderKey, str]]:
        with path.open("rb") as fh:
            while True:
                try:
                    chunk = pickle.load(fh)
                except EOFError:
                    return
                yield from chunk

    def merged(self) -> Iterator[tuple[OrderKey, str]]:
        return heapq.merge(*(self._read(p) for p in self.paths), key=lambda row: row[0])


def _canonical(line: str) -> str:
    return json.dumps(json.loads(line), sort_keys=True, ensure_ascii=False, default=str)


def ordered_lines(rows: Iterable[tuple[OrderKey, str]]) -> Iterator[str]:
    """Rows sorted by order key in, lines out in :func:`~awesome_parse.merge.merge`'s order (ties on the whole record)."""
    tied: list[str] = []
    last: OrderKey | None = None
    for key, line in rows:
        if key != last and tied:
            yield from sorted(tied, key=_canonical) if len(tied) > 1 else tied
            tied = []
        last = key
        tied.append(line)
    if tied:
        yield from sorted(tied, key=_canonical) if len(tied) > 1 else tied


def output_line(line: str) -> str:
    """A merged record's line as the JSON Lines export writes it (controls cleaned when there are any)."""
    if ("\\" not in line or _ESCAPES.search(line) is None) and (line.isascii() or _INVISIBLE.search(line) is None):
        return line
    from .export import dumps

    text = dumps([_paper_of(line)], "jsonl")
    return text[:-1] if isinstance(text, str) else text.decode("utf-8")[:-1]


def merged_rows(lines: Sequence[str]) -> tuple[list[tuple[OrderKey, str]], list[tuple[OrderKey, Conflict]], int]:
    """Stage 4 on whole components: the merged records as (order key, JSON line), and the conflicts."""
    papers = [_paper_of(line) for line in lines]
    if not papers:
        return [], [], 0
    if len(papers) == 1:
        merged: Sequence[Paper] = (_combine_one(papers[0]),)
        conflicts: Sequence[tuple[OrderKey, Conflict]] = ()
    else:
        part = merge_groups(papers)
        merged, conflicts = part.papers, part.conflicts
    rows = [(_identity_order_key(p), json.dumps(p.to_dict(), ensure_ascii=False)) for p in merged]
    return rows, list(conflicts), len(papers)


#: Identity keys that are not strong ids (see :func:`~awesome_parse.merge.identity_keys`).
_NOT_IDS = ("title:", "see:", "url:", "record:")


def _plain(keys: Sequence[tuple[str, ...]]) -> bool:
    """Whether a component's records (given by their identity keys) merge into one record with no conflict.

    That is so when every record has a title, all titles have one fingerprint, and
    every record with strong ids has the same ones: no id is given to two titles
    (nothing to split), no title to two ids, every record joins one group, and no
    untitled record looks for a link.  Such a component's merge is the combination
    of its records in source order (:func:`~awesome_parse.merge._combine`).

    >>> _plain([("arxiv:2305.14314", "title:qlora"), ("title:qlora",)])
    True
    >>> _plain([("arxiv:2305.14314", "title:qlora"), ("arxiv:2305.14315", "title:qlora")])
    False
    """
    title: str | None = None
    ids: set[str] | None = None
    for own in keys:
        fp = None
        strong = set()
        for key in own:
            if key.startswith("title:"):
                fp = key
            elif not key.startswith(_NOT_IDS):
                strong.add(key)
        if fp is None or (title is not None and fp != title):
            return False
        title = fp
        if strong:
            if ids is None:
                ids = strong
            elif strong != ids:
                return False
    return True


def component_rows(
    components: Iterable[Sequence[tuple[dict[str, Any], tuple[str, ...]]]],
) -> tuple[list[tuple[OrderKey, str]], list[tuple[OrderKey, Conflict]], int]:
    """Stage 4 component by component: each component as its records' dicts with their identity keys.

    The same rows and conflicts as :func:`merged_rows` on all the records: a record
    alone, or a component that merges into one record with no conflict
    (:func:`_plain`), is combined directly; the other components are merged together
    by :func:`~awesome_parse.merge.merge_groups` (a merge of whole components is exact).
    """
    rows: list[tuple[OrderKey, str]] = []
    hard: list[Paper] = []
    n = 0
    dumps = json.JSONEncoder(ensure_ascii=False).encode
    for records in components:
        n += len(records)
        papers = [_paper_from(d) for d, _ in records]
        if len(papers) == 1:
            merged = _combine_one(papers[0])
        else:
            keyed = sorted(((_order(p), p) for p in papers), key=_first)
            if not _plain([keys for _, keys in records]) or any(a[0] == b[0] for a, b in itertools.pairwise(keyed)):
                hard.extend(papers)  # ties on the source order are broken on the whole record by merge
                continue
            merged = _combine([p for _, p in keyed])
        rows.append((_identity_order_key(merged), dumps(merged.to_dict())))
    conflicts: list[tuple[OrderKey, Conflict]] = []
    if hard:
        part = merge_groups(hard)
        rows.extend((_identity_order_key(p), dumps(p.to_dict())) for p in part.papers)
        conflicts.extend(part.conflicts)
    return rows, conflicts, n


def _first(pair: tuple[Any, Any]) -> Any:
    return pair[0]


def _paper_from(data: dict[str, Any]) -> Paper:
    try:
        return Paper.from_dict(data)
    except (ValueError, KeyError, TypeError, AttributeError) as exc:
        line = json.dumps(data, ensure_ascii=False, default=str)
        raise StreamError(f"a record is not a paper ({exc}): {line[:80]}") from None


def _identity_order_key(p: Paper) -> OrderKey:
    head = _identity_order(p)
    return (head[0], head[1], *head[2])


def merge_paths(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    workdir: str | os.PathLike[str] | None = None,
    bucket_records: int = BUCKET_RECORDS,
) -> StreamResult:
    """Merge the records of READMEs and exports into one JSON Lines file, in bounded memory.

    ``paths`` are files (READMEs, or the project's JSON Lines, JSON, CSV, Parquet or
    BibTeX exports) or folders searched for them; ``out`` is written atomically.
    Temporary files go to ``workdir`` (default: the system's temporary folder) and
    are removed at the end.  The result is the same as
    ``dumps(merge(records).papers, "jsonl")``.

    Raises:
        StreamError: an input cannot be read (the message names it), or numpy is missing.
    """
    np = _numpy()
    target = Path(out)
    files = _files(paths)
    for f in files:
        if f.resolve() == target.resolve():
            raise StreamError(f"{os.fsdecode(target)}: the output is also an input")
    enabled = gc.isenabled()
    gc.disable()  # millions of small acyclic objects: the collector would only rescan them
    work = Path(tempfile.mkdtemp(prefix="awesome-parse-merge-", dir=workdir))
    try:
        return _merge_files(np, files, target, work, max(1, bucket_records))
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if enabled:
            gc.enable()


def _merge_files(np: Any, files: list[Path], target: Path, work: Path, bucket_records: int) -> StreamResult:
    # stage 1: read, spill (each record with its identity keys, marshalled: read back
    # without parsing JSON again), key with the process's string hash (weak keys
    # apart: most never meet a strong one)
    spill_path = work / "records.bin"
    rec, hashes = array("q"), array("q")
    weak_rec, weak_hashes = array("q"), array("q")
    strong_urls: set[int] = set()
    n = 0
    dump = marshal.dumps
    with spill_path.open("wb") as spill:
        write = spill.write
        for f in files:
            shown = os.fsdecode(f)
            for number, item in enumerate(iter_records(f), 1):
                if isinstance(item, str):
                    try:
                        data = json.loads(item)
                        keys = _dict_keys(data)
                    except (ValueError, KeyError, TypeError, AttributeError) as exc:
                        raise StreamError(f"{shown}:{number}: not a paper record ({exc})") from None
                else:
                    data = item.to_dict()
                    keys = identity_keys(item)
                blob = dump((data, keys))
                write(len(blob).to_bytes(4, "little"))
                write(blob)
                for key in keys:
                    if key.startswith("see:"):
                        weak_rec.append(n)
                        weak_hashes.append(hash(key[4:]))
                        continue
                    h = hash(key)
                    rec.append(n)
                    hashes.append(h)
                    if key.startswith("url:"):
                        strong_urls.add(h)
                n += 1
    if strong_urls:
        for r, h in zip(weak_rec, weak_hashes, strict=True):
            if h in strong_urls:
                rec.append(r)
                hashes.append(h)
    del weak_rec, weak_hashes, strong_urls
    # stage 2: resolve
    labels = resolve(
        n, np.frombuffer(rec, dtype=np.int64), np.frombuffer(hashes, dtype=np.int64), np.zeros(len(rec), dtype=bool)
    )
    del rec, hashes
    # stage 3: group whole components into buckets, each record behind its component
    buckets = max(1, -(-n // bucket_records))
    bucket_paths = [work / f"bucket{b:05d}.bin" for b in range(buckets)]
    with contextlib.ExitStack() as stack:
        outs = [stack.enter_context(p.open("wb")).write for p in bucket_paths]
        with spill_path.open("rb") as fh:
            read = fh.read
            for start in range(0, n, _CHUNK):
                for label in labels[start : start + _CHUNK].tolist():
                    head = read(4)
                    outs[label % buckets](label.to_bytes(8, "little") + head + read(int.from_bytes(head, "little")))
    spill_path.unlink()
    del labels
    # stage 4: merge each bucket (a set of whole components) into a sorted run
    runs = _Runs(work)
    conflicts: list[tuple[OrderKey, Conflict]] = []
    for path in bucket_paths:
        rows, found, _ = component_rows(_components(path))
        path.unlink()
        conflicts.extend(found)
        rows.sort(key=_first)
        runs.write(rows)
        del rows
    # stage 5: write in order
    conflicts.sort(key=_first)
    written = write_runs(runs, target)
    return StreamResult(n, written, tuple(c for _, c in conflicts), os.fsdecode(target))


def _components(path: Path) -> list[list[tuple[dict[str, Any], tuple[str, ...]]]]:
    """One bucket file's records, component by component (in the order each component first appears)."""
    data = path.read_bytes()
    by_label: dict[bytes, list[tuple[dict[str, Any], tuple[str, ...]]]] = {}
    load = marshal.loads
    at, end = 0, len(data)
    view = memoryview(data)
    while at < end:
        label = data[at : at + 8]
        size = int.from_bytes(data[at + 8 : at + 12], "little")
        at += 12
        record = load(view[at : at + size])
        at += size
        found = by_label.get(label)
        if found is None:
            by_label[label] = [record]
        else:
            found.append(record)
    return list(by_label.values())


def write_runs(runs: _Runs, target: Path) -> int:
    """Stage 5: the sorted runs merged into ``target`` (atomically), in merge order; returns the lines written."""
    written = 0
    target.parent.mkdir(parents=True, exist_ok=True)
    fd, tmp = tempfile.mkstemp(prefix=f".{target.name}.", suffix=".tmp", dir=target.parent)
    try:
        with os.fdopen(fd, "w", encoding="utf-8", newline="\n") as fh:
            for line in ordered_lines(runs.merged()):
                fh.write(output_line(line))
                fh.write("\n")
                written += 1
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(OSError):
            os.unlink(tmp)
        raise
    return written
