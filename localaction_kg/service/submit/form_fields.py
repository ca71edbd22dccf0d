"""What the officer's form posts, as the record the mapping reads, and where each message belongs.

The form asks in the officer's terms (pickers, a date by its parts, one status control); this
module turns a post into the plain JSON record of :mod:`localaction_kg.submissions.mapping`, so
the form goes through the same intake, shapes and registry as every other format. It also reads a
stored version back into the form's fields, to revise it.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field

import pyoxigraph as ox

from ...namespaces import LAK, LAKSH
from ...submissions.validation import Issue

__all__ = ["Posted", "read_post", "field_for", "anchor_for", "fields_of_version", "LIST_PICKERS",
           "EMAIL", "STATUSES"]

#: the concept pickers (checkboxes; each posts an IRI)
LIST_PICKERS = ("call_themes", "gcm_objectives", "gcm_principles", "gcr_objectives", "grf_areas", "sdg_targets")
#: the one status control: "ongoing" also says the action has no end yet
STATUSES = ("planned", "ongoing", "completed")
#: a plain address check (the HTML5 ``type=email`` rule): something@domain.tld
EMAIL = re.compile(r"[^@\s]+@[^@\s]+\.[^@\s]+")
_TEXT = ("title", "description", "language", "contact_name", "contact_email", "funder", "funding_status",
         "amount", "currency", "submitter_name", "submitter_kind", "submitter_country")


@dataclass
class Posted:
    """A post of the form: the record for the mapping, what to show again, and the form's own errors."""

    record: dict[str, object]
    shown: dict[str, object]
    errors: dict[str, list[str]] = field(default_factory=dict)


def _date(form: Mapping[str, str], prefix: str, errors: dict[str, list[str]], msg: Mapping[str, str]) -> str:
    """``YYYY``, ``YYYY-MM`` or ``YYYY-MM-DD`` from the year, month and day the officer gave."""
    year, month, day = (form.get(f"{prefix}_{p}", "").strip() for p in ("year", "month", "day"))
    if not (year or month or day):
        return ""
    if not re.fullmatch(r"\d{4}", year):
        errors.setdefault(prefix, []).append(msg["year"])
        return ""
    if day and not month:
        errors.setdefault(prefix, []).append(msg["month"])
        return ""
    out = year
    if month:
        if not (month.isdigit() and 1 <= int(month) <= 12):
            errors.setdefault(prefix, []).append(msg["month"])
            return ""
        out += f"-{int(month):02d}"
    if day:
        if not (day.isdigit() and 1 <= int(day) <= 31):
            errors.setdefault(prefix, []).append(msg["day"])
            return ""
        out += f"-{int(day):02d}"
    return out


def read_post(form: Mapping[str, str], lists: Mapping[str, list[str]], msg: Mapping[str, str],
              submitter: str | None) -> Posted:
    """The record a post stands for; ``msg`` holds the form's own messages in the page's language."""
    errors: dict[str, list[str]] = {}
    shown: dict[str, object] = {k: (form.get(k) or "").strip() for k in _TEXT}
    shown.update({k: form.get(k, "") for k in form if k.startswith(("start_", "end_"))})
    record: dict[str, object] = {k: v for k, v in shown.items() if v and k in _TEXT}
    if submitter:
        record["submitter"] = submitter
    for prefix in ("start", "end"):
        value = _date(form, prefix, errors, msg)
        if value:
            record[prefix] = value
    status = (form.get("status") or "").strip()
    shown["status"] = status
    if status:
        record["status"] = status
        if status == "ongoing":
            record["ongoing"] = "true"
    for name in LIST_PICKERS:
        chosen = [v for v in lists.get(name, []) if v.strip()]
        shown[name] = chosen
        if chosen:
            record[name] = ";".join(chosen)
    partners = [p.strip() for p in (form.get("partners") or "").splitlines() if p.strip()]
    shown["partners"] = form.get("partners", "")
    if partners:
        record["partners"] = ";".join(partners)
    email = str(shown["contact_email"])
    if email and not EMAIL.fullmatch(email):
        errors.setdefault("contact_email", []).append(msg["email"])
        record.pop("contact_email", None)
    accepted = _accepted(lists.get("suggestion", []), form.get("suggestion_run", ""))
    shown["suggestion"] = lists.get("suggestion", [])
    if accepted:
        record["accepted_suggestions"] = accepted
    return Posted(record, shown, errors)


def _accepted(chosen: Iterable[str], run_json: str) -> list[dict[str, object]]:
    """The suggestions the officer ticked, each ``{concept, score, run}`` as the mapping reads them."""
    try:
        run = json.loads(run_json) if run_json else None
    except ValueError:
        return []
    if not isinstance(run, dict):
        return []
    out: list[dict[str, object]] = []
    for item in chosen:
        concept, _, score = item.partition(" ")
        try:
            out.append({"concept": concept, "score": float(score), "run": run})
        except ValueError:
            continue
    return out


