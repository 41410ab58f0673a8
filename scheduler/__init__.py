"""schedule: turn an agenda into an organization of work, with CP-SAT."""

from scheduler.bundled import bundled_session_path
from scheduler.errors import ExitCode, InputError
from scheduler.explore import (
    Outcome,
    add_day,
    add_meeting,
    allow_evening_meetings,
    compare_variants,
    derive,
    drop_day,
    pin,
    set_budget,
    set_duration,
    set_parallel_cap,
    set_teams,
    size_by_speakers,
    solve,
    solve_variants,
)
from scheduler.io.session_file import load_session, parse_session
from scheduler.plots import plot_comparison, plot_timetable, save_plot
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Activity, Session, Slot
from scheduler.timetable import Assignment, Meeting, Timetable

__all__ = [
    "Activity",
    "Assignment",
    "ExitCode",
    "InputError",
    "Meeting",
    "Outcome",
    "Session",
    "Slot",
    "SolveResult",
    "SolveStatus",
    "Timetable",
    "add_day",
    "add_meeting",
    "allow_evening_meetings",
    "bundled_session_path",
    "compare_variants",
    "derive",
    "drop_day",
    "load_session",
    "parse_session",
    "pin",
    "plot_comparison",
    "plot_timetable",
    "save_plot",
    "set_budget",
    "set_duration",
    "set_parallel_cap",
    "set_teams",
    "size_by_speakers",
    "solve",
    "solve_variants",
]
