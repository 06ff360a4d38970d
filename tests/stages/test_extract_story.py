"""How an article's story dates and places its events (issue 4 item 3, issue 5's multi-report
incidents): the lead's own day, background that starts no story, one strike told twice, a
protest told "from X to Y", an address chain, a date told with another event."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.records import Article


def _events(pipeline, text: str, pub: date, lang: str = "id"):
    return pipeline(Article(doc_id="story", text=text, pub_date=pub, language=lang)).events


def test_id_undated_lead_event_takes_the_lead_day_not_the_publication_day(real_pipeline) -> None:
    """"Katz mengatakan pada Kamis (19/6) ... setelah RS Soroka melaporkan 40 orang terluka akibat
    serangan rudal Iran terbaru": the strike is Thursday's news, published on Friday."""
    text = (
        "Menteri Pertahanan Israel Israel Katz mengatakan pada Kamis (19/6/2025) bahwa Khamenei tidak bisa lagi "
        "dibiarkan hidup. Pernyataan Katz muncul setelah Rumah Sakit Soroka di Kota Beersheba, Israel selatan, "
        "melaporkan 40 orang terluka akibat serangan rudal Iran terbaru."
    )
    events = _events(real_pipeline, text, date(2025, 6, 20))
    assert [(e.sub_event_type, e.event_date) for e in events] == [("Shelling/artillery/missile attack", date(2025, 6, 19))]


def test_id_quoted_source_day_is_not_the_lead_day(real_pipeline) -> None:
    """"dilansir AFP, Minggu (19/10)" is when the source spoke: the undated lead protest keeps the
    publication day (Monday), not Sunday."""
    text = "Ribuan warga menggelar demo di Houston, dilansir AFP, Minggu (19/10/2025)."
    events = _events(real_pipeline, text, date(2025, 10, 20))
    assert [e.event_date for e in events] == [date(2025, 10, 20)]


def test_id_background_event_starts_no_story(real_pipeline) -> None:
    """An undated attack later in the article does not take the day of a background event
    ("Serangan Hamas pada 7 Oktober 2023 memicu perang")."""
    text = (
        "Di selatan Jalur Gaza, sebuah insiden serius dilaporkan terjadi di dekat pusat distribusi bantuan. "
        "Pernyataan itu belum bisa dipastikan. Jalur Gaza dikendalikan oleh Hamas. "
        "Serangan besar Hamas terhadap Israel pada tanggal 7 Oktober 2023 memicu pecahnya perang di Gaza. "
        "Saksi mata melaporkan bahwa warga ditembaki oleh tentara Israel di Kota Rafah."
    )
    events = _events(real_pipeline, text, date(2025, 6, 18))
    assert events and all(e.event_date is not None and e.event_date.year == 2025 for e in events)


def test_id_cross_border_attack_on_a_named_town_is_the_missile_strike_told_before(real_pipeline) -> None:
    """"mengunjungi area Beersheba usai serangan Iran pada Kamis": Iran's attack on an Israeli town
    is remote violence, the missile strike the article told before; one event, Thursday's."""
    text = (
        "Menteri itu berbicara setelah Rumah Sakit Soroka di kota Beersheba, Israel, dihantam rentetan rudal Iran "
        "hingga menyebabkan 40 orang luka-luka. "
        "Menurut dia, Khamenei memberikan perintah untuk menyerang rumah sakit di Israel tersebut. "
        "Netanyahu, saat dia mengunjungi area Beersheba usai serangan Iran pada Kamis (19/6), berbicara kepada wartawan."
    )
    events = _events(real_pipeline, text, date(2025, 6, 20))
    assert [(e.event_type, e.sub_event_type, e.event_date) for e in events] == [
        ("Explosions/Remote violence", "Shelling/artillery/missile attack", date(2025, 6, 19))
    ]


