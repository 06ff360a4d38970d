"""Language identification on the cleaned body with py3langid (the measured choice).

The classifier ranks all of py3langid's languages, so an article in a language
we have no pack for is named (and then skipped with that reason) rather than
forced into the nearest pack. A detected language that a pack lists as
``confusable`` (Malay for Indonesian) maps to that pack unless it has a pack
of its own.
"""

from __future__ import annotations

import re
import threading
from operator import itemgetter
from typing import Any

import ahocorasick

from pantau.packs import PackSet
from pantau.records import Doc
from pantau.slots import replacer

__all__ = ["LanguageIdentifier"]

# dataclasses.replace(doc, ...), faster (see pantau.slots): the same record
_replace_doc = replacer(Doc)

# Enough text to decide; more only costs time.
_MAX_CHARS = 5000
# py3langid's byte automaton forgets where it started after this many bytes (its n-grams are
# at most 6 bytes long): the state after byte i is the walk from the start over bytes i-5..i.
# Proved for the installed model by tests/stages/test_langid.py::test_langid_automaton_memory.
_DFA_MEMORY = 6
# A feature not seen yet in the text (the scratch table of first positions, see ``features``).
_UNSEEN = 2**62
# Checked at start-up: the vectorised counts must equal py3langid's own on these texts.
_SELF_CHECK = (
    "Polisi menangkap 3 orang di Jakarta, Senin (12/8). POLISI: \"Kami menyita 2.050 butir peluru.\"",
    "Troops killed 14 people near the border on Tuesday - officials said; “it’s over”.",
    "Ελληνικά, русский текст, العربية, 中文新闻, हिन्दी, ภาษาไทย 😀 Ünïcödé ß",
    "a",
)


def _fast_model(model_file: str) -> object:
    """py3langid's classifier, vectorised: the same feature counts in the same order and the
    same arithmetic, so the same scores, in a third of the time (its per-byte Python loop and
    a float16 cast were a third of a whole article). Falls back to the library's own model
    if its layout is not the one this was written for."""
    import numpy as np
    from py3langid import langid as lib

    class _Fast(lib.LanguageIdentifier):
        __slots__ = ("_next", "_rows", "_feature", "_ptc32", "_n_features", "_scratch", "_labels", "_label_cols",
                     "_first", "_second")

        def features(self, data: bytes) -> tuple[Any, Any]:
            """(feature ids, counts) over the UTF-8 bytes, in order of first occurrence like
            ``visit_counts``, whose Counter fixes the summation order of the scores."""
            b = np.frombuffer(data, dtype=np.uint8)
            n = len(b)
            state = np.zeros(n, dtype=np.int64)
            lag = min(_DFA_MEMORY, n) - 1
            if lag == _DFA_MEMORY - 1:
                # the first two steps from the start state read off small tables (one lookup
                # instead of two passes over the big one): the state after bytes i-5, i-4 from
                # the start, and at position 4 after byte 0 alone; before that the start state
                b = b.astype(np.int64)  # once, not in every pass below
                state[lag - 1] = self._first[b[0]]
                state[lag:] = self._second[(b[: n - lag] << 8) | b[1 : n - lag + 1]]
                lag -= 2
            rows, step = self._rows, self._next
            for lag in range(lag, -1, -1):
                # position i reads byte i - lag; before the text's start it stays at the start state
                state[lag:] = step[rows[state[lag:]] + b[: n - lag]]
            found = self._feature[state]
            found = found[found >= 0]
            # no sort: first occurrences by a running minimum of positions (the features in text
            # order where each is first seen), counts by adding ones. Both into scratch tables of
            # one entry per feature, kept per thread and reset where touched: two fresh 800 KB
            # tables per text (bincount, full) cost more than the counting itself
            scratch = self._scratch.__dict__.get("tables")
            if scratch is None:
                scratch = self._scratch.tables = (np.full(self._n_features, _UNSEEN, dtype=np.int64),
                                                  np.zeros(self._n_features, dtype=np.int64))
            first, tally = scratch
            where = np.arange(len(found))
            try:
                np.minimum.at(first, found, where)
                np.add.at(tally, found, 1)
                uniq = found[first[found] == where]
                counts = tally[uniq].astype(np.float32)
            finally:  # clean for the next text, whatever happened
                first[found] = _UNSEEN
                tally[found] = 0
            return uniq.astype(np.intp, copy=False), counts

        def _raw_score(self, text):  # type: ignore[no-untyped-def]
            idx, counts = self.features(text)
            if not len(idx):
                return super()._raw_score(text)  # no feature: the library's own fill value
            # _sparse_score's arithmetic on the float32 copy of the table (the cast is exact);
            # np.take gathers the same rows as indexing, faster
            return np.log1p(counts) @ np.take(self._ptc32, idx, axis=0) + self.nb_pc

        def scored_labels(self, text):  # type: ignore[no-untyped-def]
            """(language, score) per label in the model's order: ``rank`` before its sort."""
            merged: dict[str, float] = {}
            for lang, score in zip(self.nb_classes, self._decide(text).tolist()):
                merged.setdefault(lang, score)  # first column holds the merged score (as rank)
            return list(merged.items())

        def best_label(self, text):  # type: ignore[no-untyped-def]
            """``max(scored_labels(text), key=score)`` (the first of equal scores, as ``argmax``)
            read off the label columns, without a Python pair per label; and a function giving
            ``scored_labels`` of the same scores when the runner-ups are read."""
            scores = self._decide(text)[self._label_cols]
            i = int(np.argmax(scores))
            return self._labels[i], scores[i].item(), lambda: list(zip(self._labels, scores.tolist()))

    try:
        model = _Fast.from_model_file(model_file, norm_probs=True)
        model._next = np.frombuffer(model.tk_nextmove, dtype=np.dtype(model.tk_nextmove.typecode))  # a view
        model._rows = np.asarray(model.tk_row, dtype=np.int64) << 8
        model._feature = np.asarray(model.tk_output, dtype=np.int64)
        model._ptc32 = np.asarray(model.nb_ptc, dtype=np.float32)
        model._n_features = max(len(model._ptc32), int(model._feature.max()) + 1)
        # the state after one byte, and after two bytes, from the start state (see features)
        model._first = model._next[model._rows[0] + np.arange(256)].astype(np.int64)
        model._second = model._next[(model._rows[model._first][:, None] + np.arange(256)[None, :]).ravel()].astype(np.int64)
        model._scratch = threading.local()  # see features
        first: dict[str, int] = {}
        for col, lang in enumerate(model.nb_classes):
            first.setdefault(lang, col)  # the column scored_labels keeps per label (the merged one)
        model._labels = list(first)
        model._label_cols = np.asarray(list(first.values()), dtype=np.intp)
        for text in _SELF_CHECK:
            data = model._encode(text)
            slow = lib.visit_counts(model.tk_nextmove, model._rowbase, model.tk_output, data) or {}
            idx, counts = model.features(data)
            same_scores = np.array_equal(model._raw_score(data), lib.LanguageIdentifier._raw_score(model, data))
            if list(zip(idx.tolist(), counts.tolist())) != list(slow.items()) or not same_scores:
                raise ValueError("vectorised scores differ")
        return model
    except Exception:  # another py3langid layout: its own (slower) classifier, same answers
        return lib.LanguageIdentifier.from_model_file(model_file, norm_probs=True)


