"""The events table held in memory as columns, so list and stats requests never touch SQL.

The server is read-only, so the store is read once (and again when its file changes,
see ``EventsDB``) into numpy arrays: dates as float days (NaN = no date, so every
comparison with a missing value is false, as in SQL), categorical columns as integer
codes into sorted dictionaries (the last code means NULL), one permutation per sort
order (and each row's rank in it), rows grouped by code and numeric columns in value
order, and each event's summary already serialized as JSON. A filter becomes a sorted
array of row numbers: its most selective condition lists its rows directly (or, when it
keeps many, is one vectorized comparison over the table) and the others are checked on
those rows only. A page is a partial sort of the selected rows' ranks (or, for large
selections, the precomputed order read through a mask); the response is the page's
serialized rows joined. The semantics are those of the SQL in ``EventFilter.where``:
the tests compare the two on random filters, every sort order and stats.

Text search (``q``: the notes or any supporting sentence, any case) works on one byte
buffer of every event's lower-cased UTF-8 text (NUL between texts, so no match spans
two): a bigram index (byte pair -> its positions) gives the places where the needle's
rarest pair occurs, and comparisons of 8-byte windows (one gather per 8 bytes of the
needle) keep those where the whole needle does; a position maps to its event through a
row-of-byte array, or, when other conditions selected rows first, only the candidates
inside those rows' texts are taken (binary search), each with its row.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date
from typing import Any

import duckdb
import numpy as np
import orjson

__all__ = ["SUMMARY_FIELDS", "Snapshot"]

SUMMARY_FIELDS: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1",
    "actor2", "inter2", "country", "admin1", "admin2", "location", "latitude", "longitude",
    "geo_precision", "fatalities", "confidence", "language", "notes",
)
_NUMERIC_SORTS: tuple[str, ...] = ("event_date", "fatalities", "confidence")
_CODED_SORTS: dict[str, str] = {
    "event_type": "event_type", "sub_event_type": "sub_event_type", "country": "country", "admin1": "admin1",
    "location": "location", "actor1": "actors", "actor2": "actors",
}
_MAX_LISTED_ACTORS = 64  # actor names matching ``actor`` up to which its rows are listed from postings
_SEP = b"\x00"  # between the texts of one event and between events; a query never holds it
_EPOCH = date(1970, 1, 1)


@dataclass(frozen=True)
class _Coded:
    """A column as codes into ``values`` (sorted); code ``len(values)`` is NULL."""

    values: tuple[str, ...]
    codes: np.ndarray
    index: dict[str, int]

    @classmethod
    def of(cls, *columns: Sequence[str | None]) -> list[_Coded]:
        """Code each column against one dictionary shared by all of them."""
        values = tuple(sorted({v for col in columns for v in col if v is not None}))
        index = {v: i for i, v in enumerate(values)}
        null = len(values)
        return [
            cls(values, np.fromiter((index.get(v, null) if v is not None else null for v in col), np.int32, len(col)), index)
            for col in columns
        ]

    def lookup(self, wanted: Sequence[str]) -> np.ndarray:
        """A boolean table over codes: True for the wanted values (NULL never matches)."""
        table = np.zeros(len(self.values) + 1, dtype=bool)
        for value in wanted:
            code = self.index.get(value)
            if code is not None:
                table[code] = True
        return table


@dataclass(frozen=True)
class _Test:
    """One condition: how many rows it keeps (an upper bound), its rows when cheap to list
    (ascending; ``exact`` when they are exactly the rows it keeps), and a check over rows."""

    estimate: int
    rows: Callable[[], np.ndarray] | None
    check: Callable[[np.ndarray | None], np.ndarray]
    exact: bool = True

    @property
    def counted(self) -> bool:
        """The estimate is the exact number of rows kept."""
        return self.exact and self.rows is not None


class _Postings:
    """A coded column's rows grouped by code (ascending within each code)."""

    def __init__(self, codes: np.ndarray, bins: int) -> None:
        self.order = np.argsort(codes, kind="stable").astype(np.int32)
        self.starts = np.concatenate([[0], np.cumsum(np.bincount(codes, minlength=bins))])

    def test(self, coded: _Coded, wanted: Sequence[str]) -> _Test:
        codes = sorted({coded.index[v] for v in wanted if v in coded.index})
        estimate = sum(int(self.starts[c + 1] - self.starts[c]) for c in codes)
        table = coded.lookup(wanted)

        def rows() -> np.ndarray:
            parts = self.parts(codes)
            return np.sort(np.concatenate(parts)) if len(parts) > 1 else (parts[0] if parts else self.order[:0])

        return _Test(estimate, rows, lambda rows_: table[_at(coded.codes, rows_)])

    def parts(self, codes: Sequence[int]) -> list[np.ndarray]:
        return [self.order[self.starts[c]:self.starts[c + 1]] for c in codes]


