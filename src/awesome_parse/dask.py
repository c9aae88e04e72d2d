"""Merge on a Dask cluster: the stages of :mod:`awesome_parse.stream` on ``dask.bag`` and ``distributed``.

1. *read and key* on the workers: one partition per input file (READMEs are
   parsed there), each record a JSON line; each partition sends back its key
   hashes (about 17 bytes a key);
2. *resolve* on the client: components by label propagation over the hashes
   (:func:`awesome_parse.stream.resolve`), sent back as one label per record;
3. *group* on the workers: records are shuffled into ``buckets`` partitions by
   component, so a bucket holds whole components;
4. *merge* on the workers: each bucket with :func:`awesome_parse.merge.merge_groups`,
   sorted in output order;
5. *write* on the client: buckets are fetched one at a time into sorted runs on
   local disk and merged into the output file.

The output is the same, record for record and byte for byte, as the local merge
(``awesome_parse.stream.merge_paths`` or ``merge`` written as JSON Lines).  Input
paths must be readable by the workers (a shared file system); the output is
written by the client.  Needs the ``dask`` extra (``dask[bag]`` and ``distributed``).

>>> import pathlib, tempfile
>>> from awesome_parse.export import write_papers
>>> from awesome_parse.model import Paper, Source
>>> folder = pathlib.Path(tempfile.mkdtemp())
>>> write_papers([Paper(title="Mixtral of Experts", arxiv="2401.04088", source=Source("a.md", 1)),
...               Paper(title="Mixtral of experts", source=Source("b.md", 5))], folder / "in.jsonl", "jsonl")
>>> merge_paths([folder / "in.jsonl"], folder / "out.jsonl", scheduler="synchronous").papers
1
"""

from __future__ import annotations

import contextlib
import gc
import json
import os
import shutil
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import Any

from .merge import Conflict, OrderKey
from .stream import (
    BUCKET_RECORDS,
    StreamError,
    StreamResult,
    _files,
    _paper_of,
    _Runs,
    iter_records,
    key_hashes,
    merged_rows,
    resolve,
    write_runs,
)

__all__ = ["merge_paths"]


def _file_lines(path: str) -> list[str]:
    """Stage 1 on a worker: one file's records as JSON lines."""
    out = []
    for item in iter_records(path):
        out.append(item if isinstance(item, str) else json.dumps(item.to_dict(), ensure_ascii=False))
    return out


def _partition_keys(lines: Iterable[str]) -> list[tuple[int, bytes, bytes, bytes]]:
    """Stage 1 on a worker: a partition's key hashes (record position, hash, weak) as packed arrays."""
    from array import array

    rec, hashes, weak = array("q"), array("Q"), array("b")
    n = 0
    for line in lines:
        try:
            paper = _paper_of(line)
        except (ValueError, KeyError, TypeError) as exc:
            raise StreamError(f"a record is not a paper ({exc}): {line[:80]}") from None
        for h, w in key_hashes(paper):
            rec.append(n)
            hashes.append(h)
            weak.append(w)
        n += 1
    return [(n, rec.tobytes(), hashes.tobytes(), weak.tobytes())]


def _attach(lines: Iterable[str], labels: Iterable[list[int]]) -> list[tuple[int, str]]:
    [own] = list(labels)
    return list(zip(own, lines, strict=True))


def _merge_bucket(item: tuple[int, list[tuple[int, str]]]) -> tuple[list[tuple[OrderKey, str]], list[Any], int]:
    """Stage 4 on a worker: one bucket of whole components, merged and sorted."""
    enabled = gc.isenabled()
    gc.disable()
    try:
        rows, conflicts, n = merged_rows([line for _, line in item[1]])
    finally:
        if enabled:
            gc.enable()
    rows.sort(key=lambda r: r[0])
    return rows, conflicts, n


def _client(scheduler: Any) -> tuple[Any, bool]:
    """A distributed client for ``scheduler`` (an address, a Client, a cluster), and whether we opened it."""
    if scheduler is None or (isinstance(scheduler, str) and scheduler in ("synchronous", "threads", "sync")):
        return None, False
    from distributed import Client

    if isinstance(scheduler, Client):
        return scheduler, False
    # an address, or a cluster object (LocalCluster, KubeCluster, YarnCluster...)
    return Client(scheduler), True  # type: ignore[no-untyped-call]


