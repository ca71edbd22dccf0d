"""One problem found in a submission: :class:`Issue` (validation and linking both report them)."""

from __future__ import annotations

from dataclasses import dataclass, field

__all__ = ["Issue"]


@dataclass
class Issue:
    """One problem found in a submission, for people and for JSON."""

    severity: str
    message: str
    shape: str
    focus: str | None = None
    path: str | None = None
    value: str | None = None
    messages: dict[str, str] = field(default_factory=dict)

    def as_json(self) -> dict[str, object]:
        return {
            "severity": self.severity,
            "focusNode": self.focus,
            "path": self.path,
            "value": self.value,
            "message": self.message,
            "messages": self.messages,
            "shape": self.shape,
        }
