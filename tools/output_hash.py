"""Digests of everything the pipeline makes of fixed article sets (a harness for speed work).

A speed change must not change a single output. This tool runs the pipeline over:

- ``bench``: the benchmark's 1,000-article corpus (``pantau bench`` seed, no language given);
- ``corpus``: the Indonesian news sample in ``../shared/corpus``, as read from its JSONL;
- ``samples``, ``acled``, ``iddev``, ``examples``: the quality sets of ``tools/quality.py``;

and prints, per set, one SHA-256 over each article's cleaned document (body spans, removed
segments, publication date, reporter places), language, sentences and events (every field),
plus one over the extractors' drop counts. Run it before and after a change and compare
(``--save FILE`` writes the digests as JSON, ``--check FILE`` compares and exits 1 on a change).

Usage:
    python tools/output_hash.py [--sets bench,corpus,samples,acled,iddev,examples] [--save F] [--check F]
"""

from __future__ import annotations

import argparse
import hashlib
import importlib.util
import json
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Iterable, Sequence

from pantau.bench.corpus import generate, load_seeds
from pantau.errors import InputError
from pantau.pipeline import Pipeline, Settings
from pantau.records import Article
from pantau.stages.read import read_inputs

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
SETS = ("bench", "corpus", "samples", "acled", "iddev", "examples")
BENCH_SIZE = 1000
BENCH_SEED = 20240601  # BenchConfig.seed


def _quality() -> object:
    spec = importlib.util.spec_from_file_location("pantau_tools_quality", REPO / "tools" / "quality.py")
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules["pantau_tools_quality"] = module
    spec.loader.exec_module(module)
    return module


def articles_of(name: str, work: Path) -> list[Article]:
    """The articles of one set, in a fixed order."""
    if name == "bench":
        seeds, _ = load_seeds(SHARED if SHARED.is_dir() else None)
        return [replace(a, language=None) for a in generate(seeds, BENCH_SIZE, BENCH_SEED)]
    if name == "corpus":
        path = SHARED / "corpus" / "id_news_conflict_sample.jsonl"
        return [a for a in read_inputs([str(path)]) if not isinstance(a, InputError)]
    from pantau.eval import load_gold

    folder = _quality().prepare(name, work, SHARED)  # type: ignore[attr-defined]
    return [d.article for d in load_gold([folder])]


def digest(pipeline: Pipeline, articles: Iterable[Article]) -> tuple[str, int, int]:
    """SHA-256 over every output of every article; also the article and event counts."""
    from pantau.runners.local import batches, safe_batch

    h = hashlib.sha256()
    n = events = 0
    # in batches, as the runners run the pipeline (an article that fails is its error result)
    results = (r for chunk in batches(articles) for r in safe_batch(pipeline, chunk))
    for result in results:
        doc = result.doc
        if doc is not None:
            h.update(repr((doc.body, doc.removed, doc.language, doc.pub_date, doc.pub_date_source,
                           doc.reporter_places, doc.sentences)).encode())
        h.update(repr((result.skipped, result.notes, result.events)).encode())
        h.update(b"\0")
        n += 1
        events += len(result.events)
    return h.hexdigest(), n, events


def stats_digest(pipeline: Pipeline) -> str:
    out = {lang: (ex.stats.docs, ex.stats.frames, ex.stats.events, sorted(ex.stats.dropped.items()))
           for lang, ex in sorted(pipeline._extractors.items())}
    return hashlib.sha256(repr(out).encode()).hexdigest()


def main(argv: Sequence[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--sets", default=",".join(SETS))
    ap.add_argument("--save", type=Path)
    ap.add_argument("--check", type=Path)
    ap.add_argument("--work", type=Path)
    args = ap.parse_args(argv)
    work = args.work or Path(tempfile.mkdtemp(prefix="pantau-hash-"))
    out: dict[str, object] = {}
    for name in args.sets.split(","):
        pipeline = Pipeline(Settings())  # fresh per set: drop counts are per set
        articles = articles_of(name, work)
        start = time.process_time()
        value, n, events = digest(pipeline, articles)
        seconds = time.process_time() - start
        out[name] = {"digest": value, "articles": n, "events": events, "stats": stats_digest(pipeline)}
        print(f"{name:<9} {n:5d} articles {events:5d} events  {value[:16]}  stats {out[name]['stats'][:12]}  "  # type: ignore[index]
              f"({1000 * seconds / max(1, n):.2f} CPU ms/article)", flush=True)
    if args.save:
        args.save.write_text(json.dumps(out, indent=1) + "\n", "utf-8")
    if args.check:
        before = json.loads(args.check.read_text("utf-8"))
        changed = [k for k in out if k in before and before[k] != out[k]]
        print("IDENTICAL" if not changed else f"CHANGED: {', '.join(changed)}")
        return 1 if changed else 0
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
