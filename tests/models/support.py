"""Helpers for the model's tests: solve a variant of the tiny session and check what came out."""

from __future__ import annotations

import datetime as dt
from typing import Any

from models import SessionModel
from scheduler.result import SolveResult
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import preference_costs, validate
from tests.conftest import make_session, tiny_data

MON, TUE = dt.date(2030, 3, 4), dt.date(2030, 3, 5)  # the tiny session's two days


def broken_rules(session: Session, timetable: Timetable) -> list[tuple[str, str]]:
    """Every (rule, message) the independent validator finds; empty when every rule holds."""
    return [(f.rule, f.text("en")) for f in validate(session, timetable).findings]


def cost(session: Session, timetable: Timetable) -> dict[str, int]:
    """The timetable's weighted cost per preference, as the validator recomputes it."""
    return preference_costs(session, timetable)


def solve_data(data: dict[str, Any], **model_options: Any) -> tuple[Session, SolveResult]:
    """Solve session data (1 worker, fixed seed); any timetable must pass the rule check.

    Rules with a dropped instance are left out of the check: the timetable may break them.
    """
    session = make_session(data)
    result = SessionModel(session, **model_options).solve(workers=1, seed=7, time_limit=20)
    lifted = {rule for rule, _ in model_options.get("dropped", ())}
    if result.timetable is not None:
        assert [f for f in broken_rules(session, result.timetable) if f[0] not in lifted] == []
        assert cost(session, result.timetable) == result.penalties
        assert sum(result.penalties.values()) == result.objective
    return session, result


def tiny(**changes: Any) -> dict[str, Any]:
    """The tiny session's data with top-level sections updated."""
    data = tiny_data()
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(data.get(key), dict):
            data[key].update(value)
        else:
            data[key] = value
    return data


def item(data: dict[str, Any], item_id: str) -> dict[str, Any]:
    """The mutable entry of an item or meeting, by id."""
    for entry in data["items"] + data.get("meetings", []):
        if str(entry["id"]) == item_id:
            return entry  # type: ignore[no-any-return]
    raise KeyError(item_id)


def parts(result: SolveResult, activity: str) -> list[Assignment]:
    assert result.timetable is not None
    return result.timetable.parts_of(activity)


def slots(result: SolveResult, activity: str) -> list[tuple[dt.date, str]]:
    """(date, period) of each part, in time order."""
    return [(p.date, p.period) for p in parts(result, activity)]


def at(date: dt.date, clock: str) -> dt.datetime:
    hours, minutes = map(int, clock.split(":"))
    return dt.datetime.combine(date, dt.time(hours, minutes))
