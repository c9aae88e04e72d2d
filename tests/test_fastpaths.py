"""Fast paths must read exactly what the general path reads."""

from __future__ import annotations

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from awesome_parse._text import squash
from awesome_parse.formats._columns import cellviews_from_atoms
from awesome_parse.formats.pipe_table import _cell
from awesome_parse.grammar.atoms import to_atoms
from awesome_parse.markdown import Inline

LABEL = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs", "Cc")), min_size=1, max_size=30)
URL = st.from_regex(r"https?://[a-z]{1,10}\.[a-z]{2,3}(/[A-Za-z0-9._~%-]{0,12}){0,3}", fullmatch=True)


@given(LABEL, URL, st.booleans())
@example(" ", "http://a.aa", False)  # a link with no text
@example("0 ", "http://a.aa", True)  # "**0 **" is no emphasis: the closer follows a space
def test_simple_link_cell_matches_markdown_it(label: str, url: str, bold: bool) -> None:
    content = f"[{'**' if bold else ''}{label}{'**' if bold else ''}]({url})"
    fast = _cell(Inline(content, 3))
    atoms, links = to_atoms([Inline(content, 3)])
    slow = cellviews_from_atoms(atoms, links, 3)
    assert [(u, squash(lbl)) for u, lbl, _ in fast.links] == [(u, squash(lbl)) for u, lbl, _ in slow.links]
    assert squash(fast.text) == squash(slow.text)
    assert [squash(b) for b in fast.bold] == [squash(b) for b in slow.bold]


@given(st.text(max_size=60))
def test_squash_fast_path(text: str) -> None:
    import re

    assert squash(text) == re.sub(r"\s+", " ", text).strip()


HEADING_PIECES = st.lists(
    st.sampled_from(["<h2>", "<h3 id='x'>", "</h2>", "</h3 >", "<b>", "</b>", "Vision", " ", "\n", "<", ">", "<h2"]),
    max_size=25,
)


@given(HEADING_PIECES)
def test_html_headings_pair_like_the_lazy_pattern(pieces: list[str]) -> None:
    # the linear scan pairs each opening tag with the first closing tag of its level,
    # which is what a lazy regular expression over the whole block does
    import re

    from awesome_parse.markdown import _html_headings

    content = "".join(pieces)
    lazy = re.compile(r"<h([1-6])\b[^<>]*>(.*?)</h\1\s*>", re.IGNORECASE | re.DOTALL)
    want = [(m.start(), m.group(2), m.end(), int(m.group(1))) for m in lazy.finditer(content)]
    assert list(_html_headings(content)) == want


def test_long_html_heading_is_a_section() -> None:
    from awesome_parse.markdown import _split_at_headings

    title = "A heading with a long badge " + "x" * 900
    pieces = _split_at_headings(f'<h2 id="a"><img src="b.svg"> {title}</h2>\n<p>text</p>', 7)
    assert (2, title, 7) in pieces


def test_heading_of_angle_brackets_is_read_once() -> None:
    from awesome_parse.markdown import _split_at_headings

    n = 20_000
    pieces = _split_at_headings("<h2>" + "<" * n + "</h2>", 1)
    assert pieces == [(2, "<" * n, 1)]


def test_collector_restored_after_a_failed_analysis(monkeypatch: pytest.MonkeyPatch) -> None:
    import gc

    from awesome_parse import api
    from awesome_parse.reading import SourceText

    def broken(*_args: object, **_kwargs: object) -> None:
        assert not gc.isenabled()  # paused during the analysis
        raise RuntimeError("boom")

    monkeypatch.setattr(api, "_analyze", broken)
    assert gc.isenabled()
    with pytest.raises(RuntimeError):
        api.analyze_source(SourceText("# L\n", "x.md"))
    assert gc.isenabled()
    gc.disable()
    try:  # a caller that runs without the collector keeps it off
        with pytest.raises(RuntimeError):
            api.analyze_source(SourceText("# L\n", "x.md"))
        assert not gc.isenabled()
    finally:
        gc.enable()


@pytest.mark.parametrize("prefix", ["001", "004"])
def test_released_tokens_read_the_same(prefix: str, monkeypatch: pytest.MonkeyPatch) -> None:
    # letting a section's inline tokens go once it is read must not change any record
    from awesome_parse import api, parse_text

    from .conftest import seed

    text = seed(prefix).read_text(encoding="utf-8")
    released = parse_text(text)
    monkeypatch.setattr(api, "release_tokens", lambda env: 0)
    kept = parse_text(text)
    assert released.papers and released.papers == kept.papers
    assert released.skipped == kept.skipped
    assert released.diagnostics == kept.diagnostics


INLINE_PIECES = st.lists(
    st.sampled_from(
        [
            "[A paper](https://arxiv.org/abs/2302.13971)",
            "[x](a.b)",
            "[",
            "]",
            "(",
            ")",
            "](",
            "![img](b.png)",
            "!",
            "**",
            "*",
            "_",
            "`",
            "\\",
            "<",
            ">",
            "&amp;",
            "&",
            " ",
            "\n",
            "word",
            "[ref]",
            "[ref][]",
            "(https://a.co/x_(y))",
            "[j](javascript:alert)",
            "[t](u 'title')",
            "[e]()",
            "~~",
        ]
    ),
    max_size=14,
)


@given(INLINE_PIECES)
@example(["[", "[x](a.b)", "]", "(https://a.co/x_(y))"])  # a plain link inside another link's label
@example(["[j](javascript:alert)"])  # a target markdown-it refuses
def test_plain_link_rule_gives_markdown_it_tokens(pieces: list[str]) -> None:
    from awesome_parse.markdown import MD, make_markdown

    reference = make_markdown()
    reference.inline.ruler.disable("plain_link")
    content = "".join(pieces)
    env = {"references": {"REF": {"href": "https://r.org", "title": ""}}}
    fast: list = []
    slow: list = []
    MD.inline.parse(content, MD, dict(env), fast)
    reference.inline.parse(content, reference, dict(env), slow)
    assert [t.as_dict() for t in fast] == [t.as_dict() for t in slow]
