"""Language identification on the cleaned body with py3langid (the measured choice).

The classifier ranks all of py3langid's languages, so an article in a language
we have no pack for is named (and then skipped with that reason) rather than
forced into the nearest pack. A detected language that a pack lists as
``confusable`` (Malay for Indonesian) maps to that pack unless it has a pack
of its own.
"""

from __future__ import annotations

import re
from dataclasses import replace

from pantau.packs import PackSet
from pantau.records import Doc

__all__ = ["LanguageIdentifier"]

# Enough text to decide; more only costs time.
_MAX_CHARS = 5000


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
        from py3langid.langid import LanguageIdentifier as _Model

        self._model = _Model.from_model_file(MODEL_FILE, norm_probs=True)
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

    def detect(self, text: str) -> tuple[str | None, float]:
        """The language code of a text mapped onto the packs, and the classifier's confidence."""
        sample = text[:_MAX_CHARS]
        if not any(ch.isalpha() for ch in sample):
            return None, 0.0
        ranked = self._model.rank(sample)
        lang, prob = ranked[0]
        best = self._route(lang)
        if best in self._rivals and prob < self.rival_sure:
            best = self.by_cue_words(sample, (best, *self._rivals[best]))
        if best not in self._packs and prob < self.unsure_below:
            for other, other_prob in ranked[1:]:
                if other_prob < self.runner_up_above:
                    break
                if self._route(other) in self._packs:
                    return self._route(other), float(other_prob)
        return best, float(prob)

    def by_cue_words(self, text: str, langs: tuple[str, ...]) -> str:
        """The language among ``langs`` whose cue words occur clearly more often; the first on a tie."""
        low = text.casefold()
        counts = {lang: len(rx.findall(low)) for lang in langs if (rx := self._cue_res.get(lang)) is not None}
        if not counts:
            return langs[0]
        ranked = sorted(counts.items(), key=lambda kv: -kv[1])
        top, n = ranked[0]
        runner = ranked[1][1] if len(ranked) > 1 else 0
        if top != langs[0] and n >= self.cue_margin + runner:
            return top
        return langs[0]

    def _route(self, lang: str) -> str:
        if lang in self._packs:
            return lang
        return self._confusable.get(lang, lang)

    def __call__(self, doc: Doc, forced: str | None = None) -> Doc:
        given = _code(forced) or _code(doc.article.language)
        if given is not None:
            return replace(doc, language=self._route(given))
        body = "\n".join(doc.text[s.start : s.end] for s in doc.body) or doc.text
        lang, _ = self.detect(body)
        return replace(doc, language=lang)
