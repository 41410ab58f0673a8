"""`schedule --version`: the installed version, to quote in a report or a bug."""

from __future__ import annotations

import typer

from scheduler.cli.app import app
from scheduler.cli.options import ShowVersion


@app.callback(invoke_without_command=True)
def _options(show_version: ShowVersion = False) -> None:
    """Turn an agenda into an organization of work, within the meetings that have
    interpretation."""
    if not show_version:
        return
    from importlib.metadata import PackageNotFoundError, version

    try:
        number = version("schedule")
    except PackageNotFoundError:  # run from a source tree that is not installed
        number = "unknown (not installed)"
    typer.echo(f"schedule {number}")
    raise typer.Exit()
