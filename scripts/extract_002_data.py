"""Hand-checked facts for source 002 beyond the blocks: other actors, partners, funding, persons, posts.

Used by ``scripts/extract_002.py``. Everything here was read off the text of
``002_34f54612af6dfd42.txt``; each choice that is not a plain copy of the text carries a comment
quoting the words it rests on. The per-block table (actor slugs, types, action slugs) is ``BLOCKS``
in ``extract_002_blocks``.
"""

from __future__ import annotations

from typing import Any

from extract_002_blocks import BLOCKS

__all__ = [
    "BLOCKS",
    "OTHER_ACTORS",
    "ACTOR_SECTIONS",
    "PARTNERS",
    "FUNDING",
    "PERSON_ALT",
    "PERSON_NAME_FIX",
    "EXTRA_POSTS",
]

#: Actors other than the submitting blocks: slug -> (lak class, prefLabel, altLabels, country name or None).
OTHER_ACTORS: dict[str, tuple[str, str, list[str], str | None]] = {
    "c40": ("LRGAssociation", "C40 Cities", ["C40", "C40 Cities Climate Leadership Group"], None),
    "mmc": ("LRGAssociation", "Mayors Migration Council", ["MMC"], None),  # "mayor-led organizations"
    "uclg": ("LRGAssociation", "United Cities and Local Governments", ["UCLG"], None),
    "iom": (
        "InternationalOrganisation",
        "International Organization for Migration",
        ["IOM", "UN Migration Agency", "United Nations Migration Agency"],
        None,
    ),
    # prefLabels of IOs: the glossary's expansions
    "unhcr": (
        "InternationalOrganisation",
        "Office of the United Nations High Commissioner for Refugees",
        ["UNHCR", "UN Refugee Agency", "United Nations Refugee Agency"],
        None,
    ),
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
    # "a platform of twenty African and European mayors" (same slug and class as source 001's data)
    "africa-europe-mayors-dialogue": ("LRGAssociation", "Africa-Europe Mayors' Dialogue", [], None),
    # "Welcoming America’s Certified Welcoming program": this text does not say what kind of organisation
    # it is (source 001 lists it among partner associations; that is source 001's statement)
    "welcoming-america": ("Actor", "Welcoming America", [], None),
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
        "DevelopmentAgency",
        "Andalusian Agency for International Development Cooperation",
        [],
        None,
    ),
    # "the Directorate General for Children of the Ministry of Equality, Social Policies and Conciliation":
    # a government body whose level (national or regional) the text does not state, so no lak class that
    # would assert one (lak:LocalRegionalGovernment or lak:NationalGovernment).
    "directorate-general-for-children": (
        "Actor",
        "Directorate General for Children of the Ministry of Equality, Social Policies and Conciliation",
        [],
        None,
    ),
    "sicily": ("Region", "Region of Sicily", ["Sicilian Region"], "Italy"),
    "italy-ministry-of-culture": ("NationalGovernment", "Ministry of Culture", [], None),
    "italy-ministry-of-defense": ("NationalGovernment", "Ministry of Defense", [], None),
    # "the municipal and provincial governments"
    "quebec": ("Province", "Government of Quebec", [], "Canada"),
    "canton-of-zurich": ("LocalRegionalGovernment", "Canton of Zürich", [], "Switzerland"),
    "state-secretariat-for-migration": ("NationalGovernment", "State Secretariat for Migration", [], None),
    "switzerland": ("NationalGovernment", "Government of Switzerland", [], "Switzerland"),
    "argentina-national-directorate-of-migration": (
        "NationalGovernment",
        "National Directorate of Migration",
        [],
        None,
    ),
    "argentina-national-registry": ("NationalGovernment", "National Registry", [], None),
    # ANVITA blocks: "The towns of Arcueil, ... were among participating cities" / "The Mayor of Poitiers ..."
    **{
        slug: ("City", label, [], "France")
        for slug, label in [
            ("arcueil", "Arcueil"),
            ("barberaz", "Barberaz"),
            ("clermont-ferrand", "Clermont-Ferrand"),
            ("chambery", "Chambéry"),
            ("cognin", "Cognin"),
            ("die", "Die"),
            ("grenoble", "Grenoble"),
            ("la-fleche", "La Flèche"),
            ("louvigny", "Louvigny"),
            ("lyon", "Lyon"),
            ("malakoff", "Malakoff"),
            ("rouen", "Rouen"),
            ("saint-baldoph", "Saint-Baldoph"),
            ("tours", "Tours"),
            ("villeurbanne", "Villeurbanne"),
            ("poitiers", "Poitiers"),
            ("fontenay-sous-bois", "Fontenay-sous-Bois"),
        ]
    },
}

