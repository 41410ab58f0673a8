"""What a solve returns: honest status, numbers, and the timetable when there is one."""

from __future__ import annotations

from dataclasses import dataclass, field
from enum import StrEnum

from scheduler.timetable import Timetable


class SolveStatus(StrEnum):
    OPTIMAL = "optimal"  # proven best
    FEASIBLE = "feasible"  # a timetable, not proven best (see gap)
    INFEASIBLE = "infeasible"  # proven: no timetable satisfies the hard rules
    UNKNOWN = "unknown"  # time ran out with no timetable
    INVALID = "invalid"  # the model itself was rejected (a bug, never the planner's fault)

    @property
    def has_timetable(self) -> bool:
        return self in (SolveStatus.OPTIMAL, SolveStatus.FEASIBLE)


@dataclass(frozen=True)
class SolveResult:
    """The outcome of one solve."""

    status: SolveStatus
    timetable: Timetable | None
    objective: float | None = None
    best_bound: float | None = None
    wall_time: float = 0.0  # seconds spent in the solver
    build_time: float = 0.0  # seconds spent building the model
    solutions: int = 0  # timetables found during search
    workers: int = 0
    seed: int = 0
    penalties: dict[str, int] = field(default_factory=dict)  # preference name -> cost paid
    model_stats: dict[str, int] = field(default_factory=dict)  # variables, constraints
    interleaved: bool = False  # several workers in deterministic batches (a seed was given)
    #: Seconds into the search when the first timetable came (None: none came, or not solved).
    first_solution_time: float | None = None
    #: The relative gap the search was asked to stop at (None: only the time limit stops it).
    gap_limit: float | None = None

    @property
    def reproducible(self) -> str | None:
        """None when the same run gives this result again; else why it may not (see
        docs/RELIABILITY.md)."""
        if self.status not in (SolveStatus.OPTIMAL, SolveStatus.INFEASIBLE):
            if self.stopped_at_gap:
                return "stopped at the gap limit"
            return "stopped by the time limit"
        if self.workers > 1 and not self.interleaved:
            return "several workers without --seed"
        return None

    @property
    def stopped_at_gap(self) -> bool:
        """Whether the search ended because the gap reached the limit asked for (`--gap`)."""
        gap, limit = self.gap, self.gap_limit
        if self.status is not SolveStatus.FEASIBLE or gap is None or limit is None:
            return False
        return gap <= limit

    @property
    def gap(self) -> float | None:
        """Relative gap between objective and bound (0 when optimal)."""
        if self.objective is None or self.best_bound is None:
            return None
        if self.objective == 0:
            return 0.0
        return abs(self.objective - self.best_bound) / abs(self.objective)
