"""The days and periods of a generated session, and the slots the witness may use.

Sessions open on a Monday and run over working days; weekends are simply not session days.
A holiday, when drawn, is a weekday inside the session with a row of its own and no meetings.
"""

from __future__ import annotations

import datetime as dt
import random
from dataclasses import dataclass

from scheduler.generate.profiles import PeriodSpec, Profile


def _clock(text: str) -> dt.time:
    hours, minutes = text.split(":")
    return dt.time(int(hours), int(minutes))


@dataclass(frozen=True)
class GenSlot:
    """One period on one day, as the generator sees it."""

    index: int  # position among the calendar's slots, in time order
    date: dt.date
    period: PeriodSpec
    pre_session: bool

    @property
    def start(self) -> dt.datetime:
        return dt.datetime.combine(self.date, _clock(self.period.start))

    @property
    def end(self) -> dt.datetime:
        return dt.datetime.combine(self.date, _clock(self.period.end))

    @property
    def minutes(self) -> int:
        return int((self.end - self.start).total_seconds() // 60)

    @property
    def evening(self) -> bool:
        return self.period.evening

    def at(self, offset: int) -> dt.time:
        """The clock time `offset` minutes into the slot."""
        return (self.start + dt.timedelta(minutes=offset)).time()


@dataclass(frozen=True)
class Calendar:
    days: tuple[dt.date, ...]
    pre_session_days: tuple[dt.date, ...]
    holidays: tuple[dt.date, ...]
    periods: tuple[PeriodSpec, ...]
    evening_meetings: bool

    @classmethod
    def draw(cls, profile: Profile, n_days: int, rng: random.Random) -> Calendar:
        """`n_days` working days from a Monday of 2031-2035, perhaps with one holiday."""
        first = dt.date(2031 + rng.randint(0, 4), rng.randint(1, 11), 1)
        first += dt.timedelta(days=(7 - first.weekday()) % 7)  # a Monday
        holiday: dt.date | None = None
        if n_days >= 4 and rng.random() < profile.holiday_chance:
            holiday_number = rng.randint(1, n_days - 2)  # never the first or the last day
        else:
            holiday_number = -1
        days: list[dt.date] = []
        day, weekdays = first, 0
        while len(days) < n_days:
            if day.weekday() < 5:
                if weekdays == holiday_number and holiday is None:
                    holiday = day
                else:
                    days.append(day)
                weekdays += 1
            day += dt.timedelta(days=1)
        pre = (first - dt.timedelta(days=3),) if profile.pre_session else ()
        return cls(
            days=tuple(days),
            pre_session_days=pre,
            holidays=(holiday,) if holiday else (),
            periods=profile.periods,
            evening_meetings=profile.evening_meetings,
        )

    def session_slots(self) -> list[GenSlot]:
        """Slots of the session days that meetings may use (evenings only when allowed)."""
        return [s for s in self.all_slots() if not s.pre_session]

    def pre_session_slots(self) -> list[GenSlot]:
        return [s for s in self.all_slots() if s.pre_session]

    def all_slots(self) -> list[GenSlot]:
        """Every usable slot, pre-session first, in time order."""
        slots: list[GenSlot] = []
        for date in sorted({*self.pre_session_days, *self.days}):
            for period in self.periods:
                if period.evening and not self.evening_meetings:
                    continue
                slots.append(GenSlot(len(slots), date, period, date in self.pre_session_days))
        return slots
