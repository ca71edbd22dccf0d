"""The concept index: per scheme, the concepts' official texts and the example actions, ready to score.

Built once per process (:func:`build_index`). For each scheme it holds

- ``units``: every official text of every concept (title, lettered actions...), with two BM25
  indexes over them: English stems, and cross-lingual keys for French and Spanish queries;
- ``examples``: the actions already in the graph linked to the scheme's concepts (stated or
  curated), with the same two BM25 indexes over their title and description;
- with the embedding model: the unit and example vectors.
"""

from __future__ import annotations

import hashlib
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

import numpy as np
import numpy.typing as npt

from .concepts import SCHEMES, Catalogue, Concept, ConceptText, Scheme
from .corpus import ActionText
from .embedding import Encoder, Vectors, default_cache_dir
from .lexical import BM25
from .text import cross_lingual_key, stems

__all__ = ["SchemeIndex", "ConceptIndex", "build_index", "lexical_terms", "term_index", "action_text"]


def term_index(language: str) -> str:
    """Which BM25 index a text in ``language`` is matched against: ``en`` (stems) or ``x`` (keys)."""
    return "en" if language == "en" else "x"


def lexical_terms(text: str, language: str) -> list[str]:
    """The terms a text is matched on: English stems for English, cross-lingual keys otherwise."""
    found = stems(text, language)
    return found if term_index(language) == "en" else [cross_lingual_key(s) for s in found]


def action_text(action: ActionText) -> str:
    """An example action's words as one text: its title (if any), then its description."""
    return f"{action.title}. {action.description}" if action.title else action.description


@dataclass
class SchemeIndex:
    """Everything needed to score one scheme's concepts for a text."""

    scheme: Scheme
    concepts: tuple[Concept, ...]
    units: tuple[ConceptText, ...]
    unit_concept: npt.NDArray[np.intp]  #: unit -> index of its concept
    unit_bm25: dict[str, BM25]  #: "en" (stems) and "x" (cross-lingual keys)
    examples: tuple[ActionText, ...]
    example_links: npt.NDArray[np.bool_]  #: example x concept
    example_bm25: dict[str, BM25]
    unit_vectors: Vectors | None = None
    example_vectors: Vectors | None = None

    def position(self, iri: str) -> int:
        """The index of concept ``iri`` in :attr:`concepts` (ValueError if it is not in the scheme)."""
        for i, concept in enumerate(self.concepts):
            if concept.iri == iri:
                return i
        raise ValueError(f"{iri} is not a concept of {self.scheme}")


@dataclass
class ConceptIndex:
    """The three schemes' indexes, and what they were built from."""

    catalogue: Catalogue
    schemes: dict[Scheme, SchemeIndex]
    encoder: Encoder | None
    fingerprint: str  #: a digest of every indexed text and link: changes when the data does

    @property
    def engine(self) -> str:
        """``hybrid`` (BM25 + embeddings) when built with the model, else ``lexical``."""
        return "hybrid" if self.encoder is not None else "lexical"


def _bm25_pair(texts: Sequence[str]) -> dict[str, BM25]:
    english = [stems(t, "en") for t in texts]
    return {"en": BM25(english), "x": BM25([[cross_lingual_key(s) for s in doc] for doc in english])}


def build_index(catalogue: Catalogue, examples: Sequence[ActionText], encoder: Encoder | None = None,
                *, cache_dir: Path | None | Literal["default"] = "default") -> ConceptIndex:
    """Index ``catalogue``'s concepts and the ``examples`` linked to them; embed them if ``encoder``
    (vectors cached in ``cache_dir``, by default :func:`~.embedding.default_cache_dir`)."""
    cache = default_cache_dir() if cache_dir == "default" else cache_dir
    example_vectors: dict[str, Vectors] = {}
    if encoder is not None:  # each action once, whichever schemes it is an example of
        vectors = encoder.encode_cached([action_text(a) for a in examples], cache)
        example_vectors = {a.iri: v for a, v in zip(examples, vectors, strict=True)}
    digest = hashlib.sha256()
    schemes: dict[Scheme, SchemeIndex] = {}
    for scheme in SCHEMES:
        concepts = catalogue.schemes[scheme]
        units = tuple(t for c in concepts for t in c.texts)
        unit_concept = np.array([i for i, c in enumerate(concepts) for _ in c.texts], dtype=np.intp)
        linked = tuple(a for a in examples if a.relevant(scheme))
        links = np.array([[c.iri in a.relevant(scheme) for c in concepts] for a in linked], dtype=np.bool_)
        for unit in units:
            digest.update(f"{scheme}\t{unit.source}\t{unit.text}\n".encode())
        for action in linked:
            linked_to = sorted(action.relevant(scheme))
            digest.update(f"{scheme}\t{action.iri}\t{linked_to}\t{action_text(action)}\n".encode())
        index = SchemeIndex(scheme, concepts, units, unit_concept, _bm25_pair([u.text for u in units]),
                            linked, links.reshape(len(linked), len(concepts)),
                            _bm25_pair([action_text(a) for a in linked]))
        if encoder is not None:
            index.unit_vectors = encoder.encode_cached([u.text for u in units], cache)
            index.example_vectors = (np.stack([example_vectors[a.iri] for a in linked]) if linked
                                     else np.zeros((0, index.unit_vectors.shape[1]), dtype=np.float32))
        schemes[scheme] = index
    if encoder is not None:
        digest.update(encoder.version.encode())
    return ConceptIndex(catalogue, schemes, encoder, digest.hexdigest()[:16])
