"""Geoparsing: find place mentions in text and pick an event's place.

Matching runs an Aho-Corasick automaton over the folded text (the fold keeps one
character per character, so offsets stay those of ``Article.text``); cue words
from the pack's ``places.toml`` say how each mention relates to the event ("in",
"near", "to", "from") and what kind of unit it is ("kota", "province").
Resolution prefers a coarser certain level to a confident wrong point: an
ambiguous name is coded at the admin1 or country its readings share, or not at all.
"""

from __future__ import annotations

import bisect
import csv
import functools
import math
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Any, Callable, Iterable, Sequence

from pantau.knowledge.gazetteer import APOSTROPHES, Gazetteer, Place
from pantau.packs import Pack
from pantau.records import PlaceRef
from pantau.slots import twin

__all__ = ["PlaceMention", "Geoparser", "Reading"]

SPECIFICITY = {"country": 0, "admin1": 1, "admin2": 2, "populated": 3, "site": 3}
# Type words by the size of the unit they name: an address goes from smaller to larger units.
TYPE_RANK = {"village": 0, "site": 0, "city": 1, "seat": 1, "district": 2, "province": 3}
KIND_OF_TYPE = {"province": "admin1", "district": "admin2", "city": "populated", "village": "populated", "site": "site"}
WINDOW = 80  # characters of context read before a mention for its cue words
FOCUS_SHARE = 0.3  # a focus country has at least this share of the leader's votes
MAX_TOKENS = 8
UNIT_SEAT_BONUS = 25  # a town named like a unit it lies in ("Raqqa", "Gaza")
RIVAL_GAP = 8  # readings scoring within this of the best make a name ambiguous
# A reading in a country bordering one the text is about ("Gaza" beside Israel) beats a far
# namesake unit (Gaza province, Mozambique) by more than RIVAL_GAP; less than co-mention support.
NEIGHBOUR_BONUS = 12
GLUED_MIN = 7  # a word this long may be a country name glued to the next word
CACHE_MAX = 50_000  # entries a per-instance memo holds before it starts afresh
FUZZY_MIN = 4  # letters a name needs before its transliteration skeleton is tried
FUZZY_MAX = 100  # a skeleton shared by more places than this is too common to mean anything
GLUED_MIN_REST = 3  # what is glued on is a word ("yang", "dan"), not an ending ("Turki-sh", "Israel-is")
COUNTRIES_TSV = Path(__file__).resolve().parents[2] / "knowledge" / "countries.tsv"
_DIGIT = re.compile(r"\d")
ADDRESS_WINDOW = 120  # characters read back along an address chain ("di Jalan X, Kota, Provinsi")
ADDRESS_MAX_WORDS = 8  # capitalised words an address chain may hold before its cue
ADDRESS_TAIL = 40  # characters of that window read first (most chains are decided there)
_ADDRESS_WORD = re.compile(r"[^\W_]+(?:[.'’-][^\W_]+)*\.?|,")
_GLUED = re.compile(r"[A-Z](?<=[a-z]{3}[A-Z])(?=[a-z])")  # the capital first: the engine skips to capitals
# _GLUED in letter classes (see _case_classes): three lower-case letters, a capital, a lower-case one
_GLUED_CLASSES = b"aaaAa"
_CASE_TABLE = bytes(97 if 97 <= i <= 122 else 65 if 65 <= i <= 90 else 32 for i in range(256))
_GAP_TOKEN = re.compile(r"[^\W\d_]+|[^\w\s]|\d+")
# A demonym ("Egyptian forces", "Turkish drone") says whose more than where: a weak vote,
# below FOCUS_SHARE of one named region, so it only decides between the text's own names.
DEMONYM_WEIGHT = 0.25
# Of namesake towns, the one the text spells by its own name beats one it spells by an
# alternate name ("Tanjungbalai": the North Sumatran city, not Tanjung Balai of the Riau Islands).
OWN_NAME_BONUS = 5
# A country's capital is what news most often means by its name ("Washington": the city, not
# the state, nor the towns in a Washington County, which UNIT_SEAT_BONUS lifts by 25); small
# capitals get nothing (Victoria, Seychelles is no Victoria, Australia).
CAPITAL_BONUS = 40
# A town spelled by one of its alternate names ("Samar" for Samara) is what the text means less
# often than a place whose own name it is (Samar province, Philippines).
ALT_NAME_PENALTY = 15
# A name that is a unit or a sizeable town in several countries ("Tripoli", "Punjab") says little
# about which the text is about: its vote counts this much, below FOCUS_SHARE of a full one.
CONTESTED_WEIGHT = 0.25
SMALL_REGION = 10_000  # people: an admin1 this small gets an admin2's prior
RESPELL_MIN = 7  # letters a word needs before other transliterations of it are tried
RESPELL_MIN_POP = 20_000  # people: a place read under a respelling is at least this big
RESPELL_MAX = 64  # respellings tried per word at most
BIG_CITY = 100_000  # people: a city this big is news under its own name far more than any namesake
FAR_KM = 100  # a place this far from every unit the passage names in its country lies outside them
INSIDE_KM = 50  # a place "in" a town or a district without linked towns lies this close to it
ACROSS_KM = 25  # ... and this close when the two lie in different admin1
_MISSING = object()  # a memo miss (None is a memoised "no reading")
_INITIAL_STRIP = " \t\"“'‘("  # what may stand between a sentence end and its first word
_SENTENCE_END = ".!?\n:"
_CLAUSE_MARKS = frozenset(",;:.!?")  # after a name, they end its phrase: a type word after them is another's
_NONE: frozenset[str] = frozenset()


@dataclass(frozen=True, slots=True)
class PlaceMention:
    start: int
    end: int
    surface: str
    candidates: tuple[Place, ...]
    relation: str | None  # "in" | "near" | "to" | "from" | "of" (an embassy's seat) | a type cue | None
    type_cue: str | None = None  # "province" | "district" | "city" | "village" | "site" | None
    embedded: bool = False  # inside a longer capitalised name ("Universitas Indonesia")
    initial: bool = False  # first word of a sentence, where any word is capitalised
    # The next mention qualifies this one: "Tudun Wada (Kaduna North LGA, Kaduna)", "Fakkeh in
    # al-Hasakeh", "Murays front (Qaatabah, Ad Dali)". Its start offset, and whether the words
    # between say so for sure ("(", "in", "of") or only perhaps (a comma, also used in lists).
    qualifier_at: int | None = None
    qualifier_sure: bool = False
    # "Egyptian", "Iraqi": says whose, not where. Counts toward the text's countries, is never
    # an event's place and gives no support to other names.
    demonym: bool = False
    # Found by transliteration skeleton only ("Jandairis" ~ Jindayris): trusted only inside a
    # region the passage names, never alone, and no vote for the text's countries.
    fuzzy: bool = False
    # This name says where an unknown place lies ("Fakkeh village in al-Hasakeh", "Badah town
    # (Larkana, Sindh)"): the event is somewhere in it, so a unit is read as the unit (not its
    # seat town) and a town as near it (geo_precision 2).
    of_unknown: bool = False


_MentionDraft = twin(PlaceMention)  # built in find(), then given the frozen class (pantau.slots)


def cued(mention: Any) -> bool:
    """A place the text itself says is one: after a locative ("di", "in", "near") or with a type
    word ("kota", "province"). A bare capitalised word is only a guess."""
    return getattr(mention, "relation", None) in ("in", "near") or bool(getattr(mention, "type_cue", None))


@dataclass(frozen=True, slots=True)
class Reading:
    """One mention's chosen reading: the place and how sure the choice is."""

    mention: PlaceMention
    place: Place
    certain: bool  # False when the name was ambiguous and ``place`` is the shared coarser unit
    # The text names a more specific place inside ``place`` that is unknown or a namesake
    # elsewhere ("Dessa, Tillabery": somewhere near Tillaberi): coded with geo_precision 2.
    near: bool = False


