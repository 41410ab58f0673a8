"""Rules read off the witness: deadlines, earliest starts, fixed meetings, pairs kept apart.

Each rule is chosen so that the witness satisfies it: a deadline is never before the witness's
last meeting of that body, a pair kept apart never shares a slot in the witness. `tight`
leaves no slack (a deadline exactly at the witness's end, a budget exactly its use); otherwise
the rule leaves some room, as real ones do.
"""

from __future__ import annotations

import datetime as dt
import random
from collections import Counter
from collections.abc import Sequence

from scheduler.generate.plan import ActivityPlan, BodyPlan, SessionPlan
from scheduler.generate.profiles import Parameters, Profile


def derive_rules(
    plan: SessionPlan, params: Parameters, profile: Profile, rng: random.Random
) -> None:
    """Add to `plan` every rule the generated session states, all satisfied by its witness."""
    tight = params.tight
    _body_rooms(plan, rng, tight)
    _deadlines(plan, rng, tight)
    _earliest_starts(plan, rng, tight)
    _fixed_meetings(plan, rng, tight)
    pairs = {"treaty-cop": rng.randint(1, 2), "commission": rng.randint(2, 4)}.get(
        params.profile, max(2, params.bodies // 5)
    )
    _not_in_parallel(plan, rng, pairs * (2 if tight else 1))
    _preferred(plan, rng)
    _interpretation(plan, profile, rng, tight)


def _body_rooms(plan: SessionPlan, rng: random.Random, tight: bool) -> None:
    """The rooms the witness used, most used first, and perhaps a spare one or two."""
    for body in plan.bodies:
        used = Counter(room for _, room in body.meetings)
        first_use = {room: n for n, (_, room) in reversed(list(enumerate(body.meetings)))}
        rooms = sorted(used, key=lambda r: (-used[r], first_use[r]))
        spare = [r for r in body.eligible_rooms if r not in rooms]
        if not tight and spare and body.kind != "plenary" and rng.random() < 0.5:
            rooms += spare[: rng.randint(1, 2)]
        body.rooms = rooms or body.eligible_rooms[:1]


def _deadline_times(plan: SessionPlan) -> list[dt.datetime]:
    """Times a planner writes as a deadline: the end of a period, or noon ("Thursday noon")."""
    times: set[dt.datetime] = set()
    for slot in plan.calendar.session_slots():
        times.update((slot.end, dt.datetime.combine(slot.date, dt.time(12))))
    return sorted(times)


def _start_times(plan: SessionPlan) -> list[dt.datetime]:
    """Times a planner writes as an earliest start: the start of a period."""
    return sorted({slot.start for slot in plan.calendar.session_slots()})


def _deadline_after(
    end: dt.datetime, times: Sequence[dt.datetime], rng: random.Random, tight: bool
) -> dt.datetime:
    if tight:
        return end
    later = [t for t in times if t >= end]
    noons = [t for t in later if t.time() == dt.time(12)]
    if noons and rng.random() < 0.5:
        return noons[0]  # "by Thursday noon"
    return later[min(rng.randint(0, 3), len(later) - 1)] if later else end


def _start_before(
    start: dt.datetime, times: Sequence[dt.datetime], rng: random.Random, tight: bool
) -> dt.datetime:
    if tight:
        return start
    earlier = [t for t in times if t <= start]
    return earlier[-1 - min(rng.randint(0, 3), len(earlier) - 1)] if earlier else start


def _parallel_bodies(plan: SessionPlan) -> list[BodyPlan]:
    return [b for b in plan.bodies if b.kind in ("working_group", "committee") and b.meetings]


def _deadlines(plan: SessionPlan, rng: random.Random, tight: bool) -> None:
    """Parallel bodies report by a deadline; a few activities have their own."""
    times = _deadline_times(plan)
    bodies = _parallel_bodies(plan)
    groups = [b for b in bodies if b.id.startswith("cg-")]
    if groups and not tight:  # contact groups conclude by one common deadline
        common = _deadline_after(max(b.meetings[-1][0].end for b in groups), times, rng, tight)
        for body in groups:
            body.latest_end = common
    for body in bodies:
        if body.latest_end is None and rng.random() < 0.7:
            body.latest_end = _deadline_after(body.meetings[-1][0].end, times, rng, tight)
    for activity in _free_activities(plan):
        if rng.random() < 0.08:
            activity.attrs["latest_end"] = _deadline_after(activity.end, times, rng, tight)


def _earliest_starts(plan: SessionPlan, rng: random.Random, tight: bool) -> None:
    times = _start_times(plan)
    for body in _parallel_bodies(plan):
        if rng.random() < 0.3 and not any(slot.pre_session for slot, _ in body.meetings):
            body.earliest_start = _start_before(body.meetings[0][0].start, times, rng, tight)
    for activity in _free_activities(plan):
        if rng.random() < 0.06:
            activity.attrs["earliest_start"] = _start_before(activity.start, times, rng, tight)


def _free_activities(plan: SessionPlan) -> list[ActivityPlan]:
    """Activities with no fixed time yet (not first, last, or fixed to a date)."""
    return [
        a
        for a in plan.activities
        if not ({"first", "last", "date", "fixed_start"} & a.attrs.keys())
        and not any(p.slot.pre_session for p in a.parts)
    ]


def _fixed_meetings(plan: SessionPlan, rng: random.Random, tight: bool) -> None:
    """The opening starts at a fixed time; some parallel meetings are fixed to a day or hour."""
    for activity in plan.activities:
        if activity.attrs.get("first"):
            activity.attrs["fixed_start"] = activity.start
    scale = 2.0 if tight else 1.0
    for activity in _free_activities(plan):
        one_day = len({p.slot.date for p in activity.parts}) == 1
        chance = 0.25 if activity.kind == "meetings" else 0.03
        if one_day and rng.random() < chance * scale:
            activity.attrs["date"] = activity.parts[0].slot.date
        elif activity.kind == "meetings" and rng.random() < 0.08 * scale:
            activity.attrs["fixed_start"] = activity.start


def _not_in_parallel(plan: SessionPlan, rng: random.Random, count: int) -> None:
    """Pairs that the same experts attend: never in the same slot in the witness."""
    entries = [a for a in plan.entries if not any(p.slot.pre_session for p in a.parts)]
    items = [a for a in plan.items if a.is_activity]
    bodies = [b for b in plan.bodies if b.meetings]
    if not entries:
        return
    made = 0
    for _ in range(50 * count):
        if made == count:
            break
        activity = rng.choice(entries)
        mine = activity.slot_indices
        taken = activity.attrs.setdefault("not_in_parallel_with", [])
        if rng.random() < 0.5 and items:
            other = rng.choice(items)
            target, owner, theirs = other.id, other.body, other.slot_indices
        elif rng.random() < 0.5:
            other = rng.choice(entries)
            target, owner, theirs = other.id, other.body, other.slot_indices
        else:
            body = rng.choice(bodies)
            target, owner = body.id, body.id
            theirs = {slot.index for slot, _ in body.meetings}
        if owner == activity.body or target in taken or mine & theirs:
            if not taken:
                del activity.attrs["not_in_parallel_with"]
            continue
        taken.append(target)
        made += 1


def _preferred(plan: SessionPlan, rng: random.Random) -> None:
    """A few activities prefer a period or a day (a preference: the witness may ignore it)."""
    periods = [p.id for p in plan.calendar.periods if not p.evening]
    for activity in plan.activities:
        if activity.attrs.get("first") or activity.attrs.get("last") or rng.random() >= 0.08:
            continue
        slot = activity.parts[0].slot
        if rng.random() < 0.7:
            activity.attrs["preferred"] = [{"period": rng.choice([slot.period.id, *periods])}]
        else:
            activity.attrs["preferred"] = [{"date": slot.date, "period": slot.period.id}]


def _interpretation(plan: SessionPlan, profile: Profile, rng: random.Random, tight: bool) -> None:
    """The budget covers the witness's interpreted meetings; teams and cap cover its peaks."""
    used = plan.interpreted_meetings()
    per_slot: Counter[int] = Counter()
    interpreted: Counter[int] = Counter()
    capped = profile.capped_kinds
    for body in plan.bodies:
        for slot, _ in body.meetings:
            per_slot[slot.index] += capped is None or body.kind in capped
            interpreted[slot.index] += body.interpreted
    if tight:
        plan.budget = used
        plan.teams = min(profile.teams, max(interpreted.values(), default=0))
        if profile.parallel_cap is not None:
            plan.parallel_cap = min(profile.parallel_cap, max(per_slot.values(), default=1))
    else:
        plan.budget = used + max(1, round(used * rng.uniform(0.05, 0.2)))
        plan.teams = profile.teams
        plan.parallel_cap = profile.parallel_cap
    if capped is not None:
        plan.parallel_cap_bodies = [b.id for b in plan.bodies if b.kind in capped]
    assert max(interpreted.values(), default=0) <= plan.teams
    assert plan.parallel_cap is None or max(per_slot.values(), default=0) <= plan.parallel_cap
