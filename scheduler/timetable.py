"""The timetable: which part of which activity is taken in which meeting.

A `Timetable` is a list of `Assignment` rows, one per part of an activity in one meeting, the
same rows as the `Assignments` sheet of the workbook. The solver produces it, the workbook
writes and reads it, the validator checks it. It carries no solver state.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass, field, replace
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    import pandas as pd

#: Columns of the `Assignments` sheet, in this order.
ASSIGNMENT_COLUMNS: tuple[str, ...] = (
    "activity",
    "title",
    "body",
    "room",
    "date",
    "period",
    "start",
    "end",
    "minutes",
    "part",
    "interpreted",
    "pinned",
)


@dataclass(frozen=True, order=True)
class Assignment:
    """One part of an activity held in one meeting (a body, in a room, in a slot)."""

    date: dt.date
    start: dt.time
    body: str
    activity: str
    end: dt.time
    room: str
    period: str
    minutes: int
    part: int  # 1-based
    parts: int  # how many parts the activity has
    title: str = ""
    interpreted: bool = True
    pinned: bool = False

    @property
    def part_label(self) -> str:
        """`1/2` as in the sheet."""
        return f"{self.part}/{self.parts}"

    @property
    def meeting_key(self) -> tuple[str, dt.date, str]:
        """The meeting this part is taken in: (body, date, period)."""
        return (self.body, self.date, self.period)

    @property
    def start_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.start)

    @property
    def end_at(self) -> dt.datetime:
        return dt.datetime.combine(self.date, self.end)

    def as_row(self) -> dict[str, object]:
        return {
            "activity": self.activity,
            "title": self.title,
            "body": self.body,
            "room": self.room,
            "date": self.date,
            "period": self.period,
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
            "minutes": self.minutes,
            "part": self.part_label,
            "interpreted": self.interpreted,
            "pinned": self.pinned,
        }


@dataclass(frozen=True)
class Meeting:
    """A body sitting in a room in a slot, with the activity parts it takes, in order."""

    number: int  # the meeting's number in its body's sequence, from 1
    body: str
    room: str
    date: dt.date
    period: str
    interpreted: bool
    parts: tuple[Assignment, ...]

    @property
    def activities(self) -> list[str]:
        return [p.activity for p in self.parts]


@dataclass(frozen=True)
class Timetable:
    """All assignments of a session, sorted by time, body and start."""

    assignments: tuple[Assignment, ...] = field(default_factory=tuple)

    @classmethod
    def of(cls, assignments: Iterable[Assignment]) -> Timetable:
        return cls(tuple(sorted(assignments)))

    def __iter__(self) -> Iterator[Assignment]:
        return iter(self.assignments)

    def __len__(self) -> int:
        return len(self.assignments)

    def parts_of(self, activity: str) -> list[Assignment]:
        return [a for a in self.assignments if a.activity == activity]

    def meetings(self) -> list[Meeting]:
        """The meetings, in time order, numbered within each body."""
        groups: dict[tuple[str, dt.date, str], list[Assignment]] = {}
        for a in self.assignments:
            groups.setdefault(a.meeting_key, []).append(a)
        ordered = sorted(
            groups.items(), key=lambda kv: (kv[0][1], min(p.start for p in kv[1]), kv[0][0])
        )
        counters: dict[str, int] = {}
        result: list[Meeting] = []
        for (body, date, period), parts in ordered:
            counters[body] = counters.get(body, 0) + 1
            parts_sorted = tuple(sorted(parts, key=lambda p: (p.start, p.end)))
            result.append(
                Meeting(
                    number=counters[body],
                    body=body,
                    room=parts_sorted[0].room,
                    date=date,
                    period=period,
                    interpreted=any(p.interpreted for p in parts_sorted),
                    parts=parts_sorted,
                )
            )
        return result

    def interpreted_meetings(self) -> int:
        return sum(1 for m in self.meetings() if m.interpreted)

    def carried_over(self) -> list[str]:
        """Activities taken in more than one meeting."""
        return sorted({a.activity for a in self.assignments if a.parts > 1})

    def to_frame(self) -> pd.DataFrame:
        """The `Assignments` table as a DataFrame (date as datetime64, start/end `HH:MM`)."""
        import pandas as pd

        frame = pd.DataFrame([a.as_row() for a in self.assignments], columns=ASSIGNMENT_COLUMNS)
        frame["date"] = pd.to_datetime(frame["date"])
        return frame

    def with_pins(self, pinned: Sequence[bool]) -> Timetable:
        return Timetable(tuple(replace(a, pinned=p) for a, p in zip(self, pinned, strict=True)))
