"""tools/acled_gold.py: ACLED rows -> gold files, in both ACLED layouts, sampled reproducibly."""

from __future__ import annotations

import csv
import json
from pathlib import Path
from types import ModuleType

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

CURRENT_COLUMNS = (
    "data_id,iso,event_id_cnty,event_id_no_cnty,event_date,year,time_precision,event_type,sub_event_type,"
    "actor1,assoc_actor_1,inter1,actor2,assoc_actor_2,inter2,interaction,region,country,admin1,admin2,admin3,"
    "location,latitude,longitude,geo_precision,source,source_scale,notes,fatalities,timestamp,iso3"
).split(",")

OLD_COLUMNS = (
    "GWNO,EVENT_ID_CNTY,EVENT_ID_NO_CNTY,EVENT_DATE,YEAR,TIME_PRECISION,EVENT_TYPE,ACTOR1,ALLY_ACTOR_1,INTER1,"
    "ACTOR2,ALLY_ACTOR_2,INTER2,INTERACTION,COUNTRY,ADMIN1,ADMIN2,ADMIN3,LOCATION,LATITUDE,LONGITUDE,"
    "GEO_PRECISION,SOURCE,NOTES,FATALITIES"
).split(",")

LONG_NOTE = (
    "On 3 May 2020, militants of an armed group attacked an army checkpoint near Testville, killing 2 soldiers. "
    "The attackers withdrew after an exchange of fire that lasted about an hour."
)


def current_row(**values: str) -> dict[str, str]:
    """A made-up row in ACLED's current layout."""
    row = dict.fromkeys(CURRENT_COLUMNS, "")
    row.update(
        data_id="1",
        iso="368",
        event_id_cnty="IRQ1",
        event_date="3-May-20",
        year="2020",
        time_precision="1",
        event_type="Battles",
        sub_event_type="Armed clash",
        actor1="Islamic State (Iraq)",
        inter1="2",
        actor2="Military Forces of Iraq (2018-)",
        inter2="1",
        interaction="12",
        region="Middle East",
        country="Iraq",
        admin1="Al Anbar",
        location="Testville",
        latitude="33.4206",
        longitude="43.3078",
        geo_precision="2",
        source="Test Wire",
        source_scale="National",
        notes=LONG_NOTE,
        fatalities="2",
        timestamp="1589217691",
        iso3="IRQ",
    )
    row.update(values)
    return row


def old_row(**values: str) -> dict[str, str]:
    """A made-up row in ACLED's pre-2019 layout (upper-case columns, old event types)."""
    row = dict.fromkeys(OLD_COLUMNS, "")
    row.update(
        GWNO="775",
        EVENT_ID_CNTY="1MYA",
        EVENT_ID_NO_CNTY="1",
        EVENT_DATE="01-January-2015",
        YEAR="2015",
        TIME_PRECISION="1",
        EVENT_TYPE="Battle-No change of territory",
        ACTOR1="Military Forces of Myanmar (2011-2016)",
        INTER1="1",
        ACTOR2="KIA: Kachin Independence Army",
        INTER2="2",
        INTERACTION="12",
        COUNTRY="Myanmar",
        ADMIN1="Kachin",
        LOCATION="Testtown",
        LATITUDE="25.38",
        LONGITUDE="97.39",
        GEO_PRECISION="1",
        SOURCE="Test Daily",
        NOTES="Government troops and rebels clashed near Testtown.",
        FATALITIES="0",
    )
    row.update(values)
    return row


def write_csv(path: Path, columns: list[str], rows: list[dict[str, str]]) -> Path:
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.DictWriter(handle, fieldnames=columns)
        writer.writeheader()
        writer.writerows(rows)
    return path


def read_gold(folder: Path) -> dict[str, dict]:
    return {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in sorted(folder.glob("*.json"))}


@pytest.fixture(scope="module")
def tool(load_tool) -> ModuleType:
    return load_tool("acled_gold")


@pytest.fixture(scope="module")
def checker(load_tool) -> ModuleType:
    """id_corpus holds the gold event validator; every converted event must pass it."""
    return load_tool("id_corpus")


