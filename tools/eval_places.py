"""Evaluate the geoparser on the two place test sets (not the product; the corpora stay outside the repo).

(a) ACLED: a fixed stratified sample (by country, fixed seed) of the notes in
    ../shared/corpus/acled_2020_global_sample.csv. find() over the note, focus() over
    its mentions, resolve(); a note is right when the event is placed within 25 km of
    ACLED's point, or in ACLED's admin1 when ACLED's geo_precision is 3. The naive
    baseline (the most populous gazetteer match of the first place name) is scored in
    the same run. Each miss is also told by how it was coded (``miss_kind``): no place at
    all, kept at a coarser certain level (the right admin1 or country, geo_precision 3), or
    a wrong point (a town or region elsewhere) -- the issue asks for the first two, never
    the third.
(b) Indonesian: annotations/id_places.jsonl (hand-coded mentions, offsets into the
    texts of ../shared/corpus/id_news_conflict_sample.jsonl). A mention is right when
    find() finds a mention overlapping it and resolving that mention alone (with the
    document's focus) puts it within 25 km of the annotated point, or in the same
    country for country-kind annotations. A ``not_a_place`` annotation is right when no
    place is output there; so is a ``region`` annotation (a supranational region such as
    "Timur Tengah" has no point an event could be coded at).

With ``--oracle`` the same run also reports the upper bound the gazetteer allows on the ACLED
notes (``oracle_note``): the share of notes for which some candidate of some mention the
geoparser finds, or else some gazetteer entry named by a capitalised run of the note, would
count as right; the notes beyond it are told by whether ACLED's own place name is in the
gazetteer at all, only far away, or near ACLED's point but spelled otherwise in the note.

Usage: python tools/eval_places.py [--acled N] [--seed S] [--show-misses] [--oracle]
"""

from __future__ import annotations

import argparse
import csv
import importlib.util
import json
import math
import re
import sys
import time
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Sequence

from pantau.knowledge.gazetteer import Gazetteer, Place, _haversine_km, iter_places
from pantau.packs import PackSet
from pantau.records import Article
from pantau.stages.clean import Cleaner
from pantau.stages.normalize.places import Geoparser

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"
ACLED_CSV = SHARED / "corpus" / "acled_2020_global_sample.csv"
ID_CORPUS = SHARED / "corpus" / "id_news_conflict_sample.jsonl"
ID_ANNOTATIONS = REPO / "annotations" / "id_places.jsonl"
ACLED_N = 480
ACLED_SEED = 20240917
RADIUS_KM = 25.0


def _acled_gold() -> Any:
    """tools/acled_gold.py as a module (tools/ is not a package)."""
    name = "pantau_tools_acled_gold"
    if name in sys.modules:
        return sys.modules[name]
    spec = importlib.util.spec_from_file_location(name, Path(__file__).with_name("acled_gold.py"))
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[name] = module
    spec.loader.exec_module(module)
    return module


@dataclass
class Score:
    """Right/total overall and by group, with the misses for reading."""

    right: int = 0
    total: int = 0
    by: Counter[str] = field(default_factory=Counter)
    of: Counter[str] = field(default_factory=Counter)
    misses: list[str] = field(default_factory=list)
    miss_kinds: Counter[str] = field(default_factory=Counter)  # see miss_kind

    def add(self, group: str, ok: bool, miss: str = "", kind: str = "") -> None:
        self.total += 1
        self.of[group] += 1
        if ok:
            self.right += 1
            self.by[group] += 1
            return
        if miss:
            self.misses.append(f"[{kind}] {miss}" if kind else miss)
        if kind:
            self.miss_kinds[kind] += 1

    @property
    def share(self) -> float:
        return self.right / self.total if self.total else 0.0

    def line(self) -> str:
        groups = "  ".join(f"{g} {self.by[g]}/{self.of[g]}" for g in sorted(self.of))
        return f"{self.right}/{self.total} = {self.share:.3f}  ({groups})"

    def miss_line(self) -> str:
        """The misses by how they were coded, in MISS_KINDS order."""
        return "  ".join(f"{k} {self.miss_kinds[k]}" for k in MISS_KINDS if self.miss_kinds[k])


