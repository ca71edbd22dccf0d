"""The officer's form at /submissions/new: the token first, then the action, in the officer's language.

1. **The token.** The officer gives the token an administrator issued; it is kept in an HttpOnly,
   SameSite=Strict cookie for ``/submissions`` (``lakg_submit``), and it decides the submitter,
   shown by name. An admin token may submit for a government of the graph or create a new one.
2. **The action.** Pickers for the frameworks, a date by its parts, one status control, a funder
   with a type-ahead (a ``datalist`` of the graph's funders, schemes and chapters: it works without
   JavaScript). "Suggest" asks the text model and shows its suggestions as checkboxes; only those
   ticked are recorded, as stated by the submitter with the run that suggested them.
3. **The answer.** Errors follow the GOV.UK Design System pattern: a summary at the top that takes
   the focus and links to each field, and each message beside its field. Success links to the
   action's page, with the next steps (revise, withdraw, submit another).

Every post goes through the one submission path (:mod:`.flow`): intake, validation, the token,
one write. Messages come in the interface language (the shapes' ``sh:message`` in that language).
"""

from __future__ import annotations

import json

from babel.dates import get_month_names
from fastapi import APIRouter, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import HTMLResponse, RedirectResponse, Response

from ...access.tokens import TokenRecord
from ...i18n import Label, get_language, get_translations, label_html
from ...submissions.validation import Issue
from ..linkeddata.view import to_local
from ..web import csrf
from ..web.deps import base_of
from ..web.problems import Problem
from ..web.templating import templates
from .auth import audit_log, verify
from .choices import choices_for, currency_options, language_options, sort_key
from .flow import accept, check_body, registry_for
from .form_fields import STATUSES, anchor_for, field_for, fields_of_version, read_post
from .suggest import get_suggester

__all__ = ["router", "SESSION_COOKIE"]

router = APIRouter(tags=["submissions"])

#: the cookie that keeps the officer's token between the two steps (HttpOnly, for /submissions only)
SESSION_COOKIE = "lakg_submit"
SESSION_MAX_AGE = 8 * 3600
_HTML_ANSWERS: dict[int | str, dict[str, object]] = {
    s: {"description": "The form again, with the messages", "content": {"text/html": {}}}
    for s in (200, 201, 303, 400, 401, 403, 404, 409, 413, 422)}
_FORM_BODY: dict[str, object] = {"requestBody": {"required": True, "content": {
    "application/x-www-form-urlencoded": {"schema": {"type": "object"}}}}}


def _messages(request: Request) -> dict[str, str]:
    _ = get_translations(request).gettext
    return {
        "year": _("Give the year as four digits, for example 2023."),
        "month": _("Give the month too, or leave the day empty."),
        "day": _("Give a day from 1 to 31, or leave it empty."),
        "email": _("Give an e-mail address like name@example.org, or leave it empty."),
        "token": _("Enter the submission token your administrator gave you."),
        "expired": _("This token is unknown, expired or revoked: ask your administrator for a new one."),
        "csrf": _("This form has expired or was not sent from this site's page: send it again "
                  "(your entries are kept)."),
        "owner": _("Only the government that submitted this action, or an administrator, may change it."),
        "nothing": _("There is no submission with this identifier."),
        "admin": _("This needs an administrator's token."),
    }


def _session(request: Request) -> TokenRecord | None:
    presented = request.cookies.get(SESSION_COOKIE, "")
    if not presented:
        return None
    try:
        return verify(request, presented, "submit")
    except Problem:
        return None


def _issue_message(issue: Issue, lang: str) -> str:
    return issue.messages.get(lang) or issue.message


def _months(lang: str) -> list[tuple[int, str]]:
    names = get_month_names("wide", locale=lang)
    return [(n, str(names[n])) for n in range(1, 13)]


def _render(request: Request, name: str, context: dict[str, object], status: int = 200) -> Response:
    token = csrf.token_for(request)
    lang = get_language(request)

    def show(label: Label) -> object:
        return label_html(label, lang)

    base: dict[str, object] = {"csrf_field": csrf.FIELD, "csrf_token": token, "lang": lang, "statuses": STATUSES,
                               "show": show, "month_names": _months}
    response = templates.TemplateResponse(request, name, {**base, **context}, status_code=status)
    csrf.remember(request, response, token)
    return response


def _summary(errors: dict[str, list[str]], general: list[str]) -> list[tuple[str, str]]:
    """(anchor, message) for the error summary: the whole submission's first, then field by field."""
    return [("", m) for m in general] + [(anchor_for(f), m) for f, ms in errors.items() for m in ms]


