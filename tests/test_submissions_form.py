"""The officer's form (/submissions/new), against a real server: headless Chromium in English and in
French, and plain HTTP for what a browser cannot tell apart.

The flow: the token first (the submitter is shown by name), a wrong submission (an error summary
at the top that takes the focus and links to each field, and each message beside its field, in
the page's language), a right one (a link to the action's page), a revision, a withdrawal.
"""

from __future__ import annotations

import html
import re
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pyoxigraph as ox
import pytest

from localaction_kg.config import PROJECT_ROOT

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import Server  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"
DCT = "http://purl.org/dc/terms/"
AXE = PROJECT_ROOT / "node_modules" / "axe-core" / "axe.min.js"
DESCRIPTION = ("Fictional form test: a one-stop desk where newly arrived migrants and refugees register for "
               "municipal services, health care and language classes, run with civil society organisations.")


@pytest.fixture(scope="module")
def server(tmp_path_factory: pytest.TempPathFactory) -> Iterator[Server]:
    store_dir = support.disk_store_dir(tmp_path_factory.mktemp("form") / "store")
    srv = Server(store_dir)
    srv.start()
    try:
        yield srv
    finally:
        srv.stop()


def _csrf(text: str) -> str:
    found = re.search(r'name="csrf_token" value="([^"]+)"', text)
    assert found, "the page has no CSRF field"
    return found.group(1)


@contextmanager
def _signed_in(server: Server, token: str, lang: str = "en") -> Iterator[httpx.Client]:
    with httpx.Client(base_url=server.url, timeout=60, headers={"Accept-Language": lang}) as client:
        page = client.get("/submissions/new")
        given = client.post("/submissions/new/token", data={"csrf_token": _csrf(page.text), "token": token})
        assert given.status_code == 303, given.text
        yield client


def _label_of(server: Server, iri: str) -> str:
    """The submitter's name as the graph has it (an independent query, not the form's code)."""
    r = httpx.get(server.url + "/sparql", params={"query": f"SELECT ?l WHERE {{ <{iri}> "
                  "<http://www.w3.org/2004/02/skos/core#prefLabel> ?l }"},
                  headers={"Accept": "application/sparql-results+json"}, timeout=30)
    bindings = r.json()["results"]["bindings"]
    assert bindings, f"{iri} has no name in the graph"
    return str(bindings[0]["l"]["value"])


def test_the_token_comes_first_and_decides_the_submitter(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=60) as client:
        first = client.get("/submissions/new")
        assert first.status_code == 200 and 'id="token-form"' in first.text and 'id="submission-form"' not in first.text
        wrong = client.post("/submissions/new/token", data={"csrf_token": _csrf(first.text), "token": "lakg_nope"})
        assert wrong.status_code == 401
        assert 'id="error-summary"' in wrong.text and 'href="#token"' in wrong.text
        assert 'id="submission-form"' not in client.get("/submissions/new").text  # the wrong token is not kept
    with _signed_in(server, support.make_token(server.store_dir, support.ACCRA)) as client:
        form = client.get("/submissions/new")
        shown = re.search(r'id="submitter-name">([^<]*)<', form.text)
        assert shown and shown.group(1) == _label_of(server, support.ACCRA)
        assert 'name="submitter"' not in form.text  # nobody types a submitter IRI
        assert not re.search(r'<input[^>]+name="(call_themes|gcm_objectives)"[^>]+type="text"', form.text)
        assert 'name="gcm_objectives" value="' + ID + 'gcm/objective/15"' in form.text
        assert form.text.count('name="status"') == 3 and 'name="ongoing"' not in form.text
        assert '<datalist id="funder-list">' in form.text and "Global Cities Fund" in form.text


