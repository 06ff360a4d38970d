"""`pantau eval`: score extraction against gold files (events.md's matching rule)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Annotated

import typer
from rich.table import Table

from pantau import api
from pantau.cli.options import WorkersOption, out_console
from pantau.eval import Report

__all__ = ["eval_command", "print_report"]


def _pct(value: float | None) -> str:
    return "-" if value is None else f"{value:.3f}"


def print_report(report: Report, detail: bool) -> None:
    console = out_console()
    table = Table(title=f"pantau eval: {len(report.docs)} documents", title_justify="left")
    for name in ("scoring", "precision", "recall", "F1", "TP", "FP", "FN", "optional matched"):
        table.add_column(name, justify="right" if name != "scoring" else "left")
    for label, counts in (("typed", report.typed), ("untyped", report.untyped)):
        table.add_row(
            label, _pct(counts.precision), _pct(counts.recall), _pct(counts.f1),
            str(counts.tp), str(counts.fp), str(counts.fn), str(counts.optional_matched),
        )
    console.print(table)
    fields = Table(title="field accuracy on matched events", title_justify="left")
    for name in ("field", "accuracy", "correct", "matched"):
        fields.add_column(name, justify="left" if name == "field" else "right")
    for name, score in report.fields.items():
        fields.add_row(name, _pct(score.accuracy), str(score.correct), str(score.total))
    console.print(fields)
    if not detail:
        return
    for doc in report.docs:
        c = doc.counts
        head = f"{doc.doc_id} ({doc.origin}): TP {c.tp} FP {c.fp} FN {c.fn} optional {c.optional_matched}"
        console.print(head + (f" — skipped: {doc.skipped}" if doc.skipped else ""), markup=False)
        for pred, gold in doc.matched:
            tag = " (optional)" if gold.optional else ""
            console.print(f"  match{tag}: {_line(pred)}  ~  gold {_line(gold.event)}", markup=False)
        for pred in doc.false_positives:
            console.print(f"  false positive: {_line(pred)}", markup=False)
        for gold in doc.missed:
            console.print(f"  missed: {_line(gold.event)}", markup=False)


def _line(event) -> str:
    day = event.event_date.isoformat() if event.event_date else "no date"
    actors = event.actor1 + (f" vs {event.actor2}" if event.actor2 else "")
    return f"{day} {event.event_type}/{event.sub_event_type} [{actors}] @ {event.location} ({event.fatalities} dead)"


def eval_command(
    gold: Annotated[list[Path], typer.Argument(help="Gold files (*.json) or folders holding them.", show_default=False)],
    as_json: Annotated[bool, typer.Option("--json", help="Print the report as JSON.")] = False,
    detail: Annotated[bool, typer.Option("--detail", help="Also show each document's matches, false positives and misses.")] = False,
    workers: WorkersOption = 1,
) -> None:
    """Run extraction on gold articles and report precision, recall, F1 and field accuracy.

    A prediction matches a gold event with the same event type, a date within the
    gold's precision (±1 day, ±7 days, same month) and a place within 50 km (or the
    same admin1 when either side has geo_precision 3). Untyped scores ignore the type.
    """
    report = api.evaluate(gold, workers=workers)
    if as_json:
        typer.echo(json.dumps(report.to_dict(detail=detail), indent=2, ensure_ascii=False))
    else:
        print_report(report, detail)
