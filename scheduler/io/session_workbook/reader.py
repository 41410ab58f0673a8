"""Read a session workbook into the data a session file gives, remembering each value's cell."""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError, InputErrors
from scheduler.io.session_file import session_from_data
from scheduler.io.session_workbook.cells import Cells, Loc
from scheduler.io.session_workbook.errors import in_cells
from scheduler.io.session_workbook.layout import (
    DATES,
    DAY_FIELDS,
    DAY_KINDS,
    PREFERENCES,
    PREFERRED,
    PREFERRED_FIRST_COLUMN,
    REQUIRED_SHEETS,
    SESSION,
    SETTING_HEADERS,
    SHEETS,
    SPEAKER_CLASSES,
    SPEAKERS,
    WEIGHT_HEADERS,
    Column,
    TableSheet,
    session_settings,
    table_sheets,
    weights,
)
from scheduler.io.session_workbook.values import from_cell, is_blank
from scheduler.io.xlsx import open_workbook
from scheduler.session import UN_LANGUAGES, Session


def load_session_workbook(path: str | Path) -> Session:
    """Read and validate a session workbook; errors name file, sheet, cell and value."""
    path = Path(path)
    data, cells = read_session_data(path)
    try:
        return session_from_data(data, file=path)
    except InputErrors as exc:
        raise in_cells(exc.errors, cells, path) from None
    except InputError as exc:  # pragma: no cover - session_from_data raises InputErrors
        raise in_cells([exc], cells, path) from None


def read_session_data(path: str | Path) -> tuple[dict[str, Any], Cells]:
    """The session data of a workbook, as YAML would give it, and the cell of each value.

    Problems the model cannot see (an unknown column, a rule for an unknown activity) raise
    `InputError` here, naming their cells.
    """
    path = Path(path)
    reader = _Reader(path, open_workbook(path))
    data = reader.read()
    if reader.errors:
        raise reader.errors[0] if len(reader.errors) == 1 else InputErrors(reader.errors)
    return data, reader.cells


