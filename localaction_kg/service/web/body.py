"""The one reader of request bodies, with the one size limit (``max_body_bytes``).

A body over the limit is refused with 413 as soon as it is known to be too large: from its
``Content-Length`` before reading, or while it streams in, so a huge body is never held whole.
"""

from __future__ import annotations

from fastapi import Request

from .problems import Problem

__all__ = ["BodyTooLarge", "read_body"]


class BodyTooLarge(Problem):
    """413, with the limit."""

    def __init__(self, limit: int, size: int | None = None) -> None:
        said = f"the request body is {size:,} bytes" if size is not None else "the request body exceeds the limit"
        super().__init__(413, f"{said}; the limit is {limit:,} bytes (max_body_bytes)", limit=limit)


async def read_body(request: Request, limit: int | None = None) -> bytes:
    """The whole body, at most ``limit`` bytes (default: the app's ``max_body_bytes``)."""
    if limit is None:
        limit = int(request.app.state.settings.max_body_bytes)
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise BodyTooLarge(limit, int(declared))
    body = bytearray()
    async for chunk in request.stream():
        body += chunk
        if len(body) > limit:
            raise BodyTooLarge(limit)
    return bytes(body)
