"""Cleaning: set boilerplate aside and keep bylines/datelines as metadata.

Nothing is deleted from the text: removed parts become ``Segment``s (with the
marker that matched) and the news text is described by ``Doc.body`` spans, so
every later offset still points into ``Article.text``. The markers are data in
``packs/<lang>/boilerplate.toml``; the union of all packs is used because
cleaning runs before the language is known.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from typing import Any, Callable, Iterable

import ahocorasick

from pantau.packs import PackSet
from pantau.records import Article, Doc, Segment, Span
from pantau.slots import maker
from pantau.stages.literals import first_chars, lowers_like_matching, needed_literal_sets

__all__ = ["Cleaner", "body_text"]

# A line ending a sentence: final period/exclamation, perhaps inside closing quotes or brackets.
_SENTENCE_END = re.compile(r"[.!…]['\"”’)\]]*$")
_INNER_SENTENCE = re.compile(r"[.!?]['\"”’)]*\s+['\"“‘(]?[A-Z]")
_BULLET = re.compile(r"^[-•*–·>▪►]+\s*")
_LONE_TOKEN = re.compile(r"^(?=[^\s]*[a-z])[a-z0-9][a-z0-9_\-./]*$")
_LINE = re.compile(r"[^\n]+")
_FIRST_SENTENCE_END = re.compile(r"[.!?]['\"”’]?(?=\s|$)")
# Parts of a pattern's source that stop it from joining an alternation: its leading global
# flags (which become scoped flags), its named groups (names repeat across patterns), and
# what cannot be moved safely (back-references, conditionals, verbose mode).
_GLOBAL_FLAGS = re.compile(r"^\(\?([aiLmsu]+)\)")
_NAMED_GROUP = re.compile(r"(?<!\\)\(\?P<\w+>")
_UNMOVABLE = re.compile(r"\(\?P=|(?<!\\)\(\?\(|\\[1-9]|(?<!\\)\(\?[aiLmsu]*x")


@dataclass(frozen=True, slots=True)
class _Line:
    start: int  # offsets of the stripped line content in the article text
    end: int
    text: str


@dataclass(frozen=True, slots=True)
class _Dateline:
    end: int
    places: tuple[str, ...]
    day: date | None
    reason: str


# Records built per line and per article, faster (see pantau.slots): the same records
_make_line = maker(_Line)
_make_segment = maker(Segment)
_make_span = maker(Span)
_make_doc = maker(Doc)


def body_text(doc: Doc) -> str:
    """The news text of a document: its body spans joined by blank lines."""
    return "\n\n".join(doc.text[s.start : s.end] for s in doc.body)


def _lines(text: str) -> list[_Line]:
    out = []
    for m in _LINE.finditer(text):
        raw = m.group(0)
        stripped = raw.strip()
        if not stripped:
            continue
        start = m.start() + (len(raw) - len(raw.lstrip()))
        out.append(_make_line(start, start + len(stripped), stripped))
    return out


def _compile(tables: Iterable[dict[str, Any]], *keys: str) -> tuple[re.Pattern[str], ...]:
    """Every pattern under ``keys`` (a path into each table) from every pack, in pack order."""
    found: list[re.Pattern[str]] = []
    seen: set[str] = set()
    for table in tables:
        node: Any = table
        for key in keys:
            node = node.get(key, {}) if isinstance(node, dict) else {}
        for pat in node or ():
            if pat not in seen:
                seen.add(pat)
                found.append(re.compile(pat))
    return tuple(found)


class _Markers:
    """Marker patterns in pack order, behind gates that reject most lines at once.

    Most lines match no marker. Two alternations of the patterns tell that in at most two
    calls instead of one search per pattern: the patterns anchored at the line's start joined
    and tried at the start only (``match``), the others joined and searched; each only when a
    literal gate finds that one of its patterns could match (see ``_LiteralGate``).
    """

    __slots__ = ("patterns", "gates")

    def __init__(self, patterns: tuple[re.Pattern[str], ...]) -> None:
        self.patterns = patterns
        self.gates = _gates(patterns)

    def first(self, text: str) -> re.Match[str] | None:
        """The match of the first pattern (in pack order) that matches anywhere in ``text``."""
        if self.gates is not None:
            for gate in self.gates:
                if gate(text) is not None:
                    break
            else:
                return None
        for pat in self.patterns:
            m = pat.search(text)
            if m:
                return m
        return None


# The shortest string of a set that an anchored pattern's gate looks for (see _gate_parts).
_ANCHORED_NEED_CHARS = 3
# The most (first character, strings found) pairs whose joined anchored patterns a gate keeps.
_MAX_MATCHERS = 4096


class _Parts:
    """The patterns of some marker lists, ready to be joined into two alternations: the sources
    of the anchored and of the floating ones, and what each cannot match without."""

    __slots__ = ("anchored", "floating", "anchored_needs", "anchored_firsts", "floating_needs")

    def __init__(self) -> None:
        self.anchored: list[str] = []
        self.floating: list[str] = []
        self.anchored_needs: list[tuple[frozenset[str], ...]] = []
        self.anchored_firsts: list[frozenset[str] | None] = []
        self.floating_needs: list[tuple[frozenset[str], ...]] = []


def _gate_parts(patterns: tuple[re.Pattern[str], ...], parts: _Parts) -> bool:
    """Adds each pattern's source, ready to join an alternation, and what it cannot match
    without (strings; for an anchored one also its possible first characters) to ``parts``;
    False when a pattern cannot be moved into an alternation."""
    for pat in patterns:
        source, flags = pat.pattern, ""
        if _UNMOVABLE.search(source):
            return False
        head = _GLOBAL_FLAGS.match(source)
        if head:
            flags, source = head.group(1), source[head.end() :]
        source, named = _NAMED_GROUP.subn("(?:", source)
        if named != len(pat.groupindex):
            return False
        joined = f"(?{flags}:{source})" if flags else f"(?:{source})"
        if _anchored(pat):
            parts.anchored.append(joined)
            # not sets of short strings ('.', ':', 'x'): those are in most lines, their automaton
            # hits cost more than the matches they save (the first character tells those apart)
            firsts = first_chars(pat.pattern, pat.flags)
            needs = needed_literal_sets(pat.pattern, fold=True)
            parts.anchored_needs.append(tuple(n for n in needs if min(map(len, n)) >= _ANCHORED_NEED_CHARS))
            parts.anchored_firsts.append(firsts)
        else:
            parts.floating.append(joined)
            parts.floating_needs.append(needed_literal_sets(pat.pattern, fold=True))
    return True


def _gates(*groups: tuple[re.Pattern[str], ...]) -> tuple[Callable[[str], object], ...] | None:
    """One gate finding something in a line exactly when one of the patterns (of any of
    ``groups``) does: ``match`` of the anchored patterns joined or ``search`` of the others
    joined, behind a literal gate. None when a pattern cannot be moved into an alternation
    (then every pattern is tried on every line)."""
    parts = _Parts()
    for patterns in groups:
        if not _gate_parts(patterns, parts):
            return None
    try:
        match = re.compile("|".join(parts.anchored)).match if parts.anchored else None
        search = re.compile("|".join(parts.floating)).search if parts.floating else None
    except re.error:
        return None
    return (_LiteralGate(parts, match, search),)


class _AnyGate:
    """True when one of the gates finds something in a line (every line when there are none)."""

    __slots__ = ("_gates",)

    def __init__(self, gates: tuple[Callable[[str], object], ...] | None) -> None:
        self._gates = gates

    def __call__(self, text: str) -> bool:
        if self._gates is None:
            return True
        for gate in self._gates:
            if gate(text) is not None:
                return True
        return False


class _LiteralGate:
    """``match`` of the anchored patterns, else ``search`` of the floating ones joined, each tried
    only on a line where one of its patterns could match: for an anchored pattern, a line that
    begins with one of its possible first characters and holds, for each set of strings it
    cannot match without, one of them (lower-cased, so case-insensitive patterns have them
    too); then only those anchored patterns are joined and tried (the alternation of all cost
    ~36,000 instructions a line). Same for a floating pattern, but its strings only. Most lines
    hold none, and one automaton pass is much cheaper than trying the patterns."""

    __slots__ = ("_auto", "_match", "_sources", "_subsets", "_matches", "_anchored_bits", "_search", "_anchored",
                 "_by_first", "_floating")

    def __init__(self, parts: _Parts, match: Callable[[str], object] | None,
                 search: Callable[[str], object] | None) -> None:
        bits: dict[str, int] = {}
        n = 0

        def mask_of(sets: tuple[frozenset[str], ...]) -> int:
            nonlocal n
            mask = 0
            for strings in sets:
                for lit in strings:
                    bits[lit] = bits.get(lit, 0) | 1 << n
                mask |= 1 << n
                n += 1
            return mask  # 0: nothing known, always tried

        # per anchored pattern: (its mask, its first characters or None)
        self._anchored = [(mask_of(needs), firsts) for needs, firsts in zip(parts.anchored_needs, parts.anchored_firsts)]
        # by lower-cased first character: (index, mask) of the anchored patterns it can begin
        self._by_first: dict[str, tuple[tuple[int, int], ...]] = {}
        self._sources = tuple(parts.anchored)
        self._subsets: dict[tuple[int, ...], Callable[[str], object]] = {}  # joined on first use
        self._matches: dict[tuple[str, int], Callable[[str], object] | None] = {}  # see _matcher
        self._anchored_bits = 0
        for mask, _ in self._anchored:
            self._anchored_bits |= mask
        # the floating patterns' masks; None: a pattern needs nothing known, the search always runs
        floating = [mask_of(needs) for needs in parts.floating_needs]
        self._floating = floating if all(floating) else None
        self._auto: Any = None
        if bits:
            self._auto = ahocorasick.Automaton()
            for lit, bit in bits.items():
                self._auto.add_word(lit, bit)
            self._auto.make_automaton()
        self._match = match
        self._search = search

    def _firsts(self, key: str) -> tuple[tuple[int, int], ...]:
        """(index, mask) of the anchored patterns that can match a line beginning with ``key``
        (its lower-cased first character; "" for an empty line)."""
        found = self._by_first.get(key)
        if found is None:
            found = self._by_first[key] = tuple(
                (i, mask) for i, (mask, firsts) in enumerate(self._anchored) if firsts is None or key in firsts)
        return found

    def _matcher(self, key: tuple[str, int]) -> Callable[[str], object] | None:
        """``match`` of the anchored patterns that can match a line beginning with ``key[0]`` (its
        lower-cased first character, "" when empty) whose automaton hits are ``key[1]``, joined
        in their order (None: no pattern can); kept for the next such line."""
        first, found = key
        which = tuple(i for i, mask in self._firsts(first) if found & mask == mask)
        match = None
        if which:
            match = self._subsets.get(which)
            if match is None:
                match = re.compile("|".join(self._sources[i] for i in which)).match
                if len(self._subsets) < _MAX_MATCHERS:  # (a bound, never reached in practice)
                    self._subsets[which] = match
        if len(self._matches) < _MAX_MATCHERS:
            self._matches[key] = match
        return match

    def __call__(self, text: str) -> object:
        if not lowers_like_matching(text):  # odd case partners: every pattern is tried
            hit = self._match(text) if self._match is not None else None
            if hit is None and self._search is not None:
                hit = self._search(text)
            return hit
        found = 0
        if self._auto is not None:
            for _, bit in self._auto.iter(text.lower()):
                found |= bit
        if self._match is not None:
            key = (text[:1].lower(), found & self._anchored_bits)
            match = self._matches.get(key, False)
            if match is False:
                match = self._matcher(key)
            if match is not None:
                hit = match(text)
                if hit is not None:
                    return hit
        if self._search is not None and (self._floating is None or any(found & mask == mask for mask in self._floating)):
            return self._search(text)
        return None


def _anchored(pat: re.Pattern[str]) -> bool:
    """True when the pattern can only match at the start of the line (a leading ``^``, no
    top-level alternative, not multi-line); False when that cannot be told."""
    if pat.flags & re.MULTILINE:
        return False
    try:
        from re import _constants, _parser  # the stdlib's own regex parser (private, hence guarded)

        items = _parser.parse(pat.pattern).data
        return bool(items) and items[0] == (_constants.AT, _constants.AT_BEGINNING)
    except Exception:
        return False


def _place_name(raw: str) -> str:
    """'FALLUJA' -> 'Falluja'; names already in mixed case are kept."""
    name = raw.strip(" .,;:-–—")
    return name.title() if name.isupper() and len(name) > 3 else name


class Cleaner:
    """Finds boilerplate, bylines and datelines; builds the ``Doc`` with body spans."""

    def __init__(self, packs: PackSet, max_headline_chars: int = 160, max_headlines: int = 12) -> None:
        tables = [pack.get("boilerplate") for pack in packs]
        self.max_headline_chars = max_headline_chars
        self.max_headlines = max_headlines
        self._related_block = _Markers(_compile(tables, "related_block"))
        self._related_inline = _Markers(_compile(tables, "related_inline"))
        self._lines = _Markers(_compile(tables, "lines"))
        self._separators = _Markers(_compile(tables, "separators"))
        self._spam = _Markers(_compile(tables, "spam"))
        self._byline = _Markers(_compile(tables, "byline", "patterns"))
        # Most lines hold no marker of any kind: one gate of all six kinds joined tells that in
        # one automaton pass instead of one or two calls per kind (None: try each kind)
        self._any_marker = _AnyGate(_gates(*(m.patterns for m in (
            self._separators, self._lines, self._related_block, self._spam, self._byline, self._related_inline))))
        self._dateline = _compile(tables, "dateline", "patterns")
        splits = [p.pattern for p in _compile(tables, "byline", "place_split")]
        self._place_split = re.compile("|".join(splits) if splits else r"\s*,\s*")
        self._months: dict[str, int] = {}
        for table in tables:
            for name, number in table.get("dateline", {}).get("months", {}).items():
                self._months.setdefault(name.lower(), int(number))

    # -- line classifiers -------------------------------------------------

    def _headline_like(self, text: str) -> bool:
        """A listed headline: short, one sentence at most, not a finished sentence (or all capitals)."""
        text = _BULLET.sub("", text)
        if not text or len(text) > self.max_headline_chars or len(text.split()) > 30:
            return False
        if _INNER_SENTENCE.search(text):
            return False
        letters = [c for c in text if c.isalpha()]
        if letters and sum(c.isupper() for c in letters) / len(letters) >= 0.7:
            return True
        return not _SENTENCE_END.search(text)

    def _split_places(self, raw: str) -> list[str]:
        return [p for p in (_place_name(x) for x in self._place_split.split(raw)) if p]

    def _dateline_at(self, line: _Line, default_pub_date: date | None) -> _Dateline | None:
        for pat in self._dateline:
            m = pat.match(line.text)
            if not m:
                continue
            groups = m.groupdict()
            places = []
            if groups.get("place"):
                places.append(_place_name(groups["place"]))
            if groups.get("country"):
                places.append(_place_name(groups["country"]))
            return _Dateline(
                end=line.start + m.end(),
                places=tuple(places),
                day=self._dateline_date(groups, default_pub_date),
                reason=f"dateline: {m.group(0).strip()}",
            )
        return None

    def _dateline_date(self, groups: dict[str, str | None], default_pub_date: date | None) -> date | None:
        """Day/month/year from the dateline's groups (numeric dates are day first)."""
        day = groups.get("day")
        month: int | None = None
        if groups.get("month"):
            month = int(groups["month"])  # type: ignore[arg-type]
        elif groups.get("month_name"):
            month = self._months.get(groups["month_name"].lower().rstrip("."))  # type: ignore[union-attr]
        year_text = groups.get("year")
        if year_text:
            year = int(year_text) + (2000 if len(year_text) == 2 else 0)
        elif default_pub_date is not None:
            year = default_pub_date.year  # "Aug 29": the year the user says the articles are from
        else:
            return None
        if not day or not month:
            return None
        try:
            return date(year, month, int(day))
        except ValueError:
            return None

    # -- the stage ----------------------------------------------------------

    def __call__(self, article: Article, default_pub_date: date | None = None) -> Doc:
        text = article.text
        lines = _lines(text)
        removed: list[Segment] = []
        removed_lines: set[int] = set()
        places: list[str] = []

        def drop(i: int, kind: str, reason: str) -> None:
            removed_lines.add(i)
            removed.append(_make_segment(lines[i].start, lines[i].end, kind, reason))

        # A repeated title: the same line twice at the top; keep the first.
        if len(lines) >= 2 and _norm(lines[0].text) == _norm(lines[1].text) and len(lines[0].text) <= 300:
            drop(1, "title", "repeated title")

        # A dateline opens the first line, or the line after a title.
        dateline: _Dateline | None = None
        candidates = [i for i in range(min(len(lines), 3)) if i not in removed_lines][:2]
        for n, i in enumerate(candidates):
            if n == 1 and not self._title_like(lines[candidates[0]].text, article):
                break
            dateline = self._dateline_at(lines[i], default_pub_date)
            if dateline is not None:
                removed.append(_make_segment(lines[i].start, dateline.end, "dateline", dateline.reason))
                if dateline.end >= lines[i].end:
                    removed_lines.add(i)
                places.extend(dateline.places)
                break

        block_marker: str | None = None
        headlines = 0
        any_marker = self._any_marker
        for i, line in enumerate(lines):
            if i in removed_lines:
                continue
            t = line.text
            marked = any_marker(t)  # False: no kind of marker below can match (most lines)
            if marked:
                m = self._separators.first(t)
                if m:
                    drop(i, "boilerplate", f"separator: {t[:40]}")
                    continue
                m = self._lines.first(t)
                if m:
                    drop(i, "boilerplate", f"line: {m.group(0)[:80]}")
                    continue
                m = self._related_block.first(t)
                if m:
                    drop(i, "boilerplate", f"related: {t}")
                    block_marker, headlines = t, 0
                    continue
                m = self._spam.first(t)
                if m:
                    drop(i, "spam", f"spam: {t[:80]}")
                    continue
                m = self._byline.first(t)
                if m:
                    drop(i, "byline", f"byline: {t[:80]}")
                    if m.groupdict().get("place"):
                        places.extend(self._split_places(m.group("place")))
                    continue
            if block_marker is not None:
                if headlines < self.max_headlines and self._headline_like(t):
                    drop(i, "boilerplate", f"related headline: {block_marker}")
                    headlines += 1
                    continue
                block_marker = None
            m = self._related_inline.first(t) if marked else None
            if m:
                removed.append(self._inline_related(line, m))
                if m.start() == 0:
                    removed_lines.add(i)

        # The general spam rule: a lone lowercase token as the last line.
        kept = [i for i in range(len(lines)) if i not in removed_lines]
        if kept and len(kept) > 1 and _LONE_TOKEN.match(lines[kept[-1]].text):
            drop(kept[-1], "spam", f"lone token: {lines[kept[-1]].text[:40]}")

        removed.sort(key=lambda s: (s.start, s.end))
        pub_date, source = self._pub_date(article, dateline, default_pub_date)
        return _make_doc(
            article=article,
            body=_complement(text, removed),
            removed=tuple(removed),
            pub_date=pub_date,
            pub_date_source=source,
            reporter_places=tuple(dict.fromkeys(places)),
        )

    def _title_like(self, text: str, article: Article) -> bool:
        if article.title and _norm(article.title) == _norm(text):
            return True
        return len(text) <= 200 and not _SENTENCE_END.search(text)

    def _inline_related(self, line: _Line, m: re.Match[str]) -> Segment:
        """'Baca juga: <headline>' inside a line: the marker and the headline after it."""
        rest = line.text[m.end() :]
        end = len(line.text)
        if len(rest) > self.max_headline_chars:
            stop = _FIRST_SENTENCE_END.search(rest)
            if stop:
                end = m.end() + stop.end()
        return _make_segment(line.start + m.start(), line.start + end, "boilerplate", f"related inline: {m.group(0).strip()}")

    @staticmethod
    def _pub_date(
        article: Article, dateline: _Dateline | None, default_pub_date: date | None
    ) -> tuple[date | None, str | None]:
        if article.pub_date is not None:
            return article.pub_date, "record"
        if dateline is not None and dateline.day is not None:
            return dateline.day, "dateline"
        if default_pub_date is not None:
            return default_pub_date, "option"
        return None, None


def _norm(text: str) -> str:
    return " ".join(text.split()).casefold()


def _complement(text: str, removed: list[Segment]) -> tuple[Span, ...]:
    """The spans of text not covered by removed segments, with outer whitespace trimmed."""
    spans: list[Span] = []
    pos = 0
    for seg in [*removed, _make_segment(len(text), len(text), "", "")]:
        if seg.start > pos:
            chunk = text[pos : seg.start]
            lead = len(chunk) - len(chunk.lstrip())
            trail = len(chunk.rstrip())
            if trail > lead:
                spans.append(_make_span(pos + lead, pos + trail))
        pos = max(pos, seg.end)
    return tuple(spans)
