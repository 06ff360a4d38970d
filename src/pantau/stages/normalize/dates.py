"""Date mentions in news text and their resolution against the publication date.

The words (months, weekdays, relative phrases, units, cue words) are the pack's
``dates.toml``; the number words are its ``numbers.toml``. This module holds the
date grammar (which orders of day, month and year make a date) and the resolution
rules of events.md ("Dates"), which `dateparser` does not cover for phrases such
as "Sabtu pekan lalu", "tadi malam" or "a day after the attack".
"""

from __future__ import annotations

import calendar
import re
from dataclasses import dataclass
from datetime import date, timedelta
from typing import Any, Iterable, Sequence

import ahocorasick

from pantau.errors import PackError
from pantau.packs import Pack
from pantau.records import DateRef
from pantau.slots import maker, replacer
from pantau.stages.literals import lowers_like_matching
from pantau.stages.normalize.numbers import NumberReader

__all__ = ["DateMention", "DateResolver", "KINDS", "PARTS", "WEEK_MODES"]

KINDS = ("absolute", "weekday", "relative", "month", "year", "anchor", "range")
PARTS = ("early", "mid", "late", "earlier")
WEEK_MODES = ("on_or_before", "before", "previous_week")
PERIODS = ("week", "weekend", "month", "year")

# Which mention of a clause is the most specific, after its precision.
_KIND_RANK = {"absolute": 0, "weekday": 1, "relative": 2, "range": 3, "anchor": 4, "month": 5, "year": 6}
_NOT_CODED = 4  # precision of a year-only mention: events.md codes no such event
# Patterns of the grammar below that cannot match without a numeral (a day, a year, d/m):
# skipped in a sentence without a digit (most sentences).
_NEED_DIGIT = frozenset(
    {"range_dm_dm", "range_d_dm", "range_m_dd", "dmy", "mdy", "num_y", "num_paren", "iso", "month_year", "year"}
)
_DIGIT = re.compile(r"\d")
# ASCII text without the four separator controls (\x1c-\x1f, white space to Unicode's \s but not
# to ASCII's): there a pattern written in ASCII finds the same compiled re.ASCII, whose \w, \d,
# \s and \b are table look-ups instead of Unicode database queries (see _ascii_twin)
_SEPARATORS = re.compile(r"[\x1c-\x1f]")


def _plain_ascii(text: str) -> bool:
    """True when ``text`` is ASCII without separator controls (where ``_ascii_twin`` holds)."""
    return text.isascii() and _SEPARATORS.search(text) is None


def _ascii_twin(pat: re.Pattern[str]) -> re.Pattern[str]:
    """``pat`` compiled re.ASCII when its source is ASCII: on a ``_plain_ascii`` text both find
    the same matches (the classes agree on ASCII characters apart from the separators, and an
    ASCII pattern folds case the same way on ASCII text); else ``pat`` itself."""
    if not pat.pattern.isascii() or pat.flags & re.LOCALE:
        return pat
    return re.compile(pat.pattern, (pat.flags & ~re.UNICODE) | re.ASCII)


@dataclass(frozen=True, slots=True)
class DateMention:
    """A date phrase in the text; offsets are absolute into the text passed to ``find``.

    kind: "absolute" (the day is written), "weekday", "relative" (to the publication
    date: "kemarin", "two days ago", "last week"), "month", "year", "anchor" (relative
    to another event: "sehari setelah serangan itu") or "range" ("May 5-7").
    ``precision`` is the best events.md time_precision the mention can give (4: not coded).
    """

    start: int
    end: int
    surface: str
    kind: str
    day: int | None = None
    month: int | None = None
    year: int | None = None
    weekday: int | None = None  # 0 Monday .. 6 Sunday
    offset_days: int | None = None  # relative and anchor kinds, signed
    period: str | None = None  # "week" | "weekend" | "month" for relative periods
    shift: int = 0  # periods back from the publication date's (-1: last week)
    qualifier: str | None = None  # "early" | "mid" | "late" | "earlier"
    week_mode: str | None = None  # for weekdays: one of WEEK_MODES
    approx: bool = False  # "around", "hampir": the day is not sure (precision 2 at best)
    precision: int = 1
    end_day: int | None = None  # ranges
    end_month: int | None = None
    end_year: int | None = None


