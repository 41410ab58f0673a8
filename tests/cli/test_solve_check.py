"""`schedule solve` and `schedule check`, through typer's CliRunner and as real subprocesses.

Every exit code is exercised: 0 success, 1 rules broken, 2 invalid input, 3 infeasible,
4 no timetable within the time limit.
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.timetable_workbook import read_assignments
from scheduler.result import SolveResult, SolveStatus
from scheduler.rules import HARD_RULE_NAMES
from scheduler.validation import validate
from tests.conftest import COP9, cop9_data
from tests.models.synthetic import large_session_data

runner = CliRunner()


def _write(tmp_path: Path, data: dict[str, Any], name: str = "session.yaml") -> Path:
    path = tmp_path / name
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def _four_days(tmp_path: Path) -> Path:
    """COP9 on four working days: the plenary's ten meetings no longer fit."""
    data = cop9_data()
    data["session"]["days"] = data["session"]["days"][:4]
    data["published"] = None
    data["items"] = [dict(i, last=False) if i["id"] == "9" else i for i in data["items"]]
    return _write(tmp_path, data)


def _run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run(
        [sys.executable, "-m", "scheduler", *args], capture_output=True, text=True, timeout=120
    )


def test_solve_default_session_writes_a_valid_workbook(tmp_path, cop9):
    out = tmp_path / "timetable.xlsx"
    result = runner.invoke(app, ["solve", "-o", str(out), "--workers", "1"])
    assert result.exit_code == ExitCode.OK, result.output
    assert "optimal" in result.output
    assert "12 of 20" in result.output  # interpreted meetings used
    assert "first timetable" in result.output and "into the search" in result.output
    assert str(out) in result.output
    timetable = read_assignments(out)
    assert validate(cop9, timetable).ok
    assert openpyxl.load_workbook(out).sheetnames == [
        "Organisation des travaux",
        "Assignments",
        "Meetings",
        "Solve",
    ]


def test_solve_in_english(tmp_path):
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["solve", str(COP9), "-o", str(out), "--lang", "en", "-q"])
    assert result.exit_code == ExitCode.OK, result.output
    assert result.output.strip() == str(out)
    assert openpyxl.load_workbook(out).sheetnames[0] == "Organization of work"


