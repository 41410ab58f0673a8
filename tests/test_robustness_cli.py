"""Honest status, progress and inputs at the command line: what the random test cannot pin down.

- every broken file of the issue is refused with exit 2, naming file, field and value;
- sessions too large to solve are refused by their size, before any model is built;
- an output that cannot be written is refused before solving;
- a time limit that stops the search keeps the best timetable, writes it, and warns (exit 0);
- with the same session, seed and one worker, the same timetable; no live display when the
  output is not a terminal; `--log` writes the solver's own log.
"""

from __future__ import annotations

import dataclasses
import datetime as dt
import os
from pathlib import Path
from typing import Any

import openpyxl
import pytest
import yaml
from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.io.timetable_workbook import read_assignments
from scheduler.result import SolveStatus
from scheduler.session import MAX_DAYS, MAX_ENTRIES, MAX_PLACEMENTS
from tests.conftest import COP9, ROOT, TINY, tiny_data

runner = CliRunner()
MONDAY = dt.date(2030, 3, 4)


def _write(tmp_path: Path, data: dict[str, Any] | str, name: str = "session.yaml") -> Path:
    path = tmp_path / name
    text = data if isinstance(data, str) else yaml.safe_dump(data, sort_keys=False)
    path.write_text(text, encoding="utf-8")
    return path


def _solve(*args: str) -> Any:
    return runner.invoke(app, ["solve", *args, "--workers", "1", "--lang", "en"])


def _refused(tmp_path: Path, data: dict[str, Any] | str, *expected: str) -> str:
    """Solve a broken session: exit 2, each expected text shown, no file, no traceback."""
    path, out = _write(tmp_path, data), tmp_path / "t.xlsx"
    result = _solve(str(path), "-o", str(out))
    assert result.exit_code == ExitCode.INVALID_INPUT, result.output
    assert result.output.startswith(f"error: {path}: "), result.output
    for text in expected:
        assert text in result.output
    assert "Traceback" not in result.output
    assert not out.exists()
    return str(result.output)


# --- broken files --------------------------------------------------------------------------


def test_not_yaml(tmp_path):
    _refused(tmp_path, "session: [unclosed\n  items: {", "line 2, column", "not valid YAML")


def test_wrong_types_name_field_and_value(tmp_path):
    data = tiny_data()
    data["items"][1]["minutes"] = "long"
    data["session"]["evening_meetings"] = "sometimes"
    _refused(tmp_path, data, "items[id=2].minutes: 'long'", "session.evening_meetings: 'sometimes'")


def test_a_list_given_as_text(tmp_path):
    data = tiny_data()
    data["session"]["days"] = "monday"
    _refused(tmp_path, data, "session.days: 'monday': Input should be a valid list")


def test_unknown_key_names_the_closest_valid_one(tmp_path):
    data = tiny_data()
    data["meetings"][0]["not_in_paralel_with"] = ["2"]
    _refused(
        tmp_path,
        data,
        "meetings[id=wg-1].not_in_paralel_with",
        "did you mean 'not_in_parallel_with'?",
    )


def test_duplicated_ids(tmp_path):
    data = tiny_data()
    data["bodies"][1]["id"] = "plenary"
    _refused(tmp_path, data, "bodies: id 'plenary' is used twice")


def test_a_time_like_25_00(tmp_path):
    data = tiny_data()
    data["session"]["periods"][1]["end"] = "25:00"
    _refused(tmp_path, data, "session.periods[id=PM].end: '25:00'")


def test_dates_outside_the_session(tmp_path):
    data = tiny_data()
    data["items"][3]["latest_end"] = "2030-04-01T12:00"
    _refused(
        tmp_path, data, "items[id=4].latest_end: 2030-04-01 12:00:00 is not a day of the session"
    )


def test_an_empty_agenda(tmp_path):
    data = tiny_data()
    data["items"] = []
    _refused(tmp_path, data, "items: []")


def test_a_reference_to_an_unknown_id(tmp_path):
    data = tiny_data()
    data["meetings"][0]["body"] = "wg-x"
    _refused(tmp_path, data, "meetings[id=wg-1].body: 'wg-x' is not a body id")


# --- sessions too large ------------------------------------------------------------------------


def test_too_many_days(tmp_path):
    data = tiny_data()
    data["session"]["days"] = [MONDAY + dt.timedelta(days=n) for n in range(MAX_DAYS + 1)]
    _refused(tmp_path, data, f"session.days: {MAX_DAYS + 1} dates; a session may have at most")


def test_too_many_items(tmp_path):
    data = tiny_data()
    data["items"] = [{"id": f"i{n}", "title": "x", "minutes": 10} for n in range(MAX_ENTRIES + 1)]
    data["meetings"] = []
    _refused(tmp_path, data, f"items: {MAX_ENTRIES + 1} entries; at most {MAX_ENTRIES}")


