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
    assert ref is not None and ref.admin2 == "Kabupaten Puncak" and ref.admin1 in ("Central Papua", "Papua")
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


def test_id_places_juru_of_juru_bicara_is_no_place(parsers) -> None:
    """"Juru bicara" (spokesman) opens many sentences; it was read as a town in Brazil or Malaysia."""
    text = "Juru bicara militer Irak mengatakan pasukan dikirim ke Anbar."
    assert "Juru" not in {m.surface for m in parsers["id"].find(text, 0, len(text))}


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


def surfaces(parsers, lang: str, text: str) -> list[str]:
    return [m.surface for m in parsers[lang].find(text, 0, len(text))]


def test_en_places_co_mentioned_admin_unit_picks_the_candidate(parsers) -> None:
    # "Korin" names only a German village in the index: inside an Idleb story it is no point in Germany.
    ref = place(parsers, "en", "A mass demonstration took place in the village of Korin in Idleb province.")
    assert ref is not None and (ref.country, ref.admin1, ref.geo_precision) == ("SYR", "Idleb", 3)
    ref = place(parsers, "en", "Migrant workers protested in Nellore (Andhra Pradesh).")
    assert ref is not None and ref.country == "IND" and ref.admin1 == "Andhra Pradesh"


def test_en_places_name_fragments_are_not_places(parsers) -> None:
    ref = place(parsers, "en", "Turkish forces shelled Tall Refaat in Aleppo using artillery fire.")
    # "Tall" alone is no place; the whole run is Tall Rif'at by its skeleton, inside Aleppo
    assert ref is not None and ref.country == "SYR" and ref.admin1 == "Aleppo" and near(ref, 36.47, 37.10, 5)
    geo = parsers["en"]
    text = "GNA and LNA forces clashed in Wadi al-Rabi (Aljfara)."
    wadi = [m for m in geo.find(text, 0, len(text)) if m.surface == "Wadi"]
    assert all(geo.resolve([m]) is None for m in wadi)


def test_en_places_person_names_are_not_places(parsers) -> None:
    geo = parsers["en"]
    text = "The militia commander Mustefa Bali said the attack was repelled."
    assert all(geo.resolve([m]) is None for m in geo.find(text, 0, len(text)))


@pytest.mark.parametrize(("lang", "text", "name"), [
    ("id", "Hal itu dilaporkan The Times of Israel pada Selasa.", "Israel"),
    ("id", "Seorang dosen Universitas Indonesia ditangkap.", "Indonesia"),
    ("en", "The New York Times reported the strike on Monday.", "New York"),
    ("en", "Protesters decried the high US dollar exchange rate.", "US"),
    ("en", "A maintenance company was fined by Air France.", "France"),
])
def test_places_organisations_named_after_places_are_not_places(parsers, lang: str, text: str, name: str) -> None:
    assert name not in surfaces(parsers, lang, text)


def test_id_places_glued_scraping_text(parsers) -> None:
    assert "Iran" in surfaces(parsers, "id", "karena perang yang sedang berlangsung denganIran kemarin.")
    assert "Iran" in surfaces(parsers, "id", "Pemimpin tertinggi IranAyatollah Ali Khamenei berbicara.")
    assert "Israel" in surfaces(parsers, "id", "serangan militerIsraelterhadap Iran")
    assert surfaces(parsers, "en", "fire across the LoC in Poonch district") == ["Poonch"]


def test_id_places_upper_case_abbreviations(parsers) -> None:
    geo = parsers["id"]
    text = "Presiden AS Donald Trump dan Presiden RI bertemu."
    found = {m.surface: geo.resolve([m]) for m in geo.find(text, 0, len(text))}
    assert found["AS"] is not None and found["AS"].country == "USA"
    assert found["RI"] is not None and found["RI"].country == "IDN"
    assert "as" not in surfaces(parsers, "en", "He spoke as the troops left Mosul.")


def test_id_places_institution_prefix_keeps_the_place(parsers) -> None:
    for text in ("Koordinasi dengan Polres Nabire dilakukan.", "Bupati Nabire hadir di lokasi."):
        ref = place(parsers, "id", text)
        assert ref is not None and ref.country == "IDN" and near(ref, -3.37, 135.49, 25), text


def test_id_places_route_pairs_are_both_places(parsers) -> None:
    assert surfaces(parsers, "id", "Penerbangan Moskow-Bali dijadwalkan tiga kali.") == ["Moskow", "Bali"]


def test_id_places_admin1_in_acled_form_at_its_capital(parsers) -> None:
    ref = place(parsers, "id", "Unjuk rasa digelar di Provinsi Jawa Barat.")
    assert ref is not None and (ref.admin1, ref.geo_precision, ref.location) == ("West Java", 3, "Bandung")
    ref = place(parsers, "id", "Kontak tembak di Papua Tengah.")
    assert ref is not None and ref.admin1 == "Central Papua" and ref.location == "Nabire"


def test_en_places_seeds(parsers) -> None:
    ref = place(parsers, "en", "IS attacked an army post in Anbar province.")
    assert ref is not None and (ref.admin1, ref.country) == ("Al Anbar", "IRQ")
    ref = place(parsers, "en", "US forces crossed at the al-Waleed crossing into Syria.")
    assert ref is not None and ref.admin1 == "Al Anbar" and ref.geo_precision == 2 and near(ref, 33.39, 38.79, 5)
    for text, lat, lon in (("Clashes in Raqqa city.", 35.95, 39.01), ("Shelling hit Daraa.", 32.62, 36.10),
                           ("SDF fighters entered Baghouz.", 34.46, 40.94)):
        ref = place(parsers, "en", text)
        assert ref is not None and ref.country == "SYR" and near(ref, lat, lon), text


def test_places_ambiguous_name_falls_back_to_the_shared_level(parsers) -> None:
    # Several Nagrak villages in West Java, none preferred: the province, not a guessed village.
    ref = place(parsers, "id", "Seorang pelajar dari Nagrak dibacok.", focus=("IDN",))
    assert ref is None or (ref.geo_precision == 3 and ref.admin1 == "West Java")


def test_id_places_address_chain_inherits_the_locative_cue(parsers) -> None:
    """Every name of "di Jalan X, Kota, Provinsi" is where it happened (the demo's Makassar
    bombing lost its place when Makassar was also the dateline city)."""
    text = "Bom meledak di depan gereja di Jalan Kajaolalido, Makassar, Sulawesi Selatan, Minggu pagi."
    found = {m.surface: m.relation for m in parsers["id"].find(text, 0, len(text))}
    assert found["Makassar"] == "in"
    assert found["Sulawesi Selatan"] == "in"


def test_en_places_address_chain_stops_at_a_sentence_end(parsers) -> None:
    text = "Police met in Jakarta. Officials from Makassar, Sulawesi said nothing."
    found = {m.surface: m.relation for m in parsers["en"].find(text, 0, len(text))}
    assert found.get("Makassar") != "in"


def test_places_country_only_claims_no_region(parsers) -> None:
    """Only the country known: the capital's point, but no admin1 (a confident wrong region)."""
    gaz = Gazetteer.load()
    ref = gaz.to_ref(gaz.country("IDN"), 3)
    assert ref.admin1 is None and ref.admin2 is None
    assert ref.location == gaz.country("IDN").name
    assert near(ref, -6.21, 106.85, km=50)


# -- qualifiers, demonyms, cue reading (issue 3, second round) ----------------------------


def test_en_places_parenthesised_qualifiers_reject_a_namesake_elsewhere(parsers) -> None:
    """"Tudun Wada (Kaduna North LGA, Kaduna)": the index has only a Tudun Wada in Kano; the
    text says it lies in Kaduna, so the event is coded at Kaduna North, never in Kano."""
    ref = place(parsers, "en", "A youth mob threw stones at a market in Tudun Wada (Kaduna North LGA, Kaduna).")
    assert ref is not None and (ref.country, ref.admin1, ref.admin2) == ("NGA", "Kaduna", "Kaduna North")
    assert ref.geo_precision == 2


def test_en_places_qualifier_names_the_region_not_its_seat(parsers) -> None:
    """"(Qaatabah, Ad Dali)": Ad Dali is the governorate holding Qaatabah district, not the
    town of Ad Dali; the event is at the district's seat."""
    ref = place(parsers, "en", "Houthi forces fired in Murays front (Qaatabah, Ad Dali) with no report of fatalities.")
    assert ref is not None and ref.admin2 == "Qa'atabah" and ref.geo_precision == 2
    assert near(ref, 13.85, 44.71, 5)


def test_en_places_qualifiers_vote_for_the_focus(parsers) -> None:
    """"Rafah (Rafah, North Sinai)": both Rafahs vote for the Egyptian one, inside North Sinai."""
    geo = parsers["en"]
    text = "Egyptian military forces conducted airstrikes targeting militants in Rafah (Rafah, North Sinai)."
    mentions = geo.find(text, 0, len(text))
    assert geo.focus(mentions)[0] == "EGY"
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "EGY" and near(ref, 31.28, 34.24, 5)


