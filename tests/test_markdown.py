"""Markdown to sections: heading paths, recovered HTML and pipe tables, line numbers."""

from __future__ import annotations

from awesome_parse.html import HtmlTable, check_table
from awesome_parse.markdown import ListBlock, Paragraph, PipeTable, build_document, split_pipe_row


def test_heading_paths_and_levels() -> None:
    doc = build_document("# A\n\n## B\n\ntext\n\n### C\n\n## D\n\n<h2>E</h2>\n\n- x\n")
    assert [s.heading_path for s in doc.sections] == [(), ("A",), ("A", "B"), ("A", "B", "C"), ("A", "D"), ("A", "E")]
    assert doc.title == "A"


def test_html_table_split_by_blank_lines_is_recovered() -> None:
    text = "\n".join(
        [
            "## T",
            "<table>",
            "<tr><th>Paper</th><th>Descriptions</th></tr>",
            "<tr><td><a href='https://arxiv.org/abs/2401.00368'>A</a></td><td>first paragraph",
            "",
            "1. a list inside the cell",
            "2. that markdown would parse",
            "",
            "last paragraph</td></tr>",
            "</table>",
            "",
            "after",
        ]
    )
    doc = build_document(text)
    blocks = doc.sections[1].blocks
    assert [type(b).__name__ for b in blocks] == ["HtmlTable", "Paragraph"]
    table = blocks[0]
    assert isinstance(table, HtmlTable)
    assert (table.line, table.end_line) == (2, 10)
    assert [r.line for r in table.rows] == [3, 4]
    assert "last paragraph" in table.rows[1].cells[1].text
    assert isinstance(blocks[1], Paragraph) and blocks[1].line == 12


def test_two_tables_in_one_html_block() -> None:
    text = "<table><tr><td>a</td></tr></table>\n<table><tr><td>b</td></tr></table>\n"
    blocks = build_document(text).sections[0].blocks
    assert [b.rows[0].cells[0].text for b in blocks if isinstance(b, HtmlTable)] == ["a", "b"]


def test_unclosed_table_stops_at_next_heading() -> None:
    doc = build_document("<table>\n<tr><td>a</td></tr>\n\n## Next\n\n- [x](https://arxiv.org/abs/2401.00368)\n")
    assert isinstance(doc.sections[0].blocks[0], HtmlTable)
    assert isinstance(doc.sections[1].blocks[0], ListBlock)


def test_rowspan_over_empty_row() -> None:
    text = (
        "<table><tr><th rowspan=2>Cat</th><th rowspan=2>Name</th></tr><tr></tr>"
        "<tr><td rowspan=2>X</td><td>a</td></tr><tr><td>b</td></tr></table>"
    )
    table = build_document(text).sections[0].blocks[0]
    assert isinstance(table, HtmlTable)
    assert [[c.text for c in r.cells] for r in table.rows] == [["Cat", "Name"], ["X", "a"], ["X", "b"]]


def test_tag_problems_are_found() -> None:
    lines = ["<table>", "<tr><td><a href='u'>x</td>", "<tr><td>y</td></tr>", "</table>", "</table>"]
    messages = [(p.line, p.message) for p in check_table(lines, 1, 5)]
    assert (2, "<a> is never closed (closed by </td>)") in messages
    assert any("<tr> is never closed" in m for _line, m in messages)
    assert (5, "stray </table> closes nothing") in messages


def test_pipe_table_with_mismatched_delimiter_is_recovered() -> None:
    text = "  | Paper | a.k.a\n-- | -- | --\n11.23| [A](https://arxiv.org/abs/2301.12652) | REPLUG\n"
    table = build_document(text).sections[0].blocks[0]
    assert isinstance(table, PipeTable) and table.recovered
    assert [c.content for c in table.header] == ["", "Paper", "a.k.a"]
    assert table.row_lines == [3]


def test_split_pipe_row() -> None:
    assert split_pipe_row(r"| a \| b | `c|d` |") == [r"a \| b", "`c|d`"]


def test_code_fences_and_quotes_are_kept_apart() -> None:
    doc = build_document(
        "```\n- [T](https://arxiv.org/abs/2401.00368)\n```\n\n> - [Q](https://arxiv.org/abs/2401.00369)\n"
    )
    kinds = [(b.kind, b.in_quote) for b in doc.sections[0].blocks]
    assert kinds == [("code", False), ("list", True)]
