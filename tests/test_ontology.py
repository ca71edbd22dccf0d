"""The OWL ontology: the MODEL.md contract, header, house style, HermiT consistency, OWL RL behaviour."""

from __future__ import annotations

import re
from pathlib import Path

import owlrl
import pytest
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import OWL, RDF, RDFS, SKOS, XSD

from localaction_kg.config import PROJECT_ROOT
from localaction_kg.graphbuild.ontology_check import (
    check_consistency,
    load_ontology,
    ontology_files,
)
from localaction_kg.namespaces import LAK, PROV, VANN

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
SAMPLE = FIXTURES / "sample-data.ttl"
ONTOLOGY_IRI = URIRef("https://w3id.org/localaction-kg/ontology")
ID = "https://w3id.org/localaction-kg/id/"
DECLARED_KINDS = {
    OWL.Class, OWL.ObjectProperty, OWL.DatatypeProperty, OWL.AnnotationProperty, OWL.NamedIndividual
}


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _declared(g: Graph) -> set[URIRef]:
    return {s for s, o in g.subject_objects(RDF.type) if o in DECLARED_KINDS and isinstance(s, URIRef)}


# -- The contract ---------------------------------------------------------------------------------


def test_every_term_named_in_model_md_section_3_is_declared(ontology: Graph) -> None:
    model = (PROJECT_ROOT / "docs" / "MODEL.md").read_text(encoding="utf-8")
    section3 = model[model.index("## 3. Ontology terms"):]
    named = set(re.findall(r"\blak:([A-Za-z0-9]+)", section3))
    assert len(named) > 100, "MODEL.md section 3 should name well over a hundred terms"
    missing = sorted(n for n in named if LAK[n] not in _declared(ontology))
    assert not missing, f"terms named in docs/MODEL.md but not declared in ontology/*.ttl: {missing}"


def test_one_file_per_module_and_the_header_in_core() -> None:
    names = {p.stem for p in ontology_files()}
    assert {"core", "actors", "actions", "frameworks", "contributions", "funding", "events", "sources",
            "alignments"} <= names
    core = Graph().parse(PROJECT_ROOT / "ontology" / "core.ttl")
    assert (ONTOLOGY_IRI, RDF.type, OWL.Ontology) in core


def test_header_metadata(ontology: Graph) -> None:
    from rdflib.namespace import DCTERMS

    header = ONTOLOGY_IRI
    assert ontology.value(header, DCTERMS.license) == URIRef("https://creativecommons.org/licenses/by/4.0/")
    assert re.fullmatch(r"https://w3id\.org/localaction-kg/ontology/\d{4}-\d{2}-\d{2}",
                        str(ontology.value(header, OWL.versionIRI)))
    assert ontology.value(header, VANN.preferredNamespacePrefix) == Literal("lak")
    assert str(ontology.value(header, VANN.preferredNamespaceUri)) == str(LAK)
    for p in (DCTERMS.title, DCTERMS.description, DCTERMS.created, DCTERMS.modified, OWL.versionInfo):
        assert ontology.value(header, p) is not None, p


def test_no_rdfs_range_outside_the_owl2_datatype_map(ontology: Graph) -> None:
    """xsd:date and friends break HermiT and OWL 2 DL; their datatype is SHACL's job."""
    allowed = {XSD.string, XSD.integer, XSD.boolean, XSD.decimal, XSD.dateTime, XSD.anyURI}
    props = set(ontology.subjects(RDF.type, OWL.DatatypeProperty))
    ranges = [(p, r) for p in props for r in ontology.objects(p, RDFS.range)]
    # every datatype range the Turtle files write (xsd:, rdf: or rdfs:) is one of those checked below
    text = "".join(path.read_text(encoding="utf-8") for path in ontology_files())
    written = re.findall(r"rdfs:range\s+(?:xsd|rdfs?):\w+", text)
    assert len(ranges) == len(written) > 0
    for prop, r in ranges:
        assert r in allowed, f"{prop} has range {r}, not in the OWL 2 datatype map"


def test_basis_individuals_and_their_rank(ontology: Graph) -> None:
    ranks = {b: ontology.value(b, LAK.basisRank) for b in (LAK.Stated, LAK.Curated, LAK.Inferred)}
    assert {b: int(r) for b, r in ranks.items()} == {LAK.Stated: 3, LAK.Curated: 2, LAK.Inferred: 1}
    for b in ranks:
        assert {OWL.NamedIndividual, SKOS.Concept, LAK.Basis} <= set(ontology.objects(b, RDF.type))
        assert ontology.value(b, SKOS.inScheme) == URIRef(ID + "scheme/basis")


@pytest.mark.parametrize(
    ("term", "kind"),
    [
        (PROV.wasDerivedFrom, OWL.ObjectProperty),
        (URIRef("https://schema.org/value"), OWL.DatatypeProperty),
        (URIRef("http://www.w3.org/ns/org#Organization"), OWL.Class),
        (SKOS.prefLabel, OWL.AnnotationProperty),
    ],
    ids=["prov:wasDerivedFrom", "schema:value", "org:Organization", "skos:prefLabel"],
)
def test_external_terms_are_declared_with_their_vocabulary(ontology: Graph, term: URIRef, kind: URIRef) -> None:
    assert (term, RDF.type, kind) in ontology
    assert ontology.value(term, RDFS.isDefinedBy) is not None


