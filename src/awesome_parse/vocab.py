"""The vocabulary: every word list the parsers use, each explained once, each word with one role.

A word list is knowledge about how paper lists are written, not code, so it
lives here and nowhere else: the grammar's rules, the citation labeler's
features, the link classifier and the linter all read these lists.  A word has
one role; where two lists could claim it, the list's comment says which wins
and why.

>>> "neurips" in VENUE_ACRONYMS, "proceedings" in VENUE_WORDS, MONTHS["sept"]
(True, True, 9)
>>> is_venue_acronym("ICLR'23"), is_venue_acronym("GPT-4")
(True, False)
"""

from __future__ import annotations

import re

__all__ = [
    "AFFILIATION_WORDS",
    "BLOG_HOSTS",
    "CODE_HOSTS",
    "ET_AL",
    "FUNCTION_WORDS",
    "LINK_LABELS",
    "MONTHS",
    "NAME_PARTICLES",
    "NON_PAPER_SECTIONS",
    "PAPER_HOSTS",
    "PAPER_SECTIONS",
    "PLACEHOLDERS",
    "ROLES",
    "VENUE_ACRONYMS",
    "VENUE_QUALIFIERS",
    "VENUE_WORDS",
    "VIDEO_HOSTS",
    "is_venue_acronym",
]

#: Lower-case particles that sit inside a person's name and are not capitalized
#: (``van der Maaten``, ``de Freitas``, ``bin Ahmad``); a name word otherwise starts
#: with a capital letter.
NAME_PARTICLES = frozenset(
    {"van", "von", "der", "den", "de", "di", "da", "del", "della", "des", "du", "dos", "das", "le", "la"}
    | {"bin", "ibn", "al", "el", "ten", "ter", "y", "zu"}
)

#: English function words: a title has them (``A Neural Conversational Model``), a person's name never
#: does (the name particles above are the only lower-case words in names).
FUNCTION_WORDS = frozenset(
    {"a", "an", "the", "of", "for", "with", "to", "in", "on", "at", "by", "via", "from", "and", "or", "is", "are"}
    | {"as", "into", "towards", "toward", "using", "through", "without", "beyond", "over", "under", "is", "we"}
    | {"its", "their", "our", "your", "this", "that", "these", "can", "do", "does", "how", "what", "when", "why"}
)

#: Words that make a capitalized phrase an institution, not a person (``Peking University``,
#: ``Google Research``, ``Shanghai AI Lab``), lower-case, trailing period dropped.
# fmt: off
AFFILIATION_WORDS = frozenset(
    {
        "university", "univ", "universität", "université", "universidad", "institute", "institut", "instituto",
        "college", "school", "academy", "laboratory", "laboratories", "lab", "labs", "research", "inc", "ltd",
        "corporation", "corp", "company", "center", "centre", "department", "dept", "faculty", "polytechnic",
        "technion", "foundation", "group", "team", "hospital", "ai",
    }
)
# fmt: on

#: How a list says "and others" after the first authors: English/Latin, Chinese, Korean.
#: The parser keeps the fact (``Paper.et_al``) so that exports can write ``and others``.
ET_AL = ("et al.", "et al", "et. al.", "etc.", "等", "等人", "외")

#: Words of a section heading that says its entries are not papers (``## Datasets``, ``## Evaluation
#: Metrics``, ``## Courses``, ``## Open Source Implementations``), lower-case and singular.  They count
#: written in the plural (``Tools``) or as the whole heading (``Code``): ``Tool Learning`` is a topic.
NON_PAPER_SECTIONS = frozenset(
    {"dataset", "data set", "corpus", "corpora", "metric", "tool", "toolkit", "library", "libraries", "software"}
    | {"framework", "repo", "repository", "repositories", "implementation", "code", "course", "lecture"}
    | {"tutorial", "talk", "video", "blog", "blog post", "book", "competition", "challenge", "platform", "demo"}
    | {"special issue", "newsletter", "podcast", "news", "update log", "resource", "related list", "awesome list"}
    | {"workshop", "event", "seminar", "meetup", "summer school", "job", "community"}
    | {"数据集", "工具", "课程", "教程", "博客", "评价指标", "评估指标", "代码", "데이터셋", "도구", "강의"}
)

