"""`pantau demo`: extract the bundled example articles and show the events."""

from __future__ import annotations

from importlib import resources
from pathlib import Path

import typer
from rich.table import Table

from pantau import api
from pantau.cli.extract import print_summary
from pantau.cli.options import ProgressOption, out_console, progress_bar
from pantau.store.duckdb import Store

__all__ = ["DEMO_DB", "demo"]

DEMO_DB = "pantau-demo.duckdb"


def demo(progress: ProgressOption = None) -> None:
    """Extract the bundled example corpus into pantau-demo.duckdb (made fresh) and print its events."""
    examples = resources.files("pantau").joinpath("examples")
    if not examples.is_dir():
        raise typer.BadParameter(f"{examples}: the bundled example corpus is missing from this installation")
    db = Path(DEMO_DB)
    for stale in (db, db.with_name(db.name + ".wal")):
        stale.unlink(missing_ok=True)
    with resources.as_file(examples) as folder, progress_bar(progress, "articles") as callback:
        summary = api.extract([str(folder)], db=db, progress=callback)
    with Store(db, read_only=True) as store:
        events = store.events()
    table = Table(title=f"{len(events)} events from the example articles", title_justify="left")
    for name in ("date", "type / sub-type", "actors", "place", "dead"):
        table.add_column(name, justify="right" if name == "dead" else "left")
    for e in events:
        place = ", ".join(p for p in (e.location, e.admin1, e.country) if p)
        actors = e.actor1 + (f" vs {e.actor2}" if e.actor2 else "")
        day = e.event_date.isoformat() if e.event_date else "(no date)"
        table.add_row(day, f"{e.event_type} / {e.sub_event_type}", actors, place, str(e.fatalities))
    out_console().print(table)
    print_summary(summary)
    out_console().print(f"stored in {db.resolve()} (try: pantau export --db {db} -o events.csv)", markup=False)
    out_console().print(f"see them on a map: pantau serve --db {db}  then open http://127.0.0.1:8000", markup=False)
