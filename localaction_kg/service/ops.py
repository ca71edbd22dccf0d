"""Operations: /health, /metrics (Prometheus text), a JSON access log, and CORS for reading.

The access log records method, path, status, duration and size only: never the query string,
headers or bodies, so queries and tokens do not end up in logs. CORS answers
``Access-Control-Allow-Origin: *`` (never with credentials) on GET/HEAD everywhere and on POST to
the read-only endpoints in :data:`READ_POST_PATHS`; write endpoints get no CORS headers.
"""

from __future__ import annotations

import json
import logging
import time
from collections import Counter
from typing import Any

from fastapi import APIRouter, Request
from fastapi.responses import JSONResponse, PlainTextResponse, Response
from starlette.types import Message, Receive, Scope, Send

from ..asgi import HTTPMiddleware
from .web.routing import allowed_methods

__all__ = ["router", "Metrics", "AccessLogAndCors", "READ_POST_PATHS", "access_log"]

router = APIRouter(tags=["operations"])
access_log = logging.getLogger("localaction_kg.access")

#: POST endpoints that only read, and so may be called from any web page
READ_POST_PATHS = frozenset({"/sparql"})
_EXPOSED = "X-LocalAction-Truncated, X-LocalAction-Rows, X-LocalAction-Streamed, Link, Content-Length"
_BUCKETS = (0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0, 60.0)


class Metrics:
    """Counters and a query-duration histogram, rendered in Prometheus text format 0.0.4."""

    def __init__(self) -> None:
        self.requests: Counter[tuple[str, str, int]] = Counter()
        self.queries: Counter[str] = Counter()
        self.buckets = [0] * len(_BUCKETS)
        self.duration_sum = 0.0
        self.duration_count = 0

    def observe_request(self, route: str, method: str, status: int) -> None:
        self.requests[(route, method, status)] += 1

    def observe_query(self, outcome: str, seconds: float) -> None:
        self.queries[outcome] += 1
        self.duration_sum += seconds
        self.duration_count += 1
        for i, bound in enumerate(_BUCKETS):
            if seconds <= bound:
                self.buckets[i] += 1

    def render(self, pool: Any) -> str:
        out = [
            "# HELP lakg_http_requests_total HTTP requests by route template, method and status.",
            "# TYPE lakg_http_requests_total counter",
        ]
        for (route, method, status), n in sorted(self.requests.items()):
            out.append(f'lakg_http_requests_total{{route="{_esc(route)}",method="{method}",'
                       f'status="{status}"}} {n}')
        out += [
            "# HELP lakg_queries_total SPARQL queries by outcome (ok, timeout, error, refused, busy).",
            "# TYPE lakg_queries_total counter",
        ]
        out += [f'lakg_queries_total{{outcome="{k}"}} {v}' for k, v in sorted(self.queries.items())]
        out += [
            "# HELP lakg_query_duration_seconds Time from dispatch to the first byte of the answer.",
            "# TYPE lakg_query_duration_seconds histogram",
        ]
        out += [f'lakg_query_duration_seconds_bucket{{le="{b}"}} {n}' for b, n in zip(_BUCKETS, self.buckets)]
        out += [
            f'lakg_query_duration_seconds_bucket{{le="+Inf"}} {self.duration_count}',
            f"lakg_query_duration_seconds_sum {self.duration_sum:.6f}",
            f"lakg_query_duration_seconds_count {self.duration_count}",
        ]
        if pool is not None:
            stats = pool.stats
            out += [
                "# HELP lakg_query_workers Query worker processes by state.",
                "# TYPE lakg_query_workers gauge",
                f'lakg_query_workers{{state="alive"}} {len(pool.pids())}',
                f'lakg_query_workers{{state="busy"}} {stats.busy}',
                "# HELP lakg_query_timeouts_total Queries stopped (worker killed) at the time limit.",
                "# TYPE lakg_query_timeouts_total counter",
                f"lakg_query_timeouts_total {stats.timeouts}",
                "# HELP lakg_query_workers_started_total Worker processes started.",
                "# TYPE lakg_query_workers_started_total counter",
                f"lakg_query_workers_started_total {stats.started}",
                "# HELP lakg_query_workers_killed_total Worker processes killed and replaced.",
                "# TYPE lakg_query_workers_killed_total counter",
                f"lakg_query_workers_killed_total {stats.killed}",
            ]
        return "\n".join(out) + "\n"