class Geoparser:
    """Compiled matcher and cue patterns for one language pack."""

    def __init__(self, gazetteer: Gazetteer, pack: Pack) -> None:
        self.gaz = gazetteer
        self._neighbours = gazetteer.neighbours()
        data = pack.get("places")
        self.fold = _text_folder(gazetteer.folder.table)  # gazetteer.folder.text, faster
        self.exclude = frozenset(gazetteer.fold(w) for w in data.get("not_places", ()))
        # Common words of the language that also name places ("Lima": five; "Pesta": a party):
        # places only under their own name and with a cue or a region beside them. The pack's
        # number words are such words too.
        numbers = pack.get("numbers").get("words", {})
        self._common = frozenset(" ".join(gazetteer.fold(w).split())
                                 for w in (*data.get("common_words", ()), *numbers) if w.strip())
        self.articles = gazetteer.articles
        self._demonyms = _demonyms(gazetteer)
        self._place_demonyms = _demonyms(gazetteer, placed=True)
        article_alt = _alternation(self.articles)
        # Keys are ASCII after folding, so a name starts with a letter folding to A-Z, or with an
        # article: "\b(?:CAP[^\W_]*|(?:al|el...)\b)", written to begin with one character class
        # (a leading \b keeps the regex engine from skipping ahead to candidate characters).
        self._start = _start_pattern(self.articles)
        # The same starts on an ASCII segment, read from its letter classes (see _word_starts)
        self._class_table, self._cap_starts, self._article_starts = _start_classes(self.articles)
        self._run = re.compile(rf"[^\W_]+(?: [^\W_]+){{0,{MAX_TOKENS - 1}}}")
        self._runs = [self._run] + [re.compile(rf"[^\W_]+(?: [^\W_]+){{0,{n - 1}}}") for n in range(1, MAX_TOKENS + 1)]
        self._word = re.compile(r"[^\W_]+")
        self._fold_word = functools.lru_cache(maxsize=1 << 16)(gazetteer.fold)  # words recur: fold each once
        # self.fold of short pieces (a word, a capitalised run): str.translate looks up each distinct
        # character of every call in the table, a memo hit costs one hash
        self._fold_piece = functools.lru_cache(maxsize=1 << 16)(self.fold)
        # Per-instance memos (bounded): candidate tuples per index entry, and the reading of a
        # name alone, which depends only on its spelling, cues and the focus.
        self._candidates: dict[tuple[int, ...], tuple[Place, ...]] = {}
        self._word_class: dict[str, int] = {}  # folded word -> see _classify
        self._accepted: dict[str, tuple[int, ...]] = {}  # surface -> _accept
        self._priors: dict[str, float] = {}  # place key -> _prior
        self._bases: dict[str, float] = {}  # place key -> _prior less the no-seat penalty
        self._bares: dict[str, str] = {}  # name -> folded without a leading article (_bare)
        self._capitals: dict[str, object] = {}  # ISO3 -> its capital's place key (_capital)
        self._seat_keys: dict[int, tuple[tuple[Place, ...], frozenset[str]]] = {}  # see _unit_seats
        self._gaz_version = gazetteer.version
        self._alone: dict[tuple[object, ...], list[Any] | None] = {}
        self._last_fold: tuple[str | None, str] = (None, "")  # see _folded
        self._last_case: tuple[str | None, bytes] = (None, b"")  # see _case_classes
        self._within_memo: dict[tuple[int, tuple[int, ...]], tuple[Sequence[Place], bool]] = {}  # see _within_any
        self._votes: dict[tuple[int, str, bool, frozenset[str]], tuple[Sequence[Place], tuple[Place, bool]]] = {}
        self._country_keys = gazetteer.country_keys()
        self._country_prefixes = frozenset(k[:4] for k in self._country_keys if len(k) >= 4)
        respell = data.get("respellings", {})
        self._respell_end = [tuple(sorted(g, key=len, reverse=True)) for g in respell.get("endings", ())]
        self._respell_in = [tuple(g) for g in respell.get("inside", ())]
        self._respelled_memo: dict[str, tuple[int, ...]] = {}
        relations: dict[str, list[str]] = data.get("relations", {})
        types: dict[str, list[str]] = data.get("types", {})
        self._rel_of = {" ".join(w.split()): rel for rel, ws in relations.items() for w in ws}
        self._type_of = {" ".join(w.split()): t for t, ws in types.items() for w in ws}
        self._near = [re.compile(p) for p in data.get("near_patterns", [])]
        self._near_digit = all(r"\d" in p.pattern for p in self._near)  # distances: skip windows without digits
        self._not_before = frozenset(" ".join(w.split()) for w in data.get("not_place_before", ()))
        self._not_after = frozenset(" ".join(w.split()) for w in data.get("not_place_after", ()))
        routes = _alternation(" ".join(w.split()) for w in data.get("route_words", ()))
        # "Tripoli-Beirut highway": the names at either end of a hyphen before a route word
        self._route_next = re.compile(
            rf"[ \t]?-[ \t]?[A-Z\u00C0-\u00DE\u0100-\u024F][^\W_]*(?:[ \t][A-Z\u00C0-\u00DE\u0100-\u024F][^\W_]*)?"
            rf"[ \t]+(?i:{routes})\b") if routes else None
        self._route_after = re.compile(rf"[ \t]+(?i:{routes})\b") if routes else None
        self._route_before = re.compile(r"[A-Z\u00C0-\u00DE\u0100-\u024F][^\W_]*[ \t]?-[ \t]?$") if routes else None
        # Embassies and envoys written before their seat ("Kedutaan Besar Israel di Washington",
        # "the Israeli embassy in Washington"): the seat is the institution's, not the event's.
        self._embassy = frozenset(" ".join(w.split()) for w in data.get("embassy_words", ()))
        self._home_words = frozenset(" ".join(w.split()) for w in data.get("home_words", ()))
        # Ezafe and the like between two capitalised words ("Dara i Sufi Bala"): one longer name.
        links = _alternation(" ".join(w.split()) for w in data.get("name_links", ()))
        cap_word = r"[A-Z\u00C0-\u00DE\u0100-\u024F][^\W_]*"
        self._link_after = re.compile(rf"[ \t]+(?:{links})[ \t]+{cap_word}") if data.get("name_links") else None
        self._link_before = re.compile(rf"(?<![^\W_]){cap_word}[ \t]+(?:{links})[ \t]+$") \
            if data.get("name_links") else None
        self._not_before_last = frozenset(w.split()[-1] for w in self._not_before)
        self._not_after_first = frozenset(w.split()[0] for w in self._not_after)
        self._article_alt = article_alt
        self._right_word = re.compile(rf"(?:[ \t]+|-)(?:(?:{self._article_alt})[- ])?([^\W\d_]+)", re.IGNORECASE)
        # Institutions and titles named after their place ("Polres Nabire", "Bupati Bekasi")
        # do not make the name a fragment of a longer one.
        self._fill_words = frozenset(w for phrase in data.get("fillers", []) for w in phrase.split())
        self._type_len = max((len(w.split()) for w in self._type_of), default=1)
        self._type_first = frozenset(w.split()[0] for w in self._type_of)
        self._type_last = frozenset(w.split()[-1] for w in self._type_of)
        self._rel_last = frozenset(w.split()[-1] for w in self._rel_of)
        self._rel_len = max((len(w.split()) for w in self._rel_of), default=1)
        self._walk_words = self._fill_words | self._type_last | self._rel_last  # what _cues reads leftwards
        # Words that may stand between a place and the name of the region it lies in.
        self._in_words = frozenset(w for w, rel in self._rel_of.items() if rel == "in" and " " not in w) | {"of"}
        self._gap_words = frozenset(w for phrase in (*self._type_of, *data.get("fillers", [])) for w in phrase.split())
        cap = r"[A-Z\u00C0-\u00DE\u0100-\u024F][^\W_]*"
        self._cap_run = re.compile(rf"{cap}(?:(?:[ -](?:{article_alt}))?[ -]{cap}){{0,2}}")
        single_types = _alternation(w for w in self._type_of if " " not in w)
        # First letters of the words _fuzzy_gate reads after a run (None: some is not ASCII, and
        # a case-insensitive match of it cannot be told by lower())
        gate_first = {w[0].lower() for w in (*(w for w in self._type_of if " " not in w), *self._in_words) if w}
        self._gate_first = frozenset(gate_first) if all(ch.isascii() for ch in gate_first) else None
        in_alt = _alternation(self._in_words)
        self._fuzzy_next = re.compile(
            rf"[ \t]*[(,]|[ \t]+(?:{single_types or '(?!)'}|{in_alt})\b|[ -](?:[A-Z\u00C0-\u00DE\u0100-\u024F]|(?:{article_alt})[ -])")
        self._fuzzy_gate = re.compile(
            rf"(?:[ \t]+(?:{single_types or '(?!)'})\b)?(?:[ \t]*[(,]|[ \t]+(?:{in_alt})[ \t]+)", re.IGNORECASE)
        # Compass words written after (id, ms: "Israel selatan") or before (en: "southern
        # Lebanon") a name, making with it a region the index may know as one name.
        after_alt, before_alt = _alternation(data.get("directions_after", ())), _alternation(data.get("directions_before", ()))
        self._dir_after = re.compile(rf"[ \t]+((?:{after_alt}))\b") if data.get("directions_after") else None
        self._dir_before = re.compile(rf"\b((?:{before_alt}))[ \t]+$") if data.get("directions_before") else None
        self._dir_any = self._dir_after is not None or self._dir_before is not None
        # the compass words as the patterns spell them: a name no such word touches skips the regexes
        self._dir_after_words = tuple(data.get("directions_after", ()))
        self._dir_before_words = tuple(data.get("directions_before", ()))
        self._dir_after_max = max(map(len, self._dir_after_words), default=0)
        self._dir_words = frozenset(w for w in data.get("directions_before", ()) if " " not in w)
        # Compass phrases ("barat laut": northwest) whose last word may also be a not_place_before
        # word ("Laut Arab": the Arabian Sea).
        self._dir_phrases = frozenset(" ".join(w.split()) for w in (*data.get("directions_after", ()),
                                                                    *data.get("directions_before", ())) if " " in w)
        # Titles and institutions written before their place ("Bupati Bekasi Ade Kunang",
        # "Polsek Tanjung Priok AKP Tommy"): the capitalised words after the name are a person's.
        self._title_last = frozenset(phrase.split()[-1] for phrase in data.get("institutions", []))
        self._cue_words = frozenset(w for phrase in (*self._rel_of, *self._type_of, *data.get("fillers", []),
                                                     *data.get("institutions", []))
                                    for w in phrase.split())

    # -- finding ------------------------------------------------------------
    def find(self, text: str, start: int = 0, end: int | None = None) -> list[PlaceMention]:
        """Place mentions inside text[start:end] (absolute offsets), longest match first,
        never overlapping, on word boundaries, capitalised, not a pack-excluded word."""
        end = len(text) if end is None else end
        lo = start - WINDOW if start > WINDOW else 0
        hi = end + WINDOW
        wide = self._folded(text)[lo:hi]  # cue windows around the names are read from here
        segment = text[start:end]
        folded = wide[start - lo:end - lo]
        # Names start at a capitalised word, at an Arabic article ("al-Anbar"), or where
        # scraping glued two words ("denganIran"); from each start, up to MAX_TOKENS words
        # joined by single separators are looked up, longest first.
        glued = self._glued_at(text, start, end)
        names = self.gaz.names
        span_of = self.gaz.span_of
        words_at = self._word_starts(segment)  # each start and its first word
        if glued:  # "IranAyatollah", "denganIran": a glued capital starts a word and ends the one before
            cut = []
            for a, e in [*words_at, *((g, self._word.match(segment, g).end()) for g in glued)]:
                i = bisect.bisect_right(glued, a)
                cut.append((a, glued[i] if i < len(glued) and glued[i] < e else e))
            words_at = sorted(cut)
        # Most capitalised words name nothing: one (memoised) lookup of the first word tells, and
        # only a word that may be a glued country or a look-alike spelling ("Jandairis town in") goes on.
        fz = self._fuzzy_next.match
        if self._gaz_version != self.gaz.version:  # user places were added since the memos began
            self._forget()
        classes = self._word_class
        if len(classes) > CACHE_MAX:
            classes.clear()
        accepted: list[tuple[int, int, tuple[int, ...], str]] = []
        common: set[int] = set()  # starts of common words read as names (see self._common)
        unknown: list[tuple[int, int]] = []  # capitalised runs said to lie somewhere, known to no index
        taken_until = -1
        fuzzy_from = -1
        for a, e in words_at:
            if a < taken_until:
                continue
            w = folded[a:e]
            c = classes.get(w)
            if c is None:
                c = classes[w] = self._classify(w)
            if not c:
                if len(w) >= RESPELL_MIN and (self._respell_end or self._respell_in) and w.isalpha() \
                        and not (segment[e:e + 1] in " -" and segment[e + 1:e + 2].isupper()):
                    ids = self._respelled(w)
                    if ids:  # "Sulaimaniyah": Sulaymaniyah spelled another way
                        accepted.append((start + a, start + e, ids, ""))
                        taken_until = e
                        continue
                if len(w) >= FUZZY_MIN and a >= fuzzy_from and fz(segment, e):
                    length, ids = self._fuzzy(segment, a, e, True)
                    fuzzy_from = a + length  # the rest of a capitalised run was tried with it
                    if ids:
                        accepted.append((start + a, start + a + length, ids, "fuzzy"))
                        taken_until = a + length
                    elif ids is None:
                        unknown.append((start + a, start + a + length))
                continue
            if c == 1:
                words = [w]  # no longer name starts with this word
            else:
                # A plain word (no folded-away mark inside) is the run's first word: no name
                # starting with it has more than c words, so the run need not read further.
                run = (self._runs[c] if c <= MAX_TOKENS and " " not in w else self._run).match(folded, a)
                if run is None:
                    continue
                stop = run.end()
                for g in glued:
                    if a < g < stop:
                        stop = g  # "IranAyatollah": the name ends where the next glued word starts
                        break
                words = folded[a:stop].rstrip().split(" ", MAX_TOKENS)
            first = words[0]
            # as many words as the longest name starting with it (none: 0)
            del words[(c if first == w and c > 0 else span_of(first)):]
            hit = False
            for k in range(len(words), 0, -1):
                key = " ".join(words[:k]) if k > 1 else words[0]
                if key not in names:
                    continue
                b = a + len(key)  # the run's words stand one separator apart, as in the key
                surface = segment[a:b]
                ids = self._accepted.get(surface)  # type: ignore[assignment]
                if ids is None:  # memo by surface: the key is the surface folded (folded[a:b])
                    if len(self._accepted) > CACHE_MAX:
                        self._accepted.clear()
                    ids = self._accepted[surface] = self._accept(key, surface)
                if not ids or _mid_word(segment, b):
                    continue
                if k == 1 and key in self._type_of and segment[b:b + 1] == " " and segment[b + 1:b + 2].isupper():
                    hit = True  # "Pangkalan Bintang": a type word before the name it types
                    break
                taken_until = b
                hit = True
                if b + 1 < len(segment) and segment[b] == " " and segment[b + 1].isupper() and a >= fuzzy_from:
                    cont = self._continued(segment, a, b)
                    if cont is not None:  # "Sidi Amor Bouhajla (Bouhajla": the run is one name
                        accepted.append((start + a, start + a + cont[0], cont[1], "fuzzy"))
                        taken_until = fuzzy_from = a + cont[0]
                        break
                said = start + a - 40 if start + a - 40 > lo else lo
                if self._route_end(text, start + a, start + b) \
                        or not self._named_thing(wide, start + a - lo, start + b - lo,
                                                 text[said:start + a] if self._glued_at(text, said, start + a) else ""):
                    side = self._directional(wide, start + a - lo, start + b - lo, key) if self._dir_any else None
                    if side is not None:  # "di Israel selatan", "in southern Lebanon": the region
                        accepted.append((start + a + side[0], start + b + side[1], side[2], ""))
                        taken_until = max(taken_until, b + side[1])
                    else:
                        accepted.append((start + a, start + b, ids, ""))
                        if key in self._common:
                            common.add(start + a)
                # else "New York Times", "Universitas Indonesia", "US dollar": not a place
                break
            if not hit:
                entry, fuzzy_from = self._no_name(segment, a, first, fuzzy_from)
                if entry is not None and entry[3] == "unknown":
                    unknown.append((start + entry[0], start + entry[1]))
                elif entry is not None:
                    accepted.append((start + entry[0], start + entry[1], entry[2], entry[3]))
                    if entry[3] == "fuzzy":
                        taken_until = entry[1]
        if not accepted:
            return []  # (half the sentences name no place)
        # A neighbouring place name does not make a name a fragment: "Moskow-Bali", "Nagrak Cibadak".
        starts = {a for a, _, _, how in accepted if not how}  # a look-alike or a nationality is no neighbour
        ends = {b for _, b, _, how in accepted if not how}
        mentions: list[PlaceMention] = []
        inherited: str | None = None  # an "in"/"near" place passes "in" down its qualifiers
        for k, (a, b, ids, how) in enumerate(accepted):
            if self._dir_words and k + 1 < len(accepted) and accepted[k + 1][0] == b + 1 and text[b] == " " \
                    and self._fold_word(text[a:b]) in self._dir_words:
                continue  # "Northern Iraq", "Eastern Ghariyeh": a compass word, not the region "Northern"
            if how == "demonym":  # relation "of": the demonym's own institutions ("Iraqi lawmakers")
                home = "of" if self._home_words and self._home_after(text, b) else None
                m = _MentionDraft(a, b, text[a:b], self._places(ids), home, None, False, False,
                                  None, False, True, False)  # a demonym
                m.__class__ = PlaceMention
                mentions.append(m)
                inherited = None
                continue
            relation, type_cue = self._cues(wide, a - lo, b - lo, text[b:b + 1] not in _CLAUSE_MARKS,
                                            text[a - 2 if a > 2 else 0:a].rstrip()[-1:] == "(")
            if relation is None and (inherited or self._in_address(text, a)):
                relation = "in"
            elif relation == "in" and self._embassy and self._embassy_seat(wide, a - lo):
                relation = "of"  # "Kedutaan Besar Israel di Washington mengklaim": whose seat
            if relation is None and type_cue is None and not how:
                nation = self._place_demonyms.get(self._fold_word(text[a:b]))
                if nation is not None:  # "Somali police": Somalia's, not Ethiopia's Somali region
                    mentions.append(PlaceMention(a, b, text[a:b], self._places((nation,)), None, None, False, False,
                                                 None, False, True, False))
                    inherited = None
                    continue
            candidates = self._places(ids)
            nxt = accepted[k + 1][0] if k + 1 < len(accepted) else -1
            link = self._link(text, b, nxt) if 0 < nxt - b <= 48 else None  # (_link's own first test)
            if relation is None and a in common and not (
                    link is True or link is False and self._within_any(candidates, accepted[k + 1][2])):
                continue  # "Lima penagih ditangkap": five collectors; "di Lima", "Lima, Peru": the city
            if link is False and (_bracketed_pair(text, a, accepted[k + 1][1])
                                  or type_cue and self._typed_after_comma(text, a, b, nxt, accepted[k + 1][1])) \
                    and self._abroad_only(candidates, accepted[k + 1][2]):
                # "(Dessa, Tillabery)", "Distrik Paro, Kabupaten Nduga": a place and the unit it
                # lies in (each typed, an address, no list); the first name's readings all lie
                # outside the one country of the second: namesakes abroad
                link = True
            elif link is False and not self._within_any(candidates, accepted[k + 1][2]) and not (
                    self._quarter_of(candidates, accepted[k + 1][2]) and not self._in_list(text, accepted, k)):
                link = None  # "Idlib, Aleppo and Hama": a list, not a place and its region
            prev = text[a - 30 if a > 30 else 0:a].rstrip(_INITIAL_STRIP)  # as _initial: a sentence starts here
            of_unknown = bool(unknown) and self._qualifies_unknown(text, wide, lo, unknown, a,
                                                                   accepted[k - 1][1] if k else -1)
            m = _MentionDraft(  # a PlaceMention (see pantau.slots.twin); positional: keywords cost more
                a, b, text[a:b], candidates, relation, type_cue, self._embedded(text, a, b, starts, ends, candidates),
                not prev or prev[-1] in _SENTENCE_END, nxt if link is not None else None, bool(link),
                False, how == "fuzzy", of_unknown)
            m.__class__ = PlaceMention
            mentions.append(m)
            inherited = "in" if link is not None and relation in ("in", "near") else None
        return mentions

    def _qualifies_unknown(self, text: str, wide: str, lo: int, unknown: list[tuple[int, int]], a: int,
                           prev_end: int) -> bool:
        """True when the name at ``a`` says where the unknown settlement right before it lies
        ("Bulani village of Zhari", "desa Sukamaju, Garut", "Badah town (Larkana", "Al Hishah
        (Misrata)"): no other name between, the words between tie them (see _link), and the run
        is a settlement by a village or town word around it or the bracket after it; a street,
        building or person ("di Jalan Kajaolalido, Makassar", "met Smith in Kabul") is not."""
        i = bisect.bisect_right(unknown, (a, a)) - 1
        if i < 0:
            return False
        x, y = unknown[i]
        if y <= prev_end or self._link(text, y, a) is None:
            return False
        first = self._word.match(text, x)
        left = _left_word(text, max(0, x - 30), x)
        before = self._fold_word(text[left[0]:left[1]]) if left is not None else ""
        if before in self._not_before_last or (first and self._fold_word(first.group()) in self._not_before_last):
            return False  # "Jalan Ahmad Yani, Kota Makassar": a street in the town
        if text[y:a].lstrip().startswith("("):
            return True
        after = self._word.match(text, y + 1) if text[y:y + 1] in (" ", "\t") else None
        if after is not None and self._type_of.get(self._fold_word(after.group())) in ("village", "city"):
            return True  # "Bulani village of Zhari"
        if before in self._in_words and left is not None:  # "village of X", "desa di X"
            left = _left_word(text, max(0, left[0] - 30), left[0])
            before = self._fold_word(text[left[0]:left[1]]) if left is not None else ""
        return self._type_of.get(before) in ("village", "city")  # "desa Sukamaju, Garut"

    def _folded(self, text: str) -> str:
        """The whole text folded, kept for its next sentence (the fold maps each character to one
        character, so a slice of it is the fold of that slice). Read once: threads may share it."""
        last_text, last = self._last_fold
        if last_text is not text:
            last = self.fold(text)
            self._last_fold = (text, last)
        return last

    def _case_classes(self, text: str) -> bytes:
        """One byte per character of the text: b"a" an ASCII lower-case letter, b"A" an ASCII
        capital, b" " anything else; kept for the text's next sentence, like _folded."""
        last_text, last = self._last_case
        if last_text is not text:
            last = text.encode("ascii", "replace").translate(_CASE_TABLE)  # one byte per character
            self._last_case = (text, last)
        return last

    def _word_starts(self, segment: str) -> list[tuple[int, int]]:
        """What ``[m.span() for m in self._start.finditer(segment)]`` gives. On an ASCII segment
        (nearly all), found in its letter classes (see _start_classes) by two scans for a pair of
        bytes, a non-word character then a capital or an article's first letter (the regex tries
        a match at every capital and at every a, e or u: a fifth of the text, three times the
        instructions). An article found by its classes is kept when its word is an article."""
        table = self._class_table
        if table is None or not segment.isascii():
            return [m.span() for m in self._start.finditer(segment)]
        k = segment.encode("ascii").translate(table)
        starts = [m.span(1) for m in self._cap_starts.finditer(k)]
        if k[:1] == b"A":  # (a scan reads the character before a start: none before the first)
            starts.insert(0, (0, self._cap_starts.match(b" " + k).end(1) - 1))
        if k[:1] == b"V" or self._article_starts.search(k) is not None:  # (articles are rare)
            found = [(m.start(1) - 1, m.end(1) - 1) for m in self._article_starts.finditer(b" " + k)]
            found = [(a, b) for a, b in found if segment[a:b] in self.articles]
            if found:
                starts = sorted(starts + found)
        return starts

    def _glued_at(self, text: str, start: int, end: int) -> list[int]:
        """What ``_GLUED.finditer(text[start:end])`` finds (offsets in the segment), read from
        the text's letter classes: a search for b"aaaAa" inside the segment, not a regex run
        over every character of every sentence (most sentences glue nothing)."""
        case = self._case_classes(text)
        at = case.find(_GLUED_CLASSES, start, end)  # (not ``in``: bytes.__contains__ first tries the
        if at < 0:  # argument as an int, and formats and clears a TypeError on every call)
            return []
        glued = []
        while at >= 0:
            glued.append(at + 3 - start)
            at = case.find(_GLUED_CLASSES, at + 1, end)
        return glued

    def _places(self, ids: tuple[int, ...]) -> tuple[Place, ...]:
        """The places of an index entry, made once per entry (names recur across texts)."""
        hit = self._candidates.get(ids)
        if hit is None:
            if len(self._candidates) > CACHE_MAX:
                self._candidates.clear()
            hit = self._candidates[ids] = tuple(self.gaz.place(i) for i in ids)
        return hit

    def _link(self, text: str, b: int, c: int) -> bool | None:
        """How the words between two names tie them: True when the second surely says where
        the first lies ("X (Y", "X in Y", "X area of Y", "X village, Y district" after a
        type word), False for a bare comma (a qualifier or a list), None for anything else."""
        if not 0 < c - b <= 48:
            return None  # (checked before slicing: the next name may stand far away)
        gap = text[b:c]
        if "\n" in gap:
            return None
        sure = comma = False
        words = 0
        for tok in _GAP_TOKEN.findall(gap):
            if tok == "(":
                sure = True
            elif tok == ",":
                comma = True
            elif tok.isalpha():
                w = self._fold_piece(tok).strip()
                words += 1
                if w in self._in_words:
                    sure = True
                elif w not in self._gap_words or words > 4:
                    return None
            else:
                return None  # ")", ";", ".", "-": another clause or a route
        if sure and comma and "(" not in gap:
            return None  # "in X, in Y": a comma before the cue starts another phrase
        if sure:
            return True
        return False if comma else None

    def _typed_after_comma(self, text: str, a: int, b: int, c: int, d: int) -> bool:
        """True when the names text[a:b] and text[c:d], a comma between, are typed as an address
        ("Distrik Paro, Kabupaten Nduga", "Paro district, Nduga regency"): the second's type word
        (before or after it) is another than the first's and names no smaller unit, so the second is
        the unit the first lies in, not the next item of a list ("Distrik X, Distrik Y")."""
        cut = text.find(",", b, c)
        if cut < 0:
            return False
        first = self._type_word(text, a, b, max(0, a - 24))
        second = self._type_word(text, cut + 1, d, cut + 1)
        if first is None or second is None or first == second:
            return False
        return TYPE_RANK[self._type_of[second]] >= TYPE_RANK[self._type_of[first]]

    def _type_word(self, text: str, a: int, b: int, lo: int) -> str | None:
        """The pack's type word at the start of text[a:b] ("Kabupaten Nduga" is one entry), else
        right before it (from ``lo``), else right after it ("Nduga regency"): folded, or None."""
        words = self.fold(text[a:b]).split()[:self._type_len]
        for i in range(len(words), 0, -1):
            if " ".join(words[:i]) in self._type_of:
                return " ".join(words[:i])
        before = self.fold(text[lo:a]).split()[-self._type_len:]
        for i in range(len(before)):
            if " ".join(before[i:]) in self._type_of:
                return " ".join(before[i:])
        after = self.fold(text[b:b + 24]).split()[:self._type_len]
        for i in range(len(after), 0, -1):
            if " ".join(after[:i]) in self._type_of:
                return " ".join(after[:i])
        return None

    def _in_list(self, text: str, accepted: Sequence[tuple[int, int, tuple[int, ...], str]], k: int) -> bool:
        """True when the pair of names k, k+1 stands in a list ("Jaro, Molo and Iloilo City"): a
        list word or comma before k or after k+1. Not "Cathedral in Ermita, Manila" (the word
        before ties a place to Ermita) nor "Jaro, Iloilo City, Iloilo" (the province the city
        lies in closes the chain)."""
        if k and _listed(text, accepted[k - 1][1], accepted[k][0]) \
                and self._link(text, accepted[k - 1][1], accepted[k][0]) is not True:
            return True
        return k + 2 < len(accepted) and _listed(text, accepted[k + 1][1], accepted[k + 2][0]) \
            and not self._within_any(self._places(accepted[k + 1][2]), accepted[k + 2][2])

    def _quarter_of(self, candidates: Sequence[Place], ids: tuple[int, ...]) -> bool:
        """True when the first name reads only as villages or small towns and the second as a
        big city: "Jaro, Iloilo City", "Ermita, Manila" name a quarter of the city the gazetteer
        lacks (a namesake elsewhere), not a list of two towns."""
        return all(p.kind == "populated" and p.population < BIG_CITY for p in candidates) \
            and any(q.kind == "populated" and q.population >= BIG_CITY for q in self._places(ids))

    def _abroad_only(self, candidates: Sequence[Place], ids: tuple[int, ...]) -> bool:
        """True when the second name's readings all lie in one country and none of the first's."""
        countries = {q.country for q in self._places(ids)}
        return len(countries) == 1 and all(p.country not in countries for p in candidates)

    def _within_any(self, candidates: Sequence[Place], ids: tuple[int, ...]) -> bool:
        """True when some reading of the first name lies inside some reading of the second.
        A town in a named country, region or district is found by set lookups however many
        namesakes both names have ("El Alto, La Paz"); only the distance test is pairwise.
        Memoised per pair (names recur): keyed by the candidates tuple's identity, which the
        entry keeps alive and checks."""
        key = (id(candidates), ids)
        hit = self._within_memo.get(key)
        if hit is not None and hit[0] is candidates:
            return hit[1]
        if len(self._within_memo) > CACHE_MAX:
            self._within_memo.clear()
        found = self._within_any_uncached(candidates, ids)
        self._within_memo[key] = (candidates, found)
        return found

    def _within_any_uncached(self, candidates: Sequence[Place], ids: tuple[int, ...]) -> bool:
        others = self._places(ids)
        countries = {q.country for q in others if q.kind == "country"}
        regions = {(q.country, q.admin1) for q in others if q.kind == "admin1"}
        districts = {(q.country, q.admin2) for q in others if q.kind == "admin2"}
        for p in candidates:
            if p.kind != "country" and p.country in countries:
                return True
            if p.kind not in ("country", "admin1") and p.admin1 and (p.country, p.admin1) in regions:
                return True
            if p.kind in ("populated", "site") and p.admin2 and (p.country, p.admin2) in districts:
                return True
        if len(candidates) * len(others) > 4000:
            return False
        return any(_inside(p, q) for p in candidates for q in others)

    def _forget(self) -> None:
        """Start the memos afresh (the gazetteer gained user places)."""
        for memo in (self._candidates, self._alone, self._word_class, self._accepted, self._priors, self._bases,
                     self._bares, self._seat_keys, self._capitals, self._within_memo, self._votes):
            memo.clear()
        self._gaz_version = self.gaz.version

    def _respelled(self, w: str) -> tuple[int, ...]:
        """Regions, districts and sizeable towns the index holds under another transliteration
        of the folded word w (pack ``respellings``), memoised; () when none."""
        hit = self._respelled_memo.get(w)
        if hit is not None:
            return hit
        if len(self._respelled_memo) > CACHE_MAX:
            self._respelled_memo.clear()
        spellings = {w}
        for group in self._respell_end:
            end = next((x for x in group if w.endswith(x)), None)
            if end is not None:
                spellings |= {s[:len(s) - len(end)] + alt for s in spellings for alt in group if s.endswith(end)}
        for group in self._respell_in:
            for x in group:
                if len(spellings) > RESPELL_MAX:
                    break
                spellings |= {s.replace(x, alt) for s in spellings if x in s for alt in group if alt != x}
        found: list[int] = []
        names = self.gaz.names
        for s in spellings:
            if s != w and s in names:
                for i in self.gaz.ids(s):
                    p = self.gaz.place(i)
                    if p.kind in ("admin1", "admin2", "populated") and p.population >= RESPELL_MIN_POP:
                        found.append(i)
        hit = self._respelled_memo[w] = tuple(dict.fromkeys(found))
        return hit

    def _classify(self, w: str) -> int:
        """What a folded capitalised word may start: > 0 a gazetteer name (the most words a name
        starting with it has), -1 a demonym or a country glued to the next word, 0 nothing known
        (at most a look-alike spelling)."""
        n = self.gaz.span_of(w)
        if n:
            return n
        if w in self._demonyms or w[:-1] in self._demonyms or (len(w) >= GLUED_MIN and w[:4] in self._country_prefixes):
            return -1
        return 0

    def _no_name(
        self, segment: str, a: int, word: str, fuzzy_from: int
    ) -> tuple[tuple[int, int, tuple[int, ...], str] | None, int]:
        """A word at ``a`` that starts no gazetteer name may still be a nationality ("Iraqi"), a
        country glued to the next word ("IranAyatollah") or a look-alike spelling: the mention
        (offsets in the segment) or None, and where look-alike reading may next begin."""
        nation = self._demonyms.get(word) or self._demonyms.get(word[:-1])
        if nation is not None:
            return (a, a + len(word), (nation,), "demonym"), fuzzy_from
        glued = self._glued_country(segment, a, word) if len(word) >= GLUED_MIN else None
        if glued is not None:
            return (a, a + glued[0], glued[1], ""), fuzzy_from
        if len(word) < FUZZY_MIN or a < fuzzy_from:
            return None, fuzzy_from
        length, ids = self._fuzzy(segment, a, a + len(word))
        if ids is None:
            return (a, a + length, (), "unknown"), a + length
        return ((a, a + length, ids, "fuzzy") if ids else None), a + length

    def _fuzzy(self, segment: str, a: int, e: int, checked: bool = False) -> tuple[int, tuple[int, ...] | None]:
        """A capitalised name the index lacks, said to lie somewhere ("Jandairis town in",
        "Al-Swani (", "Basira city in"): the length of the capitalised run from a, and the
        places spelled with its skeleton: () when the run is no such name, None when it is one
        but no place (or too many) has its skeleton. ``e``: where its first word ends (most
        words already fail the test made there)."""
        if not checked and not self._fuzzy_next.match(segment, e):
            return 0, ()
        run = self._cap_run.match(segment, a)
        if run is None:
            return 0, ()
        length = run.end() - a
        if self._gate_first is not None:  # most runs are followed by no "(", "," nor cue word
            t = segment[run.end():run.end() + 64]
            u = t.lstrip(" \t")
            if u:
                if u[0] not in "(," and u[0].isascii() and (len(u) == len(t) or u[0].lower() not in self._gate_first):
                    return length, ()
            elif len(t) < 64:
                return length, ()
        gate = self._fuzzy_gate.match(segment, run.end())
        if gate is None or self._initial(segment, a) or self._fold_piece(run.group()).split()[0] in self.exclude:
            return length, ()
        if gate.group().strip() == ",":  # a bare comma ends lists too: only after "in", "village"...
            left = _left_word(segment, max(0, a - 30), a)
            if left is None or self._fold_word(segment[left[0]:left[1]]) not in self._in_words | self._type_last:
                return length, ()
        ids = self.gaz.skeleton_ids(run.group())
        return length, (ids if ids and len(ids) <= FUZZY_MAX else None)

    def _directional(self, wide: str, x: int, y: int, key: str) -> tuple[int, int, tuple[int, ...]] | None:
        """A name with a compass word of the pack beside it ("Israel selatan", "southern
        Lebanon") that the index knows as one region (a supplement alias): (shift of the start,
        shift of the end, its places). The name stands at wide[x:y], folded as ``key``."""
        after = None
        if self._dir_after is not None:
            # (the pattern reads spaces, then a compass word: most names have none after them)
            t = wide[y:y + 64]
            u = t.lstrip(" \t")
            if len(u) < len(t) and (len(t) == 64 and len(u) < self._dir_after_max  # (cut by the window)
                                    or u.startswith(self._dir_after_words)):
                after = self._dir_after.match(wide, y)
        if after is not None:
            ids = self.gaz.ids(f"{key} {' '.join(after.group(1).split())}")
            if ids:
                return 0, after.end() - y, ids
        if self._dir_before is not None and x:
            t = wide[x - 24 if x > 24 else 0:x]
            u = t.rstrip(" \t")  # (a compass word, then spaces, must end the window)
            before = self._dir_before.search(wide, x - 24 if x > 24 else 0, x) \
                if len(u) < len(t) and u.endswith(self._dir_before_words) else None
            if before is not None:
                ids = self.gaz.ids(f"{' '.join(before.group(1).split())} {key}")
                if ids:
                    return before.start(1) - x, 0, ids
        return None

    def _continued(self, segment: str, a: int, b: int) -> tuple[int, tuple[int, ...]] | None:
        """A known name at segment[a:b] followed by capitalised words the index does not join
        to it ("Sidi" + "Amor Bouhajla", where GeoNames spells "Sidi Amor Bou Hajela"): the whole
        run as a look-alike spelling (its length and places), when its skeleton names some place
        and the words after it say it lies somewhere (see _fuzzy). The next word must be no cue
        or type word ("Kabul Province", "Polres Nabire" keep their own reading)."""
        nxt = self._word.match(segment, b + 1)
        if nxt is None or self._fold_word(nxt.group()) in self._cue_words:
            return None
        length, ids = self._fuzzy(segment, a, b)
        return (length, ids) if ids and length > b - a else None

    def _in_address(self, text: str, a: int) -> bool:
        """True when the name closes an address chain opened by an "in" cue: in "di Jalan
        Kajaolalido, Makassar, Sulawesi Selatan" every name after the street is where it
        happened, though no cue stands right before it."""
        lo = a - ADDRESS_WINDOW if a > ADDRESS_WINDOW else 0
        i = lo + len(text[lo:a].rstrip())  # (str.rstrip strips what str.isspace calls a space)
        if i == lo or text[i - 1] != ",":  # the window, spaces stripped, must end with a comma
            return False
        before = text[lo:a]
        # The words are read from the name backwards, and a few tell: first those after a space
        # near the end (no word holds a space, so they are the window's last words), then all.
        cut = before.find(" ", len(before) - ADDRESS_TAIL) if len(before) > ADDRESS_TAIL else -1
        said = self._address_chain(before[cut + 1:]) if cut >= 0 else None
        return bool(said if said is not None else self._address_chain(before))

    def _address_chain(self, before: str) -> bool | None:
        """_in_address read over the words of ``before``: None when they run out undecided."""
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
            return names > 0 and self._rel_of.get(self._fold_piece(w)) == "in"
        return None

    def _glued_country(self, segment: str, a: int, word: str) -> tuple[int, tuple[int, ...]] | None:
        """A country name glued to a lower-case word by scraping ("Israelyang", "Iranmengambil"):
        the longest prefix naming a country, when the rest of the word is lower case."""
        original = segment[a:a + len(word)]
        if not original[1:].islower() or word in self._demonyms or word[:-1] in self._demonyms:
            return None  # "Turkish", "Iranians": an adjective, not a glued name
        after = segment[a + len(word):a + len(word) + 24].split(None, 2)
        if after and self._fold_word(after[0]) in self._type_of:
            return None  # "Perumpadappu village": the word before a type word is a name
        keys = self._country_keys
        for cut in range(len(word) - 2, 3, -1):
            if word[:cut] not in keys:
                continue
            if len(word) - cut < GLUED_MIN_REST:
                return None
            return cut, tuple(i for i in self.gaz.ids(word[:cut]) if self.gaz.place(i).kind == "country")
        return None

    def _accept(self, key: str, surface: str) -> tuple[int, ...]:
        if key in self.exclude or len(key.replace(" ", "")) < 2:
            return ()
        if key in self.articles and not surface.isupper():
            return ()  # "as", "an": Arabic articles, but "AS" is Amerika Serikat
        toks = surface.replace("-", " ").split()
        core = [t for t in toks if len(t) > 3 or self._fold_word(t) not in self.articles] or toks
        if not (core[0][:1].isupper() and toks[-1][:1].isupper()):
            return ()  # places are proper names: "Daraa", not "dara"
        ids = self.gaz.ids_for_surface(key, surface)
        if ids and key in self._common:  # a common word names a place only by that place's own name
            return tuple(i for i in ids if self._bare(self.gaz.place(i).name) == key)
        return ids

    def _cues(self, wide: str, x: int, y: int, spaced: bool = True,
              opened: bool = False) -> tuple[str | None, str | None]:
        """(relation, type cue) of a mention, read word by word from the name leftwards:
        fillers, a type word and fillers, then a relation cue (the leftmost filler may be the
        cue: "di" is both); a type word right after the name counts too ("Anbar province").
        ``wide``: the folded text around the name, which stands at wide[x:y] (find() folds
        WINDOW characters either side of its segment, so the windows read here lie inside).
        ``spaced``: no comma or stop stands right after the name in the text (the fold makes
        punctuation a space, and in "Semarang, Kecamatan X" the type word is X's; but in
        "Nahri Sarah (Girishk) district" it is the bracketed name's).
        ``opened``: a bracket opens right before the name: a type word before the bracket is the
        name's before it ("Tirupati city (Chittoor, AP)": "city" is Tirupati's, not Chittoor's)."""
        before = wide[x - WINDOW if x > WINDOW else 0:x]
        relation = type_cue = None
        if self._near and (not self._near_digit or _has_digit(before)):
            joined = " ".join(before.split()) + " "
            for pat in self._near:
                if pat.search(joined):
                    relation = "near"
                    break
        after = wide[y:y + 40].split(None, 1) if spaced else None
        if after and after[0] in self._type_first:
            after = after[:1] + after[1].split(None, self._type_len - 1) if len(after) > 1 else after
            for k in range(min(self._type_len, len(after)), 0, -1):
                t = self._type_of.get(" ".join(after[:k]))
                if t is not None:
                    type_cue = t  # "Kandahar city", "Anbar province": the word after is the name's own
                    break
        own_type = type_cue
        tail = before[-64:]
        last_word = tail.rsplit(None, 1)
        if not last_word or last_word[-1] not in self._walk_words:
            return relation or type_cue, type_cue  # no cue, filler or type word ends the window
        words = tail.split()
        if tail[:1].isalnum() and len(before) > 64:
            words = words[1:]  # a cut word is no cue
        fill = self._fill_words
        j = top = len(words)  # words[j:] are fillers and at most one type phrase (ending at top)
        type_at = None
        while j:
            if type_at is None and words[j - 1] in self._type_last:
                for k in range(min(self._type_len, j), 0, -1):
                    t = self._type_of.get(" ".join(words[j - k:j]))
                    if t is not None:
                        type_at = j - k
                        if type_cue is None:
                            type_cue = t
                        j -= k
                        break
                if type_at == j:
                    continue
            if words[j - 1] in fill:
                j -= 1
                continue
            break
        # The cue is the leftmost relation phrase ending where only fillers follow before the
        # type word (or the name); it may overlap the fillers ("in the", "di").
        last = type_at if type_at is not None else top
        rel = None
        best_start = top + 1
        for p in range(j, last + 1):
            if not p or words[p - 1] not in self._rel_last:
                continue
            for k in range(min(self._rel_len, p), 0, -1):
                if p - k >= best_start:
                    break
                hit = self._rel_of.get(" ".join(words[p - k:p]))
                if hit is not None:
                    rel, best_start = hit, p - k
                    break
        if rel is not None and relation is None:
            relation = rel
        if opened:  # a type word before the bracket is another name's, which lies in this one:
            # "Kamonyi village (Uvira, Sud-Kivu)", "Barhat forest area (Jamui, Bihar)"
            return relation or ("in" if type_at is not None else own_type), own_type
        return relation or type_cue, type_cue

    def _embassy_seat(self, wide: str, x: int) -> bool:
        """True when the name at wide[x:] closes "EMBASSY [up to three words] in" (pack
        ``embassy_words``) and no locative stands in the five words before the embassy: the
        place is where the embassy sits ("Kedutaan Besar Israel di Washington mengklaim"), not
        where the event happened; but "demonstrated in front of the French embassy in Conakry",
        "di depan Kedubes AS di Jakarta" happened there."""
        words = wide[max(0, x - WINDOW):x].split()[-10:]
        if len(words) < 2 or self._rel_of.get(words[-1]) != "in":
            return False
        for j in range(len(words) - 2, max(-1, len(words) - 6), -1):
            if words[j] in self._embassy:
                return not any(self._rel_of.get(w) in ("in", "near") for w in words[max(0, j - 5):j])
        return False

    def _route_end(self, text: str, a: int, b: int) -> bool:
        """True when the name at text[a:b] is one end of a route written "X-Y road" (pack
        ``route_words``): a place on the way, not part of a longer name nor a thing named after
        it ("the Tripoli-Beirut highway", "Rashayya-Masnaa road")."""
        if self._route_next is None:
            return False
        if "-" in text[b:b + 2] and self._route_next.match(text, b, b + 60):
            return True
        if "-" not in text[a - 2 if a > 2 else 0:a]:  # (cheap tests first: most names touch no hyphen)
            return False
        before = self._route_after.match(text, b, b + 30) \
            and self._route_before.search(text, a - 40 if a > 40 else 0, a)
        # "Ash-Shajara road": an article, not the other end
        return bool(before) and self._fold_word(before.group().rstrip(" \t-")) not in self.articles

    def _named_thing(self, wide: str, x: int, y: int, said: str = "") -> bool:
        """True when the words around the name make it an organisation, title or thing named
        after the place ("The Times of Israel", "Universitas Indonesia", "US dollar",
        "Raju street"): pack lists ``not_place_before`` / ``not_place_after``. The name stands at
        wide[x:y] of the folded text (see _cues); ``said``, the text before it as written, tells
        a word glued on by scraping ("pemilikSelat Hormuz": the strait, after "pemilik")."""
        if self._not_before:
            window = wide[max(0, x - 40):x]
            if said and len(said) >= len(window):
                # "pemilikSelat": the word is "Selat" (the fold keeps offsets, so a glued capital
                # of the text as written splits the folded window at the same place)
                cuts = [g.start() - (len(said) - len(window)) for g in _GLUED.finditer(said, len(said) - len(window))]
                for c in reversed(cuts):
                    window = window[:c] + " " + window[c:]
            before = window.rsplit(None, 3)  # the last 3 words are read
            if before and before[-1] in self._not_before_last:
                for k in (1, 2, 3):
                    if len(before) >= k and " ".join(before[-k:]) in self._not_before:
                        # "barat laut Suriah" (northwest Syria) is no sea like "Laut Arab"
                        return not (len(before) > k and " ".join(before[-k - 1:]) in self._dir_phrases)
        if self._not_after:
            after = wide[y:y + 40].split(None, 2)
            if after and after[0] in self._not_after_first:
                for k in (1, 2):
                    if len(after) >= k and " ".join(after[:k]) in self._not_after:
                        return True
        return False

    @staticmethod
    def _initial(text: str, a: int) -> bool:
        prev = text[max(0, a - 30):a].rstrip(_INITIAL_STRIP)
        return not prev or prev[-1] in _SENTENCE_END

    def _embedded(self, text: str, a: int, b: int, starts: set[int] = frozenset(),  # type: ignore[assignment]
                  ends: set[int] = frozenset(), candidates: Sequence[Place] = ()) -> bool:  # type: ignore[assignment]
        """True when the mention is part of a longer capitalised name ("Bank Indonesia",
        "Mustefa Bali", "Pul-e Charkhi"): a capitalised non-cue word touches it
        (space or hyphen between); a sentence start on the left does not count."""
        if self._route_end(text, a, b):
            return False  # "the Tripoli-Beirut highway": two places, ends of a road
        if self._link_after is not None and (self._link_after.match(text, b, min(len(text), b + 40))
                                             or self._link_before.search(text, max(0, a - 40), a)):
            return True  # "Dara i Sufi Bala", "Pul i Khumri": a part of one longer name
        lo = a - 30 if a > 30 else 0
        left = _left_word(text, lo, a) if a > lo and text[a - 1] in " \t-" else None
        said = self._fold_word(text[left[0]:left[1]]) if left is not None else ""
        if left is not None and said in self.articles \
                and any(self._fold_word(p.name).split(" ", 1)[0] in self.articles for p in candidates):
            # "Ar Rutba" where the index spells only "Rutba" or "Ar Rutbah": the article is the
            # name's own when a reading's name has one too ("El Salam" is no Saham), unless a
            # capitalised word stands before it ("Mustafa Al Kazimi").
            left = _left_word(text, lo, left[0]) if left[0] > lo and text[left[0] - 1] in " \t-" else None
            said = self._fold_word(text[left[0]:left[1]]) if left is not None else ""
        if left is not None and text[left[0]].isupper() and said not in self._cue_words \
                and left[1] not in ends:
            prev = text[lo:left[0]].rstrip()
            if prev and prev[-1] not in ".!?\"“:\n":
                return True
        if left is not None and said in self._title_last:
            return False  # "Bupati Bekasi Ade ...": a title, its place, then a person's name
        after = text[b:b + 1]
        if not after or after not in " \t-":
            return False  # no word touches the name on the right
        right = self._right_word.match(text, b, b + 40)  # "Wadi al-Rabi": past the article
        if right and right.start(1) in starts:
            return False
        if b < len(text) and text[b] == "-" and text[b + 1:b + 2].isalpha():
            return True  # "Pul-e ...", "Khor-e ..."
        return bool(right and right.group(1)[:1].isupper() and self._fold_word(right.group(1)) not in self._cue_words)

    # -- document focus -----------------------------------------------------
    def focus(self, mentions: Sequence[PlaceMention], reporter_places: Sequence[str] = ()) -> tuple[str, ...]:
        """Countries the document is about, most mentioned first; byline/dateline places
        do not count. Each mention votes for the country of its a-priori best reading."""
        skip = {self.gaz.fold(p) for p in reporter_places}
        votes: dict[str, float] = {}
        first: dict[str, int] = {}
        # Countries named outright, or by a demonym: a name's reading in or beside one of them
        # ("Gaza" in a text naming Israel; "Beja" after "the Tunisian General Labour Union") is
        # its a-priori reading, not a far namesake (Gaza, Mozambique; Beja, Portugal).
        base = self._prior_memo
        named = {m.candidates[0].country for m in mentions
                 if len(m.candidates) == 1 and m.candidates[0].kind == "country"}

        def prior(p: Place) -> float:
            near = p.kind != "country" and (p.country in named or
                                            not self._neighbours.get(p.country, _NONE).isdisjoint(named))
            return base(p) + (NEIGHBOUR_BONUS if near else 0.0)

        by_start = {m.start: m for m in mentions}
        # "Mal (Mal)": a town and its namesake district in the bracket are one name, one vote.
        repeats = {m.qualifier_at for m in mentions if m.qualifier_at is not None
                   and (q0 := by_start.get(m.qualifier_at)) is not None and q0.surface == m.surface}
        # (id of a candidates tuple, surface) -> its best reading and whether a namesake in another
        # country is a unit or a sizeable town too (this call only)
        best_of: dict[tuple[int, str], tuple[Place, bool]] = {}
        named_key = frozenset(named)
        for k, m in enumerate(mentions):
            if not m.candidates or m.fuzzy or (skip and self.gaz.fold(m.surface) in skip) or m.start in repeats:
                continue
            # "Rafah (Rafah, North Sinai)": a name votes for a reading inside its qualifiers.
            pool: Sequence[Place] = m.candidates
            q = by_start.get(m.qualifier_at) if m.qualifier_at is not None else None
            if q is not None and m.qualifier_sure and q.candidates and not q.demonym \
                    and len({p.country for p in q.candidates}) == 1 \
                    and all(p.country != q.candidates[0].country for p in pool):
                continue  # "Distrik Paro, Kabupaten Nduga": its readings are namesakes abroad
            hops = 0
            while q is not None and hops < 5 and len(pool) > 1:
                inside = [p for p in pool if self._within(p, q)]
                pool = inside or pool
                q = by_start.get(q.qualifier_at) if q.qualifier_at is not None else None
                hops += 1
            hit = best_of.get((id(pool), m.surface)) if pool is m.candidates else None  # names recur in a text
            if hit is None:
                hit = (pool[0], False) if len(pool) == 1 else self._voted(m, prior, named_key) \
                    if pool is m.candidates else self._vote_reading(m, pool, prior)
                if pool is m.candidates:
                    best_of[(id(pool), m.surface)] = hit
            best, contested = hit
            if m.demonym:
                weight = DEMONYM_WEIGHT
            elif best.kind in ("country", "admin1") or best.population >= 50_000:
                weight = 1.0
            elif best.kind in ("admin2", "site") or best.population >= 10_000:
                weight = 0.5
            else:
                weight = 0.2  # a namesake hamlet abroad says little about the text's country
            if m.embedded and best.kind not in ("country", "admin1"):
                weight *= 0.5
            if best.kind == "populated" and (len(pool) > 1 or m.relation is None) and not self._own_name(m, best):
                # "Samar" is a name of Samara only in GeoNames' alternate names; an uncued one
                # ("kata Riadi": Riyadh) is more often a person than an exonym ("di Kairo")
                weight *= 0.5 if m.relation is not None else 0.25
            if m.initial and m.relation is None and best.kind not in ("country", "admin1"):
                weight *= 0.25
            if contested:
                weight *= CONTESTED_WEIGHT  # "Tripoli": Libya's capital, or Lebanon's second city
            votes[best.country] = votes.get(best.country, 0.0) + weight
            first.setdefault(best.country, k)
        if not votes:
            return ()
        top = max(votes.values())
        # Countries far behind the leader are stray readings, not what the text is about.
        return tuple(sorted((c for c in votes if votes[c] >= FOCUS_SHARE * top), key=lambda c: (-votes[c], first[c])))

    def _voted(self, m: PlaceMention, prior: Any, named: frozenset[str]) -> tuple[Place, bool]:
        """_vote_reading of a name's own readings, memoised across texts: it depends only on the
        readings (a memoised tuple, keyed by identity, which the entry keeps alive and checks),
        the spelling and the countries the text names outright (``prior`` adds to _prior_memo
        only for them and their neighbours)."""
        pool = m.candidates
        key = (id(pool), m.surface, m.fuzzy, named)
        hit = self._votes.get(key)
        if hit is not None and hit[0] is pool:
            return hit[1]
        if len(self._votes) > CACHE_MAX:
            self._votes.clear()
        found = self._vote_reading(m, pool, prior)
        self._votes[key] = (pool, found)
        return found

    def _vote_reading(self, m: PlaceMention, pool: Sequence[Place], prior: Any) -> tuple[Place, bool]:
        """A name's a-priori reading for the focus vote (a town spelled by an alternate name yields
        to a place spelled by its own: "Samar" is the Philippine province before Samara), and
        whether another country has a unit or a sizeable town of that name too."""
        said = self._bare(m.surface) if not m.fuzzy else None
        own = {p.key for p in pool if self._bare(p.name) == said} if said is not None else set()

        def score(p: Place) -> float:
            return prior(p) - (ALT_NAME_PENALTY if own and p.kind == "populated" and p.key not in own else 0.0)

        best = max(pool, key=score)
        # (A reading in or beside a country the text names, "Gaza" beside Israel, is not contested,
        # nor is one whose namesakes lie across a border: "Jerusalem" in Israel or Palestine.)
        if best.kind == "country" or prior(best) > self._prior_memo(best):
            return best, False
        home = self._neighbours.get(best.country, _NONE)
        contested = any(p.country != best.country and p.country not in home
                        and (p.kind in ("admin1", "admin2") or p.population >= 50_000) for p in pool)
        return best, contested

    # -- resolving ----------------------------------------------------------
    def _prior_memo(self, p: Place) -> float:
        """_prior, made once per place (every focus and every reading asks again)."""
        hit = self._priors.get(p.key)
        if hit is None:
            if len(self._priors) > CACHE_MAX:
                self._priors.clear()
            hit = self._priors[p.key] = self._prior(p)
        return hit

    def _base_memo(self, p: Place) -> float:
        """The prior less 30 for a unit without a known seat (it cannot be coded at a point)."""
        hit = self._bases.get(p.key)
        if hit is None:
            if len(self._bases) > CACHE_MAX:
                self._bases.clear()
            hit = self._prior(p)
            if math.isnan(p.latitude):
                hit -= 30
            self._bases[p.key] = hit
        return hit

    @staticmethod
    def _prior(p: Place) -> float:
        if p.kind == "country":
            return 100.0
        if p.kind == "admin1":
            # a region of a few hundred people (San Salvador island, Bahamas) is rarely what a
            # name means beside a capital city of the same name
            return 60.0 if not 0 < p.population < SMALL_REGION else 40.0
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
        named: list[Place] = []  # units that are the a-priori reading of a co-mentioned name
        sure_lands: set[str] = set()  # countries of co-mentioned names the text surely means as places
        cued_units: set[str] = set()  # ... of those that are units the text cues ("in As-Sweida")
        for other in context:
            if other is mention or not other.candidates or other.demonym or other.fuzzy:
                continue
            if other.surface == mention.surface:
                if mention.qualifier_sure and other.start == mention.qualifier_at \
                        and KIND_OF_TYPE.get(mention.type_cue or "") == "populated":
                    # "Khairpur city (Khairpur, Sindh)": the name repeated in its own bracket is
                    # the district the town lies in
                    districts.update((q.country, q.admin2) for q in other.candidates if q.kind == "admin2" and q.admin2)
                continue
            top = max(other.candidates, key=self._prior)
            if top.kind == "country":
                countries.add(top.country)
            elif top.kind in ("admin1", "admin2") and top.admin1:
                countries.add(top.country)
                named.append(top)
            if not other.embedded and (top.kind == "country" or top.kind in ("admin1", "admin2") and cued(other)):
                sure_lands.add(top.country)  # named outright, or a unit the text cues ("Kirkuk province")
                if top.kind != "country":
                    cued_units.add(top.country)
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
        candidates = mention.candidates
        if mention.type_cue == "village" and all(p.kind in ("admin1", "admin2", "country") for p in candidates):
            # "Bara Bara village": a village the gazetteer lacks, named like a district abroad
            return None
        if mention.fuzzy:  # a look-alike spelling counts only inside a region the passage names
            home = set(focus[:2]) or countries
            # or inside the place that surely qualifies it, whatever that is: "Keav Seima district
            # of Mondul Kiri" (the province known only by its capital's other name)
            sure = next((o for o in context if o.start == mention.qualifier_at), None) \
                if mention.qualifier_sure else None
            candidates = tuple(p for p in candidates if p.country in home and
                               ((p.country, p.admin1) in regions or (p.country, p.admin2) in districts
                                or (sure is not None and self._within(p, sure))))
            if not candidates:
                return None
        # Units named like the mention: a town named like its own province or district
        # ("Kandahar", "Raqqa") is that unit's seat far more often than a namesake elsewhere.
        units = {(p.country, p.admin1) for p in candidates if p.kind in ("admin1", "admin2")}
        # Of namesake towns in that unit's province, its seat when the gazetteer knows it ("El
        # Salto": the seat of El Salto municipality, not an El Salto village elsewhere in Jalisco).
        seats = self._unit_seats(candidates) if units else _NONE
        if seats:  # only a seat spelled by the name itself (Pratapgarh district's seat is Bela)
            said_bare = self._bare(mention.surface)
            seats = frozenset(p.key for p in candidates if p.key in seats and self._bare(p.name) == said_bare)
        # the provinces where it decides (Houston, Texas is no seat of Houston County, Texas, and
        # keeps the bonus; Houston, Minnesota, seat of Houston County, Minnesota, does not take it)
        seated = {(p.country, p.admin1) for p in candidates if p.key in seats} if seats else _NONE

        near = countries | set(focus)
        base = self._base_memo
        # A capital abroad yields to a namesake in a country the text is about ("Tripoli" beside
        # Beirut is Lebanon's); a town spelled by an alternate name yields to one spelled by its own.
        rivals_at_home = tuple(p.country for p in candidates if len(candidates) > 1 and p.country in near
                               and (p.kind in ("admin1", "admin2") or p.population >= BIG_CITY))
        said = self._bare(mention.surface) if len(candidates) > 1 and not mention.fuzzy else None
        own_any = said is not None and any(self._bare(p.name) == said for p in candidates)
        neighbours = self._neighbours
        first, others = (focus[0], focus[1:]) if focus else (None, ())

        def score(p: Place) -> tuple[float, float]:
            s = base(p)  # the prior, less 30 for a unit without a known seat (no point to code)
            country, kind = p.country, p.kind
            where = (country, p.admin1)
            if kind == "populated" and where in units and (where not in seated or p.key in seats) \
                    and (not regions or where in regions) and not mention.of_unknown:
                s += UNIT_SEAT_BONUS  # unless the text names another region ("of the Covasna county")
            if kind == "populated" and len(candidates) > 1:
                if self._own_name(mention, p):
                    s += OWN_NAME_BONUS
                elif own_any and country not in near:
                    s -= ALT_NAME_PENALTY
                if p.population >= BIG_CITY and self._capital(country) == p.key \
                        and (country == first or all(c == country for c in rivals_at_home)):
                    s += CAPITAL_BONUS
            support = 0.0
            if focus:
                if country == first:
                    support += 50
                elif country in others:
                    support += 30
            if p.admin1 and where in regions:
                support += 40
                if kind != "admin2" and p.admin2 and (country, p.admin2) in districts:
                    support += 20
            elif country in countries:
                support += 25
            elif not neighbours.get(country, _NONE).isdisjoint(near):
                s += NEIGHBOUR_BONUS
            if want:
                s += 60 if kind == want or (want == "populated" and kind == "admin2" and
                                            p.name.lower().startswith("kota")) else -20
            return s + support, support

        scored = [(score(p), p) for p in candidates]
        if len(scored) > 1:
            scored.sort(key=_total, reverse=True)  # stable: equal scores keep the index order
        ranked = [p for _, p in scored]
        best = ranked[0]
        best_score, support = scored[0][0]
        # A unit whose seat has the unit's own name is, in news, mostly the town ("in Raqqa").
        if best.kind in ("admin1", "admin2") and want not in ("admin1", "admin2") and not mention.of_unknown:
            for p in ranked[1:]:
                if p.kind == "populated" and p.country == best.country and p.admin1 == best.admin1 \
                        and self.gaz.fold(p.name) in {self.gaz.fold(mention.surface), self.gaz.fold(best.name)}:
                    seat = self.gaz.seat(best)
                    if seat is not None and seat.key == p.key:
                        best = p
                        break
        marked = mention.relation is not None or mention.type_cue is not None
        if named and best.kind in ("populated", "site", "admin2") \
                and (best.population < BIG_CITY or not self._own_name(mention, best)) \
                and self._far_from_named(best, named, regions, districts):
            # The passage names this country's regions and the place lies in none of them, far
            # from all: a namesake ("Lalpur village ... (East Midnapore district, West Bengal)" is
            # no Lalpur of Gujarat); the regions named are the certain level. A big city is
            # exempt only under its own name ("Kotwali, Khulna district" is no Rangpur, which
            # GeoNames also calls Kotwali).
            return None
        if sure_lands and best.kind in ("populated", "site", "admin2") and best.country not in countries \
                and best.country != first \
                and neighbours.get(best.country, _NONE).isdisjoint(sure_lands) \
                and (best.country, best.admin1) not in regions \
                and (best.population < BIG_CITY or not self._own_name(mention, best) or first in cued_units):
            # The passage's other names all lie in other countries, none beside this one, and the
            # text is first about another: a namesake abroad ("in Gare (Chiya-e Gara) region of
            # Dahuk, Northern Iraq" is no quarter of Paris), though the name's own vote put its
            # country in the focus.
            return None
        if focus and support == 0 and best.kind in ("populated", "admin2") and (
                best.population < BIG_CITY or not self._own_name(mention, best)):
            # The text is about other countries: a namesake village there is noise ("Korin" in
            # Idleb); a big city is trusted only under its own name, not an alternate spelling
            # or a look-alike.
            return None
        if best.kind == "populated" and best.population < 1000 and not marked and support == 0:
            return None  # a hamlet somewhere that happens to share a common word's spelling
        if mention.embedded and best.kind not in ("country", "admin1"):
            return None  # a fragment of a longer name the gazetteer does not know ("Tall Refaat")
        big = best.kind == "populated" and best.population >= BIG_CITY and self._own_name(mention, best)
        if mention.initial and not marked and not big and best.kind not in ("country", "admin1") and support == 0:
            return None  # any word is capitalised at a sentence start
        rivals = [p for (sc, _), p in scored[1:] if sc >= best_score - RIVAL_GAP and p.key != best.key
                  and not (p.country == best.country and p.admin1 == best.admin1 and p.kind != best.kind)]
        if not rivals or best.kind == "country":
            return Reading(mention, self._seat_of(mention, best), True)
        # Ambiguous: fall back to what the close readings share.
        close = [best, *rivals]
        if len({p.country for p in close}) == 1:
            a1 = {p.admin1 for p in close}
            a2 = {p.admin2 for p in close}
            if len(a1) == 1 and len(a2) == 1 and best.admin2:
                # namesake towns of one district that the name also names ("Pratapgarh (UP)":
                # the district, its seat Bela and a village Pratapgarh): the district
                unit = next((p for p in candidates if p.kind == "admin2" and p.country == best.country
                             and p.admin1 == best.admin1 and p.admin2 == best.admin2
                             and not math.isnan(p.latitude)), None)
                if unit is not None:
                    return Reading(mention, unit, True)  # all close readings lie in it
            if len(a1) == 1 and best.admin1:
                unit = self.gaz.admin1_place(best.country, best.admin1)
                if unit is not None:
                    seat = self._seat_of(mention, unit)
                    return Reading(mention, seat, seat is not unit)
            country = self.gaz.country(best.country)
            if country is not None and support > 0:  # the country is known from elsewhere too
                return Reading(mention, country, False)
        return None

    def _seat_of(self, mention: PlaceMention, p: Place) -> Place:
        """A region named after its government's building ("Kantor Gubernur Jawa Tengah", pack
        type ``seat``) is that building's town, the region's seat; any other reading is itself."""
        if mention.type_cue != "seat" or p.kind not in ("admin1", "admin2"):
            return p
        seat = self.gaz.seat(p)
        return seat if seat is not None and seat.kind == "populated" else p

    def _own_name(self, mention: PlaceMention, p: Place) -> bool:
        """True when the mention spells p's own name (folded; a leading article optional on
        either side) or names a unit p is the seat of ("Gaza": the Gaza Strip, seat Gaza City),
        not an alternate name or a look-alike."""
        if mention.fuzzy:
            return False
        said = self._bare(mention.surface)
        if said == self._bare(p.name):
            return True
        return p.kind == "populated" and p.key in self._unit_seats(mention.candidates)

    def _capital(self, iso3: str) -> str | None:
        """The key of a country's capital (its seat), memoised."""
        hit = self._capitals.get(iso3, _MISSING)
        if hit is _MISSING:
            country = self.gaz.country(iso3)
            seat = self.gaz.seat(country) if country is not None else None
            hit = self._capitals[iso3] = seat.key if seat is not None else None
        return hit  # type: ignore[return-value]

    def _bare(self, name: str) -> str:
        """A name folded, without a leading article (memoised: names recur)."""
        hit = self._bares.get(name)
        if hit is None:
            if len(self._bares) > CACHE_MAX:
                self._bares.clear()
            toks = self._fold_word(name).split()
            if len(toks) > 1 and toks[0] in self.articles:
                toks = toks[1:]
            hit = self._bares[name] = " ".join(toks)
        return hit

    def _unit_seats(self, candidates: tuple[Place, ...]) -> frozenset[str]:
        """Keys of the seats of the unit readings of a name (memoised per candidates tuple, by
        identity: the tuples are themselves memoised, and hashing places would cost more)."""
        hit = self._seat_keys.get(id(candidates))
        if hit is None or hit[0] is not candidates:
            if len(self._seat_keys) > CACHE_MAX:
                self._seat_keys.clear()
            seats = (self.gaz.seat(u) for u in candidates if u.kind in ("admin1", "admin2"))
            hit = self._seat_keys[id(candidates)] = (candidates, frozenset(x.key for x in seats if x is not None))
        return hit[1]

    def _far_from_named(self, p: Place, named: Sequence[Place], regions: set[tuple[str, str]],
                        districts: set[tuple[str, str]]) -> bool:
        """True when the passage names units of p's country and p lies in none of them and
        more than FAR_KM from the seat of each (the distance guards against admin1 labels
        that differ between sources after a reorganisation, such as Ladakh)."""
        own = [u for u in named if u.country == p.country]
        if not own or (p.country, p.admin1) in regions or (p.admin2 and (p.country, p.admin2) in districts):
            return False
        # A province split keeps the old name in the new ones: "Puncak, Papua" lies in Central
        # Papua, carved out of Papua in 2022, and news still says Papua.
        words = set(self.gaz.fold(p.admin1 or "").split())
        if any(words & set(self.gaz.fold(u.admin1 or u.name).split()) for u in own):
            return False
        return all(_km(p, self.gaz.seat(u) or u) > FAR_KM for u in own)

    def resolve_reading(self, mentions: Sequence[PlaceMention], focus: Sequence[str] = ()) -> Reading | None:
        """The event's place as a Reading (callers lower confidence for country-level or
        uncertain readings). A name and the regions that qualify it ("X (district, province)")
        are one place: the most specific of them that is known and lies inside the others."""
        if not mentions:
            return None
        if all(m.demonym or not m.candidates for m in mentions):
            return self._demonyms_country(mentions)
        if len(mentions) == 1:  # one name alone: no chain, no support from others
            m = mentions[0]
            if not m.candidates or m.demonym:
                return None
            hit = self._alone_hit(m, focus)
            return None if hit is None else Reading(m, hit[0], hit[1])
        by_start = {m.start: m for m in mentions}
        qualifier = {m.start: by_start[m.qualifier_at] for m in mentions
                     if m.qualifier_at is not None and m.qualifier_at in by_start}
        readings: list[tuple[Reading, PlaceMention]] = []  # a reading and the head of its chain
        done: set[int] = set()
        for m in mentions:
            if not m.candidates or m.start in done or m.demonym:
                continue
            chain = [m]
            while chain[-1].start in qualifier and len(chain) < 6:
                q = qualifier[chain[-1].start]
                if q.demonym or not q.candidates:
                    break  # a nationality says nothing about where
                if q.fuzzy and not (q.start in qualifier and not qualifier[q.start].fuzzy):
                    break  # nor does a look-alike spelling, unless a known name places it in turn
                chain.append(q)
            done.update(x.start for x in chain)
            fallback: Reading | None = None
            for k, x in enumerate(chain):
                # Support comes from the other mentions only: a name cannot vouch for itself.
                own = self.focus([o for o in mentions if o is not x]) if len(mentions) > 1 else ()
                r = self.read(x, (*focus, *(c for c in own if c not in focus)), mentions)
                if r is None or not all(self._within(r.place, q) or x.type_cue == "city"
                                        and self._district_of(r.place, q) for q in chain[k + 1:]):
                    continue  # unknown, or a namesake outside the region the text names
                if not r.certain and k + 1 < len(chain):
                    fallback = fallback or r  # ambiguous: a qualifier may say more
                    continue
                if k > 0 and r.place.kind in ("populated", "site") and x.type_cue != "city":
                    # "Kamonyi village (Uvira, Sud-Kivu)": somewhere near Uvira; but "Saheb Bazar
                    # area of Rajshahi city" lies in the city itself
                    r = Reading(r.mention, r.place, r.certain, near=True)
                readings.append((r, m))
                break
            else:
                if fallback is not None:
                    readings.append((fallback, m))
        if not readings:
            return None

        def cue_of(rh: tuple[Reading, PlaceMention]) -> str | None:
            r, head = rh
            return head.relation or r.mention.relation

        if any(cue_of(rh) in ("in", "near") for rh in readings):
            readings = [rh for rh in readings if cue_of(rh) not in ("to", "from", "of")]

        def rank(irh: tuple[int, tuple[Reading, PlaceMention]]) -> tuple[int, ...]:
            i, (r, head) = irh
            # A type word that cannot describe the reading ("ibu kota Iran, Teheran": the capital
            # is Teheran, not the country) is no cue for it.
            typed = (r.mention.type_cue and r.place.kind != "country") or (head.type_cue and head.candidates[0].kind != "country"
                                                                           if head is not r.mention else False)
            cue = 2 if cue_of((r, head)) in ("in", "near") or typed else 1
            spec = SPECIFICITY[r.place.kind] if r.certain else 0
            if r.mention.embedded:
                cue -= 1
            # A place the text pins in its region ("in Barwani district (Madhya Pradesh)") is
            # where it happened more surely than a bare town elsewhere in the sentence.
            pinned = int(r.mention is not head or head.qualifier_sure and head.start in qualifier)
            # An embassy's seat ("the Israeli embassy in Washington said") yields to an equal place.
            # Of two bare countries, the one the action went to or came from ("withdrawing troops
            # from Saudi Arabia") before one naming whose ("the US government").
            told = int(cue_of((r, head)) in ("to", "from") and r.place.kind == "country")
            return (cue, pinned, spec, int(r.certain), int(cue_of((r, head)) != "of"), told, -i)

        # A bare country or region named beside a more specific place of its own is context,
        # not the event's place; the rank prefers the specific one.
        return max(enumerate(readings), key=rank)[1][0]

    def _district_of(self, p: Place, qualifier: PlaceMention) -> bool:
        """True when a city p (BIG_CITY or more, called a city by the text) lies in the province
        of a district reading of the qualifier and within FAR_KM of its seat: district labels differ between sources after a split or by
        level ("Tirupati city (Chittoor, AP)": GeoNames puts Tirupati in the Tirupati district
        carved out of Chittoor in 2022; "Bahawalpur city (Multan, Punjab)" names a division)."""
        if p.kind != "populated" or not p.admin1 or p.population < BIG_CITY:
            return False  # a village may be a namesake nearby ("Lekki (Ibeju/Lekki LGA, Lagos)")
        for q in qualifier.candidates:
            if q.kind == "admin2" and q.country == p.country and q.admin1 == p.admin1:
                if _km(p, self.gaz.seat(q) or q) <= FAR_KM:
                    return True
        return False

    @staticmethod
    def _within(p: Place, qualifier: PlaceMention) -> bool:
        """True when p lies in (or is) some reading of the qualifying mention."""
        return any(p.key == q.key or _inside(p, q) for q in qualifier.candidates)

    def resolve(self, mentions: Sequence[PlaceMention], focus: Sequence[str] = ()) -> PlaceRef | None:
        """The event's place coded per events.md (geo_precision 1 town, 2 near a town / a
        site / a district, 3 region or country only)."""
        if len(mentions) == 1:  # the common call (one name per clause): its code is memoised too
            m = mentions[0]
            if m.demonym:
                reading = self._demonyms_country(mentions)
                return None if reading is None else self.ref(reading)
            if not m.candidates:
                return None
            hit = self._alone_hit(m, focus)
            if hit is None:
                return None
            if hit[2] is None:
                hit[2] = (self.ref(Reading(m, hit[0], hit[1])),)
            return hit[2][0]
        reading = self.resolve_reading(mentions, focus)
        return None if reading is None else self.ref(reading)

    def _demonyms_country(self, mentions: Sequence[PlaceMention]) -> Reading | None:
        """A passage that names no place but a demonym of its country's own institutions ("Iraqi
        lawmakers approved a new government", pack ``home_words``), all its demonyms saying one
        country, is coded at that country, uncertain; otherwise no place ("Turkish forces")."""
        nations = {p.country for m in mentions if m.demonym for p in m.candidates}
        home = next((m for m in mentions if m.demonym and m.relation == "of"), None)
        if len(nations) != 1 or home is None:
            return None
        return Reading(home, home.candidates[0], False)

    def _home_after(self, text: str, b: int) -> bool:
        """True when the one or two words after a demonym ending at ``b`` are a home word."""
        words = self._fold_word(text[b:b + 40]).split()[:2]
        return bool(words) and (words[0] in self._home_words or " ".join(words) in self._home_words)

    def _alone_hit(self, m: PlaceMention, focus: Sequence[str]) -> list[Any] | None:
        """The memoised reading of a name alone: [place, certain, (PlaceRef,) or None], or None.
        It depends only on the name's spelling, cues and the focus, not on where it stands."""
        key = (m.surface, m.relation, m.type_cue, m.embedded, m.initial, m.fuzzy, m.of_unknown, len(m.candidates), tuple(focus))
        hit = self._alone.get(key, _MISSING)
        if hit is _MISSING:
            if len(self._alone) > CACHE_MAX:
                self._alone.clear()
            r = self.read(m, focus, (m,))
            hit = self._alone[key] = None if r is None else [r.place, r.certain, None]
        return hit  # type: ignore[return-value]

    def ref(self, reading: Reading) -> PlaceRef | None:
        """A reading coded per events.md (what ``resolve`` returns for the reading it chose)."""
        place = reading.place
        if place.kind == "populated":
            precision = 2 if reading.near or reading.mention.relation == "near" or reading.mention.of_unknown else 1
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


