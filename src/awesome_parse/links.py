"""Link classification and identifiers found in URLs.

A link's kind comes first from its label when the label is a kind word
(``[[Code](...)]``, ``[project]``), because a list's author chose that word; then
from the URL (``github.com`` is code, ``bilibili.com`` is video, ``*.pdf`` is pdf,
``arxiv.org`` and publisher hosts are paper).  Labels that merely mention a host
(``Github: QLoRA``) are descriptions, not kind words, so the URL decides.

>>> classify("https://github.com/artidoro/qlora", "Code")
'code'
>>> classify("https://github.com/showlab/x", "project")
'project'
>>> classify("https://www.bilibili.com/video/BV1", "bilibili")
'video'
>>> classify("https://arxiv.org/abs/2305.14314", None)
'paper'
>>> find_doi("https://doi.org/10.1145/3394486.3406703")
'10.1145/3394486.3406703'
"""

from __future__ import annotations

import functools
import re
from urllib.parse import unquote

from ._text import squash, strip_symbols
from .vocab import BLOG_HOSTS, CODE_HOSTS, LINK_LABELS, PAPER_HOSTS, VIDEO_HOSTS, is_venue_acronym

__all__ = [
    "GENERIC_LABELS",
    "acl_id",
    "classify",
    "find_doi",
    "host",
    "is_generic_label",
    "is_paper_url",
    "is_placeholder_url",
    "openreview_id",
]

#: Link texts that name a kind of resource and are never a paper's title.
GENERIC_LABELS = frozenset(LINK_LABELS)


@functools.lru_cache(maxsize=16384)
def host(url: str) -> str:
    """Lower-cased host of a URL, scheme optional, without ``www.``, user info or port.

    >>> host("https://www.Example.org:8080/a?b"), host("arxiv.org/abs/1"), host("mailto:x@y.org")
    ('example.org', 'arxiv.org', '')
    """
    text = url.strip()
    scheme = text.find("://")
    if scheme >= 0:
        text = text[scheme + 3 :]
    elif ":" in text.split("/", 1)[0] and "." not in text.split(":", 1)[0]:
        return ""  # mailto:, javascript:, ...
    elif text.startswith("//"):
        text = text[2:]
    end = len(text)
    for sep in "/?#":
        k = text.find(sep)
        if 0 <= k < end:
            end = k
    netloc = text[:end].lower().rsplit("@", 1)[-1].split(":", 1)[0]
    return netloc[4:] if netloc.startswith("www.") else netloc


def _host_in(h: str, hosts: tuple[str, ...] | frozenset[str]) -> bool:
    """True if ``h`` is one of ``hosts`` or a subdomain of one (linear in the host's labels)."""
    table = hosts if isinstance(hosts, frozenset) else _SETS.setdefault(id(hosts), frozenset(hosts))
    if h in table:
        return True
    dot = h.find(".")
    while dot >= 0:
        h = h[dot + 1 :]
        if h in table:
            return True
        dot = h.find(".")
    return False


_SETS: dict[int, frozenset[str]] = {}


@functools.lru_cache(maxsize=4096)
def normalize_label(label: str | None) -> str:
    """A label reduced for kind matching: symbols, brackets, case and punctuation removed."""
    if not label:
        return ""
    text = strip_symbols(squash(label)).strip("[]()【】<>:：.,;!*_ ").casefold()
    return strip_symbols(text)


@functools.lru_cache(maxsize=16384)
def is_generic_label(label: str | None) -> bool:
    """True for link texts like ``Paper``, ``[PDF]``, ``📖 arXiv``, ``Code``.

    >>> is_generic_label("📖 Paper"), is_generic_label("AlexNet"), is_generic_label("Paper-ICML")
    (True, False, True)
    """
    norm = normalize_label(label)
    if norm in GENERIC_LABELS:
        return True
    # "Paper-arXiv", "Paper-ICML", "PDF / Code": resource words, with at most the venue they name
    parts = [p for p in re.split(r"[\s\-/&|+,]+", norm) if p]
    return (
        len(parts) > 1
        and any(p in GENERIC_LABELS for p in parts)
        and all(p in GENERIC_LABELS or is_venue_acronym(p) for p in parts)
    )


_SCHEME = re.compile(r"^[A-Za-z][A-Za-z0-9+.-]*:")


def is_placeholder_url(url: str) -> bool:
    """A link target that is no address at all: ``[PDF](链接)``, ``[paper](TODO)``, ``[code]()``.

    An address has a scheme, a path or a dot; an anchor (``#intro``) is one too.

    >>> is_placeholder_url("链接"), is_placeholder_url("TODO"), is_placeholder_url("./notes/bert.md")
    (True, True, False)
    """
    u = url.strip()
    if not u:
        return True
    if "/" in u or "." in u or u[0] == "#":
        return False
    return _SCHEME.match(u) is None


@functools.lru_cache(maxsize=16384)
def is_paper_url(url: str) -> bool:
    """True if the URL points at a paper: an arXiv-style or publisher host, or a PDF file.

    >>> is_paper_url("https://aclanthology.org/N19-1423.pdf"), is_paper_url("https://github.com/a/b")
    (True, False)
    """
    h = host(url)
    low = url.lower()
    if _host_in(h, PAPER_HOSTS) or any(p in low for p in ("huggingface.co/papers/", "openai.com/research/")):
        return True
    path = low.split("?", 1)[0].split("#", 1)[0]
    return path.endswith(".pdf") and not _host_in(h, (*CODE_HOSTS, "huggingface.co"))


