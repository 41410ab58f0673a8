"""No text a planner typed becomes a live formula in any workbook we write.

The reproducer: titles, names and a venue typed as formulas (`=HYPERLINK(...)`, `=1+1`) in a
session, written out as the timetable workbook, the daily programme, the changes workbook and
the session workbook. Every cell is read back with its formulas (not their cached values): the
only formulas are our own, in the session workbook's hidden `Lists` sheet.
"""

from __future__ import annotations

from pathlib import Path

import yaml
from openpyxl import load_workbook
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from tests.conftest import tiny_data

runner = CliRunner()
LINK = '=HYPERLINK("http://example.org/x","click")'


def _formulas(path: Path, skip: tuple[str, ...] = ()) -> list[str]:
    book = load_workbook(path)
    return [
        f"{sheet.title}!{cell.coordinate}: {cell.value}"
        for sheet in book.worksheets
        if sheet.title not in skip
        for row in sheet.iter_rows()
        for cell in row
        if cell.data_type == "f"
    ]


def test_text_typed_as_a_formula_stays_text_in_every_output(tmp_path):
    data = tiny_data()
    data["items"][1]["title"] = {"en": LINK, "fr": LINK}
    data["bodies"][1]["name"] = {"en": "=1+1", "fr": "=1+1"}
    data["session"]["venue"] = "=cmd|' /C calc'!A0"
    session = tmp_path / "S.yaml"
    session.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    out, programme = tmp_path / "t.xlsx", tmp_path / "p.xlsx"
    result = runner.invoke(
        app, ["solve", str(session), "-o", str(out), "--programme", str(programme), "-q"]
    )
    assert result.exit_code == ExitCode.OK, result.output
    changes = tmp_path / "changes.xlsx"
    result = runner.invoke(app, ["diff", str(out), str(out), "-o", str(changes)])
    assert result.exit_code == ExitCode.OK, result.output
    workbook = tmp_path / "S.xlsx"
    assert runner.invoke(app, ["convert", str(session), str(workbook)]).exit_code == ExitCode.OK
    for path in (out, programme, changes):
        assert _formulas(path) == [], path.name
    assert _formulas(workbook, skip=("Lists",)) == []
    texts = [
        cell.value
        for sheet in load_workbook(programme).worksheets
        for row in sheet.iter_rows()
        for cell in row
    ]
    assert any(isinstance(t, str) and "HYPERLINK" in t for t in texts)


def test_a_control_character_is_refused_at_load_naming_the_field(tmp_path):
    data = tiny_data()
    data["items"][0]["id"] = "\x00\x1b[31m"  # found by the fuzzing suite: a traceback at write
    session = tmp_path / "S.yaml"
    session.write_text(yaml.safe_dump(data), encoding="utf-8")
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["solve", str(session), "-o", str(out), "--docx", "a.docx"])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "items[0].id: '\\x00\\x1b[31m': holds a control character" in result.output
    assert not out.exists()


def test_a_control_character_never_reaches_a_cell():
    from openpyxl import Workbook

    from scheduler.io.xlsx import append_row

    sheet = Workbook().active
    assert sheet is not None
    append_row(sheet, ["a\x07b", "=x\x1b"])
    assert [c.value for c in sheet[1]] == ["a\ufffdb", "=x\ufffd"]
    assert sheet["B1"].data_type == "s"
