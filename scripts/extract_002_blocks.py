"""Per-block facts of source 002 that a parser cannot decide: actor slugs, labels, types, action slugs.

Used by ``scripts/extract_002.py``; read off the text of ``002_34f54612af6dfd42.txt`` block by block.
Actor typing rule: a specific LRG class only when the source names the actor with that word ("The City
of Arua", "Municipality of Beirut", "the District of Barranquilla", "Accra Metropolitan Assembly", "the
city government", "X and partner cities"); otherwise ``LocalRegionalGovernment``. The comment on each
entry quotes the words the choice rests on.
"""

from __future__ import annotations

from typing import Any

#: Blocks of the section "CALL TO LOCAL ACTION 2022 SUBMISSIONS", keyed by the heading line as printed.
#: slug: actor slug (also the section slug); label: skos:prefLabel; type: lak class; alt: skos:altLabel
#: variants that occur in the text; actions: action slugs in the order the titles are printed;
#: country: override for the country line (headings that carry it on the same line / none);
#: actor_countries: where the actor is based, when that differs from the country line (FAMSI).
BLOCKS: dict[str, dict[str, Any]] = {
    # "The Accra Metropolitan Assembly"
    "ACCRA": dict(
        slug="accra",
        label="Accra",
        type="MetropolitanGovernment",
        alt=["Accra Metropolitan Assembly"],
        actions=["accra-climate-vulnerabilities-migrants"],
    ),
    "ADDIS ABABA": dict(
        slug="addis-ababa",
        label="Addis Ababa",
        type="City",  # "The City of Addis Ababa"
        alt=["Addis Ababa City Administration"],
        actions=["addis-ababa-koyefeche-idps-water-entrepreneurship"],
    ),
    "ARUA": dict(
        slug="arua",
        label="Arua",
        type="City",  # "The City of Arua"
        actions=["arua-refugee-participation-city-planning", "arua-waste-management-institutional-greening"],
    ),
    "BARCELONA": dict(
        slug="barcelona",
        label="Barcelona",
        type="City",  # "The City of Barcelona"
        actions=["barcelona-humanitarian-bridge-ukraine"],
    ),
    # "the District of Barranquilla"
    "BARRANQUILLA": dict(
        slug="barranquilla",
        label="Barranquilla",
        type="District",
        alt=["District of Barranquilla"],
        actions=[
            "barranquilla-local-integration-center-migrants",
            "barranquilla-todos-somos-opportunities-center",
        ],
    ),
    "BEIRA": dict(
        slug="beira",
        label="Beira",
        type="City",  # "The city government will transform"
        actions=["beira-climate-vulnerability-praia-nova"],
    ),
    "BEIRUT": dict(
        slug="beirut",
        label="Beirut",
        type="Municipality",  # title "Municipality of Beirut"
        alt=["Municipality of Beirut"],
        actions=["beirut-mobile-health-clinic"],
    ),
    "BOGOTÁ": dict(
        slug="bogota",
        label="Bogotá",
        type="City",  # "operated by the city"
        actions=["bogota-advisor-migratory-affairs", "bogota-nutrition-reception-center"],
    ),
    "BOSTON": dict(
        slug="boston",
        label="Boston",
        type="City",  # "the City of Boston"
        actions=[
            "boston-dreamers-fellowship",
            "boston-immigrant-professionals-fellowship",
            "boston-immigrants-lead-boston",
            "boston-legal-access-community-organizations",
            "boston-mental-health-mini-grants",
        ],
    ),
    "BRAGA": dict(
        slug="braga",
        label="Braga",
        type="City",  # "Braga and partner cities assert"
        actions=["braga-pledge-children-displaced-ukraine"],
    ),
    "BRISTOL": dict(
        slug="bristol",
        label="Bristol",
        type="City",  # "with other UK cities"
        actions=["bristol-governance-service-delivery-protection"],
    ),
    # "a Municipal Migration Policy"
    "COTO BRUS": dict(
        slug="coto-brus",
        label="Coto Brus",
        type="Municipality",
        actions=["coto-brus-local-migration-governance-indicators"],
    ),
    "DHAKA NORTH": dict(
        slug="dhaka-north",
        label="Dhaka North",
        type="LocalRegionalGovernment",  # not stated
        actions=["dhaka-north-livelihoods-urban-poor"],
    ),
    "DÉDOUGOU": dict(
        slug="dedougou",
        label="Dédougou",
        type="City",  # "the city transferred students"
        actions=["dedougou-school-idp-students"],
    ),
    "ENTEBBE": dict(
        slug="entebbe",
        label="Entebbe",
        type="LocalRegionalGovernment",  # not stated
        actions=["entebbe-namiiro-wetland-migrants-refugees"],
    ),
    # not stated
    "eTHEKWINI (DURBAN)": dict(
        slug="ethekwini",
        label="eThekwini",
        type="LocalRegionalGovernment",
        alt=["eThekweni", "Durban", "eThekweni (Durban)"],
        actions=["ethekwini-homeless-migrant-displaced-response"],
    ),
    "ESTEBAN ECHEVERRÍA": dict(
        slug="esteban-echeverria",
        label="Esteban Echeverría",
        type="Municipality",  # "the municipality organizes workshops"
        alt=["Esteban Echevarría", "City of Esteban Echeverría"],
        actions=["esteban-echeverria-human-rights-programme-renewal"],
    ),
    "FREETOWN": dict(
        slug="freetown",
        label="Freetown",
        type="City",  # "Freetown City Council (FCC)"
        alt=["Freetown City Council"],
        actions=["freetown-waste-micro-enterprise"],
    ),
    "FUENLABRADA": dict(
        slug="fuenlabrada",
        label="Fuenlabrada",
        type="City",  # "the city government drafted"
        actions=["fuenlabrada-plan-city-of-peace"],
    ),
    "GAZIANTEP": dict(
        slug="gaziantep",
        label="Gaziantep",
        type="City",  # "the city works with UN Agencies"
        actions=["gaziantep-social-cohesion-model"],
    ),
    "HAHO": dict(
        slug="haho",
        label="Haho",
        type="City",  # "with other nearby city governments"
        actions=["haho-pastoralism-livestock-mobility-cohesion"],
    ),
    "HARGEISA": dict(
        slug="hargeisa",
        label="Hargeisa",
        type="City",  # title "Hargeisa City"
        alt=["Hargeisa City"],
        actions=["hargeisa-daami-idps-resettlement-livelihoods"],
    ),
    "JIGJIGA": dict(
        slug="jigjiga",
        label="Jigjiga",
        type="City",  # "The city government will implement"
        actions=["jigjiga-inclusive-climate-action"],
    ),
    "JOHANNESBURG": dict(
        slug="johannesburg",
        label="Johannesburg",
        type="City",  # "the city of Johannesburg"
        actions=["johannesburg-climate-change-response-migrants"],
    ),
    "KAMPALA": dict(
        slug="kampala",
        label="Kampala",
        type="City",  # "with other Ugandan cities"
        actions=["kampala-for-all-safety-nets"],
    ),
    "KOBOKO": dict(
        slug="koboko",
        label="Koboko",
        type="Municipality",  # title "Municipality of Koboko"
        alt=["Municipality of Koboko"],
        actions=["koboko-crrf-inclusive-urban-development"],
    ),
    "LAMPEDUSA": dict(
        slug="lampedusa",
        label="Lampedusa",
        type="Municipality",
        # "the Municipality of Lampedusa and Linosa" (also "the City of Lampedusa and Linosa")
        alt=["Lampedusa and Linosa", "Municipality of Lampedusa and Linosa", "City of Lampedusa and Linosa"],
        actions=["lampedusa-peace-walk-shipwreck-tribute", "lampedusa-loran-base-peace-migration-center"],
    ),
    "MEDELLÍN": dict(
        slug="medellin",
        label="Medellín",
        type="City",  # "the city improved these families"
        actions=["medellin-housing-assistance-migrant-families"],
    ),
    "MECHELEN": dict(
        slug="mechelen",
        label="Mechelen",
        type="LocalRegionalGovernment",  # not stated
        actions=["mechelen-youth-work-for-all"],
    ),
    "MEXICO CITY": dict(
        slug="mexico-city",
        label="Mexico City",
        type="City",  # "the city government's first"
        actions=["mexico-city-inclusive-income-protection"],
    ),
    "MILAN": dict(
        slug="milan",
        label="Milan",
        type="City",  # "the cities of Milan and Freetown"
        actions=[
            "milan-africa-europe-mayors-dialogue-freetown",
            "milan-green-jobs-just-transition",
            "milan-governance-service-delivery-protection-youth",
        ],
    ),
    "MONROVIA": dict(
        slug="monrovia",
        label="Monrovia",
        type="City",  # "the Monrovia City Government"
        alt=["Monrovia City Government"],
        actions=["monrovia-go-green-resilience-adaptation"],
    ),
    "MONTEVIDEO": dict(
        slug="montevideo",
        label="Montevideo",
        type="LocalRegionalGovernment",
        # "The Government of Montevideo": kind of government not stated
        alt=["Government of Montevideo"],
        actions=["montevideo-24-hour-center-migrant-women"],
    ),
    "MONTRÉAL": dict(
        slug="montreal",
        label="Montréal",
        type="City",  # "the City of Montréal"
        alt=["Montreal"],
        actions=[
            "montreal-station-nouveau-depart",
            "montreal-inclusive-au-travail",
            "montreal-fearless-access-services",
        ],
    ),
    "NADOR": dict(
        slug="nador",
        label="Nador",
        type="City",  # "the city is taking a leading role"
        actions=["nador-social-sustainable-intercultural-dialogue", "nador-active-city-living-together"],
    ),
    "NAIROBI": dict(
        slug="nairobi",
        label="Nairobi",
        type="City",  # "The city government will first conduct"
        actions=["nairobi-city-of-choice"],
    ),
    "PARIS": dict(
        slug="paris",
        label="Paris",
        type="City",  # title "with the City of Paris"
        actions=["paris-climate-migration-urban-areas"],
    ),
    "QUITO": dict(
        slug="quito",
        label="Quito",
        type="City",  # "The city government will organize"
        actions=["quito-human-mobility-planning"],
    ),
    "SAN JOSÉ": dict(
        slug="san-jose-costa-rica",
        label="San José",
        type="Municipality",
        # "the Municipality of San José"
        alt=["Municipality of San José"],
        actions=["san-jose-costa-rica-local-migration-governance-indicators"],
    ),
    "SAN JOSÉ, CALIFORNIA": dict(
        slug="san-jose-california",
        label="San José, California",
        type="City",
        # "the city’s immigrant community"
        alt=["San José"],
        actions=["san-jose-california-welcoming-plan-2-0"],
    ),
    "SÃO PAULO": dict(
        slug="sao-paulo",
        label="São Paulo",
        type="City",  # "the city’s groundbreaking policy"
        alt=["Sao Paulo"],
        actions=["sao-paulo-municipal-plan-immigrant-population"],
    ),
    "SFAX": dict(
        slug="sfax",
        label="Sfax",
        type="City",  # "The city government requested"
        actions=["sfax-migrants-access-services-covid-19"],
    ),
    "STRASBOURG": dict(
        slug="strasbourg",
        label="Strasbourg",
        type="City",  # "Strasbourg City Council"
        alt=["Strasbourg City Council"],
        actions=["strasbourg-manifesto-dignified-reception"],
    ),
    "ZÜRICH": dict(
        slug="zurich",
        label="Zürich",
        type="City",  # "the City of Zürich"
        alt=["Zurich", "City of Zürich"],
        actions=[
            "zurich-humanitarian-aid-ukrainian-refugees",
            "zurich-ukraine-refugees-admission-reception",
            "zurich-whole-of-government-coordination-grf",
        ],
    ),
    "ANVITA (National Association of Welcoming Cities and Territories) France": dict(
        slug="anvita",
        label="ANVITA",
        type="LRGAssociation",
        country="France",
        alt=[
            "National Association of Welcoming Cities and Territories",
            "French National Association of Welcoming Cities and Territories",
        ],
        actions=[
            "anvita-projet-oddyssee-migration-sdgs",
            "anvita-campaign-against-misinformation",
            "anvita-simultaneous-sponsorship-ceremonies",
            "anvita-refugee-convention-campaign",
            "anvita-guide-welcoming-france",
        ],
    ),
    # Joint block of C40 Cities and MMC: the section slug is c40-mmc, the submitters are both actors.
    "C40 - MMC Global": dict(
        slug="c40-mmc",
        submitters=["c40", "mmc"],
        country=None,
        actions=["c40-mmc-global-mayors-action-agenda"],
    ),
    "FAMSI (Andalusian Fund of Municipalities for International Solidarity)": dict(
        slug="famsi",
        label="FAMSI",
        type="LRGAssociation",
        alt=["Andalusian Fund of Municipalities for International Solidarity"],
        # The country line "Spain, Morocco" covers where the four actions take place (kept verbatim as
        # lak:countryAsStated); FAMSI itself is based in Spain: "FAMSI, as a network of local governments
        # in Andalusia". lak:country is the country where an actor is based.
        actor_countries=["Spain"],
        actions=[
            "famsi-tu-tambien-mobility-assessment",
            "famsi-embracin-young-adult-migrants",
            "famsi-music-moves-us-campaign",
            "famsi-move-green-project",
        ],
    ),
    # "The German government supports ...": the submitter is Germany's national government.
    "GERMANY - MAYORS MECHANISM": dict(
        slug="germany",
        label="Germany",
        type="NationalGovernment",
        alt=["German government"],
        country="Germany",
        actions=["germany-localizing-global-compact-migration"],
    ),
}
