"""The preferences of `scheduler.rules.PREFERENCES`, one model module each.

Each module returns `PenaltyTerm`s (name, expression, weight) so a solve can report what each
preference cost; `SessionModel` minimises their weighted sum. Weights come from
`session.preferences`; a weight of 0 switches one off (no term).
"""

from __future__ import annotations

from models.context import Context, Module, PenaltyTerm, sum_of

PreferenceFn = Module  # a preference's module: its penalty terms


def carry_over(ctx: Context) -> list[PenaltyTerm]:
    """For each minute activity, (parts - 1) x weight."""
    weight, v = ctx.session.preferences.carry_over, ctx.v
    if weight == 0:
        return []
    terms = []
    for a in ctx.session.activities:
        slots = v.slots[a.id]
        if a.whole_meetings or len(slots) < 2:
            continue
        parts = sum_of(v.part[(a.id, s.index)] for s in slots)
        terms.append(PenaltyTerm(f"carry-over[{a.id}]", parts - 1, weight))
    return terms


def carry_over_to_next_day(ctx: Context) -> list[PenaltyTerm]:
    """For each minute activity, consecutive parts on different dates x weight.

    Parts are in time order, so that count is the number of dates with a part, minus one.
    """
    weight, v, model = ctx.session.preferences.carry_over_to_next_day, ctx.v, ctx.model
    if weight == 0:
        return []
    terms = []
    for a in ctx.session.activities:
        dates = sorted({s.date for s in v.slots[a.id]})
        if a.whole_meetings or len(dates) < 2:
            continue
        days = []
        for date in dates:
            parts = [v.part[(a.id, s.index)] for s in v.slots[a.id] if s.date == date]
            day = model.new_bool_var(f"day[{a.id},{date:%a%d}]")
            for part in parts:
                model.add_implication(part, day)
            model.add_bool_or([~day, *parts])
            days.append(day)
        model.add(sum_of(days) >= 1)  # redundant (a part exists), for the LP bound
        terms.append(PenaltyTerm(f"carry-over-to-next-day[{a.id}]", sum_of(days) - 1, weight))
    return terms


def interpreted_meetings(ctx: Context) -> list[PenaltyTerm]:
    """Number of interpreted meetings x weight."""
    weight, v = ctx.session.preferences.interpreted_meeting, ctx.v
    if weight == 0:
        return []
    terms = []
    for body in ctx.session.hosts:
        if body.interpreted and v.body_slots[body.id]:
            held = sum_of(v.held[(body.id, s.index)] for s in v.body_slots[body.id])
            terms.append(PenaltyTerm(f"interpreted-meetings[{body.id}]", held, weight))
    return terms


def preferred_periods(ctx: Context) -> list[PenaltyTerm]:
    """For each activity with preferred slots, each part in a slot matching none x weight."""
    weight, v = ctx.session.preferences.preferred_period, ctx.v
    if weight == 0:
        return []
    terms = []
    for a in ctx.session.activities:
        if not a.preferred:
            continue
        outside = [
            v.part[(a.id, s.index)]
            for s in v.slots[a.id]
            if not any(
                (p.date is None or p.date == s.date)
                and (p.period is None or p.period == s.period.id)
                for p in a.preferred
            )
        ]
        if outside:
            terms.append(PenaltyTerm(f"preferred-periods[{a.id}]", sum_of(outside), weight))
    return terms


#: Preference name -> its module, in the order of `PREFERENCES`.
PREFERENCE_TERMS: dict[str, Module] = {
    "carry-over": carry_over,
    "carry-over-to-next-day": carry_over_to_next_day,
    "interpreted-meetings": interpreted_meetings,
    "preferred-periods": preferred_periods,
}