def test_en_places_a_list_is_no_qualifier(parsers) -> None:
    geo = parsers["en"]
    text = "Regime forces shelled towns in Idleb, Aleppo and Hama."
    found = {m.surface: m for m in geo.find(text, 0, len(text))}
    assert found["Idleb"].qualifier_at is None  # Idleb does not lie in Aleppo
    text = "Clashes in Blaj of the Alba county left 7 injured."
    found = {m.surface: m for m in geo.find(text, 0, len(text))}
    assert found["Blaj"].qualifier_at == found["Alba"].start and found["Blaj"].qualifier_sure


def test_en_places_demonyms_are_no_places_but_count_for_focus(parsers) -> None:
    """"Turkish forces": no glued "Turki" (Turkey), and never the event's place."""
    geo = parsers["en"]
    text = "Turkish forces shelled Fakkeh in al-Hasakeh using artillery fire."
    mentions = geo.find(text, 0, len(text))
    turkish = [m for m in mentions if m.surface == "Turkish"]
    assert turkish and turkish[0].demonym and geo.resolve(turkish) is None
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "SYR"
    assert "Turki" not in surfaces(parsers, "en", "Turkish forces shelled the village.")


@pytest.mark.parametrize(("text", "name", "relation", "type_cue"), [
    ("Kapal tidak mengganggu perdagangan laut di Indonesia kemarin.", "Indonesia", "in", None),
    ("Helikopter jatuh di negara bagian Uttarakhand, India utara.", "Uttarakhand", "in", "province"),
    ("A man drowned on the outskirts of the capital Ndjamena on Monday.", "Ndjamena", "near", "city"),
    ("Fighting in the northern countryside of Idleb continued.", "Idleb", "in", None),
])
def test_places_cue_words_read_leftwards(parsers, text: str, name: str, relation: str, type_cue: str | None) -> None:
    """A filler that is also a cue ("di"), a two-word type ("negara bagian") and a four-word
    relation ("on the outskirts of") are all read."""
    lang = "en" if text.startswith(("A ", "Fighting")) else "id"
    found = {m.surface: m for m in parsers[lang].find(text, 0, len(text))}
    assert (found[name].relation, found[name].type_cue) == (relation, type_cue)


def test_en_places_transliteration_inside_a_named_region(parsers) -> None:
    """"Jandairis" is not in the index, GeoNames spells it Jindayris: the skeleton finds it,
    and only because the passage says it lies in Aleppo."""
    ref = place(parsers, "en", "Militants assaulted a civilian in the town of Jandairis in the northern countryside of Aleppo.")
    assert ref is not None and ref.country == "SYR" and ref.geo_precision == 1 and near(ref, 36.39, 36.69, 5)
    geo = parsers["en"]
    text = "Clashes took place in Jandairis town, witnesses said."
    mentions = geo.find(text, 0, len(text))
    assert all(m.fuzzy for m in mentions if m.surface.startswith("Jandairis"))
    assert geo.resolve(mentions) is None  # a look-alike spelling alone is no point


def test_en_places_comma_before_a_cue_ends_the_chain(parsers) -> None:
    geo = parsers["en"]
    text = "On 8 May 2020, in Totonicapan, Totonicapan, in Chipuac village, residents attacked health workers."
    found = {m.start: m for m in geo.find(text, 0, len(text))}
    second = text.index("Totonicapan", text.index("Totonicapan") + 1)
    assert found[second].qualifier_at is None
    ref = geo.resolve(list(found.values()), ("GTM",))
    assert ref is not None and ref.country == "GTM" and near(ref, 14.91, -91.36)


def test_en_places_named_region_outweighs_towns_named_like_their_commune(parsers) -> None:
    """Every Romanian village is named like its commune; "of the Covasna county" says which
    Sfantu Gheorghe is meant (not the namesake villages in Tulcea or Ialomita)."""
    ref = place(parsers, "en", "Three men threatened police officers in Sfantu Gheorghe of the Covasna county.", ("ROU",))
    assert ref is not None and ref.admin1 == "Covasna" and ref.geo_precision == 1 and near(ref, 45.87, 25.79, 5)


def test_en_places_pinned_place_outranks_a_bare_town(parsers) -> None:
    """"in Barwani district (Madhya Pradesh)" is where it happened, not Mumbai in the route name."""
    ref = place(parsers, "en", "Migrants from Maharashtra held a protest at the Mumbai-Barwani stretch of the highway "
                               "in Barwani district (Madhya Pradesh).")
    assert ref is not None and ref.admin1 == "Madhya Pradesh" and near(ref, 22.03, 74.90)


def test_id_places_strait_is_no_place(parsers) -> None:
    assert "Selat" not in surfaces(parsers, "id", "Pemasangan ranjau laut di Selat Hormuz berpotensi menjebak kapal.")


# -- speed work: the faster forms must say exactly what the plain ones said ----------------

TRICKY = ("al-Anbar dan as-Sham", "Al Waleed, x al y", "_Al 1Al éAl ÀbcÉ", "ash-Shaddadi ashes as ad ar",
          "denganIran IranAyatollah", "McDonald di Kota", "el Marj, ed-Damazin ul", "Ǆemal Ĳssel ĀbcĀ")


def test_start_pattern_is_the_word_boundary_pattern(parsers) -> None:
    import re

    from pantau.stages.normalize.places import _start_pattern

    arts = parsers["en"].articles
    alt = "|".join(sorted(map(re.escape, arts), key=len, reverse=True))
    plain = re.compile(rf"\b(?:[A-Z\u00C0-\u00DE\u0100-\u024F][^\W_]*|(?:{alt})\b)")
    fast = _start_pattern(arts)
    for text in TRICKY:
        assert [m.span() for m in fast.finditer(text)] == [m.span() for m in plain.finditer(text)], text


def test_glued_pattern_is_the_lookbehind_pattern() -> None:
    import re

    from pantau.stages.normalize.places import _GLUED

    plain = re.compile(r"(?<=[a-z]{3})[A-Z](?=[a-z])")
    for text in (*TRICKY, "abCd abcDe denganIranYang", "xyZ"):
        assert [m.start() for m in _GLUED.finditer(text)] == [m.start() for m in plain.finditer(text)], text


def test_memoised_readings_equal_fresh_ones(parsers) -> None:
    """The per-instance memos (word classes, accepted surfaces, readings alone, priors, seats)
    give what a fresh geoparser gives, whatever was read before."""
    texts = ["Serangan di Kota Raqqa, Suriah, menewaskan dua orang.",
             "Polisi di Jakarta Selatan menangkap pria asal Bekasi.",
             "Di Raqqa warga berkumpul; di Daraa dan Idlib juga.",
             "Serangan di Kota Raqqa, Suriah, menewaskan dua orang."]
    geo = parsers["id"]
    warm = []
    for t in texts:
        ms = geo.find(t)
        focus = geo.focus(ms)
        warm.append((ms, [geo.resolve([m], focus) for m in ms], geo.resolve(ms, focus)))
    for t, (ms, alone, whole) in zip(texts, warm):
        fresh = Geoparser(geo.gaz, PackSet()["id"])
        fm = fresh.find(t)
        focus = fresh.focus(fm)
        assert fm == ms
        assert [fresh.resolve([m], focus) for m in fm] == alone
        assert fresh.resolve(fm, focus) == whole
    assert warm[0] == warm[3]


def test_cue_read_across_fillers_and_type_word_after_fast_path(parsers) -> None:
    geo = parsers["id"]
    text = "Bentrokan terjadi di sekitar kota Raqqa pada Senin, lalu Raqqa provinsi tenang."
    ms = [m for m in geo.find(text) if m.surface == "Raqqa"]
    assert ms[0].relation is not None and ms[0].type_cue == "city"
    plain = [m for m in geo.find("Bentrokan terjadi pada Senin, lalu warga Raqqa tenang.") if m.surface == "Raqqa"]
    assert plain[0].relation is None and plain[0].type_cue is None


def test_en_demonym_prefers_the_namesake_in_its_country(parsers) -> None:
    """A demonym counts as a named country for a name's a-priori reading: "Beja" beside
    "Tunisian" is the Tunisian town, not the Portuguese district the name alone would vote for."""
    text = ("On 9 May 2020, a group of teachers protested in front of the regional headquarters "
            "of the Tunisian General Labour Union in Beja to demand the payment of their salaries.")
    geo = parsers["en"]
    ms = geo.find(text)
    ref = geo.resolve(ms, geo.focus(ms))
    assert ref is not None and ref.country == "TUN"
    alone = geo.find("Teachers protested in Beja to demand the payment of their salaries.")
    assert geo.focus(alone)[:1] == ("PRT",)  # without the demonym the name's own reading leads