def test_too_many_placements(tmp_path):
    data = tiny_data()
    data["session"]["days"] = [MONDAY + dt.timedelta(days=n) for n in range(60)]
    data["items"] = [{"id": f"i{n}", "title": "x", "minutes": 10} for n in range(600)]
    data["meetings"] = []
    _refused(
        tmp_path,
        data,
        "items: 600 activities over 120 periods make 72000 possible placements; "
        f"at most {MAX_PLACEMENTS} are supported",
    )


def test_the_largest_generated_session_is_within_the_limits():
    from scheduler.io.session_file import load_session

    for path in (ROOT / "instances" / "generated").glob("*.yaml"):
        load_session(path)  # raises if refused


# --- outputs that cannot be written ------------------------------------------------------------


def test_an_output_folder_that_does_not_exist(tmp_path):
    result = _solve(str(TINY), "-o", str(tmp_path / "no" / "t.xlsx"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "does not exist" in result.output


def test_an_output_that_is_a_folder(tmp_path):
    result = _solve(str(TINY), "-o", str(tmp_path))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "is a folder; give a file name" in result.output


def test_an_output_without_permission_is_refused_before_solving(tmp_path, monkeypatch):
    import models

    monkeypatch.setattr(models, "solve", lambda *a, **k: pytest.fail("solved anyway"))
    real_access = os.access
    locked = tmp_path / "locked"
    locked.mkdir()
    # As root every folder is writable: simulate the permission the system would refuse.
    monkeypatch.setattr(os, "access", lambda p, mode: Path(p) != locked and real_access(p, mode))
    result = _solve(str(TINY), "-o", str(locked / "t.xlsx"), "--log", str(tmp_path / "s.log"))
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert f"error: {locked / 't.xlsx'}: --output: cannot be written (permission denied)" in (
        result.output
    )
    assert not (tmp_path / "s.log").exists()


@pytest.mark.skipif(os.name != "posix" or os.geteuid() == 0, reason="root may write anywhere")
def test_a_read_only_folder(tmp_path):
    locked = tmp_path / "locked"
    locked.mkdir()
    locked.chmod(0o500)
    try:
        result = _solve(str(TINY), "-o", str(locked / "t.xlsx"))
    finally:
        locked.chmod(0o700)
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "permission denied" in result.output


# --- honest status and progress ----------------------------------------------------------------


def test_a_stopped_search_writes_its_best_timetable_and_warns(tmp_path, monkeypatch):
    """FEASIBLE (time limit, gap to the bound): exit 0, the workbook, and a clear warning."""
    import models

    real = models.solve

    def stopped(*args: Any, **kwargs: Any) -> Any:
        result = real(*args, **kwargs)
        assert result.objective is not None
        return dataclasses.replace(
            result, status=SolveStatus.FEASIBLE, best_bound=result.objective / 2
        )

    monkeypatch.setattr(models, "solve", stopped)
    out = tmp_path / "t.xlsx"
    result = _solve(str(TINY), "-o", str(out))
    assert result.exit_code == ExitCode.OK, result.output
    assert out.exists() and len(read_assignments(out)) > 0
    assert "feasible" in result.output
    assert "gap" in result.output
    assert (
        "warning: the time limit stopped the search; this timetable is valid but not proven "
        "optimal (gap 50.0%)"
    ) in result.output
    values = {row[0].value: row[1].value for row in openpyxl.load_workbook(out)["Solve"].rows}
    assert values["status"] == "feasible"
    assert values["gap"] == pytest.approx(0.5)


def test_same_session_seed_and_one_worker_give_the_same_timetable(tmp_path):
    first, second = tmp_path / "a.xlsx", tmp_path / "b.xlsx"
    for out in (first, second):
        result = _solve(str(COP9), "-o", str(out), "--seed", "7", "-q")
        assert result.exit_code == ExitCode.OK, result.output
    assert read_assignments(first) == read_assignments(second)


def test_no_live_display_off_a_terminal_and_the_solver_log(tmp_path):
    out, log = tmp_path / "t.xlsx", tmp_path / "solver.log"
    result = _solve(str(TINY), "-o", str(out), "--log", str(log))
    assert result.exit_code == ExitCode.OK, result.output
    assert "searching" not in result.output  # the live line is for terminals only
    assert "CP-SAT" in log.read_text(encoding="utf-8")
    quiet = _solve(str(TINY), "-o", str(out), "-q")
    assert quiet.output.strip() == str(out)


def test_the_live_display_shows_time_objective_bound_gap_and_count():
    from models import SolveProgress
    from scheduler.cli.progress import SearchProgress

    progress = SearchProgress()
    assert "no timetable yet" in str(progress.__rich__())
    progress.update(SolveProgress(elapsed=1.0, objective=50, best_bound=40, solutions=3))
    line = str(progress.__rich__())
    assert "best 50" in line and "bound 40" in line and "gap 20.0%" in line
    assert "timetables 3" in line and "first at" in line
