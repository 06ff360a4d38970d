"""The embedded event store: one DuckDB file holding articles, events and their sources.

Writes are idempotent by article: storing an article again first removes what that
article contributed before, then inserts what it contributes now, inside one
transaction per batch, so a rerun on the same inputs leaves every table as it was
and an error never leaves an article half-stored.
"""

from __future__ import annotations

import hashlib
import json
from dataclasses import dataclass
from datetime import datetime, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import duckdb

from pantau.errors import StoreError
from pantau.pipeline import ArticleResult
from pantau.records import Article, Event, Source, Span

__all__ = ["DEFAULT_DB", "Run", "Store", "event_digest"]

DEFAULT_DB = "pantau.duckdb"

_EVENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "notes", "confidence", "language",
)


@dataclass(frozen=True, slots=True)
class Run:
    """One extract run: its id and start time (the ACLED `timestamp` of what it stores)."""

    id: int
    started: datetime

    @property
    def timestamp(self) -> int:
        return int(self.started.timestamp())


def event_digest(event: Event) -> str:
    """A content hash of an event (sources included): unchanged digest means unchanged event."""
    return hashlib.sha256(repr(event).encode("utf-8")).hexdigest()


class Store:
    """A DuckDB event store; use as a context manager or call ``close()``."""

    def __init__(self, path: str | Path = DEFAULT_DB, *, read_only: bool = False) -> None:
        self.path = Path(path)
        try:
            self._con = duckdb.connect(str(self.path), read_only=read_only)
            if not read_only:
                schema = resources.files("pantau.store").joinpath("schema.sql").read_text("utf-8")
                self._con.execute(schema)
        except duckdb.Error as exc:
            raise StoreError("E030", origin=str(self.path), detail=_one_line(exc)) from exc

    # -- life cycle -------------------------------------------------------------------

    def close(self) -> None:
        self._con.close()

    def __enter__(self) -> Store:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    # -- runs -------------------------------------------------------------------------

    def start_run(self, inputs: Sequence[str], started: datetime | None = None) -> Run:
        """Record the start of a run; its time becomes the `updated` stamp of what it changes."""
        started = (started or datetime.now(timezone.utc)).replace(microsecond=0)
        with self._transaction():
            (next_id,) = self._con.execute("SELECT coalesce(max(id), 0) + 1 FROM runs").fetchone()
            self._con.execute(
                "INSERT INTO runs (id, started, inputs) VALUES (?, ?, ?)",
                [next_id, started.astimezone(timezone.utc).replace(tzinfo=None), list(inputs)],
            )
        return Run(int(next_id), started)

    def finish_run(self, run: Run, counts: Mapping[str, Any]) -> None:
        with self._transaction():
            self._con.execute("UPDATE runs SET counts = ? WHERE id = ?", [json.dumps(dict(counts)), run.id])

    # -- writing ----------------------------------------------------------------------

    def write(self, results: Sequence[ArticleResult], *, updated: int) -> None:
        """Store a batch of articles with their events in one transaction (all or nothing)."""
        with self._transaction():
            for result in results:
                self._write_one(result, updated)

    def _write_one(self, result: ArticleResult, updated: int) -> None:
        article = result.article
        doc = result.doc
        language = (doc.language if doc is not None else None) or article.language
        pub_date = (doc.pub_date if doc is not None else None) or article.pub_date
        con = self._con
        con.execute(
            "INSERT OR REPLACE INTO articles VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
            [
                article.doc_id, article.url, article.title, article.publisher, pub_date,
                language, article.origin, article.text,
                hashlib.sha256(article.text.encode("utf-8")).hexdigest(), result.skipped,
            ],
        )
        # What this article contributed before: its source rows, and events left with none.
        previous = dict(
            con.execute(
                "SELECT e.event_id, e.digest || ' ' || e.updated FROM events e "
                "JOIN event_sources s USING (event_id) WHERE s.doc_id = ?",
                [article.doc_id],
            ).fetchall()
        )
        con.execute("DELETE FROM event_sources WHERE doc_id = ?", [article.doc_id])
        con.execute(
            "DELETE FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[])) "
            "AND event_id NOT IN (SELECT event_id FROM event_sources)",
            [list(previous)],
        )
        for event in result.events:
            digest = event_digest(event)
            stamp = updated
            old = previous.get(event.event_id)
            if old is not None and old.split(" ")[0] == digest:
                stamp = int(old.split(" ")[1])  # unchanged event keeps its stamp: reruns change nothing
            values = [getattr(event, name) for name in _EVENT_COLUMNS]
            con.execute(
                f"INSERT OR REPLACE INTO events ({', '.join(_EVENT_COLUMNS)}, digest, updated) "
                f"VALUES ({', '.join('?' * (len(_EVENT_COLUMNS) + 2))})",
                [*values, digest, stamp],
            )
            for source in event.sources:
                con.execute(
                    "INSERT OR REPLACE INTO event_sources VALUES (?, ?, ?, ?, ?, ?)",
                    [
                        event.event_id, source.doc_id, source.url, source.publisher, source.pub_date,
                        [[span.start, span.end] for span in source.spans],
                    ],
                )

    # -- reading ----------------------------------------------------------------------

    def events(self, doc_ids: Iterable[str] | None = None) -> list[Event]:
        """Stored events (all, or those with a source among ``doc_ids``), by date then id."""
        where, params = "", []
        if doc_ids is not None:
            where = "WHERE event_id IN (SELECT event_id FROM event_sources WHERE doc_id IN (SELECT unnest(?::VARCHAR[])))"
            params = [list(doc_ids)]
        try:
            rows = self._con.execute(
                f"SELECT {', '.join(_EVENT_COLUMNS)} FROM events {where} "
                "ORDER BY event_date NULLS LAST, event_id",
                params,
            ).fetchall()
            sources: dict[str, list[Source]] = {}
            for event_id, doc_id, url, publisher, pub_date, spans in self._con.execute(
                "SELECT event_id, doc_id, url, publisher, pub_date, spans FROM event_sources ORDER BY event_id, doc_id"
            ).fetchall():
                sources.setdefault(event_id, []).append(
                    Source(doc_id, url, publisher, pub_date, tuple(Span(int(a), int(b)) for a, b in spans))
                )
        except duckdb.Error as exc:
            raise StoreError("E030", origin=str(self.path), detail=_one_line(exc)) from exc
        events = []
        for row in rows:
            fields = dict(zip(_EVENT_COLUMNS, row))
            events.append(Event(**fields, sources=tuple(sources.get(fields["event_id"], ()))))
        return events

    def timestamps(self) -> dict[str, int]:
        """event_id -> unix seconds of the run that last changed it (ACLED's `timestamp`)."""
        return dict(self._con.execute("SELECT event_id, updated FROM events").fetchall())

    def articles(self) -> list[Article]:
        rows = self._con.execute(
            "SELECT doc_id, text, title, url, publisher, pub_date, language, origin FROM articles ORDER BY doc_id"
        ).fetchall()
        return [Article(*row) for row in rows]

    def counts(self) -> dict[str, int]:
        """Row counts of each table (articles, events, event_sources, runs)."""
        out = {}
        for table in ("articles", "events", "event_sources", "runs"):
            (out[table],) = self._con.execute(f"SELECT count(*) FROM {table}").fetchone()
        return out

    def table(self, name: str) -> list[tuple[Any, ...]]:
        """Every row of one table in a stable order (for checks and debugging)."""
        if name not in ("articles", "events", "event_sources", "runs"):
            raise ValueError(name)
        return self._con.execute(f"SELECT * FROM {name} ORDER BY ALL").fetchall()

    # -- helpers ----------------------------------------------------------------------

    def _transaction(self) -> _Transaction:
        return _Transaction(self)


class _Transaction:
    """BEGIN/COMMIT, ROLLBACK on any error; database errors become one-line StoreErrors."""

    def __init__(self, store: Store) -> None:
        self._store = store

    def __enter__(self) -> None:
        self._store._con.execute("BEGIN TRANSACTION")

    def __exit__(self, exc_type: type[BaseException] | None, exc: BaseException | None, tb: object) -> bool:
        con = self._store._con
        if exc_type is None:
            try:
                con.execute("COMMIT")
            except duckdb.Error as err:
                con.execute("ROLLBACK")
                raise StoreError("E030", origin=str(self._store.path), detail=_one_line(err)) from err
            return False
        con.execute("ROLLBACK")
        if isinstance(exc, duckdb.Error):
            raise StoreError("E030", origin=str(self._store.path), detail=_one_line(exc)) from exc
        return False


def _one_line(exc: BaseException) -> str:
    return " ".join(str(exc).split())

