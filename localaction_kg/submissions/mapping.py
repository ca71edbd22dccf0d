"""The plain JSON form and the CSV row format, mapped to the same RDF as Turtle submissions.

Fields (JSON: lists as arrays; CSV: list cells separated by ``;``):

========================  ===========================================================
``id``                    optional action slug (default: from the title)
``title``, ``description`` text, in ``language`` (BCP 47 tag, default ``en``)
``submitter``             the submitting local/regional government: its IRI, its slug, or
                          its name in the graph ("Accra", linked at intake: :mod:`.linking`)
``submitter_name``,       for a submitter not yet in the graph: its name, its kind
``submitter_kind``,       (City, Municipality, District, Province, Region,
``submitter_country``     MetropolitanGovernment) and ISO 3166-1 alpha-3 country code; a
                          ``submitter_name`` alone is a name to link, as ``submitter``
``call_themes``           Call theme slugs or IRIs
``gcm_objectives``        GCM objective numbers (1-23)
``gcm_principles``        GCM guiding principle letters (a-j)
``gcr_objectives``        GCR objective numbers (1-4)
``grf_areas``             GRF area-of-focus slugs or IRIs
``sdg_goals``,            SDG notations: ``10``, ``10.7``, ``10.7.2``
``sdg_targets``,
``sdg_indicators``
``start``, ``end``        ``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` (precision kept)
``ongoing``               true/false
``status``                planned, ongoing or completed
``duration_as_stated``    the duration in the submitter's words
``partners``              names or IRIs (a name of an actor in the graph is linked to it)
``funders``               JSON: objects ``{funder, scheme, status, amount, currency}``;
                          CSV: columns ``funder``, ``funding_scheme``, ``funding_status``,
                          ``amount``, ``currency``. ``funder``: an actor's IRI or name, or a
                          fund's (a funding scheme or chapter of the graph, which becomes the
                          funding's ``lak:viaScheme``); ``scheme``: a scheme's IRI, slug or name
``contact_name``,         kept in the private graph, never public
``contact_email``
``accepted_suggestions``  JSON and form: the suggestions (``POST /submissions/suggest``) the
                          submitter accepted, ``{concept, score, run}`` each, ``run`` the
                          answer's run object unchanged. Each concept becomes a stated
                          contribution ``prov:wasInfluencedBy`` the suggestion run
                          (``id/suggestion-run/{run.id}``: engine, model and its version,
                          index), with ``lak:suggestionScore``
========================  ===========================================================

Values are mapped as they are; the shapes then say what is wrong with them, so a form
and a Turtle file get the same messages.
"""

from __future__ import annotations

import calendar
import re
import unicodedata
from collections.abc import Callable
from typing import Any

import pyoxigraph as ox
from rdflib import BNode, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, PROV, RDF, SKOS, XSD

from ..namespaces import DEFAULT_BASE, LAK, SCHEMA, SDG
from .errors import IntakeError
from .provenance import contribution_iri

__all__ = ["FIELDS", "LIST_FIELDS", "map_form", "slugify", "sdg_indicator_iri"]

ID = DEFAULT_BASE + "id/"
LIST_FIELDS = (
    "call_themes",
    "gcm_objectives",
    "gcm_principles",
    "gcr_objectives",
    "grf_areas",
    "sdg_goals",
    "sdg_targets",
    "sdg_indicators",
    "partners",
)
FIELDS = (
    "id",
    "title",
    "description",
    "language",
    "submitter",
    "submitter_name",
    "submitter_kind",
    "submitter_country",
    *LIST_FIELDS,
    "start",
    "end",
    "ongoing",
    "status",
    "duration_as_stated",
    "funders",
    "funder",
    "funding_scheme",
    "funding_status",
    "amount",
    "currency",
    "contact_name",
    "contact_email",
    "accepted_suggestions",
)
_CONTACT = ("contact_name", "contact_email")

Resolver = Callable[[str], str | None]


def slugify(text: str) -> str:
    """Lowercase ASCII words joined by ``-``.

    >>> slugify("Vivre ensemble à Montréal!")
    'vivre-ensemble-a-montreal'
    """
    ascii_text = unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", ascii_text.lower()).strip("-")[:80].strip("-")


def sdg_indicator_iri(notation: str) -> str:
    """The UN KOS IRI pattern for an indicator notation.

    >>> sdg_indicator_iri("10.7.2"), sdg_indicator_iri("1.a.1")
    ('http://metadata.un.org/sdg/C100702', 'http://metadata.un.org/sdg/C010a01')
    """
    m = re.fullmatch(r"(\d{1,2})\.(\d{1,2}|[a-z])\.(\d{1,2})", notation.strip())
    if not m:
        return ID + "sdg/indicator/" + (slugify(notation) or "unknown")
    goal, target, ind = m.groups()
    return f"{SDG}C{int(goal):02d}{target.zfill(2)}{int(ind):02d}"


