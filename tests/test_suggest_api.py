"""POST /submissions/suggest through the real app (TestClient): answers, and every refusal.

Every refusal test also sends the valid request next to it and sees it accepted, so that a refusal
cannot come from a broken endpoint.
"""

from __future__ import annotations

import json
import threading
import time

import pytest
from fastapi.testclient import TestClient

from localaction_kg.config import Settings
from localaction_kg.service.app import create_app
from localaction_kg.service.submit.suggest import MAX_DESCRIPTION_CHARS, Limits, get_suggester
from localaction_kg.textmodel import Suggester, load_actions, load_catalogue

URL = "/submissions/suggest"
VALID = {
    "title": "Health desk for newcomers",
    "description": "The city will provide access to basic services for migrants, whatever their status, "
                   "and will incorporate the health needs of migrants in local health care plans.",
    "language": "en",
}


@pytest.fixture(scope="module")
def suggester() -> Suggester:
    catalogue = load_catalogue()
    s = Suggester("lexical", catalogue, load_actions(catalogue))
    s.index()
    return s


@pytest.fixture(scope="module")
def client(tmp_path_factory, suggester) -> TestClient:
    app = create_app(Settings(store=str(tmp_path_factory.mktemp("store"))), start_workers=False)
    app.state.suggester = suggester
    return TestClient(app)


def accepted(client: TestClient) -> dict:
    response = client.post(URL, json=VALID)
    assert response.status_code == 200, response.text
    return response.json()


def refused(response, status: int, field: str | None, *needles: str) -> dict:
    """The refusal is a problem (RFC 9457) with the status, the field at fault and the words expected."""
    assert response.status_code == status, response.text
    assert response.headers["content-type"].startswith("application/problem+json")
    body = response.json()
    assert body["status"] == status and body.get("field") == field
    for needle in needles:
        assert needle in body["detail"], body
    return body


def test_valid_request_gets_suggestions_with_evidence(client):
    body = accepted(client)
    assert set(body) == {"run", "call_themes", "gcm_objectives", "sdg_targets", "warnings"}
    assert [s["notation"] for s in body["gcm_objectives"][:3]].count("15") == 1
    best = body["gcm_objectives"][0]
    assert best["concept"] == "https://w3id.org/localaction-kg/id/gcm/objective/15"
    assert best["label"] == "Provide access to basic services for migrants"
    evidence = best["evidence"]
    assert VALID["description"][evidence["start"]:evidence["end"]] == evidence["sentence"]
    assert evidence["words"] and all(w in evidence["sentence"] for w in evidence["words"])
    assert body["run"]["engine"] == "lexical" and body["run"]["id"]
    assert len(body["sdg_targets"]) == 5


def test_limit_is_honoured(client):
    response = client.post(URL, json={**VALID, "limit": 2})
    assert response.status_code == 200
    assert all(len(response.json()[s]) == 2 for s in ("call_themes", "gcm_objectives", "sdg_targets"))


def test_malformed_json(client):
    response = client.post(URL, content=b'{"title": "x", "description": ', headers={"content-type": "application/json"})
    refused(response, 400, None, "not valid JSON", "line 1")
    accepted(client)


def test_body_that_is_not_an_object(client):
    refused(client.post(URL, json=["title", "description"]), 400, None, "must be a JSON object, not list")
    accepted(client)


def test_missing_fields_are_all_named(client):
    body = refused(client.post(URL, json={"title": "Only a title"}), 422, "description", "2 problems")
    assert {e["field"] for e in body["errors"]} == {"description", "language"}
    assert "add the action's description" in body["errors"][0]["message"]
    accepted(client)


def test_wrong_types(client):
    body = refused(client.post(URL, json={**VALID, "title": 42, "limit": "five"}), 422, "title", "must be a string")
    assert [e["field"] for e in body["errors"]] == ["title", "limit"]
    refused(client.post(URL, json={**VALID, "limit": True}), 422, "limit", "whole number from 1 to 20")
    accepted(client)


def test_unknown_language(client):
    refused(client.post(URL, json={**VALID, "language": "de"}), 422, "language", 'unknown language "de"', "en, fr, es")
    assert client.post(URL, json={**VALID, "language": "fr"}).status_code == 200
    accepted(client)


def test_unknown_field_is_named(client):
    refused(client.post(URL, json={**VALID, "desc": "typo"}), 422, "desc", "unknown field 'desc'")
    accepted(client)


def test_empty_and_too_long_texts(client):
    refused(client.post(URL, json={**VALID, "description": "   "}), 422, "description", "is empty", "at least 20")
    refused(client.post(URL, json={**VALID, "description": "Too short."}), 422, "description", "10 characters")
    long = "Migrants get services. " * (MAX_DESCRIPTION_CHARS // 23 + 5)
    refused(client.post(URL, json={**VALID, "description": long}), 422, "description", "shorten it to at most 6,000")
    accepted(client)


def test_oversized_body(client):
    huge = json.dumps({**VALID, "description": "x" * 200_000})
    refused(client.post(URL, content=huge, headers={"content-type": "application/json"}), 413, None,
            "larger than")
    accepted(client)


def test_wrong_media_type(client):
    refused(client.post(URL, content=json.dumps(VALID), headers={"content-type": "text/plain"}), 415, None,
            "application/json")
    accepted(client)


class _Slow(Suggester):
    """The real suggester, made to take longer than the limit allows."""

    def suggest(self, *args, **kwargs):  # type: ignore[no-untyped-def]
        time.sleep(0.5)
        return super().suggest(*args, **kwargs)


def test_too_slow_is_refused_with_retry_after(client, suggester):
    slow = _Slow("lexical", suggester.catalogue, suggester.examples)
    app = client.app
    app.dependency_overrides[get_suggester] = lambda: slow
    app.state.suggest_limits = Limits(time_limit_s=0.1)
    try:
        response = client.post(URL, json=VALID)
        refused(response, 429, None, "took longer than 0.1 s")
        assert response.headers["retry-after"] == "5"
        app.state.suggest_limits = Limits(time_limit_s=5)
        assert client.post(URL, json=VALID).status_code == 200  # the same slow suggester, within the limit
    finally:
        app.dependency_overrides.clear()
        app.state.suggest_limits = None
    accepted(client)


def test_answers_lexically_while_the_model_loads(tmp_path_factory, suggester, monkeypatch):
    """A suggester whose model is still loading answers with the lexical engine, without waiting."""
    gate = threading.Event()
    loading = Suggester("lexical", suggester.catalogue, suggester.examples)
    monkeypatch.setattr(Suggester, "wants_model", property(lambda self: True))
    monkeypatch.setattr(loading, "_load_model", lambda: gate.wait(10))
    app = create_app(Settings(store=str(tmp_path_factory.mktemp("store2"))), start_workers=False)
    app.state.suggester = loading
    try:
        started = time.perf_counter()
        response = TestClient(app).post(URL, json=VALID)
        assert response.status_code == 200 and response.json()["run"]["engine"] == "lexical"
        assert time.perf_counter() - started < 5
        assert loading._loader is not None and loading._loader.is_alive()  # the load goes on in its thread
    finally:
        gate.set()


def test_openapi_documents_the_body_and_every_refusal(client):
    operation = client.get("/openapi.json").json()["paths"][URL]["post"]
    schema = operation["requestBody"]["content"]["application/json"]["schema"]
    assert schema["properties"]["language"]["enum"] == ["en", "fr", "es"]
    assert schema["required"] == ["title", "description", "language"]
    assert sorted(operation["responses"]) == ["200", "400", "413", "415", "422", "429"]
    assert "application/problem+json" in operation["responses"]["422"]["content"]
