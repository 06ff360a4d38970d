"""The actor dictionary: canonical actors, their kinds and aliases, and a mention finder.

Knowledge is data: named actors and the "(Country)" name patterns are rows of
``knowledge/actors.tsv``; countries (ACLED names, codes, regions, names per language)
are rows of ``knowledge/countries.tsv``; the words of each language (role nouns such
as "gunmen"/"warga", how a noun and a country combine, words that belong with a named
actor) are in ``packs/<lang>/actors.toml``. State forces of every country come from
the country list, never from hand-written rows. A named actor's row may give its kind in
the role column (``party``: a political party, whose members attacked are civilians);
a mention of it carries that kind as its ``role_kind``.

Matching is two pyahocorasick automata per language (one on the text as written for
acronyms such as "IS", "AS", "TNI"; one on lower-cased text for everything else).
Role nouns and country names are matched separately and joined by the pack's
templates, so "Iraqi troops", "tentara Irak" and "police of Iraq" need no expansion
of every noun by every country.
"""

from __future__ import annotations

import csv
import re
from dataclasses import dataclass
from pathlib import Path
from typing import Iterable, Sequence

import ahocorasick

from pantau.errors import PackError
from pantau.packs import PackSet
from pantau.records import ActorRef
from pantau.slots import maker

__all__ = [
    "ActorDictionary",
    "ActorMention",
    "CountryInfo",
    "canonical_match",
    "canonical_name",
    "KNOWLEDGE_DIR",
]

KNOWLEDGE_DIR = Path(__file__).parent
ACTORS_FILE = KNOWLEDGE_DIR / "actors.tsv"
COUNTRIES_FILE = KNOWLEDGE_DIR / "countries.tsv"

ACTOR_COLUMNS = ("name", "inter", "country", "role", "aliases", "source")
_PERIOD = re.compile(r"\s*\(\d{4}-(?:\d{4})?\)")
_ACRONYM_PREFIX = re.compile(r"^[^:]{1,40}:\s+(?=\S)")
_TAG = re.compile(r"^(\*|[a-z]{2,3}):(.*)$", re.S)
_SLOT = re.compile(r"\{(noun|name|demonym)\}")
_PLACEHOLDER = re.compile(r"\{(country|the_country)\}")
_AUTO_ACRONYM = re.compile(r"^[A-Z][A-Z0-9&/\-]{2,}$")
# Kinds a named actor's row may give in its role column (not a "(Country)" pattern): a political
# party, whose members attacked are civilians to ACLED (its armed wing has a row of its own).
NAMED_KINDS = ("party",)


def canonical_name(name: str) -> str:
    """ACLED's name without its regime periods: "Military Forces of Iraq (2018-)" -> "Military Forces of Iraq"."""
    return " ".join(_PERIOD.sub("", name).split())


def canonical_match(a: str | None, b: str | None) -> bool:
    """Same actor? Ignores ACLED's period suffixes, case, spacing, and a renamed acronym prefix
    ("QSD: Syrian Democratic Forces" is "SDF: Syrian Democratic Forces")."""
    if a is None or b is None:
        return a is None and b is None
    x, y = canonical_name(a).casefold(), canonical_name(b).casefold()
    if x == y:
        return True
    return _ACRONYM_PREFIX.sub("", x) == _ACRONYM_PREFIX.sub("", y)


# the words between a unit and its force named after it ("Densus 88 Antiteror Polri")
_UNIT_GAP_WORDS = re.compile(r"\w+")


def _unit_gap(gap: str) -> bool:
    """Between a unit and its force: nothing, or one capitalised word of the unit's full name
    ("Antiteror"), never a conjunction or a phrase ("pro-Houthi forces and pro-Hadi forces")."""
    words = _UNIT_GAP_WORDS.findall(gap)
    return len(words) <= 1 and all(w[0].isupper() for w in words) and not any(ch in ",;:.()" for ch in gap)

