"""One-article JSON files in the gold-sample format (their ``events`` are ignored)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Iterator

from pantau.errors import InputError
from pantau.stages.read._common import (
    ReadOptions,
    Result,
    article_from_record,
    read_small_text,
)

__all__ = ["read_json"]


def read_json(path: Path, options: ReadOptions) -> Iterator[Result]:
    origin = str(path)
    text = read_small_text(path, options)
    if isinstance(text, InputError):
        yield text
        return
    try:
        obj = json.loads(text)
    except json.JSONDecodeError as exc:
        yield InputError("E004", origin=f"{origin}:{exc.lineno}", detail=exc.msg)
        return
    # A list of articles is accepted too (each then gets a row suffix).
    if isinstance(obj, list):
        for i, item in enumerate(obj, 1):
            if not isinstance(item, dict):
                yield InputError("E004", origin=f"{origin}[{i}]", detail="expected an object")
                continue
            yield from article_from_record(
                item, origin=f"{origin}[{i}]", default_id=f"{path.stem}:{i}", options=options
            )
        return
    if not isinstance(obj, dict):
        yield InputError("E004", origin=origin, detail="expected an object with a 'text' field")
        return
    yield from article_from_record(obj, origin=origin, default_id=path.stem, options=options)
