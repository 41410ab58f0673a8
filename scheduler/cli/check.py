"""`schedule check`: the independent validator, on a workbook or on the published annex.

A published grid may be partial (it leaves some activities out, docs/RULES.md "Published
grids"): its rows are checked, the activities it leaves out are named, and a finding that only
says the grid is incomplete (an activity missing, one given fewer minutes or meetings than it
needs, a rule between a listed activity and one left out) is not checked rather than reported.
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import TYPE_CHECKING

from scheduler.cli.app import app
from scheduler.cli.common import (
    Lang,
    console,
    exit_with,
    language,
    load,
    planner_errors,
    print_findings,
)
from scheduler.cli.options import CheckedTimetable, Language, Published, SessionFile
from scheduler.errors import ExitCode, InputError
from scheduler.io.session_file import is_timetable_workbook
from scheduler.messages import word
from scheduler.messages.terms import Activities
from scheduler.rules import HARD_RULES

if TYPE_CHECKING:
    from scheduler.published import PublishedGrid
    from scheduler.session import Session
    from scheduler.validation import Finding, Report


@dataclass(frozen=True)
class GridCheck:
    """The validator's report on a published grid, less what a partial grid cannot say."""

    report: Report
    grid: PublishedGrid
    not_checked: tuple[Finding, ...] = ()  # set aside: they speak of activities not in the grid

    @property
    def not_checked_rules(self) -> list[str]:
        return sorted({f.rule for f in self.not_checked})


def check_grid(session: Session, grid: PublishedGrid) -> GridCheck:
    """Validate a published grid; on a partial one, set aside what needs the whole timetable."""
    from scheduler.validation import validate

    report = validate(session, grid.timetable)
    if not grid.partial:
        return GridCheck(report, grid)
    kept: list[Finding] = []
    aside: list[Finding] = []
    absent = set(grid.absent)
    for finding in report.findings:
        whole = _needs_whole_timetable(session, finding, absent)
        (aside if whole else kept).append(finding)
    return GridCheck(replace(report, findings=tuple(kept)), grid, tuple(aside))


#: Relation rules whose findings a partial grid can make false, with the relation concerned.
_RELATIONS = {"in-parallel": "in_parallel_with", "sequence": "after_start_of"}


def _needs_whole_timetable(session: Session, finding: Finding, absent: set[str]) -> bool:
    """A finding a partial grid may give without the timetable being wrong: it names an
    activity the grid leaves out; it says a listed activity has too few minutes or meetings
    (its other parts may be on a day the grid does not show); or it relates a listed activity
    to an entry not all in the grid (an activity, a heading's sub-items, a body's agenda):
    meeting while an `in_parallel_with` entry does not, starting before an `after_start_of`
    entry starts. (Missing rows only hide breaches of the other rules, never make false ones:
    a missing part of an `after_end_of` entry would end it later still.)"""
    if absent.intersection(finding.activities):
        return True
    from scheduler.published import stands_for

    known = _ids(session)
    relation = _RELATIONS.get(finding.rule)
    if relation is not None and all(a in known for a in finding.activities):
        entries = [e for a in finding.activities for e in getattr(session.activity(a), relation)]
        if any(absent & stands_for(session, e) for e in entries):
            return True
    args = finding.message.args
    key = finding.message.key
    if key == "full-duration.total-minutes":
        return _number(args.get("total")) < _number(args.get("want"))
    if key == "full-duration.meetings-count":
        return _number(args.get("n")) < _number(args.get("want"))
    return False


def _ids(session: Session) -> set[str]:
    return {a.id for a in session.activities}


def _number(value: object) -> float:
    return float(value) if isinstance(value, int | float) else 0.0


@app.command("check")
def check_command(
    session: SessionFile,
    timetable: CheckedTimetable = None,
    published: Published = False,
    lang: Language = None,
) -> None:
    """List every rule a timetable breaks, by name, with the items and meetings involved."""
    from scheduler.published import published_grid
    from scheduler.validation import validate

    checked_grid: GridCheck | None = None
    with planner_errors():
        if published == (timetable is not None):
            raise InputError(
                "give a TIMETABLE workbook or --published (one of the two)", field="usage"
            )
        if timetable is not None and is_timetable_workbook(session):
            raise InputError(
                "is a timetable workbook: the session comes first "
                f"(schedule check {timetable} {session})",
                file=session,
            )
        loaded, _ = load(session)
        said = language(lang, loaded, Lang.en)
        if published:
            if not loaded.published:
                raise InputError(
                    "the session has no published timetable", file=session, field="published"
                )
            checked_grid = check_grid(loaded, published_grid(loaded, lang=said))
            report = checked_grid.report
        else:
            from scheduler.io.timetable_workbook import read_assignments  # openpyxl

            assert timetable is not None
            report = validate(loaded, read_assignments(timetable, session=loaded))
    what = word("cli.check.published", said) if published else str(timetable)
    if checked_grid is not None and checked_grid.grid.partial:
        _print_partial(loaded, checked_grid, what, said)
    if report.ok:
        ok = word("cli.check.ok", said, what=what, n=len(HARD_RULES), objective=report.objective)
        console.print(ok, markup=False)
        return
    print_findings(report, what, said, console)
    raise exit_with(ExitCode.RULES_BROKEN)


def _print_partial(session: Session, checked: GridCheck, what: str, lang: str) -> None:
    """Which activities the grid leaves out, and which rules could not be checked for them."""
    grid = checked.grid
    counts = {"listed": len(grid.listed), "total": grid.total}
    absent = Activities.of(session, grid.absent).say(lang)
    console.print(word("cli.check.partial", lang, what=what, absent=absent, **counts), markup=False)
    if checked.not_checked:
        names = ", ".join(checked.not_checked_rules)
        console.print(word("cli.check.not-checked", lang, names=names, **counts), markup=False)
