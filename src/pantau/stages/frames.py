"""Event candidates (frames): one per event clause, with a status and its roles.

A frame's status says what a careful coder would make of the mention:
``event`` (a reported occurrence), ``support`` (a purpose clause, a coreferring
"serangan itu", a trigger inside a date anchor: it may add place or evidence to
an event it merges with, never create one) or ``dropped`` (negated, planned,
hypothetical, ongoing, a running total, a year-only background) with its reason.
All words come from the pack (through ``MentionFinder``); this module is logic.
"""

from __future__ import annotations

import re
from bisect import bisect_left, bisect_right
from dataclasses import dataclass, field
from operator import attrgetter
from types import MappingProxyType
from typing import Any, Callable, Iterable, Sequence

from pantau.records import Sentence, Span
from pantau.slots import maker, replacer
from pantau.stages.mentions import CueMention, MentionFinder, Token, TriggerMention
from pantau.stages.normalize.places import cued

__all__ = ["Frame", "FrameBuilder", "DROP_KINDS"]

# Cue kinds that drop a candidate, in the order they are checked.
DROP_KINDS = ("negation", "denial", "modality", "hypothetical", "ongoing", "tally", "figurative")
_VIOLENT = ("Battles", "Explosions/Remote violence", "Violence against civilians", "Riots", "Protests")
# Sub-types that ordinary crime also produces (with Violence against civilians).
CRIME_SUBTYPES = ("Arrests", "Mob violence")
_CIVILIANS = 7
_STATE = 1
_RIOTERS, _PROTESTERS = 5, 6
_NON_STATE = (2, 3, 4)
_CROWDS = (_RIOTERS, _PROTESTERS, _CIVILIANS)
# The actor role (actors.toml) of civilians acting together: residents, villagers, a man's kin.
_CROWD_ROLE = "crowd"
# Roles that suffer armed violence rather than wield it (actors.toml role names).
_VICTIM_ROLES = ("civilians", _CROWD_ROLE)
_DESTRUCTION = "Looting/property destruction"
_CLASH = "Armed clash"
_SHELLING = "Shelling/artillery/missile attack"
# The actor role (actors.toml) of unnamed armed men: what they do is no protest.
_ARMED_ROLE = "armed_group"
# Date mentions that name one day.
DAY_KINDS = ("absolute", "weekday", "relative")  # date kinds that name a day of their own
# What a crowd's own violence is typed as (a protest trigger naming its actor yields to it).
_CROWD_VIOLENCE = ("Riots", "Battles", "Violence against civilians")
# characters between a negation and the confirmation it undoes ("belum mengonfirmasi")
_NEGATED_REACH = 3
# At most this many characters between a subject and its verb ("The demonstrators also destroyed").
_SUBJECT_CHARS = 12
_WORDS = re.compile(r"\w+")
# At most this many characters from a source phrase's cue to a place inside the phrase
_PHRASE_CHARS = 80
# "volunteers, helping police enforce the lockdown, beat up a driver": a phrase set off by two commas
# between a subject and its verb
_APPOSITIVE = re.compile(r"\s*,[^,;:.()]{3,80},\s*")
_ARMED_TYPES = ("Battles", "Explosions/Remote violence", "Violence against civilians")
# What a territory verb that took things ("seized", cue kind) is instead (ACLED's seizure rules).
_SEIZED = MappingProxyType({
    "seized_arms": ("Strategic developments", "Disrupted weapons use"),
    "seized_goods": ("Strategic developments", "Looting/property destruction"),
})
# Violence that looting or destruction told with it belongs to (ACLED codes the violence).
_HARM_TYPES = (*_ARMED_TYPES, "Riots")
_REMOTE = "Explosions/Remote violence"
# Sub-types coded where they went when the clause names no place of their own ("deployed
# reinforcements to Anbar province").
_TO_DESTINATION = ("Change to group/activity",)
_ABDUCTION = "Abduction/forced disappearance"
# At most this many words between an abduction verb and the one it took (its object or subject).
_VICTIM_REACH = 3
# Interaction codes of armed actors: state forces, rebels, political and identity militias, external forces.
_ARMED_INTER = (1, 2, 3, 4, 8)
# A named actor's kind (knowledge/actors.tsv) for a political party: its members attacked are civilians.
_PARTY = "party"
# Between a "located at" cue and the place it posts a side at: a few words, no clause mark
# ("located at nameless hills in Terter region").
_POSTED_GAP = re.compile(r"(?:\s*[^\s,;.()]+){0,4}?\s*")
# At most this many characters between "if"/"not" and the word it doubts ("if he was off-duty").
_DOUBT_CHARS = 20
# What violence among unorganised people over a private quarrel was read as (see _disputes).
_QUARREL = (("Violence against civilians", "Attack"), ("Battles", "Armed clash"))
# At most this many characters between a country and the town named after it (", ").
_APPOSITION = 2
# At most this many words between a negated trigger and one coordinated with it ("bom atau bahan peledak").
_CARRY_WORDS = 3
# At most this many words from a clause's singular subject ("a man from ...") to its death word.
_SUBJECT_WORDS = 8
# At most this many words before a death word for the auxiliary that makes it passive ("were also killed").
_AUX_REACH = 2
# At most this many words between a death word and the actor whose dead it counts ("were also killed").
_DEAD_REACH = 3
# Trigger types whose attacker may be named by a bare country ("serangan Israel").
_REMOTE_CAPABLE = ("Battles", "Explosions/Remote violence")


@dataclass(frozen=True, slots=True)
class Frame:
    """One event candidate in one clause."""

    sentence: int
    clause: Span
    sentence_span: Span
    trigger: TriggerMention
    event_type: str
    sub_event_type: str
    status: str  # "event" | "support" | "dropped"
    reason: str | None = None
    actor1: Any = None  # ActorMention | None
    actor2: Any = None
    date: Any = None  # DateMention | None (the frame's own date)
    anchor: TriggerMention | None = None  # trigger inside an anchored date ("setelah serangan itu")
    places: tuple[Any, ...] = ()  # PlaceMention of the event clause (direction places removed)
    deaths: int | None = None  # explicit count (lowest credible) when one is given
    deaths_reported: bool = False
    deaths_vague: bool = False  # the count is a vague word's fixed number ("puluhan" = 10)
    paragraph: int = 0
    notes: str = ""
    extra: dict[str, Any] = field(default_factory=dict, compare=False)


@dataclass(frozen=True, slots=True)
class _Count:
    """A count of dead built from several listed ones (the fields of a NumberMention it needs)."""

    value: int
    vague: bool


_ONE = _Count(1, False)
_START = attrgetter("start")
_END = attrgetter("end")
_make_frame = maker(Frame)  # Frame(...), built faster (see pantau.slots)
_make_span = maker(Span)


def lowest_credible(counts: Iterable[tuple[int | None, bool]]) -> tuple[int | None, bool]:
    """events.md's lowest credible number over several counts of one incident's dead: a vague
    word's fixed number ("puluhan" = 10) stands only when no count is precise ("33 tewas")."""
    known = [(n, vague) for n, vague in counts if n is not None]
    precise = [n for n, vague in known if not vague]
    if precise:
        return min(precise), False
    return (min(n for n, _ in known), True) if known else (None, False)


