#!/usr/bin/env python3
"""Benchmarks for awesome-parse: parsing against bare markdown-it-py, repair, merge, lint, hostile input.

Usage (from the project root; the project need not be installed, nor its
virtual environment on PATH: the library is imported from ``src/`` when it is
not installed, and the CLI is always run as ``sys.executable -m awesome_parse``):

    python benchmarks/run.py                    # everything that needs no network
    python benchmarks/run.py --only parse,merge # some sections
    python benchmarks/run.py --awesome-lint     # also time `npx awesome-lint` (installs it with npm)
    python benchmarks/plot.py                   # docs/performance.svg from benchmarks/results.json

Sections: ``parse`` (in one process, MB/s and the ratio to markdown-it-py's own
tokenization), ``scale`` (time and peak memory against input size, memory per
MB), ``repair`` (per damaged file, first call in a fresh process and warm),
``process`` (whole CLI runs, ``--jobs`` wall and CPU time), ``merge``
(``benchmarks/merge.py`` when present, else ``merge()`` on synthetic records),
``lint`` and ``hostile``.

The texts are the five seeds in tests/fixtures plus every README in ../shared/corpus
when present; without ../shared a synthetic corpus of the same shapes is generated.
Every timing is the minimum of several runs, measured alternately, in one process
(or, for whole-process figures, of several child processes).  Results are printed
and written to benchmarks/results.json.
"""

from __future__ import annotations

import argparse
import gc
import json
import os
import platform
import random
import shlex
import subprocess
import sys
import tempfile
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
DAMAGED = ("000_", "002_", "003_")
SRC = ROOT / "src"

try:  # a fresh clone: the library from src/, without installing it
    import awesome_parse  # noqa: F401
except ImportError:  # pragma: no cover - depends on the environment
    sys.path.insert(0, str(SRC))


def child_env() -> dict[str, str]:
    """The environment of child processes: this interpreter's, with ``src/`` importable."""
    env = dict(os.environ)
    env["PYTHONPATH"] = os.pathsep.join([str(SRC), *filter(None, [env.get("PYTHONPATH")])])
    return env


def cli(*args: str) -> list[str]:
    """The CLI as this interpreter runs it (never whatever ``awesome-parse`` is on PATH)."""
    return [sys.executable, "-m", "awesome_parse", *args]


def run_child(argv: list[str], **kwargs: Any) -> tuple[float, float, subprocess.CompletedProcess[str]]:
    """(wall seconds, CPU seconds of the child and its children, the completed process)."""
    before = os.times()
    start = time.perf_counter()
    proc = subprocess.run(argv, capture_output=True, text=True, env=child_env(), **kwargs)
    wall = time.perf_counter() - start
    after = os.times()
    cpu = (after.children_user - before.children_user) + (after.children_system - before.children_system)
    return wall, cpu, proc


def corpus() -> list[Path]:
    seeds = sorted((ROOT / "tests" / "fixtures").glob("0*_*.txt"))
    real = sorted((SHARED / "corpus").glob("*.md")) if (SHARED / "corpus").is_dir() else []
    if real:
        return seeds + real
    out = Path(tempfile.mkdtemp(prefix="ap-synthetic-"))
    for k in range(6):
        (out / f"synthetic{k}.md").write_text(synthetic_readme(3000, seed=k), encoding="utf-8")
    return seeds + sorted(out.glob("*.md"))


def synthetic_readme(entries: int, seed: int = 0) -> str:
    """A README mixing the four families of format, with ``entries`` entries."""
    rnd = random.Random(seed)
    words = [
        "language",
        "model",
        "large",
        "efficient",
        "training",
        "sparse",
        "attention",
        "vision",
        "agent",
        "reasoning",
        "survey",
    ]
    lines = ["# Synthetic Awesome List", ""]
    for k in range(entries):
        if k % 200 == 0:
            lines += ["", f"## Section {k // 200}", ""]
            shape = rnd.choice(["bullet", "numbered", "pipe", "html"])
            if shape == "pipe":
                lines += ["| Title | Venue | Date |", "|---|---|---|"]
        title = " ".join(rnd.choice(words).title() for _ in range(rnd.randint(4, 10)))
        ident = f"{rnd.randint(15, 25):02d}{rnd.randint(1, 12):02d}.{rnd.randint(0, 99999):05d}"
        if shape == "bullet":
            lines.append(
                f"- [2024/0{rnd.randint(1, 9)}] **{title}.** *A. Author et al. arXiv.* [[paper](https://arxiv.org/abs/{ident})]"
            )
        elif shape == "numbered":
            lines.append(
                f"1. **{title}.** *A. Author, B. Author.* NeurIPS 2023. [[pdf](https://arxiv.org/pdf/{ident})]"
            )
        elif shape == "pipe":
            lines.append(f"| [**{title}**](https://arxiv.org/abs/{ident}) | arXiv | 2024-01-0{rnd.randint(1, 9)} |")
        else:
            lines.append(
                f'<table><tr><th><a href="https://arxiv.org/abs/{ident}">{title}</a></th><th>ICLR2024</th></tr></table>'
            )
    return "\n".join(lines) + "\n"


