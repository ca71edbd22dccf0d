"""A seeded generator of synthetic graphs shaped like LocalAction KG, streamed to gzipped N-Quads.

    python -m bench.generator --triples 1000000 --out bench/data/synthetic-1M.nq.gz

The real ontology and reference data (ontology/*.ttl, data/reference/*.ttl, the Call themes,
the funding schemes) are copied in, and the synthetic part points at their real IRIs: LRGs
in real countries, actions with 1-4 GCM objectives, Call themes, inferred SDG targets along
the real GCM->SDG crosswalk, 0-2 funders through real funding schemes with a status,
descriptions of realistic length, durations; events (some sessions of the real IMRF 2022)
with participants. Every synthetic node is named ``bench-...`` and labelled "Synthetic ...":
nothing here is a fact about a real government or action. The file is written line by line:
10M triples never sit in memory.
"""

from __future__ import annotations

import argparse
import gzip
import random
from collections.abc import Iterator
from pathlib import Path

import pyoxigraph as ox

from localaction_kg import layout
from localaction_kg.config import PROJECT_ROOT

__all__ = ["generate", "ReferencePool"]

B = "https://w3id.org/localaction-kg/"
LAK = B + "ontology#"
RDF_TYPE = "<http://www.w3.org/1999/02/22-rdf-syntax-ns#type>"
XSD = "http://www.w3.org/2001/XMLSchema#"
DCT = "http://purl.org/dc/terms/"
SKOS = "http://www.w3.org/2004/02/skos/core#"
SCHEMA = "https://schema.org/"
PROV = "http://www.w3.org/ns/prov#"
IMRF = B + "id/event/imrf-2022"

_WORDS = (
    "migrants refugees city municipal council inclusion services housing health education labour market "
    "integration language training community partners civil society climate resilience urban planning "
    "access justice documentation registration displacement return reintegration youth women children "
    "social protection livelihoods entrepreneurship data evidence dialogue cohesion xenophobia awareness "
    "campaign centre support network coordination capacity local government regional national strategy "
    "programme pilot scale digital platform information one-stop shop outreach mental psychosocial care"
).split()


class ReferencePool:
    """The real ontology and reference quads, and the IRIs the synthetic data points at."""

    def __init__(self, root: Path = PROJECT_ROOT) -> None:
        self.store = ox.Store()
        files = [(f, layout.ONTOLOGY) for f in sorted((root / "ontology").glob("*.ttl"))]
        files += [(f, layout.REFERENCE) for f in sorted((root / "data" / "reference").glob("*.ttl"))]
        files += [(root / "data/sources/002/themes.ttl", layout.SOURCE_GRAPHS["002"])]
        files += [(root / "data/sources/002/funding.ttl", layout.SOURCE_GRAPHS["002"])]
        files += [(root / "data/sources/000/press-release.ttl", layout.SOURCE_GRAPHS["000"])]
        for f, g in files:
            if f.is_file():
                self.store.load(path=str(f), to_graph=ox.NamedNode(g))
        self.gcm = self._of(LAK + "GCMObjective")
        self.themes = self._of(LAK + "CallTheme")
        self.grf = self._of(LAK + "GRFAreaOfFocus")
        self.countries = self._of(LAK + "Country")
        self.populations = self._of(LAK + "Population")
        self.schemes = self._of(LAK + "FundingScheme") + self._of(LAK + "FundingSchemeChapter")
        roles = self._of(LAK + "ParticipationRole")
        self.roles = roles or [LAK + "Speaker"]
        self.crosswalk: dict[str, list[str]] = {}
        for r in self._q(f"SELECT ?a ?b WHERE {{ ?a <{LAK}crosswalksTo> ?b }}"):
            self.crosswalk.setdefault(r[0], []).append(r[1])
        if not (self.gcm and self.themes and self.countries):
            raise SystemExit("bench: the reference data (ontology/, data/reference/) is missing or empty")

    def _q(self, sparql: str) -> list[list[str]]:
        out = []
        for s in self.store.query(sparql, use_default_graph_as_union=True):
            out.append([t.value for t in s])
        return out

    def _of(self, cls: str) -> list[str]:
        return sorted(r[0] for r in self._q(f"SELECT DISTINCT ?x WHERE {{ ?x a <{cls}> }}"))

    def quads(self) -> Iterator[str]:
        for q in self.store:
            yield f"{q.subject} {q.predicate} {q.object} {q.graph_name} .\n"


def _lit(value: str, lang: str | None = None, dt: str | None = None) -> str:
    s = str(
        ox.Literal(value, language=lang)
        if lang
        else ox.Literal(value, datatype=ox.NamedNode(dt or XSD + "string"))
    )
    return s


