"""A small conflicting set of rule instances: a first conflict, shrunk until minimal.

The first conflict comes from a pre-check that proves the session infeasible by counting
(`scheduler.prechecks`), for free, or else from the solver: the session on its wider calendar
(`models.explain_horizon`) with every instance enforced outright says whether it is
infeasible at all; then one model with every rule instance behind a literal, solved with all
literals as assumptions, names a sufficient subset of them (the core); when that takes too
long (large sessions), whole rules are dropped at once while the rest stays infeasible.
The set is then shrunk by deletion: leave one member out and solve the
session with only the remaining members enforced (a model built with everything else
dropped, much faster than the guarded one); if it is still infeasible, the member was not
needed. What remains is minimal: each member, left out alone, lets the others hold.
"""

from __future__ import annotations

import math
import time
from collections.abc import Collection
from dataclasses import dataclass
from enum import StrEnum

from ortools.sat.python import cp_model

from models.explain_horizon import Horizon, wide_model
from scheduler.prechecks import precheck
from scheduler.rules import RuleInstance, rule_instances
from scheduler.rules.subjects import SESSION


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
    #: A lone member whose necessity is left to its relaxation: the session without it alone
    #: having a timetable proves it needed, and the solve of "no rule at all" is saved.
    pending: RuleInstance | None = None


class Deadline:
    """A wall-clock budget shared by the solves of one explanation (None: no limit)."""

    def __init__(self, seconds: float | None) -> None:
        self.end = math.inf if seconds is None else time.monotonic() + seconds

    def left(self) -> float:
        return max(0.0, self.end - time.monotonic())


#: A solve's wall-clock limit when no deadline bounds it (CP-SAT wants a finite number).
NO_LIMIT = 1e9


@dataclass
class Solving:
    """How every solve of an explanation runs.

    `deterministic` (CP-SAT's deterministic time, per solve) makes an explanation the same on
    a busy machine as on an idle one: tests give it and no wall-clock deadline; planners give
    seconds (`deadline`), shared by all the solves.
    """

    deadline: Deadline
    workers: int = 1
    seed: int = 0
    solves: int = 0
    deterministic: float | None = None

    def solver(self, seconds: float | None = None) -> cp_model.CpSolver:
        """A solver for one solve, within `seconds` (default: what is left of the deadline);
        with a deterministic budget, `seconds` gives way to it (the same answer when busy)."""
        solver = cp_model.CpSolver()
        params = solver.parameters
        params.num_workers = self.workers
        params.random_seed = self.seed
        left = self.deadline.left()
        if seconds is not None and self.deterministic is None:
            left = min(seconds, left)
        params.max_time_in_seconds = min(max(left, 0.01), NO_LIMIT)
        if self.deterministic is not None:
            params.max_deterministic_time = self.deterministic
        self.solves += 1
        return solver


def instances_of(h: Horizon) -> list[RuleInstance]:
    """Every rule instance an explanation may name: the calendar's, then the model's."""
    return [*h.instances, *rule_instances(h.wide)]


def holds(
    h: Horizon, enforced: Collection[RuleInstance], run: Solving, seconds: float | None = None
) -> Verdict:
    """Whether the instances `enforced` can all hold (every other one dropped)."""
    if run.deadline.left() <= 0:
        return Verdict.UNKNOWN
    keys = {i.key for i in enforced}
    m = wide_model(h, dropped=[i.key for i in instances_of(h) if i.key not in keys])
    m.clear_objective()
    return _verdict(m.solve_with(run.solver(seconds)))


