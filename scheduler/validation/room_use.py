"""Rooms over time: an activity held in one room throughout, and rooms closed in some periods."""

from __future__ import annotations

import itertools

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts
from scheduler.validation.wording import InSlot, Listing, Mtg, SlotKey


def check_same_room(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: an activity with `same_room` meets in one room, in consecutive slots of its body:
    between two of its parts no usable slot open to the body passes."""
    facts = Facts(session, timetable)
    found = Findings("same-room", session)
    for activity in session.activities:
        parts = facts.parts_of(activity.id)
        if not activity.same_room or len(parts) < 2:
            continue
        item = found.act(activity.id)
        rooms = list(dict.fromkeys(p.room_id for p in parts))
        if len(rooms) > 1:
            found.add(
                "rooms",
                item=item,
                rooms=", ".join(rooms),
                activities=(activity.id,),
                meetings=[p.meeting for p in parts],
            )
        host = facts.bodies.get(activity.body)
        members = host.member_ids if host is not None else (activity.body,)
        sequence: list[SlotKey] = [
            (s.date, s.period.id) for s in session.usable_slots if s.period.allows(members)
        ]
        position = {slot: k for k, slot in enumerate(sequence)}
        held = sorted({p.slot for p in parts if p.slot in position}, key=position.__getitem__)
        for before, after in itertools.pairwise(held):
            between = sequence[position[before] + 1 : position[after]]
            if between:
                found.add(
                    "gap",
                    item=item,
                    before=Mtg((activity.body, *before)),
                    after=Mtg((activity.body, *after)),
                    between=Listing.of(InSlot(s) for s in between),
                    activities=(activity.id,),
                    meetings=[(activity.body, *before), (activity.body, *after)],
                )
    return found


def check_room_closed(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: no meeting is held in a room in a period the room is closed (`rooms[].closed`:
    that period of that date, or the whole date)."""
    facts = Facts(session, timetable)
    found = Findings("room-closed", session)
    for meeting, parts in facts.meetings.items():
        _, date, period_id = meeting
        for room_id in dict.fromkeys(p.room_id for p in parts):
            room = facts.rooms.get(room_id)
            if room is None or date is None:
                continue
            if any(d == date and p in (None, period_id) for d, p in room.closures):
                found.add(
                    "closed",
                    where=Mtg(meeting),
                    room=room.label(),
                    activities=[p.activity_id for p in parts if p.room_id == room_id],
                    meetings=(meeting,),
                )
    return found
