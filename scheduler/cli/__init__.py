"""Command-line interface: `schedule solve`, `schedule check`, ..."""

from __future__ import annotations

from scheduler.cli import (  # noqa: F401  (importing registers the commands)
    check,
    convert,
    diff,
    explain,
    export,
    generate,
    import_agenda,
    schema,
    solve,
    sweep,
    template,
    version,
    why,
)
from scheduler.cli.app import app


def main() -> None:
    app()


__all__ = ["app", "main"]
