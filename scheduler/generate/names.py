"""Titles for generated sessions, in English and French, so generated files read like real ones.

Each entry is `(slug, English, French)`. The slug makes ids (`wg-tip`, `cg-adaptation`). When a
session needs more names than a bank holds, `pick` numbers the repeats.
"""

from __future__ import annotations

import random

Name = tuple[str, str, str]

#: Working groups of a treaty body's Conference of the Parties.
TREATY_WORKING_GROUPS: tuple[Name, ...] = (
    ("ic", "Working Group on International Cooperation",
     "Groupe de travail sur la coopération internationale"),
    ("tip", "Working Group on Trafficking in Persons",
     "Groupe de travail sur la traite des personnes"),
    ("som", "Working Group on the Smuggling of Migrants",
     "Groupe de travail sur le trafic illicite de migrants"),
    ("fa", "Working Group on Firearms", "Groupe de travail sur les armes à feu"),
    ("ta", "Working Group of Government Experts on Technical Assistance",
     "Groupe de travail d'experts gouvernementaux sur l'assistance technique"),
    ("ar", "Working Group on Asset Recovery", "Groupe de travail sur le recouvrement d'avoirs"),
    ("prev", "Working Group on the Prevention of Corruption",
     "Groupe de travail sur la prévention de la corruption"),
    ("cyber", "Expert Group on Cybercrime", "Groupe d'experts sur la cybercriminalité"),
)  # fmt: skip

#: Working groups of a functional commission.
COMMISSION_WORKING_GROUPS: tuple[Name, ...] = (
    ("strat", "Working Group on Strategic Management, Budgetary and Administrative Questions",
     "Groupe de travail sur les questions de gestion stratégique, de budget et d'administration"),
    ("review", "Working Group on the Review Mechanism",
     "Groupe de travail sur le mécanisme d'examen"),
    ("scheduling", "Working Group on the Scheduling of Substances",
     "Groupe de travail sur le placement sous contrôle des substances"),
    ("prevention", "Working Group on Prevention and Treatment",
     "Groupe de travail sur la prévention et le traitement"),
    ("justice", "Working Group on Criminal Justice Reform",
     "Groupe de travail sur la réforme de la justice pénale"),
    ("data", "Working Group on Data Collection", "Groupe de travail sur la collecte des données"),
)  # fmt: skip

#: Contact groups of climate-conference subsidiary bodies, worded to follow "on" ("Contact group
#: on loss and damage"), hence lower case but for proper names.
CONTACT_GROUPS: tuple[Name, ...] = (
    ("art6", "Article 6 of the Paris Agreement", "Article 6 de l'Accord de Paris"),
    ("adaptation", "global goal on adaptation", "objectif mondial en matière d'adaptation"),
    ("loss-damage", "loss and damage", "pertes et préjudices"),
    ("mitigation", "mitigation work programme", "programme de travail sur l'atténuation"),
    ("gst", "global stocktake", "bilan mondial"),
    ("finance", "long-term finance", "financement à long terme"),
    ("technology", "technology framework", "cadre technologique"),
    ("capacity", "capacity-building", "renforcement des capacités"),
    ("gender", "gender and climate change", "genre et changements climatiques"),
    ("rso", "research and systematic observation", "recherche et observation systématique"),
    ("agriculture", "agriculture and food security", "agriculture et sécurité alimentaire"),
    ("just-transition", "just transition pathways", "voies de transition juste"),
    ("response", "impact of response measures", "impact des mesures de riposte"),
    ("transparency", "enhanced transparency framework", "cadre de transparence renforcé"),
    ("budget", "programme budget", "budget-programme"),
    ("aim", "arrangements for intergovernmental meetings",
     "dispositions à prendre pour les réunions intergouvernementales"),
    ("ocean", "ocean and climate change dialogue", "dialogue sur l'océan et le climat"),
    ("ace", "Action for Climate Empowerment", "Action pour l'autonomisation climatique"),
    ("lcipp", "local communities and indigenous peoples platform",
     "plateforme des communautés locales et des peuples autochtones"),
    ("nap", "national adaptation plans", "plans nationaux d'adaptation"),
    ("ldc", "matters relating to the least developed countries",
     "questions relatives aux pays les moins avancés"),
    ("methods", "methodological issues under the Convention",
     "questions méthodologiques relevant de la Convention"),
    ("timeframes", "common time frames", "calendriers communs"),
    ("af", "matters relating to the Adaptation Fund",
     "questions relatives au Fonds pour l'adaptation"),
    ("review", "second periodic review", "deuxième examen périodique"),
    ("forest", "reducing emissions from deforestation",
     "réduction des émissions dues au déboisement"),
    ("ttf", "technology transfer", "transfert de technologies"),
    ("scf", "Standing Committee on Finance", "Comité permanent du financement"),
)  # fmt: skip

