"""A small event store the serve tests build themselves (through Store).

The article texts are invented for these tests; each event's spans point at the
sentences written for it, so highlighting can be checked exactly.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from datetime import date, timedelta
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import duckdb

from pantau.pipeline import ArticleResult
from pantau.records import Article, Event, Source, Span
from pantau.store.duckdb import Store

# Values the synthetic store uses (below), from which random views are drawn.
SYN_COUNTRIES = ("IDN", "PHL", "NGA", "SYR", "IRQ", "AFG", "MMR", "FRA")
SYN_TYPES = ("Battles", "Riots", "Protests", "Violence against civilians", "Explosions/Remote violence",
             "Strategic developments")
SYN_SUBTYPES = ("Armed clash", "Mob violence", "Peaceful protest", "Attack", "Air/drone strike", "Arrests")
SYN_ACTORS = ("police", "Rebels 1", "military forces 3", "civilians", "protesters 2", "rioters 39", "nobody")
SYN_TERMS = ("town 12", "clashed", "Synthetic event 77", "fighters near town 3", "POLICE", "event 4", "report 9", "zebra")
SORTS = ("event_date", "fatalities", "confidence", "event_type", "sub_event_type", "country", "admin1", "location",
         "actor1", "actor2", "event_id")

# doc_id, language, publisher, pub_date, title, sentences
ARTICLES: tuple[tuple[str, str, str, date, str, tuple[str, ...]], ...] = (
    ("wamena", "en", "Highland Post", date(2021, 3, 2), "Clash near Wamena", (
        "Soldiers and fighters of an armed group clashed near Wamena on Monday, leaving three people dead.",
        "Two days later gunmen attacked a kiosk owner on the road to the airport.",
        "Schools in the district stayed closed.",
    )),
    ("jakarta", "id", "Warta Ibu Kota", date(2021, 4, 11), "Unjuk rasa di Jakarta", (
        "Ribuan buruh berunjuk rasa dengan damai di depan gedung DPR pada Sabtu.",
        "Keesokan harinya massa melempari polisi dengan batu dan membakar pos jaga.",
        "Polisi menyebut situasi kini terkendali.",
    )),
    ("makassar", "id", "Kabar Celebes", date(2021, 3, 28), "Bom di Makassar", (
        "Dua pelaku bom bunuh diri tewas di depan gereja di Makassar pada Minggu pagi.",
        "Belasan jemaat terluka akibat ledakan itu.",
    )),
    ("aceh", "id", "Serambi Warta", date(2021, 5, 3), "Penangkapan di Banda Aceh", (
        "Densus menangkap lima terduga anggota jaringan teror di Banda Aceh.",
    )),
    ("anbar", "en", "Desert Wire", date(2020, 11, 21), "Roadside bomb in Ramadi", (
        "A roadside bomb planted by Islamic State militants killed five Iraqi soldiers near Ramadi.",
    )),
    ("borno", "en", "Lake Chad Times", date(2020, 11, 29), "Farmers killed in Borno", (
        "Insurgents killed forty rice farmers in fields outside Maiduguri on Saturday.",
        "Survivors said the attackers arrived on motorcycles.",
    )),
    ("raqqa", "en", "Euphrates Daily", date(2020, 12, 6), "Fighting near Raqqa", (
        "Fighters of the SDF clashed with Islamic State cells east of Raqqa, leaving seven dead.",
    )),
    ("intan", "id", "Suara Pegunungan", date(2021, 4, 26), "Kontak tembak di Intan Jaya", (
        "Seorang perwira tewas dalam kontak tembak dengan kelompok bersenjata di Intan Jaya.",
        "Warga Beoga diminta tetap waspada.",
    )),
    ("intan2", "en", "Highland Post", date(2021, 4, 26), "Officer killed in Intan Jaya", (
        "An army officer was killed in a firefight with an armed group in Intan Jaya.",
    )),
    ("talks", "en", "Highland Post", date(2021, 6, 2), "Talks agreed", (
        "Leaders agreed to hold talks next month, an official said without naming a venue.",
    )),
)


@dataclass(frozen=True)
class Spec:
    """One event: where it happened and which sentences (doc_id, index) support it."""

    event_id: str
    event_type: str
    sub_event_type: str
    actor1: str
    inter1: int
    day: date | None
    country: str | None
    admin1: str | None
    location: str | None
    lat: float | None
    lon: float | None
    fatalities: int
    support: tuple[tuple[str, int], ...]
    actor2: str | None = None
    inter2: int | None = None
    confidence: float = 0.7


SPECS: tuple[Spec, ...] = (
    Spec("ev01", "Battles", "Armed clash", "Military Forces of Indonesia", 1, date(2021, 3, 1), "IDN", "Papua Pegunungan",
         "Wamena", -4.0955, 138.9446, 3, (("wamena", 0),), "TPNPB: West Papua National Liberation Army", 2, 0.85),
    Spec("ev02", "Violence against civilians", "Attack", "TPNPB: West Papua National Liberation Army", 2, date(2021, 3, 3),
         "IDN", "Papua Pegunungan", "Wamena", -4.0955, 138.9446, 0, (("wamena", 1),), "Civilians (Indonesia)", 7, 0.6),
    Spec("ev03", "Protests", "Peaceful protest", "Protesters (Indonesia)", 6, date(2021, 4, 10), "IDN", "Jakarta Raya",
         "Jakarta", -6.2146, 106.8451, 0, (("jakarta", 0),), None, None, 0.9),
    Spec("ev04", "Riots", "Violent demonstration", "Rioters (Indonesia)", 5, date(2021, 4, 11), "IDN", "Jakarta Raya",
         "Jakarta", -6.2146, 106.8451, 0, (("jakarta", 1),), "Police Forces of Indonesia", 1, 0.75),
    Spec("ev05", "Explosions/Remote violence", "Suicide bomb", "JAD: Jamaah Ansharut Daulah", 2, date(2021, 3, 28), "IDN",
         "Sulawesi Selatan", "Makassar", -5.1477, 119.4327, 2, (("makassar", 0), ("makassar", 1)), "Civilians (Indonesia)", 7, 0.8),
    Spec("ev06", "Strategic developments", "Arrests", "Police Forces of Indonesia", 1, date(2021, 5, 2), "IDN", "Aceh",
         "Banda Aceh", 5.5483, 95.3238, 0, (("aceh", 0),), None, None, 0.5),
    Spec("ev07", "Explosions/Remote violence", "Remote explosive/landmine/IED", "Islamic State (Iraq)", 2, date(2020, 11, 20),
         "IRQ", "Al Anbar", "Ramadi", 33.4258, 43.2992, 5, (("anbar", 0),), "Military Forces of Iraq", 1, 0.8),
    Spec("ev08", "Violence against civilians", "Attack", "Boko Haram", 2, date(2020, 11, 28), "NGA", "Borno", "Maiduguri",
         11.8464, 13.1603, 40, (("borno", 0),), "Civilians (Nigeria)", 7, 0.9),
    Spec("ev09", "Battles", "Armed clash", "SDF: Syrian Democratic Forces", 2, date(2020, 12, 5), "SYR", "Ar-Raqqa", "Raqqa",
         35.9528, 39.0079, 7, (("raqqa", 0),), "Islamic State (Syria)", 2, 0.7),
    Spec("ev10", "Battles", "Armed clash", "Military Forces of Indonesia", 1, date(2021, 4, 25), "IDN", "Papua Tengah",
         "Intan Jaya", -3.5077, 136.7478, 1, (("intan", 0), ("intan2", 0)), "TPNPB: West Papua National Liberation Army", 2, 0.8),
    Spec("ev11", "Strategic developments", "Agreement", "Government of Indonesia", 1, date(2021, 6, 1), "IDN", None, None,
         None, None, 0, (("talks", 0),), None, None, 0.4),
    Spec("ev12", "Strategic developments", "Other", "Government of Indonesia", 1, None, "IDN", "Papua Tengah", "Beoga",
         -3.8167, 137.4333, 0, (("intan", 1),), None, None, 0.3),
)


def article_text(title: str, sentences: tuple[str, ...]) -> tuple[str, list[Span]]:
    """The article text (title line, then one sentence per line) and each sentence's span."""
    text, spans = title + "\n", []
    for sentence in sentences:
        spans.append(Span(len(text), len(text) + len(sentence)))
        text += sentence + "\n"
    return text, spans


