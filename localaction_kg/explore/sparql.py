""""This view as SPARQL": the query that returns a selection's actions, for the query editor.

The query is written from the selection alone (not from the index), in the endpoint's own terms,
so a reader can check and change it. Without ``q`` it returns exactly the explorer's rows; the
search has no SPARQL equivalent (BM25, accents), so ``q`` becomes a case-insensitive CONTAINS on
each word, said so in a comment. No property paths (Virtuoso, docs/STORES.md).
"""

from __future__ import annotations

import re

from ..namespaces import DEFAULT_BASE
from .extract import ACTION_CLASSES, CONCEPT_FACETS
from .facets import CONCEPT
from .selection import Selection

__all__ = ["selection_query"]

LAK = DEFAULT_BASE + "ontology#"
ID = DEFAULT_BASE + "id/"

_CONCEPT_IRI = {
    "gcm": ID + "gcm/objective/{}",
    "principle": ID + "gcm/principle/{}",
    "theme": ID + "theme/{}",
    "sdg_goal": "http://metadata.un.org/sdg/{}",
    "sdg_target": "http://metadata.un.org/sdg/{}",
    "gcr": ID + "gcr/objective/{}",
    "grf": ID + "grf/area/{}",
}
_KIND_CLASS = {v: k for k, v in ACTION_CLASSES.items()}
_BASIS_TEST = {
    "stated": "?{b} = lak:Stated",
    "curated": "?{b} = lak:Curated",
    "inferred-text": "(?{b} = lak:Inferred && EXISTS {{ ?{c} lak:linkGrade lak:TextSupported }})",
    "inferred-framework": "(?{b} = lak:Inferred && NOT EXISTS {{ ?{c} lak:linkGrade lak:TextSupported }})",
}
_PREFIXES = """PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""


def _iris(values: tuple[str, ...], pattern: str) -> str:
    return " ".join(f"<{pattern.format(v)}>" for v in values)


def _strings(values: tuple[str, ...]) -> str:
    return ", ".join('"' + v.replace("\\", "\\\\").replace('"', '\\"') + '"' for v in values)


def _basis_filter(bases: tuple[str, ...] | None, b: str, c: str) -> str:
    if bases is None:
        return ""
    return "  FILTER(" + " || ".join(_BASIS_TEST[x].format(b=b, c=c) for x in bases) + ")\n"


def selection_query(sel: Selection) -> str:
    """A SELECT returning ``?action`` and ``?title`` for every action the selection matches.

    >>> from localaction_kg.explore.selection import parse_selection
    >>> q = selection_query(parse_selection([("gcm", "15"), ("basis", "stated")]))
    >>> "<https://w3id.org/localaction-kg/id/gcm/objective/15>" in q and "lak:Stated" in q
    True
    """
    lines: list[str] = []
    said = [f"{k}={v}" for k in sel.values for v in sel.values[k]] + [f"year={y}" for y in sel.selected("year")]
    lines.append("# The explorer's selection: " + ("; ".join(said) if said else "every action"))
    bases = sel.bases
    for name in CONCEPT:
        values = sel.values.get(name)
        if not values:
            continue
        c, k, b = f"c_{name}", f"k_{name}", f"b_{name}"
        lines.append(f"  ?action lak:qualifiedContribution ?{c} . ?{c} lak:concept ?{k} ; lak:basis ?{b} .")
        lines.append(f"  VALUES ?{k} {{ {_iris(values, _CONCEPT_IRI[name])} }}")
        lines.append(_basis_filter(bases, b, c).rstrip("\n"))
    if bases is not None and not any(n in sel.values for n in CONCEPT):
        classes = " ".join(f"<{t}>" for t in CONCEPT_FACETS)
        lines.append("  # a link of that basis to a concept of one of the framework facets")
        lines.append("  ?action lak:qualifiedContribution ?c_any . ?c_any lak:concept ?k_any ; lak:basis ?b_any .")
        lines.append(f"  ?k_any a ?t_any . VALUES ?t_any {{ {classes} }}")
        lines.append(_basis_filter(bases, "b_any", "c_any").rstrip("\n"))
    v = sel.values
    if "kind" in v:
        lines.append(f"  ?action a ?kind . VALUES ?kind {{ {' '.join(f'<{_KIND_CLASS[x]}>' for x in v['kind'])} }}")
    if "country" in v:
        lines.append("  ?action lak:submittedBy ?s_country . ?s_country lak:country ?country . "
                     "?country lak:iso3166Alpha3 ?iso3 .")
        lines.append(f"  FILTER(UCASE(STR(?iso3)) IN ({_strings(v['country'])}))")
    if "region" in v:
        lines.append("  ?action lak:submittedBy ?s_region . ?s_region lak:country ?c_region .")
        lines.append("  { ?c_region lak:m49Region ?m49 } UNION { ?c_region lak:m49SubRegion ?m49 }")
        lines.append(f"  ?m49 skos:notation ?m49code . FILTER(STR(?m49code) IN ({_strings(v['region'])}))")
    if "submitter" in v:
        lines.append(f"  ?action lak:submittedBy ?submitter . VALUES ?submitter {{ "
                     f"{_iris(v['submitter'], ID + 'actor/{}')} }}")
    if "submitter_kind" in v:
        classes = " ".join(f"lak:{_camel(x)}" for x in v["submitter_kind"])
        lines.append(f"  ?action lak:submittedBy ?s_kind . ?s_kind a ?kind_class . VALUES ?kind_class {{ {classes} }}")
        lines.append("  # the most specific kind: no other type of the submitter specialises it")
        lines.append("  FILTER NOT EXISTS { ?s_kind a ?narrower . ?narrower rdfs:subClassOf ?kind_class . "
                     "FILTER(?narrower != ?kind_class) }")
    if "funder" in v or "funding_status" in v:
        lines.append("  ?funding lak:fundedAction ?action .")
        if "funder" in v:
            funders = _iris(v["funder"], ID + "actor/{}") + " " + _iris(v["funder"], ID + "scheme/{}")
            lines.append("  { ?funding lak:funder ?funder } UNION { ?funding lak:viaScheme ?funder }")
            lines.append("  UNION { ?funding lak:viaScheme ?chapter . ?chapter dcterms:isPartOf ?funder }")
            lines.append(f"  VALUES ?funder {{ {funders} }}")
        if "funding_status" in v:
            lines.append(f"  ?funding lak:fundingStatus ?funding_status . VALUES ?funding_status {{ "
                         f"{' '.join(f'lak:{_camel(x)}' for x in v['funding_status'])} }}")
    if "population" in v:
        lines.append(f"  ?action lak:targetPopulation ?population . VALUES ?population {{ "
                     f"{' '.join(f'lak:{_camel(x)}' for x in v['population'])} }}")
    if "status" in v:
        lines.append(f"  ?action lak:status ?status . VALUES ?status {{ "
                     f"{' '.join(f'lak:{_camel(x)}' for x in v['status'])} }}")
    if "source" in v:
        parts = []
        for src in v["source"]:
            if src.startswith("source/"):
                doc = f"<{ID}{src}>"
                parts.append(f"{{ ?action lak:presentedIn {doc} }} UNION "
                             f"{{ ?action prov:wasDerivedFrom ?section . ?section dcterms:isPartOf {doc} }}")
            else:
                prefix = f"{ID}{src}/v"
                parts.append(f"{{ ?action prov:wasDerivedFrom ?version . "
                             f'FILTER(STRSTARTS(STR(?version), "{prefix}")) }}')
        lines.append("  " + " UNION ".join(parts))
    if sel.years:
        tests = []
        for first, last in sel.years:
            tests.append(f'(EXISTS {{ ?action lak:startDate ?start FILTER(?start <= "{last}-12-31"^^xsd:date) }}'
                         f" && (NOT EXISTS {{ ?action lak:endDate ?anyEnd }}"
                         f' || EXISTS {{ ?action lak:endDate ?end FILTER(?end >= "{first}-01-01"^^xsd:date) }}'
                         f" || EXISTS {{ ?action lak:isOngoing true }}))")
        lines.append("  # under way at some point in the years (as queries/actions-ongoing-in-year.rq)")
        lines.append("  FILTER(" + "\n      || ".join(tests) + ")")
    if sel.q:
        words = re.findall(r"\w+", sel.q.lower())
        lines.append("  # the explorer's search ranks by BM25 and ignores accents; this only approximates it:")
        lines.append("  # every word in a title, description, or a submitter's or partner's name")
        for n, word in enumerate(words[:32]):
            lines.append(f"  FILTER EXISTS {{ {{ ?action dcterms:title ?text{n} }} UNION {{ ?action "
                         f"dcterms:description ?text{n} }} UNION {{ ?action lak:submittedBy ?who{n} . ?who{n} "
                         f"skos:prefLabel ?text{n} }} UNION {{ ?action lak:partner ?who{n} . ?who{n} "
                         f'skos:prefLabel ?text{n} }} FILTER(CONTAINS(LCASE(STR(?text{n})), "{word}")) }}')
    header = lines[0]
    body = "\n".join(x for x in lines[1:] if x)
    classes = " ".join(f"<{c}>" for c in (LAK + "Action", *ACTION_CLASSES))
    return (f"{header}\n{_PREFIXES}SELECT ?action (MIN(STR(?t)) AS ?title)\nWHERE {{\n"
            f"  VALUES ?class {{ {classes} }}\n  ?action a ?class .\n{body}\n"
            "  OPTIONAL { { ?action dcterms:title ?t } UNION { ?action rdfs:label ?t } }\n"
            "}\nGROUP BY ?action\nORDER BY ?title ?action\n")


def _camel(slug: str) -> str:
    """A parameter value back to its ontology local name.

    >>> _camel("lrg-association"), _camel("children-and-youth"), _camel("idps"), _camel("funded")
    ('LRGAssociation', 'ChildrenAndYouth', 'IDPs', 'Funded')
    """
    special = {"lrg": "LRG", "idps": "IDPs"}
    return "".join(special.get(p, p.capitalize()) for p in slug.split("-"))