class FrameBuilder:
    """Builds frames for one sentence from its mentions (all offsets into Article.text)."""

    def __init__(self, finder: MentionFinder) -> None:
        self.finder = finder
        # the words between two nouns that share a possessor (see _shared_possessor)
        self._conj = re.compile(rf"\s*(?:{finder.conjunctions})\s*")
        # the gap between two listed triggers: a comma, a conjunction, or both, with other list items of
        # one or two words between ("marches, protests, press conferences, sit-ins"; see _list_carried)
        sep = rf"\s*(?:,\s*(?:(?:{finder.conjunctions})\s+)?|(?:{finder.conjunctions})\s+)"
        self._list_gap = re.compile(rf"{sep}(?:[\w'-]+(?:\s+[\w'-]+)?{sep})*", re.I)

    def build(
        self,
        text: str,
        sentence: Sentence,
        *,
        actors: Sequence[Any] = (),
        places: Sequence[Any] = (),
        dates: Sequence[Any] = (),
        numbers: Sequence[Any] | Callable[[], Sequence[Any]] = (),
        inter_of: Callable[[Any], int | None] = lambda m: None,
        best_date: Callable[[Sequence[Any]], Any] | None = None,
        countries: Sequence[Any] = (),
        neighbours: Callable[[str, str], bool] | None = None,
        tokens: list[Token] | None = None,
        triggers: list[TriggerMention] | None = None,
    ) -> list[Frame]:
        """``countries``: a bare country name read as its state's forces ("serangan Israel ke Iran",
        "Iran menembakkan rudal"), used only when no actor fills the attacker's role of a violent
        trigger; ``neighbours(a, b)``: whether two countries share a border. ``tokens`` and
        ``triggers`` are the sentence's, when the caller has found them already (so that it can
        skip dates and numbers in sentences without a trigger). ``numbers`` may be a function
        that finds them: most sentences never ask (only a death word beside a violent frame and a
        country named as attacker do), and reading counts costs as much as finding dates."""
        f = self.finder
        numbers_of = _once(numbers) if callable(numbers) else lambda: numbers
        toks = tokens if tokens is not None else f.tokens(text, sentence.start, sentence.end)
        if triggers is None:
            triggers = f.triggers(text, sentence.start, sentence.end, toks)
        if not triggers:
            return []
        # a cue inside an actor's name ("pasukan ... yang didukung AS") is part of the name
        cues = f.cues(text, sentence.start, sentence.end)
        if actors:
            cues = [c for c in cues if not any(a.start <= c.start and c.end <= a.end for a in actors)]
        clauses = f.clauses(text, sentence.start, sentence.end)
        sent_span = _make_span(sentence.start, sentence.end)
        dates = self._event_dates(dates, cues, toks)
        # a capitalised trigger ("Drone Thailand Serang Pos Militer") is not the town of its name
        places = [p for p in places if not any(t.start < p.end and p.start < t.end for t in triggers)]
        day_dated = any(getattr(d, "kind", "") in DAY_KINDS for d in dates)
        notes = " ".join(sentence.text.split())  # (one per sentence, shared by its frames)
        frames: list[Frame] = []
        for trig in triggers:
            clause = next((c for c in clauses if c.start <= trig.start < c.end), sent_span)
            if any(a.start <= trig.start < a.end and getattr(a, "kind", "") == "named" for a in actors):
                continue  # part of a name ("Pasukan Pertahanan Israel")
            if trig.rule.needs_sentence:
                # "fired 14.5mm, 12.7mm and PK machine guns": a weapon list cut by commas goes on
                # with the verb before it; the trigger belongs to that verb's clause
                told = self._need_before(toks, trig)
                if told is None:
                    continue
                clause = next((c for c in clauses if c.start <= told < c.end), clause)
            elif trig.rule.needs and not self._needs_met(toks, clause, trig, clauses):
                continue
            if not trig.verbal and self._cue(cues, "modifier", trig, clause, toks):
                continue  # "dengan kedok serangan udara": how, not what
            status, reason = "event", None
            for kind in DROP_KINDS:
                if kind in ("ongoing", "tally") and trig.rule.event_type == "Protests" and day_dated:
                    # "continued their sit-in on 27 April", "protested on 29 April over salaries unpaid
                    # for seven months": each day of a protest is an event
                    continue
                if self._cue(cues, kind, trig, clause, toks):
                    status, reason = "dropped", kind
                    break
            # "On 29 April 2020, a group held a demonstration to commemorate those killed in 1977": a
            # year told after the trigger, in a sentence that opens with the event's day, dates what
            # the clause recalls, not the event
            told_day = any(getattr(d, "kind", "") in DAY_KINDS and d.end <= trig.start for d in dates)
            mine = [d for d in dates if not (told_day and getattr(d, "kind", "") == "year" and d.start >= trig.end)]
            date_here = [d for d in mine if clause.start <= d.start < clause.end] or self._free_dates(
                mine, trig, triggers, clauses
            )
            anchor_dates = [d for d in dates if self._anchors(d, trig, toks)]
            if status == "event":
                if anchor_dates:
                    status, reason = "support", "anchor"
                elif self._is_purpose(cues, trig, clause, toks):
                    status, reason = "support", "purpose"
                elif self._cue(cues, "reference", trig, clause, toks) and not self._told_anew(text, clause, dates):
                    status, reason = "support", "reference"
                elif self._cue(cues, "commentary", trig, clause, toks):
                    status, reason = "support", "commentary"  # "mengecam serangan di Gaza": about an event, not its report
                elif self._grievance(cues, trig, triggers, clause, toks):
                    status, reason = "support", "grievance"
                elif self._demanded(cues, trig, triggers, clause, toks):
                    status, reason = "support", "demand"
                elif trig.verbal and trig.surface.islower() and self.finder.participle(trig.surface) and self._cue(cues, "attributive", trig, clause, toks):
                    status, reason = "support", "attributive"
            own_dates = [d for d in date_here if not self._anchors(d, trig, toks)]
            date = (best_date(own_dates) if best_date else (own_dates[0] if own_dates else None)) if own_dates else None
            if status == "event" and date is not None and getattr(date, "kind", "") == "year":
                status, reason = "dropped", "year_only"
            if status == "event" and date is None and not trig.verbal and _plural(trig.surface):
                # "24 orang tewas akibat serangan-serangan rudal Iran": a reduplicated noun names many
                # attacks at once, a toll over them; with no day of its own it founds no event
                status, reason = "support", "plural"
            anchor = None
            if date is not None and getattr(date, "kind", "") == "anchor":
                anchor = next((t for t in triggers if self._anchors(date, t, toks)), None)
            actor1, actor2 = self._roles(trig, clause, sent_span, toks, cues, actors, text)
            if (
                self.finder.subject_verbs and trig.rule.generic and not trig.verbal and actor1 is not None
                and actor1.end <= trig.start
                and self._next_to(toks, text, actor1.end, trig.start)
            ):
                # "villagers beat up four persons": a bare attack word right after its subject is its
                # verb (not a noun's: "an Afghan military convoy")
                trig = _replace(trig, form="active")
            if actor1 is None and countries and trig.rule.event_type in _REMOTE_CAPABLE:
                actor1 = self._country_agent(trig, clause, toks, countries, actors, numbers_of())
            off_duty = any(
                # "not clear if he was off-duty" says nothing
                c.kind == "off_duty" and not any(h.kind in ("hypothetical", "negation") and 0 <= c.start - h.end <= _DOUBT_CHARS for h in cues)
                for c in cues
            )
            if (trig.rule.generic or trig.rule.sub_event_type == _ABDUCTION) and actor2 is not None and (
                (off_duty and inter_of(actor2) == _STATE) or getattr(actor2, "role_kind", None) == _PARTY
            ):
                # "shot dead a soldier (assumed off-duty)", "attacked and injured 3 CNL members": ACLED
                # codes state forces off duty and a party's members as civilians
                actor2 = _replace_any(actor2, actor=None, kind="generic", role_kind=_VICTIM_ROLES[0])
            civilian = (off_duty and actor2 is None and trig.rule.generic) or self._cue(cues, "civilian_target", trig, clause, toks) or self._passive_target(cues, trig, clause, toks) or (
                inter_of(actor1) != _STATE and self._place_object(trig, places, actors, toks)
            )
            ev_type, sub = self._type(trig, actor1, actor2, inter_of, civilian)
            if (
                (ev_type, sub) == ("Battles", "Armed clash") and not trig.rule.generic and not trig.rule.territory
                and inter_of(actor1) == _STATE and inter_of(actor2) in _CROWDS
                and (self._sides(trig, clause, toks, cues, [a for a in actors if not (a.start < trig.end and a.end > trig.start)], text) is not None
                     or (self._words_between(toks, trig.end, actor2.start) if actor2.start >= trig.end
                         else self._words_between(toks, actor2.end, trig.start)) <= _VICTIM_REACH)
            ):
                # "a clash erupted between police and shopkeepers", "police fought with market vendors":
                # forces fighting unarmed people is a riot, not a battle
                ev_type, sub = "Riots", "Violent demonstration" if inter_of(actor2) in (_RIOTERS, _PROTESTERS) else "Mob violence"
            if (
                sub == _ABDUCTION and inter_of(actor2) in _ARMED_INTER
                and (self._words_between(toks, trig.end, actor2.start) if actor2.start >= trig.end
                     else self._words_between(toks, actor2.end, trig.start)) <= _VICTIM_REACH
            ):
                # "gunmen abducted a police officer": ACLED's abduction is of civilians; seizing armed
                # men (state forces, a group's fighters) is a battle
                ev_type, sub = "Battles", "Armed clash"
            if ev_type == "Battles" and trig.rule.generic and self._cue(cues, "warning_fire", trig, clause, toks):
                # "guards fired shots in the air near the border": a show of force that harmed no one
                # and met no one is ACLED's 'other' strategic development, no battle
                ev_type, sub = "Strategic developments", "Other"
            if trig.rule.territory:
                # "police seized 8 grenades", "gunmen seized a vehicle": what was taken is no territory
                ev_type, sub = next(
                    (t for kind, t in _SEIZED.items() if self._cue(cues, kind, trig, clause, toks)), (ev_type, sub)
                )
            guessed = False
            if ev_type == "Battles" and trig.rule.generic and neighbours is not None:
                ev_type, sub = self._cross_border(trig, clause, actor1, actor2, places, countries, neighbours, ev_type, sub)
                guessed = ev_type != "Battles"  # remote, but which weapon the word does not say
            if (
                trig.rule.strikes and ev_type in _ARMED_TYPES and ev_type != _REMOTE
                and inter_of(actor1) == _STATE and getattr(actor1, "role_kind", None) == "military"
                and self._cue(cues, "structure_target", trig, clause, toks)
            ):
                # "serangan Israel ke satu-satunya gereja di Gaza": a state's forces attacking a
                # building strike it from afar; which weapon, the word does not say
                ev_type, sub, guessed = _REMOTE, "Air/drone strike", True
            if (
                status == "event" and ev_type == "Protests" and trig.verbal
                and getattr(actor1, "role_kind", None) == _ARMED_ROLE
                and not any(c.kind == "agent" and c.end <= actor1.start and self._words_between(toks, c.end, actor1.start) == 0 for c in cues)
            ):
                # "gunmen blocked the road": not a protest (but "relatives of people killed by
                # militants protested": the militants are another verb's agent)
                status, reason = "dropped", "armed_actor"
            if status != "dropped" and self._criminal(ev_type, sub, cues, trig, clause, toks, actor1, actor2):
                status, reason = "dropped", "criminal"
            if sub == "Agreement" or (ev_type == "Strategic developments" and sub != "Arrests"):
                # (the one arrested is never who acted: an arrest's unnamed actor is the police)
                if actor1 is None and actor2 is not None:
                    actor1, actor2 = actor2, None
            frames.append(
                _make_frame(
                    sentence=sentence.index,
                    clause=clause,
                    sentence_span=sent_span,
                    trigger=trig,
                    event_type=ev_type,
                    sub_event_type=sub,
                    status=status,
                    reason=reason,
                    actor1=actor1,
                    actor2=actor2,
                    date=date,
                    anchor=anchor,
                    places=tuple(
                        self._places(places, clause, sent_span, cues, [*actors, *(a for a in (actor1, actor2) if a is not None)], trig if (ev_type in _REMOTE_CAPABLE and not trig.rule.territory) or sub in _TO_DESTINATION else None, text, actor1)
                    ),
                    paragraph=sentence.paragraph,
                    notes=notes,
                    extra={"civilian_target": civilian, "remote_guess": guessed,
                           # "pilot itu disandera": done to one already told of (Extractor._demote_retold)
                           "known_subject": trig.form == "passive" and self._cue(cues, "reference_subject", trig, clause, toks)
                           and not self._told_anew(text, clause, dates),
                           "met": ev_type == "Protests" and self._cue(cues, "at_protest", trig, clause, toks)},
                )
            )
        frames = self._negation_carried(frames, text)
        frames = self._list_carried(frames, text)
        frames = self._shared_possessor(frames, text)
        frames = self._coordinated(frames, inter_of)
        frames = self._disputes(frames, cues, inter_of)
        frames = self._main_per_clause(frames)
        frames = self._protest_arrests(frames)
        frames = self._attach_deaths(frames, text, sentence, toks, cues, numbers_of, dates, clauses, actors, places)
        frames = self._subordinate(frames, dates)
        if f.ground_nouns:
            frames = self._ground(frames, text, sentence, dates)
        return frames

    def _ground(self, frames: list[Frame], text: str, sentence: Sentence, dates: Sequence[Any]) -> list[Frame]:
        """A careful coder codes an occurrence, not a topic: a trigger noun ("serangan Israel",
        "rudal", "demo") founds an event only when the sentence tells that it happened -- an
        occurrence verb in its clause ("terjadi", "melancarkan", "menewaskan"), dead or wounded,
        a date of its own, or a named place below a country ("protes di Houston"). Otherwise it
        is a mention of a known war or a weapon: it may support an event, not found one."""
        if not any(fr.status == "event" and not fr.trigger.verbal for fr in frames):
            return frames  # no trigger noun founds an event here: its injuries and cues go unread
        return self._grounded(frames, text, sentence, dates)

    def _grounded(self, frames: list[Frame], text: str, sentence: Sentence, dates: Sequence[Any]) -> list[Frame]:
        """``_ground`` read out in full, whether or not a frame needs it."""
        f = self.finder
        hurt = bool(f.injuries(text, sentence.start, sentence.end))
        cues = f.cues(text, sentence.start, sentence.end) if "confirmation" in f.cue_scope else []
        negations = [c for c in cues if c.kind == "negation"]
        # "Militer Israel mengonfirmasi bahwa serangan udara ...": a confirmed strike happened
        # (not "belum mengonfirmasi": a negation right before the confirmation undoes it)
        confirmed = [
            c.end for c in cues
            if c.kind == "confirmation" and not any(0 <= c.start - n.end <= _NEGATED_REACH for n in negations)
        ]
        out = []
        for fr in frames:
            if fr.status == "event" and not fr.trigger.verbal:
                clause = fr.clause
                grounded = (
                    fr.deaths_reported
                    or hurt
                    or f.occurrence(text, clause.start, clause.end)
                    or any(end <= fr.trigger.start for end in confirmed)
                    or any(getattr(d, "kind", "") not in ("anchor", "year") for d in dates)
                    or any(
                        getattr(p, "relation", None) in ("in", "near")
                        # the reading the geoparser ranks first: "di India" is the country, not
                        # a village of that name elsewhere
                        and getattr(p, "candidates", ()) and p.candidates[0].kind != "country"
                        for p in fr.places
                    )
                )
                if not grounded:
                    fr = _replace(fr, status="support", reason="ungrounded")
            out.append(fr)
        return out

    @staticmethod
    def _free_dates(dates: Sequence[Any], trig: TriggerMention, triggers: Sequence[TriggerMention], clauses: Sequence[Span]) -> list[Any]:
        """The sentence's dates a trigger with none in its clause may take: not one told with
        another kind of event -- in its clause, or in a clause after it with no trigger of its own
        ("Penangkapan terjadi ..., menyusul serangan udara Israel ..., yang pada Jumat (13/6)":
        Friday is the air strike's day, not the arrests')."""
        def home(pos: int) -> Span | None:
            return next((c for c in clauses if c.start <= pos < c.end), None)

        homes = [(t, home(t.start)) for t in triggers]
        out = []
        for d in dates:
            dh = home(d.start)
            owner = next((t for t, h in homes if h is not None and h == dh), None)
            if owner is None:
                before = [t for t in triggers if t.end <= d.start]
                owner = before[-1] if before else None
            # a year-only date ("awal tahun ini") marks the whole sentence as background
            if owner is None or owner is trig or owner.rule.event_type == trig.rule.event_type or getattr(d, "kind", "") == "year":
                out.append(d)
        return out

    def _told_anew(self, text: str, clause: Span, dates: Sequence[Any]) -> bool:
        """"Unjuk rasa itu dilakukan ... pada Kamis (20/10)": a mention of "the protest" that tells
        it happened on a day of its own (an occurrence word and a written day in its clause) reports
        the incident, where the headline or lead only named it."""
        own = any(clause.start <= d.start < clause.end and getattr(d, "kind", "") in DAY_KINDS for d in dates)
        return own and bool(self.finder.occurrence(text, clause.start, clause.end))

    def _event_dates(self, dates: Sequence[Any], cues: list[CueMention], toks: list[Token]) -> list[Any]:
        """Drop the date of the report ("Dilansir AFP, Kamis (19/6)", "kata X saat ditemui, Kamis"):
        it says when the source spoke, not when the event happened."""
        scope = self.finder.cue_scope.get("report")
        if scope is None:
            return list(dates)
        window = scope[1] or 4
        reports = [c for c in cues if c.kind == "report"]
        return [
            d for d in dates
            if not any(c.end <= d.start and self._words_between(toks, c.end, d.start) <= window for c in reports)
        ]

    def _country_agent(self, trig: TriggerMention, clause: Span, toks: list[Token], countries: Sequence[Any], actors: Sequence[Any],
                       numbers: Sequence[Any] = ()) -> Any:
        """The attacker named by a bare country: right after a noun trigger ("serangan Israel")
        or the subject right before a verb ("Iran menembakkan"), in the trigger's clause. A count
        of the weapon is no word between ("Iran meluncurkan lebih dari 450 rudal")."""
        if numbers:
            counted = [n for n in numbers if n.start >= clause.start and n.end <= trig.start]
            toks = [t for t in toks if not any(n.start <= t.start < n.end for n in counted)]
        free = [c for c in countries if not any(a.start <= c.start < a.end for a in actors) and clause.start <= c.start < clause.end]
        if trig.verbal and trig.form in ("active", "middle", "verb"):
            before = [c for c in free if c.end <= trig.start and self._words_between(toks, c.end, trig.start) <= 3]
            return before[-1] if before else None
        if not trig.verbal:
            # "serangan Israel", else the subject of a light verb: "Israel melancarkan serangan"
            after = [c for c in free if c.start >= trig.end and self._words_between(toks, trig.end, c.start) <= 1] if self.finder.possessor_follows else []
            before = [c for c in free if c.end <= trig.start and self._words_between(toks, c.end, trig.start) <= 2]
            return after[0] if after else (before[-1] if before else None)
        return None

    @staticmethod
    def _cross_border(trig, clause, actor1, actor2, places, countries, neighbours, ev_type, sub) -> tuple[str, str]:
        """An attack by one state's forces on a country it does not border (Israel on Iran, Iran on
        Israel) cannot be a ground clash: it is remote violence, an air or missile strike."""
        whole = any(actor1 is c for c in countries)  # a country acting as a whole ("Israel menyerang Iran")
        # ... or its armed forces ("Militer Israel menyerang Teheran") striking a country, not a
        # named enemy on the ground: forces deployed abroad against an armed group still clash.
        forces = getattr(actor1, "kind", None) == "state" and getattr(actor1, "role_kind", None) == "military"
        if not whole and not (forces and (actor2 is None or getattr(actor2, "kind", None) == "state")):
            return ev_type, sub
        home = getattr(actor1, "country", None)
        if home is None:
            return ev_type, sub
        targets = {getattr(actor2, "country", None)} if actor2 is not None else set()
        # a clause that names no town of its own ("usai serangan Iran pada Kamis") struck the town its
        # sentence names ("mengunjungi area Beersheba usai serangan Iran")
        placeless = not any(clause.start <= p.start < clause.end and not _is_country(p) for p in places)
        for p in places:
            # where it happened ("ledakan di Tel Aviv saat Iran melancarkan serangan") or what was hit
            after = p.start >= trig.end or not _is_country(p)  # "mengunjungi Beersheba usai serangan Iran"
            here = (
                clause.start <= p.start < clause.end and after
                or getattr(p, "relation", None) == "in"
                or (placeless and not _is_country(p))
            )
            if here and p.candidates and not (actor1.start <= p.start < actor1.end):
                targets.add(p.candidates[0].country)
        for c in countries:
            if clause.start <= c.start < clause.end and c.start >= trig.end and c is not actor1:
                targets.add(c.country)
        targets.discard(None)
        targets.discard(home)
        if targets and not any(neighbours(home, t) for t in targets):
            return "Explosions/Remote violence", "Air/drone strike"
        return ev_type, sub

    @staticmethod
    def _anchors(d: Any, trig: TriggerMention, toks: list[Token]) -> bool:
        """The trigger is what an anchored date counts from ("sehari setelah serangan itu")."""
        if getattr(d, "kind", "") != "anchor":
            return False
        if d.start <= trig.start and trig.end <= d.end:
            return True
        return trig.start >= d.end and FrameBuilder._words_between(toks, d.end, trig.start) <= 1

    @staticmethod
    def _subordinate(frames: list[Frame], dates: Sequence[Any]) -> list[Frame]:
        """A noun trigger in a later clause of a sentence whose main event is verbal
        ("... memasuki pemukiman ..., membebaskan warga yang terjebak dalam pertempuran")
        describes circumstances: it supports, unless it brings its own deaths, date or place."""
        events = [fr for fr in frames if fr.status == "event"]
        if len(events) < 2:
            return frames
        mains = [fr for fr in events if fr.trigger.verbal]
        out: list[Frame] = []
        for fr in frames:
            earlier = [o for o in out if o.status == "event" and o.clause.start < fr.clause.start]
            demote = False
            if fr.status == "event" and earlier:
                if fr.trigger.rule.generic or any(o.event_type == fr.event_type for o in earlier):
                    demote = True  # ", killing 4 soldiers": the same incident told on
                elif fr.sub_event_type == _DESTRUCTION and any(_harmed(o) for o in earlier):
                    demote = True  # "abducted 6 civilians ..., where they looted goods": one incident
                elif _weapon_of(earlier[-1], fr):
                    demote = True
                elif _fire_in_clash(earlier[-1], fr):
                    own_date = any(fr.clause.start <= d.start < fr.clause.end for d in dates)
                    own_place = any(fr.clause.start <= p.start < fr.clause.end for p in fr.places)
                    demote = not (fr.deaths_reported or own_date or own_place)
                elif mains and not fr.trigger.verbal and fr.clause.start > mains[0].clause.start:
                    own_date = any(fr.clause.start <= d.start < fr.clause.end for d in dates)
                    own_place = any(fr.clause.start <= p.start < fr.clause.end for p in fr.places)
                    demote = not (fr.deaths_reported or own_date or own_place)
            if demote:
                host = earlier[-1]
                if fr.deaths_reported:
                    n, vague = lowest_credible([(host.deaths, host.deaths_vague), (fr.deaths, fr.deaths_vague)])
                    host = _replace(host, deaths=n, deaths_vague=vague, deaths_reported=True)
                if _weapon_of(host, fr):
                    # "2 men were killed when a landmine exploded": the weapon types the killing
                    host = _replace(host, event_type=fr.event_type, sub_event_type=fr.sub_event_type, actor1=fr.actor1 or host.actor1)
                if fr.trigger.rule.repels and host.actor1 is None and host.actor2 is not None and fr.actor1 is not None:
                    # "13 militants were killed when forces repulsed their attacks": the dead attacked
                    host = _replace(host, actor1=host.actor2, actor2=fr.actor1)
                if (
                    host.actor1 is None and fr.actor1 is not None and fr.actor1 is not host.actor2
                    and (fr.event_type == host.event_type or host.sub_event_type == _DESTRUCTION)
                ):
                    # "Property destruction: ... the children of fire initiative carried out an arson
                    # attack": the incident told on names who did it
                    host = _replace(host, actor1=fr.actor1)
                if _victims_told_on(host, fr):
                    # "attacked Ikobi and killed 3 residents": the attack was on civilians
                    host = _replace(host, event_type="Violence against civilians", sub_event_type="Attack", actor2=fr.actor2)
                out[out.index(earlier[-1])] = host
                fr = _replace(fr, status="support", reason="subordinate", deaths=None, deaths_reported=False, deaths_vague=False)
            out.append(fr)
        return out

    # -- cues ----------------------------------------------------------------

    def _cue(self, cues: list[CueMention], kind: str, trig: TriggerMention, clause: Span, toks: list[Token]) -> bool:
        for c in cues:
            if c.kind == kind:
                return self._find_cue(cues, kind, trig, clause, toks) is not None
        return False  # (most kinds asked about have no cue in the sentence)

    def _find_cue(
        self, cues: list[CueMention], kind: str, trig: TriggerMention, clause: Span, toks: list[Token]
    ) -> CueMention | None:
        """The cue of ``kind`` that governs the trigger. Scopes: "before"/"after" (in the clause,
        within ``window`` words), "clause" (anywhere in it), "sentence" (anywhere before it in the sentence:
        a denial or an "if" clause governs the clauses that follow it)."""
        scope = self.finder.cue_scope.get(kind)
        if scope is None:
            return None
        where, window = scope
        for c in cues:
            if c.kind != kind:
                continue
            if c.start < trig.end and c.end > trig.start:
                continue  # the cue is the trigger itself
            if where == "sentence":
                if c.end <= trig.start:
                    return c
                continue
            if not (clause.start <= c.start < clause.end):
                continue
            if where == "clause":
                return c
            if where == "before" and c.end <= trig.start:
                if not window or self._words_between(toks, c.end, trig.start) < window:
                    return c
            if where == "after" and c.start >= trig.end:
                if not window or self._words_between(toks, trig.end, c.start) < window:
                    return c
        return None

    def _next_to(self, toks: list[Token], text: str, end: int, start: int) -> bool:
        """A subject ending at ``end`` stands next to its verb at ``start``: nothing between, or only
        the name of where it is from ("residents of El Diamante village"), or an aside set off by commas."""
        gap = text[end:start]
        return self._words_between(toks, end, start) == 0 or bool(
            (self.finder.subject_origin is not None and self.finder.subject_origin.fullmatch(gap))
            or _APPOSITIVE.fullmatch(gap)
        )

    @staticmethod
    def _words_between(toks: list[Token], a: int, b: int) -> int:
        """How many tokens lie whole between ``a`` and ``b``. A sentence's tokens come in text
        order without overlapping, so both their starts and their ends ascend: those starting at
        or after ``a`` are a tail of the list and those ending by ``b`` a head, found by two
        binary searches instead of a pass over every token (this is asked dozens of times per
        sentence)."""
        return max(0, bisect_right(toks, b, key=_END) - bisect_left(toks, a, key=_START))

    def _passive_target(self, cues: list[CueMention], trig: TriggerMention, clause: Span, toks: list[Token]) -> bool:
        """"a former town councilor was shot dead by gunmen", "a truck was attacked": in the passive
        the object of the attack (a civilian_target cue) stands before the verb, within the window."""
        if trig.form != "passive" or not trig.rule.generic:
            return False
        window = self.finder.cue_scope.get("civilian_target", ("after", 0))[1] or 3
        return any(
            c.kind == "civilian_target" and clause.start <= c.start and c.end <= trig.start
            and self._words_between(toks, c.end, trig.start) < window
            for c in cues
        )

    def _is_purpose(self, cues: list[CueMention], trig: TriggerMention, clause: Span, toks: list[Token]) -> bool:
        cue = self._find_cue(cues, "purpose", trig, clause, toks)
        if cue is None:
            return False
        # a bare "to" marks purpose only right before a bare verb ("to attack"), not "led to clashes"
        if cue.surface.lower() == "to":
            return trig.surface.lower() == trig.lemma and self._words_between(toks, cue.end, trig.start) == 0
        return True

    def _grievance(self, cues: list[CueMention], trig: TriggerMention, triggers: Sequence[TriggerMention], clause: Span, toks: list[Token]) -> bool:
        """"held a protest ..., against the unjust arrest of their editor": what a protest told
        before it in the sentence is against is its topic, an event of the past, not one reported
        (a verb is the crowd's own act: "demonstrating against the curfew vandalized a station")."""
        if trig.verbal or trig.rule.event_type == "Protests" or not self._cue(cues, "grievance", trig, clause, toks):
            return False
        return any(t.rule.event_type == "Protests" and t.end <= trig.start for t in triggers)

    def _demanded(self, cues: list[CueMention], trig: TriggerMention, triggers: Sequence[TriggerMention], clause: Span, toks: list[Token]) -> bool:
        """A development a protest demands ("protesters blocked the road, calling for the release of
        prisoners", "demanding a bill penalizing rapes"): a strategic development, or any event told
        by a noun, after a demand word in a sentence whose protest or riot comes first, is what the
        crowd asks for or complains of."""
        if trig.rule.event_type in ("Protests", "Riots") or (trig.rule.event_type != "Strategic developments" and trig.verbal):
            return False  # violence told as a verb after the demand is the crowd's or done to it
        cue = self._find_cue(cues, "demand", trig, clause, toks)
        return cue is not None and any(
            t.rule.event_type in ("Protests", "Riots") and t.start < cue.start for t in triggers
        )

    def _needs_met(self, toks: list[Token], clause: Span, trig: TriggerMention, clauses: Sequence[Span] = ()) -> bool:
        """A ``needs`` word in the trigger's clause, or opening the clause right after it: a participle
        set off by a comma goes on with the same act ("gathered at the square, demanding ...")."""
        skip = range(trig.first_token, trig.last_token + 1)
        lo = next((i for i, t in enumerate(toks) if t.start >= clause.start), 0)
        hi = next((i for i, t in enumerate(toks) if t.start >= clause.end), len(toks))
        if self.finder.has_any_lemma(toks, lo, hi, trig.rule.needs, skip):
            return True
        nxt = next((c for c in clauses if c.start == clause.end), None)
        if nxt is None or hi >= len(toks) or toks[hi].start >= nxt.end:
            return False
        return any(self.finder.has_any_lemma(toks, hi, hi + len(words), [words]) for words in trig.rule.needs)

    def _need_before(self, toks: list[Token], trig: TriggerMention) -> int | None:
        """Where the nearest ``needs`` word before the trigger in its sentence starts, if any."""
        for k in range(trig.first_token - 1, -1, -1):
            if any(self.finder.has_any_lemma(toks, k, k + len(words), [words]) for words in trig.rule.needs):
                return toks[k].start
        return None

    def _criminal(self, ev_type, sub, cues, trig, clause, toks, actor1, actor2) -> bool:
        """Ordinary crime (a named suspect, a domestic killing) is not political violence: a criminal
        cue drops an attack or arrest among unnamed people unless a political cue (terror suspects,
        protesters) or a named armed actor says otherwise."""
        # a clash with no side named in its clause ("ditangkap polisi usai bentrokan yang pecah ..."
        # beside suspects by initials or debt collectors) is a brawl
        nobody = ev_type == "Battles" and not any(a is not None and clause.start <= a.start < clause.end for a in (actor1, actor2))
        if not (ev_type == "Violence against civilians" or sub in CRIME_SUBTYPES or nobody) or trig.rule.collective:
            return False
        if not self._cue(cues, "criminal", trig, clause, toks) or self._cue(cues, "political", trig, clause, toks):
            return False
        return not any(getattr(a, "kind", "") == "named" for a in (actor1, actor2) if a is not None)

    # -- roles and type --------------------------------------------------------

    def _roles(self, trig, clause, sent, toks, cues, actors, text) -> tuple[Any, Any]:
        cands = [a for a in actors if not (a.start < trig.end and a.end > trig.start)]
        before = [a for a in cands if a.end <= trig.start]
        after_clause = [a for a in cands if a.start >= trig.end and a.start < clause.end]
        agent_cues = [c for c in cues if c.kind == "agent" and trig.end <= c.start < clause.end]
        target_cues = [c for c in cues if c.kind == "target" and trig.end <= c.start < clause.end]
        agent = None
        for c in agent_cues:
            agent = next((a for a in after_clause if a.start >= c.end and self._words_between(toks, c.end, a.start) <= 3), None)
            if agent:
                break
        target = None
        for c in target_cues:
            target = next((a for a in after_clause if a.start >= c.end and self._words_between(toks, c.end, a.start) <= 3), None)
            if target:
                break
        right_next = next((a for a in after_clause if self._words_between(toks, trig.end, a.start) <= 1), None)
        subject = before[-1] if before else None
        if subject is not None and not self._next_to(toks, text, subject.end, trig.start):
            # the actor named inside an aside ("volunteers, helping police ..., beat") is not the subject
            subject = next((a for a in reversed(before) if _APPOSITIVE.fullmatch(text[a.end : trig.start])), subject)
        form = trig.form
        if (
            form in ("noun", "bare")
            and self.finder.subject_verbs
            and subject is not None
            and self._next_to(toks, text, subject.end, trig.start)
            and agent is None
        ):
            # "gunmen shot dead two farmers", "residents of El Diamante village beat a man": a bare
            # trigger right after its subject (or the name of where the subject is from)
            form = "active"
        if form == "active" and agent is not None and any(self._words_between(toks, trig.end, c.start) == 0 for c in agent_cues):
            form = "passive"  # a participle with its agent: "people killed by Palestinian attacks"
        if form in ("passive", "stative") or trig.rule.passive:
            actor1 = agent or (after_clause[0] if after_clause and after_clause[0] is not target else None)
            actor2 = subject
            if (
                actor1 is None and subject is not None and subject.end <= clause.start
                and text[trig.start].isupper() and self._words_between(toks, clause.start, trig.start) > 0
            ):
                # a title-case headline's second clause: "TPNPB Bakar Pesawat Susi Air di Nduga, Pilot
                # Selandia Baru Disandera" -- the passive's own subject opens its clause; the actor of
                # the clause before did both acts
                actor1, actor2 = subject, None
        elif form == "active" or trig.verbal:
            actor1 = subject
            # the direct object ("assaulted a civilian at a police station") before a cued one
            direct = right_next if right_next is not None and right_next is not agent and form == "active" else None
            actor2 = direct or target or next((a for a in after_clause if a is not agent), None)
        elif (
            subject is not None
            and getattr(subject, "role_kind", None) in _VICTIM_ROLES
            and trig.rule.event_type in _ARMED_TYPES
        ):
            # "17 warga Palestina tewas akibat serangan udara dan tembakan pasukan Israel": the
            # civilians before an armed noun trigger are its victims; the attacker follows it
            actor1 = agent or next(
                (a for a in after_clause if a is not target and getattr(a, "role_kind", None) not in _VICTIM_ROLES), None
            )
            actor2 = target or subject
        else:  # a noun trigger: "serangan oleh ISIS", "serangan ISIS terhadap tentara"
            actor1 = agent or (right_next if right_next is not target else None) or subject
            actor2 = target
            if actor2 is None and subject is not None and subject is not actor1:
                actor2 = subject
        if actor1 is None:
            # the weapon's owner named with it ("Turkish drones struck", "an Israeli air strike"):
            # an actor that starts before the trigger and runs into it
            actor1 = next((a for a in actors if a.start < trig.start < a.end and a is not actor2), None)
        if actor1 is not None and actor2 is not None and actor1 is actor2:
            actor2 = None
        sides = self._sides(trig, clause, toks, cues, cands, text)
        if sides is not None:
            actor1, actor2 = sides
        return actor1, actor2

    def _sides(self, trig, clause: Span, toks: list[Token], cues: list[CueMention], cands, text: str) -> tuple[Any, Any] | None:
        """"clashes took place between HTS and Hamza Division", "CNL and Imbonerakure fought each
        other": a fight told by its two sides (cue kind ``sides``, or two subjects joined by a
        conjunction) has no attacker; ACLED codes the side named first as actor1."""
        rule = trig.rule
        if rule.generic or rule.territory or (rule.event_type, rule.sub_event_type) != ("Battles", "Armed clash"):
            return None
        cue = self._find_cue(cues, "sides", trig, clause, toks)
        if cue is None:
            before = [a for a in cands if clause.start <= a.start and a.end <= trig.start]
            if len(before) < 2 or self._words_between(toks, before[-1].end, trig.start) > 1:
                return None
            gap = text[before[-2].end : before[-1].start]
            if not re.fullmatch(rf"\s*(?:{self.finder.conjunctions})\s*", gap, re.I):
                return None
            return before[-2], before[-1]
        named = [a for a in cands if cue.end <= a.start < clause.end]
        if not named or self._words_between(toks, cue.end, named[0].start) > 2:
            return None
        first = named[0]
        # the other side is joined to the first by a conjunction ("between X and Y"); "a clash took
        # place between two groups of villagers": one mention names both sides
        other = next((a for a in named[1:] if _identity(a) != _identity(first)), None)
        if other is not None and not re.fullmatch(rf"\s*(?:{self.finder.conjunctions})\s*", text[first.end : other.start], re.I):
            other = None
        return first, other

    @staticmethod
    def _type(trig: TriggerMention, actor1, actor2, inter_of, civilian_target: bool = False) -> tuple[str, str]:
        """ACLED's type from the trigger and who acted on whom: an attack on civilians (or on a
        village, homes, a market) is violence against civilians; a clash among civilians, rioters or
        protesters is a riot; an "arrest" by an armed group is an abduction."""
        rule = trig.rule
        i1 = inter_of(actor1) if actor1 is not None else None
        i2 = inter_of(actor2) if actor2 is not None else None
        if rule.territory:
            if i1 == _STATE:
                return "Battles", "Government regains territory"
            return "Battles", "Non-state actor overtakes territory"
        crowd = i1 == _RIOTERS or getattr(actor1, "role_kind", None) == _CROWD_ROLE
        if rule.generic and trig.verbal and crowd:
            # residents, a crowd, a man's kin beating or killing someone -- or assaulting the
            # police who came: unarmed people turned violent, ACLED's mob violence
            return "Riots", "Mob violence"
        subject = actor1 is not None and 0 <= trig.start - actor1.end <= _SUBJECT_CHARS
        if i1 == _PROTESTERS and trig.form == "active" and subject and (rule.generic or rule.sub_event_type == _DESTRUCTION):
            # demonstrators who attack or destroy ("the demonstrators burned the police station")
            return "Riots", "Violent demonstration"
        if rule.generic:
            if i2 == _PROTESTERS and i1 == _STATE:
                return "Protests", "Excessive force against protesters"
            if i2 == _CIVILIANS or (i2 is None and civilian_target):
                return "Violence against civilians", "Attack"
            if i2 is not None:
                return "Battles", "Armed clash"
        if rule.sub_event_type == "Arrests" and i1 in _NON_STATE:
            return "Violence against civilians", "Abduction/forced disappearance"
        if (rule.event_type, rule.sub_event_type) == ("Battles", "Armed clash") and not rule.generic and any(
            getattr(a, "role_kind", None) == _PARTY for a in (actor1, actor2)
        ):
            # "CNL and CNDD-FDD supporters fought each other": a fight of party members is mob violence
            return "Riots", "Mob violence"
        if (rule.event_type, rule.sub_event_type) == ("Battles", "Armed clash") and i1 in _CROWDS and (trig.verbal or not rule.generic):
            violent_demo = i1 in (_RIOTERS, _PROTESTERS) or i2 == _STATE
            return "Riots", "Violent demonstration" if violent_demo else "Mob violence"
        return rule.event_type, rule.sub_event_type

    def _shared_possessor(self, frames: list[Frame], text: str) -> list[Frame]:
        """Nouns joined by a conjunction share the possessor after the last ("serangan udara dan
        penembakan Israel": Israel's air strikes too); the actor fills only an empty actor1, and a
        place read from that actor's name is dropped."""
        conj = self._conj
        out = list(frames)
        for i, fr in enumerate(out):
            if fr.status == "dropped" or fr.actor1 is not None or fr.trigger.verbal:
                continue
            g = next((o for o in out if o.clause == fr.clause and o.trigger.start > fr.trigger.end), None)
            if g is None or g.trigger.verbal or g.actor1 is None or not 0 <= g.actor1.start - g.trigger.end <= 1:
                continue
            if not conj.fullmatch(text[fr.trigger.end : g.trigger.start].lower()):
                continue
            a1 = g.actor1
            places = tuple(p for p in fr.places if not (a1.start <= p.start < a1.end))
            out[i] = _replace(fr, actor1=a1, places=places or fr.places)
        return out

    def _negation_carried(self, frames: list[Frame], text: str) -> list[Frame]:
        """A trigger coordinated with a negated one shares its negation ("tidak ditemukan bom atau
        bahan peledak"): the words between them hold a coordinating word (cues.toml negation.carry)."""
        carry = self.finder.negation_carry
        if carry is None:
            return frames
        out = list(frames)
        for i, fr in enumerate(out):
            if fr.status != "event":
                continue
            for g in out[:i]:
                if g.reason != "negation" or g.clause != fr.clause or g.trigger.end > fr.trigger.start:
                    continue
                gap = text[g.trigger.end : fr.trigger.start].lower()
                if len(gap.split()) <= _CARRY_WORDS and carry.search(gap):
                    out[i] = _replace(fr, status="dropped", reason="negation")
                    break
        return out

    def _list_carried(self, frames: list[Frame], text: str) -> list[Frame]:
        """"the ban on marches, protests and sit-ins": a noun trigger listed right after a negated or
        modal one of the same type (nothing but a comma or a conjunction between them, across clause
        marks) shares its doubt -- the list names acts that may not happen, none that did."""
        out = list(frames)
        for i, fr in enumerate(out):
            if fr.status != "event" or i == 0:
                continue
            prev = out[i - 1]
            if prev.reason not in ("negation", "modality") or prev.trigger.end > fr.trigger.start:
                continue
            if fr.trigger.verbal or prev.trigger.verbal or fr.trigger.rule.event_type != prev.trigger.rule.event_type:
                continue  # a list names things of one kind; "a planned attack, killing 3" tells on
            if self._list_gap.fullmatch(text, prev.trigger.end, fr.trigger.start):
                out[i] = _replace(fr, status="dropped", reason=prev.reason)
        return out

    def _coordinated(self, frames: list[Frame], inter_of: Callable[[Any], int | None]) -> list[Frame]:
        """Coordinated attack verbs tell one act on one victim ("shot and killed 3 civilians",
        "attacked and injured a man"): a generic trigger lacking an attacker or a victim takes
        the other's, and is typed again by who acted on whom."""
        out = list(frames)
        for i, fr in enumerate(out):
            if fr.status == "dropped" or not fr.trigger.rule.generic or fr.trigger.rule.territory:
                continue
            if fr.event_type == "Explosions/Remote violence":
                continue  # typed by the attacker's reach (_cross_border), not by the victim
            if fr.actor1 is not None and fr.actor2 is not None:
                continue
            mates = [o for o in frames if o is not fr and o.clause == fr.clause and o.trigger.rule.generic and o.status != "dropped"]
            if not mates:
                continue
            a1 = fr.actor1 or next((o.actor1 for o in mates if o.actor1 is not None and o.actor1 is not fr.actor2), None)
            a2 = fr.actor2 or next((o.actor2 for o in mates if o.actor2 is not None and o.actor2 is not a1), None)
            civilian = bool(fr.extra.get("civilian_target")) or any(o.extra.get("civilian_target") for o in mates)
            # "shot and killed the court's administrative chief": the second verb's object is the first's
            if (a1, a2) == (fr.actor1, fr.actor2) and civilian == bool(fr.extra.get("civilian_target")):
                continue
            ev_type, sub = self._type(fr.trigger, a1, a2, inter_of, civilian)
            out[i] = _replace(fr, actor1=a1, actor2=a2, event_type=ev_type, sub_event_type=sub)
        return out

    @staticmethod
    def _disputes(frames: list[Frame], cues: list[CueMention], inter_of: Callable[[Any], int | None]) -> list[Frame]:
        """"a man was attacked and killed over a property dispute", "two groups clashed over a land
        dispute": violence among unorganised people over a private quarrel (cue kind ``dispute``,
        anywhere in the sentence) is ACLED's mob violence, not an armed group's attack or a battle --
        unless a named group, state forces or armed men took part."""
        if not any(c.kind == "dispute" for c in cues) or any(c.kind == "political" for c in cues):
            return frames  # "militias clashed over the ownership of land": armed sides battle
        if any(fr.status == "event" and fr.event_type == "Protests" for fr in frames):
            return frames  # "protested against police torturing them over a land dispute": the grievance
        out = []
        for fr in frames:
            if fr.status == "event" and (fr.event_type, fr.sub_event_type) in _QUARREL and all(
                a is None or (getattr(a, "kind", "") != "named" and inter_of(a) in _CROWDS) for a in (fr.actor1, fr.actor2)
            ):
                fr = _replace(fr, event_type="Riots", sub_event_type="Mob violence")
            out.append(fr)
        return out

    @staticmethod
    def _place_object(trig: TriggerMention, places: Sequence[Any], actors: Sequence[Any], toks: list[Token]) -> bool:
        """An attack verb whose object is a town or village ("militants attacked Namava") struck
        where people live: with no armed side named, ACLED codes it as violence against civilians."""
        if not (trig.rule.generic and trig.form == "active"):
            return False
        nxt = next((p for p in places if p.start >= trig.end), None)
        return (
            nxt is not None
            and getattr(nxt, "relation", None) is None
            and not getattr(nxt, "embedded", False)
            and not getattr(nxt, "demonym", False)
            and not _is_country(nxt)
            and not any(a.start <= nxt.start < a.end for a in actors)
            and FrameBuilder._words_between(toks, trig.end, nxt.start) == 0
        )

    # -- places ----------------------------------------------------------------

    def _places(self, places, clause: Span, sent: Span, cues: list[CueMention], actors, attack: TriggerMention | None = None, text: str = "",
                actor1: Any = None) -> list[Any]:
        """Where the clause (else the sentence) says it happened. For an attack with no such place,
        where it was aimed ("serangan rudal ke Haifa") is where it struck."""
        keep = self._places_in(places, clause, sent, cues, actors, text, actor1)
        if keep and all(_is_country(p) for p in keep):
            # "menyerang di jantung ibu kota Iran, Teheran": the town named right after its country
            named = [p for p in places if p.start > keep[0].end and p.start - keep[0].end <= _APPOSITION and not _is_country(p)]
            if named:
                return named[:1]
        if attack is None or (keep and not all(_is_country(p) for p in keep)):
            return keep
        # a bare country name ("Iran melancarkan serangan rudal ke kota Haifa") is the attacker's
        # home more often than where it struck: the place the attack was aimed at comes first
        aimed = [
            p for p in places
            if clause.start <= p.start < clause.end and p.start >= attack.end
            and (
                getattr(p, "relation", None) == "to"
                # "ke arah Bandara Aminggaru Ilaga": a place read with a type word but no locative
                or (getattr(p, "relation", None) not in ("in", "near", "from") and self._in_direction(p, cues))
            )
            and not any(a.start <= p.start and p.end <= a.end for a in actors)
        ]
        if aimed and all(_is_country(p) for p in aimed):
            # "serangan ke ibu kota Iran, Teheran": the town named right after its country
            named = [p for p in places if p.start > aimed[0].end and p.start - aimed[0].end <= _APPOSITION and not _is_country(p)]
            if named:
                return named[:1]
        if keep:  # over a bare country, only a place the attack went "to" ("ke kota Haifa")
            aimed = [p for p in aimed if getattr(p, "relation", None) == "to" and not _is_country(p)]
        return aimed or keep

    def sentence_places(self, text: str, sentence: Sentence, places: Sequence[Any], actors: Sequence[Any]) -> list[Any]:
        """Where a sentence says things happened, read as for an event clause spanning it."""
        span = Span(sentence.start, sentence.end)
        return self._places_in(places, span, span, self.finder.cues(text, sentence.start, sentence.end), actors, text)

    def _places_in(self, places, clause: Span, sent: Span, cues: list[CueMention], actors, text: str = "", actor1: Any = None) -> list[Any]:
        """The clause's places, else the sentence's; a place the text marks as where it
        happened ("di", "near", "kota") comes before a bare capitalised name in either
        ("meledak di depan Gereja ... Kudus di Jalan X, Makassar": Makassar, not Kudus).
        Where the attacker is posted ("forces located at Gorgan fired on positions near
        Shukurbeyli, Fizuli") is not where the act struck, when the text names another place."""
        usable = [
            p for p in places
            if sent.start <= p.start < sent.end
            and getattr(p, "relation", None) not in ("to", "from", "of")
            and not any(a.start <= p.start and p.end <= a.end for a in actors)  # "pasukan Irak"
            and not self._in_direction(p, cues)
            # "otoritas Tel Aviv melaporkan": the place names who spoke, not where it happened
            and not any(c.kind == "speaker" and 0 <= p.start - c.end <= 1 for c in cues)
            # "Menurut keterangan aparat keamanan di Jayapura, ...": where the source is, not the event
            and not any(c.kind == "source_phrase" and _in_phrase(text, c.end, p.start) for c in cues)
        ]
        if actor1 is not None and text:
            posted = [p for p in usable if self._posted_at(p, actor1, cues, text)]
            if posted and len(posted) < len(usable):
                usable = [p for p in usable if p not in posted]
        told = [p for p in usable if cued(p)]
        for pool in (told, usable):
            for scope in (clause, sent):
                keep = [p for p in pool if scope.start <= p.start < scope.end]
                if keep:
                    return keep
        return []

    @staticmethod
    def _posted_at(p, actor1, cues: list[CueMention], text: str) -> bool:
        """The place says where the acting side is posted: a ``stationed`` cue right after actor1
        ("military forces of Artsakh located at Gorgan", "pasukan yang bermarkas di X"), the place
        a few words after it, with no comma or stop between."""
        for c in cues:
            if c.kind != "stationed" or c.start < actor1.end or c.end > p.start:
                continue
            if text[actor1.end : c.start].strip(" ,") or _POSTED_GAP.fullmatch(text, c.end, p.start) is None:
                continue
            return True
        return False

    @staticmethod
    def _in_direction(p, cues: list[CueMention]) -> bool:
        """A place after "ke"/"dari"/"to"/"from" in its clause, with no locative in between."""
        last = None
        for c in cues:
            if c.start >= p.start:
                break
            if c.kind in ("direction", "locative"):
                last = c.kind
        return last == "direction"

    # -- main trigger ---------------------------------------------------------

    @staticmethod
    def _main_per_clause(frames: list[Frame]) -> list[Frame]:
        """One event candidate per clause: the most specific trigger, then the first."""
        out: list[Frame] = []
        by_clause: dict[tuple[int, int], list[Frame]] = {}
        for fr in frames:
            by_clause.setdefault((fr.clause.start, fr.clause.end), []).append(fr)
        for group in by_clause.values():
            live = [g for g in group if g.status == "event"]
            if len(live) > 1:
                # a trigger that names a participant of another ("Demonstrators clashed with
                # police") is who acted, not what happened; a protest that turned into a riot
                # in the same clause ("demonstrated and clashed with police") is the riot
                acting = [
                    g for g in live
                    if not (g.trigger.rule.event_type == "Protests" and any(_names_actor(o, g.trigger) for o in live if o is not g and o.event_type in _CROWD_VIOLENCE))
                    # "an unknown rioter hurled a hand grenade": the weapon says what happened
                    and not (g.trigger.rule.event_type == "Riots" and not g.trigger.verbal
                             and any(_names_actor(o, g.trigger) for o in live if o is not g and o.event_type == "Explosions/Remote violence"))
                ] or live
                # "attacked a military convoy": the convoy is the target, not a movement of troops
                acting = [
                    g for g in acting
                    if not (g.event_type == "Strategic developments" and not g.trigger.verbal
                            and any(o.trigger.verbal and o.event_type in _VIOLENT and o.trigger.start < g.trigger.start for o in acting))
                ] or acting
                # "destroyed a depot with artillery fire": the weapon says how it was struck; "looted
                # a house and kidnapped one person": ACLED codes the violence, the looting goes with it
                if any(g.sub_event_type == _DESTRUCTION for g in acting):
                    acting = (
                        [g for g in acting if g.event_type == "Explosions/Remote violence"]
                        or [g for g in acting if _harmed(g) and g.trigger.verbal]
                        or acting
                    )
                # "arrested and beat a leader": ACLED codes the violence, not the arrest; "police detained
                # 3 activists taking part in an unauthorized protest": the protest, which the police met
                # (cue kind ``at_protest`` before the protest; not "who had taken part in a protest the day before")
                arrests = [g for g in acting if g.sub_event_type == "Arrests"]
                if arrests:
                    acting = (
                        [g for g in acting if g.sub_event_type == "Attack"]
                        or [g for g in acting if g.event_type == "Protests" and g.trigger.start > arrests[0].trigger.start
                            and g.extra.get("met")]
                        or acting
                    )
                riots = [g for g in acting if g.event_type == "Riots"]
                if riots and any(g.event_type == "Protests" for g in live):
                    acting = riots
                # "gunmen killed a policeman and abducted 3 civilians": an attack word that its armed
                # victim made a battle is as specific as the abduction told with it, and comes first
                if any(g.sub_event_type == _ABDUCTION for g in acting):
                    acting = [g for g in acting if g.trigger.rule.generic and g.event_type == "Battles" and _state_forces(g.actor2)] or acting
                main = max(acting, key=lambda g: (g.trigger.rule.priority, -g.trigger.start))
                # "an IED planted by Al Shabaab exploded": with no actor of its own, the main mention
                # takes who did it from the clause's other mention of the same act
                told = None if main.actor1 is not None else next(
                    (g.actor1 for g in live if g is not main and g.event_type == main.event_type
                     and g.actor1 is not None and g.actor1 is not main.actor2), None)
                roles = {"actor1": told} if told is not None else {}
                if main.actor1 is not None and main.actor2 is not None and not main.trigger.rule.repels and any(
                    g is not main and g.event_type == main.event_type and g.actor1 == main.actor2
                    and main.trigger.end <= g.actor1.start
                    and 0 <= g.trigger.start - g.actor1.end <= 1
                    for g in live
                ):
                    # "Iraqi brigadier general killed in Islamic State attack" (a headline's passive
                    # without its auxiliary): the attack named after the killing, with its owner right
                    # before it, says who did it to whom
                    roles = {"actor1": main.actor2, "actor2": main.actor1}
                verb = next(
                    (g for g in live if g is not main and g.trigger.verbal and g.trigger.form == "active"
                     and g.trigger.start < main.trigger.start
                     and g.actor1 is not None and g.actor1.end <= g.trigger.start
                     and getattr(g.actor1, "role_kind", None) not in _VICTIM_ROLES),
                    None,
                ) if not main.trigger.verbal and not roles else None
                if verb is not None:
                    # "GNA forces attacked LNA positions with heavy artillery fire": the weapon says what
                    # happened; who did it to whom is the verb's subject and object
                    roles = {"actor1": verb.actor1, "actor2": verb.actor2 or main.actor2}
                # the other acts the clause tells with it ("serangan udara dan tembakan"): a later
                # mention of one of them may tell part of the same incident (merge_article._told_with)
                also = tuple(g.trigger.lemma for g in live if g is not main)
                for g in group:
                    if g.status == "event" and g is not main:
                        out.append(_replace(g, status="dropped", reason="secondary"))
                    elif g is main:
                        out.append(_replace(g, extra={**g.extra, "also": also}, **roles))
                    else:
                        out.append(g)
            else:
                out.extend(group)
        out.sort(key=lambda g: g.trigger.start)
        return out

    @staticmethod
    def _protest_arrests(frames: list[Frame]) -> list[Frame]:
        """"police detained 3 activists taking part in an unauthorized protest", "followers of a
        cleric who was arrested protested": arrests told in the sentence of a protest are how it was
        met or what it is about; the protest is the event (its sub-type tells the intervention)."""
        protests = [fr.trigger.start for fr in frames if fr.status == "event" and fr.event_type == "Protests"]
        if not protests:
            return frames
        return [
            _replace(fr, status="support", reason="protest_arrest")
            if fr.status == "event" and fr.sub_event_type == "Arrests"
            # ... unless the sentence opens with the forces' arrest ("police arrested 30 youths who had
            # taken part in a protest the day before"): then the arrest is the news
            and not (fr.actor1 is not None and fr.actor1.end <= fr.trigger.start and fr.trigger.start < min(protests))
            else fr
            for fr in frames
        ]

    # -- fatalities -------------------------------------------------------------

    def _attach_deaths(self, frames, text, sentence, toks, cues, numbers_of, dates, clauses, actors=(), places=()) -> list[Frame]:
        """Each death word's count goes to the nearest violent frame; a capitalised word among the
        actor and place mentions names no dead person. ``numbers_of()``: the sentence's counts."""
        named = (*actors, *places)
        violent = [fr for fr in frames if fr.status != "dropped" and fr.event_type in _VIOLENT]
        if not violent:
            return frames  # (the death words are not looked for)
        deaths = self.finder.deaths(text, sentence.start, sentence.end)
        if not deaths:
            return frames
        nums = [n for n in numbers_of() if not any(d.start <= n.start < d.end for d in dates)]
        negations = [c for c in cues if c.kind == "negation"]
        counts: dict[int, list[tuple[int | None, bool]]] = {}
        dead: dict[int, Any] = {}
        for d_start, d_end, transitive in deaths:
            if any(c.end <= d_start and self._words_between(toks, c.end, d_start) <= 4 for c in negations):
                continue  # "no fatalities were reported", "tidak ada korban jiwa"
            home = next((c for c in clauses if c.start <= d_start < c.end), None)
            if home is not None and any(c.kind == "figurative" and home.start <= c.start < home.end for c in cues):
                continue  # "kecelakaan pesawat ... menewaskan 279 orang": an accident's dead

            owner = min(violent, key=lambda fr: abs(fr.trigger.start - d_start))
            if owner.reason == "plural":
                continue  # "24 tewas akibat serangan-serangan rudal": a toll over many attacks, no one event's
            if transitive and self._told_before(text, toks, d_start, d_end):
                transitive = False  # "were killed": the dead are named before the word
            counts.setdefault(id(owner), []).append(self._count(text, d_start, d_end, transitive, toks, nums, clauses, named))
            dead.setdefault(id(owner), self._dead_of(d_start, d_end, transitive, toks, actors))
        out = []
        for fr in frames:
            vals = counts.get(id(fr))
            if vals is None:
                out.append(fr)
                continue
            n, vague = lowest_credible(vals)
            out.append(_replace(fr, deaths=n, deaths_vague=vague, deaths_reported=True, extra={**fr.extra, "dead_of": dead.get(id(fr))}))
        return out

    def _named_dead(self, text: str, d_start: int, toks: list[Token], before: list[Token], lo: int, named) -> bool:
        """The death word follows a person's name: a capitalised word that starts no sentence, is no
        actor or place, with only a comma between ("Danny tewas", "Brigjen I Gusti Putu Danny Karya
        Nugraha, gugur"). Not in a title-case headline (the death word capitalised too), nor after
        two names joined ("Budi dan Andi tewas"), where one dead would be too few."""
        if not before or not text[d_start].islower():
            return False
        last = before[-1]
        word = text[last.start:last.end]
        if last.start < lo or last is toks[0] or text[last.end:d_start].strip() not in ("", ","):
            return False
        if not (word[0].isupper() and any(ch.islower() for ch in word)) or any(m.start <= last.start < m.end for m in named):
            return False
        return len([m for m in re.split(self._conj_re(), text[lo:d_start]) if m.strip()]) <= 1

    def _dead_of(self, d_start: int, d_end: int, transitive: bool, toks: list[Token], actors: Sequence[Any]) -> Any:
        """Whose dead a death word counts: the actor right after a transitive word ("killing 4
        soldiers"), else the one right before it ("3 Taliban were also killed", "dua prajurit TNI
        tewas"), a few words apart at most; None when the text does not say. ``transitive`` is
        False already when the dead are told before the word (``_told_before``)."""
        if transitive:  # (the actor before "killed" is the killer)
            after = [a for a in actors if a.start >= d_end and self._words_between(toks, d_end, a.start) <= _DEAD_REACH]
            return after[0] if after else None
        before = [a for a in actors if a.end <= d_start and self._words_between(toks, a.end, d_start) <= _DEAD_REACH]
        return before[-1] if before else None

    def _count(self, text, d_start, d_end, transitive, toks, nums, clauses, named=()) -> tuple[int | None, bool]:
        """The dead counted at one death word, and whether the count is a vague word's number."""
        n = self._count_at(text, d_start, d_end, transitive, toks, nums, clauses, named)
        return (None, False) if n is None else (int(n.value), bool(n.vague))

    def _told_before(self, text: str, toks: list[Token], d_start: int, d_end: int) -> bool:
        """A transitive death word whose dead are named before it: after an auxiliary ("were
        killed", "were also killed"; not an acronym that spells one: "IS militants killed"), or with
        no object after it ("4 people killed and 20 wounded")."""
        before = [t for t in toks if t.end <= d_start]
        if any(t.text in self.finder.passive_aux and not text[t.start : t.end].isupper() for t in before[-_AUX_REACH:]):
            return True
        after = next((t for t in toks if t.start >= d_end), None)
        return after is not None and (after.text == "," or bool(re.fullmatch(self.finder.conjunctions, after.text)))

    def _count_at(self, text, d_start, d_end, transitive, toks, nums, clauses, named=()) -> Any:
        """The count at one death word; ``transitive`` is False when its dead are told before it."""
        before = [t for t in toks if t.end <= d_start]
        if transitive and before and any(n.start <= before[-1].start < n.end for n in nums):
            transitive = False  # "1 killed, three injured": the number right before counts the dead
        if transitive:
            right = [n for n in nums if n.start >= d_end and self._words_between(toks, d_end, n.start) <= 2]
            if right:
                return right[0]
            after = [t for t in toks if t.start >= d_end]
            if after and after[0].text in self.finder.singular:
                return _ONE  # "killed a pastor", "menewaskan seorang warga"
        after = [t for t in toks if t.start >= d_end]
        if not transitive and len(after) > 1 and after[0].text in self.finder.counted_after:
            # "the bodies of 2 civilians", "the body of a woman"
            right = [n for n in nums if n.start >= after[0].end and self._words_between(toks, after[0].end, n.start) <= 1]
            if right:
                return right[0]
            if after[1].text in self.finder.singular:
                return _ONE
        # the dead are listed before the word: "dua perwira tewas", "X dan seorang letnan terbunuh"
        lo = max(c.start for c in clauses if c.start <= d_start and (c is clauses[0] or text[c.start] not in ",;"))
        left = [n for n in nums if lo <= n.start and n.end <= d_start]
        if not left:
            items = [m for m in re.split(self._conj_re(), text[lo:d_start]) if m.strip()]
            if len(items) > 1 and all(self.finder.singular.intersection(_WORDS.findall(m.lower())) for m in items):
                # "An Iraqi army brigadier general and a junior officer were killed": one dead each
                return _Count(len(items), False)
            if before and before[-1].text.lower() in self.finder.singular_before:
                return _ONE  # "a police officer was shot dead", "resulting in his death": one dead
            if not transitive and self._named_dead(text, d_start, toks, before, lo, named):
                return _ONE  # "Brigjen ... Danny Karya Nugraha, gugur": a person named as the dead
            home = next((c for c in clauses if c.start <= d_start < c.end), None)
            opening = [t for t in before if home is not None and t.start >= home.start and t.text not in ",;"]
            if (
                not transitive and opening and opening[0].text in self.finder.singular
                and len(opening) <= _SUBJECT_WORDS
                and not re.search(self._conj_re(), text[opening[0].start : d_start], re.I)
            ):
                return _ONE  # "a man from Saqba in Rural Damascus died": the clause's one subject
            near = before[-_SUBJECT_WORDS:]
            if len(before) > 1 and before[-1].text in self.finder.death_object:
                # "stabbed a famous journalist to death": one victim, told as the verb's object
                one = [t for t in near[:-1] if t.text in self.finder.singular]
                if one and not re.search(self._conj_re(), text[one[-1].start : d_start], re.I):
                    return _ONE
            return None
        span = text[lo:d_start]
        part = self.finder.subset_re.search(span.lower()) if self.finder.subset_re is not None else None
        if part is not None and any(n.start < lo + part.start() for n in left):
            # "12 orang termasuk empat di antaranya dari satu keluarga, tewas": the dead, not a part of them
            span = span[: part.start()]
            left = [n for n in left if n.start < lo + part.start()]
        items = [m for m in re.split(self._conj_re(), span) if m.strip()]
        if len(items) <= 1:
            return left[-1]
        total = 0
        pos = lo
        for item in items:
            i_start = text.find(item, pos)
            pos = i_start + len(item)
            inside = [n for n in left if i_start <= n.start < pos]
            total += int(inside[0].value) if inside else 1
        return _Count(total, False)

    def _conj_re(self) -> str:
        return self.finder.conjunctions


