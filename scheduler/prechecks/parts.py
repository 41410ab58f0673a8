"""Interpreted meetings counted part by part: stretches of a body's agenda that share no meeting.

The budget's plain count (`interpretation.over_budget`) lets every minute of a body share its
meetings with every other. Its rules often keep them apart, and each part then needs meetings
of its own (the fewest: its minutes over the longest period it can use):
- time: two activities whose windows (`windows.time_windows`) meet no common period open to
  the body (the items before a fixed start, in agenda order, and those after it);
- agenda order: a whole meeting taken between two activities (a whole meeting fills its
  period and the body holds one meeting at a time, so nothing before it in the agenda shares a
  meeting with anything after it);
- no sharing: an activity that may not share a meeting is a part of its own.

A part's meetings lie in the periods its activities can use, so the count holds for any
timetable: more than the budget proves none exists. The instances named are the fewest this
count still needs (each left out in turn, and kept when the count then fits the budget).
"""

from __future__ import annotations

import datetime as dt
import math
from collections.abc import Iterator
from dataclasses import dataclass
from itertools import pairwise

from scheduler.messages import Message
from scheduler.messages.terms import Listing, Moment
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.chains import ends_later
from scheduler.prechecks.findings import (
    BUDGET,
    DAYS,
    Active,
    Key,
    PrecheckFinding,
    chained,
    finding,
)
from scheduler.prechecks.interpretation import interpreted_needs
from scheduler.prechecks.windows import Bound, Window, chain, empty
from scheduler.prechecks.wording import body_name, who
from scheduler.session import Activity, Body, Session

#: A period a part can use: a slot's index, or ("extra", period id) for the daily periods of
#: days past the last one, when the session's days do not bound the window.
Place = int | tuple[str, str]


@dataclass(frozen=True)
class Part:
    """Activities of one host that may share meetings with each other, and no other."""

    minutes: int
    length: int  # the longest period a meeting of the part can have
    start: dt.datetime  # the first period it can use begins
    end: dt.datetime | None  # the last one ends (None: days past the last may be used)
    cut: Cut | None = None  # more meetings than its minutes over `length`, by its agenda
    #: the bounds that keep it apart (its first activity's start, its last one's end) or, with
    #: a cut, that leave what comes before the cut little of the meeting it could share
    bounds: tuple[Bound, ...] = ()

    @property
    def meetings(self) -> int:
        plain = math.ceil(self.minutes / self.length)
        return max(plain, self.cut.meetings) if self.cut else plain


@dataclass(frozen=True)
class Cut:
    """A part's agenda cut before one activity: what comes before it ends before what follows
    starts, so the two share at most one meeting (the one where the first ends and the other
    begins), and each side needs the fewest periods that hold its minutes in its windows."""

    at: str  # the first activity after the cut
    before: int  # minutes before the cut
    after: int
    alone: int  # the fewest meetings for the minutes before, none shared
    shared: int | None  # the same with one shared with what follows (None: none can be)
    following: int  # the fewest meetings for the minutes from the cut on
    meetings: int  # the fewest in all: min(alone + following, shared + following - 1)
    #: the last activity after the cut, when it must end after the meeting it could share
    #: (a chain through other bodies: `chains.ends_later`), and the instances that say so
    later: str | None = None
    why: frozenset[Key] = frozenset()


@dataclass(frozen=True)
class Need:
    """The fewest meetings one interpreted host needs: its whole meetings and its parts."""

    host: str
    whole: int
    parts: tuple[Part, ...]
    by_agenda: bool  # whole meetings of its agenda keep some parts apart
    why: frozenset[Key]

    @property
    def total(self) -> int:
        return self.whole + sum(p.meetings for p in self.parts)


