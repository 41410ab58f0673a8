"""Counting proofs for the independent checks, where a solver is slow to see a pigeonhole.

"43 interpreted meetings, 42 places for them" takes CP-SAT longer than a check's deterministic
time to prove; a count proves it at once. These counts read only the session's data (no
pre-check, no model, no explainer code), each a lower bound on the interpreted meetings any
timetable holds:
- an interpreted body holds its whole meetings, and its minutes in meetings of at most the
  longest period it can use;
- with its agenda order kept, the body's agenda falls into runs that share no meeting: a
  whole meeting ends one run (it fills its period, the body holds one meeting at a time), and
  an activity fixed to start at a moment no period straddles starts another (what comes before
  it in the agenda ends by then, what comes after starts later), each run held in the periods
  on its side of that moment.

The session has no timetable when these meetings exceed the budget, or the places the teams
give them (per period, at most as many interpreted meetings as teams, one per body; a
pre-session day only for a body with an activity fixed to it).
"""

from __future__ import annotations

import datetime as dt
import math
from dataclasses import dataclass

from scheduler.session import Activity, Body, Session, Slot


@dataclass(frozen=True)
class Run:
    """Consecutive activities of a body's agenda that may share meetings with each other."""

    minutes: int
    after: dt.datetime | None  # its meetings start at or after this moment
    before: dt.datetime | None  # and end by this one


def fewest_interpreted_meetings(session: Session) -> dict[str, int]:
    """Per interpreted body, the fewest meetings any timetable gives it (joint meetings,
    which a count may leave out, are left out)."""
    return {
        body.id: _fewest(session, body)
        for body in session.bodies
        if body.interpreted and session.body_activities(body.id)
    }


def places_for_interpreted_meetings(session: Session) -> int:
    """How many interpreted meetings the periods can hold: in each usable period, at most one
    per interpreted body that may meet in it, and at most as many as teams."""
    interpreted = [b for b in session.bodies if b.interpreted]
    teams = session.interpretation.teams
    return sum(
        min(teams, sum(1 for b in interpreted if _may_meet(session, b, s)))
        for s in session.usable_slots
    )


def counted_out(session: Session) -> str | None:
    """Why counting proves that `session` has no timetable, or None when it does not."""
    needs = fewest_interpreted_meetings(session)
    total = sum(needs.values())
    budget = session.interpretation.budget
    if total > budget:
        return f"{total} interpreted meetings needed ({needs}), budget {budget}"
    places = places_for_interpreted_meetings(session)
    if total > places:
        return f"{total} interpreted meetings needed ({needs}), {places} places for them"
    return None


def _fewest(session: Session, body: Body) -> int:
    activities = session.body_activities(body.id)
    slots = [s for s in session.usable_slots if _may_meet(session, body, s)]
    whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
    runs = _runs(activities, slots) if body.order == "agenda" else [_one_run(activities)]
    meetings = whole
    for run in runs:
        if run.minutes:
            longest = max((s.minutes for s in slots if _inside(s, run)), default=0)
            assert longest, (body.id, run)  # minutes with no period: no timetable anyway
            meetings += math.ceil(run.minutes / longest)
    return meetings


def _may_meet(session: Session, body: Body, s: Slot) -> bool:
    """Whether the body may meet in the usable slot `s`: a period open to it, on a pre-session
    day only when one of its activities is fixed to that day (docs/RULES.md, within-periods)."""
    if not s.period.allows([body.id]):
        return False
    if not s.pre_session:
        return True
    return any(
        s.date in a.dates or (a.fixed_start is not None and a.fixed_start.date() == s.date)
        for a in session.body_activities(body.id)
    )


def _one_run(activities: list[Activity]) -> Run:
    return Run(sum(a.minutes or 0 for a in activities if not a.whole_meetings), None, None)


def _runs(activities: list[Activity], slots: list[Slot]) -> list[Run]:
    """The agenda's runs, cut at whole meetings and at fixed starts no period straddles.

    A run comes after every cut before it in the agenda (the latest moment of them) and
    before every cut after it (the earliest).
    """
    cuts = [_cut(a, slots) for a in activities]
    runs: list[Run] = []
    minutes, after = 0, None

    def close(n: int) -> None:  # the run of the activities before the n-th
        later = [t for t in cuts[n:] if t is not None]
        runs.append(Run(minutes, after, min(later, default=None)))

    for n, a in enumerate(activities):
        t = cuts[n]
        if t is not None:
            close(n)
            minutes, after = 0, t if after is None else max(after, t)
        if a.whole_meetings:
            close(n)
            minutes = 0
        else:
            minutes += a.minutes or 0
    close(len(activities))
    return runs


def _cut(a: Activity, slots: list[Slot]) -> dt.datetime | None:
    """The moment `a` is fixed to start, when no period the body may use straddles it."""
    t = a.fixed_start
    return t if t is not None and not any(s.start < t < s.end for s in slots) else None


def _inside(s: Slot, run: Run) -> bool:
    return (run.after is None or s.start >= run.after) and (
        run.before is None or s.end <= run.before
    )
