"""The counting relaxation of `models.count_bound`: its bound never exceeds what a timetable
costs, and it sees the trade between compact bodies and evening meetings the LP misses.

Soundness is checked two ways, on deterministic limits only (one worker, fixed seed): every
timetable we have (the generator's witness, the optimum) is a solution of the relaxation whose
cost is at most the validator's cost of that timetable, and the bound is at most the optimum of
small sessions solved to it.
"""

from __future__ import annotations

from functools import cache
from typing import Any

import pytest
from ortools.sat.python import cp_model

from models import SessionModel
from models import model as model_module
from models.count_bound import CountBound, CountRelaxation
from models.parameters import Structure
from scheduler.generate import generate_session
from scheduler.session import Session
from scheduler.timetable import Timetable
from tests.conftest import make_session
from tests.models.support import cost, tiny

#: Small generated sessions: climate ones (evenings, teams, a scoped parallel cap) on three
#: seeds, a commission (items shared in meetings), a treaty COP (agenda chains).
SMALL: dict[str, dict[str, Any]] = {
    **{
        f"climate-{seed}": {
            "profile": "climate",
            "days": 4,
            "rooms": 10,
            "bodies": 10,
            "items": 16,
            "seed": seed,
        }
        for seed in (1, 2, 3)
    },
    "commission": {"profile": "commission", "days": 4, "rooms": 4, "bodies": 4, "items": 30},
    "treaty-cop": {"profile": "treaty-cop", "seed": 3},
}


def _solver(**limits: float) -> cp_model.CpSolver:
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    for name, value in limits.items():
        setattr(solver.parameters, name, value)
    return solver


@cache
def _optimum(name: str) -> tuple[Session, Timetable, Timetable, int]:
    """(session, the generator's witness, an optimal timetable, the optimum)."""
    generated = generate_session(**SMALL[name])
    session = make_session(generated.data)
    model = SessionModel(session)
    solver = _solver(max_deterministic_time=30.0)
    assert model.solve_with(solver) == cp_model.OPTIMAL
    return session, generated.witness, model.timetable(solver.value), round(solver.objective_value)


def _cost_in_relaxation(session: Session, timetable: Timetable) -> int | None:
    """The relaxation's least cost with its parts fixed to the timetable's (None: it has no
    such solution)."""
    relaxation = CountRelaxation(SessionModel(session).context)
    used = {(row.activity, session.slot(row.date, row.period).index) for row in timetable}
    for key, part in relaxation.v.part.items():
        relaxation.model.add(part == int(key in used))
    solver = _solver(max_deterministic_time=10.0)
    if solver.solve(relaxation.model) != cp_model.OPTIMAL:
        return None
    return round(solver.objective_value)


@pytest.mark.parametrize("name", list(SMALL))
def test_every_timetable_is_a_solution_of_the_relaxation_costing_no_more(name: str) -> None:
    session, witness, best, _ = _optimum(name)
    for timetable in (witness, best):
        paid = sum(cost(session, timetable).values())
        relaxed = _cost_in_relaxation(session, timetable)
        assert relaxed is not None
        assert relaxed <= paid


@pytest.mark.parametrize("name", list(SMALL))
def test_the_bound_is_at_most_the_optimum(name: str) -> None:
    session, _, best, optimum = _optimum(name)
    found = CountRelaxation(SessionModel(session).context).solve(deterministic_time=10.0)
    assert found.bound is not None
    assert found.bound <= optimum == sum(cost(session, best).values())


def test_two_interpreted_meetings_at_once_with_one_team_have_no_solution() -> None:
    """The relaxation keeps the capacities: with one team, the two bodies' Monday meetings
    forced into the same morning have no solution (each fits alone)."""
    session = _trade()
    relaxation = CountRelaxation(SessionModel(session).context)
    morning = relaxation.v.part[("a-1", session.usable_slots[0].index)]
    alone = relaxation.model.clone()
    alone.add(morning == 1)
    assert _solver(max_deterministic_time=5.0).solve(alone) == cp_model.OPTIMAL
    relaxation.model.add(morning == 1)
    relaxation.model.add(relaxation.v.part[("b-1", session.usable_slots[0].index)] == 1)
    assert _solver(max_deterministic_time=5.0).solve(relaxation.model) == cp_model.INFEASIBLE


