"""A live line while the solver searches: elapsed time, best objective, bound, gap, timetables,
and when the first timetable came.

Shown only on a terminal and without --quiet; it writes to stderr so stdout stays clean.
"""

from __future__ import annotations

import math
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import TYPE_CHECKING, Any

from scheduler.cli.common import err_console

if TYPE_CHECKING:
    from rich.text import Text


class SearchProgress:
    """Renders the latest progress; `update` is called by the solver at each new timetable."""

    def __init__(self) -> None:
        self.started = time.monotonic()
        self.objective: float | None = None
        self.bound: float | None = None
        self.solutions = 0
        self.first: float | None = None  # seconds from the start of the display (build included)

    def update(self, progress: Any) -> None:
        if self.first is None:
            self.first = time.monotonic() - self.started
        self.objective = progress.objective
        self.bound = progress.best_bound
        self.solutions = progress.solutions

    def __rich__(self) -> Text:
        from rich.text import Text

        elapsed = time.monotonic() - self.started
        if self.objective is None:
            return Text(f"searching… {elapsed:5.1f} s, no timetable yet")
        first = f"timetables {self.solutions} (first at {self.first or 0:.1f} s)"
        if self.bound is None or math.isnan(self.bound):  # no bound yet (the first fit's)
            return Text(f"searching… {elapsed:5.1f} s  best {self.objective:g}  {first}")
        gap = abs(self.objective - self.bound) / abs(self.objective) if self.objective else 0
        return Text(
            f"searching… {elapsed:5.1f} s  best {self.objective:g}  bound {self.bound:g}  "
            f"gap {gap:.1%}  {first}"
        )


@contextmanager
def live_progress(enabled: bool) -> Iterator[SearchProgress | None]:
    """A live display on stderr when `enabled` and stderr is a terminal, else nothing."""
    if not enabled or not err_console.is_terminal:
        yield None
        return
    from rich.live import Live

    progress = SearchProgress()
    with Live(progress, console=err_console.rich, refresh_per_second=4, transient=True):
        yield progress
