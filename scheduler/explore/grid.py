"""Grids of variants: every combination of a few parameters, each named by its values.

    grid = variant_grid(cop9, budget=range(12, 21), teams=[1, 2, 3], days=[4, 5])
    grid["budget=12, teams=1, days=4"].session   # a validated Session, or None
    len(grid)                                    # 9 x 3 x 2 = 54

A parameter is one of `AXES` (budget, teams, days, parallel_cap, evening_meetings) or any
other name given as `(values, change)`, where `change(session, value)` returns the variant,
e.g. the length of the working group's meeting block:

    def wg_meetings(session, n):
        return set_duration(session, "wg-ic-10", meetings=n)

    variant_grid(cop9, budget=[12, 16], wg_meetings=([1, 2, 3], wg_meetings))

A combination that the session format refuses (a deadline on a day that was dropped) is kept
as a `Variant` with its error, so that a sweep reports it as an invalid row instead of stopping.
"""

from __future__ import annotations

import datetime as dt
import itertools
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from scheduler.errors import InputError
from scheduler.explore.variants import (
    SessionData,
    allow_evening_meetings,
    derive,
    set_budget,
    set_parallel_cap,
    set_teams,
)
from scheduler.session import Session

Change = Callable[[Session, Any], Session]


@dataclass(frozen=True)
class Variant:
    """One point of a grid: its name, its parameter values, and the session (or why none)."""

    name: str
    parameters: dict[str, Any] = field(default_factory=dict)
    session: Session | None = None
    error: str | None = None  # the session format's message when the combination is refused


def set_days(session: Session, days: int) -> Session:
    """The session on its first `days` working days, or extended by the next weekdays."""
    if days < 1:
        raise InputError("a session has at least one working day", field="days", value=days)
    current = list(session.session.days)
    if days <= len(current):
        kept = current[:days]
    else:
        closed = set(session.session.holidays)
        kept, day = list(current), current[-1]
        while len(kept) < days:
            day += dt.timedelta(days=1)
            if day.weekday() < 5 and day not in closed:
                kept.append(day)
    dropped = set(current) - set(kept)

    def change(data: SessionData) -> None:
        data["session"]["days"] = kept
        if data.get("published") is not None:
            data["published"] = [e for e in data["published"] if e["date"] not in dropped]
        for entry in (*data["items"], *data.get("meetings", [])):
            if "preferred" in entry:
                entry["preferred"] = [p for p in entry["preferred"] if p.get("date") not in dropped]

    return derive(session, change, f"{days} days")


#: The parameters a grid knows by name (the command line's `--vary` names).
AXES: dict[str, Change] = {
    "budget": set_budget,
    "teams": set_teams,
    "days": set_days,
    "parallel_cap": set_parallel_cap,
    "evening_meetings": allow_evening_meetings,
}


def variant_grid(
    base: Session, **parameters: Iterable[Any] | tuple[Iterable[Any], Change]
) -> dict[str, Variant]:
    """Every combination of the parameters' values, in order, named "budget=12, teams=1".

    Each parameter is applied in the order given. Unknown names need `(values, change)`.
    """
    axes: list[tuple[str, list[Any], Change]] = []
    for name, given in parameters.items():
        if isinstance(given, tuple) and len(given) == 2 and callable(given[1]):
            values, change = list(given[0]), given[1]
        elif name in AXES:
            values, change = list(given), AXES[name]  # type: ignore[arg-type]
        else:
            known = ", ".join(AXES)
            raise InputError(
                f"is not a known parameter ({known}); give (values, change) for another",
                field="parameter",
                value=name,
            )
        if not values:
            raise InputError("has no values", field="parameter", value=name)
        axes.append((name, values, change))
    grid: dict[str, Variant] = {}
    for combination in itertools.product(*(values for _, values, _ in axes)):
        point = {name: value for (name, _, _), value in zip(axes, combination, strict=True)}
        label = ", ".join(f"{name}={_text(value)}" for name, value in point.items()) or "base"
        grid[label] = _build(base, label, point, [change for _, _, change in axes])
    return grid


def _build(base: Session, label: str, values: dict[str, Any], changes: list[Change]) -> Variant:
    session = base
    try:
        for change, value in zip(changes, values.values(), strict=True):
            session = change(session, value)
    except InputError as exc:
        return Variant(label, values, None, exc.message)
    return Variant(label, values, session)


def _text(value: Any) -> str:
    if isinstance(value, bool):
        return "yes" if value else "no"
    return str(value)
