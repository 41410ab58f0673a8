"""Every pre-check in turn, keeping only the most basic findings."""

from __future__ import annotations

from scheduler.prechecks.beside import beside_limits
from scheduler.prechecks.by_deadline import teams_by_deadline
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.capacity import capacity
from scheduler.prechecks.deadlines import empty_windows
from scheduler.prechecks.findings import Active, PrecheckFinding
from scheduler.prechecks.fixed_times import fixed_times
from scheduler.prechecks.interpretation import over_budget, simultaneous
from scheduler.prechecks.order import order_cycles
from scheduler.prechecks.parts import over_budget_by_parts
from scheduler.prechecks.rooms import rooms_total
from scheduler.prechecks.starts import same_start
from scheduler.prechecks.totals import totals
from scheduler.session import Session


def precheck(session: Session, active: Active | None = None) -> list[PrecheckFinding]:
    """Every impossibility the cheap checks prove; empty when none is found.

    `active(key)` says whether a rule instance is in force (default: all are).
    """
    on: Active = active or (lambda key: True)
    calendar = Calendar(session, on)
    windows = calendar.windows()
    orders = list(order_cycles(session, calendar, on))
    marks = {k for f in orders for k in f.instances if k[0] == "first-last"}
    emptied = list(empty_windows(session, windows))
    chained = [f for f in emptied if f.message.key == "precheck.chain.since"]
    found = [
        *fixed_times(session, calendar, on),
        *orders,
        *(f for f in emptied if f not in chained),
        # a start clash through a first/last mark that the order rules already contradict
        # says less than the contradiction itself
        *(f for f in same_start(session, windows) if not marks & set(f.instances)),
        *capacity(session, calendar, windows, calendar.windows(durations=False)),
        # a window emptied along a chain says less than a count with the same rules: after it
        *chained,
        *over_budget(session, calendar, on),
        *over_budget_by_parts(session, calendar, on),
        *simultaneous(session, calendar, windows, on),
        *beside_limits(session, on),
        *totals(session, on),
        *teams_by_deadline(session, on),
        *rooms_total(session, on),
    ]
    return _most_basic(found)


def _most_basic(found: list[PrecheckFinding]) -> list[PrecheckFinding]:
    """Keep a finding only when no other names fewer of its rules (the first of equals)."""
    kept: list[PrecheckFinding] = []
    for n, finding in enumerate(found):
        keys = set(finding.instances)
        if not any(
            set(other.instances) < keys or (set(other.instances) == keys and m < n)
            for m, other in enumerate(found)
        ):
            kept.append(finding)
    return kept
