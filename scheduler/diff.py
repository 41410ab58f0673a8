"""Comparing two timetables: which activities moved, how far, and which were added or removed.

What counts as one change (the number a re-plan minimises and the `Changes` sheet reports):
an activity present in both timetables whose set of slots (date, period) differs. Its size is
the largest of three levels it reaches:

1. `SAME_HALF_DAY`: its slots differ, but it keeps the same half-days (a date and morning,
   afternoon or evening), e.g. from 10:00-11:30 to 11:30-13:00 where periods are that short;
2. `OTHER_PERIOD`: its half-days differ, but it keeps the same dates;
3. `OTHER_DAY`: its dates differ.

A part that keeps its slots but changes its times or room is `retimed`: listed, not counted, as
the published organization of work names slots only. Activities found in one timetable only are
`added` or `removed`: listed, not counted as moves.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from enum import IntEnum
from typing import TYPE_CHECKING, Literal

from scheduler.session import Period, Session
from scheduler.timetable import Assignment, Timetable

if TYPE_CHECKING:
    import pandas as pd

HalfDay = Literal["morning", "afternoon", "evening"]
ChangeKind = Literal["moved", "added", "removed", "retimed"]
SlotKey = tuple[dt.date, str]  # (date, period id)

#: Columns of `TimetableDiff.to_frame()` and of the `Changes` sheet.
CHANGE_COLUMNS: tuple[str, ...] = ("activity", "title", "change", "size", "before", "after")
_NOON = dt.time(12, 0)
_EVENING = dt.time(18, 0)


class MoveSize(IntEnum):
    """How far an activity moved, smallest first (weights: `preferences.move_*`)."""

    SAME_HALF_DAY = 1
    OTHER_PERIOD = 2
    OTHER_DAY = 3

    @property
    def label(self) -> str:
        return _SIZE_LABELS[self]


_SIZE_LABELS = {
    MoveSize.SAME_HALF_DAY: "within the same half-day",
    MoveSize.OTHER_PERIOD: "to another period of the same day",
    MoveSize.OTHER_DAY: "to another day",
}


def half_day(period: Period) -> HalfDay:
    """The half-day a period belongs to: evening periods apart, else by its start (noon)."""
    if period.evening:
        return "evening"
    return "morning" if period.start < _NOON else "afternoon"


def half_days_of(session: Session) -> dict[SlotKey, HalfDay]:
    """The half-day of every slot: a day's own periods (`day_periods`) decide for that day, as
    a period id may be a morning one on some days and an afternoon one on others."""
    return {(s.date, s.period.id): half_day(s.period) for s in session.slots}


def half_day_at(half_days: Mapping[object, str], date: dt.date, period: str) -> str:
    """The half-day of a slot in `half_days` (keyed by slot, or by period id for every day);
    an unknown period is a half-day of its own."""
    return half_days.get((date, period)) or half_days.get(period) or period


def move_size(
    before: Iterable[SlotKey], after: Iterable[SlotKey], half_days: Mapping[object, str]
) -> MoveSize | None:
    """The size of the move from slots `before` to slots `after`; None when they are equal.

    `half_days` maps a slot (date, period id), or a period id on every day, to its half-day
    (see `half_day`, `half_days_of`).
    """
    old, new = set(before), set(after)
    if old == new:
        return None
    if {d for d, _ in old} != {d for d, _ in new}:
        return MoveSize.OTHER_DAY
    if {(d, half_day_at(half_days, d, p)) for d, p in old} != {
        (d, half_day_at(half_days, d, p)) for d, p in new
    }:
        return MoveSize.OTHER_PERIOD
    return MoveSize.SAME_HALF_DAY


@dataclass(frozen=True)
class Change:
    """One activity that differs between the two timetables."""

    activity: str
    title: str
    kind: ChangeKind
    size: MoveSize | None  # for moves only
    before: tuple[Assignment, ...]
    after: tuple[Assignment, ...]

    def row(self) -> dict[str, object]:
        return {
            "activity": self.activity,
            "title": self.title,
            "change": self.kind,
            "size": self.size.label if self.size is not None else "",
            "before": _where(self.before),
            "after": _where(self.after),
        }


@dataclass(frozen=True)
class TimetableDiff:
    """Every difference between a timetable `before` and a timetable `after`."""

    changes: tuple[Change, ...]
    interpreted_before: int
    interpreted_after: int

    @property
    def moved(self) -> list[Change]:
        return [c for c in self.changes if c.kind == "moved"]

    @property
    def count(self) -> int:
        """The change count: activities whose slots differ (see the module docstring)."""
        return len(self.moved)

    def of(self, kind: ChangeKind) -> list[Change]:
        return [c for c in self.changes if c.kind == kind]

    @property
    def empty(self) -> bool:
        """No activity differs (then the interpreted meetings are the same too)."""
        return not self.changes

    def sizes(self) -> dict[MoveSize, int]:
        """How many moves of each size."""
        return {size: sum(1 for c in self.moved if c.size is size) for size in MoveSize}

    def to_frame(self) -> pd.DataFrame:
        """One row per change: activity, title, change, size, before, after."""
        import pandas as pd

        return pd.DataFrame([c.row() for c in self.changes], columns=list(CHANGE_COLUMNS))


def compare(before: Timetable, after: Timetable, session: Session | None = None) -> TimetableDiff:
    """The differences from `before` to `after`.

    Half-days come from the session's periods when given (each day's own); otherwise from the
    times in the timetables (a period whose earliest part starts before noon is a morning one,
    from 18:00 an evening one).
    """
    half_days = _half_days(session, before, after)
    old, new = _by_activity(before), _by_activity(after)
    changes: list[Change] = []
    for activity in _in_order(old, new, session):
        parts_before, parts_after = old.get(activity, ()), new.get(activity, ())
        title = _title(activity, parts_before or parts_after, session)
        kind: ChangeKind | None = None
        size: MoveSize | None = None
        if not parts_before:
            kind = "added"
        elif not parts_after:
            kind = "removed"
        else:
            size = move_size(_slots(parts_before), _slots(parts_after), half_days)
            if size is not None:
                kind = "moved"
            elif _placement(parts_before) != _placement(parts_after):
                kind = "retimed"
        if kind is not None:
            changes.append(Change(activity, title, kind, size, parts_before, parts_after))
    return TimetableDiff(
        changes=tuple(changes),
        interpreted_before=before.interpreted_meetings(),
        interpreted_after=after.interpreted_meetings(),
    )


def compare_frame(
    before: Timetable, after: Timetable, session: Session | None = None
) -> pd.DataFrame:
    """The comparison as a pandas DataFrame (see `TimetableDiff.to_frame`)."""
    return compare(before, after, session).to_frame()


def _by_activity(timetable: Timetable) -> dict[str, tuple[Assignment, ...]]:
    parts: dict[str, list[Assignment]] = {}
    for row in timetable:
        parts.setdefault(row.activity, []).append(row)
    return {k: tuple(sorted(v, key=lambda a: (a.date, a.start))) for k, v in parts.items()}


def _slots(parts: Iterable[Assignment]) -> set[SlotKey]:
    return {(p.date, p.period) for p in parts}


def _placement(parts: Iterable[Assignment]) -> list[tuple[object, ...]]:
    return sorted((p.date, p.period, p.start, p.end, p.room) for p in parts)


def _in_order(
    old: Mapping[str, tuple[Assignment, ...]],
    new: Mapping[str, tuple[Assignment, ...]],
    session: Session | None,
) -> list[str]:
    """Activities in agenda order when the session is known, else by their first part."""
    names = set(old) | set(new)
    if session is not None:
        known = [a.id for a in session.activities if a.id in names]
        rest = names - set(known)
    else:
        known, rest = [], names

    def first(activity: str) -> tuple[object, ...]:
        part = (old.get(activity) or new[activity])[0]
        return (part.date, part.start, activity)

    return known + sorted(rest, key=first)


def _title(activity: str, parts: tuple[Assignment, ...], session: Session | None) -> str:
    if session is not None:
        try:
            return session.activity(activity).title.get("en")
        except KeyError:
            pass
    return parts[0].title if parts else ""


def _half_days(session: Session | None, *timetables: Timetable) -> Mapping[object, str]:
    if session is not None:
        return half_days_of(session)  # type: ignore[return-value]
    starts: dict[str, dt.time] = {}
    for timetable in timetables:
        for row in timetable:
            starts[row.period] = min(starts.get(row.period, row.start), row.start)
    return {
        period: "evening" if start >= _EVENING else "morning" if start < _NOON else "afternoon"
        for period, start in starts.items()
    }


def _where(parts: Iterable[Assignment]) -> str:
    """Parts as a planner reads them: `2018-10-17 PM 15:00-18:00 plenary-hall; ...`."""
    return "; ".join(
        f"{p.date:%Y-%m-%d} {p.period} {p.start:%H:%M}-{p.end:%H:%M} {p.room}" for p in parts
    )
