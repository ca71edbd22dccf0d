"""The one shape of the service's ASGI middlewares.

Each middleware acts on HTTP requests only and passes every other scope (lifespan, websocket)
through untouched; :class:`HTTPMiddleware` does that once, and a subclass writes :meth:`handle`.
"""

from __future__ import annotations

from starlette.types import ASGIApp, Receive, Scope, Send

__all__ = ["HTTPMiddleware"]


class HTTPMiddleware:
    """Base of an ASGI middleware: ``handle`` sees HTTP scopes, anything else goes straight on."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await self.app(scope, receive, send)
            return
        await self.handle(scope, receive, send)

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        """Answer one HTTP request, usually by calling ``self.app`` with a wrapped ``send``."""
        raise NotImplementedError
