"""Find trigger words and frame cues in a sentence, from pack data only.

Triggers are matched on lemmas, not surfaces: each word is reduced to candidate
lemmas by the pack's morphology (Indonesian affixes, English inflections) and
the candidates are looked up in an index built once from ``triggers.toml``. A
phrase trigger ("serang udara", "air strike") matches when each of its words is
among the candidate lemmas of consecutive tokens; the longest match wins.
"""

from __future__ import annotations

import itertools
import re
from operator import itemgetter
from dataclasses import dataclass
from collections.abc import Callable, Iterable, Sequence
from typing import Any

import ahocorasick

from pantau.packs import Pack
from pantau.records import Span
from pantau.slots import maker
from pantau.stages.literals import needed_literals as _needed_literals

__all__ = ["CueMention", "MentionFinder", "Token", "TriggerMention", "TriggerRule", "CUE_KINDS"]

_MEMO_MAX = 200_000  # analysed words kept per finder (a few tens of MB at most)
_SUBSETS_MAX = 4096  # compiled pattern subsets kept per alternation (see _Alternation)
_SUBSET_ASKS = 3  # a subset of several patterns is compiled when asked for this many times
# \w\w*, not \w+: the engine skips to a word character before it tries a match. The quantifiers
# are possessive (*+, ++): the greedy match is never given back, as nothing after it could ask
# (the same words as r"\w\w*(?:[-'’]\w+)*"), and the engine keeps no backtracking state (10% faster)
_WORD = re.compile(r"\w\w*+(?:[-'’]\w++)*+", re.UNICODE)
# _WORD for ASCII text, where it finds the same words (Unicode's word characters among ASCII are
# ASCII's): its \w is a table look-up, not a Unicode database query per character (a quarter
# less time over a sentence; nearly all sentences are ASCII)
_WORD_ASCII = re.compile(_WORD.pattern, re.ASCII)

# Cue kinds a pack may define (cues.toml tables other than clause/frame/death/injury).
CUE_KINDS = (
    "negation",
    "denial",
    "modality",
    "hypothetical",
    "ongoing",
    "tally",
    "purpose",
    "reference",
    "reference_subject",
    "modifier",
    "direction",
    "locative",
    "agent",
    "target",
    "commentary",
    "grievance",
    "demand",
    "attributive",
    "at_protest",
    "seized_arms",
    "seized_goods",
    "criminal",
    "political",
    "civilian_target",
    "structure_target",
    "figurative",
    "report",
    "sides",
    "dispute",
    "off_duty",
    "speaker",
    "source_phrase",
    "stationed",
    "warning_fire",
    "confirmation",
)


@dataclass(frozen=True, slots=True)
class Token:
    start: int
    end: int
    text: str  # lower-cased surface


# ``Token(start, end, text)`` without the frozen dataclass's ``__init__`` (see pantau.slots): a
# token is built for every word of every sentence with a trigger
_make_token = maker(Token)


@dataclass(frozen=True, slots=True)
class TriggerRule:
    """One trigger group of triggers.toml, shared by its lemmas."""

    event_type: str
    sub_event_type: str
    generic: bool = False
    territory: bool = False
    bare: bool = True
    forms: frozenset[str] = frozenset()
    needs: tuple[tuple[str, ...], ...] = ()
    needs_sentence: bool = False  # ``needs`` anywhere in the sentence, not only the trigger's clause
    after: frozenset[str] = frozenset()
    priority: int = 1
    passive: bool = False  # the actor after the phrase did it ("jatuh ke tangan", "fell to")
    collective: bool = False  # a crowd's fight ("tawuran"): never ordinary crime
    strikes: bool = False  # a state's forces doing it to a building struck it from afar ("serangan ke gereja")
    unnamed: bool = False  # names no weapon: with no attacker, beside a state's strike that day, part of it
    repels: bool = False  # stops the other side's attack ("repulsed their attack"): that side attacked


@dataclass(frozen=True, slots=True)
class TriggerMention:
    start: int
    end: int
    surface: str
    lemma: str
    rule: TriggerRule
    form: str  # "active" | "passive" | "middle" | "noun" | "bare" | "verb"
    first_token: int  # index of its first token in the sentence token list
    last_token: int

    @property
    def verbal(self) -> bool:
        return self.form in ("active", "passive", "stative", "middle", "verb")


@dataclass(frozen=True, slots=True)
class CueMention:
    start: int
    end: int
    surface: str
    kind: str


# A word's memoised analysis: candidate lemmas -> form, the (lemma, form) pairs that start a
# trigger, the lemmas that start a stop phrase, and whether it has either (the trigger walk stops
# only at such words: see ``_hits``).
_MemoEntry = tuple[dict[str, str], tuple[tuple[str, str], ...], tuple[str, ...], bool]
# read off a sentence's memo entries by map() and compress(), loops that run in C (see _hits)
_ANALYSIS = itemgetter(0)
_MARKED = itemgetter(3)
# The memo, its words that can start a trigger, its glued words -> their pieces' spans.
_Words = tuple[dict[str, _MemoEntry], set[str], dict[str, tuple[tuple[int, int], ...]]]


@dataclass(frozen=True, slots=True)
class _Analysis:
    """Candidate lemmas of one token, each with the word form it implies."""

    forms: dict[str, str]


