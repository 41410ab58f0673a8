"""Exploring "what if" questions in Python: variants, their solves, and a comparison.

    from scheduler import load_session, bundled_session_path, solve, drop_day
    cop9 = load_session(bundled_session_path())
    outcome = solve(drop_day(cop9, "2018-10-19"), name="four days", workers=1, time_limit=10)
    outcome.status            # 'infeasible'

Variants (`variants`) are new, validated sessions; `solve` (`outcome`) returns an `Outcome`
with pandas tables; `compare_variants` (`comparison`) puts many outcomes in one DataFrame.
Sweeps: `variant_grid` (`grid`) makes every combination of a few parameters, and
`solve_variants` (`sweep`) solves them on any executor, with a cache (`cache`) and a progress
bar, each variant in a worker (`worker`); `plot_sweep` (`heatmap`) draws one measure over two
parameters. Pictures of timetables are in `scheduler.plots`.

Each name is imported from its module on first use, as in `scheduler`: a sweep's worker
process, which imports `worker` alone, loads none of the others.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

if TYPE_CHECKING:
    from scheduler.explore.comparison import COMPARISON_COLUMNS, compare_variants, moves
    from scheduler.explore.grid import AXES, Variant, set_days, variant_grid
    from scheduler.explore.heatmap import plot_sweep, sweep_pivot
    from scheduler.explore.outcome import MEETING_COLUMNS, Outcome, solve
    from scheduler.explore.sweep import (
        SWEEP_COLUMNS,
        Failure,
        SerialExecutor,
        Sweep,
        solve_variants,
    )
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

#: The module (of this package) of each public name, imported on its first use.
_HOMES: dict[str, tuple[str, ...]] = {
    "comparison": ("COMPARISON_COLUMNS", "compare_variants", "moves"),
    "grid": ("AXES", "Variant", "set_days", "variant_grid"),
    "heatmap": ("plot_sweep", "sweep_pivot"),
    "outcome": ("MEETING_COLUMNS", "Outcome", "solve"),
    "sweep": ("SWEEP_COLUMNS", "Failure", "SerialExecutor", "Sweep", "solve_variants"),
    "variants": (
        "add_day",
        "add_meeting",
        "allow_evening_meetings",
        "derive",
        "drop_day",
        "pin",
        "set_budget",
        "set_duration",
        "set_parallel_cap",
        "set_teams",
        "size_by_speakers",
    ),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'scheduler.explore' has no attribute {name!r}")
    value = getattr(importlib.import_module(f"scheduler.explore.{module}"), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


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
