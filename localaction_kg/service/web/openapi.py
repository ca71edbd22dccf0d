"""The service's OpenAPI description, as FastAPI generates it with one fix: unique operation ids.

A route serving GET and HEAD (``api_route(methods=["GET", "HEAD"])``) gets one operation id from
FastAPI for both methods; here each operation's id ends with its own method, so clients generated
from the description (and Swagger UI's deep links) can tell them apart.
"""

from __future__ import annotations

import warnings
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

__all__ = ["install"]

_METHODS = ("get", "head", "post", "put", "patch", "delete", "options")


def _unique_ids(spec: dict[str, Any]) -> None:
    for operations in spec.get("paths", {}).values():
        for method, op in operations.items():
            if method not in _METHODS or "operationId" not in op:
                continue
            base = str(op["operationId"])
            for m in _METHODS:
                base = base.removesuffix("_" + m)
            op["operationId"] = f"{base}_{method}"


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` with the fixed, cached description."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Duplicate Operation ID")
                spec = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            _unique_ids(spec)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
