"""The recomputed objective: the preference costs of docs/RULES.md and their sum."""

from __future__ import annotations

from scheduler.validation import objective, preference_costs, validate
from scheduler.validation.costs import preference_counts
from tests.validation.layout import row, tiny_session, tiny_timetable


def test_the_base_timetable_costs() -> None:
    costs = preference_costs(tiny_session(), tiny_timetable())
    assert costs == {
        "carry-over": 10,  # item 2 in two meetings
        "carry-over-to-next-day": 0,  # ... on the same day
        "interpreted-meetings": 4,
        "preferred-periods": 0,
        "meetings": 4,
        "compact-bodies": 5,  # the plenary's hole on Tuesday morning
        "session-end": 3,  # ends in the fourth period
        "opening-closing-alone": 0,  # the working group meets beside neither
        "organizational-first-day": 0,  # item 1 (the `first` item) on Monday
        "evening-meetings": 0,
    }
    assert objective(costs) == 26


def test_carrying_over_to_the_next_day_costs_extra() -> None:
    overnight = tiny_timetable(
        row("2", "Mon AM", "11:00-13:00", part="1/2"),
        row("2", "Tue AM", "10:00-12:00", part="2/2"),
        row("3", "Tue AM", "12:00-12:30"),
        row("wg-1", "Mon PM", "15:00-18:00"),
    )
    report = validate(tiny_session(), overnight)
    assert report.ok
    assert report.costs["carry-over-to-next-day"] == 20
    assert report.objective == 10 + 20 + 4 + 4 + 5 + 3  # meetings, the plenary's hole, the end


def test_weights_come_from_the_session() -> None:
    session = tiny_session(preferences={"carry_over": 3, "interpreted_meeting": 0})
    costs = preference_costs(session, tiny_timetable())
    assert costs["carry-over"] == 3
    assert costs["interpreted-meetings"] == 0
    assert preference_counts(session, tiny_timetable())["interpreted-meetings"] == 4


def test_preferred_periods_count_each_part_outside_them() -> None:
    by_period = tiny_session(items={"2": {"preferred": [{"period": "AM"}]}})
    assert preference_costs(by_period, tiny_timetable())["preferred-periods"] == 5  # Mon PM part
    by_day = tiny_session(items={"2": {"preferred": [{"date": "2030-03-05"}]}})
    assert preference_costs(by_day, tiny_timetable())["preferred-periods"] == 10
    either = tiny_session(
        items={"2": {"preferred": [{"date": "2030-03-04", "period": "AM"}, {"period": "PM"}]}}
    )
    assert preference_costs(either, tiny_timetable())["preferred-periods"] == 0
    meeting = tiny_session(
        meetings={"wg-1": {"preferred": [{"date": "2030-03-05", "period": "PM"}]}}
    )
    assert preference_costs(meeting, tiny_timetable())["preferred-periods"] == 5


def test_whole_meeting_activities_are_never_carried_over() -> None:
    session = tiny_session(meetings={"wg-1": {"meetings": 2, "not_in_parallel_with": []}})
    two = tiny_timetable(
        row("wg-1", "Mon PM", "15:00-18:00", part="1/2"),
        row("wg-1", "Tue AM", "10:00-13:00", part="2/2"),
    )
    report = validate(session, two)
    assert report.ok, report.findings
    assert report.costs["carry-over"] == 10  # item 2 only
    assert report.costs["carry-over-to-next-day"] == 0


def test_a_body_scattered_over_the_session_pays_for_each_extra_run() -> None:
    """The working group in two runs (Monday PM, Tuesday PM) costs one extra run."""
    session = tiny_session(meetings={"wg-1": {"meetings": 2}})
    together = tiny_timetable(
        row("wg-1", "Mon PM", "15:00-18:00", part="1/2"),
        row("wg-1", "Tue AM", "10:00-13:00", part="2/2"),
    )
    apart = tiny_timetable(
        row("wg-1", "Mon AM", "10:00-13:00", part="1/2"),
        row("wg-1", "Tue PM", "15:00-18:00", part="2/2"),
    )
    assert preference_counts(session, together)["compact-bodies"] == 1  # the plenary's hole
    assert preference_counts(session, apart)["compact-bodies"] == 2


def test_a_meeting_beside_the_opening_or_the_closing_costs() -> None:
    session = tiny_session()
    beside = tiny_timetable(row("wg-1", "Mon AM", "10:00-13:00"))
    assert preference_counts(session, beside)["opening-closing-alone"] == 1
    assert preference_counts(session, tiny_timetable())["opening-closing-alone"] == 0
    allowed = tiny_session(preferences={"beside_opening_closing": 0})
    assert preference_costs(allowed, beside)["opening-closing-alone"] == 0


def test_the_session_ends_as_early_as_it_can() -> None:
    session = tiny_session()
    assert preference_counts(session, tiny_timetable())["session-end"] == 3  # Tuesday PM
    morning = tiny_timetable(
        row("4", "Tue AM", "10:00-11:00"), row("wg-1", "Mon PM", "15:00-18:00")
    )
    assert preference_counts(session, morning)["session-end"] == 2


def test_an_organizational_item_after_the_first_day_costs_a_day() -> None:
    session = tiny_session()
    assert [a.id for a in session.organizational] == ["1"]  # the item holding `first`
    late = tiny_session(items={"3": {"organizational": True}})
    assert {a.id for a in late.organizational} == {"1", "3"}
    assert preference_counts(late, tiny_timetable())["organizational-first-day"] == 0  # Mon
    tuesday = tiny_timetable(row("3", "Tue AM", "10:00-10:30"))
    assert preference_counts(late, tuesday)["organizational-first-day"] == 1
