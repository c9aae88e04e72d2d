"""Parquet via pyarrow (the optional extra ``awesome-parse[parquet]``): typed, nested columns.

Without pyarrow, :func:`dumps` raises :class:`~awesome_parse.errors.AwesomeParseError`
with the install command instead of an ImportError traceback.
"""

from __future__ import annotations

import io
from collections.abc import Sequence
from typing import Any

from ..errors import AwesomeParseError
from ..model import Paper
from ._clean import clean_papers

MISSING = "Parquet export needs pyarrow: pip install 'awesome-parse[parquet]'"


def _pa() -> Any:
    try:
        import pyarrow as pa
        import pyarrow.parquet as pq
    except ImportError:
        raise AwesomeParseError(MISSING) from None
    return pa, pq


def _schema(pa: Any) -> Any:
    source = pa.struct([("file", pa.string()), ("line", pa.int64()), ("list", pa.string())])
    link = pa.struct([("kind", pa.string()), ("url", pa.string()), ("label", pa.string())])
    strings = pa.list_(pa.string())
    return pa.schema(
        [
            ("title", pa.string()),
            ("arxiv_id", pa.string()),
            ("arxiv_version", pa.int32()),
            ("doi", pa.string()),
            ("url", pa.string()),
            ("links", pa.list_(link)),
            ("authors", strings),
            ("et_al", pa.bool_()),
            ("year", pa.int32()),
            ("date", pa.string()),
            ("venue", pa.string()),
            ("affiliations", strings),
            ("aliases", strings),
            ("tags", strings),
            ("summary", pa.string()),
            ("kind", pa.string()),
            ("section", strings),
            ("source", source),
            ("format", pa.string()),
            ("sources", pa.list_(source)),
            ("conflicts", strings),
            ("provenance", pa.map_(pa.string(), pa.string())),
        ]
    )


def to_arrow(papers: Sequence[Paper]) -> Any:
    """A ``pyarrow.Table`` of the papers with the typed schema (ids and dates are strings).

    Raises:
        AwesomeParseError: pyarrow is not installed.
    """
    pa, _pq = _pa()
    rows = []
    for p in clean_papers(papers):
        d = p.to_dict()
        d.setdefault("sources", [])
        d.setdefault("conflicts", [])
        d["provenance"] = list((d.get("provenance") or {}).items())
        rows.append(d)
    return pa.Table.from_pylist(rows, schema=_schema(pa))


def dumps(papers: Sequence[Paper]) -> bytes:
    """The papers as a Parquet file (control characters removed)."""
    _pa_mod, pq = _pa()
    buf = io.BytesIO()
    pq.write_table(to_arrow(papers), buf)
    return buf.getvalue()


def loads(data: bytes) -> list[Paper]:
    """Read a Parquet file written by :func:`dumps` back."""
    _pa_mod, pq = _pa()
    try:
        table = pq.read_table(io.BytesIO(data))
    except Exception as exc:  # pyarrow raises ArrowInvalid (a ValueError) or OSError subclasses
        raise ValueError(f"not a Parquet file ({exc})") from None
    return [Paper.from_dict(row) for row in table.to_pylist()]
