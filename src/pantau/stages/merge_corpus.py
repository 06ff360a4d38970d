"""One incident, one record: merging per-article event reports across articles.

Each article's extractor output is a *report*. Reports are compared only inside a
block (country, event-type family) and only against reports whose dates fall in
the tolerance window of their time precision, found by a sorted sweep, so the cost
is n log n plus the pairs that really are close, never all pairs. A pair merges
when place, date, sub-type, actors and tolls are all compatible; clusters grow by
complete linkage (every member compatible with every other), taking the best pairs
first in a fixed order, so the result depends only on the set of reports and the
analyst's decisions, never on the order the articles came in. docs/merging.md has
the rules and the rule for the merged event's fields.
"""

from __future__ import annotations

import bisect
import math
import tomllib
from collections import Counter, defaultdict
from dataclasses import dataclass
from datetime import date
from importlib import resources
from pathlib import Path
from typing import Iterable, Iterator, Mapping, Sequence

from pantau.errors import PackError
from pantau.records import Event, Source, Span

__all__ = [
    "Cluster",
    "CorpusMerger",
    "Decision",
    "Link",
    "MergeRules",
    "Report",
    "is_generic",
    "report_key",
]

_FAR_DATE = date.max


def report_key(doc_id: str, report_id: str) -> str:
    """A report's unique key: its article and its per-article event id."""
    return f"{doc_id}/{report_id}"


def is_generic(actor: str | None) -> bool:
    """ACLED's generic actors carry their country in brackets: "Civilians (Indonesia)".

    Regime periods ("Military Forces of Iraq (2014-)") are not a country bracket.
    """
    if not actor:
        return False
    name = actor.rstrip()
    if not name.endswith(")") or "(" not in name:
        return False
    inner = name[name.rfind("(") + 1 : -1]
    return not any(ch.isdigit() for ch in inner)


@dataclass(frozen=True, slots=True)
class Report:
    """One article's account of one event: the fields the merger compares."""

    key: str
    report_id: str
    doc_id: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int
    actor2: str | None
    inter2: int | None
    country: str | None
    admin1: str | None
    latitude: float | None
    longitude: float | None
    geo_precision: int | None
    event_date: date | None
    time_precision: int | None
    fatalities: int
    pub_date: date | None = None
    confidence: float = 0.5
    independent: str = ""  # the canonical article of its near-duplicate group ("" = itself)
    publisher: str = ""
    location: str = ""

    @property
    def source_group(self) -> str:
        return self.independent or self.doc_id

    @classmethod
    def from_event(cls, event: Event, doc_id: str, pub_date: date | None = None, independent: str = "") -> Report:
        return cls(
            key=report_key(doc_id, event.event_id), report_id=event.event_id, doc_id=doc_id,
            event_type=event.event_type, sub_event_type=event.sub_event_type,
            actor1=event.actor1, inter1=event.inter1, actor2=event.actor2, inter2=event.inter2,
            country=event.country, admin1=event.admin1, latitude=event.latitude, longitude=event.longitude,
            geo_precision=event.geo_precision, event_date=event.event_date, time_precision=event.time_precision,
            fatalities=event.fatalities, pub_date=pub_date, confidence=event.confidence, independent=independent,
            publisher=next((s.publisher for s in event.sources if s.doc_id == doc_id and s.publisher), "") or "",
            location=event.location or "",
        )


@dataclass(frozen=True, slots=True)
class Decision:
    """An analyst's decision on two reports: "merge" (force together) or "split" (keep apart)."""

    kind: str
    a: str
    b: str


@dataclass(frozen=True, slots=True)
class Link:
    """Why two reports of one event were joined (the pair that joined their clusters)."""

    a: str
    b: str
    reason: str


@dataclass(frozen=True, slots=True)
class Cluster:
    """The reports of one merged event; ``event_id`` is its anchor report's id."""

    event_id: str
    anchor: str
    members: tuple[str, ...]
    links: tuple[Link, ...] = ()