#: Words of a section heading that says its entries are papers, even inside a non-paper section
#: (``## Datasets`` > ``### Benchmarks``: benchmark lists hold the benchmarks' papers).
PAPER_SECTIONS = frozenset(
    {"paper", "survey", "benchmark", "method", "model", "work", "study", "studies", "approach", "article"}
    | {"publication", "论文", "综述", "논문"}
)

#: Month names and their abbreviations (English), lower-case, to the month number.
MONTHS: dict[str, int] = {
    "jan": 1,
    "january": 1,
    "feb": 2,
    "february": 2,
    "mar": 3,
    "march": 3,
    "apr": 4,
    "april": 4,
    "may": 5,
    "jun": 6,
    "june": 6,
    "jul": 7,
    "july": 7,
    "aug": 8,
    "august": 8,
    "sep": 9,
    "sept": 9,
    "september": 9,
    "oct": 10,
    "october": 10,
    "nov": 11,
    "november": 11,
    "dec": 12,
    "december": 12,
}

#: Names of conferences, journals and preprint servers written as one word, lower-case.
#: A word here names *where* a paper appeared; model names (``GPT-4``, ``LLaMA``) never
#: belong here, even when written in capitals.
# fmt: off
VENUE_ACRONYMS = frozenset(
    {
        # language
        "acl", "emnlp", "naacl", "naacl-hlt", "coling", "eacl", "aacl", "ijcnlp", "acl-ijcnlp", "conll",
        "tacl", "lrec", "semeval", "interspeech", "icassp", "asru", "slt", "colm", "inlg", "sigdial",
        "cl", "tallip", "taslp",
        # learning
        "neurips", "nips", "icml", "iclr", "colt", "aistats", "uai", "jmlr", "tmlr", "mlsys", "acml",
        "ecml", "ecml-pkdd", "icmla", "ijcnn", "iconip", "tnnls", "corl",
        # vision and graphics
        "cvpr", "iccv", "eccv", "wacv", "bmvc", "accv", "3dv", "icip", "icpr", "tpami", "pami", "ijcv",
        "tip", "tog", "siggraph", "tvcg", "tcsvt", "tmm", "miccai", "isbi", "mm", "acmmm", "icme",
        # AI and data
        "aaai", "ijcai", "kdd", "sigkdd", "www", "wsdm", "sigir", "cikm", "recsys", "icdm", "sdm", "icde",
        "vldb", "sigmod", "ecir", "tkde", "tois", "tist", "aamas", "ecai", "pkdd",
        # robotics
        "icra", "iros", "rss", "ral", "ra-l", "humanoids", "tro",
        # systems, software, security, HCI
        "osdi", "sosp", "nsdi", "eurosys", "asplos", "isca", "micro", "hpca", "usenix", "atc", "sc",
        "icse", "fse", "esec/fse", "ase", "issta", "pldi", "popl", "oopsla", "icsme", "saner", "msr",
        "tse", "tosem", "ccs", "ndss", "chi", "uist", "cscw", "iui", "dac", "iccad", "date",
        # evolutionary computation and optimization
        "gecco", "cec", "ppsn", "evostar", "tevc", "informs",
        # preprint servers and open review
        "arxiv", "corr", "biorxiv", "medrxiv", "chemrxiv", "ssrn", "openreview", "techrxiv",
        # journals often written as one word
        "nature", "science", "pnas", "cell", "neurocomputing",
    }
)

# fmt: on

