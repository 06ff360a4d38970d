"""The embedded event store: one DuckDB file holding articles, events and their sources.

Writes are idempotent by article: storing an article again first removes what that
article contributed before, then inserts what it contributes now, inside one
transaction per batch, so a rerun on the same inputs leaves every table as it was
and an error never leaves an article half-stored.
"""

from __future__ import annotations

import hashlib
import json
from collections import Counter
from dataclasses import dataclass, replace
from datetime import datetime, timedelta, timezone
from importlib import resources
from pathlib import Path
from typing import Any, Iterable, Mapping, Sequence

import duckdb
import pyarrow as pa

from pantau.errors import StoreError
from pantau.pipeline import ArticleResult
from pantau.records import Article, Event, Source, Span
from pantau.stages.merge_corpus import Cluster, CorpusMerger, Decision, Report, report_key
from pantau.stages.near_duplicates import NearDuplicateFinder, Signature, canonical_docs

__all__ = ["DEFAULT_DB", "Run", "Store", "event_digest"]

DEFAULT_DB = "pantau.duckdb"

_TABLES = (
    "articles", "events", "event_sources", "runs", "reports", "event_links", "merge_decisions",
    "article_signatures", "near_duplicate_pairs", "near_duplicates",
)

_EVENT_COLUMNS = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "notes", "confidence", "language",
)
# A report carries every event field but its id (the report id) and sources (its article's).
_REPORT_COLUMNS = _EVENT_COLUMNS[1:]
_ARTICLE_COLUMNS = (
    "doc_id", "url", "title", "publisher", "pub_date", "language", "origin", "text", "text_sha256", "skipped",
)
_SOURCE_COLUMNS = (
    "event_id", "doc_id", "url", "publisher", "pub_date", "spans", "report_ids", "reported_date",
    "reported_sub_event_type", "reported_actor1", "reported_actor2", "reported_location", "reported_fatalities",
    "duplicate_of",
)
_REPORT_TABLE_COLUMNS = ("report_key", "doc_id", "report_id", *_REPORT_COLUMNS, "url", "publisher", "pub_date", "spans")
# Syndicated copies appear within days of each other: only articles this close are compared.
_DUPLICATE_DAYS = 7


@dataclass(frozen=True, slots=True)
class Run:
    """One extract run: its id and start time (the ACLED `timestamp` of what it stores)."""

    id: int
    started: datetime

    @property
    def timestamp(self) -> int:
        return int(self.started.timestamp())


def event_digest(event: Event, *provenance: object) -> str:
    """A content hash of an event (sources and provenance included): unchanged digest means unchanged event."""
    return hashlib.sha256(repr((event, *provenance)).encode("utf-8")).hexdigest()


