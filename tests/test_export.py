"""Exports: every format reads back through its own reader and loads in the tools users load it in.

The merged seeds (and, when ``../shared`` is present, the merged corpus plus
seeds) are written in every format, read back with :func:`read_records`, and
loaded with pandas, polars, pyarrow, duckdb, bibtexparser v2, pybtex (parsed and
formatted with the plain style) and citeproc-py, with no error and no warning.
"""

from __future__ import annotations

import io
import json
import re
import tempfile
import unicodedata
import warnings
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

import attrs
import bibtexparser
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_parse import parse_file
from awesome_parse.errors import AwesomeParseError
from awesome_parse.export import (
    COLUMN_TYPES,
    ExportReadError,
    clean_paper,
    convert,
    dumps,
    loads,
    read_records,
    to_pandas,
    to_polars,
    write_atomic,
    write_papers,
)
from awesome_parse.export import bibtex as bibtex_mod
from awesome_parse.export import csl as csl_mod
from awesome_parse.export import csv as csv_mod
from awesome_parse.export import parquet as parquet_mod
from awesome_parse.merge import merge
from awesome_parse.model import Link, Paper, Source

from .conftest import CORPUS_FILES, SEEDS

#: Every format and the suffix read_records knows it by.
SUFFIX = {
    "json": ".json",
    "jsonl": ".jsonl",
    "csv": ".csv",
    "parquet": ".parquet",
    "bibtex": ".bib",
    "csljson": ".csl.json",
}
LOSSLESS = ["json", "jsonl", "csv", "parquet", "csljson"]


def _merged(paths: Sequence[Path]) -> tuple[Paper, ...]:
    papers: list[Paper] = []
    for path in paths:
        papers.extend(parse_file(path).papers)
    return merge(papers).papers


@pytest.fixture(scope="module")
def merged() -> tuple[Paper, ...]:
    return _merged(SEEDS)


@pytest.fixture(scope="module")
def merged_corpus() -> tuple[Paper, ...]:
    if not CORPUS_FILES:
        pytest.skip("../shared/corpus is not present")
    return _merged([*CORPUS_FILES, *SEEDS])


def bib_fields(p: Paper) -> tuple[object, ...]:
    """The fields BibTeX holds (a url or doi as :func:`bibtex.verbatim` writes it)."""
    return (
        p.title,
        p.authors,
        p.et_al and bool(p.authors),  # et al. after no names: BibTeX has no author field to hold it
        p.year,
        p.date,
        p.venue,
        p.arxiv,
        bibtex_mod.verbatim(p.doi) if p.doi else None,
        bibtex_mod.verbatim(p.url) if p.url else None,
        p.tags,
        p.summary,
        p.kind,
    )


# --- read back through the project's own readers ---------------------------------------------


@pytest.mark.parametrize("fmt", LOSSLESS)
def test_lossless_round_trip(merged: tuple[Paper, ...], fmt: str) -> None:
    assert tuple(loads(dumps(merged, fmt), fmt)) == merged


def test_bibtex_round_trip_of_what_bibtex_holds(merged: tuple[Paper, ...]) -> None:
    back = loads(dumps(merged, "bibtex"), "bibtex")
    assert [bib_fields(p) for p in back] == [bib_fields(p) for p in merged]


def _read_back_every_format(papers: tuple[Paper, ...], folder: Path) -> None:
    for fmt, suffix in SUFFIX.items():
        path = folder / f"papers{suffix}"
        write_papers(papers, path, fmt)
        back = read_records(path)
        if fmt == "bibtex":
            assert [bib_fields(p) for p in back] == [bib_fields(p) for p in papers]
        else:
            assert tuple(back) == papers, fmt


def test_seeds_read_back_from_files(merged: tuple[Paper, ...], tmp_path: Path) -> None:
    _read_back_every_format(merged, tmp_path)


def test_corpus_read_back_from_files(merged_corpus: tuple[Paper, ...], tmp_path: Path) -> None:
    _read_back_every_format(merged_corpus, tmp_path)


