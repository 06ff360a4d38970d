"""Sentence splitting inside the body spans, never across a paragraph or a span edge.

Rules, not a model: a sentence ends at ``. ! ? …`` (with closing quotes) before
whitespace and a capital, digit, quote or bracket, unless the token before the
period is an abbreviation from the packs (``sentences.toml``) or an initial.
Decimals, thousands and times (``2.050``, ``1,000``, ``12:00``) never end a
sentence because no whitespace follows their punctuation.
"""

from __future__ import annotations

import re

from pantau.packs import PackSet
from pantau.records import Doc, Sentence
from pantau.slots import maker, replacer
from pantau.stages.literals import finditer_at, marks_of

__all__ = ["SentenceSplitter"]

# (``[.!?…][.!?…]*``, not ``[.!?…]+``: the same matches, but a pattern that begins with a class
# lets the regex engine skip to one of its characters instead of trying a match at every position;
# found at its marks with str.find, see literals.finditer_at, it is cheaper still)
_END = re.compile(r"[.!?…][.!?…]*['\"”’)\]]*(?=\s)")
_END_MARKS = marks_of(_END)  # the characters its matches begin with
_INITIALS = re.compile(r"^(?:[A-Za-z]\.)+$")
# The last characters of a line that ends a sentence (a line break after one ends the paragraph)
_LINE_END_CHARS = frozenset(".!?…:;'\"”’)]")
# The next whitespace-separated word (``str.split`` and ``\s`` agree on what whitespace is)
_NEXT_WORD = re.compile(r"\s*(\S+)")
# Sentence(...) and dataclasses.replace(doc, ...), built faster (see pantau.slots): the same records
_make_sentence = maker(Sentence)
_replace_doc = replacer(Doc)


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
        # inline, without a generator or a Span per paragraph and sentence (a fifth of this
        # stage's time; tests/stages/test_sentences.py checks it against the plain generators)
        for span in doc.body:
            for a, b in _paragraph_bounds(text, span.start, span.end):
                paragraph += 1
                chunk = text[a:b]
                begin = 0
                for m in finditer_at(_END, chunk, _END_MARKS):
                    cut = m.end()
                    if not self._is_boundary(chunk, m):
                        continue
                    piece = chunk[begin:cut]
                    trail = len(piece.rstrip())
                    lead = len(piece) - len(piece.lstrip())
                    if trail > lead:
                        start, end = a + begin + lead, a + begin + trail
                        sentences.append(_make_sentence(len(sentences), start, end, text[start:end], paragraph))
                    begin = cut
                piece = chunk[begin:]
                trail = len(piece.rstrip())
                lead = len(piece) - len(piece.lstrip())
                if trail > lead:
                    start, end = a + begin + lead, a + begin + trail
                    sentences.append(_make_sentence(len(sentences), start, end, text[start:end], paragraph))
        return _replace_doc(doc, sentences=tuple(sentences))

    def _is_boundary(self, chunk: str, m: re.Match[str]) -> bool:
        after = _NEXT_WORD.match(chunk, m.end())  # the word after, without copying the rest
        if after is None:
            return False
        word = after.group(1)
        nxt = word[0]
        if nxt.isalpha() and not nxt.isupper() and word.casefold() not in self._abbrevs:
            return False  # '"...?" tanya dia', a lowercase continuation; but "dr. Siti" starts one
        punct = m.group(0)
        if punct[0] == "." and len(punct.rstrip("'\"”’)]")) == 1:
            token = chunk[: m.start() + 1].rsplit(None, 1)[-1].lstrip("([\"'“‘")
            if token.casefold() in self._abbrevs or _INITIALS.match(token):
                return False
        return True


def _paragraph_bounds(text: str, begin: int, stop: int) -> list[tuple[int, int]]:
    """The paragraphs of ``text[begin:stop]`` as (start, end) pairs: a blank line, or a line break
    before a new sentence, ends one. A line break inside a sentence (hard-wrapped text: the line
    does not end in punctuation and the next starts in lower case) does not. An empty line is no
    blank line (only one holding spaces is). Lines are found with ``str.find`` in place."""
    out: list[tuple[int, int]] = []
    cur_start = -1
    cur_end = 0
    blank = False
    pos = begin
    find = text.find
    while True:
        nl = find("\n", pos, stop)
        end = stop if nl < 0 else nl
        if end > pos or pos == begin:  # an empty line is skipped (unless it is the first)
            content = text[pos:end]
            left = content.lstrip()
            if not left:
                blank = True
            else:
                s = end - len(left)
                e = pos + len(content.rstrip())
                if cur_start < 0:
                    cur_start, cur_end = s, e
                elif not blank and text[s].islower() and text[cur_end - 1] not in _LINE_END_CHARS:
                    cur_end = e  # a wrapped line continues the paragraph
                else:
                    out.append((cur_start, cur_end))
                    cur_start, cur_end = s, e
                blank = False
        if nl < 0:
            break
        pos = nl + 1
    if cur_start >= 0:
        out.append((cur_start, cur_end))
    return out
