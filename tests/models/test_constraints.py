"""Each hard rule: a variant of the tiny session where it holds, and one it refuses or reshapes.

Every timetable produced here also passes the independent rule check (`support.solve_data`).
The tiny session: Monday and Tuesday, AM 10:00-13:00 and PM 15:00-18:00; plenary items
1 (60 min, fixed Monday 10:00, first), 2 (240), 3 (30), 4 (60, last); the working group's
one meeting `wg-1`, not in parallel with item 2. Its optimum is 14: item 2 carried over once
(10) and four interpreted meetings.
"""

from __future__ import annotations

import datetime as dt
from itertools import pairwise
from typing import Any

import pytest

from models import SessionModel
from models.constraints import HARD_CONSTRAINTS
from scheduler.result import SolveStatus
from scheduler.rules import HARD_RULE_NAMES
from tests.conftest import make_session
from tests.models.support import MON, TUE, at, item, parts, slots, solve_data, tiny

INFEASIBLE, OPTIMAL = SolveStatus.INFEASIBLE, SolveStatus.OPTIMAL


def test_one_function_per_hard_rule_in_registry_order() -> None:
    assert tuple(HARD_CONSTRAINTS) == HARD_RULE_NAMES
    for name, function in HARD_CONSTRAINTS.items():
        assert function.__name__ == name.replace("-", "_")
        assert (function.__doc__ or "").startswith("Hard:")


def test_tiny_session_optimum() -> None:
    _, result = solve_data(tiny())
    assert result.status is OPTIMAL
    # 10 (item 2 carried over) + 5 interpreted meetings + 5 meetings + 3 (ends Tuesday PM): a
    # fifth meeting rather than a hole in the plenary's (compact-bodies costs 5 a hole)
    assert result.objective == 23


class TestFullDuration:
    def test_minutes_add_up_and_whole_meetings_fill_their_periods(self) -> None:
        session, result = solve_data(tiny())
        for a in session.activities:
            rows = parts(result, a.id)
            if a.whole_meetings:
                assert len(rows) == a.meetings
                assert all(r.minutes == 180 for r in rows)
            else:
                assert sum(r.minutes for r in rows) == a.minutes
            assert [r.part for r in rows] == list(range(1, len(rows) + 1))

    def test_more_minutes_than_the_session_holds_is_refused(self) -> None:
        data = tiny()
        item(data, "2")["minutes"] = 600  # 60 + 600 + 30 + 60 > four periods of 180
        assert solve_data(data)[1].status is INFEASIBLE

    def test_more_meetings_than_slots_is_refused(self) -> None:
        data = tiny()
        item(data, "wg-1").update(meetings=5, not_in_parallel_with=[])
        assert solve_data(data)[1].status is INFEASIBLE


def _overloaded(data: dict[str, Any]) -> dict[str, Any]:
    item(data, "2")["minutes"] = 600  # needs a fifth plenary period
    return data


class TestWithinPeriods:
    def test_evening_used_only_when_allowed(self) -> None:
        data = _overloaded(tiny())
        data["session"]["periods"].append(
            {"id": "EV", "start": "18:00", "end": "21:00", "evening": True}
        )
        assert solve_data(data)[1].status is INFEASIBLE
        data["session"]["evening_meetings"] = True
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert any(r.period == "EV" for r in result.timetable or ())

    def test_no_meeting_on_a_holiday(self) -> None:
        data = tiny()
        data["session"].update(days=["2030-03-04", "2030-03-06"], holidays=["2030-03-05"])
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert all(r.date != TUE for r in result.timetable or ())
        assert solve_data(_overloaded(data))[1].status is INFEASIBLE

    def test_pre_session_day_only_for_activities_fixed_to_it(self) -> None:
        data = _overloaded(tiny())
        data["session"]["pre_session_days"] = ["2030-03-01"]
        assert solve_data(data)[1].status is INFEASIBLE  # item 2 may not use Friday
        data = tiny()
        data["session"]["pre_session_days"] = ["2030-03-01"]
        item(data, "wg-1")["date"] = "2030-03-01"
        _, result = solve_data(data)
        assert {d for d, _ in slots(result, "wg-1")} == {dt.date(2030, 3, 1)}