_NON_ASCII = re.compile(r"[^\x00-\x7f]+")


def _text_folder(table: dict[int, str]) -> Callable[[str], str]:
    """The gazetteer's text fold (``text.translate(table)``), same output, twice as fast on news
    text: ASCII stretches take str.translate's ASCII fast path, and all go through one table that
    holds every character up to the fold's range, ASCII included (a character missing from a
    table costs a KeyError on every call)."""
    full = {cp: table.get(cp, chr(cp)) for cp in range(max(max(table, default=0), 127) + 1)}

    def fold(text: str) -> str:
        if text.isascii():
            return text.translate(full)
        out = []
        pos = 0
        for run in _NON_ASCII.finditer(text):
            a, b = run.span()
            out.append(text[pos:a].translate(full))
            out.append(text[a:b].translate(full))
            pos = b
        out.append(text[pos:].translate(full))
        return "".join(out)

    return fold


def _start_pattern(articles: frozenset[str]) -> re.Pattern[str]:
    r"""Where a name may start: "\b(?:CAP[^\W_]*|(?:al|el|...)\b)" (CAP: a capital letter), as
    one character class followed by the word-boundary test, then the branch of that character."""
    caps = "A-Z\u00C0-\u00DE\u0100-\u024F"
    by_first: dict[str, list[str]] = {}
    for art in sorted(articles, key=lambda x: (-len(x), x)):
        by_first.setdefault(art[0], []).append(art[1:])
    branches = [rf"(?<=[{caps}])[^\W_]*"]
    branches += [rf"(?<={re.escape(c)})(?:{'|'.join(map(re.escape, rest))})\b" for c, rest in by_first.items()]
    first = "".join(map(re.escape, by_first))
    return re.compile(rf"[{caps}{first}](?<!\w.)(?:{'|'.join(branches)})")