def over_budget_by_parts(session: Session, cal: Calendar, on: Active) -> Iterator[PrecheckFinding]:
    """More interpreted meetings needed, part by part, than the budget allows (when the plain
    count fits it), naming the fewest instances the count needs; `cal` is the calendar of the
    instances `on`."""
    budget = session.interpretation.budget
    if not on(BUDGET):
        return
    if not cal.slots or sum(n for _, n in interpreted_needs(session, cal)) > budget:
        return  # nothing to hold meetings, or the plain count says it (`over_budget`)
    needs = host_needs(session, cal)
    if sum(n.total for n in needs) <= budget:
        return
    closures = {k for s in session.slots for k in cal.closure(s)}
    named = set().union(*(n.why for n in needs)) | closures | ({DAYS} if cal.bounded else set())
    named.discard(BUDGET)
    for key in sorted(named):
        trial = named - {key}
        if _total(session, _only(on, trial)) > budget:
            named = trial
    only = _only(on, named)
    if _total(session, only) <= budget:
        return  # the count leans on an instance its bounds do not name: no finding, no guess
    needs = host_needs(session, Calendar(session, only))
    instances = tuple(sorted(named | {BUDGET}))
    total = sum(n.total for n in needs)
    said = Listing.of((_need_words(session, n) for n in needs), sep="terms.semicolon")
    found = finding(
        "budget-parts", "interpretation-budget", "budget-parts", instances,
        total=total, needs=said, budget=budget,
    )  # fmt: skip
    yield chained(found, _chains(needs))


def _chains(needs: list[Need]) -> tuple[Message, ...]:
    """The chains behind the bounds that keep a host's parts apart, or cut one."""
    return chain(*(b for n in needs for p in n.parts for b in p.bounds))


def _only(on: Active, keys: set[Key]) -> Active:
    return lambda key: key == BUDGET or (key in keys and on(key))


def _total(session: Session, on: Active) -> int:
    return sum(n.total for n in host_needs(session, Calendar(session, on)))


def host_needs(session: Session, cal: Calendar) -> list[Need]:
    """Per interpreted host with activities, the fewest meetings its parts need."""
    windows = cal.windows()
    needs = []
    for host in session.hosts:
        activities = session.body_activities(host.id)
        if host.interpreted and activities:
            needs.append(_host_need(session, cal, host, activities, windows))
    return needs


def _host_need(
    session: Session, cal: Calendar, host: Body, activities: list[Activity],
    windows: dict[str, Window],
) -> Need:  # fmt: skip
    members = host.member_ids
    extra = {p.id: p.minutes for p in session.session.periods
             if p.allows(members) and not (p.evening and cal.evenings_closed)}  # fmt: skip
    agenda: Key = ("agenda-order", host.id)
    plain = len(members) == 1  # a joint meeting follows its bodies' agendas, not one of its own
    by_agenda = plain and host.order == "agenda" and len(activities) > 1 and cal.on(agenda)
    stretch, stretches = 0, {}
    for a in activities:  # stretches of the agenda between whole meetings
        if a.whole_meetings:
            stretch += 1
        else:
            stretches[a.id] = stretch if by_agenda else 0
    minute = [a for a in activities if not a.whole_meetings and (a.minutes or 0) > 0]
    places: dict[str, dict[Place, tuple[int, dt.datetime, dt.datetime | None]]] = {}
    for a in minute:
        places[a.id] = _places(cal, a, windows[a.id], members, extra)
    owner = {a.id: a.id for a in minute}

    def root(x: str) -> str:
        while owner[x] != x:
            owner[x] = owner[owner[x]]
            x = owner[x]
        return x

    alone = {a.id for a in minute if not a.share and cal.on(("no-sharing", a.id))}
    first_at: dict[tuple[int, Place], str] = {}
    for a in minute:
        if a.id in alone:
            continue
        for place in places[a.id]:
            other = first_at.setdefault((stretches[a.id], place), a.id)
            owner[root(a.id)] = root(other)
    groups: dict[str, list[Activity]] = {}  # in agenda order, by each part's first activity
    for a in minute:
        groups.setdefault(root(a.id), []).append(a)
    parts = []
    why: set[Key] = set()
    ordered = by_agenda and _apart_in_time(cal, activities, members)
    in_stretch: dict[int, int] = {}  # parts per stretch: more than one are kept apart in time
    for group in groups.values():
        in_stretch[stretches[group[0].id]] = in_stretch.get(stretches[group[0].id], 0) + 1
    for group in groups.values():
        apart_in_time = in_stretch[stretches[group[0].id]] > 1
        usable = {p: v for a in group for p, v in places[a.id].items()}
        if not usable:
            continue  # no period at all: other checks say so
        ends = [v[2] for v in usable.values()]
        part = Part(
            minutes=sum(a.minutes or 0 for a in group),
            length=max(v[0] for v in usable.values()),
            start=min(v[1] for v in usable.values()),
            end=None if None in ends else max(e for e in ends if e is not None),
            bounds=(windows[group[0].id].lo, windows[group[-1].id].hi) if apart_in_time else (),
        )
        cut = _cut(session, cal, group, places, windows) if ordered and len(group) > 1 else None
        if cut is not None and cut.meetings > part.meetings:
            at = next(n for n, a in enumerate(group) if a.id == cut.at)
            bounds: tuple[Bound, ...] = (windows[group[at - 1].id].hi, windows[group[at].id].lo)
            if cut.later is not None:  # kept apart by a chain relative to the cut, not by these
                bounds = ()
            part = Part(part.minutes, part.length, part.start, part.end, cut, bounds)
            why |= {agenda} | cut.why
        parts.append(part)
        for a in group:
            w = windows[a.id]
            why |= w.lo.why | w.hi.why
    if by_agenda and len(set(stretches.values())) > 1:
        why.add(agenda)
    why |= {("no-sharing", a) for a in alone}
    whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
    apart = by_agenda and len({stretches[a.id] for a in minute}) > 1
    return Need(host.id, whole, tuple(parts), apart, frozenset(why))