class TestBodyOneAtATime:
    def test_parts_of_a_body_never_overlap(self) -> None:
        _, result = solve_data(tiny())
        rows = sorted(
            (r for r in result.timetable or () if r.body == "plenary"), key=lambda r: r.start_at
        )
        assert all(x.end_at <= y.start_at for x, y in pairwise(rows))

    def test_a_second_room_does_not_let_a_body_meet_twice_at_once(self) -> None:
        data = _overloaded(tiny())
        data["bodies"][0]["rooms"] = ["hall", "small"]
        assert solve_data(data)[1].status is INFEASIBLE


class TestRoomOneMeeting:
    def test_bodies_sharing_a_room_meet_apart(self) -> None:
        data = tiny()
        data["bodies"][1]["rooms"] = ["hall"]
        _, result = solve_data(data)
        plenary = {(r.date, r.period) for r in result.timetable or () if r.body == "plenary"}
        assert result.status is OPTIMAL
        assert not plenary & set(slots(result, "wg-1"))

    def test_too_many_meetings_for_one_room_is_refused(self) -> None:
        data = tiny()
        data["bodies"][1]["rooms"] = ["hall"]
        item(data, "wg-1").update(meetings=2, not_in_parallel_with=[])  # 3 + 2 > 4 slots
        assert solve_data(data)[1].status is INFEASIBLE


class TestBodyRooms:
    def test_bodies_meet_only_in_their_rooms(self) -> None:
        data = tiny()
        data["bodies"][0]["rooms"] = ["small"]
        data["bodies"][1]["rooms"] = ["hall"]
        _, result = solve_data(data)
        assert {(r.body, r.room) for r in result.timetable or ()} == {
            ("plenary", "small"),
            ("wg", "hall"),
        }

    def test_no_room_variable_outside_the_body_rooms(self) -> None:
        model = SessionModel(make_session(tiny()))
        assert {room for body, room, _ in model.variables.room if body == "wg"} == {"small"}


def _booths(wg_interpreted: bool) -> dict[str, Any]:
    """A booth-less room `c`; body `x` (no interpretation) holds room `small` all session."""
    data = tiny()
    data["rooms"].append({"id": "c", "interpretation": False})
    data["bodies"][1].update(rooms=["c", "small"], interpreted=wg_interpreted)
    data["bodies"].append({"id": "x", "name": "X", "rooms": ["small"], "interpreted": False})
    data["meetings"].append({"id": "x-1", "body": "x", "title": "X", "meetings": 4})
    return data


class TestInterpretationBooths:
    def test_an_uninterpreted_body_may_use_a_room_without_booths(self) -> None:
        _, result = solve_data(_booths(wg_interpreted=False))
        assert result.status is OPTIMAL
        assert {r.room for r in parts(result, "wg-1")} == {"c"}

    def test_an_interpreted_body_needs_booths(self) -> None:
        assert solve_data(_booths(wg_interpreted=True))[1].status is INFEASIBLE


class TestAgendaOrder:
    def test_items_follow_the_agenda(self) -> None:
        _, result = solve_data(tiny())
        ends = {a: max(p.end_at for p in parts(result, a)) for a in "1234"}
        starts = {a: min(p.start_at for p in parts(result, a)) for a in "1234"}
        assert ends["1"] <= starts["2"] and ends["2"] <= starts["3"] and ends["3"] <= starts["4"]

    def test_free_order_lets_a_later_item_move_forward(self) -> None:
        data = tiny()
        item(data, "3")["preferred"] = [{"date": "2030-03-04", "period": "AM"}]
        _, agenda = solve_data(data)
        assert (MON, "AM") not in slots(agenda, "3")
        assert agenda.penalties["preferred-periods"] == 5
        data["bodies"][0]["order"] = "free"
        _, free = solve_data(data)
        assert slots(free, "3") == [(MON, "AM")]
        assert free.objective is not None and agenda.objective is not None
        assert free.objective < agenda.objective