def _start_classes(articles: frozenset[str]) -> tuple[bytes | None, re.Pattern[bytes], re.Pattern[bytes]]:
    r"""Byte table and scans for Geoparser._word_starts. The table maps an ASCII character to its
    class: b"A" a capital, b"V" a letter some article starts with, other lower-case letters
    themselves (the rest of an article), b"0" a digit, b"_" the underscore (both \w, and "_"
    ends a capitalised word), b" " anything else (\W). The scans: a capital after b" ", up to the
    next b" " or b"_" (_start_pattern's "[CAP](?<!\w.)[^\W_]*"); an article's classes after b" ",
    a word to its end (its "\b"). No table (None) when an article is not lower-case ASCII letters."""
    never = re.compile(rb"(?!)")
    if not all(a.isascii() and a.isalpha() and a.islower() for a in articles):
        return None, never, never
    firsts = {a[0] for a in articles}
    table = bytearray(b" " * 256)
    for i in range(128):
        ch = chr(i)
        if "A" <= ch <= "Z":
            table[i] = ord("A")
        elif ch in firsts:
            table[i] = ord("V")
        elif "a" <= ch <= "z" or ch == "_":
            table[i] = i
        elif "0" <= ch <= "9":
            table[i] = ord("0")
    classes = bytes(table)
    shapes = sorted({a.encode("ascii").translate(classes) for a in articles}, key=lambda x: (-len(x), x))
    caps = re.compile(rb" (A[^ _]*)")
    arts = re.compile(rb" (" + b"|".join(shapes) + rb")(?![^ ])") if shapes else never
    return classes, caps, arts


