"""Parquet: one article per row, read in record batches (never the whole file at once)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pantau.errors import InputError
from pantau.stages.read._common import FIELDS, ReadOptions, Result, article_from_record

__all__ = ["read_parquet"]


def read_parquet(path: Path, options: ReadOptions) -> Iterator[Result]:
    import pyarrow as pa
    import pyarrow.parquet as pq

    origin = str(path)
    try:
        if path.stat().st_size == 0:
            yield InputError("E001", origin=origin)
            return
        pf = pq.ParquetFile(path)
    except FileNotFoundError:
        yield InputError("E009", origin=origin)
        return
    except (pa.ArrowException, OSError) as exc:
        yield InputError("E013", origin=origin, detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)
        return
    names = list(pf.schema_arrow.names)
    if options.column("text", names) is None:
        yield InputError("E005", origin=origin, expected=options.expected("text"), found=names)
        return
    wanted = [c for c in {options.column(f, names) for f in FIELDS} if c is not None]
    row_no = 0
    try:
        for batch in pf.iter_batches(batch_size=256, columns=wanted):
            for record in batch.to_pylist():
                row_no += 1
                where = f"{origin}:{row_no}"
                text_col = options.column("text", record)
                size = len(str(record.get(text_col) or "").encode("utf-8"))
                if size > options.max_bytes:
                    yield InputError("E006", origin=where, limit=options.max_mb)
                    continue
                yield from article_from_record(
                    record, origin=where, default_id=f"{path.stem}:{row_no}", options=options
                )
    except (pa.ArrowException, OSError) as exc:
        yield InputError("E013", origin=f"{origin}:{row_no + 1}", detail=str(exc).splitlines()[0])

