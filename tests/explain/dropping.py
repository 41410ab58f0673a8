"""Dropping one rule instance from a session's data, as a planner would edit the file.

The explainer drops instances inside its model; these tests drop them in the data instead and
solve again with the ordinary solver, so a wrong explanation cannot hide behind the code that
produced it. Keys are the explainer's `(rule, subject)`.
"""

from __future__ import annotations

import copy
import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from ortools.sat.python import cp_model

from models.model import SessionModel, solve_status
from scheduler.io.session_file import session_from_data
from scheduler.result import SolveStatus
from scheduler.rules import rule_instances
from scheduler.rules.subjects import DAYS, EVENINGS, holiday_key
from scheduler.session import Session
from scheduler.timetable import Timetable

Key = tuple[str, str]
Data = dict[str, Any]


def drop_rules(data: Data, keys: Iterable[Key], extra_days: Iterable[dt.date] = ()) -> Data:
    """A copy of `data` without the rule instances `keys`.

    Dropping the session's days adds `extra_days`; a budget, team count or cap is lifted by
    making it large enough never to bind.
    """
    result = copy.deepcopy(data)
    result["published"] = None
    for key in keys:
        _drop(result, key, list(extra_days))
    return result


def _entries(data: Data) -> dict[str, dict[str, Any]]:
    return {str(e["id"]): e for e in [*data["items"], *data.get("meetings", [])]}


def _body_of(entry: dict[str, Any]) -> str:
    return str(entry.get("body", "plenary"))


def _drop(data: Data, key: Key, extra_days: list[dt.date]) -> None:
    rule, subject = key
    entries = _entries(data)
    info = data["session"]
    if rule == "within-periods":
        if subject == "days":
            info["days"] = sorted({*_dates(info["days"]), *extra_days})
        elif subject == "evenings":
            info["evening_meetings"] = True
        else:
            holiday = dt.date.fromisoformat(subject.split("@")[1])
            info["holidays"] = [d for d in _dates(info.get("holidays", [])) if d != holiday]
            info["days"] = sorted({*_dates(info["days"]), holiday})
    elif rule == "interpretation-budget":
        data["interpretation"]["budget"] = 10_000
    elif rule == "interpretation-teams":
        data["interpretation"]["teams"] = 10_000
    elif rule == "parallel-cap":
        data["interpretation"]["parallel_cap"] = None
    elif rule == "agenda-order":
        next(b for b in data["bodies"] if b["id"] == subject)["order"] = "free"
    elif rule == "first-last":
        entries[subject].pop("first", None)
        entries[subject].pop("last", None)
    elif rule == "fixed-start":
        entries[subject].pop("fixed_start", None)
    elif rule == "held-on-date":
        entries[subject].pop("date", None)
        entries[subject].pop("dates", None)
    elif rule in ("earliest-start", "deadline"):
        _drop_bound(data, subject, "earliest_start" if rule == "earliest-start" else "latest_end")
    elif rule == "not-in-parallel":
        first, other = subject.split("/", 1)
        entry = entries[first]
        entry["not_in_parallel_with"] = [
            x for x in entry.get("not_in_parallel_with", []) if str(x) != other
        ]
    elif rule == "max-meetings-per-day":
        next(b for b in data["bodies"] if b["id"] == subject).pop("max_meetings_per_day", None)
    elif rule == "max-days":
        next(b for b in data["bodies"] if b["id"] == subject).pop("max_days", None)
    elif rule == "remote-capacity":
        data["interpretation"].pop("remote_teams", None)
    elif rule in ("in-parallel", "sequence"):
        first, other = subject.split("/", 1)
        field = "in_parallel_with"
        if rule == "sequence":
            other, kind = other.rsplit("@", 1)
            field = f"after_{kind}_of"
        entry = entries[first]
        entry[field] = [x for x in entry.get(field, []) if str(x) != other]
    elif rule == "no-sharing":
        entries[subject]["share"] = True
    elif rule == "no-running-on":
        entries[subject]["run_on"] = True
    elif rule == "same-room":
        entries[subject]["same_room"] = False
    elif rule == "room-closed":
        next(r for r in data["rooms"] if str(r["id"]) == subject)["closed"] = []
    else:
        raise ValueError(f"no way to drop {key}")


