"""The dashboard's query layer: validated filters in, rows from a read-only DuckDB out.

Lists and stats are answered from an in-memory snapshot of the events table
(``snapshot.py``); ``page_sql`` and ``stats_sql`` are the same queries in SQL, the
reference the snapshot is tested against. Detail, exports and facets query DuckDB.

Every SQL text here is a constant or a join of constant fragments chosen by
validated values (a sort column comes from ``SORT_COLUMNS``, never from the
request); every user value travels as a bound parameter. Sizes are bounded:
a page holds at most ``MAX_PAGE_SIZE`` events, an export at most ``MAX_EXPORT``,
a tally at most ``MAX_TOP`` rows and a timeline at most ``MAX_PERIODS`` buckets.
"""

from __future__ import annotations

import dataclasses
import math
import threading
import time
from collections.abc import Sequence
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path
from typing import Any

import duckdb
import orjson

from pantau.errors import StoreError
from pantau.records import EVENT_TYPES, Event, Source, Span
from pantau.serve.snapshot import SUMMARY_FIELDS, Snapshot

__all__ = [
    "MAX_EXPORT",
    "MAX_PAGE_SIZE",
    "MAX_PERIODS",
    "MAX_TOP",
    "SORT_COLUMNS",
    "EventFilter",
    "EventsDB",
    "FilterError",
    "parse_bbox",
    "parse_sort",
]

MAX_PAGE_SIZE = 500
MAX_PAGE = 100_000
MAX_EXPORT = 50_000
MAX_TOP = 100
MAX_PERIODS = 2_000
MAX_VALUES = 50  # repeated values of one filter (country=IDN&country=IRQ...)
MAX_TEXT = 200  # characters of one filter value
MIN_DATE = date(1900, 1, 1)
MAX_DATE = date(2100, 12, 31)
RECHECK_S = 1.0  # how often (at most) the store file is checked for changes
SEGMENT_CONTEXT = 300  # characters of article text shown around the supporting sentences
MAX_SEGMENT = 6_000

# Sort key (as the API names it) -> SQL expression; the only way a column name reaches SQL.
SORT_COLUMNS: dict[str, str] = {
    "event_date": "e.event_date",
    "fatalities": "e.fatalities",
    "confidence": "e.confidence",
    "event_type": "e.event_type",
    "sub_event_type": "e.sub_event_type",
    "country": "e.country",
    "admin1": "e.admin1",
    "location": "e.location",
    "actor1": "e.actor1",
    "actor2": "e.actor2",
    "event_id": "e.event_id",
}

INTERVALS: dict[str, str] = {"week": "week", "month": "month"}

SUB_EVENT_TYPES: frozenset[str] = frozenset(s for subs in EVENT_TYPES.values() for s in subs)

_EVENT_FIELDS: tuple[str, ...] = tuple(f.name for f in dataclasses.fields(Event) if f.name != "sources")
_SUMMARY_FIELDS = SUMMARY_FIELDS


class FilterError(ValueError):
    """A request parameter that cannot be used; ``param`` names it for the error body."""

    def __init__(self, param: str, message: str) -> None:
        super().__init__(message)
        self.param = param
        self.message = message


def _check_texts(param: str, values: Sequence[str]) -> tuple[str, ...]:
    if len(values) > MAX_VALUES:
        raise FilterError(param, f"at most {MAX_VALUES} values are allowed, got {len(values)}")
    out = []
    for value in values:
        value = value.strip()
        if not value:
            raise FilterError(param, "empty value")
        if len(value) > MAX_TEXT:
            raise FilterError(param, f"value longer than {MAX_TEXT} characters")
        if "\x00" in value:
            raise FilterError(param, "value contains a NUL character")
        out.append(value)
    return tuple(out)


