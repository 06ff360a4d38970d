"""Near-duplicate articles: syndicated copies and re-posts count as one source.

A wire story re-posted under another headline, with other boilerplate, is not an
independent confirmation. Articles are compared by MinHash signatures of their word
5-grams (datasketch), candidates found with MinHash LSH, and a pair is a near
duplicate when the estimated Jaccard similarity reaches the threshold. A group of
near duplicates is represented by its earliest article (then the lowest doc_id), so
the grouping depends only on the set of articles, not their order.
"""

from __future__ import annotations

import re
from collections import defaultdict
from dataclasses import dataclass
from datetime import date
from typing import Iterable, Mapping, Sequence

import numpy as np
from datasketch import MinHash, MinHashLSH

__all__ = ["NearDuplicateFinder", "Signature", "canonical_docs"]

_WORD = re.compile(r"\w+", re.UNICODE)
# The hashing scheme is named so that stored signatures stay comparable across datasketch releases.
_SCHEME = "affine32"


@dataclass(frozen=True, slots=True)
class Signature:
    """An article's MinHash signature with what the grouping needs."""

    doc_id: str
    pub_date: date | None
    hashvalues: tuple[int, ...]


class NearDuplicateFinder:
    """Signatures and near-duplicate pairs; the parameters are fixed per store."""

    def __init__(self, num_perm: int = 128, threshold: float = 0.7, shingle: int = 5, seed: int = 1) -> None:
        self.num_perm = num_perm
        self.threshold = threshold
        self.shingle = shingle
        self.seed = seed

    def _shingles(self, text: str) -> list[bytes]:
        words = [w.casefold() for w in _WORD.findall(text)]
        n = self.shingle
        if len(words) < n:
            return [" ".join(words).encode("utf-8")] if words else []
        return [" ".join(words[i : i + n]).encode("utf-8") for i in range(len(words) - n + 1)]

    def signature(self, doc_id: str, text: str, pub_date: date | None = None) -> Signature:
        m = MinHash(num_perm=self.num_perm, seed=self.seed, scheme=_SCHEME)
        shingles = self._shingles(text)
        if shingles:
            m.update_batch(shingles)
        return Signature(doc_id, pub_date, tuple(int(v) for v in m.hashvalues))

    def _minhash(self, sig: Signature) -> MinHash:
        return MinHash(num_perm=self.num_perm, seed=self.seed, hashvalues=np.array(sig.hashvalues, dtype=np.uint64), scheme=_SCHEME)

    def pairs(self, new: Sequence[Signature], existing: Sequence[Signature] = ()) -> list[tuple[str, str, float]]:
        """Near-duplicate pairs (a < b, similarity) among ``new`` and between ``new`` and ``existing``."""
        lsh = MinHashLSH(threshold=self.threshold, num_perm=self.num_perm)
        hashes: dict[str, MinHash] = {}
        for sig in sorted({s.doc_id: s for s in (*existing, *new)}.values(), key=lambda s: s.doc_id):
            hashes[sig.doc_id] = self._minhash(sig)
            lsh.insert(sig.doc_id, hashes[sig.doc_id])
        out: dict[tuple[str, str], float] = {}
        for sig in new:
            mine = hashes[sig.doc_id]
            for other in lsh.query(mine):
                if other == sig.doc_id:
                    continue
                similarity = float(mine.jaccard(hashes[other]))
                if similarity >= self.threshold:
                    a, b = sorted((sig.doc_id, other))
                    out[(a, b)] = round(similarity, 4)
        return [(a, b, s) for (a, b), s in sorted(out.items())]


def canonical_docs(pairs: Iterable[tuple[str, str, float]], pub_dates: Mapping[str, date | None]) -> dict[str, str]:
    """doc_id -> the earliest article of its near-duplicate group (only docs that have a duplicate)."""
    parent: dict[str, str] = {}

    def find(x: str) -> str:
        parent.setdefault(x, x)
        while parent[x] != x:
            parent[x] = parent[parent[x]]
            x = parent[x]
        return x

    for a, b, _ in pairs:
        ra, rb = find(a), find(b)
        if ra != rb:
            parent[max(ra, rb)] = min(ra, rb)
    groups: dict[str, list[str]] = defaultdict(list)
    for doc in list(parent):
        groups[find(doc)].append(doc)
    out: dict[str, str] = {}
    for members in groups.values():
        head = min(members, key=lambda d: (pub_dates.get(d) or date.max, d))
        for doc in members:
            out[doc] = head
    return out
