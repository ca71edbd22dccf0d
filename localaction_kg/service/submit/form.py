"""The HTML form for LRG staff at /submissions/new: each message shown next to its field.

The form posts the same fields as the plain JSON format (:mod:`localaction_kg.submissions.mapping`),
so it goes through the same mapping, shapes and registry as every other format.
"""

from __future__ import annotations

import json
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import HTMLResponse, Response

from ...namespaces import LAKSH
from ...submissions.mapping import FIELDS, LIST_FIELDS
from ...submissions.tokens import TokenRecord
from ...submissions.validation import Issue
from ..web import csrf
from ..web.problems import Problem
from ..web.templating import templates
from .auth import verify
from .flow import accept, check_body

__all__ = ["router", "field_for", "FORM_FIELDS"]

router = APIRouter(tags=["submissions"])

#: the record fields the HTML form offers: all of the mapping's but the id (made from the title),
#: the stated duration and the JSON-only ``funders`` list (the form has one ``funder``)
FORM_FIELDS = tuple(f for f in FIELDS if f not in ("id", "duration_as_stated", "funders"))
_SHAPE_FIELD = {
    "ActionSubmitterRequiredShape": "submitter",
    "ActionSubmitterSingleShape": "submitter",
    "SubmitterKindShape": "submitter_kind",
    "SubmitterNameShape": "submitter_name",
    "SubmitterCountryShape": "submitter_country",
    "CountryKnownShape": "submitter_country",
    "TitleRequiredShape": "title",
    "TitleLengthShape": "title",
    "TitleUniqueLangShape": "title",
    "DescriptionRequiredShape": "description",
    "DescriptionLengthShape": "description",
    "DescriptionShortWarningShape": "description",
    "DescriptionUniqueLangShape": "description",
    "FrameworkRequiredShape": "gcm_objectives",
    "GCMObjectiveKnownShape": "gcm_objectives",
    "GCRObjectiveKnownShape": "gcr_objectives",
    "GRFAreaKnownShape": "grf_areas",
    "CallThemeKnownShape": "call_themes",
    "SDGGoalKnownShape": "sdg_goals",
    "SDGTargetKnownShape": "sdg_targets",
    "SDGIndicatorKnownShape": "sdg_indicators",
    "StartDateRequiredShape": "start",
    "StartDateSingleShape": "start",
    "StartDateDatatypeShape": "start",
    "StartPrecisionShape": "start",
    "EndDateShape": "end",
    "EndPrecisionShape": "end",
    "EndNotBeforeStartShape": "end",
    "OngoingShape": "ongoing",
    "EndOrOngoingWarningShape": "ongoing",
    "StatusShape": "status",
    "PartnerNameShape": "partners",
    "FundingActionShape": "funder",
    "FundingFunderShape": "funder",
    "FunderNameShape": "funder",
    "FundingStatusShape": "funding_status",
    "AmountValueShape": "amount",
    "AmountNonNegativeShape": "amount",
    "AmountCurrencyShape": "currency",
    "CurrencyCodeShape": "currency",
    "LanguageTagShape": "language",
}
_PREFIX_FIELD = (
    ("/id/gcm/objective/", "gcm_objectives"),
    ("/id/gcr/objective/", "gcr_objectives"),
    ("/id/grf/area/", "grf_areas"),
    ("/id/theme/", "call_themes"),
    ("/id/sdg/indicator/", "sdg_indicators"),
    ("metadata.un.org/sdg/C", "sdg_indicators"),
)


def field_for(issue: Issue) -> str | None:
    """The form field an issue concerns (None: the whole submission)."""
    name = issue.shape.removeprefix(str(LAKSH))
    if name == "ContributionConceptShape" and issue.value:
        return next((f for p, f in _PREFIX_FIELD if p in issue.value), "sdg_targets")
    return _SHAPE_FIELD.get(name)


def _record(form: dict[str, str]) -> dict[str, Any]:
    record: dict[str, Any] = {}
    for name in FORM_FIELDS:
        value = (form.get(name) or "").strip()
        if not value:
            continue
        if name in LIST_FIELDS:
            value = ";".join(
                v.strip() for v in value.replace("\n", ";").replace(",", ";").split(";") if v.strip()
            )
        record[name] = value
    if "ongoing" in record:
        record["ongoing"] = "true"
    return record


def _render(
    request: Request,
    form: dict[str, str],
    errors: dict[str, list[dict[str, str]]],
    general: list[dict[str, str]],
    outcome: dict[str, object] | None,
    status: int,
) -> Response:
    token = csrf.token_for(request)
    response = templates.TemplateResponse(
        request,
        "submission_form.html",
        {
            "form": form,
            "errors": errors,
            "general": general,
            "outcome": outcome,
            "kinds": ["City", "Municipality", "District", "Province", "Region", "MetropolitanGovernment"],
            "csrf_field": csrf.FIELD,
            "csrf_token": token,
        },
        status_code=status,
    )
    csrf.remember(request, response, token)
    return response


@router.get("/submissions/new", response_class=HTMLResponse, summary="HTML form to submit an action")
def new_form(request: Request) -> Response:
    return _render(request, {"language": "en"}, {}, [], None, 200)


@router.post("/submissions/new", response_class=HTMLResponse, summary="Submit the HTML form",
             responses={s: {"description": "The form again, with the messages", "content": {"text/html": {}}}
                        for s in (201, 400, 401, 403, 409, 413, 422)},
             openapi_extra={"requestBody": {"required": True, "content": {
                 "application/x-www-form-urlencoded": {"schema": {"type": "object"}}}}})
async def post_form(request: Request) -> Response:
    """The same path as ``POST /submissions``: intake, validation, the token, one write."""
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if isinstance(v, str)}
    try:
        csrf.verify(request, form.pop(csrf.FIELD, ""))
    except Problem as exc:
        return _render(request, form, {}, [{"severity": "Violation", "message": exc.detail}], None, exc.status)
    record = _record(form)
    payload = json.dumps(record, sort_keys=True).encode()
    errors: dict[str, list[dict[str, str]]] = {}
    general: list[dict[str, str]] = []
    token: TokenRecord | None = None
    status = 401
    try:
        token = verify(request, form.get("token", ""), "submit")
    except Problem as exc:
        general.append({"severity": "Violation", "message": exc.detail})
        status = exc.status
    try:
        checked = await check_body(request, payload, "form")
    except Problem as exc:
        where = str(exc.extensions.get("field") or "title")
        errors.setdefault(where, []).append({"severity": "Violation", "message": exc.detail})
        return _render(request, form, errors, general, None, 400)
    for issue in checked.report.issues:
        entry = {"severity": issue.severity, "message": issue.message, "value": issue.value or ""}
        field = field_for(issue)
        (errors.setdefault(field, []) if field else general).append(entry)
    if not checked.report.conforms:
        return _render(request, form, errors, general, None, 422)
    if token is None:
        return _render(request, form, errors, general, None, status)
    try:
        outcome = await accept(request, checked, token, payload=payload)
    except Problem as exc:
        general.append({"severity": "Violation", "message": exc.detail})
        return _render(request, form, errors, general, None, exc.status)
    return _render(request, form, errors, general, outcome.as_json(), 201)