#: Words that make a phrase a venue name (``Proceedings of ...``, ``Journal of ...``,
#: ``... Workshop``), lower-case.  ``findings`` is here (``Findings of ACL``); a word like
#: ``published`` is a table column's name, not a venue word (see the column roles).
# fmt: off
VENUE_WORDS = frozenset(
    {
        "proceedings", "proc.", "conference", "conf.", "journal", "workshop", "workshops", "transactions",
        "trans.", "symposium", "findings", "letters", "magazine", "review", "reviews", "annals", "bulletin",
        "advances", "annual", "meeting", "congress", "colloquium", "forum", "summit", "track", "preprint",
        "report", "thesis", "dissertation", "press", "quarterly", "communications", "comm.", "j.",
    }
)
# fmt: on

#: Words of a venue's track or session written in parentheses after it, lower-case:
#: ``ACL 2022 (Findings)``, ``NeurIPS 2021 (Datasets and Benchmarks Track)``, ``CVPR 2023 (Highlight)``.
#: Such a group belongs to the venue as written; any other group after the authors names their labs.
# fmt: off
VENUE_QUALIFIERS = frozenset(
    {
        "findings", "oral", "spotlight", "poster", "highlight", "workshop", "track", "demo", "demos",
        "demonstration", "demonstrations", "industry", "short", "long", "student", "tutorial", "main",
        "best", "award", "outstanding", "honorable", "position", "survey", "benchmark", "benchmarks",
    }
)
# fmt: on

_ACRONYM_FORM = re.compile(r"^(.+?)(?:['’]?\d{2}|\d{4})?$")


def is_venue_acronym(word: str) -> bool:
    """A one-word venue, with an attached year allowed: ``NeurIPS``, ``ICLR'23``, ``CVPR2024``."""
    m = _ACRONYM_FORM.match(word.strip(" ,.;:()[]"))
    return m is not None and m.group(1).casefold() in VENUE_ACRONYMS


