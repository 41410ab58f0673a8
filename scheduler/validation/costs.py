"""The objective of docs/RULES.md, recomputed from a timetable to cross-check the solver's."""

from __future__ import annotations

import datetime as dt
import itertools

from scheduler.rules import PREFERENCE_NAMES
from scheduler.session import Body, PreferredSlot, Session
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
    meetings = [m for m in facts.meetings if m[1] is not None]
    counts["meetings"] = len(meetings)
    counts["compact-bodies"] = sum(_extra_runs(session, facts, b) for b in session.bodies)
    counts["session-end"] = _last_position(session, meetings)
    counts["opening-closing-alone"] = _beside_opening_closing(session, facts, meetings)
    counts["organizational-first-day"] = _organizational_days(session, facts)
    counts["evening-meetings"] = sum(
        1 for m in meetings if (p := facts.period_on(m[1], m[2])) is not None and p.evening
    )
    return counts


def _slot_position(session: Session) -> dict[tuple[dt.date, str], int]:
    """Each (date, period) of the session, by time order."""
    return {(s.date, s.period.id): n for n, s in enumerate(session.slots)}


def _extra_runs(session: Session, facts: Facts, body: Body) -> int:
    """Runs of a body's meetings (joint ones too) in the order of the slots open to it, - 1.

    Open to it: every day but holidays (pre-session days too), no evenings (an evening left
    free is no hole, and an evening meeting neither starts nor breaks a run), periods that
    allow the body. Two meetings are in one run when no open slot lies between.
    """
    sequence = [
        (s.date, s.period.id)
        for s in session.slots
        if not s.holiday
        and not s.period.evening
        and (s.period.bodies is None or body.id in s.period.bodies)
    ]
    busy = {
        (m[1], m[2]) for m in facts.meetings if m[1] is not None and body.id in facts.members(m[0])
    }
    runs, previous = 0, False
    for slot in sequence:
        here = slot in busy
        runs += here and not previous
        previous = here
    return max(runs - 1, 0)


def _last_position(session: Session, meetings: list[tuple[str, dt.date | None, str]]) -> int:
    """The position of the last slot with a meeting among the open slots of session days."""
    evening = session.session.evening_meetings
    order = [
        (s.date, s.period.id)
        for s in session.slots
        if not s.pre_session and not s.holiday and (evening or not s.period.evening)
    ]
    position = {slot: n for n, slot in enumerate(order)}
    return max((position.get((m[1], m[2]), 0) for m in meetings), default=0)  # type: ignore[arg-type]


def _beside_opening_closing(
    session: Session, facts: Facts, meetings: list[tuple[str, dt.date | None, str]]
) -> int:
    """Meetings of other bodies whose period overlaps the plenary's first or last meeting on a
    session day (the plenary's meetings: its own and its joint ones)."""
    plenary = session.plenary
    pre = set(session.session.pre_session_days)
    ours = [
        (span, m)
        for m in meetings
        if plenary in facts.members(m[0])  # its joint meetings too (COP/CMP)
        and m[1] not in pre
        and (span := facts.meeting_span(m)) is not None
    ]
    if not ours:
        return 0
    ours.sort()
    count = 0
    for (start, end), _ in (ours[0], ours[-1]):
        for other in meetings:
            span = facts.meeting_span(other)
            theirs = plenary in facts.members(other[0])
            if not theirs and span is not None and span[0] < end and start < span[1]:
                count += 1
    return count


def _organizational_days(session: Session, facts: Facts) -> int:
    """For each part of an organizational item, the session days before its date."""
    day = {d: n for n, d in enumerate(sorted(session.session.days))}
    return sum(
        day.get(p.date, 0) for a in session.organizational for p in facts.parts_of(a.id) if p.date
    )


def preference_costs(session: Session, timetable: Timetable) -> dict[str, int]:
    """Each preference's weighted cost, by name (weights from `preferences:`)."""
    weights = session.preferences
    weight = {
        "carry-over": weights.carry_over,
        "carry-over-to-next-day": weights.carry_over_to_next_day,
        "interpreted-meetings": weights.interpreted_meeting,
        "preferred-periods": weights.preferred_period,
        "meetings": weights.meeting,
        "compact-bodies": weights.compact_body,
        "session-end": weights.session_end,
        "opening-closing-alone": weights.beside_opening_closing,
        "organizational-first-day": weights.organizational_late,
        "evening-meetings": weights.evening_meeting,
    }
    return {
        name: count * weight[name] for name, count in preference_counts(session, timetable).items()
    }


def objective(costs: dict[str, int]) -> int:
    """The objective: the sum of the preference costs."""
    return sum(costs.values())
