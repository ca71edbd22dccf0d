"""Security headers on every answer: a Content-Security-Policy without 'unsafe-inline', and friends.

Pages load scripts and styles from this service only (no inline script, no inline style attribute:
data for scripts travels in ``<script type="application/json">`` blocks), are never framed, and send
no full referrer to other sites. The one exception is a per-request style nonce
(``request.state.csp_nonce``) for the ``<style>`` elements that the editor's CodeMirror injects.
"""

from __future__ import annotations

import secrets

from starlette.types import Message, Receive, Scope, Send

from ...asgi import HTTPMiddleware

__all__ = ["CSP", "SECURITY_HEADERS", "SecurityHeaders"]

CSP = ("default-src 'self'; script-src 'self'; style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; "
       "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
       "frame-ancestors 'none'")
SECURITY_HEADERS: tuple[tuple[bytes, bytes], ...] = (
    (b"x-content-type-options", b"nosniff"),
    (b"referrer-policy", b"strict-origin-when-cross-origin"),
    (b"x-frame-options", b"DENY"),
)


class SecurityHeaders(HTTPMiddleware):
    """ASGI middleware adding :data:`SECURITY_HEADERS` to every HTTP response that lacks them."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        nonce = secrets.token_urlsafe(16)
        scope.setdefault("state", {})["csp_nonce"] = nonce
        csp = (b"content-security-policy", CSP.format(nonce=nonce).encode())

        async def with_headers(message: Message) -> None:
            if message["type"] == "http.response.start":
                headers = list(message.get("headers", []))
                present = {k.lower() for k, _ in headers}
                headers += [(k, v) for k, v in (csp, *SECURITY_HEADERS) if k not in present]
                message = {**message, "headers": headers}
            await send(message)

        await self.app(scope, receive, with_headers)
