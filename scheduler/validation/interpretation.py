"""Interpretation: booths in the room, the session's budget of meetings, teams at any time."""

from __future__ import annotations

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts
from scheduler.validation.wording import Listing, Mtg


def check_interpretation_booths(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: meetings of interpreted bodies are held in rooms with interpretation booths."""
    facts = Facts(session, timetable)
    found = Findings("interpretation-booths", session)
    for meeting, parts in facts.meetings.items():
        if not facts.interpreted(meeting):
            continue
        for room_id in dict.fromkeys(p.room_id for p in parts):
            room = facts.rooms.get(room_id)
            if room is None or room.interpretation:
                continue  # an unknown room is reported by body-rooms
            found.add(
                "no-booths",
                where=Mtg(meeting),
                room=room_id,
                activities=[p.activity_id for p in parts if p.room_id == room_id],
                meetings=(meeting,),
            )
    return found


def check_interpretation_budget(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: the number of interpreted meetings is at most `interpretation.budget` (a joint
    meeting is one meeting)."""
    facts = Facts(session, timetable)
    found = Findings("interpretation-budget", session)
    interpreted = facts.interpreted_meetings()
    budget = session.interpretation.budget
    if len(interpreted) > budget:
        found.add(
            "over-budget",
            n=len(interpreted),
            budget=budget,
            activities=[p.activity_id for m in interpreted for p in facts.meetings[m]],
            meetings=interpreted,
        )
    return found


def check_interpretation_teams(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: at no moment do more interpreted meetings run than `interpretation.teams` (a
    meeting occupies its whole period; a joint meeting needs one team)."""
    facts = Facts(session, timetable)
    found = Findings("interpretation-teams", session)
    teams = session.interpretation.teams
    for group in facts.at_once(facts.interpreted_meetings()):
        if len(group.meetings) > teams:
            found.add(
                "too-many",
                n=len(group.meetings),
                slot=group.when,
                teams=teams,
                listed=Listing.of(Mtg(m) for m in group.meetings),
                meetings=group.meetings,
                activities=[p.activity_id for m in group.meetings for p in facts.meetings[m]],
            )
    return found
