"""The package's import graph, read from the source with ``ast``: no cycles, and the layers hold.

Every import counts, wherever it is written (module level, inside a function, under
``TYPE_CHECKING``): an import deferred into a function still ties the two modules together, it
only hides the cycle from the interpreter. ``from . import x`` names the module ``x``; an import
of a submodule is not counted as an import of its package's ``__init__``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import pytest

from localaction_kg.config import PROJECT_ROOT

PACKAGE = PROJECT_ROOT / "localaction_kg"

#: the concrete store backends: imported only by the factory and by each other
BACKENDS = {
    "localaction_kg.store.oxigraph",
    "localaction_kg.store.remote",
    "localaction_kg.store.remote_http",
    "localaction_kg.store.remote_load",
    "localaction_kg.store.remote_txn",
}
FACTORY = "localaction_kg.store.factory"


def _modules(root: Path = PACKAGE) -> dict[str, tuple[Path, bool]]:
    """Dotted module name -> (file, is a package ``__init__``)."""
    out = {}
    for path in sorted(root.rglob("*.py")):
        parts = list(path.relative_to(root.parent).with_suffix("").parts)
        is_package = parts[-1] == "__init__"
        out[".".join(parts[:-1] if is_package else parts)] = (path, is_package)
    return out


def import_graph(root: Path = PACKAGE) -> dict[str, set[str]]:
    """Each module of the package -> the modules of the package it imports."""
    modules = _modules(root)

    def known(name: str) -> str | None:
        while name not in modules and "." in name:
            name = name.rsplit(".", 1)[0]
        return name if name in modules else None

    graph: dict[str, set[str]] = {}
    for name, (path, is_package) in modules.items():
        here = name.split(".") if is_package else name.split(".")[:-1]
        targets: list[str] = []
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"), str(path))):
            if isinstance(node, ast.Import):
                targets += [a.name for a in node.names]
            elif isinstance(node, ast.ImportFrom):
                base = ".".join(here[: len(here) - node.level + 1]) if node.level else ""
                module = ".".join(p for p in (base, node.module or "") if p)
                # `from pkg import sub` imports the module pkg.sub when there is one
                targets += [f"{module}.{a.name}" if f"{module}.{a.name}" in modules else module for a in node.names]
        graph[name] = {t for t in map(known, targets) if t is not None and t != name}
    return graph


def cycles(graph: dict[str, set[str]]) -> list[frozenset[str]]:
    """The strongly connected components with more than one module (Tarjan, iteratively)."""
    index: dict[str, int] = {}
    low: dict[str, int] = {}
    stack: list[str] = []
    on_stack: set[str] = set()
    found: list[frozenset[str]] = []
    for start in sorted(graph):
        if start in index:
            continue
        work = [(start, iter(sorted(graph[start])))]
        index[start] = low[start] = len(index)
        stack.append(start)
        on_stack.add(start)
        while work:
            node, children = work[-1]
            child = next(children, None)
            if child is not None:
                if child not in index:
                    index[child] = low[child] = len(index)
                    stack.append(child)
                    on_stack.add(child)
                    work.append((child, iter(sorted(graph[child]))))
                elif child in on_stack:
                    low[node] = min(low[node], index[child])
                continue
            work.pop()
            if work:
                low[work[-1][0]] = min(low[work[-1][0]], low[node])
            if low[node] == index[node]:
                component = set()
                while True:
                    member = stack.pop()
                    on_stack.discard(member)
                    component.add(member)
                    if member == node:
                        break
                if len(component) > 1:
                    found.append(frozenset(component))
    return found


@pytest.fixture(scope="module")
def graph() -> dict[str, set[str]]:
    return import_graph()


def test_the_package_has_no_import_cycle(graph: dict[str, set[str]]) -> None:
    found = [sorted(c) for c in cycles(graph)]
    assert not found, f"import cycles (break each, e.g. by moving what both need into a third module): {found}"


def test_the_cycle_check_can_fail(tmp_path: Path) -> None:
    pkg = tmp_path / "pkg"
    (pkg / "sub").mkdir(parents=True)
    (pkg / "__init__.py").write_text("")
    (pkg / "sub" / "__init__.py").write_text("from .a import x\n")
    (pkg / "sub" / "a.py").write_text("def f():\n    from ..b import y\n")  # deferred: still an edge
    (pkg / "b.py").write_text("from typing import TYPE_CHECKING\nif TYPE_CHECKING:\n    from pkg.sub import a\n")
    found = cycles(import_graph(pkg))
    assert found == [frozenset({"pkg.sub.a", "pkg.b"})]  # the package __init__ is not part of it


def test_only_the_factory_imports_a_store_backend(graph: dict[str, set[str]]) -> None:
    importers = {m: sorted(deps & BACKENDS) for m, deps in graph.items()
                 if deps & BACKENDS and m != FACTORY and m not in BACKENDS}
    assert not importers, f"open stores with localaction_kg.store.open_store instead: {importers}"


def test_the_store_depends_on_nothing_above_it(graph: dict[str, set[str]]) -> None:
    above = ("localaction_kg.service", "localaction_kg.submissions", "localaction_kg.commands",
             "localaction_kg.graphbuild", "localaction_kg.cli")
    wrong = {m: sorted(d for d in deps if d.startswith(above)) for m, deps in graph.items()
             if m.startswith("localaction_kg.store")}
    assert not any(wrong.values()), f"the store must not import what is built on it: {wrong}"
