"""Office files are bounded before they are parsed, and a broken part is a message.

Each reproducer is made here, a few kilobytes: a cell at row 1,048,576, a declared dimension
of a million rows, a part that expands a thousand times, many parts; and sheets whose XML is
truncated, garbage or carries a DOCTYPE, a workbook without styles, a chartsheet named
Assignments, a Word document whose styles are garbage.
"""

from __future__ import annotations

import io
import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import docx
import pytest
from openpyxl import Workbook
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode, InputError
from scheduler.io import zipguard
from scheduler.io.xlsx import open_workbook
from tests.conftest import TINY

runner = CliRunner()
SHEET = "xl/worksheets/sheet1.xml"


def _rewritten(source: bytes, path: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    """`source` (a zip) with each part changed by `change` (None drops the part)."""
    original = zipfile.ZipFile(io.BytesIO(source))
    with zipfile.ZipFile(path, "w", zipfile.ZIP_DEFLATED) as out:
        for info in original.infolist():
            data = change(info.filename, original.read(info.filename))
            if data is not None:
                out.writestr(info.filename, data)
    return path


def _workbook(path: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    book = Workbook()
    sheet = book.active
    assert sheet is not None
    sheet.title = "Assignments"
    sheet["A1"] = "activity"
    buffer = io.BytesIO()
    book.save(buffer)
    return _rewritten(buffer.getvalue(), path, change)


def _in_sheet(old: bytes, new: bytes) -> Callable[[str, bytes], bytes | None]:
    return lambda name, data: data.replace(old, new) if name == SHEET else data


def _refused(path: Path) -> InputError:
    began = time.perf_counter()
    with pytest.raises(InputError) as caught:
        open_workbook(path)
    assert time.perf_counter() - began < 5
    assert str(path) in caught.value.message
    return caught.value


def test_a_cell_at_the_last_row_is_refused_before_parsing(tmp_path):
    path = _workbook(tmp_path / "far.xlsx", _in_sheet(b'r="A1"', b'r="A1048576"'))
    assert "uses row 1,048,576; at most 100,000" in _refused(path).message


def test_a_declared_million_rows_is_refused(tmp_path):
    path = _workbook(
        tmp_path / "wide.xlsx",
        _in_sheet(b'<dimension ref="A1:A1"', b'<dimension ref="A1:XFD1048576"'),
    )
    assert "declares row 1,048,576" in _refused(path).message


def test_too_many_columns(tmp_path):
    path = _workbook(tmp_path / "wide.xlsx", _in_sheet(b'r="A1"', b'r="XFD1"'))
    assert "uses column 16,384; at most 1,000" in _refused(path).message


def test_a_part_that_expands_a_thousand_times_is_refused(tmp_path):
    path = _workbook(tmp_path / "bomb.xlsx", lambda name, data: data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("xl/sharedStrings.xml", b"<sst>" + b"a" * (4 * 2**20) + b"</sst>")
    assert "part xl/sharedStrings.xml expands" in _refused(path).message


def test_the_total_uncompressed_size_and_the_parts_are_bounded(tmp_path, monkeypatch):
    path = _workbook(tmp_path / "book.xlsx", lambda name, data: data)
    monkeypatch.setattr(zipguard, "MAX_UNCOMPRESSED", 1000)
    assert "once uncompressed; at most" in _refused(path).message
    monkeypatch.setattr(zipguard, "MAX_UNCOMPRESSED", 2**30)
    monkeypatch.setattr(zipguard, "MAX_PARTS", 3)
    assert "parts; at most 3" in _refused(path).message


def test_cells_are_counted_across_chunks(tmp_path, monkeypatch):
    rows = "".join(f'<row r="{n}"><c r="A{n}" t="n"><v>1</v></c></row>' for n in range(1, 3001))
    path = _workbook(
        tmp_path / "many.xlsx", _in_sheet(b"<sheetData>", f"<sheetData>{rows}".encode())
    )
    monkeypatch.setattr(zipguard, "_CHUNK", 1000)
    monkeypatch.setattr(zipguard, "MAX_CELLS", 3000)
    assert "more than 3,000 cells" in _refused(path).message
    monkeypatch.setattr(zipguard, "MAX_CELLS", 3001)
    open_workbook(path)  # 3,000 cells plus the header: within the limit


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda name, data: data[: len(data) // 2] if name == SHEET else data, id="truncated"
        ),
        pytest.param(
            lambda name, data: b"\x00\xffgarbage" if name == SHEET else data, id="garbage"
        ),
        pytest.param(
            _in_sheet(b"?>", b'?><!DOCTYPE x [<!ENTITY e SYSTEM "file:///etc/passwd">]>'),
            id="doctype",
        ),
        pytest.param(lambda name, data: None if name == "xl/styles.xml" else data, id="no-styles"),
        pytest.param(
            lambda name, data: b"<broken" if name == "xl/workbook.xml" else data, id="workbook-xml"
        ),
    ],
)
def test_a_broken_part_is_a_message_not_a_traceback(tmp_path, change):
    path = _workbook(tmp_path / "broken.xlsx", change)
    result = runner.invoke(app, ["check", str(TINY), str(path)])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert result.output.startswith(f"error: {path}"), result.output
    assert "root:" not in result.output  # nothing of /etc/passwd


def test_a_chartsheet_named_assignments(tmp_path):
    book = Workbook()
    book.create_chartsheet("Assignments")
    path = tmp_path / "chart.xlsx"
    book.save(path)
    result = runner.invoke(app, ["check", str(TINY), str(path)])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert result.output.startswith(f"error: {path}")
    assert "has chart sheets (Assignments)" in result.output


def _document(path: Path, change: Callable[[str, bytes], bytes | None]) -> Path:
    document = docx.Document()
    document.add_paragraph("1. Opening of the session")
    buffer = io.BytesIO()
    document.save(buffer)
    return _rewritten(buffer.getvalue(), path, change)


@pytest.mark.parametrize(
    "change",
    [
        pytest.param(
            lambda name, data: b"\x00garbage" if name == "word/styles.xml" else data, id="styles"
        ),
        pytest.param(
            lambda name, data: data[: len(data) // 2] if name == "word/document.xml" else data,
            id="truncated",
        ),
    ],
)
def test_a_broken_word_document_for_import_agenda(tmp_path, change):
    path = _document(tmp_path / "agenda.docx", change)
    out = tmp_path / "draft.yaml"
    result = runner.invoke(app, ["import-agenda", str(path), "-o", str(out)])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert result.output.startswith(f"error: {path}: cannot be read as a Word document")
    assert not out.exists()


def test_a_word_document_bomb_is_refused(tmp_path):
    path = _document(tmp_path / "agenda.docx", lambda name, data: data)
    with zipfile.ZipFile(path, "a", zipfile.ZIP_DEFLATED) as archive:
        archive.writestr("word/media/filler.xml", b" " * (4 * 2**20))
    result = runner.invoke(app, ["import-agenda", str(path), "-o", str(tmp_path / "d.yaml")])
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert "refused as a Word document: part word/media/filler.xml expands" in result.output
