"""The audit log of admin actions: publish, withdraw, token create, rotate and revoke.

One JSON line per action in a sidecar file beside the store (``{store}.audit.jsonl``, or
``LAKG_AUDIT_FILE``), appended and flushed before the action is answered: when, what, who (the
acting token's id and submitter, or ``cli``), and on what. Never a token's secret.

>>> import tempfile, pathlib
>>> log = AuditLog(pathlib.Path(tempfile.mkdtemp()) / "a.jsonl")
>>> log.record("withdraw", actor="tok_1234", target="accra-desk")
>>> [e["action"] for e in log.entries()]
['withdraw']
"""

from __future__ import annotations

import json
import os
import threading
from datetime import UTC, datetime
from pathlib import Path

__all__ = ["AuditLog", "audit_path"]


def audit_path(store_location: str) -> Path:
    """The audit log beside a store directory (``LAKG_AUDIT_FILE`` overrides)."""
    env = os.environ.get("LAKG_AUDIT_FILE")
    return Path(env) if env else Path(str(store_location).rstrip("/") + ".audit.jsonl")


class AuditLog:
    """Append-only JSON lines, one per admin action."""

    def __init__(self, path: Path) -> None:
        self.path = Path(path)
        self._lock = threading.Lock()

    def record(self, action: str, *, actor: str, target: str, **details: str) -> None:
        """Append one entry, durably (flushed and fsynced)."""
        entry = {"at": datetime.now(UTC).isoformat(timespec="seconds"), "action": action, "actor": actor,
                 "target": target, **details}
        line = json.dumps(entry, ensure_ascii=False, sort_keys=True) + "\n"
        with self._lock:
            self.path.parent.mkdir(parents=True, exist_ok=True)
            with open(self.path, "a", encoding="utf-8") as f:
                f.write(line)
                f.flush()
                os.fsync(f.fileno())

    def entries(self) -> list[dict[str, str]]:
        """Every entry, oldest first."""
        if not self.path.exists():
            return []
        return [json.loads(line) for line in self.path.read_text(encoding="utf-8").splitlines() if line.strip()]
