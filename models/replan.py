"""Pin and re-plan: the smallest change to a published timetable that absorbs a new fact.

The planner gives the session as it now is and an earlier timetable (its `Assignments` sheet,
perhaps edited by hand). Rows marked `pinned` stay exactly where they are: same slot, room,
start and minutes. Everything else may move, and the objective is lexicographic:

1. the fewest changes: activities whose set of slots differs from before (`scheduler.diff`);
2. among those, the smallest: each move weighs `preferences.move_within_half_day`,
   `move_to_other_period` or `move_to_other_day` by its size;
3. then the fewest activities retimed (same slots, other start, minutes or room);
4. then the usual preferences of the session.

Levels 1 to 3 are one objective, each level weighted above the largest possible sum of the
levels below it; level 4 is a second solve in which that objective is held at the value found. Two
solves rather than one weighted sum: a single objective would need a weight above the largest
preference cost, which makes CP-SAT's bound and gap meaningless for the planner; in two phases
the first phase's bound is a proof on its own ("no timetable changes fewer than k
activities"), and each phase keeps its own time limit. The earlier timetable is the first
phase's hint (parts, minutes and rooms), the first phase's timetable the second's.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import math
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from ortools.sat.python import cp_model

from models.context import sum_of
from models.model import ProgressListener, SessionModel
from models.objective import PenaltyTerm
from scheduler.diff import TimetableDiff, compare, half_day
from scheduler.result import SolveResult, SolveStatus
from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation import Finding, validate

Level = Callable[[dt.date, str], object]  # (date, period id) -> what a change compares

#: Rules whose findings on the pinned rows alone hold for every timetable that keeps them: a
#: rule broken among pinned rows stays broken whatever is added. (`full-duration`,
#: `consecutive-meetings` and `fixed-start` speak of whole activities; they are checked on
#: pinned rows by `_row_conflicts` as far as rows alone can break them.)
PIN_RULES: tuple[str, ...] = tuple(
    r for r in HARD_RULE_NAMES if r not in {"full-duration", "consecutive-meetings", "fixed-start"}
)


@dataclass(frozen=True)
class PinConflict:
    """A rule that the pinned rows break by themselves, and the pinned rows concerned."""

    finding: Finding
    rows: tuple[Assignment, ...]

    @property
    def rule(self) -> str:
        return self.finding.rule

    def text(self, lang: str = "en") -> str:
        rows = "; ".join(_row_label(r) for r in self.rows)
        return f"{self.finding.text(lang)} [pinned: {rows}]" if rows else self.finding.text(lang)


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
    model = ReplanModel(session, previous, max_changes=max_changes, exact_times=exact_times)

    def phase(hint: Timetable, log: str | Path | None) -> SolveResult:
        return model.solve(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            log_path=log,
            on_solution=on_solution,
            hint=hint,
        )

    model.model.minimize(model.change_objective)
    first = phase(previous, _changes_log(log_path))
    if first.timetable is None or first.objective is None:
        return ReplanResult(
            result=first,
            changes=None,
            change_count=None,
            change_cost=None,
            count_bound=_count_bound(first, model.count_scale),
            pinned=len(pinned),
            explanation=_why_none(
                session, previous, first, max_changes, exact_times, time_limit, workers, seed
            ),
        )
    found = round(first.objective)
    model.model.add(model.change_objective <= found)
    model.model.minimize(model.preference_objective)
    second = phase(first.timetable, log_path)
    final = _combined(first, second, pinned)
    assert final.timetable is not None
    changes = compare(previous, final.timetable, session)
    return ReplanResult(
        result=final,
        changes=changes,
        change_count=found // model.count_scale,
        change_cost=found % model.count_scale // model.size_scale,
        count_bound=_count_bound(first, model.count_scale),
        pinned=len(pinned),
    )


class ReplanModel(SessionModel):
    """The session's model, plus the pinned rows fixed and a literal per possible change.

    `change_objective` is `count_scale x changes + size_scale x sizes + altered`, three levels
    of change in lexicographic order (see `_altered`); `preference_objective` the session's own.
    """

    def __init__(
        self,
        session: Session,
        previous: Timetable,
        *,
        max_changes: int | None = None,
        exact_times: bool = True,
    ) -> None:
        self.previous = previous
        self.max_changes = max_changes
        self.exact_times = exact_times
        self.changed: dict[str, cp_model.IntVar] = {}  # activity -> its slots differ
        self.change_count: cp_model.LinearExpr = sum_of([])
        self.change_objective: cp_model.LinearExpr = sum_of([])
        self.preference_objective: cp_model.LinearExpr = sum_of([])
        self.size_scale = 1
        self.count_scale = 1
        super().__init__(session)

    def _add_constraints(self) -> None:
        super()._add_constraints()
        self._pin(row for row in self.previous if row.pinned)
        self._changes()

    def _add_objective(self) -> dict[str, list[PenaltyTerm]]:
        terms = super()._add_objective()
        self.preference_objective = sum_of(
            t.weight * t.expr for group in terms.values() for t in group
        )
        return terms

    def _pin(self, rows: Iterable[Assignment]) -> None:
        """Hard: a pinned row keeps its slot and room, and its start and minutes when
        `exact_times`."""
        v, model = self.variables, self.model
        for row in rows:
            slot = self.session.slot(row.date, row.period)  # known: see pinned_conflicts
            key = (row.activity, slot.index)
            if key not in v.part:  # a slot the rules leave no room for: infeasible, as it is
                model.add_bool_or([])
                continue
            model.add(v.part[key] == 1)
            if self.exact_times:
                _require(model, v.minutes[key] == row.minutes)
                offset = int((row.start_at - slot.start).total_seconds() // 60)
                _require(model, v.start[key] == offset)
            body = self.session.activity(row.activity).body
            room = v.room.get((body, row.room, slot.index))
            if room is None:
                model.add_bool_or([])
            else:
                model.add(room == 1)

    def _changes(self) -> None:
        """`changed[a]` and the size of each move, exactly as `scheduler.diff` counts them."""
        weights = self.session.preferences
        within, other_period, other_day = (
            weights.move_within_half_day,
            weights.move_to_other_period,
            weights.move_to_other_day,
        )
        halves = {p.id: half_day(p) for p in self.session.session.periods}
        levels: tuple[Level, ...] = (
            lambda date, period: (date, period),  # slots
            lambda date, period: (date, halves.get(period, period)),  # half-days
            lambda date, period: date,  # dates
        )
        before = _slots_by_activity(self.previous)
        costs: list[cp_model.LinearExprT] = []
        for a in self.session.activities:
            if a.id not in before:
                continue  # added since: placing it is no change
            slots, halfdays, dates = (
                self._differs(a.id, before[a.id], level, name)
                for level, name in zip(levels, ("slots", "half-days", "dates"), strict=True)
            )
            self.model.add_implication(dates, halfdays)
            self.model.add_implication(halfdays, slots)
            self.changed[a.id] = slots
            costs.append(
                within * (slots - halfdays) + other_period * (halfdays - dates) + other_day * dates
            )
        altered = [self._altered(activity) for activity in self.changed]
        # Lexicographic: each level weighs more than the largest sum of the levels below it.
        self.size_scale = len(altered) + 1
        self.count_scale = self.size_scale * (
            len(self.changed) * max(within, other_period, other_day) + 1
        )
        self.change_count = sum_of(self.changed.values())
        self.change_objective = (
            self.count_scale * self.change_count + self.size_scale * sum_of(costs) + sum_of(altered)
        )
        if self.max_changes is not None:
            self.model.add(self.change_count <= self.max_changes)

    def _altered(self, activity: str) -> cp_model.IntVar:
        """A literal that must be true unless every earlier part of the activity keeps its
        slot, start, minutes and room (moved or retimed: the lowest level of change)."""
        v, model = self.variables, self.model
        altered = model.new_bool_var(f"altered[{activity}]")
        body = self.session.activity(activity).body
        for row in self.previous:
            if row.activity != activity:
                continue
            try:
                slot = self.session.slot(row.date, row.period)
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
            _require(model, v.start[key] == offset, kept)
            _require(model, v.minutes[key] == row.minutes, kept)
            model.add_bool_or([kept, altered])
        return altered

    def _differs(
        self, activity: str, old: set[tuple[dt.date, str]], level: Level, name: str
    ) -> cp_model.IntVar:
        """A literal true exactly when the activity's set of `level(date, period)` differs."""
        v, model = self.variables, self.model
        was = {level(date, period) for date, period in old}
        groups: dict[object, list[cp_model.IntVar]] = {}
        for s in v.slots[activity]:
            groups.setdefault(level(s.date, s.period.id), []).append(v.part[(activity, s.index)])
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

    def _hint(self, timetable: Timetable) -> None:
        """The parts and minutes (see `SessionModel`), and the rooms of the earlier timetable."""
        super()._hint(timetable)
        v = self.variables
        rooms: dict[tuple[str, int], str] = {}
        for row in timetable:
            try:
                rooms[(row.body, self.session.slot(row.date, row.period).index)] = row.room
            except KeyError:
                continue
        for (body, room, index), var in v.room.items():
            if var is v.held.get((body, index)):
                continue  # a one-room body: its room is its meeting, hinted by the parts
            self.model.add_hint(var, rooms.get((body, index)) == room)


