"""body-one-at-a-time, room-one-meeting, body-rooms: bodies and rooms."""

from __future__ import annotations

from scheduler.validation import validate
from tests.validation.layout import broken, row, tiny_session, tiny_timetable

TWO_ROOMS = {"plenary": {"rooms": ["hall", "small"]}}

# --- body-one-at-a-time ----------------------------------------------------------------------


def test_body_one_at_a_time_holds_back_to_back() -> None:
    """Item 3 starts the minute item 2 ends: touching is not overlapping."""
    assert broken(tiny_session(), tiny_timetable(row("3", "Mon PM", "17:00-17:30"))) == []


def test_body_one_at_a_time_refuses_overlapping_items() -> None:
    """With free order only the overlap is wrong: item 3 starts before item 2 ends."""
    session = tiny_session(bodies={"plenary": {"order": "free"}})
    report = validate(session, tiny_timetable(row("3", "Mon PM", "16:30-17:00")))
    assert report.broken_rules() == ["body-one-at-a-time"]
    assert report.findings[0].text("en") == (
        "item 2 (plenary Mon 4 Mar PM 15:00–17:00) overlaps item 3 (plenary Mon 4 Mar PM "
        "16:30–17:00)"
    )


def test_body_one_at_a_time_refuses_a_meeting_in_two_rooms() -> None:
    session = tiny_session(bodies=TWO_ROOMS)
    report = validate(session, tiny_timetable(row("3", "Mon PM", "17:00-17:30", room="small")))
    assert report.broken_rules() == ["body-one-at-a-time"]
    assert report.findings[0].text("en") == (
        "plenary Mon 4 Mar PM is spread over rooms hall, small"
    )


# --- room-one-meeting ------------------------------------------------------------------------


def test_room_one_meeting_holds_for_two_bodies_in_two_rooms() -> None:
    assert (
        broken(tiny_session(bodies=TWO_ROOMS), tiny_timetable(row("4", "Tue AM", "12:00-13:00")))
        == []
    )


def test_room_one_meeting_refuses_two_bodies_in_one_room() -> None:
    report = validate(
        tiny_session(bodies=TWO_ROOMS),
        tiny_timetable(row("4", "Tue AM", "12:00-13:00", room="small")),
    )
    assert report.broken_rules() == ["room-one-meeting"]
    (found,) = report.findings
    assert found.text("en") == (
        "room small holds 2 meetings in Tue 5 Mar AM: wg Tue 5 Mar AM, plenary Tue 5 Mar AM"
    )
    assert set(found.activities) == {"wg-1", "4"}


# --- body-rooms ------------------------------------------------------------------------------


def test_body_rooms_holds_in_a_second_room_of_the_body() -> None:
    assert (
        broken(
            tiny_session(bodies=TWO_ROOMS),
            tiny_timetable(row("4", "Tue PM", "15:00-16:00", room="small")),
        )
        == []
    )


def test_body_rooms_refuses_a_room_of_another_body() -> None:
    report = validate(
        tiny_session(), tiny_timetable(row("4", "Tue PM", "15:00-16:00", room="small"))
    )
    assert report.broken_rules() == ["body-rooms"]
    assert report.findings[0].text("en") == (
        "plenary Tue 5 Mar PM is held in room small, not one of its body's rooms (hall)"
    )


def test_body_rooms_refuses_an_unknown_room() -> None:
    report = validate(
        tiny_session(), tiny_timetable(row("4", "Tue PM", "15:00-16:00", room="attic"))
    )
    assert report.broken_rules() == ["body-rooms"]
    assert report.findings[0].text("en") == "plenary Tue 5 Mar PM is held in unknown room 'attic'"
