"""Markdown to sections: the one configured MarkdownIt and the block tree parsers read.

The document is tokenized once by markdown-it-py (CommonMark plus GFM tables and
strikethrough).  Inline content is parsed lazily, only for the blocks a parser
actually reads, because inline parsing is most of markdown-it's cost and most
paragraphs of a README are prose.

Tokens become a small block tree, cut into :class:`Section` s at headings:

* :class:`ListBlock` / :class:`ListItem` (nested lists included),
* :class:`PipeTable` (GFM tables, and pipe tables markdown-it refused, recovered
  from paragraph lines: mismatched delimiter rows are common in real lists),
* :class:`~awesome_parse.html.HtmlTable` (HTML tables rebuilt from source lines,
  because CommonMark ends an HTML block at a blank line and a ``<table>`` whose
  cells hold blank lines arrives in pieces with markdown in between),
* :class:`Paragraph`, :class:`HtmlBlock` and :class:`CodeBlock`.

Blocks inside block quotes are kept but flagged ``in_quote``: quotes are
commentary, not list entries.  Headings written in HTML (``<h2>..</h2>``) are
headings too.

>>> doc = build_document("# List\\n\\n## 2024\\n\\n- [A](https://arxiv.org/abs/2401.00001)\\n")
>>> [s.heading_path for s in doc.sections]
[(), ('List',), ('List', '2024')]
>>> doc.sections[2].blocks[0].items[0].line
5
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Iterator
from typing import Any

import attrs
from markdown_it import MarkdownIt
from markdown_it.rules_inline import StateInline
from markdown_it.token import Token

from . import html as html_mod
from ._text import squash, strip_symbols

__all__ = [
    "Block",
    "CodeBlock",
    "Document",
    "HtmlBlock",
    "Inline",
    "ListBlock",
    "ListItem",
    "Paragraph",
    "PipeTable",
    "Section",
    "build_document",
    "inline_text",
    "make_markdown",
]


def _as_written(url: str) -> str:
    return url


#: ``[label](target)`` with a label of plain text and a target with nothing to unescape, balance or
#: split: the tokens are those of markdown-it's own link rule, without its character-by-character scans.
_PLAIN_LINK = re.compile(r"\[([^\[\]\\`*_~!<&\n]+)\]\(([^()\s<>\\&\x00-\x1f\x7f]+)\)")


def _plain_link(state: StateInline, silent: bool) -> bool:
    """The link rule's fast path for a plain link; anything else is left to markdown-it's rule.

    >>> [t.type for t in Inline("see [A paper](https://arxiv.org/abs/2302.13971).", 1).children]
    ['text', 'link_open', 'text', 'link_close', 'text']
    """
    if state.src[state.pos] != "[":
        return False
    m = _PLAIN_LINK.match(state.src, state.pos, state.posMax)
    if m is None:
        return False
    href = state.md.normalizeLink(m.group(2))
    if not state.md.validateLink(href):
        return False
    if not silent:
        token = state.push("link_open", "a", 1)
        token.attrs = {"href": href}
        state.push("text", "", 0).content = m.group(1)
        state.push("link_close", "a", -1)
    state.pos = m.end()
    return True


def make_markdown() -> MarkdownIt:
    """The configured parser: CommonMark, HTML on, tables and strikethrough, lazy inline.

    Link targets are kept exactly as written (markdown-it would percent-encode
    and punycode them for HTML output, which a dataset must not do, and which is
    a fifth of inline parsing time).
    """
    md = MarkdownIt("commonmark", {"html": True}).enable(["table", "strikethrough"])
    md.core.ruler.disable(["inline", "text_join"])
    md.inline.ruler.before("link", "plain_link", _plain_link)
    md.normalizeLink = _as_written  # type: ignore[method-assign]
    md.normalizeLinkText = _as_written  # type: ignore[method-assign,assignment]
    return md


MD = make_markdown()


class Inline:
    """A run of inline markdown with the line it starts on; tokens are parsed on first use."""

    __slots__ = ("_children", "content", "env", "line")

    def __init__(self, content: str, line: int, env: dict[str, Any] | None = None) -> None:
        self.content = content
        self.line = line
        self.env = env if env is not None else {}
        self._children: list[Token] | None = None

    @property
    def children(self) -> list[Token]:
        """The inline tokens, parsed on first use and kept until :func:`release_tokens`."""
        if self._children is None:
            out: list[Token] = []
            if self.content:
                MD.inline.parse(self.content, MD, self.env, out)
                self.env.setdefault(_PARSED, []).append(self)
            self._children = out
        return self._children

    @property
    def text(self) -> str:
        """Plain text: markup removed, breaks as newlines, images dropped."""
        return inline_text(self.children)

    def __repr__(self) -> str:
        return f"Inline({self.content[:40]!r}, line={self.line})"


#: The ``env`` key under which a document lists its runs whose tokens are kept.
_PARSED = "awesome_parse.parsed"


def release_tokens(env: dict[str, Any]) -> int:
    """Forget the inline tokens parsed so far for the document of ``env``; returns how many runs.

    The tokens take three times the memory of the text they come from; a reader done
    with a section lets them go, and a run asked again is parsed again.

    >>> env: dict[str, Any] = {}
    >>> run = Inline("*a* [b](c)", 1, env)
    >>> len(run.children), release_tokens(env), run._children is None, len(run.children)
    (7, 1, True, 7)
    """
    runs = env.pop(_PARSED, [])
    for run in runs:
        run._children = None
    return len(runs)


_BR = re.compile(r"^<\s*/?\s*br\s*/?\s*>$", re.IGNORECASE)


def inline_text(children: list[Token]) -> str:
    """Plain text of inline tokens (markdown-it ``text``/``text_special``/code/breaks)."""
    parts: list[str] = []
    for tok in children:
        t = tok.type
        if t in ("text", "text_special", "code_inline"):
            parts.append(tok.content)
        elif t in ("softbreak", "hardbreak") or (t == "html_inline" and _BR.match(tok.content)):
            parts.append("\n")
    return "".join(parts)


@attrs.define(slots=True, eq=False)
class Paragraph:
    inline: Inline
    line: int
    end_line: int
    in_quote: bool = False
    kind: str = "paragraph"


@attrs.define(slots=True, eq=False)
class ListItem:
    line: int
    end_line: int
    marker: str
    number: int | None
    paragraphs: list[Inline] = attrs.Factory(list)
    sublists: list[ListBlock] = attrs.Factory(list)

    @property
    def first(self) -> Inline | None:
        return self.paragraphs[0] if self.paragraphs else None


@attrs.define(slots=True, eq=False)
class ListBlock:
    ordered: bool
    line: int
    end_line: int
    items: list[ListItem] = attrs.Factory(list)
    in_quote: bool = False
    depth: int = 0
    kind: str = "list"


@attrs.define(slots=True, eq=False)
class PipeTable:
    header: list[Inline]
    rows: list[list[Inline]]
    row_lines: list[int]
    line: int
    end_line: int
    in_quote: bool = False
    recovered: bool = False
    kind: str = "pipe_table"


@attrs.define(slots=True, eq=False)
class HtmlBlock:
    content: str
    line: int
    end_line: int
    in_quote: bool = False
    kind: str = "html"


@attrs.define(slots=True, eq=False)
class CodeBlock:
    content: str
    line: int
    end_line: int
    info: str = ""
    in_quote: bool = False
    kind: str = "code"


Block = Paragraph | ListBlock | PipeTable | HtmlBlock | CodeBlock | html_mod.HtmlTable


@attrs.define(slots=True, eq=False)
class Section:
    """The blocks under one heading, with the heading path from the outermost heading down."""

    heading_path: tuple[str, ...]
    levels: tuple[int, ...]
    heading_line: int | None
    line: int
    end_line: int
    blocks: list[Block] = attrs.Factory(list)
    heading_inline: Inline | None = None  # the heading's markdown (``None`` for HTML headings)

    @property
    def heading(self) -> str | None:
        return self.heading_path[-1] if self.heading_path else None

    @property
    def level(self) -> int:
        return self.levels[-1] if self.levels else 0


@attrs.define(slots=True, eq=False)
class Document:
    """A tokenized README: its lines, sections and markdown-it ``env`` (link references)."""

    path: str | None
    lines: list[str]
    sections: list[Section]
    env: dict[str, Any]
    title: str | None = None

    def iter_blocks(self) -> Iterator[tuple[Section, Block]]:
        for section in self.sections:
            for block in section.blocks:
                yield section, block


#: The opening and closing tags of an HTML heading, anywhere in an HTML block (``<h2 id="x">Title</h2>``,
#: ``<summary><h3>Title</h3></summary>``); :func:`_html_headings` pairs them in linear time.
_HTML_HEADING_OPEN = re.compile(r"<h([1-6])\b[^<>]*>", re.IGNORECASE)
_HTML_HEADING_CLOSE = re.compile(r"</h([1-6])\s*>", re.IGNORECASE)
#: A tag, stopping at the next ``<`` (linear on runs of ``<``).
_TAGS = re.compile(r"<[^<>]*>")
#: A heading that only names a year or a month (``## 2024:``, ``### 2023.05``): it dates entries, it names none.
DATE_HEADING = re.compile(r"^\W*(?:19|20)\d\d(?:\s*[/\-.]\s*\d{1,2}){0,2}\W*$")
_TABLE_START = re.compile(r"<(?:table|tr|thead|tbody)\b", re.IGNORECASE)
_ATX = re.compile(r"^ {0,3}#{1,6}(?:[ \t]|$)")
_DELIM_CELL = re.compile(r"^\s*:?-+:?\s*$")
_GENERIC_TITLES = {"overview", "introduction", "contents", "table of contents", "toc", "about", "目录", "简介"}


def heading_text(inline: Inline) -> str:
    """A heading's text: images dropped, links to their text, emoji kept, trimmed."""
    return squash(inline.text)


