"""What every sheet of the timetable workbook shares: rows, Excel tables, fonts, the page set-up
for printing, the atomic save."""

from __future__ import annotations

import itertools
import math
import re
import unicodedata
from collections.abc import Iterable, Sequence
from pathlib import Path

from openpyxl import Workbook
from openpyxl.styles import Font
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.header_footer import HeaderFooterItem
from openpyxl.worksheet.pagebreak import Break
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError
from scheduler.io.atomic import write_atomically
from scheduler.io.timetable_workbook.layout import (
    DATE_FORMAT,
    LINE_HEIGHT,
    TEXT_COLUMNS,
    TEXT_FORMAT,
)
from scheduler.io.xlsx import append_row  # the one guard of output cells: text stays text

# Every written cell names its font and size: a bold font without them prints in the
# application's default (a serif in LibreOffice) beside the Calibri body.
FONT_NAME = "Calibri"
FONT_SIZE = 11
FONT = Font(name=FONT_NAME, size=FONT_SIZE)
BOLD = Font(name=FONT_NAME, size=FONT_SIZE, bold=True)


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
            cell.font = FONT
            if column == "date":
                cell.number_format = DATE_FORMAT
            elif column in TEXT_COLUMNS:
                cell.number_format = TEXT_FORMAT
    last = max(sheet.max_row, 2)  # a table needs a row under its header, even an empty one
    table = Table(displayName=name, ref=f"A1:{get_column_letter(len(columns))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = "A2"
    print_setup(sheet, landscape=len(columns) > 6)


def print_setup(sheet: Worksheet, *, landscape: bool) -> None:
    """Print on A4, one page wide and as many down as needed, the header row on every page,
    the used cells only."""
    setup = sheet.page_setup
    setup.orientation = "landscape" if landscape else "portrait"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    sheet.print_title_rows = "1:1"
    sheet.print_area = f"A1:{get_column_letter(sheet.max_column)}{sheet.max_row}"
    sheet.oddFooter.center.text = "&P / &N"
    sheet.oddFooter.center.font = f"{FONT_NAME},Regular"
    sheet.oddFooter.center.size = 9


# A line of 11-point text holding Chinese or Arabic letters: their fonts (Noto Sans CJK, Noto
# Naskh Arabic) have taller lines than Calibri's 15 points.
TALL_LINE = 18.0
_TALL = re.compile("[\u0600-\u06ff\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]")


def cell_height(value: object, width: float) -> float:
    """Points a wrapped cell `width` characters wide needs for `value`, in 11-point text.

    Excel and LibreOffice do not grow a row for wrapped text they did not type themselves, so
    the writer gives each row its height. Chinese characters are two columns wide; lines with
    Chinese or Arabic letters are taller; a printed line holds about as many characters as
    the column is wide (the printer's sans serif is wider than Calibri).
    """
    if not value:
        return 0.0
    per_line = max(width * 1.05, 1.0)
    height = 0.0
    for line in str(value).split("\n"):
        columns = sum(2 if unicodedata.east_asian_width(c) in "WF" else 1 for c in line)
        lines = max(math.ceil(columns / per_line), 1)
        height += lines * (TALL_LINE if _TALL.search(line) else LINE_HEIGHT)
    return height


A4_LANDSCAPE_WIDTH, A4_LANDSCAPE_HEIGHT = 842.0, 595.0  # points
CHARACTER_WIDTH = 6.3  # points per character of column width, as LibreOffice prints it


def keep_days_together(sheet: Worksheet, days: list[int]) -> None:
    """Page breaks before a day (`days`: the rows of day headings) that would not fit on
    what is left of a page, so a day's heading is never printed alone at the foot of one
    page and its periods or meetings on the next.

    Pages are A4 landscape with the default margins, the header row on each page, rows
    shrunk as much as fitting the table to the page's width shrinks it. The estimate keeps
    5 % of the page free for the way LibreOffice and Excel round row heights.
    """
    margins = sheet.page_margins
    across = A4_LANDSCAPE_WIDTH - 72 * (margins.left + margins.right)
    letters = [get_column_letter(c) for c in range(1, sheet.max_column + 1)]
    # a column w characters wide prints about 6.3 w points wide in LibreOffice (measured on
    # the programme: 162 characters of columns fitted into 734 points at 72 %); Excel's
    # 5.25 points per character shrinks less, so there breaks may fall a little late
    wide = sum((sheet.column_dimensions[c].width or 9) * CHARACTER_WIDTH for c in letters)
    scale = min(1.0, across / wide)
    usable = (A4_LANDSCAPE_HEIGHT - 72 * (margins.top + margins.bottom)) * 0.95 / scale
    rows = range(1, sheet.max_row + 1)
    height = {r: sheet.row_dimensions[r].height or LINE_HEIGHT for r in rows}
    page = usable - height[1]  # under the header row
    left = page
    starts = [*days, sheet.max_row + 1]
    for first, after in itertools.pairwise(starts):
        block = sum(height[r] for r in range(first, after))
        if block > left and block <= page and left < page:
            sheet.row_breaks.append(Break(id=first - 1))  # the break goes after row id
            left = page
        left -= block
        while left < 0:  # a block longer than a page runs on
            left += page


class _Lines(HeaderFooterItem):
    """A page header or footer whose text may hold line breaks.

    openpyxl writes a line break as `_x000a_`, which Excel reads back as one and LibreOffice
    prints as it is ("Annexe_x000a_Projet ..."); both read a plain line feed.
    """

    def __str__(self) -> str:
        return super().__str__().replace("_x000a_", "\n")


def header_lines(sheet: Worksheet, first: str, second: str) -> None:
    """Two centred lines in the page header, in the sheet's font: `first` bold."""
    header = _Lines()
    header.center.text = f'{first}\n&"{FONT_NAME},Regular"{second}'
    header.center.font = f"{FONT_NAME},Bold"
    header.center.size = 12
    sheet.oddHeader = header


def save(book: Workbook, path: str | Path) -> None:
    """Save `book` at `path` atomically; an unwritable path is an input error."""
    try:
        write_atomically(path, book.save)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None