def _text(rng: random.Random, lo: int, hi: int) -> str:
    words = rng.choices(_WORDS, k=rng.randint(lo, hi))
    sentences, out = [], []
    for i, w in enumerate(words):
        out.append(w)
        if i % rng.randint(10, 18) == 9:
            sentences.append(" ".join(out).capitalize() + ".")
            out = []
    if out:
        sentences.append(" ".join(out).capitalize() + ".")
    return " ".join(sentences)


def _action(rng: random.Random, pool: ReferencePool, i: int, lrg: str, funders: list[str]) -> Iterator[tuple]:
    """(subject, predicate, object, graph) strings for one action and its qualified nodes."""
    a = f"<{B}id/action/bench-{i:07d}>"
    src = layout.SOURCE_GRAPHS[f"{i % 5:03d}"]
    cur, inf = layout.CURATED, layout.INFERRED
    sec = f"<{B}id/source/{i % 5:03d}/bench-section-{i // 50}>"
    yield a, RDF_TYPE, f"<{LAK}LocalAction>", src
    yield a, RDF_TYPE, f"<{LAK}Action>", src
    yield a, f"<{DCT}title>", _lit(f"Synthetic action {i}: " + _text(rng, 4, 10).rstrip("."), "en"), src
    yield a, f"<{DCT}description>", _lit(_text(rng, 60, 220), "en"), src
    yield a, f"<{LAK}submittedBy>", lrg, src
    yield a, f"<{PROV}wasDerivedFrom>", sec, src
    start = rng.randint(2015, 2024)
    yield a, f"<{LAK}startDate>", _lit(f"{start}-01-01", dt=XSD + "date"), src
    yield a, f"<{LAK}startPrecision>", f"<{LAK}YearPrecision>", src
    if rng.random() < 0.6:
        end = start + rng.randint(0, 4)
        yield a, f"<{LAK}endDate>", _lit(f"{end}-12-31", dt=XSD + "date"), src
        yield a, f"<{LAK}durationAsStated>", _lit(f"{start}-{end}"), src
    else:
        yield a, f"<{LAK}isOngoing>", _lit("true", dt=XSD + "boolean"), src
        yield a, f"<{LAK}durationAsStated>", _lit(f"{start} - ongoing"), src
    status = rng.choice(("Planned", "Ongoing", "Completed"))
    yield a, f"<{LAK}status>", f"<{LAK}{status}>", src
    for pop in rng.sample(pool.populations, k=min(len(pool.populations), rng.randint(1, 2))):
        yield a, f"<{LAK}targetPopulation>", f"<{pop}>", src
    concepts = [(o, "Stated", src) for o in rng.sample(pool.gcm, k=rng.randint(1, 4))]
    concepts += [(t, "Curated", cur) for t in rng.sample(pool.themes, k=rng.randint(1, 2))]
    if pool.grf and rng.random() < 0.5:
        concepts.append((rng.choice(pool.grf), "Inferred", inf))
    for concept, basis, g in list(concepts):
        for sdg in pool.crosswalk.get(concept, [])[:2]:
            concepts.append((sdg, "Inferred", inf))
    for n, (concept, basis, g) in enumerate(concepts):
        c = f"<{B}id/contribution/bench-{i:07d}/{n}>"
        yield a, f"<{LAK}qualifiedContribution>", c, g
        yield a, f"<{LAK}contributesTo>", f"<{concept}>", g
        yield c, RDF_TYPE, f"<{LAK}Contribution>", g
        yield c, f"<{LAK}concept>", f"<{concept}>", g
        yield c, f"<{LAK}basis>", f"<{LAK}{basis}>", g
        if basis == "Curated":
            yield c, f"<{LAK}rationale>", _lit("Synthetic rationale: " + _text(rng, 8, 20), "en"), g
        elif basis == "Inferred":
            yield c, f"<{LAK}path>", _lit(f"action -[stated]-> {concept.rsplit('/', 3)[-1]}"), g
            yield c, f"<{LAK}pathBasis>", f"<{LAK}Stated>", g
        else:
            yield c, f"<{PROV}wasDerivedFrom>", sec, g
    for n in range(rng.choice((0, 0, 1, 1, 2))):
        f = f"<{B}id/funding/bench-{i:07d}/{n}>"
        yield f, RDF_TYPE, f"<{LAK}Funding>", src
        yield f, f"<{LAK}fundedAction>", a, src
        yield f, f"<{LAK}funder>", rng.choice(funders), src
        if pool.schemes:
            yield f, f"<{LAK}viaScheme>", f"<{rng.choice(pool.schemes)}>", src
        yield f, f"<{LAK}fundingStatus>", f"<{LAK}{rng.choice(('Funded', 'Pipeline'))}>", src
        yield f, f"<{LAK}asWritten>", _lit("Synthetic: supported by " + _text(rng, 3, 8)), src
        if rng.random() < 0.3:
            m = f"<{B}id/funding/bench-{i:07d}/{n}/amount>"
            yield f, f"<{SCHEMA}amount>", m, src
            yield m, f"<{SCHEMA}value>", _lit(str(rng.randint(10, 500) * 1000), dt=XSD + "decimal"), src
            yield m, f"<{SCHEMA}currency>", _lit("USD"), src


