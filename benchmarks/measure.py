"""One measured solve, run in a process of its own so that its peak memory is its own.

The solver's search log gives every improving timetable and every improved bound with its
time; from them come the time to the first timetable and the gap at each checkpoint (10 s
and 60 s), all from one solve.
"""

from __future__ import annotations

import math
import re
import resource
import tempfile
import time
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any

#: `#3  1.25s best:51 next:[40,50] ...` (a timetable) or `#Bound 2.10s best:51 next:[42,50]`.
_LOG_LINE = re.compile(
    r"^#(?P<kind>\d+|Bound|Done)\s+(?P<time>[\d.]+)s\s+best:(?P<best>\S+)"
    r"(?:\s+next:\[(?P<low>[^,\]]+),?(?P<high>[^\]]*)\])?"
)


@dataclass(frozen=True)
class Event:
    time: float  # seconds since the solve started
    objective: float | None  # best timetable so far (None: none yet)
    bound: float | None  # best proven bound so far


@dataclass
class Measurement:
    case: str
    workers: int
    time_limit: float
    activities: int
    placements: int
    variables: int
    constraints: int
    load_s: float  # reading and validating the session file
    build_s: float  # building the CP-SAT model
    first_s: float | None  # solver time to the first timetable
    optimal_s: float | None  # solver time to proven optimality
    solve_s: float  # solver wall time
    status: str
    objective: float | None
    bound: float | None
    gaps: dict[str, float | None]  # checkpoint (s) -> relative gap then
    solutions: int
    meetings: int  # meetings of the timetable found
    valid: bool | None  # the independent validator's verdict on it
    peak_mb: float

    def as_dict(self) -> dict[str, Any]:
        return asdict(self)


def gap(objective: float | None, bound: float | None) -> float | None:
    """Relative gap, as `SolveResult.gap` computes it (0 when the objective is 0)."""
    if objective is None or bound is None or math.isinf(bound):
        return None
    if objective == 0:
        return 0.0 if bound == 0 else abs(bound)
    return abs(objective - bound) / abs(objective)


def parse_log(text: str) -> list[Event]:
    """Timetables and bounds over time, from a CP-SAT search log."""
    events: list[Event] = []
    for line in text.splitlines():
        match = _LOG_LINE.match(line.strip())
        if not match:
            continue
        best = _number(match["best"])
        low = _number(match["low"]) if match["low"] else None
        events.append(Event(float(match["time"]), best, low))
    return events


def _number(text: str) -> float | None:
    try:
        value = float(text)
    except ValueError:
        return None
    return None if math.isinf(value) else value


def state_at(events: list[Event], moment: float) -> tuple[float | None, float | None]:
    """Best objective and best bound known at `moment` seconds."""
    objective = bound = None
    for event in events:
        if event.time > moment:
            break
        if event.objective is not None:
            objective = event.objective if objective is None else min(objective, event.objective)
        if event.bound is not None:
            bound = event.bound if bound is None else max(bound, event.bound)
    return objective, bound


def measure(
    case: str,
    path: Path,
    workers: int,
    time_limit: float,
    checkpoints: tuple[float, ...],
    seed: int | None = None,
    start: bool | None = None,
) -> Measurement:
    """One solve of a case as `schedule solve` runs it: by default without a seed, the
    search a planner gets (a seed makes a search of several workers reproducible by
    interleaving them, a slower search on the large sessions: `models/parameters.py`)."""
    from models import SessionModel
    from scheduler.io.session_file import load_session
    from scheduler.validation import validate

    began = time.perf_counter()
    session = load_session(path)
    load_s = time.perf_counter() - began
    model = SessionModel(session)
    first: list[float] = []
    with tempfile.TemporaryDirectory() as folder:
        log = Path(folder) / "search.log"
        result = model.solve(
            time_limit=time_limit,
            workers=workers,
            seed=seed,
            log_path=log,
            on_solution=lambda p: first.append(p.elapsed) if not first else None,
            start=start,  # the first fit: by size (None), always, never
        )
        events = parse_log(log.read_text(encoding="utf-8"))
    optimal = result.status.value == "optimal"
    gaps: dict[str, float | None] = {}
    counted = None if model.counted is None else model.counted.bound  # `models.count_bound`
    for moment in checkpoints:
        if optimal and result.wall_time <= moment:
            gaps[f"{moment:g}"] = 0.0
        elif result.wall_time <= moment:  # stopped earlier without proof: the final state
            gaps[f"{moment:g}"] = gap(result.objective, result.best_bound)
        else:
            objective, bound = state_at(events, moment)
            if counted is not None:  # proven before the search: the log's bound leaves it out
                bound = counted if bound is None else max(bound, counted)
            gaps[f"{moment:g}"] = gap(objective, bound)
    valid = None
    meetings = 0
    if result.timetable is not None:
        valid = validate(session, result.timetable).ok
        meetings = len(result.timetable.meetings())
    from benchmarks.suite import placements

    return Measurement(
        case=case,
        workers=workers,
        time_limit=time_limit,
        activities=len(session.activities),
        placements=placements(session),
        variables=result.model_stats.get("variables", 0),
        constraints=result.model_stats.get("constraints", 0),
        load_s=load_s,
        build_s=result.build_time,
        first_s=first[0] if first else None,
        optimal_s=result.wall_time if optimal else None,
        solve_s=result.wall_time,
        status=result.status.value,
        objective=result.objective,
        bound=result.best_bound,
        gaps=gaps,
        solutions=result.solutions,
        meetings=meetings,
        valid=valid,
        peak_mb=resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024,  # KiB on Linux
    )
