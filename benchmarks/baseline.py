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
class BaselineResult:
    status: str
    objective: float | None
    bound: float | None
    build_s: float
    first_s: float | None  # solver time to the first solution
    solve_s: float
    solution: Solution | None


class _First(cp_model.CpSolverSolutionCallback):
    def __init__(self) -> None:
        super().__init__()
        self.first: float | None = None

    def on_solution_callback(self) -> None:
        if self.first is None:
            self.first = self.wall_time


def solve(
    instance: Instance, time_limit: float = 60.0, workers: int = 1, seed: int = 0
) -> BaselineResult:
    """Solve `instance`; status is CP-SAT's (OPTIMAL, FEASIBLE, INFEASIBLE, UNKNOWN)."""
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
    build_s = time.perf_counter() - began

    solver = cp_model.CpSolver()
    solver.parameters.max_time_in_seconds = time_limit
    solver.parameters.num_workers = workers
    solver.parameters.random_seed = seed
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
    return BaselineResult(name, objective, bound, build_s, first.first, solver.wall_time, solution)
