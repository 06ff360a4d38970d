"""Merge rules of knowledge/merge_rules.toml added for issue 5's recall work: the date window by both
time precisions, country-level reports (the sole-place rule), places without an admin1, and the refusal
names that tools/eval_merge.py counts."""

from __future__ import annotations

from datetime import date, timedelta

import pytest
from tooling import load_tool

from pantau.records import Event, Source, Span
from pantau.stages.merge_corpus import CorpusMerger, Report, country_only

TPNPB = "TPNPB: West Papua National Liberation Army"
ARMY = "Military Forces of Indonesia"
POLICE = "Police Forces of Indonesia"
DAY = date(2024, 3, 11)


def _event(event_id: str, doc_id: str, **kw) -> Event:
    base = dict(
        event_id=event_id, event_type="Battles", sub_event_type="Armed clash", actor1=TPNPB, inter1=2,
        actor2=ARMY, inter2=1, country="IDN", location="Beoga", latitude=-3.83, longitude=137.43,
        geo_precision=1, event_date=DAY, time_precision=1, admin1="Central Papua", fatalities=2,
        sources=(Source(doc_id, f"https://x.test/{doc_id}", kw.pop("publisher", f"{doc_id}.test"),
                        kw.pop("pub", date(2024, 3, 12)), (Span(0, 10),)),),
        confidence=0.6, language="id",
    )
    base.update(kw)
    return Event(**base)


def _reports(*events: Event) -> list[Report]:
    return [Report.from_event(e, e.sources[0].doc_id, e.sources[0].pub_date) for e in events]


def _together(merger: CorpusMerger, reports: list[Report], a: str, b: str) -> bool:
    keys = {r.doc_id: r.key for r in reports}
    return any({keys[a], keys[b]} <= set(c.members) for c in merger.cluster(reports))


# country-level: no admin1, the country's centroid at geo precision 3
COUNTRY = dict(location="Indonesia", admin1=None, latitude=-2.0, longitude=118.0, geo_precision=3)
ARREST = dict(event_type="Strategic developments", sub_event_type="Arrests", actor1=POLICE, inter1=1,
              actor2=None, inter2=None, fatalities=0)


@pytest.fixture(scope="module")
def merger() -> CorpusMerger:
    return CorpusMerger()


# -- dates ---------------------------------------------------------------------------------------


def test_merge_corpus_rules_date_window_adds_both_precisions(merger):
    rules = merger.rules
    assert [rules.date_days(1, 1), rules.date_days(1, 2), rules.date_days(2, 2)] == [1, 4, 7]
    assert rules.date_days(None, 1) == rules.date_days(3, 1) == 16
    day = _event("a", "d1")
    week_close = _event("b", "d2", event_date=DAY + timedelta(days=4), time_precision=2)
    week_far = _event("c", "d3", event_date=DAY + timedelta(days=5), time_precision=2)
    assert _together(merger, _reports(day, week_close), "d1", "d2")
    # a day known exactly lies within 3 days of a week's middle day: 5 days off is another incident
    assert not _together(merger, _reports(day, week_far), "d1", "d3")
    # two reports both dated to the week may be a week apart
    week_before = _event("d", "d4", event_date=DAY - timedelta(days=2), time_precision=2)
    assert _together(merger, _reports(week_far, week_before), "d3", "d4")


def test_merge_corpus_rules_candidate_pairs_follow_the_window(merger):
    reports = _reports(
        _event("a", "d1"),
        _event("b", "d2", event_date=DAY + timedelta(days=4), time_precision=2),
        _event("c", "d3", event_date=DAY + timedelta(days=5), time_precision=2),
        _event("d", "d4", event_date=DAY + timedelta(days=15), time_precision=3),
        _event("e", "d5", event_date=DAY + timedelta(days=17), time_precision=3),
    )
    pairs = {tuple(sorted((a.doc_id, b.doc_id))) for a, b in merger.candidate_pairs(reports)}
    assert ("d1", "d2") in pairs and ("d1", "d3") not in pairs
    assert ("d1", "d4") in pairs  # 15 days: within a day and a month (16)
    assert ("d1", "d5") not in pairs  # 17 days: beyond a day and a month (16)
    for a, b in merger.candidate_pairs(reports):
        assert abs((a.event_date - b.event_date).days) <= merger.rules.date_days(a.time_precision, b.time_precision)


# -- places --------------------------------------------------------------------------------------


