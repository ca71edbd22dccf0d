"""The query guard on its own: what counts as a keyword, how endpoints and graphs resolve."""

from __future__ import annotations

import pytest

from localaction_kg.service.sparql.query_guard import MAX_NESTING, GuardError, check_query


@pytest.mark.parametrize("query", [
    'SELECT * WHERE { ?s ?p "INSERT DATA { <a:b> <a:b> <a:b> }" }',
    "SELECT * WHERE { ?s <http://example.org/delete> ?o }",
    "PREFIX ex: <http://example.org/> SELECT * WHERE { ?s ex:load ex:clear }",
    "SELECT ?insert WHERE { ?insert ?drop ?copy }",
    "SELECT * WHERE { ?s ?p ?o } # DELETE WHERE { ?s ?p ?o }",
    "SELECT * WHERE { ?s ?p '''SERVICE <http://example.org/>''' }",
    "SELECT * WHERE { _:load ?p ?o }",
])
def test_keywords_inside_other_tokens_do_not_count(query: str) -> None:
    assert check_query(query).form == "SELECT"


@pytest.mark.parametrize("query, status", [
    ("INSERT DATA { <a:b> <a:b> <a:b> }", 400),
    ("insert data { <a:b> <a:b> <a:b> }", 400),
    ("LOAD <file:///etc/passwd>", 403),
    ("SELECT * WHERE { service <http://example.org/sparql> { ?s ?p ?o } }", 403),
    ("SELECT * WHERE { SERVICE ?e { ?s ?p ?o } }", 403),
    ("ASK " + "{" * (MAX_NESTING + 1) + "}" * (MAX_NESTING + 1), 400),
])
def test_refused(query: str, status: int) -> None:
    with pytest.raises(GuardError) as err:
        check_query(query)
    assert err.value.status == status


def test_allow_list_is_exact() -> None:
    allowed = ["http://example.org/sparql"]
    info = check_query("SELECT * WHERE { SERVICE <http://example.org/sparql> { ?s ?p ?o } }",
                       service_allowlist=allowed)
    assert info.services == ("http://example.org/sparql",)
    for other in ("http://example.org/sparql2", "http://example.org/sparql?x=1", "http://example.org/"):
        with pytest.raises(GuardError):
            check_query(f"SELECT * WHERE {{ SERVICE <{other}> {{ ?s ?p ?o }} }}", service_allowlist=allowed)


def test_dataset_clauses_resolve_prefixes_base_and_escapes() -> None:
    info = check_query(
        "BASE <http://example.org/base/> PREFIX g: <http://example.org/g/>\n"
        "SELECT * FROM g:one FROM <two> FROM NAMED <http://example.org/\\u0074hree> WHERE { ?s ?p ?o }"
    )
    assert info.from_graphs == ("http://example.org/g/one", "http://example.org/base/two")
    assert info.from_named == ("http://example.org/three",)
    assert check_query("ASK {}", base_iri="http://h/sparql").from_graphs == ()


def test_length_and_prefix_errors_say_where() -> None:
    with pytest.raises(GuardError) as err:
        check_query("ASK { ?s ?p ?o }", max_length=10)
    assert err.value.status == 413 and "10" in err.value.message
    with pytest.raises(GuardError) as err:
        check_query("SELECT * WHERE {\n ?s ex:p ?o }")
    assert "line 2, column 5" in err.value.message


@pytest.mark.parametrize("query", [
    "SELECT * WHERE { SERVICE <http://example.org/\\u0073parql> { ?s ?p ?o } }",
    "PREFIX http: <urn:x> SELECT * WHERE { SERVICE <http://example.org/\\u0073parql> { ?s ?p ?o } }",
    "SELECT * WHERE { SERVICE SILENT ( <http://example.org/sparql> ) { ?s ?p ?o } }",
])
def test_escaped_or_odd_service_endpoints_are_refused(query: str) -> None:
    with pytest.raises(GuardError):
        check_query(query, service_allowlist=["http://example.org/other"])


def test_escaped_service_endpoint_matches_the_allow_list_once_unescaped() -> None:
    query = "SELECT * WHERE { SERVICE <http://example.org/\\u0073parql> { ?s ?p ?o } }"
    assert check_query(query, service_allowlist=["http://example.org/sparql"]).services == (
        "http://example.org/sparql",)
