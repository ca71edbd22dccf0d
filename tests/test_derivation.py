"""One derivation for built and submitted data (localaction_kg/graphbuild/derivation.py).

The invariant: after the service accepts some submissions, every example query (queries/*.rq)
returns the same rows as a full rebuild that loads the same submissions as data. The rebuild is
computed here the way the build always reasoned over the whole graph (every crosswalk rule over
every graph to a fixpoint, then the OWL RL closure of the ontology with all the data but the
reference frameworks), not with the module under test. Hypothesis draws the submissions; the check
is shown able to fail by a derivation that skips a step. The build re-derives accepted versions:
a corrected crosswalk reaches them, and versions written before derivations were kept apart are
cleaned.
"""

from __future__ import annotations

import json
import shutil
import sys
import time
from collections import Counter
from collections.abc import Iterable, Mapping, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from localaction_kg import layout
from localaction_kg.config import PROJECT_ROOT, Settings
from localaction_kg.examples import load_examples
from localaction_kg.graphbuild.derivation import Base, Derivation, Derived, to_ox, to_rdflib
from localaction_kg.graphbuild.inference import owl_rl_closure, run_rules
from localaction_kg.graphbuild.pipeline import BuildResult, build
from localaction_kg.service.app import create_app
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.submissions.mapping import map_form
from localaction_kg.submissions.pipeline import check
from localaction_kg.submissions.registry import Registry

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import TestClient  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"
LAK = "https://w3id.org/localaction-kg/ontology#"
ADMIN = ID + "actor/test-admin"
EXAMPLES = load_examples()
STEPS = Derivation().steps
DESCRIPTION = (
    "Fictional test action: outreach workers help newly arrived migrants and refugees register for "
    "municipal services, language classes and legal advice."
)


# -- The invariant check ------------------------------------------------------------------------

Row = tuple[tuple[str, str], ...]


class Recording(Derivation):
    """The derivation, counting what each step adds (to show each step fired)."""

    def __init__(self, fired: Counter[str], **kwargs: Any) -> None:
        super().__init__(**kwargs)
        self.fired = fired

    def derive(self, base: Base, facts: Iterable[ox.Triple], *, others: Sequence[str] = ()) -> Derived:
        out = super().derive(base, facts, others=others)
        self.fired.update({step: n for step, n in out.counts().items() if n})
        return out


@dataclass
class Accepted:
    """The service's answers after accepting the submissions, and what it stored for them."""

    rows: dict[str, Counter[Row]]
    versions: dict[str, list[ox.Triple]]
    registry: list[ox.Triple]
    seconds: float = 0.0
    statuses: list[int] = field(default_factory=list)


def _rows(store: OxigraphStore) -> dict[str, Counter[Row]]:
    out: dict[str, Counter[Row]] = {}
    for e in EXAMPLES:
        result = store.query(e.query)
        assert isinstance(result, ox.QuerySolutions)
        names = [v.value for v in result.variables]
        out[e.name] = Counter(
            tuple((n, "" if s[n] is None else str(s[n])) for n in names) for s in result
        )
    return out


def _graph(store: OxigraphStore, graph: str) -> list[ox.Triple]:
    result = store.query("CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graphs=[graph], named_graphs=[])
    assert isinstance(result, ox.QueryTriples)
    return list(result)


def _body(sub: Submission) -> tuple[bytes, str]:
    if sub.turtle_extra is None:
        return json.dumps(sub.record).encode(), "application/json"
    graph, _ = map_form(sub.record)
    text = graph.serialize(format="nt") + sub.turtle_extra
    return text.encode(), "text/turtle"


def accept_on_service(kg_store: Path, tmp: Path, submissions: Sequence[Submission], derivation: Derivation) -> Accepted:
    """POST the submissions to the real application over a copy of the built store."""
    store_dir = tmp / "service-store"
    shutil.rmtree(store_dir, ignore_errors=True)
    shutil.copytree(kg_store, store_dir)
    token = support.make_token(str(store_dir), ADMIN, "admin")
    app = create_app(Settings(store=str(store_dir), query_workers=1), start_workers=False)
    started = time.perf_counter()
    with TestClient(app) as client:
        app.state.submissions = Registry(app.state.store, derivation=derivation)
        statuses = []
        for sub in submissions:
            body, media = _body(sub)
            resp = client.post(
                "/submissions", content=body, headers={"Content-Type": media, "Authorization": f"Bearer {token}"}
            )
            assert resp.status_code == 201, resp.text
            statuses.append(resp.status_code)
        store: OxigraphStore = app.state.store
        rows = _rows(store)
        current = [g for g in store.default_graphs() if "/graph/submission/" in g and not g.endswith("/inferred")]
        versions = {g: _graph(store, g) for g in current}
        registry = _graph(store, layout.SUBMISSIONS)
    return Accepted(rows, versions, registry, time.perf_counter() - started, statuses)


def rebuild_with_submissions(static: Mapping[str, list[ox.Triple]], accepted: Accepted) -> dict[str, Counter[Row]]:
    """The example queries' rows after a full rebuild with the submissions loaded as data."""
    graphs = {g: ts for g, ts in static.items() if g != layout.INFERRED} | accepted.versions
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g)) for g, ts in graphs.items() for t in ts)
    rules = run_rules(scratch, [g for g in graphs if g != layout.SHAPES])
    own = to_rdflib(t for g, ts in graphs.items() if g not in (layout.REFERENCE, layout.SHAPES, layout.ONTOLOGY)
                    for t in ts)
    closure = to_ox(owl_rl_closure(to_rdflib(graphs[layout.ONTOLOGY]), own))
    store = OxigraphStore(None)
    store.replace_graphs({**graphs, layout.INFERRED: [*rules, *closure], layout.SUBMISSIONS: accepted.registry})
    return _rows(store)


