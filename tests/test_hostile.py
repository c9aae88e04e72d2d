"""Hostile and broken input: every case finishes and either parses or fails with one clear line.

These are the small versions; the large ones (50 MB, 100,000 rows, 10,000 levels)
and their growth are measured by ``benchmarks/run.py --only hostile``.
"""

from __future__ import annotations

import codecs
import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from awesome_parse import api, batch, parse_bytes, parse_text
from awesome_parse.batch import parse_many
from awesome_parse.cli import main
from awesome_parse.errors import InputError
from awesome_parse.fileio import WriteError, write_atomic
from awesome_parse.lint import lint_text

CASES = {
    "pipe table of 5000 rows": lambda: (
        "| Title | V |\n|---|---|\n"
        + "".join(f"| [Paper {k} on things](https://arxiv.org/abs/2401.{k:05d}) | arXiv |\n" for k in range(5000))
    ),
    "HTML nested 10000 levels": lambda: (
        "<table><tr><td>" + "<div>" * 10000 + "x" + "</div>" * 10000 + "</td></tr></table>"
    ),
    "table cell nested 3000 levels": lambda: (
        "<table><tr><td>" + "<b>" * 3000 + "<a href='https://arxiv.org/abs/2401.00001'>T</a></td></tr></table>"
    ),
    "one 1 MB line": lambda: "- " + "word " * 200_000,
    "run of [": lambda: "[" * 100_000,
    "run of *": lambda: "*" * 100_000,
    "run of |": lambda: "|" * 100_000 + "\n|---|\n" + "|" * 100_000,
    "run of <a ": lambda: "<a " * 100_000,
    "run of `": lambda: "`" * 100_000,
    "run of \\": lambda: "\\" * 100_000,
    "run of ](": lambda: "](" * 50_000,
    "nested lists": lambda: "- " * 10_000 + "x",
    "nested quotes": lambda: ">" * 10_000 + " x",
    "many headings": lambda: "".join(f"{'#' * (1 + k % 6)} h{k}\n" for k in range(20_000)),
    "unclosed table": lambda: "<table>\n" + "<tr><td>a\n" * 2000,
    "lone surrogates": lambda: "- [A \ud800 title](https://arxiv.org/abs/2401.00001)\n\udfff",
    "control characters": lambda: "".join(chr(c) for c in range(32)) * 100,
    "long cells for the date, venue and year rules": lambda: (
        "| Title | Date | Venue |\n|---|---|---|\n"
        + "| [A Good Title Here](https://arxiv.org/abs/2401.00001) | Jan"
        + " " * 50_000
        + "x | a"
        + " " * 50_000
        + "'x |\n"
        + "- [A Good Title Here](https://arxiv.org/abs/2401.00002) 2020"
        + " " * 50_000
        + "x\n"
    ),
    "html table line of 50000 <a": lambda: "<table><tr><td>" + "<a " * 50_000 + "</td></tr></table>",
    "whitespace runs in every construct": lambda: "\n".join(
        prefix + " " * 20_000 + suffix
        for prefix, suffix in [
            ("- **Paper**", "x"),
            ("- ", "2020 x"),
            ("1. **T**. *A*", "x"),
            ("| a |", "| b"),
            ("- [x](u) -", "y"),
            ("<table><tr><td>Jan", "</td></tr></table>"),
            ("\\*", ": not a paper x"),
            ("- [2024/01]", "x"),
            ("<!-- awesome-parse: ignore", "x"),
            ("# ", "x"),
            ("[", "](https://arxiv.org/abs/2401.00001)"),
        ]
    ),
    "separator runs in titles": lambda: (
        "- **a"
        + " ," * 20_000
        + " b** [p](https://arxiv.org/abs/2401.00001)\n"
        + "- Title"
        + " ," * 20_000
        + " https://arxiv.org/abs/2401.00002\n"
    ),
    "10,000 quoted citations in one item": lambda: (
        "- " + " ".join(f'"Title number {k} here" [[paper](https://arxiv.org/abs/2401.{k:05d})]' for k in range(10_000))
    ),
    "20,000 links in one HTML list item": lambda: (
        "<ul><li>"
        + " ".join(f'<a href="https://arxiv.org/abs/2401.{k:05d}">p</a>' for k in range(20_000))
        + "</li></ul>"
    ),
    "10,000 key lines in one item": lambda: (
        "- **Paper:** https://arxiv.org/abs/2401.00001"
        + "".join(f"<br>**Code:** https://github.com/a/b{k}" for k in range(10_000))
    ),
    "HTML list nested 2000 levels": lambda: "<ul>" + "<li><a href='https://arxiv.org/abs/2401.00001'>T</a><ul>" * 2000,
    "mixed scripts": lambda: "- [中文 한국어 Ελληνικά עברית العربية 🤗](https://arxiv.org/abs/2401.00001)\n" * 100,
}


