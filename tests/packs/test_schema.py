"""Every file of every discovered pack validates against its schema and loads."""

from __future__ import annotations

import pytest

from pantau.packs import PackSet
from pantau.packs.schema import validate_pack_file

_PACKS = PackSet()
_FILES = [(p.lang, f.stem) for p in _PACKS for f in sorted(p.path.glob("*.toml"))]


@pytest.mark.parametrize(("lang", "name"), _FILES, ids=[f"{lang}/{name}" for lang, name in _FILES])
def test_pack_file_matches_schema(lang: str, name: str) -> None:
    data = _PACKS[lang].get(name)
    assert validate_pack_file(name, data) == []


@pytest.mark.parametrize("lang", _PACKS.languages)
def test_pack_meta_names_its_folder(lang: str) -> None:
    assert _PACKS[lang].meta["lang"] == lang


def test_morphology_endings_must_be_strings() -> None:
    problems = validate_pack_file("morphology", {"suffixes": [["ed", ""]], "participle_endings": ["ed", 3]})
    assert problems == ["participle_endings: must be a list of non-empty strings"]


def test_cues_subject_origin_must_compile() -> None:
    problems = validate_pack_file("cues", {"frame": {"subject_origin": "(of"}})
    assert len(problems) == 1 and problems[0].startswith("frame.subject_origin[0]: regex does not compile")