def _items(value: Any, from_csv: bool) -> list[str]:
    if value is None:
        return []
    if isinstance(value, list):
        return [str(v).strip() for v in value if str(v).strip()]
    if from_csv and isinstance(value, str):
        return [v.strip() for v in value.split(";") if v.strip()]
    return [str(value).strip()] if str(value).strip() else []


def _iri(value: str, field: str) -> URIRef:
    try:
        ox.NamedNode(value)
    except ValueError:
        raise IntakeError(f"{field}: {value!r} is not a valid IRI", field=field) from None
    return URIRef(value)


def _ref(value: str, field: str, prefix: str) -> URIRef:
    """An IRI as given, or the slug/number under our ``prefix``."""
    if re.match(r"^https?://", value):
        return _iri(value, field)
    return URIRef(prefix + (slugify(value) or "unknown"))


def _date(value: Any, end: bool) -> tuple[Literal, URIRef | None]:
    text = str(value).strip()
    if re.fullmatch(r"\d{4}", text):
        return Literal(f"{text}-12-31" if end else f"{text}-01-01", datatype=XSD.date), LAK.YearPrecision
    m = re.fullmatch(r"(\d{4})-(\d{2})", text)
    if m and 1 <= int(m.group(2)) <= 12:
        day = calendar.monthrange(int(m.group(1)), int(m.group(2)))[1] if end else 1
        return Literal(f"{text}-{day:02d}", datatype=XSD.date), LAK.MonthPrecision
    if re.fullmatch(r"\d{4}-\d{2}-\d{2}", text):
        return Literal(text, datatype=XSD.date), LAK.DayPrecision
    return Literal(text, datatype=XSD.date), None


def _boolean(value: Any) -> Literal:
    if isinstance(value, bool):
        return Literal(value)
    text = str(value).strip().lower()
    if text in ("true", "yes", "1", "on"):
        return Literal(True)
    if text in ("false", "no", "0", "off"):
        return Literal(False)
    return Literal(text, datatype=XSD.boolean)


def _concept_name(value: str) -> str:
    return re.sub(r"[^A-Za-z]", "", value.title()) or "Unknown"


_SLUG = re.compile(r"[a-z0-9]+(-[a-z0-9]+)*")


def _named(g: Graph, value: str, lang: str, kind: URIRef | None = LAK.Actor) -> BNode:
    """A node with only a name: linked to the graph's actor or scheme of that name at intake, or a
    new actor with that name (:mod:`.linking`)."""
    node = BNode()
    if kind is not None:
        g.add((node, RDF.type, kind))
    g.add((node, SKOS.prefLabel, _text_literal(value, lang, "language")))
    return node


def _actor(g: Graph, value: str, field: str, lang: str) -> URIRef | BNode:
    """An actor by IRI, or by name."""
    if re.match(r"^https?://", value):
        return _iri(value, field)
    return _named(g, value, lang)


def _submitter(g: Graph, data: dict[str, Any], lang: str) -> URIRef | BNode | None:
    """The submitter's IRI (given, or from a slug, or from a name with a new submitter's details),
    a node with its name only, to be linked, or a node for the details of a submitter without IRI."""
    value = str(data.get("submitter") or "").strip()
    details = any(data.get(k) for k in ("submitter_kind", "submitter_country"))
    if not value:
        name = str(data.get("submitter_name") or "").strip()
        if name and not details:
            return _named(g, name, lang, None)
        # details without an IRI: a blank node, so that the shapes still check what was given about
        # it (an unknown country is reported beside the missing submitter)
        return BNode() if details else None
    if re.match(r"^https?://", value):
        return _iri(value, "submitter")
    if _SLUG.fullmatch(value) or details or data.get("submitter_name"):
        return URIRef(ID + "actor/" + (slugify(value) or "unknown"))
    return _named(g, value, lang, None)


def _text_literal(value: Any, lang: str, field: str) -> Literal:
    try:
        return Literal(str(value), lang=lang)
    except ValueError:
        raise IntakeError(
            f"language: {lang!r} is not a valid language tag (use e.g. en, fr, es)", field="language"
        ) from None