def test_merge_corpus_rules_country_only_joins_the_sole_place_of_its_day(merger):
    placed = _event("a", "d1", **ARREST)
    vague = _event("b", "d2", **{**ARREST, **COUNTRY})
    assert country_only(_reports(vague)[0]) and not country_only(_reports(placed)[0])
    reports = _reports(placed, vague)
    assert _together(merger, reports, "d1", "d2")
    [cluster] = [c for c in merger.cluster(reports) if len(c.members) == 2]
    assert "the one place its day's compatible reports name" in cluster.links[0].reason


def test_merge_corpus_rules_country_only_stays_apart_when_two_places_fit(merger):
    placed = _event("a", "d1", **ARREST)
    elsewhere = _event("c", "d3", **ARREST, location="Wamena", latitude=-4.1, longitude=138.9, admin1="Highland Papua")
    vague = _event("b", "d2", **{**ARREST, **COUNTRY})
    reports = _reports(placed, elsewhere, vague)
    assert not _together(merger, reports, "d1", "d2") and not _together(merger, reports, "d3", "d2")


PROTEST = dict(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Indonesia)", inter1=6,
               actor2=None, inter2=None, fatalities=0)


@pytest.mark.parametrize(
    ("placed_kw", "vague_kw"),
    [
        (PROTEST, PROTEST),  # "Protesters (Indonesia)" on one day may be anyone anywhere
        (ARREST, dict(event_date=DAY + timedelta(days=1))),  # the rule wants the same day
        (ARREST, dict(time_precision=2)),  # only the week known
        (ARREST, dict(sub_event_type="Change to group/activity")),
        (ARREST, dict(actor1=ARMY)),  # another named actor
    ],
    ids=["generic-actor", "next-day", "week-only", "other-sub-type", "other-actor"],
)
def test_merge_corpus_rules_country_only_needs_same_day_sub_type_and_named_actor(merger, placed_kw, vague_kw):
    placed = _event("a", "d1", **placed_kw)
    vague = _event("b", "d2", **{**ARREST, **placed_kw, **COUNTRY, **vague_kw})
    assert not _together(merger, _reports(placed, vague), "d1", "d2")


def test_merge_corpus_rules_two_country_only_reports_never_merge(merger):
    reports = _reports(_event("a", "d1", **{**ARREST, **COUNTRY}), _event("b", "d2", **{**ARREST, **COUNTRY}))
    assert not _together(merger, reports, "d1", "d2")
    assert merger.verdict(reports[0], reports[1])[1] == "place: both country only"


def test_merge_corpus_rules_country_only_on_a_dense_day_or_one_outlet_stays_apart(merger):
    placed = _event("a", "d1", **ARREST)
    vague = _event("b", "d2", **{**ARREST, **COUNTRY})
    crowd = [
        _event(f"c{i}", f"crowd{i}", **{**ARREST, "actor1": ARMY}, location=f"Town{i}", latitude=-5.0 - i,
               longitude=135.0, admin1=f"Region{i}")
        for i in range(merger.rules.dense_reports)
    ]
    assert not _together(merger, _reports(placed, vague, *crowd), "d1", "d2")
    one_outlet = (_event("a", "d1", **ARREST, publisher="one.test"),
                  _event("b", "d2", **{**ARREST, **COUNTRY}, publisher="one.test"))
    assert not _together(merger, _reports(*one_outlet), "d1", "d2")


def test_merge_corpus_rules_points_without_admin1_merge_by_distance(merger):
    # the gazetteer knows Khan Yunis without an admin1: a point, not a country-level report
    gaza = dict(country="PSE", admin1=None, location="Khan Yunis", latitude=31.34, longitude=34.30, geo_precision=1,
                actor1="Military Forces of Israel", inter1=8, actor2=None, inter2=None)
    near = {**gaza, "location": "Bani Suheila", "latitude": 31.34, "longitude": 34.32}
    far = {**gaza, "location": "Gaza City", "latitude": 31.50, "longitude": 34.47}
    assert not country_only(_reports(_event("a", "d1", **gaza))[0])
    assert _together(merger, _reports(_event("a", "d1", **gaza), _event("b", "d2", **near)), "d1", "d2")
    assert not _together(merger, _reports(_event("a", "d1", **gaza), _event("c", "d3", **far)), "d1", "d3")
    # a region-level report cannot tell whether an admin1-less point lies inside it: apart
    region = {**gaza, "admin1": "Gaza Strip", "location": "Gaza Strip", "geo_precision": 3}
    pair = _reports(_event("a", "d1", **gaza), _event("r", "d9", **region))
    assert merger.verdict(*pair)[1] == "place: admin1 differs"


