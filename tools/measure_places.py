"""Quick geoparsing check on ACLED notes (not a test; the corpus stays outside the repo).

For the first N notes of ../shared/corpus/acled_2020_global_sample.csv: find() over the
note, resolve() over all its mentions with no focus; a hit is a place within 25 km of
ACLED's point, or in ACLED's admin1 when ACLED's geo_precision is 3. Also reports the
naive baseline (the most populous gazetteer reading of the first mention).

Usage: python tools/measure_places.py [N] [--show-misses]
"""

from __future__ import annotations

import csv
import math
import sys
from pathlib import Path

from pantau.knowledge.gazetteer import Gazetteer, _haversine_km
from pantau.packs import PackSet
from pantau.stages.normalize.places import Geoparser

CORPUS = Path(__file__).resolve().parents[1].parent / "shared" / "corpus" / "acled_2020_global_sample.csv"


def same_admin1(gaz: Gazetteer, iso3: str, ours: str | None, theirs: str) -> bool:
    if not ours:
        return False
    a, b = gaz.admin1_place(iso3, ours), gaz.admin1_place(iso3, theirs)
    return (a is not None and b is not None and a.key == b.key) or gaz.fold(ours) == gaz.fold(theirs)


def main(argv: list[str]) -> int:
    n = int(argv[0]) if argv and argv[0].isdigit() else 400
    show = "--show-misses" in argv
    gaz = Gazetteer.load()
    geo = Geoparser(gaz, PackSet()["en"])
    rows = list(csv.DictReader(CORPUS.open(encoding="utf-8")))[:n]
    hits = base_hits = placed = 0
    for row in rows:
        note, iso3 = row["notes"], row["iso3"]
        lat, lon, prec = float(row["latitude"]), float(row["longitude"]), int(row["geo_precision"])
        mentions = geo.find(note, 0, len(note))
        ref = geo.resolve(mentions)

        def ok(r_lat: float, r_lon: float, r_country: str, r_admin1: str | None) -> bool:
            if r_country != iso3 or math.isnan(r_lat):
                return False
            if _haversine_km(r_lat, r_lon, lat, lon) <= 25:
                return True
            return prec == 3 and same_admin1(gaz, iso3, r_admin1, row["admin1"])

        good = ref is not None and ok(ref.latitude, ref.longitude, ref.country, ref.admin1)
        placed += ref is not None
        hits += good
        if mentions and mentions[0].candidates:
            top = max(mentions[0].candidates, key=lambda p: p.population)
            base_hits += ok(top.latitude, top.longitude, top.country, top.admin1)
        if show and not good:
            print(f"MISS {row['location']!r} ({row['admin1']}, {iso3}, p{prec}) -> "
                  f"{ref and (ref.location, ref.admin1, ref.country, ref.geo_precision)} | "
                  f"{[m.surface for m in mentions]}")
    print(f"notes {len(rows)}  placed {placed}  within 25 km / same admin1: {hits} ({hits / len(rows):.3f})"
          f"  precision of placed {hits / max(placed, 1):.3f}  baseline {base_hits} ({base_hits / len(rows):.3f})")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