def map_form(
    data: dict[str, Any],
    *,
    resolve: Resolver | None = None,
    from_csv: bool = False,
) -> tuple[Graph, dict[str, str]]:
    """Map one form/CSV record to RDF; return the graph and the private contact details."""
    unknown = sorted(set(data) - set(FIELDS))
    if unknown:
        raise IntakeError(
            f"unknown field(s) {', '.join(unknown)}; the fields are: {', '.join(FIELDS)}", field=unknown[0]
        )
    g = Graph()
    lang = str(data.get("language") or "en").strip()
    slug = slugify(str(data.get("id") or data.get("title") or "")) or "submitted-action"
    action = URIRef(ID + "action/" + slug)
    g.add((action, RDF.type, LAK.LocalAction))
    for field, pred in (("title", DCTERMS.title), ("description", DCTERMS.description)):
        if data.get(field) not in (None, ""):
            g.add((action, pred, _text_literal(data[field], lang, field)))
    if data.get("duration_as_stated"):
        g.add((action, LAK.durationAsStated, _text_literal(data["duration_as_stated"], lang, "duration")))

    sub = _submitter(g, data, lang)
    if sub is not None:
        g.add((action, LAK.submittedBy, sub))
        if data.get("submitter_name") and (sub, SKOS.prefLabel, None) not in g:
            g.add((sub, SKOS.prefLabel, _text_literal(data["submitter_name"], lang, "submitter_name")))
        if data.get("submitter_kind"):
            g.add((sub, RDF.type, LAK[_concept_name(str(data["submitter_kind"]))]))
        if data.get("submitter_country"):
            code = str(data["submitter_country"]).strip()
            g.add((sub, LAK.country, URIRef(ID + "country/" + (re.sub(r"[^A-Za-z0-9]", "", code) or "none"))))

    refs: list[URIRef] = []
    for v in _items(data.get("call_themes"), from_csv):
        refs.append(_ref(v, "call_themes", ID + "theme/"))
    for v in _items(data.get("gcm_objectives"), from_csv):
        refs.append(_ref(v, "gcm_objectives", ID + "gcm/objective/"))
    for v in _items(data.get("gcm_principles"), from_csv):
        refs.append(_ref(v, "gcm_principles", ID + "gcm/principle/"))
    for v in _items(data.get("gcr_objectives"), from_csv):
        refs.append(_ref(v, "gcr_objectives", ID + "gcr/objective/"))
    for v in _items(data.get("grf_areas"), from_csv):
        refs.append(_ref(v, "grf_areas", ID + "grf/area/"))
    for field in ("sdg_goals", "sdg_targets"):
        for v in _items(data.get(field), from_csv):
            refs.append(
                _iri(v, field) if v.startswith("http") else URIRef(str(SDG) + re.sub(r"[^0-9a-z.]", "", v))
            )
    for v in _items(data.get("sdg_indicators"), from_csv):
        if v.startswith("http"):
            refs.append(_iri(v, "sdg_indicators"))
        else:
            refs.append(URIRef((resolve(v) if resolve else None) or sdg_indicator_iri(v)))
    for r in refs:
        g.add((action, LAK.contributesTo, r))
    _add_accepted_suggestions(g, action, slug, data.get("accepted_suggestions"))

    for field, pred, ppred, end in (
        ("start", LAK.startDate, LAK.startPrecision, False),
        ("end", LAK.endDate, LAK.endPrecision, True),
    ):
        if data.get(field) not in (None, ""):
            lit, precision = _date(data[field], end)
            g.add((action, pred, lit))
            if precision is not None:
                g.add((action, ppred, precision))
    if data.get("ongoing") not in (None, ""):
        g.add((action, LAK.isOngoing, _boolean(data["ongoing"])))
    if data.get("status"):
        g.add((action, LAK.status, LAK[_concept_name(str(data["status"]))]))
    for v in _items(data.get("partners"), from_csv):
        g.add((action, LAK.partner, _actor(g, v, "partners", lang)))

    funders = data.get("funders") or []
    if from_csv and (data.get("funder") or data.get("funding_scheme")):
        funders = [
            {
                "funder": data.get("funder"),
                "scheme": data.get("funding_scheme"),
                "status": data.get("funding_status"),
                "amount": data.get("amount"),
                "currency": data.get("currency"),
            }
        ]
    if not isinstance(funders, list) or not all(isinstance(f, dict) for f in funders):
        raise IntakeError(
            "funders must be a list of objects {funder, scheme, status, amount, currency}", field="funders"
        )
    for n, f in enumerate(funders, start=1):
        _add_funding(g, action, slug, n, f, lang)
    contact = {k: str(data[k]) for k in _CONTACT if data.get(k)}
    return g, contact


