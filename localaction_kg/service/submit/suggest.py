"""``POST /submissions/suggest``: Call themes, GCM objectives and SDG targets for an action's text.

Body (JSON): ``{"title": str, "description": str, "language": "en" | "fr" | "es", "limit": 1..20}``
(``limit`` optional, 5 by default). Answer 200: :meth:`localaction_kg.textmodel.Suggestions.as_json`,
whose ``run`` object a client sends back with each suggestion it accepts (see
:mod:`localaction_kg.textmodel.suggest`). Nothing is stored.

Refusals are RFC 9457 problems like every other of the service (:mod:`.web.problems`): ``detail``
says what is wrong and how to fix it, ``field`` names the first field at fault and ``errors`` lists
every problem found, each with its field. 400 when the body is not JSON or not an object; 413 past
:data:`MAX_BODY_BYTES`; 415 for another media type; 422 for a missing, mistyped, empty, too long or
unknown field or an unknown language; 429 with ``Retry-After`` when the suggestions take longer
than :data:`TIME_LIMIT_S` (the service is busy). The engine is lexical unless
``LAKG_SUGGEST_ENGINE=hybrid`` (with the ``[text]`` extra); while the model then loads (its first
minute), the answers come from the lexical engine and ``run.engine`` says so.
"""

from __future__ import annotations

import asyncio
import json
import threading
from dataclasses import dataclass
from typing import Any

from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ...textmodel import LANGUAGES, Suggester, default_suggester
from ..web.body import BodyTooLarge, read_body
from ..web.openapi import answers
from ..web.problems import Problem

__all__ = ["router", "Limits", "get_suggester", "get_limits", "suggest_for_action", "MAX_TITLE_CHARS",
           "MAX_DESCRIPTION_CHARS", "MAX_BODY_BYTES", "TIME_LIMIT_S"]

MAX_TITLE_CHARS = 300
MIN_DESCRIPTION_CHARS = 20
MAX_DESCRIPTION_CHARS = 6000
MAX_LIMIT = 20
#: the body may hold the two texts escaped (\uXXXX: 6 bytes a character) and little else
MAX_BODY_BYTES = 6 * (MAX_TITLE_CHARS + MAX_DESCRIPTION_CHARS) + 1024
TIME_LIMIT_S = 5.0
_FIELDS = ("title", "description", "language", "limit")

router = APIRouter(prefix="/submissions", tags=["submissions"])


@dataclass(frozen=True)
class Limits:
    """How much text a request may carry and how long its suggestions may take."""

    max_body_bytes: int = MAX_BODY_BYTES
    time_limit_s: float = TIME_LIMIT_S


_lock = threading.Lock()


def get_suggester(request: Request) -> Suggester:
    """The app's suggester (``app.state.suggester``, else the process's default one), loading its model
    in the background from the first request on."""
    state = request.app.state
    with _lock:
        suggester = getattr(state, "suggester", None)
        if suggester is None:
            suggester = state.suggester = default_suggester()
    return suggester


def get_limits(request: Request) -> Limits:
    """``app.state.suggest_limits`` if set, else the defaults."""
    return getattr(request.app.state, "suggest_limits", None) or Limits()


def _refusal(status: int, problems: list[tuple[str | None, str]], headers: dict[str, str] | None = None) -> Problem:
    field, message = problems[0]
    detail = message if len(problems) == 1 else f"{len(problems)} problems: " + "; ".join(m for _, m in problems)
    where: dict[str, object] = {"field": field} if field is not None else {}
    return Problem(status, detail, headers=headers, **where,
                   errors=[{"field": f, "message": m} for f, m in problems])


def _text(body: dict[str, Any], name: str, low: int, high: int, problems: list[tuple[str | None, str]]) -> str:
    if name not in body:
        problems.append((name, f"'{name}' is missing: add the action's {name} as a string"))
        return ""
    value = body[name]
    if not isinstance(value, str):
        problems.append((name, f"'{name}' must be a string, not {type(value).__name__}"))
        return ""
    if not value.strip():
        problems.append((name, f"'{name}' is empty: write at least {low} characters"))
    elif len(value) < low:
        problems.append((name, f"'{name}' is {len(value)} characters: write at least {low}"))
    elif len(value) > high:
        problems.append((name, f"'{name}' is {len(value):,} characters: shorten it to at most {high:,}"))
    return value


