"""An explanation as text, in any of the six languages: the rules, what each would buy, the numbers.

Each conflict in turn (the preferred one first, headed "Conflict 1 of 2" when there are
several), with its rules, what dropping each alone allows and its arithmetic.

The sentences are the catalogue's `explain.*` (`scheduler/data/messages/<lang>.yaml`).
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.messages import word

if TYPE_CHECKING:
    from models.explain import Conflicting, Explanation


def render(e: Explanation, lang: str) -> str:
    """The explanation in `lang`: the catalogue's `explain.*` sentences around the rules."""

    def say(key: str, **params: object) -> str:
        return word(f"explain.{key}", lang, **params)

    if e.status == "feasible":
        return say("feasible")
    if e.status == "unknown":
        return say("unknown", limit=e.time_limit)
    lines = [say("head")]
    conflicts = e.conflicts
    if not conflicts:
        lines.append(say("none", days=e.extra_days))
        if e.findings:
            lines.append(say("prechecks"))
            lines.extend(f"  - {f.text(lang)}" for f in e.findings)
    for number, conflict in enumerate(conflicts, start=1):
        if len(conflicts) > 1:
            lines.append(say("conflicts.head", number=number, count=len(conflicts)))
        lines.extend(_conflict(conflict, lang))
    if len(conflicts) > 1:
        lines.append(say("conflicts.several", count=len(conflicts)))
    lines.append(say("took", seconds=e.seconds, solves=e.solves))
    return "\n".join(lines)


def _conflict(c: Conflicting, lang: str) -> list[str]:
    """One conflict's lines: its rules, what dropping each allows, its numbers, its verdict."""

    def say(key: str, **params: object) -> str:
        return word(f"explain.{key}", lang, **params)

    n = len(c.members)
    lines = [say("one") if n == 1 else say("many", n=n)]
    relaxed = {r.instance: r for r in c.relaxations}
    for number, inst in enumerate(c.members, start=1):
        lines.append(f"  {number}. {inst.text(lang)}")
        if inst in relaxed:
            lines.append(f"     -> {relaxed[inst].text(lang)}")
    if c.numbers:
        lines.append(say("numbers"))
        lines.extend(f"  - {f.text(lang)}" for f in c.numbers)
    if not c.minimal:
        lines.append(say("not-minimal"))
    elif c.minimal and all(r.feasible for r in c.relaxations):
        lines.append(say("all-drops", n=n))
    elif any(r.verdict.value == "unknown" for r in c.relaxations):
        lines.append(say("undecided", n=n))
    else:
        lines.append(say("minimal", n=n))
    return lines
