"""``localaction-kg serve``: settings from the command line, LAKG_* variables and a TOML file."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import httpx
from helpers.live import LiveServer, free_port
from rdflib import Graph, Literal
from rdflib.namespace import XSD

from localaction_kg.namespaces import LAK


def test_settings_from_toml_env_and_command_line(sparql_store: Path, tmp_path: Path) -> None:
    config = tmp_path / "serve.toml"
    config.write_text("max_result_rows = 7\nmax_query_length = 777\nquery_timeout_s = 9.5\n",
                      encoding="utf-8")
    port = free_port()
    # the environment says 8 rows, the file 7; the command line sets the port: CLI > env > file
    args = ["--config", str(config), "--port", str(port)]
    srv = LiveServer(sparql_store, {"max_result_rows": 8}, args=args)
    try:
        srv.url = f"http://127.0.0.1:{port}"
        srv.wait_ready()
        sd = httpx.get(srv.url + "/sparql", headers={"Accept": "text/turtle"}).content
        g = Graph().parse(data=sd, format="turtle")
        endpoint = next(g.subjects(LAK.maxResultRows, None))
        assert str(endpoint) == f"http://127.0.0.1:{port}/sparql"
        assert g.value(endpoint, LAK.maxResultRows) == Literal(8, datatype=XSD.integer)
        assert g.value(endpoint, LAK.maxQueryLength) == Literal(777, datatype=XSD.integer)
        assert float(g.value(endpoint, LAK.queryTimeoutSeconds)) == 9.5
    finally:
        srv.cleanup()


def test_missing_store_is_a_clear_error(tmp_path: Path) -> None:
    command = [sys.executable, "-m", "localaction_kg.cli", "serve", "--store", str(tmp_path / "nope")]
    out = subprocess.run(command, capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "localaction-kg build" in out.stderr and "Traceback" not in out.stderr


def test_bad_config_is_a_clear_error(tmp_path: Path) -> None:
    config = tmp_path / "bad.toml"
    config.write_text("no_such_setting = 1\n", encoding="utf-8")
    out = subprocess.run([sys.executable, "-m", "localaction_kg.cli", "serve", "--config", str(config)],
                         capture_output=True, text=True, timeout=60)
    assert out.returncode == 2
    assert "no_such_setting" in out.stderr and "Traceback" not in out.stderr