def classify(url: str, label: str | None = None, hint: str | None = None) -> str:
    """The kind of a link: paper, pdf, code, project, video, blog, dataset or other.

    ``hint`` is the role of the column or key the link sat in (``code``, ``video``...),
    which wins over the URL but not over an explicit kind word in the label.
    """
    kind = LINK_LABELS.get(normalize_label(label))
    if kind is not None and kind != "other":
        if kind == "paper" and url.lower().split("?")[0].endswith(".pdf") and normalize_label(label) == "pdf":
            return "pdf"
        return kind
    if hint in ("code", "project", "video", "blog", "dataset", "pdf"):
        return hint
    if hint == "author":
        return "other"  # an author's own page
    return classify_url(url, hint)


def classify_url(url: str, hint: str | None = None) -> str:
    """The kind of a link judged by its URL alone."""
    h = host(url)
    low = url.lower()
    path = low.split("?", 1)[0].split("#", 1)[0]
    if _host_in(h, VIDEO_HOSTS):
        return "video"
    if _host_in(h, BLOG_HOSTS) or h.startswith("blog.") or "/blog/" in path or "/blog?" in low:
        return "blog"
    if "huggingface.co/datasets/" in low or _host_in(h, ("kaggle.com",)):
        return "dataset"
    if "huggingface.co/papers/" in low:
        return "paper"
    if _host_in(h, CODE_HOSTS) or "huggingface.co/" in low or _host_in(h, ("modelscope.cn",)):
        return "code"
    if path.endswith(".pdf"):
        return "pdf" if not _host_in(h, PAPER_HOSTS) else "paper"
    if is_paper_url(url):
        return "paper"
    if h.endswith(".github.io") or hint == "paper":
        return "project"
    return "other" if hint is None else "project"


_DOI = re.compile(r"\b(10\.\d{4,9}/[^\s\"<>]+)", re.IGNORECASE)


def find_doi(text: str) -> str | None:
    """A DOI in a URL or text, lower-cased, without trailing punctuation or ``.pdf``.

    arXiv's own DOIs (``10.48550/arXiv.ID``) are returned too; callers that prefer the
    arXiv id check for it first.

    >>> find_doi("https://dl.acm.org/doi/pdf/10.1145/3394486.3406703.")
    '10.1145/3394486.3406703'
    """
    m = _DOI.search(unquote(text))
    if not m:
        return None
    doi = m.group(1).rstrip(".,;)]}")
    for suffix in (".pdf", "/full", "/abstract", "/pdf"):
        if doi.lower().endswith(suffix):
            doi = doi[: -len(suffix)]
    return doi.lower()


#: Where an OpenReview forum or PDF link's query starts.
_OPENREVIEW = re.compile(r"openreview\.net/(?:forum|pdf)\?")
#: What ends a URL's query: a fragment or whitespace.
_QUERY_END = re.compile(r"[#\s]")
#: The id parameter after another parameter, and as the first parameter.
_OPENREVIEW_ID_PARAM = re.compile(r"&id=([A-Za-z0-9_\-]+)")
_OPENREVIEW_ID_FIRST = re.compile(r"id=([A-Za-z0-9_\-]+)")
_ACL = re.compile(
    r"(?:aclanthology\.org|aclweb\.org/anthology)/(?:[A-Z]/[A-Z]\d\d/)?"
    r"([A-Z]\d\d-\d{4}|\d{4}\.[a-z\-]+\.\d+)(?:\.pdf)?",
)


def openreview_id(url: str) -> str | None:
    """The OpenReview forum id of a URL.

    The id is the last ``id=`` parameter of the first forum or PDF link whose
    query has one (the query ends at ``#`` or whitespace).  Each query is
    scanned once, however many links a hostile URL repeats inside it, so the
    cost is linear in the URL's length.

    >>> openreview_id("https://openreview.net/pdf?id=yzkSU5zdwD")
    'yzkSU5zdwD'
    >>> openreview_id("https://openreview.net/forum?noteId=x&id=B1x&ref=y#top")
    'B1x'
    >>> openreview_id("https://openreview.net/group?id=ICLR.cc") is None
    True
    """
    query_end = -1
    last_param: re.Match[str] | None = None
    for m in _OPENREVIEW.finditer(url):
        start = m.end()
        if start > query_end:  # a query not scanned yet: find its end and its last &id= once
            end = _QUERY_END.search(url, start)
            query_end = end.start() if end else len(url)
            last_param = None
            for last_param in _OPENREVIEW_ID_PARAM.finditer(url, start, query_end):  # noqa: B007
                pass
        if last_param is not None and last_param.start() >= start:
            return last_param.group(1)
        first = _OPENREVIEW_ID_FIRST.match(url, start, query_end)
        if first:
            return first.group(1)
    return None


def acl_id(url: str) -> str | None:
    """The ACL Anthology id of a URL.

    >>> acl_id("https://aclanthology.org/2021.naacl-main.41.pdf")
    '2021.naacl-main.41'
    >>> acl_id("https://www.aclweb.org/anthology/P18-1031")
    'P18-1031'
    """
    m = _ACL.search(url)
    return m.group(1) if m else None
