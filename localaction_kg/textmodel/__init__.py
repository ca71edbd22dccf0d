"""The text model: suggest framework concepts for an action's text, and grade a link by its text.

``suggest(title, description, language, *, limit)`` ranks the Call themes, GCM objectives and SDG
targets; ``support(text, concept)`` says how well a text supports one concept. Both run offline on
the CPU: BM25 over the concepts' official texts and over the actions already linked to them, plus
all-MiniLM-L6-v2 sentence embeddings when the ``[text]`` extra is installed. Modules:
``concepts`` (the schemes from the Turtle), ``corpus`` (example actions), ``text`` (sentences,
stems), ``lexical`` (BM25), ``embedding`` (the model), ``index``, ``scoring``, ``evidence``, ``suggest``.
"""

from .concepts import SCHEMES, Catalogue, Concept, Scheme, load_catalogue
from .corpus import ActionText, load_actions
from .embedding import MODEL_NAME, embedding_available
from .evidence import Evidence
from .suggest import (
    LANGUAGE_WARNINGS,
    Engine,
    Run,
    Suggester,
    Suggestion,
    Suggestions,
    Support,
    default_suggester,
    suggest,
    support,
)
from .text import LANGUAGES

__all__ = [
    "SCHEMES", "Catalogue", "Concept", "Scheme", "load_catalogue", "ActionText", "load_actions", "MODEL_NAME",
    "embedding_available", "Evidence", "LANGUAGE_WARNINGS", "Engine", "Run", "Suggester", "Suggestion",
    "Suggestions", "Support", "default_suggester", "suggest", "support", "LANGUAGES",
]
