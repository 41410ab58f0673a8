"""The whole chain on the reference case: COP9 session -> model -> workbook, read back as cells.

The annex sheet of the *solved* timetable is compared cell by cell with the values the
secretariat printed (CTOC/COP/2018/1, annex), which the optimum reproduces.
"""

from __future__ import annotations

import openpyxl
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.rules import HARD_RULES
from tests.io.test_annex import PRINTED_ANNEX_FR

runner = CliRunner()

PLENARY = "plenary"


def _sheet_row(row: tuple[str, str, str, str]) -> tuple[str | None, ...]:
    """A printed annex row as the sheet holds it: the day, or the period, then two cells."""
    date, time, plenary, parallel = row
    return (date or time, plenary or None, parallel or None)


EXPECTED_FR = [
    ("Date/heure", "Séance plénière", "Réunions parallèles"),
    *(_sheet_row(row) for row in PRINTED_ANNEX_FR),
]


def test_solved_cop9_annex_sheet_cell_by_cell(tmp_path):
    out = tmp_path / "cop9.xlsx"
    result = runner.invoke(app, ["solve", "-o", str(out), "--workers", "1", "-q"])
    assert result.exit_code == 0, result.output
    sheet = openpyxl.load_workbook(out)["Organisation des travaux"]
    cells = [tuple(row) for row in sheet.iter_rows(values_only=True)]
    assert cells == EXPECTED_FR


def test_solved_cop9_meetings_and_solve_sheets(tmp_path):
    out = tmp_path / "cop9.xlsx"
    assert runner.invoke(app, ["solve", "-o", str(out), "--workers", "1", "-q"]).exit_code == 0
    book = openpyxl.load_workbook(out)
    meetings = list(book["Meetings"].iter_rows(values_only=True))
    header, rows = meetings[0], meetings[1:]
    body = header.index("body")
    assert sum(1 for r in rows if r[body] == PLENARY) == 10
    assert sum(1 for r in rows if r[body] == "wg-ic") == 2
    assert sum(1 for r in rows if r[body] == "informals") == 2
    solve = {r[0]: r[1] for r in book["Solve"].iter_rows(values_only=True) if r[0]}
    assert solve["status"] == "optimal"
    assert solve["objective"] == 65
    assert solve["best bound"] == 65
    holds = [r for r in book["Solve"].iter_rows(values_only=True) if r[2] in ("holds", "broken")]
    assert len(holds) == len(HARD_RULES) and all(r[2] == "holds" for r in holds)  # every rule
