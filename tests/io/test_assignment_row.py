"""One `Assignments` row through the shared cell-to-value step and `AssignmentRow`.

Each conversion the timetable reader once made on its own (id, date, time, minutes, part,
TRUE/FALSE) is now `from_cell` followed by a validator of the model: these cases pin that it
still takes what it took and refuses what it refused, with the same words.
"""

from __future__ import annotations

import datetime as dt

import pytest
from pydantic import ValidationError

from scheduler.io.session_workbook.values import from_cell
from scheduler.io.timetable_workbook.row import CELL_KINDS, AssignmentRow
from scheduler.timetable import ASSIGNMENT_COLUMNS, Assignment

GOOD: dict[str, object] = {
    "activity": "1a",
    "title": "Ouverture de la session",
    "body": "plenary",
    "room": "plenary-hall",
    "date": dt.datetime(2018, 10, 15),
    "period": "AM",
    "start": "10:00",
    "end": "10:30",
    "minutes": 30,
    "part": "1/1",
    "interpreted": True,
    "pinned": False,
}


def _row(**cells: object) -> AssignmentRow:
    """A row whose cells hold `GOOD` but for `cells`, read as the reader reads them."""
    raw = {**GOOD, **cells}
    return AssignmentRow.model_validate(
        {name: from_cell(value, CELL_KINDS[name]) for name, value in raw.items()}
    )


def _refusal(column: str, value: object) -> str:
    with pytest.raises(ValidationError) as info:
        _row(**{column: value})
    (error,) = info.value.errors()
    assert error["loc"] == (column,)
    return str(error["msg"]).removeprefix("Value error, ")


def test_a_good_row_is_an_assignment():
    assert _row().assignment() == Assignment(
        date=dt.date(2018, 10, 15),
        start=dt.time(10),
        end=dt.time(10, 30),
        body="plenary",
        activity="1a",
        room="plenary-hall",
        period="AM",
        minutes=30,
        part=1,
        parts=1,
        title="Ouverture de la session",
    )


def test_one_field_per_column_in_the_sheets_order():
    assert tuple(AssignmentRow.model_fields) == ASSIGNMENT_COLUMNS == tuple(CELL_KINDS)


@pytest.mark.parametrize(
    ("column", "value", "expected"),
    [
        ("activity", 5, "5"),
        ("activity", 5.0, "5"),  # a whole number Excel stored as a float
        ("activity", " 4a ", "4a"),
        ("room", 5.5, "5.5"),
        ("title", None, ""),
        ("title", "  Point 2  ", "Point 2"),
        ("title", 2019, "2019"),
        ("date", dt.date(2018, 10, 16), dt.date(2018, 10, 16)),
        ("date", dt.datetime(2018, 10, 16, 15), dt.date(2018, 10, 16)),
        ("date", " 2018-10-16 ", dt.date(2018, 10, 16)),
        ("date", "2018-10-16T10:00", dt.date(2018, 10, 16)),
        ("start", dt.time(10, 0), dt.time(10)),
        ("start", dt.time(10, 0, 0, 500_000), dt.time(10)),  # under a second off
        ("start", dt.datetime(1900, 1, 1, 15, 0), dt.time(15)),
        ("start", 15 / 24, dt.time(15)),  # an Excel time stored as a number
        ("start", 0, dt.time(0)),
        ("start", dt.timedelta(hours=10), dt.time(10)),
        ("start", "18:00:00", dt.time(18)),
        ("start", " 9:05 ", dt.time(9, 5)),
        ("minutes", 180.0, 180),
        ("minutes", " 180 ", 180),
        ("minutes", "-5", -5),
        ("part", " 1 / 2 ", (1, 2)),
        ("interpreted", "Oui", True),
        ("interpreted", "faux", False),
        ("interpreted", " TRUE ", True),
        ("interpreted", 1, True),
        ("interpreted", 0.0, False),
        ("pinned", None, False),
        ("pinned", "yes", True),
    ],
)
def test_what_each_conversion_takes(column, value, expected):
    assert getattr(_row(**{column: value}), column) == expected


@pytest.mark.parametrize(
    ("column", "value", "says"),
    [
        ("activity", None, "empty"),
        ("activity", "   ", "empty"),
        ("body", True, "not an id (text)"),
        ("room", dt.datetime(2018, 10, 15), "not an id (text)"),
        ("period", dt.time(10), "not an id (text)"),
        ("date", None, "empty"),
        ("date", "15/10/2018", "not a date; write YYYY-MM-DD, e.g. 2018-10-15"),
        ("date", True, "not a date; write YYYY-MM-DD, e.g. 2018-10-15"),
        ("date", 43388, "not a date; write YYYY-MM-DD, e.g. 2018-10-15"),
        ("start", None, "empty"),
        ("start", "10h30", "not a time; write HH:MM, e.g. 10:00"),
        ("start", "10:75", "not a time; minutes go from 00 to 59"),
        ("start", "25:00", "not a time; write HH:MM, e.g. 10:00"),
        ("start", "24:00", "not a time; write HH:MM, e.g. 10:00"),
        ("start", "9:5", "not a time; write HH:MM, e.g. 10:00"),
        ("start", "10:00:30", "not a time; write HH:MM, e.g. 10:00"),
        ("start", 1.5, "not a time; write HH:MM, e.g. 10:00"),
        ("start", -0.5, "not a time; write HH:MM, e.g. 10:00"),
        ("start", True, "not a time; write HH:MM, e.g. 10:00"),
        ("start", dt.timedelta(days=2), "not a time; write HH:MM, e.g. 10:00"),
        ("end", 0.99999, "not a time; write HH:MM, e.g. 10:00"),  # rounds to 24:00
        ("end", dt.time(23, 59, 59, 900_000), "not a time; write HH:MM, e.g. 10:00"),
        ("end", dt.time(13, 0, 30), "not a whole minute; write HH:MM, e.g. 10:30"),
        ("end", 0.41701, "not a whole minute; write HH:MM, e.g. 10:30"),  # 10:00:29
        ("end", dt.timedelta(hours=10, seconds=30), "not a whole minute; write HH:MM, e.g. 10:30"),
        ("minutes", None, "empty"),
        ("minutes", "half an hour", "not a whole number of minutes"),
        ("minutes", 12.5, "not a whole number of minutes"),
        ("minutes", True, "not a whole number of minutes"),
        ("part", None, "empty"),
        ("part", "3/2", "not a part; write k/n with 1 <= k <= n, e.g. 1/2"),
        ("part", "0/1", "not a part; write k/n with 1 <= k <= n, e.g. 1/2"),
        ("part", "first", "not a part; write k/n with 1 <= k <= n, e.g. 1/2"),
        ("part", 2, "not a part; write k/n with 1 <= k <= n, e.g. 1/2"),
        (
            "part",
            dt.datetime(2018, 1, 2),
            "Excel turned this part into a date; format the column as text and type it as k/n",
        ),
        ("interpreted", None, "empty"),
        ("interpreted", "maybe", "not TRUE or FALSE (yes/no, 1/0)"),
        ("pinned", 2, "not TRUE or FALSE (yes/no, 1/0)"),
        ("pinned", dt.date(2018, 10, 15), "not TRUE or FALSE (yes/no, 1/0)"),
    ],
)
def test_what_each_conversion_refuses(column, value, says):
    assert _refusal(column, value) == says


def test_every_bad_field_of_a_row_is_an_error_of_its_own():
    with pytest.raises(ValidationError) as info:
        _row(date="soon", start="noon", part="3/2")
    assert [error["loc"] for error in info.value.errors()] == [("date",), ("start",), ("part",)]
