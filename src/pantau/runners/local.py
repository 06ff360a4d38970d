"""Run the pipeline over articles in this process, one article at a time."""

from __future__ import annotations

from typing import Callable, Iterable, Iterator

from pantau.pipeline import ArticleResult, Pipeline, Settings
from pantau.records import Article

__all__ = ["PipelineFactory", "error_result", "run_local", "safe_call"]

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


def run_local(
    articles: Iterable[Article], settings: Settings, *, factory: PipelineFactory = Pipeline
) -> Iterator[ArticleResult]:
    """Results in input order; ``factory`` builds the pipeline (the real one by default)."""
    pipeline = factory(settings)
    for article in articles:
        yield safe_call(pipeline, article)
