"""Ontology quality: HermiT consistency, ODK-style QC queries and the ontology's own SHACL shapes.

Three independent checks, each usable on the real ontology (``ontology/*.ttl``) or on a
fixture:

- :func:`check_consistency` runs HermiT (through owlready2, in a fresh ``World`` each call)
  over the ontology plus any data, and says whether the whole is consistent and which
  classes are unsatisfiable.
- :func:`run_qc` runs every ``queries/qc/*-violation.rq`` over a dataset whose ontology sits
  in the ontology named graph; each query must return no rows.
- :func:`validate_ontology` validates the ontology against ``shapes/ontology-qc.ttl``.

>>> {"missing-label", "undeclared-term"} <= set(qc_queries())
True
"""

from __future__ import annotations

import tempfile
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import pyoxigraph as ox
from rdflib import Dataset, Graph

from ..config import PROJECT_ROOT
from ..layout import ONTOLOGY
from .validate import Problem, validate_graph

__all__ = [
    "ONTOLOGY_DIR",
    "QC_DIR",
    "ONTOLOGY_SHAPES",
    "Report",
    "ontology_files",
    "load_ontology",
    "check_consistency",
    "qc_queries",
    "qc_dataset",
    "run_qc",
    "validate_ontology",
]

ONTOLOGY_DIR = PROJECT_ROOT / "ontology"
QC_DIR = PROJECT_ROOT / "queries" / "qc"
ONTOLOGY_SHAPES = PROJECT_ROOT / "shapes" / "ontology-qc.ttl"

Source = Graph | str | Path | Iterable[str | Path]


# -- Loading ------------------------------------------------------------------------------------


def ontology_files(directory: Path = ONTOLOGY_DIR) -> list[Path]:
    """The ontology's module files, in a stable order."""
    return sorted(directory.glob("*.ttl"))


def load_ontology(directory: Path = ONTOLOGY_DIR) -> Graph:
    """All ontology modules parsed into one rdflib graph."""
    return _as_graph(ontology_files(directory))


def _as_graph(source: Source) -> Graph:
    """A graph from a graph, a Turtle file, a directory of them, or a list of those."""
    if isinstance(source, Graph):
        return source
    paths = [source] if isinstance(source, (str, Path)) else list(source)
    g = Graph()
    for p in map(Path, paths):
        for f in sorted(p.glob("*.ttl")) if p.is_dir() else [p]:
            try:
                g.parse(f, format="turtle")
            except Exception as e:  # a parse error names the file, never a bare stack trace
                raise ValueError(f"{f}: not valid Turtle ({e}); fix the syntax and run again") from e
    return g


# -- HermiT consistency ---------------------------------------------------------------------------


@dataclass
class Report:
    """The outcome of a HermiT run.

    ``consistent`` is False when the ontology plus data has no model (e.g. something is both an
    action and an actor). ``unsatisfiable`` lists classes that can have no member. ``error``
    holds the reasoner's own message when it could not run (then ``consistent`` is None).
    """

    consistent: bool | None
    unsatisfiable: list[str] = field(default_factory=list)
    error: str | None = None
    triples: int = 0

    @property
    def ok(self) -> bool:
        """Consistent, every class satisfiable, and the reasoner ran."""
        return self.consistent is True and not self.unsatisfiable and self.error is None

    def explain(self) -> str:
        """One paragraph for people."""
        if self.error:
            return f"HermiT could not run: {self.error}"
        if self.consistent is False:
            return (
                f"INCONSISTENT ({self.triples} triples): some resource breaks an axiom, typically a "
                "disjointness (e.g. typed both lak:Action and lak:Actor) or a functional property "
                "with two different values. Run the QC queries and SHACL shapes to find it."
            )
        if self.unsatisfiable:
            return "Unsatisfiable classes (no member possible): " + ", ".join(self.unsatisfiable)
        return f"consistent ({self.triples} triples)"


