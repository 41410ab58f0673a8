"""Write the timetable workbook: the annex, `Assignments`, `Meetings`, `Changes` and `Solve`."""

from __future__ import annotations

import contextlib
import hashlib
from pathlib import Path
from typing import Protocol

from openpyxl import Workbook
from openpyxl.styles import Alignment, Border, Side
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.diff import TimetableDiff
from scheduler.io.annex import annex_header, annex_heading, annex_rows
from scheduler.io.timetable_workbook.changes import write_changes
from scheduler.io.timetable_workbook.layout import (
    ANNEX_WIDTHS,
    ASSIGNMENT_WIDTHS,
    ASSIGNMENTS,
    CHANGES,
    LINE_HEIGHT,
    MEETING_COLUMNS,
    MEETING_WIDTHS,
    MEETINGS,
    SOLVE,
    SOLVE_WIDTHS,
)
from scheduler.io.timetable_workbook.sheets import (
    BOLD,
    FONT,
    append_row,
    cell_height,
    header_lines,
    keep_days_together,
    print_setup,
    save,
    write_table,
)
from scheduler.labels import labels
from scheduler.result import SolveResult
from scheduler.rules import HARD_RULES, PREFERENCES
from scheduler.session import Session
from scheduler.timetable import ASSIGNMENT_COLUMNS, Assignment, Timetable

_THIN = Side(style="thin")
_BORDER = Border(left=_THIN, right=_THIN, top=_THIN, bottom=_THIN)
_WRAP = Alignment(wrap_text=True, vertical="top")


class RuleCheck(Protocol):
    """What the workbook needs of a validation report: whether a hard rule holds."""

    def holds(self, rule_name: str) -> bool: ...


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
        write_changes(book.create_sheet(CHANGES), changes)
    _write_solve(book.create_sheet(SOLVE), result, validation, lang, session_file)
    save(book, path)


def _write_annex(sheet: Worksheet, session: Session, timetable: Timetable, lang: str) -> None:
    """The annex as the printed document lays it out: three columns, a row per day and period.

    The day is a row of its own ("Lundi 15 octobre") above its period rows, in the same column as
    the times, instead of a date cell merged down over the periods: that is how the printed
    annex looks, so the six language versions line up row by row; and merged cells paste into
    Word as vertically merged table cells that break when a translator adds or removes a row.
    The day row is merged across the three columns only, so a long day name (Arabic) does not
    wrap in the first column. The heading ("Annexe", "Projet d'organisation des
    travaux") is in the printed page header, not in the cells, so selecting the whole sheet
    copies exactly the table.
    """
    sheet.title = labels(lang).annex.sheet
    sheet.sheet_view.rightToLeft = labels(lang).rtl  # Arabic: column A on the right
    header = annex_header(lang)
    append_row(sheet, (header.date, header.plenary, header.parallel))
    for cell in sheet[1]:
        cell.font = BOLD
    days: list[int] = []
    for row in annex_rows(session, timetable, lang):
        append_row(sheet, (row.date or row.time, row.plenary, row.parallel))
        if row.is_day:
            days.append(sheet.max_row)
    for column, width in enumerate(ANNEX_WIDTHS, start=1):
        sheet.column_dimensions[get_column_letter(column)].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            cell.alignment = _WRAP
            cell.border = _BORDER
            cell.font = BOLD if cell.row == 1 or cell.row in days else FONT
        # Excel does not grow rows for wrapped text it did not type itself: give the height.
        needed = max(cell_height(c.value, w) for c, w in zip(cells, ANNEX_WIDTHS, strict=True))
        if cells[0].row in days:  # merged across the row: one line
            needed = cell_height(cells[0].value, sum(ANNEX_WIDTHS))
        sheet.row_dimensions[cells[0].row].height = max(needed, LINE_HEIGHT)
    for day in days:
        sheet.merge_cells(start_row=day, start_column=1, end_row=day, end_column=3)
    sheet.freeze_panes = "A2"
    print_setup(sheet, landscape=True)
    header_lines(sheet, *annex_heading(lang))
    keep_days_together(sheet, days)


def _write_assignments(sheet: Worksheet, session: Session, timetable: Timetable, lang: str) -> None:
    """The timetable as an Excel table, titles in the workbook's language."""
    rows = [_assignment_row(a, session, lang) for a in timetable]
    write_table(sheet, ASSIGNMENTS, ASSIGNMENT_COLUMNS, rows, ASSIGNMENT_WIDTHS)


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
    write_table(sheet, MEETINGS, MEETING_COLUMNS, rows, MEETING_WIDTHS)


def _reproducible(result: SolveResult | None) -> str | None:
    """Whether the same run gives the same timetable (docs/RELIABILITY.md)."""
    if result is None:
        return None
    why = result.reproducible
    return "yes" if why is None else f"no: {why}"


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
        ("first timetable (s)", result.first_solution_time if result else None, "0.00"),
        ("OR-Tools version", _ortools_version(), None),
        ("seed", result.seed if result else None, None),
        ("workers", result.workers if result else None, None),
        ("reproducible", _reproducible(result), None),
        ("session file", str(session_file) if session_file else None, None),
        ("session file SHA-256", _sha256(session_file), None),
    ]
    for key, value, number_format in rows:
        append_row(sheet, (key, value))
        if number_format and isinstance(value, float):
            sheet.cell(sheet.max_row, 2).number_format = number_format
        sheet.cell(sheet.max_row, 1).font = BOLD
    append_row(sheet, ())
    append_row(sheet, ("rule", "text", "result"))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    for rule in HARD_RULES:
        append_row(sheet, (rule.name, rule.text(lang), _rule_state(validation, rule.name)))
    append_row(sheet, ())
    append_row(sheet, ("preference", "text", "cost"))
    for cell in sheet[sheet.max_row]:
        cell.font = BOLD
    penalties = result.penalties if result else {}
    for rule in PREFERENCES:
        append_row(sheet, (rule.name, rule.text(lang), penalties.get(rule.name)))
    for letter, width in zip("ABC", SOLVE_WIDTHS, strict=True):
        sheet.column_dimensions[letter].width = width
    for cells in sheet.iter_rows():
        for cell in cells:
            if not cell.font.b:
                cell.font = FONT
    print_setup(sheet, landscape=True)


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
    """The installed OR-Tools' version: the package's own `__version__` (that of its
    metadata), read without `importlib.metadata`, whose import costs more than the lookup."""
    try:
        import ortools
    except ImportError:  # pragma: no cover - a dependency
        return "not installed"
    found = getattr(ortools, "__version__", None)
    if isinstance(found, str):
        return found
    import importlib.metadata  # pragma: no cover - a version without `__version__`

    return importlib.metadata.version("ortools")  # pragma: no cover


def _sha256(path: Path | None) -> str | None:
    if path is None:
        return None
    try:
        return hashlib.sha256(Path(path).read_bytes()).hexdigest()
    except OSError:
        return "unreadable"