def minimal_conflict(h: Horizon, run: Solving) -> Conflict:
    """A minimal set of instances that cannot hold together, or why there is none.

    A pre-check that proves the session infeasible names a conflicting set at no solver cost,
    and proves "still infeasible" during the deletion as well; the solver answers the rest.
    Calendar and session-wide rules are tried last, so they stay when they can: "4 working
    days" tells a planner more than the fixed start that happens to collide with it.
    """
    proof = _proven(h, instances_of(h))
    if proof is not None:
        verdict, core = Verdict.INFEASIBLE, proof
    else:
        verdict, core = _core(h, run)
    if verdict is not Verdict.INFEASIBLE:
        return Conflict(verdict, (), False, run.solves)
    members = list(core)
    minimal = True
    pending: RuleInstance | None = None
    for candidate in sorted(core, key=_deletion_order):
        if candidate not in members:
            continue  # already left out with a smaller proven set
        rest = [i for i in members if i != candidate]
        if (smaller := _proven(h, rest)) is not None:
            members = smaller
            continue
        if not rest:
            pending = candidate  # see `Conflict.pending`
            continue
        answer = holds(h, rest, run)
        if answer is Verdict.INFEASIBLE:
            members = rest
        elif answer is Verdict.UNKNOWN:
            minimal = False  # kept, but not shown necessary
    order = {inst: n for n, inst in enumerate(instances_of(h))}
    return Conflict(Verdict.INFEASIBLE, tuple(sorted(members, key=order.__getitem__)), minimal,
                    run.solves, pending)  # fmt: skip


def _proven(h: Horizon, enforced: Collection[RuleInstance]) -> list[RuleInstance] | None:
    """The instances of a pre-check's proof that `enforced` cannot hold, if one finds it."""
    keys = {i.key for i in enforced}
    findings = precheck(h.session, active=lambda key: key in keys)
    if not findings:
        return None
    fewest = min(findings, key=lambda f: len(f.instances))
    named = set(fewest.instances)
    return [i for i in enforced if i.key in named]


def _deletion_order(inst: RuleInstance) -> int:
    """Activity rules first, then session-wide ones, the calendar last."""
    if inst.rule == "within-periods":
        return 2
    return 1 if inst.subject == SESSION else 0


#: The guarded solve for a core gets at most this many times the outright solve's time (at
#: least `LEAST_CORE` seconds, at most a third of what is left): on the climate session (107
#: instances, one team) the outright model is proven infeasible in 7 s, the guarded one not
#: within 60 s.
CORE_FACTOR = 2
LEAST_CORE = 2.0


def _core(h: Horizon, run: Solving) -> tuple[Verdict, list[RuleInstance]]:
    """The session's verdict with every instance enforced and, if infeasible, a core.

    The verdict comes from the model with every instance enforced outright, much faster
    than a guarded one. The core then comes from the guarded model solved under assumptions,
    within a few times that; when that runs out, from dropping whole rules at once
    (`_by_rule`), each drop one outright solve.
    """
    everything = instances_of(h)
    began = time.monotonic()
    verdict = holds(h, everything, run)
    if verdict is not Verdict.INFEASIBLE:
        return verdict, []
    took = time.monotonic() - began
    core = _guarded_core(h, run, min(max(CORE_FACTOR * took, LEAST_CORE), run.deadline.left() / 3))
    return verdict, core if core is not None else _by_rule(h, everything, run)


def _guarded_core(h: Horizon, run: Solving, seconds: float) -> list[RuleInstance] | None:
    """A core from the guarded model under assumptions, None when the time runs out."""
    m = wide_model(h, guarded=True)
    guards = m.guards  # the calendar's first, then the model's
    m.clear_objective()  # feasibility only: any witness will do
    m.assume_rules()
    solver = run.solver(seconds)
    solver.parameters.linearization_level = 2  # guarded linear rules into the LP too
    if _verdict(m.solve_with(solver)) is not Verdict.INFEASIBLE:
        return None
    by_index = {literal.index: inst for inst, literal in guards.items()}
    found = {by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()}
    # No core at all means "infeasible whatever the instances": deletion will confirm it.
    return [i for i in guards if i in found] or list(guards)


def _by_rule(h: Horizon, members: list[RuleInstance], run: Solving) -> list[RuleInstance]:
    """A smaller conflicting set: every instance of one rule dropped at once, rule by rule
    (in deletion order), while the rest still cannot hold."""
    rules = sorted({i.rule for i in members}, key=lambda r: (min(
        _deletion_order(i) for i in members if i.rule == r), r))  # fmt: skip
    for rule in rules:
        rest = [i for i in members if i.rule != rule]
        if (smaller := _proven(h, rest)) is not None:
            members = smaller
        elif holds(h, rest, run) is Verdict.INFEASIBLE:
            members = rest
    return members


def _verdict(status: object) -> Verdict:
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Verdict.FEASIBLE
    if status == cp_model.INFEASIBLE:
        return Verdict.INFEASIBLE
    return Verdict.UNKNOWN
