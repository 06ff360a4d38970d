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
from pantau.export import ExportResult, Provenance, acled_csv
from pantau.export import write as write_events
from pantau.knowledge.actors import ActorDictionary, CountryInfo
from pantau.packs import PackSet
from pantau.pipeline import ArticleResult, Pipeline, Settings
from pantau.records import Article
from pantau.runners.local import ERROR_PREFIX, PipelineFactory
from pantau.runners.pool import run_pool
from pantau.stages.read import ReadOptions, read_inputs
from pantau.store.duckdb import DEFAULT_DB, Run, Store

__all__ = [
    "ExtractSummary",
    "MergeExplanation",
    "country_lookup",
    "evaluate",
    "explain",
    "export",
    "extract",
    "merge",
    "reprocess",
    "split",
]

Progress = Callable[[int, int], None]

SHARDS_DONE_NOTE = "input files skipped: coded by an earlier run (same checksum)"


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
    run: Run | None = None

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
    engine: str = "pool",
    scheduler: str | None = None,
    parts: str | Path | None = None,
    rank: int = 0,
    world_size: int = 1,
) -> ExtractSummary:
    """Read inputs, run the pipeline, store every article with its events; optionally export them.

    ``read_options`` is a ``pantau.stages.read.ReadOptions``. Each batch of
    ``batch_size`` articles is stored in one transaction. ``engine`` is ``local``
    (this process), ``pool`` (``workers`` processes) or ``dask`` (shards on the
    cluster at ``scheduler``, or a LocalCluster of ``workers``; see ``_extract_dask``).
    """
    settings = settings or Settings()
    if engine == "dask":
        return _extract_dask(
            inputs, db=db, out=out, fmt=fmt, settings=settings, read_options=read_options, workers=workers,
            batch_size=batch_size, progress=progress, factory=factory, scheduler=scheduler, parts=parts,
            rank=rank, world_size=world_size,
        )
    if engine not in ("local", "pool"):
        raise ValueError(f"unknown engine {engine!r} (local, pool or dask)")
    summary = ExtractSummary(tuple(str(i) for i in inputs), Path(db))
    articles: list[Article] = []
    for item in read_inputs(list(summary.inputs), read_options or ReadOptions()):
        if isinstance(item, InputError):
            summary.input_errors.append(str(item))
        else:
            articles.append(item)
    summary.articles_read = len(articles)
    workers = 1 if engine == "local" else min(workers, max(1, len(articles)))  # no pool for one article
    with Store(db) as store:
        _run(store, articles, summary, settings, workers, batch_size, progress, factory)
        if out is not None:
            events = store.events(doc_ids=[a.doc_id for a in articles])
            summary.export = write_events(
                events, out, fmt, timestamps=store.timestamps(), country_info=country_lookup(settings),
                provenance=_provenance(store),
            )
        store.finish_run(summary.run, summary.counts())
    return summary


def _run(
    store: Store,
    articles: list[Article],
    summary: ExtractSummary,
    settings: Settings,
    workers: int,
    batch_size: int,
    progress: Progress | None,
    factory: PipelineFactory | None,
) -> None:
    """Code the articles and store them batch by batch (each batch one transaction, merged on write)."""
    run = store.start_run(summary.inputs)
    summary.run_id = run.id
    summary.run = run
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


def _provenance(store: Store) -> Provenance:
    return Provenance(source_counts=store.source_counts(), duplicates=store.duplicates())


def reprocess(
    *,
    db: str | Path = DEFAULT_DB,
    settings: Settings | None = None,
    workers: int = 1,
    batch_size: int = 50,
    progress: Progress | None = None,
    factory: PipelineFactory | None = None,
) -> ExtractSummary:
    """Run extraction again over every stored article (after a pack or dictionary change).

    Event ids stay where the event is the same: an event is named by its earliest
    report's id, which derives from the article and the event's own fields, never from the run.
    """
    _need_store(db)
    settings = settings or Settings()
    summary = ExtractSummary(("reprocess",), Path(db))
    with Store(db) as store:
        articles = store.articles()
        summary.articles_read = len(articles)
        _run(store, articles, summary, settings, workers, batch_size, progress, factory)
        store.finish_run(summary.run, summary.counts())
    return summary


@dataclass(frozen=True)
class MergeExplanation:
    """An event's reports and why they were joined."""

    event_id: str
    reports: tuple[str, ...]
    links: tuple[tuple[str, str, str], ...]


def explain(event_id: str, *, db: str | Path = DEFAULT_DB) -> MergeExplanation:
    """The reports of a stored event and, for each joining pair, the reasons."""
    _need_store(db)
    with Store(db, read_only=True) as store:
        return MergeExplanation(event_id, tuple(store.members(event_id)), tuple(store.links(event_id)))


