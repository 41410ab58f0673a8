"""Hard rules across bodies and on a body's calendar: in-parallel, sequence, max-days and
remote-capacity.

Times in two slots are compared on the clock: a part's start is its slot's start plus its
offset `start[a,s]`, and two meetings run at the same time when their periods overlap (a meeting
occupies its whole period, `Context.overlapping`). Slots are in time order (by date, then
start), so "a part of x in a slot starting at or after some moment" is one suffix literal
(`pending`) whatever the periods of the day look like.

An entry of `in_parallel_with`, `after_end_of` or `after_start_of` is an activity, a heading
(its sub-items, at any depth) or a body (all its activities, its joint meetings' too).
"""

from __future__ import annotations

from ortools.sat.python import cp_model

from models.context import Context, Literal, sum_of
from scheduler.rules.catalogue import sequence_subject
from scheduler.rules.subjects import SESSION, pair_subject
from scheduler.session import Session, Slot

REMOTE_MODES = ("hybrid", "remote")


def in_parallel(ctx: Context) -> None:
    """Hard: each meeting of an activity overlaps, on the clock, a slot where its target meets.

    Per slot s of a: x[a,s] => OR of the target's literals in the slots overlapping s (its
    parts; a body: the `held` of its meetings and joint meetings).
    """
    session, v = ctx.session, ctx.v
    for a in session.activities:
        for target in a.in_parallel_with:
            when = ctx.switches.when("in-parallel", pair_subject(a.id, target))
            if when is None:
                continue
            meets = _meets(ctx, a.id, target)
            for s, part in v.parts_of(a.id):
                witnesses = [lit for t in ctx.overlapping(s) for lit in meets.get(t.index, [])]
                ctx.clause([~part, *witnesses], when)


def sequence(ctx: Context) -> None:
    """Hard: `after_end_of`: no part starts before the target's last part ends; `after_start_of`:
    no part starts before the target's first part starts.

    After the end of x, per slot s of a: x has no part in a slot starting at or after s ends
    (one clause with x's suffix literal) and, in a slot t overlapping s (s itself included),
    x[a,s] and x[x,t] imply t_s + st[a,s] >= t_t + en[x,t]. After the start of a set X, per
    slot s of a: x[a,s] implies a part of X in a slot over by t_s, or a `starts-by` literal of
    a part of X in an overlapping slot whose clock start is no later than a's.
    """
    session = ctx.session
    for a in session.activities:
        for target in a.after_end_of:
            when = ctx.switches.when("sequence", sequence_subject(a.id, target, "end"))
            if when is not None:
                for x in stands_for(session, a.id, target):
                    _after_end(ctx, a.id, x, when)
        for target in a.after_start_of:
            when = ctx.switches.when("sequence", sequence_subject(a.id, target, "start"))
            if when is not None:
                _after_start(ctx, a.id, stands_for(session, a.id, target), when)


def max_days(ctx: Context) -> None:
    """Hard: a body with `max_days: n` meets on at most n dates (its joint meetings count).

    One `meets[b,d]` literal per date, implied by each of the body's meetings that day; their
    sum is at most n (added only where the body may meet on more than n dates).
    """
    for body in ctx.session.bodies:
        cap = body.max_days
        if cap is None or (when := ctx.switches.when("max-days", body.id)) is None:
            continue
        per_day = ctx.meetings_per_day(body.id)
        if len(per_day) <= cap:
            continue
        days: list[cp_model.IntVar] = []
        for date, held in per_day.items():
            day = ctx.model.new_bool_var(f"meets[{body.id},{date:%a%d}]")
            for literal in held:
                ctx.model.add_implication(literal, day)
            days.append(day)
        ctx.add(sum_of(days) <= cap, when)


def remote_capacity(ctx: Context) -> None:
    """Hard: at no moment do more hybrid or remote interpreted meetings run than
    `interpretation.remote_teams` (one constraint per group of overlapping slots)."""
    teams = ctx.session.interpretation.remote_teams
    if teams is None or (when := ctx.switches.when("remote-capacity", SESSION)) is None:
        return
    remote = [h.id for h in ctx.session.hosts if h.interpreted and h.mode in REMOTE_MODES]
    if not remote:
        return
    for held in ctx.meetings_per_moment(hosts=remote):
        if len(held) > teams:
            ctx.add(sum_of(held) <= teams, when)