def _bracketed_pair(text: str, a: int, d: int) -> bool:
    """True when the two names text[a:...] and text[...:d] are all a bracket holds: "(Dessa,
    Tillabery)", "(Beni, Nord-Kivu)" (the caller knows a bare comma stands between them)."""
    return text[max(0, a - 2):a].rstrip().endswith("(") and text[d:d + 2].lstrip().startswith(")")


def _listed(text: str, b: int, c: int) -> bool:
    """True when the words between two names (text[b:c]) make them items of a list: a bare
    comma or one short lower-case word ("and", "dan", "or")."""
    if not 0 < c - b <= 8:
        return False
    gap = text[b:c].strip()
    return gap in (",", "&", "/") or (gap.isalpha() and gap.islower() and len(gap) <= 4)


def _has_digit(s: str) -> bool:
    """``_DIGIT.search(s)``, a third of its time on ASCII text (substring tests, not a regex)."""
    if not s.isascii():
        return _DIGIT.search(s) is not None
    return "0" in s or "1" in s or "2" in s or "3" in s or "4" in s or "5" in s or "6" in s or "7" in s \
        or "8" in s or "9" in s


def _alternation(words: Iterable[str]) -> str:
    """A regex alternation of literal words, longest first; ties by spelling, so the pattern
    (and its speed) is the same in every process whatever the order of a set."""
    return "|".join(sorted(map(re.escape, words), key=lambda w: (-len(w), w))) or "(?!)"


