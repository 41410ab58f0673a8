"""The single registry of rule and preference names.

The CP-SAT model, the independent validator, infeasibility explanations and the workbook all
speak of rules by these names, so a planner sees one vocabulary everywhere. This module holds
names and wording only, no logic.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal


@dataclass(frozen=True)
class Rule:
    name: str
    kind: Literal["hard", "preference"]
    en: str
    fr: str

    def text(self, lang: str = "en") -> str:
        return self.fr if lang == "fr" else self.en


HARD_RULES: tuple[Rule, ...] = (
    Rule(
        "full-duration",
        "hard",
        "Each activity is taken exactly once, for its full duration",
        "Chaque activité est traitée une fois, pour toute sa durée",
    ),
    Rule(
        "within-periods",
        "hard",
        "Meetings are held within the session's periods: no holidays, no evening unless allowed",
        "Les séances se tiennent dans les créneaux de la session : ni jour férié, ni soirée "
        "sauf autorisation",
    ),
    Rule(
        "body-one-at-a-time",
        "hard",
        "A body does one thing at a time, in one room",
        "Un organe ne traite qu'une chose à la fois, dans une seule salle",
    ),
    Rule(
        "room-one-meeting",
        "hard",
        "A room holds one meeting at a time",
        "Une salle n'accueille qu'une séance à la fois",
    ),
    Rule(
        "body-rooms",
        "hard",
        "A body meets only in the rooms it may use",
        "Un organe ne se réunit que dans ses salles",
    ),
    Rule(
        "interpretation-booths",
        "hard",
        "An interpreted meeting is held in a room with interpretation booths",
        "Une séance avec interprétation se tient dans une salle équipée de cabines",
    ),
    Rule(
        "agenda-order",
        "hard",
        "A body takes its activities in agenda order; sub-items follow their parent",
        "Un organe examine ses points dans l'ordre du jour ; les alinéas suivent leur point",
    ),
    Rule(
        "first-last",
        "hard",
        "Activities marked first or last come before or after every other activity",
        "Les activités marquées première ou dernière précèdent ou suivent toutes les autres",
    ),
    Rule(
        "fixed-start",
        "hard",
        "Fixed activities start exactly at their fixed time or on their fixed date",
        "Les activités fixées commencent à l'heure ou à la date prévue",
    ),
    Rule(
        "earliest-start",
        "hard",
        "No activity starts before its earliest start",
        "Aucune activité ne commence avant son début au plus tôt",
    ),
    Rule(
        "deadline",
        "hard",
        "No activity ends after its deadline",
        "Aucune activité ne se termine après son échéance",
    ),
    Rule(
        "not-in-parallel",
        "hard",
        "Activities that must not run in parallel do not overlap",
        "Les activités à ne pas tenir en parallèle ne se chevauchent pas",
    ),
    Rule(
        "no-sharing",
        "hard",
        "An activity that may not share a meeting has its meetings to itself",
        "Une activité qui ne partage pas de séance dispose seule de ses séances",
    ),
    Rule(
        "no-running-on",
        "hard",
        "An activity that may not run on is taken within one meeting",
        "Une activité qui ne peut se poursuivre est traitée en une seule séance",
    ),
    Rule(
        "consecutive-meetings",
        "hard",
        "An activity that runs on continues in its body's next meeting, from its start",
        "Une activité qui se poursuit reprend à la séance suivante de son organe, dès le début",
    ),
    Rule(
        "interpretation-budget",
        "hard",
        "Interpreted meetings stay within the session's budget",
        "Le nombre de séances avec interprétation reste dans le budget de la session",
    ),
    Rule(
        "interpretation-teams",
        "hard",
        "At no time do more interpreted meetings run than there are teams",
        "À aucun moment plus de séances avec interprétation que d'équipes d'interprètes",
    ),
    Rule(
        "parallel-cap",
        "hard",
        "At no time do more meetings run than the parallel-meeting cap",
        "À aucun moment plus de séances simultanées que le plafond fixé",
    ),
)

PREFERENCES: tuple[Rule, ...] = (
    Rule(
        "carry-over",
        "preference",
        "Avoid carrying an item over into another meeting",
        "Éviter qu'un point se poursuive à une autre séance",
    ),
    Rule(
        "carry-over-to-next-day",
        "preference",
        "Avoid carrying an item over to another day",
        "Éviter qu'un point se poursuive un autre jour",
    ),
    Rule(
        "interpreted-meetings",
        "preference",
        "Use few interpreted meetings",
        "Utiliser peu de séances avec interprétation",
    ),
    Rule(
        "preferred-periods",
        "preference",
        "Honour preferred periods",
        "Respecter les créneaux préférés",
    ),
)

RULES: dict[str, Rule] = {r.name: r for r in (*HARD_RULES, *PREFERENCES)}
HARD_RULE_NAMES: tuple[str, ...] = tuple(r.name for r in HARD_RULES)
PREFERENCE_NAMES: tuple[str, ...] = tuple(r.name for r in PREFERENCES)
