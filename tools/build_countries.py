"""Build src/pantau/knowledge/countries.tsv from pycountry plus its own curated columns.

Derived columns (rewritten on every build, from the installed pycountry):
``iso3, iso2, numeric, names_en, names_id, names_ms`` — English names, and the
Indonesian/Malay names of pycountry's gettext catalogues (only real translations;
inverted forms such as "Iran, Republik Islam" are dropped because no text says them).

Curated columns (kept from the committed file, edited by hand):
``acled_name`` (ACLED's country name), ``article`` ("the" when ACLED writes
"Police Forces of the Philippines"), ``region`` (ACLED's region name),
``demonyms_en``, ``extra_en``, ``extra_id``, ``extra_ms`` (more names people use:
"AS", "Suriah", "Inggris"). Rows for codes pycountry lacks (Kosovo, XKX) are kept
verbatim. A test rebuilds the file in memory and compares it with what ships.

Usage: python tools/build_countries.py [--check]
"""

from __future__ import annotations

import csv
import gettext
import io
import sys
from pathlib import Path

import pycountry

OUT = Path(__file__).resolve().parents[1] / "src" / "pantau" / "knowledge" / "countries.tsv"

COLUMNS = (
    "iso3",
    "iso2",
    "numeric",
    "acled_name",
    "article",
    "region",
    "names_en",
    "demonyms_en",
    "extra_en",
    "names_id",
    "extra_id",
    "names_ms",
    "extra_ms",
)
CURATED = ("acled_name", "article", "region", "demonyms_en", "extra_en", "extra_id", "extra_ms")


def _join(names: list[str]) -> str:
    """Dedupe (keeping order), drop inverted 'X, Y of' forms and join with '|'."""
    kept = [n.strip() for n in names if n and "," not in n]
    return "|".join(dict.fromkeys(kept))


def read_curated(path: Path = OUT) -> dict[str, dict[str, str]]:
    """Rows of the committed file keyed by iso3 (all columns; the builder keeps the curated ones)."""
    if not path.is_file():
        return {}
    with path.open(encoding="utf-8", newline="") as fh:
        return {row["iso3"]: row for row in csv.DictReader(fh, delimiter="\t")}


def build(curated: dict[str, dict[str, str]]) -> str:
    """The full text of countries.tsv: pycountry-derived columns merged with the curated ones."""
    locales = pycountry.LOCALES_DIR
    tr_id = gettext.translation("iso3166-1", locales, languages=["id"])
    tr_ms = gettext.translation("iso3166-1", locales, languages=["ms"])
    rows: dict[str, dict[str, str]] = {}
    for c in pycountry.countries:
        english = [c.name, getattr(c, "common_name", ""), getattr(c, "official_name", "")]
        english = [n.removeprefix("the ") for n in english if n]
        base = [c.name, getattr(c, "common_name", "")]
        base = [n for n in base if n]
        cur = curated.get(c.alpha_3, {})
        row = {k: cur.get(k, "") for k in CURATED}
        row["acled_name"] = row["acled_name"] or getattr(c, "common_name", c.name)
        row.update(
            iso3=c.alpha_3,
            iso2=c.alpha_2,
            numeric=str(int(c.numeric)),
            names_en=_join(english),
            names_id=_join([tr_id.gettext(n) for n in base]),
            names_ms=_join([t for t in (tr_ms.gettext(n) for n in base) if t not in base]),
        )
        rows[c.alpha_3] = row
    for iso3, cur in curated.items():  # codes pycountry does not know (XKX) stay as curated
        if iso3 not in rows:
            rows[iso3] = {k: cur.get(k, "") for k in COLUMNS}
    buf = io.StringIO()
    writer = csv.DictWriter(buf, fieldnames=COLUMNS, delimiter="\t", lineterminator="\n")
    writer.writeheader()
    for iso3 in sorted(rows):
        writer.writerow(rows[iso3])
    return buf.getvalue()


def main(argv: list[str]) -> int:
    text = build(read_curated(OUT))
    if "--check" in argv:
        same = OUT.is_file() and OUT.read_text(encoding="utf-8") == text
        print("countries.tsv is up to date" if same else "countries.tsv differs from a fresh build")
        return 0 if same else 1
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
