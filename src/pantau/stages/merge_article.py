"""One event per incident within an article.

Mentions of the same incident (headline, lead, "serangan itu", a later sentence
with the same sub-type and compatible actors, place and date) become one group.
Two mentions never merge when both carry their own, different dates or places:
a 6 June offensive and a 17 June advance in the same city stay two events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field, replace
from typing import Any

from pantau.records import ActorRef, DateRef, PlaceRef

__all__ = ["Candidate", "merge_candidates", "places_agree", "dates_agree", "actors_agree", "lead", "same_kind"]

_PLACE_KM = 50.0
# News is told at most this many days after it happened: a lead's undated event is not one dated earlier.
_NEWS_LAG_DAYS = 2
# Two readings of one town (a village and its district seat, two gazetteer points) lie closer.
_SAME_TOWN_KM = 5.0
_STATE = 1
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")
_VIOLENT_DEMO = ("Riots", "Violent demonstration")
_CROWD_TYPES = ("Protests", "Riots")
# Actor kinds of a street clash: state forces, rioters, protesters, civilians (no armed group).
_STREET_INTER = (1, 5, 6, 7)
# Reasons a mention only supports that still tell the incident on (frames.py): a later
# undated sentence, a subordinate clause, "the protest".
_TELLING_ON = ("undated", "subordinate", "reference")
# How far a crowd event went: a protest group is typed by its furthest mention.
_ESCALATION = {"Peaceful protest": 1, "Protest with intervention": 2, "Excessive force against protesters": 3,
               "Mob violence": 4, "Violent demonstration": 4}


@dataclass(slots=True)
class Candidate:
    """A frame with its own normalized date, place and actors (before merging)."""

    frame: Any  # pantau.stages.frames.Frame
    event_type: str
    sub_event_type: str
    status: str
    date: DateRef | None = None  # the frame's own date (explicit or anchored), None if the text gives none
    place: PlaceRef | None = None  # from the frame's own clause, finer than a country
    country: str | None = None  # ISO3 of the frame's place, also when the text names only a country
    actor1: ActorRef | None = None
    actor2: ActorRef | None = None
    deaths: int | None = None
    deaths_reported: bool = False
    deaths_vague: bool = False  # the count is a vague word's fixed number
    extra: dict[str, Any] = field(default_factory=dict)

    @property
    def sentence(self) -> int:
        return int(self.frame.sentence)


def _km(a: PlaceRef, b: PlaceRef) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(math.sqrt(h))


def places_agree(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    """Unknown agrees with anything; a country agrees with places inside it."""
    if a is None or b is None:
        return True
    if a.country != b.country:
        return False
    if a.admin1 is None or b.admin1 is None:
        return True  # one side names only the country
    if max(a.geo_precision, b.geo_precision) >= 3:
        return a.admin1 == b.admin1
    return _km(a, b) <= _PLACE_KM or a.admin1 == b.admin1 and min(a.geo_precision, b.geo_precision) >= 2


def _other_town(a: PlaceRef | None, b: PlaceRef | None) -> bool:
    """Two towns, each named as where something happened ("di Khan Younis", "di Rafah"): two
    incidents, as ACLED codes one event per town, even when the towns are near."""
    if a is None or b is None or a.geo_precision != 1 or b.geo_precision != 1 or a.location == b.location:
        return False
    return _km(a, b) > _SAME_TOWN_KM


def dates_agree(a: DateRef | None, b: DateRef | None) -> bool:
    if a is None or b is None:
        return True
    tolerance = {1: 1, 2: 7, 3: 31}.get(max(a.precision, b.precision), 1)
    if max(a.precision, b.precision) == 1:
        tolerance = 0
    return abs((a.day - b.day).days) <= tolerance


def actors_agree(a: ActorRef | None, b: ActorRef | None) -> bool:
    if a is None or b is None or a.name == b.name:
        return True
    # two state actors of one country (army and government) describe one side
    return a.inter == _STATE and b.inter == _STATE and a.country is not None and a.country == b.country


def _crowd(c: Candidate) -> bool:
    """A protest, or a riot that a protest may turn into."""
    return c.event_type in _CROWD_TYPES


def _street_clash(c: Candidate) -> bool:
    """A clash with no armed group in it ("bentrokan terjadi setelah demonstran menerobos pagar",
    police firing tear gas): beside a protest, the protest's violence, not a battle."""
    if (c.event_type, c.sub_event_type) != ("Battles", "Armed clash") or c.extra.get("a1_kind") == "named":
        return False
    return all(a is None or a.inter in _STREET_INTER for a in (c.actor1, c.actor2))