_TEXT = st.text(
    alphabet=st.sampled_from(
        [*list("abcXYZ 019,.-:;'\"{}\\&%$#_~^@=+αé漢"), "\x1b", "\x07", "\u202e", "\n", "\u2028", "\x85"]
    ),
    min_size=1,
    max_size=20,
)
_WORD = st.text(alphabet=st.sampled_from(list("abcXYZ019-éα{}&%_~^$#")), min_size=1, max_size=10)
_NAME = st.lists(_WORD, min_size=1, max_size=3).map(" ".join)
_URLISH = st.text(alphabet=st.sampled_from(list("abc019/:.?=&%#_~-")), min_size=1, max_size=20)
_DATE = st.one_of(
    st.none(),
    st.integers(1990, 2030).map(str),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12)).map(lambda t: f"{t[0]}-{t[1]:02d}"),
    st.tuples(st.integers(1990, 2030), st.integers(1, 12), st.integers(1, 28)).map(
        lambda t: f"{t[0]}-{t[1]:02d}-{t[2]:02d}"
    ),
)


@st.composite
def papers(draw: st.DrawFn) -> Paper:
    """Papers with every field the model has, text with LaTeX, CSV and control characters."""
    opt = st.one_of(st.none(), _TEXT)
    return Paper(
        title=draw(opt.filter(lambda t: t is None or bool(t.strip()))),
        arxiv=draw(st.one_of(st.none(), st.sampled_from(["2305.14314", "1706.03762v5", "hep-th/9901001"]))),
        doi=draw(st.one_of(st.none(), _URLISH.map(lambda s: "10.1000/" + s))),
        url=draw(st.one_of(st.none(), _URLISH.map(lambda s: "https://x.org/" + s))),
        links=draw(st.lists(st.builds(Link, st.sampled_from(["paper", "code"]), _URLISH, opt), max_size=2)),
        authors=draw(
            st.lists(st.one_of(_NAME, _NAME.map(lambda n: "Smith, " + n), st.just("Smith and Sons")), max_size=3)
        ),
        et_al=draw(st.booleans()),
        year=draw(st.one_of(st.none(), st.integers(1990, 2030))),
        date=draw(_DATE),
        venue=draw(st.one_of(st.none(), st.sampled_from(["NeurIPS", "Journal of X", "arXiv", "Blog {1}"]), _TEXT)),
        affiliations=draw(st.lists(_TEXT, max_size=2)),
        aliases=draw(st.lists(_TEXT, max_size=2)),
        tags=draw(
            st.lists(st.one_of(_TEXT.map(str.strip).filter(bool), st.just("Kotlin, Swift, and Rust")), max_size=3)
        ),
        summary=draw(opt),
        kind=draw(st.sampled_from(["paper", "non-paper"])),
        section=draw(st.lists(_TEXT, max_size=2)),
        source=draw(st.one_of(st.none(), st.builds(Source, _TEXT, st.integers(1, 9), opt))),
        format=draw(st.one_of(st.none(), st.just("bullet-list"))),
        conflicts=draw(st.lists(_TEXT, max_size=1)),
        provenance=draw(
            st.lists(st.tuples(st.sampled_from(["title", "year"]), _TEXT), max_size=2, unique_by=lambda kv: kv[0])
        ),
    )


def _strip_blank(p: Paper) -> Paper:
    """What a BibTeX reader can tell apart: a whitespace-only value is no value."""

    def keep(v: str | None) -> str | None:
        return v if v and v.strip() else None

    return attrs.evolve(p, venue=keep(p.venue), summary=keep(p.summary))


@settings(deadline=None)
@given(st.lists(papers(), max_size=4))
def test_every_format_reads_back_what_it_holds(ps: list[Paper]) -> None:
    clean = tuple(clean_paper(p) for p in ps)
    with tempfile.TemporaryDirectory() as folder:
        for fmt, suffix in SUFFIX.items():
            path = Path(folder) / f"papers{suffix}"
            write_papers(ps, path, fmt)
            back = read_records(path)
            if fmt == "bibtex":
                assert [bib_fields(p) for p in back] == [bib_fields(_strip_blank(p)) for p in clean]
            else:
                assert tuple(back) == clean, fmt


