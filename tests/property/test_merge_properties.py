"""Properties of cross-article merging: order-independence and idempotence."""

from __future__ import annotations

from datetime import date, timedelta

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from pipeline_double import FakePipeline, event_line

from pantau.records import Article
from pantau.stages.merge_corpus import CorpusMerger, Report
from pantau.store.duckdb import Store

MERGER = CorpusMerger()
PLACES = [("Jayapura", -2.5333, 140.7), ("Abepura", -2.6, 140.63), ("Wamena", -4.1, 138.9)]
ACTORS = [("Military Forces of Indonesia", 1), ("TPNPB: West Papua National Liberation Army", 2),
          ("Unidentified Armed Group (Indonesia)", 3), ("Rioters (Indonesia)", 5)]

COUNTRY_LEVEL = ("Indonesia", -2.0, 118.0)  # no admin1: the sole-place rule's reports
REGION_LEVEL = ("Papua", -4.0, 138.0)  # geo precision 3 in its admin1: the same-named-region rule's reports
NEAR_PLACE = ("Entrop", -2.56, 140.70)  # 3 km from Jayapura: the near-place rule on dense or one-outlet days

report_spec = st.tuples(
    st.integers(0, 4),  # day offset
    st.sampled_from(PLACES),
    st.sampled_from(ACTORS),
    st.sampled_from([("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Riots", "Mob violence")]),
    st.integers(0, 12),
    st.integers(1, 2),  # time precision
)


def _reports(specs) -> list[Report]:
    out = []
    for i, (day, (loc, lat, lon), (actor, inter), (etype, sub), deaths, tp) in enumerate(specs):
        vague = loc == COUNTRY_LEVEL[0]
        out.append(Report(
            f"d{i}/r{i}", f"r{i:03d}", f"d{i}", etype, sub, actor, inter, None, None, "IDN", None if vague else "Papua",
            lat, lon, 3 if loc in (COUNTRY_LEVEL[0], REGION_LEVEL[0]) else 1, date(2020, 8, 1) + timedelta(days=day), tp, deaths,
            date(2020, 8, 1) + timedelta(days=day % 3), location=loc, publisher=f"p{i % 4}.test",
        ))
    return out


cluster_spec = st.tuples(
    st.integers(0, 4),
    st.sampled_from([*PLACES, COUNTRY_LEVEL, REGION_LEVEL, NEAR_PLACE]),
    st.sampled_from(ACTORS),
    st.sampled_from([("Battles", "Armed clash"), ("Violence against civilians", "Attack"), ("Riots", "Mob violence")]),
    st.integers(0, 12),
    st.integers(1, 3),  # time precision
)


@settings(max_examples=80, deadline=None)
@given(st.lists(cluster_spec, min_size=1, max_size=14), st.randoms(use_true_random=False))
def test_merge_property_clusters_do_not_depend_on_order(specs, rnd):
    reports = _reports(specs)
    shuffled = list(reports)
    rnd.shuffle(shuffled)
    assert MERGER.cluster(shuffled) == MERGER.cluster(reports)


TABLES = ("articles", "events", "event_sources", "reports", "event_links", "near_duplicates")


def _articles(specs) -> list[Article]:
    out = []
    for i, (day, (loc, lat, lon), (actor, inter), (etype, sub), deaths, _) in enumerate(specs):
        line = event_line(event_type=etype, sub=sub, actor1=actor, inter1=inter,
                          day=(date(2020, 8, 1) + timedelta(days=day)).isoformat(), location=loc, lat=lat, lon=lon,
                          fatalities=deaths)
        out.append(Article(f"d{i}", f"Judul {i}\n{line}Catatan nomor {i} tentang hal lain.\n", url=f"https://x.test/{i}",
                           publisher=f"p{i % 3}.test", pub_date=date(2020, 8, 1) + timedelta(days=day % 3)))
    return out


def _store_state(path, articles, batch: int) -> dict:
    pipeline = FakePipeline()
    with Store(path) as store:
        for start in range(0, len(articles), batch):
            store.write([pipeline(a) for a in articles[start : start + batch]], updated=1)
        return {t: store.table(t) for t in TABLES}


@settings(max_examples=5, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(report_spec, min_size=1, max_size=8), st.randoms(use_true_random=False), st.integers(1, 3))
def test_merge_property_store_same_events_whatever_the_article_order_and_batches(tmp_path_factory, specs, rnd, batch):
    articles = _articles(specs)
    shuffled = list(articles)
    rnd.shuffle(shuffled)
    one = _store_state(tmp_path_factory.mktemp("a") / "s.duckdb", articles, len(articles))
    other = _store_state(tmp_path_factory.mktemp("b") / "s.duckdb", shuffled, batch)
    assert one == other


@settings(max_examples=4, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(st.lists(report_spec, min_size=1, max_size=8))
def test_merge_property_extracting_twice_changes_nothing(tmp_path_factory, specs):
    articles = _articles(specs)
    path = tmp_path_factory.mktemp("c") / "s.duckdb"
    first = _store_state(path, articles, 3)
    assert _store_state(path, articles, 2) == first
