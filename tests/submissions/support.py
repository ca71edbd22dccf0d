"""Shared helpers for tests/test_submissions_*.py: a store with the reference data, tokens.

The store holds data/reference/*.ttl and ontology/*.ttl as the build writes them. While the
reference build is incomplete, the concepts the tests need are added from the read-only inputs
(../shared/reference CSVs and the UN SDG KOS dump), typed with the classes of docs/MODEL.md,
and data/sources/ (submitters such as Accra, Call themes and their crosswalks, from source 002).
"""

from __future__ import annotations

import csv
import os
import signal
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pyoxigraph as ox
from helpers.ports import free_port
from helpers.testclient import TestClient

from localaction_kg.config import PROJECT_ROOT, default_reference_dir
from localaction_kg.layout import REFERENCE
from localaction_kg.store.oxigraph import OxigraphStore
from localaction_kg.submissions.mapping import slugify
from localaction_kg.submissions.stores import load_repository_data

__all__ = [
    "TestClient",
    "make_store",
    "disk_store_dir",
    "make_token",
    "any_theme",
    "MEDIA",
    "ACCRA",
    "Server",
    "CLI",
]

HERE = Path(__file__).parent
ID = "https://w3id.org/localaction-kg/id/"
LAK = "https://w3id.org/localaction-kg/ontology#"
SDGO = "http://metadata.un.org/sdg/ontology#"
ACCRA = ID + "actor/accra"


def _has(store: ox.Store, cls: str) -> bool:
    return bool(store.query(f"ASK {{ GRAPH ?g {{ ?s a <{cls}> }} }}"))


def _typed(rows: list[tuple[str, str, str]]) -> str:
    return "".join(
        f'<{iri}> a <{cls}> ; <http://www.w3.org/2004/02/skos/core#notation> "{n}" .\n'
        for iri, cls, n in rows
    )


def fill_reference(raw: ox.Store) -> None:
    """Load the repository's reference graphs, then add what is still missing."""
    g_ref = ox.NamedNode(REFERENCE)
    load_repository_data(raw)
    ref = default_reference_dir()
    extra: list[tuple[str, str, str]] = []
    if not _has(raw, LAK + "GCMObjective"):
        with open(ref / "gcm" / "gcm_objectives.csv", encoding="utf-8") as f:
            extra += [
                (f"{ID}gcm/objective/{r['objective']}", LAK + "GCMObjective", r["objective"])
                for r in csv.DictReader(f)
            ]
    if not _has(raw, LAK + "GCRObjective"):
        with open(ref / "gcr" / "gcr_objectives.csv", encoding="utf-8") as f:
            extra += [
                (f"{ID}gcr/objective/{r['objective']}", LAK + "GCRObjective", r["objective"])
                for r in csv.DictReader(f)
            ]
    if not _has(raw, LAK + "GRFAreaOfFocus"):
        with open(ref / "gcr" / "grf_areas_of_focus.csv", encoding="utf-8") as f:
            extra += [
                (f"{ID}grf/area/{slugify(r['area_of_focus'])}", LAK + "GRFAreaOfFocus", r["order"])
                for r in csv.DictReader(f)
            ]
    if extra:
        raw.load(_typed(extra).encode(), format=ox.RdfFormat.TURTLE, to_graph=g_ref)
    if not _has(raw, SDGO + "Target"):
        raw.load(
            path=str(ref / "sdg" / "sdg-kos-goals-targets-indicators.ttl"),
            format=ox.RdfFormat.TURTLE,
            to_graph=g_ref,
        )


def make_store(location: Path | None) -> OxigraphStore:
    """A store (on disk at ``location``, else in memory) with the reference data."""
    store = OxigraphStore(location)
    fill_reference(store.raw)
    store.raw.flush() if location is not None else None
    return store


def any_theme(store: OxigraphStore) -> str | None:
    """The IRI of one Call theme in the store, if the reference data has them."""
    for r in store.query(f"SELECT ?t WHERE {{ ?t a <{LAK}CallTheme> }} ORDER BY ?t LIMIT 1"):
        return str(r["t"].value)
    return None


def disk_store_dir(path: Path) -> str:
    """Build an on-disk store with the reference data at ``path`` and close it (for an app or server)."""
    store = make_store(path)
    store.close()
    return str(path)


def make_token(store_dir: str, submitter: str = ACCRA, scope: str = "submit") -> str:
    """A new token for ``submitter`` in the store's sidecar token file."""
    from localaction_kg.submissions.tokens import TokenFile, tokens_path

    secret, _ = TokenFile(tokens_path(store_dir)).create(submitter, scope)
    return secret


MEDIA = {
    ".ttl": "text/turtle",
    ".jsonld": "application/ld+json",
    ".json": "application/json",
    ".csv": "text/csv",
}

CLI = [sys.executable, "-m", "localaction_kg.cli"]


class Server:
    """`localaction-kg serve` in its own process group."""

    def __init__(self, store_dir: str) -> None:
        self.store_dir = store_dir
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.proc: subprocess.Popen[bytes] | None = None
        self.log = Path(store_dir + ".server.log")

    def start(self) -> None:
        with open(self.log, "ab") as log:
            self.proc = subprocess.Popen(
                [*CLI, "serve", "--store", self.store_dir, "--port", str(self.port), "--workers", "1"],
                cwd=PROJECT_ROOT,
                start_new_session=True,
                stdout=subprocess.DEVNULL,
                stderr=log,
            )
        deadline = time.monotonic() + 60
        while time.monotonic() < deadline:
            if self.proc.poll() is not None:
                raise RuntimeError(self.log.read_text(errors="replace")[-3000:])
            try:
                if httpx.get(self.url + "/context.jsonld", timeout=1).status_code == 200:
                    return
            except httpx.HTTPError:
                time.sleep(0.2)
        raise RuntimeError("server did not start")

    def kill9(self) -> None:
        assert self.proc is not None
        os.killpg(self.proc.pid, signal.SIGKILL)
        self.proc.wait(timeout=30)

    def stop(self) -> None:
        if self.proc is not None and self.proc.poll() is None:
            os.killpg(self.proc.pid, signal.SIGTERM)
            try:
                self.proc.wait(timeout=30)
            except subprocess.TimeoutExpired:
                os.killpg(self.proc.pid, signal.SIGKILL)
                self.proc.wait(timeout=30)