# -- refusals and the evaluation's causes ----------------------------------------------------------


def test_merge_corpus_rules_verdict_names_the_refusing_rule(merger):
    a = _reports(_event("a", "d1"))[0]
    cases = {
        "sub-type": dict(event_type="Battles", sub_event_type="Non-state actor overtakes territory",
                         actor1=TPNPB),
        "date window": dict(event_date=DAY + timedelta(days=3)),
        "place: distance": dict(location="Wamena", latitude=-4.1, longitude=138.9),
        "actors": dict(actor1="OPM: Free Papua Movement"),
        "fatalities": dict(fatalities=60),
        "block (country or family)": dict(event_type="Protests", sub_event_type="Peaceful protest"),
    }
    tool = load_tool("eval_merge")
    for refusal, change in cases.items():
        b = _reports(_event("b", "d2", **change))[0]
        reason, why = merger.verdict(a, b)
        if refusal == "sub-type" and reason is not None:
            continue  # listed as compatible: nothing to refuse
        assert reason is None and why == refusal, (refusal, why)
        assert why in tool.REFUSALS
    reason, why = merger.verdict(a, _reports(_event("b", "d2", fatalities=3))[0])
    assert reason is not None and why == ""


def test_merge_corpus_rules_eval_tool_explains_missed_pairs(merger, capsys):
    tool = load_tool("eval_merge")
    reports = _reports(_event("a", "d1"), _event("b", "d2", event_date=DAY + timedelta(days=3)), _event("c", "d3"))
    gold = {"d1": "x", "d2": "x", "d3": "x", "d4": "x"}  # d4: an article without any event
    causes = tool.explain(reports, gold, verbose=True)
    # d1~d3 merge; d1~d2 and d2~d3: date window; every pair with d4: extraction
    assert causes == {"date window": 2, "extraction: no event": 3}
    assert "d4: no event" in capsys.readouterr().out


# -- one city's protest at two named places; two reports of one named region ---------------------

# one outlet's two articles of a day: a march told at Times Square and at New York City (4.9 km apart)
NYC_MARCH = dict(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (United States)",
                 inter1=6, actor2=None, inter2=None, fatalities=0, country="USA", admin1="New York",
                 location="New York City", latitude=40.71427, longitude=-74.00597, geo_precision=1,
                 publisher="detik.com", pub=DAY)
TIMES_SQUARE = dict(location="Times Square", latitude=40.75636, longitude=-73.98644)


def test_merge_corpus_rules_one_city_protest_at_a_square_and_at_the_city_merges(merger):
    reports = _reports(_event("a", "d1", **NYC_MARCH), _event("b", "d2", **{**NYC_MARCH, **TIMES_SQUARE}))
    assert _together(merger, reports, "d1", "d2")
    [cluster] = [c for c in merger.cluster(reports) if len(c.members) == 2]
    assert "named places within" in cluster.links[0].reason and "one outlet, one day" in cluster.links[0].reason


@pytest.mark.parametrize(
    "change",
    [
        dict(event_date=DAY + timedelta(days=2)),  # two days later: another march
        dict(time_precision=2),  # only the week known
        dict(actor1="Labor Group (United States)"),  # another actor1, even of the same kind
        dict(location="Newark", latitude=40.73566, longitude=-74.17237, admin1="New Jersey"),  # a town 15 km off
        dict(location="Yonkers", latitude=40.93121, longitude=-73.89875),  # a town 26 km off
        dict(location="New York", latitude=42.9, longitude=-75.5, geo_precision=3),  # the state only
    ],
    ids=["two-days-later", "week-only", "other-actor1", "other-town", "far-town", "region-level"],
)
def test_merge_corpus_rules_near_places_of_one_outlet_stay_apart_otherwise(merger, change):
    reports = _reports(_event("a", "d1", **NYC_MARCH), _event("b", "d2", **{**NYC_MARCH, **TIMES_SQUARE, **change}))
    assert not _together(merger, reports, "d1", "d2")


