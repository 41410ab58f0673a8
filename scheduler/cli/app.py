"""The `schedule` command: one typer application, one module per command.

Each command's module imports what the command needs (the session's models, the solver's
glue, the workbook's writer, the agenda reader...), so the application imports a command's
module only when it is asked for its commands: all of them (for `schedule --help`, an
unknown command, `typer.testing.CliRunner`), or, from the command line, the one named first
(`main`): `schedule solve` then imports nothing of `check`, `export`, `sweep` or `why`, and
typer builds one command, not thirteen.
"""

from __future__ import annotations

import importlib
import sys
from collections.abc import Sequence
from typing import Any

import typer
from typer.models import CommandInfo, TyperInfo

#: Each command and the module that registers it, in the order `schedule --help` lists them.
COMMANDS: dict[str, str] = {
    "check": "scheduler.cli.check",
    "convert": "scheduler.cli.convert",
    "diff": "scheduler.cli.diff",
    "explain": "scheduler.cli.explain",
    "export": "scheduler.cli.export",
    "generate": "scheduler.cli.generate",
    "import-agenda": "scheduler.cli.import_agenda",
    "schema": "scheduler.cli.schema",
    "solve": "scheduler.cli.solve",
    "sweep": "scheduler.cli.sweep",
    "template": "scheduler.cli.template",
    "why": "scheduler.cli.why",
}
#: The application's own options (`--version`), registered before any command.
OPTIONS = "scheduler.cli.version"


class _Application(typer.Typer):
    """A typer application whose commands are imported on the first look at them."""

    _only: tuple[str, ...] = ()  # while `run` runs: the module of the command it names
    _importing = False
    _complete = False  # every command's module imported

    @property  # type: ignore[override]
    def registered_commands(self) -> list[CommandInfo]:
        self._import_commands()
        return self._commands

    @registered_commands.setter
    def registered_commands(self, commands: list[CommandInfo]) -> None:
        self._commands = commands

    @property  # type: ignore[override]
    def registered_callback(self) -> TyperInfo | None:
        self._import_commands()
        return self._callback

    @registered_callback.setter
    def registered_callback(self, callback: TyperInfo | None) -> None:
        self._callback = callback

    def _import_commands(self) -> None:
        """Import the modules wanted (they register their commands here, meanwhile)."""
        if self._complete or self._importing:
            return
        self._importing = True
        try:
            for module in (OPTIONS, *(self._only or COMMANDS.values())):
                importlib.import_module(module)
            self._complete = not self._only
        finally:
            self._importing = False

    def run(self, arguments: Sequence[str] | None = None) -> Any:
        """Run the command line `arguments` (default `sys.argv[1:]`), having imported only the
        module of the command named first, if it is one, else every command's."""
        first = (sys.argv[1:] if arguments is None else arguments)[:1]
        named = COMMANDS.get(first[0]) if first else None
        self._only = (named,) if named is not None else ()
        try:
            return self() if arguments is None else self(list(arguments))
        finally:
            self._only = ()


app = _Application(
    name="schedule",
    help="Turn an agenda into an organization of work, within the meetings that have "
    "interpretation.",
    add_completion=False,
    no_args_is_help=True,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,
)
