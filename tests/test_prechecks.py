"""Cheap checks before the solver: per check, a session that passes and one that is refused.

A finding proves that no timetable exists, so every finding here is also confirmed by the
solver, and the checks must stay silent on every session that has a timetable.
"""

from __future__ import annotations

import datetime as dt
from pathlib import Path
from typing import Any

import pytest

from models.explain_horizon import horizon
from scheduler.io.session_file import load_session
from scheduler.prechecks import DAYS, EVENINGS, PrecheckFinding, precheck
from scheduler.result import SolveStatus
from scheduler.rules import rule_instances
from tests.conftest import COP9, ROOT, make_session, tiny_data
from tests.explain.dropping import decide

EVENING = {"id": "EV", "start": "18:00", "end": "21:00", "evening": True}


def _found(data: dict[str, Any]) -> list[PrecheckFinding]:
    return precheck(make_session(data))


def _only(data: dict[str, Any], check: str) -> PrecheckFinding:
    """The one finding of `data`, of kind `check`, confirmed infeasible by the solver."""
    session = make_session(data)
    found = precheck(session)
    assert [f.check for f in found] == [check], [f.text() for f in found]
    assert decide(session).status is SolveStatus.INFEASIBLE
    keys = {i.key for i in rule_instances(session)} | {i.key for i in horizon(session).instances}
    assert set(found[0].instances) <= keys  # named by the explainer's keys
    return found[0]


def _meeting(data: dict[str, Any]) -> dict[str, Any]:
    return data["meetings"][0]


# --- every session with a timetable passes -------------------------------------------------


@pytest.mark.parametrize(
    "path",
    [
        COP9,
        ROOT / "tests" / "data" / "tiny.yaml",
        *sorted((ROOT / "instances" / "generated").glob("*.yaml")),
    ],
    ids=lambda p: Path(p).stem,
)
def test_sessions_with_a_timetable_pass(path):
    assert precheck(load_session(path)) == []


# --- fixed times -----------------------------------------------------------------------------


def test_fixed_start_inside_a_period_passes():
    data = tiny_data()
    _meeting(data)["fixed_start"] = "2030-03-05T15:00"
    assert _found(data) == []


def test_fixed_start_on_a_holiday_is_refused():
    data = tiny_data()
    data["session"]["holidays"] = ["2030-03-05"]
    data["session"]["days"].append("2030-03-06")
    _meeting(data)["fixed_start"] = "2030-03-05T15:00"
    found = _only(data, "fixed-time")
    assert found.text() == "Working group starts Tuesday 5 March 15:00, a holiday"
    assert set(found.instances) == {
        ("fixed-start", "wg-1"),
        ("within-periods", "holiday@2030-03-05"),
    }
    assert "mardi 5 mars à 15 heures, jour férié" in found.text("fr")


def test_fixed_start_between_periods_is_refused():
    data = tiny_data()
    data["items"][2]["fixed_start"] = "2030-03-05T13:30"
    found = _only(data, "fixed-time")
    assert "outside every period (10:00–13:00, 15:00–18:00)" in found.text()


def test_fixed_start_in_an_evening_needs_evening_meetings():
    data = tiny_data()
    data["session"]["periods"].append(EVENING)
    _meeting(data)["fixed_start"] = "2030-03-05T18:00"
    found = _only(data, "fixed-time")
    assert set(found.instances) == {("fixed-start", "wg-1"), EVENINGS}
    data["session"]["evening_meetings"] = True
    assert _found(data) == []


def test_whole_meetings_fixed_inside_a_period_are_refused():
    data = tiny_data()
    _meeting(data)["fixed_start"] = "2030-03-05T10:30"
    assert "not at the start of a period (10:00)" in _only(data, "fixed-time").text()


def test_date_on_a_holiday_is_refused():
    data = tiny_data()
    data["session"]["days"].append("2030-03-06")
    data["session"]["holidays"] = ["2030-03-06"]
    _meeting(data)["date"] = "2030-03-06"
    found = _only(data, "fixed-time")
    assert found.text() == "Working group is held on Wednesday 6 March, a holiday"