def test_id_reference_with_a_day_of_its_own_reports_the_incident(real_pipeline) -> None:
    """"Unjuk rasa itu dilakukan ... pada Senin (20/10)": "the protest" told with an occurrence word
    and its own day reports it, where the lead only named it."""
    text = (
        "Momen hangat terjadi saat personel kepolisian mengamankan aksi unjuk rasa mahasiswa. "
        "Unjuk rasa itu dilakukan oleh mahasiswa di Semarang pada Senin (20/10/2025)."
    )
    events = _events(real_pipeline, text, date(2025, 10, 20))
    assert [(e.event_type, e.location, e.event_date) for e in events] == [("Protests", "Semarang", date(2025, 10, 20))]


def test_id_protest_from_one_city_to_another_happened_in_both(real_pipeline) -> None:
    """"protes yang digelar dari New York hingga Los Angeles": one protest event at each end."""
    text = "Tujuh juta orang menghadiri protes yang digelar dari New York hingga Los Angeles pada Sabtu (18/10/2025)."
    events = _events(real_pipeline, text, date(2025, 10, 19))
    assert sorted((e.event_type, e.admin1, e.event_date) for e in events) == [
        ("Protests", "California", date(2025, 10, 18)),
        ("Protests", "New York", date(2025, 10, 18)),
    ]


def test_id_countries_at_the_ends_of_a_range_place_nothing(real_pipeline) -> None:
    text = "Bendera itu menjadi simbol demo yang digelar dari Peru hingga Madagaskar pada Sabtu (18/10/2025)."
    events = _events(real_pipeline, text, date(2025, 10, 19))
    assert len(events) <= 1


def test_id_date_told_with_another_event_is_not_the_arrests_day(real_pipeline) -> None:
    """"Penangkapan terjadi ..., menyusul serangan udara Israel ..., yang pada Jumat (13/6)": Friday
    is the air strike's day (the war's start), not the day of the arrests."""
    text = (
        "Polisi Iran menangkap lima orang yang diduga agen Mossad di Provinsi Lorestan. "
        "Penangkapan terjadi di tengah perang, menyusul serangan udara Israel terhadap fasilitas militer Iran, "
        "yang pada Jumat (13/6)."
    )
    events = _events(real_pipeline, text, date(2025, 6, 18))
    arrests = [e for e in events if e.sub_event_type == "Arrests"]
    assert arrests and all(e.event_date != date(2025, 6, 13) for e in arrests)


def test_id_unknown_landmark_address_goes_on_to_its_town(real_pipeline) -> None:
    """"di kawasan Patung Kuda, Jalan Medan Merdeka Selatan, Jakarta Pusat": the landmark is unknown,
    the address it opens ends in a district the gazetteer knows."""
    text = (
        "Massa mahasiswa yang menggelar demo di kawasan Patung Kuda, Jalan Medan Merdeka Selatan, Jakarta Pusat, "
        "membubarkan diri pada Senin (20/10/2025)."
    )
    events = _events(real_pipeline, text, date(2025, 10, 20))
    assert [(e.event_type, e.admin1) for e in events] == [("Protests", "Jakarta")]


def test_id_some_time_ago_is_background(real_pipeline) -> None:
    """"demonstrasi berujung ricuh beberapa waktu lalu": an undated past, not today's protest's violence."""
    text = (
        "Mahasiswa menggelar demonstrasi di Jalan Medan Merdeka Selatan, Jakarta Pusat, pada Senin (20/10/2025). "
        "Mereka menuntut pembebasan orang yang ditahan karena demonstrasi berujung ricuh beberapa waktu lalu."
    )
    events = _events(real_pipeline, text, date(2025, 10, 20))
    assert [(e.event_type, e.sub_event_type) for e in events] == [("Protests", "Peaceful protest")]


def test_id_scenario_headline_reports_no_event(real_pipeline) -> None:
    """"Skenario Perang Dunia III, Ngeri Jika Terjadi": the strikes the article describes are imagined."""
    text = "Rudal balistik Iran menghantam rumah sakit di Kota Beersheba, Israel, pada Sabtu (9/5/2020)."
    article = Article(doc_id="s1", text=text, title="Skenario Perang Dunia III, Ngeri Jika Terjadi",
                      pub_date=date(2020, 5, 10), language="id")
    assert real_pipeline(article).events == ()
    plain = Article(doc_id="s2", text=text, title="Iran Serang Israel", pub_date=date(2020, 5, 10), language="id")
    assert real_pipeline(plain).events != ()


