"""Run the pipeline over articles in a process pool, one Pipeline per worker.

Each worker builds its own pipeline once, from the picklable ``Settings``, in the
pool initializer; only articles and results cross process boundaries.
"""

from __future__ import annotations

import multiprocessing
import multiprocessing.util
import os
import sys
from concurrent.futures import FIRST_COMPLETED, Future, ProcessPoolExecutor, wait
from concurrent.futures.process import BrokenProcessPool
from typing import Callable, Iterable, Iterator

from pantau.pipeline import BATCH_SIZE, ArticleResult, Pipeline, Settings
from pantau.records import Article
from pantau.runners.heap import settle_heap
from pantau.runners.local import PipelineFactory, error_result, run_local, safe_batch

__all__ = ["WorkerDied", "run_pool"]


class _Worker:
    """The pipeline of this worker process.

    A process pool keeps per-process state between tasks only through something
    the task function can reach; this class attribute is that slot. It is set by
    the initializer inside worker processes only, never in the parent.
    """

    pipeline: Callable[[Article], ArticleResult] | None = None


def _init(settings: Settings, factory: PipelineFactory) -> None:
    _Worker.pipeline = factory(settings)
    settle_heap()  # the worker process is the pool's own (see pantau.runners.heap)
    # Runs last among the worker's exit finalizers (after it has sent its last result).
    multiprocessing.util.Finalize(None, _exit_without_teardown, exitpriority=-100)


def _exit_without_teardown() -> None:
    """End a worker that finished cleanly without freeing its heap object by object.

    Why: a worker holds a whole pipeline (gazetteer, packs, memos; ~650 MB of small objects)
    and the interpreter's teardown freed them one by one: 0.2-0.3 s CPU per worker per run,
    spent while the parent waited in ``shutdown``. Nothing is left to flush but the standard
    streams; a worker leaving on an exception keeps the normal exit and its exit code.
    """
    if sys.exc_info()[0] is not None:
        return
    for stream in (sys.stdout, sys.stderr):
        try:
            stream.flush()
        except (AttributeError, ValueError, OSError):
            pass
    os._exit(0)


class WorkerDied(RuntimeError):
    """A worker process died (killed, out of memory, a crash in native code) while it held this article."""


def _work_chunk(chunk: list[Article]) -> list[ArticleResult]:
    assert _Worker.pipeline is not None, "worker used before its initializer ran"
    return safe_batch(_Worker.pipeline, chunk)


def _chunks(articles: Iterable[Article], size: int) -> Iterator[tuple[int, list[Article]]]:
    chunk: list[Article] = []
    index = 0
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield index, chunk
            index, chunk = index + 1, []
    if chunk:
        yield index, chunk


class _Pool:
    """A process pool that can be replaced by a fresh one when a worker dies."""

    def __init__(self, workers: int, settings: Settings, factory: PipelineFactory, max_restarts: int) -> None:
        self._args = (workers, settings, factory)
        self.restarts = 0
        self.max_restarts = max_restarts
        self.executor = self._start()

    def _start(self) -> ProcessPoolExecutor:
        workers, settings, factory = self._args
        # spawn, not fork: the parent may hold threads (DuckDB's) that a forked child would inherit half-way.
        context = multiprocessing.get_context("spawn")
        return ProcessPoolExecutor(workers, mp_context=context, initializer=_init, initargs=(settings, factory))

    def restart(self) -> None:
        if self.restarts >= self.max_restarts:
            raise RuntimeError(f"worker processes died {self.restarts} times: giving up (is the pipeline unbuildable?)")
        self.executor.shutdown(wait=True, cancel_futures=True)
        self.executor = self._start()
        self.restarts += 1

    def isolate(self, chunk: list[Article], max_attempts: int) -> list[ArticleResult]:
        """Run each article of a chunk lost with a dead worker on its own, so a death points at
        one article; that article is tried ``max_attempts`` times, then becomes an error result."""
        out = []
        for article in chunk:
            for attempt in range(1, max_attempts + 1):
                try:
                    out.extend(self.executor.submit(_work_chunk, [article]).result())
                    break
                except BrokenProcessPool:
                    self.restart()
                    if attempt == max_attempts:
                        out.append(error_result(article, WorkerDied(
                            f"the worker process died on this article {max_attempts} times (killed or crashed)")))
        return out

    def close(self) -> None:
        self.executor.shutdown(wait=True, cancel_futures=True)


def run_pool(
    articles: Iterable[Article],
    settings: Settings,
    workers: int,
    *,
    factory: PipelineFactory = Pipeline,
    chunksize: int = BATCH_SIZE,
    max_attempts: int = 3,
) -> Iterator[ArticleResult]:
    """Results in input order, as ``run_local`` gives them; ``workers <= 1`` runs locally.
    A worker runs each chunk of ``chunksize`` articles as one batch (``safe_batch``).

    When a worker dies, the pool is replaced by a fresh one and every article the dead
    pool still held is run again, one at a time, so a run never loses an article: one
    that kills its worker ``max_attempts`` times comes back as an error result.
    """
    if workers <= 1:
        yield from run_local(articles, settings, factory=factory)
        return
    window = workers * 4  # chunks in flight: enough to keep workers busy, few to redo after a death
    chunks = _chunks(articles, max(1, chunksize))
    pool = _Pool(workers, settings, factory, max_restarts=10 * max_attempts)
    inflight: dict[Future[list[ArticleResult]], tuple[int, list[Article]]] = {}
    finished: dict[int, list[ArticleResult]] = {}
    next_out = 0
    exhausted = False
    try:
        while True:
            # A death can be noticed by the executor before any future fails: then submit
            # itself raises, and the chunk it was given is lost with the pool like the others.
            lost: list[tuple[int, list[Article]]] = []
            while not exhausted and len(inflight) < window:
                item = next(chunks, None)
                if item is None:
                    exhausted = True
                    break
                try:
                    inflight[pool.executor.submit(_work_chunk, item[1])] = item
                except BrokenProcessPool:
                    lost.append(item)
                    break
            if not inflight and not lost:
                break
            if inflight and not lost:
                wait(inflight, return_when=FIRST_COMPLETED)
            for future in [f for f in inflight if f.done()]:
                index, chunk = inflight.pop(future)
                try:
                    finished[index] = future.result()
                except BrokenProcessPool:
                    lost.append((index, chunk))
            if lost:
                lost.extend(inflight.values())  # the dead pool takes every pending chunk with it
                inflight.clear()
                pool.restart()
                for index, chunk in sorted(lost, key=lambda item: item[0]):
                    finished[index] = pool.isolate(chunk, max_attempts)
            while next_out in finished:
                yield from finished.pop(next_out)
                next_out += 1
    finally:
        pool.close()
