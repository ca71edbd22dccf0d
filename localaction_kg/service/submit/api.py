"""Submissions over HTTP: intake, dry run, versions, withdrawal and review.

- ``POST /submissions`` (Bearer token): 201 with the submission IRI and warnings; 422 with the
  SHACL report (JSON, or Turtle with ``Accept: text/turtle``); 400 with line and column when the
  body cannot be read; 413 when too large; ``Idempotency-Key`` makes retries safe.
- ``POST /submissions/validate``: the same checks, nothing stored.
- ``GET /submissions/{id}``: status and versions (``Accept: text/turtle``: the latest version).
- ``PUT /submissions/{id}``: a new version (``prov:wasRevisionOf`` the previous one).
- ``POST /submissions/{id}/withdraw`` and ``/publish`` (admin token).
- ``GET /context.jsonld``: the only JSON-LD context a submission may use.
- ``POST /tokens``, ``GET /tokens``, ``DELETE /tokens/{id}`` (admin token): manage tokens, as the
  ``localaction-kg token`` command does.
"""

from __future__ import annotations

import threading
from dataclasses import asdict
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ...namespaces import LAK
from ...submissions.errors import IntakeError
from ...submissions.intake import CONTEXT_URL, context_document, format_for_media_type
from ...submissions.pipeline import Checked, check
from ...submissions.registry import Registry, SubmissionError
from ...submissions.tokens import TokenFile, TokenRecord, tokens_path
from ..web.conneg import parse_accept, quality

__all__ = ["router", "registry_for", "tokens_for", "read_body", "context_urls", "check_token"]

_EXAMPLE_JSON = {
    "title": "Inclusive city services for newcomers",
    "description": "A one-stop service desk where migrants and refugees register for municipal services, "
    "language classes and legal advice, run with local civil society organisations.",
    "submitter": "https://w3id.org/localaction-kg/id/actor/example-city",
    "submitter_name": "Example City",
    "submitter_kind": "City",
    "submitter_country": "GHA",
    "gcm_objectives": [15, 16],
    "call_themes": [],
    "sdg_targets": ["10.7"],
    "start": "2022-05",
    "ongoing": True,
    "partners": ["Example Refugee Council"],
    "funders": [{"funder": "Example Foundation", "status": "funded", "amount": 250000, "currency": "USD"}],
}
_EXAMPLE_CSV = (
    "title,description,submitter,gcm_objectives,sdg_targets,start,ongoing,partners,funder,funding_status,"
    "amount,currency\n"
    '"Inclusive city services for newcomers","A one-stop service desk where migrants register for '
    'municipal services.",https://w3id.org/localaction-kg/id/actor/accra,15;16,10.7,2022-05,true,'
    '"Example Refugee Council",Example Foundation,funded,250000,USD\n'
)
_BODY_DOC: dict[str, Any] = {
    "requestBody": {
        "required": True,
        "description": "One action, as Turtle, JSON-LD with our @context (/context.jsonld), the plain JSON "
        "form, or a CSV header + one row (same field names; lists separated by ';').",
        "content": {
            "text/turtle": {"schema": {"type": "string"}},
            "application/ld+json": {"schema": {"type": "object"}},
            "application/json": {"schema": {"type": "object"}, "example": _EXAMPLE_JSON},
            "text/csv": {"schema": {"type": "string"}, "example": _EXAMPLE_CSV},
        },
    },
    "parameters": [
        {
            "name": "Idempotency-Key",
            "in": "header",
            "required": False,
            "schema": {"type": "string"},
            "description": "Same key + same payload = one submission",
        }
    ],
}

router = APIRouter(tags=["submissions"])
_init_lock = threading.Lock()


def registry_for(request: Request) -> Registry:
    """The app's submission registry (created on first use)."""
    state = request.app.state
    with _init_lock:
        reg = getattr(state, "submissions", None)
        if reg is None or reg.store is not state.store:
            reg = Registry(state.store, review=state.settings.submission_review)
            state.submissions = reg
        return reg


def tokens_for(request: Request) -> TokenFile:
    """The token file beside the app's store."""
    state = request.app.state
    with _init_lock:
        tf = getattr(state, "submission_tokens", None)
        if tf is None:
            tf = TokenFile(tokens_path(state.settings.store))
            state.submission_tokens = tf
        return tf


