"""data/identifiers.csv: every minted slug with the key it was minted for, so an IRI never changes.

Rows are only ever appended: a row already present (same kind and slug, whoever added it) is left
alone and never rewritten, so a key keeps its slug. Row format ``kind,key,slug,label``.
"""

from __future__ import annotations

import csv
from collections.abc import Iterable
from pathlib import Path

from rdflib import Graph, URIRef

from ..namespaces import DCTERMS, LAK, RDFS, SKOS
from .iris import ID

__all__ = ["IdentifierRow", "HEADER", "rows_minted_by", "append_identifiers"]

#: A row of data/identifiers.csv: (kind, key, slug, label).
IdentifierRow = tuple[str, str, str, str]
HEADER: IdentifierRow = ("kind", "key", "slug", "label")
#: Kinds of node whose slugs sources 000, 001, 003 and 004 mint (``source/NNN/slug`` is a section).
KINDS = ("actor", "person", "event", "document", "action", "figure", "post", "source")
_LABELS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel, LAK.postTitleAsStated)


def rows_minted_by(number: str, turtle_texts: Iterable[str]) -> list[IdentifierRow]:
    """Identifier rows for the nodes of one source's Turtle files; the key is ``NNN:label``."""
    g = Graph()
    for text in turtle_texts:
        g.parse(data=text, format="turtle")
    out = []
    for s in sorted({s for s in g.subjects() if isinstance(s, URIRef) and s.startswith(ID)}):
        kind, _, slug = str(s).removeprefix(str(ID)).partition("/")
        if kind not in KINDS or "/" in slug and kind != "source":
            continue
        label = next((str(o) for p in _LABELS for o in g.objects(s, p)), slug)
        kind = "section" if kind == "source" else kind
        out.append((kind, f"{number}:{label}", slug, label))
    return out


def append_identifiers(path: Path, rows: Iterable[IdentifierRow]) -> int:
    """Append the rows whose (kind, slug) is new, in the order given; the number appended."""
    present = path.exists()
    seen: set[tuple[str, str]] = set()
    if present:
        with path.open(encoding="utf-8", newline="") as fh:
            seen = {(r[0], r[2]) for r in list(csv.reader(fh))[1:] if len(r) >= 3}
    new: list[IdentifierRow] = []
    for row in rows:
        if (row[0], row[2]) not in seen:
            seen.add((row[0], row[2]))
            new.append(row)
    if new:
        path.parent.mkdir(parents=True, exist_ok=True)
        with path.open("a", encoding="utf-8", newline="") as fh:
            writer = csv.writer(fh, lineterminator="\n")
            if not present:
                writer.writerow(HEADER)
            writer.writerows(new)
    return len(new)
