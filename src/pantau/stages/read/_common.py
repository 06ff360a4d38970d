"""Helpers shared by the format readers: decoding, field mapping, date parsing.

Each reader turns bad input into ``InputError`` values (never raises for a bad
file), so one broken file or line never stops a batch.
"""

from __future__ import annotations

import email.utils
import re
import unicodedata
from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path
from types import MappingProxyType
from typing import Any, BinaryIO, Iterator, Mapping

from pantau.errors import InputError
from pantau.records import Article

__all__ = [
    "FIELDS",
    "ReadOptions",
    "Result",
    "article_from_record",
    "decode_bytes",
    "looks_binary",
    "sniff_encoding",
    "parse_date",
    "read_small_file",
]

Result = Article | InputError

# Our field names, in the order a user would list them.
FIELDS: tuple[str, ...] = ("doc_id", "url", "title", "pub_date", "publisher", "language", "text")

# Column names accepted without configuration for a field (besides the field's own name).
_ALIASES: Mapping[str, tuple[str, ...]] = MappingProxyType({"language": ("lang",)})

# Date layouts seen in news feeds and spreadsheets; day-first because most
# non-US news (and ACLED's Excel exports) write the day first.
_DATE_FORMATS: tuple[str, ...] = (
    "%Y-%m-%d",
    "%Y/%m/%d",
    "%d/%m/%Y",
    "%d-%m-%Y",
    "%d.%m.%Y",
    "%d/%m/%y",
    "%d-%b-%y",
    "%d-%b-%Y",
    "%d %b %Y",
    "%d %B %Y",
    "%b %d, %Y",
    "%B %d, %Y",
    "%b %d %Y",
    "%B %d %Y",
    "%Y%m%d",
)


@dataclass(frozen=True)
class ReadOptions:
    """How to read inputs. ``columns`` maps our field name -> the input's column name."""

    columns: dict[str, str] = field(default_factory=dict)
    max_mb: float = 50.0
    encodings: tuple[str, ...] = ("utf-8", "utf-8-sig", "cp1252", "latin-1")

    @property
    def max_bytes(self) -> int:
        return int(self.max_mb * 1024 * 1024)

    def column(self, name: str, available: Mapping[str, Any] | list[str]) -> str | None:
        """The input column holding our field ``name``, or None when absent."""
        wanted = self.expected(name)
        for col in wanted:
            if col in available:
                return col
        folded = {str(c).casefold(): str(c) for c in available}  # "NOTES" in old ACLED files
        for col in wanted:
            if col.casefold() in folded:
                return folded[col.casefold()]
        return None

    def expected(self, name: str) -> list[str]:
        """Column names tried for a field: the user's mapping first, then the defaults."""
        defaults = [name, *_ALIASES.get(name, ())]
        mapped = self.columns.get(name)
        return [mapped, *[d for d in defaults if d != mapped]] if mapped else defaults


def parse_date(value: object) -> date | None:
    """A date from the usual forms (ISO, d/m/Y, 9-May-20, RFC 2822, ISO datetime); None if unparsable."""
    if isinstance(value, datetime):
        return value.date()
    if isinstance(value, date):
        return value
    if value is None:
        return None
    text = str(value).strip()
    if not text:
        return None
    try:
        return datetime.fromisoformat(text.replace("Z", "+00:00")).date()
    except ValueError:
        pass
    for fmt in _DATE_FORMATS:
        try:
            return datetime.strptime(text, fmt).date()
        except ValueError:
            continue
    try:
        parsed = email.utils.parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        parsed = None
    return parsed.date() if parsed is not None else None


def _plausible(text: str) -> bool:
    """Decoded text looks like prose: almost no control or C1 characters."""
    if not text:
        return True
    bad = sum(1 for ch in text if unicodedata.category(ch) in ("Cc", "Co", "Cn") and ch not in "\t\n\r\f")
    return bad / len(text) < 0.001


