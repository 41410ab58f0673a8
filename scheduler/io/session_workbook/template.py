"""The form planners fill: headers with comments, typed cells, drop-down lists of ids.

What makes a written sheet usable as a template, whatever session it holds.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Sequence
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.io.session_workbook.layout import LIST_KINDS, LISTS, Column, TableSheet, value_at
from scheduler.io.xlsx import write_cell

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
TEXT_FORMAT = "@"
#: TRUE and FALSE as such: LibreOffice shows a boolean cell in "General" as 0 or 1 in some rows.
BOOL_FORMAT = '"TRUE";"TRUE";"FALSE"'
ROWS = 1000  # rows of each sheet prepared with formats and drop-down lists
AUTHOR = "schedule"
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


def write_settings(
    sheet: Worksheet, rows: Sequence[Column], data: dict[str, Any], headers: Sequence[str]
) -> None:
    """Key/value rows: field | value | explanation, each value typed."""
    _header(sheet, headers, (24, 28, 90))
    sheet.cell(1, 1).comment = _comment(
        f"{sheet.title}: one row per setting; type the value in column B. "
        "Rows may be left empty where the explanation gives a default."
    )
    for index, column in enumerate(rows, start=2):
        sheet.cell(index, 1, column.header).font = _BOLD
        value = _cell_value(value_at(data, column.path), column)
        _set(sheet.cell(index, 2), value, column)
        sheet.cell(index, 3, column.help)
        _validate(sheet, column, f"B{index}")
    sheet.freeze_panes = "A2"


def write_table(book: Workbook, spec: TableSheet, rows: Sequence[Sequence[object]]) -> None:
    """A sheet holding one Excel table of `spec.columns`, with comments and drop-down lists."""
    sheet = book.create_sheet(spec.name)
    write_columns(sheet, spec.columns, rows)
    first = sheet.cell(1, 1).comment
    assert first is not None
    sheet.cell(1, 1).comment = _comment(f"{spec.help}\n\n{spec.columns[0].header}: {first.text}")
    last = get_column_letter(len(spec.columns))
    table = Table(displayName=f"{spec.name}Table", ref=f"A1:{last}{max(len(rows) + 1, 2)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = "B2"


def write_columns(
    sheet: Worksheet,
    columns: Sequence[Column],
    rows: Sequence[Sequence[object]],
    first_column: int = 1,
) -> None:
    """Headers with comments, typed values, formats and drop-down lists for ROWS rows."""
    for offset, column in enumerate(columns):
        index = first_column + offset
        cell = sheet.cell(1, index, column.header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        cell.comment = _comment(f"{column.help}.")
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = max(column.width, len(column.header) + 3)
        for number, row in enumerate(rows, start=2):
            _set(sheet.cell(number, index), _cell_value(row[offset], column), column)
        # The column's own format types what the planner adds below the rows written here.
        sheet.column_dimensions[letter].number_format = _number_format(column)
        _validate(sheet, column, f"{letter}2:{letter}{ROWS}")


def _header(sheet: Worksheet, headers: Sequence[str], widths: Sequence[int]) -> None:
    for index, (header, width) in enumerate(zip(headers, widths, strict=True), start=1):
        cell = sheet.cell(1, index, header)
        cell.font = _BOLD
        cell.fill = _HEADER_FILL
        sheet.column_dimensions[get_column_letter(index)].width = width


def _comment(text: str) -> Comment:
    comment = Comment(text, AUTHOR)
    comment.width = 320
    comment.height = 40 + 16 * (len(text) // 45 + 1)
    return comment


def _cell_value(value: object, column: Column) -> object:
    """A session value as the cell shows it: lists comma-separated, the rest typed."""
    if value is None:
        return None
    if column.kind in LIST_KINDS and isinstance(value, list | tuple):
        if column.kind == "dates" and len(value) == 1:
            return value[0]  # one date: a date cell
        return ", ".join(v.isoformat() if isinstance(v, dt.date) else str(v) for v in value)
    return value


def _number_format(column: Column) -> str:
    return {
        "date": DATE_FORMAT,
        "dates": DATE_FORMAT,
        "body": TEXT_FORMAT,
        "datetime": DATETIME_FORMAT,
        "time": TIME_FORMAT,
        "id": TEXT_FORMAT,
        "text": TEXT_FORMAT,
        "ids": TEXT_FORMAT,
        "bool": BOOL_FORMAT,
    }.get(column.kind, "General")


def _set(cell: Cell, value: object, column: Column) -> None:
    write_cell(cell, value)  # text, never a formula
    cell.number_format = _number_format(column)


def _validate(sheet: Worksheet, column: Column, cells: str) -> None:
    """The drop-down list or type check of a column, if it has one."""
    validation: DataValidation | None = None
    if column.kind == "bool":
        validation = DataValidation(type="list", formula1='"TRUE,FALSE"', allow_blank=True)
    elif column.choices:
        validation = DataValidation(
            type="list", formula1=f'"{",".join(column.choices)}"', allow_blank=True
        )
    elif column.ref:
        # A list of ids may hold several, comma-separated: the list only helps to pick one.
        validation = DataValidation(
            type="list",
            formula1=column.ref,
            allow_blank=True,
            error="Pick an id from the list (its sheet lists them).",
        )
    elif column.kind in ("date", "datetime"):
        validation = DataValidation(
            type="decimal" if column.kind == "datetime" else "date",
            operator="greaterThan",
            formula1="1",
            allow_blank=True,
            error="Type a date, e.g. 2018-10-15" + (" 10:00" if column.kind == "datetime" else ""),
        )
    elif column.kind == "time":
        validation = DataValidation(
            type="time",
            operator="between",
            formula1="0",
            formula2="0.999988",
            allow_blank=True,
            error="Type a time, e.g. 10:00",
        )
    elif column.kind == "int":
        validation = DataValidation(
            type="whole",
            operator="greaterThanOrEqual",
            formula1="0",
            allow_blank=True,
            error="Type a whole number",
        )
    if validation is None:
        return
    validation.showErrorMessage = column.kind not in LIST_KINDS  # several ids: a warning at most
    validation.errorTitle = column.header
    sheet.add_data_validation(validation)
    validation.add(cells)


#: Drop-down sources: defined name -> (sheet of the ids or formula column in `Lists`).
_ID_LISTS = {
    "room_ids": "Rooms",
    "body_ids": "Bodies",
    "item_ids": "Items",
    "period_ids": "Periods",
}


def write_lists(book: Workbook) -> None:
    """Named, self-adjusting lists of ids for the drop-downs.

    Ids are read from column A of their sheet (kept in consecutive rows); activities (items
    then meetings) and not-in-parallel partners (activities then bodies) are gathered by
    formulas in the hidden `Lists` sheet, which Excel recomputes as the planner types.
    """
    for name, sheet in _ID_LISTS.items():
        book.defined_names[name] = DefinedName(name, attr_text=_offset(f"{sheet}!$A$2", [sheet]))
    lists = book.create_sheet(LISTS)
    lists.sheet_state = "hidden"
    lists["A1"], lists["B1"] = "activities", "activities and bodies"
    items, meetings, bodies = (f"(COUNTA({s}!$A:$A)-1)" for s in ("Items", "Meetings", "Bodies"))
    for row in range(2, ROWS + 1):
        k = "(ROW()-1)"
        lists.cell(row, 1).value = (
            f"=IF({k}<={items},INDEX(Items!$A:$A,{k}+1),"
            f'IF({k}<={items}+{meetings},INDEX(Meetings!$A:$A,{k}-{items}+1),""))'
        )
        lists.cell(row, 2).value = (
            f"=IF({k}<={items}+{meetings},A{row},"
            f"IF({k}<={items}+{meetings}+{bodies},"
            f'INDEX(Bodies!$A:$A,{k}-{items}-{meetings}+1),""))'
        )
    book.defined_names["activity_ids"] = DefinedName(
        "activity_ids", attr_text=_offset(f"{LISTS}!$A$2", ["Items", "Meetings"])
    )
    book.defined_names["partner_ids"] = DefinedName(
        "partner_ids", attr_text=_offset(f"{LISTS}!$B$2", ["Items", "Meetings", "Bodies"])
    )


def _offset(start: str, counted: Sequence[str]) -> str:
    """A range from `start` down as many rows as the ids of the `counted` sheets."""
    count = "+".join(f"COUNTA({sheet}!$A:$A)-1" for sheet in counted)
    return f"OFFSET({start},0,0,MAX(1,{count}),1)"
