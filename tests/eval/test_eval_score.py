"""The matching rule of events.md, clause by clause, and the one-to-one assignment."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

import pytest

from pantau.eval.gold import GoldDoc, GoldEvent
from pantau.eval.score import dates_agree, match, places_agree, score
from pantau.records import Article, Event

# Jayapura; 0.4 degrees of latitude is about 44 km, 0.6 about 67 km.
LAT, LON = -2.53, 140.7


def _ev(**kw) -> Event:
    base = Event(
        event_id="p", event_type="Battles", sub_event_type="Armed clash", actor1="Military Forces of Indonesia",
        inter1=1, country="IDN", location="Jayapura", latitude=LAT, longitude=LON, geo_precision=1,
        event_date=date(2020, 8, 10), time_precision=1, admin1="Papua", fatalities=2,
    )
    return replace(base, **kw)


def _gold(optional: bool = False, **kw) -> GoldEvent:
    return GoldEvent(_ev(event_id="g", **kw), optional)


def _doc(*events: GoldEvent) -> GoldDoc:
    return GoldDoc(Article("d", "text"), events, "d.json")


def _eq(a: str, b: str) -> bool:
    return a == b


@pytest.mark.parametrize(
    ("precision", "shift", "agrees"),
    [(1, 1, True), (1, -1, True), (1, 2, False), (2, 7, True), (2, -7, True), (2, 8, False)],
)
def test_eval_dates_agree_within_gold_precision(precision, shift, agrees):
    gold = _ev(time_precision=precision)
    assert dates_agree(gold, _ev(event_date=date(2020, 8, 10) + timedelta(days=shift))) is agrees


def test_eval_dates_month_precision_means_same_month():
    gold = _ev(event_date=date(2020, 8, 15), time_precision=3)
    assert dates_agree(gold, _ev(event_date=date(2020, 8, 1)))
    assert dates_agree(gold, _ev(event_date=date(2020, 8, 31)))
    assert not dates_agree(gold, _ev(event_date=date(2020, 9, 1)))
    assert not dates_agree(gold, _ev(event_date=date(2019, 8, 15)))
    assert not dates_agree(gold, _ev(event_date=None))


def test_eval_places_within_50_km():
    gold = _ev()
    assert places_agree(gold, _ev(latitude=LAT + 0.4))
    assert not places_agree(gold, _ev(latitude=LAT + 0.6))


def test_eval_places_same_admin1_when_either_is_region_level():
    far = dict(latitude=LAT + 3, longitude=LON - 2)
    assert places_agree(_ev(geo_precision=3), _ev(**far))
    assert places_agree(_ev(), _ev(geo_precision=3, **far))
    assert not places_agree(_ev(), _ev(**far))
    assert not places_agree(_ev(geo_precision=3), _ev(admin1="Papua Barat", **far))


def test_eval_type_must_agree_when_typed_only():
    doc = _doc(_gold())
    pred = {"d": [_ev(event_type="Explosions/Remote violence", sub_event_type="Grenade")]}
    report = score([doc], pred, actor_match=_eq)
    assert (report.typed.tp, report.typed.fp, report.typed.fn) == (0, 1, 1)
    assert (report.untyped.tp, report.untyped.fp, report.untyped.fn) == (1, 0, 0)


def test_eval_optional_gold_is_neither_rewarded_nor_punished():
    found = score([_doc(_gold(), _gold(optional=True, event_date=date(2020, 6, 1)))],
                  {"d": [_ev(), _ev(event_id="p2", event_date=date(2020, 6, 1))]}, actor_match=_eq)
    assert (found.typed.tp, found.typed.fp, found.typed.fn, found.typed.optional_matched) == (1, 0, 0, 1)
    missed = score([_doc(_gold(), _gold(optional=True, event_date=date(2020, 6, 1)))], {"d": [_ev()]}, actor_match=_eq)
    assert (missed.typed.tp, missed.typed.fp, missed.typed.fn) == (1, 0, 0)
    assert missed.typed.f1 == 1.0


def test_eval_matching_is_one_to_one():
    report = score([_doc(_gold())], {"d": [_ev(), _ev(event_id="p2")]}, actor_match=_eq)
    assert (report.typed.tp, report.typed.fp, report.typed.fn) == (1, 1, 0)
    assert report.typed.precision == 0.5 and report.typed.recall == 1.0


def test_eval_assignment_maximises_matches_where_greedy_would_not():
    # p0 is closest to g0 but also matches g1; p1 matches only g0. Greedy by closeness pairs p0-g0
    # and leaves p1 and g1 unmatched; the optimal assignment matches both.
    g0 = _gold(event_date=date(2020, 8, 10))
    g1 = _gold(event_date=date(2020, 8, 11))
    p0 = _ev(event_date=date(2020, 8, 10))
    p1 = _ev(event_date=date(2020, 8, 9))
    assert match([g0, g1], [p0, p1]) == [(0, 1), (1, 0)]


def test_eval_prefers_required_over_optional_gold():
    req = _gold(event_date=date(2020, 8, 11))
    opt = _gold(optional=True, event_date=date(2020, 8, 10))
    assert match([opt, req], [_ev()]) == [(0, 1)]


def test_eval_field_accuracy_on_matched_pairs():
    gold = _doc(_gold(actor2="Free Papua Movement", inter2=2, fatalities=3))
    pred = _ev(actor2="Free Papua Movement", inter2=2, fatalities=2, latitude=LAT + 0.3, event_date=date(2020, 8, 11))
    report = score([gold], {"d": [pred]}, actor_match=_eq)
    acc = {name: s.accuracy for name, s in report.fields.items()}
    assert acc["sub_event_type"] == acc["actor1"] == acc["actor2"] == 1.0
    assert acc["fatalities"] == 0.0 and acc["event_date"] == 0.0 and acc["location"] == 0.0
    assert report.to_dict(detail=True)["docs"][0]["matched"][0]["gold"]["fatalities"] == 3


def test_eval_same_admin1_is_the_same_unit_however_spelled(real_pipeline):
    """ACLED writes "Extreme-Nord" and "Mayo-Kebbi Est" where the gazetteer writes "Far North" and
    "Mayo-Kebbi-Est": one region each, so a region-level match (these two failed before)."""
    from pantau.eval.score import gazetteer_admin1_match

    far = dict(latitude=LAT + 3, longitude=LON - 2)
    region = dict(country="CMR", geo_precision=3)
    same = gazetteer_admin1_match(real_pipeline.gazetteer)
    assert places_agree(_ev(admin1="Extreme-Nord", **region), _ev(admin1="Far North", **region, **far), same)
    assert not places_agree(_ev(admin1="Extreme-Nord", **region), _ev(admin1="North", **region, **far), same)
    chad = dict(country="TCD", geo_precision=3)
    assert places_agree(_ev(admin1="Mayo-Kebbi Est", **chad), _ev(admin1="Mayo-Kebbi-Est", **chad, **far))  # folded
    assert not places_agree(_ev(admin1="Mayo-Kebbi Est", **chad), _ev(admin1="Mayo-Kebbi Ouest", **chad, **far), same)
