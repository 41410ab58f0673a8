"""The model on real calendars: per-day periods, periods for some bodies, clock overlap, joint
meetings and activities held over several dates.

Each rule has a case that holds and one it refuses. `solve_data` also has the independent
validator check every timetable the model returns.
"""

from __future__ import annotations

from typing import Any

from tests.conftest import tiny_data
from tests.models.support import MON, TUE, solve_data


def _rows(result: Any, activity: str) -> list[Any]:
    assert result.timetable is not None
    return [row for row in result.timetable if row.activity == activity]


def _two_weeks_of_hours() -> dict[str, Any]:
    """Tiny, where Monday has two 2-hour meetings and Tuesday two 3-hour ones."""
    data = tiny_data()
    data["session"]["day_periods"] = [
        {
            "dates": [MON.isoformat()],
            "periods": [
                {"id": "AM", "start": "10:00", "end": "12:00"},
                {"id": "PM", "start": "15:00", "end": "17:00"},
            ],
        }
    ]
    return data


class TestDayPeriods:
    def test_each_day_keeps_its_own_hours(self) -> None:
        session, result = solve_data(_two_weeks_of_hours())
        assert result.timetable is not None
        monday = [r for r in result.timetable if r.date == MON]
        assert monday and all(r.end.hour <= 17 for r in monday)
        assert all((r.start.hour, r.end.hour) <= (12, 12) or r.start.hour >= 15 for r in monday)
        assert [s.minutes for s in session.slots if s.date == MON] == [120, 120]
        assert [s.minutes for s in session.slots if s.date == TUE] == [180, 180]

    def test_an_item_of_150_minutes_fits_only_in_the_longer_periods(self) -> None:
        data = _two_weeks_of_hours()
        data["items"][1]["minutes"] = 180  # the debate ends Monday
        data["items"][2].update(minutes=150, run_on=False)  # item 3: 10:00-12:30 in one go
        _, result = solve_data(data)
        (row,) = _rows(result, "3")
        assert row.date == TUE
        data["items"][2]["date"] = MON.isoformat()  # but Monday's meetings last 2 hours
        _, refused = solve_data(data)
        assert refused.timetable is None and refused.status.value == "infeasible"

    def test_a_fixed_start_between_the_default_periods_is_inside_its_days_own(self) -> None:
        data = tiny_data()
        data["session"]["day_periods"] = [
            {
                "dates": [MON.isoformat()],
                "periods": [{"id": "PM", "start": "14:00", "end": "17:30"}],
            }
        ]  # an opening on a day with only an afternoon, at 14:00
        data["items"][0]["fixed_start"] = f"{MON.isoformat()}T14:00"
        _, result = solve_data(data)
        (row,) = _rows(result, "1")
        assert (row.date, row.start.hour) == (MON, 14)
        data["items"][0]["fixed_start"] = f"{MON.isoformat()}T10:00"  # no period then
        _, refused = solve_data(data)
        assert refused.timetable is None


def _round_table_data(teams: int) -> dict[str, Any]:
    """A plenary 10-13 / 15-18 and a round table that meets 14:00-17:00 only."""
    data = tiny_data()
    data["session"]["periods"] = [
        {"id": "AM", "start": "10:00", "end": "13:00", "bodies": ["plenary"]},
        {"id": "RT", "start": "14:00", "end": "17:00", "bodies": ["wg"]},
        {"id": "PM", "start": "15:00", "end": "18:00", "bodies": ["plenary"]},
    ]
    data["interpretation"]["teams"] = teams
    data["meetings"][0].pop("not_in_parallel_with")
    return data


class TestPeriodsForSomeBodies:
    def test_a_body_meets_only_in_the_periods_open_to_it(self) -> None:
        _, result = solve_data(_round_table_data(teams=2))
        (row,) = _rows(result, "wg-1")
        assert (row.start.hour, row.end.hour) == (14, 17)
        assert all(r.period in ("AM", "PM") for r in result.timetable if r.body == "plenary")

    def test_a_fixed_time_in_a_period_closed_to_the_body_is_refused(self) -> None:
        data = _round_table_data(teams=2)
        data["meetings"][0]["fixed_start"] = f"{MON.isoformat()}T10:00"
        _, refused = solve_data(data)
        assert refused.timetable is None


class TestClockOverlap:
    def test_two_teams_run_the_round_table_beside_the_afternoon_plenary(self) -> None:
        data = _round_table_data(teams=2)
        data["meetings"][0]["date"] = MON.isoformat()
        data["items"][1]["minutes"] = 360  # the debate fills Monday: AM, PM and Tuesday AM
        _, result = solve_data(data)
        assert result.timetable is not None

    def test_one_team_cannot_serve_periods_that_overlap_on_the_clock(self) -> None:
        """14:00-17:00 and 15:00-18:00 are different periods, but overlap from 15:00 to 17:00."""
        data = _round_table_data(teams=1)
        data["meetings"][0]["date"] = MON.isoformat()
        data["items"][1]["minutes"] = 180  # item 2 alone
        data["items"][0]["minutes"] = 180  # the opening fills Monday morning
        data["items"][1]["date"] = MON.isoformat()  # so item 2 must take Monday afternoon
        data["items"][2]["date"] = TUE.isoformat()
        data["items"][3]["date"] = TUE.isoformat()
        _, refused = solve_data(data)
        assert refused.timetable is None
        data["interpretation"]["teams"] = 2
        _, holds = solve_data(data)
        assert holds.timetable is not None

    def test_not_in_parallel_holds_on_the_clock(self) -> None:
        data = _round_table_data(teams=2)
        data["meetings"][0].update(date=MON.isoformat(), not_in_parallel_with=["2"])
        data["items"][0]["minutes"] = 180
        data["items"][1].update(minutes=180, date=MON.isoformat())  # Monday 15:00-18:00
        data["items"][2]["date"] = TUE.isoformat()
        data["items"][3]["date"] = TUE.isoformat()
        _, refused = solve_data(data)
        assert refused.timetable is None
        data["meetings"][0]["not_in_parallel_with"] = ["3"]
        _, holds = solve_data(data)
        assert holds.timetable is not None

    def test_a_room_holds_one_meeting_at_a_time_across_periods(self) -> None:
        data = _round_table_data(teams=2)
        data["bodies"][1]["rooms"] = ["hall"]  # the round table shares the plenary hall
        data["meetings"][0]["date"] = MON.isoformat()
        data["items"][0]["minutes"] = 180
        data["items"][1].update(minutes=180, date=MON.isoformat())
        data["items"][2]["date"] = TUE.isoformat()
        data["items"][3]["date"] = TUE.isoformat()
        _, refused = solve_data(data)
        assert refused.timetable is None
        data["bodies"][1]["rooms"] = ["small"]
        _, holds = solve_data(data)
        assert holds.timetable is not None


