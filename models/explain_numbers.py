"""The numbers behind a conflict: the pre-checks' arithmetic, else the count the solver proves.

The pre-checks (`scheduler.prechecks`) count what the conflict's rules need, with only those
rules in force and the calendar as the planner wrote it: "Plenary 5, Committee A 12, ...; the
budget is 24". Some conflicts are beyond their counts (an item that continues in its body's
next meeting through two fixed starts and a working group's deadline: WHA75 with a budget of
24). For a conflict with the interpretation budget, the solver then gives the number: the
fewest interpreted meetings a timetable keeping the conflict's other rules can have (every rule
outside the conflict dropped), found and proven optimal, and how that timetable shares them
out among the bodies. The conflict itself proves the budget too small (without it the others
cannot hold within it), so the search starts at one more than the budget and stops as soon as
it gets there; a count it cannot prove within its small budget is not said.
"""

from __future__ import annotations

from collections import Counter

from ortools.sat.python import cp_model

from models.context import PenaltyTerm
from models.explain_core import Solving, instances_of
from models.explain_horizon import Horizon, wide_model
from models.explain_relax import LIMITS, measure_of
from scheduler.messages import Message
from scheduler.messages.terms import Listing
from scheduler.prechecks import PrecheckFinding, precheck
from scheduler.prechecks.findings import BUDGET, finding
from scheduler.prechecks.wording import body_name
from scheduler.rules.instances import RuleInstance
from scheduler.session import Session

#: The solve for the fewest interpreted meetings gets at most this share of what is left of
#: the explanation's deadline, and this many deterministic seconds: an answer's extra, never
#: at the cost of the next conflict. WHA75 with a budget of 24, the conflict of Committee A's
#: agenda, the two fixed starts and item 9's date: 25, proven in 0.1 deterministic seconds.
NUMBERS_SHARE = 0.1
NUMBERS_WORK = 1.0


def numbers(h: Horizon, members: list[RuleInstance], run: Solving) -> list[PrecheckFinding]:
    """The numbers behind the conflict `members`: the pre-checks', else the solver's fewest
    interpreted meetings (`fewest_interpreted`), else none."""
    found = counted(h.session, members)
    if found:
        return found
    solved = fewest_interpreted(h, members, run)
    return [solved] if solved is not None else []


def counted(session: Session, members: list[RuleInstance]) -> list[PrecheckFinding]:
    """The pre-checks' numbers behind the conflict, on the calendar as the planner wrote it.

    Only the conflict's rules are in force, but the session's days, evenings and holidays
    stay as they are: a count never includes the explainer's own extra days or evenings
    ("4 exist", not the 5 an extra evening would give). A finding that needs a rule outside
    the conflict and the calendar is left out; one through a calendar rule the conflict does
    not name, unless nothing else counts it.
    """
    keys = {m.key for m in members}
    found = precheck(session, active=lambda key: key in keys or key[0] == "within-periods")
    found = [f for f in found if all(k in keys or k[0] == "within-periods" for k in f.instances)]
    # a count through a calendar rule the conflict does not name explains another conflict
    # (one team against the days, beside one team against two meetings held at once): it
    # is said only when no count of the conflict's own rules is found
    own = [f for f in found if all(k in keys for k in f.instances)]
    return own or found


def fewest_interpreted(
    h: Horizon, members: list[RuleInstance], run: Solving
) -> PrecheckFinding | None:
    """For a conflict with the interpretation budget: the fewest interpreted meetings that its
    other rules allow (the budget alone: that the session's durations allow), proven by the
    solver, with each body's share in such a timetable; None without the budget, or when the
    solve cannot prove it within its budget.

    The other rules are in force on the explainer's calendar (the session's own when the
    conflict names it, else the wider one): a calendar with more days can only need fewer
    meetings, so the count holds for the session as the planner wrote it.
    """
    budget = next((m for m in members if m.key == BUDGET), None)
    if budget is None or run.deadline.left() <= 0:
        return None
    kept = {m.key for m in members} - {BUDGET}
    with run.phase("build"):
        dropped = [i.key for i in instances_of(h) if i.key not in kept]
        m = wide_model(h, dropped=dropped, preferences=False)
        measure = measure_of(m.context, h, budget)
        assert measure is not None  # the budget has one: interpreted meetings
        limit = LIMITS["interpretation-budget"](h.session, budget)
        m.model.add(measure >= limit + 1)  # what the conflict proves: the search stops there
        m.minimize([PenaltyTerm("interpreted-meetings", measure, 1)])
    solver = run.solver(run.deadline.left() * NUMBERS_SHARE)
    params = solver.parameters
    params.max_deterministic_time = min(params.max_deterministic_time, NUMBERS_WORK)
    if m.solve_with(solver) != cp_model.OPTIMAL:
        return None
    total = round(solver.objective_value)
    timetable = m.timetable(solver.value)
    shares = Counter(meeting.body for meeting in timetable.meetings() if meeting.interpreted)
    needs = Listing.of(
        (
            Message.of("precheck.body-count", body=body_name(h.session, host.id), count=n)
            for host in h.session.hosts
            if (n := shares.get(host.id, 0))
        ),
        sep="terms.semicolon",
    )
    instances = tuple(sorted(kept | {BUDGET}))
    key = "budget-solved" if kept else "budget-solved-alone"  # alone: the durations say it
    return finding(
        "budget", "interpretation-budget", key, instances,
        total=total, needs=needs, budget=limit,
    )  # fmt: skip
