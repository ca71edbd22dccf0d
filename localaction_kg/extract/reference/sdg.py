"""SDG goals, targets and indicators (current framework) with verified UN IRIs.

Decisions (see SOURCES.md section 2 and the ``kos_match_2019`` column of sdg_indicators.csv):

- Goals and targets: the UN IRI from the CSV, used only when ``kos_iri_present`` is True.
- A unique indicator takes the 2019 UN KOS IRI of its reference listing only when that
  listing's ``kos_match_2019`` is ``code+label``, ``code+similar_label(...)`` or ``label_only(...)``.
  ``code_only(...)`` (text substantially changed: the IRI may denote the old indicator) and
  ``none`` (2020 additions) get our IRI ``id/sdg/indicator/{notation}``
  (``lak:LocallyMintedIRI``); a ``code_only`` UN IRI is linked with ``skos:relatedMatch`` only.
- Repeated indicators: one node, one ``skos:notation`` per listing, ``skos:broader`` each target.
- Titles: Open SDG English (``skos:prefLabel@en``). French/Spanish prefLabels from the 2019 UN KOS
  where its English text equals the current one; for minor revisions the KOS labels are kept as
  ``skos:altLabel`` (2019 wording); where the KOS has two different labels in one language, none is kept.
- Legacy listings: the three indicators deleted in 2020 (1.a.3, 11.c.1, 13.3.2) are included with
  ``owl:deprecated true`` and no ``sdgo:hasIndicator``; 17.6.2 is not a separate indicator (its
  text is now 17.6.1, same UN IRI): a ``skos:historyNote`` on 17.6.1 records it.
"""

from __future__ import annotations

from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

import yaml
from rdflib import Graph, Literal, URIRef

from ...namespaces import LAK, OWL, PROV, RDF, SDGO, SKOS
from ..errors import ExtractError
from ..iris import id_iri
from ..turtle import new_graph
from .concepts import SDG_SCHEME, add_concept, add_scheme, en, read_csv, ref_file

__all__ = ["ACCEPTED_MATCHES", "EXACT_MATCHES", "SdgIndex", "build_sdg"]

ACCEPTED_MATCHES = ("code+label", "code+similar_label", "label_only")
EXACT_MATCHES = ("code+label", "label_only")


@dataclass
class SdgIndex:
    """Notation -> node IRI for every goal, target and indicator listing (current and legacy)."""

    nodes: dict[str, URIRef] = field(default_factory=dict)

    def resolve(self, code: str) -> URIRef:
        """The node for a notation such as ``10``, ``10.c`` or ``10.7.3``."""
        try:
            return self.nodes[code]
        except KeyError:
            raise ExtractError(f"SDG code {code!r} is not a goal, target or indicator notation") from None


class _Titles(dict[str, str]):
    """Open SDG titles; a missing key is a clear error naming the file."""

    def __init__(self, path: Path) -> None:
        if not path.is_file():
            raise ExtractError(f"{path}: file not found")
        try:
            data = yaml.safe_load(path.read_text(encoding="utf-8"))
        except yaml.YAMLError as exc:
            raise ExtractError(f"{path}: not valid YAML: {exc}") from None
        super().__init__({str(k): str(v) for k, v in data.items()})
        self.path = path

    def __missing__(self, key: str) -> str:
        raise ExtractError(f"{self.path}: no title {key!r}")


def _yaml(path: Path) -> dict[str, str]:
    return _Titles(path)


def _kos_labels(kos: Graph, iri: URIRef) -> dict[str, set[str]]:
    out: dict[str, set[str]] = defaultdict(set)
    for o in kos.objects(iri, SKOS.prefLabel):
        if isinstance(o, Literal) and o.language:
            out[o.language].add(" ".join(str(o).split()))
    return out


def _add_kos_labels(g: Graph, node: URIRef, kos: Graph, iri: URIRef, as_alt: bool) -> None:
    """fr/es (and, for alt labels, en) labels of the 2019 KOS; conflicts are noted, not kept."""
    for lang, values in sorted(_kos_labels(kos, iri).items()):
        if lang == "en" and not as_alt:
            continue
        if len(values) > 1:
            g.add(
                (
                    node,
                    LAK.verificationNote,
                    en(f"The 2019 UN SDG KOS has {len(values)} different @{lang} labels for this IRI; none is kept."),
                )
            )
            continue
        g.add((node, SKOS.altLabel if as_alt else SKOS.prefLabel, Literal(next(iter(values)), lang=lang)))


