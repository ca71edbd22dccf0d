"""The Store contract (localaction_kg/store/base.py) and the factory, on the embedded backend.

Every caller relies on these and nothing else: a change applied as a whole, a read-only open that
refuses writes, a backup that is one version with its dataset, and a factory that picks the backend
from the settings. The remote backend's side is in tests/test_remote_store.py (a real Virtuoso).
Test data only (``urn:lakg-test:`` IRIs and the layout's graph names).
"""

from __future__ import annotations

from pathlib import Path

import pyoxigraph as ox
import pytest

from localaction_kg import layout
from localaction_kg.config import Settings
from localaction_kg.store import Backup, Change, Store, open_store
from localaction_kg.store.base import CURRENT_GRAPH
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.store.remote import RemoteStore

LABEL = ox.NamedNode("http://www.w3.org/2000/01/rdf-schema#label")
G1, G2 = layout.SOURCE_GRAPHS["000"], layout.CURATED
ALL = "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }"


def _t(s: str, o: str) -> ox.Triple:
    return ox.Triple(ox.NamedNode(f"urn:lakg-test:{s}"), LABEL, ox.Literal(o))


def graph(store: Store, g: str) -> set[str]:
    """A graph's triples as N-Triples lines."""
    result = store.query(ALL, default_graphs=[g], named_graphs=[])
    assert isinstance(result, ox.QueryTriples)
    return {str(t) for t in result}


def values(store: Store, select: str) -> set[str]:
    """The values of the first variable of a SELECT over the layout's default graph."""
    result = store.query(select)
    assert isinstance(result, ox.QuerySolutions)
    return {str(getattr(row[0], "value", "")) for row in result}


def test_both_backends_are_stores() -> None:
    embedded = open_store()
    remote = open_store(Settings(remote_query_url="http://127.0.0.1:9/sparql"))  # opening sends nothing
    assert isinstance(embedded, OxigraphStore) and isinstance(embedded, Store) and embedded.in_process
    assert isinstance(remote, RemoteStore) and isinstance(remote, Store) and not remote.in_process
    remote.close()


def test_the_factory_follows_the_settings(tmp_path: Path) -> None:
    remote = Settings(remote_query_url="http://127.0.0.1:9/sparql", store=str(tmp_path / "s"))
    assert not open_store(remote).in_process
    assert open_store(remote, location=tmp_path / "s").in_process  # a location is the embedded store
    assert open_store(Settings(store=str(tmp_path / "t"))).in_process and (tmp_path / "t").is_dir()
    with pytest.raises(FileNotFoundError, match="no store at"):
        open_store(Settings(store=str(tmp_path / "missing")), create=False)
    with pytest.raises(FileNotFoundError):
        open_store(location=tmp_path / "missing", read_only=True)
    assert not (tmp_path / "missing").exists()


def test_a_change_replaces_then_clears_then_adds_in_one_version() -> None:
    store = open_store()
    store.replace_graphs({G1: [_t("a", "old"), _t("b", "old")], G2: [_t("a", "kept"), _t("c", "kept")]})
    before = store.version()
    store.apply_change(Change(
        replace={G1: [_t("x", "new")]},
        clear_subjects={G2: ["urn:lakg-test:a"]},
        add={G1: [_t("y", "added")], G2: [_t("a", "re-added")]},
    ))
    assert store.version() != before
    assert graph(store, G1) == {str(_t("x", "new")), str(_t("y", "added"))}  # replaced, then added to
    assert graph(store, G2) == {str(_t("c", "kept")), str(_t("a", "re-added"))}  # cleared, then added to
    assert values(store, "SELECT ?o WHERE { ?s ?p ?o }") == {"new", "added", "kept", "re-added"}


def test_the_current_version_pointer_decides_the_default_graph() -> None:
    store = open_store()
    v1 = layout.submission_graph("s1", 1)
    sub = ox.NamedNode("urn:lakg-test:submission/s1")
    assert v1 not in store.default_graphs()
    store.apply_change(Change(replace={v1: [_t("x", "v1")]}, add={layout.SUBMISSIONS: [
        ox.Triple(sub, CURRENT_GRAPH, ox.NamedNode(v1))]}))
    assert v1 in store.default_graphs() and store.graph_names() == sorted([layout.SUBMISSIONS, v1])
    store.apply_change(Change(clear_subjects={layout.SUBMISSIONS: [sub.value]}))
    assert v1 not in store.default_graphs() and v1 in store.graph_names()  # kept, out of the default


def test_a_read_only_handle_refuses_every_write(tmp_path: Path) -> None:
    path = tmp_path / "store"
    store = open_store(location=path)
    store.replace_graphs({G1: [_t("a", "a")]})
    store.close()
    ro = open_store(location=path, read_only=True)
    for write in (lambda: ro.replace_graphs({G1: []}), lambda: ro.apply_change(Change(add={G1: [_t("b", "b")]})),
                  lambda: ro.load_files([path / "nothing.nt"], graph=G1)):
        with pytest.raises(PermissionError, match="read-only"):
            write()
    assert graph(ro, G1) == {str(_t("a", "a"))}
    ro.close()


@pytest.mark.parametrize("on_disk", [True, False], ids=["disk", "memory"])
def test_a_backup_is_one_version_with_its_dataset(tmp_path: Path, on_disk: bool) -> None:
    store = open_store(location=tmp_path / "store") if on_disk else open_store()
    v1 = layout.submission_graph("s1", 1)
    store.replace_graphs({
        G1: [_t("a", "a")], v1: [_t("x", "submitted")], layout.HISTORY: [_t("h", "history")],
        layout.SUBMISSIONS: [ox.Triple(ox.NamedNode("urn:lakg-test:s1"), CURRENT_GRAPH, ox.NamedNode(v1))],
    })
    backup = store.backup(tmp_path / "copy")
    assert backup == Backup(str(tmp_path / "copy"), store.version(), tuple(store.default_graphs()),
                            tuple(store.graph_names()), True)
    store.apply_change(Change(add={G1: [_t("b", "after the backup")]}))
    copy = open_store(location=tmp_path / "copy", read_only=True)
    assert copy.version() == backup.version != store.version()
    assert copy.graph_names() == list(backup.graph_names) and copy.default_graphs() == list(backup.default_graphs)
    assert graph(copy, G1) == {str(_t("a", "a"))}
    # the copy's materialised default graph is current: answered from it, history left out
    assert values(copy, "SELECT ?o WHERE { ?s ?p ?o }") == {"a", "submitted", v1}
    copy.close()
