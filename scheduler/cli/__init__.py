"""Command-line interface: `schedule solve`, `schedule check`, ..."""

from __future__ import annotations

from scheduler.cli import check, convert, diff, export, schema, solve, template  # noqa: F401  (registers the commands)
from scheduler.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
