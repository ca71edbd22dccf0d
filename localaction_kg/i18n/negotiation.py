"""Which interface language a request gets: ``?lang=``, then the cookie, then ``Accept-Language``.

Pure functions of the three values, so they are easy to test and to reuse.
A malformed header never raises: what cannot be parsed is skipped.

>>> parse_accept_language("es-ES,es;q=0.9,en;q=0.8")
['es-ES', 'es', 'en']
>>> choose_language(None, None, "de-DE,fr;q=0.5")
'fr'
>>> choose_language("es", "fr", "fr")
'es'
>>> choose_language(None, None, ";;q=x,,")
'en'
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from babel import negotiate_locale

from .catalogues import DEFAULT_LANGUAGE, LANGUAGES

__all__ = ["MAX_RANGES", "choose_language", "parse_accept_language", "supported"]

#: ranges read from one header at most (the rest are ignored)
MAX_RANGES = 32
_RANGE = re.compile(r"[A-Za-z]{1,8}(?:-[A-Za-z0-9]{1,8})*|\*")
_QVALUE = re.compile(r"0(?:\.[0-9]{0,3})?|1(?:\.0{0,3})?")  # RFC 9110, section 12.4.2


def parse_accept_language(header: str | None) -> list[str]:
    """The language ranges of an ``Accept-Language`` header, most preferred first.

    Ranges with ``q=0`` (not acceptable) and malformed items are left out; equal weights keep
    the header's order.

    >>> parse_accept_language("fr;q=0, en-GB;q=0.7, *;q=0.1, pt;q=1.5, x_y, de")
    ['de', 'en-GB', '*']
    """
    if not header:
        return []
    weighted: list[tuple[float, int, str]] = []
    for position, item in enumerate(header.split(",")[:MAX_RANGES]):
        tag, *params = (part.strip() for part in item.split(";"))
        if not _RANGE.fullmatch(tag):
            continue
        q: float | None = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                q = float(value.strip()) if _QVALUE.fullmatch(value.strip()) else None
        if q:
            weighted.append((-q, position, tag))
    return [tag for _, _, tag in sorted(weighted)]


def supported(tags: Iterable[str], available: Iterable[str] = LANGUAGES) -> str | None:
    """The first of ``tags`` that names an available language (``fr-CA`` names ``fr``), or None.

    Tags that are not well-formed are skipped.

    >>> supported(["de", "fr-", "ES-419"])
    'es'
    """
    found = negotiate_locale([t for t in tags if t != "*" and _RANGE.fullmatch(t)], list(available), sep="-")
    return found.split("-")[0].lower() if found else None


def choose_language(query: str | None, cookie: str | None, accept_language: str | None) -> str:
    """The language for a request: the first of these that names one we have, else English."""
    for candidates in ([query or ""], [cookie or ""], parse_accept_language(accept_language)):
        lang = supported(c for c in candidates if c)
        if lang:
            return lang
    return DEFAULT_LANGUAGE
