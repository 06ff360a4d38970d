"""pantau: news articles in, coded political-violence events out."""

from pantau.records import Article, Doc, Event, Source, Span

__all__ = ["Article", "Doc", "Event", "Source", "Span", "__version__"]

__version__ = "0.1.0"
