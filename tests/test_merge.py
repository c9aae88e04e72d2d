"""Merging lists: identity, conflicts, field rules, order independence and idempotence."""

from __future__ import annotations

import random

import attrs
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_parse import parse_file
from awesome_parse.arxiv import ArxivId
from awesome_parse.merge import merge, similar_titles
from awesome_parse.model import Link, Paper, Source

from .conftest import SEEDS
from .strategies_merge import paper_lists


@pytest.fixture(scope="module")
def seed_papers() -> list[Paper]:
    papers: list[Paper] = []
    for path in SEEDS:
        papers.extend(parse_file(path).papers)
    return papers


def _where(p: Paper) -> list[str]:
    return [f"{s.file.rsplit('/', 1)[-1][:3]}:{s.line}" for s in p.sources]  # type: ignore[union-attr]


def test_seeds_merge_to_185_distinct_arxiv_records(seed_papers: list[Paper]) -> None:
    result = merge(seed_papers)
    ids = [p.arxiv_id for p in result.papers if p.arxiv_id]
    assert len(ids) == 185 and len(set(ids)) == 185
    qlora = next(p for p in result.papers if p.arxiv_id == "2305.14314")
    assert _where(qlora) == ["000:328", "001:119", "002:35", "004:111"]


def test_duplicate_in_one_list_collapses_with_both_lines(seed_papers: list[Paper]) -> None:
    survey = next(p for p in merge(seed_papers).papers if p.arxiv_id == "2311.12320")
    assert _where(survey) == ["000:68", "000:88"]


def test_wrong_links_become_conflicts(seed_papers: list[Paper]) -> None:
    result = merge(seed_papers)
    by_key = {c.key: c for c in result.conflicts if c.kind == "id-titles"}
    assert set(by_key) == {"2203.02155", "2205.05638"}
    instruct = by_key["2203.02155"]
    assert instruct.kept == "Training language models to follow instructions with human feedback"
    assert [
        (title, [f"{s.file.rsplit('/', 1)[-1][:3]}:{s.line}" for s in srcs]) for title, srcs in instruct.groups
    ] == [
        ("Training language models to follow instructions with human feedback", ["001:17", "002:71"]),
        ("Scaling Instruction-Finetuned Language Models", ["001:49"]),
    ]
    lora = by_key["2205.05638"]
    assert lora.kept.startswith("Few-Shot Parameter-Efficient")  # type: ignore[union-attr]
    assert "002_aecb128355791bda.txt:34" in lora.message


def test_minority_title_keeps_its_link_but_not_the_id(seed_papers: list[Paper]) -> None:
    result = merge(seed_papers)
    lora = [p for p in result.papers if p.title == "LoRA: Low-Rank Adaptation of Large Language Models"]
    assert len(lora) == 1 and lora[0].arxiv is None
    assert lora[0].url == "https://arxiv.org/abs/2205.05638" and lora[0].conflicts
    flan = next(p for p in result.papers if p.title == "Scaling Instruction-Finetuned Language Models")
    assert flan.arxiv is None and _where(flan) == ["001:49", "004:55"]  # joined the JMLR entry by title


def test_non_arxiv_link_joins_by_title(seed_papers: list[Paper]) -> None:
    instruct = next(p for p in merge(seed_papers).papers if p.arxiv_id == "2203.02155")
    assert "004:81" in _where(instruct)
    assert any("proceedings.neurips.cc" in link.url for link in instruct.links)


def test_year_from_arxiv_id_when_no_list_gives_one() -> None:
    p = Paper(title="LLaMA", arxiv="2302.13971", source=Source("a.md", 1))
    merged = merge([p]).papers[0]
    assert merged.year == 2023 and dict(merged.provenance)["year"] == "a.md:1 (arxiv_id)"


def test_field_rules() -> None:
    a = Paper(
        title="T One", arxiv="2401.00001", venue="arXiv", year=2024, authors=["A"], tags=["x"], source=Source("a.md", 1)
    )
    b = Paper(
        title="T One",
        arxiv="2401.00001v3",
        venue="ICLR 2025",
        year=2025,
        date="2025-01-22",
        authors=["A", "B"],
        tags=["y", "x"],
        source=Source("b.md", 2),
        links=[Link("code", "https://github.com/a/b")],
    )
    m = merge([b, a]).papers[0]
    assert (m.venue, m.year, m.authors, m.tags, m.arxiv.version) == ("ICLR 2025", 2024, ("A", "B"), ("x", "y"), 3)  # type: ignore[union-attr]
    assert dict(m.provenance)["authors"] == "b.md:2" and dict(m.provenance)["year"] == "a.md:1"


