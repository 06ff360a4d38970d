"""Turn ACLED CSV rows into gold files (events.md "Gold files") so `pantau eval` can
score extraction from ACLED's own notes against ACLED's own coding.

Each row becomes one gold JSON file: the row's ``notes`` are the article text, its
``event_date`` the publication date, and its coded fields the one gold event.
Both ACLED layouts are read: the current one (lower-case columns, ``sub_event_type``,
``iso3``, dates like ``9-May-20``) and the pre-2019 one (upper-case columns, old
event types such as "Battle-No change of territory", dates like ``01-January-2015``).

ACLED data may not be redistributed, so there is no default output folder and the
tool refuses to write inside this repository.

Usage:
    python tools/acled_gold.py ACLED.csv --out DIR [--sample N --seed S --stratify sub_event_type]
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import re
import sys
from collections import Counter, defaultdict
from collections.abc import Callable, Iterator, Mapping, Sequence
from dataclasses import dataclass
from datetime import date, datetime
from importlib import resources
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar

import pycountry

from pantau.records import EVENT_TYPES, INTER_LABELS

T = TypeVar("T")

REPO = Path(__file__).resolve().parents[1]

# Pre-2019 ACLED event types -> (current event_type, sub_event_type or None when the
# old type does not say which sub-type it was).
OLD_EVENT_TYPES: Mapping[str, tuple[str, str | None]] = MappingProxyType(
    {
        "Battle-No change of territory": ("Battles", "Armed clash"),
        "Battle-Government regains territory": ("Battles", "Government regains territory"),
        "Battle-Non-state actors overtake territory": ("Battles", "Non-state actor overtakes territory"),
        "Battle-Non-state actor overtakes territory": ("Battles", "Non-state actor overtakes territory"),
        "Riots/Protests": ("Protests", None),
        "Violence against civilians": ("Violence against civilians", None),
        "Remote violence": ("Explosions/Remote violence", None),
        "Strategic development": ("Strategic developments", None),
        "Non-violent transfer of territory": ("Strategic developments", "Non-violent transfer of territory"),
        "Headquarters or base established": ("Strategic developments", "Headquarters or base established"),
    }
)

# The date forms ACLED files carry: Excel re-saves ("9-May-20"), the old layout
# ("01-January-2015"), ACLED's current export ("09 May 2020") and ISO.
DATE_FORMATS: tuple[str, ...] = ("%Y-%m-%d", "%d-%b-%y", "%d-%B-%Y", "%d-%b-%Y", "%d %B %Y", "%d %b %Y", "%d-%B-%y")

EVIDENCE_CHARS = 120


class RowError(ValueError):
    """One ACLED row that cannot become a gold event; ``reason`` is the column at fault."""

    def __init__(self, reason: str, message: str) -> None:
        super().__init__(message)
        self.reason = reason


@dataclass(frozen=True, slots=True)
class GoldDoc:
    """One converted row: the gold file's content and where it came from."""

    line: int
    doc: dict[str, Any]

    @property
    def event(self) -> dict[str, Any]:
        return self.doc["events"][0]


def read_rows(path: Path) -> Iterator[tuple[int, dict[str, str]]]:
    """Yield (line number, row with lower-case column names); the old layout is upper-case."""
    with path.open(encoding="utf-8-sig", newline="") as handle:
        reader = csv.DictReader(handle)
        if reader.fieldnames is None:
            return
        names = [name.strip().lower() for name in reader.fieldnames]
        if "notes" not in names or "event_id_cnty" not in names:
            found = ", ".join(names)
            raise RowError("file", f"{path}: not an ACLED CSV (no notes or event_id_cnty column; found {found})")
        for raw in reader:
            row = {key.strip().lower(): (value or "").strip() for key, value in raw.items() if key is not None}
            yield reader.line_num, row


def parse_date(value: str) -> date:
    """ACLED dates in any of the forms its files have used."""
    for form in DATE_FORMATS:
        try:
            return datetime.strptime(value, form).date()
        except ValueError:
            continue
    raise RowError("event_date", f"event_date {value!r} is not a date ACLED writes")


def parse_inter(value: str, column: str) -> int | None:
    """ACLED's inter code, given as a digit or as its label ("Rebel group"); 0 or empty is none."""
    if not value:
        return None
    if value.isdigit():
        code = int(value)
        if code == 0:
            return None
        if code in INTER_LABELS:
            return code
        raise RowError(column, f"{column} {value!r} is not an ACLED inter code")
    for code, label in INTER_LABELS.items():
        if label.lower() == value.lower():
            return code
    raise RowError(column, f"{column} {value!r} is not an ACLED inter code")


def _int(row: Mapping[str, str], column: str) -> int:
    value = row.get(column, "")
    try:
        return int(float(value))
    except ValueError:
        raise RowError(column, f"{column} {value!r} is not a number") from None


def _float(row: Mapping[str, str], column: str) -> float:
    value = row.get(column, "")
    try:
        return float(value)
    except ValueError:
        raise RowError(column, f"{column} {value!r} is not a number") from None


