"""Mojibake repair, including bytes that were lost, with an explained change log.

The stage runs before parsing (on by default) and as ``awesome-parse repair``:

1. :func:`~awesome_parse.repair.codepages.prescreen` decides in one regex scan
   whether the text could hold mojibake at all; clean text stops here, unchanged.
2. :func:`~awesome_parse.repair.codepages.detect` finds the code page that
   explains the document as mis-decoded UTF-8 and whether bytes were lost.
3. Every run of mojibake is turned back into its bytes and decoded as UTF-8.
   Complete characters come back exactly (the lossless case; ftfy, run on the
   same line, confirms it where it recognizes the damage).  A character that lost
   a byte has a few candidates; :class:`~awesome_parse.repair.langmodel.DocumentModel`
   chooses, and the guess, its confidence and the runners-up are reported.
4. This repeats (at most three rounds) for text that was mis-decoded twice.

Only characters inside a line change, never line breaks, so every line number
stays valid.

>>> report = repair_text("## å¤§æ¨¡åž‹\\nclean line")
>>> report.text
'## 大模型\\nclean line'
>>> [(c.line, c.before, c.after) for c in report.changes]
[(1, 'å¤§æ¨¡åž‹', '大模型')]
>>> repair_text("中文 README, café").changed
False
"""

from __future__ import annotations

import bisect

import attrs

from ..errors import Diagnostic, Severity
from ..model import Span
from .codepages import Damage, detect, encode_run, prescreen, runs, segment
from .langmodel import DocumentModel, WordLattice, decode_line, make_lattice, refine_with_words

__all__ = ["Change", "Guess", "RepairReport", "needs_repair", "repair_text"]

#: Below this probability a guess is reported as not telling its candidates apart.
AMBIGUOUS_BELOW = 0.6
#: Rounds in which confident guesses join the document's statistics before deciding again.
SELF_TRAINING_ROUNDS = 1
#: How sure a guess must be to count as known text in those rounds.
SELF_TRAINING_CONFIDENCE = 0.8


@attrs.frozen
class Guess:
    """One character restored from a truncated sequence: what was chosen, how sure, and the rest."""

    column: int
    chosen: str
    confidence: float
    alternatives: tuple[tuple[str, float], ...] = ()

    @property
    def ambiguous(self) -> bool:
        return self.confidence < AMBIGUOUS_BELOW


@attrs.frozen
class Change:
    """One repaired run of mojibake on one line."""

    line: int
    column: int
    before: str
    after: str
    codepage: str
    guesses: tuple[Guess, ...] = ()
    ftfy_agrees: bool | None = None


@attrs.frozen
class RepairReport:
    """The repaired text and everything that was done to it."""

    text: str
    path: str | None = None
    damages: tuple[Damage, ...] = ()
    changes: tuple[Change, ...] = ()

    @property
    def changed(self) -> bool:
        return bool(self.changes)

    @property
    def lines_changed(self) -> list[int]:
        return sorted({c.line for c in self.changes})

    def guesses(self) -> list[tuple[int, Guess]]:
        return [(c.line, g) for c in self.changes for g in c.guesses]

    def explain(self) -> str:
        """A human-readable account: the damage found, then every change with its guesses."""
        name = self.path or "<text>"
        if not self.changes:
            return f"{name}: no mojibake found; text unchanged"
        out = [f"{name}: {d.describe()}" for d in self.damages]
        guesses = self.guesses()
        unsure = sum(1 for _l, g in guesses if g.ambiguous)
        out.append(
            f"{name}: repaired {len(self.changes)} run(s) on {len(self.lines_changed)} line(s); "
            f"{len(guesses)} lost byte(s) guessed, {unsure} of them uncertain"
        )
        for c in self.changes:
            agree = {True: " (ftfy agrees)", False: " (ftfy leaves it)", None: ""}[c.ftfy_agrees]
            out.append(f"{name}:{c.line}:{c.column}: {c.before!r} -> {c.after!r} [{c.codepage}]{agree}")
            for g in c.guesses:
                alts = ", ".join(f"{a!r} {p:.0%}" for a, p in g.alternatives[:3])
                flag = "  CANNOT TELL APART" if g.ambiguous else ""
                out.append(f"    col {g.column}: lost byte -> {g.chosen!r} ({g.confidence:.0%}; next: {alts}){flag}")
        return "\n".join(out)

    def diagnostics(self) -> list[Diagnostic]:
        """A summary diagnostic for the parse result, plus one per uncertain guess."""
        if not self.changes:
            return []
        first = self.changes[0]
        damage = "; ".join(d.describe() for d in self.damages)
        diags = [
            Diagnostic(
                "AP200",
                Severity.INFO,
                f"mojibake repaired on {len(self.lines_changed)} line(s): {damage}",
                Span(self.path, first.line, first.line, first.column),
            )
        ]
        for line, g in self.guesses():
            if g.ambiguous:
                alts = ", ".join(f"{a!r}" for a, _p in g.alternatives[:3])
                diags.append(
                    Diagnostic(
                        "AP201",
                        Severity.WARNING,
                        f"lost byte restored as {g.chosen!r} with {g.confidence:.0%} confidence (also possible: {alts})",
                        Span(self.path, line, line, g.column),
                    )
                )
        return diags