def _total(scored: tuple[tuple[float, float], Place]) -> float:
    return scored[0][0]


def _left_word(text: str, lo: int, a: int) -> tuple[int, int] | None:
    """Span of the word right before a (spaces or one hyphen between), not reaching before lo."""
    i = a
    if i > lo and text[i - 1] == "-":
        i -= 1
    else:
        while i > lo and text[i - 1] in " \t":
            i -= 1
        if i == a:
            return None
    # Most words follow a space: one rfind and one isalpha tell (the loop below says the same)
    piece = text[lo:i]
    k = piece.rfind(" ") + 1
    if k < len(piece) and piece[k:].isalpha():
        return lo + k, i
    j = i
    while j > lo and text[j - 1].isalpha():
        j -= 1
    return (j, i) if j < i else None


def _inside(p: Place, q: Place) -> bool:
    """True when place p lies inside q: its country, admin1 or admin2, or near a town q."""
    if p.country != q.country or p.key == q.key:
        return False
    if q.kind == "country":
        return True
    if q.kind == "admin1":
        return p.admin1 is not None and p.admin1 == q.admin1
    if q.kind == "admin2":
        if p.kind in ("country", "admin1"):
            return False
        if p.admin2 is not None and p.admin2 == q.admin2:
            return True
        if p.admin1 != q.admin1:
            return False
        # a town GeoNames links to no district may lie anywhere in a big one ("Baligubadle town
        # (Hargeysa, Waqooyi Galbeed)", 62 km from Hargeysa)
        return math.isnan(q.latitude) or _km(p, q) <= (INSIDE_KM if p.admin2 else FAR_KM)
    if p.kind not in ("populated", "site"):
        return False
    # across a province line only the town's close outskirts ("Diliman, Quezon City" is no Diliman
    # of Bulacan, 40 km off in another region)
    limit = INSIDE_KM if p.admin1 == q.admin1 or not p.admin1 or not q.admin1 else ACROSS_KM
    return _km(p, q) <= limit


