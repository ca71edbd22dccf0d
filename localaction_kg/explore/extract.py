"""Read the explorer's records and vocabulary from a store: SPARQL over the public default graph only.

Every query runs over the layout's default graph (``default_graphs=None``): the RDF merge of the
public graphs and the current submission versions, never ``graph/private`` nor ``graph/history``.
The same queries read every action (a full build) or a few (``only=``, after a submission), so the
index has one derivation. No property paths: Virtuoso 7.2 mis-joins them across the graphs of a
multi-graph default dataset (docs/STORES.md).
"""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator, Sequence

import pyoxigraph as ox

from ..namespaces import DEFAULT_BASE
from ..store import Store
from .records import ActionRecord, Contribution, FundingLink, Labels, Vocabulary, kebab, slug_of

__all__ = ["ACTION_CLASSES", "CONCEPT_FACETS", "read_records", "read_vocabulary", "read_submission_graphs",
           "submission_of"]

LAK = DEFAULT_BASE + "ontology#"
ID = DEFAULT_BASE + "id/"
SDGO = "http://metadata.un.org/sdg/ontology#"
PREFIXES = f"""PREFIX lak: <{LAK}>
PREFIX dcterms: <http://purl.org/dc/terms/>
PREFIX skos: <http://www.w3.org/2004/02/skos/core#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
PREFIX rdf: <http://www.w3.org/1999/02/22-rdf-syntax-ns#>
PREFIX prov: <http://www.w3.org/ns/prov#>
PREFIX schema: <https://schema.org/>
PREFIX sdgo: <{SDGO}>
"""

#: the classes of actions: lak:Action and its subclasses (submissions are typed lak:LocalAction only)
ACTION_CLASSES: dict[str, str] = {
    LAK + "LocalAction": "local-action",
    LAK + "Pledge": "pledge",
    LAK + "Practice": "practice",
}
_ALL_CLASSES = " ".join(f"<{c}>" for c in (LAK + "Action", *ACTION_CLASSES))

#: facet of a contribution, by the class of its concept
CONCEPT_FACETS: dict[str, str] = {
    LAK + "GCMObjective": "gcm",
    LAK + "GCMGuidingPrinciple": "principle",
    LAK + "CallTheme": "theme",
    SDGO + "Goal": "sdg_goal",
    SDGO + "Target": "sdg_target",
    LAK + "GCRObjective": "gcr",
    LAK + "GRFAreaOfFocus": "grf",
}

RDF_TYPE = "http://www.w3.org/1999/02/22-rdf-syntax-ns#type"
_SUBMISSION_VERSION = re.compile(re.escape(ID) + r"submission/([^/]+)/v\d+$")
_SOURCE_DOC = re.compile(re.escape(ID) + r"source/(\d{3})$")
_CHUNK = 400


def submission_of(iri: str) -> str | None:
    """The submission id of a submission version IRI.

    >>> submission_of("https://w3id.org/localaction-kg/id/submission/town-desk/v2")
    'town-desk'
    """
    m = _SUBMISSION_VERSION.match(iri)
    return m.group(1) if m else None


def _actions_clause(only: Sequence[str] | None) -> str:
    if only is None:
        return f"{{ SELECT DISTINCT ?a WHERE {{ VALUES ?cls {{ {_ALL_CLASSES} }} ?a a ?cls }} }}"
    return "VALUES ?a { " + " ".join(f"<{a}>" for a in only) + " }"


def _key(term: object) -> str | None:
    if isinstance(term, ox.NamedNode):
        return term.value
    if isinstance(term, ox.BlankNode):
        return "_:" + term.value
    if isinstance(term, ox.Literal):
        return term.value
    return None


def _lang(term: object) -> str:
    return (term.language or "") if isinstance(term, ox.Literal) else ""


def _rows(store: Store, sparql: str) -> Iterator[list[object]]:
    result = store.query(PREFIXES + sparql)
    assert isinstance(result, ox.QuerySolutions)
    names = [v.value for v in result.variables]
    for solution in result:
        yield [solution[n] for n in names]


