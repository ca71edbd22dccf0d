"""Every facet's counts equal an independent SPARQL count over the real built graph.

The SPARQL here is written for the test, from docs/MODEL.md, not produced by the explorer's code:
one GROUP BY per facet, under a few selections (none; a GCM objective; a funder with a status; a
basis; a year range), each facet's counts ignoring its own selection.
"""

from __future__ import annotations

import shutil
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest

from localaction_kg.config import PROJECT_ROOT
from localaction_kg.explore import FacetIndex, LiveIndex, parse_selection
from localaction_kg.explore.records import kebab
from localaction_kg.store.oxigraph import OxigraphStore

PREFIXES = """PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
"""
ID = "https://w3id.org/localaction-kg/id/"
ACTIONS = "VALUES ?cls { lak:Action lak:LocalAction lak:Pledge lak:Practice } ?a a ?cls ."
LAST = 'REPLACE(STR(?k), "^.*[/#]", "")'

#: facet -> (pattern binding ?v for each of the action's values, how ?v becomes the value key)
FACET_SPARQL: dict[str, str] = {
    "kind": "VALUES (?kc ?v) { (lak:LocalAction 'local-action') (lak:Pledge 'pledge') (lak:Practice 'practice') }"
            " ?a a ?kc .",
    **{name: f"?a lak:qualifiedContribution ?c . ?c lak:concept ?k . ?k a {cls} . BIND({LAST} AS ?v)"
       for name, cls in (("gcm", "lak:GCMObjective"), ("principle", "lak:GCMGuidingPrinciple"),
                         ("theme", "lak:CallTheme"), ("sdg_goal", "sdgo:Goal"), ("sdg_target", "sdgo:Target"),
                         ("gcr", "lak:GCRObjective"), ("grf", "lak:GRFAreaOfFocus"))},
    "country": "?a lak:submittedBy ?s . ?s lak:country ?cc . ?cc lak:iso3166Alpha3 ?code . "
               "BIND(UCASE(STR(?code)) AS ?v)",
    "region": "?a lak:submittedBy ?s . ?s lak:country ?cc . { ?cc lak:m49Region ?m } UNION { ?cc lak:m49SubRegion ?m }"
              " ?m skos:notation ?code . BIND(STR(?code) AS ?v)",
    "submitter": "?a lak:submittedBy ?k . FILTER(isIRI(?k)) BIND(" + LAST + " AS ?v)",
    "submitter_kind": "?a lak:submittedBy ?s . ?s a ?k . ?k rdfs:subClassOf* lak:Actor . "
                      "FILTER NOT EXISTS { ?s a ?u . ?u rdfs:subClassOf+ ?k . FILTER(?u != ?k) } "
                      "BIND(" + LAST + " AS ?v)",
    "funder": "?f lak:fundedAction ?a . { ?f lak:funder ?k } UNION { ?f lak:viaScheme ?k } UNION "
              "{ ?f lak:viaScheme ?sc . ?sc dcterms:isPartOf ?k } FILTER(isIRI(?k)) BIND(" + LAST + " AS ?v)",
    "funding_status": "?f lak:fundedAction ?a ; lak:fundingStatus ?k . BIND(" + LAST + " AS ?v)",
    "population": "?a lak:targetPopulation ?k . BIND(" + LAST + " AS ?v)",
    "status": "?a lak:status ?k . BIND(" + LAST + " AS ?v)",
    "source": "{ { ?a lak:presentedIn ?d } UNION { ?a prov:wasDerivedFrom ?sec . ?sec dcterms:isPartOf ?d } "
              f"FILTER(STRSTARTS(STR(?d), '{ID}source/')) "
              "BIND(CONCAT('source/', REPLACE(STR(?d), '^.*/', '')) AS ?v) }"
              " UNION { ?a prov:wasDerivedFrom ?ver . FILTER(REGEX(STR(?ver), '/id/submission/[^/]+/v[0-9]+$')) "
              "BIND(CONCAT('submission/', REPLACE(STR(?ver), '^.*/submission/([^/]+)/v[0-9]+$', '$1')) AS ?v) }",
    "basis": "?a lak:qualifiedContribution ?c . ?c lak:basis ?k ; lak:concept ?x . ?x a ?xt . VALUES ?xt { "
             "lak:GCMObjective lak:GCMGuidingPrinciple lak:CallTheme sdgo:Goal sdgo:Target lak:GCRObjective "
             "lak:GRFAreaOfFocus } BIND(IF(?k = lak:Inferred, IF(EXISTS { ?c lak:linkGrade lak:TextSupported }, "
             "'inferred-text', 'inferred-framework'), LCASE(" + LAST + ")) AS ?v)",
}
_KEBAB = {"submitter_kind", "population", "status", "funding_status"}

