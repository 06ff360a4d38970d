"""Fixtures of the serve tests: a small store written through Store, and an app over it."""

from __future__ import annotations

from pathlib import Path

import pytest
from serve_store import build_store


@pytest.fixture(scope="session")
def store_path(tmp_path_factory) -> Path:
    return build_store(tmp_path_factory.mktemp("serve") / "events.duckdb")


@pytest.fixture(scope="session")
def client(store_path):
    from fastapi.testclient import TestClient

    from pantau.serve.app import create_app

    with TestClient(create_app(store_path), raise_server_exceptions=False) as test_client:
        yield test_client
