"""The collector settings of processes that run pipelines (pantau.runners.heap)."""

from __future__ import annotations

import gc
import pickle

import pytest
from pipeline_double import FakePipeline

from pantau.pipeline import ArticleResult, Settings
from pantau.records import Article
from pantau.runners.heap import YOUNG_THRESHOLD, Settled, settle_heap
from pantau.runners.local import run_local
from pantau.runners.pool import run_pool


@pytest.fixture()
def restore_gc():
    """The test process's collector as it was (settle_heap is process-wide)."""
    threshold = gc.get_threshold()
    yield
    gc.unfreeze()
    gc.set_threshold(*threshold)


class _GcReport(FakePipeline):
    """Says, as its skip reason, how the collector of the process it runs in is set."""

    def __call__(self, article: Article) -> ArticleResult:
        return ArticleResult(article, None, skipped=f"frozen={gc.get_freeze_count() > 0} young={gc.get_threshold()[0]}")


def test_settle_heap_freezes_what_lives_and_collects_young_less_often(restore_gc):
    gc.unfreeze()
    gc.set_threshold(700, 10, 10)
    kept = [object() for _ in range(10)] + [[]]
    settle_heap()
    assert gc.get_freeze_count() > 0 and gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)
    assert kept[-1] == []  # nothing alive is lost
    settle_heap()  # again (a CLI pool worker settles twice): the same settings
    assert gc.get_threshold() == (YOUNG_THRESHOLD, 10, 10)


def test_settled_factory_builds_then_settles_and_pickles(restore_gc):
    gc.unfreeze()
    factory = Settled(_GcReport)
    assert pickle.loads(pickle.dumps(factory)) == factory and hash(factory) == hash(Settled(_GcReport))
    results = list(run_local([Article("a", "text")], Settings(), factory=factory))
    assert results[0].skipped == f"frozen=True young={max(YOUNG_THRESHOLD, gc.get_threshold()[0])}"


def test_pool_workers_settle_their_heap_and_library_runs_do_not(restore_gc):
    gc.unfreeze()
    before = gc.get_threshold()
    articles = [Article(f"d{i}", "text") for i in range(4)]
    pooled = {r.skipped for r in run_pool(articles, Settings(), 2, factory=_GcReport, chunksize=1)}
    assert pooled == {f"frozen=True young={YOUNG_THRESHOLD}"}
    local = {r.skipped for r in run_local(articles, Settings(), factory=_GcReport)}
    assert local == {f"frozen=False young={before[0]}"}  # the caller's process keeps its collector


def _collector() -> tuple[bool, int]:
    return gc.get_freeze_count() > 0, gc.get_threshold()[0]


def test_dask_worker_processes_settle_their_heap_and_in_process_workers_do_not(restore_gc):
    pytest.importorskip("distributed")
    from pantau.runners.dask import dask_client, warm_up

    gc.unfreeze()
    before = gc.get_threshold()[0]
    with dask_client(None, 1, processes=True) as client:
        warm_up(client, Settings(), factory=_GcReport)
        assert list(client.run(_collector).values()) == [(True, YOUNG_THRESHOLD)]
    with dask_client(None, 1, processes=False) as client:
        warm_up(client, Settings(), factory=_GcReport)
        assert _collector() == (False, before)  # a thread of this process: left as it was
