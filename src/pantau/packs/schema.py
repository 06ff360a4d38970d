"""Schemas of the pack files, checked by tests/packs/test_schema.py over every pack.

Each entry maps a file name (without .toml) to a validator returning a list of
problems ("key: what is wrong"); an empty list means the file is valid. A file
that is absent from a pack is not checked (the feature is absent).
"""

from __future__ import annotations

import re
from typing import Any, Callable

__all__ = ["SCHEMAS", "validate_pack_file", "check_regexes", "check_keys"]

Validator = Callable[[dict[str, Any]], list[str]]


def check_keys(data: dict[str, Any], allowed: set[str], required: set[str] = frozenset()) -> list[str]:
    problems = [f"{k}: unknown key (allowed: {sorted(allowed)})" for k in data if k not in allowed]
    problems += [f"{k}: required key missing" for k in required if k not in data]
    return problems


def check_regexes(patterns: list[str], where: str) -> list[str]:
    problems = []
    for i, pat in enumerate(patterns):
        try:
            re.compile(pat)
        except re.error as exc:
            problems.append(f"{where}[{i}]: regex does not compile: {exc}")
    return problems


def _pack_meta(data: dict[str, Any]) -> list[str]:
    problems = check_keys(data, {"lang", "name", "confusable", "cue_words"}, {"lang", "name"})
    if not isinstance(data.get("confusable", []), list):
        problems.append("confusable: must be a list of language codes")
    problems += _string_list(data, "cue_words")
    return problems


def _string_list(data: dict[str, Any], key: str, where: str | None = None) -> list[str]:
    value = data.get(key, [])
    where = where or key
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        return [f"{where}: must be a list of strings"]
    return []


def _boilerplate(data: dict[str, Any]) -> list[str]:
    """boilerplate.toml: regex lists for link blocks, lines, spam; byline and dateline tables."""
    lists = ("related_block", "related_inline", "lines", "separators", "spam")
    problems = check_keys(data, {*lists, "byline", "dateline"})
    for key in lists:
        found = _string_list(data, key)
        problems += found or check_regexes(data.get(key, []), key)
    byline = data.get("byline", {})
    if not isinstance(byline, dict):
        problems.append("byline: must be a table")
    else:
        problems += [f"byline.{p}" for p in check_keys(byline, {"patterns", "place_split"}, {"patterns"})]
        for key in ("patterns", "place_split"):
            found = _string_list(byline, key, f"byline.{key}")
            problems += found or check_regexes(byline.get(key, []), f"byline.{key}")
    dateline = data.get("dateline", {})
    if not isinstance(dateline, dict):
        problems.append("dateline: must be a table")
    else:
        problems += [f"dateline.{p}" for p in check_keys(dateline, {"patterns", "months"}, {"patterns"})]
        found = _string_list(dateline, "patterns", "dateline.patterns")
        problems += found or check_regexes(dateline.get("patterns", []), "dateline.patterns")
        allowed_groups = {"place", "country", "publisher", "agency", "day", "month", "year", "month_name"}
        for i, pat in enumerate(dateline.get("patterns", []) if not found else []):
            try:
                groups = set(re.compile(pat).groupindex)
            except re.error:
                continue
            problems += [f"dateline.patterns[{i}]: unknown group {g!r}" for g in sorted(groups - allowed_groups)]
        months = dateline.get("months", {})
        if not isinstance(months, dict) or not all(
            isinstance(v, int) and 1 <= v <= 12 for v in months.values()
        ):
            problems.append("dateline.months: must map month names to 1..12")
    return problems


def _sentences(data: dict[str, Any]) -> list[str]:
    """sentences.toml: abbreviations that end in a period but not a sentence."""
    problems = check_keys(data, {"abbreviations"})
    problems += _string_list(data, "abbreviations")
    problems += [
        f"abbreviations: {a!r} must end with '.' and contain no space"
        for a in data.get("abbreviations", [])
        if isinstance(a, str) and (not a.endswith(".") or " " in a)
    ]
    return problems


PLACE_RELATIONS = ("in", "near", "to", "from")
PLACE_TYPES = ("province", "district", "city", "village", "site", "seat")


