"""full-duration, no-running-on, no-sharing, consecutive-meetings: how activities fill meetings."""

from __future__ import annotations

import pytest

from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from scheduler.validation.coverage import check_full_duration
from tests.validation.layout import broken, row, tiny_session, tiny_timetable


def test_the_base_timetable_breaks_no_rule() -> None:
    report = validate(tiny_session(), tiny_timetable())
    assert report.ok, report.findings
    assert report.broken_rules() == []


# --- full-duration ---------------------------------------------------------------------------


@pytest.mark.parametrize(
    ("timetable", "why"),
    [
        (tiny_timetable(drop=("3",)), "item 3 is not in the timetable"),
        (tiny_timetable(row("3", "Mon PM", "17:00-17:20")), "item 3 takes 20 minutes in all"),
        (
            tiny_timetable(row("3", "Mon PM", "17:30-17:00", minutes=30)),
            "item 3 in plenary Mon 4 Mar PM ends at 17:00, not after its start 17:30",
        ),
        (
            tiny_timetable(row("3", "Mon PM", "17:00-17:30", minutes=25)),
            "is marked 25 minutes but runs 17:00–17:30",
        ),
        (
            tiny_timetable(row("99", "Tue PM", "16:00-16:30")),
            "names unknown activity '99'",
        ),
        (
            tiny_timetable(row("3", "Mon PM", "17:00-17:30", body="wg")),
            "item 3 is held by Working group (wg) in wg Mon 4 Mar PM, but belongs to "
            "Plenary (plenary)",
        ),
        (
            tiny_timetable(row("3", "Mon PM", "17:00-17:30", body="ghost", room="small")),
            "item 3 is held by unknown body 'ghost'",
        ),
        (
            tiny_timetable(
                row("2", "Mon AM", "11:00-13:00", part="2/2"),
                row("2", "Mon PM", "15:00-17:00", part="1/2"),
            ),
            "item 2: parts numbered 2/2, 1/2 in time order, instead of 1/2, 2/2",
        ),
        (
            tiny_timetable(
                row("2", "Mon AM", "11:00-13:00", part="1/3"),
                row("2", "Mon PM", "15:00-17:00", part="2/3"),
            ),
            "parts numbered 1/3, 2/3",
        ),
        (
            tiny_timetable(row("wg-1", "Tue AM", "10:00-12:00")),
            "Working group (wg-1) runs 10:00–12:00 in wg Tue 5 Mar AM instead of filling its "
            "period 10:00–13:00",
        ),
        (
            tiny_timetable(
                row("wg-1", "Tue AM", "10:00-13:00", part="1/2"),
                row("wg-1", "Tue PM", "15:00-18:00", part="2/2"),
                row("4", "Tue PM", "17:00-18:00"),
            ),
            "Working group (wg-1) is held in 2 meetings instead of 1",
        ),
    ],
)
def test_full_duration_is_refused(timetable: Timetable, why: str) -> None:
    report = validate(tiny_session(), timetable)
    assert report.broken_rules() == ["full-duration"]
    assert any(why in f.text("en") for f in report.findings), report.findings


def test_full_duration_holds_when_an_item_is_split_differently() -> None:
    timetable = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"),
        row("2", "Mon PM", "15:00-17:00", part="2/2"),
    )
    assert check_full_duration(tiny_session(), timetable) == []
    shorter = tiny_session(items={"2": {"minutes": 200}})
    cut = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"),
        row("2", "Mon PM", "15:00-16:20", part="2/2"),
    )
    assert broken(shorter, cut) == []


def test_an_empty_timetable_misses_every_activity() -> None:
    findings = check_full_duration(tiny_session(), Timetable())
    assert sorted(f.activities for f in findings) == [("1",), ("2",), ("3",), ("4",), ("wg-1",)]


# --- no-running-on ---------------------------------------------------------------------------


def test_no_running_on_holds_for_an_item_taken_at_once() -> None:
    assert broken(tiny_session(items={"3": {"run_on": False}}), tiny_timetable()) == []


