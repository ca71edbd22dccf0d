"""Text handling shared by every engine: sentences with their offsets, words, stems.

Languages are the service's three: English, French and Spanish. Stems come from the Snowball
stemmers (``snowballstemmer``, pure Python). ``cross_lingual_key`` folds accents and keeps a
stem's first letters, so that cognates (*discriminación*, *discrimination*) meet in the English
index: a crude bridge, measured in bench/suggest/RESULTS.md, not a translation.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import Any, Final

import snowballstemmer  # type: ignore[import-untyped]

__all__ = ["LANGUAGES", "Span", "sentences", "words", "stems", "cross_lingual_key", "is_stopword"]

#: the languages a description may be written in, with their Snowball stemmer
LANGUAGES: Final[dict[str, str]] = {"en": "english", "fr": "french", "es": "spanish"}

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?", re.UNICODE)
# a sentence ends at . ! ? ; or a line break, followed by space; abbreviations like "e.g." are rare
# in descriptions and cost only a split
_SENTENCE_END = re.compile(r"(?<=[.!?;])\s+|\n\s*\n|\n(?=\s*[-•*\u2022])")

_STOP: Final[dict[str, frozenset[str]]] = {
    "en": frozenset(
        "a about above after again against all also am an and any are as at be been before being below "
        "between both but by can could did do does doing down during each few for from further had has have "
        "having he her here hers him his how i if in into is it its itself just me more most my no nor not "
        "now of off on once only or other our ours out over own same she should so some such than that the "
        "their theirs them then there these they this those through to too under until up very was we were "
        "what when where which while who whom why will with would you your yours will shall may might must "
        "per via well including include includes within among across upon etc new also".split()
    ),
    "fr": frozenset(
        "à au aux avec ce ces cette dans de des du elle en et eux il ils je la le les leur leurs lui ma mais "
        "me même mes moi mon ne nos notre nous on ou où par pas pour qu que qui sa se ses son sur ta te tes "
        "toi ton tu un une vos votre vous y été être avoir ont est sont était afin ainsi comme entre tout "
        "tous toutes toute plus très".split()
    ),
    "es": frozenset(
        "a al algo con contra cual cuando de del desde donde dos el ella ellas ellos en entre era es esa "
        "ese eso esta este esto estos estas fue ha han hasta la las le les lo los más me mi mis muy no nos "
        "o para pero por que qué se sea ser si sin sobre su sus también te tu un una unas uno unos y ya "
        "así como todo todos toda todas".split()
    ),
}


@dataclass(frozen=True, slots=True)
class Span:
    """A piece of a text and where it is: ``text == source[start:end]``."""

    text: str
    start: int
    end: int


def sentences(text: str) -> list[Span]:
    """The sentences of ``text``, each a verbatim span.

    >>> [s.text for s in sentences("Open a desk. Teach French!  Then: more")]
    ['Open a desk.', 'Teach French!', 'Then: more']
    """
    spans, start = [], 0
    for match in [*_SENTENCE_END.finditer(text), None]:
        end = match.start() if match else len(text)
        piece = text[start:end]
        stripped = piece.strip()
        if stripped:
            offset = start + piece.index(stripped)
            spans.append(Span(stripped, offset, offset + len(stripped)))
        if match:
            start = match.end()
    return spans


def words(text: str) -> list[Span]:
    """The words of ``text`` (letters, with an inner apostrophe), digits and punctuation left out.

    >>> [w.text for w in words("Migrants' access to 3 health-care centres")]
    ['Migrants', 'access', 'to', 'health', 'care', 'centres']
    """
    return [Span(m.group(), m.start(), m.end()) for m in _WORD.finditer(text)]


def is_stopword(word: str, language: str) -> bool:
    """Whether ``word`` is a function word of ``language`` (or too short to carry meaning)."""
    lower = word.lower()
    return len(lower) < 3 or lower in _STOP.get(language, _STOP["en"])


@lru_cache(maxsize=8)
def _stemmer(language: str) -> Any:
    return snowballstemmer.stemmer(LANGUAGES[language])


def _fold(word: str) -> str:
    decomposed = unicodedata.normalize("NFKD", word.lower().replace("’", "'"))
    return "".join(c for c in decomposed if not unicodedata.combining(c)).split("'")[-1]


@lru_cache(maxsize=65536)
def _stem(word: str, language: str) -> str:
    return _fold(_stemmer(language).stemWord(word.lower()))


def stems(text: str, language: str) -> list[str]:
    """The stems of the content words of ``text``, in order (function words left out).

    >>> stems("Provide access to basic services for migrants", "en")
    ['provid', 'access', 'basic', 'servic', 'migrant']
    """
    return [_stem(w.text, language) for w in words(text) if not is_stopword(w.text, language)]


def cross_lingual_key(stem: str, length: int = 5) -> str:
    """The first ``length`` letters of an accent-folded stem: where cognates meet across languages.

    >>> cross_lingual_key("discrimin"), cross_lingual_key("migracion"), cross_lingual_key("migrat")
    ('discr', 'migra', 'migra')
    """
    return stem[:length]
