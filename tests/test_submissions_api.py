"""POST /submissions and friends, against the real app, a real on-disk store and real query workers.

Accepted submissions (one per format, data/examples/) answer SPARQL at once, including a
cross-framework question that only the crosswalk rules can answer; tokens are scoped; retries with
an Idempotency-Key make one submission; versions, withdrawal and review behave as documented.
"""

from __future__ import annotations

import json
import socket
import sys
import threading
from collections.abc import Iterator
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import TestClient  # noqa: E402

from localaction_kg.config import PROJECT_ROOT, Settings  # noqa: E402
from localaction_kg.service.app import create_app  # noqa: E402

EXAMPLES = PROJECT_ROOT / "data" / "examples"
ID = "https://w3id.org/localaction-kg/id/"
TOWN = ID + "actor/example-town"
JSON_HEADERS = {"Accept": "application/sparql-results+json"}


@pytest.fixture(scope="module")
def env(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[TestClient, str]]:
    store_dir = support.disk_store_dir(tmp_path_factory.mktemp("api") / "store")
    app = create_app(Settings(store=store_dir, max_body_bytes=200_000, query_workers=1), start_workers=True)
    with TestClient(app) as c:
        yield c, store_dir


def _submit(client: TestClient, path: Path, token: str, **headers: str) -> object:
    return client.post(
        "/submissions",
        content=path.read_bytes(),
        headers={"Content-Type": support.MEDIA[path.suffix], "Authorization": f"Bearer {token}", **headers},
    )


def _select(client: TestClient, query: str) -> list[dict[str, str]]:
    resp = client.get("/sparql", params={"query": query}, headers=JSON_HEADERS)
    assert resp.status_code == 200, resp.text
    return [{k: v["value"] for k, v in b.items()} for b in resp.json()["results"]["bindings"]]


def _ask_action(client: TestClient, action: str) -> bool:
    q = f"ASK {{ <{action}> a <https://w3id.org/localaction-kg/ontology#LocalAction> }}"
    resp = client.get("/sparql", params={"query": q}, headers=JSON_HEADERS)
    return bool(resp.json()["boolean"])


@pytest.mark.parametrize("name", ["action.ttl", "action.jsonld", "action.json", "action.csv"])
def test_valid_example_is_accepted_and_queryable_at_once(env: tuple[TestClient, str], name: str) -> None:
    client, store_dir = env
    token = support.make_token(store_dir, TOWN)
    path = EXAMPLES / name
    action = {
        "action.ttl": "example-town-newcomer-desk",
        "action.jsonld": "example-town-language-cafe",
        "action.json": "example-town-legal-clinic",
        "action.csv": "example-town-school-enrolment",
    }[name]
    assert not _ask_action(client, ID + "action/" + action)
    resp = _submit(client, path, token)
    assert resp.status_code == 201, resp.text
    body = resp.json()
    assert body["iri"] == ID + "submission/" + action and body["version"] == 1
    assert resp.headers["location"] == f"/submissions/{action}"
    assert _ask_action(client, ID + "action/" + action)
    info = client.get(f"/submissions/{action}").json()
    assert info["status"] == "published" and info["visible"] is True
    assert [v["version"] for v in info["versions"]] == [1]
    import hashlib

    assert info["versions"][0]["sha256"] == hashlib.sha256(path.read_bytes()).hexdigest()


def test_cross_framework_question_answered_through_inference(env: tuple[TestClient, str]) -> None:
    """Source 002's theme table: theme 4 (access to services ...) goes with GCM Objective 15."""
    client, store_dir = env
    token = support.make_token(store_dir, TOWN)
    body = (
        (EXAMPLES / "action.json").read_text().replace("example-town-legal-clinic", "example-town-theme-only")
    )
    import json

    data = json.loads(body)
    data.update(
        gcm_objectives=[],
        gcr_objectives=[],
        sdg_targets=[],
        sdg_indicators=[],
        call_themes=["access-to-services"],
    )
    resp = client.post("/submissions", json=data, headers={"Authorization": f"Bearer {token}"})
    assert resp.status_code == 201, resp.text
    rows = _select(
        client,
        f"""PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
        SELECT ?basis ?path WHERE {{ <{ID}action/example-town-theme-only> lak:qualifiedContribution ?q .
          ?q lak:concept <{ID}gcm/objective/15> ; lak:basis ?basis . OPTIONAL {{ ?q lak:path ?path }} }}""",
    )
    assert rows and rows[0]["basis"].endswith("#Inferred"), rows
    assert "theme/access-to-services" in rows[0]["path"]
    direct = _select(
        client,
        f"""PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
        SELECT ?a WHERE {{ ?a lak:contributesTo <{ID}gcm/objective/15>
          FILTER(?a = <{ID}action/example-town-theme-only>) }}""",
    )
    assert direct