@pytest.mark.parametrize("name", sorted(CASES))
def test_hostile_text_parses(name: str) -> None:
    text = CASES[name]()
    result = parse_text(text, path="h.md")
    n = len(text.split("\n"))
    assert all(1 <= p.source.line <= n for p in result.papers if p.source)
    assert lint_text(text, "h.md") is not None


def test_pipe_table_rows_all_parsed() -> None:
    assert len(parse_text(CASES["pipe table of 5000 rows"]()).papers) == 5000


def test_html_list_too_deep_for_the_html_parser_is_reported() -> None:
    item = "<li><a href='https://arxiv.org/abs/2401.{:05d}'>A Title Of Paper {}</a><ul>"
    text = "<ul>\n" + "".join(item.format(k + 1, k) for k in range(1000)) + "\n</ul>\n"
    result = parse_text(text, path="deep.md")
    warned = [d for d in result.diagnostics if d.code == "AP003"]
    assert len(warned) == 1 and "of 1000 <li> items read" in warned[0].message
    assert 0 < len(result.papers) < 1000


def test_html_paragraphs_too_deep_for_the_html_parser_are_reported() -> None:
    text = "<div>" * 300 + '<b>A Title Of Paper</b> <a href="https://arxiv.org/abs/2401.00001">p</a>' + "</div>" * 300
    result = parse_text(text, path="deep.md")
    assert [d.code for d in result.diagnostics] == ["AP003"]


@pytest.mark.parametrize(
    ("data", "outcome"),
    [
        (b"\x00" * 10_000, "binary file"),
        (b"# ok\n" + b"\xc3\x28 bad" * 3 + b"\n- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n", 1),
        (codecs.BOM_UTF16_LE + "- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n".encode("utf-16-le"), 1),
        (codecs.BOM_UTF16_BE + "- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n".encode("utf-16-be"), 1),
        (
            b"- [A Good Title Here](https://arxiv.org/abs/2401.00001)\r\n- [B Good Title Here](https://arxiv.org/abs/2401.00002)\r\n",
            2,
        ),
        (
            b"- [A Good Title Here](https://arxiv.org/abs/2401.00001)\r- [B Good Title Here](https://arxiv.org/abs/2401.00002)\r",
            2,
        ),
        (codecs.BOM_UTF16_LE + b"\x00\xd8", "invalid utf-16-le"),
    ],
)
def test_hostile_bytes(data: bytes, outcome: int | str) -> None:
    if isinstance(outcome, str):
        with pytest.raises(InputError, match=outcome):
            parse_bytes(data, path="h.md")
    else:
        result = parse_bytes(data, path="h.md")
        assert len(result.papers) == outcome
        if outcome == 2:
            assert [p.source.line for p in result.papers] == [1, 2]  # type: ignore[union-attr]


def test_invalid_utf8_in_the_middle_keeps_the_rest() -> None:
    data = b"# T\n- [A Good Title Here](https://arxiv.org/abs/2401.00001)\n\xff\xfe\n- [B Good Title Here](https://arxiv.org/abs/2401.00002)\n"
    result = parse_bytes(data, path="h.md")
    assert len(result.papers) == 2
    assert [(d.code, d.span.line) for d in result.diagnostics if d.code == "AP002"] == [("AP002", 3)]


