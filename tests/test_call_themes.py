"""The 8 Call themes of source 002 and their stated crosswalks (data/sources/002/themes.ttl).

Every quote is checked against the source text; expected links were read from the themes table
of 002_34f54612af6dfd42.txt (the test re-checks that each expected cell is in that table).
"""

from __future__ import annotations

import shutil
from pathlib import Path

import pyoxigraph as ox
import pytest

from localaction_kg.cli import main
from localaction_kg.config import PROJECT_ROOT, default_sources_dir
from localaction_kg.layout import SOURCE_FILES

THEMES = PROJECT_ROOT / "data" / "sources" / "002" / "themes.ttl"
REFERENCE = PROJECT_ROOT / "data" / "reference"
SOURCE = default_sources_dir() / SOURCE_FILES["002"]
PREFIXES = """
PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX dcterms: <http://purl.org/dc/terms/>
"""
#: theme number -> (GCM cell, SDG cell) as the table writes them.
TABLE = {
    "1": ("Objective 23", "Goal 17"),
    "2": ("Objective 2", "Goals 1, 2, 3, 13, 16, 17"),
    "3": ("Objective 7", "Goals 1, 5, 8, 10, 16, 17"),
    "4": ("Objective 15", "Goals 1, 3, 4, 6, 7, 11, 16"),
    "5": ("Objective 16", "Goals 10, 11, 16, 17"),
    "6": ("Objective 17", "Goals 8, 10, 16, 17"),
    "7": ("Objective 7 and 15", "Goals 1, 5, 3, 4, 6, 7, 8, 10, 11, 16, 17"),
    "8": ("Objective 23", "Goal 17"),
}


def load(*paths: Path) -> ox.Store:
    s = ox.Store()
    for p in paths:
        s.load(path=str(p), format=ox.RdfFormat.TURTLE)
    return s


@pytest.fixture(scope="module")
def store() -> ox.Store:
    return load(THEMES, *sorted(REFERENCE.glob("*.ttl")))


def select(store: ox.Store, q: str) -> list[tuple[str, ...]]:
    return [tuple(t.value if t is not None else "" for t in sol) for sol in store.query(PREFIXES + q)]


def quotes_not_in_source(store: ox.Store, lines: list[str]) -> list[str]:
    """asWritten values that are not verbatim within their section's lines."""
    rows = select(
        store,
        """SELECT ?w ?a ?b { ?l lak:asWritten ?w ; prov:wasDerivedFrom ?s .
                            ?s a lak:SourceSection ; lak:lineStart ?a ; lak:lineEnd ?b }""",
    )
    return [w for w, a, b in rows if w not in "\n".join(lines[int(a) - 1 : int(b)])]


def test_themes_and_section(store: ox.Store) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    got = select(
        store,
        "SELECT ?n ?l { ?t a lak:CallTheme ; skos:notation ?n ; skos:prefLabel ?l ; "
        "skos:inScheme <https://w3id.org/localaction-kg/id/scheme/call-themes> }",
    )
    assert len(got) == 8
    ((start, end, label, doc),) = select(
        store,
        """SELECT ?a ?b ?h ?d { ?s a lak:SourceSection ; lak:lineStart ?a ; lak:lineEnd ?b ;
                                rdfs:label ?h ; dcterms:isPartOf ?d }""",
    )
    assert doc == "https://w3id.org/localaction-kg/id/source/002"
    assert lines[int(start) - 1].startswith(label)
    table = "\n".join(lines[int(start) - 1 : int(end)])
    for n, text in got:
        assert f"{n}. {text}\t" in table


