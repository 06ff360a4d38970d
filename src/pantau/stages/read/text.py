"""Plain-text articles: one file, one article; the first line is the title when it looks like one."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Iterator

from pantau.errors import InputError
from pantau.records import Article
from pantau.stages.read._common import ReadOptions, Result, read_small_text

__all__ = ["read_text", "guess_title"]

# A title: one short line with no sentence-final period, then a blank line.
_TITLE = re.compile(r"\A[ \t]*(?P<title>[^\n]{1,200}?)[ \t]*\r?\n[ \t]*\r?\n")


def guess_title(text: str) -> str | None:
    """The first line when it looks like a headline (it stays in the text: offsets stay valid)."""
    m = _TITLE.match(text)
    if not m:
        return None
    title = m.group("title").strip()
    if not title or title.endswith((".", ":", ";", ",")) or len(title.split()) > 25:
        return None
    return title


def read_text(path: Path, options: ReadOptions) -> Iterator[Result]:
    origin = str(path)
    text = read_small_text(path, options)
    if isinstance(text, InputError):
        yield text
        return
    text = text.replace("\r\n", "\n").replace("\r", "\n")
    if not text.strip():
        yield InputError("E001", origin=origin)
        return
    yield Article(doc_id=path.stem, text=text, title=guess_title(text), origin=origin)