def build_document(text: str, path: str | None = None) -> Document:
    """Tokenize ``text`` once and cut it into sections of blocks."""
    env: dict[str, Any] = {}
    tokens = MD.parse(_spaced_markers(text), env)
    lines = text.split("\n")
    builder = _Builder(tokens, lines, env, path)
    sections = builder.run()
    return Document(path, lines, sections, env, _document_title(sections))


#: A bullet written without its space before a link: ``-[Title](url)``.  Markdown reads such a line
#: as text, but every list that writes it means a list item; outside code it is read as one.
_GLUED_MARKER = re.compile(r"^([ \t]{0,3}[-*+])(?=\[[^\]\n]+\]\()", re.MULTILINE)
_FENCE_LINE = re.compile(r"^[ \t]{0,3}(?:`{3,}|~{3,})", re.MULTILINE)


def _spaced_markers(text: str) -> str:
    r"""``text`` with a space after bullets glued to a link (``-[Title](url)``), code fences left alone.

    >>> _spaced_markers("-[A Paper](https://x.org)\n```\n-[code](y)\n```")
    '- [A Paper](https://x.org)\n```\n-[code](y)\n```'
    """
    if "-[" not in text and "*[" not in text and "+[" not in text:
        return text
    if not _FENCE_LINE.search(text):
        return _GLUED_MARKER.sub(r"\1 ", text)
    out: list[str] = []
    fenced = False
    for line in text.split("\n"):
        if _FENCE_LINE.match(line):
            fenced = not fenced
        out.append(line if fenced else _GLUED_MARKER.sub(r"\1 ", line))
    return "\n".join(out)


