"""schedule: turn an agenda into an organization of work, with CP-SAT."""

from scheduler.errors import ExitCode, InputError
from scheduler.io.session_file import load_session, parse_session
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Activity, Session, Slot
from scheduler.timetable import Assignment, Meeting, Timetable

__all__ = [
    "Activity",
    "Assignment",
    "ExitCode",
    "InputError",
    "Meeting",
    "Session",
    "Slot",
    "SolveResult",
    "SolveStatus",
    "Timetable",
    "load_session",
    "parse_session",
]