def test_ms_scenario_headline_reports_no_event(real_pipeline) -> None:
    text = "Iran melancarkan serangan roket ke atas pangkalan udara Nevatim di Israel pada hari Sabtu."
    article = Article(doc_id="s3", text=text, title="Senario Perang Dunia Ketiga", pub_date=date(2020, 5, 10), language="ms")
    assert real_pipeline(article).events == ()


def test_ms_protest_from_one_city_to_another_happened_in_both(real_pipeline) -> None:
    text = "Ribuan orang menyertai demonstrasi yang diadakan dari Kuala Lumpur hingga Johor Bahru pada hari Sabtu."
    events = _events(real_pipeline, text, date(2020, 5, 10), lang="ms")
    assert sorted(e.location for e in events) == ["Johor Bahru", "Kuala Lumpur"]


def test_id_crowd_fight_in_a_crime_story_is_mob_violence(real_pipeline) -> None:
    """A "tawuran" told with suspects' initials and motives is still a fight between crowds (ACLED's
    mob violence), not the ordinary crime the crime-story rule drops."""
    text = (
        "Dua pemuda berinisial MZ dan AJ mengaku ikut tawuran di Jalan Palem, Jakarta Selatan, pada Minggu (3/5/2020) "
        "dini hari. Polisi menetapkan keduanya sebagai tersangka dan masih mendalami motif mereka."
    )
    events = _events(real_pipeline, text, date(2020, 5, 10))
    assert [(e.event_type, e.sub_event_type, e.event_date) for e in events] == [("Riots", "Mob violence", date(2020, 5, 3))]


def test_id_lead_event_told_as_done_again_is_not_the_earlier_dated_one(real_pipeline) -> None:
    """"Militer Israel kembali melancarkan serangan ke Teheran" in the lead is today's strike; the air
    strike "pada Jumat (13/6)" told further on is the earlier one it repeats: two events."""
    filler = "Ketegangan di kawasan itu terus meningkat. Para pemimpin dunia menyerukan dialog. Harga minyak naik. "
    later = "Seorang ilmuwan tewas dalam serangan udara Israel di Teheran pada Jumat (13/6/2025)."
    text = "Militer Israel kembali melancarkan serangan udara ke ibu kota Iran, Teheran. " + filler + later
    days = sorted(e.event_date for e in _events(real_pipeline, text, date(2025, 6, 16)))
    assert days == [date(2025, 6, 13), date(2025, 6, 16)]
    once = "Militer Israel melancarkan serangan udara ke ibu kota Iran, Teheran. " + filler + later
    assert [e.event_date for e in _events(real_pipeline, once, date(2025, 6, 16))] == [date(2025, 6, 13)]


def test_id_places_joined_by_dan_each_have_the_event(real_pipeline) -> None:
    """"ledakan dilaporkan terjadi di Tel Aviv dan Yerusalem": one locative for two places, an
    event at each (ACLED codes one event per place)."""
    text = "Pada Senin (16/6/2025), ledakan dilaporkan terjadi di Tel Aviv dan Yerusalem saat Iran melancarkan serangan rudal."
    events = _events(real_pipeline, text, date(2025, 6, 16))
    assert sorted(e.location for e in events) == ["Jerusalem", "Tel Aviv"]


def test_id_contrast_clause_tells_the_protest_in_another_city(real_pipeline) -> None:
    """"Di Houston, ... protes terbesar, sementara di Dallas, kerumunan ...": the contrast clause tells
    the same protest in a second city; a contrast with an event of its own does not."""
    text = (
        "Pada Sabtu (18/10/2025), di Houston, lebih dari 10.000 orang berkumpul dalam protes terbesar di negara "
        "bagian itu, sementara di Dallas, kerumunan diperkirakan 3.000 orang."
    )
    events = _events(real_pipeline, text, date(2025, 10, 19))
    assert sorted(e.location for e in events) == ["Dallas", "Houston"]
    text = (
        "Pada Sabtu (18/10/2025), di Houston, ribuan orang menggelar demo, sementara di Dallas, polisi menangkap "
        "tiga orang."
    )
    assert "Dallas" not in [e.location for e in _events(real_pipeline, text, date(2025, 10, 19)) if e.event_type == "Protests"]


