"""JSON Lines export: one event per line with every field of events.md."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterable

from pantau.export import Provenance, event_to_dict
from pantau.records import Event

__all__ = ["write"]


def write(events: Iterable[Event], path: str | Path, *, provenance: Provenance | None = None) -> int:
    count = 0
    with Path(path).open("w", encoding="utf-8") as fh:
        for event in events:
            fh.write(json.dumps(event_to_dict(event, provenance), ensure_ascii=False) + "\n")
            count += 1
    return count
