"""`SessionModel`: a session as a CP-SAT model built from modules, and the solve that turns it
into a timetable.

A module is a function `Context -> list[PenaltyTerm]` (`models.context`): the hard rules of
`models.constraints` return nothing, the preferences of `models.objective` their penalty
terms. A re-plan composes the same model with two modules more (`models.replan`); an
explanation with the calendar's (`models.explain_horizon`).
"""

from __future__ import annotations

import gc
import math
import os
import time
from collections.abc import Callable, Iterable, Iterator, Mapping
from contextlib import contextmanager
from contextvars import ContextVar
from dataclasses import dataclass, replace
from pathlib import Path

from ortools.sat.python import cp_model

from models.bounds import BOUNDS
from models.constraints import HARD_CONSTRAINTS
from models.constructive import FirstFit
from models.context import Context, Module, PenaltyTerm, hard, sum_of, weighted
from models.count_bound import CountBound, CountRelaxation
from models.extract import Value, extract_timetable
from models.objective import PREFERENCE_TERMS
from models.parameters import Structure, configure
from models.switches import Switches
from models.time_limit import solve_to_the_limit
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

#: From this many placements (activities x usable slots) up, a solve with no hint given starts
#: from a first timetable built in Python (`models.constructive.first_fit`), completed by a
#: short solve with those placements fixed, then given whole to CP-SAT as its hint. Smaller
#: sessions find their first timetable within a second anyway (cop-5x: 1,000 placements,
#: 0.3 s), and their search is left as it was.
FIRST_FIT_FROM = 2_000

#: At most this share of the time limit goes to completing the first fit (the fixed solve).
FIRST_FIT_SHARE = 0.25

#: From this many placements up, a session whose parallel cap names its bodies gets a bound
#: from its counting relaxation (`models.count_bound`) before the search, added as
#: `objective >= bound`: the trade between compact bodies and evening meetings under the
#: scoped cap, which the search's LP reaches late on a large session. Measured at 60 s, 2
#: workers, load 9 (FORMULATION.md, "Bounds"): climate-15x60 (27,720 placements) bound 1,210
#: -> 1,345 (1 worker: 605 -> 1,367); climate-2w (13,350) 902 without, and 885 from the
#: relaxation: below this size the search's own bound is the better one. A global cap is
#: left to the search (cop-40x: 213 against 232).
COUNT_BOUND_FROM = 20_000

#: The relaxation's deterministic time: at most this, and at most this share of the time limit;
#: on a loaded machine its wall time is also cut at `FIRST_FIT_SHARE` of the limit.
COUNT_BOUND_TIME = 5.0
COUNT_BOUND_SHARE = 0.1

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


def hard_modules() -> dict[str, Module]:
    """Every hard rule of `models.constraints.HARD_CONSTRAINTS` as a module, in catalogue order."""
    return {name: hard(add) for name, add in HARD_CONSTRAINTS.items()}


def session_modules() -> dict[str, Module]:
    """The session's own model: every hard rule, then every preference (`models.objective`),
    then the redundant constraints that strengthen their LP bound (`models.bounds`)."""
    return {**hard_modules(), **PREFERENCE_TERMS, **BOUNDS}


