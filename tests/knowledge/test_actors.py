"""Tests of the actor dictionary and the actor mention finder (both languages)."""

from __future__ import annotations

import csv
from pathlib import Path

import pytest
from tooling import load_tool

from pantau.errors import PackError
from pantau.knowledge.actors import (
    ACTORS_FILE,
    COUNTRIES_FILE,
    ActorDictionary,
    canonical_match,
)
from pantau.packs import PackSet
from pantau.packs.schema import validate_pack_file
from pantau.records import ActorRef

REPO = Path(__file__).resolve().parents[2]


@pytest.fixture(scope="module")
def actors(packs: PackSet) -> ActorDictionary:
    return ActorDictionary.load(packs)


def names(d: ActorDictionary, text: str, lang: str, country: str | None = None) -> list[str]:
    """Canonical names of the mentions found, completed with the event's country."""
    out = []
    for m in d.find(text, 0, len(text), lang):
        ref = d.complete(m, country)
        out.append(ref.name if ref else f"?{m.role_kind}")
    return out


# -- Indonesian ---------------------------------------------------------------------------


def test_id_actors_state_forces_from_force_noun_and_country(actors: ActorDictionary) -> None:
    text = "Pasukan Irak merebut perbatasan ke Suriah."
    [m] = actors.find(text, 0, len(text), "id")
    assert (m.surface, m.kind, m.role_kind, m.country) == ("Pasukan Irak", "state", "military", "IRQ")
    assert m.actor == ActorRef("Military Forces of Iraq", 1, "IRQ")
    assert names(actors, "militer Israel dan polisi Irak", "id") == ["Military Forces of Israel", "Police Forces of Iraq"]


def test_id_actors_islamic_state_aliases(actors: ActorDictionary) -> None:
    assert names(actors, "tewas dalam serangan oleh ISIS di Anbar", "id") == ["Islamic State"]
    assert names(actors, "terbunuh dalam serangan Daesh pada hari Selasa", "id") == ["Islamic State"]
    assert names(actors, "dari kelompok ISIS pada hari Sabtu", "id") == ["Islamic State"]
    # "negara Islam" in lower case is "an Islamic country", not the group
    assert names(actors, "sebuah negara Islam di Asia", "id") == []


def test_id_actors_sdf_and_pmf(actors: ActorDictionary) -> None:
    text = "dikalahkan oleh Pasukan Demokratik Suriah (SDF) dan Pasukan Mobilisasi Populer."
    assert names(actors, text, "id") == [
        "SDF: Syrian Democratic Forces",
        "SDF: Syrian Democratic Forces",
        "PMF: Popular Mobilization Forces",
    ]
    assert names(actors, "pasukan Suriah yang didukung AS memasuki kota", "id") == ["SDF: Syrian Democratic Forces"]


def test_id_actors_kkb_shoots_tni_soldier(actors: ActorDictionary) -> None:
    found = actors.find("KKB menembak prajurit TNI di Intan Jaya", 0, 40, "id")
    assert [(m.surface, m.actor.name if m.actor else None) for m in found] == [
        ("KKB", "TPNPB: West Papua National Liberation Army"),
        ("prajurit TNI", "Military Forces of Indonesia"),
    ]


def test_id_actors_generic_nouns_complete_with_event_country(actors: ActorDictionary) -> None:
    text = "Orang tak dikenal menembak warga sipil; massa membakar pos, pengunjuk rasa dibubarkan polisi."
    assert names(actors, text, "id", "IDN") == [
        "Unidentified Armed Group (Indonesia)",
        "Civilians (Indonesia)",
        "Rioters (Indonesia)",
        "Protesters (Indonesia)",
        "Police Forces of Indonesia",
    ]
    assert names(actors, "serangan terhadap warga Gaza", "id", "ISR") == ["Civilians (Palestine)"]
    assert names(actors, "pasukan pemerintah menyerang", "id", "SDN") == ["Military Forces of Sudan"]


def test_id_actors_case_sensitive_acronym(actors: ActorDictionary) -> None:
    # "AS" (Amerika Serikat) and "TNI" are acronyms; their lower-case forms are other words
    assert names(actors, "tentara AS tiba", "id") == ["Military Forces of the United States"]
    assert names(actors, "tentara as tiba", "id") == ["?military"]


