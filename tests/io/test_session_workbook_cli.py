"""`schedule template`, `schedule convert` and `schedule solve` on a workbook, through typer's
CliRunner and as a real subprocess."""

from __future__ import annotations

import subprocess
import sys

import openpyxl
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session
from scheduler.io.session_workbook import SHEETS
from scheduler.io.timetable_workbook import read_assignments
from scheduler.validation import validate
from tests.conftest import COP9, TINY

runner = CliRunner()


def test_template_writes_a_blank_workbook(tmp_path):
    out = tmp_path / "session.xlsx"
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert openpyxl.load_workbook(out).sheetnames[: len(SHEETS)] == list(SHEETS)


def test_template_does_not_replace_a_workbook_unless_told(tmp_path):
    out = tmp_path / "session.xlsx"
    out.write_bytes(b"a planner's work")
    result = runner.invoke(app, ["template", "-o", str(out)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "already exists" in result.output
    assert out.read_bytes() == b"a planner's work"
    assert runner.invoke(app, ["template", "-o", str(out), "--force"]).exit_code == ExitCode.OK
    assert openpyxl.load_workbook(out).sheetnames[0] == "Session"


def test_convert_yaml_to_workbook_and_back(tmp_path, cop9):
    book, back = tmp_path / "cop9.xlsx", tmp_path / "cop9.yaml"
    assert runner.invoke(app, ["convert", str(COP9), str(book)]).exit_code == ExitCode.OK
    result = runner.invoke(app, ["convert", str(book), str(back)])
    assert result.exit_code == ExitCode.OK, result.output
    assert load_session(back) == cop9
    assert back.read_text(encoding="utf-8").startswith("# Session file written by")


def test_convert_refuses_an_unknown_suffix(tmp_path):
    result = runner.invoke(app, ["convert", str(TINY), str(tmp_path / "tiny.txt")])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "TARGET" in result.output and ".xlsx" in result.output


def test_convert_reports_workbook_errors_by_cell(tmp_path):
    book = tmp_path / "tiny.xlsx"
    assert runner.invoke(app, ["convert", str(TINY), str(book)]).exit_code == ExitCode.OK
    edited = openpyxl.load_workbook(book)
    edited["Rooms"]["C2"] = "maybe"
    edited.save(book)
    result = runner.invoke(app, ["convert", str(book), str(tmp_path / "tiny.yaml")])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "Rooms!C2: 'maybe': " in result.output
    assert not (tmp_path / "tiny.yaml").exists()


def test_solve_accepts_a_session_workbook(tmp_path, tiny):
    book, out = tmp_path / "tiny.xlsx", tmp_path / "tiny-timetable.xlsx"
    subprocess.run(
        [sys.executable, "-m", "scheduler", "convert", str(TINY), str(book)],
        check=True,
        capture_output=True,
        timeout=120,
    )
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "solve", str(book), "-o", str(out), "--workers", "1"],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == ExitCode.OK, done.stderr
    assert validate(tiny, read_assignments(out)).ok
