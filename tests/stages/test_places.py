"""Geoparser: mentions, cues, disambiguation and events.md coding levels."""

from __future__ import annotations

import pytest

from pantau.knowledge.gazetteer import Gazetteer, _haversine_km
from pantau.packs import PackSet
from pantau.records import PlaceRef
from pantau.stages.normalize.places import Geoparser


@pytest.fixture(scope="session")
def parsers() -> dict[str, Geoparser]:
    gaz = Gazetteer.load()
    packs = PackSet()
    return {lang: Geoparser(gaz, packs[lang]) for lang in ("id", "en")}


def place(parsers: dict[str, Geoparser], lang: str, text: str, focus: tuple[str, ...] = ()) -> PlaceRef | None:
    geo = parsers[lang]
    return geo.resolve(geo.find(text, 0, len(text)), focus)


def near(ref: PlaceRef, lat: float, lon: float, km: float = 25) -> bool:
    return _haversine_km(ref.latitude, ref.longitude, lat, lon) <= km


def test_id_places_province_only_is_admin1_at_its_capital(parsers) -> None:
    ref = place(parsers, "id", "Dua perwira tewas dalam serangan oleh ISIS di provinsi barat Anbar pada Selasa.")
    assert ref is not None and (ref.admin1, ref.country, ref.geo_precision) == ("Al Anbar", "IRQ", 3)
    assert near(ref, 33.43, 43.30)


def test_id_places_crossing_is_precision_2_in_anbar(parsers) -> None:
    ref = place(parsers, "id", "Pasukan Irak merebut penyeberangan al-Waleed di perbatasan dengan Suriah.")
    assert ref is not None and (ref.admin1, ref.country, ref.geo_precision) == ("Al Anbar", "IRQ", 2)
    assert near(ref, 33.39, 38.79, 5)


def test_id_places_city_cue_gives_the_town(parsers) -> None:
    ref = place(parsers, "id", "Semua operasi tempur di kota Daraa di selatan telah ditangguhkan.")
    assert ref is not None and (ref.country, ref.geo_precision, ref.admin1) == ("SYR", 1, "Daraa")
    assert near(ref, 32.62, 36.10, 5)
    ref = place(parsers, "id", "Pasukan memasuki pemukiman baru di kota utara Raqqa.")
    assert ref is not None and ref.admin1 == "Ar Raqqa" and near(ref, 35.95, 39.01, 5)


def test_id_places_supplement_village(parsers) -> None:
    ref = place(parsers, "id", "SDF menyatakan wilayah Baghouz berhasil dikuasai.")
    assert ref is not None and (ref.country, ref.admin1) == ("SYR", "Deir ez-Zor")


def test_id_places_country_exonyms(parsers) -> None:
    for name, iso3 in (("Irak", "IRQ"), ("Suriah", "SYR")):
        ref = place(parsers, "id", f"Bala bantuan dikirim ke {name} pekan lalu.")
        assert ref is not None and ref.country == iso3 and ref.geo_precision == 3


def test_id_places_disambiguation_by_region(parsers) -> None:
    ref = place(parsers, "id", "Seorang warga ditembak di Jayapura, Papua.")
    assert ref is not None and ref.country == "IDN" and ref.admin1 == "Papua"
    ref = place(parsers, "id", "Kontak tembak terjadi di Puncak, Papua, antara TNI dan kelompok bersenjata.")
    assert ref is not None and ref.admin2 == "Kabupaten Puncak" and ref.admin1 in ("Papua Tengah", "Papua")
    ref = place(parsers, "id", "Serangan terjadi di Anbar.")
    assert ref is not None and ref.country == "IRQ"


def test_en_places_borno_is_nigeria(parsers) -> None:
    ref = place(parsers, "en", "Boko Haram fighters attacked a village in Borno state.")
    assert ref is not None and (ref.country, ref.admin1, ref.geo_precision) == ("NGA", "Borno", 3)


def test_en_places_city_suffix_cue(parsers) -> None:
    ref = place(parsers, "en", "On 9 May 2020, a landmine exploded in Kandahar city.")
    assert ref is not None and (ref.country, ref.geo_precision) == ("AFG", 1) and near(ref, 31.61, 65.71)


def test_en_places_distance_is_near_precision_2(parsers) -> None:
    ref = place(parsers, "en", "A car bomb exploded 50 km northwest of Baghdad on Monday.")
    assert ref is not None and ref.geo_precision == 2 and ref.location == "Baghdad"
    geo = parsers["id"]
    text = "Bom meledak dekat Mosul."
    assert geo.find(text, 0, len(text))[0].relation == "near"


def test_places_direction_places_yield_to_in_places(parsers) -> None:
    ref = place(parsers, "en", "Troops moved from Baghdad to Ramadi after clashes in Fallujah.")
    assert ref is not None and near(ref, 33.35, 43.78)


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Brigade Jenderal Said berbicara pada Selasa, Sabtu, Juni di Bar."),
    ("en", "Brigade General Said of the Bar spoke on Tuesday in June."),
])
def test_places_common_words_are_never_places(parsers, lang: str, text: str) -> None:
    geo = parsers[lang]
    surfaces = {m.surface for m in geo.find(text, 0, len(text))}
    assert not surfaces & {"Selasa", "Sabtu", "Juni", "Brigade", "Pasukan", "Said", "Bar", "Of", "Jenderal",
                           "General", "Tuesday", "June"}


def test_places_lowercase_words_are_not_places(parsers) -> None:
    text = "para pengungsi di kota itu meninggalkan rumah mereka"
    assert parsers["id"].find(text, 0, len(text)) == []


def test_places_find_offsets_are_absolute(parsers) -> None:
    text = "Judul. Serangan di kota Daraa kemarin. Lalu di Raqqa."
    geo = parsers["id"]
    start = text.index("Lalu")
    mentions = geo.find(text, start, len(text))
    assert [text[m.start:m.end] for m in mentions] == ["Raqqa"]


def test_places_focus_ignores_reporter_places(parsers) -> None:
    geo = parsers["id"]
    text = "Irbil dan Irbil. Serangan di Suriah dan Damaskus."
    mentions = geo.find(text, 0, len(text))
    assert geo.focus(mentions, reporter_places=("Irbil",))[0] == "SYR"


def test_places_unknown_fragment_is_not_a_confident_point(parsers) -> None:
    ref = place(parsers, "en", "Taliban attacked a checkpoint in Pul-e Zzyzzq area.")
    assert ref is None or ref.geo_precision == 3
