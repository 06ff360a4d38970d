"""A worker killed mid-run: the pool replaces it and the run completes with nothing lost."""

from __future__ import annotations

import os
import signal
from pathlib import Path

from pipeline_double import FakePipeline, event_line

from pantau.pipeline import ArticleResult, Settings
from pantau.records import Article
from pantau.runners.local import run_local
from pantau.runners.pool import run_pool


class DyingPipeline(FakePipeline):
    """Kills its own process on ``DIE-ONCE <flag file>`` (first time only) and on ``DIE-ALWAYS``."""

    def __call__(self, article: Article) -> ArticleResult:
        for line in article.text.splitlines():
            if line.startswith("DIE-ONCE "):
                flag = Path(line.split(" ", 1)[1])
                if not flag.exists():
                    flag.write_text("died here\n")
                    os.kill(os.getpid(), signal.SIGKILL)
            if line == "DIE-ALWAYS":
                os.kill(os.getpid(), signal.SIGKILL)
        return super().__call__(article)


def _articles(marker_line: str, at: int = 13, n: int = 30) -> list[Article]:
    out = []
    for i in range(n):
        text = f"Artikel {i}\n" + event_line(fatalities=i) * (1 + i % 2)
        if i == at:
            text += marker_line + "\n"
        out.append(Article(f"doc-{i}", text, origin=f"in.jsonl:{i + 1}"))
    return out


def test_runners_pool_recovers_from_a_worker_killed_mid_run(tmp_path):
    articles = _articles(f"DIE-ONCE {tmp_path / 'flag'}")
    pooled = list(run_pool(articles, Settings(), 2, factory=DyingPipeline, chunksize=2))
    assert (tmp_path / "flag").exists(), "the worker was not killed: the test proves nothing"
    expected = list(run_local(_articles(f"DIE-ONCE {tmp_path / 'flag'}"), Settings(), factory=FakePipeline))
    assert pooled == expected  # every article, in order, with the same events


def test_runners_pool_reports_an_article_that_always_kills_its_worker():
    articles = _articles("DIE-ALWAYS", at=5, n=12)
    pooled = list(run_pool(articles, Settings(), 2, factory=DyingPipeline, chunksize=3, max_attempts=2))
    assert [r.article.doc_id for r in pooled] == [a.doc_id for a in articles]
    assert pooled[5].skipped is not None and pooled[5].skipped.startswith("error: WorkerDied: ")
    others = [r for i, r in enumerate(pooled) if i != 5]
    assert others == [r for i, r in enumerate(run_local(articles, Settings(), factory=FakePipeline)) if i != 5]


def test_runners_pool_recovers_when_submit_finds_the_pool_broken(monkeypatch):
    """The executor may notice a dead worker before any future fails; then ``submit`` raises.
    That used to escape run_pool (seen once in CI as BrokenProcessPool from submit)."""
    from concurrent.futures.process import BrokenProcessPool

    from pantau.runners import pool as pool_mod

    real_start = pool_mod._Pool._start
    started: list[object] = []

    class BreaksOnThirdSubmit:
        def __init__(self, inner) -> None:
            self.inner, self.calls = inner, 0

        def submit(self, *args, **kwargs):
            self.calls += 1
            if self.calls == 3:
                raise BrokenProcessPool("a child process terminated abruptly")
            return self.inner.submit(*args, **kwargs)

        def shutdown(self, *args, **kwargs):
            return self.inner.shutdown(*args, **kwargs)

    def start(self):
        executor = real_start(self)
        started.append(executor)
        return BreaksOnThirdSubmit(executor) if len(started) == 1 else executor

    monkeypatch.setattr(pool_mod._Pool, "_start", start)
    articles = _articles("Catatan redaksi.", n=20)
    pooled = list(run_pool(articles, Settings(), 2, factory=FakePipeline, chunksize=2))
    assert len(started) == 2, "the broken pool was replaced"
    assert pooled == list(run_local(_articles("Catatan redaksi.", n=20), Settings(), factory=FakePipeline))
