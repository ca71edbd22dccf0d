"""The build pipeline: it loads the real graph, and it refuses bad data with a readable report."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pyoxigraph as ox
import pytest

from localaction_kg import layout
from localaction_kg.config import PROJECT_ROOT
from localaction_kg.graphbuild.inference import RuleEngine, run_rules
from localaction_kg.graphbuild.pipeline import BuildFailed, BuildResult, build_dataset
from localaction_kg.store.oxigraph import OxigraphStore

LAK = "https://w3id.org/localaction-kg/ontology#"


def _project_copy(tmp_path: Path) -> Path:
    """A copy of the project's RDF inputs, to break on purpose."""
    root = tmp_path / "project"
    for d in ("ontology", "shapes", "data"):
        shutil.copytree(PROJECT_ROOT / d, root / d)
    shutil.copytree(PROJECT_ROOT / "queries", root / "queries")
    return root


def test_build_loads_every_static_graph(kg_build: tuple[Path, BuildResult]) -> None:
    path, result = kg_build
    store = OxigraphStore(path)
    names = set(store.graph_names())
    for g in (*layout.STATIC_GRAPHS,):
        assert g in names, f"graph {g} missing from the built store"
    assert layout.HISTORY not in names and layout.PRIVATE not in names
    store.close()


def test_default_graph_is_the_explicit_union_not_history(tmp_path: Path) -> None:
    store = OxigraphStore(tmp_path / "s")
    t = ox.Triple(ox.NamedNode("https://example.org/a"), ox.NamedNode("https://example.org/p"), ox.Literal("x"))
    store.replace_graphs({layout.HISTORY: [t]})
    assert not bool(store.query("ASK { ?s ?p ?o }"))
    store.replace_graphs({layout.CURATED: [t]})
    assert bool(store.query("ASK { ?s ?p ?o }"))  # the same triple in a default graph is seen


def test_turtle_syntax_error_names_the_file_and_line(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    bad = root / "data" / "sources" / "002" / "zz-broken.ttl"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text("@prefix lak: <https://w3id.org/localaction-kg/ontology#> .\n\nlak:x lak:y \"unterminated .\n")
    with pytest.raises(BuildFailed) as info:
        build_dataset(root)
    message = str(info.value)
    assert "zz-broken.ttl" in message and "line" in message.lower()
    assert "Traceback" not in message


def test_shacl_violation_stops_the_build_and_names_file_and_resource(tmp_path: Path) -> None:
    root = _project_copy(tmp_path)
    bad = root / "data" / "sources" / "002" / "zz-untitled.ttl"
    bad.parent.mkdir(parents=True, exist_ok=True)
    bad.write_text(
        "@prefix lak: <https://w3id.org/localaction-kg/ontology#> .\n"
        "<https://w3id.org/localaction-kg/id/action/zz-no-title> a lak:LocalAction .\n"
    )
    with pytest.raises(BuildFailed) as info:
        build_dataset(root)
    message = str(info.value)
    assert "zz-untitled.ttl" in message
    assert "https://w3id.org/localaction-kg/id/action/zz-no-title" in message
    assert "VIOLATION" in message


def test_the_same_copy_without_the_bad_file_builds(tmp_path: Path) -> None:
    """The two refusals above can fail: the untouched copy builds."""
    result = build_dataset(_project_copy(tmp_path))
    assert result.triple_count > 1000


def test_crosswalk_rule_records_path_and_weakest_basis() -> None:
    """A curated link to a theme crosswalked (stated) to a GCM objective gives an inferred link."""
    lak = lambda n: ox.NamedNode(LAK + n)  # noqa: E731
    action = ox.NamedNode("https://w3id.org/localaction-kg/id/action/test")
    theme = ox.NamedNode("https://w3id.org/localaction-kg/id/theme/test")
    objective = ox.NamedNode("https://w3id.org/localaction-kg/id/gcm/objective/15")
    c = ox.NamedNode("https://w3id.org/localaction-kg/id/contribution/test")
    link = ox.NamedNode("https://w3id.org/localaction-kg/id/crosswalk/test")
    rdf_type = ox.NamedNode("http://www.w3.org/1999/02/22-rdf-syntax-ns#type")
    context = [
        ox.Triple(link, rdf_type, lak("CrosswalkLink")),
        ox.Triple(link, lak("fromConcept"), theme),
        ox.Triple(link, lak("toConcept"), objective),
        ox.Triple(link, lak("basis"), lak("Stated")),
    ]
    engine = RuleEngine(context)
    out = engine.infer(
        [
            ox.Triple(action, lak("qualifiedContribution"), c),
            ox.Triple(c, lak("concept"), theme),
            ox.Triple(c, lak("basis"), lak("Curated")),
        ]
    )
    store = ox.Store()
    store.extend(ox.Quad(t.subject, t.predicate, t.object, ox.DefaultGraph()) for t in out)
    rows = list(
        store.query(
            f"SELECT ?path ?pb WHERE {{ <{action.value}> <{LAK}qualifiedContribution> ?n . "
            f"?n <{LAK}concept> <{objective.value}> ; <{LAK}basis> <{LAK}Inferred> ; "
            f"<{LAK}path> ?path ; <{LAK}pathBasis> ?pb }}"
        )
    )
    assert len(rows) == 1
    assert rows[0]["pb"] == lak("Curated"), "the weakest hop (curated) must bound the inferred link"
    assert "theme/test" in rows[0]["path"].value and "gcm/objective/15" in rows[0]["path"].value
    # and a vague (flagged) link is never followed
    engine2 = RuleEngine([*context, ox.Triple(link, lak("flag"), lak("VagueReference"))])
    assert engine2.infer([ox.Triple(action, lak("qualifiedContribution"), c), ox.Triple(c, lak("concept"), theme),
                          ox.Triple(c, lak("basis"), lak("Curated"))]) == []


def test_rules_reach_a_fixpoint_without_duplicates() -> None:
    store = ox.Store()
    assert run_rules(store, []) == []


def test_cli_build_and_query(tmp_path: Path) -> None:
    exe = [sys.executable, "-m", "localaction_kg.cli"]
    store = str(tmp_path / "cli-store")
    done = subprocess.run([*exe, "build", "--store", store], capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "[4/4]" in done.stderr  # progress is shown
    q = subprocess.run(
        [*exe, "query", "SELECT (COUNT(*) AS ?n) WHERE { ?s a <https://w3id.org/localaction-kg/ontology#LocalAction> }",
         "--store", store, "--format", "csv"],
        capture_output=True, text=True, timeout=120,
    )
    assert q.returncode == 0, q.stderr
    assert q.stdout.splitlines()[0] == "n"
    bad = subprocess.run([*exe, "query", "SELECT WHERE {", "--store", store], capture_output=True, text=True)
    assert bad.returncode == 2 and "syntax error" in bad.stderr and "Traceback" not in bad.stderr