def _in_phrase(text: str, start: int, pos: int) -> bool:
    """``pos`` lies in the phrase that runs from ``start`` to the next comma or sentence mark."""
    return 0 <= pos - start <= _PHRASE_CHARS and not any(ch in ",;:.!?()" for ch in text[start:pos])


def _victims_told_on(host: Frame, told: Frame) -> bool:
    """An armed attack with no target of its own, told on by a clause whose victims are civilians."""
    return (
        (host.event_type, host.sub_event_type) == ("Battles", "Armed clash")
        and host.trigger.rule.generic
        and host.actor2 is None
        and getattr(told.actor2, "role_kind", None) in _VICTIM_ROLES
        and getattr(host.actor1, "role_kind", None) not in _VICTIM_ROLES
    )


def _state_forces(mention: Any) -> bool:
    """An actor mention of state forces: a role noun ("a policeman") or a named state actor."""
    if mention is None:
        return False
    actor = getattr(mention, "actor", None)
    return getattr(mention, "kind", None) == "state" or (actor is not None and int(actor.inter) == _STATE)


def _harmed(fr: Frame) -> bool:
    """Violence the text tells as harm done: a specific act ("abducted", "thwarted an incursion"),
    a killing or beating, an attack on armed men ("attacked a military convoy, destroying a tank"),
    or one with dead -- not shots "fired in the air" near civilians before a looting."""
    rule = fr.trigger.rule
    return fr.event_type in _HARM_TYPES and (
        not rule.generic or rule.event_type == "Violence against civilians" or fr.event_type == "Battles" or fr.deaths_reported
    )


