"""The Dask engine gives the local merge's output record for record, on a LocalCluster of two workers."""

from __future__ import annotations

import json
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest

from awesome_parse import parse_file
from awesome_parse.export import dumps, write_papers
from awesome_parse.merge import merge
from awesome_parse.model import Paper

from .conftest import CORPUS_FILES, SEEDS

pytest.importorskip("dask.bag")
distributed = pytest.importorskip("distributed")

from awesome_parse.dask import merge_paths  # noqa: E402


@pytest.fixture(scope="module")
def client() -> Iterator[object]:
    cluster = distributed.LocalCluster(
        n_workers=2, threads_per_worker=1, processes=False, dashboard_address=":0", silence_logs=50
    )
    with distributed.Client(cluster) as c:
        yield c
    cluster.close()


def _local(papers: list[Paper]) -> str:
    text = dumps(merge(papers).papers, "jsonl")
    assert isinstance(text, str)
    return text


def test_fixture_readmes_merge_on_the_cluster_as_locally(client: object, tmp_path: Path) -> None:
    readmes = list(SEEDS)
    papers = [p for path in readmes for p in parse_file(path).papers]
    result = merge_paths(readmes, tmp_path / "out.jsonl", scheduler=client, buckets=3)
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == _local(papers)
    assert result.inputs == len(papers) and result.papers == len(merge(papers).papers)


def test_exports_and_a_scheduler_address(client: object, tmp_path: Path) -> None:
    papers = [p for path in SEEDS for p in parse_file(path).papers]
    write_papers(papers[: len(papers) // 2], tmp_path / "a.jsonl", "jsonl")
    write_papers(papers[len(papers) // 2 :], tmp_path / "b.parquet", "parquet")
    address = client.scheduler.address  # type: ignore[attr-defined]
    result = merge_paths([tmp_path / "a.jsonl", tmp_path / "b.parquet"], tmp_path / "out.jsonl", scheduler=address)
    expected = merge(papers)
    assert (tmp_path / "out.jsonl").read_text(encoding="utf-8") == _local(papers)
    assert [c.message for c in result.conflicts] == [c.message for c in expected.conflicts]


@pytest.mark.skipif(not CORPUS_FILES, reason="needs ../shared/corpus")
def test_corpus_merged_with_itself_five_times_is_identical_to_the_local_merge(client: object, tmp_path: Path) -> None:
    papers = [p for path in CORPUS_FILES for p in parse_file(path).papers]
    write_papers(papers, tmp_path / "corpus0.jsonl", "jsonl")
    copies = [tmp_path / "corpus0.jsonl"]
    for k in range(1, 5):
        copies.append(tmp_path / f"corpus{k}.jsonl")
        shutil.copyfile(copies[0], copies[-1])
    result = merge_paths(copies, tmp_path / "out.jsonl", scheduler=client, buckets=4)
    local = _local(papers * 5)
    got = (tmp_path / "out.jsonl").read_text(encoding="utf-8")
    assert got.splitlines() == local.splitlines()  # record for record
    assert got == local
    assert result.inputs == 5 * len(papers)
    assert [json.loads(line)["title"] for line in got.splitlines()] == [p.title for p in merge(papers).papers]
