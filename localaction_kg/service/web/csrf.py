"""CSRF protection for the site's forms that change data: a double-submit token.

The form's page sets a random token in a ``SameSite=Strict``, ``HttpOnly`` cookie and in a hidden
field; a POST is accepted only when both are present and equal. Another site can make a browser
post the form, but it can neither read the cookie nor set it, so it cannot send the matching field.

>>> len(new_token()) >= 32
True
"""

from __future__ import annotations

import hmac
import secrets

from fastapi import Request
from fastapi.responses import Response

from .problems import Problem

__all__ = ["COOKIE", "FIELD", "new_token", "token_for", "remember", "verify"]

COOKIE = "lakg_csrf"
FIELD = "csrf_token"


def new_token() -> str:
    """A fresh random token."""
    return secrets.token_urlsafe(32)


def token_for(request: Request) -> str:
    """The token of this browser (its cookie's), or a new one."""
    current = request.cookies.get(COOKIE, "")
    return current if len(current) >= 32 else new_token()


def remember(request: Request, response: Response, token: str) -> None:
    """Set the token's cookie on the form's page."""
    response.set_cookie(COOKIE, token, httponly=True, samesite="strict", path="/",
                        secure=request.url.scheme == "https")


def verify(request: Request, form_token: str) -> None:
    """Refuse (403) a POST whose field does not match this browser's cookie."""
    cookie = request.cookies.get(COOKIE, "")
    if not cookie or not form_token or not hmac.compare_digest(cookie.encode(), form_token.encode()):
        raise Problem(403, "this form has expired or was not sent from this site's page: reload the form "
                           "and send it again (your entries are kept)")
