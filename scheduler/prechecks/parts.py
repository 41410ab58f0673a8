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

from scheduler.messages import Message
from scheduler.messages.terms import Listing, Moment
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import BUDGET, DAYS, Active, Key, PrecheckFinding, finding
from scheduler.prechecks.interpretation import interpreted_needs
from scheduler.prechecks.windows import Window, empty
from scheduler.prechecks.wording import body_name
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

    @property
    def meetings(self) -> int:
        return math.ceil(self.minutes / self.length)


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
    yield finding(
        "budget-parts", "interpretation-budget", "budget-parts", instances,
        total=total, needs=said, budget=budget,
    )  # fmt: skip


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
    for group in groups.values():
        usable = {p: v for a in group for p, v in places[a.id].items()}
        if not usable:
            continue  # no period at all: other checks say so
        ends = [v[2] for v in usable.values()]
        parts.append(
            Part(
                minutes=sum(a.minutes or 0 for a in group),
                length=max(v[0] for v in usable.values()),
                start=min(v[1] for v in usable.values()),
                end=None if None in ends else max(e for e in ends if e is not None),
            )
        )
        for a in group:
            w = windows[a.id]
            why |= w.lo.why | w.hi.why
    if by_agenda and len(set(stretches.values())) > 1:
        why.add(agenda)
    why |= {("no-sharing", a) for a in alone}
    whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
    apart = by_agenda and len({stretches[a.id] for a in minute}) > 1
    return Need(host.id, whole, tuple(parts), apart, frozenset(why))


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
    if len(need.parts) <= 1 and not need.by_agenda:
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
