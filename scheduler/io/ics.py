"""The timetable as a calendar (RFC 5545): one event per meeting, for delegates' calendars.

What "the same meeting" is across re-plans: the n-th meeting of a body in a session ("the third
plenary meeting of CTOC/COP 9"), numbered in time order as in the `Meetings` sheet and the daily
Journal. Its UID is made of the session's symbol and number, the body id and that number, and of
nothing else (no time, no random part, not the language). So when a re-planned timetable is
exported again and imported again, the third plenary meeting updates its event, with its new
time, room and items, instead of being added twice; and exporting the same timetable twice gives
the same UIDs. A re-plan with fewer meetings of a body leaves its last old event in calendars:
a calendar file cannot delete what it does not list, so the planner announces such a
cancellation. DTSTAMP is the time of the export, which lets calendar programs see the newer
version of an event.

Times are the local times of the venue, in its time zone: the one given (`--timezone`), else the
session's `time_zone`, else that of a known UN venue (`scheduler.venues`: Vienna is
Europe/Vienna). They are then fixed instants, each DTSTART and DTEND with its TZID, and the file
carries the zone's definition (VTIMEZONE), so a delegate abroad sees the meeting at the right
hour. Only for an unknown venue without a zone are times "floating" (shown at that clock time
wherever the reader is): `time_zone_warning` says so, for the command to print.
"""

from __future__ import annotations

import datetime as dt
import re
from pathlib import Path
from urllib.parse import quote
from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

from icalendar import Calendar, Event

from scheduler.errors import InputError
from scheduler.io.annex import part_text
from scheduler.io.atomic import write_atomically
from scheduler.io.programme import body_name, meeting_name, meeting_times, room_name
from scheduler.io.venues import session_time_zone
from scheduler.labels import labels
from scheduler.session import Session
from scheduler.timetable import Meeting, Timetable

PRODUCT_ID = "-//schedule//organization of work//EN"
UID_DOMAIN = "organization-of-work"


def session_key(session: Session) -> str:
    """`ctoc-cop-9`: the session's symbol (else its English name) and number, as a UID part."""
    info = session.session
    name = info.symbol or info.body.get("en")
    slug = re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-") or "session"
    return f"{slug}-{info.number}"


def meeting_uid(session: Session, meeting: Meeting) -> str:
    """`ctoc-cop-9.plenary.3@organization-of-work`: the meeting's identity across re-plans."""
    body = quote(meeting.body, safe="-_~")
    return f"{session_key(session)}.{body}.{meeting.number}@{UID_DOMAIN}"


def session_calendar(
    session: Session,
    timetable: Timetable,
    lang: str = "fr",
    *,
    timezone: str | None = None,
    stamp: dt.datetime | None = None,
    draft: str | None = None,
) -> Calendar:
    """The calendar of every meeting of the timetable, texts in `lang`.

    `timezone` is an IANA name (None: the session's, see the module; floating local times when
    it has none); `stamp` is the DTSTAMP of every event (default: now), given by tests to
    compare two exports. `draft` (`scheduler.io.draft`) heads the calendar's name and each
    event's description.
    """
    words = labels(lang)
    zone = time_zone(timezone or session_time_zone(session.session))
    stamp = (stamp or dt.datetime.now(dt.UTC)).astimezone(dt.UTC).replace(microsecond=0)
    calendar = Calendar()
    calendar.add("prodid", PRODUCT_ID)
    calendar.add("version", "2.0")
    calendar.add("calscale", "GREGORIAN")
    calendar.add("method", "PUBLISH")
    title = session.title(lang) if draft is None else f"{draft} – {session.title(lang)}"
    calendar.add("name", title)
    calendar.add("x-wr-calname", title)
    if zone is not None:
        calendar.add("x-wr-timezone", zone.key)
    meetings = timetable.meetings()
    for meeting in meetings:
        start, end = meeting_times(session, meeting)
        event = Event()
        event.add("uid", meeting_uid(session, meeting))
        event.add("dtstamp", stamp)
        event.add("dtstart", start.replace(tzinfo=zone) if zone else start)
        event.add("dtend", end.replace(tzinfo=zone) if zone else end)
        event.add("summary", meeting_name(session, meeting, lang))
        event.add("location", room_name(session, meeting.room, lang))
        lines = [
            *([draft, ""] if draft else []),
            *(part_text(p, session, lang) for p in meeting.parts),
        ]
        event.add("description", "\n".join([*lines, "", words.interpretation(meeting.interpreted)]))
        event.add("categories", [body_name(session, meeting.body, lang)])
        calendar.add_component(event)
    if zone is not None and meetings:
        # The zone's rules over the session's year only, not over 1970-2038.
        dates = [m.date for m in meetings]
        calendar.add_missing_timezones(
            first_date=dt.date(min(dates).year, 1, 1), last_date=dt.date(max(dates).year + 1, 1, 1)
        )
    return calendar


def write_ics(
    path: str | Path,
    session: Session,
    timetable: Timetable,
    lang: str = "fr",
    *,
    timezone: str | None = None,
    stamp: dt.datetime | None = None,
    draft: str | None = None,
) -> None:
    """Write the session calendar at `path`, atomically; see `session_calendar`.

    An unknown language or time zone, or an unwritable path, raises `InputError`.
    """
    calendar = session_calendar(
        session, timetable, lang, timezone=timezone, stamp=stamp, draft=draft
    )
    data = calendar.to_ical()
    try:
        write_atomically(path, lambda tmp: tmp.write_bytes(data))
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


def time_zone_warning(session: Session, timezone: str | None = None) -> str | None:
    """What to tell the planner when the calendar's times will float: no zone is known."""
    if timezone or session_time_zone(session.session):
        return None
    return (
        f"the venue {session.session.venue!r} is not a known UN venue and the session gives no "
        "time_zone: calendar times float (the same clock time in every zone); give "
        "session.time_zone (e.g. Europe/Vienna) or --timezone"
    )


def time_zone(timezone: str | None) -> ZoneInfo | None:
    """The IANA zone named `timezone` (None: floating times); an InputError names a bad one."""
    if timezone is None:
        return None
    try:
        return ZoneInfo(timezone)
    except (ZoneInfoNotFoundError, ValueError):
        raise InputError(
            "not a time zone; give an IANA name such as Europe/Vienna",
            field="timezone",
            value=timezone,
        ) from None
