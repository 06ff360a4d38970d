"""annotations/id_multireport_groups.jsonl: incidents reported by several articles (ids only)."""

from __future__ import annotations

import json
from datetime import date
from pathlib import Path

import pytest

GROUPS = Path(__file__).resolve().parents[2] / "annotations" / "id_multireport_groups.jsonl"


def _groups() -> list[dict]:
    return [json.loads(line) for line in GROUPS.read_text(encoding="utf-8").splitlines() if line.strip()]


def test_id_multireport_groups_schema():
    groups = _groups()
    assert len(groups) >= 24
    seen: set[str] = set()
    for n, group in enumerate(groups, 1):
        assert set(group) == {"group", "doc_ids", "incident", "codable", "why"} and group["group"] == n
        assert isinstance(group["codable"], bool) and 10 <= len(group["why"]) <= 200
        assert len(group["doc_ids"]) >= 2 and len(set(group["doc_ids"])) == len(group["doc_ids"])
        assert not seen & set(group["doc_ids"]), "an article belongs to one group"
        seen |= set(group["doc_ids"])
        assert 10 <= len(group["incident"]) <= 200


@pytest.mark.shared
def test_id_multireport_groups_name_corpus_articles_of_the_same_days(shared_dir):
    corpus = {}
    with (shared_dir / "corpus" / "id_news_conflict_sample.jsonl").open(encoding="utf-8") as fh:
        for line in fh:
            row = json.loads(line)
            corpus[row["doc_id"]] = date.fromisoformat(row["pub_date"])
    for group in _groups():
        days = [corpus[d] for d in group["doc_ids"]]
        assert (max(days) - min(days)).days <= 3, group["group"]


@pytest.mark.shared
def test_id_multireport_groups_name_only_dev_list_articles(shared_dir):
    """Annotations of the corpus use the dev list only (its other articles are kept for testing)."""
    dev = set((shared_dir / "corpus" / "dev_ids.txt").read_text(encoding="utf-8").split())
    outside = [(g["group"], d) for g in _groups() for d in g["doc_ids"] if d not in dev]
    assert not outside, outside
