"""Regenerate tests/submissions/invalid/** and its manifest: `python tests/submissions/make_fixtures.py`.

Each fixture is a small, fictional submission with ONE thing wrong, written as a real file in its
format; the manifest says what the service must answer: the HTTP status, and the shape (for 422)
or the error text (for 400) with a substring of the message people will read. Two fixtures are
accepted with a warning (status 200), so that every shape, warnings included, is exercised.
"""

from __future__ import annotations

import json
import re
from pathlib import Path

import yaml

HERE = Path(__file__).parent
OUT = HERE / "invalid"
ID = "https://w3id.org/localaction-kg/id/"
ACTION = ID + "action/example-newcomer-desk"
DESCRIPTION = (
    "A fictional test action: a one-stop service desk where newly arrived migrants and refugees "
    "register for municipal services, language classes and legal advice."
)

TTL_HEAD = f"""@prefix dcterms: <http://purl.org/dc/terms/> .
@prefix lak: <https://w3id.org/localaction-kg/ontology#> .
@prefix schema: <https://schema.org/> .
@prefix skos: <http://www.w3.org/2004/02/skos/core#> .
@prefix xsd: <http://www.w3.org/2001/XMLSchema#> .
@prefix id: <{ID}> .
"""
TTL_ACTION = {
    "type": f"<{ACTION}> a lak:LocalAction .",
    "submitter": f"<{ACTION}> lak:submittedBy id:actor\\/accra .",
    "title": f'<{ACTION}> dcterms:title "Example one-stop desk for newcomers"@en .',
    "description": f'<{ACTION}> dcterms:description "{DESCRIPTION}"@en .',
    "frameworks": f"<{ACTION}> lak:contributesTo id:gcm\\/objective\\/15, "
    "<http://metadata.un.org/sdg/10.7> .",
    "start": f'<{ACTION}> lak:startDate "2022-05-01"^^xsd:date ; lak:startPrecision lak:MonthPrecision .',
    "ongoing": f"<{ACTION}> lak:isOngoing true .",
    "partner": f"<{ACTION}> lak:partner id:actor\\/iom .",
    "funding": f"""<{ID}funding/example-newcomer-desk/1> a lak:Funding ;
    lak:fundedAction <{ACTION}> ;
    lak:funder [ a lak:Actor ; skos:prefLabel "Example Foundation"@en ] ;
    lak:fundingStatus lak:Funded ;
    schema:amount [ a schema:MonetaryAmount ; schema:value 250000.00 ; schema:currency "USD" ] .""",
}


def ttl(drop: tuple[str, ...] = (), replace: dict[str, str] | None = None, extra: str = "") -> str:
    parts = {**TTL_ACTION, **(replace or {})}
    body = "\n".join(v for k, v in parts.items() if k not in drop and v)
    return TTL_HEAD + "\n" + body + "\n" + extra + ("\n" if extra else "")


FUNDING = TTL_ACTION["funding"]
A = f"<{ACTION}>"


def funding_with(line: str) -> str:
    """The base funding with one more statement."""
    return FUNDING.replace("lak:fundingStatus", line + "\n    lak:fundingStatus")


