"""Each pack's examples.jsonl: sentences with their expected event (type, sub-type, deaths) or no event."""

from __future__ import annotations

from datetime import date

import pytest

from pantau.packs import PackSet
from pantau.pipeline import Pipeline, Settings
from pantau.records import Article

_PACKS = PackSet()
_CASES = [(p.lang, i, row) for p in _PACKS for i, row in enumerate(p.examples())]
_PUB = date(2020, 5, 10)


@pytest.fixture(scope="module")
def pipelines() -> dict[str, Pipeline]:
    return {lang: Pipeline(Settings(force_language=lang)) for lang in _PACKS.languages}


@pytest.mark.parametrize("lang", _PACKS.languages)
def test_pack_has_enough_examples(lang: str) -> None:
    rows = _PACKS[lang].examples()
    if not rows:
        pytest.skip(f"{lang}: no examples.jsonl")
    assert len(rows) >= 25
    assert any(r["event_type"] is None for r in rows) and any(r["event_type"] for r in rows)


@pytest.mark.parametrize(("lang", "i", "row"), _CASES, ids=[f"{lang}-{i}" for lang, i, _ in _CASES])
def test_pack_example(lang: str, i: int, row: dict, pipelines: dict[str, Pipeline]) -> None:
    article = Article(doc_id=f"example-{lang}-{i}", text=row["text"], pub_date=_PUB, language=lang)
    events = pipelines[lang](article).events
    if row["event_type"] is None:
        assert events == (), f"{row['phenomenon']}: {[(e.event_type, e.sub_event_type) for e in events]}"
        return
    assert len(events) == 1, [(e.event_type, e.sub_event_type, e.notes) for e in events]
    ev = events[0]
    assert (ev.event_type, ev.sub_event_type) == (row["event_type"], row["sub_event_type"])
    if "fatalities" in row:
        assert ev.fatalities == row["fatalities"]
    if "actor1" in row:
        assert ev.actor1 == row["actor1"], row.get("phenomenon")
    if "event_date" in row:
        assert ev.event_date is not None and ev.event_date.isoformat() == row["event_date"], row.get("phenomenon")


# Issue 4 item 3: every pack shows each phenomenon with a sentence and its expected event or non-event.
ISSUE_SUBTYPES = (
    "Armed clash", "Government regains territory", "Non-state actor overtakes territory", "Air/drone strike",
    "Shelling/artillery/missile attack", "Remote explosive/landmine/IED", "Suicide bomb", "Grenade", "Attack",
    "Abduction/forced disappearance", "Arrests", "Peaceful protest", "Protest with intervention",
    "Excessive force against protesters", "Violent demonstration", "Mob violence", "Agreement",
)
ISSUE_PHENOMENA = (
    "active voice", "passive voice", "agent noun", "coreference", "attacker deaths", "wounded", "vague number",
    "unknown number", "relative date", "weekday date", "claim of responsibility",
    "negation", "threat", "plan", "hypothetical", "ongoing", "running total",
)


@pytest.mark.parametrize("lang", _PACKS.languages)
def test_pack_covers_issue_phenomena(lang: str) -> None:
    rows = _PACKS[lang].examples()
    subtypes = {r.get("sub_event_type") for r in rows if r.get("event_type")}
    tagged = {r.get("phenomenon") for r in rows}
    assert not set(ISSUE_SUBTYPES) - subtypes, f"{lang}: no example of {sorted(set(ISSUE_SUBTYPES) - subtypes)}"
    assert not set(ISSUE_PHENOMENA) - tagged, f"{lang}: no example of {sorted(set(ISSUE_PHENOMENA) - tagged)}"