class TestFirstLast:
    def test_last_ends_with_the_last_meeting_of_any_body(self) -> None:
        data = tiny()
        item(data, "wg-1")["fixed_start"] = "2030-03-05T15:00"  # ends Tuesday 18:00
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert parts(result, "4")[-1].end_at == at(TUE, "18:00")

    def test_first_cannot_follow_another_body(self) -> None:
        data = tiny()
        item(data, "wg-1").update(fixed_start="2030-03-04T10:00", not_in_parallel_with=[])
        item(data, "1")["fixed_start"] = "2030-03-04T11:00"
        assert solve_data(data)[1].status is INFEASIBLE
        del item(data, "1")["first"]
        assert solve_data(data)[1].status is OPTIMAL


class TestFixedStart:
    def test_starts_exactly_at_its_time(self) -> None:
        _, result = solve_data(tiny())
        assert parts(result, "1")[0].start_at == at(MON, "10:00")

    def test_a_time_inside_a_period_leaves_a_gap_before(self) -> None:
        data = tiny()
        item(data, "1")["fixed_start"] = "2030-03-04T11:00"
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert parts(result, "1")[0].start_at == at(MON, "11:00")

    def test_a_time_outside_every_period_is_refused(self) -> None:
        data = tiny()
        item(data, "1")["fixed_start"] = "2030-03-04T13:00"
        assert solve_data(data)[1].status is INFEASIBLE


class TestHeldOnDate:
    def test_a_date_keeps_every_part_on_that_day(self) -> None:
        data = tiny()
        item(data, "wg-1")["date"] = "2030-03-05"
        _, result = solve_data(data)
        assert {d for d, _ in slots(result, "wg-1")} == {TUE}
        item(data, "wg-1")["latest_end"] = "2030-03-05T12:00"
        assert solve_data(data)[1].status is INFEASIBLE

    def test_dates_keep_the_parts_on_those_days(self) -> None:
        data = tiny()
        item(data, "wg-1").update(meetings=2, dates=["2030-03-04", "2030-03-05"])
        item(data, "wg-1")["not_in_parallel_with"] = []
        _, result = solve_data(data)
        assert {d for d, _ in slots(result, "wg-1")} <= {MON, TUE}
        item(data, "wg-1").update(meetings=3, dates=["2030-03-05"])  # 3 meetings, 2 periods
        assert solve_data(data)[1].status is INFEASIBLE


class TestEarliestStart:
    def test_no_part_before_the_earliest_start(self) -> None:
        data = tiny()
        item(data, "3")["earliest_start"] = "2030-03-05T11:30"
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert parts(result, "3")[0].start_at >= at(TUE, "11:30")

    def test_the_bodys_earliest_start_applies_to_its_meetings(self) -> None:
        data = tiny()
        data["bodies"][1]["earliest_start"] = "2030-03-05T15:00"
        _, result = solve_data(data)
        assert slots(result, "wg-1") == [(TUE, "PM")]

    def test_too_late_to_fit_is_refused(self) -> None:
        data = tiny()
        item(data, "2")["earliest_start"] = "2030-03-05T17:00"
        assert solve_data(data)[1].status is INFEASIBLE

    def test_a_later_item_waits_inside_the_meeting(self) -> None:
        data = tiny(items=[
            {"id": "1", "title": "Opening", "minutes": 60, "fixed_start": "2030-03-04T10:00"},
            {"id": "2", "title": "Statement", "minutes": 30, "earliest_start": "2030-03-04T11:30"},
        ])  # fmt: skip
        _, result = solve_data(data)
        # one plenary meeting, gap 11:00-11:30, and wg-1: two meetings, each interpreted (1 + 1),
        # and the session ends in its second period (1)
        assert result.objective == 5
        assert parts(result, "2")[0].start_at == at(MON, "11:30")


