"""The quality gate: scores on the samples, the ACLED sample and the Indonesian dev set never
drop below the pinned baseline (tests/eval_baseline.json) minus its epsilon.

Raise the baseline with tools/update_baseline.py after an improvement.
"""

from __future__ import annotations

import json
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest
from tooling import load_tool

from pantau.pipeline import Pipeline

REPO = Path(__file__).resolve().parents[1]
BASELINE = REPO / "tests" / "eval_baseline.json"

pytestmark = [pytest.mark.slow, pytest.mark.shared]


def _quality() -> ModuleType:
    return load_tool("quality")


@pytest.fixture(scope="module")
def results(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    quality = _quality()
    work = tmp_path_factory.mktemp("quality_gate")
    return quality.run(quality.SETS, work, pipeline=Pipeline(), shared=shared_dir)


def test_quality_gate_scores_hold_their_baseline(results: dict[str, Any]) -> None:
    baseline = json.loads(BASELINE.read_text(encoding="utf-8"))
    eps = float(baseline["epsilon"])
    quality = _quality()
    drops = []
    for name, pinned in baseline["sets"].items():
        result = results[name]
        assert result["gold_sha256"] == pinned["gold_sha256"], (
            f"{name}: gold inputs changed; re-pin with tools/update_baseline.py --allow-lower if scores moved"
        )
        now = quality.gate_metrics(result)
        for metric, floor in pinned["metrics"].items():
            if now.get(metric, -1.0) < floor - eps:
                drops.append(f"{name}.{metric}: {now.get(metric)} < {floor} - {eps}")
    assert not drops, "quality dropped: " + "; ".join(drops)


def test_quality_gate_samples_are_perfect(results: dict[str, Any]) -> None:
    assert results["samples"]["typed"]["f1"] == 1.0
