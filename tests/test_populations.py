"""Invariants of the curated target populations (data/curated/populations.ttl).

Every action was reviewed (curation.yaml gives each one a ``populations`` mapping, empty when its
description names no group); every rationale quotes the action's own description; every population
is a concept of the ontology's scheme id/scheme/populations; every targeting node is named, typed
and mirrored by the ``lak:targetPopulation`` shortcut; and every action whose project description
in the source text says "IDP(s)" or "internally displaced" is tagged lak:IDPs, the expected set
being read from /work/shared/sources/002_34f54612af6dfd42.txt, not from our output.
Each check is shown able to fail on a bad fixture.
"""

from __future__ import annotations

import re
from pathlib import Path

import pyoxigraph as ox
import pytest
import yaml
from rdflib import Graph

from localaction_kg.config import PROJECT_ROOT, default_sources_dir
from localaction_kg.extract import ExtractPaths
from localaction_kg.extract.curated.curation_table import CurationError, load_graph, load_table
from localaction_kg.extract.curated.populations import build_populations

CURATED = PROJECT_ROOT / "data" / "curated"
POPULATIONS = CURATED / "populations.ttl"
TABLE = CURATED / "curation.yaml"
SOURCE_002 = "002_34f54612af6dfd42.txt"
LAK = "https://w3id.org/localaction-kg/ontology#"
ID = "https://w3id.org/localaction-kg/id/"
SCHEME = ID + "scheme/populations"
PREFIXES = f"""
PREFIX lak: <{LAK}>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX prov: <http://www.w3.org/ns/prov#>
"""
ACTIONS = "VALUES ?type { lak:Action lak:LocalAction lak:Pledge lak:Practice } ?a a ?type ."
QUOTE = re.compile(r"“([^”]*)”")
IDP_WORDS = re.compile(r"\bIDPs?\b|internally displaced", re.IGNORECASE)


def load(paths: list[Path]) -> ox.Store:
    s = ox.Store()
    for p in paths:
        s.load(path=str(p), format=ox.RdfFormat.TURTLE)
    return s


def base_files() -> list[Path]:
    """The sources and the ontology: everything but the curated populations."""
    return sorted(PROJECT_ROOT.glob("data/sources/*/*.ttl")) + sorted(PROJECT_ROOT.glob("ontology/*.ttl"))


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load([*base_files(), POPULATIONS])


def select(store: ox.Store, q: str) -> list[tuple[str, ...]]:
    return [tuple(t.value if t is not None else "" for t in sol) for sol in store.query(PREFIXES + q)]


def unquoted_rationales(store: ox.Store) -> list[tuple[str, str]]:
    """(targeting, fragment) for every curly-quoted fragment not in the action's description,
    and every curated targeting whose rationale quotes nothing."""
    rows = select(
        store,
        """SELECT ?t ?r ?d { ?a lak:qualifiedPopulation ?t . ?t lak:basis lak:Curated .
                            OPTIONAL { ?t lak:rationale ?r } OPTIONAL { ?a dcterms:description ?d } }""",
    )
    bad = []
    for t, rationale, description in rows:
        quotes = QUOTE.findall(rationale)
        if not quotes:
            bad.append((t, "(no quote)"))
        bad += [(t, q) for q in quotes if q not in description]
    return bad


def concepts_outside_scheme(store: ox.Store) -> list[str]:
    """Every population an action is linked to (qualified or shortcut) that is not in the scheme."""
    rows = select(
        store,
        f"""SELECT DISTINCT ?p {{ {{ ?t lak:population ?p }} UNION {{ ?a lak:targetPopulation ?p }}
                 FILTER NOT EXISTS {{ ?p a skos:Concept ; skos:inScheme <{SCHEME}> }} }}""",
    )
    return sorted(p for (p,) in rows)


def _norm(text: str) -> str:
    """Text without the rendering's markup: [label](#) links, *emphasis*, runs of spaces."""
    return " ".join(re.sub(r"\[([^\]]*)\]\([^)]*\)", r"\1", text).replace("*", "").split())


