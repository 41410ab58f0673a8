"""Session workbooks: a session kept in Excel, read and written like a session file (YAML).

Planners keep their sessions in spreadsheets. A session workbook holds exactly what a session
file holds, one sheet per part:

- `Session`: one row per setting (field | value | explanation): the body holding the session,
  its number and venue, languages, interpretation budget and teams, solver settings;
- `Days`: one row per day (date | kind): session days, pre-session days, holidays;
- `Periods`, `Rooms`, `Bodies`, `Items`, `Meetings`: one row per entry, one column per field;
- `Rules`: one row per activity that has rules (fixed start, date, earliest start, deadline,
  first/last, not in parallel with); an activity may take several rows, e.g. one per activity
  it must not meet in parallel with;
- `Preferences`: the weights (preference | weight | explanation) and, to their right, the
  preferred slots (activity | date | period), one row each;
- `Published`: the published timetable, if any (activity | date | period | room).

A text in several languages takes one column per language (`title_en`, `title_fr`, ...). Lists
of ids (a body's rooms, documents) are comma-separated in one cell. Headers carry comments that
explain each column; references (bodies, rooms, items, periods) offer drop-down lists; dates and
times are typed cells. The hidden `Lists` sheet only feeds those drop-down lists.

The reader builds the very dict a YAML file gives and validates it with the same model
(`scheduler.io.session_file.session_from_data`); each error is mapped back to the sheet and the
cell the value came from ("Items!H7") and names the value.
"""

from __future__ import annotations

import datetime as dt
import difflib
import re
from collections.abc import Callable, Iterable, Iterator, Sequence
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

from openpyxl import Workbook
from openpyxl.cell.cell import Cell
from openpyxl.comments import Comment
from openpyxl.styles import Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.workbook.defined_name import DefinedName
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.worksheet.table import Table, TableStyleInfo
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError, InputErrors
from scheduler.io.atomic import write_atomically
from scheduler.io.session_file import session_from_data
from scheduler.io.workbook import open_workbook
from scheduler.session import UN_LANGUAGES, BodyKind, Preferences, Session, SolverSettings

Kind = Literal["id", "text", "int", "float", "bool", "date", "datetime", "time", "ids"]
Loc = tuple[str | int, ...]

DATE_FORMAT = "yyyy-mm-dd"
DATETIME_FORMAT = "yyyy-mm-dd hh:mm"
TIME_FORMAT = "hh:mm"
TEXT_FORMAT = "@"
ROWS = 1000  # rows of each sheet prepared with formats and drop-down lists
AUTHOR = "schedule"
DAY_KINDS = ("session", "pre-session", "holiday")
_DAY_FIELDS = {"session": "days", "pre-session": "pre_session_days", "holiday": "holidays"}
_FIRST_LANGUAGES = ("en", "fr")  # always given a column: the languages of the seed
_BOLD = Font(bold=True)
_HEADER_FILL = PatternFill("solid", fgColor="DDEBF7")


@dataclass(frozen=True)
class Column:
    """One column of a sheet (or one row of a settings sheet): where its value goes, its type."""

    header: str
    path: tuple[str, ...]  # where the value goes in the entry, e.g. ("title", "en")
    kind: Kind
    help: str
    choices: tuple[str, ...] = ()  # a fixed drop-down list
    ref: str | None = None  # the defined name of the ids offered in a drop-down list
    width: int = 14


@dataclass(frozen=True)
class TableSheet:
    """A sheet of one row per entry of a list of the session (rooms, items, ...)."""

    name: str
    target: tuple[str, ...]  # where the list goes in the session data
    columns: tuple[Column, ...]
    help: str


# --- the layout ---------------------------------------------------------------------------------


def _titles(prefix: str, languages: Sequence[str], what: str, width: int = 40) -> list[Column]:
    return [
        Column(
            f"{prefix}_{lang}",
            (prefix, lang),
            "text",
            f"{what} in {lang} (columns {prefix}_ar, _zh, _en, _fr, _ru, _es may be added; "
            "at least one language is needed)",
            width=width,
        )
        for lang in languages
    ]


