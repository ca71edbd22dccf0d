"""Invariants of the curated links (data/curated/actions.ttl) over the whole static graph.

Every action has a Call theme (curated) and a GCM objective (stated or curated); every curated
rationale quotes the action's own description; every linked concept is in its scheme; curated
links never repeat what a source states. The checks are shown able to fail on bad fixtures.
"""

from __future__ import annotations

import re
import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from localaction_kg.cli import main
from localaction_kg.config import PROJECT_ROOT

CURATED = PROJECT_ROOT / "data" / "curated" / "actions.ttl"
PREFIXES = """
PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX id: <https://w3id.org/localaction-kg/id/>
"""
ACTIONS = "VALUES ?type { lak:Action lak:LocalAction lak:Pledge lak:Practice } ?a a ?type ."
THEMES = "https://w3id.org/localaction-kg/id/scheme/call-themes"
GCM = "https://w3id.org/localaction-kg/id/scheme/gcm-objectives"
QUOTE = re.compile(r"“([^”]*)”")


def graph_files() -> list[Path]:
    data = PROJECT_ROOT / "data"
    return sorted(data.glob("sources/*/*.ttl")) + sorted(data.glob("reference/*.ttl")) + [CURATED]


def load(paths: list[Path]) -> ox.Store:
    s = ox.Store()
    for p in paths:
        s.load(path=str(p), format=ox.RdfFormat.TURTLE)
    return s


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load(graph_files())


def select(store: ox.Store, q: str) -> list[tuple[str, ...]]:
    return [tuple(t.value if t is not None else "" for t in sol) for sol in store.query(PREFIXES + q)]


def unquoted_rationales(store: ox.Store) -> list[tuple[str, str]]:
    """(contribution, fragment) for every curly-quoted fragment not in the action's description,
    and every curated rationale that quotes nothing."""
    rows = select(
        store,
        """SELECT ?c ?r ?d { ?a lak:qualifiedContribution ?c . ?c lak:basis lak:Curated ;
                            lak:rationale ?r . ?a dcterms:description ?d }""",
    )
    bad = []
    for c, rationale, description in rows:
        quotes = QUOTE.findall(rationale)
        if not quotes:
            bad.append((c, "(no quote)"))
        bad += [(c, q) for q in quotes if q not in description]
    return bad


def test_every_action_has_a_theme_and_a_gcm_objective(store: ox.Store) -> None:
    actions = {a for (a,) in select(store, f"SELECT DISTINCT ?a {{ {ACTIONS} }}")}
    assert len(actions) >= 70
    themed = {
        a
        for (a,) in select(
            store,
            f"""SELECT DISTINCT ?a {{ {ACTIONS} ?a lak:qualifiedContribution ?c .
              ?c lak:basis lak:Curated ; lak:concept ?t . ?t skos:inScheme <{THEMES}> }}""",
        )
    }
    assert sorted(actions - themed) == []
    with_gcm = {
        a
        for (a,) in select(
            store,
            f"""SELECT DISTINCT ?a {{ {ACTIONS} ?a lak:qualifiedContribution ?c .
                ?c lak:basis ?b ; lak:concept ?o . ?o skos:inScheme <{GCM}>
                FILTER(?b IN (lak:Stated, lak:Curated)) }}""",
        )
    }
    assert sorted(actions - with_gcm) == []


def test_every_rationale_quotes_the_description(store: ox.Store) -> None:
    n = select(store, "SELECT (COUNT(?c) AS ?n) { ?c lak:basis lak:Curated ; lak:rationale ?r }")[0][0]
    assert int(n) > 140
    assert unquoted_rationales(store) == []