def test_different_strong_ids_never_merge_on_title() -> None:
    a = Paper(title="Same Title Here", arxiv="2401.00001", source=Source("a.md", 1))
    b = Paper(title="Same Title Here", arxiv="2401.00002", source=Source("b.md", 1))
    result = merge([a, b])
    assert len(result.papers) == 2
    assert [c.kind for c in result.conflicts] == ["title-ids"]


def test_doi_and_acl_ids_are_identities() -> None:
    a = Paper(title="BERT", doi="10.18653/v1/N19-1423", source=Source("a.md", 1))
    b = Paper(title="BERT: Pre-training", doi="10.18653/V1/N19-1423", source=Source("b.md", 1))
    c = Paper(title="x", links=[Link("paper", "https://aclanthology.org/N19-1423.pdf")], source=Source("c.md", 1))
    d = Paper(title="y", links=[Link("pdf", "https://www.aclweb.org/anthology/N19-1423")], source=Source("d.md", 1))
    assert len(merge([a, b]).papers) == 1
    assert len(merge([c, d]).papers) == 1


def test_similar_titles() -> None:
    assert similar_titles("Mixtral of Experts", "Mixtral of experts")
    assert not similar_titles(
        "LoRA: Low-Rank Adaptation of Large Language Models", "Few-Shot Parameter-Efficient Fine-Tuning"
    )


def test_order_independence_and_idempotence_on_seeds(seed_papers: list[Paper]) -> None:
    first = merge(seed_papers)
    shuffled = list(seed_papers)
    random.Random(7).shuffle(shuffled)
    assert merge(shuffled).papers == first.papers
    assert merge(first.papers).papers == first.papers


TITLES = st.sampled_from(["Alpha Paper", "Beta Paper", "alpha paper", "Gamma Study of Things", "Delta"])
IDS = st.one_of(st.none(), st.sampled_from(["2401.00001", "2401.00002", "2401.00002v2", "2305.14314"]))


@st.composite
def papers(draw: st.DrawFn) -> Paper:
    return Paper(
        title=draw(TITLES),
        arxiv=draw(IDS),
        year=draw(st.one_of(st.none(), st.integers(2019, 2025))),
        tags=draw(st.lists(st.sampled_from(["a", "b", "c"]), max_size=2)),
        source=Source(draw(st.sampled_from(["a.md", "b.md"])), draw(st.integers(1, 50))),
    )


@settings(max_examples=200, deadline=None)
@given(st.lists(papers(), max_size=12), st.randoms())
def test_merge_is_order_independent_and_idempotent(items: list[Paper], rnd: random.Random) -> None:
    once = merge(items)
    shuffled = list(items)
    rnd.shuffle(shuffled)
    assert merge(shuffled).papers == once.papers
    assert merge(once.papers).papers == once.papers
    keys = [p.arxiv.key for p in once.papers if p.arxiv]
    assert len(keys) == len(set(keys))


def test_records_left_apart_keep_their_order_when_merged_again() -> None:
    # a title shared by two arXiv ids leaves the title-only records apart, with
    # equal sort keys; a second merge must not reorder them
    def at(**kw: object) -> Paper:
        return Paper(title="Alpha Paper", source=Source("a.md", 1), **kw)  # type: ignore[arg-type]

    items = [
        at(arxiv=ArxivId("2401.00001")),
        at(arxiv=ArxivId("2401.00002")),
        at(year=2019),
        at(tags=("a",)),
        at(),
        at(),
    ]
    once = merge(items)
    assert merge(once.papers).papers == once.papers
    assert merge(list(reversed(items))).papers == once.papers


def test_a_translated_title_is_no_conflict() -> None:
    # a Chinese list names the survey in Chinese: same paper, not a wrong link
    en = Paper(title="A Survey of Large Language Models", arxiv=ArxivId("2303.18223"), source=Source("en.md", 3))
    zh = Paper(title="大语言模型综述", arxiv=ArxivId("2303.18223"), source=Source("zh.md", 7))
    result = merge([en, zh])
    assert not result.conflicts
    assert len(result.papers) == 1 and len(result.papers[0].sources) == 2


