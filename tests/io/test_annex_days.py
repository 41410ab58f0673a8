"""Outputs that list periods use each day's own periods; a named holiday is a row of the annex."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.diff import MoveSize, compare, half_days_of
from scheduler.io.annex import annex_rows
from scheduler.plots.grid import build_grid
from scheduler.published import published_timetable
from scheduler.timetable import Timetable
from tests.conftest import make_session, tiny_data

MON, TUE, WED = dt.date(2030, 3, 4), dt.date(2030, 3, 5), dt.date(2030, 3, 6)


def _two_weeks() -> Any:
    """Tiny with Tuesday in two 2-hour meetings, one of them at 14:00 under the PM id."""
    data = tiny_data()
    data["session"]["day_periods"] = [
        {
            "dates": [TUE],
            "periods": [
                {"id": "AM", "start": "10:00", "end": "12:00"},
                {"id": "PM", "start": "14:00", "end": "16:00"},
            ],
        }
    ]
    data["published"] = [
        {"activity": "1", "date": MON, "period": "AM"},
        {"activity": "2", "date": MON, "period": "AM"},
        {"activity": "2", "date": MON, "period": "PM"},
        {"activity": "3", "date": TUE, "period": "AM"},
        {"activity": "4", "date": TUE, "period": "PM"},
    ]
    return make_session(data)


def test_the_annex_prints_each_days_own_periods() -> None:
    session = _two_weeks()
    rows = annex_rows(session, published_timetable(session), "en")
    assert [r.date or r.time for r in rows] == [
        "Monday, 4 March",
        "10 a.m.–1 p.m.",
        "3–6 p.m.",
        "Tuesday, 5 March",
        "10 a.m.–12 noon",
        "2–4 p.m.",
    ]
    assert rows[-1].plenary == "Item 4. Report"


def test_a_named_holiday_is_a_row_of_the_annex_in_its_language() -> None:
    data = tiny_data()
    data["session"]["days"] = [MON, WED]
    data["session"]["holidays"] = [TUE]
    data["session"]["holiday_names"] = {
        TUE: {"en": "Official United Nations holiday", "fr": "Jour férié officiel de l'ONU"}
    }
    session = make_session(data)
    for lang, name in (("en", "Official United Nations holiday"), ("fr", "Jour férié officiel")):
        rows = annex_rows(session, Timetable(), lang)
        day = next(n for n, r in enumerate(rows) if r.date and "5" in r.date)
        assert rows[day + 1].is_note and rows[day + 1].plenary.startswith(name)
        assert rows[day + 2].is_day  # no period rows on the holiday
    english = annex_rows(session, Timetable(), "en")
    assert sum(r.is_note for r in english) == 1


def test_the_picture_spans_a_period_over_its_times_on_every_day() -> None:
    """PM is 15:00-18:00 on Monday and 14:00-16:00 on Tuesday: its row spans 14:00-18:00, and
    each part falls at its own clock time."""
    session = _two_weeks()
    grid = build_grid(session, published_timetable(session))
    assert [(r.period.id, r.period.start, r.period.end) for r in grid.rows] == [
        ("AM", dt.time(10), dt.time(13)),
        ("PM", dt.time(14), dt.time(18)),
    ]
    pm = grid.row("PM")
    assert pm is not None
    assert grid.y("PM", dt.time(14)) == pm.y
    assert grid.y("PM", dt.time(15)) == pm.y + 60
    assert grid.period_span(MON, "PM") == (pm.y + 60, pm.y + 240)  # a meeting's whole period
    assert grid.period_span(TUE, "PM") == (pm.y, pm.y + 120)


def test_half_days_come_from_each_days_periods() -> None:
    """Tuesday's PM starts at 11:00 (a morning period there): AM -> PM on Tuesday stays in the
    morning, the same move on Monday goes to the afternoon."""
    data = tiny_data()
    data["session"]["day_periods"] = [
        {
            "dates": [TUE],
            "periods": [
                {"id": "AM", "start": "09:00", "end": "11:00"},
                {"id": "PM", "start": "11:00", "end": "13:00"},
            ],
        }
    ]
    session = make_session(data)
    halves = half_days_of(session)
    assert (halves[(MON, "PM")], halves[(TUE, "PM")]) == ("afternoon", "morning")
    base = [
        {"activity": "1", "date": MON, "period": "AM"},
        {"activity": "3", "date": TUE, "period": "AM"},
    ]
    before = published_timetable(make_session({**data, "published": base}))
    moved = [
        {"activity": "1", "date": MON, "period": "PM"},
        {"activity": "3", "date": TUE, "period": "PM"},
    ]
    after = published_timetable(make_session({**data, "published": moved}))
    sizes = {c.activity: c.size for c in compare(before, after, session).changes}
    assert sizes == {"1": MoveSize.OTHER_PERIOD, "3": MoveSize.SAME_HALF_DAY}
