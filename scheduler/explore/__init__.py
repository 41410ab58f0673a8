"""Exploring "what if" questions in Python: variants, their solves, and a comparison.

    from scheduler import load_session, bundled_session_path, solve, drop_day
    cop9 = load_session(bundled_session_path())
    outcome = solve(drop_day(cop9, "2018-10-19"), name="four days", workers=1, time_limit=10)
    outcome.status            # 'infeasible'

Variants (`variants`) are new, validated sessions; `solve` (`outcome`) returns an `Outcome`
with pandas tables; `compare_variants` (`comparison`) puts many outcomes in one DataFrame.
Sweeps: `variant_grid` (`grid`) makes every combination of a few parameters, and
`solve_variants` (`sweep`) solves them on any executor, with a cache (`cache`) and a progress
bar; `plot_sweep` (`heatmap`) draws one measure over two parameters. Pictures of timetables
are in `scheduler.plots`.
"""

from scheduler.explore.comparison import (
    COMPARISON_COLUMNS,
    compare_variants,
    moves,
    solve_variants,
)
from scheduler.explore.grid import AXES, Variant, set_days, variant_grid
from scheduler.explore.heatmap import plot_sweep, sweep_pivot
from scheduler.explore.outcome import MEETING_COLUMNS, Outcome, solve
from scheduler.explore.sweep import SWEEP_COLUMNS, Failure, SerialExecutor, Sweep
from scheduler.explore.variants import (
    add_day,
    add_meeting,
    allow_evening_meetings,
    derive,
    drop_day,
    pin,
    set_budget,
    set_duration,
    set_parallel_cap,
    set_teams,
    size_by_speakers,
)

__all__ = [
    "AXES",
    "COMPARISON_COLUMNS",
    "MEETING_COLUMNS",
    "SWEEP_COLUMNS",
    "Failure",
    "Outcome",
    "SerialExecutor",
    "Sweep",
    "Variant",
    "add_day",
    "add_meeting",
    "allow_evening_meetings",
    "compare_variants",
    "derive",
    "drop_day",
    "moves",
    "pin",
    "plot_sweep",
    "set_budget",
    "set_days",
    "set_duration",
    "set_parallel_cap",
    "set_teams",
    "size_by_speakers",
    "solve",
    "solve_variants",
    "sweep_pivot",
    "variant_grid",
]