def needs_repair(text: str) -> bool:
    """True if :func:`repair_text` would change ``text``; as cheap as the detection."""
    return detect(text) is not None


def repair_text(text: str, path: str | None = None, *, max_rounds: int = 3) -> RepairReport:
    """Repair mojibake in ``text``; clean text is returned unchanged (the same object).

    Args:
        text: the decoded README.
        path: the file name, for the report.
        max_rounds: how many layers of mis-decoding to undo at most.
    """
    if not prescreen(text):
        return RepairReport(text, path)
    damages: list[Damage] = []
    changes: list[Change] = []
    current = text
    for _round in range(max_rounds):
        damage = detect(current)
        if damage is None:
            break
        repaired, round_changes = _repair(current, damage)
        if repaired == current:
            break
        damages.append(damage)
        changes.extend(round_changes)
        current = repaired
    return RepairReport(current, path, tuple(damages), tuple(changes))


def _repair(text: str, damage: Damage) -> tuple[str, list[Change]]:
    lines = text.split("\n")
    # Slots per line: known characters (str) or candidate tuples for truncated ones.
    plans: dict[int, list[tuple[int, int, list[str | tuple[str, ...]]]]] = {}
    for idx, line in enumerate(lines):
        if line.isascii():
            continue
        for m in runs(line):
            data = encode_run(m.group(0), damage.codepage)
            if data is None:
                continue
            pieces = segment(data, damage.lost, max_missing=2 if damage.lossy else 0)
            if pieces is None:
                continue
            slots: list[str | tuple[str, ...]] = [p.text if p.text is not None else p.candidates for p in pieces]
            plans.setdefault(idx, []).append((m.start(), m.end(), slots))
    if not plans:
        return text, []
    laid_out = {idx: _line_chars(lines[idx], plans[idx]) for idx in plans}
    # the lines with a lost byte: only they have anything to decide (the others come back exactly)
    uncertain = [idx for idx, (chars, _s) in laid_out.items() if any(isinstance(c, tuple) for c in chars)]
    decided: dict[int, dict[int, tuple[str, float, tuple[tuple[str, float], ...]]]] = {}
    if uncertain:
        model = DocumentModel(_known_text(lines, laid_out))
        lattice = make_lattice(model)
        decided = {idx: _resolve(laid_out[idx][0], model, lattice) for idx in uncertain}
        for _round in range(SELF_TRAINING_ROUNDS):
            # the confident guesses join the document's own statistics, and every line is decided again
            model = DocumentModel(_known_text(lines, laid_out, decided))
            lattice = make_lattice(model)
            decided = {idx: _resolve(laid_out[idx][0], model, lattice) for idx in uncertain}
    changes: list[Change] = []
    for idx in sorted(plans):
        line = lines[idx]
        chars, spans = laid_out[idx]
        guesses = decided.get(idx, {})
        ordered = sorted(guesses.items())
        slots_guessed = [k for k, _g in ordered]
        new_parts: list[str] = []
        pos = 0
        for (start, end, _slots), (first, last) in zip(plans[idx], spans, strict=False):
            before = line[start:end]
            after = "".join(_chosen(chars[k], guesses.get(k)) for k in range(first, last))
            new_parts.append(line[pos:start])
            new_parts.append(after)
            pos = end
            if after != before:
                in_run = ordered[bisect.bisect_left(slots_guessed, first) : bisect.bisect_left(slots_guessed, last)]
                run_guesses = tuple(Guess(start + 1 + (k - first), g[0], g[1], g[2]) for k, g in in_run)
                changes.append(Change(idx + 1, start + 1, before, after, damage.codepage, run_guesses))
        new_parts.append(line[pos:])
        lines[idx] = "".join(new_parts)
    _ftfy_check(changes, text, lines, damage)
    return "\n".join(lines), changes