def _chunks(items: Sequence[str]) -> Iterator[Sequence[str]]:
    for i in range(0, len(items), _CHUNK):
        yield items[i:i + _CHUNK]


_PROPS = {
    "http://purl.org/dc/terms/title": "title",
    "http://www.w3.org/2000/01/rdf-schema#label": "label",
    "http://purl.org/dc/terms/description": "description",
    LAK + "startDate": "start",
    LAK + "endDate": "end",
    LAK + "startPrecision": "start_precision",
    LAK + "endPrecision": "end_precision",
    LAK + "isOngoing": "ongoing",
    LAK + "status": "status",
    LAK + "durationAsStated": "duration",
    LAK + "presentedIn": "presented",
    "http://www.w3.org/ns/prov#wasDerivedFrom": "derived",
    LAK + "targetPopulation": "population",
    LAK + "submittedBy": "submitter",
    LAK + "partner": "partner",
}


def read_records(store: Store, only: Sequence[str] | None = None) -> dict[str, ActionRecord]:
    """Every action (or those of ``only`` that still exist), keyed by IRI."""
    if only is not None and not only:
        return {}
    records: dict[str, ActionRecord] = {}
    for part in ([None] if only is None else list(_chunks(list(only)))):
        _read_part(store, part, records)
    return records


def _read_part(store: Store, only: Sequence[str] | None, records: dict[str, ActionRecord]) -> None:
    # A full read does not join each pattern with the list of actions (3-5x slower on Oxigraph): its
    # rows are kept when their action is one of the records read first; a partial read names them.
    acts = "" if only is None else _actions_clause(only)
    filter_a = acts
    for a, cls in _rows(store, f"SELECT ?a ?cls WHERE {{ {filter_a} VALUES ?cls {{ {_ALL_CLASSES} }} ?a a ?cls }}"):
        iri = _key(a)
        if iri is None or isinstance(a, ox.BlankNode):
            continue
        rec = records.setdefault(iri, ActionRecord(iri))
        kind = ACTION_CLASSES.get(_key(cls) or "")
        if kind:
            rec.kinds.add(kind)
    if not records:
        return
    labels_of: dict[str, Labels] = {}
    actors: dict[str, set[str]] = {}
    values = " ".join(f"<{p}>" for p in _PROPS)
    # never a blank node in a result: Virtuoso's labels (nodeID://...) are not valid in SPARQL JSON parsers.
    # A full read asks one predicate at a time (a VALUES list of predicates makes Oxigraph scan every triple).
    if only is None:
        rows: Iterable[list[object]] = (
            [a, ox.NamedNode(prop), o] for prop in _PROPS
            for a, o in _rows(store, f"SELECT ?a ?o WHERE {{ ?a <{prop}> ?o FILTER(!isBlank(?o)) }}"))
    else:
        rows = _rows(store, f"SELECT ?a ?p ?o WHERE {{ {acts} VALUES ?p {{ {values} }} ?a ?p ?o "
                            "FILTER(!isBlank(?o)) }")
    for a, p, o in rows:
        found = records.get(_key(a) or "")
        value = _key(o)
        if found is None or value is None:
            continue
        rec = found
        what = _PROPS[_key(p) or ""]
        if what == "title":
            rec.titles.setdefault(_lang(o), value)
        elif what == "label":
            labels_of.setdefault(rec.iri, {}).setdefault(_lang(o), value)
        elif what == "description":
            rec.descriptions.setdefault(_lang(o), value)
        elif what == "start":
            rec.start = min(rec.start or value, value)
        elif what == "end":
            rec.end = max(rec.end or value, value)
        elif what in ("start_precision", "end_precision"):
            setattr(rec, what, kebab(slug_of(value)).removesuffix("-precision"))
        elif what == "ongoing":
            rec.ongoing = rec.ongoing or value in ("true", "1")
        elif what == "status":
            rec.statuses.add(kebab(slug_of(value)))
        elif what == "duration":
            rec.duration = value
        elif what == "presented":
            m = _SOURCE_DOC.match(value)
            if m:
                rec.sources.add(f"source/{m.group(1)}")
        elif what == "derived":
            rec.derived_from.add(value)
            sub = submission_of(value)
            if sub:
                rec.sources.add(f"submission/{sub}")
        elif what == "population":
            rec.populations.add(kebab(slug_of(value)))
        elif what in ("submitter", "partner"):
            (rec.submitters if what == "submitter" else rec.partners).append(value)
            actors.setdefault(value, set()).add(rec.iri)
    for iri, labels in labels_of.items():
        if not records[iri].titles:
            records[iri].titles = labels
    for rec in records.values():
        rec.submitters.sort()
        rec.partners.sort()
    for a, d in _rows(store, f"SELECT ?a ?d WHERE {{ {acts} ?a prov:wasDerivedFrom ?s . ?s dcterms:isPartOf ?d }}"):
        doc_of = records.get(_key(a) or "")
        m = _SOURCE_DOC.match(_key(d) or "")
        if doc_of is not None and m:
            doc_of.sources.add(f"source/{m.group(1)}")
    _read_contributions(store, acts, records)
    _read_funding(store, acts, records)
    _read_actors(store, acts, records)