def build_store(path: Path, specs: tuple[Spec, ...] = SPECS, *, updated: int = 1_700_000_000) -> Path:
    """Write the test articles and ``specs`` through Store, one ArticleResult per article."""
    articles, spans = {}, {}
    for doc_id, lang, publisher, pub_date, title, sentences in ARTICLES:
        text, doc_spans = article_text(title, sentences)
        articles[doc_id] = Article(doc_id, text, title=title, url=f"https://news.test/{doc_id}", publisher=publisher,
                                   pub_date=pub_date, language=lang, origin=f"{doc_id}.txt")
        spans[doc_id] = doc_spans
    by_doc: dict[str, list[Event]] = {doc_id: [] for doc_id in articles}
    for spec in specs:
        docs = list(dict.fromkeys(doc for doc, _ in spec.support))
        sources = tuple(
            Source(doc, articles[doc].url, articles[doc].publisher, articles[doc].pub_date,
                   tuple(spans[doc][i] for d, i in spec.support if d == doc))
            for doc in docs
        )
        event = Event(
            event_id=spec.event_id, event_type=spec.event_type, sub_event_type=spec.sub_event_type, actor1=spec.actor1,
            inter1=spec.inter1, country=spec.country, location=spec.location, latitude=spec.lat, longitude=spec.lon,
            geo_precision=None if spec.lat is None else 1, event_date=spec.day, time_precision=None if spec.day is None else 1,
            actor2=spec.actor2, inter2=spec.inter2, admin1=spec.admin1, fatalities=spec.fatalities,
            notes=f"{spec.sub_event_type} at {spec.location or 'an unnamed place'}", sources=sources,
            confidence=spec.confidence, language=articles[docs[0]].language,
        )
        for doc in docs:
            by_doc[doc].append(event)
    results = [ArticleResult(articles[d], None, tuple(events)) for d, events in by_doc.items()]
    with Store(path) as store:
        store.write(results, updated=updated)
    return path


