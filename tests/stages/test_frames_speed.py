"""The cue prefilter (mentions._Alternation, _Prefilter) is a speed-up only: a sentence's cues,
clauses, death and injury words and occurrence test are exactly those of the pack's full
regexes, and ``has_any_lemma`` answers as the word-by-word match did."""

from __future__ import annotations

import itertools
import json
import re
from pathlib import Path

import pytest

from pantau.records import Span
from pantau.stages.mentions import CueMention, MentionFinder, _Alternation, _needed_literals

EXAMPLES = Path(__file__).resolve().parents[2] / "src" / "pantau" / "examples"

# sentences that exercise the odd corners: patterns with repeats, classes, overlaps, no match
EXTRA = [
    "Polisi membantah ada bentrokan di Desa Suka Maju; tidak ada korban jiwa, kata Kapolres.",
    "Selama dua tahun terakhir, sebanyak 5 kali serangan terjadi - terus menerus - di kawasan itu.",
    "He said that the militants, who were not identified, had attacked the village of Namava.",
    "Protesters clashed with police in Lagos on Monday; 3 were killed and 12 injured.",
    "",
    "—",
    "Tidak.",
]


def _texts() -> list[str]:
    out = list(EXTRA)
    for path in sorted(EXAMPLES.iterdir()):
        if path.suffix == ".txt":
            out.append(path.read_text(encoding="utf-8"))
        elif path.suffix == ".jsonl":
            out += [json.loads(line).get("text", "") for line in path.read_text(encoding="utf-8").splitlines() if line.strip()]
    for lang in ("id", "en", "ms"):
        pack_examples = EXAMPLES.parent / "packs" / lang / "examples.jsonl"
        if pack_examples.is_file():
            out += [json.loads(line).get("text", "") for line in pack_examples.read_text(encoding="utf-8").splitlines() if line.strip()]
    return out


def _windows(text: str) -> list[tuple[int, int]]:
    """The text's lines and the whole text, as (start, end)."""
    spans = [(0, len(text))]
    pos = 0
    for line in text.splitlines(keepends=True):
        spans.append((pos, pos + len(line.rstrip("\n"))))
        pos += len(line)
    return spans


def _slow_cues(f: MentionFinder, text: str, start: int, end: int) -> list[CueMention]:
    low = text[start:end].lower()
    out = [
        CueMention(start + m.start(), start + m.end(), text[start + m.start() : start + m.end()], kind)
        for kind, rx in f._cue_res.items()
        for m in rx.finditer(low)
    ]
    out.sort(key=lambda c: (c.start, c.kind))
    return out


def _slow_clauses(f: MentionFinder, text: str, start: int, end: int) -> list[Span]:
    if f._clause_re is None:
        return [Span(start, end)]
    cuts = [start]
    for m in f._clause_re.finditer(text[start:end].lower()):
        if start + m.start() > cuts[-1]:
            cuts.append(start + m.start())
    cuts.append(end)
    return [Span(a, b) for a, b in itertools.pairwise(cuts) if b > a]


def _slow_deaths(f: MentionFinder, text: str, start: int, end: int) -> list[tuple[int, int, bool]]:
    low = text[start:end].lower()
    out: dict[int, tuple[int, int, bool]] = {}
    for rx, trans in ((f._death_re, False), (f._kill_re, True)):
        for m in rx.finditer(low) if rx is not None else ():
            if trans or start + m.start() not in out:
                out[start + m.start()] = (start + m.start(), start + m.end(), trans)
    return sorted(out.values())


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_prefiltered_cues_equal_full_regexes(pack, lang: str) -> None:
    f = MentionFinder(pack(lang))
    checked = 0
    # twice: a pattern subset is first read with the whole alternation, then compiled on its own
    for text in [*_texts(), *_texts()]:
        for start, end in _windows(text):
            low = text[start:end].lower()
            assert f.cues(text, start, end) == _slow_cues(f, text, start, end)
            assert f.clauses(text, start, end) == _slow_clauses(f, text, start, end)
            assert f.deaths(text, start, end) == _slow_deaths(f, text, start, end)
            injuries = [Span(start + m.start(), start + m.end()) for m in f._injury_re.finditer(low)] if f._injury_re else []
            assert f.injuries(text, start, end) == injuries
            assert f.occurrence(text, start, end) == bool(f._occurrence_re and f._occurrence_re.search(low))
            for kind, rx in f._cue_res.items():  # count: the kind's own prefilter, then a subset regex
                assert f.count(kind, text[start:end]) == len(rx.findall(low)), kind
                for limit in (0, 1, 3):  # counted up to a limit: the search stops there
                    assert f.count(kind, text[start:end], limit) == min(limit, len(rx.findall(low))), kind
            checked += 1
    assert checked > 100


