"""The JSON API through FastAPI's TestClient, over a store the tests write through Store:
every endpoint, every filter, sorting, paging, exports, and hostile or invalid input."""

from __future__ import annotations

import csv
import io
import json
import re

import duckdb
import pytest
from serve_store import SPECS, build_store

from pantau.export.acled_csv import COLUMNS
from pantau.serve.api import (
    MAX_PAGE_SIZE,
    SORT_COLUMNS,
    EventFilter,
    EventsDB,
    FilterError,
)
from pantau.store.duckdb import Store

ALL = {s.event_id for s in SPECS}


def ids(response) -> set[str]:
    assert response.status_code == 200, response.text
    return {e["event_id"] for e in response.json()["events"]}


def error(response, status: int = 400) -> str:
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/json")
    body = response.json()["error"]
    assert body["status"] == status and body["message"]
    return body["message"]


# -- /api/events ---------------------------------------------------------------------------


def test_serve_events_default_lists_all_newest_first(client):
    body = client.get("/api/events").json()
    assert body["total"] == len(SPECS) and body["page"] == 1 and body["page_size"] == 100
    dates = [e["event_date"] for e in body["events"]]
    assert dates[0] == "2021-06-01" and dates[-1] is None  # undated last
    first = body["events"][0]
    assert set(first) >= {"event_id", "event_type", "actor1", "latitude", "confidence"}


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("country=NGA", {"ev08"}),
        ("country=irq&country=SYR", {"ev07", "ev09"}),
        ("admin1=Jakarta Raya", {"ev03", "ev04"}),
        ("event_type=Battles", {"ev01", "ev09", "ev10"}),
        ("event_type=Riots&event_type=Protests", {"ev03", "ev04"}),
        ("sub_event_type=Attack", {"ev02", "ev08"}),
        ("actor=islamic state", {"ev07", "ev09"}),  # actor1 or actor2, any case
        ("actor=Civilians (Indonesia)", {"ev02", "ev05"}),
        ("date_from=2021-04-10&date_to=2021-04-25", {"ev03", "ev04", "ev10"}),
        ("date_from=2021-05-02", {"ev06", "ev11"}),
        ("date_to=2020-11-20", {"ev07"}),
        ("min_fatalities=5", {"ev07", "ev08", "ev09"}),
        ("q=MAKASSAR", {"ev05"}),  # in the notes
        ("q=kiosk owner", {"ev02"}),  # only in the supporting sentence
        ("q=terluka", {"ev05"}),  # the second supporting sentence of ev05
        ("q=Schools in the district", set()),  # in the article, but in no supporting sentence
        ("bbox=130,-6,141,-2", {"ev01", "ev02", "ev10", "ev12"}),
        ("country=IDN&event_type=Battles&min_fatalities=2", {"ev01"}),
        ("country=FRA", set()),
    ],
)
def test_serve_events_filters(client, query, expected):
    assert ids(client.get(f"/api/events?{query}")) == expected
    assert client.get(f"/api/events?{query}").json()["total"] == len(expected)


def test_serve_events_min_confidence(client, tmp_path):
    # Read back (from a twin store): the store may raise the confidence of an event several articles report.
    with Store(build_store(tmp_path / "twin.duckdb"), read_only=True) as store:
        stored = {e.event_id: e.confidence for e in store.events()}
    for threshold in (0.0, 0.5, 0.85, 1.0):
        expected = {i for i, c in stored.items() if c >= threshold}
        assert ids(client.get(f"/api/events?min_confidence={threshold}")) == expected
    assert {"ev01", "ev03", "ev08"} <= ids(client.get("/api/events?min_confidence=0.85"))


@pytest.mark.parametrize("column", list(SORT_COLUMNS))
def test_serve_events_sort_every_whitelisted_column(client, column):
    for sort in (column, f"-{column}"):
        events = client.get(f"/api/events?sort={sort}").json()["events"]
        assert {e["event_id"] for e in events} == ALL
        values = [e[column] for e in events if e[column] is not None]
        assert values == sorted(values, reverse=sort.startswith("-"))


def test_serve_events_sort_fatalities_descending(client):
    events = client.get("/api/events?sort=-fatalities&page_size=3").json()["events"]
    assert [e["event_id"] for e in events] == ["ev08", "ev09", "ev07"]


