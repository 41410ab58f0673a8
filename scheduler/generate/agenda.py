"""Agendas of generated bodies: item durations, their hierarchy, and their witness layout.

An agenda body's meetings are chosen first; its items then fill them in agenda order, back to
back, so short items share a meeting and long ones run on into the next, exactly as the
`consecutive-meetings` and `agenda-order` rules ask. The durations are cut from the meetings'
time, so the witness holds by construction.
"""

from __future__ import annotations

import itertools
import random
import string
from collections.abc import Sequence

from scheduler.generate.calendar import GenSlot
from scheduler.generate.names import (
    ORGANIZATIONAL,
    ORGANIZATIONAL_HEADING,
    OTHER_MATTERS,
    REPORT_ADOPTION,
    SUB_TOPICS,
    Name,
    pick,
)
from scheduler.generate.plan import ActivityPlan, Part

STEP = 5  # durations are multiples of five minutes
SHORTEST = 10  # no item is shorter


def split_minutes(
    capacities: Sequence[int],
    count: int,
    rng: random.Random,
    *,
    head: Sequence[int] = (),
    last: int | None = None,
    snap: float = 0.35,
) -> list[int]:
    """`count` durations adding up to `sum(capacities)`: a random mix of short and long items.

    `head` fixes the first durations (the opening and short organizational items), `last`
    the last one (the adoption of the report). A share `snap` of meeting boundaries becomes
    an item boundary, so some items start with their meeting as real agendas do.
    """
    total = sum(capacities)
    if count < 1 or total < SHORTEST * count:
        raise ValueError(
            f"{count} items do not fit in {total} minutes of meetings "
            f"(at most {total // SHORTEST} items)"
        )
    if count == 1:
        return [total]
    tail = last if last is not None and count - len(head) >= 2 else None
    lo = sum(head)
    hi = total - (tail or 0)
    inner = count - len(head) - (tail is not None)
    if inner < 1 or hi - lo < SHORTEST * inner:  # the fixed ends leave too little: drop them
        return split_minutes(capacities, count, rng, snap=snap)
    units = (hi - lo) // STEP
    spare = units - (SHORTEST // STEP) * inner
    # A uniform random composition of the spare units into `inner` parts (stars and bars).
    bars = sorted(rng.sample(range(spare + inner - 1), inner - 1))
    sizes = [b - a - 1 for a, b in zip([-1, *bars], [*bars, spare + inner - 1], strict=True)]
    cuts: list[int] = []
    position = lo
    for size in sizes[:-1]:
        position += (size + SHORTEST // STEP) * STEP
        cuts.append(position)
    _snap_to_boundaries(cuts, capacities, lo, hi, rng, snap)
    starts = [sum(head[:k]) for k in range(len(head))]
    bounds = [*starts, lo, *cuts, hi, *([total] if tail else [])]
    durations = [b - a for a, b in itertools.pairwise(bounds)]
    assert sum(durations) == total and len(durations) == count, (durations, total, count)
    return durations


def _snap_to_boundaries(
    cuts: list[int], capacities: Sequence[int], lo: int, hi: int, rng: random.Random, share: float
) -> None:
    """Move some cuts onto meeting boundaries, keeping every item at least SHORTEST long."""
    boundaries: list[int] = []
    acc = 0
    for cap in capacities[:-1]:
        acc += cap
        if lo < acc < hi:
            boundaries.append(acc)
    for boundary in boundaries:
        if not cuts or rng.random() >= share or boundary in cuts:
            continue
        k = min(range(len(cuts)), key=lambda i: abs(cuts[i] - boundary))
        before = cuts[k - 1] if k > 0 else lo
        after = cuts[k + 1] if k + 1 < len(cuts) else hi
        if before + SHORTEST <= boundary <= after - SHORTEST:
            cuts[k] = boundary


def pack(meetings: Sequence[tuple[GenSlot, str]], durations: Sequence[int]) -> list[list[Part]]:
    """Lay `durations` back to back over the meetings: the witness parts of each item."""
    result: list[list[Part]] = []
    m, offset = 0, 0
    for duration in durations:
        parts: list[Part] = []
        left = duration
        while left > 0:
            slot, room = meetings[m]
            take = min(slot.minutes - offset, left)
            parts.append(Part(slot, room, offset, take))
            offset += take
            left -= take
            if offset == slot.minutes:
                m, offset = m + 1, 0
        result.append(parts)
    return result


def leave_gaps(items: Sequence[ActivityPlan], rng: random.Random, chance: float) -> None:
    """End some meetings early: an item ending with its meeting gives back 5-30 minutes.

    Only items whose last part ends at its period's end and whose successor starts a new
    meeting are shortened, so no rule of the witness changes.
    """
    for item, following in itertools.pairwise(items):
        part = item.parts[-1]
        ends_meeting = part.offset + part.minutes == part.slot.minutes
        next_starts = following.parts[0].offset == 0
        if not (ends_meeting and next_starts) or rng.random() >= chance:
            continue
        gap = rng.choice((5, 10, 15, 20, 30))
        if part.minutes - gap >= SHORTEST:
            item.parts[-1] = Part(part.slot, part.room, part.offset, part.minutes - gap)


def mark_durations(items: Sequence[ActivityPlan], rng: random.Random, spread: float) -> None:
    """Set each item's duration from its parts, and the flags its witness allows.

    Items filling whole meetings may become `meetings: n` items; an item alone in its
    meetings may refuse sharing; an item in one meeting may refuse running on.
    """
    by_slot: dict[int, list[str]] = {}
    for item in items:
        for part in item.parts:
            by_slot.setdefault(part.slot.index, []).append(item.id)
    for item in items:
        item.minutes = sum(p.minutes for p in item.parts)
        if item.attrs.get("first") or item.attrs.get("last"):
            continue
        whole = all(p.offset == 0 and p.minutes == p.slot.minutes for p in item.parts)
        alone = all(by_slot[p.slot.index] == [item.id] for p in item.parts)
        if whole and rng.random() < 0.3 * spread:
            item.minutes, item.meetings = None, len(item.parts)
        elif alone and rng.random() < 0.3 * spread:
            item.attrs["share"] = False
        if len(item.parts) == 1 and item.meetings is None and rng.random() < 0.25 * spread:
            item.attrs["run_on"] = False


def agenda_items(
    body: str,
    prefix: str,
    count: int,
    topics: Sequence[Name],
    rng: random.Random,
    *,
    opening: bool = True,
    closing: bool = True,
    first: bool = True,
    last: bool = True,
) -> list[ActivityPlan]:
    """`count` activities (with headings around them) in agenda order, numbered `1`, `1a`...

    The first activity is the opening (under "Organizational matters"), the last the adoption
    of the report; in between, substantive items, some with sub-items, some headings taken
    only through their sub-items. `first` and `last` mark the opening and the adoption of the
    report as the session's first and last activities.
    """
    entries: list[ActivityPlan] = []
    number = 0
    left = count
    topic_names = pick(tuple(topics), max(count, 1), rng)
    sub_names = pick(SUB_TOPICS, max(count, 1) * 2, rng)

    def new(name: Name, kind: str, parent: str | None = None, letter: str = "") -> ActivityPlan:
        ident = f"{prefix}{number}{letter}"
        plan = ActivityPlan(ident, body, kind, name[1], name[2], parent=parent)  # type: ignore[arg-type]
        entries.append(plan)
        return plan

    reserve = int(closing)
    if opening and left - reserve >= 2:
        number += 1
        heading = new(ORGANIZATIONAL_HEADING, "heading")
        extra = min(rng.randint(1, len(ORGANIZATIONAL) - 1), left - reserve - 1)
        for k, name in enumerate(ORGANIZATIONAL[: 1 + extra]):
            sub = new(name, "item", heading.id, string.ascii_lowercase[k])
            if k == 0 and first:
                sub.attrs["first"] = True
        left -= 1 + extra
    elif opening:
        number += 1
        opener = new(ORGANIZATIONAL[0], "item")
        if first:
            opener.attrs["first"] = True
        left -= 1
    topic_iter = iter(topic_names)
    sub_iter = iter(sub_names)
    while left > reserve:
        number += 1
        room = left - reserve
        shape = rng.random()
        topic = next(topic_iter)
        if room >= 3 and shape < 0.25:  # a heading taken through its sub-items
            parent = new(topic, "heading")
            subs = min(rng.randint(2, 5), room)
        elif room >= 3 and shape < 0.4:  # introduced as such, then its sub-items
            parent = new(topic, "item")
            subs = min(rng.randint(2, 4), room - 1)
            left -= 1
        else:
            new(topic, "item")
            left -= 1
            continue
        for k in range(subs):
            new(next(sub_iter), "item", parent.id, string.ascii_lowercase[k])
        left -= subs
    if closing and left > 0:
        number += 1
        name = REPORT_ADOPTION if count > 1 else OTHER_MATTERS
        adoption = new(name, "item")
        if last:
            adoption.attrs["last"] = True
        left -= 1
    assert left == 0 and sum(e.is_activity for e in entries) == count
    return entries


def lay_agenda(
    items: Sequence[ActivityPlan],
    meetings: Sequence[tuple[GenSlot, str]],
    rng: random.Random,
    *,
    first: int | None,
    last: int | None,
    tight: bool,
) -> None:
    """Give the agenda's activities durations that exactly fill `meetings`, and their parts."""
    activities = [i for i in items if i.is_activity]
    capacities = [slot.minutes for slot, _ in meetings]
    has_last = bool(activities) and bool(activities[-1].attrs.get("last"))
    head: list[int] = []
    for activity in activities:  # the opening, then short organizational items
        if activity.attrs.get("first"):
            head.append(first or rng.choice((10, 15, 20, 30)))
        elif (
            activity.parent is not None
            and activity.parent == activities[0].parent
            and (activity.en != ORGANIZATIONAL[-1][1])
        ):
            head.append(rng.choice((10, 10, 15)))
        else:
            break
    durations = split_minutes(
        capacities, len(activities), rng, head=head, last=last if has_last else None
    )
    for item, parts in zip(activities, pack(meetings, durations), strict=True):
        item.parts = parts
    spread = 0.5 if tight else 1.0
    if not tight:
        leave_gaps(activities[:-1] if has_last else activities, rng, chance=0.25)
    mark_durations(activities, rng, spread)
