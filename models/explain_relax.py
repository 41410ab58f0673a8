"""What dropping one rule instance buys: the session re-solved without it, in planner's words.

The session is solved with every instance enforced except the one dropped: first for any
timetable, which answers the question (on a large session the first fit's, when it is
complete and the model accepts it as it is: no search at all). Where the dropped rule has a
natural measure (interpreted meetings for a budget, meetings on the extra days for the
session's days, parts after a deadline), that measure is then made as small as the time
allows, so the answer says how far the rule must give ("12 interpreted meetings", "one more
day, Friday"), stopping at the bound the conflict itself proves; a rule without one is
re-solved briefly for the session's own objective, so the timetable described is a sensible
one.
"""

from __future__ import annotations

import datetime as dt
import time
from collections.abc import Callable, Collection
from dataclasses import dataclass
from itertools import pairwise

from ortools.sat.python import cp_model

from models import explain_words as words
from models.constructive import first_fit
from models.context import Context, PenaltyTerm, sum_of
from models.explain_core import (
    CHECK_PARAMETERS,
    Solving,
    Verdict,
    holds,
    instances_of,
    known,
    verdict_of,
)
from models.explain_horizon import DAYS, EVENINGS, Horizon, measure_key, wide_model
from models.model import FIRST_FIT_FROM, SessionModel, hint_every_variable
from models.parameters import LINEARIZATION_LEVEL
from models.relations import REMOTE_MODES
from scheduler.messages import Message
from scheduler.messages.terms import Activities, DaySpan, Joined, Listing, LongDay, Moment, Named
from scheduler.prechecks import precheck
from scheduler.prechecks.interpretation import fewest_interpreted_meetings
from scheduler.rules.instances import RuleInstance, who_term
from scheduler.session import MAX_COUNT, Activity, Session
from scheduler.timetable import Timetable


@dataclass(frozen=True)
class Relaxation:
    """Dropping one rule of the conflict: whether a timetable then exists, and what it does."""

    instance: RuleInstance
    verdict: Verdict  # FEASIBLE: dropping this rule alone gives a timetable
    message: Message  # what dropping it allows, in words
    timetable: Timetable | None = None
    amount: int | None = None  # the dropped rule's measure in that timetable, when it has one

    @property
    def feasible(self) -> bool:
        return self.verdict is Verdict.FEASIBLE

    def text(self, lang: str = "en") -> str:
        return self.message.text(lang)


#: Deterministic seconds a polishing solve (the measure, the distance, the preferences) of a
#: run bounded by the wall clock gets at least; a larger session's gets twice what its first
#: timetable took, no more (`_polish_budget`). Deterministic, so that the answer is the same
#: on a busy machine: a wall-clock second at load 6 left COP9's fewest swaps (item 3 due
#: Tuesday) at 6 after 0.14 deterministic seconds; with 1.0 it is proven 1 at 0.37. Every
#: other polishing solve of the ten COP9 variants ends, optimal, under 0.75.
LEAST_POLISH = 1.0

#: Seconds below which a relaxation is not tried: building the model alone takes longer on a
#: climate-size session (0.7 s), and an unanswered re-solve says no more than none.
LEAST_SHARE = 0.5


#: The timetable a relaxation should stay close to: (activity, date, period) of each part.
Reference = frozenset[tuple[str, dt.date, str]]


