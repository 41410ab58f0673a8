"""`schedule why SESSION ITEM`: where else an item or meeting could start, and at what cost.

"Could item 3 go on Thursday?": for every period the activity could start in, the session is
solved with it starting there; each answer is the objective it then costs and how each
preference changes, or the rules that forbid it. `--timetable` compares with a timetable the
planner has (its costs recomputed by the validator) instead of the optimum.
"""

from __future__ import annotations

from scheduler.cli.app import app
from scheduler.cli.common import Lang, console, language, load, planner_errors
from scheduler.cli.options import (
    ActivityId,
    CompareWith,
    Language,
    Seed,
    SessionFile,
    TimeLimitForAll,
    Workers,
)
from scheduler.errors import InputError


@app.command("why")
def why_command(
    session: SessionFile,
    activity: ActivityId,
    timetable: CompareWith = None,
    lang: Language = None,
    time_limit: TimeLimitForAll = None,
    workers: Workers = 1,
    seed: Seed = None,
) -> None:
    """Where else an item or meeting could start, and what each choice costs or breaks."""
    from models.alternatives import alternatives
    from scheduler.rules.instances import who_term
    from scheduler.validation import preference_costs

    with planner_errors(session):
        loaded, _ = load(session)
        said = language(lang, loaded, Lang.en)
        known = {a.id for a in loaded.activities}
        if activity not in known:
            raise InputError(
                "not an item or meeting of the session (give the id of one with a duration)",
                file=session,
                field="ITEM",
                value=activity,
            )
        base = None
        if timetable is not None:
            from scheduler.io.timetable_workbook import read_assignments  # openpyxl

            base = read_assignments(timetable, session=loaded)
        found = alternatives(
            loaded,
            activity,
            timetable=base,
            base_costs=preference_costs(loaded, base) if base is not None else None,
            time_limit=time_limit or 10.0,
            workers=workers or 1,
            seed=seed or 0,
        )
    for line in why_lines(found, who_term(loaded, activity), said):
        console.print(line, markup=False)


def why_lines(found: object, who: object, lang: str) -> list[str]:
    """The answer, one line a slot, in `lang`."""
    from models.alternatives import Alternatives
    from scheduler.messages import Message
    from scheduler.messages.terms import Listing, Slot

    assert isinstance(found, Alternatives)  # typed `object`: the module loads on first use
    lines = [Message.of("why.heading", who=who, objective=found.base_objective).text(lang)]
    for choice in found.choices:
        slot = Slot(choice.slot.date, choice.slot.period.id)
        if choice.verdict == "current":
            message = Message.of("why.current", slot=slot, objective=choice.objective)
        elif choice.verdict == "possible" and not choice.delta:
            message = Message.of("why.same", slot=slot)
        elif choice.verdict == "possible":
            changes = Listing.of(
                Message.of("why.change", term=name, amount=f"{amount:+d}")
                for name, amount in choice.delta.items()
            )
            message = Message.of(
                "why.possible", slot=slot, objective=choice.objective, delta=changes
            )
        elif choice.verdict == "impossible" and choice.breaks:
            rules = Listing.of((i.message for i in choice.breaks), "terms.semicolon")
            message = Message.of("why.impossible", slot=slot, rules=rules)
        elif choice.verdict == "impossible":
            message = Message.of("why.too-late", slot=slot)
        else:
            message = Message.of("why.unknown", slot=slot)
        lines.append("  " + message.text(lang))
    return lines
