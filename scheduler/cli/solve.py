"""`schedule solve`: session file in, timetable workbook (and what is published) out.

A thin layer on `scheduler.pipeline`: options become `Settings` and `Targets`, `plan` solves
(or re-plans with `--keep`), checks and explains, `publish` writes; this module only refuses
bad outputs before the search and prints what happened.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from scheduler.cli.app import app
from scheduler.cli.common import (
    PUBLISHED_SUFFIXES,
    Lang,
    console,
    ensure_all_writable,
    err_console,
    exit_with,
    language,
    load,
    planner_errors,
    resume_collector,
    warn_of_missing_titles,
)
from scheduler.cli.options import (
    Docx,
    Gap,
    Ics,
    Keep,
    Language,
    Log,
    Plot,
    Programme,
    Quiet,
    Seed,
    SessionOrBundled,
    TimeLimit,
    TimetableOutput,
    Timezone,
    Workers,
)
from scheduler.cli.progress import live_progress
from scheduler.errors import ExitCode
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Session

if TYPE_CHECKING:
    from scheduler.pipeline import Run, Targets
    from scheduler.timetable import Timetable


@app.command("solve")
def solve_command(
    session: SessionOrBundled = None,
    output: TimetableOutput = None,
    lang: Language = None,
    time_limit: TimeLimit = None,
    gap: Gap = None,
    workers: Workers = None,
    seed: Seed = None,
    log: Log = None,
    docx: Docx = None,
    ics: Ics = None,
    programme: Programme = None,
    timezone: Timezone = None,
    plot: Plot = None,
    keep: Keep = None,
    quiet: Quiet = False,
) -> None:
    """Solve a session and write its timetable workbook."""
    from scheduler.pipeline import Settings, Targets, plan, publish

    with planner_errors(session, resume=False):
        loaded, path = load(session)
        # read without the garbage collector, as the rest of start-up, with what it imports
        resume_collector("models.model", "scheduler.io.timetable_workbook")
        said = language(lang, loaded, Lang.fr)
        targets = Targets(
            lang=said,
            workbook=output if output is not None else Path(f"{path.stem}-timetable.xlsx"),
            docx=docx,
            ics=ics,
            programme=programme,
            plot=plot,
            timezone=timezone,
            session_file=path,
        )
        _refuse_bad_targets(targets, log, inputs={"SESSION": path, "--keep": keep})
        warn_of_missing_titles(loaded, said)  # even with --quiet
        warnings = []
        if ics is not None:
            from scheduler.io.ics import time_zone_warning

            warnings.append(time_zone_warning(loaded, timezone))
        for warning in warnings:
            if warning and not quiet:
                err_console.print(f"warning: {warning}", markup=False)
        previous = _kept(keep, loaded, path)
        with live_progress(not quiet) as progress:
            settings = Settings(
                time_limit=time_limit,
                gap=gap,
                workers=workers,
                seed=seed,
                log_path=log,
                on_solution=progress.update if progress else None,
                lang=said,
            )
            run = plan(loaded, previous=previous, settings=settings)
        if run.timetable is None:
            _no_timetable(run, said)
        written = publish(run, targets)
    assert run.result is not None and run.validation is not None
    if not quiet:
        _print_summary(loaded, run.result)
        _print_changes(run, keep, targets.workbook)
        if run.result.status is SolveStatus.FEASIBLE:
            found = run.result.gap
            stopped = "the gap limit" if run.result.stopped_at_gap else "the time limit"
            err_console.print(
                f"warning: {stopped} stopped the search; this timetable is valid but not "
                "proven optimal" + (f" (gap {found:.1%})" if found is not None else ""),
                markup=False,
            )
    for path_written in written:
        console.print(str(path_written), markup=False)
    if not run.validation.ok:
        err_console.print("error: the solver's timetable breaks rules (please report this):")
        for finding in run.validation.findings:
            err_console.print(f"  {finding.rule}: {finding.text(said)}", markup=False)
        raise exit_with(ExitCode.RULES_BROKEN)


def _kept(keep: Path | None, session: Session, path: Path) -> Timetable | None:
    """The rows `--keep` pins: a timetable workbook's pinned rows, or every row of a session
    file's published grid (`--keep SESSION.yaml`, complete or partial: the rest is solved)."""
    if keep is None:
        return None
    if keep.suffix.lower() not in {".yaml", ".yml", ".json"}:
        from scheduler.io.timetable_workbook import read_assignments

        return read_assignments(keep, session=session)
    from scheduler.errors import InputError
    from scheduler.published import published_grid

    kept = session if keep.resolve() == path.resolve() else load(keep)[0]
    if not kept.published:
        raise InputError("the session has no published timetable", file=keep, field="published")
    return published_grid(kept).pinned()


