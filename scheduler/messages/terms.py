"""The things messages name: items, bodies, meetings, days, moments, in the reader's language.

A term is a small frozen value: it holds what it needs to be said in any of the six languages
(an activity's kind and titles, a body's names, a date), resolved from the session when it is
made, so a message can be rendered long after, without the session. Its words come from the
catalogues (`terms.*`); dates from CLDR (Babel) with the pattern the catalogue gives
(`terms.short-day`: `EEE d MMM` = "Thu 18 Oct", "jeu. 18 oct.", "10月18日周四"), where a quoted
`'{month}'` is the month as the labels file prints it (Arabic "تشرين الأول/أكتوبر"); clock
times in the style of the language's labels file (`scheduler/data/labels/<lang>.yaml`, `time`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import Literal

from babel.dates import format_date
from babel.lists import format_list

from scheduler.labels import labels
from scheduler.messages.catalogue import FALLBACK, LANGUAGES, template, word
from scheduler.messages.message import Message, Term
from scheduler.session import Session

DayStyle = Literal["short", "long"]
#: In a day pattern, `'{month}'` (a quoted CLDR literal) stands for the labels file's month name.
_MONTH = "{month}"
ClockStyle = Literal["digits", "text"]


def _locale(lang: str) -> str:
    return labels(lang if lang in LANGUAGES else FALLBACK).language.locale


def _item_id(item_id: str, lang: str) -> str:
    """An item's id as the reader's annex prints it: `1a` in English, `1а` in Russian."""
    return labels(lang if lang in LANGUAGES else FALLBACK).item_id(item_id)


def say(value: object, lang: str) -> str:
    """A term, a message or a plain value, in `lang`."""
    if isinstance(value, Message):
        return value.text(lang)
    if isinstance(value, Term):
        return value.say(lang)
    return str(value)


def _pattern(key: str, lang: str) -> str:
    chosen = template(key, lang)
    assert isinstance(chosen, str), key
    return chosen


# --- names from the session file --------------------------------------------------------------


@dataclass(frozen=True)
class Named:
    """Something the session file names itself (a body, a body's meetings), per language."""

    names: tuple[tuple[str, str], ...]

    @classmethod
    def by(cls, name: Callable[[str], str]) -> Named:
        """From a `lang -> name` function, such as `Titles.get` (with its own fallbacks)."""
        return cls(tuple((lang, name(lang)) for lang in LANGUAGES))

    def say(self, lang: str) -> str:
        names = dict(self.names)
        return names.get(lang) or names.get(FALLBACK) or ""


@dataclass(frozen=True)
class TheItem:
    """An agenda item in a sentence: `item 3`, `le point 3`, `пункт 3`."""

    id: str

    def say(self, lang: str) -> str:
        return word("terms.the-item", lang, id=_item_id(self.id, lang))


@dataclass(frozen=True)
class Act:
    """An activity as findings name it: `item 4` / `point 4`, or `Working Group ... (wg-ic-10)`."""

    id: str
    kind: Literal["item", "meetings", "unknown"]
    names: Named | None = None

    @classmethod
    def of(cls, session: Session, activity_id: str) -> Act:
        activity = next((a for a in session.activities if a.id == activity_id), None)
        if activity is None:
            return cls(activity_id, "unknown")
        if activity.kind == "item" and activity.agenda_item:
            return cls(activity_id, "item")
        return cls(activity_id, "meetings", Named.by(activity.label))

    def say(self, lang: str) -> str:
        if self.kind == "unknown":
            return word("terms.unknown-activity", lang, id=self.id)
        if self.kind == "item":
            return word("terms.item", lang, id=_item_id(self.id, lang))
        return word("terms.named", lang, name=self.names, id=self.id)


@dataclass(frozen=True)
class Body:
    """A body as findings name it: `Working Group on International Cooperation (wg-ic)`."""

    id: str
    names: Named | None

    @classmethod
    def of(cls, session: Session, body_id: str) -> Body:
        body = next((b for b in session.hosts if b.id == body_id), None)
        return cls(body_id, None if body is None else Named.by(body.name.get))

    def say(self, lang: str) -> str:
        if self.names is None:
            return word("terms.unknown-body", lang, id=self.id)
        return word("terms.named", lang, name=self.names, id=self.id)


@dataclass(frozen=True)
class Activities:
    """Several activities in one phrase: `items 6, 7 and 8` / `points 6, 7 et 8`, then the
    meetings of bodies by their titles."""

    items: tuple[str, ...]
    others: tuple[Named, ...]

    @classmethod
    def of(cls, session: Session, ids: Iterable[str]) -> Activities:
        unique = list(dict.fromkeys(ids))
        item_ids = {i.id for i in session.items}
        items = tuple(i for i in unique if i in item_ids)
        others = tuple(Named.by(session.activity(i).label) for i in unique if i not in item_ids)
        return cls(items, others)

    def say(self, lang: str) -> str:
        named: list[str] = []
        if self.items:
            ids = joined((_item_id(i, lang) for i in self.items), lang)
            named.append(word("terms.items", lang, count=len(self.items), ids=ids))
        return joined([*named, *(n.say(lang) for n in self.others)], lang)


# --- days and times ----------------------------------------------------------------------------


@dataclass(frozen=True)
class Day:
    """A date: `Thu 18 Oct` (short) or `Thursday 18 October` (long); `?` when unknown."""

    date: dt.date | None
    style: DayStyle = "short"

    def say(self, lang: str) -> str:
        if self.date is None:
            return word("terms.unknown", lang)
        pattern = _pattern(f"terms.{self.style}-day", lang)
        text = format_date(self.date, pattern, locale=_locale(lang))
        if _MONTH in text:  # the month as the labels file prints it (Arabic: تشرين الأول/أكتوبر)
            text = text.replace(_MONTH, labels(lang).month(self.date))
        return text


@dataclass(frozen=True)
class LongDay(Day):
    """A day in full: `Thursday 18 October`, `jeudi 18 octobre`, `10月18日星期四`."""

    style: DayStyle = "long"


@dataclass(frozen=True)
class Clock:
    """A clock time: `12:00` (digits) or as the language writes it in a sentence
    (`12 heures`, `16 h 45`, `下午3时`, from the labels file)."""

    moment: dt.datetime | dt.time | None
    style: ClockStyle = "digits"

    def say(self, lang: str) -> str:
        if self.moment is None:
            return word("terms.unknown", lang)
        at = self.moment.time() if isinstance(self.moment, dt.datetime) else self.moment
        words = labels(lang if lang in LANGUAGES else FALLBACK)
        return words.clock_digits(at) if self.style == "digits" else words.clock_text(at)


@dataclass(frozen=True)
class ClockTime:
    """A time of day as a sentence says it: `12:00`, `12 heures`, `10 h 30`."""

    hour: int
    minute: int

    def say(self, lang: str) -> str:
        return Clock(dt.time(self.hour, self.minute), "text").say(lang)


@dataclass(frozen=True)
class Moment:
    """A day and a time: `Thursday 18 October 12:00` / `jeudi 18 octobre à 12 heures` (long,
    in sentences) or `Thu 18 Oct 12:00` (short, in findings)."""

    moment: dt.datetime | None
    style: DayStyle = "long"

    def say(self, lang: str) -> str:
        if self.moment is None:
            return word("terms.unknown", lang)
        clock: ClockStyle = "digits" if self.style == "short" else "text"
        return word(
            "terms.short-moment" if self.style == "short" else "terms.moment",
            lang,
            day=Day(self.moment.date(), self.style),
            clock=Clock(self.moment, clock),
        )


@dataclass(frozen=True)
class Span:
    """From one clock time to another: `11:00-13:00`."""

    start: dt.datetime | dt.time | None
    end: dt.datetime | dt.time | None
    style: ClockStyle = "digits"

    def say(self, lang: str) -> str:
        return word(
            "terms.span", lang, start=Clock(self.start, self.style), end=Clock(self.end, self.style)
        )


@dataclass(frozen=True)
class DaySpan:
    """A period on a day, in a sentence: `Friday 19 October 15:00-18:00` /
    `vendredi 19 octobre, 15 heures-18 heures`."""

    date: dt.date
    start: dt.time
    end: dt.time

    def say(self, lang: str) -> str:
        return word(
            "terms.day-span",
            lang,
            day=Day(self.date, "long"),
            span=Span(self.start, self.end, "text"),
        )


@dataclass(frozen=True)
class DayTimes:
    """Clock spans on one day, in a sentence: `Tuesday 16 October 10:00-13:00 and 15:00-18:00`."""

    date: dt.date
    spans: tuple[Span, ...]

    def say(self, lang: str) -> str:
        return word(
            "terms.day-span",
            lang,
            day=Day(self.date, "long"),
            span=joined((s.say(lang) for s in self.spans), lang),
        )


@dataclass(frozen=True)
class Slot:
    """A slot: `Thu 18 Oct AM` (day, period id)."""

    date: dt.date | None
    period: str

    def say(self, lang: str) -> str:
        return word("terms.slot", lang, day=Day(self.date), period=self.period or "?")


@dataclass(frozen=True)
class Meeting:
    """A meeting: `plenary Thu 18 Oct AM` (body id, day, period id)."""

    body: str
    date: dt.date | None
    period: str

    def say(self, lang: str) -> str:
        return word("terms.meeting", lang, body=self.body or "?", slot=Slot(self.date, self.period))


# --- several things ------------------------------------------------------------------------------


@dataclass(frozen=True)
class Listing:
    """Several things, one after the other: `item 2, item 3` (`terms.comma`), or joined by the
    catalogue's separator `sep` (e.g. `terms.semicolon`)."""

    terms: tuple[object, ...]
    sep: str = "terms.comma"

    @classmethod
    def of(cls, terms: Iterable[object], sep: str = "terms.comma") -> Listing:
        return cls(tuple(terms), sep)

    def say(self, lang: str) -> str:
        return word(self.sep, lang).join(say(t, lang) for t in self.terms)


@dataclass(frozen=True)
class Joined:
    """Several things in a sentence: `a, b and c` / `a, b et c` / `a、b和c` (CLDR list patterns)."""

    terms: tuple[object, ...]

    @classmethod
    def of(cls, terms: Iterable[object]) -> Joined:
        return cls(tuple(terms))

    def say(self, lang: str) -> str:
        return joined((say(t, lang) for t in self.terms), lang)


def joined(texts: Iterable[str], lang: str) -> str:
    """`a, b and c` in `lang`, with the list locale the catalogue names (`terms.list-locale`)."""
    items = list(texts)
    if len(items) <= 1:
        return "".join(items)
    return format_list(items, locale=_pattern("terms.list-locale", lang))
