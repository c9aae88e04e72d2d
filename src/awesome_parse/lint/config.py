"""Lint configuration: ``[tool.awesome-parse.lint]`` in pyproject.toml, or ``.awesome-parse.toml``.

The first file found walking up from the linted file's directory is used::

    [tool.awesome-parse.lint]        # in .awesome-parse.toml: [lint]
    select = ["AP1"]                 # code prefixes to run (default: all)
    ignore = ["AP111", "AP112"]      # code prefixes to skip
    [tool.awesome-parse.lint.severity]
    AP106 = "error"                  # per-rule severity: error, warning or info
    [tool.awesome-parse.lint.options.AP103]
    cross-section = true             # per-rule options (see docs/lint-rules.md)

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

__all__ = [
    "ConfigError",
    "LintConfig",
    "Suppression",
    "find_config",
    "load_config",
    "suppression_comments",
    "suppressions",
]


@attrs.frozen
class LintConfig:
    """Which rules run and at which severity."""

    select: tuple[str, ...] = ()
    ignore: tuple[str, ...] = ()
    severity: tuple[tuple[str, Severity], ...] = ()
    source: str | None = None
    #: per-rule options: ``(code, ((option, value), ...))``, checked against the rules when loaded
    options: tuple[tuple[str, tuple[tuple[str, Any], ...]], ...] = ()

    def rule_options(self) -> dict[str, dict[str, Any]]:
        """The options as ``{code: {option: value}}``, for :func:`~awesome_parse.lint.rules.configure_rules`."""
        return {code: dict(values) for code, values in self.options}

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


#: The code of the linter's check of its own suppression comments (unknown codes, unused comments).
SUPPRESSION_CODE = "AP100"


class ConfigError(AwesomeParseError):
    """A configuration file is broken; the message names the file, the line where known, and the key."""


#: Keys of the lint table; anything else is an error with a "did you mean" hint.
KNOWN_KEYS = ("select", "ignore", "severity", "options")


def known_codes() -> frozenset[str]:
    """Every code a config or a suppression comment may name: the rules' and the reader's."""
    from .rules import default_rules

    return frozenset(r.code for r in default_rules()) | EXTRA_CODES


#: Codes that are not rules of the registry: unreadable file, undecodable bytes,
#: HTML too deep, and the linter's own check of suppression comments.
EXTRA_CODES = frozenset({"AP001", "AP002", "AP003", SUPPRESSION_CODE})


def did_you_mean(word: str, choices: Iterable[str]) -> str:
    """``"; did you mean X?"`` for the closest choice, or ``""``.

    >>> did_you_mean("selct", KNOWN_KEYS)
    '; did you mean select?'
    """
    import difflib

    close = difflib.get_close_matches(word, list(choices), n=1, cutoff=0.6)
    return f"; did you mean {close[0]}?" if close else ""


def unknown_code(code: str, known: Iterable[str]) -> str | None:
    """Why ``code`` (a code or a code prefix) names no rule, or ``None`` when it does.

    >>> unknown_code("AP1", ["AP101"]) is None
    True
    >>> unknown_code("AP1O3", ["AP101", "AP103"])
    "unknown rule code 'AP1O3'; did you mean AP103?"
    """
    known = list(known)
    if any(k.startswith(code) for k in known) and code.startswith("AP"):
        return None
    return f"unknown rule code {code!r}{did_you_mean(code, known)}"


def _table(data: dict[str, Any], path: Path) -> Any:
    tool = data.get("tool")
    ours = tool.get("awesome-parse") if isinstance(tool, dict) else None
    nested = ours.get("lint") if isinstance(ours, dict) else None
    if path.name == "pyproject.toml":
        return nested
    return data.get("lint", nested)


def _show(path: Path) -> str:
    """A configuration file's name for messages: relative to the working folder when inside it."""
    import os

    from ..fileio import display_path

    try:
        rel = os.path.relpath(path)
    except ValueError:  # another drive
        rel = str(path)
    return display_path(rel if not rel.startswith("..") else str(path))


