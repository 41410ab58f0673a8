"""When activities may be held: the session's periods and days, fixed times and deadlines."""

from __future__ import annotations

import datetime as dt

from scheduler.session import Activity, Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, Part
from scheduler.validation.wording import At, Day, Listing, Mtg, Span


def _fixed_to(activity: Activity | None, date: dt.date) -> bool:
    """Whether an activity is tied to `date` by its `date`, its `dates` or its `fixed_start`."""
    if activity is None:
        return False
    return date in activity.dates or (
        activity.fixed_start is not None and activity.fixed_start.date() == date
    )


def _check_meetings(found: Findings, facts: Facts) -> None:
    """Meetings in no period of their day, in a period closed to their body, in a forbidden
    evening, or on no usable day."""
    info = facts.session.session
    known_ids = set(facts.session.period_ids)
    for meeting, parts in facts.meetings.items():
        host_id, date, period_id = meeting
        period = facts.period_on(date, period_id)
        ids, keys = [p.activity_id for p in parts], (meeting,)
        where = Mtg(meeting)
        if period is None and date is not None and period_id in known_ids:
            found.add(
                "not-a-period-of-day",
                where=where,
                period=period_id,
                day=Day(date),
                periods=Listing.of(p.id for p in info.periods_on(date)),
                activities=ids,
                meetings=keys,
            )
        elif period is None:
            found.add(
                "unknown-period",
                where=where,
                period=period_id,
                activities=ids,
                meetings=keys,
            )
        elif period.evening and not info.evening_meetings:
            found.add(
                "evening",
                where=where,
                activities=ids,
                meetings=keys,
            )
        if (
            period is not None
            and period.bodies is not None
            and host_id in facts.bodies
            and not period.allows(facts.members(host_id))
        ):
            found.add(
                "closed-to-body",
                where=where,
                period=Span(period.start, period.end),
                allowed=Listing.of(found.body(b) for b in period.bodies),
                activities=ids,
                meetings=keys,
            )
        if date is None:
            found.add(
                "no-date",
                where=where,
                activities=ids,
                meetings=keys,
            )
        elif date in info.holidays:
            found.add(
                "on-holiday",
                where=where,
                activities=ids,
                meetings=keys,
            )
        elif date not in info.days and date not in info.pre_session_days:
            found.add(
                "not-session-day",
                where=where,
                activities=ids,
                meetings=keys,
            )


def _outside(part: Part) -> bool:
    """Whether a timed part leaves its period's clock times."""
    if part.start is None or part.end is None or part.slot_start is None:
        return False
    assert part.slot_end is not None
    return not (
        part.slot_start <= part.start <= part.slot_end
        and part.slot_start <= part.end <= part.slot_end
    )


def check_within_periods(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: each part lies within the clock times of its period on its date (a day's own
    periods, else the daily ones), in a period open to its body (a joint meeting: to all its
    bodies), on a session or pre-session day that is not a holiday, evenings only when
    allowed; pre-session days only for activities fixed to them (`date`, `dates`,
    `fixed_start`)."""
    facts = Facts(session, timetable)
    found = Findings("within-periods", session)
    _check_meetings(found, facts)
    pre_session = set(session.session.pre_session_days)
    for p in facts.parts:
        item, ids, keys = found.act(p.activity_id), (p.activity_id,), (p.meeting,)
        if p.date in pre_session and not _fixed_to(p.activity, p.date):
            found.add(
                "pre-session-day",
                item=item,
                day=Day(p.date),
                activities=ids,
                meetings=keys,
            )
        if _outside(p):
            found.add(
                "outside-period",
                item=item,
                span=Span(p.start, p.end),
                where=Mtg(p.meeting),
                period=Span(p.slot_start, p.slot_end),
                activities=ids,
                meetings=keys,
            )
    return found


def check_fixed_start(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity with `fixed_start` has its first part start exactly then."""
    facts = Facts(session, timetable)
    found = Findings("fixed-start", session)
    for activity in session.activities:
        timed = facts.timed_parts_of(activity.id)
        if activity.fixed_start is not None and timed and timed[0].start != activity.fixed_start:
            found.add(
                "not-at-fixed-start",
                item=found.act(activity.id),
                start=At(timed[0].start),
                fixed=At(activity.fixed_start),
                activities=(activity.id,),
                meetings=(timed[0].meeting,),
            )
    return found


def check_held_on_date(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity with `date` or `dates` has every part on one of those dates."""
    facts = Facts(session, timetable)
    found = Findings("held-on-date", session)
    for activity in session.activities:
        if not activity.dates:
            continue
        elsewhere = [p for p in facts.parts_of(activity.id) if p.date not in activity.dates]
        if elsewhere:
            found.add(
                "elsewhere",
                item=found.act(activity.id),
                days=Listing.of(Day(d) for d in activity.dates),
                elsewhere=Listing.of(Mtg(m) for m in dict.fromkeys(p.meeting for p in elsewhere)),
                activities=(activity.id,),
                meetings=[p.meeting for p in elsewhere],
            )
    return found


def check_earliest_start(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity's first part starts no earlier than its `earliest_start` or its
    body's, whichever is later."""
    facts = Facts(session, timetable)
    found = Findings("earliest-start", session)
    for activity in session.activities:
        timed = facts.timed_parts_of(activity.id)
        if activity.earliest_start is None or not timed:
            continue
        first = timed[0]  # in time order
        if first.start is not None and first.start < activity.earliest_start:
            found.add(
                "too-early",
                item=found.act(activity.id),
                start=At(first.start),
                limit=At(activity.earliest_start),
                activities=(activity.id,),
                meetings=(first.meeting,),
            )
    return found


def check_deadline(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity's last part ends no later than its `latest_end` or its body's,
    whichever is earlier."""
    facts = Facts(session, timetable)
    found = Findings("deadline", session)
    for activity in session.activities:
        timed = facts.timed_parts_of(activity.id)
        if activity.latest_end is None or not timed:
            continue
        last = max(timed, key=lambda p: p.end or dt.datetime.min)
        if last.end is not None and last.end > activity.latest_end:
            found.add(
                "late",
                item=found.act(activity.id),
                end=At(last.end),
                limit=At(activity.latest_end),
                activities=(activity.id,),
                meetings=(last.meeting,),
            )
    return found
