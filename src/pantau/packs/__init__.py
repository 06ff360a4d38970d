"""Language packs: one folder of TOML data per language.

A pack is data only. Files have the same names in every pack; a missing file
means the feature is absent for that language. Packs are discovered from the
folders beside this module (and any extra folders a user passes), loaded lazily
and cached per ``PackSet`` instance (no module-level state).
"""

from __future__ import annotations

import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Iterable

from pantau.errors import PackError

__all__ = ["Pack", "PackSet", "BUILTIN_DIR", "discover_pack_dirs"]

BUILTIN_DIR = Path(__file__).parent


def discover_pack_dirs(extra: Iterable[Path] = ()) -> dict[str, Path]:
    """Map language code -> pack folder. A folder is a pack when it has pack.toml."""
    found: dict[str, Path] = {}
    for root in (BUILTIN_DIR, *extra):
        for child in sorted(Path(root).iterdir()):
            if (child / "pack.toml").is_file():
                found[child.name] = child
    return found


@dataclass
class Pack:
    """One language's data; ``get(name)`` returns a file's table ({} when absent)."""

    lang: str
    path: Path
    _cache: dict[str, dict[str, Any]] = field(default_factory=dict, repr=False)

    def get(self, name: str) -> dict[str, Any]:
        if name not in self._cache:
            file = self.path / f"{name}.toml"
            if not file.is_file():
                self._cache[name] = {}
            else:
                try:
                    with file.open("rb") as fh:
                        self._cache[name] = tomllib.load(fh)
                except tomllib.TOMLDecodeError as exc:
                    raise PackError("E020", origin=str(file), detail=str(exc)) from exc
        return self._cache[name]

    @property
    def meta(self) -> dict[str, Any]:
        return self.get("pack")

    def examples(self) -> list[dict[str, Any]]:
        """Rows of examples.jsonl: sentences with expected events or non-events."""
        import json

        file = self.path / "examples.jsonl"
        if not file.is_file():
            return []
        rows = []
        for lineno, line in enumerate(file.read_text(encoding="utf-8").splitlines(), 1):
            if line.strip():
                try:
                    rows.append(json.loads(line))
                except json.JSONDecodeError as exc:
                    raise PackError("E020", origin=f"{file}:{lineno}", detail=str(exc)) from exc
        return rows


class PackSet:
    """All packs available to a run, loaded on first use."""

    def __init__(self, extra_dirs: Iterable[Path] = ()) -> None:
        self._dirs = discover_pack_dirs(extra_dirs)
        self._packs: dict[str, Pack] = {}

    @property
    def languages(self) -> tuple[str, ...]:
        return tuple(self._dirs)

    def __contains__(self, lang: object) -> bool:
        return lang in self._dirs

    def __getitem__(self, lang: str) -> Pack:
        if lang not in self._dirs:
            raise KeyError(lang)
        if lang not in self._packs:
            self._packs[lang] = Pack(lang, self._dirs[lang])
        return self._packs[lang]

    def __iter__(self):
        return (self[lang] for lang in self._dirs)
