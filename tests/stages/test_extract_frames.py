"""Frame status (event, support, dropped) and deaths, without the knowledge modules."""

from __future__ import annotations

import pytest

from pantau.packs import PackSet
from pantau.records import Sentence
from pantau.stages.frames import FrameBuilder
from pantau.stages.mentions import MentionFinder
from pantau.stages.normalize.numbers import NumberReader

_PACKS = PackSet()


@pytest.fixture(scope="module")
def builders() -> dict[str, tuple[FrameBuilder, NumberReader]]:
    return {lang: (FrameBuilder(MentionFinder(_PACKS[lang])), NumberReader(_PACKS[lang])) for lang in ("id", "en")}


def _frames(builders, lang: str, text: str):
    builder, numbers = builders[lang]
    sent = Sentence(0, 0, len(text), text)
    return builder.build(text, sent, numbers=numbers.find(text, 0, len(text)))


def _status(builders, lang: str, text: str) -> list[tuple[str, str | None]]:
    return [(f.status, f.reason) for f in _frames(builders, lang, text)]


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Kelompok itu tidak menyerang pos militer.", "negation"),
        ("Polisi membantah bahwa ada penembakan.", "denial"),
        ("KKB mengancam akan menyerang warga.", "modality"),
        ("Pasukan sedang bersiap untuk menyerang posisi musuh.", "modality"),
        ("Jika gencatan senjata gagal, pertempuran berlanjut.", "hypothetical"),
        ("Serangan udara sejak Januari menewaskan 200 warga.", "tally"),
        ("Kota itu dilanda pertempuran terburuk dalam beberapa bulan terakhir.", "tally"),
    ],
)
def test_id_frames_non_events_are_dropped_with_reason(builders, text: str, reason: str) -> None:
    assert ("dropped", reason) in _status(builders, "id", text)
    assert all(s != "event" for s, _ in _status(builders, "id", text))


def test_id_frames_purpose_clause_only_supports(builders) -> None:
    statuses = _status(builders, "id", "Polisi ikut dalam operasi untuk merebut kota itu.")
    assert statuses == [("support", "purpose")]


def test_id_frames_reference_only_supports(builders) -> None:
    assert _status(builders, "id", "Serangan itu mengejutkan warga.") == [("support", "reference")]


def test_id_frames_listed_dead_are_counted(builders) -> None:
    text = "Kolonel Ahmad, komandan batalion, dan seorang letnan terbunuh dalam serangan itu kemarin."
    (frame,) = [f for f in _frames(builders, "id", text) if f.deaths_reported]
    assert frame.deaths == 2


def test_id_frames_number_before_death_word(builders) -> None:
    (frame,) = _frames(builders, "id", "Dua perwira tewas dalam serangan oleh kelompok bersenjata.")
    assert (frame.status, frame.deaths) == ("event", 2)


def test_id_frames_wounded_are_not_deaths(builders) -> None:
    (frame,) = [f for f in _frames(builders, "id", "Bom meledak dan melukai lima orang.") if f.status == "event"]
    assert (frame.deaths, frame.deaths_reported) == (None, False)


def test_en_frames_participle_clause_joins_main_event(builders) -> None:
    frames = _frames(builders, "en", "Militants attacked a checkpoint, killing 4 soldiers.")
    events = [f for f in frames if f.status == "event"]
    assert len(events) == 1 and events[0].deaths == 4


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("The group did not attack the base.", "negation"),
        ("Militants threatened to attack schools.", "modality"),
        ("Air strikes since June have killed 117 civilians.", "tally"),
    ],
)
def test_en_frames_non_events_are_dropped_with_reason(builders, text: str, reason: str) -> None:
    assert any(s == "dropped" and r == reason for s, r in _status(builders, "en", text))
    assert all(s != "event" for s, _ in _status(builders, "en", text))


def test_id_frames_victims_before_a_noun_trigger_are_not_its_actor(builders) -> None:
    """ "17 warga Palestina tewas akibat serangan udara pasukan Israel": the civilians are the victims."""
    builder, numbers = builders["id"]
    from pantau.knowledge.actors import ActorDictionary

    actors = ActorDictionary.load(_PACKS)
    text = "Setidaknya 17 warga Palestina tewas akibat serangan udara pasukan Israel di Khan Younis."
    sent = Sentence(0, 0, len(text), text)
    frames = builder.build(text, sent, actors=actors.find(text, 0, len(text), "id"), numbers=numbers.find(text, 0, len(text)))
    strike = next(f for f in frames if f.event_type == "Explosions/Remote violence")
    assert strike.actor1 is not None and strike.actor1.surface == "pasukan Israel"
    assert strike.actor2 is not None and strike.actor2.surface == "warga Palestina"


