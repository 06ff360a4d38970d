"""Geoparsing: find place mentions in text and pick an event's place.

Matching runs an Aho-Corasick automaton over the folded text (the fold keeps one
character per character, so offsets stay those of ``Article.text``); cue words
from the pack's ``places.toml`` say how each mention relates to the event ("in",
"near", "to", "from") and what kind of unit it is ("kota", "province").
Resolution prefers a coarser certain level to a confident wrong point: an
ambiguous name is coded at the admin1 or country its readings share, or not at all.
"""

from __future__ import annotations

import math
import re
from dataclasses import dataclass
from typing import Sequence

from pantau.knowledge.gazetteer import Gazetteer, Place
from pantau.packs import Pack
from pantau.records import PlaceRef

__all__ = ["PlaceMention", "Geoparser", "Reading"]

SPECIFICITY = {"country": 0, "admin1": 1, "admin2": 2, "populated": 3, "site": 3}
KIND_OF_TYPE = {"province": "admin1", "district": "admin2", "city": "populated", "village": "populated", "site": "site"}
WINDOW = 80  # characters of context read before a mention for its cue words


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    relation: str | None  # "in" | "near" | "to" | "from" | a type cue | None
    type_cue: str | None = None  # "province" | "district" | "city" | "village" | "site" | None
    embedded: bool = False  # inside a longer capitalised name ("Universitas Indonesia")
    initial: bool = False  # first word of a sentence, where any word is capitalised


@dataclass(frozen=True, slots=True)
class Reading:
    """One mention's chosen reading: the place and how sure the choice is."""

    mention: PlaceMention
    place: Place
    certain: bool  # False when the name was ambiguous and ``place`` is the shared coarser unit


def _alternation(words: Sequence[str]) -> str:
    ordered = sorted({w.strip() for w in words if w.strip()}, key=len, reverse=True)
    return "|".join(r"\s+".join(map(re.escape, w.split())) for w in ordered)


