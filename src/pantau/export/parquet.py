"""Parquet export with a fixed schema; ``sources`` stays nested (list of structs)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterable

import pyarrow as pa
import pyarrow.parquet as pq

from pantau.export import FIELD_ORDER, Provenance
from pantau.records import Event

__all__ = ["SCHEMA", "table", "write"]

SOURCE_TYPE = pa.struct(
    [
        ("doc_id", pa.string()),
        ("url", pa.string()),
        ("publisher", pa.string()),
        ("pub_date", pa.date32()),
        ("spans", pa.list_(pa.list_(pa.int32()))),
        ("duplicate_of", pa.string()),
    ]
)

_TYPES: dict[str, pa.DataType] = {
    "event_id": pa.string(), "event_date": pa.date32(), "time_precision": pa.int8(),
    "event_type": pa.string(), "sub_event_type": pa.string(), "actor1": pa.string(),
    "inter1": pa.int8(), "actor2": pa.string(), "inter2": pa.int8(), "country": pa.string(),
    "admin1": pa.string(), "admin2": pa.string(), "location": pa.string(),
    "latitude": pa.float64(), "longitude": pa.float64(), "geo_precision": pa.int8(),
    "fatalities": pa.int32(), "notes": pa.string(), "sources": pa.list_(SOURCE_TYPE), "source_count": pa.int32(),
    "confidence": pa.float64(), "language": pa.string(),
}

SCHEMA = pa.schema([(name, _TYPES[name]) for name in FIELD_ORDER])


def table(events: Iterable[Event], *, provenance: Provenance | None = None) -> pa.Table:
    """The events as one Arrow table of ``SCHEMA`` (rows in the given order)."""
    provenance = provenance or Provenance()
    columns: dict[str, list] = {name: [] for name in FIELD_ORDER}
    for event in events:
        for name in FIELD_ORDER:
            if name == "source_count":
                columns[name].append(provenance.source_count(event))
                continue
            value = getattr(event, name)
            if name == "sources":
                value = [
                    {
                        "doc_id": s.doc_id, "url": s.url, "publisher": s.publisher, "pub_date": s.pub_date,
                        "spans": [[span.start, span.end] for span in s.spans],
                        "duplicate_of": provenance.duplicates.get(s.doc_id),
                    }
                    for s in value
                ]
            columns[name].append(value)
    return pa.table(columns, schema=SCHEMA)


def write(events: Iterable[Event], path: str | Path, *, provenance: Provenance | None = None) -> int:
    data = table(events, provenance=provenance)
    pq.write_table(data, str(path))
    return data.num_rows
