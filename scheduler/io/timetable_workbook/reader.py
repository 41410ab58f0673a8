"""Read the `Assignments` sheet back into a timetable, hand-edited too; bad cells named."""

from __future__ import annotations

import datetime as dt
from collections import defaultdict
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import TypeAdapter, ValidationError

from scheduler.errors import InputError, InputErrors
from scheduler.io.session_workbook.cells import Cells
from scheduler.io.session_workbook.errors import refused_cells
from scheduler.io.session_workbook.values import from_cell, is_blank
from scheduler.io.timetable_workbook.layout import ASSIGNMENTS
from scheduler.io.timetable_workbook.row import CELL_KINDS, TIMES_FROM_PERIODS, AssignmentRow
from scheduler.io.xlsx import open_workbook
from scheduler.session import Session
from scheduler.timetable import ASSIGNMENT_COLUMNS, Timetable

_REQUIRED = tuple(c for c in ASSIGNMENT_COLUMNS if c != "pinned")
_ROWS = TypeAdapter(list[AssignmentRow])


def read_assignments(path: str | Path, session: Session | None = None) -> Timetable:
    """The timetable in the `Assignments` sheet of a workbook, written here or edited by hand.

    Columns are found by header name (any order and case; `pinned` may be left out). A bad
    cell raises `InputError` naming file, sheet and cell ("Assignments!G3") and its value;
    every bad cell of the sheet is reported at once.

    Given the `session`, moving a part is one edit, its date and period: start and end may be
    left empty and are taken from the period, each part of a meeting starting where the one
    above it in the sheet ends; and a start or end left from before a move, wholly outside the
    row's period, is refused naming its cell. A time that only runs over its period is kept,
    for the validator to report (`within-periods`).
    """
    path = Path(path)
    sheet = _sheet(open_workbook(path), path)
    header_row, columns = _header(sheet, path)
    rows: list[dict[str, Any]] = []
    cells = Cells()
    width = max(columns.values()) + 1
    for row in sheet.iter_rows(min_row=header_row + 1, max_col=width):
        found = {name: row[index] for name, index in columns.items()}
        if all(is_blank(cell.value) for cell in found.values()):
            continue
        for name, cell in found.items():
            cells.put((len(rows), name), cell)
        rows.append({name: from_cell(cell.value, CELL_KINDS[name]) for name, cell in found.items()})
    try:
        parsed = _ROWS.validate_python(rows, context={TIMES_FROM_PERIODS: session is not None})
    except ValidationError as exc:
        raise refused_cells(exc, cells, path) from None
    if session is not None:
        parsed = _timed(parsed, session, cells, path)
    return Timetable.of(row.assignment() for row in parsed)


def _timed(
    rows: list[AssignmentRow], session: Session, cells: Cells, path: Path
) -> list[AssignmentRow]:
    """Rows with start and end: empty ones taken from the period, in the sheet's order within
    each meeting; times left from before a move refused, naming their cell."""
    errors: list[InputError] = []
    meetings: dict[tuple[str, dt.date, str], list[int]] = defaultdict(list)
    for index, row in enumerate(rows):
        meetings[(row.body, row.date, row.period)].append(index)
    timed = list(rows)
    slots = {(s.date, s.period.id): s for s in session.slots}
    for (_, date, period_id), indexes in meetings.items():
        slot = slots.get((date, period_id))
        cursor = slot.start if slot is not None else None
        for index in indexes:
            row = rows[index]
            if slot is None or cursor is None:
                errors.extend(_untimed(row, index, cells, path, date, period_id))
                continue
            start, end = _times(row, date, cursor)
            if start >= slot.end or end <= slot.start:  # wholly outside: not yet updated
                errors.append(_stale(row, index, cells, path, slot.period))
            timed[index] = row.model_copy(update={"start": start.time(), "end": end.time()})
            cursor = end
    if errors:
        raise errors[0] if len(errors) == 1 else InputErrors(errors)
    return timed


def _times(
    row: AssignmentRow, date: dt.date, cursor: dt.datetime
) -> tuple[dt.datetime, dt.datetime]:
    """A row's start and end: as typed, else from the one typed and the minutes, else from
    where the meeting's previous part ends (the period's start for its first part)."""
    length = dt.timedelta(minutes=row.minutes)
    start = dt.datetime.combine(date, row.start) if row.start is not None else None
    end = dt.datetime.combine(date, row.end) if row.end is not None else None
    if start is None:
        start = end - length if end is not None else cursor
    return start, end if end is not None else start + length


def _untimed(
    row: AssignmentRow, index: int, cells: Cells, path: Path, date: dt.date, period: str
) -> list[InputError]:
    """Empty times in a row whose period is not one of the session on its date."""
    return [
        _at(
            cells,
            index,
            name,
            path,
            f"empty, and {period} on {date} is not a period of the session to take it from",
        )
        for name in ("start", "end")
        if getattr(row, name) is None
    ]


def _stale(row: AssignmentRow, index: int, cells: Cells, path: Path, period: Any) -> InputError:
    """A time wholly outside the row's period: the cell to clear or correct."""
    name = "start" if row.start is not None else "end"
    return _at(
        cells,
        index,
        name,
        path,
        f"outside the period {period.id} ({period.start:%H:%M}-{period.end:%H:%M}) of this "
        f"row, left from before a move? Correct it or leave start and end empty to take them "
        f"from the period",
    )


def _at(cells: Cells, index: int, name: str, path: Path, problem: str) -> InputError:
    ref, value = cells.at[(index, name)]
    return InputError(problem, file=path, field=ref, value=value)


def _sheet(book: Workbook, path: Path) -> Worksheet:
    names = {name.strip().lower(): name for name in book.sheetnames}
    name = ASSIGNMENTS if ASSIGNMENTS in book.sheetnames else names.get(ASSIGNMENTS.lower())
    if name is None:
        raise InputError(
            f"no sheet {ASSIGNMENTS!r} (sheets: {', '.join(book.sheetnames)})", file=path
        )
    sheet = book[name]
    if not isinstance(sheet, Worksheet):
        raise InputError("is a chart, not a sheet of rows", file=path, field=name)
    return sheet


def _header(sheet: Worksheet, path: Path) -> tuple[int, dict[str, int]]:
    """The header row (the first row naming `activity`, else the first non-empty row) and the
    0-based position of each known column in it."""
    candidates = [
        row for row in sheet.iter_rows(max_row=min(sheet.max_row, 20)) if any(_text(c) for c in row)
    ]
    if not candidates:
        raise InputError("the sheet is empty; it needs a header row", file=path, field=sheet.title)
    header = next(
        (row for row in candidates if any(_text(c) == "activity" for c in row)), candidates[0]
    )
    columns: dict[str, int] = {}
    for index, cell in enumerate(header):
        name = _text(cell)
        if name not in ASSIGNMENT_COLUMNS:
            continue
        if name in columns:
            raise InputError(
                "this column is given twice",
                file=path,
                field=f"{sheet.title}!{cell.coordinate}",
                value=cell.value,
            )
        columns[name] = index
    missing = [c for c in _REQUIRED if c not in columns]
    if missing:
        row = header[0].row
        raise InputError(
            f"missing column{'s' if len(missing) > 1 else ''} {', '.join(missing)} in the "
            f"header row (needed: {', '.join(ASSIGNMENT_COLUMNS)}; pinned may be left out)",
            file=path,
            field=f"{sheet.title}!{row}:{row}",
        )
    return header[0].row, columns


def _text(cell: Cell | Any) -> str:
    value = cell.value
    return str(value).strip().lower() if value is not None else ""
