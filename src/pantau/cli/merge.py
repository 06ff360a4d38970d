"""`pantau merge EVENT_ID EVENT_ID...`: force reports of one incident into one event."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from pantau import api
from pantau.cli.options import DbOption, out_console
from pantau.store.duckdb import DEFAULT_DB

__all__ = ["merge"]


def merge(
    event_ids: Annotated[list[str], typer.Argument(help="Two or more events that are one incident.", show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
) -> None:
    """Merge events the rules kept apart. The decision is stored and holds on every later run."""
    if len(event_ids) < 2:
        raise typer.BadParameter("give at least two event ids", param_hint="EVENT_IDS")
    events = api.merge(event_ids, db=db)
    out_console().print(f"merged {' + '.join(event_ids)} into {', '.join(events)}", markup=False)
