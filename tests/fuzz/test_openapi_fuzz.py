"""schemathesis against the service's own OpenAPI, with every check, without and with tokens.

A real server on 127.0.0.1 over the real built graph (a copy), with ``query_timeout_s=2``. The run is
bounded (examples per operation and a wall-clock cap) so that CI stays within its budget; it prints
the number of generated cases. The OpenAPI must describe what the service really answers: media
types, statuses, required bodies, OPTIONS and Allow on every path. Any failure of any check fails
the test, with schemathesis' report.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest
from helpers.live import LiveServer

CONFIG = Path(__file__).with_name("schemathesis.toml")
EXAMPLES = 25
ACCRA = "https://w3id.org/localaction-kg/id/actor/accra"


@pytest.fixture(scope="module")
def server(kg_store: Path, tmp_path_factory: pytest.TempPathFactory) -> Iterator[LiveServer]:
    copy = tmp_path_factory.mktemp("fuzz") / "store"
    shutil.copytree(kg_store, copy)
    srv = LiveServer(copy, {"query_timeout_s": 2, "query_workers": 2})
    try:
        yield srv.wait_ready()
    finally:
        srv.stop()
        srv.cleanup()


def _run(url: str, *extra: str) -> tuple[int, str]:
    exe = str(Path(sys.executable).with_name("schemathesis"))
    # every check (the default), less the one the config disables per operation
    cmd = [exe, "--config-file", str(CONFIG), "run", url + "/openapi.json",
           "--max-examples", str(EXAMPLES), "--workers", "1", "--request-timeout", "60",
           "--seed", "20261203", "--no-color", *extra]
    done = subprocess.run(cmd, capture_output=True, text=True, timeout=600)
    return done.returncode, done.stdout + done.stderr


def _cases(report: str) -> int:
    found = re.search(r"(\d+) generated", report)
    assert found, report[-2000:]
    return int(found.group(1))


def test_openapi_holds_without_a_token(server: LiveServer) -> None:
    code, report = _run(server.url)
    cases = _cases(report)
    print(f"schemathesis, no token: {cases} cases")
    assert code == 0, report[-6000:]
    assert cases >= 500


def test_openapi_holds_with_a_submit_token(server: LiveServer) -> None:
    from localaction_kg.access.tokens import TokenFile, tokens_path

    token, _ = TokenFile(tokens_path(str(server.store))).create(ACCRA, "submit")
    code, report = _run(server.url, "--header", f"Authorization: Bearer {token}")
    cases = _cases(report)
    print(f"schemathesis, submit token: {cases} cases")
    assert code == 0, report[-6000:]
    assert cases >= 500


def test_the_run_can_fail_on_an_answer_the_description_does_not_give(server: LiveServer) -> None:
    """Against a description that leaves out a documented refusal, the same run reports it."""
    import json

    import httpx

    spec = httpx.get(server.url + "/openapi.json").json()
    del spec["paths"]["/doc/{path}"]["get"]["responses"]["404"]
    path = Path(server.store).parent / "narrowed-openapi.json"
    path.write_text(json.dumps(spec))
    exe = str(Path(sys.executable).with_name("schemathesis"))
    done = subprocess.run(
        [exe, "run", str(path), "--url", server.url, "--checks", "status_code_conformance",
         "--include-path", "/doc/{path}", "--include-method", "GET", "--max-examples", "10", "--no-color"],
        capture_output=True, text=True, timeout=300,
    )
    assert done.returncode != 0 and "Undocumented status code" in done.stdout, done.stdout[-3000:]
