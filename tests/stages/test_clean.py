"""Cleaning: boilerplate set aside with its marker, bylines and datelines kept as metadata."""

from __future__ import annotations

import json
from dataclasses import replace
from datetime import date
from pathlib import Path

import pytest

from pantau.packs import PackSet
from pantau.records import Article, Doc
from pantau.stages.clean import Cleaner, body_text

DATA = Path(__file__).resolve().parents[1] / "data" / "ingest"


@pytest.fixture(scope="module")
def cleaner(packs: PackSet) -> Cleaner:
    return Cleaner(packs)


def _removed(doc: Doc, kind: str | None = None) -> list[str]:
    return [doc.text[s.start : s.end] for s in doc.removed if kind is None or s.kind == kind]


def _check_partition(doc: Doc) -> None:
    """Body and removed segments never overlap, and together hold every non-space character."""
    marks = [0] * len(doc.text)
    for span in [*doc.body, *doc.removed]:
        for i in range(span.start, span.end):
            marks[i] += 1
    assert max(marks, default=0) <= 1
    assert all(m == 1 for ch, m in zip(doc.text, marks) if not ch.isspace())
    for span in doc.body:
        chunk = doc.text[span.start : span.end]
        assert chunk == chunk.strip() and chunk


def _seed(shared_dir: Path, name: str) -> Article:
    data = json.loads((shared_dir / "samples" / f"{name}.json").read_text(encoding="utf-8"))
    return Article(doc_id=data["doc_id"], text=data["text"], origin=name)


# -- the seeds ------------------------------------------------------------------


def test_id_clean_seed000_baca_juga_block_and_dateline(cleaner: Cleaner, shared_dir: Path) -> None:
    art = _seed(shared_dir, "seed-000")  # no record date: the dateline must give it
    doc = cleaner(art)
    _check_partition(doc)
    removed = _removed(doc)
    assert "Baca Juga:" in removed
    headlines = [r for r in removed if r.isupper() and len(r) > 30]
    assert len(headlines) == 2 and headlines[0].startswith("ILEGAL") and headlines[1].startswith("APAKAH")
    body = body_text(doc)
    assert "Tentara Irak telah meluncurkan operasi militer" in body  # the paragraph after the list
    assert "Baca Juga" not in body and "ILEGAL" not in body and "KHAWARIJ" not in body
    assert doc.pub_date == date(2020, 8, 1) and doc.pub_date_source == "dateline"
    (dateline,) = [s for s in doc.removed if s.kind == "dateline"]
    assert art.text[dateline.start : dateline.end].strip() == "DUNIAEKSPRESS.COM (1/8/2020)-"
    assert body.startswith("Irak telah mengirim bala bantuan")  # the lead stays in the body
    assert "Mustefa Bali" in body


def test_id_clean_seed002_title_separator_byline_spam(cleaner: Cleaner, shared_dir: Path) -> None:
    art = _seed(shared_dir, "seed-002")
    doc = cleaner(art)
    _check_partition(doc)
    title = "Pasukan Irak mengambil alih perbatasan ke Suriah dari ISIS"
    assert _removed(doc, "title") == [title]
    assert body_text(doc).count(title) == 1
    assert "____" in _removed(doc, "boilerplate")
    assert _removed(doc, "byline") == ["Szlanko melaporkan dari Irbil, Irak."]
    assert "Irbil" in doc.reporter_places and "Irak" in doc.reporter_places
    assert _removed(doc, "spam") == ["lagutogel"]
    assert len(doc.removed) == 4  # everything else is kept
    assert "melukai ratusan lainnya." in body_text(doc)
    assert "Irbil" not in body_text(doc)


# -- Indonesian texts of our own -------------------------------------------------


def test_id_clean_txt_dateline_and_related_block(cleaner: Cleaner) -> None:
    text = (DATA / "polisi_jayapura.txt").read_text(encoding="utf-8")
    title = text.splitlines()[0]
    doc = cleaner(Article("p", text, title=title), default_pub_date=date(2023, 3, 15))
    _check_partition(doc)
    assert doc.reporter_places == ("Jayapura",)
    assert [s.reason for s in doc.removed if s.kind == "dateline"] == ["dateline: JAYAPURA –"]
    removed = _removed(doc, "boilerplate")
    assert removed == [
        "Baca juga:",
        "POLISI BURU PELAKU LAIN DALAM KASUS PEMBAKARAN",
        "Warga Minta Keamanan Pasar Ditingkatkan",
    ]
    assert all(s.reason.startswith("related") for s in doc.removed if s.kind == "boilerplate")
    assert "Kerugian akibat kebakaran itu" in body_text(doc)
    assert doc.pub_date == date(2023, 3, 15) and doc.pub_date_source == "option"


