"""Lint configuration: ``[tool.awesome-parse.lint]`` in pyproject.toml, or ``.awesome-parse.toml``.

The first file found walking up from the linted file's directory is used::

    [tool.awesome-parse.lint]        # in .awesome-parse.toml: [lint]
    select = ["AP1"]                 # code prefixes to run (default: all)
    ignore = ["AP111", "AP112"]      # code prefixes to skip
    [tool.awesome-parse.lint.severity]
    AP106 = "error"                  # per-rule severity: error, warning or info

Inline suppression, on the line itself or alone on the line before it::

    <!-- awesome-parse: ignore AP103 -->          (one or more codes, comma-separated)
    <!-- awesome-parse: ignore -->                (every rule)
"""

from __future__ import annotations

import re
import sys
from collections.abc import Iterable
from pathlib import Path
from typing import Any

import attrs

from ..errors import AwesomeParseError, Severity

if sys.version_info >= (3, 11):
    import tomllib
else:  # pragma: no cover - Python 3.10
    import tomli as tomllib

__all__ = ["LintConfig", "find_config", "load_config", "suppressions"]


@attrs.frozen
class LintConfig:
    """Which rules run and at which severity."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    source: str | None = None

    def enabled(self, code: str) -> bool:
        if self.select and not any(code.startswith(p) for p in self.select):
            return False
        return not any(code.startswith(p) for p in self.ignore)

    def severity_of(self, code: str, default: Severity) -> Severity:
        for prefix, sev in self.severity:
            if code == prefix:
                return sev
        return default

    def merged(self, select: Iterable[str] | None = None, ignore: Iterable[str] | None = None) -> LintConfig:
        """Command-line ``--select``/``--ignore`` replace/extend the file's."""
        return attrs.evolve(
            self,
            select=tuple(select) if select else self.select,
            ignore=(*self.ignore, *(ignore or ())),
        )


def _table(data: dict[str, Any], path: Path) -> dict[str, Any] | None:
    if path.name == "pyproject.toml":
        found = data.get("tool", {}).get("awesome-parse", {}).get("lint")
    else:
        found = data.get("lint", data.get("tool", {}).get("awesome-parse", {}).get("lint"))
    return found if isinstance(found, dict) else None


def find_config(start: Path) -> Path | None:
    """The nearest ``.awesome-parse.toml`` or pyproject.toml with a lint table, walking up."""
    here = start if start.is_dir() else start.parent
    for directory in [here, *here.parents]:
        for name in (".awesome-parse.toml", "pyproject.toml"):
            candidate = directory / name
            if candidate.is_file():
                try:
                    data = tomllib.loads(candidate.read_text(encoding="utf-8"))
                except (OSError, tomllib.TOMLDecodeError):
                    if name == ".awesome-parse.toml":
                        return candidate
                    continue
                if _table(data, candidate) is not None or name == ".awesome-parse.toml":
                    return candidate
    return None


def load_config(path: Path | None) -> LintConfig:
    """Read a config file; a broken one is an error naming the file."""
    if path is None:
        return LintConfig()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except tomllib.TOMLDecodeError as exc:
        raise AwesomeParseError(f"{path}: invalid TOML: {exc}") from None
    table = _table(data, path) or {}

    def codes(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if isinstance(value, str):
            value = [value]
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise AwesomeParseError(f"{path}: lint.{key} must be a list of rule codes")
        return tuple(v.strip().upper() for v in value)

    severity = []
    for code, level in (table.get("severity") or {}).items():
        try:
            severity.append((str(code).upper(), Severity.parse(str(level))))
        except ValueError as exc:
            raise AwesomeParseError(f"{path}: lint.severity.{code}: {exc}") from None
    return LintConfig(codes("select"), codes("ignore"), tuple(severity), str(path))


_SUPPRESS = re.compile(r"<!--\s*awesome-parse:\s*ignore\b([^>]*?)-->", re.IGNORECASE)


def suppressions(lines: list[str]) -> dict[int, frozenset[str] | None]:
    """Line -> codes suppressed there (``None`` = all), from inline HTML comments.

    >>> suppressions(["<!-- awesome-parse: ignore AP103 -->", "- [A](u)", "x <!-- awesome-parse: ignore -->"])
    {1: frozenset({'AP103'}), 2: frozenset({'AP103'}), 3: None}
    """
    out: dict[int, frozenset[str] | None] = {}
    for number, line in enumerate(lines, start=1):
        m = _SUPPRESS.search(line)
        if not m:
            continue
        codes = frozenset(c.strip().upper() for c in re.split(r"[,\s]+", m.group(1)) if c.strip())
        value = codes or None
        out[number] = value
        if not line[: m.start()].strip() and not line[m.end() :].strip():
            out[number + 1] = value  # a comment alone on its line covers the next line
    return out