def test_user_places_added_after_first_use_are_found(tmp_path) -> None:
    """The geoparser's memos (which words start a name, which surfaces are accepted) start
    afresh when the gazetteer gains user places after the geoparser has been used."""
    gaz = Gazetteer.load()
    geo = Geoparser(gaz, PackSet()["id"])
    text = "Warga berkumpul di Kampung Contohsari pada Senin."
    assert not [m for m in geo.find(text) if m.surface.startswith("Contohsari")]
    path = tmp_path / "mine.csv"
    path.write_text("name,aliases,latitude,longitude,country,admin1,kind\n"
                    "Contohsari,,-3.9,137.4,IDN,Papua Tengah,populated\n", encoding="utf-8")
    gaz.add_user_file(path)
    found = [m for m in geo.find(text) if m.surface == "Contohsari"]
    assert found and found[0].candidates[0].key.startswith("user:")


def test_en_places_arabic_article_belongs_to_the_name(parsers) -> None:
    """"Ar Rutba": the index spells "Ar Rutbah" and "Rutba"; the article before the name is
    the name's own, not a capitalised word of a longer name."""
    ref = place(parsers, "en", "A roadside bomb went off in the desert north of Ar Rutba district on Friday.")
    assert ref is not None and (ref.country, ref.admin1, ref.geo_precision) == ("IRQ", "Al Anbar", 2)
    assert near(ref, 33.04, 40.29)


def test_en_places_look_alike_spelling_inside_its_sure_qualifier(parsers) -> None:
    """"Keav Seima district of Mondul Kiri": the province is known only by its capital's other
    name, yet the look-alike spelling lies inside the place that surely qualifies it."""
    ref = place(parsers, "en", "Villagers protested a land deal in Keav Seima district of Mondul Kiri on Monday.")
    assert ref is not None and ref.country == "KHM" and near(ref, 12.19, 106.88)


def test_en_places_namesake_outside_the_named_region_is_no_point(parsers) -> None:
    """The clause names West Bengal; the only Lalpur the index knows lies in Gujarat, 1,800 km
    away: coded at the district the clause names, never at the namesake."""
    ref = place(parsers, "en", "Police seized crude bombs at a house in Lalpur village of Bhagabanpur block "
                               "(East Midnapore district, West Bengal).")
    assert ref is not None and (ref.country, ref.admin1) == ("IND", "West Bengal")
    ref = place(parsers, "en", "Maoists ambushed a patrol near Manpur police station, Rajnandgaon, Chhattisgarh.")
    assert ref is not None and (ref.country, ref.admin1) == ("IND", "Chhattisgarh")


def test_en_places_bracketed_pair_rejects_namesakes_abroad(parsers) -> None:
    """"(Dessa, Tillabery)": a place and its region; Dessa's only readings lie abroad (Dessie,
    Ethiopia), so the event is near the region's town, with geo_precision 2."""
    geo = parsers["en"]
    text = "Gunmen killed two herders near a well (Dessa, Tillabery) on Tuesday."
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "NER" and ref.geo_precision == 2


def test_en_places_unknown_village_is_near_its_district_town(parsers) -> None:
    """"Kamonyi village (Uvira, Sud-Kivu)": the village is unknown, so the event is coded at the
    district town with geo_precision 2; an area "of Ahmedabad city" is the city itself."""
    ref = place(parsers, "en", "Soldiers looted shops in Kamonyi village (Uvira, Sud-Kivu) at night.")
    assert ref is not None and (ref.location, ref.country, ref.geo_precision) == ("Uvira", "COD", 2)
    ref = place(parsers, "en", "Workers gathered in the Gota area of Ahmedabad city (Ahmedabad, Gujarat).")
    assert ref is not None and (ref.location, ref.geo_precision) == ("Ahmedabad", 1)


def test_en_places_el_alto_is_the_bolivian_city(parsers) -> None:
    """El Alto (La Paz, Bolivia) is missing from GeoNames cities500; the supplement has it."""
    ref = place(parsers, "en", "Residents of El Alto, La Paz, blocked a highway on Monday.")
    assert ref is not None and (ref.country, ref.admin1, ref.geo_precision) == ("BOL", "La Paz", 1)
    assert near(ref, -16.50, -68.16, 10)


def test_en_places_capitalised_continuation_read_by_transliteration(parsers) -> None:
    """"Sidi" names towns (Sidhi, India), but "Sidi Amor Bouhajla" is one name the index spells
    "Sidi Amor Bou Hajela": the whole capitalised run is read by its skeleton, inside Kairouan."""
    geo = parsers["en"]
    text = "Youths burned tyres in Sidi Amor Bouhajla (Bouhajla, Kairouan) on Sunday."
    mentions = geo.find(text, 0, len(text))
    assert any(m.surface == "Sidi Amor Bouhajla" and m.fuzzy for m in mentions)
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and (ref.country, ref.admin1) == ("TUN", "Kairouan")
    # a type word after a known name is its own cue, not a continuation
    text = "Gunmen attacked a checkpoint in Kandahar Province, officials said."
    assert [m.surface for m in geo.find(text, 0, len(text)) if not m.fuzzy][:1] == ["Kandahar"]


def test_en_places_big_city_outside_the_named_regions_only_by_its_own_name(parsers) -> None:
    """A big city far from the regions the passage names is trusted under its own name only:
    "Kotwali" (a GeoNames alternate name of Rangpur) in Khulna district is no Rangpur, and
    "Bombay, Assam" is no Mumbai; the named region is the certain level."""
    ref = place(parsers, "en", "Police fired on protesters in Kotwali, Khulna district, on Monday.")
    assert ref is not None and ref.admin1 == "Khulna" and ref.location != "Rangpur"
    ref = place(parsers, "en", "Protesters gathered in Bombay, Assam.")
    assert ref is not None and (ref.admin1, ref.geo_precision) == ("Assam", 3)
    ref = place(parsers, "en", "Protesters gathered in Mumbai, Assam.")  # its own name: still the city
    assert ref is not None and ref.location == "Mumbai"


def test_id_places_own_name_beats_an_alternate_spelling(parsers) -> None:
    """"Tanjungbalai" is the North Sumatran city's own name and only an alternate spelling of
    Tanjung Balai (Riau Islands): the city, not just Indonesia."""
    ref = place(parsers, "id", "Polisi menangkap dua orang di Tanjungbalai pada Senin.", ("IDN",))
    assert ref is not None and (ref.admin1, ref.geo_precision) == ("North Sumatra", 1)


def test_places_a_capital_is_what_its_name_means(parsers) -> None:
    """"Washington" in a US story is the capital, not Washington state nor a Washington, Utah
    (lifted by its Washington County): the city at geo_precision 1."""
    for lang, text in (("id", "Ribuan orang berkumpul di Washington pada Sabtu."),
                       ("en", "Thousands rallied in Washington on Saturday.")):
        ref = place(parsers, lang, text, ("USA",))
        assert ref is not None and (ref.admin1, ref.geo_precision) == ("District of Columbia", 1), lang


def test_id_places_jakarta_cities_and_districts(parsers) -> None:
    """Jakarta's five administrative cities sit at their mayors' seats (GeoNames gives most of
    them no point), and its kecamatan are places: "Kecamatan Pesanggrahan, Jakarta Selatan" is
    in South Jakarta, not the Pasanggrahan of Cilacap (Central Java)."""
    ref = place(parsers, "id", "Mahasiswa berdemonstrasi di Jalan Medan Merdeka Selatan, Jakarta Pusat.", ("IDN",))
    assert ref is not None and (ref.admin1, ref.admin2, ref.geo_precision) == ("Jakarta", "Kota Administrasi Jakarta Pusat", 2)
    assert near(ref, -6.17, 106.82, 5)
    ref = place(parsers, "id", "Tawuran pecah di Kelurahan Petukangan, Kecamatan Pesanggrahan, Jakarta Selatan.", ("IDN",))
    assert ref is not None and ref.admin1 == "Jakarta" and near(ref, -6.25, 106.76, 5)
    ref = place(parsers, "id", "Seorang warga ditangkap di Tanjung Priok pada Senin.", ("IDN",))
    assert ref is not None and ref.admin1 == "Jakarta" and near(ref, -6.12, 106.88, 5)
    for short in ("Jakut", "Jaksel", "Jakbar", "Jaktim", "Jakpus"):
        ref = place(parsers, "id", f"Polisi berjaga di {short} sejak pagi.", ("IDN",))
        assert ref is not None and ref.admin1 == "Jakarta" and ref.geo_precision == 2, short


def test_places_country_with_a_compass_word_is_its_region(parsers) -> None:
    """"di Israel selatan" / "in southern Israel" is HaDarom (the Southern District), coded at
    the region; a compass word with no region of that name leaves the country ("Suriah utara")."""
    for lang, text in (("id", "Rudal menghantam rumah sakit di Israel selatan pada Kamis."),
                       ("en", "A rocket hit a house in southern Israel on Thursday.")):
        ref = place(parsers, lang, text)
        assert ref is not None and (ref.country, ref.admin1, ref.geo_precision) == ("ISR", "HaDarom", 3), lang
    ref = place(parsers, "id", "Serangan udara di Gaza utara menewaskan lima orang.")
    assert ref is not None and (ref.admin1, ref.admin2) == ("Gaza Strip", "North Gaza")
    ref = place(parsers, "id", "Bentrokan terjadi di Suriah utara.")
    assert ref is not None and (ref.country, ref.admin1) == ("SYR", None)