#: Substantive agenda items (plenaries, Committee of the Whole, subsidiary bodies).
AGENDA_TOPICS: tuple[Name, ...] = (
    ("review", "Review of implementation", "Examen de l'application"),
    ("ta", "Technical assistance", "Assistance technique"),
    ("ic", "International cooperation", "Coopération internationale"),
    ("prevention", "Prevention", "Prévention"),
    ("serious", "Other serious crimes", "Autres infractions graves"),
    ("finance", "Financial and budgetary matters", "Questions financières et budgétaires"),
    ("policy", "Policy directives", "Directives de politique générale"),
    ("strategic", "Strategic management", "Gestion stratégique"),
    ("follow-up", "Follow-up to previous decisions", "Suite donnée aux décisions antérieures"),
    ("thematic", "Thematic discussion", "Débat thématique"),
    ("cooperation", "Cooperation with other bodies", "Coopération avec d'autres organes"),
    ("reports", "Reports of subsidiary bodies", "Rapports des organes subsidiaires"),
    ("science", "Scientific and technological advice", "Avis scientifiques et technologiques"),
    ("implementation", "Matters relating to implementation",
     "Questions relatives à la mise en œuvre"),
    ("admin", "Administrative, financial and institutional matters",
     "Questions administratives, financières et institutionnelles"),
    ("drafts", "Consideration of draft resolutions", "Examen des projets de résolution"),
    ("high-level", "High-level segment", "Débat de haut niveau"),
    ("partnerships", "Partnerships", "Partenariats"),
    ("data", "Data collection and analysis", "Collecte et analyse des données"),
    ("emerging", "Emerging issues", "Questions nouvelles"),
)  # fmt: skip

#: Sub-items of a substantive item.
SUB_TOPICS: tuple[Name, ...] = (
    ("report", "Report of the Secretariat", "Rapport du Secrétariat"),
    ("progress", "Progress made", "Progrès accomplis"),
    ("resources", "Resources", "Ressources"),
    ("guidance", "Guidance", "Orientations"),
    ("experts", "Outcome of expert meetings", "Résultats des réunions d'experts"),
    ("tools", "Tools and good practices", "Outils et bonnes pratiques"),
    ("regional", "Regional perspectives", "Perspectives régionales"),
    ("protocol", "Implementation of the Protocol", "Application du Protocole"),
    ("methods", "Methods of work", "Méthodes de travail"),
    ("mandates", "Mandates", "Mandats"),
)  # fmt: skip

#: The organizational sub-items that open every agenda, the opening first.
ORGANIZATIONAL: tuple[Name, ...] = (
    ("opening", "Opening of the session", "Ouverture de la session"),
    ("officers", "Election of officers", "Élection du Bureau"),
    ("agenda", "Adoption of the agenda and organization of work",
     "Adoption de l'ordre du jour et organisation des travaux"),
    ("participation", "Participation", "Participation"),
    ("credentials", "Adoption of the report on credentials",
     "Adoption du rapport sur les pouvoirs"),
    ("debate", "General debate", "Débat général"),
)  # fmt: skip

ORGANIZATIONAL_HEADING: Name = ("org", "Organizational matters", "Questions d'organisation")
OTHER_MATTERS: Name = ("other", "Other matters", "Questions diverses")
REPORT_ADOPTION: Name = ("report", "Adoption of the report", "Adoption du rapport")


def pick(bank: tuple[Name, ...], count: int, rng: random.Random) -> list[Name]:
    """`count` names from `bank` in a seeded order; repeats get a suffix (`art6-b`, "(2)").

    A letter, not a number: entries of a body are numbered (`wg-ic-2`), and a body id must
    never equal an entry id.
    """
    order = list(bank)
    rng.shuffle(order)
    names: list[Name] = []
    for n in range(count):
        slug, en, fr = order[n % len(order)]
        round_ = n // len(order)
        if round_:
            suffix = "bcdefghjkmnpqrstuvwxyz"[(round_ - 1) % 22] * (1 + (round_ - 1) // 22)
            slug, en, fr = f"{slug}-{suffix}", f"{en} ({round_ + 1})", f"{fr} ({round_ + 1})"
        names.append((slug, en, fr))
    return names