class _ByValue:
    """A numeric column's rows in value order (NaN last), for range conditions."""

    def __init__(self, column: np.ndarray) -> None:
        self.order = np.argsort(column, kind="stable").astype(np.int32)
        self.values = column[self.order]

    def test(self, column: np.ndarray, low: float | None, high: float | None) -> _Test:
        """Rows with low <= value <= high (either bound may be absent; NaN never qualifies)."""
        start = 0 if low is None else int(np.searchsorted(self.values, low, side="left"))
        end = int(np.searchsorted(self.values, np.inf if high is None else high, side="right"))
        end = max(start, end)

        def check(rows: np.ndarray | None) -> np.ndarray:
            values = _at(column, rows)
            if low is None:
                return values <= high
            return values >= low if high is None else (values >= low) & (values <= high)

        return _Test(end - start, lambda: np.sort(self.order[start:end]), check)


def _at(column: np.ndarray, rows: np.ndarray | None) -> np.ndarray:
    return column if rows is None else column[rows]


def _within(rows: np.ndarray, allowed: np.ndarray) -> np.ndarray:
    """The members of ``rows`` also in ``allowed`` (both ascending)."""
    if not len(allowed) or not len(rows):
        return rows[:0]
    at = np.minimum(np.searchsorted(allowed, rows), len(allowed) - 1)
    return rows[allowed[at] == rows]


def _days(value: date | None) -> float:
    return float((value - _EPOCH).days) if value is not None else float("nan")


