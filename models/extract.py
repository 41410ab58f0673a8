"""A solution of the model, read back as a `Timetable` (no solver state leaves this module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ortools.sat.python import cp_model

from models.variables import Variables
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable

Value = Callable[[cp_model.LinearExprT], int]


def extract_timetable(session: Session, v: Variables, value: Value) -> Timetable:
    """The timetable of a solution; `value` reads a variable or expression (e.g. solver.value).

    Inside a meeting the parts follow the model's offsets: contiguous from the period start in
    agenda order, with a gap only where an exact time asked for one. Parts are numbered in time
    order; titles are in English; a meeting is interpreted when its body is.
    """
    rows: list[Assignment] = []
    for a in session.activities:
        body = session.body(a.body)
        used = [s for s in v.slots[a.id] if value(v.part[(a.id, s.index)])]
        for number, s in enumerate(used, start=1):
            key = (a.id, s.index)
            start = s.start + dt.timedelta(minutes=value(v.start[key]))
            minutes = value(v.minutes[key])
            rows.append(
                Assignment(
                    date=s.date,
                    start=start.time(),
                    end=(start + dt.timedelta(minutes=minutes)).time(),
                    body=body.id,
                    activity=a.id,
                    room=_room(v, body.id, s.index, value),
                    period=s.period.id,
                    minutes=minutes,
                    part=number,
                    parts=len(used),
                    title=a.title.get("en"),
                    interpreted=body.interpreted,
                )
            )
    return Timetable.of(rows)


def _room(v: Variables, body: str, index: int, value: Value) -> str:
    for room in v.rooms_of[body]:
        if value(v.room[(body, room, index)]):
            return room
    raise AssertionError(f"{body} meets in slot {index} without a room")  # a model bug
