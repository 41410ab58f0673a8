"""How activities fill meetings: all of each activity, in the right parts, in the right meetings."""

from __future__ import annotations

import itertools

from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation.findings import Finding, Findings
from scheduler.validation.parts import Facts, Part
from scheduler.validation.wording import Clock, Listing, Mtg, Span


def _check_rows(found: Findings, facts: Facts) -> None:
    """Rows naming an unknown activity or the wrong body, or with bad times or minutes."""
    for p in facts.parts:
        item, where = found.act(p.activity_id), Mtg(p.meeting)
        ids, keys = (p.activity_id,), (p.meeting,)
        if p.activity is None:
            found.add(
                "unknown-activity",
                where=where,
                item=item,
                activities=ids,
                meetings=keys,
            )
        elif p.body_id != p.activity.body:
            found.add(
                "wrong-body",
                item=item,
                held=found.body(p.body_id),
                where=where,
                own=found.body(p.activity.body),
                activities=ids,
                meetings=keys,
            )
        length = p.length
        if length is None:
            found.add(
                "no-times",
                item=item,
                where=where,
                activities=ids,
                meetings=keys,
            )
        elif length <= 0:
            found.add(
                "ends-before-start",
                item=item,
                where=where,
                end=Clock(p.clock_end),
                start=Clock(p.clock_start),
                activities=ids,
                meetings=keys,
            )
        elif p.minutes != length:
            found.add(
                "minutes-mismatch",
                item=item,
                where=where,
                marked=repr(p.assignment.minutes),
                span=Span(p.clock_start, p.clock_end),
                length=length,
                activities=ids,
                meetings=keys,
            )


def _numbering(parts: list[Part]) -> str:
    return ", ".join(f"{p.assignment.part!r}/{p.assignment.parts!r}" for p in parts)


def _check_whole_meetings(found: Findings, parts: list[Part]) -> None:
    """Parts of a whole-meeting activity that do not fill their period."""
    for p in parts:
        if p.slot_start is None or not p.timed:
            continue  # unknown period or bad times: reported elsewhere
        if p.start != p.slot_start or p.end != p.slot_end:
            found.add(
                "not-filling-period",
                item=found.act(p.activity_id),
                span=Span(p.start, p.end),
                where=Mtg(p.meeting),
                period=Span(p.slot_start, p.slot_end),
                activities=(p.activity_id,),
                meetings=(p.meeting,),
            )


def check_full_duration(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: every activity is taken, whole, in parts numbered 1..n in time order; every row
    names a known activity held by its own body and lasts its `minutes` (> 0)."""
    facts = Facts(session, timetable)
    found = Findings("full-duration", session)
    _check_rows(found, facts)
    for activity in session.activities:
        parts = facts.parts_of(activity.id)
        item = found.act(activity.id)
        if not parts:
            found.add(
                "missing",
                item=item,
                activities=(activity.id,),
            )
            continue
        n = len(parts)
        ids, keys = (activity.id,), [p.meeting for p in parts]
        if any(p.number != k or p.count != n for k, p in enumerate(parts, start=1)):
            found.add(
                "numbering",
                item=item,
                numbers=_numbering(parts),
                expected=", ".join(f"{k}/{n}" for k in range(1, n + 1)),
                activities=ids,
                meetings=keys,
            )
        if activity.minutes is not None:
            total = sum(p.minutes if p.minutes is not None else (p.length or 0) for p in parts)
            if total != activity.minutes:
                found.add(
                    "total-minutes",
                    item=item,
                    total=total,
                    want=activity.minutes,
                    activities=ids,
                    meetings=keys,
                )
        if activity.meetings is not None:
            if n != activity.meetings:
                found.add(
                    "meetings-count",
                    item=item,
                    n=n,
                    want=activity.meetings,
                    activities=ids,
                    meetings=keys,
                )
            _check_whole_meetings(found, parts)
    return found


def check_no_running_on(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a minute activity that may not run on (`run_on: false`) is taken in one part."""
    facts = Facts(session, timetable)
    found = Findings("no-running-on", session)
    for activity in session.activities:
        if activity.minutes is None or activity.run_on:
            continue
        parts = facts.parts_of(activity.id)
        if len(parts) > 1:
            found.add(
                "runs-on",
                item=found.act(activity.id),
                n=len(parts),
                activities=(activity.id,),
                meetings=[p.meeting for p in parts],
            )
    return found


def check_no_sharing(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: in a slot where an activity with `share: false` (every whole-meeting activity)
    has a part, no other activity of its body has a part."""
    facts = Facts(session, timetable)
    found = Findings("no-sharing", session)
    for activity in session.activities:
        if activity.share:
            continue
        slots = dict.fromkeys(p.slot for p in facts.parts_of(activity.id) if p.date is not None)
        for date, period in slots:
            meeting = (activity.body, date, period)
            others = list(
                dict.fromkeys(
                    p.activity_id
                    for p in facts.meetings.get(meeting, [])
                    if p.activity_id != activity.id
                )
            )
            if others:
                found.add(
                    "shared",
                    item=found.act(activity.id),
                    where=Mtg(meeting),
                    others=Listing.of(found.act(o) for o in others),
                    activities=(activity.id, *others),
                    meetings=(meeting,),
                )
    return found


def check_consecutive_meetings(session: Session, timetable: Timetable) -> list[Finding]:
    """Hard: a minute activity in several parts continues in its body's next meeting: no other
    meeting of the body between two parts, each part but the last runs to its period's end,
    each part but the first resumes at its period's start."""
    facts = Facts(session, timetable)
    found = Findings("consecutive-meetings", session)
    for activity in session.activities:
        parts = facts.parts_of(activity.id)
        if activity.minutes is None or len(parts) < 2:
            continue
        item = found.act(activity.id)
        body_meetings = [m for m in facts.meetings if m[0] == activity.body]
        for before, after in itertools.pairwise(parts):
            first = facts.meeting_start(before.meeting)
            then = facts.meeting_start(after.meeting)
            if first is None or then is None:
                continue
            between = [
                m
                for m in body_meetings
                if m not in (before.meeting, after.meeting)
                and (start := facts.meeting_start(m)) is not None
                and first < start < then
            ]
            if between:
                found.add(
                    "body-meets-between",
                    item=item,
                    before=Mtg(before.meeting),
                    after=Mtg(after.meeting),
                    between=Listing.of(Mtg(m) for m in between),
                    activities=(activity.id,),
                    meetings=(before.meeting, *between, after.meeting),
                )
        for k, p in enumerate(parts):
            if not p.timed or p.slot_start is None:
                continue
            ids, keys = (activity.id,), (p.meeting,)
            if k < len(parts) - 1 and p.end != p.slot_end:
                found.add(
                    "ends-early",
                    item=item,
                    where=Mtg(p.meeting),
                    end=Clock(p.end),
                    period_end=Clock(p.slot_end),
                    activities=ids,
                    meetings=keys,
                )
            if k > 0 and p.start != p.slot_start:
                found.add(
                    "resumes-late",
                    item=item,
                    where=Mtg(p.meeting),
                    start=Clock(p.start),
                    period_start=Clock(p.slot_start),
                    activities=ids,
                    meetings=keys,
                )
    return found
