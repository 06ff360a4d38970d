"""Property: number words round-trip, parse(words(n)) == n, in every pack that has numbers."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from pantau.packs import PackSet
from pantau.stages.normalize.numbers import NumberReader

_PACKS = PackSet()
_LANGS = [p.lang for p in _PACKS if p.get("numbers")]
_READERS = {lang: NumberReader(_PACKS[lang]) for lang in _LANGS}


@pytest.mark.parametrize("lang", _LANGS)
@settings(max_examples=400, deadline=None)
@given(n=st.integers(min_value=0, max_value=999_999))
def test_numbers_words_round_trip(lang: str, n: int) -> None:
    reader = _READERS[lang]
    assert reader.parse(reader.words(n)) == n


@pytest.mark.parametrize("lang", _LANGS)
@settings(max_examples=200, deadline=None)
@given(n=st.integers(min_value=0, max_value=999_999))
def test_numbers_words_found_in_a_sentence(lang: str, n: int) -> None:
    """A spelled number inside text is found whole, with its exact value."""
    reader = _READERS[lang]
    text = f"xx {reader.words(n)} yy."
    (m,) = reader.find(text, 0, len(text))
    assert m.value == n and m.surface == reader.words(n)


@pytest.mark.parametrize("lang", _LANGS)
@pytest.mark.parametrize("n", [0, 1, 9, 10, 11, 19, 20, 99, 100, 101, 110, 999, 1000, 1001, 99_999, 100_000, 999_999])
def test_numbers_words_round_trip_edges(lang: str, n: int) -> None:
    reader = _READERS[lang]
    assert reader.parse(reader.words(n)) == n