def parse_bbox(value: str | None) -> tuple[float, float, float, float] | None:
    """``minlon,minlat,maxlon,maxlat`` -> four floats within the world, min <= max."""
    if value is None:
        return None
    parts = value.split(",")
    if len(parts) != 4:
        raise FilterError("bbox", "expected four numbers: minlon,minlat,maxlon,maxlat")
    try:
        numbers = [float(p) for p in parts]
    except ValueError:
        raise FilterError("bbox", "expected four numbers: minlon,minlat,maxlon,maxlat") from None
    if not all(math.isfinite(n) for n in numbers):
        raise FilterError("bbox", "coordinates must be finite numbers")
    minlon, minlat, maxlon, maxlat = numbers
    if not (-180 <= minlon <= 180 and -180 <= maxlon <= 180 and -90 <= minlat <= 90 and -90 <= maxlat <= 90):
        raise FilterError("bbox", "longitudes must be within [-180, 180] and latitudes within [-90, 90]")
    if minlon > maxlon or minlat > maxlat:
        raise FilterError("bbox", "min must not exceed max (a box across the antimeridian is two requests)")
    return minlon, minlat, maxlon, maxlat


def parse_sort(value: str | None) -> tuple[str, bool]:
    """``name`` or ``-name`` (descending) with ``name`` in SORT_COLUMNS."""
    if not value:
        return "event_date", True
    descending = value.startswith("-")
    name = value[1:] if descending else value
    if name not in SORT_COLUMNS:
        raise FilterError("sort", f"unknown sort column {name[:40]!r}; choose one of {', '.join(SORT_COLUMNS)} (prefix - for descending)")
    return name, descending


@dataclass(frozen=True)
class EventFilter:
    """The filters every list, stats and export endpoint shares (validated on creation)."""

    country: tuple[str, ...] = ()
    admin1: tuple[str, ...] = ()
    event_type: tuple[str, ...] = ()
    sub_event_type: tuple[str, ...] = ()
    actor: str | None = None
    date_from: date | None = None
    date_to: date | None = None
    min_fatalities: int | None = None
    min_confidence: float | None = None
    q: str | None = None
    bbox: tuple[float, float, float, float] | None = None

    def __post_init__(self) -> None:
        set_ = object.__setattr__
        set_(self, "country", tuple(v.upper() for v in _check_texts("country", self.country)))
        set_(self, "admin1", _check_texts("admin1", self.admin1))
        set_(self, "event_type", _check_texts("event_type", self.event_type))
        set_(self, "sub_event_type", _check_texts("sub_event_type", self.sub_event_type))
        for value in self.event_type:
            if value not in EVENT_TYPES:
                raise FilterError("event_type", f"unknown event type {value[:60]!r}; choose one of {', '.join(EVENT_TYPES)}")
        for value in self.sub_event_type:
            if value not in SUB_EVENT_TYPES:
                raise FilterError("sub_event_type", f"unknown sub-event type {value[:60]!r}")
        for name in ("actor", "q"):
            value = getattr(self, name)
            if value is not None:
                (checked,) = _check_texts(name, [value])
                set_(self, name, checked)
        for name in ("date_from", "date_to"):
            value = getattr(self, name)
            if value is not None and not MIN_DATE <= value <= MAX_DATE:
                raise FilterError(name, f"date must be between {MIN_DATE} and {MAX_DATE}")
        if self.date_from and self.date_to and self.date_from > self.date_to:
            raise FilterError("date_from", "date_from is after date_to")
        if self.min_fatalities is not None and not 0 <= self.min_fatalities <= 1_000_000:
            raise FilterError("min_fatalities", "must be between 0 and 1000000")
        if self.min_confidence is not None and not (
            math.isfinite(self.min_confidence) and 0.0 <= self.min_confidence <= 1.0
        ):
            raise FilterError("min_confidence", "must be between 0 and 1")

    def where(self) -> tuple[str, list[Any]]:
        """The WHERE clause over ``events e`` (constant fragments) and its parameters."""
        clauses: list[str] = []
        params: list[Any] = []
        for column, values in (
            ("e.country", self.country), ("e.admin1", self.admin1),
            ("e.event_type", self.event_type), ("e.sub_event_type", self.sub_event_type),
        ):
            if values:
                clauses.append(f"list_contains(?::VARCHAR[], {column})")
                params.append(list(values))
        if self.actor is not None:
            clauses.append("(contains(lower(e.actor1), lower(?)) OR contains(lower(coalesce(e.actor2, '')), lower(?)))")
            params += [self.actor, self.actor]
        if self.date_from is not None:
            clauses.append("e.event_date >= ?")
            params.append(self.date_from)
        if self.date_to is not None:
            clauses.append("e.event_date <= ?")
            params.append(self.date_to)
        if self.min_fatalities is not None:
            clauses.append("e.fatalities >= ?")
            params.append(self.min_fatalities)
        if self.min_confidence is not None:
            clauses.append("e.confidence >= ?")
            params.append(self.min_confidence)
        if self.bbox is not None:
            clauses.append("e.longitude BETWEEN ? AND ? AND e.latitude BETWEEN ? AND ?")
            minlon, minlat, maxlon, maxlat = self.bbox
            params += [minlon, maxlon, minlat, maxlat]
        if self.q is not None:
            # Notes, or any supporting sentence (a span of its article's text).
            clauses.append(
                "(contains(lower(e.notes), lower(?)) OR EXISTS (SELECT 1 FROM ("
                "SELECT a.text AS text, unnest(s.spans) AS sp FROM event_sources s JOIN articles a ON a.doc_id = s.doc_id "
                "WHERE s.event_id = e.event_id) WHERE contains(lower(substr(text, sp[1] + 1, sp[2] - sp[1])), lower(?))))"
            )
            params += [self.q, self.q]
        return (" WHERE " + " AND ".join(clauses)) if clauses else "", params


