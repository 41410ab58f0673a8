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

from typing import NamedTuple

from ortools.sat.python import cp_model

from models.context import Context, Module, PenaltyTerm, sum_of
from models.objective import open_sequence, term_variable
from scheduler.rules.subjects import SESSION


def fewest_meetings(ctx: Context, host: str) -> int:
    """The fewest meetings a host can take its activities in. A whole-meeting activity, or a
    `share: false` one whose `no-sharing` is enforced outright, has its meetings to itself
    (each holding at most its longest period); the others share the remaining meetings, which
    hold at most the longest period any of them may use: as many as their minutes need, and
    more where items that cannot run on do not pack (`packing_floor`)."""
    slots = ctx.v.slots
    own, longest_shared = 0, 0
    whole: list[int] = []  # minutes of the shared items that take one part (no running on)
    fluid = 0  # minutes of the shared items that may be split over meetings
    for a in ctx.session.body_activities(host):
        if not slots[a.id]:
            continue  # infeasible anyway (full-duration); count nothing
        longest = max(s.minutes for s in slots[a.id])
        if a.whole_meetings:
            own += a.meetings or 0
        elif not a.share and enforced(ctx, "no-sharing", a.id):
            own += -(-(a.minutes or 0) // longest)
        else:
            if not a.run_on and enforced(ctx, "no-running-on", a.id):
                whole.append(a.minutes or 0)
            else:
                fluid += a.minutes or 0
            longest_shared = max(longest_shared, longest)
    return own + (packing_floor(whole, fluid, longest_shared) if longest_shared else 0)


def packing_floor(sizes: list[int], fluid: int, capacity: int) -> int:
    """The fewest bins of `capacity` that hold items of `sizes` (each whole in one bin) and
    `fluid` more units in any split: Martello and Toth's bound L2 (1990), the fluid units
    counted with the smallest items. For a threshold t <= capacity / 2: no two items above
    capacity / 2 share a bin, and an item above capacity - t has no room for one of t or more."""
    best = -(-(sum(sizes) + fluid) // capacity)
    for t in {0, *(x for x in sizes if 2 * x <= capacity)}:
        big = [x for x in sizes if x > capacity - t]
        large = [x for x in sizes if 2 * x > capacity and x <= capacity - t]
        middle = sum(x for x in sizes if t <= x and 2 * x <= capacity)
        small = sum(x for x in sizes if x < t) + fluid
        room_big = len(big) * capacity - sum(big)
        room_large = len(large) * capacity - sum(large)
        rest = max(0, middle - room_large, middle + small - room_large - room_big)
        best = max(best, len(big) + len(large) + -(-rest // capacity))
    return best


def enforced(ctx: Context, rule: str, subject: str) -> bool:
    """Whether the instance (`rule`, `subject`) is enforced outright (neither guarded nor
    dropped); False when it has no instance."""
    try:
        return ctx.switches.prunes(rule, subject)
    except KeyError:
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


def compact_runs(ctx: Context) -> list[PenaltyTerm]:
    """For each body: its extra runs >= the gaps between activities that must meet apart in
    which some slot stays empty, unless one of the two meets outside the open sequence (in an
    evening) instead (when `compact-bodies` has a weight)."""
    v, model = ctx.v, ctx.model
    for body in ctx.session.bodies:
        extra = term_variable(ctx, f"compact-bodies[{body.id}]")
        if extra is None:
            continue
        sequence = open_sequence(ctx, body.id)
        inside = {s.index for s in sequence}
        hosts = ctx.hosts_of(body.id)
        breaks: list[cp_model.IntVar] = []
        for gap in forced_gaps(ctx, body.id):
            outside = [
                v.part[(a, s.index)]
                for a in (gap.before, gap.after)
                for s in v.slots[a]
                if s.index not in inside
            ]
            empty = model.new_bool_var(f"run-break[{body.id},{sequence[gap.slots[0]].label}]")
            for k in gap.slots:
                held = [
                    v.held[(h, sequence[k].index)]
                    for h in hosts
                    if (h, sequence[k].index) in v.held
                ]
                model.add(empty + sum_of(held) + sum_of(outside) >= 1)
            breaks.append(empty)
        if breaks:
            model.add(extra >= sum_of(breaks))
    return []


class Gap(NamedTuple):
    """Positions in a body's `open_sequence` between the spans of two of its activities."""

    slots: list[int]
    before: str  # the activity whose span ends before the gap
    after: str  # the activity whose span starts after it


def forced_gaps(ctx: Context, body: str) -> list[Gap]:
    """Gaps between activities of the body's agenda whose slots in its `open_sequence` lie in
    disjoint spans, in time order: unless one of the two meets outside the sequence, the body
    meets before and after each gap. The spans are chosen as many as possible (the
    earliest-ending first)."""
    position = {s.index: k for k, s in enumerate(open_sequence(ctx, body))}
    spans = []
    for a in ctx.session.agenda_of(body):
        inside = [position[s.index] for s in ctx.v.slots[a.id] if s.index in position]
        if inside:
            spans.append((max(inside), min(inside), a.id))
    gaps: list[Gap] = []
    last: tuple[int, str] | None = None
    for hi, lo, activity in sorted(spans):
        if last is None or lo > last[0]:
            if last is not None and lo > last[0] + 1:
                gaps.append(Gap(list(range(last[0] + 1, lo)), last[1], activity))
            last = (hi, activity)
    return gaps


#: Bound name -> its module, added after the preferences.
BOUNDS: dict[str, Module] = {
    "bound:meeting-counts": meeting_counts,
    "bound:evening-counts": evening_counts,
    "bound:compact-runs": compact_runs,
}
