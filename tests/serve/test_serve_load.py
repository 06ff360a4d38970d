"""Load test: p95 latency of /api/events with filters, 50 concurrent keep-alive clients,
against a uvicorn server on 127.0.0.1 over a store of 100,000 synthetic events.

Bounded: a fixed number of requests per client and an overall deadline; loopback only.
The figure is printed (run with -s to see it) and written to the pytest tmp dir.
"""

from __future__ import annotations

import asyncio
import json
import os
import random
import time

import pytest
from serve_server import running_server, tree_cpu_seconds
from serve_store import random_view, synthetic_store, view_query

EVENTS = 100_000
CLIENTS = 50
REQUESTS_PER_CLIENT = 30
DEADLINE_S = 240.0
WORKERS = 2  # one server process per core of the 2-core CI machine
SEED = 6
P95_TARGET_MS = 100.0
# The target is asserted with room for a machine shared with other jobs (docs/serve.md has the figures).
P95_LIMIT_MS = 300.0


def client_paths(client: int) -> list[str]:
    """Each client's own sequence of different filtered views (seeded, so runs are comparable)."""
    rng = random.Random(SEED * 1000 + client)
    return ["/api/events?" + view_query(random_view(rng)) for _ in range(REQUESTS_PER_CLIENT)]


async def _client(host: str, port: int, paths: list[str], latencies: list[float], statuses: list[int]) -> None:
    """One keep-alive HTTP/1.1 connection sending its requests in turn."""
    reader, writer = await asyncio.open_connection(host, port)
    try:
        for n, path in enumerate(paths):
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
        asyncio.gather(*(_client(host, int(port), client_paths(i), latencies, statuses) for i in range(CLIENTS))), DEADLINE_S
    )
    return latencies, statuses


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


@pytest.mark.slow
def test_serve_load_p95_of_filtered_events(tmp_path):
    db = synthetic_store(tmp_path / "load.duckdb")
    load_before = f"{os.getloadavg()[0]:.2f}"
    pids: list[int] = []
    with running_server(db, workers=WORKERS, timeout=120.0, settle=True, pid_out=pids) as base:
        for path in client_paths(CLIENTS)[:5]:  # the server answers (views the measured clients do not send)
            asyncio.run(_warm(base, path))
        server_cpu = tree_cpu_seconds(pids[0])
        started, client_cpu = time.perf_counter(), time.process_time()
        latencies, statuses = asyncio.run(_load(base))
        elapsed, client_cpu = time.perf_counter() - started, time.process_time() - client_cpu
        after = tree_cpu_seconds(pids[0])
        server_cpu = None if server_cpu is None or after is None else after - server_cpu
    assert set(statuses) == {200}
    assert len(latencies) == CLIENTS * REQUESTS_PER_CLIENT
    p50, p95 = percentile(latencies, 0.50) * 1000, percentile(latencies, 0.95) * 1000
    distinct = len({p for c in range(CLIENTS) for p in client_paths(c)})
    report = (f"/api/events with filters ({distinct} distinct views), {EVENTS} events, {CLIENTS} concurrent clients, {len(latencies)} requests: "
              f"p50 {p50:.1f} ms, p95 {p95:.1f} ms, max {max(latencies) * 1000:.1f} ms, "
              f"{len(latencies) / elapsed:.0f} requests/s (target p95 < {P95_TARGET_MS:.0f} ms); "
              f"load average before {load_before}, after {os.getloadavg()[0]:.2f}; "
              f"the load client itself used {client_cpu / elapsed:.0%} of a core"
              + (f"; server CPU {server_cpu / len(latencies) * 1000:.2f} ms per request" if server_cpu else ""))
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
        assert lines[0].split()[1] == "200" and body["total"] >= 0, (path, body)
        return [], [200]
    finally:
        writer.close()
        await writer.wait_closed()
