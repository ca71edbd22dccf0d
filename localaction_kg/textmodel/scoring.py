"""How well each concept of a scheme fits a text: component scores, fused into one standard score.

Components (each a score per concept; the embedding ones only when the model is loaded):

- ``concept_bm25``: BM25 of the text against each official text of the concept (its title, its
  lettered actions...): the best one plus half the mean of all;
- ``example_bm25``: the mean of the 3 best BM25 scores of the text against the example actions
  linked to the concept (the graph's stated and curated links): texts like this one were linked there;
- ``concept_embedding``, ``example_embedding``: the same two with cosine similarities of
  all-MiniLM-L6-v2 vectors (the text as a whole and its best sentence, half each).

Each component is turned into standard scores across the scheme's concepts (how many standard
deviations above the scheme's mean), and the fused score is their sum. It ranks; it is not a
probability. bench/suggest/RESULTS.md measures each component and the fusion.
"""

from __future__ import annotations

from collections.abc import Collection
from dataclasses import dataclass, field

import numpy as np
import numpy.typing as npt

from .embedding import Vectors
from .index import ConceptIndex, SchemeIndex, lexical_terms, term_index
from .text import Span, sentences

__all__ = ["Query", "SchemeScores", "prepare", "score_scheme", "EXAMPLE_NEIGHBOURS"]

Floats = npt.NDArray[np.float64]
#: how many of the most similar example actions speak for a concept
EXAMPLE_NEIGHBOURS = 3


@dataclass
class Query:
    """A text to score, prepared once for every scheme."""

    title: str
    description: str
    language: str
    spans: list[Span]  #: the description's sentences
    terms: list[str]  #: title and description
    span_terms: list[list[str]]
    vector: Vectors | None = None  #: title and description
    span_vectors: Vectors | None = None


def prepare(index: ConceptIndex, title: str, description: str, language: str) -> Query:
    """Split, stem and (with the model) embed a title and description."""
    spans = sentences(description)
    whole = f"{title}. {description}" if title.strip() else description
    query = Query(title, description, language, spans, lexical_terms(whole, language),
                  [lexical_terms(s.text, language) for s in spans])
    if index.encoder is not None:
        # the title and each sentence once; the whole text is their normalised mean (encoding the whole
        # as well would double the cost, which grows with the number of word pieces)
        pieces = ([title] if title.strip() else []) + [s.text for s in spans]
        vectors = index.encoder.encode(pieces or [whole])
        mean = vectors.mean(axis=0)
        query.vector = (mean / max(float(np.linalg.norm(mean)), 1e-12)).astype(np.float32)
        query.span_vectors = vectors[len(pieces) - len(spans):] if spans else vectors[:0]
    return query


@dataclass
class SchemeScores:
    """One scheme's scores for one text."""

    index: SchemeIndex
    fused: Floats
    components: dict[str, Floats] = field(default_factory=dict)
    excluded: npt.NDArray[np.bool_] | None = None  #: examples left out (the text's own action)
    cache: dict[str, Floats] = field(default_factory=dict)  #: sentence-level matrices, for the evidence


def _per_concept(index: SchemeIndex, unit_scores: Floats) -> Floats:
    """Best unit plus half the mean of the concept's units."""
    n = len(index.concepts)
    best = np.full(n, -np.inf)
    np.maximum.at(best, index.unit_concept, unit_scores)
    total = np.zeros(n)
    np.add.at(total, index.unit_concept, unit_scores)
    counts = np.bincount(index.unit_concept, minlength=n)
    best[counts == 0] = 0.0
    return best + 0.5 * total / np.maximum(counts, 1)


def _neighbours(index: SchemeIndex, similarity: Floats, excluded: npt.NDArray[np.bool_]) -> Floats:
    """Per concept, the mean similarity of the best linked examples (0 for a concept without one)."""
    out = np.zeros(len(index.concepts))
    for j in range(len(index.concepts)):
        values = similarity[index.example_links[:, j] & ~excluded]
        if values.size:
            out[j] = float(np.sort(values)[-EXAMPLE_NEIGHBOURS:].mean())
    return out


def _standard(values: Floats) -> Floats:
    spread = float(values.std())
    return (values - values.mean()) / spread if spread > 1e-12 else np.zeros_like(values)


def score_scheme(index: SchemeIndex, query: Query, *, exclude: str | Collection[str] | None = None) -> SchemeScores:
    """Score every concept of ``index``'s scheme for ``query``; ``exclude``: example actions to leave out."""
    key = term_index(query.language)
    left_out = {exclude} if isinstance(exclude, str) else set(exclude or ())
    excluded = np.array([a.iri in left_out for a in index.examples], dtype=np.bool_)
    components: dict[str, Floats] = {
        "concept_bm25": _per_concept(index, np.array(index.unit_bm25[key].scores(query.terms))),
    }
    if index.examples:
        components["example_bm25"] = _neighbours(index, np.array(index.example_bm25[key].scores(query.terms)),
                                                 excluded)
    if query.vector is not None and query.span_vectors is not None and index.unit_vectors is not None:
        whole = index.unit_vectors @ query.vector
        best_sentence = ((index.unit_vectors @ query.span_vectors.T).max(axis=1)
                         if len(query.span_vectors) else whole)
        components["concept_embedding"] = (0.5 * _per_concept(index, whole.astype(np.float64))
                                           + 0.5 * _per_concept(index, best_sentence.astype(np.float64)))
        if index.examples and index.example_vectors is not None:
            components["example_embedding"] = _neighbours(
                index, (index.example_vectors @ query.vector).astype(np.float64), excluded)
    fused = np.sum([_standard(v) for v in components.values()], axis=0)
    return SchemeScores(index, fused, components, excluded)