# -- English ------------------------------------------------------------------------------


def test_en_actors_taliban_planted_landmine(actors: ActorDictionary) -> None:
    assert "Taliban" in names(actors, "he was hit by a Taliban-planted landmine in Kandahar", "en")


def test_en_actors_gunmen_killed_villagers(actors: ActorDictionary) -> None:
    found = actors.find("gunmen killed 3 villagers", 0, 25, "en")
    assert [(m.surface, m.kind, m.role_kind, m.actor) for m in found] == [
        ("gunmen", "generic", "armed_group", None),
        ("villagers", "generic", "crowd", None),  # civilians acting together: still Civilians (X)
    ]
    assert [actors.complete(m, "IRQ") for m in found] == [
        ActorRef("Unidentified Armed Group (Iraq)", 3, "IRQ"),
        ActorRef("Civilians (Iraq)", 7, "IRQ"),
    ]


def test_en_actors_dress_names_no_one(actors: ActorDictionary) -> None:
    """Issue 4 (session 6): "in civilian clothes" tells how the gunmen were dressed (actors.toml
    ``not_actors``), not that civilians took part."""
    text = "armed men in civilian clothes killed a policeman"
    assert [m.surface for m in actors.find(text, 0, len(text), "en")] == ["armed men", "policeman"]


@pytest.mark.parametrize(
    ("lang", "text", "expected"),
    [
        ("id", "orang tak dikenal berseragam polisi menembak warga", ["orang tak dikenal", "warga"]),
        ("ms", "penyerang berpakaian seragam polis menembak penduduk kampung", None),
    ],
)
def test_actors_dress_names_no_one_id_ms(actors: ActorDictionary, lang: str, text: str, expected: list[str] | None) -> None:
    """Issue 4 (session 6): the uniform the attackers wore names no police (``not_actors``)."""
    found = [m.surface for m in actors.find(text, 0, len(text), lang)]
    assert "polisi" not in found and "polis" not in found
    if expected is not None:
        assert found == expected


def test_en_actors_what_forces_bring_names_no_one(actors: ActorDictionary) -> None:
    """Issue 4 (session 6): "military reinforcements" hides the bare "military" (``not_actors``),
    not a longer mention with its country ("Syrian military reinforcements")."""
    for text, expected in (
        ("Turkish forces brought military reinforcements", ["Military Forces of Turkey"]),
        ("Syrian military reinforcements arrived", ["Military Forces of Syria"]),
    ):
        assert names(actors, text, "en") == expected


def test_en_actors_group_owned_by_a_person_is_the_group(actors: ActorDictionary) -> None:
    """Issue 4 (session 6): "a woman's kin": the kin acted; the woman only says whose."""
    text = "a man was assaulted by a woman's kin"
    assert [m.surface for m in actors.find(text, 0, len(text), "en")] == ["man", "kin"]


def test_en_actors_state_forces(actors: ActorDictionary) -> None:
    assert names(actors, "Iraqi police said", "en") == ["Police Forces of Iraq"]
    assert names(actors, "Iraqi troops and the army of Syria", "en") == [
        "Military Forces of Iraq",
        "Military Forces of Syria",
    ]
    assert names(actors, "the army said", "en", "IDN") == ["Military Forces of Indonesia"]
    assert names(actors, "Philippine soldiers", "en") == ["Military Forces of the Philippines"]


def test_en_actors_longest_match_wins(actors: ActorDictionary) -> None:
    # "Islamic State West Africa Province" contains "Islamic State"; "Arakan Army" contains "army"
    assert names(actors, "Islamic State West Africa Province fighters attacked", "en") == ["Islamic State (West Africa)"]
    assert names(actors, "the Arakan Army attacked", "en") == ["ULA/AA: United League of Arakan/Arakan Army"]
    found = actors.find("5 IS militants were killed", 0, 26, "en")
    assert [(m.surface, m.actor.name) for m in found] == [("IS militants", "Islamic State")]


def test_en_actors_word_boundaries_and_window(actors: ActorDictionary) -> None:
    assert names(actors, "this policy is the Talibanisation of", "en") == []
    text = "Taliban fighters and Hamas"
    [m] = actors.find(text, 17, len(text), "en")
    assert (m.start, m.end, m.surface) == (21, 26, "Hamas")


