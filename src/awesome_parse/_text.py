"""Private text helpers shared by parsers, normalizer, merge and lint.

>>> squash("  a\\n  b\\u00a0 c ")
'a b c'
>>> fingerprint("LoRA: Low-Rank Adaptation of Large Language Models.")
'lora low rank adaptation of large language models'
>>> strip_symbols("🔥🔥 Paper")
'Paper'
"""

from __future__ import annotations

import re
import unicodedata

_FP_DROP = re.compile(r"[\W_]+", re.UNICODE)
# a "+" that ends a word names another thing (CodeT5+, C++, NTK+): it is kept as a word
_FP_PLUS = re.compile(r"(?<=\w)\++")
# invisible characters that may sit inside a word (soft hyphen, zero-width space, non-joiner
# and joiner, word joiner and the invisible operators, BOM, direction marks, embeddings and
# isolates): they vanish from a fingerprint instead of splitting the word
_FP_INVISIBLE = dict.fromkeys(
    [0x00AD, 0x180E, 0x200B, 0x200C, 0x200D, 0x200E, 0x200F, 0xFEFF, *range(0x202A, 0x202F), *range(0x2060, 0x2065)],
    None,
)


def squash(text: str) -> str:
    """Collapse every run of whitespace (NBSP included) to one space and trim.

    ``str.split`` splits on exactly the characters that a regular expression matches as whitespace.
    """
    return " ".join(text.split())


def fingerprint(title: str) -> str:
    """The title identity used for dedup: NFKC, casefolded, punctuation and spaces folded.

    A ``+`` after a word is part of the name, so ``CodeT5`` and ``CodeT5+`` differ:

    >>> fingerprint("LoRA: Low-Rank Adaptation"), fingerprint("CodeT5+"), fingerprint("CodeT5")
    ('lora low rank adaptation', 'codet5 plus', 'codet5')

    Invisible characters inside a word (a soft hyphen, a zero-width space or joiner,
    a BOM) vanish, so the word stays one word:

    >>> fingerprint("Trans\u00adformers are Mul\u200btitask Learners")
    'transformers are multitask learners'
    """
    if not title.isascii():
        title = title.translate(_FP_INVISIBLE)
    text = unicodedata.normalize("NFKC", title).casefold()
    if "+" in text:
        text = _FP_PLUS.sub(lambda m: " plus" * len(m.group()), text)
    return _FP_DROP.sub(" ", text).strip()


def _is_symbol(ch: str) -> bool:
    if ch in "\u200d\ufe0f\ufe0e\u20e3":
        return True
    cat = unicodedata.category(ch)
    return cat in ("So", "Sk", "Cs", "Co") or (cat == "Mn" and ord(ch) > 0x2000)


def strip_symbols(text: str) -> str:
    """Drop emoji and pictographs at either end (``'🔥 Paper'`` -> ``'Paper'``)."""
    if text and text[0].isalnum() and text[-1].isalnum():
        return text
    start, end = 0, len(text)
    while start < end and (text[start].isspace() or _is_symbol(text[start])):
        start += 1
    while end > start and (text[end - 1].isspace() or _is_symbol(text[end - 1])):
        end -= 1
    return text[start:end]


def word_count(text: str) -> int:
    """Words for title-likeness: whitespace-separated runs, CJK characters counted in pairs."""
    words = len(text.split())
    cjk = sum(1 for ch in text if "\u4e00" <= ch <= "\u9fff" or "\uac00" <= ch <= "\ud7af")
    return max(words, cjk // 2)


def is_initials(text: str) -> bool:
    """A person's initials as written after the surname: ``V.``, ``J.-P.``, ``A. B.``.

    >>> is_initials("J.-P."), is_initials("Li")
    (True, False)
    """
    letters = [ch for ch in text if ch.isalpha()]
    return (
        1 <= len(letters) <= 3
        and all(ch.isupper() for ch in letters)
        and all(ch.isalpha() or ch in ". -" for ch in text)
    )
