"""The preferences of `scheduler.rules.PREFERENCES`, one model module each.

Each module returns `PenaltyTerm`s (name, expression, weight) so a solve can report what each
preference cost; `SessionModel` minimises their weighted sum. Weights come from
`session.preferences`; a weight of 0 switches one off (no term).
"""

from __future__ import annotations

import weakref

from ortools.sat.python import cp_model

from models.context import Context, Module, PenaltyTerm, sum_of
from scheduler.session import Slot

PreferenceFn = Module  # a preference's module: its penalty terms

#: Model -> the variables of the terms a bound of `models.bounds` strengthens, by term name
#: (`compact-bodies[b]`: its `extra-runs[b]`); read with `term_variable`.
_TERM_VARIABLES: weakref.WeakKeyDictionary[cp_model.CpModel, dict[str, cp_model.IntVar]] = (
    weakref.WeakKeyDictionary()
)


def term_variable(ctx: Context, name: str) -> cp_model.IntVar | None:
    """The variable a preference created for the term `name` in this model (None: no such
    term, e.g. its weight is 0)."""
    return _TERM_VARIABLES.get(ctx.model, {}).get(name)


def _keep(ctx: Context, name: str, var: cp_model.IntVar) -> None:
    _TERM_VARIABLES.setdefault(ctx.model, {})[name] = var


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


def meetings(ctx: Context) -> list[PenaltyTerm]:
    """Every meeting held, of any body, x weight."""
    weight = ctx.session.preferences.meeting
    if weight == 0:
        return []
    return [
        PenaltyTerm(
            f"meetings[{host}]", sum_of(h for b, _, h in ctx.meetings() if b == host), weight
        )
        for host in dict.fromkeys(b for b, _, _ in ctx.meetings())
    ]


def open_sequence(ctx: Context, body: str) -> list[Slot]:
    """The slots a body's meetings may follow each other in: every day of the session (the
    pre-session days too), no holidays, no evenings (an evening left free is no hole), its
    periods only."""
    return [
        s
        for s in ctx.session.slots
        if not s.holiday and not s.period.evening and s.period.allows((body,))
    ]


def compact_bodies(ctx: Context) -> list[PenaltyTerm]:
    """For each body, (runs of its meetings - 1) x weight; a run is a maximal sequence of its
    meetings (joint ones too) in consecutive slots of `open_sequence`."""
    weight, v, model = ctx.session.preferences.compact_body, ctx.v, ctx.model
    if weight == 0:
        return []
    terms = []
    for body in ctx.session.bodies:
        if not ctx.session.agenda_of(body.id):
            continue
        hosts = ctx.hosts_of(body.id)
        runs: list[cp_model.IntVar] = []
        previous: list[cp_model.IntVar] = []
        for s in open_sequence(ctx, body.id):
            held = [v.held[(h, s.index)] for h in hosts if (h, s.index) in v.held]
            if held:
                starts = model.new_bool_var(f"run-starts[{body.id},{s.label}]")
                model.add(starts >= sum_of(held) - sum_of(previous))
                runs.append(starts)
            previous = held
        if len(runs) > 1:  # extra runs: runs - 1, and 0 for a body that meets only at night
            extra = model.new_int_var(0, len(runs) - 1, f"extra-runs[{body.id}]")
            model.add(extra >= sum_of(runs) - 1)
            _keep(ctx, f"compact-bodies[{body.id}]", extra)
            terms.append(PenaltyTerm(f"compact-bodies[{body.id}]", extra, weight))
    return terms