@settings(deadline=None)
@given(st.lists(papers(), max_size=6).map(lambda ps: ps + ps))
def test_citation_keys_are_unique_by_construction(ps: list[Paper]) -> None:
    keys = bibtex_mod.cite_keys(ps)
    assert len(set(keys)) == len(keys) == len(ps)
    library = bibtexparser.parse_string(dumps(ps, "bibtex"))  # type: ignore[arg-type]
    assert not library.failed_blocks and len(library.entries) == len(ps)


# --- regression tests of the defects -----------------------------------------------------------


def test_bibtex_escapes_latex_specials_with_balanced_braces() -> None:
    p = Paper(title="100% of $x_1$ & {y} #1 ~ ^ \\", authors=["Émile Zola"], year=2020, source=Source("a.md", 1))
    text = dumps([p], "bibtex")
    assert isinstance(text, str)
    assert (
        r"100\% of \$x\_1\$ \& \textbraceleft{}y\textbraceright{} \#1 \textasciitilde{} \textasciicircum{} \textbackslash{}"
        in text
    )
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry.key == "zola2020100"
    assert loads(text, "bibtex")[0].title == p.title


@pytest.mark.parametrize("title", ["Unbalanced { brace", "closing } first", "}{", "\\{ escaped"])
def test_an_unbalanced_brace_in_a_title_leaves_the_file_valid(title: str, pybtex_strict: Any) -> None:
    ps = [Paper(title=title, authors=["A B"], year=2020), Paper(title="Next paper", year=2021)]
    text = dumps(ps, "bibtex")
    assert isinstance(text, str)
    for line in text.splitlines():
        assert line.count("{") == line.count("}") or line.startswith("@") or line == "}"
    data = pybtex_strict.parse_string(text, "bibtex")
    assert len(data.entries) == 2
    assert [p.title for p in loads(text, "bibtex")] == [title, "Next paper"]


def test_url_and_doi_are_verbatim() -> None:
    url = "https://example.org/a_b%20c~d#frag"
    p = Paper(title="T", url=url, doi="10.1000/x_y%z~1")
    text = dumps([p], "bibtex")
    assert isinstance(text, str)
    assert f"url = {{{url}}}" in text and "doi = {10.1000/x_y%z~1}" in text
    entry = bibtexparser.parse_string(text).entries[0]
    assert entry.fields_dict["url"].value == url
    back = loads(text, "bibtex")[0]
    assert (back.url, back.doi) == (url, p.doi)
    assert bibtex_mod.verbatim("https://x.org/a b{c}") == "https://x.org/a%20b%7Bc%7D"


def test_repeated_keys_get_distinct_suffixes() -> None:
    larger = Paper(title="Larger", year=2024)
    text = dumps([larger, larger, attrs.evolve(larger, title="Larger models")], "bibtex")
    library = bibtexparser.parse_string(text)  # type: ignore[arg-type]
    assert [e.key for e in library.entries] == ["paper2024larger", "paper2024larger-2", "paper2024larger-3"]


@pytest.mark.parametrize("char", ["\u2028", "\u2029", "\x85", "\x0c", "\x1c"])
def test_jsonl_is_cut_at_newlines_only(char: str) -> None:
    text = json.dumps({"title": "T", "url": f"https://x.org/a{char}b"}, ensure_ascii=False) + "\n"
    text += json.dumps({"title": "U"}) + "\r\n"
    back = loads(text, "jsonl")
    assert [p.title for p in back] == ["T", "U"]
    assert back[0].url == f"https://x.org/a{char}b"


