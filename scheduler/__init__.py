"""schedule: turn an agenda into an organization of work, with CP-SAT.

The domain (sessions, timetables, results), files and pictures are imported with the package.
The application on top of the CP-SAT model (`solve`, variants, comparisons: `scheduler.explore`,
built on `scheduler.pipeline`) is imported on first use of one of its names, so that the model
(`models`), which imports the domain, can be imported before or after `scheduler`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scheduler.bundled import bundled_session_path
from scheduler.diff import MoveSize, TimetableDiff, compare
from scheduler.errors import ExitCode, InputError
from scheduler.io.session_file import load_session, parse_session
from scheduler.io.timetable_workbook import read_assignments, write_workbook
from scheduler.plots import plot_comparison, plot_timetable, save_plot
from scheduler.published import published_timetable
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Activity, Session, Slot
from scheduler.timetable import Assignment, Meeting, Timetable
from scheduler.validation import validate

if TYPE_CHECKING:
    from models.replan import replan
    from scheduler.explore import (
        Outcome,
        add_day,
        add_meeting,
        allow_evening_meetings,
        compare_variants,
        derive,
        drop_day,
        moves,
        pin,
        plot_sweep,
        set_budget,
        set_duration,
        set_parallel_cap,
        set_teams,
        size_by_speakers,
        solve,
        solve_variants,
        variant_grid,
    )

#: Names of `scheduler.explore` exported here, imported on first use.
_APPLICATION = (
    "Outcome",
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
    "set_duration",
    "set_parallel_cap",
    "set_teams",
    "size_by_speakers",
    "solve",
    "solve_variants",
    "variant_grid",
)
#: Names of the model's application layer exported here, imported on first use.
_MODEL = {"replan": "models.replan"}


def __getattr__(name: str) -> Any:
    if name in _APPLICATION or name in _MODEL:
        module = _MODEL.get(name, "scheduler.explore")
        value = getattr(importlib.import_module(module), name)
        globals()[name] = value
        return value
    raise AttributeError(f"module 'scheduler' has no attribute {name!r}")


def __dir__() -> list[str]:
    return sorted({*globals(), *_APPLICATION, *_MODEL})


__all__ = [
    "Activity",
    "Assignment",
    "ExitCode",
    "InputError",
    "Meeting",
    "MoveSize",
    "Outcome",
    "Session",
    "Slot",
    "SolveResult",
    "SolveStatus",
    "Timetable",
    "TimetableDiff",
    "add_day",
    "add_meeting",
    "allow_evening_meetings",
    "bundled_session_path",
    "compare",
    "compare_variants",
    "derive",
    "drop_day",
    "load_session",
    "moves",
    "parse_session",
    "pin",
    "plot_comparison",
    "plot_sweep",
    "plot_timetable",
    "published_timetable",
    "read_assignments",
    "replan",
    "save_plot",
    "set_budget",
    "set_duration",
    "set_parallel_cap",
    "set_teams",
    "size_by_speakers",
    "solve",
    "solve_variants",
    "validate",
    "variant_grid",
    "write_workbook",
]