def test_id_places_province_short_forms_and_news_sites(parsers) -> None:
    """"Jabar", "Jateng", "Jatim" are the provinces; "detikJabar" (a news site) is no place."""
    for short, admin1 in (("Jabar", "West Java"), ("Jateng", "Central Java"), ("Jatim", "East Java"), ("Jogja", "Yogyakarta")):
        ref = place(parsers, "id", f"Polisi di {short} menangkap dua orang.")
        assert ref is not None and (ref.admin1, ref.geo_precision) == (admin1, 3), short
    text = "Pantauan detikJabar, polisi berjaga."
    assert place(parsers, "id", text) is None


def test_id_places_a_city_type_word_before_a_country_describes_the_next_name(parsers) -> None:
    """"di jantung ibu kota Iran, Teheran": the capital is Teheran; 'ibu kota' is no cue for the country."""
    ref = place(parsers, "id", "Pesawat tempur menyerang di jantung ibu kota Iran, Teheran.", ("IRN",))
    assert ref is not None and (ref.location, ref.geo_precision) == ("Tehran", 1)


def test_en_places_a_look_alike_placed_by_a_known_region_qualifies_a_name(parsers) -> None:
    """"Aziziyeh ... of Tal Tamer in Al-Hasakeh": Tal Tamer (a look-alike of Tall Tamr) is itself
    placed in Al-Hasakeh, so it says where Aziziyeh lies: not the Iraqi Al 'Aziziyah."""
    geo = parsers["en"]
    text = "Drones struck Aziziyeh village in the countryside of Tal Tamer in Al-Hasakeh on Sunday."
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and (ref.country, ref.admin1) == ("SYR", "Al Hasakeh")


def test_id_places_landmarks_of_washington(parsers) -> None:
    """"di depan Gedung Putih" is at the White House in Washington, not just the United States."""
    ref = place(parsers, "id", "Ratusan warga berunjuk rasa di depan Gedung Putih pada Kamis.", ("USA",))
    assert ref is not None and (ref.admin1, ref.geo_precision) == ("District of Columbia", 2)


def test_en_places_regional_abbreviations(parsers) -> None:
    """"(UP)", "AJK", "KPK" are how South Asian news writes Uttar Pradesh, Azad Jammu and
    Kashmir and Khyber Pakhtunkhwa; a lower-case "up" stays a word."""
    ref = place(parsers, "en", "Villagers clashed with police in Pilibhit (UP) on Tuesday.")
    assert ref is not None and ref.admin1 == "Uttar Pradesh"
    ref = place(parsers, "en", "Shelling hit a village in Haveli district, AJK.")
    assert ref is not None and (ref.country, ref.admin1) == ("PAK", "Azad Jammu and Kashmir")
    assert not [m for m in parsers["en"].find("Protesters set up a camp.", 0, 25) if m.surface.lower() == "up"]


def test_id_places_more_exonyms_and_oceans(parsers) -> None:
    """Indonesian exonyms ("Hungaria", "Etiopia", "UEA") are countries; "Samudra Hindia" (the
    Indian Ocean) is no India."""
    for name, iso3 in (("Hungaria", "HUN"), ("Etiopia", "ETH"), ("UEA", "ARE"), ("Kazakstan", "KAZ")):
        ref = place(parsers, "id", f"Delegasi tiba di {name} pada Senin.")
        assert ref is not None and ref.country == iso3, name
    assert place(parsers, "id", "Kapal induk berlayar di Samudra Hindia.") is None


def test_id_places_title_place_then_a_persons_name(parsers) -> None:
    """"Bupati Bekasi Ade Kunang": a title, its place, then the holder's name; Bekasi is still a
    place (not a fragment of a longer name)."""
    geo = parsers["id"]
    text = "Bupati Bekasi Ade Kunang meninjau lokasi banjir."
    found = [m for m in geo.find(text, 0, len(text)) if m.surface == "Bekasi"]
    assert found and not found[0].embedded
    ref = geo.resolve(found, ("IDN",))
    assert ref is not None and ref.admin1 == "West Java"


def test_id_places_prison_class_and_port_police_keep_their_place(parsers) -> None:
    """"Lapas Kelas IIB Nabire", "Polres Pelabuhan Tanjung Priok": the class and the port are
    part of the institution's title; the name after them is its place."""
    for text, admin1 in (("Seorang napi kabur dari Lapas Kelas IIB Nabire pada Senin.", "Central Papua"),
                         ("Kasat Reskrim Polres Pelabuhan Tanjung Priok menjelaskan kasus itu.", "Jakarta")):
        ref = place(parsers, "id", text, ("IDN",))
        assert ref is not None and ref.admin1 == admin1, text


def test_id_places_dollars_initials_and_fish_markets(parsers) -> None:
    """"dollar AS" is a currency and "berinisial AS" a person's initials, not the United States;
    "TPI Muara Angke" (a fish auction) keeps its place."""
    assert place(parsers, "id", "Harga minyak naik dua dollar AS per barel.") is None
    assert place(parsers, "id", "Polisi menangkap pria berinisial AS di rumahnya.") is None
    ref = place(parsers, "id", "Nelayan bertengkar di TPI Muara Angke pada Jumat.", ("IDN",))
    assert ref is not None and ref.admin1 == "Jakarta"


def test_places_a_name_placing_an_unknown_settlement_is_its_region(parsers) -> None:
    """An unknown village said to lie in a unit named like its seat ("Fakkeh village in
    al-Hasakeh") happened somewhere in the governorate, not in the town: the region (p3), or
    near the town (p2); a street in a town ("di Jalan Kajaolalido, Makassar") is in the town."""
    ref = place(parsers, "en", "Artillery hit Fakkeh village in al-Hasakeh on Sunday.", ("SYR",))
    assert ref is not None and (ref.admin1, ref.geo_precision) == ("Al Hasakeh", 3)
    ref = place(parsers, "en", "Teachers protested in Badah town (Larkana, Sindh) on Monday.", ("PAK",))
    assert ref is not None and ref.admin1 == "Sindh" and ref.geo_precision == 2
    ref = place(parsers, "id", "Bom meledak di Jalan Kajaolalido, Makassar, pada Minggu.", ("IDN",))
    assert ref is not None and (ref.location, ref.geo_precision) == ("Makassar", 1)
    ref = place(parsers, "en", "The minister met Xalbrandt in Kabul on Monday.", ("AFG",))
    assert ref is not None and (ref.location, ref.geo_precision) == ("Kabul", 1)


def test_en_places_english_names_of_regions(parsers) -> None:
    """English and ACLED spellings of regions GeoNames names otherwise: "Lower Shabelle"
    (Shabeellaha Hoose), "Misrata" (Misratah), "Urozgan" (Uruzgan)."""
    for text, iso3, admin1 in (("Militants attacked a base in Lower Shabelle region.", "SOM", "Shabeellaha Hoose"),
                               ("Shelling hit Qasr Bilal (Misrata) on Monday.", "LBY", "Misratah"),
                               ("Taliban fighters attacked a checkpoint in Urozgan province.", "AFG", "Uruzgan")):
        ref = place(parsers, "en", text)
        assert ref is not None and (ref.country, ref.admin1) == (iso3, admin1), text


def test_ms_places_oceans_are_no_countries() -> None:
    """Malay "Lautan Hindi" / "Samudera Hindia" are the Indian Ocean, not India."""
    geo = Geoparser(Gazetteer.load(), PackSet()["ms"])
    text = "Kapal itu belayar di Lautan Hindi menuju Samudera Hindia."
    assert geo.resolve(geo.find(text, 0, len(text))) is None


def test_en_places_a_town_named_only_by_an_alternate_name_votes_less(parsers) -> None:
    """"Nima" (an Accra neighbourhood) is an alternate name of Nimes: its vote for France counts
    half, so the text is about Ghana first."""
    geo = parsers["en"]
    text = "Residents of the Nima neighbourhood marched in Accra on Friday."
    assert geo.focus(geo.find(text, 0, len(text)))[0] == "GHA"


def test_en_places_a_compass_word_before_a_name_is_no_region(parsers) -> None:
    """"Northern Iraq": 'Northern' is no Northern Territory (Australia) nor any region named
    Northern; a region so named still counts at the end of a qualifier ("Tamale, Northern")."""
    geo = parsers["en"]
    text = "Airstrikes hit PKK positions in Dahuk, Northern Iraq."
    assert "Northern" not in [m.surface for m in geo.find(text, 0, len(text))]
    text = "Traders protested in Tamale, Northern on Monday."
    assert "Northern" in [m.surface for m in geo.find(text, 0, len(text))]


