"""A partial published grid pinned and the rest solved: `solve --keep SESSION.yaml`."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from models.replan import replan
from scheduler.cli.app import app
from scheduler.errors import ExitCode
from scheduler.io.timetable_workbook import read_assignments
from scheduler.published import published_grid
from scheduler.result import SolveStatus
from scheduler.session import Session
from scheduler.validation import validate
from tests.conftest import cop9_data, make_session


def _partial(drop: tuple[str, ...], *, fifth_on_friday: bool = True) -> dict[str, Any]:
    """COP9 whose published grid leaves out `drop` (and item 5's Friday part, if asked)."""
    data = cop9_data()
    data["published"] = [
        e
        for e in data["published"]
        if e["activity"] not in drop
        and (fifth_on_friday or not (e["activity"] == "5" and str(e["date"]) == "2018-10-19"))
    ]
    return data


def _placed(rows: Any) -> set[tuple[object, ...]]:
    return {(a.activity, a.date, a.period, a.start, a.minutes, a.room) for a in rows}


@pytest.mark.parametrize(
    ("drop", "fifth_on_friday", "changes"),
    [
        (("6", "7", "8", "9"), True, 0),  # Friday afternoon not yet known
        # ... nor item 5's second meeting: adding it changes item 5's slots, one change
        (("6", "7", "8", "9"), False, 1),
        (("2d", "3", "4", "5", "6", "7", "8", "9"), True, 0),  # only the first two days known
    ],
    ids=["friday-pm", "item-5-continues", "two-days"],
)
def test_the_grid_rows_stay_and_the_rest_is_solved(
    drop: tuple[str, ...], fifth_on_friday: bool, changes: int
) -> None:
    session = make_session(_partial(drop, fifth_on_friday=fifth_on_friday))
    grid = published_grid(session)
    assert grid.partial
    result = replan(session, grid.pinned(), workers=1, seed=0, time_limit=30)
    assert result.status is SolveStatus.OPTIMAL, result.explanation
    assert result.result.timetable is not None
    assert _placed(grid.timetable) <= _placed(result.result.timetable)
    report = validate(session, result.result.timetable)
    assert report.ok, [str(f) for f in report.findings]
    full = make_session(cop9_data())
    assert report.objective == validate(full, published_grid(full).timetable).objective
    assert result.change_count == changes and result.pinned == len(grid.timetable)


def _write(tmp_path: Path, data: dict[str, Any]) -> Path:
    path = tmp_path / "partial.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True, sort_keys=False), encoding="utf-8")
    return path


def test_solve_keep_a_session_file_pins_its_published_grid(tmp_path: Path) -> None:
    path = _write(tmp_path, _partial(("6", "7", "8", "9"), fifth_on_friday=False))
    out = tmp_path / "t.xlsx"
    args = ["solve", str(path), "--keep", str(path), "-o", str(out), "-q", "--lang", "en"]
    result = CliRunner().invoke(app, args)
    assert result.exit_code == ExitCode.OK, result.output
    session: Session = make_session(_partial(("6", "7", "8", "9"), fifth_on_friday=False))
    rows = read_assignments(out, session=session)
    assert validate(session, rows).ok
    pinned = {(a.activity, a.date, a.period) for a in rows if a.pinned}
    assert pinned == {(a.activity, a.date, a.period) for a in published_grid(session).timetable}
    assert {"6", "7", "8", "9"} <= {a.activity for a in rows if not a.pinned}


def test_solve_keep_a_session_file_without_a_grid_is_refused(tmp_path: Path) -> None:
    data = cop9_data()
    data["published"] = None
    path = _write(tmp_path, data)
    result = CliRunner().invoke(
        app, ["solve", str(path), "--keep", str(path), "-o", str(tmp_path / "t.xlsx"), "-q"]
    )
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "the session has no published timetable" in result.output
