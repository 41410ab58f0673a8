"""COP 20 / CMP 10 (Lima, 2014), its last two days: joint COP/CMP meetings and events on their
own clock.

The overview schedule prints the joint high-level segment of the COP and the CMP in the
10:00-13:00 and 15:00-18:00 rows and, beside them, events at 10:00-12:30, 13:00-15:00,
13:15-14:45 and 16:45-18:15 (across 18:00): the instance keeps joint meetings, periods open to
some bodies only and clock overlap loading, checking against that grid and solving.
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
from scheduler.session import JointMeeting, Session
from scheduler.timetable import Timetable
from scheduler.validation import validate
from tests.conftest import ROOT, make_session

PATH = ROOT / "instances" / "real" / "unfccc-cop20-2014.yaml"
QUICK = Settings(workers=1, seed=0, time_limit=30.0, explaining=None)
THURSDAY, FRIDAY = dt.date(2014, 12, 11), dt.date(2014, 12, 12)
JOINT = ("hls-national-statements", "hls-organizations", "cop-closing", "cmp-closing")
EVENTS = {  # activity: (period, start, end) as the overview and the Presidency print them
    "lima-climate-action-hlm": ("HLM", dt.time(10, 0), dt.time(12, 30)),
    "follow-up-special-event": ("SE", dt.time(13, 0), dt.time(15, 0)),
    "mfc-ict": ("MFC1", dt.time(13, 15), dt.time(14, 45)),
    "mfc-finance": ("MFC2", dt.time(16, 45), dt.time(18, 15)),
}


@pytest.fixture(scope="module")
def cop20() -> Session:
    return load_session(PATH)


@pytest.fixture(scope="module")
def solved(cop20) -> Run:
    return plan(cop20, settings=QUICK)


def test_the_file_loads_with_its_bodies_and_days(cop20):
    assert cop20.session.number == 20
    assert cop20.session.days == [THURSDAY, FRIDAY]
    assert {b.id for b in cop20.bodies} == {"cop", "cmp", "presidency", "momentum"}


def test_the_high_level_segment_and_the_closings_are_joint_cop_cmp_meetings(cop20):
    for activity_id in JOINT:
        activity = cop20.activity(activity_id)
        assert set(activity.bodies) == {"cop", "cmp"}
        host = cop20.body(activity.body)
        assert isinstance(host, JointMeeting) and set(host.member_ids) == {"cop", "cmp"}
        assert host.rooms == ["plenary-hall"] and host.interpreted
        assert activity_id in [a.id for a in cop20.agenda_of("cop")]
        assert activity_id in [a.id for a in cop20.agenda_of("cmp")]


def test_thursday_has_event_periods_for_some_bodies_across_lunch_and_18_00(cop20):
    periods = {p.id: p for p in cop20.session.periods_on(THURSDAY)}
    bodies = {p.id: tuple(p.bodies or ()) for p in periods.values()}
    assert periods["MFC2"].start == dt.time(16, 45) and periods["MFC2"].end == dt.time(18, 15)
    assert bodies["MFC1"] == bodies["MFC2"] == ("momentum",)
    assert bodies["HLM"] == bodies["SE"] == ("presidency",)
    assert bodies["AM"] == bodies["PM"] == ("cop", "cmp")
    assert [p.id for p in cop20.session.periods_on(FRIDAY)] == ["AM", "PM"]


def test_the_published_grid_lists_every_activity_with_the_printed_times_and_holds(cop20):
    assert {row.activity for row in cop20.published or []} == {a.id for a in cop20.activities}
    timed = {row.activity: (row.period, row.start, row.end) for row in cop20.published or []}
    assert {a: timed[a] for a in EVENTS} == EVENTS
    result = CliRunner().invoke(app, ["check", str(PATH), "--published", "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output


def test_it_solves_to_a_timetable_the_validator_accepts(solved):
    assert solved.status is SolveStatus.OPTIMAL
    assert solved.timetable is not None
    assert solved.validation is not None and solved.validation.ok, solved.validation


def test_each_event_keeps_its_own_hours_in_one_sitting(solved):
    assert solved.timetable is not None
    for activity_id, (period, start, end) in EVENTS.items():
        parts = solved.timetable.parts_of(activity_id)
        assert [(p.date, p.period, p.start, p.end) for p in parts] == [
            (THURSDAY, period, start, end)
        ]


def test_a_joint_meeting_is_one_meeting_in_one_room(solved):
    assert solved.timetable is not None
    joint = [m for m in solved.timetable.meetings() if m.body == "cop+cmp"]
    assert {(m.date, m.room) for m in joint} == {
        (THURSDAY, "plenary-hall"),
        (FRIDAY, "plenary-hall"),
    }
    assert len(joint) == 3  # Thursday morning and afternoon, Friday morning
    assert not [m for m in solved.timetable.meetings() if m.body in {"cop", "cmp"}]


def test_the_event_across_18_00_overlaps_the_afternoon_by_the_clock():
    """In the plenary hall, 16:45-18:15 clashes with the joint meeting of 15:00-18:00, though
    the two periods are different: the room rule holds on clock overlap."""
    data = yaml.safe_load(PATH.read_text(encoding="utf-8"))
    for body in data["bodies"]:
        if body["id"] == "momentum":
            body["rooms"] = ["plenary-hall", "event-room-b"]
    for row in data["published"]:
        if row["activity"] == "mfc-finance":
            row["room"] = "plenary-hall"
    moved = make_session(data)
    report = validate(moved, published_timetable(moved))
    assert report.broken_rules() == ["room-one-meeting"]
    assert {"mfc-finance", "hls-organizations"} <= {
        a for f in report.findings for a in f.activities
    }


def test_the_grid_pinned_solves_to_itself(cop20):
    pinned = Timetable.of(
        dataclasses.replace(part, pinned=True) for part in published_timetable(cop20)
    )
    run = plan(cop20, previous=pinned, settings=QUICK)
    assert run.timetable is not None and run.validation is not None and run.validation.ok
    assert {(a.activity, a.date, a.period) for a in pinned} == {
        (a.activity, a.date, a.period) for a in run.timetable
    }
