"""The package as its users' tools see it: mypy --strict, the import system, the metadata, the GitHub Action."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import json
import os
import pkgutil
import re
import shutil
import subprocess
import sys
import types
from pathlib import Path

import pytest

import awesome_parse
from awesome_parse import _meta

from .conftest import ROOT

if sys.version_info >= (3, 11):
    import tomllib
else:
    import tomli as tomllib

USER_SCRIPT = ROOT / "tests" / "typing" / "user_script.py"


def test_user_script_type_checks_under_mypy_strict(tmp_path: Path) -> None:
    mypy_api = pytest.importorskip("mypy.api")
    # A user's setup: none of this repository's mypy settings, a fresh cache.
    config = tmp_path / "mypy.ini"
    config.write_text("[mypy]\n", encoding="utf-8")
    stdout, stderr, status = mypy_api.run(
        ["--strict", "--config-file", str(config), "--cache-dir", str(tmp_path / "cache"), str(USER_SCRIPT)]
    )
    assert (status, stderr) == (0, ""), stdout
    assert stdout.startswith("Success: no issues found in 1 source file"), stdout


def test_user_script_runs(tmp_path: Path) -> None:
    spec = importlib.util.spec_from_file_location("user_script", USER_SCRIPT)
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    assert module.main(tmp_path) == 2


def test_public_names_are_never_shadowed_by_submodules() -> None:
    # Importing every submodule sets package attributes named after them
    # (awesome_parse.merge is also a function): the public names must win.
    for info in pkgutil.walk_packages(awesome_parse.__path__, "awesome_parse."):
        if not info.name.endswith(".__main__"):  # that one runs the command line
            importlib.import_module(info.name)
    from awesome_parse import Conflict, merge

    assert isinstance(merge, types.FunctionType) and merge.__module__ == "awesome_parse.merge"
    assert Conflict.__module__ == "awesome_parse.merge"
    for name in awesome_parse.__all__:
        assert not isinstance(getattr(awesome_parse, name), types.ModuleType), name
    assert importlib.import_module("awesome_parse.merge").merge is merge


def test_version_has_one_source() -> None:
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))
    project = pyproject["project"]
    assert "version" in project["dynamic"] and "version" not in project
    attr = pyproject["tool"]["setuptools"]["dynamic"]["version"]["attr"]
    module, _, name = attr.rpartition(".")
    assert getattr(importlib.import_module(module), name) == awesome_parse.__version__ == _meta.__version__
    assert importlib.metadata.version("awesome-parse") == awesome_parse.__version__


def test_addresses_match_the_package_metadata() -> None:
    urls = tomllib.loads((ROOT / "pyproject.toml").read_text(encoding="utf-8"))["project"]["urls"]
    assert urls["Documentation"] == _meta.DOCS_URL
    assert urls["Homepage"] == _meta.REPOSITORY_URL
    assert urls["Issues"] == _meta.ISSUES_URL
    assert urls["Changelog"].startswith(_meta.REPOSITORY_URL + "/")
    mkdocs = (ROOT / "mkdocs.yml").read_text(encoding="utf-8")
    assert f"site_url: {_meta.DOCS_URL}\n" in mkdocs
    assert f"repo_url: {_meta.REPOSITORY_URL}\n" in mkdocs


# The GitHub Action and the pre-commit hook: what a workflow runs, run here.

_EXPR = re.compile(r"\$\{\{\s*([\w.-]+)\s*\}\}")


def run_action(
    workspace: Path, inputs: dict[str, str], *, skip_install_with_bin: Path | None = None
) -> tuple[subprocess.CompletedProcess[str], dict[str, str]]:
    """Run ``action.yml``'s composite steps as the runner does (``bash -eo pipefail``, expressions, outputs).

    With ``skip_install_with_bin`` the install step is not run and its ``bin``
    output is that folder (the test environment already has awesome-parse).
    Returns the last step's process and the ``steps.<id>.outputs`` seen.
    """
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    values = {name: str(spec.get("default", "")) for name, spec in action["inputs"].items()}
    values.update(inputs)
    outputs: dict[str, str] = {}
    runner_temp = workspace.parent / "runner-temp"
    runner_temp.mkdir(exist_ok=True)

    def expand(text: str) -> str:
        def one(match: re.Match[str]) -> str:
            name = match.group(1)
            if name == "github.action_path":
                return str(ROOT)
            if name.startswith("inputs."):
                return values[name.removeprefix("inputs.")]
            if name.startswith("steps."):
                return outputs[name.removeprefix("steps.")]
            raise AssertionError(f"action.yml uses an expression this test does not know: {name}")

        return _EXPR.sub(one, text)

    done: subprocess.CompletedProcess[str] | None = None
    for step in action["runs"]["steps"]:
        assert step["shell"] == "bash"
        if skip_install_with_bin is not None and step.get("id") == "install":
            outputs["install.outputs.bin"] = str(skip_install_with_bin)
            continue
        output_file = runner_temp / "output"
        output_file.write_text("", encoding="utf-8")
        env = {**os.environ, "RUNNER_TEMP": str(runner_temp), "GITHUB_OUTPUT": str(output_file)}
        env.update({key: expand(str(value)) for key, value in step.get("env", {}).items()})
        done = subprocess.run(
            ["bash", "--noprofile", "--norc", "-eo", "pipefail", "-c", expand(step["run"])],
            cwd=workspace,
            env=env,
            capture_output=True,
            text=True,
            check=False,
        )
        for line in output_file.read_text(encoding="utf-8").splitlines():
            key, _, value = line.partition("=")
            outputs[f"{step['id']}.outputs.{key}"] = value
        if done.returncode:
            break
    assert done is not None
    return done, outputs


def _bin_dir() -> Path:
    found = shutil.which("awesome-parse")
    if found is None:
        pytest.skip("awesome-parse is not on PATH")
    return Path(found).parent


def test_action_installs_its_own_checkout() -> None:
    yaml = pytest.importorskip("yaml")
    action = yaml.safe_load((ROOT / "action.yml").read_text(encoding="utf-8"))
    assert action["runs"]["using"] == "composite"
    install = next(step for step in action["runs"]["steps"] if step.get("id") == "install")
    assert 'pip install --quiet --disable-pip-version-check "${{ github.action_path }}"' in install["run"]
    assert {"files", "format", "args"} <= set(action["inputs"]) and action["inputs"]["format"]["default"] == "github"


def test_action_lints_the_files_input(tmp_path: Path) -> None:
    workspace = tmp_path / "repo"
    workspace.mkdir()
    (workspace / "README.md").write_text(
        "# Papers\n\n- [Some paper title here](https://arxiv.org/abs/1234.99999)\n", encoding="utf-8"
    )
    done, _ = run_action(workspace, {"files": "README.md"}, skip_install_with_bin=_bin_dir())
    assert done.returncode == 1, done.stderr
    assert done.stdout.startswith("::error file=README.md,line=3,"), done.stdout
    assert "AP101" in done.stdout  # the invalid arXiv id

    (workspace / "clean.md").write_text(
        "# Papers\n\n- [Some paper title here](https://arxiv.org/abs/2310.12036)\n", encoding="utf-8"
    )
    done, _ = run_action(
        workspace,
        {"files": "clean.md\n", "format": "sarif", "args": "--select AP1", "output-file": "lint.sarif"},
        skip_install_with_bin=_bin_dir(),
    )
    assert done.returncode == 0, done.stderr
    sarif = json.loads((workspace / "lint.sarif").read_text(encoding="utf-8"))
    assert sarif["runs"][0]["results"] == []

    done, _ = run_action(workspace, {"files": "  "}, skip_install_with_bin=_bin_dir())
    assert done.returncode == 2
    assert "the 'files' input is empty" in done.stdout


def test_pre_commit_hook_runs_the_linter_on_readmes() -> None:
    yaml = pytest.importorskip("yaml")
    (hook,) = yaml.safe_load((ROOT / ".pre-commit-hooks.yaml").read_text(encoding="utf-8"))
    assert hook["id"] == "awesome-parse-lint" and hook["language"] == "python"
    assert hook["entry"].split()[:2] == ["awesome-parse", "lint"]
    files = re.compile(hook["files"])
    assert files.search("README.md") and files.search("docs/readme.markdown") and files.search("lists/ReadMe.md")
    assert not files.search("CHANGELOG.md")


_SUPPRESSION = re.compile(r"<!-- awesome-parse: ignore ([A-Z0-9, ]+) -->")


def test_ci_doc_suppression_examples_silence_what_they_name() -> None:
    from awesome_parse.lint import lint_text

    doc = (ROOT / "docs" / "ci.md").read_text(encoding="utf-8")
    section = doc.split("\n## Silencing a finding\n", 1)[1].split("\n## Fixes\n", 1)[0]
    examples = re.findall(r"```markdown\n(.*?)```", section, re.DOTALL)
    assert len(examples) == 2
    for example in examples:
        text = "# Papers\n\n" + example
        assert [str(d) for d in lint_text(text, "README.md").findings] == []
        named = {code.strip() for codes in _SUPPRESSION.findall(example) for code in codes.split(",")}
        bare = _SUPPRESSION.sub("", text)
        assert {d.code for d in lint_text(bare, "README.md").findings} == named, example