_RULE_COLUMNS: tuple[Column, ...] = (
    Column(
        "fixed_start",
        ("fixed_start",),
        "datetime",
        "Starts exactly then (date and time), e.g. the opening 2018-10-15 10:00",
        width=17,
    ),
    Column("date", ("date",), "date", "Held entirely on this date", width=12),
    Column(
        "earliest_start",
        ("earliest_start",),
        "datetime",
        "Does not start before then (date and time)",
        width=17,
    ),
    Column(
        "latest_end",
        ("latest_end",),
        "datetime",
        "Deadline: ends by then (date and time), e.g. 2018-10-18 12:00",
        width=17,
    ),
    Column("first", ("first",), "bool", "TRUE: taken before every other activity", width=8),
    Column("last", ("last",), "bool", "TRUE: taken after every other activity", width=8),
    Column(
        "not_in_parallel_with",
        ("not_in_parallel_with",),
        "ids",
        "An activity, or a body (all its activities), that must not meet in the same slot. "
        "One per row (add rows for the same activity), or several separated by commas",
        ref="partner_ids",
        width=22,
    ),
)

_RULES_HELP = (
    "Rules: one row per activity (item or meetings) that has rules; leave the other cells "
    "empty. The same activity may take several rows, e.g. one per activity it must not meet "
    "in parallel with; a rule given on two rows must have the same value on both."
)
_PREFERRED: tuple[Column, ...] = (
    Column(
        "activity",
        (),
        "id",
        "Preferred slots: an activity (item or meetings) and a slot it should preferably use: "
        "a date, a period or both. One row per preferred slot.",
        ref="activity_ids",
        width=16,
    ),
    Column("date", ("date",), "date", "The preferred date (empty: any date)", width=12),
    Column(
        "period", ("period",), "id", "The preferred period (empty: any)", ref="period_ids", width=9
    ),
)


