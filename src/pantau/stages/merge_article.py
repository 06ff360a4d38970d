"""One event per incident within an article.

Mentions of the same incident (headline, lead, "serangan itu", a later sentence
with the same sub-type and compatible actors, place and date) become one group.
Two mentions never merge when both carry their own, different dates or places:
a 6 June offensive and a 17 June advance in the same city stay two events.
"""

from __future__ import annotations

import math
from dataclasses import dataclass, field
from typing import Any

from pantau.records import ActorRef, DateRef, PlaceRef

__all__ = ["Candidate", "merge_candidates", "places_agree", "dates_agree", "actors_agree"]

_PLACE_KM = 50.0
_STATE = 1
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")


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


def _group_agrees(group: list[Candidate], cand: Candidate, check_actors: bool) -> bool:
    # a generic supporting mention ("the attack", "serangan itu") may name any violent incident
    rule = getattr(getattr(cand.frame, "trigger", None), "rule", None)
    any_type = cand.status == "support" and bool(getattr(rule, "generic", False))
    for m in group:
        if m.event_type != cand.event_type and not (any_type and m.event_type in _VIOLENT):
            return False
        if not dates_agree(m.date, cand.date) or not places_agree(m.place, cand.place):
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
                    and _head(g).sub_event_type == cand.sub_event_type
                    and _group_agrees(g, cand, check_actors=True)
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
