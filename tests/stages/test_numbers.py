"""Counts in Indonesian and English text (pantau.stages.normalize.numbers)."""

from __future__ import annotations

import pytest

from pantau.stages.normalize.numbers import NumberMention, NumberReader


@pytest.fixture(scope="module")
def id_numbers(pack) -> NumberReader:
    return NumberReader(pack("id"))


@pytest.fixture(scope="module")
def en_numbers(pack) -> NumberReader:
    return NumberReader(pack("en"))


def _found(reader: NumberReader, text: str) -> list[tuple[str, int, bool, str | None, str | None]]:
    return [(m.surface, m.value, m.vague, m.qualifier, m.unit) for m in reader.find(text, 0, len(text))]


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("dua", 2),
        ("dua puluh lima", 25),
        ("seorang", 1),
        ("sebelas", 11),
        ("dua belas", 12),
        ("seratus", 100),
        ("seratus dua belas", 112),
        ("dua ratus lima puluh", 250),
        ("seribu dua ratus", 1200),
        ("seratus ribu", 100000),
        ("dua juta", 2000000),
        ("nol", 0),
        ("Tiga", 3),
        ("2.050", 2050),
        ("117", 117),
        ("5 ribu", 5000),
        ("2,5 juta", 2500000),
    ],
)
def test_id_numbers_parse_words_and_numerals(id_numbers: NumberReader, words: str, value: int) -> None:
    assert id_numbers.parse(words) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("puluhan", 10),
        ("belasan", 11),  # "in the teens": the lowest credible number
        ("ratusan", 100),
        ("ribuan", 1000),
        ("beberapa", 3),
        ("sejumlah", 3),
        ("puluhan ribu", 10000),
        ("beberapa ratus", 300),
    ],
)
def test_id_numbers_parse_vague_quantities(id_numbers: NumberReader, words: str, value: int) -> None:
    assert id_numbers.parse(words) == value


@pytest.mark.parametrize("words", ["dua dua", "ratus", "ribu", "puluh lima", "serangan", "", "dua puluh belas"])
def test_id_numbers_parse_rejects_non_numbers(id_numbers: NumberReader, words: str) -> None:
    assert id_numbers.parse(words) is None


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("one", 1),
        ("twelve", 12),
        ("twenty-five", 25),
        ("twenty five", 25),
        ("a hundred", 100),
        ("one hundred and five", 105),
        ("three thousand two hundred", 3200),
        ("a dozen", 12),
        ("two dozen", 24),
        ("1,000", 1000),
        ("12,500", 12500),
        ("1.5 million", 1500000),
        ("Seven", 7),
    ],
)
def test_en_numbers_parse_words_and_numerals(en_numbers: NumberReader, words: str, value: int) -> None:
    assert en_numbers.parse(words) == value


@pytest.mark.parametrize(
    ("words", "value"),
    [
        ("tens", 10),
        ("dozens", 12),
        ("hundreds", 100),
        ("thousands", 1000),
        ("several", 3),
        ("a few", 3),
        ("some", 3),
        ("tens of thousands", 10000),
        ("hundreds of thousands", 100000),
        ("several hundred", 300),
    ],
)
def test_en_numbers_parse_vague_quantities(en_numbers: NumberReader, words: str, value: int) -> None:
    assert en_numbers.parse(words) == value


@pytest.mark.parametrize("words", ["a", "two and three", "hundred", "thousand", "five five", "attack"])
def test_en_numbers_parse_rejects_non_numbers(en_numbers: NumberReader, words: str) -> None:
    assert en_numbers.parse(words) is None


def test_id_numbers_find_counts_with_qualifier_and_unit(id_numbers: NumberReader) -> None:
    text = "Setidaknya 10 orang tewas dan puluhan warga terluka, sekitar 2.050 orang mengungsi."
    assert _found(id_numbers, text) == [
        ("Setidaknya 10", 10, False, "at_least", "orang"),
        ("puluhan", 10, True, None, "warga"),
        ("sekitar 2.050", 2050, False, "about", "orang"),
    ]


