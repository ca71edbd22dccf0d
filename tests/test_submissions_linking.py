"""Entity linking at intake (localaction_kg/submissions/linking.py): names given for a submitter,
partner or funder resolve to the graph's actors and funding schemes, in every intake format.

The store holds the repository's data (data/sources/002 names Accra, the IOM, the two San José and
the Global Cities Fund with its chapters); the submissions are fictional test actions.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox
import pytest
from rdflib import BNode, Literal, URIRef
from rdflib.namespace import SKOS

from localaction_kg.config import PROJECT_ROOT, Settings
from localaction_kg.examples import load_examples
from localaction_kg.namespaces import LAK, LAKSH
from localaction_kg.service.app import create_app
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.submissions.linking import NameIndex, normalise
from localaction_kg.submissions.pipeline import Checked, check

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import TestClient  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"
GCF = URIRef(ID + "scheme/global-cities-fund")
ACTION = ID + "action/linking-test-desk"
FUNDING = URIRef(ID + "funding/linking-test-desk/1")
DESCRIPTION = ("Fictional test action: a desk where newly arrived migrants and refugees register for "
               "municipal services and language classes.")
RECORD: dict[str, object] = {
    "id": "linking-test-desk", "title": "Linking test desk (fictional)", "description": DESCRIPTION,
    "submitter": ID + "actor/accra", "gcm_objectives": [15], "start": "2022", "ongoing": True,
}
TTL = f"""@prefix lak: <https://w3id.org/localaction-kg/ontology#> .
@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
<{ACTION}> a lak:LocalAction ; dcterms:title "Linking test desk (fictional)"@en ;
    dcterms:description "{DESCRIPTION}"@en ;
    lak:submittedBy SUBMITTER ;
    lak:contributesTo <{ID}gcm/objective/15> ;
    lak:startDate "2022-01-01"^^xsd:date ; lak:startPrecision lak:YearPrecision ; lak:isOngoing true .
