"""A selection's rows for people and spreadsheets (CSV, Excel) and its actions' descriptions as RDF.

An export holds every match, not just a page. Each row names where it comes from (the sections or
submission version it is derived from) and the rights of that source as they are
(the service passes them in, from its catalogue's rights): the source reports state a copyright and no
licence; our classifications are CC BY 4.0.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Callable, Iterable, Iterator, Sequence
from datetime import UTC, datetime

import pyoxigraph as ox

from ..store import Store
from .index import FacetIndex
from .records import ActionRecord, slug_of

__all__ = ["COLUMNS", "Rights", "rows", "to_csv", "to_xlsx", "describe"]

#: the columns of a CSV or Excel export, in order
COLUMNS: tuple[str, ...] = (
    "iri", "title", "kind", "submitters", "countries", "status", "start", "end", "duration", "ongoing",
    "gcm_objectives", "call_themes", "sdg_goals", "funders", "funding_status", "populations",
    "source", "derived_from", "rights", "license",
)
#: (statement, licence IRI or "not stated") of the source a row comes from
Rights = Callable[[ActionRecord], tuple[str, str]]
_STRENGTH = {"stated": 0, "curated": 1, "inferred-text": 2, "inferred-framework": 3}


def _links(rec: ActionRecord, facet: str) -> str:
    best: dict[str, str] = {}
    for c in rec.contributions:
        if c.facet == facet and (c.value not in best or _STRENGTH[c.basis] < _STRENGTH[best[c.value]]):
            best[c.value] = c.basis
    from .selection import _natural

    return "; ".join(f"{v} ({best[v]})" for v in sorted(best, key=_natural))


def rows(index: FacetIndex, ids: Iterable[int], rights: Rights, lang: str = "en") -> Iterator[dict[str, str]]:
    """One flat row per action (lists joined with "; "), with the rights of its source."""
    vocab = index.vocabulary
    for i in ids:
        rec = index.records[i]
        statement, licence = rights(rec)
        yield {
            "iri": rec.iri,
            "title": rec.title(lang),
            "kind": "; ".join(sorted(rec.kinds)),
            "submitters": "; ".join(vocab.label("submitter", slug_of(s), lang) for s in rec.submitters),
            "countries": "; ".join(sorted(rec.countries)),
            "status": "; ".join(sorted(rec.statuses)),
            "start": rec.start or "",
            "end": rec.end or "",
            "duration": rec.duration or "",
            "ongoing": "true" if rec.ongoing else "",
            "gcm_objectives": _links(rec, "gcm"),
            "call_themes": _links(rec, "theme"),
            "sdg_goals": _links(rec, "sdg_goal"),
            "funders": "; ".join(sorted({vocab.label("funder", k, lang) for f in rec.funding for k in f.funders})),
            "funding_status": "; ".join(sorted({f.status for f in rec.funding if f.status})),
            "populations": "; ".join(sorted(rec.populations)),
            "source": "; ".join(sorted(rec.sources)),
            "derived_from": "; ".join(sorted(rec.derived_from)),
            "rights": statement,
            "license": licence,
        }


def to_csv(records: Iterable[dict[str, str]]) -> str:
    """RFC 4180 CSV with a header row."""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=COLUMNS, lineterminator="\r\n")
    writer.writeheader()
    writer.writerows(records)
    return out.getvalue()


def to_xlsx(records: Iterable[dict[str, str]], *, url: str, notes: Sequence[tuple[str, str]]) -> bytes:
    """An Excel workbook (openpyxl): the rows in "Actions", where they come from and their rights in "About"."""
    from openpyxl import Workbook  # type: ignore[import-untyped]

    book = Workbook(write_only=True)
    sheet = book.create_sheet("Actions")
    sheet.append(list(COLUMNS))
    for row in records:
        sheet.append([row[c] for c in COLUMNS])
    about = book.create_sheet("About")
    about.append(["LocalAction KG: actions of the explorer's selection"])
    about.append(["selection", url])
    about.append(["generated", datetime.now(UTC).isoformat(timespec="seconds")])
    about.append([])
    about.append(["part of the data", "rights"])
    for what, rights in notes:
        about.append([what, rights])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def describe(store: Store, iris: Sequence[str]) -> list[ox.Triple]:
    """The actions' own triples, their qualified contributions and their funding relations."""
    out: list[ox.Triple] = []
    for n in range(0, len(iris), 200):
        values = " ".join(f"<{i}>" for i in iris[n:n + 200])
        query = f"""PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
        CONSTRUCT {{ ?a ?p ?o . ?c ?cp ?co . ?f ?fp ?fo }} WHERE {{ VALUES ?a {{ {values} }}
          {{ ?a ?p ?o }} UNION {{ ?a lak:qualifiedContribution ?c . ?c ?cp ?co }}
          UNION {{ ?f lak:fundedAction ?a . ?f ?fp ?fo }} }}"""
        out.extend(store.query(query))  # type: ignore[arg-type]
    return out
