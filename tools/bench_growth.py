"""Does the per-article cost grow with the size of a run, apart from the host's drift?

``pantau bench`` times 10k and then 100k articles minutes apart, and this shared host's speed
drifts by 10% and more within minutes, so its growth figure (x0.93 to x1.075 on the same code)
cannot tell a cost that grows from a slower moment. This tool asks the two questions apart,
each by alternating the two sides back to back, in the same process state or at the same time:

- ``articles``: are the corpus's late articles costlier in themselves? One process, warmed as
  the benchmark's 10k run warms it, codes unseen copies from two positions of the bench corpus
  (``--early``, ``--late``) in alternating batches.
- ``state``: does a process that has coded more articles code the same articles more slowly
  (memos that fill or restart, a bigger heap, the collector)? The 10k run and the first
  ``--fork-at`` articles of the 100k run, as the benchmark does, then a fork keeps that state
  while the parent runs on to ``--size``; both then time the same reference articles (warmed in
  each first) in alternation.

It also prints, at the end of the parent's run, the size of every bounded memo against its cap
(a memo that restarts within the run would make later articles costlier).

    PYTHONPATH=src python tools/bench_growth.py [--only articles,state] [--size 100000] [--n 10000]
"""

from __future__ import annotations

import argparse
import os
import random
import statistics
import sys
import tempfile
import time
from dataclasses import replace
from pathlib import Path
from typing import Sequence

sys.path.insert(0, str(Path(__file__).resolve().parents[1] / "src"))

from pantau.bench.corpus import _NAME, find_shared, generate, load_seeds, vary  # noqa: E402
from pantau.bench.run import _read_articles, _write_shards  # noqa: E402
from pantau.pipeline import Pipeline, Settings  # noqa: E402
from pantau.records import Article  # noqa: E402
from pantau.runners.heap import settle_heap  # noqa: E402
from pantau.runners.local import batches, safe_batch  # noqa: E402

SEED = 20240601  # BenchConfig.seed


def _pipeline() -> Pipeline:
    seeds, _ = load_seeds(find_shared(None))
    pipeline = Pipeline(Settings())
    pipeline(seeds[0])
    for lang in pipeline.packs.languages:
        pipeline.extractor(lang)
    settle_heap()
    return pipeline


def _copies(seeds: Sequence[Article], first: int, n: int) -> list[Article]:
    """Copies ``first`` .. ``first + n - 1`` of the bench corpus (``generate`` without the prefix)."""
    names = sorted({w for a in seeds for w in _NAME.findall(a.text)})
    order = list(range(len(seeds)))
    random.Random(SEED).shuffle(order)
    return [replace(vary(seeds[order[i % len(order)]], i, SEED, names), language=None) for i in range(first, first + n)]


def _run(pipeline: Pipeline, articles: Sequence[Article]) -> float:
    start = time.process_time()
    for chunk in batches(iter(articles)):
        safe_batch(pipeline, chunk)
    return time.process_time() - start


def articles_test(n: int, early: int, late: int, warm: int) -> None:
    seeds, _ = load_seeds(find_shared(None))
    pipeline = _pipeline()
    _run(pipeline, list(generate(seeds, warm, SEED)))  # as the bench's 10k run leaves it
    a, b = _copies(seeds, early, n), _copies(seeds, late, n)
    ta = tb = 0.0
    for k, (x, y) in enumerate(zip(batches(iter(a)), batches(iter(b)))):
        if k % 2:
            tb += _run(pipeline, y)
            ta += _run(pipeline, x)
        else:
            ta += _run(pipeline, x)
            tb += _run(pipeline, y)
    print(f"articles: copies {early}.. {1000 * ta / n:.3f} ms/article, copies {late}.. {1000 * tb / n:.3f} "
          f"ms/article (alternating batches, one process): late/early x{tb / ta:.3f}")