@dataclass(frozen=True, slots=True)
class CountryInfo:
    """One row of countries.tsv as the exporters need it (ACLED's name, numeric code, region)."""

    iso3: str
    iso2: str
    name: str  # ACLED's country name
    numeric: int
    region: str
    article: str = ""  # "the" when ACLED writes "Police Forces of the Philippines"

    @property
    def state_name(self) -> str:
        return f"{self.article} {self.name}" if self.article else self.name


@dataclass(frozen=True, slots=True)
class ActorMention:
    """One actor named in a text; offsets are into the text given to ``find``."""

    start: int
    end: int
    surface: str
    actor: ActorRef | None
    kind: str  # "named" | "state" | "generic"
    role_kind: str | None = None
    country: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    """A named actor row after parsing."""

    name: str
    inter: int
    country: str | None
    aliases: tuple[tuple[str, str, bool], ...]  # (lang or "*", alias, case-sensitive)
    origin: str
    kind: str | None = None  # one of NAMED_KINDS


@dataclass(frozen=True, slots=True)
class _Template:
    """A "(Country)" actor pattern: "Civilians ({country})" for role "civilians"."""

    pattern: str
    inter: int
    role: str


# The hit kind of a phrase that names no actor (actors.toml ``not_actors``).
_NOBODY = "nobody"


@dataclass(frozen=True, slots=True)
class _Hit:
    start: int
    end: int
    what: str  # "named" | "noun" | "name" | "demonym" | "nobody"
    value: str  # actor name, role, or iso3
    bare: bool = False


_make_hit = maker(_Hit)  # _Hit(...) for every dictionary hit of every sentence (see pantau.slots)


@dataclass(frozen=True, slots=True)
class _Join:
    """A compiled pack template: left slot, glue regex, right slot."""

    left: str
    glue: re.Pattern[str]
    right: str


class _LangIndex:
    """The compiled matcher of one language."""

    def __init__(self) -> None:
        self.ci = ahocorasick.Automaton()
        self.cs = ahocorasick.Automaton()
        self._ci: dict[str, list[_Hit]] = {}
        self._cs: dict[str, list[_Hit]] = {}
        self.joins: list[_Join] = []
        self.before: re.Pattern[str] | None = None
        self.after: re.Pattern[str] | None = None
        self.alternatives: re.Pattern[str] | None = None
        self.possessive: re.Pattern[str] | None = None

    def add(self, key: str, hit: _Hit, case_sensitive: bool) -> None:
        table = self._cs if case_sensitive else self._ci
        k = key if case_sensitive else key.lower()
        if not k.strip():
            return
        hits = table.setdefault(k, [])
        if hit not in hits:
            hits.append(hit)

    def compile(self) -> None:
        for table, auto in ((self._ci, self.ci), (self._cs, self.cs)):
            for key, hits in table.items():
                auto.add_word(key, (len(key), tuple(hits)))
            if len(auto):
                auto.make_automaton()


def _case_sensitive(text: str) -> bool:
    """Acronym-like words ("IS", "AS", "M23", "LeT", "al-Qaeda") must match as written."""
    for word in text.split():
        letters = [c for c in word if c.isalpha()]
        upper = sum(c.isupper() for c in letters)
        if upper >= 2 or (upper and any(c.isdigit() for c in word)):
            return True
        if any(c.isupper() for c in letters[1:]):
            return True
    return False


def _lower_same_length(text: str) -> str:
    low = text.lower()
    if len(low) == len(text):
        return low
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in text)