# How a miss was coded, safest first: "none" (no place), "coarser" (only the right admin1 or
# country is claimed: geo_precision 3 inside ACLED's place), "near_point" (a town in ACLED's
# admin1, more than 25 km off), "wrong_region" (a region or country other than ACLED's at
# geo_precision 3), "wrong_point" (a town outside ACLED's admin1, or another country's).
MISS_KINDS = ("none", "coarser", "near_point", "wrong_region", "wrong_point")


def miss_kind(gaz: Gazetteer, iso3: str, admin1: str, country: str | None, ref_admin1: str | None,
              precision: int | None, at: tuple[float, float] | None = None,
              towns: dict[str, list[Any]] | None = None) -> str:
    """One of MISS_KINDS for a coded place (country None: no place) against ACLED's country and
    admin1. ACLED and GeoNames spell some admin1 differently ("Lower Shabelle" / "Shabeellaha
    Hoose"): with ``at`` (ACLED's point) the admin1 of the gazetteer town nearest to it counts too."""
    if country is None:
        return "none"
    same_country = country == iso3
    same_region = same_country and (_same_admin1(gaz, iso3, ref_admin1, admin1) or (
        at is not None and ref_admin1 is not None and ref_admin1 == _admin1_at(gaz, iso3, at, towns)))
    if precision == 3:
        return "coarser" if same_country and (ref_admin1 is None or same_region) else "wrong_region"
    return "near_point" if same_region else "wrong_point"


def _admin1_at(gaz: Gazetteer, iso3: str, at: tuple[float, float], towns: dict[str, list[Any]] | None) -> str | None:
    """The admin1 of the gazetteer town nearest to a point of country iso3 (``towns`` caches
    each country's towns between calls)."""
    towns = {} if towns is None else towns
    if iso3 not in towns:
        towns[iso3] = [p for p in iter_places(gaz) if p.country == iso3 and p.kind == "populated" and p.admin1]
    pool = towns[iso3]
    if not pool:
        return None
    return min(pool, key=lambda p: _haversine_km(p.latitude, p.longitude, *at)).admin1


def acled_rows(path: Path = ACLED_CSV, n: int = ACLED_N, seed: int = ACLED_SEED) -> list[dict[str, str]]:
    """The fixed evaluation sample: stratified by country, reproducible by seed."""
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh))
    return _acled_gold().stratified_sample(rows, n, seed, key=lambda r: r["country"])


def _same_admin1(gaz: Gazetteer, iso3: str, ours: str | None, theirs: str) -> bool:
    if not ours or not theirs:
        return False
    if gaz.fold(ours) == gaz.fold(theirs):
        return True
    a, b = gaz.admin1_place(iso3, ours), gaz.admin1_place(iso3, theirs)
    return a is not None and b is not None and a.key == b.key


def _iso3(gaz: Gazetteer, row: dict[str, str]) -> str:
    """The row's ISO 3166 alpha-3 code. ACLED's own codes differ for a few countries (2020
    data codes Romania "ROM", ISO "ROU"): then its numeric ISO column decides."""
    code = row["iso3"]
    if gaz.country(code) is None and row.get("iso", "").isdigit():
        import pycountry

        found = pycountry.countries.get(numeric=row["iso"].zfill(3))
        if found is not None:
            return str(found.alpha_3)
    return code


