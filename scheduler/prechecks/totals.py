"""Counts across the session: more meetings needed than the periods can hold at once, or a day.

The arithmetic of rules that span bodies or days, each a necessary condition:
- interpretation teams: at most `teams` interpreted meetings run at once, so the interpreted
  bodies' meetings are at most `teams` times the open periods ("12 interpreted meetings
  needed, 10 periods, 1 team: at most 10");
- the parallel cap: the same over the meetings of the bodies it counts;
- a body's `max_days`: at most that many days of its most periods a day;
- a body's `max_meetings_per_day`: at most that many meetings on each open day;
- two activities (or an activity and a body) not held in parallel: their meetings take
  distinct periods, so together at most the periods either may use;
- an activity held only while whole-meeting activities meet: at most their meetings (times
  the most periods one period overlaps on the clock).

A host (a body, or a joint meeting of several) holds one meeting per period, and its
activities need at least their whole meetings plus their minutes over the longest open period
(`interpretation.interpreted_needs` counts the same way). The calendar instances behind a count
(the session's days, no evening meetings, a holiday) are named only when opening them would
lift the finding: each is tried open in turn.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Callable, Iterator

from scheduler.messages import Message
from scheduler.messages.terms import DaySpan, Listing, Moment
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import (
    CAP,
    DAYS,
    TEAMS,
    Active,
    Key,
    PrecheckFinding,
    finding,
)
from scheduler.prechecks.wording import body_name, who
from scheduler.rules.subjects import pair_subject
from scheduler.session import Activity, Body, Session, Slot

#: What a count gives under one calendar: the finding's parameters, or None when it fits.
Count = Callable[[Calendar], "dict[str, object] | None"]


def totals(session: Session, on: Active) -> Iterator[PrecheckFinding]:
    """Every count across bodies or days that proves the session has no timetable."""
    interp = session.interpretation
    interpreted = [h for h in session.hosts if h.interpreted]
    if on(TEAMS):
        count = _at_once(session, interpreted, interp.teams, "count.interpreted-meetings")
        yield from counted(session, on, TEAMS, "interpretation-teams", "teams-total", count)
    if interp.parallel_cap is not None and on(CAP):
        scope = interp.parallel_cap_bodies
        capped = [h for h in session.hosts if scope is None or set(h.member_ids) & set(scope)]
        count = _at_once(session, capped, interp.parallel_cap, "count.meetings")
        yield from counted(session, on, CAP, "parallel-cap", "cap-total", count)
    for a in session.activities:
        for other in a.not_in_parallel_with:
            key: Key = ("not-in-parallel", pair_subject(a.id, other))
            if on(key):
                yield from counted(session, on, key, "not-in-parallel", "apart",
                                   _apart(session, a, other), days=False)  # fmt: skip
        for other in a.in_parallel_with:
            key = ("in-parallel", pair_subject(a.id, other))
            if on(key):
                yield from counted(session, on, key, "in-parallel", "alongside",
                                  _alongside(session, a, other), days=False)  # fmt: skip
    for body in session.bodies:
        if body.max_days is not None and on(("max-days", body.id)):
            count = _max_days(session, body, body.max_days)
            key = ("max-days", body.id)
            yield from counted(session, on, key, "max-days", "max-days", count, days=False)
        per_day = body.max_meetings_per_day
        if per_day is not None and on(("max-meetings-per-day", body.id)):
            count = _per_day(session, body, per_day)
            key = ("max-meetings-per-day", body.id)
            yield from counted(session, on, key, "max-meetings-per-day", "per-day", count)


def counted(
    session: Session,
    on: Active,
    key: Key | None,
    rule: str,
    words: str,
    count: Count,
    days: bool = True,
) -> Iterator[PrecheckFinding]:
    """The finding of `count` under the calendar in force, naming `key` (None: a rule with no
    instance, the rooms) and only the calendar instances it needs: the session's days when
    `days` (the count stops at the last day), and each closure whose opening would lift the
    finding (tried open in turn)."""
    cal = Calendar(session, on)
    if count(cal) is None:
        return
    closures: set[Key] = {k for s in session.slots for k in cal.closure(s)}
    needed: set[Key] = {DAYS} if days else set()
    opened: set[Key] = set()
    for k in sorted(closures):
        trial = opened | {k}
        if count(Calendar(session, _without(on, trial))) is None:
            needed.add(k)
        else:
            opened = trial
    params = count(Calendar(session, _without(on, opened)))
    assert params is not None  # opening only what keeps the finding
    why = params.pop("why", frozenset())  # the instances behind the count's own windows
    assert isinstance(why, frozenset)
    said = str(params.pop("words", words))  # a count may say it in its own words
    named = needed | why | ({key} if key is not None else set())
    yield finding(said, rule, said, tuple(sorted(named)), **params)


def _without(on: Active, opened: set[Key]) -> Active:
    return lambda key: on(key) and key not in opened


def host_needs(session: Session, cal: Calendar, host: Body) -> int:
    """The fewest meetings a host's own activities need under the calendar."""
    return fewest_meetings(cal, session.body_activities(host.id))


