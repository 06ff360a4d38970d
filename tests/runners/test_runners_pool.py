"""Local and pool runners: same results, input order, a crash stays with its article."""

from __future__ import annotations

from pipeline_double import FakePipeline, event_line

from pantau.pipeline import Settings
from pantau.records import Article
from pantau.runners.local import run_local
from pantau.runners.pool import run_pool


def _articles() -> list[Article]:
    out = []
    for i in range(9):
        text = f"Artikel {i}\n" + event_line(fatalities=i) * (i % 3)
        if i == 4:
            text += "CRASH\n"
        if i == 7:
            text += "SKIP\n"
        out.append(Article(f"doc-{i}", text, origin=f"in.jsonl:{i + 1}"))
    return out


def test_runners_local_turns_a_crash_into_an_error_result():
    results = list(run_local(_articles(), Settings(), factory=FakePipeline))
    assert [r.article.doc_id for r in results] == [f"doc-{i}" for i in range(9)]
    assert results[4].skipped == "error: RuntimeError: boom in doc-4" and results[4].events == ()
    assert results[7].skipped == "language 'xx' has no pack"
    assert [len(r.events) for r in results] == [0, 1, 2, 0, 0, 2, 0, 0, 2]


def test_runners_pool_equals_local_in_input_order():
    local = list(run_local(_articles(), Settings(), factory=FakePipeline))
    pooled = list(run_pool(_articles(), Settings(), 2, factory=FakePipeline, chunksize=2))
    assert pooled == local


def test_runners_pool_with_one_worker_runs_locally():
    assert list(run_pool(_articles()[:2], Settings(), 1, factory=FakePipeline)) == list(
        run_local(_articles()[:2], Settings(), factory=FakePipeline)
    )


class _TornDown:
    """Writes to a file when freed: at a worker's exit only if the interpreter frees its heap."""

    def __init__(self) -> None:
        import os

        path = os.path.join(os.environ["PANTAU_TEST_TEARDOWN_DIR"], str(os.getpid()))
        self.fd = os.open(path, os.O_WRONLY | os.O_CREAT)
        self.write = os.write  # modules may be cleared by the time teardown frees this object

    def __del__(self) -> None:
        self.write(self.fd, b"freed\n")


class _HeavyPipeline(FakePipeline):
    """A FakePipeline holding an object that notices teardown; says on (buffered) stdout that it was built."""

    def __init__(self, settings: Settings | None = None) -> None:
        super().__init__(settings)
        self.heap = _TornDown()
        print("pool worker built", end="|")  # buffered: reaches the parent only if the worker flushes


def test_runners_pool_workers_exit_without_freeing_their_pipeline(tmp_path, monkeypatch, capfd):
    """A worker that finished cleanly ends without the interpreter's teardown (which freed a whole
    pipeline object by object, 0.2-0.3 s CPU per worker), yet flushes what it printed."""
    monkeypatch.setenv("PANTAU_TEST_TEARDOWN_DIR", str(tmp_path))
    results = list(run_pool(_articles(), Settings(), 2, factory=_HeavyPipeline, chunksize=2))
    assert [r.article.doc_id for r in results] == [f"doc-{i}" for i in range(9)]
    contents = [p.read_text() for p in tmp_path.iterdir()]
    assert contents and set(contents) == {""}  # each worker built one and freed none
    assert "pool worker built|" in capfd.readouterr().out