@dataclass
class _Cursors:
    """One DuckDB cursor per server thread (a cursor is not safe to share across threads)."""

    con: duckdb.DuckDBPyConnection
    local: threading.local = field(default_factory=threading.local)
    lock: threading.Lock = field(default_factory=threading.Lock)
    opened: list[duckdb.DuckDBPyConnection] = field(default_factory=list)

    def get(self) -> duckdb.DuckDBPyConnection:
        cursor = getattr(self.local, "cursor", None)
        if cursor is None:
            cursor = self.con.cursor()
            self.local.cursor = cursor
            with self.lock:
                self.opened.append(cursor)
        return cursor

    def close(self) -> None:
        with self.lock:
            for cursor in self.opened:
                cursor.close()
            self.opened.clear()
        self.con.close()


def _check_page(sort: str, page: int, page_size: int) -> None:
    if not 1 <= page_size <= MAX_PAGE_SIZE:
        raise FilterError("page_size", f"must be between 1 and {MAX_PAGE_SIZE}")
    if not 1 <= page <= MAX_PAGE:
        raise FilterError("page", f"must be between 1 and {MAX_PAGE}")
    if sort not in SORT_COLUMNS:
        raise FilterError("sort", f"unknown sort column {sort[:40]!r}")


def _check_stats(interval: str, top: int) -> None:
    if interval not in INTERVALS:
        raise FilterError("interval", f"unknown interval {interval[:20]!r}; choose week or month")
    if not 1 <= top <= MAX_TOP:
        raise FilterError("top", f"must be between 1 and {MAX_TOP}")


def _iso(value: Any) -> Any:
    return value.isoformat() if isinstance(value, date) else value