def fewest_meetings(cal: Calendar, activities: list[Activity]) -> int:
    """The fewest meetings of one host that hold `activities`: their whole meetings and their
    minutes over the longest open period."""
    longest = cal.periods_minutes()
    whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
    minutes = sum(a.minutes or 0 for a in activities if not a.whole_meetings)
    return whole + (math.ceil(minutes / longest) if minutes and longest else 0)


def host_parts(session: Session, needs: list[tuple[Body, int]]) -> Listing:
    return Listing.of(
        Message.of("precheck.body-count", body=_host_name(session, h), count=n) for h, n in needs
    )


def _host_name(session: Session, host: Body) -> object:
    if len(host.member_ids) > 1:
        return Listing.of(body_name(session, b) for b in host.member_ids)
    return body_name(session, host.id)


def _at_once(session: Session, hosts: list[Body], limit: int, noun: str) -> Count:
    """At most `limit` of the hosts' meetings at once: at most `limit` per open period."""

    def count(cal: Calendar) -> dict[str, object] | None:
        if not cal.bounded or not hosts:
            return None
        needs = [(h, n) for h in hosts if (n := host_needs(session, cal, h))]
        activities = [a for h in hosts for a in session.body_activities(h.id)]
        periods = len(cal.open_slots(activities))
        total = sum(n for _, n in needs)
        most = min(limit, len(needs)) * periods
        if len(needs) <= limit or total <= most:
            return None
        return {
            "needed": Message.of(noun, count=total),
            "needs": host_parts(session, needs),
            "periods": Message.of("count.periods", count=periods),
            "limit": limit,
            "most": most,
        }

    return count


def _body_slots(session: Session, cal: Calendar, body: Body) -> list[Slot]:
    activities = [a for h in session.hosts if body.id in h.member_ids
                  for a in session.body_activities(h.id)]  # fmt: skip
    return cal.open_slots(activities)


def _body_needs(session: Session, cal: Calendar, body: Body) -> int:
    """The fewest meetings a body holds: its own and its joint meetings'."""
    return sum(host_needs(session, cal, h) for h in session.hosts if body.id in h.member_ids)


def _max_days(session: Session, body: Body, days: int) -> Count:
    """At most `days` days, each of at most the most open periods a day has."""

    def count(cal: Calendar) -> dict[str, object] | None:
        per_date: dict[dt.date, int] = {}
        for s in _body_slots(session, cal, body):
            per_date[s.date] = per_date.get(s.date, 0) + 1
        needed = _body_needs(session, cal, body)
        a_day = max(per_date.values(), default=0)
        most = days * a_day  # whatever the days: more days have no more periods each
        if needed <= most:
            return None
        return {
            "body": body_name(session, body.id),
            "needed": Message.of("count.meetings", count=needed),
            "days": Message.of("count.days", count=days),
            "a_day": Message.of("count.periods", count=a_day),
            "days_n": days,
            "a_day_n": a_day,
            "most": most,
        }

    return count


