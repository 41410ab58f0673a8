"""Comparing timetables: moves and their sizes, added, removed and retimed activities."""

from __future__ import annotations

import dataclasses
import datetime as dt

import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.diff import CHANGE_COLUMNS, MoveSize, compare, compare_frame, half_day, move_size
from scheduler.errors import ExitCode
from scheduler.io.timetable_workbook import write_workbook
from scheduler.published import published_timetable
from scheduler.session import Period
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import preference_costs
from tests.conftest import COP9

MON, TUE = dt.date(2018, 10, 15), dt.date(2018, 10, 16)
HALVES = {"AM1": "morning", "AM2": "morning", "PM": "afternoon", "EV": "evening"}


@pytest.fixture(scope="module")
def published(cop9) -> Timetable:
    return published_timetable(cop9)


def _moved(timetable: Timetable, activity: str, date: dt.date, period: str) -> Timetable:
    """The timetable with every part of `activity` put in another slot, same times."""
    return Timetable.of(
        dataclasses.replace(a, date=date, period=period) if a.activity == activity else a
        for a in timetable
    )


# --- what counts as a change --------------------------------------------------------------------


def test_equal_slots_are_no_move():
    assert move_size([(MON, "PM"), (TUE, "AM1")], [(TUE, "AM1"), (MON, "PM")], HALVES) is None


@pytest.mark.parametrize(
    ("before", "after", "size"),
    [
        ([(MON, "AM1")], [(MON, "AM2")], MoveSize.SAME_HALF_DAY),
        ([(MON, "AM1")], [(MON, "PM")], MoveSize.OTHER_PERIOD),
        ([(MON, "PM")], [(MON, "PM"), (MON, "EV")], MoveSize.OTHER_PERIOD),
        ([(MON, "AM1")], [(TUE, "AM1")], MoveSize.OTHER_DAY),
        ([(MON, "PM")], [(MON, "PM"), (TUE, "AM1")], MoveSize.OTHER_DAY),
        ([(MON, "AM1"), (TUE, "AM1")], [(MON, "AM1"), (TUE, "PM")], MoveSize.OTHER_PERIOD),
    ],
)
def test_move_size_is_the_largest_level_reached(before, after, size):
    assert move_size(before, after, HALVES) is size


def test_half_days_of_periods():
    def period(start: int, evening: bool = False) -> Period:
        return Period(id="X", start=dt.time(start), end=dt.time(start + 2), evening=evening)

    assert half_day(period(10)) == "morning"
    assert half_day(period(12)) == "afternoon"
    assert half_day(period(18, evening=True)) == "evening"


def test_sizes_are_ordered_smallest_first():
    assert MoveSize.SAME_HALF_DAY < MoveSize.OTHER_PERIOD < MoveSize.OTHER_DAY


# --- comparing timetables -----------------------------------------------------------------------


def test_a_timetable_compared_with_itself_is_empty(cop9, published):
    diff = compare(published, published, cop9)
    assert diff.empty and diff.count == 0
    assert compare_frame(published, published).empty
    assert diff.interpreted_before == diff.interpreted_after == published.interpreted_meetings()


def test_a_move_to_another_day_is_counted(cop9, published):
    after = _moved(published, "3", dt.date(2018, 10, 18), "PM")
    diff = compare(published, after, cop9)
    assert diff.count == 1
    (change,) = diff.changes
    assert (change.activity, change.kind, change.size) == ("3", "moved", MoveSize.OTHER_DAY)
    assert change.row()["before"] == "2018-10-17 PM 15:00-18:00 plenary-hall"
    assert change.row()["after"] == "2018-10-18 PM 15:00-18:00 plenary-hall"


def test_added_removed_and_retimed_are_listed_not_counted(cop9, published):
    rows = [a for a in published if a.activity != "8"]
    rows = [dataclasses.replace(a, room="room-b") if a.activity == "4" else a for a in rows]
    extra = Assignment(
        date=MON, start=dt.time(18), end=dt.time(19), body="plenary", activity="10",
        room="plenary-hall", period="EV", minutes=60, part=1, parts=1, title="New item",
    )  # fmt: skip
    diff = compare(published, Timetable.of([*rows, extra]), cop9)
    assert diff.count == 0
    assert [(c.activity, c.kind) for c in diff.changes] == [
        ("4", "retimed"),
        ("8", "removed"),
        ("10", "added"),
    ]
    assert diff.changes[-1].title == "New item"