def _read_toml(path: Path) -> tuple[dict[str, Any], str]:
    """A TOML file's data and text; a file that is not UTF-8 or not TOML is a :class:`ConfigError`."""
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ConfigError(f"{_show(path)}: cannot read the configuration: {exc.strerror or exc}") from None
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        line = raw[: exc.start].count(b"\n") + 1
        raise ConfigError(f"{_show(path)}:{line}: not UTF-8 (byte {exc.start}); a TOML file must be UTF-8") from None
    try:
        return tomllib.loads(text), text
    except tomllib.TOMLDecodeError as exc:
        raise ConfigError(f"{_show(path)}: invalid TOML: {exc}") from None


def find_config(start: Path) -> Path | None:
    """The nearest ``.awesome-parse.toml``, or pyproject.toml with a lint table, walking up.

    A pyproject.toml met on the way that is not UTF-8 or not valid TOML is an
    error (:class:`ConfigError` naming it): it might hold the settings.
    """
    here = start if start.is_dir() else start.parent
    for directory in [here, *here.parents]:
        for name in (".awesome-parse.toml", "pyproject.toml"):
            candidate = directory / name
            if not candidate.is_file():
                continue
            if name == ".awesome-parse.toml":
                return candidate
            data, _text = _read_toml(candidate)
            if _table(data, candidate) is not None:
                return candidate
    return None


def _line_of(text: str, key: str, after: int = 0) -> int | None:
    """The first line (1-based) at or after line ``after`` that assigns ``key``."""
    pattern = re.compile(rf"^\s*[\"']?{re.escape(key)}[\"']?\s*=")
    for number, line in enumerate(text.split("\n"), start=1):
        if number >= after and pattern.match(line):
            return number
    return None


def load_config(path: Path | None) -> LintConfig:
    """Read a config file; every problem is one :class:`ConfigError` naming the file, line and key."""
    if path is None:
        return LintConfig()
    data, text = _read_toml(path)
    table = _table(data, path)
    prefix = "tool.awesome-parse.lint" if path.name == "pyproject.toml" or "lint" not in data else "lint"
    header = _line_of_header(text, prefix)

    def where(key: str) -> str:
        line = _line_of(text, key.rsplit(".", 1)[-1], header)
        return f"{_show(path)}:{line}" if line else _show(path)

    if table is None:
        return LintConfig(source=str(path))
    if not isinstance(table, dict):
        raise ConfigError(f"{_show(path)}: {prefix} must be a table")
    for key in table:
        if key not in KNOWN_KEYS:
            raise ConfigError(
                f"{where(key)}: unknown key {prefix}.{key}{did_you_mean(key, KNOWN_KEYS)} "
                f"(known: {', '.join(KNOWN_KEYS)})"
            )
    known = known_codes()

    def codes(key: str) -> tuple[str, ...]:
        value = table.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            example = f'["{value}"]' if isinstance(value, str) else '["AP1"]'
            raise ConfigError(f"{where(key)}: {prefix}.{key} must be a list of rule codes, like {key} = {example}")
        out = tuple(v.strip().upper() for v in value)
        for code in out:
            problem = unknown_code(code, known)
            if problem:
                raise ConfigError(f"{where(key)}: {prefix}.{key}: {problem}")
        return out

    levels = table.get("severity", {})
    if not isinstance(levels, dict):
        raise ConfigError(
            f'{where("severity")}: {prefix}.severity must be a table of codes, like [{prefix}.severity] AP106 = "error"'
        )
    severity = []
    for code, level in levels.items():
        where_code = where(code)
        problem = unknown_code(str(code).upper(), known)
        if problem or str(code).upper() not in known:
            raise ConfigError(f"{where_code}: {prefix}.severity.{code}: {problem or 'give a full rule code'}")
        try:
            severity.append((str(code).upper(), Severity.parse(str(level))))
        except ValueError as exc:
            raise ConfigError(f"{where_code}: {prefix}.severity.{code}: {exc}") from None
    options = _options(table.get("options", {}), prefix, where, text, path)
    return LintConfig(codes("select"), codes("ignore"), tuple(severity), str(path), options)