def test_serve_events_pages(client):
    seen = []
    for page in (1, 2, 3):
        body = client.get(f"/api/events?page={page}&page_size=5&sort=event_id").json()
        assert body["total"] == len(SPECS)
        seen += [e["event_id"] for e in body["events"]]
    assert seen == sorted(ALL)
    beyond = client.get("/api/events?page=9&page_size=5").json()
    assert beyond["events"] == [] and beyond["total"] == len(SPECS)


# -- /api/events/{id} ----------------------------------------------------------------------


def test_serve_event_detail_has_sources_sentences_and_highlights(client):
    body = client.get("/api/events/ev10").json()
    assert body["event_type"] == "Battles" and body["fatalities"] == 1
    assert [s["doc_id"] for s in body["sources"]] == ["intan", "intan2"]
    intan = body["sources"][0]
    assert intan["sentences"][0]["text"] == "Seorang perwira tewas dalam kontak tembak dengan kelompok bersenjata di Intan Jaya."
    segment = intan["segment"]
    for (a, b), sentence in zip(segment["highlights"], intan["sentences"]):
        assert segment["text"][a:b] == sentence["text"]
        assert [sentence["start"], sentence["end"]] == [a + segment["start"], b + segment["start"]]
    assert intan["title"] == "Kontak tembak di Intan Jaya" and intan["language"] == "id"


def test_serve_event_detail_two_sentences(client):
    source = client.get("/api/events/ev05").json()["sources"][0]
    assert [s["text"] for s in source["sentences"]] == [
        "Dua pelaku bom bunuh diri tewas di depan gereja di Makassar pada Minggu pagi.",
        "Belasan jemaat terluka akibat ledakan itu.",
    ]


@pytest.mark.parametrize("event_id", ["nope", "ev01' OR '1'='1", "ev01; DROP TABLE events", "%", "x" * 200])
def test_serve_event_detail_unknown_is_404(client, event_id):
    assert "no event" in error(client.get(f"/api/events/{event_id}"), 404)


def test_serve_event_detail_id_too_long_is_400(client):
    error(client.get("/api/events/" + "x" * 201))


# -- /api/stats and /api/facets ------------------------------------------------------------


def test_serve_stats_counts_and_fatalities(client):
    body = client.get("/api/stats").json()
    assert body["events"] == len(SPECS) and body["fatalities"] == sum(s.fatalities for s in SPECS)
    assert sum(p["events"] for p in body["timeline"]) == len([s for s in SPECS if s.day])
    assert body["timeline"][0] == {"period": "2020-11-01", "events": 2, "fatalities": 45}
    by_type = {t["event_type"]: t for t in body["by_type"]}
    assert by_type["Battles"] == {"event_type": "Battles", "events": 3, "fatalities": 11}
    actors = {a["actor"]: a["events"] for a in body["by_actor"]}
    assert actors["TPNPB: West Papua National Liberation Army"] == 3  # as actor1 and as actor2
    admin1 = {(a["country"], a["admin1"]): a["events"] for a in body["by_admin1"]}
    assert admin1[("IDN", "Jakarta Raya")] == 2


def test_serve_stats_weekly_filtered_and_top(client):
    body = client.get("/api/stats?interval=week&country=IDN&top=2").json()
    assert body["interval"] == "week" and body["events"] == len([s for s in SPECS if s.country == "IDN"])
    assert body["timeline"][0]["period"] == "2021-03-01"  # ISO weeks start on Monday
    assert len(body["by_actor"]) == 2 and len(body["by_admin1"]) == 2


def test_serve_facets(client):
    body = client.get("/api/facets").json()
    assert body["events"] == len(SPECS) and body["date_min"] == "2020-11-20" and body["date_max"] == "2021-06-01"
    assert {c["country"] for c in body["countries"]} == {"IDN", "IRQ", "NGA", "SYR"}
    assert "Battles" in body["event_types"] and body["sort_columns"] == list(SORT_COLUMNS)


# -- exports -------------------------------------------------------------------------------


