"""Run the pipeline over articles in this process, in batches of ``BATCH_SIZE`` articles."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator, Sequence

from pantau.pipeline import BATCH_SIZE, ArticleResult, Pipeline, Settings
from pantau.records import Article

__all__ = ["PipelineFactory", "batches", "error_result", "run_local", "safe_batch", "safe_call"]

PipelineFactory = Callable[[Settings], Callable[[Article], ArticleResult]]

ERROR_PREFIX = "error: "


def error_result(article: Article, exc: BaseException) -> ArticleResult:
    """A crash on one article becomes a skipped result that names the error (the run goes on)."""
    detail = " ".join(str(exc).split()) or "no message"
    return ArticleResult(article, None, skipped=f"{ERROR_PREFIX}{type(exc).__name__}: {detail}")


def safe_call(pipeline: Callable[[Article], ArticleResult], article: Article) -> ArticleResult:
    try:
        return pipeline(article)
    except Exception as exc:  # one bad article must not end the run
        return error_result(article, exc)


def safe_batch(pipeline: Callable[[Article], ArticleResult], articles: Sequence[Article]) -> list[ArticleResult]:
    """The results of a batch, in order, as ``safe_call`` gives them one by one. A pipeline with
    ``prepare``/``finish`` (``Pipeline``) runs each stage over the whole batch first (faster); an
    article that fails in any stage becomes its error result and the others go on."""
    prepare = getattr(pipeline, "prepare", None)
    finish = getattr(pipeline, "finish", None)
    if prepare is None or finish is None:
        return [safe_call(pipeline, a) for a in articles]
    try:
        prepared = prepare(articles)
    except Exception:  # prepare catches per article; anything else: one by one
        return [safe_call(pipeline, a) for a in articles]
    out = []
    for article, item in zip(articles, prepared):
        if isinstance(item, BaseException):
            out.append(error_result(article, item))
            continue
        try:
            out.append(finish(article, item))
        except Exception as exc:  # one bad article must not end the run
            out.append(error_result(article, exc))
    return out


def batches(articles: Iterable[Article], size: int = BATCH_SIZE) -> Iterator[list[Article]]:
    """The articles in lists of ``size`` (the last one shorter)."""
    chunk: list[Article] = []
    for article in articles:
        chunk.append(article)
        if len(chunk) >= size:
            yield chunk
            chunk = []
    if chunk:
        yield chunk


def run_local(
    articles: Iterable[Article], settings: Settings, *, factory: PipelineFactory = Pipeline
) -> Iterator[ArticleResult]:
    """Results in input order; ``factory`` builds the pipeline (the real one by default)."""
    pipeline = factory(settings)
    for chunk in batches(articles):
        yield from safe_batch(pipeline, chunk)