def test_acled_gold_converts_current_layout(tool, checker, tmp_path, capsys):
    rows = [
        current_row(),
        current_row(
            event_id_cnty="IRQ2",
            event_date="30-Apr-20",
            event_type="Protests",
            sub_event_type="Peaceful protest",
            actor1="Protesters (Iraq)",
            inter1="6",
            actor2="",
            inter2="0",
            admin1="",
            notes="On 30 April 2020, people demonstrated in Testville against power cuts. [size=no report]",
            fatalities="0",
        ),
    ]
    source = write_csv(tmp_path / "acled.csv", CURRENT_COLUMNS, rows)
    out = tmp_path / "gold"
    assert tool.main([str(source), "--out", str(out)]) == 0
    assert "wrote 2 gold files" in capsys.readouterr().out
    gold = read_gold(out)
    assert set(gold) == {"acled-IRQ1", "acled-IRQ2"}
    first = gold["acled-IRQ1"]
    assert first["url"] is None and first["publisher"] == "Test Wire" and first["language"] == "en"
    assert first["pub_date"] == "2020-05-03" and first["text"] == LONG_NOTE
    event = first["events"][0]
    assert event == {
        "event_date": "2020-05-03",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Islamic State (Iraq)",
        "inter1": 2,
        "actor2": "Military Forces of Iraq (2018-)",
        "inter2": 1,
        "country": "IRQ",
        "admin1": "Al Anbar",
        "location": "Testville",
        "latitude": 33.4206,
        "longitude": 43.3078,
        "geo_precision": 2,
        "fatalities": 2,
        "optional": False,
        "evidence": LONG_NOTE[:120],
    }
    protest = gold["acled-IRQ2"]["events"][0]
    assert protest["actor2"] is None and protest["inter2"] is None and protest["admin1"] is None
    assert protest["event_date"] == "2020-04-30"
    for doc in gold.values():
        assert checker.event_problems(doc["events"][0]) == []


def test_acled_gold_maps_old_layout_types(tool, tmp_path):
    rows = [
        old_row(),
        old_row(EVENT_ID_CNTY="2MYA", EVENT_TYPE="Battle-Government regains territory"),
        old_row(EVENT_ID_CNTY="3MYA", EVENT_TYPE="Battle-Non-state actors overtake territory"),
        old_row(EVENT_ID_CNTY="4MYA", EVENT_TYPE="Riots/Protests", ACTOR1="Protesters (Myanmar)", INTER1="6", ACTOR2="", INTER2="0"),
        old_row(EVENT_ID_CNTY="5MYA", EVENT_TYPE="Violence against civilians"),
        old_row(EVENT_ID_CNTY="6MYA", EVENT_TYPE="Remote violence"),
        old_row(EVENT_ID_CNTY="7MYA", EVENT_TYPE="Strategic development", EVENT_DATE="15-March-2015"),
    ]
    source = write_csv(tmp_path / "old.csv", OLD_COLUMNS, rows)
    out = tmp_path / "gold"
    assert tool.main([str(source), "--out", str(out)]) == 0
    events = {doc_id: doc["events"][0] for doc_id, doc in read_gold(out).items()}
    types = {doc_id: (event["event_type"], event["sub_event_type"]) for doc_id, event in events.items()}
    assert types == {
        "acled-1MYA": ("Battles", "Armed clash"),
        "acled-2MYA": ("Battles", "Government regains territory"),
        "acled-3MYA": ("Battles", "Non-state actor overtakes territory"),
        "acled-4MYA": ("Protests", None),
        "acled-5MYA": ("Violence against civilians", None),
        "acled-6MYA": ("Explosions/Remote violence", None),
        "acled-7MYA": ("Strategic developments", None),
    }
    assert events["acled-1MYA"]["country"] == "MMR"  # from the country name: the old layout has no iso3
    assert events["acled-1MYA"]["event_date"] == "2015-01-01"
    assert events["acled-7MYA"]["event_date"] == "2015-03-15"
    assert events["acled-4MYA"]["inter2"] is None


def test_acled_gold_reports_bad_rows_and_converts_the_rest(tool, tmp_path, capsys):
    rows = [
        current_row(event_id_cnty="IRQ1"),
        current_row(event_id_cnty="IRQ2", event_date="sometime in May"),
        current_row(event_id_cnty="IRQ3", event_type="Skirmishes"),
        current_row(event_id_cnty="IRQ4", sub_event_type="Peaceful protest"),
        current_row(event_id_cnty="IRQ5", notes=""),
        current_row(event_id_cnty="IRQ1"),
    ]
    source = write_csv(tmp_path / "acled.csv", CURRENT_COLUMNS, rows)
    out = tmp_path / "gold"
    assert tool.main([str(source), "--out", str(out)]) == 0
    captured = capsys.readouterr()
    assert set(read_gold(out)) == {"acled-IRQ1"}
    assert f"{source}:3: event_date 'sometime in May'" in captured.err
    assert f"{source}:4: event_type 'Skirmishes'" in captured.err
    assert f"{source}:5: sub_event_type 'Peaceful protest'" in captured.err
    assert f"{source}:6: no notes" in captured.err
    assert f"{source}:7: duplicate event_id_cnty" in captured.err
    assert "wrote 1 gold files" in captured.out and "skipped 5" in captured.out