def _document_title(sections: list[Section]) -> str | None:
    """The list's name: the first heading if it is a level-1 heading and not a generic word."""
    for section in sections:
        if section.heading_path:
            if section.levels[0] == 1 and section.heading_path[0].casefold() not in _GENERIC_TITLES:
                return strip_symbols(section.heading_path[0]) or None
            return None
    return None


class _Builder:
    def __init__(self, tokens: list[Token], lines: list[str], env: dict[str, Any], path: str | None) -> None:
        self.tokens = tokens
        self.lines = lines
        self.env = env
        self.path = path
        self.sections: list[Section] = []
        self.stack: list[tuple[float, str]] = []
        self.current = Section((), (), None, 1, len(lines))
        self.sections.append(self.current)

    def run(self) -> list[Section]:
        tokens = self.tokens
        i, n = 0, len(tokens)
        quote = 0
        skip_until = 0  # 1-based last line consumed by a recovered HTML table
        while i < n:
            tok = tokens[i]
            t = tok.type
            if tok.map is not None and tok.map[0] + 1 <= skip_until and tok.nesting >= 0:
                i = _after(tokens, i)
                continue
            if t == "blockquote_open":
                quote += 1
                i += 1
            elif t == "blockquote_close":
                quote -= 1
                i += 1
            elif t == "heading_open" and quote == 0:
                inline = Inline(tokens[i + 1].content, tok.map[0] + 1 if tok.map else 1, self.env)
                self._heading(int(tok.tag[1]), heading_text(inline), inline.line, inline)
                i += 3
            elif t in ("bullet_list_open", "ordered_list_open"):
                list_block, i = self._list(i, quote > 0, 0)
                self._add(list_block)
            elif t == "paragraph_open":
                inline_tok = tokens[i + 1]
                start, end = tok.map if tok.map else (0, 1)
                recovered = _recover_pipe_table(inline_tok.content, start + 1, self.env, quote > 0)
                if recovered is not None:
                    self._add(recovered)
                else:
                    self._add(Paragraph(Inline(inline_tok.content, start + 1, self.env), start + 1, end, quote > 0))
                i += 3
            elif t == "table_open":
                table, i = self._table(i, quote > 0)
                self._add(table)
            elif t == "html_block":
                start, end = tok.map if tok.map else (0, 1)
                # what a comment holds is not on the page: a table or list kept in "<!-- ... -->"
                content = _HTML_COMMENT.sub(lambda m: "\n" * m.group(0).count("\n"), tok.content)
                if not content.strip():
                    i += 1
                    continue
                if quote == 0 and "<h" in content.lower() and "<table" not in content.lower():
                    pieces = _split_at_headings(content, start + 1)
                    if len(pieces) > 1 or isinstance(pieces[0], tuple):
                        for piece in pieces:
                            if isinstance(piece, tuple):
                                self._heading(*piece)
                            else:
                                self._add(piece)
                        i += 1
                        continue
                if _TABLE_START.search(content) and quote == 0:
                    found = self._html_tables(start, end)
                    if found:
                        skip_until = found
                        i += 1
                        continue
                self._add(HtmlBlock(content, start + 1, end, quote > 0))
                i += 1
            elif t in ("fence", "code_block"):
                start, end = tok.map if tok.map else (0, 1)
                self._add(CodeBlock(tok.content, start + 1, end, tok.info, quote > 0))
                i += 1
            else:
                i += 1
        self._close()
        return self.sections

    def _html_tables(self, start: int, end: int) -> int:
        """Parse every HTML table region that begins inside lines ``start..end`` (0-based, end
        exclusive); returns the last line (1-based) consumed, or 0 if there was none."""
        consumed = 0
        pos = start
        while pos < end:
            if not _TABLE_START.search(self.lines[pos]):
                pos += 1
                continue
            last = html_mod.table_region_end(self.lines, pos)
            if last is None:
                break
            self._add(html_mod.parse_table(self.lines, pos + 1, last, self.path))
            consumed = last
            pos = last
        return consumed

    def _add(self, block: Block) -> None:
        self.current.blocks.append(block)

    def _close(self) -> None:
        nxt = self.current
        nxt.end_line = max(nxt.line, len(self.lines))

    def _heading(self, level: int, text: str, line: int, inline: Inline | None = None) -> None:
        self.current.end_line = max(self.current.line, line - 1)
        depth: float = level
        if DATE_HEADING.match(text) and self._dated_topic(level):
            depth = level + 0.5  # "## Avatars:" then "## 2024:": the year groups the topic's papers
        while self.stack and self.stack[-1][0] >= depth:
            self.stack.pop()
        self.stack.append((depth, text))
        self.current = Section(
            tuple(t for _, t in self.stack),
            tuple(int(lv) for lv, _ in self.stack),
            line,
            line,
            len(self.lines),
            heading_inline=inline,
        )
        self.sections.append(self.current)

    def _dated_topic(self, level: int) -> bool:
        """True when a year heading at ``level`` belongs under the topic heading of the same level
        before it: the topic heading came directly before it (nothing in between), or an
        earlier year heading of that level already sits under it."""
        if not self.stack:
            return False
        top_level, top_text = self.stack[-1]
        if top_level == level and not DATE_HEADING.match(top_text):
            return not self.current.blocks
        return top_level == level + 0.5 and len(self.stack) >= 2 and self.stack[-2][0] == level

    def _list(self, i: int, in_quote: bool, depth: int) -> tuple[ListBlock, int]:
        tokens = self.tokens
        open_tok = tokens[i]
        start, end = open_tok.map if open_tok.map else (0, 1)
        block = ListBlock(open_tok.type == "ordered_list_open", start + 1, end, in_quote=in_quote, depth=depth)
        close = open_tok.type.replace("_open", "_close")
        i += 1
        item: ListItem | None = None
        while i < len(tokens):
            tok = tokens[i]
            t = tok.type
            if t == close and tok.level == open_tok.level:
                return block, i + 1
            if t == "list_item_open" and tok.level == open_tok.level + 1:
                s, e = tok.map if tok.map else (0, 1)
                number = int(tok.info) if tok.info.isdigit() else None
                item = ListItem(s + 1, e, tok.markup, number)
                block.items.append(item)
                i += 1
            elif t in ("bullet_list_open", "ordered_list_open") and item is not None:
                sub, i = self._list(i, in_quote, depth + 1)
                item.sublists.append(sub)
            elif t == "paragraph_open" and item is not None and tok.level == open_tok.level + 2:
                s, _e = tok.map if tok.map else (0, 1)
                item.paragraphs.append(Inline(tokens[i + 1].content, s + 1, self.env))
                i += 3
            else:
                i = _after(tokens, i) if tok.nesting == 1 and t not in ("list_item_open",) else i + 1
        return block, i

    def _table(self, i: int, in_quote: bool) -> tuple[PipeTable, int]:
        tokens = self.tokens
        open_tok = tokens[i]
        start, end = open_tok.map if open_tok.map else (0, 1)
        header: list[Inline] = []
        rows: list[list[Inline]] = []
        row_lines: list[int] = []
        row: list[Inline] | None = None
        in_head = False
        row_line = start + 1
        i += 1
        while i < len(tokens) and tokens[i].type != "table_close":
            tok = tokens[i]
            if tok.type == "thead_open":
                in_head = True
            elif tok.type == "thead_close":
                in_head = False
            elif tok.type == "tr_open":
                row = []
                row_line = tok.map[0] + 1 if tok.map else row_line + 1
            elif tok.type == "tr_close" and row is not None:
                if in_head:
                    header = row
                else:
                    rows.append(row)
                    row_lines.append(row_line)
                row = None
            elif tok.type == "inline" and row is not None:
                row.append(Inline(tok.content, row_line, self.env))
            i += 1
        return PipeTable(header, rows, row_lines, start + 1, end, in_quote), i + 1


