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

from dataclasses import asdict
from typing import Any

import pyoxigraph as ox
from fastapi import APIRouter, Depends, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ...submissions.errors import IntakeError
from ...submissions.intake import context_document, format_for_media_type
from ...submissions.pipeline import Checked
from ...submissions.provenance import SubmissionError
from ...submissions.tokens import TokenRecord
from ..web.body import read_body
from ..web.conneg import parse_accept, quality
from ..web.openapi import answers
from ..web.problems import Problem, problem_response
from .auth import audit_log, require_admin, require_submit, token_file
from .flow import accept, check_body, problem_of, registry_for

__all__ = ["router"]

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
_JSON = "application/json"
_REPORT = (_JSON, "text/turtle")
_TOKEN_BODY = {
    "required": True,
    "content": {"application/json": {"schema": {
        "type": "object", "required": ["submitter"],
        "properties": {"submitter": {"type": "string", "format": "iri"},
                       "scope": {"type": "string", "enum": ["submit", "admin"]},
                       "expires_in_days": {"type": "integer", "minimum": 0}}}}},
}


def _wants_turtle(request: Request) -> bool:
    ranges = parse_accept(request.headers.get("accept"))
    turtle = quality(ranges, "text/turtle")
    return turtle > max(quality(ranges, "application/json"), quality(ranges, "application/ld+json"))


def _report_response(request: Request, checked: Checked, status: int) -> Response:
    """The SHACL report: 200 as JSON (or Turtle); 422 as a problem whose members are the report."""
    if _wants_turtle(request):
        ttl = checked.report.graph.serialize(format="turtle")
        return Response(ttl, status_code=status, media_type="text/turtle; charset=utf-8")
    if status == 200:
        return JSONResponse(checked.report.as_json())
    violations = sum(1 for i in checked.report.issues if i.severity == "Violation")
    detail = f"the submission does not conform to the shapes: {violations} violation(s); see results"
    problem = Problem(422, detail)
    problem.extensions.update(checked.report.as_json())
    return problem_response(request, problem)


async def _read(request: Request) -> tuple[bytes, Checked]:
    try:
        fmt = format_for_media_type(request.headers.get("content-type"))
    except IntakeError as exc:
        raise problem_of(exc) from None
    body = await read_body(request)
    return body, await check_body(request, body, fmt)


@router.get("/context.jsonld", summary="The JSON-LD @context for submissions", response_class=Response,
            responses=answers({200: ["application/ld+json"]}))
def get_context() -> JSONResponse:
    return JSONResponse(context_document(), media_type="application/ld+json")


@router.post(
    "/submissions/validate", summary="Dry run: check a submission, store nothing", openapi_extra=_BODY_DOC,
    response_class=Response, responses=answers({200: _REPORT}, 400, 413, 415, 422),
)
async def validate_submission(request: Request) -> Response:
    _, checked = await _read(request)
    return _report_response(request, checked, 200 if checked.report.conforms else 422)


async def _submit(request: Request, token: TokenRecord, submission_id: str | None) -> Response:
    body, checked = await _read(request)
    if not checked.report.conforms:
        return _report_response(request, checked, 422)
    outcome = await accept(request, checked, token, payload=body, submission_id=submission_id,
                           idempotency_key=request.headers.get("idempotency-key"))
    headers = {"Location": f"/submissions/{outcome.submission_id}"}
    if outcome.replayed:
        headers["Idempotent-Replayed"] = "true"
    return JSONResponse(outcome.as_json(), status_code=201, headers=headers)


@router.post(
    "/submissions", status_code=201, summary="Submit an action (Bearer token)", openapi_extra=_BODY_DOC,
    response_class=Response, responses=answers({201: [_JSON]}, 400, 401, 403, 409, 413, 415, 422),
)
async def create_submission(request: Request, token: TokenRecord = Depends(require_submit)) -> Response:
    return await _submit(request, token, None)


@router.get("/submissions/{submission_id}", summary="A submission, its status and versions",
            response_class=Response, responses=answers({200: _REPORT}, 404))
def get_submission(submission_id: str, request: Request) -> Response:
    registry = registry_for(request)
    info = registry.get(submission_id)
    if info is None:
        raise Problem(404, f"no submission {submission_id!r}")
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
    response_class=Response,
    responses=answers({201: [_JSON]}, 400, 401, 403, 404, 409, 413, 415, 422),
)
async def revise_submission(
    submission_id: str, request: Request, token: TokenRecord = Depends(require_submit)
) -> Response:
    return await _submit(request, token, submission_id)


