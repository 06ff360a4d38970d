"""Schemas of the pack files, checked by tests/packs/test_schema.py over every pack.

Each entry maps a file name (without .toml) to a validator returning a list of
problems ("key: what is wrong"); an empty list means the file is valid. A file
that is absent from a pack is not checked (the feature is absent).
"""

from __future__ import annotations

import re
from typing import Any, Callable

__all__ = ["SCHEMAS", "validate_pack_file", "check_regexes", "check_keys"]

Validator = Callable[[dict[str, Any]], list[str]]


def check_keys(data: dict[str, Any], allowed: set[str], required: set[str] = frozenset()) -> list[str]:
    problems = [f"{k}: unknown key (allowed: {sorted(allowed)})" for k in data if k not in allowed]
    problems += [f"{k}: required key missing" for k in required if k not in data]
    return problems


def check_regexes(patterns: list[str], where: str) -> list[str]:
    problems = []
    for i, pat in enumerate(patterns):
        try:
            re.compile(pat)
        except re.error as exc:
            problems.append(f"{where}[{i}]: regex does not compile: {exc}")
    return problems


def _pack_meta(data: dict[str, Any]) -> list[str]:
    problems = check_keys(data, {"lang", "name", "confusable"}, {"lang", "name"})
    if not isinstance(data.get("confusable", []), list):
        problems.append("confusable: must be a list of language codes")
    return problems


SCHEMAS: dict[str, Validator] = {
    "pack": _pack_meta,
}


def validate_pack_file(name: str, data: dict[str, Any]) -> list[str]:
    validator = SCHEMAS.get(name)
    if validator is None:
        return [f"{name}.toml: no schema registered in pantau.packs.schema.SCHEMAS"]
    return validator(data)
