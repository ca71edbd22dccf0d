"""ODK-style QC: the queries/qc/*-violation.rq queries and the ontology's own SHACL shapes.

Each check passes on the real ontology (and the committed data) and fires on a bad fixture.
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest
from pyshacl import validate
from rdflib import Dataset, Graph, URIRef
from rdflib.namespace import RDF, SH

from localaction_kg import layout
from localaction_kg.config import PROJECT_ROOT
from localaction_kg.graphbuild.ontology_check import (
    ONTOLOGY_SHAPES,
    load_ontology,
    qc_dataset,
    qc_queries,
    run_qc,
    validate_ontology,
)
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.submissions.terms import to_ox

FIXTURES = Path(__file__).parent / "fixtures" / "ontology"
QC_FIXTURES = FIXTURES / "qc"
SHAPE_FIXTURES = FIXTURES / "ontology-shapes"
LAKSH = "https://w3id.org/localaction-kg/shapes#"


def _real_graphs() -> dict[str, list[Path]]:
    """The committed data, by the named graph the build loads it into."""
    data = PROJECT_ROOT / "data"
    graphs: dict[str, list[Path]] = {
        layout.REFERENCE: sorted((data / "reference").glob("*.ttl")),
        layout.CURATED: sorted((data / "curated").glob("*.ttl")),
        layout.SHAPES: sorted((PROJECT_ROOT / "shapes").glob("*.ttl")),
    }
    for d in sorted((data / "sources").iterdir()) if (data / "sources").is_dir() else []:
        if d.name in layout.SOURCE_GRAPHS:
            graphs[layout.SOURCE_GRAPHS[d.name]] = sorted(d.glob("*.ttl"))
    return {g: files for g, files in graphs.items() if files}


def _with_fixture(trig: Path) -> ox.Store:
    """The real ontology in the ontology graph, plus the fixture's quads (added to their graphs)."""
    store = qc_dataset()
    store.load(path=str(trig), format=ox.RdfFormat.TRIG)
    return store


# -- QC queries -------------------------------------------------------------------------------------


def test_every_qc_query_has_a_bad_fixture_and_the_usual_checks_exist() -> None:
    names = set(qc_queries())
    usual = {"missing-label", "missing-definition", "duplicate-label", "undeclared-term",
             "missing-isdefinedby", "deprecated-term-used"}
    assert usual <= names
    assert names == {p.stem for p in QC_FIXTURES.glob("*.trig")}


def test_every_qc_query_returns_no_rows_on_the_ontology() -> None:
    results = run_qc(load_ontology())
    assert results and all(rows == [] for rows in results.values()), results


def test_every_qc_query_returns_no_rows_on_the_committed_graph() -> None:
    results = run_qc(qc_dataset(graphs=_real_graphs()))
    failing = {name: rows[:5] for name, rows in results.items() if rows}
    assert not failing, f"QC violations in the committed data (fix the data or declare the term): {failing}"


@pytest.mark.parametrize("name", sorted(qc_queries()))
def test_qc_query_fires_on_its_bad_fixture(name: str) -> None:
    fixture = QC_FIXTURES / f"{name}.trig"
    results = run_qc(_with_fixture(fixture))
    rows = results[name]
    assert rows, f"{name} did not fire on {fixture.name}"
    offending = {v for row in rows for v in row.values()}
    markers = ("/ontology#Bad", "/ontology#bad", "submitedBy", "subOrganzationOf", "gcm/objective/24")
    assert any(m in v for m in markers for v in offending), rows
    # The fixture breaks only what it is about: every other query still passes on it (fixtures are
    # fragments, so their links to the rest of the graph dangle).
    others = {n: r for n, r in results.items() if r and n not in (name, "dangling-reference")}
    assert not others, others


def test_undeclared_term_names_the_typo_graph_and_position() -> None:
    rows = run_qc(_with_fixture(QC_FIXTURES / "undeclared-term.trig"))["undeclared-term"]
    assert rows == [{
        "term": "https://w3id.org/localaction-kg/ontology#submitedBy",
        "graph": layout.SOURCE_GRAPHS["002"],
        "position": "predicate",
        "example": "https://w3id.org/localaction-kg/id/action/accra-climate-vulnerabilities-migrants",
    }]


def test_run_qc_accepts_the_project_store_and_rdflib_datasets() -> None:
    fixture = QC_FIXTURES / "undeclared-term.trig"
    ds = Dataset()
    ds.parse(fixture, format="trig")
    ontology_graph = ds.graph(URIRef(layout.ONTOLOGY))
    ontology_graph += load_ontology()
    assert run_qc(ds)["undeclared-term"]

    store = OxigraphStore(None)
    store.replace_graphs({
        layout.ONTOLOGY: to_ox(load_ontology()),
        layout.SOURCE_GRAPHS["002"]: to_ox(ds.graph(URIRef(layout.SOURCE_GRAPHS["002"]))),
    })
    try:
        rows = run_qc(store)["undeclared-term"]
    finally:
        store.close()
    assert [r["term"] for r in rows] == ["https://w3id.org/localaction-kg/ontology#submitedBy"]