@pytest.mark.parametrize("fmt", ["csljson", "bibtex", "csv"])
def test_tags_holding_commas_read_back(fmt: str) -> None:
    p = Paper(title="T", tags=["Kotlin, Swift, and Rust", "vision", "C; C++ \\"])
    assert loads(dumps([p], fmt), fmt)[0].tags == ("Kotlin, Swift, and Rust", "vision", "C; C++ \\")


def test_csv_list_columns_are_delimited_text_a_spreadsheet_shows() -> None:
    import pandas as pd

    p = Paper(
        title="Adam", arxiv="1412.6980", year=2014, authors=["Diederik P. Kingma", "Jimmy Ba"], tags=["optim", "a;b"]
    )
    text = dumps([p, Paper(title="NA", venue="None")], "csv")
    assert isinstance(text, str)
    row = next(csv_mod.csv.DictReader(io.StringIO(text)))
    assert set(row) == set(csv_mod.COLUMNS) == set(csv_mod.COLUMN_DOCS)
    assert row["authors"] == "Diederik P. Kingma; Jimmy Ba" and row["tags"] == "optim; a\\;b"
    assert row["links"] == "" and row["arxiv_id"] == "1412.6980" and row["year"] == "2014"
    frame = pd.read_csv(io.StringIO(text), dtype=COLUMN_TYPES, keep_default_na=False, na_values=[""])
    assert list(frame["arxiv_id"].astype(object).where(frame["arxiv_id"].notna(), None)) == ["1412.6980", None]
    assert list(frame["title"]) == ["Adam", "NA"] and frame["venue"][1] == "None"
    assert str(frame["year"].dtype) == "Int64"
    assert [csv_mod.split_list(c) for c in frame["tags"].fillna("")] == [["optim", "a;b"], []]


_CONTROLS = ["\x1b", "\x07", "\x00", "\x7f", "\x9b", "\u202e", "\u202d", "\u2066", "\u200f", "\u061c"]


@pytest.mark.parametrize("fmt", list(SUFFIX))
def test_control_characters_are_stripped_from_every_text_field(fmt: str) -> None:
    evil = "".join(_CONTROLS)
    p = Paper(
        title=f"Evil{evil}\x1b[31m Title",
        authors=[f"Ann{evil} Lee"],
        venue=f"ICML{evil}",
        tags=[f"t{evil}"],
        aliases=[f"A{evil}"],
        summary=f"S{evil}\nline two",
        url=f"https://x.org/{evil}p",
        section=[f"Sec{evil}"],
        source=Source(f"a{evil}.md", 1, f"list{evil}"),
    )
    data = dumps([p], fmt)
    if fmt == "parquet":
        import pyarrow as pa
        import pyarrow.parquet as pq

        assert isinstance(data, bytes)
        values = [json.dumps(row, ensure_ascii=False) for row in pq.read_table(pa.BufferReader(data)).to_pylist()]
        data = "\n".join(values)
    assert isinstance(data, str)
    present = [f"U+{ord(c):04X}" for c in _CONTROLS if c in data]
    assert not present
    back = loads(dumps([p], fmt), fmt)[0]
    assert back.title == "Evil[31m Title"
    assert back.summary in ("S line two", None)


def test_clean_paper_blank_after_cleaning_is_no_title() -> None:
    assert clean_paper(Paper(title="\x1b\u202e")).title is None


def test_html_in_titles_is_text_in_every_export() -> None:
    p = Paper(title="<script>alert(1)</script> A", source=Source("a.md", 1))
    for fmt in SUFFIX:
        back = loads(dumps([p], fmt), fmt)
        assert back[0].title == p.title


@pytest.mark.parametrize("value", ['=HYPERLINK("http://evil")', "+1+1", "-2+3", "@SUM(A1)", "'=x"])
def test_csv_neutralizes_formula_cells(value: str) -> None:
    p = Paper(title=value, venue=value, source=Source("a.md", 1))
    text = dumps([p], "csv")
    assert isinstance(text, str)
    row = text.splitlines()[1]
    assert not any(cell.startswith(("=", "+", "-", "@", "\t")) for cell in row.split(","))
    assert loads(text, "csv")[0].title == value


