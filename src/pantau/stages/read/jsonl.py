"""JSON Lines: one article per line, streamed so that a huge file never sits in memory."""

from __future__ import annotations

import json
from pathlib import Path
from typing import BinaryIO, Iterator

from pantau.errors import InputError
from pantau.stages.read._common import (
    ReadOptions,
    Result,
    article_from_record,
    decode_bytes,
    looks_binary,
    open_binary,
)

__all__ = ["read_jsonl", "iter_lines"]


def iter_lines(fh: BinaryIO, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """(line number, bytes) per line; bytes is None for a line longer than ``limit`` (skipped)."""
    lineno = 0
    while True:
        chunk = fh.readline(limit + 1)
        if not chunk:
            return
        lineno += 1
        if len(chunk) > limit and not chunk.endswith(b"\n"):
            while chunk and not chunk.endswith(b"\n"):  # drain the rest of the oversized line
                chunk = fh.readline(1 << 20)
            yield lineno, None
            continue
        yield lineno, chunk


def read_jsonl(path: Path, options: ReadOptions) -> Iterator[Result]:
    origin = str(path)
    seen = 0
    fh = open_binary(path)
    if isinstance(fh, InputError):
        yield fh
        return
    with fh:
        head = fh.read(8192)
        fh.seek(0)
        if looks_binary(head):
            yield InputError("E002", origin=origin)
            return
        for lineno, raw in iter_lines(fh, options.max_bytes):
            where = f"{origin}:{lineno}"
            if raw is None:
                yield InputError("E006", origin=where, limit=options.max_mb)
                seen += 1
                continue
            if not raw.strip():
                continue
            seen += 1
            line = decode_bytes(raw, where, options)
            if isinstance(line, InputError):
                yield line
                continue
            try:
                obj = json.loads(line)
            except json.JSONDecodeError as exc:
                yield InputError("E004", origin=where, detail=exc.msg)
                continue
            if not isinstance(obj, dict):
                yield InputError("E004", origin=where, detail="expected an object per line")
                continue
            yield from article_from_record(
                obj, origin=where, default_id=f"{path.stem}:{lineno}", options=options
            )
    if seen == 0:
        yield InputError("E001", origin=origin)
