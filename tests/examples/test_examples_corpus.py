"""The bundled demo corpus: every article readable, dated, within length, and written by us."""

from __future__ import annotations

import csv
import json
import re
from importlib import resources
from pathlib import Path

import pytest

EXAMPLES = Path(str(resources.files("pantau") / "examples"))
ARTICLE_SUFFIXES = {".txt", ".html", ".jsonl"}
SHINGLE = 12  # long enough that shared proper names (a 10-word group name) are not flagged


def articles() -> dict[str, str]:
    """name -> plain text of each demo article (tags stripped from HTML)."""
    texts: dict[str, str] = {}
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".jsonl":
            for line in path.read_text(encoding="utf-8").splitlines():
                record = json.loads(line)
                texts[record["doc_id"]] = record["text"]
        elif path.suffix == ".html":
            body = path.read_text(encoding="utf-8").split("<article>", 1)[1].split("</article>", 1)[0]
            texts[path.name] = re.sub(r"<[^>]+>", " ", body)
        elif path.suffix == ".txt":
            texts[path.name] = path.read_text(encoding="utf-8")
    return texts


def shingles(text: str) -> set[tuple[str, ...]]:
    words = re.findall(r"\w+", text.lower())
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


def test_examples_corpus_has_both_languages_and_all_formats():
    names = [path.name for path in EXAMPLES.iterdir() if path.suffix in ARTICLE_SUFFIXES]
    assert {Path(name).suffix for name in names} == ARTICLE_SUFFIXES
    texts = articles()
    assert 12 <= len(texts) <= 14
    for name, text in texts.items():
        assert 120 <= len(text.split()) <= 400, name
    for path in EXAMPLES.glob("*.jsonl"):
        for line in path.read_text(encoding="utf-8").splitlines():
            record = json.loads(line)
            assert set(record) == {"doc_id", "url", "title", "pub_date", "publisher", "language", "text"}
            assert re.fullmatch(r"\d{4}-\d{2}-\d{2}", record["pub_date"])


def test_examples_corpus_every_article_carries_a_date():
    dateline = re.compile(r"\(\d{1,2}/\d{1,2}/\d{4}\)|[A-Z][a-z]{2,8}\.? \d{1,2}, \d{4}")
    for path in EXAMPLES.iterdir():
        if path.suffix == ".txt":
            head = "\n".join(path.read_text(encoding="utf-8").splitlines()[:5])
            assert dateline.search(head), path.name
        elif path.suffix == ".html":
            assert 'property="article:published_time"' in path.read_text(encoding="utf-8"), path.name


@pytest.mark.shared
def test_examples_corpus_copies_no_text_from_shared(shared_dir):
    ours = {name: shingles(text) for name, text in articles().items()}
    theirs: list[str] = [json.loads(path.read_text(encoding="utf-8"))["text"] for path in (shared_dir / "samples").glob("*.json")]
    corpus = shared_dir / "corpus"
    with (corpus / "id_news_conflict_sample.jsonl").open(encoding="utf-8") as handle:
        theirs += [json.loads(line)["text"] for line in handle if line.strip()]
    with (corpus / "acled_2020_global_sample.csv").open(encoding="utf-8", newline="") as handle:
        theirs += [row["notes"] for row in csv.DictReader(handle)]
    for text in theirs:
        found = shingles(text)
        for name, mine in ours.items():
            assert not (mine & found), f"{name} shares an {SHINGLE}-word run with a shared text: {sorted(mine & found)[:1]}"
