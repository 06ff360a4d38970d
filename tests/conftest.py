"""Session fixtures shared by every test module."""

from __future__ import annotations

from pathlib import Path

import pytest

from pantau.packs import PackSet

REPO = Path(__file__).resolve().parents[1]
SHARED = REPO.parent / "shared"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The ../shared folder (gold samples and test corpus); skip where it is absent."""
    if not (SHARED / "samples").is_dir():
        pytest.skip(f"../shared not found at {SHARED}: gold samples and corpus are only in CI and dev checkouts")
    return SHARED


@pytest.fixture(scope="session")
def packs() -> PackSet:
    return PackSet()


@pytest.fixture(scope="session")
def pack(packs: PackSet):
    """pack("id") -> the Indonesian pack."""
    return lambda lang: packs[lang]


@pytest.fixture(scope="session")
def real_pipeline():
    """One fully built Pipeline for the session (building it loads the gazetteer)."""
    from pantau.pipeline import Pipeline

    return Pipeline()