_SHAPE_FIELD = {
    "ActionSubmitterRequiredShape": "submitter", "ActionSubmitterSingleShape": "submitter",
    "SubmitterKindShape": "submitter_kind", "SubmitterNameShape": "submitter_name",
    "SubmitterCountryShape": "submitter_country", "CountryKnownShape": "submitter_country",
    "TitleRequiredShape": "title", "TitleLengthShape": "title", "TitleUniqueLangShape": "title",
    "DescriptionRequiredShape": "description", "DescriptionLengthShape": "description",
    "DescriptionShortWarningShape": "description", "DescriptionUniqueLangShape": "description",
    "FrameworkRequiredShape": "gcm_objectives", "GCMObjectiveKnownShape": "gcm_objectives",
    "GCRObjectiveKnownShape": "gcr_objectives", "GRFAreaKnownShape": "grf_areas",
    "CallThemeKnownShape": "call_themes", "SDGGoalKnownShape": "sdg_targets",
    "SDGTargetKnownShape": "sdg_targets", "SDGIndicatorKnownShape": "sdg_targets",
    "StartDateRequiredShape": "start", "StartDateSingleShape": "start", "StartDateDatatypeShape": "start",
    "StartPrecisionShape": "start", "EndDateShape": "end", "EndPrecisionShape": "end",
    "EndNotBeforeStartShape": "end", "OngoingShape": "status", "EndOrOngoingWarningShape": "status",
    "StatusShape": "status", "PartnerNameShape": "partners", "FundingActionShape": "funder",
    "FundingFunderShape": "funder", "FunderNameShape": "funder", "FundingStatusShape": "funding_status",
    "AmountValueShape": "amount", "AmountNonNegativeShape": "amount", "AmountCurrencyShape": "currency",
    "CurrencyCodeShape": "currency", "LanguageTagShape": "language",
}
_PREFIX_FIELD = (("/id/gcm/objective/", "gcm_objectives"), ("/id/gcm/principle/", "gcm_principles"),
                 ("/id/gcr/objective/", "gcr_objectives"), ("/id/grf/area/", "grf_areas"),
                 ("/id/theme/", "call_themes"))
#: the element each field's messages link to from the error summary (a group: its first input)
_ANCHOR = {"start": "start_year", "end": "end_year", "status": "status-planned", "funding_status": "funding_status",
           **{name: f"{name}-group" for name in LIST_PICKERS}}


def field_for(issue: Issue) -> str | None:
    """The form field an issue concerns (None: the whole submission)."""
    name = issue.shape.removeprefix(str(LAKSH))
    if name == "ContributionConceptShape" and issue.value:
        return next((f for p, f in _PREFIX_FIELD if p in issue.value), "sdg_targets")
    return _SHAPE_FIELD.get(name)


def anchor_for(name: str) -> str:
    """The id of the element the error summary links to for a field."""
    return _ANCHOR.get(name, name)


_DATE = re.compile(r"(\d{4})(?:-(\d{2}))?(?:-(\d{2}))?")


Fact = tuple[str, str, str, str | None]


def _facts(triples: Iterable[ox.Triple]) -> list[Fact]:
    """(subject, predicate, object value, object language) of each triple (no RDF-star here)."""
    out = []
    for t in triples:
        if isinstance(t.subject, ox.Triple) or isinstance(t.object, ox.Triple):
            continue
        lang = t.object.language if isinstance(t.object, ox.Literal) else None
        out.append((t.subject.value, t.predicate.value, t.object.value, lang))
    return out


def fields_of_version(triples: Iterable[ox.Triple], action: str) -> dict[str, object]:
    """The form's fields for a stored version of an action (to revise it): what the graph says."""
    lak, dct = str(LAK), "http://purl.org/dc/terms/"
    out: dict[str, object] = {name: [] for name in LIST_PICKERS}
    facts = _facts(triples)
    labels = {s: o for s, p, o, _ in facts if p == "http://www.w3.org/2004/02/skos/core#prefLabel"}
    fundings = [s for s, p, o, _ in facts if p == lak + "fundedAction" and o == action]
    partners: list[str] = []
    for s, p, o, lang in facts:
        if s != action:
            continue
        if p in (dct + "title", dct + "description"):
            out[p.removeprefix(dct)] = o
            if lang:
                out["language"] = lang
        elif p in (lak + "startDate", lak + "endDate"):
            prefix = "start" if p.endswith("startDate") else "end"
            m = _DATE.match(o)
            if m:
                out.update({f"{prefix}_year": m[1], f"{prefix}_month": str(int(m[2])) if m[2] else "",
                            f"{prefix}_day": str(int(m[3])) if m[3] else ""})
        elif p == lak + "status":
            out["status"] = o.removeprefix(lak).lower()
        elif p == lak + "partner":
            partners.append(labels.get(o, o))
        elif p == lak + "contributesTo":
            _add_concept(out, o)
    _precisions(facts, action, out)
    for s, p, o, _ in facts:
        if not fundings or s != fundings[0]:
            continue
        if p in (lak + "funder", lak + "viaScheme") and not out.get("funder"):
            out["funder"] = labels.get(o, o)
        elif p == lak + "fundingStatus":
            out["funding_status"] = o.removeprefix(lak).lower()
    out["partners"] = "\n".join(partners)
    return out


def _precisions(facts: list[Fact], action: str, out: dict[str, object]) -> None:
    """A year-precise date keeps only its year, a month-precise one its month (as it was given)."""
    lak = str(LAK)
    for s, p, o, _ in facts:
        if s != action or p not in (lak + "startPrecision", lak + "endPrecision"):
            continue
        prefix = "start" if p.endswith("startPrecision") else "end"
        precision = o.removeprefix(lak).lower()
        if precision.startswith("year"):
            out[f"{prefix}_month"] = out[f"{prefix}_day"] = ""
        elif precision.startswith("month"):
            out[f"{prefix}_day"] = ""


def _add_concept(out: dict[str, object], iri: str) -> None:
    for prefix, name in _PREFIX_FIELD:
        if prefix in iri:
            picked = out[name]
            assert isinstance(picked, list)
            picked.append(iri)
            return
    if "metadata.un.org/sdg/" in iri or "/sdg/" in iri:
        picked = out["sdg_targets"]
        assert isinstance(picked, list)
        picked.append(iri)
