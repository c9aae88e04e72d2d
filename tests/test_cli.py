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