def _apart_in_time(cal: Calendar, activities: list[Activity], members: tuple[str, ...]) -> bool:
    """Whether the periods a host can use never overlap on the clock: then, in agenda order,
    what comes before a cut and what follows share at most one meeting."""
    slots = sorted({s.index: s for s in cal.open_slots(activities)
                    if s.period.allows(members)}.values(), key=lambda s: s.start)  # fmt: skip
    return all(x.end <= y.start for x, y in pairwise(slots))


def _cut(
    session: Session, cal: Calendar, group: list[Activity], places: dict[str, dict[Place, _Use]],
    windows: dict[str, Window],
) -> Cut | None:  # fmt: skip
    """The cut of the part's agenda that needs the most meetings (None: none needs more than
    the part's minutes over its longest period, or days past the last may be used)."""
    if any(not isinstance(p, int) for a in group for p in places[a.id]):
        return None
    best: Cut | None = None
    for n in range(1, len(group)):
        before, after = group[:n], group[n:]
        mine, theirs = (
            _capacities(session, before, places, windows),
            _capacities(session, after, places, windows),
        )
        need_before, need_after = (
            sum(a.minutes or 0 for a in before),
            sum(a.minutes or 0 for a in after),
        )
        alone, following = _fewest(mine, need_before), _fewest(theirs, need_after)
        if alone is None or following is None:
            return None
        shared: int | None = None
        total = alone + following
        later: set[Key] = set()
        for place in set(mine) & set(theirs):
            a = _fewest(mine, need_before, place)
            b = _fewest(theirs, need_after, place)
            if a is None or b is None:
                continue
            slot = session.slots[place] if isinstance(place, int) else None
            assert slot is not None
            if b < 2 and (keys := ends_later(cal, before[-1], after[-1], slot.start, slot.end)):
                b = 2  # what follows the cut ends in a later meeting than the shared one
                later |= keys
            total = min(total, a + b - 1)
            shared = a if shared is None else min(shared, a)
        used = later if total > alone + following - 1 and later else set()
        cut = Cut(group[n].id, need_before, need_after, alone, shared, following, total,
                  after[-1].id if used else None, frozenset(used))  # fmt: skip
        if best is None or cut.meetings > best.meetings:
            best = cut
    return best


#: A period a part can use: its length, start and end (None: a day past the last).
_Use = tuple[int, dt.datetime, dt.datetime | None]


def _capacities(
    session: Session, side: list[Activity], places: dict[str, dict[Place, _Use]],
    windows: dict[str, Window],
) -> dict[Place, int]:  # fmt: skip
    """Per period, the most minutes of `side` it can hold: the time its activities' windows
    leave in it (their union), and no more than their minutes."""
    found: dict[Place, int] = {}
    for place in {p for a in side for p in places[a.id]}:
        slot = session.slots[place] if isinstance(place, int) else None
        assert slot is not None
        spans, minutes = [], 0
        for a in side:
            if place in places[a.id]:
                w = windows[a.id]
                lo = max(slot.start, w.lo.at) if w.lo.at else slot.start
                hi = min(slot.end, w.hi.at) if w.hi.at else slot.end
                spans.append((lo, hi))
                minutes += a.minutes or 0
        found[place] = min(minutes, _union(spans))
    return found


