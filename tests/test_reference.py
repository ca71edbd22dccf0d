"""The reference frameworks in data/reference/*.ttl, checked against ../shared/reference.

Expected values come from the reference files themselves (CSV, YAML), read here independently
of localaction_kg/extract/reference; the graph is loaded into a real Oxigraph store and queried.
"""

from __future__ import annotations

import csv
import shutil
from pathlib import Path

import pycountry
import pyoxigraph as ox
import pytest
import yaml

from localaction_kg.cli import main
from localaction_kg.config import PROJECT_ROOT, default_reference_dir, default_sources_dir

REF = default_reference_dir()
DATA = PROJECT_ROOT / "data" / "reference"
FILES = ["sdg.ttl", "gcm.ttl", "gcr.ttl", "mappings.ttl", "countries.ttl", "sources.ttl"]
PREFIXES = """
PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX sdgo: <http://metadata.un.org/sdg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX id: <https://w3id.org/localaction-kg/id/>
"""
ACCEPTED = ("code+label", "code+similar_label", "label_only")


@pytest.fixture(scope="module")
def store() -> ox.Store:
    s = ox.Store()
    for name in FILES:
        s.load(path=str(DATA / name), format=ox.RdfFormat.TURTLE)
    return s


def rows(path: str) -> list[dict[str, str]]:
    with (REF / path).open(encoding="utf-8", newline="") as f:
        return list(csv.DictReader(f))


def select(store: ox.Store, q: str) -> list[tuple[str, ...]]:
    return [tuple(t.value if t is not None else "" for t in sol) for sol in store.query(PREFIXES + q)]


def ask(store: ox.Store, q: str) -> bool:
    return bool(store.query(PREFIXES + q))


def count(store: ox.Store, q: str) -> int:
    return int(select(store, q)[0][0])


def norm(s: str) -> str:
    return " ".join(s.split())


# -- counts ----------------------------------------------------------------------------------------


def test_sdg_counts(store: ox.Store) -> None:
    assert count(store, "SELECT (COUNT(?g) AS ?n) { ?g a sdgo:Goal }") == 17
    assert count(store, "SELECT (COUNT(?t) AS ?n) { ?t a sdgo:Target }") == 169
    current = "?i a sdgo:Indicator FILTER NOT EXISTS { ?i owl:deprecated true }"
    assert count(store, f"SELECT (COUNT(DISTINCT ?i) AS ?n) {{ {current} }}") == 231
    assert count(store, f"SELECT (COUNT(?x) AS ?n) {{ {current} ?i skos:notation ?x }}") == 248
    assert count(store, "SELECT (COUNT(?i) AS ?n) { ?i a sdgo:Indicator ; owl:deprecated true }") == 3
    # every current listing in the CSV is a notation of exactly one current indicator
    listed = {r["indicator"] for r in rows("sdg/sdg_indicators.csv") if r["status"] == "current"}
    got = select(store, f"SELECT ?x {{ {current} ?i skos:notation ?x }}")
    assert sorted(x for (x,) in got) == sorted(listed)


def test_framework_counts(store: ox.Store) -> None:
    expected = {
        "GCMObjective": len(rows("gcm/gcm_objectives.csv")),
        "GCMGuidingPrinciple": len(rows("gcm/gcm_guiding_principles.csv")),
        "GCMAction": len(rows("gcm/gcm_actions.csv")),
        "IMRFRoundtableCluster": 4,
        "GCRObjective": 4,
        "GRFAreaOfFocus": 6,
    }
    assert expected["GCMObjective"] == 23 and expected["GCMGuidingPrinciple"] == 10
    assert expected["GCMAction"] == 180
    for cls, n in expected.items():
        assert count(store, f"SELECT (COUNT(?c) AS ?n) {{ ?c a lak:{cls} }}") == n, cls


