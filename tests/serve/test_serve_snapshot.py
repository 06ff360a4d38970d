"""The in-memory snapshot answers exactly as the SQL of EventFilter.where: pages (every sort
order, paging) and stats compared on random views of a synthetic store and on the test store."""

from __future__ import annotations

import os
import random
import shutil
from datetime import date

import pytest
from serve_store import SORTS, random_view, synthetic_store

from pantau.serve.api import EventFilter, EventsDB

FILTER_FIELDS = ("country", "admin1", "event_type", "sub_event_type", "actor", "date_from", "date_to",
                 "min_fatalities", "min_confidence", "q", "bbox")


@pytest.fixture(scope="module")
def synthetic_db(tmp_path_factory):
    db = EventsDB(synthetic_store(tmp_path_factory.mktemp("snap") / "syn.duckdb", events=3_000))
    yield db
    db.close()


def split(view):
    flt = EventFilter(**{k: v for k, v in view.items() if k in FILTER_FIELDS})
    column = view["sort"].lstrip("-")
    return flt, column, view["sort"].startswith("-"), view["page"], view["page_size"]


def test_serve_snapshot_pages_match_sql_on_random_views(synthetic_db):
    rng = random.Random(1)
    nonempty = 0
    for _ in range(150):
        flt, column, desc, page, size = split(random_view(rng))
        fast = synthetic_db.page(flt, sort=column, descending=desc, page=page, page_size=size)
        assert fast == synthetic_db.page_sql(flt, sort=column, descending=desc, page=page, page_size=size), flt
        nonempty += bool(fast["events"])
    assert nonempty > 50  # the views are not all empty


def test_serve_snapshot_stats_match_sql_on_random_views(synthetic_db):
    rng = random.Random(2)
    for n in range(40):
        flt, *_ = split(random_view(rng))
        interval, top = ("week", "month")[n % 2], rng.choice((1, 5, 20))
        assert synthetic_db.stats(flt, interval=interval, top=top) == synthetic_db.stats_sql(flt, interval=interval, top=top), flt


@pytest.mark.parametrize("column", SORTS)
def test_serve_snapshot_every_sort_order_matches_sql(store_path, column):
    db = EventsDB(store_path)
    try:
        for desc in (False, True):
            for flt in (EventFilter(), EventFilter(country=("IDN",)), EventFilter(q="the")):
                assert db.page(flt, sort=column, descending=desc) == db.page_sql(flt, sort=column, descending=desc)
        assert db.stats(EventFilter()) == db.stats_sql(EventFilter())
        assert db.stats(EventFilter(), interval="week", top=3) == db.stats_sql(EventFilter(), interval="week", top=3)
    finally:
        db.close()


def test_serve_snapshot_text_search_never_spans_two_texts(tmp_path):
    db = EventsDB(synthetic_store(tmp_path / "syn.duckdb", events=50))
    try:
        # The notes end "...event 1" and a sentence starts "Soldiers": no match across the boundary.
        assert db.page(EventFilter(q="event 1soldiers"))["total"] == 0
        assert db.page(EventFilter(q="event 1"))["total"] == db.page_sql(EventFilter(q="event 1"))["total"] > 1
        narrowed = EventFilter(q="town 4", country=("IDN",))
        assert db.page(narrowed) == db.page_sql(narrowed)
    finally:
        db.close()


def test_serve_snapshot_reloads_when_the_store_file_is_replaced(tmp_path):
    small, large = synthetic_store(tmp_path / "a.duckdb", events=20), synthetic_store(tmp_path / "b.duckdb", events=40)
    live = tmp_path / "live.duckdb"
    shutil.copy(small, live)
    db = EventsDB(live, recheck_s=0.0)
    try:
        assert db.page(EventFilter())["total"] == 20
        os.replace(shutil.copy(large, tmp_path / "next.duckdb"), live)
        assert db.page(EventFilter())["total"] == 40
        assert db.event("ev000039") is not None  # the detail connection was reopened as well
    finally:
        db.close()


@pytest.mark.parametrize("column", SORTS)
def test_serve_snapshot_large_and_small_views_match_sql(synthetic_db, column):
    # Large views read the precomputed order through a mask; small ones sort their own ranks;
    # common needles scan every row, rare ones only the trigram candidates.
    views = (
        EventFilter(event_type=("Battles", "Riots", "Protests", "Violence against civilians")),
        EventFilter(admin1=("Region 3",)),
        EventFilter(q="police"),
        EventFilter(q="town 12", country=("IDN", "SYR")),
        EventFilter(q="event 9", min_fatalities=3),
    )
    for flt in views:
        for desc in (False, True):
            for page, size in ((1, 7), (3, 50), (40, 100)):
                fast = synthetic_db.page(flt, sort=column, descending=desc, page=page, page_size=size)
                assert fast == synthetic_db.page_sql(flt, sort=column, descending=desc, page=page, page_size=size)


def test_serve_snapshot_empty_store(tmp_path):
    from pantau.store.duckdb import Store

    Store(tmp_path / "empty.duckdb").close()
    db = EventsDB(tmp_path / "empty.duckdb")
    try:
        for flt in (EventFilter(), EventFilter(q="abc", country=("IDN",), min_fatalities=1)):
            assert db.page(flt) == db.page_sql(flt) == {"total": 0, "page": 1, "page_size": 100, "events": []}
            assert db.stats(flt, interval="week") == db.stats_sql(flt, interval="week")
    finally:
        db.close()


def test_serve_snapshot_conditions_every_row_meets(synthetic_db):
    for flt in (EventFilter(min_fatalities=0), EventFilter(min_confidence=0.0, country=("IDN",)),
                EventFilter(date_from=date(1900, 1, 1), q="police"), EventFilter(min_fatalities=0, date_to=date(2100, 1, 1))):
        assert synthetic_db.page(flt, sort="fatalities") == synthetic_db.page_sql(flt, sort="fatalities")
