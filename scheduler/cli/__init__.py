"""Command-line interface: `schedule solve`, `schedule check`, ...

Each command is registered by its own module (`scheduler.cli.app.COMMANDS`), imported when
the application is first asked for its commands; `main` imports the one it runs.
"""

from __future__ import annotations

from scheduler.cli.app import app


def main() -> None:
    app.run()


__all__ = ["app", "main"]