def _table_sheets(languages: Sequence[str]) -> dict[str, TableSheet]:
    """The list sheets, with title columns for `languages`."""
    sheets = (
        TableSheet(
            "Days",
            ("session",),
            (
                Column("date", (), "date", "A day of the session", width=12),
                Column(
                    "kind",
                    (),
                    "text",
                    "session (a working day), pre-session (informal consultations before the "
                    "session) or holiday (no meetings). Empty: session",
                    choices=DAY_KINDS,
                    width=13,
                ),
            ),
            "Days: one row per day, in date order.",
        ),
        TableSheet(
            "Periods",
            ("session", "periods"),
            (
                Column("id", ("id",), "id", "Short name, e.g. AM, PM", width=8),
                Column("start", ("start",), "time", "Start time, e.g. 10:00", width=8),
                Column("end", ("end",), "time", "End time, e.g. 13:00", width=8),
                Column(
                    "evening",
                    ("evening",),
                    "bool",
                    "TRUE: an evening period, used only when evening meetings are allowed",
                    width=9,
                ),
            ),
            "Periods: the daily periods in which meetings may be held, in time order.",
        ),
        TableSheet(
            "Rooms",
            ("rooms",),
            (
                Column("id", ("id",), "id", "Short name used elsewhere, e.g. room-b", width=16),
                Column("name", ("name",), "text", "Full name (information only)", width=30),
                Column(
                    "interpretation",
                    ("interpretation",),
                    "bool",
                    "TRUE: the room has interpretation booths",
                    width=14,
                ),
                Column("capacity", ("capacity",), "int", "Seats (information only)", width=9),
            ),
            "Rooms: one row per room.",
        ),
        TableSheet(
            "Bodies",
            ("bodies",),
            (
                Column("id", ("id",), "id", "Short name used elsewhere, e.g. plenary", width=14),
                *_titles("name", languages, "The body's name", width=36),
                Column(
                    "kind",
                    ("kind",),
                    "text",
                    "plenary, working_group, committee, round_table, informal or other",
                    choices=get_args(BodyKind),
                    width=14,
                ),
                Column(
                    "rooms",
                    ("rooms",),
                    "ids",
                    "Rooms it may use, preferred first, separated by commas (the drop-down "
                    "offers the rooms of the Rooms sheet)",
                    ref="room_ids",
                    width=22,
                ),
                Column(
                    "interpreted",
                    ("interpreted",),
                    "bool",
                    "TRUE: its meetings have interpretation",
                    width=11,
                ),
                Column(
                    "order",
                    ("order",),
                    "text",
                    "agenda: its activities are taken in the order listed (default); free: any",
                    choices=("agenda", "free"),
                    width=8,
                ),
                Column(
                    "earliest_start",
                    ("earliest_start",),
                    "datetime",
                    "None of its meetings starts before then (date and time)",
                    width=17,
                ),
                Column(
                    "latest_end",
                    ("latest_end",),
                    "datetime",
                    "Deadline for all its meetings (date and time), e.g. 2018-10-18 12:00",
                    width=17,
                ),
            ),
            "Bodies: the plenary, working groups, informal consultations: who holds meetings.",
        ),
        TableSheet(
            "Items",
            ("items",),
            (
                Column("id", ("id",), "id", "The item's number, e.g. 1, 2b", width=8),
                Column(
                    "parent",
                    ("parent",),
                    "id",
                    "For a sub-item: its item (listed above it)",
                    ref="item_ids",
                    width=8,
                ),
                Column(
                    "body",
                    ("body",),
                    "id",
                    "The body taking it (empty: plenary)",
                    ref="body_ids",
                    width=12,
                ),
                *_titles("title", languages, "The item's title"),
                *_titles("annex_title", languages, "Shorter title for the organization of work"),
                Column(
                    "minutes",
                    ("minutes",),
                    "int",
                    "Estimated duration in minutes (or give meetings; a heading taken only "
                    "through its sub-items has neither)",
                    width=9,
                ),
                Column("meetings", ("meetings",), "int", "Duration in whole meetings", width=9),
                Column(
                    "share",
                    ("share",),
                    "bool",
                    "FALSE: may not share a meeting with other items (default TRUE)",
                    width=7,
                ),
                Column(
                    "run_on",
                    ("run_on",),
                    "bool",
                    "FALSE: may not run on into the next meeting (default TRUE)",
                    width=8,
                ),
                Column(
                    "speakers",
                    ("speakers",),
                    "int",
                    "Expected speakers (with minutes_per_speaker: they give the duration)",
                    width=9,
                ),
                Column(
                    "minutes_per_speaker",
                    ("minutes_per_speaker",),
                    "float",
                    "Speaking time of each speaker, in minutes: minutes = speakers x "
                    "minutes_per_speaker + allowance",
                    width=10,
                ),
                Column(
                    "allowance",
                    ("allowance",),
                    "int",
                    "Minutes added to the speakers' time (chair, introductions, replies)",
                    width=9,
                ),
                Column(
                    "documents",
                    ("documents",),
                    "ids",
                    "Document symbols, separated by commas",
                    width=30,
                ),
            ),
            "Items: the agenda, one row per item or sub-item, in agenda order.",
        ),
        TableSheet(
            "Meetings",
            ("meetings",),
            (
                Column("id", ("id",), "id", "Short name used elsewhere, e.g. wg-ic-10", width=16),
                Column(
                    "body", ("body",), "id", "The parallel body meeting", ref="body_ids", width=12
                ),
                *_titles("title", languages, "Title"),
                Column("meetings", ("meetings",), "int", "Number of whole meetings", width=9),
            ),
            "Meetings: the meetings of parallel bodies (working groups, consultations).",
        ),
        TableSheet(
            "Rules",
            (),
            (
                Column(
                    "activity",
                    (),
                    "id",
                    "The item or meetings these rules apply to",
                    ref="activity_ids",
                    width=16,
                ),
                *_RULE_COLUMNS,
            ),
            _RULES_HELP,
        ),
        TableSheet(
            "Published",
            ("published",),
            (
                Column(
                    "activity",
                    ("activity",),
                    "id",
                    "An activity (item or meetings)",
                    ref="activity_ids",
                    width=16,
                ),
                Column("date", ("date",), "date", "The date it is held", width=12),
                Column(
                    "period", ("period",), "id", "The period it is held", ref="period_ids", width=9
                ),
                Column(
                    "room",
                    ("room",),
                    "id",
                    "The room (empty: the body's first room)",
                    ref="room_ids",
                    width=14,
                ),
            ),
            "Published: the published organization of work, if any: one row per activity and "
            "slot (leave empty if nothing is published yet).",
        ),
    )
    return {sheet.name: sheet for sheet in sheets}


