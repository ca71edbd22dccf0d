"""``localaction-kg token create|list|rotate|revoke``: submission tokens, stored hashed beside the store.

``create`` prints the token once (it is not stored, only its SHA-256); ``list`` shows ids,
submitters, scopes and dates; ``revoke ID`` disables a token at once (the service re-reads the
file). The file is ``{store}.tokens.json`` (or ``LAKG_TOKENS_FILE``).
"""

from __future__ import annotations

import argparse
import sys

import pyoxigraph as ox

from ..config import Settings
from ..submissions.audit import AuditLog, audit_path
from ..submissions.tokens import SCOPES, TokenFile, tokens_path

__all__ = ["register", "run"]


def register(sub: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    p = sub.add_parser("token", help="create, list or revoke submission tokens")
    p.add_argument("--store", help="store directory the tokens belong to (default: var/store or LAKG_STORE)")
    tsub = p.add_subparsers(dest="token_command", required=True, metavar="ACTION")
    c = tsub.add_parser("create", help="create a token and print it once")
    c.add_argument("--submitter", required=True, help="IRI of the submitter the token acts for")
    c.add_argument(
        "--scope",
        choices=SCOPES,
        default="submit",
        help="submit: create/revise that submitter's actions; admin: withdraw, publish",
    )
    c.add_argument("--expires-in-days", type=int, default=None,
                   help="the token stops working after this many days (default: token_lifetime_days, 365; "
                        "0: never)")
    tsub.add_parser("list", help="list tokens (never the secrets)")
    r = tsub.add_parser("revoke", help="revoke a token by its id")
    r.add_argument("token_id")
    rot = tsub.add_parser("rotate", help="a new secret for a token's submitter and scope; the old one is revoked")
    rot.add_argument("token_id")
    p.set_defaults(func=run)


def run(args: argparse.Namespace) -> int:
    settings = Settings.load()
    store = args.store or settings.store
    tf = TokenFile(tokens_path(store))
    audit = AuditLog(audit_path(store))
    if args.token_command == "create":
        try:
            ox.NamedNode(args.submitter)
        except ValueError:
            print(f"error: --submitter must be an IRI, got {args.submitter!r}", file=sys.stderr)
            return 2
        days = settings.token_lifetime_days if args.expires_in_days is None else args.expires_in_days
        if days < 0:
            print("error: --expires-in-days must be 0 (never) or more", file=sys.stderr)
            return 2
        secret, rec = tf.create(args.submitter, args.scope, expires_in_days=days)
        audit.record("token-create", actor="cli", target=rec.id, submitter=rec.submitter, scope=rec.scope)
        print(secret)
        until = f"until {rec.expires}" if rec.expires else "with no expiry"
        print(
            f"created {rec.id} ({rec.scope}) for {rec.submitter}, valid {until}; the token is shown only once",
            file=sys.stderr,
        )
        return 0
    if args.token_command == "list":
        for r in tf.records():
            state = f"revoked {r.revoked}" if r.revoked else ("active" if r.active else f"expired {r.expires}")
            print(f"{r.id}\t{r.scope}\t{r.submitter}\t{r.created}\t{state}")
        return 0
    if args.token_command == "rotate":
        rotated = tf.rotate(args.token_id)
        if rotated is None:
            print(f"error: no active token {args.token_id!r}", file=sys.stderr)
            return 1
        secret, rec = rotated
        audit.record("token-rotate", actor="cli", target=args.token_id, new=rec.id)
        print(secret)
        print(f"{args.token_id} is revoked; its replacement is {rec.id}, shown only once", file=sys.stderr)
        return 0
    if tf.revoke(args.token_id):
        audit.record("token-revoke", actor="cli", target=args.token_id)
        print(f"revoked {args.token_id}")
        return 0
    print(f"error: no active token {args.token_id!r}", file=sys.stderr)
    return 1
