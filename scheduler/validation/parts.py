"""The timetable read against the session, defensively.

A timetable may come from a hand-edited spreadsheet: it can name unknown activities, bodies,
rooms or periods, carry text where a time should be, or end before it starts. Each assignment
is wrapped in a `Part` that resolves what it names (or `None` when unknown) and its exact
start and end, so that every check can skip what it cannot judge instead of crashing; the
checks of `full-duration`, `within-periods` and `body-rooms` report the malformed rows.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from functools import cached_property

from scheduler.session import Activity, Body, Period, Room, Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation.wording import MeetingKey, SlotKey

__all__ = ["Facts", "MeetingKey", "Part", "SlotKey"]


def _name(value: object) -> str:
    """An id as text: spreadsheets may hand numbers (item 4) where the file has strings."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        value = int(value)
    return str(value).strip()


def _date(value: object) -> dt.date | None:
    if isinstance(value, dt.datetime):
        return value.date()
    return value if isinstance(value, dt.date) else None


def _clock(value: object) -> dt.time | None:
    if isinstance(value, dt.datetime):
        return value.time()
    return value if isinstance(value, dt.time) else None


def _minutes(clock: dt.time) -> int:
    return clock.hour * 60 + clock.minute


def _int(value: object) -> int | None:
    if isinstance(value, bool) or not isinstance(value, int):
        return None
    return value


@dataclass(frozen=True)
class Part:
    """One assignment with what it names resolved; `None` where the row is unknown or bad."""

    row: int  # position in the timetable
    assignment: Assignment
    activity_id: str
    body_id: str
    room_id: str
    period_id: str
    activity: Activity | None
    body: Body | None
    room: Room | None
    period: Period | None
    date: dt.date | None
    clock_start: dt.time | None
    clock_end: dt.time | None
    start: dt.datetime | None  # date and clock time; None when either is invalid
    end: dt.datetime | None
    minutes: int | None  # the row's `minutes` column
    number: int | None  # the row's part number
    count: int | None  # the row's number of parts

    @property
    def timed(self) -> bool:
        """It has a valid date, start and end (possibly end before start)."""
        return self.start is not None and self.end is not None

    @property
    def length(self) -> int | None:
        """`end - start` in minutes, from the clock times alone (a bad date is not a bad time)."""
        if self.clock_start is None or self.clock_end is None:
            return None
        return _minutes(self.clock_end) - _minutes(self.clock_start)

    @property
    def meeting(self) -> MeetingKey:
        return (self.body_id, self.date, self.period_id)

    @property
    def slot(self) -> SlotKey:
        return (self.date, self.period_id)

    @property
    def slot_start(self) -> dt.datetime | None:
        """When its period starts on its date, if both are known."""
        if self.period is None or self.date is None:
            return None
        return dt.datetime.combine(self.date, self.period.start)

    @property
    def slot_end(self) -> dt.datetime | None:
        if self.period is None or self.date is None:
            return None
        return dt.datetime.combine(self.date, self.period.end)

    def time_order(self) -> tuple[dt.datetime, int, int]:
        """Sort key: by start, parts without a time last, then by part number and row."""
        return (self.start or dt.datetime.max, self.number or 0, self.row)


class Facts:
    """A timetable's parts and meetings, looked up against a session."""

    def __init__(self, session: Session, timetable: Timetable | Iterable[Assignment]) -> None:
        self.session = session
        rows = timetable.assignments if isinstance(timetable, Timetable) else tuple(timetable)
        self.activities = {a.id: a for a in session.activities}
        self.bodies = {b.id: b for b in session.bodies}
        self.rooms = {r.id: r for r in session.rooms}
        self.periods = {p.id: p for p in session.session.periods}
        self.parts = [self._part(n, a) for n, a in enumerate(rows)]

    def _part(self, row: int, a: Assignment) -> Part:
        activity_id = _name(getattr(a, "activity", None))
        body_id = _name(getattr(a, "body", None))
        room_id = _name(getattr(a, "room", None))
        period_id = _name(getattr(a, "period", None))
        date = _date(getattr(a, "date", None))
        start = _clock(getattr(a, "start", None))
        end = _clock(getattr(a, "end", None))
        return Part(
            row=row,
            assignment=a,
            activity_id=activity_id,
            body_id=body_id,
            room_id=room_id,
            period_id=period_id,
            activity=self.activities.get(activity_id),
            body=self.bodies.get(body_id),
            room=self.rooms.get(room_id),
            period=self.periods.get(period_id),
            date=date,
            clock_start=start,
            clock_end=end,
            start=dt.datetime.combine(date, start) if date and start else None,
            end=dt.datetime.combine(date, end) if date and end else None,
            minutes=_int(getattr(a, "minutes", None)),
            number=_int(getattr(a, "part", None)),
            count=_int(getattr(a, "parts", None)),
        )

    def parts_of(self, activity_id: str) -> list[Part]:
        """An activity's parts in time order."""
        return sorted((p for p in self.parts if p.activity_id == activity_id), key=Part.time_order)

    def timed_parts_of(self, activity_id: str) -> list[Part]:
        return [p for p in self.parts_of(activity_id) if p.timed]

    @cached_property
    def meetings(self) -> dict[MeetingKey, list[Part]]:
        """Parts grouped by meeting (body, date, period), each in time order."""
        groups: dict[MeetingKey, list[Part]] = {}
        for part in sorted(self.parts, key=Part.time_order):
            groups.setdefault(part.meeting, []).append(part)
        return groups

    def interpreted(self, meeting: MeetingKey) -> bool:
        """A meeting is interpreted when its body is; an unknown body's is not."""
        body = self.bodies.get(meeting[0])
        return body is not None and body.interpreted

    def interpreted_meetings(self) -> list[MeetingKey]:
        return [m for m in self.meetings if self.interpreted(m)]

    def meetings_by_slot(self) -> dict[SlotKey, list[MeetingKey]]:
        """Meetings with a valid date, grouped by slot, slots in time order."""
        groups: dict[SlotKey, list[MeetingKey]] = {}
        for key in self.meetings:
            if key[1] is not None:
                groups.setdefault((key[1], key[2]), []).append(key)
        return dict(sorted(groups.items(), key=lambda kv: self.slot_order(kv[0])))

    def slot_order(self, slot: SlotKey) -> tuple[dt.date, int, str]:
        """Sort key of a slot: date, then the period's place in the day (unknown last)."""
        date, period = slot
        order = [p.id for p in self.session.session.periods]
        place = order.index(period) if period in order else len(order)
        return (date or dt.date.max, place, period)

    def meeting_start(self, meeting: MeetingKey) -> dt.datetime | None:
        """When a meeting begins: its earliest timed part."""
        starts = [p.start for p in self.meetings.get(meeting, []) if p.start is not None]
        return min(starts, default=None)