def _submitter_label(request: Request, token: TokenRecord) -> str:
    choices = choices_for(request.app.state.store)
    found = next((g for g in choices.governments if g.value == token.submitter), None)
    return found.label(get_language(request)).text if found else token.submitter.rsplit("/", 1)[-1]


def _form_page(request: Request, token: TokenRecord, shown: dict[str, object], *, errors: dict[str, list[str]]
               | None = None, general: list[str] | None = None, warnings: list[str] | None = None,
               suggestions: dict[str, object] | None = None, submission_id: str = "", status: int = 200
               ) -> Response:
    lang = get_language(request)
    errors, general = errors or {}, general or []
    choices = choices_for(request.app.state.store)
    return _render(request, "submission_form.html", {
        "form": shown, "errors": errors, "general": general, "summary": _summary(errors, general),
        "warnings": warnings or [], "choices": choices,
        "countries_by_name": sorted(choices.countries, key=lambda c: sort_key(c.label(lang).text)),
        "currencies": currency_options(lang), "text_languages": language_options(lang),
        "submitter": _submitter_label(request, token), "is_admin": token.scope == "admin",
        "suggestions": suggestions, "submission_id": submission_id,
    }, status)


def _token_page(request: Request, message: str = "", status: int = 200, next_url: str = "") -> Response:
    summary = [("token", message)] if message else []
    return _render(request, "submission_token.html", {"summary": summary, "message": message,
                                                      "next_url": next_url}, status)


@router.get("/submissions/new", response_class=HTMLResponse, summary="The form to submit an action (HTML)",
            responses={200: {"content": {"text/html": {}}, "description": "The token step, then the form"}})
def new_form(request: Request) -> Response:
    token = _session(request)
    if token is None:
        return _token_page(request)
    return _form_page(request, token, {"language": get_language(request)})


@router.post("/submissions/new/token", response_class=HTMLResponse, summary="The form's first step: the token",
             responses=_HTML_ANSWERS, openapi_extra=_FORM_BODY)
