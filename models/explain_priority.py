"""Which conflict a planner is shown first: one made of the planner's own choices.

A session without a timetable often has several conflicts, and the solver's first one is
arbitrary. Rules do not weigh the same for a planner: the session's calendar and the
interpretation budget are given by the General Assembly, the interpretation teams and the
parallel cap by conference services, while an item's fixed time, a working group's deadline,
a date, an order or a daily maximum are the planner's own choices, which the planner can
change today. An explanation therefore prefers a conflict made of the latter.

The priority, most preferred in a conflict first (`TIERS`):

0. times the planner set: fixed starts, dates, deadlines, earliest starts;
1. orders the planner set: first or last, the agenda order, sequences, in or not in parallel;
2. how a body meets: no sharing, no running on, daily maxima, days a body meets on, a
   room shared with another activity;
3. conference services' resources: interpretation teams, the parallel cap, remote teams,
   rooms closed;
4. given by the General Assembly: the interpretation budget, evening meetings, holidays and,
   last of all, the session's working days.

Within a tier, the instances keep the order of the session file. The preferred conflict is
Junker's (QuickXplain, AAAI 2004) under this order: of all the minimal conflicts, the one whose
least preferred member comes as early as possible, ties broken the same way on the next member.
Found by `models.explain_core.quickxplain`.
"""

from __future__ import annotations

from models.explain_horizon import measure_key
from scheduler.rules import RuleInstance

#: Rule (or calendar part, `measure_key`) -> its tier: the lower, the more a conflict made of
#: it is preferred. A rule missing here counts as tier `UNLISTED`.
TIERS: dict[str, int] = {
    "fixed-start": 0,
    "held-on-date": 0,
    "deadline": 0,
    "earliest-start": 0,
    "first-last": 1,
    "agenda-order": 1,
    "sequence": 1,
    "not-in-parallel": 1,
    "in-parallel": 1,
    "no-sharing": 2,
    "no-running-on": 2,
    "max-meetings-per-day": 2,
    "max-days": 2,
    "same-room": 2,
    "interpretation-teams": 3,
    "parallel-cap": 3,
    "remote-capacity": 3,
    "room-closed": 3,
    "interpretation-budget": 4,
    "evenings": 4,
    "holiday": 4,
    "days": 4,
}

#: Inside the General Assembly's tier: the budget and the evenings before the holidays, the
#: working days last (the dates of the session are the hardest thing to move).
_WITHIN_LAST_TIER = {"interpretation-budget": 0, "evenings": 1, "holiday": 2, "days": 3}

UNLISTED = 2


def tier(inst: RuleInstance) -> int:
    """The instance's tier in `TIERS`."""
    return TIERS.get(measure_key(inst), UNLISTED)


def by_priority(instances: list[RuleInstance]) -> list[RuleInstance]:
    """`instances` from the most preferred in a conflict to the least (stable: file order)."""
    return sorted(instances, key=lambda i: (tier(i), _WITHIN_LAST_TIER.get(measure_key(i), 0)))
