"""`schedule solve`: session file in, timetable workbook (and what is published) out."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import typer
from rich.table import Table

from scheduler.cli.app import app
from scheduler.cli.common import (
    Lang,
    console,
    ensure_writable,
    err_console,
    exit_with,
    load,
    planner_errors,
)
from scheduler.cli.progress import live_progress
from scheduler.errors import ExitCode
from scheduler.result import SolveResult, SolveStatus
from scheduler.session import Session

if TYPE_CHECKING:
    from models.replan import ReplanResult


@app.command("solve")
def solve_command(
    session: Path | None = typer.Argument(
        None,
        help="Session file (YAML or session workbook). Default: the bundled COP9 session.",
        show_default=False,
    ),
    output: Path | None = typer.Option(
        None, "-o", "--output", help="Workbook to write. Default: <session>-timetable.xlsx"
    ),
    lang: Lang = typer.Option(Lang.fr, "--lang", help="Language of what is written."),
    time_limit: float | None = typer.Option(
        None, "--time-limit", min=0.001, help="Seconds of search (default: the session's)."
    ),
    workers: int | None = typer.Option(None, "--workers", min=0, help="Solver threads; 0: all."),
    seed: int | None = typer.Option(None, "--seed", min=0, help="Random seed of the search."),
    log: Path | None = typer.Option(None, "--log", help="Write the solver's own log there."),
    docx: Path | None = typer.Option(None, "--docx", help="Also write the annex (Word)."),
    ics: Path | None = typer.Option(None, "--ics", help="Also write the meetings (iCalendar)."),
    programme: Path | None = typer.Option(
        None, "--programme", help="Also write the daily programme (workbook)."
    ),
    timezone: str | None = typer.Option(
        None, "--timezone", help="Time zone of the venue for --ics, e.g. Europe/Vienna."
    ),
    plot: Path | None = typer.Option(
        None, "--plot", help="Also draw the timetable (.png, .svg or .pdf)."
    ),
    keep: Path | None = typer.Option(
        None,
        "--keep",
        help="Re-plan an earlier timetable workbook: its pinned rows stay, the fewest and "
        "smallest changes move the rest.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the output paths."),
) -> None:
    """Solve a session and write its timetable workbook."""
    from models import solve
    from models.replan import replan
    from scheduler.cli.diff import print_changes
    from scheduler.io.workbook import read_assignments, write_workbook
    from scheduler.labels import missing_titles_warning
    from scheduler.prechecks import precheck
    from scheduler.validation import validate

    with planner_errors():
        loaded, path = load(session)
        out = output if output is not None else Path(f"{path.stem}-timetable.xlsx")
        extra = {
            "--log": log,
            "--docx": docx,
            "--ics": ics,
            "--programme": programme,
            "--plot": plot,
        }
        for option, target in {"--output": out, **extra}.items():
            if target is not None:
                ensure_writable(target, option)
        if plot is not None:
            from scheduler.plots import picture_format

            picture_format(plot, option="--plot")
        if ics is not None:
            from scheduler.io.ics import time_zone

            time_zone(timezone)  # a bad zone is refused before the search
        warning = missing_titles_warning(loaded, lang.value)
        if warning and not quiet:
            err_console.print(f"warning: {warning}", markup=False)
        previous = read_assignments(keep) if keep is not None else None
        limit = time_limit if time_limit is not None else loaded.solver.time_limit
        if precheck(loaded):  # proven impossible by counting: explain without searching
            _no_timetable(SolveResult(SolveStatus.INFEASIBLE, None), limit, loaded, lang.value)
        with live_progress(not quiet) as progress:
            listener = progress.update if progress else None
            if previous is None:
                replanned = None
                result = solve(
                    loaded,
                    time_limit=time_limit,
                    workers=workers,
                    seed=seed,
                    log_path=log,
                    on_solution=listener,
                )
            else:
                replanned = replan(
                    loaded,
                    previous,
                    time_limit=time_limit,
                    workers=workers,
                    seed=seed,
                    log_path=log,
                    on_solution=listener,
                )
                result = replanned.result
        if replanned is not None:
            _replan_failures(replanned, lang.value)
        if result.timetable is None:
            _no_timetable(result, limit, loaded, lang.value)
        timetable = result.timetable
        assert timetable is not None
        report = validate(loaded, timetable)
        changes = replanned.changes if replanned is not None else None
        write_workbook(
            out,
            loaded,
            timetable,
            result,
            report,
            lang=lang.value,
            session_file=path,
            changes=changes,
        )
        written = [out, *_publish(loaded, timetable, lang.value, docx, ics, programme, timezone)]
        if plot is not None:
            from scheduler.plots import save_plot

            written.append(save_plot(plot, loaded, timetable, lang=lang.value, option="--plot"))
    if not quiet:
        _print_summary(loaded, result)
        if replanned is not None and replanned.changes is not None and keep is not None:
            print_changes(replanned.changes, console, before=keep.name, after=out.name)
            if replanned.proven_minimal:
                console.print(
                    "proven minimal: no timetable that keeps the pinned rows moves fewer "
                    "activities",
                    markup=False,
                )
        if result.status is SolveStatus.FEASIBLE:
            err_console.print(
                "warning: the time limit stopped the search; this timetable is valid but not "
                "proven optimal" + (f" (gap {result.gap:.1%})" if result.gap is not None else ""),
                markup=False,
            )
    for path_written in written:
        console.print(str(path_written), markup=False)
    if not report.ok:
        err_console.print("error: the solver's timetable breaks rules (please report this):")
        for finding in report.findings:
            err_console.print(f"  {finding.rule}: {finding.text(lang.value)}", markup=False)
        raise exit_with(ExitCode.RULES_BROKEN)


def _publish(
    session: Session,
    timetable: object,
    lang: str,
    docx: Path | None,
    ics: Path | None,
    programme: Path | None,
    timezone: str | None,
) -> list[Path]:
    """Write the optional publication formats; the paths written."""
    from scheduler.timetable import Timetable

    assert isinstance(timetable, Timetable)
    written: list[Path] = []
    if docx is not None:
        from scheduler.io.docx_annex import write_annex_docx

        write_annex_docx(docx, session, timetable, lang)
        written.append(docx)
    if ics is not None:
        from scheduler.io.ics import write_ics

        write_ics(ics, session, timetable, lang, timezone=timezone)
        written.append(ics)
    if programme is not None:
        from scheduler.io.programme import write_programme

        write_programme(programme, session, timetable, lang)
        written.append(programme)
    return written


def _replan_failures(replanned: ReplanResult, lang: str) -> None:
    """Pinned rows that break rules by themselves are named, row by row (exit 1)."""
    if replanned.conflicts:
        err_console.print("the pinned rows of the kept timetable break rules by themselves:")
        for conflict in replanned.conflicts:
            err_console.print(f"  {conflict.rule}: {conflict.text(lang)}", markup=False)
        raise exit_with(ExitCode.RULES_BROKEN)
    if replanned.result.timetable is None and replanned.explanation:
        err_console.print(replanned.explanation, markup=False)


def _no_timetable(result: SolveResult, time_limit: float, session: Session, lang: str) -> None:
    if result.status is SolveStatus.INFEASIBLE:
        from scheduler.cli.explain import print_explanation

        err_console.print("status: infeasible")
        print_explanation(session, lang, time_limit, stderr=True)  # as `schedule explain`
        raise exit_with(ExitCode.INFEASIBLE)
    err_console.print(
        f"{result.status.value}: no timetable found within the time limit of {time_limit:g} s; "
        "try a longer --time-limit."
    )
    raise exit_with(ExitCode.NO_TIMETABLE)


def _print_summary(session: Session, result: SolveResult) -> None:
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
    console.print(table)


def _number(value: float | None) -> str:
    if value is None:
        return "-"
    return f"{value:g}"
