"""Scoring predicted events against gold by the matching rule of events.md.

A prediction matches a gold event when (typed scoring) the event types are equal,
the dates agree within the gold's precision (±1 day at 1, ±7 days at 2, the same
month at 3) and the places agree (within 50 km, or the same admin1 when either
side has geo_precision 3). "The same admin1" is the same unit, not the same spelling:
names are compared with case, accents and punctuation folded ("Mayo-Kebbi-Est" is
"Mayo-Kebbi Est"), and a caller with a gazetteer passes ``same_admin1`` so that a
unit's other names count too ("Extreme-Nord" is "Far North"). Pairs are assigned one-to-one by an optimal assignment
(Hungarian method) that first maximises what the match is worth — a required gold
event is worth more than an optional one, which only saves the prediction from
being a false positive — and then prefers the closest dates and places.
"""

from __future__ import annotations

import math
import unicodedata
from dataclasses import dataclass, field
from typing import Any, Callable, Mapping, Sequence

from pantau.eval.gold import GoldDoc, GoldEvent
from pantau.records import Event

__all__ = [
    "Admin1Match",
    "Counts",
    "DocReport",
    "FIELDS",
    "FieldScore",
    "Report",
    "gazetteer_admin1_match",
    "same_admin1_name",
    "dates_agree",
    "distance_km",
    "match",
    "places_agree",
    "score",
]

# (country ISO3, admin1 as one side names it, admin1 as the other side names it) -> same unit?
Admin1Match = Callable[[str, str, str], bool]
DATE_WINDOW = {1: 1, 2: 7}  # days either side; precision 3 is "the same month"
PLACE_KM = 50.0
FIELD_PLACE_KM = 25.0
FIELDS = ("sub_event_type", "actor1", "actor2", "event_date", "location", "fatalities", "geo_precision", "time_precision")


def distance_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    """Great-circle (haversine) distance."""
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0088 * math.asin(min(1.0, math.sqrt(a)))


def _distance(a: Event, b: Event) -> float | None:
    if None in (a.latitude, a.longitude, b.latitude, b.longitude):
        return None
    return distance_km(a.latitude, a.longitude, b.latitude, b.longitude)  # type: ignore[arg-type]


def dates_agree(gold: Event, pred: Event) -> bool:
    if gold.event_date is None or pred.event_date is None:
        return False
    precision = gold.time_precision or 1
    if precision >= 3:
        return (gold.event_date.year, gold.event_date.month) == (pred.event_date.year, pred.event_date.month)
    return abs((gold.event_date - pred.event_date).days) <= DATE_WINDOW[precision]


