"""Read articles from files, folders and globs in any supported format.

``read_inputs`` never raises for bad input: a broken file or line becomes one
``InputError`` naming it (file and line), and reading goes on with the rest.
"""

from __future__ import annotations

import glob
from pathlib import Path
from types import MappingProxyType
from typing import Callable, Iterator, Mapping, Sequence

from pantau.errors import InputError
from pantau.records import Article
from pantau.stages.read._common import ReadOptions, Result, parse_date
from pantau.stages.read.csvfile import read_csv
from pantau.stages.read.html import read_html
from pantau.stages.read.jsonfile import read_json
from pantau.stages.read.jsonl import read_jsonl
from pantau.stages.read.parquet import read_parquet
from pantau.stages.read.text import read_text
from pantau.stages.read.warc import read_warc

__all__ = ["ReadOptions", "read_inputs", "read_file", "READERS", "parse_date"]

Reader = Callable[[Path, ReadOptions], Iterator[Result]]

# Suffix (lower case, longest first when compound) -> reader.
READERS: Mapping[str, Reader] = MappingProxyType({
    ".warc.gz": read_warc,
    ".warc": read_warc,
    ".txt": read_text,
    ".html": read_html,
    ".htm": read_html,
    ".json": read_json,
    ".jsonl": read_jsonl,
    ".csv": read_csv,
    ".parquet": read_parquet,
})


def _reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    for suffix, reader in READERS.items():
        if name.endswith(suffix):
            return reader
    return None


def read_file(path: Path, options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Articles and errors from one file, whatever its format."""
    options = options or ReadOptions()
    reader = _reader_for(path)
    if reader is None:
        yield InputError("E008", origin=str(path), suffix="".join(path.suffixes[-1:]) or path.name)
        return
    try:
        yield from reader(path, options)
    except Exception as exc:  # last guard: a reader bug must not end the batch with a traceback
        yield InputError("E010", origin=str(path), detail=f"{type(exc).__name__}: {exc}")


def _expand(item: str) -> Iterator[Path | InputError]:
    """Files named by one input: a file, a folder (recursive, supported files only) or a glob."""
    path = Path(item)
    if path.is_dir():
        for child in sorted(path.rglob("*")):
            if child.is_file() and not any(p.startswith(".") for p in child.relative_to(path).parts):
                if _reader_for(child) is not None:
                    yield child
        return
    if path.exists():
        yield path
        return
    if glob.has_magic(item):
        matches = sorted(glob.glob(item, recursive=True))
        if matches:
            for match in matches:
                yield from _expand(match)
            return
    yield InputError("E009", origin=item)


def read_inputs(inputs: Sequence[str], options: ReadOptions | None = None) -> Iterator[Article | InputError]:
    """Every article of every input, in order; a file named twice is read once."""
    options = options or ReadOptions()
    seen: set[Path] = set()
    for item in inputs:
        for found in _expand(str(item)):
            if isinstance(found, InputError):
                yield found
                continue
            key = found.resolve()
            if key in seen:
                continue
            seen.add(key)
            yield from read_file(found, options)
