"""The geoparser's fast paths say exactly what the slower code they replace says."""

from __future__ import annotations

import random
import re

import pytest

from pantau.knowledge.gazetteer import Gazetteer
from pantau.packs import PackSet
from pantau.stages.normalize import places
from pantau.stages.normalize.places import Geoparser, PlaceMention

ALPHABET = "aabdeilnrsuAEIKLSZ -\t,.(_1é\u00c9\u0101\u201c\u2019\u00a0\u0661?"


@pytest.fixture(scope="module")
def geo() -> Geoparser:
    return Geoparser(Gazetteer.load(), PackSet()["id"])


def _texts(seed: int, n: int, longest: int) -> list[str]:
    rnd = random.Random(seed)
    return ["".join(rnd.choice(ALPHABET) for _ in range(rnd.randrange(longest))) for _ in range(n)]


def test_text_fold_is_the_gazetteers(geo: Geoparser) -> None:
    gaz = geo.gaz
    rnd = random.Random(1)
    texts = _texts(1, 3000, 40) + ["".join(chr(rnd.randrange(0x3100)) for _ in range(30)) for _ in range(2000)]
    texts += ["Serangan di Kabupaten Nduga, Papua “kemarin” — kata Komandan Kodim 1702/Jayawijaya."]
    assert all(geo.fold(t) == gaz.folder.text(t) for t in texts)


def test_fold_table_is_the_changed_characters(geo: Geoparser) -> None:
    """The fold's table holds every ASCII character (an identity entry costs nothing, a missing
    one a KeyError per translate call): the same fold as a table of changed characters only."""
    folder = geo.gaz.folder
    assert all(cp in folder.table for cp in range(128))
    changed = {cp: v for cp, v in folder.table.items() if v != chr(cp)}
    rnd = random.Random(7)
    texts = _texts(7, 3000, 40) + ["".join(chr(rnd.randrange(0x3100)) for _ in range(30)) for _ in range(2000)]
    texts += ["".join(chr(rnd.randrange(128)) for _ in range(60)) for _ in range(2000)]
    assert all(folder.text(t) == t.translate(changed) for t in texts)
    assert all(folder.name(t) == " ".join(t.translate(changed).split()) for t in texts)


def test_glued_capitals_are_the_regexs(geo: Geoparser) -> None:
    rnd = random.Random(2)
    for text in _texts(2, 3000, 60) + ["pemilikSelat Hormuz denganIranAyatollah"]:
        for _ in range(4):
            a = rnd.randrange(len(text) + 1)
            b = rnd.randrange(a, len(text) + 1)
            assert geo._glued_at(text, a, b) == [m.start() for m in places._GLUED.finditer(text[a:b])]


def test_word_starts_are_the_regexs(geo: Geoparser) -> None:
    """The class scans of an ASCII segment find the starts _start finds (capitals after a
    non-word character or none, articles as whole words), and other text falls back to it."""
    rnd = random.Random(6)
    pieces = [*sorted(geo.articles), "ud", "uz", "ah", "all", "and", "Al", "AL", "Kota", "X", "a", "e", "u",
              "3a", "a3", "_al", "al_", "Abu_Dhabi", "Z9z", "itu"]
    gaps = [" ", "-", ",", "(", "_", "", "\t", ".", "é", "\u2019"]
    texts = ["".join(rnd.choice(pieces) + rnd.choice(gaps) for _ in range(rnd.randrange(12))) for _ in range(4000)]
    texts += _texts(6, 3000, 60) + ["".join(chr(rnd.randrange(128)) for _ in range(40)) for _ in range(3000)]
    texts += ["al-Anbar dan as-Suwayda, (ad-Dali) ul Haq; es Sider: Kota Bekasi di Jawa Barat."]
    assert geo._class_table is not None  # the fast path is taken for the pack's articles
    articles = 0
    for text in texts:
        slow = [m.span() for m in geo._start.finditer(text)]
        assert geo._word_starts(text) == slow, text
        articles += text.isascii() and any(text[a:b] in geo.articles for a, b in slow)
    assert articles > 500


def test_word_start_classes_need_ascii_articles() -> None:
    assert places._start_classes(frozenset({"al", "él"}))[0] is None
    assert places._start_classes(frozenset({"al", "El"}))[0] is None


def test_address_chain_read_from_its_tail_is_the_whole_windows(geo: Geoparser) -> None:
    """_in_address reads the last words of its window first: the same answer as reading all."""
    def slow(text: str, a: int) -> bool:
        lo = max(0, a - places.ADDRESS_WINDOW)
        i = lo + len(text[lo:a].rstrip())
        if i == lo or text[i - 1] != ",":
            return False
        names = 0
        for w in reversed(places._ADDRESS_WORD.findall(text[lo:a])):
            if w == ",":
                continue
            if w.endswith(".") and len(w) > 4:
                return False
            if w[:1].isupper() or w[:1].isdigit():
                names += 1
                if names > places.ADDRESS_MAX_WORDS:
                    return False
                continue
            return names > 0 and geo._rel_of.get(geo.fold(w)) == "in"
        return False

    rnd = random.Random(8)
    pieces = ["di", "ke", "yang", "Jalan", "Jl.", "Kota", "Kabupaten", "RT", "12", "Selatan.", "Sulawesi", "U.S.",
              "al-Anbar", "Dr.", "ABCDE.", "dan", "Makassar", "Kajaolalido", "d'Or", "Timur"]
    gaps = [" ", ", ", " , ", "  ", "\t", ",\n", "\u00a0", ", ", "-", "."]
    texts = ["".join(rnd.choice(pieces) + rnd.choice(gaps) for _ in range(rnd.randrange(40))) + "Bone"
             for _ in range(6000)]
    decided = 0
    for text in texts:
        a = len(text) - 4
        assert geo._in_address(text, a) == slow(text, a), text
        decided += slow(text, a)
    assert decided > 50


def test_left_word_is_the_character_loop() -> None:
    def slow(text: str, lo: int, a: int) -> tuple[int, int] | None:
        i = a
        if i > lo and text[i - 1] == "-":
            i -= 1
        else:
            while i > lo and text[i - 1] in " \t":
                i -= 1
            if i == a:
                return None
        j = i
        while j > lo and text[j - 1].isalpha():
            j -= 1
        return (j, i) if j < i else None

    rnd = random.Random(3)
    for text in _texts(3, 20000, 16):
        a = rnd.randrange(len(text) + 1)
        lo = rnd.randrange(a + 1)
        assert places._left_word(text, lo, a) == slow(text, lo, a)


def test_has_digit_is_the_regexs() -> None:
    digit = re.compile(r"\d")
    for text in _texts(4, 5000, 20):
        assert places._has_digit(text) == (digit.search(text) is not None)


def test_built_mention_is_the_record() -> None:
    values = (3, 9, "Bekasi", (), "in", "city", False, True, None, False, False, False, False)
    built = places._MentionDraft(*values)
    built.__class__ = PlaceMention
    record = PlaceMention(*values)
    assert type(built) is PlaceMention and built == record and hash(built) == hash(record)
    assert repr(built) == repr(record)
    with pytest.raises(AttributeError):  # still frozen (FrozenInstanceError)
        built.start = 4  # type: ignore[misc]
