"""WARC archives: each HTTP response holding HTML becomes one article (via trafilatura)."""

from __future__ import annotations

from pathlib import Path
from typing import Iterator

from pantau.errors import InputError
from pantau.stages.read._common import ReadOptions, Result, decode_bytes, open_binary
from pantau.stages.read.html import article_from_html

__all__ = ["read_warc"]


def read_warc(path: Path, options: ReadOptions) -> Iterator[Result]:
    from warcio.archiveiterator import ArchiveIterator
    from warcio.exceptions import ArchiveLoadFailed

    origin = str(path)
    fh = open_binary(path)
    if isinstance(fh, InputError):
        yield fh
        return
    if not fh.read(1):
        fh.close()
        yield InputError("E001", origin=origin)
        return
    fh.seek(0)
    n = 0
    with fh:
        try:
            for record in ArchiveIterator(fh):
                if not str(record.format).startswith("warc"):
                    yield InputError("E014", origin=origin, detail="not a WARC file")
                    return
                if record.rec_type != "response":
                    continue
                n += 1
                headers = record.http_headers
                ctype = (headers.get_header("Content-Type") if headers else None) or ""
                if "html" not in ctype.lower():
                    continue
                uri = record.rec_headers.get_header("WARC-Target-URI")
                rec_id = record.rec_headers.get_header("WARC-Record-ID") or f"{path.stem}:{n}"
                where = f"{origin}:{uri or rec_id}"
                body = record.content_stream().read(options.max_bytes + 1)
                if len(body) > options.max_bytes:
                    yield InputError("E006", origin=where, limit=options.max_mb)
                    continue
                html = decode_bytes(body, where, options)
                if isinstance(html, InputError):
                    yield html
                    continue
                # The crawl date (WARC-Date) is not the publication date: it is not used.
                yield from article_from_html(html, doc_id=uri or rec_id.strip("<>"), origin=where, url=uri)
        except (ArchiveLoadFailed, OSError, ValueError, EOFError) as exc:
            yield InputError("E014", origin=origin, detail=str(exc).splitlines()[0] if str(exc) else type(exc).__name__)

