"""Run the pipeline over articles in a process pool, one Pipeline per worker.

Each worker builds its own pipeline once, from the picklable ``Settings``, in the
pool initializer; only articles and results cross process boundaries.
"""

from __future__ import annotations

import multiprocessing
from concurrent.futures import ProcessPoolExecutor
from typing import Callable, Iterable, Iterator

from pantau.pipeline import ArticleResult, Pipeline, Settings
from pantau.records import Article
from pantau.runners.local import PipelineFactory, run_local, safe_call

__all__ = ["run_pool"]


class _Worker:
    """The pipeline of this worker process.

    A process pool keeps per-process state between tasks only through something
    the task function can reach; this class attribute is that slot. It is set by
    the initializer inside worker processes only, never in the parent.
    """

    pipeline: Callable[[Article], ArticleResult] | None = None


def _init(settings: Settings, factory: PipelineFactory) -> None:
    _Worker.pipeline = factory(settings)


def _work(article: Article) -> ArticleResult:
    assert _Worker.pipeline is not None, "worker used before its initializer ran"
    return safe_call(_Worker.pipeline, article)


def run_pool(
    articles: Iterable[Article],
    settings: Settings,
    workers: int,
    *,
    factory: PipelineFactory = Pipeline,
    chunksize: int = 4,
) -> Iterator[ArticleResult]:
    """Results in input order, as ``run_local`` gives them; ``workers <= 1`` runs locally."""
    if workers <= 1:
        yield from run_local(articles, settings, factory=factory)
        return
    # spawn, not fork: the parent may hold threads (DuckDB's) that a forked child would inherit half-way.
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(settings, factory)) as pool:
        yield from pool.map(_work, articles, chunksize=chunksize)
