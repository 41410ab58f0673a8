"""What the command line says about the files it is asked to write, before writing them.

A name whose ending says another format is refused (exit 2, nothing written); a file open in
an office program (its lock file beside it) is written with a warning; a calendar whose times
would float says so. And `schedule --version`.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.cli.common import lock_file
from scheduler.errors import ExitCode
from tests.conftest import COP9, cop9_data

runner = CliRunner()


@pytest.fixture(scope="module")
def timetable(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("outputs") / "t.xlsx"
    result = runner.invoke(app, ["solve", str(COP9), "-o", str(out), "-q", "--workers", "1"])
    assert result.exit_code == ExitCode.OK, result.output
    return out


@pytest.mark.parametrize(
    ("option", "name", "suffix"),
    [
        ("-o", "t.csv", ".xlsx"),
        ("-o", "t.xls", ".xlsx"),
        ("--programme", "p.ods", ".xlsx"),
        ("--docx", "a.doc", ".docx"),
        ("--ics", "s.txt", ".ics"),
    ],
)
def test_solve_refuses_a_name_of_another_format(tmp_path, monkeypatch, option, name, suffix):
    monkeypatch.setattr("models.solve", lambda *a, **k: pytest.fail("solved anyway"))
    path = tmp_path / name
    args = ["solve", str(COP9), option, str(path)]
    if option != "-o":
        args += ["-o", str(tmp_path / "t.xlsx")]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    expected = f"the file written is {suffix[1:]}: give a name ending in {suffix}"
    assert f"{path}: " in result.stderr and expected in result.stderr
    assert not path.exists()


def test_an_upper_case_suffix_is_the_same(tmp_path, timetable):
    out = tmp_path / "P.XLSX"
    result = runner.invoke(app, ["export", str(timetable), "--programme", str(out), "-q"])
    assert result.exit_code == ExitCode.OK, result.output
    assert out.exists()


def test_export_and_diff_refuse_a_name_of_another_format(tmp_path, timetable):
    docx = tmp_path / "a.odt"
    result = runner.invoke(app, ["export", str(timetable), "--docx", str(docx)])
    assert result.exit_code == ExitCode.INVALID_INPUT and "ending in .docx" in result.stderr
    changes = tmp_path / "d.csv"
    result = runner.invoke(app, ["diff", str(timetable), str(timetable), "-o", str(changes)])
    assert result.exit_code == ExitCode.INVALID_INPUT and "ending in .xlsx" in result.stderr
    assert not docx.exists() and not changes.exists()


@pytest.mark.parametrize(
    "lock", [".~lock.annex.docx#", "~$annex.docx", "~$nex.docx"]
)  # LibreOffice; Word, short and long names
def test_a_file_open_in_an_office_program_is_written_with_a_warning(tmp_path, timetable, lock):
    annex = tmp_path / "annex.docx"
    annex.write_bytes(b"the old annex")
    (tmp_path / lock).write_text("someone")
    assert lock_file(annex) == tmp_path / lock
    result = runner.invoke(app, ["export", str(timetable), "--docx", str(annex), "-q"])
    assert result.exit_code == ExitCode.OK, result.output
    assert f"warning: {annex}: open in another program (its lock file {lock}" in result.stderr
    assert annex.read_bytes() != b"the old annex"


def test_no_warning_without_a_lock_file(tmp_path, timetable):
    annex = tmp_path / "annex.docx"
    annex.write_bytes(b"the old annex")
    result = runner.invoke(app, ["export", str(timetable), "--docx", str(annex), "-q"])
    assert result.exit_code == ExitCode.OK and "warning" not in result.stderr


def test_a_calendar_of_floating_times_is_warned_of(tmp_path, timetable):
    data = cop9_data()
    data["session"]["venue"] = "Atlantis"
    data["session"].pop("time_zone", None)
    session = tmp_path / "atlantis.yaml"
    session.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), "utf-8")
    ics = tmp_path / "s.ics"
    result = runner.invoke(app, ["export", str(timetable), "-s", str(session), "--ics", str(ics)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "warning: the venue 'Atlantis' is not a known UN venue" in result.stderr
    assert "calendar times float" in result.stderr
    vienna = runner.invoke(app, ["export", str(timetable), "--ics", str(tmp_path / "v.ics")])
    assert vienna.exit_code == ExitCode.OK and "float" not in vienna.stderr


def test_version():
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "--version"], capture_output=True, text=True
    )
    assert done.returncode == 0 and done.stderr == ""
    assert done.stdout.startswith("schedule ") and done.stdout.strip() != "schedule"
    assert runner.invoke(app, ["--version", "solve"]).output == done.stdout  # before any command


def test_solve_warns_of_titles_missing_in_its_language_even_with_quiet(tmp_path):
    """The workbook and annex then mix languages: a planner must know before sending them."""
    out = tmp_path / "ar.xlsx"
    args = ["solve", str(COP9), "-o", str(out), "--lang", "ar", "-q", "--workers", "1"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.OK, result.output
    assert result.stdout.strip() == str(out)
    assert "warning: no title in 'ar' for items 1a, 1b" in result.stderr
    french = runner.invoke(app, [*args[:3], str(tmp_path / "fr.xlsx"), "--lang", "fr", "-q"])
    assert french.exit_code == ExitCode.OK, french.output
    assert "no title" not in french.stderr
