"""A stand-in for ``pantau.pipeline.Pipeline`` used by store, export, CLI and runner tests.

It codes events from lines written in a tiny test language, so those tests do not
depend on the extraction stages:

    EVENT|<event_type>|<sub_event_type>|<actor1>|<inter1>|<YYYY-MM-DD or ->|<location>|<lat>|<lon>|<fatalities>[|<actor2>|<inter2>]

A text containing CRASH raises; one containing SKIP is skipped for its language.
"""

from __future__ import annotations

import hashlib
from datetime import date

from pantau.pipeline import ArticleResult, Settings
from pantau.records import Article, Event, Source, Span


class FakePipeline:
    def __init__(self, settings: Settings | None = None) -> None:
        self.settings = settings or Settings()

    def __call__(self, article: Article) -> ArticleResult:
        if "CRASH" in article.text:
            raise RuntimeError(f"boom in {article.doc_id}")
        if "SKIP" in article.text:
            return ArticleResult(article, None, skipped="language 'xx' has no pack")
        events = []
        offset = 0
        for line in article.text.splitlines(keepends=True):
            start, offset = offset, offset + len(line)
            if not line.startswith("EVENT|"):
                continue
            f = line.strip().split("|")[1:]
            day = None if f[4] == "-" else date.fromisoformat(f[4])
            event_id = hashlib.sha1(f"{article.doc_id}:{start}".encode()).hexdigest()[:16]
            events.append(
                Event(
                    event_id=event_id, event_type=f[0], sub_event_type=f[1], actor1=f[2], inter1=int(f[3]),
                    country="IDN", location=f[5], latitude=float(f[6]), longitude=float(f[7]),
                    geo_precision=1, event_date=day, time_precision=1 if day else None,
                    fatalities=int(f[8]),
                    actor2=f[9] if len(f) > 9 else None, inter2=int(f[10]) if len(f) > 10 else None,
                    admin1="Papua", notes=f"{f[1]} in {f[5]}",
                    sources=(Source(article.doc_id, article.url, article.publisher, article.pub_date,
                                    (Span(start, start + len(line.rstrip("\n"))),)),),
                    confidence=0.9, language="id",
                )
            )
        return ArticleResult(article, None, tuple(events))


def event_line(event_type="Battles", sub="Armed clash", actor1="Military Forces of Indonesia", inter1=1,
               day="2020-08-01", location="Jayapura", lat=-2.5333, lon=140.7, fatalities=2,
               actor2=None, inter2=None) -> str:
    parts = [event_type, sub, actor1, str(inter1), day, location, str(lat), str(lon), str(fatalities)]
    if actor2:
        parts += [actor2, str(inter2)]
    return "EVENT|" + "|".join(parts) + "\n"
