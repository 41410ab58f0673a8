"""The Ad Hoc Committee on cybercrime, second session (Vienna, 2022): a hybrid committee whose
meetings change length during the session.

It met in two 2-hour meetings a day (10-12, 15-17) until 7 June, then in two 3-hour meetings
(10-13, 15-18): the instance keeps per-day periods, a hybrid body on remote interpretation and a
partial published grid loading, checking and solving.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import yaml
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session
from scheduler.pipeline import Run, Settings, plan
from scheduler.published import published_timetable
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from tests.conftest import ROOT, make_session

PATH = ROOT / "instances" / "real" / "ahc-cybercrime-2-2022.yaml"
QUICK = Settings(workers=1, seed=0, time_limit=30.0, explaining=None)
TWO_HOURS = [(dt.time(10), dt.time(12)), (dt.time(15), dt.time(17))]
THREE_HOURS = [(dt.time(10), dt.time(13)), (dt.time(15), dt.time(18))]
SHORT_DAYS = {dt.date(2022, 5, 30) + dt.timedelta(days=n) for n in (0, 1, 2, 3, 4, 7, 8)}
LONG_DAYS = {dt.date(2022, 6, 8), dt.date(2022, 6, 9), dt.date(2022, 6, 10)}
SUBSTANTIVE = ("3", "4", "5")


@pytest.fixture(scope="module")
def ahc() -> Session:
    return load_session(PATH)


@pytest.fixture(scope="module")
def solved(ahc) -> Run:
    return plan(ahc, settings=QUICK)


def test_the_file_loads_with_ten_working_days(ahc):
    assert ahc.session.number == 2 and ahc.session.symbol == "A/AC.291"
    assert set(ahc.session.days) == SHORT_DAYS | LONG_DAYS
    assert [b.id for b in ahc.bodies] == ["plenary"]


def test_two_hour_meetings_then_three_hour_meetings(ahc):
    for day in SHORT_DAYS:
        assert [(p.start, p.end) for p in ahc.session.periods_on(day)] == TWO_HOURS
    for day in LONG_DAYS:
        assert [(p.start, p.end) for p in ahc.session.periods_on(day)] == THREE_HOURS


def test_the_committee_is_hybrid_on_one_remote_interpretation_channel(ahc):
    committee = ahc.body("plenary")
    assert committee.mode == "hybrid" and committee.interpreted
    assert committee.online_statement_minutes == 30
    assert ahc.interpretation.remote_teams == 1


def test_multi_stakeholders_speak_after_member_states_on_each_substantive_item(ahc):
    for item in SUBSTANTIVE:
        statements = ahc.activity(f"{item}-stakeholders")
        assert statements.after_end_of == (item,) and not statements.agenda_item


def test_the_published_grid_is_partial_and_holds(ahc):
    listed = {row.activity for row in ahc.published or []}
    assert listed == {"1", "2", "3", "7", "8"}
    result = CliRunner().invoke(app, ["check", str(PATH), "--published", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "3-stakeholders" in result.output  # named among the activities it leaves out


def test_it_solves_to_a_timetable_the_validator_accepts(solved):
    assert solved.status is SolveStatus.OPTIMAL
    assert solved.timetable is not None
    assert solved.validation is not None and solved.validation.ok, solved.validation


def test_each_meeting_keeps_to_its_day_s_own_hours(solved):
    assert solved.timetable is not None
    for meeting_parts in _by_meeting(solved).values():
        day = meeting_parts[0].date
        hours = TWO_HOURS if day in SHORT_DAYS else THREE_HOURS
        for p in meeting_parts:
            assert any(start <= p.start and p.end <= end for start, end in hours), p
        assert sum(p.minutes for p in meeting_parts) <= (120 if day in SHORT_DAYS else 180)
    assert any(
        sum(p.minutes for p in parts) > 120 and parts[0].date in LONG_DAYS
        for parts in _by_meeting(solved).values()
    )


def test_the_statements_of_multi_stakeholders_follow_their_item(solved):
    assert solved.timetable is not None
    for item in SUBSTANTIVE:
        last = max(p.end_at for p in solved.timetable.parts_of(item))
        first = min(p.start_at for p in solved.timetable.parts_of(f"{item}-stakeholders"))
        assert first >= last


def _by_meeting(solved: Run) -> dict[tuple[str, dt.date, str], list[Assignment]]:
    assert solved.timetable is not None
    meetings: dict[tuple[str, dt.date, str], list[Assignment]] = {}
    for part in solved.timetable:
        meetings.setdefault(part.meeting_key, []).append(part)
    return meetings


def test_the_grid_pinned_is_completed_with_the_items_it_leaves_out(ahc):
    pinned = Timetable.of(
        dataclasses.replace(part, pinned=True) for part in published_timetable(ahc)
    )
    run = plan(ahc, previous=pinned, settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    kept = {(a.activity, a.date, a.period) for a in pinned}
    assert kept <= {(a.activity, a.date, a.period) for a in run.timetable}
    assert {a.activity for a in run.timetable} >= {"4", "5", "6"}


def test_a_second_hybrid_meeting_at_the_same_time_exceeds_the_remote_channel():
    """One remote interpretation channel: a hybrid, interpreted informal meeting beside the
    Committee's opening morning is refused by the remote-capacity rule."""
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    data["bodies"].append(
        {
            "id": "informals",
            "name": {"en": "Informal consultations"},
            "rooms": ["m3"],
            "interpreted": True,
            "mode": "hybrid",
        }
    )
    data["meetings"] = [
        {"id": "consultation", "body": "informals", "title": "Consultation", "meetings": 1}
    ]
    data["published"].append(
        {"activity": "consultation", "date": "2022-05-30", "period": "AM", "room": "m3"}
    )
    data["interpretation"]["teams"] = 2
    crowded = make_session(data)
    # The grid is partial: its items are not given their whole duration (full-duration).
    report = validate(crowded, published_timetable(crowded))
    assert set(report.broken_rules()) - {"full-duration"} == {"remote-capacity"}
    data["interpretation"]["remote_teams"] = 2
    roomier = make_session(data)
    report = validate(roomier, published_timetable(roomier))
    assert set(report.broken_rules()) - {"full-duration"} == set()
