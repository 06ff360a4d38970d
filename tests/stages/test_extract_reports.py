"""Reports of one strike told the way other reports of it are (issue 5, multi-report incidents):
a weapon's hit told with "terkena", a strike that "targeted" a town, a bomblet whose attacker a
quoted mention names, a hit site the gazetteer does not know in the one town the article names."""

from __future__ import annotations

from datetime import date

from pantau.records import Article


def _events(pipeline, text: str, pub: date = date(2020, 5, 8)):
    return pipeline(Article(doc_id="report", text=text, pub_date=pub, language="id")).events


def _coded(events):
    return [(e.sub_event_type, e.actor1, e.location) for e in events]


def test_id_confirmed_strike_that_targeted_a_town_is_placed_there(real_pipeline) -> None:
    """"Militer Israel mengonfirmasi bahwa serangan udara ... menargetkan Teheran dan sejumlah
    wilayah lain di Iran": a confirmed strike happened, and the town it targeted, not the country
    of the wider area, is where it struck."""
    lead = "Pada Kamis (7/5/2020), militer Israel memperingatkan warga sipil untuk mengungsi. "
    told = "serangan udara pada hari itu menargetkan Teheran dan sejumlah wilayah lain di Iran."
    assert _coded(_events(real_pipeline, lead + "Militer Israel mengonfirmasi bahwa " + told)) == [
        ("Air/drone strike", "Military Forces of Israel", "Tehran")
    ]
    assert _events(real_pipeline, lead + "Militer Israel belum mengonfirmasi bahwa " + told) == ()
    # a target named by a common noun only is commentary on the war, confirmed or not
    assert _events(real_pipeline, lead + "Serangan Israel kini menargetkan tidak hanya target militer.") == ()


def test_id_bomblet_hit_takes_the_attacker_its_quoted_launch_names(real_pipeline) -> None:
    """A quoted launch ("militer Iran menembakkan rudal berisi bom-bom kecil", support only) names
    the attacker of the bomblet hit the next sentence places."""
    text = (
        '"Hari ini, militer Iran menembakkan sebuah rudal berisi bom-bom kecil ke Israel," kata kedutaan '
        "pada Kamis (7/5/2020). Satu bom kecil menghantam sebuah rumah di Kota Azor."
    )
    assert _coded(_events(real_pipeline, text)) == [("Shelling/artillery/missile attack", "Military Forces of Iran", "Azor")]


def test_id_hit_site_without_a_day_lies_in_the_one_town_named(real_pipeline) -> None:
    """"Rumah Sakit Soroka, yang beberapa jam sebelumnya terkena hantaman rudal balistik Iran": a
    hit (terkena) reports the strike; the hospital, unknown to the gazetteer, lies in the one town
    the article names (Beersheba), though the strike has only a relative day."""
    text = (
        "Di Beersheba, perdana menteri pada Kamis (7/5/2020) mengunjungi Rumah Sakit Soroka. Rumah sakit itu "
        "beberapa jam sebelumnya terkena hantaman langsung dari rudal balistik Iran."
    )
    assert _coded(_events(real_pipeline, text)) == [("Shelling/artillery/missile attack", "Military Forces of Iran", "Beersheba")]


def test_id_weapon_hit_told_with_terkena_founds_an_event(real_pipeline) -> None:
    """"terkena hantaman rudal" (was hit by a missile) tells that the strike happened; "terkena
    dampak perang" (affected by the war) does not."""
    from pantau.stages.frames import FrameBuilder
    from pantau.records import Sentence

    builder = FrameBuilder(real_pipeline.extractor("id").finder)

    def status(text: str) -> list[str]:
        return [f.status for f in builder.build(text, Sentence(0, 0, len(text), text))]

    assert "event" in status("Gedung itu terkena hantaman rudal balistik.")
    assert "event" not in status("Gedung itu terkena dampak serangan rudal.")


def test_pipeline_result_notes_say_why_mentions_were_not_coded(real_pipeline) -> None:
    """A clash the text places only in a country is not coded (events.md: no place coarser than
    a region); the run's summary counts it by reason instead of losing it silently."""
    from pantau.pipeline import DROPPED_NOTE

    text = "Pasukan Irak bentrok dengan militan ISIS di Suriah pada Rabu (29/7/2020), menewaskan tiga militan."
    result = real_pipeline(Article(doc_id="n1", text=text, pub_date=date(2020, 7, 30), language="id"))
    assert result.events == ()
    assert f"{DROPPED_NOTE}country_only" in result.notes
    coded = real_pipeline(Article(doc_id="n2", text=text.replace("di Suriah", "di kota Raqqa"), pub_date=date(2020, 7, 30), language="id"))
    assert coded.events and not any(n.startswith(DROPPED_NOTE) for n in coded.notes)
