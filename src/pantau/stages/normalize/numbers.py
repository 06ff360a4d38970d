"""Numbers in news text: numerals, number words and vague quantities, as counts.

All words come from the pack's ``numbers.toml``; this module holds only the
grammar that combines them (units, multipliers, teens, scales) and the rules
that tell a count from a date, a clock time, a year, an ordinal or a percentage.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Any, Iterable, NamedTuple

from pantau.errors import PackError
from pantau.packs import Pack

__all__ = ["NumberMention", "NumberReader", "QUALIFIERS"]

# The qualifier kinds a pack may list (keys of [qualifiers] / [qualifiers_after]).
QUALIFIERS = ("at_least", "about", "more_than", "up_to")

# Numeral runs joined by / or : are dates or clock times ("28/7/2020", "12:00"): one
# token, never a count. Other numerals keep their group/decimal separators.
_TOKEN = re.compile(
    r"(?P<dt>\d+(?:[/:]\d+)+)|(?P<num>\d+(?:[.,]\d+)*)|(?P<word>[^\W\d_]+)|(?P<punct>\S)"
)
_RANGE_DASHES = frozenset({"-", "–", "—"})
_DIGIT = re.compile(r"\d")
_WORDS = re.compile(r"[^\W\d_]+")  # the "word" tokens of _TOKEN in a text without digits


class _Tok(NamedTuple):
    """A token (a named tuple: built for every token of every trigger sentence, it is made in
    half the time of a frozen dataclass, and is as immutable)."""

    start: int
    end: int
    text: str  # lowercased
    kind: str  # "dt" | "num" | "word" | "punct"


def tokenize(text: str, start: int = 0, end: int | None = None) -> list[_Tok]:
    """Split ``text[start:end]`` into lowercased tokens with absolute offsets."""
    end = len(text) if end is None else end
    new = tuple.__new__  # the same _Tok without the named tuple's Python-level __new__ (~15% faster)
    return [
        new(_Tok, (m.start(), m.end(), m.group().lower(), m.lastgroup or "punct"))
        for m in _TOKEN.finditer(text, start, end)
    ]


def _phrase_key(phrase: str) -> tuple[str, ...]:
    return tuple(t.text for t in tokenize(phrase))


class _Phrases:
    """Token phrases indexed by first and last token, for fast matching at or before a token."""

    def __init__(self, items: Iterable[tuple[str, str]]) -> None:
        self._first: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        self._last: dict[str, list[tuple[tuple[str, ...], str]]] = {}
        for phrase, tag in items:
            key = _phrase_key(phrase)
            if key:
                self._first.setdefault(key[0], []).append((key, tag))
                self._last.setdefault(key[-1], []).append((key, tag))
        for table in (self._first, self._last):
            for keys in table.values():
                keys.sort(key=lambda kt: -len(kt[0]))

    def firsts(self) -> set[str]:
        return set(self._first)

    def at(self, toks: list[_Tok], i: int) -> tuple[int, str] | None:
        """(length, tag) of the longest phrase starting at token i."""
        if i >= len(toks):
            return None
        for key, tag in self._first.get(toks[i].text, ()):
            n = len(key)
            if i + n <= len(toks) and all(toks[i + x].text == key[x] for x in range(n)):
                return n, tag
        return None

    def before(self, toks: list[_Tok], i: int) -> tuple[int, str] | None:
        """(length, tag) of the longest phrase ending right before token i."""
        if i <= 0:
            return None
        for key, tag in self._last.get(toks[i - 1].text, ()):
            n = len(key)
            if i - n >= 0 and all(toks[i - n + x].text == key[x] for x in range(n)):
                return n, tag
        return None


@dataclass(frozen=True, slots=True)
class NumberMention:
    """A count in the text. ``start``/``end`` cover the qualifier too ("setidaknya 10").

    ``value`` is the lowest credible number (events.md): a range "10-15" gives 10, a
    vague word its fixed number. ``unit`` is the lowercased noun after the number.
    """

    start: int
    end: int
    surface: str
    value: int
    vague: bool = False
    qualifier: str | None = None
    unit: str | None = None


@dataclass(frozen=True, slots=True)
class _Entry:
    value: float
    kind: str  # unit | multiplier | teen | scale | vague | numeral
    alone: bool = True
    weak: bool = False


def _place(n: float) -> int:
    """The largest power of ten dividing ``n`` (20 -> 10, 200 -> 100, 250 -> 10)."""
    p = 1
    n = int(n)
    while n and n % (p * 10) == 0:
        p *= 10
    return p


def _combine(entries: list[_Entry], allow_weak: bool = False) -> tuple[int | None, bool] | None:
    """Value of a run of number words: None when the run cannot be one number, a None
    value when it may still become one ("a" before "dozen", "2,5" before "juta").

    A standard place-value grammar: units add, multipliers scale the count before them,
    teens add ten to a digit, scales close a group. Checks keep "dua dua" or "two and
    three" from reading as one number, so ``find`` can split them.
    """
    if not entries or not entries[0].alone:
        return None
    total = 0.0
    group = 0.0
    pending = 0.0
    fresh = True  # at the start, or just after a scale
    last_scale = float("inf")
    vague = False
    for idx, e in enumerate(entries):
        if e.kind == "numeral":
            if idx != 0:
                return None
            pending = e.value
            fresh = False
        elif e.kind == "vague":
            if idx == 0:
                pending, vague, fresh = e.value, True, False
            elif vague and e.value >= 1000 and e.value > pending and group == 0 and total == 0:
                pending *= e.value  # "hundreds of thousands"
            else:
                return None
        elif e.kind == "unit":
            if vague or pending != int(pending):
                return None
            if fresh and pending == 0 and group == 0:
                pending = e.value
            elif pending and e.value < _place(pending):
                group += pending
                pending = e.value
            else:
                return None
            fresh = False
        elif e.kind == "teen":
            if vague or not 1 <= pending <= 9:
                return None
            pending += e.value
        elif e.kind == "multiplier":
            if pending:
                base = pending
            elif fresh and group == 0 and e.alone:
                base = 1  # "seratus" first, or after a scale ("seribu seratus")
            else:
                return None
            if base >= e.value:
                return None
            new = base * e.value
            if group and new >= _place(group):
                return None
            pending = new
            fresh = False
        elif e.kind == "scale":
            count = group + pending
            if count == 0:
                if not (fresh and e.alone):
                    return None
                count = 1  # "seribu" first, or after a bigger scale ("sejuta seribu")
            if e.value >= last_scale:
                return None
            total += count * e.value
            group = pending = 0
            last_scale = e.value
            fresh = True
        else:  # pragma: no cover - kinds are checked by the pack schema
            return None
    value = total + group + pending
    if value != int(value) or (not allow_weak and all(e.weak for e in entries)):
        return None, vague
    return int(value), vague


class NumberReader:
    """Reads counts from text with one pack's number words (built once per pack)."""

    def __init__(self, pack: Pack) -> None:
        data = pack.get("numbers")
        origin = str(pack.path / "numbers.toml")
        self._tsep = data.get("thousands_sep", ",")
        self._dsep = data.get("decimal_sep", ".")
        self._lexicon: dict[tuple[str, ...], _Entry] = {}
        try:
            for word, spec in data.get("words", {}).items():
                self._lexicon[_phrase_key(word)] = _Entry(
                    float(spec["value"]), spec["kind"], spec.get("alone", True), spec.get("weak", False)
                )
            for phrase, value in data.get("vague", {}).items():
                self._lexicon[_phrase_key(phrase)] = _Entry(float(value), "vague")
        except (KeyError, TypeError, ValueError) as exc:
            raise PackError("E020", origin=origin, detail=f"numbers: bad word entry: {exc}") from exc
        self._max_phrase = max((len(k) for k in self._lexicon), default=1)
        self._connectors = {_phrase_key(c) for c in data.get("connectors", [])}
        self._before = _Phrases((p, q) for q, ps in data.get("qualifiers", {}).items() for p in ps)
        self._after = _Phrases((p, q) for q, ps in data.get("qualifiers_after", {}).items() for p in ps)
        nc = data.get("not_counts", {})
        self._percent = _Phrases((p, "") for p in nc.get("percent", []))
        self._time_before = _Phrases((p, "") for p in nc.get("time_before", []))
        self._time_after = _Phrases((p, "") for p in nc.get("time_after", []))
        self._ordinal_before = _Phrases((p, "") for p in nc.get("ordinal_before", []))
        self._day_before = _Phrases((p, "") for p in nc.get("day_before", []))
        self._currency_before = _Phrases((p, "") for p in nc.get("currency_before", []))
        self._year_exempt = {w.lower() for w in nc.get("year_exempt_before", [])}
        self._unit_skip = {w.lower() for w in data.get("unit_skip", [])}
        # Day-of-month numbers sit next to a month name: the months are dates.toml data.
        self._months = _Phrases((m, "") for m in pack.get("dates").get("months", {}))
        self._spell = data.get("spell", {})
        # Tokens that can open a number or a qualifier: every other token is skipped at once.
        self._starts = {k[0] for k in self._lexicon} | self._before.firsts()
        # When every such token is a word, a text with no digit and none of those words holds
        # no number: ``find`` answers without tokenizing it.
        self._word_starts = all(_WORDS.fullmatch(w) for w in self._starts)
        t, d = re.escape(self._tsep), re.escape(self._dsep)
        self._grouped = re.compile(rf"\d{{1,3}}(?:{t}\d{{3}})+")
        self._decimal = re.compile(rf"\d+{d}\d+")
        # "2.5 juta" in an Indonesian text: the other separator with 1-2 digits is a decimal too.
        self._decimal_other = re.compile(r"\d+[.,]\d{1,2}")

    # ---- parsing ---------------------------------------------------------------

    def _numeral(self, s: str) -> float | None:
        if s.isdigit():
            return float(int(s))
        if self._grouped.fullmatch(s):
            return float(int(s.replace(self._tsep, "")))
        if self._decimal.fullmatch(s) or self._decimal_other.fullmatch(s):
            return float(s.replace(",", "."))
        return None

    def _lookup(self, toks: list[_Tok], i: int) -> tuple[_Entry, int] | None:
        """The lexicon entry starting at token i (longest phrase first) and its length."""
        if toks[i].kind == "num":
            v = self._numeral(toks[i].text)
            return (_Entry(v, "numeral"), 1) if v is not None else None
        if toks[i].text not in self._starts:
            return None
        for n in range(min(self._max_phrase, len(toks) - i), 0, -1):
            key = tuple(t.text for t in toks[i : i + n])
            entry = self._lexicon.get(key)
            if entry is not None:
                return entry, n
        return None

    def _run(self, toks: list[_Tok], i: int, allow_weak: bool = False) -> tuple[int, int, bool] | None:
        """Longest number starting at token i: (value, end token index, vague)."""
        best: tuple[int, int, bool] | None = None
        entries: list[_Entry] = []
        k = i
        while k < len(toks):
            nxt, joins = k, None
            if entries:
                n_conn, joins = self._connector_at(toks, k, entries[-1])
                nxt = k + n_conn
            if nxt >= len(toks):
                break
            found = self._lookup(toks, nxt)
            if found is None:
                break
            entry, n = found
            if (joins is not None and nxt != k and entry.kind not in joins) or (entries and entry.kind == "numeral"):
                break
            entries.append(entry)
            result = _combine(entries, allow_weak)
            if result is None:
                break
            if result[0] is not None:
                best = (result[0], nxt + n, result[1])
            k = nxt + n
        return best

    def _connector_at(self, toks: list[_Tok], k: int, prev: _Entry) -> tuple[int, frozenset[str]]:
        """A connector at token k after ``prev``: its length and the kinds it may join to."""
        for key in self._connectors:
            n = len(key)
            if tuple(t.text for t in toks[k : k + n]) != key or k + n >= len(toks):
                continue
            if key == ("-",):
                # a hyphen joins words written together: "twenty-five"
                if toks[k].start == toks[k - 1].end and toks[k + 1].start == toks[k].end and prev.kind == "unit":
                    return n, frozenset({"unit"})
            elif prev.kind in ("multiplier", "scale"):
                return n, frozenset({"unit"})  # "one hundred and five"
        if prev.kind == "vague" and toks[k].text in self._unit_skip:
            return 1, frozenset({"vague", "scale"})  # "tens of thousands"
        return 0, frozenset()

    def parse(self, words: str) -> int | None:
        """The number a whole phrase denotes ("dua puluh lima" -> 25, "dozens" -> 12), else None."""
        read = self.read(words)
        return None if read is None else read[0]

    def read(self, words: str, allow_weak: bool = False) -> tuple[int, bool] | None:
        """(value, vague) of a whole phrase, else None.

        ``allow_weak`` accepts "a"/"an" alone as one (dates read "a day after").
        """
        toks = tokenize(words.strip())
        if not toks:
            return None
        run = self._run(toks, 0, allow_weak)
        if run is None or run[1] != len(toks):
            return None
        return run[0], run[2]

    def is_number_word(self, word: str) -> bool:
        """True when ``word`` is one of the pack's number words or vague quantities."""
        return _phrase_key(word) in self._lexicon

    def lexicon_words(self) -> list[str]:
        """Every number word and vague phrase, for other stages building patterns."""
        return [" ".join(k) for k in self._lexicon]

    # ---- finding ---------------------------------------------------------------

    def _not_a_count(self, toks: list[_Tok], i: int, j: int, text: str) -> bool:
        """True when tokens [i, j) are a date, time, year, ordinal or percentage."""
        first, last = toks[i], toks[j - 1]
        after = text[last.end : last.end + 1]
        if first.kind == "num":
            if after.isalpha() or (after == "-" and text[last.end + 1 : last.end + 2].isalpha()):
                return True  # "29th", "5km", "20-an"
            before = text[max(0, first.start - 1) : first.start]
            if before and (before in "/:" or before.isalpha()):
                return True  # "28/7", "Liputan6", "XL7"
            if j - i == 1 and re.fullmatch(r"\d{4}", first.text) and 1800 <= int(first.text) <= 2100:
                nxt = toks[j].text if j < len(toks) else ""
                if nxt not in self._year_exempt:
                    return True
            if j - i == 1 and len(first.text) == 4 and first.text.startswith("0"):
                return True  # "0900 GMT"
        if after == "%" or self._percent.at(toks, j) or self._time_after.at(toks, j):
            return True
        if self._months.at(toks, j) or self._months.before(toks, i):
            return True  # "6 Juni", "May 9"
        if first.kind == "num" and self._time_before.before(toks, i):
            return True
        if first.kind == "num" and j - i == 1:
            if text[first.start - 1 : first.start] == "(" and after == ")":
                return True  # "Hamdani (55)": an age or a list mark, never a count
            line_start = text.rfind("\n", 0, first.start) + 1
            if not text[line_start : first.start].strip() and after in (".", ")"):
                return True  # "3. Seni": a numbered list item
        if self._currency_before.before(toks, i):
            return True  # "Rp 3.793.971.790", "US$ 82"
        return bool(self._ordinal_before.before(toks, i) or self._day_before.before(toks, i))

    def find(self, text: str, start: int = 0, end: int | None = None) -> list[NumberMention]:
        """Counts in ``text[start:end]``, offsets absolute; dates, times, years,
        ordinals and percentages are left out."""
        stop = len(text) if end is None else end
        if (
            self._word_starts
            and _DIGIT.search(text, start, stop) is None
            and self._starts.isdisjoint([w.lower() for w in _WORDS.findall(text, start, stop)])
        ):
            return []
        toks = tokenize(text, start, end)
        out: list[NumberMention] = []
        i = 0
        while i < len(toks):
            if toks[i].kind != "num" and toks[i].text not in self._starts:
                i += 1
                continue
            qual: str | None = None
            q_len = 0
            q = self._before.at(toks, i)
            if q is not None and self._run(toks, i + q[0]) is not None:
                q_len, qual = q
            run = self._run(toks, i + q_len)
            if run is None:
                i += 1
                continue
            value, j, vague = run
            num_start = i + q_len
            if toks[num_start].kind == "num" and j < len(toks) - 1 and toks[j].text in _RANGE_DASHES:
                # "10-15 orang": a range of counts; the lowest is the credible one
                if toks[j + 1].kind == "num" and toks[j].start == toks[j - 1].end and toks[j + 1].start == toks[j].end:
                    j += 2
            if self._not_a_count(toks, num_start, j, text):
                i = j
                continue
            qa = self._after.at(toks, j)
            if qa is not None:
                qual = qual or qa[1]
                j += qa[0]
            unit = None
            u = j
            while u < len(toks) and toks[u].text in self._unit_skip:
                u += 1
            if u < len(toks) and toks[u].kind == "word":
                unit = toks[u].text
            s, e = toks[i].start, toks[j - 1].end
            out.append(NumberMention(s, e, text[s:e], value, vague, qual, unit))
            i = j
        return out

    # ---- spelling --------------------------------------------------------------

    def words(self, n: int) -> str:
        """Spell ``n`` in the pack's language (used by the round-trip property test)."""
        if n < 0:
            raise ValueError("negative numbers are not counts")
        below = self._spell["below_twenty"]
        if n < 20:
            return below[n]
        if n < 100:
            tens, rest = divmod(n, 10)
            head = self._spell["tens"][tens - 2]
            return head + (self._spell.get("tens_join", " ") + below[rest] if rest else "")
        scale: dict[str, Any] = max(
            (s for s in self._spell["scales"] if s["value"] <= n), key=lambda s: s["value"]
        )
        count, rest = divmod(n, scale["value"])
        if count == 1 and scale.get("one"):
            head = scale["one"]
        else:
            head = f"{self.words(count)} {scale['name']}"
        return head + (f" {self.words(rest)}" if rest else "")
