"""Start `pantau serve`'s app under uvicorn in a child process on a free loopback port."""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

# The `pantau serve` command itself, so the test runs what users run.
SERVER = "import sys; from pantau.cli import main; sys.exit(main(sys.argv[1:]))"


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        return sock.getsockname()[1]


def tree_cpu_seconds(pid: int) -> float | None:
    """CPU seconds used so far by process ``pid`` and its descendants (Linux /proc; None elsewhere)."""
    total, todo = 0.0, [pid]
    tick = os.sysconf("SC_CLK_TCK")
    while todo:
        current = todo.pop()
        try:
            fields = Path(f"/proc/{current}/stat").read_text().rsplit(")", 1)[1].split()
            total += (int(fields[11]) + int(fields[12])) / tick  # utime, stime
            for task in Path(f"/proc/{current}/task").iterdir():
                todo += [int(c) for c in (task / "children").read_text().split()]
        except (OSError, IndexError, ValueError):
            if current == pid:
                return None
    return total


def _settle(pid: int, timeout: float) -> None:
    """Wait until the server's processes are idle: every worker has loaded the store (not just the first)."""
    deadline = time.monotonic() + timeout
    before = tree_cpu_seconds(pid)
    while before is not None and time.monotonic() < deadline:
        time.sleep(0.5)
        after = tree_cpu_seconds(pid)
        if after is None or after - before < 0.05:
            return
        before = after


@contextmanager
def running_server(db: Path, timeout: float = 30.0, workers: int = 1, settle: bool = False,
                   pid_out: list[int] | None = None) -> Iterator[str]:
    """Yield the base URL of a server over ``db``; stop it (by its own pid) afterwards.

    ``settle``: also wait until the server processes are idle, so that a measurement
    does not start while a worker is still reading the store.
    """
    port = free_port()
    args = ["serve", "--db", str(db), "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)]
    proc = subprocess.Popen([sys.executable, "-c", SERVER, *args],
                            stdout=subprocess.PIPE, stderr=subprocess.STDOUT)
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + timeout
        while True:
            if proc.poll() is not None:
                out = proc.stdout.read().decode("utf-8", "replace") if proc.stdout else ""
                raise RuntimeError(f"server exited with {proc.returncode}: {out[-2000:]}")
            try:
                with urllib.request.urlopen(base + "/api/facets", timeout=2) as response:
                    if response.status == 200:
                        break
            except OSError:
                pass
            if time.monotonic() > deadline:
                raise RuntimeError("server did not start in time")
            time.sleep(0.1)
        if pid_out is not None:
            pid_out.append(proc.pid)
        if settle:
            _settle(proc.pid, max(0.0, deadline - time.monotonic()))
        yield base
    finally:
        proc.terminate()
        try:
            proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            proc.kill()
            proc.wait()
        if proc.stdout:
            proc.stdout.close()