def test_en_actors_forces_abroad_are_external(actors: ActorDictionary) -> None:
    [m] = actors.find("Turkish forces shelled", 0, 22, "en")
    assert actors.complete(m, "SYR") == ActorRef("Military Forces of Turkey", 8, "TUR")
    assert actors.complete(m, "TUR") == ActorRef("Military Forces of Turkey", 1, "TUR")


def test_en_actors_recode_generic_role(actors: ActorDictionary) -> None:
    [m] = actors.find("residents held a protest", 0, 9, "en")
    assert actors.complete(m, "DZA", as_role="protesters") == ActorRef("Protesters (Algeria)", 6, "DZA")


# -- dictionary, API and data -------------------------------------------------------------


def test_actors_canonical_match() -> None:
    assert canonical_match("Military Forces of Iraq (2018-)", "Military Forces of Iraq")
    assert canonical_match("Police Forces of Afghanistan (2014-) National Directorate of Security",
                           "Police Forces of Afghanistan National Directorate of Security")
    assert canonical_match("QSD: Syrian Democratic Forces", "SDF: Syrian Democratic Forces")
    assert not canonical_match("Military Forces of Yemen (2016-) Supreme Political Council", "Military Forces of Yemen")
    assert canonical_match(None, None) and not canonical_match("Taliban", None)


def test_actors_state_generic_and_country_info(actors: ActorDictionary) -> None:
    assert actors.state("police", "IDN") == ActorRef("Police Forces of Indonesia", 1, "IDN")
    assert actors.state("military", "COD").name == "Military Forces of the Democratic Republic of Congo"
    assert actors.generic("civilians", "PHL").name == "Civilians (Philippines)"
    info = actors.country_info("IRQ")
    assert (info.name, info.numeric, info.region) == ("Iraq", 368, "Middle East")
    assert actors.country_info("AFG").region == "Caucasus and Central Asia"


def test_actors_enough_non_state_groups(actors: ActorDictionary) -> None:
    non_state = [a for a in actors.named_actors() if a.inter != 1]
    assert len(non_state) >= 150


def test_actors_every_pack_role_has_a_pattern(actors: ActorDictionary, packs: PackSet) -> None:
    for pack in packs:
        for role in pack.get("actors").get("roles", {}):
            assert role in actors.roles, f"{pack.lang}: role {role!r} has no row in actors.tsv"


def test_actors_pack_files_valid(packs: PackSet) -> None:
    for pack in packs:
        data = pack.get("actors")
        if data:
            assert validate_pack_file("actors", data) == []


def test_actors_builtin_table_well_formed() -> None:
    lines = ACTORS_FILE.read_text(encoding="utf-8").splitlines()
    assert all(len(line.split("\t")) == 6 for line in lines), "every actors.tsv row has 6 tab-separated fields"
    names_ = [line.split("\t")[0] for line in lines[1:]]
    assert len(names_) == len(set(names_)), "canonical names are unique"


def test_actors_user_file_adds_actors(packs: PackSet, tmp_path: Path) -> None:
    user = tmp_path / "mine.csv"
    user.write_text("name,inter,country,aliases\nLaskar Contoh,3,IDN,id:Laskar Contoh|en:Example Militia\n", encoding="utf-8")
    d = ActorDictionary.load(packs, [user])
    assert names(d, "serangan Laskar Contoh di Poso", "id") == ["Laskar Contoh"]
    assert names(d, "the Example Militia attacked", "en") == ["Laskar Contoh"]


def test_actors_user_file_errors_name_file_and_line(packs: PackSet, tmp_path: Path) -> None:
    bad = tmp_path / "bad.tsv"
    bad.write_text("name\tinter\tcountry\nGood Group\t2\tIDN\nBad Group\tnine\tIDN\n", encoding="utf-8")
    with pytest.raises(PackError) as err:
        ActorDictionary.load(packs, [bad])
    assert err.value.code == "E050" and f"{bad}:3" in str(err.value) and "inter" in str(err.value)
    bad.write_text("name\tinter\tcountry\nX Group\t2\tXYZ\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.tsv:2.*unknown country code 'XYZ'"):
        ActorDictionary.load(packs, [bad])
    bad.write_text("label\tinter\n", encoding="utf-8")
    with pytest.raises(PackError, match=r"bad\.tsv:1.*lacks column"):
        ActorDictionary.load(packs, [bad])


