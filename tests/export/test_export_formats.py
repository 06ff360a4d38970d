"""Exports: the ACLED CSV's columns and value forms, and JSONL/GeoJSON/Parquet round trips."""

from __future__ import annotations

import csv
import json
from dataclasses import replace
from datetime import date

import pyarrow.parquet as pq
import pytest

from pantau.export import FIELD_ORDER, event_to_dict, format_for, write
from pantau.export.acled_csv import COLUMNS, interaction
from pantau.records import Event, Source, Span

ACLED_COLUMNS = (
    "event_id_cnty,event_date,year,time_precision,disorder_type,event_type,sub_event_type,actor1,"
    "assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,civilian_targeting,iso,region,country,"
    "admin1,admin2,admin3,location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,"
    "tags,timestamp"
).split(",")


def _event(**kw) -> Event:
    base = Event(
        event_id="e1", event_type="Violence against civilians", sub_event_type="Attack",
        actor1="Unidentified Armed Group (Indonesia)", inter1=3, actor2="Civilians (Indonesia)", inter2=7,
        country="IDN", admin1="Papua", location="Jayapura", latitude=-2.53333, longitude=140.7,
        geo_precision=1, event_date=date(2020, 8, 1), time_precision=1, fatalities=2, notes="n",
        sources=(
            Source("d1", "https://a.test/1", "a.test", date(2020, 8, 2), (Span(0, 10), Span(20, 30))),
            Source("d2", None, "b.test", None, ()),
        ),
        confidence=0.8, language="id",
    )
    return replace(base, **kw)


def test_export_csv_has_acled_columns_in_order_and_value_forms(tmp_path):
    path = tmp_path / "out.csv"
    events = [_event(), _event(event_id="e2", event_date=None, time_precision=None)]
    result = write(events, path, timestamps=1596240000)
    assert (result.written, result.left_out_no_date, result.format) == (1, 1, "csv")
    with path.open(newline="", encoding="utf-8") as fh:
        reader = csv.DictReader(fh)
        assert reader.fieldnames == ACLED_COLUMNS == list(COLUMNS)
        [row] = list(reader)
    assert row["event_date"] == "2020-08-01" and row["year"] == "2020"
    assert row["disorder_type"] == "Political violence"
    assert (row["inter1"], row["inter2"]) == ("Political militia", "Civilians")
    assert row["interaction"] == "Political militia-Civilians"
    assert row["civilian_targeting"] == "Civilian targeting"
    assert (row["iso"], row["country"], row["region"]) == ("360", "Indonesia", "South-Eastern Asia")
    assert row["source"] == "a.test; b.test"
    assert (row["latitude"], row["longitude"]) == ("-2.5333", "140.7000")
    assert row["timestamp"] == "1596240000" and row["fatalities"] == "2"


@pytest.mark.parametrize(
    ("inter1", "inter2", "expected"),
    [(2, 1, "State forces-Rebel group"), (1, 2, "State forces-Rebel group"), (6, None, "Protesters only"),
     (8, 8, "External/Other forces-External/Other forces")],
)
def test_export_csv_interaction_is_ordered_as_acled(inter1, inter2, expected):
    assert interaction(inter1, inter2) == expected


@pytest.mark.parametrize(
    ("event_type", "sub", "disorder"),
    [("Protests", "Peaceful protest", "Demonstrations"), ("Riots", "Mob violence", "Demonstrations"),
     ("Strategic developments", "Agreement", "Strategic developments"), ("Battles", "Armed clash", "Political violence")],
)
def test_export_csv_disorder_type(tmp_path, event_type, sub, disorder):
    write([_event(event_type=event_type, sub_event_type=sub, actor2=None, inter2=None)], tmp_path / "o.csv")
    with (tmp_path / "o.csv").open(newline="", encoding="utf-8") as fh:
        [row] = list(csv.DictReader(fh))
    assert row["disorder_type"] == disorder and row["civilian_targeting"] == "" and row["inter2"] == ""


def test_export_jsonl_has_every_field(tmp_path):
    path = tmp_path / "out.jsonl"
    assert write([_event(), _event(event_id="e2", event_date=None)], path).written == 2
    first, second = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]
    assert list(first) == list(FIELD_ORDER)
    assert first["event_date"] == "2020-08-01" and second["event_date"] is None
    assert first["sources"][0] == {
        "doc_id": "d1", "url": "https://a.test/1", "publisher": "a.test", "pub_date": "2020-08-02",
        "spans": [[0, 10], [20, 30]], "duplicate_of": None,
    }
    assert first["source_count"] == len({s["doc_id"] for s in first["sources"]})
    assert first == event_to_dict(_event())


def test_export_geojson_points(tmp_path):
    path = tmp_path / "out.geojson"
    write([_event(), _event(event_id="e2", latitude=None, longitude=None)], path)
    data = json.loads(path.read_text(encoding="utf-8"))
    assert data["type"] == "FeatureCollection"
    assert data["features"][0]["geometry"] == {"type": "Point", "coordinates": [140.7, -2.53333]}
    assert data["features"][0]["properties"]["actor1"] == "Unidentified Armed Group (Indonesia)"
    assert data["features"][1]["geometry"] is None


def test_export_parquet_round_trip_with_nested_sources(tmp_path):
    path = tmp_path / "out.parquet"
    write([_event(), _event(event_id="e2", event_date=None, actor2=None, inter2=None)], path)
    table = pq.read_table(path)
    assert table.column_names == list(FIELD_ORDER)
    rows = table.to_pylist()
    assert rows[0]["event_date"] == date(2020, 8, 1) and rows[1]["event_date"] is None
    assert rows[0]["sources"][0]["spans"] == [[0, 10], [20, 30]]
    assert rows[0]["sources"][1]["doc_id"] == "d2"


def test_export_format_from_extension_or_name():
    assert format_for("x.GeoJSON") == "geojson"
    assert format_for("x.txt", "csv") == "csv"
    with pytest.raises(ValueError, match="cannot tell the format"):
        format_for("x.txt")