def test_id_clean_inline_baca_juga(cleaner: Cleaner) -> None:
    text = (
        "Massa membakar ban di depan kantor bupati pada Senin. Baca juga: Demo Tolak Tambang Berakhir Ricuh\n"
        "Polisi kemudian membubarkan massa dengan gas air mata."
    )
    doc = cleaner(Article("x", text))
    _check_partition(doc)
    assert _removed(doc) == ["Baca juga: Demo Tolak Tambang Berakhir Ricuh"]
    assert "pada Senin." in body_text(doc) and "gas air mata" in body_text(doc)


@pytest.mark.parametrize(
    ("lead", "places"),
    [
        ("JAKARTA, KOMPAS.com - ", ("Jakarta",)),
        ("Jakarta (ANTARA) - ", ("Jakarta",)),
        ("BANDAR LAMPUNG– ", ("Bandar Lampung",)),
        ("TEMPO.CO, Jakarta - ", ("Jakarta",)),
        # scraping glued the place to the first word and dropped the dash
        ("Liputan6.com, Jakarta", ("Jakarta",)),
        ("Liputan6.com, Tel Aviv", ("Tel Aviv",)),
    ],
)
def test_id_clean_dateline_forms(cleaner: Cleaner, lead: str, places: tuple[str, ...]) -> None:
    text = lead + "Polisi menangkap tiga orang yang diduga terlibat tawuran pada Minggu dini hari."
    doc = cleaner(Article("d", text))
    _check_partition(doc)
    assert doc.reporter_places == places
    assert body_text(doc).startswith("Polisi menangkap")


def test_id_clean_ads_share_lines_and_spam(cleaner: Cleaner) -> None:
    text = "\n".join(
        [
            "Warga berunjuk rasa menolak kenaikan harga BBM di depan gedung DPRD.",
            "ADVERTISEMENT",
            "SCROLL TO CONTINUE WITH CONTENT",
            "Aksi berlangsung hingga sore hari dan berakhir damai.",
            "Ikuti berita terkini dari kami di Google News, klik di sini.",
            "Simak berita selengkapnya di halaman berikutnya.",
            "slot gacor",
        ]
    )
    doc = cleaner(Article("s", text))
    _check_partition(doc)
    assert _removed(doc, "spam") == ["slot gacor"]
    assert len(_removed(doc, "boilerplate")) == 4
    assert body_text(doc).splitlines()[0].startswith("Warga berunjuk rasa")
    assert "berakhir damai." in body_text(doc)


def test_id_clean_keeps_subheadings_outside_link_lists(cleaner: Cleaner) -> None:
    text = (
        "Bentrokan pecah di perbatasan pada Selasa.\n\nSerangan terbaru di perbatasan\n\n"
        "Dua tentara tewas dalam serangan itu."
    )
    doc = cleaner(Article("h", text))
    assert doc.removed == ()
    assert "Serangan terbaru di perbatasan" in body_text(doc)


def test_id_clean_lone_lowercase_token_at_end(cleaner: Cleaner) -> None:
    text = "Polisi menangkap pelaku pencurian motor di Bogor.\n\nPelaku kini ditahan.\n\nxkqzwbet88"
    doc = cleaner(Article("t", text))
    assert _removed(doc, "spam") == ["xkqzwbet88"]


# -- English texts of our own -----------------------------------------------------


def test_en_clean_reuters_dateline_uses_year_of_option(cleaner: Cleaner) -> None:
    text = "FALLUJA, Iraq, Aug 29 (Reuters) - Islamic State fighters attacked an army post overnight."
    doc = cleaner(Article("r", text), default_pub_date=date(2016, 9, 1))
    _check_partition(doc)
    assert doc.reporter_places == ("Falluja", "Iraq")
    assert doc.pub_date == date(2016, 8, 29) and doc.pub_date_source == "dateline"
    assert body_text(doc).startswith("Islamic State fighters")


def test_en_clean_record_date_wins(cleaner: Cleaner) -> None:
    text = "KABUL, Afghanistan (AP) — A roadside bomb killed four soldiers on Sunday."
    doc = cleaner(Article("r", text, pub_date=date(2020, 5, 3)), default_pub_date=date(2021, 1, 1))
    assert doc.pub_date == date(2020, 5, 3) and doc.pub_date_source == "record"
    assert doc.reporter_places == ("Kabul", "Afghanistan")


