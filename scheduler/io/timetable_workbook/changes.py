"""The `Changes` sheet: what a re-planned timetable moved, from where to where, and how much."""

from __future__ import annotations

from pathlib import Path

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.diff import CHANGE_COLUMNS, TimetableDiff
from scheduler.io.timetable_workbook.layout import CHANGE_WIDTHS, CHANGES
from scheduler.io.timetable_workbook.sheets import (
    BOLD,
    FONT,
    append_row,
    print_setup,
    save,
    write_table,
)


def write_changes_workbook(path: str | Path, changes: TimetableDiff) -> None:
    """A workbook holding only the `Changes` sheet (what `schedule diff -o` writes)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    write_changes(sheet, changes)
    save(book, path)


def write_changes(sheet: Worksheet, changes: TimetableDiff) -> None:
    """Each activity that differs, from where to where; then the counts under the table."""
    rows = [[c.row()[column] for column in CHANGE_COLUMNS] for c in changes.changes]
    write_table(sheet, CHANGES, CHANGE_COLUMNS, rows, CHANGE_WIDTHS)
    append_row(sheet, ())
    totals: list[tuple[str, int]] = [("total changes (activities moved)", changes.count)]
    totals += [(f"moved {size.label}", n) for size, n in changes.sizes().items()]
    totals += [
        ("added", len(changes.of("added"))),
        ("removed", len(changes.of("removed"))),
        ("retimed (same slots, other times or room)", len(changes.of("retimed"))),
        ("interpreted meetings before", changes.interpreted_before),
        ("interpreted meetings after", changes.interpreted_after),
    ]
    for label, value in totals:
        append_row(sheet, (label, value))
        sheet.cell(sheet.max_row, 1).font = BOLD
        sheet.cell(sheet.max_row, 2).font = FONT
    print_setup(sheet, landscape=True)  # the print area takes the counts in
