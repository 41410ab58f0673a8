"""Interpretation: more meetings than the budget, more at once than the teams or the cap.

More interpreted meetings needed than the budget; more interpreted bodies (or meetings of any
kind) forced into one period than there are teams (or than the cap).
"""

from __future__ import annotations

import math
from collections.abc import Iterator
from dataclasses import dataclass

from scheduler.messages import Message
from scheduler.messages.terms import DaySpan, Joined, Listing, Moment
from scheduler.prechecks.calendar import Calendar, Supply
from scheduler.prechecks.findings import (
    BUDGET,
    CAP,
    DAYS,
    EVENINGS,
    TEAMS,
    Active,
    Key,
    PrecheckFinding,
    finding,
)
from scheduler.prechecks.windows import Window, empty
from scheduler.prechecks.wording import body_name, who
from scheduler.session import Session, Slot


def interpreted_needs(session: Session, cal: Calendar) -> list[tuple[str, int]]:
    """Per interpreted body, the fewest meetings its activities need (periods at their longest
    open length): their sum is a lower bound on the session's interpreted meetings."""
    longest = cal.periods_minutes()
    needs: list[tuple[str, int]] = []
    if not longest:
        return needs
    for body in session.bodies:
        if body.interpreted:
            activities = session.body_activities(body.id)
            whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
            minutes = sum(a.minutes or 0 for a in activities if not a.whole_meetings)
            if whole or minutes:
                needs.append((body.id, whole + math.ceil(minutes / longest)))
    return needs


def fewest_interpreted_meetings(session: Session) -> int:
    """A lower bound on the interpreted meetings of any timetable of `session`, by counting
    (with evening periods open: it holds whatever the calendar's rules)."""
    return sum(n for _, n in interpreted_needs(session, Calendar(session, lambda key: False)))


def over_budget(session: Session, cal: Calendar, on: Active) -> Iterator[PrecheckFinding]:
    budget = session.interpretation.budget
    longest = cal.periods_minutes()
    if not on(BUDGET) or not longest:
        return
    needs = interpreted_needs(session, cal)
    total = sum(n for _, n in needs)
    if total <= budget:
        return
    why: set[Key] = {BUDGET}
    every = max(s.minutes for s in session.slots)
    if cal.evenings_closed and every > longest:
        why.add(EVENINGS)
    parts = Listing.of(
        Message.of("precheck.body-count", body=body_name(session, b), count=n) for b, n in needs
    )
    yield finding(
        "budget", "interpretation-budget", "budget", tuple(sorted(why)),
        total=total, needs=parts, longest=longest, budget=budget,
    )  # fmt: skip


def simultaneous(
    session: Session, cal: Calendar, windows: dict[str, Window], on: Active
) -> Iterator[PrecheckFinding]:
    """Periods in which more bodies are forced to meet than teams (or than the cap), each
    body with the reason it is forced there ("the Plenary needs all 10 periods")."""
    forced = _forced_meetings(session, cal, windows)
    interp = session.interpretation
    interpreted = {b.id for b in session.bodies if b.interpreted}
    limits: list[tuple[Key, int, bool]] = [(TEAMS, interp.teams, True)]
    if interp.parallel_cap is not None:
        limits.append((CAP, interp.parallel_cap, False))
    capped = None if interp.parallel_cap_bodies is None else set(interp.parallel_cap_bodies)
    for key, limit, only_interpreted in limits:
        if not on(key):
            continue
        for slot in session.slots:
            here = forced.get(slot.index, {})
            bodies = {
                b.id: here[b.id]
                for b in session.bodies
                if b.id in here
                and (b.id in interpreted if only_interpreted else capped is None or b.id in capped)
            }
            if len(bodies) <= limit:
                continue
            why = {key}.union(*(f.why for f in bodies.values()))
            names = Listing.of(body_name(session, b) for b in bodies)
            reasons = Joined.of(f.reason for f in bodies.values())
            at = DaySpan(slot.date, slot.start.time(), slot.end.time())
            if only_interpreted:
                rule, check, words = "interpretation-teams", "teams", "teams"
                noun = "count.interpreted-meetings"
            else:
                rule, check, words, noun = "parallel-cap", "parallel-cap", "cap", "count.meetings"
            yield finding(
                check, rule, words, tuple(sorted(why)),
                at=at, n=len(bodies), held=Message.of(noun, count=len(bodies)), bodies=names,
                limit=limit, forced=reasons,
            )  # fmt: skip


@dataclass(frozen=True)
class _Forced:
    """Why a body must meet in a period: the instances that force it, and the reason in words."""

    why: frozenset[Key]
    reason: Message


def _forced_meetings(
    session: Session, cal: Calendar, windows: dict[str, Window]
) -> dict[int, dict[str, _Forced]]:
    """Slot index -> body -> why the body must meet in that slot (the fewest instances)."""
    forced: dict[int, dict[str, _Forced]] = {}

    def force(slot: Slot, body: str, why: frozenset[Key], reason: Message) -> None:
        known = forced.setdefault(slot.index, {}).get(body)
        if known is None or len(why) < len(known.why):
            forced[slot.index][body] = _Forced(why, reason)

    for a in session.activities:
        w = windows[a.id]
        if empty(w) or w.lo.at is None:
            continue
        if w.ls.at is not None and w.ls.at == w.lo.at:  # a start fixed by its rules
            slot = next((s for s in cal.open_slots([a]) if s.start <= w.lo.at < s.end), None)
            if slot is not None:
                starts = Message.of("precheck.forced.starts", who=who(session, a.id),
                                    moment=Moment(w.lo.at))  # fmt: skip
                force(slot, a.body, w.lo.why | w.ls.why, starts)
        if w.hi.at is None:
            continue
        supply = Supply.of(cal, [a], w.lo.at, w.hi.at)
        needed = a.meetings if a.whole_meetings else (1 if len(supply.slots) == 1 else None)
        used = supply.full if a.whole_meetings else supply.slots
        if needed is not None and used and needed == len(used):
            why = w.lo.why | w.hi.why | cal.closures(w.lo.at, w.hi.at)
            span = Message.of("precheck.from-to", start=Moment(max(w.lo.at, used[0].start)),
                              end=Moment(min(w.hi.at, used[-1].end)))  # fmt: skip
            window = Message.of("precheck.forced.window", who=who(session, a.id), span=span,
                                meetings=Message.of("count.meetings", count=needed))  # fmt: skip
            for slot in used:
                force(slot, a.body, why, window)
    for body in session.bodies:  # a body that needs every period it has
        activities = session.body_activities(body.id)
        if not activities or not cal.bounded:
            continue
        supply = Supply.of(cal, activities, cal.first_start, cal.last_end)
        length = supply.uniform()
        if length is None or any(cal.fixed_day(a) for a in activities):
            continue
        whole = sum(a.meetings or 0 for a in activities if a.whole_meetings)
        minutes = sum(a.minutes or 0 for a in activities if not a.whole_meetings)
        if whole + math.ceil(minutes / length) == len(supply.slots):
            why = frozenset({DAYS}) | cal.closures(cal.first_start, cal.last_end)
            every = Message.of("precheck.forced.every-period", body=body_name(session, body.id),
                               count=len(supply.slots))  # fmt: skip
            for slot in supply.slots:
                force(slot, body.id, why, every)
    return forced