def test_en_places_a_tiny_region_yields_to_a_capital(parsers) -> None:
    """"San Salvador" is the capital of El Salvador, not San Salvador island (831 people), a
    district of the Bahamas."""
    geo = parsers["en"]
    text = "In San Salvador, police detained dozens of Mara Salvatrucha members on Friday."
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "SLV"


def test_id_places_common_words_are_places_only_when_a_cue_says_so(parsers) -> None:
    """Number words and common nouns that also name towns ("Lima", five; "pesta", party; "lubuk",
    a river pool) are places only with a cue or a region after them, and only by their own name
    (GeoNames also spells Pest "Pesta", Lubbock "Lubuk")."""
    for text in ("Pengamanan diperketat. Lima penagih ditangkap polisi usai bentrokan di pasar.",
                 "Korban dirawat, kata Pesta kepada wartawan, Kamis.",
                 "Kantor taman nasional di Lubuk Kembang Bunga diserang warga.",
                 "Forum itu mengangkat topik Breaking the Cycle, Healing the Scars pekan ini."):
        ref = place(parsers, "id", text, ("IDN",))
        assert ref is None or ref.country == "IDN", text
    ref = place(parsers, "id", "Ribuan demonstran turun ke jalanan ibu kota Lima pada Rabu.")
    assert ref is not None and (ref.location, ref.country) == ("Lima", "PER")
    ref = place(parsers, "id", "Kerusuhan pecah di Lima, Peru, pada Rabu.")
    assert ref is not None and (ref.location, ref.country) == ("Lima", "PER")


def test_id_places_persons_and_the_archipelago_are_no_places(parsers) -> None:
    assert place(parsers, "id", "Trump secara langsung menuduh Obama melakukan pengkhianatan negara.") is None
    assert place(parsers, "id", "Namun di sisi lain, Hamas dan KPK juga sedang mengadakan negosiasi.") is None
    geo = parsers["id"]
    text = "Candi itu dibangun pada era Kerajaan Sriwijaya di Nusantara."
    assert "Nusantara" not in [m.surface for m in geo.find(text, 0, len(text))]
    ref = place(parsers, "id", "Kebakaran melanda hunian pekerja di Ibu Kota Nusantara (IKN) pekan lalu.")
    assert ref is not None and ref.admin1 == "East Kalimantan" and ref.geo_precision == 1


def test_id_places_a_type_word_before_a_name_is_no_place(parsers) -> None:
    """'Pangkalan Bintang' (a base named Bintang): 'Pangkalan' is the type word, not the town
    Bangkalan (one of its GeoNames spellings)."""
    geo = parsers["id"]
    text = "Roket meledak di tempat uji coba di Pangkalan Bintang Brownsville, Texas."
    assert all(m.surface != "Pangkalan" for m in geo.find(text, 0, len(text)))


def test_places_seas_and_gulfs_are_no_points_on_land(parsers) -> None:
    for text in ("Kapal induk itu sudah berada di Laut Arab.",
                 "Houthi menyerang kapal-kapal di Laut Merah dan Teluk Aden sejak November.",
                 "Kapal tanker melintas di Selat Hormuz."):
        assert place(parsers, "id", text) is None, text
    ref = place(parsers, "id", "Serangan udara di barat laut Suriah menewaskan lima orang.")
    assert ref is not None and ref.country == "SYR"
    for text in ("Houthi forces attacked a ship in the Gulf of Aden.",
                 "A tanker was seized in the Strait of Hormuz."):
        assert place(parsers, "en", text) is None, text


def test_en_places_a_capital_yields_to_a_namesake_in_the_texts_country(parsers) -> None:
    geo = parsers["en"]
    text = "Rioters blocked roads in Tripoli and Beirut on Monday."
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions[:1], geo.focus(mentions))
    assert ref is not None and ref.country == "LBN"
    ref = place(parsers, "en", "Protesters gathered in Tripoli.", ("LBN",))
    assert ref is not None and ref.country == "LBN"
    ref = place(parsers, "en", "Clashes erupted in Tripoli.")
    assert ref is not None and ref.country == "LBY"


def test_en_places_a_province_beats_a_city_spelled_by_an_alternate_name(parsers) -> None:
    """'Pinabacdao, Samar': the Philippine province, not Samara, which GeoNames also spells Samar."""
    geo = parsers["en"]
    text = "NPA militants planted explosives at the boundary of Pahug and Madalunot, Pinabacdao, Samar."
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is None or ref.country == "PHL"


def test_id_places_an_uncued_alternate_name_is_a_weak_vote(parsers) -> None:
    """'kata Riadi' (a person; GeoNames also spells Riyadh "Riadi"): an alternate spelling with no
    cue before it hardly says what the text is about, so it does not put Saudi Arabia in focus."""
    geo = parsers["id"]
    text = "Polisi menangkap dua pelaku di Bandung, kata Riadi kepada wartawan."
    assert geo.focus(geo.find(text, 0, len(text))) == ("IDN",)


def test_id_places_semarang_courts_and_a_type_word_after_a_comma(parsers) -> None:
    """'Pengadilan Negeri Semarang' is the Semarang court (an institution named by its place), and
    in 'PN Semarang, Kecamatan Semarang Barat' the type word after the comma is the next name's:
    the first Semarang is the city, not the ambiguous Kota/Kabupaten Semarang district."""
    for text in ("Terdakwa membacakan pleidoi di Pengadilan Negeri Semarang, Jawa Tengah, pada Selasa.",
                 "Mahasiswa berdemo di PN Semarang, Kecamatan Semarang Barat, tadi siang."):
        ref = place(parsers, "id", text)
        assert ref is not None and (ref.location, ref.geo_precision) == ("Semarang", 1), text


def test_en_places_arab_is_no_town_and_jerusalem_is_not_contested(parsers) -> None:
    """'Arab cities' are no Arab, Alabama; Jerusalem's namesakes across the border (Palestine)
    do not weaken its vote, so the text stays about Israel."""
    geo = parsers["en"]
    text = "Mayors of Arab cities and villages staged a protest in front of the ministry in Jerusalem city."
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and (ref.location, ref.country) == ("Jerusalem", "ISR")


@pytest.mark.parametrize(
    ("text", "town", "admin1"),
    [
        ("Mahasiswa berunjuk rasa di depan Kantor Gubernur Jawa Tengah pada Senin.", "Semarang", "Central Java"),
        ("Sekitar 200 massa tiba di depan Kantor Gubernur Jateng pada pukul 15.00.", "Semarang", "Central Java"),
        ("Massa buruh berdemo di Gedung DPRD Sumatera Utara, Kamis.", "Medan", "North Sumatra"),
    ],
)
def test_id_places_seat_office_is_the_seat_town(parsers, text: str, town: str, admin1: str) -> None:
    # A region's government building ("Kantor Gubernur Jawa Tengah") stands in the region's
    # seat: the protest there is in Semarang (precision 1), not somewhere in the province.
    ref = place(parsers, "id", text)
    assert ref is not None and (ref.location, ref.admin1, ref.geo_precision) == (town, admin1, 1)


def test_id_places_province_alone_stays_region_level(parsers) -> None:
    # near miss: a governor (a person) or the province itself says nothing of the town
    ref = place(parsers, "id", "Gubernur Jawa Tengah meninjau banjir di provinsi Jawa Tengah pada Senin.")
    assert ref is not None and (ref.admin1, ref.geo_precision) == ("Central Java", 3)


def test_en_places_city_before_brackets_is_the_town(parsers) -> None:
    # "city" is the town's type word, not the bracketed district's; the town lies in the
    # district as ACLED names it even where GeoNames has split or relabelled the district.
    ref = place(parsers, "en", "On 2 May 2020, workers held a protest in Tirupati city (Chittoor, AP).")
    assert ref is not None and (ref.location, ref.geo_precision) == ("Tirupati", 1)
    ref = place(parsers, "en", "On 3 May 2020, traders protested in Bahawalpur city (Multan, Punjab).")
    assert ref is not None and (ref.location, ref.country, ref.geo_precision) == ("Bahawalpur", "PAK", 1)


def test_en_places_bracket_takes_no_type_word_from_before_it(parsers) -> None:
    geo = parsers["en"]
    text = "Teachers protested in Badah town (Larkana, Sindh) on Monday."
    ms = geo.find(text, 0, len(text))
    larkana = next(m for m in ms if m.surface == "Larkana")
    assert larkana.type_cue is None


def test_en_places_quarter_before_its_city_is_read_at_the_city(parsers) -> None:
    # A neighbourhood the gazetteer lacks, then its city: not a namesake village elsewhere.
    ref = place(parsers, "en", "On 4 May 2020, residents protested in Jaro, Iloilo City over relief goods.")
    assert ref is not None and ref.location == "Iloilo" and near(ref, 10.70, 122.56)
    ref = place(parsers, "en", "On 4 May 2020, workers held a protest in Ermita, Manila.")
    assert ref is not None and ref.country == "PHL" and near(ref, 14.60, 120.98)


