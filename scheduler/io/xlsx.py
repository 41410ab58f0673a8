"""Opening an Excel workbook for reading, the same way for timetable and session workbooks."""

from __future__ import annotations

import re
import zipfile
from collections.abc import Sequence
from pathlib import Path

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import ILLEGAL_CHARACTERS_RE, Cell
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError
from scheduler.io.zipguard import parse_office_file


def open_workbook(path: Path) -> Workbook:
    """Open any workbook for reading; unreadable files are input errors naming the file."""
    try:
        book = parse_office_file(path, lambda: _load(path))
        if _uncached_booleans(path):
            _keep_formulas(book, load_workbook(path, read_only=True))
        return book
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a workbook", file=path) from None
    except (
        InvalidFileException,
        zipfile.BadZipFile,
        KeyError,
        ValueError,
        TypeError,
    ) as exc:
        raise InputError(f"cannot be read as an Excel workbook (.xlsx): {exc}", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", file=path) from None


def _load(path: Path) -> Workbook:
    """openpyxl's load; a chart sheet, on which it stumbles, is named in the message."""
    try:
        return load_workbook(path, data_only=True)
    except AttributeError:
        charts = _chart_sheets(path)
        if not charts:
            raise
        raise InputError(
            f"has chart sheets ({', '.join(charts)}) where tables of rows are read; "
            "keep the tables on ordinary sheets",
            file=path,
        ) from None


def _chart_sheets(path: Path) -> list[str]:
    """The names of the workbook's chart sheets (a chart where a table of rows is expected)."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = archive.namelist()
            if not any(n.startswith("xl/chartsheets/") for n in names):
                return []
            workbook = archive.read("xl/workbook.xml").decode("utf-8", "replace")
            rels = archive.read("xl/_rels/workbook.xml.rels").decode("utf-8", "replace")
    except (OSError, KeyError, zipfile.BadZipFile):
        return []
    charts = set(re.findall(r'Id="([^"]+)"[^>]*Target="[^"]*chartsheets/', rels))
    charts |= set(re.findall(r'Target="[^"]*chartsheets/[^"]*"[^>]*Id="([^"]+)"', rels))
    found = []
    for tag in re.findall(r"<(?:\w+:)?sheet\b[^>]*>", workbook):
        name = re.search(r'name="([^"]*)"', tag)
        rid = re.search(r'(?:\w+:)?id="([^"]*)"', tag)
        if name and rid and rid.group(1) in charts:
            found.append(name.group(1))
    return found or ["?"]


# A cell whose formula is TRUE() or FALSE() and whose cached value is missing or empty.
_UNCACHED_BOOLEAN = re.compile(
    rb"<(?:\w+:)?f(?:\s[^>]*)?>\s*(?:TRUE|FALSE)\s*\(\s*\)\s*</(?:\w+:)?f>\s*(?:<(?:\w+:)?v\s*/>|"
    rb"<(?:\w+:)?v>\s*</(?:\w+:)?v>|</(?:\w+:)?c>)",
    re.IGNORECASE,
)


def _uncached_booleans(path: Path) -> bool:
    """Whether a sheet holds `=TRUE()`/`=FALSE()` formulas without their value.

    LibreOffice saves booleans as such formulas, with the value cached; openpyxl and pandas
    drop cached values when they save, and `data_only` then reads the cell as empty.
    """
    with zipfile.ZipFile(path) as archive:
        return any(
            _UNCACHED_BOOLEAN.search(archive.read(name))
            for name in archive.namelist()
            if name.startswith("xl/worksheets/") and name.endswith(".xml")
        )


def _keep_formulas(book: Workbook, formulas: Workbook) -> None:
    """Put in each empty cell of `book` the boolean constant formula `formulas` holds there,
    for the cell-to-value step to read as a boolean; other formulas stay unknown (empty)."""
    from scheduler.io.session_workbook.values import formula_value  # imports the readers

    for sheet in formulas.worksheets:
        if sheet.title not in book.sheetnames:
            continue
        target = book[sheet.title]
        for row in sheet.iter_rows():
            for cell in row:
                value = getattr(cell, "value", None)
                known = isinstance(value, str) and formula_value(value) is not None
                if known and target[cell.coordinate].value is None:
                    target[cell.coordinate].value = value


# --- writing: text stays text ----------------------------------------------------------------


def safe_value(value: object) -> object:
    """`value` as an output cell may hold it: control characters, which no workbook can
    store, become U+FFFD (a typed escape character would otherwise stop the whole write)."""
    if isinstance(value, str):
        return ILLEGAL_CHARACTERS_RE.sub("\N{REPLACEMENT CHARACTER}", value)
    return value


def write_cell(cell: Cell, value: object) -> None:
    """Put `value` in `cell`; text starting with "=" stays text, never a live formula.

    openpyxl takes any such string for a formula: a title typed `=HYPERLINK(...)` in a
    session file would run in the secretariat's Excel. Every writer of an output puts its
    values through here (or `append_row`); only formulas of our own are set directly.
    """
    value = safe_value(value)
    cell.value = value
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"


def append_row(sheet: Worksheet, values: Sequence[object]) -> None:
    """Append a row of values to `sheet`, each through `write_cell`."""
    sheet.append([safe_value(v) for v in values])
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        write_cell(cell, cell.value)
