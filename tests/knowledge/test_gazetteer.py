"""The place index: folded lookups, seats, coding levels, supplement, user files."""

from __future__ import annotations

import csv
import math
from pathlib import Path

import pytest

from pantau.errors import PackError
from pantau.knowledge.gazetteer import KINDS, SUPPLEMENT, SUPPLEMENT_COLUMNS, Gazetteer


@pytest.fixture(scope="session")
def gaz() -> Gazetteer:
    return Gazetteer.load()


def kinds(places, country=None):
    return {(p.kind, p.country) for p in places if country is None or p.country == country}


def test_gazetteer_folds_case_diacritics_and_articles(gaz: Gazetteer) -> None:
    for spelling in ("Anbar", "al-Anbar", "AL ANBAR", "Al Anbār", "Anbar Governorate"):
        assert ("admin1", "IRQ") in kinds(gaz.candidates(spelling)), spelling
    for spelling in ("Deir ez-Zor", "Deir al-Zor", "Dayr az Zawr"):
        assert any(p.kind == "admin1" and p.name == "Deir ez-Zor" for p in gaz.candidates(spelling)), spelling


def test_gazetteer_admin1_has_acled_name_and_capital_seat(gaz: Gazetteer) -> None:
    seat = gaz.admin1_seat("IRQ", "Anbar")
    assert seat is not None and seat.name == "Ramadi"
    assert seat.latitude == pytest.approx(33.43, abs=0.05) and seat.longitude == pytest.approx(43.30, abs=0.05)
    ref = gaz.to_ref(gaz.admin1_place("IRQ", "Al Anbar"), 3)
    assert (ref.admin1, ref.country, ref.geo_precision, ref.location) == ("Al Anbar", "IRQ", 3, "Ramadi")


def test_gazetteer_country_exonyms_and_capital(gaz: Gazetteer) -> None:
    for name, iso3 in (("Irak", "IRQ"), ("Suriah", "SYR"), ("Yordania", "JOR"), ("Arab Saudi", "SAU"),
                       ("Turki", "TUR"), ("Mesir", "EGY"), ("Rusia", "RUS"), ("Amerika Serikat", "USA"),
                       ("Inggris", "GBR"), ("Ukraina", "UKR"), ("Palestina", "PSE")):
        assert ("country", iso3) in kinds(gaz.candidates(name)), name
    ref = gaz.to_ref(gaz.country("IRQ"), 3)
    # Only the country known: the capital's point, but no admin1 or town claimed.
    assert ref.location == "Iraq" and ref.admin1 is None and ref.geo_precision == 3
    assert abs(ref.latitude - 33.34) < 0.2 and abs(ref.longitude - 44.4) < 0.2


def test_gazetteer_supplement_places(gaz: Gazetteer) -> None:
    walid = [p for p in gaz.candidates("al-Waleed") if p.kind == "site"]
    assert walid and walid[0].admin1 == "Al Anbar" and walid[0].country == "IRQ"
    assert (walid[0].latitude, walid[0].longitude) == pytest.approx((33.39, 38.79), abs=0.01)
    assert any(p.admin1 == "Deir ez-Zor" for p in gaz.candidates("Baghouz"))
    puncak = [p for p in gaz.candidates("Puncak") if p.kind == "admin2" and p.country == "IDN"]
    assert puncak and not math.isnan(puncak[0].latitude)


def test_gazetteer_short_names_need_their_case(gaz: Gazetteer) -> None:
    key = gaz.fold("AS")
    usa = {gaz.place(i).country for i in gaz.ids_for_surface(key, "AS")}
    assert "USA" in usa
    assert "USA" not in {gaz.place(i).country for i in gaz.ids_for_surface(key, "As")}


def test_gazetteer_supplement_rows_are_well_formed() -> None:
    with SUPPLEMENT.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE))
    assert rows and tuple(rows[0]) == SUPPLEMENT_COLUMNS
    for row in rows:
        assert row["kind"] in KINDS and row["source"].strip() and len(row["country"]) == 3, row["key"]


def test_gazetteer_second_load_reads_the_cache(gaz: Gazetteer, monkeypatch: pytest.MonkeyPatch) -> None:
    """Once built, the index is read from its cache and never rebuilt (the load time itself is a
    benchmark figure, `pantau bench`, not a timed test)."""
    import pantau.knowledge.gazetteer as module

    def no_build() -> None:
        raise AssertionError("the cached index was rebuilt")

    monkeypatch.setattr(module, "build_index", no_build)
    again = Gazetteer.load()
    assert len(again) == len(gaz)


