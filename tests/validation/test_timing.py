"""within-periods, fixed-start, held-on-date, earliest-start, deadline: when activities may
be held."""

from __future__ import annotations

import pytest

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation import validate
from tests.validation.layout import broken, row, tiny_session, tiny_timetable

EVENING = [
    {"id": "AM", "start": "10:00", "end": "13:00"},
    {"id": "PM", "start": "15:00", "end": "18:00"},
    {"id": "EV", "start": "18:00", "end": "21:00", "evening": True},
]

# --- within-periods --------------------------------------------------------------------------


def test_within_periods_holds_for_an_allowed_evening_and_a_fixed_pre_session_day() -> None:
    evening = tiny_session(session={"periods": EVENING, "evening_meetings": True})
    assert broken(evening, tiny_timetable(row("4", "Tue EV", "18:00-19:00"))) == []
    pre = tiny_session(
        session={"pre_session_days": ["2030-03-01"]}, meetings={"wg-1": {"date": "2030-03-01"}}
    )
    assert broken(pre, tiny_timetable(row("wg-1", "2030-03-01 AM", "10:00-13:00"))) == []


@pytest.mark.parametrize(
    ("session", "timetable", "why"),
    [
        (
            tiny_session(),
            tiny_timetable(row("3", "Mon PM", "17:45-18:15")),
            "item 3 runs 17:45–18:15 in plenary Mon 4 Mar PM, outside the period 15:00–18:00",
        ),
        (
            tiny_session(),
            tiny_timetable(row("4", "Tue XX", "15:00-16:00")),
            "plenary Tue 5 Mar XX names unknown period 'XX'",
        ),
        (
            tiny_session(),
            tiny_timetable(row("4", "2030-03-06 PM", "15:00-16:00")),
            "plenary Wed 6 Mar PM is not on a day of the session",
        ),
        (
            tiny_session(session={"holidays": ["2030-03-05"]}),
            tiny_timetable(),
            "plenary Tue 5 Mar PM is on a holiday",
        ),
        (
            tiny_session(session={"periods": EVENING}),
            tiny_timetable(row("4", "Tue EV", "18:00-19:00")),
            "plenary Tue 5 Mar EV is in an evening period, but evening meetings are not allowed",
        ),
        (
            tiny_session(session={"pre_session_days": ["2030-03-01"]}),
            tiny_timetable(row("wg-1", "2030-03-01 AM", "10:00-13:00")),
            "Working group (wg-1) is held on the pre-session day Fri 1 Mar, but is not fixed to it",
        ),
    ],
)
def test_within_periods_is_refused(session: Session, timetable: Timetable, why: str) -> None:
    report = validate(session, timetable)
    assert report.broken_rules() == ["within-periods"]
    assert why in [f.text("en") for f in report.findings]


# --- fixed-start -----------------------------------------------------------------------------


def test_fixed_start_holds_for_the_opening_and_a_dated_meeting() -> None:
    dated = tiny_session(meetings={"wg-1": {"date": "2030-03-05"}})
    assert broken(dated, tiny_timetable()) == []


def test_fixed_start_refuses_a_late_opening() -> None:
    late = tiny_timetable(
        row("1", "Mon AM", "10:30-11:30"),
        row("2", "Mon AM", "11:30-13:00", part="1/2"),
        row("2", "Mon PM", "15:00-17:30", part="2/2"),
        row("3", "Mon PM", "17:30-18:00"),
    )
    report = validate(tiny_session(), late)
    assert report.broken_rules() == ["fixed-start"]
    assert report.findings[0].text("en") == (
        "item 1 starts Mon 4 Mar 10:30, not at its fixed start Mon 4 Mar 10:00"
    )


# --- held-on-date ----------------------------------------------------------------------------


def test_held_on_date_holds_on_one_of_its_dates() -> None:
    dated = tiny_session(meetings={"wg-1": {"dates": ["2030-03-04", "2030-03-05"]}})
    assert broken(dated, tiny_timetable()) == []


def test_held_on_date_refuses_a_meeting_off_its_date() -> None:
    """The `date` breach has its own name (it was reported under fixed-start)."""
    report = validate(tiny_session(meetings={"wg-1": {"date": "2030-03-04"}}), tiny_timetable())
    assert report.broken_rules() == ["held-on-date"]
    assert report.findings[0].meetings == ("wg Tue 5 Mar AM",)
    assert report.findings[0].text("en") == (
        "Working group (wg-1) must be held on Mon 4 Mar, but meets in wg Tue 5 Mar AM"
    )


def test_held_on_date_refuses_a_part_off_its_dates() -> None:
    session = tiny_session(items={"2": {"dates": ["2030-03-04"]}})
    moved = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"), row("2", "Tue AM", "10:00-12:00", part="2/2")
    )
    report = validate(session, moved)
    assert "held-on-date" in report.broken_rules()
    (found,) = report.findings_of("held-on-date")
    assert found.meetings == ("plenary Tue 5 Mar AM",)
    assert found.activities == ("2",)


# --- earliest-start and deadline -------------------------------------------------------------


@pytest.mark.parametrize(
    ("session", "rules"),
    [
        (tiny_session(meetings={"wg-1": {"earliest_start": "2030-03-05T10:00"}}), []),
        (
            tiny_session(meetings={"wg-1": {"earliest_start": "2030-03-05T15:00"}}),
            ["earliest-start"],
        ),
        (tiny_session(bodies={"wg": {"earliest_start": "2030-03-05T10:30"}}), ["earliest-start"]),
        (tiny_session(items={"4": {"earliest_start": "2030-03-05T15:00"}}), []),
        (tiny_session(items={"4": {"earliest_start": "2030-03-05T15:01"}}), ["earliest-start"]),
    ],
)
def test_earliest_start(session: Session, rules: list[str]) -> None:
    assert broken(session, tiny_timetable()) == rules


@pytest.mark.parametrize(
    ("session", "rules"),
    [
        (tiny_session(bodies={"wg": {"latest_end": "2030-03-05T13:00"}}), []),
        (tiny_session(bodies={"wg": {"latest_end": "2030-03-05T12:00"}}), ["deadline"]),
        (tiny_session(meetings={"wg-1": {"latest_end": "2030-03-05T12:59"}}), ["deadline"]),
        (tiny_session(items={"2": {"latest_end": "2030-03-04T17:00"}}), []),
        (tiny_session(items={"2": {"latest_end": "2030-03-04T13:00"}}), ["deadline"]),
    ],
)
def test_deadline(session: Session, rules: list[str]) -> None:
    assert broken(session, tiny_timetable()) == rules


def test_the_earlier_of_the_own_and_the_body_deadline_counts() -> None:
    session = tiny_session(
        bodies={"wg": {"latest_end": "2030-03-05T12:00"}},
        meetings={"wg-1": {"latest_end": "2030-03-05T18:00"}},
    )
    report = validate(session, tiny_timetable())
    assert report.broken_rules() == ["deadline"]
    assert report.findings[0].text("en") == (
        "Working group (wg-1) ends Tue 5 Mar 13:00, after its deadline Tue 5 Mar 12:00"
    )
    assert report.findings[0].text("fr") == (
        "Groupe de travail (wg-1) se termine mar. 5 mars 13:00, après son échéance "
        "mar. 5 mars 12:00"
    )
