"""How pre-check findings name days, times and activities, in English and French."""

from __future__ import annotations

import datetime as dt

from babel.dates import format_date

from scheduler.session import Session


def day(date: dt.date, lang: str) -> str:
    """`Thursday 18 October` / `jeudi 18 octobre`."""
    return format_date(date, "EEEE d MMMM", locale="fr" if lang == "fr" else "en")


def clock(moment: dt.datetime, lang: str) -> str:
    if lang != "fr":
        return f"{moment:%H:%M}"
    return f"{moment.hour} heures" if moment.minute == 0 else f"{moment.hour} h {moment:%M}"


def when(moment: dt.datetime, lang: str) -> str:
    """`Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures`."""
    if lang == "fr":
        return f"{day(moment.date(), 'fr')} à {clock(moment, 'fr')}"
    return f"{day(moment.date(), 'en')} {clock(moment, 'en')}"


def who(session: Session, ref: str, lang: str) -> str:
    """An item or a body's meetings, as a planner names them."""
    activity = session.activity(ref)
    if activity.kind == "item":
        return f"le point {ref}" if lang == "fr" else f"item {ref}"
    return activity.label(lang)
