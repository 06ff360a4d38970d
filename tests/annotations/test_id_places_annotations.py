"""The hand-coded Indonesian place mentions stay well-formed and tied to the corpus they annotate.

The file is the geoparser's Indonesian test set (issue 3), so a broken offset or a made-up
country code would silently corrupt every accuracy figure measured on it. The schema checks
always run; the offset checks need ../shared and skip without it.
"""

from __future__ import annotations

import json
from collections import defaultdict
from pathlib import Path
from typing import Any

import pycountry
from tooling import read_jsonl_strict

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations" / "id_places.jsonl"

KEYS = {
    "doc_id", "start", "end", "surface", "geonameid", "name", "kind", "country", "admin1",
    "latitude", "longitude", "role", "not_a_place", "note",
}
KINDS = {"country", "admin1", "admin2", "populated", "site", "region"}
ROLES = {"text", "dateline"}
MIN_MENTIONS = 150
MIN_DOCS = 25
MAX_SURFACE_CHARS = 40  # a surface is a name, never a stretch of article text


def _load() -> list[dict[str, Any]]:
    return read_jsonl_strict(ANNOTATIONS)


ROWS = _load()


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _row_problems(row: dict[str, Any]) -> list[str]:
    """Everything wrong with one mention, so one failure lists them all."""
    problems: list[str] = []
    if set(row) != KEYS:
        return [f"keys differ: missing {KEYS - set(row)}, extra {set(row) - KEYS}"]
    if not (isinstance(row["doc_id"], str) and row["doc_id"]):
        problems.append("doc_id")
    if not (_is_int(row["start"]) and _is_int(row["end"]) and 0 <= row["start"] < row["end"]):
        problems.append("start/end")
    elif row["end"] - row["start"] != len(row["surface"]):
        problems.append("end - start != len(surface)")
    if not (isinstance(row["surface"], str) and 0 < len(row["surface"]) <= MAX_SURFACE_CHARS):
        problems.append("surface")
    if not (row["geonameid"] is None or (_is_int(row["geonameid"]) and row["geonameid"] > 0)):
        problems.append("geonameid")
    if not (isinstance(row["name"], str) and row["name"]):
        problems.append("name")
    if row["kind"] not in KINDS:
        problems.append(f"kind {row['kind']!r}")
    country = row["country"]
    if country is None:
        if row["kind"] != "region":
            problems.append("only a region may lack a country")
    elif not (isinstance(country, str) and pycountry.countries.get(alpha_3=country) is not None):
        problems.append(f"country {country!r} is not ISO 3166-1 alpha-3")
    if not (row["admin1"] is None or (isinstance(row["admin1"], str) and row["admin1"])):
        problems.append("admin1")
    if row["kind"] == "country" and (row["admin1"] is not None or row["geonameid"] is None):
        problems.append("a country has a geonameid and no admin1")
    if not (_is_number(row["latitude"]) and -90 <= row["latitude"] <= 90):
        problems.append("latitude")
    if not (_is_number(row["longitude"]) and -180 <= row["longitude"] <= 180):
        problems.append("longitude")
    if row["role"] not in ROLES:
        problems.append(f"role {row['role']!r}")
    if not isinstance(row["not_a_place"], bool):
        problems.append("not_a_place")
    if not (row["note"] is None or (isinstance(row["note"], str) and row["note"])):
        problems.append("note")
    return problems


def test_id_places_annotations_schema() -> None:
    bad = {f"{r.get('doc_id')}@{r.get('start')}": p for r in ROWS if (p := _row_problems(r))}
    assert not bad, bad


def test_id_places_annotations_size_and_variety() -> None:
    places = [r for r in ROWS if not r["not_a_place"]]
    assert len(places) >= MIN_MENTIONS
    assert len({r["doc_id"] for r in ROWS}) >= MIN_DOCS
    kinds = {r["kind"] for r in places}
    assert {"country", "admin1", "admin2", "populated"} <= kinds
    assert any(r["role"] == "dateline" for r in ROWS)
    assert any(r["not_a_place"] for r in ROWS)


def test_id_places_annotations_spans_do_not_overlap() -> None:
    spans: dict[str, list[tuple[int, int]]] = defaultdict(list)
    for row in ROWS:
        spans[row["doc_id"]].append((row["start"], row["end"]))
    for doc_id, doc_spans in spans.items():
        doc_spans.sort()
        for (_, end), (start, _) in zip(doc_spans, doc_spans[1:]):
            assert end <= start, f"overlapping mentions in {doc_id} at {start}"


def test_id_places_annotations_match_corpus(shared_dir: Path) -> None:
    corpus = shared_dir / "corpus"
    texts: dict[str, str] = {}
    with (corpus / "id_news_conflict_sample.jsonl").open(encoding="utf-8") as handle:
        for line in handle:
            record = json.loads(line)
            texts[record["doc_id"]] = record["text"]
    dev_ids = {
        line.strip()
        for line in (corpus / "dev_ids.txt").read_text(encoding="utf-8").splitlines()
        if line.strip() and not line.startswith("#")
    }
    wrong = []
    for row in ROWS:
        assert row["doc_id"] in texts, f"{row['doc_id']} is not in the corpus"
        assert row["doc_id"] in dev_ids, f"{row['doc_id']} is not a dev id"
        if texts[row["doc_id"]][row["start"]:row["end"]] != row["surface"]:
            wrong.append(f"{row['doc_id']}@{row['start']} {row['surface']!r}")
    assert not wrong, wrong
