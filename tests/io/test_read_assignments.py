"""Reading the Assignments sheet back, hand-edited too; bad cells named like Assignments!G3."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode, InputError, InputErrors
from scheduler.io.timetable_workbook import read_assignments, write_workbook
from scheduler.published import published_timetable
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from tests.conftest import COP9


@pytest.fixture()
def written(cop9, tmp_path) -> Path:
    """The COP9 published timetable written by `write_workbook`, ready to be edited."""
    path = tmp_path / "timetable.xlsx"
    write_workbook(path, cop9, published_timetable(cop9, lang="fr"), None, None)
    return path


def _edit(path: Path, **cells: object) -> Path:
    book = openpyxl.load_workbook(path)
    for coordinate, value in cells.items():
        book["Assignments"][coordinate] = value
    book.save(path)
    return path


def _error(path: Path) -> InputError:
    with pytest.raises(InputError) as info:
        read_assignments(path)
    return info.value


def _hand_made(tmp_path: Path, header: list[str], *rows: list[object]) -> Path:
    book = openpyxl.Workbook()
    sheet = book.active
    sheet.title = "Assignments"
    sheet.append(header)
    for row in rows:
        sheet.append(row)
    path = tmp_path / "hand.xlsx"
    book.save(path)
    return path


def test_a_hand_made_sheet_in_another_order_and_case(tmp_path):
    header = [
        " Part ",
        "PERIOD",
        "date",
        "Activity",
        "start",
        "end",
        "minutes",
        "body",
        "room",
        "Interpreted",
        "title",
        "notes",  # an extra column is ignored
    ]
    path = _hand_made(
        tmp_path,
        header,
        ["1/2", "AM", "2018-10-18", 5, dt.time(10, 0), "13:00", 180.0, "plenary", "hall", "yes"],
        [],  # a blank row is skipped
        [
            "2/2",
            "PM",
            dt.datetime(2018, 10, 18),
            "5",
            15 / 24,  # an Excel time stored as a number
            "18:00:00",
            "180",
            "plenary",
            "hall",
            1,
            "Assistance technique",
            "moved by hand",
        ],
    )
    common = {"activity": "5", "body": "plenary", "room": "hall", "minutes": 180, "parts": 2}
    assert read_assignments(path) == Timetable.of(
        [
            Assignment(
                date=dt.date(2018, 10, 18),
                start=dt.time(10),
                end=dt.time(13),
                period="AM",
                part=1,
                interpreted=True,
                **common,  # type: ignore[arg-type]
            ),
            Assignment(
                date=dt.date(2018, 10, 18),
                start=dt.time(15),
                end=dt.time(18),
                period="PM",
                part=2,
                title="Assistance technique",
                interpreted=True,
                **common,  # type: ignore[arg-type]
            ),
        ]
    )


@pytest.mark.parametrize(
    ("text", "expected"),
    [("TRUE", True), ("false", False), ("Yes", True), ("no", False), ("1", True), ("0", False)],
)
def test_booleans_as_text(written, text, expected):
    _edit(written, K3=text, L3=text)
    part = read_assignments(written).assignments[1]
    assert (part.interpreted, part.pinned) == (expected, expected)


def test_an_empty_pinned_cell_is_false(written):
    _edit(written, L3=None)
    assert read_assignments(written).assignments[1].pinned is False


def test_a_bad_time_is_named_by_cell_and_value(written):
    error = _error(_edit(written, G3="25:99"))
    assert error.field == "Assignments!G3"
    assert str(written) in error.message
    assert "Assignments!G3: '25:99': not a time" in error.message


@pytest.mark.parametrize(
    ("cell", "value", "says"),
    [
        ("E4", "15/10/2018", "not a date"),
        ("E4", True, "not a date"),
        ("G4", "10h30", "not a time"),
        ("G4", "10:75", "minutes go from 00 to 59"),
        ("H4", dt.time(13, 0, 30), "not a whole minute"),
        ("I4", "half an hour", "not a whole number of minutes"),
        ("I4", 12.5, "not a whole number of minutes"),
        ("J4", "3/2", "not a part"),
        ("J4", "first", "not a part"),
        ("J4", dt.datetime(2018, 1, 2), "Excel turned this part into a date"),
        ("K4", "maybe", "not TRUE or FALSE"),
        ("L4", 2, "not TRUE or FALSE"),
        ("A4", None, "empty"),
        ("C4", True, "not an id"),
    ],
)
def test_bad_cells_are_refused(written, cell, value, says):
    error = _error(_edit(written, **{cell: value}))
    assert error.field == f"Assignments!{cell}"
    assert says in error.message


def test_every_bad_cell_is_reported_at_once(written):
    error = _error(_edit(written, G3="noon", I7="ten"))
    assert isinstance(error, InputErrors)
    assert [e.field for e in error.errors] == ["Assignments!G3", "Assignments!I7"]
    assert "'noon'" in error.message and "'ten'" in error.message


def test_three_bad_cells_in_three_rows_are_reported_together(written):
    error = _error(_edit(written, E3="soon", J5="3/2", K9="maybe"))
    assert isinstance(error, InputErrors)
    assert error.exit_code == ExitCode.INVALID_INPUT
    assert [e.message for e in error.errors] == [
        f"{written}: Assignments!E3: 'soon': not a date; write YYYY-MM-DD, e.g. 2018-10-15",
        f"{written}: Assignments!J5: '3/2': not a part; write k/n with 1 <= k <= n, e.g. 1/2",
        f"{written}: Assignments!K9: 'maybe': not TRUE or FALSE (yes/no, 1/0)",
    ]
    assert error.message == "\n".join(e.message for e in error.errors)


def test_every_bad_cell_of_one_row_is_reported_in_column_order(written):
    error = _error(_edit(written, K4="maybe", A4=None, G4="noon"))
    assert isinstance(error, InputErrors)
    assert [(e.field, e.problem) for e in error.errors] == [
        ("Assignments!A4", "empty"),
        ("Assignments!G4", "not a time; write HH:MM, e.g. 10:00"),
        ("Assignments!K4", "not TRUE or FALSE (yes/no, 1/0)"),
    ]
    assert not error.errors[0].has_value  # an empty cell shows no value


def test_check_prints_every_bad_cell_and_exits_2(written):
    _edit(written, E3="soon", J5="3/2", K9="maybe")
    result = CliRunner().invoke(app, ["check", str(COP9), str(written)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    for cell in ("Assignments!E3: 'soon'", "Assignments!J5: '3/2'", "Assignments!K9: 'maybe'"):
        assert cell in result.output
    assert "Traceback" not in result.output


def test_a_missing_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Timetable"
    path = tmp_path / "other.xlsx"
    book.save(path)
    error = _error(path)
    assert "no sheet 'Assignments'" in error.message
    assert "Timetable" in error.message
    assert str(path) in error.message


def test_a_missing_column(written):
    book = openpyxl.load_workbook(written)
    book["Assignments"].delete_cols(7)  # start
    book.save(written)
    error = _error(written)
    assert error.field == "Assignments!1:1"
    assert "missing column start" in error.message


def test_a_column_given_twice(written):
    error = _error(_edit(written, M1="Room"))
    assert error.field == "Assignments!M1"
    assert "given twice" in error.message


def test_pinned_may_be_left_out(written, cop9):
    book = openpyxl.load_workbook(written)
    book["Assignments"].delete_cols(12)
    book.save(written)
    assert read_assignments(written) == published_timetable(cop9, lang="fr")


def test_an_empty_sheet(tmp_path):
    book = openpyxl.Workbook()
    book.active.title = "Assignments"
    path = tmp_path / "empty.xlsx"
    book.save(path)
    assert "empty" in _error(path).message


def test_not_a_workbook(tmp_path):
    path = tmp_path / "notes.xlsx"
    path.write_text("activity,title\n", encoding="utf-8")
    assert "cannot be read as an Excel workbook" in _error(path).message


def test_no_such_file(tmp_path):
    error = _error(tmp_path / "nowhere.xlsx")
    assert error.message.endswith("no such file")


# --- a planner's edit is one edit: date and period, times from the period -------------------

# Rows of the COP9 published timetable in the sheet (header on row 1): item 3 on Wednesday
# afternoon (row 17), item 4 alone on Thursday morning (row 18).
ITEM_3, ITEM_4 = 17, 18


def test_start_and_end_left_empty_are_taken_from_the_period(cop9, written):
    _edit(written, **{f"E{ITEM_3}": dt.datetime(2018, 10, 18), f"F{ITEM_3}": "PM"})
    _edit(written, **{f"G{ITEM_3}": None, f"H{ITEM_3}": None})
    _edit(written, **{f"E{ITEM_4 + 1}": dt.datetime(2018, 10, 17), f"G{ITEM_4 + 1}": None})
    timetable = read_assignments(written, session=cop9)
    (three,) = [a for a in timetable if a.activity == "3"]
    assert (three.date, three.start, three.end) == (dt.date(2018, 10, 18), dt.time(15), dt.time(18))
    # item 5's first part moved to Wednesday afternoon, its end kept: start from the minutes
    five = next(a for a in timetable if a.activity == "5" and a.part == 1)
    assert (five.date, five.start, five.end) == (dt.date(2018, 10, 17), dt.time(15), dt.time(18))


def test_parts_of_a_meeting_follow_each_other_in_the_sheets_order(cop9, written):
    """Item 6, 7, 8 and 9 share Friday afternoon: cleared, they run one after the other."""
    _edit(written, **{f"{c}{r}": None for c in "GH" for r in range(21, 25)})
    timetable = read_assignments(written, session=cop9)
    friday = [(a.activity, a.start, a.end) for a in timetable if a.date == dt.date(2018, 10, 19)]
    assert friday[1:] == [
        ("6", dt.time(15), dt.time(15, 45)),
        ("7", dt.time(15, 45), dt.time(16, 15)),
        ("8", dt.time(16, 15), dt.time(16, 45)),
        ("9", dt.time(16, 45), dt.time(18)),
    ]
    assert validate(cop9, timetable).ok


def test_times_left_from_before_a_move_name_their_cell(cop9, written):
    """Date and period changed, times not: once "runs 10:00-13:00 ... outside the period
    15:00-18:00" without a cell."""
    _edit(written, **{f"E{ITEM_4}": dt.datetime(2018, 10, 17), f"F{ITEM_4}": "PM"})
    error = _error_with(written, cop9)
    assert error.field == f"Assignments!G{ITEM_4}"
    assert "outside the period PM (15:00-18:00)" in error.message
    assert "leave start and end empty" in error.message


def test_without_the_session_empty_times_are_still_refused(written):
    _edit(written, **{f"G{ITEM_3}": None})
    error = _error(written)
    assert error.field == f"Assignments!G{ITEM_3}" and error.problem == "empty"


def test_the_validator_still_sees_real_violations(cop9, written):
    """Item 3 moved onto item 4's Thursday morning, times empty: the overlap is reported, and
    a meeting that runs over its period is kept for `within-periods` to report."""
    _edit(written, **{f"E{ITEM_3}": dt.datetime(2018, 10, 18), f"F{ITEM_3}": "AM"})
    _edit(written, **{f"G{ITEM_3}": None, f"H{ITEM_3}": None, f"H{ITEM_4 + 2}": "13:30"})
    timetable = read_assignments(written, session=cop9)
    broken = validate(cop9, timetable).broken_rules()
    assert "body-one-at-a-time" in broken
    assert "within-periods" in broken


def _error_with(path: Path, session) -> InputError:
    with pytest.raises(InputError) as info:
        read_assignments(path, session=session)
    return info.value
