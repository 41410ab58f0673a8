"""The time zone of a session: the one its file gives, else that of a known UN venue.

Calendars need it: without a zone, times "float" and a delegate whose calendar is set to
another zone sees 10:00 at home for a meeting at 10:00 at the venue. The venues are the UN
duty stations and the conference centres most sessions meet in; a venue is recognised by a
city name anywhere in its text, in English or French ("Vienne / Vienna", "Palais des Nations,
Genève").
"""

from __future__ import annotations

import re

from scheduler.session import SessionInfo

#: City (lower case, as written in a venue) -> IANA time zone.
VENUE_ZONES: dict[str, str] = {
    "vienna": "Europe/Vienna",
    "vienne": "Europe/Vienna",
    "wien": "Europe/Vienna",
    "geneva": "Europe/Zurich",
    "genève": "Europe/Zurich",
    "geneve": "Europe/Zurich",
    "new york": "America/New_York",
    "nairobi": "Africa/Nairobi",
    "bonn": "Europe/Berlin",
    "addis ababa": "Africa/Addis_Ababa",
    "addis-abeba": "Africa/Addis_Ababa",
    "bangkok": "Asia/Bangkok",
    "beirut": "Asia/Beirut",
    "beyrouth": "Asia/Beirut",
    "santiago": "America/Santiago",
    "the hague": "Europe/Amsterdam",
    "la haye": "Europe/Amsterdam",
    "paris": "Europe/Paris",
    "rome": "Europe/Rome",
    "montreal": "America/Toronto",
    "montréal": "America/Toronto",
    "washington": "America/New_York",
    "copenhagen": "Europe/Copenhagen",
    "copenhague": "Europe/Copenhagen",
}


def venue_time_zone(venue: str) -> str | None:
    """The time zone of a known venue named anywhere in `venue`, else None."""
    text = venue.lower()
    for city, zone in VENUE_ZONES.items():
        if re.search(rf"(?<!\w){re.escape(city)}(?!\w)", text):
            return zone
    return None


def session_time_zone(info: SessionInfo) -> str | None:
    """The session's `time_zone`, else its venue's; None when neither is known."""
    return info.time_zone or venue_time_zone(info.venue)
