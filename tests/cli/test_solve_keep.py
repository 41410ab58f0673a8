"""`schedule solve --keep`: re-plan an earlier workbook with its pinned rows, through the CLI."""

from __future__ import annotations

from pathlib import Path

import openpyxl
import yaml
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.session_file import load_session
from scheduler.io.timetable_workbook import read_assignments
from scheduler.validation import validate
from tests.conftest import COP9, cop9_data

runner = CliRunner()


def _solved(tmp_path: Path, pin: set[str]) -> Path:
    """The COP9 timetable with the rows of `pin` marked pinned, as a planner would."""
    out = tmp_path / "published.xlsx"
    assert (
        runner.invoke(app, ["solve", str(COP9), "-o", str(out), "-q", "--workers", "1"]).exit_code
        == 0
    )
    book = openpyxl.load_workbook(out)
    sheet = book["Assignments"]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):
        if str(sheet.cell(row, 1).value) in pin:
            sheet.cell(row, header.index("pinned") + 1).value = True
    book.save(out)
    return out


def _item_3_needs_two_meetings(tmp_path: Path) -> Path:
    data = cop9_data()
    data["session"]["evening_meetings"] = True
    for item in data["items"]:
        if item["id"] == "3":
            item["minutes"] = 360
    path = tmp_path / "variant.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_keep_moves_one_activity_and_keeps_the_pins(tmp_path):
    keep = _solved(tmp_path, pin={"1a", "9", "wg-ic-10"})
    session = _item_3_needs_two_meetings(tmp_path)
    out = tmp_path / "replanned.xlsx"
    result = runner.invoke(app, ["solve", str(session), "--keep", str(keep), "-o", str(out),
                                 "--workers", "1"])  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.output
    assert "changes: 1 activity moved" in result.output
    assert "proven minimal" in result.output
    assert "Changes" in openpyxl.load_workbook(out).sheetnames
    before, after = read_assignments(keep), read_assignments(out)
    pinned_before = {(a.activity, a.date, a.period, a.start, a.room) for a in before if a.pinned}
    pinned_after = {(a.activity, a.date, a.period, a.start, a.room) for a in after if a.pinned}
    assert pinned_before == pinned_after and pinned_before
    assert validate(load_session(session), after).ok


def test_pinned_rows_that_break_a_rule_are_named(tmp_path):
    keep = _solved(tmp_path, pin={"wg-ic-10"})
    book = openpyxl.load_workbook(keep)
    sheet = book["Assignments"]
    header = [c.value for c in sheet[1]]
    for row in range(2, sheet.max_row + 1):  # the working group pinned beside item 4
        if sheet.cell(row, 1).value == "wg-ic-10":
            sheet.cell(row, header.index("date") + 1).value = sheet.cell(
                row, header.index("date") + 1
            ).value.replace(day=18)
    book.save(keep)
    result = runner.invoke(app, ["solve", str(COP9), "--keep", str(keep),
                                 "-o", str(tmp_path / "x.xlsx")])  # fmt: skip
    assert result.exit_code == ExitCode.RULES_BROKEN, result.output
    assert "pinned rows of the kept timetable break rules" in result.output
    assert "deadline" in result.output
    assert not (tmp_path / "x.xlsx").exists()


def _item_3_pinned_on_thursday_morning(tmp_path: Path) -> Path:
    """Item 3 pinned where item 4 was (Thursday morning), and the opening pinned where it is:
    items 4 to 9 no longer fit after item 3, whatever moves; the opening is no part of it."""
    keep = _solved(tmp_path, pin={"1a"})
    book = openpyxl.load_workbook(keep)
    sheet = book["Assignments"]
    col = {c.value: n + 1 for n, c in enumerate(sheet[1])}
    for row in range(2, sheet.max_row + 1):
        if str(sheet.cell(row, col["activity"]).value) == "3":
            day = sheet.cell(row, col["date"]).value
            sheet.cell(row, col["date"]).value = day.replace(day=18)
            for name, value in (("period", "AM"), ("start", "10:00"), ("end", "13:00")):
                sheet.cell(row, col[name]).value = value
            sheet.cell(row, col["pinned"]).value = True
    book.save(keep)
    return keep


def test_a_failed_keep_names_the_pinned_rows_and_the_rules(tmp_path):
    keep = _item_3_pinned_on_thursday_morning(tmp_path)
    out = tmp_path / "x.xlsx"
    args = ["solve", str(COP9), "--keep", str(keep), "-o", str(out), "--lang", "en"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    lines = result.stderr.splitlines()
    assert lines[:3] == [
        "status: infeasible",
        "No timetable keeps this pinned row:",
        "  item 3, Thu 18 Oct AM",
    ]
    assert "because of these rules:" in lines and "agenda-order" in result.stderr
    assert "1a" not in result.stderr  # pinned, but not in the conflict: a minimal set
    assert "nothing to explain" not in result.stderr and "unpin some rows" not in result.stderr
    assert not out.exists()


def test_a_failed_keep_speaks_the_requested_language(tmp_path):
    keep = _item_3_pinned_on_thursday_morning(tmp_path)
    args = ["solve", str(COP9), "--keep", str(keep), "-o", str(tmp_path / "x.xlsx"), "--lang", "fr"]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "Aucun calendrier ne conserve cette ligne épinglée :" in result.stderr
    assert "point 3, jeu. 18 oct. AM" in result.stderr
    assert "en raison de ces règles :" in result.stderr
    assert "because" not in result.stderr and "rien à expliquer" not in result.stderr