#: In-process timings are CPU time of this process: the machine is shared, and its other
#: load shows up in wall-clock time far more than in the CPU time of the work itself.
clock = time.process_time


def best_of(fn: Callable[[], object], repeat: int) -> float:
    best = float("inf")
    for _ in range(repeat):
        gc.collect()
        start = clock()
        fn()
        best = min(best, clock() - start)
    return best


def alternating(fns: dict[str, Callable[[], object]], repeat: int) -> dict[str, float]:
    """Minimum time of each function, measured in turns so that drift hits all alike."""
    best = {name: float("inf") for name in fns}
    for _ in range(repeat):
        for name, fn in fns.items():
            gc.collect()
            start = clock()
            fn()
            best[name] = min(best[name], clock() - start)
    return best


def section_parse(files: list[Path], repeat: int) -> dict[str, Any]:
    from markdown_it import MarkdownIt

    from awesome_parse import parse_text

    texts = [p.read_text(encoding="utf-8") for p in files if not p.name.startswith(DAMAGED)]
    md = MarkdownIt("commonmark").enable("table")
    for t in texts:  # warm both
        md.parse(t)
        parse_text(t)
    times = alternating(
        {
            "markdown_it": lambda: [md.parse(t) for t in texts],
            "awesome_parse": lambda: [parse_text(t) for t in texts],
            "awesome_parse_no_repair": lambda: [parse_text(t, repair=False) for t in texts],
        },
        repeat,
    )
    size = sum(len(t.encode("utf-8")) for t in texts)
    out = {
        "files": len(texts),
        "bytes": size,
        "markdown_it_s": times["markdown_it"],
        "awesome_parse_s": times["awesome_parse"],
        "ratio": times["awesome_parse"] / times["markdown_it"],
        "markdown_it_MB_per_s": size / times["markdown_it"] / 1e6,
        "awesome_parse_MB_per_s": size / times["awesome_parse"] / 1e6,
        "repair_share_of_parse": (times["awesome_parse"] - times["awesome_parse_no_repair"]) / times["awesome_parse"],
    }
    print(
        f"parse (in process, CPU): {len(texts)} files, {size / 1e6:.2f} MB: markdown-it {out['markdown_it_s']:.3f} s "
        f"({out['markdown_it_MB_per_s']:.2f} MB/s), awesome-parse {out['awesome_parse_s']:.3f} s "
        f"({out['awesome_parse_MB_per_s']:.2f} MB/s) -> ratio {out['ratio']:.2f}"
    )
    return out


_SCALE_CHILD = r"""
import json, sys, time
from awesome_parse import parse_text
def rss(key):
    with open("/proc/self/status", encoding="ascii") as fh:
        for line in fh:
            if line.startswith(key):
                return int(line.split()[1]) * 1024
    return 0
text = open(sys.argv[1], encoding="utf-8").read()
parse_text(text[: int(sys.argv[2])])  # loads what is loaded once per process (word lists, the labeler)
base = rss("VmRSS:")
start = time.process_time()
papers = len(parse_text(text).papers)
seconds = time.process_time() - start
print(json.dumps({"seconds": seconds, "peak_rss_bytes": rss("VmHWM:"), "base_rss_bytes": base, "papers": papers}))
"""


