"""kill -9 in the middle of `pantau extract`, then a rerun: the store equals an uninterrupted run's."""

from __future__ import annotations

import json
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import duckdb
import pytest

# `pantau` as the console script runs it
PANTAU = [sys.executable, "-c", "import sys; from pantau.cli import main; sys.exit(main(sys.argv[1:]))"]
N = 300  # articles; stored in batches of 50
PLACES = ["Jayapura", "Wamena", "Timika", "Nabire", "Merauke", "Sorong"]
# tables compared in full; `updated` (the run's time) and the runs log differ by design
TABLES = ("articles", "reports", "event_sources", "event_links", "near_duplicates", "near_duplicate_pairs",
          "article_signatures")


def _articles(path: Path, n: int) -> None:
    with path.open("w", encoding="utf-8") as fh:
        for i in range(n):
            place = PLACES[i % len(PLACES)]
            day = 1 + (i // 3) % 27
            text = (
                f"Warga ditembak di {place}\n\nKelompok kriminal bersenjata menembak seorang warga di {place}, Papua, "
                f"pada Senin ({day}/5/2024). Korban tewas di tempat, kata polisi. Laporan nomor {i} dari koresponden {i % 4}."
            )
            fh.write(json.dumps({"doc_id": f"k{i:04d}", "text": text, "pub_date": f"2024-05-{day:02d}",
                                 "publisher": f"outlet{i % 4}.test", "url": f"https://outlet{i % 4}.test/{i}"}) + "\n")


def _state(db: Path) -> dict:
    con = duckdb.connect(str(db), read_only=True)
    try:
        out = {t: con.execute(f"SELECT * FROM {t} ORDER BY ALL").fetchall() for t in TABLES}
        out["events"] = con.execute("SELECT * EXCLUDE (updated) FROM events ORDER BY ALL").fetchall()
        return out
    finally:
        con.close()


def _extract(src: Path, db: Path) -> subprocess.Popen:
    env = {**os.environ, "PYTHONUNBUFFERED": "1"}
    return subprocess.Popen([*PANTAU, "extract", str(src), "--db", str(db), "--no-progress"],
                            stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL, env=env,
                            start_new_session=True)


@pytest.mark.slow
def test_store_kill9_mid_run_then_rerun_equals_uninterrupted(tmp_path):
    src = tmp_path / "many.jsonl"
    _articles(src, N)
    whole = tmp_path / "whole.duckdb"
    started = time.monotonic()
    assert _extract(src, whole).wait(timeout=300) == 0
    duration = time.monotonic() - started
    expected = _state(whole)
    assert len(expected["events"]) > 10 and len(expected["reports"]) > len(expected["events"])

    broken = tmp_path / "broken.duckdb"
    stored, orphans = N, 0
    # other processes share the cores, and the run's last seconds (cross-article merging) come after
    # every batch is stored: retry earlier until the kill lands while batches are still being written
    for fraction in (0.7, 0.55, 0.4, 0.25, 0.15):
        broken.unlink(missing_ok=True)
        proc = _extract(src, broken)
        time.sleep(duration * fraction)
        if proc.poll() is not None:
            proc.wait(timeout=60)
            continue
        os.killpg(proc.pid, signal.SIGKILL)  # the run and its pool workers, as `kill -9` of a job does
        proc.wait(timeout=60)
        if not broken.exists():  # killed before the store was opened: too early to say anything
            continue
        con = duckdb.connect(str(broken), read_only=True)  # consistent after the kill: whole batches only
        try:
            stored = con.execute("SELECT count(*) FROM articles").fetchone()[0]
            orphans = con.execute("SELECT count(*) FROM reports WHERE event_id IS NULL").fetchone()[0]
        finally:
            con.close()
        assert stored % 50 == 0 and orphans == 0
        if stored < N:
            break
    assert stored < N, "no kill landed before every batch was stored"
    assert _extract(src, broken).wait(timeout=300) == 0
    assert _state(broken) == expected
