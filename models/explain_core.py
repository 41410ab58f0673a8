"""The preferred small set of rule instances that cannot hold together.

Which conflict: the planner's priority (`models.explain_priority`) prefers a conflict made of
the planner's own choices to one with the calendar or the budget, and `quickxplain` finds the
preferred minimal conflict under it (Junker's QuickXplain, AAAI 2004). Each of its checks is
"can these instances hold together, every other one dropped?": a pre-check that proves them
infeasible by counting (`scheduler.prechecks`) answers for free, else one solve of the
session on its wider calendar (`models.explain_horizon`) with those instances enforced
outright, much faster than a model with every instance behind a literal.

A large session (more than `SMALL_POOL` instances) is first cut to the first tiers of the
priority that cannot hold alone and to the core the guarded model names under assumptions
(or, when that takes too long, to what remains with whole rules dropped at once); the search
then finishes on that part. The result is minimal: each member, left out alone, lets the
others hold.
"""

from __future__ import annotations

import math
import time
from collections.abc import Callable, Collection, Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass, field
from enum import StrEnum
from typing import TypeVar

from ortools.sat.python import cp_model

from models.explain_horizon import Horizon, counted, wide_model
from models.explain_priority import by_priority, tier
from models.explain_words import as_written
from scheduler.prechecks import PrecheckFinding, precheck
from scheduler.rules import RuleInstance, rule_instances
from scheduler.rules.subjects import date_key
from scheduler.timetable import Timetable

T = TypeVar("T")
Key = tuple[str, str]


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

    def sooner(self, seconds: float) -> Deadline:
        """This deadline, or `seconds` from now when that comes first."""
        sooner = Deadline(None)
        sooner.end = min(self.end, time.monotonic() + seconds)
        return sooner


class Exhausted(Exception):
    """A budget of `Solving.within` is spent: the search inside it stops where it is."""


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
    #: The last timetable a check found: the next check starts from it (`holds`).
    last: Timetable | None = None
    #: Decided checks by the keys enforced (`holds`), and the pre-checks' proofs (`proven`):
    #: QuickXplain, its deletion and the next conflicts' searches ask some sets again.
    checked: dict[frozenset[tuple[str, str]], Verdict] = field(default_factory=dict)
    proofs: dict[frozenset[tuple[str, str]], frozenset[tuple[str, str]] | None] = field(
        default_factory=dict
    )
    #: The session's own pre-checks, every rule in force (`models.explain` runs them first):
    #: a finding that does not name a rule still holds without it (`explain_relax._without`).
    findings: list[PrecheckFinding] = field(default_factory=list)
    #: The horizon's `closing_keys`, by the horizon's id (one horizon per explanation).
    closing: dict[int, frozenset[tuple[str, str]]] = field(default_factory=dict)
    #: Wall seconds per phase of the explanation (`phase`), for the benchmark's table.
    phases: dict[str, float] = field(default_factory=dict)
    _open: list[str] = field(default_factory=list)
    #: Every solver made (`solver`): the deterministic time spent so far is read from them.
    _solvers: list[cp_model.CpSolver] = field(default_factory=list)
    #: Inside `within`: the deterministic time at which its budget is spent.
    _work_end: float | None = None

    def work(self) -> float:
        """Deterministic seconds of every solve so far (CP-SAT's own measure of work)."""
        return sum(_work_of(s) for s in self._solvers)

    def exhausted(self) -> bool:
        """Whether the deadline, or the budget of `within`, is spent."""
        spent = self._work_end is not None and self.work() >= self._work_end
        return spent or self.deadline.left() <= 0

    def ensure_budget(self) -> None:
        """Raise `Exhausted` when inside `within` and its budget is spent."""
        if self._work_end is not None and self.exhausted():
            raise Exhausted

    @contextmanager
    def within(self, seconds: float, work: float) -> Iterator[None]:
        """The block's solves share at most `seconds` more of the deadline and `work` more
        deterministic seconds (inside another such block, the sooner end of the two); a check
        asked once either is spent raises `Exhausted`, so a search that cannot finish stops
        at once instead of answering "unknown" check after check (a next conflict's,
        `models.explain`)."""
        outer, outer_work = self.deadline, self._work_end
        self.deadline = outer.sooner(seconds)
        end = self.work() + work
        self._work_end = end if outer_work is None else min(end, outer_work)  # nested: sooner
        try:
            yield
        finally:
            self.deadline, self._work_end = outer, outer_work

    @contextmanager
    def phase(self, name: str) -> Iterator[None]:
        """Count the block's wall time to `name`; a phase opened inside another takes its
        own time out of the outer one (each second is counted once)."""
        began = time.perf_counter()
        outer = self._open[-1] if self._open else None
        self._open.append(name)
        try:
            yield
        finally:
            self._open.pop()
            spent = time.perf_counter() - began
            self.phases[name] = self.phases.get(name, 0.0) + spent
            if outer is not None:
                self.phases[outer] = self.phases.get(outer, 0.0) - spent

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
        if self._work_end is not None:
            left = max(self._work_end - self.work(), 0.01)
            params.max_deterministic_time = min(params.max_deterministic_time, left)
        self.solves += 1
        self._solvers.append(solver)
        return solver


