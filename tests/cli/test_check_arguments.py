"""`schedule check SESSION TIMETABLE`: arguments given the other way round are said in one line."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from tests.conftest import ROOT

runner = CliRunner()
TINY = ROOT / "tests" / "data" / "tiny.yaml"


@pytest.fixture(scope="module")
def timetable(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("check") / "tiny-timetable.xlsx"
    result = runner.invoke(app, ["solve", str(TINY), "-o", str(out), "-q", "--workers", "1"])
    assert result.exit_code == ExitCode.OK, result.output
    return out


def test_the_session_then_the_timetable_is_checked(timetable):
    result = runner.invoke(app, ["check", str(TINY), str(timetable)])
    assert result.exit_code == ExitCode.OK, result.output


def test_a_timetable_given_first_is_one_line_saying_the_order(timetable):
    result = runner.invoke(app, ["check", str(timetable), str(TINY)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    lines = result.stderr.splitlines()
    assert len(lines) == 1, result.stderr
    assert f"{timetable}: is a timetable workbook" in lines[0]
    assert "the session comes first" in lines[0]
    assert f"schedule check {TINY} {timetable}" in lines[0]


def test_a_timetable_given_as_a_session_is_one_line(timetable):
    result = runner.invoke(app, ["solve", str(timetable), "-o", str(timetable.with_name("x.xlsx"))])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert len(result.stderr.splitlines()) == 1, result.stderr
    assert "is a timetable workbook, not a session" in result.stderr