#: selections, each with the SPARQL pattern it adds for the other facets
SELECTIONS: dict[str, tuple[list[tuple[str, str]], dict[str, str]]] = {
    "none": ([], {}),
    "gcm-15": ([("gcm", "15")],
               {"gcm": f"?a lak:qualifiedContribution ?c1 . ?c1 lak:concept <{ID}gcm/objective/15> ."}),
    "gcf-funded-ongoing": ([("funder", "global-cities-fund"), ("funding_status", "funded"), ("status", "ongoing")],
                           {"funding": f"?f1 lak:fundedAction ?a ; lak:fundingStatus lak:Funded . "
                                       f"{{ ?f1 lak:viaScheme <{ID}scheme/global-cities-fund> }} UNION "
                                       f"{{ ?f1 lak:viaScheme ?ch1 . "
                                       f"?ch1 dcterms:isPartOf <{ID}scheme/global-cities-fund> }}",
                            "status": "?a lak:status lak:Ongoing ."}),
    "stated-gcm-or-country": ([("gcm", "15"), ("gcm", "23"), ("basis", "stated"), ("region", "150")],
                              {"gcm": f"?a lak:qualifiedContribution ?c1 . ?c1 lak:basis lak:Stated ; lak:concept ?o1 "
                                      f". VALUES ?o1 {{ <{ID}gcm/objective/15> <{ID}gcm/objective/23> }}",
                               "region": "?a lak:submittedBy ?s1 . ?s1 lak:country ?cc1 . "
                                         "{ ?cc1 lak:m49Region ?m1 } UNION { ?cc1 lak:m49SubRegion ?m1 } "
                                         "?m1 skos:notation '150' ."}),
    "years-2019-2021": ([("year", "2019-2021")],
                        {"year": 'FILTER(EXISTS { ?a lak:startDate ?y1 FILTER(?y1 <= "2021-12-31"^^xsd:date) } && '
                                 '(NOT EXISTS { ?a lak:endDate ?y2 } || EXISTS { ?a lak:endDate ?y3 FILTER(?y3 >= '
                                 '"2019-01-01"^^xsd:date) } || EXISTS { ?a lak:isOngoing true }))'}),
}
#: which selection patterns a facet ignores (its own, and for the basis-qualified facets their pair)
OWN = {"gcm": {"gcm"}, "funder": {"funding"}, "funding_status": {"funding"}, "status": {"status"},
       "region": {"region"}, "year": {"year"}, "basis": {"gcm"}}


