"""Exploring "what if" questions in Python: variants, their solves, and a comparison.

    from scheduler import load_session, bundled_session_path, solve, drop_day
    cop9 = load_session(bundled_session_path())
    outcome = solve(drop_day(cop9, "2018-10-19"), name="four days", workers=1, time_limit=10)
    outcome.status            # 'infeasible'

Variants (`variants`) are new, validated sessions; `solve` (`outcome`) returns an `Outcome`
with pandas tables; `compare_variants` (`comparison`) puts many outcomes in one DataFrame.
Pictures are in `scheduler.plots`.
"""

from scheduler.explore.comparison import (
    COMPARISON_COLUMNS,
    compare_variants,
    moves,
    solve_variants,
)
from scheduler.explore.outcome import MEETING_COLUMNS, Outcome, solve
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
    "COMPARISON_COLUMNS",
    "MEETING_COLUMNS",
    "Outcome",
    "add_day",
    "add_meeting",
    "allow_evening_meetings",
    "compare_variants",
    "derive",
    "drop_day",
    "moves",
    "pin",
    "set_budget",
    "set_duration",
    "set_parallel_cap",
    "set_teams",
    "size_by_speakers",
    "solve",
    "solve_variants",
]
