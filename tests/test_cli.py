"""The command line: the output contract, exit statuses and one-line errors for bad input."""

from __future__ import annotations

import json
import subprocess
import sys
from pathlib import Path

import pytest

from awesome_parse.cli import main

from .conftest import SEEDS, seed

CONTRACT_KEYS = {
    "title",
    "arxiv_id",
    "arxiv_version",
    "doi",
    "url",
    "links",
    "authors",
    "year",
    "date",
    "venue",
    "affiliations",
    "aliases",
    "tags",
    "summary",
    "kind",
    "section",
    "source",
}


def test_parse_json_contract(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed("004")), "--format", "json"]) == 0
    data = json.loads(capsys.readouterr().out)
    assert len(data) == 41
    assert set(data[0]) >= CONTRACT_KEYS
    assert set(data[0]["source"]) == {"file", "line", "list"}
    assert data[0]["source"]["line"] == 13 and data[0]["source"]["list"] == "大语言模型"
    assert {"kind", "url", "label"} == set(data[0]["links"][0])


def test_parse_jsonl_and_csv(capsys: pytest.CaptureFixture[str], tmp_path: Path) -> None:
    out = tmp_path / "out.jsonl"
    assert main(["parse", str(seed("001")), "-f", "jsonl", "-o", str(out)]) == 0
    lines = out.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 32 and json.loads(lines[0])["arxiv_id"] == "2203.02155"
    assert main(["parse", str(seed("001")), "-f", "csv"]) == 0
    assert capsys.readouterr().out.startswith("title,arxiv_id,")


def test_many_files_directory_and_glob(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(SEEDS[0].parent), "-f", "jsonl", "--jobs", "2"]) == 0
    from_dir = capsys.readouterr().out.splitlines()
    assert main(["parse", str(SEEDS[0].parent / "00*.txt"), "-f", "jsonl", "--jobs", "1"]) == 0
    assert capsys.readouterr().out.splitlines() == from_dir
    assert len(from_dir) == 243