def test_id_numbers_find_seorang_and_word_numbers(id_numbers: NumberReader) -> None:
    text = "dua perwira senior tentara tewas, komandan dan seorang letnan terbunuh"
    assert _found(id_numbers, text) == [("dua", 2, False, None, "perwira"), ("seorang", 1, False, None, "letnan")]


@pytest.mark.parametrize(
    "text",
    [
        "pada hari Selasa (28/7/2020).",
        "mulai pukul 12:00 (0900 GMT)",
        "pada pukul 10 pagi",
        "komandan Brigade ke-29 Angkatan Darat",
        "100 persen kekalahan teritorial",
        "kenaikan 5% tahun ini",
        "jatuh ke tangan ISIS pada tahun 2015",
        "pada tanggal 6 Juni",
        "sejak 6 Juni telah",
    ],
)
def test_id_numbers_find_skips_dates_times_ordinals_percentages_years(id_numbers: NumberReader, text: str) -> None:
    assert id_numbers.find(text, 0, len(text)) == []


def test_id_numbers_find_durations_carry_their_unit(id_numbers: NumberReader) -> None:
    text = "operasi tempur dihentikan selama 48 jam"
    (m,) = id_numbers.find(text, 0, len(text))
    assert (m.value, m.unit) == (48, "jam")


def test_id_numbers_find_range_takes_lowest(id_numbers: NumberReader) -> None:
    text = "10-15 orang tewas"
    assert _found(id_numbers, text) == [("10-15", 10, False, None, "orang")]


def test_id_numbers_find_offsets_are_absolute(id_numbers: NumberReader) -> None:
    text = "Judul. Sebanyak tiga orang tewas. Lima lainnya luka."
    start = text.index("Sebanyak")
    end = text.index(".", start) + 1
    (m,) = id_numbers.find(text, start, end)
    assert text[m.start : m.end] == m.surface == "tiga"
    assert m == NumberMention(m.start, m.end, "tiga", 3, False, None, "orang")


def test_en_numbers_find_counts_with_qualifier_and_unit(en_numbers: NumberReader) -> None:
    text = "At least 12 people were killed, dozens of others injured and some 20 militants fled; over 1,000 protesters"
    assert _found(en_numbers, text) == [
        ("At least 12", 12, False, "at_least", "people"),
        ("dozens", 12, True, None, "others"),
        ("some 20", 20, False, "about", "militants"),
        ("over 1,000", 1000, False, "more_than", "protesters"),
    ]


def test_en_numbers_find_more_than_and_or_more(en_numbers: NumberReader) -> None:
    text = "more than twenty-five soldiers and ten or more civilians"
    assert _found(en_numbers, text) == [
        ("more than twenty-five", 25, False, "more_than", "soldiers"),
        ("ten or more", 10, False, "more_than", "civilians"),
    ]


@pytest.mark.parametrize(
    "text",
    [
        "On 9 May 2020, protesters gathered",
        "on May 9 in the city",
        "in 2019 the group",
        "at 10 am local time",
        "50 percent of the town",
        "the 29th Brigade",
        "28/7/2020",
    ],
)
def test_en_numbers_find_skips_dates_times_ordinals_percentages_years(en_numbers: NumberReader, text: str) -> None:
    assert [m for m in en_numbers.find(text, 0, len(text)) if m.unit != "protesters"] == []


def test_en_numbers_find_year_shaped_count_before_a_count_noun(en_numbers: NumberReader) -> None:
    text = "2000 people marched"
    assert _found(en_numbers, text) == [("2000", 2000, False, None, "people")]


def test_en_numbers_find_weak_article_is_no_number(en_numbers: NumberReader) -> None:
    text = "a man was killed by a bomb"
    assert en_numbers.find(text, 0, len(text)) == []


