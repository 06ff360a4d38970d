"""The stage chain for one article: clean → language → sentences → extract.

``Pipeline`` holds compiled knowledge (packs, actor dictionary, gazetteer); it is
built from ``Settings`` alone so that each worker of a pool or Dask cluster can
build its own copy (nothing global, nothing unpicklable crosses processes).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pantau.records import Article, Doc, Event

__all__ = ["ArticleResult", "Pipeline", "Settings"]


@dataclass(frozen=True)
class Settings:
    """Everything a run needs to rebuild its pipeline anywhere."""

    pack_dirs: tuple[Path, ...] = ()
    actor_files: tuple[Path, ...] = ()
    place_files: tuple[Path, ...] = ()
    default_pub_date: date | None = None
    force_language: str | None = None


@dataclass(frozen=True, slots=True)
class ArticleResult:
    """What the pipeline made of one article.

    ``skipped`` is a reason when the article was deliberately not coded (for
    example a language without a pack); ``notes`` are warnings worth counting
    (for example "no publication date: relative dates unresolved").
    """

    article: Article
    doc: Doc | None
    events: tuple[Event, ...] = ()
    skipped: str | None = None
    notes: tuple[str, ...] = field(default=())


class Pipeline:
    """Runs every stage on one article; cheap to call, costly to build (build once)."""

    def __init__(self, settings: Settings | None = None) -> None:
        from pantau.knowledge.actors import ActorDictionary
        from pantau.knowledge.gazetteer import Gazetteer
        from pantau.packs import PackSet
        from pantau.stages.clean import Cleaner
        from pantau.stages.extract import Extractor
        from pantau.stages.langid import LanguageIdentifier
        from pantau.stages.sentences import SentenceSplitter

        self.settings = settings or Settings()
        self.packs = PackSet(self.settings.pack_dirs)
        self.cleaner = Cleaner(self.packs)
        self.langid = LanguageIdentifier(self.packs)
        self.splitter = SentenceSplitter(self.packs)
        self.actors = ActorDictionary.load(self.packs, self.settings.actor_files)
        self.gazetteer = Gazetteer.load(self.settings.place_files)
        self._extractors: dict[str, Extractor] = {}
        self._extractor_cls = Extractor

    def extractor(self, lang: str):
        """One extractor per language, built on first use."""
        if lang not in self._extractors:
            self._extractors[lang] = self._extractor_cls(self.packs[lang], self.actors, self.gazetteer)
        return self._extractors[lang]

    def __call__(self, article: Article) -> ArticleResult:
        doc = self.cleaner(article, default_pub_date=self.settings.default_pub_date)
        doc = self.langid(doc, forced=self.settings.force_language)
        if doc.language is None or doc.language not in self.packs:
            found = doc.language or "unknown"
            return ArticleResult(article, doc, skipped=f"language {found!r} has no pack")
        doc = self.splitter(doc)
        events = self.extractor(doc.language)(doc)
        notes: tuple[str, ...] = ()
        if doc.pub_date is None:
            notes = ("no publication date: relative dates left unresolved",)
        return ArticleResult(article, doc, tuple(events), notes=notes)