def test_every_concept_in_a_scheme_with_top_concepts(store: ox.Store) -> None:
    orphans = select(store, """SELECT ?c { ?c a skos:Concept FILTER NOT EXISTS { ?c skos:inScheme ?s } }""")
    assert orphans == []
    tops = select(
        store,
        """SELECT ?s (COUNT(?t) AS ?n) { ?s a skos:ConceptScheme ; skos:hasTopConcept ?t .
                            ?t skos:topConceptOf ?s } GROUP BY ?s""",
    )
    assert len(tops) >= 9 and all(int(n) > 0 for _, n in tops)


def test_one_pref_label_per_language(store: ox.Store) -> None:
    dup = select(
        store,
        """SELECT ?c ?l { ?c skos:prefLabel ?a , ?b FILTER(?a != ?b && LANG(?a) = LANG(?b))
                           BIND(LANG(?a) AS ?l) } LIMIT 5""",
    )
    assert dup == []


# -- UN IRIs only where verified -------------------------------------------------------------------


def verified_un_iris() -> set[str]:
    out = {r["iri"] for r in rows("sdg/sdg_goals.csv") if r["kos_iri_present"] == "True"}
    out |= {r["iri"] for r in rows("sdg/sdg_targets.csv") if r["kos_iri_present"] == "True"}
    out |= {
        r["kos_iri_2019"]
        for r in rows("sdg/sdg_indicators.csv")
        if r["kos_iri_2019"] and r["kos_match_2019"].startswith(ACCEPTED)
    }
    return out


def test_un_iris_are_verified(store: ox.Store) -> None:
    verified = verified_un_iris()
    un = "FILTER(STRSTARTS(STR(?x), 'http://metadata.un.org/sdg/') && !STRSTARTS(STR(?x), 'http://metadata.un.org/sdg/ontology'))"
    typed = {x for (x,) in select(store, f"SELECT DISTINCT ?x {{ ?x a ?t . {un} }}")}
    assert typed and typed <= verified, sorted(typed - verified)[:5]
    anywhere = {
        x for (x,) in select(store, f"SELECT DISTINCT ?x {{ {{ ?x ?p ?o }} UNION {{ ?s ?p ?x }} {un} }}")
    }
    unverified = anywhere - verified
    # an unverified (code_only) 2019 IRI may only be the object of skos:relatedMatch
    for x in unverified:
        uses = select(store, f"SELECT ?p {{ ?s ?p <{x}> }}")
        assert {p for (p,) in uses} == {"http://www.w3.org/2004/02/skos/core#relatedMatch"}, x
    assert select(store, "SELECT ?s { ?s owl:sameAs ?o }") == []


def test_code_only_indicators_are_minted_and_related(store: ox.Store) -> None:
    code_only = [
        r
        for r in rows("sdg/sdg_indicators.csv")
        if r["status"] == "current"
        and r["kos_match_2019"].startswith("code_only")
        and r["unique_indicator_ref"] == r["indicator"]
    ]
    assert code_only
    for r in code_only:
        node = f"https://w3id.org/localaction-kg/id/sdg/indicator/{r['indicator']}"
        assert ask(
            store,
            f"ASK {{ <{node}> skos:relatedMatch <{r['kos_iri_2019']}> ; "
            "lak:iriAuthority lak:LocallyMintedIRI }",
        ), r["indicator"]


@pytest.mark.parametrize("code", ["10.7.3", "10.7.4"])
def test_2020_additions_are_locally_minted(store: ox.Store, code: str) -> None:
    row = next(r for r in rows("sdg/sdg_indicators.csv") if r["indicator"] == code)
    assert row["kos_match_2019"].startswith("none") and row["kos_iri_2019"] == ""
    got = select(store, f'SELECT ?i ?a {{ ?i skos:notation "{code}" ; lak:iriAuthority ?a }}')
    assert got == [
        (
            f"https://w3id.org/localaction-kg/id/sdg/indicator/{code}",
            "https://w3id.org/localaction-kg/ontology#LocallyMintedIRI",
        )
    ]


