"""`schedule export`: a timetable that breaks rules is refused, or published marked as a draft."""

from __future__ import annotations

from pathlib import Path

import docx
import icalendar
import openpyxl
import pytest
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session
from scheduler.io.timetable_workbook import read_assignments
from scheduler.validation import validate
from tests.conftest import COP9

runner = CliRunner()


@pytest.fixture(scope="module")
def solved(tmp_path_factory) -> Path:
    """The COP9 timetable as `solve` writes it: every rule holds."""
    out = tmp_path_factory.mktemp("export") / "t.xlsx"
    result = runner.invoke(app, ["solve", str(COP9), "-o", str(out), "-q", "--workers", "1"])
    assert result.exit_code == ExitCode.OK, result.output
    return out


@pytest.fixture(scope="module")
def broken(solved) -> Path:
    """The same timetable with item 4 moved to Tuesday, beside the working group: rules broken
    (not-in-parallel, agenda-order, and others depending on the timetable), as `check` says."""
    book = openpyxl.load_workbook(solved)
    sheet = book["Assignments"]
    header = [c.value for c in sheet[1]]
    activity, date = header.index("activity") + 1, header.index("date") + 1
    for row in range(2, sheet.max_row + 1):
        if str(sheet.cell(row, activity).value) == "4":
            sheet.cell(row, date).value = sheet.cell(row, date).value.replace(day=16)
    out = solved.with_name("broken.xlsx")
    book.save(out)
    return out


def _broken_rules(workbook: Path) -> int:
    """How many rules the validator finds broken, as the mark counts them."""
    session = load_session(COP9)
    return len(validate(session, read_assignments(workbook, session=session)).broken_rules())


def _outputs(tmp_path: Path) -> dict[str, Path]:
    return {
        "--docx": tmp_path / "annex.docx",
        "--ics": tmp_path / "s.ics",
        "--programme": tmp_path / "p.xlsx",
    }


def _args(outputs: dict[str, Path]) -> list[str]:
    return [item for option, path in outputs.items() for item in (option, str(path))]


def test_a_timetable_that_holds_is_published_without_a_mark(solved, tmp_path):
    outputs = _outputs(tmp_path)
    result = runner.invoke(app, ["export", str(solved), *_args(outputs), "--lang", "en"])
    assert result.exit_code == ExitCode.OK, result.output
    text = "\n".join(p.text for p in docx.Document(str(outputs["--docx"])).paragraphs)
    assert "DRAFT" not in text
    assert openpyxl.load_workbook(outputs["--programme"]).active.cell(1, 1).value == "Time"


def test_a_timetable_that_breaks_rules_is_refused_and_nothing_written(broken, tmp_path):
    outputs = _outputs(tmp_path)
    result = runner.invoke(app, ["export", str(broken), *_args(outputs), "--lang", "en"])
    assert result.exit_code == ExitCode.RULES_BROKEN, result.output
    assert "broken.xlsx: " in result.stderr and "not-in-parallel" in result.stderr
    assert "give --force to publish it marked as a draft" in result.stderr
    assert not any(path.exists() for path in outputs.values())


def test_forced_every_document_says_it_is_a_draft(broken, tmp_path):
    outputs = _outputs(tmp_path)
    args = ["export", str(broken), *_args(outputs), "--lang", "en", "--force"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.OK, result.output
    count = _broken_rules(broken)
    assert count >= 2
    mark = f"DRAFT: this timetable breaks {count} rules"
    assert f"warning: published as a draft (--force): {mark}" in result.stderr
    annex = docx.Document(str(outputs["--docx"]))
    assert annex.paragraphs[0].text == mark  # above the heading
    assert annex.sections[0].header.paragraphs[0].text == mark  # on every later page
    calendar = icalendar.Calendar.from_ical(outputs["--ics"].read_bytes())
    assert str(calendar["x-wr-calname"]).startswith(mark)
    events = list(calendar.walk("VEVENT"))
    assert events and all(str(e["description"]).startswith(mark) for e in events)
    sheet = openpyxl.load_workbook(outputs["--programme"]).active
    assert sheet.cell(1, 1).value == mark and sheet.cell(2, 1).value == "Time"
    assert sheet.print_title_rows == "$1:$2"  # printed on every page, above the header


def test_the_mark_is_in_the_document_s_language(broken, tmp_path):
    annex = tmp_path / "annexe.docx"
    args = ["export", str(broken), "--docx", str(annex), "--lang", "fr", "--force", "-q"]
    assert runner.invoke(app, args).exit_code == ExitCode.OK
    first = docx.Document(str(annex)).paragraphs[0].text
    assert first == f"VERSION PROVISOIRE : ce calendrier enfreint {_broken_rules(broken)} règles"