def context_urls(request: Request) -> tuple[str, ...]:
    """URLs that stand for our context: the persistent one and this service's own."""
    return (
        CONTEXT_URL,
        request.app.state.settings.public_base + "context.jsonld",
        str(request.base_url) + "context.jsonld",
    )


def _error(status: int, message: str, **extra: object) -> JSONResponse:
    headers = {"WWW-Authenticate": "Bearer"} if status == 401 else None
    return JSONResponse({"error": message, **extra}, status_code=status, headers=headers)


def _auth(request: Request, scope: str) -> TokenRecord | JSONResponse:
    """The token record of the request's Bearer token, or the 401/403 response."""
    kind, _, token = request.headers.get("authorization", "").partition(" ")
    return check_token(request, token if kind.lower() == "bearer" else "", scope)


def check_token(request: Request, token: str, scope: str) -> TokenRecord | JSONResponse:
    """The record of a presented token allowed for ``scope``, or the 401/403 response."""
    if not token.strip():
        return _error(
            401,
            "a Bearer token is required: Authorization: Bearer <token> "
            "(ask an administrator: localaction-kg token create)",
        )
    record = tokens_for(request).check(token.strip())
    if record is None:
        return _error(401, "this token is unknown or revoked")
    if scope == "admin" and record.scope != "admin":
        return _error(403, "this action needs an admin token")
    return record


async def read_body(request: Request) -> bytes:
    """The request body, refused with 413 as soon as it exceeds ``max_body_bytes``."""
    limit = request.app.state.settings.max_body_bytes
    declared = request.headers.get("content-length")
    if declared and declared.isdigit() and int(declared) > limit:
        raise IntakeError(f"the body is larger than {limit} bytes", status=413)
    chunks, size = [], 0
    async for chunk in request.stream():
        size += len(chunk)
        if size > limit:
            raise IntakeError(f"the body is larger than {limit} bytes", status=413)
        chunks.append(chunk)
    return b"".join(chunks)


def _wants_turtle(request: Request) -> bool:
    ranges = parse_accept(request.headers.get("accept"))
    turtle = quality(ranges, "text/turtle")
    return turtle > max(quality(ranges, "application/json"), quality(ranges, "application/ld+json"))


def _report_response(request: Request, checked: Checked, status: int) -> Response:
    if _wants_turtle(request):
        ttl = checked.report.graph.serialize(format="turtle")
        return Response(ttl, status_code=status, media_type="text/turtle; charset=utf-8")
    return JSONResponse(checked.report.as_json(), status_code=status)


async def _checked(request: Request) -> Checked:
    fmt = format_for_media_type(request.headers.get("content-type"))
    body = await read_body(request)
    store = request.app.state.store
    return await run_in_threadpool(check, body, fmt, store, context_urls=context_urls(request))


@router.get("/context.jsonld", include_in_schema=True, summary="The JSON-LD @context for submissions")
def get_context() -> JSONResponse:
    return JSONResponse(context_document(), media_type="application/ld+json")


@router.post(
    "/submissions/validate", summary="Dry run: check a submission, store nothing", openapi_extra=_BODY_DOC
)
async def validate_submission(request: Request) -> Response:
    try:
        checked = await _checked(request)
    except IntakeError as exc:
        return JSONResponse(exc.as_json(), status_code=exc.status)
    return _report_response(request, checked, 200 if checked.report.conforms else 422)


