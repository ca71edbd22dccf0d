"""The example queries in ``queries/*.rq``: one analyst question per file.

Each file starts with ``# description: ...`` and ``# keywords: ...`` comment lines, then the
query with its own PREFIX lines, so it runs as pasted. The editor, the docs and the tests
all read them through :func:`load_examples`.

>>> ex = {e.name: e for e in load_examples()}
>>> "actions-per-call-theme" in ex and ex["actions-per-call-theme"].description.startswith("How many")
True
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from .config import PROJECT_ROOT

__all__ = ["Example", "load_examples", "QUERIES_DIR"]

QUERIES_DIR = PROJECT_ROOT / "queries"


@dataclass(frozen=True)
class Example:
    """One example query."""

    name: str
    description: str
    keywords: tuple[str, ...]
    query: str
    path: Path


def _header(text: str, key: str) -> str:
    for line in text.splitlines():
        if line.startswith(f"# {key}:"):
            return line.split(":", 1)[1].strip()
    return ""


def load_examples(directory: Path = QUERIES_DIR) -> list[Example]:
    """Every example query, sorted by name (rules and QC queries are not examples)."""
    out = []
    for path in sorted(directory.glob("*.rq")):
        text = path.read_text(encoding="utf-8")
        out.append(
            Example(
                name=path.stem,
                description=_header(text, "description"),
                keywords=tuple(k.strip() for k in _header(text, "keywords").split(",") if k.strip()),
                query=text,
                path=path,
            )
        )
    return out
