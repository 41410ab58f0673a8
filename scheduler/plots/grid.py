"""Where things go in the timetable picture: a column per day, a lane per room, a row per period.

Pure geometry, no drawing: x counts lanes (a lane is one unit wide, days are separated by a
gap), y counts minutes from the top (each period as tall as it is long, periods separated by
a gap). `plots.timetable` turns these units into inches and draws.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass, field
from typing import Literal

from scheduler.session import Period, Session
from scheduler.timetable import Timetable

DayKind = Literal["session", "pre-session", "holiday"]
LaneMode = Literal["day", "session"]

DAY_GAP = 0.35  # lanes between two days
PERIOD_GAP = 30.0  # minutes of blank between two periods


@dataclass(frozen=True)
class Column:
    """One day: its lanes (room ids, left to right) and where it starts."""

    date: dt.date
    kind: DayKind
    lanes: tuple[str, ...]  # empty when no meeting is held that day
    x: float

    @property
    def width(self) -> float:
        return float(max(len(self.lanes), 1))


@dataclass(frozen=True)
class Row:
    """One period, from `y` (its start) down `minutes`."""

    period: Period
    y: float

    @property
    def minutes(self) -> int:
        return self.period.minutes


@dataclass(frozen=True)
class Grid:
    columns: tuple[Column, ...]
    rows: tuple[Row, ...]
    #: Each day's own periods, by (date, period id): a row spans a period's times on every day.
    day_periods: dict[tuple[dt.date, str], Period] = field(default_factory=dict)

    @property
    def width(self) -> float:
        last = self.columns[-1]
        return last.x + last.width

    @property
    def height(self) -> float:
        last = self.rows[-1]
        return last.y + last.minutes

    @property
    def lanes(self) -> int:
        """Lanes drawn, over all days."""
        return sum(int(c.width) for c in self.columns)

    def column(self, date: dt.date) -> Column | None:
        return next((c for c in self.columns if c.date == date), None)

    def row(self, period: str) -> Row | None:
        return next((r for r in self.rows if r.period.id == period), None)

    def lane_x(self, date: dt.date, room: str) -> float | None:
        """Left edge of a room's lane on a day; None when that day or lane is not drawn."""
        column = self.column(date)
        if column is None or room not in column.lanes:
            return None
        return column.x + column.lanes.index(room)

    def y(self, period: str, at: dt.time) -> float | None:
        """Height of a clock time within a period (clamped to the period)."""
        row = self.row(period)
        if row is None:
            return None
        start = row.period.start.hour * 60 + row.period.start.minute
        offset = at.hour * 60 + at.minute - start
        return row.y + min(max(offset, 0), row.minutes)

    def period_span(self, date: dt.date, period: str) -> tuple[float, float] | None:
        """Top and bottom of a period as it is on `date` (its row when the day's times are
        unknown); a meeting occupies all of it."""
        row = self.row(period)
        if row is None:
            return None
        own = self.day_periods.get((date, period))
        if own is None:
            return row.y, row.y + row.minutes
        top, bottom = self.y(period, own.start), self.y(period, own.end)
        assert top is not None and bottom is not None
        return top, bottom


def _periods(session: Session, dates: Iterable[dt.date]) -> list[Period]:
    """A row per period id of the days drawn, in time order: a period with other times on
    some days (`day_periods`) spans all of them (10:00-12:00 one week, 10:00-13:00 the next:
    10:00-13:00), so each day's parts fall at their own clock times."""
    spans: dict[str, list[Period]] = {}
    for date in dates:
        for period in session.session.periods_on(date):
            spans.setdefault(period.id, []).append(period)
    if not spans:
        return list(session.session.periods)
    merged = [
        Period.model_construct(
            id=pid,
            start=min(p.start for p in same),
            end=max(p.end for p in same),
            evening=all(p.evening for p in same),
            bodies=same[0].bodies,
        )
        for pid, same in spans.items()
    ]
    return sorted(merged, key=lambda p: (p.start, p.end))


def build_grid(
    session: Session,
    timetable: Timetable,
    days: Iterable[dt.date] | None = None,
    lanes: LaneMode = "day",
) -> Grid:
    """The grid of a timetable: its days (or `days`), periods in use, and a lane per room.

    Pre-session days appear when meetings are held on them; holidays always (an empty
    column). Evening periods appear when evening meetings are allowed or held. `lanes="day"`
    gives each day the rooms used that day; `"session"` gives every day every room used.
    """
    info = session.session
    used_dates = {a.date for a in timetable}
    if days is None:
        wanted = {
            *info.days,
            *info.holidays,
            *(d for d in info.pre_session_days if d in used_dates),
        }
    else:
        wanted = set(days)
    rooms_used = {a.room for a in timetable if a.date in wanted}
    room_order = [r.id for r in session.rooms if r.id in rooms_used]
    room_order += sorted(rooms_used - set(room_order))  # rooms the session does not know
    columns: list[Column] = []
    x = 0.0
    for date in sorted(wanted):
        kind: DayKind = (
            "holiday"
            if date in info.holidays
            else "pre-session"
            if date in info.pre_session_days
            else "session"
        )
        if lanes == "session":
            day_lanes = tuple(room_order)
        else:
            that_day = {a.room for a in timetable if a.date == date}
            day_lanes = tuple(r for r in room_order if r in that_day)
        column = Column(date=date, kind=kind, lanes=day_lanes, x=x)
        columns.append(column)
        x += column.width + DAY_GAP
    periods_used = {a.period for a in timetable if a.date in wanted}
    rows: list[Row] = []
    y = 0.0
    for period in _periods(session, sorted(wanted)):
        if period.evening and not info.evening_meetings and period.id not in periods_used:
            continue
        rows.append(Row(period=period, y=y))
        y += period.minutes + PERIOD_GAP
    if not columns or not rows:
        raise ValueError("nothing to draw: no day or no period")
    own = {(d, p.id): p for d in sorted(wanted) for p in info.periods_on(d)}
    return Grid(columns=tuple(columns), rows=tuple(rows), day_periods=own)