def _places(data: dict[str, Any]) -> list[str]:
    """places.toml: cue words around place names (pantau.stages.normalize.places)."""
    problems = check_keys(data, {"relations", "types", "fillers", "near_patterns", "not_places",
                                 "not_place_before", "not_place_after", "institutions",
                                 "directions_after", "directions_before", "common_words", "respellings",
                                 "route_words", "embassy_words", "name_links", "home_words"},
                          {"relations", "types"})

    def words(value: Any, where: str) -> list[str]:
        if not isinstance(value, list) or not all(isinstance(w, str) and w.strip() for w in value):
            return [f"{where}: must be a list of non-empty strings"]
        return [f"{where}: {w!r} must be folded (lower case, no punctuation)"
                for w in value if w != w.lower() or any(not (c.isalnum() or c == " ") for c in w)]

    for table, allowed in (("relations", PLACE_RELATIONS), ("types", PLACE_TYPES)):
        section = data.get(table, {})
        if not isinstance(section, dict):
            problems.append(f"{table}: must be a table")
            continue
        problems += check_keys(section, set(allowed))
        for key, value in section.items():
            problems += words(value, f"{table}.{key}")
    for key in ("fillers", "not_places", "not_place_before", "not_place_after", "institutions",
                "directions_after", "directions_before", "common_words", "route_words", "embassy_words",
                "name_links", "home_words"):
        if key in data:
            problems += words(data[key], key)
    respell = data.get("respellings", {})
    if not isinstance(respell, dict):
        problems.append("respellings: must be a table")
    else:
        problems += check_keys(respell, {"endings", "inside"})
        for key, groups in respell.items():
            if not isinstance(groups, list) or not all(isinstance(g, list) and len(g) > 1 for g in groups):
                problems.append(f"respellings.{key}: must be a list of groups of two or more spellings")
                continue
            for i, g in enumerate(groups):
                problems += [f"respellings.{key}[{i}]: {w!r} must be lower-case letters"
                             for w in g if not (isinstance(w, str) and w.isalpha() and w == w.lower())]
    patterns = data.get("near_patterns", [])
    if not isinstance(patterns, list):
        problems.append("near_patterns: must be a list of regexes")
    else:
        problems += check_regexes(patterns, "near_patterns")
        problems += [f"near_patterns[{i}]: must end with $ (it matches right before the name)"
                     for i, pat in enumerate(patterns) if not pat.endswith("$")]
    return problems


NUMBER_KINDS = ("unit", "multiplier", "teen", "scale")
NUMBER_QUALIFIERS = ("at_least", "about", "more_than", "up_to")
NOT_COUNTS = ("percent", "time_before", "time_after", "ordinal_before", "day_before", "currency_before",
              "year_exempt_before")


def _is_str_list(value: Any) -> bool:
    return isinstance(value, list) and all(isinstance(v, str) and v.strip() for v in value)


def _numbers(data: dict[str, Any]) -> list[str]:
    """numbers.toml: number words, vague quantities, qualifiers (pantau.stages.normalize.numbers)."""
    problems = check_keys(data, {"thousands_sep", "decimal_sep", "connectors", "unit_skip", "words", "vague",
                                 "qualifiers", "qualifiers_after", "not_counts", "spell"}, {"words", "spell"})
    for key in ("thousands_sep", "decimal_sep"):
        if key in data and data[key] not in (".", ",", " ", "'"):
            problems.append(f"{key}: must be one of '.', ',', ' ', \"'\"")
    if data.get("thousands_sep", ",") == data.get("decimal_sep", "."):
        problems.append("decimal_sep: must differ from thousands_sep")
    for key in ("connectors", "unit_skip"):
        if key in data and not (_is_str_list(data[key]) or data[key] == []):
            problems.append(f"{key}: must be a list of strings")
    for word, spec in data.get("words", {}).items():
        if not isinstance(spec, dict):
            problems.append(f"words.{word}: must be a table {{value, kind}}")
            continue
        problems += [f"words.{word}.{p}" for p in check_keys(spec, {"value", "kind", "alone", "weak"}, {"value", "kind"})]
        if not isinstance(spec.get("value"), int) or spec.get("value", -1) < 0:
            problems.append(f"words.{word}.value: must be a non-negative integer")
        if spec.get("kind") not in NUMBER_KINDS:
            problems.append(f"words.{word}.kind: must be one of {list(NUMBER_KINDS)}")
        for flag in ("alone", "weak"):
            if flag in spec and not isinstance(spec[flag], bool):
                problems.append(f"words.{word}.{flag}: must be true or false")
    for word, value in data.get("vague", {}).items():
        if not isinstance(value, int) or value < 1:
            problems.append(f"vague.{word}: must be a positive integer")
        if word in data.get("words", {}):
            problems.append(f"vague.{word}: also in [words]")
    for table in ("qualifiers", "qualifiers_after"):
        section = data.get(table, {})
        problems += [f"{table}.{p}" for p in check_keys(section, set(NUMBER_QUALIFIERS))]
        problems += [f"{table}.{k}: must be a list of strings" for k, v in section.items() if not _is_str_list(v)]
    nc = data.get("not_counts", {})
    problems += [f"not_counts.{p}" for p in check_keys(nc, set(NOT_COUNTS))]
    problems += [f"not_counts.{k}: must be a list of strings" for k, v in nc.items() if not isinstance(v, list)
                 or not all(isinstance(x, str) for x in v)]
    spell = data.get("spell", {})
    problems += [f"spell.{p}" for p in check_keys(spell, {"below_twenty", "tens", "tens_join", "scales"},
                                                   {"below_twenty", "tens", "scales"})]
    if len(spell.get("below_twenty", [])) != 20:
        problems.append("spell.below_twenty: must list the words for 0..19")
    if len(spell.get("tens", [])) != 8:
        problems.append("spell.tens: must list the words for 20, 30 .. 90")
    scales = spell.get("scales", [])
    if not isinstance(scales, list) or not all(
        isinstance(s, dict) and isinstance(s.get("value"), int) and isinstance(s.get("name"), str) for s in scales
    ):
        problems.append("spell.scales: must be a list of {value, name, one?}")
    elif 100 not in [s["value"] for s in scales]:
        problems.append("spell.scales: must include the hundreds (value = 100)")
    return problems