# --- order rules -----------------------------------------------------------------------------


def test_last_item_followed_in_the_agenda_is_refused():
    data = tiny_data()
    data["items"][2]["last"] = True  # item 3, but item 4 follows it
    data["items"][3]["last"] = False
    found = _only(data, "order")
    assert found.text() == "item 3 is last, but the agenda of the Plenary takes item 4 after it"
    assert set(found.instances) == {("first-last", "3"), ("agenda-order", "plenary")}


def test_first_item_preceded_in_the_agenda_is_refused_unless_the_body_is_free():
    data = tiny_data()
    data["items"][0]["first"] = False
    data["items"][1]["first"] = True  # item 2, after item 1
    assert "item 2 is first, but the agenda" in _only(data, "order").text()
    data["bodies"][0]["order"] = "free"
    # no order finding then; still no timetable: item 2, first, must start with item 1 (fixed
    # at the first moment) in one body, which the start clash says
    assert [f.check for f in _found(data)] == ["starts"]


def test_two_firsts_in_one_body_are_refused():
    data = tiny_data()
    data["bodies"][0]["order"] = "free"
    data["items"][2]["first"] = True
    found = _only(data, "order")
    assert found.text().startswith("Plenary: item 1 and item 3 are both marked first")


# --- time windows ----------------------------------------------------------------------------


def test_deadline_before_a_fixed_start_is_refused():
    data = tiny_data()
    _meeting(data)["fixed_start"] = "2030-03-05T15:00"
    _meeting(data)["latest_end"] = "2030-03-05T12:00"
    found = _only(data, "window")
    assert found.text() == (
        "Working group may not start before Tuesday 5 March 15:00 but must end by "
        "Tuesday 5 March 12:00"
    )
    assert set(found.instances) == {("fixed-start", "wg-1"), ("deadline", "wg-1")}


def test_body_deadline_before_own_earliest_start_is_refused():
    data = tiny_data()
    data["bodies"][1]["latest_end"] = "2030-03-04T13:00"
    _meeting(data)["earliest_start"] = "2030-03-04T15:00"
    assert _only(data, "window").instances == (
        ("deadline", "wg-1"), ("earliest-start", "wg-1"),
    )  # fmt: skip


def test_agenda_order_carries_a_fixed_start_back_to_earlier_items():
    data = tiny_data()
    data["items"][1]["latest_end"] = "2030-03-05T18:00"
    data["items"][2]["fixed_start"] = "2030-03-04T10:00"  # item 3 before item 2 is done
    data["items"][0].pop("fixed_start")
    data["items"][0]["first"] = False
    found = _only(data, "window")
    assert ("agenda-order", "plenary") in found.instances


def test_capacity_counts_exactly_what_fits():
    data = tiny_data()
    data["items"][1]["minutes"] = 540 - 60  # 630 minutes: 4 meetings of 180, and 4 periods
    assert _found(data) == []
    data["items"][1]["minutes"] = 540 - 60 + 91  # 721 minutes: 5 meetings, 4 periods
    found = _only(data, "capacity")
    assert found.text() == (
        "Plenary needs 5 meetings (721 minutes at 180 minutes a meeting) from Monday 4 March "
        "10:00 to Tuesday 5 March 18:00; 4 exist"
    )
    assert "il faut 5 séances" in found.text("fr")
    lifted = precheck(make_session(data), active=lambda key: key != DAYS)
    assert lifted == []  # with more days, it could fit


def test_working_group_meetings_before_a_deadline():
    data = tiny_data()
    _meeting(data)["meetings"] = 2
    _meeting(data)["latest_end"] = "2030-03-04T18:00"
    _meeting(data)["not_in_parallel_with"] = []
    assert _found(data) == []
    _meeting(data)["meetings"] = 3
    found = _only(data, "capacity")
    assert found.text() == (
        "Working group needs 3 meetings from Monday 4 March 10:00 to Monday 4 March 18:00; "
        "2 whole periods fit in that time"
    )


# --- interpretation --------------------------------------------------------------------------


