"""Merging within an article: same incident joins, different days or places never do."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from pantau.records import ActorRef, DateRef, PlaceRef
from pantau.stages.merge_article import Candidate, merge_candidates

_RAQQA = PlaceRef("Raqqa", "SYR", 35.95, 39.01, 1, admin1="Ar Raqqa")
_DARAA = PlaceRef("Daraa", "SYR", 32.62, 36.10, 1, admin1="Daraa")
_SDF = ActorRef("SDF: Syrian Democratic Forces", 2, "SYR")


def _cand(sentence: int, sub: str = "Armed clash", status: str = "event", day=None, place=None, actor=_SDF) -> Candidate:
    frame = SimpleNamespace(sentence=sentence, trigger=SimpleNamespace(start=sentence * 100))
    return Candidate(frame, "Battles", sub, status, date=day, place=place, actor1=actor, extra={"a1_kind": "named"})


def test_merge_undated_lead_joins_dated_mention() -> None:
    groups = merge_candidates([_cand(0, place=_RAQQA), _cand(1, day=DateRef(date(2017, 6, 6), 1))])
    assert len(groups) == 1


def test_merge_different_days_stay_apart() -> None:
    groups = merge_candidates(
        [_cand(0, day=DateRef(date(2017, 6, 6), 1), place=_RAQQA), _cand(3, day=DateRef(date(2017, 6, 17), 1), place=_RAQQA)]
    )
    assert len(groups) == 2


def test_merge_different_places_stay_apart() -> None:
    assert len(merge_candidates([_cand(0, place=_RAQQA), _cand(1, place=_DARAA)])) == 2


def test_merge_different_subtypes_stay_apart() -> None:
    groups = merge_candidates([_cand(0, place=_RAQQA), _cand(1, sub="Non-state actor overtakes territory", place=_RAQQA)])
    assert len(groups) == 2


def test_merge_support_adds_place_never_founds_event() -> None:
    groups = merge_candidates([_cand(0), _cand(1, status="support", place=_RAQQA)])
    assert len(groups) == 1 and groups[0][1].place == _RAQQA
    assert merge_candidates([_cand(0, status="support", place=_RAQQA)]) == []


def test_merge_is_idempotent_on_order() -> None:
    cands = [_cand(2, place=_RAQQA), _cand(0, place=_RAQQA)]
    assert [len(g) for g in merge_candidates(cands)] == [len(g) for g in merge_candidates(list(reversed(cands)))]


def test_merge_generic_support_joins_any_violent_incident() -> None:
    """ "A bomb exploded ... The attack killed 5": the generic "attack" tells the bombing on."""
    head = _cand(0, place=_RAQQA)
    head.event_type = "Explosions/Remote violence"
    told_on = _cand(1, status="support")
    told_on.frame = SimpleNamespace(sentence=1, trigger=SimpleNamespace(start=100, rule=SimpleNamespace(generic=True)))
    groups = merge_candidates([head, told_on])
    assert len(groups) == 1 and len(groups[0]) == 2