def _fire_in_clash(host: Frame, told: Frame) -> bool:
    """Shelling named after a clash in its sentence ("clashes took place ..., amid regime shelling on the
    area", "a clash ..., involving heavy artillery fire"): the artillery is the clash's weapon, not an
    attack of its own (ACLED codes shelling with ground fighting as the armed clash)."""
    return (
        host.sub_event_type == _CLASH and told.sub_event_type == _SHELLING and not told.trigger.verbal
    )


def _weapon_of(host: Frame, told: Frame) -> bool:
    """A killing or attack told in the passive with no attacker ("were killed", "was attacked"),
    then how in a later clause ("when a landmine exploded", "when a mortar shell exploded
    prematurely"): one incident, typed by the weapon."""
    if host.sub_event_type == _DESTRUCTION and told.status == "event" and told.event_type == "Explosions/Remote violence":
        # "destroyed a regime vehicle on the front, using an ATGM": struck from afar, typed by the weapon
        return not told.trigger.rule.generic
    return (
        host.trigger.rule.generic
        and host.trigger.form == "passive"
        and host.actor1 is None
        and told.status == "event"
        and not told.trigger.rule.generic
        and (told.event_type == "Explosions/Remote violence" or told.sub_event_type == "Disrupted weapons use")
    )


def _plural(surface: str) -> bool:
    """A trigger whose first word is reduplicated, the plural of a noun ("serangan-serangan udara")."""
    left, dash, right = surface.lower().split(maxsplit=1)[0].partition("-")
    return bool(dash) and len(left) > 2 and left == right


