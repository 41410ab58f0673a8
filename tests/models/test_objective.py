"""Each preference: its weight (from the session file) changes the chosen timetable.

The cases use three plenary items of 120 minutes: packed into two meetings, one of them is
carried over; in three meetings none is. Which wins depends only on the weights.
"""

from __future__ import annotations

from typing import Any

from ortools.sat.python import cp_model

from models import SessionModel
from models.objective import PREFERENCE_TERMS, PenaltyTerm
from scheduler.result import SolveResult
from scheduler.rules import PREFERENCE_NAMES
from tests.conftest import make_session
from tests.models.support import MON, TUE, item, slots, solve_data, tiny

#: Every weight at 0: a test switches on the preferences it is about.
NONE = {
    "carry_over": 0,
    "carry_over_to_next_day": 0,
    "interpreted_meeting": 0,
    "preferred_period": 0,
    "meeting": 0,
    "compact_body": 0,
    "session_end": 0,
    "beside_opening_closing": 0,
    "organizational_late": 0,
    "evening_meeting": 0,
}

#: The planner's terms (meetings, compactness, end, opening and closing, organizational) at 0.
PLANNER_NONE = {
    k: 0
    for k in (
        "meeting",
        "compact_body",
        "session_end",
        "beside_opening_closing",
        "organizational_late",
        "evening_meeting",
    )
}


def _three_items(**weights: int) -> dict[str, Any]:
    items = [{"id": str(k), "title": f"Item {k}", "minutes": 120} for k in (1, 2, 3)]
    return tiny(items=items, meetings=[], preferences={**NONE, **weights})


def _plenary_meetings(result: SolveResult) -> int:
    assert result.timetable is not None
    return len({(r.date, r.period) for r in result.timetable if r.body == "plenary"})


def test_one_function_per_preference_in_registry_order() -> None:
    assert tuple(PREFERENCE_TERMS) == PREFERENCE_NAMES


def test_terms_are_named_after_the_preference_and_subject() -> None:
    model = SessionModel(make_session(tiny()))
    terms = model.penalty_terms
    assert {t.name for t in terms["carry-over"]} >= {"carry-over[2]"}
    assert {t.name for t in terms["interpreted-meetings"]} == {
        "interpreted-meetings[plenary]",
        "interpreted-meetings[wg]",
    }
    assert all(isinstance(t, PenaltyTerm) and t.weight == 10 for t in terms["carry-over"])


def test_a_zero_weight_adds_no_term() -> None:
    data = tiny(preferences={"carry_over": 0, "interpreted_meeting": 0})
    model = SessionModel(make_session(data))
    assert model.penalty_terms["carry-over"] == []
    assert model.penalty_terms["interpreted-meetings"] == []


def test_carry_over() -> None:
    _, cheap_meetings = solve_data(_three_items(interpreted_meeting=1))
    assert _plenary_meetings(cheap_meetings) == 2
    _, costly = solve_data(_three_items(interpreted_meeting=1, carry_over=10))
    assert _plenary_meetings(costly) == 3
    assert costly.penalties == {**dict.fromkeys(PREFERENCE_NAMES, 0), "interpreted-meetings": 3}


def test_carry_over_to_next_day() -> None:
    def solved(weight: int) -> SolveResult:
        data = _three_items(interpreted_meeting=1, carry_over_to_next_day=weight)
        item(data, "1")["fixed_start"] = "2030-03-04T15:00"  # Monday PM first: a split spans days
        return solve_data(data)[1]

    same_day_only = solved(20)
    assert _plenary_meetings(same_day_only) == 3
    assert same_day_only.penalties["carry-over-to-next-day"] == 0
    overnight = solved(0)
    assert _plenary_meetings(overnight) == 2
    carried = [a for a in "123" if len(slots(overnight, a)) == 2]
    assert [d for d, _ in slots(overnight, carried[0])] == [MON, TUE]


def test_interpreted_meetings() -> None:
    _, free_interpretation = solve_data(_three_items(carry_over=1))
    assert _plenary_meetings(free_interpretation) == 3
    _, costly = solve_data(_three_items(carry_over=1, interpreted_meeting=5))
    assert _plenary_meetings(costly) == 2
    assert costly.penalties["interpreted-meetings"] == 10
    assert costly.penalties["carry-over"] == 1


def test_preferred_periods() -> None:
    def solved(weight: int) -> SolveResult:
        data = tiny(
            items=[
                {"id": "1", "title": "Opening", "minutes": 60, "fixed_start": "2030-03-04T10:00"},
                {
                    "id": "2",
                    "title": "Report",
                    "minutes": 60,
                    "preferred": [{"date": "2030-03-05", "period": "PM"}],
                },
            ],
            meetings=[],
            # the defaults of the first four preferences, none of the planner's terms
            preferences={**PLANNER_NONE, "preferred_period": weight},
        )
        return solve_data(data)[1]

    assert slots(solved(0), "2") == [(MON, "AM")]  # shares the opening meeting
    honoured = solved(5)
    assert slots(honoured, "2") == [(TUE, "PM")]
    assert honoured.penalties["preferred-periods"] == 0