#: An HTML comment (``<!-- ... -->``, also unclosed at the end of a block): nothing of it is shown.
_HTML_COMMENT = re.compile(r"<!--.*?(?:-->|\Z)", re.DOTALL)


def _split_at_headings(content: str, first_line: int) -> list[HtmlBlock | tuple[int, str, int]]:
    """An HTML block cut at its headings: blocks of the HTML around them and ``(level, text, line)``.

    >>> _split_at_headings('<details><summary><h3 id="a">Vision</h3></summary>\\n<ul><li>x</li></ul>', 4)
    [HtmlBlock(content='<details><summary>', line=4, end_line=4, in_quote=False, kind='html'), (3, 'Vision', 4), HtmlBlock(content='</summary>\\n<ul><li>x</li></ul>', line=4, end_line=5, in_quote=False, kind='html')]
    """
    out: list[HtmlBlock | tuple[int, str, int]] = []
    pos = 0
    pos_line = first_line  # the line of ``pos``, counted as the scan moves on (never from the start again)
    for start, inner, end, level in _html_headings(content):
        text = squash(_TAGS.sub("", inner))
        if not text:
            continue
        line = pos_line + content.count("\n", pos, start)
        before = content[pos:start]
        if before.strip():
            out.append(HtmlBlock(before, pos_line, line))
        out.append((level, text, line))
        pos_line = line + content.count("\n", start, end)
        pos = end
    rest = content[pos:]
    if rest.strip() or not out:
        out.append(HtmlBlock(rest, pos_line, pos_line + rest.rstrip("\n").count("\n")))
    return out


