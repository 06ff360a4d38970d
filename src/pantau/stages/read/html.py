"""HTML pages: main text and metadata by trafilatura, offline (no URL is fetched)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pantau.errors import InputError
from pantau.records import Article
from pantau.stages.read._common import ReadOptions, Result, decode_bytes, parse_date, read_small_file

__all__ = ["read_html", "article_from_html"]


def article_from_html(
    html: str, *, doc_id: str, origin: str, url: str | None = None
) -> Iterator[Result]:
    """Extract the main text; a page with no main text is E007."""
    from trafilatura import bare_extraction

    try:
        doc = bare_extraction(
            html, url=url, with_metadata=True, include_comments=False, include_tables=False, as_dict=False
        )
    except Exception as exc:  # trafilatura raises assorted parser errors on broken markup
        yield InputError("E010", origin=origin, detail=f"HTML extraction failed: {exc}")
        return
    text = getattr(doc, "text", None) if doc is not None else None
    if not text or not text.strip():
        yield InputError("E007", origin=origin)
        return
    raw_date = getattr(doc, "date", None)
    pub_date = parse_date(raw_date)
    if raw_date and pub_date is None:
        yield InputError("E011", origin=origin, value=str(raw_date))
    publisher = getattr(doc, "sitename", None) or getattr(doc, "hostname", None)
    language = getattr(doc, "language", None)
    yield Article(
        doc_id=doc_id,
        text=text,
        title=getattr(doc, "title", None) or None,
        url=url or getattr(doc, "url", None) or None,
        publisher=publisher or None,
        pub_date=pub_date,
        language=language.split("-")[0].lower() if language else None,
        origin=origin,
    )


def read_html(path: Path, options: ReadOptions) -> Iterator[Result]:
    origin = str(path)
    data = read_small_file(path, options)
    if isinstance(data, InputError):
        yield data
        return
    html = decode_bytes(data, origin, options)
    if isinstance(html, InputError):
        yield html
        return
    yield from article_from_html(html, doc_id=path.stem, origin=origin)