class TestDeadline:
    def test_every_part_ends_by_the_deadline(self) -> None:
        data = tiny()
        item(data, "3")["latest_end"] = "2030-03-05T10:45"
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert parts(result, "3")[-1].end_at <= at(TUE, "10:45")

    def test_a_whole_meeting_cannot_end_by_noon(self) -> None:
        data = tiny()
        data["bodies"][1]["latest_end"] = "2030-03-05T18:00"
        assert solve_data(data)[1].status is OPTIMAL
        data["bodies"][1]["latest_end"] = "2030-03-04T12:00"
        assert solve_data(data)[1].status is INFEASIBLE


class TestNotInParallel:
    def test_no_shared_slot(self) -> None:
        _, result = solve_data(tiny())
        assert not set(slots(result, "wg-1")) & set(slots(result, "2"))

    def test_forced_into_the_same_slot_is_refused(self) -> None:
        data = tiny()
        item(data, "wg-1").update(fixed_start="2030-03-04T10:00", not_in_parallel_with=["1"])
        del item(data, "1")["first"]
        assert solve_data(data)[1].status is INFEASIBLE

    def test_a_body_entry_keeps_clear_of_all_its_meetings(self) -> None:
        data = tiny()
        item(data, "wg-1")["not_in_parallel_with"] = ["plenary"]
        _, result = solve_data(data)
        plenary = {(r.date, r.period) for r in result.timetable or () if r.body == "plenary"}
        assert not plenary & set(slots(result, "wg-1"))

    def test_a_heading_entry_stands_for_its_sub_items(self) -> None:
        data = tiny()
        data["items"].insert(0, {"id": "0", "title": "Heading"})
        for sub in ("1", "2"):
            item(data, sub)["parent"] = "0"
        item(data, "wg-1")["not_in_parallel_with"] = ["0"]
        _, result = solve_data(data)
        assert not set(slots(result, "wg-1")) & (set(slots(result, "1")) | set(slots(result, "2")))


class TestNoSharing:
    def test_an_item_that_does_not_share_has_its_meeting_to_itself(self) -> None:
        data = tiny()
        item(data, "3")["share"] = False
        _, result = solve_data(data)
        (slot,) = slots(result, "3")
        others = [r for r in result.timetable or () if r.body == "plenary" and r.activity != "3"]
        assert all((r.date, r.period) != slot for r in others)
        # the tiny optimum already takes item 3 alone, in a fifth plenary meeting
        assert result.objective == 23


class TestNoRunningOn:
    def test_taken_in_one_meeting(self) -> None:
        data = tiny()
        item(data, "2").update(minutes=150, run_on=False)
        _, result = solve_data(data)
        assert len(parts(result, "2")) == 1

    def test_longer_than_a_meeting_is_refused(self) -> None:
        data = tiny()
        item(data, "2")["run_on"] = False
        assert solve_data(data)[1].status is INFEASIBLE


def _free_pair(fixed_short: bool, days: list[str]) -> dict[str, Any]:
    """A free-order plenary: item 1 (30 min), item 2 (240 min); no working group."""
    short: dict[str, Any] = {"id": "1", "title": "Short", "minutes": 30}
    if fixed_short:
        short["fixed_start"] = "2030-03-04T15:00"
    data = tiny(items=[short, {"id": "2", "title": "Long", "minutes": 240}], meetings=[])
    data["bodies"][0]["order"] = "free"
    data["session"]["days"] = days
    return data


