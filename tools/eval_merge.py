"""Pairwise merge precision and recall of cross-article merging.

    python tools/eval_merge.py                 # synthetic sets + the annotated corpus groups
    python tools/eval_merge.py --no-corpus     # synthetic sets only
    python tools/eval_merge.py --acled 800     # also: ACLED false merges on a fixed 800-note sample
    python tools/eval_merge.py --acled 0 --acled-store /tmp/acled.duckdb   # all notes; keep the store
    python tools/eval_merge.py --no-corpus --acled-recluster /tmp/acled.duckdb   # re-cluster a kept store
    python tools/eval_merge.py --why --keep /tmp/merge   # also: why each missed gold pair stayed apart
    python tools/eval_merge.py --no-corpus --corpus-recluster /tmp/merge/corpus.duckdb --rules old.toml
        # re-cluster kept stores with another rules file (compare rule sets on the same extraction)

Articles are extracted into a fresh store; two articles count as merged when one
stored event has both as sources. Gold: articles of one annotated group (one
incident) should be merged, and two annotated articles of different groups should
not. The annotation is not exhaustive (other corpus articles may well report the
same incidents), so merges between an annotated and an unannotated article are
counted apart ("unverified"), not as errors; the synthetic set is fully annotated,
near misses included. "reachable" recall counts only gold pairs
whose two articles both yielded an event at all, to tell extraction misses from
merging misses.

ACLED false merges: every row of ACLED's coded sample is a distinct event, so its
notes (one article each, doc_id = event_id_cnty) give a negative set. A merged pair
of two notes is a *false merge* when ACLED placed the two events in different
locations or coded different actors; a pair where a note says ACLED split one
incident into several events ("split between N events") is counted apart, as is a
pair ACLED coded with the same location and actors (undecidable from the coding).
"""

from __future__ import annotations

import argparse
import csv
import json
import re
import sys
import tempfile
import time
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

from pantau.eval import Counts

REPO = Path(__file__).resolve().parents[1]
SYNTHETIC = REPO / "tests" / "data" / "merge" / "synthetic_reports.jsonl"
GROUPS = REPO / "annotations" / "id_multireport_groups.jsonl"
CORPUS = REPO.parent / "shared" / "corpus" / "id_news_conflict_sample.jsonl"
ACLED = REPO.parent / "shared" / "corpus" / "acled_2020_global_sample.csv"
ACLED_COLUMNS = {"text": "notes", "pub_date": "event_date", "doc_id": "event_id_cnty", "publisher": "source"}
SPLIT_NOTE = re.compile(r"\bsplit (?:between|into|across|over)\b|\b(?:one|1) of (?:\d+|two|three|four|five|several) events\b", re.I)


@dataclass
class Scores(Counts):
    """Pairwise merge counts; precision and recall as pantau.eval defines them."""

    reachable_fn: int = 0
    unverified: int = 0

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


def _run(inputs: list[str], gold: dict[str, str], label: str, keep: Path | None = None, why: bool = False) -> Scores:
    """Extract the inputs into a fresh store (at ``keep`` when given, else a temporary one) and score it."""
    from pantau import api

    with tempfile.TemporaryDirectory() as tmp:
        db = keep or Path(tmp) / "merge.duckdb"
        if db.exists():
            db.unlink()
        started = time.perf_counter()
        summary = api.extract(inputs, db=db)
        scores = pairwise(db, gold)
        print(
            f"{label}: {summary.articles_coded} articles coded in {time.perf_counter() - started:.1f}s; "
            f"pairs tp={scores.tp} fp={scores.fp} fn={scores.fn}; precision {scores.precision:.3f}, "
            f"recall {scores.recall:.3f} (recall over pairs whose articles both gave events {scores.reachable_recall:.3f}); "
            f"merges of an annotated with an unannotated article: {scores.unverified}"
        )
        if why:
            explain(load_reports(db), gold)
    return scores


@dataclass(frozen=True)
class AcledScores:
    notes: int
    reports: int
    events: int
    merged_pairs: int
    false_merges: int
    split_incident: int
    same_coding: int
    max_sources: int


def acled_sample(rows: list[dict[str, str]], n: int) -> list[dict[str, str]]:
    """A fixed sample: n whole days of the file (dense days kept whole), the same on every run."""
    if n <= 0 or n >= len(rows):
        return rows
    by_day: dict[str, list[dict[str, str]]] = {}
    for row in rows:
        by_day.setdefault(row["event_date"], []).append(row)
    out: list[dict[str, str]] = []
    for day in sorted(by_day):
        if len(out) >= n:
            break
        out.extend(by_day[day])
    return out