def test_every_quote_is_verbatim_in_the_source(store: ox.Store) -> None:
    lines = SOURCE.read_text(encoding="utf-8").splitlines()
    assert select(store, "SELECT (COUNT(?w) AS ?n) { ?l lak:asWritten ?w }")[0][0] != "0"
    assert quotes_not_in_source(store, lines) == []
    # the check can fail: a quote that the source does not contain is reported
    bad = load(THEMES)
    link = ox.NamedNode(
        "https://w3id.org/localaction-kg/id/crosswalk/theme-social-inclusion/gcm-objective-16"
    )
    bad.add(
        ox.Quad(
            link,
            ox.NamedNode(PREFIXES.split("lak: <")[1].split(">")[0] + "asWritten"),
            ox.Literal("Objective 16 and 99"),
        )
    )
    assert quotes_not_in_source(bad, lines) == ["Objective 16 and 99"]


@pytest.mark.parametrize("number", sorted(TABLE))
def test_gcm_and_sdg_links_as_stated(store: ox.Store, number: str) -> None:
    gcm_cell, sdg_cell = TABLE[number]
    row = next(ln for ln in SOURCE.read_text(encoding="utf-8").splitlines() if ln.startswith(f"\t{number}. "))
    assert f"\t{gcm_cell}\t" in row and row.endswith(f"\t{sdg_cell}")

    def targets(prefix: str) -> set[str]:
        got = select(
            store,
            f"""SELECT ?c ?w ?b {{ ?t a lak:CallTheme ; skos:notation "{number}" .
                               ?l lak:fromConcept ?t ; lak:toConcept ?c ; lak:asWritten ?w ; lak:basis ?b .
                               ?t lak:crosswalksTo ?c FILTER(STRSTARTS(STR(?c), "{prefix}")) }}""",
        )
        assert {b for _, _, b in got} <= {"https://w3id.org/localaction-kg/ontology#Stated"}
        return {c.rsplit("/", 1)[1] for c, w, _ in got if w in (gcm_cell, sdg_cell)}

    assert targets("https://w3id.org/localaction-kg/id/gcm/objective/") == set(
        gcm_cell.removeprefix("Objective ").split(" and ")
    )
    assert targets("http://metadata.un.org/sdg/") == set(sdg_cell.split(" ", 1)[1].split(", "))


def test_odd_statements_flagged_not_expanded(store: ox.Store) -> None:
    text = SOURCE.read_text(encoding="utf-8")
    assert "Para 97–199" in text and "<u>Focus Area:</u> Health" in text
    got = select(
        store,
        """SELECT ?w ?f { ?l lak:asWritten ?w ; lak:flag ?f ; lak:fromConcept ?t . ?t a lak:CallTheme
                          FILTER NOT EXISTS { ?l lak:toConcept ?c } } ORDER BY ?w""",
    )
    assert got == [
        ("Health", "https://w3id.org/localaction-kg/ontology#UnlistedConcept"),
        ("Para 97–199", "https://w3id.org/localaction-kg/ontology#RangeReference"),
    ]
    # not expanded: no theme points at any of paragraphs 97-100 or at a "health" area
    expanded = select(
        store,
        """SELECT ?x { ?t a lak:CallTheme ; lak:crosswalksTo ?x
                       FILTER(REGEX(STR(?x), "paragraph/(9[7-9]|100)$|health")) }""",
    )
    assert expanded == []


def test_every_linked_concept_exists(store: ox.Store) -> None:
    missing = select(
        store,
        """SELECT ?c { ?l a lak:CrosswalkLink ; lak:toConcept ?c .
                               FILTER NOT EXISTS { ?c skos:inScheme ?s } }""",
    )
    assert missing == []


def test_extract_refuses_an_unknown_focus_area(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """(That ``localaction-kg extract`` regenerates themes.ttl byte for byte is in test_extract.py.)"""
    src = tmp_path / "sources"
    shutil.copytree(default_sources_dir(), src)
    bad = src / SOURCE_FILES["002"]
    bad.chmod(0o644)
    bad.write_text(
        bad.read_text(encoding="utf-8").replace("Focus Area:</u> Health", "Focus Area:</u> Housing"),
        encoding="utf-8",
    )
    assert main(["extract", "002", "--sources", str(src), "--data", str(tmp_path / "data")]) == 2
    assert "unknown focus area in 'Housing Education" in capsys.readouterr().err
    assert not (tmp_path / "data").exists()