#: The words that name a part of an entry, lower-case, to its role: in a table's header (``| Paper |
#: Venue | Date |``) and as the key of a ``Key: value`` line (``- **Paper**: [Title](url)``,
#: ``**Authors**: A, B``) alike.  Each word has one role.  ``title``, ``link`` (the paper's link),
#: ``pdf`` and ``blog`` keys start an entry; ``code``, ``project``, ``video``, ``blog``,
#: ``dataset`` and ``pdf`` give their links that kind.  A ``Published`` column is a date column
#: whose cells may turn out to be venues (the table reader looks at them).
ROLES: dict[str, str] = {
    # title
    "paper": "title",
    "papers": "title",
    "title": "title",
    "titles": "title",
    "paper title": "title",
    "paper name": "title",
    "name of paper": "title",
    "article": "title",
    "publications": "title",
    "reference": "title",
    "references": "title",
    "work": "title",
    "标题": "title",
    "论文": "title",
    "论文标题": "title",
    "论文名称": "title",
    "题目": "title",
    "文章": "title",
    "文献": "title",
    "논문": "title",
    "제목": "title",
    "논문 제목": "title",
    "論文": "title",
    "タイトル": "title",
    "论文链接": "title",
    "arxiv": "title",
    "論文リンク": "title",
    "題目": "title",
    "標題": "title",
    # link
    "link": "link",
    "links": "link",
    "url": "link",
    "urls": "link",
    "resources": "link",
    "resource": "link",
    "other": "link",
    "others": "link",
    "paper link": "link",
    "链接": "link",
    "링크": "link",
    "materials": "link",
    "download": "link",
    "相关链接": "link",
    # pdf
    "pdf": "pdf",
    # authors
    "author": "authors",
    "authors": "authors",
    "first author": "authors",
    "作者": "authors",
    "저자": "authors",
    "著者": "authors",
    # venue
    "publication": "venue",
    "venue": "venue",
    "venues": "venue",
    "conference": "venue",
    "conf": "venue",
    "journal": "venue",
    "published in": "venue",
    "publisher": "venue",
    "source": "venue",
    "where": "venue",
    "booktitle": "venue",
    "proceedings": "venue",
    "pub": "venue",
    "published at": "venue",
    "accepted at": "venue",
    "conference/journal": "venue",
    "venue/year": "venue",
    "会议": "venue",
    "期刊": "venue",
    "会议/期刊": "venue",
    "发表": "venue",
    "出处": "venue",
    "来源": "venue",
    "발표": "venue",
    "학회": "venue",
    "저널": "venue",
    "会議": "venue",
    "會議": "venue",
    "学会": "venue",
    "出典": "venue",
    # date
    "date": "date",
    "published date": "date",
    "publish date": "date",
    "publication date": "date",
    "published": "date",
    "pub date": "date",
    "release": "date",
    "release date": "date",
    "release time": "date",
    "released": "date",
    "time": "date",
    "month": "date",
    "submitted": "date",
    "date (yyyy-mm)": "date",
    "日期": "date",
    "时间": "date",
    "发布时间": "date",
    "发表时间": "date",
    "发布日期": "date",
    "날짜": "date",
    "발표일": "date",
    "출판일": "date",
    "日付": "date",
    "発表年": "date",
    # year
    "year": "year",
    "yr": "year",
    "年份": "year",
    "年": "year",
    "연도": "year",
    "年度": "year",
    # alias
    "a.k.a": "alias",
    "aka": "alias",
    "alias": "alias",
    "nickname": "alias",
    "short name": "alias",
    "abbr": "alias",
    "abbreviation": "alias",
    "name": "alias",
    "model": "alias",
    "models": "alias",
    "model name": "alias",
    "method": "alias",
    "methods": "alias",
    "system": "alias",
    "dataset name": "alias",
    "dataset": "alias",
    "datasets": "alias",
    "benchmark": "alias",
    "benchmarks": "alias",
    "framework": "alias",
    "名字": "alias",
    "名称": "alias",
    "简称": "alias",
    "模型": "alias",
    "方法": "alias",
    "数据集": "alias",
    "별칭": "alias",
    "모델": "alias",
    "이름": "alias",
    "モデル": "alias",
    # tags
    "#": "tags",
    "tags": "tags",
    "tag": "tags",
    "keywords": "tags",
    "keyword": "tags",
    "topic": "tags",
    "topics": "tags",
    "category": "tags",
    "categories": "tags",
    "type": "tags",
    "types": "tags",
    "field": "tags",
    "area": "tags",
    "task": "tags",
    "tasks": "tags",
    "label": "tags",
    "labels": "tags",
    "类型": "tags",
    "类别": "tags",
    "标签": "tags",
    "关键词": "tags",
    "分类": "tags",
    "领域": "tags",
    "任务": "tags",
    "태그": "tags",
    "분야": "tags",
    "키워드": "tags",
    "유형": "tags",
    "カテゴリ": "tags",
    "キーワード": "tags",
    "標籤": "tags",
    # summary
    "description": "summary",
    "descriptions": "summary",
    "desc": "summary",
    "summary": "summary",
    "abstract": "summary",
    "tl;dr": "summary",
    "tldr": "summary",
    "note": "summary",
    "notes": "summary",
    "comment": "summary",
    "comments": "summary",
    "remark": "summary",
    "remarks": "summary",
    "highlight": "summary",
    "highlights": "summary",
    "highly recommended": "summary",
    "contribution": "summary",
    "contributions": "summary",
    "introduction": "summary",
    "intro": "summary",
    "overview": "summary",
    "why read": "summary",
    "reason": "summary",
    "简介": "summary",
    "中文简介": "summary",
    "描述": "summary",
    "摘要": "summary",
    "总结": "summary",
    "备注": "summary",
    "说明": "summary",
    "简要内容": "summary",
    "内容简介": "summary",
    "主要内容": "summary",
    "主要贡献": "summary",
    "介绍": "summary",
    "亮点": "summary",
    "설명": "summary",
    "요약": "summary",
    "비고": "summary",
    "概要": "summary",
    "summary/reason to read": "summary",
    "reason to read": "summary",
    "idea": "summary",
    "ideas": "summary",
    "main idea": "summary",
    "key idea": "summary",
    "key ideas": "summary",
    "아이디어": "summary",
    "핵심 아이디어": "summary",
    "핵심": "summary",
    "주요 내용": "summary",
    "내용": "summary",
    "主要思想": "summary",
    "核心思想": "summary",
    "要約": "summary",
    "メモ": "summary",
    "說明": "summary",
    # affiliation
    "affiliation": "affiliation",
    "affiliations": "affiliation",
    "institute": "affiliation",
    "institutes": "affiliation",
    "institution": "affiliation",
    "institutions": "affiliation",
    "organization": "affiliation",
    "organisation": "affiliation",
    "org": "affiliation",
    "company": "affiliation",
    "lab": "affiliation",
    "team": "affiliation",
    "author affiliation": "affiliation",
    "机构": "affiliation",
    "单位": "affiliation",
    "组织": "affiliation",
    "소속": "affiliation",
    "기관": "affiliation",
    "所属": "affiliation",
    # code
    "code": "code",
    "codes": "code",
    "github": "code",
    "repo": "code",
    "repository": "code",
    "implementation": "code",
    "official code": "code",
    "code link": "code",
    "source code": "code",
    "代码": "code",
    "코드": "code",
    "源码": "code",
    "开源": "code",
    "open source": "code",
    "コード": "code",
    # project
    "project": "project",
    "project page": "project",
    "homepage": "project",
    "website": "project",
    "demo": "project",
    "page": "project",
    "项目": "project",
    "主页": "project",
    "프로젝트": "project",
    # video
    "video": "video",
    "videos": "video",
    "youtube": "video",
    "bilibili": "video",
    "talk": "video",
    "recording": "video",
    "视频": "video",
    "영상": "video",
    "動画": "video",
    "slides": "video",
    # blog
    "blog": "blog",
    "blogs": "blog",
    "post": "blog",
    "posts": "blog",
    "博客": "blog",
}