def test_actors_countries_tsv_rebuilds_identically() -> None:
    module = load_tool("build_countries")
    committed = COUNTRIES_FILE.read_text(encoding="utf-8")
    assert module.build(module.read_curated(COUNTRIES_FILE)) == committed
    rows = list(csv.DictReader(committed.splitlines(), delimiter="\t"))
    assert all(r["region"] and r["acled_name"] for r in rows), "every country has an ACLED name and region"


# -- measured on ACLED's notes ------------------------------------------------------------


def test_en_actors_acled_actor1_recall(actors: ActorDictionary, shared_dir: Path) -> None:
    """Share of ACLED rows whose actor1 is among the actors found in the note (first 400 rows)."""
    path = shared_dir / "corpus" / "acled_2020_global_sample.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        rows = [r for _, r in zip(range(400), csv.DictReader(fh))]
    known = {i.iso3 for i in map(actors.country_info, [r["iso3"] for r in rows if _known(actors, r["iso3"])])}
    hits = 0
    for r in rows:
        country = r["iso3"] if r["iso3"] in known else None
        found = [actors.complete(m, country) for m in actors.find(r["notes"], 0, len(r["notes"]), "en")]
        hits += any(a is not None and canonical_match(a.name, r["actor1"]) for a in found)
    assert hits / len(rows) >= 0.68  # measured 0.70 (see the report); protests/riots need the event type


def _known(actors: ActorDictionary, iso3: str) -> bool:
    try:
        actors.country_info(iso3)
    except KeyError:
        return False
    return True


def test_actors_one_role_row_serves_several_roles(actors: ActorDictionary) -> None:
    """ "civilians|crowd": residents acting together are still coded Civilians (X)."""
    assert actors.generic("crowd", "IRQ") == actors.generic("civilians", "IRQ") == ActorRef("Civilians (Iraq)", 7, "IRQ")


@pytest.mark.parametrize(("lang", "text"), [("en", "JNIM or ISGS fighters"), ("id", "kelompok JNIM atau ISGS"), ("ms", "kumpulan JNIM atau ISGS")])
def test_alternative_named_groups_join_into_the_combined_actor(packs, lang: str, text: str) -> None:
    """Two named groups told as alternatives are ACLED's "X and/or Y" actor, in every pack."""
    from pantau.knowledge.actors import ActorDictionary

    found = ActorDictionary.load(packs).find(text, lang=lang)
    assert [m.actor.name for m in found] == ["JNIM: Group for Support of Islam and Muslims and/or Islamic State (Greater Sahara)"]


def test_named_party_row_gives_its_kind(packs) -> None:
    """A named actor's role column may say it is a party: its mention carries the kind, the
    actor stays the named one."""
    from pantau.knowledge.actors import ActorDictionary

    (m,) = ActorDictionary.load(packs).find("CNL members", lang="en")
    assert (m.kind, m.role_kind, m.actor.name) == ("named", "party", "CNL: National Congress for Liberation")


def test_user_row_may_mark_a_named_party(packs, tmp_path: Path) -> None:
    from pantau.knowledge.actors import ActorDictionary

    user = tmp_path / "mine.csv"
    user.write_text("name,inter,country,role,aliases\nExample Party,3,IDN,party,en:Example Party\n", encoding="utf-8")
    (m,) = ActorDictionary.load(packs, [user]).find("the Example Party office", lang="en")
    assert m.role_kind == "party"


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        # a unit, then its force: the unit acts (ACLED codes Densus 88 as its own actor)
        ("Detasemen Khusus (Densus) 88 Antiteror Polri menangkap empat orang",
         ["Police Forces of Indonesia Detachment 88"]),
        ("Densus 88 Polri menangkap tersangka", ["Police Forces of Indonesia Detachment 88"]),
        # ... but two sides joined by a conjunction stay two
        ("Densus 88 dan Polri menangkap tersangka", ["Police Forces of Indonesia Detachment 88", "Police Forces of Indonesia"]),
    ],
)
def test_actors_force_named_after_its_unit_is_the_unit(actors: ActorDictionary, text: str, expected: list[str]) -> None:
    assert names(actors, text, "id") == expected