#: Sections (besides the blocks where an actor is partner or funder) that name these actors.
ACTOR_SECTIONS: dict[str, list[str]] = {
    "c40": ["c40-mmc"],
    "mmc": ["c40-mmc", "about", "localizing-finance", "glossary"],
    "uclg": ["about", "glossary"],
    "iom": ["about", "glossary"],
    "unhcr": ["about", "glossary"],
    "unicef": ["glossary"],
    "giz": ["front-matter", "glossary"],
    "mayors-mechanism": ["about"],
    "mercociudades": ["san-jose-costa-rica"],
    "welcoming-america": ["san-jose-california"],
    "cities-alliance": ["arua"],
    "open-society-foundations": ["localizing-finance"],
    "conrad-n-hilton-foundation": ["localizing-finance"],
    "robert-bosch-stiftung": ["localizing-finance"],
    "ikea-foundation": ["localizing-finance"],
    "anvita": ["glossary"],
    "famsi": ["glossary"],
}

_SPONSOR_TOWNS = [
    "arcueil",
    "barberaz",
    "clermont-ferrand",
    "chambery",
    "cognin",
    "die",
    "grenoble",
    "la-fleche",
    "louvigny",
    "lyon",
    "malakoff",
    "paris",
    "rouen",
    "saint-baldoph",
    "strasbourg",
    "tours",
    "villeurbanne",
]

#: Partners named in each action's description (only those the text names).
PARTNERS: dict[str, list[str]] = {
    "beirut-mobile-health-clinic": ["un-habitat"],  # "In partnership with UN-Habitat Lebanon"
    # "With the UNICEF Child Friendly Cities Initiative"
    "braga-pledge-children-displaced-ukraine": ["unicef"],
    # "In coordination with the National Directorate ..."
    "esteban-echeverria-human-rights-programme-renewal": [
        "argentina-national-directorate-of-migration",
        "argentina-national-registry",
    ],
    "fuenlabrada-plan-city-of-peace": ["la-caixa-foundation"],  # "through La Caixa Foundation"
    "kampala-for-all-safety-nets": ["makasi-rescue-foundation"],  # "In direct partnership with ..."
    "lampedusa-peace-walk-shipwreck-tribute": ["uclg"],  # "Mayor of Lampedusa and UCLG leaders joined forces"
    # "in collaboration with the Sicilian Region and the Ministries"
    "lampedusa-loran-base-peace-migration-center": [
        "sicily",
        "italy-ministry-of-culture",
        "italy-ministry-of-defense",
    ],
    # "the cities of Milan and Freetown"; "The Africa-Europe Mayors' Dialogue is a platform ..."
    "milan-africa-europe-mayors-dialogue-freetown": ["freetown", "africa-europe-mayors-dialogue"],
    # Not partners: San José, California's "participation in Welcoming America’s Certified Welcoming
    # program" (the city takes part in Welcoming America's programme; Welcoming America is not named as
    # working on the plan), and the GFMD Mayors Mechanism in Germany's pledge ("The German government
    # supports the GFMD Mayors Mechanism"): it receives the 200,000 euros (schema:recipient in FUNDING).
    "milan-green-jobs-just-transition": ["c40"],  # "a pilot ... realized with C40 Cities in 2021"
    "montreal-station-nouveau-depart": ["quebec"],  # "in collaboration with the Government of Quebec"
    # "research and experience of ..."
    "nador-social-sustainable-intercultural-dialogue": ["asticude", "acpp"],
    "nador-active-city-living-together": ["acpp", "asticude"],  # "carried out by ACPP and ASTICUDE"
    # "in partnership with ... (IOM) and ..."
    "paris-climate-migration-urban-areas": ["iom", "hugo-observatory"],
    "quito-human-mobility-planning": ["fudela"],  # "Quito, in partnership with FUDELA"
    # "collaborated with actors such as ...", "with the assistance of IOM"
    "sfax-migrants-access-services-covid-19": ["doctors-of-the-world", "iom", "terre-d-asile-tunisie"],
    # "The Canton and City of Zürich work hand in hand with ..."
    "zurich-ukraine-refugees-admission-reception": ["canton-of-zurich", "state-secretariat-for-migration"],
    "zurich-whole-of-government-coordination-grf": ["switzerland"],  # "work with the national government"
    "anvita-projet-oddyssee-migration-sdgs": ["grdr"],  # "a consortium led by the NGO Grdr ..."
    "anvita-campaign-against-misinformation": [  # "The Mayor of Poitiers ... Grenoble ... Rouen ..."
        "poitiers",
        "grenoble",
        "rouen",
        "strasbourg",
        "fontenay-sous-bois",
    ],
    "anvita-simultaneous-sponsorship-ceremonies": _SPONSOR_TOWNS,
    "anvita-refugee-convention-campaign": ["jrs-france"],  # "collaboration of Jesuit Refugee Service France"
    # "in close collaboration with ..."
    "famsi-music-moves-us-campaign": ["directorate-general-for-children"],
}

