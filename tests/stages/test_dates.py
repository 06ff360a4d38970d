"""Date mentions and their resolution (pantau.stages.normalize.dates), per events.md "Dates"."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.records import DateRef
from pantau.stages.normalize.dates import DateMention, DateResolver

SAT_2020 = date(2020, 8, 1)  # a Saturday
SAT_2017 = date(2017, 6, 17)  # a Saturday
SUN_2020 = date(2020, 5, 10)  # a Sunday


@pytest.fixture(scope="module")
def id_dates(pack) -> DateResolver:
    return DateResolver(pack("id"))


@pytest.fixture(scope="module")
def en_dates(pack) -> DateResolver:
    return DateResolver(pack("en"))


def _one(resolver: DateResolver, text: str) -> DateMention:
    found = resolver.find(text, 0, len(text))
    assert len(found) == 1, found
    return found[0]


def _resolve(resolver: DateResolver, text: str, pub: date | None, anchor: DateRef | None = None,
             backward: bool = False) -> DateRef | None:
    mention = resolver.best(resolver.find(text, 0, len(text)))
    assert mention is not None, text
    return resolver.resolve(mention, pub, anchor, backward)


# ---- seed phrases -------------------------------------------------------------------


def test_id_dates_weekday_with_written_date_is_absolute(id_dates: DateResolver) -> None:
    text = "terbunuh dalam serangan Daesh pada hari Selasa (28/7/2020)."
    m = _one(id_dates, text)
    assert (m.kind, m.weekday, m.surface) == ("absolute", 1, "hari Selasa (28/7/2020)")
    assert id_dates.resolve(m, SAT_2020) == DateRef(date(2020, 7, 28), 1)


def test_id_dates_month_year_background_is_15th(id_dates: DateResolver) -> None:
    m = _one(id_dates, "Maret 2019: SDF menyatakan wilayah Baghouz dikuasai")
    assert m.kind == "month"
    assert id_dates.resolve(m, SAT_2020) == DateRef(date(2019, 3, 15), 3)


def test_id_dates_reduplicated_sehari_after_anchor(id_dates: DateResolver) -> None:
    m = _one(id_dates, "Rasool mengatakan, sehari hari setelah serangan itu, bala bantuan dikirim")
    assert (m.kind, m.offset_days) == ("anchor", 1)
    assert id_dates.resolve(m, SAT_2020, DateRef(date(2020, 7, 28), 1)) == DateRef(date(2020, 7, 29), 1)


def test_id_dates_sehari_setelah_anchor(id_dates: DateResolver) -> None:
    assert _resolve(id_dates, "sehari setelah serangan itu", SAT_2020, DateRef(date(2020, 7, 28), 1)) == DateRef(
        date(2020, 7, 29), 1)


def test_ms_dates_sehari_selepas_anchor(pack) -> None:
    """Malay says "selepas" where Indonesian says "setelah": "sehari selepas serangan itu"."""
    assert _resolve(DateResolver(pack("ms")), "sehari selepas serangan itu", SAT_2020, DateRef(date(2020, 7, 28), 1)) == DateRef(
        date(2020, 7, 29), 1)


def test_id_dates_weekday_on_pub_day_is_pub_day(id_dates: DateResolver) -> None:
    assert _resolve(id_dates, "merebut perbatasan pada hari Sabtu, meningkatkan", SAT_2017) == DateRef(SAT_2017, 1)


def test_id_dates_day_month_without_year_is_latest_before_pub(id_dates: DateResolver) -> None:
    assert _resolve(id_dates, "melancarkan serangan pada tanggal 6 Juni", SAT_2017) == DateRef(date(2017, 6, 6), 1)


def test_id_dates_year_only_is_not_coded(id_dates: DateResolver) -> None:
    m = _one(id_dates, "jatuh ke tangan kelompok ISIS pada tahun 2015, yang")
    assert m.kind == "year" and m.year == 2015
    assert id_dates.resolve(m, SAT_2017) is None


def test_id_dates_bulan_month_year(id_dates: DateResolver) -> None:
    assert _resolve(id_dates, "kekhalifahan di Suriah pada bulan Juni 2014.", SAT_2017) == DateRef(date(2014, 6, 15), 3)


def test_id_dates_hampir_tiga_minggu_setelah_is_approximate_anchor(id_dates: DateResolver) -> None:
    m = _one(id_dates, "terjadi hampir tiga minggu setelah pasukan paramiliter mencapai perbatasan")
    assert (m.kind, m.offset_days, m.approx, m.precision) == ("anchor", 21, True, 2)
    saturday = DateRef(SAT_2017, 1)
    assert id_dates.resolve(m, SAT_2017, saturday) == DateRef(date(2017, 7, 8), 2)
    # the militia's arrival is what the phrase dates: the push's day minus three weeks
    assert id_dates.resolve(m, SAT_2017, saturday, backward=True) == DateRef(date(2017, 5, 27), 2)


def test_en_dates_acled_on_date(en_dates: DateResolver) -> None:
    m = _one(en_dates, "On 9 May 2020, protesters gathered in Baghdad.")
    assert (m.kind, m.day, m.month, m.year) == ("absolute", 9, 5, 2020)
    assert en_dates.resolve(m, None) == DateRef(date(2020, 5, 9), 1)


@pytest.mark.parametrize("text", [
    "Around 9 May 2020 (as reported), militants attacked",
    "As reported on 9 May 2020, a soldier was killed",
    "On 9 May 2020 (or around), an IED exploded",
    "Around 9 May 2020 (week of), soldiers clashed",
])
def test_en_dates_acled_approximate_dates_are_precision_2(en_dates: DateResolver, text: str) -> None:
    m = _one(en_dates, text)
    assert m.approx
    assert en_dates.resolve(m, date(2020, 5, 9)) == DateRef(date(2020, 5, 9), 2)


# ---- Indonesian forms ---------------------------------------------------------------


@pytest.mark.parametrize(("text", "pub", "expected"), [
    ("Selasa (28/7)", SAT_2020, DateRef(date(2020, 7, 28), 1)),
    ("Rabu (18/6) malam", date(2025, 6, 20), DateRef(date(2025, 6, 18), 1)),
    ("pada Minggu (12/7/2020) sekitar pukul 10.00", SAT_2020, DateRef(date(2020, 7, 12), 1)),
    ("6 Juni 2025", SAT_2020, DateRef(date(2025, 6, 6), 1)),
    ("pada 9 Oktober 2019", SAT_2020, DateRef(date(2019, 10, 9), 1)),
    ("Selasa, 28 Juli 2020", SAT_2020, DateRef(date(2020, 7, 28), 1)),
    ("pada 28/07/2020", SAT_2020, DateRef(date(2020, 7, 28), 1)),
    ("5 Agt. 2019", SAT_2020, DateRef(date(2019, 8, 5), 1)),
])
def test_id_dates_absolute_forms(id_dates: DateResolver, text: str, pub: date, expected: DateRef) -> None:
    assert _resolve(id_dates, text, pub) == expected


def test_id_dates_yearless_date_after_pub_falls_in_previous_year(id_dates: DateResolver) -> None:
    assert _resolve(id_dates, "Rabu (18/6)", SAT_2017) == DateRef(date(2016, 6, 18), 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("kemarin", date(2017, 6, 16)),
    ("Kemarin sore", date(2017, 6, 16)),
    ("tadi malam", date(2017, 6, 16)),
    ("dini hari tadi", SAT_2017),
    ("hari ini", SAT_2017),
    ("dua hari lalu", date(2017, 6, 15)),
    ("3 hari yang lalu", date(2017, 6, 14)),
    ("kemarin lusa", date(2017, 6, 15)),
])
def test_id_dates_relative_days(id_dates: DateResolver, text: str, expected: date) -> None:
    m = _one(id_dates, text)
    assert m.kind == "relative"
    assert id_dates.resolve(m, SAT_2017) == DateRef(expected, 1)


@pytest.mark.parametrize(("text", "expected"), [
    ("pada hari Selasa", date(2017, 6, 13)),
    ("Minggu malam", date(2017, 6, 11)),
    ("Sabtu pekan lalu", date(2017, 6, 10)),  # the Saturday of the week before
    ("Sabtu lalu", date(2017, 6, 10)),  # strictly before the publication day
    ("Jumat kemarin", date(2017, 6, 16)),
    ("pada Kamis pagi", date(2017, 6, 15)),
])
def test_id_dates_weekdays(id_dates: DateResolver, text: str, expected: date) -> None:
    m = _one(id_dates, text)
    assert m.kind == "weekday"
    assert id_dates.resolve(m, SAT_2017) == DateRef(expected, 1)


def test_id_dates_sabtu_pekan_lalu_on_a_monday(id_dates: DateResolver) -> None:
    monday = date(2017, 6, 19)
    assert _resolve(id_dates, "Sabtu pekan lalu", monday) == DateRef(date(2017, 6, 17), 1)


def test_id_dates_minggu_capitalised_is_sunday_lowercase_is_week(id_dates: DateResolver) -> None:
    sunday = _one(id_dates, "pada Minggu")
    week = _one(id_dates, "tiga minggu lalu")
    assert (sunday.kind, sunday.weekday) == ("weekday", 6)
    assert (week.kind, week.offset_days, week.precision) == ("relative", -21, 2)
    assert id_dates.find("minggu depan", 0, 12) == []


@pytest.mark.parametrize(("text", "expected"), [
    ("pekan lalu", DateRef(date(2017, 6, 8), 2)),  # the middle (Thursday) of the week before
    ("minggu lalu", DateRef(date(2017, 6, 8), 2)),
    ("awal pekan ini", DateRef(date(2017, 6, 13), 2)),
    ("akhir pekan lalu", DateRef(date(2017, 6, 10), 2)),
    ("awal bulan ini", DateRef(date(2017, 6, 1), 3)),
    ("akhir bulan lalu", DateRef(date(2017, 5, 31), 3)),
    ("bulan lalu", DateRef(date(2017, 5, 15), 3)),
])
def test_id_dates_relative_periods(id_dates: DateResolver, text: str, expected: DateRef) -> None:
    m = _one(id_dates, text)
    assert m.kind == "relative"
    assert id_dates.resolve(m, SAT_2017) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("awal Juni", DateRef(date(2017, 6, 1), 3)),
    ("akhir Maret 2019", DateRef(date(2019, 3, 31), 3)),
    ("pertengahan Mei", DateRef(date(2017, 5, 15), 3)),
    ("pada bulan Mei", DateRef(date(2017, 5, 15), 3)),
    ("sejak Agustus", DateRef(date(2016, 8, 15), 3)),  # the latest August on or before pub
    ("akhir Februari 2020", DateRef(date(2020, 2, 29), 3)),
])
def test_id_dates_month_only(id_dates: DateResolver, text: str, expected: DateRef) -> None:
    m = _one(id_dates, text)
    assert m.kind == "month"
    assert id_dates.resolve(m, SAT_2017) == expected


def test_id_dates_range_is_middle_day_precision_2(id_dates: DateResolver) -> None:
    m = _one(id_dates, "bentrokan pada 5-7 Juni 2020")
    assert m.kind == "range"
    assert id_dates.resolve(m, SAT_2020) == DateRef(date(2020, 6, 6), 2)


def test_id_dates_keesokan_harinya_anchor(id_dates: DateResolver) -> None:
    m = _one(id_dates, "Keesokan harinya, polisi menangkap")
    assert id_dates.resolve(m, SAT_2017, DateRef(date(2017, 6, 10), 1)) == DateRef(date(2017, 6, 11), 1)


def test_id_dates_anchor_keeps_anchor_precision(id_dates: DateResolver) -> None:
    m = _one(id_dates, "dua hari setelah bentrokan")
    assert id_dates.resolve(m, SAT_2017, DateRef(date(2017, 6, 8), 2)) == DateRef(date(2017, 6, 10), 2)


def test_id_dates_sebelum_is_a_negative_anchor(id_dates: DateResolver) -> None:
    m = _one(id_dates, "dua hari sebelum serangan")
    assert id_dates.resolve(m, SAT_2017, DateRef(date(2017, 6, 8), 1)) == DateRef(date(2017, 6, 6), 1)


def test_id_dates_years_ago_are_not_coded(id_dates: DateResolver) -> None:
    m = _one(id_dates, "dua tahun lalu")
    assert m.kind == "year" and id_dates.resolve(m, SAT_2017) is None
    assert id_dates.resolve(_one(id_dates, "tahun lalu"), SAT_2017) is None


def test_id_dates_not_dates(id_dates: DateResolver) -> None:
    text = "Sebanyak 2.050 orang dan 100 persen, lalu pergi ke bar; pukul 12:00 selama 48 jam, 1,5 juta"
    assert id_dates.find(text, 0, len(text)) == []


def test_id_dates_find_offsets_are_absolute(id_dates: DateResolver) -> None:
    text = "Judul berita. Polisi menembak pada Selasa (28/7) malam. Kemarin hujan."
    start = text.index("Polisi")
    end = text.index(".", start) + 1
    (m,) = id_dates.find(text, start, end)
    assert text[m.start : m.end] == m.surface == "Selasa (28/7) malam"


# ---- English forms ------------------------------------------------------------------


@pytest.mark.parametrize(("text", "expected"), [
    ("on May 9", DateRef(date(2020, 5, 9), 1)),
    ("9 May", DateRef(date(2020, 5, 9), 1)),
    ("On 27 April, 2020", DateRef(date(2020, 4, 27), 1)),
    ("On 1st May 2020", DateRef(date(2020, 5, 1), 1)),
    ("May 9, 2019", DateRef(date(2019, 5, 9), 1)),
    ("on Aug. 5", DateRef(date(2019, 8, 5), 1)),
    ("Tuesday, May 5", DateRef(date(2020, 5, 5), 1)),
    ("28/7/2019", DateRef(date(2019, 7, 28), 1)),
    ("2020-04-28", DateRef(date(2020, 4, 28), 1)),
])
def test_en_dates_absolute_forms(en_dates: DateResolver, text: str, expected: DateRef) -> None:
    assert _resolve(en_dates, text, SUN_2020) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("on Tuesday", DateRef(date(2020, 5, 5), 1)),
    ("Tuesday night", DateRef(date(2020, 5, 5), 1)),
    ("on Sunday", DateRef(SUN_2020, 1)),
    ("last Sunday", DateRef(date(2020, 5, 3), 1)),
    ("last Saturday", DateRef(date(2020, 5, 9), 1)),
    ("yesterday", DateRef(date(2020, 5, 9), 1)),
    ("last night", DateRef(date(2020, 5, 9), 1)),
    ("this morning", DateRef(SUN_2020, 1)),
    ("today", DateRef(SUN_2020, 1)),
    ("two days ago", DateRef(date(2020, 5, 8), 1)),
    ("a week ago", DateRef(date(2020, 5, 3), 2)),
    ("several days ago", DateRef(date(2020, 5, 7), 2)),
    ("last week", DateRef(date(2020, 4, 30), 2)),
    ("earlier this week", DateRef(date(2020, 5, 6), 2)),  # between Monday 4 and Saturday 9
    ("last weekend", DateRef(date(2020, 5, 2), 2)),
    ("earlier this month", DateRef(date(2020, 5, 5), 3)),
    ("late last month", DateRef(date(2020, 4, 30), 3)),
])
def test_en_dates_relative_to_pub(en_dates: DateResolver, text: str, expected: DateRef) -> None:
    assert _resolve(en_dates, text, SUN_2020) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("in March 2019", DateRef(date(2019, 3, 15), 3)),
    ("late March", DateRef(date(2020, 3, 31), 3)),
    ("early March", DateRef(date(2020, 3, 1), 3)),
    ("mid-March", DateRef(date(2020, 3, 15), 3)),
    ("in May", DateRef(date(2020, 5, 15), 3)),
    ("in June", DateRef(date(2019, 6, 15), 3)),
    ("at the end of January 2020", DateRef(date(2020, 1, 31), 3)),
])
def test_en_dates_month_only(en_dates: DateResolver, text: str, expected: DateRef) -> None:
    m = _one(en_dates, text)
    assert m.kind == "month"
    assert en_dates.resolve(m, SUN_2020) == expected


@pytest.mark.parametrize(("text", "expected"), [
    ("May 5-7", DateRef(date(2020, 5, 6), 2)),
    ("between 27 April and 3 May 2020", DateRef(date(2020, 4, 30), 2)),
    ("from 2 to 4 May", DateRef(date(2020, 5, 3), 2)),
    ("from 1 April to 9 May 2020", DateRef(date(2020, 4, 20), 3)),
])
def test_en_dates_ranges(en_dates: DateResolver, text: str, expected: DateRef) -> None:
    m = _one(en_dates, text)
    assert m.kind == "range"
    assert en_dates.resolve(m, SUN_2020) == expected


@pytest.mark.parametrize(("text", "offset", "precision"), [
    ("a day after the attack", 1, 1),
    ("the next day", 1, 1),
    ("three weeks later", 21, 2),
    ("two days earlier", -2, 1),
    ("the day before", -1, 1),
    ("nearly three weeks after", 21, 2),
])
def test_en_dates_anchors(en_dates: DateResolver, text: str, offset: int, precision: int) -> None:
    m = _one(en_dates, text)
    assert (m.kind, m.offset_days, m.precision) == ("anchor", offset, precision)
    anchor = DateRef(date(2020, 5, 1), 1)
    assert en_dates.resolve(m, SUN_2020, anchor) == DateRef(date(2020, 5, 1 + offset) if offset > 0 else
                                                            date(2020, 4, 30 + offset + 1), precision)


def test_en_dates_anchor_without_anchor_is_none(en_dates: DateResolver) -> None:
    assert en_dates.resolve(_one(en_dates, "a day after the attack"), SUN_2020) is None


@pytest.mark.parametrize("text", [
    "The group may attack again",
    "protesters march through the city",
    "at least 12 people and 1,000 protesters",
    "killed 50 percent",
    "the 2000 protesters",
])
def test_en_dates_not_dates(en_dates: DateResolver, text: str) -> None:
    assert en_dates.find(text, 0, len(text)) == []


def test_en_dates_year_only_is_not_coded(en_dates: DateResolver) -> None:
    m = _one(en_dates, "the war began in 2011")
    assert m.kind == "year" and en_dates.resolve(m, SUN_2020) is None


# ---- without a publication date; best ------------------------------------------------


@pytest.mark.parametrize("text", ["kemarin", "pada hari Selasa", "pekan lalu", "Selasa (28/7)", "awal Juni"])
def test_id_dates_relative_without_pub_date_is_none(id_dates: DateResolver, text: str) -> None:
    assert _resolve(id_dates, text, None) is None


def test_id_dates_absolute_without_pub_date_resolves(id_dates: DateResolver) -> None:
    assert _resolve(id_dates, "Selasa (28/7/2020)", None) == DateRef(date(2020, 7, 28), 1)
    assert _resolve(id_dates, "Maret 2019", None) == DateRef(date(2019, 3, 15), 3)


def test_id_dates_best_prefers_the_day_over_month_and_year(id_dates: DateResolver) -> None:
    text = "Pada tahun 2015, sejak Maret, ISIS menyerang pada Selasa (28/7) dan pekan lalu"
    best = id_dates.best(id_dates.find(text, 0, len(text)))
    assert best is not None and best.kind == "absolute" and best.day == 28


def test_en_dates_best_of_nothing_is_none(en_dates: DateResolver) -> None:
    assert en_dates.best([]) is None


def test_en_dates_best_prefers_weekday_over_last_week(en_dates: DateResolver) -> None:
    text = "Last week's talks failed; on Tuesday gunmen attacked"
    best = en_dates.best(en_dates.find(text, 0, len(text)))
    assert best is not None and best.kind == "weekday"


def test_id_dates_weekday_span_is_no_date(id_dates: DateResolver) -> None:
    text = "siaran langsung pada Senin-Jumat pukul 08.00"
    assert id_dates.find(text, 0, len(text)) == []


def test_dates_schema_rejects_bad_entries() -> None:
    from pantau.packs.schema import validate_pack_file

    bad = {
        "months": {"januari": 1, "x": 13},
        "weekdays": {"senin": 0},
        "words": {"case_sensitive": ["pekan"], "colours": ["merah"]},
        "weekday_after": {"lalu": "sometime"},
        "parts": {"awal": "start"},
        "periods": {"pekan depan": {"period": "week", "shift": 1}},
        "offsets": {"units": {"hari": 0}, "unit_words": {"sehari": "day"}},
    }
    problems = "\n".join(validate_pack_file("dates", bad))
    for where in ("months.x", "months: every month", "weekdays: every weekday", "words.case_sensitive",
                  "words.colours", "weekday_after.lalu", "parts.awal", "periods.pekan depan",
                  "offsets.units.hari", "offsets.unit_words.sehari"):
        assert where in problems


def test_dates_pack_without_dates_file_finds_numeric_dates_only(tmp_path) -> None:
    from pantau.packs import Pack

    resolver = DateResolver(Pack("xx", tmp_path))
    text = "kemarin, 28/7/2020"
    (m,) = resolver.find(text, 0, len(text))
    assert resolver.resolve(m, None) == DateRef(date(2020, 7, 28), 1)


def test_dates_bad_pack_entry_is_a_coded_error(tmp_path) -> None:
    from pantau.errors import PackError
    from pantau.packs import Pack

    (tmp_path / "dates.toml").write_text('[periods]\n"pekan lalu" = { shift = -1 }\n', encoding="utf-8")
    with pytest.raises(PackError, match="E020.*dates.toml"):
        DateResolver(Pack("xx", tmp_path))


# ---- the digit gate (speed) must not change what is found ------------------------------

def _digitless_texts(resolver: DateResolver) -> list[str]:
    """Texts with every kind of date word and no digit: no pattern needing a numeral may match."""
    words = [*resolver._months, *resolver._weekdays, *resolver._relative, *resolver._periods,
             *resolver._anchor_phrases, *resolver._parts, *resolver._units, *resolver._unit_words]
    fillers = ["pada", "on", "in", "of", "tahun", "year", "-", ",", "(", ")", "/", "dan", "and", "lalu", "ago"]
    texts = []
    for i, w in enumerate(sorted(words)):
        for f in fillers[i % len(fillers):] + fillers[: i % len(fillers)]:
            texts.append(f"Serangan {f} {w} {f} {w.title()} {w.upper()}, kata polisi {w}.")
    return texts


@pytest.mark.parametrize("lang", ["id", "en"])
def test_dates_patterns_needing_a_digit_skip_digitless_text(pack, lang: str, monkeypatch: pytest.MonkeyPatch) -> None:
    from pantau.stages.normalize import dates

    resolver = DateResolver(pack(lang))
    texts = _digitless_texts(resolver)
    for name, pat in resolver._patterns:
        if name in dates._NEED_DIGIT:
            assert not any(pat.search(t) for t in texts), name
    gated = [resolver.find(t) for t in texts]

    class _AlwaysDigit:
        @staticmethod
        def search(*_: object) -> bool:
            return True

    monkeypatch.setattr(dates, "_DIGIT", _AlwaysDigit())
    assert [resolver.find(t) for t in texts] == gated


def test_id_dates_some_time_ago_is_not_coded(id_dates: DateResolver) -> None:
    """"beberapa waktu lalu" (some time ago): an undated past, background at best."""
    m = _one(id_dates, "demonstrasi berujung ricuh beberapa waktu lalu")
    assert m.kind == "year" and id_dates.resolve(m, SUN_2020) is None


# ---- the word gate (speed) must not change what is found --------------------------------

@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_dates_word_gate_finds_what_every_pattern_finds(pack, lang: str) -> None:
    resolver = DateResolver(pack(lang))
    texts = _digitless_texts(resolver)
    texts += [t.replace("Serangan", "Serangan 5 " + t.split()[2]) + " pada 12/8/2020, 2020-05-03 (3/7) 5-7" for t in texts[::3]]
    texts += [t.upper() for t in texts[::5]] + ["SENİN 5 JUNİ", "ſenin 5 juni", "Jum’at (3/7) dini hari"]
    gated = [resolver.find(t) for t in texts]
    resolver._gate._auto = None  # every pattern on every text
    assert [resolver.find(t) for t in texts] == gated
    assert sum(map(len, gated)) > len(texts)


def test_id_dates_capital_dotted_i_reads_the_weekday(id_dates: DateResolver) -> None:
    """Case-insensitive matching pairs "İ" with "i" but lower-casing does not: "SENİN" (a
    heading typed with a Turkish keyboard) is Monday, not a crash."""
    m = _one(id_dates, "Polisi menangkap tiga orang pada SENİN malam.")
    assert m.kind == "weekday" and m.weekday == 0


def test_id_dates_written_year_after_publication_is_a_slip(id_dates: DateResolver) -> None:
    """"diamankan pada Senin (6/10/2026)" in a report of 11 October 2025: the event was reported, so the
    year is a slip for 2025; a date a year after publication that would still lie ahead stays as written."""
    pub = date(2025, 10, 11)
    assert id_dates.resolve(_one(id_dates, "pada Senin (6/10/2026)"), pub) == DateRef(date(2025, 10, 6), 1)
    assert id_dates.resolve(_one(id_dates, "pada (20/10/2026)"), pub) == DateRef(date(2026, 10, 20), 1)


def _example_texts() -> list[str]:
    import json
    from pathlib import Path

    packs = Path(__file__).resolve().parents[2] / "src" / "pantau" / "packs"
    out: list[str] = []
    for path in sorted((packs.parent / "examples").iterdir()):
        if path.suffix == ".txt":
            out += path.read_text(encoding="utf-8").splitlines()
    for lang in ("id", "en", "ms"):
        lines = (packs / lang / "examples.jsonl").read_text(encoding="utf-8").splitlines()
        out += [json.loads(line).get("text", "") for line in lines if line.strip()]
    return [t for t in out if t.strip()]


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_dates_led_patterns_find_what_finditer_finds(pack, lang: str) -> None:
    """A pattern tried only where its lead words start (a speed-up) finds the same matches as
    when tried at every position, on the example texts and on texts made of the pack's date
    words (as written, capitalised and upper-cased, beside numbers and each other)."""
    from pantau.stages.normalize.dates import _led

    dates = DateResolver(pack(lang))
    data = pack(lang).get("dates")
    words = [*data.get("months", {}), *data.get("weekdays", {}), *data.get("parts", {}), *data.get("relative", {}),
             *data.get("periods", {}), *data.get("anchor_phrases", {}), *data.get("weekday_after", {}),
             *data.get("weekday_before", {})]
    for key in ("month_filler", "month_cues", "year_cues", "weekday_prefix"):
        words += data.get("words", {}).get(key, [])
    made = [f"{a} {b} 12 {a}-{b} 2020, ({b}) {a} 3 {b} 2019" for a, b in zip(words, words[1:] + words[:1])]
    texts = _example_texts() + made + [t.upper() for t in made] + [t.title() for t in made]
    led = 0
    for text in texts:
        for start in (0, len(text) // 3):
            _, leads = dates._gate.present(text, start, len(text))
            for _, name, pat, _, _, lead in dates._plan:
                if not lead or leads is None:
                    continue
                led += 1
                want = [m.span() for m in pat.finditer(text, start, len(text))]
                assert [m.span() for m in _led(pat, text, len(text), leads, lead)] == want, (name, text)
    assert led > 0


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_dates_ascii_twins_find_what_the_patterns_find(pack, lang: str) -> None:
    """A plain ASCII sentence is read with the patterns compiled re.ASCII (a speed-up): each twin
    finds the same matches, with the same groups, as its pattern on the example texts and on texts
    made of the pack's date words (as written, capitalised, upper-cased, with digits and dashes),
    and ``find`` gives the same mentions as with the Unicode plan; a text with a separator control
    or a non-ASCII letter is read the Unicode way."""
    from pantau.stages.normalize.dates import _plain_ascii

    dates = DateResolver(pack(lang))
    data = pack(lang).get("dates")
    words = [*data.get("months", {}), *data.get("weekdays", {}), *data.get("parts", {}), *data.get("relative", {}),
             *data.get("periods", {}), *data.get("anchor_phrases", {}), *data.get("weekday_after", {}),
             *data.get("weekday_before", {}), *data.get("offsets", {}).get("units", {})]
    made = [f"{a} {b} 12 {a}-{b} 2020, ({b}) {a} 3/4 {b} 2019-05-06 dua {b} lalu 5-7 {a}" for a, b in zip(words, words[1:] + words[:1])]
    texts = [t for t in _example_texts() + made + [t.upper() for t in made] + [t.title() for t in made] if _plain_ascii(t)]
    assert len(texts) > 50
    unicode_plan = DateResolver(pack(lang))
    unicode_plan._plan_ascii = unicode_plan._plan
    twins = 0
    for text in texts:
        for (_, name, pat, *_), (_, _, twin, *_) in zip(dates._plan, dates._plan_ascii):
            twins += twin is not pat
            want = [(m.span(), m.groupdict()) for m in pat.finditer(text)]
            assert [(m.span(), m.groupdict()) for m in twin.finditer(text)] == want, (name, text)
        assert dates.find(text) == unicode_plan.find(text)
    assert twins > 0
    assert not _plain_ascii("12 Mei 2020\x1d") and not _plain_ascii("12 Mei 2020 – Senin")
