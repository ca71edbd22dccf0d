"""Hand-checked per-block facts for source 002 that a parser cannot decide on its own.

Used by ``scripts/extract_002.py``. Everything here was read off the text of
``002_34f54612af6dfd42.txt`` block by block; each choice that is not a plain copy of the text
carries a comment quoting the words it rests on.

Actor typing rule (documented in the report): a specific LRG class only when the source names the
actor with that word ("The City of Arua", "Municipality of Beirut", "the District of Barranquilla",
"Accra Metropolitan Assembly", "the city government", "X and partner cities"); otherwise
``LocalRegionalGovernment``.
"""

from __future__ import annotations

from typing import Any

#: Blocks of the section "CALL TO LOCAL ACTION 2022 SUBMISSIONS", keyed by the heading line as printed.
#: slug: actor slug (also the section slug); label: skos:prefLabel; type: lak class; alt: skos:altLabel
#: variants that occur in the text; actions: action slugs in the order the titles are printed;
#: country: override for the country line (headings that carry it on the same line / none).
BLOCKS: dict[str, dict[str, Any]] = {
    # "The Accra Metropolitan Assembly"
    "ACCRA": dict(slug="accra", label="Accra", type="MetropolitanGovernment",
                  alt=["Accra Metropolitan Assembly"], actions=["accra-climate-vulnerabilities-migrants"]),
    "ADDIS ABABA": dict(slug="addis-ababa", label="Addis Ababa", type="City",  # "The City of Addis Ababa"
                        alt=["Addis Ababa City Administration"],
                        actions=["addis-ababa-koyefeche-idps-water-entrepreneurship"]),
    "ARUA": dict(slug="arua", label="Arua", type="City",  # "The City of Arua"
                 actions=["arua-refugee-participation-city-planning",
                          "arua-waste-management-institutional-greening"]),
    "BARCELONA": dict(slug="barcelona", label="Barcelona", type="City",  # "The City of Barcelona"
                      actions=["barcelona-humanitarian-bridge-ukraine"]),
    # "the District of Barranquilla"
    "BARRANQUILLA": dict(slug="barranquilla", label="Barranquilla", type="District",
                         alt=["District of Barranquilla"],
                         actions=["barranquilla-local-integration-center-migrants",
                                  "barranquilla-todos-somos-opportunities-center"]),
    "BEIRA": dict(slug="beira", label="Beira", type="City",  # "The city government will transform"
                  actions=["beira-climate-vulnerability-praia-nova"]),
    "BEIRUT": dict(slug="beirut", label="Beirut", type="Municipality",  # title "Municipality of Beirut"
                   alt=["Municipality of Beirut"], actions=["beirut-mobile-health-clinic"]),
    "BOGOTÁ": dict(slug="bogota", label="Bogotá", type="City",  # "operated by the city"
                   actions=["bogota-advisor-migratory-affairs", "bogota-nutrition-reception-center"]),
    "BOSTON": dict(slug="boston", label="Boston", type="City",  # "the City of Boston"
                   actions=["boston-dreamers-fellowship", "boston-immigrant-professionals-fellowship",
                            "boston-immigrants-lead-boston", "boston-legal-access-community-organizations",
                            "boston-mental-health-mini-grants"]),
    "BRAGA": dict(slug="braga", label="Braga", type="City",  # "Braga and partner cities assert"
                  actions=["braga-pledge-children-displaced-ukraine"]),
    "BRISTOL": dict(slug="bristol", label="Bristol", type="City",  # "with other UK cities"
                    actions=["bristol-governance-service-delivery-protection"]),
    # "a Municipal Migration Policy"
    "COTO BRUS": dict(slug="coto-brus", label="Coto Brus", type="Municipality",
                      actions=["coto-brus-local-migration-governance-indicators"]),
    "DHAKA NORTH": dict(slug="dhaka-north", label="Dhaka North", type="LocalRegionalGovernment",  # not stated
                        actions=["dhaka-north-livelihoods-urban-poor"]),
    "DÉDOUGOU": dict(slug="dedougou", label="Dédougou", type="City",  # "the city transferred students"
                     actions=["dedougou-school-idp-students"]),
    "ENTEBBE": dict(slug="entebbe", label="Entebbe", type="LocalRegionalGovernment",  # not stated
                    actions=["entebbe-namiiro-wetland-migrants-refugees"]),
    # not stated
    "eTHEKWINI (DURBAN)": dict(slug="ethekwini", label="eThekwini", type="LocalRegionalGovernment",
                               alt=["eThekweni", "Durban", "eThekweni (Durban)"],
                               actions=["ethekwini-homeless-migrant-displaced-response"]),
    "ESTEBAN ECHEVERRÍA": dict(slug="esteban-echeverria", label="Esteban Echeverría",
                               type="Municipality",  # "the municipality organizes workshops"
                               alt=["Esteban Echevarría", "City of Esteban Echeverría"],
                               actions=["esteban-echeverria-human-rights-programme-renewal"]),
    "FREETOWN": dict(slug="freetown", label="Freetown", type="City",  # "Freetown City Council (FCC)"
                     alt=["Freetown City Council"], actions=["freetown-waste-micro-enterprise"]),
    "FUENLABRADA": dict(slug="fuenlabrada", label="Fuenlabrada", type="City",  # "the city government drafted"
                        actions=["fuenlabrada-plan-city-of-peace"]),
    "GAZIANTEP": dict(slug="gaziantep", label="Gaziantep", type="City",  # "the city works with UN Agencies"
                      actions=["gaziantep-social-cohesion-model"]),
    "HAHO": dict(slug="haho", label="Haho", type="City",  # "with other nearby city governments"
                 actions=["haho-pastoralism-livestock-mobility-cohesion"]),
    "HARGEISA": dict(slug="hargeisa", label="Hargeisa", type="City",  # title "Hargeisa City"
                     alt=["Hargeisa City"], actions=["hargeisa-daami-idps-resettlement-livelihoods"]),
    "JIGJIGA": dict(slug="jigjiga", label="Jigjiga", type="City",  # "The city government will implement"
                    actions=["jigjiga-inclusive-climate-action"]),
    "JOHANNESBURG": dict(slug="johannesburg", label="Johannesburg", type="City",  # "the city of Johannesburg"
                         actions=["johannesburg-climate-change-response-migrants"]),
    "KAMPALA": dict(slug="kampala", label="Kampala", type="City",  # "with other Ugandan cities"
                    actions=["kampala-for-all-safety-nets"]),
    "KOBOKO": dict(slug="koboko", label="Koboko", type="Municipality",  # title "Municipality of Koboko"
                   alt=["Municipality of Koboko"], actions=["koboko-crrf-inclusive-urban-development"]),
    "LAMPEDUSA": dict(slug="lampedusa", label="Lampedusa", type="Municipality",
                      # "the Municipality of Lampedusa and Linosa" (also "the City of Lampedusa and Linosa")
                      alt=["Lampedusa and Linosa", "Municipality of Lampedusa and Linosa",
                           "City of Lampedusa and Linosa"],
                      actions=["lampedusa-peace-walk-shipwreck-tribute",
                               "lampedusa-loran-base-peace-migration-center"]),
    "MEDELLÍN": dict(slug="medellin", label="Medellín", type="City",  # "the city improved these families"
                     actions=["medellin-housing-assistance-migrant-families"]),
    "MECHELEN": dict(slug="mechelen", label="Mechelen", type="LocalRegionalGovernment",  # not stated
                     actions=["mechelen-youth-work-for-all"]),
    "MEXICO CITY": dict(slug="mexico-city", label="Mexico City", type="City",  # "the city government's first"
                        actions=["mexico-city-inclusive-income-protection"]),
    "MILAN": dict(slug="milan", label="Milan", type="City",  # "the cities of Milan and Freetown"
                  actions=["milan-africa-europe-mayors-dialogue-freetown", "milan-green-jobs-just-transition",
                           "milan-governance-service-delivery-protection-youth"]),
    "MONROVIA": dict(slug="monrovia", label="Monrovia", type="City",  # "the Monrovia City Government"
                     alt=["Monrovia City Government"], actions=["monrovia-go-green-resilience-adaptation"]),
    "MONTEVIDEO": dict(slug="montevideo", label="Montevideo", type="LocalRegionalGovernment",
                       # "The Government of Montevideo": kind of government not stated
                       alt=["Government of Montevideo"], actions=["montevideo-24-hour-center-migrant-women"]),
    "MONTRÉAL": dict(slug="montreal", label="Montréal", type="City",  # "the City of Montréal"
                     alt=["Montreal"],
                     actions=["montreal-station-nouveau-depart", "montreal-inclusive-au-travail",
                              "montreal-fearless-access-services"]),
    "NADOR": dict(slug="nador", label="Nador", type="City",  # "the city is taking a leading role"
                  actions=["nador-social-sustainable-intercultural-dialogue",
                           "nador-active-city-living-together"]),
    "NAIROBI": dict(slug="nairobi", label="Nairobi", type="City",  # "The city government will first conduct"
                    actions=["nairobi-city-of-choice"]),
    "PARIS": dict(slug="paris", label="Paris", type="City",  # title "with the City of Paris"
                  actions=["paris-climate-migration-urban-areas"]),
    "QUITO": dict(slug="quito", label="Quito", type="City",  # "The city government will organize"
                  actions=["quito-human-mobility-planning"]),
    "SAN JOSÉ": dict(slug="san-jose-costa-rica", label="San José", type="Municipality",
                     # "the Municipality of San José"
                     alt=["Municipality of San José"],
                     actions=["san-jose-costa-rica-local-migration-governance-indicators"]),
    "SAN JOSÉ, CALIFORNIA": dict(slug="san-jose-california", label="San José, California", type="City",
                                 # "the city’s immigrant community"
                                 alt=["San José"], actions=["san-jose-california-welcoming-plan-2-0"]),
    "SÃO PAULO": dict(slug="sao-paulo", label="São Paulo", type="City",  # "the city’s groundbreaking policy"
                      alt=["Sao Paulo"], actions=["sao-paulo-municipal-plan-immigrant-population"]),
    "SFAX": dict(slug="sfax", label="Sfax", type="City",  # "The city government requested"
                 actions=["sfax-migrants-access-services-covid-19"]),
    "STRASBOURG": dict(slug="strasbourg", label="Strasbourg", type="City",  # "Strasbourg City Council"
                       alt=["Strasbourg City Council"], actions=["strasbourg-manifesto-dignified-reception"]),
    "ZÜRICH": dict(slug="zurich", label="Zürich", type="City",  # "the City of Zürich"
                   alt=["Zurich", "City of Zürich"],
                   actions=["zurich-humanitarian-aid-ukrainian-refugees",
                            "zurich-ukraine-refugees-admission-reception",
                            "zurich-whole-of-government-coordination-grf"]),
    "ANVITA (National Association of Welcoming Cities and Territories) France": dict(
        slug="anvita", label="ANVITA", type="LRGAssociation", country="France",
        alt=["National Association of Welcoming Cities and Territories",
             "French National Association of Welcoming Cities and Territories"],
        actions=["anvita-projet-oddyssee-migration-sdgs", "anvita-campaign-against-misinformation",
                 "anvita-simultaneous-sponsorship-ceremonies", "anvita-refugee-convention-campaign",
                 "anvita-guide-welcoming-france"]),
    # Joint block of C40 Cities and MMC: the section slug is c40-mmc, the submitters are both actors.
    "C40 - MMC Global": dict(slug="c40-mmc", submitters=["c40", "mmc"], country=None,
                             actions=["c40-mmc-global-mayors-action-agenda"]),
    "FAMSI (Andalusian Fund of Municipalities for International Solidarity)": dict(
        slug="famsi", label="FAMSI", type="LRGAssociation",
        alt=["Andalusian Fund of Municipalities for International Solidarity"],
        actions=["famsi-tu-tambien-mobility-assessment", "famsi-embracin-young-adult-migrants",
                 "famsi-music-moves-us-campaign", "famsi-move-green-project"]),
    # "The German government supports ...": the submitter is Germany's national government.
    "GERMANY - MAYORS MECHANISM": dict(slug="germany", label="Germany", type="NationalGovernment",
                                       alt=["German government"], country="Germany",
                                       actions=["germany-localizing-global-compact-migration"]),
}