def test_the_quote_check_can_fail() -> None:
    bad = ox.Store()
    a = ox.NamedNode("https://w3id.org/localaction-kg/id/action/example")
    c = ox.NamedNode("https://w3id.org/localaction-kg/id/contribution/example/theme-social-inclusion-curated")
    lak = "https://w3id.org/localaction-kg/ontology#"
    bad.extend(
        [
            ox.Quad(
                a,
                ox.NamedNode("http://purl.org/dc/terms/description"),
                ox.Literal("The city trains newcomers."),
            ),
            ox.Quad(a, ox.NamedNode(lak + "qualifiedContribution"), c),
            ox.Quad(c, ox.NamedNode(lak + "basis"), ox.NamedNode(lak + "Curated")),
            ox.Quad(
                c,
                ox.NamedNode(lak + "rationale"),
                ox.Literal(
                    "Serves Call theme 5: the description says “trains newcomers” and “houses refugees”."
                ),
            ),
        ]
    )
    assert unquoted_rationales(bad) == [(c.value, "houses refugees")]


def test_linked_concepts_exist_in_their_scheme(store: ox.Store) -> None:
    loose = select(
        store,
        f"""SELECT ?c ?k {{ ?c lak:basis lak:Curated ; lak:concept ?k .
                   FILTER NOT EXISTS {{ ?k skos:inScheme ?s FILTER(?s IN (<{THEMES}>, <{GCM}>)) }} }}""",
    )
    assert loose == []


def test_curated_nodes_are_named_and_shortcut(store: ox.Store) -> None:
    rows = select(
        store,
        """SELECT ?a ?c ?k { ?a lak:qualifiedContribution ?c . ?c lak:basis lak:Curated ;
                            lak:concept ?k }""",
    )
    for a, c, k in rows:
        slug = a.rsplit("/", 1)[1]
        kind = "theme-" + k.rsplit("/", 1)[1] if "/theme/" in k else "gcm-objective-" + k.rsplit("/", 1)[1]
        assert c == f"https://w3id.org/localaction-kg/id/contribution/{slug}/{kind}-curated"
    curated_only = load([CURATED])
    missing = select(
        curated_only,
        """SELECT ?a ?k { ?a lak:qualifiedContribution ?c . ?c lak:concept ?k
                                      FILTER NOT EXISTS { ?a lak:contributesTo ?k } }""",
    )
    assert missing == []


def test_stated_links_are_kept_and_not_repeated(store: ox.Store) -> None:
    stated = select(
        store,
        """SELECT ?a ?k { ?a lak:qualifiedContribution ?c . ?c lak:basis lak:Stated ;
                              lak:concept ?k }""",
    )
    assert stated
    lost = [
        (a, k) for a, k in stated if not store.query(PREFIXES + f"ASK {{ <{a}> lak:contributesTo <{k}> }}")
    ]
    assert lost == []
    repeated = select(
        store,
        """SELECT ?a ?k { ?a lak:qualifiedContribution ?c1 , ?c2 . ?c1 lak:basis lak:Stated ; lak:concept ?k .
                          ?c2 lak:basis lak:Curated ; lak:concept ?k }""",
    )
    assert repeated == []


def test_extract_refuses_a_quote_not_in_the_description(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """(That ``localaction-kg extract`` regenerates actions.ttl byte for byte is in test_extract.py.)"""
    data = tmp_path / "data"
    shutil.copytree(PROJECT_ROOT / "data", data)
    table = data / "curated" / "curation.yaml"
    text = table.read_text(encoding="utf-8")
    assert "    17: promote a realistic and fair discourse on immigration\n" in text
    table.write_text(
        text.replace(
            "    17: promote a realistic and fair discourse on immigration\n",
            "    17: promote a fair discourse on everything\n",
        ),
        encoding="utf-8",
    )
    assert main(["extract", "curated", "--data", str(data)]) == 2
    assert (
        "nador-active-city-living-together gcm-objective 17: not verbatim in the description: "
        "['promote a fair discourse on everything']"
    ) in capsys.readouterr().err
    for name in ("actions.ttl", "populations.ttl"):  # nothing written
        assert (data / "curated" / name).read_bytes() == (PROJECT_ROOT / "data" / "curated" / name).read_bytes()
