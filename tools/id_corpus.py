"""Join our own annotations with the Indonesian test corpus into gold files.

The corpus texts belong to their publishers and may not live in this repository,
so our annotations are kept as ids and events only (a JSONL file, one line per
annotated article: ``{"doc_id": ..., "events": [gold events of events.md]}``). This
tool takes the articles named in an id list, looks up their text in the corpus at
run time, and writes one gold JSON file per annotated article into a folder outside
the repository. An annotation line with ``"events": []`` says "this article holds no
event" and is written too (a hard negative).

Usage:
    python tools/id_corpus.py --ids dev_ids.txt --annotations ANN.jsonl \\
        --corpus id_news_conflict_sample.jsonl --out DIR
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Iterable, Iterator, Mapping, Sequence
from datetime import date
from pathlib import Path
from typing import Any

from pantau.records import EVENT_TYPES, INTER_LABELS

REPO = Path(__file__).resolve().parents[1]

# Gold event fields (events.md "Gold files"): name -> may it be null?
EVENT_FIELDS: dict[str, bool] = {
    "event_date": False,
    "time_precision": False,
    "event_type": False,
    "sub_event_type": True,
    "actor1": False,
    "inter1": False,
    "actor2": True,
    "inter2": True,
    "country": False,
    "admin1": True,
    "location": False,
    "latitude": False,
    "longitude": False,
    "geo_precision": False,
    "fatalities": False,
    "optional": False,
    "evidence": False,
}


class AnnotationError(ValueError):
    """A malformed id list, annotation line or corpus line (the message names file and line)."""


def _is_int(value: object) -> bool:
    return isinstance(value, int) and not isinstance(value, bool)


def _is_number(value: object) -> bool:
    return isinstance(value, (int, float)) and not isinstance(value, bool)


def _is_iso_date(value: object) -> bool:
    if not isinstance(value, str):
        return False
    try:
        date.fromisoformat(value)
    except ValueError:
        return False
    return bool(re.fullmatch(r"\d{4}-\d{2}-\d{2}", value))


def event_problems(event: object) -> list[str]:
    """What is wrong with one gold event (empty when it follows events.md)."""
    if not isinstance(event, dict):
        return ["an event must be a JSON object"]
    problems = [f"missing field {name!r}" for name in EVENT_FIELDS if name not in event]
    problems += [f"unknown field {name!r}" for name in event if name not in EVENT_FIELDS]
    if problems:
        return problems
    required = [name for name, nullable in EVENT_FIELDS.items() if not nullable]
    problems = [f"{name} must not be null" for name in required if event[name] is None]
    if problems:
        return problems
    checks: list[tuple[bool, str]] = [
        (_is_iso_date(event["event_date"]), "event_date must be YYYY-MM-DD"),
        (event["time_precision"] in (1, 2, 3) and _is_int(event["time_precision"]), "time_precision must be 1, 2 or 3"),
        (event["event_type"] in EVENT_TYPES, f"event_type {event['event_type']!r} is not an ACLED type"),
        (isinstance(event["actor1"], str) and bool(event["actor1"].strip()), "actor1 must be a non-empty string"),
        (_is_int(event["inter1"]) and event["inter1"] in INTER_LABELS, "inter1 must be an inter code 1..8"),
        (
            event["actor2"] is None or isinstance(event["actor2"], str) and bool(event["actor2"].strip()),
            "actor2 must be a string or null",
        ),
        (
            (event["actor2"] is None and event["inter2"] is None)
            or (event["actor2"] is not None and _is_int(event["inter2"]) and event["inter2"] in INTER_LABELS),
            "inter2 must be an inter code 1..8 when actor2 is given, null otherwise",
        ),
        (bool(re.fullmatch(r"[A-Z]{3}", str(event["country"]))), "country must be an ISO3 code"),
        (event["admin1"] is None or isinstance(event["admin1"], str), "admin1 must be a string or null"),
        (isinstance(event["location"], str) and bool(event["location"].strip()), "location must be a non-empty string"),
        (_is_number(event["latitude"]) and -90 <= event["latitude"] <= 90, "latitude must be in -90..90"),
        (_is_number(event["longitude"]) and -180 <= event["longitude"] <= 180, "longitude must be in -180..180"),
        (event["geo_precision"] in (1, 2, 3) and _is_int(event["geo_precision"]), "geo_precision must be 1, 2 or 3"),
        (_is_int(event["fatalities"]) and event["fatalities"] >= 0, "fatalities must be a whole number >= 0"),
        (isinstance(event["optional"], bool), "optional must be true or false"),
        (isinstance(event["evidence"], str) and bool(event["evidence"].strip()), "evidence must be a non-empty quote"),
    ]
    problems = [message for ok, message in checks if not ok]
    sub_type = event["sub_event_type"]
    if event["event_type"] in EVENT_TYPES and sub_type is not None and sub_type not in EVENT_TYPES[event["event_type"]]:
        problems.append(f"sub_event_type {sub_type!r} is not a sub-type of {event['event_type']!r}")
    return problems


def evidence_in_text(evidence: str, text: str) -> bool:
    """True when every part of the quote (parts split at '...' or '…') occurs in the text, spaces aside."""
    flat = " ".join(text.split()).lower()
    parts = [" ".join(part.split()).lower() for part in re.split(r"\.\.\.|…", evidence)]
    return all(part in flat for part in parts if part)


def read_ids(path: Path) -> list[str]:
    """Doc ids, one a line; blank lines and '#' comments are skipped; order kept, repeats dropped."""
    ids: dict[str, None] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        text = line.strip()
        if text and not text.startswith("#"):
            ids.setdefault(text, None)
    return list(ids)


def _json_lines(path: Path) -> Iterator[tuple[int, Any]]:
    with path.open(encoding="utf-8") as handle:
        for number, line in enumerate(handle, start=1):
            if not line.strip():
                continue
            try:
                yield number, json.loads(line)
            except json.JSONDecodeError as exc:
                raise AnnotationError(f"{path}:{number}: invalid JSON: {exc.msg}") from None


def read_annotations(path: Path) -> dict[str, list[dict[str, Any]]]:
    """doc_id -> gold events, every event checked against events.md."""
    annotations: dict[str, list[dict[str, Any]]] = {}
    for number, record in _json_lines(path):
        where = f"{path}:{number}"
        if not isinstance(record, dict) or not isinstance(record.get("doc_id"), str) or not record["doc_id"]:
            raise AnnotationError(f"{where}: a line must be an object with a doc_id")
        if "text" in record:
            raise AnnotationError(f"{where}: annotations must not carry the article text")
        events = record.get("events")
        if not isinstance(events, list):
            raise AnnotationError(f"{where}: events must be a list")
        for index, event in enumerate(events):
            problems = event_problems(event)
            if problems:
                raise AnnotationError(f"{where}: event {index}: {'; '.join(problems)}")
        if record["doc_id"] in annotations:
            raise AnnotationError(f"{where}: doc_id {record['doc_id']!r} is annotated twice")
        annotations[record["doc_id"]] = events
    return annotations


def read_corpus(path: Path, wanted: Iterable[str]) -> dict[str, dict[str, Any]]:
    """The corpus records whose doc_id is wanted (the file is streamed, not loaded whole)."""
    wanted_ids = set(wanted)
    found: dict[str, dict[str, Any]] = {}
    for number, record in _json_lines(path):
        if not isinstance(record, dict):
            raise AnnotationError(f"{path}:{number}: a line must be a JSON object")
        doc_id = record.get("doc_id")
        if doc_id in wanted_ids:
            if not isinstance(record.get("text"), str) or not record["text"].strip():
                raise AnnotationError(f"{path}:{number}: record {doc_id!r} has no text")
            found[doc_id] = record
    return found


def gold_doc(record: Mapping[str, Any], events: Sequence[dict[str, Any]]) -> dict[str, Any]:
    """The gold file of one article: the corpus record's text and metadata with our events."""
    return {
        "doc_id": record["doc_id"],
        "url": record.get("url"),
        "publisher": record.get("publisher"),
        "pub_date": record.get("pub_date"),
        "language": record.get("language") or record.get("lang") or "id",
        "title": record.get("title"),
        "text": record["text"],
        "events": list(events),
    }


