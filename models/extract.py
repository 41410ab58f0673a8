"""A solution of the model, read back as a `Timetable` (no solver state leaves this module)."""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable

from ortools.sat.python import cp_model

from models.variables import Key, Variables, meeting_order
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable

Value = Callable[[cp_model.LinearExprT], int]


def extract_timetable(session: Session, v: Variables, value: Value) -> Timetable:
    """The timetable of a solution; `value` reads a variable or expression (e.g. solver.value).

    Inside a meeting the parts follow the model's offsets: contiguous from the period start in
    agenda order, with a gap only where an exact time asked for one. A meeting whose times no
    rule asked for has its parts back to back from the period start, in an order that keeps
    the orders inside it (`meeting_order`). Parts are numbered in time order; titles are in
    English; a meeting is interpreted when its body is.
    """
    untimed = _untimed_offsets(v, value)
    rows: list[Assignment] = []
    for a in session.activities:
        body = session.body(a.body)
        used = [s for s in v.slots[a.id] if value(v.part[(a.id, s.index)])]
        for number, s in enumerate(used, start=1):
            key = (a.id, s.index)
            offset = untimed[key] if key in untimed else value(v.start[key])
            start = s.start + dt.timedelta(minutes=offset)
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


def _untimed_offsets(v: Variables, value: Value) -> dict[Key, int]:
    """(activity, slot) -> start offset of each part held in a meeting not timed: its parts
    back to back from the period start in `meeting_order`."""
    offsets: dict[Key, int] = {}
    for meeting, (_, activities) in v.untimed.items():
        index = meeting[1]
        order = meeting_order(activities, v.orders.get(meeting, []))
        assert order is not None, "a meeting with a cycle of orders is timed (settle)"
        at = 0
        for a in order:
            key = (a, index)
            if value(v.part[key]):
                offsets[key] = at
                at += value(v.minutes[key])
    return offsets


def _room(v: Variables, body: str, index: int, value: Value) -> str:
    for room in v.rooms_of[body]:
        if value(v.room[(body, room, index)]):
            return room
    raise AssertionError(f"{body} meets in slot {index} without a room")  # a model bug
