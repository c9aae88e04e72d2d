"""arXiv identifiers: every URL form real lists use, strict validation, normalization."""

from __future__ import annotations

import pytest
from hypothesis import given
from hypothesis import strategies as st

from awesome_parse.arxiv import ArxivId, InvalidArxivId, find_ids

VALID = [
    ("2305.14314", "2305.14314", None),
    ("2305.14314v2", "2305.14314", 2),
    ("arXiv:2305.14314v12", "2305.14314", 12),
    ("arxiv: 2001.08361", "2001.08361", None),
    ("0704.0001", "0704.0001", None),
    ("1412.9999", "1412.9999", None),
    ("1501.00001", "1501.00001", None),
    ("hep-th/9901001", "hep-th/9901001", None),
    ("hep-th/9901001v3", "hep-th/9901001", 3),
    ("math.GT/0309136", "math.GT/0309136", None),
    ("cs/0703999", "cs/0703999", None),
    ("astro-ph/9108001", "astro-ph/9108001", None),
]


@pytest.mark.parametrize(("text", "ident", "version"), VALID)
def test_parse_valid(text: str, ident: str, version: int | None) -> None:
    parsed = ArxivId.parse(text)
    assert (parsed.id, parsed.version) == (ident, version)


INVALID = [
    ("2313.00001", "month 13 is not 01-12"),
    ("2300.00001", "month 00 is not 01-12"),
    ("2005.114010", "ids from 1501 on have 5 digits"),
    ("1501.0001", "ids from 1501 on have 5 digits"),
    ("1412.00001", "ids before 1501 have 4 digits"),
    ("0703.0001", "new-style ids start in 0704"),
    ("hep-th/0801001", "old-style ids end in 0703"),
    ("foo-bar/9901001", "unknown archive 'foo-bar'"),
    ("hep-th/99010011", "old-style ids have 3 digits after YYMM"),
    ("2305.14314v0", "version numbers start at 1"),
    ("not an id", "not of the form"),
]


@pytest.mark.parametrize(("text", "why"), INVALID)
def test_parse_invalid(text: str, why: str) -> None:
    with pytest.raises(InvalidArxivId) as info:
        ArxivId.parse(text)
    assert why in str(info.value)
    assert isinstance(info.value, ValueError)


URLS = [
    "https://arxiv.org/abs/{id}",
    "http://arxiv.org/abs/{id}",
    "arxiv.org/abs/{id}",
    "https://www.arxiv.org/abs/{id}",
    "https://export.arxiv.org/abs/{id}",
    "https://arxiv.org/pdf/{id}",
    "https://arxiv.org/pdf/{id}.pdf",
    "https://arxiv.org/pdf/{id}v2",
    "https://arxiv.org/pdf/{id}v2.pdf",
    "https://arxiv.org/html/{id}v1",
    "https://arxiv.org/html/{id}v1#S3",
    "https://arxiv.org/abs/{id}?context=cs",
    "https://alphaxiv.org/abs/{id}",
    "https://www.alphaxiv.org/overview/{id}",
    "https://huggingface.co/papers/{id}",
    "https://doi.org/10.48550/arXiv.{id}",
    "https://dx.doi.org/10.48550/arxiv.{id}",
    "https://ar5iv.labs.arxiv.org/html/{id}",
    "https://ar5iv.org/abs/{id}",
    "https://papers.cool/arxiv/{id}",
    "https://www.semanticscholar.org/arxiv/{id}",
]


@pytest.mark.parametrize("template", URLS)
def test_every_url_form(template: str) -> None:
    found = ArxivId.from_url(template.format(id="2401.04088"))
    assert found is not None
    assert found.id == "2401.04088"


def test_ftp_forms() -> None:
    assert ArxivId.from_url("https://arxiv.org/ftp/arxiv/papers/2312/2312.00752.pdf") == ArxivId("2312.00752")
    assert ArxivId.from_url("https://arxiv.org/ftp/hep-th/papers/9901/9901001.pdf") == ArxivId("hep-th/9901001")


@pytest.mark.parametrize(
    "url",
    [
        "https://github.com/x/arxiv.org",
        "https://arxiv.org/list/cs.CL/recent",
        "https://openreview.net/forum?id=x",
        "https://example.com/abs/2401.04088",
        "",
    ],
)
def test_not_arxiv(url: str) -> None:
    assert ArxivId.from_url(url) is None


def test_malformed_arxiv_url_is_reported_not_truncated() -> None:
    with pytest.raises(InvalidArxivId, match="5 digits"):
        ArxivId.from_url("https://arxiv.org/abs/2005.114010")


def test_find_ids_in_text() -> None:
    text = "arXiv preprint arXiv:2212.09689, 2022; see also arXiv: 2110.08207v2 and arXiv:2212.09689 again"
    assert [str(i) for i in find_ids(text)] == ["2212.09689", "2110.08207v2"]


def test_year_month_key_url() -> None:
    ident = ArxivId.parse("math.GT/0309136v2")
    assert (ident.year, ident.month, ident.key) == (2003, 9, "math/0309136")
    assert ArxivId.parse("2302.13971").year == 2023
    assert ArxivId.parse("2305.14314v2").url("pdf") == "https://arxiv.org/pdf/2305.14314v2"


@st.composite
def new_ids(draw: st.DrawFn) -> str:
    yy = draw(st.integers(7, 99))
    mm = draw(st.integers(1, 12))
    if yy == 7 and mm < 4:
        mm = 4
    digits = 5 if yy >= 15 else 4
    num = draw(st.integers(1, 10**digits - 1))
    return f"{yy:02d}{mm:02d}.{num:0{digits}d}"


@st.composite
def old_ids(draw: st.DrawFn) -> str:
    archive = draw(st.sampled_from(["hep-th", "hep-ph", "math", "cs", "astro-ph", "cond-mat", "quant-ph"]))
    yymm = draw(st.sampled_from(["9108", "9512", "9901", "0001", "0312", "0703"]))
    return f"{archive}/{yymm}{draw(st.integers(1, 999)):03d}"


ids = st.one_of(new_ids(), old_ids())
versions = st.one_of(st.none(), st.integers(1, 30))


@given(ids, versions)
def test_normalization_is_idempotent(ident: str, version: int | None) -> None:
    text = ident + (f"v{version}" if version else "")
    once = ArxivId.parse(text)
    assert ArxivId.parse(str(once)) == once
    assert once.id == ident and once.version == version


@given(new_ids(), versions, st.sampled_from(URLS))
def test_every_valid_id_survives_every_url_form(ident: str, version: int | None, template: str) -> None:
    text = ident + (f"v{version}" if version else "")
    if "{id}v" in template:
        text = ident
    found = ArxivId.from_url(template.format(id=text))
    assert found is not None and found.id == ident


@given(old_ids())
def test_old_style_ids_survive_abs_and_pdf(ident: str) -> None:
    for template in ("https://arxiv.org/abs/{id}", "https://arxiv.org/pdf/{id}.pdf", "arxiv.org/abs/{id}v2"):
        found = ArxivId.from_url(template.format(id=ident))
        assert found is not None and found.id == ident
