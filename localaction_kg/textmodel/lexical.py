"""A small Okapi BM25 over tokenised texts (no model, no dependency beyond the standard library).

Written here rather than taken from a library: ``rank-bm25`` is unmaintained since 2022, ``bm25s``
brings SciPy into the default install, and SQLite FTS5's ``bm25()`` has only an English (Porter)
stemmer and answers one query per concept where we need every concept's score for one text.
About 900 short documents: a query of 200 words is scored in a few milliseconds.

>>> index = BM25([["migrant", "health"], ["border", "manag"], ["health", "servic", "migrant"]])
>>> [round(s, 3) for s in index.scores(["health", "migrant"])]
[0.998, 0.0, 0.842]
"""

from __future__ import annotations

import math
from collections import Counter
from collections.abc import Iterable, Sequence

__all__ = ["BM25"]


class BM25:
    """Okapi BM25 (Robertson & Zaragoza 2009) with the usual ``k1`` and ``b``; IDF floored at 0."""

    def __init__(self, documents: Sequence[Sequence[str]], *, k1: float = 1.2, b: float = 0.75) -> None:
        self.k1, self.b = k1, b
        self.size = len(documents)
        self.lengths = [len(d) for d in documents]
        self.average = sum(self.lengths) / max(1, self.size) or 1.0
        self.postings: dict[str, list[tuple[int, int]]] = {}
        for i, doc in enumerate(documents):
            for term, tf in Counter(doc).items():
                self.postings.setdefault(term, []).append((i, tf))
        self.idf = {t: math.log1p((self.size - len(p) + 0.5) / (len(p) + 0.5)) for t, p in self.postings.items()}

    def scores(self, query: Iterable[str]) -> list[float]:
        """The BM25 score of every document for ``query`` (a repeated query term counts each time)."""
        out = [0.0] * self.size
        for term, qtf in Counter(query).items():
            idf = self.idf.get(term)
            if not idf:
                continue
            for i, tf in self.postings[term]:
                norm = self.k1 * (1 - self.b + self.b * self.lengths[i] / self.average)
                out[i] += qtf * idf * tf * (self.k1 + 1) / (tf + norm)
        return out

    def weight(self, term: str) -> float:
        """The IDF of ``term`` in this index (0 for a term no document has)."""
        return self.idf.get(term, 0.0)
