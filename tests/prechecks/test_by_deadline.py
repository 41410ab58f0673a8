"""Interpretation teams against deadlines (`scheduler.prechecks.by_deadline`): what must be
held by a deadline against the teams times the periods before it, at the boundary (a
timetable, no finding) and a period short of it (refused, confirmed by the solver).

The tiny session on three days with one team: the working group's 3 meetings and item 2's
240 minutes (2 meetings of the plenary's periods of 180) are due by Tuesday 18:00; Monday and
Tuesday have 4 periods.
"""

from __future__ import annotations

from typing import Any

from scheduler.prechecks import DAYS, EVENINGS, precheck
from tests.conftest import make_session, tiny_data
from tests.prechecks.checking import only, silent

TEAMS = ("interpretation-teams", "session")
DUE = [("deadline", "2"), ("deadline", "wg-1")]


def _due(by: str, wg_meetings: int = 3) -> dict[str, Any]:
    data = tiny_data()
    data["session"]["days"] = ["2030-03-04", "2030-03-05", "2030-03-06"]
    data["interpretation"] = {"budget": 10, "teams": 1}
    data["items"][1]["latest_end"] = by
    group = data["meetings"][0]
    group.update(meetings=wg_meetings, latest_end=by, not_in_parallel_with=[])
    return data


def test_meetings_due_beyond_teams_times_the_periods_before_the_deadline_are_refused():
    silent(_due("2030-03-06T13:00"))  # one more period: 5 meetings in 5, and a timetable
    found = only(_due("2030-03-05T18:00"), "teams-deadline")
    assert found.text() == (
        "5 interpreted meetings must be held by Tuesday 5 March 18:00 (Plenary 2, Working "
        "group 3); 4 periods before then, 1 team: at most 4"
    )
    assert set(found.instances) == {TEAMS, *DUE}  # the days play no part: the deadlines stop it
    assert "au plus tard le mardi 5 mars à 18 heures" in found.text("fr")


def test_the_whole_session_s_count_says_nothing_here():
    """6 meetings in the 6 periods of the three days: only the deadlines make it too many."""
    found = precheck(make_session(_due("2030-03-05T18:00")))
    assert [f.check for f in found if f.check == "teams-total"] == []


def test_whole_meetings_count_only_the_periods_that_end_by_the_deadline():
    """A deadline at Tuesday noon: the group's whole meetings cannot use Tuesday morning
    (it ends at 13:00), item 2's minutes can: 3 meetings, Monday's 2 periods and Tuesday's
    morning, one of which the group cannot use."""
    data = _due("2030-03-05T12:00", wg_meetings=2)
    data["items"][1]["latest_end"] = "2030-03-04T18:00"  # item 2 by Monday: 2 meetings
    found = only(data, "teams-deadline")
    assert "4 interpreted meetings must be held by Tuesday 5 March 12:00" in found.text()
    assert "3 periods before then, 1 team: at most 3" in found.text()


def test_closed_evenings_are_named_only_when_opening_them_lifts_the_count():
    data = _due("2030-03-05T18:00")
    data["session"]["days"] = ["2030-03-04", "2030-03-05"]
    data["session"]["periods"].append(
        {"id": "EV", "start": "18:00", "end": "21:00", "evening": True}
    )
    data["session"]["evening_meetings"] = False
    data["items"][1]["latest_end"] = "2030-03-05T21:00"
    data["meetings"][0]["latest_end"] = "2030-03-05T21:00"
    # the deadline at the last end: the session's own count, which names the days
    assert [f.check for f in precheck(make_session(data)) if f.check == "teams-deadline"] == []
    data["session"]["days"].append("2030-03-06")  # now a day after the deadline
    found = only(data, "teams-deadline")
    assert set(found.instances) == {TEAMS, *DUE, EVENINGS}
    assert DAYS not in found.instances


def test_more_teams_than_hosts_due_count_nothing():
    data = _due("2030-03-05T18:00")
    data["interpretation"]["teams"] = 2
    assert [f for f in precheck(make_session(data)) if f.check == "teams-deadline"] == []