def build_sdg(ref: Path) -> tuple[Graph, SdgIndex]:
    """The SDG graph and the notation index used by the crosswalks."""
    d = ref / "sdg"
    goals = read_csv(d / "sdg_goals.csv", ["goal", "iri", "kos_iri_present"])
    targets = read_csv(d / "sdg_targets.csv", ["target", "goal", "iri", "kos_iri_present"])
    rows = read_csv(
        d / "sdg_indicators.csv",
        [
            "indicator",
            "target",
            "status",
            "status_note",
            "unique_indicator_ref",
            "kos_iri_2019",
            "kos_match_2019",
        ],
    )
    goal_titles = _yaml(d / "open-sdg_en_global_goals.yml")
    target_titles = _yaml(d / "open-sdg_en_global_targets.yml")
    ind_titles = _yaml(d / "open-sdg_en_global_indicators.yml")
    kos = Graph().parse(d / "sdg-kos-goals-targets-indicators.ttl", format="turtle")
    kos_label = kos.value(SDG_SCHEME, SKOS.prefLabel) or "Sustainable Development Goals"

    g = new_graph()
    idx = SdgIndex()
    derived = [
        ref_file("sdg-goals-csv"),
        ref_file("sdg-targets-csv"),
        ref_file("sdg-indicators-csv"),
        ref_file("open-sdg-titles"),
        ref_file("sdg-kos"),
    ]

    def un_concept(r: dict[str, str], where: str, cls: URIRef, notation: str, title: str, src: URIRef) -> URIRef:
        """A goal or target under its UN IRI, which the row must say is verified."""
        if r["kos_iri_present"] != "True":
            raise ExtractError(f"{where}: UN IRI not verified (kos_iri_present={r['kos_iri_present']})")
        node = URIRef(r["iri"])
        add_concept(g, node, cls, notation, title, scheme=SDG_SCHEME)
        g.add((node, LAK.textBasis, LAK.UNText))
        g.add((node, PROV.wasDerivedFrom, src))
        g.add((node, PROV.wasDerivedFrom, ref_file("open-sdg-titles")))
        g.add((node, LAK.iriAuthority, LAK.UNIssuedIRI))
        _add_kos_labels(g, node, kos, node, as_alt=False)
        idx.nodes[notation] = node
        return node

    goal_nodes = []
    for r in goals:
        n = r["goal"]
        node = un_concept(r, f"sdg_goals.csv goal {n}", SDGO.Goal, n, goal_titles[f"{n}-title"], derived[0])
        g.add((node, LAK.shortName, en(goal_titles[f"{n}-short"])))
        goal_nodes.append(node)
    add_scheme(g, SDG_SCHEME, str(kos_label), goal_nodes)
    g.add((SDG_SCHEME, LAK.iriAuthority, LAK.UNIssuedIRI))
    for src in derived:
        g.add((SDG_SCHEME, PROV.wasDerivedFrom, src))

    for r in targets:
        code = r["target"]
        title = target_titles[f"{code.replace('.', '-')}-title"]
        node = un_concept(r, f"sdg_targets.csv target {code}", SDGO.Target, code, title, derived[1])
        goal = idx.resolve(r["goal"])
        g.add((node, SKOS.broader, goal))
        g.add((goal, SDGO.hasTarget, node))

    _indicators(g, idx, rows, ind_titles, kos, derived[2])
    return g, idx


