"""Command-line interface: `schedule solve`, `schedule check`, ...

Each command is registered by its own module (`scheduler.cli.app.COMMANDS`), imported when
the application is first asked for its commands; `main` imports the one it runs.

`main` starts the command without the cyclic garbage collector, which would otherwise walk
the ever larger heap of modules, classes and the session again and again while they are
imported and read (0.05-0.1 s of CPU in a `schedule solve` on COP9, 10 % of it): the
command resumes it where its own work begins (`scheduler.cli.common.resume_collector`),
having frozen what start-up made, which lives as long as the process.
"""

from __future__ import annotations

import gc

from scheduler.cli.app import app


def main() -> None:
    gc.disable()  # resumed by the command (`resume_collector`)
    app.run()


__all__ = ["app", "main"]
