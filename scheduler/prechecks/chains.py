"""How long an activity takes, at the least, once it may start or before it must end.

A relation "c starts once p has ended" (`after_end_of`, agenda order) carries windows along
its chain: c starts no earlier than p can end (its earliest start, then its least duration in
the periods open to its body) and p ends no later than c can start (its deadline, less its
least duration). Durations are counted as the model counts them, never shorter than a
timetable can make them:
- a whole meeting fills a period, and each of an activity's whole meetings takes a period of
  its own: n of them end no earlier than the n-th earliest end of the full periods from the
  start, and start no later than the n-th latest start of those that end by the deadline;
- minutes are held in the periods' time: they end no earlier than the moment those minutes of
  period time have passed (periods that overlap on the clock counted each, which can only make
  it earlier), and start no later than the moment from which they remain.

A closed period (evening, holiday) is not counted, so a bound through it names the closure.

`ends_later` follows the same links relative to one activity's end rather than to the clock:
whether another must end after the period the first one ends in (so the two never share that
meeting), the budget counted part by part reads it at an agenda cut (`parts`).
"""

from __future__ import annotations

import datetime as dt
import math
from itertools import pairwise

from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import Key
from scheduler.published import stands_for
from scheduler.rules.catalogue import sequence_subject
from scheduler.session import Activity

MINUTE = dt.timedelta(minutes=1)


def earliest_end(cal: Calendar, a: Activity, start: dt.datetime) -> dt.datetime | None:
    """The earliest moment every part of `a` can be over, when none starts before `start`
    (None: it cannot be held at all, or it takes nothing)."""
    spans = cal.spans(a)
    if a.whole_meetings:
        ends = sorted(e for b, e in spans if b >= start)
        n = a.meetings or 0
        return ends[n - 1] if 0 < n <= len(ends) else None
    minutes = a.minutes or 0
    if minutes <= 0:
        return None
    return _filled([(max(b, start), e) for b, e in spans if e > start], minutes, forward=True)


def latest_start(cal: Calendar, a: Activity, end: dt.datetime) -> dt.datetime | None:
    """The latest moment the first part of `a` can start, when every part is over by `end`
    (None: it cannot be held at all, or it takes nothing)."""
    spans = cal.spans(a)
    if a.whole_meetings:
        starts = sorted((b for b, e in spans if e <= end), reverse=True)
        n = a.meetings or 0
        return starts[n - 1] if 0 < n <= len(starts) else None
    minutes = a.minutes or 0
    if minutes <= 0:
        return None
    return _filled([(b, min(e, end)) for b, e in spans if b < end], minutes, forward=False)


def _filled(
    spans: list[tuple[dt.datetime, dt.datetime]], minutes: int, *, forward: bool
) -> dt.datetime | None:
    """The first moment (forward: from the earliest span on; else from the latest back) by
    which the spans have given `minutes` of time, spans that overlap each counted: the
    earliest end (rounded down to the minute) or the latest start (rounded up)."""
    spans = [(b, e) for b, e in spans if e > b]
    points = sorted({t for span in spans for t in span}, reverse=not forward)
    left = float(minutes)
    for p, q in pairwise(points):
        lo, hi = (p, q) if forward else (q, p)
        running = sum(1 for b, e in spans if b <= lo and e >= hi)
        have = running * (hi - lo).total_seconds() / 60
        if running and have >= left:
            step = left / running
            if forward:
                return p + math.floor(step) * MINUTE
            return p - math.floor(step) * MINUTE
        left -= have
    return None


def ends_later(
    cal: Calendar, first: Activity, last: Activity, start: dt.datetime, end: dt.datetime
) -> frozenset[Key] | None:
    """Whether `last` must end after `end` when `first` ends in the period [start, end]: the
    instances of the chain that says so, from `first` to `last` (None: no chain shows it).

    Relative to `first`'s end, not to the clock: each activity that starts once another has
    ended (agenda order, `after_end_of`) ends no earlier than its least duration after it, and
    one marked last no earlier than any other; `first` ends no earlier than `start`.
    """
    session, on = cal.session, cal.on
    edges: list[tuple[str, str, Key]] = []
    for body in session.bodies:
        key: Key = ("agenda-order", body.id)
        agenda = session.body_activities(body.id)
        if body.order == "agenda" and len(agenda) > 1 and on(key):
            edges += [(a.id, c.id, key) for a, c in pairwise(agenda)]
    for c in session.activities:
        for target in c.after_end_of:
            key = ("sequence", sequence_subject(c.id, target, "end"))
            if on(key):
                edges += [(x, c.id, key) for x in sorted(stands_for(session, target) - {c.id})]
    marked = [f for f in session.activities if f.last and on(("first-last", f.id))
              and cal.fixed_day(f) is None]  # fmt: skip
    ends: dict[str, tuple[dt.datetime, frozenset[Key]]] = {first.id: (start, frozenset())}
    for _ in range(len(session.activities) + 1):
        moved = False
        for x, y, key in edges:
            if x not in ends:
                continue
            after, why = ends[x]
            done = earliest_end(cal, session.activity(y), after)
            if done is not None and (y not in ends or done > ends[y][0]):
                ends[y] = (done, why | {key} | cal.closures(after, done))
                moved = True
        for f in marked:  # it ends no earlier than anything else held on session days
            for x, (after, why) in list(ends.items()):
                if x == f.id or cal.fixed_day(session.activity(x)) is not None:
                    continue
                if f.id not in ends or after > ends[f.id][0]:
                    ends[f.id] = (after, why | {("first-last", f.id)})
                    moved = True
        if not moved:
            break
    found = ends.get(last.id)
    return found[1] if found is not None and found[0] > end and last.id != first.id else None
