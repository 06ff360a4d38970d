"""ACLED-compatible CSV: ACLED's column names and order, and ACLED's value forms.

Value forms follow ACLED's current public CSV: actor kinds as text ("State
forces"), ``interaction`` as the two kinds joined by "-" in the order of ACLED's
numeric form, lower code first (ACLED codes a rebel attack on soldiers, inter1 2 and
inter2 1, as 12: "State forces-Rebel group"), or "<kind> only" with no second actor; ``iso`` is
the numeric ISO 3166 code and ``country`` ACLED's country name. ``event_date`` is
written as YYYY-MM-DD. An event without a date cannot be an ACLED row: it is left
out and counted.
"""

from __future__ import annotations

import csv
from pathlib import Path
from typing import Callable, Iterable, Mapping

from pantau.knowledge.actors import ActorDictionary, CountryInfo
from pantau.packs import PackSet
from pantau.records import INTER_LABELS, Event

__all__ = ["COLUMNS", "DISORDER_TYPES", "interaction", "country_lookup", "row", "write"]

COLUMNS: tuple[str, ...] = (
    "event_id_cnty", "event_date", "year", "time_precision", "disorder_type", "event_type",
    "sub_event_type", "actor1", "assoc_actor_1", "inter1", "actor2", "assoc_actor_2", "inter2",
    "interaction", "civilian_targeting", "iso", "region", "country", "admin1", "admin2", "admin3",
    "location", "latitude", "longitude", "geo_precision", "source", "source_scale", "notes",
    "fatalities", "tags", "timestamp",
)

# ACLED's disorder_type groups the six event types in three: violence (battles,
# explosions, violence against civilians), demonstrations (protests and riots,
# the two ways a crowd acts) and strategic developments (non-violent context).
# ACLED itself writes "Political violence; Demonstrations" for a few sub-types
# (such as excessive force against protesters); we keep the one-group form.
DISORDER_TYPES: dict[str, str] = {
    "Battles": "Political violence",
    "Explosions/Remote violence": "Political violence",
    "Violence against civilians": "Political violence",
    "Protests": "Demonstrations",
    "Riots": "Demonstrations",
    "Strategic developments": "Strategic developments",
}

CIVILIANS = 7


def interaction(inter1: int, inter2: int | None) -> str:
    """ACLED's interaction in text form: lower code first, "<kind> only" without actor2."""
    if not inter2:
        return f"{INTER_LABELS[inter1]} only"
    low, high = sorted((inter1, inter2))
    return f"{INTER_LABELS[low]}-{INTER_LABELS[high]}"


def country_lookup(actors: ActorDictionary | None = None) -> Callable[[str], CountryInfo | None]:
    """ISO3 -> ACLED's country name, numeric code and region (None for a code it does not know)."""
    if actors is None:
        actors = ActorDictionary.load(PackSet())

    def lookup(iso3: str) -> CountryInfo | None:
        try:
            return actors.country_info(iso3)
        except KeyError:
            return None

    return lookup


def _coord(value: float | None) -> str:
    return "" if value is None else f"{value:.4f}"


def row(event: Event, *, timestamp: int, country_info: Callable[[str], CountryInfo | None]) -> dict[str, object]:
    """One event as an ACLED CSV row (the event must have a date)."""
    assert event.event_date is not None
    info = country_info(event.country) if event.country else None
    publishers = list(dict.fromkeys(s.publisher for s in event.sources if s.publisher))
    return {
        "event_id_cnty": event.event_id,
        "event_date": event.event_date.isoformat(),
        "year": event.event_date.year,
        "time_precision": event.time_precision or "",
        "disorder_type": DISORDER_TYPES.get(event.event_type, ""),
        "event_type": event.event_type,
        "sub_event_type": event.sub_event_type,
        "actor1": event.actor1,
        "assoc_actor_1": "",
        "inter1": INTER_LABELS[event.inter1],
        "actor2": event.actor2 or "",
        "assoc_actor_2": "",
        "inter2": INTER_LABELS[event.inter2] if event.inter2 else "",
        "interaction": interaction(event.inter1, event.inter2),
        "civilian_targeting": "Civilian targeting" if event.inter2 == CIVILIANS else "",
        "iso": info.numeric if info else "",
        "region": info.region if info else "",
        "country": info.name if info else (event.country or ""),
        "admin1": event.admin1 or "",
        "admin2": event.admin2 or "",
        "admin3": "",
        "location": event.location or "",
        "latitude": _coord(event.latitude),
        "longitude": _coord(event.longitude),
        "geo_precision": event.geo_precision or "",
        "source": "; ".join(publishers),
        "source_scale": "",
        "notes": event.notes,
        "fatalities": event.fatalities,
        "tags": "",
        "timestamp": timestamp,
    }


def write(
    events: Iterable[Event],
    path: str | Path,
    *,
    timestamps: int | Mapping[str, int] = 0,
    country_info: Callable[[str], CountryInfo | None] | None = None,
) -> tuple[int, int]:
    """Write the CSV; returns (rows written, events left out for having no date)."""
    lookup = country_info or country_lookup()
    written = left_out = 0
    with Path(path).open("w", encoding="utf-8", newline="") as fh:
        writer = csv.DictWriter(fh, fieldnames=COLUMNS)
        writer.writeheader()
        for event in events:
            if event.event_date is None:
                left_out += 1
                continue
            stamp = timestamps if isinstance(timestamps, int) else timestamps.get(event.event_id, 0)
            writer.writerow(row(event, timestamp=stamp, country_info=lookup))
            written += 1
    return written, left_out
