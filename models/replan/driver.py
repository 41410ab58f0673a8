"""The two-phase re-plan: fewest changes first, then the session's preferences.

The model is the session's (`SessionModel`) with two modules more: `pinned` (`models.replan.pins`)
and `changes` (`models.replan.changes`), its bounds (`models.bounds`) kept. The first phase
minimises the change terms, hinted with the earlier timetable; the second holds them at the value
found and minimises the preferences, hinted with the first phase's timetable. Pinned rows that
break rules by themselves are refused before any model is built (`scheduler.validation.pins`).
"""

from __future__ import annotations

import dataclasses
import math
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from models.bounds import BOUNDS
from models.model import ProgressListener, SessionModel, hard_modules
from models.objective import PREFERENCE_TERMS
from models.replan.changes import change_terms, scales
from models.replan.pins import pins
from scheduler.diff import TimetableDiff, compare
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation.pins import PinConflict, pinned_conflicts


@dataclass(frozen=True)
class ReplanResult:
    """What a re-plan returns: the new timetable's solve and how it differs from before."""

    result: SolveResult  # the final solve: status, timetable, preference objective and bound
    changes: TimetableDiff | None  # earlier -> new timetable, when there is one
    change_count: int | None  # activities moved (== changes.count)
    change_cost: int | None  # their sizes weighed by the move_* preferences
    count_bound: int | None  # proven: no timetable moves fewer activities
    pinned: int  # rows kept pinned
    conflicts: tuple[PinConflict, ...] = ()  # rules broken by the pinned rows alone
    explanation: str | None = None  # why there is no timetable, in a sentence

    @property
    def status(self) -> SolveStatus:
        return self.result.status

    @property
    def proven_minimal(self) -> bool:
        """The change count is proven the smallest possible."""
        return self.change_count is not None and self.count_bound == self.change_count


def replan(
    session: Session,
    previous: Timetable,
    *,
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    log_path: str | Path | None = None,
    on_solution: ProgressListener | None = None,
    max_changes: int | None = None,
    exact_times: bool = True,
) -> ReplanResult:
    """Re-plan `session` keeping the pinned rows of `previous` and moving as little as possible.

    Each phase may take `time_limit` seconds (default: the session's). `max_changes` forbids
    more moves than that (to prove a count minimal: one fewer must be infeasible). When the
    pinned rows break rules by themselves, no solve is run and `conflicts` names them.
    `exact_times=False` keeps pinned rows in their slots and rooms but lets their times shift.
    The solver logs go to `log_path` (preferences phase) and `<log_path stem>-changes<suffix>`.
    """
    pinned = tuple(row for row in previous if row.pinned)
    conflicts = tuple(pinned_conflicts(session, previous))
    if conflicts:
        return ReplanResult(
            result=SolveResult(status=SolveStatus.INFEASIBLE, timetable=None),
            changes=None,
            change_count=None,
            change_cost=None,
            count_bound=None,
            pinned=len(pinned),
            conflicts=conflicts,
            explanation="the pinned rows break rules by themselves",
        )
    model = replan_model(session, previous, max_changes=max_changes, exact_times=exact_times)
    scale = scales(session, previous)
    preferences = [t for group in model.penalty_terms.values() for t in group]

    def phase(hint: Timetable, log: str | Path | None) -> SolveResult:
        model.hint(hint, rooms=True)
        return model.solve(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            log_path=log,
            on_solution=on_solution,
        )

    model.minimize(model.terms["changes"])
    first = phase(previous, _changes_log(log_path))
    if first.timetable is None or first.objective is None:
        return ReplanResult(
            result=first,
            changes=None,
            change_count=None,
            change_cost=None,
            count_bound=_count_bound(first, scale.count),
            pinned=len(pinned),
            explanation=_why_none(
                session, previous, first, max_changes, exact_times, time_limit, workers, seed
            ),
        )
    found = round(first.objective)
    model.bound(model.objective_expr(), found)
    model.minimize(preferences)
    second = phase(first.timetable, log_path)
    final = _combined(first, second, pinned)
    assert final.timetable is not None
    changes = compare(previous, final.timetable, session)
    return ReplanResult(
        result=final,
        changes=changes,
        change_count=found // scale.count,
        change_cost=found % scale.count // scale.size,
        count_bound=_count_bound(first, scale.count),
        pinned=len(pinned),
    )


