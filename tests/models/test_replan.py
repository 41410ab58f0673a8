"""Pin and re-plan: the smallest change to the published COP9 timetable after a new fact.

Each change is one a planner meets after publication; the re-plan must keep every rule, move
as few activities as possible (proven twice: the solver's bound, and a second solve allowing
one move fewer that is infeasible) and never move a pinned row.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
from collections.abc import Callable
from typing import Any

import pytest

from models.bounds import BOUNDS
from models.objective import PREFERENCE_TERMS
from models.replan import ReplanResult, replan, replan_model, scales
from scheduler.diff import MoveSize
from scheduler.published import published_timetable
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import validate
from scheduler.validation.pins import PIN_RULES
from tests.conftest import cop9_data, make_session, tiny_data

WED, THU, FRI = dt.date(2018, 10, 17), dt.date(2018, 10, 18), dt.date(2018, 10, 19)


def _item_3_needs_two_meetings(data: dict[str, Any]) -> None:
    """The plenary's ten meetings are full: the bureau grants evening meetings."""
    next(i for i in data["items"] if i["id"] == "3")["minutes"] = 360
    data["session"]["evening_meetings"] = True


def _working_group_moves_to_wednesday(data: dict[str, Any]) -> None:
    next(m for m in data["meetings"] if m["id"] == "wg-ic-10")["date"] = "2018-10-17"


def _friday_afternoon_is_lost(data: dict[str, Any]) -> None:
    """The plenary must end by Friday noon; evening meetings make up for it."""
    next(b for b in data["bodies"] if b["id"] == "plenary")["latest_end"] = "2018-10-19T13:00"
    data["session"]["evening_meetings"] = True


Change = Callable[[dict[str, Any]], None]
#: name -> (the new fact, the fewest activities that must move, those that move)
CHANGES: dict[str, tuple[Change, int, set[str]]] = {
    "item 3 needs two meetings": (_item_3_needs_two_meetings, 1, {"3"}),
    "the working group moves to Wednesday": (_working_group_moves_to_wednesday, 1, {"wg-ic-10"}),
    "Friday afternoon is lost": (_friday_afternoon_is_lost, 5, {"5", "6", "7", "8", "9"}),
}


def _replan(
    session: Session,
    previous: Timetable,
    max_changes: int | None = None,
    exact_times: bool = True,
) -> ReplanResult:
    """One worker and a fixed seed: the same answer every run."""
    return replan(
        session,
        previous,
        workers=1,
        seed=0,
        time_limit=60.0,
        max_changes=max_changes,
        exact_times=exact_times,
    )


def _session(change: Change) -> Session:
    data = cop9_data()
    change(data)
    return make_session(data)


def _pinned(timetable: Timetable, keep: Callable[[Assignment], bool]) -> Timetable:
    return Timetable.of(dataclasses.replace(a, pinned=keep(a)) for a in timetable)


def _place(row: Assignment) -> tuple[object, ...]:
    return (row.activity, row.date, row.period, row.start, row.end, row.room, row.minutes)


@pytest.fixture(scope="module")
def published(cop9) -> Timetable:
    """The organization of work as published in the annex: what delegations already know."""
    return published_timetable(cop9)


def test_an_unchanged_session_changes_nothing(cop9, published):
    result = _replan(cop9, published)
    assert result.status is SolveStatus.OPTIMAL
    assert result.change_count == 0 and result.changes is not None and result.changes.empty


@pytest.mark.parametrize("name", list(CHANGES))
def test_replan_after_a_change_is_valid_and_minimal(name, published):
    change, fewest, moved = CHANGES[name]
    session = _session(change)
    result = _replan(session, published)
    assert result.status is SolveStatus.OPTIMAL, result.explanation
    assert result.result.timetable is not None
    assert validate(session, result.result.timetable).ok
    assert result.changes is not None
    assert result.change_count == result.changes.count == fewest
    assert {c.activity for c in result.changes.moved} == moved
    assert result.count_bound == fewest and result.proven_minimal
    fewer = _replan(session, published, max_changes=fewest - 1)
    assert fewer.status is SolveStatus.INFEASIBLE
    assert fewer.explanation == f"no timetable moves at most {fewest - 1} activities"


