"""The built-in format parsers, one module per family of list formats.

Each parser follows :class:`awesome_parse.detect.FormatParser`: a kebab-case
``name``, a cheap ``detect(section, context)`` that scores and explains, and a
``parse(section, context)`` that yields raw entries, skipped candidates and
diagnostics for the blocks it handles.
"""

from .bullet_list import BulletList
from .heading_entry import HeadingEntry
from .html_list import HtmlList
from .html_table import HtmlTable
from .numbered_citations import NumberedCitations
from .pipe_table import PipeTable

__all__ = ["BulletList", "HeadingEntry", "HtmlList", "HtmlTable", "NumberedCitations", "PipeTable"]
