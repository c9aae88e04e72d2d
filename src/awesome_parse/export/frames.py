"""Data frames of papers with every id a string: pandas and polars, through the typed Arrow table.

``pandas.read_json`` guesses that ``1412.6980`` is a number (and corrupts it to
``1412.698``) and that ``2011-03`` is a timestamp; polars guesses a column's type
from its first rows.  :func:`to_pandas` and :func:`to_polars` build the frame
from the Parquet schema instead, and :data:`COLUMN_TYPES` gives the pandas dtype
of each scalar column for reading a JSON Lines or CSV export::

    pd.read_json("papers.jsonl", lines=True, dtype=False).astype(COLUMN_TYPES)
    pd.read_csv("papers.csv", dtype=COLUMN_TYPES, keep_default_na=False, na_values=[""])

>>> COLUMN_TYPES["arxiv_id"], COLUMN_TYPES["year"]
('string', 'Int64')
"""

from __future__ import annotations

import importlib
from collections.abc import Sequence
from typing import Any

from ..errors import AwesomeParseError
from ..model import Paper
from .parquet import to_arrow

__all__ = ["COLUMN_TYPES", "to_pandas", "to_polars"]

#: The pandas dtype of each scalar column of the JSON Lines and CSV exports.
COLUMN_TYPES: dict[str, str] = {
    "title": "string",
    "arxiv_id": "string",
    "arxiv_version": "Int64",
    "doi": "string",
    "url": "string",
    "et_al": "boolean",
    "year": "Int64",
    "date": "string",
    "venue": "string",
    "summary": "string",
    "kind": "string",
    "format": "string",
}


def _require(module: str, caller: str) -> Any:
    """Import an optional library, or raise one line saying how to install it."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise AwesomeParseError(f"{caller} needs {module}: pip install {module}") from None


def to_pandas(papers: Sequence[Paper]) -> Any:
    """A ``pandas.DataFrame`` with Arrow-backed columns: ids strings, years nullable integers.

    Raises:
        AwesomeParseError: pandas or pyarrow is not installed.
    """
    pd = _require("pandas", "to_pandas")
    return to_arrow(papers).to_pandas(types_mapper=pd.ArrowDtype)


def to_polars(papers: Sequence[Paper]) -> Any:
    """A ``polars.DataFrame`` with the typed schema of the Parquet export.

    Raises:
        AwesomeParseError: polars or pyarrow is not installed.
    """
    pl = _require("polars", "to_polars")
    return pl.from_arrow(to_arrow(papers))
