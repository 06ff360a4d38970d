"""One catalogue of coded, user-facing errors.

Every message names the file (and line or key) it is about, so that a user can
fix the input without reading a traceback.
"""

from __future__ import annotations

__all__ = ["PantauError", "InputError", "PackError", "StoreError", "ERRORS"]

# code -> message template. Codes are stable: tests and users may grep for them.
ERRORS: dict[str, str] = {
    "E001": "{origin}: file is empty",
    "E002": "{origin}: not a text file (binary content)",
    "E003": "{origin}: cannot decode as UTF-8 or a known encoding",
    "E004": "{origin}: invalid JSON: {detail}",
    "E005": "{origin}: no text column; expected one of {expected}, found {found}",
    "E006": "{origin}: file is larger than the {limit} MB limit (use --max-mb to raise it)",
    "E007": "{origin}: record has no text",
    "E008": "{origin}: unsupported input type {suffix!r}",
    "E009": "{origin}: no such file or directory",
    "E010": "{origin}: cannot read: {detail}",
    "E011": "{origin}: invalid date {value!r} (expected YYYY-MM-DD)",
    "E012": "{origin}: invalid CSV: {detail}",
    "E013": "{origin}: invalid Parquet: {detail}",
    "E014": "{origin}: invalid WARC: {detail}",
    "E020": "{origin}: language pack error: {detail}",
    "E030": "{origin}: store error: {detail}",
    "E031": "{origin}: no event {event_id!r} in the store",
    "E040": "{origin}: invalid gold file: {detail}",
    "E050": "{origin}: invalid user data file: {detail}",
    "E051": "{origin}: invalid built-in actor dictionary: {detail}",
    "E052": "{origin}: invalid merge rules: {detail}",
}


class PantauError(Exception):
    """Base error: carries a catalogue code and the formatted message."""

    code = "E000"

    def __init__(self, code: str, **fields: object) -> None:
        self.code = code
        self.fields = fields
        template = ERRORS.get(code, "{origin}: {detail}")
        try:
            message = template.format(**fields)
        except (KeyError, IndexError):
            message = f"{fields.get('origin', '?')}: {fields}"
        super().__init__(f"[{code}] {message}")


class InputError(PantauError):
    """A problem with one input file or record; the rest of the batch goes on."""


class PackError(PantauError):
    """A language pack or dictionary file is malformed."""


class StoreError(PantauError):
    """The event store cannot be opened or written."""
