"""Step 2 of the build: SHACL over the whole graph, with a report a person can act on.

Each problem says which file describes the resource, which resource, which property,
the offending value and the shape's own message.
"""

from __future__ import annotations

from dataclasses import dataclass

from pyshacl import validate as pyshacl_validate
from rdflib import Graph, URIRef
from rdflib.namespace import RDF, SH

__all__ = ["Problem", "validate_graph", "format_problems"]


@dataclass(frozen=True)
class Problem:
    """One SHACL result, flattened for people."""

    severity: str  # "Violation" | "Warning" | "Info"
    focus: str
    path: str | None
    value: str | None
    message: str
    shape: str
    files: tuple[str, ...] = ()

    @property
    def is_violation(self) -> bool:
        return self.severity == "Violation"


def validate_graph(
    data: Graph,
    shapes: Graph,
    ontology: Graph | None = None,
    subject_files: dict[str, set[str]] | None = None,
) -> list[Problem]:
    """Validate ``data`` against ``shapes`` (class hierarchy taken from ``ontology``)."""
    _conforms, report, _text = pyshacl_validate(
        data,
        shacl_graph=shapes,
        ont_graph=ontology,
        inference="none",
        allow_warnings=True,
        advanced=True,
    )
    assert isinstance(report, Graph)
    problems: list[Problem] = []
    for result in report.subjects(RDF.type, SH.ValidationResult):
        focus = report.value(result, SH.focusNode)
        path = report.value(result, SH.resultPath)
        value = report.value(result, SH.value)
        severity = report.value(result, SH.resultSeverity)
        messages = [str(m) for m in report.objects(result, SH.resultMessage)]
        english = [m for m in messages if m] or ["(no message)"]
        shape = report.value(result, SH.sourceShape)
        problems.append(
            Problem(
                severity=str(severity).rsplit("#", 1)[-1] if severity else "Violation",
                focus=str(focus),
                path=str(path) if isinstance(path, URIRef) else (None if path is None else "(complex path)"),
                value=None if value is None else str(value),
                message=english[0],
                shape=str(shape),
                files=tuple(sorted((subject_files or {}).get(str(focus), ()))),
            )
        )
    problems.sort(key=lambda p: (p.severity != "Violation", p.files, p.focus, p.path or ""))
    return problems


def format_problems(problems: list[Problem]) -> str:
    """A plain-text report: one block per problem."""
    lines: list[str] = []
    for p in problems:
        where = ", ".join(p.files) or "(not in a data file)"
        lines.append(f"{p.severity.upper()} in {where}")
        lines.append(f"  resource: <{p.focus}>")
        if p.path:
            lines.append(f"  property: <{p.path}>")
        if p.value is not None:
            lines.append(f"  value:    {p.value}")
        lines.append(f"  problem:  {p.message}")
    return "\n".join(lines)