# -- SHACL over the ontology ---------------------------------------------------------------------------


def _fired(data: Graph) -> set[str]:
    """Names of the ontology-QC shapes and SPARQL constraints that report on ``data``."""
    shapes = Graph().parse(ONTOLOGY_SHAPES)
    _conforms, report, _ = validate(data, shacl_graph=shapes, advanced=True, inference="none")
    assert isinstance(report, Graph)
    fired: set[str] = set()
    for result in report.subjects(RDF.type, SH.ValidationResult):
        for p in (SH.sourceShape, SH.sourceConstraint):
            node = report.value(result, p)
            if isinstance(node, URIRef) and str(node).startswith(LAKSH):
                fired.add(str(node)[len(LAKSH):])
    return fired


def _expected(path: Path) -> set[str]:
    lines = path.read_text(encoding="utf-8").splitlines()
    return {name for line in lines if line.startswith("# expect:") for name in line.split(":", 1)[1].split()}


def _ontology_shape_names() -> set[str]:
    g = Graph().parse(ONTOLOGY_SHAPES)
    return {str(s)[len(LAKSH):] for s in g.subjects(SH.message, None)
            if isinstance(s, URIRef) and str(s).startswith(LAKSH)}


def test_the_ontology_conforms_to_its_qc_shapes() -> None:
    problems = validate_ontology()
    assert problems == [], problems[:5]


@pytest.mark.parametrize("fixture", sorted(SHAPE_FIXTURES.glob("*.ttl")), ids=lambda p: p.stem)
def test_ontology_shapes_fire_on_bad_fixture(fixture: Path) -> None:
    expected = _expected(fixture)
    assert expected, f"{fixture.name} has no `# expect:` line"
    fired = _fired(Graph().parse(fixture))
    assert expected <= fired, f"expected {sorted(expected - fired)} to fire on {fixture.name}"


def test_every_ontology_shape_fires_on_some_bad_fixture() -> None:
    fired: set[str] = set()
    for fixture in SHAPE_FIXTURES.glob("*.ttl"):
        fired |= _fired(Graph().parse(fixture))
    assert _ontology_shape_names() - fired == set()


def test_external_terms_are_not_held_to_our_documentation_rules() -> None:
    g = Graph().parse(SHAPE_FIXTURES / "terms-bad.ttl")
    problems = validate_ontology(g)
    assert problems
    assert not [p for p in problems if "w3.org/ns/org" in p.focus]


# -- The `qc` command -----------------------------------------------------------------------------------


def _qc(*argv: str) -> int:
    import argparse

    from localaction_kg.commands import qc

    parser = argparse.ArgumentParser()
    qc.register(parser.add_subparsers())
    args = parser.parse_args(["qc", *argv])
    return int(args.func(args))


def _project_copy(tmp_path: Path) -> Path:
    import shutil

    for d in ("ontology", "shapes"):
        shutil.copytree(PROJECT_ROOT / d, tmp_path / d)
    (tmp_path / "data" / "sources" / "002").mkdir(parents=True)
    return tmp_path


def test_qc_command_passes_on_the_project(capsys: pytest.CaptureFixture[str]) -> None:
    assert _qc("--no-reasoner") == 0
    out = capsys.readouterr().out
    assert "ok            queries/qc/undeclared-term-violation.rq" in out
    assert "FAILED" not in out


def test_qc_command_fails_and_names_the_typo(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project_copy(tmp_path)
    (root / "data" / "sources" / "002" / "typo.ttl").write_text(
        "@prefix lak: <https://w3id.org/localaction-kg/ontology#> .\n"
        "<https://w3id.org/localaction-kg/id/action/a> lak:submitedBy\n"
        "    <https://w3id.org/localaction-kg/id/actor/b> .\n",
        encoding="utf-8",
    )
    assert _qc("--root", str(root)) == 1
    out = capsys.readouterr().out
    assert "FAILED (1)    queries/qc/undeclared-term-violation.rq" in out
    assert "ontology#submitedBy" in out
    assert "ok            HermiT consistency" in out


def test_qc_command_refuses_unparsable_files(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    root = _project_copy(tmp_path)
    (root / "data" / "sources" / "002" / "broken.ttl").write_text("<a> <b> .\n", encoding="utf-8")
    assert _qc("--root", str(root), "--no-reasoner") == 2
    err = capsys.readouterr().err
    assert "broken.ttl" in err and "not valid Turtle" in err and "Traceback" not in err


def test_qc_passes_on_the_built_store_with_its_inferred_graph(kg_store: Path, tmp_path: Path) -> None:
    """The real build (conftest's session store): every graph, the inferred one included."""
    import shutil

    copy = tmp_path / "store"
    shutil.copytree(kg_store, copy)
    store = OxigraphStore(copy)
    try:
        assert layout.INFERRED in store.graph_names()
        results = run_qc(store)
    finally:
        store.close()
    assert {name: rows[:3] for name, rows in results.items() if rows} == {}
