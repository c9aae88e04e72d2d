"""awesome_parse: parse, merge and lint research-paper "awesome lists".

A README in any of the common shapes (HTML tables, pipe tables, bullet lists,
numbered citations; English, Chinese, Korean; even mojibake) becomes a list of
typed, normalized :class:`Paper` records that know their file and line.

>>> import awesome_parse
>>> result = awesome_parse.parse_text("- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)")
>>> result.papers[0].arxiv_id
'2305.14314'

The names below are imported eagerly and re-exported explicitly (``X as X``), so
type checkers see their real types and ``from awesome_parse import merge`` is the
function, never the submodule of the same name (import the submodule's other
names with ``from awesome_parse.merge import ...``).

>>> from awesome_parse import Conflict, merge
>>> callable(merge), Conflict.__module__
(True, 'awesome_parse.merge')
"""

from __future__ import annotations

from ._meta import __version__ as __version__
from .api import parse_bytes as parse_bytes
from .api import parse_file as parse_file
from .api import parse_text as parse_text
from .arxiv import ArxivId as ArxivId
from .errors import AwesomeParseError as AwesomeParseError
from .errors import Diagnostic as Diagnostic
from .errors import InputError as InputError
from .errors import ParseError as ParseError
from .merge import Conflict as Conflict
from .merge import MergeResult as MergeResult

# Bound last: importing the submodule ``awesome_parse.merge`` sets the package
# attribute ``merge`` to the module; this rebinds it to the function.
from .merge import merge as merge
from .model import Link as Link
from .model import Paper as Paper
from .model import ParseResult as ParseResult
from .model import Source as Source

__all__ = [
    "ArxivId",
    "AwesomeParseError",
    "Conflict",
    "Diagnostic",
    "InputError",
    "Link",
    "MergeResult",
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


def __dir__() -> list[str]:
    return list(__all__)
