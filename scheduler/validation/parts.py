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
from scheduler.validation.wording import During, InSlot, MeetingKey, SlotKey, When

__all__ = ["AtOnce", "Facts", "MeetingKey", "Part", "SlotKey"]


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


@dataclass(frozen=True)
class AtOnce:
    """Meetings that run at the same time: all those running at one moment of one date, from
    `start` (the latest of their starts) to `end` (the earliest of their ends)."""

    meetings: tuple[MeetingKey, ...]
    date: dt.date
    start: dt.datetime | None  # None: meetings of one slot whose period is unknown
    end: dt.datetime | None

    @property
    def when(self) -> When:
        """Their slot when they share one (`Tue 5 Mar AM`), else the time they share."""
        slots = {(m[1], m[2]) for m in self.meetings}
        if len(slots) == 1 or self.start is None:
            return InSlot((self.date, self.meetings[0][2]))
        return During(self.date, self.start, self.end)


class Facts:
    """A timetable's parts and meetings, looked up against a session.

    Periods are looked up by (date, period id): a day may have periods of its own, and a
    period id may stand for other times on other days. Bodies are the session's hosts: its
    bodies and the joint meetings of several of them (`a+b`).
    """

    def __init__(self, session: Session, timetable: Timetable | Iterable[Assignment]) -> None:
        self.session = session
        rows = timetable.assignments if isinstance(timetable, Timetable) else tuple(timetable)
        self.activities = {a.id: a for a in session.activities}
        self.bodies = {b.id: b for b in session.hosts}
        self.rooms = {r.id: r for r in session.rooms}
        self._periods: dict[dt.date | None, dict[str, Period]] = {}
        self.parts = [self._part(n, a) for n, a in enumerate(rows)]

    def period_on(self, date: dt.date | None, period_id: str) -> Period | None:
        """The period `period_id` of a date (its own periods, else the daily ones); `None`
        when that day has no such period. Without a date, the daily periods."""
        if date not in self._periods:
            info = self.session.session
            periods = info.periods if date is None else info.periods_on(date)
            self._periods[date] = {p.id: p for p in periods}
        return self._periods[date].get(period_id)

    def members(self, host_id: str) -> tuple[str, ...]:
        """The bodies of the file a host stands for: itself, or a joint meeting's bodies."""
        host = self.bodies.get(host_id)
        return host.member_ids if host is not None else (host_id,)

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
            period=self.period_on(date, period_id),
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

    def slot_order(self, slot: SlotKey) -> tuple[dt.date, dt.time, str]:
        """Sort key of a slot: date, then its period's start that day (unknown last)."""
        date, period_id = slot
        period = self.period_on(date, period_id)
        return (date or dt.date.max, period.start if period else dt.time.max, period_id)

    def meeting_span(self, meeting: MeetingKey) -> tuple[dt.datetime, dt.datetime] | None:
        """What a meeting occupies: its whole period on its date (None when either is unknown)."""
        _, date, period_id = meeting
        period = self.period_on(date, period_id)
        if date is None or period is None:
            return None
        return (dt.datetime.combine(date, period.start), dt.datetime.combine(date, period.end))

    def together(self, one: MeetingKey, other: MeetingKey) -> When | None:
        """When two meetings run at the same time: their slot when they share it, else the
        time their periods share on one date ([start, end) intersect); `None` if never.

        A meeting whose period is unknown meets only the others of its own slot.
        """
        if one[1] is None or one[1] != other[1]:
            return None
        if one[2] == other[2]:
            return InSlot((one[1], one[2]))
        a, b = self.meeting_span(one), self.meeting_span(other)
        if a is None or b is None:
            return None
        start, end = max(a[0], b[0]), min(a[1], b[1])
        return During(one[1], start, end) if start < end else None

    def at_once(self, meetings: Iterable[MeetingKey]) -> list[AtOnce]:
        """Meetings grouped by what runs at the same time, in time order.

        A meeting occupies its whole period. Each group is every meeting running at one
        moment (the start of one of them), and no group is part of another; with periods that
        never overlap, the groups are the slots. A meeting whose period is unknown is grouped
        with the others of its slot only; one without a date is left out.
        """
        order = {m: n for n, m in enumerate(self.meetings)}
        timed: dict[dt.date, list[tuple[MeetingKey, dt.datetime, dt.datetime]]] = {}
        unknown: dict[tuple[dt.date, str], list[MeetingKey]] = {}
        for m in dict.fromkeys(meetings):
            if m[1] is None:
                continue
            span = self.meeting_span(m)
            if span is None:
                unknown.setdefault((m[1], m[2]), []).append(m)
            else:
                timed.setdefault(m[1], []).append((m, *span))
        groups: list[AtOnce] = []
        for date, entries in timed.items():
            found: list[AtOnce] = []
            for moment in sorted({start for _, start, _ in entries}):
                running = [(m, end) for m, start, end in entries if start <= moment < end]
                found.append(
                    AtOnce(
                        tuple(sorted((m for m, _ in running), key=lambda m: order.get(m, -1))),
                        date,
                        moment,
                        min(end for _, end in running),
                    )
                )
            groups += [
                g for g in found if not any(set(g.meetings) < set(h.meetings) for h in found)
            ]
        groups += [AtOnce(tuple(ms), date, None, None) for (date, _), ms in unknown.items()]
        return sorted(groups, key=self._group_order)

    def _group_order(self, group: AtOnce) -> tuple[dt.date, dt.datetime, dt.time, str]:
        """Groups by date, then start; groups of an unknown period last in their day."""
        _, start, period_id = self.slot_order((group.date, group.meetings[0][2]))
        return (group.date, group.start or dt.datetime.max, start, period_id)

    def meeting_start(self, meeting: MeetingKey) -> dt.datetime | None:
        """When a meeting begins: its earliest timed part."""
        starts = [p.start for p in self.meetings.get(meeting, []) if p.start is not None]
        return min(starts, default=None)
