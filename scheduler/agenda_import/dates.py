"""Dates, clock times and time ranges as UN documents write them, in the six languages.

"le lundi 15 octobre 2018 à 10 heures", "Monday, 15 October 2018, at 10 a.m.", "le jeudi à
midi", "10 heures-13 heures", "3-6 p.m.": each is found with its position in the text, so the
caller can tell which date goes with which phrase.
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Sequence
from dataclasses import dataclass

from scheduler.agenda_import.words import (
    AR_MONTHS,
    EN_MONTHS,
    ES_MONTHS,
    FR_MONTHS,
    MONTHS,
    RU_MONTHS,
    WEEKDAYS,
)

_CASELESS = "|".join(sorted({**FR_MONTHS, **ES_MONTHS, **RU_MONTHS}, key=len, reverse=True))
_AR_MONTHS = "|".join(sorted(AR_MONTHS, key=len, reverse=True))
# English month names are capitalised: "may" in "States may 15" is no month.
_EN_MONTHS = "|".join(m.capitalize() for m in EN_MONTHS)
#: A month name; Arabic writes two, "آب/أغسطس", the second one is then skipped.
MONTH = rf"(?:(?i:{_CASELESS})|{_EN_MONTHS}|(?:{_AR_MONTHS})(?:/(?:{_AR_MONTHS}))?)"
WEEKDAY = r"(?i:" + "|".join(sorted(WEEKDAYS, key=len, reverse=True)) + ")"
_DAY = r"\d{1,2}(?:er|re|st|nd|rd|th|º|°)?"
_OF = r"(?:de\s+|del\s+)?"  # Spanish "15 de octubre de 2018"

_DAY_MONTH = re.compile(
    rf"(?:\b(?P<wd>{WEEKDAY})[,،]?\s+(?:le\s+|the\s+|el\s+)?)?\b(?P<d>{_DAY})\s*{_OF}(?P<m>{MONTH})"
    rf"(?!\w)(?:,?\s+{_OF}(?P<y>\d{{4}})\b)?"
)
_MONTH_DAY = re.compile(
    rf"(?:\b(?P<wd>{WEEKDAY}),?\s+)?\b(?P<m>{_EN_MONTHS})\s+(?P<d>{_DAY})\b"
    rf"(?:,?\s+(?P<y>\d{{4}})\b)?"
)
_WEEKDAY_ALONE = re.compile(rf"\b(?P<wd>{WEEKDAY})\b")

_CLOCK = (
    r"(?:\d{1,2}(?:\s?[:.h]\s?\d{2})?(?:\s?(?:heures?|horas?|h\b|a\.\s?m\.|p\.\s?m\.|am\b|pm\b))?"
    r"|midi|minuit|noon|midday|midnight)"
)
_TIME = re.compile(
    r"(?P<clock>(?:12\s+)?(?:midi|minuit|noon|midday|midnight)\b"
    r"|\b\d{1,2}\s?[:.h]\s?\d{2}(?:\s?(?:heures?|horas?|a\.\s?m\.|p\.\s?m\.|am\b|pm\b))?"
    r"|\b\d{1,2}\s?(?:heures?|horas?|h\b|a\.\s?m\.|p\.\s?m\.|am\b|pm\b))",
    re.IGNORECASE,
)
_RANGE = re.compile(
    rf"(?P<a>{_CLOCK})\s*(?:[-–—]|\bà\b|\bto\b|\buntil\b|\ba\b)\s*(?P<b>{_CLOCK})", re.IGNORECASE
)
_SPAN = re.compile(
    rf"(?:\b(?:du|from|del)\s+)?(?:{WEEKDAY},?\s+)?\b(?P<d1>{_DAY})(?:\s+{_OF}(?P<m1>{MONTH}))?"
    rf"(?:\s+{_OF}(?P<y1>\d{{4}}))?\s*(?:[-–—]|\bau\b|\bto\b|\bal?\b|\bпо\b)\s*"
    rf"(?:{WEEKDAY},?\s+)?(?P<d2>{_DAY})\s+{_OF}(?P<m2>{MONTH}),?\s+{_OF}(?P<y2>\d{{4}})\b"
)
#: Chinese dates: "2018年10月15日至19日", "2011年4月11日至5月2日".
_ZH_DATE = re.compile(
    r"(?P<y>\d{4})\s*年\s*(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日"
    r"(?:\s*(?:至|到|-|–)\s*(?:(?P<m2>\d{1,2})\s*月\s*)?(?P<d2>\d{1,2})\s*日)?"
)
#: Digits split by extraction ("1 5 November 2015"): read as one number, and reported.
SPLIT_DAY = re.compile(rf"(?<![\d\w])([1-3]) (\d)(?=\s+{_OF}{MONTH})")


_ZH_MONTH_DAY = re.compile(r"(?<![\d年])(?P<m>\d{1,2})\s*月\s*(?P<d>\d{1,2})\s*日")

# Clock times written otherwise than with digits and a unit, rewritten before reading.
_CLOCK_FORMS: list[tuple[re.Pattern[str], str]] = [
    (re.compile(r"(\d{1,2})\s*ч\.?\s*(\d{2})\s*м(?:ин)?\.?"), r"\1:\2"),  # 10 ч. 00 м.
    (re.compile(r"(\d{1,2})\s*ч\.(?!\w)"), r"\1:00"),  # 15 ч.
    (re.compile(r"上午\s*(\d{1,2})\s*[时點点]\s*(?:(\d{1,2})\s*分)?"), r"\1:00 a.m."),
    (re.compile(r"(?:下午|晚上)\s*(\d{1,2})\s*[时點点]\s*(?:(\d{1,2})\s*分)?"), r"\1:00 p.m."),
    (re.compile(r"中午\s*12\s*[时點点]"), "12:00"),
    (re.compile(r"(\d{1,2})\s*[时點点](?:\s*(\d{1,2})\s*分)?"), r"\1:00"),
    (re.compile(r"\s*(?:至|إلى|до)\s*"), " - "),
    (re.compile(r"(?:من\s+)?الساعة\s*"), ""),
    (re.compile(r"\bс\s+(?=\d)"), ""),
    # Arabic times come out of a PDF mirrored, minutes first: "00/10–00/13" is 10:00-13:00.
    (re.compile(r"(?<![\d/])(00|15|30|45)/(\d{1,2})(?![\d/])"), r"\2:\1"),
]


def normal_clock(text: str) -> str:
    """Russian, Arabic and Chinese clock times as digits with a unit ("10 ч. 00 м." -> 10:00)."""
    if text.isascii():
        return text
    for pattern, replacement in _CLOCK_FORMS:
        text = pattern.sub(replacement, text)
    return text


@dataclass(frozen=True)
class DateMention:
    """A date in the text; `date` is None when only a weekday is written ("le jeudi")."""

    start: int
    end: int
    date: dt.date | None
    weekday: int | None


@dataclass(frozen=True)
class TimeMention:
    start: int
    end: int
    time: dt.time


def _month(name: str) -> int:
    return MONTHS[name.split("/")[0].lower()]


def _make_date(year: int | None, month: int, day: int) -> dt.date | None:
    if year is None:
        return None
    try:
        return dt.date(year, month, day)
    except ValueError:
        return None


def find_dates(text: str, year: int | None) -> list[DateMention]:
    """Every date in `text`, in order; a date without a year takes `year`."""
    found: list[DateMention] = []
    taken: list[tuple[int, int]] = []
    for pattern in (_DAY_MONTH, _MONTH_DAY):
        for m in pattern.finditer(text):
            if any(s < m.end() and m.start() < e for s, e in taken):
                continue
            day = int(re.match(r"\d+", m["d"]).group())  # type: ignore[union-attr]
            date = _make_date(int(m["y"]) if m["y"] else year, _month(m["m"]), day)
            weekday = WEEKDAYS[m["wd"].lower()] if m["wd"] else None
            found.append(DateMention(m.start(), m.end(), date, weekday))
            taken.append((m.start(), m.end()))
    for m in _ZH_DATE.finditer(text):
        date = _make_date(int(m["y"]), int(m["m"]), int(m["d"]))
        found.append(DateMention(m.start(), m.end(), date, None))
        taken.append((m.start(), m.end()))
    for m in _ZH_MONTH_DAY.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        after = re.match(r"\s*[，,]?\s*星期([一二三四五六日天])", text[m.end() :])
        weekday = "一二三四五六日".find(after.group(1)) if after else -1
        end = m.end() + (after.end() if after else 0)
        found.append(DateMention(m.start(), end, _make_date(year, int(m["m"]), int(m["d"])),
                                 weekday if weekday >= 0 else 6 if after else None))  # fmt: skip
        taken.append((m.start(), end))
    for m in _WEEKDAY_ALONE.finditer(text):
        if any(s <= m.start() < e for s, e in taken):
            continue
        found.append(DateMention(m.start(), m.end(), None, WEEKDAYS[m["wd"].lower()]))
    return sorted(found, key=lambda d: d.start)


def parse_clock(text: str, meridiem: str | None = None) -> dt.time | None:
    """`10 heures`, `15 h 30`, `3 p.m.`, `10:00`, `midi`, `noon` as a time."""
    t = text.strip().lower().replace(" ", "")
    if t in {"midi", "noon", "midday", "12noon", "12midi"}:
        return dt.time(12, 0)
    if t in {"minuit", "midnight", "12midnight"}:
        return dt.time(0, 0)
    m = re.fullmatch(r"(\d{1,2})(?:[:.h](\d{2}))?(heures?|horas?|h|a\.m\.|p\.m\.|am|pm)?", t)
    if not m:
        return None
    hour, minute = int(m[1]), int(m[2] or 0)
    unit = (m[3] or "").replace(".", "") or (meridiem or "")
    if unit == "pm" and hour < 12:
        hour += 12
    elif unit == "am" and hour == 12:
        hour = 0
    if hour > 23 or minute > 59:
        return None
    return dt.time(hour, minute)


def find_times(text: str) -> list[TimeMention]:
    """Every clock time written with a unit (`10 heures`, `10 a.m.`, `10:00`, `midi`)."""
    text = normal_clock(text)
    found = []
    for m in _TIME.finditer(text):
        time = parse_clock(m["clock"])
        if time is not None:
            found.append(TimeMention(m.start(), m.end(), time))
    return found


def _meridiem(clock: str) -> str | None:
    c = clock.lower().replace(" ", "").replace(".", "")
    if c.endswith("pm"):
        return "pm"
    if c.endswith("am"):
        return "am"
    return None


def find_time_range(text: str) -> tuple[int, int, dt.time, dt.time] | None:
    """The first time range (`10 heures-13 heures`, `3-6 p.m.`, `10:00-13:00`) in `text`.

    Positions are those of `normal_clock(text)`, which is `text` itself for Latin scripts.
    """
    text = normal_clock(text)
    for m in _RANGE.finditer(text):
        a, b = m["a"], m["b"]
        if not any(re.search(r"[:a-z]", side, re.I) for side in (a, b)):
            continue  # "15-19" is a span of days, not of hours
        end = parse_clock(b)
        start = parse_clock(a, meridiem=_meridiem(b))
        if start is not None and end is not None and start >= end and _meridiem(b) == "pm":
            start = parse_clock(a, meridiem="am")
        if start and end and start >= end and _meridiem(a) == "pm" and end.hour < 12:
            end = end.replace(hour=end.hour + 12)  # 下午3时至6时: 15:00 to 18:00
        if start is None or end is None or start >= end:
            continue
        return m.start(), m.end(), start, end
    return None


def find_span(text: str) -> tuple[dt.date, dt.date] | None:
    """A span of days such as `15-19 October 2018` or `du 15 au 19 octobre 2018`."""
    zh = next((z for z in _ZH_DATE.finditer(text) if z["d2"]), None)
    if zh:
        first = _make_date(int(zh["y"]), int(zh["m"]), int(zh["d"]))
        last = _make_date(int(zh["y"]), int(zh["m2"] or zh["m"]), int(zh["d2"]))
        return (first, last) if first and last and first <= last else None
    m = _SPAN.search(text)
    if not m:
        return None
    y2, m2 = int(m["y2"]), _month(m["m2"])
    first_month = _month(m["m1"]) if m["m1"] else m2
    y1 = int(m["y1"]) if m["y1"] else (y2 - 1 if first_month > m2 else y2)
    first = _make_date(y1, first_month, int(re.match(r"\d+", m["d1"]).group()))  # type: ignore[union-attr]
    last = _make_date(y2, m2, int(re.match(r"\d+", m["d2"]).group()))  # type: ignore[union-attr]
    if first is None or last is None or last < first:
        return None
    return first, last


def span_position(text: str) -> int:
    """Where the first span of days in `text` begins (its length if there is none)."""
    zh = _ZH_DATE.search(text)
    m = _SPAN.search(text)
    starts = [x.start() for x in (zh, m) if x is not None]
    return min(starts, default=len(text))


def on_weekday(weekday: int, days: Sequence[dt.date]) -> list[dt.date]:
    """The days among `days` that fall on `weekday` (0 is Monday)."""
    return [d for d in days if d.weekday() == weekday]


def working_days(first: dt.date, count: int) -> list[dt.date]:
    """`count` consecutive working days (Monday to Friday) from `first`."""
    days: list[dt.date] = []
    day = first
    while len(days) < count:
        if day.weekday() < 5:
            days.append(day)
        day += dt.timedelta(days=1)
    return days


def working_day_before(day: dt.date) -> dt.date:
    """The working day before `day` (Friday before a Monday)."""
    before = day - dt.timedelta(days=1)
    while before.weekday() >= 5:
        before -= dt.timedelta(days=1)
    return before