def _actors(row: dict[str, str]) -> frozenset[str]:
    return frozenset(a for a in (row["actor1"], row["actor2"]) if a)


def acled_pairs(db: str | Path) -> tuple[dict[str, set[str]], int]:
    """Stored events as sets of doc ids, and the number of stored reports."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        rows = con.execute("SELECT event_id, doc_id FROM event_sources ORDER BY 1, 2").fetchall()
        n_reports = con.execute("SELECT count(*) FROM reports").fetchone()[0]
    finally:
        con.close()
    docs_of: dict[str, set[str]] = {}
    for event_id, doc_id in rows:
        docs_of.setdefault(event_id, set()).add(doc_id)
    return docs_of, int(n_reports)


def acled_score(docs_of: dict[str, set[str]], n_reports: int, acled: dict[str, dict[str, str]]) -> AcledScores:
    """Merged note pairs, classified against ACLED's own coding of the two events."""
    merged = false = split = same = 0
    for docs in docs_of.values():
        for a, b in combinations(sorted(docs), 2):
            merged += 1
            ra, rb = acled.get(a), acled.get(b)
            if ra is None or rb is None:
                continue
            if SPLIT_NOTE.search(ra["notes"]) or SPLIT_NOTE.search(rb["notes"]):
                split += 1
            elif ra["location"] != rb["location"] or _actors(ra) != _actors(rb):
                false += 1
            else:
                same += 1
    return AcledScores(
        notes=len(acled), reports=n_reports, events=len(docs_of), merged_pairs=merged, false_merges=false,
        split_incident=split, same_coding=same, max_sources=max((len(d) for d in docs_of.values()), default=0),
    )


def _print_acled(label: str, s: AcledScores, seconds: float) -> None:
    print(
        f"{label}: {s.notes} notes -> {s.reports} reports -> {s.events} events in {seconds:.1f}s (max sources {s.max_sources}); "
        f"merged note pairs {s.merged_pairs}: false merges {s.false_merges} (ACLED locations or actors differ), "
        f"ACLED-split incidents {s.split_incident}, same ACLED location and actors {s.same_coding}"
    )


