"""The re-plan's change terms as a model module: what moved since the earlier timetable.

Three levels of change, exactly as `scheduler.diff` counts them, as named penalty terms whose
weights make the sum lexicographic (each level weighs more than the largest sum of the
levels below it, see `scales`):

- `moved-slots[a]`: activity `a` uses another set of slots than before (a change);
- `move-size[a]`: how far it moved, `move_within_half_day`, `move_to_other_period` or
  `move_to_other_day` by the move's size;
- `altered[a]`: some earlier part of `a` lost its slot, start, minutes or room (retimed).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Callable
from dataclasses import dataclass

from ortools.sat.python import cp_model

from models.context import Context, Module, PenaltyTerm, sum_of
from models.replan.pins import require
from scheduler.diff import half_day_at, half_days_of
from scheduler.session import Session
from scheduler.timetable import Timetable

Level = Callable[[dt.date, str], object]  # (date, period id) -> what a change compares


@dataclass(frozen=True)
class Scales:
    """The weights of the three levels: `count` per change, `size` per unit of move size."""

    count: int
    size: int


def scales(session: Session, previous: Timetable) -> Scales:
    """The level weights for re-planning `session` from `previous`.

    With n activities that were placed before, the retimed count is at most n < `size`, and
    the sizes at most n x the largest move weight, so that `size` x sizes + retimed < `count`.
    """
    before = _slots_by_activity(previous)
    n = sum(1 for a in session.activities if a.id in before)
    w = session.preferences
    size = n + 1
    largest = max(w.move_within_half_day, w.move_to_other_period, w.move_to_other_day)
    return Scales(count=size * (n * largest + 1), size=size)


def change_terms(previous: Timetable, *, max_changes: int | None = None) -> Module:
    """The module counting the changes from `previous` (see `changes`)."""

    def changes(ctx: Context) -> list[PenaltyTerm]:
        """The changes from the earlier timetable, as terms of the three levels; at most
        `max_changes` changes when given (hard)."""
        session, model = ctx.session, ctx.model
        weights = session.preferences
        within, other_period, other_day = (
            weights.move_within_half_day,
            weights.move_to_other_period,
            weights.move_to_other_day,
        )
        halves: dict[object, str] = dict(half_days_of(session))
        levels: tuple[Level, ...] = (
            lambda date, period: (date, period),  # slots
            lambda date, period: (date, half_day_at(halves, date, period)),  # half-days
            lambda date, period: date,  # dates
        )
        before = _slots_by_activity(previous)
        changed: dict[str, cp_model.IntVar] = {}  # activity -> its slots differ
        costs: dict[str, cp_model.LinearExprT] = {}
        for a in session.activities:
            if a.id not in before:
                continue  # added since: placing it is no change
            slots, halfdays, dates = (
                _differs(ctx, a.id, before[a.id], level, name)
                for level, name in zip(levels, ("slots", "half-days", "dates"), strict=True)
            )
            model.add_implication(dates, halfdays)
            model.add_implication(halfdays, slots)
            changed[a.id] = slots
            costs[a.id] = (
                within * (slots - halfdays) + other_period * (halfdays - dates) + other_day * dates
            )
        altered = {activity: _altered(ctx, previous, activity) for activity in changed}
        scale = scales(session, previous)
        if max_changes is not None:
            ctx.add(sum_of(changed.values()) <= max_changes)
        return [
            *(PenaltyTerm(f"moved-slots[{a}]", lit, scale.count) for a, lit in changed.items()),
            *(PenaltyTerm(f"move-size[{a}]", cost, scale.size) for a, cost in costs.items()),
            *(PenaltyTerm(f"altered[{a}]", lit, 1) for a, lit in altered.items()),
        ]

    return changes


def _altered(ctx: Context, previous: Timetable, activity: str) -> cp_model.IntVar:
    """A literal that must be true unless every earlier part of the activity keeps its
    slot, start, minutes and room (moved or retimed: the lowest level of change)."""
    v, model, session = ctx.v, ctx.model, ctx.session
    altered = model.new_bool_var(f"altered[{activity}]")
    body = session.activity(activity).body
    for row in previous:
        if row.activity != activity:
            continue
        try:
            slot = session.slot(row.date, row.period)
        except KeyError:
            model.add(altered == 1)
            continue
        key = (activity, slot.index)
        room = v.room.get((body, row.room, slot.index))
        if key not in v.part or room is None:
            model.add(altered == 1)
            continue
        offset = int((row.start_at - slot.start).total_seconds() // 60)
        kept = model.new_bool_var(f"kept[{activity},{slot.label}]")
        model.add_implication(kept, v.part[key])
        model.add_implication(kept, room)
        require(model, v.start[key] == offset, kept)
        require(model, v.minutes[key] == row.minutes, kept)
        model.add_bool_or([kept, altered])
    return altered


def _differs(
    ctx: Context, activity: str, old: set[tuple[dt.date, str]], level: Level, name: str
) -> cp_model.IntVar:
    """A literal true exactly when the activity's set of `level(date, period)` differs."""
    model = ctx.model
    was = {level(date, period) for date, period in old}
    groups: dict[object, list[cp_model.IntVar]] = {}
    for s, part in ctx.v.parts_of(activity):
        groups.setdefault(level(s.date, s.period.id), []).append(part)
    changed = model.new_bool_var(f"moved-{name}[{activity}]")
    if was - set(groups):  # a former place the activity can no longer use
        model.add(changed == 1)
        return changed
    differs: list[cp_model.LiteralT] = []
    for group, parts in groups.items():
        used = _any(model, parts, f"uses[{activity},{group}]")
        differs.append(~used if group in was else used)
    for literal in differs:
        model.add_implication(literal, changed)
    model.add_bool_or([~changed, *differs])
    return changed


def _any(model: cp_model.CpModel, parts: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
    """A literal equal to the OR of `parts` (the part itself when there is one)."""
    if len(parts) == 1:
        return parts[0]
    used = model.new_bool_var(name)
    for part in parts:
        model.add_implication(part, used)
    model.add_bool_or([~used, *parts])
    return used


def _slots_by_activity(timetable: Timetable) -> dict[str, set[tuple[dt.date, str]]]:
    found: dict[str, set[tuple[dt.date, str]]] = {}
    for row in timetable:
        found.setdefault(row.activity, set()).add((row.date, row.period))
    return found
