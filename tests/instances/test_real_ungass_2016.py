"""The 2016 special session of the General Assembly on the world drug problem (UNGASS 2016).

A plenary general debate with five round tables held in parallel with it, the last of them on
hours of its own (14:00-17:00) across the plenary's lunch break and afternoon: the instance
exists to keep per-day periods for some bodies, a required parallel and activities that are
not agenda items working on a real session.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session
from scheduler.pipeline import Run, Settings, plan
from scheduler.published import published_timetable
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from tests.conftest import ROOT

PATH = ROOT / "instances" / "real" / "ungass-2016.yaml"
QUICK = Settings(workers=1, seed=0, time_limit=30.0, explaining=None)
ROUND_TABLES = ["rt1", "rt2", "rt3", "rt4", "rt5"]
THURSDAY = dt.date(2016, 4, 21)


@pytest.fixture(scope="module")
def ungass() -> Session:
    return load_session(PATH)


@pytest.fixture(scope="module")
def solved(ungass) -> Run:
    return plan(ungass, settings=QUICK)


def _window(session: Session, part: Assignment) -> tuple[dt.datetime, dt.datetime]:
    """The clock time of the period a meeting occupies."""
    period = next(p for p in session.session.periods_on(part.date) if p.id == part.period)
    return (
        dt.datetime.combine(part.date, period.start),
        dt.datetime.combine(part.date, period.end),
    )


def _meets_while_plenary(session: Session, timetable: Timetable, part: Assignment) -> bool:
    start, end = _window(session, part)
    plenary = [a for a in timetable if a.body == "plenary" and a.date == part.date]
    return any(s < end and start < e for s, e in (_window(session, a) for a in plenary))


def test_the_file_loads_with_the_round_tables_own_hours_on_the_last_day(ungass):
    assert ungass.session.days == [dt.date(2016, 4, d) for d in (19, 20, 21)]
    assert [p.id for p in ungass.session.periods_on(dt.date(2016, 4, 19))] == ["AM", "PM"]
    last = {p.id: p for p in ungass.session.periods_on(THURSDAY)}
    assert list(last) == ["AM", "RT", "PM"]
    assert list(last["RT"].bodies or ()) == ["round-tables"]
    assert (last["RT"].start, last["RT"].end) == (dt.time(14), dt.time(17))
    assert last["RT"].start < last["PM"].start < last["RT"].end  # overlapping on the clock
    assert not last["RT"].allows(["plenary"])


def test_the_round_tables_must_run_in_parallel_with_the_plenary(ungass):
    for rt in ROUND_TABLES:
        activity = ungass.activity(rt)
        assert activity.body == "round-tables"
        assert activity.in_parallel_with == ("plenary",)
        assert len(activity.dates) == 1


def test_the_outcome_and_the_opening_statements_are_not_agenda_items(ungass):
    assert not ungass.activity("outcome").agenda_item
    assert not ungass.activity("opening-statements").agenda_item
    assert ungass.activity("7").agenda_item


def test_the_published_grid_is_partial_and_holds(ungass):
    listed = {row.activity for row in ungass.published or []}
    assert {a.id for a in ungass.activities} - listed == {"3b"}
    rt5 = next(row for row in ungass.published or [] if row.activity == "rt5")
    assert (rt5.period, rt5.start, rt5.end) == ("RT", dt.time(14), dt.time(17))
    result = CliRunner().invoke(app, ["check", str(PATH), "--published", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "3b" in result.output


def test_it_solves_to_a_timetable_the_validator_accepts(solved):
    assert solved.status is SolveStatus.OPTIMAL
    assert solved.validation is not None and solved.validation.ok, solved.validation


def test_every_round_table_meets_while_the_plenary_meets(ungass, solved):
    assert solved.timetable is not None
    for rt in ROUND_TABLES:
        (part,) = solved.timetable.parts_of(rt)
        assert part.room == "conference-room-4"
        assert _meets_while_plenary(ungass, solved.timetable, part), part


def test_the_plenary_never_uses_the_round_tables_hours(solved):
    assert solved.timetable is not None
    assert all(a.period != "RT" for a in solved.timetable if a.body == "plenary")


def test_the_grid_pinned_is_completed_with_the_credentials_report_last(ungass):
    pinned = Timetable.of(
        dataclasses.replace(part, pinned=True) for part in published_timetable(ungass)
    )
    run = plan(ungass, previous=pinned, settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    (report,) = run.timetable.parts_of("3b")
    assert (report.date, report.period) == (THURSDAY, "PM")
    (rt5,) = run.timetable.parts_of("rt5")
    assert (rt5.period, rt5.start) == ("RT", dt.time(14))