def idp_actions_in_source(store: ox.Store) -> set[str]:
    """Actions whose project description paragraph in source 002 names IDPs, read from the text.

    The paragraph is matched to its action by its first 120 characters (the text's two-titles-
    then-two-descriptions blocks make titles unreliable for this)."""
    text = (default_sources_dir() / SOURCE_002).read_text(encoding="utf-8")
    paragraphs = [
        _norm(line.strip().removeprefix("PROJECT DESCRIPTION"))
        for line in text.splitlines()
        if line.strip().startswith("PROJECT DESCRIPTION")
    ]
    assert len(paragraphs) == 70
    descriptions = select(store, f"SELECT DISTINCT ?a ?d {{ {ACTIONS} ?a dcterms:description ?d }}")
    found = set()
    for paragraph in paragraphs:
        if not IDP_WORDS.search(paragraph):
            continue
        match = [a for a, d in descriptions if _norm(d).startswith(paragraph[:120])]
        assert len(match) == 1, paragraph[:120]
        found.add(match[0])
    return found


def tagged(store: ox.Store, population: str) -> set[str]:
    rows = select(
        store,
        f"""SELECT ?a {{ ?a lak:targetPopulation lak:{population} ; lak:qualifiedPopulation ?t .
                        ?t lak:population lak:{population} ; lak:basis lak:Curated }}""",
    )
    return {a for (a,) in rows}


def test_every_action_was_reviewed(store: ox.Store) -> None:
    table = yaml.safe_load(TABLE.read_text(encoding="utf-8"))
    actions = {a.rsplit("/", 1)[1] for (a,) in select(store, f"SELECT DISTINCT ?a {{ {ACTIONS} }}")}
    assert len(actions) == 83
    assert sorted(a for a in actions if "populations" not in (table.get(a) or {})) == []
    with_population = {
        a for (a,) in select(store, f"SELECT DISTINCT ?a {{ {ACTIONS} ?a lak:targetPopulation ?p }}")
    }
    assert len(with_population) > 60


def test_every_rationale_quotes_the_description(store: ox.Store) -> None:
    (n,) = select(store, "SELECT (COUNT(?t) AS ?n) { ?t a lak:PopulationTargeting ; lak:rationale ?r }")[0]
    assert int(n) > 100
    assert unquoted_rationales(store) == []


def test_the_quote_check_can_fail() -> None:
    bad = ox.Store()
    a = ox.NamedNode(ID + "action/example")
    t = ox.NamedNode(ID + "population-targeting/example/idps")
    bad.extend(
        [
            ox.Quad(
                a,
                ox.NamedNode("http://purl.org/dc/terms/description"),
                ox.Literal("The city trains newcomers."),
            ),
            ox.Quad(a, ox.NamedNode(LAK + "qualifiedPopulation"), t),
            ox.Quad(t, ox.NamedNode(LAK + "basis"), ox.NamedNode(LAK + "Curated")),
            ox.Quad(
                t,
                ox.NamedNode(LAK + "rationale"),
                ox.Literal(
                    "For internally displaced persons: the description says “trains” and “houses IDPs”."
                ),
            ),
        ]
    )
    assert unquoted_rationales(bad) == [(t.value, "houses IDPs")]


def test_populations_are_concepts_of_their_scheme(store: ox.Store) -> None:
    assert concepts_outside_scheme(store) == []
    used = {p for (p,) in select(store, "SELECT DISTINCT ?p { ?t lak:population ?p }")}
    assert {LAK + "IDPs", LAK + "Migrants", LAK + "Refugees", LAK + "ChildrenAndYouth", LAK + "Women"} <= used


def test_the_scheme_check_can_fail() -> None:
    bad = load(sorted(PROJECT_ROOT.glob("ontology/*.ttl")))
    a = ox.NamedNode(ID + "action/example")
    bad.add(ox.Quad(a, ox.NamedNode(LAK + "targetPopulation"), ox.NamedNode(LAK + "ClimateDisplaced")))
    bad.add(ox.Quad(a, ox.NamedNode(LAK + "targetPopulation"), ox.NamedNode(LAK + "IDPs")))
    assert concepts_outside_scheme(bad) == [LAK + "ClimateDisplaced"]


