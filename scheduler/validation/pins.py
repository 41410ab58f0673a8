"""Pinned rows that break rules by themselves: a question about the timetable, not the model.

Before re-planning, the rows a planner pinned are checked on their own: a rule broken among
pinned rows stays broken whatever the re-plan adds, so no solve is needed to refuse them, and
the refusal can name the rows. Rows naming an unknown activity or slot, pinned parts longer
than their activity, and the validator's findings on the pinned rows alone are such conflicts.
"""

from __future__ import annotations

from dataclasses import dataclass

from scheduler.rules import HARD_RULE_NAMES
from scheduler.session import Session
from scheduler.timetable import Assignment, Timetable
from scheduler.validation.findings import Finding
from scheduler.validation.registry import validate

#: Rules whose findings on the pinned rows alone hold for every timetable that keeps them: a
#: rule broken among pinned rows stays broken whatever is added. (`full-duration`,
#: `consecutive-meetings` and `fixed-start` speak of whole activities; they are checked on
#: pinned rows by `_row_conflicts` as far as rows alone can break them.)
PIN_RULES: tuple[str, ...] = tuple(
    r for r in HARD_RULE_NAMES if r not in {"full-duration", "consecutive-meetings", "fixed-start"}
)


@dataclass(frozen=True)
class PinConflict:
    """A rule that the pinned rows break by themselves, and the pinned rows concerned."""

    finding: Finding
    rows: tuple[Assignment, ...]

    @property
    def rule(self) -> str:
        return self.finding.rule

    def text(self, lang: str = "en") -> str:
        rows = "; ".join(_row_label(r) for r in self.rows)
        return f"{self.finding.text(lang)} [pinned: {rows}]" if rows else self.finding.text(lang)


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
                _conflict(
                    "full-duration",
                    f"{row.activity} is pinned but is not an activity of the session",
                    f"{row.activity} est épinglé mais n'est pas une activité de la session",
                    [row],
                )
            )
        elif row.body != activities[row.activity].body:
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{row.activity} is pinned in a meeting of {row.body}, but belongs to "
                    f"{activities[row.activity].body}",
                    f"{row.activity} est épinglé dans une séance de {row.body}, mais relève de "
                    f"{activities[row.activity].body}",
                    [row],
                )
            )
        elif (row.date, row.period) not in slots:
            conflicts.append(
                _conflict(
                    "within-periods",
                    f"{row.activity} is pinned to {row.date} {row.period}, not a slot of the "
                    "session",
                    f"{row.activity} est épinglé le {row.date} {row.period}, hors des créneaux "
                    "de la session",
                    [row],
                )
            )
    for activity in activities.values():
        rows = [r for r in pinned if r.activity == activity.id]
        if not rows:
            continue
        for row in rows:
            if activity.date is not None and row.date != activity.date:
                conflicts.append(
                    _conflict(
                        "fixed-start",
                        f"{activity.id} is held on {activity.date} but pinned on {row.date}",
                        f"{activity.id} se tient le {activity.date} mais est épinglé le {row.date}",
                        [row],
                    )
                )
            elif activity.fixed_start is not None and row.start_at < activity.fixed_start:
                conflicts.append(
                    _conflict(
                        "fixed-start",
                        f"{activity.id} starts at {activity.fixed_start:%Y-%m-%d %H:%M} but is "
                        f"pinned at {row.start_at:%Y-%m-%d %H:%M}",
                        f"{activity.id} commence le {activity.fixed_start:%Y-%m-%d %H:%M} mais "
                        f"est épinglé le {row.start_at:%Y-%m-%d %H:%M}",
                        [row],
                    )
                )
        if activity.whole_meetings and len(rows) > (activity.meetings or 0):
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{activity.id} has {len(rows)} pinned meetings but needs {activity.meetings}",
                    f"{activity.id} a {len(rows)} séances épinglées pour {activity.meetings}",
                    rows,
                )
            )
        elif activity.minutes is not None and sum(r.minutes for r in rows) > activity.minutes:
            conflicts.append(
                _conflict(
                    "full-duration",
                    f"{activity.id} has {sum(r.minutes for r in rows)} pinned minutes but lasts "
                    f"{activity.minutes}",
                    f"{activity.id} a {sum(r.minutes for r in rows)} minutes épinglées pour une "
                    f"durée de {activity.minutes}",
                    rows,
                )
            )
    return conflicts


def _conflict(rule: str, en: str, fr: str, rows: list[Assignment]) -> PinConflict:
    finding = Finding(rule, en, fr, activities=tuple(dict.fromkeys(r.activity for r in rows)))
    return PinConflict(finding, tuple(rows))


def _row_label(row: Assignment) -> str:
    return f"{row.activity} {row.date:%Y-%m-%d} {row.period} {row.start:%H:%M}-{row.end:%H:%M}"