class SessionModel:
    """The CP-SAT model of one session, composed of modules.

    `modules` (name -> module, default `session_modules()`) are added in order to one
    `Context`; what each returns is kept in `terms`, and the preferences' terms are the
    objective until `minimize` chooses other terms. `guarded=True` puts every rule instance
    (`scheduler.rules.instances`) behind a literal, exposed in `guards`; `dropped` leaves the
    given instances out. `layout` forces the timing layout of every body (`starts`), for
    measurements only.
    """

    def __init__(
        self,
        session: Session,
        modules: Mapping[str, Module] | None = None,
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
        with _collector_paused():
            self.variables: Variables = build_variables(self.model, session, self.switches, layout)
            self.context = Context(self.model, session, self.variables, self.switches)
            self.modules: dict[str, Module] = dict(
                session_modules() if modules is None else modules
            )
            self.terms: dict[str, list[PenaltyTerm]] = {
                name: module(self.context) for name, module in self.modules.items()
            }
            self.variables.settle()  # every rule is in: the meetings whose times are needed
        self._objective: cp_model.LinearExpr | None = None
        #: The fixed solve that completed the first fit, when it found its timetable.
        self._started: cp_model.CpSolver | None = None
        self.minimize(t for group in self.penalty_terms.values() for t in group)
        self._session_objective = self._objective  # what `count_bound` bounds
        #: The counting relaxation's bound, once it ran (`count_bound`).
        self.counted: CountBound | None = None
        self.build_time = time.perf_counter() - began

    @property
    def guards(self) -> dict[RuleInstance, cp_model.IntVar]:
        """Rule instance -> the literal that enforces it (empty unless guarded)."""
        return self.switches.guards

    @property
    def penalty_terms(self) -> dict[str, list[PenaltyTerm]]:
        """The preferences' terms by preference name: the default objective, and what a solve
        reports per preference (`SolveResult.penalties`)."""
        return {name: terms for name, terms in self.terms.items() if name in PREFERENCE_TERMS}

    # --- objective, bounds, hints ----------------------------------------------------------

    def minimize(self, terms: Iterable[PenaltyTerm]) -> None:
        """Make the weighted sum of `terms` the objective (replacing any earlier one)."""
        self._objective = weighted(terms)
        self.model.minimize(self._objective)

    def clear_objective(self) -> None:
        """No objective: a feasibility question, which any timetable answers."""
        self._objective = None
        self.model.clear_objective()

    def objective_expr(self) -> cp_model.LinearExpr:
        """The expression being minimised (0 without an objective)."""
        return sum_of([]) if self._objective is None else self._objective

    def bound(self, expr: cp_model.LinearExprT, value: int) -> None:
        """Hard from now on: `expr` is at most `value` (e.g. an objective held at its optimum)."""
        self.model.add(expr <= value)

    def hint(self, timetable: Timetable, *, rooms: bool = False) -> None:
        """Hint every part (and minute) variable from a timetable, replacing any earlier hint;
        with `rooms`, the rooms of many-room bodies too. Unknown rows are ignored."""
        self.model.clear_hints()
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
        if rooms:
            self._hint_rooms(timetable)

    def _hint_rooms(self, timetable: Timetable) -> None:
        v = self.variables
        held_in: dict[tuple[str, int], str] = {}
        for row in timetable:
            try:
                held_in[(row.body, self.session.slot(row.date, row.period).index)] = row.room
            except KeyError:
                continue
        for (body, room, index), var in v.room.items():
            if var is v.held.get((body, index)):
                continue  # a one-room body: its room is its meeting, hinted by the parts
            self.model.add_hint(var, held_in.get((body, index)) == room)

    def assume_rules(self) -> None:
        """Solve under the assumption that every guard holds (nothing when unguarded); an
        infeasible solve then names a subset of them that cannot all hold."""
        self.model.clear_assumptions()
        self.model.add_assumptions(list(self.guards.values()))

    def solve_with(self, solver: cp_model.CpSolver) -> object:
        """Solve with a solver the caller configured (explanations share one time budget),
        stopped at its time limit, not before (`models.time_limit`); the CP-SAT status. Read
        the answer from `solver` (`timetable(solver.value)`)."""
        return solve_to_the_limit(solver, self.model)

    def timetable(self, value: Value) -> Timetable:
        """The timetable of a solution (`value` reads a variable, e.g. `solver.value`)."""
        return extract_timetable(self.session, self.variables, value)

    # --- solving ---------------------------------------------------------------------------

    def solve(
        self,
        time_limit: float | None = None,
        workers: int | None = None,
        seed: int | None = None,
        log_path: str | Path | None = None,
        on_solution: ProgressListener | None = None,
        hint: Timetable | None = None,
        gap: float | None = None,
        start: bool | None = None,
    ) -> SolveResult:
        """Solve; unset arguments come from the session's `solver:` settings.

        `hint` is `self.hint(hint)` first; without it the last hint given stays, unless
        `start` (by default: from `FIRST_FIT_FROM` placements up, when no hint was given
        before) builds one (`first_fit`, only a hint: the solver keeps every rule; after the
        counting relaxation, `follow_relaxation` may replace it with a cheaper one). A `seed`
        given makes the search reproducible with any number of workers
        (`models.parameters.INTERLEAVE_WHEN_SEEDED`).
        `gap` stops the search once the relative gap between the best timetable and the bound
        is at most that (0.01: 1 %); the status is then `FEASIBLE` unless the gap is closed.
        """
        settings = self.session.solver
        limit = settings.time_limit if time_limit is None else time_limit
        chosen_seed = settings.seed if seed is None else seed
        self.assume_rules()  # guarded: every rule holds
        spent = 0.0  # seconds of this solve before the main search: the first fit
        self._started = None
        if hint is not None:
            self.hint(hint)
        elif self._starts_from_first_fit() if start is None else start:
            spent = self.start_from_first_fit(limit * FIRST_FIT_SHARE, chosen_seed)
            if self._started is not None and on_solution is not None:
                started = self._started
                on_solution(SolveProgress(spent, started.objective_value, math.nan, 1))
        fitted = spent  # the first fit's timetable, if it completed, came then
        spent += self.count_bound(limit)
        improved = self._started
        spent += self.follow_relaxation(limit * FIRST_FIT_SHARE, chosen_seed)
        if self._started is not improved and on_solution is not None:
            started = self._started
            on_solution(SolveProgress(spent, self._objective_value(started), math.nan, 2))
        # the relaxation's bound, proven outside the search (None: none)
        floor = None if self.counted is None else self.counted.bound
        solver = _solver(
            max(limit - spent, LEAST_SEARCH),
            settings.workers if workers is None else workers,
            chosen_seed,
            reproducible=seed is not None,
            gap=gap,
            placements=self._placements(),
            bounded=floor is not None,
        )
        progress = _Progress(on_solution, offset=spent, floor=floor, gap=gap)
        with _solver_log(solver, log_path):
            status = solve_status(solve_to_the_limit(solver, self.model, progress))
        proto, params = self.model.proto, solver.parameters
        searched = solver.wall_time  # the main search's, even when its answer is the start's
        first = progress.first_time
        if self._started is not None:  # the first fit completed: the first timetable
            first = fitted - spent
            progress.solutions += 1 + (self._started is not improved)
            if not status.has_timetable:  # the search found none of its own in time
                status, solver = SolveStatus.FEASIBLE, self._started
        result = SolveResult(
            status=status,
            timetable=None,
            wall_time=spent + searched,
            build_time=self.build_time,
            solutions=progress.solutions,
            workers=params.num_workers or os.cpu_count() or 1,
            seed=params.random_seed,
            interleaved=params.interleave_search,
            first_solution_time=None if first is None else spent + first,
            gap_limit=gap,
            model_stats={
                "variables": len(proto.variables),
                "constraints": len(proto.constraints),
                "guards": len(self.guards),
            },
        )
        if not status.has_timetable:
            return result
        found = self._with_solution(result, solver)
        if solver is self._started:  # the fixed solve's bound is its own, not the session's
            found = replace(found, best_bound=None)
        elif status is SolveStatus.OPTIMAL:
            found = self._without_idle_minutes(found, solver, limit - spent - solver.wall_time)
        if floor is not None:  # max of the two
            bound = max(found.best_bound or 0.0, floor)
            closed = found.objective is not None and bound >= found.objective
            found = replace(
                found, best_bound=bound, status=SolveStatus.OPTIMAL if closed else found.status
            )
        return found

    def _without_idle_minutes(
        self, found: SolveResult, solver: cp_model.CpSolver, seconds: float
    ) -> SolveResult:
        """The optimum found, with no more idle minutes inside meetings than it needs.

        An `idle` gap costs nothing, so among equal optima the search may leave one where no
        exact time asks for it (an item starting at 11:31 after one ending at 11:30). A second
        solve, on a copy of the model held at the optimum's cost, minimises the idle minutes,
        from the optimum as its hint; it keeps the first answer if it finds nothing better.
        """
        idle = list(self.variables.idle.values())
        if self._objective is None or not any(solver.value(i) for i in idle) or seconds < 0.05:
            return found
        tidy = self.model.clone()  # the same variables, by index
        hint_every_variable(tidy, list(solver.response_proto.solution))
        tidy.add(self._objective <= round(solver.objective_value))
        tidy.minimize(sum_of(idle))
        second = _solver(min(seconds, IDLE_SECONDS), 1, solver.parameters.random_seed)
        tidied = solve_status(solve_to_the_limit(second, tidy))
        if tidied not in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE):
            return found
        return replace(
            found, timetable=self.timetable(second.value), penalties=self._penalties(second.value)
        )

    def count_bound(self, time_limit: float) -> float:
        """On a session large enough to need it (`COUNT_BOUND_FROM`, a scoped parallel cap),
        unguarded, with the session's own objective: solve its counting relaxation once and
        hold the objective at or above the bound it proves. The seconds it took."""
        session = self.session
        if (
            self.counted is not None
            or self._objective is not self._session_objective
            or self.guards
            or self.modules.keys() != session_modules().keys()
            or session.interpretation.parallel_cap_bodies is None
            or self._placements() < COUNT_BOUND_FROM
        ):
            return 0.0
        began = time.perf_counter()
        budget = min(COUNT_BOUND_TIME, COUNT_BOUND_SHARE * time_limit)
        wall = time_left(FIRST_FIT_SHARE * time_limit)
        self.counted = CountRelaxation(self.context).solve(budget, wall)
        if self.counted.bound is not None:
            self.model.add(self.objective_expr() >= self.counted.bound)
        return time.perf_counter() - began

    def _starts_from_first_fit(self) -> bool:
        """By default: a large session, and no hint given earlier (a re-plan's own)."""
        if len(self.model.proto.solution_hint.vars):
            return False
        return self._placements() >= FIRST_FIT_FROM

    def _placements(self) -> int:
        """Activities x usable slots: the size of the placement problem."""
        return len(self.session.activities) * len(self.session.usable_slots)

    def start_from_first_fit(self, time_limit: float, seed: int = 0) -> float:
        """Hint the search with a first timetable: `first_fit`'s placements, fixed, completed
        by a one-worker solve of at most `time_limit` seconds (every variable then has its
        hint: CP-SAT takes a complete feasible hint as its first solution). When that solve
        finds nothing (the first fit is partial, or breaks a rule it does not look for), the
        first fit's parts are the hint as they are. The seconds it took."""
        from models.constructive import first_fit

        began = time.perf_counter()
        found = first_fit(self.session, self.variables.slots)
        self._started = self._complete(found, time_limit, seed)
        if self._started is None:
            self.hint(found.timetable, rooms=True)
        return time.perf_counter() - began

    def follow_relaxation(self, time_limit: float, seed: int = 0) -> float:
        """A cheaper start, once the first fit completed and the counting relaxation ran: a
        first timetable that follows the relaxation's meetings (`guided_fit`), completed as
        the first fit is, in at most `time_limit` seconds; it replaces the first fit's when
        that completion finds a timetable cheaper than the first fit's. The seconds it took.

        The relaxation trades the bodies' meetings against each other under the shared
        capacities, which a greedy in time order cannot see: on climate 15 days x 60 rooms,
        evening meetings and meetings beside the plenary's opening (FORMULATION.md, "A
        start that follows the relaxation")."""
        from models.constructive import guided_fit
        from scheduler.validation.costs import objective, preference_costs

        counted, started = self.counted, self._started
        if counted is None or counted.meetings is None or started is None:
            return 0.0
        began = time.perf_counter()
        found = guided_fit(self.session, self.variables.slots, counted.meetings)

        def cost(timetable: Timetable) -> int:  # a fixed solve's own objective can sit above
            return objective(preference_costs(self.session, timetable))

        first = cost(self.timetable(started.value))
        if found is None or cost(found.timetable) >= first:
            return time.perf_counter() - began
        completed = self._complete(found, time_limit, seed)
        if completed is not None and cost(self.timetable(completed.value)) < first:
            self._started = completed
        else:  # the first fit's timetable stays the start
            hint_every_variable(self.model, list(started.response_proto.solution))
        return time.perf_counter() - began

    def _complete(self, found: FirstFit, time_limit: float, seed: int) -> cp_model.CpSolver | None:
        """A solve with `found`'s placements fixed, of at most `time_limit` seconds, that
        completed it (every variable then has its hint), or None."""
        self._hint_placed(found)
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.max_time_in_seconds = time_left(time_limit)
        params.num_workers = 1
        params.random_seed = seed
        params.fix_variables_to_their_hinted_value = True
        params.stop_after_first_solution = True
        status = solve_to_the_limit(solver, self.model)
        if status not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return None
        hint_every_variable(self.model, list(solver.response_proto.solution))
        return solver

    def _hint_placed(self, found: FirstFit) -> None:
        """Hint the parts (and minutes) of the activities the first fit places, and the room
        of each of their meetings. Where it left an activity out, nothing is hinted about
        that activity's bodies (and their joint meetings), nor about the activities held on
        the dates it could use between its placed neighbours (`FirstFit.reopen`; every date
        it could use when not given): a fixed solve then places those anew."""
        self.model.clear_hints()
        session, v = self.session, self.variables
        left = {b for a in found.unplaced for b in session.activity(a).bodies}
        free = {h.id for h in session.hosts if left & set(h.member_ids)}
        dates = (
            {s.date for a in found.unplaced for s in v.slots[a]}
            if found.reopen is None
            else set(found.reopen)
        )
        moved = {row.activity for row in found.timetable if row.date in dates}
        timetable = Timetable.of(
            row for row in found.timetable if row.body not in free and row.activity not in moved
        )
        minutes: dict[tuple[str, int], int] = {}
        held_in: dict[tuple[str, int], str] = {}
        for row in timetable:
            index = session.slot(row.date, row.period).index
            minutes[(row.activity, index)] = row.minutes
            held_in[(row.body, index)] = row.room
        placed = {row.activity for row in timetable}
        for (activity, index), part in v.part.items():
            if session.slots[index].date in dates:
                continue
            if activity in placed:
                self.model.add_hint(part, (activity, index) in minutes)
                var = v.minute_vars.get((activity, index))
                if var is not None:
                    self.model.add_hint(var, minutes.get((activity, index), 0))
        for (body, room, index), var in v.room.items():
            if session.slots[index].date in dates:
                continue
            if (body, index) in held_in and var is not v.held.get((body, index)):
                self.model.add_hint(var, held_in[(body, index)] == room)

    def _with_solution(self, result: SolveResult, solver: cp_model.CpSolver) -> SolveResult:
        """The result completed with the timetable, objective, bound and penalties found."""
        # The objective's value in the timetable returned, read from its variables: CP-SAT's
        # `objective_value` is its presolved model's, which can sit above it on a stopped
        # search (a variable only the objective uses, set lower by the postsolve).
        objective = float(self._objective_value(solver))
        bound = float(math.ceil(solver.best_objective_bound - 1e-6))
        status = result.status
        if status is SolveStatus.OPTIMAL and bound < objective:
            status = SolveStatus.FEASIBLE  # stopped at the gap limit: not proven best
        return replace(
            result,
            status=status,
            timetable=self.timetable(solver.value),
            objective=objective,
            best_bound=bound,
            penalties=self._penalties(solver.value),
        )

    def _objective_value(self, solver: cp_model.CpSolver) -> int:
        """The objective's value in a solver's solution, read from its variables (CP-SAT's
        `objective_value` is its presolved model's)."""
        if self._objective is None:
            return round(solver.objective_value)
        return int(solver.value(self._objective))

    def _penalties(self, value: Value) -> dict[str, int]:
        """Each preference's cost in a solution (`value` reads a variable)."""
        return {
            name: sum(t.weight * int(value(t.expr)) for t in group)
            for name, group in self.penalty_terms.items()
        }