def test_batches_finish_the_rest_and_exit_nonzero(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    good = tmp_path / "good.md"
    good.write_text("- [Q Good Title Here](https://arxiv.org/abs/2305.14314)\n", encoding="utf-8")
    (tmp_path / "zeros.md").write_bytes(b"\x00" * 100)
    (tmp_path / "utf16.md").write_bytes(codecs.BOM_UTF16_LE + b"\x00\xd8")
    (tmp_path / "dir.md").mkdir()
    out = tmp_path / "out" / "merged.jsonl"
    out.parent.mkdir()
    out.write_text("previous\n", encoding="utf-8")
    assert main(["merge", str(tmp_path / "*.md"), "-o", str(out), "--jobs", "2", "-q"]) == 2
    err = capsys.readouterr().err
    assert "zeros.md: binary file" in err and "utf16.md: invalid utf-16-le" in err
    assert json.loads(out.read_text(encoding="utf-8"))["arxiv_id"] == "2305.14314"
    assert main(["lint", str(good), str(tmp_path / "zeros.md")]) == 2
    assert "zeros.md: binary file" in capsys.readouterr().err


def test_nothing_is_written_outside_the_output(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    src = tmp_path / "in"
    src.mkdir()
    (src / "README.md").write_text(
        "- [Evil](../../../../etc/passwd)\n- [X Good Title](https://arxiv.org/abs/2401.00001) <script>alert(1)</script>\n",
        encoding="utf-8",
    )
    monkeypatch.chdir(tmp_path)
    before = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert main(["merge", str(src), "-o", "out.jsonl", "-q", "--jobs", "1"]) == 0
    after = sorted(p.relative_to(tmp_path) for p in tmp_path.rglob("*"))
    assert set(after) - set(before) == {Path("out.jsonl")}


# --- a batch survives its worst file -------------------------------------------------------------


GOOD = "# L\n\n- [QLoRA: Efficient Finetuning of Quantized LLMs](https://arxiv.org/abs/2305.14314)\n"
OTHER = "# L\n\n- [LoRA: Low-Rank Adaptation of Large Language Models](https://arxiv.org/abs/2106.09685)\n"


def _files(tmp_path: Path, **named: str) -> list[str]:
    out = []
    for name, text in named.items():
        path = tmp_path / f"{name}.md"
        path.write_text(text, encoding="utf-8")
        out.append(str(path))
    return out


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_invalid_arxiv_id_under_a_heading_is_ap101(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    heading = "# L\n\n## llama\n\n[LLaMA](https://arxiv.org/abs/2302.139710)\n"
    assert "AP101" in {d.code for d in parse_text(heading, path="b.md").diagnostics}
    files = _files(tmp_path, b=heading, good=GOOD)
    out = tmp_path / "o.jsonl"
    assert main(["merge", *files, "-o", str(out), "-j", jobs, "-q"]) == 0
    assert "2305.14314" in out.read_text(encoding="utf-8")
    assert main(["lint", files[0]]) == 1
    assert "AP101" in capsys.readouterr().out


def _explode(original):  # type: ignore[no-untyped-def]
    def parse(source, **options):  # type: ignore[no-untyped-def]
        name = os.path.basename(source.path or "")
        if name.startswith("boom"):
            raise RuntimeError("a bug\nsecond line")
        if name.startswith("kill"):
            os.kill(os.getpid(), signal.SIGKILL)
        return original(source, **options)

    return parse


def _in_processes(monkeypatch: pytest.MonkeyPatch) -> None:
    """Spread even a small batch over worker processes, on any number of cores."""
    monkeypatch.setattr(batch, "SMALL_BATCH_BYTES", 0)
    monkeypatch.setattr(batch, "available_cpus", lambda: 4)


@pytest.mark.parametrize("jobs", ["1", "2"])
def test_an_exception_in_one_file_is_that_files_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str], jobs: str
) -> None:
    _in_processes(monkeypatch)
    monkeypatch.setattr(api, "parse_source", _explode(api.parse_source))
    files = _files(tmp_path, a_good=GOOD, boom=GOOD, z_good=OTHER)
    out = tmp_path / "o.jsonl"
    assert main(["merge", *files, "-o", str(out), "-j", jobs]) == 2
    err = capsys.readouterr().err
    assert "Traceback" not in err
    (line,) = [x for x in err.splitlines() if "error:" in x]
    assert "boom.md: internal error while parsing (RuntimeError: a bug)" in line
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    (failed,) = [o for o in parse_many(files, jobs=int(jobs)) if o.error]
    assert failed.diagnostic is not None and failed.diagnostic.code == "AP001"


def test_a_worker_killed_from_outside_is_that_files_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _in_processes(monkeypatch)
    monkeypatch.setattr(api, "parse_source", _explode(api.parse_source))
    files = _files(tmp_path, a_good=GOOD, kill=GOOD, z_good=OTHER)
    out = tmp_path / "o.jsonl"
    assert main(["merge", *files, "-o", str(out), "-j", "2"]) == 2
    err = capsys.readouterr().err
    assert "kill.md: the parsing process was killed by signal SIGKILL" in err
    assert "BrokenProcessPool" not in err and "Traceback" not in err
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2


@pytest.mark.parametrize("value", ["0", "-1", "two", "1.5"])
def test_jobs_must_be_positive_or_auto(value: str, capsys: pytest.CaptureFixture[str]) -> None:
    with pytest.raises(SystemExit) as info:
        main(["parse", "x.md", f"--jobs={value}"])
    assert info.value.code == 2
    err = capsys.readouterr().err
    assert "positive number or 'auto'" in err and err.count("\n") == 1


def test_jobs_auto(tmp_path: Path) -> None:
    files = _files(tmp_path, a=GOOD, b=GOOD)
    assert main(["merge", *files, "-j", "auto", "-q", "-o", str(tmp_path / "o.json")]) == 0


def test_small_batches_and_few_cores_parse_in_this_process(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    def no_workers(*args: object) -> None:
        raise AssertionError("worker processes started")

    monkeypatch.setattr(batch, "_parallel", no_workers)
    files = _files(tmp_path, a=GOOD, b=OTHER)
    assert [o.error for o in parse_many(files, jobs=2)] == [None, None]  # small: in this process
    monkeypatch.setattr(batch, "SMALL_BATCH_BYTES", 0)
    monkeypatch.setattr(batch, "available_cpus", lambda: 1)
    assert [o.error for o in parse_many(files, jobs=8)] == [None, None]  # one core: in this process
    assert batch.resolve_jobs("auto") == 1


_SLOW = """
import os, sys, time
import awesome_parse.api as api
original = api.parse_source
def slow(source, **options):
    if not (source.path or "").startswith({folder!r}):
        return original(source, **options)
    open(os.path.join({marks!r}, str(os.getpid())), "w").close()
    time.sleep(600)
api.parse_source = slow
import awesome_parse.batch as batch
batch.SMALL_BATCH_BYTES, batch.available_cpus = 0, lambda: 4
from awesome_parse.cli import main
sys.exit(main(["merge", {folder!r}, "-o", {out!r}, "-j", "2"]))
"""


@pytest.mark.parametrize(("sig", "status"), [(signal.SIGTERM, 143), (signal.SIGINT, 130)])
def test_a_signal_ends_every_worker_and_leaves_no_temporary_file(
    tmp_path: Path, sig: signal.Signals, status: int
) -> None:
    folder, marks = tmp_path / "in", tmp_path / "marks"
    folder.mkdir()
    marks.mkdir()
    for k in range(4):
        (folder / f"r{k}.md").write_text(GOOD, encoding="utf-8")
    out = tmp_path / "o.jsonl"
    code = _SLOW.format(marks=str(marks), folder=str(folder), out=str(out))
    proc = subprocess.Popen([sys.executable, "-c", code], stderr=subprocess.PIPE, text=True)
    try:
        for _ in range(1200):  # until both workers are parsing (a guard against a hang, not a timing)
            if len(list(marks.iterdir())) == 2 or proc.poll() is not None:
                break
            time.sleep(0.05)
        workers = [int(p.name) for p in marks.iterdir()]
        assert len(workers) == 2
        proc.send_signal(sig)
        _out, err = proc.communicate(timeout=60)
    finally:
        proc.kill()
        proc.communicate()
    assert proc.returncode == status, err
    assert "Traceback" not in err
    for pid in workers:
        with pytest.raises(ProcessLookupError):
            os.kill(pid, 0)
    assert not out.exists() and not list(tmp_path.rglob("*.tmp"))


def test_file_names_that_are_not_utf8(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    odd = tmp_path / "odd"
    odd.mkdir()
    name = os.fsdecode(os.fsencode(str(odd)) + b"/a\xff.md")
    with open(name, "w", encoding="utf-8") as fh:
        fh.write(GOOD)
    out = tmp_path / "o.jsonl"
    assert main(["merge", str(odd), "-o", str(out), "-q"]) == 0
    record = json.loads(out.read_bytes().decode("utf-8"))
    assert record["source"]["file"].endswith("/a\\xff.md")
    assert main(["parse", name, "-f", "jsonl", "-q"]) == 0
    captured = capsys.readouterr()
    captured.out.encode("utf-8")  # valid text, no lone surrogates
    assert json.loads(captured.out)["source"]["file"].endswith("a\\xff.md")


def test_an_output_that_is_an_input_is_refused(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (readme,) = _files(tmp_path, r=GOOD)
    monkeypatch.chdir(tmp_path)
    for argv in (["parse", "r.md", "-o", "r.md"], ["merge", str(tmp_path), "-o", "./r.md"]):
        assert main(argv) == 2
        assert "the output is also an input" in capsys.readouterr().err
    assert Path(readme).read_text(encoding="utf-8") == GOOD


def test_the_same_file_given_three_ways_counts_once(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    _files(tmp_path, r=GOOD)
    monkeypatch.chdir(tmp_path)
    assert main(["merge", "r.md", "./r.md", str(tmp_path / "r.md")]) == 0
    assert "merged 1 record(s) from 1 file(s)" in capsys.readouterr().err


# --- --fix never damages a file ------------------------------------------------------------------

FIXABLE = "# T\n\n- [Some paper title here](arxiv.org/abs/2310.12036)\n"


def test_fix_batch_goes_on_when_one_file_cannot_be_written(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "locked").mkdir()
    a = tmp_path / "locked" / "a.md"
    a.write_text(FIXABLE, encoding="utf-8")
    (b,) = _files(tmp_path, b=FIXABLE)
    real = __import__("tempfile").mkstemp

    def mkstemp(*args, **kwargs):  # type: ignore[no-untyped-def]
        if str(kwargs.get("dir", "")).endswith("locked"):
            raise PermissionError(13, "Permission denied")
        return real(*args, **kwargs)

    monkeypatch.setattr("tempfile.mkstemp", mkstemp)
    assert main(["lint", "--fix", str(a), b]) == 2
    captured = capsys.readouterr()
    assert f"{a}: cannot write in folder" in captured.err and "Permission denied" in captured.err
    assert "tmp" not in captured.err.replace(str(tmp_path), "") and "error: :" not in captured.err
    assert f"{a}:3:" in captured.out  # its findings are reported
    assert a.read_text(encoding="utf-8") == FIXABLE
    assert "https://arxiv.org" in Path(b).read_text(encoding="utf-8")


def test_stale_temporaries_of_a_killed_run_are_removed(tmp_path: Path) -> None:
    target = tmp_path / "a.md"
    child = subprocess.Popen([sys.executable, "-c", "pass"])
    child.wait()  # a pid that is gone
    stale = tmp_path / f".a.md.{child.pid}.x1y2.awesome-parse.tmp"
    stale.write_text("half", encoding="utf-8")
    mine = tmp_path / f".a.md.{os.getpid()}.busy.awesome-parse.tmp"  # a live writer's: kept
    mine.write_text("busy", encoding="utf-8")
    other = tmp_path / ".a.md.123.tmp"  # not our pattern: kept
    other.write_text("x", encoding="utf-8")
    write_atomic(target, "new\n")
    assert not stale.exists() and mine.exists() and other.exists()
    assert target.read_text(encoding="utf-8") == "new\n"


def test_fix_writes_through_a_symlink_and_keeps_the_mode(tmp_path: Path) -> None:
    real = tmp_path / "real.md"
    real.write_text(FIXABLE, encoding="utf-8")
    real.chmod(0o640)
    link = tmp_path / "README.md"
    link.symlink_to(real.name)
    assert main(["lint", "--fix", str(link), "-q"]) == 0
    assert link.is_symlink() and "https://arxiv.org" in real.read_text(encoding="utf-8")
    assert real.stat().st_mode & 0o777 == 0o640


def test_fix_refuses_a_read_only_file(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    readme = tmp_path / "ro.md"
    readme.write_text(FIXABLE, encoding="utf-8")
    readme.chmod(0o444)
    assert main(["lint", "--fix", str(readme)]) == 2
    assert f"{readme}: file is read-only; not rewritten" in capsys.readouterr().err
    assert readme.read_text(encoding="utf-8") == FIXABLE
    with pytest.raises(WriteError, match="read-only"):
        write_atomic(readme, "x")


@pytest.mark.parametrize(
    "data",
    [
        "\r\n".join(FIXABLE.split("\n")).encode(),
        FIXABLE.replace("\n", "\r").encode(),
        codecs.BOM_UTF8 + FIXABLE.encode(),
        codecs.BOM_UTF16_LE + FIXABLE.replace("\n", "\r\n").encode("utf-16-le"),
        FIXABLE.replace("\n\n", "\n\xe9\n").encode("latin-1"),
    ],
)
def test_fix_and_repair_in_place_keep_the_files_bytes(data: bytes, tmp_path: Path) -> None:
    readme = tmp_path / "r.md"
    readme.write_bytes(data)
    assert main(["lint", "--fix", str(readme), "-q", "--exit-zero"]) == 0
    fixed = readme.read_bytes()
    plain, https = b"arxiv.org/abs", b"https://arxiv.org/abs"
    if data.startswith(codecs.BOM_UTF16_LE):
        plain, https = plain.decode().encode("utf-16-le"), https.decode().encode("utf-16-le")
    assert fixed == data.replace(plain, https)
    assert main(["repair", "--in-place", str(readme)]) == 0
    assert readme.read_bytes() == fixed  # nothing to repair: not a byte changed


@pytest.mark.parametrize(
    ("config", "message"),
    [
        (
            '[tool.awesome-parse.lint]\nseverity = "error"\n',
            "pyproject.toml:2: tool.awesome-parse.lint.severity must be a table",
        ),
        (b"[tool.other]\nname = '\xff'\n", "pyproject.toml:2: not UTF-8"),
        ("[tool.awesome-parse.lint\n", "pyproject.toml: invalid TOML"),
    ],
)
def test_config_problems_are_one_line_and_status_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], config: str | bytes, message: str
) -> None:
    (tmp_path / ".git").mkdir()
    data = config if isinstance(config, bytes) else config.encode()
    (tmp_path / "pyproject.toml").write_bytes(data)
    (readme,) = _files(tmp_path, r=GOOD)
    assert main(["lint", readme]) == 2
    err = capsys.readouterr().err
    assert message in err and err.count("\n") == 1 and "Traceback" not in err


# --- names in reports ----------------------------------------------------------------------------


def test_sarif_uris_are_percent_encoded(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    monkeypatch.chdir(tmp_path)
    Path("my list 100%.md").write_text(FIXABLE, encoding="utf-8")
    assert (
        main(
            ["lint", "my list 100%.md", str(tmp_path / "my list 100%.md"), "--format", "sarif", "--fail-on", "warning"]
        )
        == 1
    )
    results = json.loads(capsys.readouterr().out)["runs"][0]["results"]
    uris = {r["locations"][0]["physicalLocation"]["artifactLocation"]["uri"] for r in results}
    assert uris == {"my%20list%20100%25.md"}  # the same file given twice counts once
    from awesome_parse.lint.reporters import artifact_uri

    assert artifact_uri(str(tmp_path / "a b.md")) == "file://" + str(tmp_path).replace(" ", "%20") + "/a%20b.md"


@pytest.mark.parametrize("fmt", ["text", "json", "github", "sarif"])
def test_control_characters_in_names_never_reach_an_output(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], fmt: str
) -> None:
    name = tmp_path / "x\n::error file=evil.md::owned\x1b[31m.md"
    name.write_text(FIXABLE, encoding="utf-8")
    assert main(["lint", str(name), "--format", fmt, "--fail-on", "warning"]) == 1
    captured = capsys.readouterr()
    for line in (captured.out + captured.err).splitlines():
        assert not line.startswith("::error file=evil")
    assert "\x1b" not in captured.out + captured.err
    assert main(["parse", str(name), "-f", "jsonl", "-q"]) == 0
    assert "\\n::error" in json.loads(capsys.readouterr().out)["source"]["file"]


def test_an_exception_while_linting_one_file_is_that_files_error(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import awesome_parse.lint as lint_module

    original = lint_module.analyze_source

    def analyze(source, **options):  # type: ignore[no-untyped-def]
        if os.path.basename(source.path or "").startswith("boom"):
            raise RuntimeError("a bug")
        return original(source, **options)

    monkeypatch.setattr(lint_module, "analyze_source", analyze)
    files = _files(tmp_path, a=FIXABLE, boom=FIXABLE, z=FIXABLE)
    assert main(["lint", *files, "--fail-on", "warning"]) == 2
    captured = capsys.readouterr()
    assert "boom.md: internal error while linting (RuntimeError: a bug)" in captured.err
    assert "Traceback" not in captured.err
    assert "a.md:3:" in captured.out and "z.md:3:" in captured.out
    assert "in 2 files" in captured.out


def test_a_bug_in_a_single_file_command_is_one_line(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    import awesome_parse.repair as repair_module

    def broken(text: str, **options: object) -> None:
        raise KeyError("oops")

    monkeypatch.setattr(repair_module, "repair_text", broken)
    (readme,) = _files(tmp_path, r=FIXABLE)
    assert main(["repair", readme]) == 2
    err = capsys.readouterr().err
    assert err.count("\n") == 1 and "r.md: internal error while repairing (KeyError: 'oops')" in err


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16"])
def test_repair_in_place_keeps_encoding_and_crlf(tmp_path: Path, encoding: str) -> None:
    clean = "# 大模型\r\n\r\n- 中文\r\n"
    damaged = clean.encode().decode("cp1252", errors="ignore")
    readme = tmp_path / "d.md"
    readme.write_bytes(damaged.encode(encoding))
    assert main(["repair", "--in-place", str(readme)]) == 0
    assert readme.read_bytes() == clean.encode(encoding)


class _CountingList(list):  # type: ignore[type-arg]
    """A list that counts how often it is walked."""

    walks = 0

    def __iter__(self):  # type: ignore[no-untyped-def]
        _CountingList.walks += 1
        return super().__iter__()


def test_leaf_headings_are_found_in_one_walk_of_the_sections() -> None:
    """Asking each of n sections whether it is a leaf heading walks the sections once, not n times."""
    from awesome_parse.context import ParseContext
    from awesome_parse.formats.heading_entry import HeadingEntry
    from awesome_parse.markdown import build_document

    n = 300
    text = "# T\n\n## Topic\n\n### Deeper\n\n" + "".join(
        f"## Paper {i}\n\n[Some Paper Title {i}](https://arxiv.org/abs/2301.{i:05d})\n\n" for i in range(n)
    )
    document = build_document(text, "README.md")
    document.sections = _CountingList(document.sections)
    context = ParseContext(document)
    parser = HeadingEntry()
    _CountingList.walks = 0
    chosen = [section for section in list.__iter__(document.sections) if parser.detect(section, context).score > 0]
    assert len(chosen) == n
    assert _CountingList.walks <= 2
