"""Near-duplicate articles (datasketch MinHash): copies are found, and count as one source."""

from __future__ import annotations

from datetime import date

from pantau.stages.near_duplicates import NearDuplicateFinder, canonical_docs

STORY = (
    "Dua prajurit TNI tewas ditembak kelompok kriminal bersenjata di Distrik Beoga, Kabupaten Puncak, "
    "Papua Tengah, pada Senin pagi. Kapendam Cenderawasih mengatakan kedua prajurit diserang saat berpatroli "
    "di sekitar lapangan terbang. Jenazah keduanya dievakuasi ke Timika dengan helikopter pada siang hari. "
    "Aparat gabungan masih mengejar para pelaku yang melarikan diri ke arah hutan di utara distrik itu."
)


def test_id_near_duplicates_syndicated_copy_with_other_headline_and_boilerplate():
    finder = NearDuplicateFinder()
    original = finder.signature("a", "Dua Prajurit Tewas di Beoga\n\n" + STORY, date(2024, 3, 12))
    copy = finder.signature("b", "KKB Serang Patroli TNI\n\n" + STORY + "\n\nBaca juga: Harga cabai naik lagi", date(2024, 3, 12))
    other = finder.signature("c", "Ribuan buruh berunjuk rasa di depan gedung DPR menolak revisi undang-undang. " * 3, date(2024, 3, 12))
    pairs = finder.pairs([copy, other], [original])
    assert [(a, b) for a, b, _ in pairs] == [("a", "b")]
    assert pairs[0][2] >= finder.threshold


def test_near_duplicates_group_is_named_by_its_earliest_article():
    pairs = [("b", "c", 0.9), ("a", "c", 0.8)]
    dates = {"a": date(2024, 3, 13), "b": date(2024, 3, 12), "c": date(2024, 3, 14)}
    assert canonical_docs(pairs, dates) == {"a": "b", "b": "b", "c": "b"}
    assert canonical_docs(list(reversed(pairs)), dates) == canonical_docs(pairs, dates)


def test_near_duplicates_signature_is_stable():
    finder = NearDuplicateFinder()
    assert finder.signature("a", STORY) == finder.signature("a", STORY)
