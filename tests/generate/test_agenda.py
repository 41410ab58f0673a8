"""Agenda durations and their layout: exact fill, no item too short, rules kept by packing."""

from __future__ import annotations

import datetime as dt
import random

import pytest

from scheduler.generate.agenda import SHORTEST, agenda_items, pack, split_minutes
from scheduler.generate.calendar import GenSlot
from scheduler.generate.names import AGENDA_TOPICS
from scheduler.generate.profiles import STANDARD_PERIODS


def _meetings(count: int) -> list[tuple[GenSlot, str]]:
    day = dt.date(2031, 3, 3)
    slots = []
    for n in range(count):
        date = day + dt.timedelta(days=n // 2)
        slots.append((GenSlot(n, date, STANDARD_PERIODS[n % 2], False), "hall"))
    return slots


@pytest.mark.parametrize("seed", range(20))
def test_durations_fill_the_meetings_exactly(seed):
    rng = random.Random(seed)
    capacities = [180] * rng.randint(1, 12)
    count = rng.randint(1, len(capacities) * 180 // SHORTEST)
    durations = split_minutes(capacities, count, rng, head=[10, 15], last=60)
    assert len(durations) == count
    assert sum(durations) == sum(capacities)
    assert min(durations) >= SHORTEST
    assert all(d % 5 == 0 for d in durations)


def test_fixed_first_and_last_durations_are_kept():
    durations = split_minutes([180] * 4, 8, random.Random(0), head=[20, 10], last=45)
    assert durations[:2] == [20, 10]
    assert durations[-1] == 45


def test_too_many_items_are_refused():
    with pytest.raises(ValueError, match="at most 18 items"):
        split_minutes([180], 19, random.Random(0))


def test_packing_runs_items_on_into_the_next_meeting_from_its_start():
    parts = pack(_meetings(3), [100, 200, 240])
    assert [(p.offset, p.minutes) for p in parts[0]] == [(0, 100)]
    assert [(p.slot.index, p.offset, p.minutes) for p in parts[1]] == [(0, 100, 80), (1, 0, 120)]
    assert [(p.slot.index, p.offset, p.minutes) for p in parts[2]] == [(1, 120, 60), (2, 0, 180)]


@pytest.mark.parametrize("count", [1, 2, 3, 7, 30])
def test_agenda_has_the_asked_number_of_activities_in_order(count):
    entries = agenda_items("plenary", "", count, AGENDA_TOPICS, random.Random(count))
    activities = [e for e in entries if e.is_activity]
    assert len(activities) == count
    ids = [e.id for e in entries]
    assert len(set(ids)) == len(ids)
    for n, entry in enumerate(entries):
        if entry.parent is not None:
            assert entry.parent in ids[:n]  # a parent comes before its sub-items
    assert activities[0].attrs.get("first") is True
    if count > 1:
        assert activities[-1].attrs.get("last") is True