def _html_headings(content: str) -> Iterator[tuple[int, str, int, int]]:
    """Every HTML heading of ``content``: (start, inner HTML, end, level), each opening tag
    paired with the first closing tag of its level after it, in one pass over the text.

    >>> list(_html_headings("<h2 id=a>A <b>b</b></h2> <h3>x <h3>C</h3>"))
    [(0, 'A <b>b</b>', 24, 2), (25, 'x <h3>C', 41, 3)]
    """
    closers: dict[str, list[int]] = {}
    ends: dict[str, list[int]] = {}
    for c in _HTML_HEADING_CLOSE.finditer(content):
        closers.setdefault(c.group(1), []).append(c.start())
        ends.setdefault(c.group(1), []).append(c.end())
    pos = 0
    while (m := _HTML_HEADING_OPEN.search(content, pos)) is not None:
        level = m.group(1)
        where = closers.get(level, [])
        k = bisect.bisect_left(where, m.end())
        if k == len(where):
            pos = m.start() + 1  # never closed: look for the next opening tag
            continue
        yield m.start(), content[m.end() : where[k]], ends[level][k], int(level)
        pos = ends[level][k]


def _after(tokens: list[Token], i: int) -> int:
    """Index after the construct opened at ``i`` (its matching close), or ``i + 1``."""
    tok = tokens[i]
    if tok.nesting != 1:
        return i + 1
    depth = 0
    for j in range(i, len(tokens)):
        depth += tokens[j].nesting
        if depth == 0:
            return j + 1
    return len(tokens)


