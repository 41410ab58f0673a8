"""`schedule export`: a timetable workbook in, the Word annex, calendar and daily programme out;
through typer's runner and as a real process."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import openpyxl
import pytest
from docx import Document
from icalendar import Calendar
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.io.timetable_workbook import write_workbook
from scheduler.published import published_timetable
from tests.conftest import COP9, ROOT

runner = CliRunner()


@pytest.fixture(scope="module")
def workbook(cop9, tmp_path_factory) -> Path:
    """The COP9 published timetable as `schedule solve` writes it."""
    path = tmp_path_factory.mktemp("export") / "cop9-timetable.xlsx"
    write_workbook(path, cop9, published_timetable(cop9, lang="fr"), None, None, lang="fr")
    return path


def test_export_writes_the_three_outputs(workbook, tmp_path):
    docx, ics, programme = tmp_path / "a.docx", tmp_path / "s.ics", tmp_path / "p.xlsx"
    result = runner.invoke(
        app,
        [
            *("export", str(workbook), "--session", str(COP9), "--docx", str(docx)),
            *("--ics", str(ics), "--programme", str(programme), "--timezone", "Europe/Vienna"),
        ],
    )
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == [str(docx), str(ics), str(programme)]
    table = Document(str(docx)).tables[0]
    assert table.rows[1].cells[0].text == "Lundi 15 octobre"
    events = list(Calendar.from_ical(ics.read_bytes()).walk("VEVENT"))
    assert len(events) == 14
    assert openpyxl.load_workbook(programme).sheetnames == ["Programme des séances"]


def test_export_in_arabic_warns_of_english_titles(workbook, tmp_path):
    docx = tmp_path / "ar.docx"
    result = runner.invoke(app, ["export", str(workbook), "--docx", str(docx), "--lang", "ar"])
    assert result.exit_code == 0, result.output
    assert "warning: no title in 'ar' for items 1a, 1b" in result.stderr
    assert Document(str(docx)).tables[0].rows[0].cells[0].text == "التاريخ/الوقت"


def test_export_without_an_output_is_a_usage_error(workbook):
    result = runner.invoke(app, ["export", str(workbook)])
    assert result.exit_code == 2
    assert "give at least one of --docx, --ics, --programme" in result.stderr


def test_a_bad_time_zone_is_refused_before_anything_is_written(workbook, tmp_path):
    docx, ics = tmp_path / "a.docx", tmp_path / "s.ics"
    result = runner.invoke(
        app,
        ["export", str(workbook), "--docx", str(docx), "--ics", str(ics), "--timezone", "Nowhere"],
    )
    assert result.exit_code == 2
    assert "not a time zone" in result.stderr
    assert not docx.exists() and not ics.exists()


def test_a_timetable_of_another_session_is_flagged(tmp_path, tiny):
    from models import solve

    book = tmp_path / "tiny.xlsx"
    solved = solve(tiny, time_limit=20, workers=1, seed=0)
    assert solved.timetable is not None
    write_workbook(book, tiny, solved.timetable, None, None, lang="en")
    # It breaks the COP9 session's rules too: published only with --force (as a draft).
    args = ["export", str(book), "--docx", str(tmp_path / "x.docx"), "--force"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0
    assert "activities not in the session" in result.stderr
    assert "wg-1" in result.stderr


def test_a_missing_workbook_is_an_input_error(tmp_path):
    result = runner.invoke(
        app, ["export", str(tmp_path / "none.xlsx"), "--ics", str(tmp_path / "x.ics")]
    )
    assert result.exit_code == 2
    assert "no such file" in result.stderr


@pytest.mark.parametrize("lang", ["ar", "zh", "ru", "es"])
def test_every_un_language_is_accepted(workbook, tmp_path, lang):
    path = tmp_path / f"p-{lang}.xlsx"
    result = runner.invoke(
        app, ["export", str(workbook), "--programme", str(path), "--lang", lang, "-q"]
    )
    assert result.exit_code == 0, result.output
    # --quiet: no warning but the one that the document mixes languages (COP9 has English and
    # French titles only), which a planner must see before sending it.
    said = result.stderr.splitlines()
    assert all(line.startswith(f"warning: no title in '{lang}' for items 1a") for line in said)


def test_missing_titles_are_a_warning_even_with_quiet(workbook, tmp_path):
    path = tmp_path / "p-ar.xlsx"
    args = ["export", str(workbook), "--programme", str(path), "--lang", "ar", "-q"]
    result = runner.invoke(app, args)
    assert result.exit_code == 0, result.output
    assert result.stderr.count("warning:") == 1
    assert "warning: no title in 'ar' for items 1a, 1b" in result.stderr
    french = runner.invoke(app, [*args[:3], str(tmp_path / "p-fr.xlsx"), "--lang", "fr", "-q"])
    assert french.exit_code == 0, french.output
    assert french.stderr == ""  # every title is given in French: nothing to say


def test_export_as_a_process(workbook, tmp_path):
    ics = tmp_path / "s.ics"
    done = subprocess.run(
        [
            *(sys.executable, "-c", "from scheduler.cli import main; main()"),
            *("export", str(workbook), "--ics", str(ics), "--lang", "en"),
        ],
        cwd=ROOT,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == 0, done.stderr
    assert done.stdout.strip() == str(ics)
    summaries = [str(e["SUMMARY"]) for e in Calendar.from_ical(ics.read_bytes()).walk("VEVENT")]
    assert "1st plenary meeting" in summaries