def differences(service: Mapping[str, Counter[Row]], rebuild: Mapping[str, Counter[Row]]) -> dict[str, str]:
    """Per example query whose rows differ: what only the service and only the rebuild return."""
    out = {}
    for name in rebuild:
        only_service, only_rebuild = service[name] - rebuild[name], rebuild[name] - service[name]
        if only_service or only_rebuild:
            out[name] = f"service only: {sorted(only_service)[:3]}; rebuild only: {sorted(only_rebuild)[:3]}"
    return out


# -- Submissions to draw ------------------------------------------------------------------------


@dataclass
class Submission:
    """One submission: a JSON form record, or the same as Turtle with more triples."""

    record: dict[str, Any]
    turtle_extra: str | None = None


THEMES = ["access-to-services", "social-inclusion", "protect-most-vulnerable", "eliminate-discrimination",
          "drivers-of-forced-migration", "migration-displacement-governance", "partnerships-city-to-city",
          "reception-community-sponsorship"]
POPULATIONS = ["IDPs", "Refugees", "Women", "ChildrenAndYouth"]
#: funders and schemes by IRI, slug or name (names are linked at intake: actors, or schemes as lak:viaScheme)
FUNDERS: list[dict[str, str]] = [
    {"funder": ID + "actor/world-bank"},
    {"funder": "Example Foundation (fictional)"},
    {"funder": "Global Cities Fund for Migrants and Refugees"},
    {"funder": "GCF:ICA"},
    {"scheme": "global-cities-fund"},
    {"funder": "World Bank", "scheme": "Global Cities Fund for Inclusive Pandemic Response"},
]


def _record(i: int, draw: st.DrawFn, new_lrgs: list[str]) -> dict[str, Any]:
    themes = draw(st.lists(st.sampled_from(THEMES), max_size=2, unique=True))
    objectives = draw(st.lists(st.integers(1, 23), min_size=0 if themes else 1, max_size=3, unique=True))
    record: dict[str, Any] = {
        "id": f"derivation-test-{i}",
        "title": f"Derivation test action {i} (fictional)",
        "description": DESCRIPTION,
        "call_themes": themes,
        "gcm_objectives": objectives,
        "sdg_targets": draw(st.lists(st.sampled_from(["10.7", "11.1", "16.9", "8.8", "1.3"]), max_size=2,
                                     unique=True)),
        "sdg_indicators": draw(st.lists(st.sampled_from(["10.7.2", "16.9.1"]), max_size=1)),
        "gcr_objectives": draw(st.lists(st.integers(1, 4), max_size=1)),
        "grf_areas": draw(st.lists(st.sampled_from(["education", "solutions"]), max_size=1)),
    }
    start = draw(st.integers(2015, 2025))
    record["start"] = draw(st.sampled_from([str(start), f"{start}-06"]))
    if draw(st.booleans()):
        record["ongoing"] = True
    else:
        record["end"] = str(start + draw(st.integers(0, 4)))
    submitter = draw(st.sampled_from(["accra", "by-name", "new", *(["earlier"] if new_lrgs else [])]))
    if submitter == "accra":
        record["submitter"] = ID + "actor/accra"
    elif submitter == "by-name":  # linked at intake
        record["submitter"] = draw(st.sampled_from(["Accra", "KAMPALA", "Bogota", "Municipality of San José"]))
    elif submitter == "earlier":
        record["submitter"] = draw(st.sampled_from(new_lrgs))
    else:
        record["submitter"] = f"{ID}actor/derivation-test-town-{i}"
        record["submitter_name"] = f"Derivation Test Town {i} (fictional)"
        record["submitter_kind"] = draw(st.sampled_from(["City", "Municipality", "Region"]))
        record["submitter_country"] = draw(st.sampled_from(["GHA", "UGA", "COL"]))
        new_lrgs.append(record["submitter"])
    record["partners"] = draw(st.lists(st.sampled_from([ID + "actor/iom", "iom", "Example Partner (fictional)"]),
                                       max_size=2, unique=True))
    funders = draw(st.lists(st.sampled_from(FUNDERS), max_size=2, unique_by=str))
    record["funders"] = [{**f, "status": draw(st.sampled_from(["funded", "pipeline"]))} for f in funders]
    return record