@pytest.mark.parametrize("lang", ["id", "ms"])
@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Pada Senin, tentara itu terus membombardir wilayah musuh.", "ongoing"),
        ("Milisi itu bersumpah untuk menyerang markas dan menyerang pemimpin musuh.", "modality"),
    ],
)
def test_id_ms_frames_ongoing_and_vows_are_no_events(lang: str, text: str, reason: str) -> None:
    """'terus' (keeps on) tells an ongoing condition; a vow is a plan, for every trigger it governs."""
    builder = FrameBuilder(MentionFinder(_PACKS[lang]))
    frames = builder.build(text, Sentence(0, 0, len(text), text))
    assert frames and ("dropped", reason) in [(f.status, f.reason) for f in frames]
    assert all(f.status != "event" for f in frames)


@pytest.mark.parametrize("lang", ["id", "ms"])
@pytest.mark.parametrize(
    "text",
    [
        "Helikopter polisi jatuh di hutan pada Kamis dan meledak, tiga orang tewas.",
        "Ledakan besar terdengar dari lokasi jatuhnya pesawat itu.",
    ],
)
def test_id_ms_frames_aircraft_crash_is_no_event(lang: str, text: str) -> None:
    """An aircraft that fell (not one shot down) is an accident: its explosion is no attack."""
    builder = FrameBuilder(MentionFinder(_PACKS[lang]))
    frames = builder.build(text, Sentence(0, 0, len(text), text))
    assert frames and all(f.status != "event" for f in frames)


@pytest.mark.parametrize("lang", ["id", "ms"])
def test_id_ms_frames_aircraft_shot_down_stays_an_event(lang: str) -> None:
    text = "Jet tempur itu ditembak jatuh oleh pasukan pemberontak pada Kamis."
    builder = FrameBuilder(MentionFinder(_PACKS[lang]))
    assert any(f.status == "event" for f in builder.build(text, Sentence(0, 0, len(text), text)))


@pytest.mark.parametrize("lang", ["id", "ms"])
@pytest.mark.parametrize(
    "text",
    ["Kelompok itu sempat menghentikan serangan terhadap kapal dagang.", "Mereka memantau kapal selama jeda serangan."],
)
def test_id_ms_frames_stopped_attacks_are_no_attack(lang: str, text: str) -> None:
    """Stopping or pausing attacks ('menghentikan serangan', 'jeda serangan') is no attack."""
    builder = FrameBuilder(MentionFinder(_PACKS[lang]))
    frames = builder.build(text, Sentence(0, 0, len(text), text))
    assert all(not (f.status == "event" and f.event_type == "Battles") for f in frames)
    assert any(f.reason == "negation" for f in frames)


def test_id_frames_toll_over_many_attacks_is_no_events_toll(builders) -> None:
    """'tewas akibat serangan-serangan rudal': the dead of many attacks belong to no one event."""
    frames = _frames(builders, "id", "Pejabat melaporkan sedikitnya 24 orang tewas akibat serangan-serangan rudal.")
    assert frames and all(f.status != "event" for f in frames)
    assert all(f.deaths is None for f in frames)


def test_id_frames_clash_with_no_side_beside_a_criminal_cue_is_crime(builders) -> None:
    """'ditangkap polisi usai bentrokan': the police arrested after the brawl, they were no side of
    it ('usai' opens a clause); a clash with no side named beside debt collectors is ordinary crime."""
    text = "Empat penagih utang ditangkap polisi usai bentrokan yang pecah di sebuah kampung."
    frames = _frames(builders, "id", text)
    clash = [f for f in frames if f.event_type == "Battles"]
    assert clash and all((f.status, f.reason) == ("dropped", "criminal") for f in clash)


def test_id_frames_clash_with_named_sides_stays_a_battle(builders) -> None:
    text = "Bentrokan antara tentara dan kelompok bersenjata pecah di sebuah kampung pada Selasa."
    assert any(f.status == "event" and f.event_type == "Battles" for f in _frames(builders, "id", text))
