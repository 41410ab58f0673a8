"""Fixed times the calendar refuses.

On a holiday, between periods, in an evening without evening meetings, or (for a whole-meeting
activity) not at the start of a period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from scheduler.messages.terms import Clock, Listing, LongDay, Moment, Span
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import (
    Active,
    Key,
    PrecheckFinding,
    date_key,
    finding,
    holiday_key,
)
from scheduler.prechecks.wording import who
from scheduler.session import Activity, Session, Slot


def fixed_times(session: Session, cal: Calendar, on: Active) -> Iterator[PrecheckFinding]:
    for a in session.activities:
        key: Key = ("fixed-start", a.id)
        if a.fixed_start is not None and on(key):
            moment = a.fixed_start
            slot = next(
                (s for s in session.slots if s.start <= moment < s.end),
                None,
            )
            if slot is None:
                day = session.session.periods_on(moment.date())
                periods = Listing.of(Span(p.start, p.end) for p in day)
                yield finding(
                    "fixed-time", "fixed-start", "outside-periods", (key,),
                    who=who(session, a.id), moment=Moment(moment), periods=periods,
                )  # fmt: skip
            elif closed := cal.closure(slot):
                yield _closed_finding(session, a, moment, slot, closed | {key})
            elif a.whole_meetings and moment != slot.start:
                yield finding(
                    "fixed-time", "fixed-start", "not-period-start", (key,),
                    who=who(session, a.id), moment=Moment(moment), start=Clock(slot.start),
                )  # fmt: skip
        on_holidays = [d for d in a.dates if d in cal.closed_holidays]
        if a.dates and on(date_key(a)) and len(on_holidays) == len(a.dates):
            yield finding(
                "fixed-time", "held-on-date", "holiday-date",
                (date_key(a), *(holiday_key(d) for d in on_holidays)),
                who=who(session, a.id), day=LongDay(on_holidays[0]),
            )  # fmt: skip


def _closed_finding(
    session: Session, a: Activity, moment: dt.datetime, slot: Slot, keys: frozenset[Key]
) -> PrecheckFinding:
    key = "holiday-start" if holiday_key(slot.date) in keys else "evening-start"
    return finding(
        "fixed-time", "fixed-start", key, tuple(sorted(keys)),
        who=who(session, a.id), moment=Moment(moment),
    )  # fmt: skip
