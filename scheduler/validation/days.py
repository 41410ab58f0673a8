"""What a body may do in one day: at most its `max_meetings_per_day` meetings."""

from __future__ import annotations

import datetime as dt

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts
from scheduler.validation.wording import Day, MeetingKey


def check_max_meetings_per_day(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a body with `max_meetings_per_day` holds at most that many meetings on a date,
    its joint meetings with other bodies included."""
    facts = Facts(session, timetable)
    found = Findings("max-meetings-per-day", session)
    per_day: dict[tuple[str, dt.date | None], list[MeetingKey]] = {}
    for meeting in facts.meetings:
        host_id, date, _ = meeting
        for body_id in facts.members(host_id):
            per_day.setdefault((body_id, date), []).append(meeting)
    for (body_id, date), meetings in per_day.items():
        known = facts.bodies.get(body_id)
        cap = known.max_meetings_per_day if known is not None else None
        if cap is None or len(meetings) <= cap:
            continue
        found.add(
            "too-many",
            body=found.body(body_id),
            count=len(meetings),
            day=Day(date),
            cap=cap,
            activities=[p.activity_id for m in meetings for p in facts.meetings[m]],
            meetings=meetings,
        )
    return found