@contextmanager
def _collector_paused() -> Iterator[None]:
    """No cyclic garbage collection while a model is built: building makes tens of thousands
    of objects that live as long as the model, and each collection they trigger walks them
    all again (a third of the building time of neutral 40x20x8: 0.29 -> 0.20 s for three
    builds). Resumed after, if it ran before."""
    running = gc.isenabled()
    gc.disable()
    try:
        yield
    finally:
        if running:
            gc.enable()


def hint_every_variable(model: cp_model.CpModel, values: list[int]) -> None:
    """Hint every variable of `model` with a solution's `values` (in variable order), replacing
    any earlier hint: CP-SAT takes a complete feasible hint as its first solution."""
    model.clear_hints()
    hint = model.proto.solution_hint
    hint.vars.extend(range(len(values)))
    hint.values.extend(values)


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
    gap: float | None = None,
) -> SolveResult:
    """Build the session's model and solve it (see `SessionModel.solve`)."""
    return SessionModel(session, dropped=dropped).solve(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        log_path=log_path,
        on_solution=on_solution,
        hint=hint,
        gap=gap,
    )


#: The end (`time.monotonic()`) of the whole command's time, when one is set: each search
#: gets at most what is left of it, so the time spent building models counts too.
_DEADLINE: ContextVar[float | None] = ContextVar("deadline", default=None)