def _session_settings(languages: Sequence[str]) -> tuple[Column, ...]:
    """The rows of the `Session` sheet."""
    return (
        *(
            Column(
                f"body_{lang}",
                ("session", "body", lang),
                "text",
                f"The body holding the session, in {lang} (rows body_ar ... body_es may be added)",
            )
            for lang in languages
        ),
        Column("symbol", ("session", "symbol"), "text", "Document symbol prefix, e.g. CTOC/COP"),
        Column("number", ("session", "number"), "int", "Session number, e.g. 9"),
        Column("venue", ("session", "venue"), "text", "Where it meets, e.g. Vienna"),
        Column(
            "languages",
            ("session", "languages"),
            "ids",
            "Languages of the session, separated by commas (ar, zh, en, fr, ru, es)",
        ),
        Column(
            "evening_meetings",
            ("session", "evening_meetings"),
            "bool",
            "TRUE: evening periods may be used",
        ),
        Column(
            "interpretation_budget",
            ("interpretation", "budget"),
            "int",
            "Meetings with interpretation granted for the session",
        ),
        Column(
            "interpretation_teams",
            ("interpretation", "teams"),
            "int",
            "Interpreted meetings that can run at the same time",
        ),
        Column(
            "parallel_cap",
            ("interpretation", "parallel_cap"),
            "int",
            "Meetings of any kind that may run at the same time (empty: no cap)",
        ),
        Column("time_limit", ("solver", "time_limit"), "float", "Seconds of search"),
        Column("workers", ("solver", "workers"), "int", "Solver threads (0: all cores)"),
        Column("seed", ("solver", "seed"), "int", "Random seed of the search"),
    )


def _weights() -> tuple[Column, ...]:
    """The weight rows of the `Preferences` sheet: every field of `Preferences`."""
    return tuple(
        Column(name, ("preferences", name), "int", info.description or name)
        for name, info in Preferences.model_fields.items()
    )


SESSION = "Session"
PREFERENCES = "Preferences"
LISTS = "Lists"
#: Sheets of a session workbook, in order.
SHEETS: tuple[str, ...] = (
    SESSION,
    "Days",
    "Periods",
    "Rooms",
    "Bodies",
    "Items",
    "Meetings",
    "Rules",
    PREFERENCES,
    "Published",
)
_REQUIRED_SHEETS = (SESSION, "Days", "Periods", "Rooms", "Bodies", "Items")
_SETTING_HEADERS = ("field", "value", "explanation")
_WEIGHT_HEADERS = ("preference", "weight", "explanation")
_PREFERRED_FIRST_COLUMN = 5  # E: the preferred slots sit right of the weights


def covered_fields() -> set[str]:
    """The fields of the session format the workbook holds, as dotted paths (`items.title`),
    so a test can tell when the format gains a field the workbook has no place for."""
    tables = _table_sheets(UN_LANGUAGES)
    found = {f"session.{name}" for name in _DAY_FIELDS.values()}
    for name in ("Periods", "Rooms", "Bodies", "Items", "Meetings", "Published"):
        spec = tables[name]
        found |= {".".join((*spec.target, c.path[0])) for c in spec.columns}
    for owner in ("items", "meetings"):
        found |= {f"{owner}.{c.path[0]}" for c in _RULE_COLUMNS}
        found |= {f"{owner}.preferred.{c.path[0]}" for c in _PREFERRED[1:]}
    for column in (*_session_settings(UN_LANGUAGES), *_weights()):
        found.add(".".join(column.path[:2]))
    return found


# --- writing ------------------------------------------------------------------------------------


def write_session_workbook(path: str | Path, session: Session | None = None) -> None:
    """Write `session` as a session workbook at `path`, atomically; None writes a blank one.

    A blank workbook (the template) has headers, comments and drop-down lists, and the
    defaults filled in (weights, solver settings, languages).
    """
    book = session_workbook(session)
    try:
        write_atomically(path, book.save)
    except OSError as exc:
        raise InputError(f"cannot be written ({exc.strerror or exc})", file=path) from None


def write_session_template(path: str | Path) -> None:
    """Write a blank session workbook (what `schedule template` gives planners)."""
    write_session_workbook(path, None)