def _options(
    value: Any, prefix: str, where: Any, text: str, path: Path
) -> tuple[tuple[str, tuple[tuple[str, Any], ...]], ...]:
    """Check ``[<prefix>.options.<CODE>]`` tables against the rules' declared options."""
    from .rules import configure_rules, default_rules

    if not isinstance(value, dict) or not all(isinstance(v, dict) for v in value.values()):
        raise ConfigError(
            f"{where('options')}: {prefix}.options must hold one table per rule, like "
            f"[{prefix}.options.AP103] cross-section = true"
        )
    out = []
    for code, values in value.items():
        try:
            configure_rules(default_rules(), {str(code).upper(): values})
        except ValueError as exc:
            header = _line_of_header(text, f"{prefix}.options.{code}")
            line = next((_line_of(text, str(k), header) for k in values if _line_of(text, str(k), header)), header)
            raise ConfigError(f"{_show(path)}:{line}: {prefix}.options.{code}: {exc}") from None
        out.append((str(code).upper(), tuple(sorted((str(k).replace("_", "-"), v) for k, v in values.items()))))
    return tuple(out)


def _line_of_header(text: str, prefix: str) -> int:
    """The line of the ``[prefix]`` table header (1 when it is not written as one)."""
    pattern = re.compile(rf"^\s*\[\s*{re.escape(prefix)}\s*\]")
    for number, line in enumerate(text.split("\n"), start=1):
        if pattern.match(line):
            return number
    return 1


_OPEN = "<!--"
_CLOSE = "-->"
_HEAD = re.compile(r"\s*awesome-parse:\s*ignore\b", re.IGNORECASE)
_SPLIT = re.compile(r"[,\s]+")


@attrs.frozen
class Suppression:
    """One ``<!-- awesome-parse: ignore ... -->`` comment: where, which codes (empty: all), lines covered."""

    line: int
    column: int
    codes: tuple[str, ...]
    covers: tuple[int, ...]


def _find_comment(line: str) -> tuple[int, int, int] | None:
    """``(start, codes_start, end)`` of the first suppression comment of ``line``, in linear time.

    Each ``<!--`` is tried once; the comment ends at the first ``-->`` after it and
    holds no ``>``.  Once no ``-->`` follows, no later ``<!--`` can close either.
    """
    pos = 0
    end = -1
    last_gt = -1
    while True:
        start = line.find(_OPEN, pos)
        if start < 0:
            return None
        if end < start + len(_OPEN):
            end = line.find(_CLOSE, start + len(_OPEN))
            if end < 0:
                return None
            last_gt = line.rfind(">", start + len(_OPEN), end)
        m = _HEAD.match(line, start + len(_OPEN), end)
        if m is not None and last_gt < start + len(_OPEN):
            return start, m.end(), end
        pos = start + 1


def suppression_comments(lines: list[str]) -> list[Suppression]:
    """The suppression comments of ``lines``, in order.

    >>> suppression_comments(["<!-- awesome-parse: ignore AP103 -->", "- [A](u)"])
    [Suppression(line=1, column=1, codes=('AP103',), covers=(1, 2))]
    """
    out: list[Suppression] = []
    for number, line in enumerate(lines, start=1):
        if _OPEN not in line:
            continue
        found = _find_comment(line)
        if found is None:
            continue
        start, body, end = found
        codes = tuple(c.upper() for c in _SPLIT.split(line[body:end]) if c)
        alone = not line[:start].strip() and not line[end + len(_CLOSE) :].strip()
        out.append(Suppression(number, start + 1, codes, (number, number + 1) if alone else (number,)))
    return out


def suppressions(lines: list[str]) -> dict[int, frozenset[str] | None]:
    """Line -> codes suppressed there (``None`` = all), from inline HTML comments.

    >>> suppressions(["<!-- awesome-parse: ignore AP103 -->", "- [A](u)", "x <!-- awesome-parse: ignore -->"])
    {1: frozenset({'AP103'}), 2: frozenset({'AP103'}), 3: None}
    """
    out: dict[int, frozenset[str] | None] = {}
    for comment in suppression_comments(lines):
        value = frozenset(comment.codes) or None
        for line in comment.covers:
            out[line] = value
    return out