class TestConsecutiveMeetings:
    def test_runs_to_the_end_then_resumes_at_the_start(self) -> None:
        _, result = solve_data(tiny())
        first, second = parts(result, "2")
        assert first.end.strftime("%H:%M") in {"13:00", "18:00"}
        assert second.start.strftime("%H:%M") in {"10:00", "15:00"}

    def test_nothing_slips_between_two_parts(self) -> None:
        monday = ["2030-03-04"]
        assert solve_data(_free_pair(fixed_short=False, days=monday))[1].status is OPTIMAL
        # Item 1 holds the start of Monday PM, so item 2 cannot resume there.
        assert solve_data(_free_pair(fixed_short=True, days=monday))[1].status is INFEASIBLE

    def test_no_other_meeting_of_the_body_in_between(self) -> None:
        data = _free_pair(fixed_short=True, days=["2030-03-04", "2030-03-05"])
        item(data, "1")["share"] = False  # item 1 alone on Monday PM
        item(data, "2")["latest_end"] = "2030-03-05T13:00"  # item 2: Monday AM + Tuesday AM only
        assert solve_data(data)[1].status is INFEASIBLE
        del item(data, "2")["latest_end"]
        _, result = solve_data(data)
        assert slots(result, "2") == [(TUE, "AM"), (TUE, "PM")]

    def test_in_a_free_body_the_continued_item_opens_the_meeting(self) -> None:
        data = tiny(items=[
            {"id": "1", "title": "Short", "minutes": 60, "earliest_start": "2030-03-04T15:00"},
            {"id": "2", "title": "Long", "minutes": 240},
        ], meetings=[])  # fmt: skip
        data["bodies"][0]["order"] = "free"
        data["session"]["days"] = ["2030-03-04"]
        _, result = solve_data(data)
        # two meetings (2 interpreted + 2 held), item 2 carried over once (10), ends in the
        # second period (1)
        assert result.objective == 15
        assert [p.start_at for p in parts(result, "2")] == [at(MON, "10:00"), at(MON, "15:00")]
        assert parts(result, "1")[0].start_at >= at(MON, "16:00")


class TestInterpretationBudget:
    @pytest.mark.parametrize(("budget", "status"), [(3, INFEASIBLE), (4, OPTIMAL)])
    def test_at_most_the_budget(self, budget: int, status: SolveStatus) -> None:
        _, result = solve_data(tiny(interpretation={"budget": budget}))
        assert result.status is status


def _two_wg_meetings(**interpretation: Any) -> dict[str, Any]:
    data = tiny(interpretation=interpretation)
    item(data, "wg-1").update(meetings=2, not_in_parallel_with=[])
    return data


class TestInterpretationTeams:
    def test_one_team_keeps_interpreted_meetings_apart(self) -> None:
        assert solve_data(_two_wg_meetings(teams=1))[1].status is INFEASIBLE  # 3 + 2 > 4 slots
        _, result = solve_data(_two_wg_meetings(teams=2))
        plenary = {(r.date, r.period) for r in result.timetable or () if r.body == "plenary"}
        assert plenary & set(slots(result, "wg-1"))

    def test_uninterpreted_meetings_need_no_team(self) -> None:
        data = _two_wg_meetings(teams=1)
        data["bodies"][1]["interpreted"] = False
        assert solve_data(data)[1].status is OPTIMAL


class TestParallelCap:
    def test_the_cap_counts_every_meeting(self) -> None:
        data = _two_wg_meetings(teams=1)
        data["bodies"][1]["interpreted"] = False
        assert solve_data(data)[1].status is OPTIMAL
        data["interpretation"]["parallel_cap"] = 1
        assert solve_data(data)[1].status is INFEASIBLE

    def test_a_cap_on_some_bodies_counts_only_theirs(self) -> None:
        data = _two_wg_meetings(teams=2, parallel_cap=1, parallel_cap_bodies=["wg"])
        _, result = solve_data(data)  # the working group alone: always at most one at once
        assert result.status is OPTIMAL
        data["interpretation"]["parallel_cap_bodies"] = ["wg", "plenary"]
        assert solve_data(data)[1].status is INFEASIBLE  # 3 + 2 meetings, 4 slots, 1 at once