def _parse(raw: bytes) -> tuple[dict[str, Any] | None, list[tuple[str | None, str]], int]:
    """The validated fields, or the problems and the status to answer them with."""
    try:
        body = json.loads(raw.decode("utf-8"))
    except UnicodeDecodeError:
        return None, [(None, "the body is not UTF-8 text: send JSON encoded as UTF-8")], 400
    except json.JSONDecodeError as exc:
        return None, [(None, f"the body is not valid JSON: {exc.msg} (line {exc.lineno}, column {exc.colno}); "
                             'send {"title": ..., "description": ..., "language": "en"}')], 400
    if not isinstance(body, dict):
        return None, [(None, f"the body must be a JSON object, not {type(body).__name__}: "
                             'send {"title": ..., "description": ..., "language": "en"}')], 400
    problems: list[tuple[str | None, str]] = []
    title = _text(body, "title", 1, MAX_TITLE_CHARS, problems)
    description = _text(body, "description", MIN_DESCRIPTION_CHARS, MAX_DESCRIPTION_CHARS, problems)
    language = body.get("language")
    if "language" not in body:
        problems.append(("language", f"'language' is missing: say which language the text is in "
                                     f"({', '.join(LANGUAGES)})"))
    elif not isinstance(language, str) or language not in LANGUAGES:
        problems.append(("language", f"unknown language {json.dumps(language)}: use one of "
                                     f"{', '.join(LANGUAGES)} (English, French, Spanish)"))
    limit = body.get("limit", 5)
    if isinstance(limit, bool) or not isinstance(limit, int) or not 1 <= limit <= MAX_LIMIT:
        problems.append(("limit", f"'limit' must be a whole number from 1 to {MAX_LIMIT}, not {json.dumps(limit)}"))
    for name in body:
        if name not in _FIELDS:
            problems.append((name, f"unknown field '{name}': the fields are {', '.join(_FIELDS)}"))
    if problems:
        return None, problems, 422
    return {"title": title, "description": description, "language": language, "limit": limit}, [], 200


_EXAMPLE = {
    "title": "Inclusive city services for newcomers",
    "description": "A one-stop service desk where migrants and refugees register for municipal services, "
                   "language classes and legal advice, run with local civil society organisations.",
    "language": "en",
}
_BODY_DOC: dict[str, Any] = {"requestBody": {"required": True, "content": {"application/json": {
    "schema": {"type": "object", "required": ["title", "description", "language"], "additionalProperties": False,
               "properties": {
                   "title": {"type": "string", "minLength": 1, "maxLength": MAX_TITLE_CHARS, "pattern": r"\S"},
                   "description": {"type": "string", "minLength": MIN_DESCRIPTION_CHARS,
                                   "maxLength": MAX_DESCRIPTION_CHARS, "pattern": r"\S"},
                   "language": {"type": "string", "enum": list(LANGUAGES)},
                   "limit": {"type": "integer", "minimum": 1, "maximum": MAX_LIMIT, "default": 5}}},
    "example": _EXAMPLE}}}}


@router.post("/suggest", summary="Suggest Call themes, GCM objectives and SDG targets for an action's text",
             openapi_extra=_BODY_DOC, response_class=Response,
             responses=answers({200: ["application/json"]}, 400, 413, 415, 422, 429))
async def suggest_for_action(request: Request, suggester: Suggester = Depends(get_suggester),
                             limits: Limits = Depends(get_limits)) -> Response:
    media = request.headers.get("content-type", "application/json").split(";")[0].strip().lower()
    if media not in ("application/json", "") and not media.endswith("+json"):
        raise _refusal(415, [(None, f"the body must be application/json, not {media}")])
    try:
        raw = await read_body(request, limits.max_body_bytes)
    except BodyTooLarge:
        raise _refusal(413, [(None, f"the body is larger than {limits.max_body_bytes:,} bytes: send at most "
                                    f"{MAX_TITLE_CHARS} characters of title and {MAX_DESCRIPTION_CHARS:,} of "
                                    "description")]) from None
    fields, problems, status = _parse(raw)
    if fields is None:
        raise _refusal(status, problems)

    await run_in_threadpool(suggester.lexical_index)  # built once (~1 s), not counted against the time limit

    def work() -> dict[str, object]:
        index = suggester.ready_index()  # lexical until the model has loaded; never waits for it
        answer = suggester.suggest(fields["title"], fields["description"], fields["language"],
                                   limit=fields["limit"], index=index).as_json()
        if suggester.load_error and isinstance(answer["warnings"], list):
            answer["warnings"].append("The text model could not be loaded: these suggestions are lexical.")
        return answer

    try:
        answer = await asyncio.wait_for(run_in_threadpool(work), timeout=limits.time_limit_s)
    except TimeoutError:
        raise _refusal(429, [(None, f"the suggestions took longer than {limits.time_limit_s:g} s because the "
                                    "service is busy: try again in a few seconds")], {"Retry-After": "5"}) from None
    return JSONResponse(answer)