def test_acled_gold_reads_inter_labels_and_numeric_iso(tool):
    countries = tool.CountryCodes()
    row = current_row(inter1="Rebel group", inter2="State forces", iso3="", iso="368")
    event = tool.convert_row(row, countries)["events"][0]
    assert (event["inter1"], event["inter2"], event["country"]) == (2, 1, "IRQ")
    with pytest.raises(tool.RowError, match="inter1"):
        tool.convert_row(current_row(inter1="Aliens"), countries)


def test_acled_gold_needs_out_and_refuses_the_repo(tool, tmp_path, capsys):
    source = write_csv(tmp_path / "acled.csv", CURRENT_COLUMNS, [current_row()])
    with pytest.raises(SystemExit):
        tool.main([str(source)])
    repo_folder = Path(tool.__file__).resolve().parents[1] / "acled_gold_out"
    assert tool.main([str(source), "--out", str(repo_folder)]) == 2
    assert not repo_folder.exists()
    assert "inside the repository" in capsys.readouterr().err


def test_acled_gold_stratified_sample_is_reproducible(tool, tmp_path):
    subtypes = ["Armed clash"] * 40 + ["Attack"] * 12 + ["Grenade"] * 3 + ["Suicide bomb"]
    types = {"Armed clash": "Battles", "Attack": "Violence against civilians", "Grenade": "Explosions/Remote violence"}
    types["Suicide bomb"] = "Explosions/Remote violence"
    rows = [
        current_row(event_id_cnty=f"IRQ{i}", event_type=types[sub], sub_event_type=sub) for i, sub in enumerate(subtypes)
    ]
    source = write_csv(tmp_path / "acled.csv", CURRENT_COLUMNS, rows)

    def run(out: Path, seed: int) -> dict[str, dict]:
        args = [str(source), "--out", str(out), "--sample", "12", "--seed", str(seed), "--stratify", "sub_event_type"]
        assert tool.main(args) == 0
        return read_gold(out)

    first, again, other = run(tmp_path / "a", 7), run(tmp_path / "b", 7), run(tmp_path / "c", 8)
    assert list(first) == list(again)
    assert list(first) != list(other)
    assert len(first) == 12
    picked = [doc["events"][0]["sub_event_type"] for doc in first.values()]
    assert picked.count("Suicide bomb") == 1 and picked.count("Grenade") >= 2 and picked.count("Attack") >= 2
    assert picked.count("Armed clash") > picked.count("Attack")


def test_acled_gold_allocate_keeps_minimum_per_stratum(tool):
    alloc = tool.allocate({"big": 100, "small": 3, "single": 1}, 10)
    assert sum(alloc.values()) == 10 and alloc["small"] >= 2 and alloc["single"] == 1
    assert tool.allocate({"a": 5, "b": 5}, 50) == {"a": 5, "b": 5}


@settings(max_examples=60, deadline=None)
@given(st.dictionaries(st.text(min_size=1, max_size=3), st.integers(1, 60), min_size=1, max_size=12), st.integers(1, 300))
def test_acled_gold_allocate_properties(tool, sizes, n):
    alloc = tool.allocate(sizes, n)
    floors = {key: min(2, size) for key, size in sizes.items()}
    assert all(floors[key] <= alloc[key] <= sizes[key] for key in sizes)
    assert sum(alloc.values()) == max(min(n, sum(sizes.values())), sum(floors.values()))


@pytest.mark.shared
def test_acled_gold_converts_20_real_rows(tool, checker, shared_dir, tmp_path):
    source = shared_dir / "corpus" / "acled_2020_global_sample.csv"
    out = tmp_path / "gold"
    assert tool.main([str(source), "--out", str(out), "--sample", "20", "--seed", "11"]) == 0
    gold = read_gold(out)
    assert len(gold) == 20
    for doc_id, doc in gold.items():
        assert doc_id.startswith("acled-") and doc["text"] and doc["language"] == "en"
        event = doc["events"][0]
        assert checker.event_problems(event) == []
        assert event["sub_event_type"] is not None and event["event_date"] == doc["pub_date"]