class TestMaxMeetingsPerDay:
    def test_two_meetings_a_day_leave_room_for_the_plenary(self) -> None:
        data = tiny()
        data["bodies"][0]["max_meetings_per_day"] = 2
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert result.objective == 23  # the tiny optimum: two plenary meetings a day

    def test_one_meeting_a_day_is_too_few_for_the_plenary(self) -> None:
        data = tiny()
        data["bodies"][0]["max_meetings_per_day"] = 1  # 390 minutes in two meetings of 180
        assert solve_data(data)[1].status is INFEASIBLE

    def test_the_working_group_may_be_capped_too(self) -> None:
        data = tiny()
        item(data, "wg-1").update(meetings=2, not_in_parallel_with=[])
        data["bodies"][1]["max_meetings_per_day"] = 1
        _, result = solve_data(data)
        assert len({date for date, _ in slots(result, "wg-1")}) == 2


class TestSameRoom:
    def test_a_debate_in_one_room_keeps_it_over_consecutive_periods(self) -> None:
        data = tiny()
        data["bodies"][0]["rooms"] = ["hall", "small"]
        item(data, "2")["same_room"] = True
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert len({p.room for p in parts(result, "2")}) == 1

    def test_whole_meetings_take_consecutive_periods(self) -> None:
        data = tiny()
        item(data, "wg-1").update(meetings=2, not_in_parallel_with=[], same_room=True)
        data["rooms"][1]["closed"] = ["2030-03-04 PM"]  # the small room: Monday AM is alone
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert slots(result, "wg-1") == [(TUE, "AM"), (TUE, "PM")]

    def test_two_periods_apart_are_refused(self) -> None:
        data = tiny()
        item(data, "wg-1").update(meetings=2, not_in_parallel_with=[])
        data["rooms"][1]["closed"] = ["2030-03-04 PM", "2030-03-05 AM"]
        assert solve_data(data)[1].status is OPTIMAL  # Monday AM and Tuesday PM
        item(data, "wg-1")["same_room"] = True
        assert solve_data(data)[1].status is INFEASIBLE

    def test_a_change_of_room_is_refused(self) -> None:
        data = tiny()
        data["rooms"].append({"id": "side", "interpretation": True})
        data["bodies"][1]["rooms"] = ["small", "side"]
        item(data, "wg-1").update(meetings=2, not_in_parallel_with=[], date="2030-03-05")
        data["rooms"][1]["closed"] = ["2030-03-05 PM"]
        data["rooms"][2]["closed"] = ["2030-03-05 AM"]
        assert solve_data(data)[1].status is OPTIMAL  # small, then side
        item(data, "wg-1")["same_room"] = True
        assert solve_data(data)[1].status is INFEASIBLE


class TestRoomClosed:
    def test_a_closed_room_sends_the_working_group_to_another_period(self) -> None:
        data = tiny()
        data["rooms"][1]["closed"] = ["2030-03-05 AM", "2030-03-05 PM"]
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert [date for date, _ in slots(result, "wg-1")] == [MON]

    def test_a_room_closed_every_day_leaves_its_body_nowhere(self) -> None:
        data = tiny()
        data["rooms"][1]["closed"] = ["2030-03-04", "2030-03-05"]
        assert solve_data(data)[1].status is INFEASIBLE


class TestExactTimesAcrossBodies:
    def test_others_wait_for_a_first_item_that_starts_late(self) -> None:
        data = tiny()
        item(data, "1")["fixed_start"] = "2030-03-04T11:00"
        data["items"].append(
            {"id": "w", "title": "Briefing", "body": "wg", "minutes": 60,
             "latest_end": "2030-03-04T13:00"}
        )  # fmt: skip
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert parts(result, "w")[0].start_at >= at(MON, "11:00")