#: What a cell or link says when it says nothing: dashes, dots, "N/A", "Coming soon", "TBD", "暂无".
PLACEHOLDERS = frozenset(
    {
        "",
        "-",
        "--",
        "—",
        "–",
        "…",
        "……",
        "...",
        "..",
        "/",
        "n/a",
        "na",
        "none",
        "null",
        "nil",
        "tbd",
        "todo",
        "tba",
        "coming soon",
        "coming soon...",
        "soon",
        "?",
        "x",
        "✗",
        "×",
        "wip",
        "待定",
        "暂无",
        "无",
        "空",
    }
)


#: What a link's text says it links to, lower-case, to the link's kind: ``[[pdf](url)]``,
#: ``[Code](url)``, ``[Project Page](url)``.  Such a text is never a paper's title.  The
#: words name kinds of *link*; where a word is also a column role (``code``, ``video``), the two
#: agree, except for six words whose column holds text and whose link leads elsewhere: a column
#: ``Abstract`` or ``Notes`` is the summary but ``[abstract](url)`` is the paper's page and
#: ``[notes](url)`` a write-up; a ``Model``, ``Dataset`` or ``Benchmark`` column names the
#: nickname but such a link leads to weights or data; ``Article`` and ``Source`` likewise.
LINK_LABELS = {
    "paper": "paper",
    "papers": "paper",
    "arxiv": "paper",
    "abs": "paper",
    "abstract": "paper",
    "link": "paper",
    "url": "paper",
    "doi": "paper",
    "openreview": "paper",
    "acl": "paper",
    "acl anthology": "paper",
    "semantic scholar": "paper",
    "论文": "paper",
    "原文": "paper",
    "논문": "paper",
    "pdf": "pdf",
    "paper pdf": "pdf",
    "arxiv pdf": "pdf",
    "code": "code",
    "codes": "code",
    "github": "code",
    "git": "code",
    "repo": "code",
    "repository": "code",
    "source": "code",
    "source code": "code",
    "official": "code",
    "official code": "code",
    "implementation": "code",
    "gitlab": "code",
    "代码": "code",
    "코드": "code",
    "model": "code",
    "models": "code",
    "checkpoint": "code",
    "checkpoints": "code",
    "weights": "code",
    "huggingface": "code",
    "hugging face": "code",
    "hf": "code",
    "model card": "code",
    "project": "project",
    "project page": "project",
    "homepage": "project",
    "home page": "project",
    "website": "project",
    "web": "project",
    "page": "project",
    "demo": "project",
    "site": "project",
    "项目": "project",
    "主页": "project",
    "leaderboard": "project",
    "eval tool": "project",
    "video": "video",
    "videos": "video",
    "youtube": "video",
    "bilibili": "video",
    "talk": "video",
    "slides": "video",
    "slide": "video",
    "视频": "video",
    "영상": "video",
    "presentation": "video",
    "blog": "blog",
    "post": "blog",
    "blogpost": "blog",
    "blog post": "blog",
    "news": "blog",
    "知乎": "blog",
    "zhihu": "blog",
    "medium": "blog",
    "article": "blog",
    "tweet": "blog",
    "twitter": "blog",
    "x": "blog",
    "解读": "blog",
    "笔记": "blog",
    "notes": "blog",
    "note": "blog",
    "dataset": "dataset",
    "datasets": "dataset",
    "data": "dataset",
    "benchmark": "dataset",
    "citation": "other",
    "bib": "other",
    "bibtex": "other",
    "cite": "other",
    "here": "other",
    "more": "other",
    "details": "other",
    "poster": "other",
}