@dataclass(frozen=True)
class MergeRules:
    """Tolerances and compatibility tables, read from knowledge/merge_rules.toml."""

    date_span: Mapping[int, int]
    date_slack: int
    place_km: Mapping[int, float]
    fatality_factor: float
    fatality_slack: float
    families: Mapping[str, str]
    compatible_subtypes: frozenset[frozenset[str]]
    armed_kinds: frozenset[int]
    dense_reports: int = 0
    dense_km: float = 0.0
    dense_same_day_families: frozenset[str] = frozenset()
    sole_place: bool = False
    near_place_families: frozenset[str] = frozenset()
    near_place_km: float = 0.0
    near_place_days: int = 0
    region_same_name: bool = False

    @classmethod
    def load(cls, path: str | Path | None = None) -> MergeRules:
        if path is None:
            text = resources.files("pantau.knowledge").joinpath("merge_rules.toml").read_text("utf-8")
            origin = "knowledge/merge_rules.toml"
        else:
            text, origin = Path(path).read_text("utf-8"), str(path)
        try:
            data = tomllib.loads(text)
            rules = cls(
                date_span={int(k): int(v) for k, v in data["date_tolerance"]["span_days"].items()},
                date_slack=int(data["date_tolerance"]["slack_days"]),
                place_km={int(k): float(v) for k, v in data["place_tolerance_km"].items()},
                fatality_factor=float(data["fatalities"]["factor"]),
                fatality_slack=float(data["fatalities"]["slack"]),
                families={str(k): str(v) for k, v in data["families"].items()},
                compatible_subtypes=frozenset(frozenset(map(str, pair)) for pair in data["compatibility"]["subtypes"]),
                armed_kinds=frozenset(int(k) for k in data["compatibility"]["armed_kinds"]),
                dense_reports=int(data.get("density", {}).get("reports_per_day", 0)),
                dense_km=float(data.get("density", {}).get("place_km", 0.0)),
                dense_same_day_families=frozenset(map(str, data.get("density", {}).get("same_day_families", ()))),
                sole_place=bool(data.get("country_only", {}).get("sole_place", False)),
                near_place_families=frozenset(map(str, data.get("near_place", {}).get("families", ()))),
                near_place_km=float(data.get("near_place", {}).get("km", 0.0)),
                near_place_days=int(data.get("near_place", {}).get("days", 0)),
                region_same_name=bool(data.get("region_only", {}).get("same_name", False)),
            )
        except (tomllib.TOMLDecodeError, KeyError, TypeError, ValueError, AttributeError) as exc:
            raise PackError("E052", origin=origin, detail=" ".join(str(exc).split())) from exc
        for table, name in ((rules.date_span, "date_tolerance.span_days"), (rules.place_km, "place_tolerance_km")):
            if set(table) != {1, 2, 3}:
                raise PackError("E052", origin=origin, detail=f"{name} needs keys 1, 2 and 3")
        if any(len(pair) != 2 for pair in rules.compatible_subtypes):
            raise PackError("E052", origin=origin, detail="each compatible_subtypes entry is a pair of two sub-types")
        return rules

    def date_days(self, p: int | None, q: int | None) -> int:
        """How many days two reports' dates may differ: the day each date may be off by at its time
        precision (0 when the day is known, half a week, half a month), plus the slack of reporting."""
        return self.date_span[p or 3] + self.date_span[q or 3] + self.date_slack


def country_only(r: Report) -> bool:
    """Placed in its country and no finer: no admin1, and no point below the region either (a town the
    gazetteer knows without its admin1, such as Khan Yunis, is placed, not country-only)."""
    return not r.admin1 and ((r.geo_precision or 3) == 3 or r.latitude is None or r.longitude is None)


def place_key(r: Report) -> tuple[str, str]:
    """A named place: what the sole-place rule compares."""
    return r.location or "", r.admin1 or ""


def _km(a: Report, b: Report) -> float:
    la1, lo1, la2, lo2 = map(math.radians, (a.latitude, a.longitude, b.latitude, b.longitude))  # type: ignore[arg-type]
    h = math.sin((la2 - la1) / 2) ** 2 + math.cos(la1) * math.cos(la2) * math.sin((lo2 - lo1) / 2) ** 2
    return 6371.0 * 2 * math.asin(min(1.0, math.sqrt(h)))