DATE_WORD_LISTS = ("case_sensitive", "weekday_prefix", "day_parts", "month_cues", "month_filler", "year_cues",
                   "day_suffixes", "range_joiners", "range_prefix", "range_joiners_after_prefix",
                   "approx_before", "approx_after")
WEEK_MODES = ("on_or_before", "before", "previous_week")
DATE_PARTS = ("early", "mid", "late", "earlier")
DATE_PERIODS = ("week", "weekend", "month", "year")


def _dates(data: dict[str, Any]) -> list[str]:
    """dates.toml: months, weekdays, relative phrases (pantau.stages.normalize.dates)."""
    problems = check_keys(data, {"numeric_order", "months", "weekdays", "words", "weekday_after", "weekday_before",
                                 "relative", "periods", "parts", "offsets", "anchor_phrases"},
                          {"months", "weekdays"})
    if data.get("numeric_order", "dmy") not in ("dmy", "mdy"):
        problems.append("numeric_order: must be 'dmy' or 'mdy'")
    months = data.get("months", {})
    problems += [f"months.{k}: must be 1..12" for k, v in months.items() if not isinstance(v, int) or not 1 <= v <= 12]
    if set(months.values()) != set(range(1, 13)):
        problems.append("months: every month 1..12 needs a name")
    weekdays = data.get("weekdays", {})
    problems += [f"weekdays.{k}: must be 0 (Monday)..6 (Sunday)" for k, v in weekdays.items()
                 if not isinstance(v, int) or not 0 <= v <= 6]
    if set(weekdays.values()) != set(range(7)):
        problems.append("weekdays: every weekday 0..6 needs a name")
    words = data.get("words", {})
    problems += [f"words.{p}" for p in check_keys(words, set(DATE_WORD_LISTS))]
    problems += [f"words.{k}: must be a list of strings" for k, v in words.items()
                 if not isinstance(v, list) or not all(isinstance(x, str) and x.strip() for x in v)]
    known = {k.lower() for k in (*months, *weekdays)}
    problems += [f"words.case_sensitive: {w!r} is no month or weekday" for w in words.get("case_sensitive", [])
                 if isinstance(w, str) and w.lower() not in known]
    for table in ("weekday_after", "weekday_before"):
        problems += [f"{table}.{k}: must be one of {list(WEEK_MODES)}" for k, v in data.get(table, {}).items()
                     if v not in WEEK_MODES]
    problems += [f"parts.{k}: must be one of {list(DATE_PARTS)}" for k, v in data.get("parts", {}).items()
                 if v not in DATE_PARTS]
    for table in ("relative", "anchor_phrases"):
        problems += [f"{table}.{k}: must be a whole number of days" for k, v in data.get(table, {}).items()
                     if not isinstance(v, int) or isinstance(v, bool)]
    for k, v in data.get("periods", {}).items():
        if not isinstance(v, dict) or v.get("period") not in DATE_PERIODS or not isinstance(v.get("shift"), int) \
                or v["shift"] > 0 or set(v) != {"period", "shift"}:
            problems.append(f"periods.{k}: must be {{period = one of {list(DATE_PERIODS)}, shift = 0 or less}}")
    off = data.get("offsets", {})
    problems += [f"offsets.{p}" for p in check_keys(off, {"units", "unit_words", "ago", "after", "before"})]
    units = off.get("units", {})
    problems += [f"offsets.units.{k}: must be a positive number of hours" for k, v in units.items()
                 if not isinstance(v, (int, float)) or isinstance(v, bool) or v <= 0]
    problems += [f"offsets.unit_words.{k}: {v!r} is not in offsets.units" for k, v in off.get("unit_words", {}).items()
                 if v not in units]
    problems += [f"offsets.{k}: must be a list of strings" for k in ("ago", "after", "before")
                 if k in off and not _is_str_list(off[k])]
    return problems


