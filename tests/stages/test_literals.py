"""What a pattern cannot match without (pantau.stages.literals): a speed-up only, so every
string set it names must really be needed by every match."""

from __future__ import annotations

import json
import re
from pathlib import Path

import pytest

from pantau.stages.literals import (
    FOLD_EXTRA,
    GatedSearch,
    finditer_at,
    first_chars,
    lowers_like_matching,
    marks_of,
    needed_literal_sets,
    needed_literals,
)

PACKS = Path(__file__).resolve().parents[2] / "src" / "pantau" / "packs"
EXAMPLES = PACKS.parent / "examples"


def test_literals_fold_extra_lists_every_odd_case_partner_of_ascii() -> None:
    """A character that case-insensitive matching pairs with an ASCII character although
    lower-casing does not make it that character must be in FOLD_EXTRA."""
    every = "".join(chr(i) for i in range(128, 0x110000) if not 0xD800 <= i < 0xE000)
    ascii_chars = "".join(chr(i) for i in range(33, 127))
    partners = set(re.findall("(?i)[" + re.escape(ascii_chars) + "]", every))
    odd = {ch for ch in partners if not (ch.lower().isascii() and len(ch.lower()) == 1)}
    assert odd <= FOLD_EXTRA
    assert not lowers_like_matching("ſerangan") and lowers_like_matching("Serangan “itu”")


def test_literals_reads_sequences_branches_classes_and_flags() -> None:
    assert needed_literals(r"\btidak\b") == {"tidak"}
    assert needed_literals(r"[;:]") == {";", ":"}
    assert needed_literals(r"(?i)tidak") is None  # plain: case-insensitive needs nothing known
    assert needed_literals(r"(?i)Tidak", fold=True) == {"tidak"}
    assert needed_literal_sets(r"^(?i:baca|lihat)\s+(?i:juga)\s*:", fold=True) == (
        frozenset({"baca", "lihat"}), frozenset({"juga"}), frozenset({":"}))
    assert needed_literal_sets(r"\w+\s*") == ()
    assert needed_literal_sets(r"(?i:Σ)x", fold=True) == (frozenset({"x"}),)  # a cased non-ASCII need is dropped


def _texts() -> list[str]:
    out = []
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".txt":
            out += path.read_text(encoding="utf-8").splitlines()
    for lang in ("id", "en", "ms"):
        lines = (PACKS / lang / "examples.jsonl").read_text(encoding="utf-8").splitlines()
        out += [json.loads(line).get("text", "") for line in lines if line.strip()]
    return [t for t in out if t.strip()] + [t.upper() for t in out[::4]]


def _pack_patterns() -> list[str]:
    import tomllib

    found: list[str] = []

    def walk(node: object) -> None:
        if isinstance(node, dict):
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            found.extend(v for v in node if isinstance(v, str) and any(c in v for c in "\\()[]^$|?*+"))
            for value in node:
                if not isinstance(value, str):
                    walk(value)

    for lang in ("id", "en", "ms"):
        for name in ("boilerplate.toml", "cues.toml"):
            path = PACKS / lang / name
            if path.is_file():
                walk(tomllib.loads(path.read_text(encoding="utf-8")))
    return found


@pytest.mark.parametrize("fold", [False, True])
def test_literals_every_match_holds_a_string_of_each_set(fold: bool) -> None:
    texts = _texts()
    checked = 0
    for pattern in _pack_patterns():
        try:
            rx = re.compile(pattern)
        except re.error:
            continue
        sets = needed_literal_sets(pattern, fold)
        for text in texts:
            for m in rx.finditer(text):
                found = m.group().lower() if fold else m.group()
                assert all(any(s in found for s in strings) for strings in sets), (pattern, m.group())
                checked += 1
    assert checked > 200


def test_literals_gated_search_equals_search() -> None:
    """GatedSearch gives ``search``'s answer on every text: the pack patterns, each alone and
    joined as the extractor joins a cue list, over the example texts lower-cased and as they are."""
    texts = _texts()
    texts += [t.lower() for t in texts]
    patterns = [p for p in _pack_patterns() if _compiles(p)]
    joined = ["|".join(f"(?:{p})" for p in patterns[k : k + 4]) for k in range(0, len(patterns), 4)]
    hits = gated = 0
    for pattern in patterns + [j for j in joined if _compiles(j)] + ["(?i)claim", "[;:]"]:
        rx = re.compile(pattern)
        search = GatedSearch(rx)
        for text in texts:
            got, want = search(text), rx.search(text)
            assert (got and got.span()) == (want and want.span()), (pattern, text)
            hits += want is not None
            gated += bool(search.needs)
    assert hits > 200 and gated > 1000


