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
    """
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
