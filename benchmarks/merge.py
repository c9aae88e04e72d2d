"""Merge at scale: the streaming merge's records/s and peak memory, and one arXiv id given to k titles.

    python benchmarks/merge.py                       # 10^5 and 10^6 records, k = 250..2000
    python benchmarks/merge.py --sizes 10000000      # ten million (about 4 GB of JSON Lines on disk)
    python benchmarks/merge.py --only titles         # the k sweep alone
    python benchmarks/merge.py --engine dask         # the same records through a two-worker LocalCluster

Each size runs in a fresh process (peak RSS is the process's high-water mark, VmHWM),
on synthetic JSON Lines written beforehand (about one record in five repeats a paper,
one in ten has no arXiv id and joins by title).  Records/s is end to end: reading,
keying, resolving, grouping, merging and writing the output.  The k sweep prints
seconds per k and the exponent of the growth (1.0 is linear).
"""

from __future__ import annotations

import argparse
import json
import math
import os
import random
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def write_synthetic(path: Path, n: int, seed: int = 0) -> None:
    """``n`` records in the JSON Lines export's shape, written as they are made."""
    rnd = random.Random(seed)
    with path.open("w", encoding="utf-8") as fh:
        for k in range(n):
            ident = rnd.randrange(n * 4 // 5 + 1)
            arxiv = f"{15 + ident // 1200000 % 10:02d}{1 + ident // 100000 % 12:02d}.{ident % 100000:05d}"
            has_id = k % 10 != 0
            record = {
                "title": f"Paper number {ident} on things",
                "arxiv_id": arxiv if has_id else None,
                "arxiv_version": None,
                "doi": None,
                "url": f"https://arxiv.org/abs/{arxiv}" if has_id else None,
                "links": [],
                "authors": [f"Author {ident % 997}"],
                "et_al": False,
                "year": 2015 + ident % 10,
                "date": None,
                "venue": None,
                "affiliations": [],
                "aliases": [],
                "tags": [f"t{k % 7}"],
                "summary": None,
                "kind": "paper",
                "section": [],
                "source": {"file": f"list{k % 50}.md", "line": k + 1, "list": None},
                "format": None,
            }
            fh.write(json.dumps(record, ensure_ascii=False) + "\n")


_CHILD = r"""
import json, sys, time
def peak():
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith("VmHWM:"):
                return int(line.split()[1]) * 1024
    return 0
engine, src, out = sys.argv[1], sys.argv[2], sys.argv[3]
start = time.perf_counter()
cpu = time.process_time()
if engine == "dask":
    from distributed import Client, LocalCluster
    from awesome_parse.dask import merge_paths
    with LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0") as cluster, Client(cluster) as client:
        result = merge_paths([src], out, scheduler=client)
else:
    from awesome_parse.stream import merge_paths
    result = merge_paths([src], out)
print(json.dumps({"seconds": time.perf_counter() - start, "cpu": time.process_time() - cpu,
                  "inputs": result.inputs, "papers": result.papers, "peak_rss_bytes": peak()}))
"""


def section_stream(sizes: list[int], engine: str, folder: Path) -> list[dict[str, float]]:
    rows = []
    for n in sizes:
        src = folder / f"synthetic{n}.jsonl"
        if not src.exists():
            write_synthetic(src, n)
        out = folder / f"merged{n}.jsonl"
        proc = subprocess.run(
            [sys.executable, "-c", _CHILD, engine, str(src), str(out)], capture_output=True, text=True, check=False
        )
        if proc.returncode:
            print(proc.stderr.strip().splitlines()[-1] if proc.stderr.strip() else "failed", file=sys.stderr)
            continue
        row = json.loads(proc.stdout.strip().splitlines()[-1])
        row["records_per_s"] = n / row["seconds"]
        rows.append(row)
        print(
            f"{engine} merge {n:>11,d} records: {row['seconds']:8.1f} s ({row['cpu']:.1f} s CPU), "
            f"{row['records_per_s']:>9,.0f} records/s, peak RSS {row['peak_rss_bytes'] / 2**20:,.0f} MiB "
            f"-> {row['papers']:,d} papers",
            flush=True,
        )
        out.unlink(missing_ok=True)
        if n >= 10**6:
            src.unlink(missing_ok=True)
    return rows


def _titles(k: int, seed: int = 1) -> list[str]:
    rnd = random.Random(seed)
    words = [
        f"{rnd.choice('bcdfghklmnprstvz')}{rnd.choice('aeiou')}{rnd.choice('bcdfghklmnprstvz')}" for _ in range(3000)
    ]
    words = [w + s for w in words for s in ("ing", "ers")]
    return [" ".join(rnd.choice(words) for _ in range(7)).capitalize() for _ in range(k)]


def section_titles(ks: list[int]) -> list[tuple[int, float]]:
    from awesome_parse.merge import merge
    from awesome_parse.model import Paper, Source

    rows = []
    for k in ks:
        papers = [
            Paper(title=t, arxiv="2401.00001", source=Source(f"l{i}.md", i + 1)) for i, t in enumerate(_titles(k))
        ]
        best = math.inf
        for _ in range(3):
            start = time.perf_counter()
            result = merge(papers)
            best = min(best, time.perf_counter() - start)
        longest = max(len(c.message) for c in result.conflicts)
        rows.append((k, best))
        print(
            f"one arXiv id, k = {k:>5,d} titles: {best:.3f} s -> {len(result.papers):,d} papers, "
            f"longest conflict message {longest:,d} characters",
            flush=True,
        )
    if len(rows) > 1:
        (k0, t0), (k1, t1) = rows[0], rows[-1]
        print(f"growth exponent over k = {k0}..{k1}: {math.log(t1 / t0) / math.log(k1 / k0):.2f} (1.0 is linear)")
    return rows


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--only", default="titles,stream", help="comma-separated sections: titles, stream")
    ap.add_argument("--sizes", default="100000,1000000", help="record counts for the streaming merge")
    ap.add_argument("--ks", default="250,500,1000,2000", help="titles on one arXiv id")
    ap.add_argument("--engine", choices=("stream", "dask"), default="stream")
    ap.add_argument("--workdir", default=None, help="where the synthetic inputs and outputs go")
    args = ap.parse_args()
    sys.path.insert(0, str(ROOT / "src"))
    os.environ["PYTHONPATH"] = os.pathsep.join(filter(None, [str(ROOT / "src"), os.environ.get("PYTHONPATH")]))
    only = set(args.only.split(","))
    if "titles" in only:
        section_titles([int(k) for k in args.ks.split(",")])
    if "stream" in only:
        with tempfile.TemporaryDirectory(dir=args.workdir) as folder:
            section_stream([int(n) for n in args.sizes.split(",")], args.engine, Path(folder))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
