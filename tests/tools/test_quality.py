"""tools/quality.py: the ACLED holdout set is every note outside the tuned sample."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from types import ModuleType

import pytest


@pytest.mark.shared
def test_quality_acled_holdout_is_the_notes_outside_the_sample(load_tool: Callable[[str], ModuleType],
                                                               shared_dir: Path, tmp_path: Path) -> None:
    quality = load_tool("quality")
    holdout = {p.name for p in quality.prepare("acled-holdout", tmp_path, shared_dir).glob("*.json")}
    sample = {p.name for p in quality.prepare("acled", tmp_path, shared_dir).glob("*.json")}
    assert len(sample) == 400 and len(holdout) >= 2000
    assert not holdout & sample
