"""Sentence splitting inside body spans: abbreviations, numbers, quotes, paragraphs."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from pantau.packs import PackSet
from pantau.records import Article, Doc, Span
from pantau.stages.clean import Cleaner
from pantau.stages.sentences import SentenceSplitter


@pytest.fixture(scope="module")
def splitter(packs: PackSet) -> SentenceSplitter:
    return SentenceSplitter(packs)


def _split(splitter: SentenceSplitter, text: str, body: tuple[Span, ...] | None = None) -> list[str]:
    doc = splitter(Doc(Article("x", text), body=body if body is not None else (Span(0, len(text)),)))
    for s in doc.sentences:
        assert s.text == text[s.start : s.end] and s.text == s.text.strip()
    assert [s.index for s in doc.sentences] == list(range(len(doc.sentences)))
    return [s.text for s in doc.sentences]


def test_id_sentences_abbreviations_and_numbers(splitter: SentenceSplitter) -> None:
    text = (
        "Kapolres AKBP. Budi Santoso mengatakan pelaku ditangkap di Jl. Merdeka No. 5 pukul 12:00 WIB. "
        "Polisi menyita 2.050 butir peluru dan uang Rp 1,5 juta. dr. Siti memeriksa korban."
    )
    assert _split(splitter, text) == [
        "Kapolres AKBP. Budi Santoso mengatakan pelaku ditangkap di Jl. Merdeka No. 5 pukul 12:00 WIB.",
        "Polisi menyita 2.050 butir peluru dan uang Rp 1,5 juta.",
        "dr. Siti memeriksa korban.",
    ]


def test_id_sentences_quotes_and_question(splitter: SentenceSplitter) -> None:
    text = '"Kami sudah siaga," kata dia. "Apakah ada korban?" tanya wartawan. Dia menjawab tidak ada.'
    assert _split(splitter, text) == [
        '"Kami sudah siaga," kata dia.',
        '"Apakah ada korban?" tanya wartawan.',
        "Dia menjawab tidak ada.",
    ]


def test_id_sentences_initials(splitter: SentenceSplitter) -> None:
    text = "Menurut Ahmad S. Putra, serangan terjadi pagi hari. Warga mengungsi."
    assert _split(splitter, text) == ["Menurut Ahmad S. Putra, serangan terjadi pagi hari.", "Warga mengungsi."]


def test_en_sentences_titles_and_dotted_abbreviations(splitter: SentenceSplitter) -> None:
    text = (
        "Brig. Gen. Yahya Rasool said U.S. aircraft struck 1,000 targets in Jan. and Feb. this year. "
        "Mr. Smith, who lives on Main St. in the city, was not hurt! The army denied it."
    )
    assert _split(splitter, text) == [
        "Brig. Gen. Yahya Rasool said U.S. aircraft struck 1,000 targets in Jan. and Feb. this year.",
        "Mr. Smith, who lives on Main St. in the city, was not hurt!",
        "The army denied it.",
    ]


def test_en_sentences_decimal_and_ellipsis(splitter: SentenceSplitter) -> None:
    text = "Prices rose 3.5 percent... Analysts expect more. The rate is 0.25."
    assert _split(splitter, text) == ["Prices rose 3.5 percent...", "Analysts expect more.", "The rate is 0.25."]


def test_sentences_never_cross_paragraphs_or_body_edges(splitter: SentenceSplitter) -> None:
    text = "Headline without period\nFirst paragraph text\nwrapped here. Second one.\n\nNew paragraph. ADS Tail part."
    cut = text.index("ADS")
    body = (Span(0, cut - 1), Span(cut + 4, len(text)))
    doc = splitter(Doc(Article("x", text), body=body))
    got = [(s.text, s.paragraph) for s in doc.sentences]
    assert got == [
        ("Headline without period", 0),
        ("First paragraph text\nwrapped here.", 1),
        ("Second one.", 1),
        ("New paragraph.", 2),
        ("Tail part.", 3),
    ]
    for s in doc.sentences:
        assert any(b.start <= s.start and s.end <= b.end for b in body)


def test_id_sentences_on_cleaned_seed(splitter: SentenceSplitter, packs: PackSet, shared_dir: Path) -> None:
    data = json.loads((shared_dir / "samples" / "seed-000.json").read_text(encoding="utf-8"))
    art = Article(data["doc_id"], data["text"])
    doc = splitter(Cleaner(packs)(art))
    texts = [s.text for s in doc.sentences]
    assert texts[0].startswith("Irak telah mengirim") and texts[0].endswith("provinsi barat Anbar.")
    assert not any("Baca Juga" in t or "KHAWARIJ" in t for t in texts)
    assert "pada hari Selasa (28/7/2020)." in texts[1]
    assert all(s.text == art.text[s.start : s.end] for s in doc.sentences)


def test_id_sentences_name_abbreviation(splitter: SentenceSplitter) -> None:
    text = "Adu argumen dengan kepala sekolah, Moh. Yunus, sempat terjadi. Rapat ditunda."
    assert _split(splitter, text) == ["Adu argumen dengan kepala sekolah, Moh. Yunus, sempat terjadi.", "Rapat ditunda."]
