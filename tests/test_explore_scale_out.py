"""Two `localaction-kg serve` processes on one Virtuoso: a submission that one accepts appears in the
other's search and facets at once (each process's index notices the store's version changed), and the
explorer on Virtuoso counts as it does on the embedded store."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from localaction_kg.config import PROJECT_ROOT
from localaction_kg.store.remote import RemoteStore

sys.path.insert(0, str(Path(__file__).parent / "submissions"))
import support  # noqa: E402

ID = "https://w3id.org/localaction-kg/id/"


def _env(v: dict[str, str], store: str) -> dict[str, str]:
    return {**os.environ, "LAKG_REMOTE_QUERY_URL": v["query_url"], "LAKG_REMOTE_USER": v["user"],
            "LAKG_REMOTE_PASSWORD": v["password"], "LAKG_STORE": store, "LAKG_LOG_LEVEL": "warning"}


@pytest.fixture(scope="module")
def services(kg_build, virtuoso: dict, tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[list[str], str]]:
    from helpers.ports import free_port

    _, result = kg_build
    remote = RemoteStore(virtuoso["query_url"], user=virtuoso["user"], password=virtuoso["password"],
                         isql=virtuoso["sql"])
    remote.replace_graphs(result.graphs)
    remote.close()
    sidecar = tmp_path_factory.mktemp("explore-services") / "store"
    sidecar.mkdir()
    procs, urls, logs = [], [], []
    for _ in range(2):
        port = free_port()
        logs.append(open(sidecar.parent / f"serve-{port}.log", "wb"))  # noqa: SIM115 - closed below
        procs.append(subprocess.Popen([sys.executable, "-m", "localaction_kg.cli", "serve", "--port", str(port)],
                                      env=_env(virtuoso, str(sidecar)), stdout=subprocess.DEVNULL, stderr=logs[-1]))
        urls.append(f"http://127.0.0.1:{port}")
    try:
        for proc, url in zip(procs, urls, strict=True):
            for _ in range(300):
                if proc.poll() is not None:
                    pytest.fail(f"serve exited: {Path(logs[procs.index(proc)].name).read_text()[-1500:]}")
                try:
                    if httpx.get(url + "/health", timeout=2).status_code == 200:
                        break
                except httpx.HTTPError:
                    pass
                time.sleep(0.2)
        yield urls, str(sidecar)
    finally:
        for proc in procs:
            proc.terminate()
            proc.wait(20)
        for f in logs:
            f.close()


def _api(url: str, params: list[tuple[str, str]] | dict[str, str]) -> dict:
    r = httpx.get(url + "/api/actions", params=params, timeout=120)
    assert r.status_code == 200, r.text
    return dict(r.json())


def test_the_explorer_on_virtuoso_answers_the_issues_examples(services: tuple[list[str], str]) -> None:
    a, _ = services[0]
    body = _api(a, [("gcm", "15"), ("funder", "global-cities-fund"), ("funding_status", "funded"), ("page", "all")])
    iris = {i["iri"] for i in body["items"]}
    assert ID + "action/beirut-mobile-health-clinic" in iris
    assert ID + "action/c40-mmc-global-mayors-action-agenda" not in iris
    assert _api(a, {"q": "nutrition"})["items"][0]["iri"] == ID + "action/bogota-nutrition-reception-center"


def test_a_submission_accepted_by_one_process_is_found_by_the_other(services: tuple[list[str], str]) -> None:
    (a, b), sidecar = services
    before = _api(b, {})  # b has built its index before the write
    assert _api(b, {"q": "newcomer desk"})["total"] == 0
    token = support.make_token(sidecar, ID + "actor/example-town")
    text = (PROJECT_ROOT / "data" / "examples" / "action.ttl").read_bytes()
    r = httpx.post(a + "/submissions", content=text, timeout=120,
                   headers={"Content-Type": "text/turtle", "Authorization": f"Bearer {token}"})
    assert r.status_code == 201, r.text
    found = _api(b, {"q": "newcomer desk"})
    assert [i["iri"] for i in found["items"]] == [ID + "action/example-town-newcomer-desk"]
    after = _api(b, {})
    assert after["total"] == before["total"] + 1
    gha = {e["value"]: e["count"] for e in after["facets"]["country"]}["GHA"]
    assert gha == {e["value"]: e["count"] for e in before["facets"]["country"]}.get("GHA", 0) + 1
    assert _api(b, {"source": "submission/example-town-newcomer-desk"})["total"] == 1