def test_en_places_word_before_a_type_word_is_no_glued_country(parsers) -> None:
    # "Perumpadappu village" is a village name, not "Peru" glued to a word.
    ref = place(parsers, "en", "On 7 May 2020, workers protested in Perumpadappu village (Malappuram, KL).")
    assert ref is not None and (ref.country, ref.admin1, ref.geo_precision) == ("IND", "Kerala", 2)


def test_en_places_bracket_after_a_typed_place_is_where_it_lies(parsers) -> None:
    text = "Rebels fired at Barhat forest area (Jamui, Bihar) on Monday."
    ms = parsers["en"].find(text, 0, len(text))
    jamui = next(m for m in ms if m.surface == "Jamui")
    assert (jamui.relation, jamui.type_cue) == ("in", None)


def test_en_places_respelled_transliteration(parsers) -> None:
    # GeoNames spells it Sulaymaniyah; news also writes -aimaniyah, -iya, -iyeh.
    for name in ("Sulaimaniyah", "Sulaymaniyeh"):
        ref = place(parsers, "en", f"Doctors went on strike in {name} on Monday.")
        assert ref is not None and (ref.country, ref.admin1) == ("IRQ", "Sulaymaniyah"), name
    # a weekday is no respelled place ("Monday" ~ Mondai)
    geo = parsers["en"]
    text = "Doctors went on strike in Erbil on Monday."
    assert [m.surface for m in geo.find(text, 0, len(text))] == ["Erbil"]


def test_en_places_namesakes_of_one_district_give_the_district(parsers) -> None:
    # Two towns called Pratapgarh (and the district's seat) lie in District Pratapgarh: the
    # district is certain, Uttar Pradesh is too coarse.
    ref = place(parsers, "en", "On 8 May 2020, two mobs clashed in Kotwali Nagar, Pratapgarh (UP) over a property.")
    assert ref is not None and (ref.admin2, ref.geo_precision) == ("District Pratapgarh", 2)
    assert near(ref, 25.90, 81.94)


def test_district_seat_is_the_town_of_its_name() -> None:
    # GeoNames links Point Pedro to Jaffna district and Jaffna town to none.
    gaz = Gazetteer.load()
    unit = next(p for p in gaz.candidates("Jaffna") if p.kind == "admin2")
    seat = gaz.seat(unit)
    assert seat is not None and seat.name == "Jaffna"


@pytest.mark.parametrize(
    ("lang", "text", "absent"),
    [
        # a church, not Roman in Bulgaria
        ("en", "Two suicide bombers blew themselves up outside a Roman Catholic cathedral in Makassar.", "Roman"),
        # a person (Joko Widodo) and a word (a fugitive), not Yoko in Cameroon or Buron in Switzerland
        ("id", "Presiden Joko Widodo memerintahkan Kapolri mengejar pelaku di Beoga.", "Joko"),
        ("id", "Densus 88 Tangkap Zulkarnaen, Buron Kasus Bom Bali 2002", "Buron"),
    ],
)
def test_places_words_that_are_no_places(parsers, lang: str, text: str, absent: str) -> None:
    assert absent not in surfaces(parsers, lang, text)


@pytest.mark.parametrize("lang,text,iso3", [
    ("en", "IS militants shelled an army unit in Tabaj village in Jalawla district of Kirkuk province.", "IRQ"),
    ("id", "Jet Turki menyerang sasaran PKK di Gare, wilayah Dahuk, Irak utara.", "IRQ"),
])
def test_places_namesake_abroad_of_a_passage_about_another_country(parsers, lang: str, text: str, iso3: str) -> None:
    """A name whose only readings lie in a country no other name of the passage is in, nor
    beside, is a namesake abroad (Tabay, Venezuela; Gare, Paris), even when its own vote put
    that country in the focus: the event stays in the country the passage names."""
    geo = parsers[lang]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == iso3


@pytest.mark.parametrize("text,iso3,lat,lon", [
    ("Rioters blocked the Tripoli-Beirut highway with stones and burning tyres.", "LBN", 34.43, 35.84),
    ("Protesters blocked the Rashayya-Masnaa road for an hour.", "LBN", 33.50, 35.84),
])
def test_en_places_route_ends_are_places(parsers, text: str, iso3: str, lat: float, lon: float) -> None:
    """"X-Y road" (pack route_words) names two places, the road's ends: neither is a fragment
    of a longer name nor a thing named after a place ("Raju street"); the first is where."""
    geo = parsers["en"]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == iso3 and near(ref, lat, lon)


def test_en_places_street_named_after_a_place_stays_a_thing(parsers) -> None:
    text = "A man was shot on Raju street near the Ash-Shajara road."
    assert all(m.surface != "Raju" for m in parsers["en"].find(text, 0, len(text)))


@pytest.mark.parametrize("lang,text,relation", [
    ("id", "Militer Israel dan Kedutaan Besar Israel di Washington mengklaim Iran menembakkan rudal.", "of"),
    ("en", "The Israeli embassy in Washington said rockets were fired.", "of"),
    ("en", "Dozens demonstrated in front of the French embassy in Washington on Monday.", "in"),
    ("id", "Ratusan orang berunjuk rasa di depan Kedubes AS di Washington.", "in"),
])
def test_places_embassy_seat_is_the_institutions_place(parsers, lang: str, text: str, relation: str) -> None:
    """A town after "EMBASSY ... in" is the embassy's seat (relation "of"), unless a locative
    stands before the embassy: then the event happened there."""
    geo = parsers[lang]
    washington = [m for m in geo.find(text, 0, len(text)) if m.surface == "Washington"]
    assert [m.relation for m in washington] == [relation]


def test_en_places_embassy_seat_yields_to_an_equal_place(parsers) -> None:
    text = "The Israeli embassy in Washington said rockets were fired toward Sderot."
    geo = parsers["en"]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.location == "Sderot"


def test_id_places_sea_word_glued_to_the_word_before(parsers) -> None:
    """"pemilikSelat Hormuz" (scraping glued "pemilik" and "Selat"): the strait, not the island
    town Hormuz; waters named after the land are no place (not_place_before)."""
    text = "Iran adalah pemilikSelat Hormuz yang strategis."
    assert [m.surface for m in parsers["id"].find(text, 0, len(text))] == ["Iran"]


@pytest.mark.parametrize("lang,text,lat,lon", [
    ("en", "A protest took place at the National Cathedral in Ermita, Manila after the order.", 14.60, 120.98),
    ("en", "They staged a demonstration in Jaro, Iloilo City, Iloilo to condemn the killing.", 10.70, 122.56),
    ("id", "Aktivis berunjuk rasa di Jaro, Iloilo City, Iloilo, pada Jumat.", 10.70, 122.56),
])
def test_places_quarter_of_a_city_in_a_chain_is_no_list(parsers, lang: str, text: str, lat: float, lon: float) -> None:
    """"Cathedral in Ermita, Manila" and "Jaro, Iloilo City, Iloilo" are a quarter, its city
    (and the city's province), not a list of towns: near the city, never the namesake villages
    elsewhere in the country."""
    geo = parsers[lang]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and near(ref, lat, lon)


@pytest.mark.parametrize("lang,text", [
    ("en", "Armed men kidnapped the former mayor in El Salto, Jalisco."),
    ("id", "Orang bersenjata menculik mantan wali kota di El Salto, Jalisco."),
])
def test_places_unit_seat_beats_namesake_villages_of_its_province(parsers, lang: str, text: str) -> None:
    """"El Salto" names a municipality of Jalisco, its seat, and another El Salto in Jalisco: the
    name's town is the unit's seat (the gazetteer knows it), not the ambiguous province."""
    geo = parsers[lang]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.geo_precision == 1 and near(ref, 20.52, -103.18)


@pytest.mark.parametrize("lang,text", [
    ("en", "Protesters gathered in Sulaimani on Monday."),
    ("id", "Ratusan orang berunjuk rasa di Sulaimani, Irak."),
])
def test_places_kurdish_short_form_of_sulaymaniyah(parsers, lang: str, text: str) -> None:
    """"Sulaimani"/"Slemani" (supplement aliases of the city, GeoNames 98463) is Sulaymaniyah city."""
    ref = place(parsers, lang, text, ("IRQ",))
    assert ref is not None and ref.geo_precision == 1 and near(ref, 35.56, 45.43)


@pytest.mark.parametrize("lang,text", [
    ("en", "The US government announced it was withdrawing two missile batteries from Saudi Arabia."),
    ("id", "Pemerintah AS mengumumkan penarikan dua baterai rudal dari Arab Saudi."),
])
def test_places_country_the_action_left_beats_a_bare_country(parsers, lang: str, text: str) -> None:
    """Of two bare countries, the one the action went to or came from is where it happened;
    "the US government" says whose."""
    geo = parsers[lang]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "SAU"