def relax(
    h: Horizon,
    instance: RuleInstance,
    run: Solving,
    share: float,
    reference: Reference | None = None,
) -> Relaxation:
    """Re-solve the session without `instance`, within `share` seconds at most.

    `instance` belongs to a conflict: the session with every instance enforced has no
    timetable. Up to three solves, each starting from the last one's timetable: any
    timetable (the first fit's on a large session when the model takes it as it is,
    `_fitted`, else the first one CP-SAT finds: it answers "does dropping it allow a
    timetable?"); then the dropped rule's measure made small ("how far must it give?"),
    stopping at once at the bound the conflict proves (`floor`); then, the measure held
    there, the fewest parts moved from `reference` (the published grid, or the session's
    timetable without the conflict: `reference`), so that what the answer lists is what the
    drop needs and no more ("item 4 before item 3", not seven swaps; not solved when the
    answer so far moves none). Without a reference, a
    rule without a measure is polished for the session's own preferences instead; on a
    large session, neither (`reference` says why). Each later solve gets at most twice the
    deterministic time the first timetable took (at least `LEAST_POLISH`), within what is
    left of `share`: a large session's time goes to its conflict, not here. With `run`'s
    deterministic budget, each solve gets that budget instead (`POLISH_SHARE` of it for
    the later ones).
    """
    others = frozenset(i.key for i in instances_of(h) if i.key != instance.key)
    if known(h, others, run) is Verdict.INFEASIBLE:  # a check of the conflict's search said so
        return _without(h, instance, cp_model.INFEASIBLE, run)
    if run.deadline.left() <= 0 or (run.deterministic is None and share < LEAST_SHARE):
        return _without(h, instance, cp_model.UNKNOWN, run)  # not even a model built
    began = time.monotonic()
    with run.phase("build"):
        m = wide_model(h, dropped=[instance.key])
        preferences = [t for group in m.penalty_terms.values() for t in group]
        measure = measure_of(m.context, h, instance)  # its variables before the first solve
        m.clear_objective()
    status, solver = _first_timetable(h, m, [instance], run, share)
    if status == cp_model.INFEASIBLE or solver is not None:
        run.checked[others] = verdict_of(status)  # what the next checks may build on
    if solver is None:
        return _without(h, instance, status, run)
    later = _polish_budget(solver)  # each later solve, at most
    last = solver  # the solve whose timetable is the answer so far

    def then(terms: list[PenaltyTerm], linearization: int = LINEARIZATION_LEVEL) -> bool:
        """Minimise `terms` from the answer so far; whether a timetable was found."""
        nonlocal last
        _start_from(m, last)
        m.minimize(terms)
        seconds = share - (time.monotonic() - began)
        again = _solver(run, seconds, polish=later, linearization=linearization)
        if m.solve_with(again) not in (cp_model.OPTIMAL, cp_model.FEASIBLE):
            return False
        last = again
        return True

    amount: int | None = None
    if measure is not None:
        amount = round(solver.value(measure))
        least = floor(h, instance)
        if amount > least:
            m.model.add(measure >= least)  # proven: the search stops there
            name = f"measure[{instance.rule}:{instance.subject}]"
            if then([PenaltyTerm(name, measure, 1)], MEASURE_LINEARIZATION):
                amount = round(last.objective_value)
        m.bound(measure, amount)
    if not large(h):  # a large session keeps its first timetable (see `reference`)
        if reference:
            distance = moved(m, reference)
            if round(last.value(distance)) > 0:  # none moved: none is closer
                then([PenaltyTerm("moved", distance, 1)], MEASURE_LINEARIZATION)
        elif measure is None:
            then(preferences)
    timetable = m.timetable(last.value)
    message = _describe(h, instance, timetable, amount)
    return Relaxation(instance, Verdict.FEASIBLE, message, timetable, amount)


def moved(m: SessionModel, reference: Reference) -> cp_model.LinearExpr:
    """Parts of `reference` not kept where they are (a part on a day or in a period the
    wider calendar lacks, or of an activity the session lacks, is left out)."""
    v, session = m.variables, m.session
    kept: list[cp_model.IntVar] = []
    for activity, date, period in reference:
        try:
            index = session.slot(date, period).index
        except KeyError:
            continue
        part = v.part.get((activity, index))
        if part is not None:
            kept.append(part)
    return len(kept) - sum_of(kept)


def reference(h: Horizon, conflict: Collection[RuleInstance], run: Solving) -> Reference | None:
    """What a relaxation of `conflict`'s rules should stay close to: the published grid, or
    else the session's timetable with the whole conflict dropped (its first timetable,
    polished briefly for the session's preferences). None when there is neither; for a
    conflict of one rule (the session without it is that rule's relaxation itself); and on
    a large session (`large`), whose relaxations are not brought closer to any: from the
    first fit, the solve for the fewest parts moved found no timetable within its budget on
    the climate session with one team (1.3 deterministic s, 3.8 s at load 5), the
    reference's polish none in 11 s (load 8), the budget's measure none in 6.5 s (2 workers
    interleaved, load 6.5), so the climate session's relaxations keep their first timetable
    (its measure still made small first: dropping the budget, 50 interpreted meetings from
    the first fit, 48 after 20 s without interleaving, at least 46 by counting)."""
    published = h.session.published
    if published and not large(h):
        return frozenset((p.activity, p.date, p.period) for p in published)
    if len(conflict) < 2 or large(h) or run.deadline.left() <= 0:
        return None
    with run.phase("build"):
        m = wide_model(h, dropped=[i.key for i in conflict])
        preferences = [t for group in m.penalty_terms.values() for t in group]
        m.clear_objective()
    _, solver = _first_timetable(h, m, conflict, run, run.deadline.left() / 4)
    if solver is None:
        return None
    timetable = m.timetable(solver.value)
    _start_from(m, solver)
    m.minimize(preferences)
    seconds, budget = run.deadline.left() / 4, _polish_budget(solver)
    solver = _solver(run, seconds, polish=budget, presolve=REFERENCE_PRESOLVE)
    if m.solve_with(solver) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        timetable = m.timetable(solver.value)
    return frozenset((p.activity, p.date, p.period) for p in timetable)


