"""Options are declared once (`scheduler/cli/options.py`); `--lang` takes the six languages."""

from __future__ import annotations

from pathlib import Path

import pytest
from typer.testing import CliRunner

import scheduler.cli
from scheduler.cli import app
from scheduler.errors import ExitCode
from tests.conftest import COP9

runner = CliRunner()
UN_LANGUAGES = ("ar", "zh", "en", "fr", "ru", "es")
CLI = Path(scheduler.cli.__file__).parent


def test_commands_declare_no_option_of_their_own():
    declaring = [
        path.name
        for path in sorted(CLI.glob("*.py"))
        if path.name != "options.py"
        and any(
            f"typer.{kind}(" in path.read_text(encoding="utf-8") for kind in ("Option", "Argument")
        )
    ]
    assert declaring == [], "declare these options in scheduler/cli/options.py"


@pytest.mark.parametrize("lang", UN_LANGUAGES)
def test_check_speaks_every_un_language(lang):
    result = runner.invoke(app, ["check", str(COP9), "--published", "--lang", lang])
    assert result.exit_code == ExitCode.OK, result.output


@pytest.mark.parametrize("lang", UN_LANGUAGES)
@pytest.mark.parametrize(
    "command",
    [
        ["solve", "{missing}"],
        ["explain", "{missing}"],
        ["export", "{missing}", "--ics", "{out}"],
    ],
    ids=["solve", "explain", "export"],
)
def test_every_command_takes_every_un_language(command, lang, tmp_path):
    """The language is accepted: the command goes on, to find the file missing."""
    args = [a.format(missing=tmp_path / "none.xlsx", out=tmp_path / "s.ics") for a in command]
    result = runner.invoke(app, [*args, "--lang", lang])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "none.xlsx: no such file" in result.output


@pytest.mark.parametrize("command", ["solve", "explain", "export", "check"])
def test_another_language_is_a_usage_error(command):
    result = runner.invoke(app, [command, str(COP9), "--lang", "de"])
    assert result.exit_code == ExitCode.INVALID_INPUT
    assert "--lang" in result.output
