"""`pantau export`: write every stored event as ACLED CSV, JSONL, GeoJSON or Parquet."""

from __future__ import annotations

from enum import Enum
from pathlib import Path
from typing import Annotated, Optional

import typer

from pantau import api
from pantau.cli.options import DbOption, out_console
from pantau.export import format_for
from pantau.store.duckdb import DEFAULT_DB

__all__ = ["Format", "export"]


class Format(str, Enum):
    csv = "csv"
    jsonl = "jsonl"
    geojson = "geojson"
    parquet = "parquet"


def export(
    out: Annotated[Path, typer.Option("-o", "--out", help="File to write.", show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
    fmt: Annotated[
        Optional[Format],
        typer.Option("--format", "-f", help="Output format (default: from the extension of -o). csv is ACLED-compatible."),
    ] = None,
) -> None:
    """Export every event in the store.

    The CSV has ACLED's columns, order and value forms (event_date written as
    YYYY-MM-DD); events with no date cannot be ACLED rows and are left out of it
    (their count is printed).
    """
    try:
        chosen = format_for(out, fmt.value if fmt else None)
    except ValueError as exc:
        raise typer.BadParameter(str(exc), param_hint="--format") from None
    result = api.export(out, db=db, fmt=chosen)
    console = out_console()
    console.print(f"wrote {result.written} events to {result.path} ({result.format})", markup=False)
    if result.left_out_no_date:
        console.print(f"left out of the CSV: {result.left_out_no_date} events without a date", markup=False)
