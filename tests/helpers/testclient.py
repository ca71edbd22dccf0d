"""FastAPI's TestClient, imported once without Starlette's warning that it wants "httpx2" (the client
works the same with httpx)."""

from __future__ import annotations

import warnings

with warnings.catch_warnings():
    warnings.simplefilter("ignore")
    from fastapi.testclient import TestClient

__all__ = ["TestClient"]
