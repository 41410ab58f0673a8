"""`schedule export`: a timetable workbook in, what the secretariat publishes out.

The timetable is read from the workbook's `Assignments` sheet (as `schedule check` reads it), so
a timetable solved once, or edited by hand, is published without solving again: the annex as a
Word document, the calendar of meetings, the daily programme, in any of the six languages.

The timetable is checked first, as `schedule check` does: one that breaks rules is refused
(exit 1, the findings printed, nothing written) unless `--force`, and then every document
says "DRAFT: this timetable breaks N rules" (`scheduler.io.draft`).
"""

from __future__ import annotations

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
    print_findings,
    warn_of_missing_titles,
)
from scheduler.cli.options import (
    Docx,
    Draft,
    Ics,
    Language,
    Programme,
    Quiet,
    SessionOfTimetable,
    TimetableWorkbook,
    Timezone,
)
from scheduler.errors import ExitCode, InputError
from scheduler.messages import word
from scheduler.session import Session
from scheduler.timetable import Timetable
from scheduler.validation import Report


@app.command("export")
def export_command(
    timetable: TimetableWorkbook,
    session: SessionOfTimetable = None,
    docx: Docx = None,
    ics: Ics = None,
    programme: Programme = None,
    lang: Language = None,
    timezone: Timezone = None,
    force: Draft = False,
    quiet: Quiet = False,
) -> None:
    """Write the annex (Word), the calendar (iCalendar) or the daily programme of a timetable."""
    from scheduler.io.ics import time_zone, time_zone_warning
    from scheduler.io.timetable_workbook import read_assignments
    from scheduler.pipeline import Run, Targets, publish
    from scheduler.validation import validate

    with planner_errors():
        if docx is None and ics is None and programme is None:
            raise InputError("give at least one of --docx, --ics, --programme", field="usage")
        ensure_all_writable(
            {"--docx": docx, "--ics": ics, "--programme": programme},
            inputs={"TIMETABLE": timetable, "--session": session},
            suffixes=PUBLISHED_SUFFIXES,
        )
        time_zone(timezone)  # a bad zone is refused before anything is written
        loaded, _ = load(session)
        said = language(lang, loaded, Lang.fr)
        read = read_assignments(timetable, session=loaded)
        if not quiet:
            zone = time_zone_warning(loaded, timezone) if ics is not None else None
            for warning in (_foreign(loaded, read), zone):
                if warning:
                    err_console.print(f"warning: {warning}", markup=False)
        warn_of_missing_titles(loaded, said)  # even with --quiet
        report = validate(loaded, read)
        if not report.ok:
            _print_findings(report, timetable.name, said, draft=force)
            if not force:
                raise exit_with(ExitCode.RULES_BROKEN)
        targets = Targets(lang=said, docx=docx, ics=ics, programme=programme, timezone=timezone)
        written = publish(Run.given(loaded, read, report), targets)
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


def _print_findings(report: Report, what: str, lang: str, *, draft: bool) -> None:
    """The rules the timetable breaks, as `schedule check` prints them, then what follows."""
    print_findings(report, what, lang, err_console)
    broken = report.broken_rules()
    if draft:
        mark = word("cli.draft", lang, count=len(broken))
        err_console.print(f"warning: published as a draft (--force): {mark}", markup=False)
    else:
        err_console.print(
            "error: nothing written; correct the Assignments sheet (`schedule check` lists the "
            "same), or give --force to publish it marked as a draft",
            markup=False,
        )
