"""One row of the `Assignments` sheet: the values `from_cell` gives, checked cell by cell.

Each field has its own validator, so a row with three bad cells gives three errors, each
naming its cell; the messages say what to type instead. Values come through the same
cell-to-value step as session workbooks (`scheduler.io.session_workbook.values.from_cell`, with
the kind in `CELL_KINDS`): blanks are None, text is trimmed, whole numbers Excel stored as
floats are whole, TRUE/yes/oui are True, and an Excel time is a time.

Start and end may be left empty when the reader knows the session (validation context
`{TIMES_FROM_PERIODS: True}`): it then takes them from the period (`reader`).
"""

from __future__ import annotations

import datetime as dt

from pydantic import BaseModel, ConfigDict, ValidationInfo, field_validator

from scheduler.io.session_workbook.layout import Kind
from scheduler.session import MAX_COUNT
from scheduler.timetable import Assignment

# The kind of each column for `from_cell`, in the order of `ASSIGNMENT_COLUMNS`.
#: The validation context key that lets start and end be empty, for the reader to fill in.
TIMES_FROM_PERIODS = "times_from_periods"

CELL_KINDS: dict[str, Kind] = {
    "activity": "id",
    "title": "text",
    "body": "id",
    "room": "id",
    "date": "date",
    "period": "id",
    "start": "time",
    "end": "time",
    "minutes": "int",
    "part": "id",
    "interpreted": "bool",
    "pinned": "bool",
}


class AssignmentRow(BaseModel):
    """One row of `Assignments`; fields in the order of the columns, so errors come in it too."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    activity: str
    title: str
    body: str
    room: str
    date: dt.date
    period: str
    start: dt.time | None  # None only when the reader takes it from the period
    end: dt.time | None
    minutes: int
    part: tuple[int, int]  # (k, n): the k-th of the activity's n parts
    interpreted: bool
    pinned: bool = False

    @field_validator("activity", "body", "room", "period", mode="plain")
    @classmethod
    def _id(cls, value: object) -> str:
        """An id or name: text, or a whole number Excel stored as a number (item "5")."""
        if value is None:
            raise ValueError("empty")
        if isinstance(value, bool | dt.date | dt.time):
            raise ValueError("not an id (text)")
        return str(value).strip()

    @field_validator("title", mode="plain")
    @classmethod
    def _title(cls, value: object) -> str:
        return "" if value is None else str(value).strip()

    @field_validator("date", mode="plain")
    @classmethod
    def _date(cls, value: object) -> dt.date:
        """An Excel date, or ISO text 2018-10-15."""
        if isinstance(value, dt.datetime):
            return value.date()
        if isinstance(value, dt.date):
            return value
        if isinstance(value, str):
            try:
                return dt.date.fromisoformat(value)
            except ValueError:
                try:
                    return dt.datetime.fromisoformat(value).date()
                except ValueError:
                    pass
        raise ValueError(
            "empty" if value is None else "not a date; write YYYY-MM-DD, e.g. 2018-10-15"
        )

    @field_validator("start", "end", mode="plain")
    @classmethod
    def _time(cls, value: object, info: ValidationInfo) -> dt.time | None:
        """`HH:MM` text or an Excel time, to the minute; empty when taken from the period."""
        if value is None and (info.context or {}).get(TIMES_FROM_PERIODS):
            return None
        seconds: float | None = None
        if isinstance(value, dt.time):
            seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
        elif isinstance(value, dt.timedelta):  # a duration cell, [h]:mm
            seconds = value.total_seconds()
        elif isinstance(value, str):
            hours, colon, minutes = value.partition(":")
            minutes = minutes.removesuffix(":00") if minutes.count(":") == 1 else minutes
            if colon and hours.isdigit() and len(minutes) == 2 and minutes.isdigit():
                if int(minutes) >= 60:
                    raise ValueError("not a time; minutes go from 00 to 59")
                seconds = int(hours) * 3600 + int(minutes) * 60
        if seconds is None or not 0 <= seconds < 86400:
            raise ValueError("empty" if value is None else "not a time; write HH:MM, e.g. 10:00")
        whole = round(seconds / 60)
        if abs(seconds - whole * 60) >= 1:
            raise ValueError("not a whole minute; write HH:MM, e.g. 10:30")
        if whole >= 24 * 60:
            raise ValueError("not a time; write HH:MM, e.g. 10:00")
        return dt.time(whole // 60, whole % 60)

    @field_validator("minutes", mode="plain")
    @classmethod
    def _minutes(cls, value: object) -> int:
        if isinstance(value, str) and value.lstrip("-").isdigit() and len(value) < 10:
            value = int(value)
        if isinstance(value, int) and not isinstance(value, bool):
            if abs(value) > MAX_COUNT:  # as the session file's minutes
                raise ValueError(f"at most {MAX_COUNT:,} minutes")
            return value
        raise ValueError("empty" if value is None else "not a whole number of minutes")

    @field_validator("part", mode="plain")
    @classmethod
    def _part(cls, value: object) -> tuple[int, int]:
        """The part as `k/n`: the k-th of the activity's n parts."""
        if isinstance(value, dt.date | dt.time):
            raise ValueError(
                "Excel turned this part into a date; format the column as text and type it as k/n"
            )
        if isinstance(value, str):
            k, slash, n = (s.strip() for s in value.partition("/"))
            if slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n):
                return int(k), int(n)
        raise ValueError(
            "empty" if value is None else "not a part; write k/n with 1 <= k <= n, e.g. 1/2"
        )

    @field_validator("interpreted", mode="plain")
    @classmethod
    def _interpreted(cls, value: object) -> bool:
        return _bool(value)

    @field_validator("pinned", mode="plain")
    @classmethod
    def _pinned(cls, value: object) -> bool:
        """An empty cell, or no `pinned` column at all, is not pinned."""
        return False if value is None else _bool(value)

    def assignment(self) -> Assignment:
        if self.start is None or self.end is None:
            raise ValueError("start and end are not known yet: take them from the period first")
        return Assignment(
            date=self.date,
            start=self.start,
            body=self.body,
            activity=self.activity,
            end=self.end,
            room=self.room,
            period=self.period,
            minutes=self.minutes,
            part=self.part[0],
            parts=self.part[1],
            title=self.title,
            interpreted=self.interpreted,
            pinned=self.pinned,
        )


def _bool(value: object) -> bool:
    """TRUE or FALSE; `from_cell` has already read yes/no, vrai/faux, oui/non and 1/0."""
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    raise ValueError("empty" if value is None else "not TRUE or FALSE (yes/no, 1/0)")
