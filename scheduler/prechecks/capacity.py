"""A body's meeting time: activities that need more of it than the periods of their windows give.

Windows come from `windows.time_windows`, so agenda order and first/last carry fixed times and
deadlines from one activity to the next.
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator

from scheduler.messages import Message
from scheduler.messages.terms import Moment
from scheduler.prechecks.calendar import Calendar, Supply
from scheduler.prechecks.findings import DAYS, Key, PrecheckFinding, chained, finding
from scheduler.prechecks.windows import Bound, Window, chain, empty
from scheduler.prechecks.wording import body_name
from scheduler.session import Session


def capacity(
    session: Session, cal: Calendar, *window_sets: dict[str, Window]
) -> Iterator[PrecheckFinding]:
    """Per body, the tightest window whose activities cannot fit in its periods, under the
    fewest rules and with the shortest chain to say: windows carried with durations
    (`chains`) and, as often clearer for the same rules, without them."""
    for body in session.bodies:
        found = [f for w in window_sets if (f := _tightest(session, cal, body.id, w))]
        if found:
            yield min(found, key=lambda f: f[0])[1]


def _tightest(
    session: Session, cal: Calendar, body_id: str, windows: dict[str, Window]
) -> tuple[tuple[int, int, int], PrecheckFinding] | None:
    """The body's window ranked best whose activities cannot fit in its periods, if any."""
    body = session.body(body_id)
    activities = [a for a in session.body_activities(body.id) if not empty(windows[a.id])]
    starts = sorted({t for a in activities if (t := windows[a.id].lo.at) is not None})
    ends = {t for a in activities if (t := windows[a.id].hi.at) is not None}
    if cal.bounded:  # the whole session too: windows carried along the agenda end earlier
        ends.add(cal.last_end)
    best: tuple[tuple[int, int, int], PrecheckFinding] | None = None
    for start in starts:
        for end in sorted(ends):
            if start >= end:
                continue
            inside = [a for a in activities if _within(windows[a.id], start, end)]
            if not inside:
                continue
            whole = sum(a.meetings or 0 for a in inside if a.whole_meetings)
            minutes = sum(a.minutes or 0 for a in inside if not a.whole_meetings)
            supply = Supply.of(cal, inside, start, end)
            if not supply.short_of(whole, minutes):
                continue
            why = set(cal.closures(start, end))
            bounds: list[Bound] = []
            for a in inside:
                w = windows[a.id]
                if w.base < start:
                    why |= w.lo.why
                    bounds.append(w.lo)
                if cal.bounded and end >= cal.last_end:
                    why.add(DAYS)  # inside whatever its own deadline: the session ends
                else:
                    why |= w.hi.why
                    bounds.append(w.hi)
            # the fewest rules, then the shortest chain to say, then the tightest window
            steps = chain(*bounds)
            rank = (len(why), len(steps), len(supply.slots))
            if best is None or rank < best[0]:
                found = _capacity_finding(session, body.id, supply, whole, minutes, why, steps)
                best = (rank, found)
    return best


def _within(w: Window, start: dt.datetime, end: dt.datetime) -> bool:
    return w.lo.at is not None and w.hi.at is not None and w.lo.at >= start and w.hi.at <= end


def _capacity_finding(
    session: Session,
    body: str,
    supply: Supply,
    whole: int,
    minutes: int,
    why: set[Key],
    since: tuple[Message, ...],
) -> PrecheckFinding:
    name = body_name(session, body)
    shown = supply.slots or []
    start = max(supply.start, shown[0].start) if shown else supply.start
    end = min(supply.end, shown[-1].end) if shown else supply.end
    span = Message.of("precheck.from-to", start=Moment(start), end=Moment(end))
    instances = tuple(sorted(why))
    length = supply.uniform()

    def said(key: str, **params: object) -> PrecheckFinding:
        found = finding("capacity", "full-duration", key, instances, name=name, span=span, **params)
        return chained(found, since)

    if not minutes:
        n = len(supply.full)
        meetings = Message.of("count.meetings", count=whole)
        fits = Message.of("precheck.capacity.fits", count=n)
        return said("capacity.whole", whole=whole, n=n, meetings=meetings, fits=fits)
    if length is not None:
        needed = whole + math.ceil(minutes / length)
        key = "capacity.meetings-with-whole" if whole else "capacity.meetings"
        return said(key, needed=needed, whole=whole, minutes=minutes, length=length,
                    exist=len(shown))  # fmt: skip
    need = minutes + sum(sorted(s.minutes for s in supply.full)[:whole])
    key = "capacity.minutes-with-whole" if whole else "capacity.minutes"
    return said(key, need=need, whole=whole, exist=supply.minutes)
