"""Dask runner: shards coded on a (small, in-process) LocalCluster, Parquet parts by
country and month, done-markers that make reruns skip, failed shards retried and reported."""

from __future__ import annotations

import json
from pathlib import Path

import pyarrow.parquet as pq
import pytest
from pipeline_double import FakePipeline, event_line

from pantau import api
from pantau.pipeline import Settings
from pantau.runners import shards
from pantau.runners.dask import dask_client, run_dask
from pantau.runners.local import run_local
from pantau.stages.read import read_inputs

pytest.importorskip("distributed")


def _write_shard(path: Path, n: int, seed: int) -> None:
    lines = []
    for i in range(n):
        day = f"2020-0{1 + (i + seed) % 3}-1{i % 9}"
        text = f"Artikel {seed}-{i}\n" + event_line(day=day, fatalities=i) * (1 + (i + seed) % 2)
        if i == 3:
            text += "CRASH\n"
        lines.append(json.dumps({"doc_id": f"s{seed}-{i}", "text": text}))
    path.write_text("\n".join(lines) + "\n", "utf-8")


@pytest.fixture(scope="module")
def client():
    with dask_client(None, 2, processes=False) as c:
        yield c


@pytest.fixture()
def inputs(tmp_path: Path) -> list[str]:
    for seed in range(3):
        _write_shard(tmp_path / f"in-{seed}.jsonl", 8, seed)
    return [str(tmp_path / f"in-{seed}.jsonl") for seed in range(3)]


def test_runners_dask_shards_equal_a_single_process(client, inputs, tmp_path):
    plan = shards.plan_shards(inputs)
    outcomes = {o.spec.path: o for o in run_dask(plan, Settings(), tmp_path / "out", client=client, factory=FakePipeline)}
    assert set(outcomes) == set(inputs) and all(o.error is None for o in outcomes.values())
    for path in inputs:
        local = list(run_local([a for a in read_inputs([path])], Settings(), factory=FakePipeline))
        assert outcomes[path].results == local  # same articles, same order, same events (and the crash stays an error result)
    table = pq.read_table(tmp_path / "out" / "events")
    assert table.num_rows == sum(len(r.events) for o in outcomes.values() for r in o.results)
    assert set(table.column("event_month").to_pylist()) == {"2020-01", "2020-02", "2020-03"}
    assert set(table.column("event_country").to_pylist()) == {"IDN"}


def test_runners_dask_rerun_skips_done_shards_and_redoes_changed_ones(client, inputs, tmp_path):
    out = tmp_path / "out"
    plan = shards.plan_shards(inputs)
    for outcome in run_dask(plan, Settings(), out, client=client, factory=FakePipeline):
        shards.write_marker(out, outcome)
    todo, done = shards.pending_shards(out, shards.plan_shards(inputs))
    assert todo == [] and len(done) == 3
    _write_shard(Path(inputs[1]), 5, 9)
    todo, done = shards.pending_shards(out, shards.plan_shards(inputs))
    assert [s.path for s in todo] == [inputs[1]]
    (outcome,) = run_dask(todo, Settings(), out, client=client, factory=FakePipeline)
    stats = json.loads(shards.write_marker(out, outcome).read_text())
    assert stats["status"] == "done" and stats["articles"] == 5 and stats["checksum"] == todo[0].checksum
    key = todo[0].key
    kept = [p for p in (out / "events").rglob(f"{key}.parquet")]
    assert sum(pq.read_table(p).num_rows for p in kept) == stats["events"]  # old parts of the shard replaced


def test_runners_dask_failed_shard_is_retried_then_reported(client, inputs, tmp_path):
    import fsspec

    fs = fsspec.filesystem("memory")
    fs.pipe("/pantau-test/remote.jsonl", Path(inputs[0]).read_bytes())
    files, missing = shards.expand_inputs(["memory://pantau-test/*.jsonl", "memory://pantau-test/gone.jsonl", inputs[2]])
    assert missing == [] and len(files) == 3
    plan = [shards.ShardSpec(p, shards.shard_key(p), "x") for p in files]
    outcomes = {o.spec.path: o for o in run_dask(plan, Settings(), tmp_path / "out", client=client,
                                                     factory=FakePipeline, retries=1)}
    failed = outcomes["memory://pantau-test/gone.jsonl"]
    assert failed.error is not None and "FileNotFoundError" in failed.error and failed.attempts == 2
    assert shards.ShardOutcome.stats(failed)["status"] == "failed"
    remote = outcomes[files[0]]
    assert remote.error is None and len(remote.results) == 8
    assert remote.results[0].article.origin.startswith("memory://")
    fs.rm("/pantau-test", recursive=True)


