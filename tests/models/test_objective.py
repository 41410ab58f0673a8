"""Each preference: its weight (from the session file) changes the chosen timetable.

The cases use three plenary items of 120 minutes: packed into two meetings, one of them is
carried over; in three meetings none is. Which wins depends only on the weights.
"""

from __future__ import annotations

from typing import Any

from models import SessionModel
from models.objective import PREFERENCE_TERMS, PenaltyTerm
from scheduler.result import SolveResult
from scheduler.rules import PREFERENCE_NAMES
from tests.conftest import make_session
from tests.models.support import MON, TUE, item, slots, solve_data, tiny


def _three_items(**weights: int) -> dict[str, Any]:
    items = [{"id": str(k), "title": f"Item {k}", "minutes": 120} for k in (1, 2, 3)]
    preferences = {"carry_over": 0, "carry_over_to_next_day": 0, "interpreted_meeting": 0}
    preferences.update(weights)
    return tiny(items=items, meetings=[], preferences=preferences)


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
    assert costly.penalties == {
        "carry-over": 0,
        "carry-over-to-next-day": 0,
        "interpreted-meetings": 3,
        "preferred-periods": 0,
    }


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
            preferences={"preferred_period": weight},
        )
        return solve_data(data)[1]

    assert slots(solved(0), "2") == [(MON, "AM")]  # shares the opening meeting
    honoured = solved(5)
    assert slots(honoured, "2") == [(TUE, "PM")]
    assert honoured.penalties["preferred-periods"] == 0
