"""Fast paths must read exactly what the general path reads."""

from __future__ import annotations

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