def test_the_smallest_move_is_preferred(published):
    """Item 3's second meeting goes to the same evening, not to another day."""
    session = _session(_item_3_needs_two_meetings)
    result = _replan(session, published)
    assert result.changes is not None
    (move,) = result.changes.moved
    assert move.size is MoveSize.OTHER_PERIOD
    assert result.change_cost == session.preferences.move_to_other_period
    assert {(a.date, a.period) for a in move.after} == {(WED, "PM"), (WED, "EV")}


def test_moves_are_weighed_by_the_session_weights(published):
    """Five moves after Friday afternoon is lost: item 5 to Thursday evening (another day),
    items 6 to 9 to Friday morning (another period of the same day)."""
    data = cop9_data()
    _friday_afternoon_is_lost(data)
    data["preferences"].update(move_to_other_period=7, move_to_other_day=30)
    result = _replan(make_session(data), published)
    assert result.changes is not None
    assert result.changes.sizes() == {
        MoveSize.SAME_HALF_DAY: 0,
        MoveSize.OTHER_PERIOD: 4,
        MoveSize.OTHER_DAY: 1,
    }
    assert result.change_cost == 4 * 7 + 30


# --- pins ---------------------------------------------------------------------------------------


@pytest.mark.parametrize("name", list(CHANGES))
def test_pinned_rows_never_move(name, published):
    session = _session(CHANGES[name][0])
    previous = _pinned(published, lambda a: a.body == "plenary" and a.date < THU)
    result = _replan(session, previous)
    assert result.result.timetable is not None, result.explanation
    kept = {_place(a) for a in result.result.timetable if a.pinned}
    assert kept == {_place(a) for a in previous if a.pinned}
    assert validate(session, result.result.timetable).ok


def _tiny_with_four_preferences() -> dict[str, Any]:
    """The tiny session weighed by the four preferences these re-plan scenarios were built on
    (carry-over, next day, interpreted meetings, preferred periods): the planner's later ones
    (meetings, compact bodies, session end, ...) change which timetable is optimal."""
    data = tiny_data()
    data["preferences"] = {
        "meeting": 0,
        "compact_body": 0,
        "session_end": 0,
        "beside_opening_closing": 0,
        "organizational_late": 0,
    }
    return data


def _previous_tiny() -> Timetable:
    """The timetable the planner had before the debate grew: one of the tiny session's optima
    under the four preferences (objective 14), written out, since which optimum a solve returns
    among equals is the solver's choice and changes with the model's redundant constraints."""
    mon, tue = dt.date(2030, 3, 4), dt.date(2030, 3, 5)

    def row(date, start, end, body, activity, room, period, part=1, parts=1, title=""):
        s, e = dt.time(*start), dt.time(*end)
        minutes = (e.hour * 60 + e.minute) - (s.hour * 60 + s.minute)
        return Assignment(date, s, body, activity, e, room, period, minutes, part, parts, title)

    return Timetable.of(
        [
            row(mon, (10, 0), (11, 0), "plenary", "1", "hall", "AM", title="Opening"),
            row(mon, (10, 0), (13, 0), "wg", "wg-1", "small", "AM", title="Working group"),
            row(tue, (10, 0), (13, 0), "plenary", "2", "hall", "AM", 1, 2, "Debate"),
            row(tue, (15, 0), (16, 0), "plenary", "2", "hall", "PM", 2, 2, "Debate"),
            row(tue, (16, 0), (16, 30), "plenary", "3", "hall", "PM", title="Other matters"),
            row(tue, (16, 30), (17, 30), "plenary", "4", "hall", "PM", title="Report"),
        ]
    )


def test_a_pin_holds_where_the_free_replan_would_move_the_row():
    data = _tiny_with_four_preferences()
    before = _previous_tiny()
    assert validate(make_session(data), before).ok
    data["items"][1]["minutes"] = 300  # the debate needs an hour more
    session = make_session(data)
    row = next(a for a in before if a.activity == "2" and a.period == "AM")
    free = _replan(session, before)
    assert free.result.timetable is not None
    assert _place(row) not in {_place(a) for a in free.result.timetable}
    pinned = _replan(session, _pinned(before, lambda a: a == row))
    assert pinned.result.timetable is not None
    assert _place(row) in {_place(a) for a in pinned.result.timetable if a.pinned}
    assert validate(session, pinned.result.timetable).ok
    assert pinned.change_count is not None and free.change_count is not None
    assert pinned.change_count > free.change_count


