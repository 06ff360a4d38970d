"""The library functions the CLI calls: extract, export, evaluate.

The CLI only parses options and prints; everything it does is here, so a notebook
or a service can do the same with the same guarantees (idempotent store, all or
nothing per batch, bad inputs reported and skipped).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable, Iterable, Sequence

from pantau.errors import InputError, StoreError
from pantau.eval import Report, load_gold, score
from pantau.export import ExportResult, acled_csv
from pantau.export import write as write_events
from pantau.knowledge.actors import ActorDictionary, CountryInfo
from pantau.packs import PackSet
from pantau.pipeline import ArticleResult, Pipeline, Settings
from pantau.records import Article
from pantau.runners.local import ERROR_PREFIX, PipelineFactory
from pantau.runners.pool import run_pool
from pantau.stages.read import ReadOptions, read_inputs
from pantau.store.duckdb import DEFAULT_DB, Store

__all__ = ["ExtractSummary", "country_lookup", "evaluate", "export", "extract"]

Progress = Callable[[int, int], None]


@dataclass
class ExtractSummary:
    """What an extract run did, for the summary table and for callers."""

    inputs: tuple[str, ...]
    db: Path
    run_id: int = 0
    articles_read: int = 0
    articles_coded: int = 0
    skipped: Counter[str] = field(default_factory=Counter)
    input_errors: list[str] = field(default_factory=list)
    article_errors: list[str] = field(default_factory=list)
    notes: Counter[str] = field(default_factory=Counter)
    events: int = 0
    events_without_date: int = 0
    export: ExportResult | None = None

    def counts(self) -> dict[str, object]:
        return {
            "articles_read": self.articles_read,
            "articles_coded": self.articles_coded,
            "skipped": dict(self.skipped),
            "input_errors": len(self.input_errors),
            "article_errors": len(self.article_errors),
            "events": self.events,
            "events_without_date": self.events_without_date,
        }


def country_lookup(settings: Settings | None = None) -> Callable[[str], CountryInfo | None]:
    """ISO3 -> ACLED country name, numeric code and region, from the run's actor dictionary."""
    settings = settings or Settings()
    return acled_csv.country_lookup(ActorDictionary.load(PackSet(settings.pack_dirs), settings.actor_files))


def _tally(summary: ExtractSummary, result: ArticleResult) -> None:
    if result.skipped is not None:
        if result.skipped.startswith(ERROR_PREFIX):
            origin = result.article.origin or result.article.doc_id
            summary.article_errors.append(f"{origin}: {result.skipped}")
        else:
            summary.skipped[result.skipped] += 1
    else:
        summary.articles_coded += 1
    summary.notes.update(result.notes)
    summary.events += len(result.events)
    summary.events_without_date += sum(1 for e in result.events if e.event_date is None)


def _store(store: Store, batch: list[ArticleResult], updated: int, summary: ExtractSummary) -> None:
    """One transaction for the batch; if it fails, one per article, so only the bad article is lost."""
    try:
        store.write(batch, updated=updated)
        return
    except StoreError:
        pass
    for result in batch:
        try:
            store.write([result], updated=updated)
        except StoreError as exc:
            origin = result.article.origin or result.article.doc_id
            summary.article_errors.append(f"{origin}: not stored: {exc}")
            if result.skipped is None:
                summary.articles_coded -= 1
            summary.events -= len(result.events)
            summary.events_without_date -= sum(1 for e in result.events if e.event_date is None)


def extract(
    inputs: Sequence[str],
    *,
    db: str | Path = DEFAULT_DB,
    out: str | Path | None = None,
    fmt: str | None = None,
    settings: Settings | None = None,
    read_options: ReadOptions | None = None,
    workers: int = 1,
    batch_size: int = 50,
    progress: Progress | None = None,
    factory: PipelineFactory | None = None,
) -> ExtractSummary:
    """Read inputs, run the pipeline, store every article with its events; optionally export them.

    ``read_options`` is a ``pantau.stages.read.ReadOptions``. Each batch of
    ``batch_size`` articles is stored in one transaction.
    """
    settings = settings or Settings()
    summary = ExtractSummary(tuple(str(i) for i in inputs), Path(db))
    articles: list[Article] = []
    for item in read_inputs(list(summary.inputs), read_options or ReadOptions()):
        if isinstance(item, InputError):
            summary.input_errors.append(str(item))
        else:
            articles.append(item)
    summary.articles_read = len(articles)
    with Store(db) as store:
        run = store.start_run(summary.inputs)
        summary.run_id = run.id
        batch: list[ArticleResult] = []
        for done, result in enumerate(run_pool(articles, settings, workers, factory=factory or Pipeline), 1):
            _tally(summary, result)
            batch.append(result)
            if len(batch) >= batch_size:
                _store(store, batch, run.timestamp, summary)
                batch = []
            if progress is not None:
                progress(done, len(articles))
        if batch:
            _store(store, batch, run.timestamp, summary)
        if out is not None:
            events = store.events(doc_ids=[a.doc_id for a in articles])
            summary.export = write_events(
                events, out, fmt, timestamps=store.timestamps(), country_info=country_lookup(settings)
            )
        store.finish_run(run, summary.counts())
    return summary


def export(
    out: str | Path,
    *,
    db: str | Path = DEFAULT_DB,
    fmt: str | None = None,
    settings: Settings | None = None,
) -> ExportResult:
    """Write every stored event to ``out`` (format from ``fmt`` or the extension)."""
    if not Path(db).is_file():
        raise StoreError("E030", origin=str(db), detail="no such store (run `pantau extract` first)")
    with Store(db, read_only=True) as store:
        events = store.events()
        return write_events(events, out, fmt, timestamps=store.timestamps(), country_info=country_lookup(settings))


def evaluate(
    gold_paths: Iterable[str | Path],
    *,
    settings: Settings | None = None,
    workers: int = 1,
    factory: PipelineFactory | None = None,
    actor_match: Callable[[str, str], bool] | None = None,
) -> Report:
    """Run the pipeline on every gold article and score its events against the gold."""
    docs = load_gold(gold_paths)
    predicted, skipped = {}, {}
    for result in run_pool([d.article for d in docs], settings or Settings(), workers, factory=factory or Pipeline):
        predicted[result.article.doc_id] = result.events
        if result.skipped:
            skipped[result.article.doc_id] = result.skipped
    return score(docs, predicted, skipped=skipped, actor_match=actor_match)
