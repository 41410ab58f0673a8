"""Bodies and rooms: a body does one thing at a time, a room holds one meeting at a time."""

from __future__ import annotations

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, MeetingKey, Part
from scheduler.validation.wording import Listing, Mtg, Span


def _meetings_overlap(found: Findings, facts: Facts) -> set[frozenset[MeetingKey]]:
    """Report each two meetings of one body that run at the same time (a joint meeting is a
    meeting of each of its bodies); return the pairs reported."""
    of_body: dict[str, list[MeetingKey]] = {}
    for meeting in facts.meetings:
        for body_id in facts.members(meeting[0]):
            of_body.setdefault(body_id, []).append(meeting)
    reported: set[frozenset[MeetingKey]] = set()
    for body_id, meetings in of_body.items():
        for i, one in enumerate(meetings):
            for other in meetings[i + 1 :]:
                pair = frozenset((one, other))
                if pair in reported or facts.together(one, other) is None:
                    continue
                reported.add(pair)
                found.add(
                    "meetings-overlap",
                    body=found.body(body_id),
                    where=Mtg(one),
                    span=Span(*(facts.meeting_span(one) or (None, None))),
                    other_where=Mtg(other),
                    other_span=Span(*(facts.meeting_span(other) or (None, None))),
                    activities=[p.activity_id for m in (one, other) for p in facts.meetings[m]],
                    meetings=(one, other),
                )
    return reported


def check_body_one_at_a_time(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a body does one thing at a time: its parts never overlap in time, two of its
    meetings never overlap (a meeting occupies its whole period; a joint meeting is a meeting
    of each of its bodies), and it uses one room per meeting."""
    facts = Facts(session, timetable)
    found = Findings("body-one-at-a-time", session)
    overlapping = _meetings_overlap(found, facts)
    by_body: dict[str, list[Part]] = {}
    for p in sorted(facts.parts, key=Part.time_order):
        if p.start is not None and p.end is not None and p.start < p.end:
            for body_id in facts.members(p.body_id):
                by_body.setdefault(body_id, []).append(p)
    reported: set[tuple[int, int]] = set()
    for parts in by_body.values():
        for i, p in enumerate(parts):
            for q in parts[i + 1 :]:
                assert p.end is not None and q.start is not None
                if q.start >= p.end:
                    break  # sorted by start: no later part overlaps p
                if (p.row, q.row) in reported or frozenset((p.meeting, q.meeting)) in overlapping:
                    continue  # a joint meeting's parts, or meetings already reported
                reported.add((p.row, q.row))
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
    """Hard: a room holds one meeting at a time: no two meetings in one room whose periods
    overlap on a date (a meeting occupies its whole period; a joint meeting is one meeting)."""
    facts = Facts(session, timetable)
    found = Findings("room-one-meeting", session)
    users: dict[str, list[MeetingKey]] = {}
    for meeting, parts in facts.meetings.items():
        for room in dict.fromkeys(p.room_id for p in parts):
            users.setdefault(room, []).append(meeting)
    for room, meetings in users.items():
        for group in facts.at_once(meetings):
            if len(group.meetings) > 1:
                found.add(
                    "shared-room",
                    room=room,
                    n=len(group.meetings),
                    slot=group.when,
                    listed=Listing.of(Mtg(m) for m in group.meetings),
                    activities=[p.activity_id for m in group.meetings for p in facts.meetings[m]],
                    meetings=group.meetings,
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