def _is_word(ch: str) -> bool:
    """``\\w`` of Python's regular expressions on str: a letter, digit or number, or "_"."""
    return ch.isalnum() or ch == "_"


def _code(value: str | None) -> str | None:
    """'id-ID' / 'EN_us' -> 'id' / 'en'."""
    if not value or not value.strip():
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0] or None


class LanguageIdentifier:
    """Sets ``Doc.language``: forced, else the record's, else detected from the body."""

    def __init__(
        self,
        packs: PackSet,
        unsure_below: float = 0.5,
        runner_up_above: float = 0.1,
        rival_sure: float = 0.999,
        cue_margin: int = 2,
    ) -> None:
        from py3langid.langid import MODEL_FILE

        self._model = _fast_model(MODEL_FILE)
        # When the winner has no pack and the classifier is unsure (short notes full of
        # names: 'pcm' 0.28 vs 'en' 0.21), a pack language close behind wins instead.
        self.unsure_below = unsure_below
        self.runner_up_above = runner_up_above
        # Below this probability the classifier is "unsure" between rival packs; the cue
        # words of another rival must then outnumber the winner's by ``cue_margin``.
        self.rival_sure = rival_sure
        self.cue_margin = cue_margin
        self._packs = set(packs.languages)
        self._confusable: dict[str, str] = {}
        # Languages with packs of their own that the classifier mixes up (Indonesian and Malay):
        # lexical cue words (pack.toml ``cue_words``) decide between them when it is unsure.
        self._rivals: dict[str, tuple[str, ...]] = {}
        self._cue_res: dict[str, re.Pattern[str]] = {}
        self._cue_autos: dict[str, Any] = {}
        self._joint_autos: dict[tuple[str, ...], Any] = {}  # see _count_joint
        for pack in packs:
            for other in pack.meta.get("confusable", []):
                if other not in self._packs:
                    self._confusable.setdefault(other, pack.lang)
                else:
                    self._rivals[pack.lang] = (*self._rivals.get(pack.lang, ()), other)
            words = pack.meta.get("cue_words", [])
            if words:
                alternatives = "|".join(re.escape(w.casefold()) for w in sorted(words, key=len, reverse=True))
                self._cue_res[pack.lang] = re.compile(rf"\b(?:{alternatives})\b")
                folded = {w.casefold() for w in words}
                if all(w and _is_word(w[0]) and _is_word(w[-1]) for w in folded):
                    auto = ahocorasick.Automaton()
                    for w in folded:
                        auto.add_word(w, len(w))
                    auto.make_automaton()
                    self._cue_autos[pack.lang] = auto

    def detect(self, text: str) -> tuple[str | None, float]:
        """The language code of a text mapped onto the packs, and the classifier's confidence."""
        sample = text[:_MAX_CHARS]
        if not any(ch.isalpha() for ch in sample):
            return None, 0.0
        best_label = getattr(self._model, "best_label", None)
        # the best label without sorting them all (max keeps the first of equal scores, as the
        # stable sort of rank does; the scores are probabilities, never NaN); the full ranking
        # only when the runner-ups are read
        if best_label is not None:
            lang, prob, labels = best_label(sample)
        else:
            labels = None
            ranked = self._model.rank(sample)
            lang, prob = ranked[0]
        best = self._route(lang)
        if best in self._rivals and prob < self.rival_sure:
            best = self.by_cue_words(sample, (best, *self._rivals[best]))
        if best not in self._packs and prob < self.unsure_below:
            if labels is not None:
                ranked = sorted(labels(), key=itemgetter(1), reverse=True)
            for other, other_prob in ranked[1:]:
                if other_prob < self.runner_up_above:
                    break
                if self._route(other) in self._packs:
                    return self._route(other), float(other_prob)
        return best, float(prob)

    def by_cue_words(self, text: str, langs: tuple[str, ...]) -> str:
        """The language among ``langs`` whose cue words occur clearly more often; the first on a tie."""
        low = text.casefold()
        asked = tuple(lang for lang in langs if lang in self._cue_res)
        if asked and all(lang in self._cue_autos for lang in asked):
            counts = self._count_joint(asked, low)  # one pass for all (the same counts)
        else:
            counts = {lang: self.count_cues(lang, low) for lang in asked}
        if not counts:
            return langs[0]
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, n = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0
        if top != langs[0] and n >= self.cue_margin + runner:
            return top
        return langs[0]

    def count_cues(self, lang: str, low: str) -> int:
        """How many times ``lang``'s cue words occur in the case-folded ``low``: the matches
        ``findall`` of the word-bounded alternation gives (leftmost first, the longest cue at a
        position, no overlap), found with one automaton pass instead of trying every cue at
        every position."""
        auto = self._cue_autos.get(lang)
        if auto is None:
            return len(self._cue_res[lang].findall(low))
        longest: dict[int, int] = {}
        size = len(low)
        for last, length in auto.iter(low):
            start = last - length + 1
            if (start and _is_word(low[start - 1])) or (last + 1 < size and _is_word(low[last + 1])):
                continue  # inside a longer word
            if length > longest.get(start, 0):
                longest[start] = length
        count = free = 0
        for start in sorted(longest):
            if start >= free:
                count += 1
                free = start + longest[start]
        return count

    def _count_joint(self, langs: tuple[str, ...], low: str) -> dict[str, int]:
        """``count_cues`` of each of ``langs`` (all with an automaton), in one pass of an automaton
        of all their cue words instead of one pass per language (a word of several languages
        counts for each)."""
        joint = self._joint_autos.get(langs)
        if joint is None:
            owners: dict[str, list[str]] = {}
            for lang in langs:
                for w, _ in self._cue_autos[lang].items():
                    owners.setdefault(w, []).append(lang)
            joint = ahocorasick.Automaton()
            for w, who in owners.items():
                joint.add_word(w, (len(w), tuple(who)))
            joint.make_automaton()
            self._joint_autos[langs] = joint
        longest: dict[str, dict[int, int]] = {lang: {} for lang in langs}
        size = len(low)
        for last, (length, who) in joint.iter(low):
            start = last - length + 1
            if (start and _is_word(low[start - 1])) or (last + 1 < size and _is_word(low[last + 1])):
                continue  # inside a longer word
            for lang in who:
                seen = longest[lang]
                if length > seen.get(start, 0):
                    seen[start] = length
        counts: dict[str, int] = {}
        for lang in langs:
            seen = longest[lang]
            count = free = 0
            for start in sorted(seen):
                if start >= free:
                    count += 1
                    free = start + seen[start]
            counts[lang] = count
        return counts

    def _route(self, lang: str) -> str:
        if lang in self._packs:
            return lang
        return self._confusable.get(lang, lang)

    def __call__(self, doc: Doc, forced: str | None = None) -> Doc:
        given = _code(forced) or _code(doc.article.language)
        if given is not None:
            return _replace_doc(doc, language=self._route(given))
        body = "\n".join(doc.text[s.start : s.end] for s in doc.body) or doc.text
        lang, _ = self.detect(body)
        return _replace_doc(doc, language=lang)
