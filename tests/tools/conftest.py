"""The scripts of tools/ as modules for their tests."""

from __future__ import annotations

from collections.abc import Callable
from types import ModuleType

import pytest
from tooling import load_tool as _load_tool


@pytest.fixture(scope="session")
def load_tool() -> Callable[[str], ModuleType]:
    """load_tool("acled_gold") -> the module tools/acled_gold.py."""
    return _load_tool