def test_en_clean_no_date_anywhere(cleaner: Cleaner) -> None:
    doc = cleaner(Article("n", "Protesters marched through the capital on Friday."))
    assert doc.pub_date is None and doc.pub_date_source is None and doc.reporter_places == ()


def test_en_clean_related_block_share_and_bylines(cleaner: Cleaner) -> None:
    text = "\n".join(
        [
            "Gunmen killed three villagers in an overnight raid, officials said.",
            "",
            "Read more:",
            "",
            "- Army launches offensive in the north",
            "- What we know about the armed group",
            "",
            "The army said it had sent reinforcements to the area.",
            "Share this article",
            "Reporting by Jane Doe in Baghdad; Editing by John Roe",
            "Ali Smith reported from Irbil, Iraq.",
        ]
    )
    doc = cleaner(Article("e", text))
    _check_partition(doc)
    assert _removed(doc, "boilerplate") == [
        "Read more:",
        "- Army launches offensive in the north",
        "- What we know about the armed group",
        "Share this article",
    ]
    assert len(_removed(doc, "byline")) == 2
    assert doc.reporter_places == ("Baghdad", "Irbil", "Iraq")
    assert body_text(doc).endswith("reinforcements to the area.")


def test_en_clean_related_marker_reason_is_recorded(cleaner: Cleaner) -> None:
    doc = cleaner(Article("e", "Troops fired on the crowd.\nRelated\nTEN DEAD IN MARKET BLAST\nThe crowd dispersed."))
    reasons = {doc.text[s.start : s.end]: s.reason for s in doc.removed}
    assert reasons == {"Related": "related: Related", "TEN DEAD IN MARKET BLAST": "related headline: Related"}


def test_clean_is_pure(cleaner: Cleaner) -> None:
    art = Article("p", "JAKARTA - Warga berdemo.\n\nlagutogel")
    assert cleaner(art) == cleaner(art)
    assert cleaner(replace(art, pub_date=date(2020, 1, 1))).pub_date_source == "record"


# -- marker gates: the same first match as trying every pattern ------------------------------


def _plain_first(patterns, text):  # type: ignore[no-untyped-def]
    return next((m for m in (p.search(text) for p in patterns) if m), None)


def _same(a, b) -> bool:  # type: ignore[no-untyped-def]
    return (a is None and b is None) or (a is not None and b is not None and a.re is b.re and a.span() == b.span())


def test_clean_marker_gates_give_the_first_match_of_the_patterns(cleaner: Cleaner) -> None:
    """Every line of the bundled examples and of the ingest fixtures, plus lines made to hit
    each kind of marker, against each marker list: the gated lookup equals the plain loop."""
    from importlib import resources

    lines: list[str] = []
    examples = Path(str(resources.files("pantau") / "examples"))
    for path in [*examples.iterdir(), *DATA.iterdir()]:
        if path.is_file():
            lines.extend(line.strip() for line in path.read_text("utf-8", errors="replace").splitlines() if line.strip())
    lines += ["Baca juga: Polisi tangkap dua orang", "BACA JUGA", "Iklan", "-----", "slotgacor88", "Penulis: Ani Rahma",
              "Reporting by Jane Doe; Editing by John Roe", "By Jane Doe, Reuters", "Read more:", "Ikuti kami di Google News",
              "Polisi berkata. Baca juga: Dua orang luka", "advertisement", "Share this article",
              "POLISI BERKATA. BACA JUGA: DUA ORANG LUKA", "Polisi berkata. baca  Juga :Dua", "He said. ſee alſo: Two hurt",
              "He said. SEE ALSO: Two hurt", "He said. See also Two hurt", "Baca juga"]
    from pantau.stages.clean import _LiteralGate

    assert any(isinstance(g, _LiteralGate) for g in cleaner._related_inline.gates)
    groups = (cleaner._related_block, cleaner._related_inline, cleaner._lines, cleaner._separators, cleaner._spam, cleaner._byline)
    assert all(g.gates for g in groups), "a marker list fell back to the plain loop"
    hits = 0
    for line in lines:
        for group in groups:
            gated, plain = group.first(line), _plain_first(group.patterns, line)
            assert _same(gated, plain), (line, group.patterns)
            hits += plain is not None
    assert hits >= 13


