"""Errors raised while reading a submission, carrying what a person needs to fix it."""

from __future__ import annotations

from dataclasses import dataclass

__all__ = ["IntakeError"]


@dataclass
class IntakeError(Exception):
    """A submission that cannot be read (HTTP 400/413/415): what, where, how to fix.

    >>> str(IntakeError("Broken Turtle", line=3, column=7))
    'Broken Turtle (line 3, column 7)'
    """

    message: str
    line: int | None = None
    column: int | None = None
    status: int = 400
    field: str | None = None

    def __str__(self) -> str:
        where = []
        if self.line is not None:
            where.append(f"line {self.line}")
        if self.column is not None:
            where.append(f"column {self.column}")
        return self.message + (f" ({', '.join(where)})" if where else "")

    def as_json(self) -> dict[str, object]:
        """The JSON body of the error response."""
        body: dict[str, object] = {"error": self.message}
        if self.line is not None:
            body["line"] = self.line
        if self.column is not None:
            body["column"] = self.column
        if self.field is not None:
            body["field"] = self.field
        return body
