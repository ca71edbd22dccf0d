"""What a selection looks like in JSON and on the page: facets with labels, items with snippets.

Only data here; the page's words live in the templates.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from functools import cached_property
from typing import Any
from urllib.parse import urlencode

from ...explore.facets import FACETS
from ...explore.index import Counts, FacetIndex
from ...explore.records import slug_of
from ...explore.search import MARK_END, MARK_START
from ...explore.selection import Selection
from ...explore.sparql import selection_query

__all__ = ["Answer", "facet_json", "items_json", "page_json", "marked", "sparql_link", "local_path"]


@dataclass
class Answer:
    """A selection and what the index gives for it."""

    selection: Selection
    counts: Counts
    index: FacetIndex
    lang: str
    base: str

    @cached_property
    def page_ids(self) -> list[int]:
        sel = self.selection
        if sel.page is None:
            return self.counts.ids
        start = (sel.page - 1) * sel.page_size
        return self.counts.page(start, sel.page_size)

    @property
    def pages(self) -> int:
        return max(1, -(-self.counts.total // self.selection.page_size))


def marked(text: str) -> str:
    """A snippet as safe HTML: escaped, its matches in <mark>.

    >>> marked("a \\ue000<b>\\ue001 c")
    'a <mark>&lt;b&gt;</mark> c'
    """
    return html.escape(text).replace(MARK_START, "<mark>").replace(MARK_END, "</mark>")


def local_path(iri: str, base: str) -> str:
    """The path an IRI of ours answers at on this service (others unchanged)."""
    return "/" + iri[len(base):] if iri.startswith(base) else iri


def sparql_link(sel: Selection) -> str:
    return "/sparql?" + urlencode({"query": selection_query(sel)})


#: values an open facet lists at most in JSON, the most frequent first (selected values always)
FACET_LIMIT = 200


def truncated(ans: Answer) -> dict[str, int]:
    """How many values of each open facet the JSON leaves out (over :data:`FACET_LIMIT`)."""
    return {f.name: len(ans.counts.facets.get(f.name, [])) - FACET_LIMIT for f in FACETS
            if not f.closed and f.name != "year" and len(ans.counts.facets.get(f.name, [])) > FACET_LIMIT}


def facet_json(ans: Answer) -> dict[str, list[dict[str, Any]]]:
    vocab, sel = ans.index.vocabulary, ans.selection
    out: dict[str, list[dict[str, Any]]] = {}
    for f in FACETS:
        chosen = set(sel.selected(f.name))
        entries = []
        values = ans.counts.facets.get(f.name, [])
        if not f.closed and f.name != "year" and len(values) > FACET_LIMIT:
            values = values[:FACET_LIMIT] + [vc for vc in values[FACET_LIMIT:] if vc.value in chosen]
        for vc in values:
            entry: dict[str, Any] = {"value": vc.value, "label": vocab.label(f.name, vc.value, ans.lang),
                                     "count": vc.count}
            if vc.by_basis is not None:
                entry["by_basis"] = vc.by_basis
            parent = vocab.parents.get(f.name, {}).get(vc.value)
            if parent:
                entry["parent"] = parent
            extra = vocab.extra.get(f.name, {}).get(vc.value, {})
            if extra.get("short"):
                entry["short"] = extra["short"]
            if f.name == "country" and extra.get("numeric"):
                entry["numeric"] = extra["numeric"]
            if f.name == "region" and extra.get("level"):
                entry["level"] = extra["level"]
            if vc.value in chosen:
                entry["selected"] = True
            entries.append(entry)
        out[f.name] = entries
    return out


def items_json(ans: Answer, ids: list[int], snippets: dict[int, str] | None = None) -> list[dict[str, Any]]:
    vocab, lang = ans.index.vocabulary, ans.lang
    out = []
    for i in ids:
        rec = ans.index.records[i]
        item: dict[str, Any] = {
            "iri": rec.iri,
            "title": rec.title(lang),
            "kind": sorted(rec.kinds),
            "submitters": [{"iri": s, "label": vocab.label("submitter", slug_of(s), lang)}
                           for s in rec.submitters if not s.startswith("_:")],
            "countries": sorted(rec.countries),
            "status": sorted(rec.statuses),
            "start": rec.start,
            "start_precision": rec.start_precision,
            "end": rec.end,
            "end_precision": rec.end_precision,
            "ongoing": rec.ongoing,
            "duration": rec.duration,
            "source": sorted(rec.sources),
            "gcm": sorted({c.value for c in rec.contributions if c.facet == "gcm"}, key=lambda v: int(v)),
        }
        if ans.selection.q:
            item["score"] = round(ans.counts.scores.get(i, 0.0), 4)
            if snippets and i in snippets:
                item["snippet"] = marked(snippets[i])
        out.append(item)
    return out


def page_json(ans: Answer, snippets: dict[int, str] | None = None) -> dict[str, Any]:
    sel = ans.selection
    return {
        "total": ans.counts.total,
        "page": sel.page if sel.page is not None else "all",
        "page_size": sel.page_size if sel.page is not None else ans.counts.total,
        "pages": ans.pages if sel.page is not None else 1,
        "sort": "".join(("-" if ans.selection.effective_sort()[1] else "", ans.selection.effective_sort()[0])),
        "facets": facet_json(ans),
        "facets_truncated": truncated(ans),
        "items": items_json(ans, ans.page_ids, snippets),
        "sparql": sparql_link(sel),
    }