def _work_of(solver: cp_model.CpSolver) -> float:
    """The deterministic seconds `solver` spent: none while it has not solved."""
    try:
        return float(solver.response_proto.deterministic_time)
    except RuntimeError:  # "solve() has not been called"
        return 0.0


def instances_of(h: Horizon) -> list[RuleInstance]:
    """Every rule instance an explanation may name: the calendar's, then the model's, each
    worded where the planner wrote it (`explain_words.as_written`)."""
    return [*h.instances, *(as_written(h.session, i) for i in rule_instances(h.wide))]


def holds(
    h: Horizon, enforced: Collection[RuleInstance], run: Solving, seconds: float | None = None
) -> Verdict:
    """Whether the instances `enforced` can all hold (every other one dropped); a check an
    earlier one decides (`known`) costs no solve."""
    keys = frozenset(i.key for i in enforced)
    if (answer := known(h, keys, run)) is not None:
        return answer
    run.ensure_budget()
    if run.deadline.left() <= 0:
        return Verdict.UNKNOWN
    with run.phase("build"):
        dropped = [i.key for i in instances_of(h) if i.key not in keys]
        m = wide_model(h, dropped=dropped, preferences=False)
        m.clear_objective()
        if run.last is not None:
            m.hint(run.last)  # the checks of a search differ by a few rules: often still valid
    solver = run.solver(seconds)
    for name, value in CHECK_PARAMETERS.items():
        setattr(solver.parameters, name, value)
    verdict = verdict_of(m.solve_with(solver))
    if verdict is Verdict.FEASIBLE:
        run.last = m.timetable(solver.value)
    if verdict is not Verdict.UNKNOWN:
        run.checked[keys] = verdict
    return verdict


#: A check asks only whether a timetable exists, and most of an explanation's checks have one
#: that the search finds at once (COP9's variants: no conflict, a few thousand branches): the
#: time went to CP-SAT's presolve, three passes each probing every literal, and to its symmetry
#: detection. One pass, without probing or symmetry, 1 worker, seed 0 (deterministic seconds
#: of the search's checks, the relaxations apart; the explanations the same, word for word):
#: COP9's 10 variants of `benchmarks/explain_bench.py` 0.18-0.60 -> 0.034-0.145 per variant;
#: the 12 real variants of tests/explain/test_independent_real.py that solve checks, 1.51 -> 0.42
#: in all (UNGASS with a cap of 1, ten infeasibility proofs by the solver: 0.035 -> 0.013); the
#: climate session with one team, 2 workers, its days alone 3.68 -> 1.55 (CPU 12.6 -> 5.1 s),
#: its team alone 6.66 -> 2.63 (CPU 23.0 -> 6.7 s). No LP either (a timetable is what is
#: looked for; the counting conflicts an LP would prove are the pre-checks'): the climate
#: session's team alone, hard rules only, 1 worker, 26.8 -> 12.3 s (load 4), COP9's checks
#: 0.037-0.152 -> 0.023-0.075, UNGASS's ten proofs 0.013 -> 0.007, the same explanations.
#: But without LP the counting conflicts the pre-checks do not count are proven no more: WHA75
#: with a budget of 24 (tests/explain/test_independent_real.py), 1 worker, deterministic 20
#: a solve, took 546 s wall and ended "the time limit stopped the checks" (10 and 12 rules
#: instead of 7 and 6); with CP-SAT's default LP (level 1, the checks' own before) 14.6 s and
#: every conflict minimal; with the model's level 2, 69 s. Hence level 1.
CHECK_PARAMETERS: dict[str, int] = {
    "max_presolve_iterations": 1,
    "cp_model_probing_level": 0,
    "symmetry_level": 0,
    "linearization_level": 1,
}