def test_json_schema_has_sources_conflicts_provenance(merged: tuple[Paper, ...]) -> None:
    data = json.loads(dumps(merged, "json"))  # type: ignore[arg-type]
    instruct = next(d for d in data if d["arxiv_id"] == "2203.02155")
    assert len(instruct["sources"]) == 3 and instruct["conflicts"] and "title" in instruct["provenance"]


def test_csl_json_shape(merged: tuple[Paper, ...]) -> None:
    items = json.loads(dumps(merged, "csljson"))  # type: ignore[arg-type]
    assert all({"id", "type"} <= set(item) for item in items)
    assert not any("custom" in item for item in items)
    attention = next(i for i in items if i.get("number") == "1706.03762")
    assert attention["author"][0] == {"family": "Vaswani", "given": "Ashish"}
    assert attention["issued"] == {"date-parts": [[2017]]}


def test_csl_untitled_entry_is_titled_by_its_alias() -> None:
    p = Paper(aliases=["R-CNN"], url="https://arxiv.org/pdf/1311.2524v5.pdf", year=2014)
    item = csl_mod.to_csl(p)
    assert item["title"] == "R-CNN"
    assert json.loads(item["note"][len(csl_mod.NOTE_PREFIX) :])["title"] is None
    assert loads(dumps([p], "csljson"), "csljson")[0].title is None
    rendered = _citeproc_render([item])
    assert rendered[0].startswith("R-CNN") or "R-CNN" in rendered[0].split("(")[0]
    assert "(2014). Available at" not in rendered[0]


@pytest.mark.parametrize(
    ("paper", "title"),
    [
        (Paper(arxiv="1311.2524", year=2014), "arXiv:1311.2524"),
        (Paper(doi="10.1000/xyz", year=2014), "doi:10.1000/xyz"),
        (Paper(url="https://www.papers.nips.cc/paper/4824.pdf", year=2012), "papers.nips.cc/paper/4824.pdf"),
        (Paper(year=2012), "Untitled"),
    ],
)
def test_csl_untitled_entries_render_with_a_stand_in_title(paper: Paper, title: str) -> None:
    item = csl_mod.to_csl(paper)
    assert item["title"] == title
    rendered = _citeproc_render([item])[0]
    assert title in rendered.split("(")[0], rendered  # the style shows the title where the author would be
    assert loads(dumps([paper], "csljson"), "csljson") == [paper]


def test_read_records_sniffs_csl_json_in_a_json_file(merged: tuple[Paper, ...], tmp_path: Path) -> None:
    path = tmp_path / "zotero.json"
    write_papers(merged, path, "csljson")
    assert tuple(read_records(path)) == merged


def test_convert_between_formats(merged: tuple[Paper, ...], tmp_path: Path) -> None:
    write_papers(merged, tmp_path / "a.jsonl", "jsonl")
    assert convert(tmp_path / "a.jsonl", tmp_path / "b.parquet") == len(merged)
    assert convert(tmp_path / "b.parquet", tmp_path / "c.csl.json") == len(merged)
    assert tuple(read_records(tmp_path / "c.csl.json")) == merged


@pytest.mark.parametrize(
    ("name", "content", "message"),
    [
        ("x.xlsx", b"", "x.xlsx: unknown export suffix"),
        ("x.jsonl", b'{"title": "T"}\n{broken\n', "x.jsonl: not a valid jsonl export (ValueError: line 2: not JSON"),
        ("x.bib", b"@misc{k,\n  title = {{T},\n}\n", "x.bib: line 2: unbalanced braces"),
        ("x.csv", b"\xff\xfe", "x.csv: not UTF-8 text"),
        ("x.parquet", b"PAR1 not really", "x.parquet: not a valid parquet export"),
        ("x.csl.json", b'{"a": 1}', "x.csl.json: CSL-JSON is an array of objects"),
    ],
)
def test_read_records_errors_name_the_file(tmp_path: Path, name: str, content: bytes, message: str) -> None:
    path = tmp_path / name
    path.write_bytes(content)
    with pytest.raises(ExportReadError) as info:
        read_records(path)
    text = str(info.value)
    assert "\n" not in text
    assert text.startswith(str(tmp_path / message.split(":")[0])), text
    assert message.split(": ", 1)[1] in text


