"""How explanations name times, meetings and activities, in English and French.

Dates and times are spelled as in the rule instances' own texts (`scheduler.rules.instances`):
`Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures`.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable

from scheduler.rules.instances import day
from scheduler.session import Session
from scheduler.timetable import Meeting, Timetable


def clock(moment: dt.time | dt.datetime, lang: str) -> str:
    """`15:00` / `15 heures`, `16:45` / `16 h 45`."""
    if lang != "fr":
        return f"{moment:%H:%M}"
    return f"{moment.hour} heures" if moment.minute == 0 else f"{moment.hour} h {moment:%M}"


def span(date: dt.date, start: dt.time, end: dt.time, lang: str) -> str:
    """`Friday 19 October 15:00-18:00` / `vendredi 19 octobre, 15 heures-18 heures`."""
    sep = ", " if lang == "fr" else " "
    return f"{day(date, lang)}{sep}{clock(start, lang)}-{clock(end, lang)}"


def joined(texts: Iterable[str], lang: str) -> str:
    """`a, b and c` / `a, b et c`."""
    items = list(texts)
    if len(items) <= 1:
        return "".join(items)
    word = " et " if lang == "fr" else " and "
    return ", ".join(items[:-1]) + word + items[-1]


def activities(session: Session, ids: Iterable[str], lang: str) -> str:
    """`items 6, 7 and 8` / `points 6, 7 et 8`, or meetings named by their titles."""
    ids = list(dict.fromkeys(ids))
    items = [i for i in ids if any(it.id == i for it in session.items)]
    others = [session.activity(i).label(lang) for i in ids if i not in items]
    named: list[str] = []
    word = ("point", "points") if lang == "fr" else ("item", "items")
    if items:
        named.append(f"{word[len(items) > 1]} {joined(items, lang)}")
    return joined([*named, *others], lang)


def meeting(session: Session, m: Meeting, lang: str) -> str:
    """`Plenary, Friday 19 October 15:00-18:00 (items 6, 7, 8 and 9)`.

    The activities are left out when they are just the body's own meetings.
    """
    start = min(p.start for p in m.parts)
    end = max(p.end for p in m.parts)
    name = session.body(m.body).name.get(lang)
    taken = activities(session, m.activities, lang)
    text = f"{name}, {span(m.date, start, end, lang)}"
    return text if taken == name else f"{text} ({taken})"


def meetings(session: Session, found: Iterable[Meeting], lang: str) -> str:
    return semicolon(lang).join(meeting(session, m, lang) for m in found)


def parts(timetable: Timetable, activity: str, lang: str) -> str:
    """Where an activity is taken, day by day: `Tuesday 16 October 10:00-13:00 and 15:00-18:00`."""
    by_day: dict[dt.date, list[str]] = {}
    for p in timetable.parts_of(activity):
        by_day.setdefault(p.date, []).append(f"{clock(p.start, lang)}-{clock(p.end, lang)}")
    sep = ", " if lang == "fr" else " "
    return semicolon(lang).join(
        f"{day(d, lang)}{sep}{joined(times, lang)}" for d, times in by_day.items()
    )


def counted(n: int, one: str, many: str) -> str:
    """`1 meeting`, `2 meetings`."""
    return f"{n} {one if n == 1 else many}"


def semicolon(lang: str) -> str:
    """`; ` in English, ` ; ` in French."""
    return " ; " if lang == "fr" else "; "


def colon(lang: str) -> str:
    """`:` in English, ` :` in French."""
    return " :" if lang == "fr" else ":"
