"""What may run at the same time: activities kept apart, and the cap on parallel meetings."""

from __future__ import annotations

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, SlotKey
from scheduler.validation.wording import InSlot, Listing, Mtg


def _kept_apart(session: Session, entry: str) -> list[str]:
    """The activities an entry of `not_in_parallel_with` names: one activity, a heading's
    sub-items (and theirs), or a body's activities."""
    activity_ids = {a.id for a in session.activities}
    if entry in activity_ids:
        return [entry]
    if any(i.id == entry for i in session.items):
        family, found = {entry}, True
        while found:  # sub-items of sub-items
            grown = family | {i.id for i in session.items if i.parent in family}
            found, family = grown != family, grown
        return [i.id for i in session.items if i.id in family and i.id in activity_ids]
    return [a.id for a in session.body_activities(entry)]


def check_not_in_parallel(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity and each entry of its `not_in_parallel_with` (an activity, a heading's
    sub-items, or every activity of a body) have no part in the same slot."""
    facts = Facts(session, timetable)
    found = Findings("not-in-parallel", session)
    reported: set[tuple[frozenset[str], SlotKey]] = set()
    for activity in session.activities:
        mine = {p.slot: p for p in facts.parts_of(activity.id) if p.date is not None}
        for entry in activity.not_in_parallel_with:
            for other in _kept_apart(session, entry):
                if other == activity.id:
                    continue
                theirs = {p.slot: p for p in facts.parts_of(other) if p.date is not None}
                for slot in sorted(mine.keys() & theirs.keys(), key=facts.slot_order):
                    key = (frozenset((activity.id, other)), slot)
                    if key in reported:
                        continue
                    reported.add(key)
                    found.add(
                        "in-parallel",
                        other=found.act(other),
                        slot=InSlot(slot),
                        item=found.act(activity.id),
                        activities=(other, activity.id),
                        meetings=(theirs[slot].meeting, mine[slot].meeting),
                    )
    return found


def check_parallel_cap(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: when `interpretation.parallel_cap` is set, in no slot do more meetings (of any
    body) run than that cap."""
    facts = Facts(session, timetable)
    found = Findings("parallel-cap", session)
    cap = session.interpretation.parallel_cap
    if cap is None:
        return found
    for slot, meetings in facts.meetings_by_slot().items():
        if len(meetings) > cap:
            found.add(
                "over-cap",
                n=len(meetings),
                slot=InSlot(slot),
                cap=cap,
                listed=Listing.of(Mtg(m) for m in meetings),
                activities=[p.activity_id for m in meetings for p in facts.meetings[m]],
                meetings=meetings,
            )
    return found