# --- relations across bodies and caps on a body's calendar (models/relations.py) -----------


def _round_table(data: dict[str, Any]) -> dict[str, Any]:
    """A working-group period 14:00-17:00 overlapping the plenary's 15:00-18:00, and wg-1 held
    in it on Tuesday (the only whole period between 14:00 and 17:00)."""
    data["session"]["periods"].insert(
        1, {"id": "RT", "start": "14:00", "end": "17:00", "bodies": ["wg"]}
    )
    item(data, "wg-1").update(
        earliest_start="2030-03-05T14:00", latest_end="2030-03-05T17:00", not_in_parallel_with=[]
    )
    return data


def _briefing(data: dict[str, Any], **fields: Any) -> dict[str, Any]:
    """A 60-minute working-group item on Monday morning."""
    entry = {"id": "w", "title": "Briefing", "body": "wg", "minutes": 60, "dates": ["2030-03-04"]}
    data["items"].append({**entry, **fields})
    return data


class TestInParallel:
    def test_held_in_a_slot_where_the_target_meets(self) -> None:
        data = tiny()
        item(data, "wg-1").update(in_parallel_with=["3"], not_in_parallel_with=[])
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert set(slots(result, "wg-1")) <= set(slots(result, "3"))

    def test_a_body_entry_means_any_of_its_meetings(self) -> None:
        data = tiny()
        item(data, "wg-1").update(in_parallel_with=["plenary"], not_in_parallel_with=[])
        _, result = solve_data(data)
        plenary = {(r.date, r.period) for r in result.timetable or () if r.body == "plenary"}
        assert set(slots(result, "wg-1")) <= plenary

    def test_a_target_on_another_day_is_refused(self) -> None:
        data = tiny()
        item(data, "wg-1").update(in_parallel_with=["1"], dates=["2030-03-05"])
        assert solve_data(data)[1].status is INFEASIBLE

    def test_overlapping_periods_count_as_parallel(self) -> None:
        data = _round_table(tiny())
        item(data, "wg-1")["in_parallel_with"] = ["4"]  # 4 is last: Tuesday PM, 15:00-18:00
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert slots(result, "wg-1") == [(TUE, "RT")] and slots(result, "4") == [(TUE, "PM")]


class TestSequence:
    def test_after_the_end_of_a_heading_waits_for_all_its_sub_items(self) -> None:
        data = tiny()
        data["items"].insert(1, {"id": "H", "title": "Heading"})
        for sub in ("2", "3"):
            item(data, sub)["parent"] = "H"
        item(data, "wg-1").update(after_end_of=["H"], not_in_parallel_with=[])
        _, result = solve_data(data)
        ends = [r.end_at for sub in ("2", "3") for r in parts(result, sub)]
        assert parts(result, "wg-1")[0].start_at >= max(ends)

    def test_after_the_end_of_a_body_waits_for_its_last_meeting(self) -> None:
        data = tiny()
        del item(data, "4")["last"]
        item(data, "wg-1").update(after_end_of=["plenary"], not_in_parallel_with=[])
        _, result = solve_data(data)
        plenary = [r.end_at for r in result.timetable or () if r.body == "plenary"]
        assert parts(result, "wg-1")[0].start_at >= max(plenary)

    def test_inside_one_period_across_bodies(self) -> None:
        data = _briefing(tiny(), after_end_of=["1"], latest_end="2030-03-04T13:00")
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        (briefing,) = parts(result, "w")
        assert briefing.period == "AM" and briefing.start_at >= at(MON, "11:00")

    def test_no_time_left_after_the_end_is_refused(self) -> None:
        data = _briefing(tiny(), after_end_of=["1"], latest_end="2030-03-04T11:30")
        assert solve_data(data)[1].status is INFEASIBLE

    def test_after_the_start_inside_one_period(self) -> None:
        data = tiny()
        item(data, "1")["fixed_start"] = "2030-03-04T11:00"
        data = _briefing(data, after_start_of=["1"], latest_end="2030-03-04T13:00")
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert parts(result, "w")[0].start_at >= at(MON, "11:00")

    def test_before_the_target_can_start_is_refused(self) -> None:
        data = tiny()  # 390 plenary minutes: item 4 cannot be held on Monday
        item(data, "wg-1").update(after_start_of=["4"], dates=["2030-03-04"])
        assert solve_data(data)[1].status is INFEASIBLE