def _actors(data: dict[str, Any]) -> list[str]:
    """actors.toml: country-name columns, noun+country templates, head words, role nouns."""
    problems = check_keys(data, {"countries", "heads", "roles", "alternatives", "possessive", "not_actors"}, {"roles"})
    for key in ("alternatives", "possessive", "not_actors"):
        if not _is_str_list(data.get(key, [])):
            problems.append(f"{key}: must be a list of strings")
    countries = data.get("countries", {})
    if not isinstance(countries, dict):
        return problems + ["countries: must be a table"]
    problems += check_keys(countries, {"name_columns", "demonym_columns", "templates"}, {"name_columns", "templates"})
    for key in ("name_columns", "demonym_columns", "templates"):
        if not _is_str_list(countries.get(key, [])):
            problems.append(f"countries.{key}: must be a list of strings")
    for i, tpl in enumerate(countries.get("templates", []) if _is_str_list(countries.get("templates", [])) else []):
        slots = re.findall(r"\{(\w+)\}", tpl)
        if len(slots) != 2 or "noun" not in slots or not set(slots) <= {"noun", "name", "demonym"}:
            problems.append(f"countries.templates[{i}]: {tpl!r} needs {{noun}} and one of {{name}}/{{demonym}}")
        elif not tpl.startswith("{") or not tpl.endswith("}"):
            problems.append(f"countries.templates[{i}]: {tpl!r} must start and end with a slot")
    heads = data.get("heads", {})
    if not isinstance(heads, dict):
        problems.append("heads: must be a table")
    else:
        problems += check_keys(heads, {"before", "after"})
        for key in ("before", "after"):
            if not _is_str_list(heads.get(key, [])):
                problems.append(f"heads.{key}: must be a list of strings")
    roles = data.get("roles", {})
    if not isinstance(roles, dict) or not roles:
        return problems + ["roles: must be a non-empty table of role tables"]
    seen: dict[str, str] = {}
    for role, words in roles.items():
        if not isinstance(words, dict):
            problems.append(f"roles.{role}: must be a table")
            continue
        problems += [f"roles.{role}.{p}" for p in check_keys(words, {"nouns", "bare"}, {"bare"})]
        for key in ("nouns", "bare"):
            if not _is_str_list(words.get(key, [])):
                problems.append(f"roles.{role}.{key}: must be a list of strings")
                continue
            for w in words.get(key, []):
                other = seen.setdefault(w.lower(), role)
                if other != role:
                    problems.append(f"roles.{role}.{key}: {w!r} is also a word of role {other!r}")
    return problems



_TRIGGER_GROUP_KEYS = {"type", "sub", "lemmas", "generic", "territory", "bare", "forms", "needs", "needs_in", "after", "priority", "voice", "collective", "strikes", "unnamed", "repels"}
_TRIGGER_FORMS = {"active", "passive", "stative", "middle", "noun", "bare", "verb"}


def _triggers(data: dict[str, Any]) -> list[str]:
    """triggers.toml: groups of lemmas with one ACLED type/sub-type; no lemma in two types."""
    from pantau.records import EVENT_TYPES

    problems = check_keys(data, {"group", "stop", "default_actor", "actor_role"}, {"group"})
    seen: dict[tuple[str, frozenset[str]], str] = {}
    for i, g in enumerate(data.get("group", [])):
        where = f"group[{i}]"
        problems += [f"{where}.{p}" for p in check_keys(g, _TRIGGER_GROUP_KEYS, {"type", "sub", "lemmas"})]
        if g.get("sub") not in EVENT_TYPES.get(g.get("type", ""), ()):
            problems.append(f"{where}: {g.get('type')!r}/{g.get('sub')!r} is not an ACLED type/sub-type")
        if not isinstance(g.get("lemmas"), list) or not all(isinstance(x, str) and x.strip() for x in g.get("lemmas", [])):
            problems.append(f"{where}.lemmas: must be a list of non-empty strings")
        bad = set(g.get("forms", [])) - _TRIGGER_FORMS
        if bad:
            problems.append(f"{where}.forms: unknown forms {sorted(bad)}")
        if g.get("voice", "passive") != "passive":
            problems.append(f"{where}.voice: only 'passive' is allowed")
        forms = frozenset(g.get("forms", []))
        for lemma in g.get("lemmas", []):
            key = (lemma.lower(), forms)
            other = seen.get(key)
            if other is not None and other != g.get("type"):
                problems.append(f"{where}: lemma {lemma!r} is also a trigger of {other!r}")
            seen[key] = g.get("type", "")
    for table in ("default_actor", "actor_role"):
        if not all(isinstance(v, str) for v in data.get(table, {}).values()):
            problems.append(f"{table}: values must be role names")
    return problems


