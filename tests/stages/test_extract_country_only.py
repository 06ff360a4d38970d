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