def _memos(pipeline: Pipeline) -> None:
    from pantau.stages import mentions
    from pantau.stages.normalize import places

    for lang, ex in sorted(pipeline._extractors.items()):
        geo = ex.geo
        sizes = {name: len(getattr(geo, name)) for name in (
            "_candidates", "_word_class", "_accepted", "_priors", "_bases", "_bares", "_seat_keys", "_alone",
            "_within_memo", "_respelled_memo")}
        fold = geo._fold_word.cache_info()
        print(f"  {lang}: words {len(ex.finder._words[0])} of {mentions._MEMO_MAX}; places memos (cap "
              f"{places.CACHE_MAX}): " + ", ".join(f"{k.strip('_')} {v}" for k, v in sizes.items())
              + f"; fold {fold.currsize} of {fold.maxsize}")


def state_test(size: int, fork_at: int, n_ref: int, rounds: int, warm: int) -> None:
    seeds, _ = load_seeds(find_shared(None))
    pipeline = _pipeline()
    ref = [replace(a, language=None) for a in generate(seeds, n_ref, SEED + 7)]
    with tempfile.TemporaryDirectory(prefix="pantau-growth-") as tmp:
        small = _write_shards(generate(seeds, warm, SEED), Path(tmp) / "warm", max(250, warm // 16))[0]
        _run(pipeline, list(_read_articles(small)))
        files = _write_shards(generate(seeds, size, SEED), Path(tmp) / "big", max(250, size // 16))[0]
        articles = _read_articles(files)
        done = 0
        for chunk in batches(articles):
            safe_batch(pipeline, chunk)
            done += len(chunk)
            if done >= fork_at:
                break
        to_child, from_parent = os.pipe()
        to_parent, from_child = os.pipe()
        pid = os.fork()
        if pid == 0:  # keeps the state at fork_at
            for _ in range(rounds + 1):
                os.read(to_child, 1)
                os.write(from_child, f"{1000 * _run(pipeline, ref) / n_ref:.6f}".encode().ljust(32))
            os._exit(0)
        for chunk in batches(articles):
            safe_batch(pipeline, chunk)
            done += len(chunk)
    rss = int(Path("/proc/self/statm").read_text().split()[1]) * os.sysconf("SC_PAGE_SIZE") / 2**20
    print(f"state: parent coded {done} articles of the {size} run (RSS {rss:.0f} MB); bounded memos now:")
    _memos(pipeline)
    ratios = []
    for r in range(rounds + 1):  # round 0 warms both sides on the reference articles
        os.write(from_parent, b"x")
        at_fork = float(os.read(to_parent, 32).decode())
        at_end = 1000 * _run(pipeline, ref) / n_ref
        if r:
            ratios.append(at_end / at_fork)
            print(f"  round {r}: at {fork_at} {at_fork:.3f} ms/article, at {done} {at_end:.3f} ms/article, x{at_end / at_fork:.3f}")
    os.waitpid(pid, 0)
    print(f"state: the same {n_ref} articles cost x{statistics.median(ratios):.3f} (median of {rounds} alternations) "
          f"after {done} articles against after {fork_at}")


def main() -> None:
    ap = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    ap.add_argument("--only", default="articles,state")
    ap.add_argument("--n", type=int, default=10000, help="articles per side in the articles test")
    ap.add_argument("--early", type=int, default=10000)
    ap.add_argument("--late", type=int, default=90000)
    ap.add_argument("--size", type=int, default=100000)
    ap.add_argument("--fork-at", type=int, default=20000)
    ap.add_argument("--ref", type=int, default=1000, help="reference articles in the state test")
    ap.add_argument("--rounds", type=int, default=8)
    ap.add_argument("--warm", type=int, default=10000, help="articles first coded, as the bench's 10k run")
    args = ap.parse_args()
    only = set(args.only.split(","))
    print(f"load average {os.getloadavg()[0]:.2f}")
    if "articles" in only:
        articles_test(args.n, args.early, args.late, args.warm)
    if "state" in only:
        state_test(args.size, args.fork_at, args.ref, args.rounds, args.warm)


if __name__ == "__main__":
    main()