def section_scale(files: list[Path], factors: list[int]) -> dict[str, Any]:
    """Time and peak memory of parsing the corpus repeated ``k`` times, each in a fresh process."""
    text = "\n\n".join(p.read_text(encoding="utf-8") for p in files if not p.name.startswith(DAMAGED))
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        for k in factors:
            path = Path(tmp) / f"corpus-x{k}.md"
            path.write_text(text * k, encoding="utf-8")
            _wall, _cpu, proc = run_child([sys.executable, "-c", _SCALE_CHILD, str(path), "200000"], timeout=1800)
            if proc.returncode != 0:
                print(f"scale x{k}: failed: {proc.stderr.strip()[-300:]}")
                continue
            row = json.loads(proc.stdout)
            row["factor"] = k
            row["bytes"] = path.stat().st_size
            mb = row["bytes"] / 1e6
            row["MB_per_s"] = mb / row["seconds"]
            row["extra_MiB_per_MB"] = (row["peak_rss_bytes"] - row["base_rss_bytes"]) / 2**20 / mb
            row["peak_over_input"] = (row["peak_rss_bytes"] - row["base_rss_bytes"]) / row["bytes"]
            rows.append(row)
            print(
                f"scale x{k:<3d} {mb:6.1f} MB: {row['seconds']:6.2f} s CPU ({row['MB_per_s']:.2f} MB/s), "
                f"peak RSS {row['peak_rss_bytes'] / 2**20:5.0f} MiB ({row['base_rss_bytes'] / 2**20:.0f} after a first parse; "
                f"{row['extra_MiB_per_MB']:.1f} MiB per MB, {row['peak_over_input']:.1f}x the input)"
            )
    out: dict[str, Any] = {"rows": rows}
    if len(rows) >= 2:
        import math

        first, last = rows[0], rows[-1]
        out["time_exponent"] = math.log(last["seconds"] / first["seconds"]) / math.log(last["bytes"] / first["bytes"])
        out["marginal_MiB_per_MB"] = (
            (last["peak_rss_bytes"] - first["peak_rss_bytes"]) / 2**20 / ((last["bytes"] - first["bytes"]) / 1e6)
        )
        print(
            f"scale: time grows with input size to the power {out['time_exponent']:.2f}; each further MB of input "
            f"adds {out['marginal_MiB_per_MB']:.1f} MiB of peak memory "
            f"({out['marginal_MiB_per_MB'] * 2**20 / 1e6:.1f}x its size)"
        )
    return out


def section_repair(files: list[Path], repeat: int) -> dict[str, Any]:
    from awesome_parse import parse_text
    from awesome_parse.repair import repair_text

    clean = [p.read_text(encoding="utf-8") for p in files if not p.name.startswith(DAMAGED)]
    damaged = {p.name: p.read_text(encoding="utf-8") for p in files if p.name.startswith(DAMAGED)}
    for t in clean:
        repair_text(t)
        parse_text(t, repair=False)
    times = alternating(
        {
            "repair_clean": lambda: [repair_text(t) for t in clean],
            "parse_no_repair": lambda: [parse_text(t, repair=False) for t in clean],
        },
        repeat,
    )
    share = times["repair_clean"] / times["parse_no_repair"]
    out: dict[str, Any] = {"clean_repair_s": times["repair_clean"], "clean_overhead_vs_parse": share, "damaged": {}}
    print(f"repair on clean text: {times['repair_clean'] * 1000:.1f} ms = {share:.2%} of parse time")
    for name, text in damaged.items():
        path = next(p for p in files if p.name == name)
        cold = min(
            json.loads(run_child([sys.executable, "-c", _REPAIR_CHILD, str(path)], check=True)[2].stdout)["seconds"]
            for _ in range(2)
        )
        repair_text(text)  # what is loaded once per process (word lists, their bigram counts)
        seconds = best_of(lambda text=text: repair_text(text), max(2, repeat))
        changed = len(repair_text(text).lines_changed)
        out["damaged"][name] = {
            "seconds": seconds,
            "first_call_seconds": cold,
            "lines_changed": changed,
            "bytes": len(text.encode("utf-8")),
        }
        print(
            f"repair on damaged {name} ({len(text.encode('utf-8')) / 1e3:.0f} KB): {seconds:.3f} s CPU per file "
            f"once loaded, {cold:.2f} s as the first call of a process ({changed} lines changed)"
        )
    return out


_REPAIR_CHILD = r"""
import json, sys, time
from awesome_parse.repair import repair_text
text = open(sys.argv[1], encoding="utf-8").read()
start = time.process_time()
repair_text(text)
print(json.dumps({"seconds": time.process_time() - start}))
"""