def test_runners_shards_split_by_rank_and_world_size(inputs):
    parts = [shards.plan_shards(inputs, rank=r, world_size=2) for r in range(2)]
    assert [s.path for s in parts[0]] == [inputs[0], inputs[2]] and [s.path for s in parts[1]] == [inputs[1]]
    with pytest.raises(ValueError):
        shards.plan_shards(inputs, rank=2, world_size=2)


def test_runners_dask_extract_stores_and_skips_on_rerun(client, inputs, tmp_path):
    db = tmp_path / "s.duckdb"
    address = client.scheduler.address
    first = api.extract(inputs, db=db, engine="dask", scheduler=address, factory=FakePipeline)
    assert first.articles_read == 24 and len(first.article_errors) == 3
    pooled = api.extract(inputs, db=tmp_path / "p.duckdb", engine="local", factory=FakePipeline)
    assert first.events == pooled.events > 0
    again = api.extract(inputs, db=db, engine="dask", scheduler=address, factory=FakePipeline)
    assert again.articles_read == 0 and again.notes[api.SHARDS_DONE_NOTE] == 3
    assert (tmp_path / "s.parts" / "_shards").is_dir()


def test_runners_dask_local_cluster_runs_without_the_sampling_profiler():
    """Dask's profiler samples every thread 100 times a second, holding the GIL: our LocalCluster
    turns it off for its workers, and leaves Dask's own configuration whole afterwards."""
    import dask

    before = dask.config.get("distributed.worker.profile.enabled")
    with dask_client(None, 1, processes=False) as c:
        assert set(c.run(lambda: dask.config.get("distributed.worker.profile.enabled")).values()) == {False}
    assert dask.config.get("distributed.worker.profile.enabled") == before
    assert dask.config.get("distributed.comm.timeouts.connect")  # the defaults were not dropped on the way out


def test_runners_dask_each_run_submits_fresh_task_keys(client, inputs, tmp_path, monkeypatch):
    """A shard run twice in one session (its file changed in between) must not share a task key
    with the first run: a key the scheduler still holds hands back the old result (the rerun test
    failed now and then under load because of it)."""
    keys: list[str] = []
    submit = client.submit

    def recording(*args, **kwargs):
        keys.append(kwargs["key"])
        return submit(*args, **kwargs)

    monkeypatch.setattr(client, "submit", recording)
    plan = shards.plan_shards(inputs[:1])
    for _ in range(2):
        list(run_dask(plan, Settings(), tmp_path / "out", client=client, factory=FakePipeline))
    assert len(keys) == 2 and keys[0] != keys[1]


def test_runners_dask_local_cluster_workers_poll_less_and_keep_default_malloc_trimming(monkeypatch):
    """In the worker processes (the settings cross the nanny): the system and memory monitors and
    the event-loop tick poll less often than Dask's defaults, and MALLOC_TRIM_THRESHOLD_ is not set
    (Dask's 65536 turned off glibc's adaptive mmap threshold: the pipeline ran ~35% slower on a
    worker than in a plain process). Dask's own configuration is left whole."""
    import os

    import dask

    monkeypatch.delenv("MALLOC_TRIM_THRESHOLD_", raising=False)
    keys = ("distributed.admin.system-monitor.interval", "distributed.worker.memory.monitor-interval",
            "distributed.admin.tick.interval", "distributed.nanny.pre-spawn-environ")
    before = [dask.config.get(k) for k in keys]
    with dask_client(None, 1, processes=True) as c:
        seen = list(c.run(lambda: [dask.config.get(k) for k in keys[:3]]).values())
        trim = list(c.run(lambda: os.environ.get("MALLOC_TRIM_THRESHOLD_")).values())
    assert seen == [["5s", "1s", "200ms"]]
    assert trim == [None]
    assert [dask.config.get(k) for k in keys] == before
