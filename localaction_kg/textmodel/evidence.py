"""Which words of the description support a concept: the sentence, its matching words, and why.

For each sentence of the description and each concept, three signals (each scaled by its best
sentence): BM25 against the concept's official texts, BM25 against the example actions linked to
the concept, and (with the model) the cosine with the concept's texts. The evidence is the sentence
with the highest sum, the words of it that also occur (as stems) in the official text or example
it matched best, and which official text and which example action those were.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import numpy.typing as npt

from .concepts import ConceptText
from .corpus import ActionText
from .index import action_text, lexical_terms, term_index
from .scoring import Query, SchemeScores
from .text import Span, cross_lingual_key, is_stopword, words

__all__ = ["Evidence", "evidence_for", "MAX_WORDS"]

#: at most this many supporting words per suggestion
MAX_WORDS = 8
Floats = npt.NDArray[np.float64]


@dataclass(frozen=True, slots=True)
class Evidence:
    """The part of the description that supports a concept."""

    sentence: Span  #: verbatim, with its offsets in the description
    words: tuple[str, ...]  #: words of the sentence shared with ``official_text`` or ``example``
    official_text: ConceptText | None  #: the concept's text the sentence matches best
    example: ActionText | None  #: the linked action in the graph the sentence resembles most

    def as_json(self) -> dict[str, object]:
        return {
            "sentence": self.sentence.text,
            "start": self.sentence.start,
            "end": self.sentence.end,
            "words": list(self.words),
            "official_text": None if self.official_text is None else {
                "concept": self.official_text.source, "notation": self.official_text.notation,
                "text": self.official_text.text},
            "similar_action": None if self.example is None else self.example.iri,
        }


def _scaled(matrix: Floats) -> Floats:
    top = matrix.max(axis=0, keepdims=True) if matrix.size else matrix
    return np.divide(matrix, top, out=np.zeros_like(matrix), where=top > 1e-12)


def _shared_words(sentence: Span, language: str, targets: list[str], weight: dict[str, float]) -> tuple[str, ...]:
    wanted = set(targets)
    found: dict[str, tuple[float, int, str]] = {}
    for position, word in enumerate(words(sentence.text)):
        if is_stopword(word.text, language):
            continue
        terms = lexical_terms(word.text, language)
        if terms and terms[0] in wanted and word.text.lower() not in found:
            found[word.text.lower()] = (weight.get(terms[0], 0.0), position, word.text)
    best = sorted(found.values(), key=lambda f: -f[0])[:MAX_WORDS]
    return tuple(w for _, _, w in sorted(best, key=lambda f: f[1]))


def _matrix(scores: SchemeScores, query: Query, name: str) -> Floats:
    """Sentence x unit (``units``) or sentence x example (``examples``) BM25, computed once per text."""
    if name not in scores.cache:
        key = term_index(query.language)
        bm25 = scores.index.unit_bm25[key] if name == "units" else scores.index.example_bm25[key]
        scores.cache[name] = np.array([bm25.scores(terms) for terms in query.span_terms], dtype=np.float64)
    return scores.cache[name]


def evidence_for(scores: SchemeScores, query: Query, position: int) -> Evidence | None:
    """The evidence for the concept at ``position`` of the scheme; None when no sentence of the
    description supports it (the score then comes from the title alone, or from nothing)."""
    if not query.spans:
        return None
    index, key = scores.index, term_index(query.language)
    own = np.flatnonzero(index.unit_concept == position)
    unit_bm25 = index.unit_bm25[key]
    unit_scores = _matrix(scores, query, "units")[:, own]
    signal = _scaled(unit_scores.max(axis=1, keepdims=True))
    linked = np.flatnonzero(index.example_links[:, position] & ~scores.excluded) if index.examples \
        and scores.excluded is not None else np.array([], dtype=np.intp)
    example_scores = np.zeros((len(query.spans), 0))
    if linked.size:
        example_scores = _matrix(scores, query, "examples")[:, linked]
        signal = signal + _scaled(example_scores.max(axis=1, keepdims=True))
    if query.span_vectors is not None and index.unit_vectors is not None and len(query.span_vectors):
        cosine = (query.span_vectors @ index.unit_vectors[own].T).astype(np.float64)
        signal = signal + _scaled(cosine.max(axis=1, keepdims=True))
        unit_scores = unit_scores + 1e-6 * cosine  # ties between units go to the nearest in meaning
    best = int(np.argmax(signal[:, 0]))
    if signal[best, 0] <= 0:
        return None  # no sentence of the description shares anything with the concept or its examples
    unit = index.units[own[int(np.argmax(unit_scores[best]))]] if own.size and unit_scores[best].max() > 0 else None
    example = index.examples[linked[int(np.argmax(example_scores[best]))]] if linked.size \
        and example_scores[best].max() > 0 else None
    targets = (lexical_terms(unit.text, "en") if unit is not None else []) + (
        lexical_terms(action_text(example), "en") if example is not None else [])
    if key == "x":
        targets = [cross_lingual_key(t) for t in targets]
    weight = unit_bm25.idf
    return Evidence(query.spans[best], _shared_words(query.spans[best], query.language, targets, weight), unit, example)