def test_subset_compiled_when_asked_again() -> None:
    """A subset of several patterns gets the whole alternation (no compile) until it has been
    asked for _SUBSET_ASKS times, its own regex from then on; one pattern, none or ``now`` are
    answered at once."""
    from pantau.stages.mentions import _SUBSET_ASKS

    alt = _Alternation([r"\btidak\b", r"\bbelum\b", r"[;:]"])
    whole = alt.regex
    for _ in range(_SUBSET_ASKS - 1):
        assert alt.for_patterns(0b011) is whole
    second = alt.for_patterns(0b011)
    # (compiled literal first, see test_literals_literal_first_patterns_find_the_same in test_literals.py)
    assert second is not whole and second.pattern == r"(?:t(?<=\bt)idak\b)|(?:b(?<=\bb)elum\b)"
    assert alt.for_patterns(0b011) is second
    assert alt.for_patterns(0b100).pattern == "(?:[;:])"
    assert alt.for_patterns(0) is None
    assert alt.for_patterns(0b111) is whole
    assert alt.for_patterns(0b101, now=True).pattern == r"(?:t(?<=\bt)idak\b)|(?:[;:])"


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_every_match_holds_a_needed_literal(pack, lang: str) -> None:
    """What the prefilter relies on, checked on real text: each match of a pattern contains one
    of the literals ``_needed_literals`` says it needs."""
    f = MentionFinder(pack(lang))
    texts = [t.lower() for t in _texts()]
    for alt in f._prefilter.alts.values():
        for pattern, need in zip(alt.patterns, alt.needs):
            if need is None:
                continue
            rx = re.compile(pattern)
            for low in texts:
                for m in rx.finditer(low):
                    assert any(lit in m.group() for lit in need), (pattern, m.group(), need)


@pytest.mark.parametrize(
    ("pattern", "needed"),
    [
        (r"\btidak\b", {"tidak"}),
        (r"\bsedang berlangsung\b", {"sedang berlangsung"}),
        (r"[;:]", {";", ":"}),
        (r",\s", {","}),
        (r"\bselama\s+(?:\S+\s+){0,2}(?:tahun|bulan)\b", {"selama"}),
        (r"\b(?:last|past) (?:week|month)s?\b", {"last", "past"}),
        (r"\b(?:hari|pekan)-(?:hari|pekan) terakhir\b", {" terakhir"}),
        (r"\bmeninggal(?: dunia)?\b", {"meninggal"}),
        (r"\w+", None),
        (r"(?i:tidak)", None),
        (r"\b(?:a|\w)\b", None),
        (r"(?:ab)?c", {"c"}),
        (r"x*", None),
    ],
)
def test_needed_literals(pattern: str, needed: set[str] | None) -> None:
    got = _needed_literals(pattern)
    assert (set(got) if got is not None else None) == needed


