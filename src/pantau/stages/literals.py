"""What a regular expression cannot match without: literal strings, one of which every match
contains. Speed only: a text holding none of a pattern's strings is not searched with it
(cue alternations in mentions, boilerplate markers in clean); answers never change.
"""

from __future__ import annotations

import re
from typing import Any, Iterator

try:  # the regex parser, read only to learn which strings a pattern cannot match without
    from re import _constants as _sre  # Python >= 3.11
    from re import _parser as _sre_parse
except ImportError:  # pragma: no cover - older Pythons
    import sre_constants as _sre  # type: ignore[no-redef]
    import sre_parse as _sre_parse  # type: ignore[no-redef]

__all__ = ["FOLD_EXTRA", "GatedSearch", "finditer_at", "first_chars", "lowers_like_matching", "marks_of", "needed_literals",
           "needed_literal_sets"]

# Characters that Python's case-insensitive matching pairs with an ASCII character although
# their str.lower() is not that character (long s, dotless i, dotted capital I; the Kelvin sign
# lowers to "k"). Checked against the regex engine by tests/stages/test_literals.py.
FOLD_EXTRA = frozenset("\u017f\u0131\u0130\u212a")


def lowers_like_matching(text: str) -> bool:
    """True when ``text.lower()`` holds the lower-cased form of every ASCII string that a
    case-insensitive pattern finds in ``text`` (no odd case partner of an ASCII letter)."""
    return text.isascii() or FOLD_EXTRA.isdisjoint(text)


def needed_literals(pattern: str, fold: bool = False) -> frozenset[str] | None:
    """Strings one of which every match of ``pattern`` contains (None: not known).

    Read from the parsed pattern. Plain: case-insensitive parts need nothing known. ``fold``:
    the strings are lower-cased and hold for case-insensitive parts too, as substrings of the
    lower-cased text (see ``lowers_like_matching``); only ASCII or caseless strings are given.
    """
    found = needed_literal_sets(pattern, fold)
    return _best(found) if found else None


def needed_literal_sets(pattern: str, fold: bool = False) -> tuple[frozenset[str], ...]:
    """Every set of strings that ``pattern``'s matches need one of (the parts of its top-level
    sequence, as ``needed_literals`` reads them); empty when nothing is known."""
    try:
        parsed = _sre_parse.parse(pattern)
    except Exception:  # noqa: BLE001 - an unreadable pattern is simply always tried
        return ()
    if not fold and parsed.state.flags & (re.IGNORECASE | re.LOCALE):
        return ()
    found = _seq_all(list(parsed), fold)
    if fold:
        found = [n for n in found if all(ch.isascii() or ch.lower() == ch.upper() for s in n for ch in s)]
    return tuple(found)


class GatedSearch:
    """``pattern.search``, tried only on a text holding a string of each set its matches cannot
    do without (``needed_literal_sets``): a few substring tests instead of trying the pattern at
    every position of a whole document that, most often, holds no match (same answers)."""

    __slots__ = ("needs", "pattern")

    def __init__(self, pattern: re.Pattern[str]) -> None:
        self.pattern = pattern
        self.needs = needed_literal_sets(pattern.pattern) if not pattern.flags & re.IGNORECASE else ()

    def __call__(self, text: str) -> re.Match[str] | None:
        for need in self.needs:
            if not any(lit in text for lit in need):
                return None
        return self.pattern.search(text)


def _best(found: list[frozenset[str]]) -> frozenset[str]:
    """The most telling need: the longest shortest string, then the fewest strings."""
    return max(found, key=lambda n: (min(len(x) for x in n), -len(n)))


def _seq_needs(items: list[Any], fold: bool = False) -> frozenset[str] | None:
    """What a sequence of parsed regex items needs: the best of what its parts need."""
    found = _seq_all(items, fold)
    return _best(found) if found else None


def _seq_all(items: list[Any], fold: bool) -> list[frozenset[str]]:
    """What each part of a sequence of parsed regex items needs (a run of literal characters,
    a group, a repeat done at least once, a branch whose every arm needs something)."""
    found: list[frozenset[str]] = []
    run: list[str] = []
    low = str.lower if fold else str
    for op, av in items:
        if op is _sre.LITERAL:
            run.append(chr(av))
            continue
        if run:
            found.append(frozenset([low("".join(run))]))
            run = []
        need: frozenset[str] | None = None
        if op is _sre.SUBPATTERN:
            _, add_flags, del_flags, sub = av
            if fold or (not add_flags and not del_flags):
                need = _seq_needs(list(sub), fold)
        elif op is _sre.BRANCH:
            arms = [_seq_needs(list(arm), fold) for arm in av[1]]
            if arms and all(a is not None for a in arms):
                need = frozenset().union(*arms)  # type: ignore[arg-type]
        elif op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
            least, _, sub = av
            if least >= 1:
                need = _seq_needs(list(sub), fold)
        elif op is _sre.IN and av and all(o is _sre.LITERAL for o, _ in av):
            need = frozenset(low(chr(c)) for _, c in av)
        if need:
            found.append(need)
    if run:
        found.append(frozenset([low("".join(run))]))
    return found


