"""From the annex table to a published timetable, its periods and the durations it implies.

The annex says which items are taken in which period, not for how long. The durations it
implies are estimates: items sharing a meeting split it equally, an item over two meetings
takes twice the period. A heading cited alone ("Point 2.") is an activity of its own when its
sub-items are cited elsewhere, and stands for all its sub-items when they are not. The daily
periods are the most common times of day; the days the annex gives other hours keep periods of
their own. What the plenary takes that is no agenda item (an address) keeps its place among
the items the annex cites around it.
"""

from __future__ import annotations

import datetime as dt
import itertools
import re
from collections import Counter
from dataclasses import dataclass, field

from scheduler.agenda_import.agenda import AgendaItem
from scheduler.agenda_import.annex import Annex
from scheduler.agenda_import.words import fold


@dataclass
class PlannedSlot:
    """One annex row in session-file terms: a date, a period id, items and parallel bodies."""

    date: dt.date
    period: str
    items: list[str] = field(default_factory=list)
    bodies: list[str] = field(default_factory=list)  # names as in the annex or annotations
    activities: list[AnnexActivity] = field(default_factory=list)  # no agenda items

    @property
    def taken(self) -> list[str]:
        """The plenary's activities in this meeting, in the order the annex gives them: its
        items by agenda order, each other activity after the item it follows."""
        order = list(self.items)
        for activity in self.activities:
            at = order.index(activity.after) + 1 if activity.after in order else 0
            while at < len(order) and order[at] in {a.id for a in self.activities}:
                at += 1
            order.insert(at, activity.id)
        return order


@dataclass(frozen=True)
class AnnexActivity:
    """Something the plenary takes that is no agenda item (the President's address): its id,
    the annex's wording, the item of its meeting it follows (None: it opens the meeting) and
    the item it follows in the annex (None: before every item)."""

    id: str
    title: str
    after: str | None
    follows: str | None


@dataclass
class PeriodSpec:
    id: str
    start: dt.time
    end: dt.time
    evening: bool

    @property
    def minutes(self) -> int:
        return (self.end.hour * 60 + self.end.minute) - (self.start.hour * 60 + self.start.minute)

    def as_data(self) -> dict[str, object]:
        data: dict[str, object] = {
            "id": self.id,
            "start": f"{self.start:%H:%M}",
            "end": f"{self.end:%H:%M}",
        }
        if self.evening:
            data["evening"] = True
        return data


DEFAULT_PERIODS = [
    PeriodSpec("AM", dt.time(10), dt.time(13), False),
    PeriodSpec("PM", dt.time(15), dt.time(18), False),
]


def _period_id(start: dt.time) -> str:
    if start < dt.time(12):
        return "AM"
    return "PM" if start < dt.time(18) else "EV"


def periods_of(annex: Annex) -> tuple[list[PeriodSpec], list[str]]:
    """The daily periods the annex uses, one per time of day, the most common times winning;
    the days with other times get periods of their own (`day_periods_of`)."""
    notes: list[str] = []
    ranges: dict[str, Counter[tuple[dt.time, dt.time]]] = {}
    days: dict[tuple[str, dt.time, dt.time], list[dt.date]] = {}
    for slot in annex.slots:
        pid = _period_id(slot.start)
        ranges.setdefault(pid, Counter())[(slot.start, slot.end)] += 1
        days.setdefault((pid, slot.start, slot.end), []).append(slot.date)
    periods: list[PeriodSpec] = []
    for pid in ("AM", "PM", "EV"):
        if pid not in ranges:
            continue
        (start, end), _ = ranges[pid].most_common(1)[0]
        for (s, e), _ in ranges[pid].items():
            if (s, e) != (start, end):
                dates = ", ".join(f"{d:%a %d %b}" for d in dict.fromkeys(days[(pid, s, e)]))
                notes.append(
                    f"annex: a {pid} period runs {s:%H:%M}-{e:%H:%M} instead of "
                    f"{start:%H:%M}-{end:%H:%M} on {dates}; "
                    + (
                        "that day has periods of its own"
                        if "," not in dates
                        else "those days have periods of their own"
                    )
                    + " (session.day_periods)"
                )
        periods.append(PeriodSpec(pid, start, end, pid == "EV"))
    _apart(periods, notes)
    return periods, notes


def _apart(periods: list[PeriodSpec], notes: list[str], day: str = "") -> None:
    """Periods of every body may not overlap: a later one starts when the earlier ends."""
    for before, after in itertools.pairwise(periods):
        if after.start < before.end:
            notes.append(f"annex: periods {before.id} and {after.id} overlap{day}; check the times")
            after.start = before.end