def test_has_any_lemma_equals_word_by_word_match(pack) -> None:
    f = MentionFinder(pack("id"))
    text = "Massa membakar pos polisi dan merusak kantor desa setelah bentrok dengan aparat keamanan."
    toks = f.tokens(text, 0, len(text))
    vocab = sorted({w for t in toks for w in f._entry(t.text)[0]})
    phrases = [(w,) for w in vocab[:6]] + [(a, b) for a, b in itertools.pairwise(vocab)] + [("pos", "polisi"), ("aparat", "keamanan"), ("keamanan", "x")]
    for lo in range(len(toks)):
        for hi in range(lo, len(toks) + 1):
            for skip in (range(0), range(lo, lo + 1), range(hi - 2, hi)):
                for ph in [phrases, phrases[:3], [("pos", "polisi")], [("aparat", "keamanan")], [("tidak", "ada")]]:
                    analyses = [f._entry(t.text)[0] if k not in skip else {} for k, t in enumerate(toks[lo:hi], lo)]
                    slow = any(f._words_match(analyses, k, w) for w in ph for k in range(len(analyses)))
                    assert f.has_any_lemma(toks, lo, hi, ph, skip) == slow


def _slow_hits(f: MentionFinder, texts: list[str], entries: list) -> list:
    """The trigger walk as it was: every token visited in turn."""
    analyses = [e[0] for e in entries]
    found = []
    i = 0
    while i < len(texts):
        _, starts, stops, _ = entries[i]
        if stops:
            stop_len = f._stop_at(analyses, i, stops)
            if stop_len:
                i += stop_len
                continue
        if not starts:
            i += 1
            continue
        hit = f._match_at(texts, analyses, i, starts)
        if hit is None:
            i += 1
            continue
        words, rule, form = hit
        found.append((i, i + len(words) - 1, words, rule, form))
        i += len(words)
    return found


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_trigger_walk_skipping_plain_words_finds_the_same_hits(pack, lang: str) -> None:
    f = MentionFinder(pack(lang))
    hits = 0
    for text in _texts():
        for start, end in _windows(text):
            texts = [t.text for t in f.tokens(text, start, end)]
            entries = [f._entry(w) for w in texts]
            fast = f._hits(texts, entries)
            assert fast == _slow_hits(f, texts, entries)
            hits += len(fast)
    assert hits > 10


def test_fast_tokens_are_ordinary_tokens(pack) -> None:
    """``tokens`` builds Token objects without the dataclass __init__: they equal, hash and print
    as tokens built the ordinary way."""
    from pantau.stages.mentions import _WORD, Token

    f = MentionFinder(pack("id"))
    text = "Warga Desa Suka-Maju membantah ada bentrokan, kata polisi’s."
    toks = f.tokens(text, 0, len(text))
    slow = [Token(m.start(), m.end(), m.group().lower()) for m in _WORD.finditer(text)]
    assert toks == slow
    assert [hash(t) for t in toks] == [hash(t) for t in slow]
    assert [repr(t) for t in toks] == [repr(t) for t in slow]
    assert all(type(t) is Token for t in toks)
    with pytest.raises(AttributeError):
        toks[0].start = 3  # type: ignore[misc]


