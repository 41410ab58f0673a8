"""How explanations name times, meetings and activities: terms, said in the reader's language.

Dates and times are spelled as in the rule instances' own texts (`scheduler.messages.terms`):
`Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures`; meetings as the planner reads
them: `Plenary, Friday 19 October 15:00-18:00 (items 6, 7, 8 and 9)`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass

from scheduler.messages import word
from scheduler.messages.terms import Activities, DaySpan, DayTimes, Listing, Moment, Named, Span
from scheduler.rules.instances import RuleInstance, instance, who_term
from scheduler.session import Session
from scheduler.timetable import Meeting, Timetable


@dataclass(frozen=True)
class MeetingHeld:
    """A meeting of the timetable: `Plenary, Friday 19 October 15:00-18:00 (items 6 and 7)`.

    The activities are left out when they are just the body's own meetings.
    """

    body: Named
    span: DaySpan
    taken: Activities

    def say(self, lang: str) -> str:
        name, taken = self.body.say(lang), self.taken.say(lang)
        if taken == name:
            return word("explain.meeting", lang, body=name, span=self.span)
        return word("explain.meeting-taking", lang, body=name, span=self.span, taken=taken)


def meeting(session: Session, m: Meeting) -> MeetingHeld:
    start = min(p.start for p in m.parts)
    end = max(p.end for p in m.parts)
    return MeetingHeld(
        Named.by(session.body(m.body).name.get),
        DaySpan(m.date, start, end),
        Activities.of(session, m.activities),
    )


def meetings(session: Session, found: Iterable[Meeting]) -> Listing:
    """Meetings one after the other: `a; b` / `a ; b`."""
    return Listing.of((meeting(session, m) for m in found), "terms.semicolon")


def parts(timetable: Timetable, activity: str) -> Listing:
    """Where an activity is taken, day by day: `Tuesday 16 October 10:00-13:00 and 15:00-18:00`."""
    by_day: dict[dt.date, list[Span]] = {}
    for p in timetable.parts_of(activity):
        by_day.setdefault(p.date, []).append(Span(p.start, p.end, "text"))
    return Listing.of((DayTimes(d, tuple(spans)) for d, spans in by_day.items()), "terms.semicolon")


#: Rule -> the activity's field that a body's bound sets for all its activities.
_BODY_BOUNDS = {"deadline": "latest_end", "earliest-start": "earliest_start"}


def as_written(session: Session, inst: RuleInstance) -> RuleInstance:
    """`inst` worded where the planner wrote it: a deadline or an earliest start that comes
    from the body's line is said to be the body's ("(the deadline of Plenary)").

    The model keeps one instance per activity (each can give way alone); only the words
    change, the key stays.
    """
    field = _BODY_BOUNDS.get(inst.rule)
    if field is None:
        return inst
    a = session.activity(inst.subject)
    moment = getattr(a, field)
    placed = next(p for p in [*session.items, *session.meetings] if p.id == a.id)
    own = getattr(placed, field)
    bodies = [session.body(b) for b in (a.bodies or (a.body,))]
    body = next((b for b in bodies if getattr(b, field) == moment), None)
    if body is None or moment is None or own == moment:
        return inst  # the activity's own line sets it
    who = who_term(session, a.id)
    if a.kind == "meetings" and a.label() == body.name.get("en"):
        return instance(inst.rule, inst.subject, "of-body", who=who, moment=Moment(moment))
    named = Named.by(body.name.get)
    return instance(inst.rule, inst.subject, "of-its-body", who=who, moment=Moment(moment),
                    body=named)  # fmt: skip
