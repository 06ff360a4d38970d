"""The whole pipeline on the bundled demo articles, scored against their hand-coded gold events.

The events live in tests/golden/examples/<doc_id>.events.json (the machine form of
src/pantau/examples/EXPECTED.md); the article texts stay in src/pantau/examples and are
joined in at run time by tools/quality.py's ``examples_gold`` through ``read_inputs``.
The F1 floor is the score measured when the gold was written: raise it when the
extractor improves, never lower it without saying why.
"""

from __future__ import annotations

import json
import re
from pathlib import Path
from types import ModuleType

import pytest
from tooling import load_tool

from pantau.eval import GoldDoc, Report, load_gold, score
from pantau.records import Event
from pantau.stages.read import read_inputs

REPO = Path(__file__).resolve().parents[2]
EXAMPLES = REPO / "src" / "pantau" / "examples"
EVENTS = Path(__file__).resolve().parent / "examples"
GOLD_KEYS = {
    "event_date", "time_precision", "event_type", "sub_event_type", "actor1", "inter1", "actor2", "inter2",
    "country", "admin1", "location", "latitude", "longitude", "geo_precision", "fatalities", "optional", "evidence",
}
# Typed F1 measured when the gold was written (TP 10, FP 9, FN 4); the test allows the gate's epsilon.
TYPED_F1_FLOOR = 0.606
EPSILON = 0.005


def _quality() -> ModuleType:
    return load_tool("quality")


@pytest.fixture(scope="module")
def gold(tmp_path_factory: pytest.TempPathFactory) -> list[GoldDoc]:
    folder = _quality().examples_gold(tmp_path_factory.mktemp("examples_gold"), EXAMPLES, EVENTS)
    return load_gold([folder])


@pytest.fixture(scope="module")
def report(gold: list[GoldDoc], real_pipeline) -> Report:
    predicted = {d.article.doc_id: real_pipeline(d.article).events for d in gold}
    return score(gold, predicted)


def _line(e: Event) -> str:
    day = e.event_date.isoformat() if e.event_date else "no date"
    return f"{day} {e.event_type}/{e.sub_event_type} [{e.actor1} vs {e.actor2}] @ {e.location} ({e.fatalities} dead)"


def _detail(report: Report) -> str:
    """Per-document TP/FP/FN with every match, extra and miss: what a failing run must show."""
    out = []
    for doc in report.docs:
        c = doc.counts
        out.append(f"{doc.doc_id}: TP {c.tp} FP {c.fp} FN {c.fn} optional {c.optional_matched}")
        out += [f"  match: {_line(p)}  ~  gold {_line(g.event)}" for p, g in doc.matched]
        out += [f"  false positive: {_line(p)}" for p in doc.false_positives]
        out += [f"  missed: {_line(g.event)}  <- {g.evidence}" for g in doc.missed]
    return "\n".join(out)


def test_examples_golden_every_article_has_gold_and_a_section() -> None:
    read = {a.doc_id for a in read_inputs([str(EXAMPLES)])}
    files = sorted(EVENTS.glob("*.events.json"))
    headings = [line for line in (EXAMPLES / "EXPECTED.md").read_text(encoding="utf-8").splitlines() if line.startswith("## ")]
    seen = set()
    for path in files:
        coded = json.loads(path.read_text(encoding="utf-8"))
        doc_id = coded["doc_id"]
        assert path.name == f"{doc_id}.events.json"
        assert doc_id in read, f"{path.name}: the reader gives no article {doc_id!r}"
        assert any(re.search(rf"(?<![\w-]){re.escape(doc_id)}(?![\w-])", h) for h in headings), (
            f"{doc_id}: no section in EXPECTED.md"
        )
        for event in coded["events"]:
            assert set(event) == GOLD_KEYS, f"{path.name}: fields {sorted(set(event) ^ GOLD_KEYS)}"
        seen.add(doc_id)
    assert seen == read, f"articles without gold: {sorted(read - seen)}"


def test_examples_golden_typed_f1_holds_its_floor(report: Report) -> None:
    f1 = report.typed.f1
    assert f1 >= TYPED_F1_FLOOR - EPSILON, f"typed F1 {f1:.4f} < {TYPED_F1_FLOOR} - {EPSILON}\n{_detail(report)}"


def test_examples_golden_trap_articles_give_no_required_event(gold: list[GoldDoc], report: Report) -> None:
    traps = {d.article.doc_id for d in gold if not any(not e.optional for e in d.events)}
    assert traps, "the demo corpus must keep at least one article with no required event"
    for doc in report.docs:
        if doc.doc_id in traps:
            assert not doc.false_positives, f"{doc.doc_id} is a trap (threats, plans):\n{_detail(report)}"