# Ranges of a character class read one by one at most (a wider class is "any first character").
_MAX_RANGE = 512


def first_chars(pattern: str, flags: int = 0) -> frozenset[str] | None:
    """The lower-cased first character of every match of ``pattern``: a text whose first
    character, lower-cased, is not among them has no match at its start (None: not known, or
    the pattern can match the empty string). For case-insensitive parts only ASCII and caseless
    characters are known, so it holds for texts without odd case partners of ASCII letters
    (``lowers_like_matching``)."""
    try:
        parsed = _sre_parse.parse(pattern, flags)
    except Exception:  # noqa: BLE001 - an unreadable pattern: nothing known
        return None
    found, empty = _seq_first(list(parsed), bool(parsed.state.flags & re.IGNORECASE))
    return None if found is None or empty else frozenset(found)


def _char_key(ch: str, ignorecase: bool) -> str | None:
    """``ch`` as a first character is known by (lower-cased), None when matching may pair it
    with characters whose ``lower()`` differs (a cased non-ASCII character, case-insensitive)."""
    if ignorecase and not ch.isascii() and ch.lower() != ch.upper():
        return None
    return ch.lower()


def _seq_first(items: list[Any], ignorecase: bool) -> tuple[set[str] | None, bool]:
    """(the first characters of a sequence of parsed regex items or None, whether it can match
    the empty string): zero-width items are passed over, items that can be empty add those of
    what follows."""
    found: set[str] = set()
    for op, av in items:
        if op is _sre.AT or op in (_sre.ASSERT, _sre.ASSERT_NOT):
            continue  # zero width: the first character comes later
        part, empty = _item_first(op, av, ignorecase)
        if part is None:
            return None, False
        found |= part
        if not empty:
            return found, False
    return found, True


def _item_first(op: Any, av: Any, ignorecase: bool) -> tuple[set[str] | None, bool]:
    """``_seq_first`` of one parsed item (None for anything not read: any character, categories,
    negated classes, back-references...)."""
    if op is _sre.LITERAL:
        key = _char_key(chr(av), ignorecase)
        return (None, False) if key is None else ({key}, False)
    if op is _sre.SUBPATTERN:
        _, add_flags, del_flags, sub = av
        case = (ignorecase or bool(add_flags & re.IGNORECASE)) and not del_flags & re.IGNORECASE
        return _seq_first(list(sub), case)
    if op is _sre.BRANCH:
        found: set[str] = set()
        any_empty = False
        for arm in av[1]:
            part, empty = _seq_first(list(arm), ignorecase)
            if part is None:
                return None, False
            found |= part
            any_empty = any_empty or empty
        return found, any_empty
    if op in (_sre.MAX_REPEAT, _sre.MIN_REPEAT) or op is getattr(_sre, "POSSESSIVE_REPEAT", None):
        least, _, sub = av
        part, empty = _seq_first(list(sub), ignorecase)
        return part, empty or least == 0
    if op is _sre.IN:
        chars: set[str] = set()
        for kind, value in av:
            if kind is _sre.LITERAL:
                codes = [value]
            elif kind is _sre.RANGE and value[1] - value[0] < _MAX_RANGE:
                codes = list(range(value[0], value[1] + 1))
            else:  # NEGATE, CATEGORY, a wide range
                return None, False
            for code in codes:
                key = _char_key(chr(code), ignorecase)
                if key is None:
                    return None, False
                chars.add(key)
        return chars, False
    return None, False


def marks_of(rx: re.Pattern[str]) -> str | None:
    """The characters every match of ``rx`` begins with, as ``finditer_at`` wants them, read off
    the pattern (``first_chars``); None when not known or when one is a cased letter (its
    lower-cased form would not be found as written)."""
    firsts = first_chars(rx.pattern, rx.flags)
    if firsts is None or any(ch.lower() != ch.upper() for ch in firsts):
        return None
    return "".join(sorted(firsts))


def finditer_at(rx: re.Pattern[str], text: str, marks: str | None) -> Iterator[re.Match[str]]:
    """``rx.finditer(text)`` for a pattern whose every match begins with one of ``marks`` and
    looks at nothing before its start: tried only where ``str.find`` finds a mark. For a pattern
    that begins with a class holding a character beyond Latin-1 (curly quotes, "…") the regex
    engine's own scan for it costs ~50-70 instructions a character; a few marks are rarer.
    ``marks`` None (see ``marks_of``): every match of ``rx.finditer``."""
    if marks is None:
        yield from rx.finditer(text)
        return
    starts: list[int] = []
    for mark in marks:
        at = text.find(mark)
        while at >= 0:
            starts.append(at)
            at = text.find(mark, at + 1)
    starts.sort()
    pos = 0
    for at in starts:
        if at >= pos:
            m = rx.match(text, at)
            if m is not None:
                yield m
                pos = m.end()
