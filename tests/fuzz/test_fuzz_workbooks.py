"""Fuzzing workbooks: session workbooks and Assignments sheets edited cell by cell and sheet by
sheet, and workbook files damaged byte by byte (hypothesis, derandomized).

Each example reads back as a session or a timetable, or is refused with an `InputError`
naming the file; a timetable read back is then checked by the validator without an error.
"""

from __future__ import annotations

import io
import zipfile
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st
from openpyxl import load_workbook
from openpyxl.worksheet.worksheet import Worksheet

from scheduler.errors import InputError
from scheduler.io.session_file import load_session
from scheduler.io.session_workbook import load_session_workbook, write_session_workbook
from scheduler.io.timetable_workbook import read_assignments
from scheduler.io.xlsx import open_workbook
from scheduler.pipeline import Settings, Targets, plan, publish
from scheduler.validation import validate
from tests.conftest import TINY
from tests.fuzz.invariants import fuzz, refused_well
from tests.fuzz.mutations import CELL_VALUES

# A failing example is a whole workbook's bytes: hypothesis warns that its repr is long.
pytestmark = pytest.mark.filterwarnings("ignore:Generating overly large repr")


@cache
def _tiny():
    return load_session(TINY)


@cache
def _session_workbook(folder: Path) -> bytes:
    path = folder / "session.xlsx"
    write_session_workbook(path, _tiny())
    return path.read_bytes()


@cache
def _timetable_workbook(folder: Path) -> bytes:
    path = folder / "timetable.xlsx"
    run = plan(_tiny(), settings=Settings(time_limit=10, workers=1))
    publish(run, Targets(lang="en", workbook=path))
    return path.read_bytes()


@st.composite
def sheet_edits(draw: st.DrawFn, source: bytes, only: str | None = None) -> bytes:
    """The workbook with a few edits: cells set, rows inserted or deleted, sheets renamed or
    removed (in `only` when given)."""
    book = load_workbook(io.BytesIO(source))
    for _ in range(draw(st.integers(1, 4))):
        sheet = book[draw(st.sampled_from([only] if only else book.sheetnames))]
        assert isinstance(sheet, Worksheet)
        kind = draw(st.sampled_from(["cell", "cell", "cell", "insert", "delete", "rename", "drop"]))
        row = draw(st.integers(1, sheet.max_row + 2))
        if kind == "cell":
            sheet.cell(row, draw(st.integers(1, sheet.max_column + 1))).value = draw(CELL_VALUES)
        elif kind == "insert":
            sheet.insert_rows(row)
        elif kind == "delete":
            sheet.delete_rows(row)
        elif kind == "rename" and only is None:
            sheet.title = draw(st.sampled_from(["Sheet", "assignments ", "Rooms", "x"]))
        elif kind == "drop" and only is None and len(book.sheetnames) > 1:
            book.remove(sheet)
    out = io.BytesIO()
    book.save(out)
    return out.getvalue()


@pytest.fixture(scope="module")
def folder(tmp_path_factory) -> Path:
    return tmp_path_factory.mktemp("workbooks")


def _written(folder: Path, name: str, content: bytes) -> Path:
    path = folder / name
    path.write_bytes(content)
    return path


@fuzz(40)
@given(st.data())
def test_an_edited_session_workbook_loads_or_is_refused(folder, data):
    content = data.draw(sheet_edits(_session_workbook(folder)))
    path = _written(folder, "edited-session.xlsx", content)
    try:
        load_session_workbook(path)
    except InputError as exc:
        refused_well(exc, path)


@fuzz(40)
@given(st.data())
def test_an_edited_assignments_sheet_reads_or_is_refused(folder, data):
    content = data.draw(sheet_edits(_timetable_workbook(folder), only="Assignments"))
    path = _written(folder, "edited-timetable.xlsx", content)
    try:
        timetable = read_assignments(path, session=_tiny())
    except InputError as exc:
        refused_well(exc, path)
        return
    validate(_tiny(), timetable)  # findings, never an exception


@st.composite
def damaged(draw: st.DrawFn, source: bytes) -> bytes:
    """The file's bytes damaged: flipped, cut, or one part of the zip replaced."""
    kind = draw(st.sampled_from(["flip", "cut", "part"]))
    if kind == "flip":
        content = bytearray(source)
        for _ in range(draw(st.integers(1, 8))):
            content[draw(st.integers(0, len(content) - 1))] = draw(st.integers(0, 255))
        return bytes(content)
    if kind == "cut":
        return source[: draw(st.integers(0, len(source) - 1))]
    original = zipfile.ZipFile(io.BytesIO(source))
    names = original.namelist()
    victim = draw(st.sampled_from(names))
    replacement = draw(
        st.sampled_from([b"", b"<", b"\x00\xff", b"<?xml version='1.0'?><x/>", None])
    )
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as archive:
        for name in names:
            data = original.read(name)
            if name == victim:
                if replacement is None:
                    continue  # the part removed
                data = replacement if draw(st.booleans()) else data[: len(data) // 2]
            archive.writestr(name, data)
    return out.getvalue()


@fuzz(60)
@given(st.data())
def test_a_damaged_workbook_file_opens_or_is_refused(folder, data):
    kind = data.draw(st.sampled_from(["session", "timetable"]))
    source = _session_workbook(folder) if kind == "session" else _timetable_workbook(folder)
    path = _written(folder, "damaged.xlsx", data.draw(damaged(source)))
    try:
        open_workbook(path)
        if kind == "session":
            load_session_workbook(path)
        else:
            read_assignments(path, session=_tiny())
    except InputError as exc:
        refused_well(exc, path)