#: Actors other than the submitting blocks: slug -> (lak class, prefLabel, altLabels, country name or None).
OTHER_ACTORS: dict[str, tuple[str, str, list[str], str | None]] = {
    "c40": ("LRGAssociation", "C40 Cities", ["C40", "C40 Cities Climate Leadership Group"], None),
    "mmc": ("LRGAssociation", "Mayors Migration Council", ["MMC"], None),  # "mayor-led organizations"
    "uclg": ("LRGAssociation", "United Cities and Local Governments", ["UCLG"], None),
    "iom": ("InternationalOrganisation", "International Organization for Migration",
            ["IOM", "UN Migration Agency", "United Nations Migration Agency"], None),
    # prefLabels of IOs: the glossary's expansions
    "unhcr": ("InternationalOrganisation", "Office of the United Nations High Commissioner for Refugees",
              ["UNHCR", "UN Refugee Agency", "United Nations Refugee Agency"], None),
    "unicef": ("InternationalOrganisation", "United Nations Children's Fund", ["UNICEF"], None),
    # front matter: "produced with financial assistance from the German Agency for International
    # Cooperation (GIZ)"
    "giz": ("DevelopmentAgency", "German Agency for International Cooperation", ["GIZ"], None),
    "un-habitat": ("InternationalOrganisation", "UN-Habitat", ["UN-Habitat Lebanon"], None),
    "world-bank": ("InternationalOrganisation", "World Bank", [], None),
    "cities-alliance": ("InternationalOrganisation", "Cities Alliance", [], None),
    "european-commission": ("InternationalOrganisation", "European Commission", [], None),
    "mayors-mechanism": ("LRGAssociation", "GFMD Mayors Mechanism", ["Mayors Mechanism", "MM"], None),
    "mercociudades": ("LRGAssociation", "Mercociudades", [], None),
    "open-society-foundations": ("Foundation", "Open Society Foundations", [], None),
    "conrad-n-hilton-foundation": ("Foundation", "Conrad N. Hilton Foundation", [], None),
    "robert-bosch-stiftung": ("Foundation", "Robert Bosch Stiftung", [], None),
    "ikea-foundation": ("Foundation", "IKEA Foundation", [], None),
    "la-caixa-foundation": ("Foundation", "La Caixa Foundation", [], None),
    "makasi-rescue-foundation": ("CivilSocietyOrganisation", "Makasi Rescue Foundation", [], None),
    "fudela": ("CivilSocietyOrganisation", "FUDELA", [], None),
    "doctors-of-the-world": ("CivilSocietyOrganisation", "Doctors of the World", [], None),
    "terre-d-asile-tunisie": ("CivilSocietyOrganisation", "Terre d’Asile Tunisie", [], None),
    "grdr": ("CivilSocietyOrganisation", "Grdr Migration-Citoyenneté-Développement", [], None),
    "jrs-france": ("CivilSocietyOrganisation", "Jesuit Refugee Service France", [], None),
    "acpp": ("CivilSocietyOrganisation", "ACPP", [], None),
    "asticude": ("CivilSocietyOrganisation", "ASTICUDE", [], None),
    # "the Hugo Observatory of Liège University": a university body; no finer lak class exists.
    "hugo-observatory": ("Actor", "Hugo Observatory of Liège University", [], None),
    "andalusian-agency-for-international-development-cooperation": (
        "DevelopmentAgency", "Andalusian Agency for International Development Cooperation", [], None),
    "directorate-general-for-children": (
        "LocalRegionalGovernment",  # level of government not stated
        "Directorate General for Children of the Ministry of Equality, Social Policies and Conciliation",
        [], None),
    "sicily": ("Region", "Region of Sicily", ["Sicilian Region"], "Italy"),
    "italy-ministry-of-culture": ("NationalGovernment", "Ministry of Culture", [], None),
    "italy-ministry-of-defense": ("NationalGovernment", "Ministry of Defense", [], None),
    # "the municipal and provincial governments"
    "quebec": ("Province", "Government of Quebec", [], "Canada"),
    "canton-of-zurich": ("LocalRegionalGovernment", "Canton of Zürich", [], "Switzerland"),
    "state-secretariat-for-migration": ("NationalGovernment", "State Secretariat for Migration", [], None),
    "switzerland": ("NationalGovernment", "Government of Switzerland", [], "Switzerland"),
    "argentina-national-directorate-of-migration": (
        "NationalGovernment", "National Directorate of Migration", [], None),
    "argentina-national-registry": ("NationalGovernment", "National Registry", [], None),
    # ANVITA blocks: "The towns of Arcueil, ... were among participating cities" / "The Mayor of Poitiers ..."
    **{slug: ("City", label, [], "France") for slug, label in [
        ("arcueil", "Arcueil"), ("barberaz", "Barberaz"), ("clermont-ferrand", "Clermont-Ferrand"),
        ("chambery", "Chambéry"), ("cognin", "Cognin"), ("die", "Die"), ("grenoble", "Grenoble"),
        ("la-fleche", "La Flèche"), ("louvigny", "Louvigny"), ("lyon", "Lyon"), ("malakoff", "Malakoff"),
        ("rouen", "Rouen"), ("saint-baldoph", "Saint-Baldoph"), ("tours", "Tours"),
        ("villeurbanne", "Villeurbanne"), ("poitiers", "Poitiers"),
        ("fontenay-sous-bois", "Fontenay-sous-Bois"),
    ]},
}

