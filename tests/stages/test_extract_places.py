"""Where an event happened, end to end through the pipeline."""

from __future__ import annotations

from datetime import date

from pantau.records import Article


def test_id_extract_dateline_city_named_in_the_event_clause_is_the_place(real_pipeline) -> None:
    """A dateline place is never used by itself, but when the text says the event happened
    there ("di Jalan ..., Makassar"), it is the event's place."""
    text = (
        "MAKASSAR, KABARTIMUR.com – Sebuah bom bunuh diri meledak di depan gerbang Gereja Katedral "
        "Hati Yesus Yang Maha Kudus di Jalan Kajaolalido, Makassar, Sulawesi Selatan, Minggu (28/3/2021). "
        "Dua pelaku tewas di tempat."
    )
    events = real_pipeline(Article(doc_id="t1", text=text, pub_date=date(2021, 3, 28))).events
    assert events, "the bombing is an event"
    assert {e.location for e in events} == {"Makassar"}
    assert all(e.admin1 == "South Sulawesi" for e in events)


def test_id_extract_dateline_city_alone_is_never_the_place(real_pipeline) -> None:
    text = (
        "JAYAPURA, KABARTIMUR.com – Kelompok bersenjata menembak dua prajurit TNI di Distrik Sugapa, "
        "Kabupaten Intan Jaya, Papua Tengah, Selasa (10/8/2021)."
    )
    events = real_pipeline(Article(doc_id="t2", text=text, pub_date=date(2021, 8, 11))).events
    assert events
    assert all(e.location != "Jayapura" for e in events)


def test_id_extract_capital_named_after_its_country_is_the_place(real_pipeline) -> None:
    """'di jantung ibu kota Iran, Teheran': the town in apposition to the country is where it happened."""
    text = "Jet tempur Israel dilaporkan menyerang di jantung ibu kota Iran, Teheran, pada Jumat (13/6/2025)."
    events = real_pipeline(Article(doc_id="t3", text=text, pub_date=date(2025, 6, 14))).events
    assert [e.location for e in events] == ["Tehran"]



def test_id_extract_authorities_of_a_city_are_no_place(real_pipeline) -> None:
    """'otoritas Tel Aviv' (the Tel Aviv authorities) names who spoke, not where it happened."""
    text = "Sementara otoritas Tel Aviv melaporkan sedikitnya 24 orang tewas akibat serangan rudal pada Jumat (13/6/2025)."
    events = real_pipeline(Article(doc_id="t4", text=text, pub_date=date(2025, 6, 14))).events
    assert all(e.location != "Tel Aviv" for e in events)


def test_id_extract_glued_dateline_city_is_no_event_place(real_pipeline) -> None:
    """'Liputan6.com, JakartaDi tengah ...': the dateline glued to the first word is still a
    dateline, so Jakarta is where the reporter was, not where it happened."""
    text = "Liputan6.com, JakartaDua orang tewas ditembak kelompok bersenjata pada Selasa (10/8/2021)."
    events = real_pipeline(Article(doc_id="t5", text=text, pub_date=date(2021, 8, 11))).events
    assert all(e.location != "Jakarta" for e in events)  # (no place known: no event is coded)


def test_extract_embassy_seat_is_no_event_place(real_pipeline) -> None:
    """'Kedutaan Besar Israel di Washington mengklaim ...', 'the Israeli embassy in Washington
    said ...': the town is the embassy's seat (pack embassy_words), not where the missile fell."""
    for lang_text in (
        "Dalam pernyataan terpisah, militer Israel dan Kedutaan Besar Israel di Washington mengklaim "
        "bahwa Iran meluncurkan sebuah rudal ke arah Israel pada Kamis (19/6).",
        "In a separate statement, the Israeli military and the Israeli embassy in Washington said "
        "Iran launched a missile at Israel on Thursday.",
    ):
        events = real_pipeline(Article(doc_id="t-emb", text=lang_text, pub_date=date(2025, 6, 20))).events
        assert all(e.location != "Washington" for e in events)