class _Reader:
    """Turns the sheets into session data, remembering each value's cell."""

    def __init__(self, path: Path, book: Workbook) -> None:
        self.path = path
        self.book = book
        self.errors: list[InputError] = []
        self.cells = Cells()
        self.tables = table_sheets(UN_LANGUAGES)

    def read(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        sheets = {name: self._sheet(name) for name in SHEETS}
        session_sheet = sheets[SESSION]
        if session_sheet is not None:
            self._settings(session_sheet, session_settings(UN_LANGUAGES), data, SETTING_HEADERS)
        info = data.setdefault("session", {})
        info.setdefault("body", {})
        self._days(sheets["Days"], info)
        self._periods(sheets["Periods"], info)
        for name in ("Rooms", "Bodies", "Items", "Meetings"):
            spec = self.tables[name]
            entries = self._entries(sheets[name], spec, spec.target)
            if name != "Meetings" or entries:
                _put(data, spec.target, entries)
        data.setdefault("interpretation", {})
        self._rules(sheets["Rules"], data)
        self._speakers(sheets[SPEAKERS], data)
        preferences = sheets[PREFERENCES]
        if preferences is not None:
            self._settings(preferences, weights(), data, WEIGHT_HEADERS)
            self._preferred(preferences, data)
        published = self._entries(sheets["Published"], self.tables["Published"], ("published",))
        if published:
            data["published"] = published
        return data

    # --- sheets ---

    def _sheet(self, name: str) -> Worksheet | None:
        names = {n.strip().lower(): n for n in self.book.sheetnames}
        found = names.get(name.lower())
        if found is None:
            if name in REQUIRED_SHEETS:
                self.errors.append(
                    InputError(
                        f"no sheet {name!r} (sheets: {', '.join(self.book.sheetnames)}); "
                        "`schedule template` writes a workbook with every sheet",
                        file=self.path,
                    )
                )
            return None
        sheet = self.book[found]
        if not isinstance(sheet, Worksheet):
            self.errors.append(InputError("is a chart, not a sheet", file=self.path, field=found))
            return None
        return sheet

    def _columns(
        self, sheet: Worksheet, columns: Sequence[Column], first: int = 1, last: int | None = None
    ) -> dict[int, Column]:
        """The columns found in the header row (by name, any order), by 1-based position."""
        known = {_name(c.header): c for c in columns}
        found: dict[int, Column] = {}
        for cell in next(sheet.iter_rows(min_row=1, max_row=1, min_col=first, max_col=last), ()):
            header = _name(cell.value)
            if not header or header in {"note", "notes", "comment", "comments"}:
                continue
            column = known.get(header)
            if column is None:
                close = difflib.get_close_matches(header, list(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
                self._error(
                    cell, f"unknown column; {hint} (a column named 'note' is kept as a remark)"
                )
            elif column in found.values():
                self._error(cell, "this column is given twice")
            else:
                found[cell.column] = column
        return found

    def _rows(self, sheet: Worksheet, columns: dict[int, Column]) -> Iterator[dict[Column, Cell]]:
        """Each row with a value in a known column, as column -> cell."""
        if not columns:
            return
        low, high = min(columns), max(columns)
        for row in sheet.iter_rows(min_row=2, min_col=low, max_col=high):
            cells = {columns[c.column]: c for c in row if c.column in columns}
            if any(not is_blank(c.value) for c in cells.values()):
                yield cells

    def _entries(
        self, sheet: Worksheet | None, spec: TableSheet, target: tuple[str, ...]
    ) -> list[dict[str, Any]]:
        """One dict per row of a list sheet."""
        if sheet is None:
            return []
        self.cells.put(target, spec.name)
        entries: list[dict[str, Any]] = []
        for cells in self._rows(sheet, self._columns(sheet, spec.columns)):
            index = len(entries)
            entry: dict[str, Any] = {}
            first_cell = next(iter(cells.values()))
            self.cells.put((*target, index), f"{sheet.title}!A{first_cell.row}")
            for column, cell in cells.items():
                loc: Loc = (*target, index, *column.path)
                self.cells.put(loc, cell)
                if len(column.path) > 1:  # a text's first language stands for the whole text
                    self.cells.put(loc[:-1], f"{sheet.title}!{cell.coordinate}")
                value = from_cell(cell.value, column.kind)
                if value is None:
                    continue
                if len(column.path) > 1 and not isinstance(entry.get(column.path[0], {}), dict):
                    self._error(
                        cell,
                        f"{column.path[0]} is given for every language in its own column: "
                        "give it there or per language, not both",
                    )
                    continue
                _put(entry, column.path, value)
            entries.append(entry)
        return entries

    def _days(self, sheet: Worksheet | None, info: dict[str, Any]) -> None:
        for name in DAY_FIELDS.values():
            info[name] = []
        if sheet is None:
            return
        self.cells.put(("session", "days"), "Days")
        date_column, kind_column, *name_columns = self.tables["Days"].columns
        names: dict[Any, dict[str, Any]] = {}
        for cells in self._rows(sheet, self._columns(sheet, self.tables["Days"].columns)):
            self._holiday_name(cells, date_column, name_columns, names)
            kind_cell = cells.get(kind_column)
            kind = from_cell(kind_cell.value, "text") if kind_cell is not None else None
            kind = str(kind).strip().lower() if kind is not None else "session"
            if kind not in DAY_FIELDS:
                assert kind_cell is not None
                self._error(kind_cell, f"not a kind of day; write {', '.join(DAY_KINDS)}")
                continue
            days = info[DAY_FIELDS[kind]]
            date_cell = cells.get(date_column)
            loc: Loc = ("session", DAY_FIELDS[kind], len(days))
            if date_cell is not None:
                self.cells.put(loc, date_cell)
            else:
                self.cells.put(loc, f"Days!A{next(iter(cells.values())).row}")
            days.append(from_cell(date_cell.value, "date") if date_cell is not None else None)
        if names:
            info["holiday_names"] = names

    def _holiday_name(
        self,
        cells: dict[Column, Cell],
        date_column: Column,
        name_columns: Sequence[Column],
        names: dict[Any, dict[str, Any]],
    ) -> None:
        """The name a row gives its day (`name_en`, ...), kept under the day's date."""
        texts = {
            column.path[1]: from_cell(cell.value, column.kind)
            for column in name_columns
            if (cell := cells.get(column)) is not None and not is_blank(cell.value)
        }
        if not texts:
            return
        date_cell = cells.get(date_column)
        if date_cell is None or is_blank(date_cell.value):
            cell = next(c for col, c in cells.items() if col in name_columns)
            self._error(cell, "a name is given to no day; give its date in the date column")
            return
        date = from_cell(date_cell.value, "date")
        self.cells.put(("session", "holiday_names", str(date)), date_cell)
        names[date] = texts

    def _periods(self, sheet: Worksheet | None, info: dict[str, Any]) -> None:
        """The daily periods (no dates), and each group of days' own periods (by their dates)."""
        spec = self.tables["Periods"]
        target = ("session", "periods")
        rows = self._entries(sheet, spec, target)
        if sheet is None:
            info["periods"] = rows
            return
        daily: list[dict[str, Any]] = []
        groups: dict[frozenset[Any], dict[str, Any]] = {}
        moves: dict[int, Loc] = {}
        for index, row in enumerate(rows):
            dates = row.pop(DATES, None)
            if dates is None:
                moves[index] = (*target, len(daily))
                daily.append(row)
                continue
            key = frozenset(dates) if isinstance(dates, list) else frozenset([dates])
            if key not in groups:
                self.cells.move(
                    (*target, index, DATES), ("session", "day_periods", len(groups), DATES)
                )
                self.cells.put(
                    ("session", "day_periods", len(groups)), self.cells.at[(*target, index)][0]
                )
                groups[key] = {DATES: dates, "periods": []}
            group = groups[key]
            position = list(groups).index(key)
            moves[index] = ("session", "day_periods", position, "periods", len(group["periods"]))
            group["periods"].append(row)
        self.cells.renumber(target, moves)
        info["periods"] = daily
        if groups:
            self.cells.put(("session", "day_periods"), "Periods")
            info["day_periods"] = list(groups.values())

    def _settings(
        self,
        sheet: Worksheet,
        rows: Sequence[Column],
        data: dict[str, Any],
        headers: Sequence[str],
    ) -> None:
        """Key/value rows: the key in column A, the value in column B."""
        known = {_name(c.header): c for c in rows}
        seen: dict[str, str] = {}
        for key_cell, value_cell in sheet.iter_rows(min_row=2, max_col=2):
            key = _name(key_cell.value)
            if not key:
                continue
            column = known.get(key)
            if column is None:
                close = difflib.get_close_matches(key, list(known), n=1)
                hint = f"did you mean {close[0]!r}?" if close else f"known: {', '.join(known)}"
                self._error(key_cell, f"unknown {headers[0]}; {hint}")
                continue
            if key in seen:
                self._error(key_cell, f"given twice (also {seen[key]})")
                continue
            seen[key] = f"{sheet.title}!{key_cell.coordinate}"
            self.cells.put(column.path, value_cell)
            value = from_cell(value_cell.value, column.kind)
            if value is not None:
                _put(data, column.path, value)
        for column in rows:  # a missing row still points to its sheet
            self.cells.put(column.path, f"{sheet.title}!A:B ({column.header})")

    def _rules(self, sheet: Worksheet | None, data: dict[str, Any]) -> None:
        """Merge the rows of `Rules` into their items and meetings."""
        if sheet is None:
            return
        spec = self.tables["Rules"]
        owners = _owners(data)
        given: dict[Loc, str] = {}
        for cells in self._rows(sheet, self._columns(sheet, spec.columns)):
            owner = self._owner(cells.get(spec.columns[0]), owners, sheet, cells)
            if owner is None:
                continue
            where, entry = owner
            for column in spec.columns[1:]:
                cell = cells.get(column)
                value = from_cell(cell.value, column.kind) if cell is not None else None
                if cell is None or value is None:
                    continue
                name = column.path[0]
                ref = f"{sheet.title}!{cell.coordinate}"
                if column.kind in ("ids", "dates"):
                    partners = entry.setdefault(name, [])
                    for partner in value:
                        self.cells.put((*where, name, len(partners)), cell)
                        partners.append(partner)
                    continue
                loc = (*where, name)
                if loc in given and entry.get(name) != value:
                    self._error(
                        cell, f"{name} is given twice for this activity (also {given[loc]})"
                    )
                    continue
                given[loc] = ref
                self.cells.put(loc, cell)
                entry[name] = value

    def _speakers(self, sheet: Worksheet | None, data: dict[str, Any]) -> None:
        """The classes of speakers of the `Speakers` sheet, into their items."""
        if sheet is None:
            return
        items = {k: v for k, v in _owners(data).items() if v[0][0] == "items"}
        for cells in self._rows(sheet, self._columns(sheet, SPEAKER_CLASSES)):
            owner = self._owner(cells.get(SPEAKER_CLASSES[0]), items, sheet, cells, "Items")
            if owner is None:
                continue
            self._append_child(sheet, cells, *owner, "speaker_classes", SPEAKER_CLASSES[1:])

    def _preferred(self, sheet: Worksheet, data: dict[str, Any]) -> None:
        owners = _owners(data)
        columns = self._columns(sheet, PREFERRED, first=PREFERRED_FIRST_COLUMN)
        for cells in self._rows(sheet, columns):
            owner = self._owner(cells.get(PREFERRED[0]), owners, sheet, cells)
            if owner is None:
                continue
            self._append_child(sheet, cells, *owner, "preferred", PREFERRED[1:])

    def _append_child(
        self,
        sheet: Worksheet,
        cells: dict[Column, Cell],
        where: Loc,
        entry: dict[str, Any],
        key: str,
        columns: Sequence[Column],
    ) -> None:
        """One row of a sheet of sub-entries (an item's speaker classes, an activity's
        preferred slots) appended to `entry[key]`; each value's cell is kept for messages."""
        children = entry.setdefault(key, [])
        child: dict[str, Any] = {}
        loc: Loc = (*where, key, len(children))
        self.cells.put(loc, f"{sheet.title}!{next(iter(cells.values())).coordinate}")
        for column in columns:
            cell = cells.get(column)
            if cell is None:
                continue
            self.cells.put((*loc, column.path[0]), cell)
            value = from_cell(cell.value, column.kind)
            if value is not None:
                child[column.path[0]] = value
        children.append(child)

    def _owner(
        self,
        cell: Cell | None,
        owners: dict[str, tuple[Loc, dict[str, Any]]],
        sheet: Worksheet,
        cells: dict[Column, Cell],
        sheets: str = "Items or Meetings",
    ) -> tuple[Loc, dict[str, Any]] | None:
        """The item or meetings entry an `activity` cell names."""
        if cell is None or is_blank(cell.value):
            row = next(iter(cells.values())).row
            self.errors.append(
                InputError(
                    "empty; name the item or meetings (activity) this row is about",
                    file=self.path,
                    field=f"{sheet.title}!A{row}",
                )
            )
            return None
        activity = from_cell(cell.value, "id")
        if activity not in owners:
            self._error(cell, f"not an id of the {sheets} sheet")
            return None
        return owners[str(activity)]

    def _error(self, cell: Cell, problem: str) -> None:
        self.errors.append(
            InputError(
                problem,
                file=self.path,
                field=f"{cell.parent.title}!{cell.coordinate}",
                value=cell.value,
                has_value=not is_blank(cell.value),
            )
        )


def _owners(data: dict[str, Any]) -> dict[str, tuple[Loc, dict[str, Any]]]:
    owners: dict[str, tuple[Loc, dict[str, Any]]] = {}
    for name in ("items", "meetings"):
        for index, entry in enumerate(data.get(name) or []):
            if entry.get("id") is not None:
                owners.setdefault(str(entry["id"]), ((name, index), entry))
    return owners


def _put(data: dict[str, Any], path: Sequence[str], value: object) -> None:
    for key in path[:-1]:
        data = data.setdefault(key, {})
    data[path[-1]] = value


def _name(value: object) -> str:
    """A header or key as written, in the form the layout uses."""
    if value is None:
        return ""
    return re.sub(r"[\s\-]+", "_", str(value).strip().lower())
