"""The site's one i18n mechanism: gettext catalogues through Babel, on the server and in the browser.

English is the source language; ``locales/{fr,es}/LC_MESSAGES/messages.po`` hold the French and
Spanish interface text, read at run time (see ``README.md`` next to this file for how to add and
translate strings).

- the app: ``app.add_middleware(LanguageMiddleware)`` chooses each request's language
  (``?lang=``, which also sets a cookie; the cookie; ``Accept-Language``; English);
- a handler: ``get_translations(request).gettext("...")``, or ``lang: str = Depends(get_language)``;
- templates: ``install(templates.env)``, then ``{{ _("...") }}`` and ``{% trans %}`` (:mod:`.jinja`);
- scripts: ``import { t } from "/static/i18n.js"``, then ``t("...")``;
- graph labels: :func:`pick_label` and the ``|label`` filter, falling back to English and never
  showing a language tag.
"""

from __future__ import annotations

from .catalogues import DEFAULT_LANGUAGE, LANGUAGES, browser_messages, language_name, translations
from .jinja import install
from .labels import Label, label_html, pick_label
from .negotiation import choose_language, parse_accept_language
from .web import COOKIE, LanguageMiddleware, get_language, get_translations, language_links

__all__ = [
    "COOKIE",
    "DEFAULT_LANGUAGE",
    "LANGUAGES",
    "Label",
    "LanguageMiddleware",
    "browser_messages",
    "choose_language",
    "get_language",
    "get_translations",
    "install",
    "label_html",
    "language_links",
    "language_name",
    "parse_accept_language",
    "pick_label",
    "translations",
]
