"""Triggers through morphology, cues and clauses, from pack data only."""

from __future__ import annotations

import pytest

from pantau.packs import PackSet
from pantau.stages.mentions import MentionFinder

_PACKS = PackSet()


@pytest.fixture(scope="module")
def id_finder() -> MentionFinder:
    return MentionFinder(_PACKS["id"])


@pytest.fixture(scope="module")
def en_finder() -> MentionFinder:
    return MentionFinder(_PACKS["en"])


def _subs(finder: MentionFinder, text: str) -> list[tuple[str, str]]:
    return [(t.lemma, t.rule.sub_event_type) for t in finder.triggers(text, 0, len(text))]


@pytest.mark.parametrize("word", ["menembak", "ditembak", "tembakan", "penembakan", "tertembak"])
def test_id_mentions_affixed_forms_share_lemma(id_finder: MentionFinder, word: str) -> None:
    assert _subs(id_finder, word) == [("tembak", "Armed clash")]


def test_id_mentions_voice_from_prefix(id_finder: MentionFinder) -> None:
    (active,) = id_finder.triggers("KKB menembak prajurit", 0, 21)
    (passive,) = id_finder.triggers("prajurit ditembak KKB", 0, 21)
    assert (active.form, passive.form) == ("active", "passive")


@pytest.mark.parametrize(
    ("text", "sub"),
    [
        ("serangan udara", "Air/drone strike"),
        ("bom bunuh diri", "Suicide bomb"),
        ("ranjau", "Remote explosive/landmine/IED"),
        ("pengeboman", "Remote explosive/landmine/IED"),
        ("granat", "Grenade"),
        ("rudal", "Shelling/artillery/missile attack"),
        ("baku tembak", "Armed clash"),
        ("diculik", "Abduction/forced disappearance"),
        ("dikeroyok", "Mob violence"),
        ("unjuk rasa", "Peaceful protest"),
    ],
)
def test_id_mentions_longest_phrase_decides_subtype(id_finder: MentionFinder, text: str, sub: str) -> None:
    assert _subs(id_finder, text)[0][1] == sub


def test_id_mentions_stop_phrase_blocks_trigger(id_finder: MentionFinder) -> None:
    assert _subs(id_finder, "ia meninggal karena serangan jantung") == []


def test_id_mentions_bare_stem_needs_affix(id_finder: MentionFinder) -> None:
    assert _subs(id_finder, "operasi tempur") == []
    assert _subs(id_finder, "pertempuran sengit") == [("tempur", "Armed clash")]


def test_id_mentions_clause_split_at_markers(id_finder: MentionFinder) -> None:
    text = "Irak mengirim pasukan setelah dua tentara tewas"
    assert len(id_finder.clauses(text, 0, len(text))) == 2


@pytest.mark.parametrize("word", ["attacked", "attacks", "attacking"])
def test_en_mentions_inflections_share_lemma(en_finder: MentionFinder, word: str) -> None:
    assert _subs(en_finder, word) == [("attack", "Armed clash")]


def test_en_mentions_passive_after_auxiliary(en_finder: MentionFinder) -> None:
    text = "he was arrested by police"
    (trig,) = en_finder.triggers(text, 0, len(text))
    assert (trig.rule.sub_event_type, trig.form) == ("Arrests", "passive")


def test_en_mentions_compound_beats_head(en_finder: MentionFinder) -> None:
    assert _subs(en_finder, "a roadside bomb")[0][1] == "Remote explosive/landmine/IED"
    assert _subs(en_finder, "a drone strike")[0][1] == "Air/drone strike"