def test_terms_are_grouped_under_banners_and_alphabetical_within_a_kind(ontology: Graph) -> None:
    """House style: `# -- Group ----` banners, and inside a group classes, properties and individuals
    each in alphabetical order (the order of appearance in the file); controlled values follow their
    concept scheme, alphabetical within it."""
    decl = re.compile(r"^((?!lakscheme:)[a-z]+:[A-Za-z0-9]+) a (owl:[A-Za-z]+)", re.M)
    files = ontology_files()
    assert len(files) >= 9  # the nine modules of test_one_file_per_module_and_the_header_in_core
    runs: list[tuple[str, str]] = []  # (file name, one group, or one concept scheme's run inside a group)
    for path in files:
        groups = re.split(r"^# -- .+ -+$", path.read_text(encoding="utf-8"), flags=re.M)
        assert len(groups) > 1, f"{path.name}: no `# -- Group ----` banner"
        runs += [(path.name, run) for group in groups[1:] for run in re.split(r"^(?=lakscheme:)", group, flags=re.M)]
    # every term of our namespace that rdflib finds declared is in some run, so its order is checked
    checked = {term for _name, run in runs for term, _kind in decl.findall(run)}
    ours = {"lak:" + t.removeprefix(str(LAK)) for t in _declared(ontology) if t.startswith(str(LAK))}
    assert len(ours) > 100 and ours <= checked, f"declared but outside any group: {sorted(ours - checked)}"
    for name, group in runs:
        by_kind: dict[str, list[str]] = {}
        for term, kind in decl.findall(group):
            by_kind.setdefault(kind, []).append(term)
        for kind, terms in by_kind.items():
            assert terms == sorted(terms, key=str.lower), f"{name}: {kind} not alphabetical: {terms}"


# -- HermiT ---------------------------------------------------------------------------------------


def test_ontology_alone_is_consistent_with_every_class_satisfiable() -> None:
    report = check_consistency(ontology_files())
    assert report.ok, report.explain()


def test_ontology_with_realistic_sample_data_is_consistent() -> None:
    report = check_consistency(ontology_files(), SAMPLE)
    assert report.ok, report.explain()
    assert report.triples > len(load_ontology())


@pytest.mark.parametrize("fixture", sorted((FIXTURES / "inconsistent").glob("*.ttl")), ids=lambda p: p.stem)
def test_inconsistent_fixture_is_reported_inconsistent(fixture: Path) -> None:
    report = check_consistency(ontology_files(), [SAMPLE, fixture])
    assert report.consistent is False, f"{fixture.name}: {report.explain()}"
    assert "INCONSISTENT" in report.explain()


def test_no_state_leaks_between_reasoner_runs() -> None:
    """An inconsistent run, then a consistent one, in the same process: each World is fresh."""
    bad = check_consistency(ontology_files(), FIXTURES / "inconsistent" / "action-and-actor.ttl")
    good = check_consistency(ontology_files(), SAMPLE)
    assert (bad.consistent, good.consistent) == (False, True)


def test_the_committed_data_is_consistent_with_the_ontology() -> None:
    data = [p for p in (PROJECT_ROOT / "data").rglob("*.ttl") if "examples" not in p.parts]
    assert data, "no data committed yet"
    report = check_consistency(ontology_files(), data)
    assert report.ok, report.explain()


def test_bad_turtle_is_a_clear_error_naming_the_file(tmp_path: Path) -> None:
    broken = tmp_path / "broken.ttl"
    broken.write_text(f"@prefix lak: <{LAK}> .\nlak:X a lak:Y", encoding="utf-8")
    with pytest.raises(ValueError, match="broken.ttl: not valid Turtle"):
        check_consistency(ontology_files(), broken)


# -- OWL RL: the axioms give the closure something to do -----------------------------------------------


def test_owl_rl_closure_derives_inverses_chains_and_superclasses(ontology: Graph) -> None:
    """With a complete OWL 2 RL reasoner (owlrl implements rule prp-spo2, property chains)."""
    new = Graph()
    new += ontology
    new.parse(SAMPLE)
    owlrl.DeductiveClosure(owlrl.OWLRL_Semantics, axiomatic_triples=False, datatype_axioms=False).expand(new)
    accra = URIRef(ID + "actor/accra")
    action = URIRef(ID + "action/accra-climate-vulnerabilities-migrants")
    # inverse: lak:submitted owl:inverseOf lak:submittedBy
    assert (accra, LAK.submitted, action) in new
    # property chain: qualifiedContribution o concept -> contributesTo
    assert (action, LAK.contributesTo, URIRef(ID + "gcm/objective/2")) in new
    # property chain: inverse(participant) o inEvent -> tookPartIn
    assert (accra, LAK.tookPartIn, URIRef(ID + "event/africa-europe-mayors-dialogue-meeting-2022")) in new
    # property chain: inverse(fundedAction) o funder -> fundedBy
    germany_pledge = URIRef(ID + "action/germany-support-mayors-mechanism")
    assert (germany_pledge, LAK.fundedBy, URIRef(ID + "actor/germany")) in new
    # subclasses: a city is an actor, an LRG and a prov:Agent
    for cls in (LAK.Actor, LAK.LocalRegionalGovernment, PROV.Agent):
        assert (accra, RDF.type, cls) in new


def test_missing_java_is_a_clear_error_not_a_crash(monkeypatch: pytest.MonkeyPatch) -> None:
    import owlready2

    monkeypatch.setattr(owlready2, "JAVA_EXE", "/nonexistent/java")
    report = check_consistency(ontology_files())
    assert report.consistent is None and not report.ok
    assert "openjdk-17-jre-headless" in report.explain()
