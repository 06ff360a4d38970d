"""`pantau reprocess`: extract again over the stored articles after a pack or dictionary change."""

from __future__ import annotations

from pathlib import Path

from pantau import api
from pantau.cli.extract import print_summary
from pantau.cli.options import DbOption, ProgressOption, WorkersOption, progress_bar
from pantau.runners.heap import Settled
from pantau.store.duckdb import DEFAULT_DB

__all__ = ["reprocess"]


def reprocess(db: DbOption = Path(DEFAULT_DB), workers: WorkersOption = 1, progress: ProgressOption = None) -> None:
    """Re-run extraction on every stored article; events that stay the same keep their ids,
    and analysts' split/merge decisions still hold."""
    with progress_bar(progress, "articles") as callback:
        summary = api.reprocess(db=db, workers=workers, progress=callback, factory=Settled(api.Pipeline))  # see runners.heap
    print_summary(summary)
