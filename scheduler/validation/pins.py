"""Pinned rows that break rules by themselves: a question about the timetable, not the model.

Before re-planning, the rows a planner pinned are checked on their own: a rule broken among
pinned rows stays broken whatever the re-plan adds, so no solve is needed to refuse them, and
the refusal can name the rows. Rows naming an unknown activity or slot, pinned parts longer
than their activity, and the validator's findings on the pinned rows alone are such conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.messages import Message, word
from scheduler.messages.terms import Day, Listing
from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation.findings import Finding
from scheduler.validation.registry import validate

#: Rules whose findings on the pinned rows alone hold for every timetable that keeps them: a
#: rule broken among pinned rows stays broken whatever is added. (`full-duration`,
#: `consecutive-meetings`, `fixed-start` and `held-on-date` speak of whole activities; they are
#: checked on pinned rows by `_row_conflicts` as far as rows alone can break them, naming the
#: rows.)
_BY_ROWS = {"full-duration", "consecutive-meetings", "fixed-start", "held-on-date"}
PIN_RULES: tuple[str, ...] = tuple(r for r in HARD_RULE_NAMES if r not in _BY_ROWS)


@dataclass(frozen=True)
class PinConflict:
    """A rule that the pinned rows break by themselves, and the pinned rows concerned."""

    finding: Finding
    rows: tuple[Assignment, ...]

    @property
    def rule(self) -> str:
        return self.finding.rule

    def text(self, lang: str = "en") -> str:
        if not self.rows:
            return self.finding.text(lang)
        rows = Listing.of((_row_label(r) for r in self.rows), "terms.semicolon")
        return word("validation.pinned", lang, finding=self.finding.message, rows=rows)


def pinned_conflicts(session: Session, previous: Timetable) -> list[PinConflict]:
    """The rules the pinned rows break by themselves, with the pinned rows concerned.

    Rows naming an unknown activity or slot, pinned parts longer than their activity, and
    every finding of the validator on the pinned rows for the rules of `PIN_RULES`.
    """
    pinned = [row for row in previous if row.pinned]
    conflicts = _row_conflicts(session, pinned)
    known = [
        row
        for row in pinned
        if row.activity in {a.id for a in session.activities}
        and (row.date, row.period) in {(s.date, s.period.id) for s in session.slots}
    ]
    report = validate(session, Timetable.of(known))
    for finding in report.findings:
        if finding.rule not in PIN_RULES:
            continue
        rows = tuple(r for r in known if r.activity in finding.activities) or tuple(known)
        conflicts.append(PinConflict(finding, rows))
    return conflicts


def _row_conflicts(session: Session, pinned: list[Assignment]) -> list[PinConflict]:
    conflicts: list[PinConflict] = []
    slots = {(s.date, s.period.id) for s in session.slots}
    activities = {a.id: a for a in session.activities}
    for row in pinned:
        if row.activity not in activities:
            conflicts.append(
                _conflict("full-duration", "pinned-unknown", [row], activity=row.activity)
            )
        elif row.body != activities[row.activity].body:
            conflicts.append(
                _conflict(
                    "full-duration",
                    "pinned-wrong-body",
                    [row],
                    activity=row.activity,
                    body=row.body,
                    own=activities[row.activity].body,
                )
            )
        elif (row.date, row.period) not in slots:
            conflicts.append(
                _conflict(
                    "within-periods",
                    "pinned-no-slot",
                    [row],
                    activity=row.activity,
                    date=str(row.date),
                    period=row.period,
                )
            )
    for activity in activities.values():
        rows = [r for r in pinned if r.activity == activity.id]
        if not rows:
            continue
        for row in rows:
            if activity.dates and row.date not in activity.dates:
                conflicts.append(
                    _conflict(
                        "held-on-date",
                        "pinned-other-day",
                        [row],
                        activity=activity.id,
                        days=Listing.of(Day(d) for d in activity.dates),
                        pinned=Day(row.date),
                    )
                )
            elif activity.fixed_start is not None and row.start_at < activity.fixed_start:
                conflicts.append(
                    _conflict(
                        "fixed-start",
                        "pinned-early",
                        [row],
                        activity=activity.id,
                        start=f"{activity.fixed_start:%Y-%m-%d %H:%M}",
                        pinned=f"{row.start_at:%Y-%m-%d %H:%M}",
                    )
                )
        if activity.whole_meetings and len(rows) > (activity.meetings or 0):
            conflicts.append(
                _conflict(
                    "full-duration",
                    "pinned-meetings",
                    rows,
                    activity=activity.id,
                    count=len(rows),
                    want=activity.meetings or 0,
                )
            )
        elif activity.minutes is not None and sum(r.minutes for r in rows) > activity.minutes:
            conflicts.append(
                _conflict(
                    "full-duration",
                    "pinned-minutes",
                    rows,
                    activity=activity.id,
                    count=sum(r.minutes for r in rows),
                    want=activity.minutes,
                )
            )
    return conflicts


def _conflict(rule: str, name: str, rows: list[Assignment], **params: object) -> PinConflict:
    """A conflict of pinned rows: the message `<rule>.<name>` of the rule's wording file."""
    message = Message.of(f"{rule}.{name}", **params)
    finding = Finding(rule, message, activities=tuple(dict.fromkeys(r.activity for r in rows)))
    return PinConflict(finding, tuple(rows))


def _row_label(row: Assignment) -> str:
    return f"{row.activity} {row.date:%Y-%m-%d} {row.period} {row.start:%H:%M}-{row.end:%H:%M}"