def pinned_conflicts(session: Session, previous: Timetable) -> list[PinConflict]:
    """The rules the pinned rows break by themselves, with the pinned rows concerned.

    Rows naming an unknown activity or slot, pinned parts longer than their activity, and
    every finding of the validator on the pinned rows for the rules of `PIN_RULES`.
    """
    pinned = [row for row in previous if row.pinned]
    conflicts = _row_conflicts(session, pinned)
    known = [
        row
        for row in pinned
        if row.activity in {a.id for a in session.activities}
        and (row.date, row.period) in {(s.date, s.period.id) for s in session.slots}
    ]
    report = validate(session, Timetable.of(known))
    for finding in report.findings:
        if finding.rule not in PIN_RULES:
            continue
        rows = tuple(r for r in known if r.activity in finding.activities) or tuple(known)
        conflicts.append(PinConflict(finding, rows))
    return conflicts


def _row_conflicts(session: Session, pinned: list[Assignment]) -> list[PinConflict]:
    conflicts: list[PinConflict] = []
    slots = {(s.date, s.period.id) for s in session.slots}
    activities = {a.id: a for a in session.activities}
    for row in pinned:
        if row.activity not in activities:
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{row.activity} is pinned but is not an activity of the session",
                    f"{row.activity} est épinglé mais n'est pas une activité de la session",
                    [row],
                )
            )
        elif row.body != activities[row.activity].body:
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{row.activity} is pinned in a meeting of {row.body}, but belongs to "
                    f"{activities[row.activity].body}",
                    f"{row.activity} est épinglé dans une séance de {row.body}, mais relève de "
                    f"{activities[row.activity].body}",
                    [row],
                )
            )
        elif (row.date, row.period) not in slots:
            conflicts.append(
                _conflict(
                    "within-periods",
                    f"{row.activity} is pinned to {row.date} {row.period}, not a slot of the "
                    "session",
                    f"{row.activity} est épinglé le {row.date} {row.period}, hors des créneaux "
                    "de la session",
                    [row],
                )
            )
    for activity in activities.values():
        rows = [r for r in pinned if r.activity == activity.id]
        if not rows:
            continue
        for row in rows:
            if activity.date is not None and row.date != activity.date:
                conflicts.append(
                    _conflict(
                        "fixed-start",
                        f"{activity.id} is held on {activity.date} but pinned on {row.date}",
                        f"{activity.id} se tient le {activity.date} mais est épinglé le {row.date}",
                        [row],
                    )
                )
            elif activity.fixed_start is not None and row.start_at < activity.fixed_start:
                conflicts.append(
                    _conflict(
                        "fixed-start",
                        f"{activity.id} starts at {activity.fixed_start:%Y-%m-%d %H:%M} but is "
                        f"pinned at {row.start_at:%Y-%m-%d %H:%M}",
                        f"{activity.id} commence le {activity.fixed_start:%Y-%m-%d %H:%M} mais "
                        f"est épinglé le {row.start_at:%Y-%m-%d %H:%M}",
                        [row],
                    )
                )
        if activity.whole_meetings and len(rows) > (activity.meetings or 0):
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{activity.id} has {len(rows)} pinned meetings but needs {activity.meetings}",
                    f"{activity.id} a {len(rows)} séances épinglées pour {activity.meetings}",
                    rows,
                )
            )
        elif activity.minutes is not None and sum(r.minutes for r in rows) > activity.minutes:
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{activity.id} has {sum(r.minutes for r in rows)} pinned minutes but lasts "
                    f"{activity.minutes}",
                    f"{activity.id} a {sum(r.minutes for r in rows)} minutes épinglées pour une "
                    f"durée de {activity.minutes}",
                    rows,
                )
            )
    return conflicts


