"""The docs stay true to the code: every command is in the README, every module is on
the architecture page, and the public API exports what it names."""

from __future__ import annotations

from pathlib import Path

import pytest

import pantau
from pantau.cli import app

REPO = Path(__file__).resolve().parents[1]
SRC = REPO / "src" / "pantau"


def _commands() -> list[str]:
    return sorted(c.name for c in app.registered_commands if c.name)


@pytest.mark.parametrize("name", _commands())
def test_every_command_is_in_the_readme(name: str) -> None:
    assert f"pantau {name}" in (REPO / "README.md").read_text(encoding="utf-8")


def _modules() -> list[str]:
    skip = {"__init__.py", "_common.py"}
    return sorted(
        str(p.relative_to(SRC))
        for p in SRC.rglob("*.py")
        if p.name not in skip and "examples" not in p.parts
    )


@pytest.mark.parametrize("module", _modules())
def test_every_module_is_on_the_architecture_page(module: str) -> None:
    page = (REPO / "docs" / "architecture.md").read_text(encoding="utf-8")
    path = Path(module)
    # A module is found by its path, or by its name inside its folder's row.
    assert module in page or (path.name in page and f"{path.parent.name}/" in page) or path.stem in page


def test_public_api_exports_what_it_names() -> None:
    for name in pantau.__all__:
        assert hasattr(pantau, name)