def session_workbook(session: Session | None) -> Workbook:
    """The session workbook of `session` (blank when None), in memory."""
    data = session.model_dump(mode="python") if session is not None else _blank_data()
    languages = _languages_used(data)
    tables = _table_sheets(languages)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    _write_settings(
        book.create_sheet(SESSION), _session_settings(languages), data, _SETTING_HEADERS
    )
    info = data["session"]
    days = sorted(
        [(d, "session") for d in info["days"]]
        + [(d, "pre-session") for d in info["pre_session_days"]]
        + [(d, "holiday") for d in info["holidays"]]
    )
    _write_table(book, tables["Days"], [[d, kind] for d, kind in days])
    for name in ("Periods", "Rooms", "Bodies", "Items", "Meetings"):
        sheet = tables[name]
        _write_table(book, sheet, [_row(entry, sheet.columns) for entry in _at(data, sheet.target)])
    _write_table(book, tables["Rules"], list(_rule_rows(data)))
    preferences = book.create_sheet(PREFERENCES)
    _write_settings(preferences, _weights(), data, _WEIGHT_HEADERS)
    _write_preferred(preferences, data)
    published = data.get("published") or []
    _write_table(
        book,
        tables["Published"],
        [_row(entry, tables["Published"].columns) for entry in published],
    )
    _write_lists(book)
    return book


def _blank_data() -> dict[str, Any]:
    """What a blank workbook shows: empty lists, and the settings that have defaults."""
    return {
        "session": {
            "body": {},
            "languages": list(UN_LANGUAGES),
            "days": [],
            "pre_session_days": [],
            "holidays": [],
            "periods": [],
            "evening_meetings": False,
        },
        "interpretation": {},
        "rooms": [],
        "bodies": [],
        "items": [],
        "meetings": [],
        "preferences": Preferences().model_dump(),
        "solver": SolverSettings().model_dump(),
        "published": None,
    }


def _languages_used(data: dict[str, Any]) -> list[str]:
    """English and French, then every other language a text of the session is given in."""
    found: set[str] = set()

    def visit(value: object) -> None:
        if isinstance(value, dict):
            keys = set(value)
            if keys and keys <= set(UN_LANGUAGES):
                found.update(k for k, v in value.items() if v)
            for inner in value.values():
                visit(inner)
        elif isinstance(value, list):
            for inner in value:
                visit(inner)

    visit({k: v for k, v in data.items() if k != "session"} | {"body": data["session"]["body"]})
    return [*_FIRST_LANGUAGES, *(lang for lang in UN_LANGUAGES if lang in found - {"en", "fr"})]


def _at(data: Any, path: Sequence[str | int]) -> Any:
    for key in path:
        if data is None:
            return None
        data = data[key] if isinstance(key, int) else data.get(key)
    return data


def _row(entry: dict[str, Any], columns: Sequence[Column]) -> list[object]:
    return [_at(entry, column.path) for column in columns]


def _rule_rows(data: dict[str, Any]) -> Iterator[list[object]]:
    """One row per activity with rules; one more row per further not-in-parallel partner."""
    for entry in [*data["items"], *data["meetings"]]:
        values = [entry.get(c.path[0]) or None for c in _RULE_COLUMNS[:-1]]  # FALSE: empty
        partners = list(entry.get("not_in_parallel_with") or [])
        if not any(values) and not partners:
            continue
        yield [entry["id"], *values, partners[0] if partners else None]
        for partner in partners[1:]:
            yield [entry["id"], *([None] * (len(_RULE_COLUMNS) - 1)), partner]