_PEAK = r"""
def _peak_rss():
    try:
        with open("/proc/self/status", encoding="ascii") as fh:
            for line in fh:
                if line.startswith("VmHWM:"):
                    return int(line.split()[1]) * 1024
    except OSError:
        pass
    import resource
    return resource.getrusage(resource.RUSAGE_SELF).ru_maxrss * 1024
"""

_MERGE_CHILD = (
    _PEAK
    + r"""
import json, random, resource, sys, time
from awesome_parse.model import Paper, Source
from awesome_parse.merge import merge
n = int(sys.argv[1])
rnd = random.Random(n)
papers = []
for k in range(n):
    ident = rnd.randrange(n * 4 // 5 + 1)  # about one record in five repeats an id
    arxiv = f"{15 + ident // 1200000 % 10:02d}{1 + ident // 100000 % 12:02d}.{ident % 100000:05d}" if k % 10 else None
    title = f"Paper number {ident} on things"
    papers.append(Paper(title=title, arxiv=arxiv, year=2015 + ident % 10, tags=("t%d" % (k % 7),),
                        source=Source(f"list{k % 50}.md", k + 1)))
start = time.perf_counter()
result = merge(papers)
seconds = time.perf_counter() - start
print(json.dumps({"n": n, "seconds": seconds, "records": len(result.papers), "peak_rss_bytes": _peak_rss()}))
"""
)


def section_merge_script(script: Path, timeout: float, extra: list[str]) -> dict[str, Any]:
    """Run ``benchmarks/merge.py`` (the streaming merge's own benchmark) and keep what it prints.

    Its JSON lines (if it prints any) are kept as data; every line is shown.
    """
    print(f"merge: {script.relative_to(ROOT)}")
    try:
        wall, cpu, proc = run_child([sys.executable, str(script), *extra], timeout=timeout, cwd=ROOT)
    except subprocess.TimeoutExpired:
        print(f"merge: {script.name} did not finish in {timeout:.0f} s")
        return {"script": script.name, "timeout_s": timeout}
    records = []
    for line in proc.stdout.splitlines():
        print(f"  {line}")
        try:
            value = json.loads(line)
        except ValueError:
            continue
        if isinstance(value, dict):
            records.append(value)
    if proc.returncode != 0:
        print(f"merge: {script.name} exited {proc.returncode}: {proc.stderr.strip()[-500:]}")
    return {
        "script": script.name,
        "exit": proc.returncode,
        "wall_s": wall,
        "cpu_s": cpu,
        "records": records,
        "output": proc.stdout[-20000:],
    }


def section_merge(sizes: list[int]) -> dict[str, Any]:
    rows = []
    for n in sizes:
        proc = run_child([sys.executable, "-c", _MERGE_CHILD, str(n)], check=True)[2]
        row = json.loads(proc.stdout)
        row["us_per_record"] = row["seconds"] / n * 1e6
        rows.append(row)
        print(
            f"merge {n:>9,d} records: {row['seconds']:.2f} s, {row['us_per_record']:.1f} us/record, "
            f"peak RSS {row['peak_rss_bytes'] / 2**20:.0f} MiB -> {row['records']:,d} records"
        )
    growth = rows[-1]["us_per_record"] / rows[0]["us_per_record"]
    print(f"merge growth: time per record at {sizes[-1]:,d} is {growth:.2f}x that at {sizes[0]:,d}")
    return {"rows": rows, "per_record_growth": growth}


def _run_min(argv: list[str], repeat: int) -> tuple[float, float]:
    """The best (wall, CPU) seconds of ``repeat`` runs of a command; CPU counts its worker processes."""
    best_wall = best_cpu = float("inf")
    for _ in range(repeat):
        wall, cpu, proc = run_child(argv)
        if proc.returncode != 0:
            raise SystemExit(f"{' '.join(argv[:4])} ... failed (exit {proc.returncode}): {proc.stderr.strip()[-500:]}")
        best_wall, best_cpu = min(best_wall, wall), min(best_cpu, cpu)
    return best_wall, best_cpu