class EventsDB:
    """Read-only queries over one event store file."""

    def __init__(self, path: str | Path, *, recheck_s: float = RECHECK_S) -> None:
        self.path = Path(path)
        self._recheck_s = recheck_s
        self._lock = threading.Lock()
        self._cursors, self._stamp = self._connect()  # fails here when the store cannot be opened
        self._snapshot: Snapshot | None = None  # read on first use (or at server start-up)
        self._checked = time.monotonic()

    def _file_stamp(self) -> tuple[int, int, int]:
        st = self.path.stat()
        return st.st_ino, st.st_size, st.st_mtime_ns

    def _connect(self) -> tuple[_Cursors, tuple[int, int, int]]:
        """A read-only connection, with the file's identity at that moment."""
        if not self.path.is_file():
            raise StoreError("E030", origin=str(self.path), detail="no such store (run `pantau extract` or `pantau demo` first)")
        try:
            stamp = self._file_stamp()
            # One thread per query: the server runs queries side by side, one per request.
            con = duckdb.connect(str(self.path), read_only=True, config={"threads": 1})
            con.execute("SELECT count(*) FROM events JOIN event_sources USING (event_id)").fetchone()
        except duckdb.Error as exc:
            raise StoreError("E030", origin=str(self.path), detail=" ".join(str(exc).split())) from exc
        return _Cursors(con), stamp

    def _read(self) -> Snapshot:
        try:
            return Snapshot(self._cursors.get())
        except duckdb.Error as exc:
            raise StoreError("E030", origin=str(self.path), detail=" ".join(str(exc).split())) from exc

    def snapshot(self) -> Snapshot:
        """The in-memory columns; read again (with a new connection) when the store file was replaced or changed."""
        now = time.monotonic()
        if self._snapshot is None or now - self._checked >= self._recheck_s:
            with self._lock:
                self._checked = now
                try:
                    changed = self._file_stamp() != self._stamp
                except OSError:
                    changed = False  # gone for a moment (being replaced): keep serving what we have
                if changed:
                    # DuckDB hands back the open instance for a path, so the old connection goes first
                    # (a detail or export request running at this very moment may fail once).
                    self._cursors.close()
                    self._snapshot = None
                    self._cursors, self._stamp = self._connect()
                if self._snapshot is None:
                    self._snapshot = self._read()
        return self._snapshot

    def close(self) -> None:
        self._cursors.close()

    def _rows(self, sql: str, params: Sequence[Any] = ()) -> list[tuple[Any, ...]]:
        self.snapshot()  # notices a changed store file
        return self._cursors.get().execute(sql, list(params)).fetchall()

    # -- lists ------------------------------------------------------------------------

    def page(self, flt: EventFilter, *, sort: str = "event_date", descending: bool = True,
             page: int = 1, page_size: int = 100) -> dict[str, Any]:
        """One page of event summaries and the total count of the filtered view."""
        return orjson.loads(self.page_json(flt, sort=sort, descending=descending, page=page, page_size=page_size))

    def page_json(self, flt: EventFilter, *, sort: str = "event_date", descending: bool = True,
                  page: int = 1, page_size: int = 100) -> bytes:
        """``page`` as the response body, from the in-memory snapshot (no SQL, no per-field conversion)."""
        _check_page(sort, page, page_size)
        snap = self.snapshot()
        total, rows = snap.page(snap.select(flt), sort, descending, (page - 1) * page_size, page_size)
        head = orjson.dumps({"total": total, "page": page, "page_size": page_size})
        return head[:-1] + b',"events":' + snap.page_json(rows) + b"}"

    def page_sql(self, flt: EventFilter, *, sort: str = "event_date", descending: bool = True,
                 page: int = 1, page_size: int = 100) -> dict[str, Any]:
        """``page`` computed by DuckDB from ``EventFilter.where`` (the reference the snapshot is tested against)."""
        _check_page(sort, page, page_size)
        where, params = flt.where()
        order = f"{SORT_COLUMNS[sort]} {'DESC' if descending else 'ASC'} NULLS LAST, e.event_id"
        columns = ", ".join(f"e.{name}" for name in _SUMMARY_FIELDS)
        # Two plain queries beat one with count(*) OVER (): the page stays a top-N sort.
        (total,) = self._rows(f"SELECT count(*) FROM events e{where}", params)[0]
        rows = self._rows(
            f"SELECT {columns} FROM events e{where} ORDER BY {order} LIMIT ? OFFSET ?",
            [*params, page_size, (page - 1) * page_size],
        ) if total > (page - 1) * page_size else []
        events = [{name: _iso(value) for name, value in zip(_SUMMARY_FIELDS, row)} for row in rows]
        return {"total": int(total), "page": page, "page_size": page_size, "events": events}

    def events(self, flt: EventFilter, *, limit: int = MAX_EXPORT) -> list[Event]:
        """Full Event records (sources included) of the filtered view, by date then id.

        Raises FilterError when the view is larger than ``limit``: an export is
        never cut silently.
        """
        where, params = flt.where()
        (total,) = self._rows(f"SELECT count(*) FROM events e{where}", params)[0]
        if total > limit:
            raise FilterError("filters", f"the filtered view has {total} events; exports hold at most {limit}: narrow the filters")
        columns = ", ".join(f"e.{name}" for name in _EVENT_FIELDS)
        rows = self._rows(f"SELECT {columns} FROM events e{where} ORDER BY e.event_date NULLS LAST, e.event_id", params)
        ids = [row[0] for row in rows]
        sources: dict[str, list[Source]] = {}
        for event_id, doc_id, url, publisher, pub_date, spans in self._rows(
            "SELECT event_id, doc_id, url, publisher, pub_date, spans FROM event_sources "
            "WHERE event_id IN (SELECT unnest(?::VARCHAR[])) ORDER BY event_id, doc_id",
            [ids],
        ):
            spans_ = tuple(Span(int(a), int(b)) for a, b in spans)
            sources.setdefault(event_id, []).append(Source(doc_id, url, publisher, pub_date, spans_))
        return [
            Event(**dict(zip(_EVENT_FIELDS, row)), sources=tuple(sources.get(row[0], ()))) for row in rows
        ]

    def timestamps(self, event_ids: Sequence[str]) -> dict[str, int]:
        """event_id -> unix seconds of the run that last changed it (ACLED's ``timestamp``)."""
        return dict(self._rows(
            "SELECT event_id, updated FROM events WHERE event_id IN (SELECT unnest(?::VARCHAR[]))", [list(event_ids)]
        ))

    # -- one event --------------------------------------------------------------------

    def event(self, event_id: str) -> dict[str, Any] | None:
        """One event with every source: its spans, its sentences and a text segment to highlight."""
        columns = ", ".join(_EVENT_FIELDS)
        rows = self._rows(f"SELECT {columns} FROM events WHERE event_id = ?", [event_id])
        if not rows:
            return None
        out = {name: _iso(value) for name, value in zip(_EVENT_FIELDS, rows[0])}
        out["sources"] = []
        for doc_id, url, publisher, pub_date, spans, title, language, text in self._rows(
            "SELECT s.doc_id, s.url, s.publisher, s.pub_date, s.spans, a.title, a.language, a.text "
            "FROM event_sources s LEFT JOIN articles a ON a.doc_id = s.doc_id WHERE s.event_id = ? ORDER BY s.doc_id",
            [event_id],
        ):
            out["sources"].append(_source_view(doc_id, url, publisher, pub_date, spans, title, language, text))
        return out

    # -- aggregates -------------------------------------------------------------------

    def stats(self, flt: EventFilter, *, interval: str = "month", top: int = 20) -> dict[str, Any]:
        """Counts and fatalities over time (week or month), by type, by actor and by admin1."""
        _check_stats(interval, top)
        snap = self.snapshot()
        return snap.stats(snap.select(flt), interval, top, MAX_PERIODS)

    def stats_sql(self, flt: EventFilter, *, interval: str = "month", top: int = 20) -> dict[str, Any]:
        """``stats`` computed by DuckDB (the reference the snapshot is tested against)."""
        _check_stats(interval, top)
        where, params = flt.where()
        view = f"WITH f AS (SELECT e.* FROM events e{where}) "
        (events, fatalities) = self._rows(view + "SELECT count(*), coalesce(sum(fatalities), 0) FROM f", params)[0]
        timeline = self._rows(
            view + f"SELECT date_trunc('{INTERVALS[interval]}', event_date) AS period, count(*), sum(fatalities) "
            "FROM f WHERE event_date IS NOT NULL GROUP BY period ORDER BY period LIMIT ?",
            [*params, MAX_PERIODS + 1],
        )
        by_type = self._rows(
            view + "SELECT event_type, count(*), sum(fatalities) FROM f GROUP BY 1 ORDER BY 2 DESC, 1", params
        )
        by_actor = self._rows(
            view + "SELECT actor, count(*), sum(fatalities) FROM ("
            "SELECT actor1 AS actor, fatalities FROM f UNION ALL "
            "SELECT actor2 AS actor, fatalities FROM f WHERE actor2 IS NOT NULL AND actor2 <> actor1"
            ") GROUP BY 1 ORDER BY 2 DESC, 1 LIMIT ?",
            [*params, top],
        )
        by_admin1 = self._rows(
            view + "SELECT country, admin1, count(*), sum(fatalities) FROM f "
            "GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
            [*params, top],
        )

        def tally(rows: list[tuple[Any, ...]], *keys: str) -> list[dict[str, Any]]:
            return [{**dict(zip(keys, row)), "events": int(row[-2]), "fatalities": int(row[-1] or 0)} for row in rows]

        return {
            "interval": interval,
            "events": int(events),
            "fatalities": int(fatalities),
            "timeline": [
                {"period": _iso(p if not hasattr(p, "date") else p.date()), "events": int(n), "fatalities": int(f or 0)}
                for p, n, f in timeline[:MAX_PERIODS]
            ],
            "timeline_truncated": len(timeline) > MAX_PERIODS,
            "by_type": tally(by_type, "event_type"),
            "by_actor": tally(by_actor, "actor"),
            "by_admin1": tally(by_admin1, "country", "admin1"),
        }

    def facets(self) -> dict[str, Any]:
        """Values for the filter panel: countries, admin1 areas, types and the date range."""
        countries = self._rows("SELECT country, count(*) FROM events WHERE country IS NOT NULL GROUP BY 1 ORDER BY 1")
        admin1 = self._rows(
            "SELECT country, admin1, count(*) FROM events WHERE admin1 IS NOT NULL GROUP BY 1, 2 ORDER BY 3 DESC, 1, 2 LIMIT ?",
            [MAX_TOP * 5],
        )
        first, last, total = self._rows("SELECT min(event_date), max(event_date), count(*) FROM events")[0]
        return {
            "events": int(total),
            "date_min": _iso(first),
            "date_max": _iso(last),
            "countries": [{"country": c, "events": int(n)} for c, n in countries],
            "admin1": [{"country": c, "admin1": a, "events": int(n)} for c, a, n in admin1],
            "event_types": {name: list(subs) for name, subs in EVENT_TYPES.items()},
            "sort_columns": list(SORT_COLUMNS),
        }


