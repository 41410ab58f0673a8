"""The timetable workbook: what `schedule solve` hands to planners, and what `schedule check` reads.

Its sheets:
1. the annex ("Organisation des travaux"), ready to paste into the session document;
2. `Assignments`, an Excel table of `scheduler.timetable.ASSIGNMENT_COLUMNS`: the timetable
   itself, the one sheet read back (`read_assignments`), so planners may edit it by hand;
3. `Meetings`, one row per meeting, for room and interpretation planning;
4. `Changes`, when the timetable re-plans an earlier one: each activity that moved, from where
   to where, and the change count (see `scheduler.diff`);
5. `Solve`, how the timetable was found and which hard rules it was checked against.

The workbook is written to a temporary file next to the target, then renamed onto it: a failed
write never leaves a half-written workbook nor destroys the previous one. Exporters never touch
the solver: everything here comes from the session, the timetable and the result.

Modules: `layout` (sheet names, columns, widths), `sheets` (rows, Excel tables, the atomic
save), `writer` (the workbook and its sheets), `changes` (the `Changes` sheet, alone too for
`schedule diff -o`), `row` (one `Assignments` row as a pydantic model) and `reader`.
"""

from __future__ import annotations

import importlib
from typing import TYPE_CHECKING, Any

from scheduler.io.timetable_workbook.changes import write_changes_workbook
from scheduler.io.timetable_workbook.layout import (
    ASSIGNMENTS,
    CHANGES,
    DATE_FORMAT,
    MEETING_COLUMNS,
    MEETINGS,
    SOLVE,
    TEXT_FORMAT,
)
from scheduler.io.timetable_workbook.writer import RuleCheck, write_workbook

if TYPE_CHECKING:
    from scheduler.io.timetable_workbook.reader import read_assignments
    from scheduler.io.timetable_workbook.row import AssignmentRow

#: Names imported on first use: reading a workbook needs the session workbook's cell tools,
#: which writing one (`schedule solve`) does not.
_READING = {"read_assignments": "reader", "AssignmentRow": "row"}


def __getattr__(name: str) -> Any:
    if name in _READING:
        module = importlib.import_module(f"scheduler.io.timetable_workbook.{_READING[name]}")
        return getattr(module, name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")


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
    "read_assignments",
    "write_changes_workbook",
    "write_workbook",
]
