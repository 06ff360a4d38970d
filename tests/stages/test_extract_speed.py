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
