"""The DuckDB store: idempotent upserts, all-or-nothing batches, faithful read-back."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

import pytest
from pipeline_double import FakePipeline, event_line

from pantau.errors import StoreError
from pantau.records import Article
from pantau.store.duckdb import Store

TABLES = ("articles", "events", "event_sources")


def _article(doc_id: str, *lines: str) -> Article:
    return Article(doc_id, "Judul\n" + "".join(lines), url=f"https://x.test/{doc_id}", publisher="x.test",
                   pub_date=date(2020, 8, 1), origin=f"{doc_id}.txt")


def _results(*articles: Article):
    pipeline = FakePipeline()
    return [pipeline(a) for a in articles]


def _snapshot(store: Store):
    return {t: store.table(t) for t in TABLES}


def test_store_write_twice_changes_nothing(tmp_path):
    results = _results(_article("a", event_line(), event_line(location="Wamena", lat=-4.1, lon=138.9)),
                       _article("b", event_line(day="-")))
    with Store(tmp_path / "s.duckdb") as store:
        run = store.start_run(["in.jsonl"])
        store.write(results, updated=run.timestamp)
        first = _snapshot(store)
        store.write(results, updated=run.timestamp + 3600)
        assert _snapshot(store) == first
        assert store.counts() == {"articles": 2, "events": 3, "event_sources": 3, "runs": 1}


def test_store_rewrite_replaces_the_documents_events(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        store.write(_results(_article("a", event_line(), event_line(fatalities=9))), updated=1)
        store.write(_results(_article("a", event_line())), updated=2)
        events = store.events()
        assert len(events) == 1 and events[0].fatalities == 2
        assert store.counts()["event_sources"] == 1


def test_store_event_with_two_sources_survives_one_source_rewrite(tmp_path):
    [ra] = _results(_article("a", event_line()))
    [rb] = _results(_article("b", "x\n"))
    event = ra.events[0]
    shared = replace(event, sources=(*event.sources, replace(event.sources[0], doc_id="b")))
    with Store(tmp_path / "s.duckdb") as store:
        store.write([replace(ra, events=(shared,)), replace(rb, events=(shared,))], updated=1)
        store.write([replace(ra, events=())], updated=2)
        [left] = store.events()
        assert left.event_id == event.event_id
        assert [s.doc_id for s in left.sources] == ["b"]


def test_store_error_mid_batch_leaves_no_half_article(tmp_path):
    good, bad = _results(_article("good", event_line()), _article("bad", event_line()))
    broken = replace(bad, events=(replace(bad.events[0], inter1=9),))  # violates CHECK (inter1 1..8)
    with Store(tmp_path / "s.duckdb") as store:
        with pytest.raises(StoreError, match=r"E030"):
            store.write([good, broken], updated=1)
        assert store.counts() == {"articles": 0, "events": 0, "event_sources": 0, "runs": 0}
        store.write([good], updated=1)
        assert store.counts()["events"] == 1


def test_store_events_read_back_equal_written(tmp_path):
    results = _results(_article("a", event_line(actor2="Civilians (Indonesia)", inter2=7), event_line(day="-")))
    written = sorted((e for r in results for e in r.events), key=lambda e: e.event_id)
    with Store(tmp_path / "s.duckdb") as store:
        store.write(results, updated=1)
        assert sorted(store.events(), key=lambda e: e.event_id) == written
        assert store.events(doc_ids=["nope"]) == []
        assert len(store.events(doc_ids=["a"])) == 2
        assert store.articles()[0].text == results[0].article.text


def test_store_unopenable_path_is_one_line_error(tmp_path):
    (tmp_path / "dir.duckdb").mkdir()
    with pytest.raises(StoreError, match=r"\[E030\] .*dir\.duckdb"):
        Store(tmp_path / "dir.duckdb")
