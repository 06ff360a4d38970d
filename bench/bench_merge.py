"""Benchmark: cross-article merging of N synthetic reports (default 1,000,000) on W processes.

    python bench/bench_merge.py                  # 1,000,000 reports, 2 processes
    python bench/bench_merge.py -n 20000 -w 1    # a quick look

Incidents are spread over 60 countries, three event families and three years; each is
reported one to four times with the usual disagreements (a day off, another town
nearby, another toll, a generic actor for a named one). Blocks (country, family) are
independent, so they are shared out between the processes; each runs the same
``CorpusMerger.cluster`` the store runs. Prints reports/s, candidate pairs and clusters.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from collections import defaultdict
from concurrent.futures import ProcessPoolExecutor
from datetime import date, timedelta

from pantau.stages.merge_corpus import CorpusMerger, Report

TYPES = [
    ("Battles", "Armed clash"), ("Explosions/Remote violence", "Air/drone strike"),
    ("Violence against civilians", "Attack"), ("Protests", "Peaceful protest"), ("Riots", "Mob violence"),
    ("Strategic developments", "Arrests"),
]


def synthetic(n: int, seed: int = 7) -> list[Report]:
    rnd = random.Random(seed)
    countries = [f"C{i:02d}" for i in range(60)]
    start = date(2021, 1, 1)
    out: list[Report] = []
    incident = 0
    while len(out) < n:
        incident += 1
        country = rnd.choice(countries)
        etype, sub = rnd.choice(TYPES)
        day = start + timedelta(days=rnd.randrange(3 * 365))
        lat, lon = rnd.uniform(-10, 10), rnd.uniform(95, 140)
        actor = f"Named Group {rnd.randrange(40)}"
        deaths = rnd.choice([0, 0, 1, 2, 3, 5, 12])
        for copy in range(rnd.choice([1, 1, 2, 2, 3, 4])):
            if len(out) >= n:
                break
            doc = f"doc{len(out)}"
            generic = rnd.random() < 0.2
            out.append(Report(
                key=f"{doc}/r{len(out)}", report_id=f"r{len(out):08d}", doc_id=doc, event_type=etype, sub_event_type=sub,
                actor1=f"Unidentified Armed Group ({country})" if generic else actor, inter1=3 if generic else 2,
                actor2=None, inter2=None, country=country, admin1=f"{country}-A{int(lat) % 7}",
                latitude=lat + rnd.uniform(-0.05, 0.05), longitude=lon + rnd.uniform(-0.05, 0.05),
                geo_precision=rnd.choice([1, 1, 2]), event_date=day + timedelta(days=rnd.choice([0, 0, 0, 1])),
                time_precision=rnd.choice([1, 1, 1, 2]), fatalities=deaths + rnd.choice([0, 0, 1]),
                pub_date=day + timedelta(days=copy),
            ))
    return out


def _work(reports: list[Report]) -> tuple[int, int, float]:
    merger = CorpusMerger()
    started = time.perf_counter()
    clusters = merger.cluster(reports)
    spent = time.perf_counter() - started
    return len(clusters), sum(1 for _ in merger.candidate_pairs(reports)), spent


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("-n", type=int, default=1_000_000)
    parser.add_argument("-w", "--workers", type=int, default=2)
    args = parser.parse_args(argv)
    t0 = time.perf_counter()
    reports = synthetic(args.n)
    t1 = time.perf_counter()
    merger = CorpusMerger()
    blocks: dict[tuple[str, str], list[Report]] = defaultdict(list)
    for r in reports:
        blocks[merger.block(r)].append(r)  # type: ignore[index]
    shares: list[list[Report]] = [[] for _ in range(args.workers)]
    for i, key in enumerate(sorted(blocks, key=lambda k: -len(blocks[k]))):
        min(shares, key=len).extend(blocks[key])
    if args.workers == 1:
        results = [_work(shares[0])]
    else:
        with ProcessPoolExecutor(args.workers) as pool:
            results = list(pool.map(_work, shares))
    t2 = time.perf_counter()
    clusters = sum(c for c, _, _ in results)
    pairs = sum(p for _, p, _ in results)
    busiest = max(s for _, _, s in results)
    print(
        f"{args.n:,} reports in {len(blocks)} blocks: generated in {t1 - t0:.1f}s; merged on {args.workers} "
        f"process(es): clustering {busiest:.1f}s on the busiest process ({args.n / busiest:,.0f} reports/s), "
        f"{t2 - t1:.1f}s wall with pair counting; {pairs:,} candidate pairs "
        f"({pairs / args.n:.1f} per report; all pairs would be {args.n * (args.n - 1) // 2:,}); {clusters:,} events"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
