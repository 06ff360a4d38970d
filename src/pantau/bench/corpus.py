"""A fixed, reproducible benchmark corpus built from real articles.

The seed articles are the bundled examples and, when present, the gold samples and the
Indonesian news sample in ``../shared`` (read at run time, never copied into the repo).
Copies are varied with a seeded generator (paragraphs and sentences shuffled, numbers,
names and publication dates changed) so a big corpus is not the same few texts over and
over, yet the same seed always gives the same corpus (``fingerprint`` proves it).
"""

from __future__ import annotations

import hashlib
import random
import re
from dataclasses import dataclass, replace
from datetime import timedelta
from importlib import resources
from pathlib import Path
from typing import Iterator, Sequence

from pantau.errors import InputError
from pantau.records import Article

__all__ = ["CorpusSources", "find_shared", "generate", "fingerprint", "load_seeds", "vary"]

_NUMBER = re.compile(r"(?<![\w.,/])\d+(?![\w.,/]\d)")
_NAME = re.compile(r"\b[A-Z][a-z]{3,}\b")
_SENTENCE_END = re.compile(r"(?<=[.!?])\s+(?=[A-Z\"“])")
CORPUS_FILE = "corpus/id_news_conflict_sample.jsonl"


@dataclass(frozen=True)
class CorpusSources:
    """Where the seed articles came from, with counts (printed with the figures)."""

    examples: int
    samples: int
    corpus: int
    shared: Path | None

    def describe(self) -> str:
        where = f" from {self.shared}" if self.shared else " (../shared not found)"
        return f"{self.examples} bundled examples, {self.samples} gold samples, {self.corpus} news articles{where}"


def find_shared(explicit: Path | None = None) -> Path | None:
    """``explicit``, else ``../shared`` from the working directory or from the source checkout."""
    candidates = [explicit] if explicit else [Path.cwd().parent / "shared", Path(__file__).resolve().parents[3].parent / "shared"]
    for path in candidates:
        if path is not None and (path / "samples").is_dir():
            return path
    return None


def load_seeds(shared: Path | None) -> tuple[list[Article], CorpusSources]:
    """The real articles the corpus is built from, in a fixed order."""
    from pantau.stages.read import read_inputs

    examples_dir = Path(str(resources.files("pantau") / "examples"))
    inputs = sorted(str(p) for p in examples_dir.iterdir() if p.suffix in (".txt", ".html", ".jsonl"))
    examples = [a for a in read_inputs(inputs) if not isinstance(a, InputError)]
    samples: list[Article] = []
    corpus: list[Article] = []
    if shared is not None:
        from pantau.eval import load_gold

        samples = [d.article for d in load_gold(sorted((shared / "samples").glob("*.json")))]
        if (shared / CORPUS_FILE).is_file():
            corpus = [a for a in read_inputs([str(shared / CORPUS_FILE)]) if not isinstance(a, InputError)]
    seeds = [a for a in (*examples, *samples, *corpus) if a.text.strip()]
    return seeds, CorpusSources(len(examples), len(samples), len(corpus), shared)


def _swap_numbers(text: str, rng: random.Random) -> str:
    def new(m: re.Match[str]) -> str:
        digits = m.group()
        if rng.random() < 0.5:
            return digits
        if len(digits) <= 2:
            return str(rng.randint(1, 28))  # still a plausible day, month or count
        if len(digits) == 4 and digits[:2] in ("19", "20"):
            return str(rng.randint(2015, 2025))
        return str(rng.randint(10 ** (len(digits) - 1), 10 ** len(digits) - 1))

    return _NUMBER.sub(new, text)


def vary(article: Article, copy: int, seed: int, names: Sequence[str]) -> Article:
    """Copy ``copy`` of an article: the lead paragraph stays first, the others are shuffled
    (and some of their sentences), a few names, most numbers and the date change."""
    rng = random.Random(f"{seed}:{copy}:{article.doc_id}")
    paragraphs = article.text.split("\n")
    lead, rest = paragraphs[:1], paragraphs[1:]
    rng.shuffle(rest)
    for i, paragraph in enumerate(rest):
        if rng.random() < 0.3:
            sentences = _SENTENCE_END.split(paragraph)
            rng.shuffle(sentences)
            rest[i] = " ".join(sentences)
    text = "\n".join(lead + rest)
    present = sorted(set(_NAME.findall(text)))
    if present and names:
        for old in rng.sample(present, min(3, len(present))):
            text = re.sub(rf"\b{re.escape(old)}\b", rng.choice(names), text)
    text = _swap_numbers(text, rng)
    pub_date = article.pub_date + timedelta(days=rng.randint(-400, 400)) if article.pub_date else None
    return replace(article, doc_id=f"bench-{copy:07d}-{article.doc_id}", text=text, pub_date=pub_date,
                   origin=f"bench:{copy}")


def generate(seeds: Sequence[Article], n: int, seed: int = 20240601) -> Iterator[Article]:
    """``n`` articles: seed articles round-robin in a seeded order, each copy varied (the
    first round too); lazy, so 100k articles never sit in memory at once."""
    names = sorted({w for a in seeds for w in _NAME.findall(a.text)})
    order = list(range(len(seeds)))
    random.Random(seed).shuffle(order)  # every prefix gets the same mix of short and long, id and en
    for i in range(n):
        yield vary(seeds[order[i % len(order)]], i, seed, names)


def fingerprint(articles: Sequence[Article]) -> str:
    """A short hash of the texts, to show two runs used the same corpus."""
    digest = hashlib.sha256()
    for a in articles:
        digest.update(a.doc_id.encode())
        digest.update(a.text.encode())
    return digest.hexdigest()[:12]