def _joint_data() -> dict[str, Any]:
    """Two working groups, each with one meeting of its own, and one joint meeting."""
    data = tiny_data()
    data["rooms"].append({"id": "annex", "interpretation": True})
    data["bodies"][1]["rooms"] = ["small", "annex"]
    data["bodies"].append(
        {
            "id": "wg2",
            "kind": "working_group",
            "name": {"en": "Second working group"},
            "rooms": ["annex"],
            "interpreted": True,
        }
    )
    data["interpretation"].update(teams=3, budget=12)
    data["meetings"] = [
        {"id": "wg-1", "body": "wg", "title": {"en": "WG"}, "meetings": 1},
        {"id": "wg2-1", "body": "wg2", "title": {"en": "WG 2"}, "meetings": 1},
        {"id": "joint", "body": ["wg", "wg2"], "title": {"en": "Joint meeting"}, "meetings": 1},
    ]
    return data


class TestJointMeetings:
    def test_a_joint_meeting_is_one_meeting_in_a_room_both_bodies_use(self) -> None:
        session, result = solve_data(_joint_data())
        (row,) = _rows(result, "joint")
        assert row.body == "wg+wg2" and row.room == "annex"
        assert session.body("wg+wg2").member_ids == ("wg", "wg2")
        busy = {(r.date, r.period) for r in result.timetable if r.activity in ("wg-1", "wg2-1")}
        assert (row.date, row.period) not in busy  # both bodies are busy during it

    def test_both_bodies_are_busy_while_it_meets(self) -> None:
        data = _joint_data()
        for m in data["meetings"]:
            m["date"] = MON.isoformat()  # three meetings that each need a working group ...
        data["meetings"][0]["meetings"] = 2  # ... and the first group's two: 3 > 2 periods
        _, refused = solve_data(data)
        assert refused.timetable is None
        data["meetings"][0]["meetings"] = 1
        _, holds = solve_data(data)
        assert holds.timetable is not None

    def test_it_takes_its_place_in_each_bodys_agenda(self) -> None:
        data = _joint_data()
        data["meetings"].insert(
            0, data["meetings"].pop()
        )  # the joint meeting first in the file: before each group's own meeting
        data["meetings"][0]["fixed_start"] = f"{TUE.isoformat()}T15:00"
        _, refused = solve_data(data)  # the last period: the groups' own meetings come after it
        assert refused.timetable is None
        data["meetings"][0]["fixed_start"] = f"{MON.isoformat()}T10:00"
        _, holds = solve_data(data)
        (row,) = _rows(holds, "joint")
        own = [(r.date, r.start) for r in holds.timetable if r.activity in ("wg-1", "wg2-1")]
        assert (row.date, row.start) < min(own)

    def test_one_team_serves_a_joint_meeting(self) -> None:
        data = _joint_data()
        data["interpretation"]["teams"] = 2  # plenary + one joint meeting at once
        for m in data["meetings"]:
            m["date"] = TUE.isoformat()
        data["meetings"][0]["fixed_start"] = f"{TUE.isoformat()}T10:00"
        data["meetings"][1]["fixed_start"] = f"{TUE.isoformat()}T10:00"
        data["meetings"][2]["fixed_start"] = f"{TUE.isoformat()}T15:00"
        # Tuesday 10:00 takes both teams (each group alone), so the plenary's 390 minutes need
        # Tuesday afternoon beside the joint meeting: possible only if it takes one team.
        _, result = solve_data(data)
        assert result.timetable is not None
        afternoon = {r.body for r in result.timetable if r.date == TUE and r.period == "PM"}
        assert afternoon == {"plenary", "wg+wg2"}


class TestHeldOnDates:
    def test_a_pre_session_meeting_over_two_days_is_one_entry(self) -> None:
        data = tiny_data()
        data["session"]["pre_session_days"] = ["2030-02-28", "2030-03-01"]
        data["interpretation"]["budget"] = 10
        data["meetings"][0].update(
            meetings=4, dates=["2030-02-28", "2030-03-01"], not_in_parallel_with=[]
        )
        _, result = solve_data(data)
        assert {r.date.isoformat() for r in _rows(result, "wg-1")} == {"2030-02-28", "2030-03-01"}
        data["meetings"][0]["meetings"] = 5  # four periods on the two days
        _, refused = solve_data(data)
        assert refused.timetable is None
