"""How findings name things: the way a planner reads the annex, in English and French.

A message is a pair of templates (`"{item} ends {end}, after its deadline {limit}"`) whose
fields are references (`Act("4")`, `At(moment)`) rendered in each language: `item 4` /
`point 4`, `Thu 18 Oct 12:00` / `jeu. 18 oct. 12:00`. Dates are spelled out here, not with
`strftime`, so messages do not depend on the machine's locale. Meetings are labelled
`plenary Thu 18 Oct AM`: body id, day, period id.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Protocol

from scheduler.session import Session

_WEEKDAYS = {
    "en": ("Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"),
    "fr": ("lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."),
}
_MONTHS = {
    "en": ("Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"),
    "fr": (
        "janv.", "févr.", "mars", "avr.", "mai", "juin",
        "juil.", "août", "sept.", "oct.", "nov.", "déc.",
    ),
}  # fmt: skip

#: A meeting: (body id, date, period id), as in docs/RULES.md.
MeetingKey = tuple[str, dt.date | None, str]
#: A slot as named by a row: (date, period id).
SlotKey = tuple[dt.date | None, str]


def day_label(date: dt.date | None, lang: str = "en") -> str:
    """`Thu 18 Oct` / `jeu. 18 oct.`; `?` when the row has no valid date."""
    if date is None:
        return "?"
    lang = lang if lang in _WEEKDAYS else "en"
    return f"{_WEEKDAYS[lang][date.weekday()]} {date.day} {_MONTHS[lang][date.month - 1]}"


def slot_label(date: dt.date | None, period: str, lang: str = "en") -> str:
    """`Thu 18 Oct AM`: a period on a day."""
    return f"{day_label(date, lang)} {period or '?'}"


def meeting_label(meeting: MeetingKey, lang: str = "en") -> str:
    """`plenary Thu 18 Oct AM`: a body sitting in a slot."""
    body, date, period = meeting
    return f"{body or '?'} {slot_label(date, period, lang)}"


def clock(moment: dt.datetime | dt.time | None) -> str:
    """`12:00`."""
    return "?" if moment is None else f"{moment:%H:%M}"


class Term(Protocol):
    """Something a message names, rendered in the message's language."""

    def say(self, session: Session, lang: str) -> str: ...


@dataclass(frozen=True)
class Act:
    """An activity: `item 4`, or `Working Group on International Cooperation (wg-ic-10)`."""

    id: str

    def say(self, session: Session, lang: str) -> str:
        activity = next((a for a in session.activities if a.id == self.id), None)
        if activity is None:
            return _pick(
                lang, f"unknown activity '{self.id}'", f"l'activité inconnue « {self.id} »"
            )
        if activity.kind == "item":
            return _pick(lang, f"item {self.id}", f"point {self.id}")
        return f"{activity.label(lang)} ({self.id})"


@dataclass(frozen=True)
class BodyName:
    """A body: `Working Group on International Cooperation (wg-ic)`."""

    id: str

    def say(self, session: Session, lang: str) -> str:
        body = next((b for b in session.bodies if b.id == self.id), None)
        if body is None:
            return _pick(lang, f"unknown body '{self.id}'", f"l'organe inconnu « {self.id} »")
        return f"{body.name.get(lang)} ({self.id})"


@dataclass(frozen=True)
class Mtg:
    """A meeting: `plenary Thu 18 Oct AM`."""

    key: MeetingKey

    def say(self, session: Session, lang: str) -> str:
        return meeting_label(self.key, lang)


@dataclass(frozen=True)
class InSlot:
    """A slot: `Thu 18 Oct AM`."""

    key: SlotKey

    def say(self, session: Session, lang: str) -> str:
        return slot_label(*self.key, lang=lang)


@dataclass(frozen=True)
class Day:
    """A date: `Thu 18 Oct`."""

    date: dt.date | None

    def say(self, session: Session, lang: str) -> str:
        return day_label(self.date, lang)


@dataclass(frozen=True)
class At:
    """A moment: `Thu 18 Oct 12:00`."""

    moment: dt.datetime | None

    def say(self, session: Session, lang: str) -> str:
        if self.moment is None:
            return "?"
        return f"{day_label(self.moment.date(), lang)} {clock(self.moment)}"


@dataclass(frozen=True)
class Clock:
    """A clock time: `12:00`."""

    moment: dt.datetime | dt.time | None

    def say(self, session: Session, lang: str) -> str:
        return clock(self.moment)


@dataclass(frozen=True)
class Span:
    """From one clock time to another: `11:00-13:00`."""

    start: dt.datetime | dt.time | None
    end: dt.datetime | dt.time | None

    def say(self, session: Session, lang: str) -> str:
        return f"{clock(self.start)}-{clock(self.end)}"


@dataclass(frozen=True)
class Listing:
    """Several things: `item 2, item 3`."""

    terms: tuple[Term, ...]

    @classmethod
    def of(cls, terms: Iterable[Term]) -> Listing:
        return cls(tuple(terms))

    def say(self, session: Session, lang: str) -> str:
        return ", ".join(t.say(session, lang) for t in self.terms)


def _pick(lang: str, en: str, fr: str) -> str:
    return fr if lang == "fr" else en


def render(template: str, session: Session, lang: str, terms: dict[str, Term | str | int]) -> str:
    """Fill a template's fields, references rendered in `lang`, plain values as they are."""
    return template.format(
        **{
            name: value if isinstance(value, str | int) else value.say(session, lang)
            for name, value in terms.items()
        }
    )