def _names_actor(fr: Frame, trig: TriggerMention) -> bool:
    """The trigger lies inside the frame's actor1 ("Demonstrators" of "Demonstrators clashed")."""
    return fr.actor1 is not None and fr.actor1.start <= trig.start < fr.actor1.end


def _is_country(p: Any) -> bool:
    cands = getattr(p, "candidates", ())
    return bool(cands) and all(c.kind == "country" for c in cands)


def _identity(mention: Any) -> tuple[Any, ...]:
    """Which actor a mention names: its dictionary actor, else its role and country."""
    actor = getattr(mention, "actor", None)
    if actor is not None:
        return (actor.name,)
    return (getattr(mention, "role_kind", None), getattr(mention, "country", None))


def _replace_any(obj: Any, **changes: Any) -> Any:
    """A copy of a frozen dataclass (a mention) with some fields changed."""
    from dataclasses import replace

    return replace(obj, **changes)


def _once(find: Callable[[], Sequence[Any]]) -> Callable[[], Sequence[Any]]:
    """``find``, called at most once: later calls return the first answer."""
    found: list[Sequence[Any]] = []

    def get() -> Sequence[Any]:
        if not found:
            found.append(find())
        return found[0]

    return get


# frames and trigger mentions are copied with changes many times per sentence (see pantau.slots)
_REPLACERS: dict[type, Callable[..., Any]] = {Frame: replacer(Frame), TriggerMention: replacer(TriggerMention)}


def _replace(fr: Any, **changes: Any) -> Any:
    """``dataclasses.replace`` for a frame or a trigger mention."""
    return _REPLACERS[type(fr)](fr, **changes)
