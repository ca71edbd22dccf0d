"""shapes/graph.ttl: the whole-graph SHACL shapes, on good data, bad fixtures and the committed graph."""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from pyshacl import validate
from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SH

from localaction_kg.config import PROJECT_ROOT, default_sources_dir
from localaction_kg.graphbuild.ontology_check import load_ontology
from localaction_kg.graphbuild.validate import Problem, validate_graph
from localaction_kg.layout import SOURCE_FILES
from localaction_kg.namespaces import LAK

GRAPH_SHAPES = PROJECT_ROOT / "shapes" / "graph.ttl"
FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
SAMPLE = FIXTURES / "sample-data.ttl"
BAD = FIXTURES / "graph-shapes"
LAKSH = "https://w3id.org/localaction-kg/shapes#"
SFAX = "https://w3id.org/localaction-kg/id/action/sfax-migrants-access-services-covid-19"


@pytest.fixture(scope="module")
def shapes() -> Graph:
    return Graph().parse(GRAPH_SHAPES)


@pytest.fixture(scope="module")
def ontology() -> Graph:
    return load_ontology()


def _problems(data: Graph, shapes: Graph, ontology: Graph) -> list[Problem]:
    return validate_graph(data, shapes, ontology)


def _fired(data: Graph, shapes: Graph, ontology: Graph) -> set[str]:
    """Names of the laksh: shapes that report on ``data``."""
    _c, report, _t = validate(data, shacl_graph=shapes, ont_graph=ontology, inference="none", advanced=True,
                              allow_warnings=True)
    assert isinstance(report, Graph)
    return {str(s)[len(LAKSH):] for r in report.subjects(RDF.type, SH.ValidationResult)
            for s in [report.value(r, SH.sourceShape)] if isinstance(s, URIRef) and str(s).startswith(LAKSH)}


