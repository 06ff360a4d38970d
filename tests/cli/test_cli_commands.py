"""The CLI through typer's CliRunner: help everywhere, extract/export/eval on small files, errors."""

from __future__ import annotations

import csv
import json

import pytest
from pipeline_double import FakePipeline, event_line
from typer.testing import CliRunner

from pantau import api
from pantau.cli import app
from pantau.store.duckdb import Store

COMMANDS = ("extract", "export", "eval", "demo")


@pytest.fixture()
def runner(monkeypatch):
    monkeypatch.setattr(api, "Pipeline", FakePipeline)
    return CliRunner()


@pytest.fixture()
def inputs(tmp_path):
    rows = [
        {"doc_id": "a", "text": "Judul\n" + event_line(), "publisher": "a.test", "pub_date": "2020-08-02"},
        {"doc_id": "b", "text": "Judul\n" + event_line(day="-", location="Wamena", lat=-4.1, lon=138.9)},
        {"doc_id": "c", "text": "Judul SKIP"},
    ]
    good = tmp_path / "news.jsonl"
    good.write_text("\n".join(json.dumps(r) for r in rows) + "\n", encoding="utf-8")
    empty = tmp_path / "empty.txt"
    empty.write_text("", encoding="utf-8")
    return good, empty


def test_cli_every_command_has_help():
    runner = CliRunner()
    result = runner.invoke(app, ["--help"])
    assert result.exit_code == 0
    for command in COMMANDS:
        assert command in result.output
        sub = runner.invoke(app, [command, "--help"])
        assert sub.exit_code == 0, sub.output
        assert "Usage" in sub.output and len(sub.output) > 200


def test_cli_extract_stores_reports_and_exports(runner, inputs, tmp_path):
    good, empty = inputs
    db, out = tmp_path / "x.duckdb", tmp_path / "ev.csv"
    result = runner.invoke(app, ["extract", str(good), str(empty), "--db", str(db), "-o", str(out), "--no-progress"])
    assert result.exit_code == 0, result.output
    assert f"[E001] {empty}: file is empty" in result.output
    for text in ("articles read", "skipped: language 'xx' has no pack", "events without date", "left out of CSV"):
        assert text in result.output
    with Store(db, read_only=True) as store:
        assert store.counts()["events"] == 2 and store.counts()["articles"] == 3
    with out.open(newline="", encoding="utf-8") as fh:
        rows = list(csv.DictReader(fh))
    assert len(rows) == 1 and rows[0]["source"] == "a.test"


def test_cli_extract_twice_changes_nothing(runner, inputs, tmp_path):
    db = tmp_path / "x.duckdb"
    tables = []
    for _ in range(2):
        assert runner.invoke(app, ["extract", str(inputs[0]), "--db", str(db)]).exit_code == 0
        with Store(db, read_only=True) as store:
            tables.append([store.table(t) for t in ("articles", "events", "event_sources")])
    assert tables[0] == tables[1]


def test_cli_extract_nothing_readable_exits_1(runner, tmp_path):
    result = runner.invoke(app, ["extract", str(tmp_path / "missing.jsonl"), "--db", str(tmp_path / "x.duckdb")])
    assert result.exit_code == 1
    assert "[E009]" in result.output and "missing.jsonl: no such file or directory" in result.output
    assert "Traceback" not in result.output


@pytest.mark.parametrize(
    "args",
    [["--pub-date", "1/8/2020"], ["-o", "out.xlsx"], ["--column", "text"], ["--lang", "xx"], ["--workers", "0"]],
)
def test_cli_extract_usage_errors_exit_2(runner, inputs, tmp_path, args):
    result = runner.invoke(app, ["extract", str(inputs[0]), "--db", str(tmp_path / "x.duckdb"), *args])
    assert result.exit_code == 2, result.output


def test_cli_export_formats(runner, inputs, tmp_path):
    db = tmp_path / "x.duckdb"
    assert runner.invoke(app, ["extract", str(inputs[0]), "--db", str(db)]).exit_code == 0
    out = tmp_path / "all.jsonl"
    result = runner.invoke(app, ["export", "--db", str(db), "-o", str(out)])
    assert result.exit_code == 0, result.output
    assert len(out.read_text(encoding="utf-8").splitlines()) == 2
    result = runner.invoke(app, ["export", "--db", str(db), "--format", "csv", "-o", str(tmp_path / "all.txt")])
    assert result.exit_code == 0 and "1 events without a date" in result.output
    missing = runner.invoke(app, ["export", "--db", str(tmp_path / "none.duckdb"), "-o", str(out)])
    assert missing.exit_code == 1 and "[E030]" in missing.output


def test_cli_eval_json_and_detail(runner, tmp_path):
    gold_event = {
        "event_date": "2020-08-01", "time_precision": 1, "event_type": "Battles", "sub_event_type": "Armed clash",
        "actor1": "Military Forces of Indonesia", "inter1": 1, "country": "IDN", "admin1": "Papua",
        "location": "Jayapura", "latitude": -2.53, "longitude": 140.7, "geo_precision": 1, "fatalities": 2,
    }
    doc = {"doc_id": "g", "text": "Judul\n" + event_line() + event_line(day="2020-07-01"), "events": [gold_event],
           "pub_date": "2020-08-02", "language": "id"}
    (tmp_path / "g.json").write_text(json.dumps(doc), encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path), "--json"])
    assert result.exit_code == 0, result.output
    report = json.loads(result.output)
    assert report["typed"]["tp"] == 1 and report["typed"]["fp"] == 1 and report["typed"]["precision"] == 0.5
    detail = runner.invoke(app, ["eval", str(tmp_path / "g.json"), "--detail"])
    assert detail.exit_code == 0 and "false positive: 2020-07-01" in detail.output


def test_cli_eval_bad_gold_is_one_line(runner, tmp_path):
    (tmp_path / "bad.json").write_text('{"doc_id": 3}', encoding="utf-8")
    result = runner.invoke(app, ["eval", str(tmp_path)])
    assert result.exit_code == 1
    assert "[E040]" in result.output and "bad.json" in result.output and "'doc_id'" in result.output
    assert len(result.output.strip().splitlines()) == 1


def test_cli_demo_builds_a_fresh_store_in_the_cwd(runner, tmp_path, monkeypatch):
    monkeypatch.chdir(tmp_path)
    (tmp_path / "pantau-demo.duckdb").write_text("stale, not a database", encoding="utf-8")
    result = runner.invoke(app, ["demo", "--no-progress"])
    assert result.exit_code == 0, result.output
    assert "example articles" in result.output and "pantau-demo.duckdb" in result.output
    with Store(tmp_path / "pantau-demo.duckdb", read_only=True) as store:
        assert store.counts()["articles"] >= 10
