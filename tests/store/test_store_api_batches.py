"""api.extract stores batch by batch: a bad article is reported and lost alone, never half-stored."""

from __future__ import annotations

import json

from pipeline_double import FakePipeline, event_line

from pantau import api
from pantau.store.duckdb import Store


def test_store_bad_article_in_batch_is_lost_alone(tmp_path):
    # days a week apart: five different incidents, so cross-article merging keeps them apart
    rows = [{"doc_id": f"d{i}", "text": "Judul\n" + event_line(inter1=9 if i == 2 else 1, day=f"2020-08-{1 + 7 * i:02d}")}
            for i in range(5)]
    src = tmp_path / "in.jsonl"
    src.write_text("\n".join(json.dumps(r) for r in rows), encoding="utf-8")
    db = tmp_path / "s.duckdb"
    summary = api.extract([str(src)], db=db, batch_size=3, factory=FakePipeline)
    [error] = summary.article_errors
    assert "in.jsonl:3" in error and "not stored" in error and "[E030]" in error
    with Store(db, read_only=True) as store:
        assert sorted(a.doc_id for a in store.articles()) == ["d0", "d1", "d3", "d4"]
        assert store.counts()["events"] == 4
