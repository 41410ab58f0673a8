"""The session's calendar as rule instances that can give way: its days, evenings, holidays.

"Can it fit in four days?" is answered by a conflict that names the four days. The model's
own instances (`scheduler.rules.instances`) come from lines about items and bodies; the calendar is
not one of them, since the slots it gives are the model's variables. To make it switchable,
the explainer builds the model on a *wider* calendar (extra working days after the last one,
holidays as working days, evening periods open) and forbids the extra slots with one more
model module, `calendar`, one switchable instance per part of the calendar. With every
instance on, the model is the session's; with one off, that part of the calendar gives way,
and what the timetable then uses is what it buys.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Collection
from dataclasses import dataclass

from models.context import Context, Module, PenaltyTerm
from models.model import SessionModel, session_modules
from scheduler.messages import Message
from scheduler.messages.terms import LongDay
from scheduler.prechecks import DAYS, EVENINGS, holiday_key
from scheduler.rules import RuleInstance
from scheduler.rules.subjects import date_key
from scheduler.session import Session

#: At most this many extra days are offered when the days give way.
MAX_EXTRA_DAYS = 10

Key = tuple[str, str]


@dataclass(frozen=True)
class Horizon:
    """The session on its wider calendar, and which slots each calendar instance forbids."""

    session: Session  # the planner's session
    wide: Session  # the same on the wider calendar
    extra_days: tuple[dt.date, ...]
    instances: tuple[RuleInstance, ...]
    forbidden: dict[Key, frozenset[int]]  # instance key -> indices of `wide.slots` it forbids


def horizon(session: Session) -> Horizon:
    """The calendar instances of `session` and the wider calendar they close off."""
    info = session.session
    working = [d for d in info.days if d not in info.holidays]
    extra = _next_weekdays(info.days[-1], _extra_days_needed(session))
    evenings = not info.evening_meetings and any(
        p.evening for d in {*info.days, *info.pre_session_days} for p in info.periods_on(d)
    )
    data = session.model_dump(exclude_unset=True)
    data["published"] = None
    data["session"]["days"] = sorted({*info.days, *info.holidays, *extra})
    data["session"]["holidays"] = []
    data["session"].pop("holiday_names", None)
    if evenings:
        data["session"]["evening_meetings"] = True
    # Derived from a valid session: only the size limits could object, and they are waived.
    wide = Session.model_validate(data, context={"unlimited": True})
    instances = [_days_instance(working)]
    forbidden: dict[Key, frozenset[int]] = {
        DAYS: frozenset(s.index for s in wide.slots if s.date in extra)
    }
    if evenings:
        instances.append(RuleInstance(*EVENINGS, Message.of("within-periods.no-evenings")))
        forbidden[EVENINGS] = frozenset(s.index for s in wide.slots if s.period.evening)
    for holiday in info.holidays:
        holiday_is = Message.of("within-periods.holiday", day=LongDay(holiday))
        inst = RuleInstance(*holiday_key(holiday), holiday_is)
        instances.append(inst)
        forbidden[inst.key] = frozenset(s.index for s in wide.slots if s.date == holiday)
    return Horizon(session, wide, tuple(extra), tuple(instances), forbidden)


def measure_key(inst: RuleInstance) -> str:
    """`days`, `evenings` or `holiday` for the calendar's instances, else the rule's name."""
    if inst.rule == "within-periods":
        return inst.subject.split("@")[0]
    return inst.rule


def calendar(h: Horizon) -> Module:
    """The hard module closing the wider calendar's extra slots (see `closed_calendar`)."""

    def closed_calendar(ctx: Context) -> list[PenaltyTerm]:
        """Hard: no part in a slot that a calendar instance of `h` forbids, and on a
        pre-session day only while a rule fixes the activity there.

        The calendar's instances are switched like the model's own (`Switches.extend`):
        enforced outright, behind a literal when the model is guarded, or left out when
        dropped.
        """
        ctx.switches.extend(h.instances)
        for inst in h.instances:
            when = ctx.switches.when(*inst.key)
            if when is None:
                continue
            slots = h.forbidden[inst.key]
            for a in ctx.session.activities:
                for s, part in ctx.v.parts_of(a.id):
                    if s.index in slots:
                        ctx.clause([~part], when)
        _pre_session_days(ctx, h)
        return []

    return closed_calendar