# date mentions are built and widened for every date of every trigger sentence (see pantau.slots)
_make_date = maker(DateMention)
_replace_date = replacer(DateMention)


def _alt(words: Iterable[str], sensitive: Iterable[str] = ()) -> str:
    """A regex alternation of phrases, longest first, spaces matching any whitespace.

    Phrases listed in ``sensitive`` match only capitalised ("Minggu" the weekday, not
    "minggu" the week); all others ignore case.
    """
    sens = {s.lower() for s in sensitive}
    parts = []
    for w in sorted(set(words), key=len, reverse=True):
        body = r"\s+".join(re.escape(p) for p in w.split())
        if w.lower() in sens:
            cap = w[:1].upper() + w[1:]
            parts.append(f"(?:{re.escape(cap)}|{re.escape(w.upper())})")
        else:
            parts.append(f"(?i:{body})")
    return "(?:" + "|".join(parts) + ")" if parts else "(?!x)x"


def _b(pattern: str) -> str:
    """Word-bounded pattern (no letter or digit touching either end)."""
    return rf"(?<![\w]){pattern}(?![\w])"


_MISSING: Any = object()


def _entry(table: dict[str, Any], surface: str, default: Any = _MISSING) -> Any:
    """The value of the (lower-cased) phrase a pattern matched: case-insensitive matching also
    pairs "İ" with "i" and "ſ" with "s", which lower-casing does not ("SENİN" is Monday)."""
    key = " ".join(surface.lower().split())
    if key in table:
        return table[key]
    for word, value in table.items():
        if re.fullmatch(r"\s+".join(re.escape(p) for p in word.split()), surface, re.IGNORECASE):
            return value
    if default is _MISSING:
        raise KeyError(surface)
    return default


def _add_months(year: int, month: int, n: int) -> tuple[int, int]:
    i = year * 12 + (month - 1) + n
    return i // 12, i % 12 + 1


def _last_day(year: int, month: int) -> int:
    return calendar.monthrange(year, month)[1]


def _safe_date(y: int, m: int, d: int) -> date | None:
    try:
        return date(y, m, d)
    except ValueError:
        return None


def _led(pat: re.Pattern[str], text: str, end: int, leads: list[tuple[int, int]], lead: int) -> list[re.Match[str]]:
    """``pat.finditer(text, start, end)`` for a pattern whose every match starts where one of its
    lead words does (``leads``: such places from ``start`` on, with their lead bits): the same
    matches, tried only there, left to right and not overlapping as ``finditer`` finds them."""
    out: list[re.Match[str]] = []
    done = -1
    for at in sorted({at for at, bits in leads if bits & lead}):
        if at < done:
            continue
        m = pat.match(text, at, end)
        if m is not None:
            out.append(m)
            done = m.end()
    return out