def test_targetings_are_named_typed_and_shortcut(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?a ?t ?p ?b ?src { ?a lak:qualifiedPopulation ?t . ?t a lak:PopulationTargeting ;
              lak:population ?p ; lak:basis ?b ; prov:wasDerivedFrom ?src }""",
    )
    total = select(store, "SELECT (COUNT(?t) AS ?n) { ?a lak:qualifiedPopulation ?t }")[0][0]
    assert len(rows) == int(total) > 100
    for a, t, p, b, _ in rows:
        slug = a.rsplit("/", 1)[1]
        pop = re.sub(r"(?<=[a-z])(?=[A-Z])", "-", p.removeprefix(LAK)).lower()
        assert t == f"{ID}population-targeting/{slug}/{pop}"
        assert b == LAK + "Curated"
    own = load([POPULATIONS])
    assert (
        select(
            own,
            "SELECT ?a ?p { ?a lak:qualifiedPopulation/lak:population ?p "
            "FILTER NOT EXISTS { ?a lak:targetPopulation ?p } }",
        )
        == []
    )
    assert (
        select(
            own,
            "SELECT ?a ?p { ?a lak:targetPopulation ?p "
            "FILTER NOT EXISTS { ?a lak:qualifiedPopulation/lak:population ?p } }",
        )
        == []
    )


def test_actions_the_source_says_are_for_idps_are_tagged(store: ox.Store) -> None:
    expected = idp_actions_in_source(store)
    assert len(expected) == 10
    assert ID + "action/addis-ababa-koyefeche-idps-water-entrepreneurship" in expected
    assert ID + "action/hargeisa-daami-idps-resettlement-livelihoods" in expected  # "internally displaced"
    assert sorted(expected - tagged(store, "IDPs")) == []


def test_the_idp_check_can_fail() -> None:
    untagged = load(base_files())
    expected = idp_actions_in_source(untagged)
    assert sorted(expected - tagged(untagged, "IDPs")) == sorted(expected)


def test_every_description_naming_idps_is_tagged(store: ox.Store) -> None:
    naming = {
        a
        for a, d in select(store, f"SELECT DISTINCT ?a ?d {{ {ACTIONS} ?a dcterms:description ?d }}")
        if IDP_WORDS.search(d)
    }
    assert len(naming) >= 11  # the ten actions of source 002 and the Global Cities Fund practice (004)
    assert sorted(naming - tagged(store, "IDPs")) == []


BAD_TABLES = [
    (
        "    IDPs: keep IDP children in school\n",
        "    IDPs: keep IDP children at home\n",
        "dedougou-school-idp-students population IDPs: not verbatim in the description: "
        "['keep IDP children at home']",
    ),
    (
        "    IDPs: keep IDP children in school\n",
        "    ClimateDisplaced: keep IDP children in school\n",
        "dedougou-school-idp-students population ClimateDisplaced: not a concept of "
        f"{SCHEME} in ontology/*.ttl",
    ),
    (
        "  populations: {}  # a commemoration; names no group it serves\n",
        "",
        "lampedusa-peace-walk-shipwreck-tribute: no populations (add `populations:`",
    ),
]


@pytest.fixture(scope="module")
def sources_graph() -> Graph:
    return load_graph(ExtractPaths())


@pytest.mark.parametrize(("old", "new", "message"), BAD_TABLES, ids=["quote", "concept", "missing"])
def test_extract_refuses_a_bad_table(tmp_path: Path, sources_graph: Graph, old: str, new: str, message: str) -> None:
    """(That ``localaction-kg extract`` regenerates populations.ttl byte for byte is in test_extract.py.)"""
    text = TABLE.read_text(encoding="utf-8")
    assert text.count(old) == 1
    bad = tmp_path / "curation.yaml"
    bad.write_text(text.replace(old, new), encoding="utf-8")
    with pytest.raises(CurationError) as refused:
        build_populations(load_table(bad), sources_graph, PROJECT_ROOT / "ontology")
    assert message in str(refused.value)