@pytest.fixture(scope="module")
def store(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    path = tmp_path_factory.mktemp("explore-counts") / "store"
    shutil.copytree(kg_store, path)
    s = OxigraphStore(path)
    yield s
    s.close()


@pytest.fixture(scope="module")
def index(store: OxigraphStore) -> FacetIndex:
    return LiveIndex(store).current()


CONCEPT = ("gcm", "principle", "theme", "sdg_goal", "sdg_target", "gcr", "grf")


def _sparql_counts(store: OxigraphStore, facet: str, pairs: list[tuple[str, str]], context: dict[str, str]
                   ) -> dict[str, int]:
    pattern = FACET_SPARQL[facet]
    if facet in CONCEPT and ("basis", "stated") in pairs:
        pattern += " ?c lak:basis lak:Stated ."  # basis qualifies the same contribution
    gcm = [v for k, v in pairs if k == "gcm"]
    if facet == "basis" and gcm:  # each basis of a link to one of the selected objectives
        pattern += " VALUES ?x { " + " ".join(f"<{ID}gcm/objective/{v}>" for v in gcm) + " }"
    if facet == "funding_status" and ("funder", "global-cities-fund") in pairs:  # the same funding relation
        pattern += (f" {{ ?f lak:viaScheme <{ID}scheme/global-cities-fund> }} UNION {{ ?f lak:viaScheme ?ch . "
                    f"?ch dcterms:isPartOf <{ID}scheme/global-cities-fund> }} UNION "
                    f"{{ ?f lak:funder <{ID}actor/global-cities-fund> }}")
    if facet == "funder" and ("funding_status", "funded") in pairs:
        pattern += " ?f lak:fundingStatus lak:Funded ."
    skip = OWN.get(facet, set())
    extra = " ".join(p for k, p in context.items() if k not in skip)
    query = f"{PREFIXES}SELECT ?v (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {ACTIONS} {pattern} {extra} }} GROUP BY ?v"
    out: dict[str, int] = {}
    for row in store.query(query):  # type: ignore[union-attr]
        value = str(row["v"].value)
        out[kebab(value) if facet in _KEBAB else value] = int(row["n"].value)
    if facet == "basis":  # both inferred grades together
        both = query.replace("BIND(IF(?k = lak:Inferred", "FILTER(?k = lak:Inferred) BIND(IF(false")
        both = both.replace("SELECT ?v (COUNT", "SELECT (COUNT").replace("GROUP BY ?v", "")
        n = int(next(iter(store.query(both)))["n"].value)  # type: ignore[call-overload]
        if n:
            out["inferred"] = n
    return out


@pytest.mark.parametrize("name", list(SELECTIONS))
@pytest.mark.parametrize("facet", list(FACET_SPARQL))
def test_facet_counts_equal_sparql(store: OxigraphStore, index: FacetIndex, facet: str, name: str) -> None:
    pairs, context = SELECTIONS[name]
    sel = parse_selection(pairs, known=index.known_values())
    got = {vc.value: vc.count for vc in index.count(sel).facets[facet] if vc.count}
    expected = _sparql_counts(store, facet, pairs, context)
    assert got == expected, f"{facet} counts under selection {name}"
    if name == "none":
        assert got or facet in ("principle", "gcr"), f"{facet} has no value at all"


def test_year_counts_equal_the_ongoing_in_year_query(store: OxigraphStore, index: FacetIndex) -> None:
    """Each year's count is the number of actions queries/actions-ongoing-in-year.rq lists for it."""
    text = (PROJECT_ROOT / "queries" / "actions-ongoing-in-year.rq").read_text(encoding="utf-8")
    counts = {vc.value: vc.count for vc in index.count(parse_selection([])).facets["year"]}
    assert counts and set(counts) >= {"2019", "2022"}
    for year, n in counts.items():
        q = text.replace("2022-12-31", f"{year}-12-31").replace("2022-01-01", f"{year}-01-01")
        result = store.query(q)
        assert isinstance(result, ox.QuerySolutions)
        assert len({str(r["action"]) for r in result}) == n, year


def test_concept_counts_are_the_sum_of_their_basis_stacks(index: FacetIndex) -> None:
    values = index.count(parse_selection([])).facets["gcm"]
    assert len(values) >= 20  # most of the 23 GCM objectives have an action
    for vc in values:
        assert vc.by_basis is not None and sum(vc.by_basis.values()) == vc.count


def test_every_action_is_indexed(store: OxigraphStore, index: FacetIndex) -> None:
    query = f"{PREFIXES}SELECT (COUNT(DISTINCT ?a) AS ?n) WHERE {{ {ACTIONS} }}"
    n = int(next(iter(store.query(query)))["n"].value)  # type: ignore[call-overload]
    assert n == len(index) == index.count(parse_selection([])).total and n > 80