class _Clusters:
    """Union-find that keeps each root's members and articles (for the cluster checks)."""

    def __init__(self, keys: Iterable[str], docs: Mapping[str, str]) -> None:
        self.parent = {k: k for k in keys}
        self.members = {k: [k] for k in self.parent}
        self.docs = {k: {docs[k]} for k in self.parent}

    def find(self, k: str) -> str:
        root = k
        while self.parent[root] != root:
            root = self.parent[root]
        while self.parent[k] != root:
            self.parent[k], k = root, self.parent[k]
        return root

    def union(self, a: str, b: str) -> str:
        ra, rb = self.find(a), self.find(b)
        if ra == rb:
            return ra
        if len(self.members[ra]) < len(self.members[rb]):
            ra, rb = rb, ra
        self.parent[rb] = ra
        self.members[ra].extend(self.members.pop(rb))
        self.docs[ra] |= self.docs.pop(rb)
        return ra


class CorpusMerger:
    """Clusters reports into events, and fuses each cluster into one Event."""

    def __init__(self, rules: MergeRules | None = None) -> None:
        self.rules = rules or MergeRules.load()

    # -- blocking ----------------------------------------------------------------------

    def block(self, report: Report) -> tuple[str, str] | None:
        """(country, family); None when a report cannot be placed in time and space (never merged)."""
        if report.country is None or report.event_date is None:
            return None
        return report.country, self.rules.families.get(report.event_type, report.event_type)

    def candidate_pairs(self, reports: Iterable[Report]) -> Iterator[tuple[Report, Report]]:
        """Pairs in one block whose dates are within the tolerance of their two time precisions."""
        blocks: dict[tuple[str, str], list[Report]] = defaultdict(list)
        for r in reports:
            key = self.block(r)
            if key is not None:
                blocks[key].append(r)
        for key in sorted(blocks):
            by_precision: dict[int, list[Report]] = defaultdict(list)
            for r in blocks[key]:
                by_precision[r.time_precision or 3].append(r)
            lists = {p: sorted(rs, key=lambda r: (r.event_date, r.key)) for p, rs in by_precision.items()}
            ordinals = {p: [r.event_date.toordinal() for r in rs] for p, rs in lists.items()}  # type: ignore[union-attr]
            for p in sorted(lists):
                for q in sorted(lists):
                    if q < p:
                        continue
                    tol = self.rules.date_days(p, q)
                    qs, qd = lists[q], ordinals[q]
                    for i, a in enumerate(lists[p]):
                        d = ordinals[p][i]
                        lo = bisect.bisect_left(qd, d - tol) if p != q else i + 1
                        hi = bisect.bisect_right(qd, d + tol)
                        for j in range(lo, hi):
                            yield a, qs[j]

    # -- compatibility -----------------------------------------------------------------

    def _actor_agrees(self, a: str | None, ia: int | None, b: str | None, ib: int | None) -> bool:
        if not a or not b or a == b:
            return True
        if ia == 1 and ib == 1:
            return True  # two state forces of the block's country (army, police) are one side
        ga, gb = is_generic(a), is_generic(b)
        if ga or gb:
            if ia == ib:
                return True
            armed = self.rules.armed_kinds
            return ia in armed and ib in armed
        return False

    def _actors_agree(self, a: Report, b: Report) -> bool:
        straight = self._actor_agrees(a.actor1, a.inter1, b.actor1, b.inter1) and self._actor_agrees(
            a.actor2, a.inter2, b.actor2, b.inter2
        )
        if straight:
            return True
        # a clash is told from either side: "A attacked B" and "B fought A"
        return (
            a.event_type == "Battles"
            and b.event_type == "Battles"
            and self._actor_agrees(a.actor1, a.inter1, b.actor2, b.inter2)
            and self._actor_agrees(a.actor2, a.inter2, b.actor1, b.inter1)
        )

    def dense_days(self, reports: Iterable[Report]) -> frozenset[tuple[tuple[str, str], date]]:
        """(block, day)s holding at least ``dense_reports`` reports: where a place alone no longer tells
        incidents apart (one town stands for its villages), so merging there needs the same day and place."""
        if self.rules.dense_reports <= 0:
            return frozenset()
        counts: Counter[tuple[tuple[str, str], date]] = Counter()
        for r in reports:
            key = self.block(r)
            if key is not None:
                counts[(key, r.event_date)] += 1  # type: ignore[index]
        return frozenset(k for k, n in counts.items() if n >= self.rules.dense_reports)

    def _same_named_region(self, a: Report, b: Report, days: int, tp: int) -> bool:
        """Two region-level reports that name the same place of the same region (a city the gazetteer
        knows only as its province, such as Khorramabad) on the same day, with the same actor1: one incident.
        Different names or days, or other actors, stay apart: a region alone tells nothing else. The caller
        refuses it on dense block-days and between one outlet's articles of a day."""
        return (
            self.rules.region_same_name and days == 0 and tp == 1 and bool(a.admin1) and a.admin1 == b.admin1
            and bool(a.location) and a.location == b.location and a.actor1 == b.actor1
        )

    def _near_place(self, a: Report, b: Report, km: float | None, days: int, tp: int) -> bool:
        """On a dense block-day or between one outlet's articles, two named places within ``near_place.km``
        still count as one place for the families listed (demonstrations: a city's protest told at one of its
        squares and at the city), when both are placed below the region, dated to the day and at most
        ``near_place.days`` apart (a night brawl "early on Sunday" is dated to either side of midnight), by the
        same actor1. On a dense block-day the caller has already required the same day."""
        block = self.block(a)
        return (
            block is not None and block[1] in self.rules.near_place_families and km is not None
            and km <= self.rules.near_place_km and days <= self.rules.near_place_days and tp == 1
            and a.actor1 == b.actor1
            and max(a.geo_precision or 3, b.geo_precision or 3) <= 2
        )

    def _tolls_agree(self, a: Report, b: Report) -> bool:
        low, high = sorted((a.fatalities, b.fatalities))
        return low == 0 or high <= self.rules.fatality_factor * low + self.rules.fatality_slack

    def sole_places(
        self, reports: Iterable[Report], dense: frozenset[tuple[tuple[str, str], date]] = frozenset()
    ) -> dict[str, tuple[str, str]]:
        """For each country-level report dated to the day (outside dense block-days): the one named place
        that the placed reports of its block and day with its sub-type, its own named (not generic) actor1,
        a compatible other actor and toll all name, when there is exactly one and no other country-level
        report of the kind. A careful coder reads "police arrested X in Indonesia" beside "police arrested
        X in Padang Pariaman" that day as one incident, but not beside Padang and Medan. Depends only on
        the set of reports, so clustering stays order-independent."""
        if not self.rules.sole_place:
            return {}
        by_day: dict[tuple[tuple[str, str], date], list[Report]] = defaultdict(list)
        vague: list[Report] = []
        for r in reports:
            block = self.block(r)
            if block is None or r.time_precision != 1 or (block, r.event_date) in dense:
                continue  # a dense block-day: too many incidents to guess which one a vague report means
            by_day[(block, r.event_date)].append(r)  # type: ignore[index]
            if country_only(r) and not is_generic(r.actor1):
                vague.append(r)  # "Protesters (Iran)" on one day may be anyone anywhere in the country
        out: dict[str, tuple[str, str]] = {}
        for v in vague:
            places: set[tuple[str, str]] = set()
            for r in by_day[(self.block(v), v.event_date)]:  # type: ignore[index]
                if r.doc_id == v.doc_id or r.sub_event_type != v.sub_event_type or r.actor1 != v.actor1:
                    continue
                if country_only(r):
                    places.add(("", ""))  # another vague report of the kind: two incidents are as likely as one
                elif self._actors_agree(v, r) and self._tolls_agree(v, r):
                    places.add(place_key(r))
            if len(places) == 1 and ("", "") not in places:
                out[v.key] = next(iter(places))
        return out

    def compatible(
        self, a: Report, b: Report, dense: bool = False, sole: Mapping[str, tuple[str, str]] | None = None
    ) -> str | None:
        """Why two reports describe one incident, or None when they cannot.

        ``dense``: the pair lies in a dense block-day (see ``dense_days``); ``sole``: ``sole_places``."""
        return self.verdict(a, b, dense, sole)[0]

    def verdict(
        self, a: Report, b: Report, dense: bool = False, sole: Mapping[str, tuple[str, str]] | None = None
    ) -> tuple[str | None, str]:
        """(why the two reports merge, "") or (None, the rule that refused them): the refusal names
        one rule of docs/merging.md so that an evaluation can count why gold pairs stay apart."""
        if a.doc_id == b.doc_id:
            return None, "same article"  # the article's own merging already kept them apart
        # one outlet's two articles of one day (not copies of each other) are as often two incidents as
        # one incident followed up: they merge only at the same named place
        same_outlet_day = (
            bool(a.publisher) and a.publisher == b.publisher and a.pub_date is not None
            and a.pub_date == b.pub_date and a.source_group != b.source_group
        )
        if self.block(a) is None or self.block(b) is None:
            return None, "no country or date"
        if self.block(a) != self.block(b):
            return None, "block (country or family)"
        if a.sub_event_type != b.sub_event_type and frozenset((a.sub_event_type, b.sub_event_type)) not in self.rules.compatible_subtypes:
            return None, "sub-type"
        tp = max(a.time_precision or 3, b.time_precision or 3)
        days = abs((a.event_date - b.event_date).days)  # type: ignore[operator]
        window = self.rules.date_days(a.time_precision, b.time_precision)
        if days > window:
            return None, "date window"
        gp = max(a.geo_precision or 3, b.geo_precision or 3)
        km = None
        a_vague, b_vague = country_only(a), country_only(b)
        both_region = False
        if a_vague and b_vague:
            return None, "place: both country only"  # nothing tells two incidents of the country apart
        if a_vague or b_vague:
            vague, placed = (a, b) if a_vague else (b, a)
            if not (sole and sole.get(vague.key) == place_key(placed) and days == 0 and tp == 1
                    and a.sub_event_type == b.sub_event_type and a.actor1 == b.actor1):
                return None, "place: country only"
        else:
            both_region = min(a.geo_precision or 3, b.geo_precision or 3) == 3
            if both_region and (dense or same_outlet_day or not self._same_named_region(a, b, days, tp)):
                # too vague to tell two incidents apart; on a dense block-day or in one outlet's two stories
                # of a day a region's name stands for its villages (Idlib, Hajjah on the ACLED notes)
                return None, "place: both region only"
            if a.admin1 != b.admin1 and gp == 3:
                return None, "place: admin1 differs"  # a region holds only its own points (unknown: refuse)
            if None not in (a.latitude, a.longitude, b.latitude, b.longitude):
                km = _km(a, b)
                if km > self.rules.place_km[gp]:
                    return None, "place: distance"
            elif a.admin1 != b.admin1:
                return None, "place: admin1 differs"
        if dense and days and (tp == 1 or self.block(a)[1] in self.rules.dense_same_day_families):  # type: ignore[index]
            # both known to the day: must be the same day; and a demonstration (coded per place and day)
            # whose day is only estimated cannot be told from the city's protests of the days around it
            return None, "dense day: different days"
        named_apart = a.location != b.location or (km is not None and km > self.rules.dense_km)
        near = named_apart and self._near_place(a, b, km, days, tp)
        if (dense or same_outlet_day) and named_apart and not near:
            return None, "dense day / one outlet: different named place"
        if not self._actors_agree(a, b):
            return None, "actors"
        if not self._tolls_agree(a, b):
            return None, "fatalities"
        parts = [
            "same sub-type" if a.sub_event_type == b.sub_event_type else f"sub-types {a.sub_event_type} ~ {b.sub_event_type}",
            f"{days} day(s) apart (tolerance {window} at time precisions {a.time_precision or 3} and {b.time_precision or 3})",
            "the same named region, the same day and actor1" if both_region
            else f"{km:.0f} km apart (tolerance {self.rules.place_km[gp]:.0f} at geo precision {gp})" if km is not None
            else "a country-level report and the one place its day's compatible reports name" if a_vague or b_vague
            else "same region",
            "same actors" if (a.actor1, a.actor2) == (b.actor1, b.actor2) else "compatible actors",
            f"tolls {a.fatalities} and {b.fatalities}",
        ]
        if dense or same_outlet_day:
            where = (f"named places within {self.rules.near_place_km:.0f} km, {days} day(s) apart, the same actor1" if near
                     else "same named place")
            parts.append(f"{where} ({'dense block-day' if dense else 'one outlet, one day'})")
        return "; ".join(parts), ""

    @staticmethod
    def _score(a: Report, b: Report) -> tuple[float, ...]:
        """Best pairs first: same day, same sub-type, same actors, nearer places."""
        days = abs((a.event_date - b.event_date).days)  # type: ignore[operator]
        km = _km(a, b) if None not in (a.latitude, a.longitude, b.latitude, b.longitude) else 999.0
        return (
            days,
            0 if a.sub_event_type == b.sub_event_type else 1,
            0 if (a.actor1, a.actor2) == (b.actor1, b.actor2) else 1,
            round(km, 3),
        )

    # -- clustering --------------------------------------------------------------------

    def cluster(self, reports: Iterable[Report], decisions: Iterable[Decision] = ()) -> list[Cluster]:
        """Clusters of the reports, the same whatever their order."""
        by_key = {r.key: r for r in reports}
        sets = _Clusters(sorted(by_key), {k: r.doc_id for k, r in by_key.items()})
        links: dict[str, list[Link]] = defaultdict(list)
        split: set[frozenset[str]] = set()
        forced: list[tuple[str, str]] = []
        for d in decisions:
            if d.a in by_key and d.b in by_key and d.a != d.b:
                if d.kind == "split":
                    split.add(frozenset((d.a, d.b)))
                elif d.kind == "merge":
                    forced.append(tuple(sorted((d.a, d.b))))  # type: ignore[arg-type]
        pending: list[Link] = []
        for a, b in sorted(set(forced)):
            sets.union(a, b)
            pending.append(Link(a, b, "merged by an analyst (pantau merge)"))
        compat: dict[frozenset[str], str | None] = {}
        edges = []
        dense_days = self.dense_days(by_key.values())
        sole = self.sole_places(by_key.values(), dense_days)

        def is_dense(a: Report, b: Report) -> bool:
            block = self.block(a)
            return (block, a.event_date) in dense_days or (block, b.event_date) in dense_days

        for a, b in self.candidate_pairs(by_key.values()):
            reason = self.compatible(a, b, is_dense(a, b), sole)
            pair = frozenset((a.key, b.key))
            compat[pair] = reason
            if reason is not None and pair not in split:
                x, y = sorted((a.key, b.key))
                edges.append((self._score(a, b), x, y, reason))
        edges.sort()

        def agrees(x: str, y: str) -> bool:
            pair = frozenset((x, y))
            if pair in split:
                return False
            if pair not in compat:
                compat[pair] = self.compatible(by_key[x], by_key[y], is_dense(by_key[x], by_key[y]), sole)
            return compat[pair] is not None

        for _, x, y, reason in edges:
            rx, ry = sets.find(x), sets.find(y)
            if rx == ry or sets.docs[rx] & sets.docs[ry]:
                continue
            if all(agrees(m, n) for m in sets.members[rx] for n in sets.members[ry]):
                sets.union(x, y)
                pending.append(Link(x, y, reason))
        for link in pending:
            links[sets.find(link.a)].append(link)
        out = []
        for root, members in sets.members.items():
            anchor = min(members, key=lambda k: self._anchor_key(by_key[k]))
            out.append(
                Cluster(
                    event_id=by_key[anchor].report_id,
                    anchor=anchor,
                    members=tuple(sorted(members)),
                    links=tuple(sorted(links.get(root, ()), key=lambda l: (l.a, l.b))),
                )
            )
        out.sort(key=lambda c: (c.event_id, c.anchor))
        return out

    @staticmethod
    def _anchor_key(r: Report) -> tuple:
        """The earliest published report names the event (a later source never renames it)."""
        return (r.pub_date or _FAR_DATE, r.report_id, r.doc_id)

    # -- the merged record -------------------------------------------------------------

    def fuse(self, cluster: Cluster, events: Mapping[str, Event], reports: Mapping[str, Report]) -> Event:
        """The merged event: fields by the documented rule, every source kept with its spans."""
        keys = sorted(cluster.members, key=lambda k: self._anchor_key(reports[k]))
        anchor = events[cluster.anchor]
        evs = [events[k] for k in keys]

        def mode_first(values: Sequence[tuple]) -> int:
            counts = Counter(values)
            return min(range(len(values)), key=lambda i: (-counts[values[i]], i))

        types = [(e.event_type, e.sub_event_type) for e in evs]
        event_type, sub_type = types[mode_first(types)]
        place_keys = [(e.geo_precision or 9, e.location or "") for e in evs]
        best_geo = min(p for p, _ in place_keys)
        geo_candidates = [i for i, (p, _) in enumerate(place_keys) if p == best_geo]
        locs = [place_keys[i] for i in geo_candidates]
        place = evs[geo_candidates[mode_first(locs)]]
        best_time = min(e.time_precision or 9 for e in evs)
        dated = [i for i, e in enumerate(evs) if (e.time_precision or 9) == best_time]
        day_counts = Counter(evs[i].event_date for i in dated)
        when = evs[min(dated, key=lambda i: (-day_counts[evs[i].event_date], evs[i].event_date or _FAR_DATE, i))]
        actor_rank = [
            (sum(1 for a in (e.actor1, e.actor2) if not a or is_generic(a)), (e.actor1, e.actor2)) for e in evs
        ]
        pairs = Counter(p for _, p in actor_rank)
        who = evs[min(range(len(evs)), key=lambda i: (actor_rank[i][0], -pairs[actor_rank[i][1]], i))]
        fatalities = self.fatalities([(reports[k].pub_date, events[k].fatalities) for k in keys])
        sources = self.sources(keys, events)
        best: dict[str, float] = {}
        for k in keys:
            group = reports[k].source_group
            best[group] = max(best.get(group, 0.0), events[k].confidence)
        missing = 1.0
        for conf in best.values():
            missing *= 1.0 - conf
        confidence = round(min(0.99, 1.0 - missing), 2) if len(best) > 1 else anchor.confidence
        return Event(
            event_id=cluster.event_id,
            event_type=event_type,
            sub_event_type=sub_type,
            actor1=who.actor1,
            inter1=who.inter1,
            actor2=who.actor2,
            inter2=who.inter2,
            country=place.country,
            location=place.location,
            latitude=place.latitude,
            longitude=place.longitude,
            geo_precision=place.geo_precision,
            admin1=place.admin1,
            admin2=place.admin2,
            event_date=when.event_date,
            time_precision=when.time_precision,
            fatalities=fatalities,
            notes=anchor.notes,
            sources=sources,
            confidence=confidence,
            language=anchor.language,
        )

    @staticmethod
    def fatalities(reported: Sequence[tuple[date | None, int]]) -> int:
        """ACLED's lowest credible figure, unless a later report revises it: the lowest
        non-zero toll among the reports of the latest publication day that gives one."""
        figures = [(day or date.min, n) for day, n in reported if n > 0]
        if not figures:
            return 0
        latest = max(day for day, _ in figures)
        return min(n for day, n in figures if day == latest)

    @staticmethod
    def sources(keys: Sequence[str], events: Mapping[str, Event]) -> tuple[Source, ...]:
        """One source per article (its own source entry), spans of all its reports joined."""
        out: dict[str, Source] = {}
        for k in keys:
            doc_id = k.split("/", 1)[0]
            ev = events[k]
            own = next((s for s in ev.sources if s.doc_id == doc_id), None)
            if own is None:
                first = ev.sources[0] if ev.sources else Source(doc_id)
                own = Source(doc_id, first.url, first.publisher, first.pub_date, first.spans)
            if doc_id in out:
                prev = out[doc_id]
                spans = tuple(sorted({(s.start, s.end) for s in (*prev.spans, *own.spans)}))
                own = Source(doc_id, prev.url, prev.publisher, prev.pub_date, tuple(Span(a, b) for a, b in spans))
            out[doc_id] = own
        return tuple(sorted(out.values(), key=lambda s: (s.pub_date or _FAR_DATE, s.doc_id)))