def _expected(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {n for line in lines if line.startswith("# expect:") for n in line.split(":", 1)[1].split()}


def _source_text(number: str) -> str:
    return (default_sources_dir() / SOURCE_FILES[number]).read_text(encoding="utf-8")


# -- The shapes file itself --------------------------------------------------------------------------


def test_every_constraint_shape_has_an_english_message_and_a_severity(shapes: Graph) -> None:
    constraint_keys = {SH.minCount, SH.maxCount, SH["class"], SH.datatype, SH["in"], SH.pattern, SH["or"],
                       SH.lessThanOrEquals, SH.nodeKind, SH.hasValue, SH.uniqueLang, SH.minInclusive,
                       SH.qualifiedValueShape}
    named = {s for s in shapes.subjects() if isinstance(s, URIRef) and str(s).startswith(LAKSH)}
    # grouping node shapes (target + sh:property only) are left out, the property shapes at least are in
    constrained = sorted(s for s in named if any(shapes.value(s, k) is not None for k in constraint_keys))
    property_shapes = set(shapes.subjects(RDF.type, SH.PropertyShape))
    assert len(constrained) >= len(property_shapes) > 40
    for shape in constrained:
        messages = list(shapes.objects(shape, SH.message))
        assert any(isinstance(m, Literal) and m.language == "en" for m in messages), f"{shape}: no message"
        assert shapes.value(shape, SH.severity) in (SH.Violation, SH.Warning, SH.Info), f"{shape}: severity"


def test_core_constraints_only(shapes: Graph) -> None:
    assert not list(shapes.subject_objects(SH.sparql)), "shapes/graph.ttl must not use sh:sparql (cost)"
    assert not list(shapes.subjects(RDF.type, SH.SPARQLTarget))


# -- Good data ----------------------------------------------------------------------------------------


def test_sample_data_has_no_violation_and_only_the_sfax_warning(shapes: Graph, ontology: Graph) -> None:
    problems = _problems(Graph().parse(SAMPLE), shapes, ontology)
    assert [p for p in problems if p.is_violation] == []
    assert [(p.severity, p.focus, p.shape) for p in problems] == [
        ("Warning", SFAX, LAKSH + "ActionDateOrderShape")
    ]


def test_sfax_dates_in_the_sample_are_as_the_source_states_them() -> None:
    """The warning is about the source, not our extraction: 002 prints an end before the start."""
    text = _source_text("002")
    block = text[text.index("\nSFAX\n"):]
    assert re.search(r"DURATION: May 2022 - Sept 2020", block[:400])
    data = Graph().parse(SAMPLE)
    action = URIRef(SFAX)
    assert str(data.value(action, LAK.durationAsStated)) == "May 2022 - Sept 2020"
    assert (str(data.value(action, LAK.startDate)), str(data.value(action, LAK.endDate))) == (
        "2022-05-01", "2020-09-30")


def test_sample_facts_are_verbatim_in_the_sources() -> None:
    data = Graph().parse(SAMPLE)
    texts = {n: " ".join(_source_text(n).split()) for n in ("001", "002")}  # line breaks as spaces
    props = (DCTERMS.title, LAK.asWritten, LAK.durationAsStated)
    quoted = [str(o) for p in props for o in data.objects(None, p)]
    # as many values as the Turtle text writes these predicates: none is missed by the loop below
    written = re.findall(r"\b(?:dcterms:title|lak:asWritten|lak:durationAsStated)\b", SAMPLE.read_text("utf-8"))
    assert len(quoted) == len(written) > 0
    for q in quoted:
        q = " ".join(q.split())
        assert any(q in t for t in texts.values()), f"not verbatim in sources 001/002: {q!r}"


# -- Bad data ----------------------------------------------------------------------------------------


@pytest.mark.parametrize("fixture", sorted(BAD.glob("*.ttl")), ids=lambda p: p.stem)
def test_shapes_fire_on_bad_fixture(fixture: Path, shapes: Graph, ontology: Graph) -> None:
    expected = _expected(fixture)
    assert expected, f"{fixture.name} has no `# expect:` line"
    fired = _fired(Graph().parse(fixture), shapes, ontology)
    assert expected - fired == set(), f"did not fire on {fixture.name}: {sorted(expected - fired)}"


def test_every_shape_fires_on_at_least_one_bad_fixture(shapes: Graph, ontology: Graph) -> None:
    """Coverage: a shape that never fires is either dead or untested."""
    all_shapes = {str(s)[len(LAKSH):] for s in shapes.subjects(SH.message, None)
                  if isinstance(s, URIRef) and str(s).startswith(LAKSH)}
    assert len(all_shapes) > 40
    fired: set[str] = set()
    for fixture in BAD.glob("*.ttl"):
        fired |= _fired(Graph().parse(fixture), shapes, ontology)
    assert all_shapes - fired == set()


def test_problem_reports_say_what_and_how_to_fix(shapes: Graph, ontology: Graph) -> None:
    problems = _problems(Graph().parse(BAD / "funding-bad.ttl"), shapes, ontology)
    currency = [p for p in problems if p.shape == LAKSH + "MonetaryAmountCurrencyShape"]
    assert currency and currency[0].value == "€"
    assert "ISO 4217" in currency[0].message and "EUR" in currency[0].message


def test_the_end_before_start_check_is_a_warning_not_a_violation(shapes: Graph, ontology: Graph) -> None:
    problems = _problems(Graph().parse(BAD / "actions-bad.ttl"), shapes, ontology)
    order = [p for p in problems if p.shape == LAKSH + "ActionDateOrderShape"]
    assert "https://w3id.org/localaction-kg/id/action/bad-reversed-dates" in {p.focus for p in order}
    assert {p.severity for p in order} == {"Warning"}


# -- The committed graph -----------------------------------------------------------------------------


def test_the_committed_data_has_no_violation_and_flags_sfax(shapes: Graph, ontology: Graph) -> None:
    problems = _problems(_committed_data(), shapes, ontology)
    violations = [(p.shape.rsplit("#", 1)[-1], p.focus, p.message[:80]) for p in problems if p.is_violation]
    assert violations == []
    assert ("Warning", SFAX) in {(p.severity, p.focus) for p in problems if "DateOrder" in p.shape}


def test_no_shape_iri_is_shared_with_another_shapes_file(shapes: Graph) -> None:
    """All shapes/*.ttl load into one named graph: a shared IRI would merge two shapes into one."""
    mine = {s for s in shapes.subjects(RDF.type, None) if isinstance(s, URIRef) and str(s).startswith(LAKSH)}
    assert len(mine) > 40
    others = [p for p in sorted((PROJECT_ROOT / "shapes").glob("*.ttl")) if p.name != GRAPH_SHAPES.name]
    # the submission shapes and the ontology-QC shapes of the repository layout, at least
    assert {"submission.ttl", "ontology-qc.ttl"} <= {p.name for p in others}
    for other in others:
        theirs = {s for s in Graph().parse(other).subjects(RDF.type, None) if isinstance(s, URIRef)}
        assert mine & theirs == set(), f"shape IRIs also defined in {other.name}: {sorted(mine & theirs)}"


def _committed_data() -> Graph:
    data = Graph()
    for p in sorted((PROJECT_ROOT / "data").rglob("*.ttl")):
        if "examples" not in p.parts:
            data.parse(p)
    return data


def test_a_submitted_action_as_stored_passes_the_graph_shapes(shapes: Graph, ontology: Graph) -> None:
    """The example submission, qualified by the registry as it is stored (provenance = its version)."""
    from localaction_kg.submissions.registry import expand_shortcuts, qualify

    submitted = Graph().parse(PROJECT_ROOT / "data" / "examples" / "action.ttl")
    action = URIRef("https://w3id.org/localaction-kg/id/action/example-town-newcomer-desk")
    expand_shortcuts(submitted)
    qualify(submitted, action, "https://w3id.org/localaction-kg/id/submission/example-town-newcomer-desk/v1")
    problems = _problems(_committed_data() + submitted, shapes, ontology)
    assert [(p.shape, p.focus) for p in problems if "example-town" in p.focus] == []
    # and the same action without its provenance is refused
    unsourced = Graph()
    unsourced += submitted
    unsourced.remove((action, URIRef("http://www.w3.org/ns/prov#wasDerivedFrom"), None))
    problems = _problems(_committed_data() + unsourced, shapes, ontology)
    assert (LAKSH + "ActionProvenanceShape", str(action)) in {(p.shape, p.focus) for p in problems}
