"""Time windows: when each activity may be held, under the instances in force.

Fixed times, earliest starts and deadlines bound each activity; agenda order, "starts once x
has ended" (`after_end_of`), "after x has begun" (`after_start_of`) and first/last carry those
bounds from one activity to the next, and an activity held only in parallel with another meets
within the periods of the other's window. Where one activity starts once another has ended,
the bounds travel with durations (`chains`): the later one starts no earlier than the earlier
can end, the earlier ends by the time the later must start, to a fixed point. Each bound keeps
the instances behind it, and the links of its chain for the findings to say.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from itertools import pairwise

from scheduler.messages import Message
from scheduler.messages.terms import Moment
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.chains import earliest_end, latest_start
from scheduler.prechecks.findings import DAYS, Active, Key, date_key
from scheduler.published import stands_for
from scheduler.rules.catalogue import sequence_subject
from scheduler.rules.instances import who_term
from scheduler.rules.subjects import pair_subject
from scheduler.session import Activity, Session, Slot


@dataclass(frozen=True)
class Bound:
    at: dt.datetime | None  # None: no bound
    why: frozenset[Key] = frozenset()
    #: the links of a chain that carried the bound here, in order ("item 9 ends no earlier
    #: than Friday 27 May 09:40"), for the findings to say why
    steps: tuple[Message, ...] = ()

    def plus(self, key: Key) -> Bound:
        return Bound(self.at, self.why | {key}, self.steps)


def _step(
    kind: str, session: Session, a: Activity, at: dt.datetime, via: Bound
) -> tuple[Message, ...]:
    """`via`'s chain and one more link: `a` ends no earlier / starts no later than `at`."""
    link = Message.of(f"precheck.chain.{kind}", who=who_term(session, a.id), moment=Moment(at))
    return (*via.steps, link)


def chain(*bounds: Bound) -> tuple[Message, ...]:
    """The links of the bounds' chains, each once, in order."""
    return tuple(dict.fromkeys(step for b in bounds for step in b.steps))


def _later(old: Bound, new: Bound) -> Bound:
    return new if new.at is not None and (old.at is None or new.at > old.at) else old


def _earlier(old: Bound, new: Bound) -> Bound:
    return new if new.at is not None and (old.at is None or new.at < old.at) else old


@dataclass
class Window:
    """When an activity may be held: no part before `lo`, first part by `ls`, all by `hi`."""

    lo: Bound
    ls: Bound
    hi: Bound
    base: dt.datetime  # `lo` without any rule: the first day it may use


def empty(w: Window) -> bool:
    lo, hi, ls = w.lo.at, w.hi.at, w.ls.at
    assert lo is not None
    return (hi is not None and lo >= hi) or (ls is not None and lo > ls)


def time_windows(
    session: Session, cal: Calendar, on: Active, packed: bool = False, durations: bool = True
) -> dict[str, Window]:
    """Each activity's window; `packed`: agenda order counts the minutes before and after
    each activity too (`_packed`), and a fixed start ends the window when it decides the end
    (`fixed_end`), for the counts that look into windows."""
    result: dict[str, Window] = {}
    for a in session.activities:
        pre = cal.fixed_day(a)
        base = dt.datetime.combine(pre, session.session.periods_on(pre)[0].start) if pre else None
        start = base or cal.first_start
        end = Bound(cal.last_end, frozenset({DAYS})) if cal.bounded else Bound(None)
        w = Window(Bound(start), end, end, start)
        if a.dates and on(date_key(a)):
            day = [s for s in session.slots if s.date in a.dates]
            w.lo = _later(w.lo, Bound(day[0].start, frozenset({date_key(a)})))
            w.hi = _earlier(w.hi, Bound(day[-1].end, frozenset({date_key(a)})))
        if a.fixed_start is not None and on(("fixed-start", a.id)):
            fixed = Bound(a.fixed_start, frozenset({("fixed-start", a.id)}))
            w.lo, w.ls = _later(w.lo, fixed), _earlier(w.ls, fixed)
            if packed and (done := fixed_end(session, a)) is not None:
                w.hi = _earlier(w.hi, Bound(done, fixed.why))
        if a.earliest_start is not None and on(("earliest-start", a.id)):
            w.lo = _later(w.lo, Bound(a.earliest_start, frozenset({("earliest-start", a.id)})))
        if a.latest_end is not None and on(("deadline", a.id)):
            w.hi = _earlier(w.hi, Bound(a.latest_end, frozenset({("deadline", a.id)})))
        w.ls = _earlier(w.ls, w.hi)
        result[a.id] = w
    for _ in range(len(session.activities) + 1):
        if not _propagate(session, cal, result, on, packed, durations):
            break
    return result


