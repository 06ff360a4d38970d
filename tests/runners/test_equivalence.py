"""The real pipeline gives exactly the same events in one process, in a process pool and
on a Dask LocalCluster (event ids and every field), on the examples and real news."""

from __future__ import annotations

import itertools
from importlib import resources
from pathlib import Path

import pytest

from pantau.pipeline import Pipeline, Settings
from pantau.runners import shards
from pantau.runners.dask import dask_client, run_dask
from pantau.runners.local import run_local
from pantau.runners.pool import run_pool
from pantau.stages.read import read_inputs

pytestmark = pytest.mark.slow


@pytest.fixture(scope="module")
def shard_files(request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory) -> list[str]:
    """The bundled examples plus, when ../shared is there, 24 real Indonesian articles split in two shards."""
    examples = resources.files("pantau") / "examples"
    files = sorted(str(p) for p in Path(str(examples)).iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    try:
        corpus = request.getfixturevalue("shared_dir") / "corpus" / "id_news_conflict_sample.jsonl"
    except pytest.skip.Exception:  # without ../shared the examples alone still make the comparison
        corpus = None
    if corpus is not None and corpus.is_file():
        folder = tmp_path_factory.mktemp("corpus")
        with corpus.open(encoding="utf-8") as handle:
            lines = list(itertools.islice(handle, 0, 240, 10))
        for k in range(2):
            target = folder / f"news-{k}.jsonl"
            target.write_text("".join(lines[k::2]), "utf-8")
            files.append(str(target))
    return files


def _by_doc(results) -> dict[str, tuple]:
    return {r.article.doc_id: (r.skipped, r.events) for r in results}


def test_runners_pool_and_dask_equal_one_process(shard_files, tmp_path):
    articles = [a for a in read_inputs(shard_files) if not isinstance(a, Exception)]
    assert len(articles) >= 14
    local = list(run_local(articles, Settings()))
    assert sum(len(r.events) for r in local) > 10, "too few events for the comparison to mean much"
    single = Pipeline(Settings())  # article by article, no batches
    assert _by_doc(single(a) for a in articles) == _by_doc(local)
    pooled = list(run_pool(articles, Settings(), 2, chunksize=3))
    assert [r.article.doc_id for r in pooled] == [a.doc_id for a in articles]
    assert _by_doc(pooled) == _by_doc(local)
    with dask_client(None, 2, processes=True) as client:
        outcomes = list(run_dask(shards.plan_shards(shard_files), Settings(), tmp_path / "out", client=client))
    assert all(o.error is None for o in outcomes)
    dasked = [r for o in outcomes for r in o.results]
    assert _by_doc(dasked) == _by_doc(local)
    ids = sorted(e.event_id for r in local for e in r.events)
    assert sorted(e.event_id for r in dasked for e in r.events) == ids