# What the gazetteer allows, safest reach first (see oracle_note): "mention" (a candidate of a
# mention the geoparser finds, or that candidate's admin1 coded at its seat, is right), "run" (only an entry named by a capitalised run of the
# note is), then why no entry is: "absent" (ACLED's place name is in the gazetteer nowhere),
# "far" (only more than 25 km off, or in another country), "spelled" (near ACLED's point, but
# the note spells it otherwise or not at all).
ORACLE_KINDS = ("mention", "run", "absent", "far", "spelled")
ORACLE_MAX_WORDS = 6  # words of a capitalised run looked up together at most
# Small words inside a transliterated or Romance name ("Deir ez-Zor", "Dar es Salaam", "Dara i Sufi").
_RUN_LINKS = frozenset("al el ad ar as ash at az ed ez es er an en de del della di da do dos das du "
                       "des la le les bin ibn bani beni wa i e ye y".split())
_RUN_WORD = re.compile(r"[^\W\d_]+(?:['’`-][^\W\d_]+)*")


@dataclass
class Target:
    """ACLED's place for one note: what a coded place must match to count as right."""

    iso3: str
    admin1: str
    latitude: float
    longitude: float
    precision: int

    def hit(self, gaz: Gazetteer, lat: float, lon: float, country: str, admin1: str | None) -> bool:
        """The note's rule: ACLED's country, and within RADIUS_KM of its point or, when ACLED
        codes the note at geo_precision 3, in its admin1."""
        if country != self.iso3 or math.isnan(lat):
            return False
        if _haversine_km(lat, lon, self.latitude, self.longitude) <= RADIUS_KM:
            return True
        return self.precision == 3 and _same_admin1(gaz, self.iso3, admin1, self.admin1)


def capitalised_runs(text: str) -> list[str]:
    """Maximal runs of capitalised words (small linking words allowed inside), split at any
    punctuation but a hyphen or apostrophe: "near Deir ez-Zor, Syria" -> ["Deir ez-Zor", "Syria"]."""
    runs: list[str] = []
    words: list[tuple[int, int]] = []

    def close() -> None:
        while words and text[words[-1][0]:words[-1][1]].lower() in _RUN_LINKS:
            words.pop()
        if words:
            runs.append(text[words[0][0]:words[-1][1]])
        words.clear()

    prev_end = 0
    for m in _RUN_WORD.finditer(text):
        word = m.group()
        if text[prev_end:m.start()].strip():
            close()
        prev_end = m.end()
        if any(part[:1].isupper() for part in re.split(r"['’`-]", word)):
            words.append(m.span())
        elif words and word.lower() in _RUN_LINKS:
            words.append(m.span())
        else:
            close()
    close()
    return runs


def run_entries(gaz: Gazetteer, text: str) -> list[Place]:
    """Every gazetteer entry named by some stretch of up to ORACLE_MAX_WORDS folded words of a
    capitalised run of the text ("Mogadishu-Wadajir" -> Mogadishu, Wadajir, both together)."""
    found: dict[str, Place] = {}
    seen: set[str] = set()
    for run in capitalised_runs(text):
        toks = gaz.fold(run).split()
        for i in range(len(toks)):
            for j in range(i + 1, min(len(toks), i + ORACLE_MAX_WORDS) + 1):
                key = " ".join(toks[i:j])
                if key in seen or key in _RUN_LINKS:
                    continue
                seen.add(key)
                for p in gaz.candidates(key):
                    found.setdefault(p.key + str(p.geonameid), p)
    return list(found.values())


def oracle_note(gaz: Gazetteer, target: Target, mentions: Sequence[Any], note: str,
                acled_name: str) -> str:
    """One of ORACLE_KINDS: whether any place this gazetteer offers for the note would count as
    right, and if none, why. ``acled_name`` is ACLED's location ("Mogadishu - Wadajir": either
    part, or the whole, is its name)."""
    def right(p: Place) -> bool:
        return target.hit(gaz, p.latitude, p.longitude, p.country, p.admin1)

    if any(right(p) or right_unit(gaz, target, p) for m in mentions for p in m.candidates):
        return "mention"
    if any(right(p) or right_unit(gaz, target, p) for p in run_entries(gaz, note)):
        return "run"
    names = {acled_name, *(part.strip() for part in acled_name.split(" - "))}
    entries = [p for name in names if name for p in gaz.candidates(name)]
    if not entries:
        return "absent"
    return "spelled" if any(right(p) for p in entries) else "far"