#: A search always gets this much, even past the deadline, to report an honest "unknown".
LEAST_SEARCH = 0.01

#: At most this long to take idle minutes out of an optimum (`_without_idle_minutes`).
IDLE_SECONDS = 2.0


@contextmanager
def deadline(seconds: float) -> Iterator[None]:
    """Within the block, every solve of `SessionModel` ends within `seconds` from now in all,
    model building included (a re-plan's phases share them)."""
    token = _DEADLINE.set(time.monotonic() + seconds)
    try:
        yield
    finally:
        _DEADLINE.reset(token)


def time_left(time_limit: float) -> float:
    """`time_limit`, cut to what is left before the deadline, if one is set."""
    end = _DEADLINE.get()
    if end is None:
        return time_limit
    return max(min(time_limit, end - time.monotonic()), LEAST_SEARCH)


def _solver(
    time_limit: float,
    workers: int,
    seed: int,
    *,
    reproducible: bool = False,
    gap: float | None = None,
    placements: int = 0,
    bounded: bool = False,
) -> cp_model.CpSolver:
    """A CP-SAT solver with our parameters, chosen by `models.parameters.configure` from the
    workers, the size and whether the bound comes from elsewhere (`bounded`: the counting
    relaxation); the time left, the gap asked for (`--gap`) and the seed are set here."""
    solver = cp_model.CpSolver()
    params = solver.parameters
    params.max_time_in_seconds = time_left(time_limit)
    if gap is not None:
        params.relative_gap_limit = gap
    params.random_seed = seed
    configure(params, Structure(workers, placements, reproducible, bounded))
    return solver