TURTLE: list[tuple[str, str, dict[str, object]]] = [
    ("missing-title", ttl(drop=("title",)), {"shape": "TitleRequiredShape", "message": "title is missing"}),
    (
        "title-too-short",
        ttl(replace={"title": f'{A} dcterms:title "Desk"@en .'}),
        {"shape": "TitleLengthShape", "message": "between 5 and 300 characters"},
    ),
    (
        "title-too-long",
        ttl(replace={"title": f'{A} dcterms:title "{"Desk " * 80}"@en .'}),
        {"shape": "TitleLengthShape", "message": "between 5 and 300 characters"},
    ),
    (
        "title-twice-same-language",
        ttl(extra=f'{A} dcterms:title "Another English title"@en .'),
        {"shape": "TitleUniqueLangShape", "message": "one title per language"},
    ),
    (
        "missing-description",
        ttl(drop=("description",)),
        {"shape": "DescriptionRequiredShape", "message": "description is missing"},
    ),
    (
        "description-too-short",
        ttl(replace={"description": f'{A} dcterms:description "A desk."@en .'}),
        {"shape": "DescriptionLengthShape", "message": "between 30 and 5000 characters"},
    ),
    (
        "description-too-long",
        ttl(replace={"description": f'{A} dcterms:description "{"word " * 1100}"@en .'}),
        {"shape": "DescriptionLengthShape", "message": "between 30 and 5000 characters"},
    ),
    (
        "description-twice-same-language",
        ttl(extra=f'{A} dcterms:description "{DESCRIPTION} Again."@en .'),
        {"shape": "DescriptionUniqueLangShape", "message": "one description per language"},
    ),
    (
        "missing-submitter",
        ttl(drop=("submitter",)),
        {"shape": "ActionSubmitterRequiredShape", "message": "submitter is missing"},
    ),
    (
        "two-submitters",
        ttl(extra=f"{A} lak:submittedBy id:actor\\/addis-ababa ."),
        {"shape": "ActionSubmitterSingleShape", "message": "exactly one submitter"},
    ),
    (
        "submitter-unknown",
        ttl(replace={"submitter": f"{A} lak:submittedBy id:actor\\/no-such-town ."}),
        {"shape": "SubmitterKindShape", "message": "must be a local or regional government"},
    ),
    (
        "submitter-not-a-government",
        ttl(replace={"submitter": f"{A} lak:submittedBy id:actor\\/iom ."}),
        {"shape": "SubmitterKindShape", "message": "must be a local or regional government"},
    ),
    (
        "new-submitter-without-name",
        ttl(
            replace={"submitter": f"{A} lak:submittedBy id:actor\\/example-town ."},
            extra="id:actor\\/example-town a lak:Municipality ; lak:country id:country\\/GHA .",
        ),
        {"shape": "SubmitterNameShape", "message": "has no name"},
    ),
    (
        "new-submitter-without-country",
        ttl(
            replace={"submitter": f"{A} lak:submittedBy id:actor\\/example-town ."},
            extra='id:actor\\/example-town a lak:Municipality ; skos:prefLabel "Example Town"@en .',
        ),
        {"shape": "SubmitterCountryShape", "message": "has no country"},
    ),
    (
        "new-submitter-unknown-country",
        ttl(
            replace={"submitter": f"{A} lak:submittedBy id:actor\\/example-town ."},
            extra='id:actor\\/example-town a lak:Municipality ; skos:prefLabel "Example Town"@en ; '
            "lak:country id:country\\/XYZ .",
        ),
        {"shape": "CountryKnownShape", "message": "Unknown country"},
    ),
    (
        "no-theme-or-gcm-objective",
        ttl(replace={"frameworks": f"{A} lak:contributesTo <http://metadata.un.org/sdg/10.7> ."}),
        {"shape": "FrameworkRequiredShape", "message": "at least one Call theme or one GCM objective"},
    ),
    (
        "gcm-objective-24",
        ttl(extra=f"{A} lak:contributesTo id:gcm\\/objective\\/24 ."),
        {"shape": "GCMObjectiveKnownShape", "message": "No such GCM objective"},
    ),
    (
        "gcm-objective-0",
        ttl(extra=f"{A} lak:contributesTo id:gcm\\/objective\\/0 ."),
        {"shape": "GCMObjectiveKnownShape", "message": "23 objectives"},
    ),
    (
        "gcr-objective-5",
        ttl(extra=f"{A} lak:contributesTo id:gcr\\/objective\\/5 ."),
        {"shape": "GCRObjectiveKnownShape", "message": "No such GCR objective"},
    ),
    (
        "grf-area-unknown",
        ttl(extra=f"{A} lak:contributesTo id:grf\\/area\\/space-travel ."),
        {"shape": "GRFAreaKnownShape", "message": "No such Global Refugee Forum area"},
    ),
    (
        "call-theme-unknown",
        ttl(extra=f"{A} lak:contributesTo id:theme\\/no-such-theme ."),
        {"shape": "CallThemeKnownShape", "message": "No such Call theme"},
    ),
    (
        "sdg-goal-18",
        ttl(extra=f"{A} lak:contributesTo <http://metadata.un.org/sdg/18> ."),
        {"shape": "SDGGoalKnownShape", "message": "No such SDG goal"},
    ),
    (
        "sdg-target-unknown",
        ttl(extra=f"{A} lak:contributesTo <http://metadata.un.org/sdg/10.99> ."),
        {"shape": "SDGTargetKnownShape", "message": "No such SDG target"},
    ),
    (
        "sdg-indicator-unknown",
        ttl(extra=f"{A} lak:contributesTo <http://metadata.un.org/sdg/C109901> ."),
        {"shape": "SDGIndicatorKnownShape", "message": "No such SDG indicator"},
    ),
    (
        "contribution-not-a-framework-concept",
        ttl(extra=f"{A} lak:contributesTo <http://example.org/objective/1> ."),
        {"shape": "ContributionConceptShape", "message": "not a framework concept"},
    ),
    (
        "missing-start-date",
        ttl(drop=("start",)),
        {"shape": "StartDateRequiredShape", "message": "start date is missing"},
    ),
    (
        "two-start-dates",
        ttl(extra=f'{A} lak:startDate "2022-06-01"^^xsd:date .'),
        {"shape": "StartDateSingleShape", "message": "more than once"},
    ),
    (
        "start-date-as-year",
        ttl(replace={"start": f'{A} lak:startDate "2022"^^xsd:gYear .'}),
        {"shape": "StartDateDatatypeShape", "message": "not a valid date"},
    ),
    (
        "start-date-impossible",
        ttl(replace={"start": f'{A} lak:startDate "2022-13-45"^^xsd:date .'}),
        {"shape": "StartDateDatatypeShape", "message": "not a valid date"},
    ),
    (
        "end-before-start",
        ttl(replace={"ongoing": f'{A} lak:endDate "2021-12-31"^^xsd:date .'}),
        {"shape": "EndNotBeforeStartShape", "message": "end date is before the start date"},
    ),
    (
        "two-end-dates",
        ttl(extra=f'{A} lak:endDate "2023-12-31"^^xsd:date, "2024-12-31"^^xsd:date .'),
        {"shape": "EndDateShape", "message": "end date must be one valid date"},
    ),
    (
        "start-precision-unknown",
        ttl(
            replace={
                "start": f'{A} lak:startDate "2022-01-01"^^xsd:date ; '
                "lak:startPrecision lak:DecadePrecision ."
            }
        ),
        {"shape": "StartPrecisionShape", "message": "precision must be given once"},
    ),
    (
        "end-precision-unknown",
        ttl(extra=f'{A} lak:endDate "2024-12-31"^^xsd:date ; lak:endPrecision lak:Someday .'),
        {"shape": "EndPrecisionShape", "message": "precision must be given once"},
    ),
    (
        "ongoing-not-boolean",
        ttl(replace={"ongoing": f'{A} lak:isOngoing "yes" .'}),
        {"shape": "OngoingShape", "message": "true or false"},
    ),
    (
        "status-unknown",
        ttl(extra=f"{A} lak:status lak:Paused ."),
        {"shape": "StatusShape", "message": "lak:Planned, lak:Ongoing or lak:Completed"},
    ),
    (
        "partner-without-name",
        ttl(replace={"partner": f"{A} lak:partner [ a lak:Actor ] ."}),
        {"shape": "PartnerNameShape", "message": "partner has no name"},
    ),
    (
        "funding-without-status",
        ttl(replace={"funding": FUNDING.replace("lak:fundingStatus lak:Funded ;", "")}),
        {"shape": "FundingStatusShape", "message": "funding status from the controlled list"},
    ),
    (
        "funding-status-unknown",
        ttl(replace={"funding": FUNDING.replace("lak:Funded", "lak:Promised")}),
        {"shape": "FundingStatusShape", "message": "lak:Funded"},
    ),
    (
        "funding-without-funder",
        ttl(
            replace={
                "funding": FUNDING.replace(
                    'lak:funder [ a lak:Actor ; skos:prefLabel "Example Foundation"@en ] ;', ""
                )
            }
        ),
        {"shape": "FundingFunderShape", "message": "exactly one funder"},
    ),
    (
        "two-funders",
        ttl(replace={"funding": funding_with("lak:funder id:actor\\/world-bank ;")}),
        {"shape": "FundingSingleFunderShape", "message": "one funder"},
    ),
    (
        "scheme-unknown",
        ttl(replace={"funding": funding_with("lak:viaScheme id:scheme\\/no-such-fund ;")}),
        {"shape": "FundingViaSchemeShape", "message": "funding scheme or chapter of the graph"},
    ),
    (
        "scheme-name-unknown",
        ttl(replace={"funding": funding_with('lak:viaScheme [ skos:prefLabel "No Such Fund" ] ;')}),
        {"shape": "UnknownNameCheck", "message": "No funding scheme in the graph is named"},
    ),
    (
        "submitter-name-ambiguous",
        ttl(replace={"submitter": f'{A} lak:submittedBy [ skos:prefLabel "San José" ] .'}),
        {"shape": "AmbiguousNameCheck", "message": "san-jose-costa-rica"},
    ),
    (
        "submitter-name-unknown",
        ttl(replace={"submitter": f'{A} lak:submittedBy [ skos:prefLabel "Acra" ] .'}),
        {"shape": "UnknownNameCheck", "message": "Did you mean id/actor/accra (Accra)?"},
    ),
    (
        "funder-without-name",
        ttl(replace={"funding": FUNDING.replace(' ; skos:prefLabel "Example Foundation"@en', "")}),
        {"shape": "FunderNameShape", "message": "neither in the graph nor named"},
    ),
    (
        "funding-without-action",
        ttl(replace={"funding": FUNDING.replace(f"lak:fundedAction {A} ;", "")}),
        {"shape": "FundingActionShape", "message": "which action it funds"},
    ),
    (
        "amount-without-value",
        ttl(replace={"funding": FUNDING.replace("schema:value 250000.00 ; ", "")}),
        {"shape": "AmountValueShape", "message": "one numeric value"},
    ),
    (
        "amount-as-text",
        ttl(replace={"funding": FUNDING.replace("250000.00", '"a quarter million"')}),
        {"shape": "AmountValueShape", "message": "one numeric value"},
    ),
    (
        "amount-negative",
        ttl(replace={"funding": FUNDING.replace("250000.00", "-5.00")}),
        {"shape": "AmountNonNegativeShape", "message": "cannot be negative"},
    ),
    (
        "amount-without-currency",
        ttl(replace={"funding": FUNDING.replace(' ; schema:currency "USD"', "")}),
        {"shape": "AmountCurrencyShape", "message": "exactly one currency"},
    ),
    (
        "currency-unknown-code",
        ttl(replace={"funding": FUNDING.replace('"USD"', '"XXY"')}),
        {"shape": "CurrencyCodeShape", "message": "Unknown currency"},
    ),
    (
        "currency-symbol",
        ttl(replace={"funding": FUNDING.replace('"USD"', '"$"')}),
        {"shape": "CurrencyCodeShape", "message": "ISO 4217"},
    ),
    (
        "language-tag-malformed",
        ttl(extra=f'{A} dcterms:title "Guichet unique pour nouveaux arrivants"@francais .'),
        {"shape": "LanguageTagShape", "message": "malformed language tag"},
    ),
    (
        "action-iri-outside-namespace",
        ttl().replace(f"<{ACTION}>", "<http://example.org/my-action>"),
        {"shape": "ActionIRIShape", "message": "https://w3id.org/localaction-kg/id/action/{slug}"},
    ),
    (
        "two-actions",
        ttl(extra=ttl().split("\n", 7)[7].replace("example-newcomer-desk", "example-second-desk")),
        {"shape": "OneActionCheck", "message": "exactly one action"},
    ),
    (
        "redefines-gcm-objective",
        ttl(
            extra="id:gcm\\/objective\\/24 a lak:GCMObjective .\n"
            f"{A} lak:contributesTo id:gcm\\/objective\\/24 ."
        ),
        {"shape": "ReservedNodeCheck", "message": "not describe them"},
    ),
    (
        "broken-missing-dot",
        ttl().replace("lak:isOngoing true .", "lak:isOngoing true"),
        {"status": 400, "message": "Turtle syntax error"},
    ),
    (
        "broken-unterminated-string",
        ttl().replace('"Example one-stop desk for newcomers"@en', '"Example one-stop desk for newcomers'),
        {"status": 400, "message": "Turtle syntax error"},
    ),
    (
        "broken-language-subtag-too-long",
        ttl(extra=f'{A} dcterms:title "x"@en-abcdefghijk .'),
        {"status": 400, "message": "Turtle syntax error"},
    ),
    (
        "broken-undefined-prefix",
        ttl(extra=f"{A} foo:bar id:actor\\/accra ."),
        {"status": 400, "message": "Turtle syntax error"},
    ),
]

