"""Write a session (or a blank template) as a session workbook."""

from __future__ import annotations

from collections.abc import Iterator, Sequence
from pathlib import Path
from typing import Any

from openpyxl import Workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError
from scheduler.io.atomic import write_atomically
from scheduler.io.session_workbook.layout import (
    DATES,
    LIST_KINDS,
    PREFERENCES,
    PREFERRED,
    PREFERRED_FIRST_COLUMN,
    RULE_COLUMNS,
    SESSION,
    SETTING_HEADERS,
    SPEAKER_CLASSES,
    SPEAKERS,
    WEIGHT_HEADERS,
    Column,
    session_settings,
    table_sheets,
    value_at,
    weights,
)
from scheduler.io.session_workbook.template import (
    write_columns,
    write_lists,
    write_settings,
    write_table,
)
from scheduler.session import UN_LANGUAGES, Preferences, Session, SolverSettings

_FIRST_LANGUAGES = ("en", "fr")  # always given a column: the languages of the seed


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
    tables = table_sheets(languages)
    book = Workbook()
    first = book.active
    assert first is not None
    book.remove(first)
    write_settings(book.create_sheet(SESSION), session_settings(languages), data, SETTING_HEADERS)
    info = data["session"]
    days = sorted(
        [(d, "session") for d in info["days"]]
        + [(d, "pre-session") for d in info["pre_session_days"]]
        + [(d, "holiday") for d in info["holidays"]]
    )
    names = info.get("holiday_names") or {}
    write_table(
        book,
        tables["Days"],
        [[d, kind, *_titles_row(names.get(d), tables["Days"].columns[2:])] for d, kind in days],
    )
    write_table(book, tables["Periods"], _period_rows(info, tables["Periods"].columns))
    for name in ("Rooms", "Bodies", "Items", "Meetings"):
        sheet = tables[name]
        write_table(
            book, sheet, [_row(entry, sheet.columns) for entry in value_at(data, sheet.target)]
        )
    write_table(book, tables["Rules"], list(_rule_rows(data)))
    write_table(book, tables[SPEAKERS], list(_speaker_rows(data)))
    preferences = book.create_sheet(PREFERENCES)
    write_settings(preferences, weights(), data, WEIGHT_HEADERS)
    _write_preferred(preferences, data)
    published = data.get("published") or []
    write_table(
        book,
        tables["Published"],
        [_row(entry, tables["Published"].columns) for entry in published],
    )
    write_lists(book)
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


def _row(entry: dict[str, Any], columns: Sequence[Column]) -> list[object]:
    values = [value_at(entry, column.path) for column in columns]
    return [None if isinstance(value, dict) else value for value in values]


def _titles_row(titles: dict[str, Any] | None, columns: Sequence[Column]) -> list[object]:
    """The cells of a text per language (`name_en`, `name_fr`, ...); empty when no text."""
    return [value_at(titles, column.path[1:]) for column in columns]


def _period_rows(info: dict[str, Any], columns: Sequence[Column]) -> list[list[object]]:
    """The daily periods, then each day's own periods with the dates they are for."""
    rows = [_row(period, columns) for period in info["periods"]]
    for entry in info.get("day_periods") or []:
        rows += [_row({**period, DATES: entry[DATES]}, columns) for period in entry["periods"]]
    return rows


def _rule_rows(data: dict[str, Any]) -> Iterator[list[object]]:
    """One row per activity with rules; more rows for the further values of a list (one
    not-in-parallel partner, one date, ... per row)."""
    for entry in [*data["items"], *data["meetings"]]:
        values = [entry.get(c.path[0]) or None for c in RULE_COLUMNS]  # FALSE: empty
        lists = {
            k: list(v or [])
            for k, (c, v) in enumerate(zip(RULE_COLUMNS, values, strict=True))
            if c.kind in LIST_KINDS
        }
        if not any(values):
            continue
        for n in range(max([1, *(len(v) for v in lists.values())])):
            row: list[object] = [entry["id"]]
            for k, value in enumerate(values):
                if k in lists:
                    row.append(lists[k][n] if n < len(lists[k]) else None)
                else:
                    row.append(value if n == 0 else None)
            yield row


def _speaker_rows(data: dict[str, Any]) -> Iterator[list[object]]:
    """One row per class of speakers of an item: item | speakers | minutes each | label."""
    for entry in data["items"]:
        for speakers in entry.get("speaker_classes") or []:
            yield [entry["id"], *(speakers.get(c.path[0]) for c in SPEAKER_CLASSES[1:])]


def _write_preferred(sheet: Worksheet, data: dict[str, Any]) -> None:
    """The preferred slots, right of the weights: activity | date | period."""
    rows: list[list[object]] = []
    for entry in [*data["items"], *data["meetings"]]:
        for preferred in entry.get("preferred") or []:
            rows.append([entry["id"], preferred.get("date"), preferred.get("period")])
    write_columns(sheet, PREFERRED, rows, first_column=PREFERRED_FIRST_COLUMN)