def same_kind(a: Candidate, b: Candidate) -> bool:
    """Two event mentions that may tell one incident: the same sub-type; or a protest and a
    protest told with its policing or its violence ("demo ... berakhir ricuh", "police dispersed
    the crowd", a clash at the protest): a coder codes one event, typed by what it became (``lead``)."""
    if a.sub_event_type == b.sub_event_type or (_crowd(a) and (_crowd(b) or _street_clash(b))) or _told_with(a, b):
        return True
    if (
        a.event_type == b.event_type == _WEAPON_TYPED
        and (_unnamed(a) or _unnamed(b))
        and abs(a.sentence - b.sentence) <= 1
        and (a.date is None or b.date is None or a.date.day == b.date.day)
    ):
        # "Two suicide bombers blew themselves up ... Both attackers were killed in the blast": an
        # explosion that names no weapon, told right next to one that does, is that one
        return True
    # "serangan Iran" on a far country is remote violence of an unnamed weapon: the missiles
    # the article names elsewhere ("rudal Iran menghantam") are the same strike
    return (
        a.event_type == b.event_type
        and (_guessed(a) or _guessed(b))
        and a.actor1 is not None
        and b.actor1 is not None
        and actors_agree(a.actor1, b.actor1)  # the same attacker named in both
    )


def _told_with(earlier: Candidate, later: Candidate) -> bool:
    """A later mention of an act the earlier one's clause told with it ("17 tewas akibat serangan
    udara dan tembakan pasukan Israel di selatan Jalur Gaza" ... "12 orang tewas akibat tembakan
    Israel di Khan Younis"), with no more dead: part of that incident, told in detail."""
    also = earlier.extra.get("also", ())
    if not also or later.frame.trigger.lemma not in also:
        return False
    return earlier.deaths is None or later.deaths is None or later.deaths <= earlier.deaths


def _older_than_news(news: Candidate, other: Candidate) -> bool:
    """The lead's undated news (``news_day``, set by the extractor) and a mention dated more than
    ``_NEWS_LAG_DAYS`` before it: an earlier incident the article recalls, not the news."""
    day = news.extra.get("news_day")
    if day is None or other.date is None or other.date.precision > 2:
        return False
    return (day - other.date.day).days > _NEWS_LAG_DAYS


# The event type whose sub-types name the weapon (an unnamed explosion may be any of them).
_WEAPON_TYPED = "Explosions/Remote violence"


def _unnamed(c: Candidate) -> bool:
    """An explosion that names no weapon ("the blast", "ledakan"; trigger flag ``unnamed``)."""
    rule = getattr(getattr(c.frame, "trigger", None), "rule", None)
    return bool(getattr(rule, "unnamed", False))


def _guessed(c: Candidate) -> bool:
    """A remote sub-type the frame guessed from a cross-border attack (frames._cross_border)."""
    return bool(c.extra.get("remote_guess"))


def lead(group: list[Candidate]) -> Candidate:
    """The mention that types a group: the first event mention, except in a crowd's group,
    which is typed by how far it went -- the protest told with the most force, or the riot it
    turned into, also when a later sentence only tells it on ("The demonstrators burned tires").
    A protest that became violence among the crowd is a violent demonstration."""
    first = next((m for m in group if m.status == "event"), group[0])
    if not _crowd(first):
        if _guessed(first) or _unnamed(first):  # the weapon a later mention names types the strike
            named = next((m for m in group if m.status == "event" and m.event_type == first.event_type and not _guessed(m) and not _unnamed(m)), None)
            if named is not None:
                return replace(first, sub_event_type=named.sub_event_type)
        return first
    told = [m for m in group if _crowd(m) and (m.status == "event" or m.frame.reason in _TELLING_ON)]
    top = min(told, key=lambda m: (-_ESCALATION.get(m.sub_event_type, 0), group.index(m)))
    if any(_street_clash(m) for m in group if m.status == "event"):
        return replace(top, event_type=_VIOLENT_DEMO[0], sub_event_type=_VIOLENT_DEMO[1], status="event")
    if top.event_type == "Riots" and any(m.event_type == "Protests" for m in told):
        return replace(top, sub_event_type=_VIOLENT_DEMO[1], status="event")
    return top if top.status == "event" else replace(top, status="event")


