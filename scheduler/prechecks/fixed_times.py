"""Fixed times the calendar refuses.

On a holiday, between periods, in an evening without evening meetings, or (for a whole-meeting
activity) not at the start of a period.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import Active, Key, PrecheckFinding, date_key, holiday_key
from scheduler.prechecks.wording import day, when, who
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
            en, fr = who(session, a.id, "en"), who(session, a.id, "fr")
            if slot is None:
                periods = ", ".join(
                    f"{p.start:%H:%M}-{p.end:%H:%M}" for p in session.session.periods
                )
                yield PrecheckFinding(
                    "fixed-time", "fixed-start",
                    f"{en} starts {when(moment, 'en')}, outside every period ({periods})",
                    f"{fr} commence le {when(moment, 'fr')}, hors de toute période ({periods})",
                    (key,),
                )  # fmt: skip
            elif closed := cal.closure(slot):
                yield _closed_finding(session, a, moment, slot, closed | {key})
            elif a.whole_meetings and moment != slot.start:
                yield PrecheckFinding(
                    "fixed-time", "fixed-start",
                    f"{en} fills whole meetings but starts {when(moment, 'en')}, not at the "
                    f"start of a period ({slot.start:%H:%M})",
                    f"{fr} occupe des séances entières mais commence le {when(moment, 'fr')}, "
                    f"pas au début d'une période ({slot.start:%H:%M})",
                    (key,),
                )  # fmt: skip
        if a.date is not None and on(date_key(a)) and a.date in cal.closed_holidays:
            en, fr = who(session, a.id, "en"), who(session, a.id, "fr")
            yield PrecheckFinding(
                "fixed-time", "fixed-start",
                f"{en} is held on {day(a.date, 'en')}, a holiday",
                f"{fr} se tient le {day(a.date, 'fr')}, jour férié",
                (date_key(a), holiday_key(a.date)),
            )  # fmt: skip


def _closed_finding(
    session: Session, a: Activity, moment: dt.datetime, slot: Slot, keys: frozenset[Key]
) -> PrecheckFinding:
    en, fr = who(session, a.id, "en"), who(session, a.id, "fr")
    if holiday_key(slot.date) in keys:
        why_en, why_fr = "a holiday", "jour férié"
    else:
        why_en, why_fr = "an evening, without evening meetings", "en soirée, sans séances du soir"
    return PrecheckFinding(
        "fixed-time", "fixed-start",
        f"{en} starts {when(moment, 'en')}, {why_en}",
        f"{fr} commence le {when(moment, 'fr')}, {why_fr}",
        tuple(sorted(keys)),
    )  # fmt: skip