class TestMaxDays:
    def test_two_meetings_on_one_day(self) -> None:
        data = tiny()
        item(data, "wg-1").update(meetings=2, not_in_parallel_with=[])
        data["bodies"][1]["max_days"] = 1
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        assert len({date for date, _ in slots(result, "wg-1")}) == 1

    def test_one_day_is_too_few_for_the_plenary(self) -> None:
        data = tiny()
        data["bodies"][0]["max_days"] = 1  # 390 minutes, 360 a day
        assert solve_data(data)[1].status is INFEASIBLE

    def test_a_joint_meeting_counts_for_each_of_its_bodies(self) -> None:
        data = tiny()
        joint = {"id": "j", "title": "Joint meeting", "body": ["plenary", "wg"], "meetings": 1}
        data["items"].insert(1, {**joint, "dates": ["2030-03-04"]})
        item(data, "wg-1").update(dates=["2030-03-05"], not_in_parallel_with=[])
        data["bodies"][1]["rooms"] = ["small", "hall"]
        _, result = solve_data(data)
        assert [date for date, _ in slots(result, "j")] == [MON]
        data["bodies"][1]["max_days"] = 1  # the working group meets Monday (joint) and Tuesday
        assert solve_data(data)[1].status is INFEASIBLE


class TestRemoteCapacity:
    def test_hybrid_meetings_take_turns(self) -> None:
        data = tiny(interpretation={"remote_teams": 1})
        for body in data["bodies"]:
            body["mode"] = "hybrid"
        _, result = solve_data(data)
        assert result.status is OPTIMAL
        plenary = {(r.date, r.period) for r in result.timetable or () if r.body == "plenary"}
        assert not plenary & set(slots(result, "wg-1"))

    def test_no_remote_interpretation_for_a_hybrid_body_is_refused(self) -> None:
        data = tiny(interpretation={"remote_teams": 0})
        data["bodies"][1]["mode"] = "remote"
        assert solve_data(data)[1].status is INFEASIBLE
        data["bodies"][1]["interpreted"] = False  # no interpretation, no remote team needed
        assert solve_data(data)[1].status is OPTIMAL

    def test_a_joint_meeting_is_hybrid_when_one_of_its_bodies_is(self) -> None:
        data = tiny(interpretation={"remote_teams": 0})
        joint = {"id": "j", "title": "Joint meeting", "body": ["plenary", "wg"], "meetings": 1}
        data["items"].insert(1, joint)
        item(data, "wg-1")["not_in_parallel_with"] = []
        # the working group is hybrid but not interpreted; the joint meeting is both
        data["bodies"][1].update(rooms=["small", "hall"], mode="hybrid", interpreted=False)
        assert solve_data(data)[1].status is INFEASIBLE
        data["interpretation"]["remote_teams"] = 1
        assert solve_data(data)[1].status is OPTIMAL

    def test_overlapping_periods_share_the_platform(self) -> None:
        data = _round_table(tiny(interpretation={"remote_teams": 1}))
        for body in data["bodies"]:
            body["mode"] = "hybrid"
        # wg-1 meets Tuesday 14-17; the plenary's Tuesday PM (15-18) overlaps it, and item 4,
        # last, must end after 17:00
        assert solve_data(data)[1].status is INFEASIBLE
        data["interpretation"]["remote_teams"] = 2
        assert solve_data(data)[1].status is OPTIMAL