def test_invalid_submission_is_refused_with_report_and_not_stored(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    token = support.make_token(store_dir, support.ACCRA)
    fixture = Path(__file__).parent / "submissions" / "invalid" / "ttl" / "gcm-objective-24.ttl"
    resp = _submit(client, fixture, token)
    assert resp.status_code == 422
    hit = [r for r in resp.json()["results"] if r["value"] == ID + "gcm/objective/24"]
    assert hit and hit[0]["focusNode"] == ID + "action/example-newcomer-desk"
    assert hit[0]["path"].endswith("#contributesTo") and hit[0]["severity"] == "Violation"
    assert client.get("/submissions/example-newcomer-desk").status_code == 404


def test_tokens_are_required_and_scoped(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    path = EXAMPLES / "action.ttl"
    assert (
        client.post(
            "/submissions", content=path.read_bytes(), headers={"Content-Type": "text/turtle"}
        ).status_code
        == 401
    )
    assert _submit(client, path, "lakg_not-a-real-token").status_code == 401
    from localaction_kg.access.tokens import TokenFile, tokens_path

    tf = TokenFile(tokens_path(store_dir))
    other, rec = tf.create(support.ACCRA, "submit")
    resp = _submit(client, path, other)
    assert resp.status_code == 403 and "may only submit actions of" in resp.json()["detail"]
    assert tf.revoke(rec.id)
    assert _submit(client, path, other).status_code == 401
    assert all("lakg_" not in str(r) for r in tf.path.read_text().splitlines())


def test_idempotency_key_makes_one_submission(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    token = support.make_token(store_dir, TOWN)
    text = (EXAMPLES / "action.ttl").read_text().replace("newcomer-desk", "idempotent-desk")
    headers = {"Content-Type": "text/turtle", "Authorization": f"Bearer {token}", "Idempotency-Key": "k-1"}
    first = client.post("/submissions", content=text.encode(), headers=headers)
    second = client.post("/submissions", content=text.encode(), headers=headers)
    assert first.status_code == second.status_code == 201
    assert second.headers.get("idempotent-replayed") == "true"
    assert first.json()["iri"] == second.json()["iri"]
    assert len(client.get("/submissions/example-town-idempotent-desk").json()["versions"]) == 1
    changed = client.post("/submissions", content=text.replace("250000.00", "1.00").encode(), headers=headers)
    assert changed.status_code == 409
    without_key = {k: v for k, v in headers.items() if k != "Idempotency-Key"}
    again = client.post("/submissions", content=text.encode(), headers=without_key)
    assert again.status_code == 409 and "PUT /submissions/" in again.json()["detail"]


def test_new_version_and_withdrawal(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    token = support.make_token(store_dir, TOWN)
    admin = support.make_token(store_dir, ID + "actor/admin", "admin")
    text = (EXAMPLES / "action.ttl").read_text().replace("newcomer-desk", "versioned-desk")
    h = {"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"}
    assert client.post("/submissions", content=text.encode(), headers=h).status_code == 201
    v2 = text.replace("(fictional example)", "(fictional example, revised)")
    resp = client.put("/submissions/example-town-versioned-desk", content=v2.encode(), headers=h)
    assert resp.status_code == 201 and resp.json()["version"] == 2
    info = client.get("/submissions/example-town-versioned-desk").json()
    assert [v["version"] for v in info["versions"]] == [1, 2]
    assert info["versions"][1]["wasRevisionOf"] == info["versions"][0]["iri"]
    titles = _select(
        client,
        f"SELECT ?t WHERE {{ <{ID}action/example-town-versioned-desk> <http://purl.org/dc/terms/title> ?t }}",
    )
    assert [r["t"] for r in titles] == ["Example Town newcomer desk (fictional example, revised)"]
    other_action = v2.replace("versioned-desk", "another-desk")
    assert (
        client.put(
            "/submissions/example-town-versioned-desk", content=other_action.encode(), headers=h
        ).status_code
        == 409
    )
    assert (
        client.post(
            "/submissions/example-town-versioned-desk/withdraw", headers={"Authorization": f"Bearer {token}"}
        ).status_code
        == 403
    )
    resp = client.post(
        "/submissions/example-town-versioned-desk/withdraw", headers={"Authorization": f"Bearer {admin}"}
    )
    assert resp.status_code == 200 and resp.json()["status"] == "withdrawn" and resp.json()["withdrawnAt"]
    assert not _ask_action(client, ID + "action/example-town-versioned-desk")
    history = _select(
        client,
        f"""SELECT ?v WHERE {{ GRAPH <https://w3id.org/localaction-kg/graph/history> {{
        ?v <http://www.w3.org/ns/prov#specializationOf> <{ID}submission/example-town-versioned-desk> }} }}""",
    )
    assert len(history) == 2


def test_review_mode_publishes_only_after_admin(
    env: tuple[TestClient, str], monkeypatch: pytest.MonkeyPatch
) -> None:
    client, store_dir = env
    from localaction_kg.service.submit.flow import registry_for

    class _Req:
        app = client.app

    registry = registry_for(_Req())  # type: ignore[arg-type]
    monkeypatch.setattr(registry, "review", True)
    token = support.make_token(store_dir, TOWN)
    admin = support.make_token(store_dir, ID + "actor/admin", "admin")
    text = (EXAMPLES / "action.ttl").read_text().replace("newcomer-desk", "reviewed-desk")
    resp = client.post(
        "/submissions",
        content=text.encode(),
        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 201 and resp.json()["status"] == "received"
    assert not _ask_action(client, ID + "action/example-town-reviewed-desk")
    resp = client.post(
        "/submissions/example-town-reviewed-desk/publish", headers={"Authorization": f"Bearer {admin}"}
    )
    assert resp.status_code == 200 and resp.json()["status"] == "published"
    assert _ask_action(client, ID + "action/example-town-reviewed-desk")


def test_contact_details_stay_private(env: tuple[TestClient, str]) -> None:
    client, _ = env
    rows = _select(
        client,
        'SELECT ?s WHERE { { ?s ?p "contact@example.org" } UNION '
        '{ GRAPH ?g { ?s ?p "contact@example.org" } } }',
    )
    assert rows == []
    store = client.app.state.store
    private = store.query(
        'ASK { ?s ?p "contact@example.org" }',
        default_graphs=["https://w3id.org/localaction-kg/graph/private"],
        named_graphs=[],
    )
    assert bool(private)


def test_oversized_body_is_refused_with_413(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    token = support.make_token(store_dir, TOWN)
    big = b"# " + b"x" * 300_000 + b"\n"
    resp = client.post(
        "/submissions",
        content=big,
        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 413 and "the limit is" in resp.json()["detail"]


def test_remote_context_is_never_fetched(env: tuple[TestClient, str]) -> None:
    client, _ = env
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(5)
    listener.settimeout(0.2)
    port = listener.getsockname()[1]
    hits: list[int] = []
    stop = threading.Event()

    def accept() -> None:
        while not stop.is_set():
            try:
                conn, _ = listener.accept()
            except OSError:
                continue
            hits.append(1)
            conn.close()

    thread = threading.Thread(target=accept, daemon=True)
    thread.start()
    try:
        doc = (
            (EXAMPLES / "action.jsonld")
            .read_text()
            .replace(
                "https://w3id.org/localaction-kg/context.jsonld", f"http://127.0.0.1:{port}/context.jsonld"
            )
        )
        resp = client.post(
            "/submissions/validate", content=doc.encode(), headers={"Content-Type": "application/ld+json"}
        )
        assert resp.status_code == 400 and "never fetched" in resp.json()["detail"]
        imported = doc.replace(
            f'"http://127.0.0.1:{port}/context.jsonld"',
            f'{{"@import": "http://127.0.0.1:{port}/ctx.jsonld"}}',
        )
        resp = client.post(
            "/submissions/validate",
            content=imported.encode(),
            headers={"Content-Type": "application/ld+json"},
        )
        assert resp.status_code == 400
        ours = client.post(
            "/submissions/validate",
            content=(EXAMPLES / "action.jsonld").read_bytes(),
            headers={"Content-Type": "application/ld+json"},
        )
        assert ours.status_code == 200
    finally:
        stop.set()
        thread.join()
        listener.close()
    assert hits == []


def test_context_document_is_served(env: tuple[TestClient, str]) -> None:
    client, _ = env
    resp = client.get("/context.jsonld")
    assert resp.status_code == 200 and resp.headers["content-type"].startswith("application/ld+json")
    assert resp.json()["@context"]["lak"] == "https://w3id.org/localaction-kg/ontology#"


def test_accepted_action_has_its_iri_page_and_turtle_at_once(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    token = support.make_token(store_dir, TOWN)
    text = (EXAMPLES / "action.ttl").read_text().replace("newcomer-desk", "page-desk")
    before = client.get("/doc/action/example-town-page-desk", headers={"Accept": "text/turtle"})
    assert before.status_code == 404
    resp = client.post(
        "/submissions",
        content=text.encode(),
        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"},
    )
    assert resp.status_code == 201
    page = client.get("/id/action/example-town-page-desk", headers={"Accept": "text/turtle"})
    assert page.status_code == 200, page.status_code
    assert "Example Town newcomer desk (fictional example)" in page.text
    ttl = client.get("/submissions/example-town-page-desk", headers={"Accept": "text/turtle"})
    assert ttl.status_code == 200 and ttl.headers["content-type"].startswith("text/turtle")
    assert "Example Town newcomer desk (fictional example)" in ttl.text


@pytest.mark.filterwarnings("ignore:Duplicate Operation ID")  # raised by another module's HEAD routes
def test_openapi_documents_the_json_and_csv_formats_with_examples(env: tuple[TestClient, str]) -> None:
    client, _ = env
    spec = client.get("/openapi.json").json()
    body = spec["paths"]["/submissions"]["post"]["requestBody"]["content"]
    assert set(body) == {"text/turtle", "application/ld+json", "application/json", "text/csv"}
    assert body["application/json"]["example"]["gcm_objectives"] == [15, 16]
    assert body["text/csv"]["example"].startswith("title,description,submitter")


def test_admin_manages_tokens_over_http(env: tuple[TestClient, str]) -> None:
    client, store_dir = env
    admin = support.make_token(store_dir, ID + "actor/admin", "admin")
    submit = support.make_token(store_dir, TOWN)
    payload = {"submitter": TOWN, "scope": "submit"}
    assert (
        client.post("/tokens", json=payload, headers={"Authorization": f"Bearer {submit}"}).status_code == 403
    )
    resp = client.post("/tokens", json=payload, headers={"Authorization": f"Bearer {admin}"})
    assert resp.status_code == 201
    new = resp.json()
    listed = client.get("/tokens", headers={"Authorization": f"Bearer {admin}"}).json()
    assert new["id"] in {t["id"] for t in listed}
    assert new["token"] not in json.dumps(listed) and all("sha256" not in t for t in listed)
    assert (
        client.delete(f"/tokens/{new['id']}", headers={"Authorization": f"Bearer {admin}"}).status_code == 200
    )
    text = (EXAMPLES / "action.ttl").read_text().replace("newcomer-desk", "token-desk")
    resp = client.post(
        "/submissions",
        content=text.encode(),
        headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {new['token']}"},
    )
    assert resp.status_code == 401
    bad = client.post(
        "/tokens", json={"submitter": "not an iri"}, headers={"Authorization": f"Bearer {admin}"}
    )
    assert bad.status_code == 400
