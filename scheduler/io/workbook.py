"""The timetable workbook: what `schedule solve` hands to planners, and what `schedule check` reads.

Four sheets:
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
"""

from __future__ import annotations

import contextlib
import datetime as dt
import hashlib
import importlib.metadata
import math
import zipfile
from collections.abc import Iterable, Sequence
from pathlib import Path
from typing import Any, Protocol

from openpyxl import Workbook, load_workbook
from openpyxl.cell.cell import Cell
from openpyxl.styles import Alignment, Border, Font, Side
from openpyxl.utils import get_column_letter
from openpyxl.utils.exceptions import InvalidFileException
from openpyxl.worksheet.properties import PageSetupProperties
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.diff import CHANGE_COLUMNS, TimetableDiff
from scheduler.errors import InputError, InputErrors
from scheduler.io.annex import annex_header, annex_heading, annex_rows
from scheduler.io.atomic import write_atomically
from scheduler.labels import labels
from scheduler.result import SolveResult
from scheduler.rules import HARD_RULES
from scheduler.session import Session
from scheduler.timetable import ASSIGNMENT_COLUMNS, Assignment, Timetable

ASSIGNMENTS = "Assignments"
MEETINGS = "Meetings"
SOLVE = "Solve"
CHANGES = "Changes"
MEETING_COLUMNS: tuple[str, ...] = (
    "number",
    "body",
    "room",
    "date",
    "period",
    "start",
    "end",
    "interpreted",
    "items",
)
DATE_FORMAT = "yyyy-mm-dd"
TEXT_FORMAT = "@"  # typed-in "1/2" or "10:30" stays text instead of turning into a date

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")
_BOLD = Font(bold=True)
_ANNEX_WIDTHS = (22, 55, 45)  # Date/heure, plenary, parallel meetings (characters)
_LINE_HEIGHT = 15.0  # points per line of 11-point text
_ASSIGNMENT_WIDTHS = {"title": 60, "activity": 16, "body": 14, "room": 14, "date": 12}
_MEETING_WIDTHS = {"items": 40, "body": 14, "room": 14, "date": 12, "interpreted": 12}
_CHANGE_WIDTHS = {"activity": 16, "title": 50, "size": 32, "before": 60, "after": 60}
_TEXT_COLUMNS = {"activity", "title", "body", "room", "period", "start", "end", "part", "items"}


class RuleCheck(Protocol):
    """What the workbook needs of a validation report: whether a hard rule holds."""

    def holds(self, rule_name: str) -> bool: ...


# --- writing ------------------------------------------------------------------------------------


def write_workbook(
    path: str | Path,
    session: Session,
    timetable: Timetable,
    result: SolveResult | None,
    validation: object | None,
    lang: str = "fr",
    session_file: Path | None = None,
    changes: TimetableDiff | None = None,
) -> None:
    """Write the timetable workbook at `path`, atomically.

    `validation` is any object with `holds(rule_name) -> bool` (`RuleCheck`, such as the
    validator's report); None writes "not checked" against every hard rule. `changes`, the
    comparison with an earlier timetable, adds the `Changes` sheet.
    An unknown language or an unwritable path raises `InputError`.
    """
    labels(lang)  # an unknown language is refused before anything is written
    book = Workbook()
    annex = book.active
    assert annex is not None
    _write_annex(annex, session, timetable, lang)
    _write_assignments(book.create_sheet(ASSIGNMENTS), session, timetable, lang)
    _write_meetings(book.create_sheet(MEETINGS), timetable)
    if changes is not None:
        _write_changes(book.create_sheet(CHANGES), changes)
    _write_solve(book.create_sheet(SOLVE), result, validation, lang, session_file)
    try:
        write_atomically(path, book.save)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


