"""A small conflicting set of rule instances: the solver's core, shrunk until minimal.

One model of the session on its wider calendar (`models.explain_horizon`) has every rule
instance behind a literal. Asking "can these instances hold together?" is one solve with
those literals as assumptions (the others are free, so their rules are lifted). An
infeasible answer comes with a sufficient subset of the assumptions (the core); the core is
then shrunk by deletion: leave one member out, and if the rest still cannot hold, it was not
needed. What remains is minimal: each member, left out alone, lets the others hold.
"""

from __future__ import annotations

import time
from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

from models.explain_horizon import Horizon, add_horizon
from models.instances import RuleInstance
from models.model import SessionModel


class Verdict(StrEnum):
    FEASIBLE = "feasible"
    INFEASIBLE = "infeasible"
    UNKNOWN = "unknown"  # the time ran out before the solver could tell


@dataclass(frozen=True)
class Conflict:
    """The outcome of the search for a minimal conflict."""

    verdict: Verdict  # of the whole session, every instance enforced
    members: tuple[RuleInstance, ...]  # empty unless infeasible
    minimal: bool  # every member was shown necessary by a solve
    solves: int


class Deadline:
    """A time budget shared by the solves of one explanation."""

    def __init__(self, seconds: float) -> None:
        self.end = time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())


class ConflictSearch:
    """The guarded model of one session, asked which instances can hold together."""

    def __init__(self, h: Horizon, *, workers: int = 1, seed: int = 0) -> None:
        self.m = SessionModel(h.wide, guarded=True)
        guards = {**add_horizon(self.m, h, guarded=True), **self.m.guards}
        self.instances: list[RuleInstance] = list(guards)  # calendar first, then by rule
        self.guards = guards
        self.by_index = {lit.index: inst for inst, lit in guards.items()}
        self.m.model.clear_objective()  # feasibility only: faster, and any witness will do
        self.workers = workers
        self.seed = seed
        self.solves = 0

    def check(
        self, enforced: Iterable[RuleInstance], deadline: Deadline
    ) -> tuple[Verdict, list[RuleInstance]]:
        """Whether `enforced` can hold together; when not, a subset that cannot (a core)."""
        chosen = [i for i in self.instances if i in set(enforced)]
        model = self.m.model
        model.clear_assumptions()
        model.add_assumptions([self.guards[i] for i in chosen])
        solver = cp_model.CpSolver()
        solver.parameters.num_workers = self.workers
        solver.parameters.random_seed = self.seed
        solver.parameters.max_time_in_seconds = max(deadline.left(), 0.01)
        status = solver.solve(model)
        self.solves += 1
        if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return Verdict.FEASIBLE, []
        if status != cp_model.INFEASIBLE:
            return Verdict.UNKNOWN, []
        found = {self.by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()}
        core = [i for i in chosen if i in found]
        return Verdict.INFEASIBLE, core or chosen

    def minimal_conflict(self, deadline: Deadline) -> Conflict:
        """A minimal set of instances that cannot hold together (deletion-based)."""
        verdict, core = self.check(self.instances, deadline)
        if verdict is not Verdict.INFEASIBLE:
            return Conflict(verdict, (), False, self.solves)
        core = self._refine(core, deadline)
        members = list(core)
        minimal = True
        for candidate in list(core):
            if candidate not in members:
                continue  # already shown unneeded by a smaller core
            rest = [i for i in members if i != candidate]
            verdict, smaller = self.check(rest, deadline)
            if verdict is Verdict.INFEASIBLE:
                members = smaller
            elif verdict is Verdict.UNKNOWN:
                minimal = False  # kept, but not shown necessary
        return Conflict(Verdict.INFEASIBLE, tuple(members), minimal, self.solves)

    def _refine(self, core: Sequence[RuleInstance], deadline: Deadline) -> list[RuleInstance]:
        """Re-solve on the core alone while that returns a smaller core (cheap shrinking)."""
        current = list(core)
        for _ in range(5):
            verdict, smaller = self.check(current, deadline)
            if verdict is not Verdict.INFEASIBLE or len(smaller) >= len(current):
                break
            current = smaller
        return current