@st.composite
def submissions(draw: st.DrawFn) -> list[Submission]:
    new_lrgs: list[str] = []
    out = []
    for i in range(draw(st.integers(1, 3))):
        record = _record(i, draw, new_lrgs)
        extra = None
        if draw(st.booleans()):  # as Turtle, with what the form cannot say: a population targeted
            pop = draw(st.sampled_from(POPULATIONS))
            extra = (f"<{ID}action/{record['id']}> <{LAK}qualifiedPopulation> "
                     f"[ <{LAK}population> <{LAK}{pop}> ; <{LAK}basis> <{LAK}Stated> ] .\n")
        out.append(Submission(record, extra))
    return out


# -- Tests ----------------------------------------------------------------------------------------


def test_static_build_derives_what_rules_and_closure_over_the_whole_graph_derive(
    kg_build: tuple[Path, BuildResult],
) -> None:
    """The build's inferred graph, with the graphs it comes from, is the whole-graph result."""
    _, result = kg_build
    static = {g: ts for g, ts in result.graphs.items() if g != layout.INFERRED}
    scratch = ox.Store()
    scratch.extend(ox.Quad(t.subject, t.predicate, t.object, ox.NamedNode(g)) for g, ts in static.items() for t in ts)
    rules = run_rules(scratch, [g for g in static if g != layout.SHAPES])
    own = to_rdflib(t for g, ts in static.items() if g not in (layout.REFERENCE, layout.SHAPES, layout.ONTOLOGY)
                    for t in ts)
    closure = to_ox(owl_rl_closure(to_rdflib(static[layout.ONTOLOGY]), own))
    stated = {t for g, ts in static.items() if g != layout.SHAPES for t in ts}
    assert set(result.graphs[layout.INFERRED]) | stated == {*rules, *closure} | stated
    assert all(result.derived[s] > 0 for s in STEPS), result.derived


def test_accepted_submissions_answer_as_a_full_rebuild_would(
    kg_build: tuple[Path, BuildResult], tmp_path_factory: pytest.TempPathFactory
) -> None:
    kg_store, result = kg_build
    fired: Counter[str] = Counter()
    timings: list[float] = []
    started = time.perf_counter()

    @settings(max_examples=10, deadline=None, database=None,
              suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large])
    @given(submissions())
    def invariant(subs: list[Submission]) -> None:
        t0 = time.perf_counter()
        accepted = accept_on_service(kg_store, tmp_path_factory.mktemp("prop"), subs, Recording(fired))
        diff = differences(accepted.rows, rebuild_with_submissions(result.graphs, accepted))
        timings.append(time.perf_counter() - t0)
        assert not diff, diff

    invariant()
    total = time.perf_counter() - started
    print(f"\nproperty test: {len(timings)} examples in {total:.1f} s "
          f"(each {min(timings):.1f}-{max(timings):.1f} s); steps fired: {dict(fired)}")
    assert 1 <= len(timings) <= 10
    assert set(STEPS) <= {s for s, n in fired.items() if n > 0}, f"a derivation step never fired: {dict(fired)}"


ONE = [Submission({
    "id": "derivation-test-fixed", "title": "Derivation test action (fictional)", "description": DESCRIPTION,
    "submitter": ID + "actor/accra", "call_themes": ["access-to-services"], "gcm_objectives": [15],
    "sdg_targets": ["10.7", "11.1"], "start": "2022", "ongoing": True,
})]