# --- other tools load the exports with no error and no warning ---------------------------------


@pytest.fixture
def pybtex_strict() -> Iterator[Any]:
    """pybtex.database with strict mode on: every pybtex warning is an error."""
    import pybtex.database
    import pybtex.errors

    pybtex.errors.set_strict_mode(True)
    try:
        yield pybtex.database
    finally:
        pybtex.errors.set_strict_mode(False)


def _citeproc_render(items: list[dict[str, Any]]) -> list[str]:
    import citeproc
    from citeproc import Citation, CitationItem, CitationStylesBibliography, CitationStylesStyle, formatter
    from citeproc.source.json import CiteProcJSON

    style_path = Path(citeproc.__file__).parent / "data" / "styles" / "harvard-cite-them-right.csl"
    style = CitationStylesStyle(str(style_path), validate=False)
    bibliography = CitationStylesBibliography(style, CiteProcJSON(items), formatter.plain)
    for item in items:
        bibliography.register(Citation([CitationItem(item["id"])]))
    return [str(entry) for entry in bibliography.bibliography()]


def _check_tools(papers: tuple[Paper, ...], folder: Path, pybtex_db: Any) -> None:
    import duckdb
    import jsonschema
    import pandas as pd
    import polars as pl
    import pyarrow as pa
    import pyarrow.csv as pa_csv
    import pyarrow.json as pa_json
    import pyarrow.parquet as pq
    from pybtex.plugin import find_plugin

    paths = {fmt: folder / f"papers{suffix}" for fmt, suffix in SUFFIX.items()}
    for fmt, path in paths.items():
        write_papers(papers, path, fmt)
    ids = [p.arxiv_id for p in papers]
    present = [i for i in ids if i]
    n = len(papers)

    with warnings.catch_warnings(record=True) as caught:
        warnings.simplefilter("always")

        # pandas: ids stay strings (1412.6980 is not 1412.698), years nullable integers
        frames = [
            pd.read_parquet(paths["parquet"]),
            pd.read_json(paths["jsonl"], lines=True, dtype=False).astype(COLUMN_TYPES),
            pd.read_csv(paths["csv"], dtype=COLUMN_TYPES, keep_default_na=False, na_values=[""]),
            to_pandas(papers),
        ]
        for frame in frames:
            assert len(frame) == n
            assert [None if pd.isna(v) else v for v in frame["arxiv_id"]] == ids
            assert [None if pd.isna(v) else int(v) for v in frame["year"]] == [p.year for p in papers]

        # polars
        for pframe in (
            pl.read_parquet(paths["parquet"]),
            pl.read_ndjson(paths["jsonl"], infer_schema_length=None),
            pl.read_csv(paths["csv"], schema_overrides={"arxiv_id": pl.String, "doi": pl.String, "date": pl.String}),
            to_polars(papers),
        ):
            assert pframe.height == n and pframe["arxiv_id"].to_list() == ids

        # pyarrow
        column_types = {"arxiv_id": pa.string(), "doi": pa.string(), "date": pa.string()}
        for table in (
            pq.read_table(paths["parquet"]),
            pa_json.read_json(paths["jsonl"]),
            pa_csv.read_csv(
                paths["csv"], convert_options=pa_csv.ConvertOptions(column_types=column_types, strings_can_be_null=True)
            ),
        ):
            assert table.num_rows == n and table.column("arxiv_id").to_pylist() == ids

        # duckdb
        for query in (
            f"SELECT arxiv_id FROM read_parquet('{paths['parquet']}')",
            f"SELECT arxiv_id FROM read_json('{paths['jsonl']}')",
            f"SELECT arxiv_id FROM read_csv('{paths['csv']}', types={{'arxiv_id': 'VARCHAR'}})",
        ):
            assert [row[0] for row in duckdb.sql(query).fetchall()] == ids

        # bibtexparser v2: every entry, no failed block, unique keys, arXiv fields
        library = bibtexparser.parse_string(paths["bibtex"].read_text(encoding="utf-8"))
        assert not library.failed_blocks
        assert len(library.entries) == n
        assert len({e.key for e in library.entries}) == n
        assert sorted(
            e.fields_dict["eprint"].value.split("v")[0] for e in library.entries if "eprint" in e.fields_dict
        ) == sorted(str(p.arxiv).split("v")[0] for p in papers if p.arxiv)

        # pybtex: parse (strict: a repeated key or a bad name is an error) and format with the plain style
        data = pybtex_db.parse_file(str(paths["bibtex"]), "bibtex")
        assert len(data.entries) == n
        for entry in data.entries.values():  # the types whose styles require author, title and year have them
            if entry.type in ("article", "inproceedings"):
                assert entry.persons.get("author") and {"title", "year"} <= set(entry.fields), entry.key
            assert entry.type in ("article", "inproceedings", "misc"), entry.type
        style = find_plugin("pybtex.style.formatting", "plain")()
        formatted = [entry.text.render_as("text") for entry in style.format_bibliography(data)]
        assert len(formatted) == n and all(formatted)

        # CSL-JSON: the schema, then citeproc-py renders every item
        items = json.loads(paths["csljson"].read_text(encoding="utf-8"))
        jsonschema.Draft7Validator.check_schema(csl_mod.SCHEMA)
        errors = list(jsonschema.Draft7Validator(csl_mod.SCHEMA).iter_errors(items))
        assert not errors, [f"{list(e.absolute_path)}: {e.message}" for e in errors[:5]]
        rendered = _citeproc_render(items)
        assert len(rendered) == n
        assert not [r for r in rendered if r.startswith("(")]  # no entry renders without a title or author

    assert not caught, [f"{w.category.__name__}: {w.message}" for w in caught[:5]]
    assert len(present) == sum(1 for p in papers if p.arxiv)


