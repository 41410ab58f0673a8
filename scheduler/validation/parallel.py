"""What may run at the same time: activities kept apart, and the cap on parallel meetings."""

from __future__ import annotations

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, MeetingKey
from scheduler.validation.wording import Listing, Mtg


def _kept_apart(session: Session, entry: str) -> list[str]:
    """The activities an entry of `not_in_parallel_with` names: one activity, a heading's
    sub-items (and theirs), or a body's whole agenda (its joint meetings too)."""
    activity_ids = {a.id for a in session.activities}
    if entry in activity_ids:
        return [entry]
    if any(i.id == entry for i in session.items):
        family, found = {entry}, True
        while found:  # sub-items of sub-items
            grown = family | {i.id for i in session.items if i.parent in family}
            found, family = grown != family, grown
        return [i.id for i in session.items if i.id in family and i.id in activity_ids]
    return [a.id for a in session.agenda_of(entry)]


def _meetings_of(facts: Facts, activity_id: str) -> list[MeetingKey]:
    """The dated meetings an activity has a part in, in time order."""
    return list(dict.fromkeys(p.meeting for p in facts.parts_of(activity_id) if p.date))


def check_not_in_parallel(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity and each entry of its `not_in_parallel_with` (an activity, a heading's
    sub-items, or every activity of a body) have no parts in meetings that run at the same
    time (the same slot, or periods that overlap on a date)."""
    facts = Facts(session, timetable)
    found = Findings("not-in-parallel", session)
    reported: set[tuple[frozenset[str], frozenset[MeetingKey]]] = set()
    for activity in session.activities:
        mine = _meetings_of(facts, activity.id)
        for entry in activity.not_in_parallel_with:
            for other in _kept_apart(session, entry):
                if other == activity.id:
                    continue
                theirs = _meetings_of(facts, other)
                clashes = [
                    (when, m, t)
                    for m in mine
                    for t in theirs
                    if (when := facts.together(m, t)) is not None
                ]
                for when, m, t in clashes:
                    key = (frozenset((activity.id, other)), frozenset((m, t)))
                    if key in reported:
                        continue
                    reported.add(key)
                    found.add(
                        "in-parallel",
                        other=found.act(other),
                        slot=when,
                        item=found.act(activity.id),
                        activities=(other, activity.id),
                        meetings=(t, m),
                    )
    return found


def check_parallel_cap(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: when `interpretation.parallel_cap` is set, at no moment do more meetings (of any
    body; with `parallel_cap_bodies`, of those bodies and their joint meetings) run than that
    cap (a meeting occupies its whole period)."""
    facts = Facts(session, timetable)
    found = Findings("parallel-cap", session)
    cap, scope = session.interpretation.parallel_cap, session.interpretation.parallel_cap_bodies
    if cap is None:
        return found
    counted = [m for m in facts.meetings if scope is None or set(facts.members(m[0])) & set(scope)]
    for group in facts.at_once(counted):
        if len(group.meetings) > cap:
            found.add(
                "over-cap",
                n=len(group.meetings),
                slot=group.when,
                cap=cap,
                listed=Listing.of(Mtg(m) for m in group.meetings),
                activities=[p.activity_id for m in group.meetings for p in facts.meetings[m]],
                meetings=group.meetings,
            )
    return found