class CountryCodes:
    """Country name or numeric ISO -> ISO3, from the project's country table then pycountry."""

    def __init__(self) -> None:
        by_name: dict[str, str] = {}
        table = resources.files("pantau.knowledge") / "countries.tsv"
        if table.is_file():
            with table.open(encoding="utf-8") as handle:
                for record in csv.DictReader(handle, delimiter="\t"):
                    for name in [record.get("acled_name", ""), *record.get("names_en", "").split("|")]:
                        if name:
                            by_name.setdefault(name.lower(), record["iso3"])
        self._by_name = by_name

    def iso3(self, row: Mapping[str, str]) -> str:
        """The row's ISO3: its iso3 column, else its numeric iso, else its country name."""
        code = row.get("iso3", "").upper()
        if re.fullmatch(r"[A-Z]{3}", code):
            return code
        numeric = row.get("iso", "")
        if numeric.isdigit():
            found = pycountry.countries.get(numeric=numeric.zfill(3))
            if found is not None:
                return str(found.alpha_3)
        name = row.get("country", "")
        if name.lower() in self._by_name:
            return self._by_name[name.lower()]
        try:
            return str(pycountry.countries.lookup(name).alpha_3)
        except LookupError:
            raise RowError("country", f"country {name!r} has no ISO3 code") from None


def map_types(row: Mapping[str, str]) -> tuple[str, str | None]:
    """Current ACLED types pass through (checked); old types are mapped to current ones."""
    event_type = row.get("event_type", "")
    sub_type = row.get("sub_event_type", "") or None
    if event_type in OLD_EVENT_TYPES and (event_type not in EVENT_TYPES or sub_type is None):
        return OLD_EVENT_TYPES[event_type]
    if event_type not in EVENT_TYPES:
        raise RowError("event_type", f"event_type {event_type!r} is not an ACLED event type")
    if sub_type is not None and sub_type not in EVENT_TYPES[event_type]:
        raise RowError("sub_event_type", f"sub_event_type {sub_type!r} is not a sub-type of {event_type!r}")
    return event_type, sub_type


def convert_row(row: Mapping[str, str], countries: CountryCodes) -> dict[str, Any]:
    """One ACLED row -> one gold document with one event (raises RowError)."""
    event_id = row.get("event_id_cnty", "")
    if not event_id:
        raise RowError("event_id_cnty", "no event_id_cnty")
    notes = row.get("notes", "")
    if not notes:
        raise RowError("notes", "no notes (nothing to extract from)")
    event_date = parse_date(row.get("event_date", ""))
    event_type, sub_type = map_types(row)
    actor1 = row.get("actor1", "")
    inter1 = parse_inter(row.get("inter1", ""), "inter1")
    if not actor1 or inter1 is None:
        raise RowError("actor1", "no actor1 or inter1")
    actor2 = row.get("actor2", "") or None
    inter2 = parse_inter(row.get("inter2", ""), "inter2") if actor2 else None
    event = {
        "event_date": event_date.isoformat(),
        "time_precision": _int(row, "time_precision"),
        "event_type": event_type,
        "sub_event_type": sub_type,
        "actor1": actor1,
        "inter1": inter1,
        "actor2": actor2,
        "inter2": inter2,
        "country": countries.iso3(row),
        "admin1": row.get("admin1", "") or None,
        "location": row.get("location", ""),
        "latitude": _float(row, "latitude"),
        "longitude": _float(row, "longitude"),
        "geo_precision": _int(row, "geo_precision"),
        "fatalities": _int(row, "fatalities"),
        "optional": False,
        "evidence": notes[:EVIDENCE_CHARS],
    }
    return {
        "doc_id": f"acled-{event_id}",
        "url": None,
        "publisher": row.get("source", "") or None,
        "pub_date": event_date.isoformat(),
        "language": "en",
        "text": notes,
        "events": [event],
    }


def convert_file(path: Path, errors: Callable[[str], None]) -> tuple[list[GoldDoc], Counter[str]]:
    """Every convertible row of one ACLED CSV; bad rows are reported (file:line) and counted."""
    countries = CountryCodes()
    docs: list[GoldDoc] = []
    skipped: Counter[str] = Counter()
    seen: set[str] = set()
    for line, row in read_rows(path):
        try:
            doc = convert_row(row, countries)
        except RowError as exc:
            errors(f"{path}:{line}: {exc}")
            skipped[exc.reason] += 1
            continue
        if doc["doc_id"] in seen:
            errors(f"{path}:{line}: duplicate event_id_cnty {doc['doc_id']!r}")
            skipped["duplicate"] += 1
            continue
        seen.add(doc["doc_id"])
        docs.append(GoldDoc(line, doc))
    return docs, skipped


