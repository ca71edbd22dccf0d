"""Append the slugs minted from sources 000, 001, 003, 004 to data/identifiers.csv.

Run: ``python scripts/events_identifiers.py`` after the extract scripts. Rows already present (same
kind and slug, whoever added them) are left alone and never rewritten: a key keeps its slug.
Row format ``kind,key,slug,label``; the key is ``NNN:label`` (the source that minted the slug).
"""

from __future__ import annotations

import csv
from pathlib import Path

from rdflib import Graph, URIRef
from rdflib.namespace import DCTERMS, RDFS, SKOS

ROOT = Path(__file__).resolve().parents[1]
ID = "https://w3id.org/localaction-kg/id/"
KINDS = ("actor", "person", "event", "document", "action", "figure", "post", "source")
LAK_POST = URIRef("https://w3id.org/localaction-kg/ontology#postTitleAsStated")


def rows_from(nnn: str, files: list[Path]) -> list[tuple[str, str, str, str]]:
    g = Graph()
    for f in files:
        g.parse(f, format="turtle")
    out = []
    for s in sorted({s for s in g.subjects() if isinstance(s, URIRef) and str(s).startswith(ID)}):
        kind, _, slug = str(s).removeprefix(ID).partition("/")
        if kind not in KINDS or "/" in slug and kind != "source":
            continue
        label = next((str(o) for p in (SKOS.prefLabel, RDFS.label, DCTERMS.title, SKOS.altLabel, LAK_POST)
                      for o in g.objects(s, p)), slug)
        kind = "section" if kind == "source" else kind
        out.append((kind, f"{nnn}:{label}", slug, label))
    return out


def main() -> None:
    path = ROOT / "data" / "identifiers.csv"
    with path.open(encoding="utf-8", newline="") as fh:
        seen = {(r["kind"], r["slug"]) for r in csv.DictReader(fh)}
    new = []
    for nnn in ("000", "001", "003", "004"):
        for row in rows_from(nnn, sorted((ROOT / "data" / "sources" / nnn).glob("*.ttl"))):
            if (row[0], row[2]) not in seen:
                seen.add((row[0], row[2]))
                new.append(row)
    with path.open("a", encoding="utf-8", newline="") as fh:
        csv.writer(fh, lineterminator="\n").writerows(new)
    print(f"appended {len(new)} rows to data/identifiers.csv")


if __name__ == "__main__":
    main()
