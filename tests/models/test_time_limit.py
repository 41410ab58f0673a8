"""A search runs to its time limit, not before it (`models.time_limit`)."""

from __future__ import annotations

import threading
import time

import pytest
from ortools.sat.python import cp_model

from models import SessionModel
from models.count_bound import CountBound
from models.model import SolveProgress, close_enough
from models.time_limit import CP_SAT_SHARE, solve_to_the_limit
from scheduler.result import SolveStatus
from tests.conftest import make_session, tiny_data

NAP = 2.0  # seconds the listener takes over the first timetable
LIMIT = 3.0  # under twice the nap: CP-SAT's forecast would stop right after it


@pytest.mark.parametrize("workers", [1, 2])
def test_a_slow_listener_does_not_end_the_search(workers: int) -> None:
    """The tiny session's first timetable (63) is far from its optimum (23), which the search
    proves within a fraction of a second. A listener that takes `NAP` seconds over the first
    timetable leaves one gap of `NAP` between two readings of CP-SAT's clock; with the limit
    given to CP-SAT as it is, it forecast the next reading past the limit and stopped right
    after the listener returned (feasible, 63 or 23 unproven). Run to the limit, the search
    goes on and proves the optimum."""
    naps: list[SolveProgress] = []

    def slow(progress: SolveProgress) -> None:
        naps.append(progress)
        if len(naps) == 1:
            time.sleep(NAP)

    model = SessionModel(make_session(tiny_data()))
    result = model.solve(time_limit=LIMIT, workers=workers, seed=0, on_solution=slow)
    assert result.status is SolveStatus.OPTIMAL
    assert result.objective == result.best_bound
    assert result.objective is not None and naps[0].objective > result.objective  # not the first


class _SearchUntilStopped:
    """A stand-in for `cp_model.CpSolver` whose search ends only when it is stopped: it
    records the limit CP-SAT would get, and whether the stop came."""

    def __init__(self, limit: float) -> None:
        self.parameters = cp_model.CpSolver().parameters
        self.parameters.max_time_in_seconds = limit
        self.stopped = threading.Event()
        self.cp_sat_limit: float | None = None

    def solve(self, model: object, callback: object = None) -> object:
        self.cp_sat_limit = self.parameters.max_time_in_seconds
        assert self.stopped.wait(timeout=10), "the search was never stopped"
        return cp_model.FEASIBLE

    def stop_search(self) -> None:
        self.stopped.set()


def test_the_limit_is_a_stop_at_the_limit_and_cp_sat_s_own_is_out_of_its_reach() -> None:
    """CP-SAT is given a limit its forecast cannot reach before ours (a gap between readings
    is never longer than the time elapsed), the search is stopped at ours, and the solver's
    parameters show the limit given."""
    solver = _SearchUntilStopped(0.05)
    status = solve_to_the_limit(solver, cp_model.CpModel())  # type: ignore[arg-type]
    assert status == cp_model.FEASIBLE and solver.stopped.is_set()
    assert solver.cp_sat_limit == CP_SAT_SHARE * 0.05
    assert CP_SAT_SHARE >= 2
    assert solver.parameters.max_time_in_seconds == 0.05


def test_a_search_without_a_limit_is_left_to_cp_sat() -> None:
    """No finite limit: nothing to stop, CP-SAT's parameters as they were (a trivial model)."""
    solver = cp_model.CpSolver()
    model = cp_model.CpModel()
    x = model.new_int_var(0, 3, "x")
    model.minimize(x)
    assert solve_to_the_limit(solver, model) == cp_model.OPTIMAL
    default = cp_model.CpSolver().parameters.max_time_in_seconds
    assert solver.parameters.max_time_in_seconds == default


def test_the_explanations_solves_run_to_their_limit_too() -> None:
    """`SessionModel.solve_with`, the solve of every explanation, re-plan core and
    alternatives check (solvers their callers configured, interleaved when several workers
    describe a timetable), is stopped by the timer at its limit like the main search."""
    model = SessionModel(make_session(tiny_data()))
    solver = _SearchUntilStopped(0.05)
    assert model.solve_with(solver) == cp_model.FEASIBLE  # type: ignore[arg-type]
    assert solver.stopped.is_set() and solver.cp_sat_limit == CP_SAT_SHARE * 0.05


# --- a bound from elsewhere ends the search ---------------------------------------------------


def test_close_enough_at_the_bound_or_within_the_gap_asked() -> None:
    assert close_enough(23, 23, None) and close_enough(22, 23, None)
    assert not close_enough(24, 23, None)
    assert close_enough(100, 91, 0.1) and not close_enough(100, 89, 0.1)
    assert close_enough(0.5, 0, 0.5)  # as CP-SAT: the gap over max(|objective|, 1)
    assert not close_enough(0.6, 0, 0.5)


def test_a_timetable_at_the_floor_ends_the_search() -> None:
    """A floor proven elsewhere (the counting relaxation's bound, here said to be above every
    timetable's cost) ends the search at the first timetable that reaches it, and the live
    display shows it as the bound. The same solve without it goes on from its first
    timetable to the optimum (23)."""

    def solve(floor: int | None) -> tuple[list[SolveProgress], float | None]:
        model = SessionModel(make_session(tiny_data()))
        if floor is not None:
            model.counted = CountBound(bound=floor, deterministic_time=0.0, optimal=False)
        seen: list[SolveProgress] = []
        result = model.solve(time_limit=30, workers=1, seed=0, on_solution=seen.append)
        return seen, result.objective

    seen, objective = solve(None)
    assert len(seen) > 1 and objective == 23 and seen[0].objective > 23
    seen, objective = solve(100)
    assert len(seen) == 1 and objective == seen[0].objective > 23
    assert seen[0].best_bound == 100