def _per_day(session: Session, body: Body, per_day: int) -> Count:
    """At most `per_day` meetings on each open day."""

    def count(cal: Calendar) -> dict[str, object] | None:
        if not cal.bounded:
            return None
        per_date: dict[dt.date, int] = {}
        for s in _body_slots(session, cal, body):
            per_date[s.date] = per_date.get(s.date, 0) + 1
        needed = _body_needs(session, cal, body)
        most = sum(min(per_day, n) for n in per_date.values())
        if needed <= most:
            return None
        return {
            "body": body_name(session, body.id),
            "needed": Message.of("count.meetings", count=needed),
            "limit": per_day,
            "days": Message.of("count.days", count=len(per_date)),
            "days_n": len(per_date),
            "most": most,
        }

    return count


def _apart(session: Session, a: Activity, other: str) -> Count:
    """`a` and `other` never meet at one time: their meetings take distinct open periods.

    `other` is an activity, a heading (its sub-items) or a body (its own activities); per body
    on the other side, its meetings and `a`'s together need more periods than either may use:
    the session's (to its last day), or else those of their time windows ("Tuesday
    10:00-13:00 and 15:00-18:00": a date, a fixed start, a deadline), naming the window's rules.
    """
    targets = stands_for(session, a, other)
    bodies = sorted({x.body for x in targets})

    def count(cal: Calendar) -> dict[str, object] | None:
        if not targets:
            return None
        mine = fewest_meetings(cal, [a])
        for windowed in (False, True):
            if not windowed and not cal.bounded:
                continue
            for b in bodies:
                group = [x for x in targets if x.body == b]
                used = [_usable(cal, x, windowed) for x in [a, *group]]
                if any(u is None for u in used):
                    continue
                slots = {s.index: s for u in used if u is not None for s in u[0]}
                theirs = fewest_meetings(cal, group)
                if windowed and (left := _left_apart(session, cal, [a, *group])) is not None:
                    return left
                if mine + theirs <= len(slots):
                    continue
                why = frozenset({DAYS}).union(*(u[1] for u in used if u is not None))
                periods: object = Message.of("count.periods", count=len(slots))
                if windowed:
                    at = Listing.of(
                        (
                            DaySpan(s.date, s.start.time(), s.end.time())
                            for s in sorted(slots.values(), key=lambda s: s.start)
                        ),
                        "terms.semicolon",
                    )
                    periods = Message.of("precheck.periods-at", periods=periods, at=at)
                    why = frozenset().union(*(u[1] for u in used if u is not None))
                parts = Listing.of(
                    Message.of("precheck.body-count", body=who(session, ref), count=n)
                    for ref, n in ((a.id, mine), (other if len(bodies) == 1 else b, theirs))
                )
                return {
                    "needed": Message.of("count.meetings", count=mine + theirs),
                    "needs": parts,
                    "periods": periods,
                    "most": len(slots),
                    "why": why,
                }
        return None

    return count


def _left_apart(session: Session, cal: Calendar, pair: list[Activity]) -> dict[str, object] | None:
    """One side fills every period of its window (whole meetings, as many as it has full
    periods); a minute activity of the other side, never at the same time, has too few
    minutes left in its own window ("item 6 needs 355 minutes ...: 235 minutes left")."""
    mine, theirs = pair[0], pair[1:]
    for x, others in ((mine, theirs), *((t, [mine]) for t in theirs)):
        filled = _fills(cal, x)
        if filled is None:
            continue
        slots, why_x = filled
        for y in others:
            if y.whole_meetings or not y.minutes:
                continue
            w = cal.windows(packed=True)[y.id]
            lo, hi = w.lo.at, w.hi.at
            if lo is None or hi is None:
                continue
            taken = {s.index for s in slots}
            beside = [s for s in cal.open_slots([y]) if s.end > lo and s.start < hi
                      and not any(_overlap(s, t) for t in slots)]  # fmt: skip
            left = sum(_minutes(max(s.start, lo), min(s.end, hi)) for s in beside)
            if y.minutes <= left or not taken:
                continue
            span = Message.of("precheck.from-to", start=Moment(lo), end=Moment(hi))
            at = Listing.of(
                (DaySpan(s.date, s.start.time(), s.end.time()) for s in slots), "terms.semicolon"
            )
            return {
                "who": who(session, y.id),
                "need": y.minutes,
                "span": span,
                "other": who(session, x.id),
                "at": at,
                "left": left,
                "why": why_x | w.lo.why | w.hi.why,
                "words": "apart-fills",
            }
    return None


