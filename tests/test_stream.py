"""The streaming merge: bounded memory on one machine, output identical to the in-memory merge."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from awesome_parse import parse_file
from awesome_parse.export import dumps, write_papers
from awesome_parse.merge import merge
from awesome_parse.model import Paper, Source
from awesome_parse.stream import StreamError, merge_paths

from .conftest import CORPUS_FILES, SEEDS
from .strategies_merge import paper_lists

pytest.importorskip("numpy")


def _local(papers: list[Paper]) -> str:
    text = dumps(merge(papers).papers, "jsonl")
    assert isinstance(text, str)
    return text


def test_readmes_and_exports_stream_to_the_in_memory_result(tmp_path: Path) -> None:
    papers = [p for path in SEEDS for p in parse_file(path).papers]
    write_papers(papers[:300], tmp_path / "a.jsonl", "jsonl")
    write_papers(papers[300:], tmp_path / "b.parquet", "parquet")
    inputs = [tmp_path / "a.jsonl", tmp_path / "b.parquet", SEEDS[0]]
    # tiny buckets: every bucket boundary and run merge is exercised
    result = merge_paths(inputs, tmp_path / "out.jsonl", bucket_records=37)
    expected = merge(papers + list(parse_file(SEEDS[0]).papers))
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == _local(list(expected.papers))
    assert result.papers == len(expected.papers) and result.inputs == len(papers) + len(parse_file(SEEDS[0]).papers)
    assert [c.message for c in result.conflicts] == [c.message for c in expected.conflicts]


@settings(max_examples=60, deadline=None)
@given(paper_lists, st.integers(1, 5), st.randoms())
def test_any_records_stream_to_the_in_memory_result(items: list[Paper], bucket: int, rnd: random.Random) -> None:
    import tempfile

    with tempfile.TemporaryDirectory() as folder:
        half = rnd.randrange(len(items) + 1)
        write_papers(items[:half], Path(folder) / "a.jsonl", "jsonl")
        write_papers(items[half:], Path(folder) / "b.jsonl", "jsonl")
        merge_paths(
            [Path(folder) / "a.jsonl", Path(folder) / "b.jsonl"], Path(folder) / "o.jsonl", bucket_records=bucket
        )
        assert (Path(folder) / "o.jsonl").read_text(encoding="utf-8") == _local(items)


def test_control_characters_are_cleaned_as_the_export_does(tmp_path: Path) -> None:
    items = [Paper(title="Evil\x1b[31m Title\u202e", arxiv="2401.00001", source=Source("a.md", 1))]
    write_papers(items, tmp_path / "a.jsonl", "jsonl")
    (tmp_path / "raw.jsonl").write_text(
        '{"title": "Evil\\u001b[31m Title\\u202e", "arxiv_id": "2401.00001", "source": {"file": "a.md", "line": 1}}\n',
        encoding="utf-8",
    )
    merge_paths([tmp_path / "raw.jsonl"], tmp_path / "out.jsonl")
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == _local(items)


def test_a_bad_line_is_one_error_naming_the_file_and_line(tmp_path: Path) -> None:
    (tmp_path / "bad.jsonl").write_text('{"title": "A"}\n{"title": \n', encoding="utf-8")
    with pytest.raises(StreamError, match=r"bad\.jsonl:2: "):
        merge_paths([tmp_path / "bad.jsonl"], tmp_path / "out.jsonl")
    assert not (tmp_path / "out.jsonl").exists()
    with pytest.raises(StreamError, match=r"missing\.jsonl: cannot read"):
        merge_paths([tmp_path / "missing.jsonl"], tmp_path / "out.jsonl")
    write_papers([Paper(title="A")], tmp_path / "in.jsonl", "jsonl")
    with pytest.raises(StreamError, match="also an input"):
        merge_paths([tmp_path / "in.jsonl"], tmp_path / "in.jsonl")
    assert list(tmp_path.glob(".*.tmp")) == []


@pytest.mark.skipif(not CORPUS_FILES, reason="needs ../shared/corpus")
def test_corpus_and_seeds_twice_stream_to_the_in_memory_result(tmp_path: Path) -> None:
    papers = [p for path in [*CORPUS_FILES, *SEEDS] for p in parse_file(path).papers]
    write_papers(papers, tmp_path / "all.jsonl", "jsonl")
    write_papers(papers, tmp_path / "copy.jsonl", "jsonl")
    result = merge_paths([tmp_path / "all.jsonl", tmp_path / "copy.jsonl"], tmp_path / "out.jsonl", bucket_records=500)
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == _local(papers)
    assert result.inputs == 2 * len(papers)


@settings(max_examples=200, deadline=None)
@given(paper_lists)
def test_keys_read_from_a_json_line_are_the_records_identity_keys(items: list[Paper]) -> None:
    from awesome_parse.merge import identity_keys
    from awesome_parse.stream import _dict_keys

    for p in items:
        assert _dict_keys(json.loads(json.dumps(p.to_dict()))) == identity_keys(p)


@pytest.mark.skipif(not CORPUS_FILES, reason="needs ../shared/corpus")
def test_keys_read_from_json_lines_on_the_corpus() -> None:
    from awesome_parse.merge import identity_keys
    from awesome_parse.stream import _dict_keys

    for path in CORPUS_FILES:
        for p in parse_file(path).papers:
            assert _dict_keys(p.to_dict()) == identity_keys(p)


def _components_of(items: list[Paper]) -> list[list[tuple[dict[str, object], tuple[str, ...]]]]:
    """The records grouped into components by shared identity keys (a plain union-find, weak keys included)."""
    from awesome_parse.merge import identity_keys

    parent = list(range(len(items)))

    def find(i: int) -> int:
        while parent[i] != i:
            i = parent[i]
        return i

    strong = {k for p in items for k in identity_keys(p) if not k.startswith("see:")}
    owner: dict[str, int] = {}
    for i, p in enumerate(items):
        for key in identity_keys(p):
            key = key[4:] if key.startswith("see:") and key[4:] in strong else key
            if key.startswith("see:"):
                continue
            if key in owner:
                parent[find(i)] = find(owner[key])
            else:
                owner[key] = i
    groups: dict[int, list[tuple[dict[str, object], tuple[str, ...]]]] = {}
    for i, p in enumerate(items):
        data = json.loads(json.dumps(p.to_dict(), ensure_ascii=False))
        groups.setdefault(find(i), []).append((data, identity_keys(p)))
    return list(groups.values())


@settings(max_examples=200, deadline=None)
@given(paper_lists)
def test_components_merged_one_by_one_give_the_rows_of_one_merge(items: list[Paper]) -> None:
    from awesome_parse.stream import component_rows, merged_rows

    lines = [json.dumps(p.to_dict(), ensure_ascii=False) for p in items]
    rows, conflicts, n = merged_rows(lines)
    got_rows, got_conflicts, got_n = component_rows(_components_of(items))
    assert sorted(got_rows) == sorted(rows) and n == got_n == len(items)
    assert sorted((k, c.message) for k, c in got_conflicts) == sorted((k, c.message) for k, c in conflicts)


def test_a_component_is_combined_directly_only_when_it_merges_to_one_record() -> None:
    from awesome_parse.stream import _plain

    assert _plain([("arxiv:2401.00001", "title:a"), ("title:a", "see:url:a.org/x")])
    assert not _plain([("arxiv:2401.00001", "title:a"), ("arxiv:2401.00001", "title:b")])  # one id, two titles
    assert not _plain([("arxiv:2401.00001", "title:a"), ("doi:10.1/x", "title:a")])  # one title, two ids
    assert not _plain([("title:a", "see:url:a.org/x"), ("url:a.org/x",)])  # an untitled record