def test_en_places_coast_is_a_common_word(parsers) -> None:
    """"Coast of Zwara": a coast, not Tanzania's Coast region (en not_places)."""
    text = "Warplanes targeted positions in Coast of Zwara (An Nuqat Al Khams)."
    geo = parsers["en"]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "LBY"


def test_id_places_big_city_keeps_its_unit_bonus_beside_a_namesake_seat(parsers) -> None:
    """Houston, Minnesota is the seat of a Houston County; that says nothing about Texas, where
    Houston is no county seat: "di Houston" stays the Texan city."""
    ref = place(parsers, "id", "Ribuan orang berunjuk rasa di Houston pada Sabtu.", ("USA",))
    assert ref is not None and near(ref, 29.76, -95.36)


@pytest.mark.parametrize("lang,text", [
    ("en", "An armed fight broke out in the Tabbaneh area of Tripoli between two families."),
    ("id", "Bentrokan bersenjata pecah di kawasan Tabbaneh, Tripoli, antara dua keluarga."),
])
def test_places_quarter_names_which_tripoli(parsers, lang: str, text: str) -> None:
    """A known quarter (supplement: Bab al-Tabbaneh) places its city: Tripoli, Lebanon, not
    Libya's capital of the same name."""
    geo = parsers[lang]
    mentions = geo.find(text, 0, len(text))
    ref = geo.resolve(mentions, geo.focus(mentions))
    assert ref is not None and ref.country == "LBN" and near(ref, 34.43, 35.84)


@pytest.mark.parametrize("lang,text", [
    ("en", "Shop owners protested the closures during the month of Ramadan in the town."),
    ("id", "Warga berunjuk rasa selama bulan Ramadan di alun-alun."),
    ("ms", "Penduduk berhimpun pada bulan Ramadan di dataran itu."),
])
def test_places_ramadan_is_a_month(parsers, lang: str, text: str) -> None:
    """"Ramadan" is a month (not_places), not an alternate name of Turabah, Saudi Arabia."""
    geo = parsers[lang] if lang in parsers else Geoparser(Gazetteer.load(), PackSet()[lang])
    assert all(m.surface != "Ramadan" for m in geo.find(text, 0, len(text)))


def test_en_places_road_named_after_one_town_is_at_that_town(parsers) -> None:
    """"blocked the Halba highway": a highway or road named after one town runs there (the event is
    near it); a street named after a person or place stays a thing ("Raju street")."""
    assert "Halba" in surfaces(parsers, "en", "On 2 May 2020, rioters blocked the Halba highway opposite the Fransbank building.")
    assert "Raju" not in surfaces(parsers, "en", "Protesters gathered on Raju street.")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Doctors of the Rafic Hariri University Hospital protested in Bir Hasan."),
    ("en", "Students of the Islamic University protested outside the Mosque in Bir Hasan."),
    ("id", "Dokter Rumah Sakit Universitas Indonesia berunjuk rasa di Bir Hasan."),
])
def test_places_institution_head_words_are_no_places(parsers, lang: str, text: str) -> None:
    """The common nouns heading an institution's name ("University Hospital") are no places
    (Hospital, Ireland; University, Jamaica) and cast no vote for the text's countries."""
    found = parsers[lang].find(text, 0, len(text))
    assert not {"University", "Hospital", "Mosque", "Rumah", "Sakit", "Universitas"} & {m.surface for m in found}
    ref = place(parsers, lang, text)
    assert ref is None or ref.country not in ("IRL", "JAM", "USA")
    ref = place(parsers, lang, text.replace("Bir Hasan", "Sidon") if lang == "en" else "Dokter Rumah Sakit Universitas Indonesia berunjuk rasa di Depok.")
    assert ref is not None and ref.country == ("LBN" if lang == "en" else "IDN")


@pytest.mark.parametrize(("text", "country"), [
    ("Gunmen shot a soldier at the Airport road in Dharkenley.", None),
    ("Refugees protested in the Camp over food aid.", None),
    ("Soldiers clashed near Kyauk Taw Town, Rakhine Region, at Point 3 on the Mountain.", "MMR"),
])
def test_en_places_facility_and_type_words_are_no_places(parsers, text: str, country: str | None) -> None:
    """A facility, type or landform word capitalised in a name ("the Airport", "Hamza Camp",
    "Rakhine Region", "Point 3") is no place alone (Airport, Hawaii; Camp County, Texas) and
    casts no vote for the text's countries."""
    geo = parsers["en"]
    found = geo.find(text, 0, len(text))
    assert not {"Airport", "Camp", "Town", "Region", "Point", "Mountain", "Over"} & {m.surface for m in found}
    assert tuple(geo.focus(found))[1:] == ()
    ref = geo.resolve(found, geo.focus(found))
    assert (ref.country if ref else None) == country


def test_en_places_arabic_quarter_word_is_no_place(parsers) -> None:
    """"Hay" heads a quarter's name in Arabic ("Hay Salam residents"): no town of Hay, Australia,
    and no vote for the text's countries."""
    geo = parsers["en"]
    text = "Residents of Hay Salam burned tyres in Djelfa on Monday."
    found = geo.find(text, 0, len(text))
    assert "Hay" not in {m.surface for m in found}
    ref = geo.resolve(found, geo.focus(found))
    assert ref is not None and ref.country == "DZA"


def test_en_places_ezafe_joins_one_longer_name(parsers) -> None:
    """The Persian ezafe ("Dara i Sufi Payin district") joins one name: "Dara" alone is no
    place (Daraa, Syria), so the event keeps the province the passage names."""
    geo = parsers["en"]
    text = "Airstrikes hit three villages of Dara i Sufi Payin district, Samangan."
    found = geo.find(text, 0, len(text))
    assert next(m for m in found if m.surface == "Dara").embedded
    ref = geo.resolve(found, geo.focus(found))
    assert ref is not None and ref.country == "AFG"


def test_en_places_sector_is_a_type_word(parsers) -> None:
    """"Naushera sector (Rajouri district)": a military sector is an area word, so the bracket
    says where the sector lies, and the namesake across the border (Nowshera, Pakistan) is not
    taken: the event is near the district's town."""
    geo = parsers["en"]
    text = "Shelling hit the Naushera sector (Rajouri district) on Friday."
    found = geo.find(text, 0, len(text))
    assert found[0].surface == "Naushera" and found[0].qualifier_at == found[1].start
    ref = geo.resolve(found, geo.focus(found))
    assert ref is not None and (ref.country, ref.geo_precision) == ("IND", 2)


def test_en_places_bracketed_repeat_votes_once(parsers) -> None:
    """"Mal (Mal)": a town and its namesake district are one name and cast one vote, so the
    demonym of the text's country ("Mauritanian") leads the focus, not Belgium."""
    geo = parsers["en"]
    text = "The Mauritanian police dispersed residents in Mal (Mal) on Monday."
    assert geo.focus(geo.find(text, 0, len(text)))[0] == "MRT"


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Kontak tembak terjadi di Distrik Paro, Kabupaten Nduga."),
    ("en", "Rebels shot a soldier in Paro district, Nduga regency."),
])
def test_places_typed_address_across_a_comma(parsers, lang: str, text: str) -> None:
    """"Distrik Paro, Kabupaten Nduga": a district typed, a comma, then a larger unit typed is an
    address, not a list; the district's only readings lie abroad (Paro, Bhutan), so the event is
    near the regency's town."""
    geo = parsers[lang]
    found = geo.find(text, 0, len(text))
    assert found[0].surface == "Paro" and found[0].qualifier_at == found[1].start
    ref = geo.resolve(found, geo.focus(found))
    assert ref is not None and (ref.country, ref.geo_precision) == ("IDN", 2)


@pytest.mark.parametrize(("lang", "text"), [
    ("id", "Kontak tembak terjadi di Distrik Paro, Distrik Nduga."),
    ("en", "Rebels shot soldiers in Paro district, Nduga district and Lanny Jaya district."),
])
def test_places_same_type_across_a_comma_is_a_list(parsers, lang: str, text: str) -> None:
    """Two names typed by the same word ("Distrik X, Distrik Y") are a list, not an address."""
    found = parsers[lang].find(text, 0, len(text))
    assert found[0].surface == "Paro" and found[0].qualifier_at is None


