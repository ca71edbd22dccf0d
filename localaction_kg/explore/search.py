"""Full-text search over actions: SQLite FTS5 (``unicode61 remove_diacritics 2``), ranked by BM25.

One row per action: its titles, descriptions and the names of its submitters and partners, in every
language the graph has. Case and accents are ignored (``Bogota`` finds ``Bogotá``); every word of
the query must match, the last one also as a prefix; hits are ranked by BM25 with titles weighing
most, and come with a snippet whose matches are marked.

>>> s = TextIndex()
>>> s.put(1, ["Nutrition centre", "Centro de nutrición"], ["Food for children in Bogotá, Colombia"], ["Bogotá"])
>>> s.put(2, ["Water"], ["Clean water, and some nutrition"], [])
>>> [hit for hit, _ in s.search("NUTRICION")], [hit for hit, _ in s.search("bogota nutri")]
([1], [1])
>>> [hit for hit, _ in s.search("nutrition")]
[1, 2]
>>> s.snippets("bogota", [1])[1]
'Food for children in \\ue000Bogotá\\ue001, Colombia'
"""

from __future__ import annotations

import re
import sqlite3
import threading
from collections.abc import Iterable, Sequence

__all__ = ["TextIndex", "MARK_START", "MARK_END", "to_match"]

#: private-use characters around a match in a snippet (the page turns them into <mark>)
MARK_START, MARK_END = "\ue000", "\ue001"
_WORD = re.compile(r"\w+", re.UNICODE)
#: BM25 weights of the columns: title, names, description
_WEIGHTS = (8.0, 4.0, 1.0)


def to_match(q: str) -> str | None:
    """The FTS5 query for what a person typed: its words, quoted (no operators), the last as a prefix.

    >>> to_match('nutrition "centre" OR x*'), to_match("  "), to_match("São")
    ('"nutrition" "centre" "OR" "x"', None, '"São"*')
    """
    words = _WORD.findall(q)
    if not words:
        return None
    quoted = [f'"{w}"' for w in words[:32]]
    if len(words[-1]) >= 2:
        quoted[-1] += "*"
    return " ".join(quoted)


class TextIndex:
    """An in-memory FTS5 table keyed by action id; thread-safe."""

    def __init__(self) -> None:
        self._db = sqlite3.connect(":memory:", check_same_thread=False)
        self._db.execute("CREATE VIRTUAL TABLE texts USING fts5(title, names, description, "
                         "tokenize = 'unicode61 remove_diacritics 2')")
        self._lock = threading.Lock()

    def put(self, rowid: int, titles: Iterable[str], descriptions: Iterable[str], names: Iterable[str]) -> None:
        """Index (or re-index) one action."""
        row = ("\n".join(titles), "\n".join(names), "\n".join(descriptions))
        with self._lock:
            self._db.execute("DELETE FROM texts WHERE rowid = ?", (rowid,))
            self._db.execute("INSERT INTO texts(rowid, title, names, description) VALUES (?, ?, ?, ?)",
                             (rowid, *row))

    def put_many(self, rows: Iterable[tuple[int, Sequence[str], Sequence[str], Sequence[str]]]) -> None:
        with self._lock:
            self._db.executemany("INSERT INTO texts(rowid, title, names, description) VALUES (?, ?, ?, ?)",
                                 ((r, "\n".join(t), "\n".join(n), "\n".join(d))
                                  for r, t, d, n in rows))

    def remove(self, rowid: int) -> None:
        with self._lock:
            self._db.execute("DELETE FROM texts WHERE rowid = ?", (rowid,))

    def search(self, q: str) -> list[tuple[int, float]]:
        """Every matching action with its BM25 score (higher is better), best first."""
        match = to_match(q)
        if match is None:
            return []
        weights = ", ".join(str(w) for w in _WEIGHTS)
        with self._lock:
            rows = self._db.execute(f"SELECT rowid, bm25(texts, {weights}) AS r FROM texts WHERE texts MATCH ? "
                                    "ORDER BY r, rowid", (match,)).fetchall()
        return [(int(rowid), -float(rank)) for rowid, rank in rows]

    def snippets(self, q: str, rowids: Sequence[int], tokens: int = 24) -> dict[int, str]:
        """A snippet of the description of each hit among ``rowids`` (its start when the words are elsewhere),
        the matches between :data:`MARK_START` and :data:`MARK_END`."""
        match = to_match(q)
        if match is None or not rowids:
            return {}
        marks = ", ".join("?" for _ in rowids)
        with self._lock:
            rows = self._db.execute(
                f"SELECT rowid, snippet(texts, 2, ?, ?, '…', ?) FROM texts WHERE texts MATCH ? "
                f"AND rowid IN ({marks})", (MARK_START, MARK_END, tokens, match, *rowids)).fetchall()
        return {int(r): str(s) for r, s in rows}

    def __len__(self) -> int:
        with self._lock:
            return int(self._db.execute("SELECT count(*) FROM texts").fetchone()[0])
