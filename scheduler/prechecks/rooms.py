"""Rooms: more meetings needed than the rooms they may use can hold in the periods open to them.

A meeting takes one room for its period, and a room holds one meeting at a time (body-rooms,
room-one-meeting: rules of the model itself, no line of the file to drop). So the hosts that
may meet only in some rooms (`R`) hold, in each period, at most as many meetings as there are
rooms in `R`, and at most one each: their meetings number at most, summed over the periods
open to any of them, the smaller of the two ("16 meetings needed (Plenary 10, Committee of
the Whole 5, Pre-session consultations 1), each in the Plenary Hall; 14 periods open to them,
one meeting at a time in that room: at most 14"). Every period a host's activities may use
counts (its own periods, pre-session days where it is fixed there), closed rooms too: a count
that can only be too generous, so a finding is a proof.
"""

from __future__ import annotations

from collections.abc import Iterator

from scheduler.messages import Message
from scheduler.messages.terms import Joined, Named
from scheduler.prechecks.calendar import Calendar
from scheduler.prechecks.findings import Active, PrecheckFinding
from scheduler.prechecks.totals import Count, counted, host_needs, host_parts
from scheduler.session import Body, Session, Slot


def allowed_rooms(session: Session, host: Body) -> frozenset[str]:
    """The rooms a host may use: its rooms, with booths when it is interpreted."""
    return frozenset(
        r for r in host.rooms if not host.interpreted or session.room(r).interpretation
    )


def rooms_total(session: Session, on: Active) -> Iterator[PrecheckFinding]:
    """Per set of rooms some host is confined to: the hosts confined to it, when together
    they need more meetings than those rooms hold in the periods open to them."""
    confined = {h.id: allowed_rooms(session, h) for h in session.hosts}
    seen: set[frozenset[str]] = set()
    for rooms in sorted(set(confined.values()), key=lambda r: (len(r), sorted(r))):
        hosts = [h for h in session.hosts if confined[h.id] and confined[h.id] <= rooms]
        group = frozenset(h.id for h in hosts)
        if len(hosts) < 2 or group in seen:
            continue
        seen.add(group)
        count = _in_rooms(session, hosts, rooms)
        yield from counted(session, on, None, "room-one-meeting", "rooms-total", count)


def host_slots(session: Session, cal: Calendar, host: Body) -> list[Slot]:
    """The open slots a host's activities may use, in periods open to its bodies."""
    activities = session.body_activities(host.id)
    members = host.member_ids
    return [s for s in cal.open_slots(activities) if s.period.allows(members)]


def _in_rooms(session: Session, hosts: list[Body], rooms: frozenset[str]) -> Count:
    ordered = [r for r in (x.id for x in session.rooms) if r in rooms]

    def count(cal: Calendar) -> dict[str, object] | None:
        if not cal.bounded:
            return None
        needs = [(h, n) for h in hosts if (n := host_needs(session, cal, h))]
        users: dict[int, int] = {}
        for h, _ in needs:
            for s in host_slots(session, cal, h):
                users[s.index] = users.get(s.index, 0) + 1
        total = sum(n for _, n in needs)
        most = sum(min(len(rooms), n) for n in users.values())
        if len(needs) < 2 or total <= most:
            return None
        return {
            "needed": Message.of("count.meetings", count=total),
            "needs": host_parts(session, needs),
            "rooms": Joined.of(Named.by(session.room(r).label) for r in ordered),
            "periods": Message.of("count.periods", count=len(users)),
            "limit": len(rooms),
            "most": most,
        }

    return count