def _source_view(doc_id: str, url: str | None, publisher: str | None, pub_date: date | None,
                 spans: list[list[int]], title: str | None, language: str | None, text: str | None) -> dict[str, Any]:
    """A source with its sentences and one segment of the article around them, with highlights
    as offsets into the segment (so the page never needs the whole article)."""
    pairs = sorted((int(a), int(b)) for a, b in spans)
    view: dict[str, Any] = {
        "doc_id": doc_id, "url": url, "publisher": publisher, "pub_date": _iso(pub_date),
        "title": title, "language": language, "spans": [list(p) for p in pairs], "sentences": [], "segment": None,
    }
    if text is None:
        return view
    pairs = [(max(0, a), min(len(text), b)) for a, b in pairs if a < b]
    view["sentences"] = [{"start": a, "end": b, "text": text[a:b]} for a, b in pairs]
    if not pairs:
        start, end = 0, min(len(text), MAX_SEGMENT)
    else:
        start = max(0, pairs[0][0] - SEGMENT_CONTEXT)
        end = min(len(text), max(b for _, b in pairs) + SEGMENT_CONTEXT, start + MAX_SEGMENT)
    view["segment"] = {
        "start": start,
        "end": end,
        "text": text[start:end],
        "text_length": len(text),
        "highlights": [[a - start, min(b, end) - start] for a, b in pairs if a < end],
    }
    return view
