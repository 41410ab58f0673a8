"""`schedule explain`, and `schedule solve` on a session without a timetable.

No answer here depends on the machine's speed: `explain` runs with `--deterministic-time`, and
`solve`'s explanation is given the same deterministic bound instead of what its search left of
the wall clock (`deterministic`).
"""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from typer.testing import CliRunner

import models.explain
from scheduler.cli import app
from scheduler.errors import ExitCode
from tests.conftest import COP9
from tests.explain.dropping import DETERMINISTIC

runner = CliRunner()
VARIANTS = Path(__file__).resolve().parents[2] / "instances" / "variants"
FOUR_DAYS = VARIANTS / "cop9-four-days.yaml"
THURSDAY = VARIANTS / "cop9-working-group-thursday-afternoon.yaml"
STEADY = ["--deterministic-time", str(DETERMINISTIC)]


@pytest.fixture
def deterministic(monkeypatch):
    """`solve`'s explanation bounded in CP-SAT's deterministic time, as `explain` with STEADY."""
    explain = models.explain.explain

    def steady(session, **settings):
        return explain(
            session, **{**settings, "time_limit": None, "deterministic_time": DETERMINISTIC}
        )

    monkeypatch.setattr(models.explain, "explain", steady)


def _without_timing(text: str) -> list[str]:
    """The lines of an explanation but its last one (seconds and solves)."""
    lines = [line for line in text.splitlines() if line.strip()]
    return [line for line in lines if not line.startswith("(")]


def test_explain_names_the_rules_and_exits_3():
    result = runner.invoke(app, ["explain", str(FOUR_DAYS), *STEADY])
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "1. 4 working days, Monday 15 October to Thursday 18 October" in result.output
    assert "2. no evening meetings" in result.output
    assert "Plenary needs 10 meetings" in result.output


def test_explain_in_french():
    result = runner.invoke(app, ["explain", str(THURSDAY), "--lang", "fr", *STEADY])
    assert result.exit_code == ExitCode.INFEASIBLE, result.output
    assert "Ces 2 règles ne peuvent pas être toutes respectées ensemble :" in result.output
    assert "commence le jeudi 18 octobre à 15 heures" in result.output


def test_explain_a_session_with_a_timetable_is_exit_0():
    result = runner.invoke(app, ["explain", str(COP9), *STEADY])
    assert result.exit_code == ExitCode.OK, result.output
    assert "nothing to explain" in result.output


def test_explain_a_missing_file_is_exit_2(tmp_path):
    result = runner.invoke(app, ["explain", str(tmp_path / "none.yaml")])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "none.yaml: no such file" in result.output


def test_explain_when_the_time_runs_out_is_exit_4(monkeypatch):
    import models.explain as module
    from models.explain import Explanation

    monkeypatch.setattr(
        module, "explain", lambda *a, **k: Explanation("unknown", [], [], [], False, time_limit=1)
    )
    result = runner.invoke(app, ["explain", str(FOUR_DAYS)])
    assert result.exit_code == ExitCode.NO_TIMETABLE
    assert "Could not tell within 1 s" in result.output


@pytest.mark.slow
def test_solve_prints_the_same_explanation_and_writes_nothing(tmp_path, deterministic):
    out = tmp_path / "t.xlsx"
    solved = runner.invoke(app, ["solve", str(THURSDAY), "-o", str(out), "--lang", "en"])
    assert solved.exit_code == ExitCode.INFEASIBLE, solved.output
    assert not out.exists()
    explained = runner.invoke(app, ["explain", str(THURSDAY), "--lang", "en", *STEADY])
    assert solved.output.startswith("status: infeasible\n")
    assert _without_timing(solved.output)[1:] == _without_timing(explained.output)


def test_solve_explains_in_french_by_default(tmp_path, deterministic):
    solved = runner.invoke(app, ["solve", str(THURSDAY), "-o", str(tmp_path / "t.xlsx")])
    assert solved.exit_code == ExitCode.INFEASIBLE
    assert "Aucun calendrier ne respecte toutes les règles de cette session." in solved.output


@pytest.mark.slow
def test_explain_as_a_subprocess():
    done = subprocess.run(
        [sys.executable, "-m", "scheduler", "explain", str(FOUR_DAYS), "--lang", "fr", *STEADY],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert done.returncode == ExitCode.INFEASIBLE, done.stderr
    assert "4 jours ouvrables, du lundi 15 octobre au jeudi 18 octobre" in done.stdout
    assert done.stderr == ""
