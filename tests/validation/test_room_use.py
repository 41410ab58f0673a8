"""same-room and room-closed: an activity kept in one room over consecutive periods, and
rooms closed in some periods."""

from __future__ import annotations

from scheduler.messages import LANGUAGES
from scheduler.validation.room_use import check_room_closed, check_same_room
from tests.validation.layout import row, tiny_session, tiny_timetable

_TWO_ROOMS = {"plenary": {"rooms": ["hall", "small"]}}


def test_an_activity_in_one_room_over_consecutive_periods_holds() -> None:
    session = tiny_session(bodies=_TWO_ROOMS, items={"2": {"same_room": True}})
    assert check_same_room(session, tiny_timetable()) == []


def test_a_change_of_room_is_refused_naming_the_rooms() -> None:
    session = tiny_session(bodies=_TWO_ROOMS, items={"2": {"same_room": True}})
    timetable = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"),
        row("2", "Mon PM", "15:00-17:00", part="2/2", room="small"),
        row("3", "Mon PM", "17:00-17:30", room="small"),
    )
    (finding,) = check_same_room(session, timetable)
    assert finding.text("en") == "item 2 is held in one room throughout, yet meets in hall, small"
    assert finding.activities == ("2",)


def test_a_period_between_two_meetings_is_refused() -> None:
    session = tiny_session(meetings={"wg-1": {"meetings": 2, "same_room": True}})
    timetable = tiny_timetable(
        row("wg-1", "Mon AM", "10:00-13:00", part="1/2"),
        row("wg-1", "Tue AM", "10:00-13:00", part="2/2"),
    )
    (finding,) = check_same_room(session, timetable)
    assert finding.rule == "same-room"
    assert "Mon 4 Mar PM passes between wg Mon 4 Mar AM and wg Tue 5 Mar AM" in finding.text("en")
    texts = {lang: finding.text(lang) for lang in LANGUAGES}
    assert len(set(texts.values())) == 6
    assert all("{" not in text for text in texts.values())


def test_the_same_parts_without_the_rule_hold() -> None:
    timetable = tiny_timetable(
        row("wg-1", "Mon AM", "10:00-13:00", part="1/2"),
        row("wg-1", "Tue AM", "10:00-13:00", part="2/2"),
    )
    assert check_same_room(tiny_session(meetings={"wg-1": {"meetings": 2}}), timetable) == []


def test_a_room_closed_in_another_period_holds() -> None:
    session = tiny_session(rooms={"small": {"closed": ["2030-03-05 PM", "2030-03-04"]}})
    assert check_room_closed(session, tiny_timetable()) == []


def test_a_meeting_in_a_closed_room_is_refused() -> None:
    session = tiny_session(rooms={"small": {"closed": ["2030-03-05 AM"]}})
    (finding,) = check_room_closed(session, tiny_timetable())
    assert finding.text("en") == "wg Tue 5 Mar AM is held in small, which is closed then"
    assert finding.activities == ("wg-1",)
    assert finding.meetings == ("wg Tue 5 Mar AM",)


def test_a_room_closed_all_day_is_closed_in_every_period() -> None:
    session = tiny_session(rooms={"small": {"closed": ["2030-03-05"]}})
    (finding,) = check_room_closed(session, tiny_timetable())
    assert finding.rule == "room-closed"
    texts = {lang: finding.text(lang) for lang in LANGUAGES}
    assert len(set(texts.values())) == 6
    assert texts["fr"].endswith("fermée à ce moment")
