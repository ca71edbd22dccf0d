"""``localaction-kg submit FILE --url URL --token T``: post a submission to a running service.

Prints the service's answer (the submission IRI and warnings, or the report); exits 0 when
accepted, 1 when refused by the shapes or the service, 2 when the file or the service cannot
be reached.
"""

from __future__ import annotations

import argparse
import json
import os
import sys

import httpx

from ..submissions.intake import FORMATS
from .submission_file import read_file_argument

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("submit", help="post a submission file to a running service")
    p.add_argument("file", help="submission file: .ttl, .jsonld, .json or .csv")
    p.add_argument("--url", default="http://127.0.0.1:8000/", help="the service's base URL")
    p.add_argument(
        "--token",
        default=os.environ.get("LAKG_TOKEN"),
        help="Bearer token (default: LAKG_TOKEN environment variable)",
    )
    p.add_argument("--id", dest="submission_id", help="send a new version of this submission")
    p.add_argument("--idempotency-key", help="retry-safe key: the same key and file make one submission")
    p.add_argument("--dry-run", action="store_true", help="only validate (POST /submissions/validate)")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    read = read_file_argument(args.file)
    if read is None:
        return 2
    fmt, body = read
    if not args.token and not args.dry_run:
        print("error: a token is required (--token or LAKG_TOKEN)", file=sys.stderr)
        return 2
    base = args.url.rstrip("/")
    headers = {"Content-Type": FORMATS[fmt], "Accept": "application/json"}
    if args.token:
        headers["Authorization"] = f"Bearer {args.token}"
    if args.idempotency_key:
        headers["Idempotency-Key"] = args.idempotency_key
    if args.dry_run:
        method, url = "POST", f"{base}/submissions/validate"
    elif args.submission_id:
        method, url = "PUT", f"{base}/submissions/{args.submission_id}"
    else:
        method, url = "POST", f"{base}/submissions"
    try:
        resp = httpx.request(method, url, content=body, headers=headers, timeout=60)
    except httpx.HTTPError as exc:
        print(f"error: cannot reach {url}: {exc}", file=sys.stderr)
        return 2
    try:
        print(json.dumps(resp.json(), indent=2))
    except ValueError:
        print(resp.text)
    return 0 if resp.status_code in (200, 201) else 1
