"""Redundant constraints for the LP bound: aggregates that every timetable keeps anyway.

The planner's preferences count meetings (`meetings`, `interpreted-meetings`,
`evening-meetings`), and their LP relaxation is weak: it spreads a body's meetings thinly over
every slot the body may use, and CP-SAT adds the rows that would stop it only lazily. The
modules here add nothing a timetable could break: each constraint follows from hard rules
enforced outright (the proofs are in FORMULATION.md, "Bounds"), and each is added only when a
preference it serves has a weight, so a feasibility model (explanations, preferences off)
stays the model it was. Registered after the preferences in `models.model.session_modules`.
"""

from __future__ import annotations

from models.context import Context, Module, PenaltyTerm, sum_of
from scheduler.rules.subjects import SESSION
from scheduler.session import Activity


def fewest_meetings(ctx: Context, host: str) -> int:
    """The fewest meetings a host can take its activities in. A whole-meeting activity, or a
    `share: false` one whose `no-sharing` is enforced outright, has its meetings to itself
    (each holding at most its longest period); the others share the remaining meetings, which
    hold at most the longest period any of them may use."""
    slots = ctx.v.slots
    own, shared_minutes, longest_shared = 0, 0, 0
    for a in ctx.session.body_activities(host):
        if not slots[a.id]:
            continue  # infeasible anyway (full-duration); count nothing
        longest = max(s.minutes for s in slots[a.id])
        if a.whole_meetings:
            own += a.meetings or 0
        elif not a.share and _alone(ctx, a):
            own += -(-(a.minutes or 0) // longest)
        else:
            shared_minutes += a.minutes or 0
            longest_shared = max(longest_shared, longest)
    shared = -(-shared_minutes // longest_shared) if longest_shared else 0
    return own + shared


def _alone(ctx: Context, a: Activity) -> bool:
    """Whether `a` (`share: false`) has its meetings to itself by a rule enforced outright."""
    try:
        return ctx.switches.prunes("no-sharing", a.id)
    except KeyError:  # no instance: nothing keeps it alone
        return False


def meeting_counts(ctx: Context) -> list[PenaltyTerm]:
    """For each host: its meetings >= `fewest_meetings` (when a preference counts meetings)."""
    prefs = ctx.session.preferences
    if not (prefs.meeting or prefs.interpreted_meeting or prefs.evening_meeting):
        return []
    v = ctx.v
    for host in ctx.session.hosts:
        fewest = fewest_meetings(ctx, host.id)
        held = [v.held[(host.id, s.index)] for s in v.body_slots.get(host.id, [])]
        if fewest > 1 and held:
            ctx.model.add(sum_of(held) >= fewest)
    return []


def capacity_groups(ctx: Context) -> list[tuple[list[str], int]]:
    """Groups of hosts that hold at most `n` meetings in any one slot, by rules enforced
    outright: each body with its joint meetings (`body-one-at-a-time`, n = 1), the
    interpreted hosts (`interpretation-teams`, n = teams) and the hosts the parallel cap
    counts (`parallel-cap`, n = the cap)."""
    session, switches = ctx.session, ctx.switches
    groups = [(ctx.hosts_of(b.id), 1) for b in session.bodies]
    if switches.prunes("interpretation-teams", SESSION):
        interpreted = [h.id for h in session.hosts if h.interpreted]
        groups.append((interpreted, session.interpretation.teams))
    cap = session.interpretation.parallel_cap
    if cap is not None and switches.prunes("parallel-cap", SESSION):
        scope = session.interpretation.parallel_cap_bodies
        hosts = (
            [h.id for h in session.hosts]
            if scope is None
            else [h for b in scope for h in ctx.hosts_of(b)]
        )
        groups.append((list(dict.fromkeys(hosts)), cap))
    return [(hosts, n) for hosts, n in groups if hosts]


def evening_counts(ctx: Context) -> list[PenaltyTerm]:
    """For each capacity group: its evening meetings >= its fewest meetings - what its day
    slots can hold (when `evening-meetings` has a weight)."""
    if not ctx.session.preferences.evening_meeting:
        return []
    v = ctx.v
    for hosts, n in capacity_groups(ctx):
        slots = {s for h in hosts for s in v.body_slots.get(h, [])}
        day = sum(1 for s in slots if not s.period.evening)
        floor = sum(fewest_meetings(ctx, h) for h in hosts) - n * day
        evening = [
            v.held[(h, s.index)] for h in hosts for s in v.body_slots.get(h, []) if s.period.evening
        ]
        if floor > 0 and evening:
            ctx.model.add(sum_of(evening) >= floor)
    return []


#: Bound name -> its module, added after the preferences.
BOUNDS: dict[str, Module] = {
    "bound:meeting-counts": meeting_counts,
    "bound:evening-counts": evening_counts,
}
