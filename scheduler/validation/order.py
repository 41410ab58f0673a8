"""The order in which activities are taken: the agenda's, with first and last fixed."""

from __future__ import annotations

import datetime as dt
import itertools

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts
from scheduler.validation.wording import At, Listing, Mtg


def check_agenda_order(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a body with `order: agenda` takes its activities in file order: every part of one
    ends no later than any part of the next starts. A body's agenda is its whole agenda: its
    joint meetings with other bodies take their places in it by file position.

    An activity missing from the timetable (a `full-duration` finding) is skipped, so its
    neighbours are still compared with each other.
    """
    facts = Facts(session, timetable)
    found = Findings("agenda-order", session)
    for body in session.bodies:
        if body.order != "agenda":
            continue
        taken = [
            (a.id, parts)
            for a in session.agenda_of(body.id)
            if (parts := facts.timed_parts_of(a.id))
        ]
        for (a, before), (b, after) in itertools.pairwise(taken):
            late = max(before, key=lambda p: p.end or dt.datetime.min)
            early = min(after, key=lambda p: p.start or dt.datetime.max)
            assert late.end is not None and early.start is not None
            if late.end > early.start:
                found.add(
                    "out-of-order",
                    next=found.act(b),
                    next_where=Mtg(early.meeting),
                    item=found.act(a),
                    where=Mtg(late.meeting),
                    activities=(a, b),
                    meetings=(late.meeting, early.meeting),
                )
    return found


def check_first_last(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity marked `first` starts no later than every part of every other
    activity on session days; one marked `last` ends no earlier than every such part."""
    facts = Facts(session, timetable)
    found = Findings("first-last", session)
    days = set(session.session.days)
    on_days = [p for p in facts.parts if p.timed and p.activity is not None and p.date in days]
    for activity in session.activities:
        own = facts.timed_parts_of(activity.id)
        if not own or not (activity.first or activity.last):
            continue
        others = [p for p in on_days if p.activity_id != activity.id]
        if activity.first:
            start = min(p.start for p in own if p.start is not None)
            before = [p for p in others if p.start is not None and p.start < start]
            if before:
                found.add(
                    "not-first",
                    item=found.act(activity.id),
                    start=At(start),
                    others=Listing.of(
                        found.act(i) for i in dict.fromkeys(p.activity_id for p in before)
                    ),
                    activities=(activity.id, *(p.activity_id for p in before)),
                    meetings=(own[0].meeting, *(p.meeting for p in before)),
                )
        if activity.last:
            end = max(p.end for p in own if p.end is not None)
            after = [p for p in others if p.end is not None and p.end > end]
            if after:
                found.add(
                    "not-last",
                    item=found.act(activity.id),
                    end=At(end),
                    others=Listing.of(
                        found.act(i) for i in dict.fromkeys(p.activity_id for p in after)
                    ),
                    activities=(activity.id, *(p.activity_id for p in after)),
                    meetings=(own[-1].meeting, *(p.meeting for p in after)),
                )
    return found