def test_budget_below_what_the_agenda_needs_is_refused():
    data = tiny_data()  # plenary: 390 minutes, 3 meetings; working group: 1
    data["interpretation"]["budget"] = 4
    assert _found(data) == []
    data["interpretation"]["budget"] = 3
    found = _only(data, "budget")
    assert found.text() == (
        "the interpreted bodies need at least 4 meetings (Plenary 3, Working group 1; periods of "
        "at most 180 minutes); the budget is 3"
    )


def _three_bodies_at_once(teams: int, cap: int | None) -> dict[str, Any]:
    data = tiny_data()
    data["interpretation"] = {"budget": 10, "teams": teams}
    if cap is not None:
        data["interpretation"]["parallel_cap"] = cap
    data["rooms"].append({"id": "third", "interpretation": True})
    data["bodies"].append(
        {"id": "wg2", "name": "Second group", "rooms": ["third"], "interpreted": True}
    )
    data["meetings"].append(
        {"id": "wg2-1", "body": "wg2", "title": "Second group", "meetings": 1,
         "fixed_start": "2030-03-04T10:00"}
    )  # fmt: skip
    _meeting(data)["fixed_start"] = "2030-03-04T10:00"
    _meeting(data)["not_in_parallel_with"] = []
    return data


def test_more_interpreted_bodies_forced_at_once_than_teams_is_refused():
    assert _found(_three_bodies_at_once(teams=3, cap=None)) == []
    found = _only(_three_bodies_at_once(teams=2, cap=None), "teams")
    assert found.text() == (
        "Monday 4 March 10:00–13:00: 3 interpreted meetings must be held (Plenary, Working "
        "group, Second group); there are 2 interpretation teams; item 1 starts Monday 4 March "
        "10:00, Working group starts Monday 4 March 10:00 and Second group starts Monday 4 March "
        "10:00"
    )
    assert ("fixed-start", "1") in found.instances  # the opening holds the plenary there


def test_more_meetings_forced_at_once_than_the_cap_is_refused():
    found = _only(_three_bodies_at_once(teams=3, cap=2), "parallel-cap")
    assert "3 meetings must be held" in found.text()
    assert ("parallel-cap", "session") in found.instances


def test_checks_restricted_to_some_rules():
    data = _three_bodies_at_once(teams=2, cap=None)
    session = make_session(data)
    assert precheck(session, active=lambda key: key != ("fixed-start", "wg2-1")) == []


def test_a_pre_session_day_is_only_for_what_is_fixed_to_it():
    data = tiny_data()
    data["session"]["pre_session_days"] = [dt.date(2030, 3, 1)]
    data["bodies"].append({"id": "informals", "name": "Informals", "rooms": ["small"],
                           "interpreted": False})  # fmt: skip
    data["meetings"].append(
        {"id": "informals", "body": "informals", "title": "Informals", "meetings": 2,
         "date": "2030-03-01"}
    )  # fmt: skip
    assert _found(data) == []
    data["meetings"][-1]["meetings"] = 3
    assert "Informals needs 3 meetings from Friday 1 March" in _only(data, "capacity").text()


def test_agenda_order_puts_a_pre_session_meeting_last_in_its_body_is_refused():
    data = tiny_data()
    data["session"]["pre_session_days"] = [dt.date(2030, 3, 1)]
    data["meetings"].append(
        {"id": "informals", "body": "wg", "title": "Informals", "meetings": 1, "date": "2030-03-01"}
    )  # after wg-1 in the working group's agenda, yet before the session
    found = _only(data, "window")
    assert ("agenda-order", "wg") in found.instances


# --- soundness on random sessions -------------------------------------------------------------


def test_a_finding_always_means_no_timetable():
    """On random small sessions that stress every rule: findings only where the solver agrees."""
    from scheduler.errors import InputError
    from tests.models.synthetic import random_session_data

    fired = 0
    for seed in range(150):
        try:
            session = make_session(random_session_data(seed))
        except InputError:
            continue
        if precheck(session):
            fired += 1
            status = decide(session).status
            assert status is SolveStatus.INFEASIBLE, seed
    assert fired > 30  # the checks do catch the obvious cases
