"""Counts across bodies and days (`scheduler.prechecks.totals`): per count, a session at the
boundary that holds and one a meeting beyond it that is refused, confirmed by the solver.

The tiny session: the plenary needs 3 meetings (390 minutes in periods of 180), the working
group 1, in 4 periods (two days of two).
"""

from __future__ import annotations

from typing import Any

from scheduler.prechecks import DAYS, EVENINGS, precheck
from tests.conftest import cop9_data, make_session, tiny_data
from tests.prechecks.checking import only as _only
from tests.prechecks.checking import silent as _silent

EVENING = {"id": "EV", "start": "18:00", "end": "21:00", "evening": True}


def _with_teams(teams: int, wg_meetings: int) -> dict[str, Any]:
    data = tiny_data()
    data["interpretation"] = {"budget": 10, "teams": teams}
    data["meetings"][0]["meetings"] = wg_meetings
    data["meetings"][0]["not_in_parallel_with"] = []
    return data


def test_interpreted_meetings_beyond_teams_times_periods_are_refused():
    _silent(_with_teams(teams=1, wg_meetings=1))  # 3 + 1 meetings in 4 periods, one team
    found = _only(_with_teams(teams=1, wg_meetings=2), "teams-total")
    assert found.text() == (
        "5 interpreted meetings needed (Plenary 3, Working group 2); 4 periods, 1 team: at most 4"
    )
    assert set(found.instances) == {("interpretation-teams", "session"), DAYS}


def test_the_teams_count_names_no_evenings_when_opening_them_does_not_help():
    data = _with_teams(teams=1, wg_meetings=2)
    data["session"]["periods"].append(EVENING)
    data["session"]["evening_meetings"] = False  # closed, and opening them lifts the count
    found = _only(data, "teams-total")
    assert EVENINGS in found.instances
    data["meetings"][0]["meetings"] = 4  # 3 + 4 > 6 periods even with the evenings
    assert EVENINGS not in _only(data, "teams-total").instances


def _with_cap(cap: int, wg_meetings: int) -> dict[str, Any]:
    data = _with_teams(teams=3, wg_meetings=wg_meetings)
    data["interpretation"]["parallel_cap"] = cap
    return data


def test_meetings_beyond_the_cap_times_periods_are_refused():
    _silent(_with_cap(cap=1, wg_meetings=1))
    found = _only(_with_cap(cap=1, wg_meetings=2), "cap-total")
    assert found.text() == (
        "5 meetings needed (Plenary 3, Working group 2); 4 periods, at most 1 at once: at most 4"
    )
    assert ("parallel-cap", "session") in found.instances


def test_the_cap_counts_only_the_bodies_it_caps():
    data = _with_cap(cap=1, wg_meetings=2)
    data["interpretation"]["parallel_cap_bodies"] = ["wg"]
    assert [f for f in precheck(make_session(data)) if f.check == "cap-total"] == []


def _plenary(**limits: int) -> dict[str, Any]:
    data = tiny_data()
    data["bodies"][0].update(limits)
    return data


def test_a_body_needing_more_than_its_days_give_is_refused():
    _silent(_plenary(max_days=2))
    found = _only(_plenary(max_days=1), "max-days")
    assert found.text() == (
        "Plenary needs 3 meetings; on at most 1 day of at most 2 periods: at most 2"
    )
    assert found.instances == (("max-days", "plenary"),)  # more days would not help
    assert "дней — не более 1, периодов в день — не более 2" in found.text("ru")


def test_a_body_needing_more_than_its_meetings_a_day_give_is_refused():
    _silent(_plenary(max_meetings_per_day=2))
    found = _only(_plenary(max_meetings_per_day=1), "per-day")
    assert found.text() == "Plenary needs 3 meetings; at most 1 a day on 2 days: at most 2"
    assert set(found.instances) == {("max-meetings-per-day", "plenary"), DAYS}


# --- the arithmetic behind COP9's conflicts -------------------------------------------------


def _cop9(**interpretation: int) -> dict[str, Any]:
    data = cop9_data()
    data["published"] = None
    data["interpretation"].update(interpretation)
    return data


