"""The hard rules of `scheduler.rules.HARD_RULES`, one function each, named after the rule.

Each function adds its rule's constraints to the model in `ctx`. Rules that come from a line
of the session file are added per rule instance, with that instance's enforcement literals
(`ctx.switches.when`): none when enforced outright, its guard when guarded; a dropped instance
adds nothing. Rules already carried by the variable domains say so and add what remains.
"""

from __future__ import annotations

from collections.abc import Callable
from itertools import pairwise

from ortools.sat.python import cp_model

from models.context import Context, sum_of
from models.relations import in_parallel, max_days, remote_capacity, sequence
from models.variables import Variables, agenda_outright, inner_offset
from scheduler.rules.subjects import SESSION, date_key, pair_subject
from scheduler.session import Session, Slot

ConstraintFn = Callable[[Context], None]


def full_duration(ctx: Context) -> None:
    """Hard: a minute activity's parts add up to its minutes; a whole-meeting one has n parts."""
    v = ctx.v
    for a in ctx.session.activities:
        keys = [(a.id, s.index) for s in v.slots[a.id]]
        parts = sum_of(v.part[k] for k in keys)
        if a.whole_meetings:
            ctx.add(parts == a.meetings)
            continue
        ctx.add(sum_of(v.minutes[k] for k in keys) == a.minutes)
        longest = max((s.minutes for s in v.slots[a.id]), default=0)
        if longest:  # redundant, for the LP bound: parts needed even in the longest periods
            ctx.add(parts >= -(-(a.minutes or 0) // longest))


def within_periods(ctx: Context) -> None:
    """Hard: parts lie in usable slots (the variable domains) and end by the period's end."""
    v = ctx.v
    for body in ctx.session.hosts:
        for s in v.body_slots[body.id]:
            held = v.held[(body.id, s.index)]
            if v.layout[body.id] == "offsets":
                ctx.add(v.body_end[(body.id, s.index)] <= s.minutes * held)
                continue
            # `starts` layout: each end is in its variable's domain; the sum is for the LP bound
            minutes = [
                v.minutes[(a.id, s.index)]
                for a in ctx.session.body_activities(body.id)
                if v.has(a.id, s)
            ]
            ctx.add(sum_of(minutes) <= s.minutes * held)


def body_one_at_a_time(ctx: Context) -> None:
    """Hard: a body meets in one room per slot; its parts never overlap (offsets: by layout;
    starts: the no-overlap made with the meeting's times, `Variables.time_meeting`, or back
    to back when no rule asks for its times: their minutes fit the period, within-periods).

    Across slots, on clock overlap: at no moment does a body hold two meetings, counting its
    joint meetings with other bodies (a moment group with one slot and no joint meeting adds
    nothing, so sessions without overlapping periods or joint meetings get no extra constraint).
    """
    v = ctx.v
    for body in ctx.session.bodies:
        for at_once in ctx.meetings_per_moment(hosts=ctx.hosts_of(body.id)):
            if len(at_once) > 1:
                ctx.model.add_at_most_one(at_once)
    for body in ctx.session.hosts:
        rooms = v.rooms_of[body.id]
        for s in v.body_slots[body.id]:
            held = v.held[(body.id, s.index)]
            if not rooms:
                ctx.clause([~held])
            elif len(rooms) > 1:
                ctx.add(sum_of(v.room[(body.id, r, s.index)] for r in rooms) == held)


def room_one_meeting(ctx: Context) -> None:
    """Hard: at no moment do two meetings use one room (slots overlapping on the clock)."""
    users: dict[tuple[str, int], list[cp_model.IntVar]] = {}
    for (_, room, index), literal in ctx.v.room.items():
        users.setdefault((room, index), []).append(literal)
    rooms = sorted({room for room, _ in users})
    for group in ctx.moments():
        for room in rooms:
            literals = [lit for s in group for lit in users.get((room, s.index), [])]
            if len(literals) > 1:
                ctx.model.add_at_most_one(literals)


def body_rooms(ctx: Context) -> None:
    """Hard: a body meets only in its rooms; implied by the domains (no room variable else)."""


def interpretation_booths(ctx: Context) -> None:
    """Hard: interpreted bodies meet in booth rooms; implied by the domains (allowed_rooms)."""


def agenda_order(ctx: Context) -> None:
    """Hard: in an agenda-order body, no part of an activity comes after a part of the next."""
    v = ctx.v
    for body in ctx.session.bodies:
        activities = ctx.session.agenda_of(body.id)  # with its joint meetings, in file order
        if body.order != "agenda" or len(activities) < 2:
            continue
        when = ctx.switches.when("agenda-order", body.id)
        if when is None:
            continue
        for a, c in pairwise(activities):
            for s in v.slots[c.id]:
                later = v.part_after(a.id, s)
                if later is not v.false:
                    ctx.clause([~v.part[(c.id, s.index)], ~later], when)
            if a.body != c.body or v.layout[a.body] == "offsets":
                continue  # other hosts never share a slot; offsets already follow the agenda
            for s in v.slots[c.id]:
                if v.has(a.id, s):
                    both = [v.part[(a.id, s.index)], v.part[(c.id, s.index)]]
                    ctx.add(v.end[(a.id, s.index)] <= v.start[(c.id, s.index)], when + both)


def first_last(ctx: Context) -> None:
    """Hard: `first` starts no later, `last` ends no earlier, than every other session-day part.

    Slot order carries most of it; inside a slot the offsets, and across slots whose periods
    overlap on the clock the times of day, are compared.
    """
    session, v = ctx.session, ctx.v
    for f in session.activities:
        if not f.first or (when := ctx.switches.when("first-last", f.id)) is None:
            continue
        for _who, s, literal in _others_on_session_days(ctx, f.id):
            ctx.clause([~literal, v.part_by(f.id, s)], when)
        for s in v.slots[f.id]:
            if s.pre_session or (f.id, s.index) not in v.late:
                continue
            here = [v.part[(f.id, s.index)], *_negated(v.part_before(f.id, s), v)]
            for x in session.activities:
                if x.id != f.id and v.has(x.id, s):
                    key = (x.id, s.index)
                    ctx.add(v.start[key] >= v.start[(f.id, s.index)], when + here + [v.part[key]])
        for s in v.slots[f.id]:  # parts of other slots overlapping its first one, on the clock
            if s.pre_session:
                continue
            here = [v.part[(f.id, s.index)], *_negated(v.part_before(f.id, s), v)]
            for t, other_id in _beside(ctx, f.id, s):
                key = (other_id, t.index)
                ctx.add(
                    _clock(t) + v.start[key] >= _clock(s) + v.start[(f.id, s.index)],
                    when + here + [v.part[key]],
                )
    for last in session.activities:
        if not last.last or (when := ctx.switches.when("first-last", last.id)) is None:
            continue
        for _who, s, literal in _others_on_session_days(ctx, last.id):
            ctx.clause([~literal, v.part_from(last.id, s)], when)
        if last.whole_meetings:
            continue  # it ends at its period's end, later than anything in that slot
        for s in v.slots[last.id]:
            if s.pre_session:
                continue
            key = (last.id, s.index)
            here = [v.part[key], *_negated(v.part_after(last.id, s), v)]
            for body in session.hosts:
                if (body.id, s.index) not in v.held:
                    continue
                if v.layout[body.id] == "offsets":
                    ctx.add(v.end[key] >= v.body_end[(body.id, s.index)], when + here)
                    continue
                for x in session.body_activities(body.id):
                    if x.id != last.id and v.has(x.id, s):
                        ctx.add(v.end[key] >= v.end[(x.id, s.index)], when + here)
        for s in v.slots[last.id]:  # parts of other slots overlapping its last one, on the clock
            if s.pre_session:
                continue
            key = (last.id, s.index)
            here = [v.part[key], *_negated(v.part_after(last.id, s), v)]
            for t, other_id in _beside(ctx, last.id, s):
                other = (other_id, t.index)
                ctx.add(
                    _clock(s) + v.end[key] >= _clock(t) + v.end[other],
                    when + here + [v.part[other]],
                )


def _clock(s: Slot) -> int:
    """Minutes from midnight to the start of a slot's period."""
    return s.period.start.hour * 60 + s.period.start.minute


def _beside(ctx: Context, activity_id: str, s: Slot) -> list[tuple[Slot, str]]:
    """(slot, activity) for every other activity that may have a part in another slot whose
    period overlaps `s` on the clock (none without overlapping periods)."""
    return [
        (t, x.id)
        for t in ctx.overlapping(s)
        if t.index != s.index
        for x in ctx.session.activities
        if x.id != activity_id and ctx.v.has(x.id, t)
    ]


def fixed_start(ctx: Context) -> None:
    """Hard: a `fixed_start` activity's first part starts then; a `date` one stays on its date."""
    v = ctx.v
    for a in ctx.session.activities:
        moment = a.fixed_start
        if moment is not None and (when := ctx.switches.when("fixed-start", a.id)) is not None:
            first = next((s for s in v.slots[a.id] if s.start <= moment < s.end), None)
            if first is None:
                ctx.clause([], when)  # no usable slot holds that time
            else:
                key = (a.id, first.index)
                ctx.clause([v.part[key]], when)
                for s in v.slots[a.id]:
                    if s.index < first.index:
                        ctx.clause([~v.part[(a.id, s.index)]], when)
                offset = int((moment - first.start).total_seconds() // 60)
                ctx.add(v.start[key] == offset, when)


def held_on_date(ctx: Context) -> None:
    """Hard: an activity with `date`/`dates` has no part on another date."""
    v = ctx.v
    for a in ctx.session.activities:
        if not a.dates or (when := ctx.switches.when(*date_key(a))) is None:
            continue
        for s in v.slots[a.id]:
            if s.date not in a.dates:
                ctx.clause([~v.part[(a.id, s.index)]], when)


def earliest_start(ctx: Context) -> None:
    """Hard: no part starts before the activity's (or its body's) earliest start."""
    v = ctx.v
    for a in ctx.session.activities:
        moment = a.earliest_start
        if moment is None or (when := ctx.switches.when("earliest-start", a.id)) is None:
            continue
        for s in v.slots[a.id]:
            key = (a.id, s.index)
            if s.end <= moment or (a.whole_meetings and s.start < moment):
                ctx.clause([~v.part[key]], when)
            elif (offset := inner_offset(s, moment)) is not None:
                ctx.add(v.start[key] >= offset, [*when, v.part[key]])


def deadline(ctx: Context) -> None:
    """Hard: no part ends after the activity's (or its body's) latest end."""
    v = ctx.v
    for a in ctx.session.activities:
        moment = a.latest_end
        if moment is None or (when := ctx.switches.when("deadline", a.id)) is None:
            continue
        for s in v.slots[a.id]:
            key = (a.id, s.index)
            if s.start >= moment or (a.whole_meetings and s.end > moment):
                ctx.clause([~v.part[key]], when)
            elif (offset := inner_offset(s, moment)) is not None:
                ctx.add(v.end[key] <= offset, [*when, v.part[key]])


def not_in_parallel(ctx: Context) -> None:
    """Hard: an activity and each entry of its `not_in_parallel_with` never meet at one time.

    A part in slot `s` excludes the other's parts (or, for a body, its meetings and joint
    meetings) in every slot overlapping `s` on the clock (without overlapping periods: `s`).
    """
    session, v = ctx.session, ctx.v
    for a in session.activities:
        for other in a.not_in_parallel_with:
            when = ctx.switches.when("not-in-parallel", pair_subject(a.id, other))
            if when is None:
                continue
            targets = _parallel_targets(session, a.id, other)
            for s in v.slots[a.id]:
                mine = ~v.part[(a.id, s.index)]
                for t in ctx.overlapping(s):
                    if targets is None:  # a whole other body: its meetings
                        for host in ctx.hosts_of(other):
                            if (host, t.index) in v.held:
                                ctx.clause([mine, ~v.held[(host, t.index)]], when)
                        continue
                    for x in targets:
                        if v.has(x, t):
                            ctx.clause([mine, ~v.part[(x, t.index)]], when)


def no_sharing(ctx: Context) -> None:
    """Hard: where a `share: false` activity has a part, its body takes nothing else."""
    session, v = ctx.session, ctx.v
    for a in session.activities:
        if a.share or a.whole_meetings:  # whole meetings fill their slot: body-one-at-a-time
            continue
        others = [c for c in session.body_activities(a.body) if c.id != a.id]
        if not others or (when := ctx.switches.when("no-sharing", a.id)) is None:
            continue
        for s in v.slots[a.id]:
            for c in others:
                if v.has(c.id, s):
                    ctx.clause([~v.part[(a.id, s.index)], ~v.part[(c.id, s.index)]], when)


def no_running_on(ctx: Context) -> None:
    """Hard: a minute activity with `run_on: false` has exactly one part."""
    v = ctx.v
    for a in ctx.session.activities:
        if a.run_on or a.whole_meetings:
            continue
        if (when := ctx.switches.when("no-running-on", a.id)) is None:
            continue
        ctx.add(sum_of(v.part[(a.id, s.index)] for s in v.slots[a.id]) <= 1, when)


def consecutive_meetings(ctx: Context) -> None:
    """Hard: a minute activity runs on into its body's next meeting, from its start."""
    session, switches, v = ctx.session, ctx.switches, ctx.v
    for a in session.activities:
        slots = v.slots[a.id]
        if a.whole_meetings or len(slots) < 2 or a.id in v.one_part:
            continue  # one part (no-running-on enforced outright): nothing runs on
        for k, s in enumerate(slots):
            key = (a.id, s.index)
            if k + 1 < len(slots):  # a later part follows: this one runs to the period's end
                ctx.add(
                    v.end[key] == s.minutes, [v.part[key], v.pending[(a.id, slots[k + 1].index)]]
                )
            if k > 0:  # an earlier part precedes: this one starts at the period's start
                ctx.add(v.start[key] == 0, [v.part[key], v.started[(a.id, slots[k - 1].index)]])
        # "No other meeting in between" is implied in an agenda-order body enforced outright:
        # whatever the body took in between would come before or after `a` in the agenda.
        body = session.body(a.body)
        if agenda_outright(session, switches, body):
            continue
        for t in v.body_slots[body.id]:
            if not slots[0].index < t.index < slots[-1].index:
                continue
            between = [~v.held[(body.id, t.index)], ~v.part_before(a.id, t), ~v.part_after(a.id, t)]
            ctx.clause([*between, v.part[(a.id, t.index)]] if v.has(a.id, t) else between)


def same_room(ctx: Context) -> None:
    """Hard: a `same_room` activity keeps one room, in consecutive slots of its body's sequence.

    The sequence is every usable slot open to the body, in time order. Consecutive: no slot of
    it lies between two parts (`started` before it and `pending` after it imply a part in it).
    One room: a choice `keep[a,r]` among the body's rooms; a part with `keep[a,r]` puts the
    meeting in `r`. A whole-meeting activity enforced outright gets its start instead: one
    `begin[a,s]` per run of n sequence slots it may use, each part the sum of the runs over it.
    """
    session, v = ctx.session, ctx.v
    for a in session.activities:
        slots = v.slots[a.id]
        if not a.same_room or len(slots) < 2 or a.meetings == 1 or not a.run_on:
            continue  # one part: one room and no gap anyway
        if (when := ctx.switches.when("same-room", a.id)) is None:
            continue
        host = session.body(a.body)
        sequence = [s for s in session.usable_slots if s.period.allows(host.member_ids)]
        if a.whole_meetings and ctx.switches.prunes("same-room", a.id):
            _begins(ctx, a.id, a.meetings or 1, sequence)
        else:
            for t in sequence:
                if not slots[0].index < t.index < slots[-1].index:
                    continue
                between = [~v.part_before(a.id, t), ~v.part_after(a.id, t)]
                ctx.clause([*between, v.part[(a.id, t.index)]] if v.has(a.id, t) else between, when)
        rooms = v.rooms_of[a.body]
        if len(rooms) < 2:
            continue
        keep = {r: ctx.model.new_bool_var(f"keep[{a.id},{r}]") for r in rooms}
        ctx.add(sum_of(keep.values()) == 1, when)
        for s in slots:
            for r in rooms:
                room = v.room[(a.body, r, s.index)]
                ctx.clause([~v.part[(a.id, s.index)], ~keep[r], room], when)


def _begins(ctx: Context, activity_id: str, n: int, sequence: list[Slot]) -> None:
    """A whole-meeting activity in n consecutive slots of `sequence`: where its run begins."""
    v = ctx.v
    begins: dict[int, list[cp_model.IntVar]] = {}
    runs = []
    for k in range(len(sequence) - n + 1):
        run = sequence[k : k + n]
        if all(v.has(activity_id, s) for s in run):
            begin = ctx.model.new_bool_var(f"begin[{activity_id},{run[0].label}]")
            runs.append(begin)
            for s in run:
                begins.setdefault(s.index, []).append(begin)
    ctx.add(sum_of(runs) == 1)
    for s, part in v.parts_of(activity_id):
        ctx.add(part == sum_of(begins.get(s.index, [])))


def room_closed(ctx: Context) -> None:
    """Hard: no meeting uses a room in a period it is closed: its room literals are false
    there (a one-room body's literal is its meeting's)."""
    closed = {room.id: room for room in ctx.session.rooms if room.closed}
    for (_, room_id, index), literal in ctx.v.room.items():
        room = closed.get(room_id)
        if room is None:
            continue
        s = ctx.session.slots[index]
        if room.is_closed(s.date, s.period.id):
            when = ctx.switches.when("room-closed", room_id)
            if when is not None:
                ctx.clause([~literal], when)


def interpretation_budget(ctx: Context) -> None:
    """Hard: the interpreted meetings number at most the budget."""
    when = ctx.switches.when("interpretation-budget", SESSION)
    if when is None:
        return
    held = [held for _, _, held in ctx.meetings(interpreted_only=True)]
    budget = ctx.session.interpretation.budget
    if len(held) > budget:
        ctx.add(sum_of(held) <= budget, when)


def interpretation_teams(ctx: Context) -> None:
    """Hard: in no slot do more interpreted meetings run than there are teams."""
    when = ctx.switches.when("interpretation-teams", SESSION)
    if when is None:
        return
    teams = ctx.session.interpretation.teams
    for held in ctx.meetings_per_moment(interpreted_only=True):
        if len(held) > teams:
            ctx.add(sum_of(held) <= teams, when)


def parallel_cap(ctx: Context) -> None:
    """Hard: when a cap is set, at no moment do more meetings run than the cap; with
    `parallel_cap_bodies`, more meetings of those bodies (their joint meetings too)."""
    cap = ctx.session.interpretation.parallel_cap
    if cap is None or (when := ctx.switches.when("parallel-cap", SESSION)) is None:
        return
    scope = ctx.session.interpretation.parallel_cap_bodies
    hosts = None if scope is None else {h for b in scope for h in ctx.hosts_of(b)}
    for held in ctx.meetings_per_moment(hosts=hosts):
        if len(held) > cap:
            ctx.add(sum_of(held) <= cap, when)


def max_meetings_per_day(ctx: Context) -> None:
    """Hard: a body with `max_meetings_per_day` holds at most that many meetings on each date."""
    for body in ctx.session.bodies:
        cap = body.max_meetings_per_day
        if cap is None or (when := ctx.switches.when("max-meetings-per-day", body.id)) is None:
            continue
        for held in ctx.meetings_per_day(body.id).values():
            if len(held) > cap:
                ctx.add(sum_of(held) <= cap, when)


#: Rule name -> the function adding it, in the order of `scheduler.rules.HARD_RULES`.
HARD_CONSTRAINTS: dict[str, ConstraintFn] = {
    "full-duration": full_duration,
    "within-periods": within_periods,
    "body-one-at-a-time": body_one_at_a_time,
    "room-one-meeting": room_one_meeting,
    "body-rooms": body_rooms,
    "interpretation-booths": interpretation_booths,
    "agenda-order": agenda_order,
    "first-last": first_last,
    "fixed-start": fixed_start,
    "held-on-date": held_on_date,
    "earliest-start": earliest_start,
    "deadline": deadline,
    "not-in-parallel": not_in_parallel,
    "in-parallel": in_parallel,
    "sequence": sequence,
    "no-sharing": no_sharing,
    "no-running-on": no_running_on,
    "consecutive-meetings": consecutive_meetings,
    "same-room": same_room,
    "room-closed": room_closed,
    "interpretation-budget": interpretation_budget,
    "interpretation-teams": interpretation_teams,
    "remote-capacity": remote_capacity,
    "parallel-cap": parallel_cap,
    "max-meetings-per-day": max_meetings_per_day,
    "max-days": max_days,
}


# --- helpers -------------------------------------------------------------------------------


def _negated(literal: cp_model.IntVar, v: Variables) -> list[cp_model.LiteralT]:
    """`[not literal]` as an enforcement list; empty when `literal` is the constant false."""
    return [] if literal is v.false else [~literal]


def _others_on_session_days(
    ctx: Context, activity_id: str
) -> list[tuple[str, Slot, cp_model.IntVar]]:
    """(who, slot, literal) for every other part that may be held on a session day.

    Another body's parts in a slot are summed up by its `held` literal; the activity's own body
    is taken activity by activity, leaving the activity itself out.
    """
    session, v = ctx.session, ctx.v
    own = session.activity(activity_id).body
    found: list[tuple[str, Slot, cp_model.IntVar]] = []
    for body in session.hosts:
        for s in v.body_slots[body.id]:
            if s.pre_session:
                continue
            if body.id != own:
                found.append((body.id, s, v.held[(body.id, s.index)]))
                continue
            for x in session.body_activities(own):
                if x.id != activity_id and v.has(x.id, s):
                    found.append((x.id, s, v.part[(x.id, s.index)]))
    return found


def _parallel_targets(session: Session, activity_id: str, other: str) -> list[str] | None:
    """The activities `other` stands for; None for another body, taken by its meetings."""
    ids = {a.id for a in session.activities}
    if other in ids:
        return [other]
    if any(i.id == other for i in session.items):  # a heading: its sub-items
        parent = {i.id: i.parent for i in session.items}

        def under(item: str | None) -> bool:
            while item is not None:
                if item == other:
                    return True
                item = parent.get(item)
            return False

        return [a.id for a in session.activities if a.id != activity_id and under(a.id)]
    if session.activity(activity_id).body == other:
        return [a.id for a in session.body_activities(other) if a.id != activity_id]
    return None