def _read_rows(path: Path, origin_code: str) -> list[tuple[int, dict[str, str]]]:
    """Rows of an actors TSV/CSV with their line numbers; raise a coded error on bad structure."""
    delimiter = "," if path.suffix.lower() == ".csv" else "\t"
    try:
        text = path.read_text(encoding="utf-8-sig")
    except FileNotFoundError as exc:
        raise PackError(origin_code, origin=str(path), detail="no such file") from exc
    except (OSError, UnicodeDecodeError) as exc:
        raise PackError(origin_code, origin=str(path), detail=f"cannot read: {exc}") from exc
    lines = text.splitlines()
    if not lines:
        raise PackError(origin_code, origin=str(path), detail="file is empty")
    if delimiter == ",":
        records = list(csv.reader(lines))
    else:
        records = [line.split("\t") for line in lines]
    header = [h.strip().lower() for h in records[0]]
    missing = [c for c in ("name", "inter") if c not in header]
    if missing:
        raise PackError(
            origin_code,
            origin=f"{path}:1",
            detail=f"header lacks column(s) {missing}; expected {list(ACTOR_COLUMNS)}",
        )
    unknown = [h for h in header if h not in ACTOR_COLUMNS]
    if unknown:
        raise PackError(origin_code, origin=f"{path}:1", detail=f"unknown column(s) {unknown}; allowed {list(ACTOR_COLUMNS)}")
    rows = []
    for lineno, rec in enumerate(records[1:], 2):
        if not any(f.strip() for f in rec) or rec[0].startswith("#"):
            continue
        if len(rec) > len(header):
            raise PackError(origin_code, origin=f"{path}:{lineno}", detail=f"{len(rec)} fields, header has {len(header)}")
        rows.append((lineno, {h: (rec[i].strip() if i < len(rec) else "") for i, h in enumerate(header)}))
    return rows


def _parse_aliases(field: str, origin: str, code: str) -> list[tuple[str, str, bool]]:
    out = []
    for raw in field.split("|"):
        raw = raw.strip()
        if not raw:
            continue
        m = _TAG.match(raw)
        lang, alias = (m.group(1), m.group(2)) if m else ("*", raw)
        forced = alias.startswith("=")
        alias = alias.removeprefix("=").strip()
        if not alias:
            raise PackError(code, origin=origin, detail=f"empty alias in {raw!r}")
        out.append((lang, alias, forced or _case_sensitive(alias)))
    return out


def _entries_from_rows(
    rows: list[tuple[int, dict[str, str]]],
    path: Path,
    code: str,
    countries: dict[str, CountryInfo],
) -> tuple[list[_Entry], list[_Template]]:
    entries: list[_Entry] = []
    templates: list[_Template] = []
    for lineno, row in rows:
        origin = f"{path}:{lineno}"
        name = row.get("name", "")
        if not name:
            raise PackError(code, origin=origin, detail="name is empty")
        try:
            inter = int(row.get("inter", ""))
        except ValueError:
            raise PackError(code, origin=origin, detail=f"inter {row.get('inter')!r} is not an integer 1..8") from None
        if not 1 <= inter <= 8:
            raise PackError(code, origin=origin, detail=f"inter {inter} is outside 1..8")
        country = row.get("country", "") or None
        role = row.get("role", "") or None
        kind = role if role in NAMED_KINDS and country != "*" else None
        if kind is not None:
            role = None
        if role or country == "*":
            if not (role and country == "*" and _PLACEHOLDER.search(name)):
                raise PackError(
                    code,
                    origin=origin,
                    detail="a role row needs country '*' and a {country} or {the_country} placeholder in its name",
                )
            # one pattern may serve several roles ("civilians|crowd": the same actor, told apart by what it does)
            templates.extend(_Template(name, inter, r) for r in role.split("|"))
            continue
        if country is not None and country not in countries:
            raise PackError(code, origin=origin, detail=f"unknown country code {country!r} (use ISO 3166 alpha-3)")
        if _PLACEHOLDER.search(name) or "{" in name:
            raise PackError(code, origin=origin, detail="placeholders are only allowed in role rows")
        aliases = _parse_aliases(row.get("aliases", ""), origin, code)
        entries.append(_Entry(canonical_name(name), inter, country, tuple(aliases), origin, kind))
    return entries, templates


def _load_countries(path: Path) -> tuple[dict[str, CountryInfo], dict[str, dict[str, str]]]:
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.DictReader(fh, delimiter="\t"))
    infos = {
        r["iso3"]: CountryInfo(r["iso3"], r["iso2"], r["acled_name"], int(r["numeric"] or 0), r["region"], r["article"])
        for r in rows
    }
    return infos, {r["iso3"]: r for r in rows}


