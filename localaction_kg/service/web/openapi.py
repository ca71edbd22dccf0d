"""The service's OpenAPI description: what every path really answers, in the media types it serves.

FastAPI generates the description from the routes; routes declare their answers with
:func:`answers` (the success media types and each refusal as a problem). Then :func:`install`
fixes what generation gets wrong for this service:

- each operation's id ends with its own method (a GET+HEAD route gets one id for both);
- FastAPI's automatic ``422 Validation Error`` becomes the ``400`` problem the service answers;
- every path gets its ``OPTIONS`` operation (the allowed methods, and the CORS preflight).

>>> answers({200: ["text/turtle"]}, 404)[404]["content"]
{'application/problem+json': {'schema': {'$ref': '#/components/schemas/Problem'}}}
"""

from __future__ import annotations

import re
import warnings
from collections.abc import Iterable, Mapping
from http import HTTPStatus
from typing import Any

from fastapi import FastAPI
from fastapi.openapi.utils import get_openapi

from .formats import Format
from .problems import PROBLEM_JSON

__all__ = ["answers", "install", "PROBLEM_SCHEMA"]

_METHODS = ("get", "head", "post", "put", "patch", "delete", "options")
_REF = {"$ref": "#/components/schemas/Problem"}

#: RFC 9457 problem details, as every refusal of the service is written
PROBLEM_SCHEMA: dict[str, Any] = {
    "title": "Problem",
    "type": "object",
    "description": "RFC 9457 problem details; extension members say where the problem is (line, column, "
                   "field, results of a SHACL report, available formats...).",
    "properties": {
        "type": {"type": "string"},
        "title": {"type": "string"},
        "status": {"type": "integer"},
        "detail": {"type": "string", "description": "what is wrong and how to fix it"},
    },
    "required": ["type", "title", "status", "detail"],
}


def _media(kinds: Iterable[Format | str]) -> dict[str, Any]:
    content: dict[str, Any] = {}
    for kind in kinds:
        media = kind if isinstance(kind, str) else kind.media_type
        schema: dict[str, Any] = {} if media.endswith("json") else {"type": "string"}  # JSON-LD may be an array
        content[media] = {"schema": schema}
    return content


def answers(ok: Mapping[int, Iterable[Format | str]], *refusals: int) -> dict[int | str, dict[str, Any]]:
    """OpenAPI ``responses``: each success status with its media types, each refusal as a problem."""
    out: dict[int | str, dict[str, Any]] = {}
    for status, kinds in ok.items():
        out[status] = {"description": HTTPStatus(status).phrase, "content": _media(kinds)}
    for status in refusals:
        out[status] = {"description": HTTPStatus(status).phrase, "content": {PROBLEM_JSON: {"schema": _REF}}}
    return out


def _fix(spec: dict[str, Any]) -> None:
    for path, operations in spec.get("paths", {}).items():
        for method, op in operations.items():
            if method not in _METHODS:
                continue
            base = str(op.get("operationId", ""))
            for m in _METHODS:
                base = base.removesuffix("_" + m)
            op["operationId"] = f"{base}_{method}"
            responses = op.setdefault("responses", {})
            auto = responses.get("422", {})
            if "HTTPValidationError" in str(auto):
                del responses["422"]
                responses.setdefault("400", answers({}, 400)[400])
        allowed = sorted(m.upper() for m in operations if m in _METHODS) + ["OPTIONS"]
        path_params = [prm for op in operations.values() for prm in op.get("parameters", [])
                       if prm.get("in") == "path"]
        operations["options"] = {
            "summary": "The methods this path allows, and the CORS preflight",
            "operationId": "options_" + re.sub(r"[^A-Za-z0-9]+", "_", path).strip("_"),
            "parameters": list({prm["name"]: prm for prm in path_params}.values()),
            "responses": {
                "204": {"description": "No Content", "headers": {
                    "Allow": {"schema": {"type": "string"}, "description": ", ".join(allowed)}}},
                **({"404": answers({}, 404)[404]} if path_params else {}),
            },
        }
    schemas = spec.setdefault("components", {}).setdefault("schemas", {})
    for unused in ("HTTPValidationError", "ValidationError"):
        schemas.pop(unused, None)
    schemas["Problem"] = PROBLEM_SCHEMA


def install(app: FastAPI) -> None:
    """Replace ``app.openapi`` with the fixed, cached description."""

    def openapi() -> dict[str, Any]:
        if app.openapi_schema is None:
            with warnings.catch_warnings():
                warnings.filterwarnings("ignore", message="Duplicate Operation ID")
                spec = get_openapi(title=app.title, version=app.version, description=app.description,
                                   routes=app.routes)
            _fix(spec)
            app.openapi_schema = spec
        return app.openapi_schema

    app.openapi = openapi  # type: ignore[method-assign]