def split_pipe_row(line: str) -> list[str]:
    """Split a pipe-table row into raw cells: escaped pipes and pipes in code spans are kept.

    >>> split_pipe_row("| a | `b|c` | d\\\\|e |")
    ['a', '`b|c`', 'd\\\\|e']
    >>> split_pipe_row("11.23| [x](u) | y")
    ['11.23', '[x](u)', 'y']
    """
    cells: list[str] = []
    buf: list[str] = []
    in_code = 0
    i = 0
    n = len(line)
    while i < n:
        ch = line[i]
        if ch == "\\" and i + 1 < n:
            buf.append(line[i : i + 2])
            i += 2
            continue
        if ch == "`":
            run = 1
            while i + run < n and line[i + run] == "`":
                run += 1
            if in_code == 0:
                in_code = run
            elif in_code == run:
                in_code = 0
            buf.append("`" * run)
            i += run
            continue
        if ch == "|" and in_code == 0:
            cells.append("".join(buf))
            buf = []
        else:
            buf.append(ch)
        i += 1
    cells.append("".join(buf))
    stripped = line.strip()
    if stripped.startswith("|") and cells and not cells[0].strip():
        cells = cells[1:]
    if stripped.endswith("|") and not stripped.endswith("\\|") and cells and not cells[-1].strip():
        cells = cells[:-1]
    return [c.strip() for c in cells]


def _recover_pipe_table(content: str, first_line: int, env: dict[str, Any], in_quote: bool) -> PipeTable | None:
    """A pipe table markdown-it refused (header/delimiter cell counts differ), or ``None``."""
    if "|" not in content or "-" not in content:
        return None
    lines = content.split("\n")
    if len(lines) < 3:
        return None
    delim_at = None
    for k in range(1, min(len(lines), 3)):
        cells = split_pipe_row(lines[k])
        if len(cells) >= 2 and all(_DELIM_CELL.match(c) for c in cells):
            delim_at = k
            break
    if delim_at is None or lines[delim_at - 1].count("|") < 1:
        return None
    ncols = len(split_pipe_row(lines[delim_at]))
    head_line = lines[delim_at - 1]
    header = split_pipe_row(head_line)
    if len(header) == ncols - 1 and head_line.lstrip().startswith("|"):
        header = ["", *header]  # the leading pipe was an empty first cell
    rows: list[list[Inline]] = []
    row_lines: list[int] = []
    for k in range(delim_at + 1, len(lines)):
        if "|" not in lines[k]:
            continue
        number = first_line + k
        rows.append([Inline(c, number, env) for c in split_pipe_row(lines[k])])
        row_lines.append(number)
    if not rows:
        return None
    head = [Inline(c, first_line + delim_at - 1, env) for c in header]
    return PipeTable(head, rows, row_lines, first_line + delim_at - 1, first_line + len(lines) - 1, in_quote, True)