JSON_BASE: dict[str, object] = {
    "title": "Example one-stop desk for newcomers",
    "description": DESCRIPTION,
    "submitter": ID + "actor/accra",
    "gcm_objectives": [15],
    "sdg_targets": ["10.7"],
    "start": "2022-05",
    "ongoing": True,
    "partners": ["Example Refugee Council"],
    "funders": [{"funder": "Example Foundation", "status": "funded", "amount": 250000, "currency": "USD"}],
}


def js(**changes: object) -> str:
    data = dict(JSON_BASE)
    for k, v in changes.items():
        if v is None:
            data.pop(k, None)
        else:
            data[k] = v
    return json.dumps(data, indent=2, ensure_ascii=False) + "\n"


def funders(**changes: object) -> list[dict[str, object]]:
    f = dict(JSON_BASE["funders"][0])  # type: ignore[index]
    f.update(changes)
    return [{k: v for k, v in f.items() if v is not None}]


JSON: list[tuple[str, str, dict[str, object]]] = [
    (
        "gcm-objective-24",
        js(gcm_objectives=[15, 24]),
        {"shape": "GCMObjectiveKnownShape", "message": "No such GCM"},
    ),
    ("missing-title", js(title=None), {"shape": "TitleRequiredShape", "message": "title is missing"}),
    (
        "sdg-target-unknown",
        js(sdg_targets=["10.99"]),
        {"shape": "SDGTargetKnownShape", "message": "No such SDG target"},
    ),
    (
        "sdg-indicator-unknown",
        js(sdg_indicators=["10.7.9"]),
        {"shape": "SDGIndicatorKnownShape", "message": "No such SDG indicator"},
    ),
    (
        "end-before-start",
        js(ongoing=None, end="2021"),
        {"shape": "EndNotBeforeStartShape", "message": "end date is before the start date"},
    ),
    (
        "bad-currency",
        js(funders=funders(currency="EUROS")),
        {"shape": "CurrencyCodeShape", "message": "ISO 4217"},
    ),
    (
        "amount-with-thousands-separator",
        js(funders=funders(amount="250,000")),
        {"shape": "AmountValueShape", "message": "without currency signs or thousands separators"},
    ),
    (
        "funding-status-unknown",
        js(funders=funders(status="promised")),
        {"shape": "FundingStatusShape", "message": "controlled list"},
    ),
    ("language-not-a-tag", js(language="english"), {"shape": "LanguageTagShape", "message": "BCP 47"}),
    (
        "start-not-a-date",
        js(start="sometime next year"),
        {"shape": "StartDateDatatypeShape", "message": "YYYY-MM-DD"},
    ),
    (
        "no-theme-or-gcm-objective",
        js(gcm_objectives=None),
        {"shape": "FrameworkRequiredShape", "message": "at least one Call theme or one GCM objective"},
    ),
    ("ongoing-maybe", js(ongoing="maybe"), {"shape": "OngoingShape", "message": "true or false"}),
    ("status-unknown", js(status="paused"), {"shape": "StatusShape", "message": "lak:Planned"}),
    (
        "new-submitter-of-wrong-kind",
        js(
            submitter="example-town",
            submitter_name="Example Town",
            submitter_kind="Country",
            submitter_country="GHA",
        ),
        {"shape": "SubmitterKindShape", "message": "must be a local or regional government"},
    ),
    (
        "new-submitter-unknown-country",
        js(
            submitter="example-town",
            submitter_name="Example Town",
            submitter_kind="Municipality",
            submitter_country="XX",
        ),
        {"shape": "CountryKnownShape", "message": "ISO 3166-1 alpha-3"},
    ),
    ("gcr-objective-5", js(gcr_objectives=[5]), {"shape": "GCRObjectiveKnownShape", "message": "1 to 4"}),
    (
        "gcm-principle-k",
        js(gcm_principles=["k"]),
        {"shape": "GCMPrincipleKnownShape", "message": "lettered a to j"},
    ),
    (
        "accepted-suggestion-without-run",
        js(accepted_suggestions=[{"concept": "http://metadata.un.org/sdg/10.7", "score": 1.2}]),
        {"status": 400, "message": "accepted_suggestions must be a list of"},
    ),
    (
        "description-too-short",
        js(description="A desk."),
        {"shape": "DescriptionLengthShape", "message": "between 30 and 5000"},
    ),
    (
        "broken-trailing-comma",
        js().replace('"ongoing": true,', '"ongoing": true,,'),
        {"status": 400, "message": "JSON syntax error"},
    ),
    ("broken-unclosed", js()[:-3], {"status": 400, "message": "JSON syntax error"}),
    ("array-not-object", json.dumps([JSON_BASE]), {"status": 400, "message": "must be one object"}),
    (
        "unknown-field",
        js(titel="Typo in the field name"),
        {"status": 400, "message": "unknown field(s) titel"},
    ),
    ("language-tag-syntax", js(language="en_GB"), {"status": 400, "message": "not a valid language tag"}),
    (
        "funders-not-a-list",
        js(funders="Example Foundation"),
        {"status": 400, "message": "funders must be a list"},
    ),
]