def _basis(basis: str, grade: str | None) -> str | None:
    name = slug_of(basis)
    if name == "Stated":
        return "stated"
    if name == "Curated":
        return "curated"
    if name == "Inferred":
        return "inferred-text" if grade and slug_of(grade) == "TextSupported" else "inferred-framework"
    return None


def _concept_classes(store: Store) -> dict[str, str]:
    """The class (of :data:`CONCEPT_FACETS`) of every framework concept."""
    out: dict[str, str] = {}
    for cls in CONCEPT_FACETS:
        for (k,) in _rows(store, f"SELECT ?k WHERE {{ ?k a <{cls}> }}"):
            if isinstance(k, ox.NamedNode):
                out[k.value] = cls
    return out


def _read_contributions(store: Store, acts: str, records: dict[str, ActionRecord]) -> None:
    classes = _concept_classes(store)
    query = f"""SELECT ?a ?k ?b ?g WHERE {{ {acts}
      ?a lak:qualifiedContribution ?c . ?c lak:concept ?k ; lak:basis ?b .
      OPTIONAL {{ ?c lak:linkGrade ?g }} }}"""
    grades: dict[tuple[str, str, str, str], str | None] = {}
    for a, k, b, g in _rows(store, query):
        cls = classes.get(_key(k) or "")
        if cls is None:
            continue
        key = (_key(a) or "", _key(k) or "", cls, _key(b) or "")
        # a contribution node with several grades counts as text-supported if one says so
        if grades.get(key) is None or (g is not None and slug_of(_key(g) or "") == "TextSupported"):
            grades[key] = _key(g)
    for (a, k, t, b), g in grades.items():
        rec = records.get(a)
        basis = _basis(b, g)
        if rec is not None and basis is not None:
            rec.contributions.add(Contribution(CONCEPT_FACETS[t], slug_of(k), basis))


