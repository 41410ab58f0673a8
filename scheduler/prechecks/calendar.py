"""The calendar under the instances in force: which slots are open, and how much time they give."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

from scheduler.prechecks.findings import DAYS, EVENINGS, Active, Key, holiday_key
from scheduler.session import Activity, Session, Slot

if TYPE_CHECKING:
    from scheduler.prechecks.windows import Window


class Calendar:
    """Which slots may hold meetings, given which calendar instances are in force."""

    def __init__(self, session: Session, on: Active) -> None:
        info = session.session
        self.session = session
        self.on = on
        self._windows: dict[tuple[bool, bool], dict[str, Window]] = {}
        self.evenings_closed = not info.evening_meetings and on(EVENINGS)
        self.closed_holidays = {d for d in info.holidays if on(holiday_key(d))}
        self.bounded = on(DAYS)
        self.pre_session = set(info.pre_session_days)
        self.slots = [s for s in session.slots if not self.closure(s)]
        self._longest: int | None = None
        #: the closed slots on the clock, with what closes them (looked up by `closures`)
        self._closed = [(s.start, s.end, k) for s in session.slots if (k := self.closure(s))]
        self._spans: dict[tuple[str, frozenset[dt.date]], list[tuple[dt.datetime, dt.datetime]]]
        self._spans = {}
        session_slots = [s for s in session.slots if not s.pre_session]
        self.first_start = session_slots[0].start
        self.last_end = max(s.end for s in session_slots)

    def windows(self, packed: bool = False, durations: bool = True) -> dict[str, Window]:
        """Each activity's time window under this calendar and its instances (computed once);
        `packed`: agenda order counting durations too (`windows.time_windows`); without
        `durations`, relations carry starts and ends as they are (no chain to say)."""
        key = (packed, durations)
        if key not in self._windows:
            from scheduler.prechecks.windows import time_windows  # windows build on calendars

            self._windows[key] = time_windows(self.session, self, self.on, packed, durations)
        return self._windows[key]

    def closure(self, s: Slot) -> frozenset[Key]:
        """The instances that close a slot (empty: the slot is open)."""
        keys: set[Key] = set()
        if s.date in self.closed_holidays:
            keys.add(holiday_key(s.date))
        if s.period.evening and self.evenings_closed:
            keys.add(EVENINGS)
        return frozenset(keys)

    def closures(self, start: dt.datetime, end: dt.datetime) -> frozenset[Key]:
        """The instances closing some slot that meets [start, end]."""
        keys: set[Key] = set()
        for b, e, closing in self._closed:
            if e > start and b < end:
                keys |= closing
        return frozenset(keys)

    def spans(self, a: Activity) -> list[tuple[dt.datetime, dt.datetime]]:
        """The open periods a part of `a` may be held in (its body's, on the days it may use),
        as (start, end) in time order; computed once per body and pre-session days."""
        days = frozenset(self.fixed_days(a))
        key = (a.body, days)
        if key not in self._spans:
            members = self.session.body(a.body).member_ids
            self._spans[key] = sorted(
                (s.start, s.end)
                for s in self.slots
                if (not s.pre_session or s.date in days) and s.period.allows(members)
            )
        return self._spans[key]

    def fixed_days(self, a: Activity) -> set[dt.date]:
        """The pre-session days the activity is fixed to (`date`, `dates`, `fixed_start`)."""
        days = {*a.dates, *([a.fixed_start.date()] if a.fixed_start else [])}
        return days & self.pre_session

    def fixed_day(self, a: Activity) -> dt.date | None:
        """The first pre-session day the activity is fixed to, if any."""
        return min(self.fixed_days(a), default=None)

    def open_slots(self, activities: Iterable[Activity]) -> list[Slot]:
        """Open slots usable by some of `activities` (pre-session days: only when fixed there)."""
        days = {d for a in activities for d in self.fixed_days(a)}
        return [s for s in self.slots if not s.pre_session or s.date in days]

    def periods_minutes(self) -> int:
        """The longest open period, in minutes (found once: every count of meetings asks)."""
        if self._longest is None:
            self._longest = max((s.minutes for s in self.slots), default=0)
        return self._longest


@dataclass(frozen=True)
class Supply:
    """The meeting time a body has between two moments."""

    start: dt.datetime
    end: dt.datetime
    slots: list[Slot]  # open slots meeting [start, end]
    full: list[Slot]  # those entirely inside
    minutes: int  # open minutes inside [start, end]

    @classmethod
    def of(cls, cal: Calendar, activities: list[Activity], start: dt.datetime,
           end: dt.datetime) -> Supply:  # fmt: skip
        slots = [s for s in cal.open_slots(activities) if s.end > start and s.start < end]
        full = [s for s in slots if s.start >= start and s.end <= end]
        minutes = sum(_minutes(max(s.start, start), min(s.end, end)) for s in slots)
        return cls(start, end, slots, full, minutes)

    def short_of(self, whole: int, minutes: int) -> bool:
        """Whether `whole` whole meetings and `minutes` more cannot fit."""
        if whole > len(self.full):
            return True
        taken = sum(sorted(s.minutes for s in self.full)[:whole])
        return minutes > self.minutes - taken

    def uniform(self) -> int | None:
        """The length of every slot, when all are whole and equal."""
        lengths = {s.minutes for s in self.slots}
        return lengths.pop() if len(lengths) == 1 and len(self.full) == len(self.slots) else None


def _minutes(start: dt.datetime, end: dt.datetime) -> int:
    return max(0, int((end - start).total_seconds() // 60))