def _write_settings(
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
        value = _cell_value(_at(data, column.path), column)
        _set(sheet.cell(index, 2), value, column)
        sheet.cell(index, 3, column.help)
        _validate(sheet, column, f"B{index}")
    sheet.freeze_panes = "A2"


def _write_preferred(sheet: Worksheet, data: dict[str, Any]) -> None:
    """The preferred slots, right of the weights: activity | date | period."""
    rows: list[list[object]] = []
    for entry in [*data["items"], *data["meetings"]]:
        for preferred in entry.get("preferred") or []:
            rows.append([entry["id"], preferred.get("date"), preferred.get("period")])
    _write_columns(sheet, _PREFERRED, rows, first_column=_PREFERRED_FIRST_COLUMN)


def _write_table(book: Workbook, spec: TableSheet, rows: Sequence[Sequence[object]]) -> None:
    """A sheet holding one Excel table of `spec.columns`, with comments and drop-down lists."""
    sheet = book.create_sheet(spec.name)
    _write_columns(sheet, spec.columns, rows)
    first = sheet.cell(1, 1).comment
    assert first is not None
    sheet.cell(1, 1).comment = _comment(f"{spec.help}\n\n{spec.columns[0].header}: {first.text}")
    last = get_column_letter(len(spec.columns))
    table = Table(displayName=f"{spec.name}Table", ref=f"A1:{last}{max(len(rows) + 1, 2)}")
    table.tableStyleInfo = TableStyleInfo(name="TableStyleLight9", showRowStripes=True)
    sheet.add_table(table)
    sheet.freeze_panes = "B2"


def _write_columns(
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
    if column.kind == "ids" and not isinstance(value, str):
        return ", ".join(str(v) for v in value)  # type: ignore[attr-defined]
    return value


def _number_format(column: Column) -> str:
    return {
        "date": DATE_FORMAT,
        "datetime": DATETIME_FORMAT,
        "time": TIME_FORMAT,
        "id": TEXT_FORMAT,
        "text": TEXT_FORMAT,
        "ids": TEXT_FORMAT,
    }.get(column.kind, "General")


def _set(cell: Cell, value: object, column: Column) -> None:
    cell.value = value
    cell.number_format = _number_format(column)
    if isinstance(value, str) and value.startswith("="):
        cell.data_type = "s"  # text, not a formula


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
    validation.showErrorMessage = column.kind != "ids"  # several ids: a warning at most
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


def _write_lists(book: Workbook) -> None:
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


# --- reading ------------------------------------------------------------------------------------


def load_session_workbook(path: str | Path) -> Session:
    """Read and validate a session workbook; errors name file, sheet, cell and value."""
    path = Path(path)
    data, cells = read_session_data(path)
    try:
        return session_from_data(data, file=path)
    except InputErrors as exc:
        raise _in_cells(exc.errors, cells, path) from None
    except InputError as exc:  # pragma: no cover - session_from_data raises InputErrors
        raise _in_cells([exc], cells, path) from None


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


@dataclass
class Cells:
    """Where each value of the session data came from: location -> (`Sheet!A1`, value)."""

    at: dict[Loc, tuple[str, object]] = field(default_factory=dict)

    def put(self, loc: Loc, cell: Cell | str, value: object = None) -> None:
        if isinstance(cell, str):
            self.at.setdefault(loc, (cell, None))
        else:
            self.at[loc] = (f"{cell.parent.title}!{cell.coordinate}", cell.value)

    def find(self, loc: Loc, message: str) -> tuple[str, object] | None:
        """The cell of `loc`; for a list or entry, the cell whose value the message names."""
        if loc in self.at and not self._has_children(loc):
            return self.at[loc]
        inside = [(k, v) for k, v in self.at.items() if k[: len(loc)] == loc and k != loc]
        named = [
            place for _, place in inside if place[1] is not None and _named_in(place[1], message)
        ]
        if named:  # "listed twice": the second one is the one to remove
            return named[-1] if "twice" in message else named[0]
        if loc in self.at:
            return self.at[loc]
        if inside:
            return inside[0][1]
        return self.find(loc[:-1], message) if loc else None

    def knows(self, loc: Loc) -> bool:
        """Whether `loc` or something inside it came from a cell."""
        return loc in self.at or self._has_children(loc)

    def _has_children(self, loc: Loc) -> bool:
        return any(len(k) > len(loc) and k[: len(loc)] == loc for k in self.at)


def _named_in(value: object, message: str) -> bool:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        value = value.date()
    text = str(value).strip()
    return bool(text) and (f"'{text}'" in message or (len(text) > 3 and text in message))


class _Reader:
    """Turns the sheets into session data, remembering each value's cell."""

    def __init__(self, path: Path, book: Workbook) -> None:
        self.path = path
        self.book = book
        self.errors: list[InputError] = []
        self.cells = Cells()
        self.tables = _table_sheets(UN_LANGUAGES)

    def read(self) -> dict[str, Any]:
        data: dict[str, Any] = {}
        sheets = {name: self._sheet(name) for name in SHEETS}
        session_sheet = sheets[SESSION]
        if session_sheet is not None:
            self._settings(session_sheet, _session_settings(UN_LANGUAGES), data, _SETTING_HEADERS)
        info = data.setdefault("session", {})
        info.setdefault("body", {})
        self._days(sheets["Days"], info)
        for name in ("Periods", "Rooms", "Bodies", "Items", "Meetings"):
            spec = self.tables[name]
            entries = self._entries(sheets[name], spec, spec.target)
            if name != "Meetings" or entries:
                _put(data, spec.target, entries)
        data.setdefault("interpretation", {})
        self._rules(sheets["Rules"], data)
        preferences = sheets[PREFERENCES]
        if preferences is not None:
            self._settings(preferences, _weights(), data, _WEIGHT_HEADERS)
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
            if name in _REQUIRED_SHEETS:
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
            if any(not _blank(c.value) for c in cells.values()):
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
                value = _value(cell.value, column.kind)
                if value is not None:
                    _put(entry, column.path, value)
            entries.append(entry)
        return entries

    def _days(self, sheet: Worksheet | None, info: dict[str, Any]) -> None:
        for name in _DAY_FIELDS.values():
            info[name] = []
        if sheet is None:
            return
        self.cells.put(("session", "days"), "Days")
        date_column, kind_column = self.tables["Days"].columns
        for cells in self._rows(sheet, self._columns(sheet, self.tables["Days"].columns)):
            kind_cell = cells.get(kind_column)
            kind = _value(kind_cell.value, "text") if kind_cell is not None else None
            kind = str(kind).strip().lower() if kind is not None else "session"
            if kind not in _DAY_FIELDS:
                assert kind_cell is not None
                self._error(kind_cell, f"not a kind of day; write {', '.join(DAY_KINDS)}")
                continue
            days = info[_DAY_FIELDS[kind]]
            date_cell = cells.get(date_column)
            loc: Loc = ("session", _DAY_FIELDS[kind], len(days))
            if date_cell is not None:
                self.cells.put(loc, date_cell)
            else:
                self.cells.put(loc, f"Days!A{next(iter(cells.values())).row}")
            days.append(_value(date_cell.value, "date") if date_cell is not None else None)

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
            value = _value(value_cell.value, column.kind)
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
                value = _value(cell.value, column.kind) if cell is not None else None
                if cell is None or value is None:
                    continue
                name = column.path[0]
                ref = f"{sheet.title}!{cell.coordinate}"
                if column.kind == "ids":
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

    def _preferred(self, sheet: Worksheet, data: dict[str, Any]) -> None:
        owners = _owners(data)
        columns = self._columns(sheet, _PREFERRED, first=_PREFERRED_FIRST_COLUMN)
        for cells in self._rows(sheet, columns):
            owner = self._owner(cells.get(_PREFERRED[0]), owners, sheet, cells)
            if owner is None:
                continue
            where, entry = owner
            slots = entry.setdefault("preferred", [])
            slot: dict[str, Any] = {}
            loc: Loc = (*where, "preferred", len(slots))
            self.cells.put(loc, f"{sheet.title}!{next(iter(cells.values())).coordinate}")
            for column in _PREFERRED[1:]:
                cell = cells.get(column)
                if cell is None:
                    continue
                self.cells.put((*loc, column.path[0]), cell)
                value = _value(cell.value, column.kind)
                if value is not None:
                    slot[column.path[0]] = value
            slots.append(slot)

    def _owner(
        self,
        cell: Cell | None,
        owners: dict[str, tuple[Loc, dict[str, Any]]],
        sheet: Worksheet,
        cells: dict[Column, Cell],
    ) -> tuple[Loc, dict[str, Any]] | None:
        """The item or meetings entry an `activity` cell names."""
        if cell is None or _blank(cell.value):
            row = next(iter(cells.values())).row
            self.errors.append(
                InputError(
                    "empty; name the item or meetings (activity) this row is about",
                    file=self.path,
                    field=f"{sheet.title}!A{row}",
                )
            )
            return None
        activity = _value(cell.value, "id")
        if activity not in owners:
            self._error(cell, "not an id of the Items or Meetings sheet")
            return None
        return owners[str(activity)]

    def _error(self, cell: Cell, problem: str) -> None:
        self.errors.append(
            InputError(
                problem,
                file=self.path,
                field=f"{cell.parent.title}!{cell.coordinate}",
                value=cell.value,
                has_value=not _blank(cell.value),
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


def _blank(value: object) -> bool:
    return value is None or (isinstance(value, str) and not value.strip())


_TRUE = {"true", "yes", "1", "vrai", "oui"}
_FALSE = {"false", "no", "0", "faux", "non"}


def _value(value: object, kind: Kind) -> Any:
    """A cell's value as the session model takes it; what cannot be read goes as it is, for
    the model to refuse with the value named."""
    if _blank(value):
        return None
    if isinstance(value, str) and kind not in ("text",):
        value = value.strip()
    if isinstance(value, float) and value.is_integer() and kind in ("id", "text", "int", "ids"):
        value = int(value)
    converters: dict[str, Callable[[Any], Any]] = {
        "id": _as_id,
        "text": lambda v: str(v) if isinstance(v, int | float) and not isinstance(v, bool) else v,
        "bool": _as_bool,
        "date": _as_date,
        "datetime": lambda v: v,
        "time": _as_time,
        "ids": _as_ids,
    }
    convert = converters.get(kind)
    return convert(value) if convert else value


def _as_id(value: Any) -> Any:
    return str(value) if isinstance(value, int) and not isinstance(value, bool) else value


def _as_bool(value: Any) -> Any:
    if isinstance(value, str):
        text = value.lower()
        if text in _TRUE:
            return True
        if text in _FALSE:
            return False
    if isinstance(value, int) and not isinstance(value, bool) and value in (0, 1):
        return bool(value)
    return value


def _as_date(value: Any) -> Any:
    if isinstance(value, dt.datetime) and value.time() == dt.time(0):
        return value.date()
    return value


def _as_time(value: Any) -> Any:
    if isinstance(value, dt.datetime):
        return value.time()
    if isinstance(value, float) and 0 <= value < 1:  # an Excel time as a fraction of a day
        minutes = round(value * 24 * 60)
        return dt.time(minutes // 60, minutes % 60)
    return value


def _as_ids(value: Any) -> Any:
    if isinstance(value, str):
        return [part.strip() for part in re.split(r"[,;]", value) if part.strip()]
    if isinstance(value, int) and not isinstance(value, bool):
        return [str(value)]
    return value


# --- errors -------------------------------------------------------------------------------------

_TOKEN = re.compile(r"([^.\[\]]+)|\[(\d+)\]")


def _loc(field_text: str) -> Loc:
    """`items[3].title.en` as a location ("items", 3, "title", "en")."""
    return tuple(int(index) if index else name for name, index in _TOKEN.findall(field_text))


def _in_cells(errors: Iterable[InputError], cells: Cells, path: Path) -> InputError:
    """The model's errors, each naming the cell its value came from."""
    found = [_in_cell(error, cells, path) for error in errors]
    return found[0] if len(found) == 1 else InputErrors(found)


def _in_cell(error: InputError, cells: Cells, path: Path) -> InputError:
    problem = error.problem
    candidates = [_loc(part) for part in (error.field or "").split("/") if part]
    head, colon, rest = problem.partition(": ")
    for loc in list(candidates):  # "days: ... listed twice" found on `session`
        if colon and re.fullmatch(r"\w+", head) and cells.knows((*loc, head)):
            candidates.insert(0, (*loc, head))
            problem = rest
            break
    place = next(
        (found for loc in candidates if (found := cells.find(loc, problem)) is not None), None
    )
    if problem == "missing":
        problem = "required, but empty"
    elif problem.startswith("List should have at least 1 item"):
        problem = "no rows; give at least one"
    if place is None:
        return InputError(
            problem, file=path, field=error.field, value=error.value, has_value=error.has_value
        )
    ref, value = place
    return InputError(
        problem,
        file=path,
        field=ref,
        value=value,
        has_value=error.has_value and not _blank(value),
    )
