"""`schedule generate`: a valid session file, the same for the same seed; bad sizes refused."""

from __future__ import annotations

from typer.testing import CliRunner

from scheduler.cli import app
from scheduler.errors import ExitCode
from scheduler.generate import generate_session
from scheduler.io.session_file import load_session
from scheduler.validation import validate

runner = CliRunner()


def test_generate_writes_a_feasible_session(tmp_path):
    out = tmp_path / "commission.yaml"
    args = ["generate", "--profile", "commission", "--days", "6", "--seed", "4", "-o", str(out)]
    result = runner.invoke(app, args)
    assert result.exit_code == ExitCode.OK, result.output
    session = load_session(out)
    assert len(session.session.days) == 6
    witness = generate_session("commission", days=6, seed=4).witness
    assert validate(session, witness).ok
    first = out.read_text()
    assert runner.invoke(app, args).exit_code == ExitCode.OK
    assert out.read_text() == first


def test_generate_refuses_an_unknown_profile(tmp_path):
    out = tmp_path / "x.yaml"
    result = runner.invoke(app, ["generate", "--profile", "summit", "-o", str(out)])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "--profile: 'summit': unknown profile" in result.output
    assert not out.exists()