def _refuse_bad_targets(targets: Targets, log: Path | None, inputs: dict[str, Path | None]) -> None:
    """Outputs that could not be written, or would overwrite an input or one another, are
    refused before the search, not after it."""
    suffixes = {**PUBLISHED_SUFFIXES, "--output": ".xlsx"}
    ensure_all_writable({**targets.outputs(), "--log": log}, inputs, suffixes)
    if targets.plot is not None:
        from scheduler.plots import picture_format

        picture_format(targets.plot, option="--plot")
    if targets.ics is not None:
        from scheduler.io.ics import time_zone

        time_zone(targets.timezone)  # a bad zone is refused before the search


def _no_timetable(run: Run, lang: str) -> None:
    """Say why there is no timetable and exit: 1 for pinned rows that break rules by
    themselves, 3 infeasible (naming the pinned rows that cannot all stay, when re-planned),
    4 time out."""
    replanned = run.replanned
    if run.conflicts:
        err_console.print("the pinned rows of the kept timetable break rules by themselves:")
        for conflict in run.conflicts:
            err_console.print(f"  {conflict.rule}: {conflict.text(lang)}", markup=False)
        raise exit_with(ExitCode.RULES_BROKEN)
    if run.kept is not None:  # the pinned rows that cannot all stay, and why
        err_console.print("status: infeasible")
        for line in run.kept.lines(lang):
            err_console.print(line, markup=False)
        raise exit_with(ExitCode.INFEASIBLE)
    if replanned is not None and replanned.explanation:
        err_console.print(replanned.explanation, markup=False)
    if run.status is SolveStatus.INFEASIBLE:
        err_console.print("status: infeasible")
        if run.explanation is not None:  # as `schedule explain` prints it
            err_console.print(run.explanation.text(), markup=False)
        elif run.unexplained:
            err_console.print(
                f"Too little of the time limit ({run.time_limit:g} s) was left to explain why; "
                "`schedule explain` says which rules cannot all hold.",
                markup=False,
            )
        raise exit_with(ExitCode.INFEASIBLE)
    assert run.status is not None
    if run.status is SolveStatus.INVALID:  # settings are bounded: this is a fault of ours
        err_console.print(
            "invalid: the solver refused the model or its parameters; please report this"
        )
        raise exit_with(ExitCode.NO_TIMETABLE)
    err_console.print(
        f"{run.status.value}: no timetable found within the time limit of {run.time_limit:g} s; "
        "try a longer --time-limit."
    )
    raise exit_with(ExitCode.NO_TIMETABLE)


def _print_changes(run: Run, keep: Path | None, out: Path | None) -> None:
    """What the re-plan moved from the kept timetable, and whether fewer moves are possible."""
    if run.changes is None or keep is None or out is None:
        return
    from scheduler.cli.diff import print_changes

    print_changes(run.changes, console, before=keep.name, after=out.name)
    if run.replanned is not None and run.replanned.proven_minimal:
        console.print(
            "proven minimal: no timetable that keeps the pinned rows moves fewer activities",
            markup=False,
        )


def _print_summary(session: Session, result: SolveResult) -> None:
    from rich.table import Table

    timetable = result.timetable
    assert timetable is not None
    minute_items = {a.id for a in session.activities if not a.whole_meetings}
    carried = [a for a in timetable.carried_over() if a in minute_items]
    table = Table(show_header=False, box=None, pad_edge=False)
    table.add_column(style="bold")
    table.add_column()
    table.add_row("status", result.status.value)
    table.add_row("objective", _number(result.objective))
    table.add_row("best bound", _number(result.best_bound))
    if result.gap is not None and result.status is SolveStatus.FEASIBLE:
        table.add_row("gap", f"{result.gap:.2%}")
    table.add_row(
        "interpreted meetings",
        f"{timetable.interpreted_meetings()} of {session.interpretation.budget}",
    )
    table.add_row("items carried over", ", ".join(carried) if carried else "none")
    table.add_row(
        "solve time", f"{result.wall_time:.2f} s (model built in {result.build_time:.2f} s)"
    )
    if result.first_solution_time is not None:
        table.add_row(
            "first timetable",
            f"{result.first_solution_time:.2f} s into the search, "
            f"{result.build_time + result.first_solution_time:.2f} s with the model's building",
        )
    console.print(table)
    costs = Table(show_header=True, box=None, pad_edge=False)
    costs.add_column("preference", style="bold")
    costs.add_column("cost", justify="right")
    for name, cost in result.penalties.items():
        costs.add_row(name, _number(cost))
    console.print(costs)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"
