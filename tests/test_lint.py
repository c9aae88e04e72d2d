"""The linter: what it finds on the seeds, silence on clean lists, fixes, config, reporters."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

import pytest

from awesome_parse.cli import main
from awesome_parse.errors import Severity
from awesome_parse.lint import apply_fixes, lint_file, lint_text
from awesome_parse.lint.config import LintConfig, load_config
from awesome_parse.lint.reporters import render
from awesome_parse.lint.rules import rules_markdown

from .conftest import CASES, ROOT, SEEDS, seed

CLEAN = sorted((CASES / "clean").glob("*.md"))


def _codes_at(path: Path) -> set[tuple[str, int]]:
    return {(d.code, d.span.line) for d in lint_file(path).findings}


def test_duplicate_in_html_table_is_one_finding_naming_both_lines() -> None:
    found = [d for d in lint_file(seed("000")).findings if d.code == "AP103"]
    assert [(d.span.line, d.severity) for d in found] == [(88, Severity.WARNING)]
    assert "(lines 68 and 88)" in found[0].message


def test_wrong_links_are_id_title_conflicts() -> None:
    for prefix, lines in (("001", (17, 49)), ("002", (34, 36))):
        found = [d for d in lint_file(seed(prefix)).findings if d.code == "AP104"]
        assert len(found) == 1 and found[0].span.line in lines
        assert all(f"line {n})" in found[0].message for n in lines)


def test_link_text_that_is_a_url() -> None:
    assert ("AP107", 25) in _codes_at(seed("001"))


def test_entries_without_a_paper_link() -> None:
    found = _codes_at(CASES / "bullet-list" / "citations-without-links.md")
    # two citations with no link at all; the prose bullets below them are no entries
    assert {code_line for code_line in found if code_line[0] == "AP106"} == {("AP106", 3), ("AP106", 4)}


def test_placeholder_rows() -> None:
    found = _codes_at(seed("000"))
    assert {("AP105", 110), ("AP105", 446), ("AP105", 467)} <= found


def test_mojibake_is_reported_with_its_repair() -> None:
    for prefix in ("000", "002", "003"):
        report = lint_file(seed(prefix))
        mojibake = [d for d in report.findings if d.code == "AP108"]
        assert mojibake and all(d.severity == Severity.ERROR and d.fix for d in mojibake)
    line62 = next(d for d in lint_file(seed("002")).findings if d.code == "AP108" and d.span.line == 62)
    assert "should read '…'" in line62.message


def test_scheme_less_links() -> None:
    assert ("AP102", 76) in _codes_at(seed("002"))
    assert ("AP102", 111) in _codes_at(seed("003"))


def test_html_table_not_well_formed() -> None:
    messages = {(d.span.line, d.message) for d in lint_file(seed("000")).findings if d.code == "AP110"}
    assert (413, "HTML table not well-formed: stray </table> closes nothing") in messages
    assert any(line == 359 and "<a> is never closed" in m for line, m in messages)


def test_cell_count_and_unrenderable_header(tmp_path: Path) -> None:
    # seed 002's rows are one cell short of the header: GitHub pads them, nothing is lost
    assert not any(code == "AP109" for code, _ in _codes_at(seed("002")))
    text = "| Paper | a.k.a\n-- | -- | --\n11.23| [A Title Here](https://arxiv.org/abs/2301.12652) | REPLUG\n"
    found = lint_text(text, "t.md").findings
    assert any(d.code == "AP109" and d.span.line == 1 and "will not render" in d.message for d in found)


def test_mixed_dates_and_empty_headings() -> None:
    assert any(code == "AP111" for code, _ in _codes_at(seed("002")))
    assert ("AP112", 40) in _codes_at(seed("001"))


def test_invalid_arxiv_id() -> None:
    found = lint_text("- [RAG Paper Title](https://arxiv.org/abs/2005.114010)\n", "r.md").findings
    assert [(d.code, d.severity, d.span.column) for d in found] == [("AP101", Severity.ERROR, 21)]


@pytest.mark.parametrize("path", CLEAN, ids=lambda p: p.stem)
def test_clean_readme_exit_0_no_output(path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(path)]) == 0
    captured = capsys.readouterr()
    assert captured.out == "" and captured.err == ""


def test_exit_statuses(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    assert main(["lint", str(seed("001"))]) == 1
    assert main(["lint", str(seed("001")), "--ignore", "AP104,AP107"]) == 0
    assert main(["lint", str(tmp_path / "nope.md")]) == 2
    assert main(["lint", "--select", "XX9", str(seed("001"))]) == 2
    assert "unknown rule code" in capsys.readouterr().err


@pytest.mark.parametrize("prefix", ["000", "002", "003"])
def test_fix_then_lint_again(tmp_path: Path, prefix: str, capsys: pytest.CaptureFixture[str]) -> None:
    original = seed(prefix)
    copy = tmp_path / original.name
    shutil.copy(original, copy)
    before = lint_file(copy)
    assert main(["lint", "--fix", str(copy)]) in (0, 1)
    err = capsys.readouterr().err
    assert "fixed AP108" in err
    after = lint_file(copy)
    assert not [d for d in after.findings if d.code in ("AP102", "AP108")]
    # everything else in the file is byte-identical
    fixed_lines = {d.span.line for d in before.findings if d.fix}
    old = original.read_text(encoding="utf-8").split("\n")
    new = copy.read_text(encoding="utf-8").split("\n")
    assert len(old) == len(new)
    assert all(o == n for k, (o, n) in enumerate(zip(old, new, strict=False), start=1) if k not in fixed_lines)
    # the findings that were not fixable are still there
    unfixable = {(d.code, d.span.line) for d in before.findings if not d.fix}
    assert unfixable <= {(d.code, d.span.line) for d in after.findings}


def test_apply_fixes_touches_only_its_columns() -> None:
    text = "x [a](arxiv.org/abs/2401.00001) y\n"
    report = lint_text(text, "a.md")
    fixed, applied = apply_fixes(text, report.fixable())
    assert fixed == "x [a](https://arxiv.org/abs/2401.00001) y\n" and len(applied) == 1


def test_config_file_and_inline_suppression(tmp_path: Path) -> None:
    (tmp_path / "pyproject.toml").write_text(
        '[tool.awesome-parse.lint]\nignore = ["AP107"]\n[tool.awesome-parse.lint.severity]\nAP104 = "warning"\n',
        encoding="utf-8",
    )
    readme = tmp_path / "README.md"
    shutil.copy(seed("001"), readme)
    codes = {d.code: d.severity for d in lint_file(readme).findings}
    assert "AP107" not in codes and codes["AP104"] == Severity.WARNING
    assert main(["lint", str(readme)]) == 0
    text = "<!-- awesome-parse: ignore AP102 -->\n- [Paper one](arxiv.org/abs/2310.12036)\n- [Two two](arxiv.org/abs/2310.12037) <!-- awesome-parse: ignore -->\n"
    assert lint_text(text, "s.md").findings == ()


def test_broken_config_is_one_line_error(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = tmp_path / ".awesome-parse.toml"
    bad.write_text("[lint\n", encoding="utf-8")
    assert main(["lint", "--config", str(bad), str(seed("004"))]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "invalid TOML" in err
    assert load_config(None) == LintConfig()


def test_reporters() -> None:
    findings = lint_file(seed("001")).findings
    data = json.loads(render(findings, "json"))
    assert {"path", "line", "column", "code", "severity", "message"} <= set(data[0])
    github = render(findings, "github").splitlines()
    assert github[0].startswith("::warning file=") and ",line=25,col=" in github[0]
    assert any(g.startswith("::error file=") and ",line=49,col=" in g for g in github)
    sarif = json.loads(render(findings, "sarif"))
    run = sarif["runs"][0]
    assert sarif["version"] == "2.1.0" and run["tool"]["driver"]["name"] == "awesome-parse"
    assert run["results"][0]["locations"][0]["physicalLocation"]["region"]["startLine"] == 25
    text = render(findings, "text").splitlines()
    assert text[0].startswith(f"{seed('001')}:25:")


def test_rule_docs_are_generated_from_the_registry() -> None:
    assert (ROOT / "docs" / "lint-rules.md").read_text(encoding="utf-8") == rules_markdown()


def test_pre_commit_hook_definition() -> None:
    hooks = (ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8")
    assert "id: awesome-parse-lint" in hooks and "entry: awesome-parse lint" in hooks


def test_lint_is_fast_enough_to_skip_clean_repair() -> None:
    # every seed lints without raising; the clean ones need no repair
    for path in SEEDS:
        assert lint_file(path).path == str(path)


@pytest.mark.skipif(
    shutil.which("pre-commit") is None or shutil.which("git") is None, reason="pre-commit not installed"
)
def test_pre_commit_try_repo(tmp_path: Path) -> None:
    """The hook runs through pre-commit against this repository (needs the package index)."""
    import subprocess

    work = tmp_path / "list"
    work.mkdir()
    shutil.copy(seed("002"), work / "README.md")
    subprocess.run(["git", "init", "-q"], cwd=work, check=True)
    subprocess.run(["git", "add", "README.md"], cwd=work, check=True)
    proc = subprocess.run(
        ["pre-commit", "try-repo", str(ROOT), "awesome-parse-lint", "--files", "README.md"],
        cwd=work,
        capture_output=True,
        text=True,
        check=False,
        env={**__import__("os").environ, "PRE_COMMIT_HOME": str(tmp_path / "cache")},
    )
    assert proc.returncode == 1, proc.stdout + proc.stderr
    assert "AP104" in proc.stdout and "Failed" in proc.stdout


# --- the rule table: options, documented examples, groups ------------------------------------------

RULE_DOC = ROOT / "docs" / "lint-rules.md"


def _doc_examples() -> list[tuple[str, str, str]]:
    """(code, "bad" or "good", example) for every rule section of docs/lint-rules.md, as written there."""
    import re

    text = RULE_DOC.read_text(encoding="utf-8")
    out: list[tuple[str, str, str]] = []
    for section in re.split(r"\n## (?=AP\d{3} )", text)[1:]:
        code = section.split(" ", 1)[0]
        for kind, example in re.findall(r"\n(Bad|Good):\n\n```markdown\n(.*?)\n```", section, re.DOTALL):
            out.append((code, kind.lower(), example))
    return out


def test_every_rule_has_one_bad_and_one_good_example_in_the_docs() -> None:
    from awesome_parse.lint.rules import default_rules

    found = {(code, kind): example for code, kind, example in _doc_examples()}
    rules = list(default_rules())
    assert len(found) == 2 * len(rules)
    for rule in rules:  # the docs show the table's examples, so they cannot drift apart
        assert found[rule.code, "bad"] == rule.bad and found[rule.code, "good"] == rule.good


@pytest.mark.parametrize(("code", "kind", "example"), _doc_examples(), ids=lambda v: v if len(v) < 6 else "")
def test_documented_examples_bad_fires_good_does_not(code: str, kind: str, example: str) -> None:
    codes = [d.code for d in lint_text(example + "\n", "README.md").findings]
    if kind == "bad":
        assert code in codes
    else:
        assert code not in codes


def test_documented_suppression_of_a_pair_silences_it() -> None:
    from awesome_parse.lint.rules import SUPPRESSED_PAIR

    assert SUPPRESSED_PAIR in RULE_DOC.read_text(encoding="utf-8")
    assert lint_text(SUPPRESSED_PAIR + "\n", "README.md").findings == ()
    unsilenced = SUPPRESSED_PAIR.replace("<!-- awesome-parse: ignore AP103 -->\n", "")
    assert [d.code for d in lint_text(unsilenced + "\n", "README.md").findings] == ["AP103"]


PAIR = (
    "## Surveys\n\n{c1}- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)\n"
    "- [Harnessing the Power of LLMs in Practice](https://arxiv.org/abs/2304.13712)\n"
    "{c2}- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)\n"
)
IGNORE = "<!-- awesome-parse: ignore AP103 -->\n"


@pytest.mark.parametrize(("c1", "c2"), [(IGNORE, ""), ("", IGNORE), (IGNORE, IGNORE)])
def test_one_suppression_covers_the_group_and_none_is_unused(c1: str, c2: str) -> None:
    assert lint_text(PAIR.format(c1=c1, c2=c2), "README.md").findings == ()


def test_a_suppression_of_another_code_leaves_the_group() -> None:
    text = PAIR.format(c1="<!-- awesome-parse: ignore AP107 -->\n", c2="")
    assert {d.code for d in lint_text(text, "README.md").findings} == {"AP103", "AP100"}


def test_cross_listing_is_reported_only_with_the_option() -> None:
    from awesome_parse.lint.rules import default_rules

    text = (
        "## Surveys\n\n- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)\n\n"
        "## Evaluation\n\n- [A Survey of Large Language Models](https://arxiv.org/pdf/2303.18223)\n\n"
        "## Data\n\n- [A Survey of Large Language Models](https://arxiv.org/abs/2303.18223)\n"
    )
    assert lint_text(text, "README.md").findings == ()
    rules = default_rules(options={"AP103": {"cross-section": True}})
    found = lint_text(text, "README.md", rules=rules).findings
    assert [(d.code, d.span.line, d.severity) for d in found] == [("AP103", 7, Severity.WARNING)]
    assert "3 sections" in found[0].message and "'Evaluation' (line 7)" in found[0].message


def test_rule_options_are_checked() -> None:
    from awesome_parse.lint.rules import configure_rules, default_rules

    with pytest.raises(ValueError, match="AP103 has no option 'cross'; its options: cross-section"):
        default_rules(options={"AP103": {"cross": True}})
    with pytest.raises(ValueError, match="takes a boolean"):
        default_rules(options={"AP103": {"cross-section": 1}})
    with pytest.raises(ValueError, match="no rule AP999"):
        configure_rules(default_rules(), {"AP999": {"x": 1}})
    with pytest.raises(KeyError, match="AP101 has no option 'x'; it takes no options"):
        default_rules().get("AP101").option("x")


@pytest.mark.parametrize(
    "entries",
    [
        # models (or data sets) of one paper, each named
        "- [Flan-T5](https://arxiv.org/abs/2210.11416)\n- [Flan-PaLM](https://arxiv.org/abs/2210.11416)\n",
        # a log of talks about one paper, each dated to its day
        "| Date | Talk |\n| --- | --- |\n| 2021-10-15 | [ResNet](https://arxiv.org/abs/1512.03385) reading, part 2 |\n"
        "| 2021-10-14 | [ResNet](https://arxiv.org/abs/1512.03385) reading, part 1 |\n",
        # two tools from one paper: each entry's own link differs
        "- [Judging LLM-as-a-Judge](https://arxiv.org/abs/2306.05685) [[project](https://example.org/mt-bench)]\n"
        "- [Judging LLM-as-a-Judge](https://arxiv.org/abs/2306.05685) [[code](https://github.com/lm-sys/FastChat)]\n",
    ],
)
def test_entries_of_one_paper_that_are_different_things_are_no_duplicates(entries: str) -> None:
    assert [d for d in lint_text("## Section\n\n" + entries, "README.md").findings if d.code == "AP103"] == []


def test_a_data_set_named_after_itself_under_its_papers_id_is_no_conflict() -> None:
    paper = "- [The Goldilocks Principle: Reading Children's Books with Explicit Memory](https://arxiv.org/abs/1511.02301)\n"
    data = "- The Children's Book Test - [[Paper](http://arxiv.org/abs/1511.02301)]\n"
    assert lint_text(f"## Papers\n\n{paper}\n## Datasets\n\n{data}", "r.md").findings == ()
    other = "- [Teaching Machines to Read and Comprehend](https://arxiv.org/abs/1511.02301)\n"
    found = lint_text(f"## Papers\n\n{paper}{other}\n## Datasets\n\n{data}", "r.md").findings
    assert [d.code for d in found] == ["AP104"] and "2 different papers" in found[0].message


def test_a_true_copy_with_the_same_code_link_is_a_duplicate() -> None:
    entry = "- [OpenAgents: An Open Platform](https://arxiv.org/abs/2310.10634) [[code](https://github.com/x/y)]\n"
    found = lint_text(
        "## Agents\n\n" + entry + "- [Other Paper Title Here](https://arxiv.org/abs/2301.00001)\n" + entry, "r.md"
    )
    assert [(d.code, d.span.line) for d in found.findings] == [("AP103", 5)]


def test_a_cell_spanning_rows_is_one_entry() -> None:
    text = (
        "<table>\n<tr><th>Name</th><th>Paper</th></tr>\n"
        '<tr><td>LLaVA</td><td rowspan="2"><a href="https://arxiv.org/abs/2304.08485">paper</a></td></tr>\n'
        "<tr><td>LLaVA-1.5</td></tr>\n</table>\n"
    )
    assert [d for d in lint_text("## Models\n\n" + text, "r.md").findings if d.code == "AP103"] == []


@pytest.mark.parametrize(
    ("table", "fires"),
    [
        ("| A | B |\n| --- | --- |\n| 1 |\n", False),  # short row: GitHub pads it
        ("| A | B |\n| --- | --- |\n| 1 | 2 | |\n", False),  # extra empty cell: nothing lost
        ("| A | B |\n| --- | --- |\n| 1 | 2 | 3 |\n", True),  # '3' is dropped
        ("| A | B |\n| --- | --- | --- |\n| 1 | 2 |\n", True),  # no table at all
        ("| A | B |\n| --- | --- |\n| `a|b` | 2 |\n", True),  # the code span's | splits the cell
        ("| A | B |\n| --- | --- |\n| `a\\|b` | 2 |\n", False),
        ("| A | B |\n| --- | --- |\n| a \\\\| b |\n", False),  # an escaped backslash, then a real separator
    ],
)
def test_cell_count_only_where_github_drops_or_shifts_cells(table: str, fires: bool) -> None:
    found = [d for d in lint_text(table, "t.md").findings if d.code == "AP109"]
    assert bool(found) is fires, found


@pytest.mark.parametrize(
    ("body", "fires"),
    [
        ("", True),
        ("- [LangChain](https://github.com/langchain-ai/langchain): build LLM applications\n", False),
        ("Tools we use every day, see [our site](https://example.org).\n", False),
        ("```bash\npip install x\n```\n", False),
        ("| Tool | Link |\n| --- | --- |\n| X | [x](https://example.org) |\n", False),
        ('<img src="overview.png">\n', False),
        ("<!-- to do -->\n", True),
    ],
)
def test_empty_heading_not_for_sections_holding_tools_or_other_content(body: str, fires: bool) -> None:
    text = f"# List\n\n## Tools\n\n{body}\n## Papers\n\n- [ReAct: Reasoning and Acting](https://arxiv.org/abs/2210.03629)\n"
    found = [d.span.line for d in lint_text(text, "r.md").findings if d.code == "AP112"]
    assert found == ([3] if fires else [])


def test_a_heading_written_as_a_note_is_not_empty() -> None:
    text = "## Papers\n\n- [ReAct: Reasoning and Acting](https://arxiv.org/abs/2210.03629)\n\n## More tasks are coming soon!\n"
    assert lint_text(text, "r.md").findings == ()


# --- linear work (issue items 15-17): counts, never clocks; benchmarks/ has the timed sweep ---------


def test_many_copies_of_one_paper_are_one_short_finding() -> None:
    entry = "- [Attention Is All You Need](https://arxiv.org/abs/1706.03762)\n"
    found = lint_text("## Papers\n\n" + entry * 4000, "r.md").findings
    assert [d.code for d in found] == ["AP103"]
    assert "listed 4000 times" in found[0].message and "and 3992 more" in found[0].message
    assert len(str(found[0])) < 300
    titles = "".join(f"- [A Paper About Topic Number Seven](https://example.org/{k}.pdf)\n" for k in range(4000))
    out = render(lint_text("## Papers\n\n" + titles, "r.md").findings, "text")
    assert out.count("AP103") == 1 and len(out) < 2000


def test_titles_under_one_id_are_compared_a_bounded_number_of_times(monkeypatch: pytest.MonkeyPatch) -> None:
    import hashlib
    import sys

    from awesome_parse.lint.rules import COMPARED

    merge_mod = sys.modules["awesome_parse.merge"]  # the module (awesome_parse.merge is the function)

    calls = 0
    real = merge_mod.similar_titles

    def counting(a: str, b: str) -> bool:
        nonlocal calls
        calls += 1
        return real(a, b)

    monkeypatch.setattr(merge_mod, "similar_titles", counting)

    def title(k: int) -> str:  # four made-up words, unlike every other title
        letters = str.maketrans("0123456789", "ghijklmnop")
        return " ".join(hashlib.sha256(f"{k}-{j}".encode()).hexdigest()[:8].translate(letters) for j in range(4))

    def work(n: int) -> int:
        nonlocal calls
        calls = 0
        text = "".join(f"- [{title(k).title()}](https://arxiv.org/abs/2401.00001)\n" for k in range(n))
        found = lint_text("## Papers\n\n" + text, "r.md").findings
        assert [d.code for d in found] == ["AP104"] and f"given to {n} different papers" in found[0].message
        return calls

    small, large = work(250), work(1000)
    assert large <= COMPARED * 1000 and large <= 4.5 * small


def test_scheme_less_paths_stop_at_the_next_bracket() -> None:
    from awesome_parse.lint.rules import _SCHEMELESS

    # a match cannot run past the next "](", so each attempt scans one piece of "](a.co/" * n
    assert _SCHEMELESS.search("](a.co/" * 3) is None
    found = lint_text("x " + "](a.co/p)" * 500 + "\n", "r.md").findings
    assert [d.code for d in found] == ["AP102"] * 500


def test_empty_headings_are_reported_once_per_empty_subtree() -> None:
    text = (
        "# List\n\n"
        + "## Empty\n\n### Below\n\n" * 2000
        + "## Papers\n\n- [ReAct: Reasoning](https://arxiv.org/abs/2210.03629)\n"
    )
    found = [d for d in lint_text(text, "r.md").findings if d.code == "AP112"]
    assert len(found) == 2000 and all("nor under its 1 subheading" in d.message for d in found)
