"""The thirtieth session of the Commission on Crime Prevention and Criminal Justice (2021).

A commission with a Committee of the Whole, hybrid: the plenary and the Committee take turns
in one hall in two-hour meetings, the Committee's first meeting is on Monday evening and it
meets on at most four days; the Friday before has hours of its own for the pre-session
consultations and a test of the remote interpretation platform. The instance exists to keep
per-day periods, periods for some bodies, a cap on a body's days, hybrid bodies and a
sequence working on a real session.
"""

from __future__ import annotations

import dataclasses
import datetime as dt

import pytest
import yaml
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session, session_from_data
from scheduler.pipeline import Run, Settings, plan
from scheduler.published import published_timetable
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.timetable import Timetable
from tests.conftest import ROOT

PATH = ROOT / "instances" / "real" / "ccpcj-30-2021.yaml"
QUICK = Settings(workers=1, seed=0, time_limit=30.0, explaining=None)
FRIDAY_BEFORE = dt.date(2021, 5, 14)
MONDAY = dt.date(2021, 5, 17)


@pytest.fixture(scope="module")
def ccpcj() -> Session:
    return load_session(PATH)


@pytest.fixture(scope="module")
def solved(ccpcj) -> Run:
    return plan(ccpcj, settings=QUICK)


def _periods(session: Session, date: dt.date) -> dict[str, tuple[dt.time, dt.time, list[str]]]:
    return {p.id: (p.start, p.end, list(p.bodies or ())) for p in session.session.periods_on(date)}


def test_the_file_loads_with_the_days_own_hours(ccpcj):
    assert ccpcj.session.pre_session_days == [FRIDAY_BEFORE]
    assert _periods(ccpcj, FRIDAY_BEFORE) == {
        "T1": (dt.time(10), dt.time(11, 30), ["platform-test"]),
        "C": (dt.time(12), dt.time(14), ["informals"]),
        "T2": (dt.time(14), dt.time(15), ["platform-test"]),
    }
    monday = _periods(ccpcj, MONDAY)
    assert list(monday) == ["P1", "P2", "P3", "EV"]
    assert monday["EV"] == (dt.time(18), dt.time(20), ["cow"])
    assert list(_periods(ccpcj, dt.date(2021, 5, 18))) == ["P1", "P2", "P3"]


def test_the_committee_of_the_whole_is_capped_hybrid_and_shares_the_hall(ccpcj):
    cow, plenary = ccpcj.body("cow"), ccpcj.body("plenary")
    assert cow.kind == "committee" and cow.max_days == 4
    assert cow.mode == plenary.mode == "hybrid"
    assert cow.rooms == plenary.rooms == ["plenary-hall"]
    assert ccpcj.interpretation.teams == 1 and ccpcj.interpretation.remote_teams == 1


def test_draft_resolutions_come_after_the_workshop(ccpcj):
    workshop = ccpcj.activity("pni-workshop")
    assert workshop.fixed_start == dt.datetime(2021, 5, 17, 18)
    assert ccpcj.activity("draft-resolutions").after_end_of == ("pni-workshop",)
    assert not ccpcj.activity("ceremonial-opening").agenda_item
    assert ccpcj.activity("4").dates == (dt.date(2021, 5, 18),)


def test_the_published_grid_is_partial_and_holds(ccpcj):
    listed = {row.activity for row in ccpcj.published or []}
    assert listed == {
        "platform-test",
        "pre-session-consultations",
        "ceremonial-opening",
        "pni-workshop",
    }
    result = CliRunner().invoke(app, ["check", str(PATH), "--published", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "not in it" in result.output


def test_it_solves_to_a_timetable_the_validator_accepts(solved):
    assert solved.status is SolveStatus.OPTIMAL
    assert solved.validation is not None and solved.validation.ok, solved.validation


def test_the_solved_timetable_keeps_the_rules_the_session_needed(solved):
    timetable = solved.timetable
    assert timetable is not None
    cow = [a for a in timetable if a.body == "cow"]
    assert len({a.date for a in cow}) <= 4
    plenary = {(a.date, a.period) for a in timetable if a.body == "plenary"}
    assert plenary.isdisjoint((a.date, a.period) for a in cow)  # one hall, in turn
    (workshop,) = timetable.parts_of("pni-workshop")
    assert (workshop.date, workshop.period) == (MONDAY, "EV")
    assert all(
        (a.date, a.start) > (workshop.date, workshop.start)
        for a in timetable.parts_of("draft-resolutions")
    )
    assert {a.date for a in timetable if a.body in {"informals", "platform-test"}} == {
        FRIDAY_BEFORE
    }


def test_the_cap_on_days_is_a_rule_of_the_solve():
    """Monday evening and four more meetings cannot fit in two days of three meetings."""
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    next(b for b in data["bodies"] if b["id"] == "cow")["max_days"] = 2
    run = plan(session_from_data(data, file="<two days>"), settings=QUICK)
    assert run.status is SolveStatus.INFEASIBLE


def test_the_grid_pinned_is_completed(ccpcj):
    pinned = Timetable.of(
        dataclasses.replace(part, pinned=True) for part in published_timetable(ccpcj)
    )
    run = plan(ccpcj, previous=pinned, settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    assert {a.activity for a in run.timetable} == {a.id for a in ccpcj.activities}
