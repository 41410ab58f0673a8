"""The objective of docs/RULES.md, recomputed from a timetable to cross-check the solver's."""

from __future__ import annotations

import itertools

from scheduler.rules import PREFERENCE_NAMES
from scheduler.session import PreferredSlot, Session
from scheduler.timetable import Timetable
from scheduler.validation.parts import Facts, Part


def _matches(preferred: PreferredSlot, part: Part) -> bool:
    """An entry matches when its date, if given, and its period, if given, both match."""
    return (preferred.date is None or preferred.date == part.date) and (
        preferred.period is None or preferred.period == part.period_id
    )


def preference_counts(session: Session, timetable: Timetable) -> dict[str, int]:
    """How often each preference gives way, before weighting."""
    facts = Facts(session, timetable)
    counts = dict.fromkeys(PREFERENCE_NAMES, 0)
    for activity in session.activities:
        parts = facts.parts_of(activity.id)
        if activity.minutes is not None and parts:
            counts["carry-over"] += len(parts) - 1
            counts["carry-over-to-next-day"] += sum(
                1 for p, q in itertools.pairwise(parts) if p.date != q.date
            )
        if activity.preferred:
            counts["preferred-periods"] += sum(
                1 for p in parts if not any(_matches(pref, p) for pref in activity.preferred)
            )
    counts["interpreted-meetings"] = len(facts.interpreted_meetings())
    return counts


def preference_costs(session: Session, timetable: Timetable) -> dict[str, int]:
    """Each preference's weighted cost, by name (weights from `preferences:`)."""
    weights = session.preferences
    weight = {
        "carry-over": weights.carry_over,
        "carry-over-to-next-day": weights.carry_over_to_next_day,
        "interpreted-meetings": weights.interpreted_meeting,
        "preferred-periods": weights.preferred_period,
    }
    return {
        name: count * weight[name] for name, count in preference_counts(session, timetable).items()
    }


def objective(costs: dict[str, int]) -> int:
    """The objective: the sum of the preference costs."""
    return sum(costs.values())
