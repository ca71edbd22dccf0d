"""Every example query runs as pasted on the built graph and returns its expected rows.

Expected rows are in tests/expected/examples.yaml, each supported by verbatim quotes from the
sources; the quotes themselves are checked here against the files.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pyoxigraph as ox
import pytest
import yaml

from localaction_kg.config import default_sources_dir
from localaction_kg.examples import load_examples
from localaction_kg.store.oxigraph import OxigraphStore

EXPECTED = yaml.safe_load((Path(__file__).parent / "expected" / "examples.yaml").read_text(encoding="utf-8"))
EXAMPLES = {e.name: e for e in load_examples()}


def _norm(text: str) -> str:
    return re.sub(r"\s+", " ", text).strip()


def _file_text(name: str) -> str:
    return _norm((default_sources_dir() / name).read_text(encoding="utf-8"))


@pytest.fixture(scope="module")
def store(kg_store: Path) -> Iterator[OxigraphStore]:
    s = OxigraphStore(kg_store)
    yield s
    s.close()


def _rows(store: OxigraphStore, name: str) -> list[dict[str, str]]:
    result = store.query(EXAMPLES[name].query)
    assert isinstance(result, ox.QuerySolutions)
    variables = [v.value for v in result.variables]
    return [{v: ("" if sol[v] is None else str(sol[v].value)) for v in variables} for sol in result]


def _matches(row: dict[str, str], want: dict[str, Any]) -> bool:
    for key, expected in want.items():
        got = row.get(key, "")
        text = str(expected)
        if text.startswith(">="):
            try:
                if float(got) < float(text[2:]):
                    return False
            except ValueError:
                return False
        elif got != text:
            return False
    return True


def _supports() -> Iterator[tuple[str, dict[str, Any]]]:
    for name, spec in EXPECTED.items():
        for kind in ("rows", "absent"):
            for row in spec.get(kind, []):
                for s in [*row.get("support", []), *([row["curated"]] if "curated" in row else [])]:
                    yield name, s


def test_every_example_has_expected_rows() -> None:
    assert set(EXAMPLES) == set(EXPECTED), "each queries/*.rq needs an entry in tests/expected/examples.yaml"
    for e in EXAMPLES.values():
        assert e.description and e.keywords, f"{e.name}: description and keywords comment lines are required"


@pytest.mark.parametrize(("name", "support"), list(_supports()), ids=lambda v: v if isinstance(v, str) else "")
def test_supporting_quote_is_verbatim_in_its_source(name: str, support: dict[str, Any]) -> None:
    text = _file_text(support["file"])
    quote = _norm(support["quote"])
    assert quote in text, f"{name}: quote not found in {support['file']}: {quote!r}"
    if "count" in support:
        assert text.count(quote) == support["count"], f"{name}: {quote!r} should occur {support['count']} times"


def test_a_wrong_quote_would_be_caught() -> None:
    assert _norm("This project is supported by the Global Cities Fund for Refugees.") not in _file_text(
        "002_34f54612af6dfd42.txt"
    )


@pytest.mark.parametrize("name", sorted(EXPECTED))
def test_example_returns_expected_rows(store: OxigraphStore, name: str) -> None:
    rows = _rows(store, name)
    spec = EXPECTED[name]
    for want in spec.get("rows", []):
        assert any(_matches(r, want["match"]) for r in rows), f"{name}: no row matches {want['match']}"
    for unwanted in spec.get("absent", []):
        assert not any(_matches(r, unwanted["match"]) for r in rows), f"{name}: unexpected row {unwanted['match']}"
    if "exact_column" in spec:
        col = spec["exact_column"]
        assert {r[col] for r in rows} == {w["match"][col] for w in spec["rows"]}, f"{name}: {col} set differs"


def test_stated_links_are_a_subset_of_all_links(store: OxigraphStore) -> None:
    rows = _rows(store, "actions-per-gcm-objective")
    assert rows
    for r in rows:
        assert int(r["statedActions"]) <= int(r["allActions"])
        assert int(r["curatedActions"]) <= int(r["allActions"])


def test_inferred_links_say_by_which_path(store: OxigraphStore) -> None:
    rows = _rows(store, "actions-contributing-to-sdg-target")
    inferred = [r for r in rows if r["basis"] == "Inferred"]
    assert inferred, "target 10.7 is reached only through crosswalks, so inferred rows are expected"
    assert all(r["path"].startswith("action -[") and "sdg/10.7" in r["path"] for r in inferred)


def test_stated_only_view_excludes_curated_and_inferred(store: OxigraphStore) -> None:
    """An analyst can ask for stated links only: FROM the source graphs gives no other basis."""
    q = """PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
    SELECT DISTINCT ?b WHERE { ?a lak:qualifiedContribution ?c . ?c lak:basis ?b }"""
    sources = [g for g in store.graph_names() if "/graph/source/" in g]
    stated = {str(s["b"].value) for s in store.query(q, default_graphs=sources)}
    assert stated == {"https://w3id.org/localaction-kg/ontology#Stated"}
    everything = {str(s["b"].value) for s in store.query(q)}
    assert {"Curated", "Inferred"} <= {b.rsplit("#", 1)[1] for b in everything}