def known(h: Horizon, keys: frozenset[Key], run: Solving) -> Verdict | None:
    """The verdict on `keys` (enforced, every other instance dropped) that a decided check
    implies, None if none does.

    Dropping an instance only lifts constraints, but for the few that close a door
    (`closing_keys`): a set holds if a larger one held, the rules left out closing nothing;
    a set cannot hold if a smaller one could not, the rules added opening nothing. An exact
    repeat answers whatever its rules.
    """
    if (same := run.checked.get(keys)) is not None:
        return same
    closing = _closing(h, run)
    for seen, verdict in run.checked.items():
        if verdict is Verdict.FEASIBLE and keys <= seen and not (seen - keys) & closing:
            return Verdict.FEASIBLE
        if verdict is Verdict.INFEASIBLE and seen <= keys and not (keys - seen) & closing:
            return Verdict.INFEASIBLE
    return None


def minimal_conflict(
    h: Horizon, run: Solving, pool: Sequence[RuleInstance] | None = None
) -> Conflict:
    """The preferred minimal set of instances that cannot hold together, or why there is none.

    Preferred under the planner's priority (`models.explain_priority`), found QuickXplain-style
    (`quickxplain`). `pool` (default: every instance) is where the conflict is looked for,
    every other instance dropped; a pool given is known not to hold (a relaxation said so).
    A pre-check that proves a set infeasible answers for free, the solver the rest. A pool
    larger than `SMALL_POOL` is first cut to the first tiers that cannot hold alone and to a
    core of those (`_candidates`), so that a large session's time goes to few solves.
    """
    took = 0.0
    if pool is None:
        pool = instances_of(h)
        began = time.monotonic()
        with run.phase("whole session"):
            counted_out = proven(h, pool, run) is not None
            verdict = Verdict.INFEASIBLE if counted_out else holds(h, pool, run)
        if verdict is not Verdict.INFEASIBLE:
            return Conflict(verdict, (), False, run.solves)
        took = time.monotonic() - began
    candidates = by_priority(list(pool))
    if len(candidates) > SMALL_POOL:
        with run.phase("core"):
            candidates = _candidates(h, candidates, run, took)
    members, minimal = quickxplain(h, candidates, run)
    # A lone member: no check showed that the session holds without it; its relaxation will.
    pending = members[0] if len(members) == 1 else None
    return Conflict(Verdict.INFEASIBLE, in_file_order(h, members), minimal, run.solves, pending)


def in_file_order(h: Horizon, members: Collection[RuleInstance]) -> tuple[RuleInstance, ...]:
    """A conflict's members in the order of the session's rule instances (as the file says
    them), whatever order the search found them in."""
    order = {inst.key: n for n, inst in enumerate(instances_of(h))}
    return tuple(sorted(members, key=lambda i: order[i.key]))


def quickxplain(
    h: Horizon, candidates: list[RuleInstance], run: Solving
) -> tuple[list[RuleInstance], bool]:
    """Junker's preferred conflict among `candidates` (most preferred first), which cannot
    all hold; and whether every check was decided (else it may hold a member not needed).

    A check is "do these hold together?": a pre-check's proof answers for free, else one
    outright solve; a solve the time stops counts as "they hold", which keeps a member
    rather than losing the conflict.
    """
    decided = True

    def cannot_hold(enforced: list[RuleInstance]) -> bool:
        nonlocal decided
        if proven(h, enforced, run) is not None:
            return True
        answer = holds(h, enforced, run)
        decided = decided and answer is not Verdict.UNKNOWN
        return answer is Verdict.INFEASIBLE

    with run.phase("quickxplain"):
        found = junker(candidates, cannot_hold)
    closing = _closing(h, run)
    if decided and not any(i.key in closing for i in candidates):
        return found, decided  # monotone and every check decided: minimal as found
    with run.phase("deletion check"):
        found = shrunk(found, candidates, cannot_hold)
    return found, decided