@pytest.mark.parametrize("broken", [
    pytest.param(Derivation(schema_closure=False), id="without-schema-closure"),
    pytest.param(Derivation(rules=[PROJECT_ROOT / "queries" / "rules" / "10-crosswalk.rq"]), id="without-broader"),
])
def test_the_invariant_check_catches_a_step_left_out(
    kg_build: tuple[Path, BuildResult], tmp_path: Path, broken: Derivation
) -> None:
    kg_store, result = kg_build
    accepted = accept_on_service(kg_store, tmp_path, ONE, broken)
    diff = differences(accepted.rows, rebuild_with_submissions(result.graphs, accepted))
    assert diff, "a derivation without one of its steps must not pass the invariant check"
    if not broken.schema_closure:  # lak:Action comes from the closure (LocalAction is a subclass)
        assert {"actions-ongoing-in-year", "actions-per-country-and-region"} <= set(diff)
    else:  # SDG goal 11 is reached from target 11.1 through skos:broader
        assert "actions-contributing-to-sdg-goal" in diff, diff


# -- The build re-derives accepted versions ----------------------------------------------------------


def _accept(store: OxigraphStore, subs: Sequence[Submission]) -> None:
    registry = Registry(store)
    for sub in subs:
        body, media = _body(sub)
        checked = check(body, "json" if media == "application/json" else "turtle", store)
        assert checked.report.conforms, checked.report.text()
        registry.accept(checked.parsed.graph, checked.report, payload=body, fmt="json",
                        submitter=str(sub.record["submitter"]))


def _project_copy(tmp: Path) -> Path:
    root = tmp / "project"
    for d in ("ontology", "shapes", "data", "queries"):
        shutil.copytree(PROJECT_ROOT / d, root / d)
    return root


def _submission_graphs(store: OxigraphStore) -> dict[str, set[ox.Triple]]:
    return {g: set(_graph(store, g)) for g in store.graph_names() if "/graph/submission/" in g}


def test_build_rederives_accepted_versions_and_cleans_legacy_ones(kg_store: Path, tmp_path: Path) -> None:
    shutil.copytree(kg_store, tmp_path / "store")
    store = OxigraphStore(tmp_path / "store")
    _accept(store, ONE)
    before, rows = _submission_graphs(store), _rows(store)
    version = next(g for g in before if g.endswith("/v1"))
    derived = before[layout.submission_inferred_graph(version)]
    assert any(t.object == ox.NamedNode(LAK + "Action") for t in derived), "the closure typed the action"
    # a version written before derivations were kept apart: the rules' output inside it
    legacy = [t for t in derived if "/contribution/inferred-" in str(t.subject)
              or t.predicate.value in (LAK + "qualifiedContribution", LAK + "contributesTo")]
    store.replace_graphs({version: [*before[version], *legacy], layout.submission_inferred_graph(version): []})
    build(store)
    assert _submission_graphs(store) == before
    assert _rows(store) == rows
    store.close()


def test_a_corrected_crosswalk_reaches_submitted_actions(kg_store: Path, tmp_path: Path) -> None:
    """Source 002 links theme 4 (access to services) to GCM objective 15; without that link in the
    data, a rebuild takes the inferred objective-15 link away from a submission that has the theme only."""
    shutil.copytree(kg_store, tmp_path / "store")
    store = OxigraphStore(tmp_path / "store")
    theme_only = Submission({**ONE[0].record, "gcm_objectives": [], "sdg_targets": []})
    _accept(store, [theme_only])
    ask = (f"ASK {{ <{ID}action/derivation-test-fixed> <{LAK}qualifiedContribution> ?c . "
           f"?c <{LAK}concept> <{ID}gcm/objective/15> ; <{LAK}basis> <{LAK}Inferred> }}")
    assert bool(store.query(ask))
    root = _project_copy(tmp_path)
    themes = root / "data" / "sources" / "002" / "themes.ttl"
    link = "<https://w3id.org/localaction-kg/id/crosswalk/theme-access-to-services/gcm-objective-15>"
    text = themes.read_text(encoding="utf-8")
    start = text.index(link + " a lak:CrosswalkLink")
    themes.write_text(text[:start] + text[text.index(" .\n", start) + 3 :], encoding="utf-8")
    build(store, root)
    assert not bool(store.query(ask)), "the rebuild kept an inference through a link that is gone"
    assert bool(store.query(f"ASK {{ <{ID}action/derivation-test-fixed> a <{LAK}Action> }}"))
    store.close()
