"""The progress of a sweep: variants done, failed and remaining, and the time left.

A rich progress bar on stderr in a terminal. In Jupyter, rich needs `ipywidgets` for a live
bar; without it the same line is shown in one output that is updated in place (IPython's
display handle), so a notebook never fills with lines.
"""

from __future__ import annotations

import time
from types import TracebackType

from rich.console import Console
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TaskID,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)


class SweepProgress:
    """Counts variants as they finish and shows them; a no-op when `enabled` is False."""

    def __init__(self, total: int, *, enabled: bool = True, console: Console | None = None):
        self.total = total
        self.done = 0
        self.failed = 0
        self.enabled = enabled and total > 0
        self._console = console or Console(stderr=True)
        self._started = time.monotonic()
        self._bar: Progress | None = None
        self._task: TaskID | None = None
        self._handle = None
        self._shown = 0.0

    @property
    def remaining(self) -> int:
        return self.total - self.done

    def __enter__(self) -> SweepProgress:
        if not self.enabled:
            return self
        if self._console.is_jupyter and not _has_ipywidgets():
            from IPython.display import display

            self._handle = display({"text/plain": self._line()}, raw=True, display_id=True)
            return self
        self._bar = Progress(
            TextColumn("sweep"),
            BarColumn(),
            MofNCompleteColumn(),
            TextColumn("{task.fields[failed]} failed, {task.fields[remaining]} remaining"),
            TimeElapsedColumn(),
            TextColumn("left"),
            TimeRemainingColumn(),
            console=self._console,
            transient=False,
        )
        self._bar.start()
        self._task = self._bar.add_task("sweep", total=self.total, failed=0, remaining=self.total)
        return self

    def advance(self, *, failed: bool) -> None:
        """One more variant done (`failed`: without a timetable)."""
        self.done += 1
        self.failed += failed
        if self._bar is not None and self._task is not None:
            self._bar.update(self._task, advance=1, failed=self.failed, remaining=self.remaining)
        elif self._handle is not None:
            now = time.monotonic()
            if now - self._shown > 0.25 or self.remaining == 0:
                self._shown = now
                self._handle.update({"text/plain": self._line()}, raw=True)

    def __exit__(
        self,
        kind: type[BaseException] | None,
        error: BaseException | None,
        trace: TracebackType | None,
    ) -> None:
        if self._bar is not None:
            self._bar.stop()
        elif self._handle is not None:
            self._handle.update({"text/plain": self._line()}, raw=True)

    def _line(self) -> str:
        elapsed = time.monotonic() - self._started
        left = elapsed / self.done * self.remaining if self.done else None
        eta = f"{left:.0f} s left" if left is not None else "time left unknown"
        return (
            f"sweep: {self.done}/{self.total} done, {self.failed} failed, "
            f"{self.remaining} remaining, {elapsed:.0f} s, {eta}"
        )


def _has_ipywidgets() -> bool:
    try:
        import ipywidgets  # noqa: F401
    except ImportError:
        return False
    return True