def test_shared_caches_are_safe_across_threads(pack) -> None:
    """One pipeline may serve several threads (a Dask worker with --nthreads > 1): the caches of
    the last sentence read (cue prefilter, dates' lower-cased text) and the word memo must never
    give one thread another's answer."""
    import sys
    import threading

    from pantau.stages.normalize.dates import DateResolver

    f = MentionFinder(pack("id"))
    dates = DateResolver(pack("id"))
    windows = [(text, a, b) for text in _texts()[:30] for a, b in _windows(text)[1:]][:400]

    def read(text: str, a: int, b: int) -> tuple:
        return f.cues(text, a, b), f.clauses(text, a, b), f.scan(text, a, b), dates.find(text, a, b)

    expected = [read(*w) for w in windows]
    failures: list[int] = []

    def worker(shift: int) -> None:
        for k in range(len(windows)):
            i = (k + shift) % len(windows)
            if read(*windows[i]) != expected[i]:
                failures.append(i)
            if k % 50 == 0:
                f._forget()  # as a full memo does

    old = sys.getswitchinterval()
    sys.setswitchinterval(1e-6)
    try:
        threads = [threading.Thread(target=worker, args=(s * 37,)) for s in range(4)]
        for t in threads:
            t.start()
        for t in threads:
            t.join()
    finally:
        sys.setswitchinterval(old)
    assert not failures


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
@pytest.mark.parametrize("memo_max", [3, 200_000])
def test_scan_all_equals_scan_per_sentence(pack, lang: str, memo_max: int, monkeypatch: pytest.MonkeyPatch) -> None:
    """An article's sentences scanned together (the memo asked once for all their words) give
    what each sentence scanned alone gives, tokens and triggers, whether the memo restarts
    every few words or never: the memo is a cache."""
    from pantau.stages import mentions

    monkeypatch.setattr(mentions, "_MEMO_MAX", memo_max)
    alone, together = MentionFinder(pack(lang)), MentionFinder(pack(lang))
    found = 0
    for text in _texts():
        spans = _windows(text)[1:]
        got = together.scan_all(text, spans)
        want = [alone.scan(text, a, b) for a, b in spans]
        assert got == want
        assert [toks for toks, trigs in got if trigs] == [alone.tokens(text, a, b) for (a, b), (_, trigs) in zip(spans, got) if trigs]
        found += sum(len(trigs) for _, trigs in got)
    assert found > 50


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_memo_marks_exactly_the_words_with_starts_or_stops(pack, lang: str) -> None:
    """The walk reads a word's 'marked' flag (``_MARKED``) instead of its starts and stops: the
    flag must say exactly whether it has either, for inert and analysed words alike."""
    f = MentionFinder(pack(lang))
    for text in _texts():
        f.scan(text, 0, len(text))
    memo = f._memo
    assert any(e[3] for e in memo.values()) and not all(e[3] for e in memo.values())
    assert all(e[3] == bool(e[1] or e[2]) for e in memo.values())


def test_words_between_by_binary_search_counts_as_the_plain_pass(pack) -> None:
    """``FrameBuilder._words_between`` finds the tokens between two offsets by binary search
    over the sentence's tokens (ascending starts and ends): the same count as testing every token,
    for every pair of offsets, on whole token lists and on order-keeping subsets of them."""
    import random

    from pantau.stages.frames import FrameBuilder

    f = MentionFinder(pack("id"))
    rng = random.Random(8)
    checked = 0
    for text in _texts()[:40]:
        toks = f.tokens(text, 0, len(text))
        lists = [toks, toks[::2], [t for t in toks if rng.random() < 0.5], toks[:1], []]
        n = len(text)
        offsets = sorted({0, n, *(t.start for t in toks[:12]), *(t.end for t in toks[:12]), *(rng.randrange(n + 1) for _ in range(12))})
        for sub in lists:
            for a in offsets:
                for b in offsets:
                    plain = sum(1 for t in sub if t.start >= a and t.end <= b)
                    assert FrameBuilder._words_between(sub, a, b) == plain
                    checked += plain > 0
    assert checked > 1000


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_ground_without_event_nouns_is_the_full_reading(pack, lang: str) -> None:
    """``FrameBuilder._ground`` returns at once when no frame is an event told by a noun (its
    injuries and confirmation cues are then not read): the same frames as the full reading
    (``_grounded``), on every sentence of the example texts, with and without their dates."""
    from pantau.records import Sentence
    from pantau.stages.frames import FrameBuilder
    from pantau.stages.normalize.dates import DateResolver

    f = MentionFinder(pack(lang))
    builder = FrameBuilder(f)
    dates = DateResolver(pack(lang))
    skipped = grounded = 0
    for text in _texts():
        for i, (a, b) in enumerate(_windows(text)):
            sentence = Sentence(index=i, start=a, end=b, text=text[a:b], paragraph=0)
            found = dates.find(text, a, b)
            frames = builder.build(text, sentence, dates=found)
            for ds in (found, []):
                assert builder._ground(frames, text, sentence, ds) == builder._grounded(frames, text, sentence, ds)
            needs = any(fr.status == "event" and not fr.trigger.verbal for fr in frames)
            skipped += bool(frames) and not needs
            grounded += needs
    assert grounded > 0 and (skipped > 0 or lang != "id")


