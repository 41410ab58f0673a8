"""The session's calendar as rule instances that can give way: its days, evenings, holidays.

"Can it fit in four days?" is answered by a conflict that names the four days. The model's
own instances (`scheduler.rules.instances`) come from lines about items and bodies; the calendar is
not one of them, since the slots it gives are the model's variables. To make it switchable,
the explainer builds the model on a *wider* calendar (the weekdays cut from inside the session
given back, extra working days after the last one, holidays as working days, evening periods
open; sized for every body together, `_extra_days_needed`) and forbids the extra slots with one more
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
from models.model import SessionModel, hard_modules, session_modules
from scheduler.messages import Message
from scheduler.messages.terms import LongDay
from scheduler.prechecks import DAYS, EVENINGS, holiday_key
from scheduler.rules import RuleInstance
from scheduler.rules.subjects import date_key
from scheduler.session import Body, Period, Session, SessionInfo

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
    #: The extra days that lie inside the session, given back before the others (`_gap_days`).
    gaps: tuple[dt.date, ...] = ()


def horizon(session: Session) -> Horizon:
    """The calendar instances of `session` and the wider calendar they close off."""
    info = session.session
    working = [d for d in info.days if d not in info.holidays]
    gaps = _gap_days(info)
    extra = [*gaps, *_next_weekdays(info.days[-1], _extra_days_needed(session, len(gaps)))]
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
    return Horizon(session, wide, tuple(extra), tuple(instances), forbidden, tuple(gaps))


def counted(h: Horizon, keys: Collection[Key]) -> Session:
    """The session a pre-check counts on when only the instances `keys` hold.

    The planner's own, as long as a count cannot miss a day the wider calendar adds: the
    days hold, or every added day comes after the last one (a count without the days then
    runs past the last day). With the days given way and a day given back inside the session,
    the wider calendar, where that day is counted too (its holidays and evenings then count
    as open: a weaker proof, never a wrong one).
    """
    return h.session if DAYS in keys or not h.gaps else h.wide


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


def wide_model(
    h: Horizon,
    dropped: Collection[Key] = (),
    *,
    guarded: bool = False,
    preferences: bool = True,
) -> SessionModel:
    """The session's model on the wider calendar with its `calendar` module; every instance
    but `dropped` enforced (outright, or behind a literal each when `guarded`).

    Enforced outright, instances prune the variable domains and reach the LP relaxation, so
    such a model answers far faster than a guarded one solved under assumptions. Without
    `preferences`, the hard rules alone: a question of feasibility, which no preference's
    terms nor their bounds (`models.bounds`) help to answer, is built and presolved faster.
    """
    rules = session_modules() if preferences else hard_modules()
    modules = {**rules, "calendar": calendar(h)}
    return SessionModel(h.wide, modules, guarded=guarded, dropped=dropped)


def _days_instance(working: list[dt.date]) -> RuleInstance:
    if not working:
        return RuleInstance(*DAYS, Message.of("within-periods.no-working-day"))
    first, last = LongDay(working[0]), LongDay(working[-1])
    if len(working) == 1:
        return RuleInstance(*DAYS, Message.of("within-periods.one-working-day", day=first))
    days = Message.of("within-periods.working-days", count=len(working), first=first, last=last)
    return RuleInstance(*DAYS, days)


def _gap_days(info: SessionInfo) -> list[dt.date]:
    """The weekdays between the session's first and last day that are not among its days.

    A session with a day cut from its middle gives that day back first: a day added after
    the last one cannot help an agenda that must end on a dated or fixed last item.
    """
    taken = {*info.days, *info.holidays}
    day, gaps = info.days[0], []
    while day < info.days[-1]:
        day += dt.timedelta(days=1)
        if day.weekday() < 5 and day not in taken:
            gaps.append(day)
    return gaps


def _extra_days_needed(session: Session, gaps: int = 0) -> int:
    """Working days to add after the last one for everything the session could need in total.

    Sized so that dropping the days never stays infeasible for want of days, whatever else is
    dropped with them: for every body alone, for all bodies together (no more at once than
    their rooms), for those the parallel cap counts, and for the interpreted ones (no more
    at once than the teams), the most meetings their activities could take (`_most_meetings`)
    against the periods of the session's working days (none in the evening unless evening
    meetings are allowed, a body's daily maximum kept); the periods missing, over those of
    an added day, plus `MARGIN_DAYS`. Days given back inside the session (`gaps`) count as
    added ones. The busiest body alone is not enough: with `parallel_cap: 1` or `teams: 1`
    the bodies queue for the same periods.
    """
    info = session.session
    needs = {h.id: n for h in session.hosts if (n := _most_meetings(session, h))}
    if not needs:
        return 1
    interp = session.interpretation
    hosts = [h for h in session.hosts if h.id in needs]
    rooms = {r for h in hosts for r in h.rooms}
    groups: list[tuple[list[Body], int, int | None]] = [(hosts, max(1, len(rooms)), None)]
    if interp.parallel_cap is not None:
        scope = interp.parallel_cap_bodies
        capped = [h for h in hosts if scope is None or set(h.member_ids) & set(scope)]
        groups.append((capped, max(1, interp.parallel_cap), None))
    interpreted = [h for h in hosts if h.interpreted]
    if interp.teams > 0:
        groups.append((interpreted, interp.teams, None))
    groups.extend(([h], 1, h.max_meetings_per_day) for h in hosts)
    working = [d for d in info.days if d not in info.holidays]
    days = 0
    for group, at_once, a_day in groups:
        if not group:
            continue
        needed = math.ceil(sum(needs[h.id] for h in group) / min(at_once, len(group)))
        have = sum(_periods_a_day(info.periods_on(d), group, a_day, info) for d in working)
        added = _periods_a_day(info.periods, group, a_day, info)
        if needed > have and added:
            days = max(days, math.ceil((needed - have) / added))
    days = max(days, _days_for_the_fewest(session, hosts, working))
    return min(MAX_EXTRA_DAYS, max(1, days + MARGIN_DAYS - gaps))


def _days_for_the_fewest(session: Session, hosts: list[Body], working: list[dt.date]) -> int:
    """Added days enough for the interpreted hosts' fewest meetings: their minutes in the
    longest periods an added day has, where the session's own days have shorter ones. The
    interpretation budget then binds on the wider calendar no more than on any longer one:
    the cybercrime committee (2-hour periods on 7 of its 10 days, 3-hour ones on the others
    and on added days) needs 18 meetings on its days and one added day, 15 with enough, so
    that dropping the days is what a budget of 15 asks, not the budget alone."""
    info = session.session
    interpreted = [h for h in hosts if h.interpreted]
    counts: list[tuple[int, int, int]] = []  # per host: meetings needed, long periods, a day
    for host in interpreted:
        usable = [p for p in info.periods if _usable(p, host, info)]
        if not usable:
            continue
        longest = max(p.minutes for p in usable)
        timed = [a for a in session.body_activities(host.id) if not a.whole_meetings]
        needed = math.ceil(sum(a.minutes or 0 for a in timed) / longest)
        have = sum(
            1
            for d in working
            for p in info.periods_on(d)
            if p.minutes >= longest and _usable(p, host, info)
        )
        long = [p for p in usable if p.minutes >= longest]
        counts.append((needed, have, _periods_a_day(long, [host], host.max_meetings_per_day, info)))
    days = max((math.ceil((n - h) / d) for n, h, d in counts if n > h and d), default=0)
    at_once = min(max(1, session.interpretation.teams), len(interpreted) or 1)
    needed, have, per_day = (sum(c[i] for c in counts) for i in range(3))
    if needed > have * at_once and per_day:  # teams: the hosts queue for them
        days = max(days, math.ceil((needed - have * at_once) / min(per_day, at_once)))
    return days


def _usable(period: Period, host: Body, info: SessionInfo) -> bool:
    """Whether a host may meet in `period`: open to it, not in the evening unless allowed."""
    return (info.evening_meetings or not period.evening) and _open_to(period, [host])


#: Days added beyond the count (`_extra_days_needed`). None: the count already gives each
#: activity that shares no meeting or runs on into none a meeting of its own, over the
#: shortest period; one day more cost COP9 with one team 0.71 -> 2.68 deterministic seconds
#: (COP9 with a long debate 2.51 -> 5.97) for the same conflicts on the variants measured.
MARGIN_DAYS = 0


def _most_meetings(session: Session, host: Body) -> int:
    """The most meetings a host's activities could take: their whole meetings, their minutes
    over the host's shortest period, and one more for each minute activity that shares no
    meeting or runs on into none (it may leave the rest of a meeting unused)."""
    activities = session.body_activities(host.id)
    whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
    timed = [a for a in activities if not a.whole_meetings and a.minutes]
    if not timed:
        return whole
    lengths = [
        s.minutes for s in session.slots if not s.period.evening and _open_to(s.period, [host])
    ] or [s.minutes for s in session.slots]
    minutes = sum(a.minutes or 0 for a in timed)
    alone = sum(1 for a in timed if not a.share or not a.run_on)
    return whole + math.ceil(minutes / min(lengths)) + alone


def _periods_a_day(periods: list[Period], group: list[Body], most: int | None,
                   info: SessionInfo) -> int:  # fmt: skip
    """How many meetings of one host `periods` hold on a day for `group`: those open to some
    body of it, not in the evening unless evenings are allowed, none overlapping another."""
    usable = [p for p in periods if (info.evening_meetings or not p.evening) and _open_to(p, group)]
    count, end = 0, dt.time.min
    for p in sorted(usable, key=lambda p: p.end):
        if p.start >= end:
            count, end = count + 1, p.end
    return count if most is None else min(count, most)


def _open_to(period: Period, group: list[Body]) -> bool:
    members = {b for h in group for b in h.member_ids}
    return period.bodies is None or bool(members & set(period.bodies))


def _next_weekdays(after: dt.date, n: int) -> list[dt.date]:
    days: list[dt.date] = []
    current = after
    while len(days) < n:
        current += dt.timedelta(days=1)
        if current.weekday() < 5:
            days.append(current)
    return days