def _trade() -> Session:
    """Two interpreted bodies and one team (one meeting at a time), two days of a morning,
    an afternoon and an evening; each body holds one meeting on each day. In the day slots
    one body meets Monday afternoon and Tuesday morning (one run), the other Monday morning
    and Tuesday afternoon (two runs): unless it takes an evening instead, which costs less
    than the run. The LP spreads both bodies over every slot and sees neither."""
    data = tiny()
    data["session"]["evening_meetings"] = True
    data["session"]["periods"].append(
        {"id": "EV", "start": "18:30", "end": "21:00", "evening": True}
    )
    data["interpretation"] = {"budget": 10, "teams": 1}
    data["bodies"] = [
        {"id": "a", "name": "A", "rooms": ["hall"], "interpreted": True},
        {"id": "b", "name": "B", "rooms": ["small"], "interpreted": True},
    ]
    data["items"] = [
        {"id": f"{body}-{k}", "body": body, "title": f"{body} {k}", "meetings": 1, "date": day}
        for body in ("a", "b")
        for k, day in ((1, "2030-03-04"), (2, "2030-03-05"))
    ]
    data["meetings"] = []
    return make_session(data)


def test_the_relaxation_sees_the_trade_the_root_bound_misses() -> None:
    session = _trade()
    model = SessionModel(session)
    root = _solver(max_number_of_conflicts=0, linearization_level=2)
    model.solve_with(root)
    exact = _solver(max_deterministic_time=10.0)
    assert model.solve_with(exact) == cp_model.OPTIMAL
    found = CountRelaxation(model.context).solve(deterministic_time=5.0)
    assert found.optimal and found.bound is not None
    # The optimum: four meetings, four interpreted, the session ending at position 4, and one
    # evening (3) rather than a second run (5); the root bound (12) misses the evening.
    assert root.best_objective_bound < found.bound == exact.objective_value == 4 + 4 + 4 + 3


# --- in the session's solve ------------------------------------------------------------------


def test_a_large_session_s_solve_is_held_at_or_above_the_relaxation_s_bound(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """From `COUNT_BOUND_FROM` placements up (here: every size), a session with a scoped cap
    gets the bound before its search; the reported bound is at least it, and the timetable
    costs at least it too."""
    monkeypatch.setattr(model_module, "COUNT_BOUND_FROM", 0)
    session = _optimum("climate-2")[0]
    assert session.interpretation.parallel_cap_bodies is not None
    model = SessionModel(session)
    result = model.solve(workers=1, seed=0, time_limit=30)
    assert model.counted is not None and model.counted.bound is not None
    assert result.timetable is not None and result.best_bound is not None
    assert result.best_bound >= model.counted.bound
    assert sum(cost(session, result.timetable).values()) == result.objective
    assert result.objective >= model.counted.bound


def test_the_first_timetable_is_the_first_fit_s_not_after_the_relaxation(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    """The relaxation runs after the first fit: its seconds count in the solve's time, not in
    when the first timetable came; and the search after it gets a bound from elsewhere."""
    session = _optimum("climate-1")[0]  # its first fit completes
    model = SessionModel(session)
    relaxation = 1_000.0  # seconds the relaxation is said to take
    monkeypatch.setattr(model, "count_bound", lambda limit: relaxation)
    monkeypatch.setattr(
        model, "counted", CountBound(bound=0, deterministic_time=0.0, optimal=False)
    )
    structures: list[Structure] = []
    configure = model_module.configure
    monkeypatch.setattr(
        model_module, "configure", lambda p, s: (structures.append(s), configure(p, s))[1]
    )
    result = model.solve(workers=1, seed=0, time_limit=30, start=True)
    assert result.timetable is not None and result.first_solution_time is not None
    assert result.first_solution_time < relaxation
    assert result.wall_time >= relaxation
    assert structures[-1].bounded


def test_no_relaxation_for_another_objective_a_guarded_model_or_a_small_session(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    session = _optimum("climate-2")[0]
    assert SessionModel(session).count_bound(60.0) == 0.0  # below COUNT_BOUND_FROM
    monkeypatch.setattr(model_module, "COUNT_BOUND_FROM", 0)
    other = SessionModel(session)
    other.minimize(other.penalty_terms["meetings"])
    guarded = SessionModel(session, guarded=True)
    for model in (other, guarded):
        model.count_bound(60.0)
        assert model.counted is None