def test_gazetteer_cache_name_changes_with_the_build_code(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache built by older code is never read: the module that builds the index is part of
    the fingerprint (a change of key order once left old caches coding otherwise than new ones)."""
    import pantau.knowledge.gazetteer as module

    before = module.cache_path(tmp_path)
    code = tmp_path / "gazetteer.py"
    code.write_bytes(module.BUILD_CODE.read_bytes() + b"\n# changed\n")
    monkeypatch.setattr(module, "BUILD_CODE", code)
    assert module.cache_path(tmp_path) != before


def test_gazetteer_cache_of_another_format_is_rebuilt(gaz: Gazetteer, tmp_path: Path,
                                                      monkeypatch: pytest.MonkeyPatch) -> None:
    """A cache file of an older format (or a damaged one) is never read as the index: the
    index is built afresh and the file replaced; files of other versions are left alone."""
    import pickle

    import pantau.knowledge.gazetteer as module

    path = module.cache_path(tmp_path)
    old_name = tmp_path / "gazetteer-0123456789abcdef.pickle"  # the one-pickle format's name
    old_name.write_bytes(pickle.dumps({"format": 4, "index": {"x": 1}}))
    built: list[int] = []

    def build() -> dict:
        built.append(1)
        return gaz._d

    monkeypatch.setattr(module, "build_index", build)
    for stale in (pickle.dumps({"format": 4, "index": {"x": 1}}), b"not a pickle"):
        path.write_bytes(stale)
        data = module.load_or_build(tmp_path)
        assert data["format"] == module._manifest()["format"] and len(Gazetteer(data)) == len(gaz)
    assert len(built) == 2 and old_name.exists()
    module.load_or_build(tmp_path)  # the rewritten file is read, not rebuilt
    assert len(built) == 2


def test_gazetteer_packed_tables_read_back(gaz: Gazetteer) -> None:
    """The index is stored packed (one id, or a run of ids); span_of infers the first words
    not stored: a one-word name alone 1, a word starting no name 0."""
    from pantau.knowledge.gazetteer import _ids_of, _pack, _spans, _unpack

    table, runs = _unpack(_pack({"raqqa": 3, "gaza": (1, 7, 9), "": 4}))
    assert {k: _ids_of(v, runs) for k, v in table.items()} == {"raqqa": (3,), "gaza": (1, 7, 9), "": (4,)}
    assert _spans({"gaza": 1, "gaza strip": 2, "tall refaat": 3}) == {"gaza": 2, "tall": 2}
    assert gaz.span_of(gaz.fold("Anbar")) >= 1 and gaz.span_of("qqqxq") == 0
    assert gaz.span_of("deir") >= 3  # "deir ez zor"


def test_gazetteer_user_file_adds_places_and_reports_conflicts(gaz: Gazetteer, tmp_path: Path) -> None:
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,latitude,longitude,country,admin1,kind\n"
                    "Kampung Contoh,Contoh Hilir,-3.9,137.4,IDN,Papua Tengah,populated\n"
                    "Ramadi,,30.0,40.0,IRQ,Al Anbar,populated\n", encoding="utf-8")
    mine = Gazetteer.load([path])
    assert any(p.key.startswith("user:") for p in mine.candidates("Contoh Hilir"))
    assert any("Ramadi" in c for c in mine.conflicts)
    assert not gaz.candidates("Contoh Hilir")  # the shared instance is untouched


def test_gazetteer_user_file_errors_name_the_line(tmp_path: Path) -> None:
    path = tmp_path / "bad.csv"
    path.write_text("name,aliases,latitude,longitude,country,admin1,kind\nX,,north,1,IDN,,populated\n",
                    encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.csv:2"):
        Gazetteer.load([path])


def test_gazetteer_user_conflicts_name_file_line_and_built_in(tmp_path: Path) -> None:
    path = tmp_path / "analyst.csv"
    path.write_text("name,aliases,latitude,longitude,country,admin1,kind\n"
                    "Kampung Baru Contoh,,-2.5,140.7,IDN,Papua,populated\n"
                    "Fallujah,Faluja,10.0,10.0,IRQ,Al Anbar,populated\n", encoding="utf-8")
    mine = Gazetteer.load([path])
    assert len(mine.conflicts) >= 1 and all(isinstance(c, str) for c in mine.conflicts)
    assert all(c.startswith(f"{path}:3:") for c in mine.conflicts)
    assert any("Fallujah" in c and "km away" in c for c in mine.conflicts)
    assert any(p.key.startswith("user:") for p in mine.candidates("Kampung Baru Contoh"))


def test_gazetteer_indonesian_provinces_in_acled_form_with_capitals(gaz: Gazetteer) -> None:
    for local, acled, capital in (("Jawa Barat", "West Java", "Bandung"), ("Papua Tengah", "Central Papua", "Nabire"),
                                  ("DKI Jakarta", "Jakarta", "Jakarta"), ("Riau", "Riau", "Pekanbaru")):
        unit = gaz.admin1_place("IDN", local)
        assert unit is not None and unit.name == acled, local
        assert gaz.admin1_place("IDN", acled) == unit
        seat = gaz.seat(unit)
        assert seat is not None and seat.name == capital, local


def test_gazetteer_transliteration_skeletons_meet(gaz: Gazetteer) -> None:
    for a, b in (("Tall Refaat", "Tall Rif'at"), ("Jandairis", "Jindayris"), ("Deir ez-Zor", "Dayr az Zawr"),
                 ("Kansafra", "Kansafrah")):
        assert gaz.skeleton(a) and gaz.skeleton(a) == gaz.skeleton(b), (a, b)
    assert gaz.skeleton("Raqqa") == ""  # too short to mean anything
    assert any(p.name == "Jindayris" for p in map(gaz.place, gaz.skeleton_ids("Jandairis")))


def test_gazetteer_units_without_linked_towns_get_the_town_of_their_name(gaz: Gazetteer) -> None:
    """GeoNames links no town to most Syrian districts: "Tell Abyad District" still has a
    seat, the town of its own name (spelled Tall Abyad), not a missing point."""
    unit = [p for p in gaz.candidates("Tell Abyad District") if p.kind == "admin2" and p.country == "SYR"]
    assert unit and not math.isnan(unit[0].latitude)
    seat = gaz.seat(unit[0])
    assert seat is not None and seat.name == "Tall Abyad"


def test_gazetteer_towns_take_their_admin2s_admin1(gaz: Gazetteer) -> None:
    """GeoNames links Palestinian towns to their governorate only; the supplement gives the
    governorates their admin1, and the towns take it."""
    towns = [p for p in gaz.candidates("Khan Yunis") if p.kind == "populated" and p.country == "PSE"]
    assert towns and all(p.admin1 == "Gaza Strip" for p in towns)
    towns = [p for p in gaz.candidates("Nablus") if p.kind == "populated" and p.country == "PSE"]
    assert towns and all(p.admin1 == "West Bank" for p in towns)


def test_gazetteer_us_states_sit_at_their_capitals(gaz: Gazetteer) -> None:
    """events.md codes a region-only event at the region's capital: Missouri at Jefferson City
    (not Kansas City, its largest town); New York keeps New York City, what news means by it."""
    for state, capital in (("Missouri", "Jefferson City"), ("Texas", "Austin"), ("Virginia", "Richmond")):
        unit = gaz.admin1_place("USA", state)
        assert unit is not None and gaz.seat(unit) is not None and gaz.seat(unit).name == capital
    unit = gaz.admin1_place("USA", "New York")
    assert unit is not None and gaz.seat(unit).name == "New York City"


_BUILD_DIGEST = """
import hashlib, pickle
from pantau.knowledge.gazetteer import build_index
print(hashlib.sha256(pickle.dumps(build_index(), protocol=5)).hexdigest())
"""


@pytest.mark.slow
def test_the_built_index_does_not_depend_on_the_hash_seed() -> None:
    """Two processes that each build the index (no cache yet) must hold the same index, key
    order included: under PYTHONHASHSEED 1 and 2 the set order of the build once gave two
    orders, and the same demo article got another event id in each process."""
    import os
    import subprocess
    import sys

    procs = [
        subprocess.Popen([sys.executable, "-c", _BUILD_DIGEST], env={**os.environ, "PYTHONHASHSEED": seed},
                         stdout=subprocess.PIPE, text=True)
        for seed in ("1", "2")
    ]
    digests = [p.communicate(timeout=600)[0].strip() for p in procs]
    assert all(p.returncode == 0 for p in procs)
    assert digests[0] and digests[0] == digests[1]