def test_id_place_attacked_comes_before_a_bare_country(real_pipeline) -> None:
    """"Iran ... melancarkan serangan rudal ke kota Haifa, Israel": the strike is placed where it went,
    not at the bare country name of the attacker."""
    text = "Iran kembali mengguncang kawasan Timur Tengah dengan melancarkan serangan rudal ke kota Haifa, Israel, pada Minggu (15/6/2025)."
    events = _events(real_pipeline, text, date(2025, 6, 18))
    assert [(e.location, e.event_date) for e in events] == [("Haifa", date(2025, 6, 15))]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Puluhan warga tewas dalam serangan udara di Khan Younis pada Kamis (19/6). "
               "Pejabat setempat mengatakan 27 orang tewas dalam serangan udara tersebut."),
        ("ms", "Puluhan penduduk terbunuh dalam serangan udara di Khan Younis pada hari Khamis. "
               "Pegawai tempatan berkata 27 orang terbunuh dalam serangan udara tersebut."),
    ],
)
def test_id_ms_precise_toll_beats_a_vague_one(real_pipeline, lang: str, text: str) -> None:
    """A vague word's fixed number ('puluhan' = 10) is the toll only when no precise count is given."""
    events = _events(real_pipeline, text, date(2025, 6, 20), lang=lang)
    assert [e.fatalities for e in events] == [27]


def test_id_vague_toll_alone_takes_its_fixed_number(real_pipeline) -> None:
    events = _events(real_pipeline, "Belasan warga tewas dalam serangan udara di Khan Younis pada Kamis (19/6).", date(2025, 6, 20))
    assert [e.fatalities for e in events] == [11]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Militer Israel melancarkan serangan udara ke Teheran pada Rabu (18/6/2025). "
               "Sebuah ledakan keras terdengar di Teheran pada Rabu (18/6/2025)."),
        ("ms", "Tentera Israel melancarkan serangan udara ke atas Teheran pada hari Rabu. "
               "Satu letupan kuat kedengaran di Teheran pada hari Rabu."),
    ],
)
def test_id_ms_unnamed_explosion_beside_a_state_strike_is_that_strike(real_pipeline, lang: str, text: str) -> None:
    """An explosion heard on the day and in the country of a state's air strike is part of it."""
    events = _events(real_pipeline, text, date(2025, 6, 18), lang=lang)
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Air/drone strike", "Military Forces of Israel")]


def test_id_explosion_dated_apart_from_the_strike_stays_apart(real_pipeline) -> None:
    text = (
        "Militer Israel melancarkan serangan udara ke Teheran pada Rabu (18/6/2025). "
        "Pada Senin (2/6/2025), sebuah ledakan menewaskan dua orang di Tabriz."
    )
    events = _events(real_pipeline, text, date(2025, 6, 18))
    assert ("Remote explosive/landmine/IED", "Tabriz") in [(e.sub_event_type, e.location) for e in events]


