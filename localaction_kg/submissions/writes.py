"""One durable, all-or-nothing write per submission event.

The :class:`~localaction_kg.store.Store` interface offers ``replace_graphs``; accepting a
submission must also add to the registry, history and private graphs without rewriting
them. On the embedded Oxigraph store this is ONE SPARQL Update (one transaction) followed
by a flush, so after the 201 the data survive a ``kill -9``; any other backend falls back to
read-modify-write through ``replace_graphs`` (still one call, still atomic there).
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ..store import Store

__all__ = ["Change", "commit"]


@dataclass
class Change:
    """What one event does: new graphs, subjects cleared in a graph, triples added to a graph."""

    replace: dict[str, list[ox.Triple]] = field(default_factory=dict)
    clear_subjects: dict[str, list[str]] = field(default_factory=dict)
    add: dict[str, list[ox.Triple]] = field(default_factory=dict)

    def adding(self, graph: str, triples: Iterable[ox.Triple]) -> None:
        self.add.setdefault(graph, []).extend(triples)


def commit(store: Store, change: Change) -> None:
    """Apply ``change`` atomically and durably."""
    from ..store.oxigraph import OxigraphStore

    if isinstance(store, OxigraphStore):  # one transaction, the materialised default graph with it
        store.apply_change(replace=change.replace, clear_subjects=change.clear_subjects, add=change.add)
    else:
        _commit_generic(store, change)


def _commit_generic(store: Store, change: Change) -> None:
    graphs: dict[str, list[ox.Triple]] = {g: list(ts) for g, ts in change.replace.items()}
    touched = (set(change.clear_subjects) | set(change.add)) - set(graphs)
    for g in touched:
        cleared = {f"<{s}>" for s in change.clear_subjects.get(g, [])}
        current = store.query(
            "CONSTRUCT { ?s ?p ?o } WHERE { ?s ?p ?o }", default_graphs=[g], named_graphs=[]
        )
        graphs[g] = [t for t in current if str(t.subject) not in cleared]  # type: ignore[union-attr]
    for g, ts in change.add.items():
        graphs[g].extend(ts)
    store.replace_graphs(graphs)
