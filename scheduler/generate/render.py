"""Turn a plan into session data (as a session file holds it) and its witness timetable."""

from __future__ import annotations

import datetime as dt
from typing import Any

from scheduler.generate.plan import ActivityPlan, BodyPlan, SessionPlan
from scheduler.generate.profiles import Parameters, Profile
from scheduler.session import UN_LANGUAGES
from scheduler.timetable import Assignment, Timetable

#: Keys of an item or meetings entry, in the order a planner reads them.
_ENTRY_KEYS = (
    "fixed_start",
    "date",
    "first",
    "last",
    "earliest_start",
    "latest_end",
    "share",
    "run_on",
    "not_in_parallel_with",
    "preferred",
)


def _when(value: object) -> object:
    """Datetimes as `2031-03-03T10:00`, the way session files write them."""
    if isinstance(value, dt.datetime):
        return value.strftime("%Y-%m-%dT%H:%M")
    return value


def session_data(plan: SessionPlan, params: Parameters, profile: Profile) -> dict[str, Any]:
    calendar = plan.calendar
    data: dict[str, Any] = {
        "session": {
            "body": {"en": profile.body_en, "fr": profile.body_fr},
            "symbol": profile.symbol,
            "number": 1 + params.seed % 40,
            "venue": profile.venue,
            "languages": list(UN_LANGUAGES),
            "days": list(calendar.days),
            "pre_session_days": list(calendar.pre_session_days),
            "holidays": list(calendar.holidays),
            "periods": [
                {
                    "id": p.id,
                    "start": p.start,
                    "end": p.end,
                    **({"evening": True} if p.evening else {}),
                }
                for p in calendar.periods
            ],
            "evening_meetings": calendar.evening_meetings,
        },
        "interpretation": {
            "budget": plan.budget,
            "teams": plan.teams,
            **({"parallel_cap": plan.parallel_cap} if plan.parallel_cap is not None else {}),
            **(
                {"parallel_cap_bodies": plan.parallel_cap_bodies}
                if plan.parallel_cap is not None and plan.parallel_cap_bodies is not None
                else {}
            ),
        },
        "rooms": [
            {"id": r.id, "name": r.name, "interpretation": r.booths, "capacity": r.capacity}
            for r in plan.rooms
        ],
        "bodies": [_body(b) for b in plan.bodies],
        "items": [_entry(i, item=True) for i in plan.items],
        "meetings": [_entry(e, item=False) for e in plan.entries],
        "preferences": {
            "carry_over": 10,
            "carry_over_to_next_day": 20,
            "interpreted_meeting": 1,
            "preferred_period": 5,
        },
        "solver": {"time_limit": 60, "workers": 0, "seed": 0},
    }
    return data


def _body(body: BodyPlan) -> dict[str, Any]:
    out: dict[str, Any] = {
        "id": body.id,
        "kind": body.kind,
        "name": {"en": body.en, "fr": body.fr},
        "rooms": list(body.rooms),
        "interpreted": body.interpreted,
    }
    if body.order != "agenda":
        out["order"] = body.order
    if body.earliest_start is not None:
        out["earliest_start"] = _when(body.earliest_start)
    if body.latest_end is not None:
        out["latest_end"] = _when(body.latest_end)
    return out


def _entry(activity: ActivityPlan, *, item: bool) -> dict[str, Any]:
    out: dict[str, Any] = {"id": activity.id}
    if activity.parent is not None:
        out["parent"] = activity.parent
    if not item or activity.body != "plenary":
        out["body"] = activity.body
    out["title"] = {"en": activity.en, "fr": activity.fr}
    if activity.minutes is not None and activity.meetings is None:
        out["minutes"] = activity.minutes
    if activity.meetings is not None:
        out["meetings"] = activity.meetings
    for key in _ENTRY_KEYS:
        if key in activity.attrs:
            out[key] = _when(activity.attrs[key])
    return out


def witness_timetable(plan: SessionPlan) -> Timetable:
    """The timetable laid while generating: proof that the session is feasible."""
    interpreted = {b.id: b.interpreted for b in plan.bodies}
    rows = []
    for activity in plan.activities:
        for number, part in enumerate(activity.parts, start=1):
            rows.append(
                Assignment(
                    date=part.slot.date,
                    start=part.start.time(),
                    body=activity.body,
                    activity=activity.id,
                    end=part.end.time(),
                    room=part.room,
                    period=part.slot.period.id,
                    minutes=part.minutes,
                    part=number,
                    parts=len(activity.parts),
                    title=activity.en,
                    interpreted=interpreted[activity.body],
                )
            )
    return Timetable.of(rows)
