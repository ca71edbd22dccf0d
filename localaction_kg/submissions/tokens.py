"""Bearer tokens for submitters and admins, kept hashed in a sidecar file next to the store.

The file (``{store}.tokens.json``, or ``LAKG_TOKENS_FILE``) holds, per token, an id, the
SHA-256 of the token, its submitter IRI, its scope (``submit`` or ``admin``) and dates (created,
expires, revoked); never the token itself. A token stops working when it expires or is revoked;
rotating one gives a new secret for the same submitter and scope and revokes the old one.
A sidecar rather than the store's private graph, so that ``localaction-kg token create`` works
while the service holds the store open; the service re-reads the file when it changes.
Presented tokens are hashed and compared with
:func:`hmac.compare_digest`. Tokens are never logged.
"""

from __future__ import annotations

import hashlib
import hmac
import json
import os
import secrets
import tempfile
import threading
from dataclasses import asdict, dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path

__all__ = ["SCOPES", "TokenRecord", "TokenFile", "tokens_path"]

SCOPES = ("submit", "admin")


def tokens_path(store_location: str) -> Path:
    """The sidecar token file for a store directory (``LAKG_TOKENS_FILE`` overrides)."""
    env = os.environ.get("LAKG_TOKENS_FILE")
    return Path(env) if env else Path(str(store_location).rstrip("/") + ".tokens.json")


def _hash(token: str) -> str:
    return hashlib.sha256(token.encode("utf-8")).hexdigest()


@dataclass
class TokenRecord:
    """One token as stored (hashed)."""

    id: str
    sha256: str
    submitter: str
    scope: str
    created: str
    revoked: str | None = None
    #: ISO date-time after which the token no longer works (None: it does not expire)
    expires: str | None = None

    @property
    def active(self) -> bool:
        """Not revoked, and not past its expiry."""
        if self.revoked is not None:
            return False
        return self.expires is None or datetime.now(UTC) < datetime.fromisoformat(self.expires)


class TokenFile:
    """The token sidecar file: create, list, revoke, and check a presented token.

    >>> import tempfile, pathlib
    >>> tf = TokenFile(pathlib.Path(tempfile.mkdtemp()) / "t.json")
    >>> secret, rec = tf.create("https://w3id.org/localaction-kg/id/actor/accra", "submit")
    >>> tf.check(secret).submitter == rec.submitter, tf.check(secret + "x")
    (True, None)
    """

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()
        self._cache: tuple[float, list[TokenRecord]] | None = None

    def records(self) -> list[TokenRecord]:
        """Every token record (re-read when the file changed)."""
        try:
            mtime = self.path.stat().st_mtime_ns
        except FileNotFoundError:
            return []
        if self._cache is None or self._cache[0] != mtime:
            data = json.loads(self.path.read_text(encoding="utf-8"))
            self._cache = (mtime, [TokenRecord(**r) for r in data.get("tokens", [])])
        return list(self._cache[1])

    def _save(self, records: list[TokenRecord]) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        fd, tmp = tempfile.mkstemp(dir=self.path.parent, prefix=".tokens-")
        with os.fdopen(fd, "w", encoding="utf-8") as f:
            json.dump({"tokens": [asdict(r) for r in records]}, f, indent=2)
            f.flush()
            os.fsync(f.fileno())
        os.chmod(tmp, 0o600)
        os.replace(tmp, self.path)
        self._cache = None

    def create(
        self, submitter: str, scope: str, *, expires_in_days: int | None = None
    ) -> tuple[str, TokenRecord]:
        """A new token: returns the secret (shown once) and its stored record.

        ``expires_in_days``: the token stops working after that many days (None or 0: never).
        """
        if scope not in SCOPES:
            raise ValueError(f"scope must be one of {', '.join(SCOPES)}")
        if expires_in_days is not None and expires_in_days < 0:
            raise ValueError("expires_in_days must be 0 (never) or more")
        with self._lock:
            secret, rec = self._new(submitter, scope, expires_in_days)
            self._save([*self.records(), rec])
        return secret, rec

    def _new(self, submitter: str, scope: str, expires_in_days: int | None) -> tuple[str, TokenRecord]:
        now = datetime.now(UTC)
        expires = (now + timedelta(days=expires_in_days)).isoformat(timespec="seconds") if expires_in_days else None
        secret = "lakg_" + secrets.token_urlsafe(32)
        rec = TokenRecord(id="tok_" + secrets.token_hex(4), sha256=_hash(secret), submitter=submitter, scope=scope,
                          created=now.isoformat(timespec="seconds"), expires=expires)
        return secret, rec

    def rotate(self, token_id: str) -> tuple[str, TokenRecord] | None:
        """A new secret for an active token's submitter and scope (and its lifetime); the old one is
        revoked in the same write. None when there is no such active token."""
        with self._lock:
            records = self.records()
            old = next((r for r in records if r.id == token_id and r.active), None)
            if old is None:
                return None
            days = None
            if old.expires is not None:
                lifetime = datetime.fromisoformat(old.expires) - datetime.fromisoformat(old.created)
                days = max(1, lifetime.days)
            secret, rec = self._new(old.submitter, old.scope, days)
            old.revoked = datetime.now(UTC).isoformat(timespec="seconds")
            self._save([*records, rec])
        return secret, rec

    def revoke(self, token_id: str) -> bool:
        """Revoke a token by id; False when there is no such active token."""
        with self._lock:
            records = self.records()
            found = False
            for r in records:
                if r.id == token_id and r.active:
                    r.revoked = datetime.now(UTC).isoformat(timespec="seconds")
                    found = True
            if found:
                self._save(records)
            return found

    def check(self, presented: str) -> TokenRecord | None:
        """The active record matching a presented token, compared in constant time."""
        digest = _hash(presented)
        match = None
        for r in self.records():
            if hmac.compare_digest(r.sha256, digest) and r.active:
                match = r
        return match