def split(event_id: str, *, db: str | Path = DEFAULT_DB, doc_id: str | None = None) -> list[str]:
    """Undo a merge: keep the event's reports apart (or only ``doc_id``'s); the decision is stored
    and holds on every later run. Returns the event ids the reports now belong to."""
    _need_store(db)
    with Store(db) as store:
        run = store.start_run([f"split {event_id}" + (f" --doc {doc_id}" if doc_id else "")])
        result = store.split(event_id, doc_id=doc_id, updated=run.timestamp)
        store.finish_run(run, {"events": result})
        return result


def merge(event_ids: Sequence[str], *, db: str | Path = DEFAULT_DB) -> list[str]:
    """Force events into one; the decision is stored and holds on every later run."""
    _need_store(db)
    with Store(db) as store:
        run = store.start_run(["merge " + " ".join(event_ids)])
        result = store.merge(list(event_ids), updated=run.timestamp)
        store.finish_run(run, {"events": result})
        return result


def _need_store(db: str | Path) -> None:
    if not Path(db).is_file():
        raise StoreError("E030", origin=str(db), detail="no such store (run `pantau extract` first)")


def export(
    out: str | Path,
    *,
    db: str | Path = DEFAULT_DB,
    fmt: str | None = None,
    settings: Settings | None = None,
) -> ExportResult:
    """Write every stored event to ``out`` (format from ``fmt`` or the extension)."""
    _need_store(db)
    with Store(db, read_only=True) as store:
        events = store.events()
        return write_events(
            events, out, fmt, timestamps=store.timestamps(), country_info=country_lookup(settings),
            provenance=_provenance(store),
        )


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
    from pantau.eval import gazetteer_admin1_match
    from pantau.knowledge.gazetteer import Gazetteer

    gazetteer = Gazetteer.load((settings or Settings()).place_files)  # admin1 names by unit, aliases too
    return score(docs, predicted, skipped=skipped, actor_match=actor_match,
                 same_admin1=gazetteer_admin1_match(gazetteer))


def _extract_dask(
    inputs: Sequence[str],
    *,
    db: str | Path,
    out: str | Path | None,
    fmt: str | None,
    settings: Settings,
    read_options: ReadOptions | None,
    workers: int,
    batch_size: int,
    progress: Progress | None,
    factory: PipelineFactory | None,
    scheduler: str | None,
    parts: str | Path | None,
    rank: int,
    world_size: int,
) -> ExtractSummary:
    """``extract`` on Dask: each input file is a shard coded on a worker, which writes its events
    as Parquet under ``parts`` (partitioned by country and month, default ``<db>.parts``);
    each finished shard is then stored here like any batch and gets a done-marker, so a
    rerun skips it. A failed shard is retried, then reported as an input error."""
    from pantau.runners import shards
    from pantau.runners.dask import dask_client, run_dask

    summary = ExtractSummary(tuple(str(i) for i in inputs), Path(db))
    parts_dir = Path(parts) if parts is not None else Path(db).with_suffix(".parts")
    files, missing = shards.expand_inputs(summary.inputs)
    summary.input_errors.extend(str(InputError("E009", origin=item)) for item in missing)
    todo, done = shards.pending_shards(parts_dir, shards.plan_shards(files, rank=rank, world_size=world_size))
    if done:
        summary.notes[SHARDS_DONE_NOTE] += len(done)
    doc_ids: list[str] = []
    with Store(db) as store:
        run = store.start_run(summary.inputs)
        summary.run_id, summary.run = run.id, run
        with dask_client(scheduler, workers) as client:
            outcomes = run_dask(todo, settings, parts_dir, client=client, read_options=read_options,
                                factory=factory or Pipeline)
            for finished, outcome in enumerate(outcomes, 1):
                summary.input_errors.extend(outcome.input_errors)
                if outcome.error is not None:
                    summary.input_errors.append(
                        f"{outcome.spec.path}: shard failed after {outcome.attempts} attempts: {outcome.error}")
                else:
                    summary.articles_read += len(outcome.results)
                    for start in range(0, len(outcome.results), batch_size):
                        batch = outcome.results[start:start + batch_size]
                        for result in batch:
                            _tally(summary, result)
                        _store(store, batch, run.timestamp, summary)
                    doc_ids.extend(r.article.doc_id for r in outcome.results)
                shards.write_marker(parts_dir, outcome)
                if progress is not None:
                    progress(finished, len(todo))
        if out is not None:
            summary.export = write_events(
                store.events(doc_ids=doc_ids), out, fmt, timestamps=store.timestamps(),
                country_info=country_lookup(settings), provenance=_provenance(store),
            )
        store.finish_run(run, summary.counts())
    return summary
