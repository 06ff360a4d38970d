"""Pairwise merge precision and recall of cross-article merging.

    python tools/eval_merge.py                 # synthetic sets + the annotated corpus groups
    python tools/eval_merge.py --no-corpus     # synthetic sets only

Articles are extracted into a fresh store; two articles count as merged when one
stored event has both as sources. Gold: articles of one annotated group (one
incident) should be merged, and two annotated articles of different groups should
not. The annotation is not exhaustive (other corpus articles may well report the
same incidents), so merges between an annotated and an unannotated article are
counted apart ("unverified"), not as errors; the synthetic set is fully annotated,
near misses included. "reachable" recall counts only gold pairs
whose two articles both yielded an event at all, to tell extraction misses from
merging misses.
"""

from __future__ import annotations

import argparse
import json
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SYNTHETIC = REPO / "tests" / "data" / "merge" / "synthetic_reports.jsonl"
GROUPS = REPO / "annotations" / "id_multireport_groups.jsonl"
CORPUS = REPO.parent / "shared" / "corpus" / "id_news_conflict_sample.jsonl"


@dataclass(frozen=True)
class Scores:
    tp: int
    fp: int
    fn: int
    reachable_fn: int
    unverified: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def reachable_recall(self) -> float:
        return self.tp / (self.tp + self.reachable_fn) if self.tp + self.reachable_fn else 1.0


def pairwise(db: str | Path, gold: dict[str, str]) -> Scores:
    """Scores of the store's events against gold incident labels (doc_id -> incident)."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT event_id, doc_id FROM event_sources ORDER BY 1, 2").fetchall()
        with_events = {d for (d,) in con.execute("SELECT DISTINCT doc_id FROM reports").fetchall()}
    finally:
        con.close()
    docs_of: dict[str, set[str]] = {}
    for event_id, doc_id in rows:
        docs_of.setdefault(event_id, set()).add(doc_id)
    every = {tuple(sorted(p)) for docs in docs_of.values() for p in combinations(sorted(docs), 2)}
    merged = {p for p in every if p[0] in gold and p[1] in gold}
    unverified = sum(1 for a, b in every if (a in gold) != (b in gold))
    should = {tuple(sorted((a, b))) for a, b in combinations(sorted(gold), 2) if gold[a] == gold[b]}
    missed = should - merged
    return Scores(
        tp=len(merged & should),
        fp=len(merged - should),
        fn=len(missed),
        reachable_fn=sum(1 for a, b in missed if a in with_events and b in with_events),
        unverified=unverified,
    )


def _run(inputs: list[str], gold: dict[str, str], label: str) -> Scores:
    from pantau import api

    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "merge.duckdb"
        started = time.perf_counter()
        summary = api.extract(inputs, db=db)
        scores = pairwise(db, gold)
    print(
        f"{label}: {summary.articles_coded} articles coded in {time.perf_counter() - started:.1f}s; "
        f"pairs tp={scores.tp} fp={scores.fp} fn={scores.fn}; precision {scores.precision:.3f}, "
        f"recall {scores.recall:.3f} (recall over pairs whose articles both gave events {scores.reachable_recall:.3f}); "
        f"merges of an annotated with an unannotated article: {scores.unverified}"
    )
    return scores


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-corpus", action="store_true", help="skip the annotated corpus groups")
    args = parser.parse_args(argv)
    gold = {}
    for line in SYNTHETIC.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["doc_id"]] = row["incident"]
    _run([str(SYNTHETIC)], gold, "synthetic (id+en, near misses)")
    if args.no_corpus:
        return 0
    if not CORPUS.is_file():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    gold = {}
    with tempfile.TemporaryDirectory() as tmp:
        picked = Path(tmp) / "conflict.jsonl"
        with CORPUS.open(encoding="utf-8") as src, picked.open("w", encoding="utf-8") as out:
            for line in src:
                row = json.loads(line)
                if row.get("selection") == "conflict_keyword":
                    out.write(line)
        for line in GROUPS.read_text(encoding="utf-8").splitlines():
            group = json.loads(line)
            for doc_id in group["doc_ids"]:
                gold[doc_id] = f"group-{group['group']}"
        _run([str(picked)], gold, "corpus (21 annotated groups among the conflict-keyword articles)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
