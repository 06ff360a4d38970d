"""CSV: one article per row, streamed; the header names the columns."""

from __future__ import annotations

import csv
import io
from pathlib import Path
from typing import Iterator

from pantau.errors import InputError
from pantau.stages.read._common import (
    ReadOptions,
    Result,
    article_from_record,
    open_binary,
    looks_binary,
    sniff_encoding,
)

__all__ = ["read_csv"]


def read_csv(path: Path, options: ReadOptions) -> Iterator[Result]:
    origin = str(path)
    raw = open_binary(path)
    if isinstance(raw, InputError):
        yield raw
        return
    with raw:
        head = raw.read(65536)
        raw.seek(0)
        if not head.strip():
            yield InputError("E001", origin=origin)
            return
        if looks_binary(head):
            yield InputError("E002", origin=origin)
            return
        encoding = sniff_encoding(head, options)
        if encoding is None:
            yield InputError("E003", origin=origin)
            return
        # The csv module's per-field limit is process-wide; raise it (never lower it) to
        # the row limit so that a long article is read and only a row over max_mb fails.
        if csv.field_size_limit() < options.max_bytes:
            csv.field_size_limit(options.max_bytes)
        fh = io.TextIOWrapper(raw, encoding=encoding, newline="")
        yield from _rows(fh, path, options)


def _rows(fh: io.TextIOWrapper, path: Path, options: ReadOptions) -> Iterator[Result]:
    origin = str(path)
    reader = csv.reader(fh)
    try:
        header = next(reader)
    except StopIteration:
        yield InputError("E001", origin=origin)
        return
    except (csv.Error, UnicodeDecodeError) as exc:
        yield InputError("E012", origin=f"{origin}:1", detail=str(exc))
        return
    header = [h.strip() for h in header]
    if options.column("text", header) is None:
        yield InputError("E005", origin=origin, expected=options.expected("text"), found=header)
        return
    row_no = 0
    while True:
        line = reader.line_num + 1
        try:
            row = next(reader)
        except StopIteration:
            return
        except UnicodeDecodeError:
            yield InputError("E003", origin=f"{origin}:{line}")
            return
        except csv.Error as exc:
            code = "E006" if "field larger than field limit" in str(exc) else "E012"
            if code == "E006":
                yield InputError(code, origin=f"{origin}:{line}", limit=options.max_mb)
            else:
                yield InputError(code, origin=f"{origin}:{line}", detail=str(exc))
            continue
        if not any(cell.strip() for cell in row):
            continue
        if sum(len(cell) for cell in row) > options.max_bytes:
            yield InputError("E006", origin=f"{origin}:{line}", limit=options.max_mb)
            continue
        row_no += 1
        record = dict(zip(header, row))
        yield from article_from_record(
            record, origin=f"{origin}:{line}", default_id=f"{path.stem}:{row_no}", options=options
        )
