"""`from_cell`, the one cell-to-value step of session workbooks and the timetable workbook."""

from __future__ import annotations

import datetime as dt
from pathlib import Path

import openpyxl
import pytest

from scheduler.errors import InputError
from scheduler.io.session_file import load_session
from scheduler.io.session_workbook import load_session_workbook, write_session_workbook
from scheduler.io.session_workbook.values import from_cell, is_blank
from scheduler.io.timetable_workbook import read_assignments, write_workbook
from scheduler.published import published_timetable
from tests.conftest import TINY


@pytest.mark.parametrize(
    ("value", "kind", "expected"),
    [
        (None, "id", None),
        ("  ", "text", None),
        (" plenary ", "id", "plenary"),
        (" Opening ", "text", " Opening "),  # text is the model's to trim
        (5.0, "id", "5"),
        (5, "id", "5"),
        (5.5, "id", 5.5),  # not an id: the model names it
        (True, "id", True),
        (60.0, "int", 60),
        (" 60 ", "int", "60"),
        (" Oui ", "bool", True),
        ("FAUX", "bool", False),
        (1, "bool", True),
        ("maybe", "bool", "maybe"),
        ("=FALSE()", "bool", False),  # LibreOffice's boolean, cached value dropped
        ("=TRUE()", "bool", True),
        ("= true ( ) ", "bool", True),
        ("=TRUE", "bool", True),
        ("=A1", "bool", "=A1"),  # another formula: the model names it
        (dt.datetime(2018, 10, 15), "date", dt.date(2018, 10, 15)),
        (dt.datetime(2018, 10, 15, 10), "date", dt.datetime(2018, 10, 15, 10)),
        (dt.datetime(1900, 1, 1, 15), "time", dt.time(15)),
        (15 / 24, "time", dt.time(15)),
        (0.4166667, "time", dt.time(10)),  # within a second of 10:00
        (0, "time", dt.time(0)),
        (1.5, "time", 1.5),
        (True, "time", True),
        ("a, b; c", "ids", ["a", "b", "c"]),
        (7, "ids", ["7"]),
    ],
)
def test_from_cell(value, kind, expected):
    got = from_cell(value, kind)
    assert got == expected and type(got) is type(expected)


def test_an_excel_time_off_the_minute_keeps_its_seconds_as_a_time_cell_does():
    assert from_cell(0.41701, "time") == dt.time(10, 0, 29, 664000)
    assert from_cell(0.99999, "time") == dt.time(23, 59, 59, 136000)  # not 24:00
    assert from_cell(dt.time(10, 0, 29), "time") == dt.time(10, 0, 29)


@pytest.mark.parametrize("value", [None, "", "   ", "\n"])
def test_blank(value):
    assert is_blank(value)


@pytest.mark.parametrize("value", [0, False, "0", " x "])
def test_not_blank(value):
    assert not is_blank(value)


def test_a_session_period_ending_just_before_midnight_is_an_input_error_not_a_crash(tmp_path):
    """A number cell that rounds to 24:00 once raised a bare ValueError out of the reader."""
    path = tmp_path / "tiny.xlsx"
    write_session_workbook(path, load_session(TINY))
    book = openpyxl.load_workbook(path)
    book["Periods"]["C2"] = 0.99999
    book["Periods"]["C2"].number_format = "General"  # a number, not a time cell
    book.save(path)
    with pytest.raises(InputError, match="Periods: PM starts before AM ends"):
        load_session_workbook(path)


def _booleans_as_libreoffice_formulas(path: Path, sheet: str) -> int:
    """Turn every boolean cell of `sheet` into the formula LibreOffice saves, `=TRUE()` or
    `=FALSE()`, saved by openpyxl, which drops the cached values (as pandas does)."""
    book = openpyxl.load_workbook(path)
    turned = 0
    for row in book[sheet].iter_rows():
        for cell in row:
            if isinstance(cell.value, bool):
                cell.value = "=TRUE()" if cell.value else "=FALSE()"
                turned += 1
    book.save(path)
    return turned


def test_libreoffice_booleans_without_their_values_read_as_booleans(cop9, tmp_path):
    """A workbook LibreOffice saved, then openpyxl or pandas touched, once gave 23 times
    "Assignments!K2: empty"."""
    path = tmp_path / "timetable.xlsx"
    timetable = published_timetable(cop9, lang="fr")
    write_workbook(path, cop9, timetable, None, None)
    assert _booleans_as_libreoffice_formulas(path, "Assignments") >= 2 * len(timetable)
    assert read_assignments(path) == timetable


def test_libreoffice_booleans_in_a_session_workbook(tmp_path):
    path = tmp_path / "tiny.xlsx"
    tiny = load_session(TINY)
    write_session_workbook(path, tiny)
    assert _booleans_as_libreoffice_formulas(path, "Bodies") > 0
    assert load_session_workbook(path) == tiny
