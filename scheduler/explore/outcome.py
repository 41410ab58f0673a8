"""`solve` for analysts: one call gives the timetable, its check and, if none, the reason.

An `Outcome` gathers what a notebook asks of one solve: the status and numbers, the timetable
as pandas tables (the `Assignments` and `Meetings` sheets), the independent validator's
findings, the explanation when the session is infeasible, and the workbook. pandas is imported
by the tables, when one is asked for: a sweep's worker solves without it.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from pathlib import Path
from typing import TYPE_CHECKING, Any

from scheduler.pipeline import Explaining, Run, Settings, Targets, plan, publish
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Session
from scheduler.timetable import ASSIGNMENT_COLUMNS, Timetable
from scheduler.validation import Report
from scheduler.validation.findings import FINDING_COLUMNS

if TYPE_CHECKING:
    import pandas as pd
    from matplotlib.figure import Figure

    from models.explain import Explanation

#: Columns of `Outcome.meetings`: one row per meeting (a body sitting in a slot).
MEETING_COLUMNS: tuple[str, ...] = (
    "date",
    "period",
    "body",
    "number",
    "room",
    "interpreted",
    "activities",
)


@dataclass(frozen=True, repr=False)
class Outcome:
    """The result of solving one session (or variant), ready for pandas and pictures.

    `status` is "optimal", "feasible" (time ran out before a proof), "infeasible" (proven:
    no timetable keeps every hard rule), "unknown" (time ran out with no timetable) or
    "invalid". Without a timetable the tables are empty and the counts are None.
    """

    name: str
    session: Session
    result: SolveResult  # the solver's own result (see `scheduler.result`)
    validation: Report | None  # the independent validator's report, when there is a timetable
    explanation: Explanation | None = None  # from `models.explain`, when infeasible

    # --- the solve -----------------------------------------------------------------------

    @property
    def status(self) -> SolveStatus:
        """optimal, feasible, infeasible, unknown or invalid (compares equal to the text)."""
        return self.result.status

    @property
    def objective(self) -> float | None:
        """Total preference cost of the timetable (docs/RULES.md), None without one."""
        return self.result.objective

    @property
    def best_bound(self) -> float | None:
        """No timetable costs less than this (equal to `objective` when optimal)."""
        return self.result.best_bound

    @property
    def gap(self) -> float | None:
        """Relative distance between objective and bound: 0 when proven optimal."""
        return self.result.gap

    @property
    def solve_time(self) -> float:
        """Seconds in the solver (model building excluded)."""
        return self.result.wall_time

    @property
    def timetable(self) -> Timetable | None:
        """The timetable itself (see `scheduler.timetable`), None without one."""
        return self.result.timetable

    @property
    def ok(self) -> bool:
        """A timetable that the validator finds keeping every hard rule."""
        return self.validation is not None and self.validation.ok

    # --- tables --------------------------------------------------------------------------

    @property
    def assignments(self) -> pd.DataFrame:
        """The timetable, one row per part of an activity: the `Assignments` sheet's columns."""
        import pandas as pd

        if self.timetable is None:
            return pd.DataFrame(columns=list(ASSIGNMENT_COLUMNS))
        return self.timetable.to_frame()

    @property
    def meetings(self) -> pd.DataFrame:
        """One row per meeting: date, period, body, its number, room, interpreted, activities."""
        import pandas as pd

        rows = [
            {
                "date": pd.Timestamp(m.date),
                "period": m.period,
                "body": m.body,
                "number": m.number,
                "room": m.room,
                "interpreted": m.interpreted,
                "activities": ", ".join(dict.fromkeys(m.activities)),
            }
            for m in (self.timetable.meetings() if self.timetable is not None else [])
        ]
        return pd.DataFrame(rows, columns=list(MEETING_COLUMNS))

    @property
    def findings(self) -> pd.DataFrame:
        """Broken hard rules found by the validator (none for a solver timetable)."""
        import pandas as pd

        if self.validation is None:
            return pd.DataFrame(columns=list(FINDING_COLUMNS))
        return self.validation.to_frame()

    # --- counts --------------------------------------------------------------------------

    @property
    def interpreted_meetings(self) -> int | None:
        """Interpreted meetings used (to compare with `session.interpretation.budget`)."""
        return self.timetable.interpreted_meetings() if self.timetable is not None else None

    @property
    def days_used(self) -> int | None:
        """Working days (pre-session days apart) with at least one meeting."""
        if self.timetable is None:
            return None
        return len(self.dates_used)

    @property
    def dates_used(self) -> list[dt.date]:
        """The working days with at least one meeting, in order."""
        if self.timetable is None:
            return []
        days = set(self.session.session.days)
        return sorted({a.date for a in self.timetable if a.date in days})

    @property
    def carried_over(self) -> list[str]:
        """Agenda items taken in more than one meeting ("(continued)"), in agenda order."""
        if self.timetable is None:
            return []
        carried = set(self.timetable.carried_over())
        return [a.id for a in self.session.activities if a.id in carried and not a.whole_meetings]

    def slots_of(self, activity: str) -> list[tuple[dt.date, str]]:
        """The (date, period) slots in which an activity is taken, in time order."""
        if self.timetable is None:
            return []
        return list(dict.fromkeys((p.date, p.period) for p in self.timetable.parts_of(activity)))

    def summary(self) -> dict[str, Any]:
        """The numbers of one row of `compare_variants` (moves apart)."""
        return {
            "status": str(self.status),
            "days_used": self.days_used,
            "interpreted_meetings": self.interpreted_meetings,
            "interpretation_budget": self.session.interpretation.budget,
            "carried_over": len(self.carried_over) if self.timetable is not None else None,
            "objective": self.objective,
            "best_bound": self.best_bound,
            "solve_time": round(self.solve_time, 3),
        }

    def alternatives(self, activity: str, time_limit: float = 10.0) -> pd.DataFrame:
        """Where else `activity` could start, against this timetable: one row per slot, with
        its verdict (current, possible, impossible, unknown), the objective it would cost, the
        change of each preference, and the rules that forbid it (`schedule why`)."""
        import pandas as pd

        from models.alternatives import alternatives
        from scheduler.validation import preference_costs

        timetable = self._timetable_or_error()
        found = alternatives(
            self.session,
            activity,
            timetable=timetable,
            base_costs=preference_costs(self.session, timetable),
            time_limit=time_limit,
        )
        rows = [
            {
                "date": c.slot.date,
                "period": c.slot.period.id,
                "verdict": c.verdict,
                "objective": c.objective,
                "change": (c.objective - found.base_objective)
                if c.objective is not None and found.base_objective is not None
                else None,
                **{f"delta {name}": c.delta.get(name, 0) for name in found.base_costs},
                "breaks": "; ".join(i.text() for i in c.breaks),
            }
            for c in found.choices
        ]
        return pd.DataFrame(rows)

    # --- outputs -------------------------------------------------------------------------

    def plot(self, **options: Any) -> Figure:
        """The timetable as a grid (see `scheduler.plots.plot_timetable` for `options`)."""
        from scheduler.plots import plot_timetable

        options.setdefault("variant", self.name)
        return plot_timetable(self.session, self._timetable_or_error(), **options)

    def to_workbook(self, path: str | Path, lang: str = "en") -> Path:
        """Write the timetable workbook (annex, Assignments, Meetings, Solve sheets)."""
        run = Run(
            session=self.session,
            timetable=self._timetable_or_error(),
            result=self.result,
            validation=self.validation,
        )
        (written,) = publish(run, Targets(lang=lang, workbook=Path(path)))
        return written

    def _timetable_or_error(self) -> Timetable:
        if self.timetable is None:
            raise ValueError(f"{self.name}: no timetable ({self.status})")
        return self.timetable

    def __repr__(self) -> str:
        numbers = f", objective {self.objective:g}" if self.objective is not None else ""
        return f"<Outcome {self.name!r}: {self.status}{numbers}>"


def solve(
    session: Session,
    *,
    name: str = "session",
    time_limit: float | None = None,
    workers: int | None = None,
    seed: int | None = None,
    hint: Timetable | None = None,
    explain: bool = True,
) -> Outcome:
    """Solve a session, check the timetable with the validator, explain an infeasibility.

    Unset solver settings come from the session's `solver:` block. For quick, repeatable
    answers in a notebook give `workers=1` and a short `time_limit`. `explain=False` skips
    the explanation of an infeasible session (it costs more solves).
    """
    settings = Settings(
        time_limit=time_limit,
        workers=workers,
        seed=seed,
        hint=hint,
        precheck=False,  # always search, even when counting proves it vain
        explaining=Explaining(workers=workers, seed=seed) if explain else None,
    )
    run = plan(session, settings=settings)
    assert run.result is not None  # planned, not given
    return Outcome(
        name=name,
        session=session,
        result=run.result,
        validation=run.validation,
        explanation=run.explanation,
    )