def _plain_cues(f: MentionFinder, text: str, start: int, end: int) -> list:
    """The cues as they were read: every kind in turn, its regex asked of the prefilter."""
    from pantau.stages.mentions import _cue_order, _make_cue

    low = text[start:end].lower()
    regexes = f._prefilter.regexes(low)
    out = []
    for kind, key in f._cue_keys:
        rx = regexes[key]
        for m in rx.finditer(low) if rx is not None else ():
            a, b = m.span()
            out.append(_make_cue(start + a, start + b, text[start + a : start + b], kind))
    out.sort(key=_cue_order)
    return out


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_cues_read_only_the_live_names_as_every_kind(pack, lang: str) -> None:
    """``_cues`` goes through the names the prefilter says can match (``_Prefilter.searches``),
    not every kind: the same cues in the same order, on every window of the example texts."""
    f = MentionFinder(pack(lang))
    found = 0
    for text in _texts():
        for a, b in _windows(text):
            fast = f._cues(text, a, b)
            assert fast == _plain_cues(f, text, a, b)
            found += len(fast)
    assert found > 50


def test_prefilter_live_names_are_its_regexes_that_are_not_none(pack) -> None:
    """``_Prefilter.searches`` lists exactly the names whose regex is not None, with an
    alternation whose patterns need nothing known (a regex even where no literal occurs) too."""
    from pantau.stages.mentions import _Prefilter

    f = MentionFinder(pack("id"))
    alts = dict(f._prefilter.alts)
    alts["always"] = _Alternation([r"\w+ing\b", r"\btidak\b"])
    alts["never"] = _Alternation([r"\bzzqx\b"])
    for pre in (f._prefilter, _Prefilter(alts)):
        for text in _texts()[:40]:
            for a, b in _windows(text):
                low = text[a:b].lower()
                found, live = pre.searches(low)
                assert found == pre.regexes(low)
                assert sorted(live, key=lambda nr: nr[0]) == sorted(
                    ((n, r) for n, r in found.items() if r is not None), key=lambda nr: nr[0]
                )
                assert len({n for n, _ in live}) == len(live)