def test_nickname_and_title_with_one_arxiv_id_are_one_paper() -> None:
    """A list that names a paper by its nickname ("Transformer") and one that gives the title agree."""
    nick = Paper(title="Transformer", arxiv="1706.03762", source=Source("a.md", 4))
    full = Paper(title="Attention Is All You Need", arxiv="1706.03762", year=2017, source=Source("b.md", 9))
    result = merge([nick, full])
    assert result.conflicts == ()
    [paper] = result.papers
    assert paper.title == "Attention Is All You Need"
    assert "Transformer" in paper.aliases
    assert len(paper.sources) == 2


def test_two_full_titles_on_one_arxiv_id_still_conflict() -> None:
    a = Paper(title="Reducing the Dimensionality of Data", arxiv="2306.10998", source=Source("a.md", 1))
    b = Paper(title="Repository-level Coding using Planning", arxiv="2306.10998", source=Source("b.md", 1))
    result = merge([a, b])
    assert [c.kind for c in result.conflicts] == ["id-titles"]
    assert len(result.papers) == 2


def test_a_plus_names_another_paper() -> None:
    """CodeT5 and CodeT5+ are two papers with two ids: no title conflict between them."""
    a = Paper(title="CodeT5", arxiv="2109.00859", source=Source("a.md", 1))
    b = Paper(title="CodeT5+", arxiv="2305.07922", source=Source("a.md", 2))
    result = merge([a, b])
    assert result.conflicts == ()
    assert sorted(p.title or "" for p in result.papers) == ["CodeT5", "CodeT5+"]


def test_untitled_records_with_the_same_link_merge() -> None:
    a = Paper(url="https://openai.com/research/gpt-4", source=Source("a.md", 1))
    b = Paper(url="https://www.openai.com/research/gpt-4/", source=Source("b.md", 7))
    other = Paper(url="https://openai.com/research/dall-e", source=Source("b.md", 8))
    result = merge([a, b, other])
    assert sorted(len(p.sources) for p in result.papers) == [1, 2]


# --- keyed stages, linear title clustering, idempotence on records without title and id


def _naive_clusters(titles: list[str]) -> list[list[int]]:
    """The definition the clustering must follow: each title joins the first cluster whose first title matches."""
    from awesome_parse.merge import _same_name

    clusters: list[list[int]] = []
    for i, title in enumerate(titles):
        for cluster in clusters:
            first = titles[cluster[0]]
            if similar_titles(first, title) or _same_name(first, title):
                cluster.append(i)
                break
        else:
            clusters.append([i])
    return clusters


CLUSTER_TITLES = st.sampled_from(
    [
        "Alpha Paper",
        "Alpha Paper: A Study of Things",
        "ALPHA PAPER",
        "Alpha",
        "Beta Network for Things",
        "Beta Networks for Things",
        "Gamma: Scaling Laws",
        "Gamma: Another Thing Entirely",
        "Things",
        "大语言模型综述",
        "综述",
        "Survey 综述 of things",
        "!!!",
        "???",
        "",
        "Delta Epsilon Zeta Eta",
        "Zeta Eta",
    ]
)


@settings(max_examples=300, deadline=None)
@given(st.lists(CLUSTER_TITLES, min_size=1, max_size=16))
def test_title_clusters_follow_the_pairwise_definition(titles: list[str]) -> None:
    from awesome_parse._text import fingerprint
    from awesome_parse.merge import _TitleClusters

    found = _TitleClusters(titles, [fingerprint(t) for t in titles]).add_all()
    assert found == _naive_clusters(titles)


def test_title_clusters_compare_each_title_with_representatives_only() -> None:
    # 400 different titles on one id: every title computed once, rapidfuzz called once a title
    from awesome_parse.merge import _TitleClusters

    titles = [f"Paper {i} about {'xyz'[i % 3]}{i * 7919 % 1000} things" for i in range(400)]
    clusters = _TitleClusters(titles, [t.lower() for t in titles])
    assert len(clusters.add_all()) <= len(titles)
    assert len(clusters.rep_fps) == len(clusters.clusters)