def _esc(value: str) -> str:
    return value.replace("\\", "\\\\").replace('"', '\\"').replace("\n", "\\n")


@router.api_route("/health", methods=["GET", "HEAD"],
                  summary="Readiness: 200 once queries can be answered, else 503",
                  responses={503: {"description": "Starting", "content": {"application/json": {}}}})
def health(request: Request) -> Response:
    pool = getattr(request.app.state, "pool", None)
    if pool is None or not pool.ready:
        return JSONResponse({"status": "starting"}, status_code=503, headers={"Retry-After": "1"})
    snap = pool.snapshots.current
    return JSONResponse({"status": "ok", "workers": len(pool.pids()), "store_version": snap.version})


@router.get("/metrics", summary="Prometheus metrics", response_class=PlainTextResponse,
            responses={200: {"description": "OK", "content": {"text/plain": {"schema": {"type": "string"}}}}})
def metrics(request: Request) -> Response:
    body = request.app.state.metrics.render(getattr(request.app.state, "pool", None))
    return PlainTextResponse(body, media_type="text/plain; version=0.0.4; charset=utf-8")


class AccessLogAndCors(HTTPMiddleware):
    """ASGI middleware: one JSON log line and one metrics count per request, plus CORS headers."""

    async def handle(self, scope: Scope, receive: Receive, send: Send) -> None:
        method, path = scope["method"], scope["path"]
        started = time.perf_counter()
        if method == "OPTIONS":
            allowed = allowed_methods(scope["app"], path)
            if allowed:
                await _options(send, allowed, path in READ_POST_PATHS)
                self._done(scope, 204, started, 0)
                return
        cors = method in ("GET", "HEAD") or (method == "POST" and path in READ_POST_PATHS)
        state = {"status": 500, "bytes": 0}

        async def wrapped(message: Message) -> None:
            if message["type"] == "http.response.start":
                state["status"] = message["status"]
                if cors:
                    headers = list(message.get("headers", []))
                    headers.append((b"access-control-allow-origin", b"*"))
                    headers.append((b"access-control-expose-headers", _EXPOSED.encode()))
                    message = {**message, "headers": headers}
            elif message["type"] == "http.response.body":
                state["bytes"] += len(message.get("body", b""))
            await send(message)

        try:
            await self.app(scope, receive, wrapped)
        finally:
            self._done(scope, state["status"], started, state["bytes"])

    @staticmethod
    def _done(scope: Scope, status: int, started: float, size: int) -> None:
        route = scope.get("route")
        template = getattr(route, "path", None) or "unmatched"
        app = scope.get("app")
        if app is not None and hasattr(app.state, "metrics"):
            app.state.metrics.observe_request(template, scope["method"], status)
        access_log.info(json.dumps({
            "ts": time.strftime("%Y-%m-%dT%H:%M:%SZ", time.gmtime()),
            "method": scope["method"],
            "path": scope["path"],
            "route": template,
            "status": status,
            "duration_ms": round((time.perf_counter() - started) * 1000, 2),
            "bytes": size,
        }))


async def _options(send: Send, allowed: list[str], read_post: bool) -> None:
    """204 with ``Allow``; CORS preflight headers for the methods a web page may use here (reads)."""
    reads = [m for m in allowed if m in ("GET", "HEAD") or (m == "POST" and read_post)]
    headers = [(b"allow", ", ".join(allowed).encode())]
    if reads:
        headers += [
            (b"access-control-allow-origin", b"*"),
            (b"access-control-allow-methods", ", ".join([*reads, "OPTIONS"]).encode()),
            (b"access-control-allow-headers", b"Accept, Accept-Language, Content-Type"),
            (b"access-control-max-age", b"86400"),
        ]
    await send({"type": "http.response.start", "status": 204, "headers": headers})
    await send({"type": "http.response.body", "body": b""})
