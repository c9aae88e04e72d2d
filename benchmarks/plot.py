#!/usr/bin/env python3
"""Plot parse time and peak memory against input size, as a plain SVG (no plotting library).

Usage (from the project root, after ``python benchmarks/run.py`` has written its results):

    python benchmarks/plot.py                                  # benchmarks/results.json -> docs/performance.svg
    python benchmarks/plot.py --results other.json --output /tmp/plot.svg

The points are the ``scale`` section of the results: the corpus repeated k times,
each size parsed in a fresh process.  Time is CPU seconds, memory the process's
peak resident set; a dashed line shows where each would be if it grew in
proportion to the input from the smallest size.
"""

from __future__ import annotations

import argparse
import json
import math
import sys
from pathlib import Path
from typing import Any
from xml.sax.saxutils import escape

ROOT = Path(__file__).resolve().parent.parent

WIDTH, HEIGHT = 360, 260
LEFT, RIGHT, TOP, BOTTOM = 58, 16, 34, 44


def nice_ticks(top: float, count: int = 5) -> list[float]:
    """Round tick values from 0 to at least ``top``.

    >>> nice_ticks(7.3)
    [0.0, 2.0, 4.0, 6.0, 8.0]
    """
    if top <= 0:
        return [0.0, 1.0]
    raw = top / (count - 1)
    magnitude = 10 ** math.floor(math.log10(raw))
    step = next(m * magnitude for m in (1, 2, 2.5, 5, 10) if m * magnitude >= raw)
    ticks = [0.0]
    while ticks[-1] < top:
        ticks.append(round(ticks[-1] + step, 10))
    return ticks


def panel(x0: float, title: str, unit: str, xs: list[float], ys: list[float], colour: str) -> list[str]:
    """One chart: points joined by a line, a dashed proportional line, axes with ticks."""
    w, h = WIDTH - LEFT - RIGHT, HEIGHT - TOP - BOTTOM
    xticks, yticks = nice_ticks(max(xs)), nice_ticks(max(ys))
    xmax, ymax = xticks[-1], yticks[-1]

    def px(x: float) -> float:
        return x0 + LEFT + w * x / xmax

    def py(y: float) -> float:
        return TOP + h - h * y / ymax

    out = [
        f'<text x="{x0 + LEFT + w / 2:.1f}" y="20" text-anchor="middle" font-weight="bold">{escape(title)}</text>',
        f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(xmax):.1f}" y2="{py(0):.1f}" stroke="#333"/>',
        f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(0):.1f}" y2="{py(ymax):.1f}" stroke="#333"/>',
    ]
    for t in xticks:
        out.append(f'<line x1="{px(t):.1f}" y1="{py(0):.1f}" x2="{px(t):.1f}" y2="{py(0) + 4:.1f}" stroke="#333"/>')
        out.append(f'<text x="{px(t):.1f}" y="{py(0) + 16:.1f}" text-anchor="middle">{t:g}</text>')
    for t in yticks:
        out.append(f'<line x1="{px(0) - 4:.1f}" y1="{py(t):.1f}" x2="{px(xmax):.1f}" y2="{py(t):.1f}" stroke="#ddd"/>')
        out.append(f'<text x="{px(0) - 7:.1f}" y="{py(t) + 4:.1f}" text-anchor="end">{t:g}</text>')
    out.append(
        f'<text x="{x0 + LEFT + w / 2:.1f}" y="{HEIGHT - 8}" text-anchor="middle">input size (MB)</text>'
        f'<text transform="translate({x0 + 14},{TOP + h / 2:.1f}) rotate(-90)" text-anchor="middle">'
        f"{escape(unit)}</text>"
    )
    slope = ys[0] / xs[0]
    end = min(xmax, ymax / slope)
    out.append(
        f'<line x1="{px(0):.1f}" y1="{py(0):.1f}" x2="{px(end):.1f}" y2="{py(slope * end):.1f}" '
        f'stroke="{colour}" stroke-opacity="0.45" stroke-dasharray="4 3"/>'
    )
    points = " ".join(f"{px(x):.1f},{py(y):.1f}" for x, y in zip(xs, ys, strict=True))
    out.append(f'<polyline points="{points}" fill="none" stroke="{colour}" stroke-width="2"/>')
    for x, y in zip(xs, ys, strict=True):
        out.append(f'<circle cx="{px(x):.1f}" cy="{py(y):.1f}" r="3.5" fill="{colour}"/>')
    return out


def render(rows: list[dict[str, Any]]) -> str:
    """The SVG text for the ``scale`` rows of a results file."""
    rows = sorted(rows, key=lambda r: r["bytes"])
    xs = [r["bytes"] / 1e6 for r in rows]
    seconds = [r["seconds"] for r in rows]
    memory = [r["peak_rss_bytes"] / 2**20 for r in rows]
    parts = [
        f'<svg xmlns="http://www.w3.org/2000/svg" width="{2 * WIDTH}" height="{HEIGHT}" '
        f'viewBox="0 0 {2 * WIDTH} {HEIGHT}" font-family="sans-serif" font-size="11">',
        f'<rect width="{2 * WIDTH}" height="{HEIGHT}" fill="white"/>',
        *panel(0, "Parse time", "CPU seconds", xs, seconds, "#1f77b4"),
        *panel(WIDTH, "Peak memory", "peak RSS (MiB)", xs, memory, "#d62728"),
        "</svg>",
    ]
    return "\n".join(parts) + "\n"


def main() -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--results", default=str(ROOT / "benchmarks" / "results.json"))
    ap.add_argument("--output", default=str(ROOT / "docs" / "performance.svg"))
    args = ap.parse_args()
    try:
        results = json.loads(Path(args.results).read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        print(f"error: {args.results}: cannot read the results ({exc}); run benchmarks/run.py first", file=sys.stderr)
        return 2
    rows = results.get("scale", {}).get("rows", [])
    if len(rows) < 2:
        print(f"error: {args.results}: fewer than two sizes in its scale section", file=sys.stderr)
        return 2
    Path(args.output).write_text(render(rows), encoding="utf-8")
    print(f"wrote {args.output} ({len(rows)} sizes)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