@pytest.mark.parametrize(("n", "id_words", "en_words"), [
    (0, "nol", "zero"),
    (11, "sebelas", "eleven"),
    (25, "dua puluh lima", "twenty-five"),
    (100, "seratus", "one hundred"),
    (1000, "seribu", "one thousand"),
    (2050, "dua ribu lima puluh", "two thousand fifty"),
    (100000, "seratus ribu", "one hundred thousand"),
])
def test_numbers_words_spells_ints(id_numbers: NumberReader, en_numbers: NumberReader, n: int, id_words: str,
                                   en_words: str) -> None:
    assert id_numbers.words(n) == id_words
    assert en_numbers.words(n) == en_words


@pytest.mark.parametrize(
    "text",
    [
        "kata Hamdani (55), warga setempat",
        "\n3. Penerima bantuan",
        "senilai Rp 3.793.971.790 dan US$ 82",
        "Pasal 28 ayat 2 UU ITE",
        "Liputan6.com melaporkan",
    ],
)
def test_id_numbers_find_skips_ages_list_marks_money_and_identifiers(id_numbers: NumberReader, text: str) -> None:
    assert id_numbers.find(text, 0, len(text)) == []


def test_numbers_schema_rejects_bad_entries() -> None:
    from pantau.packs.schema import validate_pack_file

    bad = {
        "words": {"dua": {"value": 2, "kind": "digit"}, "x": {"value": -1, "kind": "unit"}},
        "vague": {"puluhan": 0},
        "qualifiers": {"roughly": ["sekitar"]},
        "spell": {"below_twenty": ["nol"], "tens": [], "scales": [{"value": 1000, "name": "ribu"}]},
    }
    problems = "\n".join(validate_pack_file("numbers", bad))
    for where in ("words.dua.kind", "words.x.value", "vague.puluhan", "qualifiers.roughly",
                  "spell.below_twenty", "spell.tens", "spell.scales"):
        assert where in problems


def test_numbers_bad_pack_entry_is_a_coded_error(tmp_path) -> None:
    from pantau.errors import PackError
    from pantau.packs import Pack

    (tmp_path / "numbers.toml").write_text('[words]\ndua = { kind = "unit" }\n', encoding="utf-8")
    with pytest.raises(PackError, match="E020.*numbers.toml"):
        NumberReader(Pack("xx", tmp_path))


def test_numbers_pack_without_numbers_file_reads_numerals_only(tmp_path) -> None:
    from pantau.packs import Pack

    reader = NumberReader(Pack("xx", tmp_path))
    text = "12 orang, dua orang"
    assert [(m.value, m.unit) for m in reader.find(text, 0, len(text))] == [(12, "orang")]


@pytest.mark.parametrize("lang", ["id", "en"])
def test_numbers_find_digitless_shortcut_changes_nothing(pack, lang: str) -> None:
    """A text without digits and without any number word is answered without tokenizing:
    the answer is the full reading's on texts with and without number words."""
    reader = NumberReader(pack(lang))
    assert reader._word_starts
    words = sorted(reader.lexicon_words())
    texts = [f"Sebanyak {w} orang tewas, kata polisi; {w.title()} korban luka." for w in words]
    texts += ["Polisi menangkap pelaku di rumahnya.", "Gunmen attacked the village at dawn.", ""]
    shortcut = [reader.find(t) for t in texts]
    reader._word_starts = False
    assert [reader.find(t) for t in texts] == shortcut
    assert any(shortcut)


def test_tokens_are_ordinary_named_tuples() -> None:
    """``tokenize`` builds its tokens with ``tuple.__new__``: they are the same ``_Tok`` values
    the class itself makes (fields, equality, type)."""
    from pantau.stages.normalize.numbers import _Tok, tokenize

    toks = tokenize("Sebanyak 12 orang tewas, Senin (12/8). ", 0)
    assert all(type(t) is _Tok for t in toks)
    assert toks[:2] == [_Tok(0, 8, "sebanyak", "word"), _Tok(9, 11, "12", "num")]
    assert [t.kind for t in toks if t.text == "12/8"] == ["dt"]
    assert toks[-1] == _Tok(37, 38, ".", "punct") and toks[-1].end == 38
