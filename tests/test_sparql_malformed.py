"""Malformed input battery: every bad request gets a readable 4xx, never a 500 or a stack trace.

After the battery the server still answers (no worker was lost to bad input).
"""

from __future__ import annotations

from collections.abc import Iterator

import httpx
import pytest

FORM = {"Content-Type": "application/x-www-form-urlencoded"}
DIRECT = {"Content-Type": "application/sparql-query"}

#: (name, method, url, headers, body, expected status, a word the message must contain)
CASES = [
    ("utf16_body_with_bom", "POST", "/sparql", DIRECT, "ASK {}".encode("utf-16"), 400, "UTF-8"),
    ("utf16_body_little_endian", "POST", "/sparql", DIRECT, "ASK {}".encode("utf-16-le"), 400, "UTF-8"),
    ("utf16_form_body", "POST", "/sparql", FORM, "query=ASK%20%7B%7D".encode("utf-16"), 400, "UTF-8"),
    ("latin1_charset", "POST", "/sparql", {"Content-Type": "application/sparql-query; charset=ISO-8859-1"},
     b"ASK {}", 400, "UTF-8"),
    ("bad_percent_encoding_get", "GET", "/sparql?query=ASK%20%7B%FF%7D", {}, b"", 400, "UTF-8"),
    ("bad_percent_encoding_form", "POST", "/sparql", FORM, b"query=ASK%20%7B%FE%7D", 400, "UTF-8"),
    ("binary_garbage", "POST", "/sparql", DIRECT, bytes(range(256)), 400, "UTF-8"),
    ("empty_query", "GET", "/sparql?query=", {}, b"", 400, "empty"),
    ("only_a_comment", "POST", "/sparql", DIRECT, b"# nothing here\n", 400, "query form"),
    ("nul_byte", "POST", "/sparql", DIRECT, b"ASK { \x00 }", 400, "NUL"),
    ("nul_byte_get", "GET", "/sparql?query=ASK%20%7B%00%7D", {}, b"", 400, "NUL"),
    ("undeclared_prefix", "POST", "/sparql", DIRECT, b"SELECT * WHERE { ?s ex:p ?o }", 400, "ex:"),
    ("syntax_error_position", "POST", "/sparql", DIRECT, b"SELECT * WHERE {\n  ?s ?p }", 400, "line 2"),
    ("deep_nesting", "POST", "/sparql", DIRECT, b"ASK " + b"{" * 1500 + b"}" * 1500, 400, "deep"),
    ("form_without_query", "POST", "/sparql", FORM, b"foo=bar", 400, "query"),
    ("query_in_url_and_body", "POST", "/sparql?query=ASK%20%7B%7D", FORM, b"query=ASK%20%7B%7D", 400,
     "exactly one"),
    ("unknown_format", "GET", "/sparql?query=ASK%20%7B%7D&format=pdf", {}, b"", 406, "json"),
    ("graph_format_for_select", "GET", "/sparql?query=SELECT%20*%20%7B%7D&format=turtle", {}, b"", 406,
     "csv"),
    ("nothing_acceptable", "GET", "/sparql?query=ASK%20%7B%7D", {"Accept": "image/png"}, b"", 406,
     "application/sparql-results+json"),
    ("body_too_large", "POST", "/sparql", DIRECT, b"ASK {}" + b" " * 30000, 413, "limit"),
    ("multipart_body", "POST", "/sparql", {"Content-Type": "multipart/form-data; boundary=x"},
     b"--x\r\nContent-Disposition: form-data; name=\"query\"\r\n\r\nASK {}\r\n--x--\r\n", 415,
     "application/sparql-query"),
    ("update_keyword", "POST", "/sparql", DIRECT, b"INSERT DATA { <urn:a> <urn:b> <urn:c> }", 400,
     "read-only"),
    ("delete_method", "DELETE", "/sparql?query=ASK%20%7B%7D", {}, b"", 405, "GET or POST"),
]


@pytest.fixture(scope="module")
def http(live_server) -> Iterator[httpx.Client]:
    with httpx.Client(base_url=live_server.url, timeout=30) as client:
        yield client


@pytest.mark.parametrize("case", CASES, ids=[c[0] for c in CASES])
def test_malformed_request_gets_readable_4xx(http: httpx.Client, case: tuple) -> None:
    _, method, url, headers, body, status, word = case
    resp = http.request(method, url, headers=headers, content=body or None)
    assert resp.status_code == status, resp.text
    assert resp.headers["content-type"].startswith("application/problem+json")
    detail = resp.json()["detail"]
    assert word.lower() in detail.lower()
    for leak in ("Traceback", "File \"", "pyoxigraph", "Exception", "Error("):
        assert leak not in detail


def test_garbage_accept_header_falls_back_to_the_default(http: httpx.Client) -> None:
    resp = http.get("/sparql", params={"query": "ASK {}"}, headers={"Accept": ";;q=abc,, nonsense"})
    assert resp.status_code == 200
    assert resp.headers["content-type"].startswith("application/sparql-results+json")


def test_server_still_answers_after_the_battery(http: httpx.Client) -> None:
    resp = http.get("/sparql", params={"query": "SELECT (COUNT(*) AS ?n) WHERE { ?s ?p ?o }"},
                    headers={"Accept": "application/sparql-results+json"})
    assert resp.status_code == 200
    assert int(resp.json()["results"]["bindings"][0]["n"]["value"]) > 0
    metrics = http.get("/metrics").text
    assert "lakg_query_workers_killed_total 0" in metrics