def test_en_places_demonym_named_like_a_region_is_the_demonym(parsers) -> None:
    """"Somali police": Somalia's demonym, not Ethiopia's Somali region; with a cue or a type word
    ("in the Somali region") the region it stays."""
    geo = parsers["en"]
    text = "Somali police shot a militant at the Manapolyo checkpoint on Monday."
    found = geo.find(text, 0, len(text))
    assert found[0].surface == "Somali" and found[0].demonym
    assert geo.focus(found)[0] == "SOM"
    ref = geo.resolve(found, geo.focus(found))
    assert ref is None or ref.country == "SOM"
    ref = place(parsers, "en", "Clashes were reported in the Somali region on Monday.")
    assert ref is not None and (ref.country, ref.admin1) == ("ETH", "Somali")


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Journalists rallied outside the press club in Khairpur city (Khairpur, Sindh) on Sunday."),
    ("id", "Wartawan berunjuk rasa di depan klub pers di kota Khairpur (Khairpur, Sindh) pada Minggu."),
])
def test_places_town_named_again_in_its_bracket_lies_in_that_district(parsers, lang: str, text: str) -> None:
    """"Khairpur city (Khairpur, Sindh)": the name repeated in the bracket is the district, so
    the town is the one in Khairpur district (Khairpur Mir's), not a namesake town of Sindh
    elsewhere, and the event is not kept at the province."""
    ref = place(parsers, lang, text)
    assert ref is not None and (ref.country, ref.geo_precision) == ("PAK", 1)
    assert near(ref, 27.53, 68.76, 10)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Students held a demonstration in Kadikoy, Istanbul on Friday."),
    ("id", "Ratusan mahasiswa berunjuk rasa di Kadikoy, Istanbul pada Jumat."),
])
def test_places_istanbul_district_centre_from_the_supplement(parsers, lang: str, text: str) -> None:
    """Istanbul's central districts missing from cities500 (or linked there to a namesake village
    80 km away, Kadikoy of Silivri) are supplement rows: the event is at the district's centre."""
    ref = place(parsers, lang, text)
    assert ref is not None and (ref.country, ref.admin1) == ("TUR", "Istanbul")
    assert near(ref, 40.99, 29.03, 5)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Students of the University of the Philippines staged a protest in Diliman, Quezon City on Friday."),
    ("id", "Mahasiswa Universitas Filipina berunjuk rasa di Diliman, Quezon City pada Jumat."),
])
def test_places_quarter_is_no_namesake_across_a_province_line(parsers, lang: str, text: str) -> None:
    """"Diliman, Quezon City": a quarter of the city, not Diliman Primero of Bulacan, 40 km off in
    another region; a town lies in a town of another admin1 only within its close outskirts."""
    ref = place(parsers, lang, text)
    assert ref is not None and ref.admin1 == "National Capital Region" and near(ref, 14.65, 121.05, 10)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "The PMF shelled militants in the vicinity of Bara Bara village on Thursday."),
    ("id", "Milisi menembaki militan di sekitar desa Bara Bara pada Kamis."),
])
def test_places_village_named_only_like_a_unit_is_unknown(parsers, lang: str, text: str) -> None:
    """"Bara Bara village": the gazetteer knows Bara Bara only as a district of Saint Lucia; a
    village the text types is no district, so it is an unknown village, not a wrong region."""
    assert place(parsers, lang, text) is None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "He was kidnapped near Roma center on the road to Mazra'a in the countryside of As-Sweida."),
    ("id", "Ia diculik di dekat pusat Roma di jalan menuju Mazra'a di provinsi As-Sweida."),
])
def test_places_big_city_abroad_yields_to_a_cued_unit_of_the_text(parsers, lang: str, text: str) -> None:
    """A big city under its own name abroad ("Roma") is no place when the text is first about a
    country whose region it cues ("in the countryside of As-Sweida") and the city's country
    borders none the text names: a quarter or hamlet the gazetteer lacks, not Rome."""
    geo = parsers[lang]
    found = geo.find(text, 0, len(text))
    ref = geo.resolve(found, geo.focus(found))
    assert ref is not None and ref.country == "SYR"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Ansar al Tawhid ended its affiliation with Wa Harredh al Moa'mineen Operation Room."),
    ("id", "Ansar al Tawhid mengakhiri afiliasinya dengan ruang operasi Wa Harredh al Moa'mineen."),
])
def test_places_name_inside_a_word_past_an_apostrophe_is_no_place(parsers, lang: str, text: str) -> None:
    """"Moa'mineen": the word goes on past the apostrophe, so "Moa" is a piece of it, not Moa,
    Cuba; a possessive or a short ending ("Syria's", "Sana'a") still ends the name there."""
    geo = parsers[lang]
    assert "Moa" not in {m.surface for m in geo.find(text, 0, len(text))}
    assert place(parsers, "en", "Protesters gathered in Sana'a on Monday.").country == "YEM"
    assert place(parsers, "en", "Syria's army shelled the town of Idlib.").country == "SYR"


def test_en_places_el_mina_of_lebanon_is_in_the_supplement(parsers) -> None:
    """El Mina, Tripoli's port city (absent from cities500), is a reading of "el Mina": beside
    names of the Levant the event is no longer put at Nouakchott's El Mina district."""
    geo = parsers["en"]
    text = "Rioters gathered outside the house of MP Samir al Jisr in el Mina and chanted slogans."
    found = geo.find(text, 0, len(text))
    assert any(p.country == "LBN" for m in found if m.surface == "el Mina" for p in m.candidates)
    ref = geo.resolve(found, geo.focus(found))
    assert ref is None or ref.country == "LBN"


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Militants attacked a security post at the main market in Bossaso town (Bossaso, Bari)."),
    ("id", "Militan menyerang pos keamanan di pasar utama kota Bossaso (Bossaso, Bari)."),
])
def test_places_bosaso_spelled_bossaso_is_the_town(parsers, lang: str, text: str) -> None:
    """"Bossaso", the common news spelling of Bosaso, is the town, seat of Bossaso district and
    of Bari region (GeoNames links the district to no town and the region to El Dibir)."""
    ref = place(parsers, lang, text)
    assert ref is not None and ref.country == "SOM" and near(ref, 11.28, 49.18, 5)
    ref = place(parsers, lang, "Clashes were reported in Bari region, Somalia, on Monday." if lang == "en"
                else "Bentrokan dilaporkan terjadi di wilayah Bari, Somalia, pada Senin.")
    assert ref is not None and ref.country == "SOM" and near(ref, 11.28, 49.18, 5)


def test_en_places_demonym_of_home_institutions_alone_gives_its_country(parsers) -> None:
    """A passage naming no place but a demonym of its country's own institutions ("Iraqi
    lawmakers", pack ``home_words``) is coded at that country (geo_precision 3); a demonym of
    forces that act abroad as often ("Iraqi forces", "Turkish drones") or demonyms of two
    countries say nothing certain. (In Indonesian and Malay the country's name follows the
    noun, "parlemen Irak", and is a place already.)"""
    ref = place(parsers, "en", "Iraqi lawmakers approved a new government on Thursday.")
    assert ref is not None and (ref.country, ref.geo_precision, ref.admin1) == ("IRQ", 3, None)
    ref = place(parsers, "en", "Protesters drove past the Israeli Supreme Court on Sunday.")
    assert ref is not None and ref.country == "ISR"
    assert place(parsers, "en", "Iraqi forces shelled IS groups with mortars.") is None
    assert place(parsers, "en", "Turkish and Russian officials met on Thursday.") is None


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Boko Haram looted a refugee camp in Kolofata town (Mayo-Sava, Extreme-Nord)."),
    ("id", "Boko Haram menjarah kamp pengungsi di kota Kolofata (Mayo-Sava, Extreme-Nord)."),
])
def test_places_district_without_linked_town_takes_its_capital_from_the_supplement(parsers, lang: str, text: str) -> None:
    """A district GeoNames links to no town (Mayo-Sava) has its capital (Mora) as seat in the
    supplement: a village the gazetteer lacks inside it is coded near that town (geo_precision 2),
    not at the province's capital."""
    ref = place(parsers, lang, text)
    assert ref is not None and (ref.country, ref.geo_precision) == ("CMR", 2) and near(ref, 11.05, 14.14, 5)


def test_en_places_subdivision_is_a_type_word(parsers) -> None:
    """"Samana subdivision of Patiala district (Punjab)": a subdivision is a district-level unit
    word, so the district qualifies the town (Samana), which is where it happened, not Patiala."""
    ref = place(parsers, "en", "Two men were shot dead in Samana subdivision of Patiala district (Punjab).")
    assert ref is not None and ref.location == "Samana" and near(ref, 30.15, 76.19, 5)


@pytest.mark.parametrize(("lang", "text"), [
    ("en", "Police shot two khat smugglers in Baligubadle town (Hargeysa, Waqooyi Galbeed)."),
    ("id", "Polisi menembak dua penyelundup khat di kota Baligubadle (Hargeysa, Waqooyi Galbeed)."),
])
def test_places_town_linked_to_no_district_may_lie_far_in_the_named_one(parsers, lang: str, text: str) -> None:
    """A town GeoNames links to no district lies in the district the text names when it is in
    the district's province within 100 km of its seat (Baligubadle, 62 km from Hargeysa): the
    event is at the town, not near the district's seat."""
    ref = place(parsers, lang, text)
    assert ref is not None and ref.geo_precision == 1 and near(ref, 9.00, 44.00, 5)