def test_the_form_reports_every_error_the_api_reports_for_the_same_data(server: Server) -> None:
    """One submission path: a bad country given with no submitter is reported by both, beside the
    missing submitter (an admin creating a new government, the one case where the form sends them)."""
    record = {"title": "Atlantis desk for newcomers (fictional form test)", "description": DESCRIPTION,
              "language": "en", "submitter_name": "Atlantis City", "submitter_kind": "City",
              "submitter_country": "Atlantis", "gcm_objectives": ID + "gcm/objective/15", "start": "2022-05",
              "status": "ongoing", "ongoing": "true"}
    api = httpx.post(server.url + "/submissions/validate", json=record, timeout=30)
    assert api.status_code == 422
    messages = [r["message"] for r in api.json()["results"]]
    assert any(m.startswith("Unknown country") for m in messages), messages
    with _signed_in(server, support.make_token(server.store_dir, support.ACCRA, "admin")) as client:
        page = client.get("/submissions/new")
        posted = {k: v for k, v in record.items() if k not in ("start", "ongoing")}
        form = client.post("/submissions/new", data={**posted, "submit_for": "", "start_year": "2022",
                                                      "start_month": "5", "csrf_token": _csrf(page.text)})
    assert form.status_code == 422
    shown = html.unescape(form.text)
    assert [m for m in messages if m not in shown] == []
    assert "No such GCM objective" not in shown  # and it can fail: what the API does not say is not shown


def test_the_form_refuses_a_post_without_its_csrf_token(server: Server) -> None:
    with _signed_in(server, support.make_token(server.store_dir, support.ACCRA)) as client:
        record = {"title": "Cross-site test (fictional)", "start_year": "2022"}
        forged = client.post("/submissions/new", data={**record, "csrf_token": "x" * 43})
        assert forged.status_code == 403 and 'value="Cross-site test (fictional)"' in forged.text
        ok = client.post("/submissions/new", data={**record, "csrf_token": _csrf(client.get("/submissions/new").text)})
        assert ok.status_code == 422  # it can pass: on to validation


def test_suggest_without_javascript_returns_checkboxes_and_only_ticked_ones_are_recorded(server: Server) -> None:
    with _signed_in(server, support.make_token(server.store_dir, support.ACCRA)) as client:
        page = client.get("/submissions/new")
        base = {"csrf_token": _csrf(page.text), "title": "Suggest desk for newcomers (fictional form test)",
                "description": DESCRIPTION, "language": "en", "start_year": "2023", "status": "ongoing"}
        shown = client.post("/submissions/new", data={**base, "op": "suggest"})
        assert shown.status_code == 200
        offered = re.findall(r'name="suggestion" value="([^"]+)"', shown.text)
        assert offered, "no suggestion was offered"
        run = re.search(r'name="suggestion_run" value="([^"]+)"', shown.text)
        assert run
        ticked = next(o for o in offered if "/gcm/objective/" in o)
        done = client.post("/submissions/new", data={**base, "op": "submit", "csrf_token": _csrf(shown.text),
                                                      "suggestion": [ticked], "suggestion_run": html.unescape(run[1])})
        assert done.status_code == 201, done.text
    concept = ticked.split(" ")[0]
    action = ID + "action/suggest-desk-for-newcomers-fictional-form-test"
    rows = httpx.get(server.url + "/sparql", headers={"Accept": "application/sparql-results+json"}, timeout=30,
                     params={"query": f"""SELECT ?c ?run WHERE {{ <{action}>
                        <https://w3id.org/localaction-kg/ontology#qualifiedContribution> ?q .
                        ?q <https://w3id.org/localaction-kg/ontology#concept> ?c .
                        OPTIONAL {{ ?q <http://www.w3.org/ns/prov#wasInfluencedBy> ?run }} }}"""}).json()
    found = {(b["c"]["value"], "run" in b) for b in rows["results"]["bindings"]}
    assert (concept, True) in found
    untouched = {o.split(" ")[0] for o in offered} - {concept}
    assert untouched and not untouched & {c for c, _ in found}  # a suggestion nobody ticked is not a fact


def test_every_submission_message_speaks_french_and_spanish() -> None:
    import rdflib

    g = rdflib.Graph().parse(PROJECT_ROOT / "shapes" / "submission.ttl")
    sh = rdflib.Namespace("http://www.w3.org/ns/shacl#")
    shapes = set(g.subjects(sh.message, None))
    assert len(shapes) > 40
    lacking = sorted(str(s) for s in shapes if not {"fr", "es"} <= {m.language for m in g.objects(s, sh.message)})
    assert lacking == []