def _start_from(m: SessionModel, solver: cp_model.CpSolver) -> None:
    """Hint every variable of `m` with the solution `solver` found in it: a complete feasible
    hint is CP-SAT's first solution at once, where the parts alone left the climate session's
    measure solve without one in 6 s. A later solve only adds the bound its measure already
    meets, so the solution stays feasible."""
    hint_every_variable(m.model, list(solver.response_proto.solution))


#: A check's verdict as the CP-SAT status `_first_timetable` answers with.
_STATUS = {
    Verdict.FEASIBLE: cp_model.FEASIBLE,
    Verdict.INFEASIBLE: cp_model.INFEASIBLE,
    Verdict.UNKNOWN: cp_model.UNKNOWN,
}


def _first_timetable(
    h: Horizon, m: SessionModel, dropped: Collection[RuleInstance], run: Solving, seconds: float
) -> tuple[object, cp_model.CpSolver | None]:
    """Any timetable of `m` (the session without `dropped`) within `seconds`: the first
    fit's when the model takes it as it is (`_fitted`), else CP-SAT's first, solved as a
    check is (`CHECK_PARAMETERS`: one presolve pass, the default LP; a timetable is all it looks
    for). On a large session whose first fit does not answer, the check of the same rules
    (`holds`: the hard rules alone) answers first, and only a timetable it finds is solved
    again in `m`, from that timetable: the climate session with one team, its days dropped,
    proven without a timetable in 3.8 s (2 workers, load 1.3, the model's building included)
    where `m` took 11.4 s. The status, and the solver holding the timetable (None without
    one)."""

    began = time.monotonic()
    if (fitted := _fitted(h, m, dropped, run, seconds)) is not None:
        return cp_model.FEASIBLE, fitted
    if large(h):
        keys = {i.key for i in dropped}
        verdict = holds(h, [i for i in instances_of(h) if i.key not in keys], run, seconds)
        if verdict is not Verdict.FEASIBLE:
            return _STATUS[verdict], None
        if run.last is not None:  # the check's timetable, for the preferences' model
            m.hint(run.last)
        seconds -= time.monotonic() - began
    solver = _solver(run, seconds, linearization=CHECK_PARAMETERS["linearization_level"])
    status = m.solve_with(solver)
    return status, solver if status in (cp_model.OPTIMAL, cp_model.FEASIBLE) else None


def large(h: Horizon) -> bool:
    """Whether the session on its wider calendar is one the solver starts from a first fit
    (`FIRST_FIT_FROM` placements, activities x usable slots, and up)."""
    return len(h.wide.activities) * len(h.wide.usable_slots) >= FIRST_FIT_FROM


#: The rules the first fit reads from the session's numbers, by name -> the field of
#: `interpretation` that, set to `MAX_COUNT`, never binds: the session the first fit places
#: without the rule. The calendar's instances give way through the slots instead.
LIFTED: dict[str, str] = {
    "interpretation-budget": "budget",
    "interpretation-teams": "teams",
    "parallel-cap": "parallel_cap",
    "remote-capacity": "remote_teams",
}


