"""Relations across bodies and caps on a body's calendar, checked on the clock.

`in-parallel` and `sequence` relate an activity to an entry of its `in_parallel_with`,
`after_end_of` or `after_start_of`: another activity, a heading (its sub-items, at any depth)
or a body (every meeting it holds, its joint meetings included). A meeting occupies its whole
period: two meetings run at the same time when, on one date, their periods' [start, end)
intersect. Periods are looked up by date and id, as a day may have periods of its own.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from scheduler.messages.terms import Activities
from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, MeetingKey, Part
from scheduler.validation.wording import At, Day, InSlot, Listing, Mtg

Span = tuple[dt.datetime, dt.datetime]


def check_in_parallel(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: each meeting of an activity with `in_parallel_with` runs, at least in part, while
    each entry meets: one of the entry's meetings has a period overlapping its own."""
    facts = Facts(session, timetable)
    found = Findings("in-parallel", session)
    for activity in session.activities:
        mine = _meetings_of(facts, [activity.id])
        for target in activity.in_parallel_with:
            spans = [
                s for m in _target_meetings(facts, activity.id, target) if (s := _span(session, m))
            ]
            for meeting in mine:
                span = _span(session, meeting)
                if span is None:
                    continue  # a row outside every period: within-periods reports it
                if any(_overlap(span, other) for other in spans):
                    continue
                found.add(
                    "alone",
                    item=found.act(activity.id),
                    slot=InSlot((meeting[1], meeting[2])),
                    other=_named(found, target),
                    activities=(activity.id,),
                    meetings=(meeting,),
                )
    return found