def test_serve_csv_is_acled_csv_of_the_filtered_view(client):
    response = client.get("/api/events.csv?country=IDN")
    assert response.status_code == 200 and response.headers["content-type"].startswith("text/csv")
    assert "attachment" in response.headers["content-disposition"]
    rows = list(csv.DictReader(io.StringIO(response.text)))
    assert tuple(rows[0]) == COLUMNS
    dated_idn = {s.event_id for s in SPECS if s.country == "IDN" and s.day}
    assert {r["event_id_cnty"] for r in rows} == dated_idn  # the undated event cannot be an ACLED row
    assert {r["country"] for r in rows} == {"Indonesia"} and {r["timestamp"] for r in rows} == {"1700000000"}


def test_serve_geojson_of_the_filtered_view(client):
    response = client.get("/api/events.geojson?country=IDN")
    assert response.status_code == 200 and response.headers["content-type"] == "application/geo+json"
    body = json.loads(response.text)
    features = {f["id"]: f for f in body["features"]}
    assert set(features) == {s.event_id for s in SPECS if s.country == "IDN"}
    assert features["ev11"]["geometry"] is None
    assert features["ev03"]["geometry"]["coordinates"] == [106.8451, -6.2146]
    assert features["ev05"]["properties"]["sources"][0]["spans"]


def test_serve_export_is_bounded(store_path):
    db = EventsDB(store_path)
    try:
        with pytest.raises(FilterError, match="at most 3"):
            db.events(EventFilter(), limit=3)
        assert len(db.events(EventFilter(country=("NGA",)), limit=3)) == 1
    finally:
        db.close()


# -- errors and hostile input -------------------------------------------------------------

ENDPOINTS = ("/api/events", "/api/stats", "/api/events.csv", "/api/events.geojson")
SQL = ("' OR '1'='1", "1; DROP TABLE events; --", "IDN' UNION SELECT text FROM articles --", "%", "_", "\\", "e.country",
       ")) OR 1=1 --")


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize("param", ["country", "admin1", "actor", "q"])
@pytest.mark.parametrize("value", SQL)
def test_serve_sql_fragments_in_text_filters_match_nothing(client, endpoint, param, value):
    response = client.get(endpoint, params={param: value})
    assert response.status_code == 200, response.text
    if endpoint == "/api/events":
        assert response.json()["total"] == 0
    elif endpoint == "/api/stats":
        assert response.json()["events"] == 0
    assert client.get("/api/events").json()["total"] == len(SPECS)  # nothing was dropped


@pytest.mark.parametrize("endpoint", ENDPOINTS)
@pytest.mark.parametrize(
    "param",
    ["event_type", "sub_event_type", "date_from", "date_to", "min_fatalities", "min_confidence", "bbox"],
)
@pytest.mark.parametrize("value", SQL[:3])
def test_serve_sql_fragments_in_typed_filters_are_400(client, endpoint, param, value):
    assert param in error(client.get(endpoint, params={param: value}))


@pytest.mark.parametrize(
    ("endpoint", "query", "param"),
    [
        ("/api/events", "sort=event_date;DROP TABLE events", "sort"),
        ("/api/events", "sort=-(SELECT 1)", "sort"),
        ("/api/events", "sort=text", "sort"),
        ("/api/events", "page_size=501", "page_size"),
        ("/api/events", f"page_size={MAX_PAGE_SIZE * 1000}", "page_size"),
        ("/api/events", "page_size=0", "page_size"),
        ("/api/events", "page=0", "page"),
        ("/api/events", "page=" + "9" * 40, "page"),
        ("/api/events", "page=1e3", "page"),
        ("/api/events", "min_fatalities=" + "9" * 30, "min_fatalities"),
        ("/api/events", "min_fatalities=-1", "min_fatalities"),
        ("/api/events", "min_confidence=1e309", "min_confidence"),
        ("/api/events", "min_confidence=nan", "min_confidence"),
        ("/api/events", "min_confidence=1.5", "min_confidence"),
        ("/api/events", "date_from=2021-02-30", "date_from"),
        ("/api/events", "date_from=20210101x", "date_from"),
        ("/api/events", "date_to=99999-01-01", "date_to"),
        ("/api/events", "date_from=1000-01-01", "date_from"),
        ("/api/events", "date_from=2021-05-01&date_to=2021-04-01", "date_from"),
        ("/api/events", "event_type=Massacre", "event_type"),
        ("/api/events", "sub_event_type=Picnic", "sub_event_type"),
        ("/api/events", "bbox=1,2,3", "bbox"),
        ("/api/events", "bbox=10,0,0,5", "bbox"),
        ("/api/events", "bbox=0,0,200,5", "bbox"),
        ("/api/events", "bbox=0,0,inf,5", "bbox"),
        ("/api/events", "country=", "country"),
        ("/api/events", "actor=" + "a" * 201, "actor"),
        ("/api/events", "q=a%00b", "q"),
        ("/api/events", "&".join(["country=IDN"] * 51), "country"),
        ("/api/events", "foo=1", "foo"),
        ("/api/events", "country=IDN&Country=IDN", "Country"),
        ("/api/events", "interval=week", "interval"),
        ("/api/stats", "interval=day", "interval"),
        ("/api/stats", "interval=week'--", "interval"),
        ("/api/stats", "top=0", "top"),
        ("/api/stats", "top=1000000000", "top"),
        ("/api/stats", "page=1", "page"),
        ("/api/events.csv", "page_size=10", "page_size"),
        ("/api/events.geojson", "sort=fatalities", "sort"),
        ("/api/events/ev01", "verbose=1", "verbose"),
        ("/api/facets", "country=IDN", "country"),
    ],
)
def test_serve_invalid_parameters_get_a_clear_400(client, endpoint, query, param):
    message = error(client.get(f"{endpoint}?{query}"))
    assert param in message
    params = client.get(f"{endpoint}?{query}").json()["error"]["params"]
    assert any(p["param"] == param for p in params)