async def _submit(request: Request, submission_id: str | None) -> Response:
    auth = _auth(request, "submit")
    if isinstance(auth, JSONResponse):
        return auth
    try:
        fmt = format_for_media_type(request.headers.get("content-type"))
        body = await read_body(request)
        store = request.app.state.store
        checked = await run_in_threadpool(check, body, fmt, store, context_urls=context_urls(request))
    except IntakeError as exc:
        return JSONResponse(exc.as_json(), status_code=exc.status)
    if not checked.report.conforms:
        return _report_response(request, checked, 422)
    graph = checked.parsed.graph
    submitters = {str(o) for o in graph.objects(None, LAK.submittedBy)}
    if auth.scope != "admin" and submitters != {auth.submitter}:
        return _error(
            403,
            f"this token may only submit actions of {auth.submitter} "
            f"(lak:submittedBy); the submission names {', '.join(sorted(submitters))}",
        )
    registry = registry_for(request)
    try:
        outcome = await run_in_threadpool(
            registry.accept,
            graph,
            checked.report,
            payload=body,
            fmt=fmt,
            submitter=next(iter(submitters)),
            contact=checked.parsed.contact,
            submission_id=submission_id,
            idempotency_key=request.headers.get("idempotency-key"),
        )
    except SubmissionError as exc:
        return _error(exc.status, exc.message)
    headers = {"Location": f"/submissions/{outcome.submission_id}"}
    if outcome.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(outcome.as_json(), status_code=201, headers=headers)


@router.post(
    "/submissions", status_code=201, summary="Submit an action (Bearer token)", openapi_extra=_BODY_DOC
)
async def create_submission(request: Request) -> Response:
    return await _submit(request, None)


@router.get("/submissions/{submission_id}", summary="A submission, its status and versions")
def get_submission(submission_id: str, request: Request) -> Response:
    registry = registry_for(request)
    info = registry.get(submission_id)
    if info is None:
        return _error(404, f"no submission {submission_id!r}")
    if _wants_turtle(request):
        latest = info["versions"][-1]["graph"]  # type: ignore[index]
        data = ox.serialize(registry.version_triples(latest), format=ox.RdfFormat.TURTLE)
        return Response(data, media_type="text/turtle; charset=utf-8")
    return JSONResponse(info)


@router.put(
    "/submissions/{submission_id}",
    status_code=201,
    summary="Send a new version (Bearer token)",
    openapi_extra=_BODY_DOC,
)
async def revise_submission(submission_id: str, request: Request) -> Response:
    return await _submit(request, submission_id)


async def _admin_event(request: Request, submission_id: str, event: str) -> Response:
    auth = _auth(request, "admin")
    if isinstance(auth, JSONResponse):
        return auth
    registry = registry_for(request)
    try:
        info = await run_in_threadpool(getattr(registry, event), submission_id)
    except SubmissionError as exc:
        return _error(exc.status, exc.message)
    return JSONResponse(info)


@router.post("/submissions/{submission_id}/withdraw", summary="Withdraw a submission (admin token)")
async def withdraw_submission(submission_id: str, request: Request) -> Response:
    return await _admin_event(request, submission_id, "withdraw")


@router.post("/submissions/{submission_id}/publish", summary="Publish a received submission (admin token)")
async def publish_submission(submission_id: str, request: Request) -> Response:
    return await _admin_event(request, submission_id, "publish")


@router.post("/tokens", status_code=201, summary="Create a submission token (admin token)")
async def create_token(request: Request) -> Response:
    auth = _auth(request, "admin")
    if isinstance(auth, JSONResponse):
        return auth
    try:
        body = await request.json()
        submitter, scope = str(body["submitter"]), str(body.get("scope", "submit"))
        ox.NamedNode(submitter)
        secret, rec = tokens_for(request).create(submitter, scope)
    except (ValueError, KeyError, TypeError):
        return _error(400, 'send {"submitter": "<IRI>", "scope": "submit" | "admin"}')
    return JSONResponse({"token": secret, "id": rec.id, "submitter": rec.submitter, "scope": rec.scope}, 201)


@router.get("/tokens", summary="List submission tokens, never their secrets (admin token)")
def list_tokens(request: Request) -> Response:
    auth = _auth(request, "admin")
    if isinstance(auth, JSONResponse):
        return auth
    return JSONResponse(
        [{k: v for k, v in asdict(r).items() if k != "sha256"} for r in tokens_for(request).records()]
    )


@router.delete("/tokens/{token_id}", summary="Revoke a submission token (admin token)")
def revoke_token(token_id: str, request: Request) -> Response:
    auth = _auth(request, "admin")
    if isinstance(auth, JSONResponse):
        return auth
    if not tokens_for(request).revoke(token_id):
        return _error(404, f"no active token {token_id!r}")
    return JSONResponse({"revoked": token_id})
