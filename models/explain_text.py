"""An explanation as text, in English or French: the rules, what each would buy, the numbers."""

from __future__ import annotations

from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from models.explain import Explanation

_EN = {
    "feasible": "The session has a timetable: every rule can hold, nothing to explain.",
    "unknown": "Could not tell within {limit:g} s whether a timetable exists; try a longer "
    "--time-limit.",
    "head": "No timetable satisfies every rule of this session.",
    "one": "This rule cannot hold:",
    "many": "These {n} rules cannot all hold together:",
    "none": "No timetable exists even with every rule lifted and {days} more working days: the "
    "durations do not fit the periods and rooms.",
    "numbers": "The numbers:",
    "prechecks": "Found before solving:",
    "all_drops": "Dropping any one of them makes a timetable possible (each checked by "
    "re-solving).",
    "minimal": "Each is needed for the conflict (checked by re-solving), but dropping some alone "
    "is not enough: see above.",
    "not_minimal": "The time limit stopped the checks: the list may hold a rule that is not "
    "needed.",
    "undecided": "Each is needed for the conflict (checked by re-solving); the time limit "
    "stopped some of the checks of what dropping it allows.",
    "took": "({seconds:.1f} s, {solves} solves)",
}
_FR = {
    "feasible": "La session a un calendrier : toutes les règles peuvent être respectées, rien à "
    "expliquer.",
    "unknown": "Impossible de dire en {limit:g} s si un calendrier existe ; essayez un "
    "--time-limit plus long.",
    "head": "Aucun calendrier ne respecte toutes les règles de cette session.",
    "one": "Cette règle ne peut pas être respectée :",
    "many": "Ces {n} règles ne peuvent pas être toutes respectées ensemble :",
    "none": "Aucun calendrier n'existe même sans aucune règle et avec {days} jours ouvrables de "
    "plus : les durées ne tiennent pas dans les périodes et les salles.",
    "numbers": "Les chiffres :",
    "prechecks": "Constaté avant la résolution :",
    "all_drops": "Abandonner l'une quelconque d'entre elles rend un calendrier possible "
    "(chaque cas vérifié en relançant le solveur).",
    "minimal": "Chacune est nécessaire au conflit (vérifié en relançant le solveur), mais en "
    "abandonner certaines seules ne suffit pas : voir ci-dessus.",
    "not_minimal": "Le délai a interrompu les vérifications : la liste peut contenir une règle "
    "superflue.",
    "undecided": "Chacune est nécessaire au conflit (vérifié en relançant le solveur) ; le délai "
    "a interrompu certaines vérifications de ce que son abandon permet.",
    "took": "({seconds:.1f} s, {solves} résolutions)",
}


def render(e: Explanation, lang: str) -> str:
    words = _FR if lang == "fr" else _EN
    lang = "fr" if lang == "fr" else "en"
    if e.status == "feasible":
        return words["feasible"]
    if e.status == "unknown":
        return words["unknown"].format(limit=e.time_limit)
    lines = [words["head"]]
    if e.conflict:
        n = len(e.conflict)
        lines.append(words["one"] if n == 1 else words["many"].format(n=n))
        relaxed = {r.instance: r for r in e.relaxations}
        for number, inst in enumerate(e.conflict, start=1):
            lines.append(f"  {number}. {inst.text(lang)}")
            if inst in relaxed:
                lines.append(f"     -> {relaxed[inst].text(lang)}")
    else:
        lines.append(words["none"].format(days=e.extra_days))
    numbers = e.numbers or (e.findings if not e.conflict else [])
    if numbers:
        lines.append(words["numbers"] if e.conflict else words["prechecks"])
        lines.extend(f"  - {f.text(lang)}" for f in numbers)
    if e.conflict:
        if not e.minimal:
            lines.append(words["not_minimal"])
        elif e.every_drop_works:
            lines.append(words["all_drops"])
        elif any(r.verdict.value == "unknown" for r in e.relaxations):
            lines.append(words["undecided"])
        else:
            lines.append(words["minimal"])
    lines.append(words["took"].format(seconds=e.seconds, solves=e.solves))
    return "\n".join(lines)