def right_unit(gaz: Gazetteer, target: Target, p: Place) -> bool:
    """Whether coding ``p`` at a coarser level (its admin1 at the capital, as the geoparser
    does when unsure) would count as right."""
    if p.kind in ("country", "admin1") or not p.admin1 or p.country != target.iso3:
        return False
    unit = gaz.admin1_place(p.country, p.admin1)
    return unit is not None and target.hit(gaz, unit.latitude, unit.longitude, unit.country, unit.admin1)


@dataclass
class Oracle:
    """The gazetteer's upper bound over a set of notes, tallied by ORACLE_KINDS; ``unpicked``
    lists the notes inside the bound that the geoparser misses."""

    kinds: Counter[str] = field(default_factory=Counter)
    unpicked: list[str] = field(default_factory=list)

    @property
    def total(self) -> int:
        return sum(self.kinds.values())

    def line(self) -> str:
        reach = self.kinds["mention"] + self.kinds["run"]
        share = reach / self.total if self.total else 0.0
        return (f"{reach}/{self.total} = {share:.3f} (a found mention's candidate {self.kinds['mention']}, "
                f"only a capitalised run's entry {self.kinds['run']}); beyond it: ACLED's name not in the "
                f"gazetteer {self.kinds['absent']}, only far away {self.kinds['far']}, near but spelled "
                f"otherwise in the note {self.kinds['spelled']}")


def score_acled(geo: Geoparser, rows: Sequence[dict[str, str]],
                oracle: Oracle | None = None) -> tuple[Score, Score]:
    """(geoparser, naive baseline) on ACLED rows; groups are ACLED's geo_precision. With
    ``oracle``, each note's oracle_note is tallied there too."""
    gaz = geo.gaz
    ours, base = Score(), Score()
    towns: dict[str, list[Any]] = {}  # country -> its towns (_admin1_at)
    for row in rows:
        note, iso3 = row["notes"], _iso3(gaz, row)
        lat, lon, prec = float(row["latitude"]), float(row["longitude"]), int(row["geo_precision"])

        target = Target(iso3, row["admin1"], lat, lon, prec)

        def ok(r_lat: float, r_lon: float, r_country: str, r_admin1: str | None) -> bool:
            return target.hit(gaz, r_lat, r_lon, r_country, r_admin1)

        mentions = geo.find(note, 0, len(note))
        ref = geo.resolve(mentions, geo.focus(mentions))
        good = ref is not None and ok(ref.latitude, ref.longitude, ref.country, ref.admin1)
        got = ref and (ref.location, ref.admin1, ref.country, ref.geo_precision)
        kind = "" if good else miss_kind(gaz, iso3, row["admin1"], ref and ref.country, ref and ref.admin1,
                                         ref and ref.geo_precision, (lat, lon), towns)
        said = (f"{row['location']!r} ({row['admin1']}, {iso3}, p{prec}) -> {got} | "
                f"{[m.surface for m in mentions]} | {note[:160]}")
        ours.add(f"p{prec}", good, said, kind)
        if oracle is not None:
            reach = oracle_note(gaz, target, mentions, note, row["location"])
            oracle.kinds[reach] += 1
            if reach in ("mention", "run") and not good:
                oracle.unpicked.append(f"[{kind}] {said}")
        named = [m for m in mentions if m.candidates and not m.demonym and not m.fuzzy]  # "Egyptian" names no place
        top = max(named[0].candidates, key=lambda p: p.population) if named else None
        base.add(f"p{prec}", top is not None and ok(top.latitude, top.longitude, top.country, top.admin1))
    return ours, base


def _overlap(a: int, b: int, c: int, d: int) -> bool:
    return a < d and c < b