def replan_model(
    session: Session,
    previous: Timetable,
    *,
    max_changes: int | None = None,
    exact_times: bool = True,
) -> SessionModel:
    """The session's model with the pinned rows of `previous` fixed (module `pinned`) and its
    changes counted (module `changes`, at most `max_changes`), and the bounds of the session's
    model (`models.bounds`: they hold in every timetable, pinned or not, and give the
    preferences' phase its bound); the objective is the session's preferences until
    `minimize` chooses the changes."""
    modules = {
        **hard_modules(),
        "pinned": pins((row for row in previous if row.pinned), exact_times=exact_times),
        "changes": change_terms(previous, max_changes=max_changes),
        **PREFERENCE_TERMS,
        **BOUNDS,
    }
    return SessionModel(session, modules)


def _count_bound(result: SolveResult, scale: int) -> int | None:
    """The proven lower bound on the change count: floor(bound / scale).

    Every timetable's objective is `scale x count + rest` with `0 <= rest < scale` and at least
    the bound, so its count is at least floor(bound / scale)."""
    if result.best_bound is None or not math.isfinite(result.best_bound):
        return None
    return math.floor(result.best_bound + 1e-6) // scale


def _combined(first: SolveResult, second: SolveResult, pinned: Iterable[Assignment]) -> SolveResult:
    """The second phase's result, optimal only when both phases are, timed over both; the
    pinned rows stay marked pinned, so the planner need not flip them again."""
    base = second if second.timetable is not None else first
    assert base.timetable is not None
    both_optimal = first.status is SolveStatus.OPTIMAL and second.status is SolveStatus.OPTIMAL
    kept = {(row.activity, row.date, row.period) for row in pinned}
    timetable = Timetable.of(
        dataclasses.replace(row, pinned=(row.activity, row.date, row.period) in kept)
        for row in base.timetable
    )
    return dataclasses.replace(
        base,
        status=SolveStatus.OPTIMAL if both_optimal else SolveStatus.FEASIBLE,
        timetable=timetable,
        wall_time=first.wall_time + second.wall_time,
        solutions=first.solutions + second.solutions,
    )


def _changes_log(log_path: str | Path | None) -> Path | None:
    if log_path is None:
        return None
    path = Path(log_path)
    return path.with_name(f"{path.stem}-changes{path.suffix}")


def _why_none(
    session: Session,
    previous: Timetable,
    result: SolveResult,
    max_changes: int | None,
    exact_times: bool,
    time_limit: float | None,
    workers: int | None,
    seed: int | None,
) -> str:
    """One sentence on why the re-plan found no timetable (trying the session without pins,
    then the pins without their times)."""
    if result.status is not SolveStatus.INFEASIBLE:
        return "no timetable found within the time limit; try a longer one"
    if max_changes is not None:
        return f"no timetable moves at most {max_changes} activities"
    if not any(row.pinned for row in previous):
        return "the session itself is infeasible: no timetable satisfies every rule"
    free = SessionModel(session).solve(time_limit=time_limit, workers=workers, seed=seed)
    if free.status is SolveStatus.INFEASIBLE:
        return "the session itself is infeasible, even with nothing pinned"
    if exact_times:
        loose = replan_model(session, previous, exact_times=False)
        if loose.solve(time_limit=time_limit, workers=workers, seed=seed).status.has_timetable:
            return (
                "no timetable keeps the pinned rows at their exact start times; one keeps "
                "their slots and rooms if their times may shift"
            )
    return (
        "no timetable keeps every pinned row in place while keeping every rule, though the "
        "pinned rows break none by themselves: unpin some rows"
    )