def allocate(sizes: Mapping[str, int], n: int, minimum: int = 2) -> dict[str, int]:
    """Proportional allocation of n over strata, at least min(minimum, size) each.

    The per-stratum minimum wins over n: when the minimums alone exceed n, the
    sample is larger than n (the caller says so). Ties break by stratum name, so the
    allocation is reproducible.
    """
    total = sum(sizes.values())
    if n >= total:
        return dict(sizes)
    target = {key: n * size / total for key, size in sizes.items()}
    floor = {key: min(minimum, size) for key, size in sizes.items()}
    alloc = {key: min(size, max(floor[key], int(target[key]))) for key, size in sizes.items()}
    while sum(alloc.values()) < n:
        room = [key for key in sorted(alloc) if alloc[key] < sizes[key]]
        best = max(room, key=lambda key: (target[key] - alloc[key], sizes[key]))
        alloc[best] += 1
    while sum(alloc.values()) > n:
        spare = [key for key in sorted(alloc) if alloc[key] > floor[key]]
        if not spare:
            break
        worst = max(spare, key=lambda key: (alloc[key] - target[key], -sizes[key]))
        alloc[worst] -= 1
    return alloc


def stratified_sample(items: Sequence[T], n: int, seed: int, key: Callable[[T], str]) -> list[T]:
    """A reproducible stratified sample (same seed, same items), in the input order."""
    strata: dict[str, list[int]] = defaultdict(list)
    for index, item in enumerate(items):
        strata[key(item)].append(index)
    alloc = allocate({name: len(members) for name, members in strata.items()}, n)
    rng = random.Random(seed)
    chosen: list[int] = []
    for name in sorted(strata):
        chosen.extend(rng.sample(strata[name], alloc[name]))
    return [items[index] for index in sorted(chosen)]


def simple_sample(items: Sequence[T], n: int, seed: int) -> list[T]:
    """A reproducible simple random sample, in the input order."""
    if n >= len(items):
        return list(items)
    chosen = random.Random(seed).sample(range(len(items)), n)
    return [items[index] for index in sorted(chosen)]


def stratum(event: Mapping[str, Any], field: str) -> str:
    """The stratum of an event; an empty value (old-layout rows have no sub-type) falls back to the event type."""
    value = event.get(field)
    return str(value) if value is not None else f"{event['event_type']} (no {field})"


def file_name(doc_id: str) -> str:
    """A safe file name for a doc_id."""
    return re.sub(r"[^A-Za-z0-9._-]", "_", doc_id) + ".json"


def write_gold(docs: Sequence[dict[str, Any]], out: Path) -> int:
    """Write one JSON file per document into out; returns how many were written."""
    out.mkdir(parents=True, exist_ok=True)
    for doc in docs:
        text = json.dumps(doc, ensure_ascii=False, indent=1) + "\n"
        (out / file_name(doc["doc_id"])).write_text(text, encoding="utf-8")
    return len(docs)


def inside_repo(path: Path) -> bool:
    """True when path lies inside this repository (where ACLED data must not land)."""
    return path.resolve().is_relative_to(REPO)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(description="Convert ACLED CSV rows into pantau gold files (one JSON per row).")
    parser.add_argument("csv", type=Path, help="an ACLED CSV (current or pre-2019 layout)")
    parser.add_argument("--out", type=Path, required=True, help="output folder (outside the repository)")
    parser.add_argument("--sample", type=int, default=None, metavar="N", help="write only N rows (reproducible sample)")
    parser.add_argument("--seed", type=int, default=0, help="random seed of the sample (default 0)")
    parser.add_argument(
        "--stratify",
        default=None,
        metavar="FIELD",
        help="stratify the sample by this gold event field (e.g. sub_event_type, event_type, country)",
    )
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    if inside_repo(args.out):
        print(f"error: {args.out} is inside the repository; ACLED data must stay outside it", file=sys.stderr)
        return 2
    if not args.csv.is_file():
        print(f"error: {args.csv}: no such file", file=sys.stderr)
        return 2
    if args.sample is not None and args.sample < 1:
        print("error: --sample must be at least 1", file=sys.stderr)
        return 2
    try:
        converted, skipped = convert_file(args.csv, lambda message: print(message, file=sys.stderr))
    except (RowError, UnicodeDecodeError, csv.Error) as exc:
        print(f"error: {args.csv}: {exc}", file=sys.stderr)
        return 2
    chosen = converted
    if args.sample is not None:
        if args.stratify:
            field = args.stratify
            if converted and field not in converted[0].event:
                print(f"error: --stratify {field!r} is not a gold event field", file=sys.stderr)
                return 2
            chosen = stratified_sample(converted, args.sample, args.seed, lambda gold: stratum(gold.event, field))
            if len(chosen) > args.sample:
                note = f"note: every stratum keeps at least 2 rows, so the sample holds {len(chosen)} rows"
                print(note, file=sys.stderr)
        else:
            chosen = simple_sample(converted, args.sample, args.seed)
    written = write_gold([gold.doc for gold in chosen], args.out)
    reasons = ", ".join(f"{reason} {count}" for reason, count in sorted(skipped.items()))
    dropped = sum(skipped.values())
    why = f": {reasons}" if reasons else ""
    print(f"wrote {written} gold files to {args.out} (read {len(converted) + dropped} rows, skipped {dropped}{why})")
    return 0 if written else 1


if __name__ == "__main__":
    sys.exit(main())
