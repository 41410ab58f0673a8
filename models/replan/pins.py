"""Pinned rows as a hard model module: what the planner pinned stays exactly where it is."""

from __future__ import annotations

from collections.abc import Iterable

from ortools.sat.python import cp_model

from models.context import Context, Module, PenaltyTerm
from scheduler.timetable import Assignment


def pins(rows: Iterable[Assignment], *, exact_times: bool = True) -> Module:
    """The module keeping `rows` in place (see `pinned`); the rows are taken as given."""
    kept = tuple(rows)

    def pinned(ctx: Context) -> list[PenaltyTerm]:
        """Hard: a pinned row keeps its slot and room, and its start and minutes when
        `exact_times`.

        Rows are known to name an activity and a slot of the session (the check layer's
        `scheduler.validation.pins` refuses the others before any model is built).
        """
        v, model, session = ctx.v, ctx.model, ctx.session
        for row in kept:
            slot = session.slot(row.date, row.period)
            key = (row.activity, slot.index)
            if key not in v.part:  # a slot the rules leave no room for: infeasible, as it is
                model.add_bool_or([])
                continue
            model.add(v.part[key] == 1)
            if exact_times:
                require(model, v.minutes[key] == row.minutes)
                offset = int((row.start_at - slot.start).total_seconds() // 60)
                require(model, v.start[key] == offset)
            body = session.activity(row.activity).body
            room = v.room.get((body, row.room, slot.index))
            if room is None:
                model.add_bool_or([])
            else:
                model.add(room == 1)
        return []

    return pinned


def require(
    model: cp_model.CpModel,
    bounded: cp_model.BoundedLinearExpression | bool,
    when: cp_model.LiteralT | None = None,
) -> None:
    """Add a linear constraint (enforced only `when` given); one that folded to a constant
    holds, or is infeasible (then `when` must be false)."""
    if isinstance(bounded, bool):
        if not bounded:
            model.add_bool_or([] if when is None else [~when])
        return
    constraint = model.add(bounded)
    if when is not None:
        constraint.only_enforce_if(when)
