"""Times inside a free-order meeting: made only when a rule asks for them.

A body in free order (the `starts` layout) gets start variables, intervals and a no-overlap
for a meeting only when some rule reads a time there (`Variables.time_meeting`); otherwise the
meeting's parts fit when their minutes fit the period, and the timetable lays them back to back
in an order that keeps the orders inside the meeting (`after_end_of` in one slot). Each case is
solved and its timetable checked by the independent validator (`solve_data`).
"""

from __future__ import annotations

from typing import Any

from models import SessionModel
from models.variables import Order, meeting_order
from scheduler.result import SolveStatus
from scheduler.session import Activity
from tests.conftest import make_session
from tests.models.support import parts, solve_data


def _one_meeting(*items: dict[str, Any]) -> dict[str, Any]:
    """One morning of 3 hours, one free-order body: its items have one meeting to share."""
    return {
        "session": {
            "body": {"en": "Meeting times"},
            "number": 1,
            "venue": "Vienna",
            "days": ["2030-03-04"],
            "periods": [{"id": "AM", "start": "10:00", "end": "13:00"}],
        },
        "interpretation": {"budget": 2, "teams": 1},
        "rooms": [{"id": "hall", "interpretation": True}],
        "bodies": [
            {
                "id": "wg",
                "name": {"en": "Group"},
                "rooms": ["hall"],
                "interpreted": True,
                "order": "free",
            },
        ],
        "items": [{"body": "wg", "run_on": False, **entry} for entry in items],
    }


def _intervals(model: SessionModel) -> int:
    return sum(1 for c in model.model.proto.constraints if c.has_interval())


def _starts(result: Any, *ids: str) -> list[str]:
    return [f"{parts(result, i)[0].start:%H:%M}" for i in ids]


def test_a_meeting_no_rule_times_has_no_start_variables() -> None:
    # in the file the chain runs backwards: 3 after 2 after 1, listed 3, 2, 1
    data = _one_meeting(
        {"id": "3", "title": {"en": "Three"}, "minutes": 30, "after_end_of": ["2"]},
        {"id": "2", "title": {"en": "Two"}, "minutes": 60, "after_end_of": ["1"]},
        {"id": "1", "title": {"en": "One"}, "minutes": 90},
    )
    model = SessionModel(make_session(data))
    assert _intervals(model) == 0
    assert not any(v.name.startswith("start[") for v in model.model.proto.variables)
    result = solve_data(data)[1]
    assert result.status is SolveStatus.OPTIMAL
    assert _starts(result, "1", "2", "3") == ["10:00", "11:30", "12:30"]  # back to back


def test_parts_that_do_not_fit_the_period_are_refused() -> None:
    data = _one_meeting(
        {"id": "1", "title": {"en": "One"}, "minutes": 120},
        {"id": "2", "title": {"en": "Two"}, "minutes": 90},
    )
    assert solve_data(data)[1].status is SolveStatus.INFEASIBLE


def test_a_cycle_of_orders_times_the_meeting_and_is_refused() -> None:
    data = _one_meeting(
        {"id": "1", "title": {"en": "One"}, "minutes": 30, "after_end_of": ["2"]},
        {"id": "2", "title": {"en": "Two"}, "minutes": 30, "after_end_of": ["1"]},
    )
    model = SessionModel(make_session(data))
    assert model.variables.untimed == {}  # no order of the two keeps both: timed
    assert _intervals(model) == 2
    assert solve_data(data)[1].status is SolveStatus.INFEASIBLE


def test_a_rule_that_reads_a_time_times_the_meeting() -> None:
    data = _one_meeting(
        {"id": "1", "title": {"en": "One"}, "minutes": 60},
        {"id": "2", "title": {"en": "Two"}, "minutes": 60, "fixed_start": "2030-03-04T10:30"},
    )
    model = SessionModel(make_session(data))
    assert _intervals(model) == 2
    result = solve_data(data)[1]
    assert result.status is SolveStatus.OPTIMAL
    assert _starts(result, "2") == ["10:30"]
    assert _starts(result, "1") == ["11:30"]  # 10:00-11:00 would overlap it


def test_a_time_inside_the_meeting_still_refuses_what_cannot_fit() -> None:
    data = _one_meeting(
        {"id": "1", "title": {"en": "One"}, "minutes": 60},
        {"id": "2", "title": {"en": "Two"}, "minutes": 60, "fixed_start": "2030-03-04T10:30"},
        {"id": "3", "title": {"en": "Three"}, "minutes": 60, "after_end_of": ["2"]},
    )  # 3 after 2: 11:30-12:30, and 1 has no hour left that overlaps neither
    assert solve_data(data)[1].status is SolveStatus.INFEASIBLE


def _activities(*ids: str) -> list[Activity]:
    session = make_session(
        _one_meeting(*({"id": i, "title": {"en": i}, "minutes": 15} for i in ids))
    )
    return list(session.activities)


def test_meeting_order_keeps_the_orders_and_else_the_file_order() -> None:
    a = _activities("x", "y", "z")
    assert meeting_order(a, []) == ["x", "y", "z"]
    assert meeting_order(a, [Order("z", "x", [])]) == ["y", "z", "x"]
    assert meeting_order(a, [Order("z", "x", []), Order("x", "z", [])]) is None


def _two_periods(*items: dict[str, Any]) -> dict[str, Any]:
    data = _one_meeting(*items)
    data["session"]["periods"].append({"id": "PM", "start": "15:00", "end": "18:00"})
    return data


def test_spans_are_made_only_for_the_activities_a_rule_asks_them_for() -> None:
    data = _two_periods(
        {"id": "1", "title": {"en": "One"}, "minutes": 30},
        {"id": "2", "title": {"en": "Two"}, "minutes": 30, "after_end_of": ["1"]},
    )
    names = {v.name for v in SessionModel(make_session(data)).model.proto.variables}
    assert any(n.startswith("pending[1,") for n in names)  # 2 waits for the end of 1
    assert not any(n.startswith(("started[", "pending[2,")) for n in names)
    assert solve_data(data)[1].status is SolveStatus.OPTIMAL


def test_a_span_made_on_first_use_still_refuses_the_wrong_order() -> None:
    data = _two_periods(
        {"id": "1", "title": {"en": "One"}, "minutes": 30, "earliest_start": "2030-03-04T15:00"},
        {
            "id": "2",
            "title": {"en": "Two"},
            "minutes": 30,
            "after_end_of": ["1"],
            "latest_end": "2030-03-04T13:00",
        },
    )
    assert solve_data(data)[1].status is SolveStatus.INFEASIBLE


def test_a_window_travels_along_the_order_and_prunes_the_slots() -> None:
    data = _two_periods(
        {"id": "1", "title": {"en": "One"}, "minutes": 30, "earliest_start": "2030-03-04T15:00"},
        {"id": "2", "title": {"en": "Two"}, "minutes": 30, "after_end_of": ["1"]},
    )
    model = SessionModel(make_session(data))
    assert [s.period.id for s in model.variables.slots["2"]] == ["PM"]  # not before 1 can end
    assert solve_data(data)[1].status is SolveStatus.OPTIMAL


def test_a_guarded_order_prunes_nothing() -> None:
    data = _two_periods(
        {"id": "1", "title": {"en": "One"}, "minutes": 30, "earliest_start": "2030-03-04T15:00"},
        {"id": "2", "title": {"en": "Two"}, "minutes": 30, "after_end_of": ["1"]},
    )
    model = SessionModel(make_session(data), guarded=True)  # an explanation may lift it
    assert [s.period.id for s in model.variables.slots["2"]] == ["AM", "PM"]
