"""Read the `Assignments` sheet back into a timetable, hand-edited too; bad cells named."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet
from pydantic import TypeAdapter, ValidationError

from scheduler.errors import InputError
from scheduler.io.session_workbook.cells import Cells
from scheduler.io.session_workbook.errors import refused_cells
from scheduler.io.session_workbook.values import from_cell, is_blank
from scheduler.io.timetable_workbook.layout import ASSIGNMENTS
from scheduler.io.timetable_workbook.row import CELL_KINDS, AssignmentRow
from scheduler.io.xlsx import open_workbook
from scheduler.timetable import ASSIGNMENT_COLUMNS, Timetable

_REQUIRED = tuple(c for c in ASSIGNMENT_COLUMNS if c != "pinned")
_ROWS = TypeAdapter(list[AssignmentRow])


def read_assignments(path: str | Path) -> Timetable:
    """The timetable in the `Assignments` sheet of a workbook, written here or edited by hand.

    Columns are found by header name (any order and case; `pinned` may be left out). A bad
    cell raises `InputError` naming file, sheet and cell ("Assignments!G3") and its value;
    every bad cell of the sheet is reported at once.
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
        parsed = _ROWS.validate_python(rows)
    except ValidationError as exc:
        raise refused_cells(exc, cells, path) from None
    return Timetable.of(row.assignment() for row in parsed)


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