def _closing(h: Horizon, run: Solving) -> frozenset[Key]:
    """`closing_keys(h)`, computed once per horizon of the run."""
    if (closing := run.closing.get(id(h))) is None:
        closing = run.closing[id(h)] = closing_keys(h)
    return closing


def closing_keys(h: Horizon) -> frozenset[Key]:
    """The instances whose drop can close a door: a date or fixed start on a pre-session
    day (`explain_horizon._pre_session_days`: dropped, the activity belongs to the session
    days). Without them among the candidates, the checks are monotone (a set that holds
    still holds with any member left out), and QuickXplain's answer, every check decided,
    is minimal without the deletion's further solves (Junker's theorem)."""
    pre = set(h.wide.session.pre_session_days)
    keys: set[Key] = set()
    for a in h.wide.activities:
        if any(day in pre for day in a.dates):
            keys.add(date_key(a))
        if a.fixed_start is not None and a.fixed_start.date() in pre:
            keys.add(("fixed-start", a.id))
    return frozenset(keys)


def preferred_conflict(candidates: list[T], cannot_hold: Callable[[list[T]], bool]) -> list[T]:
    """The preferred minimal subset of `candidates` (most preferred first, all together
    known not to hold) that `cannot_hold`: QuickXplain (Junker, AAAI 2004).

    Divide and conquer: keep the first half as background and find what of the second half
    it needs, then what of the first half that part needs. Of all minimal conflicts it gives
    the one whose least preferred member is the most preferred possible, and so on down;
    with k members among n, about 2k log(n/k) checks.

    Dropping a rule can also close a door (a date on a pre-session day dropped, the activity
    belongs to the session days): the checks are not always monotone, so the set found is
    checked alone and then shrunk by deletion, the least preferred member first (each member
    left out once, the rest checked alone); a set that holds alone after all is replaced by
    every candidate before the deletion.
    """

    return shrunk(junker(candidates, cannot_hold), candidates, cannot_hold)


