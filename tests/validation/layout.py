"""Timetables laid by hand for the tiny session, and variants of that session.

`BASE` is one valid timetable of `tests/data/tiny.yaml`; a test changes one thing (moves a
part, edits the session) to break exactly one rule:

    Mon 4 Mar  AM  plenary (hall): 1 10:00-11:00, 2 (1/2) 11:00-13:00
               PM  plenary (hall): 2 (2/2) 15:00-17:00, 3 17:00-17:30
    Tue 5 Mar  AM  wg (small):     wg-1 10:00-13:00
               PM  plenary (hall): 4 15:00-16:00
"""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from tests.conftest import make_session, tiny_data

DAYS = {"Mon": dt.date(2030, 3, 4), "Tue": dt.date(2030, 3, 5)}
ROOMS = {"plenary": "hall", "wg": "small"}


def row(
    activity: str,
    when: str,
    hours: str,
    *,
    part: str = "1/1",
    body: str | None = None,
    room: str | None = None,
    minutes: int | None = None,
) -> Assignment:
    """`row("2", "Mon PM", "15:00-17:00", part="2/2")`: one part, minutes from its hours.

    The day is `Mon`, `Tue` or an ISO date; the body is `wg` for `wg-*` activities, else the
    plenary; the room is the body's.
    """
    day, period = when.split()
    date = DAYS[day] if day in DAYS else dt.date.fromisoformat(day)
    start, end = (dt.time.fromisoformat(h) for h in hours.split("-"))
    body = body or ("wg" if activity.startswith("wg") else "plenary")
    number, count = (int(n) for n in part.split("/"))
    length = (end.hour * 60 + end.minute) - (start.hour * 60 + start.minute)
    return Assignment(
        date=date,
        start=start,
        end=end,
        body=body,
        activity=activity,
        room=room or ROOMS.get(body, "hall"),
        period=period,
        minutes=length if minutes is None else minutes,
        part=number,
        parts=count,
    )


BASE: tuple[Assignment, ...] = (
    row("1", "Mon AM", "10:00-11:00"),
    row("2", "Mon AM", "11:00-13:00", part="1/2"),
    row("2", "Mon PM", "15:00-17:00", part="2/2"),
    row("3", "Mon PM", "17:00-17:30"),
    row("wg-1", "Tue AM", "10:00-13:00"),
    row("4", "Tue PM", "15:00-16:00"),
)


def tiny_timetable(*changes: Assignment, drop: tuple[str, ...] = ()) -> Timetable:
    """`BASE` with every activity named in `changes` laid out as given, and `drop` removed."""
    replaced = {c.activity for c in changes} | set(drop)
    return Timetable.of([*(r for r in BASE if r.activity not in replaced), *changes])


def _update(entry: dict[str, Any], fields: dict[str, Any]) -> None:
    for key, value in fields.items():
        if value is None:
            entry.pop(key, None)
        else:
            entry[key] = value


def tiny_session(**sections: dict[str, Any]) -> Session:
    """The tiny session with some fields changed (`None` removes a field), e.g.
    `tiny_session(items={"3": {"share": False}}, interpretation={"teams": 1})`."""
    data = tiny_data()
    for section, changes in sections.items():
        if isinstance(data.get(section), list):
            for entry_id, fields in changes.items():
                entry = next(e for e in data[section] if str(e["id"]) == entry_id)
                _update(entry, fields)
        else:
            _update(data.setdefault(section, {}), changes)
    return make_session(data)


def broken(session: Session, timetable: Timetable) -> list[str]:
    """The names of the rules a timetable breaks."""
    return validate(session, timetable).broken_rules()
