"""Run shards on a Dask cluster (``dask.distributed``), one Pipeline per worker.

Each worker builds its pipeline once, from the picklable ``Settings``, the first
time a shard lands on it, and keeps it on the worker object; only shard specs go
out and shard outcomes come back. A shard whose task fails (unreadable input, a
worker that died, anything raised outside one article) is resubmitted up to
``retries`` times, then yielded with its error: never silently lost.
"""

from __future__ import annotations

import logging
import uuid
from contextlib import contextmanager
from pathlib import Path
from typing import TYPE_CHECKING, Iterator, Sequence

from pantau.pipeline import Pipeline, Settings
from pantau.runners.heap import settle_heap
from pantau.runners.local import PipelineFactory
from pantau.runners.shards import ShardOutcome, ShardSpec, process_shard
from pantau.stages.read import ReadOptions

if TYPE_CHECKING:
    from distributed import Client

__all__ = ["dask_client", "run_dask", "warm_up"]

_SLOT = "_pantau_pipelines"  # attribute of the dask Worker holding its pipelines

# A LocalCluster's settings (its workers get them from the nanny). The sampling profiler is
# off (see ``dask_client``); the system monitor (dashboard figures), the memory monitor and
# the event-loop tick poll less often: at Dask's defaults (0.5 s, 0.1 s, 20 ms) an idle
# worker used 18 ms CPU a second and the scheduler process 26 ms, on cores the pipeline needs;
# with these, 4 ms and 9 ms (measured over 10 s idle). Memory limits are still checked each second.
_QUIET = {
    "distributed.worker.profile.enabled": False,
    "distributed.admin.system-monitor.interval": "5s",
    "distributed.worker.memory.monitor-interval": "1s",
    "distributed.admin.tick.interval": "200ms",
}


def _pipeline_here(settings: Settings, factory: PipelineFactory, worker: object = None):
    """This worker's pipeline for these settings (built on first use, then reused)."""
    if worker is None:
        from distributed import get_worker

        worker = get_worker()
    built = getattr(worker, _SLOT, None)
    if built is None:
        built = {}
        setattr(worker, _SLOT, built)
    key = (settings, factory)
    if key not in built:
        built[key] = factory(settings)
        if getattr(worker, "nanny", None):  # a process of its own (not a thread of the caller's)
            settle_heap()  # see pantau.runners.heap
    return built[key]


def _shard_task(
    spec: ShardSpec, settings: Settings, factory: PipelineFactory, out_dir: str, options: ReadOptions
) -> ShardOutcome:
    return process_shard(spec, _pipeline_here(settings, factory), out_dir, options)


def _warm(settings: Settings, factory: PipelineFactory, dask_worker: object = None) -> bool:
    _pipeline_here(settings, factory, dask_worker)
    return True


def warm_up(client: Client, settings: Settings, factory: PipelineFactory = Pipeline) -> int:
    """Build the pipeline on every worker now (for timing runs without the build); returns the worker count."""
    return len(client.run(_warm, settings, factory))


@contextmanager
def dask_client(scheduler: str | None = None, workers: int = 2, *, processes: bool = True) -> Iterator[Client]:
    """A client of the cluster at ``scheduler``, or of a LocalCluster of ``workers``
    single-threaded worker processes (one pipeline each, like the process pool).

    The LocalCluster's workers run without Dask's sampling profiler: it walks every
    thread's stack 100 times a second, holding the GIL, which pure-Python work pays for
    (its output is only seen on a dashboard). Its monitors poll less often (``_QUIET``) and its
    workers keep glibc's default memory trimming (see below).
    """
    import dask
    from distributed import Client, LocalCluster  # before dask.config.set: it adds distributed's defaults

    logging.getLogger("distributed").setLevel(logging.ERROR)
    if scheduler:
        with Client(scheduler) as client:
            yield client
        return
    # Dask's nanny sets MALLOC_TRIM_THRESHOLD_=65536 in its workers (to hand freed memory back to
    # the OS); setting it also turns off glibc's adaptive mmap threshold, and the pipeline's many
    # mid-sized allocations then cost the same work 3.14-3.47 ms/article on a worker against
    # 2.23-2.57 in a plain process (same 600 articles, warm). None unsets it (Dask's own rule).
    environ = dict(dask.config.get("distributed.nanny.pre-spawn-environ"), MALLOC_TRIM_THRESHOLD_=None)
    with dask.config.set({**_QUIET, "distributed.nanny.pre-spawn-environ": environ}), LocalCluster(
        n_workers=max(1, workers), threads_per_worker=1, processes=processes,
        dashboard_address="127.0.0.1:0",  # its HTTP server on any free local port: never a clash over 8787
    ) as cluster, Client(cluster) as client:
        yield client


def _describe(exc: BaseException) -> str:
    detail = " ".join(str(exc).split()) or "no message"
    return f"{type(exc).__name__}: {detail}"


def run_dask(
    shards: Sequence[ShardSpec],
    settings: Settings,
    out_dir: str | Path,
    *,
    client: Client,
    read_options: ReadOptions | None = None,
    factory: PipelineFactory = Pipeline,
    retries: int = 2,
) -> Iterator[ShardOutcome]:
    """Outcomes of every shard, as they finish (not in input order); a shard that still
    fails after ``retries`` resubmissions comes back with ``error`` set."""
    from distributed import as_completed

    options = read_options or ReadOptions()
    out = str(out_dir)
    attempts: dict[str, int] = {}
    # A task key names one submission of this call: the scheduler forgets a released key only
    # later, and a key it still holds (the same shard run again in this session, after its file
    # changed) would hand back the old result.
    run = uuid.uuid4().hex[:12]

    def submit(spec: ShardSpec):
        attempts[spec.key] = attempts.get(spec.key, 0) + 1
        return client.submit(
            _shard_task, spec, settings, factory, out, options,
            key=f"pantau-shard-{spec.key}-{run}-{attempts[spec.key]}", pure=False,
        )

    futures = {submit(spec): spec for spec in shards}
    queue = as_completed(list(futures))
    for future in queue:
        spec = futures.pop(future)
        if future.status == "finished":
            outcome = future.result()
            outcome.attempts = attempts[spec.key]
            future.release()
            yield outcome
            continue
        try:
            exc = future.exception()
        except Exception as cancelled:  # a cancelled future has no exception to give
            exc = cancelled
        error = _describe(exc) if exc is not None else f"task {future.status}"
        future.release()
        if attempts[spec.key] <= retries:
            retry = submit(spec)
            futures[retry] = spec
            queue.add(retry)
            continue
        yield ShardOutcome(spec, error=error, attempts=attempts[spec.key])
