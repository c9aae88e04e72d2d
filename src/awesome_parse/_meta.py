"""The package's version and addresses, written once.

``pyproject.toml`` reads the version from here (``[tool.setuptools.dynamic]``),
``awesome_parse.__version__``, ``awesome-parse --version`` and the SARIF report
show it, and the SARIF report's ``informationUri`` is :data:`DOCS_URL`.  A test
keeps the addresses equal to ``[project.urls]``.

>>> __version__.count(".") >= 2
True
>>> DOCS_URL.startswith("https://") and DOCS_URL.endswith("/")
True
"""

from __future__ import annotations

__all__ = ["DOCS_URL", "ISSUES_URL", "REPOSITORY_URL", "__version__"]

#: The release, as in the package metadata (PEP 440).
__version__ = "0.1.0"

#: The source repository; GitHub Actions users write ``uses: <its owner/name>@v1``.
REPOSITORY_URL = "https://github.com/awesome-parse/awesome-parse"

#: The documentation site, built from ``docs/`` by ``mkdocs build --strict``.
DOCS_URL = "https://awesome-parse.github.io/awesome-parse/"

#: Where bugs are reported.
ISSUES_URL = f"{REPOSITORY_URL}/issues"