CTX = "https://w3id.org/localaction-kg/context.jsonld"


def ld(context: object = CTX, **changes: object) -> str:
    doc: dict[str, object] = {
        "@context": context,
        "@id": ACTION,
        "type": "LocalAction",
        "submittedBy": ID + "actor/accra",
        "title": "Example one-stop desk for newcomers",
        "description": DESCRIPTION,
        "contributesTo": [ID + "gcm/objective/15", "http://metadata.un.org/sdg/10.7"],
        "startDate": "2022-05-01",
        "startPrecision": "MonthPrecision",
        "isOngoing": True,
    }
    if context is None:
        doc.pop("@context")
    for k, v in changes.items():
        if v is None:
            doc.pop(k, None)
        else:
            doc[k] = v
    return json.dumps(doc, indent=2) + "\n"


JSONLD: list[tuple[str, str, dict[str, object]]] = [
    (
        "remote-context",
        ld("http://127.0.0.1:9/context.jsonld"),
        {"status": 400, "message": "remote @context"},
    ),
    (
        "remote-context-in-list",
        ld([CTX, "https://example.org/other-context.jsonld"]),
        {"status": 400, "message": "never fetched"},
    ),
    (
        "import-in-inline-context",
        ld({"@import": "https://example.org/ctx.jsonld", "title": "http://purl.org/dc/terms/title"}),
        {"status": 400, "message": "@import"},
    ),
    (
        "scoped-remote-context",
        ld(
            [
                CTX,
                {
                    "partnerOf": {
                        "@id": "https://w3id.org/localaction-kg/ontology#partner",
                        "@context": "https://example.org/scoped.jsonld",
                    }
                },
            ]
        ),
        {"status": 400, "message": "remote @context"},
    ),
    ("broken-json", ld()[:-4], {"status": 400, "message": "JSON-LD syntax error"}),
    (
        "named-graph",
        json.dumps({"@context": CTX, "@id": ID + "graph/mine", "@graph": [json.loads(ld(None))]}),
        {"status": 400, "message": "named graphs are not accepted"},
    ),
    (
        "gcm-objective-24",
        ld(contributesTo=[ID + "gcm/objective/24"]),
        {"shape": "GCMObjectiveKnownShape", "message": "No such GCM objective"},
    ),
    ("missing-title", ld(title=None), {"shape": "TitleRequiredShape", "message": "title is missing"}),
    (
        "start-year-only",
        ld(startDate="2022"),
        {"shape": "StartDateDatatypeShape", "message": "not a valid date"},
    ),
    (
        "unknown-sdg-goal",
        ld(contributesTo=[ID + "gcm/objective/15", "http://metadata.un.org/sdg/42"]),
        {"shape": "SDGGoalKnownShape", "message": "17 Sustainable Development Goals"},
    ),
]

