"""`schedule explain`: why a session has no timetable, without trying to optimise it.

Prints the few rules of the session that cannot all hold together, what dropping each one
alone would allow, and the numbers that make the conflict visible. Exit codes: 3 when the
session is infeasible (explained), 0 when it has a timetable, 4 when the time ran out
before the solver could tell, 2 for invalid input.
"""

from __future__ import annotations

from enum import StrEnum
from pathlib import Path

import typer

from scheduler.cli.app import app
from scheduler.cli.common import console, err_console, exit_with, load, planner_errors
from scheduler.errors import ExitCode
from scheduler.session import Session


class MessageLang(StrEnum):
    """Languages of explanations."""

    en = "en"
    fr = "fr"


@app.command("explain")
def explain_command(
    session: Path = typer.Argument(..., help="Session file (YAML or session workbook)."),
    lang: MessageLang = typer.Option(MessageLang.en, "--lang", help="Language of the text."),
    time_limit: float | None = typer.Option(
        None, "--time-limit", min=0.001, help="Seconds for all solves (default: the session's)."
    ),
    workers: int = typer.Option(1, "--workers", min=0, help="Solver threads; 0: all."),
    seed: int | None = typer.Option(None, "--seed", min=0, help="Random seed of the search."),
) -> None:
    """Explain why a session has no timetable: the rules that cannot all hold together."""
    with planner_errors():
        loaded, _ = load(session)
    code = print_explanation(loaded, lang.value, time_limit, workers=workers, seed=seed)
    if code is not ExitCode.OK:
        raise exit_with(code)


def explanation_text(
    session: Session,
    lang: str,
    time_limit: float | None,
    *,
    workers: int | None = None,
    seed: int | None = None,
) -> tuple[str, ExitCode]:
    """The explanation's text and the exit code it calls for (shared with `schedule solve`)."""
    from models.explain import explain

    found = explain(
        session,
        lang="fr" if lang == "fr" else "en",
        time_limit=time_limit,
        workers=workers,
        seed=seed,
    )
    code = {"infeasible": ExitCode.INFEASIBLE, "feasible": ExitCode.OK}.get(
        found.status, ExitCode.NO_TIMETABLE
    )
    return found.text(), code


def print_explanation(
    session: Session,
    lang: str,
    time_limit: float | None,
    *,
    workers: int | None = None,
    seed: int | None = None,
    stderr: bool = False,
) -> ExitCode:
    """Print the explanation (on stdout, or stderr for `schedule solve`); the exit code."""
    text, code = explanation_text(session, lang, time_limit, workers=workers, seed=seed)
    (err_console if stderr else console).print(text, markup=False)
    return code