# one outlet's two follow-ups of a night brawl between youth gangs in two neighbouring districts of South
# Jakarta (4.5 km apart), one article dating it to the Sunday, the other to the Monday after midnight
BRAWL = dict(event_type="Riots", sub_event_type="Mob violence", actor1="Rioters (Indonesia)", inter1=5,
             actor2=None, inter2=None, fatalities=0, country="IDN", admin1="Jakarta", location="Kebayoran Baru",
             latitude=-6.24, longitude=106.80, geo_precision=2, publisher="kompas.test", pub=DAY + timedelta(days=3))


def test_merge_corpus_rules_one_outlets_brawl_a_day_apart_at_near_places_merges(merger):
    late = dict(BRAWL, location="Pesanggrahan", latitude=-6.25, longitude=106.76, geo_precision=1,
                event_date=DAY + timedelta(days=1))
    reports = _reports(_event("a", "d1", **BRAWL), _event("b", "d2", **late))
    assert _together(merger, reports, "d1", "d2")
    assert "named places within" in merger.verdict(*reports)[0]
    # two days apart, or a dense block-day (where both must be the same day), stays apart
    later = dict(late, event_date=DAY + timedelta(days=2))
    assert not _together(merger, _reports(_event("a", "d1", **BRAWL), _event("b", "d2", **later)), "d1", "d2")
    crowd = [_event(f"c{i}", f"crowd{i}", **{**BRAWL, "publisher": f"o{i}.test", "admin1": f"Prov{i}",
                                             "location": f"Town{i}", "latitude": -7.0 - i})
             for i in range(merger.rules.dense_reports)]
    assert not _together(merger, reports + _reports(*crowd), "d1", "d2")


def test_merge_corpus_rules_near_places_do_not_merge_political_violence(merger):
    # on a busy day a town's name stands for the villages around it: two named places 5 km apart stay apart
    clash = dict(NYC_MARCH, event_type="Battles", sub_event_type="Armed clash", actor1=TPNPB, inter1=2,
                 actor2=ARMY, inter2=1, country="IDN", admin1="Central Papua")
    one = dict(location="Beoga", latitude=-3.83, longitude=137.43)
    other = dict(location="Ilaga", latitude=-3.87, longitude=137.42)
    reports = _reports(_event("a", "d1", **{**clash, **one}), _event("b", "d2", **{**clash, **other}))
    assert not _together(merger, reports, "d1", "d2")
    assert merger.verdict(*reports)[1] == "dense day / one outlet: different named place"


def test_merge_corpus_rules_near_places_merge_on_a_dense_protest_day(merger):
    crowd = [
        _event(f"c{i}", f"crowd{i}", **{**NYC_MARCH, "publisher": f"o{i}.test", "location": f"City{i}",
                                           "latitude": 30.0 + i, "longitude": -90.0, "admin1": f"State{i}"})
        for i in range(merger.rules.dense_reports)
    ]
    a = _event("a", "d1", **{**NYC_MARCH, "publisher": "one.test"})
    b = _event("b", "d2", **{**NYC_MARCH, **TIMES_SQUARE, "publisher": "two.test"})
    assert _together(merger, _reports(a, b, *crowd), "d1", "d2")
    c = _event("b", "d2", **{**NYC_MARCH, **TIMES_SQUARE, "publisher": "two.test", "actor1": "Labor Group (United States)"})
    assert not _together(merger, _reports(a, c, *crowd), "d1", "d2")


# two outlets' arrests in Khorramabad, which the gazetteer places only at its province (geo precision 3)
KHORRAMABAD = dict(event_type="Strategic developments", sub_event_type="Arrests", actor1="Police Forces of Iran",
                   inter1=1, actor2=None, inter2=None, fatalities=0, country="IRN", admin1="Lorestan",
                   location="Khorramabad", latitude=33.48778, longitude=48.35583, geo_precision=3, pub=DAY)


def test_merge_corpus_rules_two_reports_of_one_named_region_merge(merger):
    reports = _reports(_event("a", "d1", **KHORRAMABAD, publisher="liputan6.com"),
                       _event("b", "d2", **KHORRAMABAD, publisher="detik.com"))
    assert _together(merger, reports, "d1", "d2")
    [cluster] = [c for c in merger.cluster(reports) if len(c.members) == 2]
    assert "the same named region" in cluster.links[0].reason


