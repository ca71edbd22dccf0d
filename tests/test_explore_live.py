"""The explorer's index follows the store: after random submissions, new versions and withdrawals, the
index refreshed from the store's version equals one built from scratch, and its counts equal SPARQL's.

The writes go through the submissions' own path (intake, validation, the registry's one write), as the
API makes them; the index only ever reads the store.
"""

from __future__ import annotations

import random
import shutil
from collections.abc import Iterator
from pathlib import Path

import pytest
from test_explore_counts import FACET_SPARQL, _sparql_counts

from localaction_kg.explore import FacetIndex, LiveIndex, build_index, parse_selection
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.submissions.pipeline import check
from localaction_kg.submissions.registry import Registry

ID = "https://w3id.org/localaction-kg/id/"
COUNTRIES = ["GHA", "KEN", "COL", "FRA", "LBN", "ECU", "ESP"]
THEMES = ["access-to-services", "social-inclusion", "protect-most-vulnerable", "eliminate-discrimination"]
TARGETS = ["10.7", "16.9", "8.8", "11.1"]


def _submission(rng: random.Random, n: int, version: int = 1) -> bytes:
    slug = f"explore-random-{n}"
    gcm = rng.sample(range(1, 24), rng.randint(1, 3))
    links = [f"<{ID}gcm/objective/{g}>" for g in gcm] + [f"<{ID}theme/{rng.choice(THEMES)}>"]
    links += [f"<http://metadata.un.org/sdg/{rng.choice(TARGETS)}>"] if rng.random() < 0.6 else []
    status = rng.choice(["Planned", "Ongoing", "Completed"])
    start = rng.randint(2018, 2024)
    end = f'lak:endDate "{start + rng.randint(0, 3)}-12-31"^^xsd:date ; lak:endPrecision lak:YearPrecision ;' \
        if rng.random() < 0.5 else "lak:isOngoing true ;"
    funding = ""
    if rng.random() < 0.5:
        funding = f"""<{ID}funding/{slug}/1> a lak:Funding ; lak:fundedAction <{ID}action/{slug}> ;
            lak:viaScheme <{ID}scheme/{rng.choice(["global-cities-fund", "gcf-inclusive-climate-action"])}> ;
            lak:funder <{ID}actor/{rng.choice(["world-bank", "european-commission"])}> ;
            lak:fundingStatus lak:{rng.choice(["Funded", "Pipeline"])} ."""
    return f"""@prefix dcterms: <http://purl.org/dc/terms/> . @prefix lak: <https://w3id.org/localaction-kg/ontology#> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> . @prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ID}action/{slug}> a lak:LocalAction ; lak:submittedBy <{ID}actor/explore-town-{n}> ;
    dcterms:title "Random test action {n} version {version} (fictional)"@en ;
    dcterms:description "Fictional test action number {n}, a municipal welcome desk for newcomers."@en ;
    lak:contributesTo {", ".join(links)} ;
    lak:startDate "{start}-01-01"^^xsd:date ; lak:startPrecision lak:YearPrecision ; {end}
    lak:status lak:{status} .
<{ID}actor/explore-town-{n}> a lak:Municipality ; skos:prefLabel "Explore Town {n} (fictional)"@en ;
    lak:country <{ID}country/{rng.choice(COUNTRIES)}> .
{funding}
""".encode()


@pytest.fixture(scope="module")
def store(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[OxigraphStore]:
    path = tmp_path_factory.mktemp("explore-live") / "store"
    shutil.copytree(kg_store, path)
    s = OxigraphStore(path)
    yield s
    s.close()


def _facets(index: FacetIndex) -> dict[str, dict[str, int]]:
    counts = index.count(parse_selection([]))
    return {name: {vc.value: vc.count for vc in values if vc.count} for name, values in counts.facets.items()}


def test_index_follows_random_writes_and_withdrawals(store: OxigraphStore) -> None:
    rng = random.Random(12)
    live = LiveIndex(store)
    start = live.current().count(parse_selection([])).total
    registry = Registry(store)
    alive: dict[int, int] = {}
    made = 0
    for step in range(14):
        roll = rng.random()
        if alive and roll < 0.25:  # withdraw
            n = rng.choice(sorted(alive))
            registry.withdraw(f"explore-random-{n}")
            del alive[n]
        elif alive and roll < 0.45:  # a new version
            n = rng.choice(sorted(alive))
            alive[n] += 1
            body = _submission(rng, n, alive[n])
            checked = check(body, "turtle", store)
            assert checked.report.conforms, checked.report
            registry.accept(checked.parsed.graph, checked.report, payload=body, fmt="turtle",
                            submitter=f"{ID}actor/explore-town-{n}", submission_id=f"explore-random-{n}")
        else:
            made += 1
            body = _submission(rng, made)
            checked = check(body, "turtle", store)
            assert checked.report.conforms, checked.report
            registry.accept(checked.parsed.graph, checked.report, payload=body, fmt="turtle",
                            submitter=f"{ID}actor/explore-town-{made}")
            alive[made] = 1
        index = live.current()
        assert index.count(parse_selection([])).total == start + len(alive), f"step {step}"
        hits = {index.records[i].iri for i, _ in index.text.search("fictional test action")}
        assert hits == {f"{ID}action/explore-random-{n}" for n in alive}
        titles = {index.records[i].title() for i in index.ids.values() if "explore-random" in index.records[i].iri}
        assert titles == {f"Random test action {n} version {v} (fictional)" for n, v in alive.items()}
    assert live.rebuilds == 1 and live.refreshes >= 14
    fresh = build_index(store)
    assert _facets(live.current()) == _facets(fresh)
    for facet in FACET_SPARQL:
        assert _facets(live.current())[facet] == _sparql_counts(store, facet, [], {}), facet