def test_conflict_messages_cap_the_sources_and_keep_them_all_in_the_data() -> None:
    from awesome_parse.merge import MESSAGE_SOURCES

    items = [
        Paper(
            title=f"Completely different paper number {i} {chr(0x41 + i % 26) * (i + 1)}",
            arxiv="2401.00001",
            source=Source(f"l{i}.md", i + 1),
        )
        for i in range(40)
    ] + [
        Paper(title="Completely different paper number 0 A", arxiv="2401.00001", source=Source(f"c{i}.md", 1))
        for i in range(30)
    ]
    result = merge(items)
    [conflict] = [c for c in result.conflicts if c.kind == "id-titles"]
    assert sum(len(srcs) for _, srcs in conflict.groups) == 70  # every source kept in the data
    assert len(conflict.groups) > MESSAGE_SOURCES
    assert "more" in conflict.message and conflict.message.count(".md:") <= MESSAGE_SOURCES * MESSAGE_SOURCES
    assert len(conflict.message) < 2000


def _without_sources(p: Paper) -> Paper:
    return attrs.evolve(p, source=None, sources=(), provenance=())


@settings(max_examples=300, deadline=None)
@given(paper_lists)
def test_merging_a_dataset_with_a_copy_of_itself_gives_the_same_papers(items: list[Paper]) -> None:
    once = merge(items)
    twice = merge(items + items)
    assert [_without_sources(p) for p in twice.papers] == [_without_sources(p) for p in once.papers]
    assert twice.papers == once.papers  # a copy adds no new source either
    assert [c.message for c in twice.conflicts] == [c.message for c in once.conflicts]


def test_records_without_title_or_id_merge_on_their_main_link() -> None:
    url = "https://papers.nips.cc/paper/4824-imagenet-classification-with-deep-convolutional-neural-networks.pdf"
    a = Paper(url=url, links=[Link("pdf", url)], source=Source("a.md", 3))
    b = Paper(url=url, links=[Link("pdf", url)], source=Source("b.md", 8))
    [paper] = merge([a, b]).papers
    assert [s.file for s in paper.sources] == ["a.md", "b.md"]
    bare = Paper(tags=("x",), source=Source("a.md", 9))
    assert len(merge([bare, attrs.evolve(bare, source=Source("b.md", 1))]).papers) == 1


@pytest.mark.parametrize("invisible", ["\u00ad", "\u200b", "\u200c", "\u2060", "\ufeff"])
def test_invisible_characters_inside_a_word_do_not_split_titles(invisible: str) -> None:
    from awesome_parse._text import fingerprint

    title = f"Image{invisible}Net Classification with Deep Convolutional Neural Net{invisible}works"
    assert fingerprint(title) == fingerprint("ImageNet Classification with Deep Convolutional Neural Networks")
    a = Paper(title=title, source=Source("a.md", 1))
    b = Paper(
        title="ImageNet Classification with Deep Convolutional Neural Networks",
        arxiv="1409.0575",
        source=Source("b.md", 1),
    )
    [paper] = merge([a, b]).papers
    assert len(paper.sources) == 2


def _components(items: list[Paper]) -> list[list[Paper]]:
    from awesome_parse.merge import identity_keys

    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i

    owner: dict[str, int] = {}
    keys = [identity_keys(p) for p in items]
    for i, own in enumerate(keys):
        for key in own:
            if key.startswith("see:"):
                continue
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    for i, own in enumerate(keys):  # a weak key joins the holders of the strong one only
        for key in own:
            if key.startswith("see:") and key[4:] in owner:
                parent[find(i)] = find(owner[key[4:]])
    groups: dict[int, list[Paper]] = {}
    for i, p in enumerate(items):
        groups.setdefault(find(i), []).append(p)
    return list(groups.values())


@settings(max_examples=300, deadline=None)
@given(paper_lists, st.randoms())
def test_merging_components_apart_gives_the_whole_merge(items: list[Paper], rnd: random.Random) -> None:
    from awesome_parse.merge import collect, merge_groups

    parts = [merge_groups(c) for c in _components(items)]
    rnd.shuffle(parts)
    assert collect(parts) == merge(items)


def test_a_record_known_by_its_link_joins_an_untitled_record_with_an_id_and_that_link() -> None:
    """Merging once already does what merging the result again would: the link-only record
    joins the id's group through the untitled record that has the same main link."""
    link = "https://example.org/paper-page"
    bare = Paper(url=link, source=Source("a.md", 1))
    untitled = Paper(arxiv="1501.00000", url=link, source=Source("a.md", 2))
    titled = Paper(title="A Paper", arxiv="1501.00000", url="https://arxiv.org/pdf/1501.00000", source=Source("a.md", 3))
    once = merge([bare, untitled, titled])
    assert len(once.papers) == 1
    assert merge(list(once.papers)).papers == once.papers
