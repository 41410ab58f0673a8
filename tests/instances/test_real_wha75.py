"""The Seventy-fifth World Health Assembly (Geneva, 2022): a health assembly with committees.

It works 09:00-12:00 and 14:30-17:30 but opened on Sunday at 14:00; the General Committee met
"upon completion of item 1.3", Committees A and B "immediately after conclusion of item 9 in
Plenary" on Friday; a technical briefing took the lunch hour and the committees met in the
evening. The instance keeps per-day periods, periods for some bodies, sequencing across bodies
and a partial published grid (from the Journals) loading, checking and solving.
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
from scheduler.timetable import Timetable
from tests.conftest import ROOT

PATH = ROOT / "instances" / "real" / "wha75-2022.yaml"
QUICK = Settings(workers=1, seed=0, time_limit=30.0, explaining=None)
SUNDAY, THURSDAY, FRIDAY = dt.date(2022, 5, 22), dt.date(2022, 5, 26), dt.date(2022, 5, 27)
AFTER_ITEM_9 = ("committee-a-10", "committee-b-5")


@pytest.fixture(scope="module")
def wha() -> Session:
    return load_session(PATH)


@pytest.fixture(scope="module")
def solved(wha) -> Run:
    return plan(wha, settings=QUICK)


def test_the_file_loads_from_sunday_to_saturday(wha):
    assert wha.session.number == 75
    assert wha.session.days[0] == SUNDAY and SUNDAY.weekday() == 6
    assert len(wha.session.days) == 7
    assert {b.id for b in wha.bodies} == {
        "plenary",
        "committee-a",
        "committee-b",
        "general-committee",
        "briefings",
        "informals",
    }


def test_the_working_hours_and_the_sunday_opening_at_14_00(wha):
    daily = {p.id: (p.start, p.end) for p in wha.session.periods if p.bodies is None}
    assert daily == {"AM": (dt.time(9), dt.time(12)), "PM": (dt.time(14, 30), dt.time(17, 30))}
    assert [(p.id, p.start) for p in wha.session.periods_on(SUNDAY)] == [("PM", dt.time(14))]
    assert "EV" in {p.id for p in wha.session.periods_on(FRIDAY)}
    assert "EV" not in {p.id for p in wha.session.periods_on(dt.date(2022, 5, 24))}


def test_lunch_and_the_hour_of_18_00_belong_to_some_bodies_only(wha):
    lunch = next(p for p in wha.session.periods_on(FRIDAY) if p.id == "LUNCH")
    consultation = next(p for p in wha.session.periods_on(FRIDAY) if p.id == "EV-INF")
    assert tuple(lunch.bodies or ()) == ("briefings",)
    assert tuple(consultation.bodies or ()) == ("informals",)


def test_the_sequences_across_bodies_are_in_the_file(wha):
    assert wha.activity("general-committee-1").after_end_of == ("1.3",)
    assert wha.activity("general-committee-1").body == "general-committee"
    for activity_id in AFTER_ITEM_9:
        assert wha.activity(activity_id).after_end_of == ("9",)
    assert wha.activity("committee-a-1").after_start_of == ("general-discussion",)


def test_the_published_grid_is_partial(wha):
    listed = {row.activity for row in wha.published or []}
    assert {a.id for a in wha.activities} - listed == {
        "general-discussion",
        "closure",
        "committee-a-1",
        "committee-a-2-6",
        "committee-b-1-2",
    }


def test_check_published_passes_on_the_grid(wha):
    result = CliRunner().invoke(app, ["check", str(PATH), "--published", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output


def test_it_solves_to_a_timetable_the_validator_accepts(solved):
    assert solved.status is SolveStatus.OPTIMAL
    assert solved.timetable is not None
    assert solved.validation is not None and solved.validation.ok, solved.validation


def test_the_solved_timetable_keeps_the_sequences(solved):
    timetable = solved.timetable
    assert timetable is not None

    def start(activity: str) -> dt.datetime:
        return min(p.start_at for p in timetable.parts_of(activity))

    def end(activity: str) -> dt.datetime:
        return max(p.end_at for p in timetable.parts_of(activity))

    assert start("high-level-welcome") == dt.datetime(2022, 5, 22, 14)
    assert (
        end("1.3") <= start("general-committee-1") and start("general-committee-1").date() == SUNDAY
    )
    for activity_id in AFTER_ITEM_9:
        assert end("9") <= start(activity_id) and start(activity_id).date() == FRIDAY
    assert start("general-discussion") <= start("committee-a-1")


def test_the_briefing_shares_the_plenary_room_between_two_meetings(solved):
    assert solved.timetable is not None
    (briefing,) = solved.timetable.parts_of("monkeypox-briefing")
    assert (briefing.room, briefing.start, briefing.end) == (
        "room-xix",
        dt.time(12),
        dt.time(12, 50),
    )
    committees_in_the_evening = {
        p.body for p in solved.timetable if p.date in (THURSDAY, FRIDAY) and p.period == "EV"
    }
    assert {"committee-a", "committee-b"} <= committees_in_the_evening


def test_the_grid_pinned_is_completed_with_the_activities_it_leaves_out(wha):
    pinned = Timetable.of(
        dataclasses.replace(part, pinned=True) for part in published_timetable(wha)
    )
    run = plan(wha, previous=pinned, settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    kept = {(a.activity, a.date, a.period) for a in pinned}
    assert kept <= {(a.activity, a.date, a.period) for a in run.timetable}
    assert {a.activity for a in run.timetable} >= {"general-discussion", "closure"}
