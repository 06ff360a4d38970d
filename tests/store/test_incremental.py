"""The store merges across articles as they arrive: incremental, idempotent, decisions kept."""

from __future__ import annotations

from datetime import date

import pytest
from pipeline_double import FakePipeline, event_line

from pantau.errors import StoreError
from pantau.export import Provenance, event_to_dict
from pantau.records import Article
from pantau.store.duckdb import Store

TABLES = ("articles", "events", "event_sources", "reports", "event_links", "near_duplicates", "merge_decisions")
STORY = "Kontak tembak terjadi di Jayapura antara aparat dan kelompok bersenjata, kata juru bicara kepolisian daerah. "


def _article(doc_id: str, *lines: str, pub: date = date(2020, 8, 1), url: str | None = None, body: str = "") -> Article:
    text = "Judul " + doc_id + "\n" + "".join(lines) + (body or f"Catatan {doc_id} tentang hal lain sama sekali.\n")
    return Article(doc_id, text, url=url or f"https://x.test/{doc_id}", publisher=f"{doc_id}.test", pub_date=pub,
                   origin=f"{doc_id}.txt")


def _write(store: Store, *articles: Article, updated: int = 1) -> None:
    pipeline = FakePipeline()
    store.write([pipeline(a) for a in articles], updated=updated)


def _snapshot(store: Store):
    return {t: store.table(t) for t in TABLES}


def test_store_new_article_merges_into_the_existing_event(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, _article("a", event_line(fatalities=2)))
        [first] = store.events()
        _write(store, _article("b", event_line(fatalities=3, location="Abepura", lat=-2.6, lon=140.63), pub=date(2020, 8, 2)), updated=2)
        [merged] = store.events()
        assert merged.event_id == first.event_id  # the earliest report names the event
        assert [s.doc_id for s in merged.sources] == ["a", "b"]
        assert merged.fatalities == 3  # the later report revises the toll
        assert store.source_counts() == {merged.event_id: 2}
        [(_, _, reason)] = store.links(merged.event_id)
        assert "same sub-type" in reason
        rows = store.table("event_sources")
        assert {r[1]: r[12] for r in rows} == {"a": 2, "b": 3}  # each source keeps its reported toll


def test_store_same_input_twice_changes_nothing(tmp_path):
    articles = [_article("a", event_line()), _article("b", event_line(fatalities=4)), _article("c", event_line(day="2020-08-20"))]
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, *articles)
        first = _snapshot(store)
        _write(store, *articles, updated=99)
        assert _snapshot(store) == first


def test_store_updated_article_replaces_its_earlier_version(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, _article("a", event_line()), _article("b", event_line()))
        assert len(store.events()) == 1
        # same url, new text, new id: the old version's contribution goes
        _write(store, _article("b2", event_line(day="2020-09-15"), url="https://x.test/b"), updated=2)
        assert sorted(a.doc_id for a in store.articles()) == ["a", "b2"]
        events = store.events()
        assert sorted(tuple(s.doc_id for s in e.sources) for e in events) == [("a",), ("b2",)]


def test_store_split_and_merge_survive_reruns(tmp_path):
    a, b = _article("a", event_line()), _article("b", event_line())
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, a, b)
        [event] = store.events()
        parts = store.split(event.event_id, updated=2)
        assert len(parts) == 2
        _write(store, a, b, updated=3)
        assert len(store.events()) == 2
        store.merge(parts, updated=4)
        assert len(store.events()) == 1
        _write(store, a, b, updated=5)
        [again] = store.events()
        assert again.event_id == event.event_id
        with pytest.raises(StoreError, match="E031"):
            store.split("no-such-event", updated=6)


def test_store_near_duplicate_copy_counts_once(tmp_path):
    with Store(tmp_path / "s.duckdb") as store:
        _write(store, _article("a", event_line(), body=STORY * 3), _article("b", event_line(), body=STORY * 3),
               _article("c", event_line(), body="Laporan lain yang ditulis sendiri oleh koresponden kami di sana.\n"))
        [event] = store.events()
        assert len(event.sources) == 3
        assert store.duplicates() == {"b": "a"}
        assert store.source_counts()[event.event_id] == 2
        provenance = Provenance(store.source_counts(), store.duplicates())
        out = event_to_dict(event, provenance)
        assert out["source_count"] == 2
        assert [s["duplicate_of"] for s in out["sources"]] == [None, "a", None]
