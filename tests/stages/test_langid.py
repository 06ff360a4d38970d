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


# -- the vectorised classifier gives py3langid's own answers ---------------------------------


def _plain_model():  # type: ignore[no-untyped-def]
    from py3langid.langid import MODEL_FILE
    from py3langid.langid import LanguageIdentifier as Plain

    return Plain.from_model_file(MODEL_FILE, norm_probs=True)


def test_langid_fast_model_is_used(langid: LanguageIdentifier) -> None:
    assert hasattr(langid._model, "features"), "the vectorised model fell back to the library's"


def test_langid_fast_ranks_equal_library(langid: LanguageIdentifier) -> None:
    """Same ranking, bit for bit, on text in many scripts, odd bytes and the empty text."""
    import random

    plain = _plain_model()
    rng = random.Random(7)
    texts = [ID_TEXT, EN_TEXT, FR_TEXT, MS_TEXT, "", " ", "12 345", "ALL CAPS HEADLINE", ID_TEXT * 40]
    for _ in range(150):
        texts.append(bytes(rng.randrange(256) for _ in range(rng.randrange(0, 300))).decode("utf8", "replace"))
        texts.append("".join(
            chr(rng.choice((rng.randrange(32, 127), rng.randrange(0x80, 0x800), rng.randrange(0x800, 0xD800),
                            rng.randrange(0x10000, 0x10FFFF))))
            for _ in range(rng.randrange(0, 200))
        ))
    for text in texts:
        assert langid._model.rank(text) == plain.rank(text), repr(text[:60])


@pytest.mark.slow
def test_langid_automaton_memory() -> None:
    """The vectorised counting assumes that after any 6 bytes py3langid's automaton is in the
    same state whatever state it started from. Proved here over every state and every byte
    string: follow the sets of states still distinguishable, byte by byte, until none is left."""
    import numpy as np

    from pantau.stages.langid import _DFA_MEMORY

    model = _plain_model()
    nxt = np.frombuffer(model.tk_nextmove, dtype=np.dtype(model.tk_nextmove.typecode)).astype(np.int64)
    rows = np.asarray(model.tk_row, dtype=np.int64) << 8
    n = len(rows)
    group, state = np.zeros(n, dtype=np.int64), np.arange(n, dtype=np.int64)  # one set: every state
    steps = 0
    while len(state):
        steps += 1
        assert steps <= _DFA_MEMORY, f"states still apart after {_DFA_MEMORY} bytes"
        groups, states, base = [], [], 0
        for byte in range(256):
            key = np.unique(group * n + nxt[rows[state] + byte])
            g, q = key // n, key % n
            _, first, sizes = np.unique(g, return_index=True, return_counts=True)
            keep = np.repeat(sizes > 1, sizes)  # sets of one state have converged
            if keep.any():
                _, ids = np.unique(g[keep], return_inverse=True)
                groups.append(ids + base)
                states.append(q[keep])
                base += int(ids.max()) + 1
        group = np.concatenate(groups) if groups else np.zeros(0, np.int64)
        state = np.concatenate(states) if states else np.zeros(0, np.int64)
    assert steps == _DFA_MEMORY


def test_langid_cue_count_equals_the_alternation(langid: LanguageIdentifier) -> None:
    """The automaton count of cue words (speed) is the word-bounded alternation's findall count:
    leftmost, longest at a position, no overlap, never inside a longer word."""
    import random

    rnd = random.Random(3)
    pieces = [w.casefold() for p in langid._cue_res for w in langid._cue_res[p].pattern[5:-3].replace("\\", "").split("|")]
    pieces += [" ", "_", "x", "1", "é", ".", "-", "unjuk", "rasa", "rumah", "sakit", "polis", "i"]
    texts = [ID_TEXT.casefold(), MS_TEXT.casefold(), ""]
    texts += ["".join(rnd.choice(pieces) for _ in range(rnd.randint(1, 40))) for _ in range(2000)]
    for lang, rx in langid._cue_res.items():
        assert lang in langid._cue_autos
        assert [langid.count_cues(lang, t) for t in texts] == [len(rx.findall(t)) for t in texts]
    # one pass for rival languages (speed) counts as one pass per language, in either order
    langs = tuple(langid._cue_autos)
    assert len(langs) >= 2
    for group in (langs, langs[::-1], langs[:1]):
        for t in texts:
            assert langid._count_joint(group, t) == {lang: langid.count_cues(lang, t) for lang in group}, repr(t[:60])


def test_langid_detect_without_full_ranking_equals_library_ranking(langid: LanguageIdentifier) -> None:
    """``detect`` takes the best label by ``max`` and sorts only when it reads the runner-ups:
    the same answers as with the library's full ranking, on texts of every kind."""
    import random

    from pantau.packs import PackSet
    from pantau.stages.langid import LanguageIdentifier as Identifier

    ranked_only = Identifier(PackSet())
    ranked_only._model = _plain_model()  # no ``best_label``: detect reads rank()
    rng = random.Random(11)
    texts = [ID_TEXT, EN_TEXT, FR_TEXT, MS_TEXT, "12 345", "ALL CAPS HEADLINE", "Jakarta. Aleppo. Lagos.",
             "pcm: dem don kill am for Lagos", "Ok", ID_TEXT[:40] + EN_TEXT[:40]]
    for _ in range(120):
        words = (ID_TEXT + " " + EN_TEXT + " " + FR_TEXT + " " + MS_TEXT).split()
        texts.append(" ".join(rng.choice(words) for _ in range(rng.randrange(1, 25))))
    for text in texts:
        assert langid.detect(text) == ranked_only.detect(text), text[:60]


def test_langid_best_label_equals_max_of_scored_labels(langid: LanguageIdentifier) -> None:
    """``best_label`` reads the best label off the label columns: the pair ``max`` picks from
    ``scored_labels`` (the first of equal scores), and the same labelled scores for the runner-ups."""
    import random
    from operator import itemgetter

    model = langid._model
    rng = random.Random(7)
    words = (ID_TEXT + " " + EN_TEXT + " " + FR_TEXT + " " + MS_TEXT).split()
    texts = [ID_TEXT, EN_TEXT, FR_TEXT, MS_TEXT, "12 345", "Ok", "Ελληνικά русский 中文"]
    texts += [" ".join(rng.choice(words) for _ in range(rng.randrange(1, 25))) for _ in range(150)]
    for text in texts:
        pairs = model.scored_labels(text)
        lang, prob, labels = model.best_label(text)
        assert (lang, prob) == max(pairs, key=itemgetter(1)) and labels() == pairs, text[:60]
