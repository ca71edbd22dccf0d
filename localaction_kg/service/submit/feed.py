"""``GET /submissions?since=TIME``: what changed, for harvesters, as JSON Feed 1.1 or Atom.

Each accepted version, revision and withdrawal sets the submission's ``dcterms:modified``; the
feed lists the submissions changed after ``since`` (an ISO 8601 date-time; everything without it),
oldest first, so a harvester asks again with the last ``modified`` it saw. DCAT and VoID carry the
same time as ``dcterms:modified``, and the dumps' ETags change with every store version.
"""

from __future__ import annotations

from datetime import datetime
from xml.sax.saxutils import escape, quoteattr

from fastapi import APIRouter, Query, Request
from fastapi.concurrency import run_in_threadpool
from fastapi.responses import JSONResponse, Response

from ..web.conneg import parse_accept, quality
from ..web.openapi import answers
from ..web.problems import Problem
from .flow import registry_for

__all__ = ["router"]

router = APIRouter(tags=["submissions"])

JSON_FEED = "application/feed+json"
ATOM = "application/atom+xml"


def _since(raw: str | None) -> str | None:
    if raw is None or not raw.strip():
        return None
    try:
        when = datetime.fromisoformat(raw.strip().replace("Z", "+00:00"))
    except ValueError:
        raise Problem(400, f"since={raw!r} is not an ISO 8601 date-time: give for example "
                           "since=2026-12-01T00:00:00Z", parameter="since") from None
    return when.isoformat().replace("+00:00", "Z") if when.tzinfo else when.isoformat()


def _atom(items: list[dict[str, str]], self_url: str, base: str) -> str:
    updated = items[-1]["modified"] if items else "1970-01-01T00:00:00Z"
    entries = "".join(
        f"<entry><id>{escape(i['version'])}</id><title>{escape(i['id'])}: {escape(i['status'])}</title>"
        f"<updated>{escape(i['modified'])}</updated><link href={quoteattr(i['action'])}/>"
        f"<link rel=\"alternate\" type=\"application/json\" href={quoteattr(base + 'submissions/' + i['id'])}/>"
        f"<author><uri>{escape(i['submitter'])}</uri></author>"
        f"<summary>{escape(i['status'])}</summary></entry>"
        for i in items)
    return (f'<?xml version="1.0" encoding="utf-8"?>\n<feed xmlns="http://www.w3.org/2005/Atom">'
            f"<id>{escape(self_url)}</id><title>LocalAction KG: changed submissions</title>"
            f"<updated>{escape(updated)}</updated><link rel=\"self\" href={quoteattr(self_url)}/>{entries}</feed>")


@router.get("/submissions", summary="Submissions changed since a time (JSON Feed 1.1 or Atom)",
            response_class=Response, responses=answers({200: [JSON_FEED, "application/json", ATOM]}, 400))
async def changed_submissions(request: Request, since: str | None = Query(
        None, description="ISO 8601 date-time; only submissions changed after it (default: all)")) -> Response:
    after = _since(since)
    items = await run_in_threadpool(registry_for(request).changes, after)
    base = str(request.base_url)
    accept = parse_accept(request.headers.get("accept", ""))
    if quality(accept, ATOM) > max(quality(accept, JSON_FEED), quality(accept, "application/json")):
        return Response(_atom(items, str(request.url), base), media_type=ATOM)
    feed = {
        "version": "https://jsonfeed.org/version/1.1",
        "title": "LocalAction KG: changed submissions",
        "home_page_url": base,
        "feed_url": str(request.url),
        "next_since": items[-1]["modified"] if items else after,
        "items": [{"id": i["version"], "url": i["action"], "title": f"{i['id']}: {i['status']}",
                   "date_modified": i["modified"], "authors": [{"url": i["submitter"]}],
                   "_localaction": i} for i in items],
    }
    wants_feed = quality(accept, JSON_FEED) >= quality(accept, "application/json")
    return JSONResponse(feed, media_type=JSON_FEED if wants_feed else "application/json")