def _axe(chromium: Any, url: str, cookies: list[dict[str, Any]], action: str | None = None) -> list[Any]:
    if not AXE.is_file():
        pytest.fail("axe-core is missing: run scripts/build_assets.sh (npm ci)")
    context = chromium.new_context(bypass_csp=True)
    try:
        context.add_cookies(cookies)
        pg = context.new_page()
        pg.goto(url)
        if action:
            pg.click(action)
        pg.add_script_tag(path=str(AXE))
        result = pg.evaluate("async () => await axe.run(document, {resultTypes: ['violations']})")
        return [(v["id"], v["impact"], [n["target"] for n in v["nodes"]][:3]) for v in result["violations"]
                if v["impact"] in ("serious", "critical")]
    finally:
        context.close()


@pytest.mark.parametrize("lang", ["en", "fr"])
def test_an_officer_submits_revises_and_withdraws_in_the_browser(server: Server, chromium: Any, lang: str) -> None:
    token = support.make_token(server.store_dir, support.ACCRA)
    context = chromium.new_context(locale=lang, extra_http_headers={"Accept-Language": lang})
    title = f"Browser desk for newcomers {lang} (fictional form test)"
    try:
        page = context.new_page()
        page.goto(server.url + "/submissions/new")
        page.fill("#token", token)
        page.keyboard.press("Enter")
        page.wait_for_selector("#submission-form")
        assert page.inner_text("#submitter-name") == _label_of(server, support.ACCRA)
        # a wrong submission: no framework, and an end before the start
        page.fill("#title", title)
        page.fill("#description", DESCRIPTION)
        page.fill("#start_year", "2022")
        page.select_option("#start_month", "5")
        page.check("#status-completed")
        page.fill("#end_year", "2021")
        page.click("#submit")
        summary = page.locator("#error-summary")
        assert summary.is_visible()
        assert page.evaluate("document.activeElement.id") == "error-summary"
        heading = {"en": "There is a problem", "fr": "Il y a un problème"}[lang]
        assert page.inner_text("#error-summary-title") == heading
        end_message = {"en": "The end date is before the start date",
                       "fr": "La date de fin précède la date de début"}[lang]
        assert end_message in page.inner_text("#field-end .field-message")
        assert end_message in summary.inner_text()
        assert page.locator("#error-summary a[href='#end_year']").count() == 1
        assert page.locator("#field-gcm_objectives .field-message").count() == 1
        assert page.input_value("#title") == title  # nothing the officer typed is lost
        page.click("#error-summary a[href='#end_year']")
        assert page.evaluate("document.activeElement.id") == "end_year"
        # put right: GCM objective 15, an end after the start
        page.fill("#end_year", "2024")
        page.check(f"input[name=gcm_objectives][value='{ID}gcm/objective/15']")
        page.click("#submit")
        page.wait_for_selector("#outcome")
        assert page.locator(".field-message.violation").count() == 0
        page.click("#action-link")
        assert page.url.endswith("/action/" + re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-"))
        assert title in page.content()
        # revise: the form comes back filled in from the stored version
        page.go_back()
        page.click("#revise-link")
        assert page.input_value("#title") == title and page.input_value("#end_year") == "2024"
        assert page.is_checked(f"input[name=gcm_objectives][value='{ID}gcm/objective/15']")
        page.fill("#description", DESCRIPTION + " Revised in the browser.")
        page.click("#submit")
        page.wait_for_selector("#outcome")
        # withdraw
        page.click("#revise-link")
        page.click("#withdraw")
        page.wait_for_selector("#outcome")
        cookies = context.cookies()
    finally:
        context.close()
    slug = re.sub(r"[^a-z0-9]+", "-", title.lower()).strip("-")
    info = httpx.get(f"{server.url}/submissions/{slug}", timeout=30).json()
    assert info["status"] == "withdrawn" and len(info["versions"]) == 2
    assert _axe(chromium, f"{server.url}/submissions/new?lang={lang}", cookies) == []
    assert _axe(chromium, f"{server.url}/submissions/new?lang={lang}", cookies, "#submit") == []


def test_an_officer_cannot_change_another_governments_action(server: Server) -> None:
    accra = support.make_token(server.store_dir, support.ACCRA)
    with _signed_in(server, accra) as client:
        page = client.get("/submissions/new")
        made = client.post("/submissions/new", data={
            "csrf_token": _csrf(page.text), "title": "Owned desk (fictional form test)", "description": DESCRIPTION,
            "language": "en", "start_year": "2023", "status": "ongoing", "gcm_objectives": ID + "gcm/objective/15"})
        assert made.status_code == 201, made.text
    other = support.make_token(server.store_dir, ID + "actor/example-town")
    with _signed_in(server, other) as client:
        refused = client.get("/submissions/owned-desk-fictional-form-test/edit")
        assert refused.status_code == 403
    with _signed_in(server, accra) as client:  # and it can pass: its own government may
        assert client.get("/submissions/owned-desk-fictional-form-test/edit").status_code == 200


def test_the_help_page_says_who_issues_tokens_in_three_languages(server: Server) -> None:
    expected = (("en", "Who issues tokens"), ("fr", "Qui délivre les jetons"), ("es", "Quién emite los tokens"))
    for lang, words in expected:
        r = httpx.get(server.url + "/submissions/help", headers={"Accept-Language": lang}, timeout=30)
        assert r.status_code == 200 and words in r.text and r.headers["content-language"] == lang
    home = httpx.get(server.url + "/", timeout=30).text
    assert 'href="/submissions/new"' in home



def test_harvesters_see_each_accepted_version(server: Server) -> None:
    """DCAT's and VoID's dcterms:modified, the dumps' ETags and the ?since feed all move with a change."""
    import xml.etree.ElementTree as ET

    def catalogue_modified() -> set[str]:
        g = ox.Store()
        g.load(httpx.get(server.url + "/catalog", headers={"Accept": "text/turtle"}, timeout=30).content,
               format=ox.RdfFormat.TURTLE)
        return {q.object.value for q in g.quads_for_pattern(None, ox.NamedNode(DCT + "modified"), None)}

    dump = next(d for d in httpx.get(server.url + "/catalog", headers={"Accept": "text/turtle"}, timeout=30)
                .text.split() if "/dumps/" in d).strip("<>;.")
    etag_before = httpx.head(dump, timeout=60).headers["etag"]
    before_changes = catalogue_modified()
    since = httpx.get(server.url + "/submissions", timeout=30).json()["next_since"]
    with _signed_in(server, support.make_token(server.store_dir, support.ACCRA)) as client:
        page = client.get("/submissions/new")
        made = client.post("/submissions/new", data={
            "csrf_token": _csrf(page.text), "title": "Harvested desk (fictional form test)", "description": DESCRIPTION,
            "language": "en", "start_year": "2023", "status": "ongoing", "gcm_objectives": ID + "gcm/objective/15"})
        assert made.status_code == 201, made.text
    feed = httpx.get(server.url + "/submissions", params={"since": since} if since else {}, timeout=30)
    assert feed.status_code == 200 and feed.headers["content-type"].startswith("application/feed+json")
    ids = [i["_localaction"]["id"] for i in feed.json()["items"]]
    assert "harvested-desk-fictional-form-test" in ids
    later = httpx.get(server.url + "/submissions", params={"since": feed.json()["next_since"]}, timeout=30).json()
    assert later["items"] == []  # and it can be empty: nothing changed after the last change
    atom = httpx.get(server.url + "/submissions", headers={"Accept": "application/atom+xml"}, timeout=30)
    entries = ET.fromstring(atom.content).findall("{http://www.w3.org/2005/Atom}entry")
    assert entries and atom.headers["content-type"].startswith("application/atom+xml")
    bad = httpx.get(server.url + "/submissions", params={"since": "yesterday"}, timeout=30)
    assert bad.status_code == 400 and "ISO 8601" in bad.json()["detail"]
    after_changes = catalogue_modified()
    assert after_changes and after_changes != before_changes
    assert httpx.head(dump, timeout=60).headers["etag"] != etag_before