CSV_HEADER = (
    "title,description,submitter,gcm_objectives,sdg_targets,start,end,ongoing,partners,funder,"
    "funding_status,amount,currency"
)


def csv_row(**changes: str) -> str:
    row = {
        "title": "Example one-stop desk for newcomers",
        "description": DESCRIPTION,
        "submitter": ID + "actor/accra",
        "gcm_objectives": "15;16",
        "sdg_targets": "10.7",
        "start": "2022-05",
        "end": "",
        "ongoing": "true",
        "partners": "Example Refugee Council",
        "funder": "Example Foundation",
        "funding_status": "funded",
        "amount": "250000",
        "currency": "USD",
    }
    row.update(changes)
    return ",".join(f'"{v}"' if ("," in v or " " in v) else v for v in row.values())


CSV: list[tuple[str, str, dict[str, object]]] = [
    (
        "gcm-objective-24",
        f"{CSV_HEADER}\n{csv_row(gcm_objectives='15;24')}\n",
        {"shape": "GCMObjectiveKnownShape", "message": "No such GCM objective"},
    ),
    (
        "missing-description",
        f"{CSV_HEADER}\n{csv_row(description='')}\n",
        {"shape": "DescriptionRequiredShape", "message": "description is missing"},
    ),
    (
        "bad-currency",
        f"{CSV_HEADER}\n{csv_row(currency='US$')}\n",
        {"shape": "CurrencyCodeShape", "message": "ISO 4217"},
    ),
    (
        "gcr-objective-7",
        f"{CSV_HEADER},gcr_objectives\n{csv_row()},7\n",
        {"shape": "GCRObjectiveKnownShape", "message": "No such GCR objective"},
    ),
    (
        "end-before-start",
        f"{CSV_HEADER}\n{csv_row(end='2020-01', ongoing='false')}\n",
        {"shape": "EndNotBeforeStartShape", "message": "end date is before the start date"},
    ),
    (
        "grf-area-unknown",
        f"{CSV_HEADER},grf_areas\n{csv_row()},moon-landing\n",
        {"shape": "GRFAreaKnownShape", "message": "Global Refugee Forum"},
    ),
    (
        "missing-start",
        f"{CSV_HEADER}\n{csv_row(start='')}\n",
        {"shape": "StartDateRequiredShape", "message": "start date"},
    ),
    (
        "two-rows",
        f"{CSV_HEADER}\n{csv_row()}\n{csv_row(title='Second action')}\n",
        {"status": 400, "message": "exactly one data row"},
    ),
    (
        "ragged-row",
        f"{CSV_HEADER}\n{csv_row()},extra-cell\n",
        {"status": 400, "message": "cells but the header has"},
    ),
    (
        "unknown-column",
        f"{CSV_HEADER},budget\n{csv_row()},12\n",
        {"status": 400, "message": "unknown field(s) budget"},
    ),
    ("header-only", f"{CSV_HEADER}\n", {"status": 400, "message": "exactly one data row"}),
]