def test_serve_unknown_route_is_json_404(client):
    error(client.get("/api/nothing"), 404)


def test_serve_store_connection_is_read_only(store_path):
    db = EventsDB(store_path)
    try:
        with pytest.raises(duckdb.Error):
            db._rows("DELETE FROM events")
    finally:
        db.close()


def test_serve_missing_store_is_a_store_error(tmp_path):
    from pantau.errors import StoreError
    from pantau.serve.app import create_app

    with pytest.raises(StoreError, match="E030"):
        create_app(tmp_path / "absent.duckdb")


# -- page, docs, headers ------------------------------------------------------------------


def test_serve_page_and_docs_load_only_local_files(client):
    for path in ("/", "/docs"):
        response = client.get(path)
        assert response.status_code == 200
        refs = re.findall(r"""(?:src|href)=["']([^"']+)""", response.text)
        assert refs and all(ref.startswith("/") for ref in refs), refs
    csp = client.get("/").headers["content-security-policy"]
    assert "default-src 'self'" in csp and "script-src 'self'" in csp
    assert client.get("/api/events").headers["x-content-type-options"] == "nosniff"


def test_serve_openapi_documents_every_endpoint(client):
    paths = client.get("/openapi.json").json()["paths"]
    assert set(paths) == {"/api/events", "/api/events.csv", "/api/events.geojson", "/api/events/{event_id}",
                          "/api/stats", "/api/facets"}
    names = {p["name"] for p in paths["/api/events"]["get"]["parameters"]}
    assert names >= {"country", "admin1", "date_from", "date_to", "event_type", "sub_event_type", "actor",
                     "min_fatalities", "min_confidence", "q", "bbox", "sort", "page", "page_size"}


def test_serve_labels_have_both_languages_with_the_same_keys(client):
    labels = client.get("/static/labels.json").json()
    assert set(labels["en"]) == set(labels["id"])
    assert set(labels["en"]["types"]) == set(labels["id"]["types"]) == set(labels["colors"])


def test_serve_events_plain_asgi_path_matches_fastapi_route(client):
    """GET /api/events is answered before FastAPI's routing; the FastAPI route (same code) gives the same."""
    from starlette.datastructures import QueryParams

    from pantau.serve.app import events_page

    query = "country=IDN&sort=-fatalities&page_size=3"
    fast = client.get(f"/api/events?{query}")
    assert fast.status_code == 200 and fast.headers["content-type"] == "application/json"
    assert fast.headers["x-frame-options"] == "DENY" and "content-security-policy" in fast.headers
    assert fast.content == events_page(client.app.state.events_db, QueryParams(query))
    bad = client.get("/api/events?page_size=0&sortt=x")
    assert bad.status_code == 400 and bad.json()["error"]["params"][0]["param"] == "sortt"
    assert bad.headers["x-content-type-options"] == "nosniff"
    assert client.post("/api/events").status_code == 405  # other methods reach FastAPI's router