class MentionFinder:
    """Compiled trigger index, morphology and cue regexes of one pack."""

    def __init__(self, pack: Pack) -> None:
        self.lang = pack.lang
        morph = pack.get("morphology")
        self._particles: tuple[str, ...] = tuple(morph.get("particles", ()))
        self._suffixes_id: tuple[str, ...] = tuple(morph.get("suffixes", ())) if morph.get("prefixes") else ()
        self._prefixes: tuple[tuple[str, str], ...] = tuple((p, r) for p, r in morph.get("prefixes", ()))
        self._voice: dict[str, str] = {}
        for voice in ("active", "passive", "stative", "middle", "noun"):
            for p in morph.get(voice, ()):
                self._voice[p] = voice
        self._noun_suffixes = frozenset(morph.get("noun_suffixes", ()))
        self._redup = bool(morph.get("reduplication", False))
        self._min_stem = int(morph.get("min_stem", 3))
        self._en_suffixes: tuple[tuple[str, str], ...] = (
            tuple((a, b) for a, b in morph.get("suffixes", ())) if not morph.get("prefixes") else ()
        )
        self._undouble = bool(morph.get("undouble", False))
        self._passive_aux = frozenset(morph.get("passive_auxiliaries", ()))
        self._verb_endings = tuple(morph.get("verb_endings", ()))
        self._participle_endings = tuple(morph.get("participle_endings", ()))
        self._strong_participle_endings = tuple(morph.get("strong_participle_endings", ()))
        self._gerund_endings = tuple(morph.get("gerund_endings", ()))
        self._undouble_keep = frozenset(morph.get("undouble_keep", ()))
        self.subject_verbs = bool(morph.get("subject_verbs", False))
        # words that scraped text glues to a neighbour ("Aksitawuranterjadi"): a word that is no
        # trigger but splits into such words around a trigger is read as its pieces (triggers only)
        self._glue_words = frozenset(w.lower() for w in morph.get("glue_words", ()))

        trig = pack.get("triggers")
        # first lemma word -> [(phrase words, rule)], longest phrases first
        self._index: dict[str, list[tuple[tuple[str, ...], TriggerRule]]] = {}
        for group in trig.get("group", ()):
            rule = TriggerRule(
                event_type=group["type"],
                sub_event_type=group["sub"],
                generic=bool(group.get("generic", False)),
                territory=bool(group.get("territory", False)),
                collective=bool(group.get("collective", False)),
                strikes=bool(group.get("strikes", False)),
                unnamed=bool(group.get("unnamed", False)),
                repels=bool(group.get("repels", False)),
                bare=bool(group.get("bare", True)),
                forms=frozenset(group.get("forms", ())),
                needs=tuple(tuple(n.split()) for n in group.get("needs", ())),
                needs_sentence=group.get("needs_in") == "sentence",
                after=frozenset(group.get("after", ())),
                priority=int(group.get("priority", 0 if group.get("generic") else 1)),
                passive=group.get("voice") == "passive",
            )
            for lemma in group["lemmas"]:
                words = tuple(lemma.lower().split())
                self._index.setdefault(words[0], []).append((words, rule))
        for entries in self._index.values():
            entries.sort(key=lambda e: -len(e[0]))
        self._stops: dict[str, list[tuple[str, ...]]] = {}
        for phrase in trig.get("stop", ()):
            words = tuple(phrase.lower().split())
            self._stops.setdefault(words[0], []).append(words)
        cues = pack.get("cues")
        self._cue_res: dict[str, re.Pattern[str]] = {}
        self._cue_alts: dict[str, _Alternation] = {}
        self.cue_scope: dict[str, tuple[str, int]] = {}
        for kind in CUE_KINDS:
            table = cues.get(kind)
            if table and table.get("patterns"):
                self._cue_alts[kind] = _Alternation(table["patterns"])
                self._cue_res[kind] = self._cue_alts[kind].regex
                self.cue_scope[kind] = (table.get("scope", "clause"), int(table.get("window", 0)))
        clause = cues.get("clause", {})
        self._clause_alt = _Alternation(clause["patterns"]) if clause.get("patterns") else None
        self._clause_re = self._clause_alt.regex if self._clause_alt is not None else None
        death = cues.get("death", {})
        frame = cues.get("frame", {})
        others = {
            "death": death.get("patterns", ()),
            "kill": death.get("transitive", ()),
            "injury": cues.get("injury", {}).get("patterns", ()),
            "occurrence": frame.get("occurrence", ()),
        }
        alts = {f"cue:{k}": a for k, a in self._cue_alts.items()}
        self._cue_keys = tuple((k, f"cue:{k}") for k in self._cue_alts)  # (kind, prefilter name)
        self._cue_kind_of = {key: k for k, key in self._cue_keys}  # prefilter name -> cue kind
        if self._clause_alt is not None:
            alts["clause"] = self._clause_alt
        alts.update((name, _Alternation(pats)) for name, pats in others.items() if pats)
        # one pass over a sentence tells which of these patterns can match in it at all
        self._prefilter = _Prefilter(alts)
        self._counters: dict[str, _Prefilter] = {}  # kind -> the prefilter of ``count``
        # the cues of the last text's sentences: frame building, grounding and the lead read the
        # same sentence's cues in turn (see ``cues``)
        self._cue_memo: tuple[str | None, dict[tuple[int, int], tuple[CueMention, ...]]] = (None, {})
        self._death_re = alts["death"].regex if "death" in alts else None
        self._kill_re = alts["kill"].regex if "kill" in alts else None
        self._injury_re = alts["injury"].regex if "injury" in alts else None
        self._occurrence_re = alts["occurrence"].regex if "occurrence" in alts else None
        self.lead_sentences = int(frame.get("lead_sentences", 3))
        # a trigger noun needs a sign that the event happened (see FrameBuilder._ground)
        self.ground_nouns = bool(frame.get("ground_nouns", False))
        # an event told in a later sentence with no place of its own happened at the lead's place
        # (Extractor._lead_place): ACLED notes name the place once, in their first sentence
        self.lead_place = bool(frame.get("lead_place", False))
        # "were killed": a word read both ways is intransitive after an auxiliary; "killed a man": one dead
        self.passive_aux = frozenset(w.lower() for w in death.get("passive_aux", ()))
        self.singular = frozenset(w.lower() for w in death.get("singular", ()))
        # the word between a killing verb's object and "death" ("stabbed a man to death")
        self.death_object = frozenset(w.lower() for w in death.get("object_before", ()))
        # "a police officer was shot dead", "resulting in his death": a word right before the death
        # word that tells one dead when no count is given
        self.singular_before = frozenset(w.lower() for w in death.get("singular_before", ()))
        # "the bodies of 2 civilians": a death noun followed by one of these words counts the dead after it
        self.counted_after = frozenset(w.lower() for w in death.get("counted_after", ()))
        # "serangan Israel": a country right after a noun trigger is its owner (Indonesian, Malay);
        # in English it is not ("Suicide bombers strike Indonesian cathedral")
        self.possessor_follows = bool(frame.get("possessor_follows", True))
        # "residents of El Diamante village shot ...": what may stand between a subject and its verb
        origin = frame.get("subject_origin")
        self.subject_origin = re.compile(origin) if origin else None
        conj = frame.get("conjunctions", [r"\band\b"])
        self.conjunctions = "|".join(f"(?:{c})" for c in conj)
        # "tidak ditemukan bom atau bahan peledak": a trigger joined by these words shares the negation
        carry = cues.get("negation", {}).get("carry", ())
        self.negation_carry = re.compile("|".join(f"(?:{p})" for p in carry)) if carry else None
        # "12 orang, termasuk empat anak, tewas": the numbers after these words count part of the dead
        subset = death.get("subset", ())
        self.subset_re = re.compile("|".join(f"(?:{p})" for p in subset)) if subset else None
        # word -> its analysis; news vocabulary repeats (~90% hits), so each word is analysed
        # once per finder. Bounded: emptied when full, which costs time, never results.
        # (memo, the memo's words that can start a trigger, glued word -> its pieces' spans):
        # replaced whole when full, never emptied in place, so a thread sharing the finder
        # always reads a matching set
        self._words: _Words = ({}, set(), {})
        self._short_vocab: set[str] = set()
        self.vocabulary = self._vocabulary()
        self._cores = self._vocabulary_cores(self.vocabulary)

    def _vocabulary(self) -> frozenset[str]:
        """Every lemma the matcher asks analyses about: words of trigger and stop phrases,
        ``after`` and ``needs`` words."""
        vocab: set[str] = set()
        for entries in self._index.values():
            for words, rule in entries:
                vocab.update(words)
                vocab.update(rule.after)
                for need in rule.needs:
                    vocab.update(need)
        for stops in self._stops.values():
            for words in stops:
                vocab.update(words)
        return frozenset(vocab)

    def _vocabulary_cores(self, vocab: frozenset[str]) -> Any:
        """An automaton of the part of each vocabulary lemma that survives in any word analysed
        to it: a word holding none of them cannot yield one, so it is not analysed (see
        ``_inert``). None: analyse every word."""
        # letters an analysis may put in front of what it keeps of the word (restored prefix
        # letters, over two prefix layers) or at its end (English suffix replacements)
        heads = {r for _, r in self._prefixes} | {
            r2 + r[len(p2) :] for _, r in self._prefixes for p2, r2 in self._prefixes
        }
        tails = {r for _, r in self._en_suffixes if r}
        cores = ahocorasick.Automaton()
        for v in vocab:
            if len(v) < self._min_stem:
                self._short_vocab.add(v)  # shorter than any stem: only the word itself
                continue
            head = max((len(h) for h in heads if v.startswith(h)), default=0)
            tail = max((len(t) for t in tails if v.endswith(t)), default=0)
            core = v[head : len(v) - tail]
            if not core:
                return None  # could come from almost any word
            cores.add_word(core, core)
        if not len(cores):
            return None
        cores.make_automaton()
        return cores

    def _inert(self, norm: str) -> bool:
        """True when no analysis of the (lower-cased) word can hold a lemma the matcher asks about."""
        if self._cores is None or norm in self._short_vocab or (self._redup and "-" in norm):
            return False
        return next(self._cores.iter(norm), None) is None

    # -- tokens and lemmas -------------------------------------------------

    @property
    def _memo(self) -> dict[str, _MemoEntry]:
        return self._words[0]

    @property
    def _glued(self) -> dict[str, tuple[tuple[int, int], ...]]:
        return self._words[2]

    def tokens(self, text: str, start: int, end: int) -> list[Token]:
        return self._tokens(text, start, end, self._glued)

    @staticmethod
    def _tokens(text: str, start: int, end: int, glued: dict[str, tuple[tuple[int, int], ...]]) -> list[Token]:
        make = _make_token
        if not glued:
            return [make(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text, start, end)]
        out: list[Token] = []
        for m in _WORD.finditer(text, start, end):
            pieces = glued.get(m.group())
            if pieces is None:
                out.append(make(m.start(), m.end(), m.group().lower()))
                continue
            at = m.start()
            out.extend(make(at + a, at + b, m.group()[a:b].lower()) for a, b in pieces)
        return out

    def _unglue(self, norm: str) -> tuple[tuple[int, int], ...] | None:
        """The pieces of a glued word: known glue words around one piece that is a trigger
        ("aksi|tawuran|terjadi", "akibat|tawuran"); None when the word does not split so."""
        known = self._glue_words
        n = len(norm)
        if not known or norm in known or n < 2 * self._min_stem + 1:
            return None
        best: tuple[tuple[int, int], ...] | None = None
        best_len = 0
        heads = [0] + [i for i in range(2, n) if norm[:i] in known]
        tails = [n] + [j for j in range(1, n - 1) if norm[j:] in known]
        for i in heads:
            for j in tails:
                if j - i <= max(self._min_stem, best_len) or (i == 0 and j == n):
                    continue
                core = norm[i:j]
                if not any(c in self._index for c in self._analyse(core)):
                    continue
                best_len = j - i
                best = tuple(p for p in ((0, i), (i, j), (j, n)) if p[1] > p[0])
        return best

    def analyse(self, word: str) -> dict[str, str]:
        """Candidate lemmas of a word -> the word form each implies."""
        return self._analyse(word)

    def _entry(self, word: str) -> _MemoEntry:
        """A word's analysis, its (lemma, form) pairs that start a trigger (longest lemma first)
        and its lemmas that start a stop phrase: most words have neither and are passed over."""
        words = self._words
        found = words[0].get(word)
        if found is None:
            if len(words[0]) >= _MEMO_MAX:
                words = self._forget()
            found = self._remember(word, words)
        return found

    def _remember(self, word: str, words: _Words) -> _MemoEntry:
        """Analyse and memoise a word in ``words`` (the memo, its starters, its glued words). A word
        that cannot yield a lemma the matcher looks for keeps only itself (the matcher asks
        analyses only about those lemmas)."""
        memo, starters, glued = words
        norm = word.lower().replace("’", "'")
        if self._inert(norm):
            found = memo[word] = ({norm: "bare"}, (), (), False)
            return found
        analysis = self._analyse(word)
        starts = tuple(kv for kv in sorted(analysis.items(), key=lambda kv: -len(kv[0])) if kv[0] in self._index)
        stops = tuple(cand for cand in analysis if cand in self._stops)
        found = memo[word] = (analysis, starts, stops, bool(starts or stops))
        if starts:
            starters.add(word)
        elif self._glue_words and not stops:
            pieces = self._unglue(norm)
            if pieces is not None:
                glued[word] = pieces
                starters.add(word)
        return found

    def _forget(self) -> _Words:
        """Start a fresh memo (the old one is left to threads still reading it); returns it."""
        words: _Words = ({}, set(), {})
        self._words = words
        return words

    def _analyse(self, word: str) -> dict[str, str]:
        word = word.lower().replace("’", "'")
        out: dict[str, str] = {word: "bare"}
        if self._prefixes:
            self._analyse_id(word, out)
        elif self._en_suffixes:
            self._analyse_en(word, out)
        return out

    def _analyse_id(self, word: str, out: dict[str, str]) -> None:
        parts = [word]
        if self._redup and "-" in word:
            left, _, right = word.partition("-")
            parts = [left, right]
            if left == right or right.endswith(left):
                out.setdefault(left, "noun")
        for part in parts:
            for base in self._strip_suffixes(part):
                stem, had_suffix = base
                form0 = "noun" if had_suffix in self._noun_suffixes else ("verb" if had_suffix else "bare")
                if len(stem) >= self._min_stem:
                    out.setdefault(stem, form0)
                for prefix, restore in self._prefixes:
                    if stem.startswith(prefix) and len(stem) - len(prefix) + len(restore) >= self._min_stem:
                        cand = restore + stem[len(prefix):]
                        voice = self._voice.get(prefix, "noun")
                        if voice == "noun" and not had_suffix:
                            voice = "noun"
                        out.setdefault(cand, voice)
                        # a second prefix layer: "diper-", "ber-" + "ke-...-an"
                        for p2, r2 in self._prefixes:
                            if cand.startswith(p2) and len(cand) - len(p2) + len(r2) >= self._min_stem:
                                out.setdefault(r2 + cand[len(p2):], voice)

    def _strip_suffixes(self, word: str) -> list[tuple[str, str]]:
        bases = [(word, "")]
        for particle in self._particles:
            if word.endswith(particle) and len(word) - len(particle) >= self._min_stem:
                bases.append((word[: -len(particle)], ""))
        more = []
        for base, _ in bases:
            for suffix in self._suffixes_id:
                if base.endswith(suffix) and len(base) - len(suffix) >= self._min_stem:
                    more.append((base[: -len(suffix)], suffix))
        return bases + more

    def _analyse_en(self, word: str, out: dict[str, str]) -> None:
        for ending, repl in self._en_suffixes:
            if word.endswith(ending) and len(word) - len(ending) + len(repl) >= self._min_stem:
                stem = word[: -len(ending)] + repl
                form = "verb" if ending in self._verb_endings else "bare"
                out.setdefault(stem, form)
                if self._undouble and not repl and len(stem) > 3 and stem[-1] == stem[-2] and stem[-1] not in self._undouble_keep:
                    out.setdefault(stem[:-1], form)

    # -- triggers ------------------------------------------------------------

    def scan(self, text: str, start: int, end: int) -> tuple[list[Token], list[TriggerMention]]:
        """The tokens and triggers of ``text[start:end]``; ``([], [])`` when no word can start a
        trigger (most sentences), found without building tokens."""
        words = _WORD.findall(text, start, end)
        return self._scan(text, start, end, words, self._learn(set(words)))

    def scan_all(self, text: str, spans: Iterable[tuple[int, int]]) -> list[tuple[list[Token], list[TriggerMention]]]:
        """``scan`` of each span of ``text`` (an article's sentences), the memo asked once for all
        of their words: an article repeats its words, so each is looked up once."""
        spans = list(spans)
        if text.isascii():
            found = _WORD_ASCII.findall
            per = [found(text, start, end) for start, end in spans]
        else:  # (the pattern reads nothing outside the span: only the span need be ASCII)
            per = [
                (_WORD_ASCII if text[start:end].isascii() else _WORD).findall(text, start, end) for start, end in spans
            ]
        triple = self._learn(set().union(*per))
        scan = self._scan
        return [scan(text, start, end, words, triple) for (start, end), words in zip(spans, per)]

    def _learn(self, words: set[str]) -> _Words:
        """The memo (with its starters and glued words) once it holds every word of ``words``.
        When they would overflow it a fresh memo is started with them: the memo is a cache,
        so when it restarts changes time, never results."""
        triple = self._words  # one memo, its starters and glued words throughout (see __init__)
        memo = triple[0]
        unseen = words.difference(memo)
        if unseen:
            if len(memo) + len(unseen) > _MEMO_MAX:
                triple = self._forget()
                unseen = words
            for w in unseen:
                self._remember(w, triple)
        return triple

    def _scan(
        self, text: str, start: int, end: int, words: list[str], triple: _Words
    ) -> tuple[list[Token], list[TriggerMention]]:
        """``scan`` once ``triple``'s memo holds every one of ``words`` (the words of the span)."""
        memo, starters, glued = triple
        if starters.isdisjoint(words):
            return [], []
        if glued and not glued.keys().isdisjoint(words):
            toks = self._tokens(text, start, end, glued)  # a glued word: its pieces are the tokens
            texts = [t.text for t in toks]
            hits = self._hits(texts, [self._entry(w) for w in texts])
            return (toks, self._mentions(text, toks, hits)) if hits else ([], [])
        hits = self._hits(words, list(map(memo.__getitem__, words)))  # the memo holds every word now
        if not hits:
            return [], []
        # no glued word here: the tokens are the words found above, lower-cased, each where it
        # is first found after the one before (between two words there is no word character,
        # so a word cannot be found earlier than where the pattern found it)
        make = _make_token
        find = text.find
        toks = []
        at = start
        for w in words:
            at = find(w, at)
            toks.append(make(at, at + len(w), w.lower()))
            at += len(w)
        return toks, self._mentions(text, toks, hits)

    def triggers(self, text: str, start: int, end: int, tokens: list[Token] | None = None) -> list[TriggerMention]:
        """Trigger mentions in ``text[start:end]``, left to right, longest match first."""
        if tokens is None and self._glue_words:
            for w in _WORD.findall(text, start, end):
                self._entry(w)  # finds glued words before the tokens are cut
        toks = tokens if tokens is not None else self.tokens(text, start, end)
        texts = [t.text for t in toks]
        return self._mentions(text, toks, self._hits(texts, [self._entry(w) for w in texts]))

    @staticmethod
    def _mentions(
        text: str, toks: list[Token], hits: list[tuple[int, int, tuple[str, ...], TriggerRule, str]]
    ) -> list[TriggerMention]:
        return [
            _make_trigger(
                start=toks[i].start,
                end=toks[j].end,
                surface=text[toks[i].start : toks[j].end],
                lemma=" ".join(words),
                rule=rule,
                form=form,
                first_token=i,
                last_token=j,
            )
            for i, j, words, rule, form in hits
        ]

    def _hits(
        self, texts: list[str], entries: list[_MemoEntry]
    ) -> list[tuple[int, int, tuple[str, ...], TriggerRule, str]]:
        """Triggers as (first token, last token, lemma words, rule, form), from the tokens'
        texts (lower-cased or not) and their memoised analyses."""
        found: list[tuple[int, int, tuple[str, ...], TriggerRule, str]] = []
        # only a word that can start a trigger or a stop phrase stops the walk; the others
        # are passed one by one, so the walk may go straight to the next such word
        marked = list(itertools.compress(range(len(entries)), map(_MARKED, entries)))
        if not marked:
            return found
        analyses = list(map(_ANALYSIS, entries))
        i = 0
        for k in marked:
            if k < i:
                continue
            i = k
            _, starts, stops, _ = entries[i]
            if stops:
                stop_len = self._stop_at(analyses, i, stops)
                if stop_len:
                    i += stop_len
                    continue
            if not starts:
                i += 1
                continue
            hit = self._match_at(texts, analyses, i, starts)
            if hit is None:
                i += 1
                continue
            words, rule, form = hit
            j = i + len(words) - 1
            found.append((i, j, words, rule, form))
            i = j + 1
        return found

    def _stop_at(self, analyses: list[dict[str, str]], i: int, cands: tuple[str, ...]) -> int:
        for cand in cands:
            for words in self._stops.get(cand, ()):
                if self._words_match(analyses, i, words):
                    return len(words)
        return 0

    @staticmethod
    def _words_match(analyses: list[dict[str, str]], i: int, words: tuple[str, ...]) -> bool:
        if i + len(words) > len(analyses):
            return False
        return all(w in analyses[i + k] for k, w in enumerate(words))

    def _match_at(
        self, texts: list[str], analyses: list[dict[str, str]], i: int, starts: tuple[tuple[str, str], ...]
    ) -> tuple[tuple[str, ...], TriggerRule, str] | None:
        best: tuple[tuple[str, ...], TriggerRule, str] | None = None
        for cand, form in starts:
            for words, rule in self._index[cand]:
                if best is not None and len(words) <= len(best[0]):
                    continue
                if not self._words_match(analyses, i, words):
                    continue
                form_here = form
                if len(words) == 1:
                    if form == "bare" and not rule.bare:
                        continue
                    if rule.forms and form not in rule.forms:
                        continue
                if rule.after and not any(
                    w in analyses[k] for k in range(i + len(words), min(len(texts), i + len(words) + 3)) for w in rule.after
                ):
                    continue
                best = (words, rule, self._english_form(texts, i, form_here) if self._en_suffixes else form_here)
        return best

    def participle(self, word: str) -> bool:
        """A regular participle by the pack's endings ("wounded"); False in a pack without them."""
        return bool(self._participle_endings) and word.endswith(self._participle_endings)

    def _english_form(self, texts: list[str], i: int, form: str) -> str:
        """Voice from inflection: a participle after an auxiliary is passive; other participles and
        verb endings are verbal; any other bare form is a noun. ``texts``: the sentence's words,
        lower-cased here (lower-casing twice changes nothing)."""
        word = texts[i].lower()
        participle = self.participle(word)
        if form == "verb" or participle:
            if participle and {t.lower() for t in texts[max(0, i - 2) : i]} & self._passive_aux:
                return "passive"
            return "active" if participle else "verb"
        if (
            form == "bare" and self._strong_participle_endings and word.endswith(self._strong_participle_endings)
            and i > 0 and texts[i - 1].lower() in self._passive_aux
        ):
            return "passive"  # an irregular participle after be: "were beaten"
        gerund = bool(self._gerund_endings) and word.endswith(self._gerund_endings)
        return "noun" if form == "bare" and not gerund else form

    def has_lemma(self, tokens: list[Token], lo: int, hi: int, words: tuple[str, ...], skip: range = range(0)) -> bool:
        """True when the phrase ``words`` occurs in tokens[lo:hi] (outside ``skip``)."""
        return self.has_any_lemma(tokens, lo, hi, (words,), skip)

    def has_any_lemma(
        self, tokens: list[Token], lo: int, hi: int, phrases: Sequence[tuple[str, ...]], skip: range = range(0)
    ) -> bool:
        """True when one of ``phrases`` occurs in tokens[lo:hi] (outside ``skip``); the tokens are
        analysed once for all phrases."""
        if not phrases:
            return False
        analyses = [self._entry(t.text)[0] if k not in skip else {} for k, t in enumerate(tokens[lo:hi], lo)]
        n = len(analyses)
        # every candidate lemma of the tokens, gathered in C: a phrase whose first word is none of
        # them occurs nowhere, and a one-word phrase that is one of them occurs (most phrases)
        lemmas = set().union(*analyses)
        for words in phrases:
            first = words[0]
            if first not in lemmas:
                continue
            if len(words) == 1:
                return True
            rest = words[1:]
            for k in range(n - len(rest)):
                if first in analyses[k] and all(w in analyses[k + m] for m, w in enumerate(rest, 1)):
                    return True
        return False

    # -- cues ------------------------------------------------------------------

    def cues(self, text: str, start: int, end: int) -> list[CueMention]:
        """The cues of ``text[start:end]`` in order (a fresh list; the same span of the same text
        is read once: its cues are kept until another text is asked about)."""
        memo_text, memo = self._cue_memo  # read once: another thread may replace it meanwhile
        if memo_text is not text:
            memo = {}
            self._cue_memo = (text, memo)
        found = memo.get((start, end))
        if found is None:
            found = memo[(start, end)] = tuple(self._cues(text, start, end))
        return list(found)

    def _cues(self, text: str, start: int, end: int) -> list[CueMention]:
        low = text[start:end].lower()
        out = []
        make = _make_cue
        kinds = self._cue_kind_of
        # only the names with a pattern that can match here, in no set order: the cues are
        # sorted by place and kind below, a stable sort that keeps each kind's matches in order
        for key, rx in self._prefilter.searches(low)[1]:
            kind = kinds.get(key)
            if kind is None:
                continue  # clause marks, death words, ...: not cues
            for m in rx.finditer(low):
                a, b = m.span()
                out.append(make(start + a, start + b, text[start + a : start + b], kind))
        out.sort(key=_cue_order)
        return out

    def count(self, kind: str, text: str, limit: int | None = None) -> int:
        """How often cues of ``kind`` occur in ``text`` (0 when the pack has none), counted up to
        ``limit`` when given (the search stops there). A text holding none of the strings the
        kind's patterns need is not searched (one automaton pass tells, shared by the kinds
        asked about the same text)."""
        alt = self._cue_alts.get(kind)
        if alt is None:
            return 0
        low = text.lower()
        counter = self._counters.get(kind)
        if counter is None:  # an automaton of this kind's strings only: a whole text holds many of the others'
            counter = self._counters[kind] = _Prefilter({kind: alt})
        rx = alt.for_patterns(counter.touched(low).get(kind, 0) | alt.always)
        if rx is None:
            return 0
        if limit is None:
            return len(rx.findall(low))
        return sum(1 for _ in itertools.islice(rx.finditer(low), limit))

    def clauses(self, text: str, start: int, end: int) -> list[Span]:
        """Split a sentence into clauses at the pack's clause markers (the marker opens the next clause)."""
        if self._clause_re is None:
            return [Span(start, end)]
        cuts = [start]
        low = text[start:end].lower()
        rx = self._prefilter.regexes(low)["clause"]
        for m in rx.finditer(low) if rx is not None else ():
            pos = start + m.start()
            if pos > cuts[-1]:
                cuts.append(pos)
        cuts.append(end)
        make = _make_span
        return [make(a, b) for a, b in zip(cuts, cuts[1:]) if b > a]

    def deaths(self, text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
        """Death words as (start, end, transitive)."""
        low = text[start:end].lower()
        out: dict[int, tuple[int, int, bool]] = {}
        regexes = self._prefilter.regexes(low)
        for rx, trans in ((regexes.get("death"), False), (regexes.get("kill"), True)):
            if rx is None:
                continue
            for m in rx.finditer(low):
                key = start + m.start()
                if trans or key not in out:  # a word listed as both is read both ways
                    out[key] = (key, start + m.end(), trans)
        return sorted(out.values())

    def injuries(self, text: str, start: int, end: int) -> list[Span]:
        if self._injury_re is None:
            return []
        low = text[start:end].lower()
        rx = self._prefilter.regexes(low)["injury"]
        return [Span(start + m.start(), start + m.end()) for m in rx.finditer(low)] if rx is not None else []

    @staticmethod
    def compile_patterns(patterns: Any) -> re.Pattern[str] | None:
        """One regex for a list of pack patterns (None for an empty list)."""
        return _alt(patterns)

    def occurrence(self, text: str, start: int, end: int) -> bool:
        if self._occurrence_re is None:
            return False
        low = text[start:end].lower()
        rx = self._prefilter.regexes(low)["occurrence"]
        return rx is not None and rx.search(low) is not None


# built for every cue, trigger and clause of every trigger sentence (see pantau.slots)
_make_cue = maker(CueMention)
_make_trigger = maker(TriggerMention)
_make_span = maker(Span)


def _cue_order(c: CueMention) -> tuple[int, str]:
    return (c.start, c.kind)


def _literal_first(pattern: str) -> str:
    """``pattern`` as it is compiled: ``\\bc...`` (a boundary, then a plain letter or digit
    ``c``) becomes ``c(?<=\\bc)...``, which matches the same at the same places (both ask for
    ``c`` at the position and a boundary before it) but begins with a literal, which the
    regex engine tests before it tries an alternation's arm: most arms then fail at a position
    on one character instead of a boundary test each."""
    if len(pattern) > 2 and pattern.startswith("\\b") and pattern[2].isascii() and pattern[2].isalnum():
        if len(pattern) == 3 or pattern[3] not in "?*+{":
            c = pattern[2]
            return f"{c}(?<=\\b{c}){pattern[3:]}"
    return pattern


class _Alternation:
    """Patterns tried as one regex ``(?:p1)|(?:p2)|...``, with what each needs to match at all.

    A pattern needs one of a few literal strings (``\\btidak\\b`` needs "tidak", ``[;:]``
    needs ";" or ":"): where none of them occurs in a text, the pattern fails at every position,
    so the alternation of the other patterns finds exactly the same matches. Most sentences hold
    one or two of a kind's patterns, and a short alternation is much faster than the long one.
    Patterns whose needs cannot be told (or with groups, whose numbers would shift) are always
    kept."""

    def __init__(self, patterns: Iterable[str]) -> None:
        self.patterns = tuple(patterns)
        self._sources = tuple(_literal_first(p) for p in self.patterns)  # what is compiled
        self.regex = re.compile("|".join(f"(?:{p})" for p in self._sources))
        if self.regex.groups:
            self.needs: tuple[frozenset[str] | None, ...] = (None,) * len(self.patterns)
        else:
            self.needs = tuple(_needed_literals(p) for p in self.patterns)
        # bit i stands for pattern i
        self.always = sum(1 << i for i, need in enumerate(self.needs) if need is None)
        self._subsets: dict[int, re.Pattern[str] | None] = {}
        self._seen: dict[int, int] = {}  # subsets asked for, not compiled yet -> times (see for_patterns)

    def for_patterns(self, keep: int, now: bool = False) -> re.Pattern[str] | None:
        """A regex finding the matches of the patterns whose bits are set in ``keep`` (None for
        none), in a text where the other patterns cannot match. A subset of two or more patterns
        asked for fewer than ``_SUBSET_ASKS`` times gets the whole alternation (the same matches,
        see above): most such subsets never come back, and compiling one costs more than a few
        scans with the whole regex (cheap since its arms fail on their first character, see
        ``_literal_first``); a subset asked for that often (or ``now``) is compiled and kept."""
        try:
            return self._subsets[keep]
        except KeyError:
            pass
        if len(self._subsets) >= _SUBSETS_MAX:
            self._subsets.clear()
        chosen = [p for i, p in enumerate(self._sources) if keep >> i & 1]
        if not chosen:
            found = None
        elif len(chosen) == len(self.patterns):
            found = self.regex
        elif len(chosen) > 1 and not now and self._seen.get(keep, 0) < _SUBSET_ASKS - 1:
            if len(self._seen) >= _SUBSETS_MAX:
                self._seen.clear()
            self._seen[keep] = self._seen.get(keep, 0) + 1
            return self.regex
        else:
            found = re.compile("|".join(f"(?:{p})" for p in chosen))
        self._subsets[keep] = found
        return found


class _Prefilter:
    """Which patterns of several alternations can match a text: one automaton pass over the
    text finds the literals present, and each literal names the patterns that need it."""

    def __init__(self, alts: dict[str, _Alternation]) -> None:
        self.alts = alts
        owners: dict[str, list[tuple[str, int]]] = {}
        for name, alt in alts.items():
            for i, need in enumerate(alt.needs):
                for lit in need or ():
                    owners.setdefault(lit, []).append((name, 1 << i))
        self._auto: Any = None
        # the automaton's value for a literal is a small int naming its owners (``_owners``): a
        # set of ints is built faster than one of tuples, whose hashes are never kept
        self._owners: list[tuple[tuple[str, int], ...]] = []
        if owners:
            self._auto = ahocorasick.Automaton()
            for lit, who in owners.items():
                self._auto.add_word(lit, len(self._owners))
                self._owners.append(tuple(who))
            self._auto.make_automaton()
        # what a text holding none of the literals gets
        self._default = {name: alt.for_patterns(alt.always, now=True) for name, alt in alts.items()}
        # the names whose default is a regex (patterns that need nothing known), with it
        self._default_live = [(name, rx) for name, rx in self._default.items() if rx is not None]
        self._last: tuple[str, dict[str, re.Pattern[str] | None], list[tuple[str, re.Pattern[str]]]] = ("", {}, [])
        self._last_touched: tuple[str, dict[str, int]] = ("", {})

    def touched(self, low: str) -> dict[str, int]:
        """Name -> the bits of the patterns whose needed strings occur in ``low`` (patterns that
        need nothing known are not included). The last text's answer is kept."""
        last_text, last = self._last_touched
        if last_text == low and last_text:
            return last
        touched: dict[str, int] = {}
        if self._auto is not None:
            owners = self._owners
            for k in {k for _, k in self._auto.iter(low)}:
                for name, bit in owners[k]:
                    touched[name] = touched.get(name, 0) | bit
        self._last_touched = (low, touched)
        return touched

    def regexes(self, low: str) -> dict[str, re.Pattern[str] | None]:
        """Name -> the regex of the patterns that can match ``low`` (None: none can). The last
        text's answer is kept: ``cues`` and ``clauses`` read the same sentence in turn."""
        return self.searches(low)[0]

    def searches(self, low: str) -> tuple[dict[str, re.Pattern[str] | None], list[tuple[str, re.Pattern[str]]]]:
        """``regexes(low)``, and its (name, regex) pairs that are not None, in no set order: a
        sentence can match the patterns of a few names only, and whoever reads them all (the
        cues) goes through those few instead of asking after every name.

        The last text's answer serves any text inside it (a clause of the sentence read before):
        each name's patterns that can match the part are among those that can match the whole,
        and the others find nothing in the part, so the whole's regexes find the same matches."""
        last = self._last  # read once: another thread may replace it meanwhile
        if last[1] and low in last[0]:
            return last[1], last[2]
        found = dict(self._default)
        live = self._default_live
        if self._auto is not None:
            touched: dict[str, int] = {}
            owners = self._owners
            for k in {k for _, k in self._auto.iter(low)}:
                for name, bit in owners[k]:
                    touched[name] = touched.get(name, 0) | bit
            if touched:
                live = [(name, rx) for name, rx in live if name not in touched]
                for name, keep in touched.items():
                    alt = self.alts[name]
                    rx = found[name] = alt.for_patterns(keep | alt.always)
                    if rx is not None:
                        live.append((name, rx))
        self._last = (low, found, live)
        return found, live


def _alt(patterns: Any) -> re.Pattern[str] | None:
    pats = list(patterns)
    return re.compile("|".join(f"(?:{p})" for p in pats)) if pats else None
