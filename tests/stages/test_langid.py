"""Language identification: packs' languages, confusables routed, others named and left for skipping."""

from __future__ import annotations

import pytest

from pantau.packs import PackSet
from pantau.records import Article, Doc, Span
from pantau.stages.langid import LanguageIdentifier


@pytest.fixture(scope="module")
def langid(packs: PackSet) -> LanguageIdentifier:
    return LanguageIdentifier(packs)


def _doc(text: str, language: str | None = None) -> Doc:
    return Doc(Article("x", text, language=language), body=(Span(0, len(text)),))


ID_TEXT = (
    "Polisi menangkap tiga orang yang diduga terlibat dalam bentrokan antarwarga di Desa Suka Maju "
    "pada Senin malam. Dua orang luka-luka dan beberapa rumah dibakar massa."
)
EN_TEXT = (
    "Police arrested three men suspected of taking part in a clash between villagers on Monday night. "
    "Two people were wounded and several houses were set on fire."
)
FR_TEXT = (
    "La police a arrêté trois hommes soupçonnés d'avoir participé à des affrontements entre villageois "
    "lundi soir. Deux personnes ont été blessées et plusieurs maisons incendiées."
)
MS_TEXT = (
    "Kerajaan Malaysia telah mengumumkan bahawa sekolah akan dibuka semula minggu hadapan, "
    "manakala pihak berkuasa akan memantau keadaan dengan teliti."
)


def test_id_langid_indonesian(langid: LanguageIdentifier) -> None:
    assert langid(_doc(ID_TEXT)).language == "id"


def test_en_langid_english(langid: LanguageIdentifier) -> None:
    assert langid(_doc(EN_TEXT)).language == "en"


def test_langid_french_has_no_pack(langid: LanguageIdentifier, packs: PackSet) -> None:
    doc = langid(_doc(FR_TEXT))
    assert doc.language == "fr" and doc.language not in packs


def test_ms_langid_malay_has_its_own_pack(langid: LanguageIdentifier) -> None:
    assert langid._model.classify(MS_TEXT)[0] == "ms"  # the raw classifier says Malay
    assert langid(_doc(MS_TEXT)).language == "ms"  # and Malay now has a pack of its own


def test_langid_uses_body_not_boilerplate(langid: LanguageIdentifier) -> None:
    text = "Share this article. Read more. Subscribe to our newsletter.\n\n" + ID_TEXT
    doc = Doc(Article("x", text), body=(Span(text.index("Polisi"), len(text)),))
    assert langid(doc).language == "id"


def test_langid_forced_and_record_language_win(langid: LanguageIdentifier) -> None:
    assert langid(_doc(EN_TEXT), forced="id").language == "id"
    assert langid(_doc(EN_TEXT, language="id-ID")).language == "id"
    assert langid(_doc(ID_TEXT, language="ms")).language == "ms"


def test_langid_no_letters_gives_none(langid: LanguageIdentifier) -> None:
    assert langid(_doc("12345 -- 678")).language is None


def test_en_langid_unsure_short_note_prefers_pack_runner_up(langid: LanguageIdentifier) -> None:
    # A short note full of local names: the raw winner is a language without a pack,
    # with low confidence, and English is close behind.
    note = "On 4 May 2020, gunmen killed 2 residents of Kwall (Bassa LGA, Plateau)."
    top, prob = langid._model.rank(note)[0]
    assert top != "en" and prob < langid.unsure_below
    assert langid(_doc(note)).language == "en"


MALAY_NEWS = (
    "Polis menahan lima suspek selepas rusuhan di bandar itu semalam. Menurut kenyataan pihak berkuasa, "
    "beberapa askar cedera manakala kerajaan negeri akan mengadakan mesyuarat pada Isnin."
)
INDONESIAN_NEWS = (
    "Polisi menangkap lima tersangka setelah kerusuhan di kota itu kemarin. Menurut aparat, beberapa tentara "
    "terluka sedangkan pemerintah provinsi akan menggelar rapat pada Senin."
)


def test_ms_langid_malay_news_is_malay() -> None:
    from pantau.packs import PackSet
    from pantau.stages.langid import LanguageIdentifier

    ident = LanguageIdentifier(PackSet())
    assert ident.detect(MALAY_NEWS)[0] == "ms"
    assert ident.detect(INDONESIAN_NEWS)[0] == "id"


def test_ms_langid_cue_words_decide_when_unsure() -> None:
    from pantau.packs import PackSet
    from pantau.stages.langid import LanguageIdentifier

    ident = LanguageIdentifier(PackSet())
    assert ident.by_cue_words(MALAY_NEWS, ("id", "ms")) == "ms"
    assert ident.by_cue_words(INDONESIAN_NEWS, ("ms", "id")) == "id"
    assert ident.by_cue_words("Serangan di Aleppo.", ("id", "ms")) == "id"  # no cue words: the classifier's choice stays
