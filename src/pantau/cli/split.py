"""`pantau split EVENT_ID`: undo a merge; the decision holds on every later run."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Optional

import typer

from pantau import api
from pantau.cli.options import DbOption, out_console
from pantau.store.duckdb import DEFAULT_DB

__all__ = ["split", "print_explanation"]


def print_explanation(explanation: api.MergeExplanation) -> None:
    console = out_console()
    console.print(f"event {explanation.event_id}: {len(explanation.reports)} report(s)", markup=False)
    for key in explanation.reports:
        console.print(f"  report {key}", markup=False)
    for a, b, reason in explanation.links:
        console.print(f"  merged {a} + {b}: {reason}", markup=False)


def split(
    event_id: Annotated[str, typer.Argument(help="The merged event to take apart.", show_default=False)],
    db: DbOption = Path(DEFAULT_DB),
    doc: Annotated[
        Optional[str], typer.Option("--doc", metavar="DOC_ID", help="Detach only this article's report from the event.")
    ] = None,
    why: Annotated[bool, typer.Option("--why", help="Only show the event's reports and why they were merged.")] = False,
) -> None:
    """Split a merged event into its reports (or detach one article with --doc).

    The decision is stored: reruns, new articles and `pantau reprocess` keep these reports apart.
    """
    if why:
        print_explanation(api.explain(event_id, db=db))
        return
    events = api.split(event_id, db=db, doc_id=doc)
    out_console().print(f"split {event_id}: now {len(events)} event(s): {', '.join(events)}", markup=False)
