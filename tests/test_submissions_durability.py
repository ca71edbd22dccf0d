"""Durability and the command line, against a real `localaction-kg serve` subprocess.

The crash test streams submissions, kills the server with SIGKILL mid-stream, restarts it on the
same store and checks that every acknowledged submission is there, complete, and that nothing
in the registry is partial. The CLI tests run `validate`, `token` and `submit` as a user would.
"""

from __future__ import annotations

import json
import os
import subprocess
import sys
import threading
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402
from support import Server  # noqa: E402

from localaction_kg.config import PROJECT_ROOT  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"
TOWN = ID + "actor/example-town"
EXAMPLES = PROJECT_ROOT / "data" / "examples"
CLI = [sys.executable, "-m", "localaction_kg.cli"]


@pytest.fixture()
def store_dir(tmp_path: Path) -> str:
    return support.disk_store_dir(tmp_path / "store")


def _record(i: int) -> dict[str, object]:
    data = json.loads((EXAMPLES / "action.json").read_text())
    data["id"] = f"example-town-crash-{i}"
    data["title"] = f"Example Town crash test action {i} (fictional)"
    data.pop("contact_email", None)
    return data


def test_kill9_during_stream_keeps_every_acknowledged_submission(store_dir: str) -> None:
    token = support.make_token(store_dir, TOWN)
    server = Server(store_dir)
    server.start()
    acked: list[int] = []
    stop = threading.Event()

    def stream() -> None:
        with httpx.Client(timeout=30) as client:
            for i in range(10_000):
                if stop.is_set():
                    return
                try:
                    resp = client.post(
                        server.url + "/submissions",
                        json=_record(i),
                        headers={"Authorization": f"Bearer {token}"},
                    )
                except httpx.HTTPError:
                    return
                if resp.status_code == 201:
                    acked.append(i)

    thread = threading.Thread(target=stream)
    try:
        thread.start()
        deadline = time.monotonic() + 120
        while len(acked) < 12 and time.monotonic() < deadline:
            time.sleep(0.05)
        server.kill9()
        stop.set()
        thread.join(timeout=60)
        assert len(acked) >= 12, "the stream did not get going"
        server.start()
        with httpx.Client(timeout=30) as client:
            for i in acked:
                info = client.get(f"{server.url}/submissions/example-town-crash-{i}")
                assert info.status_code == 200, i
                assert info.json()["visible"] is True
            q = """PREFIX lak: <https://w3id.org/localaction-kg/ontology#>
                PREFIX dcterms: <http://purl.org/dc/terms/>
                SELECT ?s ?g (COUNT(DISTINCT ?t) AS ?titles) (COUNT(DISTINCT ?c) AS ?contribs) WHERE {
                  GRAPH <https://w3id.org/localaction-kg/graph/submissions> { ?s lak:currentGraph ?g ;
                                                                               lak:submittedAction ?a }
                  OPTIONAL { GRAPH ?g { ?a dcterms:title ?t } }
                  OPTIONAL { GRAPH ?g { ?a lak:qualifiedContribution ?c } }
                } GROUP BY ?s ?g"""
            resp = client.get(
                server.url + "/sparql",
                params={"query": q},
                headers={"Accept": "application/sparql-results+json"},
            )
            assert resp.status_code == 200, resp.text
            rows = resp.json()["results"]["bindings"]
            present = {r["s"]["value"].rsplit("-", 1)[-1] for r in rows}
            assert {str(i) for i in acked} <= present
            for r in rows:  # nothing partial: every registered version has its whole content
                assert r["titles"]["value"] == "1", r
                assert int(r["contribs"]["value"]) >= 5, r
    finally:
        stop.set()
        server.stop()


def _cli(*args: str, env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [*CLI, *args],
        cwd=PROJECT_ROOT,
        capture_output=True,
        text=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def test_cli_validate_exit_codes_and_report(store_dir: str) -> None:
    ok = _cli("validate", str(EXAMPLES / "action.ttl"), "--store", store_dir)
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = Path(__file__).parent / "submissions" / "invalid" / "json" / "gcm-objective-24.json"
    res = _cli("validate", str(bad), "--store", store_dir)
    assert res.returncode == 1
    assert "No such GCM objective" in res.stdout and ID + "gcm/objective/24" in res.stdout
    as_json = _cli("validate", str(bad), "--store", store_dir, "--json")
    assert json.loads(as_json.stdout)["conforms"] is False
    broken = Path(__file__).parent / "submissions" / "invalid" / "ttl" / "broken-missing-dot.ttl"
    res = _cli("validate", str(broken), "--store", store_dir)
    assert res.returncode == 2 and "Turtle syntax error" in res.stderr and "line" in res.stderr
    assert "Traceback" not in res.stderr


def test_cli_validate_without_a_built_store_reads_the_repository(tmp_path: Path) -> None:
    """No store: the repository's reference data and ontology are loaded into memory instead."""
    ok = _cli("validate", str(EXAMPLES / "action.ttl"), "--store", str(tmp_path / "none"))
    assert ok.returncode == 0, ok.stdout + ok.stderr
    bad = Path(__file__).parent / "submissions" / "invalid" / "json" / "gcm-objective-24.json"
    res = _cli("validate", str(bad), "--store", str(tmp_path / "none"))
    assert res.returncode == 1 and "No such GCM objective" in res.stdout  # the reference data is there


def test_cli_tokens_and_submit_to_running_service(store_dir: str) -> None:
    created = _cli("token", "--store", store_dir, "create", "--submitter", TOWN, "--scope", "submit")
    assert created.returncode == 0, created.stderr
    token = created.stdout.strip()
    assert token.startswith("lakg_")
    listed = _cli("token", "--store", store_dir, "list")
    assert TOWN in listed.stdout and token not in listed.stdout
    token_id = listed.stdout.split("\t", 1)[0]
    server = Server(store_dir)
    server.start()
    try:
        sub = _cli("submit", str(EXAMPLES / "action.csv"), "--url", server.url, "--token", token)
        assert sub.returncode == 0, sub.stdout + sub.stderr
        assert json.loads(sub.stdout)["iri"] == ID + "submission/example-town-school-enrolment"
        assert _cli("token", "--store", store_dir, "revoke", token_id).returncode == 0
        again = _cli("submit", str(EXAMPLES / "action.ttl"), "--url", server.url, "--token", token)
        assert again.returncode == 1 and "revoked" in again.stdout
    finally:
        server.stop()
    assert token not in Path(f"{store_dir}.tokens.json").read_text()


@pytest.fixture(autouse=True)
def _no_tokens_env(monkeypatch: pytest.MonkeyPatch) -> Iterator[None]:
    monkeypatch.delenv("LAKG_TOKENS_FILE", raising=False)
    yield