def _read_funding(store: Store, acts: str, records: dict[str, ActionRecord]) -> None:
    query = f"""SELECT ?a ?f ?funder ?scheme ?fund ?st ?val ?cur ?src WHERE {{ {acts}
      ?node lak:fundedAction ?a . BIND(IF(isBlank(?node), "", STR(?node)) AS ?f)
      FILTER(!isBlank(?a))
      OPTIONAL {{ ?node lak:funder ?funder FILTER(isIRI(?funder)) }}
      OPTIONAL {{ ?node lak:viaScheme ?scheme OPTIONAL {{ ?scheme dcterms:isPartOf ?fund }} }}
      OPTIONAL {{ ?node lak:fundingStatus ?st }}
      OPTIONAL {{ ?node schema:amount ?m . ?m schema:value ?val ; schema:currency ?cur }}
      OPTIONAL {{ ?node prov:wasDerivedFrom ?src FILTER(isIRI(?src)) }} }}"""
    funders: dict[tuple[str, str], set[str]] = {}
    facts: dict[tuple[str, str], dict[str, str | None]] = {}
    for a, f, funder, scheme, fund, st, val, cur, src in _rows(store, query):
        key = (_key(a) or "", _key(f) or "")
        keys = funders.setdefault(key, set())
        node = facts.setdefault(key, {})
        for term in (funder, scheme, fund):
            if isinstance(term, ox.NamedNode):
                keys.add(slug_of(term.value))
        if st is not None:
            node["status"] = kebab(slug_of(_key(st) or ""))
        if val is not None:
            node["amount"], node["currency"] = _key(val), _key(cur)
        if src is not None:
            node["source"] = _key(src)
    for key in sorted(funders):
        rec = records.get(key[0])
        if rec is None:
            continue
        node = facts[key]
        rec.funding.append(FundingLink(frozenset(funders[key]), node.get("status"), node.get("amount"),
                                       node.get("currency"), node.get("source")))


def _read_actors(store: Store, acts: str, records: dict[str, ActionRecord]) -> None:
    query = f"""SELECT DISTINCT ?x ?p ?o WHERE {{ {acts}
      {{ ?a lak:submittedBy ?x }} UNION {{ ?a lak:partner ?x }} FILTER(isIRI(?x))
      VALUES ?p {{ skos:prefLabel skos:altLabel rdfs:label rdf:type lak:country }} ?x ?p ?o FILTER(!isBlank(?o)) }}"""
    unnamed = f"""SELECT DISTINCT ?a ?o WHERE {{ {acts}
      {{ ?a lak:submittedBy ?x }} UNION {{ ?a lak:partner ?x }} FILTER(isBlank(?x))
      VALUES ?p {{ skos:prefLabel skos:altLabel rdfs:label }} ?x ?p ?o }}"""
    for a, o in _rows(store, unnamed):  # partners described in place (blank nodes): their names only
        rec = records.get(_key(a) or "")
        name = _key(o)
        if rec is not None and name and name not in rec.names:
            rec.names.append(name)
    names: dict[str, list[str]] = {}
    types: dict[str, set[str]] = {}
    countries: dict[str, set[str]] = {}
    rows: Iterable[list[object]]
    if acts:
        rows = _rows(store, query)
    else:  # a full read: one predicate at a time, kept for the actors the records name
        wanted = {a for rec in records.values() for a in (*rec.submitters, *rec.partners)}
        props = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2004/02/skos/core#altLabel",
                 "http://www.w3.org/2000/01/rdf-schema#label", LAK + "country")
        rows = [[x, ox.NamedNode(p), o] for p in props
                for x, o in _rows(store, f"SELECT ?x ?o WHERE {{ ?x <{p}> ?o FILTER(isIRI(?x)) }}")
                if _key(x) in wanted]
        supers = _subclasses(store)
        for cls in sorted({c for c, sup in supers.items() if LAK + "Actor" in sup} | {LAK + "Actor"}):
            rows += [[x, ox.NamedNode(RDF_TYPE), ox.NamedNode(cls)]
                     for (x,) in _rows(store, f"SELECT ?x WHERE {{ ?x a <{cls}> }}") if _key(x) in wanted]
    for x, p, o in rows:
        actor, prop, value = _key(x) or "", _key(p) or "", _key(o)
        if value is None:
            continue
        if prop.endswith("#type"):
            if value.startswith(LAK):
                types.setdefault(actor, set()).add(value)
        elif prop == LAK + "country":
            countries.setdefault(actor, set()).add(value)
        else:
            names.setdefault(actor, [])
            if value not in names[actor]:
                names[actor].append(value)
    codes = _country_codes(store, {c for cs in countries.values() for c in cs})
    hierarchy = _subclasses(store)
    for rec in records.values():
        for actor in (*rec.submitters, *rec.partners):
            rec.names.extend(n for n in names.get(actor, []) if n not in rec.names)
        for actor in rec.submitters:
            lrg = LAK + "LocalRegionalGovernment"
            if any(t == lrg or lrg in hierarchy.get(t, set()) for t in types.get(actor, set())):
                rec.lrg_submitters.add(actor)
            rec.submitter_kinds |= {kebab(slug_of(t)) for t in _most_specific(types.get(actor, set()), hierarchy)}
            for c in countries.get(actor, set()):
                code = codes.get(c)
                if code:
                    rec.countries.add(code[0])
                    rec.regions |= set(code[1:])


