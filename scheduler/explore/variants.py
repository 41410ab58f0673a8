"""Variants of a session: "what if" changes made in code, never by editing the file.

Each function takes a `Session` and returns a new one; the original is left as it was. A
variant is rebuilt from the session's data and validated again exactly as a session file is,
so a change that breaks a rule of the format (a deadline on a day that was dropped, an unknown
body) raises the same `InputError` a planner would see for the file, naming the variant.

    four_days = drop_day(cop9, "2018-10-19")
    lean = set_budget(four_days, 16)
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from typing import Any

from scheduler.errors import InputError
from scheduler.io.session_file import session_from_data
from scheduler.session import Session

SessionData = dict[str, Any]
Day = dt.date | str  # a date, or its ISO text "2018-10-19"


def derive(session: Session, change: Callable[[SessionData], object], label: str) -> Session:
    """A new session: `change` edits a copy of the session's data, which is then validated.

    The data is what a session file holds (`session`, `items`, `meetings`, ...), as Python
    values; `change` mutates it in place (its return value is ignored). `label` names the
    variant in error messages. Every other variant function is built on this one.
    """
    data = session.model_dump(exclude_unset=True)
    change(data)
    return session_from_data(data, file=f"<variant: {label}>")


def drop_day(session: Session, day: Day) -> Session:
    """The session without one day (a working, pre-session or holiday date).

    The published timetable loses its entries on that day, and preferred slots on that date
    are forgotten. A fixed time, date or deadline on that day is an error: say where it goes.
    """
    date = _date(day)
    info = session.session
    if date not in {*info.days, *info.pre_session_days, *info.holidays}:
        raise InputError("is not a day of the session", field="day", value=str(date))

    def change(data: SessionData) -> None:
        block = data["session"]
        for key in ("days", "pre_session_days", "holidays"):
            if key in block:
                block[key] = [d for d in block[key] if d != date]
        if data.get("published") is not None:
            data["published"] = [e for e in data["published"] if e["date"] != date]
        for entry in (*data["items"], *data.get("meetings", [])):
            if "preferred" in entry:
                entry["preferred"] = [p for p in entry["preferred"] if p.get("date") != date]

    return derive(session, change, f"without {date}")


def add_day(session: Session, day: Day) -> Session:
    """The session with one more working day (e.g. the Monday after the last Friday)."""
    date = _date(day)

    def change(data: SessionData) -> None:
        data["session"]["days"] = sorted([*data["session"]["days"], date])

    return derive(session, change, f"with {date}")


def set_duration(
    session: Session, activity: str, *, minutes: int | None = None, meetings: int | None = None
) -> Session:
    """The session with one activity lasting `minutes`, or `meetings` whole meetings.

    A parallel body's meetings (`meetings:` entries) only take `meetings`. An item sized by
    its speakers is sized by the duration given instead.
    """
    if (minutes is None) == (meetings is None):
        raise InputError("give minutes or meetings (one of them)", field="duration")

    def change(data: SessionData) -> None:
        entry, kind = _entry(data, activity)
        if kind == "meetings":
            if minutes is not None:
                raise InputError(
                    "is a parallel body's meetings: give meetings, not minutes",
                    field="activity",
                    value=activity,
                )
            entry["meetings"] = meetings
            return
        entry.update(minutes=minutes, meetings=meetings)
        entry.pop("minutes_per_speaker", None)
        entry.pop("allowance", None)

    return derive(session, change, f"{activity} {_duration(minutes, meetings)}")


def size_by_speakers(
    session: Session, item: str, speakers: int, minutes_each: float, allowance: int = 0
) -> Session:
    """The session with an item (a general debate) lasting speakers x minutes_each + allowance.

    The same as writing `speakers`, `minutes_per_speaker` and `allowance` in the session file.
    """

    def change(data: SessionData) -> None:
        entry, kind = _entry(data, item)
        if kind == "meetings":
            raise InputError("is a parallel body's meetings, not an item", field="item", value=item)
        entry.update(
            speakers=speakers,
            minutes_per_speaker=minutes_each,
            allowance=allowance,
            minutes=None,
            meetings=None,
        )

    return derive(session, change, f"{item}: {speakers} speakers x {minutes_each:g} min")


def set_budget(session: Session, budget: int) -> Session:
    """The session with `budget` interpreted meetings granted."""
    return _interpretation(session, "budget", budget)


def set_teams(session: Session, teams: int) -> Session:
    """The session with `teams` interpreter teams (interpreted meetings at the same time)."""
    return _interpretation(session, "teams", teams)


def set_parallel_cap(session: Session, cap: int | None) -> Session:
    """The session with at most `cap` meetings of any kind at once (None: no cap)."""
    return _interpretation(session, "parallel_cap", cap)


def allow_evening_meetings(session: Session, allowed: bool = True) -> Session:
    """The session with evening periods open (or closed) to meetings."""

    def change(data: SessionData) -> None:
        data["session"]["evening_meetings"] = allowed

    return derive(session, change, "evening meetings" if allowed else "no evening meetings")


def add_meeting(
    session: Session,
    body: str,
    *,
    meetings: int = 1,
    id: str | None = None,
    title: str | dict[str, str] | None = None,
    **fields: Any,
) -> Session:
    """The session with `meetings` more whole meetings of a parallel body.

    They are a new `meetings:` entry (id `<body>-extra`, `<body>-extra-2`, ... unless given),
    titled as the body unless `title` is given; `fields` are any other keys of an entry, e.g.
    `not_in_parallel_with=["4"]` or `date=...`. The body's own rules (rooms, deadline) apply.
    """
    if body not in {b.id for b in session.bodies}:
        raise InputError("is not a body of the session", field="body", value=body)
    taken = {a.id for a in session.items} | {m.id for m in session.meetings}
    new_id = id or _free_id(f"{body}-extra", taken)
    entry = {
        "id": new_id,
        "body": body,
        "title": title if title is not None else session.body(body).name.model_dump(),
        "meetings": meetings,
        **fields,
    }

    def change(data: SessionData) -> None:
        data.setdefault("meetings", []).append(entry)

    return derive(session, change, f"{new_id}: {meetings} more meeting(s) of {body}")


def pin(session: Session, activity: str, day: Day, period: str | None = None) -> Session:
    """The session with an activity held on `day`, and within `period` when given.

    Every part goes there: an activity longer than one period pinned to a period has no
    timetable. Its own earlier date, fixed start, earliest start and deadline give way.
    """
    date = _date(day)
    label = f"{activity} on {date}" + (f" {period}" if period else "")
    window: tuple[dt.datetime, dt.datetime] | None = None
    if period is not None:
        if period not in session.period_ids:
            raise InputError("is not a period of the session", field="period", value=period)
        try:
            slot = session.slot(date, period)
        except KeyError:
            raise InputError("is not a slot of the session", field="pin", value=label) from None
        window = (slot.start, slot.end)

    def change(data: SessionData) -> None:
        entry, _ = _entry(data, activity)
        for key in ("fixed_start", "earliest_start", "latest_end"):
            entry.pop(key, None)
        entry["date"] = date
        if window is not None:
            entry["earliest_start"], entry["latest_end"] = window

    return derive(session, change, label)


# --- helpers -------------------------------------------------------------------------------


def _date(day: Day) -> dt.date:
    if isinstance(day, dt.datetime):
        return day.date()
    if isinstance(day, dt.date):
        return day
    try:
        return dt.date.fromisoformat(day)
    except ValueError:
        raise InputError("is not a date (YYYY-MM-DD)", field="day", value=day) from None


def _entry(data: SessionData, activity: str) -> tuple[dict[str, Any], str]:
    """The item or `meetings:` entry with this id, and which list it is in."""
    for kind in ("items", "meetings"):
        for entry in data.get(kind) or []:
            if str(entry["id"]) == activity:
                return entry, kind
    raise InputError("is not an item or meeting of the session", field="activity", value=activity)


def _interpretation(session: Session, key: str, value: int | None) -> Session:
    def change(data: SessionData) -> None:
        data["interpretation"][key] = value

    return derive(session, change, f"{key.replace('_', ' ')} {value}")


def _free_id(stem: str, taken: set[str]) -> str:
    if stem not in taken:
        return stem
    n = 2
    while f"{stem}-{n}" in taken:
        n += 1
    return f"{stem}-{n}"


def _duration(minutes: int | None, meetings: int | None) -> str:
    return f"{minutes} min" if minutes is not None else f"{meetings} meeting(s)"