def _write_annex(sheet: Worksheet, session: Session, timetable: Timetable, lang: str) -> None:
    """The annex as the printed document lays it out: three columns, a row per day and period.

    The day is a row of its own ("Lundi 15 octobre") above its period rows, in the same column as
    the times, instead of a date cell merged down over the periods: that is how the printed
    annex looks, so the six language versions line up row by row; and merged cells paste into
    Word as vertically merged table cells that break when a translator adds or removes a row.
    No cell of this sheet is merged. The heading ("Annexe", "Projet d'organisation des
    travaux") is in the printed page header, not in the cells, so selecting the whole sheet
    copies exactly the table.
    """
    sheet.title = labels(lang).annex.sheet
    sheet.sheet_view.rightToLeft = labels(lang).rtl  # Arabic: column A on the right
    header = annex_header(lang)
    _append(sheet, (header.date, header.plenary, header.parallel))
    for cell in sheet[1]:
        cell.font = _BOLD
    for row in annex_rows(session, timetable, lang):
        _append(sheet, (row.date or row.time, row.plenary, row.parallel))
        if row.is_day:
            sheet.cell(sheet.max_row, 1).font = _BOLD
    for column, width in enumerate(_ANNEX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = _WRAP
            cell.border = _BORDER
        # Excel does not grow rows for wrapped text it did not type itself: give the height.
        lines = max(
            _wrapped_lines(cell.value, w) for cell, w in zip(cells, _ANNEX_WIDTHS, strict=True)
        )
        sheet.row_dimensions[cells[0].row].height = _LINE_HEIGHT * max(lines, 1)
    sheet.freeze_panes = "A2"
    sheet.print_title_rows = "1:1"
    setup = sheet.page_setup
    setup.orientation = "landscape"
    setup.paperSize = sheet.PAPERSIZE_A4
    setup.fitToWidth = 1
    setup.fitToHeight = 0  # as many pages down as needed
    sheet.sheet_properties.pageSetUpPr = PageSetupProperties(fitToPage=True)
    heading, title = annex_heading(lang)
    sheet.oddHeader.center.text = f"{heading}\n{title}"
    sheet.oddFooter.center.text = "&P / &N"


def _wrapped_lines(value: object, width: int) -> int:
    """Lines a wrapped cell takes: each line of text over the column's width in characters."""
    if not value:
        return 0
    per_line = max(int(width * 1.15), 1)  # text is narrower on average than the digit "0"
    return sum(max(math.ceil(len(line) / per_line), 1) for line in str(value).split("\n"))


def _write_assignments(sheet: Worksheet, session: Session, timetable: Timetable, lang: str) -> None:
    """The timetable as an Excel table, titles in the workbook's language."""
    rows = [_assignment_row(a, session, lang) for a in timetable]
    _write_table(sheet, ASSIGNMENTS, ASSIGNMENT_COLUMNS, rows, _ASSIGNMENT_WIDTHS)


def _assignment_row(part: Assignment, session: Session, lang: str) -> list[object]:
    row = part.as_row()
    with contextlib.suppress(KeyError):  # not an activity of this session: keep its title
        row["title"] = session.activity(part.activity).title.get(lang)
    return [row[column] for column in ASSIGNMENT_COLUMNS]


def _write_meetings(sheet: Worksheet, timetable: Timetable) -> None:
    """One row per meeting: the body's meeting number, where, when, and what it takes."""
    rows: list[list[object]] = [
        [
            m.number,
            m.body,
            m.room,
            m.date,
            m.period,
            f"{min(p.start for p in m.parts):%H:%M}",
            f"{max(p.end for p in m.parts):%H:%M}",
            m.interpreted,
            ", ".join(m.activities),
        ]
        for m in timetable.meetings()
    ]
    _write_table(sheet, MEETINGS, MEETING_COLUMNS, rows, _MEETING_WIDTHS)


def write_changes_workbook(path: str | Path, changes: TimetableDiff) -> None:
    """A workbook holding only the `Changes` sheet (what `schedule diff -o` writes)."""
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    _write_changes(sheet, changes)
    try:
        write_atomically(path, book.save)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


def _write_changes(sheet: Worksheet, changes: TimetableDiff) -> None:
    """Each activity that differs, from where to where; then the counts under the table."""
    rows = [[c.row()[column] for column in CHANGE_COLUMNS] for c in changes.changes]
    _write_table(sheet, CHANGES, CHANGE_COLUMNS, rows, _CHANGE_WIDTHS)
    _append(sheet, ())
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
        _append(sheet, (label, value))
        sheet.cell(sheet.max_row, 1).font = _BOLD


def _write_table(
    sheet: Worksheet,
    name: str,
    columns: Sequence[str],
    rows: Iterable[Sequence[object]],
    widths: dict[str, int],
) -> None:
    """A sheet holding one Excel table (filter buttons, banded rows) starting at A1."""
    sheet.title = name
    _append(sheet, columns)
    for row in rows:
        _append(sheet, row)
    for index, column in enumerate(columns, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = widths.get(column, max(len(column) + 4, 9))
        sheet.cell(1, index).font = _BOLD
        for (cell,) in sheet.iter_rows(min_row=2, min_col=index, max_col=index):
            if column == "date":
                cell.number_format = DATE_FORMAT
            elif column in _TEXT_COLUMNS:
                cell.number_format = TEXT_FORMAT
    last = max(sheet.max_row, 2)  # a table needs a row under its header, even an empty one
    table = Table(displayName=name, ref=f"A1:{get_column_letter(len(columns))}{last}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleMedium2", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = "A2"


def _write_solve(
    sheet: Worksheet,
    result: SolveResult | None,
    validation: object | None,
    lang: str,
    session_file: Path | None,
) -> None:
    """Key/value rows on the solve, then each hard rule with whether the timetable keeps it."""
    sheet.title = SOLVE
    rows: list[tuple[str, object, str | None]] = [
        ("status", result.status.value if result else "not solved", None),
        ("objective", result.objective if result else None, "0.##"),
        ("best bound", result.best_bound if result else None, "0.##"),
        ("gap", result.gap if result else None, "0.00%"),
        ("wall time (s)", result.wall_time if result else None, "0.00"),
        ("build time (s)", result.build_time if result else None, "0.00"),
        ("OR-Tools version", _ortools_version(), None),
        ("seed", result.seed if result else None, None),
        ("workers", result.workers if result else None, None),
        ("session file", str(session_file) if session_file else None, None),
        ("session file SHA-256", _sha256(session_file), None),
    ]
    for key, value, number_format in rows:
        _append(sheet, (key, value))
        if number_format and isinstance(value, float):
            sheet.cell(sheet.max_row, 2).number_format = number_format
        sheet.cell(sheet.max_row, 1).font = _BOLD
    _append(sheet, ())
    _append(sheet, ("rule", "text", "result"))
    for cell in sheet[sheet.max_row]:
        cell.font = _BOLD
    for rule in HARD_RULES:
        _append(sheet, (rule.name, rule.text(lang), _rule_state(validation, rule.name)))
    for letter, width in zip("ABC", (24, 90, 12), strict=True):
        sheet.column_dimensions[letter].width = width


def _rule_state(validation: object | None, rule_name: str) -> str:
    """Holds, broken or not checked; a report without `holds` may give `broken_rules()`."""
    if validation is None:
        return "not checked"
    holds = getattr(validation, "holds", None)
    if callable(holds):
        return "holds" if holds(rule_name) else "broken"
    broken = getattr(validation, "broken_rules", None)
    if callable(broken):
        return "broken" if rule_name in broken() else "holds"
    raise TypeError(f"{type(validation).__name__} has no holds(rule_name) method")


def _ortools_version() -> str:
    try:
        return importlib.metadata.version("ortools")
    except importlib.metadata.PackageNotFoundError:  # pragma: no cover - a dependency
        return "not installed"


def _sha256(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"


def _append(sheet: Worksheet, values: Sequence[object]) -> None:
    """Append a row, keeping text that starts with "=" as text rather than a formula."""
    sheet.append(list(values))
    if not values:
        return
    for cell in sheet[sheet.max_row]:
        if isinstance(cell.value, str) and cell.value.startswith("="):
            cell.data_type = "s"


# --- reading ------------------------------------------------------------------------------------

_TRUE = {"true", "yes", "1", "vrai", "oui"}
_FALSE = {"false", "no", "0", "faux", "non"}
_REQUIRED = tuple(c for c in ASSIGNMENT_COLUMNS if c != "pinned")


def read_assignments(path: str | Path) -> Timetable:
    """The timetable in the `Assignments` sheet of a workbook, written here or edited by hand.

    Columns are found by header name (any order and case; `pinned` may be left out). A bad
    cell raises `InputError` naming file, sheet and cell ("Assignments!G3") and its value;
    every bad cell of the sheet is reported at once.
    """
    path = Path(path)
    sheet = _sheet(open_workbook(path), path)
    header_row, columns = _header(sheet, path)
    reader = _RowReader(path, sheet.title)
    parts: list[Assignment] = []
    width = max(columns.values()) + 1
    for cells in sheet.iter_rows(min_row=header_row + 1, max_col=width):
        row = {name: cells[index] for name, index in columns.items()}
        if all(_blank(cell.value) for cell in row.values()):
            continue
        part = reader.assignment(row)
        if part is not None:
            parts.append(part)
    if reader.errors:
        raise reader.errors[0] if len(reader.errors) == 1 else InputErrors(reader.errors)
    return Timetable.of(parts)


def open_workbook(path: Path) -> Workbook:
    """Open any workbook for reading; unreadable files are input errors naming the file."""
    try:
        return load_workbook(path, data_only=True)
    except FileNotFoundError:
        raise InputError("no such file", file=path) from None
    except IsADirectoryError:
        raise InputError("is a folder, not a workbook", file=path) from None
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, TypeError) as exc:
        raise InputError(f"cannot be read as an Excel workbook (.xlsx): {exc}", file=path) from None
    except OSError as exc:
        raise InputError(f"cannot be read ({exc.strerror or exc})", file=path) from None


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


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


class _RowReader:
    """Turns rows into assignments, collecting one error per bad cell."""

    def __init__(self, path: Path, sheet: str) -> None:
        self.path = path
        self.sheet = sheet
        self.errors: list[InputError] = []

    def assignment(self, row: dict[str, Cell]) -> Assignment | None:
        before = len(self.errors)
        activity = self._cell(row, "activity", _id)
        title = self._cell(row, "title", _title)
        body = self._cell(row, "body", _id)
        room = self._cell(row, "room", _id)
        date = self._cell(row, "date", _date)
        period = self._cell(row, "period", _id)
        start = self._cell(row, "start", _time)
        end = self._cell(row, "end", _time)
        minutes = self._cell(row, "minutes", _minutes)
        part = self._cell(row, "part", _part)
        interpreted = self._cell(row, "interpreted", _bool)
        pinned = self._cell(row, "pinned", _bool, default=False)
        if len(self.errors) > before:
            return None
        return Assignment(
            date=date,
            start=start,
            body=body,
            activity=activity,
            end=end,
            room=room,
            period=period,
            minutes=minutes,
            part=part[0],
            parts=part[1],
            title=title,
            interpreted=interpreted,
            pinned=pinned,
        )

    def _cell(self, row: dict[str, Cell], column: str, parse: Any, default: Any = None) -> Any:
        cell = row.get(column)
        value = cell.value if cell is not None else None
        if _blank(value) and column == "pinned":
            return default
        try:
            return parse(value)
        except ValueError as exc:
            self.errors.append(
                InputError(
                    str(exc),
                    file=self.path,
                    field=f"{self.sheet}!{cell.coordinate}" if cell is not None else self.sheet,
                    value=value,
                    has_value=not _blank(value),
                )
            )
            return None


def _id(value: object) -> str:
    """An id or name: text, or a whole number Excel stored as a number (item "5")."""
    if _blank(value):
        raise ValueError("empty")
    if isinstance(value, bool | dt.date | dt.time):
        raise ValueError("not an id (text)")
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()


def _title(value: object) -> str:
    return "" if _blank(value) else str(value).strip()


def _date(value: object) -> dt.date:
    """An Excel date, or ISO text 2018-10-15."""
    if isinstance(value, dt.datetime):
        return value.date()
    if isinstance(value, dt.date):
        return value
    if isinstance(value, str):
        text = value.strip()
        try:
            return dt.date.fromisoformat(text)
        except ValueError:
            try:
                return dt.datetime.fromisoformat(text).date()
            except ValueError:
                pass
    raise ValueError("empty" if _blank(value) else "not a date; write YYYY-MM-DD, e.g. 2018-10-15")


def _time(value: object) -> dt.time:
    """`HH:MM` text or an Excel time, to the minute."""
    seconds: float | None = None
    if isinstance(value, dt.datetime):
        value = value.time()
    if isinstance(value, dt.time):
        seconds = value.hour * 3600 + value.minute * 60 + value.second + value.microsecond / 1e6
    elif isinstance(value, dt.timedelta):
        seconds = value.total_seconds()
    elif isinstance(value, int | float) and not isinstance(value, bool) and 0 <= value < 1:
        seconds = value * 86400  # an Excel time stored as a fraction of a day
    elif isinstance(value, str):
        hours, colon, minutes = value.strip().partition(":")
        minutes = minutes.removesuffix(":00") if minutes.count(":") == 1 else minutes
        if colon and hours.isdigit() and len(minutes) == 2 and minutes.isdigit():
            if int(minutes) >= 60:
                raise ValueError("not a time; minutes go from 00 to 59")
            seconds = int(hours) * 3600 + int(minutes) * 60
    if seconds is None or not 0 <= seconds < 86400:
        raise ValueError("empty" if _blank(value) else "not a time; write HH:MM, e.g. 10:00")
    whole = round(seconds / 60)
    if abs(seconds - whole * 60) >= 1:
        raise ValueError("not a whole minute; write HH:MM, e.g. 10:30")
    if whole >= 24 * 60:
        raise ValueError("not a time; write HH:MM, e.g. 10:00")
    return dt.time(whole // 60, whole % 60)


def _minutes(value: object) -> int:
    if isinstance(value, int) and not isinstance(value, bool):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    if isinstance(value, str) and value.strip().lstrip("-").isdigit():
        return int(value.strip())
    raise ValueError("empty" if _blank(value) else "not a whole number of minutes")


def _part(value: object) -> tuple[int, int]:
    """The part as `k/n`: the k-th of the activity's n parts."""
    if isinstance(value, dt.date | dt.time):
        raise ValueError(
            "Excel turned this part into a date; format the column as text and type it as k/n"
        )
    if isinstance(value, str):
        k, slash, n = (s.strip() for s in value.partition("/"))
        if slash and k.isdigit() and n.isdigit() and 1 <= int(k) <= int(n):
            return int(k), int(n)
    raise ValueError(
        "empty" if _blank(value) else "not a part; write k/n with 1 <= k <= n, e.g. 1/2"
    )


def _bool(value: object) -> bool:
    if isinstance(value, bool):
        return value
    if isinstance(value, int | float) and value in (0, 1):
        return bool(value)
    if isinstance(value, str):
        text = value.strip().lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    raise ValueError("empty" if _blank(value) else "not TRUE or FALSE (yes/no, 1/0)")
