"""Dates, times and ranges in French and English, and what must not be read as one."""

from __future__ import annotations

import datetime as dt

import pytest

from scheduler.agenda_import.dates import (
    find_dates,
    find_span,
    find_time_range,
    find_times,
    working_day_before,
    working_days,
)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("le lundi 15 octobre 2018 à 10 heures", dt.date(2018, 10, 15)),
        ("le lundi 1er octobre 2018", dt.date(2018, 10, 1)),
        ("on Monday, 15 October 2018", dt.date(2018, 10, 15)),
        ("on October 15, 2018", dt.date(2018, 10, 15)),
        ("du lundi 3 septembre", dt.date(2018, 9, 3)),  # the year from context
    ],
)
def test_dates(text: str, expected: dt.date) -> None:
    assert find_dates(text, 2018)[0].date == expected


def test_weekday_alone_has_no_date() -> None:
    (mention,) = find_dates("au plus tard le jeudi à midi", 2018)
    assert mention.date is None and mention.weekday == 3


@pytest.mark.parametrize("text", ["paragraph 15 may apply", "resolution 55/25", "24 heures"])
def test_no_date(text: str) -> None:
    assert find_dates(text, 2018) == []


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("à midi", dt.time(12)),
        ("à 10 heures", dt.time(10)),
        ("à 15 h 30", dt.time(15, 30)),
        ("at 3 p.m.", dt.time(15)),
        ("by 12 noon", dt.time(12)),
        ("at 10:00", dt.time(10)),
    ],
)
def test_times(text: str, expected: dt.time) -> None:
    assert find_times(text)[0].time == expected


def test_an_hour_count_is_no_time() -> None:
    assert find_times("24 heures au moins avant") == []


@pytest.mark.parametrize(
    ("text", "start", "end"),
    [
        ("10 heures-13 heures", dt.time(10), dt.time(13)),
        ("9 h 30-12 h 30", dt.time(9, 30), dt.time(12, 30)),
        ("10 a.m.–1 p.m.", dt.time(10), dt.time(13)),
        ("3-6 p.m.", dt.time(15), dt.time(18)),
        ("10:00-13:00", dt.time(10), dt.time(13)),
    ],
)
def test_time_ranges(text: str, start: dt.time, end: dt.time) -> None:
    found = find_time_range(text)
    assert found is not None and found[2:] == (start, end)


def test_a_span_of_days_is_no_time_range() -> None:
    assert find_time_range("15-19 octobre") is None


@pytest.mark.parametrize(
    ("text", "first", "last"),
    [
        ("Vienne, 15-19 octobre 2018", dt.date(2018, 10, 15), dt.date(2018, 10, 19)),
        ("Geneva, 4–7 March 2030", dt.date(2030, 3, 4), dt.date(2030, 3, 7)),
        ("du 30 septembre au 4 octobre 2019", dt.date(2019, 9, 30), dt.date(2019, 10, 4)),
    ],
)
def test_spans(text: str, first: dt.date, last: dt.date) -> None:
    assert find_span(text) == (first, last)


def test_working_days_skip_the_weekend() -> None:
    assert working_days(dt.date(2018, 10, 18), 3) == [
        dt.date(2018, 10, 18), dt.date(2018, 10, 19), dt.date(2018, 10, 22)
    ]  # fmt: skip
    assert working_day_before(dt.date(2018, 10, 15)) == dt.date(2018, 10, 12)
