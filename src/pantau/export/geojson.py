"""GeoJSON export: a FeatureCollection of Points whose properties are the event fields.

An event without coordinates keeps its place in the collection with a null
geometry (allowed by RFC 7946), so no event silently disappears from the map file.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from pantau.export import Provenance, event_to_dict
from pantau.records import Event

__all__ = ["write"]


def write(events: Iterable[Event], path: str | Path, *, provenance: Provenance | None = None) -> int:
    features = []
    for event in events:
        geometry = None
        if event.latitude is not None and event.longitude is not None:
            geometry = {"type": "Point", "coordinates": [event.longitude, event.latitude]}
        features.append({"type": "Feature", "id": event.event_id, "geometry": geometry, "properties": event_to_dict(event, provenance)})
    Path(path).write_text(
        json.dumps({"type": "FeatureCollection", "features": features}, ensure_ascii=False, indent=1) + "\n",
        encoding="utf-8",
    )
    return len(features)