def check_sequence(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity starts no earlier than the end of the last part of each entry of its
    `after_end_of`, and no earlier than the start of the first part of each entry of its
    `after_start_of` (an entry standing for several activities: the last end, the first start
    among them)."""
    facts = Facts(session, timetable)
    found = Findings("sequence", session)
    for activity in session.activities:
        mine = [p for p in facts.parts_of(activity.id) if p.start is not None]
        if not mine or not (activity.after_end_of or activity.after_start_of):
            continue
        first = min(mine, key=_start)
        for target in activity.after_end_of:
            theirs = [p for p in _target_parts(facts, activity.id, target) if p.end is not None]
            if not theirs:
                continue
            last = max(theirs, key=_end)
            if _start(first) < _end(last):
                found.add(
                    "before-end",
                    item=found.act(activity.id),
                    start=At(first.start),
                    other=_named(found, target),
                    end=At(last.end),
                    activities=(activity.id, last.activity_id),
                    meetings=(first.meeting, last.meeting),
                )
        for target in activity.after_start_of:
            theirs = [p for p in _target_parts(facts, activity.id, target) if p.start is not None]
            if not theirs:
                continue
            opening = min(theirs, key=_start)
            if _start(first) < _start(opening):
                found.add(
                    "before-start",
                    item=found.act(activity.id),
                    start=At(first.start),
                    other=_named(found, target),
                    first=At(opening.start),
                    activities=(activity.id, opening.activity_id),
                    meetings=(first.meeting, opening.meeting),
                )
    return found


def check_max_days(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a body with `max_days: n` meets on at most n dates, its joint meetings counted."""
    facts = Facts(session, timetable)
    found = Findings("max-days", session)
    for body in session.bodies:
        cap = body.max_days
        if cap is None:
            continue
        parts = [p for p in facts.parts if p.date is not None and body.id in _members(session, p)]
        dates = sorted({p.date for p in parts if p.date is not None})
        if len(dates) <= cap:
            continue
        found.add(
            "too-many-days",
            body=found.body(body.id),
            count=len(dates),
            days=Listing.of(Day(d) for d in dates),
            cap=cap,
            activities=[p.activity_id for p in parts],
            meetings=[p.meeting for p in parts],
        )
    return found


def check_remote_capacity(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: when `interpretation.remote_teams` is set, at no moment do more interpreted
    meetings of hybrid or remote bodies (a joint meeting: hybrid if any of its bodies is) run
    than that number."""
    facts = Facts(session, timetable)
    found = Findings("remote-capacity", session)
    teams = session.interpretation.remote_teams
    if teams is None:
        return found
    remote = {h.id for h in session.hosts if h.interpreted and h.mode in ("hybrid", "remote")}
    spans: dict[MeetingKey, Span] = {}
    for part in facts.parts:
        if part.body_id in remote and (span := _span(session, part.meeting)) is not None:
            spans[part.meeting] = span
    for moment, meetings in _busiest_moments(spans):
        if len(meetings) <= teams:
            continue
        found.add(
            "too-many",
            n=len(meetings),
            moment=At(moment),
            listed=Listing.of(Mtg(m) for m in meetings),
            teams=teams,
            activities=[p.activity_id for p in facts.parts if p.meeting in meetings],
            meetings=meetings,
        )
    return found


# --- helpers -------------------------------------------------------------------------------


def _start(part: Part) -> dt.datetime:
    assert part.start is not None
    return part.start


def _end(part: Part) -> dt.datetime:
    assert part.end is not None
    return part.end


def _span(session: Session, meeting: MeetingKey) -> Span | None:
    """The clock times of a meeting's period on its date; None when either is unknown."""
    _, date, period_id = meeting
    if date is None:
        return None
    period = next((p for p in session.session.periods_on(date) if p.id == period_id), None)
    if period is None:
        return None
    return (dt.datetime.combine(date, period.start), dt.datetime.combine(date, period.end))


def _overlap(one: Span, other: Span) -> bool:
    return one[0] < other[1] and other[0] < one[1]


def _members(session: Session, part: Part) -> tuple[str, ...]:
    """The bodies of the file a row's body stands for: itself, or a joint meeting's bodies."""
    host = next((h for h in session.hosts if h.id == part.body_id), None)
    return host.member_ids if host is not None else (part.body_id,)


def _activities(session: Session, activity_id: str, target: str) -> list[str]:
    """The activities an entry names (a heading: its sub-items at any depth), never the
    activity itself; empty for a body."""
    if any(a.id == target for a in session.activities):
        return [target] if target != activity_id else []
    family = {target}
    while True:
        grown = family | {i.id for i in session.items if i.parent in family}
        if grown == family:
            break
        family = grown
    return [a.id for a in session.activities if a.id in family and a.id != activity_id]


def _is_body(session: Session, target: str) -> bool:
    return any(b.id == target for b in session.bodies)


def _target_parts(facts: Facts, activity_id: str, target: str) -> list[Part]:
    """The rows of what an entry names: a body's rows (joint meetings too), or the rows of the
    activities it stands for; the activity's own rows never count."""
    session = facts.session
    if _is_body(session, target):
        return [
            p
            for p in facts.parts
            if target in _members(session, p) and p.activity_id != activity_id
        ]
    wanted = set(_activities(session, activity_id, target))
    return [p for p in facts.parts if p.activity_id in wanted]


def _target_meetings(facts: Facts, activity_id: str, target: str) -> list[MeetingKey]:
    """The meetings in which an entry meets: a body's (joint ones too), or those holding a
    part of the activities it stands for."""
    session = facts.session
    if _is_body(session, target):
        rows = [p for p in facts.parts if target in _members(session, p)]
    else:
        rows = _target_parts(facts, activity_id, target)
    return list(dict.fromkeys(p.meeting for p in rows))


def _meetings_of(facts: Facts, activity_ids: Iterable[str]) -> list[MeetingKey]:
    wanted = set(activity_ids)
    return list(dict.fromkeys(p.meeting for p in facts.parts if p.activity_id in wanted))


def _named(found: Findings, target: str) -> object:
    """An entry as findings name it: an activity, a heading (`item 1`) or a body."""
    session = found.session
    if _is_body(session, target):
        return found.body(target)
    if any(a.id == target for a in session.activities):
        return found.act(target)
    return Activities.of(session, [target])


def _busiest_moments(
    spans: dict[MeetingKey, Span],
) -> list[tuple[dt.datetime, list[MeetingKey]]]:
    """For each moment a meeting starts, the meetings running then; a group contained in
    another is left out (it is no busier)."""
    groups: list[tuple[dt.datetime, list[MeetingKey]]] = []
    for moment in sorted({start for start, _ in spans.values()}):
        running = [m for m, (start, end) in spans.items() if start <= moment < end]
        groups.append((moment, running))
    return [
        (moment, running)
        for moment, running in groups
        if not any(set(running) < set(other) for _, other in groups)
    ]
