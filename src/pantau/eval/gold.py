"""Gold files (events.md "Gold files"): one article with its hand-coded events per JSON file.

A malformed file is reported as one E040 error naming the file and the key, so a
coder can fix it without reading a traceback.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date
from pathlib import Path
from typing import Any, Iterable

from pantau.errors import InputError
from pantau.records import EVENT_TYPES, Article, Event, Source

__all__ = ["GoldDoc", "GoldEvent", "gold_files", "load_gold", "load_gold_file"]


@dataclass(frozen=True, slots=True)
class GoldEvent:
    """A coded event; ``optional`` ones are neither rewarded when found nor punished when missed."""

    event: Event
    optional: bool = False
    evidence: str | None = None


@dataclass(frozen=True, slots=True)
class GoldDoc:
    article: Article
    events: tuple[GoldEvent, ...]
    origin: str


def _fail(path: Path, key: str, detail: str) -> InputError:
    return InputError("E040", origin=str(path), detail=f"key {key!r}: {detail}")


def _get(path: Path, obj: dict[str, Any], key: str, where: str, kinds: tuple[type, ...], required: bool = True) -> Any:
    name = f"{where}{key}"
    if key not in obj or obj[key] is None:
        if required:
            raise _fail(path, name, "missing" if key not in obj else "must not be null")
        return None
    value = obj[key]
    # bool is an int in Python, but never a valid number in a gold file.
    if isinstance(value, bool) and bool not in kinds or not isinstance(value, kinds):
        expected = " or ".join(k.__name__ for k in kinds)
        raise _fail(path, name, f"expected {expected}, found {type(value).__name__} {value!r}")
    return value


def _date(path: Path, value: str | None, key: str) -> date | None:
    if value is None:
        return None
    try:
        return date.fromisoformat(value)
    except ValueError:
        raise _fail(path, key, f"invalid date {value!r} (expected YYYY-MM-DD)") from None


def _event(path: Path, doc_id: str, index: int, raw: Any, source: Source) -> GoldEvent:
    where = f"events[{index}]."
    if not isinstance(raw, dict):
        raise _fail(path, f"events[{index}]", "expected an object")
    g = lambda key, kinds, required=True: _get(path, raw, key, where, kinds, required)  # noqa: E731
    event_type = g("event_type", (str,))
    if event_type not in EVENT_TYPES:
        raise _fail(path, where + "event_type", f"unknown event type {event_type!r}")
    sub_event_type = g("sub_event_type", (str,))
    if sub_event_type not in EVENT_TYPES[event_type]:
        raise _fail(path, where + "sub_event_type", f"{sub_event_type!r} is not a sub-type of {event_type!r}")
    for key in ("time_precision", "geo_precision"):
        if g(key, (int,)) not in (1, 2, 3):
            raise _fail(path, where + key, f"must be 1, 2 or 3, found {raw[key]!r}")
    for key in ("inter1", "inter2"):
        value = g(key, (int,), key == "inter1")
        if value is not None and not 1 <= value <= 8:
            raise _fail(path, where + key, f"must be 1..8, found {value!r}")
    event = Event(
        event_id=f"{doc_id}#gold{index}",
        event_type=event_type,
        sub_event_type=sub_event_type,
        actor1=g("actor1", (str,)),
        inter1=raw["inter1"],
        actor2=g("actor2", (str,), False),
        inter2=raw.get("inter2"),
        country=g("country", (str,)),
        admin1=g("admin1", (str,), False),
        admin2=g("admin2", (str,), False),
        location=g("location", (str,)),
        latitude=float(g("latitude", (int, float))),
        longitude=float(g("longitude", (int, float))),
        geo_precision=raw["geo_precision"],
        event_date=_date(path, g("event_date", (str,)), where + "event_date"),
        time_precision=raw["time_precision"],
        fatalities=g("fatalities", (int,), False) or 0,
        notes=g("notes", (str,), False) or "",
        sources=(source,),
    )
    optional = g("optional", (bool,), False) or False
    return GoldEvent(event, optional, g("evidence", (str,), False))


def load_gold_file(path: str | Path) -> GoldDoc:
    """Read one gold file into an Article (as the pipeline will see it) and its events."""
    path = Path(path)
    try:
        raw = json.loads(path.read_text(encoding="utf-8"))
    except OSError as exc:
        raise InputError("E040", origin=str(path), detail=exc.strerror or str(exc)) from None
    except (UnicodeDecodeError, json.JSONDecodeError) as exc:
        raise InputError("E040", origin=str(path), detail=f"not valid JSON: {exc}") from None
    if not isinstance(raw, dict):
        raise InputError("E040", origin=str(path), detail="expected a JSON object at the top level")
    doc_id = _get(path, raw, "doc_id", "", (str,))
    text = _get(path, raw, "text", "", (str,))
    pub_date = _date(path, _get(path, raw, "pub_date", "", (str,), False), "pub_date")
    article = Article(
        doc_id=doc_id,
        text=text,
        title=_get(path, raw, "title", "", (str,), False),
        url=_get(path, raw, "url", "", (str,), False),
        publisher=_get(path, raw, "publisher", "", (str,), False),
        pub_date=pub_date,
        language=_get(path, raw, "language", "", (str,), False),
        origin=str(path),
    )
    events_raw = _get(path, raw, "events", "", (list,))
    source = Source(doc_id, article.url, article.publisher, pub_date)
    events = tuple(_event(path, doc_id, i, e, source) for i, e in enumerate(events_raw))
    return GoldDoc(article, events, str(path))


def gold_files(paths: Iterable[str | Path]) -> list[Path]:
    """Every gold file named or inside a named folder (``*.json``, sorted)."""
    files: list[Path] = []
    for entry in paths:
        p = Path(entry)
        if p.is_dir():
            files.extend(sorted(p.glob("*.json")))
        elif p.is_file():
            files.append(p)
        else:
            raise InputError("E009", origin=str(p))
    return files


def load_gold(paths: Iterable[str | Path]) -> list[GoldDoc]:
    return [load_gold_file(f) for f in gold_files(paths)]
