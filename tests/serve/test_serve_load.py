"""Load test: p95 latency of /api/events with filters, 50 concurrent keep-alive clients,
against a uvicorn server on 127.0.0.1 over a store of 100,000 synthetic events.

Bounded: a fixed number of requests per client and an overall deadline; loopback only.
The figure is printed (run with -s to see it) and written to the pytest tmp dir.
"""

from __future__ import annotations

import asyncio
import json
import time
from pathlib import Path

import duckdb
import pytest
from serve_server import running_server

from pantau.store.duckdb import Store

EVENTS = 100_000
CLIENTS = 50
REQUESTS_PER_CLIENT = 30
DEADLINE_S = 240.0
WORKERS = 1
# The target is 100 ms; on a 2-core machine shared with other jobs the figure is far
# above it (see docs/serve.md), so the test fails only on a pathological regression.
P95_TARGET_MS = 100.0
P95_LIMIT_MS = 5_000.0

# Filtered views an analyst would ask for (each client cycles through them).
QUERIES = (
    "/api/events?country=IDN&date_from=2021-01-01&date_to=2021-12-31&page_size=50",
    "/api/events?event_type=Battles&min_fatalities=3&sort=-fatalities&page_size=100",
    "/api/events?bbox=95,-11,141,6&date_from=2022-01-01&sort=event_date&page=3&page_size=50",
    "/api/events?actor=police&country=PHL&min_confidence=0.5",
    "/api/events?admin1=Region%201&event_type=Riots&event_type=Protests&page_size=20",
    "/api/events?country=NGA&country=SYR&date_from=2020-06-01&date_to=2020-09-30&sort=-confidence",
)


def synthetic_store(path: Path) -> Path:
    """100,000 events with one source each, in the store's own schema (made by Store)."""
    Store(path).close()
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO articles (doc_id, url, title, publisher, pub_date, language, origin, text, text_sha256, skipped) SELECT 'doc' || i, 'https://news.test/' || i, 'Report ' || i, 'Test Wire', "
            "DATE '2020-01-01' + (i * 7 % 1460)::INTEGER, 'en', 'synthetic', "
            "'Report ' || i || E'\\nSoldiers and police clashed with fighters near town ' || (i % 900) || '.\\n', "
            "'x', NULL FROM range(?) t(i)",
            [EVENTS],
        )
        con.execute(
            "INSERT INTO events (event_id, event_date, time_precision, event_type, sub_event_type, actor1, inter1, actor2, "
            "inter2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, notes, confidence, "
            "language, digest, updated) SELECT 'ev' || lpad(i::VARCHAR, 6, '0'), DATE '2020-01-01' + (i * 7 % 1460)::INTEGER, 1, "
            "(['Battles', 'Riots', 'Protests', 'Violence against civilians', 'Explosions/Remote violence', "
            "'Strategic developments'])[1 + i % 6], "
            "(['Armed clash', 'Mob violence', 'Peaceful protest', 'Attack', 'Air/drone strike', 'Arrests'])[1 + i % 6], "
            "(['Military Forces', 'Police Forces', 'Rebels', 'Rioters', 'Protesters'])[1 + (i // 6) % 5] || ' ' || (i % 40), "
            "1 + (i // 6) % 5, CASE WHEN i % 3 = 0 THEN NULL ELSE 'Civilians' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 7 END, "
            "(['IDN', 'PHL', 'NGA', 'SYR', 'IRQ', 'AFG', 'MMR'])[1 + (i // 11) % 7], 'Region ' || (i % 30), NULL, "
            "'Town ' || (i % 900), -10 + (i * 37 % 2000) / 100.0, 95 + (i * 53 % 4600) / 100.0, 2, "
            "(i * 13) % 25, 'Synthetic event ' || i, 0.3 + (i % 7) / 10.0, 'en', 'd', 1700000000 FROM range(?) t(i)",
            [EVENTS],
        )
        con.execute(
            "INSERT INTO event_sources (event_id, doc_id, url, publisher, pub_date, spans) SELECT 'ev' || lpad(i::VARCHAR, 6, '0'), 'doc' || i, 'https://news.test/' || i, "
            "'Test Wire', NULL, [[length('Report ' || i) + 1, length('Report ' || i) + 60]] FROM range(?) t(i)",
            [EVENTS],
        )
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


async def _client(host: str, port: int, offset: int, latencies: list[float], statuses: list[int]) -> None:
    """One keep-alive HTTP/1.1 connection sending REQUESTS_PER_CLIENT requests in turn."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for n in range(REQUESTS_PER_CLIENT):
            path = QUERIES[(offset + n) % len(QUERIES)]
            started = time.perf_counter()
            writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}:{port}\r\nAccept: application/json\r\n\r\n".encode())
            await writer.drain()
            head = await reader.readuntil(b"\r\n\r\n")
            lines = head.decode("latin-1").split("\r\n")
            length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
            body = await reader.readexactly(length)
            latencies.append(time.perf_counter() - started)
            statuses.append(int(lines[0].split()[1]))
            if n == 0:
                json.loads(body)
    finally:
        writer.close()
        await writer.wait_closed()


async def _load(base: str) -> tuple[list[float], list[int]]:
    host, port = base.removeprefix("http://").split(":")
    assert host == "127.0.0.1"  # loopback only
    latencies: list[float] = []
    statuses: list[int] = []
    await asyncio.wait_for(
        asyncio.gather(*(_client(host, int(port), i, latencies, statuses) for i in range(CLIENTS))), DEADLINE_S
    )
    return latencies, statuses


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(round(q * (len(ordered) - 1))))]


@pytest.mark.slow
def test_serve_load_p95_of_filtered_events(tmp_path):
    db = synthetic_store(tmp_path / "load.duckdb")
    with running_server(db, workers=WORKERS) as base:
        for path in QUERIES:  # each view answers and is not empty
            _, statuses = asyncio.run(_warm(base, path))
        started = time.perf_counter()
        latencies, statuses = asyncio.run(_load(base))
        elapsed = time.perf_counter() - started
    assert set(statuses) == {200}
    assert len(latencies) == CLIENTS * REQUESTS_PER_CLIENT
    p50, p95 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.95) * 1000
    report = (f"/api/events with filters, {EVENTS} events, {CLIENTS} concurrent clients, {len(latencies)} requests: "
              f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies) * 1000:.1f} ms, "
              f"{len(latencies) / elapsed:.0f} requests/s (target p95 < {P95_TARGET_MS:.0f} ms)")
    (tmp_path / "load.txt").write_text(report + "\n", encoding="utf-8")
    print("\n" + report)
    assert p95 < P95_LIMIT_MS, report


async def _warm(base: str, path: str) -> tuple[list[float], list[int]]:
    host, port = base.removeprefix("http://").split(":")
    reader, writer = await asyncio.open_connection(host, int(port))
    try:
        writer.write(f"GET {path} HTTP/1.1\r\nHost: {host}\r\n\r\n".encode())
        await writer.drain()
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next(int(line.split(":", 1)[1]) for line in lines if line.lower().startswith("content-length:"))
        body = json.loads(await reader.readexactly(length))
        assert lines[0].split()[1] == "200" and body["total"] > 0, (path, body)
        return [], [200]
    finally:
        writer.close()
        await writer.wait_closed()
