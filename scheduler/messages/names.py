"""Terms that name things of a session in full words: an item, a body, a day, a moment.

Rule instances and explanations speak in sentences ("item 9 is last", "the working group ends
by Thursday 18 October 12:00"). These terms are made from the session when the message is
made, so they carry what they need (an item's id, a body's own names in each language) and
render in any language without the session. Day and month names come from CLDR (Babel), in
the pattern the language's catalogue gives (`terms.long-day`).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from babel.dates import format_date

from scheduler.messages.catalogue import LANGUAGES, template, word


@dataclass(frozen=True)
class TheItem:
    """An agenda item in a sentence: `item 3`, `le point 3`, `пункт 3`."""

    id: str

    def say(self, lang: str) -> str:
        return word("terms.the-item", lang, id=self.id)


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
        return names.get(lang) or names.get("en") or ""


@dataclass(frozen=True)
class LongDay:
    """A day in full: `Thursday 18 October`, `jeudi 18 octobre`, `10月18日星期四`."""

    date: dt.date

    def say(self, lang: str) -> str:
        pattern = template("terms.long-day", lang)
        assert isinstance(pattern, str)
        locale = lang if lang in LANGUAGES else "en"
        return format_date(self.date, pattern, locale=locale)


@dataclass(frozen=True)
class ClockTime:
    """A time of day as a sentence says it: `12:00`, `12 heures`, `10 h 30`."""

    hour: int
    minute: int

    def say(self, lang: str) -> str:
        key = "terms.clock.hour" if self.minute == 0 else "terms.clock.hour-minute"
        return word(key, lang, hour=self.hour, minute=self.minute)


@dataclass(frozen=True)
class Moment:
    """A day and a time: `Thursday 18 October 12:00`, `jeudi 18 octobre à 12 heures`."""

    moment: dt.datetime

    def say(self, lang: str) -> str:
        day = LongDay(self.moment.date())
        clock = ClockTime(self.moment.hour, self.moment.minute)
        return word("terms.moment", lang, day=day, clock=clock)
