"""`schedule export`: a timetable workbook in, what the secretariat publishes out.

The timetable is read from the workbook's `Assignments` sheet (as `schedule check` reads it), so
a timetable solved once, or edited by hand, is published without solving again: the annex as a
Word document, the calendar of meetings, the daily programme, in any of the six languages.
"""

from __future__ import annotations

from pathlib import Path

import typer

from scheduler.cli.app import app
from scheduler.cli.common import (
    Lang,
    console,
    ensure_writable,
    err_console,
    load,
    planner_errors,
)
from scheduler.errors import InputError
from scheduler.session import Session
from scheduler.timetable import Timetable


@app.command("export")
def export_command(
    timetable: Path = typer.Argument(..., help="Timetable workbook (its Assignments sheet)."),
    session: Path | None = typer.Option(
        None,
        "--session",
        "-s",
        help="Session file the timetable was made for. Default: the bundled COP9 session.",
        show_default=False,
    ),
    docx: Path | None = typer.Option(None, "--docx", help="Write the annex as a Word document."),
    ics: Path | None = typer.Option(None, "--ics", help="Write the meetings as a calendar."),
    programme: Path | None = typer.Option(
        None, "--programme", help="Write the daily programme (a workbook)."
    ),
    lang: Lang = typer.Option(Lang.fr, "--lang", help="Language of what is written."),
    timezone: str | None = typer.Option(
        None,
        "--timezone",
        help="Time zone of the venue for the calendar, e.g. Europe/Vienna. "
        "Default: local times without a zone.",
    ),
    quiet: bool = typer.Option(False, "--quiet", "-q", help="Print only the output paths."),
) -> None:
    """Write the annex (Word), the calendar (iCalendar) or the daily programme of a timetable."""
    from scheduler.io.docx_annex import write_annex_docx
    from scheduler.io.ics import time_zone, write_ics
    from scheduler.io.programme import write_programme
    from scheduler.io.workbook import read_assignments
    from scheduler.labels import missing_titles_warning

    outputs = ((docx, "--docx"), (ics, "--ics"), (programme, "--programme"))
    with planner_errors():
        if not any(path for path, _ in outputs):
            raise InputError("give at least one of --docx, --ics, --programme", field="usage")
        for path, option in outputs:
            if path is not None:
                ensure_writable(path, option)
        time_zone(timezone)  # a bad zone is refused before anything is written
        loaded, _ = load(session)
        read = read_assignments(timetable)
        if not quiet:
            for warning in (_foreign(loaded, read), missing_titles_warning(loaded, lang.value)):
                if warning:
                    err_console.print(f"warning: {warning}", markup=False)
        written: list[Path] = []
        if docx is not None:
            write_annex_docx(docx, loaded, read, lang.value)
            written.append(docx)
        if ics is not None:
            write_ics(ics, loaded, read, lang.value, timezone=timezone)
            written.append(ics)
        if programme is not None:
            write_programme(programme, loaded, read, lang.value)
            written.append(programme)
    for path in written:
        console.print(str(path), markup=False)


def _foreign(session: Session, timetable: Timetable) -> str | None:
    """A warning naming the timetable's activities the session does not have, if any."""
    known = {a.id for a in session.activities}
    unknown = sorted({a.activity for a in timetable if a.activity not in known})
    if not unknown:
        return None
    return (
        f"activities not in the session, printed as the workbook names them: "
        f"{', '.join(unknown)} (is --session the session of this timetable?)"
    )
