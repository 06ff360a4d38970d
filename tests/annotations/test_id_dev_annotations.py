"""The hand-coded Indonesian dev set stays well-formed and tied to the corpus it annotates.

The schema checks always run (the file lives in the repo); the checks against the
article texts need ../shared and skip without it.
"""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path
from typing import Any

import pytest
from tooling import read_jsonl_strict

from pantau.records import EVENT_TYPES, INTER_LABELS

REPO = Path(__file__).resolve().parents[2]
ANNOTATIONS = REPO / "annotations" / "id_dev_events.jsonl"

DOC_KEYS = {"doc_id", "pub_date", "annotator_notes", "events"}
EVENT_KEYS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "optional", "evidence",
}
MAX_EVIDENCE_WORDS = 12


def _load() -> list[dict[str, Any]]:
    return read_jsonl_strict(ANNOTATIONS)


ROWS = _load()
EVENTS = [(row["doc_id"], i, ev) for row in ROWS for i, ev in enumerate(row["events"])]
EVENT_IDS = [f"{doc_id}#{i}" for doc_id, i, _ in EVENTS]


def _is_int(value: Any) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: Any) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def test_id_annotations_file_has_unique_docs() -> None:
    ids = [row["doc_id"] for row in ROWS]
    assert ROWS, "annotation file is empty"
    assert len(ids) == len(set(ids))


@pytest.mark.parametrize("row", ROWS, ids=[row["doc_id"] for row in ROWS])
def test_id_annotations_doc_schema(row: dict[str, Any]) -> None:
    assert set(row) == DOC_KEYS
    assert isinstance(row["doc_id"], str) and row["doc_id"]
    date.fromisoformat(row["pub_date"])
    assert isinstance(row["annotator_notes"], str) and row["annotator_notes"].strip()
    assert isinstance(row["events"], list)


@pytest.mark.parametrize(("doc_id", "index", "ev"), EVENTS, ids=EVENT_IDS)
def test_id_annotations_event_schema(doc_id: str, index: int, ev: dict[str, Any]) -> None:
    assert set(ev) == EVENT_KEYS
    date.fromisoformat(ev["event_date"])
    assert ev["time_precision"] in (1, 2, 3) and _is_int(ev["time_precision"])
    assert ev["event_type"] in EVENT_TYPES
    assert ev["sub_event_type"] in EVENT_TYPES[ev["event_type"]]
    assert isinstance(ev["actor1"], str) and ev["actor1"]
    assert _is_int(ev["inter1"]) and ev["inter1"] in INTER_LABELS
    assert (ev["actor2"] is None) == (ev["inter2"] is None)
    if ev["actor2"] is not None:
        assert isinstance(ev["actor2"], str) and ev["actor2"]
        assert _is_int(ev["inter2"]) and ev["inter2"] in INTER_LABELS
    assert isinstance(ev["country"], str) and len(ev["country"]) == 3 and ev["country"].isupper()
    assert ev["admin1"] is None or (isinstance(ev["admin1"], str) and ev["admin1"])
    assert isinstance(ev["location"], str) and ev["location"]
    assert _is_number(ev["latitude"]) and -90 <= ev["latitude"] <= 90
    assert _is_number(ev["longitude"]) and -180 <= ev["longitude"] <= 180
    assert ev["geo_precision"] in (1, 2, 3) and _is_int(ev["geo_precision"])
    assert _is_int(ev["fatalities"]) and ev["fatalities"] >= 0
    assert isinstance(ev["optional"], bool)
    assert isinstance(ev["evidence"], str) and 0 < len(ev["evidence"].split()) <= MAX_EVIDENCE_WORDS


@pytest.mark.parametrize(("doc_id", "index", "ev"), EVENTS, ids=EVENT_IDS)
def test_id_annotations_event_not_after_publication(doc_id: str, index: int, ev: dict[str, Any]) -> None:
    pub = {row["doc_id"]: row["pub_date"] for row in ROWS}[doc_id]
    assert date.fromisoformat(ev["event_date"]) <= date.fromisoformat(pub)


@pytest.fixture(scope="module")
def corpus(shared_dir: Path) -> dict[str, dict[str, Any]]:
    path = shared_dir / "corpus" / "id_news_conflict_sample.jsonl"
    with path.open(encoding="utf-8") as fh:
        return {doc["doc_id"]: doc for doc in map(json.loads, fh)}


@pytest.fixture(scope="module")
def dev_ids(shared_dir: Path) -> list[str]:
    lines = (shared_dir / "corpus" / "dev_ids.txt").read_text(encoding="utf-8").splitlines()
    return [line.strip() for line in lines if line.strip() and not line.startswith("#")]


@pytest.mark.shared
def test_id_annotations_docs_exist_in_corpus_and_dev_list(corpus: dict[str, Any], dev_ids: list[str]) -> None:
    for row in ROWS:
        assert row["doc_id"] in corpus, row["doc_id"]
        assert row["doc_id"] in dev_ids, row["doc_id"]
        assert row["pub_date"] == corpus[row["doc_id"]]["pub_date"], row["doc_id"]


@pytest.mark.shared
def test_id_annotations_follow_dev_list_order(dev_ids: list[str]) -> None:
    """The set is a prefix of dev_ids.txt, minus any skipped (unusable) ids."""
    positions = [dev_ids.index(row["doc_id"]) for row in ROWS]
    assert positions == sorted(positions)


@pytest.mark.shared
def test_id_annotations_evidence_quotes_occur_in_text(corpus: dict[str, Any]) -> None:
    missing = [
        f"{doc_id}#{index}: {ev['evidence']!r}"
        for doc_id, index, ev in EVENTS
        if ev["evidence"] not in corpus[doc_id]["text"]
    ]
    assert missing == []
