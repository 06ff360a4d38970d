"""Extraction skips work whose result cannot matter, and codes the same events."""

from __future__ import annotations

from datetime import date

from pantau.records import Article

CALM = "Warga Bandung merayakan hari raya dengan gembira.\n\n"
WEATHER = "\n\nCuaca di Surabaya cerah."


def _geo_calls(real_pipeline, text: str) -> tuple[int, int]:
    """(sentences whose places were read, events) for one Indonesian article."""
    extractor = real_pipeline.extractor("id")
    calls: list[int] = []
    find = extractor.geo.find

    def counted(text: str, start: int = 0, end: int | None = None):  # type: ignore[no-untyped-def]
        calls.append(start)
        return find(text, start, end)

    extractor.geo.find = counted
    try:
        result = real_pipeline(Article("t", text, pub_date=date(2020, 8, 5), language="id"))
    finally:
        del extractor.geo.find  # back to the class's method
    return len(calls), len(result.events)


def test_id_extract_reads_other_places_only_once_a_frame_is_kept(real_pipeline) -> None:
    """Places of sentences without a trigger serve only the document's focus, which only kept
    frames use: with every frame dropped (a denial) only the trigger's sentence is read."""
    denied = CALM + "Polisi membantah ada bentrokan di Desa Suka Maju, Kabupaten Bogor." + WEATHER
    assert _geo_calls(real_pipeline, denied) == (1, 0)
    clash = CALM + "Dua orang tewas dalam bentrokan di Desa Suka Maju, Kabupaten Bogor, Senin (3/8)." + WEATHER
    assert _geo_calls(real_pipeline, clash) == (3, 1)  # a kept frame: every sentence's places, for the focus


def test_extract_quote_spans_found_at_their_marks_equal_finditer() -> None:
    """The quote patterns are tried only where ``str.find`` finds a quote mark (speed): the same
    matches as ``finditer`` on texts of quotes, apostrophes, words, hyphens and line breaks,
    random and made (an unclosed quote, nested and adjacent quotes, a quote at either end)."""
    import random

    from pantau.stages.extract import _QUOTE, _QUOTE_MARKS, _SCARE_MARKS, _SCARE_QUOTED
    from pantau.stages.literals import finditer_at

    texts = ['', '"', '""', '"a"', "'adu tembak'", '"a" "b"', '"a"b c"', "it's 'a b c d' done", "“x” ‘y’ ’z‘",
             '"unclosed\n"next line" end', "‘a’’b’", '"' + "x" * 700 + '"', "don't 'say' it's \"so\""]
    rng = random.Random(11)
    pieces = ["'", '"', "‘", "’", "“", "”", "a", "kata", "adu", " ", "-", "\n", "é", "2"]
    texts += ["".join(rng.choice(pieces) for _ in range(rng.randint(1, 80))) for _ in range(3000)]
    found = 0
    for text in texts:
        for rx, marks in ((_QUOTE, _QUOTE_MARKS), (_SCARE_QUOTED, _SCARE_MARKS)):
            want = [m.span(0) for m in rx.finditer(text)]
            assert [m.span(0) for m in finditer_at(rx, text, marks)] == want, (rx.pattern, text)
            found += len(want)
    assert found > 1000