def _group_agrees(group: list[Candidate], cand: Candidate, check_actors: bool) -> bool:
    # a generic supporting mention ("the attack", "serangan itu") may name any violent incident
    rule = getattr(getattr(cand.frame, "trigger", None), "rule", None)
    any_type = cand.status == "support" and bool(getattr(rule, "generic", False))
    for m in group:
        crowd_pair = (_crowd(m) or _street_clash(m)) and (_crowd(cand) or _street_clash(cand))
        if m.event_type != cand.event_type and not (any_type and m.event_type in _VIOLENT) and not crowd_pair and not _told_with(m, cand):
            # a purpose clause names an aim, not the incident: it does not type the group
            # ("memberi perintah untuk menyerang rumah sakit" beside the missile strike on it)
            # and an explosion that names no weapon may be the group's, whatever the clauses told
            # under its event ("blew themselves up ..., wounding at least 20 people")
            reasons = ("purpose", "subordinate") if _unnamed(cand) else ("purpose",)
            if not (m.status == "support" and getattr(m.frame, "reason", None) in reasons and cand.status == "event"):
                return False
        if not dates_agree(m.date, cand.date) or not places_agree(m.place, cand.place):
            return False
        if m.status == cand.status == "event" and (_older_than_news(m, cand) or _older_than_news(cand, m)):
            return False
        if m.status == cand.status == "event" and _other_town(m.place, cand.place):
            return False
        if m.country and cand.country and m.country != cand.country:
            return False
        if check_actors and m.status == "event" and not actors_agree(m.actor1, cand.actor1):
            # a described actor ("pasukan Suriah") may be a named one of its country (SDF)
            loose = "named" not in (m.extra.get("a1_kind"), cand.extra.get("a1_kind"))
            same_country = m.actor1 is not None and cand.actor1 is not None and m.actor1.country == cand.actor1.country
            if not (loose and same_country):
                return False
    return True


def merge_candidates(cands: list[Candidate], support_window: int = 3) -> list[list[Candidate]]:
    """Groups of candidates, one per incident; support candidates only join groups.

    An event candidate joins the first earlier group of the same sub-type whose
    members all agree with it. A support candidate joins the nearest earlier group
    of the same type (within ``support_window`` sentences) that agrees in date and
    place; supports never found a group of their own.
    """
    groups: list[list[Candidate]] = []
    for cand in sorted(cands, key=lambda c: (c.sentence, c.frame.trigger.start)):
        if cand.status == "event":
            target = next(
                (
                    g
                    for g in groups
                    if any(m.status == "event" for m in g)
                    and same_kind(_head(g), cand)
                    and _group_agrees(g, cand, check_actors=True)
                    # a clash is a protest's violence only where the protest is being told
                    and (_crowd(cand) or not _street_clash(cand) or cand.sentence - max(m.sentence for m in g) <= support_window)
                ),
                None,
            )
            if target is None:
                groups.append([cand])
            else:
                target.append(cand)
        elif cand.status == "support":
            near = [
                g
                for g in groups
                if cand.sentence - max(m.sentence for m in g) <= support_window
                and _group_agrees(g, cand, check_actors=False)
            ]
            if near:
                max(near, key=lambda g: max(m.sentence for m in g)).append(cand)
            else:
                # keep it: a later event of the same incident may still take it (headline first)
                groups.append([cand])
    # a support-only group before its event (a headline purpose clause) joins the next agreeing group
    out: list[list[Candidate]] = []
    for g in groups:
        if all(m.status != "event" for m in g):
            later = [
                h
                for h in groups
                if h is not g
                and any(m.status == "event" for m in h)
                and all(_group_agrees(h, m, check_actors=False) for m in g)
                and abs(min(m.sentence for m in h) - min(m.sentence for m in g)) <= support_window
            ]
            if later:
                later[0].extend(g)
                continue
        out.append(g)
    return [sorted(g, key=lambda c: (c.sentence, c.frame.trigger.start)) for g in out if any(m.status == "event" for m in g)]


def _head(group: list[Candidate]) -> Candidate:
    return next(m for m in group if m.status == "event")