def test_ascii_word_pattern_finds_the_unicode_words_in_ascii_text(pack) -> None:
    """``scan_all`` reads ASCII sentences with ``_WORD_ASCII``: on any ASCII text (every ASCII
    character, random mixes) it finds what ``_WORD`` finds, from any start to any end; and
    ``scan_all`` equals ``scan`` per sentence on texts that are ASCII, partly ASCII and not at all."""
    import random

    from pantau.stages.mentions import _WORD, _WORD_ASCII

    rng = random.Random(8)
    alphabet = [chr(i) for i in range(128)] + list("aaaeee   --''’")
    texts = ["".join(rng.choice(alphabet) for _ in range(rng.randrange(1, 80))) for _ in range(3000)]
    texts.append("".join(chr(i) for i in range(128)) * 2)
    for t in texts:
        t = t.replace("’", "'") if rng.random() < 0.5 else t
        if not t.isascii():
            continue
        for a, b in ((0, len(t)), (rng.randrange(len(t) + 1), len(t)), (0, rng.randrange(len(t) + 1))):
            assert _WORD_ASCII.findall(t, a, b) == _WORD.findall(t, a, b)
    f = MentionFinder(pack("id"))
    for text in _texts()[:40]:
        for variant in (text, text.replace("'", "’"), "Ségolène " + text, text.encode("ascii", "ignore").decode()):
            spans = _windows(variant)
            assert f.scan_all(variant, spans) == [f.scan(variant, a, b) for a, b in spans]


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_prefilter_serves_a_part_of_the_last_text_with_the_same_matches(pack, lang: str) -> None:
    """A clause read right after its sentence gets the sentence's regexes (``_Prefilter.searches``):
    for every name they find in the clause what the clause's own regexes find, on every window
    of the example texts and the parts of it a clause mark or a fixed cut leaves."""
    from pantau.stages.mentions import _Prefilter

    f = MentionFinder(pack(lang))
    served = f._prefilter
    fresh = _Prefilter(served.alts)
    parts = 0
    for text in _texts():
        for a, b in _windows(text):
            low = text[a:b].lower()
            cuts = sorted({0, len(low), len(low) // 2, *(c.start - a for c in f.clauses(text, a, b))})
            for x, y in [(x, y) for x in cuts for y in cuts if x < y]:
                served.searches(low)
                got = served.searches(low[x:y])[0]
                fresh._last = ("", {}, [])
                want = fresh.searches(low[x:y])[0]
                assert got.keys() == want.keys()
                for name, rx in want.items():
                    spans = [m.span() for m in rx.finditer(low[x:y])] if rx is not None else []
                    other = got[name]
                    assert ([m.span() for m in other.finditer(low[x:y])] if other is not None else []) == spans, name
                parts += 1
    assert parts > 100


def test_possessive_word_pattern_finds_the_plain_patterns_words() -> None:
    """``_WORD`` (and its ASCII twin) has possessive quantifiers: the same words as the plain
    greedy pattern, on random texts of word characters, joiners (-, ', ’), spaces, punctuation,
    digits, underscores and non-ASCII letters, from any start to any end."""
    import random

    from pantau.stages.mentions import _WORD, _WORD_ASCII

    plain = re.compile(r"\w\w*(?:[-'’]\w+)*")
    rng = random.Random(8)
    alphabet = list("ab_09-'’ .,-'") + ["é", "ş", "Σ", "\u0301", "\u00a0", "ǅ", "٣"]
    checked = 0
    for _ in range(20000):
        t = "".join(rng.choice(alphabet) for _ in range(rng.randrange(0, 24)))
        a = rng.randrange(len(t) + 1)
        b = rng.randrange(a, len(t) + 1)
        want = plain.findall(t, a, b)
        assert _WORD.findall(t, a, b) == want
        assert [m.span() for m in _WORD.finditer(t, a, b)] == [m.span() for m in plain.finditer(t, a, b)]
        if t.isascii():
            assert _WORD_ASCII.findall(t, a, b) == want
        checked += len(want)
    assert checked > 10000


@pytest.mark.parametrize("lang", ["id", "en", "ms"])
def test_has_any_lemma_with_the_packs_needs_equals_word_by_word_match(pack, lang: str) -> None:
    """``has_any_lemma`` passes over a phrase whose first word no token can be read as and takes
    a one-word phrase that one can (the tokens' lemmas gathered once): the same answer as trying
    every phrase at every token, with the packs' ``needs`` phrases on the example texts."""
    f = MentionFinder(pack(lang))
    needs = sorted({n for entries in f._index.values() for _, rule in entries for n in rule.needs})
    vocab = sorted(f.vocabulary)
    groups = [needs, [n for n in needs if len(n) > 1], needs[:2], [(v,) for v in vocab[::7]], [tuple(vocab[:2])]]
    hits = 0
    for text in _texts():
        toks = f.tokens(text, 0, len(text))
        for lo, hi in ((0, len(toks)), (1, len(toks) // 2), (len(toks) // 3, len(toks))):
            for skip in (range(0), range(lo, lo + 2)):
                analyses = [f._entry(t.text)[0] if k not in skip else {} for k, t in enumerate(toks[lo:hi], lo)]
                for phrases in groups:
                    slow = any(f._words_match(analyses, k, w) for w in phrases for k in range(len(analyses)))
                    assert f.has_any_lemma(toks, lo, hi, phrases, skip) == slow
                    hits += slow
    assert hits > 10