def _fitted(
    h: Horizon, m: SessionModel, dropped: Collection[RuleInstance], run: Solving, seconds: float
) -> cp_model.CpSolver | None:
    """The first fit's timetable of the session without `dropped`, fixed in `m` and checked
    there: the solver that accepted it, None when the first fit is not tried or not taken.

    Tried where the solver itself starts from a first fit (`FIRST_FIT_FROM` placements and
    up), and only when every rule dropped is one the first fit can leave out: a calendar
    part (its slots left open, the other parts' closed) or a number of `LIFTED`; a rule it
    keeps would stop it anyway, the whole session having no timetable. The model with the
    first fit's placements fixed decides alone whether they keep every other rule, as
    `SessionModel.start_from_first_fit` does.
    """
    wide = h.wide
    if not large(h):
        return None
    if any(i.rule != "within-periods" and i.rule not in LIFTED for i in dropped):
        return None
    lifted = wide
    numbers = [LIFTED[i.rule] for i in dropped if i.rule in LIFTED]
    if numbers:
        data = wide.model_dump(exclude_unset=True)
        data["interpretation"].update(dict.fromkeys(numbers, MAX_COUNT))
        lifted = Session.model_validate(data, context={"unlimited": True})
    keys = {i.key for i in dropped}
    closed = frozenset().union(*(slots for key, slots in h.forbidden.items() if key not in keys))
    slots = {a: [s for s in of if s.index not in closed] for a, of in m.variables.slots.items()}
    found = first_fit(lifted, slots)
    if not found.complete:
        return None
    m.hint(found.timetable, rooms=True)
    solver = run.solver(seconds)
    params = solver.parameters
    params.num_workers = 1  # nothing to search: every placement is fixed
    params.fix_variables_to_their_hinted_value = True
    params.stop_after_first_solution = True
    if m.solve_with(solver) in (cp_model.OPTIMAL, cp_model.FEASIBLE):
        return solver
    m.model.clear_hints()  # not its placements: the search starts from nothing
    return None


#: A polishing solve (the measure, the distance, the preferences) gets this share of a
#: deterministic budget: a timetable is found already, and COP9's polishing otherwise used
#: the whole budget of each solve (an explanation of 50 s instead of 15 s under load 10).
POLISH_SHARE = 0.25


#: The LP of the measure's and the distance's solves: CP-SAT's default, not the model's
#: own (`LINEARIZATION_LEVEL`, which serves the preferences). COP9 with item 3 due Tuesday
#: without its agenda order: the fewest swaps (1) proven in 0.09 deterministic seconds at
#: level 1, 0.87 at level 2 (from the same first timetable, one worker).
MEASURE_LINEARIZATION = 1


#: A relaxed solve's presolve: the checks' (`CHECK_PARAMETERS`: one pass, no probing, no
#: symmetry detection), their LP apart; the reference's polish without probing alone
#: (`REFERENCE_PRESOLVE`). Measured on the ten COP9 variants of `benchmarks/explain_bench.py`
#: (1 worker, load 3.4-4.2, wall times), CP-SAT's time in all per variant (the conflict
#: search's checks included) with the full presolve 0.26-4.34 s (5 of 10 under 2 s); with
#: these (and, then, no LP for the first timetables: the default LP since, `CHECK_PARAMETERS`)
#: 0.14-1.91 s, every solve still optimal, the
#: same rules, minimality and measures. The measure's and distance's solves: 0.10-0.45 s
#: per variant with the checks' presolve, 0.11-0.72 s without probing alone (load 3.7-4.3).
#: The reference's polish (the session's preferences, proven optimal each time),
#: deterministic seconds over the 8 variants that have one: full presolve 1.80 in all (at
#: most 0.53), the checks' 1.56 (at most 0.72, COP9 four days), one pass with probing 2.41,
#: no probing alone 1.34 (at most 0.41). Its LP stays the model's: at level 1, 4 of 8
#: stopped unproven at 1.0; at 0, 5 of 8.
RELAXATION_PRESOLVE: dict[str, int] = {
    name: value for name, value in CHECK_PARAMETERS.items() if name != "linearization_level"
}
REFERENCE_PRESOLVE: dict[str, int] = {"cp_model_probing_level": 0}


def _polish_budget(first: cp_model.CpSolver) -> float:
    """Deterministic seconds for a polishing solve after `first` (`LEAST_POLISH`)."""
    return max(LEAST_POLISH, 2 * first.response_proto.deterministic_time)


