"""Events placed only in a country (issue 4: background war mentions coded as events)."""

from __future__ import annotations

from datetime import date

from pantau.records import Article


def test_en_extract_event_placed_only_in_a_country_is_not_coded(real_pipeline) -> None:
    """events.md's coarsest place is a region (geo_precision 3 = admin1): "fired shells at farms in
    Yemen" names no codable place."""
    text = "On 30 April 2020, pro-Houthi forces fired mortar shells at farms in Yemen."
    assert real_pipeline(Article(doc_id="c1", text=text, pub_date=date(2020, 5, 1), language="en")).events == ()


def test_en_extract_place_named_but_unknown_keeps_the_event(real_pipeline) -> None:
    """A place the gazetteer does not know ("in Qwertyab district") is our reading's failure, not
    the text's: the event stays, at country level, so that its type is still reported."""
    text = "On 30 April 2020, pro-Houthi forces fired mortar shells at farms in Qwertyab district of Yemen."
    events = real_pipeline(Article(doc_id="c2", text=text, pub_date=date(2020, 5, 1), language="en")).events
    assert [(e.event_type, e.country) for e in events] == [("Explosions/Remote violence", "YEM")]


def test_id_extract_war_commentary_placed_only_in_countries_is_not_coded(real_pipeline) -> None:
    text = (
        "Korea Utara menyatakan kekhawatiran serius atas serangan militer Israel. "
        "Israel pada Jumat (13/6) lalu melancarkan serangan yang menargetkan program nuklir Iran."
    )
    assert real_pipeline(Article(doc_id="c3", text=text, pub_date=date(2025, 6, 19), language="id")).events == ()


def test_id_extract_headline_places_an_event_the_body_leaves_unplaced(real_pipeline) -> None:
    """A report written as a scene ("di lokasi, Senin ... massa ... berorasi") names its place only in
    the headline: "Ada Demo di Jakarta Pusat" places the protest the body tells."""
    text = "Di lokasi, Senin (20/10/2025) massa mahasiswa tiba sekitar pukul 14.00 WIB. Mereka berorasi beberapa menit."
    art = Article(doc_id="c4", text=text, title="Ada Demo Mahasiswa di Jakarta Pusat, Lalu Lintas Tersendat",
                  pub_date=date(2025, 10, 20), language="id")
    events = real_pipeline(art).events
    assert [(e.event_type, e.admin1) for e in events] == [("Protests", "Jakarta")]
    assert all(e.geo_precision in (1, 2) for e in events)


def test_id_extract_headline_place_of_another_kind_places_nothing(real_pipeline) -> None:
    """near miss: a headline about another kind of event ("Banjir di Jakarta Pusat") or with no event
    word says nothing of where the body's unplaced protest was."""
    text = "Di lokasi, Senin (20/10/2025) massa mahasiswa tiba sekitar pukul 14.00 WIB. Mereka berorasi beberapa menit."
    for title in ("Banjir Rendam Jakarta Pusat, Warga Mengungsi", "Jakarta Pusat Hari Ini"):
        art = Article(doc_id="c5", text=text, title=title, pub_date=date(2025, 10, 20), language="id")
        assert real_pipeline(art).events == ()


def test_id_extract_headline_place_is_not_lent_when_the_body_places_an_event(real_pipeline) -> None:
    """near miss: the body already places the headline's incident; another, unplaced mention of the
    kind ("Raqqa direbut ISIS pada awal 2014": sentence-initial, history) does not take the headline's
    place."""
    text = (
        "Pada Sabtu (17/6/2017), SDF menyebut para pejuangnya sudah menembus permukiman Bareed di sisi barat kota Raqqa.\\n\\n"
        "Raqqa direbut ISIS pada awal 2014 dan menjadi pusat pemerintahan kelompok itu di Suriah."
    ).replace("\\n", "\n")
    art = Article(doc_id="c6", text=text, title="Pasukan SDF Rangsek Masuk Empat Permukiman di Raqqa",
                  pub_date=date(2017, 6, 18), language="id")
    events = real_pipeline(art).events
    assert len(events) == 1 and "ISIS" not in (events[0].actor1 or "") and events[0].actor1 != "Islamic State"


def test_id_extract_unknown_site_lies_in_the_one_town_the_article_names(real_pipeline) -> None:
    """A dated hit on a site the gazetteer does not know ("menghantam Pusat Medis Zorvak") lies in
    the one town of that country the article places things in ("rumah sakit di Beersheba")."""
    text = (
        "Netanyahu berdiri di antara puing-puing rumah sakit di Beersheba, Israel.\n\n"
        "Salah satu rudal menghantam Pusat Medis Zorvak pada Kamis (19/6) pagi, melukai sekitar 80 orang."
    )
    events = real_pipeline(Article(doc_id="c7", text=text, pub_date=date(2025, 6, 20), language="id")).events
    assert [(e.sub_event_type, e.location, e.geo_precision) for e in events] == [
        ("Shelling/artillery/missile attack", "Beersheba", 1)]


def test_id_extract_unknown_site_with_two_towns_named_stays_unplaced(real_pipeline) -> None:
    """near miss: with two towns of the country named, which holds the site is unknown; the event keeps
    the country-level reading (and is kept only for its unread place)."""
    text = (
        "Warga di Beersheba dan di Haifa berlindung di bunker, Israel.\n\n"
        "Salah satu rudal menghantam Pusat Medis Zorvak pada Kamis (19/6) pagi, melukai sekitar 80 orang."
    )
    events = real_pipeline(Article(doc_id="c8", text=text, pub_date=date(2025, 6, 20), language="id")).events
    assert all(e.location not in ("Beersheba", "Haifa") for e in events)
