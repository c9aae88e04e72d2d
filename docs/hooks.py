"""MkDocs hook: the API reference covers every public name, and each has a docstring.

``mkdocs build --strict`` turns the warnings logged here into a failed build, so
a name added to ``awesome_parse.__all__`` without a docstring, or left out of
``docs/api.md``, fails CI like a broken link does.
"""

from __future__ import annotations

import inspect
import logging
import re
from typing import Any

log = logging.getLogger("mkdocs.plugins.awesome_parse")

_DIRECTIVE = re.compile(r"^::: (awesome_parse[\w.]*)\s*$", re.MULTILINE)


def on_page_markdown(markdown: str, page: Any, **_: Any) -> str:
    """Check the API page's ``:::`` directives against ``awesome_parse.__all__``."""
    if page.file.src_uri != "api.md":
        return markdown
    import awesome_parse

    rendered = {target.rsplit(".", 1)[-1] for target in _DIRECTIVE.findall(markdown)}
    for name in awesome_parse.__all__:
        if name.startswith("__"):
            continue
        if name not in rendered:
            log.warning("api.md: no '::: awesome_parse.%s' for the public name %s", name, name)
        if not inspect.getdoc(getattr(awesome_parse, name)):
            log.warning("awesome_parse.%s has no docstring", name)
    return markdown