def _conflict(rule: str, en: str, fr: str, rows: list[Assignment]) -> PinConflict:
    finding = Finding(rule, en, fr, activities=tuple(dict.fromkeys(r.activity for r in rows)))
    return PinConflict(finding, tuple(rows))


def _row_label(row: Assignment) -> str:
    return f"{row.activity} {row.date:%Y-%m-%d} {row.period} {row.start:%H:%M}-{row.end:%H:%M}"


def _slots_by_activity(timetable: Timetable) -> dict[str, set[tuple[dt.date, str]]]:
    found: dict[str, set[tuple[dt.date, str]]] = {}
    for row in timetable:
        found.setdefault(row.activity, set()).add((row.date, row.period))
    return found


def _any(model: cp_model.CpModel, parts: list[cp_model.IntVar], name: str) -> cp_model.IntVar:
    """A literal equal to the OR of `parts` (the part itself when there is one)."""
    if len(parts) == 1:
        return parts[0]
    used = model.new_bool_var(name)
    for part in parts:
        model.add_implication(part, used)
    model.add_bool_or([~used, *parts])
    return used


def _require(
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
        loose = ReplanModel(session, previous, exact_times=False)
        if loose.solve(time_limit=time_limit, workers=workers, seed=seed).status.has_timetable:
            return (
                "no timetable keeps the pinned rows at their exact start times; one keeps "
                "their slots and rooms if their times may shift"
            )
    return (
        "no timetable keeps every pinned row in place while keeping every rule, though the "
        "pinned rows break none by themselves: unpin some rows"
    )
