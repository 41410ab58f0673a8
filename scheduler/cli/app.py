"""The `schedule` command: one typer application, one module per command."""

from __future__ import annotations

import typer

app = typer.Typer(
    name="schedule",
    help="Turn an agenda into an organization of work, within the meetings that have "
    "interpretation.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