async def _admin_event(request: Request, submission_id: str, event: str, admin: TokenRecord) -> Response:
    registry = registry_for(request)
    try:
        info = await run_in_threadpool(getattr(registry, event), submission_id)
    except SubmissionError as exc:
        raise problem_of(exc) from None
    audit_log(request).record(event, actor=admin.id, target=submission_id, submitter=admin.submitter)
    return JSONResponse(info)


@router.post("/submissions/{submission_id}/withdraw", summary="Withdraw a submission (admin token)",
             response_class=Response, responses=answers({200: [_JSON]}, 401, 403, 404, 409))
async def withdraw_submission(
    submission_id: str, request: Request, admin: TokenRecord = Depends(require_admin)
) -> Response:
    return await _admin_event(request, submission_id, "withdraw", admin)


@router.post("/submissions/{submission_id}/publish", summary="Publish a received submission (admin token)",
             response_class=Response, responses=answers({200: [_JSON]}, 401, 403, 404, 409))
async def publish_submission(
    submission_id: str, request: Request, admin: TokenRecord = Depends(require_admin)
) -> Response:
    return await _admin_event(request, submission_id, "publish", admin)


@router.post("/tokens", status_code=201, summary="Create a submission token (admin token)",
             response_class=Response, responses=answers({201: [_JSON]}, 400, 401, 403),
             openapi_extra={"requestBody": _TOKEN_BODY})
async def create_token(request: Request, admin: TokenRecord = Depends(require_admin)) -> Response:
    try:
        body = await request.json()
        submitter, scope = str(body["submitter"]), str(body.get("scope", "submit"))
        days = body.get("expires_in_days", request.app.state.settings.token_lifetime_days)
        if not isinstance(days, int) or isinstance(days, bool):
            raise TypeError
        ox.NamedNode(submitter)
        secret, rec = token_file(request).create(submitter, scope, expires_in_days=days)
    except (ValueError, KeyError, TypeError, AttributeError):
        raise Problem(400, 'send {"submitter": "<IRI>", "scope": "submit" | "admin", "expires_in_days": <days, '
                           '0 for never>}') from None
    audit_log(request).record("token-create", actor=admin.id, target=rec.id, submitter=rec.submitter,
                              scope=rec.scope)
    return JSONResponse(_token_json(secret, rec), 201)


def _token_json(secret: str, rec: TokenRecord) -> dict[str, object]:
    return {"token": secret, "id": rec.id, "submitter": rec.submitter, "scope": rec.scope, "expires": rec.expires}


@router.post("/tokens/{token_id}/rotate", status_code=201, summary="Rotate a token: a new secret, the old one "
             "revoked (admin token)", response_class=Response, responses=answers({201: [_JSON]}, 401, 403, 404))
def rotate_token(token_id: str, request: Request, admin: TokenRecord = Depends(require_admin)) -> Response:
    rotated = token_file(request).rotate(token_id)
    if rotated is None:
        raise Problem(404, f"no active token {token_id!r}")
    secret, rec = rotated
    audit_log(request).record("token-rotate", actor=admin.id, target=token_id, new=rec.id)
    return JSONResponse(_token_json(secret, rec), 201)


@router.get("/tokens", summary="List submission tokens, never their secrets (admin token)",
            response_class=Response, responses=answers({200: [_JSON]}, 401, 403))
def list_tokens(request: Request, _: TokenRecord = Depends(require_admin)) -> Response:
    return JSONResponse(
        [{k: v for k, v in asdict(r).items() if k != "sha256"} for r in token_file(request).records()]
    )


@router.delete("/tokens/{token_id}", summary="Revoke a submission token (admin token)",
               response_class=Response, responses=answers({200: [_JSON]}, 401, 403, 404))
def revoke_token(token_id: str, request: Request, admin: TokenRecord = Depends(require_admin)) -> Response:
    if not token_file(request).revoke(token_id):
        raise Problem(404, f"no active token {token_id!r}")
    audit_log(request).record("token-revoke", actor=admin.id, target=token_id)
    return JSONResponse({"revoked": token_id})
