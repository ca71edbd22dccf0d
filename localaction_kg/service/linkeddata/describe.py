"""What a resource page shows: its facts, each with its named graph and source section.

:func:`describe` gathers, over the public current view only,

- every triple with the resource as subject, with the named graph it sits in (``GRAPH ?g``);
- qualified nodes (contributions, fundings, participations, posts, figures...) linked to or
  from the resource, with their own facts, so that pages render them nested;
- incoming links;
- for each fact, the source sections the node is ``prov:wasDerivedFrom`` *in the same graph*,
  with the section's label and line range and its document's title and file name.

:func:`bounded_description` is the RDF served by content negotiation: the resource's triples,
its blank nodes and its qualified nodes.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...namespaces import DCTERMS, FOAF, LAK, ORG, PREFIXES, PROV, RDF, RDFS, SCHEMA, SKOS
from ...store import Store
from .view import construct, graph_label, public_graphs, select, to_local

__all__ = ["Term", "Source", "Statement", "Node", "Description", "describe", "bounded_description"]

#: node types rendered nested inside the page of what they qualify
QUALIFIED_TYPES: frozenset[str] = frozenset(
    str(t)
    for t in (
        LAK.Contribution,
        LAK.Funding,
        LAK.Participation,
        LAK.Endorsement,
        LAK.CrosswalkLink,
        LAK.ReportedFigure,
        ORG.Membership,
        SCHEMA.MonetaryAmount,
    )
)
_LABEL_PROPS = (SKOS.prefLabel, RDFS.label, DCTERMS.title, SCHEMA.name, FOAF.name)
_DERIVED = str(PROV.wasDerivedFrom)
_MAX_INCOMING = 500


@dataclass
class Term:
    """An RDF term as a page shows it."""

    kind: str  # "iri", "bnode" or "literal"
    value: str
    label: str | None = None
    href: str | None = None
    curie: str | None = None
    language: str | None = None
    datatype: str | None = None
    local: bool = False


@dataclass
class Source:
    """A source section a fact comes from."""

    section: Term
    label: str
    document: Term | None
    file_name: str | None
    title: str | None
    lines: str | None


@dataclass
class Statement:
    """One fact: predicate, value, the named graph it sits in, its sources."""

    predicate: Term
    object: Term
    graph: str
    graph_label: str
    sources: list[Source] = field(default_factory=list)
    nested: Node | None = None


@dataclass
class Node:
    """A resource (or a qualified node inside a page) with its facts."""

    term: Term
    types: list[Term] = field(default_factory=list)
    statements: list[Statement] = field(default_factory=list)


@dataclass
class Description:
    """Everything a resource page shows."""

    node: Node
    label: str
    definition: str | None
    qualified_in: list[tuple[Term, Node]]
    incoming: list[tuple[Term, Term, str]]
    graphs: list[str]
    incoming_truncated: bool = False


def _curie(iri: str) -> str | None:
    best = None
    for prefix, ns in PREFIXES.items():
        if iri.startswith(ns) and (best is None or len(ns) > len(PREFIXES[best])):
            best = prefix
    if best is None:
        return None
    rest = iri[len(PREFIXES[best]) :]
    return f"{best}:{rest}" if rest and "/" not in rest and "#" not in rest else None


class _Describer:
    """Runs the queries of one description over one view."""

    def __init__(self, store: Store, base: str) -> None:
        self.store = store
        self.base = base
        self.view = public_graphs(store)
        self.labels: dict[str, str] = {}
        self.types: dict[str, list[str]] = {}

    def select(self, sparql: str) -> list[ox.QuerySolution]:
        return list(select(self.store, sparql, self.view))

    def term(self, t: ox.NamedNode | ox.BlankNode | ox.Literal) -> Term:
        if isinstance(t, ox.NamedNode):
            local = to_local(t.value, self.base)
            return Term(
                "iri",
                t.value,
                label=self.labels.get(t.value),
                href=local or t.value,
                curie=_curie(t.value),
                local=local is not None,
            )
        if isinstance(t, ox.BlankNode):
            return Term("bnode", t.value)
        dt: str | None = t.datatype.value if t.datatype else None
        if dt in ("http://www.w3.org/2001/XMLSchema#string", str(RDF.langString)):
            dt = None
        return Term("literal", t.value, language=t.language, datatype=dt, curie=_curie(dt) if dt else None)

    def node_rows(self, iris: Iterable[str]) -> list[ox.QuerySolution]:
        values = " ".join(f"<{i}>" for i in iris)
        if not values:
            return []
        return self.select(
            f"SELECT ?n ?g ?p ?o ?p2 ?o2 WHERE {{ VALUES ?n {{ {values} }} GRAPH ?g {{ ?n ?p ?o "
            f"OPTIONAL {{ ?o ?p2 ?o2 FILTER(isBlank(?o)) }} }} }}"
        )

    def learn(self, iris: set[str]) -> None:
        """Fetch labels and types of IRIs not seen yet."""
        todo = sorted(i for i in iris if i not in self.types)
        for chunk in (todo[i : i + 400] for i in range(0, len(todo), 400)):
            values = " ".join(f"<{i}>" for i in chunk)
            for i in chunk:
                self.types.setdefault(i, [])
            for row in self.select(f"SELECT ?x ?t WHERE {{ VALUES ?x {{ {values} }} ?x a ?t }}"):
                self.types[row["x"].value].append(row["t"].value)
            props = "|".join(f"<{p}>" for p in _LABEL_PROPS)
            found: dict[str, tuple[int, str]] = {}
            for row in self.select(f"SELECT ?x ?l WHERE {{ VALUES ?x {{ {values} }} ?x {props} ?l }}"):
                lit = row["l"]
                rank = {"en": 0, None: 1}.get(getattr(lit, "language", None), 2)
                x = row["x"].value
                if x not in found or rank < found[x][0] or (rank == found[x][0] and lit.value < found[x][1]):
                    found[x] = (rank, lit.value)
            self.labels.update({x: v for x, (_, v) in found.items()})

    def is_qualified(self, iri: str) -> bool:
        return any(t in QUALIFIED_TYPES for t in self.types.get(iri, []))

    def sources(self, sections: set[str]) -> dict[str, Source]:
        values = " ".join(f"<{s}>" for s in sorted(sections))
        if not values:
            return {}
        out: dict[str, Source] = {}
        rows = self.select(
            f"SELECT ?s ?label ?doc ?file ?title ?ls ?le WHERE {{ VALUES ?s {{ {values} }} "
            f"OPTIONAL {{ ?s <{RDFS.label}> ?label }} OPTIONAL {{ ?s <{DCTERMS.isPartOf}> ?doc "
            f"OPTIONAL {{ ?doc <{LAK.fileName}> ?file }} OPTIONAL {{ ?doc <{DCTERMS.title}> ?title }} }} "
            f"OPTIONAL {{ ?s <{LAK.lineStart}> ?ls }} OPTIONAL {{ ?s <{LAK.lineEnd}> ?le }} }}"
        )
        for row in rows:
            s = row["s"].value
            if s in out:
                continue
            ls, le = row["ls"], row["le"]
            lines = f"{ls.value}–{le.value}" if ls and le else (ls.value if ls else None)
            out[s] = Source(
                section=self.term(row["s"]),
                label=row["label"].value if row["label"] else s,
                document=self.term(row["doc"]) if row["doc"] else None,
                file_name=row["file"].value if row["file"] else None,
                title=row["title"].value if row["title"] else None,
                lines=lines,
            )
        for s in sections - set(out):
            out[s] = Source(self.term(ox.NamedNode(s)), s, None, None, None, None)
        return out

    def build(self, subject: str, rows: list[ox.QuerySolution], sources: dict[str, Source]) -> Node:
        """A node from its rows: blank-node values nested, sources attached per graph."""
        derived: dict[str, list[Source]] = {}
        for row in rows:
            if row["p"].value == _DERIVED and isinstance(row["o"], ox.NamedNode):
                derived.setdefault(row["g"].value, []).append(sources[row["o"].value])
        node = Node(self.term(ox.NamedNode(subject)))
        node.types = [self.term(ox.NamedNode(t)) for t in sorted(set(self.types.get(subject, [])))]
        seen: dict[tuple[str, str, str], Statement] = {}
        for row in rows:
            g, p, o = row["g"].value, row["p"], row["o"]
            key = (g, str(p), str(o))
            if key not in seen:
                st = Statement(self.term(p), self.term(o), g, graph_label(g, self.base), derived.get(g, []))
                if isinstance(o, ox.BlankNode):
                    st.nested = Node(Term("bnode", o.value))
                seen[key] = st
                node.statements.append(st)
            if row["p2"] is not None and seen[key].nested is not None:
                seen[key].nested.statements.append(  # type: ignore[union-attr]
                    Statement(self.term(row["p2"]), self.term(row["o2"]), g, graph_label(g, self.base))
                )
        node.statements.sort(
            key=lambda s: (
                s.predicate.value != str(RDF.type),
                s.predicate.curie or s.predicate.value,
                s.object.label or s.object.value,
            )
        )
        return node


def _rows_by_node(rows: list[ox.QuerySolution]) -> dict[str, list[ox.QuerySolution]]:
    out: dict[str, list[ox.QuerySolution]] = {}
    for row in rows:
        out.setdefault(row["n"].value, []).append(row)
    return out


def describe(store: Store, iri: str, base: str) -> Description | None:
    """The page content for ``iri``, or None when the public view does not know it."""
    d = _Describer(store, base)
    rows = d.node_rows([iri])
    incoming_rows = d.select(
        f"SELECT ?s ?p ?g WHERE {{ GRAPH ?g {{ ?s ?p <{iri}> }} FILTER(!isBlank(?s)) }} "
        f"LIMIT {_MAX_INCOMING + 1}"
    )
    if not rows and not incoming_rows:
        return None
    referenced = {iri} | {r["o"].value for r in rows if isinstance(r["o"], ox.NamedNode)}
    referenced |= {r["p"].value for r in rows} | {r["s"].value for r in incoming_rows}
    referenced |= {r["p"].value for r in incoming_rows}
    d.learn(referenced)
    # qualified nodes: one level out and in, then one more level out (e.g. a funding's amount)
    nested_iris = {
        r["o"].value for r in rows if isinstance(r["o"], ox.NamedNode) and d.is_qualified(r["o"].value)
    }
    incoming_q = {r["s"].value for r in incoming_rows if d.is_qualified(r["s"].value)}
    nested_rows = _rows_by_node(d.node_rows(sorted(nested_iris | incoming_q)))
    flat = [r for rs in nested_rows.values() for r in rs]
    d.learn({r["o"].value for r in flat if isinstance(r["o"], ox.NamedNode)} | {r["p"].value for r in flat})
    deeper = {r["o"].value for r in flat if isinstance(r["o"], ox.NamedNode) and d.is_qualified(r["o"].value)}
    deeper -= nested_iris | incoming_q | {iri}
    nested_rows.update(_rows_by_node(d.node_rows(sorted(deeper))))
    all_rows = rows + [r for rs in nested_rows.values() for r in rs]
    d.learn({r["p2"].value for r in all_rows if r["p2"] is not None})
    d.learn({r["o2"].value for r in all_rows if isinstance(r["o2"], ox.NamedNode)})
    sections = {
        r["o"].value for r in all_rows if r["p"].value == _DERIVED and isinstance(r["o"], ox.NamedNode)
    }
    sources = d.sources(sections)

    def nested_node(n: str, depth: int) -> Node:
        node = d.build(n, nested_rows.get(n, []), sources)
        if depth < 2:
            for st in node.statements:
                if (
                    st.object.kind == "iri"
                    and st.object.value in nested_rows
                    and st.object.value not in (iri, n)
                ):
                    st.nested = nested_node(st.object.value, depth + 1)
        return node

    node = d.build(iri, rows, sources)
    for st in node.statements:
        if st.object.kind == "iri" and st.object.value in nested_rows:
            st.nested = nested_node(st.object.value, 1)
    qualified_in: list[tuple[Term, Node]] = []
    incoming: list[tuple[Term, Term, str]] = []
    for r in incoming_rows[:_MAX_INCOMING]:
        if r["s"].value in incoming_q:
            qualified_in.append((d.term(r["p"]), nested_node(r["s"].value, 1)))
        else:
            incoming.append((d.term(r["s"]), d.term(r["p"]), graph_label(r["g"].value, base)))
    qualified_in.sort(key=lambda t: (t[0].value, t[1].term.value))
    incoming.sort(key=lambda t: (t[1].curie or t[1].value, t[0].label or t[0].value))
    definition = next(
        (
            r["o"].value
            for r in rows
            if r["p"].value in (str(SKOS.definition), str(DCTERMS.description), str(RDFS.comment))
        ),
        None,
    )
    return Description(
        node=node,
        label=d.labels.get(iri) or _curie(iri) or iri,
        definition=definition,
        qualified_in=qualified_in,
        incoming=incoming,
        graphs=sorted({r["g"].value for r in rows}),
        incoming_truncated=len(incoming_rows) > _MAX_INCOMING,
    )


def bounded_description(store: Store, iri: str) -> list[ox.Triple]:
    """The resource's triples, its blank nodes' triples and its qualified nodes' triples."""
    view = public_graphs(store)
    types = " ".join(f"<{t}>" for t in sorted(QUALIFIED_TYPES))
    r = f"<{iri}>"
    sparql = (
        f"CONSTRUCT {{ ?s ?p ?o }} WHERE {{ "
        f"{{ BIND({r} AS ?s) ?s ?p ?o }} UNION "
        f"{{ {r} ?p0 ?s FILTER(isBlank(?s)) ?s ?p ?o }} UNION "
        f"{{ {{ {r} ?p0 ?s }} UNION {{ ?s ?p0 {r} }} ?s a ?t VALUES ?t {{ {types} }} ?s ?p ?o }} UNION "
        f"{{ {{ {r} ?p0 ?q }} UNION {{ ?q ?p0 {r} }} ?q a ?t VALUES ?t {{ {types} }} ?q ?p1 ?s "
        f"FILTER(isBlank(?s)) ?s ?p ?o }} }}"
    )
    return construct(store, sparql, view)