def test_titles_match_open_sdg(store: ox.Store) -> None:
    d = REF / "sdg"
    titles = {}
    for name in ("goals", "targets", "indicators"):
        titles.update(yaml.safe_load((d / f"open-sdg_en_global_{name}.yml").read_text(encoding="utf-8")))
    got = select(
        store,
        """SELECT ?n ?l { ?c skos:inScheme <http://metadata.un.org/sdg> ; skos:notation ?n ;
                           skos:prefLabel ?l FILTER(LANG(?l) = 'en') }""",
    )
    by_notation = {}
    for n, label in got:
        by_notation.setdefault(n, set()).add(label)
    for n in ["1", "10", "10.7", "10.c", "12.3", "16.9", "10.7.1", "10.7.3", "10.c.1", "17.18.1", "1.a.1"]:
        assert norm(titles[f"{n.replace('.', '-')}-title"]) in by_notation[n], n
    # every goal and target
    targets = rows("sdg/sdg_targets.csv")
    assert len(targets) == 169  # the 169 targets of the 2030 Agenda
    for r in targets:
        assert by_notation[r["target"]] == {norm(titles[f"{r['target'].replace('.', '-')}-title"])}


# -- frameworks --------------------------------------------------------------------------------------


def test_gcm_objective_titles_and_actions(store: ox.Store) -> None:
    for r in rows("gcm/gcm_objectives.csv"):
        got = select(
            store,
            f"""SELECT ?l ?s {{ id:gcm\\/objective\\/{r["objective"]} skos:prefLabel ?l ;
                                lak:shortName ?s ; skos:notation "{r["objective"]}" }}""",
        )
        assert got == [(r["title"], r["short_name_un_network"])]
    # actions: under their objective, transcription caveat recorded
    bad = select(
        store,
        """SELECT ?a { ?a a lak:GCMAction .
                       FILTER NOT EXISTS { ?a skos:broader ?o . ?o a lak:GCMObjective } }""",
    )
    assert bad == []
    compiled = count(
        store,
        """SELECT (COUNT(?a) AS ?n) { ?a a lak:GCMAction ; lak:textBasis lak:Compiled ;
                                lak:verificationNote ?v FILTER(CONTAINS(?v, 'A/RES/73/195')) }""",
    )
    assert compiled == sum(1 for r in rows("gcm/gcm_actions.csv") if r["source"].startswith("iomeval"))


def test_roundtable_4_is_compiled(store: ox.Store) -> None:
    got = select(
        store,
        """SELECT ?n ?b { ?r a lak:IMRFRoundtableCluster ; skos:notation ?n ; lak:textBasis ?b }
                           ORDER BY ?n""",
    )
    assert [b.rsplit("#")[1] for _, b in got] == ["UNText", "UNText", "UNText", "Compiled"]
    rt = {r["roundtable"]: set(r["objectives"].split()) for r in rows("gcm/gcm_imrf2022_roundtables.csv")}
    for n, objs in rt.items():
        got = select(
            store,
            f'SELECT ?o {{ ?r skos:notation "{n}" ; a lak:IMRFRoundtableCluster ; '
            "lak:includesObjective/skos:notation ?o }",
        )
        assert {o for (o,) in got} == objs


def test_unverified_gcr_sections_flagged(store: ox.Store) -> None:
    expected = {
        r["section"]
        for r in rows("gcr/gcr_programme_of_action_sections.csv")
        if r["verification"].startswith("NOT verified")
    }
    got = select(
        store, "SELECT ?n { ?s a lak:GCRProgrammeSection ; lak:flag lak:NotVerified ; skos:notation ?n }"
    )
    assert {n for (n,) in got} == expected and expected


# -- crosswalks ----------------------------------------------------------------------------------------