def score_id(geo: Geoparser, annotations: Path = ID_ANNOTATIONS, corpus: Path = ID_CORPUS) -> Score:
    """Accuracy on the hand-annotated Indonesian mentions; groups are the annotated kinds."""
    anns = [json.loads(line) for line in annotations.read_text(encoding="utf-8").splitlines() if line.strip()]
    wanted = {a["doc_id"] for a in anns}
    texts: dict[str, dict[str, Any]] = {}
    with corpus.open(encoding="utf-8") as fh:
        for line in fh:
            doc = json.loads(line)
            if doc["doc_id"] in wanted:
                texts[doc["doc_id"]] = doc
    cleaner = Cleaner(PackSet())
    score = Score()
    found: dict[str, tuple[list[Any], tuple[str, ...]]] = {}
    for doc_id, doc in texts.items():
        text = doc["text"]
        cleaned = cleaner(Article(doc_id=doc_id, text=text, title=doc.get("title")), None)
        mentions = geo.find(text, 0, len(text))
        found[doc_id] = (mentions, tuple(geo.focus(mentions, cleaned.reporter_places)))
    for a in anns:
        mentions, focus = found[a["doc_id"]]
        text = texts[a["doc_id"]]["text"]
        hits = [m for m in mentions if _overlap(m.start, m.end, a["start"], a["end"])]
        refs = [r for r in (geo.resolve([m], focus) for m in hits) if r is not None]
        if a["not_a_place"] or a["kind"] == "region":
            ok = not refs
        elif a["kind"] == "country":
            ok = any(r.country == a["country"] for r in refs)
        else:
            ok = any(r.country == a["country"] and
                     _haversine_km(r.latitude, r.longitude, a["latitude"], a["longitude"]) <= RADIUS_KM
                     for r in refs)
        group = "not_a_place" if a["not_a_place"] else a["kind"]
        got = [(r.location, r.admin1, r.country, r.geo_precision) for r in refs]
        ctx = text[max(0, a["start"] - 50):a["end"] + 30].replace("\n", " ")
        score.add(group, ok, f"[{group}] {a['surface']!r} want {a['name']} ({a['admin1']}, {a['country']}) "
                             f"got {got} found {[m.surface for m in hits]} focus {focus[:3]} | {ctx}")
    return score


def main(argv: list[str]) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--acled", type=int, default=ACLED_N)
    ap.add_argument("--seed", type=int, default=ACLED_SEED)
    ap.add_argument("--show-misses", action="store_true")
    ap.add_argument("--oracle", action="store_true",
                    help="also report the upper bound the gazetteer allows on the ACLED notes")
    args = ap.parse_args(argv)
    t0 = time.perf_counter()
    gaz = Gazetteer.load()
    t1 = time.perf_counter()
    packs = PackSet()
    oracle = Oracle() if args.oracle else None
    ours, base = score_acled(Geoparser(gaz, packs["en"]), acled_rows(n=args.acled, seed=args.seed), oracle)
    ids = score_id(Geoparser(gaz, packs["id"]))
    if args.show_misses:
        for miss in ours.misses:
            print("ACLED MISS", miss)
        for miss in ids.misses:
            print("ID MISS", miss)
        for miss in oracle.unpicked if oracle is not None else ():
            print("ORACLE UNPICKED", miss)
    print(f"gazetteer load {t1 - t0:.2f} s")
    print(f"ACLED sample (n={ours.total}, seed={args.seed}): geoparser {ours.line()}")
    print(f"ACLED sample misses by how they were coded: {ours.miss_line()}")
    print(f"ACLED sample naive baseline: {base.line()}")
    if oracle is not None:
        print(f"ACLED oracle (a right place among what the gazetteer offers): {oracle.line()}")
        print(f"ACLED oracle notes inside the bound that the geoparser misses: "
              f"{len(oracle.unpicked)}")
    print(f"Indonesian mentions: {ids.line()}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
