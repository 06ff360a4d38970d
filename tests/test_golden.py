"""The whole pipeline on the gold samples: every required event found, nothing invented (F1 = 1.0)."""

from __future__ import annotations

import json
import math
from datetime import date
from pathlib import Path

import pytest

from pantau.pipeline import Pipeline
from pantau.records import Article, Event


@pytest.fixture(scope="module")
def pipeline() -> Pipeline:
    return Pipeline()


def _km(a: tuple[float, float], b: tuple[float, float]) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (*a, *b))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def _matches(ev: Event, gold: dict) -> bool:
    """events.md's matching rule: type, date within the gold's precision, place."""
    if ev.event_type != gold["event_type"] or ev.event_date is None:
        return False
    gday = date.fromisoformat(gold["event_date"])
    prec = gold["time_precision"]
    if prec == 3:
        if (ev.event_date.year, ev.event_date.month) != (gday.year, gday.month):
            return False
    elif abs((ev.event_date - gday).days) > (1 if prec == 1 else 7):
        return False
    if ev.country != gold["country"] or ev.latitude is None or ev.longitude is None:
        return False
    if 3 in (ev.geo_precision, gold["geo_precision"]):
        return ev.admin1 == gold["admin1"]
    return _km((ev.latitude, ev.longitude), (gold["latitude"], gold["longitude"])) <= 50.0


def _run(pipeline: Pipeline, path: Path) -> tuple[dict, tuple[Event, ...]]:
    d = json.loads(path.read_text(encoding="utf-8"))
    article = Article(
        doc_id=d["doc_id"],
        text=d["text"],
        url=d.get("url"),
        publisher=d.get("publisher"),
        pub_date=date.fromisoformat(d["pub_date"]) if d.get("pub_date") else None,
        language=d.get("language"),
    )
    return d, pipeline(article).events


def _gold_files(shared_dir: Path) -> list[Path]:
    return sorted((shared_dir / "samples").glob("*.json"))


def test_golden_every_required_event_found(pipeline: Pipeline, shared_dir: Path) -> None:
    for path in _gold_files(shared_dir):
        gold, events = _run(pipeline, path)
        for g in gold["events"]:
            if g.get("optional"):
                continue
            assert any(_matches(ev, g) for ev in events), f"{path.name}: missed {g['event_type']} {g['event_date']} {g['location']}"


def test_golden_no_invented_events(pipeline: Pipeline, shared_dir: Path) -> None:
    for path in _gold_files(shared_dir):
        gold, events = _run(pipeline, path)
        used: set[int] = set()
        for ev in events:
            hit = next((i for i, g in enumerate(gold["events"]) if i not in used and _matches(ev, g)), None)
            assert hit is not None, f"{path.name}: false event {ev.event_type} {ev.event_date} {ev.location}: {ev.notes[:80]}"
            used.add(hit)


def test_golden_fatalities_and_subtypes(pipeline: Pipeline, shared_dir: Path) -> None:
    for path in _gold_files(shared_dir):
        gold, events = _run(pipeline, path)
        for g in gold["events"]:
            if g.get("optional"):
                continue
            ev = next(ev for ev in events if _matches(ev, g))
            assert ev.fatalities == g["fatalities"], f"{path.name}: {g['evidence']}"
            assert ev.sub_event_type == g["sub_event_type"], f"{path.name}: {g['evidence']}"


def test_golden_event_ids_are_stable(pipeline: Pipeline, shared_dir: Path) -> None:
    path = _gold_files(shared_dir)[0]
    first = [e.event_id for e in _run(pipeline, path)[1]]
    again = [e.event_id for e in _run(pipeline, path)[1]]
    assert first == again and len(set(first)) == len(first)