async def give_token(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    msg = _messages(request)
    next_url = form.get("next", "")
    if not next_url.startswith("/submissions/") or "//" in next_url:
        next_url = "/submissions/new"
    try:
        csrf.verify(request, form.get(csrf.FIELD, ""))
    except Problem:
        return _token_page(request, msg["csrf"], 403, next_url)
    presented = form.get("token", "").strip()
    if not presented:
        return _token_page(request, msg["token"], 401, next_url)
    try:
        verify(request, presented, "submit")
    except Problem:
        return _token_page(request, msg["expired"], 401, next_url)
    response = RedirectResponse(next_url, status_code=303)
    response.set_cookie(SESSION_COOKIE, presented, max_age=SESSION_MAX_AGE, path="/submissions", httponly=True,
                        samesite="strict", secure=request.url.scheme == "https")
    return response


@router.post("/submissions/new/sign-out", response_class=HTMLResponse, summary="Forget the form's token",
             responses=_HTML_ANSWERS, openapi_extra=_FORM_BODY)
async def sign_out(request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    try:
        csrf.verify(request, form.get(csrf.FIELD, ""))
    except Problem:
        return _token_page(request, _messages(request)["csrf"], 403)
    response = RedirectResponse("/submissions/new", status_code=303)
    response.delete_cookie(SESSION_COOKIE, path="/submissions")
    return response


async def _suggest(request: Request, record: dict[str, object]) -> dict[str, object]:
    suggester = get_suggester(request)
    await run_in_threadpool(suggester.lexical_index)
    lang = str(record.get("language") or "en")
    title, description = str(record.get("title") or ""), str(record.get("description") or "")

    def work() -> dict[str, object]:
        return suggester.suggest(title, description, lang if lang in ("en", "fr", "es") else "en", limit=5,
                                 index=suggester.ready_index()).as_json()

    return await run_in_threadpool(work)


@router.post("/submissions/new", response_class=HTMLResponse, summary="Send the form (HTML)",
             responses=_HTML_ANSWERS, openapi_extra=_FORM_BODY)
async def post_form(request: Request) -> Response:
    """``op=suggest`` shows suggestions; otherwise the same path as ``POST /submissions``."""
    raw = await request.form()
    form = {k: str(v) for k, v in raw.items() if isinstance(v, str)}
    lists = {k: [str(v) for v in raw.getlist(k) if isinstance(v, str)] for k in raw}
    msg, lang = _messages(request), get_language(request)
    token = _session(request)
    if token is None:
        return _token_page(request, msg["expired"] if request.cookies.get(SESSION_COOKIE) else msg["token"], 401)
    submission_id = form.get("submission_id", "")
    submitter = token.submitter
    if token.scope == "admin":
        submitter = form.get("submit_for", "") or ("" if form.get("submitter_name") else token.submitter)
    posted = read_post(form, lists, msg, submitter or None)
    try:
        csrf.verify(request, form.get(csrf.FIELD, ""))
    except Problem:
        return _form_page(request, token, posted.shown, general=[msg["csrf"]], submission_id=submission_id,
                          status=403)
    if form.get("op") == "suggest":
        suggestions = await _suggest(request, posted.record)
        return _form_page(request, token, posted.shown, errors=posted.errors, suggestions=suggestions,
                          submission_id=submission_id)
    payload = json.dumps(posted.record, sort_keys=True).encode()
    errors = {k: list(v) for k, v in posted.errors.items()}
    general: list[str] = []
    try:
        checked = await check_body(request, payload, "form")
    except Problem as exc:
        errors.setdefault(str(exc.extensions.get("field") or "title"), []).append(exc.detail)
        return _form_page(request, token, posted.shown, errors=errors, submission_id=submission_id, status=400)
    warnings: list[str] = []
    for issue in checked.report.issues:
        text = _issue_message(issue, lang)
        if issue.severity != "Violation":
            warnings.append(text)
            continue
        where = field_for(issue)
        if where:
            errors.setdefault(where, []).append(text)
        else:
            general.append(text)
    if errors or general:
        return _form_page(request, token, posted.shown, errors=errors, general=general, warnings=warnings,
                          submission_id=submission_id, status=422)
    try:
        outcome = await accept(request, checked, token, payload=payload, submission_id=submission_id or None)
    except Problem as exc:
        return _form_page(request, token, posted.shown, general=[exc.detail], submission_id=submission_id,
                          status=exc.status)
    result = outcome.as_json()
    info = await run_in_threadpool(registry_for(request).get, outcome.submission_id) or {}
    action = str(info.get("action", ""))
    base = base_of(request)
    shown_outcome = {**result, "action": to_local(action, base) or action, "visible": info.get("visible", False)}
    return _render(request, "submission_done.html", {"outcome": shown_outcome, "warnings": warnings,
                                                      "linked": result.get("linked", [])}, 201)


def _owned(request: Request, submission_id: str, token: TokenRecord) -> dict[str, object]:
    msg = _messages(request)
    info = registry_for(request).get(submission_id)
    if info is None:
        raise Problem(404, msg["nothing"])
    if token.scope != "admin" and info["submitter"] != token.submitter:
        raise Problem(403, msg["owner"])
    return info


@router.get("/submissions/{submission_id}/edit", response_class=HTMLResponse,
            summary="The form to revise or withdraw a submission (HTML)", responses=_HTML_ANSWERS)
def edit_form(submission_id: str, request: Request) -> Response:
    token = _session(request)
    if token is None:
        return _token_page(request, next_url=f"/submissions/{submission_id}/edit")
    info = _owned(request, submission_id, token)
    versions = info["versions"]
    assert isinstance(versions, list) and versions
    graph = str(versions[-1]["graph"])
    shown = fields_of_version(registry_for(request).version_triples(graph), str(info["action"]))
    return _form_page(request, token, shown, submission_id=submission_id)


@router.post("/submissions/{submission_id}/edit", response_class=HTMLResponse,
             summary="Withdraw a submission from the form (HTML)", responses=_HTML_ANSWERS, openapi_extra=_FORM_BODY)
async def withdraw_from_form(submission_id: str, request: Request) -> Response:
    form = {k: str(v) for k, v in (await request.form()).items() if isinstance(v, str)}
    token = _session(request)
    if token is None:
        return _token_page(request, _messages(request)["token"], 401, f"/submissions/{submission_id}/edit")
    csrf.verify(request, form.get(csrf.FIELD, ""))
    info = _owned(request, submission_id, token)
    result = await run_in_threadpool(registry_for(request).withdraw, submission_id)
    audit_log(request).record("withdraw", actor=token.id, target=submission_id, submitter=str(info["submitter"]))
    return _render(request, "submission_withdrawn.html", {"info": result, "action": info["action"]})


@router.get("/submissions/help", response_class=HTMLResponse, summary="Who issues tokens, and how to submit (HTML)",
            responses={200: {"content": {"text/html": {}}, "description": "The help page"}})
def help_page(request: Request) -> Response:
    return _render(request, "submission_help.html", {})