def _solver(
    run: Solving,
    seconds: float,
    *,
    polish: float | None = None,
    linearization: int = LINEARIZATION_LEVEL,
    presolve: dict[str, int] | None = None,
) -> cp_model.CpSolver:
    """The run's solver for one relaxed solve within `seconds`: the checks' light presolve
    unless told (`RELAXATION_PRESOLVE`, `REFERENCE_PRESOLVE`), the model's own LP unless
    told (`MEASURE_LINEARIZATION`, or the checks' for a first timetable); a polishing solve
    within `polish` deterministic seconds too (`POLISH_SHARE` of the run's own budget when
    it has one); several workers interleaved, so that the timetable described is the same
    from run to run."""
    solver = run.solver(seconds)
    for name, value in (RELAXATION_PRESOLVE if presolve is None else presolve).items():
        setattr(solver.parameters, name, value)
    if polish is not None:
        solver.parameters.max_deterministic_time = (
            polish if run.deterministic is None else run.deterministic * POLISH_SHARE
        )
    solver.parameters.linearization_level = linearization
    if run.workers > 1:
        solver.parameters.interleave_search = True
    return solver


def _without(h: Horizon, instance: RuleInstance, status: object, run: Solving) -> Relaxation:
    """No timetable without `instance` alone; the other conflict, when counting finds it: a
    finding of the session's own pre-checks that does not name `instance` (its proof holds
    without it), else the pre-checks run again without it (1.3 s each on the climate
    session, whose second conflict has 20 rules: most of its relaxations' time)."""
    if status == cp_model.INFEASIBLE:
        others = [f for f in run.findings if instance.key not in f.instances]
        others = others or precheck(h.session, active=lambda key: key != instance.key)
        if others:
            why = Message.of("explain.relax.not-enough-because", other=others[0].message)
        else:
            why = Message.of("explain.relax.not-enough")
        return Relaxation(instance, Verdict.INFEASIBLE, why)
    return Relaxation(instance, Verdict.UNKNOWN, Message.of("explain.relax.undecided"))


# --- measures: how far a dropped rule gives ----------------------------------------------

#: How far a dropped instance gives, as an expression over the model (its context).
Measure = Callable[[Context, Horizon, RuleInstance], cp_model.LinearExpr | None]