#: Sections (besides the blocks where an actor is partner or funder) that name these actors.
ACTOR_SECTIONS: dict[str, list[str]] = {
    "c40": ["c40-mmc"], "mmc": ["c40-mmc", "about", "localizing-finance", "glossary"],
    "uclg": ["about", "glossary"], "iom": ["about", "glossary"], "unhcr": ["about", "glossary"],
    "unicef": ["glossary"], "giz": ["front-matter", "glossary"], "mayors-mechanism": ["about"],
    "mercociudades": ["san-jose-costa-rica"], "cities-alliance": ["arua"],
    "open-society-foundations": ["localizing-finance"], "conrad-n-hilton-foundation": ["localizing-finance"],
    "robert-bosch-stiftung": ["localizing-finance"], "ikea-foundation": ["localizing-finance"],
    "anvita": ["glossary"], "famsi": ["glossary"],
}

_SPONSOR_TOWNS = ["arcueil", "barberaz", "clermont-ferrand", "chambery", "cognin", "die", "grenoble",
                  "la-fleche", "louvigny", "lyon", "malakoff", "paris", "rouen", "saint-baldoph",
                  "strasbourg",
                  "tours", "villeurbanne"]

#: Partners named in each action's description (only those the text names).
PARTNERS: dict[str, list[str]] = {
    "beirut-mobile-health-clinic": ["un-habitat"],  # "In partnership with UN-Habitat Lebanon"
    # "With the UNICEF Child Friendly Cities Initiative"
    "braga-pledge-children-displaced-ukraine": ["unicef"],
    # "In coordination with the National Directorate ..."
    "esteban-echeverria-human-rights-programme-renewal": [
        "argentina-national-directorate-of-migration", "argentina-national-registry"],
    "fuenlabrada-plan-city-of-peace": ["la-caixa-foundation"],  # "through La Caixa Foundation"
    "kampala-for-all-safety-nets": ["makasi-rescue-foundation"],  # "In direct partnership with ..."
    "lampedusa-peace-walk-shipwreck-tribute": ["uclg"],  # "Mayor of Lampedusa and UCLG leaders joined forces"
    # "in collaboration with the Sicilian Region and the Ministries"
    "lampedusa-loran-base-peace-migration-center": [
        "sicily", "italy-ministry-of-culture", "italy-ministry-of-defense"],
    "milan-africa-europe-mayors-dialogue-freetown": ["freetown"],  # "the cities of Milan and Freetown"
    "milan-green-jobs-just-transition": ["c40"],  # "a pilot ... realized with C40 Cities in 2021"
    "montreal-station-nouveau-depart": ["quebec"],  # "in collaboration with the Government of Quebec"
    # "research and experience of ..."
    "nador-social-sustainable-intercultural-dialogue": ["asticude", "acpp"],
    "nador-active-city-living-together": ["acpp", "asticude"],  # "carried out by ACPP and ASTICUDE"
    # "in partnership with ... (IOM) and ..."
    "paris-climate-migration-urban-areas": ["iom", "hugo-observatory"],
    "quito-human-mobility-planning": ["fudela"],  # "Quito, in partnership with FUDELA"
    # "collaborated with actors such as ...", "with the assistance of IOM"
    "sfax-migrants-access-services-covid-19": [
        "doctors-of-the-world", "iom", "terre-d-asile-tunisie"],
    # "The Canton and City of Zürich work hand in hand with ..."
    "zurich-ukraine-refugees-admission-reception": [
        "canton-of-zurich", "state-secretariat-for-migration"],
    "zurich-whole-of-government-coordination-grf": ["switzerland"],  # "work with the national government"
    "anvita-projet-oddyssee-migration-sdgs": ["grdr"],  # "a consortium led by the NGO Grdr ..."
    "anvita-campaign-against-misinformation": [  # "The Mayor of Poitiers ... Grenoble ... Rouen ..."
        "poitiers", "grenoble", "rouen", "strasbourg", "fontenay-sous-bois"],
    "anvita-simultaneous-sponsorship-ceremonies": _SPONSOR_TOWNS,
    "anvita-refugee-convention-campaign": ["jrs-france"],  # "collaboration of Jesuit Refugee Service France"
    # "in close collaboration with ..."
    "famsi-music-moves-us-campaign": ["directorate-general-for-children"],
    # "supports the GFMD Mayors Mechanism"
    "germany-localizing-global-compact-migration": ["mayors-mechanism"],
}