def test_pinned_rows_that_break_a_rule_are_named(published):
    session = _session(_friday_afternoon_is_lost)
    previous = _pinned(published, lambda a: a.activity in {"9", "2b"})
    result = _replan(session, previous)
    assert result.status is SolveStatus.INFEASIBLE
    assert result.result.timetable is None
    assert [c.rule for c in result.conflicts] == ["deadline"]
    (conflict,) = result.conflicts
    assert [a.activity for a in conflict.rows] == ["9"]
    assert "pinned: 9 2018-10-19 PM 16:45-18:00" in conflict.text()


def test_pinned_rows_breaking_rules_together_are_named(published):
    """Item 4 moved by hand to Tuesday morning, beside the working group it must not meet with."""
    tuesday = dt.date(2018, 10, 16)
    edited = [
        dataclasses.replace(a, date=tuesday, period="AM") if a.activity == "4" else a
        for a in published
        if a.activity != "2b"
    ]
    previous = _pinned(Timetable.of(edited), lambda a: a.activity in {"4", "wg-ic-10"})
    cop9 = _session(lambda data: None)
    result = _replan(cop9, previous)
    rules = {c.rule for c in result.conflicts}
    assert rules == {"not-in-parallel"} and rules <= set(PIN_RULES)
    assert {a.activity for c in result.conflicts for a in c.rows} == {"4", "wg-ic-10"}


def test_a_pin_against_a_fixed_date_is_named(published):
    session = _session(_working_group_moves_to_wednesday)
    result = _replan(session, _pinned(published, lambda a: a.activity == "wg-ic-10"))
    assert [c.rule for c in result.conflicts] == ["held-on-date", "held-on-date"]
    assert (
        result.conflicts[0]
        .text("en")
        .startswith("wg-ic-10 must be held on Wed 17 Oct but is pinned on Tue 16 Oct")
    )


def test_pins_no_timetable_completes_are_explained():
    """Item 3 pinned at 16:00 after the debate grew: no meeting can leave the gap before it."""
    data = _tiny_with_four_preferences()
    before = _previous_tiny()
    assert validate(make_session(data), before).ok
    data["items"][1]["minutes"] = 300
    session = make_session(data)
    previous = _pinned(before, lambda a: a.activity == "3")
    exact = _replan(session, previous)
    assert exact.status is SolveStatus.INFEASIBLE and not exact.conflicts
    assert exact.explanation is not None and "exact start times" in exact.explanation
    loose = _replan(session, previous, exact_times=False)
    assert loose.result.timetable is not None
    row = next(a for a in previous if a.activity == "3")
    assert (row.date, row.period, row.room) in {
        (a.date, a.period, a.room) for a in loose.result.timetable if a.activity == "3"
    }


# --- the re-plan's model: the session's modules, plus pins and change terms --------------------


def test_the_replan_model_adds_pins_and_change_terms(cop9, published):
    previous = _pinned(published, lambda a: a.activity == "9")
    model = replan_model(cop9, previous)
    preferences = len(PREFERENCE_TERMS) + len(BOUNDS)  # the preferences, then their bounds
    assert list(model.modules)[-preferences - 2 : -preferences] == ["pinned", "changes"]
    assert model.terms["pinned"] == []
    scale = scales(cop9, previous)
    terms = {t.name: t for t in model.terms["changes"]}
    assert terms["moved-slots[3]"].weight == scale.count
    assert terms["move-size[3]"].weight == scale.size
    assert terms["altered[3]"].weight == 1
    placed = {a.activity for a in previous}
    assert {n for n in terms if n.startswith("moved-slots[")} == {
        f"moved-slots[{a}]" for a in placed
    }
    assert "changes" not in model.penalty_terms and "pinned" not in model.penalty_terms


def test_the_levels_are_lexicographic(cop9, published):
    """One more change outweighs every size and retiming; one more unit of size every retiming."""
    scale = scales(cop9, published)
    n = len({a.activity for a in published})
    largest = max(
        cop9.preferences.move_within_half_day,
        cop9.preferences.move_to_other_period,
        cop9.preferences.move_to_other_day,
    )
    assert scale.size > n  # the retimed count is at most n
    assert scale.count > scale.size * n * largest + n


def test_the_pinned_conflicts_are_the_check_layer_s():
    import models.replan
    import scheduler.validation.pins

    assert models.replan.pinned_conflicts is scheduler.validation.pins.pinned_conflicts
    assert models.replan.PinConflict is scheduler.validation.pins.PinConflict
