"""Submissions over HTTP: the API and the HTML form, on one path into
:mod:`localaction_kg.submissions` (:data:`router`)."""

from fastapi import APIRouter

from . import api, feed, form, suggest

router = APIRouter()
router.include_router(form.router)  # first: /submissions/new is not a submission id
router.include_router(suggest.router)  # before api: /submissions/suggest is not a submission id
router.include_router(feed.router)
router.include_router(api.router)

__all__ = ["router"]