def section_process(files: list[Path], repeat: int, jobs: list[str]) -> dict[str, Any]:
    texts = [str(p) for p in files if not p.name.startswith(DAMAGED)]
    baseline = [
        sys.executable,
        "-c",
        "import sys\nfrom markdown_it import MarkdownIt\nmd = MarkdownIt('commonmark').enable('table')\n"
        "for f in sys.argv[1:]:\n    md.parse(open(f, encoding='utf-8').read())\n",
        *texts,
    ]
    t_base, c_base = _run_min(baseline, repeat)
    out: dict[str, Any] = {
        "command": "python -m awesome_parse parse FILES... --format jsonl -o /dev/null [--jobs N]",
        "markdown_it_process_s": t_base,
        "markdown_it_process_cpu_s": c_base,
        "cores": os.cpu_count(),
        "jobs": {},
    }
    print(f"parse (whole processes): markdown-it tokenizing script {t_base:.2f} s wall, {c_base:.2f} s CPU")
    for n in ["default", *jobs]:
        argv = cli("parse", *texts, "--format", "jsonl", "-o", os.devnull, *([] if n == "default" else ["--jobs", n]))
        wall, cpu = _run_min(argv, repeat)
        out["jobs"][n] = {"wall_s": wall, "cpu_s": cpu, "ratio_wall": wall / t_base, "ratio_cpu": cpu / c_base}
        print(
            f"parse (whole processes) --jobs {n:7s}: {wall:.2f} s wall ({wall / t_base:.2f}x markdown-it), "
            f"{cpu:.2f} s CPU in all processes ({cpu / c_base:.2f}x)"
        )
    return out


