"""The sixth UNTOC Conference of the Parties (Vienna, 2012): a treaty COP with a joint meeting.

Its two working groups met in parallel with the plenary and then together, once, on Thursday
morning: the instance exists to keep a real joint meeting loading, checking against the
printed programme (a partial grid) and solving.
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
from scheduler.session import JointMeeting, Session
from scheduler.timetable import Timetable
from tests.conftest import ROOT

PATH = ROOT / "instances" / "real" / "untoc-cop6-2012.yaml"
QUICK = Settings(workers=1, seed=0, time_limit=30.0, explaining=None)
JOINT = "joint-cultural-property"
THURSDAY = dt.date(2012, 10, 18)


@pytest.fixture(scope="module")
def cop6() -> Session:
    return load_session(PATH)


@pytest.fixture(scope="module")
def solved(cop6) -> Run:
    return plan(cop6, settings=QUICK)


def test_the_file_loads_with_its_bodies_and_agenda(cop6):
    assert cop6.session.number == 6
    assert cop6.session.days[0] == dt.date(2012, 10, 15)
    assert len(cop6.session.days) == 5
    assert {b.id for b in cop6.bodies} == {"plenary", "wg-ic", "wg-ta"}
    assert [a.id for a in cop6.body_activities("plenary")][:6] == [
        "1a",
        "1b",
        "1c",
        "1d",
        "1e",
        "1f",
    ]


def test_the_joint_meeting_belongs_to_both_working_groups(cop6):
    joint = cop6.activity(JOINT)
    assert set(joint.bodies) == {"wg-ta", "wg-ic"}
    host = cop6.body(joint.body)
    assert isinstance(host, JointMeeting)
    assert set(host.member_ids) == {"wg-ta", "wg-ic"}
    assert host.rooms == ["room-b"] and host.interpreted
    assert JOINT in [a.id for a in cop6.agenda_of("wg-ic")]
    assert JOINT in [a.id for a in cop6.agenda_of("wg-ta")]
    assert joint.dates == (THURSDAY,)


def test_the_published_programme_is_partial_and_holds(cop6):
    listed = {row.activity for row in cop6.published or []}
    assert {a.id for a in cop6.activities} - listed == {"8", "9"}
    assert any(row.activity == JOINT and row.date == THURSDAY for row in cop6.published or [])
    result = CliRunner().invoke(app, ["check", str(PATH), "--published", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "items 8 and 9" in result.output


def test_it_solves_to_a_timetable_the_validator_accepts(solved):
    assert solved.status is SolveStatus.OPTIMAL
    assert solved.timetable is not None
    assert solved.validation is not None and solved.validation.ok, solved.validation


def test_the_joint_meeting_keeps_both_groups_busy_in_one_room(cop6, solved):
    assert solved.timetable is not None
    parts = solved.timetable.parts_of(JOINT)
    assert len(parts) == 1 and parts[0].date == THURSDAY and parts[0].room == "room-b"
    for other in ("wg-ic-meetings", "wg-ta-meetings"):
        for part in solved.timetable.parts_of(other):
            assert (part.date, part.period) != (parts[0].date, parts[0].period)


def test_the_joint_meeting_takes_its_place_in_both_agendas():
    """Undated, it still comes after each group's own meetings: it is in both groups' order."""
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    joint = next(m for m in data["meetings"] if m["id"] == JOINT)
    del joint["date"]
    data["published"] = None
    run = plan(session_from_data(data, file="<undated joint meeting>"), settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    (part,) = run.timetable.parts_of(JOINT)
    for other in ("wg-ic-meetings", "wg-ta-meetings"):
        for before in run.timetable.parts_of(other):
            assert (before.date, before.start) < (part.date, part.start)


def test_the_programme_pinned_is_completed_with_the_items_it_leaves_out(cop6):
    pinned = Timetable.of(
        dataclasses.replace(part, pinned=True) for part in published_timetable(cop6)
    )
    run = plan(cop6, previous=pinned, settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    assert run.conflicts == ()
    kept = {(a.activity, a.date, a.period) for a in pinned}
    assert kept <= {(a.activity, a.date, a.period) for a in run.timetable}
    assert {a.activity for a in run.timetable} >= {"8", "9"}
