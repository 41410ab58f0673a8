"""`SessionModel`: a session as a CP-SAT model, and the solve that turns it into a timetable."""

from __future__ import annotations

import math
import os
import time
from collections.abc import Callable, Iterable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

from ortools.sat.python import cp_model

from models.constraints import HARD_CONSTRAINTS
from models.context import Context, sum_of
from models.extract import extract_timetable
from models.objective import PREFERENCE_TERMS, PenaltyTerm
from models.switches import Switches
from models.variables import Layout, Variables, build_variables
from scheduler.result import SolveResult, SolveStatus
from scheduler.rules import RuleInstance, rule_instances
from scheduler.session import Session
from scheduler.timetable import Timetable


@dataclass(frozen=True)
class SolveProgress:
    """What a live display shows at each improving timetable."""

    elapsed: float  # seconds since the solve started
    objective: float
    best_bound: float
    solutions: int  # timetables found so far


ProgressListener = Callable[[SolveProgress], None]

#: Put the clauses linking parts, meetings and spans into the LP relaxation too: on the
#: one-week synthetic session it proves the optimum 10x faster (see FORMULATION.md).
LINEARIZATION_LEVEL = 2

#: With 2-3 workers CP-SAT's portfolio has no full-LP worker (its `default_lp` keeps the
#: lighter LP) and the bound stalls far below zero; `max_lp` closes it (see FORMULATION.md).
SMALL_PORTFOLIO = ("max_lp", "no_lp")

_STATUS: dict[object, SolveStatus] = {
    cp_model.OPTIMAL: SolveStatus.OPTIMAL,
    cp_model.FEASIBLE: SolveStatus.FEASIBLE,
    cp_model.INFEASIBLE: SolveStatus.INFEASIBLE,
    cp_model.UNKNOWN: SolveStatus.UNKNOWN,
    cp_model.MODEL_INVALID: SolveStatus.INVALID,
}


def solve_status(code: object) -> SolveStatus:
    """Our status for a CP-SAT status code (anything unexpected counts as INVALID)."""
    return _STATUS.get(code, SolveStatus.INVALID)