@pytest.mark.parametrize(
    ("make", "message"),
    [
        (lambda d: d / "missing.md", "no such file"),
        (lambda d: d, "holds no README-like files"),
        (lambda d: _write(d / "logo.png", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"), "binary file"),
        (lambda d: _write(d / "latin.md", "Ã©tÃ© é".encode("latin-1") * 200), "not UTF-8 text"),
    ],
)
def test_bad_input_one_line_and_status_2(
    tmp_path: Path,
    capsys: pytest.CaptureFixture[str],
    make,
    message: str,  # type: ignore[no-untyped-def]
) -> None:
    path = make(tmp_path)
    assert main(["parse", str(path)]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and message in err and "Traceback" not in err
    assert str(path) in err


def test_bad_file_does_not_lose_good_ones(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    bad = _write(tmp_path / "bad.md", b"\x00\x01")
    assert main(["parse", str(seed("004")), str(bad), "-f", "jsonl"]) == 2
    captured = capsys.readouterr()
    assert len(captured.out.splitlines()) == 41
    assert "bad.md: binary file" in captured.err


def test_usage_errors() -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", "--format", "xml", "x.md"])
    assert info.value.code == 2
    assert main([]) == 2


def test_explain_prints_detection(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["parse", str(seed("000")), "--explain"]) == 0
    err = capsys.readouterr().err
    assert "html-table: 1.00 (chosen)" in err and "placeholder row" in err


def test_repair_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    damaged = _write(tmp_path / "d.md", "# 大模型\n\n- 中文\n".encode().decode("cp1252", errors="ignore").encode())
    assert main(["repair", str(damaged)]) == 0
    assert capsys.readouterr().out == "# 大模型\n\n- 中文\n"
    assert main(["repair", "--check", str(damaged)]) == 1
    assert main(["repair", "--in-place", str(damaged)]) == 0
    assert damaged.read_text(encoding="utf-8") == "# 大模型\n\n- 中文\n"
    assert main(["repair", "--check", str(damaged)]) == 0


def test_module_entry_point() -> None:
    proc = subprocess.run(
        [sys.executable, "-m", "awesome_parse", "parse", str(seed("002")), "-f", "jsonl"],
        capture_output=True,
        text=True,
        check=False,
    )
    assert proc.returncode == 0 and len(proc.stdout.splitlines()) == 98


def _write(path: Path, data: bytes) -> Path:
    path.write_bytes(data)
    return path


def test_merge_command(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    out = tmp_path / "all.jsonl"
    assert main(["merge", str(SEEDS[0].parent), "-o", str(out), "--jobs", "2"]) == 0
    records = [json.loads(line) for line in out.read_text(encoding="utf-8").splitlines()]
    assert len({r["arxiv_id"] for r in records if r["arxiv_id"]}) == 185
    err = capsys.readouterr().err
    assert "into 209 paper(s) (185 with an arXiv id); 2 conflict(s)" in err
    assert err.count("conflict: arXiv 2203.02155") == 1 and "001_a4a4b4dee48e642a.txt:49" in err


@pytest.mark.parametrize(("suffix", "start"), [(".bib", "@"), (".csv", "title,"), (".json", "["), (".csl.json", "[")])
def test_merge_format_from_suffix(tmp_path: Path, suffix: str, start: str) -> None:
    out = tmp_path / f"all{suffix}"
    assert main(["merge", str(seed("004")), "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)


def test_merge_parquet_needs_output(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", str(seed("004")), "-f", "parquet"]) == 2
    assert "give an output file" in capsys.readouterr().err


def test_merge_batch_with_bad_files_keeps_the_good(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    _write(tmp_path / "bin.md", b"\x00\x01\x02")
    _write(
        tmp_path / "good.md", b"- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)\n"
    )
    out = tmp_path / "out.jsonl"
    assert main(["merge", str(tmp_path), str(tmp_path / "missing.md"), "-o", str(out), "--jobs", "2"]) == 2
    err = capsys.readouterr().err
    assert "bin.md: binary file" in err and "missing.md: no such file" in err
    assert json.loads(out.read_text(encoding="utf-8").splitlines()[0])["arxiv_id"] == "2305.14314"


def test_public_api_is_small_and_documented() -> None:
    import awesome_parse

    from .conftest import ROOT

    assert dir(awesome_parse) == list(awesome_parse.__all__)
    api_doc = (ROOT / "docs" / "api.md").read_text(encoding="utf-8")
    for name in awesome_parse.__all__:
        if name != "__version__":
            assert f"`{name}" in api_doc, name
            assert getattr(awesome_parse, name) is not None


def test_explain_names_the_rule_behind_every_field(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = _write(
        tmp_path / "r.md",
        b"- **Attention Is All You Need.** Ashish Vaswani. NeurIPS 2017. [[pdf](https://arxiv.org/abs/1706.03762)]\n",
    )
    assert main(["parse", str(readme), "--explain", "-o", str(tmp_path / "out.json")]) == 0
    err = capsys.readouterr().err
    assert "line 1: title='Attention Is All You Need' (bold_title)" in err
    assert "venue='NeurIPS 2017' (tail)" in err


# --- issue 14: the command line as users of ruff and friends expect it ----------------------------

ENTRY = "- [Some paper title here](arxiv.org/abs/2310.12036)"
FIXABLE = f"# T\n\n{ENTRY}\n"
DUPLICATE = (
    "# T\n\n- [Some paper title here](https://arxiv.org/abs/2310.12036)\n"
    "- [Some paper title here](https://arxiv.org/abs/2310.12036)\n"
)


def test_lint_list_rules_needs_no_file(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", "--list-rules"]) == 0
    out = capsys.readouterr().out
    assert out.startswith("AP101 invalid-arxiv-id [error]") and "AP100 " in out


def test_lint_without_files_is_a_usage_error(capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint"]) == 2
    assert "--list-rules" in capsys.readouterr().err


@pytest.mark.parametrize(
    "argv",
    [
        ["parse", "missing.md", "-o", "keep.json"],
        ["merge", "missing.md", "-o", "keep.jsonl"],
        ["parse", "empty", "-o", "keep.json"],
    ],
)
def test_a_run_that_reads_nothing_leaves_the_output_alone(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], argv: list[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / "empty").mkdir()
    keep = tmp_path / argv[-1]
    keep.write_text("earlier output\n", encoding="utf-8")
    assert main(argv) == 2
    assert keep.read_text(encoding="utf-8") == "earlier output\n"
    assert "left unchanged" in capsys.readouterr().err


@pytest.mark.parametrize("command", ["parse", "merge"])
@pytest.mark.parametrize(
    ("suffix", "start"),
    [(".bib", "@"), (".csv", "title,"), (".json", "["), (".csl.json", "["), (".jsonl", "{"), (".ndjson", "{")],
)
def test_every_command_picks_the_writer_from_the_suffix(tmp_path: Path, command: str, suffix: str, start: str) -> None:
    out = tmp_path / f"out{suffix}"
    assert main([command, str(seed("004")), "-o", str(out), "-q"]) == 0
    assert out.read_text(encoding="utf-8").startswith(start)


@pytest.mark.parametrize("command", ["parse", "merge"])
@pytest.mark.parametrize("name", ["x.xlsx", "out.csljson", "noext"])
def test_an_unknown_suffix_is_refused_listing_the_known(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], command: str, name: str
) -> None:
    out = tmp_path / name
    assert main([command, str(seed("004")), "-o", str(out)]) == 2
    err = capsys.readouterr().err
    assert "unknown output suffix" in err and ".jsonl" in err and ".bib" in err and err.count("\n") == 1
    assert not out.exists()


def test_merge_reads_its_own_exports_and_convert(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    corpus = tmp_path / "corpus.jsonl"
    assert main(["merge", str(seed("004")), "-o", str(corpus), "-q"]) == 0
    papers = len(corpus.read_text(encoding="utf-8").splitlines())
    bib = tmp_path / "conv.bib"
    assert main(["merge", str(corpus), "-o", str(bib), "-q"]) == 0
    assert bib.read_text(encoding="utf-8").count("\n@") + 1 == papers
    parquet = tmp_path / "c.parquet"
    assert main(["convert", str(corpus), "-o", str(parquet)]) == 0
    again = tmp_path / "again.jsonl"
    assert main(["merge", str(parquet), str(seed("004")), "-o", str(again), "-q"]) == 0
    assert len(again.read_text(encoding="utf-8").splitlines()) == papers  # the same list merged again
    back = tmp_path / "back.jsonl"
    assert main(["convert", str(parquet), "-o", str(back)]) == 0
    assert back.read_text(encoding="utf-8") == corpus.read_text(encoding="utf-8")
    assert main(["convert", str(tmp_path / "missing.jsonl"), "-o", str(tmp_path / "x.csv")]) == 2
    assert "missing.jsonl" in capsys.readouterr().err
    assert not (tmp_path / "x.csv").exists()


@pytest.mark.parametrize("engine", ["stream", "dask"])
def test_merge_engines_write_what_the_memory_merge_writes(tmp_path: Path, engine: str) -> None:
    inputs = [str(seed("001")), str(seed("002")), str(seed("003"))]
    memory = tmp_path / "memory.jsonl"
    assert main(["merge", *inputs, "-o", str(memory), "-q"]) == 0
    dataset = tmp_path / "dataset.jsonl"
    assert main(["merge", inputs[0], "-o", str(dataset), "-q"]) == 0
    out = tmp_path / f"{engine}.jsonl"
    # an export of the first list stands in for that list: the merge reads what it writes
    assert main(["merge", str(dataset), *inputs[1:], "-o", str(out), "-q", "--engine", engine]) == 0
    again = tmp_path / "again.jsonl"
    assert main(["merge", str(dataset), *inputs[1:], "-o", str(again), "-q"]) == 0
    assert out.read_bytes() == again.read_bytes()
    assert len(out.read_bytes().splitlines()) == len(memory.read_bytes().splitlines())


def test_merge_engines_refuse_what_they_cannot_write(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["merge", str(seed("004")), "--engine", "stream"]) == 2
    assert "-o OUT.jsonl" in capsys.readouterr().err
    assert main(["merge", str(seed("004")), "--engine", "stream", "-o", str(tmp_path / "o.bib")]) == 2
    assert main(["merge", str(seed("004")), "--scheduler", "tcp://h:1", "-o", str(tmp_path / "o.jsonl")]) == 2
    assert "--scheduler needs --engine dask" in capsys.readouterr().err
    assert not list(tmp_path.iterdir())


def test_plugins_on_merge_and_lint(tmp_path: Path) -> None:
    assert main(["merge", str(seed("004")), "--plugins", "-q", "-o", str(tmp_path / "o.jsonl")]) == 0
    assert main(["lint", str(seed("004")), "--plugins", "--exit-zero", "-q"]) == 0


def test_parse_prints_a_summary_and_strict_exits_1(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "b.md"
    readme.write_text("# L\n\n- [RAG](https://arxiv.org/abs/2005.114010)\n- Not a paper at all\n", encoding="utf-8")
    assert main(["parse", str(readme)]) == 0
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "1 diagnostic(s)" in err and "--explain" in err
    assert main(["parse", str(readme), "--strict"]) == 1
    assert "AP101" in capsys.readouterr().err
    assert main(["parse", str(readme), "-q"]) == 0
    assert capsys.readouterr().err == ""


def test_parse_result_repr_is_short() -> None:
    from awesome_parse import parse_file

    result = parse_file(seed("002"))
    assert len(repr(result)) < 200 and "papers=98" in repr(result)


# --- lint as a CI tool ---------------------------------------------------------------------------


def _readme(tmp_path: Path, text: str = FIXABLE, name: str = "r.md") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8")
    return path


def test_lint_text_shows_severity_and_a_summary(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    a, b = _readme(tmp_path), _readme(tmp_path, DUPLICATE, "d.md")
    assert main(["lint", str(a), str(b), "--fail-on", "warning"]) == 1
    out = capsys.readouterr().out.splitlines()
    assert f"{a}:3:27: AP102 [warning] link without scheme" in out[0]
    assert out[-1] == "Found 2 problems (0 errors, 2 warnings) in 2 files; 1 fixable with --fix"
    assert "\x1b[" not in "".join(out)


def test_lint_colour_only_on_a_terminal_and_never_with_no_color(monkeypatch: pytest.MonkeyPatch) -> None:
    from awesome_parse.lint.reporters import render, use_color

    class Tty:
        def isatty(self) -> bool:
            return True

    monkeypatch.delenv("NO_COLOR", raising=False)
    assert use_color(Tty()) and not use_color(object())  # a file or a pipe has no isatty() that says yes
    monkeypatch.setenv("NO_COLOR", "1")
    assert not use_color(Tty())
    from awesome_parse.lint import lint_text

    findings = lint_text(FIXABLE, "r.md").findings
    assert "\x1b[33m[warning]" in render(findings, "text", color=True)


def test_lint_exit_zero_fail_on_quiet_and_output_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = _readme(tmp_path)
    assert main(["lint", str(readme)]) == 0  # a warning does not fail by default
    assert main(["lint", str(readme), "--fail-on", "warning"]) == 1
    assert main(["lint", str(readme), "--fail-on", "warning", "--exit-zero"]) == 0
    capsys.readouterr()
    assert main(["lint", str(readme), "--quiet"]) == 0
    assert "Found" not in capsys.readouterr().out
    report = tmp_path / "report.sarif"
    assert main(["lint", str(readme), "--format", "sarif", "--output-file", str(report)]) == 0
    assert capsys.readouterr().out == ""
    assert json.loads(report.read_text(encoding="utf-8"))["runs"][0]["results"][0]["ruleId"] == "AP102"


def test_lint_statistics(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = _readme(tmp_path, FIXABLE + ENTRY.replace("12036", "12037") + "\n")
    assert main(["lint", str(readme), "--statistics"]) == 0
    first = capsys.readouterr().out.splitlines()[0].split()
    assert first[:4] == ["2", "AP102", "[warning]", "link-without-scheme"]


def test_lint_diff_shows_the_fix_and_changes_nothing(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = _readme(tmp_path)
    assert main(["lint", str(readme), "--diff"]) == 1
    out = capsys.readouterr().out
    assert f"-{ENTRY}" in out and "+- [Some paper title here](https://arxiv.org/abs/2310.12036)" in out
    assert readme.read_text(encoding="utf-8") == FIXABLE
    assert main(["lint", "--fix", str(readme), "-q"]) == 0
    assert main(["lint", str(readme), "--diff"]) == 0


def test_lint_stdin_with_a_file_name(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import io

    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(FIXABLE.encode())))
    assert main(["lint", "-", "--stdin-filename", "docs/README.md", "--fail-on", "warning"]) == 1
    assert capsys.readouterr().out.startswith("docs/README.md:3:27: AP102")
    stdout = io.BytesIO()
    monkeypatch.setattr(sys, "stdout", io.TextIOWrapper(stdout))
    crlf = (FIXABLE + "- [https://arxiv.org/abs/2401.00002](https://arxiv.org/abs/2401.00002)\n").replace("\n", "\r\n")
    monkeypatch.setattr(sys, "stdin", io.TextIOWrapper(io.BytesIO(crlf.encode())))
    assert main(["lint", "-", "--fix", "--fail-on", "warning"]) == 1  # AP107 remains: reported on stderr
    sys.stdout.flush()
    assert stdout.getvalue() == crlf.replace("(arxiv.org", "(https://arxiv.org").encode()
    assert "AP107" in capsys.readouterr().err


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["lint", "x.md", "--slect", "AP1"], "did you mean --select?"),
        (["lint", "x.md", "--exit-zeor"], "did you mean --exit-zero?"),
        (["lint", "x.md", "--format", "sarf"], "did you mean sarif?"),
    ],
)
def test_did_you_mean_for_options(argv: list[str], hint: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(argv)
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert hint in err and err.count("\n") == 1


@pytest.mark.parametrize("option", ["--select", "--ignore"])
def test_did_you_mean_for_codes(tmp_path: Path, option: str, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["lint", str(_readme(tmp_path)), option, "AP1O3"]) == 2
    assert "unknown rule code 'AP1O3'; did you mean AP103?" in capsys.readouterr().err


# --- configuration problems are errors naming the file and line --------------------------------


@pytest.mark.parametrize(
    ("config", "message"),
    [
        ("[tool.awesome-parse.lint\n", "pyproject.toml: invalid TOML"),
        (
            '[tool.awesome-parse.lint]\nselct = ["AP1"]\n',
            "pyproject.toml:2: unknown key tool.awesome-parse.lint.selct; did you mean select?",
        ),
        (
            '[tool.awesome-parse.lint]\nselect = ["AP1111"]\n',
            "pyproject.toml:2: tool.awesome-parse.lint.select: unknown rule code 'AP1111'",
        ),
        (
            '[tool.awesome-parse.lint]\nselect = "AP1"\n',
            'pyproject.toml:2: tool.awesome-parse.lint.select must be a list of rule codes, like select = ["AP1"]',
        ),
        (
            '[tool.awesome-parse.lint.severity]\nAP106 = "fatal"\n',
            "pyproject.toml:2: tool.awesome-parse.lint.severity.AP106: unknown severity 'fatal'",
        ),
        (
            "[tool.awesome-parse.lint.options.AP103]\ncross-sections = true\n",
            "AP103 has no option 'cross-sections'; its options: cross-section",
        ),
        ('[tool.awesome-parse.lint.options.AP103]\ncross-section = "yes"\n', "takes a boolean"),
    ],
)
def test_config_errors_name_file_line_and_key(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str, message: str
) -> None:
    (tmp_path / ".git").mkdir()
    (tmp_path / "pyproject.toml").write_text(config, encoding="utf-8")
    assert main(["lint", str(_readme(tmp_path))]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1


def test_config_sets_rule_options(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    cross = "# T\n\n## A\n\n- [Some paper title here](https://arxiv.org/abs/2310.12036)\n\n## B\n\n- [Some paper title here](https://arxiv.org/abs/2310.12036)\n"
    readme = _readme(tmp_path, cross)
    (tmp_path / ".git").mkdir()
    assert main(["lint", str(readme), "--fail-on", "warning"]) == 0
    (tmp_path / ".awesome-parse.toml").write_text("[lint.options.AP103]\ncross-section = true\n", encoding="utf-8")
    assert main(["lint", str(readme), "--fail-on", "warning"]) == 1
    assert "AP103" in capsys.readouterr().out


def test_suppressions_unknown_and_unused_are_findings(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    text = (
        "# T\n\n<!-- awesome-parse: ignore AP1O3 -->\n- [Some paper title here](https://arxiv.org/abs/2310.12036)\n"
        "<!-- awesome-parse: ignore AP103 -->\n- [Other paper title here](https://arxiv.org/abs/2310.12037)\n"
        "<!-- awesome-parse: ignore AP102 -->\n- [Third paper title here](arxiv.org/abs/2310.12038)\n"
    )
    readme = _readme(tmp_path, text)
    assert main(["lint", str(readme)]) == 1
    out = capsys.readouterr().out
    assert f"{readme}:3:1: AP100 [error] unknown rule code 'AP1O3' in a suppression comment; did you mean AP103?" in out
    assert f"{readme}:5:1: AP100 [warning] unused suppression: no AP103 finding" in out
    assert ":7:" not in out and "AP102" not in out.replace("AP1O3", "")


# --- discovery -----------------------------------------------------------------------------------


def test_discovery_honours_gitignore_tool_folders_and_exclude(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / ".git").mkdir()
    for rel in (
        "README.md",
        "node_modules/pkg/README.md",
        ".venv/lib/README.md",
        "build/x.md",
        "ignored/a.md",
        "docs/b.md",
        "docs/skip.md",
        "docs/drafts/c.md",
    ):
        (tmp_path / rel).parent.mkdir(parents=True, exist_ok=True)
        _readme(tmp_path, FIXABLE, rel)
    (tmp_path / ".gitignore").write_text("ignored/\nskip.md\n", encoding="utf-8")
    monkeypatch.chdir(tmp_path)
    assert main(["lint", ".", "--format", "json", "--exclude", "drafts/"]) == 0
    paths = {d["path"] for d in json.loads(capsys.readouterr().out)}
    assert paths == {"./README.md", "./docs/b.md"}
    assert main(["lint", "docs/skip.md", "--format", "json"]) == 0  # named on its own: taken
    assert {d["path"] for d in json.loads(capsys.readouterr().out)} == {"docs/skip.md"}


def test_sarif_points_at_the_docs(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    from awesome_parse._meta import DOCS_URL

    readme = _readme(tmp_path, "<!-- awesome-parse: ignore AP1O3 -->\n" + FIXABLE)
    assert main(["lint", str(readme), "--format", "sarif"]) == 1
    driver = json.loads(capsys.readouterr().out)["runs"][0]["tool"]["driver"]
    assert driver["informationUri"] == DOCS_URL
    rules = {r["id"]: r for r in driver["rules"]}
    assert rules["AP102"]["helpUri"] == f"{DOCS_URL}lint-rules/#ap102-link-without-scheme"
    assert "AP100" in rules
    docs = (Path(__file__).resolve().parent.parent / "docs" / "lint-rules.md").read_text(encoding="utf-8")
    assert "## AP102 link-without-scheme" in docs  # the heading the anchor is made from