@pytest.mark.parametrize(
    ("change", "publisher"),
    [
        (dict(event_date=DAY + timedelta(days=1)), "detik.com"),  # another day
        (dict(time_precision=2), "detik.com"),  # only the week known
        (dict(actor1="Military Forces of Iran"), "detik.com"),  # another actor1
        (dict(location="Lorestan", latitude=33.5, longitude=48.4), "detik.com"),  # another name in the region
        (dict(admin1="Ilam", location="Khorramabad"), "detik.com"),  # a namesake in another region
        ({}, "liputan6.com"),  # one outlet's two stories of a day: as often two incidents as one
    ],
    ids=["two-days-later", "week-only", "other-actor1", "other-name", "other-region", "one-outlet"],
)
def test_merge_corpus_rules_region_level_reports_stay_apart_otherwise(merger, change, publisher):
    reports = _reports(_event("a", "d1", **KHORRAMABAD, publisher="liputan6.com"),
                       _event("b", "d2", **{**KHORRAMABAD, **change}, publisher=publisher))
    assert not _together(merger, reports, "d1", "d2")


def test_merge_corpus_rules_region_level_reports_on_a_dense_day_stay_apart(merger):
    # Idlib on a busy day: the governorate's name stands for many villages' protests (the ACLED notes)
    idlib = dict(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Syria)", inter1=6,
                 actor2=None, inter2=None, fatalities=0, country="SYR", admin1="Idleb", location="Idlib",
                 latitude=35.93, longitude=36.63, geo_precision=3, pub=DAY)
    reports = _reports(*(_event(f"r{i}", f"d{i}", **idlib, publisher=f"o{i}.test")
                         for i in range(merger.rules.dense_reports)))
    assert not any(len(c.members) > 1 for c in merger.cluster(reports))
    assert merger.verdict(reports[0], reports[1], dense=True)[1] == "place: both region only"


def test_merge_corpus_rules_eval_tool_reclusters_with_another_rules_file(tmp_path):
    # the tool compares two rule sets on one extraction: here the rules without the same-named-region rule
    from importlib import resources

    text = resources.files("pantau.knowledge").joinpath("merge_rules.toml").read_text("utf-8")
    old = tmp_path / "old.toml"
    old.write_text(text.replace("same_name = true", "same_name = false"), encoding="utf-8")
    tool = load_tool("eval_merge")
    reports = _reports(_event("a", "d1", **KHORRAMABAD, publisher="liputan6.com"),
                       _event("b", "d2", **KHORRAMABAD, publisher="detik.com"))
    assert sorted(map(len, tool.recluster(reports).values())) == [2]
    assert sorted(map(len, tool.recluster(reports, old).values())) == [1, 1]


# a city's protest of one day, told by two outlets, on a dense protest day of the country
SEMARANG = dict(event_type="Protests", sub_event_type="Peaceful protest", actor1="Protesters (Indonesia)", inter1=6,
                actor2=None, inter2=None, fatalities=0, country="IDN", admin1="Central Java", location="Semarang",
                latitude=-6.99306, longitude=110.42083, geo_precision=1, pub=DAY)


def _protest_crowd(merger: CorpusMerger, day: date) -> list[Event]:
    return [_event(f"c{i}{day}", f"crowd{i}{day}", **{**SEMARANG, "publisher": f"o{i}.test", "admin1": f"Prov{i}",
                                                      "location": f"Town{i}", "latitude": -8.0 - i, "event_date": day})
            for i in range(merger.rules.dense_reports)]


def test_merge_corpus_rules_undated_protest_of_another_day_stays_apart_on_a_dense_day(merger):
    """A demonstration is coded per place and day: on a dense protest day a city's name holds several
    protests, and a report whose day is only estimated (its publication day, the week known) joins a
    day-dated one only on that same day: the next day's undated school protest in Semarang is not the
    students' protest at the governor's office the day before."""
    crowd = _protest_crowd(merger, DAY) + _protest_crowd(merger, DAY + timedelta(days=1))
    dated = _event("a", "d1", **SEMARANG, publisher="one.test")
    undated_next = _event("b", "d2", **{**SEMARANG, "event_date": DAY + timedelta(days=1), "time_precision": 2,
                                       "pub": DAY + timedelta(days=1)}, publisher="two.test")
    reports = _reports(dated, undated_next, *crowd)
    assert not _together(merger, reports, "d1", "d2")
    # the same estimated day still merges (a scene report dated by its publication day)
    undated_same = _event("b", "d2", **{**SEMARANG, "time_precision": 2}, publisher="two.test")
    assert _together(merger, _reports(dated, undated_same, *crowd), "d1", "d2")
    # and off a dense day the week's tolerance holds as before
    assert _together(merger, _reports(dated, undated_next), "d1", "d2")
