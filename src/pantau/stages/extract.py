"""The extract stage: a cleaned, split Doc in, coded Events out.

mentions (triggers, cues) -> frames (one candidate per event clause, with a
status) -> normalize (dates, numbers, actors, places) -> merge within the
article -> Events. Each drop is counted by reason in ``Extractor.stats``.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import date
from types import MappingProxyType
from typing import Any, Iterable, Mapping

from pantau.knowledge.actors import ActorMention
from pantau.packs import Pack
from pantau.records import ActorRef, DateRef, Doc, Event, PlaceRef, Source, Span
from pantau.slots import replacer
from pantau.stages.frames import _ARMED_ROLE, _ARMED_TYPES, _REMOTE, DAY_KINDS, Frame, FrameBuilder, _is_country, lowest_credible
from pantau.stages.literals import GatedSearch, finditer_at, marks_of
from pantau.stages.mentions import MentionFinder
from pantau.stages.merge_article import Candidate, lead, merge_candidates
from pantau.stages.normalize.dates import DateResolver
from pantau.stages.normalize.numbers import NumberReader
from pantau.stages.normalize.places import Geoparser, cued

__all__ = ["Extractor", "ExtractStats"]

_NOTES_CHARS = 300
# A dated event more than a week before publication is background to the news (a war's
# first strike, last year's protest): a coder reporting this article does not code it again.
_BACKGROUND_DAYS = 14
# An act with no actor takes the named force of the same act told at most this many sentences before
_CARRY_SENTENCES = 2
# The lead's own day is fresh news: at most this many days before publication.
_LEAD_DAYS = 7
# How far before a trigger a word saying "again" ("kembali melancarkan serangan") is read.
_REPEAT_REACH = 30
# Between two names of an address: a comma, or capitalised names ending in one ("Jalan Medan
# Merdeka Selatan, ") -- words of the street or building that the gazetteer need not know.
# (a type word may close a name: "Silalas subdistrict, West Medan district"; a bracket may open the
# units: "Morideni (Logobou, Tapoa)", also after an unknown unit: "Amchide town, Kolofata subdivision
# (Mayo-Sava, Extreme-Nord)"; a compass word may open the next name)
_ADDRESS_GAP = re.compile(
    r"(?:\s+[a-z][\w-]*){0,2}\s*[,(]\s*(?:[A-Z0-9][\w.'/-]*(?:\s+[A-Z0-9][\w.'/-]*)*(?:\s+[a-z]+)?\s*[,(]\s*)*(?:[A-Z][a-z]+\s+)?"
)
# The rest of a capitalised name after the part of it read as a place.
_NAME_REST = re.compile(r"(?:[ -][A-Z][\w'-]*)+")
# An article with this many criminal cues and no political one is a crime story.
_CRIME_CUES = 3
_STATE_INTER = 1
# The only protest sub-type with dead of its own (ACLED: Excessive force against protesters).
_LETHAL_PROTEST = "Excessive force against protesters"
_CROWD_TYPES = ("Protests", "Riots")
# What firing told as a warning (shots in the air, blank cartridges) is (ACLED).
_WARNING = ("Strategic developments", "Other")
# At most this many sentences after an incident's first mention, the dead of each side add up.
_SIDES_REACH = 2
# A claim of armed violence (frames' armed types) names a non-state group (rebels, militias).
_CLAIMANT_INTER = (2, 3, 4)
# At most this many characters between the claiming group's name and the claim ("Al Shabaab has claimed").
_CLAIM_REACH = 24
# The remote strikes a state's forces make: an unnamed explosion beside one is part of it.
_STATE_STRIKES = ("Air/drone strike", "Shelling/artillery/missile attack")
_STATE_FORCES = (1, 8)  # inter codes of a state's forces at home and abroad
# Remote violence from the ground that its target can answer with fire (not an air strike, a mine).
_RETURNED = ("Shelling/artillery/missile attack", "Grenade")
# A headline's opening day this long before publication makes the article history (_history_title).
_HISTORY_DAYS = 365
# A word used loosely: quote marks around at most three words, the trigger among them ("'adu tembak'").
_SCARE_QUOTED = re.compile(r"['\"‘’“”](\w+(?:[ -]\w+){0,2})['\"‘’“”]")
_SCARE_MARKS = marks_of(_SCARE_QUOTED)  # the characters its matches begin with
_CROWD_INTER = (5, 6)  # rioters, protesters
# The words right after a locative cue, up to a punctuation mark: "in the village of Monge".
_WORD = re.compile(r"(?<![\w'-])\w[\w'-]*|[,.;:()\[\]\"“”]")
_PLACE_REACH = 4
# At most this many characters between two places of one list ("di New York, ..., sementara di ").
_LIST_GAP = 160
# Direct speech between double quotes (straight or curly), at most a paragraph long.
_QUOTE = re.compile(r'"[^"\n]{1,600}"|“[^”\n]{1,600}”')
_QUOTE_MARKS = marks_of(_QUOTE)  # the characters its matches begin with
# Confidence offsets by event type, from the measured share of right events per type
# (docs/quality.md): protests are rarely invented, strategic developments often are.
_TYPE_PRIOR: Mapping[str, float] = MappingProxyType(
    {"Protests": 0.1, "Riots": 0.0, "Battles": 0.0, "Explosions/Remote violence": 0.0,
     "Violence against civilians": -0.05, "Strategic developments": -0.1}
)


@dataclass
class ExtractStats:
    """Counts of what extraction kept and dropped, by reason (never silent)."""

    docs: int = 0
    frames: int = 0
    events: int = 0
    dropped: Counter[str] = field(default_factory=Counter)


@dataclass(slots=True)
class _Sent:
    actors: list[Any] | None  # None: not looked for (a sentence without a trigger)
    places: list[Any]
    dates: list[Any]
    tokens: list[Any]
    triggers: list[Any]


_CALENDAR_KINDS = frozenset({"absolute", "month", "range", "year"})
# dataclasses.replace(frame, ...), faster (see pantau.slots): the same record
_replace_frame = replacer(Frame)


def _outside_calendar_dates(triggers: list[Any], dates: list[Any]) -> list[Any]:
    """A trigger word inside a written date is the date's ("On 5 March 2020": the month, not a
    protest march). Anchor phrases ("the day after the attack") keep theirs: they tell an event."""
    spans = [(d.start, d.end) for d in dates if d.kind in _CALENDAR_KINDS]
    if not spans:
        return triggers
    return [t for t in triggers if not any(a <= t.start and t.end <= b for a, b in spans)]


class Extractor:
    """Holds one pack's compiled matchers and the shared actor and place knowledge."""

    def __init__(self, pack: Pack, actors: Any, gazetteer: Any) -> None:
        self.pack = pack
        self.lang = pack.lang
        self.actors = actors
        self.gazetteer = gazetteer
        self.finder = MentionFinder(pack)
        self.builder = FrameBuilder(self.finder)
        self.geo = Geoparser(gazetteer, pack)
        self.dates = DateResolver(pack)
        self.numbers = NumberReader(pack)
        trig = pack.get("triggers")
        self._default_role: dict[str, str] = dict(trig.get("default_actor", {}))
        self._as_role: dict[str, str] = dict(trig.get("actor_role", {}))
        cues = pack.get("cues")
        self._protest_res = {
            kind: self.finder.compile_patterns(cues.get(kind, {}).get("patterns", ()))
            for kind in ("excessive_force", "intervention")
        }
        self._range_re = self.finder.compile_patterns(cues.get("place_range", {}).get("patterns", ()))
        self._list_re = self.finder.compile_patterns(cues.get("place_list", {}).get("patterns", ()))
        self._scenario_re = self.finder.compile_patterns(cues.get("scenario", {}).get("patterns", ()))
        self._repeat_re = self.finder.compile_patterns(cues.get("repeat", {}).get("patterns", ()))
        self._demonstration_re = self.finder.compile_patterns(cues.get("demonstration", {}).get("patterns", ()))
        self._return_fire_re = self.finder.compile_patterns(cues.get("return_fire", {}).get("patterns", ()))
        self._crowd_violence_re = self.finder.compile_patterns(cues.get("crowd_violence", {}).get("patterns", ()))
        self._war_remnant_re = self.finder.compile_patterns(cues.get("war_remnant", {}).get("patterns", ()))
        self._dud_re = self.finder.compile_patterns(cues.get("dud", {}).get("patterns", ()))
        self._claim_re = self.finder.compile_patterns(cues.get("responsibility", {}).get("patterns", ()))
        self._claim_after_re = self.finder.compile_patterns(cues.get("responsibility", {}).get("after", ()))
        self._claim_searches = tuple(GatedSearch(rx) for rx in (self._claim_re, self._claim_after_re) if rx is not None)
        self._negation_re = self.finder.compile_patterns(cues.get("negation", {}).get("patterns", ()))
        self.stats = ExtractStats()
        self._neighbours = gazetteer.neighbours()

    # -- helpers -------------------------------------------------------------

    def _inter(self, mention: Any) -> int | None:
        if mention is None:
            return None
        if mention.actor is not None:
            return int(mention.actor.inter)
        return self._role_inter(mention.role_kind) if mention.role_kind else None

    def _role_inter(self, role: str) -> int | None:
        """The inter code of a role's generic actor ("police" -> state forces)."""
        try:
            return int(self.actors.generic(role, None).inter)
        except KeyError:
            return None

    def _complete(self, mention: Any, country: str | None, role: str | None = None) -> ActorRef | None:
        if mention is None:
            return None
        try:
            return self.actors.complete(mention, country, as_role=role) if role else self.actors.complete(mention, country)
        except KeyError:
            return None

    def _borders(self, a: str, b: str) -> bool:
        return b in self._neighbours.get(a, ())

    @staticmethod
    def _country_actors(places: list[Any], actors: list[Any]) -> list[ActorMention]:
        """Bare country names ("Israel", not "di Israel") as their state's forces, for the frame
        builder's attacker fallback."""
        out = []
        for p in places:
            if getattr(p, "relation", None) is not None or not p.candidates:
                continue
            if len(p.candidates) != 1 or p.candidates[0].kind != "country":
                continue
            if any(a.start <= p.start < a.end for a in actors):
                continue
            out.append(ActorMention(p.start, p.end, p.surface, None, "generic", "military", p.candidates[0].country))
        return out

    # -- the stage -------------------------------------------------------------

    def __call__(self, doc: Doc) -> tuple[Event, ...]:
        self.stats.docs += 1
        text = doc.text
        fold = self.gazetteer.fold
        reporter = {fold(p) for p in doc.reporter_places}
        scanned = self.finder.scan_all(text, [(s.start, s.end) for s in doc.sentences])
        if not any(trigs for _, trigs in scanned):
            return ()  # no trigger, no frame: places, actors and dates would go unused
        title = doc.article.title or ""
        if self._scenario_re is not None and self._scenario_re.search(title.lower()):
            # "Skenario Perang Dunia III, Ngeri Jika Terjadi": the headline says the article tells
            # what might happen; the attacks it describes are imagined, not reported
            self.stats.dropped["scenario"] += 1
            return ()
        if self._history_title(title, doc.pub_date):
            self.stats.dropped["history"] += 1
            return ()
        sents: list[_Sent] = []

        def places_of(s: Any) -> list[Any]:
            found = self.geo.find(text, s.start, s.end)  # a fresh list
            if not reporter:
                return found  # no byline or dateline place to leave out (most articles)
            return [p for p in found if cued(p) or fold(p.surface) not in reporter]

        for s, (toks, trigs) in zip(doc.sentences, scanned):
            # actors and dates matter only where a frame can be built (actors elsewhere
            # only to tell a crime story, found when that question comes up); places elsewhere
            # only to the document's focus, which only kept frames use (read below, if one is kept)
            dates = self.dates.find(text, s.start, s.end) if trigs else []
            if dates:
                trigs = _outside_calendar_dates(trigs, dates)
            sents.append(
                _Sent(
                    actors=self.actors.find(text, s.start, s.end, self.lang) if trigs else None,
                    places=places_of(s) if trigs else [],
                    dates=dates if trigs else [],
                    tokens=toks,
                    triggers=trigs,
                )
            )
        frames: list[Frame] = []
        for s, m in zip(doc.sentences, sents):
            if not m.triggers:
                continue
            countries = self._country_actors(m.places, m.actors)
            frames.extend(
                self.builder.build(
                    text,
                    s,
                    actors=m.actors,
                    places=m.places,
                    dates=m.dates,
                    numbers=partial(self.numbers.find, text, s.start, s.end),  # found if asked
                    inter_of=self._inter,
                    best_date=self.dates.best,
                    countries=countries,
                    neighbours=self._borders,
                    tokens=m.tokens,
                    triggers=m.triggers,
                )
            )
        frames = self._demote_quoted(frames, text)
        frames = self._scare_quoted(frames, text)
        drops = [self._crime_drops(fr) for fr in frames]
        if any(drops) and self._crime_story(doc, sents):
            # (asked only when some frame would change: reading the whole text for cues costs)
            frames = [_replace_frame(fr, status="dropped", reason="criminal") if d else fr for fr, d in zip(frames, drops)]
        frames = self._warning_told_later(frames)
        frames = self._demote_undated(frames)
        frames = self._demote_retold(frames)
        if self.finder.lead_place:
            frames = self._lead_place(frames, doc, sents, places_of)
        self.stats.frames += len(frames)
        kept: list[Frame] = []
        for fr in frames:
            if fr.status == "dropped":
                self.stats.dropped[fr.reason or "dropped"] += 1
                continue
            kept.append(fr)
        if not kept:
            return ()
        kept = self._place_ranges(kept, doc, sents)
        for s, m in zip(doc.sentences, sents):
            if not m.triggers:
                m.places = places_of(s)
        focus = tuple(self.geo.focus([p for m in sents for p in m.places], doc.reporter_places))
        pos = {s.index: i for i, s in enumerate(doc.sentences)}
        cands: list[Candidate] = [
            self._candidate(fr, doc, focus, sents[pos[fr.sentence]].places if fr.sentence in pos else ()) for fr in kept
        ]
        self._mark_news(cands, doc, sents)
        cands = self._join_strikes(cands, doc.pub_date)
        self._claimed(cands, doc)
        groups = merge_candidates(cands)
        events = self._events(groups, doc, focus, sents)
        self.stats.events += len(events)
        return tuple(events)

    def _history_title(self, title: str, pub_date: date | None) -> bool:
        """A headline that opens with a day years before publication ("19 Juni 1975: Lord Lucan
        ...") heads an on-this-day history piece: what it tells is background, not news."""
        if not title or pub_date is None:
            return False
        first = next(iter(self.dates.find(title, 0, len(title))), None)
        if first is None or first.start != 0 or first.year is None:
            return False
        day = self.dates.resolve(first, pub_date)
        return day is not None and (pub_date - day.day).days > _HISTORY_DAYS

    def _place_ranges(self, frames: list[Frame], doc: Doc, sents: list[_Sent]) -> list[Frame]:
        """An event told over a range of places ("demo yang digelar dari New York hingga Los
        Angeles") happened at both ends: one frame per named end, when the clause names no place
        of its own. Countries at the ends ("dari Peru hingga Madagaskar") place nothing."""
        if self._range_re is None and self._list_re is None:
            return frames
        pos = {s.index: i for i, s in enumerate(doc.sentences)}
        text = doc.text
        out: list[Frame] = []
        for fr in frames:
            i = pos.get(fr.sentence)
            own = any(cued(p) for p in fr.places)
            if fr.status == "event" and i is not None and own and self._list_re is not None:
                listed = self._listed_places(fr, text, sents[i])
                out.extend([_replace_frame(fr, places=(p,)) for p in listed] or [fr])
                continue
            if fr.status != "event" or i is None or own or self._range_re is None:
                out.append(fr)
                continue
            span = fr.sentence_span
            ends: list[Any] = []
            for m in self._range_re.finditer(text[span.start : span.end].lower()):
                a, b = span.start + m.start(), span.start + m.end()
                if a < fr.trigger.end:
                    continue
                ends = [
                    p for p in sents[i].places
                    if a <= p.start and p.end <= b and p.candidates and p.candidates[0].kind != "country"
                ]
                if len(ends) >= 2:
                    break
            if len(ends) < 2:
                out.append(fr)
                continue
            out.extend(_replace_frame(fr, places=(p,)) for p in ends)
        return out

    def _listed_places(self, fr: Frame, text: str, m: _Sent) -> list[Any]:
        """Places that share the frame's locative: "ledakan terjadi di Tel Aviv dan Yerusalem", or a
        contrast clause that tells the same thing elsewhere ("Di New York, 100.000 orang berkumpul di
        salah satu protes terbesar, sementara di Washington, kerumunan ..."); the gap between two
        places is matched by the pack's ``place_list`` patterns. The event happened at each (ACLED
        codes one event per place). Not when a trigger after a contrast tells an event of its own
        there. Countries are never list members. Empty when the frame's place is alone."""
        told = [p for p in fr.places if cued(p)]
        if not told or _is_country(told[0]):
            return []
        chain = [told[0]]
        for p in m.places:
            last = chain[-1]
            if p.start < last.end or _is_country(p) or not p.candidates:
                continue
            gap = text[last.end : p.start].lower()
            if len(gap) > _LIST_GAP or not self._list_re.fullmatch(gap):
                continue
            if "," in gap and any(t.start >= p.start for t in m.triggers):
                break  # "..., sementara di Tepi Barat, pasukan menangkap ...": an event of its own
            chain.append(p)
        return chain if len(chain) > 1 else []

    def _crime_story(self, doc: Doc, sents: list[_Sent]) -> bool:
        """An article about ordinary crime: several criminal cues (suspects by initials, motives,
        the local criminal police), no political cue and no armed group named anywhere."""
        text = doc.text
        if self.finder.count("criminal", text, _CRIME_CUES) < _CRIME_CUES or self.finder.count("political", text, 1):
            return False
        # the actors already found first: only when none of them tells, the other sentences are read
        pairs = sorted(zip(doc.sentences, sents), key=lambda sm: sm[1].actors is None)
        for s, m in pairs:
            actors = m.actors if m.actors is not None else self.actors.find(text, s.start, s.end, self.lang)
            if any(a.kind == "named" and a.actor is not None and int(a.actor.inter) != _STATE_INTER for a in actors):
                return False
        return True

    @staticmethod
    def _crime_drops(fr: Frame) -> bool:
        """In a crime story, violence among unnamed people and the arrests that follow are crime:
        True for such a frame (then dropped as "criminal")."""
        if fr.status == "dropped" or fr.event_type == "Protests" or fr.trigger.rule.collective:
            return False  # a protest, or a crowd's fight ("tawuran"), is collective violence, not crime
        named = [a for a in (fr.actor1, fr.actor2) if a is not None and getattr(a, "kind", "") == "named"]
        if fr.sub_event_type == "Arrests":
            # the police who arrest a murder suspect ("ditahan di Polda Metro Jaya") are named, yet it is crime
            named = [a for a in named if getattr(getattr(a, "actor", None), "inter", None) != _STATE_INTER]
        return not named

    @staticmethod
    def _demote_quoted(frames: list[Frame], text: str) -> list[Frame]:
        """Direct speech is what someone says about events (an opinion, a lesson, a memory), not
        the reporter's account: a trigger inside double quotes founds an event only with its dead."""
        spans = [(m.start(), m.end()) for m in finditer_at(_QUOTE, text, _QUOTE_MARKS)]
        if not spans:
            return frames
        out = []
        for fr in frames:
            t = fr.trigger.start
            if fr.status == "event" and not fr.deaths_reported and any(a < t < b for a, b in spans):
                fr = _replace_frame(fr, status="support", reason="quoted")
            out.append(fr)
        return out

    def _lead_place(self, frames: list[Frame], doc: Doc, sents: list[_Sent], places_of: Any) -> list[Frame]:
        """"On 9 May, militants attacked an army post in Doutchi (Diffa). The soldiers repulsed the
        assault.": a note (pack flag ``lead_place``) names its place once; an event told in a later
        sentence with no place of its own happened at the first sentence's place."""
        if not doc.sentences or not any(fr.status != "dropped" and not fr.places and fr.sentence != doc.sentences[0].index for fr in frames):
            return frames
        first, m = doc.sentences[0], sents[0]
        actors = m.actors if m.actors is not None else self.actors.find(doc.text, first.start, first.end, self.lang)
        lead = tuple(self.builder.sentence_places(doc.text, first, m.places or places_of(first), actors))
        if not lead:
            return frames
        return [
            _replace_frame(fr, places=lead) if fr.status != "dropped" and not fr.places and fr.sentence != first.index else fr
            for fr in frames
        ]

    @staticmethod
    def _scare_quoted(frames: list[Frame], text: str) -> list[Frame]:
        """A trigger that quote marks wrap whole ("berperang dengan 'adu tembak' melawan Iran")
        is a word used loosely, a figure of speech: no event."""
        spans = [(m.start(1), m.end(1)) for m in finditer_at(_SCARE_QUOTED, text, _SCARE_MARKS)]
        if not spans:
            return frames
        out = []
        for fr in frames:
            a, b = fr.trigger.start, fr.trigger.end
            if fr.status != "dropped" and any(lo <= a and b <= hi for lo, hi in spans):
                fr = _replace_frame(fr, status="dropped", reason="scare_quoted")
            out.append(fr)
        return out

    def _claimed(self, cands: list[Candidate], doc: Doc) -> None:
        """"An IED exploded near a convoy in Afgooye, killing 2 soldiers. Al Shabaab claimed
        responsibility.": a named group that claims the attack (cue kind ``responsibility``, the
        group named right before it; or right after the words of its ``after`` list: "The device
        was likely planted by ISGS or JNIM militants"), in the event's sentence or one of the next
        two of its paragraph, is who did it, when the event names no group of its own."""
        if (self._claim_re is None and self._claim_after_re is None) or not cands:
            return
        open_ = [c for c in cands if self._claimable(c)]
        if not open_:
            return  # (no event a claim could go to: the text is not searched)
        text = doc.text
        low_text = text.lower()
        if not any(search(low_text) for search in self._claim_searches):
            return  # (one search over the text, tried only where its words are: most have no claim at all)
        claims: list[tuple[int, int, Any]] = []  # (sentence index, paragraph, actor)
        for s in doc.sentences:
            low = text[s.start : s.end].lower()
            for m in self._claim_after_re.finditer(low) if self._claim_after_re is not None else ():
                at = s.start + m.end()
                named = [a for a in self.actors.find(text, at, s.end, self.lang) if a.kind == "named" and a.actor is not None]
                if named and int(named[0].actor.inter) in _CLAIMANT_INTER and named[0].start - at <= _CLAIM_REACH:
                    claims.append((s.index, s.paragraph, named[0].actor))
            for m in self._claim_re.finditer(low) if self._claim_re is not None else ():
                at = s.start + m.start()
                named = [a for a in self.actors.find(text, s.start, at, self.lang) if a.kind == "named" and a.actor is not None]
                if not named or int(named[-1].actor.inter) not in _CLAIMANT_INTER or at - named[-1].end > _CLAIM_REACH:
                    continue
                said = text[named[-1].end : s.start + m.end()].lower()
                if self._negation_re is not None and self._negation_re.search(said):
                    continue  # "the Taliban have not claimed responsibility"
                claims.append((s.index, s.paragraph, named[-1].actor))
        if not claims:
            return
        for c in open_:
            fr = c.frame
            actor = next((a for i, para, a in claims if fr.sentence <= i <= fr.sentence + 2 and para == fr.paragraph), None)
            if actor is not None:
                c.extra["claimed_by"] = actor

    @staticmethod
    def _claimable(c: Candidate) -> bool:
        """An armed event with no named group of its own: a group's claim may name who did it."""
        fr = c.frame
        if c.status != "event" or c.event_type not in _ARMED_TYPES or getattr(fr.actor1, "kind", None) == "named":
            return False
        # soldiers, police: a named group claiming their act claims another one (unnamed armed men do not)
        return fr.actor1 is None or getattr(fr.actor1, "role_kind", None) == _ARMED_ROLE

    @staticmethod
    def _warning_told_later(frames: list[Frame]) -> list[Frame]:
        """"Turkish police fired shots at border guards. ... The shots were blank cartridges.": a
        later mention of the firing that the text tells was a warning (frames.py retyped it, cue kind
        ``warning_fire``) says what the firing was; the battle it first looked like becomes ACLED's
        'other' development, and the later mention only tells it on."""
        warned = [
            fr for fr in frames
            if fr.status != "dropped" and fr.trigger.rule.generic and fr.trigger.rule.event_type == "Battles"
            and (fr.event_type, fr.sub_event_type) == _WARNING
        ]
        if not warned:
            return frames
        out: list[Frame] = []
        for fr in frames:
            if (
                fr.status == "event" and fr.trigger.rule.generic and fr.event_type == "Battles"
                and any(w.sentence > fr.sentence and w.trigger.lemma in (fr.trigger.lemma, *fr.extra.get("also", ())) for w in warned)
            ):
                fr = _replace_frame(fr, event_type=_WARNING[0], sub_event_type=_WARNING[1])
            out.append(fr)
        return out

    @staticmethod
    def _demote_undated(frames: list[Frame]) -> list[Frame]:
        """Once the article has dated an event, a later mention with neither a date nor a place
        of its own tells that incident on or recalls background: it may support an event, never
        found one."""
        out: list[Frame] = []
        dated_at: int | None = None
        for fr in sorted(frames, key=lambda f: (f.sentence, f.trigger.start)):
            own = fr.date is not None and getattr(fr.date, "kind", "") != "anchor"
            placed = any(
                cued(p) for p in fr.places
            )  # "Di kota Raqqa, pasukan ... memasuki": a new scene, a new incident
            if fr.status == "event" and not own and not placed and dated_at is not None and fr.sentence > dated_at:
                fr = _replace_frame(fr, status="support", reason="undated")
            if fr.status == "event" and own and dated_at is None:
                dated_at = fr.sentence
            out.append(fr)
        return out

    @staticmethod
    def _demote_retold(frames: list[Frame]) -> list[Frame]:
        """"TPNPB ... Pilot Selandia Baru Disandera" ... "menyatakan pilot itu disandera dan tidak akan
        dibebaskan": an act done to one the text already told of ("pilot itu"), of a kind an earlier
        sentence told, is that act told again: it may support an event, never found one. (A new act
        on a known subject -- "Jet tempur itu ditembak jatuh" -- stays news.)"""
        first_told: dict[str, int] = {}  # sub-type -> the first sentence that tells one
        out: list[Frame] = []
        for fr in sorted(frames, key=lambda f: (f.sentence, f.trigger.start)):
            earlier = first_told.get(fr.sub_event_type)
            if fr.status == "event" and fr.extra.get("known_subject") and earlier is not None and earlier < fr.sentence:
                fr = _replace_frame(fr, status="support", reason="reference")
            if fr.status != "dropped":
                first_told.setdefault(fr.sub_event_type, fr.sentence)
            out.append(fr)
        return out

    def _trusted(self, places: Iterable[Any], focus: tuple[str, ...]) -> list[Any]:
        """Place mentions a coder would trust: cued ("di", "kota", "near"), or read inside the
        document's countries. A bare capitalised word read far away ("Juru", "Lami") is noise."""
        keep = []
        for p in places:
            if cued(p):
                keep.append(p)
                continue
            ref = self.geo.resolve([p], focus)
            if ref is not None and ref.country in focus[:2]:
                keep.append(p)
        return keep

    def _candidate(self, fr: Frame, doc: Doc, focus: tuple[str, ...], sentence_places: Any = ()) -> Candidate:
        trusted = self._trusted([*self._qualified(fr.places, sentence_places), *fr.places], focus)
        reading = self.geo.resolve_reading(trusted, focus) if trusted else None
        chain: list[Any] = []
        for first in reversed(fr.places):
            # "exchanged fire in Naushera sector area (Rajouri district, J&K)": the address may follow
            # an earlier place of the clause than its last
            chain = self._address_chain(doc.text, first, sentence_places)
            if chain:
                break
        if chain:
            # "in Morideni (Logobou, Tapoa)", "in Silalas subdistrict, West Medan district, Medan city,
            # ...", "di Distrik Paro, Kabupaten Nduga": the place the clause names lies in the units its
            # address goes on to name, which the clause's commas and brackets cut off. They place an
            # unknown or ambiguous name, and say which country a known one is in (Paro, not Bhutan's).
            wider = self.geo.resolve_reading([*trusted, *chain], focus) or self.geo.resolve_reading(chain[-1:], focus)
            if wider is not None and (
                reading is None
                or (reading.place.kind == "country" and wider.place.kind != "country")
                or wider.place.country != reading.place.country
                or self._address_finer(reading, wider, chain)
            ):
                reading = wider
            if reading is not None and reading.place.kind != "country":
                # "Naushera sector area (Rajouri district, J&K)" read as Pakistan's Nowshera: a
                # namesake in another country than any the address can lie in is not the place; the
                # address is ("Al Hazm district (Al Jawf)": Yemen has an Al Jawf too, Saudi Arabia's is
                # no reason to move)
                here = reading.place.country
                if not any(c.country == here for p in chain for c in p.candidates):
                    region = self.geo.resolve_reading(chain, focus)
                    if region is not None and region.place.kind != "country" and region.place.country != here:
                        reading = region
        place = self.geo.ref(reading) if reading is not None else None
        if place is None:
            reading = None
        place_country = place.country if place else None
        if reading is not None and reading.place.kind == "country":
            place = None  # a country named in the clause says little about where
            if reading.mention.relation == "near":
                # "dikirim ke perbatasan dengan Suriah", "troops massed near Syria": on the border
                # with a country, or near it, is most often on this side of it
                place_country = None
        country = place_country or (focus[0] if focus else None)
        event_type, sub = fr.event_type, fr.sub_event_type
        if event_type == "Protests":
            sub = self._protest_sub(doc, fr)
            if self._crowd_violence_re is not None and self._crowd_violence_re.search(self._told_with(doc, fr)):
                # "demonstrated against the curfew ... They clashed with police": the demonstrators'
                # own violence makes the protest a violent demonstration
                event_type, sub = "Riots", "Violent demonstration"
        elif event_type == "Explosions/Remote violence" and self._dud_re is not None and self._dud_re.search(self._told_with(doc, fr)):
            # "lobbed a grenade at them, however the grenade did not explode": an explosive that
            # failed to go off is disrupted weapons use (ACLED)
            event_type, sub = "Strategic developments", "Disrupted weapons use"
        elif event_type == "Explosions/Remote violence" and self._war_remnant_re is not None and self._war_remnant_re.search(
            self._told_with(doc, fr)
        ):
            # "a landmine laid during the Iran-Iraq War exploded": a remnant of a past war is no attack
            # of this conflict; ACLED codes it as another strategic development
            event_type, sub = "Strategic developments", "Other"
        elif event_type == "Explosions/Remote violence" and sub in _RETURNED and self._fired_back(doc, fr):
            # "threw a grenade at police. Police responded with gunfire.": both sides fired, a clash
            event_type, sub = "Battles", "Armed clash"
        elif (event_type, sub) == ("Riots", "Violent demonstration") and self._demonstration_re is not None:
            if not self._demonstration_re.search(doc.text.lower()):
                # "a mob pelted stones at the police": ACLED's violent demonstration is a demonstration
                # turned violent; a crowd's violence in a text telling of no demonstration is mob violence
                sub = "Mob violence"
        role1 = self._as_role.get(event_type)
        a1 = self._complete(fr.actor1, country, role1 if role1 and fr.actor1 is not None and fr.actor1.kind == "generic" else None)
        a2 = self._complete(fr.actor2, country)
        day = None
        if fr.status == "event" and fr.date is not None and fr.date.kind != "anchor":
            day = self.dates.resolve(fr.date, doc.pub_date)
        return Candidate(
            frame=fr,
            event_type=event_type,
            sub_event_type=sub,
            status=fr.status,
            date=day,
            place=place,
            country=place_country,
            actor1=a1,
            actor2=a2,
            deaths=fr.deaths,
            deaths_reported=fr.deaths_reported,
            deaths_vague=fr.deaths_vague,
            extra={
                "a1_kind": getattr(fr.actor1, "kind", None),
                "remote_guess": bool(fr.extra.get("remote_guess")),
                "also": fr.extra.get("also", ()),
            },
        )

    def _mark_news(self, cands: list[Candidate], doc: Doc, sents: list[_Sent]) -> None:
        """An undated event the lead tells as done again ("Militer Israel kembali melancarkan
        serangan") is the article's news, of its lead day (else the publication day), not the
        earlier one it repeats: merge_article keeps it apart from a mention dated days before
        ("serangan udara Israel pada hari Jumat lalu" thirty sentences on)."""
        if doc.pub_date is None or self._repeat_re is None:
            return
        limit = self._lead_limit(doc)
        text = doc.text
        days: dict[str, date | None] = {}
        for c in cands:
            if c.status != "event" or c.date is not None or c.frame.date is not None or c.sentence >= limit:
                continue
            head = text[max(c.frame.clause.start, c.frame.trigger.start - _REPEAT_REACH) : c.frame.trigger.start].lower()
            if not self._repeat_re.search(head):
                continue
            if c.event_type not in days:
                days[c.event_type] = self._lead_day(doc, sents, c.event_type)
            c.extra["news_day"] = days[c.event_type] or doc.pub_date

    @staticmethod
    def _join_strikes(cands: list[Candidate], pub_date: date | None = None) -> list[Candidate]:
        """An attack or explosion told with no weapon and no attacker ("ledakan terdengar di
        Karaj", "serangan dilaporkan terjadi di ibu kota") on the day and in the country of a
        state's remote strike that the article tells is part of that strike: it takes its type and
        attacker (trigger flag ``unnamed``)."""
        strikes = [
            c for c in cands
            if c.status == "event" and c.sub_event_type in _STATE_STRIKES
            and c.actor1 is not None and c.actor1.inter in _STATE_FORCES and c.country
        ]
        if not strikes:
            return cands
        out = []
        for c in cands:
            if c.status == "event" and c.actor1 is None and (c.frame.trigger.rule.unnamed or c.sub_event_type in _STATE_STRIKES):
                s = next(
                    (s for s in strikes if s is not c and c.country in (None, s.country)
                     # a weapon told with no attacker is the strike's only with that strike's weapon
                     # ("Iran meluncurkan 450 rudal ... Salah satu rudal menghantam Pusat Medis Soroka")
                     and (c.frame.trigger.rule.unnamed or c.sub_event_type == s.sub_event_type)
                     # an explosion dated apart ("Pada November 2010, ledakan lain ...") is another incident;
                     # a day of this week may date a strike the text left undated ("setelah serangan pada Kamis")
                     and (c.date is None or (s.date is not None and s.date.day == c.date.day)
                          or (s.date is None and c.date.precision == 1 and pub_date is not None
                              and 0 <= (pub_date - c.date.day).days <= _BACKGROUND_DAYS))),
                    None,
                )
                if s is not None:
                    c = replace(c, event_type=s.event_type, sub_event_type=s.sub_event_type, actor1=s.actor1,
                                extra={**c.extra, "a1_kind": s.extra.get("a1_kind"), "strike_actor": s.actor1})
            out.append(c)
        return out

    @staticmethod
    def _qualified(places: Sequence[Any], sentence_places: Any) -> list[Any]:
        """"in Al Wahbiyah (As Sawadiyah, Al Bayda)": the clause's place is the widest unit of an
        address whose finer known units it qualifies; those units say more exactly where (the reading
        keeps the most specific unit inside the others)."""
        starts = {p.start for p in places}
        return [
            p for p in sentence_places
            if p.start not in starts and getattr(p, "qualifier_at", None) in starts and p.candidates
        ]

    def _address_finer(self, reading: Any, wider: Any, chain: list[Any]) -> bool:
        """The address says more than the clause's reading: the clause's place is a namesake in
        another region than the one the address names ("joined the Taliban in Dawlat Abad, Balkh,
        ... districts of Balkh province": Balkh's Dawlat Abad, not Faryab's), or it only names the
        address's widest unit again ("in Al Khattabiyah area of Lahij (Tur Al Bahah, Lahij)": the
        district Tur Al Bahah is finer than Lahij). Never for a region alone ("near Buni Yadi
        (Gujiba LGA, Borno)": Buni Yadi lies in Yobe; the address slipped)."""
        here, there = reading.place, wider.place
        if here.kind == "country" or there.kind in ("country", "admin1") or here.country != there.country:
            return False  # a region alone against a known town is as likely the note's slip
        if here.admin1 and there.admin1 and here.admin1 != there.admin1:
            return True
        fold = self.gazetteer.fold
        return (
            there.key != here.key
            and fold(reading.mention.surface) == fold(chain[-1].surface)
            and wider.mention is not chain[-1]
        )

    @staticmethod
    def _address_chain(text: str, first: Any, places: Any) -> list[Any]:
        """"di kawasan Patung Kuda, Jalan Medan Merdeka Selatan, Jakarta Pusat", "Morideni (Logobou,
        Tapoa)": the address a place opens goes on, smaller to larger, in names set off by commas
        or a bracket; the known places named in it, in order. A place read inside a longer unknown
        name ("Bab" of "in Bab Ghaliq front (Qaatabah, Ad Dali)") opens the address after that name."""
        chain: list[Any] = []
        end = first.end
        if getattr(first, "embedded", False):
            rest = _NAME_REST.match(text, end)
            end = rest.end() if rest else end
        for p in sorted(places, key=lambda p: p.start):
            if p.start < end:
                continue
            if not _ADDRESS_GAP.fullmatch(text[end : p.start]):
                break
            if p.candidates:
                chain.append(p)
            end = p.end
        return chain

    @staticmethod
    def _told_with(doc: Doc, fr: Frame) -> str:
        """The event's sentence and the next one of its paragraph, lower-cased: what a short report
        tells of the same incident."""
        end = fr.sentence_span.end
        nxt = next((s for s in doc.sentences if s.start >= end), None)
        if nxt is not None and nxt.paragraph == fr.paragraph:
            end = nxt.end
        return doc.text[fr.sentence_span.start : end].lower()

    def _fired_back(self, doc: Doc, fr: Frame) -> bool:
        """Whether the target fired back (cue kind ``return_fire``), in the event's sentence or the
        next one of its paragraph: ACLED codes an attack answered with fire as an armed clash."""
        return self._return_fire_re is not None and self._return_fire_re.search(self._told_with(doc, fr)) is not None

    def _protest_sub(self, doc: Doc, fr: Frame) -> str:
        """How the authorities met the protest, told in its sentence or the next one of the same
        paragraph ("... demanded wage rises. The police intervened and arrested 10 of them.")."""
        end = fr.sentence_span.end
        nxt = next((s for s in doc.sentences if s.start >= end), None)
        if nxt is not None and nxt.paragraph == fr.paragraph:
            end = nxt.end
        sent = doc.text[fr.sentence_span.start : end].lower()
        for kind, sub in (("excessive_force", "Excessive force against protesters"), ("intervention", "Protest with intervention")):
            rx = self._protest_res.get(kind)
            if rx is not None and rx.search(sent):
                return sub
        return fr.sub_event_type

    # -- groups to events ---------------------------------------------------

    def _events(self, groups: list[list[Candidate]], doc: Doc, focus: tuple[str, ...], sents: list[_Sent]) -> list[Event]:
        trigger_group: dict[int, int] = {}
        for gi, g in enumerate(groups):
            for c in g:
                trigger_group[c.frame.trigger.start] = gi
        dates: dict[int, DateRef | None] = {}
        explicit: dict[int, bool] = {}
        places: dict[int, PlaceRef | None] = {}
        # dated groups first, then undated ones (which may continue a dated story), anchored last
        order = sorted(
            range(len(groups)),
            key=lambda gi: (
                any(self._anchored(c) for c in groups[gi]),
                not any(c.date is not None and c.status == "event" for c in groups[gi]),
            ),
        )
        lead_days: dict[str, date | None] = {}
        for gi in order:
            g = groups[gi]
            own = [c.date for c in g if c.date is not None and c.status == "event"]
            place_list = [c.place for c in g if c.place is not None]
            anchor_group = None
            day: DateRef | None = None
            if own:
                day = min(own, key=lambda d: (d.precision, g.index(next(c for c in g if c.date is d))))
            else:
                for c in g:
                    if self._anchored(c):
                        anchor_group = trigger_group.get(c.frame.anchor.start) if c.frame.anchor else None
                        if anchor_group is None and c.frame.anchor is not None:
                            anchor_group = self._nearest_group(groups, c, c.frame.anchor.rule.event_type)
                        if anchor_group is not None and dates.get(anchor_group) is not None:
                            day = self.dates.resolve(c.frame.date, doc.pub_date, anchor=dates[anchor_group])
                            if day is not None:
                                break
            explicit[gi] = day is not None
            if day is None:
                day = self._story_date(groups, gi, dates, explicit, doc.pub_date)
            if day is None and doc.pub_date is not None:
                lead = min(c.sentence for c in g) < self._lead_limit(doc)
                kind = _head_of(g).event_type
                if kind not in lead_days:
                    lead_days[kind] = self._lead_day(doc, sents, kind)
                base = lead_days[kind] or doc.pub_date
                day = DateRef(base, 1 if lead else 2)
            dates[gi] = day
            place = min(place_list, key=lambda p: p.geo_precision) if place_list else None
            if place is None and anchor_group is not None:
                place = places.get(anchor_group)
            if place is None:
                country_code = next((c.country for c in g if c.country), None)
                country_place = self.gazetteer.country(country_code) if country_code else None
                place = self.gazetteer.to_ref(country_place, 3) if country_place is not None else None
            places[gi] = place
        # An article that tells one incident codes it however vaguely; beside anchored ones, a
        # vague mention is commentary on the war they belong to.
        anchored = {gi for gi, g in enumerate(groups) if explicit[gi] or self._anchored_somewhere(g, places[gi])}
        events = []
        for gi, g in enumerate(groups):
            day = dates[gi]
            lead = min(c.sentence for c in g) < self._lead_limit(doc)
            if explicit[gi] and not lead and day is not None and doc.pub_date is not None and (doc.pub_date - day.day).days > _BACKGROUND_DAYS:
                self.stats.dropped["background"] += 1
                continue
            place = places[gi]
            if gi not in anchored and anchored:
                self.stats.dropped["unanchored"] += 1
                continue
            if place is None and focus:
                country = self.gazetteer.country(focus[0])
                place = self.gazetteer.to_ref(country, 3) if country is not None else None
            if _country_only(place) and all(_country_only(p) for p in places.values()):
                # the body places none of its events: the headline, or the one town it names
                place = self._title_place(doc, _head_of(g).event_type, place, focus) or place
                if _country_only(place) and (explicit[gi] or any(c.status == "event" and c.frame.date is not None for c in g)):
                    place = self._site_town(g, sents, place, focus) or place
            if _country_only(place) and not self._unread_place(g, doc, sents, lead=len(groups) == 1):
                # events.md codes a place no coarser than a region (geo_precision 3 = admin1): an
                # incident the text places only in a country ("serangan Israel ke Iran") is
                # commentary on a war, or not codable
                self.stats.dropped["country_only"] += 1
                continue
            ev = self._event(g, doc, dates[gi], explicit[gi], place, self._carried_force(groups, gi))
            if ev is not None:
                events.append(ev)
        events.sort(key=lambda e: (e.sources[0].spans[0].start if e.sources and e.sources[0].spans else 0))
        return events

    def _title_place(self, doc: Doc, event_type: str, place: PlaceRef | None, focus: tuple[str, ...]) -> PlaceRef | None:
        """"Ada Demo di Patung Kuda Jakpus, Lalin Arah Stasiun Gambir Ditutup": a report told as a
        scene ("di lokasi ... massa berorasi") names its place in the headline only. When the body
        places none of its events below a country (otherwise the headline's place is that event's,
        and an unplaced mention is background: "Raqqa direbut ISIS pada awal 2014"), an event it
        places no finer than its country takes the place of the headline's part (between
        commas) that names an event of its kind, when that place lies in the event's country and
        is trusted as the body's places are (cued, or read inside the document's countries)."""
        title = doc.article.title or ""
        if not title:
            return None
        _, trigs = self.finder.scan(title, 0, len(title))
        parts = [m.span() for m in _TITLE_PART.finditer(title)]
        parts = [(a, b) for a, b in parts if any(a <= t.start < b and t.rule.event_type == event_type for t in trigs)]
        if not parts:
            return None
        fold = self.gazetteer.fold
        reporter = {fold(p) for p in doc.reporter_places}
        found = [p for p in self.geo.find(title, 0, len(title))
                 if any(a <= p.start < b for a, b in parts) and fold(p.surface) not in reporter]
        trusted = self._trusted(found, focus)
        ref = self.geo.resolve(trusted, focus) if trusted else None
        if ref is None or _country_only(ref) or (place is not None and place.country != ref.country):
            return None
        return ref

    def _site_town(self, g: list[Candidate], sents: list[_Sent], place: PlaceRef | None, focus: tuple[str, ...]) -> PlaceRef | None:
        """"Salah satu rudal menghantam Pusat Medis Soroka pada Kamis (19/6)" beside "rumah sakit di
        Beersheba": a dated event whose clause names only places that could not be read (a site the
        gazetteer does not know: a hospital, a base) lies in the town the article places things in,
        when the article names exactly one place below the country there (cued "in"/"near" or by a
        type word)."""
        if place is None or not place.country:
            return None
        if not any(
            c.status == "event"
            # a strike's hit site is often told by a common noun alone ("rumah sakit itu terkena
            # hantaman rudal"): no place read at all is a site unread too
            and (c.frame.places or c.event_type == _REMOTE)
            and not self._trusted(c.frame.places, focus)
            for c in g
        ):
            return None
        towns: dict[tuple[str | None, str | None], PlaceRef] = {}
        for m in sents:
            for p in m.places:
                if not cued(p):
                    continue
                ref = self.geo.resolve([p], focus)
                if ref is not None and ref.country == place.country and not _country_only(ref):
                    towns.setdefault((ref.location, ref.admin1), ref)
        return next(iter(towns.values())) if len(towns) == 1 else None

    def _unread_place(self, g: list[Candidate], doc: Doc, sents: list[_Sent], lead: bool) -> bool:
        """Whether the text names a place for the event that the gazetteer does not know: a
        locative cue ("in", "di", "near") right before a capitalised word that is no date and no
        country ("in Ad Durayhimi district"), in an event sentence or, when the article tells one
        incident (``lead``), in its first sentence, where such a report names its place. Such an
        event is codable; only our reading failed (a name the gazetteer lacks, or one read but not
        trusted as the place)."""
        pos = {s.index: i for i, s in enumerate(doc.sentences)}
        own = sorted({pos[c.sentence] for c in g if c.status == "event" and c.sentence in pos})
        for i in own:
            if self._names_unread(doc, sents[i], doc.sentences[i]):
                return True
        return lead and bool(doc.sentences) and 0 not in own and self._names_unread(doc, sents[0], doc.sentences[0])

    def _names_unread(self, doc: Doc, m: _Sent, sent: Any) -> bool:
        """A locative cue in the sentence followed, within a few words, by a capitalised word that
        is neither a date nor a country."""
        text = doc.text
        taken = [(d.start, d.end) for d in m.dates]
        taken += [(p.start, p.end) for p in m.places if p.candidates and p.candidates[0].kind == "country"]
        for cue in self.finder.cues(text, sent.start, sent.end):
            if cue.kind != "locative":
                continue
            for n, word in enumerate(_WORD.finditer(text, cue.end, sent.end)):
                if n >= _PLACE_REACH or not word.group()[0].isalnum():
                    break
                if word.group()[0].isupper() and not any(a <= word.start() < b for a, b in taken):
                    return True
        return False

    @staticmethod
    def _anchored_somewhere(g: list[Candidate], place: PlaceRef | None) -> bool:
        """A coder codes an incident only when the article ties it to a day or to a place below
        the country: "Israel ... saling serang", "AS membantu menembak jatuh rudal" with neither
        are commentary on a war, not a codable event. Counted deaths or a named actor found
        the event without them."""
        if place is not None and ((place.geo_precision or 3) <= 2 or place.admin1):
            return True
        if any(c.deaths is not None and c.status == "event" for c in g):
            return True
        return any(getattr(c.frame.actor1, "kind", None) == "named" for c in g if c.status == "event")

    def _lead_day(self, doc: Doc, sents: list[_Sent], event_type: str) -> date | None:
        """The day the lead tells its news on: the first day written in the lead sentences
        ("Penyelenggara mengatakan ... pada Sabtu (18/10)", "Katz mengatakan pada Kamis (19/6)"),
        not the day a source was quoted ("dilansir AFP, Minggu") nor one told with another kind
        of event ("menyusul serangan udara ... pada Jumat"), within a week before publication. An
        undated ``event_type`` mention of the story takes this day rather than the publication
        day, which is often the day after."""
        if doc.pub_date is None:
            return None
        limit = self._lead_limit(doc)
        text = doc.text
        for s, m in zip(doc.sentences, sents):
            if s.index >= limit:
                break
            found = m.dates if m.triggers else self.dates.find(text, s.start, s.end)
            if not found:
                continue
            toks = m.tokens if m.triggers else self.finder.tokens(text, s.start, s.end)
            cues = self.finder.cues(text, s.start, s.end)
            found = self.builder._event_dates(found, cues, toks)
            if m.triggers:
                mine = [t for t in m.triggers if t.rule.event_type == event_type]
                clauses = self.finder.clauses(text, s.start, s.end)
                found = [d for d in found if any(d in self.builder._free_dates(found, t, m.triggers, clauses) for t in mine)] if mine else [
                    d for d in found if not any(c.start <= d.start < c.end and any(c.start <= t.start < c.end for t in m.triggers) for c in clauses)
                ]
            for d in found:
                if d.precision != 1 or d.kind not in DAY_KINDS:
                    continue
                ref = self.dates.resolve(d, doc.pub_date)
                if ref is not None and 0 <= (doc.pub_date - ref.day).days <= _LEAD_DAYS:
                    return ref.day
        return None

    @staticmethod
    def _story_date(
        groups: list[list[Candidate]], gi: int, dates: dict[int, DateRef | None], explicit: dict[int, bool],
        pub_date: date | None = None,
    ) -> DateRef | None:
        """An undated mention of the same kind of event as an earlier dated one ("Di Los Angeles,
        para pengunjuk rasa ...", after "demo ... pada Sabtu") continues that story: it takes its day.
        A background event ("Serangan Hamas pada 7 Oktober 2023 memicu perang") starts no story."""
        first = min(c.sentence for c in groups[gi])
        kind = _head_of(groups[gi]).event_type
        best: tuple[int, DateRef] | None = None
        for gj, day in dates.items():
            if gj == gi or day is None or not explicit.get(gj):
                continue
            if pub_date is not None and (pub_date - day.day).days > _BACKGROUND_DAYS:
                continue
            g = groups[gj]
            start = min(c.sentence for c in g)
            if start <= first and _head_of(g).event_type == kind and (best is None or start > best[0]):
                best = (start, day)
        return best[1] if best else None

    @staticmethod
    def _anchored(c: Candidate) -> bool:
        return c.frame.date is not None and c.frame.date.kind == "anchor"

    @staticmethod
    def _nearest_group(groups: list[list[Candidate]], c: Candidate, event_type: str) -> int | None:
        best = None
        for gi, g in enumerate(groups):
            if c in g:
                continue
            if any(m.event_type == event_type and m.sentence <= c.sentence for m in g):
                last = max(m.sentence for m in g if m.sentence <= c.sentence)
                if best is None or last > best[1]:
                    best = (gi, last)
        return best[0] if best else None

    def _group_deaths(self, g: list[Candidate], country: str | None) -> int | None:
        """The lowest credible count over the mentions of one incident -- for each side: "5 militia
        members were killed ... Also 4 Taliban militants were killed", "1 soldier was killed ... 1
        civilian was killed during the attack" add up the dead of each. Whose dead a mention counts
        is the actor its death word names (frames._dead_of), else its victims (actor2); when a
        mention does not say, all are the same dead told again. Only the report of the incident
        adds up (the sentences right after its first mention), not a total recalled further on."""
        def lowest(ms: list[Candidate]) -> int | None:
            return lowest_credible((m.deaths, m.deaths_vague) for m in ms)[0]

        first = min(c.sentence for c in g)
        counted = [c for c in g if c.deaths is not None]
        if len(counted) < 2 or any(c.sentence - first > _SIDES_REACH for c in counted):
            return lowest(g)
        sides: dict[str, list[Candidate]] = {}
        for c in counted:
            told = c.frame.extra.get("dead_of") or c.frame.actor2
            victim = self._complete(told, country) if told is not None else None
            if victim is None:
                return lowest(g)
            sides.setdefault(victim.name, []).append(c)
        if len(sides) < 2:
            return lowest(g)
        return sum(int(lowest(side) or 0) for side in sides.values())

    def _lead_limit(self, doc: Doc) -> int:
        first = doc.sentences[0].index if doc.sentences else 0
        return first + self.finder.lead_sentences

    def _carried_force(self, groups: list[list[Candidate]], gi: int) -> Any:
        """"Densus 88 menangkap empat terduga teroris di Sumbar dan Sumut. Untuk terduga teroris di
        Tanjungbalai diamankan pada Senin": an act of the state's forces told with no actor (its
        default actor is a state force), right after the same act by a named force (news
        paragraphs are often one sentence), was done by that force. The named force's mention, else None."""
        head = _head_of(groups[gi])
        if any(c.status == "event" and c.frame.actor1 is not None for c in groups[gi]):
            return None
        role = self._default_role.get(head.sub_event_type)
        if role is None or self._role_inter(role) != _STATE_INTER:
            return None
        first = min(c.sentence for c in groups[gi])
        for other in groups:
            prior = _head_of(other)
            if (
                other is not groups[gi] and prior.sub_event_type == head.sub_event_type
                and 0 < first - prior.sentence <= _CARRY_SENTENCES
                and prior.frame.actor1 is not None and self._inter(prior.frame.actor1) == _STATE_INTER
            ):
                return prior.frame.actor1
        return None

    def _event(self, g: list[Candidate], doc: Doc, day: DateRef | None, explicit: bool, place: PlaceRef | None,
               carried: Any = None) -> Event | None:
        head = lead(g)
        country = place.country if place else None
        a1 = a2 = None
        for c in g:
            if c.status != "event":
                continue
            if a1 is None and c.frame.actor1 is not None:
                # the group's type gives a generic crowd its role: protesters whose demo turned violent riot
                role = self._as_role.get(head.event_type) if c.frame.actor1.kind == "generic" else None
                a1 = self._complete(c.frame.actor1, country, role)
            if a2 is None and c.frame.actor2 is not None:
                a2 = self._complete(c.frame.actor2, country)
                if a2 is not None and a1 is not None and a2.name == a1.name:
                    a2 = None
        claimed = next((c.extra["claimed_by"] for c in g if c.status == "event" and "claimed_by" in c.extra), None)
        if claimed is not None and (a1 is None or a1.inter in _CLAIMANT_INTER):
            a1 = self.actors.localize(claimed, country)  # the group that claimed the unnamed attackers' act
        if a1 is None:
            # an explosion told as part of a state's strike (_join_strikes) is that state's
            a1 = next((c.extra["strike_actor"] for c in g if c.status == "event" and "strike_actor" in c.extra), None)
        if a1 is None and head.event_type == _REMOTE:
            # "the armed forces of Iran fired a missile carrying bomblets" (a quote, so support)
            # then "a bomblet hit a house in Azor": the mention that founds the event names no
            # attacker, a mention of the same strike demoted only in the article (quoted) does;
            # never a mere reference ("ledakan itu")
            a1 = next(
                (r for c in g if c.event_type == head.event_type and (c.frame.status == "event" or c.frame.reason == "quoted")
                 and c.frame.actor1 is not None
                 and (r := self._complete(c.frame.actor1, country)) is not None),
                None,
            )
        if head.event_type in _CROWD_TYPES and a1 is not None and a1.inter == _STATE_INTER:
            # a protest or riot is the crowd's event: the police who met it are actor2
            role = self._as_role.get(head.event_type)
            a1, a2 = (self.actors.generic(role, country) if role and country else None), a1
        elif head.event_type in _CROWD_TYPES and a1 is not None and a1.inter not in _CROWD_INTER:
            # ACLED's actor1 of a protest or riot is always the crowd ("Protesters (Turkey)"); a
            # party or group it names (often from another clause) is at most an associated actor
            role = self._as_role.get(head.event_type)
            a1 = self.actors.generic(role, country) if role and country else None
        if a1 is None and carried is not None:
            a1 = self._complete(carried, country)
        if a1 is None:
            # events.md requires actor1: an unnamed perpetrator is ACLED's generic actor of
            # the event's kind in its country. Without even a country the event is not codable.
            if country is None:
                self.stats.dropped["no_country"] += 1
                return None
            role = self._default_role.get(head.sub_event_type) or self._default_role.get(head.event_type)
            try:
                a1 = self.actors.generic(role or "armed_group", country)
            except KeyError:
                self.stats.dropped["no_generic_actor"] += 1
                return None
        known = [c.deaths for c in g if c.deaths is not None]
        lowest = self._group_deaths(g, country)
        fatalities = lowest if lowest is not None else (3 if any(c.deaths_reported for c in g) else 0)
        if head.event_type == "Protests" and head.sub_event_type != _LETHAL_PROTEST:
            # deaths told with a protest that met no lethal force are what it is about
            # ("protested against the killings", "commemorated workers who lost their lives")
            known, fatalities = [], 0
        spans = tuple(sorted({(c.frame.sentence_span.start, c.frame.sentence_span.end) for c in g}))
        date_str = day.day.isoformat() if day else ""
        key = "|".join(
            (doc.doc_id, head.event_type, head.sub_event_type, date_str, place.location if place else "", a1.name if a1 else "")
        )
        event_id = hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]
        # Calibrated on the ACLED sample and the Indonesian dev set (docs/quality.md): a date and a
        # town of its own, several mentions and counted deaths make an event right more often; a
        # region-only place and a strategic development less often. A named actor did not help.
        conf = 0.3
        conf += 0.15 if explicit else 0.0
        if place is not None:
            conf += 0.25 if place.geo_precision <= 2 else (0.05 if place.admin1 else 0.0)
        conf += min(0.15, 0.05 * (len(g) - 1))
        conf += 0.05 if known else 0.0
        conf += _TYPE_PRIOR.get(head.event_type, 0.0)
        notes = head.frame.notes
        if len(notes) > _NOTES_CHARS:
            notes = notes[: _NOTES_CHARS - 1].rsplit(" ", 1)[0] + "…"
        art = doc.article
        return Event(
            event_id=event_id,
            event_type=head.event_type,
            sub_event_type=head.sub_event_type,
            actor1=a1.name if a1 else "",
            inter1=a1.inter if a1 else 0,
            actor2=a2.name if a2 else None,
            inter2=a2.inter if a2 else None,
            country=country,
            admin1=place.admin1 if place else None,
            admin2=place.admin2 if place else None,
            location=place.location if place else None,
            latitude=place.latitude if place else None,
            longitude=place.longitude if place else None,
            geo_precision=place.geo_precision if place else None,
            event_date=day.day if day else None,
            time_precision=day.precision if day else None,
            fatalities=int(fatalities),
            notes=notes,
            sources=(Source(doc.doc_id, art.url, art.publisher, doc.pub_date, tuple(Span(a, b) for a, b in spans)),),
            confidence=round(max(0.05, min(0.99, conf)), 2),
            language=doc.language,
        )


# A headline's parts: "Ada Demo di Patung Kuda Jakpus, Lalin Arah Stasiun Gambir Ditutup" (_title_place).
_TITLE_PART = re.compile(r"[^,;:|]+")


def _country_only(place: PlaceRef | None) -> bool:
    """No place, or only a country (its capital's point, no admin1): below events.md's coarsest place."""
    return place is None or (place.admin1 is None and (place.geo_precision or 3) >= 3)


def _head_of(group: list[Candidate]) -> Candidate:
    return next((c for c in group if c.status == "event"), group[0])

