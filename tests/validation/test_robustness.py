"""Hand-edited timetables: odd rows are reported under the fitting rule, never a crash."""

from __future__ import annotations

import datetime as dt
from dataclasses import replace
from typing import Any

from hypothesis import given, settings
from hypothesis import strategies as st

from scheduler.rules import HARD_RULE_NAMES
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from scheduler.validation.registry import NOT_CHECKED
from tests.validation.layout import BASE, broken, row, tiny_session, tiny_timetable

SESSION = tiny_session()


def _with(which: str, **fields: Any) -> Timetable:
    """`BASE` with some fields of one activity's (only) row set to odd values, unsorted."""
    return Timetable(tuple(replace(r, **fields) if r.activity == which else r for r in BASE))


def test_a_number_where_the_file_has_a_text_id_is_read_as_the_id() -> None:
    """A spreadsheet cell `4` reads as the number 4: it still names item 4."""
    assert broken(SESSION, _with("4", activity=4)) == []


def test_timestamps_where_dates_and_times_are_expected_are_accepted() -> None:
    """pandas hands dates as timestamps and times as datetimes."""
    timetable = Timetable(
        tuple(
            replace(
                r,
                date=dt.datetime.combine(r.date, dt.time()),
                start=dt.datetime.combine(r.date, r.start),  # type: ignore[arg-type]
            )
            for r in BASE
        )
    )
    assert broken(SESSION, timetable) == []


def test_a_missing_time_is_a_full_duration_finding() -> None:
    report = validate(SESSION, _with("3", start=None))
    assert report.broken_rules() == ["full-duration"]
    assert report.findings[0].text("en") == (
        "item 3 in plenary Mon 4 Mar PM has no valid start or end"
    )


def test_a_date_that_is_not_a_date_is_a_within_periods_finding() -> None:
    report = validate(SESSION, _with("3", date="next Monday"))
    assert report.broken_rules() == ["within-periods"]
    assert report.findings[0].text("en") == "plenary ? PM has no valid date"


def test_wrong_part_numbers_and_minutes_are_full_duration_findings() -> None:
    assert broken(SESSION, _with("3", part=0)) == ["full-duration"]
    assert broken(SESSION, _with("3", parts=None)) == ["full-duration"]
    assert broken(SESSION, _with("3", minutes="30")) == ["full-duration"]


def test_an_unknown_body_and_room_are_named() -> None:
    timetable = tiny_timetable(row("3", "Mon PM", "17:00-17:30", body="ghost", room="attic"))
    assert broken(SESSION, timetable) == ["body-rooms", "full-duration"]


# --- properties ------------------------------------------------------------------------------


@settings(max_examples=40, deadline=None, derandomize=True, database=None)
@given(st.integers(min_value=-30, max_value=180))
def test_the_last_item_fits_its_afternoon_exactly_when_it_ends_by_18(offset: int) -> None:
    """Item 4 (60 minutes) alone on Tuesday afternoon: valid iff it stays within 15:00-18:00."""
    start = dt.datetime(2030, 3, 5, 15, 0) + dt.timedelta(minutes=offset)
    end = start + dt.timedelta(minutes=60)
    moved = tiny_timetable(row("4", "Tue PM", f"{start:%H:%M}-{end:%H:%M}"))
    expected = [] if 0 <= offset <= 120 else ["within-periods"]
    assert broken(SESSION, moved) == expected


_TIMES = st.one_of(
    st.times().map(lambda t: t.replace(second=0, microsecond=0)), st.none(), st.just("10:00")
)
_ROWS = st.builds(
    Assignment,
    date=st.one_of(
        st.sampled_from([dt.date(2030, 3, 4), dt.date(2030, 3, 5), dt.date(2030, 3, 9)]),
        st.none(),
        st.just("2030-03-04"),
    ),
    start=_TIMES,
    end=_TIMES,
    body=st.sampled_from(["plenary", "wg", "ghost", "", None, 7]),
    activity=st.sampled_from(["1", "2", "3", "4", "wg-1", "99", 4, 4.0, None]),
    room=st.sampled_from(["hall", "small", "attic", None]),
    period=st.sampled_from(["AM", "PM", "EV", "", None]),
    minutes=st.one_of(st.integers(-60, 400), st.none(), st.just("30")),
    part=st.one_of(st.integers(-1, 3), st.none()),
    parts=st.one_of(st.integers(-1, 3), st.none()),
)


@settings(max_examples=150, deadline=None, derandomize=True, database=None)
@given(st.lists(_ROWS, max_size=10))
def test_any_hand_edited_timetable_is_checked_without_crashing(rows: list[Assignment]) -> None:
    report = validate(SESSION, Timetable(tuple(rows)))
    assert set(report.broken_rules()) <= set(HARD_RULE_NAMES)
    assert not [f for f in report.findings if f.text("en").startswith(NOT_CHECKED)]
    assert report.objective == sum(report.costs.values())
    assert report.ok == (not report.findings)