def _add_funding(g: Graph, action: URIRef, slug: str, n: int, f: dict[str, Any], lang: str) -> None:
    extra = set(f) - {"funder", "scheme", "status", "amount", "currency"}
    if extra:
        raise IntakeError(f"funders: unknown key(s) {', '.join(sorted(extra))}", field="funders")
    node = URIRef(f"{ID}funding/{slug}/{n}")
    g.add((node, RDF.type, LAK.Funding))
    g.add((node, LAK.fundedAction, action))
    if f.get("funder"):
        value = str(f["funder"]).strip()
        funder = _actor(g, value, "funders", lang)
        scheme_iri = isinstance(funder, URIRef) and str(funder).startswith(ID + "scheme/")
        g.add((node, LAK.viaScheme if scheme_iri else LAK.funder, funder))
    if f.get("scheme"):
        value = str(f["scheme"]).strip()
        if re.match(r"^https?://", value):
            scheme: URIRef | BNode = _iri(value, "funders")
        elif _SLUG.fullmatch(value):
            scheme = URIRef(ID + "scheme/" + value)
        else:
            scheme = _named(g, value, lang, None)
        g.add((node, LAK.viaScheme, scheme))
    if f.get("status"):
        g.add((node, LAK.fundingStatus, LAK[_concept_name(str(f["status"]))]))
    if f.get("amount") not in (None, "") or f.get("currency"):
        amount = BNode()
        g.add((node, SCHEMA.amount, amount))
        g.add((amount, RDF.type, SCHEMA.MonetaryAmount))
        if f.get("amount") not in (None, ""):
            raw = f["amount"]
            lexical = str(raw).strip() if not isinstance(raw, float) else repr(raw)
            g.add((amount, SCHEMA.value, Literal(lexical, datatype=XSD.decimal)))
        if f.get("currency"):
            g.add((amount, SCHEMA.currency, Literal(str(f["currency"]).strip().upper())))


_RUN_ID = re.compile(r"[0-9a-f]{16,64}")
_RUN_TEXT = re.compile(r"[\w .:/@+-]{1,200}")


def _run_field(run: dict[str, Any], key: str, required: bool) -> str | None:
    value = run.get(key)
    if value is None and not required:
        return None
    if not isinstance(value, str) or not _RUN_TEXT.fullmatch(value):
        raise IntakeError(f"accepted_suggestions: run.{key} must be the text the suggestion answer gave "
                          f"(send its run object unchanged), not {value!r}", field="accepted_suggestions")
    return value


def _add_accepted_suggestions(g: Graph, action: URIRef, slug: str, accepted: Any) -> None:
    """Each accepted suggestion: a stated contribution influenced by the suggestion run that proposed it."""
    if accepted in (None, "", []):
        return
    how = ('accepted_suggestions must be a list of {"concept": IRI, "score": number, "run": the run object '
           "of the suggestion answer}")
    if not isinstance(accepted, list) or not all(isinstance(a, dict) for a in accepted):
        raise IntakeError(how, field="accepted_suggestions")
    for item in accepted:
        if set(item) != {"concept", "score", "run"} or not isinstance(item["run"], dict):
            raise IntakeError(how, field="accepted_suggestions")
        concept = _iri(str(item["concept"]), "accepted_suggestions")
        score = item["score"]
        if isinstance(score, bool) or not isinstance(score, int | float) or score != score or abs(score) > 1e6:
            raise IntakeError(f"accepted_suggestions: the score of {concept} must be the number the suggestion "
                              f"answer gave, not {score!r}", field="accepted_suggestions")
        run = item["run"]
        run_id = run.get("id")
        if not isinstance(run_id, str) or not _RUN_ID.fullmatch(run_id):
            raise IntakeError("accepted_suggestions: run.id must be the id of the suggestion answer (hexadecimal)",
                              field="accepted_suggestions")
        engine = _run_field(run, "engine", True)
        if engine not in ("lexical", "hybrid"):
            raise IntakeError(f"accepted_suggestions: run.engine must be lexical or hybrid, not {engine!r}",
                              field="accepted_suggestions")
        run_node = URIRef(f"{ID}suggestion-run/{run_id}")
        g.add((run_node, RDF.type, PROV.Activity))
        g.add((run_node, RDF.type, LAK.SuggestionRun))
        g.add((run_node, LAK.suggestionEngine, Literal(engine)))
        for key, prop in (("model", LAK.modelName), ("model_version", LAK.modelVersion),
                          ("index", LAK.indexFingerprint), ("language", DCTERMS.language)):
            value = _run_field(run, key, key in ("index", "language"))
            if value is not None:
                g.add((run_node, prop, Literal(value)))
        node = URIRef(contribution_iri(slug, str(concept)))
        g.add((action, LAK.contributesTo, concept))
        g.add((action, LAK.qualifiedContribution, node))
        g.add((node, RDF.type, LAK.Contribution))
        g.add((node, LAK.concept, concept))
        g.add((node, LAK.basis, LAK.Stated))
        g.add((node, PROV.wasInfluencedBy, run_node))
        g.add((node, LAK.suggestionScore, Literal(f"{float(score):.6f}".rstrip("0").rstrip("."), datatype=XSD.decimal)))