def _two_meetings_of_the_group(**weights: int) -> dict[str, Any]:
    """The tiny session with a working group of two meetings and the plenary's four items."""
    data = tiny(preferences={**NONE, **weights})
    item(data, "wg-1").update(meetings=2, not_in_parallel_with=[])
    return data


def test_meetings() -> None:
    _, free = solve_data(_three_items(carry_over=1))
    assert _plenary_meetings(free) == 3  # nothing costs a meeting: no item is carried over
    _, costly = solve_data(_three_items(carry_over=1, meeting=5))
    assert _plenary_meetings(costly) == 2
    assert costly.penalties["meetings"] == 10


def test_compact_bodies() -> None:
    data = _two_meetings_of_the_group(compact_body=5)
    item(data, "wg-1")["preferred"] = [{"period": "AM"}]  # ...which would split it: Mon AM, Tue AM
    data["preferences"]["preferred_period"] = 1
    _, compact = solve_data(data)
    group = slots(compact, "wg-1")
    assert compact.penalties["compact-bodies"] == 0  # the group in a row, a period outside AM
    assert group in (
        [(MON, "AM"), (MON, "PM")],
        [(MON, "PM"), (TUE, "AM")],
        [(TUE, "AM"), (TUE, "PM")],
    )
    data["preferences"]["compact_body"] = 0
    _, scattered = solve_data(data)
    assert slots(scattered, "wg-1") == [(MON, "AM"), (TUE, "AM")]


def test_session_end() -> None:
    _, early = solve_data(_three_items(session_end=10))
    assert early.penalties["session-end"] == 10  # ends in the second period: Monday PM
    assert max(slots(early, "3")) <= (MON, "PM")


def test_opening_closing_alone() -> None:
    data = tiny(preferences={**NONE, "beside_opening_closing": 20})
    item(data, "wg-1")["not_in_parallel_with"] = []
    item(data, "wg-1")["preferred"] = [{"date": "2030-03-04", "period": "AM"}]
    data["preferences"]["preferred_period"] = 5  # beside the opening, unless that costs more
    _, alone = solve_data(data)
    assert slots(alone, "wg-1") != [(MON, "AM")]
    assert alone.penalties["opening-closing-alone"] == 0
    data["preferences"]["beside_opening_closing"] = 0  # a session that allows it
    _, allowed = solve_data(data)
    assert slots(allowed, "wg-1") == [(MON, "AM")]


def test_organizational_first_day() -> None:
    data = tiny(preferences={**NONE, "organizational_late": 10})
    item(data, "3")["organizational"] = True
    item(data, "3")["preferred"] = [{"date": "2030-03-05"}]
    data["preferences"]["preferred_period"] = 5
    _, first_day = solve_data(data)
    assert {d for d, _ in slots(first_day, "3")} == {MON}
    data["preferences"]["organizational_late"] = 0
    _, later = solve_data(data)
    assert {d for d, _ in slots(later, "3")} == {TUE}


def test_evening_meetings() -> None:
    data = _three_items(carry_over=10)
    data["session"]["evening_meetings"] = True
    evening = {"id": "EV", "start": "18:00", "end": "21:00", "evening": True}
    data["session"]["periods"].append(evening)
    data["session"]["days"] = ["2030-03-04"]  # Monday AM, PM and EV for three items of 120
    _, free = solve_data(data)
    assert _plenary_meetings(free) == 3  # an evening costs nothing: nothing is carried over
    data["preferences"]["evening_meeting"] = 20
    _, daytime = solve_data(data)  # cheaper to carry an item over than to meet at night
    assert _plenary_meetings(daytime) == 2
    assert daytime.penalties["evening-meetings"] == 0 and daytime.penalties["carry-over"] == 10


def test_session_end_is_the_last_meeting_in_every_timetable_not_only_the_best() -> None:
    """Held at a timetable, the session's end cannot be read later than its last meeting: a
    stopped search reports the cost its timetable has (an end only bounded from below could
    sit anywhere above it)."""
    model = SessionModel(make_session(_three_items(session_end=10)))
    (end,) = [t.expr for t in model.penalty_terms["session-end"]]
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    assert solver.solve(model.model) == cp_model.OPTIMAL
    last = solver.value(end)
    for var in model.variables.held.values():  # the same meetings, held
        model.model.add(var == solver.value(var))
    model.model.maximize(end)  # the latest reading of the end the model allows
    assert solver.solve(model.model) == cp_model.OPTIMAL
    assert solver.value(end) == last == 1  # Monday PM, the second of the session's periods