class SessionModel:
    """The CP-SAT model of one session.

    `guarded=True` puts every rule instance (`scheduler.rules.instances`) behind a literal,
    exposed in `guards`; `dropped` leaves the given instances out. `layout` forces the timing
    layout of every body (`starts`), for measurements only.
    """

    def __init__(
        self,
        session: Session,
        *,
        guarded: bool = False,
        dropped: Iterable[RuleInstance | tuple[str, str]] = (),
        layout: Layout = "offsets",
    ) -> None:
        began = time.perf_counter()
        self.session = session
        self.model = cp_model.CpModel()
        self.model.name = f"session-{session.session.number}"
        self.instances: list[RuleInstance] = rule_instances(session)
        self.switches = Switches(self.model, self.instances, guarded, dropped)
        self.variables: Variables = self._build_variables(layout)
        self.context = Context(self.model, session, self.variables, self.switches)
        self._add_constraints()
        self.penalty_terms: dict[str, list[PenaltyTerm]] = self._add_objective()
        self.build_time = time.perf_counter() - began

    @property
    def guards(self) -> dict[RuleInstance, cp_model.IntVar]:
        """Rule instance -> the literal that enforces it (empty unless guarded)."""
        return self.switches.guards

    def _build_variables(self, layout: Layout) -> Variables:
        return build_variables(self.model, self.session, self.switches, layout)

    def _add_constraints(self) -> None:
        for add_rule in HARD_CONSTRAINTS.values():
            add_rule(self.context)

    def _add_objective(self) -> dict[str, list[PenaltyTerm]]:
        terms = {name: build(self.context) for name, build in PREFERENCE_TERMS.items()}
        self.model.minimize(
            sum_of(t.weight * t.expr for group in terms.values() for t in group)  # type: ignore[misc]
        )
        return terms

    # --- solving ---------------------------------------------------------------------------

    def solve(
        self,
        time_limit: float | None = None,
        workers: int | None = None,
        seed: int | None = None,
        log_path: str | Path | None = None,
        on_solution: ProgressListener | None = None,
        hint: Timetable | None = None,
    ) -> SolveResult:
        """Solve; unset arguments come from the session's `solver:` settings."""
        settings = self.session.solver
        solver = _solver(
            settings.time_limit if time_limit is None else time_limit,
            settings.workers if workers is None else workers,
            settings.seed if seed is None else seed,
        )
        self.model.clear_hints()
        if hint is not None:
            self._hint(hint)
        self.model.clear_assumptions()
        self.model.add_assumptions(list(self.guards.values()))  # guarded: every rule holds
        progress = _Progress(on_solution)
        with _solver_log(solver, log_path):
            status = solve_status(solver.solve(self.model, progress))
        proto, params = self.model.proto, solver.parameters
        result = SolveResult(
            status=status,
            timetable=None,
            wall_time=solver.wall_time,
            build_time=self.build_time,
            solutions=progress.solutions,
            workers=params.num_workers or os.cpu_count() or 1,
            seed=params.random_seed,
            model_stats={
                "variables": len(proto.variables),
                "constraints": len(proto.constraints),
                "guards": len(self.guards),
            },
        )
        return self._with_solution(result, solver) if status.has_timetable else result

    def _with_solution(self, result: SolveResult, solver: cp_model.CpSolver) -> SolveResult:
        """The result completed with the timetable, objective, bound and penalties found."""
        return replace(
            result,
            timetable=extract_timetable(self.session, self.variables, solver.value),
            # Weights are integers: round away the floating noise of the objective's scaling.
            objective=float(round(solver.objective_value)),
            best_bound=float(math.ceil(solver.best_objective_bound - 1e-6)),
            penalties={
                name: sum(t.weight * int(solver.value(t.expr)) for t in group)
                for name, group in self.penalty_terms.items()
            },
        )

    def _hint(self, timetable: Timetable) -> None:
        """Hint every part (and minute) variable from a timetable; unknown rows are ignored."""
        minutes: dict[tuple[str, int], int] = {}
        for row in timetable:
            try:
                index = self.session.slot(row.date, row.period).index
            except KeyError:
                continue
            minutes[(row.activity, index)] = row.minutes
        v = self.variables
        for key, part in v.part.items():
            self.model.add_hint(part, key in minutes)
        for (activity, index), var in v.minute_vars.items():
            cap = min(
                self.session.slots[index].minutes, self.session.activity(activity).minutes or 0
            )
            self.model.add_hint(var, min(minutes.get((activity, index), 0), cap))


def solve(
    session: Session,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    log_path: str | Path | None = None,
    on_solution: ProgressListener | None = None,
    hint: Timetable | None = None,
    dropped: Iterable[RuleInstance | tuple[str, str]] = (),
) -> SolveResult:
    """Build the session's model and solve it (see `SessionModel.solve`)."""
    return SessionModel(session, dropped=dropped).solve(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        log_path=log_path,
        on_solution=on_solution,
        hint=hint,
    )


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    """A CP-SAT solver with our parameters (see LINEARIZATION_LEVEL and SMALL_PORTFOLIO)."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = time_limit
    params.num_workers = workers
    params.random_seed = seed
    params.linearization_level = LINEARIZATION_LEVEL
    if 2 <= (workers or os.cpu_count() or 1) <= 3:
        params.subsolvers.extend(SMALL_PORTFOLIO)
    return solver


class _Progress(cp_model.CpSolverSolutionCallback):
    """Counts timetables and tells the listener, if any."""

    def __init__(self, listener: ProgressListener | None) -> None:
        super().__init__()
        self.listener = listener
        self.solutions = 0

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.listener is not None:
            self.listener(
                SolveProgress(
                    elapsed=self.wall_time,
                    objective=self.objective_value,
                    best_bound=self.best_objective_bound,
                    solutions=self.solutions,
                )
            )


@contextmanager
def _solver_log(solver: cp_model.CpSolver, log_path: str | Path | None) -> Iterator[None]:
    """Send the solver's own search log to `log_path` (nothing when None)."""
    if log_path is None:
        yield
        return
    with open(log_path, "w", encoding="utf-8") as log:
        solver.parameters.log_search_progress = True
        solver.parameters.log_to_stdout = False

        def write(line: str) -> None:
            log.write(line + "\n")

        solver.log_callback = write
        yield