def _fills(cal: Calendar, x: Activity) -> tuple[list[Slot], frozenset[Key]] | None:
    """The periods a whole-meeting activity fills: all the full open periods of its window,
    when it has as many meetings as those (None otherwise)."""
    if not x.whole_meetings:
        return None
    w = cal.windows(packed=True)[x.id]
    lo, hi = w.lo.at, w.hi.at
    if lo is None or hi is None:
        return None
    members = cal.session.body(x.body).member_ids
    full = [s for s in cal.open_slots([x]) if s.start >= lo and s.end <= hi
            and s.period.allows(members)]  # fmt: skip
    if not full or len(full) != x.meetings:
        return None
    return sorted(full, key=lambda s: s.start), w.lo.why | w.hi.why


def _overlap(s: Slot, t: Slot) -> bool:
    return s.start < t.end and t.start < s.end


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))


def _usable(cal: Calendar, x: Activity, windowed: bool) -> tuple[list[Slot], frozenset[Key]] | None:
    """The open slots `x` may use and the instances that say so: every one (the session's
    days), or those of its time window (None: the window has no end)."""
    slots = cal.open_slots([x])
    if not windowed:
        return slots, frozenset()
    w = cal.windows(packed=True)[x.id]
    lo, hi = w.lo.at, w.hi.at
    if lo is None or hi is None:
        return None
    return [s for s in slots if s.end > lo and s.start < hi], w.lo.why | w.hi.why


def stands_for(session: Session, a: Activity, other: str) -> list[Activity]:
    """The activities an entry of `not_in_parallel_with` / `in_parallel_with` stands for: an
    activity, a heading's sub-items (at any depth) or a body's own activities."""
    parent = {i.id: i.parent for i in session.items}

    def under(item: str | None) -> bool:
        while item is not None and item != other:
            item = parent.get(item)
        return item == other

    if other in {x.id for x in session.activities}:
        return [session.activity(other)]
    if other in parent:
        return [x for x in session.activities if x.id != a.id and under(x.id)]
    return [x for x in session.body_activities(other) if x.id != a.id]


def _alongside(session: Session, a: Activity, other: str) -> Count:
    """`a` meets only while `other` meets: when `other` stands for whole-meeting activities
    only (a body may meet more than its activities need: not counted), each of their
    meetings overlaps at most `k` periods of `a` (1 without overlapping periods)."""
    targets = [] if other in {b.id for b in session.bodies} else stands_for(session, a, other)

    def count(cal: Calendar) -> dict[str, object] | None:
        if not targets or not all(t.whole_meetings for t in targets):
            return None
        theirs = sum(t.meetings or 0 for t in targets)
        overlap = max((len(_overlapping(session, s)) for s in session.slots), default=1)
        mine, most = fewest_meetings(cal, [a]), theirs * overlap
        if mine <= most:
            return None
        return {
            "who": who(session, a.id),
            "other": who(session, other),
            "needed": Message.of("count.meetings", count=mine),
            "theirs": Message.of("count.meetings", count=theirs),
            "most": most,
        }

    return count


def _overlapping(session: Session, slot: Slot) -> list[Slot]:
    return [t for t in session.slots if t.date == slot.date and t.start < slot.end
            and slot.start < t.end]  # fmt: skip