@pytest.mark.parametrize(
    ("lang", "title", "text"),
    [
        ("id", "19 Juni 1975: Pembunuhan di Sebuah Rumah Mewah",
         "Seorang bangsawan menembak mati pengasuh anaknya di Kota Bandung pada Kamis (19/6/1975) malam."),
        ("ms", "19 Jun 1975: Pembunuhan di Sebuah Rumah Mewah",
         "Seorang bangsawan menembak mati pengasuh anaknya di Kuala Lumpur pada 19 Jun 1975."),
    ],
)
def test_id_ms_on_this_day_headline_reports_no_event(real_pipeline, lang: str, title: str, text: str) -> None:
    """A headline opening with a day decades before publication heads a history piece."""
    article = Article(doc_id="h1", text=text, title=title, pub_date=date(2025, 6, 19), language=lang)
    assert real_pipeline(article).events == ()
    fresh = Article(doc_id="h2", text=text.replace("1975", "2025"), title=title.replace("1975", "2025"),
                    pub_date=date(2025, 6, 19), language=lang)
    assert real_pipeline(fresh).events


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Seorang suami berinisial JN membunuh istrinya di sebuah rumah kontrakan di Ciputat. "
               "Motif pembunuhan diduga cemburu. Kini tersangka JN sudah ditahan oleh Polri di Ciputat pada Rabu (18/6/2025)."),
        ("ms", "Seorang suami berinisial JN membunuh isterinya di sebuah rumah sewa di Ampang. "
               "Motif pembunuhan dipercayai cemburu. Kini suspek JN sudah ditahan oleh PDRM di Ampang pada hari Rabu."),
    ],
)
def test_id_ms_police_arrest_in_a_crime_story_is_crime(real_pipeline, lang: str, text: str) -> None:
    """In a story of ordinary crime, the arrest of the suspect by the (named) police is crime too."""
    assert _events(real_pipeline, text, date(2025, 6, 19), lang=lang) == ()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Negara itu kini memperluas konflik di Gaza dengan 'adu tembak' melawan tetangganya pada Kamis (19/6/2025)."),
        ("ms", "Negara itu kini meluaskan konflik di Gaza dengan 'berbalas tembakan' menentang jirannya pada hari Khamis."),
    ],
)
def test_id_ms_scare_quoted_trigger_is_a_figure_of_speech(real_pipeline, lang: str, text: str) -> None:
    """Quote marks around a short phrase with the trigger ("'adu tembak'") mark a word used loosely."""
    assert _events(real_pipeline, text, date(2025, 6, 19), lang=lang) == ()
    plain = text.replace("'", "")
    assert _events(real_pipeline, plain, date(2025, 6, 19), lang=lang)


@pytest.mark.parametrize(("lang", "title"), [("id", "Sinopsis dan Link Streaming Film Aksi Malam Ini"), ("ms", "Sinopsis Filem Aksi, Streaming Malam Ini")])
def test_id_ms_film_or_stream_headline_reports_no_event(real_pipeline, lang: str, title: str) -> None:
    """A film synopsis or a stream announcement replays a plot: 'teroris menyerang Gedung Putih' is fiction."""
    text = "Sekelompok teroris menyerang dan menguasai Gedung Putih di Washington pada Sabtu (9/5/2020)."
    article = Article(doc_id="f1", text=text, title=title, pub_date=date(2020, 5, 10), language=lang)
    assert real_pipeline(article).events == ()


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Pada Jumat (6/6/2025), sebanyak 33 warga tewas dalam serangan udara dan penembakan Israel di Khan Younis."),
        ("ms", "Pada hari Jumaat, seramai 33 penduduk terbunuh dalam serangan udara dan tembakan Israel di Khan Younis."),
    ],
)
def test_id_ms_coordinated_nouns_share_the_possessor(real_pipeline, lang: str, text: str) -> None:
    """'serangan udara dan penembakan Israel': Israel's air strikes too."""
    events = _events(real_pipeline, text, date(2025, 6, 7), lang=lang)
    assert [(e.sub_event_type, e.actor1) for e in events] == [("Air/drone strike", "Military Forces of Israel")]


@pytest.mark.parametrize(
    ("lang", "text"),
    [
        ("id", "Setidaknya 17 warga tewas pada Sabtu (7/6/2025) akibat serangan udara dan tembakan pasukan Israel "
               "di wilayah selatan Jalur Gaza. Sumber setempat menyebutkan 12 orang tewas akibat tembakan Israel di Khan Younis."),
        ("ms", "Sekurang-kurangnya 17 penduduk terbunuh pada hari Sabtu akibat serangan udara dan tembakan tentera Israel "
               "di selatan Semenanjung Gaza. Sumber tempatan berkata 12 orang terbunuh akibat tembakan Israel di Khan Younis."),
    ],
)
def test_id_ms_later_detail_of_an_act_told_together_is_the_same_incident(real_pipeline, lang: str, text: str) -> None:
    """'serangan udara dan tembakan' then '12 tewas akibat tembakan ... di Khan Younis': the same
    incident told in detail -- one event, at the finer place, with the lowest credible toll."""
    events = _events(real_pipeline, text, date(2025, 6, 7), lang=lang)
    assert [(e.sub_event_type, e.location, e.fatalities) for e in events] == [("Air/drone strike", "Khan Yunis", 12)]


