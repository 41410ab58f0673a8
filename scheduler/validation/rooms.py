"""Bodies and rooms: a body does one thing at a time, a room holds one meeting at a time."""

from __future__ import annotations

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, MeetingKey, Part, SlotKey
from scheduler.validation.wording import InSlot, Listing, Mtg, Span


def check_body_one_at_a_time(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: parts of the same body never overlap in time, and a body uses one room per slot."""
    facts = Facts(session, timetable)
    found = Findings("body-one-at-a-time", session)
    by_body: dict[str, list[Part]] = {}
    for p in sorted(facts.parts, key=Part.time_order):
        if p.start is not None and p.end is not None and p.start < p.end:
            by_body.setdefault(p.body_id, []).append(p)
    for parts in by_body.values():
        for i, p in enumerate(parts):
            for q in parts[i + 1 :]:
                assert p.end is not None and q.start is not None
                if q.start >= p.end:
                    break  # sorted by start: no later part overlaps p
                found.add(
                    "overlap",
                    item=found.act(p.activity_id),
                    where=Mtg(p.meeting),
                    span=Span(p.start, p.end),
                    other=found.act(q.activity_id),
                    other_where=Mtg(q.meeting),
                    other_span=Span(q.start, q.end),
                    activities=(p.activity_id, q.activity_id),
                    meetings=(p.meeting, q.meeting),
                )
    for meeting, parts in facts.meetings.items():
        rooms = list(dict.fromkeys(p.room_id for p in parts))
        if len(rooms) > 1:
            found.add(
                "rooms-spread",
                where=Mtg(meeting),
                rooms=", ".join(rooms),
                activities=[p.activity_id for p in parts],
                meetings=(meeting,),
            )
    return found


def check_room_one_meeting(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: at most one body uses a room in a slot."""
    facts = Facts(session, timetable)
    found = Findings("room-one-meeting", session)
    users: dict[tuple[str, SlotKey], list[MeetingKey]] = {}
    for meeting, parts in facts.meetings.items():
        for room in dict.fromkeys(p.room_id for p in parts):
            users.setdefault((room, (meeting[1], meeting[2])), []).append(meeting)
    for (room, slot), meetings in users.items():
        if len(meetings) > 1:
            found.add(
                "shared-room",
                room=room,
                n=len(meetings),
                slot=InSlot(slot),
                listed=Listing.of(Mtg(m) for m in meetings),
                activities=[p.activity_id for m in meetings for p in facts.meetings[m]],
                meetings=meetings,
            )
    return found


def check_body_rooms(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a body meets only in its `rooms`; a room the session does not know is refused."""
    facts = Facts(session, timetable)
    found = Findings("body-rooms", session)
    for meeting, parts in facts.meetings.items():
        body = facts.bodies.get(meeting[0])
        for room in dict.fromkeys(p.room_id for p in parts):
            ids = [p.activity_id for p in parts if p.room_id == room]
            if room not in facts.rooms:
                found.add(
                    "unknown-room",
                    where=Mtg(meeting),
                    room=room,
                    activities=ids,
                    meetings=(meeting,),
                )
            elif body is not None and room not in body.rooms:
                found.add(
                    "not-own-room",
                    where=Mtg(meeting),
                    room=room,
                    allowed=", ".join(body.rooms),
                    activities=ids,
                    meetings=(meeting,),
                )
    return found