_CUE_TABLES = {
    "clause", "negation", "denial", "modality", "hypothetical", "ongoing", "tally", "purpose", "reference", "reference_subject", "modifier",
    "direction", "locative", "agent", "target", "death", "injury", "frame", "excessive_force", "intervention",
    "commentary", "grievance", "demand", "attributive", "at_protest", "seized_arms", "seized_goods", "criminal", "political", "civilian_target", "structure_target", "figurative", "report", "speaker", "place_range", "place_list", "scenario", "repeat",
    "sides", "dispute", "off_duty", "source_phrase", "stationed", "demonstration", "return_fire", "crowd_violence", "war_remnant", "warning_fire", "dud", "confirmation",
    "responsibility",
}


def _cues(data: dict[str, Any]) -> list[str]:
    """cues.toml: tables of regex patterns with a scope ("before", "after", "clause")."""
    problems = check_keys(data, _CUE_TABLES)
    for name, table in data.items():
        if not isinstance(table, dict):
            problems.append(f"{name}: must be a table")
            continue
        if table.get("scope", "clause") not in ("before", "after", "clause", "sentence"):
            problems.append(f"{name}.scope: must be before, after, clause or sentence")
        if not isinstance(table.get("window", 0), int):
            problems.append(f"{name}.window: must be an integer")
        for key in ("patterns", "transitive", "occurrence", "conjunctions", "subset", "carry", "after"):
            if key in table:
                problems += check_regexes(list(table[key]), f"{name}.{key}")
        if "subject_origin" in table:
            origin = table["subject_origin"]
            problems += check_regexes([origin], f"{name}.subject_origin") if isinstance(origin, str) else [
                f"{name}.subject_origin: must be one regex string"
            ]
    return problems


def _morphology(data: dict[str, Any]) -> list[str]:
    """morphology.toml: Indonesian-style affixes or English-style inflection endings."""
    allowed = {
        "particles", "suffixes", "prefixes", "active", "passive", "stative", "middle", "noun", "noun_suffixes",
        "reduplication", "min_stem", "undouble", "passive_auxiliaries", "verb_endings", "subject_verbs", "glue_words",
        "participle_endings", "strong_participle_endings", "gerund_endings", "undouble_keep",
    }
    problems = check_keys(data, allowed)
    for key in ("participle_endings", "strong_participle_endings", "gerund_endings", "undouble_keep", "verb_endings"):
        if not all(isinstance(x, str) and x for x in data.get(key, [])):
            problems.append(f"{key}: must be a list of non-empty strings")
    prefixes = data.get("prefixes", [])
    if not all(isinstance(p, list) and len(p) == 2 for p in prefixes):
        problems.append("prefixes: each must be [surface, restored initial]")
    known = {p[0] for p in prefixes if isinstance(p, list) and p}
    for voice in ("active", "passive", "stative", "middle", "noun"):
        bad = set(data.get(voice, [])) - known
        if bad:
            problems.append(f"{voice}: not listed in prefixes: {sorted(bad)}")
    if prefixes:
        if not all(isinstance(x, str) for x in data.get("suffixes", [])):
            problems.append("suffixes: must be strings when prefixes are given")
    elif not all(isinstance(x, list) and len(x) == 2 for x in data.get("suffixes", [])):
        problems.append("suffixes: each must be [ending, replacement]")
    return problems

SCHEMAS: dict[str, Validator] = {
    "numbers": _numbers,
    "dates": _dates,
    "places": _places,
    "pack": _pack_meta,
    "actors": _actors,
    "boilerplate": _boilerplate,
    "sentences": _sentences,
    "triggers": _triggers,
    "cues": _cues,
    "morphology": _morphology,
}


def validate_pack_file(name: str, data: dict[str, Any]) -> list[str]:
    validator = SCHEMAS.get(name)
    if validator is None:
        return [f"{name}.toml: no schema registered in pantau.packs.schema.SCHEMAS"]
    return validator(data)