#: Funding relations the text states other than the Global Cities Fund / Cities Alliance sentences
#: (those are found by pattern). as_written must occur verbatim in the block.
FUNDING: dict[str, list[dict[str, Any]]] = {
    "bogota-advisor-migratory-affairs": [
        dict(as_written="with support from the World Bank", funder="world-bank")
    ],
    "famsi-embracin-young-adult-migrants": [
        dict(as_written="supported by the European Commission", funder="european-commission")
    ],
    "famsi-music-moves-us-campaign": [
        dict(
            as_written="with support and financing by the Andalusian Agency for International Development "
            "Cooperation",
            funder="andalusian-agency-for-international-development-cooperation",
        )
    ],
    # "To sustain and scale the Global Cities Fund initial investment, FCC directly funded fifty percent ..."
    "freetown-waste-micro-enterprise": [
        dict(as_written="FCC directly funded fifty percent of tricycles purchased", funder="freetown")
    ],
    "germany-localizing-global-compact-migration": [
        dict(
            as_written="Germany provides 200,000 euros to support Mayor Mechanism activities",
            funder="germany",
            recipient="mayors-mechanism",
            amount=("200000", "EUR"),
        )
    ],
    "zurich-humanitarian-aid-ukrainian-refugees": [
        dict(
            as_written="With a financial commitment of 500,000 Swiss francs",
            funder="zurich",
            amount=("500000", "CHF"),
        )
    ],
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
    dict(
        person="yvonne-aki-sawyer",
        org="mmc",
        role="BoardMemberRole",
        title="MMC Leadership Board Member",
        section="freetown",
        post="mmc-board-member-yvonne-aki-sawyer-002",
    ),
    # attribution printed inside the San José (Costa Rica) block:
    # "Fernando Gray / ... / Mercociudades President"
    dict(
        person="fernando-gray",
        org="mercociudades",
        role="PresidentRole",
        title="Mercociudades President",
        section="san-jose-costa-rica",
        post="mercociudades-president-002",
    ),
    # attributions of the four quotes in the INTRODUCTION ("Emilia Saiz / Secretary General, / UCLG", ...)
    dict(
        person="emilia-saiz",
        name="Emilia Saiz",
        org="uclg",
        role="SecretaryGeneralRole",
        title="Secretary General",
        section="introduction",
        post="uclg-secretary-general-002",
    ),
    dict(
        person="antonio-vitorino",
        name="Antonio Vitorino",
        org="iom",
        role="DirectorRole",
        title="Director General",
        section="introduction",
        post="iom-director-general-002",
    ),
    # "High Commissioner" (head of UNHCR): no finer role than lak:DirectorRole exists
    dict(
        person="filippo-grandi",
        name="Filippo Grandi",
        org="unhcr",
        role="DirectorRole",
        title="High Commissioner",
        section="introduction",
        post="unhcr-high-commissioner-002",
    ),
    dict(
        person="vittoria-zanuso",
        name="Vittoria Zanuso",
        org="mmc",
        role="DirectorRole",
        title="Executive Director",
        section="introduction",
        post="mmc-executive-director-002",
    ),
]
