"""Why here, and what if: where else an activity could start, and what each choice costs.

    found = alternatives(session, "3")
    for choice in found.choices:
        print(choice.slot.label, choice.verdict, choice.delta or choice.breaks)

For every slot the activity could start in (a session day's period open to its bodies), the
session is solved again with the activity's first part forced into that slot. A choice that
has a timetable is priced in the preference terms, against the base (the optimum, or a
timetable the planner gives); one that has none names the rule instances that cannot hold
together with it: a core of CP-SAT's assumptions over guarded rules, shrunk by deletion so
that each rule named is needed.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Literal

from ortools.sat.python import cp_model

from models.context import Context, Module, PenaltyTerm
from models.model import SessionModel, session_modules, solve_status
from scheduler.result import SolveStatus
from scheduler.rules.instances import RuleInstance
from scheduler.session import Session, Slot
from scheduler.timetable import Timetable

Verdict = Literal["current", "possible", "impossible", "unknown"]


@dataclass(frozen=True)
class Choice:
    """One slot the activity could start in, and what starting there costs or breaks."""

    slot: Slot
    verdict: Verdict
    objective: int | None = None
    costs: Mapping[str, int] = field(default_factory=dict)  # per preference
    delta: Mapping[str, int] = field(default_factory=dict)  # per preference, vs the base; != 0
    breaks: tuple[RuleInstance, ...] = ()  # impossible: rules that cannot hold with it


@dataclass(frozen=True)
class Alternatives:
    """Where an activity could start instead, for one session and one base timetable."""

    activity: str
    base_objective: int | None
    base_costs: Mapping[str, int]
    current: Slot | None  # where the base timetable starts it
    choices: tuple[Choice, ...]
    solves: int = 0

    def possible(self) -> list[Choice]:
        return [c for c in self.choices if c.verdict in ("current", "possible")]


def starting_slots(session: Session, activity_id: str) -> list[Slot]:
    """The slots an activity may start in before any rule is applied: its days' periods open
    to its bodies, no holidays, evenings only when allowed, pre-session days only when fixed
    there."""
    a = session.activity(activity_id)
    members = session.body(a.body).member_ids
    pre = {*a.dates, *([a.fixed_start.date()] if a.fixed_start else [])}
    return [
        s
        for s in session.usable_slots
        if s.period.allows(members) and (not s.pre_session or s.date in pre)
    ]


def alternatives(
    session: Session,
    activity_id: str,
    *,
    timetable: Timetable | None = None,
    base_costs: Mapping[str, int] | None = None,
    time_limit: float = 10.0,
    workers: int = 1,
    seed: int = 0,
) -> Alternatives:
    """Every slot `activity_id` could start in, each priced or refused (see the module).

    The base is `timetable` with `base_costs` (the validator's costs of it), when given; else
    the session's optimum, solved here.
    """
    solves = 0
    if timetable is None:
        result = SessionModel(session).solve(time_limit=time_limit, workers=workers, seed=seed)
        solves += 1
        timetable = result.timetable
        base_costs = dict(result.penalties)
    costs = {k: int(v) for k, v in (base_costs or {}).items()}
    base_objective = sum(costs.values()) if timetable is not None else None
    current = _first_slot(session, timetable, activity_id) if timetable is not None else None
    choices: list[Choice] = []
    for slot in starting_slots(session, activity_id):
        model = SessionModel(session, _with_placement(activity_id, slot))
        result = model.solve(time_limit=time_limit, workers=workers, seed=seed)
        solves += 1
        if result.timetable is not None:
            found = {k: int(v) for k, v in result.penalties.items()}
            delta = {k: v - costs.get(k, 0) for k, v in found.items() if v != costs.get(k, 0)}
            verdict: Verdict = "current" if current is not None and slot == current else "possible"
            choices.append(Choice(slot, verdict, sum(found.values()), found, delta))
        elif result.status is SolveStatus.INFEASIBLE:
            breaks, n = _why_not(session, activity_id, slot, time_limit, workers, seed)
            solves += n
            choices.append(Choice(slot, "impossible", breaks=breaks))
        else:
            choices.append(Choice(slot, "unknown"))
    return Alternatives(activity_id, base_objective, costs, current, tuple(choices), solves)


def _first_slot(session: Session, timetable: Timetable | None, activity_id: str) -> Slot | None:
    rows = [r for r in timetable or () if r.activity == activity_id]
    slots = []
    for row in rows:
        try:
            slots.append(session.slot(row.date, row.period))
        except KeyError:
            continue
    return min(slots, key=lambda s: s.index, default=None)


def _with_placement(activity_id: str, slot: Slot) -> dict[str, Module]:
    """The session's modules and one more: the activity's first part is in `slot` (a part
    there, none before), enforced outright."""

    def placement(ctx: Context) -> list[PenaltyTerm]:
        v = ctx.v
        if not v.has(activity_id, slot):
            ctx.clause([])  # no variable there: the calendar excludes the slot
            return []
        ctx.clause([v.part[(activity_id, slot.index)]])
        for s, part in v.parts_of(activity_id):
            if s.index < slot.index:
                ctx.clause([~part])
        return []

    return {**session_modules(), "placement": placement}


def _why_not(
    session: Session, activity_id: str, slot: Slot, time_limit: float, workers: int, seed: int
) -> tuple[tuple[RuleInstance, ...], int]:
    """The rule instances that cannot hold with the placement: a feasibility model with every
    instance behind a literal, CP-SAT's core of those assumptions, then a deletion filter so
    that each instance named is needed (empty: the activity's duration alone does not fit)."""
    model = SessionModel(session, _with_placement(activity_id, slot), guarded=True)
    model.clear_objective()
    guards = model.guards
    solves = 0

    def core_of(kept: list[RuleInstance]) -> list[RuleInstance] | None:
        """The instances of a core when `kept` and the placement cannot hold; else None."""
        nonlocal solves
        solves += 1
        model.model.clear_assumptions()
        model.model.add_assumptions([guards[i] for i in kept])
        solver = cp_model.CpSolver()
        solver.parameters.max_time_in_seconds = time_limit
        solver.parameters.num_workers = workers
        solver.parameters.random_seed = seed
        if solve_status(model.solve_with(solver)) is not SolveStatus.INFEASIBLE:
            return None
        core = set(solver.sufficient_assumptions_for_infeasibility())
        return [i for i in kept if guards[i].index in core]

    core = core_of(list(guards))
    if core is None:
        return (), solves
    for member in list(core):
        if (
            member in core
            and (smaller := core_of([i for i in core if i is not member])) is not None
        ):
            core = smaller
    return tuple(core), solves