class _Progress(cp_model.CpSolverSolutionCallback):
    """Counts timetables, notes when the first came, and tells the listener, if any."""

    def __init__(
        self,
        listener: ProgressListener | None,
        offset: float = 0.0,
        floor: float | None = None,
        gap: float | None = None,
    ) -> None:
        super().__init__()
        self.listener = listener
        self.offset = offset  # seconds of the solve before this search (the first fit)
        #: a bound proven outside this search (the counting relaxation), which CP-SAT's own
        #: bound may not show: an LNS-only search has none of its own
        self.floor = floor
        self.gap = gap  # the relative gap asked for (`--gap`)
        self.solutions = 0
        self.first_time: float | None = None  # the solver's wall time at the first timetable

    def on_solution_callback(self) -> None:
        self.solutions += 1
        if self.first_time is None:
            self.first_time = self.wall_time
        objective = self.objective_value
        bound = self.best_objective_bound
        if self.floor is not None:
            bound = max(bound, self.floor)
            if close_enough(objective, self.floor, self.gap):
                self.stop_search()  # proven good enough by the floor: CP-SAT cannot see it
        if self.listener is not None:
            self.listener(
                SolveProgress(
                    elapsed=self.offset + self.wall_time,
                    objective=objective,
                    best_bound=bound,
                    solutions=self.solutions,
                )
            )


def close_enough(objective: float, bound: float, gap: float | None) -> bool:
    """Whether a timetable of cost `objective` needs no more search, given a proven lower
    `bound`: it reaches the bound, or its relative gap is at most `gap` (as CP-SAT's
    `relative_gap_limit` reads it: `(objective - bound) / max(|objective|, 1)`)."""
    if objective <= bound:
        return True
    return gap is not None and objective - bound <= gap * max(abs(objective), 1.0)


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
