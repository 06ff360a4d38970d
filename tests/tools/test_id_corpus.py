"""tools/id_corpus.py: id-only annotations + corpus texts -> gold files, joined at run time."""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType

import pytest

ARTICLES = [
    {
        "doc_id": "made-1",
        "url": "https://news.example.org/1",
        "title": "Bentrok di Desa Contoh",
        "pub_date": "2024-03-02",
        "text": "Dua orang tewas dalam bentrokan antara kelompok bersenjata dan polisi di Desa Contoh, Jumat (1/3/2024).",
        "publisher": "contoh.example.org",
        "lang": "id",
        "selection": "conflict_keyword",
    },
    {
        "doc_id": "made-2",
        "url": "https://news.example.org/2",
        "title": "Harga Beras Naik",
        "pub_date": "2024-03-03",
        "text": "Harga beras di pasar tradisional naik lagi pekan ini.",
        "publisher": "contoh.example.org",
        "lang": "id",
        "selection": "random_other",
    },
    {
        "doc_id": "made-3",
        "url": None,
        "title": "Tidak dianotasi",
        "pub_date": "2024-03-04",
        "text": "Artikel ini tidak punya anotasi.",
        "publisher": "contoh.example.org",
        "lang": "id",
        "selection": "random_other",
    },
]


def clash_event(**values: object) -> dict:
    event = {
        "event_date": "2024-03-01",
        "time_precision": 1,
        "event_type": "Battles",
        "sub_event_type": "Armed clash",
        "actor1": "Unidentified Armed Group (Indonesia)",
        "inter1": 2,
        "actor2": "Police Forces of Indonesia",
        "inter2": 1,
        "country": "IDN",
        "admin1": "Papua",
        "location": "Contoh",
        "latitude": -3.5,
        "longitude": 138.0,
        "geo_precision": 1,
        "fatalities": 2,
        "optional": False,
        "evidence": "Dua orang tewas dalam bentrokan ... di Desa Contoh",
    }
    event.update(values)
    return event


def write_jsonl(path: Path, records: list[dict]) -> Path:
    path.write_text("".join(json.dumps(record, ensure_ascii=False) + "\n" for record in records), encoding="utf-8")
    return path


@pytest.fixture(scope="module")
def tool(load_tool) -> ModuleType:
    return load_tool("id_corpus")


@pytest.fixture
def files(tmp_path: Path) -> dict[str, Path]:
    ids = tmp_path / "ids.txt"
    ids.write_text("# dev set\nmade-1\n\nmade-2\nmade-3\nmade-1\n", encoding="utf-8")
    annotations = write_jsonl(
        tmp_path / "ann.jsonl",
        [
            {"doc_id": "made-1", "events": [clash_event()]},
            {"doc_id": "made-2", "events": []},
            {"doc_id": "made-9", "events": []},
        ],
    )
    corpus = write_jsonl(tmp_path / "corpus.jsonl", ARTICLES)
    return {"ids": ids, "annotations": annotations, "corpus": corpus, "out": tmp_path / "gold"}


def run(tool: ModuleType, files: dict[str, Path]) -> int:
    return tool.main([f"--{name}={path}" for name, path in files.items()])


def test_id_corpus_joins_text_with_annotations(tool, files, capsys):
    assert run(tool, files) == 0
    out = capsys.readouterr().out
    assert "wrote 2 gold files" in out and "1 not annotated" in out and "1 annotations not in the id list" in out
    gold = {path.stem: json.loads(path.read_text(encoding="utf-8")) for path in files["out"].glob("*.json")}
    assert set(gold) == {"made-1", "made-2"}
    first = gold["made-1"]
    assert first["text"] == ARTICLES[0]["text"] and first["title"] == ARTICLES[0]["title"]
    assert (first["url"], first["publisher"], first["pub_date"], first["language"]) == (
        "https://news.example.org/1",
        "contoh.example.org",
        "2024-03-02",
        "id",
    )
    assert first["events"] == [clash_event()]
    assert gold["made-2"]["events"] == []  # annotated as holding no event: a hard negative


def test_id_corpus_rejects_annotations_with_text(tool, files, capsys):
    write_jsonl(files["annotations"], [{"doc_id": "made-1", "text": "copied", "events": []}])
    assert run(tool, files) == 2
    assert f"{files['annotations']}:1: annotations must not carry the article text" in capsys.readouterr().err
    assert not files["out"].exists()


def test_id_corpus_names_line_of_a_bad_event(tool, files, capsys):
    bad = clash_event(event_type="Skirmish", actor2=None)
    write_jsonl(files["annotations"], [{"doc_id": "made-2", "events": []}, {"doc_id": "made-1", "events": [bad]}])
    assert run(tool, files) == 2
    err = capsys.readouterr().err
    assert f"{files['annotations']}:2: event 0:" in err
    assert "event_type 'Skirmish'" in err and "inter2 must be" in err


def test_id_corpus_reports_malformed_json_line(tool, files, capsys):
    files["annotations"].write_text('{"doc_id": "made-1", "events": []}\n{"doc_id": "made-2", "ev\n', encoding="utf-8")
    assert run(tool, files) == 2
    assert f"{files['annotations']}:2: invalid JSON" in capsys.readouterr().err


def test_id_corpus_reports_ids_missing_from_corpus(tool, files, capsys):
    files["ids"].write_text("made-1\nmade-404\n", encoding="utf-8")
    write_jsonl(files["annotations"], [{"doc_id": "made-1", "events": [clash_event()]}, {"doc_id": "made-404", "events": []}])
    assert run(tool, files) == 0
    captured = capsys.readouterr()
    assert "'made-404' is annotated but not in the corpus" in captured.err
    assert "wrote 1 gold files" in captured.out and "1 not in the corpus" in captured.out


def test_id_corpus_warns_when_evidence_is_not_in_text(tool, files, capsys):
    write_jsonl(files["annotations"], [{"doc_id": "made-1", "events": [clash_event(evidence="tiga orang tewas")]}])
    assert run(tool, files) == 0
    assert "made-1 event 0: evidence not found in the text" in capsys.readouterr().err


def test_id_corpus_event_problems(tool):
    assert tool.event_problems(clash_event()) == []
    assert tool.event_problems(clash_event(sub_event_type=None, actor2=None, inter2=None, admin1=None)) == []
    assert "missing field 'evidence'" in tool.event_problems({k: v for k, v in clash_event().items() if k != "evidence"})
    assert tool.event_problems(clash_event(inter1=True)) == ["inter1 must be an inter code 1..8"]
    assert tool.event_problems(clash_event(event_date="1/3/2024")) == ["event_date must be YYYY-MM-DD"]
    assert tool.event_problems(clash_event(sub_event_type="Peaceful protest")) == [
        "sub_event_type 'Peaceful protest' is not a sub-type of 'Battles'"
    ]


def test_id_corpus_refuses_output_inside_repo(tool, files, capsys):
    files["out"] = Path(tool.__file__).resolve().parents[1] / "id_gold_out"
    assert run(tool, files) == 2
    assert not files["out"].exists()
    assert "inside the repository" in capsys.readouterr().err


@pytest.mark.shared
def test_id_corpus_validator_accepts_the_gold_samples(tool, shared_dir):
    for path in sorted((shared_dir / "samples").glob("*.json")):
        doc = json.loads(path.read_text(encoding="utf-8"))
        for event in doc["events"]:
            assert tool.event_problems(event) == [], path.name
            assert tool.evidence_in_text(event["evidence"], doc["text"]), path.name