def _read_acled(n: int) -> dict[str, dict[str, str]]:
    with ACLED.open(encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    return {row["event_id_cnty"]: row for row in acled_sample(rows, n)}


def run_acled(n: int, keep: str | None = None) -> AcledScores:
    """Extract the ACLED notes (all, or a fixed sample of about n) and count false merges."""
    from pantau import api
    from pantau.stages.read import ReadOptions

    acled = _read_acled(n)
    with tempfile.TemporaryDirectory() as tmp:
        notes = Path(tmp) / "acled.csv"
        fields = list(next(iter(acled.values())).keys())
        with notes.open("w", encoding="utf-8", newline="") as f:
            writer = csv.DictWriter(f, fieldnames=fields)
            writer.writeheader()
            writer.writerows(acled.values())
        db = Path(keep) if keep else Path(tmp) / "acled.duckdb"
        if db.exists():
            db.unlink()
        started = time.perf_counter()
        api.extract([str(notes)], db=db, read_options=ReadOptions(columns=dict(ACLED_COLUMNS)))
        scores = acled_score(*acled_pairs(db), acled)
    _print_acled(f"ACLED notes ({'all' if n <= 0 else f'sample of {n}'})", scores, time.perf_counter() - started)
    return scores


def load_reports(db: str | Path) -> list:
    """The stored reports of a kept store, as the merger sees them (near-duplicate groups included)."""
    import duckdb

    from pantau.records import Event, Source
    from pantau.stages.merge_corpus import Report

    con = duckdb.connect(str(db), read_only=True)
    try:
        cur = con.execute("SELECT * FROM reports")
        names = [d[0] for d in cur.description]
        rows = [dict(zip(names, r)) for r in cur.fetchall()]
        dup = dict(con.execute("SELECT doc_id, duplicate_of FROM near_duplicates").fetchall())
    finally:
        con.close()
    fields = set(Event.__dataclass_fields__) - {"event_id", "sources"}
    reports = []
    for r in rows:
        source = Source(r["doc_id"], r.get("url"), r.get("publisher"), r.get("pub_date"))
        event = Event(event_id=r["report_id"], sources=(source,), **{k: r[k] for k in fields if k in r})
        reports.append(Report.from_event(event, r["doc_id"], r.get("pub_date"), independent=dup.get(r["doc_id"]) or ""))
    return reports


def _merger(rules: str | Path | None = None):
    from pantau.stages.merge_corpus import CorpusMerger, MergeRules

    return CorpusMerger(MergeRules.load(rules)) if rules else CorpusMerger()


def recluster(reports: list, rules: str | Path | None = None) -> dict[str, set[str]]:
    """Events (as sets of doc ids) of the reports clustered with the current rules (or a rules file)."""
    by_key = {r.key: r for r in reports}
    return {c.event_id + "@" + c.anchor: {by_key[k].doc_id for k in c.members} for c in _merger(rules).cluster(reports)}


def recluster_acled(db: str | Path, rules: str | Path | None = None) -> AcledScores:
    """Re-cluster the reports of a kept ACLED store with the current rules (no re-extraction)."""
    started = time.perf_counter()
    reports = load_reports(db)
    docs_of = recluster(reports, rules)
    present = {r.doc_id for r in reports}
    scores = acled_score(docs_of, len(reports), {d: row for d, row in _read_acled(0).items() if d in present})
    _print_acled(f"ACLED re-clustered from {db}", scores, time.perf_counter() - started)
    return scores


# the merger's refusals in the order it checks them: the furthest a report pair got names the cause
REFUSALS = (
    "same article", "no country or date", "block (country or family)", "sub-type", "date window",
    "place: both country only", "place: country only", "place: both region only", "place: admin1 differs", "place: distance",
    "dense day: different days", "dense day / one outlet: different named place", "actors", "fatalities",
)


def _describe(r) -> str:
    place = f"{r.location or '-'}/{r.admin1 or '-'} gp{r.geo_precision}"
    return (f"{r.event_type}/{r.sub_event_type} {r.event_date} tp{r.time_precision} {place} "
            f"[{r.actor1} ({r.inter1}) | {r.actor2} ({r.inter2})] fat {r.fatalities} pub {r.pub_date} {r.publisher}")


def recluster_corpus(db: str | Path, rules: str | Path | None = None) -> tuple[Scores, Scores]:
    """Re-cluster a kept corpus store's reports (no re-extraction): scores over all groups and codable ones."""
    reports = load_reports(db)
    with_events = {r.doc_id for r in reports}
    merged = {tuple(sorted(p)) for docs in recluster(reports, rules).values() for p in combinations(sorted(docs), 2)}
    gold, codable = _groups()
    out = []
    for label, g in (("all groups", gold), ("codable groups", codable)):
        should = {p for p in combinations(sorted(g), 2) if g[p[0]] == g[p[1]]}
        mine = {p for p in merged if p[0] in g and p[1] in g}
        missed = should - mine
        s = Scores(tp=len(mine & should), fp=len(mine - should), fn=len(missed),
                   reachable_fn=sum(1 for a, b in missed if a in with_events and b in with_events),
                   unverified=sum(1 for a, b in merged if (a in g) != (b in g)))
        print(f"corpus re-clustered from {db}, {label}: pairs tp={s.tp} fp={s.fp} fn={s.fn}; precision "
              f"{s.precision:.3f}, recall {s.recall:.3f} (reachable {s.reachable_recall:.3f}); unverified {s.unverified}")
        out.append(s)
    return out[0], out[1]


def _groups() -> tuple[dict[str, str], dict[str, str]]:
    """Annotated incident of each doc: all groups, and the codable ones."""
    gold: dict[str, str] = {}
    codable: dict[str, str] = {}
    for line in GROUPS.read_text(encoding="utf-8").splitlines():
        group = json.loads(line)
        for doc_id in group["doc_ids"]:
            gold[doc_id] = f"group-{group['group']}"
            if group["codable"]:
                codable[doc_id] = gold[doc_id]
    return gold, codable


def explain(reports: list, gold: dict[str, str], verbose: bool = True) -> dict[str, int]:
    """Why each gold pair is not merged: extraction (an article without events) or the rule that
    refused its closest report pair; printed per pair when verbose, counted per cause."""
    from collections import Counter

    from pantau.stages.merge_corpus import CorpusMerger

    merger = CorpusMerger()
    dense = merger.dense_days(reports)
    sole = merger.sole_places(reports, dense)
    of_doc: dict[str, list] = {}
    for r in reports:
        of_doc.setdefault(r.doc_id, []).append(r)
    merged = {tuple(sorted(p)) for docs in recluster(reports).values() for p in combinations(sorted(docs), 2)}
    causes: Counter[str] = Counter()
    for a, b in combinations(sorted(gold), 2):
        if gold[a] != gold[b] or (a, b) in merged:
            continue
        ra, rb = of_doc.get(a, []), of_doc.get(b, [])
        if not ra or not rb:
            cause = "extraction: no event"
        else:
            best = -1
            for x in ra:
                for y in rb:
                    is_dense = (merger.block(x), x.event_date) in dense or (merger.block(y), y.event_date) in dense
                    reason, refusal = merger.verdict(x, y, is_dense, sole)
                    rank = len(REFUSALS) if reason is not None else REFUSALS.index(refusal)
                    best = max(best, rank)
            cause = "compatible, not clustered" if best == len(REFUSALS) else REFUSALS[best]
        causes[cause] += 1
        if verbose:
            print(f"  {gold[a]}: {a} ~ {b}: {cause}")
            for doc, rs in ((a, ra), (b, rb)):
                for r in rs or [None]:
                    print(f"      {doc}: {_describe(r) if r else 'no event'}")
    for cause, n in causes.most_common():
        print(f"  missed pairs, {cause}: {n}")
    return dict(causes)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--no-corpus", action="store_true", help="skip the annotated corpus groups")
    parser.add_argument("--acled", type=int, default=None, metavar="N",
                        help="also count false merges on the ACLED notes: about N notes (whole days), 0 = all")
    parser.add_argument("--acled-store", default=None, help="keep the ACLED store at this path")
    parser.add_argument("--acled-recluster", default=None, metavar="DB",
                        help="re-cluster a kept ACLED store's reports with the current rules")
    parser.add_argument("--corpus-recluster", default=None, metavar="DB",
                        help="re-cluster a kept corpus store (--keep DIR: DIR/corpus.duckdb) with the current rules")
    parser.add_argument("--rules", default=None, metavar="TOML",
                        help="merge rules file for the re-clustering options (default: knowledge/merge_rules.toml)")
    parser.add_argument("--why", action="store_true", help="for every missed gold pair, the cause (extraction or rule)")
    parser.add_argument("--keep", default=None, metavar="DIR", help="keep the synthetic and corpus stores in DIR")
    args = parser.parse_args(argv)
    keep = Path(args.keep) if args.keep else None
    if keep:
        keep.mkdir(parents=True, exist_ok=True)
    if args.acled_recluster:
        recluster_acled(args.acled_recluster, args.rules)
    if args.corpus_recluster:
        recluster_corpus(args.corpus_recluster, args.rules)
    if args.acled is not None:
        if not ACLED.is_file():
            print(f"ACLED sample not found at {ACLED}", file=sys.stderr)
            return 1
        run_acled(args.acled, args.acled_store)
    gold = {}
    for line in SYNTHETIC.read_text(encoding="utf-8").splitlines():
        row = json.loads(line)
        gold[row["doc_id"]] = row["incident"]
    _run([str(SYNTHETIC)], gold, "synthetic (id+en, near misses)", keep and keep / "synthetic.duckdb", args.why)
    if args.no_corpus:
        return 0
    if not CORPUS.is_file():
        print(f"corpus not found at {CORPUS}", file=sys.stderr)
        return 1
    with tempfile.TemporaryDirectory() as tmp:
        picked = Path(tmp) / "conflict.jsonl"
        with CORPUS.open(encoding="utf-8") as src, picked.open("w", encoding="utf-8") as out:
            for line in src:
                row = json.loads(line)
                if row.get("selection") == "conflict_keyword":
                    out.write(line)
        gold, codable = _groups()
        n_codable = len(set(codable.values()))
        db = keep / "corpus.duckdb" if keep else Path(tmp) / "corpus.duckdb"
        _run([str(picked)], gold, f"corpus (all {len(set(gold.values()))} annotated groups among the conflict-keyword articles)",
             db, False)
        scores = pairwise(db, codable)
        print(
            f"corpus, the {n_codable} groups of codable incidents (events.md; the rest are ordinary crime, threats or "
            f"undated): pairs tp={scores.tp} fp={scores.fp} fn={scores.fn}; precision {scores.precision:.3f}, "
            f"recall {scores.recall:.3f} (recall over pairs whose articles both gave events {scores.reachable_recall:.3f})"
        )
        if args.why:
            explain(load_reports(db), codable)
    return 0


if __name__ == "__main__":
    sys.exit(main())