def _compile_glue(text: str) -> re.Pattern[str]:
    """Literal glue of a template, with flexible spaces and either apostrophe."""
    out = []
    for ch in text:
        if ch.isspace():
            if not out or out[-1] != r"\s+":
                out.append(r"\s+")
        elif ch in "'’":
            out.append("['’]")
        else:
            out.append(re.escape(ch))
    return re.compile("".join(out), re.I)


def _compile_template(template: str) -> _Join:
    slots = _SLOT.findall(template)
    parts = _SLOT.split(template)
    if len(slots) != 2 or "noun" not in slots or parts[0] or parts[-1]:
        raise ValueError(f"template {template!r} must be two slots ({{noun}} and {{name}} or {{demonym}}) joined by text")
    return _Join(slots[0], _compile_glue(parts[2]), slots[1])


def _word_alternation(words: Iterable[str], left: bool) -> re.Pattern[str] | None:
    words = sorted({w for w in words if w}, key=len, reverse=True)
    if not words:
        return None
    alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in words)
    if left:  # "kelompok ISIS": head word then space, anchored at the mention
        return re.compile(rf"(?<![\w])(?:{alt})\s+$", re.I)
    return re.compile(rf"\s+(?:{alt})(?![\w])", re.I)


class ActorDictionary:
    """Canonical actors with kinds, countries and aliases per language; finds their mentions."""

    def __init__(
        self,
        countries: dict[str, CountryInfo],
        country_rows: dict[str, dict[str, str]],
        entries: Sequence[_Entry],
        templates: Sequence[_Template],
        pack_tables: dict[str, dict],
    ) -> None:
        self._countries = countries
        self._templates = {t.role: t for t in templates}
        merged: dict[str, _Entry] = {}
        for e in entries:  # later rows (user files) extend or override earlier ones
            old = merged.get(e.name)
            if old is not None:
                e = _Entry(e.name, e.inter, e.country, old.aliases + e.aliases, e.origin, e.kind or old.kind)
            merged[e.name] = e
        self._entries = merged
        self._index: dict[str, _LangIndex] = {}
        for lang, table in pack_tables.items():
            self._index[lang] = self._build_index(lang, table, country_rows)

    @classmethod
    def load(cls, packs: PackSet, user_files: Sequence[Path] = ()) -> "ActorDictionary":
        """The built-in dictionary plus the users' own rows (TSV or CSV with actors.tsv's columns)."""
        countries, country_rows = _load_countries(COUNTRIES_FILE)
        rows = _read_rows(ACTORS_FILE, "E051")
        entries, templates = _entries_from_rows(rows, ACTORS_FILE, "E051", countries)
        for path in user_files:
            path = Path(path)
            user_entries, user_templates = _entries_from_rows(_read_rows(path, "E050"), path, "E050", countries)
            entries += user_entries
            templates += user_templates
        tables = {pack.lang: pack.get("actors") for pack in packs}
        return cls(countries, country_rows, entries, templates, tables)

    # -- building ---------------------------------------------------------------------------

    def _build_index(self, lang: str, table: dict, country_rows: dict[str, dict[str, str]]) -> _LangIndex:
        idx = _LangIndex()
        for e in self._entries.values():
            explicit = {alias for _, alias, _ in e.aliases}
            suppressed = {alias[1:] for alias in explicit if alias.startswith("!")}
            forms: list[tuple[str, bool]] = [(e.name, _case_sensitive(e.name))]
            if ": " in e.name:  # "PKK: Kurdistan Workers Party" names "PKK" and "Kurdistan Workers Party"
                acronym, long_name = e.name.split(": ", 1)
                forms.append((long_name, _case_sensitive(long_name)))
                if _AUTO_ACRONYM.match(acronym) and acronym not in explicit and acronym not in suppressed:
                    forms.append((acronym, True))
            forms += [(alias, cs) for tag, alias, cs in e.aliases if tag in ("*", lang) and not alias.startswith("!")]
            for alias, cs in forms:
                idx.add(alias, _Hit(0, 0, "named", e.name), cs)
        countries_cfg = table.get("countries", {})
        for col_key, what in (("name_columns", "name"), ("demonym_columns", "demonym")):
            for col in countries_cfg.get(col_key, []):
                for iso3, row in country_rows.items():
                    for name in (row.get(col) or "").split("|"):
                        if name.strip():
                            idx.add(name.strip(), _Hit(0, 0, what, iso3), _case_sensitive(name))
        for role, words in table.get("roles", {}).items():
            bare = set(words.get("bare", []))
            for word in set(words.get("nouns", [])) | bare:
                idx.add(word, _Hit(0, 0, "noun", role, word in bare), _case_sensitive(word))
        for phrase in table.get("not_actors", []):
            # "armed men in civilian clothes": a phrase that holds an actor word yet names no one;
            # matched as the longer phrase, it hides the word inside it
            idx.add(phrase, _Hit(0, 0, _NOBODY, ""), _case_sensitive(phrase))
        idx.joins = [_compile_template(t) for t in countries_cfg.get("templates", [])]
        heads = table.get("heads", {})
        idx.before = _word_alternation(heads.get("before", []), left=True)
        idx.after = _word_alternation(heads.get("after", []), left=False)
        words = table.get("alternatives", [])
        if words:  # the whole gap between two names: " or ", " and/or "
            alt = "|".join(re.escape(w).replace(r"\ ", r"\s+") for w in sorted(words, key=len, reverse=True))
            idx.alternatives = re.compile(rf"\s+(?:{alt})\s+", re.I)
        marks = table.get("possessive", [])
        if marks:  # the whole gap between an owner and what it owns: "'s "
            alt = "|".join(re.escape(w) for w in sorted(marks, key=len, reverse=True))
            idx.possessive = re.compile(rf"(?:{alt})\s+", re.I)
        idx.compile()
        return idx

    # -- lookups ----------------------------------------------------------------------------

    @property
    def roles(self) -> tuple[str, ...]:
        return tuple(self._templates)

    def country_info(self, iso3: str) -> CountryInfo:
        """ACLED's name, numeric code and region of a country (KeyError when unknown)."""
        return self._countries[iso3]

    def actor(self, name: str) -> ActorRef | None:
        """The named actor with this canonical name (periods ignored), if any."""
        e = self._entries.get(canonical_name(name))
        return ActorRef(e.name, e.inter, e.country) if e else None

    def named_actors(self) -> tuple[ActorRef, ...]:
        return tuple(ActorRef(e.name, e.inter, e.country) for e in self._entries.values())

    def _fill(self, role: str, iso3: str | None) -> ActorRef:
        template = self._templates.get(role)
        if template is None:
            raise KeyError(f"no actor pattern for role {role!r}; known roles: {sorted(self._templates)}")
        if iso3 is None:
            plain = state = "International"
        else:
            info = self._countries[iso3]
            plain, state = info.name, info.state_name
        name = template.pattern.replace("{the_country}", state).replace("{country}", plain)
        return ActorRef(name, template.inter, iso3)

    def state(self, role_kind: str, iso3: str) -> ActorRef:
        """State forces of a country: state("police", "IDN") -> Police Forces of Indonesia."""
        return self._fill(role_kind, iso3)

    def generic(self, role_kind: str, iso3: str | None) -> ActorRef:
        """A "(Country)" actor: generic("civilians", "IRQ") -> Civilians (Iraq); no country -> (International)."""
        return self._fill(role_kind, iso3)

    def localize(self, ref: ActorRef, event_country: str | None) -> ActorRef:
        """ACLED codes state forces acting outside their own country as external forces (inter 8)."""
        if ref.inter == 1 and ref.country and event_country and ref.country != event_country:
            return ActorRef(ref.name, 8, ref.country)
        return ref

    def complete(self, mention: ActorMention, country: str | None, as_role: str | None = None) -> ActorRef | None:
        """The actor of a mention in an event of ``country``: fills "warga" -> Civilians (Iraq),
        "police" -> Police Forces of Indonesia, and marks forces abroad as inter 8. ``as_role``
        recodes a generic mention (residents who protest are Protesters)."""
        if mention.actor is not None and (mention.kind == "named" or as_role is None):
            return self.localize(mention.actor, country)
        role = as_role or mention.role_kind
        iso3 = mention.country or country
        if role is None or iso3 is None or iso3 not in self._countries:
            return None
        return self.localize(self._fill(role, iso3), country)

    # -- finding ----------------------------------------------------------------------------

    def find(self, text: str, start: int = 0, end: int | None = None, lang: str = "en") -> list[ActorMention]:
        """Actor mentions inside text[start:end] (absolute offsets), longest match first, whole words only."""
        end = len(text) if end is None else end
        idx = self._index.get(lang)
        if idx is None:
            raise KeyError(f"no actor data for language {lang!r}; known: {sorted(self._index)}")
        hits = self._raw_hits(idx, text, start, end)
        if not hits:
            return []  # (many sentences name no one)
        candidates = self._candidates(idx, text, hits, start, end)
        # a phrase that names no one ("civilian clothes", "military reinforcements") hides the bare
        # role nouns inside it, not a longer mention it overlaps ("Syrian military reinforcements")
        nobody = [(c[0], c[1]) for c in candidates if c[2] == _NOBODY]
        candidates = [
            c for c in candidates
            if c[2] != _NOBODY and not (c[2] == "noun" and c[4] is None and any(s <= c[0] and c[1] <= e for s, e in nobody))
        ]
        chosen: list[tuple[int, int, str, str, str | None]] = []
        taken: list[tuple[int, int]] = []
        for c in sorted(candidates, key=lambda c: (-(c[1] - c[0]), c[0], _PRIORITY[c[2]])):
            if any(c[0] < e and s < c[1] for s, e in taken):
                continue
            taken.append((c[0], c[1]))
            chosen.append(c)
        chosen.sort(key=lambda c: c[0])
        mentions = self._owners_after_units(text, self._owned_units(idx, text, [self._mention(text, c) for c in chosen]))
        return self._alternatives(idx, text, mentions)

    @staticmethod
    def _owned_units(idx: _LangIndex, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """"a member of the regime's 4th Division": a generic owner told before a named unit it owns
        is the unit's description, not a second actor; the named unit stands for both. So is one
        person told as the owner of a group of people ("assaulted by a woman's kin"): the group acted."""
        if idx.possessive is None or len(mentions) < 2:
            return mentions
        drop = {
            i for i, (a, b) in enumerate(zip(mentions, mentions[1:]))
            if (a.kind in ("generic", "state") and b.kind == "named" or a.kind == b.kind == "generic")
            and idx.possessive.fullmatch(text, a.end, b.start)
        }
        return [m for i, m in enumerate(mentions) if i not in drop]

    @staticmethod
    def _owners_after_units(text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """"Detasemen Khusus (Densus) 88 Antiteror Polri menangkap": a state force named right after
        one of its own units (at most one word between) is the unit's description; the unit acts."""
        drop = {
            i + 1 for i, (a, b) in enumerate(zip(mentions, mentions[1:]))
            if a.actor is not None and b.actor is not None and a.actor.inter == b.actor.inter
            and a.actor.name.startswith(b.actor.name + " ")
            and _unit_gap(text[a.end : b.start])
        }
        return [m for i, m in enumerate(mentions) if i not in drop]

    def _alternatives(self, idx: _LangIndex, text: str, mentions: list[ActorMention]) -> list[ActorMention]:
        """"presumed JNIM or ISGS militants": a report that names two groups as alternative
        perpetrators is coded as ACLED's combined actor ("X and/or Y"), when the dictionary has one."""
        if idx.alternatives is None or len(mentions) < 2:
            return mentions
        out: list[ActorMention] = []
        i = 0
        while i < len(mentions):
            a = mentions[i]
            b = mentions[i + 1] if i + 1 < len(mentions) else None
            both = None
            if b is not None and a.kind == b.kind == "named" and a.actor is not None and b.actor is not None:
                gap = idx.alternatives.fullmatch(text, a.end, b.start)
                if gap is not None:
                    both = self._entries.get(f"{a.actor.name} and/or {b.actor.name}") or self._entries.get(
                        f"{b.actor.name} and/or {a.actor.name}"
                    )
            if both is not None and b is not None:
                ref = ActorRef(both.name, both.inter, both.country)
                out.append(ActorMention(a.start, b.end, text[a.start : b.end], ref, "named", None, both.country))
                i += 2
                continue
            out.append(a)
            i += 1
        return out

    def _raw_hits(self, idx: _LangIndex, text: str, start: int, end: int) -> list[_Hit]:
        segment = text[start:end]
        out: list[_Hit] = []
        n = len(text)
        make = _make_hit
        for auto, hay in ((idx.ci, _lower_same_length(segment)), (idx.cs, segment)):
            if not len(auto):
                continue
            for last, (length, payloads) in auto.iter(hay):
                s, e = start + last - length + 1, start + last + 1
                # whole words only: no word character (alphanumeric or _) on both sides of either end
                if s > 0 and ((c := text[s - 1]).isalnum() or c == "_") and ((c := text[s]).isalnum() or c == "_"):
                    continue
                if e < n and ((c := text[e]).isalnum() or c == "_") and ((c := text[e - 1]).isalnum() or c == "_"):
                    continue
                out.extend(make(s, e, p.what, p.value, p.bare) for p in payloads)
        return out

    @staticmethod
    def _with_heads(idx: _LangIndex, text: str, s: int, e: int, lo: int, hi: int) -> tuple[int, int]:
        """Widen a named actor over the words that belong with it ("kelompok ISIS", "Taliban militants")."""
        if idx.before is not None:
            m = idx.before.search(text, max(lo, s - 40), s)
            if m is not None:
                s = m.start()
        if idx.after is not None:
            m = idx.after.match(text, e, hi)
            if m is not None:
                e = m.end()
        return s, e

    def _candidates(
        self, idx: _LangIndex, text: str, hits: list[_Hit], lo: int, end: int
    ) -> list[tuple[int, int, str, str, str | None]]:
        """(start, end, kind, value, country): named actors, role nouns (bare), and noun+country joins."""
        out: list[tuple[int, int, str, str, str | None]] = []
        by_start: dict[int, list[_Hit]] = {}
        for h in hits:
            by_start.setdefault(h.start, []).append(h)
            if h.what == "named":
                s, e = self._with_heads(idx, text, h.start, h.end, lo, end)
                out.append((s, e, "named", h.value, None))
            elif h.what == "noun" and h.bare or h.what == _NOBODY:
                out.append((h.start, h.end, h.what, h.value, None))
        for h in hits:
            for join in idx.joins:
                if h.what != join.left:
                    continue
                m = join.glue.match(text, h.end)
                if m is None or m.start() != h.end or m.end() > end:
                    continue
                for other in by_start.get(m.end(), ()):
                    if other.what != join.right:
                        continue
                    noun, place = (h, other) if join.left == "noun" else (other, h)
                    out.append((h.start, other.end, "noun", noun.value, place.value))
        return out

    def _mention(self, text: str, c: tuple[int, int, str, str, str | None]) -> ActorMention:
        s, e, kind, value, country = c
        if kind == "named":
            entry = self._entries[value]
            ref = ActorRef(entry.name, entry.inter, entry.country)
            return ActorMention(s, e, text[s:e], ref, "named", entry.kind, entry.country)
        template = self._templates.get(value)
        state = template is not None and template.inter == 1
        ref = self._fill(value, country) if (country is not None and template is not None) else None
        return ActorMention(s, e, text[s:e], ref, "state" if state else "generic", value, country)


_PRIORITY = {"named": 0, "noun": 1}