def file_name(doc_id: str) -> str:
    """A safe file name for a doc_id."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", doc_id) + ".json"


def inside_repo(path: Path) -> bool:
    """True when path lies inside this repository (where corpus texts must not land)."""
    return path.resolve().is_relative_to(REPO)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Join id-only annotations with the corpus texts into gold files.")
    parser.add_argument("--ids", type=Path, required=True, help="file of doc_ids to convert, one a line")
    parser.add_argument("--annotations", type=Path, required=True, help="JSONL: doc_id and events per line, no text")
    parser.add_argument("--corpus", type=Path, required=True, help="the corpus JSONL holding the texts")
    parser.add_argument("--out", type=Path, required=True, help="output folder (outside the repository)")
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if inside_repo(args.out):
        print(f"error: {args.out} is inside the repository; corpus texts must stay outside it", file=sys.stderr)
        return 2
    for path in (args.ids, args.annotations, args.corpus):
        if not path.is_file():
            print(f"error: {path}: no such file", file=sys.stderr)
            return 2
    try:
        ids = read_ids(args.ids)
        annotations = read_annotations(args.annotations)
        wanted = [doc_id for doc_id in ids if doc_id in annotations]
        corpus = read_corpus(args.corpus, wanted)
    except (AnnotationError, UnicodeDecodeError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 2
    args.out.mkdir(parents=True, exist_ok=True)
    written = missing = 0
    for doc_id in wanted:
        record = corpus.get(doc_id)
        if record is None:
            print(f"{args.corpus}: doc_id {doc_id!r} is annotated but not in the corpus", file=sys.stderr)
            missing += 1
            continue
        for index, event in enumerate(annotations[doc_id]):
            if not evidence_in_text(event["evidence"], record["text"]):
                print(f"{args.annotations}: {doc_id} event {index}: evidence not found in the text", file=sys.stderr)
        doc = gold_doc(record, annotations[doc_id])
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        (args.out / file_name(doc_id)).write_text(text, encoding="utf-8")
        written += 1
    not_annotated = len(ids) - len(wanted)
    not_listed = len(set(annotations) - set(ids))
    print(
        f"wrote {written} gold files to {args.out} ({len(ids)} ids: {not_annotated} not annotated, "
        f"{missing} not in the corpus; {not_listed} annotations not in the id list)"
    )
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