class _WordGate:
    """Which patterns can match a stretch of text, from the words they need.

    Pattern i needs, for each of its groups, one of the group's phrases; a phrase's first word
    (lower-cased) is then a substring of the lower-cased text. One automaton pass finds the
    words present, so a sentence with no date word skips the long case-insensitive
    alternations that would fail at every position. A pattern with no group always runs, and
    so does every pattern of a text where lower-casing and case-insensitive matching disagree.
    The last text's lower-cased copy is kept: ``find`` reads an article sentence by sentence.

    A pattern may also name the phrases every match of it starts with (``leads``): the same pass
    then gives the places where such a phrase's first word starts, the only places the pattern
    is tried at (``starts``), instead of at every position of the sentence.
    """

    def __init__(
        self, needs: Sequence[tuple[tuple[str, ...], ...]], leads: Sequence[tuple[str, ...] | None] = ()
    ) -> None:
        bits: dict[str, int] = {}  # first word -> the groups it satisfies, one bit per group
        self.needs: list[int] = []  # per pattern: the bits of its groups, all of which must be present
        n = 0
        for groups in needs:
            mask = 0
            for group in groups:
                if not all(self.key(p) for p in group):
                    continue  # a phrase without a word can match anywhere: no condition
                bit = 1 << n
                n += 1
                mask |= bit
                for p in group:
                    bits[self.key(p)] = bits.get(self.key(p), 0) | bit
            self.needs.append(mask)
        lead_bits: dict[str, int] = {}  # first word -> the patterns whose matches may start with it
        self.leads: list[int] = []  # per pattern: its lead bit (0: tried everywhere)
        for i, phrases in enumerate(leads):
            keys = [self.key(p) for p in phrases or ()]
            if not keys or not all(keys):
                self.leads.append(0)  # no lead, or one that can start anywhere
                continue
            self.leads.append(1 << i)
            for k in keys:
                lead_bits[k] = lead_bits.get(k, 0) | 1 << i
        self._exact = all(ch.isascii() or ch.lower() == ch.upper() for k in (*bits, *lead_bits) for ch in k)
        self._auto: Any = None
        if (bits or lead_bits) and self._exact:
            # first word -> (group bits, lead bits, its length)
            self._auto = ahocorasick.Automaton()
            for k in {**bits, **lead_bits}:
                self._auto.add_word(k, (bits.get(k, 0), lead_bits.get(k, 0), len(k)))
            self._auto.make_automaton()
        else:
            self.leads = [0] * len(self.leads)
        self._everything = (1 << n) - 1
        self._last: tuple[str, str | None] = ("", "")

    @staticmethod
    def key(phrase: str) -> str:
        words = phrase.lower().split()
        return words[0] if words else ""

    def present(self, text: str, start: int, end: int) -> tuple[int, list[tuple[int, int]] | None]:
        """The bits of the groups whose words occur in ``text[start:end]`` (all of them when
        the text cannot be read this way), and where lead words start (offset, lead bits; None
        when the text cannot be read this way: every pattern is then tried everywhere)."""
        if self._auto is None:
            return self._everything, None
        last_text, low = self._last  # read once: another thread may replace it meanwhile
        if last_text is not text:
            low = text.lower()
            ok = len(low) == len(text) and lowers_like_matching(text)
            low = low if ok else None
            self._last = (text, low)
        if low is None:
            return self._everything, None
        found = 0
        starts: list[tuple[int, int]] = []
        for last, (bit, lead, size) in self._auto.iter(low, start, end):
            found |= bit
            if lead:
                starts.append((last - size + 1, lead))
        return found, starts


