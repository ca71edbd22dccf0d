"""Labels from the graph in the reader's language, never with a raw language tag.

:func:`pick_label` takes the literals of one property (pyoxigraph or rdflib literals, or
``(text, language)`` pairs) and returns the text to show with the language it is really in, so
a page can mark a fallback: ``<span lang="en">`` inside a French page. The text comes from the
graph as it is: nothing is translated, and no literal at all gives an empty text.

>>> pick_label([("Objectif 1", "fr"), ("Objective 1", "en")], "fr")
Label(text='Objectif 1', lang='fr')
>>> pick_label([("Objective 1", "en"), ("Objetivo 1", "es")], "fr")
Label(text='Objective 1', lang='en')
>>> pick_label([], "es")
Label(text='', lang=None)
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import NamedTuple, Protocol

from markupsafe import Markup, escape

from .catalogues import DEFAULT_LANGUAGE

__all__ = ["Label", "LiteralLike", "label_html", "pick_label"]


class LiteralLike(Protocol):
    """A pyoxigraph ``Literal``: its lexical ``value`` and its ``language`` tag (or None)."""

    @property
    def value(self) -> str: ...

    @property
    def language(self) -> str | None: ...


class Label(NamedTuple):
    """The text to show and the language it is in (None: the literal has no language tag)."""

    text: str
    lang: str | None


def _text_and_lang(literal: LiteralLike | tuple[str, str | None] | str) -> tuple[str, str | None]:
    if isinstance(literal, tuple):
        return literal
    if isinstance(literal, str):  # a plain str, or an rdflib Literal (a str subclass: its lexical form)
        return str(literal), getattr(literal, "language", None) or None
    return literal.value, literal.language or None


def _primary(tag: str | None) -> str:
    return (tag or "").split("-")[0].lower()


def pick_label(literals: Iterable[LiteralLike | tuple[str, str | None] | str], lang: str) -> Label:
    """The literal in ``lang`` (``fr-CA`` counts as ``fr``), else English, else untagged, else any.

    Empty literals are skipped. Among equals the choice is stable (by tag, then text), whatever
    order the store returned them in.

    >>> pick_label([("Accra", None), ("Objetivo", "es")], "fr")
    Label(text='Accra', lang=None)
    >>> pick_label([("Objetivo", "es"), ("Objectif", "fr-CA"), ("Objectif", "fr")], "fr")
    Label(text='Objectif', lang='fr')
    """
    wanted = _primary(lang)
    best: tuple[tuple[int, str, str], Label] | None = None
    for literal in literals:
        text, tag = _text_and_lang(literal)
        if not text.strip():
            continue
        primary = _primary(tag)
        if tag and tag.lower() == wanted:
            rank = 0
        elif tag and primary == wanted:
            rank = 1
        elif tag and primary == DEFAULT_LANGUAGE:
            rank = 2
        elif not tag:
            rank = 3
        else:
            rank = 4
        key = (rank, (tag or "").lower(), text)
        if best is None or key < best[0]:
            best = (key, Label(text, tag))
    return best[1] if best else Label("", None)


def label_html(label: Label, page_lang: str) -> Markup:
    """The label's text, escaped, in a ``<span lang>`` when it is not in the page's language.

    >>> label_html(Label("Objective 1", "en"), "fr")
    Markup('<span lang="en">Objective 1</span>')
    >>> label_html(Label("Objectif 1", "fr"), "fr")
    Markup('Objectif 1')
    """
    if label.lang and _primary(label.lang) != _primary(page_lang):
        return Markup('<span lang="{}">{}</span>').format(label.lang, label.text)
    return escape(label.text)
