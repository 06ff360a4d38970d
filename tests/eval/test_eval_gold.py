"""Gold files: loading, and one clear E040 error naming the file and key for bad ones."""

from __future__ import annotations

import json

import pytest

from pantau.errors import InputError
from pantau.eval.gold import load_gold, load_gold_file

EVENT = {
    "event_date": "2020-08-01", "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
    "actor1": "Military Forces of Indonesia", "inter1": 1, "actor2": None, "inter2": None, "country": "IDN",
    "admin1": "Papua", "location": "Jayapura", "latitude": -2.53, "longitude": 140.7, "geo_precision": 1,
    "fatalities": 1, "optional": False, "evidence": "quote",
}


def _write(tmp_path, name, events=None, **top):
    doc = {"doc_id": "g1", "url": None, "publisher": "p", "pub_date": "2020-08-02", "language": "id",
           "text": "Teks berita.", "events": [EVENT] if events is None else events} | top
    path = tmp_path / name
    path.write_text(json.dumps(doc), encoding="utf-8")
    return path


def test_eval_gold_loads_article_and_events(tmp_path):
    doc = load_gold_file(_write(tmp_path, "a.json", events=[EVENT, EVENT | {"optional": True}]))
    assert doc.article.doc_id == "g1" and doc.article.pub_date.isoformat() == "2020-08-02"
    assert doc.article.language == "id" and doc.article.publisher == "p"
    assert [g.optional for g in doc.events] == [False, True]
    assert doc.events[0].event.sources[0].doc_id == "g1"


@pytest.mark.parametrize(
    ("events", "top", "key"),
    [
        ([{k: v for k, v in EVENT.items() if k != "event_type"}], {}, "events[0].event_type"),
        ([EVENT | {"event_date": "2020-13-01"}], {}, "events[0].event_date"),
        ([EVENT | {"sub_event_type": "Grenade"}], {}, "events[0].sub_event_type"),
        ([EVENT | {"latitude": "x"}], {}, "events[0].latitude"),
        ([EVENT | {"geo_precision": 4}], {}, "events[0].geo_precision"),
        ([EVENT], {"text": None}, "text"),
        ([EVENT], {"pub_date": "1/8/2020"}, "pub_date"),
    ],
)
def test_eval_gold_malformed_names_file_and_key(tmp_path, events, top, key):
    path = _write(tmp_path, "bad.json", events=events, **top)
    with pytest.raises(InputError) as err:
        load_gold_file(path)
    assert err.value.code == "E040"
    assert str(path) in str(err.value) and repr(key) in str(err.value)


def test_eval_gold_truncated_json_is_one_error(tmp_path):
    path = tmp_path / "cut.json"
    path.write_text('{"doc_id": "x", "text": "abc', encoding="utf-8")
    with pytest.raises(InputError, match=r"\[E040\] .*cut\.json: invalid gold file: not valid JSON"):
        load_gold_file(path)


def test_eval_gold_loads_shared_samples(shared_dir):
    docs = load_gold([shared_dir / "samples"])
    assert docs and all(d.article.text for d in docs)
    assert any(g.optional for d in docs for g in d.events)