def _compiles(pattern: str) -> bool:
    try:
        re.compile(pattern)
    except re.error:
        return False
    return True


def test_literals_literal_first_patterns_find_the_same() -> None:
    """A cue pattern compiled literal first (mentions._literal_first: ``\\bc`` as ``c(?<=\\bc)``,
    a speed-up) finds the same matches as written: each pack pattern alone and joined as the
    extractor joins a cue list, over the example texts lower-cased and as they are."""
    from pantau.stages.mentions import _literal_first

    texts = _texts()
    texts += [t.lower() for t in texts]
    patterns = [p for p in _pack_patterns() if _compiles(p)]
    assert sum(_literal_first(p) != p for p in patterns) > 100
    joined = [patterns[k : k + 4] for k in range(0, len(patterns), 4)]
    hits = 0
    for group in [[p] for p in patterns] + joined:
        if not _compiles("|".join(f"(?:{p})" for p in group)):
            continue  # a global flag inside a join
        want_rx = re.compile("|".join(f"(?:{p})" for p in group))
        got_rx = re.compile("|".join(f"(?:{_literal_first(p)})" for p in group))
        assert got_rx.groups == want_rx.groups
        for text in texts:
            want = [m.span() for m in want_rx.finditer(text)]
            assert [m.span() for m in got_rx.finditer(text)] == want, (group, text)
            hits += len(want)
    assert hits > 1000


def test_literals_first_chars_reads_sequences_branches_classes_and_flags() -> None:
    assert first_chars(r"^(?i:baca|Lihat)\s+juga") == {"b", "l"}
    assert first_chars(r"^\(?(?i:laporan)\s") == {"(", "l"}  # an optional item adds what follows
    assert first_chars(r"^[A-C_]x") == {"a", "b", "c", "_"}
    assert first_chars(r"(?=[A-Z])\bk") == {"k"}  # zero-width items are passed over
    assert first_chars(r"(?i)^©\s") == {"©"}  # caseless: known under IGNORECASE too
    assert first_chars(r"\w+") is None and first_chars(r"[^x]") is None and first_chars(r".") is None
    assert first_chars(r"x*") is None and first_chars(r"^$") is None  # can match the empty string
    assert first_chars(r"(?i:É)x") is None  # a cased non-ASCII character, case-insensitive: not known
    assert first_chars(r"Éx") == {"é"}
    assert first_chars(r"[\u0100-\uffff]") is None  # a wide range: not read


@pytest.mark.parametrize("extra", ["", "?x", "*:"])
def test_literals_first_chars_hold_for_every_match(extra: str) -> None:
    """Every match of every pack pattern (and of each made optional, before a tail) begins with
    one of its first characters (lower-cased) in every text without odd case partners of ASCII
    letters."""
    texts = [t for t in _texts() if lowers_like_matching(t)]
    texts += [t[k:] for t in texts[::3] for k in (1, 2, 5)]
    checked = known = 0
    for plain in _pack_patterns():
        pattern = f"(?:{plain}){extra}" if extra else plain
        if not _compiles(pattern):
            continue
        rx = re.compile(pattern)
        firsts = first_chars(pattern)
        known += firsts is not None
        for text in texts:
            for m in rx.finditer(text):
                if firsts is None:
                    continue
                assert m.group() and m.group()[0].lower() in firsts, (pattern, m.group())
                checked += 1
    assert checked > (200 if not extra else 20) and known > 50


def test_literals_marks_of_reads_the_first_characters_finditer_at_needs() -> None:
    assert marks_of(re.compile(r'"[^"\n]{1,600}"|“[^”\n]{1,600}”')) == '"“'
    assert marks_of(re.compile(r"[.!?…][.!?…]*(?=\s)")) == "!.?…"
    assert marks_of(re.compile(r"Baca juga")) is None  # a cased letter: str.find would miss "B"
    assert marks_of(re.compile(r"\w+")) is None  # not known
    text = 'Dia berkata "cukup" lalu pergi. “Tidak!” katanya.'
    for pattern in (r'"[^"\n]{1,600}"|“[^”\n]{1,600}”', r"\w+", r"[.!?…][.!?…]*"):
        rx = re.compile(pattern)
        assert [m.span() for m in finditer_at(rx, text, marks_of(rx))] == [m.span() for m in rx.finditer(text)]