def _pre_session_days(ctx: Context, h: Horizon) -> None:
    """A pre-session day stays open to an activity only while a rule fixes it there.

    The model keeps an activity's pre-session day among its slots even when the `date` or
    `fixed_start` putting it there is dropped; an explanation drops the line of the file, as
    a planner would, and then the activity belongs to the session days.
    """
    pre = set(h.wide.session.pre_session_days)
    for a in h.wide.activities:
        fixes: dict[dt.date, list[Key]] = {}
        for day in a.dates:
            if day in pre:
                fixes.setdefault(day, []).append(date_key(a))
        if a.fixed_start is not None and a.fixed_start.date() in pre:
            fixes.setdefault(a.fixed_start.date(), []).append(("fixed-start", a.id))
        for s, part in ctx.v.parts_of(a.id):
            if not s.pre_session:
                continue
            whens = [w for k in fixes.get(s.date, []) if (w := ctx.switches.when(*k)) is not None]
            if any(not w for w in whens):
                continue  # fixed there outright
            ctx.clause([~part, *(literal for w in whens for literal in w)])


def wide_model(h: Horizon, dropped: Collection[Key] = (), *, guarded: bool = False) -> SessionModel:
    """The session's model on the wider calendar with its `calendar` module; every instance
    but `dropped` enforced (outright, or behind a literal each when `guarded`).

    Enforced outright, instances prune the variable domains and reach the LP relaxation, so
    such a model answers far faster than a guarded one solved under assumptions.
    """
    modules = {**session_modules(), "calendar": calendar(h)}
    return SessionModel(h.wide, modules, guarded=guarded, dropped=dropped)


def _days_instance(working: list[dt.date]) -> RuleInstance:
    if not working:
        return RuleInstance(*DAYS, Message.of("within-periods.no-working-day"))
    first, last = LongDay(working[0]), LongDay(working[-1])
    if len(working) == 1:
        return RuleInstance(*DAYS, Message.of("within-periods.one-working-day", day=first))
    days = Message.of("within-periods.working-days", count=len(working), first=first, last=last)
    return RuleInstance(*DAYS, days)


def _extra_days_needed(session: Session) -> int:
    """Enough extra days for everything the session could need in total (at least one).

    Sized so that dropping the days never stays infeasible for want of days: every body's
    meetings (those of a pre-session day too, whose fixing rule may be dropped as well) at
    one per period, no more at once than the parallel cap, the rooms and the bodies allow,
    no more interpreted ones at once than the teams, and no more a day than a body's daily
    maximum. The busiest body alone is not enough: with `parallel_cap: 1` or `teams: 1`
    the bodies queue for the same periods.
    """
    info = session.session
    usable = [s for s in session.slots if not s.holiday and not s.pre_session]
    open_slots = [s for s in usable if info.evening_meetings or not s.period.evening] or usable
    per_day = max(len([s for s in open_slots if s.date == d]) for d in {s.date for s in open_slots})
    longest = max(s.minutes for s in open_slots)
    interp = session.interpretation
    meetings: dict[str, int] = {}
    for body in session.hosts:
        activities = session.body_activities(body.id)
        whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
        minutes = sum(a.minutes or 0 for a in activities if not a.whole_meetings)
        if whole or minutes:
            meetings[body.id] = whole + math.ceil(minutes / longest)
    if not meetings:
        return 1
    rooms = {r for b in session.hosts if b.id in meetings for r in b.rooms}
    cap = interp.parallel_cap or len(meetings)
    at_once = max(1, min(cap, len(meetings), len(rooms)))
    periods = [math.ceil(sum(meetings.values()) / at_once)]
    interpreted = [n for b, n in meetings.items() if session.body(b).interpreted]
    if interpreted:
        periods.append(
            math.ceil(sum(interpreted) / max(1, min(interp.teams, cap, len(interpreted))))
        )
    days = [math.ceil(p / per_day) for p in periods]
    for body in session.hosts:
        if body.id in meetings:
            a_day = min(per_day, body.max_meetings_per_day or per_day)
            days.append(math.ceil(meetings[body.id] / a_day))
    working = sum(1 for d in info.days if d not in info.holidays)
    return min(MAX_EXTRA_DAYS, max(1, max(days) - working))


def _next_weekdays(after: dt.date, n: int) -> list[dt.date]:
    days: list[dt.date] = []
    current = after
    while len(days) < n:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days.append(current)
    return days
