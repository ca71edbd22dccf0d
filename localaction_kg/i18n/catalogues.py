"""The gettext catalogues: ``locales/{lang}/LC_MESSAGES/messages.po``, read at run time.

English is the source language: its "translation" is the msgid itself. The ``.po`` files are
read directly (no compiled ``.mo`` to forget on a fresh clone) and kept for the life of the
process. Fuzzy entries, and plural entries with any form left empty, are ignored, so an
unfinished translation shows the English text rather than a wrong or empty one.

>>> translations("fr").gettext("Query editor")
'Éditeur de requêtes'
>>> translations("en").gettext("Query editor")
'Query editor'
"""

from __future__ import annotations

import functools
from io import BytesIO
from pathlib import Path

from babel import Locale
from babel.messages.catalog import Catalog, Message
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import NullTranslations, Translations

__all__ = [
    "BrowserMessages",
    "DEFAULT_LANGUAGE",
    "DOMAIN",
    "LANGUAGES",
    "LOCALES_DIR",
    "TRANSLATED",
    "browser_messages",
    "catalogue_path",
    "complete",
    "language_name",
    "read_catalogue",
    "translations",
]

#: the interface languages, English (the source language) first
LANGUAGES: tuple[str, ...] = ("en", "fr", "es")
DEFAULT_LANGUAGE = "en"
#: the languages with a catalogue
TRANSLATED: tuple[str, ...] = tuple(lang for lang in LANGUAGES if lang != DEFAULT_LANGUAGE)
DOMAIN = "messages"
LOCALES_DIR = Path(__file__).parent / "locales"

#: msgid -> translation, or singular msgid -> plural forms
BrowserMessages = dict[str, str | list[str]]


def catalogue_path(lang: str, locales_dir: Path = LOCALES_DIR) -> Path:
    """Where the catalogue of ``lang`` lives."""
    return locales_dir / lang / "LC_MESSAGES" / f"{DOMAIN}.po"


def read_catalogue(lang: str, locales_dir: Path = LOCALES_DIR) -> Catalog:
    """The parsed ``.po`` catalogue of ``lang`` (a translated language, not English)."""
    with catalogue_path(lang, locales_dir).open("rb") as f:
        return read_po(f, locale=lang, domain=DOMAIN)


def complete(message: Message) -> bool:
    """Whether ``message`` has a usable translation: not fuzzy, and every form filled in."""
    if message.fuzzy or not message.string:
        return False
    forms = message.string if isinstance(message.string, (list, tuple)) else (message.string,)
    return all(forms)


@functools.cache
def translations(lang: str, locales_dir: Path = LOCALES_DIR) -> NullTranslations:
    """The translations of ``lang``; English and unknown languages give the msgids back."""
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return NullTranslations()
    catalog = read_catalogue(lang, locales_dir)
    for message in list(catalog)[1:]:
        if not complete(message):
            catalog.delete(message.id, context=message.context)
    buffer = BytesIO()
    write_mo(buffer, catalog)
    buffer.seek(0)
    return Translations(buffer, domain=DOMAIN)


@functools.cache
def browser_messages(lang: str, locales_dir: Path = LOCALES_DIR) -> BrowserMessages:
    """The messages scripts use (extracted from a ``.js`` file), for the browser's ``t()``.

    Only those, not the whole catalogue, so that every page can carry them cheaply. It relies on
    the location comments (``#: localaction_kg/service/web/static/x.js``) that ``pybabel extract`` writes.
    """
    if lang == DEFAULT_LANGUAGE or lang not in LANGUAGES:
        return {}
    out: BrowserMessages = {}
    for message in list(read_catalogue(lang, locales_dir))[1:]:
        scripts = any(path.endswith(".js") for path, _ in message.locations)
        if not scripts or message.context or not complete(message):  # t() and tn() have no context
            continue
        key = message.id[0] if isinstance(message.id, (list, tuple)) else message.id
        string = message.string
        out[key] = [str(s) for s in string] if isinstance(string, (list, tuple)) else str(string)
    return out


def language_name(lang: str) -> str:
    """The language's own name for itself, as a menu shows it.

    >>> [language_name(code) for code in LANGUAGES]
    ['English', 'Français', 'Español']
    """
    name = Locale.parse(lang).get_display_name(lang) or lang
    return name[:1].upper() + name[1:]