def _numbers(data: dict[str, Any], *keys: tuple[str, str]) -> list[str]:
    """The findings that hold with only `keys` and the calendar in force, as `_numbers` asks."""
    session = make_session(data)
    wanted = set(keys)
    found = precheck(session, active=lambda k: k in wanted or k[0] == "within-periods")
    return [f.text() for f in found if all(k in wanted or k[0] == "within-periods"
                                           for k in f.instances)]  # fmt: skip


def test_one_team_for_cop9_is_counted():
    """The plenary needs all 10 periods, the working group 2 more meetings: 12 > 10."""
    assert _numbers(_cop9(teams=1), ("interpretation-teams", "session")) == [
        "12 interpreted meetings needed (Plenary 10, Working Group on International Cooperation "
        "2); 10 periods, 1 team: at most 10"
    ]


def test_a_cap_of_one_for_cop9_is_counted():
    """The pre-session consultations have their own day's two periods: 14 > 12."""
    assert _numbers(_cop9(parallel_cap=1), ("parallel-cap", "session")) == [
        "14 meetings needed (Plenary 10, Working Group on International Cooperation 2, "
        "Pre-session informal consultations 2); 12 periods, at most 1 at once: at most 12"
    ]


def test_a_forced_meeting_says_why_it_is_forced():
    data = _cop9(teams=1)
    data["meetings"][0]["not_in_parallel_with"] = []
    texts = [f.text() for f in precheck(make_session(data)) if f.check == "teams"]
    assert texts == [] or "Plenary needs all 10 periods" in texts[0]


def _apart(wg_meetings: int, other: str) -> dict[str, Any]:
    data = tiny_data()
    data["meetings"][0]["meetings"] = wg_meetings
    data["meetings"][0]["not_in_parallel_with"] = [other]
    return data


def test_two_activities_never_in_parallel_need_distinct_periods():
    _silent(_apart(wg_meetings=1, other="plenary"))  # 1 + 3 meetings in 4 periods
    found = _only(_apart(wg_meetings=2, other="plenary"), "apart")
    assert found.text() == (
        "5 meetings needed (Working group 2, Plenary 3), never at the same time; 4 periods: "
        "at most 4"
    )
    assert set(found.instances) == {("not-in-parallel", "wg-1/plenary"), DAYS}
    _silent(_apart(wg_meetings=2, other="2"))  # item 2 needs 2 meetings: 4 in 4


def test_activities_never_in_parallel_count_the_periods_of_their_windows():
    """The group on Monday, item 1 fixed at Monday 10:00 for its hour: the group's two
    meetings fill Monday and leave item 1 no time, whatever the session's days."""
    data = _apart(wg_meetings=1, other="1")
    data["meetings"][0]["date"] = "2030-03-04"
    _silent(data)  # 1 + 1 in Monday's 2 periods
    data["meetings"][0]["meetings"] = 2
    found = _only(data, "apart-fills")
    assert found.text() == (
        "item 1 needs 60 minutes from Monday 4 March 10:00 to Monday 4 March 11:00, never at"
        " the same time as Working group, which fills Monday 4 March 10:00–13:00; Monday 4"
        " March 15:00–18:00: 0 minutes left"
    )
    assert set(found.instances) == {
        ("not-in-parallel", "wg-1/1"),
        ("held-on-date", "wg-1"),
        ("fixed-start", "1"),
    }


def test_cop9_working_group_never_beside_the_plenary_is_counted():
    data = _cop9()
    data["meetings"][0]["not_in_parallel_with"] = ["plenary"]
    assert _numbers(data, ("not-in-parallel", "wg-ic-10/plenary")) == [
        "12 meetings needed (Working Group on International Cooperation 2, Plenary 10), never "
        "at the same time; 10 periods: at most 10"
    ]


def _alongside(item_minutes: int) -> dict[str, Any]:
    data = tiny_data()
    data["meetings"][0]["not_in_parallel_with"] = []
    data["items"][1]["minutes"] = item_minutes  # item 2, held only while the group meets
    data["items"][1]["in_parallel_with"] = ["wg-1"]
    return data


def test_an_activity_held_only_beside_another_needs_no_more_meetings_than_it():
    _silent(_alongside(item_minutes=180))  # one meeting, beside the group's one
    found = _only(_alongside(item_minutes=240), "alongside")
    assert found.text() == (
        "item 2 needs 2 meetings, each while Working group meets; Working group has 1 meeting: "
        "at most 1"
    )
    assert found.instances == (("in-parallel", "2/wg-1"),)