def test_id_strike_on_a_church_told_days_later_takes_the_day_it_names(real_pipeline) -> None:
    """'pascaserangan mematikan dari militer Israel terhadap sebuah gereja ... di Gaza': the Israeli
    military struck a building from afar ('dari' + forces is who did it; the church is within reach
    of the trigger); 'setelah serangan pada Kamis' beside the Prime Minister of Israel (a title, not
    a place) dates that strike."""
    text = (
        "Pernyataan itu dilontarkan beberapa hari pascaserangan mematikan dari militer Israel terhadap sebuah gereja Katolik di Gaza. "
        "Sehari sebelumnya, Paus sempat menghubungi Perdana Menteri Israel melalui telepon setelah serangan pada Kamis (17/7/2025)."
    )
    events = _events(real_pipeline, text, date(2025, 7, 20))
    assert [(e.event_type, e.actor1, e.location, e.event_date) for e in events] == [
        ("Explosions/Remote violence", "Military Forces of Israel", "Gaza City", date(2025, 7, 17))
    ]


def test_ms_attack_from_forces_names_the_attacker(real_pipeline) -> None:
    text = "Serangan maut dari tentera Israel terhadap sebuah sekolah di Khan Younis berlaku pada hari Khamis."
    events = _events(real_pipeline, text, date(2025, 7, 18), lang="ms")
    assert [e.actor1 for e in events] == ["Military Forces of Israel"]


def test_id_one_of_a_states_missiles_is_that_states(real_pipeline) -> None:
    """"Iran meluncurkan lebih dari 450 rudal ... Salah satu rudal menghantam Haifa pada Kamis": the count of
    the weapon stands between the country and its noun trigger, and the later missile with no attacker, on
    the strike's day and in its country, is one of that state's (same weapon: the strike's sub-type)."""
    text = (
        "Sebagai balasan, Iran meluncurkan lebih dari 450 rudal ke berbagai kota di Israel. "
        "Salah satu rudal menghantam pelabuhan di Haifa pada Kamis (19/6) pagi, melukai 20 orang."
    )
    events = _events(real_pipeline, text, date(2025, 6, 20))
    assert [(e.sub_event_type, e.location, e.actor1) for e in events] == [
        ("Shelling/artillery/missile attack", "Haifa", "Military Forces of Iran")]


def test_id_missile_of_another_weapon_than_the_strike_keeps_no_attacker(real_pipeline) -> None:
    """near miss: beside a state's air strike, a missile told with no attacker is not that strike's
    (another weapon: a missile is not a warplane's bomb)."""
    text = (
        "Militer Israel melancarkan serangan udara ke Teheran pada Kamis (19/6/2025). "
        "Sebuah rudal menghantam pelabuhan di Haifa pada Kamis (19/6/2025) pagi, melukai 20 orang."
    )
    events = _events(real_pipeline, text, date(2025, 6, 20))
    assert ("Haifa", "Military Forces of Israel") not in [(e.location, e.actor1) for e in events]


def test_en_event_without_any_country_is_counted_as_a_drop(real_pipeline) -> None:
    """An event whose place is unknown and whose text names no country cannot take a generic
    actor; it is dropped, and the drop is counted (it vanished without a reason before)."""
    text = "On 5 April 2020, protesters gathered in Zulbakhtiwan to demand the payment of salaries."
    extractor = real_pipeline.extractor("en")
    before = extractor.stats.dropped["no_country"]
    assert _events(real_pipeline, text, date(2020, 4, 6), lang="en") == ()
    assert extractor.stats.dropped["no_country"] == before + 1