def test_solve_then_check_round_trip(tmp_path):
    out = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["solve", "-o", str(out), "-q"]).exit_code == 0
    result = runner.invoke(app, ["check", str(COP9), str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert f"all {len(HARD_RULE_NAMES)} rules hold (objective 65)" in result.output


def test_check_published_annex():
    result = runner.invoke(app, ["check", str(COP9), "--published"])
    assert result.exit_code == ExitCode.OK, result.output


def test_check_hand_edited_workbook_names_the_broken_rules(tmp_path):
    out = tmp_path / "t.xlsx"
    assert runner.invoke(app, ["solve", "-o", str(out), "-q"]).exit_code == 0
    book = openpyxl.load_workbook(out)
    sheet = book["Assignments"]
    header = [c.value for c in sheet[1]]
    col = {name: header.index(name) + 1 for name in header}
    for row in range(2, sheet.max_row + 1):  # move item 4 to Tuesday morning, beside the group
        if str(sheet.cell(row, col["activity"]).value) == "4":
            sheet.cell(row, col["date"]).value = sheet.cell(row, col["date"]).value.replace(day=16)
    book.save(out)
    result = runner.invoke(app, ["check", str(COP9), str(out)])
    assert result.exit_code == ExitCode.RULES_BROKEN
    assert "not-in-parallel" in result.output
    assert "agenda-order" in result.output


def test_check_needs_a_timetable_or_published():
    result = runner.invoke(app, ["check", str(COP9)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "give a TIMETABLE workbook or --published" in result.output


def test_solve_bad_session_is_exit_2_without_traceback(tmp_path):
    data = cop9_data()
    data["items"][3]["minutes"] = -10
    path = _write(tmp_path, data)
    result = runner.invoke(app, ["solve", str(path), "-o", str(tmp_path / "t.xlsx")])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"{path}: items[id=1c].minutes: -10" in result.output
    assert "Traceback" not in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_unwritable_output_is_refused_before_solving(tmp_path, monkeypatch):
    import models

    def boom(*args: object, **kwargs: object) -> None:
        raise AssertionError("solved although the output cannot be written")

    monkeypatch.setattr(models, "solve", boom)
    result = runner.invoke(app, ["solve", "-o", str(tmp_path / "missing" / "t.xlsx")])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "does not exist" in result.output


def test_infeasible_is_exit_3(tmp_path):
    result = runner.invoke(
        app, ["solve", str(_four_days(tmp_path)), "-o", str(tmp_path / "t.xlsx")]
    )
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "infeasible" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_time_limit_without_timetable_is_exit_4(tmp_path, monkeypatch):
    import models

    monkeypatch.setattr(
        models, "solve", lambda *a, **k: SolveResult(status=SolveStatus.UNKNOWN, timetable=None)
    )
    result = runner.invoke(app, ["solve", "-o", str(tmp_path / "t.xlsx"), "--time-limit", "2"])
    assert result.exit_code == ExitCode.NO_TIMETABLE
    assert "no timetable found within the time limit of 2 s" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_an_infeasible_search_that_used_the_time_limit_is_not_explained(tmp_path, monkeypatch):
    import models
    from scheduler import pipeline

    clock = iter([100.0, 109.5])  # the plan starts; the search ends 9.5 s into a limit of 10

    def search(*args, **kwargs):
        return SolveResult(status=SolveStatus.INFEASIBLE, timetable=None)

    monkeypatch.setattr(pipeline, "_clock", lambda: next(clock))
    monkeypatch.setattr(models, "solve", search)
    monkeypatch.setattr("models.explain.explain", lambda *a, **k: pytest.fail("explained"))
    out = tmp_path / "t.xlsx"
    result = runner.invoke(app, ["solve", "-o", str(out), "--time-limit", "10", "--lang", "en"])
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "Too little of the time limit (10 s) was left to explain why" in result.stderr
    assert "`schedule explain`" in result.stderr and not out.exists()


def test_subprocess_exit_codes(tmp_path):
    out = tmp_path / "t.xlsx"
    ok = _run("solve", "-o", str(out), "--workers", "1")
    assert ok.returncode == 0, ok.stderr
    assert _run("check", str(COP9), str(out)).returncode == 0
    bad = _run("solve", str(tmp_path / "nope.yaml"))
    assert bad.returncode == 2
    assert bad.stderr.strip() == f"error: {tmp_path / 'nope.yaml'}: no such file"
    assert "Traceback" not in bad.stderr
    infeasible = _run("solve", str(_four_days(tmp_path)), "-o", str(tmp_path / "u.xlsx"))
    assert infeasible.returncode == 3
    usage = _run("solve", "--workers", "many")
    assert usage.returncode == 2


@pytest.mark.slow
def test_subprocess_time_limit_exit_4(tmp_path):
    # A two-week session, not COP9: COP9 is solved in about 0.02 s, as long as the least
    # search a limit gets, so a loaded machine could solve it before the stop; this one's
    # presolve alone takes far longer, and a slower machine only makes that surer.
    session = tmp_path / "two-weeks.yaml"
    session.write_text(yaml.safe_dump(large_session_data(weeks=2)), encoding="utf-8")
    result = _run(
        "solve", str(session), "--time-limit", "0.001", "--workers", "1",
        "-o", str(tmp_path / "t.xlsx"),
    )  # fmt: skip
    assert result.returncode == 4, result.stdout + result.stderr
    assert not (tmp_path / "t.xlsx").exists()


def test_import_agenda_then_check_published(tmp_path):
    seed = Path(__file__).resolve().parent.parent / "data" / "agendas" / "ctoc-cop-2018-1.fr.txt"
    out = tmp_path / "imported.yaml"
    result = runner.invoke(app, ["import-agenda", str(seed), "-o", str(out)])
    assert result.exit_code == ExitCode.OK, result.output
    assert "read 19 agenda items (fr)" in result.output
    checked = runner.invoke(app, ["check", str(out), "--published"])
    assert checked.exit_code == ExitCode.OK, checked.output


def test_import_agenda_missing_document_is_exit_2(tmp_path):
    result = runner.invoke(
        app, ["import-agenda", str(tmp_path / "x.txt"), "-o", str(tmp_path / "s.yaml")]
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "x.txt" in result.output
    assert not (tmp_path / "s.yaml").exists()


def test_solve_writes_the_publication_formats(tmp_path):
    paths = {name: tmp_path / name for name in ("t.xlsx", "annex.docx", "s.ics", "p.xlsx")}
    result = runner.invoke(
        app,
        ["solve", "-o", str(paths["t.xlsx"]), "--docx", str(paths["annex.docx"]),
         "--ics", str(paths["s.ics"]), "--programme", str(paths["p.xlsx"]), "-q"],
    )  # fmt: skip
    assert result.exit_code == ExitCode.OK, result.output
    assert result.output.split() == [str(p) for p in paths.values()]
    assert all(p.stat().st_size > 0 for p in paths.values())


def test_bad_time_zone_is_refused_before_solving(tmp_path, monkeypatch):
    import models

    monkeypatch.setattr(models, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    result = runner.invoke(
        app, ["solve", "-o", str(tmp_path / "t.xlsx"), "--ics", str(tmp_path / "s.ics"),
              "--timezone", "Mars/Olympus"],
    )  # fmt: skip
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "Mars/Olympus" in result.output


def test_solve_draws_the_timetable(tmp_path):
    picture = tmp_path / "timetable.png"
    result = runner.invoke(
        app, ["solve", "-o", str(tmp_path / "t.xlsx"), "--plot", str(picture), "-q"]
    )
    assert result.exit_code == ExitCode.OK, result.output
    assert picture.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"


def test_unknown_picture_format_is_refused_before_solving(tmp_path):
    result = runner.invoke(
        app, ["solve", "-o", str(tmp_path / "t.xlsx"), "--plot", str(tmp_path / "t.gif")]
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "unknown picture format .gif" in result.output
    assert not (tmp_path / "t.xlsx").exists()


def test_prechecks_explain_without_searching(tmp_path, monkeypatch):
    """Four days for ten plenary meetings is proven impossible by counting: no search runs."""
    import models

    monkeypatch.setattr(models, "solve", lambda *a, **k: pytest.fail("searched anyway"))
    result = runner.invoke(
        app, ["solve", str(_four_days(tmp_path)), "-o", str(tmp_path / "t.xlsx"), "--lang", "en"]
    )
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "4 working days" in result.output
    assert "8 exist" in result.output


def test_solve_with_a_gap_limit_gives_a_valid_timetable(tmp_path, cop9):
    out = tmp_path / "gap.xlsx"
    result = runner.invoke(app, ["solve", "-o", str(out), "--workers", "1", "--gap", "0.5"])
    assert result.exit_code == ExitCode.OK, result.output
    assert validate(cop9, read_assignments(out)).ok
    solve = {r[0]: r[1] for r in openpyxl.load_workbook(out)["Solve"].iter_rows(values_only=True)}
    assert solve["gap"] <= 0.5 and solve["first timetable (s)"] >= 0
