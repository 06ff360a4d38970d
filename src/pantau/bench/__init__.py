"""``pantau bench``: how fast pantau is and how its cost grows, measured on a fixed corpus.

``corpus`` builds the reproducible corpus from real articles; ``run`` times each stage,
the whole path at three sizes, naive baselines on the same texts (as ratios), the
process pool at 1 and 2 workers, a Dask LocalCluster, and HTML parsing on its own.
"""

from __future__ import annotations

from pantau.bench.run import BenchConfig, run_bench

__all__ = ["BenchConfig", "run_bench"]
