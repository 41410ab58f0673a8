"""An explanation as text, in any of the six languages: the rules, what each would buy, the numbers.

The sentences are the catalogue's `explain.*` (`scheduler/data/messages/<lang>.yaml`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.messages import word

if TYPE_CHECKING:
    from models.explain import Explanation


def render(e: Explanation, lang: str) -> str:
    """The explanation in `lang`: the catalogue's `explain.*` sentences around the rules."""

    def say(key: str, **params: object) -> str:
        return word(f"explain.{key}", lang, **params)

    if e.status == "feasible":
        return say("feasible")
    if e.status == "unknown":
        return say("unknown", limit=e.time_limit)
    lines = [say("head")]
    if e.conflict:
        n = len(e.conflict)
        lines.append(say("one") if n == 1 else say("many", n=n))
        relaxed = {r.instance: r for r in e.relaxations}
        for number, inst in enumerate(e.conflict, start=1):
            lines.append(f"  {number}. {inst.text(lang)}")
            if inst in relaxed:
                lines.append(f"     -> {relaxed[inst].text(lang)}")
    else:
        lines.append(say("none", days=e.extra_days))
    numbers = e.numbers or (e.findings if not e.conflict else [])
    if numbers:
        lines.append(say("numbers") if e.conflict else say("prechecks"))
        lines.extend(f"  - {f.text(lang)}" for f in numbers)
    if e.conflict:
        if not e.minimal:
            lines.append(say("not-minimal"))
        elif e.every_drop_works:
            lines.append(say("all-drops"))
        elif any(r.verdict.value == "unknown" for r in e.relaxations):
            lines.append(say("undecided"))
        else:
            lines.append(say("minimal"))
    lines.append(say("took", seconds=e.seconds, solves=e.solves))
    return "\n".join(lines)