class Store:
    """A DuckDB event store; use as a context manager or call ``close()``."""

    def __init__(
        self,
        path: str | Path = DEFAULT_DB,
        *,
        read_only: bool = False,
        merger: CorpusMerger | None = None,
        finder: NearDuplicateFinder | None = None,
    ) -> None:
        self.path = Path(path)
        self._merger = merger or CorpusMerger()
        self._finder = finder or NearDuplicateFinder()
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
        """Store a batch of articles with their events in one transaction (all or nothing).

        Each article's events are stored as its reports (replacing what it reported
        before, and an earlier version of the same url); near duplicates are found;
        then the reports of the touched blocks are merged again into events.
        """
        if not results:
            return
        results = list({r.article.doc_id: r for r in results}.values())  # the last version of a doc wins
        with self._transaction():
            dirty_events: set[str] = set()
            new_keys: set[str] = set()
            docs = [r.article.doc_id for r in results]
            urls = [r.article.url for r in results if r.article.url]
            for (old_doc,) in self._con.execute(
                "SELECT doc_id FROM articles WHERE url IN (SELECT unnest(?::VARCHAR[])) "
                "AND doc_id NOT IN (SELECT unnest(?::VARCHAR[]))",
                [urls, docs],
            ).fetchall():
                self._forget(old_doc, dirty_events)  # an updated article (same url, new text) replaces its earlier version
            self._drop_reports(docs, dirty_events)
            article_rows, report_rows = [], []
            for result in results:
                article_rows.append(self._article_row(result))
                report_rows.extend(self._report_rows(result, new_keys))
            self._insert("articles", _ARTICLE_COLUMNS, article_rows, replace=True)
            self._insert("reports", _REPORT_TABLE_COLUMNS, report_rows)
            self._find_near_duplicates([r.article for r in results], dirty_events)
            self._recluster(new_keys, dirty_events, updated)

    @staticmethod
    def _article_row(result: ArticleResult) -> tuple:
        article, doc = result.article, result.doc
        language = (doc.language if doc is not None else None) or article.language
        pub_date = (doc.pub_date if doc is not None else None) or article.pub_date
        return (
            article.doc_id, article.url, article.title, article.publisher, pub_date, language, article.origin,
            article.text, hashlib.sha256(article.text.encode("utf-8")).hexdigest(), result.skipped,
        )

    @staticmethod
    def _report_rows(result: ArticleResult, new_keys: set[str]) -> list[tuple]:
        article, doc = result.article, result.doc
        pub_date = (doc.pub_date if doc is not None else None) or article.pub_date
        rows = []
        seen: Counter[str] = Counter()
        for event in result.events:
            seen[event.event_id] += 1
            report_id = event.event_id if seen[event.event_id] == 1 else f"{event.event_id}-{seen[event.event_id]}"
            own = next((s for s in event.sources if s.doc_id == article.doc_id), None)
            if own is None:
                first = event.sources[0] if event.sources else Source(article.doc_id)
                own = Source(article.doc_id, article.url, article.publisher, pub_date, first.spans)
            key = report_key(article.doc_id, report_id)
            rows.append((
                key, article.doc_id, report_id, *[getattr(event, name) for name in _REPORT_COLUMNS],
                own.url, own.publisher, own.pub_date, [[sp.start, sp.end] for sp in own.spans],
            ))
            new_keys.add(key)
        return rows

    def _insert(self, table: str, columns: Sequence[str], rows: Sequence[Sequence[Any]], *, replace: bool = False) -> None:
        """Bulk insert through Arrow (one statement however many rows)."""
        if not rows:
            return
        data = pa.table({name: [row[i] for row in rows] for i, name in enumerate(columns)})
        view = f"_pantau_{table}"
        self._con.register(view, data)
        try:
            names = ", ".join(columns)
            self._con.execute(f"INSERT {'OR REPLACE ' if replace else ''}INTO {table} ({names}) SELECT {names} FROM {view}")
        finally:
            self._con.unregister(view)

    def _drop_reports(self, doc_ids: Sequence[str], dirty_events: set[str]) -> None:
        con = self._con
        docs = list(doc_ids)
        for (event_id,) in con.execute(
            "SELECT DISTINCT event_id FROM reports WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND event_id IS NOT NULL",
            [docs],
        ).fetchall():
            dirty_events.add(event_id)
        # events written before reports existed (older stores) are found through their sources
        for (event_id,) in con.execute(
            "SELECT DISTINCT event_id FROM event_sources WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [docs]
        ).fetchall():
            dirty_events.add(event_id)
        con.execute("DELETE FROM reports WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [docs])

    def _forget(self, doc_id: str, dirty_events: set[str]) -> None:
        """Remove an article and everything it contributed (its newer version replaces it)."""
        self._drop_reports([doc_id], dirty_events)
        for table, column in (("articles", "doc_id"), ("article_signatures", "doc_id")):
            self._con.execute(f"DELETE FROM {table} WHERE {column} = ?", [doc_id])
        self._con.execute("DELETE FROM near_duplicate_pairs WHERE doc_a = ? OR doc_b = ?", [doc_id, doc_id])

    # -- near duplicates ----------------------------------------------------------------

    def _find_near_duplicates(self, articles: Sequence[Article], dirty_events: set[str]) -> None:
        con = self._con
        finder = self._finder
        batch = {a.doc_id: a for a in articles}
        pub = dict(con.execute(
            "SELECT doc_id, pub_date FROM articles WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(batch)]
        ).fetchall())
        sigs = [finder.signature(d, a.text, pub.get(d)) for d, a in sorted(batch.items())]
        con.execute("DELETE FROM article_signatures WHERE doc_id IN (SELECT unnest(?::VARCHAR[]))", [list(batch)])
        self._insert(
            "article_signatures", ("doc_id", "pub_date", "minhash"), [(g.doc_id, g.pub_date, list(g.hashvalues)) for g in sigs]
        )
        days = [d for d in pub.values() if d is not None]
        params: list[Any] = [list(batch)]
        where = "pub_date IS NULL"
        if days:
            where += " OR pub_date BETWEEN ? AND ?"
            params += [min(days) - timedelta(days=_DUPLICATE_DAYS), max(days) + timedelta(days=_DUPLICATE_DAYS)]
        existing = [
            Signature(d, p, tuple(h))
            for d, p, h in con.execute(
                f"SELECT doc_id, pub_date, minhash FROM article_signatures "
                f"WHERE doc_id NOT IN (SELECT unnest(?::VARCHAR[])) AND ({where})",
                params,
            ).fetchall()
        ]
        before = dict(con.execute("SELECT doc_id, duplicate_of FROM near_duplicates").fetchall())
        con.execute(
            "DELETE FROM near_duplicate_pairs WHERE doc_a IN (SELECT unnest(?::VARCHAR[])) OR doc_b IN (SELECT unnest(?::VARCHAR[]))",
            [list(batch), list(batch)],
        )
        self._insert("near_duplicate_pairs", ("doc_a", "doc_b", "similarity"), finder.pairs(sigs, existing), replace=True)
        pairs = con.execute("SELECT doc_a, doc_b, similarity FROM near_duplicate_pairs").fetchall()
        dates = dict(con.execute("SELECT doc_id, pub_date FROM articles").fetchall())
        after = canonical_docs(pairs, dates)
        if after != before:
            con.execute("DELETE FROM near_duplicates")
            self._insert("near_duplicates", ("doc_id", "duplicate_of"), sorted(after.items()))
            changed = [d for d in set(before) | set(after) if before.get(d) != after.get(d)]
            for (event_id,) in con.execute(
                "SELECT DISTINCT event_id FROM reports WHERE doc_id IN (SELECT unnest(?::VARCHAR[])) AND event_id IS NOT NULL",
                [changed],
            ).fetchall():
                dirty_events.add(event_id)

    # -- merging across articles --------------------------------------------------------

    def _load_reports(self, where: str, params: Sequence[Any]) -> dict[str, tuple[Report, Event, str | None]]:
        cols = ", ".join(f"r.{c}" for c in _REPORT_COLUMNS)
        rows = self._con.execute(
            f"SELECT r.report_key, r.doc_id, r.report_id, r.event_id, {cols}, r.url, r.publisher, r.pub_date, r.spans, "
            f"n.duplicate_of FROM reports r LEFT JOIN near_duplicates n ON n.doc_id = r.doc_id WHERE {where}",
            list(params),
        ).fetchall()
        out = {}
        n = len(_REPORT_COLUMNS)
        for row in rows:
            key, doc_id, report_id, event_id = row[:4]
            fields = dict(zip(_REPORT_COLUMNS, row[4 : 4 + n]))
            url, publisher, pub_date, spans, duplicate_of = row[4 + n :]
            source = Source(doc_id, url, publisher, pub_date, tuple(Span(int(a), int(b)) for a, b in spans))
            event = Event(event_id=report_id, **fields, sources=(source,))
            report = Report.from_event(event, doc_id, pub_date, independent=duplicate_of or "")
            out[key] = (report, event, event_id)
        return out

    def _decisions(self, present: Mapping[str, tuple[Report, Event, str | None]]) -> list[Decision]:
        """Stored decisions, each end found by its key, else by its article and first span."""
        by_start: dict[tuple[str, int], str] = {}
        for key, (_, event, _) in present.items():
            spans = event.sources[0].spans if event.sources else ()
            if spans:
                by_start.setdefault((event.sources[0].doc_id, spans[0].start), key)
        out = []
        for a, b, kind, doc_a, start_a, doc_b, start_b in self._con.execute(
            "SELECT report_a, report_b, kind, doc_a, start_a, doc_b, start_b FROM merge_decisions ORDER BY made, report_a, report_b"
        ).fetchall():
            ka = a if a in present else by_start.get((doc_a, start_a))
            kb = b if b in present else by_start.get((doc_b, start_b))
            if ka and kb:
                out.append(Decision(kind, ka, kb))
        return out

    def _recluster(self, seeds: set[str], dirty_events: set[str], updated: int) -> None:
        """Merge again the blocks holding the changed reports; write the events that changed."""
        con = self._con
        merger = self._merger
        if dirty_events:
            seeds |= {
                k for (k,) in con.execute(
                    "SELECT report_key FROM reports WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [list(dirty_events)]
                ).fetchall()
            }
        loaded: dict[str, tuple[Report, Event, str | None]] = {}
        done_blocks: set[tuple[str, str]] = set()
        todo = set(seeds)
        while todo:
            fresh = self._load_reports("r.report_key IN (SELECT unnest(?::VARCHAR[]))", [sorted(todo - set(loaded))])
            loaded.update(fresh)
            todo = set()
            for report, _, _ in list(fresh.values()):
                block = merger.block(report)
                if block is None or block in done_blocks:
                    continue
                done_blocks.add(block)
                types = sorted(t for t, f in merger.rules.families.items() if f == block[1]) or [report.event_type]
                more = self._load_reports(
                    "r.country = ? AND r.event_type IN (SELECT unnest(?::VARCHAR[])) AND r.event_date IS NOT NULL",
                    [block[0], types],
                )
                loaded.update(more)
            # forced merges reach across blocks: load the other side too
            for a, b in con.execute("SELECT report_a, report_b FROM merge_decisions WHERE kind = 'merge'").fetchall():
                if (a in loaded) != (b in loaded):
                    todo.add(b if a in loaded else a)
            todo -= set(loaded)
        decisions = self._decisions(loaded)
        reports = {k: v[0] for k, v in loaded.items()}
        events = {k: v[1] for k, v in loaded.items()}
        clusters = merger.cluster(reports.values(), decisions)
        old_ids = {v[2] for v in loaded.values() if v[2] is not None} | dirty_events
        stored = {
            event_id: (digest, stamp)
            for event_id, digest, stamp in con.execute(
                "SELECT event_id, digest, updated FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))",
                [sorted(old_ids | {c.event_id for c in clusters})],
            ).fetchall()
        }
        taken: set[str] = set()
        new_ids: set[str] = set()
        event_rows: list[tuple] = []
        source_rows: list[tuple] = []
        link_rows: list[tuple] = []
        member_rows: list[tuple] = []
        for cluster in clusters:
            event_id = cluster.event_id
            if event_id in taken:  # two articles gave one id to different events
                event_id = hashlib.sha1(cluster.anchor.encode("utf-8")).hexdigest()[:16]
            taken.add(event_id)
            new_ids.add(event_id)
            fused = merger.fuse(cluster, events, reports)
            if fused.event_id != event_id:
                fused = replace(fused, event_id=event_id)
            groups = {reports[k].source_group for k in cluster.members}
            duplicate_of = {
                r.doc_id: r.independent
                for r in (reports[k] for k in cluster.members)
                if r.independent and r.independent != r.doc_id
            }
            digest = event_digest(fused, len(groups), duplicate_of, cluster.links)
            previous = stored.get(event_id)
            same_members = sorted(k for k, v in loaded.items() if v[2] == event_id) == list(cluster.members)
            if previous is not None and previous[0] == digest and same_members:
                continue
            stamp = previous[1] if previous is not None and previous[0] == digest else updated
            event_rows.append((*[getattr(fused, name) for name in _EVENT_COLUMNS], digest, stamp, len(groups)))
            source_rows.extend(self._source_rows(fused, duplicate_of, cluster, events))
            link_rows.extend((event_id, link.a, link.b, link.reason) for link in cluster.links)
            member_rows.extend((key, event_id) for key in cluster.members)
        rewrite = sorted((old_ids - new_ids) | {row[0] for row in event_rows})
        if rewrite:
            for table in ("event_links", "event_sources", "events"):
                con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [rewrite])
        self._insert("events", (*_EVENT_COLUMNS, "digest", "updated", "source_count"), event_rows)
        self._insert("event_sources", _SOURCE_COLUMNS, source_rows)
        self._insert("event_links", ("event_id", "report_a", "report_b", "reason"), link_rows)
        if member_rows:
            data = pa.table({"report_key": [k for k, _ in member_rows], "event_id": [e for _, e in member_rows]})
            con.register("_pantau_members", data)
            try:
                con.execute(
                    "UPDATE reports SET event_id = m.event_id FROM _pantau_members m WHERE reports.report_key = m.report_key"
                )
            finally:
                con.unregister("_pantau_members")

    @staticmethod
    def _source_rows(
        event: Event, duplicate_of: Mapping[str, str], cluster: Cluster, events: Mapping[str, Event]
    ) -> list[tuple]:
        """One row per article: its spans, its report ids, and the values it reported."""
        by_doc: dict[str, list[str]] = {}
        for key in cluster.members:
            by_doc.setdefault(key.split("/", 1)[0], []).append(key)
        rows = []
        for source in event.sources:
            keys = sorted(by_doc.get(source.doc_id, []))
            first = events[keys[0]] if keys else None
            rows.append((
                event.event_id, source.doc_id, source.url, source.publisher, source.pub_date,
                [[span.start, span.end] for span in source.spans],
                [events[k].event_id for k in keys],
                first.event_date if first else None,
                first.sub_event_type if first else None,
                first.actor1 if first else None,
                first.actor2 if first else None,
                first.location if first else None,
                first.fatalities if first else None,
                duplicate_of.get(source.doc_id),
            ))
        return rows

    # -- analysts' decisions -------------------------------------------------------------

    def members(self, event_id: str) -> list[str]:
        """The report keys of one event (E031 when there is no such event)."""
        keys = [k for (k,) in self._con.execute(
            "SELECT report_key FROM reports WHERE event_id = ? ORDER BY report_key", [event_id]
        ).fetchall()]
        if not keys:
            raise StoreError("E031", origin=str(self.path), event_id=event_id)
        return keys

    def links(self, event_id: str) -> list[tuple[str, str, str]]:
        """Why the event's reports were merged: (report, report, reason) for each joining pair."""
        self.members(event_id)
        return self._con.execute(
            "SELECT report_a, report_b, reason FROM event_links WHERE event_id = ? ORDER BY ALL", [event_id]
        ).fetchall()

    def split(self, event_id: str, *, doc_id: str | None = None, updated: int, made: datetime | None = None) -> list[str]:
        """Keep the event's reports apart (or only ``doc_id``'s from the rest); returns the resulting event ids."""
        with self._transaction():
            keys = self.members(event_id)
            pairs = [
                (a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]
                if doc_id is None or doc_id in (a.split("/", 1)[0], b.split("/", 1)[0])
            ]
            self._decide("split", pairs, made)
            self._recluster(set(keys), {event_id}, updated)
            return self._events_of(keys)

    def merge(self, event_ids: Sequence[str], *, updated: int, made: datetime | None = None) -> list[str]:
        """Force events into one (whatever the rules say); returns the resulting event ids."""
        with self._transaction():
            groups = [self.members(e) for e in event_ids]
            keys = sorted({k for g in groups for k in g})
            pairs = [(g[0], h[0]) for g, h in zip(groups, groups[1:])]
            # earlier splits between these events no longer hold
            self._con.execute(
                "DELETE FROM merge_decisions WHERE kind = 'split' AND report_a IN (SELECT unnest(?::VARCHAR[])) "
                "AND report_b IN (SELECT unnest(?::VARCHAR[]))",
                [keys, keys],
            )
            self._decide("merge", pairs, made)
            self._recluster(set(keys), set(event_ids), updated)
            return self._events_of(keys)

    def _decide(self, kind: str, pairs: Sequence[tuple[str, str]], made: datetime | None) -> None:
        made = (made or datetime.now(timezone.utc)).astimezone(timezone.utc).replace(tzinfo=None, microsecond=0)
        for x, y in pairs:
            a, b = sorted((x, y))
            starts = {}
            for key in (a, b):
                row = self._con.execute("SELECT spans FROM reports WHERE report_key = ?", [key]).fetchone()
                starts[key] = int(row[0][0][0]) if row and row[0] else None
            self._con.execute(
                "INSERT OR REPLACE INTO merge_decisions VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
                [a, b, kind, a.split("/", 1)[0], starts[a], b.split("/", 1)[0], starts[b], made],
            )

    def _events_of(self, keys: Sequence[str]) -> list[str]:
        return [e for (e,) in self._con.execute(
            "SELECT DISTINCT event_id FROM reports WHERE report_key IN (SELECT unnest(?::VARCHAR[])) ORDER BY 1", [list(keys)]
        ).fetchall()]

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

    def source_counts(self) -> dict[str, int]:
        """event_id -> independent sources (near-duplicate copies counted once)."""
        return {
            e: int(n if n is not None else m)
            for e, n, m in self._con.execute(
                "SELECT e.event_id, e.source_count, (SELECT count(*) FROM event_sources s WHERE s.event_id = e.event_id) "
                "FROM events e"
            ).fetchall()
        }

    def duplicates(self) -> dict[str, str]:
        """doc_id -> the article it is a near-duplicate of (its group's earliest), for every copy."""
        return {d: h for d, h in self._con.execute("SELECT doc_id, duplicate_of FROM near_duplicates").fetchall() if d != h}

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
        if name not in _TABLES:
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

