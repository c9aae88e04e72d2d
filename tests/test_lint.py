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