def day_periods_of(
    annex: Annex, periods: list[PeriodSpec]
) -> tuple[list[tuple[list[dt.date], list[PeriodSpec]]], list[str]]:
    """The days whose annex rows run at other times than the daily periods, grouped by their
    periods: the cybercrime committee's 2-hour meetings of the first week and 3-hour ones of
    the second, an opening on Sunday at 14:00. A day's own periods are the daily ones with its
    own times where the annex gives them."""
    notes: list[str] = []
    daily = {p.id: p for p in periods}
    times: dict[dt.date, dict[str, tuple[dt.time, dt.time]]] = {}
    twice: set[dt.date] = set()
    for slot in annex.slots:
        day = times.setdefault(slot.date, {})
        pid = _period_id(slot.start)
        if pid in day and day[pid] != (slot.start, slot.end):
            twice.add(slot.date)  # two AM rows of a day: one id cannot hold both
        day.setdefault(pid, (slot.start, slot.end))
    groups: dict[tuple[tuple[str, dt.time, dt.time, bool], ...], list[dt.date]] = {}
    for date, own in times.items():
        if date in twice or all((daily[k].start, daily[k].end) == v for k, v in own.items()):
            continue
        specs = [PeriodSpec(p.id, *own.get(p.id, (p.start, p.end)), p.evening) for p in periods]
        _apart(specs, notes, f" on {date:%a %d %b}")
        key = tuple((p.id, p.start, p.end, p.evening) for p in specs)
        groups.setdefault(key, []).append(date)
    result = [(sorted(dates), [PeriodSpec(*spec) for spec in key]) for key, dates in groups.items()]
    return sorted(result, key=lambda entry: entry[0][0]), notes


def planned_slots(
    annex: Annex, items: list[AgendaItem]
) -> tuple[list[PlannedSlot], dict[str, str], list[str]]:
    """Annex rows with item ids resolved; also each item's own annex wording, and notes."""
    notes: list[str] = []
    by_id = {item.id: item for item in items}
    children: dict[str, list[str]] = {}
    for item in items:
        if item.parent:
            children.setdefault(item.parent, []).append(item.id)
    cited = {i for slot in annex.slots for ref in slot.refs for i in ref.item_ids}
    order = {item.id: n for n, item in enumerate(items)}
    wording: dict[str, str] = {}
    planned: list[PlannedSlot] = []
    ids: dict[str, str] = {}  # the folded wording of an activity -> its id
    last: str | None = None  # the item the annex cited last, for what follows it
    for slot in annex.slots:
        row = PlannedSlot(slot.date, _period_id(slot.start))
        resolved: list[list[str]] = []  # per reference of the row, the items it stands for
        for ref in slot.refs:
            before = len(row.items)
            for item_id in ref.item_ids:
                if item_id not in by_id:
                    notes.append(
                        f"annex: {slot.date:%d %b} {row.period} cites item {item_id}, which is not "
                        "on the agenda; left out"
                    )
                    continue
                kids = children.get(item_id, [])
                if kids and not any(k in cited for k in kids):
                    row.items.extend(kids)  # "Point 1" for all of 1 a) to f)
                    continue
                row.items.append(item_id)
                if len(ref.item_ids) == 1 and ref.title and not ref.continued:
                    wording.setdefault(item_id, ref.title)
            resolved.append(row.items[before:])
        for refs_before, title in slot.activities:
            after = next((r[-1] for r in reversed(resolved[:refs_before]) if r), None)
            key = fold(title)
            if key not in ids:
                ids[key] = _activity_id(title, {item.id for item in items} | set(ids.values()))
            row.activities.append(AnnexActivity(ids[key], title, after, after or last))
        row.items = sorted(dict.fromkeys(row.items), key=order.__getitem__)
        row.bodies = [name for name, _ in slot.bodies]
        last = row.items[-1] if row.items else last
        planned.append(row)
    return planned, wording, notes


def _activity_id(title: str, taken: set[str]) -> str:
    """A short id from an activity's first words: `address-by-the-president`."""
    words = re.findall(r"[a-z0-9]+", fold(title))[:4] or ["activity"]
    base = "-".join(words)[:40].strip("-") or "activity"
    found, n = base, 1
    while found in taken:
        n += 1
        found = f"{base}-{n}"
    return found


def implied_minutes(
    planned: list[PlannedSlot],
    periods: dict[str, PeriodSpec],
    own: dict[dt.date, dict[str, PeriodSpec]] | None = None,
) -> dict[str, tuple[int, str]]:
    """Each plenary item's duration as the annex implies it, with how it was reckoned (a day
    with periods of its own, in `own`, counts its own lengths)."""
    minutes: dict[str, int] = {}
    reasons: dict[str, list[str]] = {}
    for row in planned:
        length = (own or {}).get(row.date, periods)[row.period].minutes
        taken = row.taken
        count = len(taken)
        for n, item_id in enumerate(taken):
            share = length // count + (length % count if n == count - 1 else 0)
            minutes[item_id] = minutes.get(item_id, 0) + share
            how = "a whole meeting" if count == 1 else f"1/{count} of a meeting"
            reasons.setdefault(item_id, []).append(how)
    result: dict[str, tuple[int, str]] = {}
    for item_id, total in minutes.items():
        parts = reasons[item_id]
        if len(parts) > 1 and all(p == "a whole meeting" for p in parts):
            why = f"{len(parts)} whole meetings in the annex"
        else:
            why = " + ".join(parts) + " in the annex"
        result[item_id] = (total, f"estimate: {why}")
    return result


def differs(title: str, wording: str) -> bool:
    """Whether the annex words an item otherwise than the agenda (then it is an annex title)."""
    return fold(title) != fold(wording)