def test_no_running_on_refuses_an_item_continued() -> None:
    report = validate(tiny_session(items={"2": {"run_on": False}}), tiny_timetable())
    assert report.broken_rules() == ["no-running-on"]
    (found,) = report.findings
    assert found.activities == ("2",)
    assert found.meetings == ("plenary Mon 4 Mar AM", "plenary Mon 4 Mar PM")


# --- no-sharing ------------------------------------------------------------------------------


def test_no_sharing_holds_for_an_item_alone_in_its_meeting() -> None:
    session = tiny_session(items={"3": {"share": False}})
    alone = tiny_timetable(row("3", "Tue AM", "10:00-10:30"))
    assert broken(session, alone) == []


def test_no_sharing_refuses_an_item_sharing_its_meeting() -> None:
    report = validate(tiny_session(items={"3": {"share": False}}), tiny_timetable())
    assert report.broken_rules() == ["no-sharing"]
    (found,) = report.findings
    assert found.text("en") == (
        "item 3 may not share a meeting, yet plenary Mon 4 Mar PM also takes item 2"
    )
    assert found.activities == ("3", "2")


def test_no_sharing_holds_for_a_whole_meeting_item_alone() -> None:
    session = tiny_session(items={"3": {"minutes": None, "meetings": 1}})
    assert broken(session, tiny_timetable(row("3", "Tue AM", "10:00-13:00"))) == []


def test_no_sharing_refuses_a_whole_meeting_item_sharing() -> None:
    """Whole-meeting items never share, whatever their `share` says; sharing a full meeting
    also overlaps (the order is free and item 4 not last, so nothing else is broken)."""
    session = tiny_session(
        items={"3": {"minutes": None, "meetings": 1}, "4": {"last": None}},
        bodies={"plenary": {"order": "free"}},
    )
    shared = tiny_timetable(row("3", "Tue PM", "15:00-18:00"))
    assert broken(session, shared) == ["body-one-at-a-time", "no-sharing"]


# --- consecutive-meetings --------------------------------------------------------------------


def test_consecutive_meetings_holds_across_a_day() -> None:
    """Item 2 continues on Tuesday morning: the plenary holds no meeting in between."""
    timetable = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"),
        row("2", "Tue AM", "10:00-12:00", part="2/2"),
        row("3", "Tue AM", "12:00-12:30"),
        row("wg-1", "Mon PM", "15:00-18:00"),
    )
    assert broken(tiny_session(), timetable) == []


@pytest.mark.parametrize(
    ("parts", "why"),
    [
        (
            (
                row("2", "Mon AM", "11:00-12:30", part="1/2"),
                row("2", "Mon PM", "15:00-17:30", part="2/2"),
                row("3", "Mon PM", "17:30-18:00"),
            ),
            "item 2 runs on, but its part in plenary Mon 4 Mar AM ends at 12:30, before the end "
            "of the period (13:00)",
        ),
        (
            (
                row("2", "Mon AM", "11:00-13:00", part="1/2"),
                row("2", "Mon PM", "15:30-17:30", part="2/2"),
                row("3", "Mon PM", "17:30-18:00"),
            ),
            "item 2 (continued) resumes in plenary Mon 4 Mar PM at 15:30, not at the start of "
            "the period (15:00)",
        ),
    ],
)
def test_consecutive_meetings_refuses_a_part_off_the_meeting_edge(
    parts: tuple[Assignment, ...], why: str
) -> None:
    report = validate(tiny_session(), tiny_timetable(*parts))
    assert report.broken_rules() == ["consecutive-meetings"]
    assert [f.text("en") for f in report.findings] == [why]


def test_consecutive_meetings_refuses_a_meeting_in_between() -> None:
    """With free order the plenary takes item 3 on Monday afternoon, between item 2's parts."""
    session = tiny_session(bodies={"plenary": {"order": "free"}})
    timetable = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"),
        row("2", "Tue AM", "10:00-12:00", part="2/2"),
        row("3", "Mon PM", "15:00-15:30"),
        row("wg-1", "Mon PM", "15:00-18:00"),
    )
    report = validate(session, timetable)
    assert report.broken_rules() == ["consecutive-meetings"]
    (found,) = report.findings
    assert found.meetings == (
        "plenary Mon 4 Mar AM",
        "plenary Mon 4 Mar PM",
        "plenary Tue 5 Mar AM",
    )
