"""The timetable workbook, under its earlier name: see `scheduler.io.timetable_workbook`."""

from __future__ import annotations

from scheduler.io.timetable_workbook import (
    ASSIGNMENTS,
    CHANGES,
    DATE_FORMAT,
    MEETING_COLUMNS,
    MEETINGS,
    SOLVE,
    TEXT_FORMAT,
    AssignmentRow,
    RuleCheck,
    read_assignments,
    write_changes_workbook,
    write_workbook,
)
from scheduler.io.xlsx import open_workbook

__all__ = [
    "ASSIGNMENTS",
    "CHANGES",
    "DATE_FORMAT",
    "MEETINGS",
    "MEETING_COLUMNS",
    "SOLVE",
    "TEXT_FORMAT",
    "AssignmentRow",
    "RuleCheck",
    "open_workbook",
    "read_assignments",
    "write_changes_workbook",
    "write_workbook",
]
