"""A small, test-only reading of docs/RULES.md: which rules a timetable breaks, and its cost.

It shares no code with `models/`: it reads only the session and the timetable rows, so a model
bug cannot hide behind a checker built from the same pieces. (The project's validator lives
elsewhere; this one exists so the model's tests can assert "the rule holds" on their own.)
"""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from itertools import pairwise

from scheduler.session import Activity, Session
from scheduler.timetable import Assignment, Timetable

Finding = tuple[str, str]  # (rule, what)


def broken_rules(session: Session, timetable: Timetable) -> list[Finding]:
    """Every (rule, description) the timetable breaks; empty when it respects all hard rules."""
    rows = list(timetable)
    found: list[Finding] = []
    by_activity: dict[str, list[Assignment]] = defaultdict(list)
    for r in rows:
        by_activity[r.activity].append(r)
    for parts in by_activity.values():
        parts.sort(key=lambda r: (r.start_at, r.end_at))
    activities = {a.id: a for a in session.activities}
    slot_of = {(s.date, s.period.id): s for s in session.slots}
    session_days = set(session.session.days)

    def on_session_day(r: Assignment) -> bool:
        return r.date in session_days

    # full-duration
    for a in session.activities:
        parts = by_activity.get(a.id, [])
        if not parts:
            found.append(("full-duration", f"{a.id} has no part"))
            continue
        if [p.part for p in parts] != list(range(1, len(parts) + 1)) or any(
            p.parts != len(parts) for p in parts
        ):
            found.append(("full-duration", f"{a.id} parts not numbered 1..n in time order"))
        if a.whole_meetings:
            if len(parts) != a.meetings:
                found.append(("full-duration", f"{a.id} has {len(parts)} meetings"))
            for p in parts:
                s = slot_of.get((p.date, p.period))
                if s is None or p.start_at != s.start or p.end_at != s.end:
                    found.append(("full-duration", f"{a.id} does not fill {p.date} {p.period}"))
        elif sum(p.minutes for p in parts) != a.minutes:
            found.append(("full-duration", f"{a.id} totals {sum(p.minutes for p in parts)}"))
    for r in rows:
        known = activities.get(r.activity)
        if known is None or known.body != r.body:
            found.append(("full-duration", f"{r.activity} unknown or in the wrong body"))
        minutes = int((r.end_at - r.start_at).total_seconds() // 60)
        if minutes != r.minutes or r.minutes <= 0:
            found.append(("full-duration", f"{r.activity} {r.start}-{r.end} != {r.minutes}"))

    # within-periods
    info = session.session
    for r in rows:
        s = slot_of.get((r.date, r.period))
        placed = activities.get(r.activity)
        if s is None or placed is None:
            found.append(("within-periods", f"{r.activity} in an unknown slot"))
            continue
        if not (s.start <= r.start_at and r.end_at <= s.end):
            found.append(("within-periods", f"{r.activity} outside {s.label}"))
        if s.holiday or (s.period.evening and not info.evening_meetings):
            found.append(("within-periods", f"{r.activity} on a holiday or evening"))
        if s.pre_session:
            fixed = {placed.date, placed.fixed_start.date() if placed.fixed_start else None}
            if r.date not in fixed:
                found.append(("within-periods", f"{r.activity} on an unfixed pre-session day"))

    # body-one-at-a-time, room-one-meeting, body-rooms, interpretation-booths
    meetings: dict[tuple[str, dt.date, str], list[Assignment]] = defaultdict(list)
    for r in rows:
        meetings[r.meeting_key].append(r)
    for (body, date, period), parts in meetings.items():
        if len({p.room for p in parts}) > 1:
            found.append(("body-one-at-a-time", f"{body} in two rooms on {date} {period}"))
    by_body: dict[str, list[Assignment]] = defaultdict(list)
    for r in rows:
        by_body[r.body].append(r)
    for rows_of_body in by_body.values():
        for x, y in pairwise(sorted(rows_of_body, key=lambda r: r.start_at)):
            if y.start_at < x.end_at:
                found.append(("body-one-at-a-time", f"{x.activity} overlaps {y.activity}"))
    rooms_used: dict[tuple[str, dt.date, str], set[str]] = defaultdict(set)
    for (body_id, date, period), parts in meetings.items():
        rooms_used[(parts[0].room, date, period)].add(body_id)
    for (room, date, period), users in rooms_used.items():
        if len(users) > 1:
            found.append(("room-one-meeting", f"{room} on {date} {period}: {sorted(users)}"))
    for r in rows:
        meeting_body = session.body(r.body)
        if r.room not in meeting_body.rooms:
            found.append(("body-rooms", f"{r.body} in {r.room}"))
        if meeting_body.interpreted and not session.room(r.room).interpretation:
            found.append(("interpretation-booths", f"{r.body} in {r.room}"))

    # agenda-order
    for agenda_body in session.bodies:
        if agenda_body.order != "agenda":
            continue
        listed = session.body_activities(agenda_body.id)
        for a, c in pairwise(listed):
            pa, pc = by_activity.get(a.id, []), by_activity.get(c.id, [])
            if pa and pc and max(p.end_at for p in pa) > min(p.start_at for p in pc):
                found.append(("agenda-order", f"{a.id} after {c.id}"))

    # first-last
    for a in session.activities:
        mine = by_activity.get(a.id, [])
        others = [r for r in rows if r.activity != a.id and on_session_day(r)]
        if not mine or not others:
            continue
        if a.first and min(p.start_at for p in mine) > min(r.start_at for r in others):
            found.append(("first-last", f"{a.id} is not first"))
        if a.last and max(p.end_at for p in mine) < max(r.end_at for r in others):
            found.append(("first-last", f"{a.id} is not last"))

    # fixed-start, earliest-start, deadline
    for a in session.activities:
        mine = by_activity.get(a.id, [])
        if not mine:
            continue
        if a.fixed_start is not None and mine[0].start_at != a.fixed_start:
            found.append(("fixed-start", f"{a.id} starts {mine[0].start_at}"))
        if a.date is not None and any(p.date != a.date for p in mine):
            found.append(("fixed-start", f"{a.id} off its date"))
        if a.earliest_start is not None and mine[0].start_at < a.earliest_start:
            found.append(("earliest-start", f"{a.id} starts {mine[0].start_at}"))
        if a.latest_end is not None and max(p.end_at for p in mine) > a.latest_end:
            found.append(("deadline", f"{a.id} ends {mine[-1].end_at}"))

    # not-in-parallel
    for a in session.activities:
        for other in a.not_in_parallel_with:
            for b in _expand(session, a, other):
                slots_a = {(p.date, p.period) for p in by_activity.get(a.id, [])}
                slots_b = {(p.date, p.period) for p in by_activity.get(b, [])}
                if slots_a & slots_b:
                    found.append(("not-in-parallel", f"{a.id} with {b}"))

    # no-sharing, no-running-on, consecutive-meetings
    for a in session.activities:
        mine = by_activity.get(a.id, [])
        if not a.share:
            for p in mine:
                if any(r.activity != a.id for r in meetings[p.meeting_key]):
                    found.append(("no-sharing", f"{a.id} shares {p.date} {p.period}"))
        if a.whole_meetings:
            continue
        if not a.run_on and len(mine) > 1:
            found.append(("no-running-on", f"{a.id} has {len(mine)} parts"))
        body_meetings = sorted({(slot_of[(r.date, r.period)].index) for r in by_body[a.body]})
        for x, y in pairwise(mine):
            ix, iy = slot_of[(x.date, x.period)].index, slot_of[(y.date, y.period)].index
            if any(ix < i < iy for i in body_meetings):
                found.append(("consecutive-meetings", f"{a.id}: another meeting in between"))
            if x.end_at != slot_of[(x.date, x.period)].end:
                found.append(("consecutive-meetings", f"{a.id}: part {x.part} stops early"))
            if y.start_at != slot_of[(y.date, y.period)].start:
                found.append(("consecutive-meetings", f"{a.id}: part {y.part} starts late"))

    # interpretation-budget, interpretation-teams, parallel-cap
    interp = session.interpretation
    interpreted = [k for k in meetings if session.body(k[0]).interpreted]
    if len(interpreted) > interp.budget:
        found.append(("interpretation-budget", f"{len(interpreted)} interpreted meetings"))
    per_slot: dict[tuple[dt.date, str], list[str]] = defaultdict(list)
    for body_id, date, period in meetings:
        per_slot[(date, period)].append(body_id)
    for slot, sitting in per_slot.items():
        if sum(session.body(b).interpreted for b in sitting) > interp.teams:
            found.append(("interpretation-teams", f"{slot}: {sitting}"))
        if interp.parallel_cap is not None and len(sitting) > interp.parallel_cap:
            found.append(("parallel-cap", f"{slot}: {sitting}"))
    return found


def _expand(session: Session, a: Activity, other: str) -> list[str]:
    ids = {x.id for x in session.activities}
    if other in ids:
        return [other]
    children = [i.id for i in session.items if i.parent == other]
    if children or any(i.id == other for i in session.items):
        out: list[str] = []
        for child in children:
            out += [child] if child in ids else _expand(session, a, child)
        return [x for x in out if x != a.id]
    return [x.id for x in session.body_activities(other) if x.id != a.id]


def cost(session: Session, timetable: Timetable) -> dict[str, int]:
    """Each preference's cost, recomputed from the rows."""
    prefs = session.preferences
    by_activity: dict[str, list[Assignment]] = defaultdict(list)
    for r in timetable:
        by_activity[r.activity].append(r)
    costs = dict.fromkeys(
        ("carry-over", "carry-over-to-next-day", "interpreted-meetings", "preferred-periods"), 0
    )
    for a in session.activities:
        mine = sorted(by_activity.get(a.id, []), key=lambda r: r.start_at)
        if not a.whole_meetings and mine:
            costs["carry-over"] += (len(mine) - 1) * prefs.carry_over
            changes = sum(x.date != y.date for x, y in pairwise(mine))
            costs["carry-over-to-next-day"] += changes * prefs.carry_over_to_next_day
        for p in mine:
            if a.preferred and not any(
                (e.date is None or e.date == p.date) and (e.period is None or e.period == p.period)
                for e in a.preferred
            ):
                costs["preferred-periods"] += prefs.preferred_period
    meetings = {r.meeting_key for r in timetable if session.body(r.body).interpreted}
    costs["interpreted-meetings"] = len(meetings) * prefs.interpreted_meeting
    return costs