def test_crosswalk_ends_exist(store: ox.Store) -> None:
    dangling = select(
        store,
        """SELECT ?l ?c { ?l a lak:CrosswalkLink ; lak:fromConcept|lak:toConcept ?c .
                                FILTER NOT EXISTS { ?c a skos:Concept } }""",
    )
    assert dangling == []
    assert count(store, "SELECT (COUNT(?l) AS ?n) { ?l a lak:CrosswalkLink }") >= len(
        rows("mappings/gcm_sdg_links.csv")
    )


def test_all_sdgs_references_are_flagged_not_expanded(store: ox.Store) -> None:
    n_all = sum(1 for r in rows("mappings/gcm_sdg_links.csv") if r["sdg_code"] == "ALL")
    got = select(
        store,
        """SELECT ?l { ?l a lak:CrosswalkLink ; lak:flag lak:VagueReference ;
                           lak:relationType lak:GeneralReference
                           FILTER NOT EXISTS { ?l lak:toConcept ?x } }""",
    )
    assert len(got) == n_all == 2


def test_explicit_gcm_reference_is_un_text(store: ox.Store) -> None:
    # GCM para 36(a) names target 10.c: the one explicit reference in the reference CSV
    got = select(
        store,
        """SELECT ?t ?b { ?l lak:fromConcept id:gcm\\/objective\\/20 ; lak:toConcept ?t ;
                           lak:relationType lak:ExplicitReference ; lak:textBasis ?b }""",
    )
    assert got == [("http://metadata.un.org/sdg/10.c", "https://w3id.org/localaction-kg/ontology#UNText")]


# -- countries and sources -------------------------------------------------------------------------------


def test_countries_from_pycountry(store: ox.Store) -> None:
    got = select(
        store,
        "SELECT ?a2 ?a3 ?num { ?c a lak:Country ; lak:iso3166Alpha2 ?a2 ; "
        "lak:iso3166Alpha3 ?a3 ; lak:iso3166Numeric ?num }",
    )
    assert sorted(got) == sorted((c.alpha_2, c.alpha_3, c.numeric) for c in pycountry.countries)
    # Ghana: coco says "Western Africa"; its M49 code 011 sits under Africa 002
    got = select(
        store,
        """SELECT ?sub ?subl ?reg ?regl { id:country\\/GHA lak:m49SubRegion ?s ; lak:m49Region ?r .
                           ?s skos:notation ?sub ; skos:prefLabel ?subl ; skos:broader ?r .
                           ?r skos:notation ?reg ; skos:prefLabel ?regl }""",
    )
    assert got == [("011", "Western Africa", "002", "Africa")]


def test_source_documents_state_only_their_own_words(store: ox.Store) -> None:
    got = dict(
        select(store, "SELECT ?f ?r { ?d a lak:SourceDocument ; lak:fileName ?f ; dcterms:rights ?r }")
    )
    assert len(got) == 5
    src = default_sources_dir()
    for name, rights in got.items():
        text = norm((src / name).read_text(encoding="utf-8"))
        assert rights == "not stated" or norm(rights) in text, name
    assert got["002_34f54612af6dfd42.txt"] == "Copyright © Mayors Migration Council, May 2022"


# -- the extractor ------------------------------------------------------------------------------------------
# (That ``localaction-kg extract`` regenerates data/reference byte for byte is in test_extract.py.)


def test_extract_refuses_unverified_iri_with_clear_message(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    ref = tmp_path / "ref"
    shutil.copytree(REF, ref)
    goals = ref / "sdg" / "sdg_goals.csv"
    goals.chmod(0o644)
    text = goals.read_text(encoding="utf-8").splitlines()
    text[3] = text[3].rsplit(",", 1)[0] + ",False"  # goal 3
    goals.write_text("\n".join(text) + "\n", encoding="utf-8")
    assert main(["extract", "reference", "--reference", str(ref), "--data", str(tmp_path / "out")]) == 2
    assert "sdg_goals.csv goal 3: UN IRI not verified" in capsys.readouterr().err
    assert not (tmp_path / "out").exists()
