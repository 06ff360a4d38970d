"""`pantau serve`: the dashboard and JSON API over an event store, read-only."""

from __future__ import annotations

import ipaddress
import os
from pathlib import Path
from typing import Annotated

import typer

from pantau.cli.options import err_console, out_console
from pantau.store.duckdb import DEFAULT_DB

__all__ = ["serve"]


def _is_loopback(host: str) -> bool:
    if host == "localhost":
        return True
    try:
        return ipaddress.ip_address(host).is_loopback
    except ValueError:
        return False


def serve(
    db: Annotated[Path, typer.Option("--db", help="DuckDB event store to show (opened read-only).")] = Path(DEFAULT_DB),
    host: Annotated[str, typer.Option("--host", help="Address to listen on. Anything but loopback exposes the store to the network.")] = "127.0.0.1",
    port: Annotated[int, typer.Option("--port", min=1, max=65535, help="Port to listen on.")] = 8000,
    workers: Annotated[int, typer.Option("--workers", min=1, max=32, help="Server processes (each opens the store read-only).")] = 1,
) -> None:
    """Serve the dashboard (map, timeline, table, sources) and the JSON API at http://HOST:PORT.

    Works with no internet: every script, style and map layer comes from this
    process. The API is documented at /docs.
    """
    import uvicorn

    from pantau.serve.app import DB_ENV, create_app, missing_assets

    app = create_app(db)  # fails here, with a one-line error, when the store cannot be opened
    missing = missing_assets()
    if missing:
        err_console().print(
            f"pantau: the dashboard's front-end files are not installed ({', '.join(missing[:3])}...): "
            "run `make frontend`; the JSON API works without them",
            markup=False,
        )
    if not _is_loopback(host):
        err_console().print(f"pantau: warning: listening on {host}, not loopback: anyone who can reach it can read the store", markup=False)
    shown = f"[{host}]" if ":" in host else host
    out_console().print(f"pantau: serving {db} at http://{shown}:{port} (API docs: /docs); Ctrl+C to stop", markup=False)
    if workers == 1:
        # httptools and uvloop (installed with pantau) are uvicorn's "auto" choice; no proxy-header
        # rewriting (the server is not meant to sit behind a proxy): one layer less per request.
        uvicorn.run(app, host=host, port=port, log_level="warning", access_log=False, proxy_headers=False)
        return
    app.state.events_db.close()
    os.environ[DB_ENV] = str(db.resolve())
    uvicorn.run("pantau.serve.app:app_from_environment", factory=True, workers=workers, host=host, port=port,
                log_level="warning", access_log=False, proxy_headers=False)