def test_clean_marker_gate_joins_flags_and_named_groups_and_refuses_back_references() -> None:
    import re

    from pantau.stages.clean import _Markers

    markers = _Markers((re.compile(r"(?i)^by\s+(?P<name>\w+)$"), re.compile(r"(?P<name>\w+) reports$"), re.compile(r"\bsee also\b")))
    assert markers.gates is not None and len(markers.gates) == 1  # one gate: the anchored joined, the others joined
    for text, expected in (("BY Ani", 0), ("Ani reports", 1), ("news, see also", 2), ("nothing here", None)):
        m = markers.first(text)
        assert (m is None and expected is None) or m.re is markers.patterns[expected]
    assert _Markers((re.compile(r"(\w)\1"),)).gates is None  # a back-reference cannot move: every pattern is tried
    assert _Markers((re.compile(r"(\w)\1"),)).first("aa") is not None


def test_clean_joined_gate_agrees_with_every_kind(cleaner: Cleaner, shared_dir: Path) -> None:
    """The one gate per line (speed) says "maybe" exactly when some kind of marker matches: every
    line of the seed samples and of the ingest test data, and lines made to match each kind."""
    from pantau.stages.clean import _lines

    kinds = (cleaner._separators, cleaner._lines, cleaner._related_block, cleaner._spam, cleaner._byline,
             cleaner._related_inline)
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((shared_dir / "samples").glob("*.json"))]
    texts += [p.read_text(encoding="utf-8", errors="replace") for p in sorted(DATA.rglob("*")) if p.is_file()]
    texts += ["Baca juga: Polisi tangkap pelaku", "BACA JUGA:", "Editor: Ani", "Share this article", "-----",
              "Laporan wartawan Tribun, Budi", "Kata dia. Baca Juga: Judul lain", "Polisi menangkap dua orang."]
    lines = [line.text for text in texts for line in _lines(text)]
    assert len(lines) > 50
    hits = 0
    for t in lines:
        some = any(kind.first(t) is not None for kind in kinds)
        hits += some
        assert cleaner._any_marker(t) == some, t
    assert hits > 3


def test_clean_gate_by_first_character_and_strings_equals_the_patterns(cleaner: Cleaner, shared_dir: Path) -> None:
    """The joined gate tries only the anchored patterns that a line's first character and its
    strings allow (speed): it says "maybe" exactly when a pattern of some kind matches, over the
    seed lines and lines made to hit each anchored pattern, each also with other first
    characters, in other cases and with odd case partners of ASCII letters (then all are tried)."""
    from pantau.stages.clean import _LiteralGate, _lines

    kinds = (cleaner._separators, cleaner._lines, cleaner._related_block, cleaner._spam, cleaner._byline,
             cleaner._related_inline)
    gate = cleaner._any_marker
    assert isinstance(gate._gates[0], _LiteralGate)
    made = ["-----", "•••", "...", "Advertisement", "Copyright 2024 Kompas", "© 2024 Reuters", "(c) 2024 AP", "\\\\",
            ":::: Iklan", "Reporting by Jane Doe; Editing by John Roe", "(Reporting by Jane Doe in Kyiv)",
            "Budi Santoso melaporkan dari Jakarta.", "John Smith reported from Kyiv.", "slotgacor88", "togel4d",
            "situs slot terpercaya", "Penulis: Ani Rahma", "[img.12]", "[Gambas:Video 20detik]", "Baca juga:",
            "Baca juga Polisi menangkap", "Share this article", "Follow us on Google News", "Watch: the raid",
            "Ikuti kami di Google News", "By Jane Doe, Reuters", "Laporan wartawan Tribun, Budi dari Medan",
            "Read more", "Artikel ini telah tayang di Kompas", "Berita terkait", "Polisi menangkap dua orang.", ""]
    texts = [json.loads(p.read_text(encoding="utf-8"))["text"] for p in sorted((shared_dir / "samples").glob("*.json"))]
    lines = [line.text for text in texts for line in _lines(text)] + made
    variants = []
    for t in lines:
        variants += [t, t.upper(), t.lower(), t.swapcase(), t[1:], "x" + t, "(" + t, "- " + t]
    variants += ["ſhare this article", "Kopyright 2024", "ADVERTİSEMENT", "ſlotgacor", "Share thiſ article"]
    hits = 0
    for t in variants:
        some = any(_plain_first(kind.patterns, t) is not None for kind in kinds)
        hits += some
        assert gate(t) == some, t
        for kind in kinds:  # and each kind's own gate
            assert _same(kind.first(t), _plain_first(kind.patterns, t)), t
    assert hits > 100
