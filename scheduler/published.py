"""Turn a published timetable (which activities in which slot) into timed assignments.

A published annex says only which items are taken in which period. To check it like any other
timetable, the parts are laid out in each meeting in the order listed: an activity's last part
takes what remains of its duration, earlier parts run to the end of their meeting.
"""

from __future__ import annotations

import datetime as dt

from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable


def _at(slot_start: dt.datetime, minutes: int) -> dt.time:
    return (slot_start + dt.timedelta(minutes=minutes)).time()


def published_timetable(session: Session, lang: str = "en") -> Timetable:
    """The session's published timetable as assignments; empty if it has none."""
    entries = session.published or []
    parts_count: dict[str, int] = {}
    for entry in entries:
        parts_count[entry.activity] = parts_count.get(entry.activity, 0) + 1
    ordered = sorted(
        enumerate(entries), key=lambda e: (session.slot(e[1].date, e[1].period).index, e[0])
    )
    used: dict[tuple[str, int], int] = {}  # (body, slot index) -> minutes already taken
    done: dict[str, int] = {}  # activity -> minutes placed so far
    seen: dict[str, int] = {}  # activity -> parts placed so far
    rows: list[Assignment] = []
    for _, entry in ordered:
        activity = session.activity(entry.activity)
        slot = session.slot(entry.date, entry.period)
        body = session.body(activity.body)
        key = (body.id, slot.index)
        offset = used.get(key, 0)
        seen[activity.id] = seen.get(activity.id, 0) + 1
        last = seen[activity.id] == parts_count[activity.id]
        if activity.whole_meetings:
            offset, minutes = 0, slot.minutes
        elif last:
            minutes = (activity.minutes or 0) - done.get(activity.id, 0)
        else:
            minutes = slot.minutes - offset
        minutes = max(minutes, 0)
        used[key] = offset + minutes
        done[activity.id] = done.get(activity.id, 0) + minutes
        rows.append(
            Assignment(
                date=slot.date,
                start=_at(slot.start, offset),
                end=_at(slot.start, offset + minutes),
                body=body.id,
                activity=activity.id,
                room=entry.room or body.rooms[0],
                period=slot.period.id,
                minutes=minutes,
                part=seen[activity.id],
                parts=parts_count[activity.id],
                title=activity.title.get(lang),
                interpreted=body.interpreted,
            )
        )
    return Timetable.of(rows)
