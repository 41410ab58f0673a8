"""`schedule check`: the independent validator, on a workbook or on the published annex."""

from __future__ import annotations

from scheduler.cli.app import app
from scheduler.cli.common import Lang, console, exit_with, language, load, planner_errors
from scheduler.cli.options import CheckedTimetable, Language, Published, SessionFile
from scheduler.errors import ExitCode, InputError
from scheduler.messages import word
from scheduler.rules import HARD_RULES


@app.command("check")
def check_command(
    session: SessionFile,
    timetable: CheckedTimetable = None,
    published: Published = False,
    lang: Language = None,
) -> None:
    """List every rule a timetable breaks, by name, with the items and meetings involved."""
    from scheduler.io.timetable_workbook import read_assignments
    from scheduler.published import published_timetable
    from scheduler.validation import validate

    with planner_errors():
        if published == (timetable is not None):
            raise InputError(
                "give a TIMETABLE workbook or --published (one of the two)", field="usage"
            )
        loaded, _ = load(session)
        said = language(lang, loaded, Lang.en)
        if published:
            if not loaded.published:
                raise InputError(
                    "the session has no published timetable", file=session, field="published"
                )
            checked = published_timetable(loaded, lang=said)
        else:
            assert timetable is not None
            checked = read_assignments(timetable, session=loaded)
        report = validate(loaded, checked)
    what = word("cli.check.published", said) if published else str(timetable)
    if report.ok:
        ok = word("cli.check.ok", said, what=what, n=len(HARD_RULES), objective=report.objective)
        console.print(ok, markup=False)
        return
    broken = report.broken_rules()
    summary = word(
        "cli.check.broken",
        said,
        what=what,
        count=len(report.findings),
        rules=len(broken),
        names=", ".join(broken),
    )
    console.print(summary, markup=False)
    for finding in report.findings:
        console.print(f"  {finding.rule}: {finding.text(said)}", markup=False)
    raise exit_with(ExitCode.RULES_BROKEN)