def junker(candidates: list[T], cannot_hold: Callable[[list[T]], bool]) -> list[T]:
    """QuickXplain's divide and conquer alone (`preferred_conflict`), before the check."""

    def qx(background: list[T], added: bool, rest: list[T]) -> list[T]:
        if added and cannot_hold(background):
            return []
        if len(rest) <= 1:
            return rest
        first, second = rest[: len(rest) // 2], rest[len(rest) // 2 :]
        needed_second = qx(background + first, bool(first), second)
        needed_first = qx(background + needed_second, bool(needed_second), first)
        return needed_first + needed_second

    return qx([], False, candidates) if candidates else []


def shrunk(found: list[T], candidates: list[T], cannot_hold: Callable[[list[T]], bool]) -> list[T]:
    """`found` checked alone (every candidate when it holds after all), then shrunk by
    deletion, the least preferred member first (`preferred_conflict`)."""
    if not candidates:
        return []
    if len(found) > 1 and not cannot_hold(found):
        found = list(candidates)
    for member in reversed(list(found)):
        rest = [i for i in found if i != member]
        if rest and cannot_hold(rest):
            found = rest
    return found


#: A pool of at most this many instances goes to `quickxplain` whole (COP9 has 13 or 14, a
#: check a fraction of a second); a larger one is cut first (`_candidates`).
SMALL_POOL = 24


def _candidates(
    h: Horizon, pool: list[RuleInstance], run: Solving, took: float
) -> list[RuleInstance]:
    """A conflicting part of a large `pool` (by priority), for `quickxplain` to finish.

    A pre-check's proof, when one counts the pool infeasible (free, if not always the
    preferred conflict); else the first tiers that cannot hold alone (each tier added is one
    outright solve of at most a sixth of the time left, often easy: the later tiers are
    dropped), then a pre-check's proof or the guarded model's core within them, else whole
    rules dropped at once (`_by_rule`). Given the priority, the conflict's least preferred
    tier is then the preferred one; within it, the core decides.
    """
    if (proof := proven(h, pool, run)) is not None:
        return by_priority(proof)  # free: counting proves it
    tiers = sorted({tier(i) for i in pool})
    part = pool
    for last in tiers[:-1]:
        first_tiers = [i for i in pool if tier(i) <= last]
        share = run.deadline.left() / 6
        if (
            proven(h, first_tiers, run) is not None
            or holds(h, first_tiers, run, share) is Verdict.INFEASIBLE
        ):
            part = first_tiers
            break
    if (proof := proven(h, part, run)) is not None:
        return by_priority(proof)
    seconds = min(max(CORE_FACTOR * took, LEAST_CORE), run.deadline.left() / 3)
    core = _guarded_core(h, part, run, seconds)
    return by_priority(core if core is not None else _by_rule(h, part, run))


def proven(
    h: Horizon, enforced: Collection[RuleInstance], run: Solving
) -> list[RuleInstance] | None:
    """The instances of a pre-check's proof that `enforced` cannot hold, if one finds it.

    Every finding's instances cannot hold by themselves: each is recorded as a decided
    check, so that `known` answers a larger set without a solve (the relaxations of one
    conflict, whose sessions still hold another that counting proves: two bodies each over
    its own limit)."""
    keys = frozenset(i.key for i in enforced)
    if keys not in run.proofs:
        run.ensure_budget()
        with run.phase("pre-checks"):
            findings = precheck(counted(h, keys), active=lambda key: key in keys)
        fewest = min(findings, key=lambda f: len(f.instances)) if findings else None
        run.proofs[keys] = None if fewest is None else frozenset(fewest.instances)
        for f in findings:
            shown = frozenset(f.instances)
            if counted(h, shown) is counted(h, keys):  # counted alike alone, a proof alone
                run.checked.setdefault(shown, Verdict.INFEASIBLE)
    named = run.proofs[keys]
    return None if named is None else [i for i in enforced if i.key in named]


#: The guarded solve for a core gets at most this many times the outright solve's time (at
#: least `LEAST_CORE` seconds, at most a third of what is left): on the climate session (107
#: instances, one team) the outright model is proven infeasible in 7 s, the guarded one not
#: within 60 s.
CORE_FACTOR = 2
LEAST_CORE = 2.0


def _guarded_core(
    h: Horizon, part: list[RuleInstance], run: Solving, seconds: float
) -> list[RuleInstance] | None:
    """A core of `part` (every other instance dropped) from the guarded model under
    assumptions, None when the time runs out."""
    keys = {i.key for i in part}
    run.ensure_budget()
    with run.phase("build"):
        dropped = [i.key for i in instances_of(h) if i.key not in keys]
        m = wide_model(h, dropped=dropped, guarded=True, preferences=False)
        m.clear_objective()  # feasibility only: any witness will do
        m.assume_rules()
    solver = run.solver(seconds)
    solver.parameters.linearization_level = 2  # guarded linear rules into the LP too
    if verdict_of(m.solve_with(solver)) is not Verdict.INFEASIBLE:
        return None
    by_index = {literal.index: inst.key for inst, literal in m.guards.items()}
    found = {by_index[i] for i in solver.sufficient_assumptions_for_infeasibility()}
    # No core at all means "infeasible whatever the instances": the search will confirm it.
    return [i for i in part if i.key in found] or list(part)


def _by_rule(h: Horizon, members: list[RuleInstance], run: Solving) -> list[RuleInstance]:
    """A smaller conflicting set: every instance of one rule dropped at once, rule by rule
    (the least preferred first), while the rest still cannot hold."""
    rules = list(dict.fromkeys(i.rule for i in reversed(by_priority(members))))
    for rule in rules:
        rest = [i for i in members if i.rule != rule]
        if (smaller := proven(h, rest, run)) is not None:
            members = smaller
        elif holds(h, rest, run) is Verdict.INFEASIBLE:
            members = rest
    return members


def verdict_of(status: object) -> Verdict:
    if status in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return Verdict.FEASIBLE
    if status == cp_model.INFEASIBLE:
        return Verdict.INFEASIBLE
    return Verdict.UNKNOWN