def _country_codes(store: Store, countries: Iterable[str]) -> dict[str, tuple[str, ...]]:
    """ISO alpha-3 and the M49 codes of the region and sub-region of each country IRI."""
    out: dict[str, tuple[str, ...]] = {}
    listed = sorted(countries)
    for part in _chunks(listed):
        values = " ".join(f"<{c}>" for c in part)
        query = f"""SELECT ?c ?a3 ?r ?sr WHERE {{ VALUES ?c {{ {values} }} ?c lak:iso3166Alpha3 ?a3 .
          OPTIONAL {{ ?c lak:m49Region ?ri . ?ri skos:notation ?r }}
          OPTIONAL {{ ?c lak:m49SubRegion ?sri . ?sri skos:notation ?sr }} }}"""
        for c, a3, r, sr in _rows(store, query):
            codes = [str(_key(a3)).upper()] + [str(_key(t)) for t in (r, sr) if t is not None]
            out[_key(c) or ""] = tuple(dict.fromkeys(codes))
    return out


def _subclasses(store: Store) -> dict[str, set[str]]:
    """Each class of our namespace with its superclasses (transitively), from rdfs:subClassOf."""
    direct: dict[str, set[str]] = {}
    for c, d in _rows(store, f"SELECT ?c ?d WHERE {{ ?c rdfs:subClassOf ?d FILTER(STRSTARTS(STR(?c), \"{LAK}\")) }}"):
        if isinstance(c, ox.NamedNode) and isinstance(d, ox.NamedNode) and c != d:
            direct.setdefault(c.value, set()).add(d.value)
    closed: dict[str, set[str]] = {}
    for c in direct:
        seen: set[str] = set()
        todo = list(direct[c])
        while todo:
            d = todo.pop()
            if d not in seen and d != c:
                seen.add(d)
                todo.extend(direct.get(d, ()))
        closed[c] = seen
    return closed


def _most_specific(types: set[str], supers: dict[str, set[str]]) -> set[str]:
    """The types of an actor that no other of its types specialises (its kinds), among lak:Actor's."""
    actor = LAK + "Actor"
    kinds = {t for t in types if t == actor or actor in supers.get(t, set())}
    return {t for t in kinds if not any(t in supers.get(u, set()) for u in kinds if u != t)}


def read_submission_graphs(store: Store) -> dict[str, str]:
    """The current version graph of each visible submitted action: {action IRI: graph}."""
    query = """SELECT ?action ?graph WHERE { ?s lak:submittedAction ?action ; lak:currentGraph ?graph }"""
    from ..layout import SUBMISSIONS

    result = store.query(PREFIXES + query, default_graphs=[SUBMISSIONS], named_graphs=[])
    assert isinstance(result, ox.QuerySolutions)
    return {str(_key(s["action"])): str(_key(s["graph"])) for s in result}


# -- the vocabulary: labels of every facet value ---------------------------------------------------


_LABEL_KINDS = {"prefLabel": "pref", "label": "rdfs", "title": "rdfs", "shortName": "short"}