HOSTILE: dict[str, Callable[[int], bytes]] = {
    "long README (entries)": lambda n: synthetic_readme(n).encode(),
    "pipe table rows": lambda n: (
        "| Title | Venue |\n|---|---|\n"
        + "".join(
            f"| [Paper {k} title words](https://arxiv.org/abs/2401.{k % 100000:05d}) | arXiv |\n" for k in range(n)
        )
    ).encode(),
    "nested HTML depth": lambda n: (
        "<table><tr><td>" + "<div>" * n + "x" + "</div>" * n + "</td></tr></table>\n"
    ).encode(),
    "single line bytes": lambda n: ("- " + "word " * (n // 5) + "\n").encode(),
    "run of [": lambda n: ("[" * n).encode(),
    "run of *": lambda n: ("*" * n).encode(),
    "run of |": lambda n: ("|" * n + "\n|---|\n" + "|" * n).encode(),
    "run of <a ": lambda n: ("<a " * n).encode(),
    "run of `": lambda n: ("`" * n).encode(),
    "run of \\": lambda n: ("\\" * n).encode(),
    "nested lists depth": lambda n: ("- " * n + "x\n").encode(),
    "nested quotes depth": lambda n: (">" * n + " x\n").encode(),
}

_HOSTILE_CHILD = (
    _PEAK
    + r"""
import json, resource, sys, time
from awesome_parse import parse_bytes
data = open(sys.argv[1], "rb").read()
start = time.perf_counter()
try:
    result = parse_bytes(data, path="hostile.md")
    outcome = f"{len(result.papers)} papers"
except Exception as exc:
    outcome = f"{type(exc).__name__}: {str(exc)[:80]}"
seconds = time.perf_counter() - start
print(json.dumps({"seconds": seconds, "peak_rss_bytes": _peak_rss(), "outcome": outcome}))
"""
)


def section_hostile(scale: int) -> dict[str, Any]:
    base = {
        "long README (entries)": 180000 * scale,
        "pipe table rows": 50000 * scale,
        "nested HTML depth": 5000 * scale,
        "single line bytes": 500_000 * scale,
        "run of [": 50000 * scale,
        "run of *": 50000 * scale,
        "run of |": 50000 * scale,
        "run of <a ": 50000 * scale,
        "run of `": 50000 * scale,
        "run of \\": 50000 * scale,
        "nested lists depth": 5000 * scale,
        "nested quotes depth": 5000 * scale,
    }
    out = {}
    with tempfile.TemporaryDirectory() as tmp:
        for name, n in base.items():
            rows = []
            for size in (n, 2 * n):
                path = Path(tmp) / "hostile.md"
                path.write_bytes(HOSTILE[name](size))
                proc = run_child([sys.executable, "-c", _HOSTILE_CHILD, str(path)], timeout=900)[2]
                row = (
                    json.loads(proc.stdout)
                    if proc.returncode == 0
                    else {"seconds": None, "outcome": proc.stderr[-200:]}
                )
                row["size"] = size
                row["bytes"] = path.stat().st_size
                rows.append(row)
            growth = (rows[1]["seconds"] / rows[0]["seconds"]) if rows[0]["seconds"] and rows[1]["seconds"] else None
            out[name] = {"runs": rows, "growth_when_doubled": growth}
            big = rows[1]
            print(
                f"hostile {name:24s}: {big['bytes'] / 1e6:7.2f} MB in {big['seconds'] or float('nan'):6.2f} s, "
                f"peak {big.get('peak_rss_bytes', 0) / 2**20:6.0f} MiB, doubling x{growth or float('nan'):.2f}; "
                f"{big['outcome']}"
            )
    return out


def section_lint(files: list[Path], repeat: int, awesome_lint: bool) -> dict[str, Any]:
    target = min((p for p in files if not p.name.startswith(DAMAGED)), key=lambda p: abs(p.stat().st_size - 100_000))
    ours = cli("lint", str(target), "--format", "json")
    best = float("inf")
    for _ in range(repeat):
        best = min(best, run_child(ours)[0])
    out: dict[str, Any] = {"file": target.name, "bytes": target.stat().st_size, "awesome_parse_lint_s": best}
    print(f"lint {target.name} ({target.stat().st_size / 1e3:.0f} KB): awesome-parse lint {best:.2f} s")
    if awesome_lint:
        node_dir = ROOT / "benchmarks" / ".node"
        node_dir.mkdir(exist_ok=True)
        if not (node_dir / "node_modules" / ".bin" / "awesome-lint").exists():
            subprocess.run(["npm", "install", "--silent", "--prefix", str(node_dir), "awesome-lint"], check=True)
        theirs = [str(node_dir / "node_modules" / ".bin" / "awesome-lint"), str(target)]
        tbest = float("inf")
        for _ in range(repeat):
            start = time.perf_counter()
            subprocess.run(theirs, stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, check=False, cwd=target.parent)
            tbest = min(tbest, time.perf_counter() - start)
        out["awesome_lint_s"] = tbest
        out["ratio"] = best / tbest
        print(f"lint {target.name}: awesome-lint {tbest:.2f} s -> awesome-parse takes {out['ratio']:.0%} of its time")
    return out


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--only", default="parse,scale,repair,process,merge,lint,hostile", help="comma-separated sections")
    ap.add_argument("--repeat", type=int, default=5)
    ap.add_argument("--scale", default="1,2,4,8", help="how many times the corpus is repeated for the scale section")
    ap.add_argument("--jobs", default="1,2,4", help="--jobs values the process section runs besides the default")
    ap.add_argument("--merge-sizes", default="10000,100000,1000000", help="without benchmarks/merge.py only")
    ap.add_argument("--merge-timeout", type=float, default=3600.0, help="seconds benchmarks/merge.py may take")
    ap.add_argument(
        "--merge-args", default="", help="arguments for benchmarks/merge.py, e.g. '--sizes 100000,1000000,10000000'"
    )
    ap.add_argument(
        "--hostile-scale", type=int, default=1, help="1 gives the largest inputs of the issue (50 MB, 100k rows)"
    )
    ap.add_argument("--awesome-lint", action="store_true", help="install awesome-lint with npm and time it too")
    ap.add_argument("--output", default=str(ROOT / "benchmarks" / "results.json"))
    args = ap.parse_args()
    sections = set(args.only.split(","))
    files = corpus()
    results: dict[str, Any] = {
        "machine": {
            "python": platform.python_version(),
            "platform": platform.platform(),
            "processor": platform.machine(),
            "cores": os.cpu_count(),
        },
        "corpus": [p.name for p in files],
    }
    if "parse" in sections:
        results["parse"] = section_parse(files, args.repeat)
    if "scale" in sections:
        results["scale"] = section_scale(files, [int(k) for k in args.scale.split(",")])
    if "repair" in sections:
        results["repair"] = section_repair(files, args.repeat)
    if "process" in sections:
        results["process"] = section_process(files, max(3, args.repeat // 2), [j for j in args.jobs.split(",") if j])
    if "merge" in sections:
        script = ROOT / "benchmarks" / "merge.py"
        if script.is_file():
            results["merge"] = section_merge_script(script, args.merge_timeout, shlex.split(args.merge_args))
        else:
            results["merge"] = section_merge([int(n) for n in args.merge_sizes.split(",")])
    if "lint" in sections:
        results["lint"] = section_lint(files, max(3, args.repeat // 2), args.awesome_lint)
    if "hostile" in sections:
        results["hostile"] = section_hostile(args.hostile_scale)
    Path(args.output).write_text(json.dumps(results, indent=1) + "\n", encoding="utf-8")
    print(f"results written to {args.output}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
