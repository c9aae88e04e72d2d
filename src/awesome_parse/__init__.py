"""awesome_parse: parse, merge and lint research-paper "awesome lists".

A README in any of the common shapes (HTML tables, pipe tables, bullet lists,
numbered citations; English, Chinese, Korean; even mojibake) becomes a list of
typed, normalized :class:`Paper` records that know their file and line.

>>> import awesome_parse
>>> result = awesome_parse.parse_text("- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)")
>>> result.papers[0].arxiv_id
'2305.14314'
"""

from __future__ import annotations

from typing import Any

__version__ = "0.1.0"

__all__ = [
    "ArxivId",
    "AwesomeParseError",
    "Conflict",
    "Diagnostic",
    "InputError",
    "Link",
    "Paper",
    "ParseError",
    "ParseResult",
    "Source",
    "__version__",
    "merge",
    "parse_bytes",
    "parse_file",
    "parse_text",
]

_LAZY = {
    "ArxivId": ("arxiv", "ArxivId"),
    "AwesomeParseError": ("errors", "AwesomeParseError"),
    "Diagnostic": ("errors", "Diagnostic"),
    "InputError": ("errors", "InputError"),
    "ParseError": ("errors", "ParseError"),
    "Link": ("model", "Link"),
    "Paper": ("model", "Paper"),
    "ParseResult": ("model", "ParseResult"),
    "Source": ("model", "Source"),
    "Conflict": ("merge", "Conflict"),
    "merge": ("merge", "merge"),
    "parse_bytes": ("api", "parse_bytes"),
    "parse_file": ("api", "parse_file"),
    "parse_text": ("api", "parse_text"),
}


def __getattr__(name: str) -> Any:
    """Import the public names on first use, so ``import awesome_parse`` stays cheap."""
    if name in _LAZY:
        import importlib

        module, attr = _LAZY[name]
        value = getattr(importlib.import_module(f"{__name__}.{module}"), attr)
        globals()[name] = value
        return value
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


def __dir__() -> list[str]:
    return list(__all__)
