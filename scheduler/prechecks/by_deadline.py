"""Interpretation teams against deadlines: what must be held by a moment, at most `teams` at once.

The teams count of `totals` stops at the session's end; a deadline stops earlier ("36
interpreted meetings must be held by Friday 15 October 18:00 (...); 29 periods before then,
1 team: at most 29"). For each deadline, the latest end of an interpreted activity's window
(`windows.time_windows`: its own deadline, its body's, or one carried along the agenda or a
sequence), each interpreted host's activities whose windows end by it need at least their
fewest meetings (`totals.fewest_meetings`: whole meetings, minutes over the longest open
period), every one in a period before the deadline: a part that ends by it lies in a period
that starts before it, and a whole meeting fills a period that ends by it. At most `teams`
interpreted meetings run in one period, and a host holds one meeting a period.

The finding names the teams, the instances that end each counted window, and the closures
(evenings, holidays) whose opening would lift it (`totals.counted`); not the session's days,
but for a window they end: every day a wider calendar adds comes after the last one, so only
deadlines up to the session's end are counted, and while the days hold, only those before it
(at the end itself the teams count of `totals` says as much with fewer rules).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator
from dataclasses import dataclass

from scheduler.messages import Message
from scheduler.messages.terms import Moment
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import TEAMS, Active, Key, PrecheckFinding
from scheduler.prechecks.totals import Count, counted, fewest_meetings, host_parts
from scheduler.prechecks.windows import Window
from scheduler.session import Activity, Body, Session


def teams_by_deadline(session: Session, on: Active) -> Iterator[PrecheckFinding]:
    """The deadline by which more interpreted meetings are due than the teams can hold."""
    hosts = [h for h in session.hosts if h.interpreted]
    if on(TEAMS) and hosts:
        count = _due_by(session, hosts, session.interpretation.teams)
        yield from counted(session, on, TEAMS, "interpretation-teams", "teams-deadline", count,
                           days=False)  # fmt: skip


def _due_by(session: Session, hosts: list[Body], teams: int) -> Count:
    """The count at the deadline that proves it with the fewest instances (the earliest of
    those), or None when every deadline leaves the teams enough periods."""

    def count(cal: Calendar) -> dict[str, object] | None:
        windows = cal.windows()
        own = {h.id: session.body_activities(h.id) for h in hosts}
        ends = {w.hi.at for acts in own.values() for a in acts if (w := windows[a.id]).hi.at}
        best: tuple[tuple[int, dt.datetime], dict[str, object]] | None = None
        for deadline in sorted(ends):
            if deadline > cal.last_end or (cal.bounded and deadline >= cal.last_end):
                continue
            found = _at(session, cal, windows, own, hosts, teams, deadline)
            if found is not None:
                why = found["why"]
                assert isinstance(why, frozenset)
                rank = (len(why), deadline)
                if best is None or rank < best[0]:
                    best = (rank, found)
        return None if best is None else best[1]

    return count


def _at(
    session: Session,
    cal: Calendar,
    windows: dict[str, Window],
    own: dict[str, list[Activity]],
    hosts: list[Body],
    teams: int,
    deadline: dt.datetime,
) -> dict[str, object] | None:
    """The count at one deadline, or None when the periods before it are enough; of the
    hosts due, only those it needs (`_fewest_hosts`)."""
    due: list[_Due] = []
    for h in hosts:
        mine = [a for a in own[h.id] if (end := windows[a.id].hi.at) and end <= deadline]
        n = fewest_meetings(cal, mine)
        if not n:
            continue
        mine = _fewest_rules(cal, windows, mine, n)
        whole = all(a.whole_meetings for a in mine)
        periods = frozenset(s.index for s in cal.open_slots(mine) if s.period.allows(h.member_ids)
                            and (s.end <= deadline if whole else s.start < deadline))  # fmt: skip
        why = frozenset[Key]().union(*(windows[a.id].hi.why for a in mine))
        due.append(_Due(h, n, periods, why))
    if not _over(due, teams):
        return None
    due = _fewest_hosts(due, teams)
    open_periods = len(frozenset[int]().union(*(d.periods for d in due)))
    return {
        "needed": Message.of("count.interpreted-meetings", count=sum(d.needs for d in due)),
        "moment": Moment(deadline),
        "needs": host_parts(session, [(d.host, d.needs) for d in due]),
        "periods": Message.of("count.periods", count=open_periods),
        "limit": teams,
        "most": teams * open_periods,
        "why": frozenset[Key]().union(*(d.why for d in due)),
    }


@dataclass(frozen=True)
class _Due:
    """One host's meetings due by a deadline: how many, the periods they may take, and the
    instances that make them due."""

    host: Body
    needs: int
    periods: frozenset[int]
    why: frozenset[Key]


def _over(due: list[_Due], teams: int) -> bool:
    """Whether more than `teams` hosts need more meetings than `teams` per period give."""
    periods = frozenset[int]().union(*(d.periods for d in due))
    return len(due) > teams and sum(d.needs for d in due) > teams * len(periods)


def _fewest_hosts(due: list[_Due], teams: int) -> list[_Due]:
    """The hosts without which the count still holds left out, those whose meetings are due
    through the most instances first (a body due through its agenda before a contact group
    due by its own deadline), then those with the most for each meeting: the proof a
    planner reads, and the explainer's smaller search, whose checks are solves of few and
    plain rules."""
    kept = list(due)
    for d in sorted(due, key=lambda d: (-len(d.why), -len(d.why) / d.needs)):
        rest = [x for x in kept if x is not d]
        if _over(rest, teams):
            kept = rest
    return kept


def _fewest_rules(
    cal: Calendar, windows: dict[str, Window], due: list[Activity], n: int
) -> list[Activity]:
    """`due` without the activities it needs no more meetings without, those whose windows
    take the most instances to end first (item 1 ends by item 2 only through the agenda:
    when item 2 alone needs as many meetings, the agenda is not named)."""
    kept = list(due)
    for a in sorted(due, key=lambda a: -len(windows[a.id].hi.why)):
        rest = [x for x in kept if x.id != a.id]
        if fewest_meetings(cal, rest) == n:
            kept = rest
    return kept