def _chosen(slot: str | tuple[str, ...], guess: tuple[str, float, object] | None) -> str:
    if guess is not None:
        return guess[0]
    return slot if isinstance(slot, str) else ""


def _line_chars(
    line: str, runs_: list[tuple[int, int, list[str | tuple[str, ...]]]]
) -> tuple[list[str | tuple[str, ...]], list[tuple[int, int]]]:
    """The whole line as slots (ASCII characters kept around the runs), and each run's slot range."""
    chars: list[str | tuple[str, ...]] = []
    spans = []
    pos = 0
    for start, end, slots in runs_:
        chars.extend(line[pos:start])
        first = len(chars)
        chars.extend(slots)
        spans.append((first, len(chars)))
        pos = end
    chars.extend(line[pos:])
    return chars, spans


def _known_text(
    lines: list[str],
    laid_out: dict[int, tuple[list[str | tuple[str, ...]], list[tuple[int, int]]]],
    decided: dict[int, dict[int, tuple[str, float, tuple[tuple[str, float], ...]]]] | None = None,
) -> str:
    """The document as far as it is known: damaged characters are gaps, or confident guesses.

    ``laid_out`` holds, per line with mojibake, the line as slots (see :func:`_line_chars`).
    """
    out = []
    for idx, line in enumerate(lines):
        if idx not in laid_out:
            out.append(line)
            continue
        chars, _spans = laid_out[idx]
        guesses = decided.get(idx, {}) if decided else {}
        out.append(
            "".join(
                c
                if isinstance(c, str)
                else guesses[k][0]
                if k in guesses and guesses[k][1] >= SELF_TRAINING_CONFIDENCE
                else "\u3000"
                for k, c in enumerate(chars)
            )
        )
    return "\n".join(out)


def _resolve(
    chars: list[str | tuple[str, ...]], model: DocumentModel, lattice: WordLattice
) -> dict[int, tuple[str, float, tuple[tuple[str, float], ...]]]:
    """Choose every unknown slot of a line jointly: bigram forward-backward, then the word lattice."""
    out = {}
    posteriors = refine_with_words(chars, decode_line(chars, model), lattice)
    for k, probs in posteriors.items():
        out[k] = (probs[0][0], probs[0][1], tuple(probs[1:4]))
    return out


def _ftfy_check(changes: list[Change], text: str, new_lines: list[str], damage: Damage) -> None:
    """For lossless damage, note whether ftfy repairs each changed line the same way."""
    if damage.lossy or not changes:
        return
    try:
        import ftfy
    except ImportError:  # pragma: no cover - ftfy is a dependency
        return
    old_lines = text.split("\n")
    config = ftfy.TextFixerConfig(
        unescape_html=False,
        remove_terminal_escapes=False,
        fix_latin_ligatures=False,
        fix_character_width=False,
        uncurl_quotes=False,
        fix_line_breaks=False,
        fix_surrogates=False,
        remove_control_chars=False,
        normalization=None,
        explain=False,
    )
    verdict = {}
    for c in changes:
        if c.line not in verdict:
            verdict[c.line] = ftfy.fix_text(old_lines[c.line - 1], config) == new_lines[c.line - 1]
    for i, c in enumerate(changes):
        changes[i] = attrs.evolve(c, ftfy_agrees=verdict[c.line])
