"""Shared fixtures: one real build of the knowledge graph per test session.

Helpers add their own fixtures below the banner of their area (append-only).
"""

from __future__ import annotations

from pathlib import Path

import pytest

from localaction_kg.build.pipeline import BuildResult, build
from localaction_kg.store.oxigraph import OxigraphStore


@pytest.fixture(scope="session")
def kg_build(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, BuildResult]:
    """Build the real graph once into an on-disk store; (store path, build result)."""
    path = tmp_path_factory.mktemp("kg") / "store"
    store = OxigraphStore(path)
    result = build(store)
    store.close()
    return path, result


@pytest.fixture(scope="session")
def kg_store(kg_build: tuple[Path, BuildResult]) -> Path:
    """Path of an on-disk store holding the built knowledge graph (open it read-only or copy it)."""
    return kg_build[0]
