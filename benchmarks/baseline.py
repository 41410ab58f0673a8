"""A plain CP-SAT model of the neutral family, written directly for it (a time grid).

Booleans `x[i,p]` (short item `i` in body meeting `p`), `s[i,p]` (long item starts at `p`),
`held[b,p]` and `room[b,r,p]`; meetings hold at most 12 units, a long item fills its
periods and keeps its room; chain order compares start periods (two short items may share a
meeting: any order of the chains inside it is possible). The measure of what this project's
model should be able to match on the same instance.
"""

from __future__ import annotations

import time
from dataclasses import dataclass

from ortools.sat.python import cp_model

from benchmarks.neutral import UNITS, Instance, Solution


@dataclass
class Built:
    """The baseline's model of one instance, with the literals its answer is read from."""

    model: cp_model.CpModel
    begin: dict[str, dict[int, cp_model.IntVar]]  # item -> period -> starts there
    room: dict[tuple[str, str, int], cp_model.IntVar]  # (body, room, period) -> meets there
    build_s: float  # seconds to build it


@dataclass
class BaselineResult:
    status: str
    objective: float | None
    bound: float | None
    build_s: float
    first_s: float | None  # solver time to the first solution
    solve_s: float
    solution: Solution | None
    presolve_s: float | None = None  # CP-SAT's time to the end of presolve, when measured
    #: Wall seconds from the start of model building to the first solution's callback: all
    #: of it (building, setting up the solver, presolve, search), on one clock.
    answer_s: float | None = None


class _First(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.first: float | None = None
        self.clock: float | None = None  # `time.perf_counter()` then

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = self.wall_time
            self.clock = time.perf_counter()


def build(instance: Instance) -> Built:
    """The plain model of `instance`, timed."""
    began = time.perf_counter()
    m = cp_model.CpModel()
    n = instance.periods
    closed = instance.closed
    held = {
        (b.id, p): m.new_bool_var(f"held[{b.id},{p}]") for b in instance.bodies for p in range(n)
    }
    room = {
        (b.id, r, p): m.new_bool_var(f"room[{b.id},{r},{p}]")
        for b in instance.bodies
        for r in b.rooms
        for p in range(n)
        if (r, p) not in closed
    }
    for b in instance.bodies:
        for p in range(n):
            m.add(
                sum(room[(b.id, r, p)] for r in b.rooms if (b.id, r, p) in room) == held[(b.id, p)]
            )
    for r, _ in instance.rooms:
        for p in range(n):
            users = [v for (_, rr, pp), v in room.items() if rr == r and pp == p]
            if len(users) > 1:
                m.add_at_most_one(users)
    # placement literals: at[i][p] = item occupies period p; begin[i][p] = starts at p
    begin: dict[str, dict[int, cp_model.IntVar]] = {}
    at: dict[str, dict[int, list[cp_model.IntVar]]] = {}
    for i in instance.items:
        lo = i.earliest if i.earliest is not None else 0
        hi = (i.latest if i.latest is not None else n - 1) - i.span + 1
        if i.fixed is not None:
            lo = hi = i.fixed
        begin[i.id] = {p: m.new_bool_var(f"start[{i.id},{p}]") for p in range(lo, hi + 1)}
        m.add_exactly_one(begin[i.id].values())
        occ: dict[int, list[cp_model.IntVar]] = {}
        for p, lit in begin[i.id].items():
            for t in range(p, p + i.span):
                occ.setdefault(t, []).append(lit)
                m.add_implication(lit, held[(i.body, t)])
            for t in range(p, p + i.span - 1):  # a long item keeps its room
                b = instance.body(i.body)
                for r in b.rooms:
                    here, there = room.get((i.body, r, t)), room.get((i.body, r, t + 1))
                    if here is None or there is None:
                        if here is not None:
                            m.add_implication(lit, ~here)
                        continue
                    m.add(here == there).only_enforce_if(lit)
        at[i.id] = occ
    for b in instance.bodies:
        mine = [i for i in instance.items if i.body == b.id]
        for p in range(n):
            load = []
            for i in mine:
                for lit in at[i.id].get(p, []):
                    load.append((UNITS if i.long else i.units) * lit)
            if load:
                m.add(sum(load) <= UNITS * held[(b.id, p)])
            else:
                m.add(held[(b.id, p)] == 0)
    for i in instance.items:
        if i.after is None:
            continue
        a = instance.item(i.after)
        start_i = sum(p * v for p, v in begin[i.id].items())
        end_a = sum((p + a.span - 1) * v for p, v in begin[a.id].items())
        strict = a.long or i.long or i.fixed is not None
        m.add(start_i >= end_a + (1 if strict else 0))
    for one, two in instance.pairs:
        for p in set(at[one]) & set(at[two]):
            m.add(sum(at[one][p]) + sum(at[two][p]) <= 1)
    interpreted = [b.id for b in instance.bodies if b.interpreted]
    m.add(sum(held[(b, p)] for b in interpreted for p in range(n)) <= instance.budget)
    for p in range(n):
        if len(interpreted) > instance.teams:
            m.add(sum(held[(b, p)] for b in interpreted) <= instance.teams)
    end = m.new_int_var(0, n - 1, "end")
    for (_, p), h in held.items():
        if p:
            m.add(end >= p * h)
    m.minimize((n + 1) * sum(held.values()) + end)
    return Built(m, begin, room, time.perf_counter() - began)


def _solver(time_limit: float, workers: int, seed: int) -> cp_model.CpSolver:
    """CP-SAT with its defaults but for the limit, the workers and the seed."""
    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
    return solver


def solve(
    instance: Instance,
    time_limit: float = 60.0,
    workers: int = 1,
    seed: int = 0,
    *,
    first_only: bool = False,
    presolve: bool = False,
) -> BaselineResult:
    """Build and solve `instance`; status is CP-SAT's (OPTIMAL, FEASIBLE, INFEASIBLE,
    UNKNOWN). `first_only` stops the search at its first answer (any relative gap is small
    enough: a stopping rule only, the search up to it is the same); `presolve` then measures
    the presolve alone (`presolve_seconds`)."""
    began = time.perf_counter()
    built = build(instance)
    m, begin, room = built.model, built.begin, built.room
    solver = _solver(time_limit, workers, seed)
    if first_only:
        solver.parameters.relative_gap_limit = FIRST_ONLY_GAP
    first = _First()
    status = solver.solve(m, first)
    name = solver.status_name(status)
    solution = None
    objective = bound = None
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        objective, bound = solver.objective_value, solver.best_objective_bound
        solution = Solution(
            start={
                i: next(p for p, v in lits.items() if solver.value(v)) for i, lits in begin.items()
            },
            room={(b, p): r for (b, r, p), v in room.items() if solver.value(v)},
        )
    return BaselineResult(
        name,
        objective,
        bound,
        built.build_s,
        first.first,
        solver.wall_time,
        solution,
        presolve_seconds(m, solver) if presolve else None,
        None if first.clock is None else first.clock - began,
    )


#: A relative gap every answer is within: a search told to stop at it stops at its first one.
FIRST_ONLY_GAP = 1e12


def presolve_seconds(model: cp_model.CpModel, solver: cp_model.CpSolver) -> float:
    """Wall seconds CP-SAT spends on `model` up to the end of its presolve, with `solver`'s
    parameters (a solve of its own, stopped there)."""
    probe = cp_model.CpSolver()
    probe.parameters.copy_from(solver.parameters)
    probe.parameters.stop_after_presolve = True
    probe.solve(model)
    return float(probe.wall_time)