<{FUNDING}> a lak:Funding ; lak:fundedAction <{ACTION}> ; FUNDER ; lak:fundingStatus lak:Funded .
"""


@pytest.fixture(scope="module")
def store() -> Iterator[OxigraphStore]:
    s = support.make_store(None)
    yield s
    s.close()


def _ttl(store: OxigraphStore, submitter: str = f"<{ID}actor/accra>",
         funder: str = f"lak:viaScheme <{GCF}>", extra: str = "") -> Checked:
    text = TTL.replace("SUBMITTER", submitter).replace("FUNDER", funder) + extra
    return check(text.encode(), "turtle", store)


def _json(store: OxigraphStore, **fields: object) -> Checked:
    return check(json.dumps({**RECORD, **fields}).encode(), "json", store)


def _csv(store: OxigraphStore, **fields: str) -> Checked:
    row = {"id": "linking-test-desk", "title": "Linking test desk (fictional)", "description": DESCRIPTION,
           "submitter": ID + "actor/accra", "gcm_objectives": "15", "start": "2022", "ongoing": "true", **fields}
    line = ",".join(f'"{v}"' for v in row.values())
    return check(f"{','.join(row)}\n{line}\n".encode(), "csv", store)


def _jsonld(store: OxigraphStore, funding: dict[str, object]) -> Checked:
    doc = {
        "@context": "https://w3id.org/localaction-kg/context.jsonld", "@id": ACTION, "type": "LocalAction",
        "submittedBy": ID + "actor/accra", "title": "Linking test desk (fictional)", "description": DESCRIPTION,
        "contributesTo": [ID + "gcm/objective/15"], "startDate": "2022-01-01", "startPrecision": "YearPrecision",
        "isOngoing": True, "funding": {"@id": str(FUNDING), "type": "Funding", "fundingStatus": "Funded", **funding},
    }
    return check(json.dumps(doc).encode(), "jsonld", store)


def _conforms(checked: Checked) -> Checked:
    assert checked.report.conforms, checked.report.text()
    return checked


def _via_gcf(checked: Checked) -> bool:
    g = checked.parsed.graph
    fundings = list(g.subjects(LAK.viaScheme, GCF))
    return len(fundings) == 1 and g.value(fundings[0], LAK.funder) is None


def test_names_are_compared_without_case_accents_or_punctuation(store: OxigraphStore) -> None:
    index = NameIndex.from_store(store)
    actors = frozenset(("lrg", "actor"))
    assert normalise("Zürich,  CITY of") == normalise("zurich city of")
    assert [c.iri for c in index.candidates(["BOGOTA"], actors)] == [ID + "actor/bogota"]
    assert [c.iri for c in index.candidates(["city of zurich"], actors)] == [ID + "actor/zurich"]
    assert [c.iri for c in index.candidates(["gcf ica"], frozenset(("scheme", "chapter")))] == [
        ID + "scheme/gcf-inclusive-climate-action"
    ]
    assert index.candidates(["Global Cities Fund for Migrants and Refugees"], actors) == []  # a fund is no actor


@pytest.mark.parametrize("fmt", ["turtle", "jsonld", "json", "csv"])
@pytest.mark.parametrize("given", ["iri", "name"])
def test_every_format_can_fund_through_a_scheme(store: OxigraphStore, fmt: str, given: str) -> None:
    name = "Global Cities Fund for Migrants and Refugees"
    if fmt == "turtle":
        checked = _ttl(store, funder=f"lak:viaScheme <{GCF}>" if given == "iri"
                       else f'lak:funder [ a lak:Actor ; skos:prefLabel "{name}"@en ]')
    elif fmt == "jsonld":
        checked = _jsonld(store, {"viaScheme": str(GCF)} if given == "iri" else {"funder": {"name": "GCF"}})
    elif fmt == "json":
        checked = _json(store, funders=[{"scheme": "global-cities-fund", "status": "funded"} if given == "iri"
                                        else {"funder": name, "status": "funded"}])
    else:
        checked = _csv(store, funding_status="funded",
                       **({"funding_scheme": str(GCF)} if given == "iri" else {"funder": name}))
    assert _via_gcf(_conforms(checked)), checked.parsed.graph.serialize(format="turtle")
    assert (URIRef(ACTION), LAK.fundedBy, GCF) in checked.parsed.graph
    if given == "name":
        assert [link.iri for link in checked.report.links] == [str(GCF)]


def test_a_fund_named_as_funder_is_linked_and_the_report_says_so(store: OxigraphStore) -> None:
    checked = _conforms(_json(store, funders=[{"funder": "global cities fund for migrants and refugees",
                                                "status": "funded"}]))
    assert _via_gcf(checked)
    link = checked.report.as_json()["linked"][0]  # type: ignore[index]
    assert link["message"].startswith(
        "linked 'global cities fund for migrants and refugees' to id/scheme/global-cities-fund"
    )
    assert link["property"] == "lak:viaScheme" and link["kind"] == "funding scheme"
    assert checked.parsed.graph.value(FUNDING, LAK.asWritten) == Literal(
        "global cities fund for migrants and refugees", lang="en"
    )


def test_a_chapter_by_its_short_name_and_a_scheme_iri_given_as_funder(store: OxigraphStore) -> None:
    chapter = _conforms(_json(store, funders=[{"funder": "GCF:IPR", "status": "pipeline"}]))
    assert (FUNDING, LAK.viaScheme, URIRef(ID + "scheme/gcf-inclusive-pandemic-response")) in chapter.parsed.graph
    as_funder = _conforms(_ttl(store, funder=f"lak:funder <{GCF}>"))
    assert _via_gcf(as_funder)


def test_submitter_and_partner_by_name_become_the_actors_of_the_graph(store: OxigraphStore) -> None:
    checked = _conforms(_ttl(store, submitter='[ skos:prefLabel "ACCRA METROPOLITAN ASSEMBLY"@en ]',
                             extra=f'<{ACTION}> lak:partner [ a lak:Actor ; skos:prefLabel "iom" ] .\n'))
    g = checked.parsed.graph
    assert g.value(URIRef(ACTION), LAK.submittedBy) == URIRef(ID + "actor/accra")
    assert g.value(URIRef(ACTION), LAK.partner) == URIRef(ID + "actor/iom")
    assert not [n for n in g.all_nodes() if isinstance(n, BNode)]
    roles = {link.role: link.iri for link in checked.report.links}
    assert roles == {"submitter": ID + "actor/accra", "partner": ID + "actor/iom"}
    by_form = _conforms(_json(store, submitter="Municipality of San José", partners=["Montreal"]))
    assert by_form.parsed.graph.value(URIRef(ACTION), LAK.submittedBy) == URIRef(ID + "actor/san-jose-costa-rica")
    assert by_form.parsed.graph.value(URIRef(ACTION), LAK.partner) == URIRef(ID + "actor/montreal")


def test_an_ambiguous_name_is_refused_with_its_candidates(store: OxigraphStore) -> None:
    for checked in (_json(store, submitter="San José"),
                    _ttl(store, extra=f'<{ACTION}> lak:partner [ skos:prefLabel "san jose" ] .\n')):
        assert not checked.report.conforms
        issues = [i for i in checked.report.violations if i.shape == str(LAKSH.AmbiguousNameCheck)]
        assert len(issues) == 1, checked.report.text()
        assert "id/actor/san-jose-california" in issues[0].message
        assert "id/actor/san-jose-costa-rica" in issues[0].message
    only = _json(store, submitter="San José").report.violations
    assert [i.shape for i in only] == [str(LAKSH.AmbiguousNameCheck)], "nothing else to say about that name"


def test_an_unknown_partner_or_funder_is_a_new_named_actor_and_the_report_says_so(store: OxigraphStore) -> None:
    checked = _conforms(_json(store, partners=["Example Residents' Association (fictional)"],
                              funders=[{"funder": "Example Trust (fictional)", "status": "funded"}]))
    warnings = [i for i in checked.report.warnings if i.shape == str(LAKSH.UnknownNameCheck)]
    assert sorted(i.value or "" for i in warnings) == ["Example Residents' Association (fictional)",
                                                       "Example Trust (fictional)"]
    assert all("recorded as a new actor with that name" in i.message for i in warnings)
    g = checked.parsed.graph
    partner = g.value(URIRef(ACTION), LAK.partner)
    assert isinstance(partner, BNode) and g.value(partner, SKOS.prefLabel) is not None


def test_an_unknown_submitter_or_scheme_is_refused_with_what_to_do(store: OxigraphStore) -> None:
    typo = _json(store, submitter="Acra")
    assert [i.shape for i in typo.report.violations] == [str(LAKSH.UnknownNameCheck)], typo.report.text()
    assert "Did you mean id/actor/accra (Accra)?" in typo.report.violations[0].message
    scheme = _json(store, funders=[{"scheme": "No Such Fund", "status": "funded"}])
    assert [i.shape for i in scheme.report.violations] == [str(LAKSH.UnknownNameCheck)]
    assert "id/scheme/global-cities-fund" in scheme.report.violations[0].message


def test_a_new_actor_described_with_an_existing_name_is_kept_with_a_warning(store: OxigraphStore) -> None:
    checked = _conforms(_ttl(store, extra=f'<{ACTION}> lak:partner [ a lak:Actor ; skos:prefLabel "IOM" ; '
                                          f'<https://schema.org/url> "https://example.org/" ] .\n'))
    issues = [i for i in checked.report.warnings if i.shape == str(LAKSH.NewActorNamedLikeExistingCheck)]
    assert issues and "id/actor/iom" in issues[0].message
    assert isinstance(checked.parsed.graph.value(URIRef(ACTION), LAK.partner), BNode)


HEADLINE = next(e for e in load_examples() if e.name == "actions-gcm-objective-with-funder")


def test_over_http_the_response_says_what_was_linked_and_the_headline_query_answers(tmp_path: Path) -> None:
    store_dir = support.disk_store_dir(tmp_path / "store")
    token = support.make_token(store_dir, support.ACCRA)
    app = create_app(Settings(store=store_dir), start_workers=False)
    record = {**RECORD, "funders": [{"funder": "Global Cities Fund for Migrants and Refugees", "status": "funded"}]}
    with TestClient(app) as client:
        dry = client.post("/submissions/validate", json=record)
        assert dry.status_code == 200 and dry.json()["linked"][0]["iri"] == str(GCF)
        resp = client.post("/submissions", json=record, headers={"Authorization": f"Bearer {token}"})
        assert resp.status_code == 201, resp.text
        messages = [link["message"] for link in resp.json()["linked"]]
        assert len(messages) == 1
        assert messages[0].startswith(
            "linked 'Global Cities Fund for Migrants and Refugees' to id/scheme/global-cities-fund"
        )
        rows = app.state.store.query(HEADLINE.query)
        assert isinstance(rows, ox.QuerySolutions)
        ours = [(r["status"].value, r["submitter"].value) for r in rows if r["action"].value == ACTION]
        assert ours == [("Funded", "Accra")]
        refused = client.post("/submissions", json={**record, "id": "linking-test-other", "submitter": "San José"},
                              headers={"Authorization": f"Bearer {token}"})
        assert refused.status_code == 422
        assert "san-jose-costa-rica" in json.dumps(refused.json())


@pytest.mark.parametrize("snippet", ["lak:viaScheme", '"viaScheme"', '"scheme"', "funding_scheme"])
def test_the_examples_readme_shows_scheme_funding_in_every_format(snippet: str) -> None:
    text = (PROJECT_ROOT / "data" / "examples" / "README.md").read_text(encoding="utf-8")
    assert snippet in text, snippet