# --- helpers -------------------------------------------------------------------------------


def stands_for(session: Session, activity_id: str, target: str) -> list[str]:
    """The activities a relation's target names: itself, a heading's sub-items (at any depth)
    or a body's whole agenda (joint meetings included), never the activity itself."""
    activity_ids = {a.id for a in session.activities}
    if target in activity_ids:
        return [target]
    if any(i.id == target for i in session.items):
        family = {target}
        while grown := {i.id for i in session.items if i.parent in family} - family:
            family |= grown
        found = [a.id for a in session.activities if a.id in family]
    else:
        found = [a.id for a in session.agenda_of(target)]
    return [x for x in found if x != activity_id]


def _meets(ctx: Context, activity_id: str, target: str) -> dict[int, list[Literal]]:
    """Slot index -> the literals that say the target meets in that slot."""
    session, v = ctx.session, ctx.v
    found: dict[int, list[Literal]] = {}
    if any(b.id == target for b in session.bodies):
        for host in ctx.hosts_of(target):
            for s in v.body_slots.get(host, []):
                found.setdefault(s.index, []).append(v.held[(host, s.index)])
        return found
    for x in stands_for(session, activity_id, target):
        for s, part in v.parts_of(x):
            found.setdefault(s.index, []).append(part)
    return found


def _minutes(earlier: Slot, later: Slot) -> int:
    """Minutes from `earlier`'s start to `later`'s start (negative when it is later)."""
    return int((later.start - earlier.start).total_seconds() // 60)


def _after_end(ctx: Context, a: str, x: str, when: list[cp_model.IntVar]) -> None:
    """Every part of `a` starts at or after the end of every part of `x`."""
    v = ctx.v
    starts = [(t.start, t) for t in v.slots[x]]  # once, not per slot of `a`
    for s, part in v.parts_of(a):
        end = s.end
        later = next((t for start, t in starts if start >= end), None)
        if later is not None:  # x parts that end after any start of a in s: none allowed
            ctx.clause([~part, ~v.pending[(x, later.index)]], when)
        for t in ctx.overlapping(s):
            if not v.has(x, t):
                continue
            both = [part, v.part[(x, t.index)]]
            if t.index == s.index:  # one slot: an order inside the meeting, if it is one
                v.ends_before((x, t.index), (a, s.index), when + both)
                continue
            gap = _minutes(s, t)  # t_t - t_s
            ctx.add(v.start[(a, s.index)] - v.end[(x, t.index)] >= gap, when + both)


def _after_start(ctx: Context, a: str, xs: list[str], when: list[cp_model.IntVar]) -> None:
    """Every part of `a` starts no earlier than some part of one of `xs` starts."""
    model, v = ctx.model, ctx.v
    if not xs:
        return
    for s, part in v.parts_of(a):
        witnesses: list[Literal] = []
        overlapping = {t.index for t in ctx.overlapping(s)}
        for x in xs:
            over = [t for t in v.slots[x] if t.end <= s.start]  # x started there before s
            prefix = 0
            while prefix < len(v.slots[x]) and v.slots[x][prefix].end <= s.start:
                prefix += 1
            if prefix:
                witnesses.append(v.started[(x, v.slots[x][prefix - 1].index)])
            witnesses += [v.part[(x, t.index)] for t in over[prefix:]]
            for t in v.slots[x]:
                if t.index not in overlapping:
                    continue
                starts_by = model.new_bool_var(f"starts-by[{x},{t.label};{a},{s.label}]")
                model.add_implication(starts_by, v.part[(x, t.index)])
                gap = _minutes(s, t)  # x's clock start t_t + st[x,t] <= t_s + st[a,s]
                ctx.add(v.start[(a, s.index)] - v.start[(x, t.index)] >= gap, [starts_by])
                witnesses.append(starts_by)
        ctx.clause([~part, *witnesses], when)
