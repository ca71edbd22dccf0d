"""The language of each request, for handlers and the middleware that labels HTML responses.

:class:`LanguageMiddleware` chooses the language once per request
(:func:`~.negotiation.choose_language`) and keeps it in ``request.state.language``. On an HTML
response that does not name its own language it adds ``Content-Language`` and
``Vary: Accept-Language, Cookie``; a valid ``?lang=`` also sets the cookie, so the switcher's
choice is remembered. Handlers read the choice with :func:`get_language` (a FastAPI dependency
too) and translate with :func:`get_translations`.
"""

from __future__ import annotations

from dataclasses import dataclass
from urllib.parse import urlencode

from babel.support import NullTranslations
from starlette.datastructures import MutableHeaders
from starlette.requests import HTTPConnection
from starlette.types import Message, Receive, Scope, Send

from ..asgi import HTTPMiddleware
from .catalogues import LANGUAGES, language_name, translations
from .negotiation import choose_language, supported

__all__ = [
    "COOKIE",
    "COOKIE_MAX_AGE",
    "LanguageLink",
    "LanguageMiddleware",
    "get_language",
    "get_translations",
    "language_links",
]

COOKIE = "lakg_lang"
COOKIE_MAX_AGE = 365 * 24 * 3600
_VARY = ("Accept-Language", "Cookie")
_HTML = ("text/html", "application/xhtml+xml")

def _choose(conn: HTTPConnection) -> str:
    return choose_language(conn.query_params.get("lang"), conn.cookies.get(COOKIE), conn.headers.get("accept-language"))


def get_language(request: HTTPConnection) -> str:
    """The request's interface language (``en``, ``fr``, ``es``); usable as ``Depends(get_language)``."""
    lang = getattr(request.state, "language", None)
    if lang not in LANGUAGES:
        lang = request.state.language = _choose(request)
    return str(lang)


def get_translations(request: HTTPConnection) -> NullTranslations:
    """The gettext translations for the request's language: ``get_translations(request).gettext(...)``."""
    return translations(get_language(request))


@dataclass(frozen=True)
class LanguageLink:
    """One entry of the language switcher."""

    code: str
    name: str
    href: str
    current: bool


def language_links(request: HTTPConnection | None, current: str) -> list[LanguageLink]:
    """The switcher: this page in each language (``?lang=``, the other parameters kept)."""
    links = []
    for code in LANGUAGES:
        if request is None:
            href = "?" + urlencode({"lang": code})
        else:
            params = [(k, v) for k, v in request.query_params.multi_items() if k != "lang"]
            href = request.url.path + "?" + urlencode([*params, ("lang", code)])
        links.append(LanguageLink(code, language_name(code), href, code == current))
    return links


def _vary(existing: str | None) -> str:
    names = [v.strip() for v in (existing or "").split(",") if v.strip()]
    if "*" in names:
        return "*"
    lower = {n.lower() for n in names}
    return ", ".join(names + [v for v in _VARY if v.lower() not in lower])


class LanguageMiddleware(HTTPMiddleware):
    """ASGI middleware: choose the request's language; say it on HTML responses; remember ``?lang=``."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        conn = HTTPConnection(scope)
        lang = _choose(conn)
        scope.setdefault("state", {})["language"] = lang
        asked = conn.query_params.get("lang")
        remember = bool(asked) and supported([asked or ""]) == lang and conn.cookies.get(COOKIE) != lang
        secure = scope.get("scheme") == "https"

        async def labelled(message: Message) -> None:
            if message["type"] == "http.response.start":
                message.setdefault("headers", [])
                headers = MutableHeaders(scope=message)
                media = headers.get("content-type", "").split(";")[0].strip().lower()
                if media in _HTML and "content-language" not in headers:
                    headers["Content-Language"] = lang
                    headers["Vary"] = _vary(", ".join(headers.getlist("vary")))
                if remember:
                    cookie = f"{COOKIE}={lang}; Max-Age={COOKIE_MAX_AGE}; Path=/; SameSite=Lax; HttpOnly"
                    headers.append("Set-Cookie", cookie + ("; Secure" if secure else ""))
            await send(message)

        await self.app(scope, receive, labelled)
