"""Jinja2 templates in the request's language: ``install(env)`` once per environment.

After :func:`install`, templates use gettext as usual, translated per render:

- ``{{ _("Query editor") }}``, ``{{ ngettext("%(num)d result", "%(num)d results", n) }}``,
  ``{{ pgettext("menu", "Home") }}``, or ``{% trans %}...{% endtrans %}`` blocks (trimmed, so a
  paragraph may wrap over several lines). New-style gettext: ``%(name)s`` placeholders are
  filled, and escaped, by keyword: ``_("Hello %(name)s", name=user)``.
- ``current_language()``: ``en``, ``fr`` or ``es``, for ``<html lang>``;
  ``language_links()``: the switcher's entries; ``browser_messages()``: the scripts' catalogue.
- ``{{ literals|label }}``: the graph label in the page's language (:func:`.labels.pick_label`),
  wrapped in ``<span lang="..">`` when it falls back to another language.

The language comes from the ``request`` in the template's context (every ``TemplateResponse``
has it); a template rendered without a request may pass ``page_language="fr"``, and otherwise
is English.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any, cast

from babel.support import NullTranslations
from jinja2 import Environment, pass_context
from jinja2.runtime import Context
from markupsafe import Markup
from starlette.requests import HTTPConnection

from .catalogues import DEFAULT_LANGUAGE, LANGUAGES, BrowserMessages, browser_messages, translations
from .labels import LiteralLike, label_html, pick_label
from .web import LanguageLink, get_language, language_links

__all__ = ["install"]


def _request(ctx: Context) -> HTTPConnection | None:
    request = ctx.get("request")
    return request if isinstance(request, HTTPConnection) else None


def _language(ctx: Context) -> str:
    request = _request(ctx)
    if request is not None:
        return get_language(request)
    lang = ctx.get("page_language")
    return lang if isinstance(lang, str) and lang in LANGUAGES else DEFAULT_LANGUAGE


def _translations(ctx: Context) -> NullTranslations:
    return translations(_language(ctx))


@pass_context
def _gettext(ctx: Context, message: str) -> str:
    return _translations(ctx).gettext(message)


@pass_context
def _ngettext(ctx: Context, singular: str, plural: str, n: int) -> str:
    return str(_translations(ctx).ngettext(singular, plural, n))


@pass_context
def _pgettext(ctx: Context, context: str, message: str) -> str:
    return str(_translations(ctx).pgettext(context, message))


@pass_context
def _npgettext(ctx: Context, context: str, singular: str, plural: str, n: int) -> str:
    return str(_translations(ctx).npgettext(context, singular, plural, n))


@pass_context
def _current_language(ctx: Context) -> str:
    return _language(ctx)


@pass_context
def _language_links(ctx: Context) -> list[LanguageLink]:
    return language_links(_request(ctx), _language(ctx))


@pass_context
def _browser_messages(ctx: Context) -> BrowserMessages:
    return browser_messages(_language(ctx))


@pass_context
def _label(ctx: Context, literals: Iterable[LiteralLike | tuple[str, str | None] | str]) -> Markup:
    lang = _language(ctx)
    return label_html(pick_label(literals, lang), lang)


def install(env: Environment) -> None:
    """Give ``env`` the i18n extension, per-request gettext and the language helpers."""
    env.add_extension("jinja2.ext.i18n")
    env.policies["ext.i18n.trimmed"] = True
    cast(Any, env).install_gettext_callables(
        _gettext, _ngettext, newstyle=True, pgettext=_pgettext, npgettext=_npgettext
    )
    env.globals.update(
        current_language=_current_language,
        language_links=_language_links,
        browser_messages=_browser_messages,
    )
    env.filters["label"] = _label