def merge_paths(
    paths: Iterable[str | os.PathLike[str]],
    out: str | os.PathLike[str],
    *,
    scheduler: Any = None,
    buckets: int | None = None,
    workdir: str | os.PathLike[str] | None = None,
) -> StreamResult:
    """Merge READMEs and exports on Dask into one JSON Lines file, the same as the local merge.

    ``scheduler`` is a scheduler address (``"tcp://host:8786"``), a
    ``distributed.Client``, a cluster object, ``"synchronous"``/``"threads"`` for a
    local scheduler without ``distributed``, or ``None`` for the client already made
    current (else the local threads).  ``buckets`` is the number of merge
    partitions (default: one per :data:`~awesome_parse.stream.BUCKET_RECORDS`
    records).  Local sorted runs go to ``workdir``.

    Raises:
        StreamError: an input cannot be read (the message names it), or dask is missing.
    """
    try:
        import dask
        import dask.bag as db
        import numpy as np
    except ImportError:
        raise StreamError("the Dask engine needs the dask extra: pip install 'awesome-parse[dask]'") from None
    target = Path(out)
    files = [os.fspath(f) for f in _files(paths)]
    for f in files:
        if Path(f).resolve() == target.resolve():
            raise StreamError(f"{os.fsdecode(target)}: the output is also an input")
    client, opened = _client(scheduler)
    local = scheduler if isinstance(scheduler, str) and client is None and scheduler else None
    config = (
        dask.config.set(scheduler=local if local != "sync" else "synchronous") if local else contextlib.nullcontext()
    )
    work = Path(tempfile.mkdtemp(prefix="awesome-parse-dask-", dir=workdir))
    try:
        with config:
            return _run(db, np, client, files, target, work, buckets)
    finally:
        shutil.rmtree(work, ignore_errors=True)
        if opened:
            client.close()


def _compute(client: Any, obj: Any) -> Any:
    if client is not None:
        return client.compute(obj).result()
    return obj.compute()


def _run(
    db: Any, np: Any, client: Any, files: list[str], target: Path, work: Path, buckets: int | None
) -> StreamResult:
    if not files:
        raise StreamError("nothing to merge: no input file")
    lines = db.from_sequence(files, npartitions=len(files)).map(_file_lines).flatten()
    lines = client.persist(lines) if client is not None else lines.persist()
    parts = _compute(client, lines.map_partitions(_partition_keys))
    counts = [n for n, _, _, _ in parts]
    offsets = np.cumsum([0, *counts])
    total = int(offsets[-1])
    rec = np.concatenate([np.frombuffer(r, dtype=np.int64) + offsets[k] for k, (_, r, _, _) in enumerate(parts)])
    hashes = np.concatenate([np.frombuffer(h, dtype=np.uint64) for _, _, h, _ in parts])
    weak = np.concatenate([np.frombuffer(w, dtype=np.int8) for _, _, _, w in parts]).astype(bool)
    del parts
    labels = resolve(total, rec.astype(np.int64), hashes, weak)
    del rec, hashes, weak
    slices = [labels[offsets[k] : offsets[k + 1]].tolist() for k in range(len(counts))]
    label_bag = db.from_sequence([[s] for s in slices], npartitions=len(slices)).flatten()
    if label_bag.npartitions != lines.npartitions:
        raise StreamError("internal error: label partitions do not match the records")
    nbuckets = buckets or max(1, -(-total // BUCKET_RECORDS))
    keyed = lines.map_partitions(_attach, label_bag)
    grouped = keyed.groupby(lambda row: row[0] % nbuckets, npartitions=nbuckets)
    merged = grouped.map(_merge_bucket)
    runs = _Runs(work)
    conflicts: list[tuple[OrderKey, Conflict]] = []
    inputs = 0
    for part in merged.to_delayed():
        for rows, found, n in _compute(client, part):
            runs.write(rows)
            conflicts.extend(found)
            inputs += n
    conflicts.sort(key=lambda kc: kc[0])
    written = write_runs(runs, target)
    return StreamResult(inputs, written, tuple(c for _, c in conflicts), os.fsdecode(target))
