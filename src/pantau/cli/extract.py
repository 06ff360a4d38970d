"""`pantau extract`: read articles, code their events, store them, optionally export them."""

from __future__ import annotations

import os
from pathlib import Path
from typing import Annotated, Optional

import typer
from rich.table import Table

from pantau import api
from pantau.cli.options import (
    DbOption,
    ProgressOption,
    WorkersOption,
    err_console,
    out_console,
    parse_columns,
    parse_pub_date,
    progress_bar,
)
from pantau.export import format_for
from pantau.packs import PackSet
from pantau.pipeline import Settings
from pantau.runners.heap import Settled
from pantau.stages.read import ReadOptions
from pantau.store.duckdb import DEFAULT_DB

__all__ = ["extract", "print_summary"]


def print_summary(summary: api.ExtractSummary) -> None:
    """The end-of-run table, with each input error on its own line (on stderr)."""
    errors = err_console()
    for line in [*summary.input_errors, *summary.article_errors]:
        errors.print(line, markup=False)
    table = Table(title="pantau extract", show_header=False, title_justify="left")
    table.add_column("what")
    table.add_column("count", justify="right")
    table.add_row("articles read", str(summary.articles_read))
    table.add_row("articles coded", str(summary.articles_coded))
    for reason, count in sorted(summary.skipped.items()):
        table.add_row(f"skipped: {reason}", str(count))
    if summary.article_errors:
        table.add_row("articles with errors (listed above)", str(len(summary.article_errors)))
    table.add_row("input errors", str(len(summary.input_errors)))
    for note, count in sorted(summary.notes.items()):
        table.add_row(f"note: {note}", str(count))
    table.add_row("events found and stored", str(summary.events))
    table.add_row("events without date", str(summary.events_without_date))
    table.add_row("stored in", str(summary.db))
    if summary.export is not None:
        table.add_row(f"written to ({summary.export.format})", f"{summary.export.path} ({summary.export.written} events)")
        if summary.export.left_out_no_date:
            table.add_row("left out of CSV (no date)", str(summary.export.left_out_no_date))
    out_console().print(table)


def extract(
    inputs: Annotated[list[str], typer.Argument(help="Files, folders or globs: .txt .html .json .jsonl .csv .parquet .warc(.gz).", show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
    out: Annotated[
        Optional[Path],
        typer.Option("-o", "--out", help="Also write the events of these inputs here; format from the extension (.jsonl .csv .geojson .parquet)."),
    ] = None,
    pub_date: Annotated[
        Optional[str],
        typer.Option("--pub-date", metavar="YYYY-MM-DD", help="Publication date for articles that carry none (record and dateline come first)."),
    ] = None,
    lang: Annotated[
        Optional[str], typer.Option("--lang", help="Force the language (a pack code such as id or en) instead of detecting it.")
    ] = None,
    workers: WorkersOption = os.cpu_count() or 1,
    column: Annotated[
        Optional[list[str]],
        typer.Option("--column", metavar="OURS=THEIRS", help="Map a field to an input column, e.g. text=body (repeatable)."),
    ] = None,
    max_mb: Annotated[float, typer.Option("--max-mb", min=0.001, help="Skip input files larger than this many MB.")] = 50.0,
    progress: ProgressOption = None,
    engine: Annotated[
        str,
        typer.Option("--engine", help="Where to run: local (this process), pool (--workers processes) or dask (a Dask cluster; each input file is a shard)."),
    ] = "pool",
    scheduler: Annotated[
        Optional[str],
        typer.Option("--scheduler", metavar="ADDRESS", help="With --engine dask: the scheduler, e.g. tcp://10.0.0.5:8786 (default: a local cluster of --workers processes)."),
    ] = None,
    parts: Annotated[
        Optional[Path],
        typer.Option("--parts", help="With --engine dask: folder for the Parquet parts (by country and month) and the shard done-markers (default: <db>.parts)."),
    ] = None,
    rank: Annotated[int, typer.Option("--rank", min=0, help="With --engine dask: take only the input files i with i % world-size == rank.")] = 0,
    world_size: Annotated[int, typer.Option("--world-size", min=1, help="With --engine dask: how many independent jobs split the input files.")] = 1,
) -> None:
    """Read news articles, extract ACLED-style events, store them in DuckDB.

    Running it again on the same inputs changes nothing in the store. Bad inputs are
    reported one line each and skipped; the exit code is 1 only when no article could be read.
    """
    if out is not None:
        try:
            format_for(out)
        except ValueError as exc:
            raise typer.BadParameter(str(exc), param_hint="-o") from None
    languages = PackSet().languages
    if lang is not None and lang not in languages:
        raise typer.BadParameter(f"no language pack {lang!r}; available: {', '.join(languages)}", param_hint="--lang")
    if engine not in ("local", "pool", "dask"):
        raise typer.BadParameter(f"{engine!r} is not one of local, pool, dask", param_hint="--engine")
    if rank >= world_size:
        raise typer.BadParameter(f"rank {rank} must be below --world-size {world_size}", param_hint="--rank")
    settings = Settings(default_pub_date=parse_pub_date(pub_date), force_language=lang)
    options = ReadOptions(columns=parse_columns(column), max_mb=max_mb)
    with progress_bar(progress, "articles") as callback:
        summary = api.extract(
            inputs, db=db, out=out, settings=settings, read_options=options, workers=workers, progress=callback,
            engine=engine, scheduler=scheduler, parts=parts, rank=rank, world_size=world_size,
            factory=Settled(api.Pipeline),  # this process and its workers only run pipelines: see runners.heap
        )
    print_summary(summary)
    if summary.articles_read == 0 and api.SHARDS_DONE_NOTE not in summary.notes:
        err_console().print("nothing could be read from the inputs", markup=False)
        raise typer.Exit(1)