def _lrg(rng: random.Random, pool: ReferencePool, n: int) -> Iterator[tuple]:
    x = f"<{B}id/actor/bench-city-{n:06d}>"
    g = layout.SOURCE_GRAPHS["002"]
    yield x, RDF_TYPE, f"<{LAK}City>", g
    yield x, RDF_TYPE, f"<{LAK}LocalRegionalGovernment>", g
    yield x, f"<{SKOS}prefLabel>", _lit(f"Synthetic city {n}", "en"), g
    yield x, f"<{LAK}country>", f"<{rng.choice(pool.countries)}>", g


def _event(rng: random.Random, pool: ReferencePool, n: int, lrgs: int) -> Iterator[tuple]:
    g = layout.SOURCE_GRAPHS["001"]
    e = f"<{B}id/event/bench-session-{n:06d}>"
    yield e, RDF_TYPE, f"<{LAK}Session>", g
    yield e, f"<{SKOS}prefLabel>", _lit(f"Synthetic session {n}", "en"), g
    parent = f"<{IMRF}>" if n % 10 == 0 else f"<{B}id/event/bench-forum-{n // 10:05d}>"
    yield e, f"<{SCHEMA}superEvent>", parent, g
    yield e, f"<{SCHEMA}startDate>", _lit(f"{2015 + n % 10}-05-1{n % 9}", dt=XSD + "date"), g
    for k in range(rng.randint(2, 8)):
        who = rng.randrange(lrgs)
        p = f"<{B}id/participation/bench-session-{n:06d}/{k}>"
        yield p, RDF_TYPE, f"<{LAK}Participation>", g
        yield p, f"<{LAK}participant>", f"<{B}id/actor/bench-city-{who:06d}>", g
        yield p, f"<{LAK}inEvent>", e, g
        yield p, f"<{LAK}role>", f"<{rng.choice(pool.roles)}>", g


def generate(triples: int, out: Path, seed: int = 42, pool: ReferencePool | None = None) -> int:
    """Write about ``triples`` quads (at least) to ``out`` (.nq.gz); return the exact count."""
    pool = pool or ReferencePool()
    rng = random.Random(seed)
    out.parent.mkdir(parents=True, exist_ok=True)
    tmp = out.with_suffix(".part")
    n = 0
    with gzip.open(tmp, "wt", encoding="utf-8", compresslevel=3) as f:
        for line in pool.quads():
            f.write(line)
            n += 1
        per_action = 62  # measured average; sizes the LRG and event populations up front
        actions = max(1, (triples - n) // per_action)
        lrgs = max(10, actions // 3)
        funders = [f"<{B}id/actor/bench-funder-{k:04d}>" for k in range(max(5, actions // 500))]
        for k, fnd in enumerate(funders):
            f.write(f"{fnd} {RDF_TYPE} <{LAK}Foundation> <{layout.SOURCE_GRAPHS['002']}> .\n")
            label = _lit(f"Synthetic funder {k}", "en")
            f.write(f"{fnd} <{SKOS}prefLabel> {label} <{layout.SOURCE_GRAPHS['002']}> .\n")
            n += 2
        for k in range(lrgs):
            for s, p, o, g in _lrg(rng, pool, k):
                f.write(f"{s} {p} {o} <{g}> .\n")
                n += 1
        i = 0
        while n < triples:
            for s, p, o, g in _action(
                rng, pool, i, f"<{B}id/actor/bench-city-{rng.randrange(lrgs):06d}>", funders
            ):
                f.write(f"{s} {p} {o} <{g}> .\n")
                n += 1
            if i % 40 == 0:
                for s, p, o, g in _event(rng, pool, i // 40, lrgs):
                    f.write(f"{s} {p} {o} <{g}> .\n")
                    n += 1
            i += 1
    tmp.replace(out)
    return n


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    ap.add_argument("--triples", type=int, required=True)
    ap.add_argument("--out", type=Path, required=True)
    ap.add_argument("--seed", type=int, default=42)
    args = ap.parse_args(argv)
    n = generate(args.triples, args.out, args.seed)
    print(f"wrote {n:,} quads to {args.out}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