def _labels(store: Store, iris: Iterable[str]) -> dict[str, dict[str, Labels]]:
    """{iri: {"label": {lang: text}, "short": {lang: text}}} from prefLabel, rdfs:label, shortName."""
    out: dict[str, dict[str, Labels]] = {}
    listed = sorted(set(iris))
    wanted = set(listed)
    # many IRIs: one pass over every label is faster than VALUES lists (and is filtered here)
    names = ("http://www.w3.org/2004/02/skos/core#prefLabel", "http://www.w3.org/2000/01/rdf-schema#label",
             "http://purl.org/dc/terms/title", LAK + "shortName")
    parts: list[Sequence[str] | None] = [None] if len(listed) > _CHUNK else list(_chunks(listed))
    for part in parts:
        if part is None:  # one predicate at a time, every subject, filtered here
            rows: Iterable[list[object]] = (
                [x, ox.NamedNode(p), lit] for p in names
                for x, lit in _rows(store, f"SELECT ?x ?l WHERE {{ ?x <{p}> ?l FILTER(isIRI(?x)) }}"))
        else:
            values = "VALUES ?x { " + " ".join(f"<{i}>" for i in part) + " }"
            rows = _rows(store, f"""SELECT ?x ?p ?l WHERE {{ {values}
              VALUES ?p {{ skos:prefLabel rdfs:label dcterms:title lak:shortName }} ?x ?p ?l }}""")
        found: dict[str, dict[str, Labels]] = {}
        for x, p, lit in rows:
            if part is None and _key(x) not in wanted:
                continue
            which = _LABEL_KINDS[slug_of(_key(p) or "")]
            found.setdefault(_key(x) or "", {}).setdefault(which, {}).setdefault(_lang(lit), _key(lit) or "")
        for iri, kinds in found.items():
            label = dict(kinds.get("rdfs", {}))
            label.update(kinds.get("pref", {}))  # prefLabel wins in each language
            out[iri] = {"label": label, "short": kinds.get("short", {})}
    return out


