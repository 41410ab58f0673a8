"""What every sheet of the timetable workbook shares: rows, Excel tables, the atomic save."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError
from scheduler.io.atomic import write_atomically
from scheduler.io.timetable_workbook.layout import DATE_FORMAT, TEXT_COLUMNS, TEXT_FORMAT

BOLD = Font(bold=True)


def write_table(
    sheet: Worksheet,
    name: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: dict[str, int],
) -> None:
    """A sheet holding one Excel table (filter buttons, banded rows) starting at A1."""
    sheet.title = name
    append_row(sheet, columns)
    for row in rows:
        append_row(sheet, row)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(column, max(len(column) + 4, 9))
        sheet.cell(1, index).font = BOLD
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if column == "date":
                cell.number_format = DATE_FORMAT
            elif column in TEXT_COLUMNS:
                cell.number_format = TEXT_FORMAT
    last = max(sheet.max_row, 2)  # a table needs a row under its header, even an empty one
    table = Table(displayName=name, ref=f"A1:{get_column_letter(len(columns))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = "A2"


def append_row(sheet: Worksheet, values: Sequence[object]) -> None:
    """Append a row, keeping text that starts with "=" as text rather than a formula."""
    sheet.append(list(values))
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


def save(book: Workbook, path: str | Path) -> None:
    """Save `book` at `path` atomically; an unwritable path is an input error."""
    try:
        write_atomically(path, book.save)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None
