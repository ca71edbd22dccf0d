"""Measures of suggestion quality: leave one action out over the graph's links, and across languages."""

from __future__ import annotations

import csv
from collections.abc import Callable, Iterable, Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path

import numpy as np

from localaction_kg.config import default_reference_dir as reference_dir
from localaction_kg.textmodel.concepts import Catalogue, Scheme
from localaction_kg.textmodel.corpus import ActionText
from localaction_kg.textmodel.index import ConceptIndex, build_index
from localaction_kg.textmodel.scoring import prepare, score_scheme

#: candidate -> the scoring components it fuses (standard scores, summed, as scoring.py does)
CANDIDATES: dict[str, tuple[str, ...]] = {
    "bm25 concepts (baseline)": ("concept_bm25",),
    "embedding concepts": ("concept_embedding",),
    "hybrid concepts": ("concept_bm25", "concept_embedding"),
    "bm25 examples": ("example_bm25",),
    "embedding examples": ("example_embedding",),
    "lexical (default engine)": ("concept_bm25", "example_bm25"),
    "hybrid ([text] engine)": ("concept_bm25", "example_bm25", "concept_embedding", "example_embedding"),
}
LEXICAL_ONLY = ("bm25 concepts (baseline)", "bm25 examples", "lexical (default engine)")


@dataclass(frozen=True)
class Measures:
    n: int
    p3: float
    r5: float
    mrr: float


def measures(rankings: Sequence[Sequence[str]], golds: Sequence[frozenset[str]]) -> Measures:
    """precision@3, recall@5 and MRR (first relevant concept) over the queries with a gold set."""
    rows = [(r, g) for r, g in zip(rankings, golds, strict=True) if g]
    if not rows:
        return Measures(0, float("nan"), float("nan"), float("nan"))
    p3 = [len(set(r[:3]) & g) / 3 for r, g in rows]
    r5 = [len(set(r[:5]) & g) / len(g) for r, g in rows]
    rr = [next((1 / (i + 1) for i, c in enumerate(r) if c in g), 0.0) for r, g in rows]
    return Measures(len(rows), float(np.mean(p3)), float(np.mean(r5)), float(np.mean(rr)))


def per_query(ranking_: Sequence[str], gold: frozenset[str]) -> tuple[float, float]:
    """(recall@5, reciprocal rank) of one query."""
    rr = next((1 / (i + 1) for i, c in enumerate(ranking_) if c in gold), 0.0)
    return len(set(ranking_[:5]) & gold) / len(gold), rr


def paired_bootstrap(a: Sequence[float], b: Sequence[float], rounds: int = 4000) -> tuple[float, float, float]:
    """Mean of b - a and its 95 % interval, resampling the queries (seeded: the same every run)."""
    diff = np.asarray(b) - np.asarray(a)
    rng = np.random.default_rng(20261203)
    means = diff[rng.integers(0, len(diff), size=(rounds, len(diff)))].mean(axis=1)
    return float(diff.mean()), float(np.quantile(means, 0.025)), float(np.quantile(means, 0.975))


def _standard(v: np.ndarray) -> np.ndarray:
    s = float(v.std())
    return (v - v.mean()) / s if s > 1e-12 else np.zeros_like(v)


def ranking(components: Mapping[str, np.ndarray], names: Iterable[str], iris: Sequence[str]) -> list[str]:
    fused = np.sum([_standard(components[n]) for n in names], axis=0)
    return [iris[j] for j in np.argsort(-fused, kind="stable")]


#: gold subsets: name -> (scheme, bases, which actions)
SUBSETS: dict[str, tuple[Scheme, tuple[str, ...], Callable[[ActionText], bool]]] = {
    "GCM objectives, all links (stated + curated)": ("gcm_objectives", ("stated", "curated"), lambda a: True),
    "GCM objectives, stated by the sources only": ("gcm_objectives", ("stated",), lambda a: True),
    "  of which C40–MMC (002)": ("gcm_objectives", ("stated",), lambda a: "c40-mmc" in a.iri),
    "  of which the 2019 pilot pledges (003)": ("gcm_objectives", ("stated",), lambda a: a.kind == "Pledge"),
    "  of which the annex practices (004)": ("gcm_objectives", ("stated",), lambda a: a.kind == "Practice"),
    "Call themes (curated links only; no source states one)": ("call_themes", ("curated",), lambda a: True),
}