# Control bytes that are no sign of binary data (tab, newline, form feed, carriage return, escape).
_TEXT_CONTROLS = frozenset((9, 10, 12, 13, 27))
_CONTROL_BYTES = bytes(b for b in range(32) if b not in _TEXT_CONTROLS)


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes in the first block mean a binary file."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    # control bytes counted in C (bytes.translate deletes them), not byte by byte: this runs on every JSONL line
    controls = len(head) - len(head.translate(None, _CONTROL_BYTES))
    return bool(head) and controls / len(head) > 0.05


def decode_bytes(data: bytes, origin: str, options: ReadOptions) -> str | InputError:
    """Text from bytes by the encodings in order; legacy 8-bit ones only when the result is plausible."""
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError:
            return InputError("E003", origin=origin)
    if looks_binary(data):
        return InputError("E002", origin=origin)
    for enc in options.encodings:
        try:
            text = data.decode(enc)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc.replace("_", "-").lower() in ("utf-8", "utf8", "utf-8-sig"):
            return text.removeprefix("\ufeff")
        if _plausible(text):
            return text
    return InputError("E003", origin=origin)


def _os_error(origin: str, exc: OSError) -> InputError:
    if isinstance(exc, FileNotFoundError):
        return InputError("E009", origin=origin)
    return InputError("E010", origin=origin, detail=exc.strerror or str(exc))


def open_binary(path: Path) -> BinaryIO | InputError:
    """The open file of a streamed (row) format, or the error naming it."""
    try:
        return path.open("rb")
    except OSError as exc:
        return _os_error(str(path), exc)


def read_small_file(path: Path, options: ReadOptions) -> bytes | InputError:
    """The bytes of a one-article file, or the error (missing, empty, too large)."""
    origin = str(path)
    try:
        size = path.stat().st_size
        if size > options.max_bytes:
            return InputError("E006", origin=origin, limit=options.max_mb)
        data = path.read_bytes()
    except OSError as exc:
        return _os_error(origin, exc)
    if not data.strip():
        return InputError("E001", origin=origin)
    return data


def read_small_text(path: Path, options: ReadOptions) -> str | InputError:
    """The decoded text of a one-article file, or the error (missing, empty, too large, undecodable)."""
    data = read_small_file(path, options)
    if isinstance(data, InputError):
        return data
    return decode_bytes(data, str(path), options)


def _clean_str(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, float) and value != value:  # NaN from spreadsheets
        return None
    text = str(value).strip()
    return text or None


def _normalize_lang(value: str | None) -> str | None:
    if not value:
        return None
    return re.split(r"[-_]", value.strip().lower(), maxsplit=1)[0] or None


def article_from_record(
    record: Mapping[str, Any],
    *,
    origin: str,
    default_id: str,
    options: ReadOptions,
) -> Iterator[Result]:
    """One article from a mapping of fields, plus a warning for an unparsable date.

    Yields the article (or E007 when it has no text) and, before it, an E011
    warning when the date cannot be read: the article is kept with no date.
    """
    def get(name: str) -> object:
        col = options.column(name, record)
        return record.get(col) if col is not None else None

    text = get("text")
    if text is None or not str(text).strip() or (isinstance(text, float) and text != text):
        yield InputError("E007", origin=origin)
        return
    raw_date = get("pub_date")
    pub_date = parse_date(raw_date)
    if pub_date is None and _clean_str(raw_date) is not None:
        yield InputError("E011", origin=origin, value=str(raw_date))
    yield Article(
        doc_id=_clean_str(get("doc_id")) or default_id,
        text=str(text),
        title=_clean_str(get("title")),
        url=_clean_str(get("url")),
        publisher=_clean_str(get("publisher")),
        pub_date=pub_date,
        language=_normalize_lang(_clean_str(get("language"))),
        origin=origin,
    )


def sniff_encoding(head: bytes, options: ReadOptions) -> str | None:
    """The encoding for streaming a file, judged on its first block (None: undecodable)."""
    import codecs

    for enc in options.encodings:
        try:
            text = codecs.getincrementaldecoder(enc)().decode(head, final=False)
        except (UnicodeDecodeError, LookupError):
            continue
        if enc.replace("_", "-").lower() in ("utf-8", "utf8"):
            return "utf-8-sig"
        if enc.lower() == "utf-8-sig" or _plausible(text):
            return enc
    return None
