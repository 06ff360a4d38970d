"""Runners hand the pipeline batches (``Pipeline.prepare``/``finish``, ``safe_batch``): the
results are those of calling it article by article, and one failing article fails alone."""

from __future__ import annotations

from dataclasses import replace
from datetime import date

from pantau.records import Article
from pantau.runners.local import batches, error_result, safe_batch, safe_call
from pipeline_double import FakePipeline, event_line

_TEXTS = [
    "Polisi menangkap tiga orang yang membakar pos ronda di Desa Sukamaju, Garut, pada Senin (3/8/2020).",
    "Troops clashed with militants near Maiduguri on Tuesday; four soldiers were killed, officials said.",
    "Ribuan mahasiswa berunjuk rasa di depan gedung DPRD Makassar, Kamis (6/8/2020), menolak undang-undang baru.",
    "Le gouvernement a annoncé de nouvelles mesures économiques pour soutenir les agriculteurs du pays.",
    "",
    "Massa merusak kantor desa di Kecamatan Bojong setelah bentrok dengan aparat keamanan, Rabu (5/8/2020).",
]


def _articles() -> list[Article]:
    return [Article(doc_id=f"b{k}", text=t or " ", pub_date=date(2020, 8, 7)) for k, t in enumerate(_TEXTS)]


def test_batches_of_the_pipeline_equal_article_by_article(real_pipeline) -> None:
    articles = _articles()
    one_by_one = [safe_call(real_pipeline, a) for a in articles]
    assert safe_batch(real_pipeline, articles) == one_by_one
    assert [r for chunk in batches(articles, 4) for r in safe_batch(real_pipeline, chunk)] == one_by_one


def test_an_article_failing_in_a_stage_fails_alone(real_pipeline, monkeypatch) -> None:
    articles = _articles()
    expected = [safe_call(real_pipeline, a) for a in articles]
    splitter = real_pipeline.splitter

    def broken(doc):  # type: ignore[no-untyped-def]
        if doc.doc_id == "b2":
            raise ValueError("split failed")
        return splitter(doc)

    monkeypatch.setattr(real_pipeline, "splitter", broken)
    got = safe_batch(real_pipeline, articles)
    assert got[2] == error_result(articles[2], ValueError("split failed"))
    assert got[:2] + got[3:] == expected[:2] + expected[3:]
    assert got[2] == safe_call(real_pipeline, articles[2])  # as article by article


def test_a_pipeline_without_prepare_runs_article_by_article() -> None:
    fake = FakePipeline()
    articles = [Article(doc_id="ok", text=event_line()), Article(doc_id="bad", text="CRASH"),
                replace(_articles()[0], doc_id="plain")]
    assert safe_batch(fake, articles) == [safe_call(fake, a) for a in articles]
    assert safe_batch(fake, articles)[1].skipped.startswith("error: RuntimeError")


def test_batches_keep_order_and_size() -> None:
    items = [Article(doc_id=str(k), text="x") for k in range(70)]
    chunks = list(batches(items, 32))
    assert [len(c) for c in chunks] == [32, 32, 6]
    assert [a for c in chunks for a in c] == items


def test_results_pickle_to_equal_objects_by_their_fields(real_pipeline) -> None:
    """Results cross process boundaries (pool, Dask) pickled as (class, field values): every
    record comes back equal, and a record's pickle holds no per-object state dict."""
    import pickle

    from pantau.pipeline import ArticleResult
    from pantau.records import Doc, Event, Sentence

    results = safe_batch(real_pipeline, _articles())
    assert any(r.events for r in results) and any(r.doc is not None and r.doc.sentences for r in results)
    back = pickle.loads(pickle.dumps(results, protocol=pickle.HIGHEST_PROTOCOL))
    assert back == results
    for cls in (ArticleResult, Doc, Event, Sentence):
        assert cls.__reduce__ is not object.__reduce__, cls
    event = next(e for r in results for e in r.events)
    assert type(event).__reduce__(event) == (Event, tuple(getattr(event, f) for f in Event.__dataclass_fields__))