def test_the_frame_has_one_row_per_change(cop9, published):
    after = _moved(_moved(published, "3", MON, "EV"), "6", dt.date(2018, 10, 19), "AM")
    frame = compare_frame(published, after, cop9)
    assert list(frame.columns) == list(CHANGE_COLUMNS)
    assert frame[["activity", "change", "size"]].values.tolist() == [
        ["3", "moved", "to another day"],
        ["6", "moved", "to another period of the same day"],
    ]


def test_half_days_are_read_from_the_times_without_a_session(published):
    after = _moved(published, "6", dt.date(2018, 10, 19), "AM")
    assert compare(published, after).moved[0].size is MoveSize.OTHER_PERIOD


def test_interpreted_meetings_of_each_are_counted(cop9, published):
    after = Timetable.of(a for a in published if a.activity != "wg-ic-10")
    diff = compare(published, after, cop9)
    assert (diff.interpreted_before, diff.interpreted_after) == (12, 10)


# --- the Changes sheet and `schedule diff` ------------------------------------------------------

runner = CliRunner()


def _book(tmp_path, name, session, timetable, **extra) -> str:
    path = tmp_path / name
    write_workbook(path, session, timetable, None, None, lang="en", **extra)
    return str(path)


def test_the_timetable_workbook_gets_a_changes_sheet(tmp_path, cop9, published):
    after = _moved(published, "3", dt.date(2018, 10, 18), "PM")
    path = _book(tmp_path, "new.xlsx", cop9, after, changes=compare(published, after, cop9))
    sheet = openpyxl.load_workbook(path)["Changes"]
    rows = [r for r in sheet.iter_rows(values_only=True) if any(v is not None for v in r)]
    assert rows[0] == CHANGE_COLUMNS
    assert rows[1][:4] == ("3", cop9.activity("3").title.get("en"), "moved", "to another day")
    assert rows[2][:2] == ("total changes (activities moved)", 1)


def test_without_changes_there_is_no_changes_sheet(tmp_path, cop9, published):
    assert (
        "Changes"
        not in openpyxl.load_workbook(_book(tmp_path, "a.xlsx", cop9, published)).sheetnames
    )


def test_diff_command_prints_and_writes_the_differences(tmp_path, cop9, published):
    before = _book(tmp_path, "before.xlsx", cop9, published)
    after = _book(tmp_path, "after.xlsx", cop9, _moved(published, "3", MON, "EV"))
    out = tmp_path / "diff.xlsx"
    result = runner.invoke(
        app, ["diff", before, after, "-o", str(out), "--session", str(COP9)], terminal_width=200
    )
    assert result.exit_code == ExitCode.OK, result.output
    assert "moved (1)" in result.output
    assert "changes: 1 activity moved, 1 to another day" in result.output
    assert "interpreted meetings: 12 in before.xlsx, 12 in after.xlsx" in result.output
    sheet = openpyxl.load_workbook(out)["Changes"]
    assert sheet["A2"].value == "3" and sheet["D2"].value == "to another day"


def test_diff_command_on_the_same_timetable_says_so(tmp_path, cop9, published):
    book = _book(tmp_path, "same.xlsx", cop9, published)
    result = runner.invoke(app, ["diff", book, book])
    assert result.exit_code == ExitCode.OK
    assert "no differences" in result.output
    assert "changes: 0 activities moved" in result.output


def test_diff_command_shows_what_each_preference_costs_side_by_side(tmp_path, cop9, published):
    before = _book(tmp_path, "before.xlsx", cop9, published)
    moved = _moved(published, "3", MON, "EV")
    after = _book(tmp_path, "after.xlsx", cop9, moved)
    result = runner.invoke(app, ["diff", before, after, "--session", str(COP9)], terminal_width=200)
    assert result.exit_code == ExitCode.OK, result.output
    old, new = preference_costs(cop9, published), preference_costs(cop9, moved)
    rows = {
        line.split("│")[1].strip(): [cell.strip() for cell in line.split("│")[2:5]]
        for line in result.output.splitlines()
        if line.startswith("│") and line.split("│")[1].strip() in {*old, "objective"}
    }
    assert set(rows) == {*old, "objective"}
    for name in old:
        assert rows[name] == [str(old[name]), str(new[name]), f"{new[name] - old[name]:+d}"]
    assert rows["objective"][:2] == [str(sum(old.values())), str(sum(new.values()))]
    without = runner.invoke(app, ["diff", before, after])
    assert "preferences" not in without.output  # the costs need the session
