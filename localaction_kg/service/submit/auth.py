"""Who may submit: Bearer tokens (the API) or the form's token field, checked in one place.

:func:`require_submit` and :func:`require_admin` are dependencies that refuse by raising a
:class:`~localaction_kg.service.web.problems.Problem` (401 without a known token, 403 without the
scope); :func:`verify` is the same check for a token that arrives in a form field.
"""

from __future__ import annotations

import threading

from fastapi import Request

from ...submissions.audit import AuditLog, audit_path
from ...submissions.tokens import TokenFile, TokenRecord, tokens_path
from ..web.problems import Problem

__all__ = ["token_file", "audit_log", "verify", "require_submit", "require_admin"]

_lock = threading.Lock()


def token_file(request: Request) -> TokenFile:
    """The token file beside the app's store (opened on first use)."""
    state = request.app.state
    with _lock:
        tf: TokenFile | None = getattr(state, "submission_tokens", None)
        if tf is None:
            tf = TokenFile(tokens_path(state.settings.store))
            state.submission_tokens = tf
        return tf


def audit_log(request: Request) -> AuditLog:
    """The audit log of admin actions beside the app's store."""
    return AuditLog(audit_path(request.app.state.settings.store))


def verify(request: Request, presented: str, scope: str) -> TokenRecord:
    """The record of a presented token allowed for ``scope``; :class:`Problem` 401/403 otherwise."""
    if not presented.strip():
        raise Problem(401, "a Bearer token is required: Authorization: Bearer <token> "
                           "(ask an administrator: localaction-kg token create)")
    record = token_file(request).check(presented.strip())
    if record is None:
        raise Problem(401, "this token is unknown, expired or revoked: ask an administrator for a new one")
    if scope == "admin" and record.scope != "admin":
        raise Problem(403, "this action needs an admin token")
    return record


def _bearer(request: Request) -> str:
    kind, _, token = request.headers.get("authorization", "").partition(" ")
    return token if kind.lower() == "bearer" else ""


def require_submit(request: Request) -> TokenRecord:
    """Dependency: a token that may submit."""
    return verify(request, _bearer(request), "submit")


def require_admin(request: Request) -> TokenRecord:
    """Dependency: an admin token."""
    return verify(request, _bearer(request), "admin")
