"""Random and larger sessions: every timetable passes the rule check, encodings agree.

The `offsets` layout (agenda order inside a slot by prefix sums, gaps only where exact times
need them) is checked against the `starts` layout (a start variable per part, no-overlap) and
against the guarded model: all three must agree on feasibility and on the optimum, so a gap
the offsets layout lacks, or a guard that changes the model, shows up as a disagreement.
"""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from ortools.sat.python import cp_model

from models import SessionModel
from scheduler.errors import InputError
from scheduler.generate import generate_session
from scheduler.result import SolveStatus
from tests.conftest import make_session
from tests.models.support import broken_rules, cost
from tests.models.synthetic import large_session_data, random_session_data


@settings(max_examples=80, deadline=None, derandomize=True)
@given(seed=st.integers(min_value=0, max_value=10**6))
def test_random_sessions_agree_across_encodings(seed: int) -> None:
    try:
        session = make_session(random_session_data(seed))
    except InputError:  # the draw broke a file rule (e.g. a deadline before its start)
        return
    answers = []
    for options in ({}, {"layout": "starts"}, {"guarded": True}):
        result = SessionModel(session, **options).solve(workers=1, seed=0, time_limit=20)
        assert result.status in (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE)
        if result.timetable is not None:
            assert broken_rules(session, result.timetable) == []
            assert cost(session, result.timetable) == result.penalties
        answers.append((result.status, result.objective))
    assert answers[0] == answers[1] == answers[2]


@pytest.mark.parametrize("tight", [False, True])
@pytest.mark.parametrize("profile", ["treaty-cop", "commission"])
def test_a_timetable_the_rules_allow_is_never_refused(profile: str, tight: bool) -> None:
    """The generator's witness keeps every rule: the model must accept it, parts fixed."""
    generated = generate_session(profile, seed=3, tight=tight)
    session = make_session(generated.data)
    for options in ({}, {"layout": "starts"}, {"guarded": True}):
        model = SessionModel(session, **options)
        used = {(r.activity, session.slot(r.date, r.period).index) for r in generated.witness}
        assert used <= set(model.variables.part)  # no pruning removed a slot it uses
        for key, part in model.variables.part.items():
            model.model.add(part == int(key in used))
        model.model.add_assumptions(list(model.guards.values()))
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = 1
        assert solver.solve(model.model) in (cp_model.OPTIMAL, cp_model.FEASIBLE)


def test_one_week_synthetic_session_is_solved_to_optimality() -> None:
    session = make_session(large_session_data(weeks=1))
    result = SessionModel(session).solve(workers=1, seed=0, time_limit=60)
    assert result.status is SolveStatus.OPTIMAL
    assert result.timetable is not None
    assert broken_rules(session, result.timetable) == []
    assert sum(cost(session, result.timetable).values()) == result.objective


@pytest.mark.slow
def test_two_week_synthetic_session_gives_a_valid_timetable() -> None:
    """Bounded in CP-SAT's deterministic time, not the wall clock: the same search on a busy
    machine as on an idle one."""
    session = make_session(large_session_data(weeks=2))
    model = SessionModel(session)
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = 10
    status = solver.solve(model.model)
    assert status in (cp_model.OPTIMAL, cp_model.FEASIBLE)
    timetable = model.timetable(solver.value)
    assert broken_rules(session, timetable) == []
    assert solver.best_objective_bound <= solver.objective_value
    # Every penalty is exact in every timetable, not only at the optimum: the objective read
    # from the solution's variables is the cost the validator recomputes.
    assert sum(cost(session, timetable).values()) == solver.value(model.objective_expr())