class Geoparser:
    """Compiled matcher and cue patterns for one language pack."""

    def __init__(self, gazetteer: Gazetteer, pack: Pack) -> None:
        self.gaz = gazetteer
        data = pack.get("places")
        self.automaton = gazetteer.automaton()
        self.fold = gazetteer.folder.text
        self.exclude = frozenset(gazetteer.fold(w) for w in data.get("not_places", ()))
        self.articles = gazetteer.articles
        relations: dict[str, list[str]] = data.get("relations", {})
        types: dict[str, list[str]] = data.get("types", {})
        self._rel_of = {" ".join(w.split()): rel for rel, ws in relations.items() for w in ws}
        self._type_of = {" ".join(w.split()): t for t, ws in types.items() for w in ws}
        rel_alt = _alternation(list(self._rel_of)) or "(?!)"
        type_alt = _alternation(list(self._type_of)) or "(?!)"
        fill_alt = _alternation(data.get("fillers", [])) or "(?!)"
        fill = rf"(?:(?:{fill_alt})\s+)*"
        self._before = re.compile(
            rf"(?<![a-z0-9])(?:(?P<rel>{rel_alt})\s+)?{fill}(?:(?P<type>{type_alt})\s+{fill})?$")
        self._after = re.compile(rf"^\s+(?P<type>{type_alt})(?![a-z0-9])")
        self._near = [re.compile(p) for p in data.get("near_patterns", [])]
        self._cue_words = frozenset(w for phrase in (*self._rel_of, *self._type_of, *data.get("fillers", []))
                                    for w in phrase.split())

    # -- finding ------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Place mentions inside text[start:end] (absolute offsets), longest match first,
        never overlapping, on word boundaries, capitalised, not a pack-excluded word."""
        end = len(text) if end is None else end
        folded = self.fold(text[start:end])
        n = len(folded)
        hits: list[tuple[int, int, str]] = []
        for last, key in self.automaton.iter(folded):
            first = last - len(key) + 1
            if first > 0 and folded[first - 1].isalnum():
                continue
            if last + 1 < n and folded[last + 1].isalnum():
                continue
            hits.append((first, last + 1, key))
        hits.sort(key=lambda h: (h[0], -(h[1] - h[0])))
        mentions: list[PlaceMention] = []
        taken_until = -1
        for first, stop, key in hits:
            if first < taken_until:
                continue
            surface = text[start + first:start + stop]
            ids = self._accept(key, surface)
            if not ids:
                continue
            taken_until = stop
            a, b = start + first, start + stop
            relation, type_cue = self._cues(text, a, b)
            mentions.append(PlaceMention(
                start=a, end=b, surface=surface,
                candidates=tuple(self.gaz.place(i) for i in ids),
                relation=relation, type_cue=type_cue, embedded=self._embedded(text, a, b),
                initial=self._initial(text, a)))
        return mentions

    def _accept(self, key: str, surface: str) -> tuple[int, ...]:
        if key in self.exclude or key in self.articles or len(key.replace(" ", "")) < 2:
            return ()
        toks = surface.replace("-", " ").split()
        core = [t for t in toks if self.gaz.fold(t) not in self.articles] or toks
        if not (core[0][:1].isupper() and toks[-1][:1].isupper()):
            return ()  # places are proper names: "Daraa", not "dara"
        return self.gaz.ids_for_surface(key, surface)

    def _cues(self, text: str, a: int, b: int) -> tuple[str | None, str | None]:
        before = self.fold(text[max(0, a - WINDOW):a])
        before = " ".join(before.split()) + " "
        relation = type_cue = None
        for pat in self._near:
            if pat.search(before):
                relation = "near"
                break
        after = self._after.match(self.fold(text[b:b + 40]))
        if after:  # "Kandahar city", "Anbar province": the word after is the name's own
            type_cue = self._type_of[" ".join(after.group("type").split())]
        m = self._before.search(before)
        if m:
            if m.group("rel") and relation is None:
                relation = self._rel_of[" ".join(m.group("rel").split())]
            if m.group("type") and type_cue is None:
                type_cue = self._type_of[" ".join(m.group("type").split())]
        return relation or type_cue, type_cue

    @staticmethod
    def _initial(text: str, a: int) -> bool:
        prev = text[max(0, a - 30):a].rstrip(" \t\"“'‘(")
        return not prev or prev[-1] in ".!?\n:"

    def _embedded(self, text: str, a: int, b: int) -> bool:
        """True when the mention is part of a longer capitalised name ("Bank Indonesia",
        "Mustefa Bali", "Pul-e Charkhi"): a capitalised non-cue word touches it
        (space or hyphen between); a sentence start on the left does not count."""
        left = re.search(r"([^\W\d_]+)(?:[ \t]+|-)$", text[max(0, a - 30):a])
        if left and left.group(1)[:1].isupper() and self.gaz.fold(left.group(1)) not in self._cue_words:
            prev = text[max(0, a - 30):a][: left.start(1)].rstrip()
            if prev and prev[-1] not in ".!?\"“:\n":
                return True
        if b < len(text) and text[b] == "-" and text[b + 1:b + 2].isalpha():
            return True  # "Pul-e ...", "Khor-e ..."
        right = re.match(r"[ \t]+([^\W\d_]+)", text[b:b + 30])
        return bool(right and right.group(1)[:1].isupper() and self.gaz.fold(right.group(1)) not in self._cue_words)

    # -- document focus -----------------------------------------------------
    def focus(self, mentions: Sequence[PlaceMention], reporter_places: Sequence[str] = ()) -> tuple[str, ...]:
        """Countries the document is about, most mentioned first; byline/dateline places
        do not count. Each mention votes for the country of its a-priori best reading."""
        skip = {self.gaz.fold(p) for p in reporter_places}
        votes: dict[str, float] = {}
        first: dict[str, int] = {}
        for k, m in enumerate(mentions):
            if self.gaz.fold(m.surface) in skip or not m.candidates:
                continue
            best = max(m.candidates, key=self._prior)
            weight = 1.0 if best.kind in ("country", "admin1") or best.population >= 50_000 else 0.5
            if m.embedded and best.kind not in ("country", "admin1"):
                weight *= 0.5
            if m.initial and m.relation is None and best.kind not in ("country", "admin1"):
                weight *= 0.25
            votes[best.country] = votes.get(best.country, 0.0) + weight
            first.setdefault(best.country, k)
        return tuple(sorted(votes, key=lambda c: (-votes[c], first[c])))

    # -- resolving ----------------------------------------------------------
    @staticmethod
    def _prior(p: Place) -> float:
        if p.kind == "country":
            return 100.0
        if p.kind == "admin1":
            return 60.0
        if p.kind == "site":
            return 55.0
        if p.kind == "admin2":
            return 40.0
        return 10.0 + 6.0 * math.log10(p.population + 1)

    def read(self, mention: PlaceMention, focus: Sequence[str],
             context: Sequence[PlaceMention] = ()) -> Reading | None:
        """The best reading of one mention given the focus countries and the other
        mentions of the same passage; None when no reading is trustworthy."""
        regions: set[tuple[str, str]] = set()
        countries: set[str] = set()
        for other in context:
            if other is mention or not other.candidates:
                continue
            top = max(other.candidates, key=self._prior)
            if top.kind == "country":
                countries.add(top.country)
            elif top.kind in ("admin1", "admin2") and top.admin1:
                regions.add((top.country, top.admin1))
                countries.add(top.country)
        want = KIND_OF_TYPE.get(mention.type_cue or "")
        # Units named like the mention: a town named like its own province or district
        # ("Kandahar", "Raqqa") is that unit's seat far more often than a namesake elsewhere.
        units = {(p.country, p.admin1) for p in mention.candidates if p.kind in ("admin1", "admin2")}

        def score(p: Place) -> tuple[float, float]:
            s = self._prior(p)
            if p.kind == "populated" and (p.country, p.admin1) in units:
                s += 20
            support = 0.0
            if focus:
                if p.country == focus[0]:
                    support += 50
                elif p.country in focus[1:]:
                    support += 30
            if p.admin1 and (p.country, p.admin1) in regions:
                support += 40
            elif p.country in countries:
                support += 25
            if want:
                s += 60 if p.kind == want or (want == "populated" and p.kind == "admin2" and
                                              p.name.lower().startswith("kota")) else -20
            return s + support, support

        ranked = sorted(mention.candidates, key=lambda p: score(p)[0], reverse=True)
        best = ranked[0]
        best_score, support = score(best)
        # A unit whose seat has the unit's own name is, in news, mostly the town ("in Raqqa").
        if best.kind in ("admin1", "admin2") and want not in ("admin1", "admin2"):
            for p in ranked[1:]:
                if p.kind == "populated" and p.country == best.country and p.admin1 == best.admin1 \
                        and self.gaz.fold(p.name) in {self.gaz.fold(mention.surface), self.gaz.fold(best.name)}:
                    seat = self.gaz.seat(best)
                    if seat is not None and seat.key == p.key:
                        best = p
                        break
        cued = mention.relation is not None or mention.type_cue is not None
        if best.kind == "populated" and best.population < 1000 and not cued and support == 0:
            return None  # a hamlet somewhere that happens to share a common word's spelling
        if mention.embedded and best.kind not in ("country", "admin1") and support == 0:
            return None  # a fragment of a longer name the gazetteer does not know
        if mention.initial and not cued and best.kind not in ("country", "admin1") and support == 0:
            return None  # any word is capitalised at a sentence start
        rivals = [p for p in ranked[1:] if score(p)[0] >= best_score - 10 and p.key != best.key
                  and not (p.country == best.country and p.admin1 == best.admin1 and p.kind != best.kind)]
        if not rivals or best.kind == "country":
            return Reading(mention, best, True)
        # Ambiguous: fall back to what the close readings share.
        close = [best, *rivals]
        if len({p.country for p in close}) == 1:
            a1 = {p.admin1 for p in close}
            if len(a1) == 1 and best.admin1:
                unit = self.gaz.admin1_place(best.country, best.admin1)
                if unit is not None:
                    return Reading(mention, unit, False)
            country = self.gaz.country(best.country)
            if country is not None and support > 0:  # the country is known from elsewhere too
                return Reading(mention, country, False)
        return None

    def resolve_reading(self, mentions: Sequence[PlaceMention], focus: Sequence[str] = ()) -> Reading | None:
        """The event's place as a Reading (callers lower confidence for country-level or
        uncertain readings)."""
        if not mentions:
            return None
        readings = []
        for m in mentions:
            if not m.candidates:
                continue
            # Support comes from the other mentions only: a name cannot vouch for itself.
            own = self.focus([o for o in mentions if o is not m])
            r = self.read(m, (*focus, *(c for c in own if c not in focus)), mentions)
            if r is not None:
                readings.append(r)
        if not readings:
            return None
        if any(r.mention.relation in ("in", "near") or r.mention.type_cue for r in readings):
            readings = [r for r in readings if r.mention.relation not in ("to", "from")]

        def rank(ir: tuple[int, Reading]) -> tuple[int, int, int, int]:
            i, r = ir
            cue = 2 if r.mention.relation in ("in", "near") or r.mention.type_cue else 1
            spec = SPECIFICITY[r.place.kind] if r.certain else 0
            if r.mention.embedded:
                cue -= 1
            return (cue, spec, int(r.certain), -i)

        best = max(enumerate(readings), key=rank)[1]
        # A bare country or region named beside a more specific place of its own is context,
        # not the event's place; the rank above already prefers the specific one.
        return best

    def resolve(self, mentions: Sequence[PlaceMention], focus: Sequence[str] = ()) -> PlaceRef | None:
        """The event's place coded per events.md (geo_precision 1 town, 2 near a town / a
        site / a district, 3 region or country only)."""
        reading = self.resolve_reading(mentions, focus)
        if reading is None:
            return None
        place = reading.place
        if place.kind == "populated":
            precision = 2 if reading.mention.relation == "near" else 1
        elif place.kind == "site":
            precision = 2
        elif place.kind == "admin2":
            precision = 2
            if math.isnan(place.latitude):
                unit = self.gaz.admin1_place(place.country, place.admin1) if place.admin1 else None
                if unit is None:
                    return None
                place, precision = unit, 3
        else:
            precision = 3
        if math.isnan(place.latitude):
            return None
        return self.gaz.to_ref(place, precision)
