"""`pantau bench --quick` runs end to end and prints its figures in the agreed format.

Only the format is checked: speed targets live in the benchmark's own report, never in tests.
"""

from __future__ import annotations

import json
import re
import subprocess
import sys

import pytest


@pytest.mark.slow
def test_bench_quick_prints_every_figure_and_ends_with_the_rate(tmp_path):
    report = tmp_path / "bench.json"
    done = subprocess.run(
        [sys.executable, "-c", "import sys; from pantau.cli import main; sys.exit(main(sys.argv[1:]))", "bench", "--quick", "--no-dask", "--sizes", "10,20,30", "--scale-size", "100", "--json", str(report)],
        capture_output=True, text=True, timeout=600, cwd=tmp_path,
    )
    assert done.returncode == 0, done.stderr
    lines = done.stdout.strip().splitlines()
    assert re.fullmatch(r"\d+ articles/s per core", lines[-1]), lines[-1]
    text = done.stdout
    for needle in ("gazetteer load", "stage breakdown", "clean", "langid", "sentences", "extract: places", "extract: dates",
                   "dates: dateparser.search_dates", "places: most-populous gazetteer lookup", "HTML parsing",
                   "process pool", "targets:", "peak memory"):
        assert needle in text, needle
    assert [int(m) for m in re.findall(r"^\s+(\d+) articles: ", text, re.M)] == [10, 20, 30]
    assert re.search(r"process pool on 10\d articles", text), "--scale-size sets the pool's corpus"
    figures = json.loads(report.read_text())
    assert {"size.10", "size.20", "size.30", "pool", "growth", "peak_rss_mb", "articles_per_s_per_core"} <= set(figures)
    assert int(lines[-1].split()[0]) == round(figures["articles_per_s_per_core"])


@pytest.mark.parametrize(("growth", "met"), [(0.79, True), (1.0, True), (1.15, True), (1.2, False)])
def test_linear_growth_target_is_an_upper_bound(growth: float, met: bool) -> None:
    """A per-article cost that falls at the largest size is not super-linear time (it was
    reported 'NOT met' at x0.793 in a 100k run)."""
    from pantau.bench.run import target_checks

    checks = {what.split(" (")[0]: ok for what, ok, _ in target_checks(600, 800, 1.8, 0.9, growth, 2)}
    assert checks["linear growth"] is met
