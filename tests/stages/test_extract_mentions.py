"""Triggers through morphology, cues and clauses, from pack data only."""

from __future__ import annotations

import re

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


def test_en_mentions_voice_endings_come_from_the_pack(en_finder: MentionFinder) -> None:
    """Participle, gerund and irregular-participle endings are morphology.toml data (no English
    ending is written in the code): each form still reads as before."""
    forms = {}
    for text in ("gunmen attacked the post", "two men were beaten", "the shooting of a man", "a beating"):
        (trig,) = en_finder.triggers(text, 0, len(text))
        forms[text] = trig.form
    assert forms == {
        "gunmen attacked the post": "active",
        "two men were beaten": "passive",
        "the shooting of a man": "verb",
        "a beating": "verb",
    }
    assert en_finder.participle("wounded") and not en_finder.participle("wounds")


def test_mentions_pack_without_endings_has_no_participles(id_finder: MentionFinder) -> None:
    """A pack that lists no participle endings or subject-origin phrase has neither feature."""
    assert not id_finder.participle("dibunuhed")
    assert id_finder.subject_origin is None


def test_mentions_subject_origin_from_the_en_pack(en_finder: MentionFinder) -> None:
    assert en_finder.subject_origin is not None
    assert en_finder.subject_origin.fullmatch(" of El Diamante village ")


def test_en_mentions_compound_beats_head(en_finder: MentionFinder) -> None:
    assert _subs(en_finder, "a roadside bomb")[0][1] == "Remote explosive/landmine/IED"
    assert _subs(en_finder, "a drone strike")[0][1] == "Air/drone strike"


# -- speed paths must not change what is found ---------------------------------------------

_SENTENCES = {
    "id": [
        "KKB menembak prajurit di Beoga, Kamis (3/6), dan membakar rumah warga.",
        "Ia meninggal karena serangan jantung setelah pertempuran sengit di kota itu.",
        "Pasukan Israel melancarkan serangan udara ke Gaza; tiga orang tewas.",
        "Polisi menangkap dua terduga teroris di Makassar.",
        "Rapat itu membahas anggaran daerah untuk tahun depan.",
    ],
    "en": [
        "Gunmen shot dead two farmers in Borno on Sunday.",
        "He was arrested by police after the attacks on a roadside bomb unit.",
        "A drone strike hit the convoy while protesters rallied outside.",
        "The committee discussed the budget for next year.",
    ],
}


@pytest.mark.parametrize("lang", ["id", "en"])
def test_mentions_scan_finds_what_triggers_finds(lang: str) -> None:
    finder = MentionFinder(_PACKS[lang])
    for text in _SENTENCES[lang]:
        toks, trigs = finder.scan(text, 0, len(text))
        assert trigs == finder.triggers(text, 0, len(text))
        assert toks == (finder.tokens(text, 0, len(text)) if trigs else [])


@pytest.mark.parametrize("lang", ["id", "en"])
def test_mentions_bounded_memo_keeps_results(lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pantau.stages import mentions

    roomy = MentionFinder(_PACKS[lang])
    monkeypatch.setattr(mentions, "_MEMO_MAX", 3)  # forgets every few words
    tight = MentionFinder(_PACKS[lang])
    for text in _SENTENCES[lang] * 2:
        assert tight.scan(text, 0, len(text)) == roomy.scan(text, 0, len(text))
    assert len(tight._memo) <= 3 + max(len(set(t.split())) for t in _SENTENCES[lang])


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_mentions_inert_words_yield_no_vocabulary_lemma(lang: str) -> None:
    """A word passed over without analysis (no lemma core inside it) has no analysis that
    the matcher asks about: checked on every word of the pack's own examples and on
    affixed forms of every vocabulary lemma."""
    import json

    finder = MentionFinder(_PACKS[lang])
    words: set[str] = set()
    examples = _PACKS[lang].path / "examples.jsonl"
    if examples.exists():
        for line in examples.read_text(encoding="utf-8").splitlines():
            if line.strip():
                words.update(re.findall(r"\w+(?:[-'’]\w+)*", json.dumps(json.loads(line), ensure_ascii=False)))
    for v in finder.vocabulary:
        words.update({v, v + "s", v + "ed", "di" + v, "me" + v[1:], "meny" + v[1:], "pe" + v + "an", v[:-1], v[1:]})
    inert = 0
    for word in words:
        norm = word.lower().replace("’", "'")
        if finder._inert(norm):
            inert += 1
            assert not set(finder.analyse(word)) & finder.vocabulary, word
    assert inert > 0


@pytest.mark.parametrize("lang", ["id", "ms"])
def test_mentions_glued_words_yield_their_trigger(lang: str) -> None:
    """Scraped text glues a link's words to its neighbours: the trigger inside is read, with its
    own offsets, by scan and by triggers alike."""
    finder = MentionFinder(_PACKS[lang])
    text = "Insidenbentrokanterjadi di pasar kota, dua hari setelah akibatrusuh di sana. Sebuahrudal jatuh. Bentrokanremaja pecah."
    for trigs in (finder.scan(text, 0, len(text))[1], finder.triggers(text, 0, len(text))):
        assert [text[t.start : t.end] for t in trigs] == ["bentrokan", "rusuh", "rudal", "Bentrokan"]


@pytest.mark.parametrize("word", ["Perangkatnya", "Bantahan", "Balaikota", "tembakau"])
def test_id_mentions_ordinary_words_are_not_unglued(id_finder: MentionFinder, word: str) -> None:
    text = f"{word} itu ada di meja."
    assert id_finder.scan(text, 0, len(text))[1] == []


@pytest.mark.parametrize("lang", ["id", "ms"])
def test_id_ms_mentions_act_of_aggression_is_no_rally(lang: str) -> None:
    """'aksi agresi' (an act of aggression) is no 'aksi' (rally), whatever support the clause states."""
    finder = MentionFinder(_PACKS[lang])
    text = "Mereka menyatakan dukungan dan menyebut negara itu melakukan aksi agresi."
    assert [t.rule.event_type for t in finder.triggers(text, 0, len(text))] == []