def synthetic_store(path: Path, events: int = 100_000) -> Path:
    """``events`` events with one source each, in the store's own schema (made by Store)."""
    Store(path).close()
    con = duckdb.connect(str(path))
    try:
        con.execute("BEGIN TRANSACTION")
        con.execute(
            "INSERT INTO articles (doc_id, url, title, publisher, pub_date, language, origin, text, text_sha256, skipped) SELECT 'doc' || i, 'https://news.test/' || i, 'Report ' || i, 'Test Wire', "
            "DATE '2020-01-01' + (i * 7 % 1460)::INTEGER, 'en', 'synthetic', "
            "'Report ' || i || E'\\nSoldiers and police clashed with fighters near town ' || (i % 900) || '.\\n', "
            "'x', NULL FROM range(?) t(i)",
            [events],
        )
        con.execute(
            "INSERT INTO events (event_id, event_date, time_precision, event_type, sub_event_type, actor1, inter1, actor2, "
            "inter2, country, admin1, admin2, location, latitude, longitude, geo_precision, fatalities, notes, confidence, "
            "language, digest, updated) SELECT 'ev' || lpad(i::VARCHAR, 6, '0'), DATE '2020-01-01' + (i * 7 % 1460)::INTEGER, 1, "
            "(['Battles', 'Riots', 'Protests', 'Violence against civilians', 'Explosions/Remote violence', "
            "'Strategic developments'])[1 + i % 6], "
            "(['Armed clash', 'Mob violence', 'Peaceful protest', 'Attack', 'Air/drone strike', 'Arrests'])[1 + i % 6], "
            "(['Military Forces', 'Police Forces', 'Rebels', 'Rioters', 'Protesters'])[1 + (i // 6) % 5] || ' ' || (i % 40), "
            "1 + (i // 6) % 5, CASE WHEN i % 3 = 0 THEN NULL ELSE 'Civilians' END, CASE WHEN i % 3 = 0 THEN NULL ELSE 7 END, "
            "(['IDN', 'PHL', 'NGA', 'SYR', 'IRQ', 'AFG', 'MMR'])[1 + (i // 11) % 7], 'Region ' || (i % 30), NULL, "
            "'Town ' || (i % 900), -10 + (i * 37 % 2000) / 100.0, 95 + (i * 53 % 4600) / 100.0, 2, "
            "(i * 13) % 25, 'Synthetic event ' || i, 0.3 + (i % 7) / 10.0, 'en', 'd', 1700000000 FROM range(?) t(i)",
            [events],
        )
        con.execute(
            "INSERT INTO event_sources (event_id, doc_id, url, publisher, pub_date, spans) SELECT 'ev' || lpad(i::VARCHAR, 6, '0'), 'doc' || i, 'https://news.test/' || i, "
            "'Test Wire', NULL, [[length('Report ' || i) + 1, length('Report ' || i) + 60]] FROM range(?) t(i)",
            [events],
        )
        con.execute("COMMIT")
        con.execute("CHECKPOINT")
    finally:
        con.close()
    return path


