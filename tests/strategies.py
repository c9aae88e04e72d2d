"""Hypothesis strategies: README-like text, from plain prose to hostile markup."""

from __future__ import annotations

from hypothesis import strategies as st

ARXIV = st.builds(
    lambda y, m, n: f"{y:02d}{m:02d}.{n:05d}", st.integers(15, 29), st.integers(1, 12), st.integers(0, 99999)
)
WORDS = st.text(alphabet=st.characters(codec="utf-8", exclude_categories=("Cs",)), min_size=0, max_size=30)
TITLE = st.text(alphabet=st.sampled_from("abcdefgh ABC:-中文한국어"), min_size=1, max_size=40).filter(
    lambda t: t.strip()
)

MARKUP = st.sampled_from(
    [
        "\n",
        "\n\n",
        "# ",
        "## ",
        "- ",
        "1. ",
        "  - ",
        "| ",
        " | ",
        "|---|---|\n",
        "**",
        "*",
        "`",
        "```\n",
        "[",
        "]",
        "(",
        ")",
        "](https://arxiv.org/abs/2401.00001)",
        "<table>",
        "</table>",
        "<tr>",
        "<td>",
        "<th>",
        "</td>",
        "<a href='https://arxiv.org/pdf/2305.14314'>",
        "</a>",
        "<br>",
        "<details>",
        "> ",
        "\\",
        "&nbsp;",
        "\r\n",
        "\r",
        "\t",
        "<!--",
        "-->",
        "    ",
        "<u>",
        "</u>",
        '"',
        "<ul>",
        "<li>",
        "</li>",
        "</ul>",
        "### ",
        ". ",
        ", ",
        " et al. ",
        " (2023) ",
        "arXiv:2401.00001",
        "[paper][r]",
        "\n[r]: https://arxiv.org/abs/2401.00002\n",
    ]
)


@st.composite
def entry_lines(draw: st.DrawFn) -> str:
    title = draw(TITLE).strip()
    ident = draw(ARXIV)
    shape = draw(st.sampled_from(["bullet", "numbered", "pipe", "html", "heading", "html-list", "citation"]))
    if shape == "bullet":
        return f"- [{title}](https://arxiv.org/abs/{ident})"
    if shape == "numbered":
        return f"1. **{title}.** *A. Author, B. Author.* [[pdf](https://arxiv.org/pdf/{ident})], 2024."
    if shape == "pipe":
        return f"| **{title}** [[paper]](https://arxiv.org/abs/{ident}) | arXiv | 2024-01-02 |"
    if shape == "heading":
        return f"\n### {title}\n\n[paper](https://arxiv.org/abs/{ident})\n"
    if shape == "html-list":
        return f'<ul><li><a href="https://arxiv.org/abs/{ident}">{title}</a> (ICLR 2024)</li></ul>'
    if shape == "citation":
        return f"- Ann Author, Bo Author (2023). {title}. NeurIPS. [pdf](https://arxiv.org/pdf/{ident})"
    return f'<table><tr><th><a href="https://arxiv.org/abs/{ident}">{title}</a></th></tr></table>'


readme_like = st.lists(st.one_of(MARKUP, WORDS, entry_lines()), max_size=60).map("".join)
arbitrary_text = st.text(max_size=400)