def _union(spans: list[tuple[dt.datetime, dt.datetime]]) -> int:
    """Minutes covered by the spans together."""
    total, reach = 0.0, None
    for lo, hi in sorted(spans):
        if reach is not None and lo < reach:
            lo = reach
        if hi > lo:
            total += (hi - lo).total_seconds() / 60
            reach = hi
    return int(total)


def _fewest(capacities: dict[Place, int], minutes: int, forced: Place | None = None) -> int | None:
    """The fewest periods (`forced` among them) whose capacities add up to `minutes` (None:
    all of them do not)."""
    left = minutes - (capacities[forced] if forced is not None else 0)
    count = 1 if forced is not None else 0
    for cap in sorted((c for p, c in capacities.items() if p != forced), reverse=True):
        if left <= 0:
            break
        if cap <= 0:
            return None
        left -= cap
        count += 1
    return count if left <= 0 else None


def _places(
    cal: Calendar, a: Activity, w: Window, members: tuple[str, ...], extra: dict[str, int]
) -> dict[Place, tuple[int, dt.datetime, dt.datetime | None]]:
    """The periods a part of `a` can be held in: each with its length, start and end."""
    if empty(w):
        return {}
    lo, hi = w.lo.at, w.hi.at
    found: dict[Place, tuple[int, dt.datetime, dt.datetime | None]] = {}
    for s in cal.open_slots([a]):
        if s.period.allows(members) and (lo is None or s.end > lo) and (hi is None or s.start < hi):
            found[s.index] = (s.minutes, s.start, s.end)
    if hi is None and not cal.bounded:  # days past the last one, with the daily periods
        after = max(cal.last_end, lo) if lo is not None else cal.last_end
        for period, minutes in extra.items():
            found[("extra", period)] = (minutes, after, None)
    return found


def _need_words(session: Session, need: Need) -> Message:
    """One host's count: `Plenary 5: 105 minutes from ... (1 meeting of at most 210 ...), ...`."""
    name = body_name(session, need.host)
    if len(need.parts) <= 1 and not need.by_agenda and not any(p.cut for p in need.parts):
        return Message.of("precheck.body-count", body=name, count=need.total)
    first = min(p.start for p in need.parts)
    ends = [p.end for p in need.parts]
    last = None if None in ends else max(e for e in ends if e is not None)
    said: list[Message] = []
    if need.whole:
        said.append(Message.of("precheck.parts.whole", count=need.whole))
    for p in need.parts:
        meetings = Message.of("count.meetings", count=p.meetings)
        common = {"minutes": p.minutes, "meetings": meetings, "length": p.length}
        if p.cut is not None and p.cut.meetings > math.ceil(p.minutes / p.length):
            said.append(_cut_words(session, p, p.cut))
            continue
        starts_later = p.start > first
        ends_earlier = p.end is not None and (last is None or p.end < last)
        if ends_earlier:
            span = Message.of("precheck.from-to", start=Moment(p.start), end=Moment(p.end))
            said.append(Message.of("precheck.parts.minutes-in", span=span, **common))
        elif starts_later:
            said.append(Message.of("precheck.parts.minutes-from", start=Moment(p.start), **common))
        else:
            said.append(Message.of("precheck.parts.minutes", **common))
    key = "precheck.parts.body-agenda" if need.by_agenda else "precheck.parts.body"
    return Message.of(key, body=name, count=need.total, parts=Listing.of(said))


def _cut_words(session: Session, part: Part, cut: Cut) -> Message:
    """`705 minutes (5 meetings: the 635 minutes before item 9 need 4 meetings, 5 if they
    share one with the 70 minutes from item 9 on, which need 1)`."""
    key = "cut" if cut.later is None else "cut-later"
    return Message.of(
        f"precheck.parts.{key}" if cut.shared is not None else "precheck.parts.cut-apart",
        minutes=part.minutes, last=who(session, cut.later) if cut.later else "",
        meetings=Message.of("count.meetings", count=cut.meetings), before=cut.before,
        who=who(session, cut.at), alone=Message.of("count.meetings", count=cut.alone),
        shared=cut.shared, after=cut.after,
        following=Message.of("count.meetings", count=cut.following),
    )  # fmt: skip