def random_view(rng: random.Random) -> dict[str, Any]:
    """A filtered, sorted page an analyst might ask the synthetic store for: 1 to 4 filters drawn at random."""
    view: dict[str, Any] = {}
    kinds = ["country", "event_type", "sub_event_type", "admin1", "actor", "dates", "min_fatalities",
             "min_confidence", "q", "bbox"]
    for kind in rng.sample(kinds, rng.randint(1, 4)):
        if kind == "country":
            view["country"] = tuple(rng.sample(SYN_COUNTRIES, rng.randint(1, 2)))
        elif kind == "event_type":
            view["event_type"] = tuple(rng.sample(SYN_TYPES, rng.randint(1, 2)))
        elif kind == "sub_event_type":
            view["sub_event_type"] = (rng.choice(SYN_SUBTYPES),)
        elif kind == "admin1":
            view["admin1"] = tuple(f"Region {rng.randrange(32)}" for _ in range(rng.randint(1, 3)))
        elif kind == "actor":
            view["actor"] = rng.choice(SYN_ACTORS)
        elif kind == "dates":
            start = date(2019, 12, 1) + timedelta(days=rng.randrange(1500))
            end = start + timedelta(days=rng.randint(0, 400))
            which = rng.random()
            if which < 0.8:
                view["date_from"] = start
            if which > 0.2:
                view["date_to"] = end
        elif kind == "min_fatalities":
            view["min_fatalities"] = rng.randint(0, 25)
        elif kind == "min_confidence":
            view["min_confidence"] = round(rng.uniform(0.0, 1.0), 2)
        elif kind == "q":
            view["q"] = rng.choice(SYN_TERMS)
        else:
            lon, lat = rng.uniform(94, 140), rng.uniform(-11, 9)
            view["bbox"] = (round(lon, 2), round(lat, 2), round(lon + rng.uniform(1, 30), 2), round(lat + rng.uniform(1, 10), 2))
    column = rng.choice(SORTS)
    view["sort"] = column if rng.random() < 0.5 else f"-{column}"
    view["page"] = rng.choice((1, 1, 1, 2, 3, 5))
    view["page_size"] = rng.choice((10, 20, 50, 100))
    return view


def view_query(view: dict[str, Any]) -> str:
    """The view as /api/events query parameters."""
    params: list[tuple[str, str]] = []
    for name, value in view.items():
        if name == "bbox":
            params.append((name, ",".join(str(v) for v in value)))
        elif isinstance(value, tuple):
            params += [(name, str(v)) for v in value]
        else:
            params.append((name, str(value)))
    return urlencode(params)