#: Hosts whose pages are papers (a link there is the paper's); a path after the host narrows it.
PAPER_HOSTS = (
    "arxiv.org",
    "alphaxiv.org",
    "ar5iv.org",
    "doi.org",
    "openreview.net",
    "aclanthology.org",
    "aclweb.org",
    "proceedings.neurips.cc",
    "papers.nips.cc",
    "neurips.cc",
    "proceedings.mlr.press",
    "jmlr.org",
    "ieeexplore.ieee.org",
    "dl.acm.org",
    "link.springer.com",
    "sciencedirect.com",
    "nature.com",
    "science.org",
    "openaccess.thecvf.com",
    "ojs.aaai.org",
    "aaai.org",
    "ijcai.org",
    "semanticscholar.org",
    "researchgate.net",
    "biorxiv.org",
    "medrxiv.org",
    "ssrn.com",
    "pubmed.ncbi.nlm.nih.gov",
    "ncbi.nlm.nih.gov",
    "iclr.cc",
    "icml.cc",
    "ecva.net",
    "techrxiv.org",
    "paperswithcode.com",
    "usenix.org",
    "mdpi.com",
    "wiley.com",
    "tandfonline.com",
    "cell.com",
    "pnas.org",
    "plos.org",
    "frontiersin.org",
    "sigmodrecord.org",
    "vldb.org",
    "isca-speech.org",
    "dblp.org",
    "scholar.google.com",
    "huggingface.co/papers",
    "openai.com/research",
    "cdn.openai.com/papers",
)

#: Hosts of source code.

CODE_HOSTS = ("github.com", "gitlab.com", "bitbucket.org", "gitee.com", "codeberg.org", "sourceforge.net")
#: Hosts of talks and videos.

VIDEO_HOSTS = ("youtube.com", "youtu.be", "bilibili.com", "b23.tv", "vimeo.com", "slideslive.com", "ixigua.com")
#: Hosts of blog posts, threads and write-ups about papers.

BLOG_HOSTS = (
    "medium.com",
    "zhihu.com",
    "xiaohongshu.com",
    "substack.com",
    "mp.weixin.qq.com",
    "twitter.com",
    "x.com",
    "reddit.com",
    "notion.site",
    "wordpress.com",
    "blogspot.com",
    "kexue.fm",
    "csdn.net",
    "towardsdatascience.com",
    "lesswrong.com",
    "greaterwrong.com",
    "deepgram.com",
    "zenn.dev",
    "jiqizhixin.com",
    "cnblogs.com",
    "juejin.cn",
    "lilianweng.github.io",
    "distill.pub",
)