def session_end(ctx: Context) -> list[PenaltyTerm]:
    """The position of the last slot with a meeting among the session days' open slots x
    weight (the session ends as early as it can)."""
    weight, session = ctx.session.preferences.session_end, ctx.session
    if weight == 0:
        return []
    evening = session.session.evening_meetings
    order = [
        s
        for s in session.slots
        if not s.pre_session and not s.holiday and (evening or not s.period.evening)
    ]
    position = {s.index: n for n, s in enumerate(order)}
    end = ctx.model.new_int_var(0, max(len(order) - 1, 0), "session-end")
    # Exactly the last position (not only at least it): a stopped search then reports the
    # cost the timetable has, the one the validator recomputes, not one above it.
    ctx.model.add_max_equality(
        end,
        [0]
        + [
            position[s.index] * held
            for _, s, held in ctx.meetings()
            if s.index in position and position[s.index] > 0
        ],
    )
    return [PenaltyTerm("session-end", end, weight)]


def opening_closing_alone(ctx: Context) -> list[PenaltyTerm]:
    """Meetings of other bodies beside the plenary's first or last meeting (on the session's
    days, on clock overlap) x weight."""
    weight, session, v, model = (
        ctx.session.preferences.beside_opening_closing,
        ctx.session,
        ctx.v,
        ctx.model,
    )
    plenary = session.plenary
    if weight == 0 or plenary is None:
        return []
    ours = set(ctx.hosts_of(plenary))  # the plenary's meetings, joint ones too (COP/CMP)
    slots = sorted(
        {s for h in ours for s in v.body_slots[h] if not s.pre_session}, key=lambda s: s.index
    )
    held = [sum_of(v.held[(h, s.index)] for h in ours if (h, s.index) in v.held) for s in slots]
    if not slots:
        return []
    terms = []
    for name, order in (("opening", range(len(slots))), ("closing", range(len(slots) - 1, -1, -1))):
        earlier = v.false  # a plenary meeting before this one (closing: after it)
        for k in order:
            s = slots[k]
            others = [
                v.held[(b.id, t.index)]
                for t in ctx.overlapping(s)
                for b in session.hosts
                if b.id not in ours and (b.id, t.index) in v.held
            ]
            if others:
                this = model.new_bool_var(f"{name}[{s.label}]")
                model.add(this >= held[k] - earlier)
                beside = model.new_int_var(0, len(others), f"beside-{name}[{s.label}]")
                model.add(beside >= sum_of(others) - len(others) * (1 - this))
                terms.append(
                    PenaltyTerm(f"opening-closing-alone[{name},{s.label}]", beside, weight)
                )
            passed = model.new_bool_var(f"plenary-{name}-passed[{s.label}]")
            model.add(passed <= earlier + held[k])
            earlier = passed
    return terms


def organizational_first_day(ctx: Context) -> list[PenaltyTerm]:
    """Each part of an organizational item x the number of session days before its date x
    weight."""
    weight, session, v = ctx.session.preferences.organizational_late, ctx.session, ctx.v
    if weight == 0:
        return []
    day = {d: n for n, d in enumerate(sorted(session.session.days))}
    terms = []
    for a in session.organizational:
        late = [day.get(s.date, 0) * v.part[(a.id, s.index)] for s in v.slots[a.id]]
        if any(day.get(s.date, 0) for s in v.slots[a.id]):
            terms.append(PenaltyTerm(f"organizational-first-day[{a.id}]", sum_of(late), weight))
    return terms


def evening_meetings(ctx: Context) -> list[PenaltyTerm]:
    """Every meeting held in an evening period x weight."""
    weight = ctx.session.preferences.evening_meeting
    if weight == 0:
        return []
    held = [h for _, s, h in ctx.meetings() if s.period.evening]
    return [PenaltyTerm("evening-meetings", sum_of(held), weight)] if held else []


#: Preference name -> its module, in the order of `PREFERENCES`.
PREFERENCE_TERMS: dict[str, Module] = {
    "carry-over": carry_over,
    "carry-over-to-next-day": carry_over_to_next_day,
    "interpreted-meetings": interpreted_meetings,
    "preferred-periods": preferred_periods,
    "meetings": meetings,
    "compact-bodies": compact_bodies,
    "session-end": session_end,
    "opening-closing-alone": opening_closing_alone,
    "organizational-first-day": organizational_first_day,
    "evening-meetings": evening_meetings,
}
