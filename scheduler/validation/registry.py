"""The single registry of hard-rule checks, and `validate`, which runs them all."""

from __future__ import annotations

from collections.abc import Callable

from scheduler.messages import Message
from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.costs import objective, preference_costs
from scheduler.validation.coverage import (
    check_consecutive_meetings,
    check_full_duration,
    check_no_running_on,
    check_no_sharing,
)
from scheduler.validation.days import check_max_meetings_per_day
from scheduler.validation.findings import Finding, Report
from scheduler.validation.interpretation import (
    check_interpretation_booths,
    check_interpretation_budget,
    check_interpretation_teams,
)
from scheduler.validation.order import check_agenda_order, check_first_last
from scheduler.validation.parallel import check_not_in_parallel, check_parallel_cap
from scheduler.validation.relations import (
    check_in_parallel,
    check_max_days,
    check_remote_capacity,
    check_sequence,
)
from scheduler.validation.room_use import check_room_closed, check_same_room
from scheduler.validation.rooms import (
    check_body_one_at_a_time,
    check_body_rooms,
    check_room_one_meeting,
)
from scheduler.validation.timing import (
    check_deadline,
    check_earliest_start,
    check_fixed_start,
    check_held_on_date,
    check_within_periods,
)

Check = Callable[[Session, Timetable], list[Finding]]

#: Every hard rule of `scheduler.rules`, by name, with the function that checks it.
CHECKS: dict[str, Check] = {
    "full-duration": check_full_duration,
    "within-periods": check_within_periods,
    "body-one-at-a-time": check_body_one_at_a_time,
    "room-one-meeting": check_room_one_meeting,
    "body-rooms": check_body_rooms,
    "interpretation-booths": check_interpretation_booths,
    "agenda-order": check_agenda_order,
    "first-last": check_first_last,
    "fixed-start": check_fixed_start,
    "held-on-date": check_held_on_date,
    "earliest-start": check_earliest_start,
    "deadline": check_deadline,
    "not-in-parallel": check_not_in_parallel,
    "in-parallel": check_in_parallel,
    "sequence": check_sequence,
    "no-sharing": check_no_sharing,
    "no-running-on": check_no_running_on,
    "consecutive-meetings": check_consecutive_meetings,
    "same-room": check_same_room,
    "room-closed": check_room_closed,
    "interpretation-budget": check_interpretation_budget,
    "interpretation-teams": check_interpretation_teams,
    "remote-capacity": check_remote_capacity,
    "parallel-cap": check_parallel_cap,
    "max-meetings-per-day": check_max_meetings_per_day,
    "max-days": check_max_days,
}

#: Start of the English message of a rule that could not be checked (a validator bug, never
#: silent): `validation.not-checked` in the catalogues.
NOT_CHECKED = "could not be checked"


def validate(session: Session, timetable: Timetable) -> Report:
    """Check every hard rule on a timetable and recompute its objective.

    A timetable edited by hand must never crash the check: should a check fail on a row it
    did not foresee, that failure is reported as a finding of its rule.
    """
    findings: list[Finding] = []
    for name in HARD_RULE_NAMES:
        try:
            findings.extend(CHECKS[name](session, timetable))
        except Exception as error:  # reported, not raised: see the docstring
            findings.append(Finding(name, Message.of("validation.not-checked", error=repr(error))))
    costs = preference_costs(session, timetable)
    return Report(findings=tuple(findings), objective=objective(costs), costs=costs)