def test_seed_exports_load_in_other_tools(merged: tuple[Paper, ...], tmp_path: Path, pybtex_strict: Any) -> None:
    _check_tools(merged, tmp_path, pybtex_strict)


def test_corpus_exports_load_in_other_tools(
    merged_corpus: tuple[Paper, ...], tmp_path: Path, pybtex_strict: Any
) -> None:
    _check_tools(merged_corpus, tmp_path, pybtex_strict)


def test_csl_schema_rejects_what_is_not_csl() -> None:
    import jsonschema

    validator = jsonschema.Draft7Validator(csl_mod.SCHEMA)
    assert not validator.is_valid([{"id": "a", "type": "article", "custom": {"x": 1}}])
    assert not validator.is_valid([{"id": "a", "type": "preprint-ish"}])
    assert not validator.is_valid([{"id": "a", "type": "article", "author": [{"name": "x"}]}])
    assert validator.is_valid([{"id": "a", "type": "article", "issued": {"date-parts": [[2020, 5]]}}])


def test_bibtex_entry_types_fit_the_plain_style() -> None:
    complete = Paper(title="T", authors=["A B"], year=2020, venue="ICML")
    assert dumps([complete], "bibtex").startswith("@inproceedings{")  # type: ignore[union-attr]
    assert dumps([attrs.evolve(complete, venue="Journal of X")], "bibtex").startswith("@article{")  # type: ignore[union-attr]
    no_author = attrs.evolve(complete, authors=())
    text = dumps([no_author], "bibtex")
    assert isinstance(text, str) and text.startswith("@misc{") and "howpublished = {ICML}" in text


