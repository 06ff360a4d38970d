"""Sentence splitting inside the body spans, never across a paragraph or a span edge.

Rules, not a model: a sentence ends at ``. ! ? …`` (with closing quotes) before
whitespace and a capital, digit, quote or bracket, unless the token before the
period is an abbreviation from the packs (``sentences.toml``) or an initial.
Decimals, thousands and times (``2.050``, ``1,000``, ``12:00``) never end a
sentence because no whitespace follows their punctuation.
"""

from __future__ import annotations

import re
from dataclasses import replace
from typing import Iterator

from pantau.packs import PackSet
from pantau.records import Doc, Sentence, Span

__all__ = ["SentenceSplitter"]

_END = re.compile(r"[.!?…]+['\"”’)\]]*(?=\s)")
_LINE = re.compile(r"[^\n]*")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")
_LINE_END = re.compile(r"[.!?…:;'\"”’)\]]$")


class SentenceSplitter:
    """Splits ``Doc.body`` into ``Sentence``s whose text is exactly ``Article.text[start:end]``."""

    def __init__(self, packs: PackSet) -> None:
        abbrevs: set[str] = set()
        for pack in packs:
            abbrevs.update(a.casefold() for a in pack.get("sentences").get("abbreviations", []))
        self._abbrevs = frozenset(abbrevs)

    def __call__(self, doc: Doc) -> Doc:
        text = doc.text
        sentences: list[Sentence] = []
        paragraph = -1
        for span in doc.body:
            for para in _paragraphs(text, span):
                paragraph += 1
                for start, end in self._split(text, para):
                    sentences.append(Sentence(len(sentences), start, end, text[start:end], paragraph))
        return replace(doc, sentences=tuple(sentences))

    def _split(self, text: str, para: Span) -> Iterator[tuple[int, int]]:
        chunk = text[para.start : para.end]
        begin = 0
        for m in _END.finditer(chunk):
            if not self._is_boundary(chunk, m):
                continue
            yield from _trimmed(para.start, chunk, begin, m.end())
            begin = m.end()
        yield from _trimmed(para.start, chunk, begin, len(chunk))

    def _is_boundary(self, chunk: str, m: re.Match[str]) -> bool:
        rest = chunk[m.end() :].lstrip()
        if not rest:
            return False
        nxt = rest[0]
        if nxt.isalpha() and not nxt.isupper() and rest.split(None, 1)[0].casefold() not in self._abbrevs:
            return False  # '"...?" tanya dia', a lowercase continuation; but "dr. Siti" starts one
        punct = m.group(0)
        if punct[0] == "." and len(punct.rstrip("'\"”’)]")) == 1:
            token = chunk[: m.start() + 1].rsplit(None, 1)[-1].lstrip("([\"'“‘")
            if token.casefold() in self._abbrevs or _INITIALS.match(token):
                return False
        return True


def _trimmed(offset: int, chunk: str, begin: int, end: int) -> Iterator[tuple[int, int]]:
    piece = chunk[begin:end]
    lead = len(piece) - len(piece.lstrip())
    trail = len(piece.rstrip())
    if trail > lead:
        yield offset + begin + lead, offset + begin + trail


def _paragraphs(text: str, span: Span) -> Iterator[Span]:
    """Paragraphs of a body span: a blank line, or a line break before a new sentence, ends one.

    A line break inside a sentence (hard-wrapped text: the line does not end in
    punctuation and the next starts in lower case) does not.
    """
    lines = [
        (span.start + m.start(), span.start + m.end())
        for m in _LINE.finditer(text[span.start : span.end])
        if m.end() > m.start() or m.start() == 0
    ]
    cur_start: int | None = None
    cur_end = 0
    blank = False
    for start, end in lines:
        content = text[start:end]
        if not content.strip():
            blank = True
            continue
        s = start + len(content) - len(content.lstrip())
        e = start + len(content.rstrip())
        if cur_start is None:
            cur_start, cur_end = s, e
        elif not blank and text[s].islower() and not _LINE_END.search(text[cur_start:cur_end]):
            cur_end = e  # a wrapped line continues the paragraph
        else:
            yield Span(cur_start, cur_end)
            cur_start, cur_end = s, e
        blank = False
    if cur_start is not None:
        yield Span(cur_start, cur_end)
