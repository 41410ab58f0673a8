"""schedule: turn an agenda into an organization of work, with CP-SAT.

`import scheduler` imports nothing but this file: each name below is imported from its module
on first use (PEP 562), so a command or a worker process pays only for what it uses (pandas,
matplotlib, openpyxl and OR-Tools are each imported by the modules that need them). It also
lets the model (`models`), which imports the domain, be imported before or after `scheduler`.
OR-Tools' CP-SAT module, which imports pandas for an API this project does not use, is
imported without it until something uses pandas (`scheduler.ortools_import`), and openpyxl
without Pillow until a workbook's image is (`scheduler.io.pillow_import`); pydantic looks
for its plugins without `importlib.metadata` when no package has one
(`scheduler.io.pydantic_plugins`).
The domain (sessions, timetables, results), files and pictures are in their modules; the
application on top of the CP-SAT model (`solve`, variants, sweeps, comparisons) is
`scheduler.explore`, built on `scheduler.pipeline`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scheduler import ortools_import
from scheduler.io import pillow_import, pydantic_plugins

ortools_import.install()  # OR-Tools' CP-SAT without pandas until pandas is used
pillow_import.install()  # openpyxl without Pillow until an image is used
pydantic_plugins.install()  # no importlib.metadata to find that no package has a plugin

if TYPE_CHECKING:
    from models.replan import replan
    from scheduler.bundled import bundled_session_path
    from scheduler.diff import MoveSize, TimetableDiff, compare
    from scheduler.errors import ExitCode, InputError
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
    from scheduler.io.session_file import load_session, parse_session
    from scheduler.io.timetable_workbook import read_assignments, write_workbook
    from scheduler.plots import plot_comparison, plot_timetable, save_plot
    from scheduler.published import published_timetable
    from scheduler.result import SolveResult, SolveStatus
    from scheduler.session import Activity, Session, Slot
    from scheduler.timetable import Assignment, Meeting, Timetable
    from scheduler.validation import validate

#: The module of each public name, imported on its first use.
_HOMES: dict[str, tuple[str, ...]] = {
    "models.replan": ("replan",),
    "scheduler.bundled": ("bundled_session_path",),
    "scheduler.diff": ("MoveSize", "TimetableDiff", "compare"),
    "scheduler.errors": ("ExitCode", "InputError"),
    "scheduler.explore": (
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
    ),
    "scheduler.io.session_file": ("load_session", "parse_session"),
    "scheduler.io.timetable_workbook": ("read_assignments", "write_workbook"),
    "scheduler.plots": ("plot_comparison", "plot_timetable", "save_plot"),
    "scheduler.published": ("published_timetable",),
    "scheduler.result": ("SolveResult", "SolveStatus"),
    "scheduler.session": ("Activity", "Session", "Slot"),
    "scheduler.timetable": ("Assignment", "Meeting", "Timetable"),
    "scheduler.validation": ("validate",),
}
_HOME = {name: module for module, names in _HOMES.items() for name in names}


def __getattr__(name: str) -> Any:
    module = _HOME.get(name)
    if module is None:
        raise AttributeError(f"module 'scheduler' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted({*globals(), *_HOME})


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