def _mid_word(segment: str, b: int) -> bool:
    """True when the word goes on past an apostrophe at ``b`` for three letters or more: "Moa" in
    "Wa Harredh al Moa'mineen" is a piece of a word, not Moa, Cuba ("Syria's", "Sana'a" end there)."""
    if segment[b:b + 1] not in APOSTROPHES:
        return False
    n = 0
    for ch in segment[b + 1:b + 4]:
        if not ch.isalpha():
            break
        n += 1
    return n >= 3


def _km(p: Place, q: Place) -> float:
    if math.isnan(p.latitude) or math.isnan(q.latitude):
        return math.inf
    return Gazetteer.distance_km(p, q)


def _demonyms(gaz: Gazetteer, placed: bool = False) -> dict[str, int]:
    """Folded one-word demonyms of every country (knowledge/countries.tsv, all languages) ->
    the country's place index: "Turkish" starts with "Turki" but is no glued country name.
    With ``placed``, only the demonyms that also name a place other than the country itself
    ("Somali": Ethiopia's Somali region), which are that place only with a cue or type word."""
    out: dict[str, int] = {}
    with COUNTRIES_TSV.open(encoding="utf-8", newline="") as fh:
        for row in csv.DictReader(fh, delimiter="\t"):
            i = gaz.country_id(row["iso3"])
            if i is None:
                continue
            for col, value in row.items():
                if col and col.startswith("demonym"):
                    for v in (value or "").split("|"):
                        key = " ".join(gaz.fold(v).split())
                        if not key or " " in key:
                            continue
                        ids = gaz.ids(key)
                        if not placed and not ids:
                            out.setdefault(key, i)  # a demonym that is also a place name stays a place
                        elif placed and ids and all(gaz.place(j).kind != "country" for j in ids):
                            out.setdefault(key, i)
    return out

