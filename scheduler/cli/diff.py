"""`schedule diff`: what changed between two timetables (moved, added, removed activities)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from scheduler.cli.app import app
from scheduler.cli.common import LazyConsole, console, ensure_all_writable, planner_errors
from scheduler.cli.options import After, Before, DiffOutput, DiffSession
from scheduler.diff import TimetableDiff

if TYPE_CHECKING:
    from rich.console import Console
    from rich.table import Table

_HEADINGS = {
    "moved": "moved",
    "added": "added",
    "removed": "removed",
    "retimed": "retimed (same slots, other times or room; not counted)",
}


@app.command("diff")
def diff_command(
    before: Before,
    after: After,
    output: DiffOutput = None,
    session: DiffSession = None,
) -> None:
    """Print the differences between two timetables, and the interpreted meetings of each;
    with --session, what each preference costs in each, side by side."""
    from scheduler.diff import compare
    from scheduler.io.session_file import load_session
    from scheduler.io.timetable_workbook import read_assignments, write_changes_workbook
    from scheduler.validation import preference_costs

    with planner_errors():
        if output is not None:
            inputs = {"BEFORE": before, "AFTER": after, "--session": session}
            ensure_all_writable({"--output": output}, inputs, suffixes={"--output": ".xlsx"})
        loaded = load_session(session) if session is not None else None
        old, new = read_assignments(before), read_assignments(after)
        diff = compare(old, new, loaded)
        if output is not None:
            write_changes_workbook(output, diff)
    print_changes(diff, console, before=before.name, after=after.name)
    if loaded is not None:
        console.print(
            costs_table(
                preference_costs(loaded, old),
                preference_costs(loaded, new),
                before.name,
                after.name,
            )
        )
    if output is not None:
        console.print(str(output), markup=False)


def print_changes(
    diff: TimetableDiff,
    out: LazyConsole | Console,
    before: str = "before",
    after: str = "after",
) -> None:
    """The differences as the terminal shows them: one table per kind of change, then counts."""
    if diff.empty:
        out.print("no differences", markup=False)
    for kind, heading in _HEADINGS.items():
        changes = diff.of(kind)  # type: ignore[arg-type]
        if changes:
            out.print(changes_table(diff, kind, f"{heading} ({len(changes)})"))
    out.print(
        f"changes: {diff.count} activit{'y' if diff.count == 1 else 'ies'} moved"
        + "".join(f", {n} {size.label}" for size, n in diff.sizes().items() if n),
        markup=False,
    )
    out.print(
        f"interpreted meetings: {diff.interpreted_before} in {before}, "
        f"{diff.interpreted_after} in {after}",
        markup=False,
    )


def costs_table(
    before: dict[str, int], after: dict[str, int], old: str = "before", new: str = "after"
) -> Table:
    """What each preference costs in two timetables, side by side, and the totals."""
    from rich.table import Table

    table = Table(title="preferences", title_justify="left")
    table.add_column("preference")
    for heading in (old, new, "change"):
        table.add_column(heading, justify="right")
    for name in before:
        table.add_row(name, str(before[name]), str(after[name]), f"{after[name] - before[name]:+d}")
    total_before, total_after = sum(before.values()), sum(after.values())
    table.add_row(
        "objective", str(total_before), str(total_after), f"{total_after - total_before:+d}"
    )
    return table


def changes_table(diff: TimetableDiff, kind: str = "moved", title: str | None = None) -> Table:
    """A rich table of the changes of one kind: activity, size, before, after."""
    from rich.table import Table

    table = Table(title=title, title_justify="left", show_lines=False)
    for column in ("activity", "size", "before", "after"):
        table.add_column(column, overflow="fold")
    for change in diff.of(kind):  # type: ignore[arg-type]
        row = change.row()
        table.add_row(
            str(row["activity"]),
            str(row["size"]),
            str(row["before"]).replace("; ", "\n"),
            str(row["after"]).replace("; ", "\n"),
        )
    return table


__all__ = ["changes_table", "diff_command", "print_changes"]