def read_vocabulary(store: Store, records: Iterable[ActionRecord]) -> Vocabulary:
    """Labels of the values of every facet: framework concepts, countries and regions, actors, terms."""
    vocab = Vocabulary()
    recs = list(records)
    concepts: dict[str, tuple[str, str, str | None, str | None]] = {}
    classes = " ".join(f"<{c}>" for c in CONCEPT_FACETS)
    for k, t, notation, broader in _rows(store, f"""SELECT ?k ?t ?n ?b WHERE {{ VALUES ?t {{ {classes} }} ?k a ?t
          OPTIONAL {{ ?k skos:notation ?n }} OPTIONAL {{ ?k skos:broader ?b }} }}"""):
        if isinstance(k, ox.NamedNode):
            concepts[k.value] = (CONCEPT_FACETS[_key(t) or ""], slug_of(k.value), _key(notation), _key(broader))
    countries: dict[str, tuple[str, str | None, str | None, str | None]] = {}
    for c, a3, num, r, sr in _rows(store, """SELECT ?c ?a3 ?num ?r ?sr WHERE {
          ?c a lak:Country ; lak:iso3166Alpha3 ?a3 . OPTIONAL { ?c lak:iso3166Numeric ?num }
          OPTIONAL { ?c lak:m49Region ?r } OPTIONAL { ?c lak:m49SubRegion ?sr } }"""):
        countries[_key(c) or ""] = (str(_key(a3)).upper(), _key(num), _key(r), _key(sr))
    areas: dict[str, str] = {}
    for area, code in _rows(store, "SELECT ?m ?n WHERE { ?m a lak:M49Area ; skos:notation ?n }"):
        areas[_key(area) or ""] = _key(code) or ""
    actors = {a for rec in recs for a in rec.submitters if not a.startswith("_:")}
    funders = {k for rec in recs for f in rec.funding for k in f.funders}
    terms = [LAK + n for n in ("LocalAction", "Pledge", "Practice", "Planned", "Ongoing", "Completed", "Funded",
                               "Pipeline", "Stated", "Curated", "Inferred")]
    pops = {p for rec in recs for p in rec.populations}
    hierarchy = _subclasses(store)
    actor_classes = {c for c, sup in hierarchy.items() if LAK + "Actor" in sup} | {LAK + "Actor"}
    pop_iris = _population_iris(store, pops)
    funder_iris = [ID + "actor/" + f for f in funders] + [ID + "scheme/" + f for f in funders]
    docs = [ID + f"source/{n:03d}" for n in range(10)]
    labels = _labels(store, [*concepts, *countries, *areas, *actors, *terms, *pop_iris.values(), *actor_classes,
                             *funder_iris, *docs])

    def lab(iri: str) -> Labels:
        return labels.get(iri, {}).get("label", {})

    for iri, (facet, value, notation, broader) in concepts.items():
        parent = slug_of(broader) if broader and facet == "sdg_target" else None
        short = labels.get(iri, {}).get("short", {})
        vocab.add(facet, value, lab(iri), iri=iri, parent=parent, notation=notation or value,
                  short=short.get("en") or next(iter(short.values()), ""))
    for iri, (a3, num, region, sub) in countries.items():
        vocab.add("country", a3, lab(iri), iri=iri, numeric=(num or "").zfill(3) if num else "")
        for area, parent in ((region, None), (sub, region)):
            if area and area in areas:
                vocab.add("region", areas[area], lab(area), iri=area,
                          parent=areas.get(parent or "") or None, level="sub-region" if parent else "region")
    for iri in actors:
        vocab.add("submitter", slug_of(iri), lab(iri) or {"": slug_of(iri)}, iri=iri)
    for key in funders:
        for base in ("scheme/", "actor/"):
            if ID + base + key in labels:
                vocab.add("funder", key, lab(ID + base + key), iri=ID + base + key)
        if not vocab.knows("funder", key):
            vocab.add("funder", key, {"": key})
    for chapter, fund in _rows(store, "SELECT ?c ?f WHERE { ?c a lak:FundingSchemeChapter ; dcterms:isPartOf ?f }"):
        key = slug_of(_key(chapter) or "")
        if vocab.knows("funder", key):
            vocab.add("funder", key, parent=slug_of(_key(fund) or ""))
    for iri, kind in ACTION_CLASSES.items():
        vocab.add("kind", kind, lab(iri), iri=iri)
    for name in ("Planned", "Ongoing", "Completed"):
        vocab.add("status", kebab(name), lab(LAK + name), iri=LAK + name)
    for name in ("Funded", "Pipeline"):
        vocab.add("funding_status", kebab(name), lab(LAK + name), iri=LAK + name)
    for name in ("Stated", "Curated"):
        vocab.add("basis", kebab(name), lab(LAK + name), iri=LAK + name)
    inferred = lab(LAK + "Inferred")
    vocab.add("basis", "inferred-text", {k: f"{v} (text)" for k, v in inferred.items()}, iri=LAK + "Inferred")
    vocab.add("basis", "inferred-framework", {k: f"{v} (framework)" for k, v in inferred.items()},
              iri=LAK + "Inferred")
    for key, iri in pop_iris.items():
        vocab.add("population", key, lab(iri), iri=iri)
    for iri in actor_classes:  # every kind of actor the ontology defines, so that each can be chosen
        vocab.add("submitter_kind", kebab(slug_of(iri)), lab(iri), iri=iri)
    for doc in docs:
        if doc in labels:
            vocab.add("source", "source/" + slug_of(doc), lab(doc) or {"": slug_of(doc)}, iri=doc)
    for rec in recs:
        for src in rec.sources:
            if not vocab.knows("source", src):
                vocab.add("source", src, {"": src.replace("source/", "source document ")}, iri=ID + src)
    return vocab


def _population_iris(store: Store, keys: set[str]) -> dict[str, str]:
    out: dict[str, str] = {}
    for (p,) in _rows(store, "SELECT DISTINCT ?p WHERE { ?a lak:targetPopulation ?p }"):
        if isinstance(p, ox.NamedNode) and kebab(slug_of(p.value)) in keys:
            out[kebab(slug_of(p.value))] = p.value
    return out