class Snapshot:
    """Immutable columns of the events table plus the lower-cased search text of each event."""

    def __init__(self, con: duckdb.DuckDBPyConnection) -> None:
        rows = con.execute(f"SELECT {', '.join(SUMMARY_FIELDS)} FROM events ORDER BY event_id").fetchall()
        self.size = n = len(rows)
        columns = dict(zip(SUMMARY_FIELDS, zip(*rows))) if rows else {name: () for name in SUMMARY_FIELDS}
        # Each event's summary, serialized once into one buffer: a page is a join of slices of it.
        # (One buffer, not a bytes object per event: orjson's results keep a spare allocation each.)
        buffer, ends = bytearray(), np.zeros(n + 1, dtype=np.int64)
        for i, row in enumerate(rows):
            buffer += orjson.dumps(dict(zip(SUMMARY_FIELDS, row)))
            ends[i + 1] = len(buffer)
        self.rows_json, self.rows_json_ends = bytes(buffer), ends
        del rows, buffer

        def floats(name: str) -> np.ndarray:
            return np.fromiter((float("nan") if v is None else float(v) for v in columns[name]), np.float64, n)

        self.days = np.fromiter((_days(v) for v in columns["event_date"]), np.float64, n)
        self.fatalities = floats("fatalities")
        self.confidence = floats("confidence")
        self.latitude = floats("latitude")
        self.longitude = floats("longitude")
        (self.event_type,) = _Coded.of(columns["event_type"])
        (self.sub_event_type,) = _Coded.of(columns["sub_event_type"])
        (self.country,) = _Coded.of(columns["country"])
        (self.admin1,) = _Coded.of(columns["admin1"])
        (self.location,) = _Coded.of(columns["location"])
        self.actor1, self.actor2 = _Coded.of(columns["actor1"], columns["actor2"])
        self.actors_lower = tuple(v.lower() for v in self.actor1.values)

        # Periods of the timeline: month number since 1970-01 and ISO week number (weeks start on Monday).
        dated = ~np.isnan(self.days)
        day_int = np.where(dated, self.days, 0).astype(np.int64)
        self.dated = dated
        self.month = day_int.astype("datetime64[D]").astype("datetime64[M]").astype(np.int64)
        self.week = (day_int + 3) // 7
        # (country, admin1) pairs coded in (country, admin1) order, NULLs last, for by_admin1.
        self.area = self.country.codes.astype(np.int64) * (len(self.admin1.values) + 1) + self.admin1.codes
        # Rows of each code, and each numeric column's rows in value order: a selective
        # condition yields its rows without a pass over the whole table.
        self.postings = {name: _Postings(getattr(self, name).codes, len(getattr(self, name).values) + 1)
                         for name in ("country", "event_type", "sub_event_type", "admin1")}
        self.by_value = {name: _ByValue(column) for name, column in (
            ("days", self.days), ("fatalities", self.fatalities), ("confidence", self.confidence),
            ("longitude", self.longitude))}
        bins = len(self.actor1.values) + 1
        self.actor_counts = np.bincount(self.actor1.codes, minlength=bins) + np.bincount(self.actor2.codes, minlength=bins)
        self.actor_postings = (_Postings(self.actor1.codes, bins), _Postings(self.actor2.codes, bins))

        self.orders = {(name, desc): self._order(name, desc) for name in (*_NUMERIC_SORTS, *_CODED_SORTS, "event_id")
                       for desc in (False, True)}
        self.ranks: dict[tuple[str, bool], np.ndarray] = {}  # row -> its place in each order
        for key, order in self.orders.items():
            rank = np.empty(n, dtype=np.int32)
            rank[order] = np.arange(n, dtype=np.int32)
            self.ranks[key] = rank
        self._text_index(con, columns["event_id"], columns["notes"])

    # -- building ----------------------------------------------------------------------

    def _order(self, name: str, descending: bool) -> np.ndarray:
        """Row order for ``ORDER BY name [DESC] NULLS LAST, event_id`` (rows are in event_id order)."""
        tiebreak = np.arange(self.size)
        if name == "event_id":
            return tiebreak[::-1].copy() if descending else tiebreak
        if name in _NUMERIC_SORTS:
            key = {"event_date": self.days, "fatalities": self.fatalities, "confidence": self.confidence}[name]
            key = -key if descending else key.copy()
            key[np.isnan(key)] = np.inf
        else:
            coded = self.actor1 if name == "actor1" else self.actor2 if name == "actor2" else getattr(self, name)
            null = len(coded.values)
            key = coded.codes.astype(np.int64)
            if descending:
                key = np.where(key == null, null, null - 1 - key)
        return np.lexsort((tiebreak, key)).astype(np.int32)

    def _text_index(self, con: duckdb.DuckDBPyConnection, event_ids: Sequence[str], notes: Sequence[str]) -> None:
        """One buffer: per event its notes and supporting sentences, lower-cased UTF-8, NUL-separated."""
        sentences: dict[str, list[str]] = {}
        for event_id, doc_text, spans in con.execute(
            "SELECT s.event_id, a.text, s.spans FROM event_sources s JOIN articles a ON a.doc_id = s.doc_id "
            "ORDER BY s.event_id, s.doc_id"
        ).fetchall():
            # substr(text, a + 1, b - a) in SQL: the span's characters, clipped to the text.
            sentences.setdefault(event_id, []).extend(doc_text[max(0, a): max(0, b)] for a, b in spans)
        parts = [
            _SEP.join(t.lower().encode("utf-8") for t in (note or "", *sentences.get(event_id, ())))
            for event_id, note in zip(event_ids, notes)
        ]
        lengths = np.fromiter((len(p) + 1 for p in parts), np.int64, len(parts))
        self.text_starts = np.concatenate([[0], np.cumsum(lengths)]).astype(np.int64)
        # The text with 8 spare bytes after it, so that ``windows[i]`` (the 8 bytes from position i as one
        # little-endian integer, an unaligned strided view, no copy) exists for every position.
        padded = (_SEP.join(parts) + _SEP if parts else b"") + bytes(8)
        self.text = np.frombuffer(padded, dtype=np.uint8)[:-8]
        self.windows = np.ndarray(shape=(len(self.text),), dtype="<u8", buffer=padded, strides=(1,))
        self.byte_counts = np.bincount(self.text, minlength=256)
        # Bigram index: the positions of every 2-byte sequence, grouped by sequence, ascending.
        text = self.text
        self.row_of_byte = np.repeat(np.arange(len(parts), dtype=np.int32), lengths)
        keys = (text[:-1].astype(np.uint16) << 8) | text[1:] if len(text) > 1 else np.zeros(0, np.uint16)
        inside = np.flatnonzero((text[:-1] != 0) & (text[1:] != 0)) if len(text) > 1 else np.zeros(0, np.int64)
        keys = keys[inside]
        self.pair_positions = inside[np.argsort(keys, kind="stable")].astype(np.int32)
        self.pair_starts = np.concatenate([[0], np.cumsum(np.bincount(keys, minlength=1 << 16))])

    # -- queries -----------------------------------------------------------------------

    def select(self, flt: Any) -> np.ndarray | None:
        """Row numbers (ascending) the filter keeps, or None for every row. ``flt`` is a validated EventFilter.

        Each condition knows how many rows it keeps before it runs (from the postings and
        the sorted columns). The most selective one, when it keeps few rows, yields its rows
        directly; otherwise it is evaluated over the whole table. Every later condition is
        evaluated only over the rows still selected. Text search comes last.
        """
        tests: list[_Test] = []
        for name, wanted in (("country", flt.country), ("event_type", flt.event_type),
                             ("sub_event_type", flt.sub_event_type), ("admin1", flt.admin1)):
            if wanted:
                coded: _Coded = getattr(self, name)
                tests.append(self.postings[name].test(coded, wanted))
        if flt.actor is not None:
            needle = flt.actor.lower()
            named = np.zeros(len(self.actors_lower) + 1, dtype=bool)
            named[:-1] = [needle in actor for actor in self.actors_lower]
            estimate = int(self.actor_counts[named].sum())  # an upper bound: both actors may match
            codes = np.flatnonzero(named).tolist()

            def actor_rows() -> np.ndarray:
                parts = [part for postings in self.actor_postings for part in postings.parts(codes)]
                keep = np.zeros(self.size, dtype=bool)  # a row may have both actors named: set, not concatenate
                for part in parts:
                    keep[part] = True
                return np.flatnonzero(keep)

            tests.append(_Test(estimate, actor_rows if len(codes) <= _MAX_LISTED_ACTORS else None,
                               lambda rows: named[_at(self.actor1.codes, rows)] | named[_at(self.actor2.codes, rows)],
                               exact=False))
        if flt.date_from is not None or flt.date_to is not None:
            low = None if flt.date_from is None else _days(flt.date_from)
            high = None if flt.date_to is None else _days(flt.date_to)
            tests.append(self.by_value["days"].test(self.days, low, high))
        if flt.min_fatalities is not None:
            tests.append(self.by_value["fatalities"].test(self.fatalities, float(flt.min_fatalities), None))
        if flt.min_confidence is not None:
            tests.append(self.by_value["confidence"].test(self.confidence, flt.min_confidence, None))
        if flt.bbox is not None:
            minlon, minlat, maxlon, maxlat = flt.bbox
            by_lon = self.by_value["longitude"].test(self.longitude, minlon, maxlon)

            def inside(rows: np.ndarray | None) -> np.ndarray:
                lon, lat = _at(self.longitude, rows), _at(self.latitude, rows)
                return (lon >= minlon) & (lon <= maxlon) & (lat >= minlat) & (lat <= maxlat)

            tests.append(_Test(by_lon.estimate, by_lon.rows, inside, exact=False))
        # A condition every row meets (min_fatalities=0, a range covering all dates) costs nothing.
        tests = sorted((t for t in tests if not (t.counted and t.estimate == self.size)), key=lambda t: t.estimate)
        selected: np.ndarray | None = None
        if tests and tests[0].rows is not None and tests[0].estimate * 4 <= self.size:
            first = tests.pop(0)
            selected = first.rows()
            if not first.exact:
                selected = selected[first.check(selected)]
        for test in tests:
            passed = test.check(selected)
            selected = np.flatnonzero(passed) if selected is None else selected[passed]
        if flt.q is not None:
            selected = self._search(flt.q.lower().encode("utf-8"), selected)
        return selected

    def mask(self, selected: np.ndarray | None) -> np.ndarray:
        keep = np.zeros(self.size, dtype=bool)
        if selected is None:
            keep[:] = True
        else:
            keep[selected] = True
        return keep

    def _search(self, needle: bytes, rows: np.ndarray | None) -> np.ndarray:
        """The rows (of ``rows``, or of all) whose search text holds ``needle``, ascending.

        Candidates are the positions of the needle's rarest byte pair (from the bigram
        index: no scan), checked byte by byte against the text; the cost follows how
        often that pair occurs, not the size of the store.
        """
        text, size = self.text, len(needle)
        if not size or size > len(text):
            return np.zeros(0, np.int64)
        pattern = np.frombuffer(needle, dtype=np.uint8)
        if size == 1:
            candidates = np.flatnonzero(text == pattern[0])
        else:
            keys = (pattern[:-1].astype(np.int64) << 8) | pattern[1:]
            counts = self.pair_starts[keys + 1] - self.pair_starts[keys]
            at = int(np.argmin(counts))
            key = int(keys[at])
            candidates = self.pair_positions[self.pair_starts[key]:self.pair_starts[key + 1]].astype(np.int64) - at
            candidates = candidates[(candidates >= 0) & (candidates <= len(text) - size)]
        owners: np.ndarray | None = None
        if rows is not None and len(candidates) > len(rows):
            # Only the candidates inside the selected rows' texts (each row's are one run of the
            # ascending candidates, found by binary search), with their rows: no per-candidate lookup.
            lo = np.searchsorted(candidates, self.text_starts[rows])
            counts = np.searchsorted(candidates, self.text_starts[rows + 1]) - lo
            total = int(counts.sum())
            firsts = np.cumsum(counts) - counts
            candidates = candidates[np.repeat(lo - firsts, counts) + np.arange(total)]
            owners = np.repeat(np.asarray(rows, dtype=np.int64), counts)
        if size > 1:
            # Eight bytes of the needle per comparison: one gather of 8-byte windows per chunk.
            for start in range(0, size, 8):
                if not len(candidates):
                    break
                chunk = needle[start:start + 8]
                mask = np.uint64((1 << (8 * len(chunk))) - 1)
                value = np.uint64(int.from_bytes(chunk, "little"))
                hit = (self.windows[candidates + start] & mask) == value
                candidates = candidates[hit]
                owners = None if owners is None else owners[hit]
        # Rows ascending, with repeats.
        found = self.row_of_byte[candidates].astype(np.int64) if owners is None else owners
        found = found[np.concatenate([[True], found[1:] != found[:-1]])] if len(found) else found
        return found if rows is None or owners is not None else _within(found, rows)

    def page(self, selected: np.ndarray | None, sort: str, descending: bool, offset: int, limit: int) -> tuple[int, np.ndarray]:
        """(total rows selected, the row numbers of one page in the requested order)."""
        order = self.orders[(sort, descending)]
        if selected is None:
            return self.size, order[offset:offset + limit]
        total = len(selected)
        if offset >= total:
            return total, order[:0]
        if total * 4 > self.size:  # many rows: read the precomputed order through a mask
            return total, order[np.flatnonzero(self.mask(selected)[order])[offset:offset + limit]]
        ranks = self.ranks[(sort, descending)][selected]
        end = min(offset + limit, total)
        if end < total:
            head = np.argpartition(ranks, end - 1)[:end]
            return total, selected[head[np.argsort(ranks[head])][offset:end]]
        return total, selected[np.argsort(ranks)[offset:end]]

    def page_json(self, rows: np.ndarray) -> bytes:
        blob, ends = self.rows_json, self.rows_json_ends
        return b"[" + b",".join([blob[ends[i]:ends[i + 1]] for i in rows.tolist()]) + b"]"

    def stats(self, selected: np.ndarray | None, interval: str, top: int, max_periods: int) -> dict[str, Any]:
        """Totals, a timeline and tallies by type, actor and (country, admin1), as ``EventsDB.stats_sql``."""
        keep = self.mask(selected)
        fat = self.fatalities
        events = int(np.count_nonzero(keep))
        fatalities = int(fat[keep].sum())

        def tally(codes: np.ndarray, weights: np.ndarray, bins: int) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
            counts = np.bincount(codes, minlength=bins)
            sums = np.bincount(codes, weights=weights, minlength=bins)
            present = np.flatnonzero(counts)
            ranked = present[np.lexsort((present, -counts[present]))]  # count desc, then value order
            return ranked, counts, sums

        timed = keep & self.dated
        periods = (self.week if interval == "week" else self.month)[timed]
        timeline: list[dict[str, Any]] = []
        truncated = False
        if len(periods):
            low = int(periods.min())
            counts = np.bincount(periods - low)
            sums = np.bincount(periods - low, weights=fat[timed])
            present = np.flatnonzero(counts)
            truncated = len(present) > max_periods
            for p in present[:max_periods].tolist():
                code = p + low
                start = (np.datetime64(code * 7 - 3, "D") if interval == "week"
                         else np.datetime64(code, "M").astype("datetime64[D]"))
                timeline.append({"period": str(start), "events": int(counts[p]), "fatalities": int(sums[p])})

        types = self.event_type
        ranked, counts, sums = tally(types.codes[keep], fat[keep], len(types.values) + 1)
        by_type = [{"event_type": types.values[c], "events": int(counts[c]), "fatalities": int(sums[c])} for c in ranked.tolist()]

        a1, a2 = self.actor1.codes, self.actor2.codes
        second = keep & (a2 != len(self.actor1.values)) & (a2 != a1)
        ranked, counts, sums = tally(np.concatenate([a1[keep], a2[second]]), np.concatenate([fat[keep], fat[second]]),
                                     len(self.actor1.values) + 1)
        by_actor = [{"actor": self.actor1.values[c], "events": int(counts[c]), "fatalities": int(sums[c])}
                    for c in ranked[:top].tolist()]

        width = len(self.admin1.values) + 1
        areas, area_codes = np.unique(self.area[keep], return_inverse=True)
        ranked, counts, sums = tally(area_codes.ravel(), fat[keep], len(areas))
        by_admin1 = []
        for c in ranked[:top].tolist():
            country, admin1 = divmod(int(areas[c]), width)
            by_admin1.append({
                "country": self.country.values[country] if country < len(self.country.values) else None,
                "admin1": self.admin1.values[admin1] if admin1 < len(self.admin1.values) else None,
                "events": int(counts[c]), "fatalities": int(sums[c]),
            })
        return {
            "interval": interval, "events": events, "fatalities": fatalities, "timeline": timeline,
            "timeline_truncated": truncated, "by_type": by_type, "by_actor": by_actor, "by_admin1": by_admin1,
        }