def _drop_bound(data: Data, activity: str, name: str) -> None:
    """Lift an activity's bound, its own and its body's; the body's stays on the others.

    A subject that names a body instead (a bound the planner set on the body) lifts the
    body's bound from all its activities; their own bounds stay.
    """
    entries = _entries(data)
    if activity not in entries:
        next(b for b in data["bodies"] if b["id"] == activity).pop(name, None)
        return
    target = entries[activity]
    target.pop(name, None)
    body = next(b for b in data["bodies"] if b["id"] == _body_of(target))
    inherited = body.pop(name, None)
    if inherited is None:
        return
    pick = max if name == "earliest_start" else min
    for entry in entries.values():
        if entry is target or _body_of(entry) != body["id"] or not _has_duration(entry):
            continue
        own = entry.get(name)
        entry[name] = inherited if own is None else pick(own, inherited)


def _has_duration(entry: dict[str, Any]) -> bool:
    return "minutes" in entry or "meetings" in entry or "minutes_per_speaker" in entry


def _dates(values: Iterable[Any]) -> list[dt.date]:
    return [v if isinstance(v, dt.date) else dt.date.fromisoformat(str(v)) for v in values]


def next_weekdays(after: dt.date, n: int) -> list[dt.date]:
    """The `n` weekdays after `after`."""
    found: list[dt.date] = []
    day = after
    while len(found) < n:
        day += dt.timedelta(days=1)
        if day.weekday() < 5:
            found.append(day)
    return found


#: CP-SAT deterministic time for each solve of these checks: the same answer on a busy
#: machine as on an idle one (COP9's solves need well under one unit).
DETERMINISTIC = 20.0


@dataclass(frozen=True)
class Decided:
    """Whether an edited session has a timetable, decided in deterministic time."""

    status: SolveStatus
    timetable: Timetable | None


def decide(session: Session, deterministic: float = DETERMINISTIC) -> Decided:
    """Solve `session` with the ordinary model for any timetable (no objective), one worker,
    seed 0, within `deterministic` units of CP-SAT's deterministic time."""
    m = SessionModel(session)
    m.clear_objective()
    solver = cp_model.CpSolver()
    solver.parameters.num_workers = 1
    solver.parameters.random_seed = 0
    solver.parameters.max_deterministic_time = deterministic
    status = solve_status(m.solve_with(solver))
    return Decided(status, m.timetable(solver.value) if status.has_timetable else None)


# --- the three checks of an explanation, shared by the independent suites -------------------

#: Weekdays a dropped "working days" rule gives: more than any of these variants could use.
MORE_DAYS = 10


def calendar_keys(session: Session) -> list[Key]:
    """The parts of the calendar that can give way, read from the session itself."""
    info = session.session
    keys = [DAYS]
    if not info.evening_meetings and any(p.evening for p in info.periods):
        keys.append(EVENINGS)
    keys.extend(holiday_key(d) for d in info.holidays)
    return keys


def more_days(session: Session) -> list[dt.date]:
    """The weekdays a dropped "working days" rule gives: those cut from inside the session
    (between its first and last day), then `MORE_DAYS` after the last one."""
    info = session.session
    taken = {*info.days, *info.holidays}
    span = (info.days[0] + dt.timedelta(days=n) for n in range((info.days[-1] - info.days[0]).days))
    inside = [d for d in span if d.weekday() < 5 and d not in taken]
    return [*inside, *next_weekdays(max(info.days), MORE_DAYS)]


def all_but(session: Session, named: Iterable[Key]) -> list[Key]:
    """Every rule instance of the session but `named`: the calendar's parts and the catalogue's."""
    keep = set(named)
    every = [*calendar_keys(session), *(i.key for i in rule_instances(session))]
    return [k for k in every if k not in keep]


def dropped(
    data: Data, session: Session, keys: Iterable[Key], deterministic: float = DETERMINISTIC
) -> tuple[Session, Decided]:
    """The session of `data` without the rule instances `keys` (ten more weekdays if the days
    go), and whether it has a timetable."""
    relaxed = session_from_data(drop_rules(data, keys, more_days(session)), file="<dropped>")
    return relaxed, decide(relaxed, deterministic)