def _extra_days(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """Meetings on the extra days, each weighted by its day's rank: few days, the earliest."""
    rank = {d: n for n, d in enumerate(h.extra_days, start=1)}
    return sum_of(rank[s.date] * held for _, s, held in ctx.meetings() if s.date in rank)


def _evening_meetings(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """Meetings in evening periods."""
    return sum_of(held for _, s, held in ctx.meetings() if s.period.evening)


def _holiday_meetings(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """Meetings on the holiday."""
    closed = h.forbidden[inst.key]
    return sum_of(held for _, s, held in ctx.meetings() if s.index in closed)


def _interpreted_meetings(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """Interpreted meetings in all."""
    return sum_of(held for _, _, held in ctx.meetings(interpreted_only=True))


def _peak(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """The most meetings at once (on clock overlap, as the rules count them): interpreted ones
    for the teams; for the cap, those it counts (`parallel_cap_bodies`, default all)."""
    teams = inst.rule == "interpretation-teams"
    scope = None if teams else ctx.session.interpretation.parallel_cap_bodies
    hosts = None if scope is None else {h for b in scope for h in ctx.hosts_of(b)}
    peak = ctx.model.new_int_var(0, len(ctx.session.hosts), "explain-peak")
    for at_once in ctx.meetings_per_moment(interpreted_only=teams, hosts=hosts):
        ctx.add(peak >= sum_of(at_once))
    return peak + 0


def _busiest_day(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """The most meetings the instance's body holds on one day."""
    per_date = ctx.meetings_per_day(inst.subject)
    most = max((len(held) for held in per_date.values()), default=0)
    peak = ctx.model.new_int_var(0, most, f"explain-busiest-day[{inst.subject}]")
    for held in per_date.values():
        ctx.add(peak >= sum_of(held))
    return peak + 0


def _parts_late(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr | None:
    """Parts in slots that end after the activity's deadline."""
    a = _activity(ctx, inst)
    if a is None or a.latest_end is None:
        return None
    return sum_of(part for s, part in ctx.v.parts_of(a.id) if s.end > a.latest_end)


def _parts_early(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr | None:
    """Parts in slots that start before the activity's earliest start."""
    a = _activity(ctx, inst)
    if a is None or a.earliest_start is None:
        return None
    return sum_of(part for s, part in ctx.v.parts_of(a.id) if s.start < a.earliest_start)


def _days_met(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """The dates the instance's body meets on (its joint meetings count)."""
    days: list[cp_model.IntVar] = []
    for date, held in ctx.meetings_per_day(inst.subject).items():
        day = ctx.model.new_bool_var(f"explain-meets[{inst.subject},{date:%a%d}]")
        for literal in held:
            ctx.model.add_implication(literal, day)
        days.append(day)
    return sum_of(days)


def _remote_peak(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """The most hybrid or remote interpreted meetings at one moment."""
    remote = [b.id for b in ctx.session.hosts if b.interpreted and b.mode in REMOTE_MODES]
    groups = ctx.meetings_per_moment(hosts=remote)
    most = max((len(g) for g in groups), default=0)
    peak = ctx.model.new_int_var(0, most, "explain-remote-peak")
    for held in groups:
        ctx.add(peak >= sum_of(held))
    return peak + 0


def _swaps(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr:
    """Pairs of the body's agenda taken out of order: the next one starts before the first
    ends (as `agenda_order` forbids, one pair at a time)."""
    v = ctx.v
    out_of_order: list[cp_model.IntVar] = []
    for a, c in pairwise(ctx.session.agenda_of(inst.subject)):
        swapped = ctx.model.new_bool_var(f"explain-swapped[{a.id},{c.id}]")
        for s in v.slots[c.id]:
            later = v.part_after(a.id, s)
            if later is not v.false:
                ctx.clause([~v.part[(c.id, s.index)], ~later, swapped])
        if a.body == c.body and v.layout[a.body] != "offsets":
            for s in v.slots[c.id]:
                if v.has(a.id, s):
                    both = [v.part[(a.id, s.index)], v.part[(c.id, s.index)]]
                    ctx.add(v.end[(a.id, s.index)] <= v.start[(c.id, s.index)], [~swapped, *both])
        out_of_order.append(swapped)
    return sum_of(out_of_order)


#: Measure key (`measure_key`) -> the measure the relaxed solve first makes smallest. Rules
#: without one (an order, a fixed start) are re-solved for the session's objective alone.
MEASURES: dict[str, Measure] = {
    "days": _extra_days,  # calendar: the session's working days
    "evenings": _evening_meetings,  # calendar: no evening meetings
    "holiday": _holiday_meetings,  # calendar: a holiday
    "interpretation-budget": _interpreted_meetings,
    "interpretation-teams": _peak,
    "parallel-cap": _peak,
    "deadline": _parts_late,
    "earliest-start": _parts_early,
    "max-meetings-per-day": _busiest_day,
    "remote-capacity": _remote_peak,
    "max-days": _days_met,
    "agenda-order": _swaps,
}


def measure_of(ctx: Context, h: Horizon, inst: RuleInstance) -> cp_model.LinearExpr | None:
    """The measure of `inst` over the model in `ctx`, None when its rule has none."""
    measure = MEASURES.get(measure_key(inst))
    return None if measure is None else measure(ctx, h, inst)


#: Measure key -> the rule's own limit on its measure: the largest value at which the rule
#: holds (a measure at or under it keeps the rule: the calendar's and the windows' and the
#: order's hold at zero, a count's at its number). A rule of a conflict cannot hold with
#: all the others, so the smallest measure is one more (`floor`). Every measure has one.
LIMITS: dict[str, Callable[[Session, RuleInstance], int]] = {
    "days": lambda s, i: 0,
    "evenings": lambda s, i: 0,
    "holiday": lambda s, i: 0,
    "interpretation-budget": lambda s, i: s.interpretation.budget,
    "interpretation-teams": lambda s, i: s.interpretation.teams,
    "parallel-cap": lambda s, i: s.interpretation.parallel_cap or 0,
    "deadline": lambda s, i: 0,
    "earliest-start": lambda s, i: 0,
    "max-meetings-per-day": lambda s, i: s.body(i.subject).max_meetings_per_day or 0,
    "remote-capacity": lambda s, i: s.interpretation.remote_teams or 0,
    "max-days": lambda s, i: s.body(i.subject).max_days or 0,
    "agenda-order": lambda s, i: 0,
}


def floor(h: Horizon, instance: RuleInstance) -> int:
    """The least the measure of `instance` can be once it is dropped, `instance` being a
    member of a conflict (the session with every rule has no timetable): one more than the
    rule's own limit (`LIMITS`), or what counting proves when more (the interpreted
    meetings the agenda needs at least). The measure's search stops when it gets there."""
    key = measure_key(instance)
    least = LIMITS[key](h.session, instance) + 1 if key in LIMITS else 0
    if instance.rule == "interpretation-budget":
        least = max(least, fewest_interpreted_meetings(h.wide))
    return least


def _activity(ctx: Context, inst: RuleInstance) -> Activity | None:
    return next((a for a in ctx.session.activities if a.id == inst.subject), None)


# --- descriptions ------------------------------------------------------------------------

#: What a timetable without the instance does that the instance forbade: a message or a term,
#: said in the reader's language when the explanation is rendered.
Describer = Callable[[Horizon, RuleInstance, Timetable, "int | None"], object]


def _describe(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> Message:
    """`dropping it gives a timetable: ...`, with what the timetable does that the rule forbade."""
    detail = _DESCRIBERS.get(inst.rule, _placement)(h, inst, timetable, amount)
    return Message.of("explain.relax.gives", detail=detail)


def _calendar(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> object:
    session = h.wide
    closed = {session.slots[i].date for i in h.forbidden[inst.key]}
    if inst.key == EVENINGS:
        used = [m for m in timetable.meetings() if session.slot(m.date, m.period).period.evening]
        head = Message.of("count.evening-meetings", count=len(used))
    else:
        used = [m for m in timetable.meetings() if m.date in closed]
        head = Message.of("count.meetings", count=len(used))
    if inst.key == DAYS:
        days = sorted({m.date for m in used})
        names = Joined.of(LongDay(d) for d in days)
        head = Message.of("explain.calendar.more-days", count=len(days), days=names, meetings=head)
    elif inst.key != EVENINGS:  # a holiday
        head = Message.of("explain.calendar.on-holiday", meetings=head, day=LongDay(min(closed)))
    if not used:
        return head
    return Message.of(
        "explain.calendar.with-meetings", head=head, listed=words.meetings(session, used)
    )


def _budget(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> object:
    budget = h.session.interpretation.budget
    used = timetable.interpreted_meetings()
    over = used - budget
    if over > 0:
        return Message.of("explain.budget.over", used=used, over=over, budget=budget)
    return Message.of("explain.budget.used", used=used)


def _at_once(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> object:
    session = h.wide
    teams = inst.rule == "interpretation-teams"
    limit = session.interpretation.teams if teams else (session.interpretation.parallel_cap or 0)
    by_slot: dict[tuple[dt.date, str], list[str]] = {}
    for m in timetable.meetings():
        if m.interpreted or not teams:
            by_slot.setdefault((m.date, m.period), []).append(m.body)
    busy = [(k, b) for k, b in sorted(by_slot.items()) if len(b) > limit]
    slots = []
    for (date, period), bodies in busy:
        p = session.slot(date, period).period
        names = Joined.of(Named.by(session.body(b).name.get) for b in bodies)
        slots.append(Message.of("explain.at-once.slot", span=DaySpan(date, p.start, p.end),
                                bodies=names))  # fmt: skip
    peak = max((len(b) for _, b in busy), default=limit)
    key = "explain.at-once.interpreted" if teams else "explain.at-once.any"
    return Message.of(key, peak=peak, slots=Listing.of(slots, "terms.semicolon"))


def _placement(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> object:
    """Where the instance's activity (or activities) are then taken."""
    session = h.wide
    ids = [i for i in inst.subject.split("@")[0].split("/") if _is_activity(session, i)]
    if not ids:
        return words.meetings(session, timetable.meetings())
    return Listing.of(
        (Message.of("explain.placement", who=who_term(session, i), parts=words.parts(timetable, i))
         for i in ids),
        "terms.semicolon",
    )  # fmt: skip


def _deadline(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> object:
    session = h.wide
    a = session.activity(inst.subject)
    end = max(p.end_at for p in timetable.parts_of(a.id))
    assert a.latest_end is not None
    base = _placement(h, inst, timetable, amount)
    if end <= a.latest_end:
        return base
    return Message.of("explain.deadline", placement=base, end=Moment(end))


def _not_in_parallel(
    h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None
) -> object:
    session = h.wide
    first, other = inst.subject.split("/", 1)
    mine = {(p.date, p.period) for p in timetable.parts_of(first)}
    if _is_activity(session, other):
        theirs = {(p.date, p.period) for p in timetable.parts_of(other)}
    else:  # a body or a heading: every part of what it stands for
        theirs = {
            (p.date, p.period)
            for p in timetable
            if p.activity != first
            and (p.body == other or session.activity(p.activity).parent == other)
        }
    shared = sorted(mine & theirs)
    if not shared:
        return _placement(h, inst, timetable, amount)
    at = Joined.of(
        DaySpan(d, session.slot(d, k).period.start, session.slot(d, k).period.end)
        for d, k in shared
    )
    return Message.of(
        "explain.parallel", first=who_term(session, first), other=who_term(session, other), at=at
    )


def _agenda_order(
    h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None
) -> object:
    session = h.wide
    swapped: list[Message] = []
    for a, c in pairwise(session.agenda_of(inst.subject)):
        a_end = max(p.end_at for p in timetable.parts_of(a.id))
        c_start = min(p.start_at for p in timetable.parts_of(c.id))
        if c_start < a_end:
            later, earlier = who_term(session, c.id), who_term(session, a.id)
            swapped.append(Message.of("explain.before", later=later, earlier=earlier))
    if not swapped:
        return _placement(h, inst, timetable, amount)
    body = Named.by(session.body(inst.subject).name.get)
    return Message.of("explain.agenda", body=body, swapped=Joined.of(swapped))


def _first_last(h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None) -> object:
    session = h.wide
    a = session.activity(inst.subject)
    base = _placement(h, inst, timetable, amount)
    days = set(session.session.days)
    mine = timetable.parts_of(a.id)
    others = [p for p in timetable if p.activity != a.id and p.date in days]
    if a.first:
        start = min(p.start_at for p in mine)
        beyond = sorted({p.activity for p in others if p.start_at < start})
        key = "explain.start-before"
    else:
        end = max(p.end_at for p in mine)
        beyond = sorted({p.activity for p in others if p.end_at > end})
        key = "explain.end-after"
    if not beyond:
        return base
    return Message.of(key, placement=base, listed=Activities.of(session, beyond))


def _busiest_days(
    h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None
) -> object:
    """How many meetings the body then holds on its busiest days, and which days they are."""
    body = h.wide.body(inst.subject)
    per_day: dict[dt.date, int] = {}
    for m in timetable.meetings():
        if m.body == body.id:
            per_day[m.date] = per_day.get(m.date, 0) + 1
    cap = body.max_meetings_per_day or 0
    over = sorted(d for d, n in per_day.items() if n > cap)
    if not over:
        return _placement(h, inst, timetable, amount)
    return Message.of(
        "max-meetings-per-day.relaxed",
        body=Named.by(body.name.get),
        count=max(per_day[d] for d in over),
        days=Joined.of(LongDay(d) for d in over),
    )


def _days_met_on(
    h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None
) -> object:
    """On which days the body then meets, when more than its maximum."""
    session = h.wide
    body = session.body(inst.subject)
    days = sorted(
        {m.date for m in timetable.meetings() if body.id in session.body(m.body).member_ids}
    )
    if len(days) <= (body.max_days or 0):
        return _placement(h, inst, timetable, amount)
    return Message.of(
        "max-days.relaxed",
        body=Named.by(body.name.get),
        count=len(days),
        days=Joined.of(LongDay(d) for d in days),
    )


def _remote_at_once(
    h: Horizon, inst: RuleInstance, timetable: Timetable, amount: int | None
) -> object:
    """How many hybrid or remote interpreted meetings then run at once (the measure)."""
    if amount is None:
        return _placement(h, inst, timetable, amount)
    return Message.of("remote-capacity.relaxed", count=amount)


_DESCRIBERS: dict[str, Describer] = {
    "within-periods": _calendar,
    "interpretation-budget": _budget,
    "interpretation-teams": _at_once,
    "parallel-cap": _at_once,
    "deadline": _deadline,
    "not-in-parallel": _not_in_parallel,
    "agenda-order": _agenda_order,
    "first-last": _first_last,
    "max-meetings-per-day": _busiest_days,
    "remote-capacity": _remote_at_once,
    "max-days": _days_met_on,
}


def _is_activity(session: Session, ref: str) -> bool:
    return any(a.id == ref for a in session.activities)
