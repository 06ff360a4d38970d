"""Merging within an article: same incident joins, different days or places never do."""

from __future__ import annotations

from datetime import date
from types import SimpleNamespace

from pantau.records import ActorRef, DateRef, PlaceRef
from pantau.stages.merge_article import Candidate, lead, merge_candidates

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


_KHAN_YUNIS = PlaceRef("Khan Yunis", "PSE", 31.34, 34.31, 1, admin1="Gaza Strip")
_RAFAH = PlaceRef("Rafah", "PSE", 31.29, 34.25, 1, admin1="Gaza Strip")


def _crowd(sentence: int, event_type: str, sub: str, status: str = "event", reason: str | None = None) -> Candidate:
    frame = SimpleNamespace(sentence=sentence, trigger=SimpleNamespace(start=sentence * 100), reason=reason)
    return Candidate(frame, event_type, sub, status, place=_RAQQA, extra={"a1_kind": "generic"})


def test_merge_protest_and_its_policing_are_one_event() -> None:
    """A peaceful mention and one with the police dispersing the crowd tell one protest (issue 4:
    protest duplicates within an article did not merge); the group is typed by its furthest mention."""
    groups = merge_candidates(
        [_crowd(0, "Protests", "Peaceful protest"), _crowd(1, "Protests", "Protest with intervention")]
    )
    assert len(groups) == 1
    assert lead(groups[0]).sub_event_type == "Protest with intervention"


def test_merge_protest_that_turned_violent_is_a_violent_demonstration() -> None:
    """ "demonstrated in Khartoum ... The demonstrators burned tires": a later sentence that only
    tells the protest on still makes it a riot, one event."""
    groups = merge_candidates(
        [_crowd(0, "Protests", "Peaceful protest"), _crowd(1, "Riots", "Mob violence", status="support", reason="undated")]
    )
    assert len(groups) == 1
    head = lead(groups[0])
    assert (head.event_type, head.sub_event_type, head.status) == ("Riots", "Violent demonstration", "event")


def test_merge_lead_of_a_battle_is_its_first_event() -> None:
    group = [_cand(0, place=_RAQQA), _cand(1, sub="Armed clash", place=_RAQQA)]
    assert lead(group) is group[0]


def test_merge_two_named_towns_stay_apart_even_when_near() -> None:
    """ "12 tewas ... di Khan Younis. Secara terpisah, lima ... di Rafah": ACLED codes one event per town."""
    assert len(merge_candidates([_cand(0, place=_KHAN_YUNIS), _cand(1, place=_RAFAH)])) == 2


def _remote(sentence: int, sub: str, guessed: bool, status: str = "event", reason=None, day=None) -> Candidate:
    frame = SimpleNamespace(sentence=sentence, trigger=SimpleNamespace(start=sentence * 100, rule=SimpleNamespace(generic=guessed)),
                            reason=reason)
    return Candidate(frame, "Explosions/Remote violence", sub, status, date=day, place=_RAQQA, actor1=_SDF,
                     extra={"a1_kind": "generic", "remote_guess": guessed})


def test_merge_guessed_remote_subtype_joins_the_named_weapon() -> None:
    """"serangan Iran" on a far country (a guessed air strike) and "rudal Iran" are one strike,
    typed by the weapon the text names."""
    named = _remote(0, "Shelling/artillery/missile attack", False)
    guessed = _remote(3, "Air/drone strike", True, day=DateRef(date(2025, 6, 19), 1))
    for cands in ([named, guessed], [guessed, named]):
        groups = merge_candidates(cands)
        assert len(groups) == 1
        assert lead(groups[0]).sub_event_type == "Shelling/artillery/missile attack"


def test_merge_two_named_remote_subtypes_stay_apart() -> None:
    groups = merge_candidates([_remote(0, "Shelling/artillery/missile attack", False), _remote(1, "Air/drone strike", False)])
    assert len(groups) == 2


def test_merge_purpose_clause_does_not_type_the_group() -> None:
    """"memberi perintah untuk menyerang rumah sakit" (an attack as an aim) beside the missile strike
    does not keep a later mention of that strike apart."""
    purpose = _cand(1, sub="Attack", status="support", place=_RAQQA)
    purpose.event_type = "Violence against civilians"
    purpose.frame = SimpleNamespace(sentence=1, trigger=SimpleNamespace(start=100, rule=SimpleNamespace(generic=True)), reason="purpose")
    groups = merge_candidates([_remote(0, "Shelling/artillery/missile attack", False), purpose, _remote(3, "Air/drone strike", True)])
    assert len(groups) == 1