WARNINGS: list[tuple[str, str, dict[str, object]]] = [
    (
        "warning-no-end-and-not-ongoing",
        ttl(drop=("ongoing",)),
        {
            "status": 200,
            "severity": "Warning",
            "shape": "EndOrOngoingWarningShape",
            "message": "Neither an end date",
        },
    ),
    (
        "warning-short-description",
        ttl(
            replace={
                "description": f'{A} dcterms:description "A fictional desk where newcomers register."@en .'
            }
        ),
        {"status": 200, "severity": "Warning", "shape": "DescriptionShortWarningShape", "message": "short"},
    ),
]


def main() -> None:
    manifest = []
    groups = [("ttl", TURTLE + WARNINGS), ("json", JSON), ("jsonld", JSONLD), ("csv", CSV)]
    for ext, items in groups:
        for name, text, expect in items:
            rel = f"{ext}/{name}.{ext}"
            path = OUT / rel
            path.parent.mkdir(parents=True, exist_ok=True)
            if ext == "ttl":
                text = re.sub(
                    r"id:((?:[A-Za-z0-9-]+\\/)+[A-Za-z0-9-]+)",
                    lambda m: "<" + ID + m.group(1).replace("\\/", "/") + ">",
                    text,
                )
            path.write_text(text, encoding="utf-8")
            entry = {"file": rel, "status": expect.get("status", 422)}
            entry.update({k: v for k, v in expect.items() if k != "status"})
            manifest.append(entry)
    latin1 = OUT / "ttl" / "broken-not-utf8.ttl"
    latin1.write_bytes(ttl().replace("one-stop", "guichet \u00e9tendu").encode("latin-1"))
    manifest.append({"file": "ttl/broken-not-utf8.ttl", "status": 400, "message": "not UTF-8"})
    (OUT / "manifest.yaml").write_text(
        "# file -> expected answer of POST /submissions/validate (see ../make_fixtures.py)\n"
        + yaml.safe_dump(manifest, sort_keys=False, allow_unicode=True, width=120),
        encoding="utf-8",
    )
    print(f"{len(manifest)} fixtures")


if __name__ == "__main__":
    main()