def check_consistency(graph_or_paths: Source, data: Source | None = None) -> Report:
    """Run HermiT over an ontology (graph, file(s) or directory) plus optional data.

    Each call uses its own owlready2 ``World`` (an in-memory quadstore), closed afterwards,
    so no state leaks between calls. Literals typed with datatypes outside the OWL 2 datatype
    map (xsd:date, xsd:gYear) are ignored by the reasoner rather than failing it.
    """
    import owlready2

    merged = Graph()
    merged += _as_graph(graph_or_paths)
    if data is not None:
        merged += _as_graph(data)
    with tempfile.TemporaryDirectory(prefix="lakg-hermit-") as tmp:
        path = Path(tmp) / "merged.nt"
        merged.serialize(path, format="nt", encoding="utf-8")
        world = owlready2.World()
        try:
            world.get_ontology(path.as_uri()).load()
            try:
                owlready2.sync_reasoner_hermit(
                    world, infer_property_values=False, debug=0, ignore_unsupported_datatypes=True
                )
            except owlready2.OwlReadyInconsistentOntologyError:
                return Report(consistent=False, triples=len(merged))
            except owlready2.OwlReadyJavaError as e:
                return Report(consistent=None, error=_short_java_error(str(e)), triples=len(merged))
            except OSError as e:  # no java executable
                hint = "install Java 17 (apt-get install -y --no-install-recommends openjdk-17-jre-headless)"
                return Report(consistent=None, error=f"cannot run Java ({e}); {hint}", triples=len(merged))
            unsat = sorted(c.iri for c in world.inconsistent_classes() if hasattr(c, "iri"))
            return Report(consistent=True, unsatisfiable=unsat, triples=len(merged))
        finally:
            world.close()


def _short_java_error(text: str) -> str:
    """The first meaningful line of a Java error, not its stack trace."""
    lines = [ln.strip() for ln in text.splitlines() if ln.strip() and not ln.strip().startswith("at ")]
    useful = [ln for ln in lines if "Exception" in ln or "rror" in ln]
    return (useful or lines or ["unknown Java error"])[-1][:500]


# -- QC queries -----------------------------------------------------------------------------------


def qc_queries(directory: Path = QC_DIR) -> dict[str, str]:
    """The QC queries by name (file name without ``-violation.rq``)."""
    return {p.name.removesuffix("-violation.rq"): p.read_text(encoding="utf-8")
            for p in sorted(directory.glob("*-violation.rq"))}


def qc_dataset(ontology: Source | None = None, graphs: Mapping[str, Source] | None = None) -> ox.Store:
    """An in-memory store with the ontology in the ontology graph and other graphs beside it."""
    store = ox.Store()
    parts: dict[str, Source] = {ONTOLOGY: ontology if ontology is not None else ontology_files()}
    parts.update(graphs or {})
    for name, source in parts.items():
        data = _as_graph(source).serialize(format="nt", encoding="utf-8")
        store.load(data, format=ox.RdfFormat.N_TRIPLES, to_graph=ox.NamedNode(name))
    return store


def run_qc(dataset: Any, queries: Mapping[str, str] | None = None) -> dict[str, list[dict[str, str]]]:
    """Run the QC queries; returns, per query name, the offending rows (empty = pass).

    ``dataset`` is a pyoxigraph ``Store``, a project :class:`~localaction_kg.store.base.Store`
    (every named graph visible), an rdflib ``Dataset`` (named graphs kept) or an rdflib ``Graph``
    (taken as the ontology graph).
    """
    if isinstance(dataset, Dataset):
        store = ox.Store()
        store.load(dataset.serialize(format="nquads", encoding="utf-8"), format=ox.RdfFormat.N_QUADS)
        dataset = store
    elif isinstance(dataset, Graph):
        dataset = qc_dataset(dataset)
    results: dict[str, list[dict[str, str]]] = {}
    for name, text in (queries if queries is not None else qc_queries()).items():
        if isinstance(dataset, ox.Store):
            solutions = dataset.query(text, use_default_graph_as_union=False)
        else:
            solutions = dataset.query(text)
        assert isinstance(solutions, ox.QuerySolutions), f"{name}: a QC query must be a SELECT"
        variables = [v.value for v in solutions.variables]
        results[name] = [
            {v: s[v].value for v in variables if s[v] is not None} for s in solutions
        ]
    return results


# -- SHACL over the ontology --------------------------------------------------------------------


def validate_ontology(ontology: Source | None = None, shapes: Path = ONTOLOGY_SHAPES) -> list[Problem]:
    """Problems the ontology-QC shapes find in the ontology (all of them violations)."""
    graph = _as_graph(ontology if ontology is not None else ontology_files())
    return validate_graph(graph, Graph().parse(shapes, format="turtle"))
