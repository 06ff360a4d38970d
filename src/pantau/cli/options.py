"""Option types shared by several commands, and the console helpers they print with."""

from __future__ import annotations

import sys
from contextlib import contextmanager
from datetime import date
from pathlib import Path
from typing import Annotated, Callable, Iterator, Optional

import typer
from typer.exceptions import TyperException
from rich.console import Console
from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeRemainingColumn

__all__ = [
    "handle_errors",
    "DbOption",
    "ProgressOption",
    "WorkersOption",
    "err_console",
    "out_console",
    "parse_columns",
    "parse_pub_date",
    "progress_bar",
]

DbOption = Annotated[
    Path, typer.Option("--db", help="DuckDB file holding articles and events (created when missing).")
]
WorkersOption = Annotated[
    int, typer.Option("--workers", min=1, help="Processes to run the pipeline in (1 = this process).")
]
ProgressOption = Annotated[
    Optional[bool],
    typer.Option(
        "--progress/--no-progress",
        help="Show a progress bar over articles (default: when the terminal is interactive).",
        show_default=False,
    ),
]


def out_console() -> Console:
    return Console(highlight=False, soft_wrap=True)


def err_console() -> Console:
    return Console(stderr=True, highlight=False, soft_wrap=True)


def parse_pub_date(value: str | None) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise typer.BadParameter(f"invalid date {value!r} (expected YYYY-MM-DD)", param_hint="--pub-date") from None


def parse_columns(values: list[str] | None) -> dict[str, str]:
    """``ours=theirs`` pairs -> {ours: theirs}."""
    out: dict[str, str] = {}
    for value in values or []:
        ours, sep, theirs = value.partition("=")
        if not sep or not ours.strip() or not theirs.strip():
            raise typer.BadParameter(f"{value!r} is not of the form ours=theirs (e.g. text=body)", param_hint="--column")
        out[ours.strip()] = theirs.strip()
    return out


@contextmanager
def progress_bar(show: bool | None, label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress callback (done, total) drawing a rich bar on stderr, or None when not shown."""
    if show is None:
        show = sys.stderr.isatty()
    if not show:
        yield None
        return
    columns = (TextColumn(label), BarColumn(), MofNCompleteColumn(), TimeRemainingColumn())
    with Progress(*columns, console=err_console(), transient=True) as bar:
        task = bar.add_task(label, total=None)

        def update(done: int, total: int) -> None:
            bar.update(task, completed=done, total=total)

        yield update


def handle_errors(command: Callable[..., None]) -> Callable[..., None]:
    """Turn pantau errors (and unexpected ones) into one line on stderr and exit code 1."""
    import functools

    from pantau.errors import PantauError

    @functools.wraps(command)
    def wrapper(*args: object, **kwargs: object) -> None:
        try:
            command(*args, **kwargs)
        except (typer.Exit, typer.Abort, TyperException):
            raise
        except PantauError as exc:
            err_console().print(f"pantau: {exc}", markup=False)
            raise typer.Exit(1) from None
        except OSError as exc:
            err_console().print(f"pantau: {exc.filename or ''}: {exc.strerror or exc}", markup=False)
            raise typer.Exit(1) from None
        except Exception as exc:  # no traceback for users; the message names what failed
            err_console().print(f"pantau: unexpected error: {type(exc).__name__}: {exc}", markup=False)
            raise typer.Exit(1) from None

    return wrapper