def _norm(name: str | None) -> str:
    """Case, accents and punctuation folded: the spellings of one name meet."""
    decomposed = unicodedata.normalize("NFKD", (name or "").casefold())
    letters = "".join(ch if ch.isalnum() else " " for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(letters.split())


def same_admin1_name(country: str, a: str, b: str) -> bool:
    """The default admin1 test: the same name once folded."""
    return _norm(a) == _norm(b)


def places_agree(gold: Event, pred: Event, same_admin1: Admin1Match | None = None) -> bool:
    km = _distance(gold, pred)
    if km is not None and km <= PLACE_KM:
        return True
    if 3 in (gold.geo_precision, pred.geo_precision):
        if not gold.admin1 or not pred.admin1 or gold.country != pred.country:
            return False
        return (same_admin1 or same_admin1_name)(gold.country, gold.admin1, pred.admin1)
    return False


def _weight(gold: GoldEvent, pred: Event, typed: bool, same_admin1: Admin1Match | None = None) -> float:
    """0 when the pair does not match; else 2 (required) or 1 (optional) plus a tiny closeness bonus."""
    g = gold.event
    if typed and g.event_type != pred.event_type:
        return 0.0
    if not dates_agree(g, pred) or not places_agree(g, pred, same_admin1):
        return 0.0
    days = abs((g.event_date - pred.event_date).days)  # type: ignore[operator]
    km = _distance(g, pred)
    closeness = 1.0 / (1 + days) + (1.0 / (1 + km) if km is not None else 0.0)
    return (1.0 if gold.optional else 2.0) + closeness * 1e-4


def _assign(weights: list[list[float]]) -> list[tuple[int, int]]:
    """Maximum-weight one-to-one assignment (Hungarian method, O(n^3)); pairs of weight 0 dropped."""
    rows = len(weights)
    cols = len(weights[0]) if rows else 0
    n = max(rows, cols)
    if n == 0:
        return []
    top = max((w for r in weights for w in r), default=0.0)
    cost = [[top - (weights[i][j] if i < rows and j < cols else 0.0) for j in range(n)] for i in range(n)]
    inf = float("inf")
    u, v = [0.0] * (n + 1), [0.0] * (n + 1)
    p, way = [0] * (n + 1), [0] * (n + 1)
    for i in range(1, n + 1):
        p[0], j0 = i, 0
        minv, used = [inf] * (n + 1), [False] * (n + 1)
        while True:
            used[j0] = True
            i0, delta, j1 = p[j0], inf, 0
            for j in range(1, n + 1):
                if not used[j]:
                    cur = cost[i0 - 1][j - 1] - u[i0] - v[j]
                    if cur < minv[j]:
                        minv[j], way[j] = cur, j0
                    if minv[j] < delta:
                        delta, j1 = minv[j], j
            for j in range(n + 1):
                if used[j]:
                    u[p[j]] += delta
                    v[j] -= delta
                else:
                    minv[j] -= delta
            j0 = j1
            if p[j0] == 0:
                break
        while j0:
            j1 = way[j0]
            p[j0] = p[j1]
            j0 = j1
    pairs = []
    for j in range(1, n + 1):
        i = p[j] - 1
        if i < rows and j - 1 < cols and weights[i][j - 1] > 0:
            pairs.append((i, j - 1))
    return sorted(pairs)


def match(
    gold: Sequence[GoldEvent], predicted: Sequence[Event], *, typed: bool = True, same_admin1: Admin1Match | None = None
) -> list[tuple[int, int]]:
    """One-to-one matches as (prediction index, gold index) pairs."""
    weights = [[_weight(g, p, typed, same_admin1) for g in gold] for p in predicted]
    return _assign(weights)


@dataclass
class Counts:
    tp: int = 0
    fp: int = 0
    fn: int = 0
    optional_matched: int = 0

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def f1(self) -> float:
        p, r = self.precision, self.recall
        return 2 * p * r / (p + r) if p + r else 0.0

    def add(self, other: Counts) -> None:
        self.tp += other.tp
        self.fp += other.fp
        self.fn += other.fn
        self.optional_matched += other.optional_matched

    def to_dict(self) -> dict[str, Any]:
        return {
            "tp": self.tp, "fp": self.fp, "fn": self.fn, "optional_matched": self.optional_matched,
            "precision": round(self.precision, 4), "recall": round(self.recall, 4), "f1": round(self.f1, 4),
        }


@dataclass
class FieldScore:
    correct: int = 0
    total: int = 0

    @property
    def accuracy(self) -> float | None:
        return self.correct / self.total if self.total else None

    def to_dict(self) -> dict[str, Any]:
        acc = self.accuracy
        return {"correct": self.correct, "total": self.total, "accuracy": None if acc is None else round(acc, 4)}


def _summary(event: Event) -> dict[str, Any]:
    return {
        "event_type": event.event_type, "sub_event_type": event.sub_event_type,
        "event_date": event.event_date.isoformat() if event.event_date else None,
        "actor1": event.actor1, "actor2": event.actor2, "location": event.location,
        "fatalities": event.fatalities,
    }


@dataclass
class DocReport:
    """Per-document detail: what matched, what was extra, what was missed."""

    doc_id: str
    origin: str
    counts: Counts
    matched: list[tuple[Event, GoldEvent]] = field(default_factory=list)
    false_positives: list[Event] = field(default_factory=list)
    missed: list[GoldEvent] = field(default_factory=list)
    skipped: str | None = None

    def to_dict(self) -> dict[str, Any]:
        return {
            "doc_id": self.doc_id, "origin": self.origin, "skipped": self.skipped, **self.counts.to_dict(),
            "matched": [
                {"predicted": _summary(p), "gold": _summary(g.event), "optional": g.optional} for p, g in self.matched
            ],
            "false_positives": [_summary(p) for p in self.false_positives],
            "missed": [_summary(g.event) | {"evidence": g.evidence} for g in self.missed],
        }


@dataclass
class Report:
    typed: Counts
    untyped: Counts
    fields: dict[str, FieldScore]
    docs: list[DocReport]

    def to_dict(self, detail: bool = False) -> dict[str, Any]:
        out: dict[str, Any] = {
            "documents": len(self.docs),
            "typed": self.typed.to_dict(),
            "untyped": self.untyped.to_dict(),
            "fields": {name: score.to_dict() for name, score in self.fields.items()},
        }
        if detail:
            out["docs"] = [d.to_dict() for d in self.docs]
        return out


def _default_actor_match() -> Callable[[str, str], bool]:
    from pantau.knowledge.actors import canonical_match

    return canonical_match


def _field_checks(actor_match: Callable[[str, str], bool]) -> dict[str, Callable[[Event, Event], bool]]:
    def actor2(p: Event, g: Event) -> bool:
        if p.actor2 is None or g.actor2 is None:
            return p.actor2 is None and g.actor2 is None
        return actor_match(p.actor2, g.actor2)

    def place(p: Event, g: Event) -> bool:
        km = _distance(p, g)
        return km is not None and km <= FIELD_PLACE_KM

    return {
        "sub_event_type": lambda p, g: p.sub_event_type == g.sub_event_type,
        "actor1": lambda p, g: actor_match(p.actor1, g.actor1),
        "actor2": actor2,
        "event_date": lambda p, g: p.event_date == g.event_date,
        "location": place,
        "fatalities": lambda p, g: p.fatalities == g.fatalities,
        "geo_precision": lambda p, g: p.geo_precision == g.geo_precision,
        "time_precision": lambda p, g: p.time_precision == g.time_precision,
    }


def _count(gold: Sequence[GoldEvent], predicted: Sequence[Event], pairs: list[tuple[int, int]]) -> Counts:
    matched_gold = {g for _, g in pairs}
    counts = Counts()
    for _, g in pairs:
        if gold[g].optional:
            counts.optional_matched += 1
        else:
            counts.tp += 1
    counts.fp = len(predicted) - len(pairs)
    counts.fn = sum(1 for i, g in enumerate(gold) if i not in matched_gold and not g.optional)
    return counts


def score(
    gold_docs: Sequence[GoldDoc],
    predicted: Mapping[str, Sequence[Event]],
    *,
    skipped: Mapping[str, str] | None = None,
    actor_match: Callable[[str, str], bool] | None = None,
    same_admin1: Admin1Match | None = None,
) -> Report:
    """Score the predictions for each gold document (keyed by doc_id).

    Field accuracy is taken over the typed matches, optional gold events included.
    """
    checks = _field_checks(actor_match or _default_actor_match())
    typed, untyped = Counts(), Counts()
    fields = {name: FieldScore() for name in FIELDS}
    docs = []
    for doc in gold_docs:
        doc_id = doc.article.doc_id
        preds = list(predicted.get(doc_id, ()))
        pairs = match(doc.events, preds, typed=True, same_admin1=same_admin1)
        doc_counts = _count(doc.events, preds, pairs)
        typed.add(doc_counts)
        untyped.add(_count(doc.events, preds, match(doc.events, preds, typed=False, same_admin1=same_admin1)))
        report = DocReport(doc_id, doc.origin, doc_counts, skipped=(skipped or {}).get(doc_id))
        for p, g in pairs:
            report.matched.append((preds[p], doc.events[g]))
            for name, check in checks.items():
                fields[name].total += 1
                fields[name].correct += bool(check(preds[p], doc.events[g].event))
        matched_p = {p for p, _ in pairs}
        matched_g = {g for _, g in pairs}
        report.false_positives = [e for i, e in enumerate(preds) if i not in matched_p]
        report.missed = [g for i, g in enumerate(doc.events) if i not in matched_g and not g.optional]
        docs.append(report)
    return Report(typed, untyped, fields, docs)


def gazetteer_admin1_match(gazetteer: Any) -> Admin1Match:
    """Same admin1 when the names fold alike or the gazetteer reads both as one unit of the country
    (a unit's aliases: "Extreme-Nord" and "Far North" are Cameroon's one region)."""

    def same(country: str, a: str, b: str) -> bool:
        if same_admin1_name(country, a, b):
            return True
        unit_a, unit_b = gazetteer.admin1_place(country, a), gazetteer.admin1_place(country, b)
        return unit_a is not None and unit_b is not None and unit_a.key == unit_b.key

    return same