#: Funding relations the text states other than the Global Cities Fund / Cities Alliance sentences
#: (those are found by pattern). as_written must occur verbatim in the block.
FUNDING: dict[str, list[dict[str, Any]]] = {
    "bogota-advisor-migratory-affairs": [
        dict(as_written="with support from the World Bank", funder="world-bank")],
    "famsi-embracin-young-adult-migrants": [
        dict(as_written="supported by the European Commission", funder="european-commission")],
    "famsi-music-moves-us-campaign": [dict(
        as_written="with support and financing by the Andalusian Agency for International Development "
        "Cooperation",
        funder="andalusian-agency-for-international-development-cooperation")],
    # "To sustain and scale the Global Cities Fund initial investment, FCC directly funded fifty percent ..."
    "freetown-waste-micro-enterprise": [
        dict(as_written="FCC directly funded fifty percent of tricycles purchased",
                                             funder="freetown")],
    "germany-localizing-global-compact-migration": [dict(
        as_written="Germany provides 200,000 euros to support Mayor Mechanism activities",
        funder="germany", recipient="mayors-mechanism", amount=("200000", "EUR"))],
    "zurich-humanitarian-aid-ukrainian-refugees": [dict(
        as_written="With a financial commitment of 500,000 Swiss francs", funder="zurich",
        amount=("500000", "CHF"))],
}

#: Persons whose names the text also spells another way, and extra posts stated in pull quotes.
PERSON_ALT: dict[str, list[str]] = {
    "yvonne-aki-sawyer": ["Yvonne Aki-Sawerr"],  # quote attribution spelling
    "salvatore-martello": ["Totò Martello"],  # "Totò Martello, Mayor of Lampedusa"
    "paula-vargas": ["Licenciada Paula Vargas"],  # name line with the academic title
}
PERSON_NAME_FIX: dict[str, str] = {"Licenciada Paula Vargas": "Paula Vargas"}
EXTRA_POSTS: list[dict[str, str]] = [
    # attribution lines under the Freetown quote: "Mayor of Freetown, Sierra Leone /
    # MMC Leadership Board Member"
    dict(person="yvonne-aki-sawyer", org="mmc", role="BoardMemberRole", title="MMC Leadership Board Member",
         section="freetown", post="mmc-board-member-yvonne-aki-sawyer-002"),
    # attribution printed inside the San José (Costa Rica) block:
    # "Fernando Gray / ... / Mercociudades President"
    dict(person="fernando-gray", org="mercociudades", role="PresidentRole", title="Mercociudades President",
         section="san-jose-costa-rica", post="mercociudades-president-002"),
]
