"""CPU time per article in every process of each runner (one process, pool, Dask).

Wall-clock ratios on a shared 2-core machine are noise; CPU seconds per process are not.
This runs the benchmark's scale corpus (``pantau bench``: 2,000 varied articles in 8 JSONL
shards) through each runner ``--repeats`` times and prints, per run, the CPU ms per article
of the parent (reading, pickling, the Dask client, scheduler and nannies, which all live in
the parent of a LocalCluster) and of the workers (pipeline build excluded), with wall times.

    PYTHONPATH=src python tools/runner_cpu.py [--n 2000] [--repeats 3] [--only single,fresh,pool,dask]

``single`` reuses one warm pipeline; ``fresh`` builds a new one per run (as each pool worker starts).
"""

from __future__ import annotations

import argparse
import os
import resource
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pantau.bench.corpus import find_shared, generate, load_seeds  # noqa: E402
from pantau.bench.run import _read_articles, _write_shards  # noqa: E402
from pantau.pipeline import BATCH_SIZE, Pipeline, Settings  # noqa: E402
from pantau.runners.heap import Settled, settle_heap  # noqa: E402

_BUILD_DIR = "PANTAU_RUNNER_CPU_DIR"


def timed_pipeline(settings: Settings) -> Pipeline:
    """A Pipeline that notes its process's CPU seconds once built (start-up and build excluded later)."""
    pipeline = Pipeline(settings)
    folder = os.environ.get(_BUILD_DIR)
    if folder:
        usage = resource.getrusage(resource.RUSAGE_SELF)
        Path(folder, f"{os.getpid()}.{time.time_ns()}").write_text(str(usage.ru_utime + usage.ru_stime))
    return pipeline


def _cpu(who: int = resource.RUSAGE_SELF) -> float:
    usage = resource.getrusage(who)
    return usage.ru_utime + usage.ru_stime


def single(files: list[str], pipeline: Pipeline) -> dict[str, float]:
    from pantau.runners.local import batches, safe_batch

    cpu, wall = _cpu(), time.perf_counter()
    n = sum(1 for chunk in batches(_read_articles(files)) for _ in safe_batch(pipeline, chunk))
    return {"n": n, "parent": _cpu() - cpu, "workers": 0.0, "wall": time.perf_counter() - wall}


def pool(files: list[str], workers: int) -> dict[str, float]:
    from pantau.runners.pool import run_pool

    with tempfile.TemporaryDirectory() as builds:
        os.environ[_BUILD_DIR] = builds
        cpu, children, wall = _cpu(), _cpu(resource.RUSAGE_CHILDREN), time.perf_counter()
        first = None
        n = 0
        for _ in run_pool(_read_articles(files), Settings(), workers, chunksize=BATCH_SIZE, factory=timed_pipeline):
            n += 1
            if first is None:
                first = time.perf_counter()
        end = time.perf_counter()
        parent = _cpu() - cpu
        built = sum(float(p.read_text()) for p in Path(builds).iterdir())
        used = _cpu(resource.RUSAGE_CHILDREN) - children - built
        del os.environ[_BUILD_DIR]
    return {"n": n, "parent": parent, "workers": used, "wall": end - wall, "wall_after_first": end - first}


def dask(files: list[str], workers: int, out: Path, repeats: int) -> list[dict[str, float]]:
    from pantau.bench.run import _cpu_seconds
    from pantau.runners import shards
    from pantau.runners.dask import dask_client, run_dask, warm_up

    plan = shards.plan_shards(files)
    rows = []
    with dask_client(None, workers) as client:
        warm_up(client, Settings())
        for attempt in range(repeats):
            before = client.run(_cpu_seconds)
            cpu, wall = _cpu(), time.perf_counter()
            outcomes = list(run_dask(plan, Settings(), out / f"run-{attempt}", client=client))
            seconds = time.perf_counter() - wall
            parent = _cpu() - cpu
            after = client.run(_cpu_seconds)
            assert not [o for o in outcomes if o.error], [o.error for o in outcomes if o.error]
            n = sum(len(o.results) for o in outcomes)
            rows.append({"n": n, "parent": parent, "workers": sum(after.values()) - sum(before.values()),
                         "wall": seconds})
    return rows


def _show(name: str, rows: list[dict[str, float]]) -> None:
    for key in ("parent", "workers"):
        values = [1000 * r[key] / r["n"] for r in rows]
        print(f"  {name:<7} {key:<8} ms/article: " + " ".join(f"{v:6.2f}" for v in values)
              + f"   median {statistics.median(values):6.2f}")
    total = [1000 * (r["parent"] + r["workers"]) / r["n"] for r in rows]
    print(f"  {name:<7} total    ms/article: " + " ".join(f"{v:6.2f}" for v in total)
          + f"   median {statistics.median(total):6.2f}")
    print(f"  {name:<7} wall s: " + " ".join(f"{r['wall']:6.2f}" for r in rows)
          + f"  (articles {rows[0]['n']:.0f}; load {os.getloadavg()[0]:.2f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--n", type=int, default=2000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--repeats", type=int, default=3)
    parser.add_argument("--only", default="single,fresh,pool,dask")
    args = parser.parse_args()
    only = set(args.only.split(","))
    seeds, _ = load_seeds(find_shared(None))
    pipeline = Pipeline(Settings())
    for lang in pipeline.packs.languages:
        pipeline.extractor(lang)
    pipeline(seeds[0])
    settle_heap()  # as the CLI and the pool and Dask workers do (pantau.runners.heap)
    with tempfile.TemporaryDirectory(prefix="pantau-runner-cpu-") as tmp:
        files, count, _ = _write_shards(generate(seeds, args.n, 20240601 + 1), Path(tmp) / "scale",
                                        max(4, args.n // (4 * args.workers)))
        print(f"{count} articles in {len(files)} JSONL shards; {os.cpu_count()} cores; load {os.getloadavg()[0]:.2f}")
        if "single" in only:
            _show("single", [single(files, pipeline) for _ in range(args.repeats)])
        if "fresh" in only:  # one process as a pool worker starts: a new pipeline, empty memos (build not timed)
            _show("fresh", [single(files, Settled()(Settings())) for _ in range(args.repeats)])
        if "pool" in only:
            _show("pool", [pool(files, args.workers) for _ in range(args.repeats)])
        if "dask" in only:
            _show("dask", dask(files, args.workers, Path(tmp) / "dask", args.repeats))


if __name__ == "__main__":
    main()
