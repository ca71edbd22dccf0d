"""The one submission path over HTTP, for the API and the form alike.

:func:`check_body` runs intake and validation off the event loop; :func:`accept` authorises the
checked submission for its token and makes the registry's one write. Domain errors become
problems here (:func:`problem_of`), so the API and the form report the same refusals.
"""

from __future__ import annotations

import threading

from fastapi import Request
from fastapi.concurrency import run_in_threadpool

from ...access.tokens import TokenRecord
from ...submissions.errors import IntakeError
from ...submissions.intake import CONTEXT_URL
from ...submissions.pipeline import Checked, authorise, check
from ...submissions.provenance import Outcome, SubmissionError
from ...submissions.registry import Registry
from ..web.problems import Problem

__all__ = ["registry_for", "context_urls", "check_body", "accept", "problem_of"]

_lock = threading.Lock()


def registry_for(request: Request) -> Registry:
    """The app's submission registry (created on first use)."""
    state = request.app.state
    with _lock:
        reg: Registry | None = getattr(state, "submissions", None)
        if reg is None or reg.store is not state.store:
            reg = Registry(state.store, review=state.settings.submission_review)
            state.submissions = reg
        return reg


def context_urls(request: Request) -> tuple[str, ...]:
    """URLs that stand for our JSON-LD context: the persistent one and this service's own."""
    return (CONTEXT_URL, request.app.state.settings.public_base + "context.jsonld",
            str(request.base_url) + "context.jsonld")


def problem_of(exc: IntakeError | SubmissionError) -> Problem:
    """The problem a domain error answers with (its message, and where it is)."""
    if isinstance(exc, SubmissionError):
        return Problem(exc.status, exc.message)
    problem = Problem(exc.status, str(exc))
    for key, value in (("line", exc.line), ("column", exc.column), ("field", exc.field)):
        if value is not None:
            problem.extensions[key] = value
    return problem


async def check_body(request: Request, body: bytes, fmt: str) -> Checked:
    """Intake and validation; :class:`Problem` when the body cannot be read."""
    try:
        return await run_in_threadpool(check, body, fmt, request.app.state.store, context_urls=context_urls(request))
    except IntakeError as exc:
        raise problem_of(exc) from None


async def accept(
    request: Request,
    checked: Checked,
    token: TokenRecord,
    *,
    payload: bytes,
    submission_id: str | None = None,
    idempotency_key: str | None = None,
) -> Outcome:
    """Authorise a conforming submission for ``token`` and store it: one write."""
    try:
        submitter = authorise(token, checked)
        return await run_in_threadpool(
            registry_for(request).accept, checked.parsed.graph, checked.report, payload=payload,
            fmt=checked.parsed.format, submitter=submitter, contact=checked.parsed.contact,
            submission_id=submission_id, idempotency_key=idempotency_key,
        )
    except SubmissionError as exc:
        raise problem_of(exc) from None