def test_bibtex_names_that_bibtex_would_split_are_braced() -> None:
    p = Paper(title="T", authors=["Smith and Sons", "others", "A, B, C, D", "Vaswani, Ashish"], et_al=True)
    text = dumps([p], "bibtex")
    assert isinstance(text, str)
    assert "author = {{Smith and Sons} and {others} and {A, B, C, D} and Vaswani, Ashish and others}" in text
    back = loads(text, "bibtex")[0]
    assert back.authors == p.authors and back.et_al


def test_frames_keep_ids_as_strings() -> None:
    ps = [Paper(title="Adam", arxiv="1412.6980", year=2014), Paper(title="No id")]
    assert list(to_pandas(ps)["arxiv_id"].astype(object).where(lambda s: s.notna(), None)) == ["1412.6980", None]
    assert to_polars(ps)["arxiv_id"].to_list() == ["1412.6980", None]


def test_parquet_without_pyarrow_is_a_clear_error(monkeypatch: pytest.MonkeyPatch) -> None:
    import builtins

    real_import = builtins.__import__

    def fake(name: str, *args: object, **kwargs: object) -> object:
        if name.startswith("pyarrow"):
            raise ImportError(name)
        return real_import(name, *args, **kwargs)  # type: ignore[arg-type]

    monkeypatch.setattr(builtins, "__import__", fake)
    with pytest.raises(AwesomeParseError, match=r"pip install 'awesome-parse\[parquet\]'"):
        parquet_mod.dumps([Paper(title="x")])


def test_write_atomic_replaces_whole_file(tmp_path: Path) -> None:
    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")
    target.chmod(0o640)
    write_atomic(target, "new\n")
    assert target.read_text(encoding="utf-8") == "new\n"
    assert target.stat().st_mode & 0o777 == 0o640
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_write_atomic_leaves_old_file_on_failure(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    import os

    target = tmp_path / "out.jsonl"
    target.write_text("old\n", encoding="utf-8")

    def interrupted(_fd: int) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(os, "fsync", interrupted)
    with pytest.raises(OSError, match="disk full"):
        write_atomic(target, "new content that never lands\n")
    assert target.read_text(encoding="utf-8") == "old\n"
    assert [p.name for p in tmp_path.iterdir()] == ["out.jsonl"]


def test_no_control_character_survives_clean_paper_of_any_field() -> None:
    every = "".join(chr(c) for c in range(0x110000) if unicodedata.category(chr(c)) == "Cc")
    cleaned = clean_paper(Paper(title=f"x{every}y", tags=[f"t{every}", every]))
    assert cleaned.title == "x" + " " * sum(c in "\t\n\r\x0b\x0c\x1c\x1d\x1e\x1f\x85" for c in every) + "y"
    assert len(cleaned.tags) == 1  # a tag of control characters only is blank: dropped
    assert not any(unicodedata.category(c) == "Cc" for c in cleaned.tags[0])


# --- docs/exports.md: its recipes run, its CSV table is the writer's ----------------------------

DOC = Path(__file__).resolve().parent.parent / "docs" / "exports.md"


def test_exports_doc_recipes_run_on_the_seed_exports(
    merged: tuple[Paper, ...], tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    for fmt, suffix in SUFFIX.items():
        write_papers(merged, tmp_path / f"papers{suffix}", fmt)
    blocks = re.findall(r"```python\n(.*?)```", DOC.read_text(encoding="utf-8"), re.DOTALL)
    assert len(blocks) >= 5
    monkeypatch.chdir(tmp_path)
    namespace: dict[str, Any] = {}
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        for block in blocks:
            exec(compile(block, str(DOC), "exec"), namespace)
    assert len(namespace["rendered"]) == len(merged)
    assert list(namespace["df"]["authors"]) == [list(p.authors) for p in merged]


def test_exports_doc_lists_the_csv_columns_in_order() -> None:
    text = DOC.read_text(encoding="utf-8").split("## CSV", 1)[1].split("##", 1)[0]
    assert tuple(re.findall(r"^\| `(\w+)` \|", text, re.MULTILINE)) == csv_mod.COLUMNS