class DateResolver:
    """Finds date mentions with one pack's words and resolves them (built once per pack)."""

    def __init__(self, pack: Pack) -> None:
        data = pack.get("dates")
        self._origin = str(pack.path / "dates.toml")
        self._numbers = NumberReader(pack)
        try:
            self._compile(data)
        except (KeyError, TypeError, ValueError, re.error) as exc:
            raise PackError("E020", origin=self._origin, detail=f"dates: {exc}") from exc

    # ---- building the patterns ------------------------------------------------------

    def _compile(self, data: dict[str, Any]) -> None:
        w = data.get("words", {})
        self._months = {k.lower(): int(v) for k, v in data.get("months", {}).items()}
        self._weekdays = {k.lower(): int(v) for k, v in data.get("weekdays", {}).items()}
        sens = w.get("case_sensitive", [])
        self._dmy = data.get("numeric_order", "dmy") == "dmy"
        self._parts = {k.lower(): v for k, v in data.get("parts", {}).items()}
        self._relative = {k.lower(): int(v) for k, v in data.get("relative", {}).items()}
        self._periods = {k.lower(): (v["period"], int(v["shift"])) for k, v in data.get("periods", {}).items()}
        self._wd_after = {k.lower(): v for k, v in data.get("weekday_after", {}).items()}
        self._wd_before = {k.lower(): v for k, v in data.get("weekday_before", {}).items()}
        off = data.get("offsets", {})
        self._units = {k.lower(): float(v) for k, v in off.get("units", {}).items()}
        self._unit_words = {k.lower(): v.lower() for k, v in off.get("unit_words", {}).items()}
        self._anchor_phrases = {k.lower(): int(v) for k, v in data.get("anchor_phrases", {}).items()}

        mon = _alt(self._months, sens)
        sfx = _alt(w.get("day_suffixes", [])) + "?" if w.get("day_suffixes") else ""
        day = r"\d{1,2}" + sfx
        year = r"(?:1[89]|20)\d{2}"
        parts = _alt(self._parts)
        join = _alt(w.get("range_joiners", []) + w.get("range_joiners_after_prefix", []))
        rpre = _alt(w.get("range_prefix", []))
        filler = _alt(w.get("month_filler", []))
        dmy_tail = rf"(?:,?\s+(?P<y>{year}))?"
        self._patterns: list[tuple[str, re.Pattern[str]]] = [
            # ranges first: at equal length they win over what they contain
            ("range_dm_dm", re.compile(
                rf"(?<![\w/.])(?:{rpre}\s+)?(?P<d>{day})\s+(?P<m>{mon})\.?(?:,?\s+(?P<yy>{year}))?\s*{join}\s*"
                rf"(?P<d2>{day})\s+(?P<m2>{mon})\.?{dmy_tail}(?![\w])")),
            ("range_d_dm", re.compile(
                rf"(?<![\w/.])(?:{rpre}\s+)?(?P<d>{day})\s*{join}\s*(?P<d2>{day})\s+(?P<m>{mon})\.?{dmy_tail}(?![\w])")),
            ("range_m_dd", re.compile(
                rf"(?<![\w])(?P<m>{mon})\.?\s+(?P<d>{day})\s*{join}\s*(?P<d2>{day})(?![\w])"
                rf"(?:,?\s+(?P<y>{year})(?![\w]))?")),
            ("dmy", re.compile(rf"(?<![\w/.,])(?P<d>{day})\s+(?P<m>{mon})\.?{dmy_tail}(?![\w])")),
            ("mdy", re.compile(rf"(?<![\w])(?P<m>{mon})\.?\s+(?P<d>{day})(?![\w])(?:,?\s+(?P<y>{year})(?![\w]))?")),
            ("num_y", re.compile(r"(?<![\w/.])(?P<a>\d{1,2})/(?P<b>\d{1,2})/(?P<y>\d{4}|\d{2})(?![\w/])")),
            ("num_y", re.compile(r"(?<![\w/.-])(?P<a>\d{1,2})-(?P<b>\d{1,2})-(?P<y>\d{4})(?![\w-])")),
            ("num_paren", re.compile(r"\((?P<a>\d{1,2})/(?P<b>\d{1,2})\)")),
            ("iso", re.compile(r"(?<![\w-])(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?![\w-])")),
            ("month_year", re.compile(
                rf"(?<![\w])(?:(?P<part>{parts})[\s-]+)?(?:{filler}\s+)?(?P<m>{mon})\.?,?\s+(?P<y>{year})(?![\w])")),
            ("month_cue", re.compile(
                rf"(?<![\w])(?:(?P<part>{parts})|{_alt(w.get('month_cues', []))})[\s-]+(?:{filler}\s+)?"
                rf"(?P<m>{mon})\.?(?![\w])(?!\s*\d)")),
            ("year", re.compile(
                rf"(?<![\w])(?:(?P<part>{parts})\s+)?{_alt(w.get('year_cues', []))}\s+(?P<y>{year})(?![\w])")),
            # "Senin-Jumat" (Monday to Friday) is a habit, not a date: no hyphen on either side
            ("weekday", re.compile(
                rf"(?<![\w-])(?:(?P<mb>{_alt(self._wd_before)})\s+)?(?:{_alt(w.get('weekday_prefix', []))}\s+)?"
                rf"(?P<wd>{_alt(self._weekdays, sens)})(?:\s+(?P<ma>{_alt(self._wd_after)}))?(?![\w-])")),
            ("relative", re.compile(_b(f"(?P<rel>{_alt(self._relative)})"))),
            ("period", re.compile(_b(rf"(?:(?P<part>{parts})\s+)?(?P<per>{_alt(self._periods)})"))),
            ("anchor_phrase", re.compile(_b(f"(?P<ap>{_alt(self._anchor_phrases)})"))),
        ]
        numword = _alt(self._numbers.lexicon_words())
        num = rf"(?:\d+|{numword})(?:[\s-]+{numword})*"
        units = _alt(self._units)
        self._patterns.append(("offset", re.compile(_b(
            rf"(?:(?:(?P<num>{num})\s+(?P<unit>{units}))|(?P<uw>{_alt(self._unit_words)}))(?:\s+{units})?\s+"
            rf"(?:(?P<ago>{_alt(off.get('ago', []))})|(?P<after>{_alt(off.get('after', []))})"
            rf"|(?P<before>{_alt(off.get('before', []))}))"))))
        # the words each pattern cannot match without (one of each group): a sentence holding
        # none of a group's words (most sentences) skips the pattern
        months, weekdays = tuple(self._months), tuple(self._weekdays)
        groups: dict[str, tuple[tuple[str, ...], ...]] = {
            **{name: (months,) for name in ("range_dm_dm", "range_d_dm", "range_m_dd", "dmy", "mdy", "month_year")},
            "month_cue": (months, (*self._parts, *w.get("month_cues", []))),
            "num_y": (("/", "-"),),
            "num_paren": (("(",), ("/",)),
            "iso": (("-",),),
            "year": (tuple(w.get("year_cues", [])),),
            "weekday": (weekdays,),
            "relative": (tuple(self._relative),),
            "period": (tuple(self._periods),),
            "anchor_phrase": (tuple(self._anchor_phrases),),
            "offset": ((*self._units, *self._unit_words),
                       (*off.get("ago", []), *off.get("after", []), *off.get("before", []))),
        }
        # the phrases every match of a pattern starts with (read off the patterns above: each
        # begins, after its look-behind, with optional phrases and then a required one)
        parts_ = tuple(self._parts)
        leads: dict[str, tuple[str, ...]] = {
            "range_m_dd": months,
            "mdy": months,
            "month_year": (*parts_, *w.get("month_filler", []), *months),
            "month_cue": (*parts_, *w.get("month_cues", [])),
            "year": (*parts_, *w.get("year_cues", [])),
            "weekday": (*self._wd_before, *w.get("weekday_prefix", []), *weekdays),
            "relative": tuple(self._relative),
            "period": (*parts_, *self._periods),
            "anchor_phrase": tuple(self._anchor_phrases),
        }
        self._gate = _WordGate(
            [groups.get(name, ()) for name, _ in self._patterns], [leads.get(name) for name, _ in self._patterns]
        )
        # (priority, name, pattern, the gate bits it needs, whether it needs a digit, its lead
        # bit), in priority order
        self._plan = [
            (prio, name, pat, self._gate.needs[prio], name in _NEED_DIGIT, self._gate.leads[prio])
            for prio, (name, pat) in enumerate(self._patterns)
        ]
        # the plan with each pattern's ASCII twin, for plain ASCII sentences (nearly all of them)
        self._plan_ascii = [(prio, name, _ascii_twin(pat), *rest) for prio, name, pat, *rest in self._plan]
        self._digit_ascii = _ascii_twin(_DIGIT)
        self._approx_before = re.compile(rf"(?<![\w])(?:{_alt(w.get('approx_before', []))})\s+$")
        self._approx_after = re.compile(rf"\s*(?:{_alt(w.get('approx_after', []))})")
        self._day_parts = re.compile(rf"\s+(?:{_alt(w.get('day_parts', []))})(?![\w])")

    # ---- finding ----------------------------------------------------------------

    def _month(self, s: str | None) -> int | None:
        return None if s is None else _entry(self._months, s.rstrip("."), None)

    @staticmethod
    def _int(s: str | None) -> int | None:
        if s is None:
            return None
        digits = re.match(r"\d+", s)
        return int(digits.group()) if digits else None

    def _from_match(self, name: str, m: re.Match[str], text: str) -> DateMention | None:
        g = m.groupdict()
        base = dict(start=m.start(), end=m.end(), surface=m.group())
        part = _entry(self._parts, g["part"], None) if g.get("part") else None
        if name.startswith("range"):
            y = self._int(g.get("y"))
            return _make_date(**base, kind="range", day=self._int(g["d"]), month=self._month(g["m"]),
                               year=self._int(g.get("yy")) or y, end_day=self._int(g["d2"]),
                               end_month=self._month(g.get("m2")) or self._month(g["m"]), end_year=y,
                               precision=2)
        if name in ("dmy", "mdy", "iso"):
            mo = self._month(g["m"]) if name != "iso" else int(g["m"])
            return _make_date(**base, kind="absolute", day=self._int(g["d"]), month=mo, year=self._int(g.get("y")))
        if name in ("num_y", "num_paren"):
            a, b = int(g["a"]), int(g["b"])
            d, mo = (a, b) if self._dmy else (b, a)
            if mo > 12 and d <= 12:  # the other order is the only valid one
                d, mo = mo, d
            if not (1 <= d <= 31 and 1 <= mo <= 12):
                return None
            y = self._int(g.get("y"))
            if y is not None and y < 100:
                y += 2000
            return _make_date(**base, kind="absolute", day=d, month=mo, year=y)
        if name in ("month_year", "month_cue"):
            return _make_date(**base, kind="month", month=self._month(g["m"]), year=self._int(g.get("y")),
                               qualifier=part, precision=3)
        if name == "year":
            return _make_date(**base, kind="year", year=int(g["y"]), qualifier=part, precision=_NOT_CODED)
        if name == "weekday":
            mode = "on_or_before"
            if g.get("ma"):
                mode = _entry(self._wd_after, g["ma"])
            elif g.get("mb"):
                mode = _entry(self._wd_before, g["mb"])
            return _make_date(**base, kind="weekday", weekday=_entry(self._weekdays, g["wd"]), week_mode=mode)
        if name == "relative":
            return _make_date(**base, kind="relative", offset_days=_entry(self._relative, g["rel"]))
        if name == "period":
            period, shift = _entry(self._periods, g["per"])
            if period == "year":
                return _make_date(**base, kind="year", period=period, shift=shift, qualifier=part, precision=_NOT_CODED)
            return _make_date(**base, kind="relative", period=period, shift=shift, qualifier=part,
                               precision=3 if period == "month" else 2)
        if name == "anchor_phrase":
            return _make_date(**base, kind="anchor", offset_days=_entry(self._anchor_phrases, g["ap"]))
        if name == "offset":
            return self._offset(g, base)
        return None  # pragma: no cover

    def _offset(self, g: dict[str, Any], base: dict[str, Any]) -> DateMention | None:
        if g.get("uw"):
            n, vague, unit = 1, False, _entry(self._unit_words, g["uw"])
        else:
            read = self._numbers.read(g["num"], allow_weak=True)
            if read is None:
                return None
            (n, vague), unit = read, _entry({u: u for u in self._units}, g["unit"])
        hours = n * self._units[unit]
        unit_hours = self._units[unit]
        if unit_hours > 31 * 24:
            precision = _NOT_CODED  # "dua tahun lalu": only the year is known
        elif unit_hours > 7 * 24:
            precision = 3
        elif unit_hours > 24 or (vague and unit_hours == 24):
            precision = 2
        else:
            precision = 1
        sign = 1 if g.get("after") else -1
        kind = "relative" if g.get("ago") else "anchor"
        if precision == _NOT_CODED:
            kind = "year"
        return _make_date(**base, kind=kind, offset_days=sign * round(hours / 24), precision=precision)

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[DateMention]:
        """Date mentions in ``text[start:end]``, in text order, offsets absolute.

        Where patterns overlap the longest match wins ("Sabtu pekan lalu" over "pekan lalu").
        """
        end = len(text) if end is None else end
        plain = _plain_ascii(text[start:end])
        digits = (self._digit_ascii if plain else _DIGIT).search(text, start, end) is not None
        found: list[tuple[int, int, DateMention]] = []
        present, leads = self._gate.present(text, start, end)
        for prio, name, pat, need, need_digit, lead in self._plan_ascii if plain else self._plan:
            if need & present != need or (need_digit and not digits):
                continue
            matches = pat.finditer(text, start, end) if not lead or leads is None else _led(pat, text, end, leads, lead)
            for m in matches:
                mention = self._from_match(name, m, text)
                if mention is not None:
                    found.append((prio, m.end() - m.start(), mention))
        if not found:
            return []  # (most sentences)
        found.sort(key=lambda f: (-f[1], f[0], f[2].start))
        chosen: list[DateMention] = []
        for _, _, mention in found:
            if all(mention.end <= c.start or mention.start >= c.end for c in chosen):
                chosen.append(mention)
        chosen.sort(key=lambda c: c.start)
        out: list[DateMention] = []
        for c in self._merge_weekdays(chosen, text):
            c = self._decorate(c, text, start, end)
            if out and c.start < out[-1].end:
                continue  # taken in by the one before ("Jumat (3/7) dini hari")
            out.append(c)
        return out

    def _merge_weekdays(self, mentions: list[DateMention], text: str) -> list[DateMention]:
        """"Selasa (28/7/2020)", "Tuesday, 5 May": a weekday with its written date is one
        absolute mention (the written date wins if the two disagree)."""
        out: list[DateMention] = []
        for m in mentions:
            prev = out[-1] if out else None
            if (prev is not None and prev.kind == "weekday" and prev.week_mode == "on_or_before"
                    and m.kind == "absolute" and re.fullmatch(r"[\s,]*\(?", text[prev.end : m.start])):
                stop = m.end
                if text[m.start - 1 : m.start] == "(" and text[stop : stop + 1] == ")":
                    stop += 1
                out[-1] = _replace_date(m, start=prev.start, end=stop, surface=text[prev.start : stop], weekday=prev.weekday)
            else:
                out.append(m)
        return out

    def _decorate(self, m: DateMention, text: str, start: int, end: int) -> DateMention:
        """Take in a part of the day after ("Minggu malam") and approximation words around."""
        if m.kind in ("absolute", "weekday", "relative") and m.period is None:
            dp = self._day_parts.match(text, m.end, end)
            if dp:
                m = _replace_date(m, end=dp.end())
        ap = self._approx_after.match(text, m.end, end)
        if ap and ap.end() > m.end:
            m = _replace_date(m, end=ap.end(), approx=True)
        head = text[max(start, m.start - 40) : m.start]
        ab = self._approx_before.search(head)
        if ab:
            m = _replace_date(m, start=m.start - (len(head) - ab.start()), approx=True)
        if m.approx and m.precision < 2:
            m = _replace_date(m, precision=2)
        return _replace_date(m, surface=text[m.start : m.end])

    # ---- choosing and resolving -----------------------------------------------------

    def best(self, mentions: Sequence[DateMention]) -> DateMention | None:
        """The most specific mention of a clause: best precision, then kind, then first."""
        if not mentions:
            return None
        return min(mentions, key=lambda m: (m.precision, _KIND_RANK.get(m.kind, 9), m.start))

    def resolve(self, mention: DateMention, pub_date: date | None, anchor: DateRef | None = None,
                backward: bool = False) -> DateRef | None:
        """The day and time_precision of a mention, by events.md ("Dates").

        None when the mention cannot be coded: a year only, a relative mention without a
        publication date, an anchor mention without its anchor, an impossible date.
        ``backward`` is for an anchor phrase whose complement is the dated clause:
        "the push came three weeks after the militia reached the border" dates the
        militia's arrival as the push's date minus three weeks.
        """
        k = mention.kind
        if k == "year" or mention.precision >= _NOT_CODED:
            return None
        if k == "absolute":
            day = self._day_of(mention.year, mention.month, mention.day, pub_date)
            return None if day is None else DateRef(day, mention.precision)
        if k == "range":
            return self._range(mention, pub_date)
        if k == "month":
            return self._month_ref(mention, pub_date)
        if k == "anchor":
            if anchor is None or mention.offset_days is None:
                return None
            off = -mention.offset_days if backward else mention.offset_days
            return DateRef(anchor.day + timedelta(days=off), max(anchor.precision, mention.precision))
        if pub_date is None:
            return None
        if k == "weekday":
            return DateRef(self._weekday(mention.weekday or 0, mention.week_mode, pub_date), mention.precision)
        if k == "relative":
            if mention.period is not None:
                return self._period(mention, pub_date)
            return DateRef(pub_date + timedelta(days=mention.offset_days or 0), mention.precision)
        return None

    @staticmethod
    def _day_of(year: int | None, month: int | None, day: int | None, pub: date | None) -> date | None:
        """An explicit day; without a year, the latest such date on or before ``pub``. A written
        year one after publication is a slip of the year when the day and month fall on or before
        publication in its own year ("Senin (6/10/2026)" in a report of 11 October 2025): the
        event was reported, so it had happened."""
        if month is None or day is None:
            return None
        if year is not None:
            d = _safe_date(year, month, day)
            if d is not None and pub is not None and d > pub and year == pub.year + 1:
                slip = _safe_date(pub.year, month, day)
                return slip if slip is not None and slip <= pub else d
            return d
        if pub is None:
            return None
        for y in range(pub.year, pub.year - 8, -1):  # 29 February recurs within 8 years
            d = _safe_date(y, month, day)
            if d is not None and d <= pub:
                return d
        return None

    @staticmethod
    def _weekday(wd: int, mode: str | None, pub: date) -> date:
        if mode == "previous_week":
            monday = pub - timedelta(days=pub.weekday())
            return monday - timedelta(days=7) + timedelta(days=wd)
        back = (pub.weekday() - wd) % 7
        if mode == "before" and back == 0:
            back = 7
        return pub - timedelta(days=back)

    @staticmethod
    def _in_month(year: int, month: int, part: str | None, pub: date | None) -> date:
        """events.md: the 15th of the month, the first day when "early", the last when "late"."""
        if part == "early":
            return date(year, month, 1)
        if part == "late":
            return date(year, month, _last_day(year, month))
        if part == "earlier" and pub is not None and (pub.year, pub.month) == (year, month):
            return date(year, month, max(1, pub.day // 2))  # between the 1st and the day before pub
        return date(year, month, 15)

    def _month_ref(self, m: DateMention, pub: date | None) -> DateRef | None:
        if m.month is None:
            return None
        year = m.year
        if year is None:
            if pub is None:
                return None
            # without a year, the latest such month on or before the publication month
            year = pub.year if m.month <= pub.month else pub.year - 1
        return DateRef(self._in_month(year, m.month, m.qualifier, pub), 3)

    def _period(self, m: DateMention, pub: date) -> DateRef | None:
        if m.period == "month":
            y, mo = _add_months(pub.year, pub.month, m.shift)
            return DateRef(self._in_month(y, mo, m.qualifier, pub), 3)
        monday = pub - timedelta(days=pub.weekday()) + timedelta(days=7 * m.shift)
        if m.period == "weekend":
            # a weekend is a span of two days: its first (Saturday), precision 2
            day = monday + timedelta(days=5)
            if m.shift == 0 and day > pub:
                day -= timedelta(days=7)  # "this weekend" in a report: the one just passed
            return DateRef(day, 2)
        # a week: its middle day (Thursday) with precision 2 (events.md); early -> Tuesday,
        # late -> Saturday; "earlier this week" -> between Monday and the day before pub
        offsets = {"early": 1, "mid": 3, "late": 5}
        if m.qualifier == "earlier":
            day = monday + timedelta(days=max(0, (pub - monday).days - 1) // 2)
        else:
            day = monday + timedelta(days=offsets.get(m.qualifier or "mid", 3))
        return DateRef(min(day, pub), 2)

    def _range(self, m: DateMention, pub: date | None) -> DateRef | None:
        """A span of days: its middle day, precision 2 up to a week, else 3."""
        if m.day is None or m.end_day is None or m.end_month is None:
            return None
        end = self._day_of(m.end_year, m.end_month, m.end_day, pub)
        if end is None:
            return None
        month = m.month or m.end_month
        year = m.year or (end.year if month <= end.month else end.year - 1)
        first = _safe_date(year, month, m.day)
        if first is None or first > end:
            return None
        span = (end - first).days
        return DateRef(first + timedelta(days=span // 2), 2 if span <= 7 else 3)