def _indicators(
    g: Graph, idx: SdgIndex, rows: list[dict[str, str]], titles: dict[str, str], kos: Graph, src: URIRef
) -> None:
    groups: dict[str, list[dict[str, str]]] = defaultdict(list)
    legacy = []
    for r in rows:
        if r["status"] == "current":
            groups[r["unique_indicator_ref"]].append(r)
        else:
            legacy.append(r)
    by_code = {r["indicator"]: r for r in rows}

    def title(code: str) -> str:
        return titles[f"{code.replace('.', '-')}-title"]

    for ref_code, listings in sorted(groups.items()):
        head = by_code[ref_code]
        match = head["kos_match_2019"]
        if head["kos_iri_2019"] and match.startswith(ACCEPTED_MATCHES):
            node = URIRef(head["kos_iri_2019"])
            g.add((node, LAK.iriAuthority, LAK.UNIssuedIRI))
            _add_kos_labels(g, node, kos, node, as_alt=not match.startswith(EXACT_MATCHES))
            if not match.startswith(EXACT_MATCHES):
                g.add(
                    (
                        node,
                        LAK.verificationNote,
                        en(
                            "UN IRI from the 2019 UN SDG KOS, whose text differs slightly "
                            "from the current title "
                            f"({match}); the altLabels are the 2019 KOS wording."
                        ),
                    )
                )
        else:
            node = id_iri("sdg", "indicator", ref_code)
            g.add((node, LAK.iriAuthority, LAK.LocallyMintedIRI))
            g.add(
                (
                    node,
                    LAK.verificationNote,
                    en(
                        "No verified UN IRI: "
                        + (
                            "not in the 2019 UN SDG KOS (added in the 2020 review or later)"
                            if not head["kos_iri_2019"]
                            else f"the 2019 UN SDG KOS IRI may denote the earlier indicator ({match})"
                        )
                    ),
                )
            )
        g.add((node, RDF.type, SDGO.Indicator))
        g.add((node, RDF.type, SKOS.Concept))
        g.add((node, SKOS.inScheme, SDG_SCHEME))
        g.add((node, SKOS.prefLabel, en(title(ref_code))))
        g.add((node, LAK.textBasis, LAK.UNText))
        g.add((node, PROV.wasDerivedFrom, src))
        g.add((node, PROV.wasDerivedFrom, id_iri("reference-file", "open-sdg-titles")))
        for r in sorted(listings, key=lambda x: x["indicator"]):
            code = r["indicator"]
            target = idx.resolve(r["target"])
            g.add((node, SKOS.notation, Literal(code)))
            g.add((node, SKOS.broader, target))
            g.add((target, SDGO.hasIndicator, node))
            idx.nodes[code] = node
            if " ".join(title(code).split()) != " ".join(title(ref_code).split()):
                g.add((node, SKOS.altLabel, en(title(code))))
                g.add(
                    (
                        node,
                        LAK.verificationNote,
                        en(
                            f"Listed as {code} with slightly different wording (altLabel); "
                            "grouped as one indicator "
                            f"in sdg_indicators.csv (compiled)."
                        ),
                    )
                )
            other = r["kos_iri_2019"]
            if other and URIRef(other) != node:
                rel = SKOS.closeMatch if r["kos_match_2019"].startswith(ACCEPTED_MATCHES) else SKOS.relatedMatch
                g.add((node, rel, URIRef(other)))
                g.add((URIRef(other), LAK.iriAuthority, LAK.UNIssuedIRI))
                g.add(
                    (
                        URIRef(other),
                        LAK.verificationNote,
                        en(f"2019 UN SDG KOS IRI for indicator {code}; kos_match_2019 = {r['kos_match_2019']}"),
                    )
                )

    for r in legacy:
        code = r["indicator"]
        node = URIRef(r["kos_iri_2019"]) if r["kos_iri_2019"] else id_iri("sdg", "indicator", code)
        if node in idx.nodes.values():
            # 17.6.2: same UN IRI as the current 17.6.1 (renumbered), not a separate indicator
            g.add((node, SKOS.historyNote, en(f"Former notation {code}: {r['status_note']}.")))
            continue
        if not r["kos_match_2019"].startswith(EXACT_MATCHES):
            raise ExtractError(f"sdg_indicators.csv legacy {code}: UN IRI not verified")
        target = idx.resolve(r["target"])
        add_concept(g, node, SDGO.Indicator, code, title(code), scheme=SDG_SCHEME)
        g.add((node, SKOS.broader, target))
        g.add((node, OWL.deprecated, Literal(True)))
        g.add((node, SKOS.historyNote, en(r["status_note"])))
        g.add((node, LAK.textBasis, LAK.UNText))
        g.add((node, LAK.iriAuthority, LAK.UNIssuedIRI))
        g.add((node, PROV.wasDerivedFrom, src))
        _add_kos_labels(g, node, kos, node, as_alt=False)
        idx.nodes[code] = node