#: pairs compared query by query (GCM objectives, all links): (reference, candidate)
PAIRS = (("bm25 concepts (baseline)", "lexical (default engine)"),
         ("lexical (default engine)", "hybrid ([text] engine)"))


def leave_one_out(index: ConceptIndex, actions: Sequence[ActionText], candidates: Iterable[str],
                  pairs: dict[str, tuple[float, ...]] | None = None) -> dict[str, dict[str, Measures]]:
    """Each action's own text scored with its own links left out of the examples (and those of its
    pledge twin: a 2022 action that continues a 2019 pledge restates it); ``pairs`` receives
    the paired bootstrap of :data:`PAIRS` (difference of recall@5 and of MRR, with 95 % intervals)."""
    components: dict[Scheme, list[dict[str, np.ndarray]]] = {"gcm_objectives": [], "call_themes": []}
    for action in actions:
        query = prepare(index, action.title, action.description, "en")
        for scheme in components:
            components[scheme].append(score_scheme(index.schemes[scheme], query, exclude=action.kin()).components)
    out: dict[str, dict[str, Measures]] = {}
    for subset, (scheme, bases, keep) in SUBSETS.items():
        iris = [c.iri for c in index.schemes[scheme].concepts]
        chosen = [i for i, a in enumerate(actions) if keep(a)]
        golds = [actions[i].relevant(scheme, bases) for i in chosen]  # type: ignore[arg-type]
        out[subset] = {name: measures([ranking(components[scheme][i], CANDIDATES[name], iris) for i in chosen],
                                      golds) for name in candidates}
    if pairs is not None:
        iris = [c.iri for c in index.schemes["gcm_objectives"].concepts]
        golds = [a.relevant("gcm_objectives") for a in actions]
        names = set(candidates)
        for ref, cand in PAIRS:
            if ref in names and cand in names:
                values = {n: [per_query(ranking(components["gcm_objectives"][i], CANDIDATES[n], iris), g)
                              for i, g in enumerate(golds)] for n in (ref, cand)}
                pairs[f"{cand} − {ref}"] = (
                    *paired_bootstrap([v[0] for v in values[ref]], [v[0] for v in values[cand]]),
                    *paired_bootstrap([v[1] for v in values[ref]], [v[1] for v in values[cand]]))
    return out


def un_titles() -> dict[str, list[tuple[str, str]]]:
    """language -> [(objective notation, the UN's title)] for en (control), fr and es; blanks left out."""
    path = Path(reference_dir()) / "gcm" / "gcm_objectives_fr_es.csv"
    with path.open(encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    with (Path(reference_dir()) / "gcm" / "gcm_objectives.csv").open(encoding="utf-8") as f:
        english = {r["objective"]: r["title"] for r in csv.DictReader(f)}
    return {"en": [(n, t) for n, t in english.items() if t],
            "fr": [(r["objective"], r["title_fr"]) for r in rows if r["title_fr"]],
            "es": [(r["objective"], r["title_es"]) for r in rows if r["title_es"]]}


def across_languages(catalogue: Catalogue, encoder: object | None,
                     candidates: Iterable[str]) -> dict[str, dict[str, Measures]]:
    """The UN's GCM objective titles as queries, against an index of the English lettered actions only.

    No title is in the index (in any language) and nothing is translated. ``naive``: French or Spanish
    stemmed as if English; the engines' lexical path uses the cross-lingual keys instead.
    """
    index = build_index(catalogue.restricted(["gcm_action"]), [], encoder)  # type: ignore[arg-type]
    scheme = index.schemes["gcm_objectives"]
    iris = [c.iri for c in scheme.concepts]
    by_notation = {c.notation: c.iri for c in scheme.concepts}
    out: dict[str, dict[str, Measures]] = {}
    for language, titles in un_titles().items():
        golds = [frozenset({by_notation[n]}) for n, _ in titles]
        per: dict[str, Measures] = {}
        comps = [score_scheme(scheme, prepare(index, "", t, language)).components for _, t in titles]
        for name in candidates:
            names = [c for c in CANDIDATES[name] if not c.startswith("example")]
            if len(names) == len(CANDIDATES[name]):
                per[name] = measures([ranking(c, names, iris) for c in comps], golds)
        if language != "en":
            naive = [score_scheme(scheme, prepare(index, "", t, "en")).components for _, t in titles]
            per["bm25 concepts, stemmed as English (naive)"] = measures(
                [ranking(c, ("concept_bm25",), iris) for c in naive], golds)
        out[language] = per
    return out