def fixed_end(session: Session, a: Activity) -> dt.datetime | None:
    """When an activity fixed to start at a moment is over, if its start alone decides it.

    A minute activity that fits in every period its start falls in is one part (a part that
    runs on fills its period to the end, leaving nothing for the next: consecutive-meetings):
    it ends its minutes after its start. One whole meeting fills the period it starts.
    """
    t = a.fixed_start
    assert t is not None
    members = session.body(a.body).member_ids
    slots = [s for s in session.slots if s.start <= t < s.end and s.period.allows(members)]
    if not slots:
        return None
    if a.minutes is not None:
        fits = all(a.minutes <= (s.end - t).total_seconds() // 60 for s in slots)
        return t + dt.timedelta(minutes=a.minutes) if fits else None
    starting = [s for s in slots if s.start == t]
    return max(s.end for s in starting) if a.meetings == 1 and starting else None


def _propagate(
    session: Session,
    cal: Calendar,
    w: dict[str, Window],
    on: Active,
    packed: bool,
    durations: bool,
) -> bool:
    """One pass of agenda order and first/last over the windows; whether anything moved."""
    before = {k: (v.lo, v.ls, v.hi) for k, v in w.items()}
    for body in session.bodies:
        key: Key = ("agenda-order", body.id)
        activities = session.body_activities(body.id)
        if body.order != "agenda" or len(activities) < 2 or not on(key):
            continue
        pairs = list(pairwise(activities))  # a ends before c starts
        for a, c in pairs:  # starts carried forward, ends backward: one pass each way
            _starts_after(cal, w, a, c, key, durations)
        for a, c in reversed(pairs):
            _ends_before(cal, w, a, c, key, durations)
        if packed:
            _packed(cal, w, activities, key)
    on_session_days = [a for a in session.activities if cal.fixed_day(a) is None]
    for f in on_session_days:
        key = ("first-last", f.id)
        if not (f.first or f.last) or not on(key):
            continue
        for x in on_session_days:
            if x.id == f.id:
                continue
            if f.first:  # f starts no later than x
                w[x.id].lo = _later(w[x.id].lo, w[f.id].lo.plus(key))
                w[f.id].ls = _earlier(w[f.id].ls, w[x.id].ls.plus(key))
            else:  # x ends no later than f
                w[x.id].hi = _earlier(w[x.id].hi, w[f.id].hi.plus(key))
                w[x.id].ls = _earlier(w[x.id].ls, w[x.id].hi)
    for c in session.activities:
        for target in c.after_end_of:
            key = ("sequence", sequence_subject(c.id, target, "end"))
            if on(key):
                for ended in sorted(stands_for(session, target) - {c.id}):
                    _starts_after(cal, w, session.activity(ended), c, key, durations)
                    _ends_before(cal, w, session.activity(ended), c, key, durations)
        for target in c.after_start_of:
            key = ("sequence", sequence_subject(c.id, target, "start"))
            if on(key):
                _after_start(w, c, sorted(stands_for(session, target) - {c.id}), key)
    _alongside(session, w, on)
    return any(before[k] != (v.lo, v.ls, v.hi) for k, v in w.items())


def _after_start(w: dict[str, Window], c: Activity, opening: list[str], key: Key) -> None:
    """`c` starts once the first of `opening` has begun (a heading or a body: their first
    start): no earlier than the earliest of their starts; the one of them, when it is one,
    begins by the time `c` must."""
    starts = [w[x].lo for x in opening]
    if starts and all(b.at is not None for b in starts):
        first = min(starts, key=lambda b: b.at or dt.datetime.max)
        w[c.id].lo = _later(
            w[c.id].lo,
            Bound(first.at, frozenset().union(*(b.why for b in starts)) | {key}, first.steps),
        )
    if len(opening) == 1:
        w[opening[0]].ls = _earlier(w[opening[0]].ls, w[c.id].ls.plus(key))


def _starts_after(
    cal: Calendar, w: dict[str, Window], p: Activity, c: Activity, key: Key, durations: bool
) -> None:
    """`c` starts once `p` has ended: no earlier than `p` can end (its earliest start and its
    least duration in the periods, `chains`)."""
    wp = w[p.id]
    w[c.id].lo = _later(w[c.id].lo, wp.lo.plus(key))
    if durations and wp.lo.at is not None and (end := earliest_end(cal, p, wp.lo.at)):
        why = wp.lo.why | {key} | cal.closures(wp.lo.at, end)
        step = _step("ends-after", cal.session, p, end, wp.lo)
        w[c.id].lo = _later(w[c.id].lo, Bound(end, why, step))


def _ends_before(
    cal: Calendar, w: dict[str, Window], p: Activity, c: Activity, key: Key, durations: bool
) -> None:
    """`c` starts once `p` has ended: `p` is over by the time `c` must start (its deadline
    less its least duration)."""
    wc = w[c.id]
    w[p.id].hi = _earlier(w[p.id].hi, wc.ls.plus(key))
    if durations and wc.hi.at is not None and (start := latest_start(cal, c, wc.hi.at)):
        why = wc.hi.why | {key} | cal.closures(start, wc.hi.at)
        step = _step("starts-before", cal.session, c, start, wc.hi)
        w[p.id].hi = _earlier(w[p.id].hi, Bound(start, why, step))
    w[p.id].ls = _earlier(w[p.id].ls, w[p.id].hi)


def _packed(cal: Calendar, w: dict[str, Window], activities: list[Activity], key: Key) -> None:
    """Agenda order with durations: the minutes taken before an activity come after the first
    activity's earliest start, those taken after it before the last one's end, all in the
    body's open periods (whole meetings are not counted: a bound that can only be early).
    Each bound names the first (last) activity's, the agenda's and the closures' instances.
    """
    body = activities[0].body
    members = cal.session.body(body).member_ids
    slots = [s for s in cal.open_slots(activities) if s.period.allows(members)]
    first, last = w[activities[0].id].lo, w[activities[-1].id].hi
    before = 0
    for n, c in enumerate(activities):
        if n and first.at is not None and before:
            at = _after_minutes(slots, first.at, before)
            if at is not None:
                why = first.why | {key} | cal.closures(first.at, at)
                w[c.id].lo = _later(w[c.id].lo, Bound(at, why))
        before += c.minutes or 0
    after = 0
    for n, c in enumerate(reversed(activities)):
        if n and last.at is not None and after:
            at = _before_minutes(slots, last.at, after)
            if at is not None:
                why = last.why | {key} | cal.closures(at, last.at)
                w[c.id].hi = _earlier(w[c.id].hi, Bound(at, why))
                w[c.id].ls = _earlier(w[c.id].ls, w[c.id].hi)
        after += c.minutes or 0


def _after_minutes(slots: list[Slot], start: dt.datetime, minutes: int) -> dt.datetime | None:
    """The moment `minutes` of the slots' time after `start` have passed (None: never)."""
    left = minutes
    for s in sorted(slots, key=lambda s: s.start):
        begin = max(s.start, start)
        have = int((s.end - begin).total_seconds() // 60) if s.end > begin else 0
        if have >= left:
            return begin + dt.timedelta(minutes=left)
        left -= have
    return None


def _before_minutes(slots: list[Slot], end: dt.datetime, minutes: int) -> dt.datetime | None:
    """The moment from which `minutes` of the slots' time remain before `end` (None: never)."""
    left = minutes
    for s in sorted(slots, key=lambda s: s.end, reverse=True):
        finish = min(s.end, end)
        have = int((finish - s.start).total_seconds() // 60) if finish > s.start else 0
        if have >= left:
            return finish - dt.timedelta(minutes=left)
        left -= have
    return None


def _alongside(session: Session, w: dict[str, Window], on: Active) -> None:
    """In-parallel: each part of `a` is in a period where its target activity has a part, so
    within the periods of the target's window (only without overlapping periods, where a part
    beside another is in the very same period)."""
    slots = session.slots
    if any(x.date == y.date and x.start < y.end and y.start < x.end
           for x, y in pairwise(slots)):  # fmt: skip
        return
    ids = {a.id for a in session.activities}
    for a in session.activities:
        for target in a.in_parallel_with:
            key: Key = ("in-parallel", pair_subject(a.id, target))
            if target not in ids or not on(key):
                continue
            t = w[target]
            first = _slot_at(slots, t.lo.at, end=False)
            if first is not None:
                w[a.id].lo = _later(w[a.id].lo, Bound(first.start, t.lo.why | {key}))
            last = _slot_at(slots, t.hi.at, end=True)
            if last is not None:
                w[a.id].hi = _earlier(w[a.id].hi, Bound(last.end, t.hi.why | {key}))
                w[a.id].ls = _earlier(w[a.id].ls, w[a.id].hi)


def _slot_at(slots: list[Slot], at: dt.datetime | None, *, end: bool) -> Slot | None:
    """The slot a moment falls in (its start in it, or, for an `end`, its end in it)."""
    if at is None:
        return None
    for s in slots:
        if (s.start < at <= s.end) if end else (s.start <= at < s.end):
            return s
    return None
