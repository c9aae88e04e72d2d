"""The public API as a user's tools see it: mypy --strict, the import system, the package metadata."""

from __future__ import annotations

import importlib
import importlib.metadata
import importlib.util
import pkgutil
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
