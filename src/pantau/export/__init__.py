"""Writers for the event table: ACLED CSV, JSONL, GeoJSON and Parquet.

All writers share one path: ``write(events, path)`` picks the format from the
extension (or ``fmt``) and returns an ``ExportResult`` saying what was written and
what was left out (the ACLED CSV cannot hold an event without a date).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Callable, Iterable, Mapping

from pantau.knowledge.actors import CountryInfo
from pantau.records import Event, Source

__all__ = [
    "FORMATS",
    "Provenance",
    "ExportResult",
    "event_to_dict",
    "format_for",
    "source_to_dict",
    "write",
]

# extension -> format name
FORMATS: dict[str, str] = {".csv": "csv", ".jsonl": "jsonl", ".geojson": "geojson", ".parquet": "parquet"}

# The order of events.md's field table (admin2 and language follow their neighbours).
FIELD_ORDER: tuple[str, ...] = (
    "event_id", "event_date", "time_precision", "event_type", "sub_event_type",
    "actor1", "inter1", "actor2", "inter2", "country", "admin1", "admin2", "location",
    "latitude", "longitude", "geo_precision", "fatalities", "notes", "sources", "source_count",
    "confidence", "language",
)


@dataclass(frozen=True, slots=True)
class ExportResult:
    path: Path
    format: str
    written: int
    left_out_no_date: int = 0


def format_for(path: str | Path, fmt: str | None = None) -> str:
    """The format named by ``fmt``, else by the file extension; ValueError when neither works."""
    if fmt:
        if fmt not in FORMATS.values():
            raise ValueError(f"unknown format {fmt!r}; choose one of {', '.join(FORMATS.values())}")
        return fmt
    suffix = Path(path).suffix.lower()
    if suffix not in FORMATS:
        raise ValueError(f"{path}: cannot tell the format from {suffix or 'no extension'!r}; use one of {', '.join(FORMATS)}")
    return FORMATS[suffix]


@dataclass(frozen=True, slots=True)
class Provenance:
    """What the store knows beyond the Event record: independent-source counts per event
    (near-duplicate copies counted once) and, per copied article, the article it copies."""

    source_counts: Mapping[str, int] = field(default_factory=dict)
    duplicates: Mapping[str, str] = field(default_factory=dict)

    def source_count(self, event: Event) -> int:
        """The store's count, else one per distinct article (copies collapsed where known)."""
        if event.event_id in self.source_counts:
            return int(self.source_counts[event.event_id])
        return len({self.duplicates.get(s.doc_id, s.doc_id) for s in event.sources})


def source_to_dict(source: Source, provenance: Provenance | None = None) -> dict[str, Any]:
    return {
        "doc_id": source.doc_id,
        "url": source.url,
        "publisher": source.publisher,
        "pub_date": source.pub_date.isoformat() if source.pub_date else None,
        "spans": [[span.start, span.end] for span in source.spans],
        "duplicate_of": (provenance or Provenance()).duplicates.get(source.doc_id),
    }


def event_to_dict(event: Event, provenance: Provenance | None = None) -> dict[str, Any]:
    """Every field of events.md as plain JSON values (ISO dates, spans as [start, end]),
    plus ``source_count`` (independent sources)."""
    provenance = provenance or Provenance()
    out: dict[str, Any] = {}
    for name in FIELD_ORDER:
        if name == "source_count":
            out[name] = provenance.source_count(event)
            continue
        value = getattr(event, name)
        if name == "event_date":
            value = value.isoformat() if value else None
        elif name == "sources":
            value = [source_to_dict(s, provenance) for s in value]
        out[name] = value
    return out


def write(
    events: Iterable[Event],
    path: str | Path,
    fmt: str | None = None,
    *,
    timestamps: int | Mapping[str, int] = 0,
    country_info: Callable[[str], CountryInfo | None] | None = None,
    provenance: Provenance | None = None,
) -> ExportResult:
    """Write events to ``path`` in ``fmt`` (default: from the extension)."""
    from pantau.export import acled_csv, geojson, jsonl, parquet

    fmt = format_for(path, fmt)
    path = Path(path)
    events = list(events)
    if fmt == "csv":
        written, left_out = acled_csv.write(events, path, timestamps=timestamps, country_info=country_info)
        return ExportResult(path, fmt, written, left_out)
    writer = {"jsonl": jsonl.write, "geojson": geojson.write, "parquet": parquet.write}[fmt]
    return ExportResult(path, fmt, writer(events, path, provenance=provenance))
